//! The main part's body read straight from its text, without building a tree: the same walk as
//! [`body::Walk::visit`](super::body::Walk) makes over roxmltree's tree, at a fraction of the cost
//! (the tree took some 40 instructions a byte of a 15 MB `document.xml`).
//!
//! The reader ([`scan`](super::scan)) is strict the safe way round: it takes only a plain subset
//! of XML — ASCII names, the five predefined entities and character references, comments; no
//! CDATA, processing instructions, carriage returns, or tabs, line feeds and `>` in attribute
//! values — and checks it as roxmltree does (names, attributes and their quotes, duplicates,
//! namespace prefixes and declarations, matching end tags, the characters XML allows, `]]>` and
//! `--`, the nesting, node and declaration limits). Whatever it is not sure of it gives up on, and
//! the part is parsed as a tree instead: a part it reads is one roxmltree reads to the same
//! paragraphs, and every error is roxmltree's. Everything before the body's content (the
//! declaration, the root's start tag and its namespaces) is still parsed by roxmltree, with the
//! body closed after its start tag.

use memchr::memmem;

use super::body::{RawParagraph, RevisionTable, Walk};
use super::scan::{Binding, End, MAX_DECLARATIONS, MAX_IN_SCOPE, Reader, XML_URI};
use super::xml::{self, Head, MAX_DEPTH, MAX_NODES, head};

/// Where to cut the body for two readers: after a paragraph's end tag past `from` that another
/// paragraph follows, outside a table cell as far as the nearest cell tags tell. A cut inside
/// something else is found out by the first reader, which then reads on alone.
fn cut(text: &str, head: &Head, from: usize) -> Option<usize> {
    let prefix = head.body.strip_suffix("body")?;
    let end = format!("</{prefix}p>");
    let next = format!("<{prefix}p");
    let (cell, cell_end) = (format!("<{prefix}tc"), format!("</{prefix}tc>"));
    let bytes = text.as_bytes();
    let finder = memmem::Finder::new(end.as_bytes());
    let mut at = from.max(head.content);
    for _ in 0..64 {
        let found = at + finder.find(&bytes[at..])?;
        at = found + end.len();
        let rest = &bytes[at..];
        let paragraph_follows =
            rest.starts_with(next.as_bytes()) && matches!(rest.get(next.len()), Some(b'>' | b' '));
        if !paragraph_follows {
            continue;
        }
        // The nearest cell tags within a window before: a cell longer than it is not seen, and
        // the first reader finds the cut inside it out.
        let before = &bytes[found.saturating_sub(1 << 16).max(head.content)..found];
        let opened = memmem::rfind(before, cell.as_bytes());
        let closed = memmem::rfind(before, cell_end.as_bytes());
        if opened.is_none_or(|o| closed.is_some_and(|c| c > o)) {
            return Some(at);
        }
    }
    None
}

/// Reads the body of the main part `text` (named `name`) without a tree, in two parts on two cores
/// when it holds `halves_from` bytes or more: what [`body::Walk`](super::body::Walk) gives over
/// the whole, or `None` when the part must be parsed as a tree (see the module's docs).
pub fn read(
    name: &str,
    text: &str,
    halves_from: usize,
) -> Option<(Vec<RawParagraph>, RevisionTable, u32)> {
    // A little before the middle, as for the tree's halves.
    let middle = (text.len() >= halves_from).then(|| text.len() / 2 - text.len() / 56);
    read_from(name, text, middle)
}

/// [`read`], cut at the first place [`cut`] finds from `from`, if any.
fn read_from(
    name: &str,
    text: &str,
    from: Option<usize>,
) -> Option<(Vec<RawParagraph>, RevisionTable, u32)> {
    let head = head(text)?;
    // The head, with the body closed at once, parsed as a tree: the declaration, the root and
    // the namespaces in scope in the body.
    let mut closed = String::with_capacity(head.content + head.body.len() + head.root.len() + 8);
    closed.push_str(&text[..head.content]);
    for tag in [head.body, head.root] {
        closed.push_str("</");
        closed.push_str(tag);
        closed.push('>');
    }
    let doc = xml::parse(name, &closed).ok()?;
    let story = doc
        .root_element()
        .children()
        .find(|c| xml::is_w(*c, "body"))?;
    if story.range().start != head.body_start || story.has_children() {
        return None;
    }
    let (depth, head_deepest) = crate::document::xml::nesting_state(&text[..head.content]);
    if depth != 2 {
        return None;
    }
    let owned: Vec<(String, String)> = story
        .namespaces()
        .map(|n| (n.name().unwrap_or("").to_string(), n.uri().to_string()))
        .collect();
    let head_declarations = memmem::find_iter(closed.as_bytes(), b"xmlns").count();
    let mut last = doc.root();
    while let Some(child) = last.last_child() {
        last = child;
    }
    let head_nodes = last.id().get_usize() + 1;
    drop(doc);
    let bindings: Vec<Binding> = owned
        .iter()
        .filter(|(_, uri)| uri != XML_URI)
        .map(|(prefix, uri)| Binding { prefix, uri })
        .collect();
    if bindings.len() > MAX_IN_SCOPE {
        return None;
    }

    let cut = from.and_then(|from| cut(text, &head, from));
    let first = |cut: Option<usize>| {
        let mut reader = Reader::new(text, head.content, bindings.clone());
        let mut walk = Walk::start(RevisionTable::default(), 0);
        let end = reader.run(&mut walk, cut);
        (reader, walk, end)
    };
    let (reader, walk, totals) = match cut {
        Some(cut) => {
            let ((mut a, mut walk, end), second) = rayon::join(
                || first(Some(cut)),
                || {
                    let mut reader = Reader::new(text, cut, bindings.clone());
                    let mut walk = Walk::start(RevisionTable::default(), 0);
                    let end = reader.run(&mut walk, None);
                    (reader, walk, end)
                },
            );
            match end.ok()? {
                End::Cut => {
                    let (b, later, b_end) = second;
                    if walk.at_rest() && b_end.is_ok_and(|e| e == End::Body) {
                        walk.absorb(later);
                        let totals = (
                            a.nodes + b.nodes,
                            a.declarations + b.declarations,
                            a.deepest.max(b.deepest),
                        );
                        (b, walk, totals)
                    } else {
                        // The cut fell inside a field or a change that runs on: read on alone.
                        if a.run(&mut walk, None).ok()? != End::Body {
                            return None;
                        }
                        let totals = (a.nodes, a.declarations, a.deepest);
                        (a, walk, totals)
                    }
                }
                End::Body => {
                    let totals = (a.nodes, a.declarations, a.deepest);
                    (a, walk, totals)
                }
            }
        }
        None => {
            let (reader, walk, end) = first(None);
            if end.ok()? != End::Body {
                return None;
            }
            let totals = (reader.nodes, reader.declarations, reader.deepest);
            (reader, walk, totals)
        }
    };
    let (nodes, declarations, deepest) = totals;
    // The body's end tag, the root's, and nothing after them but white space.
    let mut tail = Reader::new(text, reader.at, Vec::new());
    tail.at += 2;
    let start = tail.at;
    tail.name().ok()?;
    if &text[start..tail.at] != head.body {
        return None;
    }
    tail.skip_spaces();
    let rest = text[tail.at..]
        .strip_prefix('>')?
        .trim_start_matches([' ', '\t', '\n', '\r']);
    let rest = rest.strip_prefix("</")?.strip_prefix(head.root)?;
    let rest = rest
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .strip_prefix('>')?;
    if !rest.trim_start_matches([' ', '\t', '\n', '\r']).is_empty() {
        return None;
    }
    if head_nodes + nodes + 2 > MAX_NODES as usize
        || head_declarations + declarations > MAX_DECLARATIONS
        || head_deepest.max(2 + deepest) > MAX_DEPTH
    {
        return None;
    }
    Some(walk.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// The walk over roxmltree's tree of `text`, as text to compare.
    fn tree(text: &str) -> Option<String> {
        let doc = xml::parse("word/document.xml", text).ok()?;
        let root = doc.root_element();
        let story = root.children().find(|c| xml::is_w(*c, "body"))?;
        let mut walk = Walk::start(RevisionTable::default(), 0);
        walk.visit(story);
        Some(shown(walk.finish()))
    }

    fn shown((paragraphs, revisions, end): (Vec<RawParagraph>, RevisionTable, u32)) -> String {
        format!(
            "{paragraphs:?}\n{:?}\n{}\n{end}",
            revisions.list, revisions.elements
        )
    }

    /// Reads `text` without a tree, whole and cut at every paragraph it can be cut at: each
    /// reading is the tree's, or gives up. Returns whether the whole reading did not give up.
    pub(super) fn agrees(text: &str) -> bool {
        let tree = tree(text);
        let whole = read("word/document.xml", text, usize::MAX).map(shown);
        if let Some(whole) = &whole {
            assert_eq!(Some(whole), tree.as_ref(), "{text}");
        }
        let Some(head) = head(text) else {
            return whole.is_some();
        };
        let mut from = head.content;
        // Every place it can be cut at, for a small part; the first hundred for a large one.
        for _ in 0..100 {
            let Some(at) = cut(text, &head, from) else {
                break;
            };
            if let Some(halves) = read_from("word/document.xml", text, Some(from)).map(shown) {
                assert_eq!(Some(&halves), tree.as_ref(), "cut at {at}: {text}");
            }
            from = at;
        }
        whole.is_some()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn document(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NS}><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn what_the_stream_reads_it_reads_as_the_tree_does() {
        let ins = r#"w:id="1" w:author="A &amp; B" w:date="2025-03-14T09:30:00Z""#;
        let cases = [
            p("plain"),
            p("&#x41;&#65;&amp;&lt;&gt;&quot;&apos;x"),
            format!(r#"<w:p w:rsidR="1"><w:ins {ins}><w:r><w:t>in</w:t></w:r></w:ins></w:p>"#),
            r#"<w:tbl><w:tr><w:tblPrEx><w:tblW w:w="0"/></w:tblPrEx><w:trPr><w:del w:id="8" w:author="Row"/></w:trPr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.to_string(),
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:pStyle w:val="X"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="2"/><w:rPr><w:del w:id="9" w:author="M"/><w:ins w:id="10" w:author="N"/></w:rPr><w:pPrChange w:id="11" w:author="Z"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>props</w:t></w:r></w:p>"#.to_string(),
            r#"<w:p><w:r><w:t>a<!--c-->b</w:t><w:t><!--c-->b</w:t><w:t/><w:tab/><w:br/><w:noBreakHyphen/></w:r></w:p>"#.to_string(),
            r#"<w:p xmlns:q="urn:q"><q:x q:a="1"/><x xmlns="urn:x"><y a="1"/></x><w:r><w:t>n</w:t></w:r></w:p>"#.to_string(),
            r#"<w:p><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x"><w:r><w:t>choice</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback></mc:AlternateContent><m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:r><m:t>x=1</m:t></m:r></m:oMath></w:p>"#.to_string(),
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>res</w:t></w:r></w:p><w:p><w:r><w:t>end</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:footnoteReference w:id="1"/></w:p>"#.to_string(),
            r#"<w:p  w:rsidR = "1" ><w:r ><w:t xml:space='preserve'> sp </w:t ></w:r></w:p ><!-- ok > fine -->"#.to_string(),
        ];
        for case in &cases {
            let body = format!("{}{case}{}", p("first").repeat(3), p("last").repeat(3));
            assert!(agrees(&document(&body)), "{body}");
        }
    }

    #[test]
    fn what_the_stream_is_not_sure_of_is_left_to_the_tree() {
        let cases = [
            p("a]]>b"),
            "<w:p><w:r><w:t>x</w:r></w:p>".to_string(),
            p("&nope;"),
            p("&#1;"),
            p("&#xD800;"),
            p("a & b"),
            "<w:p><x:r><w:t>u</w:t></x:r></w:p>".to_string(),
            r#"<w:p w:rsidR="1" w:rsidR="2"/>"#.to_string(),
            r#"<w:p xmlns:a="urn:s" xmlns:b="urn:s" a:x="1" b:x="2"/>"#.to_string(),
            p("a\u{1}b"),
            p("a\r\nb"),
            p("a\u{FFFE}b"),
            "<w:p w:rsidR=\"a\tb\"/>".to_string(),
            r#"<w:p w:rsidR="a>b"/>"#.to_string(),
            "<!-- a -- b -->".to_string(),
            "<w:p><w:r><w:t><![CDATA[x<y]]></w:t></w:r></w:p>".to_string(),
            "<?foo bar?>".to_string(),
            "<w:p><w:r></w:p>".to_string(),
            "<w:p w:rsidR=1/>".to_string(),
            r#"<w:tbl><w:tr><w:tc><w:p/></w:tc><w:trPr><w:ins w:id="7" w:author="Late"/></w:trPr></w:tr></w:tbl>"#.to_string(),
            "<w:sdt>".repeat(1200) + &"</w:sdt>".repeat(1200),
            r#"<w:p xmlns:e=""/>"#.to_string(),
            r#"<w:p a:xmlns="urn:a" xmlns:a="urn:a"/>"#.to_string(),
            "<w:p><w:p\u{e9}/></w:p>".to_string(),
        ];
        for case in &cases {
            let body = format!("{}{case}{}", p("first").repeat(3), p("last").repeat(3));
            assert!(!agrees(&document(&body)), "{body}");
        }
        // After the body: the root's end tag and white space only.
        let trailing = format!("{}<!-- c -->", document(&p("x")));
        assert!(read("word/document.xml", &trailing, usize::MAX).is_none());
    }

    #[test]
    fn the_word_fixtures_are_read_as_the_tree_reads_them() {
        for name in ["treaty-v1.docx", "treaty-v2.docx", "treaty-tracked.docx"] {
            let path = format!("{}/fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"));
            let bytes = std::fs::read(path).unwrap();
            let mut archive = super::super::archive::Archive::open(&bytes).unwrap();
            let text = archive.part("word/document.xml").unwrap().unwrap();
            assert!(agrees(&text), "{name}");
        }
    }
}

#[cfg(test)]
mod corpus {
    use super::tests::agrees as agrees_with_tree;

    /// The Word documents of other projects beside the repository, when they are there: each is
    /// read as the tree reads it, or left to the tree.
    #[test]
    fn the_corpus_word_documents_are_read_as_the_tree_reads_them() {
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
        let Ok(folders) = std::fs::read_dir(corpus) else {
            return;
        };
        for folder in folders.flatten() {
            let Ok(files) = std::fs::read_dir(folder.path()) else {
                continue;
            };
            for file in files.flatten() {
                let path = file.path();
                if path.extension().is_none_or(|e| e != "docx") {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                let Ok(mut archive) = super::super::archive::Archive::open(&bytes) else {
                    continue;
                };
                if let Ok(Some(text)) = archive.part("word/document.xml") {
                    agrees_with_tree(&text);
                }
            }
        }
    }
}
