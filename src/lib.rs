//! clausediff compares drafts of diplomatic and legal texts — declarations, joint statements,
//! resolutions, treaties, bills — clause by clause, and reports what a careful reader must not miss:
//! clauses removed, added, moved, split or merged; renumbering told apart from rewording; and a word-level
//! redline of every edited clause.
//!
//! The work is a pipeline of five stages, each a module with one entry point and a typed output, over
//! a ground floor, [`text`], that owns normalisation and tokens (a clause splits its own tokens once,
//! and every stage reads them):
//!
//! | stage | entry point | output |
//! |---|---|---|
//! | [`document`] | [`Draft::parse`] | [`Draft`]: clauses with ids, kinds, heading paths, lines |
//! | [`align`] | [`align::align`] | [`align::Alignment`]: every clause of both drafts in one pair |
//! | [`diff`] | [`diff::diff_alignment`] | [`diff::ClauseDiff`]s: status and word-level edits |
//! | [`classify`] | [`classify::classify`] | [`classify::Finding`]s: kind with its data, severity, rule, evidence — from a reading of each clause, old compared with new |
//! | [`report`] | [`report::render`] | a [`Report`] written as a terminal redline or JSON |
//!
//! [`compare`] runs the first four stages and builds the report:
//!
//! ```
//! use clausediff::{Draft, InputFormat, Options, compare};
//!
//! let old = Draft::parse("draft", "draft.txt",
//!     "1. The Parties shall cooperate.\n\n2. They will meet each year.\n", InputFormat::Text);
//! let new = Draft::parse("final", "final.txt",
//!     "1. The Parties should cooperate.\n", InputFormat::Text);
//! let report = compare(old, new, &Options::default());
//! assert_eq!(report.summary.modified, 1);
//! assert_eq!(report.summary.removed, 1);
//! ```
//!
//! Reading files (and refusing what is not text) is [`input`]'s job; the command line is [`cli`].

pub mod align;
pub mod classify;
pub mod cli;
pub mod config;
pub mod diff;
pub mod document;
pub mod error;
pub mod folder;
pub mod history;
pub mod input;
pub mod policy;
pub mod report;
mod sequence;
pub mod text;

pub use document::{Clause, ClauseId, ClauseKind, Draft, InputFormat};
pub use error::{Error, Result};
pub use report::Report;

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
        report.notes.push(format!(
            "{} already in the baseline not shown",
            report::text::plural(applied.baselined.len(), "finding")
        ));
    }
    report.baselined = applied.baselined;
    report
}
