//! A parallel report (`clausediff parallel`): the language versions of one text and where they
//! disagree, as terminal text, `clausediff.parallel.v1` JSON, Markdown or HTML.

use std::io::{self, Write};

use serde::Serialize;

use super::Format;
use crate::classify::Severity;
use crate::parallel::{self, Pairing, Parallel, ParallelFinding, ParallelSummary, VersionInfo};

/// Whether `format` can render a parallel report.
pub fn parallel_supports(format: Format) -> bool {
    matches!(
        format,
        Format::Term | Format::Json | Format::Jsonl | Format::Md | Format::Html
    )
}

/// The `clausediff.parallel.v1` report.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
struct JsonParallel<'a> {
    #[cfg_attr(test, schemars(schema_with = "schema_name"))]
    schema: &'static str,
    tool: Tool,
    versions: &'a [VersionInfo],
    alignments: Vec<&'a Pairing>,
    findings: Vec<&'a ParallelFinding>,
    summary: &'a ParallelSummary,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// Renders `report` in `format`, showing findings at or above `min` (all when `None`).
pub fn render_parallel(
    report: &Parallel,
    format: Format,
    min: Option<Severity>,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let shown: Vec<&ParallelFinding> = report.shown(min).collect();
    match format {
        Format::Json | Format::Jsonl => {
            let json = JsonParallel {
                schema: parallel::SCHEMA,
                tool: Tool {
                    name: "clausediff",
                    version: env!("CARGO_PKG_VERSION"),
                },
                versions: &report.versions,
                alignments: report.pairings.iter().collect(),
                findings: shown,
                summary: &report.summary,
            };
            if format == Format::Jsonl {
                serde_json::to_writer(&mut *out, &json)?;
            } else {
                serde_json::to_writer_pretty(&mut *out, &json)?;
            }
            writeln!(out)
        }
        Format::Md => markdown(report, &shown, out),
        Format::Html => html(report, &shown, out),
        _ => terminal(report, &shown, color, out),
    }
}

fn label(report: &Parallel, version: usize) -> String {
    report.versions.get(version).map_or_else(String::new, |v| {
        format!("{} ({})", v.label, v.language.unwrap_or("?"))
    })
}

fn ids(ids: &[crate::ClauseId]) -> String {
    if ids.is_empty() {
        return "—".to_string();
    }
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn terminal(
    report: &Parallel,
    shown: &[&ParallelFinding],
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let palette = super::palette::Palette::new(color);
    writeln!(
        out,
        "{}",
        palette.header(&format!("reference: {}", label(report, 0)))
    )?;
    for p in &report.pairings {
        writeln!(
            out,
            "{}: {} groups ({} one to one, {} split differently, {} missing, {} extra)",
            label(report, p.version),
            p.groups.len(),
            p.one_to_one,
            p.split,
            p.missing,
            p.extra
        )?;
    }
    writeln!(out)?;
    for f in shown {
        writeln!(
            out,
            "[{}] {} {} — {} (reference {}, {} {}{})",
            f.severity.name(),
            f.kind.name(),
            f.rule,
            f.message,
            ids(&f.reference_clauses),
            report
                .versions
                .get(f.version)
                .map_or("", |v| v.label.as_str()),
            ids(&f.other_clauses),
            f.line.map_or_else(String::new, |l| format!(", line {l}")),
        )?;
        if let Some(t) = &f.old_text {
            writeln!(out, "  {}", palette.deleted(&format!("- {t}")))?;
        }
        if let Some(t) = &f.new_text {
            writeln!(out, "  {}", palette.inserted(&format!("+ {t}")))?;
        }
    }
    let s = &report.summary;
    writeln!(
        out,
        "{} findings: {} high, {} medium, {} low, {} info",
        s.high + s.medium + s.low + s.info,
        s.high,
        s.medium,
        s.low,
        s.info
    )
}

/// A table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn markdown(report: &Parallel, shown: &[&ParallelFinding], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## clausediff parallel\n")?;
    writeln!(
        out,
        "| version | language | clauses | groups | split | missing | extra |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|")?;
    for (k, v) in report.versions.iter().enumerate() {
        let p = report.pairings.iter().find(|p| p.version == k);
        let n = |f: fn(&Pairing) -> usize| p.map_or("—".to_string(), |p| f(p).to_string());
        writeln!(
            out,
            "| {}{} | {} | {} | {} | {} | {} | {} |",
            cell(&v.label),
            if k == 0 { " (reference)" } else { "" },
            v.language.unwrap_or("?"),
            v.clauses,
            n(|p| p.groups.len()),
            n(|p| p.split),
            n(|p| p.missing),
            n(|p| p.extra),
        )?;
    }
    writeln!(out)?;
    if shown.is_empty() {
        return writeln!(out, "No findings: the versions are consistent.");
    }
    writeln!(
        out,
        "| severity | kind | version | clauses | reference | version text |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for f in shown {
        writeln!(
            out,
            "| {} | `{}` {} | {} | {} / {} | {} | {} |",
            f.severity.name(),
            f.kind.name(),
            cell(&f.message),
            cell(&label(report, f.version)),
            cell(&ids(&f.reference_clauses)),
            cell(&ids(&f.other_clauses)),
            cell(f.old_text.as_deref().unwrap_or("")),
            cell(f.new_text.as_deref().unwrap_or("")),
        )?;
    }
    Ok(())
}

fn html(report: &Parallel, shown: &[&ParallelFinding], out: &mut dyn Write) -> io::Result<()> {
    let e = |s: &str| askama_escape::escape(s, askama_escape::Html).to_string();
    let dir = |version: usize| {
        let lang = report.versions.get(version).and_then(|v| v.language);
        (
            lang.unwrap_or("und"),
            if lang == Some("ar") { "rtl" } else { "ltr" },
        )
    };
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>clausediff parallel</title>\
         <style>body{{font-family:sans-serif;margin:2em}}td,th{{border:1px solid #ccc;padding:.3em;vertical-align:top}}\
         table{{border-collapse:collapse}}.high{{color:#b00}}.medium{{color:#a60}}</style></head><body>"
    )?;
    writeln!(
        out,
        "<h1>clausediff parallel</h1><table><tr><th>version</th><th>language</th><th>clauses</th></tr>"
    )?;
    for v in &report.versions {
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&v.label),
            e(v.language.unwrap_or("?")),
            v.clauses
        )?;
    }
    writeln!(out, "</table><h2>Findings</h2>")?;
    if shown.is_empty() {
        writeln!(out, "<p>No findings: the versions are consistent.</p>")?;
    } else {
        writeln!(
            out,
            "<table><tr><th>severity</th><th>kind</th><th>version</th><th>reference</th><th>version text</th></tr>"
        )?;
        for f in shown {
            let (rl, rd) = dir(0);
            let (ol, od) = dir(f.version);
            writeln!(
                out,
                "<tr><td class=\"{s}\">{s}</td><td><code>{}</code> {}</td><td>{}</td>\
                 <td lang=\"{rl}\" dir=\"{rd}\">{}: {}</td><td lang=\"{ol}\" dir=\"{od}\">{}: {}</td></tr>",
                f.kind.name(),
                e(&f.message),
                e(&label(report, f.version)),
                e(&ids(&f.reference_clauses)),
                e(f.old_text.as_deref().unwrap_or("")),
                e(&ids(&f.other_clauses)),
                e(f.new_text.as_deref().unwrap_or("")),
                s = f.severity.name(),
            )?;
        }
        writeln!(out, "</table>")?;
    }
    writeln!(out, "</body></html>")
}

#[cfg(test)]
fn schema_name(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "const": parallel::SCHEMA })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `schemas/clausediff.parallel.v1.json` is generated from the wire types; a change to them must
    /// come with the regenerated file (`CLAUSEDIFF_WRITE_SCHEMA=1 cargo test --lib published_schema`).
    #[test]
    fn the_parallel_published_schema_is_generated_from_the_wire_types() {
        let schema = schemars::schema_for!(JsonParallel);
        crate::report::assert_published_schema(&schema, "clausediff.parallel.v1.json");
    }
}
