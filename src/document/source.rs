//! A draft as its reader hands it over — its bytes and where they came from — and how that becomes a
//! [`Draft`]: which name reports give it and which format it is read in when none is given.
//!
//! The binary reads files, standard input and git revisions; the browser app reads file inputs and
//! pasted text. Both name and read drafts here, so one pair of drafts gives the same report in each.

use super::{Draft, InputFormat};
use crate::error::Result;

/// A draft's bytes and where they came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file the bytes belong to: the path, the path inside the repository for `REV:PATH`, a
    /// file's name in the browser; none for standard input or pasted text.
    pub path: Option<String>,
    /// The git revision of a `REV:PATH` input.
    pub revision: Option<String>,
    /// The bytes, as read: [`Source::read`] decodes them in the draft's format.
    pub bytes: Vec<u8>,
}

impl Source {
    /// The source of `bytes` from the file `path` (none for standard input or pasted text).
    pub fn new(path: Option<String>, bytes: Vec<u8>) -> Source {
        Source {
            path,
            revision: None,
            bytes,
        }
    }

    /// The format the source is read in when none is given: its file's extension decides, and the
    /// bytes where it names none ([`InputFormat::detect`]).
    pub fn format(&self) -> InputFormat {
        InputFormat::detect(self.path.as_deref(), &self.bytes)
    }

    /// Reads the source into a draft read from `spec` (a path, `-`, `REV:PATH`, a file's name),
    /// which reports call `label`, or `spec` without one; in `format`, or [`Source::format`] without
    /// one. Errors name `spec`: bytes that are not text, a document its reader cannot read.
    pub fn read(
        self,
        spec: &str,
        label: Option<&str>,
        format: Option<InputFormat>,
    ) -> Result<Draft> {
        let format = format.unwrap_or_else(|| self.format());
        let mut draft = Draft::read(label.unwrap_or(spec), spec, &self.bytes, format)?;
        draft.path = self.path;
        draft.revision = self.revision;
        Ok(draft)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_in_the_format_of_its_extension() {
        let source = Source::new(Some("a.md".into()), b"1. Text.\n".to_vec());
        assert_eq!(source.format(), InputFormat::Markdown);
        let draft = source.read("a.md", None, None).unwrap();
        assert_eq!(draft.format, InputFormat::Markdown);
        assert_eq!(
            (draft.label.as_str(), draft.source.as_str()),
            ("a.md", "a.md")
        );
        assert_eq!(draft.path.as_deref(), Some("a.md"));
    }

    #[test]
    fn bytes_without_a_file_show_their_format() {
        let source = Source::new(None, b"# Title\n\nText.\n".to_vec());
        let draft = source.read("-", Some("pasted"), None).unwrap();
        assert_eq!(draft.format, InputFormat::Markdown);
        assert_eq!((draft.label.as_str(), draft.path), ("pasted", None));
        let page = Source::new(None, b"<!DOCTYPE html><main><p>Text.</p></main>".to_vec());
        assert_eq!(page.format(), InputFormat::Html);
    }

    #[test]
    fn a_given_format_wins() {
        let source = Source::new(Some("a.md".into()), b"# T\n".to_vec());
        let draft = source.read("a.md", None, Some(InputFormat::Text)).unwrap();
        assert_eq!(draft.format, InputFormat::Text);
    }

    #[test]
    fn binary_bytes_are_refused_with_the_decoders_error() {
        let source = Source::new(Some("x.bin".into()), b"\x01\x02\0".to_vec());
        assert_eq!(
            source.read("x.bin", None, None).unwrap_err().to_string(),
            "x.bin: binary file (NUL byte at offset 2), not a text draft"
        );
    }
}
