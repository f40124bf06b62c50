//! The reader of [`stream`](super::stream): the tokens of a stretch of the main part's body,
//! checked as roxmltree checks them, handed to the walk as its elements open and close.
//!
//! It is strict the safe way round: whatever it is not sure of is [`Unsure`], and the part is then
//! parsed as a tree. What it takes and checks is listed in [`stream`](super::stream).

use std::borrow::Cow;

use memchr::memmem;

use super::body::{Change, Properties, Walk};
use super::styles::NumRef;
use super::xml::{M, MAX_DEPTH, MC, W};

/// The streaming reader met something outside the subset it checks: read the part as a tree.
#[derive(Debug)]
pub struct Unsure;

pub type Result<T> = std::result::Result<T, Unsure>;

pub const XML_URI: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_URI: &str = "http://www.w3.org/2000/xmlns/";

/// More namespace declarations than this and the part is read as a tree (which allows 65,536
/// distinct ones), as the halves were.
pub const MAX_DECLARATIONS: usize = 30_000;
/// More namespace bindings in scope than this and the part is read as a tree: a prefix is
/// looked up among them, so they are kept few (a Word document has some forty).
pub const MAX_IN_SCOPE: usize = 256;
/// More attributes on one element than this and the part is read as a tree (the duplicate check
/// compares each attribute with those before it).
const MAX_ATTRIBUTES: usize = 64;

/// The namespaces the walk tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Space {
    W,
    M,
    Mc,
    Other,
}

fn space(uri: &str) -> Space {
    if W.contains(&uri) {
        Space::W
    } else if M.contains(&uri) {
        Space::M
    } else if uri == MC {
        Space::Mc
    } else {
        Space::Other
    }
}

/// A namespace prefix bound to a URI (`""` for the default namespace).
#[derive(Debug, Clone, Copy)]
pub struct Binding<'a> {
    pub prefix: &'a str,
    pub uri: &'a str,
}

/// An attribute of the start tag being read: its namespace URI, local name and raw value.
#[derive(Debug, Clone, Copy)]
struct Attribute<'a> {
    uri: Option<&'a str>,
    local: &'a str,
    value: &'a str,
}

/// What a walk does with the element it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Walked into; its WordprocessingML close (`name`) is handled.
    Walked(Option<&'static str>),
    /// The element whose content is skipped (its close ends the skip).
    SkipRoot,
    /// Inside a skipped element.
    Skipped,
}

/// An open element.
#[derive(Debug, Clone, Copy)]
struct Open<'a> {
    name: &'a str,
    /// How many bindings were in scope before its own.
    scope: usize,
    role: Role,
}

/// What a skipped element's content is read for.
#[derive(Debug, Default)]
enum Collect {
    #[default]
    Nothing,
    /// A paragraph's properties; `child` is the child being read (`rPr`, `numPr`), if the first.
    Paragraph {
        properties: Properties,
        rpr_seen: bool,
        style_seen: bool,
        num_seen: bool,
        outline_seen: bool,
        child: Option<&'static str>,
        numbering: Option<(bool, bool)>,
        mark: Change,
    },
    /// A row's properties, for the row opened as change `at`.
    Row { at: usize, row: Change },
}

/// A table row open: where its change is, and whether its properties can still come.
#[derive(Debug, Clone, Copy)]
struct Row {
    depth: usize,
    at: usize,
    /// Something other than `w:tblPrEx` came first: a `w:trPr` now would be too late.
    sealed: bool,
    done: bool,
}

/// The reader over one stretch of the body.
pub struct Reader<'a> {
    text: &'a str,
    pub at: usize,
    bindings: Vec<Binding<'a>>,
    stack: Vec<Open<'a>>,
    attributes: Vec<Attribute<'a>>,
    raw: Vec<(&'a str, &'a str, &'a str)>,
    rows: Vec<Row>,
    collect: Collect,
    /// How deep the element whose content is skipped stands.
    skip_root: usize,
    /// The last prefix resolved, its URI, and the bindings' generation it holds for.
    cache: Option<(&'a str, Option<&'a str>, u64)>,
    generation: u64,
    /// Nodes read (elements, text, comments), declarations, the deepest nesting.
    pub nodes: usize,
    pub declarations: usize,
    pub deepest: usize,
}

/// How a stretch ended.
#[derive(Debug, PartialEq, Eq)]
pub enum End {
    /// At the cut, with nothing open.
    Cut,
    /// At the body's end tag (`at` is past it).
    Body,
}

/// The bytes a name may hold: `1` for its first, `2` for the others.
const NAME: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphabetic() || c == b'_' {
            table[b] = 1;
        } else if c.is_ascii_digit() || c == b'-' || c == b'.' {
            table[b] = 2;
        }
        b += 1;
    }
    table
};

/// Checks text between markup: no control character but tab and line feed (a carriage return
/// is normalised by the tree parser, so it is unsure too), no U+FFFE or U+FFFF.
fn check_text(span: &[u8]) -> Result<()> {
    // Branch-free over chunks, so the common case (nothing wrong) runs at vector speed.
    for chunk in span.chunks(64) {
        let mut bad = false;
        for &b in chunk {
            bad |= (b < 0x20) & (b != b'\t') & (b != b'\n');
        }
        if bad {
            return Err(Unsure);
        }
    }
    let mut at = 0;
    while let Some(found) = memchr::memchr(0xEF, &span[at..]) {
        at += found;
        if matches!(span.get(at + 1..at + 3), Some([0xBF, 0xBE | 0xBF])) {
            return Err(Unsure);
        }
        at += 1;
    }
    Ok(())
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str, at: usize, bindings: Vec<Binding<'a>>) -> Reader<'a> {
        Reader {
            text,
            at,
            bindings,
            stack: Vec::new(),
            attributes: Vec::new(),
            raw: Vec::new(),
            rows: Vec::new(),
            collect: Collect::Nothing,
            skip_root: 0,
            cache: None,
            generation: 0,
            nodes: 0,
            declarations: 0,
            deepest: 0,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// Reads on until `cut` is reached with nothing open, or until the body's end tag.
    pub fn run(&mut self, walk: &mut Walk, cut: Option<usize>) -> Result<End> {
        let bytes = self.bytes();
        loop {
            if self.stack.is_empty() && Some(self.at) == cut {
                return Ok(End::Cut);
            }
            match bytes.get(self.at) {
                None => return Err(Unsure),
                Some(b'<') => match bytes.get(self.at + 1) {
                    Some(b'/') => {
                        if self.stack.is_empty() {
                            return Ok(End::Body);
                        }
                        self.end_tag(walk)?;
                    }
                    Some(b'!') => self.comment()?,
                    Some(_) => self.start_tag(walk)?,
                    None => return Err(Unsure),
                },
                Some(_) => {
                    self.nodes += 1;
                    self.text_run(None)?;
                }
            }
        }
    }

    /// Reads text up to the next `<`, checked; with `into`, decoded into it.
    fn text_run(&mut self, mut into: Option<&mut Cow<'a, str>>) -> Result<()> {
        let bytes = self.bytes();
        let start = self.at;
        let mut at = start;
        let mut plain = start;
        let mut decoded: Option<String> = None;
        loop {
            let rest = &bytes[at..];
            let found = memchr::memchr3(b'<', b'&', b'>', rest).ok_or(Unsure)?;
            check_text(&rest[..found])?;
            at += found;
            match bytes[at] {
                b'<' => break,
                b'&' => {
                    let (c, len) = reference(&bytes[at..])?;
                    if into.is_some() {
                        let out = decoded.get_or_insert_with(String::new);
                        out.push_str(&self.text[plain..at]);
                        out.push(c);
                    }
                    at += len;
                    plain = at;
                }
                _ => {
                    if at >= start + 2 && &bytes[at - 2..at] == b"]]" {
                        return Err(Unsure);
                    }
                    at += 1;
                }
            }
        }
        if let Some(into) = into.as_mut() {
            **into = match decoded {
                Some(mut out) => {
                    out.push_str(&self.text[plain..at]);
                    Cow::Owned(out)
                }
                None => Cow::Borrowed(&self.text[start..at]),
            };
        }
        self.at = at;
        Ok(())
    }

    /// Reads a comment (`<!--`, without `--` inside); anything else starting `<!` is unsure.
    fn comment(&mut self) -> Result<()> {
        let bytes = self.bytes();
        let rest = &bytes[self.at..];
        if !rest.starts_with(b"<!--") {
            return Err(Unsure);
        }
        let body = &rest[4..];
        let end = memmem::find(body, b"--").ok_or(Unsure)?;
        if body.get(end + 2) != Some(&b'>') {
            return Err(Unsure);
        }
        check_chars(&body[..end], true)?;
        self.nodes += 1;
        self.at += 4 + end + 3;
        Ok(())
    }

    /// Reads a name (`w:p`, `xml:space`): prefix and local part, ASCII only.
    pub fn name(&mut self) -> Result<(&'a str, &'a str)> {
        let bytes = self.bytes();
        let start = self.at;
        let part = |mut at: usize| -> Result<usize> {
            if bytes.get(at).is_none_or(|&b| NAME[b as usize] != 1) {
                return Err(Unsure);
            }
            at += 1;
            while bytes.get(at).is_some_and(|&b| NAME[b as usize] != 0) {
                at += 1;
            }
            Ok(at)
        };
        let mut at = part(start)?;
        let mut colon = None;
        if bytes.get(at) == Some(&b':') {
            colon = Some(at);
            at = part(at + 1)?;
        }
        // A name ends at white space, `=`, `/` or `>`; anything else (a second colon, a letter
        // outside ASCII) is for the tree parser.
        match bytes.get(at) {
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'=' | b'/' | b'>') => {}
            _ => return Err(Unsure),
        }
        self.at = at;
        Ok(match colon {
            Some(c) => (&self.text[start..c], &self.text[c + 1..at]),
            None => ("", &self.text[start..at]),
        })
    }

    pub fn skip_spaces(&mut self) -> bool {
        let bytes = self.bytes();
        let start = self.at;
        while matches!(bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
        self.at > start
    }

    /// The URI bound to `prefix` (`""`: the default namespace), or unsure when none is.
    fn resolve(&mut self, prefix: &'a str) -> Result<Option<&'a str>> {
        if let Some((cached, uri, generation)) = self.cache
            && cached == prefix
            && generation == self.generation
        {
            return Ok(uri);
        }
        let uri = if prefix == "xml" {
            Some(XML_URI)
        } else {
            match self.bindings.iter().rev().find(|b| b.prefix == prefix) {
                Some(binding) => Some(binding.uri),
                None if prefix.is_empty() => None,
                None => return Err(Unsure),
            }
        };
        self.cache = Some((prefix, uri, self.generation));
        Ok(uri)
    }

    /// Drops the bindings an element declared (`scope`: how many were in scope before it).
    fn unbind(&mut self, scope: usize) {
        if self.bindings.len() != scope {
            self.bindings.truncate(scope);
            self.generation += 1;
        }
    }

    /// Reads a start tag and hands it to the walk.
    fn start_tag(&mut self, walk: &mut Walk) -> Result<()> {
        self.at += 1;
        let qname_start = self.at;
        let (prefix, local) = self.name()?;
        let qname = &self.text[qname_start..self.at];
        if prefix == "xmlns" {
            return Err(Unsure);
        }
        self.raw.clear();
        let closed = loop {
            let spaced = self.skip_spaces();
            match self.bytes().get(self.at) {
                Some(b'>') => {
                    self.at += 1;
                    break false;
                }
                Some(b'/') => {
                    if self.bytes().get(self.at + 1) != Some(&b'>') {
                        return Err(Unsure);
                    }
                    self.at += 2;
                    break true;
                }
                Some(_) if spaced => {
                    let (a_prefix, a_local) = self.name()?;
                    self.skip_spaces();
                    if self.bytes().get(self.at) != Some(&b'=') {
                        return Err(Unsure);
                    }
                    self.at += 1;
                    self.skip_spaces();
                    let value = self.value()?;
                    if self.raw.len() >= MAX_ATTRIBUTES {
                        return Err(Unsure);
                    }
                    self.raw.push((a_prefix, a_local, value));
                }
                _ => return Err(Unsure),
            }
        };
        let scope = self.bindings.len();
        let raw = std::mem::take(&mut self.raw);
        let attributes = self.read_attributes(&raw);
        self.raw = raw;
        attributes?;
        let uri = self.resolve(prefix)?;
        let space = uri.map_or(Space::Other, space);
        self.nodes += 1;
        let depth = self.stack.len();
        if depth + 3 > MAX_DEPTH {
            return Err(Unsure);
        }
        let role = self.open_element(walk, space, local, depth)?;
        if role == Role::SkipRoot {
            self.skip_root = depth;
            // The text of `w:t` is its first child, when that is text.
            if !closed
                && matches!(
                    (space, local),
                    (Space::W, "t" | "delText") | (Space::M, "t")
                )
                && self.bytes().get(self.at) != Some(&b'<')
            {
                let mut text = Cow::Borrowed("");
                self.nodes += 1;
                self.text_run(Some(&mut text))?;
                walk.text(&text);
            }
        }
        if closed {
            self.close(walk, role);
            self.unbind(scope);
        } else {
            self.stack.push(Open {
                name: qname,
                scope,
                role,
            });
            self.deepest = self.deepest.max(self.stack.len());
        }
        Ok(())
    }

    /// Takes the namespace declarations among a start tag's attributes `raw` into scope, and
    /// the other attributes into `attributes`, each checked as the tree parser checks them.
    fn read_attributes(&mut self, raw: &[(&'a str, &'a str, &'a str)]) -> Result<()> {
        self.attributes.clear();
        let scope = self.bindings.len();
        for &(a_prefix, a_local, value) in raw {
            let declared = match (a_prefix, a_local) {
                ("xmlns", local) => local,
                ("", "xmlns") => "",
                (_, "xmlns") => return Err(Unsure),
                _ => continue,
            };
            if matches!(declared, "xml" | "xmlns")
                || value.is_empty()
                || value.contains('&')
                || value == XML_URI
                || value == XMLNS_URI
                || self.bindings[scope..].iter().any(|d| d.prefix == declared)
            {
                return Err(Unsure);
            }
            self.bindings.push(Binding {
                prefix: declared,
                uri: value,
            });
            self.generation += 1;
            self.declarations += 1;
        }
        if self.declarations > MAX_DECLARATIONS || self.bindings.len() > MAX_IN_SCOPE {
            return Err(Unsure);
        }
        for &(a_prefix, a_local, value) in raw {
            if a_prefix == "xmlns" || (a_prefix.is_empty() && a_local == "xmlns") {
                continue;
            }
            let uri = if a_prefix.is_empty() {
                None
            } else {
                self.resolve(a_prefix)?
            };
            if self
                .attributes
                .iter()
                .any(|a| a.local == a_local && a.uri == uri)
            {
                return Err(Unsure);
            }
            self.attributes.push(Attribute {
                uri,
                local: a_local,
                value,
            });
        }
        Ok(())
    }

    /// Reads a quoted attribute value, checked; `<`, `>`, control characters (carriage returns,
    /// tabs and line feeds included: the tree parser normalises them) are unsure.
    fn value(&mut self) -> Result<&'a str> {
        let bytes = self.bytes();
        let quote = *bytes.get(self.at).ok_or(Unsure)?;
        if quote != b'"' && quote != b'\'' {
            return Err(Unsure);
        }
        let start = self.at + 1;
        let end = start + memchr::memchr(quote, &bytes[start..]).ok_or(Unsure)?;
        let value = &bytes[start..end];
        if memchr::memchr2(b'<', b'>', value).is_some() {
            return Err(Unsure);
        }
        check_chars(value, false)?;
        let mut at = 0;
        while let Some(found) = memchr::memchr(b'&', &value[at..]) {
            at += found;
            at += reference(&value[at..])?.1;
        }
        self.at = end + 1;
        Ok(&self.text[start..end])
    }

    /// The value of the WordprocessingML attribute `name` of the tag just read, decoded.
    fn w_attribute(&self, name: &str) -> Option<Cow<'a, str>> {
        self.attributes
            .iter()
            .find(|a| a.local == name && a.uri.is_some_and(|u| W.contains(&u)))
            .map(|a| decode(a.value))
    }

    /// Reads an end tag and hands it to the walk.
    fn end_tag(&mut self, walk: &mut Walk) -> Result<()> {
        self.at += 2;
        let start = self.at;
        self.name()?;
        let qname = &self.text[start..self.at];
        self.skip_spaces();
        if self.bytes().get(self.at) != Some(&b'>') {
            return Err(Unsure);
        }
        self.at += 1;
        let open = self.stack.pop().ok_or(Unsure)?;
        if open.name != qname {
            return Err(Unsure);
        }
        self.close(walk, open.role);
        self.unbind(open.scope);
        Ok(())
    }

    /// Handles an element opening at `depth`: what the walk does with it.
    fn open_element(
        &mut self,
        walk: &mut Walk,
        space: Space,
        local: &'a str,
        depth: usize,
    ) -> Result<Role> {
        if matches!(self.stack.last(), Some(o) if matches!(o.role, Role::SkipRoot | Role::Skipped))
        {
            self.collect_child(walk, space, local, depth);
            return Ok(Role::Skipped);
        }
        // A row's properties come before anything else it holds (`w:tblPrEx` aside).
        if let Some(row) = self.rows.last_mut()
            && !row.done
            && row.depth + 1 == depth
        {
            match (space, local) {
                (Space::W, "trPr") => {
                    if row.sealed {
                        return Err(Unsure);
                    }
                    row.done = true;
                    self.collect = Collect::Row {
                        at: row.at,
                        row: Change::default(),
                    };
                    return Ok(Role::SkipRoot);
                }
                (Space::W, "tblPrEx") => {}
                _ => row.sealed = true,
            }
        }
        match space {
            Space::Mc => Ok(if local == "Fallback" {
                Role::SkipRoot
            } else {
                Role::Walked(None)
            }),
            Space::M if local == "t" => Ok(Role::SkipRoot),
            Space::W => Ok(match local {
                "pPr" => {
                    self.collect = Collect::Paragraph {
                        properties: Properties::default(),
                        rpr_seen: false,
                        style_seen: false,
                        num_seen: false,
                        outline_seen: false,
                        child: None,
                        numbering: None,
                        mark: Change::default(),
                    };
                    Role::SkipRoot
                }
                "ins" | "moveTo" | "del" | "moveFrom" => {
                    let author = self.w_attribute("author");
                    let date = self.w_attribute("date");
                    let revision = walk.revision(author.as_deref(), date.as_deref());
                    walk.open_change(local, revision);
                    Role::Walked(Some(close_name(local)))
                }
                "tr" => {
                    self.rows.push(Row {
                        depth,
                        at: walk.changes_open(),
                        sealed: false,
                        done: false,
                    });
                    walk.open_row(Change::default());
                    Role::Walked(Some("tr"))
                }
                "t" | "delText" => Role::SkipRoot,
                _ => {
                    let attributes = &self.attributes;
                    let skip = walk.open_w(local, |key| {
                        attributes
                            .iter()
                            .find(|a| a.local == key && a.uri.is_some_and(|u| W.contains(&u)))
                            .map(|a| decode(a.value))
                    });
                    if skip {
                        Role::SkipRoot
                    } else {
                        Role::Walked(Some(close_name(local)))
                    }
                }
            }),
            _ => Ok(Role::Walked(None)),
        }
    }

    /// An element opens inside a skipped one, at `depth`: read for the paragraph's or row's
    /// properties.
    fn collect_child(&mut self, walk: &mut Walk, space: Space, local: &str, depth: usize) {
        if matches!(self.collect, Collect::Nothing) {
            return;
        }
        let level = depth - self.skip_root;
        let w = space == Space::W;
        let mut collect = std::mem::take(&mut self.collect);
        match &mut collect {
            Collect::Nothing => {}
            Collect::Row { row, .. } => {
                if level == 1 && w {
                    match local {
                        "ins" | "moveTo" => row.inserted = Some(self.revision(walk)),
                        "del" | "moveFrom" => row.deleted = Some(self.revision(walk)),
                        _ => {}
                    }
                }
            }
            Collect::Paragraph {
                properties,
                rpr_seen,
                style_seen,
                num_seen,
                outline_seen,
                child,
                numbering,
                mark,
            } => {
                if level == 1 {
                    *child = None;
                    match local {
                        _ if !w => {}
                        "rPr" if !*rpr_seen => {
                            *rpr_seen = true;
                            *child = Some("rPr");
                        }
                        "pStyle" if !*style_seen => {
                            *style_seen = true;
                            properties.style = self.w_attribute("val").map(Cow::into_owned);
                        }
                        "numPr" if !*num_seen => {
                            *num_seen = true;
                            *child = Some("numPr");
                            properties.num = Some(NumRef::default());
                            *numbering = Some((false, false));
                        }
                        "outlineLvl" if !*outline_seen => {
                            *outline_seen = true;
                            properties.outline =
                                self.w_attribute("val").and_then(|v| v.parse().ok());
                        }
                        _ => {}
                    }
                } else if level == 2 && w {
                    match (*child, local) {
                        (Some("rPr"), "ins" | "moveTo") => {
                            mark.inserted = Some(self.revision(walk));
                        }
                        (Some("rPr"), "del" | "moveFrom") => {
                            mark.deleted = Some(self.revision(walk));
                        }
                        (Some("numPr"), "numId") => {
                            if let (Some(num), Some((seen, _))) =
                                (properties.num.as_mut(), numbering.as_mut())
                                && !*seen
                            {
                                *seen = true;
                                num.num_id = self.w_attribute("val").map(Cow::into_owned);
                            }
                        }
                        (Some("numPr"), "ilvl") => {
                            if let (Some(num), Some((_, seen))) =
                                (properties.num.as_mut(), numbering.as_mut())
                                && !*seen
                            {
                                *seen = true;
                                num.level = self.w_attribute("val").and_then(|v| v.parse().ok());
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        self.collect = collect;
    }

    /// The revision number of the tracked-change element just read.
    fn revision(&self, walk: &mut Walk) -> u32 {
        let author = self.w_attribute("author");
        let date = self.w_attribute("date");
        walk.revision(author.as_deref(), date.as_deref())
    }

    /// Handles an element closing (after all it holds).
    fn close(&mut self, walk: &mut Walk, role: Role) {
        match role {
            Role::Walked(Some(name)) => {
                if name == "tr" {
                    self.rows.pop();
                }
                walk.close_w(name);
            }
            Role::Walked(None) | Role::Skipped => {}
            Role::SkipRoot => match std::mem::take(&mut self.collect) {
                Collect::Nothing => {}
                Collect::Row { at, row } => walk.set_row(at, row),
                Collect::Paragraph {
                    mut properties,
                    rpr_seen,
                    mark,
                    ..
                } => {
                    properties.mark = rpr_seen.then_some(mark);
                    walk.set_properties(properties);
                }
            },
        }
    }
}

/// The WordprocessingML names whose close the walk handles, as `'static` names.
fn close_name(local: &str) -> &'static str {
    match local {
        "p" => "p",
        "ins" => "ins",
        "moveTo" => "moveTo",
        "del" => "del",
        "moveFrom" => "moveFrom",
        "tr" => "tr",
        "tc" => "tc",
        _ => "",
    }
}

/// Checks characters of a comment (`carriage_return`: allowed) or an attribute value: no control
/// character but tab and line feed (in a comment), no U+FFFE or U+FFFF.
fn check_chars(bytes: &[u8], comment: bool) -> Result<()> {
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x20 {
            if !(comment && matches!(b, b'\t' | b'\n' | b'\r')) {
                return Err(Unsure);
            }
        } else if b == 0xEF && matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) {
            return Err(Unsure);
        }
    }
    Ok(())
}

/// The character a reference at the start of `bytes` (`&amp;`, `&#233;`, `&#xE9;`) stands for,
/// and its length; a character reference to a control character, or any other entity, is unsure.
fn reference(bytes: &[u8]) -> Result<(char, usize)> {
    let end = memchr::memchr(b';', &bytes[..bytes.len().min(12)]).ok_or(Unsure)?;
    let name = &bytes[1..end];
    let c = match name {
        b"lt" => '<',
        b"gt" => '>',
        b"amp" => '&',
        b"quot" => '"',
        b"apos" => '\'',
        [b'#', b'x', hex @ ..] if !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit) => {
            code(hex, 16)?
        }
        [b'#', digits @ ..] if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) => {
            code(digits, 10)?
        }
        _ => return Err(Unsure),
    };
    Ok((c, end + 1))
}

fn code(digits: &[u8], radix: u32) -> Result<char> {
    let digits = std::str::from_utf8(digits).map_err(|_| Unsure)?;
    let n = u32::from_str_radix(digits, radix).map_err(|_| Unsure)?;
    match char::from_u32(n) {
        Some(c) if n >= 0x20 && n != 0xFFFE && n != 0xFFFF => Ok(c),
        _ => Err(Unsure),
    }
}

/// An attribute value with its references decoded (it was checked when read).
fn decode(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let bytes = value.as_bytes();
    let mut out = String::with_capacity(value.len());
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'&', &bytes[at..]) {
        out.push_str(&value[at..at + found]);
        at += found;
        match reference(&bytes[at..]) {
            Ok((c, len)) => {
                out.push(c);
                at += len;
            }
            Err(Unsure) => {
                out.push('&');
                at += 1;
            }
        }
    }
    out.push_str(&value[at..]);
    Cow::Owned(out)
}
