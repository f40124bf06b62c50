//! The USLM reader: US Congress bill and resolution XML (`bill`, `resolution` in the USLM
//! namespace), as the Government Publishing Office publishes it.
//!
//! A bill is read as its printed text reads, so the XML and a text rendering of the same print give
//! the same clauses, ids and findings: the text of `<main>` becomes lines for the plain-text parser,
//! each structural element (`section`, `subsection`, `paragraph`, `subparagraph`, `clause`, …,
//! `recital`, `heading`, `chapeau`, `continuation`, appropriations headings) starting a line, a
//! `<chapeau>` or `<content>` after a `<num>` continuing the `<num>`'s line (`(1) Except as …`), and
//! a line break in the source between two such elements ending a paragraph. So `<num>Sec. 104.</num>`,
//! `<num>(a)</num>`, `<num>(1)</num>` give `Sec. 104`, `Sec. 104(a)`, `Sec. 104(a)(1)`, as a
//! text print does. Soft hyphens (U+00AD, line-breaking hints) are not text.
//!
//! The cover page is metadata, not clauses: `<meta>` (title, stage, chamber, dates), the `<preface>`
//! (slug line, congress, session, the actions with their sponsors and committees), the
//! `<attestation>` and the `<endorsement>` on the back. Text a committee struck out
//! (`changed="deleted"`) is left out, as the print shows it struck, with a note; inserted text is
//! read. Each clause keeps its element's `identifier` (`/us/bill/116/hr/2157/tI/s104/a`) as its key.

use roxmltree::{Node, NodeId};

use super::lines::LineIndex;
use super::xml::{self, Lines, Read};

/// Cover-page elements, read as metadata.
const FURNITURE: &[&str] = &[
    "meta",
    "preface",
    "longTitle",
    "attestation",
    "signatures",
    "endorsement",
    "endMarker",
];

/// Elements that start a line of the printed text.
const BLOCKS: &[&str] = &[
    "section",
    "subsection",
    "paragraph",
    "subparagraph",
    "clause",
    "subclause",
    "item",
    "subitem",
    "chapeau",
    "continuation",
    "heading",
    "recital",
    "resolvingClause",
    "p",
    "title",
    "subtitle",
    "part",
    "subpart",
    "division",
    "subdivision",
    "chapter",
    "subchapter",
    "appropriations",
    "longTitle",
    "docTitle",
    "officialTitle",
    "enactingFormula",
    "main",
    "quotedContent",
    "toc",
    "referenceItem",
    "level",
];

/// Blocks that a print sets off as paragraphs of their own, with a blank line before and after.
const PARAGRAPHS: &[&str] = &[
    "docTitle",
    "officialTitle",
    "enactingFormula",
    "resolvingClause",
    "quotedContent",
];

/// Blocks that continue the line of the `<num>` just before them.
const AFTER_NUM: &[&str] = &["chapeau", "content"];

/// Reads a USLM document into clauses, its cover page into metadata.
pub(super) fn read(src: &str) -> Result<Read, String> {
    let doc = xml::parse(src)?;
    let index = LineIndex::new(src);
    let root = doc.root_element();
    let mut walk = Walk {
        index: &index,
        lines: Lines::default(),
        keys: Vec::new(),
        entries: Vec::new(),
        metadata_lines: None,
        struck: 0,
    };
    xml::visit(root, &mut walk);
    let Walk {
        lines,
        entries,
        metadata_lines,
        struck,
        ..
    } = walk;
    let clauses = lines.parse();
    if clauses.is_empty()
        && root
            .descendants()
            .any(|n| n.is_text() && !n.text().unwrap_or("").trim().is_empty())
        && entries.is_empty()
    {
        return Err("no text: the USLM document holds no bill text".to_string());
    }
    let mut notes = Vec::new();
    if struck > 0 {
        notes.push(format!(
            "{struck} passage{} marked as struck out (changed=\"deleted\") left out, as the print shows {}",
            if struck == 1 { "" } else { "s" },
            if struck == 1 { "it" } else { "them" },
        ));
    }
    if !entries.is_empty() {
        notes.push(
            "the cover page (meta, preface, attestation, endorsement) was read as metadata, not clauses"
                .to_string(),
        );
    }
    let metadata = metadata_lines.and_then(|lines| xml::metadata(entries, lines));
    Ok(Read {
        metadata,
        clauses,
        notes,
    })
}

struct Walk<'a> {
    index: &'a LineIndex,
    lines: Lines,
    /// The `identifier`s of the open elements that have one, innermost last.
    keys: Vec<(NodeId, String)>,
    entries: Vec<(String, String)>,
    metadata_lines: Option<super::LineRange>,
    struck: usize,
}

impl xml::Visitor for Walk<'_> {
    /// Whether an element is left out of the text: cover-page furniture (read as metadata here) or
    /// struck-out text.
    fn skips(&mut self, node: Node<'_, '_>) -> bool {
        let name = xml::name(&node);
        if FURNITURE.contains(&name) {
            self.furniture(node);
            return true;
        }
        if node.attribute("changed") == Some("deleted") {
            self.struck += 1;
            return true;
        }
        false
    }

    fn open(&mut self, node: Node<'_, '_>) {
        let name = xml::name(&node);
        if !BLOCKS.contains(&name) {
            return;
        }
        let after_num = node
            .prev_sibling_element()
            .is_some_and(|p| xml::name(&p) == "num");
        if PARAGRAPHS.contains(&name) {
            self.lines.break_paragraph();
        } else if !(AFTER_NUM.contains(&name) && after_num) {
            self.lines.break_line();
        }
        if let Some(key) = node.attribute("identifier") {
            self.keys.push((node.id(), key.to_string()));
        }
    }

    fn close(&mut self, node: Node<'_, '_>) {
        let name = xml::name(&node);
        if !BLOCKS.contains(&name) {
            return;
        }
        if PARAGRAPHS.contains(&name) {
            self.lines.break_paragraph();
        } else {
            self.lines.break_line();
        }
        if self.keys.last().is_some_and(|(id, _)| *id == node.id()) {
            self.keys.pop();
        }
    }

    fn text(&mut self, node: Node<'_, '_>) {
        let text = node.text().unwrap_or("");
        let after_block = node
            .prev_sibling()
            .is_some_and(|p| p.is_element() && BLOCKS.contains(&xml::name(&p)));
        if after_block {
            let blank = text.trim().is_empty();
            // A line break between two blocks ends a paragraph, as does text after a quoted block
            // (`”; and`): both print as a paragraph of their own.
            if !blank || text.contains('\n') {
                self.lines.break_paragraph();
            }
            if blank {
                return;
            }
        }
        let line = self.index.line_of(node.range().start);
        let key = self.keys.last().map(|(_, k)| k.as_str());
        self.lines.push(text, line, key);
    }
}

impl Walk<'_> {
    /// Reads a cover-page element into metadata entries.
    fn furniture(&mut self, node: Node<'_, '_>) {
        let section = xml::name(&node);
        let lines = xml::lines_of(node, self.index);
        if self.metadata_lines.is_none() {
            self.metadata_lines = Some(lines);
        } else if let Some(range) = &mut self.metadata_lines {
            range.last = range.last.max(lines.last);
        }
        if !node.children().any(|c| c.is_element()) {
            let value = xml::text_of(node).replace('\u{AD}', "");
            self.entries.push((section.to_string(), value));
        }
        for child in node.children().filter(Node::is_element) {
            let key = match section {
                "meta" => xml::name(&child).to_string(),
                _ => format!("{section}.{}", xml::name(&child)),
            };
            let value = xml::spaced_text_of(child).replace('\u{AD}', "");
            self.entries.push((key, value));
        }
        for person in node.descendants().filter(|d| {
            matches!(
                xml::name(d),
                "sponsor" | "cosponsor" | "committee" | "signature"
            )
        }) {
            let key = xml::name(&person).to_string();
            if key == "signature" && section != "attestation" {
                continue;
            }
            self.entries.push((key, xml::text_of(person)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BILL: &str = r#"<?xml version="1.0" encoding="UTF-8"?><bill xmlns="http://schemas.gpo.gov/xml/uslm" xmlns:dc="http://purl.org/dc/elements/1.1/"><meta>
<dc:title>116 HR 1 IH: A test bill.</dc:title>
<docStage>Introduced in House</docStage></meta>
<preface>
<congress value="116">116th CONGRESS</congress>
<action><date date="2019-04-09">April 9, 2019</date><actionDescription><sponsor>Mrs. Lowey</sponsor> introduced the following bill; which was referred to the <committee>Committee on Appropriations</committee></actionDescription></action></preface>
<main><longTitle><docTitle>A BILL</docTitle><officialTitle>To test.</officialTitle></longTitle><enactingFormula>Be it enacted,</enactingFormula>
<section identifier="/us/bill/116/hr/1/s1" id="H1"><num value="1">Sec. 1. </num><subsection identifier="/us/bill/116/hr/1/s1/a" class="inline"><num value="a">(a)</num><paragraph identifier="/us/bill/116/hr/1/s1/a/1" class="inline"><num value="1">(1) </num><content>A person is not eligible for more than $900,000.</content></paragraph>
<paragraph identifier="/us/bill/116/hr/1/s1/a/2"><num value="2">(2) </num><content>Paragraph (1) shall not ap&#xAD;ply.</content></paragraph></subsection>
<subsection identifier="/us/bill/116/hr/1/s1/b" changed="deleted"><num value="b">(b) </num><content>Struck text.</content></subsection>
<subsection identifier="/us/bill/116/hr/1/s1/c"><num value="c">(c) </num><chapeau>The Secretary shall—</chapeau>
<paragraph identifier="/us/bill/116/hr/1/s1/c/1"><num value="1">(1) </num><content>report; and</content></paragraph></subsection></section></main>
<attestation><action><actionDescription>Passed the House </actionDescription><date>May 1, 2019</date>.</action></attestation>
<endorsement><congress>116th CONGRESS</congress></endorsement></bill>"#;

    #[test]
    fn sections_nest_their_subsections_and_paragraphs_as_a_print_does() {
        let read = read(BILL).unwrap();
        let got: Vec<(&str, &str, Option<&str>)> = read
            .clauses
            .iter()
            .map(|c| (c.id.0.as_str(), c.text.as_str(), c.key.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("¶1", "Be it enacted,", None),
                ("Sec. 1", "", Some("/us/bill/116/hr/1/s1")),
                ("Sec. 1(a)", "", Some("/us/bill/116/hr/1/s1/a")),
                (
                    "Sec. 1(a)(1)",
                    "A person is not eligible for more than $900,000.",
                    Some("/us/bill/116/hr/1/s1/a/1")
                ),
                (
                    "Sec. 1(a)(2)",
                    "Paragraph (1) shall not apply.",
                    Some("/us/bill/116/hr/1/s1/a/2")
                ),
                (
                    "Sec. 1(c)",
                    "The Secretary shall—",
                    Some("/us/bill/116/hr/1/s1/c")
                ),
                (
                    "Sec. 1(c)(1)",
                    "report; and",
                    Some("/us/bill/116/hr/1/s1/c/1")
                ),
            ]
        );
        // Each clause stands on its element's source line.
        assert_eq!(read.clauses[3].lines.first, 8);
        assert!(read.notes[0].starts_with("1 passage marked as struck out"));
    }

    #[test]
    fn the_cover_page_is_metadata() {
        let read = read(BILL).unwrap();
        let metadata = read.metadata.unwrap();
        let value = |key: &str| {
            metadata
                .entries
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(value("title"), Some("116 HR 1 IH: A test bill."));
        assert_eq!(value("docStage"), Some("Introduced in House"));
        assert_eq!(value("preface.congress"), Some("116th CONGRESS"));
        assert_eq!(
            value("preface.action"),
            Some(
                "April 9, 2019 Mrs. Lowey introduced the following bill; which was referred to the Committee on Appropriations"
            )
        );
        assert_eq!(value("sponsor"), Some("Mrs. Lowey"));
        assert_eq!(value("committee"), Some("Committee on Appropriations"));
        assert_eq!(
            value("attestation.action"),
            Some("Passed the House May 1, 2019.")
        );
        assert_eq!(value("endorsement.congress"), Some("116th CONGRESS"));
        assert_eq!(value("longTitle.officialTitle"), Some("To test."));
        assert_eq!(metadata.lines.first, 1);
    }

    #[test]
    fn a_bill_without_text_is_an_error_and_bad_xml_says_why() {
        assert!(
            read("<bill><main><section/></main></bill>")
                .unwrap()
                .clauses
                .is_empty()
        );
        let err = read("<bill><main><section>").err().unwrap();
        assert!(err.starts_with("not well-formed XML"), "{err}");
    }
}
