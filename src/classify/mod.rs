//! Stage 4 — `classify`: typed findings from the aligned redline.
//!
//! Input: both drafts and their [`ClauseDiff`]s. Output: [`Finding`]s, each with a [`FindingKind`], a
//! [`Severity`], the id of the rule that made it, the clauses and lines it is about, and the old and new
//! words that are its evidence. A finding holds no display text; [`Finding::message`] phrases it, once,
//! for every renderer.

mod rules;
mod structure;

use serde::Serialize;

use crate::diff::ClauseDiff;
use crate::document::{ClauseId, Draft};
pub use rules::{RULES, Rule};

/// How much a finding matters to a careful reader. Ordered: `Info < Low < Medium < High`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; changes nothing of substance (renumbering, rewording no rule explains).
    Info,
    /// A change a reviewer should see (an added clause, a dropped intensifier).
    Low,
    /// A change of substance (a removed clause, softened wording, a changed number).
    Medium,
    /// A change that must not pass unnoticed (a disputed territory dropped, a negation flipped).
    High,
}

impl Severity {
    /// The lower-case name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// What a finding reports. The snake-case names are part of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingKind {
    /// *What it detects:* an old clause with no counterpart in the new draft.
    /// *Why it matters:* deleted passages are the changes most easily missed in a long text.
    /// *Example:* paragraph 5 on regional security is gone from the final.
    ClauseRemoved,
    /// *What it detects:* a new clause with no counterpart in the old draft.
    /// *Why it matters:* new commitments or qualifications enter this way.
    /// *Example:* a new paragraph 3 bis.
    ClauseAdded,
    /// *What it detects:* a clause that now stands elsewhere relative to the clauses around it.
    /// *Why it matters:* context changes meaning: a sentence moved from operative to preambular part.
    /// *Example:* paragraph 7 is now paragraph 3.
    ClauseMoved,
    /// *What it detects:* one old clause that became several new ones.
    /// *Why it matters:* splitting can detach a qualification from the commitment it qualified.
    /// *Example:* 4 → 4, 5.
    ClauseSplit,
    /// *What it detects:* several old clauses that became one.
    /// *Why it matters:* merging can extend a qualification to more commitments.
    /// *Example:* 4, 5 → 4.
    ClauseMerged,
    /// *What it detects:* an edit of words that no more specific rule explains.
    /// *Why it matters:* the redline shows it; the finding lets CI count it.
    /// *Example:* "bilateral relations" → "bilateral ties".
    WordingChanged,
    /// *What it detects:* a change of the document's front matter (title, dates, tags).
    /// *Why it matters:* a silently edited title or date is a revision too.
    /// *Example:* `modified_time` changed.
    MetadataChanged,
}

impl FindingKind {
    /// The snake-case name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::ClauseRemoved => "clause_removed",
            FindingKind::ClauseAdded => "clause_added",
            FindingKind::ClauseMoved => "clause_moved",
            FindingKind::ClauseSplit => "clause_split",
            FindingKind::ClauseMerged => "clause_merged",
            FindingKind::WordingChanged => "wording_changed",
            FindingKind::MetadataChanged => "metadata_changed",
        }
    }

    /// Whether the finding restates a redline edit (so a terminal redline need not list it again).
    pub fn is_wording(self) -> bool {
        matches!(self, FindingKind::WordingChanged)
    }
}

/// What, beyond the words, a finding rests on.
#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    /// The old and new words are the whole evidence.
    Words,
    /// The clauses on each side of a move, split or merge.
    Clauses {
        /// Old clause ids.
        old: Vec<ClauseId>,
        /// New clause ids.
        new: Vec<ClauseId>,
    },
    /// The front-matter keys whose values changed, were added or were removed.
    Keys(Vec<String>),
}

/// One classified change.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What it reports.
    pub kind: FindingKind,
    /// Id of the rule that made it (see [`RULES`]).
    pub rule: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// Index of the clause entry (in the diff list) it is about; `None` for the document as a whole.
    pub change: Option<usize>,
    /// The old clause it is about.
    pub old_clause: Option<ClauseId>,
    /// The new clause it is about.
    pub new_clause: Option<ClauseId>,
    /// The old words it is about (the whole clause for a removal).
    pub old_text: String,
    /// The new words it is about.
    pub new_text: String,
    /// Source line of the old words.
    pub old_line: Option<u32>,
    /// Source line of the new words.
    pub new_line: Option<u32>,
    /// Byte offset of the words within their clause entry, for ordering.
    pub offset: usize,
    /// What else it rests on.
    pub evidence: Evidence,
}

impl Finding {
    /// The clause the finding is about, as readers cite it: `OP4`, or `OP4 → OP5` when renumbered.
    pub fn clause_label(&self) -> String {
        match (&self.old_clause, &self.new_clause) {
            (Some(old), Some(new)) if old != new => format!("{old} → {new}"),
            (Some(id), _) | (None, Some(id)) => id.to_string(),
            (None, None) => "document".to_string(),
        }
    }

    /// A sentence a reader understands without the docs, e.g. `OP3: "shall" → "should"`.
    pub fn message(&self) -> String {
        let clause = self.clause_label();
        let (old, new) = (excerpt(&self.old_text), excerpt(&self.new_text));
        match (&self.kind, &self.evidence) {
            (FindingKind::ClauseRemoved, _) if old.is_empty() => {
                format!("{clause}: clause removed")
            }
            (FindingKind::ClauseRemoved, _) => format!("{clause}: clause removed: \"{old}\""),
            (FindingKind::ClauseAdded, _) if new.is_empty() => format!("{clause}: clause added"),
            (FindingKind::ClauseAdded, _) => format!("{clause}: clause added: \"{new}\""),
            (FindingKind::ClauseMoved, _) => format!("{clause}: clause moved"),
            (FindingKind::ClauseSplit, Evidence::Clauses { old, new }) => {
                format!("{}: clause split into {}", ids(old), ids(new))
            }
            (FindingKind::ClauseMerged, Evidence::Clauses { old, new }) => {
                format!("{}: clauses merged into {}", ids(old), ids(new))
            }
            (FindingKind::MetadataChanged, Evidence::Keys(keys)) => {
                format!("front matter changed: {}", keys.join(", "))
            }
            _ => wording_message(&clause, &old, &new),
        }
    }
}

fn ids(ids: &[ClauseId]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn wording_message(clause: &str, old: &str, new: &str) -> String {
    match (old.is_empty(), new.is_empty()) {
        (false, true) => format!("{clause}: \"{old}\" deleted"),
        (true, false) => format!("{clause}: \"{new}\" inserted"),
        _ => format!("{clause}: \"{old}\" → \"{new}\""),
    }
}

/// The words of a finding as a message quotes them: one line, at most about 80 characters.
pub fn excerpt(text: &str) -> String {
    const LIMIT: usize = 80;
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= LIMIT {
        return flat;
    }
    let cut: String = flat.chars().take(LIMIT).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// Classifies every change of a comparison.
pub fn classify(old: &Draft, new: &Draft, diffs: &[ClauseDiff]) -> Vec<Finding> {
    let mut findings = structure::metadata(old, new);
    for (index, diff) in diffs.iter().enumerate() {
        structure::clause(old, new, index, diff, &mut findings);
        structure::wording(old, new, index, diff, &mut findings);
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_are_ordered() {
        assert!(Severity::Info < Severity::Low);
        assert!(Severity::Medium < Severity::High);
    }

    #[test]
    fn excerpts_are_short_and_flat() {
        assert_eq!(excerpt("a\n  b"), "a b");
        let long = "word ".repeat(40);
        let cut = excerpt(&long);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= 81);
    }
}
