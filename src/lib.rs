//! clausediff compares drafts of diplomatic and legal texts — declarations, joint statements,
//! resolutions, treaties, bills — clause by clause, and reports what a careful reader must not miss:
//! clauses removed, added, moved, split or merged; renumbering told apart from rewording; and a word-level
//! redline of every edited clause.
//!
//! The work is a pipeline of six stages, each a module with one entry point and a typed output, over
//! a ground floor, [`text`], that owns normalisation and tokens (a clause splits its own tokens once,
//! and every stage reads them):
//!
//! | stage | entry point | output |
//! |---|---|---|
//! | [`document`] | [`Draft::parse`] | [`Draft`]: clauses with ids, kinds, heading paths, lines |
//! | [`align`] | [`align::align`] | [`align::Alignment`]: every clause of both drafts in one pair |
//! | [`diff`] | [`diff::diff_alignment`] | [`diff::ClauseDiff`]s: status and word-level edits |
//! | [`classify`] | [`classify::classify`] | [`classify::Finding`]s: kind with its data, severity, rule, evidence — from a reading of each clause, old compared with new |
//! | [`comparison`] | [`compare`] | a [`Report`]: both drafts, every entry, sorted findings, [`Summary`], [`Note`]s |
//! | [`report`] | [`report::render`] | the report written in a [`report::Format`]: terminal redline, JSON, HTML, Markdown, SARIF, … |
//!
//! [`compare`] runs the stages before it and builds the report:
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
//! Reading files, git revisions and folders, settings files and the command line belong to the
//! `clausediff` binary (the default `cli` feature); the library does no I/O beyond the writer it is
//! given.

pub mod align;
pub mod classify;
pub mod comparison;
pub mod diff;
pub mod document;
pub mod error;
pub mod history;
pub mod parallel;
pub mod policy;
pub mod report;
mod sequence;
pub mod text;

pub use comparison::{Note, Options, Report, Summary, compare};
pub use document::{Clause, ClauseId, ClauseKind, Draft, InputFormat};
pub use error::{Error, Result};
