//! The terminal redline: a header per changed clause, its inline redline, and its findings.

use std::io::{self, Write};

use crate::classify::Finding;
use crate::diff::Status;
use crate::document::Draft;

use super::palette::Palette;
use super::text::{self, SegmentKind};
use super::{Context, RenderOptions, Report};

pub(super) fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let p = options.palette();
    writeln!(out, "{}", p.dim(&format!("old: {}", describe(&report.old))))?;
    writeln!(out, "{}", p.dim(&format!("new: {}", describe(&report.new))))?;
    let mut findings = report.findings.iter().enumerate().peekable();
    while let Some((i, f)) = findings.next_if(|(_, f)| f.change.is_none()) {
        writeln!(out)?;
        writeln!(out, "{}", finding_line(p, f, &options.message(i, f)))?;
    }
    let shown = visible(report, options.context);
    let mut renumbered_only = Vec::new();
    for (index, change) in report.changes.iter().enumerate() {
        let own: Vec<(usize, &Finding)> =
            std::iter::from_fn(|| findings.next_if(|(_, f)| f.change == Some(index))).collect();
        let label = text::entry_label(&report.old, &report.new, change);
        if !shown[index] {
            if change.status == Status::Unchanged && change.pair.renumbered {
                renumbered_only.push(label);
            }
            continue;
        }
        writeln!(out)?;
        let mut words = text::status_words(change).join(", ");
        if change.modified && change.words.similarity < 1.0 {
            words.push_str(&format!(
                ", {:.0}% similar",
                change.words.similarity * 100.0
            ));
        }
        writeln!(out, "{}", p.header(&format!("{label} ({words})")))?;
        let body = redline(report, change, p);
        if !body.is_empty() {
            writeln!(out, "  {body}")?;
        }
        for (i, f) in own.iter().filter(|(_, f)| !f.kind.is_shown_by_redline()) {
            writeln!(out, "{}", finding_line(p, f, &options.message(*i, f)))?;
        }
    }
    if !renumbered_only.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            p.dim(&format!(
                "Renumbered without other changes: {}",
                renumbered_only.join(", ")
            ))
        )?;
    }
    for note in &report.notes {
        writeln!(out)?;
        writeln!(out, "note: {note}")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", summary_line(report))
}

fn describe(draft: &Draft) -> String {
    let count = text::plural(draft.clauses.len(), "clause");
    if draft.label == draft.source {
        format!("{} ({count})", draft.source)
    } else {
        format!("{} — {} ({count})", draft.label, draft.source)
    }
}

/// Which entries to print: the changes, and the unchanged ones the context asks for.
fn visible(report: &Report, context: Context) -> Vec<bool> {
    let changed: Vec<bool> = report.changes.iter().map(text::is_change).collect();
    match context {
        Context::All => vec![true; changed.len()],
        Context::None => changed,
        Context::Around(n) => (0..changed.len())
            .map(|i| {
                let low = i.saturating_sub(n);
                let high = (i + n + 1).min(changed.len());
                changed[low..high].iter().any(|&c| c)
            })
            .collect(),
    }
}

fn redline(report: &Report, change: &crate::diff::ClauseDiff, p: Palette) -> String {
    let unchanged = !text::is_change(change);
    let mut line = String::new();
    for segment in text::segments(report, change) {
        let piece = segment.text.replace('\n', "\n  ");
        line.push_str(&match segment.kind {
            SegmentKind::Equal if unchanged => p.dim(&piece),
            SegmentKind::Equal => piece,
            SegmentKind::Deleted => p.deleted(&piece),
            SegmentKind::Inserted => p.inserted(&piece),
            SegmentKind::Mark | SegmentKind::Lifted => p.dim(&piece),
        });
    }
    line
}

pub(super) fn finding_line(p: Palette, f: &Finding, message: &str) -> String {
    let severity = format!("{:<6}", f.severity.name());
    format!("  {} {message}", p.severity(f.severity, &severity))
}

/// The closing line: clause counts, findings, highest severity.
fn summary_line(report: &Report) -> String {
    let (old, new) = (report.old.clauses.len(), report.new.clauses.len());
    if !report.has_differences() {
        return format!("no differences ({})", text::plural(new, "clause"));
    }
    let mut line = format!("{old} → {new} clauses: {}", text::counts(&report.summary));
    let findings = report.findings.len();
    line.push_str(&format!("; {}", text::plural(findings, "finding")));
    if let Some(severity) = report.summary.max_severity {
        line.push_str(&format!(", highest {}", severity.name()));
    }
    if let Some(counts) = text::negotiation(&report.summary) {
        line.push_str(&format!("; {counts}"));
    }
    line
}
