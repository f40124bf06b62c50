//! Stage 2 — `align`: match the clauses of two drafts.
//!
//! Input: two [`Draft`]s. Output: an [`Alignment`], a list of [`ClausePair`]s in which every old clause
//! appears exactly once (matched, removed, split into several new clauses, or merged with others) and so
//! does every new clause (matched, added, the result of a split or a merge).
//!
//! Matching never compares every clause with every other:
//! 1. clauses with the same text (by fingerprint) are matched in order, patience-style
//!    (the crate's `sequence` module);
//! 2. same-text clauses left over are matched wherever they are (they moved);
//! 3. edited clauses are matched by word overlap, over a few candidates per clause found through an index
//!    of rare words and the clauses' positions between already matched neighbours (`score.rs`);
//! 4. fragments left over are tested as parts of a split or a merge of a neighbouring clause
//!    (`fragments.rs`);
//! 5. the longest in-order run of matches is found; matches outside it are `moved`;
//! 6. a match whose document-written number changed is `renumbered`.
//!
//! What changed inside a pair is the `diff` stage's business.

mod fragments;
mod score;

use std::hash::Hasher;

use rustc_hash::FxHasher;
use serde::Serialize;

use crate::document::{Clause, ClauseKind, Draft};
use crate::sequence;
use crate::text::{normalize, word_keys};

/// How the clauses of a pair relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Relation {
    /// One old clause, one new clause.
    Matched,
    /// A new clause with no counterpart.
    Added,
    /// An old clause with no counterpart.
    Removed,
    /// One old clause, several new ones.
    Split,
    /// Several old clauses, one new one.
    Merged,
}

/// A group of old clauses and new clauses that correspond.
#[derive(Debug, Clone, PartialEq)]
pub struct ClausePair {
    /// Indices into the old draft's clauses (empty when added).
    pub old: Vec<usize>,
    /// Indices into the new draft's clauses (empty when removed).
    pub new: Vec<usize>,
    /// How they relate.
    pub relation: Relation,
    /// Whether the pair sits out of order relative to the longest in-order run of matches.
    pub moved: bool,
    /// Whether the document's own numbering of the clause changed (`OP4` → `OP5`).
    pub renumbered: bool,
    /// Whether the texts were found equal by fingerprint.
    pub exact: bool,
}

/// Every clause of both drafts, grouped into pairs, in new-draft order with removed clauses where they
/// stood.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// The pairs, in report order.
    pub pairs: Vec<ClausePair>,
}

/// Aligns the clauses of two drafts.
pub fn align(old: &Draft, new: &Draft) -> Alignment {
    let (a, b) = rayon::join(|| Side::new(&old.clauses), || Side::new(&new.clauses));
    let mut sides = [a, b];
    let mut matching = Matching::new(old.clauses.len(), new.clauses.len());
    let anchors = sequence::in_order(&sides[0].fingerprints, &sides[1].fingerprints);
    for &(i, j) in &anchors {
        matching.link(i, j, true);
    }
    match_moved_exact(&sides, &mut matching);
    score::match_similar(&mut sides, &mut matching, &anchors);
    score::match_between(&mut sides, &mut matching);
    fragments::absorb(&mut sides, &mut matching, 0);
    fragments::absorb(&mut sides, &mut matching, 1);
    matching.into_alignment(old, new)
}

/// One draft's clauses with what alignment computes about them.
pub(super) struct Side<'a> {
    pub clauses: &'a [Clause],
    /// Fingerprint of each clause's text and kind class.
    pub fingerprints: Vec<u64>,
    /// Sorted word keys, computed on demand: most clauses are matched by fingerprint and never need them.
    words: Vec<Option<Vec<u64>>>,
}

impl<'a> Side<'a> {
    fn new(clauses: &'a [Clause]) -> Side<'a> {
        let mut scratch = String::new();
        let fingerprints = clauses
            .iter()
            .map(|c| {
                let mut hasher = FxHasher::default();
                hasher.write_u64(normalize::fingerprint(&c.text, &mut scratch));
                hasher.write_u8(u8::from(c.kind == ClauseKind::Heading));
                hasher.finish()
            })
            .collect();
        Side {
            clauses,
            fingerprints,
            words: vec![None; clauses.len()],
        }
    }

    /// Computes the word keys of many clauses, in parallel.
    pub fn ensure_all_words(&mut self, indices: &[usize]) {
        use rayon::prelude::*;
        let clauses = self.clauses;
        let computed: Vec<(usize, Vec<u64>)> = indices
            .par_iter()
            .filter(|&&i| self.words[i].is_none())
            .map(|&i| (i, word_keys(clauses[i].tokens())))
            .collect();
        for (i, words) in computed {
            self.words[i] = Some(words);
        }
    }

    /// Computes the word keys of clause `i` if not done yet.
    pub fn ensure_words(&mut self, i: usize) {
        if self.words[i].is_none() {
            self.words[i] = Some(word_keys(self.clauses[i].tokens()));
        }
    }

    /// The word keys of clause `i`; empty unless [`Side::ensure_words`] ran.
    pub fn words(&self, i: usize) -> &[u64] {
        self.words[i].as_deref().unwrap_or(&[])
    }

    pub fn is_heading(&self, i: usize) -> bool {
        self.clauses[i].kind == ClauseKind::Heading
    }
}

pub(super) const FREE: u32 = u32::MAX;

/// A group of corresponding clauses under construction: `members[0]` old, `members[1]` new.
#[derive(Debug, Clone)]
pub(super) struct Group {
    pub members: [Vec<usize>; 2],
    pub exact: bool,
}

/// Which clause belongs to which group, on both sides.
pub(super) struct Matching {
    pub groups: Vec<Group>,
    /// `owner[side][clause]`: the clause's group, or [`FREE`].
    pub owner: [Vec<u32>; 2],
}

impl Matching {
    fn new(old: usize, new: usize) -> Matching {
        Matching {
            groups: Vec::new(),
            owner: [vec![FREE; old], vec![FREE; new]],
        }
    }

    pub fn is_free(&self, side: usize, i: usize) -> bool {
        self.owner[side][i] == FREE
    }

    pub fn free(&self, side: usize) -> Vec<usize> {
        (0..self.owner[side].len())
            .filter(|&i| self.is_free(side, i))
            .collect()
    }

    pub fn link(&mut self, old: usize, new: usize, exact: bool) {
        let group = u32::try_from(self.groups.len()).unwrap_or(FREE);
        self.groups.push(Group {
            members: [vec![old], vec![new]],
            exact,
        });
        self.owner[0][old] = group;
        self.owner[1][new] = group;
    }

    pub fn join(&mut self, group: u32, side: usize, i: usize) {
        let members = &mut self.groups[group as usize].members[side];
        members.push(i);
        members.sort_unstable();
        self.groups[group as usize].exact = false;
        self.owner[side][i] = group;
    }

    /// The group of clause `i` on `side`, if any.
    pub fn group_of(&self, side: usize, i: usize) -> Option<(u32, &Group)> {
        let group = *self.owner[side].get(i)?;
        self.groups.get(group as usize).map(|g| (group, g))
    }

    fn into_alignment(self, old: &Draft, new: &Draft) -> Alignment {
        let moved = self.moved_groups();
        // Report order: groups and added clauses by their first new clause; a removed clause right
        // after the group holding the nearest old clause before it that did not move.
        let mut keyed: Vec<((i64, u8, usize), ClausePair)> = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            let [olds, news] = &group.members;
            let relation = match (olds.len(), news.len()) {
                (1, 1) => Relation::Matched,
                (1, _) => Relation::Split,
                _ => Relation::Merged,
            };
            let renumbered = match (olds.first(), news.first()) {
                (Some(&i), Some(&j)) => {
                    let (a, b) = (&old.clauses[i], &new.clauses[j]);
                    a.numbered && b.numbered && a.id != b.id
                }
                _ => false,
            };
            let position = news.first().copied().unwrap_or(0);
            keyed.push((
                (position as i64, 0, 0),
                ClausePair {
                    old: olds.clone(),
                    new: news.clone(),
                    relation,
                    moved: moved[g],
                    renumbered,
                    exact: group.exact,
                },
            ));
        }
        for j in 0..new.clauses.len() {
            if self.is_free(1, j) {
                keyed.push(((j as i64, 0, 0), lone(Vec::new(), vec![j], Relation::Added)));
            }
        }
        let mut anchor: i64 = -1;
        for i in 0..old.clauses.len() {
            match self.group_of(0, i) {
                Some((g, group)) if !moved[g as usize] => {
                    anchor = group.members[1].first().map_or(anchor, |&j| j as i64);
                }
                Some(_) => {}
                None => keyed.push(((anchor, 1, i), lone(vec![i], Vec::new(), Relation::Removed))),
            }
        }
        keyed.sort_by_key(|(key, _)| *key);
        Alignment {
            pairs: keyed.into_iter().map(|(_, pair)| pair).collect(),
        }
    }

    /// For each group, whether it lies outside the longest run of groups in order on both sides.
    fn moved_groups(&self) -> Vec<bool> {
        let mut order: Vec<usize> = (0..self.groups.len()).collect();
        order.sort_by_key(|&g| self.groups[g].members[1].first().copied());
        let olds: Vec<usize> = order
            .iter()
            .map(|&g| self.groups[g].members[0].first().copied().unwrap_or(0))
            .collect();
        let mut moved = vec![true; self.groups.len()];
        for k in sequence::longest_increasing(&olds) {
            moved[order[k]] = false;
        }
        moved
    }
}

fn lone(old: Vec<usize>, new: Vec<usize>, relation: Relation) -> ClausePair {
    ClausePair {
        old,
        new,
        relation,
        moved: false,
        renumbered: false,
        exact: false,
    }
}

/// Texts shorter than this are too common ("Option 1:", a bare heading) to count as evidence of a move.
const MIN_MOVABLE_BYTES: usize = 12;

/// Matches same-text clauses that the in-order pass left over: they moved.
fn match_moved_exact(sides: &[Side; 2], matching: &mut Matching) {
    let mut waiting: rustc_hash::FxHashMap<u64, std::collections::VecDeque<usize>> =
        rustc_hash::FxHashMap::default();
    for j in matching.free(1) {
        if sides[1].clauses[j].text.len() >= MIN_MOVABLE_BYTES {
            waiting
                .entry(sides[1].fingerprints[j])
                .or_default()
                .push_back(j);
        }
    }
    for i in matching.free(0) {
        if sides[0].clauses[i].text.len() < MIN_MOVABLE_BYTES {
            continue;
        }
        if let Some(j) = waiting
            .get_mut(&sides[0].fingerprints[i])
            .and_then(|queue| queue.pop_front())
        {
            matching.link(i, j, true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::InputFormat;

    fn draft(text: &str) -> Draft {
        Draft::parse("d", "d", text, InputFormat::Text)
    }

    fn describe(old: &str, new: &str) -> Vec<String> {
        let (old, new) = (draft(old), draft(new));
        align(&old, &new)
            .pairs
            .iter()
            .map(|p| {
                let ids = |idx: &[usize], d: &Draft| {
                    idx.iter()
                        .map(|&i| d.clauses[i].id.0.clone())
                        .collect::<Vec<_>>()
                        .join("+")
                };
                let mut s = format!(
                    "{}>{} {:?}",
                    ids(&p.old, &old),
                    ids(&p.new, &new),
                    p.relation
                );
                if p.moved {
                    s.push_str(" moved");
                }
                if p.renumbered {
                    s.push_str(" renumbered");
                }
                s
            })
            .collect()
    }

    const THREE: &str = "1. The sides agreed to cooperate on energy.\n\n2. The sides will hold talks each year.\n\n3. The statement is signed in two copies.\n";

    #[test]
    fn an_inserted_clause_renumbers_the_rest() {
        let new = "1. The sides agreed to cooperate on energy.\n\n2. A new clause about fisheries and ports.\n\n3. The sides will hold talks each year.\n\n4. The statement is signed in two copies.\n";
        assert_eq!(
            describe(THREE, new),
            [
                "1>1 Matched",
                ">2 Added",
                "2>3 Matched renumbered",
                "3>4 Matched renumbered"
            ]
        );
    }

    #[test]
    fn a_removed_clause_stays_where_it_stood() {
        let new = "1. The sides agreed to cooperate on energy.\n\n2. The statement is signed in two copies.\n";
        assert_eq!(
            describe(THREE, new),
            ["1>1 Matched", "2> Removed", "3>2 Matched renumbered"]
        );
    }

    #[test]
    fn only_the_clause_that_moved_is_moved() {
        let old = "A first paragraph on trade.\n\nA second paragraph on energy.\n\nA third paragraph on culture.\n\nA fourth paragraph on sport.\n";
        let new = "A second paragraph on energy.\n\nA third paragraph on culture.\n\nA fourth paragraph on sport.\n\nA first paragraph on trade.\n";
        assert_eq!(
            describe(old, new),
            [
                "¶2>¶1 Matched",
                "¶3>¶2 Matched",
                "¶4>¶3 Matched",
                "¶1>¶4 Matched moved"
            ]
        );
    }

    #[test]
    fn edited_clauses_match_by_similarity() {
        let new = "1. The sides agreed to cooperate closely on energy.\n\n2. The sides should hold talks every year.\n\n3. The statement is signed in two copies.\n";
        assert_eq!(
            describe(THREE, new),
            ["1>1 Matched", "2>2 Matched", "3>3 Matched"]
        );
    }

    #[test]
    fn a_split_clause_is_one_group() {
        let old = "1. Intro text here.\n\n2. The sides will expand trade in energy and grain, and they will also open new routes for shipping across the Arctic.\n\n3. Closing text here.\n";
        let new = "1. Intro text here.\n\n2. The sides will expand trade in energy and grain.\n\n3. They will also open new routes for shipping across the Arctic.\n\n4. Closing text here.\n";
        assert_eq!(
            describe(old, new),
            ["1>1 Matched", "2>2+3 Split", "3>4 Matched renumbered"]
        );
    }

    #[test]
    fn merged_clauses_are_one_group() {
        let old = "1. Intro text here.\n\n2. The sides will expand trade in energy and grain.\n\n3. They will also open new routes for shipping across the Arctic.\n\n4. Closing text here.\n";
        let new = "1. Intro text here.\n\n2. The sides will expand trade in energy and grain, and they will also open new routes for shipping across the Arctic.\n\n3. Closing text here.\n";
        assert_eq!(
            describe(old, new),
            ["1>1 Matched", "2+3>2 Merged", "4>3 Matched renumbered"]
        );
    }

    #[test]
    fn a_clause_rewritten_inside_a_moved_article_is_the_same_clause() {
        // The article moved ahead of the unchanged first clause, so the rewritten clause and its
        // old text lie in different gaps between exact matches; between the article's own edited
        // clauses they are one clause rewritten, not a removal and an addition.
        let old = "The final provisions stay exactly as they were agreed.\n\n\
                   Each Party shall prepare and communicate its contribution to the registry.\n\n\
                   The Parties shall report on progress made towards their mitigation targets every two years.\n\n\
                   The secretariat shall publish the reports of all Parties on its website.\n\n\
                   This Agreement enters into force on the thirtieth day.\n";
        let new = "Each Party shall prepare and communicate its national contribution to the registry.\n\n\
                   Each Party shall provide information necessary to track progress made in achieving its targets.\n\n\
                   The secretariat shall publish the reports of all Parties on its public website.\n\n\
                   The final provisions stay exactly as they were agreed.\n\n\
                   This Agreement enters into force on the thirtieth day.\n";
        assert_eq!(
            describe(old, new),
            [
                "¶2>¶1 Matched",
                "¶3>¶2 Matched",
                "¶4>¶3 Matched",
                "¶1>¶4 Matched moved",
                "¶5>¶5 Matched"
            ]
        );
    }

    #[test]
    fn unrelated_clauses_are_removed_and_added() {
        let old =
            "1. Intro text here.\n\n2. The sides will maintain the security of Northeast Asia.\n";
        let new =
            "1. Intro text here.\n\n2. Tourism between the countries grew by a third last year.\n";
        assert_eq!(
            describe(old, new),
            ["1>1 Matched", "2> Removed", ">2 Added"]
        );
    }
}
