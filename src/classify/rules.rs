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
    description: "A clause of the old draft has no counterpart in the new draft (high when it held a watch term, a name or an obligation).",
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

/// `structure.clause_renumbered`
pub const CLAUSE_RENUMBERED: Rule = Rule {
    id: "structure.clause_renumbered",
    kind: FindingKind::ClauseRenumbered,
    severity: Severity::Info,
    description: "A clause kept its words but the document numbers it differently.",
};

/// `scale.softened`
pub const SOFTENED: Rule = Rule {
    id: "scale.softened",
    kind: FindingKind::Softened,
    severity: Severity::Medium,
    description: "A phrase was replaced by one lower on the same scale (high when an obligation or operative verb drops two or more levels).",
};

/// `scale.strengthened`
pub const STRENGTHENED: Rule = Rule {
    id: "scale.strengthened",
    kind: FindingKind::Strengthened,
    severity: Severity::Medium,
    description: "A phrase was replaced by one higher on the same scale.",
};

/// `hedge.added`
pub const HEDGE_ADDED: Rule = Rule {
    id: "hedge.added",
    kind: FindingKind::HedgeAdded,
    severity: Severity::Medium,
    description: "A qualifier that weakens a commitment was inserted (\"as appropriate\", \"where possible\").",
};

/// `hedge.removed`
pub const HEDGE_REMOVED: Rule = Rule {
    id: "hedge.removed",
    kind: FindingKind::HedgeRemoved,
    severity: Severity::Medium,
    description: "A qualifier that weakened a commitment was deleted.",
};

/// `intensifier.removed`
pub const INTENSIFIER_REMOVED: Rule = Rule {
    id: "intensifier.removed",
    kind: FindingKind::IntensifierRemoved,
    severity: Severity::Low,
    description: "A word that made a commitment firmer was dropped (\"resolutely\", \"fully\").",
};

/// `intensifier.added`
pub const INTENSIFIER_ADDED: Rule = Rule {
    id: "intensifier.added",
    kind: FindingKind::IntensifierAdded,
    severity: Severity::Low,
    description: "A word that makes a commitment firmer was added.",
};

/// `negation.changed`
pub const NEGATION_CHANGED: Rule = Rule {
    id: "negation.changed",
    kind: FindingKind::NegationChanged,
    severity: Severity::High,
    description: "A negation was added or removed: the clause's polarity flips.",
};

/// `number.changed`
pub const NUMBER_CHANGED: Rule = Rule {
    id: "number.changed",
    kind: FindingKind::NumberChanged,
    severity: Severity::Medium,
    description: "A number, amount, percentage, date or deadline changed, was added or was removed.",
};

/// `entity.removed`
pub const ENTITY_REMOVED: Rule = Rule {
    id: "entity.removed",
    kind: FindingKind::EntityRemoved,
    severity: Severity::Medium,
    description: "A proper name (a party, person, place, organisation) was deleted.",
};

/// `entity.added`
pub const ENTITY_ADDED: Rule = Rule {
    id: "entity.added",
    kind: FindingKind::EntityAdded,
    severity: Severity::Low,
    description: "A proper name was inserted.",
};

/// `watch.removed`
pub const WATCH_REMOVED: Rule = Rule {
    id: "watch.removed",
    kind: FindingKind::WatchTermRemoved,
    severity: Severity::High,
    description: "A term of a watchlist was deleted (severity from the watchlist).",
};

/// `watch.added`
pub const WATCH_ADDED: Rule = Rule {
    id: "watch.added",
    kind: FindingKind::WatchTermAdded,
    severity: Severity::Medium,
    description: "A term of a watchlist was inserted.",
};

/// `watch.renamed`
pub const WATCH_RENAMED: Rule = Rule {
    id: "watch.renamed",
    kind: FindingKind::WatchTermRenamed,
    severity: Severity::Info,
    description: "A watch term was replaced by another of its aliases (Senkaku → Diaoyu).",
};

/// `wording.removed`
pub const WORDING_REMOVED: Rule = Rule {
    id: "wording.removed",
    kind: FindingKind::WordingRemoved,
    severity: Severity::Low,
    description: "Words were deleted and no more specific rule explains it.",
};

/// `wording.added`
pub const WORDING_ADDED: Rule = Rule {
    id: "wording.added",
    kind: FindingKind::WordingAdded,
    severity: Severity::Low,
    description: "Words were inserted and no more specific rule explains it.",
};

/// `wording.changed`
pub const WORDING_CHANGED: Rule = Rule {
    id: "wording.changed",
    kind: FindingKind::WordingChanged,
    severity: Severity::Info,
    description: "Words were replaced (or only their case or punctuation changed) and no more specific rule explains it.",
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
    CLAUSE_RENUMBERED,
    SOFTENED,
    STRENGTHENED,
    HEDGE_ADDED,
    HEDGE_REMOVED,
    INTENSIFIER_REMOVED,
    INTENSIFIER_ADDED,
    NEGATION_CHANGED,
    NUMBER_CHANGED,
    ENTITY_REMOVED,
    ENTITY_ADDED,
    WATCH_REMOVED,
    WATCH_ADDED,
    WATCH_RENAMED,
    WORDING_REMOVED,
    WORDING_ADDED,
    WORDING_CHANGED,
    METADATA_CHANGED,
];

/// The rule that makes findings of `kind`.
pub fn for_kind(kind: FindingKind) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.kind == kind)
        .unwrap_or(&WORDING_CHANGED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_and_kinds_are_unique() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        let mut kinds: Vec<FindingKind> = RULES.iter().map(|r| r.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), RULES.len());
    }

    #[test]
    fn every_kind_has_its_rule() {
        for rule in RULES {
            assert_eq!(for_kind(rule.kind).id, rule.id);
        }
    }
}
