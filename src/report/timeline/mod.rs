//! Rendering a [`History`]: a terminal timeline per clause, the `clausediff.history.v1` JSON, Markdown,
//! and an HTML grid of clauses × versions. What each cell of the grid shows is decided once, in
//! [`cell`], for every format.

mod html;
mod json;
mod markdown;
mod terminal;

use std::io::{self, Write};

use crate::classify::Finding;
use crate::history::{EventKind, History, Lineage};

use super::palette::Palette;

/// Name and version of the JSON history contract.
pub const HISTORY_SCHEMA: &str = "clausediff.history.v1";

/// What happened to a clause in a version, as a grid cell shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Not in this version.
    Absent,
    /// There, as in the version before.
    Present,
    /// First there (or back after a removal).
    Added,
    /// Its words changed.
    Changed,
    /// Its words changed in a way that weakens it (softened, hedged, a name or watch term dropped).
    Softened,
    /// It moved.
    Moved,
    /// Only its number changed.
    Renumbered,
    /// It went in this version.
    Removed,
}

impl Cell {
    /// The class name (HTML) and word (legends) of the cell.
    pub fn name(self) -> &'static str {
        match self {
            Cell::Absent => "absent",
            Cell::Present => "unchanged",
            Cell::Added => "added",
            Cell::Changed => "changed",
            Cell::Softened => "softened",
            Cell::Moved => "moved",
            Cell::Renumbered => "renumbered",
            Cell::Removed => "removed",
        }
    }

    /// A one-character mark for text grids.
    pub fn symbol(self) -> &'static str {
        match self {
            Cell::Absent => " ",
            Cell::Present => "·",
            Cell::Added => "+",
            Cell::Changed => "~",
            Cell::Softened => "▼",
            Cell::Moved => "↕",
            Cell::Renumbered => "#",
            Cell::Removed => "✕",
        }
    }
}

/// What happened to `lineage` in version `v`.
pub fn cell(history: &History, lineage: &Lineage, v: usize) -> Cell {
    let events: Vec<&EventKind> = lineage
        .events
        .iter()
        .filter(|e| e.version == v)
        .map(|e| &e.kind)
        .collect();
    let has = |f: fn(&EventKind) -> bool| events.iter().any(|k| f(k));
    if lineage.ids[v].is_none() {
        return if has(|k| matches!(k, EventKind::Removed | EventKind::MergedInto { .. })) {
            Cell::Removed
        } else {
            Cell::Absent
        };
    }
    if has(|k| {
        matches!(
            k,
            EventKind::Introduced | EventKind::Restored | EventKind::SplitFrom { .. }
        )
    }) {
        return Cell::Added;
    }
    let weakened = lineage
        .changes
        .iter()
        .filter(|c| c.version == v)
        .any(|c| history.findings(c).any(|f| f.kind.weakens()));
    if weakened {
        Cell::Softened
    } else if has(|k| {
        matches!(
            k,
            EventKind::Changed | EventKind::Split { .. } | EventKind::Merged { .. }
        )
    }) {
        Cell::Changed
    } else if has(|k| matches!(k, EventKind::Moved)) {
        Cell::Moved
    } else if has(|k| matches!(k, EventKind::Renumbered)) {
        Cell::Renumbered
    } else {
        Cell::Present
    }
}

/// Whether a lineage has a story worth telling: anything beyond renumbering.
pub fn is_eventful(lineage: &Lineage) -> bool {
    lineage
        .events
        .iter()
        .any(|e| e.kind != EventKind::Renumbered)
}

/// An event in words: `changed`, `split into 4`, `removed`.
pub fn describe(history: &History, kind: &EventKind) -> String {
    let id = |l: usize| {
        history.lineages[l]
            .ids
            .iter()
            .flatten()
            .next()
            .map_or_else(|| "?".to_string(), ToString::to_string)
    };
    let ids = |ids: &[crate::document::ClauseId]| {
        ids.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match kind {
        EventKind::Introduced => "added".to_string(),
        EventKind::Changed => "changed".to_string(),
        EventKind::Moved => "moved".to_string(),
        EventKind::Renumbered => "renumbered".to_string(),
        EventKind::Split { into } => format!("split, also into {}", ids(into)),
        EventKind::SplitFrom { lineage } => format!("split off {}", id(*lineage)),
        EventKind::Merged { with } => format!("merged with {}", ids(with)),
        EventKind::MergedInto { lineage } => format!("merged into {}", id(*lineage)),
        EventKind::Agreed => "agreed (no brackets left)".to_string(),
        EventKind::Removed => "removed".to_string(),
        EventKind::Restored => "restored".to_string(),
    }
}

/// The ids a lineage had, consecutive repeats folded: `5 → 6 → —`.
pub fn ids_line(lineage: &Lineage) -> String {
    let mut parts: Vec<String> = Vec::new();
    for id in &lineage.ids[lineage.introduced..] {
        let part = id
            .as_ref()
            .map_or_else(|| "—".to_string(), ToString::to_string);
        if parts.last() != Some(&part) {
            parts.push(part);
        }
    }
    parts.join(" → ")
}

/// The lineage's text where it first appears.
pub fn first_text<'a>(history: &'a History, lineage: &Lineage) -> &'a str {
    let v = lineage.introduced;
    let Some(index) = lineage.clauses[v] else {
        return "";
    };
    history
        .draft(v)
        .and_then(|d| d.clauses.get(index))
        .map_or("", |c| c.text.as_str())
}

/// The findings of a lineage in version `v`.
pub fn findings_at<'a>(history: &'a History, lineage: &'a Lineage, v: usize) -> Vec<&'a Finding> {
    lineage
        .changes
        .iter()
        .filter(|c| c.version == v)
        .flat_map(|c| history.findings(c))
        .collect()
}

/// The terminal timeline.
pub(super) fn render_term(history: &History, color: bool, out: &mut dyn Write) -> io::Result<()> {
    terminal::render(history, Palette::new(color), out)
}

/// The `clausediff.history.v1` JSON, pretty or on one line.
pub(super) fn render_json(history: &History, line: bool, out: &mut dyn Write) -> io::Result<()> {
    json::render(history, line, out)
}

/// Markdown.
pub(super) fn render_md(history: &History, out: &mut dyn Write) -> io::Result<()> {
    markdown::render(history, out)
}

/// The HTML grid.
pub(super) fn render_html(history: &History, out: &mut dyn Write) -> io::Result<()> {
    html::render(history, out)
}

/// `, brackets 1,012, options 117` for a version of a negotiating text; empty otherwise.
pub fn negotiation_note(history: &History, v: usize) -> String {
    history.negotiation(v).map_or_else(String::new, |c| {
        format!(
            " — {}, {}",
            super::text::plural(c.brackets, "bracket"),
            super::text::plural(c.options, "option")
        )
    })
}

/// Whether the clause of `lineage` in version `v` still holds brackets or options.
pub fn still_bracketed(history: &History, lineage: &Lineage, v: usize) -> bool {
    let Some(i) = lineage.clauses[v] else {
        return false;
    };
    history
        .draft(v)
        .is_some_and(|d| !d.clauses[i].brackets.is_empty())
}
