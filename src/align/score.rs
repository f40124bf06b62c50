//! Matching edited clauses by how many words they share.
//!
//! Each clause left unmatched is scored against a handful of candidates only: the unmatched old clauses
//! that share its rarest words (an inverted index that ignores words common to many clauses), and the
//! unmatched old clauses that sit in the same gap between matched neighbours. The score is the Dice
//! coefficient of the two word multisets. Pairs are accepted best first; a pair in the same gap needs
//! less overlap than one that would also be a move. A second pass takes the clauses still free that
//! lie between the same matched neighbours once the edited clauses are matched too: the gaps inside an
//! article that moved whole.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{FREE, Matching, Side};
use crate::text::{dice, shared};

/// A word in more unmatched clauses than this says nothing about which one is the counterpart.
const MAX_POSTINGS: usize = 16;
/// Rarest words of a clause used to look up candidates.
const LOOKUP_WORDS: usize = 12;
/// Candidates kept per clause from the word index.
const INDEX_CANDIDATES: usize = 4;
/// Gaps up to this many unmatched old clauses are searched whole.
const SMALL_GAP: usize = 8;
/// Least score for a pair in the same gap between matched neighbours.
const IN_PLACE_THRESHOLD: f32 = 0.3;
/// Least score for a pair that crosses matched clauses (it will be reported as moved).
const MOVED_THRESHOLD: f32 = 0.45;
/// Least score for a pair in the same gap that also has the same document-written number: a heavily
/// redrafted article keeps its number.
const SAME_NUMBER_THRESHOLD: f32 = 0.25;

/// For each new clause, the gap it sits in: the index of the last in-order anchor before it (0 = before
/// all anchors), with the old clauses of that gap lying between the anchors' old positions.
struct Gaps {
    new_gap: Vec<usize>,
    old_gap: Vec<usize>,
}

impl Gaps {
    fn new(old_len: usize, new_len: usize, anchors: &[(usize, usize)]) -> Gaps {
        let mut new_gap = vec![0; new_len];
        let mut old_gap = vec![0; old_len];
        let mut k = 0;
        for (j, gap) in new_gap.iter_mut().enumerate() {
            while k < anchors.len() && anchors[k].1 < j {
                k += 1;
            }
            *gap = k;
        }
        k = 0;
        for (i, gap) in old_gap.iter_mut().enumerate() {
            while k < anchors.len() && anchors[k].0 < i {
                k += 1;
            }
            *gap = k;
        }
        Gaps { new_gap, old_gap }
    }
}

/// The clauses a pass may still match, each side's in order, with their content words.
struct Free {
    old: Vec<usize>,
    new: Vec<usize>,
    /// [`content_words`] of each free clause, old and new.
    content: [FxHashMap<usize, Vec<u64>>; 2],
}

impl Free {
    /// The free clauses of both sides, their words computed; `None` when one side has none.
    fn of(sides: &mut [Side; 2], matching: &Matching) -> Option<Free> {
        let old = matching.free(0);
        let new = matching.free(1);
        if old.is_empty() || new.is_empty() {
            return None;
        }
        sides[0].ensure_all_words(&old);
        sides[1].ensure_all_words(&new);
        let common = common_words(sides, &old, &new);
        let content = [
            content_words(&sides[0], &old, &common),
            content_words(&sides[1], &new, &common),
        ];
        Some(Free { old, new, content })
    }
}

pub(super) fn match_similar(
    sides: &mut [Side; 2],
    matching: &mut Matching,
    anchors: &[(usize, usize)],
) {
    let Some(Free {
        old: free_old,
        new: free_new,
        content,
    }) = Free::of(sides, matching)
    else {
        return;
    };
    let postings = index(&sides[0], &free_old);
    let gaps = Gaps::new(sides[0].clauses.len(), sides[1].clauses.len(), anchors);
    let mut old_by_gap: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for &i in &free_old {
        old_by_gap.entry(gaps.old_gap[i]).or_default().push(i);
    }
    // A new clause's rank among the new clauses of its gap pairs it with the old clause of the same
    // rank when the gap is too large to search whole.
    let mut next_rank: FxHashMap<usize, usize> = FxHashMap::default();
    let ranks: Vec<usize> = free_new
        .iter()
        .map(|&j| {
            let rank = next_rank.entry(gaps.new_gap[j]).or_insert(0);
            *rank += 1;
            *rank - 1
        })
        .collect();
    let (sides, postings, gaps, old_by_gap) = (&*sides, &postings, &gaps, &old_by_gap);
    let content = &content;
    // Scoring the candidates of each new clause is independent of the others: in parallel. The
    // sort below orders the pairs completely, so the result does not depend on the thread count.
    let scored: Vec<Scored> = free_new
        .par_iter()
        .zip(&ranks)
        .with_min_len(32)
        .flat_map_iter(|(&j, &rank)| {
            let gap = gaps.new_gap[j];
            let in_gap = old_by_gap.get(&gap).map_or(&[][..], Vec::as_slice);
            let mut candidates = lookup(postings, sides[1].words(j));
            if in_gap.len() <= SMALL_GAP {
                candidates.extend_from_slice(in_gap);
            } else if let Some(&i) = in_gap.get(rank) {
                candidates.push(i);
            }
            candidates.sort_unstable();
            candidates.dedup();
            candidates.into_iter().filter_map(move |i| {
                if sides[0].is_heading(i) != sides[1].is_heading(j) {
                    return None;
                }
                let score = content_dice(
                    [sides[0].words(i), sides[1].words(j)],
                    [&content[0][&i], &content[1][&j]],
                );
                let same_gap = gaps.old_gap[i] == gap;
                let (a, b) = (&sides[0].clauses[i], &sides[1].clauses[j]);
                let same_number = a.numbered && b.numbered && a.id == b.id;
                let threshold = match (same_gap, same_number) {
                    (true, true) => SAME_NUMBER_THRESHOLD,
                    (true, false) => IN_PLACE_THRESHOLD,
                    (false, _) => MOVED_THRESHOLD,
                };
                let floor = if same_gap { TOPIC_FLOOR } else { threshold };
                (score >= floor).then_some((score, same_gap, i, j, score >= threshold))
            })
        })
        .collect();
    accept(matching, scored);
}

/// Links scored pairs best first: those that pass their threshold, then those each other's best
/// remaining candidate in the same gap ([`link_topics`]).
fn accept(matching: &mut Matching, mut scored: Vec<Scored>) {
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    for &(_, _, i, j, passes) in &scored {
        if passes && matching.owner[0][i] == FREE && matching.owner[1][j] == FREE {
            matching.link(i, j, false);
        }
    }
    link_topics(matching, &scored);
}

/// A candidate pair: its score, whether both clauses lie in the same gap, the old and the new clause,
/// and whether the score passes the pair's threshold.
type Scored = (f32, bool, usize, usize, bool);

/// Distinct words of four bytes or more that two clauses found between the same neighbours must share
/// to be one clause: "Party" and "shall" alone make no subject.
const TELLING_SHARED: usize = 3;

/// Whether old clause `i` and new clause `j` share [`TELLING_SHARED`] words of four bytes or more.
fn shares_telling_words(sides: &[Side; 2], i: usize, j: usize) -> bool {
    let telling = |side: usize, k: usize| -> Vec<u64> {
        let mut keys: Vec<u64> = sides[side].clauses[k]
            .tokens()
            .iter()
            .filter(|t| t.is_content())
            .map(|t| t.key)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    };
    let (a, b) = (telling(0, i), telling(1, j));
    let shared = a.iter().filter(|k| b.binary_search(k).is_ok()).count();
    shared >= TELLING_SHARED
}

/// For each clause of one side, the range of the other side's clauses between the counterparts of
/// its nearest matched neighbours: after the last counterpart of the matched clause before it, and
/// before the first counterpart of the matched clause after it.
///
/// Only groups in order on both sides count as neighbours: a clause that moved says nothing about
/// where its neighbours went.
fn between(matching: &Matching, moved: &[bool], side: usize) -> Vec<(usize, usize)> {
    let (len, other_len) = (matching.owner[side].len(), matching.owner[1 - side].len());
    let counterparts = |i: usize| {
        matching
            .group_of(side, i)
            .filter(|&(g, _)| !moved[g as usize])
            .map(|(_, g)| &g.members[1 - side][..])
    };
    let mut ranges = vec![(0, other_len); len];
    let mut after = 0;
    for (i, range) in ranges.iter_mut().enumerate() {
        if let Some(&last) = counterparts(i).and_then(<[usize]>::last) {
            after = last + 1;
        }
        range.0 = after;
    }
    let mut before = other_len;
    for i in (0..len).rev() {
        if let Some(&first) = counterparts(i).and_then(<[usize]>::first) {
            before = first;
        }
        ranges[i].1 = before;
    }
    ranges
}

/// The second pass: clauses still free that lie between the same matched neighbours on both sides
/// (after the first pass matched the edited clauses around them, even where a whole article moved)
/// are in one gap, and are matched as [`match_similar`] matches clauses of one gap: a paragraph
/// rewritten in place is the same clause, not one removed and another added. Only runs of at most
/// [`SMALL_GAP`] free clauses on each side are searched, so each clause is scored against a few
/// others at most and the work stays linear.
pub(super) fn match_between(sides: &mut [Side; 2], matching: &mut Matching) {
    let Some(Free {
        old: free_old,
        new: free_new,
        content,
    }) = Free::of(sides, matching)
    else {
        return;
    };
    let moved = matching.moved_groups();
    let ranges = [between(matching, &moved, 0), between(matching, &moved, 1)];
    let mut scored: Vec<Scored> = Vec::new();
    for &i in &free_old {
        let (lo, hi) = ranges[0][i];
        let from = free_new.partition_point(|&j| j < lo);
        let to = free_new.partition_point(|&j| j < hi);
        if from >= to || to - from > SMALL_GAP {
            continue;
        }
        for &j in &free_new[from..to] {
            // Both runs are short, so each clause is scored against a few others at most.
            let (back_lo, back_hi) = ranges[1][j];
            let back = free_old.partition_point(|&o| o < back_hi)
                - free_old.partition_point(|&o| o < back_lo);
            if !(back_lo..back_hi).contains(&i)
                || back > SMALL_GAP
                || sides[0].is_heading(i) != sides[1].is_heading(j)
            {
                continue;
            }
            let score = content_dice(
                [sides[0].words(i), sides[1].words(j)],
                [&content[0][&i], &content[1][&j]],
            );
            if score >= TOPIC_FLOOR && shares_telling_words(sides, i, j) {
                scored.push((score, true, i, j, score >= IN_PLACE_THRESHOLD));
            }
        }
    }
    accept(matching, scored);
}

/// Least score for two clauses left in the same gap that are each other's best match: a paragraph
/// rewritten around the same subject (a statement a year later, an article redrafted) is the same
/// clause, not one removed and another added.
const TOPIC_FLOOR: f32 = 0.15;

/// Links the clauses still free in pairs that are each other's best remaining candidate in the same
/// gap. `scored` is sorted best first.
fn link_topics(matching: &mut Matching, scored: &[Scored]) {
    let free = |m: &Matching, i: usize, j: usize| m.owner[0][i] == FREE && m.owner[1][j] == FREE;
    let mut best_old: FxHashMap<usize, usize> = FxHashMap::default();
    let mut best_new: FxHashMap<usize, usize> = FxHashMap::default();
    for &(_, same_gap, i, j, _) in scored {
        if same_gap && free(matching, i, j) {
            best_old.entry(i).or_insert(j);
            best_new.entry(j).or_insert(i);
        }
    }
    for &(_, same_gap, i, j, _) in scored {
        let mutual = best_old.get(&i) == Some(&j) && best_new.get(&j) == Some(&i);
        if same_gap && mutual && free(matching, i, j) {
            matching.link(i, j, false);
        }
    }
}

/// Unmatched clauses from which words common to many of them are left out of the score.
const COMMON_FROM: usize = 12;
/// Share of the unmatched clauses a word must be in to be common ("the", "and", "we").
const COMMON_SHARE: f32 = 0.2;

/// Words in a fifth or more of the unmatched clauses of both sides: function words, and the words of a
/// document's subject that every paragraph repeats. Two rewritten paragraphs share them whatever they
/// say, so they are no evidence that one became the other (year-over-year statements, heavily redrafted
/// articles). Sorted.
fn common_words(sides: &[Side; 2], free_old: &[usize], free_new: &[usize]) -> Vec<u64> {
    let total = free_old.len() + free_new.len();
    if total < COMMON_FROM {
        return Vec::new();
    }
    let mut counts: FxHashMap<u64, usize> = FxHashMap::default();
    for (side, free) in [(0, free_old), (1, free_new)] {
        for &i in free {
            let words = sides[side].words(i);
            for (k, &key) in words.iter().enumerate() {
                if k == 0 || words[k - 1] != key {
                    *counts.entry(key).or_insert(0) += 1;
                }
            }
        }
    }
    let least = (COMMON_SHARE * total as f32).ceil() as usize;
    let mut common: Vec<u64> = counts
        .into_iter()
        .filter(|&(_, n)| n >= least.max(3))
        .map(|(key, _)| key)
        .collect();
    common.sort_unstable();
    common
}

/// Content words a clause needs for its score to leave out the common ones.
const MIN_CONTENT: usize = 3;
/// Content words two clauses must share for their content alone to be scored.
const MIN_SHARED: usize = 2;

/// The words of each free clause that are not `common` (sorted), computed once per clause.
fn content_words(side: &Side, free: &[usize], common: &[u64]) -> FxHashMap<usize, Vec<u64>> {
    free.par_iter()
        .map(|&i| {
            let words = side.words(i);
            let content = if common.is_empty() {
                words.to_vec()
            } else {
                words
                    .iter()
                    .filter(|w| common.binary_search(w).is_err())
                    .copied()
                    .collect()
            };
            (i, content)
        })
        .collect()
}

/// [`dice`] over the content words (`content`, see [`content_words`]) of two clauses whose words are
/// `words`.
fn content_dice(words: [&[u64]; 2], content: [&[u64]; 2]) -> f32 {
    // A clause of common words only has too little left to score on its own: two clauses that share
    // one number and nothing else are not alike.
    if content[0].len() < MIN_CONTENT || content[1].len() < MIN_CONTENT {
        return dice(words[0], words[1]);
    }
    if shared(content[0], content[1]) < MIN_SHARED {
        return 0.0;
    }
    dice(content[0], content[1])
}

/// Inverted index from word key to the unmatched old clauses holding it, for rare enough words.
fn index(side: &Side, free: &[usize]) -> FxHashMap<u64, Vec<usize>> {
    let mut postings: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for &i in free {
        let words = side.words(i);
        for (k, &key) in words.iter().enumerate() {
            if k > 0 && words[k - 1] == key {
                continue;
            }
            let list = postings.entry(key).or_default();
            if list.len() <= MAX_POSTINGS {
                list.push(i);
            }
        }
    }
    postings.retain(|_, list| list.len() <= MAX_POSTINGS);
    postings
}

/// The old clauses sharing the most of this clause's rarest words.
fn lookup(postings: &FxHashMap<u64, Vec<usize>>, words: &[u64]) -> Vec<usize> {
    let mut rare: Vec<(usize, u64)> = Vec::new();
    for (k, &key) in words.iter().enumerate() {
        if k > 0 && words[k - 1] == key {
            continue;
        }
        if let Some(list) = postings.get(&key) {
            rare.push((list.len(), key));
        }
    }
    rare.sort_unstable();
    let mut votes: FxHashMap<usize, usize> = FxHashMap::default();
    for (_, key) in rare.iter().take(LOOKUP_WORDS) {
        for &i in &postings[key] {
            *votes.entry(i).or_insert(0) += 1;
        }
    }
    let mut ranked: Vec<(usize, usize)> = votes.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .take(INDEX_CANDIDATES)
        .map(|(i, _)| i)
        .collect()
}
