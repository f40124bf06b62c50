//! Versioned clauses: a document as a sequence of versions, and every clause followed through them.
//!
//! Input: the drafts of N versions, in order. Output: a [`History`] holding the N − 1 step
//! [`Report`]s (version k against version k + 1) and one [`Lineage`] per clause identity, made by
//! chaining the steps' alignments: a matched clause continues its lineage, a split continues it in the
//! first part (the other parts start lineages of their own, noted as split from it), a merge continues
//! the first merged clause's lineage and ends the others', and a clause added back after it was removed
//! — found by aligning the added clauses against the removed ones — resumes its old lineage.
//!
//! Each change of a lineage points at the step that made it, so every finding has a version to blame,
//! and, for `--git`, a commit and an author.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::align::{Relation, align};
use crate::classify::{Finding, FindingKind};
use crate::comparison::{Options, Report, compare};
use crate::diff::Status;
use crate::document::{ClauseId, Draft};

/// A git commit a version of a document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full hash.
    pub hash: String,
    /// The abbreviated hash git prints.
    pub short: String,
    /// The author date, `YYYY-MM-DD`.
    pub date: String,
    /// The author's name.
    pub author: String,
    /// The first line of the message.
    pub subject: String,
}

/// One version of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// What reports call it.
    pub label: String,
    /// Where it was read from.
    pub source: String,
    /// The commit it comes from (`history --git`).
    pub commit: Option<Commit>,
}

impl Version {
    /// How a finding's blame names this version: `draft-2.txt`, or `a1b2c3d, 2025-05-02, J. Doe`.
    pub fn blame(&self) -> String {
        match &self.commit {
            Some(c) => format!("{} ({}, {}, {})", self.label, c.short, c.date, c.author),
            None => self.label.clone(),
        }
    }
}

/// Something that happened to a lineage in a version.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventKind {
    /// It first appears (in a version after the first).
    Introduced,
    /// Its words changed.
    Changed,
    /// It moved relative to the clauses around it.
    Moved,
    /// Its number changed.
    Renumbered,
    /// It was split; it continues in the first part, the others are listed.
    Split {
        /// Ids of the other parts in that version.
        into: Vec<ClauseId>,
    },
    /// It began as a part split off another lineage.
    SplitFrom {
        /// The lineage it was split from.
        lineage: usize,
    },
    /// Other clauses were merged into it.
    Merged {
        /// Ids the merged clauses had in the version before.
        with: Vec<ClauseId>,
    },
    /// It was merged into another lineage's clause.
    MergedInto {
        /// The lineage it joined.
        lineage: usize,
    },
    /// Its last negotiation brackets (and option label) are gone: the clause is agreed.
    Agreed,
    /// It is gone from this version.
    Removed,
    /// It is back after a removal.
    Restored,
}

/// An event of a lineage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The version in which it happened (its text carries the change).
    pub version: usize,
    /// What happened.
    pub kind: EventKind,
}

/// The findings one step made about a lineage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepChange {
    /// The version whose text carries the change (the step's new version).
    pub version: usize,
    /// Index of the step's report (`version - 1`).
    pub step: usize,
    /// Index of the entry in that report's changes.
    pub entry: usize,
    /// Indices of the findings in that report.
    pub findings: Vec<usize>,
}

/// One clause followed through every version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lineage {
    /// Its id in each version, or `None` where it is absent.
    pub ids: Vec<Option<ClauseId>>,
    /// Its clause index in each version (the first part of a split).
    pub clauses: Vec<Option<usize>>,
    /// The first version that has it.
    pub introduced: usize,
    /// The first version that no longer has it, if it is absent from the last version.
    pub removed: Option<usize>,
    /// What each step changed, in version order.
    pub changes: Vec<StepChange>,
    /// Everything that happened to it, in version order.
    pub events: Vec<Event>,
}

/// A document's versions, the step reports between them, and its clauses' lineages.
#[derive(Debug, Clone)]
pub struct History {
    /// The versions, in order.
    pub versions: Vec<Version>,
    /// `steps[k]` compares version k with version k + 1.
    pub steps: Vec<Report>,
    /// Every clause identity, ordered by the version that introduced it, then position.
    pub lineages: Vec<Lineage>,
    /// Each version's bracketed spans and options, or `None` when no version is a negotiating text.
    pub negotiation: Option<Vec<crate::document::Counts>>,
}

/// Builds a history from the drafts of each version, in order. The steps are compared in parallel.
pub fn build(versions: Vec<Version>, drafts: Vec<Draft>, options: &Options) -> History {
    let steps: Vec<Report> = drafts
        .par_windows(2)
        .map(|pair| compare(pair[0].clone(), pair[1].clone(), options))
        .collect();
    let lineages = chain(&drafts, &steps);
    let counts: Vec<crate::document::Counts> = drafts.iter().map(Draft::bracket_counts).collect();
    let negotiation = counts
        .iter()
        .any(|c| c.brackets + c.options > 0)
        .then_some(counts);
    History {
        versions,
        steps,
        lineages,
        negotiation,
    }
}

/// Follows every clause through the steps.
fn chain(drafts: &[Draft], steps: &[Report]) -> Vec<Lineage> {
    let Some(first) = drafts.first() else {
        return Vec::new();
    };
    let mut chain = Chain {
        drafts,
        lineages: Vec::new(),
    };
    let mut current: Vec<usize> = (0..first.clauses.len())
        .map(|i| chain.start(0, i))
        .collect();
    // Lineages removed so far, which a later version may bring back.
    let mut dormant: Vec<usize> = Vec::new();
    for (k, report) in steps.iter().enumerate() {
        let version = k + 1;
        let mut next: Vec<Option<usize>> = vec![None; drafts[version].clauses.len()];
        let mut findings: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for (f, finding) in report.findings.iter().enumerate() {
            if let Some(entry) = finding.change {
                findings.entry(entry).or_default().push(f);
            }
        }
        let mut added: Vec<usize> = Vec::new();
        for (entry, change) in report.changes.iter().enumerate() {
            let pair = &change.pair;
            let owner = match pair.relation {
                Relation::Added => {
                    added.push(entry);
                    continue;
                }
                Relation::Removed => {
                    let l = current[pair.old[0]];
                    chain.lineages[l].removed = Some(version);
                    chain.event(l, version, EventKind::Removed);
                    dormant.push(l);
                    l
                }
                Relation::Matched | Relation::Split | Relation::Merged => {
                    let l = current[pair.old[0]];
                    next[pair.new[0]] = Some(l);
                    chain.continued(
                        Step {
                            k,
                            change,
                            lineage: l,
                        },
                        &current,
                        &mut next,
                    );
                    let open = |d: &Draft, i: usize| !d.clauses[i].brackets.is_empty();
                    if open(&report.old, pair.old[0]) && !open(&report.new, pair.new[0]) {
                        chain.event(l, version, EventKind::Agreed);
                    }
                    l
                }
            };
            chain.record(owner, version, entry, findings.remove(&entry));
        }
        for (entry, restored) in restore(&chain.lineages, &dormant, drafts, report, &added) {
            let j = report.changes[entry].pair.new[0];
            let l = match restored {
                Some(l) => {
                    dormant.retain(|&d| d != l);
                    chain.lineages[l].removed = None;
                    chain.event(l, version, EventKind::Restored);
                    l
                }
                None => chain.start(version, j),
            };
            next[j] = Some(l);
            chain.record(l, version, entry, findings.remove(&entry));
        }
        current = next
            .into_iter()
            .enumerate()
            .map(|(j, l)| l.unwrap_or_else(|| chain.start(version, j)))
            .collect();
        for (j, &l) in current.iter().enumerate() {
            let lineage = &mut chain.lineages[l];
            if lineage.ids[version].is_none() {
                lineage.ids[version] = Some(drafts[version].clauses[j].id.clone());
                lineage.clauses[version] = Some(j);
            }
        }
    }
    order(chain.lineages)
}

/// One entry of a step, continuing lineage `lineage`.
struct Step<'a> {
    k: usize,
    change: &'a crate::diff::ClauseDiff,
    lineage: usize,
}

/// The lineages under construction.
struct Chain<'a> {
    drafts: &'a [Draft],
    lineages: Vec<Lineage>,
}

impl Chain<'_> {
    /// A new lineage for clause `index` of the version, first seen there.
    fn start(&mut self, version: usize, index: usize) -> usize {
        let n = self.drafts.len();
        let mut lineage = Lineage {
            ids: vec![None; n],
            clauses: vec![None; n],
            introduced: version,
            removed: None,
            changes: Vec::new(),
            events: Vec::new(),
        };
        lineage.ids[version] = Some(self.drafts[version].clauses[index].id.clone());
        lineage.clauses[version] = Some(index);
        if version > 0 {
            lineage.events.push(Event {
                version,
                kind: EventKind::Introduced,
            });
        }
        self.lineages.push(lineage);
        self.lineages.len() - 1
    }

    fn event(&mut self, lineage: usize, version: usize, kind: EventKind) {
        self.lineages[lineage].events.push(Event { version, kind });
    }

    fn record(
        &mut self,
        lineage: usize,
        version: usize,
        entry: usize,
        findings: Option<Vec<usize>>,
    ) {
        if let Some(findings) = findings {
            self.lineages[lineage].changes.push(StepChange {
                version,
                step: version - 1,
                entry,
                findings,
            });
        }
    }

    /// Records what a matched, split or merged entry did to its lineage.
    fn continued(&mut self, step: Step, current: &[usize], next: &mut [Option<usize>]) {
        let Step { k, change, lineage } = step;
        let version = k + 1;
        let pair = &change.pair;
        if change.modified {
            self.event(lineage, version, EventKind::Changed);
        }
        if pair.moved {
            self.event(lineage, version, EventKind::Moved);
        }
        if pair.renumbered {
            self.event(lineage, version, EventKind::Renumbered);
        }
        match change.status {
            Status::Split => {
                let new = &self.drafts[version];
                let into = pair.new[1..]
                    .iter()
                    .map(|&j| new.clauses[j].id.clone())
                    .collect();
                self.event(lineage, version, EventKind::Split { into });
                for &j in &pair.new[1..] {
                    let part = self.start(version, j);
                    if let Some(event) = self.lineages[part].events.last_mut() {
                        event.kind = EventKind::SplitFrom { lineage };
                    }
                    next[j] = Some(part);
                }
            }
            Status::Merged => {
                let old = &self.drafts[k];
                let with = pair.old[1..]
                    .iter()
                    .map(|&i| old.clauses[i].id.clone())
                    .collect();
                self.event(lineage, version, EventKind::Merged { with });
                for &i in &pair.old[1..] {
                    let other = current[i];
                    self.lineages[other].removed = Some(version);
                    self.event(other, version, EventKind::MergedInto { lineage });
                }
            }
            _ => {}
        }
    }
}

/// How alike an added clause and a removed one must be for the added one to be the removed one back.
const RESTORED_SIMILARITY: f32 = 0.8;

/// Matches the clauses added in a step against lineages removed earlier, by aligning their texts:
/// a clause that comes back is the same clause. Returns each added entry with the lineage it restores.
fn restore(
    lineages: &[Lineage],
    dormant: &[usize],
    drafts: &[Draft],
    report: &Report,
    added: &[usize],
) -> Vec<(usize, Option<usize>)> {
    if dormant.is_empty() || added.is_empty() {
        return added.iter().map(|&e| (e, None)).collect();
    }
    // The removed clauses as they last read, and the added ones, as two small drafts.
    let last_text = |l: usize| -> Option<crate::document::Clause> {
        let lineage = &lineages[l];
        (0..drafts.len())
            .rev()
            .find_map(|v| lineage.clauses[v].map(|i| drafts[v].clauses[i].clone()))
    };
    let mut gone = Draft::parse("removed", "removed", "", report.new.format);
    gone.clauses = dormant.iter().filter_map(|&l| last_text(l)).collect();
    let mut back = Draft::parse("added", "added", "", report.new.format);
    back.clauses = added
        .iter()
        .map(|&e| report.new.clauses[report.changes[e].pair.new[0]].clone())
        .collect();
    let alignment = align(&gone, &back);
    let mut restored: Vec<Option<usize>> = vec![None; added.len()];
    for pair in alignment.pairs {
        if let (Relation::Matched, [i], [j]) =
            (pair.relation, pair.old.as_slice(), pair.new.as_slice())
        {
            // Alignment matches loosely so edited clauses pair up; a restoration must read as the
            // clause that went, not merely as a clause like it.
            let (a, b) = (&gone.clauses[*i].text, &back.clauses[*j].text);
            if crate::diff::diff(a, b, &crate::diff::DiffOptions::default()).similarity
                >= RESTORED_SIMILARITY
            {
                restored[*j] = Some(dormant[*i]);
            }
        }
    }
    added.iter().copied().zip(restored).collect()
}

/// Orders lineages by the version that introduced them, then by their position in it; rewrites the
/// lineage numbers held by split and merge events.
fn order(lineages: Vec<Lineage>) -> Vec<Lineage> {
    let mut order: Vec<usize> = (0..lineages.len()).collect();
    order.sort_by_key(|&l| {
        let lineage = &lineages[l];
        (lineage.introduced, lineage.clauses[lineage.introduced])
    });
    let mut position = vec![0; lineages.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = new;
    }
    let mut sorted: Vec<Lineage> = order.iter().map(|&l| lineages[l].clone()).collect();
    for lineage in &mut sorted {
        for event in &mut lineage.events {
            match &mut event.kind {
                EventKind::SplitFrom { lineage } | EventKind::MergedInto { lineage } => {
                    *lineage = position[*lineage];
                }
                _ => {}
            }
        }
    }
    sorted
}

impl History {
    /// The bracketed spans and options of version `v`, when any version of the history has any.
    pub fn negotiation(&self, v: usize) -> Option<crate::document::Counts> {
        self.negotiation.as_ref().and_then(|c| c.get(v).copied())
    }

    /// The draft of version `v`: the old side of step `v`, or the new side of the last step.
    pub fn draft(&self, v: usize) -> Option<&Draft> {
        match self.steps.get(v) {
            Some(step) => Some(&step.old),
            None if v == self.steps.len() => self.steps.last().map(|s| &s.new),
            None => None,
        }
    }

    /// The findings of one change of a lineage.
    pub fn findings<'a>(
        &'a self,
        change: &'a StepChange,
    ) -> impl Iterator<Item = &'a Finding> + 'a {
        change
            .findings
            .iter()
            .map(move |&f| &self.steps[change.step].findings[f])
    }

    /// The version in which a finding of the first-to-last comparison happened: the step of the
    /// lineage whose finding has the same rule and words, else the step that removed, introduced or
    /// last changed the clause.
    pub fn blame(&self, finding: &Finding) -> Option<usize> {
        let last = self.versions.len().checked_sub(1)?;
        let lineage = self.lineages.iter().find(|l| {
            let at = |v: usize, id: &Option<ClauseId>| id.is_some() && l.ids[v] == *id;
            at(0, &finding.old_clause) || at(last, &finding.new_clause)
        })?;
        let same = |f: &Finding| {
            f.rule() == finding.rule()
                && (f.old_text == finding.old_text || f.new_text == finding.new_text)
        };
        lineage
            .changes
            .iter()
            .find(|c| self.findings(c).any(same))
            .map(|c| c.version)
            .or(match finding.kind {
                FindingKind::ClauseRemoved(_) => lineage.removed,
                FindingKind::ClauseAdded(_) => Some(lineage.introduced),
                _ => None,
            })
            .or_else(|| lineage.changes.last().map(|c| c.version))
            .or(Some(lineage.introduced).filter(|&v| v > 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::InputFormat;

    fn history(texts: &[&str]) -> History {
        let versions = (0..texts.len())
            .map(|k| Version {
                label: format!("v{}", k + 1),
                source: format!("v{}", k + 1),
                commit: None,
            })
            .collect();
        let drafts = texts
            .iter()
            .enumerate()
            .map(|(k, t)| Draft::parse(&format!("v{}", k + 1), "v", t, InputFormat::Text))
            .collect();
        build(versions, drafts, &Options::default())
    }

    fn ids(lineage: &Lineage) -> Vec<Option<&str>> {
        lineage
            .ids
            .iter()
            .map(|i| i.as_ref().map(|c| c.0.as_str()))
            .collect()
    }

    #[test]
    fn a_renumbered_clause_keeps_one_identity() {
        let h = history(&[
            "1. Alpha clause on trade.\n\n2. Beta clause on energy.\n",
            "1. New first clause about fisheries.\n\n2. Alpha clause on trade.\n\n3. Beta clause on energy.\n",
        ]);
        assert_eq!(h.lineages.len(), 3);
        assert_eq!(ids(&h.lineages[0]), [Some("1"), Some("2")]);
        assert_eq!(ids(&h.lineages[2]), [None, Some("1")]);
        assert_eq!(h.lineages[2].introduced, 1);
    }

    #[test]
    fn a_removed_clause_that_comes_back_is_the_same_clause() {
        let h = history(&[
            "1. Alpha clause on trade and energy.\n\n2. Beta clause on fisheries and ports.\n",
            "1. Alpha clause on trade and energy.\n",
            "1. Alpha clause on trade and energy.\n\n2. Beta clause on fisheries and ports.\n",
        ]);
        assert_eq!(h.lineages.len(), 2);
        let beta = &h.lineages[1];
        assert_eq!(ids(beta), [Some("2"), None, Some("2")]);
        assert_eq!(beta.removed, None);
        let kinds: Vec<&EventKind> = beta.events.iter().map(|e| &e.kind).collect();
        assert_eq!(kinds, [&EventKind::Removed, &EventKind::Restored]);
    }
}
