//! The HTML report: one self-contained file an analyst can mail to a colleague.
//!
//! Inline CSS only: no script, no external request. The severity filter, the order of the findings and
//! the side-by-side view are radio buttons and a checkbox styled with CSS, so they work with JavaScript
//! off, and print hides them. The findings table is written most severe first; the clause-order switch
//! only reorders its rows with CSS `order`, so print, assistive technology and a browser without CSS
//! grid all get the severity order.
//! Every piece of document text goes through [`escape`], so a draft containing `<script>` shows it as
//! text. The inline redline marks changes with `<del>` and `<ins>`; the side-by-side view uses `<mark>`,
//! so each change is one `<del>` or `<ins>` in the page.

use std::io::{self, Write};

use crate::classify::{Finding, Severity};
use crate::diff::{ClauseDiff, Op, Status};
use crate::document::Draft;

use super::text::{self, SegmentKind};
use super::{RenderOptions, Report};

pub(super) const STYLE: &str = r#"
.redline .bracket { color: #9a6a00; }
.redline .choice { color: #777; font-weight: bold; }
.redline .lifted { color: #2a7a3a; font-weight: bold; }
:root { --del: #b3261e; --del-bg: #fde7e6; --ins: #146c2e; --ins-bg: #e3f5e8; --muted: #5f6368;
  --line: #dadce0; --high: #b3261e; --medium: #b06000; --low: #1a56b8; --info: #5f6368; }
* { box-sizing: border-box; }
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: #202124; margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .75rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1rem; margin: 0 0 .4rem; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.drafts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 1rem; }
.drafts dt { font-weight: 600; } .drafts dd { margin: 0; }
.summary { margin: .5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { font-weight: 600; background: #f8f9fa; }
.counts { width: auto; } .findings td:nth-child(3) { white-space: nowrap; } .counts td:nth-child(n+2), .counts th:nth-child(n+2) { text-align: right; }
.sev { font-weight: 600; text-transform: uppercase; font-size: .8em; }
.sev-high .sev, .sev.high { color: var(--high); } .sev-medium .sev, .sev.medium { color: var(--medium); }
.sev-low .sev, .sev.low { color: var(--low); } .sev-info .sev, .sev.info { color: var(--info); }
.words del, .redline del { color: var(--del); background: var(--del-bg); }
.words ins, .redline ins { color: var(--ins); background: var(--ins-bg); text-decoration: none; }
del { text-decoration: line-through; }
.controls { display: flex; flex-wrap: wrap; gap: .3rem 1rem; align-items: center; padding: .6rem .8rem;
  border: 1px solid var(--line); border-radius: .4rem; background: #f8f9fa; position: sticky; top: 0; z-index: 1; }
.controls label { cursor: pointer; }
.clause { border: 1px solid var(--line); border-radius: .4rem; padding: .75rem 1rem; margin: 0 0 .75rem; }
.clause:target { outline: 2px solid var(--low); }
.tags { color: var(--muted); font-weight: normal; font-size: .9em; }
.path { color: var(--muted); font-size: .85em; }
.redline { white-space: pre-wrap; margin: .3rem 0; }
.sbs { display: none; grid-template-columns: 1fr 1fr; gap: 1rem; margin: .3rem 0; }
.sbs > div { white-space: pre-wrap; padding: .4rem .6rem; border-radius: .3rem; background: #fafafa; }
.sbs .old mark { background: var(--del-bg); color: var(--del); text-decoration: line-through; }
.sbs .new mark { background: var(--ins-bg); color: var(--ins); }
.clause ul { margin: .4rem 0 0; padding-left: 1.2rem; }
.unchanged { color: var(--muted); }
.unchanged p { white-space: pre-wrap; margin: .3rem 0; }
.notes { color: var(--medium); }
#view-sbs:checked ~ main .redline { display: none; }
#view-sbs:checked ~ main .sbs { display: grid; }
#only-high:checked ~ main .finding:not(.sev-high),
#only-medium:checked ~ main .finding:not(.sev-high):not(.sev-medium),
#only-low:checked ~ main .finding.sev-info { display: none; }
#only-high:checked ~ main .clause:not(.has-high),
#only-medium:checked ~ main .clause:not(.has-high):not(.has-medium),
#only-low:checked ~ main .clause:not(.has-high):not(.has-medium):not(.has-low) { display: none; }
/* A grid of subgrid rows looks like the table it is, and lets `order` put the rows in clause order
   without a second copy of them. Browsers without subgrid keep the plain table (severity order). */
@supports (grid-template-columns: subgrid) {
  table.findings { display: grid; grid-template-columns: repeat(3, max-content) minmax(8rem, 1fr) minmax(12rem, 2fr); }
  table.findings > thead, table.findings > tbody { display: contents; }
  table.findings tr { display: grid; grid-column: 1 / -1; grid-template-columns: subgrid; }
  table.findings td, table.findings th { overflow-wrap: anywhere; }
}
#order-clause:checked ~ main tr.finding { order: var(--clause); }
input.toggle { position: absolute; opacity: 0; pointer-events: none; }
#only-all:checked ~ .controls label[for=only-all], #only-high:checked ~ .controls label[for=only-high],
#only-medium:checked ~ .controls label[for=only-medium], #only-low:checked ~ .controls label[for=only-low],
#order-severity:checked ~ .controls label[for=order-severity],
#order-clause:checked ~ .controls label[for=order-clause],
#view-sbs:checked ~ .controls label[for=view-sbs] { font-weight: 700; text-decoration: underline; }
#only-all:focus-visible ~ .controls label[for=only-all], #only-high:focus-visible ~ .controls label[for=only-high],
#only-medium:focus-visible ~ .controls label[for=only-medium], #only-low:focus-visible ~ .controls label[for=only-low],
#order-severity:focus-visible ~ .controls label[for=order-severity],
#order-clause:focus-visible ~ .controls label[for=order-clause],
#view-sbs:focus-visible ~ .controls label[for=view-sbs] { outline: 2px solid var(--low); outline-offset: 2px; }
@media print {
  .controls { display: none; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .clause { break-inside: avoid; }
  details::details-content { content-visibility: visible; display: block; }
  a { color: inherit; text-decoration: none; }
  #order-clause:checked ~ main tr.finding { order: 0; }
}
"#;

/// Escapes text for HTML content and attribute values: the one entry point every piece of document
/// text passes through. `&`, `<`, `>`, `"` and `'` become character references (`&#60;`, `&#39;`, …),
/// so the text is safe between tags and inside a quoted attribute alike.
pub fn escape(text: &str) -> String {
    askama_escape::escape(text, askama_escape::Html).to_string()
}

pub(super) fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let title = format!("clausediff: {} → {}", report.old.label, report.new.label);
    page_start(&title, out)?;
    writeln!(out, "<header>\n<h1>clausediff report</h1>")?;
    overview(report, out)?;
    writeln!(out, "</header>")?;
    controls(out)?;
    writeln!(out, "<main>")?;
    body(report, options, "", out)?;
    page_end(out)
}

/// The document head and the opening of the body.
pub(super) fn page_start(title: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<meta name=\"generator\" content=\"clausediff\">")?;
    writeln!(
        out,
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(title)
    )
}

/// Closes `<main>` and the page.
pub(super) fn page_end(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "</main>\n</body>\n</html>")
}

/// The findings table and the clauses of a report. Element ids start with `prefix`, so several
/// reports can share a page (a folder of documents); a prefixed report's headings are one level
/// lower.
pub(super) fn body(
    report: &Report,
    options: &RenderOptions,
    prefix: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    findings_table(report, options, prefix, out)?;
    clauses(report, prefix, out)
}

fn heading(prefix: &str) -> &'static str {
    if prefix.is_empty() { "h2" } else { "h3" }
}

fn draft_line(draft: &Draft) -> String {
    let count = text::plural(draft.clauses.len(), "clause");
    if draft.label == draft.source {
        format!("<code>{}</code> ({count})", escape(&draft.source))
    } else {
        format!(
            "{} — <code>{}</code> ({count})",
            escape(&draft.label),
            escape(&draft.source)
        )
    }
}

/// The two drafts, the summary, the counts of findings and the notes of a report.
pub(super) fn overview(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<dl class=\"drafts\">")?;
    writeln!(out, "<dt>Old</dt><dd>{}</dd>", draft_line(&report.old))?;
    writeln!(out, "<dt>New</dt><dd>{}</dd>", draft_line(&report.new))?;
    writeln!(out, "</dl>")?;
    writeln!(
        out,
        "<p class=\"summary\">{} → {} clauses: {}.</p>",
        report.old.clauses.len(),
        report.new.clauses.len(),
        escape(&text::counts(&report.summary))
    )?;
    if let Some(counts) = text::negotiation(&report.summary) {
        writeln!(
            out,
            "<p class=\"summary negotiation\">Negotiation text: {}.</p>",
            escape(&counts)
        )?;
    }
    counts_table(report, out)?;
    if !report.notes.is_empty() {
        writeln!(out, "<ul class=\"notes\">")?;
        for note in &report.notes {
            writeln!(out, "<li>{}</li>", escape(&note.to_string()))?;
        }
        writeln!(out, "</ul>")?;
    }
    Ok(())
}

/// Findings by kind (rows) and severity (columns).
fn counts_table(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.findings.is_empty() {
        return writeln!(out, "<p>No findings.</p>");
    }
    let severities = [
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];
    writeln!(out, "<table class=\"counts\">\n<thead><tr><th>Finding</th>")?;
    for s in severities {
        write!(out, "<th class=\"sev {0}\">{0}</th>", s.name())?;
    }
    writeln!(out, "<th>total</th></tr></thead>\n<tbody>")?;
    for (kind, total) in &report.summary.findings {
        write!(out, "<tr><td>{kind}</td>")?;
        for s in severities {
            let n = report
                .findings
                .iter()
                .filter(|f| f.kind.name() == *kind && f.severity == s)
                .count();
            write!(
                out,
                "<td>{}</td>",
                if n == 0 { String::new() } else { n.to_string() }
            )?;
        }
        writeln!(out, "<td>{total}</td></tr>")?;
    }
    let total = report.findings.len();
    write!(out, "<tr><th>all</th>")?;
    for s in severities {
        let n = report.findings.iter().filter(|f| f.severity == s).count();
        write!(out, "<th>{n}</th>")?;
    }
    writeln!(out, "<th>{total}</th></tr>\n</tbody>\n</table>")
}

pub(super) fn controls(out: &mut dyn Write) -> io::Result<()> {
    // The inputs come before <main> so CSS sibling selectors can filter and switch views.
    writeln!(
        out,
        "<input class=\"toggle\" type=\"radio\" name=\"only\" id=\"only-all\" checked>\n\
         <input class=\"toggle\" type=\"radio\" name=\"only\" id=\"only-high\">\n\
         <input class=\"toggle\" type=\"radio\" name=\"only\" id=\"only-medium\">\n\
         <input class=\"toggle\" type=\"radio\" name=\"only\" id=\"only-low\">\n\
         <input class=\"toggle\" type=\"radio\" name=\"order\" id=\"order-severity\" checked>\n\
         <input class=\"toggle\" type=\"radio\" name=\"order\" id=\"order-clause\">\n\
         <input class=\"toggle\" type=\"checkbox\" id=\"view-sbs\">\n\
         <nav class=\"controls\"><span>Show:</span>\
         <label for=\"only-all\">all</label> <label for=\"only-high\">high</label> \
         <label for=\"only-medium\">medium and above</label> <label for=\"only-low\">low and above</label>\
         <span>·</span><span>Findings:</span><label for=\"order-severity\">by severity</label> \
         <label for=\"order-clause\">in clause order</label>\
         <span>·</span><label for=\"view-sbs\">side by side</label></nav>"
    )
}

fn anchor(finding: &Finding, prefix: &str) -> String {
    match finding.change {
        Some(index) => format!("#{prefix}clause-{index}"),
        None => format!("#{prefix}findings"),
    }
}

fn findings_table(
    report: &Report,
    options: &RenderOptions,
    prefix: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let h = heading(prefix);
    writeln!(
        out,
        "<section id=\"{prefix}findings\">\n<{h}>Findings</{h}>"
    )?;
    if report.findings.is_empty() {
        return writeln!(out, "<p>No findings.</p>\n</section>");
    }
    writeln!(
        out,
        "<table class=\"findings\">\n<thead><tr><th>Severity</th><th>Kind</th><th>Clause</th><th>Old → new</th><th>Message</th></tr></thead>\n<tbody>"
    )?;
    // Most severe first; `--clause` is the row's place in clause order, for the order switch.
    for i in text::by_severity(&report.findings) {
        let f = &report.findings[i];
        writeln!(
            out,
            "<tr class=\"finding sev-{sev}\" style=\"--clause: {place}\"><td class=\"sev\">{sev}</td><td>{kind}</td><td><a href=\"{href}\">{clause}</a></td><td class=\"words\">{words}</td><td>{message}</td></tr>",
            sev = f.severity.name(),
            place = i + 1,
            kind = f.kind.name(),
            href = anchor(f, prefix),
            clause = escape(&f.clause_label()),
            words = words(f),
            message = escape(&options.message(i, f)),
        )?;
    }
    writeln!(out, "</tbody>\n</table>\n</section>")
}

/// The old and new words of a finding, marked as a redline cell.
fn words(f: &Finding) -> String {
    let (old, new) = (
        crate::classify::excerpt(&f.old_text),
        crate::classify::excerpt(&f.new_text),
    );
    match (old.is_empty(), new.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!("<s>{}</s>", escape(&old)),
        (true, false) => format!("<u>{}</u>", escape(&new)),
        _ => format!("<s>{}</s> → <u>{}</u>", escape(&old), escape(&new)),
    }
}

fn clauses(report: &Report, prefix: &str, out: &mut dyn Write) -> io::Result<()> {
    let h = heading(prefix);
    writeln!(
        out,
        "<section id=\"{prefix}clauses\">\n<{h}>Changed clauses</{h}>"
    )?;
    let mut unchanged = Vec::new();
    for (index, change) in report.changes.iter().enumerate() {
        if text::is_change(change) {
            clause(
                report,
                index,
                change,
                &format!("{prefix}clause-{index}"),
                out,
            )?;
        } else {
            unchanged.push((index, change));
        }
    }
    if !unchanged.is_empty() {
        writeln!(
            out,
            "<details class=\"unchanged\"><summary>{} (renumbered ones show both numbers)</summary>",
            escape(&format!(
                "{} unchanged",
                text::plural(unchanged.len(), "clause")
            ))
        )?;
        for (index, change) in unchanged {
            let label = text::entry_label(&report.old, &report.new, change);
            writeln!(
                out,
                "<p id=\"{prefix}clause-{index}\"><b>{}</b> {}</p>",
                escape(&label),
                escape(change.new_text(&report.new))
            )?;
        }
        writeln!(out, "</details>")?;
    }
    writeln!(out, "</section>")
}

/// A changed clause as an `<article>` with the given element id: header, path, inline redline,
/// side-by-side view, findings.
pub(super) fn clause(
    report: &Report,
    index: usize,
    change: &ClauseDiff,
    id: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let own: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.change == Some(index))
        .collect();
    let mut classes = format!("clause status-{}", change.status.name());
    for s in [Severity::High, Severity::Medium, Severity::Low] {
        if own.iter().any(|f| f.severity == s) {
            classes.push_str(&format!(" has-{}", s.name()));
        }
    }
    let label = text::entry_label(&report.old, &report.new, change);
    let mut tags = text::status_words(change).join(", ");
    if change.modified && change.words.similarity < 1.0 {
        tags.push_str(&format!(
            ", {:.0}% similar",
            change.words.similarity * 100.0
        ));
    }
    writeln!(out, "<article class=\"{classes}\" id=\"{id}\">")?;
    writeln!(
        out,
        "<h3>{} <span class=\"tags\">({})</span></h3>",
        escape(&label),
        escape(&tags)
    )?;
    let path = clause_path(report, change);
    if !path.is_empty() {
        writeln!(out, "<div class=\"path\">{}</div>", escape(&path))?;
    }
    let mut inline = String::new();
    for segment in text::segments(report, change) {
        let piece = escape(segment.text);
        match segment.kind {
            SegmentKind::Equal => inline.push_str(&open_brackets(&piece)),
            SegmentKind::Deleted => inline.push_str(&format!("<del>{piece}</del>")),
            SegmentKind::Inserted => {
                inline.push_str(&format!("<ins>{}</ins>", open_brackets(&piece)));
            }
            SegmentKind::Mark => inline.push_str(&format!("<span class=\"choice\">{piece}</span>")),
            SegmentKind::Lifted => inline.push_str(&format!(
                "<span class=\"lifted\" title=\"agreed: brackets removed\">{piece}</span>"
            )),
        }
    }
    writeln!(out, "<div class=\"redline\">{inline}</div>")?;
    let (old, new) = side_by_side(report, change);
    writeln!(
        out,
        "<div class=\"sbs\"><div class=\"old\">{old}</div><div class=\"new\">{new}</div></div>"
    )?;
    let listed: Vec<&&Finding> = own
        .iter()
        .filter(|f| !f.kind.is_shown_by_redline())
        .collect();
    if !listed.is_empty() {
        writeln!(out, "<ul>")?;
        for f in listed {
            writeln!(
                out,
                "<li class=\"finding sev-{0}\"><span class=\"sev\">{0}</span> {1}</li>",
                f.severity.name(),
                escape(&f.message())
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</article>")
}

/// The headings above an entry's clause, for context.
fn clause_path(report: &Report, change: &ClauseDiff) -> String {
    let clause = change
        .pair
        .new
        .first()
        .map(|&j| &report.new.clauses[j])
        .or_else(|| change.pair.old.first().map(|&i| &report.old.clauses[i]));
    clause.map_or(String::new(), |c| c.path.join(" › "))
}

/// The two sides of an entry, changes marked with `<mark>`.
fn side_by_side(report: &Report, change: &ClauseDiff) -> (String, String) {
    let (old_text, new_text) = (change.old_text(&report.old), change.new_text(&report.new));
    let (mut old, mut new) = (String::new(), String::new());
    for edit in &change.words.edits {
        let (o, n) = (
            escape(&old_text[edit.old.clone()]),
            escape(&new_text[edit.new.clone()]),
        );
        let marked = |s: &str| {
            if s.trim().is_empty() {
                s.to_string()
            } else {
                format!("<mark>{s}</mark>")
            }
        };
        match edit.op {
            Op::Equal => {
                old.push_str(&o);
                new.push_str(&n);
            }
            _ => {
                old.push_str(&marked(&o));
                new.push_str(&marked(&n));
            }
        }
    }
    if change.status == Status::Added {
        old.clear();
    }
    (old, new)
}

/// Escaped text with its square brackets marked, so text still in brackets stands out: the brackets
/// of a negotiating text are what a delegate scans for.
fn open_brackets(escaped: &str) -> std::borrow::Cow<'_, str> {
    if !escaped.contains(['[', ']']) {
        return std::borrow::Cow::Borrowed(escaped);
    }
    std::borrow::Cow::Owned(
        escaped
            .replace('[', "<b class=\"bracket\">[</b>")
            .replace(']', "<b class=\"bracket\">]</b>"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::InputFormat;

    /// The HTML report on two plain-text drafts labelled `v1` and `v2`.
    fn page(old: &str, new: &str) -> String {
        let draft = |label: &str, text: &str| Draft::parse(label, label, text, InputFormat::Text);
        let report = crate::compare(
            draft("v1", old),
            draft("v2", new),
            &crate::Options::default(),
        );
        let mut out = Vec::new();
        render(&report, &RenderOptions::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The findings rows of a page, each as its severity and its place in clause order.
    fn rows(page: &str) -> Vec<(&str, usize)> {
        page.split("<tr class=\"finding sev-")
            .skip(1)
            .map(|row| {
                let severity = &row[..row.find('"').unwrap()];
                let place = row.split("--clause: ").nth(1).unwrap();
                (severity, place[..place.find('"').unwrap()].parse().unwrap())
            })
            .collect()
    }

    #[test]
    fn findings_are_listed_most_severe_first_then_in_clause_order() {
        let page = page(
            "1. The Parties will fully cooperate.\n\n2. The Parties shall meet.\n\n3. They shall report.\n",
            "1. The Parties will cooperate.\n\n2. The Parties should meet.\n\n3. They should report.\n",
        );
        let rows = rows(&page);
        let severities: Vec<&str> = rows.iter().map(|r| r.0).collect();
        assert_eq!(severities, ["high", "high", "low"], "{page}");
        // Clause order puts the low finding of clause 1 first; within "high", clause 2 before 3.
        let places: Vec<usize> = rows.iter().map(|r| r.1).collect();
        assert_eq!(places, [2, 3, 1]);
    }

    #[test]
    fn the_clause_order_switch_is_a_radio_before_main_checked_on_severity() {
        let page = page("1. They shall meet.\n", "1. They should meet.\n");
        let severity = page.find("id=\"order-severity\" checked>").unwrap();
        let clause = page.find("id=\"order-clause\">").unwrap();
        assert!(severity < clause && clause < page.find("<main>").unwrap());
        assert!(page.contains("<label for=\"order-clause\">in clause order</label>"));
        assert!(
            STYLE.contains("#order-clause:checked ~ main tr.finding { order: var(--clause); }")
        );
        // Print resets the order: paper gets the severity order the markup has.
        let print = &STYLE[STYLE.find("@media print").unwrap()..];
        assert!(print.contains("#order-clause:checked ~ main tr.finding { order: 0; }"));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&#60;script&#62;alert(&#39;x&#39;) &#38; &#34;y&#34;&#60;/script&#62;"
        );
    }

    #[test]
    fn escaping_leaves_other_text_alone() {
        assert_eq!(
            escape("OP 3(a) — Côte d’Ivoire / [fully]"),
            "OP 3(a) — Côte d’Ivoire / [fully]"
        );
    }
}
