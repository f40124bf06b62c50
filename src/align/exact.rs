//! Matching clauses whose text is the same, in order, the way a line diff matches lines.
//!
//! Patience-style: fingerprints unique on both sides are anchors, the longest run of them in order is
//! kept, and the gaps between anchors are matched the same way, down to a fixed depth, then by common
//! prefix and suffix and a greedy in-order pass. Every level is linear in its gap, so the whole is
//! O(n log n) even on adversarial input (10,000 identical clauses, every clause shuffled).

use std::collections::VecDeque;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::lis::longest_increasing;

/// How many times gaps between anchors are searched for anchors of their own.
const MAX_DEPTH: u8 = 8;

/// Pairs `(old, new)` of equal fingerprints, increasing on both sides.
pub(super) fn in_order(old: &[u64], new: &[u64]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut work = vec![(0..old.len(), 0..new.len(), 0u8)];
    while let Some((a, b, depth)) = work.pop() {
        let (a, b) = trim(old, new, a, b, &mut out);
        if a.is_empty() || b.is_empty() {
            continue;
        }
        let anchors = if depth < MAX_DEPTH {
            unique_anchors(old, new, a.clone(), b.clone())
        } else {
            Vec::new()
        };
        if anchors.is_empty() {
            greedy(old, new, a, b, &mut out);
            continue;
        }
        let (mut at_old, mut at_new) = (a.start, b.start);
        for &(i, j) in &anchors {
            work.push((at_old..i, at_new..j, depth + 1));
            out.push((i, j));
            (at_old, at_new) = (i + 1, j + 1);
        }
        work.push((at_old..a.end, at_new..b.end, depth + 1));
    }
    out.sort_unstable();
    out
}

/// Matches the common prefix and suffix of two ranges and returns what is left between them.
fn trim(
    old: &[u64],
    new: &[u64],
    mut a: Range<usize>,
    mut b: Range<usize>,
    out: &mut Vec<(usize, usize)>,
) -> (Range<usize>, Range<usize>) {
    while !a.is_empty() && !b.is_empty() && old[a.start] == new[b.start] {
        out.push((a.start, b.start));
        a.start += 1;
        b.start += 1;
    }
    while !a.is_empty() && !b.is_empty() && old[a.end - 1] == new[b.end - 1] {
        out.push((a.end - 1, b.end - 1));
        a.end -= 1;
        b.end -= 1;
    }
    (a, b)
}

/// Fingerprints that occur once in each range, kept where they are in order on both sides.
fn unique_anchors(
    old: &[u64],
    new: &[u64],
    a: Range<usize>,
    b: Range<usize>,
) -> Vec<(usize, usize)> {
    // fingerprint → (count in old, count in new, position in old, position in new)
    let mut seen: FxHashMap<u64, (u32, u32, usize, usize)> = FxHashMap::default();
    for i in a.clone() {
        let entry = seen.entry(old[i]).or_insert((0, 0, i, 0));
        entry.0 += 1;
    }
    for j in b {
        if let Some(entry) = seen.get_mut(&new[j]) {
            entry.1 += 1;
            entry.3 = j;
        }
    }
    let mut unique: Vec<(usize, usize)> = a
        .filter_map(|i| {
            let &(in_old, in_new, at_old, at_new) = seen.get(&old[i])?;
            (in_old == 1 && in_new == 1 && at_old == i).then_some((i, at_new))
        })
        .collect();
    unique.sort_unstable();
    let news: Vec<usize> = unique.iter().map(|&(_, j)| j).collect();
    longest_increasing(&news)
        .into_iter()
        .map(|k| unique[k])
        .collect()
}

/// Matches equal fingerprints in order, each old clause with the first unused equal new one after the
/// last match. Linear; not always the longest matching, which is fine for what is left at this point.
fn greedy(
    old: &[u64],
    new: &[u64],
    a: Range<usize>,
    b: Range<usize>,
    out: &mut Vec<(usize, usize)>,
) {
    let mut positions: FxHashMap<u64, VecDeque<usize>> = FxHashMap::default();
    for j in b.clone() {
        positions.entry(new[j]).or_default().push_back(j);
    }
    let mut next_new = b.start;
    for i in a {
        let Some(queue) = positions.get_mut(&old[i]) else {
            continue;
        };
        while queue.front().is_some_and(|&j| j < next_new) {
            queue.pop_front();
        }
        if let Some(j) = queue.pop_front() {
            out.push((i, j));
            next_new = j + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_insertion_shifts_nothing_else() {
        assert_eq!(
            in_order(&[1, 2, 3], &[1, 9, 2, 3]),
            [(0, 0), (1, 2), (2, 3)]
        );
    }

    #[test]
    fn repeated_clauses_match_in_order() {
        let old = vec![5; 100];
        let mut new = vec![5; 100];
        new[40] = 6;
        let got = in_order(&old, &new);
        assert_eq!(got.len(), 99);
        assert!(got.iter().all(|&(i, j)| i == j && i != 40));
    }

    #[test]
    fn a_moved_clause_is_left_for_later() {
        let got = in_order(&[1, 2, 3, 4, 5], &[1, 3, 4, 5, 2]);
        assert_eq!(got, [(0, 0), (2, 1), (3, 2), (4, 3)]);
    }
}
