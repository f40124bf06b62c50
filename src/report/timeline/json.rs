//! The `clausediff.history.v1` JSON contract: `versions` in the order given, and `clauses`, each with
//! its `lineage` (its id in each version, or null), `introduced`, `removed` and `changes` (the version
//! whose text carries a change, and that step's findings in the report v1 finding shape).

use std::io::{self, Write};

use serde::Serialize;

use crate::history::{EventKind, History};
use crate::report::json::JsonFinding;

use super::{HISTORY_SCHEMA, describe, first_text};

#[derive(Serialize)]
struct JsonHistory<'a> {
    schema: &'static str,
    versions: Vec<JsonVersion<'a>>,
    clauses: Vec<JsonLineage<'a>>,
    document: Vec<JsonChange<'a>>,
}

#[derive(Serialize)]
struct JsonVersion<'a> {
    label: &'a str,
    source: &'a str,
    commit: Option<JsonCommit<'a>>,
    /// Negotiating texts only: bracketed spans and option labels in this version.
    #[serde(skip_serializing_if = "Option::is_none")]
    brackets: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<usize>,
}

#[derive(Serialize)]
struct JsonCommit<'a> {
    hash: &'a str,
    date: &'a str,
    author: &'a str,
    subject: &'a str,
}

#[derive(Serialize)]
struct JsonLineage<'a> {
    lineage: Vec<Option<&'a str>>,
    introduced: usize,
    removed: Option<usize>,
    text: &'a str,
    events: Vec<JsonEvent>,
    changes: Vec<JsonChange<'a>>,
}

#[derive(Serialize)]
struct JsonEvent {
    version: usize,
    event: &'static str,
    detail: String,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    version: usize,
    findings: Vec<JsonFinding<'a>>,
}

fn event_name(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::Introduced => "introduced",
        EventKind::Changed => "changed",
        EventKind::Moved => "moved",
        EventKind::Renumbered => "renumbered",
        EventKind::Split { .. } => "split",
        EventKind::SplitFrom { .. } => "split_from",
        EventKind::Merged { .. } => "merged",
        EventKind::MergedInto { .. } => "merged_into",
        EventKind::Agreed => "agreed",
        EventKind::Removed => "removed",
        EventKind::Restored => "restored",
    }
}

pub(super) fn render(history: &History, line: bool, out: &mut dyn Write) -> io::Result<()> {
    let wire = JsonHistory {
        schema: HISTORY_SCHEMA,
        versions: history
            .versions
            .iter()
            .enumerate()
            .map(|(k, v)| JsonVersion {
                brackets: history.negotiation(k).map(|c| c.brackets),
                options: history.negotiation(k).map(|c| c.options),
                label: &v.label,
                source: &v.source,
                commit: v.commit.as_ref().map(|c| JsonCommit {
                    hash: &c.hash,
                    date: &c.date,
                    author: &c.author,
                    subject: &c.subject,
                }),
            })
            .collect(),
        clauses: history
            .lineages
            .iter()
            .map(|l| JsonLineage {
                lineage: l
                    .ids
                    .iter()
                    .map(|id| id.as_ref().map(|c| c.0.as_str()))
                    .collect(),
                introduced: l.introduced,
                removed: l.removed,
                text: first_text(history, l),
                events: l
                    .events
                    .iter()
                    .map(|e| JsonEvent {
                        version: e.version,
                        event: event_name(&e.kind),
                        detail: describe(history, &e.kind),
                    })
                    .collect(),
                changes: l
                    .changes
                    .iter()
                    .map(|c| JsonChange {
                        version: c.version,
                        findings: history.findings(c).map(JsonFinding::new).collect(),
                    })
                    .collect(),
            })
            .collect(),
        document: history
            .steps
            .iter()
            .enumerate()
            .filter_map(|(k, step)| {
                let findings: Vec<JsonFinding> = step
                    .findings
                    .iter()
                    .filter(|f| f.change.is_none())
                    .map(JsonFinding::new)
                    .collect();
                (!findings.is_empty()).then_some(JsonChange {
                    version: k + 1,
                    findings,
                })
            })
            .collect(),
    };
    if line {
        crate::report::json::write_line(&mut *out, &wire)?;
    } else {
        serde_json::to_writer_pretty(&mut *out, &wire).map_err(io::Error::from)?;
    }
    writeln!(out)
}
