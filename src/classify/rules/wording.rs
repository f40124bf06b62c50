//! `wording_*` findings for the edits no rule explained. A passage inserted or deleted whole (eight
//! words or more) is of medium severity: a sentence or a qualification that went or came is worth an
//! analyst's reading even when no lexicon word names what it does. A passage replaced by another is
//! low, a change of a few words low, a change of letter case or punctuation only info.

use std::ops::Range;

use super::{Context, Edits, Side};
use crate::classify::read::{Mark, NumberRole, Reading};
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
        f.severity = match f.kind {
            FindingKind::WordingRemoved | FindingKind::WordingAdded if passage && !aside => {
                Severity::Medium
            }
            FindingKind::WordingRemoved | FindingKind::WordingAdded if aside => Severity::Low,
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
