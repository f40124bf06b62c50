//! Phrases whose presence matters: watch terms, hedges and intensifiers. Each compares how often the
//! clause says the phrase on each side, so a phrase moved within a clause is no finding, and places a
//! finding at an edit that touches an occurrence. Hedges and intensifiers inside a passage inserted or
//! deleted whole are part of that passage's finding, not findings of their own.

use std::collections::BTreeMap;

use super::{Context, Edits, Side};
use crate::classify::finding::WatchRef;
use crate::classify::read::{Hit, Mark, Reading};
use crate::classify::{Finding, FindingKind, Severity};

/// Watch terms whose count changed, and aliases swapped for others of the same term.
pub(super) fn watch_terms(
    cx: &Context,
    edits: &mut Edits,
    old: &Reading,
    new: &Reading,
    out: &mut Vec<Finding>,
) {
    fn by_term(reading: &Reading) -> BTreeMap<(usize, usize), Vec<&Hit>> {
        let mut terms: BTreeMap<(usize, usize), Vec<&Hit>> = BTreeMap::new();
        for hit in &reading.hits {
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
    for (list, term) in terms {
        let (o, n) = (
            before.get(&(list, term)).map_or(&[][..], Vec::as_slice),
            after.get(&(list, term)).map_or(&[][..], Vec::as_slice),
        );
        let watchlist = &cx.classifier.watchlists()[list];
        let severity = watchlist.terms[term].severity;
        let watch = WatchRef {
            term: watchlist.terms[term].name.clone(),
            list: watchlist.name.clone(),
        };
        if o.len() > n.len() {
            if let Some((hit, k)) = first_touched(edits, Side::Old, o) {
                let mut f = cx.at(FindingKind::WatchTermRemoved(watch), Some(&hit.bytes), None);
                f.severity = severity;
                out.push(f);
                edits.explained[k] = true;
            }
        } else if n.len() > o.len() {
            if let Some((hit, k)) = first_touched(edits, Side::New, n) {
                let mut f = cx.at(FindingKind::WatchTermAdded(watch), None, Some(&hit.bytes));
                f.severity = severity.min(Severity::Medium);
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
                let kind = FindingKind::WatchTermRenamed(watch);
                out.push(cx.at(kind, Some(&gone.bytes), Some(&came.bytes)));
                edits.explained[k] = true;
            }
        }
    }
}

pub(super) fn first_touched<'h>(
    edits: &Edits,
    side: Side,
    hits: &[&'h Hit],
) -> Option<(&'h Hit, usize)> {
    hits.iter()
        .find_map(|h| edits.touching(side, &h.bytes).map(|k| (*h, k)))
}

/// Hedges and intensifiers whose count in the clause went down or up, outside passages.
pub(super) fn qualifiers(
    cx: &Context,
    edits: &mut Edits,
    old: &Reading,
    new: &Reading,
    out: &mut Vec<Finding>,
) {
    for (mark, removed, added) in [
        (
            Mark::Hedge,
            FindingKind::HedgeRemoved,
            FindingKind::HedgeAdded,
        ),
        (
            Mark::Intensifier,
            FindingKind::IntensifierRemoved,
            FindingKind::IntensifierAdded,
        ),
    ] {
        let (before, after) = (by_key(old, mark), by_key(new, mark));
        let mut keys: Vec<&str> = before.keys().chain(after.keys()).copied().collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            let o = before.get(key).map_or(&[][..], Vec::as_slice);
            let n = after.get(key).map_or(&[][..], Vec::as_slice);
            let (side, hits, kind) = match o.len().cmp(&n.len()) {
                std::cmp::Ordering::Greater => (Side::Old, o, removed.clone()),
                std::cmp::Ordering::Less => (Side::New, n, added.clone()),
                std::cmp::Ordering::Equal => continue,
            };
            let Some((hit, k)) = first_touched(edits, side, hits) else {
                continue;
            };
            // A passage inserted or deleted whole is its own finding, which holds the qualifier.
            // In a passage replaced by another the qualifier is news of its own, and the
            // rewording stays shown beside it.
            let [o, n] = edits.words[k];
            let passage = edits.is_passage(k);
            if passage && o.min(n) == 0 {
                continue;
            }
            let f = cx.on(kind, side, &hit.bytes);
            out.push(f);
            edits.explained[k] |= !passage;
        }
    }
}

fn by_key(reading: &Reading, mark: Mark) -> BTreeMap<&str, Vec<&Hit>> {
    let mut keys: BTreeMap<&str, Vec<&Hit>> = BTreeMap::new();
    for hit in reading.hits.iter().filter(|h| h.mark == mark) {
        keys.entry(hit.key.as_str()).or_default().push(hit);
    }
    keys
}
