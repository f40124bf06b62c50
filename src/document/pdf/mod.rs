//! The PDF reader: the text layer of a PDF, laid out again as the lines and paragraphs of a draft.
//!
//! The file is parsed by `lopdf`; the text is found by reading each page's content streams (and the
//! form XObjects they draw) with the text state a viewer keeps — fonts and their encodings or
//! `ToUnicode` maps, text and transformation matrices, character and word spacing — so each string
//! shown is a [`layout::Run`] at a place on the page. [`layout`] rebuilds lines from baselines,
//! removes running headers, footers and page numbers, tells paragraphs apart and joins hyphenated
//! words; the lines then go to the plain-text parser, so clause numbering is recovered as for text.
//! A clause's "lines" are its pages.
//!
//! Reading order is top to bottom, left to right on each page: a page set in two columns reads
//! across both. Limits, each a one-line error: [`MAX_PAGES`] pages, [`MAX_STREAM`] bytes for one
//! decompressed stream, [`MAX_CONTENT`] bytes of decompressed content in all, [`MAX_OPERATIONS`]
//! content operators, form XObjects nested [`MAX_FORM_DEPTH`] deep. A PDF without text (a scan) or
//! one that needs a password is an error that says so.

mod content;
mod layout;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use lopdf::{Dictionary, Document, Encoding, LoadOptions, Object, ObjectId};

use super::text::{Line, SPLIT_FROM, parse_split};
use super::xml::Read;
use super::{LineRange, Metadata};
use content::{Lexer, Operand};
use layout::{PageLine, Run};

/// The most pages a PDF draft may have.
pub const MAX_PAGES: usize = 10_000;

/// The most bytes one stream may decompress to: 64 MiB.
pub const MAX_STREAM: usize = 64 << 20;

/// The most bytes of decompressed page content in all: 512 MiB.
pub const MAX_CONTENT: usize = 512 << 20;

/// The most content-stream operators read in all pages together.
pub const MAX_OPERATIONS: usize = 50_000_000;

/// How deep form XObjects may draw one another.
pub const MAX_FORM_DEPTH: usize = 8;

/// Reads a PDF's text layer into clauses; its document information (title, author, subject,
/// keywords) is metadata.
pub(super) fn read(bytes: &[u8]) -> Result<Read, String> {
    // lopdf is not known to panic on damaged files, but it is a large parser fed hostile bytes: a
    // panic inside it is this file's error, not the end of a folder comparison.
    std::panic::catch_unwind(|| read_unguarded(bytes))
        .unwrap_or_else(|_| Err("damaged PDF: its structure could not be read".to_string()))
}

fn read_unguarded(bytes: &[u8]) -> Result<Read, String> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM),
        ..LoadOptions::default()
    };
    let encrypted = declares_encryption(bytes);
    let doc =
        Document::load_mem_with_options(bytes, options).map_err(|e| load_error(&e, encrypted))?;
    // An encrypted PDF that opens without a password (one that only restricts printing or
    // copying) is decrypted and read; one that needs a password yields no pages or no text.
    let encrypted = doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none();
    text_layer(&doc).map_err(|error| match error {
        _ if encrypted => ENCRYPTED.to_string(),
        other => other,
    })
}

/// Reads the text layer of a loaded PDF.
fn text_layer(doc: &Document) -> Result<Read, String> {
    let declared = doc
        .catalog()
        .and_then(|c| c.get_deref(b"Pages", doc))
        .and_then(Object::as_dict)
        .and_then(|p| p.get(b"Count"))
        .and_then(Object::as_i64)
        .unwrap_or(0);
    if usize::try_from(declared).is_ok_and(|n| n > MAX_PAGES) {
        return Err(too_many_pages());
    }
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(too_many_pages());
    }
    if pages.is_empty() {
        return Err("a PDF without pages".to_string());
    }
    let mut laid = read_pages(doc, &pages.values().copied().collect::<Vec<_>>())?;
    if laid.iter().all(Vec::is_empty) {
        return Err("no text layer; run OCR first".to_string());
    }
    let removed = layout::remove_running_lines(&mut laid);
    let page_count = laid.len();
    let mut lines = layout::paragraphs(laid);
    layout::join_titles(&mut lines);
    let clauses = parse_split(&lines, |l| Line::plain(l.page, &l.text), SPLIT_FROM);
    let mut notes = vec![format!(
        "read from the PDF's text layer ({}); a clause's lines are its pages",
        plural(page_count, "page")
    )];
    if removed > 0 {
        notes.push(format!(
            "{} of running headers, footers and page numbers left out",
            plural(removed, "line")
        ));
    }
    Ok(Read {
        metadata: information(doc),
        clauses,
        notes,
    })
}

const ENCRYPTED: &str =
    "encrypted PDF: clausediff cannot read it without its password; save an unencrypted copy";

fn too_many_pages() -> String {
    format!("more than {MAX_PAGES} pages (clausediff's limit for PDF)")
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Whether the file's trailer names an encryption dictionary.
fn declares_encryption(bytes: &[u8]) -> bool {
    memchr::memmem::rfind(bytes, b"/Encrypt").is_some()
}

fn load_error(error: &lopdf::Error, encrypted: bool) -> String {
    use lopdf::{DecompressError, Error};
    match error {
        Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => stream_too_large(),
        Error::Decryption(_) | Error::InvalidPassword | Error::Unimplemented(_) if encrypted => {
            ENCRYPTED.to_string()
        }
        _ if encrypted => ENCRYPTED.to_string(),
        other => format!("not a PDF clausediff can read: {other}"),
    }
}

fn stream_too_large() -> String {
    format!(
        "a stream decompresses to more than {} MiB (clausediff's limit for PDF)",
        MAX_STREAM >> 20
    )
}

/// The lines of each page, pages read in parallel.
///
/// Each page is read on its own (fonts, read once, are shared), within the whole document's
/// budgets of operators and content; shared counters stop every page once the document has
/// spent them. The pages' results are then taken in page order, each charged against what the
/// pages before it left: a page that failed, stopped, or spent more than was left is read again
/// alone with exactly that budget, so the lines and the error (the first in page order, as when
/// reading page after page) do not depend on how the pages were shared among threads.
fn read_pages(doc: &Document, pages: &[ObjectId]) -> Result<Vec<Vec<PageLine>>, String> {
    use rayon::prelude::*;
    let fonts = Mutex::new(BTreeMap::new());
    let spent = Spent::default();
    let read = |page: ObjectId, budget: Budget, shared: Option<&Spent>| {
        let mut reader = Reader {
            doc,
            budget,
            operations: 0,
            content: 0,
            fonts: BTreeMap::new(),
            shared_fonts: &fonts,
            last_font: None,
            spent: shared,
            counted: 0,
        };
        let runs = reader.page(page);
        // Counted for the pages still being read; this page's own result stands either way.
        let _ = reader.settle();
        runs.map(|runs| (layout::lines(runs), reader.operations, reader.content))
    };
    let full = Budget {
        operations: MAX_OPERATIONS,
        content: MAX_CONTENT,
    };
    let first: Vec<_> = pages
        .par_iter()
        .map(|&page| read(page, full, Some(&spent)))
        .collect();
    let mut left = full;
    let mut laid = Vec::with_capacity(pages.len());
    for (&page, result) in pages.iter().zip(first) {
        let (lines, operations, content) = match result {
            Ok(read) if read.1 <= left.operations && read.2 <= left.content => read,
            _ => read(page, left, None).map_err(|stop| match stop {
                Stop::Error(message) => message,
                // Only a shared counter stops a page, and a page read again has none.
                Stop::Spent => operators_limit(),
            })?,
        };
        left.operations -= operations;
        left.content -= content;
        laid.push(lines);
    }
    Ok(laid)
}

/// How many content operators and bytes of content a page may still use.
#[derive(Clone, Copy)]
struct Budget {
    operations: usize,
    content: usize,
}

/// What all pages read in parallel have used so far.
#[derive(Default)]
struct Spent {
    operations: AtomicUsize,
    content: AtomicUsize,
}

/// Why a page was not read to its end.
enum Stop {
    /// What is wrong with the page (or the document), in a sentence.
    Error(String),
    /// The pages read together have used the document's budget: this page is read again alone.
    Spent,
}

impl From<String> for Stop {
    fn from(message: String) -> Stop {
        Stop::Error(message)
    }
}

fn operators_limit() -> String {
    format!("more than {MAX_OPERATIONS} content operators (clausediff's limit for PDF)")
}

fn content_limit() -> String {
    format!(
        "more than {} MiB of page content (clausediff's limit for PDF)",
        MAX_CONTENT >> 20
    )
}

/// How many operators a page reads between two looks at what all pages have used.
const SETTLE_EVERY: usize = 4096;

/// A font as the text operators need it: how its strings become text and how far each code
/// advances.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    /// For a one-byte font, each code's text, decoded once: most strings are decoded by lookup.
    table: Option<Vec<Glyph>>,
    /// Codes are two bytes (a composite, Type0 font) rather than one.
    wide: bool,
    first: u32,
    widths: Vec<f32>,
    /// Widths of a composite font's codes (`/W`), and its default (`/DW`).
    cid_widths: BTreeMap<u32, f32>,
    default_width: f32,
    /// For a one-byte font, each code's width ([`Font::width`]), looked up once.
    byte_widths: Option<Box<[f32; 256]>>,
    /// For a one-byte font read by table, the codes that read as themselves, an ASCII letter:
    /// a string of them only is its own text.
    plain: [bool; 256],
}

impl Font<'_> {
    /// The codes of a one-byte font read by table: their widths and which read as themselves.
    fn with_byte_tables(mut self) -> Self {
        if !self.wide {
            self.byte_widths = Some(Box::new(std::array::from_fn(|b| self.width(b as u32))));
        }
        if let Some(table) = &self.table {
            for (b, glyph) in table.iter().enumerate() {
                self.plain[b] = b < 0x80 && matches!(glyph, Glyph::One(c) if *c as usize == b);
            }
        }
        self
    }

    fn width(&self, code: u32) -> f32 {
        if self.wide {
            return self
                .cid_widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width);
        }
        code.checked_sub(self.first)
            .and_then(|i| self.widths.get(i as usize))
            .copied()
            .filter(|w| *w > 0.0)
            .unwrap_or(self.default_width)
    }

    fn codes<'b>(&self, bytes: &'b [u8]) -> impl Iterator<Item = u32> + 'b {
        let wide = self.wide;
        let step = if wide { 2 } else { 1 };
        bytes.chunks(step).map(move |c| match c {
            [a, b] if wide => u32::from(*a) << 8 | u32::from(*b),
            [a, ..] => u32::from(*a),
            [] => 0,
        })
    }

    fn text(&self, bytes: &[u8]) -> String {
        if let Some(table) = &self.table {
            if bytes.iter().all(|&b| self.plain[usize::from(b)])
                && let Ok(text) = std::str::from_utf8(bytes)
            {
                return text.to_string();
            }
            let mut text = String::with_capacity(bytes.len());
            for &b in bytes {
                match &table[usize::from(b)] {
                    Glyph::One(c) => text.push(*c),
                    Glyph::Many(s) => text.push_str(s),
                    Glyph::None => {}
                }
            }
            return text;
        }
        match &self.encoding {
            Some(encoding) => Document::decode_text(encoding, bytes).unwrap_or_default(),
            None => bytes
                .iter()
                .filter(|b| b.is_ascii_graphic() || **b == b' ')
                .map(|&b| char::from(b))
                .collect(),
        }
    }
}

/// What one code of a one-byte font reads as.
enum Glyph {
    None,
    One(char),
    Many(Box<str>),
}

impl Glyph {
    fn of(text: String) -> Glyph {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (None, _) => Glyph::None,
            (Some(c), None) => Glyph::One(c),
            _ => Glyph::Many(text.into_boxed_str()),
        }
    }
}

/// Text with its typographic ligatures (`ﬁ`, `ﬂ`, `ﬀ`, `ﬃ`, `ﬄ`, `ﬅ`, `ﬆ`) written out as letters:
/// a typesetter's choice of glyph, not a change of words.
fn unligature(text: String) -> String {
    // The ligatures are U+FB00–FB06, whose UTF-8 starts with 0xEF: text without that byte has none.
    if memchr::memchr(0xEF, text.as_bytes()).is_none()
        || !text.contains(|c: char| ('\u{FB00}'..='\u{FB06}').contains(&c))
    {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            other => out.push(other),
        }
    }
    out
}

/// A 2-D affine matrix `[a b c d e f]`, as PDF writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` then `other`: the product `self × other`.
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// How much the matrix scales vertical distances: a font size in page space.
    fn vertical_scale(self) -> f32 {
        let [_, _, c, d, _, _] = self.0;
        (c * c + d * d).sqrt()
    }
}

/// The text state of a content stream.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Vec<u8>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

/// What a page's fonts are read into, once for all pages.
type SharedFonts<'a> = Mutex<BTreeMap<ObjectId, Arc<Font<'a>>>>;

/// Reads one page.
struct Reader<'a, 's> {
    doc: &'a Document,
    /// What this page may use.
    budget: Budget,
    /// What it has used.
    operations: usize,
    content: usize,
    /// The fonts this page has used, by object id.
    fonts: BTreeMap<ObjectId, Arc<Font<'a>>>,
    shared_fonts: &'s SharedFonts<'a>,
    /// The font last looked up: the resources and the name it was looked up by, and its id (a
    /// page's strings mostly show in the font the one before them did).
    last_font: Option<(Vec<&'a Dictionary>, Vec<u8>, ObjectId)>,
    /// What all pages read in parallel have used, when they are.
    spent: Option<&'s Spent>,
    /// How many of this page's operators are counted in `spent`.
    counted: usize,
}

fn number(object: &Object) -> f32 {
    object.as_float().unwrap_or(0.0)
}

impl<'a> Reader<'a, '_> {
    /// Counts this page's operators in what all pages have used; `Err` when they have used the
    /// document's budget.
    fn settle(&mut self) -> Result<(), Stop> {
        let Some(spent) = self.spent else {
            return Ok(());
        };
        let new = self.operations - self.counted;
        self.counted = self.operations;
        let all = spent.operations.fetch_add(new, Ordering::Relaxed) + new;
        if all > MAX_OPERATIONS {
            return Err(Stop::Spent);
        }
        Ok(())
    }

    /// The runs of text one page draws.
    fn page(&mut self, page: ObjectId) -> Result<Vec<Run>, Stop> {
        let content = self
            .doc
            .get_page_content_with_limit(page, MAX_STREAM)
            .map_err(|e| match e {
                lopdf::Error::Decompress(_) => stream_too_large(),
                other => format!("a page's content cannot be read: {other}"),
            })?;
        let resources = page_resources(self.doc, page);
        let mut runs = Vec::new();
        let state = State {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.stream(&content, &resources, state, 0, &mut runs)?;
        Ok(runs)
    }

    /// Reads one content stream with the resources it is drawn with.
    fn stream(
        &mut self,
        content: &[u8],
        resources: &[&'a Dictionary],
        mut state: State,
        depth: usize,
        runs: &mut Vec<Run>,
    ) -> Result<(), Stop> {
        self.content = self.content.saturating_add(content.len());
        if self.content > self.budget.content {
            return Err(Stop::Error(content_limit()));
        }
        if let Some(spent) = self.spent {
            let all = spent.content.fetch_add(content.len(), Ordering::Relaxed);
            if all.saturating_add(content.len()) > MAX_CONTENT {
                return Err(Stop::Spent);
            }
        }
        let mut saved: Vec<State> = Vec::new();
        let (mut text_matrix, mut line_matrix) = (Matrix::IDENTITY, Matrix::IDENTITY);
        let mut lexer = Lexer::new(content);
        let mut operands: Vec<Operand<'_>> = Vec::new();
        while let Some(operator) = lexer.next_operator(&mut operands) {
            self.operations += 1;
            if self.operations > self.budget.operations {
                return Err(Stop::Error(operators_limit()));
            }
            if self.operations - self.counted >= SETTLE_EVERY {
                self.settle()?;
            }
            let operands = &operands;
            let n = |i: usize| operands.get(i).map_or(0.0, Operand::number);
            let name = |i: usize| match operands.get(i) {
                Some(Operand::Name(name)) => Some(*name),
                _ => None,
            };
            match operator {
                b"q" => saved.push(state.clone()),
                b"Q" => {
                    if let Some(s) = saved.pop() {
                        state = s;
                    }
                }
                b"cm" if operands.len() == 6 => {
                    let m = Matrix([n(0), n(1), n(2), n(3), n(4), n(5)]);
                    state.ctm = m.then(state.ctm);
                }
                b"BT" => {
                    text_matrix = Matrix::IDENTITY;
                    line_matrix = Matrix::IDENTITY;
                }
                b"Tf" => {
                    state.font = name(0).map(<[u8]>::to_vec);
                    state.size = n(1);
                }
                b"Tc" => state.char_spacing = n(0),
                b"Tw" => state.word_spacing = n(0),
                b"Tz" => state.scale = n(0) / 100.0,
                b"TL" => state.leading = n(0),
                b"Ts" => state.rise = n(0),
                b"Td" | b"TD" => {
                    if operator == b"TD" {
                        state.leading = -n(1);
                    }
                    line_matrix = Matrix::translate(n(0), n(1)).then(line_matrix);
                    text_matrix = line_matrix;
                }
                b"Tm" if operands.len() == 6 => {
                    line_matrix = Matrix([n(0), n(1), n(2), n(3), n(4), n(5)]);
                    text_matrix = line_matrix;
                }
                b"T*" => {
                    line_matrix = Matrix::translate(0.0, -state.leading).then(line_matrix);
                    text_matrix = line_matrix;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if operator == b"'" || operator == b"\"" {
                        if operator == b"\"" {
                            state.word_spacing = n(0);
                            state.char_spacing = n(1);
                        }
                        line_matrix = Matrix::translate(0.0, -state.leading).then(line_matrix);
                        text_matrix = line_matrix;
                    }
                    let font = self.font(resources, state.font.as_deref());
                    for operand in operands {
                        match operand {
                            Operand::String(bytes) => {
                                runs.extend(self.show(font, bytes, &state, &mut text_matrix));
                            }
                            Operand::Array(items) => {
                                for item in items {
                                    match item {
                                        Operand::String(bytes) => {
                                            let run =
                                                self.show(font, bytes, &state, &mut text_matrix);
                                            runs.extend(run);
                                        }
                                        other => {
                                            let shift =
                                                -other.number() / 1000.0 * state.size * state.scale;
                                            text_matrix =
                                                Matrix::translate(shift, 0.0).then(text_matrix);
                                        }
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                b"Do" if depth < MAX_FORM_DEPTH => {
                    if let Some((form, matrix, form_resources)) =
                        name(0).and_then(|name| self.form(resources, name))
                    {
                        let content = match form.decompressed_content_with_limit(MAX_STREAM) {
                            Ok(content) => content,
                            Err(lopdf::Error::Decompress(_)) => {
                                return Err(Stop::Error(stream_too_large()));
                            }
                            // No filter: the stream's bytes are its content.
                            Err(_) => form.content.clone(),
                        };
                        let mut inner = state.clone();
                        inner.ctm = matrix.then(state.ctm);
                        let mut all: Vec<&Dictionary> = form_resources.into_iter().collect();
                        all.extend_from_slice(resources);
                        self.stream(&content, &all, inner, depth + 1, runs)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Shows a string: its text at the current point, which then advances past its glyphs.
    fn show(
        &self,
        font: Option<ObjectId>,
        bytes: &[u8],
        state: &State,
        text_matrix: &mut Matrix,
    ) -> Option<Run> {
        let font = font.and_then(|id| self.fonts.get(&id)).map(|f| &**f);
        let text = font.map_or_else(String::new, |f| unligature(f.text(bytes)));
        let to_page = text_matrix.then(state.ctm);
        let (x, y) = to_page.apply(0.0, state.rise);
        let size = state.size * to_page.vertical_scale();
        let mut advance = 0.0;
        let mut add = |code: u32, width: f32, single: bool| {
            let space = if code == 32 && single {
                state.word_spacing
            } else {
                0.0
            };
            advance += (width / 1000.0 * state.size + state.char_spacing + space) * state.scale;
        };
        match font {
            Some(Font {
                byte_widths: Some(widths),
                ..
            }) => bytes
                .iter()
                .for_each(|&b| add(u32::from(b), widths[usize::from(b)], true)),
            Some(f) => f
                .codes(bytes)
                .for_each(|code| add(code, f.width(code), !f.wide)),
            None => bytes.iter().for_each(|&b| add(u32::from(b), 500.0, true)),
        }
        *text_matrix = Matrix::translate(advance, 0.0).then(*text_matrix);
        let (end, _) = text_matrix.then(state.ctm).apply(0.0, state.rise);
        (!text.is_empty() && size > 0.0).then(|| Run {
            x,
            end: end.max(x),
            y,
            size,
            text,
        })
    }

    /// The font a `Tf` named, read once.
    fn font(&mut self, resources: &[&'a Dictionary], name: Option<&[u8]>) -> Option<ObjectId> {
        let name = name?;
        if let Some((looked_in, last, id)) = &self.last_font
            && last.as_slice() == name
            && looked_in.len() == resources.len()
            && looked_in
                .iter()
                .zip(resources)
                .all(|(a, b)| std::ptr::eq(*a, *b))
        {
            return Some(*id);
        }
        let (id, dict) = resources.iter().find_map(|r| {
            let fonts = r.get_deref(b"Font", self.doc).ok()?.as_dict().ok()?;
            let entry = fonts.get(name).ok()?;
            let id = entry.as_reference().ok()?;
            Some((id, self.doc.get_dictionary(id).ok()?))
        })?;
        if !self.fonts.contains_key(&id) {
            let mut shared = self
                .shared_fonts
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let font = shared
                .entry(id)
                .or_insert_with(|| Arc::new(read_font(self.doc, dict)));
            self.fonts.insert(id, Arc::clone(font));
        }
        self.last_font = Some((resources.to_vec(), name.to_vec(), id));
        Some(id)
    }

    /// The form XObject a `Do` names, with its matrix and resources.
    fn form(
        &self,
        resources: &[&'a Dictionary],
        name: &[u8],
    ) -> Option<(&'a lopdf::Stream, Matrix, Option<&'a Dictionary>)> {
        resources.iter().find_map(|r| {
            let xobjects = r.get_deref(b"XObject", self.doc).ok()?.as_dict().ok()?;
            let stream = xobjects.get_deref(name, self.doc).ok()?.as_stream().ok()?;
            if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
                return None;
            }
            let matrix = stream
                .dict
                .get(b"Matrix")
                .and_then(Object::as_array)
                .ok()
                .filter(|m| m.len() == 6)
                .map_or(Matrix::IDENTITY, |m| {
                    Matrix([
                        number(&m[0]),
                        number(&m[1]),
                        number(&m[2]),
                        number(&m[3]),
                        number(&m[4]),
                        number(&m[5]),
                    ])
                });
            let own = stream
                .dict
                .get_deref(b"Resources", self.doc)
                .and_then(Object::as_dict)
                .ok();
            Some((stream, matrix, own))
        })
    }
}

/// A page's resource dictionaries, its own first, then those it inherits from the page tree.
fn page_resources(doc: &Document, page: ObjectId) -> Vec<&Dictionary> {
    let mut found = Vec::new();
    let mut at = doc.get_dictionary(page).ok();
    // The page tree is at most this deep here; a loop in its Parent links ends the walk.
    for _ in 0..64 {
        let Some(node) = at else { break };
        if let Ok(resources) = node.get_deref(b"Resources", doc).and_then(Object::as_dict) {
            found.push(resources);
        }
        at = node
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
            .ok();
    }
    found
}

/// Reads a font dictionary: its encoding, code width and glyph widths.
fn read_font<'a>(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
    let wide = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
    let encoding = dict.get_font_encoding_with_limit(doc, MAX_STREAM).ok();
    let first = dict
        .get(b"FirstChar")
        .and_then(Object::as_i64)
        .ok()
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0);
    let widths = dict
        .get_deref(b"Widths", doc)
        .and_then(Object::as_array)
        .map(|w| w.iter().map(number).collect())
        .unwrap_or_default();
    let mut cid_widths = BTreeMap::new();
    let mut default_width = if wide { 1000.0 } else { 500.0 };
    if !wide
        && let Ok(missing) = dict
            .get_deref(b"FontDescriptor", doc)
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"MissingWidth"))
    {
        default_width = number(missing).max(1.0);
    }
    if wide {
        let descendant = dict
            .get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_dict().ok());
        if let Some(descendant) = descendant {
            if let Ok(dw) = descendant.get(b"DW") {
                default_width = number(dw);
            }
            if let Ok(w) = descendant.get_deref(b"W", doc).and_then(Object::as_array) {
                cid_widths = composite_widths(doc, w);
            }
        }
    }
    // A one-byte encoding (a standard one, or Differences) maps each byte alone; a ToUnicode map
    // may read codes of several bytes, so it is asked string by string.
    let table = match &encoding {
        Some(Encoding::OneByteEncoding(_) | Encoding::Differences(_)) if !wide => {
            let encoding = encoding.as_ref();
            Some(
                (0..=255u8)
                    .map(|b| {
                        let text = encoding
                            .and_then(|e| Document::decode_text(e, &[b]).ok())
                            .unwrap_or_default();
                        Glyph::of(text)
                    })
                    .collect(),
            )
        }
        _ => None,
    };
    Font {
        encoding,
        table,
        wide,
        first,
        widths,
        cid_widths,
        default_width,
        byte_widths: None,
        plain: [false; 256],
    }
    .with_byte_tables()
}

/// A composite font's `/W` array: `c [w1 w2 …]` gives widths from code `c` on, `c1 c2 w` one width
/// for a range. At most 65,536 codes.
fn composite_widths(doc: &Document, w: &[Object]) -> BTreeMap<u32, f32> {
    let mut widths = BTreeMap::new();
    let mut at = 0;
    let code = |o: &Object| o.as_i64().ok().and_then(|n| u32::try_from(n).ok());
    while at < w.len() {
        let Some(start) = code(&w[at]) else { break };
        let next = w
            .get(at + 1)
            .map(|o| doc.dereference(o).map_or(o, |(_, d)| d));
        match next {
            Some(Object::Array(list)) => {
                for (i, width) in list.iter().enumerate().take(65_536) {
                    widths.insert(start.saturating_add(i as u32), number(width));
                }
                at += 2;
            }
            Some(end) => {
                let Some(end) = code(end) else { break };
                let width = w.get(at + 2).map_or(0.0, number);
                for c in start..=end.min(start.saturating_add(65_535)) {
                    widths.insert(c, width);
                }
                at += 3;
            }
            None => break,
        }
        if widths.len() > 65_536 {
            break;
        }
    }
    widths
}

/// The document information dictionary's title, author, subject and keywords, as metadata.
fn information(doc: &Document) -> Option<Metadata> {
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| doc.dereference(o))
        .and_then(|(_, o)| o.as_dict())
        .ok()?;
    let mut entries = Vec::new();
    for (key, name) in [
        (b"Title".as_slice(), "title"),
        (b"Author", "author"),
        (b"Subject", "subject"),
        (b"Keywords", "keywords"),
    ] {
        if let Ok(value) = info.get(key).and_then(lopdf::decode_text_string) {
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            if !value.is_empty() {
                entries.push((name.to_string(), value));
            }
        }
    }
    super::xml::metadata(entries, LineRange { first: 1, last: 1 })
}
