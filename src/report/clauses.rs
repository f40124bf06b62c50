//! `clausediff clauses`: a draft's clauses as clausediff reads them, so a user can check the parse.

use std::io::{self, Write};

use serde::Serialize;

use crate::classify::excerpt;
use crate::document::{Draft, InputFormat, Metadata};

use super::ListFormat;
use super::palette::Palette;

/// Name and version of the JSON clause listing.
pub const CLAUSES_SCHEMA: &str = "clausediff.clauses.v1";

#[derive(Serialize)]
struct JsonDraft<'a> {
    schema: &'static str,
    label: &'a str,
    source: &'a str,
    format: InputFormat,
    metadata: Option<&'a Metadata>,
    clauses: Vec<JsonClause<'a>>,
}

#[derive(Serialize)]
struct JsonClause<'a> {
    id: &'a str,
    numbered: bool,
    kind: &'static str,
    path: &'a [String],
    text: &'a str,
    lines: [u32; 2],
}

/// Writes the clauses of a draft as a table (`term`) or as JSON (`json`).
pub fn render_clauses(
    draft: &Draft,
    format: ListFormat,
    palette: Palette,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == ListFormat::Json {
        let wire = JsonDraft {
            schema: CLAUSES_SCHEMA,
            label: &draft.label,
            source: &draft.source,
            format: draft.format,
            metadata: draft.metadata.as_ref(),
            clauses: draft
                .clauses
                .iter()
                .map(|c| JsonClause {
                    id: &c.id.0,
                    numbered: c.numbered,
                    kind: c.kind.name(),
                    path: &c.path,
                    text: &c.text,
                    lines: [c.lines.first, c.lines.last],
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &wire).map_err(io::Error::from)?;
        return writeln!(out);
    }
    let width = draft
        .clauses
        .iter()
        .map(|c| c.id.0.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    writeln!(
        out,
        "{}",
        palette.dim(&format!(
            "{}: {} ({})",
            draft.source,
            super::text::plural(draft.clauses.len(), "clause"),
            draft.format.name()
        ))
    )?;
    if let Some(metadata) = &draft.metadata {
        let keys: Vec<&str> = metadata.entries.iter().map(|(k, _)| k.as_str()).collect();
        writeln!(
            out,
            "{}",
            palette.dim(&format!(
                "front matter, lines {}-{}: {}",
                metadata.lines.first,
                metadata.lines.last,
                keys.join(", ")
            ))
        )?;
    }
    writeln!(
        out,
        "{}",
        palette.header(&format!(
            "{:<width$}  {:<10}  {:<9}  TEXT",
            "ID", "KIND", "LINES"
        ))
    )?;
    for c in &draft.clauses {
        let lines = if c.lines.first == c.lines.last {
            c.lines.first.to_string()
        } else {
            format!("{}-{}", c.lines.first, c.lines.last)
        };
        let pad = width - c.id.0.chars().count();
        writeln!(
            out,
            "{}{}  {:<10}  {:<9}  {}",
            c.id,
            " ".repeat(pad),
            c.kind.name(),
            lines,
            excerpt(&c.text)
        )?;
    }
    Ok(())
}
