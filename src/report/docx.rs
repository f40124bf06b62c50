//! The Word redline (`--format docx`): the new draft with its word-level changes as real tracked
//! changes, each finding a Word comment anchored on its words, after a first page with the summary
//! and the findings by severity.
//!
//! Accepting all its changes gives the new draft's clauses; rejecting them all gives the old
//! draft's (in the new draft's order: a moved clause stands where it now is). Each clause is one
//! paragraph, headings in a heading style, the clause's number written before its text as the
//! draft wrote it (a renumbered clause's old number deleted, its new one inserted). The document is
//! the same bytes for the same report: the revisions and comments are by "clausediff" at a fixed
//! date, and the zip entries have fixed timestamps.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;

use crate::classify::{Finding, Severity};
use crate::diff::{ClauseDiff, Op, Status};
use crate::document::{Clause, ClauseKind, Draft};

use super::{RenderOptions, Report, text};

/// The author of the redline's revisions and comments.
const AUTHOR: &str = "clausediff";
/// Their date: fixed, so the same comparison gives the same bytes.
const DATE: &str = "2000-01-01T00:00:00Z";

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub(super) fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut doc = Doc::default();
    first_page(report, options, &mut doc);
    for (index, change) in report.changes.iter().enumerate() {
        entry(report, index, change, &mut doc);
    }
    out.write_all(&package(&doc)?)
}

/// How a run or paragraph mark stands in the redline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Kept,
    Inserted,
    Deleted,
}

/// The document being written: its body and its comments.
#[derive(Default)]
struct Doc {
    body: String,
    comments: String,
    /// The next `w:id` of a revision or comment.
    next_id: u32,
    comment_count: u32,
}

impl Doc {
    fn id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    fn revision(&mut self) -> String {
        let id = self.id();
        format!(r#"w:id="{id}" w:author="{AUTHOR}" w:date="{DATE}""#)
    }

    /// A run of `text` marked `mark`.
    fn run(&mut self, text: &str, mark: Mark) -> String {
        if text.is_empty() {
            return String::new();
        }
        let text = escape(text);
        match mark {
            Mark::Kept => format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#),
            Mark::Inserted => format!(
                r#"<w:ins {}><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>"#,
                self.revision()
            ),
            Mark::Deleted => format!(
                r#"<w:del {}><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>"#,
                self.revision()
            ),
        }
    }

    /// Ends a paragraph of style `style` holding `runs`, its mark `mark`.
    fn paragraph(&mut self, style: Option<&str>, runs: &str, mark: Mark) {
        let style = style.map(|s| format!(r#"<w:pStyle w:val="{s}"/>"#));
        let mark = match mark {
            Mark::Kept => None,
            Mark::Inserted => Some(format!("<w:rPr><w:ins {}/></w:rPr>", self.revision())),
            Mark::Deleted => Some(format!("<w:rPr><w:del {}/></w:rPr>", self.revision())),
        };
        self.body.push_str("<w:p>");
        if style.is_some() || mark.is_some() {
            let _ = write!(
                self.body,
                "<w:pPr>{}{}</w:pPr>",
                style.unwrap_or_default(),
                mark.unwrap_or_default()
            );
        }
        self.body.push_str(runs);
        self.body.push_str("</w:p>");
    }

    /// Adds a comment saying `text`, returning its id.
    fn comment(&mut self, text: &str) -> u32 {
        let id = self.comment_count;
        self.comment_count += 1;
        let _ = write!(
            self.comments,
            r#"<w:comment w:id="{id}" w:author="{AUTHOR}" w:date="{DATE}" w:initials="cd"><w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p></w:comment>"#,
            escape(text)
        );
        id
    }
}

fn comment_start(id: u32) -> String {
    format!(r#"<w:commentRangeStart w:id="{id}"/>"#)
}

fn comment_end(id: u32) -> String {
    format!(
        r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{id}"/></w:r>"#
    )
}

/// What a comment on a finding says: `softened: Article 1.1: "shall" → "should" (obligation, 5 → 3)`.
fn comment_text(finding: &Finding, message: &str) -> String {
    format!(
        "{} ({}): {message}",
        finding.kind.name().replace('_', " "),
        finding.severity.name()
    )
}

/// The summary and the findings by severity, then a page break. No paragraph starts with a
/// number or a keyword, so reading the redline back gives no clause ids beyond the draft's.
fn first_page(report: &Report, options: &RenderOptions, doc: &mut Doc) {
    let title = format!(
        "clausediff redline: {} → {}",
        report.old.label, report.new.label
    );
    let mut runs = String::new();
    // Findings about the whole document (its metadata) are anchored on the title.
    let whole: Vec<usize> = (0..report.findings.len())
        .filter(|&i| report.findings[i].change.is_none())
        .collect();
    let ids: Vec<u32> = whole
        .iter()
        .map(|&i| {
            doc.comment(&comment_text(
                &report.findings[i],
                &options.message(i, &report.findings[i]),
            ))
        })
        .collect();
    for id in &ids {
        runs.push_str(&comment_start(*id));
    }
    runs.push_str(&doc.run(&title, Mark::Kept));
    for id in &ids {
        runs.push_str(&comment_end(*id));
    }
    doc.paragraph(Some("Title"), &runs, Mark::Kept);
    let summary = &report.summary;
    let lines = [
        format!(
            "Clauses: {} → {}; {}.",
            report.old.clauses.len(),
            report.new.clauses.len(),
            text::counts(summary)
        ),
        format!(
            "Findings: {}.",
            if report.findings.is_empty() {
                "none".to_string()
            } else {
                text::plural(report.findings.len(), "finding")
            }
        ),
        "Changes: tracked in the pages that follow (accept them all for the new draft, reject them all for the old); each finding is a comment on its words.".to_string(),
    ];
    for line in lines {
        let runs = doc.run(&line, Mark::Kept);
        doc.paragraph(None, &runs, Mark::Kept);
    }
    for note in &report.notes {
        let runs = doc.run(&format!("Note: {note}."), Mark::Kept);
        doc.paragraph(None, &runs, Mark::Kept);
    }
    let order = text::by_severity(&report.findings);
    for severity in [
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ] {
        let of: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| report.findings[i].severity == severity)
            .collect();
        if of.is_empty() {
            continue;
        }
        let heading = format!("Findings {} ({})", severity.name(), of.len());
        let runs = doc.run(&heading, Mark::Kept);
        doc.paragraph(Some("Heading2"), &runs, Mark::Kept);
        for i in of {
            let f = &report.findings[i];
            let line = format!(
                "{} — {}",
                f.kind.name().replace('_', " "),
                options.message(i, f)
            );
            let runs = doc.run(&line, Mark::Kept);
            doc.paragraph(Some("ListParagraph"), &runs, Mark::Kept);
        }
    }
    doc.body
        .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
    let runs = doc.run("Redline", Mark::Kept);
    doc.paragraph(Some("Heading1"), &runs, Mark::Kept);
}

/// A piece of an entry's text: its words, how they stand, and where they are in each side's text.
struct Piece<'a> {
    text: &'a str,
    mark: Mark,
    old: Range<usize>,
    new: Range<usize>,
}

/// The pieces of an entry, from its word diff: equal words kept (or, where they are written
/// differently — quotes, spacing — deleted and inserted), the rest deleted and inserted.
fn pieces<'a>(report: &'a Report, change: &'a ClauseDiff) -> Vec<Piece<'a>> {
    let (old, new) = (change.old_text(&report.old), change.new_text(&report.new));
    let mut out = Vec::new();
    let mut push = |text: &'a str, mark, old: Range<usize>, new: Range<usize>| {
        if !text.is_empty() {
            out.push(Piece {
                text,
                mark,
                old,
                new,
            });
        }
    };
    if change.words.edits.is_empty() {
        match change.status {
            Status::Removed => push(old, Mark::Deleted, 0..old.len(), 0..0),
            Status::Added => push(new, Mark::Inserted, 0..0, 0..new.len()),
            _ => push(new, Mark::Kept, 0..old.len(), 0..new.len()),
        }
        return out;
    }
    for e in &change.words.edits {
        let (o, n) = (&old[e.old.clone()], &new[e.new.clone()]);
        match e.op {
            Op::Equal if o == n => push(n, Mark::Kept, e.old.clone(), e.new.clone()),
            Op::Equal if same_words(o, n) => {
                // Words written differently (quotes, apostrophes): only those are changed.
                let (mut at_old, mut at_new) = (e.old.start, e.new.start);
                for (a, b) in o.split_inclusive(' ').zip(n.split_inclusive(' ')) {
                    let (ro, rn) = (at_old..at_old + a.len(), at_new..at_new + b.len());
                    if a == b {
                        push(b, Mark::Kept, ro, rn);
                    } else {
                        push(a, Mark::Deleted, ro, rn.start..rn.start);
                        push(b, Mark::Inserted, at_old + a.len()..at_old + a.len(), rn);
                    }
                    at_old += a.len();
                    at_new += b.len();
                }
            }
            Op::Insert => push(n, Mark::Inserted, e.old.clone(), e.new.clone()),
            Op::Delete => push(o, Mark::Deleted, e.old.clone(), e.new.clone()),
            Op::Equal | Op::Replace => {
                push(o, Mark::Deleted, e.old.clone(), e.new.start..e.new.start);
                push(n, Mark::Inserted, e.old.end..e.old.end, e.new.clone());
            }
        }
    }
    out
}

/// Whether two texts have as many words, spaced alike, so they can be compared word by word.
fn same_words(old: &str, new: &str) -> bool {
    old.split_inclusive(' ').count() == new.split_inclusive(' ').count()
}

/// The style of a paragraph holding `clause`.
fn style(clause: Option<&Clause>) -> Option<&'static str> {
    match clause.map(|c| c.kind) {
        Some(ClauseKind::Heading) => Some("Heading2"),
        _ => None,
    }
}

/// The clause of `draft` at position `part` of an entry's side.
fn part<'a>(draft: &'a Draft, indices: &[usize], part: usize) -> Option<&'a Clause> {
    indices.get(part).and_then(|&i| draft.clauses.get(i))
}

/// The number written before a paragraph of the entry: the old clause's and the new one's, deleted
/// and inserted when they differ.
fn labels(doc: &mut Doc, old: Option<&Clause>, new: Option<&Clause>, marks: [bool; 2]) -> String {
    let label = |c: Option<&Clause>| c.and_then(Clause::written_label).map(|l| format!("{l} "));
    let (o, n) = (
        label(old).filter(|_| marks[0]),
        label(new).filter(|_| marks[1]),
    );
    match (o, n) {
        (Some(o), Some(n)) if o == n => doc.run(&n, Mark::Kept),
        (o, n) => {
            let mut runs = doc.run(&o.unwrap_or_default(), Mark::Deleted);
            runs.push_str(&doc.run(&n.unwrap_or_default(), Mark::Inserted));
            runs
        }
    }
}

/// Where a finding's words are in an entry, on the side they are on.
fn evidence(f: &Finding) -> (bool, Range<usize>) {
    if f.new_text.is_empty() && !f.old_text.is_empty() {
        (false, f.offset..f.offset + f.old_text.len())
    } else {
        (true, f.offset..f.offset + f.new_text.len())
    }
}

/// Whether piece `p` holds (or, for words on the other side only, stands at) `range` of one side.
fn covers(p: &Piece, new_side: bool, range: &Range<usize>) -> bool {
    let own = if new_side { &p.new } else { &p.old };
    if own.is_empty() {
        return range.start <= own.start && own.start <= range.end;
    }
    own.start < range.end.max(range.start + 1) && range.start < own.end
}

/// One aligned entry as paragraphs: its pieces, split into paragraphs where the side texts of a
/// split or merged entry separate their clauses, each finding of the entry a comment on its pieces.
fn entry(report: &Report, index: usize, change: &ClauseDiff, doc: &mut Doc) {
    let pieces = pieces(report, change);
    let (old, new) = (&report.old, &report.new);
    let (old_ids, new_ids) = (&change.pair.old, &change.pair.new);
    // For each finding of this entry: the first and last piece its words lie in.
    let mut anchors: Vec<(usize, usize, u32)> = Vec::new();
    let options = RenderOptions::default();
    for (i, f) in report.findings.iter().enumerate() {
        if f.change != Some(index) {
            continue;
        }
        let (new_side, range) = evidence(f);
        let hits: Vec<usize> = (0..pieces.len())
            .filter(|&k| covers(&pieces[k], new_side, &range))
            .collect();
        let (first, last) = match (hits.first(), hits.last()) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, pieces.len().saturating_sub(1)),
        };
        let id = doc.comment(&comment_text(f, &options.message(i, f)));
        anchors.push((first, last, id));
    }
    let (mut old_part, mut new_part) = (0, 0);
    let first_old = part(old, old_ids, 0);
    let first_new = part(new, new_ids, 0);
    let mut paragraph_style = style(first_new.or(first_old));
    let mut runs = labels(doc, first_old, first_new, [true, true]);
    if pieces.is_empty() {
        for &(_, _, id) in &anchors {
            runs.push_str(&comment_start(id));
            runs.push_str(&comment_end(id));
        }
    }
    for (k, piece) in pieces.iter().enumerate() {
        for &(first, _, id) in &anchors {
            if first == k {
                runs.push_str(&comment_start(id));
            }
        }
        let mut lines = piece.text.split(crate::diff::PART_SEPARATOR).peekable();
        while let Some(line) = lines.next() {
            runs.push_str(&doc.run(line, piece.mark));
            if lines.peek().is_none() {
                break;
            }
            // The side texts of a split or merged entry separate their clauses here.
            doc.paragraph(paragraph_style, &runs, piece.mark);
            let (on_old, on_new) = (piece.mark != Mark::Inserted, piece.mark != Mark::Deleted);
            old_part += usize::from(on_old);
            new_part += usize::from(on_new);
            let (o, n) = (part(old, old_ids, old_part), part(new, new_ids, new_part));
            paragraph_style = style(n.or(o));
            runs = labels(doc, o, n, [on_old, on_new]);
        }
        for &(_, last, id) in &anchors {
            if last == k {
                runs.push_str(&comment_end(id));
            }
        }
    }
    let mark = match change.status {
        Status::Added => Mark::Inserted,
        Status::Removed => Mark::Deleted,
        _ => Mark::Kept,
    };
    doc.paragraph(paragraph_style, &runs, mark);
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot hold.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:trackRevisions/><w:defaultTabStop w:val="720"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif" w:cs="Liberation Serif"/><w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="200"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style><w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style></w:styles>"#;

/// The zip archive of the document.
fn package(doc: &Doc) -> io::Result<Vec<u8>> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}"><w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
        doc.body
    );
    let comments = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{W}">{}</w:comments>"#,
        doc.comments
    );
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/document.xml", document.as_str()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("word/settings.xml", SETTINGS),
        ("word/comments.xml", comments.as_str()),
    ];
    let mut zip = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, text) in parts {
        zip.start_file(name, options).map_err(io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish().map_err(io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::InputFormat;
    use crate::{Options, compare};

    fn redline(old: &str, new: &str) -> Vec<u8> {
        let report = compare(
            Draft::parse("old.txt", "old.txt", old, InputFormat::Text),
            Draft::parse("new.txt", "new.txt", new, InputFormat::Text),
            &Options::default(),
        );
        let mut out = Vec::new();
        render(&report, &RenderOptions::default(), &mut out).unwrap();
        out
    }

    #[test]
    fn the_redline_accepts_to_the_new_draft_and_rejects_to_the_old() {
        let old = "1. The Parties shall cooperate.\n\n2. They will meet in Geneva.\n\n3. Removed text here.\n";
        let new = "1. The Parties should cooperate, as appropriate.\n\n2. They will meet in Vienna.\n\n3. A new \"quoted\" clause & more.\n";
        let bytes = redline(old, new);
        let (rejected, accepted) = Draft::read_tracked("r", "a", "redline.docx", &bytes).unwrap();
        let tail = |d: &Draft| -> Vec<(String, String)> {
            let at = d.clauses.iter().position(|c| c.text == "Redline").unwrap();
            d.clauses[at + 1..]
                .iter()
                .map(|c| (c.id.0.clone(), c.text.clone()))
                .collect()
        };
        let plain = |src: &str| -> Vec<(String, String)> {
            Draft::parse("d", "d", src, InputFormat::Text)
                .clauses
                .into_iter()
                .map(|c| (c.id.0, c.text))
                .collect()
        };
        assert_eq!(tail(&accepted), plain(new));
        assert_eq!(tail(&rejected), plain(old));
        // Findings are comments; the same report gives the same bytes.
        let xml = String::from_utf8_lossy(&bytes);
        assert!(bytes.starts_with(b"PK\x03\x04"));
        assert_eq!(bytes, redline(old, new));
        drop(xml);
    }
}
