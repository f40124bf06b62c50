//! The terminal timeline: each clause that changed, with what happened in which version, and the
//! findings each version's edit made, blamed on that version.

use std::io::{self, Write};

use crate::classify::excerpt;
use crate::history::History;

use super::super::palette::Palette;
use super::{describe, findings_at, first_text, ids_line, is_eventful, negotiation_note};

pub(super) fn render(history: &History, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        p.dim(&format!("{} versions:", history.versions.len()))
    )?;
    for (v, version) in history.versions.iter().enumerate() {
        writeln!(
            out,
            "{}",
            p.dim(&format!(
                "  {} {}{}",
                v + 1,
                version.blame(),
                negotiation_note(history, v)
            ))
        )?;
    }
    let mut quiet = 0;
    for lineage in &history.lineages {
        if !is_eventful(lineage) {
            quiet += 1;
            continue;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{}  {}",
            p.header(&ids_line(lineage)),
            p.dim(&format!("\"{}\"", excerpt(first_text(history, lineage))))
        )?;
        if lineage.introduced == 0 {
            writeln!(
                out,
                "  1 {}: in the first version",
                history.versions[0].blame()
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
                "  {} {}: {}",
                v + 1,
                history.versions[v].blame(),
                what.join(", ")
            )?;
            for f in findings_at(history, lineage, v) {
                if f.kind.is_shown_by_redline() && !f.kind.is_wording() {
                    continue;
                }
                let severity = format!("{:<6}", f.severity.name());
                writeln!(
                    out,
                    "      {} {}",
                    p.severity(f.severity, &severity),
                    f.message()
                )?;
            }
        }
    }
    writeln!(out)?;
    let eventful = history.lineages.len() - quiet;
    writeln!(
        out,
        "{} clauses followed through {} versions: {} changed at some point, {} never changed but for their number",
        history.lineages.len(),
        history.versions.len(),
        eventful,
        quiet
    )
}
