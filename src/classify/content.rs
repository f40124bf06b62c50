//! Findings about what words mean: scales, hedges, intensifiers, negations, numbers, names and watch
//! terms, in the edits of a matched clause or in a clause removed or added whole.
//!
//! Presence rules (hedges, intensifiers, negations, names, watch terms) compare counts over the whole
//! clause, so a phrase moved within a clause is no finding, and place a finding at the edit that
//! touches an occurrence. Scale and number rules compare what each edit replaced with what it inserted.
//! An edit no rule explains becomes a `wording_*` finding.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::ops::Range;

#[cfg(test)]
use super::FindingKind;
use super::lexicon::NegationMode;
use super::rules::{self, Rule};
use super::scan::{Hit, Mark, Scan, overlaps};
use super::structure::finding;
use super::{Classifier, Evidence, Finding, Severity};
use crate::diff::{ClauseDiff, Edit, Op, TokenCache};
use crate::document::Draft;

/// The entry being classified.
pub(super) struct Context<'a> {
    pub classifier: &'a Classifier,
    pub old: &'a Draft,
    pub new: &'a Draft,
    pub index: usize,
    pub diff: &'a ClauseDiff,
    pub tokens: &'a TokenCache<'a>,
}

/// A side of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Old,
    New,
}

impl Context<'_> {
    fn text(&self, side: Side) -> &str {
        match side {
            Side::Old => self.diff.old_text(self.old),
            Side::New => self.diff.new_text(self.new),
        }
    }

    /// What classification reads in one side's text (its tokens from the shared cache when the side
    /// is one clause).
    fn scan(&self, side: Side) -> Scan {
        let (indices, number) = match side {
            Side::Old => (&self.diff.pair.old, 0),
            Side::New => (&self.diff.pair.new, 1),
        };
        let vocabulary = &self.classifier.vocabulary;
        match indices.as_slice() {
            [one] => vocabulary.scan_tokens(self.text(side), self.tokens.get(number, *one)),
            _ => vocabulary.scan(self.text(side)),
        }
    }

    fn line(&self, side: Side, offset: usize) -> Option<u32> {
        match side {
            Side::Old => self.diff.old_line_at(self.old, offset),
            Side::New => self.diff.new_line_at(self.new, offset),
        }
    }

    /// A finding of `rule` whose words are `old` (bytes of the old text) and `new`.
    fn at(&self, rule: &Rule, old: Option<&Range<usize>>, new: Option<&Range<usize>>) -> Finding {
        let mut f = finding(rule, self);
        if let Some(range) = old {
            f.old_text = self.text(Side::Old)[range.clone()].to_string();
            f.old_line = self.line(Side::Old, range.start);
        }
        if let Some(range) = new {
            f.new_text = self.text(Side::New)[range.clone()].to_string();
            f.new_line = self.line(Side::New, range.start);
            f.offset = range.start;
        } else if let Some(range) = old {
            f.offset = range.start;
        }
        f
    }

    fn watch_evidence(&self, mark: Mark, whole_clause: bool) -> Evidence {
        let (list, term) = match mark {
            Mark::Watch { list, term } => (list, term),
            _ => (0, 0),
        };
        let watchlist = &self.classifier.watchlists()[list];
        Evidence::Watch {
            term: watchlist.terms[term].name.clone(),
            list: watchlist.name.clone(),
            whole_clause,
        }
    }

    fn watch_severity(&self, mark: Mark) -> Severity {
        match mark {
            Mark::Watch { list, term } => self.classifier.watchlists()[list].terms[term].severity,
            _ => Severity::High,
        }
    }
}

/// Findings for the watch terms and names of a clause removed or added whole: one per watch term, and
/// for a removal one listing the names the clause held. Returns whether the clause held a watch term,
/// a name or an obligation.
pub(super) fn whole_clause(cx: &Context, side: Side, out: &mut Vec<Finding>) -> bool {
    let text = cx.text(side);
    let scan = cx.scan(side);
    let mut held = false;
    let mut terms: Vec<Mark> = Vec::new();
    let mut names: Vec<&Hit> = Vec::new();
    for hit in &scan.hits {
        match hit.mark {
            Mark::Watch { .. } => {
                held = true;
                if terms.contains(&hit.mark) {
                    continue;
                }
                terms.push(hit.mark);
                let (rule, severity, old, new) = match side {
                    Side::Old => (
                        &rules::WATCH_REMOVED,
                        cx.watch_severity(hit.mark),
                        Some(&hit.bytes),
                        None,
                    ),
                    Side::New => (
                        &rules::WATCH_ADDED,
                        cx.watch_severity(hit.mark).min(Severity::Medium),
                        None,
                        Some(&hit.bytes),
                    ),
                };
                let mut f = cx.at(rule, old, new);
                f.severity = severity;
                f.evidence = cx.watch_evidence(hit.mark, true);
                out.push(f);
            }
            Mark::Entity => {
                held = true;
                if !names.iter().any(|n| n.key == hit.key) {
                    names.push(hit);
                }
            }
            Mark::Scale { scale, level, .. } => {
                held |= level < cx.classifier.lexicon().scales[scale].obligation_levels;
            }
            _ => {}
        }
    }
    // Names in a whole new clause are read in its text; a removal lists them, in one finding.
    if side == Side::Old
        && let Some(first) = names.first()
    {
        let mut f = cx.at(&rules::ENTITY_REMOVED, Some(&first.bytes), None);
        f.old_text = names
            .iter()
            .map(|n| &text[n.bytes.clone()])
            .collect::<Vec<_>>()
            .join(", ");
        f.evidence = Evidence::WholeClause;
        out.push(f);
    }
    held
}

/// The edits of a matched entry, and which of them change more than letter case.
struct Edits<'a> {
    list: Vec<&'a Edit>,
    substantive: Vec<bool>,
    explained: Vec<bool>,
}

impl Edits<'_> {
    /// The first substantive edit whose `side` range touches `bytes`.
    ///
    /// The edits are in text order on both sides, so the search starts where the edits reach
    /// `bytes` and stops past them.
    fn touching(&self, side: Side, bytes: &Range<usize>) -> Option<usize> {
        let of = |edit: &'_ Edit| match side {
            Side::Old => edit.old.clone(),
            Side::New => edit.new.clone(),
        };
        let range = |k: usize| of(self.list[k]);
        let first = self.list.partition_point(|e| of(e).end < bytes.start);
        (first..self.list.len())
            .take_while(|&k| range(k).start <= bytes.end)
            .find(|&k| {
                let range = range(k);
                self.substantive[k] && (overlaps(bytes, &range) || overlaps(&range, bytes))
            })
    }
}

/// Text length (bytes, both sides) above which the two sides of a pair are scanned in parallel.
const PARALLEL_SCAN: usize = 1 << 18;

/// Findings for the edits of a matched, split or merged entry.
pub(super) fn edits(cx: &Context, out: &mut Vec<Finding>) {
    let (old_text, new_text) = (cx.text(Side::Old), cx.text(Side::New));
    let list: Vec<&Edit> = cx
        .diff
        .words
        .edits
        .iter()
        .filter(|e| e.op != Op::Equal)
        .collect();
    if list.is_empty() {
        return;
    }
    let substantive = list
        .iter()
        .map(|e| old_text[e.old.clone()].to_lowercase() != new_text[e.new.clone()].to_lowercase())
        .collect();
    let mut edits = Edits {
        explained: vec![false; list.len()],
        list,
        substantive,
    };
    // Entries are classified in parallel already; a long pair also scans its two sides in parallel.
    let (old, new) = if old_text.len() + new_text.len() > PARALLEL_SCAN {
        rayon::join(|| cx.scan(Side::Old), || cx.scan(Side::New))
    } else {
        (cx.scan(Side::Old), cx.scan(Side::New))
    };
    scales(cx, &mut edits, &old, &new, out);
    negations(cx, &mut edits, &old, &new, out);
    watch_terms(cx, &mut edits, &old, &new, out);
    for (mark, removed, added) in [
        (Mark::Hedge, &rules::HEDGE_REMOVED, &rules::HEDGE_ADDED),
        (
            Mark::Intensifier,
            &rules::INTENSIFIER_REMOVED,
            &rules::INTENSIFIER_ADDED,
        ),
        (Mark::Entity, &rules::ENTITY_REMOVED, &rules::ENTITY_ADDED),
    ] {
        presence(cx, &mut edits, &old, &new, mark, [removed, added], out);
    }
    numbers(cx, &mut edits, &old, &new, out);
    unexplained(cx, &edits, out);
}

/// Softened and strengthened: for each scale, in priority order, the first phrase of the scale that an
/// edit replaced against the first it inserted. A phrase counts for one scale only.
fn scales(cx: &Context, edits: &mut Edits, old: &Scan, new: &Scan, out: &mut Vec<Finding>) {
    let mut used = [Taken::default(), Taken::default()];
    for (s, scale) in cx.classifier.lexicon().scales.iter().enumerate() {
        for k in 0..edits.list.len() {
            if !edits.substantive[k] {
                continue;
            }
            let edit = edits.list[k];
            // A replacement compares what it replaced with what it inserted. A deletion or insertion
            // alone changes a scale only by cutting a phrase short ("warmly welcome" → "welcome"): the
            // phrase on the edited side must reach beyond the edit, the other side's phrase is the
            // one left at the edit's place.
            let pure = edit.old.is_empty() || edit.new.is_empty();
            let first = |scan: &'_ Scan,
                         range: &Range<usize>,
                         old_side: bool|
             -> Option<(Range<usize>, usize, bool)> {
                let candidates: Vec<&Hit> = if range.is_empty() {
                    scan.touching(range).collect()
                } else {
                    scan.within(range)
                        .filter(|h| !pure || h.bytes.start < range.start || h.bytes.end > range.end)
                        .collect()
                };
                candidates.into_iter().find_map(|h| match h.mark {
                    Mark::Scale {
                        scale,
                        level,
                        negated,
                    } if scale == s => {
                        let taken = used[usize::from(!old_side)].overlaps(&h.bytes);
                        (!taken).then(|| (h.bytes.clone(), level, negated))
                    }
                    _ => None,
                })
            };
            let (Some((o, old_level, old_negated)), Some((n, new_level, new_negated))) =
                (first(old, &edit.old, true), first(new, &edit.new, false))
            else {
                continue;
            };
            used[0].insert(&o);
            used[1].insert(&n);
            if old_level == new_level || old_negated != new_negated {
                continue;
            }
            let weaker = new_level > old_level;
            let softened = if old_negated && scale.negation == NegationMode::Flips {
                !weaker
            } else {
                weaker
            };
            let rule = if softened {
                &rules::SOFTENED
            } else {
                &rules::STRENGTHENED
            };
            let mut f = cx.at(rule, Some(&o), Some(&n));
            let steps = old_level.abs_diff(new_level);
            if softened && weaker && scale.high_at_steps.is_some_and(|h| steps >= h) {
                f.severity = Severity::High;
            }
            f.evidence = Evidence::Scale {
                scale: scale.name.clone(),
                old_strength: scale.strength(old_level),
                new_strength: scale.strength(new_level),
                negated: old_negated,
            };
            out.push(f);
            edits.explained[k] = true;
        }
    }
}

/// Byte ranges of one side already given to a scale finding, looked up by position.
#[derive(Default)]
struct Taken {
    /// `(start, end)` of each range.
    spans: BTreeSet<(usize, usize)>,
    /// The longest range, which bounds how far before a position an overlapping range can start.
    longest: usize,
}

impl Taken {
    fn insert(&mut self, range: &Range<usize>) {
        self.spans.insert((range.start, range.end));
        self.longest = self.longest.max(range.len());
    }

    /// Whether a taken range shares a byte with `bytes` (not empty).
    fn overlaps(&self, bytes: &Range<usize>) -> bool {
        let from = bytes.start.saturating_sub(self.longest);
        self.spans
            .range((from, 0)..(bytes.end, 0))
            .any(|&(start, end)| overlaps(&(start..end), bytes))
    }
}

/// A negation added or removed: the count of negations of the clause changed.
fn negations(cx: &Context, edits: &mut Edits, old: &Scan, new: &Scan, out: &mut Vec<Finding>) {
    let of = |scan: &'_ Scan| -> Vec<Range<usize>> {
        scan.hits
            .iter()
            .filter(|h| h.mark == Mark::Negation)
            .map(|h| h.bytes.clone())
            .collect()
    };
    let (before, after) = (of(old), of(new));
    let (side, hits) = match before.len().cmp(&after.len()) {
        std::cmp::Ordering::Greater => (Side::Old, before),
        std::cmp::Ordering::Less => (Side::New, after),
        std::cmp::Ordering::Equal => return,
    };
    if let Some((bytes, k)) = hits
        .iter()
        .find_map(|b| edits.touching(side, b).map(|k| (b.clone(), k)))
    {
        let f = match side {
            Side::Old => cx.at(&rules::NEGATION_CHANGED, Some(&bytes), None),
            Side::New => cx.at(&rules::NEGATION_CHANGED, None, Some(&bytes)),
        };
        out.push(f);
        edits.explained[k] = true;
    }
}

/// Watch terms whose count changed, and aliases swapped for others of the same term.
fn watch_terms(cx: &Context, edits: &mut Edits, old: &Scan, new: &Scan, out: &mut Vec<Finding>) {
    fn by_term(scan: &Scan) -> BTreeMap<(usize, usize), Vec<&Hit>> {
        let mut terms: BTreeMap<(usize, usize), Vec<&Hit>> = BTreeMap::new();
        for hit in &scan.hits {
            if let Mark::Watch { list, term } = hit.mark {
                terms.entry((list, term)).or_default().push(hit);
            }
        }
        terms
    }
    let (before, after) = (by_term(old), by_term(new));
    let mut terms: Vec<(usize, usize)> = before.keys().chain(after.keys()).copied().collect();
    terms.sort_unstable();
    terms.dedup();
    for term in terms {
        let (o, n) = (
            before.get(&term).map_or(&[][..], Vec::as_slice),
            after.get(&term).map_or(&[][..], Vec::as_slice),
        );
        let mark = Mark::Watch {
            list: term.0,
            term: term.1,
        };
        if o.len() > n.len() {
            if let Some((hit, k)) = first_touched(edits, Side::Old, o) {
                let mut f = cx.at(&rules::WATCH_REMOVED, Some(&hit.bytes), None);
                f.severity = cx.watch_severity(mark);
                f.evidence = cx.watch_evidence(mark, false);
                out.push(f);
                edits.explained[k] = true;
            }
        } else if n.len() > o.len() {
            if let Some((hit, k)) = first_touched(edits, Side::New, n) {
                let mut f = cx.at(&rules::WATCH_ADDED, None, Some(&hit.bytes));
                f.severity = cx.watch_severity(mark).min(Severity::Medium);
                f.evidence = cx.watch_evidence(mark, false);
                out.push(f);
                edits.explained[k] = true;
            }
        } else {
            // Same count: an alias that went and one that came are a rename.
            let gone = o.iter().find(|h| !n.iter().any(|m| m.key == h.key));
            let came = n.iter().find(|h| !o.iter().any(|m| m.key == h.key));
            if let (Some(gone), Some(came)) = (gone, came)
                && let Some(k) = edits.touching(Side::New, &came.bytes)
            {
                let mut f = cx.at(&rules::WATCH_RENAMED, Some(&gone.bytes), Some(&came.bytes));
                f.evidence = cx.watch_evidence(mark, false);
                out.push(f);
                edits.explained[k] = true;
            }
        }
    }
}

fn first_touched<'h>(edits: &Edits, side: Side, hits: &[&'h Hit]) -> Option<(&'h Hit, usize)> {
    hits.iter()
        .find_map(|h| edits.touching(side, &h.bytes).map(|k| (*h, k)))
}

/// The first hit lying wholly inside a substantive edit: a name only partly edited ("the Paris
/// Agreement" → "this Agreement") was shortened or renamed, not removed.
fn first_inside<'h>(edits: &Edits, side: Side, hits: &[&'h Hit]) -> Option<(&'h Hit, usize)> {
    hits.iter().find_map(|h| {
        let k = edits.touching(side, &h.bytes)?;
        let range = match side {
            Side::Old => &edits.list[k].old,
            Side::New => &edits.list[k].new,
        };
        (range.start <= h.bytes.start && h.bytes.end <= range.end).then_some((*h, k))
    })
}

/// Phrases of one kind whose count in the clause went down (`removed`) or up (`added`). A name
/// replaced by a name sharing a word ("the Paris Agreement" → "this Agreement") is neither.
fn presence(
    cx: &Context,
    edits: &mut Edits,
    old: &Scan,
    new: &Scan,
    mark: Mark,
    [removed, added]: [&Rule; 2],
    out: &mut Vec<Finding>,
) {
    fn by_key(scan: &Scan, mark: Mark) -> BTreeMap<String, Vec<&Hit>> {
        let mut keys: BTreeMap<String, Vec<&Hit>> = BTreeMap::new();
        for hit in scan.hits.iter().filter(|h| h.mark == mark) {
            keys.entry(hit.key.clone()).or_default().push(hit);
        }
        keys
    }
    let (before, after) = (by_key(old, mark), by_key(new, mark));
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let o = before.get(key).map_or(&[][..], Vec::as_slice);
        let n = after.get(key).map_or(&[][..], Vec::as_slice);
        let (side, hits, other, rule) = match o.len().cmp(&n.len()) {
            std::cmp::Ordering::Greater => (Side::Old, o, new, removed),
            std::cmp::Ordering::Less => (Side::New, n, old, added),
            std::cmp::Ordering::Equal => continue,
        };
        let found = if mark == Mark::Entity {
            first_inside(edits, side, hits)
        } else {
            first_touched(edits, side, hits)
        };
        let Some((hit, k)) = found else {
            continue;
        };
        if mark == Mark::Entity && renames(edits.list[k], side, hit, other) {
            continue;
        }
        let f = match side {
            Side::Old => cx.at(rule, Some(&hit.bytes), None),
            Side::New => cx.at(rule, None, Some(&hit.bytes)),
        };
        out.push(f);
        edits.explained[k] = true;
    }
}

/// Whether the same edit, on the other side, holds a name sharing a word with `hit`.
fn renames(edit: &Edit, side: Side, hit: &Hit, other: &Scan) -> bool {
    let range = match side {
        Side::Old => &edit.new,
        Side::New => &edit.old,
    };
    let words: Vec<&str> = hit.key.split(' ').collect();
    other
        .touching(range)
        .filter(|h| h.mark == Mark::Entity)
        .any(|h| h.key.split(' ').any(|w| words.contains(&w)))
}

/// Numbers an edit replaced, removed or inserted. Numbers are compared by value, so the same number
/// written differently ("55 per cent", "55%") is no change; each number that changed is one finding,
/// the old ones paired with the new ones in order.
fn numbers(cx: &Context, edits: &mut Edits, old: &Scan, new: &Scan, out: &mut Vec<Finding>) {
    for k in 0..edits.list.len() {
        if !edits.substantive[k] {
            continue;
        }
        let edit = edits.list[k];
        let numbers = |scan: &'_ Scan, range: &Range<usize>| -> Vec<Hit> {
            scan.within(range)
                .filter(|h| h.mark == Mark::Number)
                .cloned()
                .collect()
        };
        let (o, n) = (numbers(old, &edit.old), numbers(new, &edit.new));
        // Each old number cancels the first new number of the same value not yet cancelled.
        let mut unmatched: BTreeMap<&str, VecDeque<usize>> = BTreeMap::new();
        for (j, h) in n.iter().enumerate() {
            unmatched.entry(h.key.as_str()).or_default().push_back(j);
        }
        let mut kept_new = vec![true; n.len()];
        let o: Vec<&Hit> = o
            .iter()
            .filter(|h| {
                match unmatched
                    .get_mut(h.key.as_str())
                    .and_then(VecDeque::pop_front)
                {
                    Some(j) => {
                        kept_new[j] = false;
                        false
                    }
                    None => true,
                }
            })
            .collect();
        let n: Vec<&Hit> = n
            .iter()
            .zip(&kept_new)
            .filter(|(_, k)| **k)
            .map(|(h, _)| h)
            .collect();
        for j in 0..o.len().max(n.len()) {
            let (before, after) = (o.get(j).map(|h| &h.bytes), n.get(j).map(|h| &h.bytes));
            out.push(cx.at(&rules::NUMBER_CHANGED, before, after));
            edits.explained[k] = true;
        }
    }
}

/// `wording_*` findings for the edits no rule explained.
fn unexplained(cx: &Context, edits: &Edits, out: &mut Vec<Finding>) {
    let (old_text, new_text) = (cx.text(Side::Old), cx.text(Side::New));
    for (k, edit) in edits.list.iter().enumerate() {
        if edits.explained[k] {
            continue;
        }
        let (o, n) = (&old_text[edit.old.clone()], &new_text[edit.new.clone()]);
        let words = |s: &str| s.chars().any(char::is_alphanumeric);
        let rule = match (words(o), words(n)) {
            _ if !edits.substantive[k] => &rules::WORDING_CHANGED,
            (true, false) if n.trim().is_empty() => &rules::WORDING_REMOVED,
            (false, true) if o.trim().is_empty() => &rules::WORDING_ADDED,
            _ => &rules::WORDING_CHANGED,
        };
        let mut f = cx.at(
            rule,
            (!edit.old.is_empty()).then_some(&edit.old),
            (!edit.new.is_empty()).then_some(&edit.new),
        );
        if edit.new.is_empty() {
            f.new_line = cx.line(Side::New, edit.new.start);
            f.offset = edit.new.start;
        }
        if edit.old.is_empty() {
            f.old_line = cx.line(Side::Old, edit.old.start);
        }
        out.push(f);
    }
}

/// The kinds this module emits, for tests and docs.
#[cfg(test)]
const KINDS: &[FindingKind] = &[
    FindingKind::Softened,
    FindingKind::Strengthened,
    FindingKind::HedgeAdded,
    FindingKind::HedgeRemoved,
    FindingKind::IntensifierRemoved,
    FindingKind::IntensifierAdded,
    FindingKind::NegationChanged,
    FindingKind::NumberChanged,
    FindingKind::EntityRemoved,
    FindingKind::EntityAdded,
    FindingKind::WatchTermRemoved,
    FindingKind::WatchTermAdded,
    FindingKind::WatchTermRenamed,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::InputFormat;
    use crate::{Options, compare};

    /// `(kind, severity, old words, new words)` of the findings of two one-clause drafts.
    fn classify(old: &str, new: &str) -> Vec<(&'static str, &'static str, String, String)> {
        let parse = |t: &str| Draft::parse("d", "d", t, InputFormat::Text);
        let report = compare(parse(old), parse(new), &Options::default());
        report
            .findings
            .iter()
            .map(|f| {
                (
                    f.kind.name(),
                    f.severity.name(),
                    f.old_text.clone(),
                    f.new_text.clone(),
                )
            })
            .collect()
    }

    fn one(
        kind: &'static str,
        severity: &'static str,
        old: &str,
        new: &str,
    ) -> (&'static str, &'static str, String, String) {
        (kind, severity, old.to_string(), new.to_string())
    }

    #[test]
    fn shall_to_should_is_softened_two_steps_high() {
        assert_eq!(
            classify(
                "OP3 Each Party shall report.",
                "OP3 Each Party should report."
            ),
            [one("softened", "high", "shall", "should")]
        );
    }

    #[test]
    fn will_to_should_is_softened_one_step_medium() {
        assert_eq!(
            classify("The sides will meet.", "The sides should meet."),
            [one("softened", "medium", "will", "should")]
        );
    }

    #[test]
    fn cutting_a_phrase_short_moves_it_on_its_scale() {
        let dir =
            "[[scale]]\nname = \"welcome\"\nlevels = [[\"warmly welcomes\"], [\"welcomes\"]]\n";
        let mut lexicon = crate::classify::Lexicon::builtin();
        lexicon.extend(crate::classify::Lexicon::from_toml("t.toml", dir).unwrap());
        let options = Options {
            classifier: std::sync::Arc::new(Classifier::new(lexicon, Vec::new())),
            ..Options::default()
        };
        let parse = |t: &str| Draft::parse("d", "d", t, InputFormat::Text);
        let report = compare(
            parse("They warmly welcome it."),
            parse("They welcome it."),
            &options,
        );
        assert_eq!(report.findings[0].kind.name(), "softened");
    }

    #[test]
    fn an_inserted_noun_is_not_a_scale_change_of_its_neighbour() {
        assert_eq!(
            classify(
                "It lists its support needs.",
                "It lists its implementation and support needs."
            ),
            [one("wording_added", "low", "", "implementation and")]
        );
    }

    #[test]
    fn operative_verbs_strengthen() {
        assert_eq!(
            classify(
                "OP2 Encourages States to report.",
                "OP2 Urges States to report."
            ),
            [one("strengthened", "medium", "Encourages", "Urges")]
        );
    }

    #[test]
    fn inflections_match_the_scale() {
        assert_eq!(
            classify(
                "The Council decided to act.",
                "The Council requested to act."
            ),
            [one("softened", "high", "decided", "requested")]
        );
    }

    #[test]
    fn under_a_negation_a_prohibition_softens_and_a_refusal_firms_up() {
        assert_eq!(
            classify(
                "The Parties shall not export arms.",
                "The Parties should not export arms."
            ),
            [one("softened", "high", "shall", "should")]
        );
        assert_eq!(
            classify(
                "They will not ensure the transfer.",
                "They will not consider the transfer."
            ),
            [one("strengthened", "medium", "ensure", "consider")]
        );
    }

    #[test]
    fn negation_flips_polarity() {
        assert_eq!(
            classify(
                "Paragraph 1 shall apply to them.",
                "Paragraph 1 shall not apply to them."
            ),
            [one("negation_changed", "high", "", "not")]
        );
    }

    #[test]
    fn hedges_and_intensifiers() {
        assert_eq!(
            classify(
                "We resolutely oppose sanctions and will remove barriers.",
                "We oppose sanctions and will remove barriers as appropriate."
            ),
            [
                one("intensifier_removed", "low", "resolutely", ""),
                one("hedge_added", "medium", "", "as appropriate"),
            ]
        );
    }

    #[test]
    fn a_moved_hedge_is_no_finding() {
        let found = classify(
            "As appropriate, the Parties will share data on fisheries.",
            "The Parties will share data on fisheries as appropriate.",
        );
        assert!(
            found.iter().all(|f| f.0.starts_with("wording")),
            "{found:?}"
        );
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(
            classify(
                "Trade will reach 300 billion dollars by 2030.",
                "Trade will reach 200 billion dollars by 2035."
            ),
            [
                one("number_changed", "medium", "300 billion", "200 billion"),
                one("number_changed", "medium", "2030", "2035")
            ]
        );
    }

    #[test]
    fn watch_terms_removed_and_renamed() {
        assert_eq!(
            classify("Talks on the Senkaku Islands and trade.", "Talks on trade."),
            [one("watch_term_removed", "high", "Senkaku Islands", "")]
        );
        assert_eq!(
            classify(
                "Talks on the Senkaku Islands.",
                "Talks on the Diaoyu Islands."
            ),
            [one(
                "watch_term_renamed",
                "info",
                "Senkaku Islands",
                "Diaoyu Islands"
            )]
        );
    }

    #[test]
    fn names_removed_but_not_shortened() {
        assert_eq!(
            classify(
                "They will uphold security in Northeast Asia and Europe.",
                "They will uphold security in Europe."
            ),
            [one("entity_removed", "medium", "Northeast Asia", "")]
        );
        let shortened = classify(
            "The meeting of the Parties to the Paris Agreement shall decide.",
            "The meeting of the Parties to this Agreement shall decide.",
        );
        assert_eq!(
            shortened,
            [one("wording_changed", "info", "the Paris", "this")]
        );
    }

    #[test]
    fn letter_case_alone_is_info() {
        assert_eq!(
            classify("Article 28 of the law.", "article 28 of the law."),
            [one("wording_changed", "info", "Article", "article")]
        );
    }

    #[test]
    fn unexplained_edits_are_wording() {
        assert_eq!(
            classify("for the good of all.", "for good of all."),
            [one("wording_removed", "low", "the", "")]
        );
        assert_eq!(
            classify(
                "a candid discussion.",
                "a candid and constructive discussion."
            ),
            [one("wording_added", "low", "", "and constructive")]
        );
    }

    #[test]
    fn every_content_kind_has_a_rule() {
        for kind in KINDS {
            assert_eq!(rules::for_kind(*kind).kind, *kind);
        }
    }
}
