//! Stage 3 — `diff`: the word-level redline inside each aligned pair of clauses.
//!
//! Input: two drafts and their [`Alignment`]. Output: one [`ClauseDiff`] per pair, holding the pair's
//! [`Status`] and a [`WordDiff`] whose [`Edit`]s are byte ranges of the two sides' texts. The edits of a
//! pair concatenate back to both texts exactly; whitespace, line wrapping, quote and dash styles and soft
//! hyphens never make an edit (they are compared in normalised form, see [`crate::text`]), while the edits
//! always point at the original words. What an edit means is left to `classify`.
//!
//! This is the only module that uses `similar`, so an upgrade of it touches one folder.

mod cleanup;

use std::ops::Range;
use std::time::Duration;
// std's clock panics on wasm32-unknown-unknown; web-time's is the page's (similar takes the same type
// there through its `wasm32_web_time` feature).
#[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
use std::time::Instant;
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use web_time::Instant;

use serde::Serialize;
use similar::{Algorithm, DiffOp};

use crate::align::{Alignment, ClausePair, Relation};
use crate::document::{Clause, Draft};
use crate::sequence;
use crate::text::{Token, tokenize};
use cleanup::Run;

/// How to diff the words of a pair.
#[derive(Debug, Clone)]
pub struct DiffOptions {
    /// Time one pair may take before the diff is cut short and reported as such.
    pub timeout: Duration,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            timeout: Duration::from_secs(2),
        }
    }
}

impl DiffOptions {
    /// A timeout of `seconds` (`--diff-timeout`); `0`, a negative number, or one too large for a
    /// [`Duration`] waits as long as it takes.
    pub fn from_seconds(seconds: f64) -> DiffOptions {
        let timeout = if seconds > 0.0 {
            Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX)
        } else {
            Duration::MAX
        };
        DiffOptions { timeout }
    }
}

/// What an edit does.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Op {
    /// The same words on both sides (perhaps spaced, wrapped or quoted differently).
    Equal,
    /// Words only the old side has.
    Delete,
    /// Words only the new side has.
    Insert,
    /// Old words replaced by new ones.
    Replace,
}

impl Op {
    /// The name reports use (`equal`, `delete`, `insert`, `replace`).
    pub fn name(self) -> &'static str {
        match self {
            Op::Equal => "equal",
            Op::Delete => "delete",
            Op::Insert => "insert",
            Op::Replace => "replace",
        }
    }
}

/// One piece of a redline: byte ranges of the old and the new text (one of them empty for a delete or an
/// insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// What the edit does.
    pub op: Op,
    /// Range of the old text.
    pub old: Range<usize>,
    /// Range of the new text.
    pub new: Range<usize>,
}

/// The redline of one pair of texts.
#[derive(Debug, Clone, PartialEq)]
pub struct WordDiff {
    /// Edits in text order; their ranges tile both texts.
    pub edits: Vec<Edit>,
    /// Share of tokens the two texts have in common, from 0 to 1.
    pub similarity: f32,
    /// Whether the diff hit its deadline and fell back to coarser edits.
    pub truncated: bool,
}

impl WordDiff {
    /// Whether any edit changes words.
    pub fn has_changes(&self) -> bool {
        self.edits.iter().any(|e| e.op != Op::Equal)
    }

    fn whole(op: Op, old: usize, new: usize) -> WordDiff {
        let edits = if old == 0 && new == 0 {
            Vec::new()
        } else {
            vec![Edit {
                op,
                old: 0..old,
                new: 0..new,
            }]
        };
        WordDiff {
            edits,
            similarity: if op == Op::Equal { 1.0 } else { 0.0 },
            truncated: false,
        }
    }
}

/// Diffs the words of two texts.
pub fn diff(old: &str, new: &str, options: &DiffOptions) -> WordDiff {
    diff_tokens(old, new, &tokenize(old), &tokenize(new), options)
}

/// Diffs the words of two texts already split into tokens.
fn diff_tokens(old: &str, new: &str, a: &[Token], b: &[Token], options: &DiffOptions) -> WordDiff {
    // A timeout too long to add to now (`Duration::MAX`) is no deadline.
    let deadline = Instant::now().checked_add(options.timeout);
    let (runs, truncated) = runs(a, b, deadline);
    let common: usize = runs.iter().filter(|r| r.equal).map(|r| r.old.len()).sum();
    let total = a.len() + b.len();
    let similarity = if total == 0 {
        1.0
    } else {
        (2 * common) as f32 / total as f32
    };
    let runs = cleanup::merge_islands(runs, old, a);
    WordDiff {
        edits: edits(&runs, a, b, old.len(), new.len()),
        similarity,
        truncated,
    }
}

/// Token count above which a pair is cut at shared runs before it is diffed.
const LONG: usize = 20_000;
/// The longest gap between shared runs that is diffed in one piece.
const GAP: usize = 2_000;

/// Equal and changed runs of tokens, covering both token lists in order.
fn runs(a: &[Token], b: &[Token], deadline: Option<Instant>) -> (Vec<Run>, bool) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x.key == y.key).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x.key == y.key)
        .count();
    let old_keys: Vec<u64> = a[prefix..a.len() - suffix].iter().map(|t| t.key).collect();
    let new_keys: Vec<u64> = b[prefix..b.len() - suffix].iter().map(|t| t.key).collect();
    let mut runs = Vec::new();
    let mut push = |equal: bool, old: Range<usize>, new: Range<usize>| {
        runs.push(Run { equal, old, new });
    };
    push(true, 0..prefix, 0..prefix);
    // A very long clause is first cut at runs of words it shares with the other side, so the diff
    // proper only ever sees short gaps (near-linear, where one diff of the whole could take seconds).
    let anchors = if old_keys.len() + new_keys.len() > LONG {
        sequence::anchor_runs(&old_keys, &new_keys, GAP)
    } else {
        Vec::new()
    };
    let (mut at_old, mut at_new) = (0, 0);
    let ends = sequence::Run {
        old: old_keys.len(),
        new: new_keys.len(),
        len: 0,
    };
    for anchor in anchors.into_iter().chain([ends]) {
        let (old_gap, new_gap) = (at_old..anchor.old, at_new..anchor.new);
        // Patience: on word lists it was both the fastest of similar's algorithms and close to
        // minimal, while Myers marked several times more words as changed on long clauses
        // (shared/bench/README.md).
        let ops = similar::capture_diff_slices_deadline(
            Algorithm::Patience,
            &old_keys[old_gap.clone()],
            &new_keys[new_gap.clone()],
            deadline,
        );
        let shift = (prefix + old_gap.start, prefix + new_gap.start);
        for op in ops {
            let (equal, old, new) = op_ranges(op);
            push(
                equal,
                old.start + shift.0..old.end + shift.0,
                new.start + shift.1..new.end + shift.1,
            );
        }
        let start = (prefix + anchor.old, prefix + anchor.new);
        push(
            true,
            start.0..start.0 + anchor.len,
            start.1..start.1 + anchor.len,
        );
        (at_old, at_new) = (anchor.old + anchor.len, anchor.new + anchor.len);
    }
    let truncated = deadline.is_some_and(|d| Instant::now() > d);
    push(true, a.len() - suffix..a.len(), b.len() - suffix..b.len());
    (runs, truncated)
}

/// Whether a diff op is equal, and its old and new index ranges.
fn op_ranges(op: DiffOp) -> (bool, Range<usize>, Range<usize>) {
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => (true, old_index..old_index + len, new_index..new_index + len),
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => (false, old_index..old_index + old_len, new_index..new_index),
        DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        } => (false, old_index..old_index, new_index..new_index + new_len),
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => (
            false,
            old_index..old_index + old_len,
            new_index..new_index + new_len,
        ),
    }
}

/// Turns token runs into byte-range edits. A change ends at its last word; the space after it goes to
/// the equal edit that follows, so a redline reads `a [-b-] c` rather than `a [-b -]c`.
fn edits(runs: &[Run], a: &[Token], b: &[Token], old_len: usize, new_len: usize) -> Vec<Edit> {
    let mut edits = Vec::with_capacity(runs.len());
    let (mut at_old, mut at_new) = (0, 0);
    for (k, run) in runs.iter().enumerate() {
        let last = k + 1 == runs.len();
        let end = |tokens: &[Token], range: &Range<usize>, at: usize, len: usize| {
            if last {
                len
            } else if range.is_empty() {
                at
            } else if run.equal {
                tokens[range.end - 1].space_end
            } else {
                tokens[range.end - 1].end
            }
        };
        let old_end = end(a, &run.old, at_old, old_len);
        let new_end = end(b, &run.new, at_new, new_len);
        let op = match (run.equal, run.old.is_empty(), run.new.is_empty()) {
            (true, _, _) => Op::Equal,
            (false, false, false) => Op::Replace,
            (false, false, true) => Op::Delete,
            (false, true, _) => Op::Insert,
        };
        edits.push(Edit {
            op,
            old: at_old..old_end,
            new: at_new..new_end,
        });
        (at_old, at_new) = (old_end, new_end);
    }
    if edits.is_empty() && (old_len > 0 || new_len > 0) {
        // No tokens on either side: only whitespace differs.
        edits.push(Edit {
            op: Op::Equal,
            old: 0..old_len,
            new: 0..new_len,
        });
    }
    edits
}

/// What happened to a clause (or group of clauses) between the drafts.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// Matched, and the words are the same.
    Unchanged,
    /// Matched, with edited words.
    Modified,
    /// Only in the new draft.
    Added,
    /// Only in the old draft.
    Removed,
    /// Matched, but out of order relative to the clauses around it.
    Moved,
    /// One old clause became several new ones.
    Split,
    /// Several old clauses became one new one.
    Merged,
}

impl Status {
    /// The snake-case name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Modified => "modified",
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Moved => "moved",
            Status::Split => "split",
            Status::Merged => "merged",
        }
    }
}

/// One aligned pair with its redline.
#[derive(Debug, Clone)]
pub struct ClauseDiff {
    /// The clauses this entry covers.
    pub pair: ClausePair,
    /// What happened to them.
    pub status: Status,
    /// Whether the words changed (a moved or split clause may also be modified).
    pub modified: bool,
    /// The redline; its ranges refer to [`ClauseDiff::old_text`] and [`ClauseDiff::new_text`].
    pub words: WordDiff,
    /// The side texts when a side holds several clauses, joined with a newline.
    joined: [Option<String>; 2],
}

/// Separator between the clauses of a split or merged side in [`ClauseDiff::old_text`].
pub const PART_SEPARATOR: &str = "\n";

impl ClauseDiff {
    /// The old side's text: the old clause's text, or several joined with [`PART_SEPARATOR`].
    pub fn old_text<'a>(&'a self, old: &'a Draft) -> &'a str {
        side_text(&self.joined[0], &self.pair.old, &old.clauses)
    }

    /// The new side's text.
    pub fn new_text<'a>(&'a self, new: &'a Draft) -> &'a str {
        side_text(&self.joined[1], &self.pair.new, &new.clauses)
    }

    /// The source line of byte `offset` of the old side's text.
    pub fn old_line_at(&self, old: &Draft, offset: usize) -> Option<u32> {
        line_at(&self.pair.old, &old.clauses, offset)
    }

    /// The source line of byte `offset` of the new side's text.
    pub fn new_line_at(&self, new: &Draft, offset: usize) -> Option<u32> {
        line_at(&self.pair.new, &new.clauses, offset)
    }
}

fn side_text<'a>(joined: &'a Option<String>, indices: &[usize], clauses: &'a [Clause]) -> &'a str {
    match (joined, indices) {
        (Some(text), _) => text,
        (None, [one]) => clauses.get(*one).map_or("", |c| c.text.as_str()),
        (None, _) => "",
    }
}

fn line_at(indices: &[usize], clauses: &[Clause], offset: usize) -> Option<u32> {
    let mut start = 0;
    for &index in indices {
        let clause = clauses.get(index)?;
        let end = start + clause.text.len();
        if offset <= end {
            return Some(clause.line_at(offset - start));
        }
        start = end + PART_SEPARATOR.len();
    }
    let last = clauses.get(*indices.last()?)?;
    Some(last.lines.last)
}

fn join(indices: &[usize], clauses: &[Clause]) -> Option<String> {
    (indices.len() > 1).then(|| {
        let texts: Vec<&str> = indices.iter().map(|&i| clauses[i].text.as_str()).collect();
        texts.join(PART_SEPARATOR)
    })
}

/// Diffs every aligned pair, in parallel; the result keeps the alignment's order.
pub fn diff_alignment(
    old: &Draft,
    new: &Draft,
    alignment: Alignment,
    options: &DiffOptions,
) -> Vec<ClauseDiff> {
    use rayon::prelude::*;
    alignment
        .pairs
        .into_par_iter()
        .with_min_len(64)
        .map(|pair| diff_pair(old, new, pair, options))
        .collect()
}

fn diff_pair(old: &Draft, new: &Draft, pair: ClausePair, options: &DiffOptions) -> ClauseDiff {
    let joined = [join(&pair.old, &old.clauses), join(&pair.new, &new.clauses)];
    let old_text = side_text(&joined[0], &pair.old, &old.clauses);
    let new_text = side_text(&joined[1], &pair.new, &new.clauses);
    let words = match pair.relation {
        Relation::Added => WordDiff::whole(Op::Insert, 0, new_text.len()),
        Relation::Removed => WordDiff::whole(Op::Delete, old_text.len(), 0),
        _ if pair.exact && old_text == new_text => {
            WordDiff::whole(Op::Equal, old_text.len(), new_text.len())
        }
        _ => match (pair.old.as_slice(), pair.new.as_slice()) {
            ([i], [j]) => diff_tokens(
                old_text,
                new_text,
                old.clauses[*i].tokens(),
                new.clauses[*j].tokens(),
                options,
            ),
            _ => diff(old_text, new_text, options),
        },
    };
    let modified = matches!(
        pair.relation,
        Relation::Matched | Relation::Split | Relation::Merged
    ) && words.has_changes();
    let status = match pair.relation {
        Relation::Added => Status::Added,
        Relation::Removed => Status::Removed,
        Relation::Split => Status::Split,
        Relation::Merged => Status::Merged,
        Relation::Matched if pair.moved => Status::Moved,
        Relation::Matched if modified => Status::Modified,
        Relation::Matched => Status::Unchanged,
    };
    ClauseDiff {
        pair,
        status,
        modified,
        words,
        joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redline(old: &str, new: &str) -> String {
        let d = diff(old, new, &DiffOptions::default());
        d.edits
            .iter()
            .map(|e| {
                let (o, n) = (&old[e.old.clone()], &new[e.new.clone()]);
                match e.op {
                    Op::Equal if o.starts_with(' ') && !n.starts_with(' ') => format!(" {n}"),
                    Op::Equal => n.to_string(),
                    Op::Delete => format!("[-{o}-]"),
                    Op::Insert => format!("{{+{n}+}}"),
                    Op::Replace => format!("[-{o}-]{{+{n}+}}"),
                }
            })
            .collect()
    }

    #[test]
    fn one_replaced_word_is_one_replacement() {
        assert_eq!(
            redline(
                "Each Party shall communicate.",
                "Each Party should communicate."
            ),
            "Each Party [-shall-]{+should+} communicate."
        );
    }

    #[test]
    fn deleted_words_keep_spacing_outside_the_markers() {
        assert_eq!(
            redline("We resolutely oppose it.", "We oppose it."),
            "We [-resolutely-] oppose it."
        );
        assert_eq!(
            redline("We oppose it.", "We firmly oppose it."),
            "We {+firmly+} oppose it."
        );
    }

    #[test]
    fn tiny_equal_islands_merge_into_one_change() {
        assert_eq!(
            redline(
                "both sides shall promote the development of ties.",
                "both sides should support the growth of ties."
            ),
            "both sides [-shall promote the development-]{+should support the growth+} of ties."
        );
    }

    #[test]
    fn rewrapping_and_quote_styles_are_not_edits() {
        let d = diff(
            "the “core”\n interests of  both",
            "the \"core\" interests of both",
            &DiffOptions::default(),
        );
        assert!(!d.has_changes());
        assert_eq!(d.similarity, 1.0);
    }

    #[test]
    fn edits_rebuild_both_texts() {
        let (old, new) = (
            "We will actively participate in the zone.",
            "We will study with caution the possibility of participating in it.",
        );
        let d = diff(old, new, &DiffOptions::default());
        let rebuilt_old: String = d.edits.iter().map(|e| &old[e.old.clone()]).collect();
        let rebuilt_new: String = d.edits.iter().map(|e| &new[e.new.clone()]).collect();
        assert_eq!((rebuilt_old.as_str(), rebuilt_new.as_str()), (old, new));
    }

    #[test]
    fn empty_texts_have_no_edits() {
        assert!(diff("", "", &DiffOptions::default()).edits.is_empty());
        let added = diff("", "New text.", &DiffOptions::default());
        assert_eq!(added.edits.len(), 1);
        assert_eq!(added.edits[0].op, Op::Insert);
    }

    #[test]
    fn similarity_counts_shared_tokens() {
        let d = diff("a b c d", "a b x d", &DiffOptions::default());
        assert!((d.similarity - 0.75).abs() < 1e-6);
    }
}
