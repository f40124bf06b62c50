//! Stage 5 — `report`: one [`Report`] of a comparison, rendered in any [`Format`].
//!
//! Input: a [`Report`] (`crate::comparison`), which sorted the findings, counted and collected notes
//! once ([`Report::new`]); renderers only format. Every format is one variant of
//! [`Format`], one file, and one arm of the `match` in [`render`].

mod clauses;
mod docx;
pub(crate) mod folder;
mod github;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod palette;
mod parallel;
mod rules;
mod sarif;
mod terminal;
pub(crate) mod text;
pub(crate) mod timeline;

use std::io::{self, Write};

use serde::Serialize;

use crate::classify::Finding;
pub use crate::comparison::{Report, Summary};
use crate::history::History;
pub use clauses::render_clauses;
pub use folder::{FileOutcome, FileStatus, FolderReport};
use palette::Palette;
pub use parallel::{parallel_supports, render_parallel};
pub use rules::render_rules;

/// Name and version of the JSON report contract.
pub const REPORT_SCHEMA: &str = "clausediff.report.v1";

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
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
    /// A Word redline (`.docx`, to `--output FILE`): the new draft with the changes as tracked
    /// changes and each finding as a comment, after a page of summary and findings.
    Docx,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 8] = [
        Format::Term,
        Format::Json,
        Format::Jsonl,
        Format::Html,
        Format::Md,
        Format::Sarif,
        Format::Github,
        Format::Docx,
    ];

    /// The format as `--format` names it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Term => "term",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Md => "md",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Docx => "docx",
        }
    }

    /// Whether people read this format (headers and summaries) rather than programs.
    pub fn is_human_readable(self) -> bool {
        matches!(
            self,
            Format::Term | Format::Html | Format::Md | Format::Docx
        )
    }

    /// Whether the format is bytes for a program to open (a Word file) rather than text for a
    /// terminal.
    pub fn is_binary(self) -> bool {
        self == Format::Docx
    }
}

/// The output format of the listings (`clausediff clauses`, `clausediff rules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
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
    /// Wrap the terminal redline's lines at this many columns (the CLI passes a terminal's width);
    /// `None` keeps each clause on its own lines, as the draft breaks them.
    pub width: Option<usize>,
    /// For each finding, in order, the version that made it.
    pub blame: Option<&'a [Option<Blame>]>,
    /// Whether the full report also goes to the GitHub step summary: the `github` format's note
    /// about the findings it could not annotate then points there.
    pub step_summary: bool,
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

/// What a report is written about: two drafts compared, two folders of documents, or many versions
/// of one document.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Subject<'a> {
    /// Two drafts compared.
    Comparison(&'a Report),
    /// Two folders of documents compared.
    Folder(&'a FolderReport),
    /// Many versions of one document.
    History(&'a History),
}

impl<'a> From<&'a Report> for Subject<'a> {
    fn from(report: &'a Report) -> Subject<'a> {
        Subject::Comparison(report)
    }
}

impl<'a> From<&'a FolderReport> for Subject<'a> {
    fn from(folder: &'a FolderReport) -> Subject<'a> {
        Subject::Folder(folder)
    }
}

impl<'a> From<&'a History> for Subject<'a> {
    fn from(history: &'a History) -> Subject<'a> {
        Subject::History(history)
    }
}

impl Subject<'_> {
    /// Whether the subject can be written in `format`: a history (every step at once) has no SARIF or
    /// annotation form; `history --summary` compares its first and last versions instead. Only a
    /// comparison of two drafts has a Word redline.
    pub fn supports(self, format: Format) -> bool {
        match self {
            Subject::Comparison(_) => true,
            Subject::Folder(_) => format != Format::Docx,
            Subject::History(_) => Subject::history_supports(format),
        }
    }

    /// Whether a history can be written in `format` (the CLI checks before building one).
    pub fn history_supports(format: Format) -> bool {
        !matches!(format, Format::Sarif | Format::Github | Format::Docx)
    }
}

/// Renders a comparison, a folder report or a history in a format: the one dispatch over formats.
/// A format the subject has no form in ([`Subject::supports`]) is an `InvalidInput` error.
pub fn render<'a>(
    subject: impl Into<Subject<'a>>,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    use Subject::{Comparison, Folder, History};
    let color = options.color;
    match (format, subject.into()) {
        (Format::Term, Comparison(r)) => terminal::render(r, options, out),
        (Format::Term, Folder(f)) => folder::render_term(f, options.palette(), out),
        (Format::Term, History(h)) => timeline::render_term(h, color, out),
        (Format::Json, Comparison(r)) => json::render(r, options, out),
        (Format::Json, Folder(f)) => folder::render_json(f, out),
        (Format::Json, History(h)) => timeline::render_json(h, false, out),
        (Format::Jsonl, Comparison(r)) => json::render_as(r, options, json::Layout::Line, out),
        (Format::Jsonl, Folder(f)) => folder::render_jsonl(f, out),
        (Format::Jsonl, History(h)) => timeline::render_json(h, true, out),
        (Format::Html, Comparison(r)) => html::render(r, options, out),
        (Format::Html, Folder(f)) => folder::render_html(f, out),
        (Format::Html, History(h)) => timeline::render_html(h, out),
        (Format::Md, Comparison(r)) => markdown::render(r, options, out),
        (Format::Md, Folder(f)) => folder::render_md(f, out),
        (Format::Md, History(h)) => timeline::render_md(h, out),
        (Format::Sarif, Comparison(r)) => sarif::render(r, options, out),
        (Format::Sarif, Folder(f)) => folder::render_sarif(f, out),
        (Format::Github, Comparison(r)) => github::render(r, options, out),
        (Format::Github, Folder(f)) => folder::render_github(f, out),
        (Format::Docx, Comparison(r)) => docx::render(r, options, out),
        (Format::Docx, Folder(_)) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a folder report has no docx form: compare two documents for a Word redline",
        )),
        (Format::Sarif | Format::Github | Format::Docx, History(_)) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "a history has no {} form: compare two versions, or use `history --summary`",
                format.name()
            ),
        )),
    }
}

/// Checks that `schemas/FILE` is the schema the wire types give (and writes it so when
/// `CLAUSEDIFF_WRITE_SCHEMA` is set): a change to a published JSON contract must come with its
/// regenerated schema (`CLAUSEDIFF_WRITE_SCHEMA=1 cargo test --lib published_schema`).
#[cfg(test)]
fn assert_published_schema(schema: &schemars::Schema, file: &str) {
    let text = serde_json::to_string_pretty(schema).unwrap() + "\n";
    let path = format!("{}/schemas/{file}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("CLAUSEDIFF_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        published == text,
        "{path} is not what the wire types give; regenerate it with \
         CLAUSEDIFF_WRITE_SCHEMA=1 cargo test --lib published_schema"
    );
}
