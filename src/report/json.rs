//! The `clausediff.report.v1` JSON contract. These wire structs are a promise to CI users: fields may be
//! added, never renamed; any change gets a line in CHANGELOG.md.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::classify::Finding;
use crate::diff::{ClauseDiff, Op};
use crate::document::{Draft, InputFormat};

use super::{Blame, REPORT_SCHEMA, RenderOptions, Report};

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    old: JsonDraft<'a>,
    new: JsonDraft<'a>,
    summary: JsonSummary<'a>,
    clauses: Vec<JsonClause<'a>>,
    findings: Vec<JsonFinding<'a>>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct JsonDraft<'a> {
    label: &'a str,
    source: &'a str,
    clauses: usize,
    format: InputFormat,
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    unchanged: usize,
    modified: usize,
    renumbered: usize,
    moved: usize,
    added: usize,
    removed: usize,
    split: usize,
    merged: usize,
    findings: &'a BTreeMap<&'static str, usize>,
    max_severity: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonClause<'a> {
    status: &'static str,
    renumbered: bool,
    modified: bool,
    old: Vec<&'a str>,
    new: Vec<&'a str>,
    similarity: f64,
    old_lines: Option<[u32; 2]>,
    new_lines: Option<[u32; 2]>,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    op: Op,
    old: &'a str,
    new: &'a str,
}

/// A finding in the v1 shape (shared with the history report).
#[derive(Serialize)]
pub(crate) struct JsonFinding<'a> {
    kind: &'static str,
    severity: &'static str,
    rule: &'static str,
    old_clause: Option<&'a str>,
    new_clause: Option<&'a str>,
    old_text: &'a str,
    new_text: &'a str,
    old_line: Option<u32>,
    new_line: Option<u32>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    blame: Option<JsonBlame<'a>>,
}

#[derive(Serialize)]
struct JsonBlame<'a> {
    version: usize,
    label: &'a str,
}

impl<'a> JsonFinding<'a> {
    fn blamed(f: &'a Finding, blame: Option<&'a Blame>) -> JsonFinding<'a> {
        let mut finding = JsonFinding::new(f);
        finding.blame = blame.map(|b| JsonBlame {
            version: b.version,
            label: &b.label,
        });
        finding
    }

    pub(crate) fn new(f: &'a Finding) -> JsonFinding<'a> {
        JsonFinding {
            kind: f.kind.name(),
            severity: f.severity.name(),
            rule: f.rule,
            old_clause: f.old_clause.as_ref().map(|c| c.0.as_str()),
            new_clause: f.new_clause.as_ref().map(|c| c.0.as_str()),
            old_text: &f.old_text,
            new_text: &f.new_text,
            old_line: f.old_line,
            new_line: f.new_line,
            message: f.message(),
            blame: None,
        }
    }
}

fn draft(d: &Draft) -> JsonDraft<'_> {
    JsonDraft {
        label: &d.label,
        source: &d.source,
        clauses: d.clauses.len(),
        format: d.format,
    }
}

fn lines(indices: &[usize], d: &Draft) -> Option<[u32; 2]> {
    let first = d.clauses.get(*indices.first()?)?.lines.first;
    let last = d.clauses.get(*indices.last()?)?.lines.last;
    Some([first, last])
}

fn clause<'a>(report: &'a Report, c: &'a ClauseDiff) -> JsonClause<'a> {
    let (old_text, new_text) = (c.old_text(&report.old), c.new_text(&report.new));
    let ids = |indices: &[usize], d: &'a Draft| -> Vec<&'a str> {
        indices
            .iter()
            .map(|&i| d.clauses[i].id.0.as_str())
            .collect()
    };
    JsonClause {
        status: c.status.name(),
        renumbered: c.pair.renumbered,
        modified: c.modified,
        old: ids(&c.pair.old, &report.old),
        new: ids(&c.pair.new, &report.new),
        similarity: (f64::from(c.words.similarity) * 1000.0).round() / 1000.0,
        old_lines: lines(&c.pair.old, &report.old),
        new_lines: lines(&c.pair.new, &report.new),
        edits: c
            .words
            .edits
            .iter()
            .map(|e| JsonEdit {
                op: e.op,
                old: &old_text[e.old.clone()],
                new: &new_text[e.new.clone()],
            })
            .collect(),
    }
}

pub(super) fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let s = &report.summary;
    let wire = JsonReport {
        schema: REPORT_SCHEMA,
        old: draft(&report.old),
        new: draft(&report.new),
        summary: JsonSummary {
            unchanged: s.unchanged,
            modified: s.modified,
            renumbered: s.renumbered,
            moved: s.moved,
            added: s.added,
            removed: s.removed,
            split: s.split,
            merged: s.merged,
            findings: &s.findings,
            max_severity: s.max_severity.map(|v| v.name()),
        },
        clauses: report.changes.iter().map(|c| clause(report, c)).collect(),
        findings: report
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let blame = options
                    .blame
                    .and_then(|b| b.get(i))
                    .and_then(Option::as_ref);
                JsonFinding::blamed(f, blame)
            })
            .collect(),
        notes: &report.notes,
    };
    serde_json::to_writer_pretty(&mut *out, &wire).map_err(io::Error::from)?;
    writeln!(out)
}
