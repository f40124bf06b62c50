//! The result of comparing two drafts — a [`Report`] — and [`compare`], which makes it.
//!
//! [`compare`] runs the stages (`align` → `diff` → `classify`, then the policy), and [`Report::new`]
//! sorts the findings, counts and collects [`Note`]s once, so every renderer, `history` and a library
//! user read the same result. Nothing here formats output: that is `report`'s job.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::classify::{Finding, Severity};
use crate::diff::{ClauseDiff, Status};
use crate::document::Draft;
use crate::{align, classify, diff, policy};

/// Settings of a comparison.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How the words of each pair are diffed.
    pub diff: diff::DiffOptions,
    /// The lexicon and watchlists that classify changes (shared, as building one parses its data).
    pub classifier: std::sync::Arc<classify::Classifier>,
    /// Rules turned off, severities changed, a baseline, a threshold.
    pub policy: policy::Policy,
}

/// Compares two drafts: aligns their clauses, diffs each pair, classifies the changes.
pub fn compare(old: Draft, new: Draft, options: &Options) -> Report {
    let alignment = align::align(&old, &new);
    let diffs = diff::diff_alignment(&old, &new, alignment, &options.diff);
    let findings = options.classifier.classify(&old, &new, &diffs);
    let applied = options.policy.apply(findings);
    let mut report = Report::new(old, new, diffs, applied.findings);
    if !applied.baselined.is_empty() {
        report.notes.push(Note::Baselined {
            findings: applied.baselined.len(),
        });
    }
    if !applied.hidden.is_empty() {
        report.notes.push(Note::Hidden {
            findings: applied.hidden.len(),
        });
    }
    report.baselined = applied.baselined;
    report.hidden = applied.hidden;
    report
}

/// Something the reader should know about the comparison itself.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Note {
    /// The word diff of an entry took too long and was cut short.
    DiffCutShort {
        /// The entry, as reports label it (`4 → 5`).
        entry: String,
    },
    /// Findings a baseline already held were left out.
    Baselined {
        /// How many.
        findings: usize,
    },
    /// Findings below the minimum severity were not shown (they still count for `--fail-on`).
    Hidden {
        /// How many.
        findings: usize,
    },
    /// Something reading a draft noted: an encoding other than UTF-8, or how a structured format
    /// was read.
    Reading {
        /// The draft, as reports label it.
        draft: String,
        /// What was noted, a sentence starting in lower case.
        note: String,
    },
    /// A draft's front matter is not valid YAML, so the front matter was compared line by line.
    FrontMatterNotYaml {
        /// The draft, as reports label it.
        draft: String,
        /// What the YAML parser said.
        reason: String,
    },
}

/// A note is written as its sentence in every format (`notes` in the JSON contract is strings).
impl Serialize for Note {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::DiffCutShort { entry } => write!(
                f,
                "the word diff of {entry} took too long and was cut short; its edits are coarser than usual"
            ),
            Note::Baselined { findings: 1 } => {
                f.write_str("1 finding already in the baseline not shown")
            }
            Note::Baselined { findings } => {
                write!(f, "{findings} findings already in the baseline not shown")
            }
            Note::Hidden { findings: 1 } => {
                f.write_str("1 finding below the minimum severity not shown")
            }
            Note::Hidden { findings } => {
                write!(
                    f,
                    "{findings} findings below the minimum severity not shown"
                )
            }
            Note::Reading { draft, note } => write!(f, "{draft}: {note}"),
            Note::FrontMatterNotYaml { draft, reason } => write!(
                f,
                "the front matter of {draft} is not valid YAML ({reason}); it was compared line by line"
            ),
        }
    }
}

/// Everything a renderer needs about one comparison.
#[derive(Debug, Clone)]
pub struct Report {
    /// The old draft.
    pub old: Draft,
    /// The new draft.
    pub new: Draft,
    /// Every aligned entry, in new-draft order with removed clauses where they stood.
    pub changes: Vec<ClauseDiff>,
    /// Findings in clause order, then text order, then rule.
    pub findings: Vec<Finding>,
    /// Counts.
    pub summary: Summary,
    /// Things the reader should know about the comparison itself (a diff cut short by its deadline).
    pub notes: Vec<Note>,
    /// Findings a baseline already held: not reported, kept for `--write-baseline`.
    pub baselined: Vec<Finding>,
    /// Findings below the minimum severity: not shown, but they count for [`Report::fails`] and
    /// are written to a baseline.
    pub hidden: Vec<Finding>,
}

/// Counts of clause entries by status, and of findings by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Entries matched with the same words.
    pub unchanged: usize,
    /// Entries matched with edited words (not moved).
    pub modified: usize,
    /// Matched entries whose document-written number changed.
    pub renumbered: usize,
    /// Entries out of order.
    pub moved: usize,
    /// New clauses without counterpart.
    pub added: usize,
    /// Old clauses without counterpart.
    pub removed: usize,
    /// Old clauses split into several.
    pub split: usize,
    /// Groups of old clauses merged into one.
    pub merged: usize,
    /// Findings by kind name.
    pub findings: BTreeMap<&'static str, usize>,
    /// The highest severity of any finding.
    pub max_severity: Option<Severity>,
    /// Negotiation brackets and options of the old and the new draft; `None` when neither has any.
    pub negotiation: Option<[crate::document::Counts; 2]>,
}

impl Report {
    /// The findings about change `index` (the report keeps its findings in change order, so this is
    /// a slice found by binary search, not a scan of every finding).
    pub fn findings_of(&self, index: usize) -> &[Finding] {
        let start = self.findings.partition_point(|f| f.change < Some(index));
        let len = self.findings[start..].partition_point(|f| f.change == Some(index));
        &self.findings[start..start + len]
    }

    /// Builds the report: sorts the findings, counts, and notes truncated diffs.
    pub fn new(
        old: Draft,
        new: Draft,
        changes: Vec<ClauseDiff>,
        mut findings: Vec<Finding>,
    ) -> Report {
        findings.sort_by(|a, b| {
            a.change
                .cmp(&b.change)
                .then(a.offset.cmp(&b.offset))
                .then(a.rule().cmp(b.rule()))
                .then_with(|| a.old_text.cmp(&b.old_text))
                .then_with(|| a.new_text.cmp(&b.new_text))
        });
        let mut summary = Summary::default();
        let mut notes: Vec<Note> = Vec::new();
        for draft in [&old, &new] {
            notes.extend(draft.notes.iter().map(|note| Note::Reading {
                draft: draft.label.clone(),
                note: note.clone(),
            }));
            if let Some(reason) = draft.metadata.as_ref().and_then(|m| m.not_yaml.as_ref()) {
                notes.push(Note::FrontMatterNotYaml {
                    draft: draft.label.clone(),
                    reason: reason.clone(),
                });
            }
        }
        // A draft compared with itself (or two drafts of one label) needs saying once.
        let mut unique = Vec::with_capacity(notes.len());
        for note in notes {
            if !unique.contains(&note) {
                unique.push(note);
            }
        }
        let mut notes = unique;
        for change in &changes {
            let count = match change.status {
                Status::Unchanged => &mut summary.unchanged,
                Status::Modified => &mut summary.modified,
                Status::Moved => &mut summary.moved,
                Status::Added => &mut summary.added,
                Status::Removed => &mut summary.removed,
                Status::Split => &mut summary.split,
                Status::Merged => &mut summary.merged,
            };
            *count += 1;
            summary.renumbered += usize::from(change.pair.renumbered);
            if change.words.truncated {
                notes.push(Note::DiffCutShort {
                    entry: entry_label(&old, &new, change),
                });
            }
        }
        for finding in &findings {
            *summary.findings.entry(finding.kind.name()).or_insert(0) += 1;
        }
        summary.max_severity = findings.iter().map(|f| f.severity).max();
        let counts = [old.bracket_counts(), new.bracket_counts()];
        summary.negotiation = counts
            .iter()
            .any(|c| c.brackets + c.options > 0)
            .then_some(counts);
        Report {
            old,
            new,
            changes,
            findings,
            summary,
            notes,
            baselined: Vec::new(),
            hidden: Vec::new(),
        }
    }

    /// Whether a finding at or above `level` remains, shown or below the minimum severity: what is
    /// shown never decides whether a run fails.
    pub fn fails(&self, level: policy::FailOn) -> bool {
        level.fails(&self.findings) || level.fails(&self.hidden)
    }

    /// Whether the drafts differ at all (diff(1)'s exit status 1): any clause not unchanged, any
    /// renumbering, or any finding.
    pub fn has_differences(&self) -> bool {
        !self.findings.is_empty()
            || !self.hidden.is_empty()
            || self
                .changes
                .iter()
                .any(|c| c.status != Status::Unchanged || c.pair.renumbered)
    }

    /// How reports label an entry: its clause ids, `old → new` when they differ.
    pub fn label(&self, change: &ClauseDiff) -> String {
        entry_label(&self.old, &self.new, change)
    }
}

/// An entry's label from the clause ids of both drafts: `4`, or `4 → 5` when renumbered.
pub(crate) fn entry_label(old: &Draft, new: &Draft, change: &ClauseDiff) -> String {
    let ids = |indices: &[usize], draft: &Draft| {
        indices
            .iter()
            .map(|&i| draft.clauses[i].id.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (o, n) = (ids(&change.pair.old, old), ids(&change.pair.new, new));
    match (o.is_empty(), n.is_empty()) {
        (true, _) => n,
        (_, true) => o,
        _ if o == n => n,
        _ => format!("{o} → {n}"),
    }
}
