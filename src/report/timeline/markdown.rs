//! Markdown history: a grid of symbols, clauses × versions, then each changed clause's story.

use std::io::{self, Write};

use crate::classify::excerpt;
use crate::history::History;
use crate::report::markdown::escape;

use super::{Cell, cell, describe, findings_at, first_text, ids_line, is_eventful};

pub(super) fn render(history: &History, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "## clausediff history: {} versions\n",
        history.versions.len()
    )?;
    for (v, version) in history.versions.iter().enumerate() {
        writeln!(
            out,
            "{}. {}{}",
            v + 1,
            escape(&version.blame()),
            super::negotiation_note(history, v)
        )?;
    }
    writeln!(out)?;
    let legend: Vec<String> = [
        Cell::Added,
        Cell::Changed,
        Cell::Softened,
        Cell::Moved,
        Cell::Renumbered,
        Cell::Removed,
        Cell::Present,
    ]
    .iter()
    .map(|c| format!("`{}` {}", c.symbol(), c.name()))
    .collect();
    writeln!(out, "{}\n", legend.join(" · "))?;
    write!(out, "| clause |")?;
    for v in 1..=history.versions.len() {
        write!(out, " {v} |")?;
    }
    write!(out, "\n|---|")?;
    for _ in &history.versions {
        write!(out, ":-:|")?;
    }
    writeln!(out)?;
    for lineage in history.lineages.iter().filter(|l| is_eventful(l)) {
        write!(out, "| {} |", escape(&ids_line(lineage)))?;
        for v in 0..history.versions.len() {
            let c = cell(history, lineage, v);
            let mark = if c == Cell::Absent { "" } else { c.symbol() };
            write!(out, " {mark} |")?;
        }
        writeln!(out)?;
    }
    writeln!(out)?;
    for lineage in history.lineages.iter().filter(|l| is_eventful(l)) {
        writeln!(
            out,
            "<details><summary><b>{}</b> {}</summary>\n",
            crate::report::html::escape(&ids_line(lineage)),
            crate::report::html::escape(&excerpt(first_text(history, lineage)))
        )?;
        if lineage.introduced == 0 {
            writeln!(
                out,
                "- **{}**: in the first version",
                escape(&history.versions[0].blame())
            )?;
        }
        let mut versions: Vec<usize> = lineage.events.iter().map(|e| e.version).collect();
        versions.dedup();
        for v in versions {
            let what: Vec<String> = lineage
                .events
                .iter()
                .filter(|e| e.version == v)
                .map(|e| describe(history, &e.kind))
                .collect();
            writeln!(
                out,
                "- **{}**: {}",
                escape(&history.versions[v].blame()),
                what.join(", ")
            )?;
            for f in findings_at(history, lineage, v) {
                writeln!(out, "  - `{}` {}", f.severity.name(), escape(&f.message()))?;
            }
        }
        writeln!(out, "\n</details>\n")?;
    }
    Ok(())
}
