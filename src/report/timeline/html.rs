//! The HTML history: a grid of clauses × versions, each cell coloured by what happened to the clause in
//! that version and linked to that step's redline, then every step's changed clauses. Self-contained,
//! no script, every piece of document text escaped.

use std::io::{self, Write};

use crate::classify::excerpt;
use crate::history::History;
use crate::report::html::{STYLE, clause, escape};
use crate::report::text;

use super::{Cell, cell, first_text, ids_line};

const GRID_STYLE: &str = r#"
.grid td.bracketed { outline: 2px dashed #b07d00; outline-offset: -2px; }
.grid td.bracketed::after { content: " [ ]"; color: #b07d00; font-size: .75em; }
.grid { width: auto; border-collapse: separate; border-spacing: 2px; }
.grid th, .grid td { border: 0; padding: .15rem .4rem; font-size: .85em; }
.grid th.clause-name { max-width: 28rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: normal; }
.cell { text-align: center; min-width: 3.2rem; border-radius: .2rem; }
.cell a { color: inherit; text-decoration: none; display: block; }
.cell.absent { background: transparent; }
.cell.unchanged { background: #f1f3f4; color: #5f6368; }
.cell.renumbered { background: var(--renumbered-bg); color: var(--renumbered); }
.cell.moved { background: #d2e3fc; color: #174ea6; }
.cell.added { background: #ceead6; color: #0d652d; font-weight: 600; }
.cell.changed { background: #feefc3; color: #7a4d00; font-weight: 600; }
.cell.softened { background: #fad2cf; color: #a50e0e; font-weight: 600; }
.cell.removed { background: #a50e0e; color: #fff; font-weight: 600; }
.legend span { display: inline-block; margin-right: .6rem; }
.legend .cell { display: inline-block; min-width: 0; padding: 0 .4rem; }
.step { margin-top: 2rem; }
"#;

pub(super) fn render(history: &History, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<meta name=\"generator\" content=\"clausediff\">")?;
    writeln!(
        out,
        "<title>clausediff history: {} versions</title>\n<style>{STYLE}{GRID_STYLE}</style>\n</head>\n<body>",
        history.versions.len()
    )?;
    writeln!(
        out,
        "<header>\n<h1>clausediff history</h1>\n<ol class=\"versions\">"
    )?;
    for (v, version) in history.versions.iter().enumerate() {
        let counts = escape(&super::negotiation_note(history, v));
        if version.label == version.source {
            writeln!(
                out,
                "<li><code>{}</code>{counts}</li>",
                escape(&version.source)
            )?;
        } else {
            writeln!(
                out,
                "<li>{} <code>{}</code>{counts}</li>",
                escape(&version.blame()),
                escape(&version.source)
            )?;
        }
    }
    writeln!(out, "</ol>\n</header>\n<main>")?;
    grid(history, out)?;
    steps(history, out)?;
    writeln!(out, "</main>\n</body>\n</html>")
}

fn grid(history: &History, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"grid\">\n<h2>Clauses × versions</h2>\n<p class=\"legend\">"
    )?;
    for c in [
        Cell::Added,
        Cell::Changed,
        Cell::Softened,
        Cell::Moved,
        Cell::Renumbered,
        Cell::Removed,
        Cell::Present,
    ] {
        write!(
            out,
            "<span><span class=\"cell {0}\">{0}</span></span>",
            c.name()
        )?;
    }
    writeln!(
        out,
        "</p>\n<table class=\"grid\">\n<thead><tr><th>clause</th>"
    )?;
    for (v, version) in history.versions.iter().enumerate() {
        write!(
            out,
            "<th title=\"{}\">{}</th>",
            escape(&version.blame()),
            v + 1
        )?;
    }
    writeln!(out, "</tr></thead>\n<tbody>")?;
    for (l, lineage) in history.lineages.iter().enumerate() {
        let text = first_text(history, lineage);
        write!(
            out,
            "<tr id=\"lineage-{l}\"><th class=\"clause-name\" title=\"{}\">{} <span class=\"path\">{}</span></th>",
            escape(text),
            escape(&ids_line(lineage)),
            escape(&excerpt(text))
        )?;
        for v in 0..history.versions.len() {
            let c = cell(history, lineage, v);
            let id = lineage.ids[v]
                .as_ref()
                .map_or("—".to_string(), ToString::to_string);
            let label = if c == Cell::Absent {
                String::new()
            } else {
                escape(&id)
            };
            // A clause still in brackets is not yet agreed: its cell says so.
            let (open, title) = if super::still_bracketed(history, lineage, v) {
                (" bracketed", " title=\"still bracketed\"")
            } else {
                ("", "")
            };
            match link(history, lineage, v, c) {
                Some(href) => write!(
                    out,
                    "<td class=\"cell {}{open}\"{title}><a href=\"{href}\">{label}</a></td>",
                    c.name()
                )?,
                None => write!(
                    out,
                    "<td class=\"cell {}{open}\"{title}>{label}</td>",
                    c.name()
                )?,
            }
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>\n</table>\n</section>")
}

/// The redline of the step that brought version `v` of this clause, if it changed.
fn link(history: &History, lineage: &crate::history::Lineage, v: usize, c: Cell) -> Option<String> {
    if v == 0 || matches!(c, Cell::Absent | Cell::Present) {
        return None;
    }
    let step = &history.steps[v - 1];
    let entry = step.changes.iter().position(|change| {
        let new_side = lineage.clauses[v].is_some_and(|j| change.pair.new.contains(&j));
        let old_side = lineage.clauses[v - 1].is_some_and(|i| change.pair.old.contains(&i));
        new_side || old_side && change.pair.new.is_empty()
    })?;
    text::is_change(&step.changes[entry]).then(|| format!("#step-{}-clause-{entry}", v - 1))
}

fn steps(history: &History, out: &mut dyn Write) -> io::Result<()> {
    for (k, step) in history.steps.iter().enumerate() {
        writeln!(
            out,
            "<section class=\"step\" id=\"step-{k}\">\n<h2>{} → {}</h2>",
            escape(&history.versions[k].blame()),
            escape(&history.versions[k + 1].blame())
        )?;
        writeln!(
            out,
            "<p class=\"summary\">{} → {} clauses: {}.</p>",
            step.old.clauses.len(),
            step.new.clauses.len(),
            escape(&text::counts(&step.summary))
        )?;
        for (index, change) in step.changes.iter().enumerate() {
            if text::is_change(change) {
                clause(
                    step,
                    index,
                    change,
                    &format!("step-{k}-clause-{index}"),
                    out,
                )?;
            }
        }
        writeln!(out, "</section>")?;
    }
    Ok(())
}
