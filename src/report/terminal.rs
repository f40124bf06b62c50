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
        let body = redline(report, change, p, options.width);
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
    let count = text::counted_clauses(draft);
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

/// The indentation of a redline's lines under its header.
const INDENT: &str = "  ";

fn redline(
    report: &Report,
    change: &crate::diff::ClauseDiff,
    p: Palette,
    width: Option<usize>,
) -> String {
    let unchanged = !text::is_change(change);
    let segments = text::segments(report, change);
    let pieces = match width {
        Some(width) => wrap(&segments, width, p.is_plain()),
        None => segments
            .iter()
            .map(|s| (s.kind, s.text.replace('\n', "\n  ")))
            .collect(),
    };
    let mut line = String::new();
    for (kind, piece) in &pieces {
        let style = |piece: &str| match kind {
            SegmentKind::Equal if unchanged => p.dim(piece),
            SegmentKind::Equal => piece.to_string(),
            SegmentKind::Deleted => p.deleted(piece),
            SegmentKind::Inserted => p.inserted(piece),
            SegmentKind::Mark | SegmentKind::Lifted => p.dim(piece),
        };
        if p.is_plain() {
            // One pair of markers around the whole piece, line breaks and all, as wdiff writes it.
            line.push_str(&style(piece));
        } else {
            // Colours line by line, so the indentation of a wrapped line is never struck through.
            for (n, part) in piece.split("\n  ").enumerate() {
                if n > 0 {
                    line.push_str("\n  ");
                }
                line.push_str(&style(part));
            }
        }
    }
    line
}

/// The widths of the markers the plain palette puts before and after a segment of this kind.
fn marker_widths(kind: SegmentKind, plain: bool) -> (usize, usize) {
    match kind {
        SegmentKind::Deleted | SegmentKind::Inserted if plain => (2, 2),
        _ => (0, 0),
    }
}

/// The segments' text with a line break (and the indentation) in place of the space before any word
/// that would run past `width` columns; the draft's own line breaks are kept. Widths are display
/// columns (a CJK character is two), markers included, and words glued together across segments
/// (`[-shall-]{+should+}`) are kept together. A word longer than a line stands alone.
fn wrap(segments: &[text::Segment], width: usize, plain: bool) -> Vec<(SegmentKind, String)> {
    use unicode_width::UnicodeWidthStr;
    struct Atom<'a> {
        segment: usize,
        text: &'a str,
        space: bool,
        width: usize,
    }
    let mut atoms = Vec::new();
    for (n, segment) in segments.iter().enumerate() {
        let (open, close) = marker_widths(segment.kind, plain);
        let runs = runs(segment.text);
        let last = runs.len().saturating_sub(1);
        for (k, run) in runs.into_iter().enumerate() {
            let markers = if k == 0 { open } else { 0 } + if k == last { close } else { 0 };
            atoms.push(Atom {
                segment: n,
                text: run,
                space: run.starts_with(char::is_whitespace),
                width: run.width() + markers,
            });
        }
    }
    // The width of the words glued together from each atom on, up to the next space.
    let mut glued = vec![0; atoms.len() + 1];
    for i in (0..atoms.len()).rev() {
        glued[i] = if atoms[i].space {
            0
        } else {
            atoms[i].width + glued[i + 1]
        };
    }
    let indent = INDENT.len();
    let width = width.max(indent + 20);
    let mut column = indent;
    let mut out: Vec<(SegmentKind, String)> =
        segments.iter().map(|s| (s.kind, String::new())).collect();
    for (i, atom) in atoms.iter().enumerate() {
        let piece = &mut out[atom.segment].1;
        let breaks = atom.space
            && (atom.text.contains('\n')
                || (column + atom.width + glued[i + 1] > width && column > indent));
        if breaks {
            piece.push('\n');
            piece.push_str(INDENT);
            column = indent;
        } else {
            piece.push_str(atom.text);
            column += atom.width;
        }
    }
    out
}

/// The text cut into alternating runs of whitespace and of other characters.
fn runs(text: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut space = None;
    for (i, c) in text.char_indices() {
        let is_space = c.is_whitespace();
        if space.is_some_and(|s| s != is_space) {
            runs.push(&text[start..i]);
            start = i;
        }
        space = Some(is_space);
    }
    if start < text.len() {
        runs.push(&text[start..]);
    }
    runs
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

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;
    use crate::{Draft, InputFormat, Options, compare};

    fn rendered(old: &str, new: &str, width: Option<usize>) -> String {
        let parse = |label, text| Draft::parse(label, label, text, InputFormat::Text);
        let report = compare(parse("old", old), parse("new", new), &Options::default());
        let options = RenderOptions {
            width,
            ..RenderOptions::default()
        };
        let mut out = Vec::new();
        render(&report, &options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    const OLD: &str = "1. The Parties shall take all appropriate measures to ensure the security of \
        Northeast Asia, and shall report to the Commission every year on the progress made.\n";
    const NEW: &str = "1. The Parties should take appropriate measures to study with caution the \
        security of the region, and shall report to the Commission every two years on the progress \
        made.\n";

    #[test]
    fn a_redline_wraps_to_the_width_markers_included() {
        let wrapped = rendered(OLD, NEW, Some(40));
        let redline: Vec<&str> = wrapped
            .lines()
            .skip_while(|l| !l.starts_with("1 ("))
            .skip(1)
            .take_while(|l| {
                l.starts_with("  ") && !l.starts_with("  medium") && !l.starts_with("  high")
            })
            .collect();
        assert!(redline.len() > 3, "{wrapped}");
        for line in &redline {
            assert!(
                line.width() <= 40,
                "{line:?} is wider than 40 in\n{wrapped}"
            );
            assert!(line.starts_with("  "), "{line:?}");
        }
    }

    #[test]
    fn wrapping_only_replaces_spaces_with_line_breaks() {
        let unwrapped = rendered(OLD, NEW, None);
        let wrapped = rendered(OLD, NEW, Some(40));
        let join = |text: &str| text.replace("\n  ", " ");
        assert_eq!(join(&wrapped), join(&unwrapped));
        assert_ne!(wrapped, unwrapped);
    }

    #[test]
    fn a_word_longer_than_the_line_stands_alone() {
        let long = "x".repeat(120);
        let wrapped = rendered(
            &format!("1. The {long} shall apply.\n"),
            &format!("1. The {long} should apply.\n"),
            Some(40),
        );
        assert!(wrapped.lines().any(|l| l.trim() == long), "{wrapped}");
    }
}
