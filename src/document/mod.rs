//! Stage 1 — `document`: read a draft's text into an ordered list of clauses.
//!
//! Input: the text of one draft and its [`InputFormat`]. Output: a [`Draft`], whose [`Clause`]s carry an id
//! (as the document numbers them, or positional), a kind, the headings above them, their text and their
//! lines in the source. Parsing never fails: any UTF-8 text is a draft, and an empty one has no clauses.
//! Deciding what valid input is (UTF-8 without NUL bytes) is [`decode`]'s job; reading files, standard
//! input and git revisions is the binary's; comparing drafts belongs to the stages after this one.

mod akn;
mod brackets;
mod decode;
mod docx;
mod front_matter;
#[cfg(feature = "html")]
mod html;
mod lines;
mod markdown;
mod numbering;
mod outline;
mod pages;
#[cfg(feature = "pdf")]
mod pdf;
mod source;
mod text;
mod uslm;
mod xml;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

pub use brackets::{Brackets, Counts, Note, OptionLabel, Span};
pub use decode::{Decoded, DecodedBy, binary_at, decode, decode_draft};
#[cfg(feature = "pdf")]
pub use pdf::{
    MAX_CONTENT as MAX_PDF_CONTENT, MAX_FORM_DEPTH as MAX_PDF_FORM_DEPTH,
    MAX_OPERATIONS as MAX_PDF_OPERATIONS, MAX_PAGES as MAX_PDF_PAGES, MAX_STREAM as MAX_PDF_STREAM,
};
pub use source::Source;
pub use xml::{MAX_DEPTH as MAX_XML_DEPTH, MAX_NODES as MAX_XML_NODES};

use crate::error::{Error, Result};
use crate::text::{Language, Token, tokenize};

/// How a draft's source is written.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InputFormat {
    /// Plain text: paragraphs separated by blank lines or started by a number.
    Text,
    /// Markdown (CommonMark with tables and YAML front matter).
    Markdown,
    /// A web page: its main content, without the site's navigation, headers and footers.
    Html,
    /// A Word document (`.docx`, Office Open XML): its paragraphs, tables and notes, with the
    /// numbers Word shows, its tracked changes accepted.
    Docx,
    /// Akoma Ntoso XML (3.0, or the 2.0 namespace): bills, acts, resolutions, debates, `doc`.
    #[cfg_attr(feature = "cli", value(name = "akoma-ntoso", alias = "akn"))]
    AkomaNtoso,
    /// USLM, the US Congress's bill XML: sections, subsections and paragraphs; the cover page is
    /// metadata.
    Uslm,
    /// A PDF's text layer, laid out again as lines and paragraphs (the `pdf` feature).
    Pdf,
}

impl InputFormat {
    /// Every format this build reads, in the order `--help` lists them: what a program offering a
    /// choice (the browser app's format menu) lists. Web pages need the `html` feature, PDF the
    /// `pdf` feature.
    pub const ALL: &[InputFormat] = &[
        InputFormat::Text,
        InputFormat::Markdown,
        #[cfg(feature = "html")]
        InputFormat::Html,
        InputFormat::Docx,
        InputFormat::AkomaNtoso,
        InputFormat::Uslm,
        #[cfg(feature = "pdf")]
        InputFormat::Pdf,
    ];

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
            InputFormat::Html => "html",
            InputFormat::Docx => "docx",
            InputFormat::AkomaNtoso => "akoma-ntoso",
            InputFormat::Uslm => "uslm",
            InputFormat::Pdf => "pdf",
        }
    }

    /// The format a file's extension suggests: Markdown for `.md`, `.markdown`, `.mdown`, `.mkd`,
    /// HTML for `.html`, `.htm`, `.xhtml`, Word for `.docx`, `.docm` and `.doc` (which the Word
    /// reader refuses, in words, when it is a legacy binary document), Akoma Ntoso for `.akn`, PDF
    /// for `.pdf`; text otherwise (a `.xml` file's vocabulary is in its content: see
    /// [`InputFormat::detect`]).
    pub fn from_path(path: &str) -> InputFormat {
        InputFormat::from_extension(path).unwrap_or(InputFormat::Text)
    }

    /// The format a file's extension names, if it names one.
    fn from_extension(path: &str) -> Option<InputFormat> {
        let extension = std::path::Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref()? {
            "md" | "markdown" | "mdown" | "mkd" | "mkdn" => Some(InputFormat::Markdown),
            "html" | "htm" | "xhtml" => Some(InputFormat::Html),
            "docx" | "docm" | "doc" => Some(InputFormat::Docx),
            "txt" | "text" => Some(InputFormat::Text),
            "akn" => Some(InputFormat::AkomaNtoso),
            "pdf" => Some(InputFormat::Pdf),
            _ => None,
        }
    }

    /// The format of a draft from its name (a path, or `None` for standard input) and its first
    /// bytes: the extension when it names a format; otherwise what the bytes show — a Word
    /// document (a zip archive, or an OLE compound file, which the Word reader refuses in words),
    /// a PDF (`%PDF-`), XML whose root element is `akomaNtoso` (Akoma Ntoso) or a USLM `bill` or
    /// `resolution` (also in a `.xml` file), an HTML page (`<!DOCTYPE html>` or `<html`), else
    /// Markdown or text as
    /// [`InputFormat::sniff`] tells.
    pub fn detect(path: Option<&str>, bytes: &[u8]) -> InputFormat {
        if let Some(format) = path.and_then(InputFormat::from_extension) {
            return format;
        }
        if docx::is_zip(bytes) || docx::is_ole(bytes) {
            return InputFormat::Docx;
        }
        if decode::is_pdf(bytes) {
            return InputFormat::Pdf;
        }
        if let Some(format) = xml::vocabulary(bytes) {
            return format;
        }
        let head = &bytes[..bytes.len().min(1024)];
        let head = head
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(head)
            .trim_ascii_start();
        let lower = head.to_ascii_lowercase();
        if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
            return InputFormat::Html;
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => InputFormat::sniff(text),
            Err(_) => InputFormat::Text,
        }
    }

    /// The format a text without a file name (standard input) shows: Markdown when it starts with
    /// YAML front matter (a `---` line), has an ATX heading (`# Title` to `###### Title`), or has
    /// two or more bullet list items (`- `, `* `, `+ `); text otherwise. Numbered paragraphs say
    /// nothing: both formats have them.
    pub fn sniff(text: &str) -> InputFormat {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.lines().next().is_some_and(|l| l.trim_end() == "---") {
            return InputFormat::Markdown;
        }
        let mut bullets = 0;
        for line in text.lines() {
            let body = line.trim_start_matches(' ');
            // CommonMark: a heading may be indented by up to three spaces; four make code.
            let indent = line.len() - body.len();
            let hashes = body.bytes().take_while(|&b| b == b'#').count();
            let heading = (1..=6).contains(&hashes) && body[hashes..].starts_with([' ', '\t']);
            if indent <= 3 && heading {
                return InputFormat::Markdown;
            }
            let bullet = body.starts_with(['-', '*', '+'])
                && body[1..].starts_with(' ')
                && !body[2..].trim().is_empty();
            bullets += usize::from(bullet);
            if bullets >= 2 {
                return InputFormat::Markdown;
            }
        }
        InputFormat::Text
    }
}

/// One version of a document, parsed into clauses.
#[derive(Debug, Clone)]
pub struct Draft {
    /// What reports call this draft (`--old-label`, or the path by default).
    pub label: String,
    /// Where it was read from: a path, `-` for standard input, or `REV:PATH`.
    pub source: String,
    /// The file its findings are located in (SARIF, annotations): the path (the command line makes
    /// it relative to the current directory when it lies under it), the path inside the repository
    /// for `REV:PATH`, or none for standard input. [`Draft::parse`] sets it to `source` unless that
    /// is `-`.
    pub path: Option<String>,
    /// The git revision the text was read at, for `REV:PATH` (`HEAD~1`); `None` for a file on disk
    /// or standard input. Reports then tell this draft's `path` from the same path in the working
    /// tree.
    pub revision: Option<String>,
    /// How its source was parsed.
    pub format: InputFormat,
    /// The language it is written in: detected from its text (or the `lang` an HTML page declares),
    /// or set by the caller (`--lang`); `None` when it could not be told or is not one clausediff has
    /// a lexicon for. Classification reads an undetermined draft as English.
    pub language: Option<Language>,
    /// Document metadata outside the clauses (Markdown front matter).
    pub metadata: Option<Metadata>,
    /// The clauses in document order. Their ids are unique within the draft.
    pub clauses: Vec<Clause>,
    /// Whether there is no such file: the missing side of a document added to or removed from a
    /// folder, or of a file git adds or deletes. Its label and source read [`ABSENT`], as in
    /// `git diff`.
    pub absent: bool,
    /// What reading the source noted, in sentences: an encoding other than UTF-8, or what a
    /// structured format's reader left out or read in a particular way.
    pub notes: Vec<String>,
    /// For one reading of a Word document's tracked changes ([`Draft::read_tracked`]): which words
    /// each revision inserted (the draft with the changes accepted) or deleted (rejected). Empty
    /// for any other draft.
    pub revisions: Revisions,
}

/// What reports call the side of a document that does not exist, as `git diff` does.
pub const ABSENT: &str = "/dev/null";

impl Draft {
    /// The missing side of a document that was added or removed: no file, no clauses.
    pub fn absent(format: InputFormat) -> Draft {
        Draft {
            absent: true,
            ..Draft::parse(ABSENT, ABSENT, "", format)
        }
    }

    /// How many bracketed spans and options the draft holds.
    pub fn bracket_counts(&self) -> Counts {
        brackets::counts(&self.clauses)
    }

    /// Reads a draft from its bytes, in `format`: text and Markdown decoded as [`decode_draft`]
    /// decodes them, an HTML page in the encoding it declares. `source` names the draft in errors.
    pub fn read(label: &str, source: &str, bytes: &[u8], format: InputFormat) -> Result<Draft> {
        if format == InputFormat::Pdf {
            return Draft::read_pdf(label, source, bytes);
        }
        if format == InputFormat::Docx {
            let word = read_word(source, bytes)?;
            let mut draft = Draft::of_word(label, source, &word, docx::View::Accepted);
            draft.revisions = Revisions::default();
            let changes = word.tracked_changes();
            if changes > 0 {
                draft.notes.push(format!(
                    "read with its tracked changes accepted ({} by {}); `diff --tracked` compares the document before and after them",
                    if changes == 1 { "1 change".to_string() } else { format!("{changes} changes") },
                    join_names(&word.authors())
                ));
            }
            return Ok(draft);
        }
        let declared: Option<String> = match format {
            #[cfg(feature = "html")]
            InputFormat::Html => html::declared_charset(bytes),
            InputFormat::AkomaNtoso | InputFormat::Uslm => xml::declared_encoding(bytes),
            _ => None,
        };
        let decoded = decode_draft(source, bytes, declared.as_deref())?;
        let mut draft = match format {
            InputFormat::Html => {
                let page = read_html(&decoded.text).map_err(|message| Error::Unreadable {
                    path: source.to_string(),
                    message,
                })?;
                Draft::from_clauses(label, source, format, page.0, page.1)
            }
            InputFormat::AkomaNtoso | InputFormat::Uslm => {
                let text = decoded
                    .text
                    .strip_prefix('\u{FEFF}')
                    .unwrap_or(&decoded.text);
                let read = match format {
                    InputFormat::AkomaNtoso => akn::read(text),
                    _ => uslm::read(text),
                }
                .map_err(|message| Error::Unreadable {
                    path: source.to_string(),
                    message,
                })?;
                let mut draft =
                    Draft::from_clauses(label, source, format, read.metadata, read.clauses);
                draft.notes = read.notes;
                draft
            }
            _ => Draft::parse(label, source, &decoded.text, format),
        };
        draft.notes.extend(decoded.note());
        Ok(draft)
    }

    /// What reports call the two readings of `source`'s tracked changes when no label is given:
    /// `source (changes rejected)` and `source (changes accepted)`, on the command line and in the
    /// browser app alike.
    pub fn tracked_labels(source: &str) -> [String; 2] {
        [
            format!("{source} (changes rejected)"),
            format!("{source} (changes accepted)"),
        ]
    }

    /// Reads a Word document with tracked changes as two drafts: as it was before them (all
    /// rejected: the old draft, labelled `old_label`) and after them (all accepted: the new draft).
    /// Each draft's [`Draft::revisions`] say which words a revision deleted (old) or inserted
    /// (new), so findings can name who made a change and when.
    pub fn read_tracked(
        old_label: &str,
        new_label: &str,
        source: &str,
        bytes: &[u8],
    ) -> Result<(Draft, Draft)> {
        let word = read_word(source, bytes)?;
        let old = Draft::of_word(old_label, source, &word, docx::View::Rejected);
        let new = Draft::of_word(new_label, source, &word, docx::View::Accepted);
        Ok((old, new))
    }

    fn of_word(label: &str, source: &str, word: &docx::Word, view: docx::View) -> Draft {
        let (clauses, revisions) = word.clauses(view);
        let mut draft = Draft::from_clauses(
            label,
            source,
            InputFormat::Docx,
            word.metadata.clone(),
            clauses,
        );
        draft.revisions = revisions;
        draft
    }

    /// Reads a PDF's text layer.
    #[cfg(feature = "pdf")]
    fn read_pdf(label: &str, source: &str, bytes: &[u8]) -> Result<Draft> {
        let read = pdf::read(bytes).map_err(|message| Error::Unreadable {
            path: source.to_string(),
            message,
        })?;
        let mut draft =
            Draft::from_clauses(label, source, InputFormat::Pdf, read.metadata, read.clauses);
        draft.notes = read.notes;
        Ok(draft)
    }

    /// Without the `pdf` feature, a PDF is refused.
    #[cfg(not(feature = "pdf"))]
    fn read_pdf(_: &str, source: &str, _: &[u8]) -> Result<Draft> {
        Err(Error::Unreadable {
            path: source.to_string(),
            message: "PDF drafts are not read by this build of clausediff (the `pdf` feature)"
                .to_string(),
        })
    }

    /// Parses `text` into a draft. Never fails; a leading byte-order mark is ignored. An HTML page
    /// with no main text, XML that is not well-formed or too deep, and a PDF given as text, are an
    /// empty draft (as [`Draft::read`] they are an error).
    pub fn parse(label: &str, source: &str, text: &str, format: InputFormat) -> Draft {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        crate::text::prepare_for(text);
        let (metadata, clauses) = match format {
            InputFormat::Text => (None, text::parse(text)),
            InputFormat::Markdown => markdown::parse(text),
            InputFormat::Html => read_html(text).unwrap_or_default(),
            // A Word document is bytes, not text ([`Draft::read`]); text given as one is plain text.
            InputFormat::Docx => (None, text::parse(text)),
            InputFormat::AkomaNtoso => akn::read(text)
                .map(|read| (read.metadata, read.clauses))
                .unwrap_or_default(),
            InputFormat::Uslm => uslm::read(text)
                .map(|read| (read.metadata, read.clauses))
                .unwrap_or_default(),
            // A PDF is bytes, read by [`Draft::read`]; as text its bytes are taken as they are.
            InputFormat::Pdf => Draft::read_pdf(label, source, text.as_bytes())
                .map(|draft| (draft.metadata, draft.clauses))
                .unwrap_or_default(),
        };
        Draft::from_clauses(label, source, format, metadata, clauses)
    }

    fn from_clauses(
        label: &str,
        source: &str,
        format: InputFormat,
        metadata: Option<Metadata>,
        mut clauses: Vec<Clause>,
    ) -> Draft {
        brackets::mark(&mut clauses);
        let declared = metadata
            .as_ref()
            .and_then(|m| {
                m.entries
                    .iter()
                    .find(|(k, _)| k == "lang" || k == "language")
            })
            .and_then(|(_, v)| Language::from_code(v));
        let language = declared.or_else(|| detect_language(&clauses));
        Draft {
            label: label.to_string(),
            source: source.to_string(),
            path: (source != "-").then(|| source.to_string()),
            revision: None,
            format,
            language,
            metadata,
            clauses,
            absent: false,
            notes: Vec::new(),
            revisions: Revisions::default(),
        }
    }

    /// The revision that inserted (in a draft of accepted changes) or deleted (rejected) words of
    /// bytes `range` of clause `index`'s text: the first one, in text order. `None` when no
    /// revision touches them, or the draft holds no revisions.
    pub fn revision_at(&self, index: usize, range: Range<usize>) -> Option<&Revision> {
        if self.revisions.paragraphs.is_empty() {
            return None;
        }
        let clause = self.clauses.get(index)?;
        // The clause's text in segments, each from one paragraph (one source line).
        let mut starts: Vec<(usize, u32)> = vec![(0, clause.lines.first)];
        starts.extend(
            clause
                .marks
                .iter()
                .map(|&(at, line)| (usize::try_from(at).unwrap_or(usize::MAX), line)),
        );
        for (k, &(start, line)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(clause.text.len(), |&(s, _)| s);
            let (start, end) = (start.min(clause.text.len()), end.min(clause.text.len()));
            let touches = range.start <= end && range.end >= start;
            if !touches
                || !clause.text.is_char_boundary(start)
                || !clause.text.is_char_boundary(end)
            {
                continue;
            }
            let Some(marked) = self.revisions.paragraphs.get(&line) else {
                continue;
            };
            let segment = clause.text[start..end].trim_end();
            // The segment is the paragraph's text without what the parser took off its front (a
            // numbering label); find where it stands.
            let Some(at) = marked
                .text
                .ends_with(segment)
                .then(|| marked.text.len() - segment.len())
                .or_else(|| marked.text.find(segment))
            else {
                continue;
            };
            let local = range.start.max(start) - start + at..range.end.min(end) - start + at;
            let hit = marked.ranges.iter().find(|(r, _)| {
                if local.is_empty() {
                    r.start <= local.start && local.start <= r.end
                } else {
                    r.start < local.end && local.start < r.end
                }
            });
            if let Some((_, revision)) = hit {
                return self.revisions.list.get(usize::try_from(*revision).ok()?);
            }
        }
        None
    }
}

/// Who made a tracked change in a Word document, and when, as the document records them (either
/// may be missing: documents can be saved with that information removed).
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(deny_unknown_fields))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Revision {
    /// The author (`w:author`): a name, or what the author's Word calls them.
    pub author: Option<String>,
    /// When (`w:date`, ISO 8601: `2025-03-14T09:30:00Z`).
    pub date: Option<String>,
}

impl Revision {
    /// Who and when in words: `Delegation of X on 14 March 2025`, `Delegation of X`, or `on 14
    /// March 2025`; an unreadable date as written.
    pub fn describe(&self) -> String {
        let date = self.date.as_deref().map(day);
        match (&self.author, date) {
            (Some(author), Some(date)) => format!("{author} on {date}"),
            (Some(author), None) => author.clone(),
            (None, Some(date)) => format!("an unnamed author on {date}"),
            (None, None) => "an unnamed author".to_string(),
        }
    }
}

/// An ISO 8601 date as a person writes it: `2025-03-14T09:30:00Z` → `14 March 2025`.
fn day(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = date.get(..10).unwrap_or("").split('-');
    let (year, month, day) = (parts.next(), parts.next(), parts.next());
    let number = |s: Option<&str>| s.and_then(|s| s.parse::<usize>().ok());
    match (year, number(month), number(day)) {
        (Some(year), Some(month @ 1..=12), Some(day @ 1..=31)) if year.len() == 4 => {
            format!("{day} {} {year}", MONTHS[month - 1])
        }
        _ => date.to_string(),
    }
}

/// Where the revisions of one reading of a Word document stand in its paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revisions {
    /// Every revision of the document, each author and date once.
    pub list: Vec<Revision>,
    /// By paragraph ordinal (a clause's line): the paragraph's text as the parser joined it, and
    /// the byte ranges of it that a revision made.
    paragraphs: BTreeMap<u32, Marked>,
}

impl Revisions {
    /// Whether no revision stands in the reading.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }
}

/// A paragraph's text and the byte ranges of it that revisions made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Marked {
    text: String,
    ranges: Vec<(Range<usize>, u32)>,
}

/// Reads a Word document, or says in one line why it cannot.
fn read_word(source: &str, bytes: &[u8]) -> Result<docx::Word> {
    docx::read(bytes).map_err(|message| Error::Unreadable {
        path: source.to_string(),
        message,
    })
}

/// Names in a sentence: `A`, `A and B`, `A, B and C`.
fn join_names(names: &[&str]) -> String {
    match names {
        [] => "an unnamed author".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A web page's metadata and clauses, or why it has none.
#[cfg(feature = "html")]
fn read_html(text: &str) -> std::result::Result<(Option<Metadata>, Vec<Clause>), String> {
    html::read(text).map(|page| (page.metadata, page.clauses))
}

/// Without the `html` feature, a web page is not read.
#[cfg(not(feature = "html"))]
fn read_html(_text: &str) -> std::result::Result<(Option<Metadata>, Vec<Clause>), String> {
    Err("web pages are not read by this build of clausediff (it was built without the `html` feature)".to_string())
}

/// The language of a draft's clauses, from the first few thousand characters of their text.
fn detect_language(clauses: &[Clause]) -> Option<Language> {
    let mut sample = String::new();
    for clause in clauses {
        if sample.len() > 6_000 {
            break;
        }
        sample.push_str(&clause.text);
        sample.push('\n');
    }
    Language::detect(&sample)
}

/// Document metadata: the YAML front matter of a Markdown draft, kept out of the compared clauses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// The front matter as written, without its `---` fences.
    pub text: String,
    /// Its top-level entries, key and value, in order: from the parsed YAML, each value written one
    /// canonical way (`[a, b]` for a list however it was written, strings unquoted); when the front
    /// matter is not valid YAML, the same as [`Metadata::written`].
    pub entries: Vec<(String, String)>,
    /// Its `key: value` lines as written, values with continuation lines joined: what is compared
    /// when either draft's front matter is not valid YAML.
    #[serde(skip)]
    pub written: Vec<(String, String)>,
    /// Why the front matter is not valid YAML (or not a mapping of keys), when it is not.
    #[serde(skip)]
    pub not_yaml: Option<String>,
    /// First and last line of the front matter block in the source, fences included.
    pub lines: LineRange,
}

impl Metadata {
    /// The metadata of a structured document (a Word file's properties, an XML document's
    /// identification, a web page's title and language): its entries as they are, written one
    /// `key: value` a line; none when there are none.
    pub(crate) fn of_entries(entries: Vec<(String, String)>, lines: LineRange) -> Option<Metadata> {
        if entries.is_empty() {
            return None;
        }
        let text = entries
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("\n");
        Some(Metadata {
            text,
            written: entries.clone(),
            entries,
            not_yaml: None,
            lines,
        })
    }
}

/// A clause id: the number the document gives the clause (`3.2`, `4(a)`, `Article 5`, `OP3`), qualified
/// by its article or section where that is needed to make it unique, or a positional `¶7`.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ClauseId(pub String);

impl std::fmt::Display for ClauseId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What part of a document a clause is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClauseKind {
    /// A heading: `Article 4`, `PART II`, `Preamble`, a Markdown `#` line.
    Heading,
    /// A preambular paragraph: `PP2`, `Whereas …`, or any paragraph under a "Preamble" heading.
    Preambular,
    /// An operative paragraph of a resolution: `OP3`.
    Operative,
    /// A paragraph the document numbers: `4.`, `(a)`, `Sec. 101.`
    Numbered,
    /// A paragraph without a number.
    Paragraph,
    /// An item of a bulleted list.
    ListItem,
}

impl ClauseKind {
    /// The snake-case name used in JSON and listings.
    pub fn name(self) -> &'static str {
        match self {
            ClauseKind::Heading => "heading",
            ClauseKind::Preambular => "preambular",
            ClauseKind::Operative => "operative",
            ClauseKind::Numbered => "numbered",
            ClauseKind::Paragraph => "paragraph",
            ClauseKind::ListItem => "list_item",
        }
    }
}

/// First and last line (1-based, inclusive) of a span of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineRange {
    /// First line.
    pub first: u32,
    /// Last line.
    pub last: u32,
}

/// One clause of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Unique id within the draft.
    pub id: ClauseId,
    /// Whether `id` is the document's own numbering (`4(a)`) rather than a position (`¶7`); only
    /// numbered ids can be "renumbered".
    pub numbered: bool,
    /// What part of the document this is.
    pub kind: ClauseKind,
    /// The headings above the clause, outermost first.
    pub path: Vec<String>,
    /// The clause's words: its numbering label removed, hard-wrapped lines joined with one space (a
    /// word hyphenated across a line break is joined without one), Markdown markup removed.
    pub text: String,
    /// Its lines in the source.
    pub lines: LineRange,
    /// A stable key the document gives the clause's element, when it has one: an Akoma Ntoso `eId`
    /// (2.0: `id`), a USLM `identifier` (`/us/bill/116/hr/2157/tI/s104/a`). Informative only:
    /// clauses are paired by their text and numbers, not by key (see `align`).
    pub key: Option<String>,
    /// `(byte offset in text, source line)` at each point where the text continues on a new line.
    marks: Vec<(u32, u32)>,
    /// The text's tokens, split on first use and then read by every stage.
    tokens: Tokens,
    /// Its negotiation brackets, alternatives and option label.
    pub brackets: Brackets,
}

/// A clause's tokens, computed at most once (from any thread). Derived from the text, so two clauses
/// compare equal whether or not their tokens have been computed yet.
#[derive(Debug, Clone, Default)]
struct Tokens(std::sync::OnceLock<Vec<Token>>);

impl PartialEq for Tokens {
    fn eq(&self, _: &Tokens) -> bool {
        true
    }
}

impl Eq for Tokens {}

impl Clause {
    /// The tokens of [`Clause::text`] (see [`crate::text::tokenize()`]), split on first use.
    pub fn tokens(&self) -> &[Token] {
        self.tokens.0.get_or_init(|| tokenize(&self.text))
    }

    /// The numbering label to write before the clause's text so that the text parser reads the
    /// clause as numbered again (`4.`, `(a)`, `Article 5.`), or `None` for a clause without a
    /// number of its own. A writer of drafts (the Word redline) uses it; the label it gives may be
    /// the id's last part (`(a)` of `4(a)`), which nests under the clause before it.
    pub fn written_label(&self) -> Option<String> {
        if !self.numbered {
            return None;
        }
        let id = self.id.0.split('#').next().unwrap_or(&self.id.0);
        let last = match id.rfind('(') {
            Some(at) if id.ends_with(')') => id[at..].to_string(),
            _ => format!("{}.", id.rsplit('.').next().unwrap_or(id)),
        };
        let candidates = [format!("{id}."), id.to_string(), last];
        candidates.into_iter().find(|candidate| {
            let line = format!("{candidate} {}", self.text);
            numbering::parse_label(&line).is_some_and(|l| l.consumed == candidate.len() + 1)
        })
    }

    /// The source line of the byte at `offset` in [`Clause::text`].
    pub fn line_at(&self, offset: usize) -> u32 {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        let after = self.marks.partition_point(|&(at, _)| at <= offset);
        match after {
            0 => self.lines.first,
            n => self.marks[n - 1].1,
        }
    }
}

/// A clause's text and where it came from, as a parser hands it to the outline builder.
#[derive(Debug, Default)]
struct TextSpan {
    text: String,
    marks: Vec<(u32, u32)>,
    first_line: u32,
    last_line: u32,
    /// The key of the element the span starts in (structured readers only).
    key: Option<String>,
}

impl TextSpan {
    fn starting_at(line: u32) -> TextSpan {
        TextSpan {
            first_line: line,
            last_line: line,
            ..TextSpan::default()
        }
    }

    /// Appends a piece of text that starts on source line `line`, joining it to what came before as a
    /// hard-wrapped line is joined: with one space, or with none after a word broken by a hyphen.
    fn push_line(&mut self, piece: &str, line: u32) {
        let piece = if self.text.is_empty() {
            piece.trim_start()
        } else {
            piece
        };
        if piece.is_empty() {
            return;
        }
        if !self.text.is_empty() && !joins_without_space(&self.text, piece) {
            self.text.push(' ');
        }
        self.push_piece(piece, line);
    }

    /// Removes the first `n` bytes of the text (a numbering label), keeping line marks right.
    fn drop_prefix(&mut self, n: usize) {
        let n = n.min(self.text.len());
        if !self.text.is_char_boundary(n) {
            return;
        }
        let cut = u32::try_from(n).unwrap_or(u32::MAX);
        let start_line = self
            .marks
            .iter()
            .take_while(|&&(at, _)| at <= cut)
            .last()
            .map_or(self.first_line, |&(_, line)| line);
        self.text.drain(..n);
        let mut marks: Vec<(u32, u32)> = self
            .marks
            .iter()
            .filter(|&&(at, _)| at > cut)
            .map(|&(at, line)| (at - cut, line))
            .collect();
        if start_line != self.first_line {
            marks.insert(0, (0, start_line));
        }
        self.marks = marks;
    }

    /// Appends text that continues the current line.
    fn push_piece(&mut self, piece: &str, line: u32) {
        let at = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        if self.marks.last().is_none_or(|&(_, l)| l != line) && (at > 0 || line != self.first_line)
        {
            self.marks.push((at, line));
        }
        self.text.push_str(piece);
        self.last_line = self.last_line.max(line);
    }
}

/// Whether a line break between `before` and `after` joins one hyphenated word (`inter-` / `national`).
fn joins_without_space(before: &str, after: &str) -> bool {
    let mut tail = before.chars().rev();
    let hyphen = matches!(tail.next(), Some('-' | '\u{2010}' | '\u{AD}'));
    let letter_before = tail.next().is_some_and(char::is_alphabetic);
    let lower_after = after.chars().next().is_some_and(char::is_lowercase);
    hyphen && letter_before && lower_after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_input_is_sniffed_for_markdown() {
        use InputFormat::{Markdown, Text};
        let sniff = InputFormat::sniff;
        assert_eq!(sniff("---\ntitle: Statement\n---\nText.\n"), Markdown);
        assert_eq!(sniff("Preamble\n\n## Article 1\n\nText.\n"), Markdown);
        assert_eq!(sniff("Intro:\n\n- first item\n- second item\n"), Markdown);
        assert_eq!(
            sniff("1. The Parties shall cooperate.\n\n2. They will meet.\n"),
            Text
        );
        assert_eq!(sniff("#hashtag is not a heading\n"), Text);
        assert_eq!(sniff("    # indented code\n"), Text);
        assert_eq!(sniff("One dash - here.\n- and one bullet\n"), Text);
        assert_eq!(sniff("Text with\n---\na rule later.\n"), Text);
        assert_eq!(sniff(""), Text);
    }

    #[test]
    fn extension_picks_the_parser() {
        assert_eq!(InputFormat::from_path("a/b.MD"), InputFormat::Markdown);
        assert_eq!(InputFormat::from_path("draft.txt"), InputFormat::Text);
        assert_eq!(InputFormat::from_path("-"), InputFormat::Text);
    }

    #[test]
    fn hyphenated_line_breaks_join_without_space() {
        let mut span = TextSpan::starting_at(1);
        span.push_line("the inter-", 1);
        span.push_line("national order and", 2);
        span.push_line("military-to-military talks", 3);
        assert_eq!(
            span.text,
            "the inter-national order and military-to-military talks"
        );
    }

    #[test]
    fn line_at_maps_offsets_back_to_source_lines() {
        let draft = Draft::parse(
            "d",
            "d",
            "\n\n1. alpha beta\ngamma delta\n",
            InputFormat::Text,
        );
        let clause = &draft.clauses[0];
        assert_eq!(clause.text, "alpha beta gamma delta");
        assert_eq!(clause.line_at(0), 3);
        assert_eq!(clause.line_at(11), 4);
        assert_eq!(clause.lines, LineRange { first: 3, last: 4 });
    }

    #[test]
    fn a_byte_order_mark_is_not_text() {
        let draft = Draft::parse("d", "d", "\u{FEFF}Hello.", InputFormat::Text);
        assert_eq!(draft.clauses[0].text, "Hello.");
    }
}
