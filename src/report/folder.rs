//! The report on two folders of documents: one entry per document (compared, added, removed, or
//! unreadable) and one combined output in every format, or one JSON report per line (`jsonl`).
//!
//! Each document's part of the output is rendered as soon as it is compared ([`FileOutcome`]), so a
//! folder of hundreds of long documents never holds all their reports in memory at once; the
//! combined output only assembles the parts, in path order.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use crate::classify::{FindingKind, Severity};

use super::github::{self, Annotations, Rank};
use super::palette::Palette;
use super::sarif::{self, Results};
use super::{Format, RenderOptions, Report, html, json, markdown, terminal, text};

/// The `clausediff.folder.v1` JSON schema name (`--format json` on two folders).
pub const FOLDER_SCHEMA: &str = "clausediff.folder.v1";
/// The schema name of each line of `--format jsonl` on two folders.
pub const FOLDER_ENTRY_SCHEMA: &str = "clausediff.folder-entry.v1";

/// What happened to one document between the folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FileStatus {
    /// In both folders, no differences.
    Unchanged,
    /// In both folders, with differences.
    Changed,
    /// Only in the new folder.
    Added,
    /// Only in the old folder.
    Removed,
    /// One of its versions could not be read (binary, not UTF-8, unreadable).
    Error,
}

impl FileStatus {
    /// The status as the reports write it.
    pub fn name(self) -> &'static str {
        match self {
            FileStatus::Unchanged => "unchanged",
            FileStatus::Changed => "changed",
            FileStatus::Added => "added",
            FileStatus::Removed => "removed",
            FileStatus::Error => "error",
        }
    }
}

/// One document's outcome, with its part of the output already rendered.
#[derive(Debug)]
pub struct FileOutcome {
    /// The path relative to the folders, with `/` separators.
    pub path: String,
    /// The old version's path, if there is one.
    pub old: Option<String>,
    /// The new version's path, if there is one.
    pub new: Option<String>,
    /// What happened to it.
    pub status: FileStatus,
    /// Why it could not be compared.
    pub error: Option<String>,
    /// The version that could not be read.
    error_file: Option<String>,
    /// The file annotations about the whole document name: the new version's, else the old's.
    annotated: String,
    /// Clauses in the old and new versions.
    pub clauses: (usize, usize),
    /// Findings by kind.
    pub findings: BTreeMap<&'static str, usize>,
    /// The highest severity among its findings.
    pub max_severity: Option<Severity>,
    part: Part,
}

/// A document's part of the combined output.
#[derive(Debug)]
enum Part {
    Bytes(Vec<u8>),
    Sarif(Results),
    /// Its annotations, and its Markdown part when the full report goes to the step summary.
    Github {
        annotations: Annotations,
        summary: Vec<u8>,
    },
}

impl std::fmt::Debug for Results {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} SARIF results", self.results.len())
    }
}

impl FileOutcome {
    /// A compared document (`report.old` or `report.new` is absent for one added or removed),
    /// with its part rendered in `format`.
    pub fn compared(
        path: &str,
        report: &Report,
        format: Format,
        options: &RenderOptions,
    ) -> io::Result<FileOutcome> {
        let old = (!report.old.absent).then(|| report.old.source.clone());
        let new = (!report.new.absent).then(|| report.new.source.clone());
        let status = match (&old, &new) {
            (None, _) => FileStatus::Added,
            (_, None) => FileStatus::Removed,
            _ if report.has_differences() => FileStatus::Changed,
            _ => FileStatus::Unchanged,
        };
        let annotated = match status {
            FileStatus::Removed => text::file_of(&report.old),
            _ => text::file_of(&report.new),
        }
        .to_string();
        let mut outcome = FileOutcome {
            path: path.to_string(),
            old,
            new,
            status,
            error: None,
            error_file: None,
            annotated,
            clauses: (report.old.clauses.len(), report.new.clauses.len()),
            findings: report.summary.findings.clone(),
            max_severity: report.summary.max_severity,
            part: Part::Bytes(Vec::new()),
        };
        outcome.part = outcome.render(report, format, options)?;
        Ok(outcome)
    }

    /// A document that could not be compared because `unreadable` (one of its versions) could not
    /// be read.
    pub fn failed(
        path: &str,
        old: Option<String>,
        new: Option<String>,
        unreadable: &str,
        error: String,
        format: Format,
    ) -> FileOutcome {
        let part = match format {
            Format::Sarif => Part::Sarif(Results::default()),
            _ => Part::Bytes(Vec::new()),
        };
        FileOutcome {
            path: path.to_string(),
            annotated: new
                .clone()
                .or_else(|| old.clone())
                .unwrap_or_else(|| path.to_string()),
            old,
            new,
            status: FileStatus::Error,
            error: Some(error),
            error_file: Some(unreadable.to_string()),
            clauses: (0, 0),
            findings: BTreeMap::new(),
            max_severity: None,
            part,
        }
    }

    /// Findings in all.
    pub fn finding_count(&self) -> usize {
        self.findings.values().sum()
    }

    fn render(&self, report: &Report, format: Format, options: &RenderOptions) -> io::Result<Part> {
        let mut out = Vec::new();
        match format {
            Format::Sarif => return Ok(Part::Sarif(sarif::results(report, options))),
            Format::Github => {
                if options.step_summary {
                    self.render_for_people(report, Format::Md, options, &mut out)?;
                }
                return Ok(Part::Github {
                    annotations: github::annotations(report, options),
                    summary: out,
                });
            }
            Format::Json => {
                let mut pretty = Vec::new();
                json::render(report, options, &mut pretty)?;
                out = reindent(&pretty, 3);
            }
            Format::Jsonl => {
                json::render_as(report, options, json::Layout::Line, &mut out)?;
                out.pop(); // the line break: the report is one field of the folder entry's line
            }
            Format::Term | Format::Md | Format::Html => {
                self.render_for_people(report, format, options, &mut out)?;
            }
            Format::Docx => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "a folder report has no docx form: compare two documents for a Word redline",
                ));
            }
        }
        Ok(Part::Bytes(out))
    }

    /// The part of a format people read: a changed document's whole report; for one added or
    /// removed, its findings beyond "clause added/removed", which would only repeat the status once
    /// per clause.
    fn render_for_people(
        &self,
        report: &Report,
        format: Format,
        options: &RenderOptions,
        out: &mut Vec<u8>,
    ) -> io::Result<()> {
        if self.status == FileStatus::Changed {
            return match format {
                Format::Term => terminal::render(report, options, out),
                Format::Html => {
                    html::overview(report, out)?;
                    html::body(report, options, &format!("{}-", self.anchor()), out)
                }
                _ => markdown::render(report, options, out),
            };
        }
        for (i, f) in report.findings.iter().enumerate() {
            if matches!(
                f.kind,
                FindingKind::ClauseAdded(_) | FindingKind::ClauseRemoved(_)
            ) {
                continue;
            }
            let message = options.message(i, f);
            match format {
                Format::Term => writeln!(
                    out,
                    "{}",
                    terminal::finding_line(options.palette(), f, &message)
                )?,
                Format::Html => writeln!(
                    out,
                    "<li class=\"finding sev-{0}\"><span class=\"sev\">{0}</span> {1}</li>",
                    f.severity.name(),
                    html::escape(&message)
                )?,
                _ => writeln!(
                    out,
                    "- **{}** `{}` {}",
                    f.severity.name(),
                    f.kind.name(),
                    markdown::escape(&message)
                )?,
            }
        }
        Ok(())
    }

    /// The part as bytes; for the `github` format, its Markdown for the step summary.
    fn bytes(&self) -> &[u8] {
        match &self.part {
            Part::Bytes(bytes) | Part::Github { summary: bytes, .. } => bytes,
            Part::Sarif(_) => &[],
        }
    }

    /// The element id of the document's section in the HTML report.
    fn anchor(&self) -> String {
        let slug: String = self
            .path
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("file-{slug}")
    }

    /// `removed (34 clauses; 3 findings, highest high)`: the status with what a reader needs next.
    fn describe(&self) -> String {
        let clauses = match self.status {
            FileStatus::Added => text::plural(self.clauses.1, "clause"),
            FileStatus::Removed => text::plural(self.clauses.0, "clause"),
            FileStatus::Error => return format!("error: {}", self.error.as_deref().unwrap_or("")),
            _ => format!("{} → {} clauses", self.clauses.0, self.clauses.1),
        };
        let mut line = format!("{} ({clauses}", self.status.name());
        let findings = self.finding_count();
        if findings > 0 {
            line.push_str(&format!("; {}", text::plural(findings, "finding")));
        }
        if let Some(severity) = self.max_severity {
            line.push_str(&format!(", highest {}", severity.name()));
        }
        line.push(')');
        line
    }
}

/// Two folders compared.
#[derive(Debug)]
pub struct FolderReport {
    /// The old folder, as given.
    pub old: String,
    /// The new folder, as given.
    pub new: String,
    /// Every document, in path order.
    pub files: Vec<FileOutcome>,
    /// Files that are not documents (not `.txt`, `.text`, `.md`, `.markdown`), by relative path.
    pub skipped: Vec<String>,
}

/// Counts over a folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FolderSummary {
    /// Documents in either folder.
    pub files: usize,
    /// Documents without differences.
    pub unchanged: usize,
    /// Documents with differences.
    pub changed: usize,
    /// Documents only in the new folder.
    pub added: usize,
    /// Documents only in the old folder.
    pub removed: usize,
    /// Documents that could not be read.
    pub errors: usize,
    /// Files that are not documents.
    pub skipped: usize,
    /// Findings by kind, over every document.
    pub findings: BTreeMap<&'static str, usize>,
    /// The highest severity of any finding.
    pub max_severity: Option<&'static str>,
}

impl FolderReport {
    /// The counts over every document.
    pub fn summary(&self) -> FolderSummary {
        let mut summary = FolderSummary {
            files: self.files.len(),
            skipped: self.skipped.len(),
            ..FolderSummary::default()
        };
        let mut max: Option<Severity> = None;
        for file in &self.files {
            match file.status {
                FileStatus::Unchanged => summary.unchanged += 1,
                FileStatus::Changed => summary.changed += 1,
                FileStatus::Added => summary.added += 1,
                FileStatus::Removed => summary.removed += 1,
                FileStatus::Error => summary.errors += 1,
            }
            for (kind, n) in &file.findings {
                *summary.findings.entry(kind).or_insert(0) += n;
            }
            max = max.max(file.max_severity);
        }
        summary.max_severity = max.map(Severity::name);
        summary
    }

    /// Whether any document differs (or could not be read).
    pub fn has_differences(&self) -> bool {
        self.files.iter().any(|f| f.status != FileStatus::Unchanged)
    }

    /// The closing line: `12 documents: 8 unchanged, 2 changed, 1 added, 1 removed; 24 findings,
    /// highest high`.
    pub fn summary_line(&self) -> String {
        let s = self.summary();
        let parts: Vec<String> = [
            (s.unchanged, "unchanged"),
            (s.changed, "changed"),
            (s.added, "added"),
            (s.removed, "removed"),
            (s.errors, "unreadable"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} {word}"))
        .collect();
        let mut line = text::plural(s.files, "document");
        if !parts.is_empty() {
            line.push_str(&format!(": {}", parts.join(", ")));
        }
        let findings: usize = s.findings.values().sum();
        line.push_str(&format!("; {}", text::plural(findings, "finding")));
        if let Some(severity) = s.max_severity {
            line.push_str(&format!(", highest {severity}"));
        }
        if s.skipped > 0 {
            line.push_str(&format!(
                " ({} not compared: not .txt or .md)",
                text::plural(s.skipped, "other file")
            ));
        }
        line
    }
}

/// A folder report's SARIF: one log, one run, every document's results.
pub(super) fn render_sarif(folder: &FolderReport, out: &mut dyn Write) -> io::Result<()> {
    let mut all = Results::default();
    for file in &folder.files {
        if let Part::Sarif(results) = &file.part {
            all.extend(results.clone());
        }
    }
    sarif::write_log(all, sarif::FOLDER_CATEGORY, out)
}

pub(super) fn render_term(
    folder: &FolderReport,
    p: Palette,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{}", p.dim(&format!("old: {}", folder.old)))?;
    writeln!(out, "{}", p.dim(&format!("new: {}", folder.new)))?;
    for file in folder
        .files
        .iter()
        .filter(|f| f.status != FileStatus::Unchanged)
    {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            p.header(&format!("=== {}: {}", file.path, file.describe()))
        )?;
        if file.status == FileStatus::Changed {
            writeln!(out)?;
        }
        out.write_all(file.bytes())?;
    }
    writeln!(out)?;
    writeln!(out, "{}", folder.summary_line())
}

/// The `clausediff.folder.v1` JSON: wire types all the way down, each document's report embedded as
/// the JSON it was rendered to when it was compared (indented for its depth).
pub(super) fn render_json(folder: &FolderReport, out: &mut dyn Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Wire<'a> {
        schema: &'static str,
        old: &'a str,
        new: &'a str,
        summary: FolderSummary,
        skipped: &'a [String],
        files: Vec<Entry<'a>>,
    }
    let files = folder
        .files
        .iter()
        .map(|f| Entry::of(f, false))
        .collect::<io::Result<Vec<Entry>>>()?;
    let wire = Wire {
        schema: FOLDER_SCHEMA,
        old: &folder.old,
        new: &folder.new,
        summary: folder.summary(),
        skipped: &folder.skipped,
        files,
    };
    serde_json::to_writer_pretty(&mut *out, &wire).map_err(io::Error::from)?;
    writeln!(out)
}

/// One `clausediff.folder-entry.v1` object per line, its report on the same line.
pub(super) fn render_jsonl(folder: &FolderReport, out: &mut dyn Write) -> io::Result<()> {
    for file in &folder.files {
        file.write_jsonl(out)?;
    }
    Ok(())
}

impl FileOutcome {
    /// The document's line of the folder's JSON Lines: a `clausediff.folder-entry.v1` object, its
    /// report on the same line. Folder mode writes each as soon as it is compared.
    pub fn write_jsonl(&self, out: &mut dyn Write) -> io::Result<()> {
        json::write_line(&mut *out, &Entry::of(self, true)?)?;
        writeln!(out)
    }
}

/// A document's entry in the JSON outputs.
#[derive(Serialize)]
struct Entry<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    schema: Option<&'static str>,
    path: &'a str,
    status: FileStatus,
    old: Option<&'a str>,
    new: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    /// The document's `clausediff.report.v1`, as rendered when it was compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a RawValue>,
}

impl<'a> Entry<'a> {
    fn of(file: &'a FileOutcome, schema: bool) -> io::Result<Entry<'a>> {
        let bytes = file.bytes();
        let report = if bytes.is_empty() {
            None
        } else {
            Some(serde_json::from_slice::<&RawValue>(bytes).map_err(io::Error::from)?)
        };
        Ok(Entry {
            schema: schema.then_some(FOLDER_ENTRY_SCHEMA),
            path: &file.path,
            status: file.status,
            old: file.old.as_deref(),
            new: file.new.as_deref(),
            error: file.error.as_deref(),
            report,
        })
    }
}

pub(super) fn render_md(folder: &FolderReport, out: &mut dyn Write) -> io::Result<()> {
    let code = |s: &str| s.replace('`', "'");
    writeln!(
        out,
        "# clausediff: `{}` → `{}`\n",
        code(&folder.old),
        code(&folder.new)
    )?;
    writeln!(out, "{}\n", markdown::escape(&folder.summary_line()))?;
    let listed: Vec<&FileOutcome> = folder
        .files
        .iter()
        .filter(|f| f.status != FileStatus::Unchanged)
        .collect();
    if !listed.is_empty() {
        writeln!(out, "| document | status | clauses | findings | highest |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for file in &listed {
            let (clauses, findings) = if file.status == FileStatus::Error {
                ("—".to_string(), "—".to_string())
            } else {
                (
                    format!("{} → {}", file.clauses.0, file.clauses.1),
                    file.finding_count().to_string(),
                )
            };
            writeln!(
                out,
                "| `{}` | {} | {clauses} | {findings} | {} |",
                code(&file.path),
                file.status.name(),
                file.max_severity.map_or("", Severity::name)
            )?;
        }
        writeln!(out)?;
    }
    for file in listed {
        match file.status {
            FileStatus::Changed => out.write_all(file.bytes())?,
            _ => {
                writeln!(
                    out,
                    "## `{}`: {}\n",
                    code(&file.path),
                    markdown::escape(&file.describe())
                )?;
                if !file.bytes().is_empty() {
                    out.write_all(file.bytes())?;
                    writeln!(out)?;
                }
            }
        }
    }
    Ok(())
}

pub(super) fn render_html(folder: &FolderReport, out: &mut dyn Write) -> io::Result<()> {
    let title = format!("clausediff: {} → {}", folder.old, folder.new);
    html::page_start(&title, out)?;
    writeln!(
        out,
        "<header>\n<h1>clausediff folder report</h1>\n<dl class=\"drafts\">"
    )?;
    writeln!(
        out,
        "<dt>Old</dt><dd><code>{}</code></dd>",
        html::escape(&folder.old)
    )?;
    writeln!(
        out,
        "<dt>New</dt><dd><code>{}</code></dd>",
        html::escape(&folder.new)
    )?;
    writeln!(out, "</dl>")?;
    writeln!(
        out,
        "<p class=\"summary\">{}</p>",
        html::escape(&folder.summary_line())
    )?;
    writeln!(
        out,
        "<table class=\"files\">\n<thead><tr><th>Document</th><th>Status</th><th>Clauses</th>\
         <th>Findings</th><th>Highest</th></tr></thead>\n<tbody>"
    )?;
    for file in &folder.files {
        let name = html::escape(&file.path);
        let cell = if file.status == FileStatus::Unchanged {
            format!("<code>{name}</code>")
        } else {
            format!("<a href=\"#{}\"><code>{name}</code></a>", file.anchor())
        };
        let severity = file.max_severity.map_or("", Severity::name);
        writeln!(
            out,
            "<tr><td>{cell}</td><td>{}</td><td>{} → {}</td><td>{}</td><td class=\"sev {severity}\">{severity}</td></tr>",
            file.status.name(),
            file.clauses.0,
            file.clauses.1,
            file.finding_count(),
        )?;
    }
    writeln!(out, "</tbody>\n</table>\n</header>")?;
    html::controls(out)?;
    writeln!(out, "<main>")?;
    for file in folder
        .files
        .iter()
        .filter(|f| f.status != FileStatus::Unchanged)
    {
        writeln!(
            out,
            "<section class=\"file\" id=\"{}\">\n<h2><code>{}</code> <span class=\"tags\">({})</span></h2>",
            file.anchor(),
            html::escape(&file.path),
            html::escape(&file.describe())
        )?;
        match file.status {
            FileStatus::Changed => out.write_all(file.bytes())?,
            _ if !file.bytes().is_empty() => {
                writeln!(out, "<ul>")?;
                out.write_all(file.bytes())?;
                writeln!(out, "</ul>")?;
            }
            _ => {}
        }
        writeln!(out, "</section>")?;
    }
    html::page_end(out)
}

/// Annotations over every document, capped as GitHub shows them: a notice for each document added
/// or removed, an error for each unreadable one, then each document's findings.
pub(super) fn render_github(folder: &FolderReport, out: &mut dyn Write) -> io::Result<()> {
    let mut all = Annotations::default();
    for file in &folder.files {
        let name = file.annotated.as_str();
        match file.status {
            FileStatus::Added | FileStatus::Removed => all.push(Rank::Notice, false, || {
                format!(
                    "::notice file={},title={}::{}",
                    github::property(name),
                    github::property(&format!("clausediff: document {}", file.status.name())),
                    github::data(&format!("{}: {}", file.path, file.describe()))
                )
            }),
            FileStatus::Error => all.push(Rank::Error, false, || {
                format!(
                    "::error file={},title=clausediff::{}",
                    github::property(file.error_file.as_deref().unwrap_or(name)),
                    github::data(file.error.as_deref().unwrap_or(""))
                )
            }),
            FileStatus::Unchanged | FileStatus::Changed => {}
        }
        if let Part::Github { annotations, .. } = &file.part {
            all.extend(annotations);
        }
    }
    all.write(out)
}

/// Indents every line after the first of a pretty JSON text by `depth` more levels (two spaces
/// each), dropping its final newline, so it can stand as a value inside another object. Pretty
/// JSON has no raw newline inside strings, so every newline is a line break of the layout.
fn reindent(pretty: &[u8], depth: usize) -> Vec<u8> {
    let body = pretty.strip_suffix(b"\n").unwrap_or(pretty);
    let indent = vec![b' '; depth * 2];
    let mut out = Vec::with_capacity(body.len() + body.len() / 8);
    for (k, line) in body.split(|&b| b == b'\n').enumerate() {
        if k > 0 {
            out.push(b'\n');
            out.extend_from_slice(&indent);
        }
        out.extend_from_slice(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reindenting_keeps_the_first_line_and_drops_the_final_newline() {
        assert_eq!(reindent(b"{\n  \"a\": 1\n}\n", 1), b"{\n    \"a\": 1\n  }");
    }
}
