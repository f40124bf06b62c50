//! Quantities changed, added or removed. The clause's quantities — amounts, sums of money, percentages,
//! dates, durations — are compared as multisets of values by role over the whole clause, so a number
//! that both sides state is no change wherever the edits fall, and a number is paired only with one of
//! the same role in the same edit ("the tsunami of 2004" is never paired with "six months"). Labels,
//! citations and ordinals are not quantities. A cross-reference that follows its renumbered target
//! ("paragraph 8" → "paragraph 13" after paragraph 8 became 13) is no change; one that does not, like
//! an ordinal replaced by another ("the fourth round" → "the fifth"), is a low finding.

use std::collections::{BTreeMap, VecDeque};

use super::{Context, Edits, PASSAGE, Side};
use crate::classify::read::{Hit, Mark, NumberRole, Reading};
use crate::classify::{Finding, FindingKind, Severity};

fn compared(reading: &Reading) -> Vec<(&Hit, NumberRole)> {
    reading
        .hits
        .iter()
        .filter_map(|h| match h.mark {
            Mark::Number(role)
                if role.is_quantity()
                    || matches!(role, NumberRole::Reference | NumberRole::Ordinal) =>
            {
                Some((h, role))
            }
            _ => None,
        })
        .collect()
}

/// The numbers of one side that the other side does not state, each with the substantive edit it lies
/// in.
fn unmatched<'r>(
    edits: &Edits,
    side: Side,
    this: &[(&'r Hit, NumberRole)],
    other: &[(&'r Hit, NumberRole)],
) -> Vec<(&'r Hit, NumberRole, usize)> {
    let mut counts: BTreeMap<(NumberRole, &str), usize> = BTreeMap::new();
    for (hit, role) in other {
        *counts.entry((*role, hit.key.as_str())).or_default() += 1;
    }
    this.iter()
        .filter(
            |(hit, role)| match counts.get_mut(&(*role, hit.key.as_str())) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            },
        )
        .filter_map(|(hit, role)| edits.touching(side, &hit.bytes).map(|k| (*hit, *role, k)))
        .collect()
}

pub(super) fn compare(
    cx: &Context,
    edits: &mut Edits,
    old: &Reading,
    new: &Reading,
    out: &mut Vec<Finding>,
) {
    let (before, after) = (compared(old), compared(new));
    if before.is_empty() && after.is_empty() {
        return;
    }
    let gone = unmatched(edits, Side::Old, &before, &after);
    let came = unmatched(edits, Side::New, &after, &before);
    // In a rewritten passage two numbers of a role are one quantity changed only when the word
    // before them agrees ("USD 39 billion" → "USD 50 billion", "by 2030" → "by 2035"): the passage's
    // other numbers are about other things ("the end of March 2023" vs "until 2027"). Elsewhere any
    // two of a role in one edit pair, in text order.
    let (old_text, new_text) = (cx.text(Side::Old), cx.text(Side::New));
    // New numbers by (role, edit, place), in text order, for pairing.
    let mut waiting: BTreeMap<(NumberRole, usize, String), VecDeque<usize>> = BTreeMap::new();
    for (j, (hit, role, k)) in came.iter().enumerate() {
        let key = (*role, *k, place(edits, *k, new_text, hit.bytes.start));
        waiting.entry(key).or_default().push_back(j);
    }
    let mut paired = vec![false; came.len()];
    for (hit, role, k) in &gone {
        let key = (*role, *k, place(edits, *k, old_text, hit.bytes.start));
        let pick = waiting.get_mut(&key).and_then(VecDeque::pop_front);
        match pick {
            Some(j) => {
                paired[j] = true;
                let new_hit = came[j].0;
                if *role == NumberRole::Reference {
                    edits.explained[*k] = true;
                    if cx.facts.renumbered.get(&hit.key) == Some(&new_hit.key) {
                        continue;
                    }
                }
                let mut f = cx.at(
                    FindingKind::NumberChanged(*role),
                    Some(&hit.bytes),
                    Some(&new_hit.bytes),
                );
                // "paragraph 8" → "paragraph 9" not following a renumbering, "the fourth round" →
                // "the fifth round": worth seeing, not a changed quantity.
                if !role.is_quantity() {
                    f.severity = Severity::Low;
                }
                out.push(f);
                edits.explained[*k] = true;
            }
            None => alone(cx, edits, Side::Old, hit, *role, *k, out),
        }
    }
    for (j, (hit, role, k)) in came.iter().enumerate() {
        if !paired[j] {
            alone(cx, edits, Side::New, hit, *role, *k, out);
        }
    }
}

/// A quantity removed or added without a counterpart: a finding of its own when the edit is about it,
/// part of the passage's finding when it came or went with a passage. References alone are wording.
fn alone(
    cx: &Context,
    edits: &mut Edits,
    side: Side,
    hit: &Hit,
    role: NumberRole,
    k: usize,
    out: &mut Vec<Finding>,
) {
    if !role.is_quantity() || edits.is_passage(k) {
        return;
    }
    let mut f = cx.on(FindingKind::NumberChanged(role), side, &hit.bytes);
    // A date that came or went without a deadline word before it says when something happened.
    if role == NumberRole::Date && !is_deadline(cx, cx.text(side), hit.bytes.start) {
        f.severity = f.severity.min(Severity::Low);
    }
    out.push(f);
    edits.explained[k] = true;
}

/// Words before a date searched for a deadline word.
const DEADLINE_WINDOW: usize = 4;

/// Whether one of the few words before byte `at` of `text` makes the date there a deadline.
fn is_deadline(cx: &Context, text: &str, at: usize) -> bool {
    let deadline = &cx.classifier.words().deadline_words;
    text[..at]
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(DEADLINE_WINDOW)
        .any(|w| deadline.contains(&w.to_lowercase()))
}

/// Where in edit `k` a number at byte `at` of `text` stands, for pairing: in a rewritten passage (both
/// sides of the edit passages) the word before it, elsewhere anywhere in the edit.
fn place(edits: &Edits, k: usize, text: &str, at: usize) -> String {
    let rewritten = edits.words[k][0] >= PASSAGE && edits.words[k][1] >= PASSAGE;
    if rewritten {
        word_before(text, at)
    } else {
        String::new()
    }
}

/// The word just before byte `at` of `text`, lower-cased (empty at the start).
fn word_before(text: &str, at: usize) -> String {
    text[..at]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase()
}
