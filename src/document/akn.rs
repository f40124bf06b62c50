//! The Akoma Ntoso reader: bills, acts, resolutions, debates and `doc`s in Akoma Ntoso 3.0 (OASIS
//! LegalDocML) or the 2.0 namespace; elements are recognised by their local names, so either
//! namespace (or prefix) reads the same.
//!
//! The document becomes lines for the plain-text parser, so its clauses and ids are those of the
//! same text printed:
//! - a hierarchy element of the outer levels (`book`, `part`, `title`, `chapter`, `subchapter`,
//!   `section`, `article`, …) is a heading of its level: its `<num>` and `<heading>` make one line,
//!   `Article 5 — Scope`, read as `Article 5`;
//! - any other element with a `<num>` (`paragraph`, `subparagraph`, `point`, `item`, `indent`, …)
//!   is a paragraph that starts with its number, `(a) consult;`, nested as the text parser nests
//!   numbers: `Article 5.1(a)`;
//! - every other block (`p` in the preface and preamble, `recital`, `citation`, `intro`, `wrapUp`,
//!   a table cell, a `speech`'s paragraphs, `conclusions`) is a paragraph of its own; the `<p>`s of
//!   one `<content>` are one clause, as a numbered paragraph's sentences are;
//! - a `<heading>` of any other element (an `hcontainer`, a `debateSection`) is a heading.
//!
//! Each clause keeps the `eId` (2.0: `id`) of its element as its key. The draft's own change marks
//! are read as the document states the text: `<ins>` text is kept, `<del>` text left out, with a note
//! saying how many there were. `<remark>`s (editorial: "(Applause)") are left out; `<authorialNote>`s
//! (footnotes) are not part of the sentence they mark but clauses of their own after it
//! (`Note 1: …`). The FRBR identification (`FRBRthis`, `FRBRdate`, `FRBRlanguage`, `FRBRauthor` and
//! the rest, of the work, expression and manifestation) is the document's metadata.

use roxmltree::{Node, NodeId};

use super::lines::LineIndex;
use super::xml::{self, Lines, Read};

/// Hierarchy elements that are headings, with the rank of their level (1 = outermost), as the text
/// parser ranks the same keywords.
const HEADINGS: &[(&str, u8)] = &[
    ("book", 1),
    ("tome", 1),
    ("part", 1),
    ("division", 1),
    ("title", 2),
    ("chapter", 2),
    ("subtitle", 3),
    ("subpart", 3),
    ("subchapter", 3),
    ("subdivision", 3),
    ("section", 4),
    ("article", 4),
    ("rule", 4),
];

/// Rank of a `<heading>` of any other element.
const OTHER_HEADING_RANK: u8 = 5;

/// Inline elements: their text belongs to the block around them. Every element not named here is
/// a block, so a hierarchy element unknown to this list still starts a paragraph of its own.
const INLINE: &[&str] = &[
    "b",
    "i",
    "u",
    "sup",
    "sub",
    "span",
    "a",
    "ref",
    "mref",
    "rref",
    "inline",
    "marker",
    "date",
    "time",
    "person",
    "organization",
    "location",
    "term",
    "quantity",
    "def",
    "abbr",
    "entity",
    "concept",
    "object",
    "event",
    "process",
    "role",
    "party",
    "judge",
    "lawyer",
    "signature",
    "docType",
    "docTitle",
    "docNumber",
    "docProponent",
    "docDate",
    "docStatus",
    "docIntroducer",
    "docStage",
    "docAuthority",
    "docPurpose",
    "docCommittee",
    "docJurisdiction",
    "docketNumber",
    "legislature",
    "session",
    "shortTitle",
    "courtType",
    "neutralCitation",
    "argument",
    "affectedDocument",
    "relatedDocument",
    "change",
    "fillIn",
    "decoration",
    "ins",
    "mod",
    "mmod",
    "rmod",
    "quotedText",
    "noteRef",
    "img",
    "from",
    "vote",
    "outcome",
    "narrative",
    "opinion",
    "recordedTime",
    "omissis",
    "placeholder",
    "extractText",
];

/// Elements that stand for a line break or a page break inside text.
const BREAKS: &[&str] = &["br", "eol", "eop"];

/// Reads an Akoma Ntoso document into clauses, its FRBR identification into metadata.
pub(super) fn read(src: &str) -> Result<Read, String> {
    let doc = xml::parse(src)?;
    let index = LineIndex::new(src);
    let root = doc.root_element();
    if xml::name(&root) != "akomaNtoso" {
        return Err(format!(
            "the root element is <{}>, not <akomaNtoso>",
            xml::name(&root)
        ));
    }
    let mut walk = Walk {
        index: &index,
        lines: Lines::default(),
        keys: Vec::new(),
        heading_line: None,
        label_only: false,
        notes: Vec::new(),
        counts: Counts::default(),
    };
    xml::visit(root, &mut walk);
    walk.flush_notes();
    let Walk { lines, counts, .. } = walk;
    let clauses = lines.parse();
    let metadata = root
        .descendants()
        .find(|n| n.is_element() && xml::name(n) == "meta")
        .and_then(|meta| frbr(meta, &index));
    if clauses.is_empty() && metadata.is_none() {
        return Err("no text: the Akoma Ntoso document holds no clauses".to_string());
    }
    Ok(Read {
        metadata,
        clauses,
        notes: counts.notes(),
    })
}

/// How many of each element the reader read in a particular way.
#[derive(Default)]
struct Counts {
    ins: usize,
    del: usize,
    remarks: usize,
    footnotes: usize,
}

impl Counts {
    fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.ins + self.del > 0 {
            notes.push(format!(
                "the draft's own change marks were read as it states the text: {} inserted \
                 (<ins>) kept, {} deleted (<del>) left out",
                plural(self.ins, "passage"),
                plural(self.del, "passage")
            ));
        }
        if self.remarks > 0 {
            notes.push(format!(
                "{} (<remark>, editorial) left out",
                plural(self.remarks, "remark")
            ));
        }
        if self.footnotes > 0 {
            notes.push(format!(
                "{} (<authorialNote>) read as clauses of their own, after the clause that marks them",
                plural(self.footnotes, "footnote")
            ));
        }
        notes
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

struct Walk<'a> {
    index: &'a LineIndex,
    lines: Lines,
    /// The `eId`s (2.0: `id`s) of the open blocks that have one, innermost last.
    keys: Vec<(NodeId, String)>,
    /// The heading-level element whose `<num>`/`<heading>` line is open.
    heading_line: Option<NodeId>,
    /// Whether the open line holds only a `<num>`, which the block after it continues.
    label_only: bool,
    /// Footnotes met since the last paragraph break: (source line, text).
    notes: Vec<(u32, String)>,
    counts: Counts,
}

fn heading_rank(name: &str) -> Option<u8> {
    HEADINGS.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
}

impl xml::Visitor for Walk<'_> {
    fn text(&mut self, node: Node<'_, '_>) {
        let text = node.text().unwrap_or("");
        let line = self.index.line_of(node.range().start);
        let key = self.keys.last().map(|(_, k)| k.as_str());
        self.lines.push(text, line, key);
        let in_num = node.ancestors().take(4).any(|a| xml::name(&a) == "num");
        if !in_num && !text.trim().is_empty() {
            self.label_only = false;
        }
    }

    /// Whether an element's text is left out of the clauses (counted, or read elsewhere).
    fn skips(&mut self, node: Node<'_, '_>) -> bool {
        match xml::name(&node) {
            "meta" => true,
            "del" => {
                self.counts.del += 1;
                true
            }
            "remark" => {
                self.counts.remarks += 1;
                true
            }
            "authorialNote" | "note" => {
                self.counts.footnotes += 1;
                let marker = node.attribute("marker").unwrap_or("").trim();
                let text = xml::text_of(node);
                if !text.is_empty() {
                    let label = if marker.is_empty() {
                        "Note:".to_string()
                    } else {
                        format!("Note {marker}:")
                    };
                    let line = self.index.line_of(node.range().start);
                    self.notes.push((line, format!("{label} {text}")));
                }
                true
            }
            _ => false,
        }
    }

    fn open(&mut self, node: Node<'_, '_>) {
        let name = xml::name(&node);
        if name == "ins" {
            self.counts.ins += 1;
        }
        if BREAKS.contains(&name) {
            self.lines.push(" ", 0, None);
            return;
        }
        if name == "num" {
            self.label_only = self.heading_line.is_none() && self.lines_is_empty();
            return;
        }
        if INLINE.contains(&name) {
            return;
        }
        let parent = node.parent_element();
        let in_heading_line = parent.is_some_and(|p| Some(p.id()) == self.heading_line);
        if matches!(name, "heading" | "subheading") && in_heading_line {
            // `Article 5` and its title make one heading line: `Article 5 — Scope`.
            if !self.lines.is_line_empty() {
                self.lines.push(" — ", 0, None);
            }
        } else if matches!(name, "heading" | "subheading") {
            self.paragraph_break();
            self.lines.mark_heading(OTHER_HEADING_RANK);
        } else if self.label_only {
            // A paragraph's `<num>` and the blocks that hold its first words make one line:
            // `(a) consult;`. The line stays open until text other than the number arrives.
        } else if name == "p" && parent.is_some_and(|p| xml::name(&p) == "content") {
            self.lines.break_line();
        } else {
            self.paragraph_break();
        }
        if let Some(rank) = heading_rank(name) {
            self.heading_line = Some(node.id());
            self.lines.mark_heading(rank);
        } else if in_heading_line {
            self.heading_line = None;
        }
        if let Some(key) = node.attribute("eId").or_else(|| node.attribute("id")) {
            self.keys.push((node.id(), key.to_string()));
        }
    }

    fn close(&mut self, node: Node<'_, '_>) {
        let name = xml::name(&node);
        if name == "num" {
            // `<num>(a)</num><content>…`: the number and the words are two words.
            self.lines.push(" ", 0, None);
            return;
        }
        if INLINE.contains(&name) || BREAKS.contains(&name) {
            return;
        }
        let in_heading_line = node
            .parent_element()
            .is_some_and(|p| Some(p.id()) == self.heading_line);
        if matches!(name, "heading" | "subheading") && in_heading_line {
            return;
        }
        if name == "p"
            && node
                .parent_element()
                .is_some_and(|p| xml::name(&p) == "content")
        {
            self.lines.break_line();
        } else {
            self.paragraph_break();
        }
        if self.heading_line == Some(node.id()) {
            self.heading_line = None;
        }
        if self.keys.last().is_some_and(|(id, _)| *id == node.id()) {
            self.keys.pop();
        }
    }
}

impl Walk<'_> {
    fn lines_is_empty(&self) -> bool {
        self.lines.is_line_empty()
    }

    /// Ends the paragraph, then writes the footnotes it marked as paragraphs of their own.
    fn paragraph_break(&mut self) {
        self.lines.break_paragraph();
        self.label_only = false;
        self.flush_notes();
    }

    fn flush_notes(&mut self) {
        if self.notes.is_empty() || !self.lines.is_line_empty() {
            return;
        }
        for (line, note) in std::mem::take(&mut self.notes) {
            self.lines.push(&note, line, None);
            self.lines.break_paragraph();
        }
    }
}

/// The FRBR identification of a `<meta>` block as metadata entries: `FRBRWork.FRBRthis`,
/// `FRBRExpression.FRBRlanguage`, `FRBRManifestation.FRBRdate` (a date with its name:
/// `2012-02-22 (markup)`), and an author with its role (`#cnd as #author`).
fn frbr(meta: Node<'_, '_>, index: &LineIndex) -> Option<super::Metadata> {
    let mut entries = Vec::new();
    for group in meta.descendants().filter(|n| {
        n.is_element()
            && matches!(
                xml::name(n),
                "FRBRWork" | "FRBRExpression" | "FRBRManifestation" | "FRBRItem"
            )
    }) {
        for item in group.children().filter(Node::is_element) {
            let value = frbr_value(item);
            entries.push((format!("{}.{}", xml::name(&group), xml::name(&item)), value));
        }
    }
    if let Some(publication) = meta
        .descendants()
        .find(|n| n.is_element() && xml::name(n) == "publication")
    {
        let attributes: Vec<&str> = ["date", "showAs", "number"]
            .iter()
            .filter_map(|a| publication.attribute(*a))
            .collect();
        entries.push(("publication".to_string(), attributes.join(" ")));
    }
    xml::metadata(entries, xml::lines_of(meta, index))
}

/// An FRBR element's value as a person reads it.
fn frbr_value(item: Node<'_, '_>) -> String {
    let attribute = |name: &str| {
        item.attribute(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    if let Some(value) = attribute("value") {
        return value.to_string();
    }
    if let Some(date) = attribute("date") {
        return match attribute("name") {
            Some(name) => format!("{date} ({name})"),
            None => date.to_string(),
        };
    }
    if let Some(language) = attribute("language") {
        return language.to_string();
    }
    if let Some(href) = attribute("href") {
        return match attribute("as") {
            Some(role) => format!("{href} as {role}"),
            None => href.to_string(),
        };
    }
    if let Some(from) = attribute("fromLanguage") {
        return format!("from {from}");
    }
    xml::text_of(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(src: &str) -> Vec<(String, String)> {
        read(src)
            .unwrap()
            .clauses
            .into_iter()
            .map(|c| (c.id.0, c.text))
            .collect()
    }

    const ACT: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="test">
    <meta>
      <identification source="#source">
        <FRBRWork>
          <FRBRthis value="/akn/xx/act/2025/1/!main"/>
          <FRBRdate date="2025-01-01" name="enactment"/>
          <FRBRauthor href="#parliament" as="#author"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/xx/act/2025/1/eng@/!main"/>
          <FRBRlanguage language="eng"/>
        </FRBRExpression>
      </identification>
    </meta>
    <preamble>
      <recitals eId="recs">
        <recital eId="rec_1"><p>Whereas the Parties wish to cooperate;</p></recital>
      </recitals>
    </preamble>
    <body>
      <chapter eId="chp_I">
        <num>CHAPTER I</num>
        <heading>General provisions</heading>
        <article eId="art_1">
          <num>Article 1</num>
          <heading>Scope</heading>
          <paragraph eId="art_1__para_1">
            <num>1.</num>
            <content>
              <p>This Act applies to <ins>all</ins> <del>some</del> the Parties.</p>
              <p>It applies at once.<authorialNote marker="1"><p>As agreed.</p></authorialNote></p>
            </content>
          </paragraph>
          <paragraph eId="art_1__para_2">
            <num>2.</num>
            <intro><p>Each Party shall:</p></intro>
            <point eId="art_1__para_2__point_a"><num>(a)</num><content><p>consult;</p></content></point>
            <point eId="art_1__para_2__point_b"><num>(b)</num><content><p>report<remark>(Applause)</remark>.</p></content></point>
          </paragraph>
        </article>
        <article eId="art_2">
          <num>Article 2</num>
          <paragraph eId="art_2__para_1"><content><p>The Parties shall meet.</p></content></paragraph>
        </article>
      </chapter>
    </body>
    <conclusions><p>Done at Geneva.</p></conclusions>
  </act>
</akomaNtoso>"##;

    #[test]
    fn hierarchy_elements_give_the_ids_the_text_would() {
        let got = clauses(ACT);
        let expected = [
            ("¶1", "Whereas the Parties wish to cooperate;"),
            ("CHAPTER I", "General provisions"),
            ("Article 1", "Scope"),
            (
                "Article 1.1",
                "This Act applies to all the Parties. It applies at once.",
            ),
            ("Article 1 ¶2", "Note 1: As agreed."),
            ("Article 1.2", "Each Party shall:"),
            ("Article 1.2(a)", "consult;"),
            ("Article 1.2(b)", "report."),
            ("Article 2", ""),
            ("Article 2 ¶1", "The Parties shall meet."),
            ("Article 2 ¶2", "Done at Geneva."),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn clauses_keep_their_eid_and_source_line() {
        let read = read(ACT).unwrap();
        let keys: Vec<Option<&str>> = read.clauses.iter().map(|c| c.key.as_deref()).collect();
        assert_eq!(keys[0], Some("rec_1"));
        assert_eq!(keys[2], Some("art_1"));
        assert_eq!(keys[3], Some("art_1__para_1"));
        assert_eq!(keys[6], Some("art_1__para_2__point_a"));
        assert_eq!(read.clauses[2].lines.first, 27);
        assert_eq!(read.clauses[6].lines.first, 39);
    }

    #[test]
    fn change_marks_remarks_and_footnotes_are_noted() {
        let read = read(ACT).unwrap();
        assert_eq!(
            read.notes,
            [
                "the draft's own change marks were read as it states the text: 1 passage inserted \
                 (<ins>) kept, 1 passage deleted (<del>) left out"
                    .to_string(),
                "1 remark (<remark>, editorial) left out".to_string(),
                "1 footnote (<authorialNote>) read as clauses of their own, after the clause that marks them"
                    .to_string(),
            ]
        );
    }

    #[test]
    fn frbr_identification_is_metadata() {
        let metadata = read(ACT).unwrap().metadata.unwrap();
        assert_eq!(
            metadata.entries,
            [
                ("FRBRWork.FRBRthis", "/akn/xx/act/2025/1/!main"),
                ("FRBRWork.FRBRdate", "2025-01-01 (enactment)"),
                ("FRBRWork.FRBRauthor", "#parliament as #author"),
                ("FRBRExpression.FRBRthis", "/akn/xx/act/2025/1/eng@/!main"),
                ("FRBRExpression.FRBRlanguage", "eng"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        assert_eq!((metadata.lines.first, metadata.lines.last), (4, 16));
    }

    #[test]
    fn the_2_0_namespace_and_its_ids_read_the_same() {
        let src = r#"<akomaNtoso xmlns="http://www.akomantoso.org/2.0"><bill><body>
<list id="list1"><point id="itm1"><num>1.</num><content><p><i>Encourages</i> Member States;</p></content></point></list>
</body></bill></akomaNtoso>"#;
        let read = read(src).unwrap();
        assert_eq!(read.clauses[0].id.0, "1");
        assert_eq!(read.clauses[0].text, "Encourages Member States;");
        assert_eq!(read.clauses[0].key.as_deref(), Some("itm1"));
    }

    #[test]
    fn a_debate_reads_its_sections_speakers_and_speeches() {
        let src = r##"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><debate name="hansard"><debateBody>
<debateSection eId="dbsect_1"><heading>Question time</heading>
<speech eId="dbsect_1__speech_1" by="#x"><from>Mr. X</from><p>The Government shall answer.</p><p>It will.<remark>(Applause)</remark></p></speech>
</debateSection></debateBody></debate></akomaNtoso>"##;
        let got = clauses(src);
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Question time",
                "Mr. X",
                "The Government shall answer.",
                "It will."
            ]
        );
        assert_eq!(read(src).unwrap().clauses[0].kind.name(), "heading");
    }

    #[test]
    fn a_document_of_another_vocabulary_or_without_text_is_an_error() {
        assert!(read("<bill/>").err().unwrap().contains("not <akomaNtoso>"));
        assert!(
            read("<akomaNtoso><act/></akomaNtoso>")
                .err()
                .unwrap()
                .starts_with("no text")
        );
    }
}
