//! Stage 5 — `report`: one [`Report`] of a comparison, rendered in any [`Format`].
//!
//! Input: both drafts, their [`ClauseDiff`](crate::diff::ClauseDiff)s and [`Finding`]s. The report sorts findings, counts and
//! collects notes once ([`Report::new`]); renderers only format. Every format is one variant of
//! [`Format`], one file, and one arm of the `match` in [`render`].

mod clauses;
pub mod folder;
mod github;
pub mod html;
pub(crate) mod json;
pub mod markdown;
pub(crate) mod palette;
mod rules;
mod sarif;
mod terminal;
pub mod text;
pub mod timeline;

use std::io::{self, Write};

use serde::Serialize;

use crate::classify::Finding;
pub use crate::comparison::{Report, Summary};
pub use clauses::render_clauses;
pub use folder::{FileOutcome, FileStatus, FolderReport, render_folder};
use palette::Palette;
pub use rules::render_rules;

/// Name and version of the JSON report contract.
pub const REPORT_SCHEMA: &str = "clausediff.report.v1";

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
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
    /// Colours (for a terminal) or plain markers.
    pub color: bool,
    /// Unchanged clauses to show.
    pub context: Context,
    /// For each finding, in order, the version that made it.
    pub blame: Option<&'a [Option<Blame>]>,
}

impl RenderOptions<'_> {
    /// The palette of `color`.
    pub(crate) fn palette(&self) -> Palette {
        Palette::new(self.color)
    }

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

/// Writes one header line (`clausediff a/decl.md b/decl.md` above a git driver's redline), bold
/// when `color`.
pub fn render_header(title: &str, color: bool, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", Palette::new(color).header(title))
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
