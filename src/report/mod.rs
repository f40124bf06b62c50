//! Stage 5 — `report`: one [`Report`] of a comparison, rendered in any [`Format`].
//!
//! Input: both drafts, their [`ClauseDiff`]s and [`Finding`]s. The report sorts findings, counts and
//! collects notes once ([`Report::new`]); renderers only format. Every format is one variant of
//! [`Format`], one file, and one arm of the `match` in [`render`].

mod clauses;
pub mod folder;
mod github;
pub mod html;
pub(crate) mod json;
pub mod markdown;
pub mod palette;
mod rules;
mod sarif;
mod terminal;
pub mod text;
pub mod timeline;

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::classify::{Finding, Severity};
use crate::diff::{ClauseDiff, Status};
use crate::document::Draft;
pub use clauses::render_clauses;
pub use folder::{FileOutcome, FileStatus, FolderReport, render_folder};
use palette::Palette;
pub use rules::render_rules;

/// Name and version of the JSON report contract.
pub const REPORT_SCHEMA: &str = "clausediff.report.v1";

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
    pub notes: Vec<String>,
    /// Findings a baseline already held: not reported, kept for `--write-baseline`.
    pub baselined: Vec<Finding>,
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
        let mut notes = Vec::new();
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
                notes.push(format!(
                    "the word diff of {} took too long and was cut short; its edits are coarser than usual",
                    text::entry_label(&old, &new, change)
                ));
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
        }
    }

    /// Whether the drafts differ at all (diff(1)'s exit status 1): any clause not unchanged, any
    /// renumbering, or any finding.
    pub fn has_differences(&self) -> bool {
        !self.findings.is_empty()
            || self
                .changes
                .iter()
                .any(|c| c.status != Status::Unchanged || c.pair.renumbered)
    }
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A redline for the terminal.
    Term,
    /// The `clausediff.report.v1` JSON contract.
    Json,
    /// The same JSON on one line: one report per line for two folders (JSON Lines).
    Jsonl,
    /// One self-contained HTML file: header, findings table, redlines, side-by-side view.
    Html,
    /// Markdown for a pull-request comment.
    Md,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 7] = [
        Format::Term,
        Format::Json,
        Format::Jsonl,
        Format::Html,
        Format::Md,
        Format::Sarif,
        Format::Github,
    ];

    /// Whether people read this format (headers and summaries) rather than programs.
    pub fn is_human_readable(self) -> bool {
        matches!(self, Format::Term | Format::Html | Format::Md)
    }
}

/// The output format of the listings (`clausediff clauses`, `clausediff rules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum ListFormat {
    /// A table for people.
    Term,
    /// JSON for programs.
    Json,
}

/// Which unchanged clauses a human-readable report shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Context {
    /// Only changed clauses.
    #[default]
    None,
    /// Unchanged clauses within this many entries of a change.
    Around(usize),
    /// Every clause.
    All,
}

/// The version a finding is blamed on (`history --summary`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blame {
    /// Index of the version.
    pub version: usize,
    /// The version as a reader names it: `draft-2.txt`, or `a1b2c3d (a1b2c3d, 2025-05-02, J. Doe)`.
    pub label: String,
}

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions<'a> {
    /// Colours or plain markers.
    pub palette: Palette,
    /// Unchanged clauses to show.
    pub context: Context,
    /// For each finding, in order, the version that made it.
    pub blame: Option<&'a [Option<Blame>]>,
}

impl RenderOptions<'_> {
    /// The message of finding `index`, with the version to blame when there is one.
    pub fn message(&self, index: usize, finding: &Finding) -> String {
        match self
            .blame
            .and_then(|b| b.get(index))
            .and_then(Option::as_ref)
        {
            Some(blame) => format!("{} — in {}", finding.message(), blame.label),
            None => finding.message(),
        }
    }
}

/// Renders a report in a format.
pub fn render(
    report: &Report,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Term => terminal::render(report, options, out),
        Format::Json => json::render(report, options, out),
        Format::Jsonl => {
            let mut pretty = Vec::new();
            json::render(report, options, &mut pretty)?;
            out.write_all(&json::compact(&pretty))?;
            out.write_all(b"\n")
        }
        Format::Html => html::render(report, options, out),
        Format::Md => markdown::render(report, options, out),
        Format::Sarif => sarif::render(report, options, out),
        Format::Github => github::render(report, options, out),
    }
}
