//! The rules: each family compares the old reading of a clause with the new one and places its
//! findings at the edits that carry the evidence. One file per family, each a function of the entry's
//! [`Context`], its two [`Reading`]s and its [`Edits`]; [`table`] lists every rule with its id, kind,
//! default severity and description.
//!
//! Order matters only for what counts as explained: an edit a rule explains gives no `wording_*`
//! finding. A fact both readings hold is no change, wherever the edits fall.

mod brackets;
mod facts;
mod names;
mod negation;
mod numbers;
mod presence;
mod scales;
pub(super) mod structure;
mod table;
mod wording;

use std::ops::Range;

pub(super) use facts::Facts;
pub use table::*;

use super::fingerprint::Fingerprint;
use super::read::{Reading, overlaps};
use super::{Classifier, Finding, FindingKind};
use crate::diff::{ClauseDiff, Edit, Op, PART_SEPARATOR, Status};
use crate::document::{Draft, Revision};

/// A side of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Old,
    New,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Old => Side::New,
            Side::New => Side::Old,
        }
    }

    /// 0 for old, 1 for new: the index of per-side arrays.
    pub fn index(self) -> usize {
        usize::from(self == Side::New)
    }

    /// This side's range of an edit.
    pub fn of(self, edit: &Edit) -> &Range<usize> {
        match self {
            Side::Old => &edit.old,
            Side::New => &edit.new,
        }
    }
}

/// The entry being classified.
pub(super) struct Context<'a> {
    pub classifier: &'a Classifier,
    pub old: &'a Draft,
    pub new: &'a Draft,
    pub index: usize,
    pub diff: &'a ClauseDiff,
    pub facts: &'a Facts,
}

impl Context<'_> {
    pub fn text(&self, side: Side) -> &str {
        match side {
            Side::Old => self.diff.old_text(self.old),
            Side::New => self.diff.new_text(self.new),
        }
    }

    /// One side's draft and the indices of the entry's clauses in it.
    pub fn clauses(&self, side: Side) -> (&Draft, &[usize]) {
        match side {
            Side::Old => (self.old, &self.diff.pair.old),
            Side::New => (self.new, &self.diff.pair.new),
        }
    }

    /// The reading of one side (its tokens from the clause when the side is one clause).
    pub fn read(&self, side: Side) -> Reading {
        let (draft, indices) = self.clauses(side);
        let vocabulary = self.classifier.vocabulary(draft.language);
        let style = self.facts.style;
        match indices {
            [] => Reading::default(),
            [one] => vocabulary.read_tokens(self.text(side), draft.clauses[*one].tokens(), style),
            _ => {
                let text = self.text(side);
                vocabulary.read_tokens(text, &crate::text::tokenize(text), style)
            }
        }
    }

    pub fn line(&self, side: Side, offset: usize) -> Option<u32> {
        match side {
            Side::Old => self.diff.old_line_at(self.old, offset),
            Side::New => self.diff.new_line_at(self.new, offset),
        }
    }

    /// A finding of `kind` about this entry, located at its first clause on each side.
    pub fn finding(&self, kind: FindingKind) -> Finding {
        let first_old = self.diff.pair.old.first().map(|&i| &self.old.clauses[i]);
        let first_new = self.diff.pair.new.first().map(|&j| &self.new.clauses[j]);
        Finding {
            severity: kind.rule().severity,
            kind,
            change: Some(self.index),
            old_clause: first_old.map(|c| c.id.clone()),
            new_clause: first_new.map(|c| c.id.clone()),
            old_text: String::new(),
            new_text: String::new(),
            old_line: first_old.map(|c| c.lines.first),
            new_line: first_new.map(|c| c.lines.first),
            offset: 0,
            fingerprint: Fingerprint::default(),
            revision: self
                .revision(Side::New, None)
                .or_else(|| self.revision(Side::Old, None)),
        }
    }

    /// The tracked change (of a Word document read with `--tracked`) that made bytes `range` of
    /// one side's text — the whole side when `None` — part of it.
    pub fn revision(&self, side: Side, range: Option<&Range<usize>>) -> Option<Revision> {
        let (draft, indices) = self.clauses(side);
        if draft.revisions.is_empty() {
            return None;
        }
        let range = range.cloned().unwrap_or(0..self.text(side).len());
        let mut start = 0;
        for &index in indices {
            let len = draft.clauses.get(index)?.text.len();
            let end = start + len;
            if range.start <= end && range.end >= start {
                let local = range.start.saturating_sub(start).min(len)..range.end.min(end) - start;
                if let Some(revision) =
                    draft.revision_at(index, local.start.min(local.end)..local.end)
                {
                    return Some(revision.clone());
                }
            }
            start = end + PART_SEPARATOR.len();
        }
        None
    }

    /// A finding of `kind` whose words are `bytes` of one side's text, nothing on the other.
    pub fn on(&self, kind: FindingKind, side: Side, bytes: &Range<usize>) -> Finding {
        match side {
            Side::Old => self.at(kind, Some(bytes), None),
            Side::New => self.at(kind, None, Some(bytes)),
        }
    }

    /// A finding of `kind` whose words are `old` (bytes of the old text) and `new`.
    pub fn at(
        &self,
        kind: FindingKind,
        old: Option<&Range<usize>>,
        new: Option<&Range<usize>>,
    ) -> Finding {
        let mut f = self.finding(kind);
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
        f.revision = new
            .and_then(|r| self.revision(Side::New, Some(r)))
            .or_else(|| old.and_then(|r| self.revision(Side::Old, Some(r))));
        f
    }
}

/// Words in an edit's side from which it is a passage of its own (a sentence inserted or deleted)
/// rather than a change to words around it.
pub(super) const PASSAGE: usize = 8;

/// The edits of a matched entry, and what rules made of them.
pub(super) struct Edits<'a> {
    pub list: Vec<&'a Edit>,
    /// Changes more than letter case.
    pub substantive: Vec<bool>,
    pub explained: Vec<bool>,
    /// Words on each side, `[old, new]`.
    pub words: Vec<[usize; 2]>,
}

impl<'a> Edits<'a> {
    fn new(cx: &Context<'a>) -> Edits<'a> {
        let (old_text, new_text) = (cx.text(Side::Old), cx.text(Side::New));
        let list: Vec<&Edit> = cx
            .diff
            .words
            .edits
            .iter()
            .filter(|e| e.op != Op::Equal)
            .collect();
        let count = |s: &str| {
            s.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        Edits {
            substantive: list
                .iter()
                .map(|e| {
                    old_text[e.old.clone()].to_lowercase() != new_text[e.new.clone()].to_lowercase()
                })
                .collect(),
            explained: vec![false; list.len()],
            words: list
                .iter()
                .map(|e| {
                    [
                        count(&old_text[e.old.clone()]),
                        count(&new_text[e.new.clone()]),
                    ]
                })
                .collect(),
            list,
        }
    }

    pub fn range(&self, k: usize, side: Side) -> &Range<usize> {
        side.of(self.list[k])
    }

    /// Whether edit `k` inserts or deletes a passage of its own: many words on one side, and on the
    /// other nothing or another passage.
    pub fn is_passage(&self, k: usize) -> bool {
        let [o, n] = self.words[k];
        o.max(n) >= PASSAGE && (o.min(n) == 0 || o.min(n) >= PASSAGE)
    }

    /// The first substantive edit whose `side` range touches `bytes`. The edits are in text order on
    /// both sides, so the search starts where the edits reach `bytes` and stops past them.
    pub fn touching(&self, side: Side, bytes: &Range<usize>) -> Option<usize> {
        let first = self.list.partition_point(|e| side.of(e).end < bytes.start);
        (first..self.list.len())
            .take_while(|&k| self.range(k, side).start <= bytes.end)
            .find(|&k| {
                let range = self.range(k, side);
                self.substantive[k] && (overlaps(bytes, range) || overlaps(range, bytes))
            })
    }
}

/// Text length (bytes, both sides) above which the two sides of a pair are read in parallel.
const PARALLEL_READ: usize = 1 << 18;

/// The findings of one entry.
pub(super) fn entry(cx: &Context, out: &mut Vec<Finding>) {
    match cx.diff.status {
        Status::Removed => structure::whole(cx, Side::Old, &cx.read(Side::Old), out),
        Status::Added => structure::whole(cx, Side::New, &cx.read(Side::New), out),
        _ => {
            structure::clause(cx, out);
            if cx.diff.modified {
                content(cx, out);
            }
        }
    }
}

/// The findings of a matched, split or merged entry whose words changed.
fn content(cx: &Context, out: &mut Vec<Finding>) {
    let mut edits = Edits::new(cx);
    if edits.list.is_empty() {
        return;
    }
    let (old_text, new_text) = (cx.text(Side::Old), cx.text(Side::New));
    let (old, new) = if old_text.len() + new_text.len() > PARALLEL_READ {
        rayon::join(|| cx.read(Side::Old), || cx.read(Side::New))
    } else {
        (cx.read(Side::Old), cx.read(Side::New))
    };
    let start = out.len();
    let covered = brackets::compare(cx, &mut edits, &old, &new, out);
    let others = out.len();
    scales::compare(cx, &mut edits, &old, &new, out);
    negation::compare(cx, &mut edits, &old, &new, out);
    presence::watch_terms(cx, &mut edits, &old, &new, out);
    presence::qualifiers(cx, &mut edits, &old, &new, out);
    names::compare(cx, &mut edits, &old, &new, out);
    numbers::compare(cx, &mut edits, &old, &new, out);
    wording::unexplained(cx, &edits, &old, &new, out);
    // What other rules found inside a bracket event is that event seen word by word.
    if !covered.is_empty() {
        let found: Vec<Finding> = out.drain(others..).collect();
        out.extend(found.into_iter().filter(|f| !covered.covers(f)));
    }
    // Print furniture changed (a cover page reprinted) is worth knowing, no more.
    if old.furniture && new.furniture {
        for f in &mut out[start..] {
            f.severity = f.severity.min(super::Severity::Info);
        }
    }
}
