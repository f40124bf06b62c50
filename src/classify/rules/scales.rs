//! Softened and strengthened: a phrase of a scale replaced by one at another level of the same scale.
//!
//! For each scale, in priority order, the first phrase of the scale that an edit replaced is paired
//! with the first it inserted — when the two stand for one another: the edit is short (a few words on
//! each side), both phrases govern the same predicate ("shall *undertake*" → "are to *undertake*"),
//! or both follow the same subject ("Parties *shall* undertake targets" → "Parties *should* continue
//! taking the lead").
//! A replaced sentence that happens to hold "will" on one side and "can" on the other is no softening.
//! A phrase counts for one scale only.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::{Context, Edits, PASSAGE};
use crate::classify::finding::ScaleShift;
use crate::classify::lexicon::NegationMode;
use crate::classify::read::{Hit, Mark, Reading};
use crate::classify::{Finding, FindingKind, Severity};

pub(super) fn compare<'r>(
    cx: &Context,
    edits: &mut Edits,
    old: &'r Reading,
    new: &'r Reading,
    out: &mut Vec<Finding>,
) {
    let mut used = [Taken::default(), Taken::default()];
    // The scale phrases each side says: a characterisation the other side still makes is none
    // replaced ("the crisis" → "the situation" where the new clause still calls it a crisis).
    let (said_old, said_new) = (counts(old), counts(new));
    let said = |counts: &BTreeMap<(usize, &str), usize>, s: usize, key: &str| {
        counts.get(&(s, key)).copied().unwrap_or(0)
    };
    for (s, scale) in cx.classifier.lexicon().scales.iter().enumerate() {
        for k in 0..edits.list.len() {
            if !edits.substantive[k] {
                continue;
            }
            let edit = edits.list[k];
            // A replacement compares what it replaced with what it inserted. A deletion or insertion
            // alone changes a scale only by cutting a phrase short ("warmly welcome" → "welcome"): the
            // phrase on the edited side must reach beyond the edit.
            let pure = edit.old.is_empty() || edit.new.is_empty();
            let short = edits.words[k].iter().all(|&w| w < PASSAGE);
            let first = |reading: &'r Reading,
                         range: &Range<usize>,
                         side: usize|
             -> Option<&'r Hit> {
                let candidates: Vec<&Hit> = if range.is_empty() {
                    reading.touching(range).collect()
                } else {
                    reading
                        .within(range)
                        .filter(|h| !pure || h.bytes.start < range.start || h.bytes.end > range.end)
                        .collect()
                };
                candidates.into_iter().find(|h| match h.mark {
                    Mark::Scale { scale, .. } if scale == s => !used[side].overlaps(&h.bytes),
                    _ => false,
                })
            };
            let (Some(o), Some(n)) = (first(old, &edit.old, 0), first(new, &edit.new, 1)) else {
                continue;
            };
            let same_predicate = o.governs.iter().any(|w| n.governs.contains(w));
            let same_subject = o.subject.is_some() && o.subject == n.subject;
            if !short && !same_predicate && !same_subject {
                continue;
            }
            let (
                Mark::Scale {
                    level: old_level,
                    negated: old_negated,
                    ..
                },
                Mark::Scale {
                    level: new_level,
                    negated: new_negated,
                    ..
                },
            ) = (o.mark, n.mark)
            else {
                continue;
            };
            used[0].insert(&o.bytes);
            used[1].insert(&n.bytes);
            if old_level == new_level || old_negated != new_negated {
                continue;
            }
            // A characterisation both sides make is none changed. Only a noun tells this: the
            // modals of a treaty article stand in every sentence.
            let kept = said(&said_new, s, &o.key) > 0;
            let had = said(&said_old, s, &n.key) > 0;
            if scale.nouns && (kept || had) {
                continue;
            }
            let weaker = new_level > old_level;
            let softened = if old_negated && scale.negation == NegationMode::Flips {
                !weaker
            } else {
                weaker
            };
            let shift = ScaleShift {
                scale: scale.name.clone(),
                old_strength: scale.strength(old_level),
                new_strength: scale.strength(new_level),
                negated: old_negated,
            };
            let kind = if softened {
                FindingKind::Softened(shift)
            } else {
                FindingKind::Strengthened(shift)
            };
            let mut f = cx.at(kind, Some(&o.bytes), Some(&n.bytes));
            let steps = old_level.abs_diff(new_level);
            if softened && weaker && scale.high_at_steps.is_some_and(|h| steps >= h) {
                f.severity = Severity::High;
            }
            out.push(f);
            edits.explained[k] = true;
        }
    }
}

/// How often a reading says each phrase of each scale.
fn counts(reading: &Reading) -> BTreeMap<(usize, &str), usize> {
    let mut counts: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for hit in &reading.hits {
        if let Mark::Scale { scale, .. } = hit.mark {
            *counts.entry((scale, hit.key.as_str())).or_default() += 1;
        }
    }
    counts
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
            .any(|&(start, end)| start < bytes.end && bytes.start < end)
    }
}
