//! Parsing a part's XML, and finding WordprocessingML elements and attributes in it.

use roxmltree::{Document, Node};

use crate::document::xml::{self, Refused};

/// The WordprocessingML namespace, transitional and strict (ISO/IEC 29500).
pub const W: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// Office Math (OMML), whose `m:t` runs hold displayed text.
pub const M: &[&str] = &[
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
];
/// Markup compatibility: `mc:Fallback` repeats `mc:Choice` for older readers.
pub const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The most elements a part may hold (a 10 MB document holds a few hundred thousand).
pub const MAX_NODES: u32 = 20_000_000;
/// How deep elements may nest in a part. Word's own nesting (tables in tables, text boxes) stays
/// below a hundred.
pub const MAX_DEPTH: usize = 1_000;

/// Parses a part. A document type declaration is refused (Word writes none, and entities are how
/// XML bombs expand), as are more than [`MAX_NODES`] nodes and nesting deeper than [`MAX_DEPTH`].
pub fn parse<'a>(name: &str, text: &'a str) -> Result<Document<'a>, String> {
    xml::parse_within(text, MAX_DEPTH, MAX_NODES).map_err(|refused| match refused {
        Refused::Deep => format!(
            "part {name} nests elements more than {MAX_DEPTH} deep (clausediff's limit for Word documents)"
        ),
        Refused::Dtd => format!(
            "part {name} has a document type declaration, which clausediff refuses (entity expansion)"
        ),
        Refused::Nodes => format!(
            "part {name} holds more than {MAX_NODES} XML nodes (clausediff's limit for Word documents)"
        ),
        Refused::Malformed(e) => format!("part {name} is not well-formed XML: {e}"),
    })
}

/// A part cut in two between two children of its body, near its middle, so that each half is
/// parsed (and walked) on its own core: `first` is the part up to the cut with its body and root
/// closed, `second` the part up to its body's start tag followed by the rest.
pub struct Halves {
    pub first: String,
    pub second: String,
    /// Where the body's start tag begins, the same in both halves.
    pub body: usize,
    /// Where the cut is in `first`: the body's end tag added there starts at it.
    pub cut: usize,
}

/// How many bytes a part must hold to be read in two halves.
pub const HALVES_FROM: usize = 1 << 20;

/// Cuts `text` in two after the first child of its body (the root element's child `…:body`)
/// that ends past the middle, or `None` when it has no such place or is smaller than `from`.
///
/// The cut is found from the tags alone, as [`xml::nesting`] counts them, so it can be wrong on
/// odd input (a `>` inside an attribute value): the halves are then checked by parsing them
/// ([`checked`]), and a part whose halves are not what it holds is parsed whole. A part whose
/// halves come near a limit — nested too deep, a document type declaration, more nodes or
/// namespace declarations than the parser takes — is parsed whole, and refused with the whole's
/// error.
pub fn halves(text: &str, from: usize) -> Option<Halves> {
    let bytes = text.as_bytes();
    if bytes.len() < from {
        return None;
    }
    // A little before the middle (by a 56th of the part): cut at the middle, the first half of
    // the 10 MB benchmark document cost 7% more to parse, check and walk than the second
    // (callgrind), and the two run side by side.
    let middle = bytes.len() / 2 - bytes.len() / 56;
    let head = head(text)?;
    // Inside the body: the root and the body are open.
    let (mut depth, mut at) = (2usize, head.content);
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        at += found + 1;
        let rest = &bytes[at..];
        let skip_to = |end: &[u8]| memchr::memmem::find(rest, end).map(|e| e + end.len());
        match rest.first()? {
            b'!' if rest.starts_with(b"!--") => at += skip_to(b"-->")?,
            b'!' if rest.starts_with(b"![CDATA[") => at += skip_to(b"]]>")?,
            b'?' => at += skip_to(b"?>")?,
            b'!' => return None,
            b'/' => {
                at += memchr::memchr(b'>', rest)? + 1;
                depth = depth.checked_sub(1)?;
                if depth < 2 {
                    return None;
                }
                if depth == 2 && at >= middle {
                    break;
                }
            }
            _ => {
                let end = memchr::memchr(b'>', rest)?;
                let closed = end > 0 && rest[end - 1] == b'/';
                at += end + 1;
                if !closed {
                    depth += 1;
                } else if depth == 2 && at >= middle {
                    break;
                }
            }
        }
    }
    if depth != 2 || at >= bytes.len() {
        return None;
    }
    let (root, body_name) = (head.root, head.body);
    let mut first = String::with_capacity(at + body_name.len() + root.len() + 8);
    first.push_str(&text[..at]);
    first.push_str("</");
    first.push_str(body_name);
    first.push_str("></");
    first.push_str(root);
    first.push('>');
    let mut second = String::with_capacity(head.content + bytes.len() - at);
    second.push_str(&text[..head.content]);
    second.push_str(&text[at..]);
    Some(Halves {
        first,
        second,
        body: head.body_start,
        cut: at,
    })
}

/// Where a part's root and body start: the root's name, the body's name, where the body's start
/// tag begins and where its content does.
pub(super) struct Head<'a> {
    pub root: &'a str,
    pub body: &'a str,
    pub body_start: usize,
    pub content: usize,
}

/// Finds the body (the root element's child `…:body`) from the tags alone, as [`xml::nesting`]
/// counts them; what stands before it (a page background) is passed over. `None` for a part with
/// no body, or one that is odd before it (a document type declaration, an unclosed tag).
pub(super) fn head(text: &str) -> Option<Head<'_>> {
    let bytes = text.as_bytes();
    let (mut depth, mut at) = (0usize, 0usize);
    let mut root = None;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + found;
        at = start + 1;
        let rest = &bytes[at..];
        let skip_to = |end: &[u8]| memchr::memmem::find(rest, end).map(|e| e + end.len());
        match rest.first()? {
            b'!' if rest.starts_with(b"!--") => at += skip_to(b"-->")?,
            b'!' if rest.starts_with(b"![CDATA[") => at += skip_to(b"]]>")?,
            b'?' => at += skip_to(b"?>")?,
            b'!' => return None,
            b'/' => {
                at += memchr::memchr(b'>', rest)? + 1;
                depth = depth.checked_sub(1)?;
            }
            _ => {
                let end = memchr::memchr(b'>', rest)?;
                let closed = end > 0 && rest[end - 1] == b'/';
                at += end + 1;
                let tag = tag_name(rest)?;
                match depth {
                    0 => root = Some(tag),
                    1 if !closed && tag.rsplit(':').next() == Some("body") => {
                        return Some(Head {
                            root: root?,
                            body: tag,
                            body_start: start,
                            content: at,
                        });
                    }
                    _ => {}
                }
                if !closed {
                    depth += 1;
                }
            }
        }
    }
    None
}

/// The name of the tag whose text starts `rest` (after its `<`).
fn tag_name(rest: &[u8]) -> Option<&str> {
    let end = rest
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
        .unwrap_or(rest.len());
    std::str::from_utf8(&rest[..end]).ok()
}

/// Parses one half of a part cut by [`halves`] (`first` or second): its document, its body and
/// how many nodes it holds, or `None` when it does not parse or its body is not the one the cut was made in, for
/// the part to be parsed whole.
pub fn checked<'a>(
    text: &'a str,
    halves: &Halves,
    first: bool,
) -> Option<(Document<'a>, roxmltree::NodeId, usize)> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    // The whole nests as deep as the deeper half, as [`xml::nesting`] counts (the halves being
    // well-formed, it reads their tags as it reads the whole's); the whole declares at most the
    // namespaces both halves declare, far fewer than the parser's limit of 65,536.
    if xml::nesting(text) > MAX_DEPTH
        || memchr::memmem::find_iter(text.as_bytes(), b"xmlns").count() > 30_000
    {
        return None;
    }
    let doc = Document::parse_with_options(text, options).ok()?;
    let root = doc.root_element();
    let story = root.children().find(|c| is_w(*c, "body"))?;
    if story.range().start != halves.body {
        return None;
    }
    // The first half's body must be the element its added end tag closes, so the cut is between
    // two of the body's children (the second half then holds the rest of the body).
    if first && story.range().end <= halves.cut {
        return None;
    }
    let id = story.id();
    // Nodes are numbered in document order: the last one holds the highest number.
    let mut last = doc.root();
    while let Some(child) = last.last_child() {
        last = child;
    }
    let nodes = last.id().get_usize() + 1;
    Some((doc, id, nodes))
}

/// A step of a walk over a subtree: an element (or text) opens, or closes after all it holds.
#[derive(Debug, Clone, Copy)]
pub enum Edge<'a, 'input> {
    Open(Node<'a, 'input>),
    Close(Node<'a, 'input>),
}

/// The subtree of `root` in document order, each node opened and later closed, without recursion
/// (documents may nest deep).
pub fn edges<'a, 'input>(root: Node<'a, 'input>) -> impl Iterator<Item = Edge<'a, 'input>> {
    let mut next = Some(Edge::Open(root));
    std::iter::from_fn(move || {
        let current = next?;
        next = match current {
            Edge::Open(node) => Some(match node.first_child() {
                Some(child) => Edge::Open(child),
                None => Edge::Close(node),
            }),
            Edge::Close(node) if node == root => None,
            Edge::Close(node) => match node.next_sibling() {
                Some(sibling) => Some(Edge::Open(sibling)),
                None => node.parent().map(Edge::Close),
            },
        };
        Some(current)
    })
}

/// Whether `node` is the element `name` of one of the namespaces `ns`.
pub fn is(node: Node, ns: &[&str], name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace().is_some_and(|n| ns.contains(&n))
}

/// Whether `node` is the WordprocessingML element `name`.
pub fn is_w(node: Node, name: &str) -> bool {
    is(node, W, name)
}

/// The WordprocessingML name of an element, if it is one.
pub fn w_name<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    let tag = node.tag_name();
    (node.is_element() && tag.namespace().is_some_and(|n| W.contains(&n))).then(|| tag.name())
}

/// A WordprocessingML attribute (`w:val`) of an element.
pub fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name && a.namespace().is_some_and(|n| W.contains(&n)))
        .map(|a| a.value())
}

/// The first child element `name` (WordprocessingML) of `node`.
pub fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|c| is_w(*c, name))
}

/// The `w:val` of the child element `name` of `node`.
pub fn child_val<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(node, name).and_then(|c| attr(c, "val"))
}

/// Whether an on/off property (`w:b`, `w:isLgl`) is on: present, and not `w:val="false"` or `0`.
pub fn is_on(node: Option<Node>) -> bool {
    node.is_some_and(|n| !matches!(attr(n, "val"), Some("false" | "0" | "off")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_open_elements() {
        assert_eq!(xml::nesting("<a><b/><c><d>x</d></c></a>"), 3);
        assert_eq!(
            xml::nesting("<?xml version='1.0'?><!-- <x><y> --><a><b/></a>"),
            1
        );
        assert_eq!(xml::nesting("<a><![CDATA[<b><c>]]></a>"), 1);
    }

    #[test]
    fn entities_and_deep_nesting_are_refused() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>"#;
        let err = parse("word/document.xml", bomb).unwrap_err();
        assert!(err.contains("document type declaration"), "{err}");
        let deep = format!("{}{}", "<a>".repeat(1_000_000), "</a>".repeat(1_000_000));
        let err = parse("word/document.xml", &deep).unwrap_err();
        assert!(err.contains("more than 1000 deep"), "{err}");
    }
}
