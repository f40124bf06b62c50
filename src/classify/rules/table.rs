//! Every rule clausediff applies, in one table: its id, the kind of finding it makes, its default
//! severity and what it means. `clausediff rules`, SARIF and the docs all read from here. Ids are stable:
//! once released, an id is never reused for another meaning.

use crate::classify::Severity;

/// A rule of classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, `family.name`.
    pub id: &'static str,
    /// The name of the kind of finding it makes (`softened`): [`crate::classify::FindingKind::name`].
    pub kind: &'static str,
    /// Its severity unless the finding's evidence raises it.
    pub severity: Severity,
    /// One line on what it detects.
    pub description: &'static str,
}

/// `structure.clause_removed`
pub const CLAUSE_REMOVED: Rule = Rule {
    id: "structure.clause_removed",
    kind: "clause_removed",
    severity: Severity::Medium,
    description: "A clause of the old draft has no counterpart in the new draft (high when it held a watch term or an obligation, info when it is print furniture or repeats a clause the new draft has).",
};

/// `structure.clause_added`
pub const CLAUSE_ADDED: Rule = Rule {
    id: "structure.clause_added",
    kind: "clause_added",
    severity: Severity::Low,
    description: "A clause of the new draft has no counterpart in the old draft (medium when it is a full sentence, info when it is print furniture).",
};

/// `structure.clause_moved`
pub const CLAUSE_MOVED: Rule = Rule {
    id: "structure.clause_moved",
    kind: "clause_moved",
    severity: Severity::Low,
    description: "A clause stands elsewhere relative to the clauses around it.",
};

/// `structure.clause_split`
pub const CLAUSE_SPLIT: Rule = Rule {
    id: "structure.clause_split",
    kind: "clause_split",
    severity: Severity::Info,
    description: "One old clause became several new clauses.",
};

/// `structure.clause_merged`
pub const CLAUSE_MERGED: Rule = Rule {
    id: "structure.clause_merged",
    kind: "clause_merged",
    severity: Severity::Info,
    description: "Several old clauses became one new clause.",
};

/// `structure.clause_renumbered`
pub const CLAUSE_RENUMBERED: Rule = Rule {
    id: "structure.clause_renumbered",
    kind: "clause_renumbered",
    severity: Severity::Info,
    description: "A clause kept its words but the document numbers it differently.",
};

/// `scale.softened`
pub const SOFTENED: Rule = Rule {
    id: "scale.softened",
    kind: "softened",
    severity: Severity::Medium,
    description: "A phrase was replaced by one lower on the same scale (high when an obligation or operative verb drops two or more levels).",
};

/// `scale.strengthened`
pub const STRENGTHENED: Rule = Rule {
    id: "scale.strengthened",
    kind: "strengthened",
    severity: Severity::Medium,
    description: "A phrase was replaced by one higher on the same scale.",
};

/// `hedge.added`
pub const HEDGE_ADDED: Rule = Rule {
    id: "hedge.added",
    kind: "hedge_added",
    severity: Severity::Medium,
    description: "A qualifier that weakens a commitment was inserted (\"as appropriate\", \"where possible\").",
};

/// `hedge.removed`
pub const HEDGE_REMOVED: Rule = Rule {
    id: "hedge.removed",
    kind: "hedge_removed",
    severity: Severity::Medium,
    description: "A qualifier that weakened a commitment was deleted.",
};

/// `intensifier.removed`
pub const INTENSIFIER_REMOVED: Rule = Rule {
    id: "intensifier.removed",
    kind: "intensifier_removed",
    severity: Severity::Low,
    description: "A word that made a commitment firmer was dropped (\"resolutely\", \"fully\").",
};

/// `intensifier.added`
pub const INTENSIFIER_ADDED: Rule = Rule {
    id: "intensifier.added",
    kind: "intensifier_added",
    severity: Severity::Low,
    description: "A word that makes a commitment firmer was added.",
};

/// `negation.changed`
pub const NEGATION_CHANGED: Rule = Rule {
    id: "negation.changed",
    kind: "negation_changed",
    severity: Severity::High,
    description: "A negation was added to or removed from a predicate both drafts share: the clause's polarity flips.",
};

/// `number.changed`
pub const NUMBER_CHANGED: Rule = Rule {
    id: "number.changed",
    kind: "number_changed",
    severity: Severity::Medium,
    description: "A quantity (amount, sum of money, percentage, date, duration) changed, was added or was removed; labels, citations and cross-references that follow renumbering are not quantities.",
};

/// `entity.removed`
pub const ENTITY_REMOVED: Rule = Rule {
    id: "entity.removed",
    kind: "entity_removed",
    severity: Severity::Medium,
    description: "A proper name (a party, person, place, organisation) is no longer in the clause, in any spelling or as its acronym.",
};

/// `entity.added`
pub const ENTITY_ADDED: Rule = Rule {
    id: "entity.added",
    kind: "entity_added",
    severity: Severity::Low,
    description: "A proper name was inserted.",
};

/// `watch.removed`
pub const WATCH_REMOVED: Rule = Rule {
    id: "watch.removed",
    kind: "watch_term_removed",
    severity: Severity::High,
    description: "A term of a watchlist was deleted (severity from the watchlist).",
};

/// `watch.added`
pub const WATCH_ADDED: Rule = Rule {
    id: "watch.added",
    kind: "watch_term_added",
    severity: Severity::Medium,
    description: "A term of a watchlist was inserted.",
};

/// `watch.renamed`
pub const WATCH_RENAMED: Rule = Rule {
    id: "watch.renamed",
    kind: "watch_term_renamed",
    severity: Severity::Info,
    description: "A watch term was replaced by another of its aliases (Senkaku → Diaoyu).",
};

/// `wording.removed`
pub const WORDING_REMOVED: Rule = Rule {
    id: "wording.removed",
    kind: "wording_removed",
    severity: Severity::Low,
    description: "Words were deleted and no more specific rule explains it (medium for a whole passage of eight words or more).",
};

/// `wording.added`
pub const WORDING_ADDED: Rule = Rule {
    id: "wording.added",
    kind: "wording_added",
    severity: Severity::Low,
    description: "Words were inserted and no more specific rule explains it (medium for a whole passage of eight words or more).",
};

/// `wording.changed`
pub const WORDING_CHANGED: Rule = Rule {
    id: "wording.changed",
    kind: "wording_changed",
    severity: Severity::Info,
    description: "Words were replaced (or only their case or punctuation changed) and no more specific rule explains it.",
};

/// `metadata.changed`
pub const METADATA_CHANGED: Rule = Rule {
    id: "metadata.changed",
    kind: "metadata_changed",
    severity: Severity::Info,
    description: "The document's front matter (title, dates, tags) changed.",
};

/// `bracket.resolved`
pub const BRACKET_RESOLVED: Rule = Rule {
    id: "bracket.resolved",
    kind: "bracket_resolved",
    severity: Severity::Info,
    description: "Brackets were removed and their words kept: the text is agreed (low when it holds an obligation).",
};

/// `bracket.dropped`
pub const BRACKET_DROPPED: Rule = Rule {
    id: "bracket.dropped",
    kind: "bracket_dropped",
    severity: Severity::Low,
    description: "Bracketed text was removed with its brackets (medium when it held an obligation, a quantity, a name or a passage; high for a watch term or an obligation with a quantity).",
};

/// `bracket.alternative_chosen`
pub const ALTERNATIVE_CHOSEN: Rule = Rule {
    id: "bracket.alternative_chosen",
    kind: "alternative_chosen",
    severity: Severity::Low,
    description: "Of adjacent alternatives ([a][b]) one remains, unbracketed (medium when they held different quantities); a choice between phrases of a scale also gives softened or strengthened.",
};

/// `bracket.alternative_added`
pub const ALTERNATIVE_ADDED: Rule = Rule {
    id: "bracket.alternative_added",
    kind: "alternative_added",
    severity: Severity::Low,
    description: "A new alternative was offered beside a bracket that stays open.",
};

/// `bracket.added`
pub const BRACKETS_ADDED: Rule = Rule {
    id: "bracket.added",
    kind: "brackets_added",
    severity: Severity::Low,
    description: "Text was put in brackets: agreed words reopened (medium for an obligation or a passage), or new bracketed text proposed.",
};

/// `option.chosen`
pub const OPTION_CHOSEN: Rule = Rule {
    id: "option.chosen",
    kind: "option_chosen",
    severity: Severity::Low,
    description: "An option's text remains and its label is gone: the option was adopted.",
};

/// `option.dropped`
pub const OPTION_DROPPED: Rule = Rule {
    id: "option.dropped",
    kind: "option_dropped",
    severity: Severity::Low,
    description: "An option was removed (severity from what it held, as for bracketed text).",
};

/// `placeholder.filled`
pub const PLACEHOLDER_FILLED: Rule = Rule {
    id: "placeholder.filled",
    kind: "placeholder_filled",
    severity: Severity::Low,
    description: "A placeholder ([X], [Placeholder for …]) now holds text (medium when the text is a quantity or a date).",
};

/// `placeholder.added`
pub const PLACEHOLDER_ADDED: Rule = Rule {
    id: "placeholder.added",
    kind: "placeholder_added",
    severity: Severity::Low,
    description: "A placeholder was put where text will be written.",
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
    BRACKET_RESOLVED,
    BRACKET_DROPPED,
    ALTERNATIVE_CHOSEN,
    ALTERNATIVE_ADDED,
    BRACKETS_ADDED,
    OPTION_CHOSEN,
    OPTION_DROPPED,
    PLACEHOLDER_FILLED,
    PLACEHOLDER_ADDED,
];

/// `parallel.clause_missing`
pub const PARALLEL_CLAUSE_MISSING: Rule = Rule {
    id: "parallel.clause_missing",
    kind: "clause_missing",
    severity: Severity::Medium,
    description: "A clause of one language version has no counterpart in the other (high when it holds an obligation or a watch term, low for a heading); a paragraph split differently is not one.",
};

/// `parallel.strength_mismatch`
pub const PARALLEL_STRENGTH_MISMATCH: Rule = Rule {
    id: "parallel.strength_mismatch",
    kind: "strength_mismatch",
    severity: Severity::Medium,
    description: "The strongest obligation or operative verb of a clause is at a different level in the two language versions (high at the scale's high_at_steps).",
};

/// `parallel.negation_mismatch`
pub const PARALLEL_NEGATION_MISMATCH: Rule = Rule {
    id: "parallel.negation_mismatch",
    kind: "negation_mismatch",
    severity: Severity::High,
    description: "One language version of a clause negates and the other does not.",
};

/// `parallel.number_mismatch`
pub const PARALLEL_NUMBER_MISMATCH: Rule = Rule {
    id: "parallel.number_mismatch",
    kind: "number_mismatch",
    severity: Severity::Medium,
    description: "A number written in digits differs between the language versions of a clause (1,25 and 1.25 are one number; info when one side only lacks a number it may write in words).",
};

/// `parallel.name_missing`
pub const PARALLEL_NAME_MISSING: Rule = Rule {
    id: "parallel.name_missing",
    kind: "name_missing",
    severity: Severity::Medium,
    description: "A watch term (through its aliases in every language) or, between languages of one script, a name is in one language version of a clause and not the other (a watch term at its own severity).",
};

/// The rules of `clausediff parallel`, the consistency check of language versions (their findings
/// are not a diff's, so they are not in [`RULES`]).
pub const PARALLEL_RULES: &[Rule] = &[
    PARALLEL_CLAUSE_MISSING,
    PARALLEL_STRENGTH_MISMATCH,
    PARALLEL_NEGATION_MISMATCH,
    PARALLEL_NUMBER_MISMATCH,
    PARALLEL_NAME_MISSING,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_and_kinds_are_unique() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        let mut kinds: Vec<&str> = RULES.iter().map(|r| r.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), RULES.len());
    }
}
