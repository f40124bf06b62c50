//! `wording_*` findings for the edits no rule explained. A passage inserted or deleted whole (eight
//! words or more) is of medium severity: a sentence or a qualification that went or came is worth an
//! analyst's reading even when no lexicon word names what it does — unless the other version of the
//! clause still holds most of its words (a phrase moved within the clause, or restated around the
//! edit), which is low. A passage replaced by another is low, a change of a few words low, a change
//! of letter case or punctuation only info.

use std::ops::Range;

use rustc_hash::FxHashSet;

use super::{Context, Edits, Side};
use crate::classify::read::{Hit, Mark, NumberRole, Reading};
use crate::classify::{Finding, FindingKind, Severity};

pub(super) fn unexplained(
    cx: &Context,
    edits: &Edits,
    old: &Reading,
    new: &Reading,
    out: &mut Vec<Finding>,
) {
    let (old_text, new_text) = (cx.text(Side::Old), cx.text(Side::New));
    let reading = |side: Side| match side {
        Side::Old => (old, old_text),
        Side::New => (new, new_text),
    };
    // What each version says, gathered the first time a passage asks: most entries have none.
    let mut said: [Option<Said>; 2] = [None, None];
    for (k, edit) in edits.list.iter().enumerate() {
        if edits.explained[k] {
            continue;
        }
        let (o, n) = (&old_text[edit.old.clone()], &new_text[edit.new.clone()]);
        let words = |s: &str| s.chars().any(char::is_alphanumeric);
        let kind = match (words(o), words(n)) {
            _ if !edits.substantive[k] => FindingKind::WordingChanged,
            (true, false) if n.trim().is_empty() => FindingKind::WordingRemoved,
            (false, true) if o.trim().is_empty() => FindingKind::WordingAdded,
            _ => FindingKind::WordingChanged,
        };
        let passage = edits.substantive[k] && edits.is_passage(k);
        let mut f = cx.at(
            kind,
            (!edit.old.is_empty()).then_some(&edit.old),
            (!edit.new.is_empty()).then_some(&edit.new),
        );
        let side = if edit.new.is_empty() {
            Side::Old
        } else {
            Side::New
        };
        let aside = passage && is_aside(edits.range(k, side), reading(side));
        let restated = passage && !aside && {
            let other = side.other();
            let other = said[other.index()].get_or_insert_with(|| Said::of(reading(other).0));
            let (reading, text) = reading(side);
            let range = edits.range(k, side);
            other.restates(&text[range.clone()], reading.within(range))
        };
        f.severity = match f.kind {
            FindingKind::WordingRemoved | FindingKind::WordingAdded
                if passage && !aside && !restated =>
            {
                Severity::Medium
            }
            FindingKind::WordingRemoved | FindingKind::WordingAdded if aside || restated => {
                Severity::Low
            }
            FindingKind::WordingChanged if passage => Severity::Low,
            _ => f.severity,
        };
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

/// Share of a passage's content words the other version of its clause must hold for the passage to
/// be a restatement rather than new or lost text.
const RESTATED_SHARE: usize = 75;
/// Content words a passage needs to be judged a restatement.
const RESTATED_WORDS: usize = 4;

/// What one version of a clause says, in the terms that tell whether a passage of the other version
/// restates it: its content words, and the keys of its commitments (scale phrases) and negations.
pub(super) struct Said<'a> {
    words: FxHashSet<&'a str>,
    commitments: FxHashSet<&'a str>,
}

impl<'a> Said<'a> {
    pub fn of(reading: &'a Reading) -> Said<'a> {
        Said {
            words: content_words(&reading.plain).collect(),
            commitments: commitments(reading.hits.iter()).collect(),
        }
    }

    /// Whether `passage` of the other version, whose own reading has `hits` inside it, says nothing
    /// this version does not: most of its content words stand here (a phrase moved within the
    /// clause, or said again around the edit), and every commitment and negation it holds too — one
    /// it brings or takes that this version lacks is news, whatever else it repeats.
    pub fn restates<'h>(&self, passage: &str, hits: impl Iterator<Item = &'h Hit>) -> bool {
        let lower = passage.to_lowercase();
        let words: FxHashSet<&str> = content_words(&lower).collect();
        let held = words.iter().filter(|w| self.words.contains(*w)).count();
        words.len() >= RESTATED_WORDS
            && held * 100 >= RESTATED_SHARE * words.len()
            && commitments(hits).all(|key| self.commitments.contains(key))
    }
}

/// The words of a text that carry its content: runs of letters and digits of four characters or
/// more, in lower case (the comparison form `Reading::plain` already is).
fn content_words(plain: &str) -> impl Iterator<Item = &str> {
    plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(3).is_some())
}

/// The keys of the commitments (scale phrases) and negations among `hits`.
fn commitments<'a>(hits: impl Iterator<Item = &'a Hit>) -> impl Iterator<Item = &'a str> {
    hits.filter(|h| matches!(h.mark, Mark::Scale { .. } | Mark::Negation))
        .map(|h| h.key.as_str())
}

/// Words in a passage that cites a part of the text below which it is a drafting aside.
const ASIDE_WORDS: usize = 12;

/// Whether a passage is a drafting aside rather than substance: a note in braces ("{Note: pending
/// discussions}") or a short cross-reference ("referred to in paragraph 4 of this Article").
fn is_aside(range: &Range<usize>, (reading, text): (&Reading, &str)) -> bool {
    let passage =
        text[range.clone()].trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '.');
    if passage.starts_with('{') && passage.ends_with('}') {
        return true;
    }
    passage.split_whitespace().count() < ASIDE_WORDS
        && reading
            .within(range)
            .any(|h| h.mark == Mark::Number(NumberRole::Reference))
}
