//! A polarity flip: a negation added to or removed from a predicate both versions share ("shall apply"
//! → "shall not apply", "can accept" → "cannot accept"). A negation word inside a longer inserted or
//! deleted passage ("in no way validate" in a new sentence) negates what the passage says, not what
//! the old text said: the passage is the change, and no negation finding is made.

use std::collections::BTreeMap;

use super::{Context, Edits, Side};
use crate::classify::read::{Mark, Reading};
use crate::classify::{Finding, FindingKind};

/// Words an edit may hold on the negated side and still be a negation of shared words.
const AROUND: usize = 3;

pub(super) fn compare(
    cx: &Context,
    edits: &mut Edits,
    old: &Reading,
    new: &Reading,
    out: &mut Vec<Finding>,
) {
    let by_predicate = |reading: &Reading| {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for hit in reading.hits.iter().filter(|h| h.mark == Mark::Negation) {
            if let Some(p) = &hit.predicate {
                *counts.entry(p.clone()).or_default() += 1;
            }
        }
        counts
    };
    let counts = [by_predicate(old), by_predicate(new)];
    for (side, this, other) in [(Side::Old, old, new), (Side::New, new, old)] {
        let s = side.index();
        let mut reported: Vec<&str> = Vec::new();
        for hit in this.hits.iter().filter(|h| h.mark == Mark::Negation) {
            let Some(predicate) = &hit.predicate else {
                continue;
            };
            let more = counts[s].get(predicate) > counts[side.other().index()].get(predicate);
            if !more || reported.contains(&predicate.as_str()) || !other.says(predicate) {
                continue;
            }
            let Some(k) = edits.touching(side, &hit.bytes) else {
                continue;
            };
            if edits.words[k][s] > AROUND {
                continue;
            }
            let f = cx.on(FindingKind::NegationChanged, side, &hit.bytes);
            out.push(f);
            edits.explained[k] = true;
            reported.push(predicate);
        }
    }
}
