//! The Markdown report, for a pull-request comment: a summary table, the findings by severity, and each
//! changed clause's redline in a collapsible `<details>` block. Deleted words are `~~struck~~` and
//! inserted words `**bold**`, so the report stays readable as plain text.

use std::io::{self, Write};

use crate::classify::Severity;
use crate::diff::ClauseDiff;

use super::text::{self, SegmentKind};
use super::{RenderOptions, Report};

/// Escapes the characters that Markdown would read as markup in document text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(super) fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "## clausediff: `{}` → `{}`\n",
        code(&report.old.label),
        code(&report.new.label)
    )?;
    summary(report, out)?;
    findings(report, options, out)?;
    clauses(report, out)?;
    for note in &report.notes {
        writeln!(out, "> Note: {}\n", escape(&note.to_string()))?;
    }
    Ok(())
}

/// Text inside backticks cannot hold a backtick; replace it.
fn code(text: &str) -> String {
    text.replace('`', "'")
}

fn summary(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    writeln!(out, "| | |\n|---|---|")?;
    writeln!(
        out,
        "| clauses | {} → {} |",
        report.old.clauses.len(),
        report.new.clauses.len()
    )?;
    for (n, word) in [
        (s.unchanged, "unchanged"),
        (s.modified, "modified"),
        (s.renumbered, "renumbered"),
        (s.moved, "moved"),
        (s.added, "added"),
        (s.removed, "removed"),
        (s.split, "split"),
        (s.merged, "merged"),
    ] {
        if n > 0 {
            writeln!(out, "| {word} | {n} |")?;
        }
    }
    if let Some(counts) = super::text::negotiation(s) {
        writeln!(out, "| negotiation text | {counts} |")?;
    }
    let by_severity: Vec<String> = [
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ]
    .iter()
    .filter_map(|&sev| {
        let n = report.findings.iter().filter(|f| f.severity == sev).count();
        (n > 0).then(|| format!("{n} {}", sev.name()))
    })
    .collect();
    let detail = if by_severity.is_empty() {
        String::new()
    } else {
        format!(" ({})", by_severity.join(", "))
    };
    writeln!(out, "| findings | {}{detail} |\n", report.findings.len())
}

fn findings(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### Findings\n")?;
    if report.findings.is_empty() {
        return writeln!(out, "No findings.\n");
    }
    for severity in [
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ] {
        let these: Vec<_> = report
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.severity == severity)
            .collect();
        if these.is_empty() {
            continue;
        }
        let heading = format!("{} ({})", severity.name(), these.len());
        // Info findings are many and minor: folded.
        if severity == Severity::Info {
            writeln!(out, "<details><summary>{heading}</summary>\n")?;
        } else {
            writeln!(out, "#### {heading}\n")?;
        }
        for (i, f) in these {
            let line = f
                .new_line
                .or(f.old_line)
                .map_or(String::new(), |l| format!(" (line {l})"));
            writeln!(
                out,
                "- `{}` {}{line}",
                f.kind.name(),
                escape(&options.message(i, f))
            )?;
        }
        writeln!(out)?;
        if severity == Severity::Info {
            writeln!(out, "</details>\n")?;
        }
    }
    Ok(())
}

fn clauses(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let changed: Vec<&ClauseDiff> = report
        .changes
        .iter()
        .filter(|c| text::is_change(c))
        .collect();
    writeln!(out, "### Changed clauses\n")?;
    if changed.is_empty() {
        return writeln!(out, "No clause changed.\n");
    }
    for change in changed {
        let label = text::entry_label(&report.old, &report.new, change);
        let mut words = text::status_words(change).join(", ");
        if change.modified && change.words.similarity < 1.0 {
            words.push_str(&format!(
                ", {:.0}% similar",
                change.words.similarity * 100.0
            ));
        }
        writeln!(
            out,
            "<details><summary><b>{}</b> ({})</summary>\n",
            super::html::escape(&label),
            words
        )?;
        let mut redline = String::new();
        for segment in text::segments(report, change) {
            let piece = escape(segment.text);
            match segment.kind {
                SegmentKind::Equal => redline.push_str(&piece),
                SegmentKind::Deleted => redline.push_str(&wrap(&piece, "~~")),
                SegmentKind::Inserted => redline.push_str(&wrap(&piece, "**")),
                SegmentKind::Mark | SegmentKind::Lifted => redline.push_str(&piece),
            }
        }
        writeln!(out, "{}\n\n</details>\n", redline.replace('\n', "\n\n"))?;
    }
    Ok(())
}

/// Wraps text in a marker, keeping surrounding spaces outside it (Markdown needs the marker next to
/// the words) and each paragraph marked on its own.
fn wrap(text: &str, marker: &str) -> String {
    text.split('\n')
        .map(|part| {
            let trimmed = part.trim();
            if trimmed.is_empty() {
                return part.to_string();
            }
            let lead = &part[..part.len() - part.trim_start().len()];
            let tail = &part[part.trim_end().len()..];
            format!("{lead}{marker}{trimmed}{marker}{tail}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(escape("a *b* [c] | d_e"), "a \\*b\\* \\[c\\] \\| d\\_e");
    }

    #[test]
    fn markers_hug_the_words() {
        assert_eq!(wrap(" as appropriate, ", "**"), " **as appropriate,** ");
        assert_eq!(wrap("a.\nB", "~~"), "~~a.~~\n~~B~~");
    }
}
