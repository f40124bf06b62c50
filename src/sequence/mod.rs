//! Matching two sequences of keys in order, the way a line diff matches lines, in near-linear time on
//! any input. Alignment uses it on clause fingerprints, the word diff on the tokens of very long
//! clauses.
//!
//! Patience-style: runs of keys unique on both sides are anchors, the longest chain of them in order is
//! kept, and the gaps between anchors are searched the same way, down to a fixed depth. Where single
//! keys repeat (a clause of 5 MB written with fifty distinct words, 200,000 one-word clauses) the
//! anchors are unique k-grams instead: `k` consecutive keys that occur once on each side. Every level
//! is linear in its gap (plus a sort), so the whole is O(n log n) even on adversarial input (10,000
//! identical clauses, every clause shuffled).

mod lis;

use std::collections::VecDeque;
use std::ops::Range;

use rustc_hash::FxHashMap;

pub(crate) use lis::longest_increasing;

/// How many times gaps between anchors are searched for anchors of their own.
const MAX_DEPTH: u8 = 8;

/// The k-gram lengths tried, shortest first, until one gives anchors.
const GRAMS: [usize; 4] = [1, 4, 16, 64];

/// A run of equal keys: `len` keys from `old` on the old side and from `new` on the new side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run {
    pub old: usize,
    pub new: usize,
    pub len: usize,
}

/// Pairs `(old, new)` of equal keys, increasing on both sides.
pub(crate) fn in_order(old: &[u64], new: &[u64]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut work = vec![(0..old.len(), 0..new.len(), 0u8)];
    while let Some((a, b, depth)) = work.pop() {
        let (a, b) = trim(old, new, a, b, &mut out);
        if a.is_empty() || b.is_empty() {
            continue;
        }
        let runs = if depth < MAX_DEPTH {
            unique_runs(old, new, a.clone(), b.clone())
        } else {
            Vec::new()
        };
        if runs.is_empty() {
            greedy(old, new, a, b, &mut out);
            continue;
        }
        let (mut at_old, mut at_new) = (a.start, b.start);
        for run in runs {
            work.push((at_old..run.old, at_new..run.new, depth + 1));
            out.extend((0..run.len).map(|t| (run.old + t, run.new + t)));
            (at_old, at_new) = (run.old + run.len, run.new + run.len);
        }
        work.push((at_old..a.end, at_new..b.end, depth + 1));
    }
    out.sort_unstable();
    out
}

/// Splits two ranges into equal runs and the gaps between them, for a diff that is too long to run
/// in one piece: anchors are searched recursively until every gap holds at most `small` keys on
/// each side (or has no anchors left). The runs come back increasing on both sides; what lies between
/// them is for the caller to diff.
pub(crate) fn anchor_runs(old: &[u64], new: &[u64], small: usize) -> Vec<Run> {
    let mut out = Vec::new();
    let mut work = vec![(0..old.len(), 0..new.len(), 0u8)];
    while let Some((a, b, depth)) = work.pop() {
        if a.len() <= small && b.len() <= small || depth >= MAX_DEPTH {
            continue;
        }
        let runs = unique_runs(old, new, a.clone(), b.clone());
        if runs.is_empty() {
            continue;
        }
        let (mut at_old, mut at_new) = (a.start, b.start);
        for run in runs {
            work.push((at_old..run.old, at_new..run.new, depth + 1));
            out.push(run);
            (at_old, at_new) = (run.old + run.len, run.new + run.len);
        }
        work.push((at_old..a.end, at_new..b.end, depth + 1));
    }
    out.sort_unstable_by_key(|r| r.old);
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

/// Runs of equal keys anchored on k-grams unique in both ranges, in order on both sides and
/// extended as far as the keys stay equal; empty when no k-gram length gives an anchor.
fn unique_runs(old: &[u64], new: &[u64], a: Range<usize>, b: Range<usize>) -> Vec<Run> {
    let shorter = a.len().min(b.len());
    let mut grams = Grams::default();
    for k in GRAMS {
        if k > shorter {
            break;
        }
        grams.grow(old, new, &a, &b, k);
        let anchors = unique_anchors(&grams, &a, &b, k, old, new);
        if !anchors.is_empty() {
            return runs(old, new, &a, &b, &anchors, k);
        }
    }
    Vec::new()
}

/// Hashes of the k-grams starting at each position of the two ranges, for the current `k`.
#[derive(Default)]
struct Grams {
    k: usize,
    old: Vec<u64>,
    new: Vec<u64>,
}

impl Grams {
    /// Moves on to k-grams of length `k` (1, or a multiple of the current length).
    fn grow(&mut self, old: &[u64], new: &[u64], a: &Range<usize>, b: &Range<usize>, k: usize) {
        if self.k == 0 {
            self.old = old[a.clone()].to_vec();
            self.new = new[b.clone()].to_vec();
            self.k = 1;
        }
        while self.k < k {
            // A 2k-gram's hash combines the hashes of the k-grams at i and i + k.
            let step = self.k;
            for hashes in [&mut self.old, &mut self.new] {
                let len = hashes.len().saturating_sub(step);
                for i in 0..len {
                    hashes[i] = combine(hashes[i], hashes[i + step]);
                }
                hashes.truncate(len);
            }
            self.k *= 2;
        }
    }
}

fn combine(a: u64, b: u64) -> u64 {
    (a.rotate_left(5) ^ b).wrapping_mul(0x51_7C_C1_B7_27_22_0A_95)
}

/// Positions `(i, j)` of k-grams whose hash occurs once in each range, kept where they are in order
/// on both sides (a longest increasing chain) and checked key by key against hash collisions.
fn unique_anchors(
    grams: &Grams,
    a: &Range<usize>,
    b: &Range<usize>,
    k: usize,
    old: &[u64],
    new: &[u64],
) -> Vec<(usize, usize)> {
    // hash → (count in old, count in new, offset in old, offset in new)
    let mut seen: FxHashMap<u64, (u32, u32, usize, usize)> = FxHashMap::default();
    seen.reserve(grams.old.len());
    for (i, &hash) in grams.old.iter().enumerate() {
        let entry = seen.entry(hash).or_insert((0, 0, i, 0));
        entry.0 += 1;
    }
    for (j, &hash) in grams.new.iter().enumerate() {
        if let Some(entry) = seen.get_mut(&hash) {
            entry.1 += 1;
            entry.3 = j;
        }
    }
    let unique: Vec<(usize, usize)> = grams
        .old
        .iter()
        .enumerate()
        .filter_map(|(i, hash)| {
            let &(in_old, in_new, at_old, at_new) = seen.get(hash)?;
            (in_old == 1 && in_new == 1 && at_old == i).then_some((a.start + i, b.start + at_new))
        })
        .filter(|&(i, j)| old[i..i + k] == new[j..j + k])
        .collect();
    let news: Vec<usize> = unique.iter().map(|&(_, j)| j).collect();
    longest_increasing(&news)
        .into_iter()
        .map(|p| unique[p])
        .collect()
}

/// Turns anchors (k-grams in order) into maximal runs of equal keys that do not overlap.
fn runs(
    old: &[u64],
    new: &[u64],
    a: &Range<usize>,
    b: &Range<usize>,
    anchors: &[(usize, usize)],
    k: usize,
) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for &(i, j) in anchors {
        let (old_end, new_end) = runs
            .last()
            .map_or((a.start, b.start), |r| (r.old + r.len, r.new + r.len));
        // Skip the part of this k-gram that an earlier run already covers on either side.
        let skip = old_end.saturating_sub(i).max(new_end.saturating_sub(j));
        if skip >= k {
            continue;
        }
        let (i, j, len) = (i + skip, j + skip, k - skip);
        match runs.last_mut() {
            Some(last) if last.old + last.len == i && last.new + last.len == j => last.len += len,
            _ => runs.push(Run {
                old: i,
                new: j,
                len,
            }),
        }
    }
    // Grow each run over equal keys on both sides, up to its neighbours.
    for r in 0..runs.len() {
        let (floor_old, floor_new) = match r.checked_sub(1) {
            Some(p) => (runs[p].old + runs[p].len, runs[p].new + runs[p].len),
            None => (a.start, b.start),
        };
        let (ceiling_old, ceiling_new) = runs.get(r + 1).map_or((a.end, b.end), |n| (n.old, n.new));
        let run = &mut runs[r];
        while run.old > floor_old && run.new > floor_new && old[run.old - 1] == new[run.new - 1] {
            run.old -= 1;
            run.new -= 1;
            run.len += 1;
        }
        while run.old + run.len < ceiling_old
            && run.new + run.len < ceiling_new
            && old[run.old + run.len] == new[run.new + run.len]
        {
            run.len += 1;
        }
    }
    runs
}

/// Matches equal keys in order, each old key with the first unused equal new one after the last
/// match. Linear; not always the longest matching, which is fine for what is left at this point.
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
    use proptest::prelude::*;

    #[test]
    fn an_insertion_shifts_nothing_else() {
        assert_eq!(
            in_order(&[1, 2, 3], &[1, 9, 2, 3]),
            [(0, 0), (1, 2), (2, 3)]
        );
    }

    #[test]
    fn repeated_keys_match_in_order() {
        let old = vec![5; 100];
        let mut new = vec![5; 100];
        new[40] = 6;
        let got = in_order(&old, &new);
        assert_eq!(got.len(), 99);
        assert!(got.iter().all(|&(i, j)| i == j && i != 40));
    }

    #[test]
    fn a_moved_key_is_left_for_later() {
        let got = in_order(&[1, 2, 3, 4, 5], &[1, 3, 4, 5, 2]);
        assert_eq!(got, [(0, 0), (2, 1), (3, 2), (4, 3)]);
    }

    /// A sequence over a small alphabet: single keys repeat everywhere, but runs of them do not.
    fn small_alphabet(len: usize, seed: u64) -> Vec<u64> {
        let mut state = seed;
        (0..len)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (state >> 33) % 8
            })
            .collect()
    }

    #[test]
    fn k_grams_anchor_keys_that_repeat() {
        let old = small_alphabet(20_000, 7);
        let mut new = old.clone();
        new[5_000] = 99;
        new.remove(12_000);
        new.insert(15_000, 98);
        let got = in_order(&old, &new);
        // Everything but the changed key and the removed one is matched.
        assert_eq!(got.len(), old.len() - 2);
        assert!(got.iter().all(|&(i, j)| old[i] == new[j]));
    }

    #[test]
    fn anchor_runs_leave_small_gaps() {
        let old = small_alphabet(50_000, 11);
        let mut new = old.clone();
        for at in (1_000..50_000).step_by(5_000) {
            new[at] = 99;
        }
        let runs = anchor_runs(&old, &new, 100);
        let (mut at_old, mut at_new) = (0, 0);
        for run in &runs {
            assert!(run.old >= at_old && run.new >= at_new, "{runs:?}");
            assert_eq!(
                old[run.old..run.old + run.len],
                new[run.new..run.new + run.len]
            );
            assert!(run.old - at_old <= 100 && run.new - at_new <= 100);
            (at_old, at_new) = (run.old + run.len, run.new + run.len);
        }
        assert!(old.len() - at_old <= 100);
    }

    proptest! {
        #[test]
        fn matches_are_equal_and_increasing(
            old in proptest::collection::vec(0u64..6, 0..300),
            new in proptest::collection::vec(0u64..6, 0..300),
        ) {
            let got = in_order(&old, &new);
            for pair in got.windows(2) {
                prop_assert!(pair[0].0 < pair[1].0 && pair[0].1 < pair[1].1);
            }
            prop_assert!(got.iter().all(|&(i, j)| old[i] == new[j]));
            let runs = anchor_runs(&old, &new, 4);
            for pair in runs.windows(2) {
                prop_assert!(pair[0].old + pair[0].len <= pair[1].old);
                prop_assert!(pair[0].new + pair[0].len <= pair[1].new);
            }
            for run in &runs {
                prop_assert_eq!(&old[run.old..run.old + run.len], &new[run.new..run.new + run.len]);
            }
        }
    }
}
