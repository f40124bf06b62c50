//! A draft as its reader hands it over — its text and where it came from — and how that becomes a
//! [`Draft`]: which name reports give it and which format it is parsed in when none is given.
//!
//! The binary reads files, standard input and git revisions; the browser app reads file inputs and
//! pasted text. Both name and parse drafts here, so one pair of drafts gives the same report in each.

use super::{Draft, InputFormat, decode};
use crate::error::Result;

/// A draft's text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file the text belongs to: the path, the path inside the repository for `REV:PATH`, a file's
    /// name in the browser; none for standard input or pasted text.
    pub path: Option<String>,
    /// The git revision of a `REV:PATH` input.
    pub revision: Option<String>,
    /// The text.
    pub text: String,
}

impl Source {
    /// The source of `bytes` read as `name` from the file `path` (none for standard input or pasted
    /// text), when they are a text draft ([`decode`]: UTF-8 without NUL bytes).
    pub fn decode(name: &str, path: Option<String>, bytes: Vec<u8>) -> Result<Source> {
        Ok(Source {
            path,
            revision: None,
            text: decode(name, bytes)?,
        })
    }

    /// The format the source is parsed in when none is given: its file's extension decides
    /// ([`InputFormat::from_path`]); text without a file shows its own ([`InputFormat::sniff`]).
    pub fn format(&self) -> InputFormat {
        match &self.path {
            Some(path) => InputFormat::from_path(path),
            None => InputFormat::sniff(&self.text),
        }
    }

    /// Parses the source into a draft read from `spec` (a path, `-`, `REV:PATH`, a file's name),
    /// which reports call `label`, or `spec` without one; in `format`, or [`Source::format`] without
    /// one.
    pub fn parse(self, spec: &str, label: Option<&str>, format: Option<InputFormat>) -> Draft {
        let format = format.unwrap_or_else(|| self.format());
        let mut draft = Draft::parse(label.unwrap_or(spec), spec, &self.text, format);
        draft.path = self.path;
        draft.revision = self.revision;
        draft
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_parsed_in_the_format_of_its_extension() {
        let source = Source::decode("a.md", Some("a.md".into()), b"1. Text.\n".to_vec()).unwrap();
        assert_eq!(source.format(), InputFormat::Markdown);
        let draft = source.parse("a.md", None, None);
        assert_eq!(draft.format, InputFormat::Markdown);
        assert_eq!(
            (draft.label.as_str(), draft.source.as_str()),
            ("a.md", "a.md")
        );
        assert_eq!(draft.path.as_deref(), Some("a.md"));
    }

    #[test]
    fn text_without_a_file_shows_its_format() {
        let source = Source::decode("-", None, b"# Title\n\nText.\n".to_vec()).unwrap();
        let draft = source.parse("-", Some("pasted"), None);
        assert_eq!(draft.format, InputFormat::Markdown);
        assert_eq!((draft.label.as_str(), draft.path), ("pasted", None));
    }

    #[test]
    fn a_given_format_wins() {
        let source = Source::decode("a.md", Some("a.md".into()), b"# T\n".to_vec()).unwrap();
        let draft = source.parse("a.md", None, Some(InputFormat::Text));
        assert_eq!(draft.format, InputFormat::Text);
    }

    #[test]
    fn binary_bytes_are_refused_with_the_decoders_error() {
        let err = Source::decode("x.docx", Some("x.docx".into()), b"PK\x03\x04\0".to_vec());
        assert_eq!(
            err.unwrap_err().to_string(),
            "x.docx: binary file (NUL byte at offset 4), not a text draft"
        );
    }
}
