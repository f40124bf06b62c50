//! The HTML reader: a web page's main content, not the site around it.
//!
//! The page is parsed as a browser parses it (html5ever, through scraper). Its main content is the
//! `<main>` element (or `role="main"`), else its one `<article>`, else the part of `<body>` that
//! holds most of its text: from `<body>`, the walk goes down into the container holding at least
//! [`MAIN_SHARE`] of the text for as long as there is one. Inside it, site furniture is left out:
//! navigation, page headers and footers, asides, forms, scripts and styles, hidden elements, and
//! elements whose class or id names them as share bars, breadcrumbs, cookie banners or menus.
//!
//! What is left becomes lines for the plain-text parser: each block (`<p>`, `<li>`, a table cell,
//! …) one paragraph, `<br>` a line break, `<h1>`–`<h6>` headings of that rank, and the number a
//! browser shows before an `<ol>` item (`start`, `type`, `value` and `reversed` honoured) written
//! before its text, so `<ol start="4">` gives clause `4` as `4.` in a text draft does. A clause's
//! line is where its first word stands in the source. The `<title>` and `lang` are metadata.

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use rustc_hash::FxHashMap;
use scraper::{Html, Node};

use super::lines::LineIndex;
use super::numbering::roman;
use super::text::{Line, parse_lines};
use super::{Clause, LineRange, Metadata};

/// The share of its parent's text a container must hold for the main content to be looked for
/// inside it.
const MAIN_SHARE: f64 = 0.8;

/// Elements that are never content.
const NEVER: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select",
    "textarea", "iframe", "svg", "canvas", "head", "object", "embed", "dialog", "menu", "math",
];

/// ARIA roles of site furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "search",
    "complementary",
    "menu",
    "menubar",
    "toolbar",
    "dialog",
    "alertdialog",
];

/// Words in a class or id that name site furniture (`share-bar`, `breadcrumbs`, `cookie-notice`).
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "consent",
    "sidebar",
    "navbar",
    "nav",
    "navigation",
    "menu",
    "skip",
    "newsletter",
    "subscribe",
    "promo",
    "advert",
    "advertisement",
    "ads",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "address",
    "ul",
    "ol",
    "dl",
    "hr",
    "details",
    "summary",
    "center",
];

/// What the reader found in a page.
pub(super) struct Page {
    pub(super) metadata: Option<Metadata>,
    pub(super) clauses: Vec<Clause>,
}

/// The charset a page declares in its first 1024 bytes (`<meta charset="…">`, or a `Content-Type`
/// `<meta>`), as the HTML standard's pre-scan finds it.
pub(super) fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset")?;
    let rest = &head[at + "charset".len()..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(&b)))
        .unwrap_or(rest.len());
    (end > 0).then(|| String::from_utf8_lossy(&rest[..end]).into_owned())
}

/// How deep elements may nest in a page clausediff reads. The HTML parser's work grows with the
/// square of the depth; real pages stay below a few hundred.
pub const MAX_DEPTH: usize = 4096;

/// Reads a page's main content into clauses. `Err` holds why there is nothing to read.
pub(super) fn read(src: &str) -> Result<Page, String> {
    if nesting(src) > MAX_DEPTH {
        return Err(format!(
            "elements nested more than {MAX_DEPTH} deep (clausediff's limit for HTML)"
        ));
    }
    let page = Html::parse_document(src);
    let mut walk = Walk::default();
    let root = main_content(&page);
    walk.run(&page, root);
    walk.flush();
    let index = LineIndex::new(src);
    let mut cursor = 0;
    let mut lines: Vec<(u32, String, Option<u8>, Option<usize>)> = Vec::new();
    for block in &walk.blocks {
        // The block starts where its first word next stands, and the search for the next block
        // starts after its last word.
        let find = |word: &str, from: usize| {
            memchr::memmem::find(&src.as_bytes()[from..], word.as_bytes()).map(|at| from + at)
        };
        let start = first_word(&block.text).and_then(|word| find(word, cursor));
        let line = index.line_of(start.unwrap_or(cursor));
        if let Some(start) = start {
            let last =
                last_word(&block.text).and_then(|word| find(word, start).map(|at| at + word.len()));
            cursor = last.unwrap_or(start + 1);
        }
        for (i, piece) in block.text.split('\n').enumerate() {
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            let text = match (&block.number, i) {
                (Some(number), 0) => format!("{number} {piece}"),
                _ => piece.to_string(),
            };
            let item = if i == 0 { block.item } else { None };
            lines.push((line, text, block.heading, item));
        }
        lines.push((line, String::new(), None, None));
    }
    let clauses = parse_lines(lines.iter().map(|(number, text, heading, item)| Line {
        number: *number,
        text,
        heading: *heading,
        item: *item,
        headings_marked: false,
        key: None,
    }));
    if clauses.is_empty() && !src.trim().is_empty() {
        return Err("no main text: the page holds only navigation, scripts or markup".to_string());
    }
    Ok(Page {
        metadata: metadata(&page, &index, src),
        clauses,
    })
}

/// Elements a page may leave open (their end tag is optional, or they have none): they are not
/// counted in [`nesting`].
const UNCLOSED: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body", "br", "img", "hr", "meta",
    "link", "input", "area", "base", "col", "embed", "param", "source", "track", "wbr", "keygen",
];

/// An upper bound on how deep a page's elements nest, from its tags alone, in one pass: start tags
/// that need an end tag open a level, end tags close one; comments and the text of scripts and
/// styles are skipped.
fn nesting(src: &str) -> usize {
    let bytes = src.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        at += found + 1;
        let rest = &bytes[at..];
        if rest.starts_with(b"!--") {
            at += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 {
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let name = std::str::from_utf8(&name).unwrap_or("");
        let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let self_closing = end > 0 && rest[end - 1] == b'/';
        at += end;
        if UNCLOSED.contains(&name) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        depth += 1;
        deepest = deepest.max(depth);
        if matches!(name, "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            let lower = bytes[at..].to_ascii_lowercase();
            at += memchr::memmem::find(&lower, close.as_bytes()).unwrap_or(lower.len());
        }
    }
    deepest
}

/// The first word of a block worth finding in the source: three letters or digits, ASCII, so that
/// no entity or markup can stand inside it.
fn first_word(text: &str) -> Option<&str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| w.len() >= 3)
}

/// The last word of a block worth finding in the source, as [`first_word`].
fn last_word(text: &str) -> Option<&str> {
    text.rsplit(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| w.len() >= 3)
}

/// The page's title and language, as document metadata.
fn metadata(page: &Html, index: &LineIndex, src: &str) -> Option<Metadata> {
    let mut entries = Vec::new();
    let mut title_at = None;
    for node in page.tree.root().descendants() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        match element.name() {
            "html" => {
                if let Some(lang) = element.attr("lang").filter(|l| !l.trim().is_empty()) {
                    entries.push(("lang".to_string(), lang.trim().to_string()));
                }
            }
            "title" if title_at.is_none() => {
                let title: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                let title = collapse(&title);
                if !title.is_empty() {
                    title_at = memchr::memmem::find(src.as_bytes(), b"<title");
                    entries.push(("title".to_string(), title));
                }
            }
            _ => {}
        }
    }
    if entries.is_empty() {
        return None;
    }
    let line = index.line_of(title_at.unwrap_or(0));
    Metadata::of_entries(
        entries,
        LineRange {
            first: line,
            last: line,
        },
    )
}

/// Text with every run of white space one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether an element is site furniture or hidden, never content. `in_section` says whether it lies
/// inside an `<article>`, `<main>` or `<section>`, where a `<header>` is the article's own.
fn is_furniture(element: &scraper::node::Element, in_section: bool) -> bool {
    let name = element.name();
    if NEVER.contains(&name) || (matches!(name, "header" | "footer") && !in_section) {
        return true;
    }
    if element.attr("hidden").is_some()
        || element
            .attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if element.attr("style").is_some_and(|s| {
        let s = s.to_ascii_lowercase().replace(' ', "");
        s.contains("display:none") || s.contains("visibility:hidden")
    }) {
        return true;
    }
    if element
        .attr("role")
        .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let names = element.classes().chain(element.id());
    names.into_iter().any(|n| {
        n.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| FURNITURE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
    })
}

/// The element whose content is the page's main text.
fn main_content(page: &Html) -> NodeId {
    let tree = &page.tree;
    let mut body = None;
    let mut main = None;
    let mut articles = Vec::new();
    for node in tree.root().descendants() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let role_main = element
            .attr("role")
            .is_some_and(|r| r.trim().eq_ignore_ascii_case("main"));
        match element.name() {
            "body" if body.is_none() => body = Some(node.id()),
            "main" if main.is_none() => main = Some(node.id()),
            "article" => articles.push(node.id()),
            _ if role_main && main.is_none() => main = Some(node.id()),
            _ => {}
        }
    }
    if let Some(main) = main {
        return main;
    }
    if let [article] = articles.as_slice() {
        return *article;
    }
    let body = body.unwrap_or_else(|| tree.root().id());
    let sizes = text_sizes(page, body);
    let mut at = body;
    loop {
        let Some(node) = tree.get(at) else {
            return at;
        };
        let total = sizes.get(&at).copied().unwrap_or(0);
        let largest = node
            .children()
            .filter(|c| {
                c.value().as_element().is_some_and(|e| {
                    matches!(e.name(), "div" | "section" | "article" | "main" | "center")
                })
            })
            .max_by_key(|c| sizes.get(&c.id()).copied().unwrap_or(0));
        match largest {
            Some(child)
                if total > 0
                    && sizes.get(&child.id()).copied().unwrap_or(0) as f64
                        >= MAIN_SHARE * total as f64 =>
            {
                at = child.id();
            }
            _ => return at,
        }
    }
}

/// How much content text each element under `root` holds, furniture left out.
fn text_sizes(page: &Html, root: NodeId) -> FxHashMap<NodeId, usize> {
    let mut sizes = FxHashMap::default();
    let Some(root) = page.tree.get(root) else {
        return sizes;
    };
    // (element, text under it so far); furniture is skipped with its whole subtree.
    let mut open: Vec<(NodeId, usize)> = Vec::new();
    let mut skipping: Option<NodeId> = None;
    let mut sections = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        if is_furniture(element, sections > 0) {
                            skipping = Some(node.id());
                            continue;
                        }
                        sections += usize::from(is_section(element.name()));
                        open.push((node.id(), 0));
                    }
                    Node::Text(text) => {
                        if let Some(top) = open.last_mut() {
                            top.1 += text.trim().len();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if let Node::Element(element) = node.value() {
                    sections -= usize::from(is_section(element.name()));
                    if let Some((id, size)) = open.pop() {
                        sizes.insert(id, size);
                        if let Some(parent) = open.last_mut() {
                            parent.1 += size;
                        }
                    }
                }
            }
        }
    }
    sizes
}

fn is_section(name: &str) -> bool {
    matches!(name, "article" | "main" | "section")
}

/// A block of text the walk found.
struct Block {
    heading: Option<u8>,
    number: Option<String>,
    /// How many lists deep the `<li>` this block starts is.
    item: Option<usize>,
    text: String,
}

/// An open `<ol>` or `<ul>`.
struct List {
    ordered: bool,
    next: i64,
    step: i64,
    kind: char,
}

#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    text: String,
    heading: Option<u8>,
    /// The number of the `<li>` just opened and its depth, for the first block of text inside it.
    number: Option<String>,
    item: Option<usize>,
    lists: Vec<List>,
}

impl Walk {
    fn run(&mut self, page: &Html, root: NodeId) {
        let Some(root) = page.tree.get(root) else {
            return;
        };
        let mut skipping: Option<NodeId> = None;
        let mut sections = root
            .ancestors()
            .filter(|a| a.value().as_element().is_some_and(|e| is_section(e.name())));
        let mut sections = usize::from(sections.next().is_some());
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Element(element) => {
                            if node.id() != root.id() && is_furniture(element, sections > 0) {
                                skipping = Some(node.id());
                                continue;
                            }
                            sections += usize::from(is_section(element.name()));
                            self.open(element, node.children().count());
                        }
                        Node::Text(text) => self.push_text(text),
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skipping == Some(node.id()) {
                        skipping = None;
                        continue;
                    }
                    if skipping.is_some() {
                        continue;
                    }
                    if let Node::Element(element) = node.value() {
                        sections -= usize::from(is_section(element.name()));
                        self.close(element.name());
                    }
                }
            }
        }
    }

    fn open(&mut self, element: &scraper::node::Element, children: usize) {
        let name = element.name();
        if name == "br" {
            self.text.push('\n');
            return;
        }
        if !BLOCKS.contains(&name) {
            return;
        }
        self.flush();
        match name {
            "ol" | "ul" => {
                let ordered = name == "ol";
                let reversed = element.attr("reversed").is_some();
                let start = element
                    .attr("start")
                    .and_then(|s| s.trim().parse::<i64>().ok())
                    .unwrap_or(if reversed {
                        i64::try_from(children).unwrap_or(1)
                    } else {
                        1
                    });
                let kind = element
                    .attr("type")
                    .and_then(|t| t.trim().chars().next())
                    .filter(|c| "1aAiI".contains(*c))
                    .unwrap_or('1');
                self.lists.push(List {
                    ordered,
                    next: start,
                    step: if reversed { -1 } else { 1 },
                    kind,
                });
            }
            "li" => {
                if let Some(list) = self.lists.last_mut() {
                    if list.ordered {
                        if let Some(value) = element
                            .attr("value")
                            .and_then(|v| v.trim().parse::<i64>().ok())
                        {
                            list.next = value;
                        }
                        self.number = Some(format!("{}.", marker(list.kind, list.next)));
                        list.next += list.step;
                    } else {
                        self.number = Some("•".to_string());
                    }
                    self.item = Some(self.lists.len());
                }
            }
            _ => {
                if let Some(rank) = name
                    .strip_prefix('h')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=6).contains(n))
                {
                    self.heading = Some(rank);
                }
            }
        }
    }

    fn close(&mut self, name: &str) {
        if !BLOCKS.contains(&name) {
            return;
        }
        self.flush();
        match name {
            "ol" | "ul" => {
                self.lists.pop();
            }
            "li" => {
                self.number = None;
                self.item = None;
            }
            _ if name.len() == 2 && name.starts_with('h') => self.heading = None,
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        // White space collapses as a browser renders it; line breaks come only from `<br>`.
        let mut space = self.text.ends_with([' ', '\n']) || self.text.is_empty();
        for c in text.chars() {
            if c.is_whitespace() && c != '\u{A0}' {
                if !space {
                    self.text.push(' ');
                    space = true;
                }
            } else {
                self.text.push(c);
                space = false;
            }
        }
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        if text.trim().is_empty() {
            return;
        }
        self.blocks.push(Block {
            heading: self.heading,
            number: self.number.take(),
            item: self.item.take(),
            text: text.trim().to_string(),
        });
    }
}

/// An `<ol>` item's number as a browser shows it, in the list's `type`.
fn marker(kind: char, n: i64) -> String {
    match kind {
        'a' | 'A' if n >= 1 => {
            let mut n = n;
            let mut letters = Vec::new();
            while n > 0 {
                let d = u8::try_from((n - 1) % 26).unwrap_or(0);
                letters.push(if kind == 'a' { b'a' + d } else { b'A' + d });
                n = (n - 1) / 26;
            }
            letters.reverse();
            String::from_utf8(letters).unwrap_or_default()
        }
        'i' | 'I' if (1..4000).contains(&n) => {
            let roman = roman(n);
            if kind == 'i' {
                roman.to_lowercase()
            } else {
                roman
            }
        }
        _ => n.to_string(),
    }
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

    #[test]
    fn site_furniture_is_not_content() {
        let page = r#"<!DOCTYPE html><html lang="en"><head><title>Joint Statement</title>
<script>var tracking = 1;</script><style>p { color: red }</style></head>
<body>
<header><a href="/">Ministry of Foreign Affairs</a></header>
<nav><ul><li>Home</li><li>Press</li></ul></nav>
<div class="share-bar">Share on social media</div>
<main>
<h1>Joint Statement of the Parties</h1>
<p>The Parties shall cooperate.</p>
<p>They will meet <b>each</b>
year.</p>
</main>
<footer>Copyright 2025</footer>
</body></html>"#;
        assert_eq!(
            clauses(page),
            [
                (
                    "¶1".to_string(),
                    "Joint Statement of the Parties".to_string()
                ),
                ("¶2".to_string(), "The Parties shall cooperate.".to_string()),
                ("¶3".to_string(), "They will meet each year.".to_string()),
            ]
        );
        let read = read(page).unwrap();
        let metadata = read.metadata.unwrap();
        assert_eq!(
            metadata.entries,
            [
                ("lang".to_string(), "en".to_string()),
                ("title".to_string(), "Joint Statement".to_string())
            ]
        );
        // Each clause is located on the source line its text starts on.
        assert_eq!(read.clauses[1].lines.first, 9);
        assert_eq!(read.clauses[2].lines.first, 10);
    }

    #[test]
    fn ordered_lists_number_clauses_as_a_browser_shows_them() {
        let page = r#"<html><body><ol start="4"><li>The Parties shall cooperate.</li>
<li>They will meet.<ol type="a"><li>in spring;</li><li>in autumn.</li></ol></li></ol>
<ol type="I" start="2"><li>Final provision.</li></ol></body></html>"#;
        let ids: Vec<String> = clauses(page).into_iter().map(|(id, _)| id).collect();
        // A new list after a nested one starts again at the top level; an upper-roman item reads `(II)`
        // as it does in a text draft.
        assert_eq!(ids, ["4", "5", "5(a)", "5(b)", "(II)"]);
    }

    #[test]
    fn without_main_the_densest_container_is_the_content() {
        let page = r#"<html><body>
<div id="top"><a href="/">Home</a> | <a href="/press">Press</a></div>
<div id="wrap"><div class="content">
<p>First paragraph of the declaration, long enough to count as its text.</p>
<p>Second paragraph of the declaration, also long enough to count.</p>
</div></div>
</body></html>"#;
        let texts: Vec<String> = clauses(page).into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts.len(), 2);
        assert!(texts[0].starts_with("First paragraph"));
    }

    #[test]
    fn headings_nest_the_clauses_under_them() {
        let page =
            "<main><h2>Article 1</h2><p>1. Scope.</p><h2>Final clauses</h2><p>Text.</p></main>";
        let read = read(page).unwrap();
        let ids: Vec<&str> = read.clauses.iter().map(|c| c.id.0.as_str()).collect();
        assert_eq!(ids, ["Article 1", "Article 1.1", "¶2", "¶3"]);
        let paths: Vec<String> = read.clauses.iter().map(|c| c.path.join(" / ")).collect();
        assert_eq!(paths, ["", "Article 1", "", "Final clauses"]);
    }

    #[test]
    fn a_page_with_no_main_text_is_an_error() {
        let err =
            read("<html><head><script>x()</script></head><body><nav>Home</nav></body></html>")
                .err()
                .unwrap();
        assert!(err.starts_with("no main text"));
        assert!(read("").unwrap().clauses.is_empty());
    }

    #[test]
    fn deep_nesting_is_read_up_to_the_limit_and_refused_beyond_it() {
        let page = format!("{}<p>Deep.</p>", "<div>".repeat(MAX_DEPTH - 1));
        assert_eq!(clauses(&page).len(), 1);
        let page = format!("{}<p>Deep.</p>", "<div>".repeat(1_000_000));
        let err = read(&page).err().unwrap();
        assert_eq!(
            err,
            "elements nested more than 4096 deep (clausediff's limit for HTML)"
        );
        // Paragraphs and list items left open are not nesting.
        let page = "<p>One.<li>Item.".repeat(10_000);
        assert!(read(&page).is_ok());
        // Nor is markup in a script's text.
        let page = format!("<script>{}</script><p>Text.</p>", "<div>".repeat(10_000));
        assert!(read(&page).is_ok());
    }

    #[test]
    fn the_declared_charset_is_found() {
        assert_eq!(
            declared_charset(br#"<html><head><meta charset="windows-1251">"#).as_deref(),
            Some("windows-1251")
        );
        assert_eq!(
            declared_charset(
                br#"<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">"#
            )
            .as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(declared_charset(b"<html>"), None);
    }
}
