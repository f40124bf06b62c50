//! Every rule clausediff applies, in one table: its id, the kind of finding it makes, its default
//! severity and what it means. `clausediff rules`, SARIF and the docs all read from here. Ids are stable:
//! once released, an id is never reused for another meaning.

use super::{FindingKind, Severity};

/// A rule of classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, `family.name`.
    pub id: &'static str,
    /// The kind of finding it makes.
    pub kind: FindingKind,
    /// Its severity unless the finding's evidence raises it.
    pub severity: Severity,
    /// One line on what it detects.
    pub description: &'static str,
}

/// `structure.clause_removed`
pub const CLAUSE_REMOVED: Rule = Rule {
    id: "structure.clause_removed",
    kind: FindingKind::ClauseRemoved,
    severity: Severity::Medium,
    description: "A clause of the old draft has no counterpart in the new draft.",
};

/// `structure.clause_added`
pub const CLAUSE_ADDED: Rule = Rule {
    id: "structure.clause_added",
    kind: FindingKind::ClauseAdded,
    severity: Severity::Low,
    description: "A clause of the new draft has no counterpart in the old draft.",
};

/// `structure.clause_moved`
pub const CLAUSE_MOVED: Rule = Rule {
    id: "structure.clause_moved",
    kind: FindingKind::ClauseMoved,
    severity: Severity::Low,
    description: "A clause stands elsewhere relative to the clauses around it.",
};

/// `structure.clause_split`
pub const CLAUSE_SPLIT: Rule = Rule {
    id: "structure.clause_split",
    kind: FindingKind::ClauseSplit,
    severity: Severity::Info,
    description: "One old clause became several new clauses.",
};

/// `structure.clause_merged`
pub const CLAUSE_MERGED: Rule = Rule {
    id: "structure.clause_merged",
    kind: FindingKind::ClauseMerged,
    severity: Severity::Info,
    description: "Several old clauses became one new clause.",
};

/// `wording.changed`
pub const WORDING_CHANGED: Rule = Rule {
    id: "wording.changed",
    kind: FindingKind::WordingChanged,
    severity: Severity::Info,
    description: "Words were edited and no more specific rule explains the edit.",
};

/// `metadata.changed`
pub const METADATA_CHANGED: Rule = Rule {
    id: "metadata.changed",
    kind: FindingKind::MetadataChanged,
    severity: Severity::Info,
    description: "The document's front matter (title, dates, tags) changed.",
};

/// All rules, in the order `clausediff rules` lists them.
pub const RULES: &[Rule] = &[
    CLAUSE_REMOVED,
    CLAUSE_ADDED,
    CLAUSE_MOVED,
    CLAUSE_SPLIT,
    CLAUSE_MERGED,
    WORDING_CHANGED,
    METADATA_CHANGED,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }
}
