//! The walk over a story of a Word document (the body, a footnote, an endnote): its paragraphs as
//! runs of text, each run marked with the tracked change it lies in.
//!
//! Text is what Word displays: `w:t` (and `w:delText` in deleted runs), `w:tab` as a space,
//! `w:br`/`w:cr` as a line break, `w:noBreakHyphen` as `-`, soft hyphens left out, Office Math
//! text (`m:t`); of a complex field, its result (between `separate` and `end`), never its
//! instruction; of a simple field (`w:fldSimple`), its content. Content controls, hyperlinks,
//! smart tags and custom XML are walked into; `mc:Fallback` (which repeats `mc:Choice` for older
//! readers) is not. Comments live in their own part and are never read; a footnote or endnote
//! reference is kept as a marker, so the note is shown only where its reference is.
//!
//! Tracked changes: runs inside `w:ins`/`w:moveTo` are inserted, inside `w:del`/`w:moveFrom`
//! deleted; a paragraph mark is inserted or deleted by `w:pPr/w:rPr/w:ins` or `w:del`; a table
//! row by `w:trPr/w:ins` or `w:del`, which marks all it holds. Formatting changes
//! (`w:rPrChange`, `w:pPrChange`, `w:sectPrChange`, …) hold only old formatting and are skipped:
//! both readings use the current formatting.

use std::borrow::Cow;

use roxmltree::Node;
use rustc_hash::FxHashMap;

use super::styles::{NumRef, num_ref};
use super::xml::{Edge, M, MC, attr, child, child_val, edges, is, is_w, w_name};
use crate::document::Revision;

/// The tracked changes a piece of text lies in: the revision that inserted it and the one that
/// deleted it (text inserted and later deleted has both).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Change {
    pub inserted: Option<u32>,
    pub deleted: Option<u32>,
}

impl Change {
    /// This change inside `outer`: the innermost revision of each kind.
    fn within(self, outer: Change) -> Change {
        Change {
            inserted: self.inserted.or(outer.inserted),
            deleted: self.deleted.or(outer.deleted),
        }
    }
}

/// Whether a note is a footnote or an endnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoteKind {
    Footnote,
    Endnote,
}

/// A run of text, or the reference to a note.
#[derive(Debug, Clone)]
pub struct Piece {
    pub text: String,
    pub change: Change,
    pub note: Option<(NoteKind, String)>,
}

/// A paragraph as the document holds it, with every tracked change still in it.
#[derive(Debug, Clone, Default)]
pub struct RawParagraph {
    pub style: Option<String>,
    pub num: Option<NumRef>,
    pub outline: Option<u8>,
    pub pieces: Vec<Piece>,
    /// The tracked change of its paragraph mark: a deleted mark joins it to the next paragraph.
    pub mark: Change,
    /// Which table cell or story it is in: paragraphs are joined only within one.
    pub container: u32,
}

/// The revisions of a document, each author and date once, numbered in order of appearance.
#[derive(Debug, Default)]
pub struct RevisionTable {
    pub list: Vec<Revision>,
    index: FxHashMap<(Option<String>, Option<String>), u32>,
    /// How many tracked-change elements (`w:ins`, `w:del`, moves, marks) the document holds.
    pub elements: usize,
}

impl RevisionTable {
    fn of(&mut self, node: Node) -> u32 {
        self.of_values(attr(node, "author"), attr(node, "date"))
    }

    /// The number of a tracked-change element by `author` on `date` (its attributes' values).
    fn of_values(&mut self, author: Option<&str>, date: Option<&str>) -> u32 {
        self.elements += 1;
        let nonempty = |v: Option<&str>| {
            v.map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        self.intern((nonempty(author), nonempty(date)))
    }

    /// The number of the revision by `key` (author, date), given in order of appearance.
    fn intern(&mut self, key: (Option<String>, Option<String>)) -> u32 {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
        self.list.push(Revision {
            author: key.0.clone(),
            date: key.1.clone(),
        });
        self.index.insert(key, i);
        i
    }
}

/// Walks a story from `root`, appending its paragraphs. `container` numbers table cells and
/// stories; it is advanced past the ones this story holds.
pub fn walk(
    root: Node,
    revisions: &mut RevisionTable,
    container: &mut u32,
    out: &mut Vec<RawParagraph>,
) {
    let mut walk = Walk::start(std::mem::take(revisions), *container);
    walk.visit(root);
    let (paragraphs, table, end) = walk.finish();
    *revisions = table;
    *container = end;
    out.extend(paragraphs);
}

/// What a paragraph's properties (`w:pPr`) say: the tracked change of its mark (when it has a
/// `w:rPr`), its style, numbering and outline level.
#[derive(Debug, Default)]
pub struct Properties {
    pub mark: Option<Change>,
    pub style: Option<String>,
    pub num: Option<NumRef>,
    pub outline: Option<u8>,
}

/// A walk over a story, which may be fed the story in pieces: the body's children one by one, or
/// a walk of its second half made apart from the first ([`Walk::absorb`]).
pub struct Walk {
    revisions: RevisionTable,
    out: Vec<RawParagraph>,
    /// Paragraphs open, outermost first (a text box's paragraphs stand inside another's).
    open: Vec<RawParagraph>,
    /// Tracked changes open around the current node.
    changes: Vec<Change>,
    /// Complex fields open: whether each is past its `separate` (showing its result).
    fields: Vec<bool>,
    container: u32,
}

impl Walk {
    /// A walk of a story that starts after container `container`, revisions numbered after those
    /// of `revisions`.
    pub fn start(revisions: RevisionTable, container: u32) -> Walk {
        Walk {
            revisions,
            out: Vec::new(),
            open: Vec::new(),
            changes: Vec::new(),
            fields: Vec::new(),
            container: container + 1,
        }
    }

    /// Walks the subtree of `root`.
    pub fn visit(&mut self, root: Node) {
        let mut skip = None;
        for edge in edges(root) {
            match edge {
                Edge::Open(node) => {
                    if skip.is_some() || !node.is_element() {
                        continue;
                    }
                    if self.open_element(node) {
                        skip = Some(node.id());
                    }
                }
                Edge::Close(node) => {
                    if skip == Some(node.id()) {
                        skip = None;
                    } else if skip.is_none() && node.is_element() {
                        self.close_element(node);
                    }
                }
            }
        }
    }

    /// Whether nothing walked so far is still open (a paragraph, a tracked change, a field): what
    /// follows can then be walked apart and [absorbed](Walk::absorb).
    pub fn at_rest(&self) -> bool {
        self.open.is_empty() && self.changes.is_empty() && self.fields.is_empty()
    }

    /// Takes in `later`, a walk started with container `0` and a revision table of its own over
    /// what follows this walk's nodes in the same story, as if this walk had gone on over them.
    /// This walk must be [at rest](Walk::at_rest).
    pub fn absorb(&mut self, later: Walk) {
        debug_assert!(self.at_rest());
        let Walk {
            revisions,
            out,
            open,
            changes,
            fields,
            container,
        } = later;
        let map: Vec<u32> = revisions
            .list
            .into_iter()
            .map(|r| self.revisions.intern((r.author, r.date)))
            .collect();
        self.revisions.elements += revisions.elements;
        let remap = |change: Change| Change {
            inserted: change.inserted.map(|i| map[i as usize]),
            deleted: change.deleted.map(|i| map[i as usize]),
        };
        // `later` numbers the story's own container 1, which is this walk's current one.
        let shift = self.container - 1;
        let adjust = |mut p: RawParagraph| {
            p.mark = remap(p.mark);
            p.container += shift;
            for piece in &mut p.pieces {
                piece.change = remap(piece.change);
            }
            p
        };
        self.out.extend(out.into_iter().map(adjust));
        self.open.extend(open.into_iter().map(adjust));
        self.changes.extend(changes.into_iter().map(remap));
        self.fields.extend(fields);
        self.container = container + shift;
    }

    /// Ends the walk: its paragraphs, the revision table, and the last container it used.
    pub fn finish(mut self) -> (Vec<RawParagraph>, RevisionTable, u32) {
        while let Some(paragraph) = self.open.pop() {
            self.out.push(paragraph);
        }
        (self.out, self.revisions, self.container + 1)
    }

    fn context(&self) -> Change {
        self.changes.last().copied().unwrap_or_default()
    }

    /// Handles an element opening; `true` skips what it holds.
    fn open_element(&mut self, node: Node) -> bool {
        if node.tag_name().namespace() == Some(MC) {
            return node.tag_name().name() == "Fallback";
        }
        if is(node, M, "t") {
            self.text(node.text().unwrap_or(""));
            return true;
        }
        let Some(name) = w_name(node) else {
            return false;
        };
        match name {
            "pPr" => {
                self.properties(node);
                true
            }
            "ins" | "moveTo" | "del" | "moveFrom" => {
                let revision = self.revisions.of(node);
                self.open_change(name, revision);
                false
            }
            "tr" => {
                let row = child(node, "trPr").map_or(Change::default(), |trpr| self.marked(trpr));
                self.open_row(row);
                false
            }
            "t" | "delText" => {
                self.text(node.text().unwrap_or(""));
                true
            }
            _ => self.open_w(name, |key| attr(node, key).map(Cow::Borrowed)),
        }
    }

    /// Handles the opening of WordprocessingML element `name` other than `w:pPr`, a tracked
    /// change, a table row and text (which need what the element holds), its attributes read
    /// through `attribute`; `true` skips what it holds.
    pub fn open_w<'v>(
        &mut self,
        name: &str,
        attribute: impl Fn(&str) -> Option<Cow<'v, str>>,
    ) -> bool {
        match name {
            "p" => self.open.push(RawParagraph {
                mark: self.context(),
                container: self.container,
                ..RawParagraph::default()
            }),
            "tc" => self.container += 1,
            "tab" | "ptab" => self.text(" "),
            "br" | "cr" => self.text("\n"),
            "noBreakHyphen" => self.text("-"),
            "fldChar" => match attribute("fldCharType").as_deref() {
                Some("begin") => self.fields.push(false),
                Some("separate") => {
                    if let Some(top) = self.fields.last_mut() {
                        *top = true;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            "footnoteReference" | "endnoteReference" => {
                let kind = if name == "footnoteReference" {
                    NoteKind::Footnote
                } else {
                    NoteKind::Endnote
                };
                if let Some(id) = attribute("id") {
                    let change = self.context();
                    if let Some(p) = self.open.last_mut() {
                        p.pieces.push(Piece {
                            text: String::new(),
                            change,
                            note: Some((kind, id.to_string())),
                        });
                    }
                }
            }
            // Properties (and the old properties of formatting changes), field instructions.
            "rPr" | "sectPr" | "tblPr" | "tblGrid" | "trPr" | "tcPr" | "tblPrEx" | "sdtPr"
            | "sdtEndPr" | "instrText" | "delInstrText" | "softHyphen" | "sym" | "pPr" | "t"
            | "delText" => return true,
            _ => {}
        }
        false
    }

    /// A tracked change opens: `w:ins`/`w:moveTo` (`name`) inserts with `revision`,
    /// `w:del`/`w:moveFrom` deletes.
    pub fn open_change(&mut self, name: &str, revision: u32) {
        let change = if matches!(name, "ins" | "moveTo") {
            Change {
                inserted: Some(revision),
                deleted: None,
            }
        } else {
            Change {
                inserted: None,
                deleted: Some(revision),
            }
        };
        self.changes.push(change.within(self.context()));
    }

    /// A table row opens, inserted or deleted as its properties say (`row`).
    pub fn open_row(&mut self, row: Change) {
        self.changes.push(row.within(self.context()));
    }

    /// How many tracked changes are open: where [`Walk::open_row`] puts the next.
    pub fn changes_open(&self) -> usize {
        self.changes.len()
    }

    /// Sets the change of the row opened as change `at` ([`Walk::changes_open`] before it) to
    /// `row`, as [`Walk::open_row`] would have with it: for a reader that meets a row's
    /// properties after its start. Nothing may have been opened inside the row since.
    pub fn set_row(&mut self, at: usize, row: Change) {
        let outer = at
            .checked_sub(1)
            .map_or(Change::default(), |i| self.changes[i]);
        if let Some(slot) = self.changes.get_mut(at) {
            *slot = row.within(outer);
        }
    }

    /// The number of a tracked-change element by `author` on `date`.
    pub fn revision(&mut self, author: Option<&str>, date: Option<&str>) -> u32 {
        self.revisions.of_values(author, date)
    }

    fn close_element(&mut self, node: Node) {
        if let Some(name) = w_name(node) {
            self.close_w(name);
        }
    }

    /// Handles the close of WordprocessingML element `name` (not skipped).
    pub fn close_w(&mut self, name: &str) {
        match name {
            "p" => {
                if let Some(paragraph) = self.open.pop() {
                    self.out.push(paragraph);
                }
            }
            "ins" | "moveTo" | "del" | "moveFrom" | "tr" => {
                self.changes.pop();
            }
            "tc" => self.container += 1,
            _ => {}
        }
    }

    /// The tracked change a properties element (`w:trPr`, `w:pPr/w:rPr`) records for its mark.
    fn marked(&mut self, properties: Node) -> Change {
        let mut change = Change::default();
        for c in properties.children() {
            if is_w(c, "ins") || is_w(c, "moveTo") {
                change.inserted = Some(self.revisions.of(c));
            } else if is_w(c, "del") || is_w(c, "moveFrom") {
                change.deleted = Some(self.revisions.of(c));
            }
        }
        change
    }

    fn properties(&mut self, ppr: Node) {
        let mark = child(ppr, "rPr").map(|rpr| self.marked(rpr));
        self.set_properties(Properties {
            mark,
            style: child_val(ppr, "pStyle").map(str::to_string),
            num: child(ppr, "numPr").map(num_ref),
            outline: child_val(ppr, "outlineLvl").and_then(|v| v.parse().ok()),
        });
    }

    /// Gives the innermost open paragraph the properties of its `w:pPr`.
    pub fn set_properties(&mut self, properties: Properties) {
        let context = self.context();
        let Some(p) = self.open.last_mut() else {
            return;
        };
        p.style = properties.style;
        p.num = properties.num;
        p.outline = properties.outline;
        if let Some(mark) = properties.mark {
            p.mark = mark.within(context);
        }
    }

    /// Adds displayed text to the innermost open paragraph (within a field's result, if any).
    pub fn text(&mut self, text: &str) {
        if text.is_empty() || !self.fields.iter().all(|&result| result) {
            return;
        }
        let change = self.context();
        let Some(p) = self.open.last_mut() else {
            return;
        };
        match p.pieces.last_mut() {
            Some(last) if last.change == change && last.note.is_none() => last.text.push_str(text),
            _ => p.pieces.push(Piece {
                text: text.to_string(),
                change,
                note: None,
            }),
        }
    }
}
