//! `clausediff clauses`: a draft's clauses as clausediff reads them, so a user can check the parse.

use std::io::{self, Write};

use serde::Serialize;

use crate::classify::excerpt;
use crate::document::{Brackets, Clause, Counts, Draft, InputFormat, Metadata};

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
    language: Option<crate::text::Language>,
    metadata: Option<&'a Metadata>,
    /// Negotiation brackets and options in the whole draft.
    brackets: Counts,
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
    /// The stable key the document gives the clause's element (an Akoma Ntoso `eId`).
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    brackets: Option<JsonBrackets<'a>>,
}

/// A clause's negotiation structure, as words rather than offsets.
#[derive(Serialize)]
struct JsonBrackets<'a> {
    /// Every bracketed span, nested ones too, as written.
    spans: Vec<&'a str>,
    /// Each group of alternatives (`[a][b]`), its alternatives as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    alternatives: Vec<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    placeholders: Vec<&'a str>,
    /// The labels of the options the clause offers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    options: Vec<&'a str>,
    /// The option whose paragraphs this clause continues.
    #[serde(skip_serializing_if = "Option::is_none")]
    in_option: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
}

impl<'a> JsonBrackets<'a> {
    fn of(clause: &'a Clause) -> Option<JsonBrackets<'a>> {
        let b: &Brackets = &clause.brackets;
        if b.is_empty() && b.notes.is_empty() {
            return None;
        }
        let text = clause.text.as_str();
        let spans = b.spans.iter().map(|s| &text[s.outer.clone()]).collect();
        let alternatives = b
            .spans
            .iter()
            .enumerate()
            .filter(|(i, s)| s.group == Some(*i))
            .map(|(i, _)| {
                b.alternatives(i)
                    .map(|k| &text[b.spans[k].outer.clone()])
                    .collect()
            })
            .collect();
        Some(JsonBrackets {
            spans,
            alternatives,
            placeholders: b
                .spans
                .iter()
                .filter(|s| s.placeholder)
                .map(|s| &text[s.outer.clone()])
                .collect(),
            options: b.options.iter().map(|o| &text[o.bytes.clone()]).collect(),
            in_option: b.in_option.as_deref(),
            notes: b
                .notes
                .iter()
                .map(|n| format!("{} (line {})", n.problem, clause.line_at(n.at)))
                .collect(),
        })
    }

    /// One line for the table: `3 brackets (1 alternatives group), option "Option 1:"`.
    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.spans.is_empty() {
            parts.push(super::text::plural(self.spans.len(), "bracket"));
        }
        if !self.alternatives.is_empty() {
            parts.push(format!(
                "alternatives {}",
                self.alternatives
                    .iter()
                    .map(|g| g.join(""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if !self.placeholders.is_empty() {
            parts.push(super::text::plural(self.placeholders.len(), "placeholder"));
        }
        if !self.options.is_empty() {
            parts.push(format!("options {}", self.options.join(" ")));
        }
        if let Some(o) = self.in_option {
            parts.push(format!("in option “{o}”"));
        }
        parts.extend(self.notes.iter().cloned());
        parts.join("; ")
    }
}

/// Writes the clauses of a draft as a table (`term`) or as JSON (`json`).
pub fn render_clauses(
    draft: &Draft,
    format: ListFormat,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let palette = Palette::new(color);
    if format == ListFormat::Json {
        let wire = JsonDraft {
            schema: CLAUSES_SCHEMA,
            label: &draft.label,
            source: &draft.source,
            format: draft.format,
            language: draft.language,
            metadata: draft.metadata.as_ref(),
            brackets: draft.bracket_counts(),
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
                    key: c.key.as_deref(),
                    brackets: JsonBrackets::of(c),
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
            "{}: {} ({}{})",
            draft.source,
            super::text::plural(draft.clauses.len(), "clause"),
            draft.format.name(),
            draft
                .language
                .filter(|&l| l != crate::text::Language::English)
                .map(|l| format!(", {l}"))
                .unwrap_or_default()
        ))
    )?;
    let counts = draft.bracket_counts();
    if counts.brackets + counts.options > 0 {
        writeln!(
            out,
            "{}",
            palette.dim(&format!(
                "negotiation text: {}, {}",
                super::text::plural(counts.brackets, "bracketed span"),
                super::text::plural(counts.options, "option")
            ))
        )?;
    }
    if let Some(metadata) = &draft.metadata {
        let keys: Vec<&str> = metadata.entries.iter().map(|(k, _)| k.as_str()).collect();
        writeln!(
            out,
            "{}",
            palette.dim(&format!(
                "{}, lines {}-{}: {}",
                match draft.format {
                    InputFormat::Markdown => "front matter",
                    _ => "metadata",
                },
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
        if let Some(b) = JsonBrackets::of(c) {
            writeln!(out, "{}  {}", " ".repeat(width), palette.dim(&b.describe()))?;
        }
    }
    Ok(())
}
