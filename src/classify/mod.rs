//! Stage 4 — `classify`: typed findings from a reading of each clause, compared old against new.
//!
//! Input: both drafts and their [`ClauseDiff`]s. For every changed entry, each side's text is read once
//! into a reading of what it says — commitments with their scale levels, hedges, intensifiers, negated
//! predicates, numbers by role, names, watch terms — and the rules compare the old reading with the new
//! one. A fact both readings hold is no change, whatever the word diff's chunks say; the word diff only
//! locates the evidence, and explains as `wording_*` what no rule does. Clauses added or removed whole
//! compare against nothing: their names and watch terms are the evidence of one finding.
//!
//! Output: [`Finding`]s, each with a [`FindingKind`] carrying its data, a [`Severity`], the rule that
//! made it (see [`RULES`]), the clauses and lines it is about, and the old and new words that are its
//! evidence. What words mean comes from data, not code: a [`Lexicon`] of ordered scales, hedges,
//! intensifiers and negations, word lists (`data/en-words.toml`), and [`Watchlist`]s of terms.
//!
//! Precision rules: a change of letter case alone is never more than `info`; re-wrapping, quotes and
//! dashes never reach this stage; print furniture (cover pages, captions, attestations, a title printed
//! twice) is at most `info`; a swap between two aliases of a watch term is a rename (`info`).

mod finding;
mod fingerprint;
mod lexicon;
mod profile;
mod read;
mod rules;
mod words;

use serde::Serialize;

use crate::diff::{ClauseDiff, Status};
use crate::document::Draft;
use crate::text::Language;
pub use finding::{Finding, FindingKind, Held, ScaleShift, WatchRef, excerpt};
pub use fingerprint::{FINGERPRINT_VERSION, Fingerprint};
pub use lexicon::{Lexicon, NegationMode, Scale, Term, Watchlist};
pub(crate) use profile::{Profile, Strongest, digit_values};
pub use read::NumberRole;
use read::Vocabulary;
pub(crate) use rules::{
    PARALLEL_CLAUSE_MISSING, PARALLEL_NAME_MISSING, PARALLEL_NEGATION_MISMATCH,
    PARALLEL_NUMBER_MISMATCH, PARALLEL_STRENGTH_MISMATCH,
};
pub use rules::{PARALLEL_RULES, RULES, Rule};

/// How much a finding matters to a careful reader. Ordered: `Info < Low < Medium < High`.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
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
    /// Every severity, lowest first.
    pub const ALL: [Severity; 4] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
    ];

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

/// Classifies changes with a lexicon and watchlists.
#[derive(Debug)]
pub struct Classifier {
    lexicon: Lexicon,
    watchlists: Vec<Watchlist>,
    vocabulary: Vocabulary,
    /// The other languages' vocabularies, by [`Language::index`], each built the first time a draft
    /// in that language is read: their lexicons lined up with [`Classifier::lexicon`]'s scales.
    languages: [std::sync::OnceLock<Vocabulary>; 7],
}

impl Default for Classifier {
    fn default() -> Self {
        Classifier::new(Lexicon::builtin(), vec![Watchlist::builtin()])
    }
}

impl Classifier {
    /// A classifier over this lexicon and these watchlists.
    pub fn new(lexicon: Lexicon, watchlists: Vec<Watchlist>) -> Classifier {
        let vocabulary = Vocabulary::new(&lexicon, &watchlists, Language::English);
        Classifier {
            lexicon,
            watchlists,
            vocabulary,
            languages: Default::default(),
        }
    }

    /// The vocabulary that reads a draft in `language` (English's for a draft whose language is not
    /// known).
    pub(in crate::classify) fn vocabulary(&self, language: Option<Language>) -> &Vocabulary {
        match language {
            None | Some(Language::English) => &self.vocabulary,
            Some(language) => self.languages[language.index()].get_or_init(|| {
                let lexicon = Lexicon::builtin_in(language, &self.lexicon);
                Vocabulary::new(&lexicon, &self.watchlists, language)
            }),
        }
    }

    /// The word lists the reading uses.
    pub(in crate::classify) fn words(&self) -> &words::Words {
        &self.vocabulary.words
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
        use rayon::prelude::*;
        let facts = rules::Facts::new(&self.vocabulary.words, old, new, diffs);
        let mut findings = rules::structure::metadata(old, new);
        let document = fingerprint::EntryPrints::new(None, None, (true, true));
        for finding in &mut findings {
            finding.fingerprint = document.of(finding);
        }
        let per_entry: Vec<Vec<Finding>> = diffs
            .par_iter()
            .enumerate()
            .with_min_len(64)
            .map(|(index, diff)| {
                let mut found = Vec::new();
                if diff.status != Status::Unchanged || diff.pair.renumbered || diff.pair.moved {
                    let cx = rules::Context {
                        classifier: self,
                        old,
                        new,
                        index,
                        diff,
                        facts: &facts,
                    };
                    rules::entry(&cx, &mut found);
                    fingerprint_all(old, new, diff, &mut found);
                }
                found
            })
            .collect();
        findings.extend(per_entry.into_iter().flatten());
        findings
    }
}

/// Sets the fingerprints of one entry's findings (see [`Fingerprint`]).
fn fingerprint_all(old: &Draft, new: &Draft, diff: &ClauseDiff, found: &mut [Finding]) {
    if found.is_empty() {
        return;
    }
    let removal = found.iter().any(Finding::is_removal);
    let other = found.iter().any(|f| !f.is_removal());
    let prints = fingerprint::EntryPrints::new(
        first_text(old, &diff.pair.old),
        first_text(new, &diff.pair.new),
        (removal, other),
    );
    for finding in found {
        finding.fingerprint = prints.of(finding);
    }
}

/// The text of the first of these clauses: the clause an entry's findings name on that side.
fn first_text<'a>(draft: &'a Draft, indices: &[usize]) -> Option<&'a str> {
    let clause = draft.clauses.get(*indices.first()?)?;
    Some(&clause.text)
}

/// Classifies with the built-in lexicon and watchlist.
pub fn classify(old: &Draft, new: &Draft, diffs: &[ClauseDiff]) -> Vec<Finding> {
    Classifier::default().classify(old, new, diffs)
}

#[cfg(test)]
mod tests;
