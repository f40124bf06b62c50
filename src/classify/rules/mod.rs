//! The rules: each family compares the old reading of a clause with the new one and places its
//! findings at the edits that carry the evidence. One file per family, each a function of the entry's
//! [`Context`], its two [`Reading`]s and its [`Edits`]; [`table`] lists every rule with its id, kind,
//! default severity and description.
//!
//! Order matters only for what counts as explained: an edit a rule explains gives no `wording_*`
//! finding. A fact both readings hold is no change, wherever the edits fall.

mod names;
mod negation;
mod numbers;
mod presence;
mod scales;
pub(super) mod structure;
mod table;
mod wording;

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

pub use table::*;

use super::read::{Reading, Style, overlaps};
use super::words::Words;
use super::{Classifier, Finding, FindingKind};
use crate::diff::{ClauseDiff, Edit, Op, Status};
use crate::document::Draft;

/// What classification knows about the comparison as a whole, computed once.
#[derive(Debug, Default)]
pub(super) struct Facts {
    /// How the drafts write (a language that capitalises nouns has no names by capitals).
    pub style: Style,
    /// The number each matched clause had in the old draft, mapped to its number in the new one, so
    /// that a cross-reference which follows its renumbered target is no change.
    pub renumbered: FxHashMap<String, String>,
    /// Fingerprints of the clause texts of each draft, computed on first use: a clause added that the
    /// old draft already has elsewhere (a title printed twice) repeats, and adds nothing.
    texts: [std::sync::OnceLock<FxHashSet<u64>>; 2],
    /// Acronyms (as written) and their expansions (lower case): the word lists' table and the
    /// definitions the drafts make ("least developed countries (LDCs)").
    pub acronyms: FxHashMap<String, Vec<String>>,
    /// Each expansion mapped to its acronym in lower case.
    pub abbreviations: FxHashMap<String, String>,
}

impl Facts {
    /// What classification needs to know about two drafts and their alignment.
    pub fn new(words: &Words, old: &Draft, new: &Draft, diffs: &[ClauseDiff]) -> Facts {
        let mut acronyms = words.acronyms.clone();
        for clause in old.clauses.iter().chain(&new.clauses) {
            for (acronym, expansion) in definitions(&clause.text) {
                let known = acronyms.entry(acronym).or_default();
                if !known.contains(&expansion) {
                    known.push(expansion);
                }
            }
        }
        let mut abbreviations = FxHashMap::default();
        let mut sorted: Vec<(&String, &Vec<String>)> = acronyms.iter().collect();
        sorted.sort();
        for (acronym, expansions) in sorted {
            for expansion in expansions {
                abbreviations
                    .entry(expansion.clone())
                    .or_insert_with(|| acronym.to_lowercase());
            }
        }
        Facts {
            style: Style {
                capitalises_nouns: capitalises_nouns(old) || capitalises_nouns(new),
            },
            renumbered: renumbering(old, new, diffs),
            texts: Default::default(),
            acronyms,
            abbreviations,
        }
    }

    /// The fingerprints of the clause texts of `draft`, side 0 (old) or 1 (new).
    pub fn texts(&self, side: usize, draft: &Draft) -> &FxHashSet<u64> {
        self.texts[side].get_or_init(|| {
            draft
                .clauses
                .iter()
                .map(|c| structure::fingerprint(&c.text))
                .collect()
        })
    }
}

/// The acronyms a text defines, with their expansions in lower case: "least developed countries
/// (LDCs)" → (`LDCs`, `least developed countries`). The expansion is the run of words before the
/// bracket whose initials spell the acronym's capitals, small words between them allowed.
fn definitions(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (open, _) in text.match_indices('(') {
        let rest = &text[open + 1..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        let acronym = &rest[..close];
        let capitals: Vec<char> = acronym.chars().filter(|c| c.is_uppercase()).collect();
        let plain = acronym.chars().all(char::is_alphanumeric);
        if capitals.len() < 2 || !plain || acronym.len() > 12 {
            continue;
        }
        let before: Vec<&str> = text[..open].split_whitespace().rev().take(16).collect();
        let mut need = capitals.iter().rev().peekable();
        let mut taken = 0;
        for word in &before {
            let Some(&&letter) = need.peek() else {
                break;
            };
            let first = word.chars().find(|c| c.is_alphanumeric());
            if first.is_some_and(|c| c.to_uppercase().eq(std::iter::once(letter))) {
                need.next();
            } else if word.chars().count() > 4 {
                break;
            }
            taken += 1;
        }
        if need.peek().is_none() && taken > 0 {
            let words: Vec<&str> = before[..taken].iter().rev().copied().collect();
            let expansion: String = words
                .join(" ")
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() {
                        c.to_lowercase().next().unwrap_or(c)
                    } else {
                        ' '
                    }
                })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            found.push((acronym.to_string(), expansion));
        }
    }
    found
}

/// Share of capitalised words inside sentences above which a draft is taken to capitalise its nouns.
const NOUN_CAPITALS: f64 = 0.2;

/// Whether a draft capitalises every noun (German): more than a fifth of the words that follow another
/// word start with a capital. Sampled over the first 20,000 words.
fn capitalises_nouns(draft: &Draft) -> bool {
    let (mut capitals, mut total) = (0usize, 0usize);
    'clauses: for clause in &draft.clauses {
        let tokens = clause.tokens();
        for pair in tokens.windows(2) {
            if !(pair[0].is_word && pair[1].is_word) {
                continue;
            }
            let word = &clause.text[pair[1].start..pair[1].end];
            let Some(first) = word.chars().next() else {
                continue;
            };
            if !first.is_alphabetic() {
                continue;
            }
            total += 1;
            let capital = first.is_uppercase() && word.chars().skip(1).any(char::is_lowercase);
            capitals += usize::from(capital);
            if total >= 20_000 {
                break 'clauses;
            }
        }
    }
    total >= 50 && capitals as f64 > NOUN_CAPITALS * total as f64
}

/// Old clause numbers mapped to new ones over the matched clauses, both as written (`article 3`) and
/// as bare numbers (`3`) — those a cross-reference cites. A number mapped two ways is left out.
fn renumbering(old: &Draft, new: &Draft, diffs: &[ClauseDiff]) -> FxHashMap<String, String> {
    let mut map: FxHashMap<String, Option<String>> = FxHashMap::default();
    let bare = |id: &str| -> String {
        id.rsplit(|c: char| c.is_whitespace() || c == '§')
            .next()
            .unwrap_or(id)
            .trim_start_matches(|c: char| c.is_alphabetic() || c == '.')
            .to_lowercase()
    };
    for diff in diffs {
        let ([i], [j]) = (diff.pair.old.as_slice(), diff.pair.new.as_slice()) else {
            continue;
        };
        let (o, n) = (&old.clauses[*i], &new.clauses[*j]);
        if !(o.numbered && n.numbered) {
            continue;
        }
        let ids = [
            (o.id.0.to_lowercase(), n.id.0.to_lowercase()),
            (bare(&o.id.0), bare(&n.id.0)),
        ];
        for (from, to) in ids {
            if from.is_empty() || to.is_empty() {
                continue;
            }
            let entry = map.entry(from).or_insert_with(|| Some(to.clone()));
            if entry.as_ref().is_some_and(|t| *t != to) {
                *entry = None;
            }
        }
    }
    let mut sorted: Vec<(String, Option<String>)> = map.into_iter().collect();
    sorted.sort();
    sorted
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
}

/// A side of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Old,
    New,
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

    /// The reading of one side (its tokens from the clause when the side is one clause).
    pub fn read(&self, side: Side) -> Reading {
        let (indices, draft) = match side {
            Side::Old => (&self.diff.pair.old, self.old),
            Side::New => (&self.diff.pair.new, self.new),
        };
        let vocabulary = &self.classifier.vocabulary;
        let style = self.facts.style;
        match indices.as_slice() {
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
        match side {
            Side::Old => &self.list[k].old,
            Side::New => &self.list[k].new,
        }
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
        let first = self
            .list
            .partition_point(|e| self.range_of(e, side).end < bytes.start);
        (first..self.list.len())
            .take_while(|&k| self.range(k, side).start <= bytes.end)
            .find(|&k| {
                let range = self.range(k, side);
                self.substantive[k] && (overlaps(bytes, range) || overlaps(range, bytes))
            })
    }

    fn range_of<'e>(&self, edit: &'e Edit, side: Side) -> &'e Range<usize> {
        match side {
            Side::Old => &edit.old,
            Side::New => &edit.new,
        }
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
    scales::compare(cx, &mut edits, &old, &new, out);
    negation::compare(cx, &mut edits, &old, &new, out);
    presence::watch_terms(cx, &mut edits, &old, &new, out);
    presence::qualifiers(cx, &mut edits, &old, &new, out);
    names::compare(cx, &mut edits, &old, &new, out);
    numbers::compare(cx, &mut edits, &old, &new, out);
    wording::unexplained(cx, &edits, &old, &new, out);
    // Print furniture changed (a cover page reprinted) is worth knowing, no more.
    if old.furniture && new.furniture {
        for f in &mut out[start..] {
            f.severity = f.severity.min(super::Severity::Info);
        }
    }
}
