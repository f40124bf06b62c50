//! The `clausediff.report.v1` JSON contract. These wire structs are a promise to CI users: fields may be
//! added, never renamed; any change gets a line in CHANGELOG.md.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::classify::Finding;
use crate::diff::{ClauseDiff, Op};
use crate::document::{Draft, InputFormat};

use super::{Blame, REPORT_SCHEMA, RenderOptions, Report};

mod pen;

// The report's fields, in order: schema, old, new, summary, clauses, findings, notes.

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(deny_unknown_fields))]
struct JsonDraft<'a> {
    label: &'a str,
    source: &'a str,
    clauses: usize,
    format: InputFormat,
    language: Option<crate::text::Language>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(deny_unknown_fields))]
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
    #[cfg_attr(test, schemars(with = "Option<crate::classify::Severity>"))]
    max_severity: Option<&'static str>,
    /// Bracketed spans, old and new (negotiating texts only).
    #[serde(skip_serializing_if = "Option::is_none")]
    brackets: Option<OldNew>,
    /// Option labels, old and new (negotiating texts only).
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<OldNew>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(deny_unknown_fields))]
struct OldNew {
    old: usize,
    new: usize,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(deny_unknown_fields))]
struct JsonClause<'a> {
    #[cfg_attr(test, schemars(with = "crate::diff::Status"))]
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
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(deny_unknown_fields))]
struct JsonEdit<'a> {
    op: Op,
    old: &'a str,
    new: &'a str,
}

/// A finding in the v1 shape (shared with the history report).
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(deny_unknown_fields))]
pub(crate) struct JsonFinding<'a> {
    #[cfg_attr(test, schemars(schema_with = "tests::kinds"))]
    kind: &'static str,
    #[cfg_attr(test, schemars(with = "crate::classify::Severity"))]
    severity: &'static str,
    #[cfg_attr(test, schemars(schema_with = "tests::rules"))]
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
    /// The tracked change of a Word document that made the change (`diff --tracked`).
    #[serde(skip_serializing_if = "Option::is_none")]
    revision: Option<&'a crate::document::Revision>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(deny_unknown_fields))]
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
            rule: f.rule(),
            old_clause: f.old_clause.as_ref().map(|c| c.0.as_str()),
            new_clause: f.new_clause.as_ref().map(|c| c.0.as_str()),
            old_text: &f.old_text,
            new_text: &f.new_text,
            old_line: f.old_line,
            new_line: f.new_line,
            message: f.message(),
            blame: None,
            revision: f.revision.as_ref(),
        }
    }
}

fn draft(d: &Draft) -> JsonDraft<'_> {
    JsonDraft {
        label: &d.label,
        source: &d.source,
        clauses: d.clauses.len(),
        format: d.format,
        language: d.language,
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

/// How a JSON report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Two-space indentation (`--format json`), byte for byte what `serde_json::to_writer_pretty`
    /// writes for the whole report.
    Pretty,
    /// One line (`--format jsonl`), written directly, with U+2028 and U+2029 escaped: they are valid
    /// JSON but end a line for JavaScript and for some JSON Lines readers.
    Line,
}

pub(super) fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    render_as(report, options, Layout::Pretty, out)
}

/// Writes the report in `layout`, ending with a line break.
pub(crate) fn render_as(
    report: &Report,
    options: &RenderOptions,
    layout: Layout,
    out: &mut dyn Write,
) -> io::Result<()> {
    let s = &report.summary;
    let summary = JsonSummary {
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
        brackets: s.negotiation.map(|[o, n]| OldNew {
            old: o.brackets,
            new: n.brackets,
        }),
        options: s.negotiation.map(|[o, n]| OldNew {
            old: o.options,
            new: n.options,
        }),
    };
    let line = layout == Layout::Line;
    out.write_all(if line { b"{" } else { b"{\n" })?;
    field(out, "schema", &REPORT_SCHEMA, layout)?;
    field(out, "old", &draft(&report.old), layout)?;
    field(out, "new", &draft(&report.new), layout)?;
    field(out, "summary", &summary, layout)?;
    array(out, "clauses", &report.changes, layout, |c, bytes| {
        pen::clause(bytes, &clause(report, c), layout);
        Ok(())
    })?;
    out.write_all(separator(layout))?;
    let findings: Vec<(usize, &Finding)> = report.findings.iter().enumerate().collect();
    array(out, "findings", &findings, layout, |&(i, f), bytes| {
        let blame = options
            .blame
            .and_then(|b| b.get(i))
            .and_then(Option::as_ref);
        write_value(bytes, &JsonFinding::blamed(f, blame), 2, layout)
    })?;
    out.write_all(separator(layout))?;
    write_key(out, "notes", layout)?;
    let mut notes = Vec::new();
    write_value(&mut notes, &report.notes, 1, layout)?;
    out.write_all(&notes)?;
    out.write_all(if line { b"}\n" } else { b"\n}\n" })
}

// The report is written piece by piece so the long arrays can be serialised in parallel; the bytes are
// those of `serde_json::to_writer_pretty` on the whole report (two-space indentation), which the
// contract tests check.

fn write_key(out: &mut dyn Write, key: &str, layout: Layout) -> io::Result<()> {
    match layout {
        Layout::Pretty => write!(out, "  \"{key}\": "),
        Layout::Line => write!(out, "\"{key}\":"),
    }
}

/// What follows a field that is not the last.
fn separator(layout: Layout) -> &'static [u8] {
    match layout {
        Layout::Pretty => b",\n",
        Layout::Line => b",",
    }
}

fn field<T: Serialize>(
    out: &mut dyn Write,
    key: &str,
    value: &T,
    layout: Layout,
) -> io::Result<()> {
    write_key(out, key, layout)?;
    let mut bytes = Vec::new();
    write_value(&mut bytes, value, 1, layout)?;
    out.write_all(&bytes)?;
    out.write_all(separator(layout))
}

/// Writes `value` as it stands `depth` levels deep in the report.
fn write_value<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    depth: usize,
    layout: Layout,
) -> io::Result<()> {
    match layout {
        Layout::Pretty => write_indented(out, value, depth),
        Layout::Line => write_line(out, value),
    }
}

/// `value` as JSON on one line, U+2028 and U+2029 escaped (JSON Lines of other wire types).
pub(crate) fn write_line<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, OneLine);
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// serde_json's compact layout, with the two line separators JSON allows unescaped escaped.
struct OneLine;

impl serde_json::ser::Formatter for OneLine {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(['\u{2028}', '\u{2029}']) {
            w.write_all(&rest.as_bytes()[..at])?;
            w.write_all(if rest[at..].starts_with('\u{2028}') {
                b"\\u2028"
            } else {
                b"\\u2029"
            })?;
            rest = &rest[at + '\u{2028}'.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
}

/// An array field whose items are written in parallel (`write` puts one item's JSON, as it stands two
/// levels deep, in a buffer), in order, a batch at a time so memory stays bounded however long the
/// report.
fn array<'a, T: Sync>(
    out: &mut dyn Write,
    key: &str,
    items: &'a [T],
    layout: Layout,
    write: impl Fn(&'a T, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    use rayon::prelude::*;
    const BATCH: usize = 512;
    write_key(out, key, layout)?;
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    let line = layout == Layout::Line;
    out.write_all(if line { b"[" } else { b"[\n" })?;
    for (b, batch) in items.chunks(BATCH).enumerate() {
        let chunks: Vec<io::Result<Vec<u8>>> = batch
            .par_chunks(64)
            .map(|chunk| {
                let mut bytes = Vec::with_capacity(64 * 1024);
                for item in chunk {
                    if !line {
                        bytes.extend_from_slice(b"    ");
                    }
                    write(item, &mut bytes)?;
                    bytes.extend_from_slice(separator(layout));
                }
                Ok(bytes)
            })
            .collect();
        let last_batch = (b + 1) * BATCH >= items.len();
        let last = chunks.len() - 1;
        for (k, chunk) in chunks.into_iter().enumerate() {
            let chunk = chunk?;
            if last_batch && k == last {
                // The last item takes no comma.
                out.write_all(&chunk[..chunk.len() - separator(layout).len()])?;
                if !line {
                    out.write_all(b"\n")?;
                }
            } else {
                out.write_all(&chunk)?;
            }
        }
    }
    out.write_all(if line { b"]" } else { b"  ]" })
}

/// Writes `value` as pretty JSON (two-space indentation) as if it stood `depth` levels deep.
fn write_indented<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    depth: usize,
) -> io::Result<()> {
    let formatter = Indented {
        depth,
        has_value: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(out, formatter);
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// serde_json's pretty formatter, starting at a given depth, so the pieces of a report written in
/// parallel come out as the whole would.
struct Indented {
    depth: usize,
    has_value: bool,
}

impl Indented {
    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    use crate::classify::RULES;

    /// The whole report as one wire type: the schema's root (the report is written piece by piece).
    #[derive(schemars::JsonSchema)]
    #[schemars(title = "clausediff.report.v1", deny_unknown_fields)]
    #[expect(dead_code, reason = "a shape for the schema, never built")]
    struct JsonReport<'a> {
        #[schemars(schema_with = "schema_name")]
        schema: &'static str,
        old: JsonDraft<'a>,
        new: JsonDraft<'a>,
        summary: JsonSummary<'a>,
        clauses: Vec<JsonClause<'a>>,
        findings: Vec<JsonFinding<'a>>,
        notes: Vec<String>,
    }

    fn schema_name(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "const": REPORT_SCHEMA })
    }

    pub(in crate::report) fn kinds(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut kinds: Vec<&str> = RULES.iter().map(|r| r.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        schemars::json_schema!({ "type": "string", "enum": kinds })
    }

    pub(in crate::report) fn rules(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        schemars::json_schema!({ "type": "string", "enum": ids })
    }

    /// `schemas/clausediff.report.v1.json` is generated from the wire types; a change to them must
    /// come with the regenerated file (`CLAUSEDIFF_WRITE_SCHEMA=1 cargo test --lib published_schema`).
    #[test]
    fn the_published_schema_is_generated_from_the_wire_types() {
        let schema = schemars::schema_for!(JsonReport);
        crate::report::assert_published_schema(&schema, "clausediff.report.v1.json");
    }

    #[test]
    fn one_line_escapes_the_line_separators_json_allows() {
        let mut bytes = Vec::new();
        write_value(&mut bytes, &["a\u{2028}b\u{2029}c\n"], 0, Layout::Line).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            r#"["a\u2028b\u2029c\n"]"#
        );
    }
}
