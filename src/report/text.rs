//! Pieces every renderer shares: the redline as segments, entry labels, status words, counts.

use crate::classify::Finding;
use crate::diff::{ClauseDiff, Op, Status};
use crate::document::Draft;

pub(crate) use crate::comparison::entry_label;
use crate::comparison::{Report, Summary};

/// What a piece of a redline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    /// Text both drafts have (shown as the new draft writes it).
    Equal,
    /// Text only the old draft has.
    Deleted,
    /// Text only the new draft has.
    Inserted,
    /// The brackets and separators of a choice among alternatives (`[`, `|`, `]`): a redline shows
    /// `[shall][should]` → `should` as `[shall|should]` with "shall" deleted, not as punctuation
    /// deleted around a kept word.
    Mark,
    /// A bracket of a span agreed as it stood (`[fully]` → `fully`): its brackets were lifted, its
    /// words kept. The closing one carries a tick (`]✓`), so an agreed passage does not read as one
    /// still bracketed, nor as punctuation deleted around a kept word.
    Lifted,
}

/// A piece of a redline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    /// What it is.
    pub kind: SegmentKind,
    /// Its text, original spelling and spacing.
    pub text: &'a str,
}

/// The redline of an entry as segments in reading order: a replacement is its deletion, then its
/// insertion.
pub fn segments<'a>(report: &'a Report, change: &'a ClauseDiff) -> Vec<Segment<'a>> {
    let (old, new) = (change.old_text(&report.old), change.new_text(&report.new));
    let mut out = Vec::with_capacity(change.words.edits.len() + 2);
    let mut push = |kind, text: &'a str| {
        if !text.is_empty() {
            out.push(Segment { kind, text });
        }
    };
    let edits = &change.words.edits;
    let choices = choices(report, change);
    let mut choice = choices.iter().peekable();
    let lifted = lifted(report, change);
    let mut lift = lifted.iter().peekable();
    let mut skip_to = 0;
    for (k, edit) in edits.iter().enumerate() {
        if k < skip_to {
            continue;
        }
        if let Some(&(_, close)) = lift.next_if(|l| l.0 == k) {
            // `[`, the kept words, `]`: the brackets marked lifted, spacing as the new draft has it.
            let lead = &old[edit.old.clone()];
            push(
                SegmentKind::Equal,
                &lead[..lead.len() - lead.trim_start().len()],
            );
            push(SegmentKind::Lifted, "[");
            push(SegmentKind::Equal, new[edits[k + 1].new.clone()].trim());
            push(SegmentKind::Lifted, "]✓");
            // Spacing after the `]` inside its deletion; the edit after it brings its own.
            let trail = &old[edits[close].old.clone()];
            push(SegmentKind::Equal, &trail[trail.trim_end().len()..]);
            skip_to = close + 1;
            continue;
        }
        if let Some(c) = choice.next_if(|c| c.edits.start == k) {
            skip_to = c.edits.end;
            push(SegmentKind::Mark, "[");
            for (i, alternative) in c.alternatives.iter().enumerate() {
                if i > 0 {
                    push(SegmentKind::Mark, "|");
                }
                let kind = if i == c.chosen {
                    SegmentKind::Equal
                } else {
                    SegmentKind::Deleted
                };
                push(kind, old[alternative.clone()].trim());
            }
            push(SegmentKind::Mark, "]");
            push(SegmentKind::Equal, &old[c.trailing.clone()]);
            continue;
        }
        let (o, n) = (&old[edit.old.clone()], &new[edit.new.clone()]);
        match edit.op {
            // Around a deletion the spacing is the old draft's, elsewhere the new draft's, so the
            // redline reads `to[-:-] permit` and `logistics [-without delay-].`
            Op::Equal => {
                let deleted =
                    |other: Option<&crate::diff::Edit>| other.is_some_and(|e| e.op == Op::Delete);
                let before = k.checked_sub(1).and_then(|p| edits.get(p));
                let lead_from = if deleted(before) { o } else { n };
                let trail_from = if deleted(edits.get(k + 1)) { o } else { n };
                push(
                    SegmentKind::Equal,
                    &lead_from[..lead_from.len() - lead_from.trim_start().len()],
                );
                push(SegmentKind::Equal, n.trim());
                push(
                    SegmentKind::Equal,
                    &trail_from[trail_from.trim_end().len()..],
                );
            }
            Op::Delete => push(SegmentKind::Deleted, o),
            Op::Insert => push(SegmentKind::Inserted, n),
            Op::Replace => {
                push(SegmentKind::Deleted, o);
                push(SegmentKind::Inserted, n);
            }
        }
    }
    out
}

/// The old clause of an entry that pairs one clause with one, when it holds brackets: the entries
/// whose redline can show bracket events (its edits run over that clause's text alone).
fn bracketed_one_to_one<'a>(
    report: &'a Report,
    change: &ClauseDiff,
) -> Option<&'a crate::document::Clause> {
    let ([index], [_]) = (&change.pair.old[..], &change.pair.new[..]) else {
        return None;
    };
    let clause = &report.old.clauses[*index];
    (!clause.brackets.spans.is_empty()).then_some(clause)
}

/// The single spans an entry's edits agree as they stood, in text order: a deletion of the span's
/// `[`, its words kept in one equal edit, a deletion of its `]`. Returns the edit indices of the two
/// deletions.
fn lifted(report: &Report, change: &ClauseDiff) -> Vec<(usize, usize)> {
    let Some(clause) = bracketed_one_to_one(report, change) else {
        return Vec::new();
    };
    let spans = &clause.brackets.spans;
    let text = &clause.text;
    let edits = &change.words.edits;
    let bracket = |e: &crate::diff::Edit, mark: &str| {
        e.op == Op::Delete && text[e.old.clone()].trim() == mark
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k + 2 < edits.len() {
        let (open, words, close) = (&edits[k], &edits[k + 1], &edits[k + 2]);
        if bracket(open, "[") && words.op == Op::Equal && bracket(close, "]") {
            let at = open.old.start + text[open.old.clone()].find('[').unwrap_or(0);
            let end = close.old.start + text[close.old.clone()].find(']').map_or(0, |p| p + 1);
            let span = spans.partition_point(|s| s.outer.start < at);
            let single = spans
                .get(span)
                .is_some_and(|s| s.outer == (at..end) && s.group.is_none());
            if single {
                out.push((k, k + 2));
                k += 3;
                continue;
            }
        }
        k += 1;
    }
    out
}

/// A group of alternatives of which one was kept and the others deleted with all the brackets.
struct Choice {
    /// The edits the group's old text spans.
    edits: std::ops::Range<usize>,
    /// Each alternative's words (old text).
    alternatives: Vec<std::ops::Range<usize>>,
    chosen: usize,
    /// Spacing after the group's closing bracket, inside its last edit.
    trailing: std::ops::Range<usize>,
}

/// The choices among alternatives an entry's edits make, in text order. Only a group whose edits lie
/// inside it, with one alternative kept whole and everything else of it deleted, is a choice; any
/// other change to a group is shown as it is.
fn choices(report: &Report, change: &ClauseDiff) -> Vec<Choice> {
    let Some(clause) = bracketed_one_to_one(report, change) else {
        return Vec::new();
    };
    let spans = &clause.brackets.spans;
    if !spans.iter().any(|s| s.group.is_some()) {
        return Vec::new();
    }
    let text = &clause.text;
    let edits = &change.words.edits;
    let mut out = Vec::new();
    // Groups come in text order, so each search of the edits starts where the last one ended.
    let mut cursor = 0;
    for (g, first) in spans.iter().enumerate() {
        if first.group != Some(g) {
            continue;
        }
        let members: Vec<&crate::document::Span> =
            clause.brackets.alternatives(g).map(|k| &spans[k]).collect();
        let (start, end) = (first.outer.start, members[members.len() - 1].outer.end);
        // The edits from the one that starts the group to the one that ends it (with its spacing).
        cursor += edits[cursor..].partition_point(|e| e.old.start < start);
        let from = cursor;
        if edits
            .get(from)
            .is_none_or(|e| e.old.start != start || e.old.is_empty())
        {
            continue;
        }
        let Some(last) = edits[from..]
            .iter()
            .position(|e| e.old.end >= end)
            .map(|p| from + p)
        else {
            continue;
        };
        let group = &edits[from..=last];
        if !text[end..group[group.len() - 1].old.end].trim().is_empty()
            || group.iter().any(|e| !e.new.is_empty() && e.op != Op::Equal)
        {
            continue;
        }
        // Kept bytes of the group: its equal edits.
        let kept: Vec<&std::ops::Range<usize>> = group
            .iter()
            .filter(|e| e.op == Op::Equal)
            .map(|e| &e.old)
            .collect();
        let is_kept = |r: &std::ops::Range<usize>| {
            let words = text[r.clone()].trim();
            !words.is_empty() && kept.iter().any(|k| text[(*k).clone()].trim() == words)
        };
        let chosen: Vec<usize> = members
            .iter()
            .enumerate()
            .filter(|(_, m)| is_kept(&m.inner))
            .map(|(i, _)| i)
            .collect();
        let [chosen] = chosen[..] else {
            continue;
        };
        if kept.len() != 1 || members.iter().any(|m| m.inner.is_empty()) {
            continue;
        }
        out.push(Choice {
            edits: from..last + 1,
            alternatives: members.iter().map(|m| m.inner.clone()).collect(),
            chosen,
            trailing: end..group[group.len() - 1].old.end,
        });
    }
    out.sort_by_key(|c| c.edits.start);
    out
}

/// Words describing an entry, for headers: `renumbered, modified`.
pub fn status_words(change: &ClauseDiff) -> Vec<&'static str> {
    let mut words = Vec::new();
    match change.status {
        Status::Moved => words.push("moved"),
        Status::Split => words.push("split"),
        Status::Merged => words.push("merged"),
        Status::Added => words.push("added"),
        Status::Removed => words.push("removed"),
        Status::Unchanged | Status::Modified => {}
    }
    if change.pair.renumbered {
        words.push("renumbered");
    }
    if change.modified {
        words.push("modified");
    }
    if words.is_empty() {
        words.push("unchanged");
    }
    words
}

/// The indices of a report's findings, most severe first (high, medium, low, info) and in the
/// report's own clause order within a severity. The sort is stable, so this only groups the report's
/// one order by severity; it adds no sort key of its own.
pub fn by_severity(findings: &[Finding]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(findings[i].severity));
    order
}

/// How many clauses a draft has, and its language when that is not English (a report on English
/// drafts reads as it always has; JSON always gives the language): `19 clauses`, `12 clauses, fr`.
pub fn counted_clauses(draft: &Draft) -> String {
    let count = plural(draft.clauses.len(), "clause");
    match draft.language {
        Some(language) if language != crate::text::Language::English => {
            format!("{count}, {language}")
        }
        _ => count,
    }
}

/// `1 clause`, `2 clauses`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The counts of a summary as a phrase: `9 unchanged, 2 modified, 3 renumbered, 2 removed`.
pub fn counts(summary: &Summary) -> String {
    let parts = [
        (summary.unchanged, "unchanged"),
        (summary.modified, "modified"),
        (summary.renumbered, "renumbered"),
        (summary.moved, "moved"),
        (summary.added, "added"),
        (summary.removed, "removed"),
        (summary.split, "split"),
        (summary.merged, "merged"),
    ];
    let listed: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} {word}"))
        .collect();
    if listed.is_empty() {
        "nothing to compare".to_string()
    } else {
        listed.join(", ")
    }
}

/// Whether an entry is shown as a change (unchanged and merely renumbered entries are not).
pub fn is_change(change: &ClauseDiff) -> bool {
    change.status != Status::Unchanged
}

/// What findings read from standard input are located in.
pub const STDIN: &str = "<stdin>";

/// One line of one draft.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// The draft.
    pub draft: &'a Draft,
    /// The line, 1-based.
    pub line: u32,
}

/// Where a finding is, for tools that point at lines of files (SARIF, annotations).
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// The line the finding is about: in the new draft at the new words, in the old draft for what
    /// only the old draft has (a removal).
    pub at: Line<'a>,
    /// For a finding located in the old draft, the nearest line of the new draft that still exists:
    /// the line of the matched clause, else of the nearest clause before (or after) it that the new
    /// draft has, else line 1 of an empty new draft. `None` when there is no new file (a document
    /// removed from a folder).
    pub survivor: Option<Line<'a>>,
    /// Whether `at` is in the old draft.
    pub in_old: bool,
}

/// Places findings of one report. Built once per report, in time linear in its entries, so placing
/// tens of thousands of removals never searches the entries around each one.
#[derive(Debug)]
pub struct Locator<'a> {
    report: &'a Report,
    /// For each entry, the new-draft line nearest to it: the first line of its own new clause, else
    /// the last line of the nearest entry before it with a new clause, else the first line of the
    /// nearest one after it; `None` when the new draft has no clauses.
    nearest: Vec<Option<u32>>,
}

impl<'a> Locator<'a> {
    /// The locator of a report.
    pub fn new(report: &'a Report) -> Locator<'a> {
        let clauses = &report.new.clauses;
        let line = |j: Option<&usize>, last: bool| {
            let clause = clauses.get(*j?)?;
            Some(if last {
                clause.lines.last
            } else {
                clause.lines.first
            })
        };
        let mut nearest = Vec::with_capacity(report.changes.len());
        let mut before = None;
        for change in &report.changes {
            nearest.push(line(change.pair.new.first(), false).or(before));
            before = line(change.pair.new.last(), true).or(before);
        }
        let mut after = None;
        for (slot, change) in nearest.iter_mut().zip(&report.changes).rev() {
            if slot.is_none() {
                *slot = after;
            }
            after = line(change.pair.new.first(), false).or(after);
        }
        Locator { report, nearest }
    }

    /// Where a finding of the report is.
    pub fn place(&self, finding: &Finding) -> Place<'a> {
        let (old, new) = (&self.report.old, &self.report.new);
        let in_old = match (finding.new_line, finding.old_line) {
            (_, Some(line)) if finding.is_removal() => Some(line),
            (None, Some(line)) => Some(line),
            _ => None,
        };
        let nearest = || {
            let entry = finding.change.and_then(|i| self.nearest.get(i).copied());
            finding.new_line.or(entry.flatten()).unwrap_or(1)
        };
        let Some(line) = in_old else {
            return Place {
                at: Line {
                    draft: new,
                    line: nearest(),
                },
                survivor: None,
                in_old: false,
            };
        };
        let has_new_file = !new.absent;
        Place {
            at: Line { draft: old, line },
            survivor: has_new_file.then(|| Line {
                draft: new,
                line: nearest(),
            }),
            in_old: true,
        }
    }
}

/// The file a draft's findings are located in: its path (relative to the current directory when it
/// lies under it), or [`STDIN`].
pub fn file_of(draft: &Draft) -> &str {
    draft.path.as_deref().unwrap_or(STDIN)
}

/// A draft's file as a message cites it: its path, `REV:PATH` when it was read from a git revision
/// (the same path in the working tree holds other text), or [`STDIN`].
pub fn cite(draft: &Draft) -> String {
    match &draft.revision {
        Some(revision) => format!("{revision}:{}", file_of(draft)),
        None => file_of(draft).to_string(),
    }
}

/// Bracket and option counts for a summary: `brackets 1,012 → 217; options 117 → 28`, or nothing for
/// drafts that are not negotiating texts.
pub fn negotiation(summary: &Summary) -> Option<String> {
    let [old, new] = summary.negotiation?;
    Some(format!(
        "brackets {} → {}; options {} → {}",
        thousands(old.brackets),
        thousands(new.brackets),
        thousands(old.options),
        thousands(new.options)
    ))
}

/// `1030` → `1,030`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
