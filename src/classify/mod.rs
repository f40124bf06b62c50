//! Stage 4 — `classify`: typed findings from the aligned redline.
//!
//! Input: both drafts and their [`ClauseDiff`]s. Output: [`Finding`]s, each with a [`FindingKind`], a
//! [`Severity`], the id of the rule that made it (see [`RULES`]), the clauses and lines it is about, and
//! the old and new words that are its evidence. What the words mean comes from data, not code: a
//! [`Lexicon`] of ordered scales, hedges, intensifiers and negations, and [`Watchlist`]s of terms.
//! A finding holds no display text; [`Finding::message`] phrases it, once, for every renderer.
//!
//! Precision rules: an edit that only changes letter case is never more than `info`; re-wrapping,
//! quotes and dashes never reach this stage (the diff does not see them); a swap between two aliases
//! of a watch term is a rename (`info`), not a removal; and a change that several rules explain gives
//! one finding per rule, never the same rule twice for the same words.

mod content;
mod lexicon;
mod rules;
mod scan;
mod structure;

use serde::Serialize;

use crate::diff::{ClauseDiff, Status, TokenCache};
use crate::document::{ClauseId, Draft};
pub use lexicon::{Lexicon, NegationMode, Scale, Term, Watchlist};
pub use rules::{RULES, Rule, for_kind};
use scan::Vocabulary;

/// How much a finding matters to a careful reader. Ordered: `Info < Low < Medium < High`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
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
///
/// Each kind is documented as *What it detects / Why it matters / Example (old → new)*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingKind {
    /// *What:* an old clause with no counterpart. *Why:* deleted passages are the changes most easily
    /// missed. *Example:* paragraph 5 on regional security is gone.
    ClauseRemoved,
    /// *What:* a new clause with no counterpart. *Why:* new commitments and qualifications enter this
    /// way. *Example:* a new paragraph 3 bis.
    ClauseAdded,
    /// *What:* a clause that now stands elsewhere. *Why:* context changes meaning. *Example:* 7 → 3.
    ClauseMoved,
    /// *What:* one clause became several. *Why:* a split can detach a qualification. *Example:* 4 → 4, 5.
    ClauseSplit,
    /// *What:* several clauses became one. *Why:* a merge can extend a qualification. *Example:* 4, 5 → 4.
    ClauseMerged,
    /// *What:* a clause whose number changed and words did not. *Why:* cross-references may now point
    /// elsewhere. *Example:* OP4 → OP5.
    ClauseRenumbered,
    /// *What:* a phrase replaced by one lower on an ordered scale. *Why:* the text commits to less.
    /// *Example:* "shall" → "should".
    Softened,
    /// *What:* a phrase replaced by one higher on an ordered scale. *Why:* the text commits to more.
    /// *Example:* "encourages" → "urges".
    Strengthened,
    /// *What:* a weakening qualifier inserted. *Why:* it turns a commitment into an option.
    /// *Example:* "will remove" → "will remove, as appropriate,".
    HedgeAdded,
    /// *What:* a weakening qualifier deleted. *Why:* the commitment became unconditional.
    /// *Example:* "where possible" dropped.
    HedgeRemoved,
    /// *What:* a word that made a commitment firmer dropped. *Why:* the tone cooled.
    /// *Example:* "resolutely oppose" → "oppose".
    IntensifierRemoved,
    /// *What:* a word that makes a commitment firmer added. *Example:* "support" → "fully support".
    IntensifierAdded,
    /// *What:* a negation added or removed. *Why:* the clause now says the opposite.
    /// *Example:* "shall apply" → "shall not apply".
    NegationChanged,
    /// *What:* a number, amount, percentage, date or deadline changed, added or removed.
    /// *Example:* "by 2030" → "by 2035".
    NumberChanged,
    /// *What:* a proper name deleted. *Why:* a party, place or organisation is no longer referred to.
    /// *Example:* "the security of Northeast Asia" dropped.
    EntityRemoved,
    /// *What:* a proper name inserted. *Example:* "including the Five Eyes partnership".
    EntityAdded,
    /// *What:* a watch term deleted. *Why:* a disputed territory dropped from a text is rarely an
    /// accident. *Example:* "the Southern Kuril Islands" removed.
    WatchTermRemoved,
    /// *What:* a watch term inserted. *Example:* "Crimea" added.
    WatchTermAdded,
    /// *What:* a watch term swapped for one of its aliases. *Why:* the name chosen takes a side.
    /// *Example:* "Senkaku Islands" → "Diaoyu Islands".
    WatchTermRenamed,
    /// *What:* words deleted that no rule explains. *Example:* "for the good" → "for good".
    WordingRemoved,
    /// *What:* words inserted that no rule explains. *Example:* "candid" → "candid and constructive".
    WordingAdded,
    /// *What:* words replaced that no rule explains, or a change of letter case or punctuation only.
    /// *Example:* "bilateral relations" → "bilateral ties".
    WordingChanged,
    /// *What:* a change of the document's front matter. *Why:* a silently edited title or date is a
    /// revision too. *Example:* `modified_time` changed.
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
            FindingKind::ClauseRenumbered => "clause_renumbered",
            FindingKind::Softened => "softened",
            FindingKind::Strengthened => "strengthened",
            FindingKind::HedgeAdded => "hedge_added",
            FindingKind::HedgeRemoved => "hedge_removed",
            FindingKind::IntensifierRemoved => "intensifier_removed",
            FindingKind::IntensifierAdded => "intensifier_added",
            FindingKind::NegationChanged => "negation_changed",
            FindingKind::NumberChanged => "number_changed",
            FindingKind::EntityRemoved => "entity_removed",
            FindingKind::EntityAdded => "entity_added",
            FindingKind::WatchTermRemoved => "watch_term_removed",
            FindingKind::WatchTermAdded => "watch_term_added",
            FindingKind::WatchTermRenamed => "watch_term_renamed",
            FindingKind::WordingRemoved => "wording_removed",
            FindingKind::WordingAdded => "wording_added",
            FindingKind::WordingChanged => "wording_changed",
            FindingKind::MetadataChanged => "metadata_changed",
        }
    }

    /// Whether the finding only restates a redline edit (a terminal redline need not list it again).
    pub fn is_wording(self) -> bool {
        matches!(
            self,
            FindingKind::WordingChanged | FindingKind::WordingAdded | FindingKind::WordingRemoved
        )
    }

    /// Whether a redline with clause headers already shows the finding: an edit no rule explains, or
    /// a renumbering the header names.
    pub fn is_shown_by_redline(self) -> bool {
        self.is_wording() || self == FindingKind::ClauseRenumbered
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
    /// Two phrases of one ordered scale.
    Scale {
        /// The scale's name.
        scale: String,
        /// Strength of the old phrase (the weakest level is 1).
        old_strength: usize,
        /// Strength of the new phrase.
        new_strength: usize,
        /// Whether a negation governs both phrases.
        negated: bool,
    },
    /// A term of a watchlist.
    Watch {
        /// The term's name.
        term: String,
        /// The watchlist's name.
        list: String,
        /// Whether it went (or came) with its whole clause.
        whole_clause: bool,
    },
    /// A name that went (or came) with its whole clause.
    WholeClause,
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

    /// A sentence a reader understands without the docs, e.g. `OP3: "shall" → "should" (obligation,
    /// 5 → 3)`.
    pub fn message(&self) -> String {
        let clause = self.clause_label();
        let (old, new) = (excerpt(&self.old_text), excerpt(&self.new_text));
        let with = |whole: bool| if whole { " with the clause" } else { "" };
        match (self.kind, &self.evidence) {
            (FindingKind::ClauseRemoved, _) if old.is_empty() => {
                format!("{clause}: clause removed")
            }
            (FindingKind::ClauseRemoved, _) => format!("{clause}: clause removed: \"{old}\""),
            (FindingKind::ClauseAdded, _) if new.is_empty() => format!("{clause}: clause added"),
            (FindingKind::ClauseAdded, _) => format!("{clause}: clause added: \"{new}\""),
            (FindingKind::ClauseMoved, _) => format!("{clause}: clause moved"),
            (FindingKind::ClauseRenumbered, _) => format!("{clause}: renumbered"),
            (FindingKind::ClauseSplit, Evidence::Clauses { old, new }) => {
                format!("{}: clause split into {}", ids(old), ids(new))
            }
            (FindingKind::ClauseMerged, Evidence::Clauses { old, new }) => {
                format!("{}: clauses merged into {}", ids(old), ids(new))
            }
            (FindingKind::MetadataChanged, Evidence::Keys(keys)) => {
                format!("front matter changed: {}", keys.join(", "))
            }
            (
                FindingKind::Softened | FindingKind::Strengthened,
                Evidence::Scale {
                    scale,
                    old_strength,
                    new_strength,
                    negated,
                },
            ) => {
                let negation = if *negated { ", under a negation" } else { "" };
                format!(
                    "{clause}: \"{old}\" → \"{new}\" ({scale}, {old_strength} → {new_strength}{negation})"
                )
            }
            (FindingKind::HedgeAdded, _) => format!("{clause}: hedge \"{new}\" added"),
            (FindingKind::HedgeRemoved, _) => format!("{clause}: hedge \"{old}\" removed"),
            (FindingKind::IntensifierRemoved, _) => {
                format!("{clause}: intensifier \"{old}\" removed")
            }
            (FindingKind::IntensifierAdded, _) => format!("{clause}: intensifier \"{new}\" added"),
            (FindingKind::NegationChanged, _) if new.is_empty() => {
                format!("{clause}: negation \"{old}\" removed: the clause's polarity flips")
            }
            (FindingKind::NegationChanged, _) => {
                format!("{clause}: negation \"{new}\" added: the clause's polarity flips")
            }
            (FindingKind::NumberChanged, _) => match (old.is_empty(), new.is_empty()) {
                (false, true) => format!("{clause}: number \"{old}\" removed"),
                (true, false) => format!("{clause}: number \"{new}\" added"),
                _ => format!("{clause}: number \"{old}\" → \"{new}\""),
            },
            (FindingKind::EntityRemoved, e) => {
                format!(
                    "{clause}: name \"{old}\" removed{}",
                    with(*e == Evidence::WholeClause)
                )
            }
            (FindingKind::EntityAdded, e) => {
                format!(
                    "{clause}: name \"{new}\" added{}",
                    with(*e == Evidence::WholeClause)
                )
            }
            (
                FindingKind::WatchTermRemoved,
                Evidence::Watch {
                    term,
                    list,
                    whole_clause,
                },
            ) => format!(
                "{clause}: \"{old}\" removed{} (watch term \"{term}\", {list})",
                with(*whole_clause)
            ),
            (
                FindingKind::WatchTermAdded,
                Evidence::Watch {
                    term,
                    list,
                    whole_clause,
                },
            ) => format!(
                "{clause}: \"{new}\" added{} (watch term \"{term}\", {list})",
                with(*whole_clause)
            ),
            (FindingKind::WatchTermRenamed, Evidence::Watch { term, list, .. }) => {
                format!("{clause}: \"{old}\" → \"{new}\" (both name watch term \"{term}\", {list})")
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
    // Only the words up to the limit are joined: the text may be a whole clause of megabytes.
    let (mut flat, mut count) = (String::new(), 0);
    for word in text.split_whitespace() {
        if !flat.is_empty() {
            flat.push(' ');
            count += 1;
        }
        flat.push_str(word);
        count += word.chars().count();
        if count > LIMIT {
            break;
        }
    }
    if count <= LIMIT {
        return flat;
    }
    let cut: String = flat.chars().take(LIMIT).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// Classifies changes with a lexicon and watchlists.
#[derive(Debug)]
pub struct Classifier {
    lexicon: Lexicon,
    watchlists: Vec<Watchlist>,
    vocabulary: Vocabulary,
}

impl Default for Classifier {
    fn default() -> Self {
        Classifier::new(Lexicon::builtin(), vec![Watchlist::builtin()])
    }
}

impl Classifier {
    /// A classifier over this lexicon and these watchlists.
    pub fn new(lexicon: Lexicon, watchlists: Vec<Watchlist>) -> Classifier {
        let vocabulary = Vocabulary::new(&lexicon, &watchlists);
        Classifier {
            lexicon,
            watchlists,
            vocabulary,
        }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The watchlists in use.
    pub fn watchlists(&self) -> &[Watchlist] {
        &self.watchlists
    }

    /// Classifies every change of a comparison. Entries are classified in parallel; the findings
    /// keep the entries' order.
    pub fn classify(&self, old: &Draft, new: &Draft, diffs: &[ClauseDiff]) -> Vec<Finding> {
        self.classify_cached(
            old,
            new,
            diffs,
            &TokenCache::new(&old.clauses, &new.clauses),
        )
    }

    /// [`Classifier::classify`] with the tokens the other stages share.
    pub fn classify_cached(
        &self,
        old: &Draft,
        new: &Draft,
        diffs: &[ClauseDiff],
        tokens: &TokenCache,
    ) -> Vec<Finding> {
        use rayon::prelude::*;
        let mut findings = structure::metadata(old, new);
        let per_entry: Vec<Vec<Finding>> = diffs
            .par_iter()
            .enumerate()
            .with_min_len(64)
            .map(|(index, diff)| {
                let mut found = Vec::new();
                if diff.status != Status::Unchanged || diff.pair.renumbered || diff.pair.moved {
                    self.entry(
                        content::Context {
                            classifier: self,
                            old,
                            new,
                            index,
                            diff,
                            tokens,
                        },
                        &mut found,
                    );
                }
                found
            })
            .collect();
        findings.extend(per_entry.into_iter().flatten());
        findings
    }

    fn entry(&self, cx: content::Context, out: &mut Vec<Finding>) {
        match cx.diff.status {
            Status::Removed => {
                let held = content::whole_clause(&cx, content::Side::Old, out);
                structure::clause(&cx, held, out);
            }
            Status::Added => {
                content::whole_clause(&cx, content::Side::New, out);
                structure::clause(&cx, false, out);
            }
            _ => {
                structure::clause(&cx, false, out);
                if cx.diff.modified {
                    content::edits(&cx, out);
                }
            }
        }
    }
}

/// Classifies with the built-in lexicon and watchlist.
pub fn classify(old: &Draft, new: &Draft, diffs: &[ClauseDiff]) -> Vec<Finding> {
    Classifier::default().classify(old, new, diffs)
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
