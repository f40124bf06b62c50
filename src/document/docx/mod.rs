//! The Word reader: a `.docx` (Office Open XML) document's paragraphs, as lines for the plain-text
//! parser, with the numbers Word shows computed into them.
//!
//! The document is a zip archive of XML parts ([`archive`], read within size limits; [`xml`],
//! parsed without DTDs and within node and depth limits; the main part's body read without a tree
//! by [`stream`] when it keeps to the plain XML that reader checks). Its main part's paragraphs — body text,
//! each table cell's paragraphs, text boxes — become paragraphs of text ([`body`]); a paragraph's
//! heading rank comes from its style ([`styles`]: `Title`, `heading N`, an outline level) and the
//! number before a list paragraph from `numbering.xml` ([`numbering`]), written before its text as
//! a reader sees it, so `%1.` gives clause `1` as `1.` in a text draft does. Footnotes and endnotes
//! follow the body, in the order they are referenced, under a `Footnotes` (or `Endnotes`) line,
//! each starting `Footnote N` (`Endnote N`) with N its number in that order: clause `Footnote 2`.
//! Comments are not read. A clause's "line" is the ordinal of its paragraph (1-based, counting
//! every paragraph of the body, empty ones included, then those of the notes). The core
//! properties' title, creator and modification date are document metadata.
//!
//! Tracked changes are kept in the paragraphs ([`body::Change`]), so the document can be read as
//! it is with all of them accepted ([`View::Accepted`]) or all rejected ([`View::Rejected`]); in
//! each reading the [`Revisions`] say which words a revision inserted (accepted) or deleted
//! (rejected).

mod archive;
mod body;
mod numbering;
mod scan;
mod stream;
mod styles;
mod xml;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::mpsc::Sender;

pub use archive::{is_ole, is_zip};

use body::{Change, NoteKind, RawParagraph, RevisionTable};
use numbering::{Counter, Numbering};
use styles::{NumRef, Styles};

use super::text::{Line, parse_chunks};
use super::{Clause, LineRange, Marked, Metadata, Revisions};

/// How a document's tracked changes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// All accepted: the document as its revisions made it.
    Accepted,
    /// All rejected: the document as it was before them.
    Rejected,
}

impl View {
    fn shows(self, change: Change) -> bool {
        match self {
            View::Accepted => change.deleted.is_none(),
            View::Rejected => change.inserted.is_none(),
        }
    }

    /// The revision that made text with `change` part of this reading.
    fn revision(self, change: Change) -> Option<u32> {
        match self {
            View::Accepted => change.inserted,
            View::Rejected => change.deleted,
        }
    }
}

/// A Word document as read, with its tracked changes.
pub(super) struct Word {
    body: Vec<RawParagraph>,
    notes: BTreeMap<(NoteKind, String), Vec<RawParagraph>>,
    styles: Styles,
    numbering: Numbering,
    revisions: RevisionTable,
    pub(super) metadata: Option<Metadata>,
}

const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Reads a Word document's parts. `Err` says in a sentence why it cannot be read.
pub(super) fn read(bytes: &[u8]) -> Result<Word, String> {
    let mut archive = archive::Archive::open(bytes)?;
    let package = archive.part("_rels/.rels")?;
    let package = package
        .as_deref()
        .map(|t| xml::parse("_rels/.rels", t))
        .transpose()?;
    let main = package
        .as_ref()
        .and_then(|d| target(d, "", "/officeDocument"))
        .unwrap_or_else(|| "word/document.xml".to_string());
    let core = package
        .as_ref()
        .and_then(|d| target(d, "", "/core-properties"))
        .unwrap_or_else(|| "docProps/core.xml".to_string());
    let Some(document) = archive.part(&main)? else {
        return Err(format!(
            "a zip archive without a Word document ({main} is missing): not a .docx"
        ));
    };
    let folder = main.rsplit_once('/').map_or("", |(f, _)| f).to_string();
    let file = main.rsplit_once('/').map_or(main.as_str(), |(_, f)| f);
    let rels = archive.part(&format!("{folder}/_rels/{file}.rels"))?;
    let rels = rels
        .as_deref()
        .map(|t| xml::parse("document relationships", t))
        .transpose()?;
    let part = |kind: &str, default: &str| {
        rels.as_ref()
            .and_then(|d| target(d, &folder, kind))
            .unwrap_or_else(|| format!("{folder}/{default}"))
    };
    let (styles_name, numbering_name) = (
        part("/styles", "styles.xml"),
        part("/numbering", "numbering.xml"),
    );
    let (footnotes_name, endnotes_name) = (
        part("/footnotes", "footnotes.xml"),
        part("/endnotes", "endnotes.xml"),
    );
    let styles_text = archive.part(&styles_name)?;
    let numbering_text = archive.part(&numbering_name)?;
    let footnotes_text = archive.part(&footnotes_name)?;
    let endnotes_text = archive.part(&endnotes_name)?;
    let core_text = archive.part(&core)?;

    let (body, mut revisions, mut container) = read_body(&main, &document, xml::HALVES_FROM)?;
    let styles = optional(&styles_name, styles_text.as_deref())?;
    let numbering = optional(&numbering_name, numbering_text.as_deref())?;
    let mut notes = BTreeMap::new();
    for (kind, name, text) in [
        (
            NoteKind::Footnote,
            &footnotes_name,
            footnotes_text.as_deref(),
        ),
        (NoteKind::Endnote, &endnotes_name, endnotes_text.as_deref()),
    ] {
        let Some(doc) = optional(name, text)? else {
            continue;
        };
        for note in doc
            .root_element()
            .children()
            .filter(roxmltree::Node::is_element)
        {
            // Separators and continuation notices are furniture, not notes.
            if xml::attr(note, "type").is_some_and(|t| t != "normal") {
                continue;
            }
            let Some(id) = xml::attr(note, "id") else {
                continue;
            };
            let mut paragraphs = Vec::new();
            body::walk(note, &mut revisions, &mut container, &mut paragraphs);
            notes.insert((kind, id.to_string()), paragraphs);
        }
    }
    let core = optional(&core, core_text.as_deref())?;
    Ok(Word {
        body,
        notes,
        styles: Styles::parse(styles.as_ref()),
        numbering: Numbering::parse(numbering.as_ref()),
        revisions,
        metadata: core.as_ref().and_then(metadata),
    })
}

/// Reads the main part `text` (named `name`) and walks its body: its paragraphs, the revision
/// table and the last container used. The part is read by the streaming reader ([`stream`]) when
/// it is sure of it, else parsed as a tree ([`read_tree`]). Either way, a part of `halves_from`
/// bytes or more is cut in two between body paragraphs and each half read and walked on its own
/// core; the second half's walk is then taken into the first's ([`body::Walk::absorb`]), or, when
/// the first ends inside a field that runs on, the first walk goes on over the second half. The
/// result is that of one walk over the whole tree.
fn read_body(
    name: &str,
    text: &str,
    halves_from: usize,
) -> Result<(Vec<RawParagraph>, RevisionTable, u32), String> {
    match stream::read(name, text, halves_from) {
        Some(read) => Ok(read),
        None => read_tree(name, text, halves_from),
    }
}

/// [`read_body`] through roxmltree's tree: for a part the streaming reader is not sure of
/// ([`stream`]), which this parses, walks, and refuses with roxmltree's error if need be.
fn read_tree(
    name: &str,
    text: &str,
    halves_from: usize,
) -> Result<(Vec<RawParagraph>, RevisionTable, u32), String> {
    if let Some(halves) = xml::halves(text, halves_from) {
        let half = |text, first| {
            let (doc, story, nodes) = xml::checked(text, &halves, first)?;
            let mut walk = body::Walk::start(RevisionTable::default(), 0);
            for child in doc.get_node(story)?.children() {
                walk.visit(child);
            }
            Some((doc, story, nodes, walk))
        };
        if let (Some((_, _, a_nodes, mut walk)), Some((doc, story, b_nodes, later))) =
            rayon::join(|| half(&halves.first, true), || half(&halves.second, false))
            && a_nodes + b_nodes <= xml::MAX_NODES as usize
            && let Some(story) = doc.get_node(story)
        {
            if walk.at_rest() {
                walk.absorb(later);
            } else {
                // The first half ends inside a field (or a change) that runs on: its walk goes on
                // over the second half, and the second half's own walk is not used.
                for child in story.children() {
                    walk.visit(child);
                }
            }
            return Ok(walk.finish());
        }
    }
    let document = xml::parse(name, text)?;
    let root = document.root_element();
    let story = root
        .children()
        .find(|c| xml::is_w(*c, "body"))
        .unwrap_or(root);
    let mut walk = body::Walk::start(RevisionTable::default(), 0);
    walk.visit(story);
    Ok(walk.finish())
}

fn optional<'a>(
    name: &str,
    text: Option<&'a str>,
) -> Result<Option<roxmltree::Document<'a>>, String> {
    text.map(|t| xml::parse(name, t)).transpose()
}

/// The target of the first relationship of a type ending in `kind`, as a path in the archive;
/// `folder` is the folder of the part the relationships belong to.
fn target(rels: &roxmltree::Document, folder: &str, kind: &str) -> Option<String> {
    let rel = rels.root_element().children().find(|r| {
        r.tag_name().name() == "Relationship"
            && r.tag_name().namespace() == Some(RELATIONSHIPS)
            && r.attribute("Type").is_some_and(|t| t.ends_with(kind))
            && r.attribute("TargetMode") != Some("External")
    })?;
    let target = rel.attribute("Target")?;
    Some(resolve(folder, target))
}

/// A relationship's target relative to `folder`, with `..` resolved (an absolute target starts at
/// the archive's root).
fn resolve(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        folder.split('/').filter(|p| !p.is_empty()).collect()
    };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The title, creator and modification date of the core properties.
fn metadata(core: &roxmltree::Document) -> Option<Metadata> {
    let mut entries = Vec::new();
    for key in ["title", "creator", "modified"] {
        let value = core
            .root_element()
            .children()
            .find(|c| c.is_element() && c.tag_name().name() == key)
            .and_then(|c| c.text())
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty());
        if let Some(value) = value {
            entries.push((key.to_string(), value));
        }
    }
    Metadata::of_entries(entries, LineRange { first: 1, last: 1 })
}

/// A paragraph of one reading: its tracked changes applied, joined to the paragraphs whose marks
/// the reading removes.
#[derive(Debug, Default)]
struct Shown {
    text: String,
    /// Byte ranges of `text` and the revision that made them part of this reading.
    marked: Vec<(Range<usize>, u32)>,
    notes: Vec<(NoteKind, String)>,
    style: Option<String>,
    num: Option<NumRef>,
    outline: Option<u8>,
    container: u32,
}

/// The paragraphs of `raw` in one reading. A paragraph whose mark the reading removes (a deleted
/// mark accepted, an inserted one rejected) is joined to the next paragraph of its table cell or
/// story, and the joined paragraph takes the properties of the mark that remains.
fn show(raw: &[RawParagraph], view: View) -> Vec<Shown> {
    let mut out = Vec::new();
    let mut carry: Option<Shown> = None;
    for (i, p) in raw.iter().enumerate() {
        let mut shown = match carry.take() {
            Some(c) if c.container == p.container => c,
            Some(c) => {
                out.push(c);
                Shown::default()
            }
            None => Shown::default(),
        };
        // Joined paragraphs are joined as a text draft's lines are: with a space between words
        // (as pandoc reads them, too).
        let mut join = !shown.text.is_empty() && !shown.text.ends_with(char::is_whitespace);
        for piece in p.pieces.iter().filter(|piece| view.shows(piece.change)) {
            if join && !piece.text.is_empty() {
                if !piece.text.starts_with(char::is_whitespace) {
                    shown.text.push(' ');
                }
                join = false;
            }
            if let Some(note) = &piece.note {
                shown.notes.push(note.clone());
                continue;
            }
            let start = shown.text.len();
            if piece.text.contains('\u{AD}') {
                shown.text.push_str(&piece.text.replace('\u{AD}', ""));
            } else {
                shown.text.push_str(&piece.text);
            }
            if let Some(revision) = view.revision(piece.change) {
                shown.marked.push((start..shown.text.len(), revision));
            }
        }
        shown.style.clone_from(&p.style);
        shown.num.clone_from(&p.num);
        shown.outline = p.outline;
        shown.container = p.container;
        let joins = !view.shows(p.mark);
        let next_in_container = raw.get(i + 1).is_some_and(|n| n.container == p.container);
        if joins && next_in_container {
            carry = Some(shown);
        } else if !(joins && shown.text.trim().is_empty()) {
            out.push(shown);
        }
    }
    out.extend(carry);
    out
}

/// A line for the parser: paragraph ordinal, text, heading rank, list depth, and whether headings
/// are marked (not recognised by their words).
type LineOf = (u32, String, Option<u8>, Option<usize>, bool);

/// How many paragraphs the reading hands on at a time ([`Word::clauses`]).
const CHUNK: usize = 1024;

/// What the reading hands on to be made lines and parsed, in order.
enum Piece {
    /// A paragraph, with its list label, heading rank and the words before it (`Footnote 2`).
    Paragraph {
        shown: Shown,
        label: Option<(u8, String)>,
        heading: Option<u8>,
        prefix: String,
    },
    /// The title of the notes (`Footnotes`), on the line after the last paragraph.
    Title(&'static str),
}

/// The lines of one reading, and where its revisions stand in them.
#[derive(Default)]
struct Lines {
    lines: Vec<LineOf>,
    marked: BTreeMap<u32, Marked>,
    ordinal: u32,
}

impl Lines {
    /// Adds `piece`.
    fn take(&mut self, piece: Piece) {
        match piece {
            Piece::Paragraph {
                shown,
                label,
                heading,
                prefix,
            } => self.push(&shown, label, heading, &prefix),
            Piece::Title(title) => {
                // The title is read as a text draft's `Footnotes` line is: a section heading.
                let at = self.ordinal + 1;
                self.lines.push((at, title.to_string(), None, None, false));
                self.lines.push((at, String::new(), None, None, true));
            }
        }
    }

    /// Adds paragraph `shown`, with its list `label` (Word's number) and heading rank.
    fn push(
        &mut self,
        shown: &Shown,
        label: Option<(u8, String)>,
        heading: Option<u8>,
        prefix: &str,
    ) {
        self.ordinal += 1;
        if shown.text.trim().is_empty() {
            return;
        }
        let mut head = prefix.to_string();
        let item = match &label {
            Some((level, label)) if !label.is_empty() => {
                if !head.is_empty() {
                    head.push(' ');
                }
                head.push_str(label);
                (heading.is_none() && prefix.is_empty()).then_some(usize::from(*level) + 1)
            }
            _ => None,
        };
        if !head.is_empty() {
            head.push(' ');
        }
        let full: Cow<str> = if head.is_empty() {
            Cow::Borrowed(&shown.text)
        } else {
            let mut full = String::with_capacity(head.len() + shown.text.len());
            full.push_str(&head);
            full.push_str(&shown.text);
            Cow::Owned(full)
        };
        let shift = head.len();
        // The paragraph as the parser joins it: each line trimmed, lines joined with one space;
        // `pieces` maps its bytes back to `full`. Only a paragraph with revisions needs it.
        let marked = !shown.marked.is_empty();
        let mut normal = String::new();
        let mut pieces: Vec<(usize, usize, usize)> = Vec::new();
        let mut at = 0;
        let mut first = true;
        for line in full.split('\n') {
            let trimmed = line.trim();
            let start = at + (line.len() - line.trim_start().len());
            at += line.len() + 1;
            if trimmed.is_empty() {
                continue;
            }
            if marked {
                if !normal.is_empty() {
                    normal.push(' ');
                }
                pieces.push((start, normal.len(), trimmed.len()));
                normal.push_str(trimmed);
            }
            self.lines.push((
                self.ordinal,
                trimmed.to_string(),
                heading.filter(|_| first),
                item.filter(|_| first),
                true,
            ));
            first = false;
        }
        self.lines
            .push((self.ordinal, String::new(), None, None, true));
        if !marked {
            return;
        }
        let map = |offset: usize| {
            pieces
                .iter()
                .find(|(start, _, len)| offset >= *start && offset <= start + len)
                .map(|(start, normal_start, _)| normal_start + (offset - start))
        };
        let ranges = shown
            .marked
            .iter()
            .filter_map(|(range, revision)| {
                let start = map(range.start + shift)?;
                let end = map(range.end + shift).unwrap_or(start);
                (end > start).then_some((start..end, *revision))
            })
            .collect();
        self.marked.insert(
            self.ordinal,
            Marked {
                text: normal,
                ranges,
            },
        );
    }
}

/// Whether a paragraph in a heading style is a heading: its words read as a title (a "Heading 2"
/// holding a whole clause is formatting, not structure), and the number Word gives it, if any, is
/// one a heading carries (`Article 4`, `IV.`) rather than a paragraph's (`1.1`, `(a)`), which
/// makes it a numbered clause as it does in a text draft.
fn is_heading(text: &str, label: Option<&(u8, String)>) -> bool {
    let words = text.split_whitespace().count();
    let sentence = text.trim().trim_end_matches('.').contains(". ");
    let number = label
        .filter(|(_, l)| !l.is_empty())
        .map(|(_, l)| super::numbering::parse_label(&format!("{l} {text}")).map(|l| l.style));
    let heading_number = match number {
        None => true,
        Some(Some(style)) => matches!(
            style,
            super::numbering::Style::Keyword(_) | super::numbering::Style::UpperRoman
        ),
        Some(None) => false,
    };
    words <= 15 && !sentence && heading_number
}

impl Word {
    /// How many tracked-change elements the document holds.
    pub(super) fn tracked_changes(&self) -> usize {
        self.revisions.elements
    }

    /// Who made the tracked changes, in order of appearance.
    pub(super) fn authors(&self) -> Vec<&str> {
        let mut authors: Vec<&str> = Vec::new();
        for r in &self.revisions.list {
            let author = r.author.as_deref().unwrap_or("an unnamed author");
            if !authors.contains(&author) {
                authors.push(author);
            }
        }
        authors
    }

    /// The clauses of one reading, and where its revisions stand in them.
    pub(super) fn clauses(&self, view: View) -> (Vec<Clause>, Revisions) {
        self.clauses_in_chunks(view, CHUNK)
    }

    /// The clauses of one reading, parsed as the reading goes: on one core the accepted (or
    /// rejected) reading joins and numbers the paragraphs and hands them, `chunk` at a time, to
    /// another, which makes them lines and parses those in order as one stream, so the clauses
    /// are those of one pass whatever `chunk` is. The reading calls nothing that waits on other
    /// work, so the side waiting for paragraphs holds up nothing; on one thread, the paragraphs
    /// are all read first.
    fn clauses_in_chunks(&self, view: View, chunk: usize) -> (Vec<Clause>, Revisions) {
        let (sender, receiver) = std::sync::mpsc::channel::<Vec<Piece>>();
        let (_, (marked, clauses)) = rayon::join(
            move || self.pieces(view, &sender, chunk),
            move || {
                let mut lines = Lines::default();
                let batches = receiver.into_iter().map(|pieces| {
                    for piece in pieces {
                        lines.take(piece);
                    }
                    std::mem::take(&mut lines.lines)
                });
                let clauses = parse_chunks(batches, |(number, text, heading, item, marked)| Line {
                    number: *number,
                    text,
                    heading: *heading,
                    item: *item,
                    headings_marked: *marked,
                    key: None,
                });
                (lines.marked, clauses)
            },
        );
        let revisions = Revisions {
            list: self.revisions.list.clone(),
            paragraphs: marked,
        };
        (clauses, revisions)
    }

    /// The paragraphs of one reading, numbered, handed to `sender` `chunk` at a time: the body,
    /// then the notes it references, in order.
    fn pieces(&self, view: View, sender: &Sender<Vec<Piece>>, chunk: usize) {
        let mut batch = Vec::with_capacity(chunk.min(CHUNK));
        let hand = |piece: Piece, batch: &mut Vec<Piece>| {
            batch.push(piece);
            if batch.len() >= chunk {
                let full = std::mem::replace(batch, Vec::with_capacity(chunk.min(CHUNK)));
                // The parser only stops listening once every piece is in: this cannot fail.
                let _ = sender.send(full);
            }
        };
        let mut counter = Counter::new(&self.numbering, &self.styles);
        let mut referenced: Vec<(NoteKind, String)> = Vec::new();
        for shown in show(&self.body, view) {
            let label = counter.next(shown.num.as_ref(), shown.style.as_deref());
            let heading = self
                .styles
                .heading(shown.style.as_deref(), shown.outline)
                .filter(|_| is_heading(&shown.text, label.as_ref()));
            for note in &shown.notes {
                if !referenced.contains(note) {
                    referenced.push(note.clone());
                }
            }
            let prefix = String::new();
            let piece = Piece::Paragraph {
                shown,
                label,
                heading,
                prefix,
            };
            hand(piece, &mut batch);
        }
        for (kind, title, word) in [
            (NoteKind::Footnote, "Footnotes", "Footnote"),
            (NoteKind::Endnote, "Endnotes", "Endnote"),
        ] {
            let mut number = 0;
            for (_, id) in referenced.iter().filter(|(k, _)| *k == kind) {
                let Some(paragraphs) = self.notes.get(&(kind, id.clone())) else {
                    continue;
                };
                let shown = show(paragraphs, view);
                if shown.iter().all(|s| s.text.trim().is_empty()) {
                    continue;
                }
                if number == 0 {
                    hand(Piece::Title(title), &mut batch);
                }
                number += 1;
                let mut first = true;
                for s in shown {
                    let label = counter.next(s.num.as_ref(), s.style.as_deref());
                    let prefix = if first && !s.text.trim().is_empty() {
                        first = false;
                        format!("{word} {number}")
                    } else {
                        String::new()
                    };
                    let piece = Piece::Paragraph {
                        shown: s,
                        label,
                        heading: None,
                        prefix,
                    };
                    hand(piece, &mut batch);
                }
            }
        }
        if !batch.is_empty() {
            let _ = sender.send(batch);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::document::Revision;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// A Word document of `parts` (name, text), stored or deflated.
    fn archive(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn document(body: &str) -> Vec<u8> {
        archive(&[(
            "word/document.xml",
            &format!("<w:document {NS}><w:body>{body}</w:body></w:document>"),
        )])
    }

    fn texts(bytes: &[u8], view: View) -> Vec<String> {
        let word = read(bytes).unwrap();
        let (clauses, _) = word.clauses(view);
        clauses.into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn displayed_text_is_read_and_instructions_are_not() {
        let body = r#"<w:p><w:r><w:t>Signed</w:t><w:tab/><w:t>in Geneva on </w:t></w:r>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \@ "d MMMM yyyy" </w:instrText></w:r>
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>8 May 2025</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
            <w:fldSimple w:instr=" PAGE "><w:r><w:t>.</w:t></w:r></w:fldSimple></w:p>
            <w:p><w:r><w:t>co</w:t><w:softHyphen/><w:t>operation and non</w:t><w:noBreakHyphen/><w:t>aggression</w:t><w:br/><w:t>second line</w:t></w:r></w:p>"#;
        assert_eq!(
            texts(&document(body), View::Accepted),
            [
                "Signed in Geneva on 8 May 2025.",
                "cooperation and non-aggression second line"
            ]
        );
    }

    #[test]
    fn tracked_changes_are_accepted_or_rejected_with_their_paragraph_marks() {
        let ins = r#"w:id="1" w:author="A" w:date="2025-03-14T09:30:00Z""#;
        let del = r#"w:id="2" w:author="B" w:date="2025-03-15T10:00:00Z""#;
        let body = format!(
            r#"<w:p><w:r><w:t xml:space="preserve">The Parties </w:t></w:r><w:del {del}><w:r><w:delText>shall</w:delText></w:r></w:del><w:ins {ins}><w:r><w:t>should</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> meet.</w:t></w:r></w:p>
            <w:p><w:pPr><w:rPr><w:del {del}/></w:rPr></w:pPr><w:r><w:t>Joined</w:t></w:r></w:p>
            <w:p><w:r><w:t>with this.</w:t></w:r></w:p>
            <w:p><w:pPr><w:rPr><w:ins {ins}/></w:rPr></w:pPr><w:ins {ins}><w:r><w:t>New paragraph.</w:t></w:r></w:ins></w:p>
            <w:p><w:moveFrom {del}><w:r><w:t>Moved.</w:t></w:r></w:moveFrom></w:p>
            <w:p><w:r><w:rPr><w:rPrChange {ins}><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:t>Bold now.</w:t></w:r></w:p>"#
        );
        let bytes = document(&body);
        assert_eq!(
            texts(&bytes, View::Accepted),
            [
                "The Parties should meet.",
                "Joined with this.",
                "New paragraph.",
                "Bold now."
            ]
        );
        assert_eq!(
            texts(&bytes, View::Rejected),
            [
                "The Parties shall meet.",
                "Joined",
                "with this.",
                "Moved.",
                "Bold now."
            ]
        );
        let word = read(&bytes).unwrap();
        let (_, accepted) = word.clauses(View::Accepted);
        assert_eq!(accepted.list.len(), 2);
        let who: Vec<String> = accepted.list.iter().map(Revision::describe).collect();
        assert_eq!(who, ["B on 15 March 2025", "A on 14 March 2025"]);
    }

    #[test]
    fn headings_come_from_styles_and_comments_are_not_read() {
        let styles = format!(
            r#"<w:styles {NS}><w:style w:type="paragraph" w:styleId="Berschrift1"><w:name w:val="heading 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="Mine"/><w:basedOn w:val="Berschrift1"/></w:style></w:styles>"#
        );
        let doc = format!(
            r#"<w:document {NS}><w:body><w:p><w:pPr><w:pStyle w:val="Mine"/></w:pPr><w:r><w:t>Final clauses</w:t></w:r></w:p>
            <w:p><w:commentRangeStart w:id="0"/><w:r><w:t>TEXT IN CAPITALS</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p></w:body></w:document>"#
        );
        let comments = format!(
            r#"<w:comments {NS}><w:comment w:id="0"><w:p><w:r><w:t>A remark</w:t></w:r></w:p></w:comment></w:comments>"#
        );
        let bytes = archive(&[
            ("word/document.xml", &doc),
            ("word/styles.xml", &styles),
            ("word/comments.xml", &comments),
        ]);
        let word = read(&bytes).unwrap();
        let (clauses, _) = word.clauses(View::Accepted);
        let kinds: Vec<(&str, &str)> = clauses
            .iter()
            .map(|c| (c.kind.name(), c.text.as_str()))
            .collect();
        // A line in capitals is a heading in a text draft; a Word document marks its headings.
        assert_eq!(
            kinds,
            [
                ("heading", "Final clauses"),
                ("paragraph", "TEXT IN CAPITALS")
            ]
        );
    }

    /// The body read in two halves equals the body read whole: paragraphs, revisions, containers.
    fn halves_agree(body: &str) {
        let doc = format!(
            r#"<?xml version="1.0"?><w:document {NS}><w:background w:color="FFFFFF"/><w:body>{body}</w:body></w:document>"#
        );
        assert!(xml::halves(&doc, 0).is_some(), "{doc}");
        let whole = read_tree("word/document.xml", &doc, usize::MAX).unwrap();
        let shown = |read: &(Vec<RawParagraph>, RevisionTable, u32)| {
            format!(
                "{:?}\n{:?}\n{} {}",
                read.0, read.1.list, read.1.elements, read.2
            )
        };
        for from in [0, usize::MAX] {
            let tree = read_tree("word/document.xml", &doc, from).unwrap();
            assert_eq!(shown(&tree), shown(&whole));
            let body = read_body("word/document.xml", &doc, from).unwrap();
            assert_eq!(shown(&body), shown(&whole));
        }
    }

    #[test]
    fn a_large_body_read_in_halves_reads_as_it_does_whole() {
        let p = |text: &str| format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
        let ins = |id: u32, who: &str| {
            format!(
                r#"<w:ins w:id="{id}" w:author="{who}" w:date="2025-03-14T09:30:00Z"><w:r><w:t>by {who}</w:t></w:r></w:ins>"#
            )
        };
        let many = |n: usize| {
            (0..n)
                .map(|i| p(&format!("Paragraph {i}.")))
                .collect::<String>()
        };
        // Revisions first seen in either half, and seen again in the other.
        halves_agree(&format!(
            "<w:p>{}</w:p>{}<w:p>{}{}</w:p>{}<w:p>{}</w:p>",
            ins(1, "A"),
            many(20),
            ins(2, "B"),
            ins(3, "A"),
            many(20),
            ins(4, "C")
        ));
        // A deleted paragraph mark on each side of the cut, a table, a row inserted.
        let del_mark = r#"<w:p><w:pPr><w:rPr><w:del w:id="9" w:author="D"/></w:rPr></w:pPr><w:r><w:t>Joined</w:t></w:r></w:p>"#;
        let table = format!(
            r#"<w:tbl><w:tr><w:trPr><w:ins w:id="5" w:author="E"/></w:trPr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>"#,
            p("cell one"),
            p("cell two")
        );
        let mut body = String::new();
        for _ in 0..15 {
            body.push_str(del_mark);
            body.push_str(&p("with this."));
            body.push_str(&table);
        }
        halves_agree(&body);
        // A field that begins in the first half and ends in the second: its instruction stays out.
        halves_agree(&format!(
            r#"{}<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Contents</w:t></w:r></w:p>{}<w:p><w:r><w:t>last</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>{}"#,
            many(3),
            many(30),
            many(3)
        ));
        // A `>` inside an attribute value, comments and a section's properties.
        halves_agree(&format!(
            r#"{}<!-- a > b --><w:p w:rsidR="a>b"><w:r><w:t>odd</w:t></w:r></w:p>{}<w:sectPr><w:pgSz w:w="11906"/></w:sectPr>"#,
            many(10),
            many(10)
        ));
    }

    #[test]
    fn a_malformed_body_says_so_whether_or_not_it_is_cut() {
        let p = "<w:p><w:r><w:t>Text.</w:t></w:r></w:p>".repeat(20);
        for body in [
            format!("{p}<w:p><w:r><w:t>unclosed</w:r></w:p>{p}"),
            format!("{p}{p}<w:p><w:r><w:t>&nope;</w:t></w:r></w:p>"),
            format!("{p}<w:p><x:r><w:t>unbound prefix</w:t></x:r></w:p>{p}"),
            format!("{p}</w:body><w:body>{p}"),
        ] {
            let doc = format!("<w:document {NS}><w:body>{body}</w:body></w:document>");
            let read = |from| {
                read_body("word/document.xml", &doc, from).map(|(paragraphs, revisions, end)| {
                    (format!("{paragraphs:?}"), revisions.elements, end)
                })
            };
            // Well-formed, the last: a second body, which is not read.
            assert!(
                read(usize::MAX).is_err() || body.contains("<w:body>"),
                "{doc}"
            );
            assert_eq!(read(0), read(usize::MAX));
        }
    }

    #[test]
    fn a_zip_bomb_stops_at_the_budget() {
        let huge = format!(
            "<w:document {NS}><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
            " ".repeat(40 << 20)
        );
        let bytes = archive(&[("word/document.xml", &huge)]);
        assert!(bytes.len() < 1 << 20, "{}", bytes.len());
        let err = read(&bytes).err().unwrap();
        assert!(err.contains("inflate to more than 16 MiB"), "{err}");
    }

    #[test]
    fn what_is_not_a_word_document_says_so() {
        let err = read(&archive(&[("content.xml", "<office/>")]))
            .err()
            .unwrap();
        assert_eq!(
            err,
            "a zip archive without a Word document (word/document.xml is missing): not a .docx"
        );
        let err = read(b"PK\x03\x04 and then nothing").err().unwrap();
        assert!(
            err.starts_with("not a readable Word document: corrupt or truncated zip"),
            "{err}"
        );
        let deep = format!(
            "<w:document {NS}><w:body>{}</w:body></w:document>",
            "<w:sdt>".repeat(5000)
        );
        let err = read(&archive(&[("word/document.xml", &deep)]))
            .err()
            .unwrap();
        assert!(err.contains("more than 1000 deep"), "{err}");
        let dtd =
            format!(r#"<!DOCTYPE d [<!ENTITY a "aaaa">]><w:document {NS}><w:body/></w:document>"#);
        let err = read(&archive(&[("word/document.xml", &dtd)]))
            .err()
            .unwrap();
        assert!(err.contains("document type declaration"), "{err}");
    }
}

#[cfg(test)]
mod chunks {
    use super::*;

    /// The clauses, revisions and line numbers of a reading, as text to compare.
    fn reading(word: &Word, view: View, chunk: usize) -> String {
        let (clauses, revisions) = word.clauses_in_chunks(view, chunk);
        format!(
            "{clauses:?}\n{:?}\n{:?}",
            revisions.list, revisions.paragraphs
        )
    }

    #[test]
    fn lines_handed_to_the_parser_in_chunks_give_the_clauses_of_one_batch() {
        for name in ["treaty-v1.docx", "treaty-v2.docx", "treaty-tracked.docx"] {
            let path = format!("{}/fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"));
            let word = read(&std::fs::read(path).unwrap()).unwrap();
            for view in [View::Accepted, View::Rejected] {
                let whole = reading(&word, view, usize::MAX);
                assert!(whole.contains("Clause"));
                for chunk in [1, 2, 3, 7, 64] {
                    assert_eq!(
                        reading(&word, view, chunk),
                        whole,
                        "{name}, chunks of {chunk}"
                    );
                }
                assert_eq!(word.clauses(view).0, word.clauses_in_chunks(view, 1).0);
            }
        }
    }
}
