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
