//! What the XML readers (Akoma Ntoso, USLM) share: telling the vocabulary from the first bytes,
//! the declared encoding, parsing with limits, and the lines handed to the plain-text parser.
//!
//! XML is parsed by `roxmltree`, which refuses a document type declaration (`<!DOCTYPE …>`): so no
//! entity is ever expanded, and an entity-expansion bomb is an error before any expansion. Nesting
//! is bounded by [`MAX_DEPTH`], checked on the bytes before the parser builds a tree, and the tree
//! by [`MAX_NODES`]; every walk over the tree is iterative, so depth never reaches the stack.

use roxmltree::{Document, Node, ParsingOptions};

use super::lines::LineIndex;
use super::text::{Line, parse_lines};
use super::{Clause, InputFormat, LineRange, Metadata};

/// How deep elements may nest in an XML draft. Real Akoma Ntoso and USLM documents stay below 60.
pub const MAX_DEPTH: usize = 1024;

/// How many nodes (elements, text, attributes' owners) an XML draft may have: ten million, some
/// 40 times the largest bill in the US Code's XML. It bounds the tree's memory before it is built.
pub const MAX_NODES: u32 = 10_000_000;

/// The namespace of USLM documents.
pub(super) const USLM_NAMESPACE: &str = "http://schemas.gpo.gov/xml/uslm";

/// What an XML reader found.
pub(super) struct Read {
    pub(super) metadata: Option<Metadata>,
    pub(super) clauses: Vec<Clause>,
    /// What the reader left out or read in a particular way, in sentences.
    pub(super) notes: Vec<String>,
}

/// The vocabulary of an XML document from its first bytes: its root element is `akomaNtoso`
/// (any namespace or prefix), or a USLM `bill`, `resolution` or other root in the USLM namespace.
pub(super) fn vocabulary(bytes: &[u8]) -> Option<InputFormat> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = root_start(head)?;
    let tag = &head[start..];
    let name_len = tag
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
        .unwrap_or(tag.len());
    let name = &tag[..name_len];
    let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
    if local == b"akomaNtoso" {
        return Some(InputFormat::AkomaNtoso);
    }
    let end = memchr::memchr(b'>', tag).unwrap_or(tag.len());
    let uslm = memchr::memmem::find(&tag[..end], USLM_NAMESPACE.as_bytes()).is_some();
    (uslm || (matches!(local, b"bill" | b"resolution") && !name.contains(&b':')))
        .then_some(InputFormat::Uslm)
        .filter(|_| uslm || memchr::memmem::find(&tag[..end], b"xmlns").is_none())
}

/// Where the root element's name starts: after the XML declaration, processing instructions,
/// comments and a document type declaration.
fn root_start(head: &[u8]) -> Option<usize> {
    let mut at = 0;
    loop {
        let rest = head.get(at..)?;
        let skip = rest.len() - rest.trim_ascii_start().len();
        at += skip;
        let rest = &head[at..];
        if rest.starts_with(b"<?") {
            at += memchr::memmem::find(rest, b"?>")? + 2;
        } else if rest.starts_with(b"<!--") {
            at += memchr::memmem::find(rest, b"-->")? + 3;
        } else if rest.starts_with(b"<!") {
            // A document type declaration, its internal subset (`[<!ENTITY …>]`) included.
            let close = memchr::memchr(b'>', rest)?;
            let end = match memchr::memchr(b'[', &rest[..close]) {
                Some(_) => {
                    let subset = memchr::memmem::find(rest, b"]")?;
                    subset + memchr::memchr(b'>', &rest[subset..])?
                }
                None => close,
            };
            at += end + 1;
        } else if rest.starts_with(b"<") {
            return Some(at + 1);
        } else {
            return None;
        }
    }
}

/// The encoding an XML declaration names (`<?xml version="1.0" encoding="ISO-8859-1"?>`).
pub(super) fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(256)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(head, b"?>")?;
    let declaration = &head[..end];
    let at = memchr::memmem::find(declaration, b"encoding")?;
    let rest = declaration[at + "encoding".len()..]
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = &rest[1..];
    let close = memchr::memchr(quote, value)?;
    Some(String::from_utf8_lossy(&value[..close]).into_owned())
}

/// Parses `src` as XML within the limits: a one-line sentence saying what is wrong otherwise.
pub(super) fn parse(src: &str) -> Result<Document<'_>, String> {
    parse_within(src, MAX_DEPTH, MAX_NODES).map_err(|refused| match refused {
        Refused::Deep => {
            format!("elements nested more than {MAX_DEPTH} deep (clausediff's limit for XML)")
        }
        Refused::Dtd => "a document type declaration (<!DOCTYPE …>) is not read: \
             clausediff expands no XML entities"
            .to_string(),
        Refused::Nodes => format!("more than {MAX_NODES} XML nodes (clausediff's limit for XML)"),
        Refused::Malformed(error) => format!("not well-formed XML: {error}"),
    })
}

/// Why XML was not parsed.
pub(super) enum Refused {
    /// Elements nest deeper than allowed (measured before parsing, which recurses).
    Deep,
    /// It has a document type declaration: entities are how XML bombs expand.
    Dtd,
    /// It holds more nodes than allowed.
    Nodes,
    /// It is not well-formed.
    Malformed(roxmltree::Error),
}

/// Parses `src` with no document type declaration, at most `max_nodes` nodes and elements nested
/// at most `max_depth` deep: the limits every XML reader (Akoma Ntoso, USLM, a Word document's
/// parts) keeps.
pub(super) fn parse_within(
    src: &str,
    max_depth: usize,
    max_nodes: u32,
) -> Result<Document<'_>, Refused> {
    if nesting(src) > max_depth {
        return Err(Refused::Deep);
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: max_nodes,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(src, options).map_err(|error| match error {
        roxmltree::Error::DtdDetected => Refused::Dtd,
        roxmltree::Error::NodesLimitReached => Refused::Nodes,
        other => Refused::Malformed(other),
    })
}

/// An upper bound on how deep the elements of `src` nest, from its tags alone, in one pass: a start
/// tag opens a level unless it closes itself, an end tag closes one; comments, processing
/// instructions and CDATA are skipped.
pub(super) fn nesting(src: &str) -> usize {
    nesting_state(src).1
}

/// How deep [`nesting`]'s count stands at the end of `src`, and the deepest it went: a part read in
/// pieces carries the count on.
pub(super) fn nesting_state(src: &str) -> (usize, usize) {
    let bytes = src.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        at += found + 1;
        let rest = &bytes[at..];
        let skip_to =
            |end: &[u8]| memchr::memmem::find(rest, end).map_or(rest.len(), |e| e + end.len());
        match rest.first() {
            Some(b'!') if rest.starts_with(b"!--") => at += skip_to(b"-->"),
            Some(b'!') if rest.starts_with(b"![CDATA[") => at += skip_to(b"]]>"),
            Some(b'?') => at += skip_to(b"?>"),
            Some(b'!') => {}
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(_) => {
                let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
                if end == 0 || rest[end - 1] != b'/' {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                at += end;
            }
            None => break,
        }
    }
    (depth, deepest)
}

/// One step of a walk over a tree: a node entered, or left after everything below it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Edge<'a, 'input> {
    /// Entering a node.
    Open(Node<'a, 'input>),
    /// Leaving it.
    Close(Node<'a, 'input>),
}

/// What a reader does as [`visit`] walks a document: leave an element out with all it holds, or
/// open it, read its text, and close it after all it holds.
pub(super) trait Visitor {
    /// Whether `node`, an element, is left out with everything below it.
    fn skips(&mut self, node: Node<'_, '_>) -> bool;
    /// An element not left out, before what it holds.
    fn open(&mut self, node: Node<'_, '_>);
    /// A text node.
    fn text(&mut self, node: Node<'_, '_>);
    /// An element not left out, after all it holds.
    fn close(&mut self, node: Node<'_, '_>);
}

/// Walks `root` in document order for `visitor`: an element it skips is neither opened nor closed,
/// nor is anything below it visited.
pub(super) fn visit(root: Node<'_, '_>, visitor: &mut impl Visitor) {
    // The element just left out: its close is not a block's close.
    let mut skipped: Option<roxmltree::NodeId> = None;
    walk(root, |edge| match edge {
        Edge::Open(node) if node.is_element() => {
            if visitor.skips(node) {
                skipped = Some(node.id());
                return false;
            }
            visitor.open(node);
            true
        }
        Edge::Open(node) => {
            if node.is_text() {
                visitor.text(node);
            }
            true
        }
        Edge::Close(node) => {
            if skipped == Some(node.id()) {
                skipped = None;
            } else if node.is_element() {
                visitor.close(node);
            }
            true
        }
    });
}

/// Walks `root` and everything below it in document order, without recursion: each node is
/// opened, then its children walked, then it is closed. `skip` is asked at each element opened and
/// may leave out what is below it (the element is still closed).
pub(super) fn walk<'a, 'input>(
    root: Node<'a, 'input>,
    mut visit: impl FnMut(Edge<'a, 'input>) -> bool,
) {
    let mut next = Some(root);
    while let Some(node) = next {
        let descend = visit(Edge::Open(node));
        if descend && let Some(child) = node.first_child() {
            next = Some(child);
            continue;
        }
        // Close this node and every ancestor whose children are done, up to one with a sibling.
        let mut at = node;
        loop {
            visit(Edge::Close(at));
            if at == root {
                return;
            }
            if let Some(sibling) = at.next_sibling() {
                next = Some(sibling);
                break;
            }
            match at.parent() {
                Some(parent) => at = parent,
                None => return,
            }
        }
    }
}

/// The local name of an element (`an:article` → `article`).
pub(super) fn name<'a>(node: &Node<'a, '_>) -> &'a str {
    node.tag_name().name()
}

/// Text with every run of white space one space, trimmed.
pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of an element and all below it, white space collapsed.
pub(super) fn text_of(node: Node<'_, '_>) -> String {
    let text: String = node
        .descendants()
        .filter(Node::is_text)
        .filter_map(|d| d.text())
        .collect();
    collapse(&text)
}

/// The text of an element's children, each child's collapsed and joined with one space: a cover
/// page's `<date>April 9, 2019</date><actionDescription>Mrs. Lowey …` reads `April 9, 2019 Mrs.
/// Lowey …`.
pub(super) fn spaced_text_of(node: Node<'_, '_>) -> String {
    let parts: Vec<String> = node
        .children()
        .map(|c| {
            if c.is_text() {
                collapse(c.text().unwrap_or(""))
            } else {
                text_of(c)
            }
        })
        .filter(|t| !t.is_empty())
        .collect();
    let mut text = String::new();
    for part in parts {
        let glued = part.starts_with(['.', ',', ';', ':']);
        if !text.is_empty() && !glued {
            text.push(' ');
        }
        text.push_str(&part);
    }
    text
}

/// Lines for the plain-text parser, built as a rendering of the document would print it: each
/// piece of text appended to the current line, a line break or a blank line (a paragraph break)
/// between blocks.
#[derive(Default)]
pub(super) struct Lines {
    lines: Vec<(u32, String, Option<u8>, Option<String>)>,
    current: String,
    line: u32,
    heading: Option<u8>,
    key: Option<String>,
}

impl Lines {
    /// Appends text that stands on source line `line`; `key` is the element it belongs to, kept if
    /// the text starts a line.
    pub(super) fn push(&mut self, text: &str, line: u32, key: Option<&str>) {
        let text = text.replace('\u{AD}', "");
        if self.current.is_empty() {
            let trimmed = text.trim_start();
            if trimmed.is_empty() {
                return;
            }
            self.line = line;
            self.key = key.map(str::to_string);
            self.current.push_str(trimmed);
            return;
        }
        self.current.push_str(&text);
    }

    /// Whether the current line holds no text yet.
    pub(super) fn is_line_empty(&self) -> bool {
        self.current.trim().is_empty()
    }

    /// Marks the current line (and the next, if none is open) as a heading of `rank`.
    pub(super) fn mark_heading(&mut self, rank: u8) {
        self.heading = Some(rank);
    }

    /// Ends the current line.
    pub(super) fn break_line(&mut self) {
        let text = collapse(&self.current);
        self.current.clear();
        let heading = self.heading.take();
        if !text.is_empty() {
            self.lines.push((self.line, text, heading, self.key.take()));
        }
    }

    /// Ends the current line and the paragraph it is in.
    pub(super) fn break_paragraph(&mut self) {
        self.break_line();
        if self
            .lines
            .last()
            .is_some_and(|(_, text, ..)| !text.is_empty())
        {
            let line = self.lines.last().map_or(1, |l| l.0);
            self.lines.push((line, String::new(), None, None));
        }
    }

    /// The clauses the plain-text parser reads from the lines.
    pub(super) fn parse(mut self) -> Vec<Clause> {
        self.break_paragraph();
        parse_lines(self.lines.iter().map(|(number, text, heading, key)| Line {
            number: *number,
            text,
            heading: *heading,
            item: None,
            key: key.as_deref(),
            headings_marked: false,
        }))
    }
}

/// Document metadata from `entries`, located at `lines`. Repeated keys are joined into one entry
/// with `; `, so each key has one value to compare.
pub(super) fn metadata(entries: Vec<(String, String)>, lines: LineRange) -> Option<Metadata> {
    let mut joined: Vec<(String, String)> = Vec::new();
    for (key, value) in entries {
        if value.is_empty() {
            continue;
        }
        match joined.iter_mut().find(|(k, _)| *k == key) {
            Some((_, existing)) => {
                existing.push_str("; ");
                existing.push_str(&value);
            }
            None => joined.push((key, value)),
        }
    }
    Metadata::of_entries(joined, lines)
}

/// The first and last source lines of an element.
pub(super) fn lines_of(node: Node<'_, '_>, index: &LineIndex) -> LineRange {
    let range = node.range();
    let first = index.line_of(range.start);
    LineRange {
        first,
        last: index.line_of(range.end.saturating_sub(1)).max(first),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_element_names_the_vocabulary() {
        let akn = br#"<?xml version="1.0"?><!-- c --><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act/></akomaNtoso>"#;
        assert_eq!(vocabulary(akn), Some(InputFormat::AkomaNtoso));
        assert_eq!(
            vocabulary(b"<an:akomaNtoso xmlns:an=\"x\"/>"),
            Some(InputFormat::AkomaNtoso)
        );
        let uslm = br#"<?xml version="1.0"?><?xml-stylesheet href="uslm.css"?><resolution xmlns="http://schemas.gpo.gov/xml/uslm">"#;
        assert_eq!(vocabulary(uslm), Some(InputFormat::Uslm));
        assert_eq!(vocabulary(b"<bill><main/></bill>"), Some(InputFormat::Uslm));
        assert_eq!(vocabulary(b"<bill xmlns=\"urn:other\">"), None);
        assert_eq!(vocabulary(b"<catalog/>"), None);
        assert_eq!(vocabulary(b"1. Text."), None);
        let declared = br#"<!DOCTYPE akomaNtoso [<!ENTITY a "b">]><akomaNtoso/>"#;
        assert_eq!(vocabulary(declared), Some(InputFormat::AkomaNtoso));
    }

    #[test]
    fn the_declared_encoding_is_read() {
        assert_eq!(
            declared_encoding(b"<?xml version='1.0' encoding='ISO-8859-1'?><a/>").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\"?><a/>"), None);
        assert_eq!(declared_encoding(b"<a/>"), None);
    }

    #[test]
    fn entity_bombs_and_deep_nesting_are_refused() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><akomaNtoso>&lol2;</akomaNtoso>"#;
        let err = parse(bomb).err().unwrap();
        assert!(err.starts_with("a document type declaration"), "{err}");
        let deep = format!("<a>{}", "<b>".repeat(1_000_000));
        assert_eq!(
            parse(&deep).err().unwrap(),
            "elements nested more than 1024 deep (clausediff's limit for XML)"
        );
        let fine = format!("{}{}", "<b>".repeat(MAX_DEPTH), "</b>".repeat(MAX_DEPTH));
        assert!(parse(&fine).is_ok());
        // Self-closing elements, comments and CDATA are not nesting.
        let flat = format!(
            "<a>{}<!-- <b><b> --><![CDATA[<b><b>]]></a>",
            "<b/>".repeat(5000)
        );
        assert!(parse(&flat).is_ok());
    }

    #[test]
    fn truncated_xml_is_not_well_formed() {
        let err = parse("<akomaNtoso><act><body><p>Text").err().unwrap();
        assert!(err.starts_with("not well-formed XML: "), "{err}");
    }
}
