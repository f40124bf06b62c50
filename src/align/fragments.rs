//! Splits and merges: a clause left unmatched that is a part of a neighbouring clause on the other side.
//!
//! Run once with the old side as container (splits: one old clause, several new ones) and once with the
//! new side as container (merges). A fragment is a candidate part of a container when most of its words
//! occur in it; it joins the container's group only if the group's parts stay adjacent and the joined
//! parts resemble the container better than the parts without it.

use super::{Matching, Side};
use crate::text::{dice, shared};

/// Share of a fragment's words that must occur in the container.
const CONTAINMENT: f32 = 0.7;
/// Fragments shorter than this (in words) are too generic to place.
const MIN_FRAGMENT_WORDS: usize = 3;
/// Least score of a container against the parts that form it from scratch.
const NEW_GROUP_THRESHOLD: f32 = 0.4;
/// Unmatched containers considered around a fragment, on each side.
const NEARBY: usize = 3;

/// Absorbs unmatched clauses of side `1 - container` into groups whose single clause on side `container`
/// contains them.
pub(super) fn absorb(sides: &mut [Side; 2], matching: &mut Matching, container: usize) {
    let fragment_side = 1 - container;
    for j in matching.free(fragment_side) {
        if !matching.is_free(fragment_side, j) {
            continue;
        }
        sides[fragment_side].ensure_words(j);
        if sides[fragment_side].words(j).len() < MIN_FRAGMENT_WORDS {
            continue;
        }
        let candidates = containers_near(sides, matching, container, j);
        let mut best: Option<(f32, usize)> = None;
        for i in candidates {
            sides[container].ensure_words(i);
            let part = sides[fragment_side].words(j);
            let whole = sides[container].words(i);
            let containment = shared(part, whole) as f32 / part.len() as f32;
            if containment >= CONTAINMENT && best.is_none_or(|(b, _)| containment > b) {
                best = Some((containment, i));
            }
        }
        if let Some((_, i)) = best {
            let parts = matching
                .group_of(container, i)
                .map(|(_, group)| group.members[fragment_side].clone())
                .unwrap_or_default();
            for p in parts {
                sides[fragment_side].ensure_words(p);
            }
            try_join(sides, matching, container, i, j);
        }
    }
}

/// Container clauses worth testing for fragment `j`: those grouped with `j`'s neighbours, and unmatched
/// ones nearby.
fn containers_near(
    sides: &[Side; 2],
    matching: &Matching,
    container: usize,
    j: usize,
) -> Vec<usize> {
    let fragment_side = 1 - container;
    let mut out = Vec::new();
    for neighbour in [j.checked_sub(1), j.checked_add(1)].into_iter().flatten() {
        if let Some((_, group)) = matching.group_of(fragment_side, neighbour)
            && let [single] = group.members[container].as_slice()
        {
            out.push(*single);
        }
    }
    // Unmatched containers next to the container positions of j's neighbours.
    let around: Vec<usize> = out.clone();
    let len = sides[container].clauses.len();
    for centre in around {
        let low = centre.saturating_sub(NEARBY);
        let high = (centre + NEARBY + 1).min(len);
        out.extend((low..high).filter(|&i| matching.is_free(container, i)));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Adds fragment `j` to container `i`'s group, or starts a group, if that explains the texts better.
fn try_join(sides: &[Side; 2], matching: &mut Matching, container: usize, i: usize, j: usize) {
    let fragment_side = 1 - container;
    let whole = sides[container].words(i);
    match matching.group_of(container, i) {
        Some((g, group)) => {
            let parts = &group.members[fragment_side];
            let adjacent =
                parts.contains(&(j + 1)) || j.checked_sub(1).is_some_and(|p| parts.contains(&p));
            if group.members[container].len() != 1 || !adjacent {
                return;
            }
            let before = union(sides, fragment_side, parts);
            let mut after = before.clone();
            after.extend_from_slice(sides[fragment_side].words(j));
            after.sort_unstable();
            if dice(whole, &after) > dice(whole, &before) + 0.02 {
                matching.join(g, fragment_side, j);
            }
        }
        None => {
            let part = sides[fragment_side].words(j);
            if dice(whole, part) >= NEW_GROUP_THRESHOLD {
                let (old, new) = if container == 0 { (i, j) } else { (j, i) };
                matching.link(old, new, false);
            }
        }
    }
}

fn union(sides: &[Side; 2], side: usize, parts: &[usize]) -> Vec<u64> {
    let mut words: Vec<u64> = parts
        .iter()
        .flat_map(|&p| sides[side].words(p).iter().copied())
        .collect();
    words.sort_unstable();
    words
}
