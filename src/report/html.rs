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

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::classify::{Finding, Severity};
use crate::diff::{ClauseDiff, Op, Status};
use crate::document::Draft;
use crate::text::Language;

use super::text::{self, SegmentKind};
use super::{RenderOptions, Report};

pub(super) const STYLE: &str = r#"
.redline .bracket { color: #9a6a00; }
.redline .choice { color: #777; font-weight: bold; }
.redline .lifted { color: #2a7a3a; font-weight: bold; }
:root { --del: #b3261e; --del-bg: #fde7e6; --ins: #146c2e; --ins-bg: #e3f5e8; --muted: #5f6368;
  --line: #dadce0; --high: #b3261e; --medium: #b06000; --low: #1a56b8; --info: #5f6368;
  --unchanged: #5f6368; --unchanged-bg: #f1f3f4; --renumbered: #6a3d9a; --renumbered-bg: #f1e7fb; }
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
.redline .sep::before { content: "→"; color: var(--muted); margin: 0 .2em; font-size: .85em; }
.controls { display: flex; flex-wrap: wrap; gap: .3rem 1rem; align-items: center; padding: .6rem .8rem;
  border: 1px solid var(--line); border-radius: .4rem; background: #f8f9fa; position: sticky; top: 0; z-index: 1; }
.controls label { cursor: pointer; }
.clause { border: 1px solid var(--line); border-radius: .4rem; padding: .75rem 1rem; margin: 0 0 .75rem; }
.clause:target { outline: 2px solid var(--low); }
.tags { color: var(--muted); font-weight: normal; font-size: .9em; }
/* Status badges; each text colour is at least 5.4:1 on its background (WCAG AA). */
.badge { display: inline-block; padding: 0 .45em; border-radius: .7em; font-size: .8em; font-weight: 600;
  line-height: 1.5; white-space: nowrap; color: var(--fg); background: var(--bg);
  border: 1px solid color-mix(in srgb, var(--fg) 30%, transparent); }
.badge.status-unchanged { --fg: var(--unchanged); --bg: var(--unchanged-bg); }
.badge.status-renumbered { --fg: var(--renumbered); --bg: var(--renumbered-bg); }
.badge.status-modified { --fg: #7a4d00; --bg: #feefc3; } .badge.status-moved { --fg: #174ea6; --bg: #d2e3fc; }
.badge.status-added { --fg: #0d652d; --bg: #ceead6; } .badge.status-removed { --fg: #a50e0e; --bg: #fad2cf; }
.badge.status-split, .badge.status-merged { --fg: #00695c; --bg: #d5efeb; }
.path { color: var(--muted); font-size: .85em; }
.redline { white-space: pre-wrap; margin: .3rem 0; }
.sbs { display: none; grid-template-columns: 1fr 1fr; gap: 1rem; margin: .3rem 0; }
.sbs > div { white-space: pre-wrap; padding: .4rem .6rem; border-radius: .3rem; background: #fafafa; }
.sbs .side { white-space: normal; font-size: .8em; font-weight: 600; color: var(--muted);
  border-bottom: 1px solid var(--line); margin: 0 0 .3rem; padding-bottom: .15rem; }
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
    let count = text::counted_clauses(draft);
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
    // One pass over the findings, however many kinds.
    let mut by_kind: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    for f in &report.findings {
        *by_kind.entry((f.kind.name(), f.severity)).or_default() += 1;
    }
    for (kind, total) in &report.summary.findings {
        write!(out, "<tr><td>{kind}</td>")?;
        for s in severities {
            let n = by_kind.get(&(*kind, s)).copied().unwrap_or(0);
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

/// The `lang` and `dir` attributes of a draft's text: its language when known (`dir="rtl"` for
/// Arabic), else `dir="auto"`, the direction of the text's first strong character.
fn text_lang(language: Option<Language>) -> String {
    match language {
        Some(l) => format!(
            " lang=\"{}\" dir=\"{}\"",
            l.code(),
            if l.is_right_to_left() { "rtl" } else { "ltr" }
        ),
        None => " dir=\"auto\"".to_string(),
    }
}

/// The old and new words of a finding, marked as a redline cell; each quotation isolated
/// (`<bdi>`), so Arabic words keep their direction inside the English table.
fn words(f: &Finding) -> String {
    let (old, new) = (
        crate::classify::excerpt(&f.old_text),
        crate::classify::excerpt(&f.new_text),
    );
    match (old.is_empty(), new.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!("<s><bdi>{}</bdi></s>", escape(&old)),
        (true, false) => format!("<u><bdi>{}</bdi></u>", escape(&new)),
        _ => format!(
            "<s><bdi>{}</bdi></s> → <u><bdi>{}</bdi></u>",
            escape(&old),
            escape(&new)
        ),
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
        unchanged_list(report, prefix, &unchanged, out)?;
    }
    writeln!(out, "</section>")
}

/// The entries whose words did not change, folded away. A renumbered one shows both numbers in the
/// renumbered colour; the summary counts each colour, so it is also their legend.
fn unchanged_list(
    report: &Report,
    prefix: &str,
    unchanged: &[(usize, &ClauseDiff)],
    out: &mut dyn Write,
) -> io::Result<()> {
    let renumbered = unchanged.iter().filter(|(_, c)| c.pair.renumbered).count();
    let mut legend = Vec::new();
    if renumbered < unchanged.len() {
        let n = unchanged.len() - renumbered;
        legend.push(badge("unchanged", &format!("{n} unchanged")));
    }
    if renumbered > 0 {
        legend.push(badge("renumbered", &format!("{renumbered} renumbered")));
    }
    writeln!(
        out,
        "<details class=\"unchanged\"><summary>{}: {}</summary>",
        escape(&format!(
            "{} with the same words",
            text::plural(unchanged.len(), "clause")
        )),
        legend.join(" ")
    )?;
    for (index, change) in unchanged {
        let status = if change.pair.renumbered {
            "renumbered"
        } else {
            "unchanged"
        };
        let label = text::entry_label(&report.old, &report.new, change);
        writeln!(
            out,
            "<p id=\"{prefix}clause-{index}\">{} {}</p>",
            badge(status, &label),
            escape(change.new_text(&report.new))
        )?;
    }
    writeln!(out, "</details>")
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
    let own = report.findings_of(index);
    let mut classes = format!("clause status-{}", change.status.name());
    for s in [Severity::High, Severity::Medium, Severity::Low] {
        if own.iter().any(|f| f.severity == s) {
            classes.push_str(&format!(" has-{}", s.name()));
        }
    }
    writeln!(out, "<article class=\"{classes}\" id=\"{id}\">")?;
    writeln!(out, "<h3>{}</h3>", clause_heading(report, change))?;
    let path = clause_path(report, change);
    if !path.is_empty() {
        writeln!(out, "<div class=\"path\">{}</div>", escape(&path))?;
    }
    // The drafts' words carry their language and direction (Arabic reads right to left); the
    // report's own words are English. A redline of two languages lets the browser find each run's.
    let both = if report.old.language == report.new.language {
        text_lang(report.new.language)
    } else {
        text_lang(None)
    };
    writeln!(
        out,
        "<div class=\"redline\"{both}>{}</div>",
        redline(report, change)
    )?;
    let (old, new) = side_by_side(report, change);
    writeln!(
        out,
        "<div class=\"sbs\"><div class=\"old\"><div class=\"side\">Old — {}</div><div{}>{old}</div></div>\
         <div class=\"new\"><div class=\"side\">New — {}</div><div{}>{new}</div></div></div>",
        escape(&report.old.label),
        text_lang(report.old.language),
        escape(&report.new.label),
        text_lang(report.new.language),
    )?;
    let listed: Vec<&Finding> = own
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

/// An entry's label, a badge per status word and how similar its two sides are.
fn clause_heading(report: &Report, change: &ClauseDiff) -> String {
    let mut heading = escape(&text::entry_label(&report.old, &report.new, change));
    for word in text::status_words(change) {
        heading.push(' ');
        heading.push_str(&badge(word, word));
    }
    if change.modified && change.words.similarity < 1.0 {
        heading.push_str(&format!(
            " <span class=\"tags\">{:.0}% similar</span>",
            change.words.similarity * 100.0
        ));
    }
    heading
}

/// A status badge: `status` (a word of [`text::status_words`]) gives its colour and its title, the
/// legend a reader gets on hover; `shown` is its text.
fn badge(status: &str, shown: &str) -> String {
    format!(
        "<span class=\"badge status-{status}\" title=\"{}\">{}</span>",
        escape(status_title(status)),
        escape(shown)
    )
}

/// What a status word means.
fn status_title(status: &str) -> &'static str {
    match status {
        "unchanged" => "unchanged: the same words",
        "renumbered" => "renumbered: the clause's number changed",
        "modified" => "modified: the words changed",
        "moved" => "moved: the clause stands elsewhere in the new draft",
        "split" => "split: one old clause became several",
        "merged" => "merged: several old clauses became one",
        "added" => "added: only the new draft has this clause",
        "removed" => "removed: only the old draft has this clause",
        _ => "",
    }
}

/// Between a deletion and the insertion that replaces it: a mark drawn by CSS, so "shall" and
/// "should" never run together on screen. It holds no text and is hidden from assistive technology,
/// so copied and spoken text stay the drafts' own.
const SEPARATOR: &str = "<span class=\"sep\" aria-hidden=\"true\"></span>";

/// The inline redline of an entry: deletions in `<del>`, insertions in `<ins>`.
fn redline(report: &Report, change: &ClauseDiff) -> String {
    let mut inline = String::new();
    let mut after_deletion = false;
    for segment in text::segments(report, change) {
        let piece = escape(segment.text);
        match segment.kind {
            SegmentKind::Equal => inline.push_str(&open_brackets(&piece)),
            SegmentKind::Deleted => inline.push_str(&format!("<del>{piece}</del>")),
            SegmentKind::Inserted => {
                if after_deletion {
                    inline.push_str(SEPARATOR);
                }
                inline.push_str(&format!("<ins>{}</ins>", open_brackets(&piece)));
            }
            SegmentKind::Mark => inline.push_str(&format!("<span class=\"choice\">{piece}</span>")),
            SegmentKind::Lifted => inline.push_str(&format!(
                "<span class=\"lifted\" title=\"agreed: brackets removed\">{piece}</span>"
            )),
        }
        after_deletion = segment.kind == SegmentKind::Deleted;
    }
    inline
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
        labelled_page(["v1", "v2"], old, new)
    }

    fn labelled_page(labels: [&str; 2], old: &str, new: &str) -> String {
        let draft = |label: &str, text: &str| Draft::parse(label, label, text, InputFormat::Text);
        let report = crate::compare(
            draft(labels[0], old),
            draft(labels[1], new),
            &crate::Options::default(),
        );
        let mut out = Vec::new();
        render(&report, &RenderOptions::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn drafts_text_carries_its_language_and_direction() {
        let arabic = page(
            "المادة 1\nيجب على الدول الأطراف أن تحمي حقوق الإنسان حماية كاملة وفعالة في جميع الأحوال.\n",
            "المادة 1\nيجوز للدول الأطراف أن تحمي حقوق الإنسان حماية كاملة وفعالة في جميع الأحوال.\n",
        );
        // The report's own words stay English; the drafts' words are Arabic, right to left.
        assert!(arabic.contains("<html lang=\"en\">"), "{arabic}");
        assert!(
            arabic.contains("<div class=\"redline\" lang=\"ar\" dir=\"rtl\">"),
            "{arabic}"
        );
        assert_eq!(arabic.matches("<div lang=\"ar\" dir=\"rtl\">").count(), 2);
        assert!(
            arabic.contains("<s><bdi>"),
            "quotations are isolated: {arabic}"
        );
        let english = page(
            "1. The Parties shall protect human rights in all circumstances without delay.\n",
            "1. The Parties may protect human rights in all circumstances without delay.\n",
        );
        assert!(english.contains("<div class=\"redline\" lang=\"en\" dir=\"ltr\">"));
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

    const SEP: &str = "<span class=\"sep\" aria-hidden=\"true\"></span>";

    #[test]
    fn a_replacement_shows_a_separator_between_its_deletion_and_insertion() {
        let page = page("1. They shall meet.\n", "1. They should meet.\n");
        assert!(
            page.contains(&format!("<del>shall</del>{SEP}<ins>should</ins>")),
            "{page}"
        );
        // Drawn by CSS: the page's text gains no arrow.
        assert!(STYLE.contains(".redline .sep::before { content: \"→\";"));
    }

    #[test]
    fn a_lone_deletion_or_insertion_has_no_separator() {
        let page = page(
            "1. They will fully meet.\n",
            "1. They will meet as agreed.\n",
        );
        assert!(page.contains("<del>"), "{page}");
        assert!(page.contains("<ins>"), "{page}");
        assert!(!page.contains(SEP), "{page}");
    }

    #[test]
    fn side_by_side_panes_are_headed_old_and_new_with_escaped_labels() {
        let page = labelled_page(
            ["draft <1>", "draft \"2\" & final"],
            "1. They shall meet.\n",
            "1. They should meet.\n",
        );
        assert!(
            page.contains("<div class=\"old\"><div class=\"side\">Old — draft &#60;1&#62;</div>"),
            "{page}"
        );
        assert!(
            page.contains(
                "<div class=\"new\"><div class=\"side\">New — draft &#34;2&#34; &#38; final</div>"
            ),
            "{page}"
        );
    }

    #[test]
    fn renumbered_and_unchanged_entries_have_their_own_badges() {
        let page = page(
            "1. Alpha stays.\n\n2. Beta goes.\n\n3. Gamma stays.\n",
            "1. Alpha stays.\n\n2. Gamma stays.\n",
        );
        assert!(page.contains(
            "<span class=\"badge status-unchanged\" title=\"unchanged: the same words\">1</span> Alpha stays."
        ), "{page}");
        assert!(page.contains(
            "<span class=\"badge status-renumbered\" title=\"renumbered: the clause&#39;s number changed\">3 → 2</span> Gamma stays."
        ), "{page}");
        // The summary of the folded list is the legend of the two colours.
        assert!(page.contains("<summary>2 clauses with the same words: <span class=\"badge status-unchanged\" title=\"unchanged: the same words\">1 unchanged</span> <span class=\"badge status-renumbered\""), "{page}");
        assert!(
            page.contains("<h3>2 <span class=\"badge status-removed\""),
            "{page}"
        );
    }

    #[test]
    fn renumbered_and_unchanged_have_different_colours() {
        let colour = |name: &str| {
            let at = STYLE.find(&format!("--{name}: ")).unwrap() + name.len() + 4;
            &STYLE[at..at + 7]
        };
        assert_ne!(colour("unchanged"), colour("renumbered"));
        assert_ne!(colour("unchanged-bg"), colour("renumbered-bg"));
    }
}
