//! Findings: what a change does, as typed values. A [`FindingKind`] carries the data its finding rests
//! on, and its rule comes from one exhaustive `match` ([`FindingKind::rule`]), so a new kind without a
//! rule does not compile. A finding holds no display text; [`Finding::message`] phrases it, once, for
//! every renderer.

use super::Severity;
use super::fingerprint::Fingerprint;
use super::read::NumberRole;
use super::rules::{self, Rule};
use crate::document::{ClauseId, Revision};

/// A phrase of one scale replaced by one at another level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleShift {
    /// The scale's name: `obligation`.
    pub scale: String,
    /// Strength of the old phrase (the weakest level is 1).
    pub old_strength: usize,
    /// Strength of the new phrase.
    pub new_strength: usize,
    /// Whether a negation governs both phrases.
    pub negated: bool,
}

/// A term of a watchlist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchRef {
    /// The term's name.
    pub term: String,
    /// The watchlist's name.
    pub list: String,
}

/// What a clause removed or added whole held: the evidence of its finding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    /// The proper names it named, as written, once each.
    pub names: Vec<String>,
    /// The watch terms it named.
    pub watch_terms: Vec<WatchRef>,
    /// Whether it held an obligation ("shall", "must", "decides").
    pub obligation: bool,
    /// Whether it is print furniture (a cover-page line, a caption, an attestation) or repeats a
    /// clause that the other draft still has.
    pub furniture: bool,
    /// The clause of the other draft in which most of its words stand: it was absorbed into that
    /// clause (or split out of it), not removed (or added).
    pub stands_in: Option<ClauseId>,
}

/// What a finding reports, with the data it rests on. The snake-case names ([`FindingKind::name`])
/// are part of the JSON contract.
///
/// Each kind is documented as *What it detects / Why it matters / Example (old → new)*.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FindingKind {
    /// *What:* an old clause with no counterpart. *Why:* deleted passages are the changes most easily
    /// missed. *Example:* paragraph 5 on regional security is gone.
    ClauseRemoved(Held),
    /// *What:* a new clause with no counterpart. *Why:* new commitments and qualifications enter this
    /// way. *Example:* a new paragraph 3 bis.
    ClauseAdded(Held),
    /// *What:* a clause that now stands elsewhere. *Why:* context changes meaning. *Example:* 7 → 3.
    ClauseMoved,
    /// *What:* one clause became several. *Why:* a split can detach a qualification. *Example:* 4 → 4, 5.
    ClauseSplit {
        /// The old clause.
        old: Vec<ClauseId>,
        /// The new clauses.
        new: Vec<ClauseId>,
    },
    /// *What:* several clauses became one. *Why:* a merge can extend a qualification. *Example:* 4, 5 → 4.
    ClauseMerged {
        /// The old clauses.
        old: Vec<ClauseId>,
        /// The new clause.
        new: Vec<ClauseId>,
    },
    /// *What:* a clause whose number changed and words did not. *Why:* cross-references may now point
    /// elsewhere. *Example:* OP4 → OP5.
    ClauseRenumbered,
    /// *What:* a phrase replaced by one lower on an ordered scale. *Why:* the text commits to less.
    /// *Example:* "shall" → "should".
    Softened(ScaleShift),
    /// *What:* a phrase replaced by one higher on an ordered scale. *Why:* the text commits to more.
    /// *Example:* "encourages" → "urges".
    Strengthened(ScaleShift),
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
    /// *What:* a negation added to or removed from a predicate both versions share. *Why:* the clause
    /// now says the opposite. *Example:* "shall apply" → "shall not apply".
    NegationChanged,
    /// *What:* a quantity — an amount, a sum of money, a percentage, a date, a duration — changed, added
    /// or removed; or a cross-reference that no longer follows its renumbered target. *Example:* "by
    /// 2030" → "by 2035".
    NumberChanged(NumberRole),
    /// *What:* a proper name no longer in the clause, in any spelling or as its acronym. *Why:* a party,
    /// place or organisation is no longer referred to. *Example:* "the security of Northeast Asia"
    /// dropped.
    EntityRemoved,
    /// *What:* a proper name inserted. *Example:* "including the Five Eyes partnership".
    EntityAdded,
    /// *What:* a watch term deleted. *Why:* a disputed territory dropped from a text is rarely an
    /// accident. *Example:* "the Southern Kuril Islands" removed.
    WatchTermRemoved(WatchRef),
    /// *What:* a watch term inserted. *Example:* "Crimea" added.
    WatchTermAdded(WatchRef),
    /// *What:* a watch term swapped for one of its aliases. *Why:* the name chosen takes a side.
    /// *Example:* "Senkaku Islands" → "Diaoyu Islands".
    WatchTermRenamed(WatchRef),
    /// *What:* words deleted that no rule explains. *Example:* "for the good" → "for good".
    WordingRemoved,
    /// *What:* words inserted that no rule explains. *Example:* "candid" → "candid and constructive".
    WordingAdded,
    /// *What:* words replaced that no rule explains, or a change of letter case or punctuation only.
    /// *Example:* "bilateral relations" → "bilateral ties".
    WordingChanged,
    /// *What:* brackets removed, their words kept. *Why:* the text is agreed; an agreed obligation is
    /// worth seeing. *Example:* `[fully] implement` → `fully implement`.
    BracketResolved,
    /// *What:* bracketed text removed with its brackets. *Why:* a proposal lost. *Example:*
    /// `[and to loss and damage]` gone. Carries what the text held.
    BracketDropped(Held),
    /// *What:* of alternatives `[a][b]`, one remains. *Why:* which wording won is the question of the
    /// round. *Example:* `[shall][should]` → `should`.
    AlternativeChosen,
    /// *What:* a new alternative beside an open bracket. *Example:* `[2023]` → `[2023][2024]`.
    AlternativeAdded,
    /// *What:* text put in brackets. *Why:* agreed words reopened, or a new proposal. *Example:*
    /// `shall provide` → `[shall provide]`.
    BracketsAdded,
    /// *What:* an option adopted: its text remains and its label is gone. *Example:* "Option 2:
    /// Parties collectively aim …" → "Parties collectively aim …".
    OptionChosen,
    /// *What:* an option removed. *Why:* a whole approach left the table. *Example:* "Option 1:
    /// Developed country Parties shall provide … USD 100 billion" gone. Carries what it held.
    OptionDropped(Held),
    /// *What:* a placeholder now holds text. *Example:* `its [X] session` → `its first session`.
    PlaceholderFilled,
    /// *What:* a placeholder put where text will be written. *Example:* `[Placeholder for finance]`.
    PlaceholderAdded,
    /// *What:* a change of the document's front matter. *Why:* a silently edited title or date is a
    /// revision too. *Example:* `modified_time` changed.
    MetadataChanged {
        /// The keys whose values changed, were added or were removed.
        keys: Vec<String>,
    },
}

impl FindingKind {
    /// The rule that makes findings of this kind.
    pub fn rule(&self) -> &'static Rule {
        match self {
            FindingKind::ClauseRemoved(_) => &rules::CLAUSE_REMOVED,
            FindingKind::ClauseAdded(_) => &rules::CLAUSE_ADDED,
            FindingKind::ClauseMoved => &rules::CLAUSE_MOVED,
            FindingKind::ClauseSplit { .. } => &rules::CLAUSE_SPLIT,
            FindingKind::ClauseMerged { .. } => &rules::CLAUSE_MERGED,
            FindingKind::ClauseRenumbered => &rules::CLAUSE_RENUMBERED,
            FindingKind::Softened(_) => &rules::SOFTENED,
            FindingKind::Strengthened(_) => &rules::STRENGTHENED,
            FindingKind::HedgeAdded => &rules::HEDGE_ADDED,
            FindingKind::HedgeRemoved => &rules::HEDGE_REMOVED,
            FindingKind::IntensifierRemoved => &rules::INTENSIFIER_REMOVED,
            FindingKind::IntensifierAdded => &rules::INTENSIFIER_ADDED,
            FindingKind::NegationChanged => &rules::NEGATION_CHANGED,
            FindingKind::NumberChanged(_) => &rules::NUMBER_CHANGED,
            FindingKind::EntityRemoved => &rules::ENTITY_REMOVED,
            FindingKind::EntityAdded => &rules::ENTITY_ADDED,
            FindingKind::WatchTermRemoved(_) => &rules::WATCH_REMOVED,
            FindingKind::WatchTermAdded(_) => &rules::WATCH_ADDED,
            FindingKind::WatchTermRenamed(_) => &rules::WATCH_RENAMED,
            FindingKind::WordingRemoved => &rules::WORDING_REMOVED,
            FindingKind::WordingAdded => &rules::WORDING_ADDED,
            FindingKind::WordingChanged => &rules::WORDING_CHANGED,
            FindingKind::MetadataChanged { .. } => &rules::METADATA_CHANGED,
            FindingKind::BracketResolved => &rules::BRACKET_RESOLVED,
            FindingKind::BracketDropped(_) => &rules::BRACKET_DROPPED,
            FindingKind::AlternativeChosen => &rules::ALTERNATIVE_CHOSEN,
            FindingKind::AlternativeAdded => &rules::ALTERNATIVE_ADDED,
            FindingKind::BracketsAdded => &rules::BRACKETS_ADDED,
            FindingKind::OptionChosen => &rules::OPTION_CHOSEN,
            FindingKind::OptionDropped(_) => &rules::OPTION_DROPPED,
            FindingKind::PlaceholderFilled => &rules::PLACEHOLDER_FILLED,
            FindingKind::PlaceholderAdded => &rules::PLACEHOLDER_ADDED,
        }
    }

    /// The snake-case name used in reports.
    pub fn name(&self) -> &'static str {
        self.rule().kind
    }

    /// Whether the finding only restates a redline edit (a terminal redline need not list it again).
    pub fn is_wording(&self) -> bool {
        matches!(
            self,
            FindingKind::WordingChanged | FindingKind::WordingAdded | FindingKind::WordingRemoved
        )
    }

    /// Whether a redline with clause headers already shows the finding: an edit no rule explains, or
    /// a renumbering the header names.
    pub fn is_shown_by_redline(&self) -> bool {
        self.is_wording() || *self == FindingKind::ClauseRenumbered
    }

    /// Whether the change weakens the text (a history grid shows it as "softened").
    pub fn weakens(&self) -> bool {
        matches!(
            self,
            FindingKind::Softened(_)
                | FindingKind::HedgeAdded
                | FindingKind::IntensifierRemoved
                | FindingKind::WatchTermRemoved(_)
                | FindingKind::EntityRemoved
                | FindingKind::NegationChanged
        )
    }
}

/// One classified change.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What it reports, with its data.
    pub kind: FindingKind,
    /// How much it matters.
    pub severity: Severity,
    /// Index of the clause entry (in the diff list) it is about; `None` for the document as a whole.
    pub change: Option<usize>,
    /// The old clause it is about.
    pub old_clause: Option<ClauseId>,
    /// The new clause it is about.
    pub new_clause: Option<ClauseId>,
    /// The old words it is about (the whole clause for a removal, an excerpt for a move).
    pub old_text: String,
    /// The new words it is about.
    pub new_text: String,
    /// Source line of the old words.
    pub old_line: Option<u32>,
    /// Source line of the new words.
    pub new_line: Option<u32>,
    /// Byte offset of the words within their clause entry, for ordering.
    pub offset: usize,
    /// Which finding this is, from its clause's words, rule and evidence (not its place): the key of
    /// SARIF fingerprints and baselines. Set once classification is done.
    pub fingerprint: Fingerprint,
    /// The tracked change of a Word document that made the change (`diff --tracked`): the
    /// revision that inserted the new words, else the one that deleted the old. `None` for drafts
    /// without tracked changes.
    pub revision: Option<Revision>,
}

impl Finding {
    /// The id of the rule that made it (see [`rules::RULES`]).
    pub fn rule(&self) -> &'static str {
        self.kind.rule().id
    }

    /// Whether the finding is about words only the old draft has (old words, no new ones): it is
    /// located in the old draft, and its fingerprint hashes the old clause.
    pub fn is_removal(&self) -> bool {
        self.new_text.is_empty() && !self.old_text.is_empty()
    }

    /// The clause the finding is about, as readers cite it: `OP4`, or `OP4 → OP5` when renumbered.
    pub fn clause_label(&self) -> String {
        match (&self.old_clause, &self.new_clause) {
            (Some(old), Some(new)) if old != new => format!("{old} → {new}"),
            (Some(id), _) | (None, Some(id)) => id.to_string(),
            (None, None) => "document".to_string(),
        }
    }

    /// A sentence a reader understands without the docs, e.g. `OP3: "shall" → "should" (obligation,
    /// 5 → 3)`; with the tracked change that made it, `… — softened by Delegation of X on 14 March
    /// 2025`.
    pub fn message(&self) -> String {
        let message = self.what();
        match &self.revision {
            Some(revision) => format!(
                "{message} — {} by {}",
                self.kind.name().replace('_', " "),
                revision.describe()
            ),
            None => message,
        }
    }

    /// The message without the revision.
    fn what(&self) -> String {
        let clause = self.clause_label();
        let (old, new) = (excerpt(&self.old_text), excerpt(&self.new_text));
        match &self.kind {
            FindingKind::ClauseRemoved(held) => whole(&clause, "removed", &old, held),
            FindingKind::ClauseAdded(held) => whole(&clause, "added", &new, held),
            FindingKind::ClauseMoved => format!("{clause}: clause moved: \"{}\"", pick(&old, &new)),
            FindingKind::ClauseRenumbered => format!("{clause}: renumbered"),
            FindingKind::ClauseSplit { old: o, new: n } => {
                format!("{}: clause split into {}: \"{old}\"", ids(o), ids(n))
            }
            FindingKind::ClauseMerged { old: o, new: n } => {
                format!("{}: clauses merged into {}: \"{new}\"", ids(o), ids(n))
            }
            FindingKind::MetadataChanged { keys } => {
                format!("front matter changed: {}", keys.join(", "))
            }
            FindingKind::Softened(shift) | FindingKind::Strengthened(shift) => {
                let negation = if shift.negated {
                    ", under a negation"
                } else {
                    ""
                };
                format!(
                    "{clause}: \"{old}\" → \"{new}\" ({}, {} → {}{negation})",
                    shift.scale, shift.old_strength, shift.new_strength
                )
            }
            FindingKind::HedgeAdded => format!("{clause}: hedge \"{new}\" added"),
            FindingKind::HedgeRemoved => format!("{clause}: hedge \"{old}\" removed"),
            FindingKind::IntensifierRemoved => format!("{clause}: intensifier \"{old}\" removed"),
            FindingKind::IntensifierAdded => format!("{clause}: intensifier \"{new}\" added"),
            FindingKind::NegationChanged if new.is_empty() => {
                format!("{clause}: negation \"{old}\" removed: the clause's polarity flips")
            }
            FindingKind::NegationChanged => {
                format!("{clause}: negation \"{new}\" added: the clause's polarity flips")
            }
            FindingKind::NumberChanged(role) => {
                let role = role.name();
                match (old.is_empty(), new.is_empty()) {
                    (false, true) => format!("{clause}: {role} \"{old}\" removed"),
                    (true, false) => format!("{clause}: {role} \"{new}\" added"),
                    _ => format!("{clause}: {role} \"{old}\" → \"{new}\""),
                }
            }
            FindingKind::BracketResolved => {
                format!("{clause}: brackets resolved: \"{old}\" agreed as \"{new}\"")
            }
            FindingKind::BracketDropped(held) => {
                bracketed(&clause, "bracketed text dropped", &old, held)
            }
            FindingKind::AlternativeChosen => {
                format!("{clause}: alternative chosen: \"{old}\" → \"{new}\"")
            }
            FindingKind::AlternativeAdded => format!("{clause}: alternative \"{new}\" added"),
            FindingKind::BracketsAdded if old.is_empty() => {
                format!("{clause}: bracketed text proposed: \"{new}\"")
            }
            FindingKind::BracketsAdded => format!("{clause}: reopened: \"{old}\" → \"{new}\""),
            FindingKind::OptionChosen => format!("{clause}: option chosen: \"{old}\" → \"{new}\""),
            FindingKind::OptionDropped(held) => bracketed(&clause, "option dropped", &old, held),
            FindingKind::PlaceholderFilled => {
                format!("{clause}: placeholder \"{old}\" filled: \"{new}\"")
            }
            FindingKind::PlaceholderAdded => format!("{clause}: placeholder \"{new}\" added"),
            FindingKind::EntityRemoved => format!("{clause}: name \"{old}\" removed"),
            FindingKind::EntityAdded => format!("{clause}: name \"{new}\" added"),
            FindingKind::WatchTermRemoved(w) => format!(
                "{clause}: \"{old}\" removed (watch term \"{}\", {})",
                w.term, w.list
            ),
            FindingKind::WatchTermAdded(w) => format!(
                "{clause}: \"{new}\" added (watch term \"{}\", {})",
                w.term, w.list
            ),
            FindingKind::WatchTermRenamed(w) => format!(
                "{clause}: \"{old}\" → \"{new}\" (both name watch term \"{}\", {})",
                w.term, w.list
            ),
            FindingKind::WordingRemoved
            | FindingKind::WordingAdded
            | FindingKind::WordingChanged => match (old.is_empty(), new.is_empty()) {
                (false, true) => format!("{clause}: \"{old}\" deleted"),
                (true, false) => format!("{clause}: \"{new}\" inserted"),
                _ => format!("{clause}: \"{old}\" → \"{new}\""),
            },
        }
    }
}

/// The message of bracketed text or an option dropped, with what it held.
fn bracketed(clause: &str, what: &str, text: &str, held: &Held) -> String {
    let mut out = format!("{clause}: {what}: \"{text}\"");
    let mut notes = Vec::new();
    if let Some(id) = &held.stands_in {
        notes.push(format!("most of its words stand in {id}"));
    }
    if held.obligation {
        notes.push("it held an obligation".to_string());
    }
    if !held.watch_terms.is_empty() {
        let terms: Vec<&str> = held.watch_terms.iter().map(|w| w.term.as_str()).collect();
        notes.push(format!("watch terms {}", terms.join(", ")));
    }
    if !held.names.is_empty() {
        notes.push(format!("names {}", held.names.join(", ")));
    }
    if !notes.is_empty() {
        out.push_str(&format!(" ({})", notes.join("; ")));
    }
    out
}

fn pick<'a>(old: &'a str, new: &'a str) -> &'a str {
    if new.is_empty() { old } else { new }
}

/// The message of a clause removed or added whole, with what it held.
fn whole(clause: &str, verb: &str, text: &str, held: &Held) -> String {
    let mut out = if text.is_empty() {
        format!("{clause}: clause {verb}")
    } else {
        format!("{clause}: clause {verb}: \"{text}\"")
    };
    let mut notes = Vec::new();
    if held.furniture {
        notes.push("print furniture or a repeated passage".to_string());
    }
    if let Some(id) = &held.stands_in {
        notes.push(format!("most of its words stand in {id}"));
    }
    if held.obligation {
        notes.push("it held an obligation".to_string());
    }
    for w in &held.watch_terms {
        notes.push(format!("watch term \"{}\", {}", w.term, w.list));
    }
    if !held.names.is_empty() {
        let names = excerpt(&held.names.join(", "));
        notes.push(format!("names: {names}"));
    }
    if !notes.is_empty() {
        out.push_str(&format!(" ({})", notes.join("; ")));
    }
    out
}

fn ids(ids: &[ClauseId]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_short_and_flat() {
        assert_eq!(excerpt("a\n  b"), "a b");
        let long = "word ".repeat(40);
        let cut = excerpt(&long);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= 81);
    }
}
