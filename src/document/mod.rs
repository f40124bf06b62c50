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
mod front_matter;
mod html;
mod lines;
mod markdown;
mod numbering;
mod outline;
#[cfg(feature = "pdf")]
mod pdf;
mod text;
mod uslm;
mod xml;

use serde::Serialize;

pub use brackets::{Brackets, Counts, Note, OptionLabel, Span};
pub use decode::{Decoded, DecodedBy, binary_at, decode, decode_draft};
#[cfg(feature = "pdf")]
pub use pdf::{
    MAX_CONTENT as MAX_PDF_CONTENT, MAX_FORM_DEPTH as MAX_PDF_FORM_DEPTH,
    MAX_OPERATIONS as MAX_PDF_OPERATIONS, MAX_PAGES as MAX_PDF_PAGES, MAX_STREAM as MAX_PDF_STREAM,
};
pub use xml::{MAX_DEPTH as MAX_XML_DEPTH, MAX_NODES as MAX_XML_NODES};

use crate::error::{Error, Result};
use crate::text::{Token, tokenize};

/// How a draft's source is written.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
            InputFormat::Html => "html",
            InputFormat::AkomaNtoso => "akoma-ntoso",
            InputFormat::Uslm => "uslm",
            InputFormat::Pdf => "pdf",
        }
    }

    /// The format a file's extension suggests: Markdown for `.md`, `.markdown`, `.mdown`, `.mkd`,
    /// HTML for `.html`, `.htm`, `.xhtml`, Akoma Ntoso for `.akn`, PDF for `.pdf`; text otherwise (a `.xml` file's
    /// vocabulary is in its content: see [`InputFormat::detect`]).
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
            "txt" | "text" => Some(InputFormat::Text),
            "akn" => Some(InputFormat::AkomaNtoso),
            "pdf" => Some(InputFormat::Pdf),
            _ => None,
        }
    }

    /// The format of a draft from its name (a path, or `None` for standard input) and its first
    /// bytes: the extension when it names a format; otherwise what the bytes show — a PDF
    /// (`%PDF-`), XML whose root
    /// element is `akomaNtoso` (Akoma Ntoso) or a USLM `bill` or `resolution` (also in a `.xml`
    /// file), an HTML page (`<!DOCTYPE html>` or `<html`), else Markdown or text as
    /// [`InputFormat::sniff`] tells.
    pub fn detect(path: Option<&str>, bytes: &[u8]) -> InputFormat {
        if let Some(format) = path.and_then(InputFormat::from_extension) {
            return format;
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
        let declared = match format {
            InputFormat::Html => html::declared_charset(bytes),
            InputFormat::AkomaNtoso | InputFormat::Uslm => xml::declared_encoding(bytes),
            _ => None,
        };
        let decoded = decode_draft(source, bytes, declared.as_deref())?;
        let mut draft = match format {
            InputFormat::Html => {
                let page = html::read(&decoded.text).map_err(|message| Error::Unreadable {
                    path: source.to_string(),
                    message,
                })?;
                Draft::from_clauses(label, source, format, page.metadata, page.clauses)
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
        let (metadata, clauses) = match format {
            InputFormat::Text => (None, text::parse(text)),
            InputFormat::Markdown => markdown::parse(text),
            InputFormat::Html => html::read(text)
                .map(|page| (page.metadata, page.clauses))
                .unwrap_or_default(),
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
        Draft {
            label: label.to_string(),
            source: source.to_string(),
            path: (source != "-").then(|| source.to_string()),
            revision: None,
            format,
            metadata,
            clauses,
            absent: false,
            notes: Vec::new(),
        }
    }
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

/// A clause id: the number the document gives the clause (`3.2`, `4(a)`, `Article 5`, `OP3`), qualified
/// by its article or section where that is needed to make it unique, or a positional `¶7`.
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
