//! What valid input is, and how a draft's bytes become its text.
//!
//! Settings and data files (TOML, JSON) are UTF-8 without NUL bytes ([`decode`]). A draft may also be
//! UTF-16 with a byte-order mark, or a legacy single-byte encoding (windows-1252, ISO-8859-x, KOI8-R,
//! …) that the document declares (an HTML `<meta charset>`, an XML declaration) or that is detected
//! because the bytes cannot be UTF-8 ([`decode_draft`]). Bytes that are almost UTF-8 — valid
//! multi-byte sequences and then a broken one — are a damaged UTF-8 file, not a legacy one: an error
//! naming the offset of the first bad byte.
//!
//! The binary reads files, standard input and git revisions; a library user (the browser app) has
//! bytes. Both turn them into text here, with the same one-line errors.

#[cfg(feature = "legacy-encodings")]
use encoding_rs::{DecoderResult, Encoding};

use crate::error::{Error, Result};

/// Checks that `bytes` are UTF-8 text without NUL bytes and turns them into a string.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String> {
    if let Some(byte) = memchr::memchr(0, &bytes) {
        return Err(Error::Binary {
            path: name.to_string(),
            byte,
        });
    }
    String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: name.to_string(),
        byte: e.utf8_error().valid_up_to(),
    })
}

/// Where a NUL byte shows that bytes starting with `head` are not a draft clausediff reads: `None`
/// for text without NUL bytes, for UTF-16 with a byte-order mark, whose NUL bytes are half its
/// characters, and for a zip archive or OLE compound file, which the Word reader reads (or refuses
/// in words: a legacy `.doc`), and for a PDF (`%PDF-`). Readers of input call it on the first block, to refuse a binary file
/// before reading all of it.
pub fn binary_at(head: &[u8]) -> Option<usize> {
    if utf16_bom(head).is_some() {
        return None;
    }
    if super::docx::is_zip(head) || super::docx::is_ole(head) || is_pdf(head) {
        return None;
    }
    memchr::memchr(0, head)
}

/// Whether bytes start with a UTF-16 byte-order mark, and which: `true` for little-endian.
fn utf16_bom(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(true),
        [0xFE, 0xFF, ..] => Some(false),
        _ => None,
    }
}

/// Decodes UTF-16 after its byte-order mark; an unpaired surrogate or an odd last byte is an error
/// at its offset in the file.
fn utf16(name: &str, bytes: &[u8], little: bool) -> Result<String> {
    let encoding = if little { "UTF-16LE" } else { "UTF-16BE" };
    let units = bytes[2..].chunks(2).map(|pair| match (pair, little) {
        ([a, b], true) => Some(u16::from_le_bytes([*a, *b])),
        ([a, b], false) => Some(u16::from_be_bytes([*a, *b])),
        _ => None,
    });
    let mut text = String::with_capacity(bytes.len());
    let mut at = 2;
    let mut pending: Option<(u16, usize)> = None;
    let error = |byte| Error::Undecodable {
        path: name.to_string(),
        encoding,
        byte,
    };
    for unit in units {
        let Some(unit) = unit else {
            return Err(error(at));
        };
        match (pending.take(), unit) {
            (None, 0xD800..=0xDBFF) => pending = Some((unit, at)),
            (None, 0xDC00..=0xDFFF) => return Err(error(at)),
            (None, _) => text.push(char::from_u32(u32::from(unit)).ok_or_else(|| error(at))?),
            (Some((high, _)), 0xDC00..=0xDFFF) => {
                let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                text.push(char::from_u32(c).ok_or_else(|| error(at))?);
            }
            (Some((_, high_at)), _) => return Err(error(high_at)),
        }
        at += 2;
    }
    if let Some((_, high_at)) = pending {
        return Err(error(high_at));
    }
    Ok(text)
}

/// Whether bytes are a PDF: they start with its `%PDF-` signature (after white space at most).
pub(super) fn is_pdf(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(b"%PDF-")
}

/// A draft's text, and how it was decoded when that was not plain UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding, when it was not UTF-8 (or UTF-8 with a byte-order mark).
    pub encoding: Option<&'static str>,
    /// How that encoding was known.
    pub by: DecodedBy,
}

/// How a draft's encoding was known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodedBy {
    /// UTF-8, the default.
    Default,
    /// A byte-order mark (UTF-8 or UTF-16).
    ByteOrderMark,
    /// The document declared it (`<meta charset>`, `<?xml encoding?>`).
    Declared,
    /// The bytes are not UTF-8; the encoding was guessed from them.
    Detected,
}

impl Decoded {
    /// The sentence reports note about the decoding, when it was not UTF-8.
    pub fn note(&self) -> Option<String> {
        let encoding = self.encoding?;
        Some(match self.by {
            DecodedBy::Detected => {
                format!(
                    "read as {encoding}: not UTF-8, and the encoding was detected from its bytes"
                )
            }
            DecodedBy::Declared => format!("read as {encoding}, as the document declares"),
            DecodedBy::ByteOrderMark | DecodedBy::Default => {
                format!("read as {encoding} (byte-order mark)")
            }
        })
    }
}

/// Turns a draft's bytes into text: UTF-8 (a byte-order mark ignored), UTF-16 with a byte-order
/// mark, the encoding `declared` by the document (a WHATWG label: `windows-1252`, `latin1`,
/// `shift_jis`), or — when the bytes hold no valid multi-byte UTF-8 sequence before their first
/// invalid one — a legacy encoding detected from the bytes. NUL bytes outside UTF-16 mean a binary
/// file.
#[cfg_attr(not(feature = "legacy-encodings"), allow(unused_variables))]
pub fn decode_draft(name: &str, bytes: &[u8], declared: Option<&str>) -> Result<Decoded> {
    if let Some(little) = utf16_bom(bytes) {
        let text = utf16(name, bytes, little)?;
        if let Some(byte) = text.find('\0') {
            return Err(binary(name, byte));
        }
        return Ok(Decoded {
            text,
            encoding: Some(if little { "UTF-16LE" } else { "UTF-16BE" }),
            by: DecodedBy::ByteOrderMark,
        });
    }
    let whole = bytes.len();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Offsets in errors count the byte-order mark, as the file does.
    let shift = whole - bytes.len();
    if let Some(byte) = memchr::memchr(0, bytes) {
        return Err(binary(name, shift + byte));
    }
    // A declared UTF-16 without a byte-order mark is read as UTF-8, as browsers do.
    #[cfg(feature = "legacy-encodings")]
    if let Some(encoding) = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .filter(|&e| {
            e != encoding_rs::UTF_8 && e != encoding_rs::UTF_16LE && e != encoding_rs::UTF_16BE
        })
    {
        return Ok(Decoded {
            text: strict(name, encoding, bytes, 0)?,
            encoding: Some(encoding.name()),
            by: DecodedBy::Declared,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            encoding: None,
            by: DecodedBy::Default,
        }),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            // Multi-byte UTF-8 before the bad byte, or a sequence cut off at the end: damaged UTF-8.
            let damaged = !valid.is_ascii() || error.error_len().is_none();
            if damaged || cfg!(not(feature = "legacy-encodings")) {
                return Err(Error::InvalidUtf8 {
                    path: name.to_string(),
                    byte: shift + error.valid_up_to(),
                });
            }
            legacy(name, bytes)
        }
    }
}

/// Bytes without UTF-8 in them, in the legacy encoding detected from them.
#[cfg(feature = "legacy-encodings")]
fn legacy(name: &str, bytes: &[u8]) -> Result<Decoded> {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, false);
    Ok(Decoded {
        text: strict(name, encoding, bytes, 0)?,
        encoding: Some(encoding.name()),
        by: DecodedBy::Detected,
    })
}

fn binary(name: &str, byte: usize) -> Error {
    Error::Binary {
        path: name.to_string(),
        byte,
    }
}

/// Without the legacy encodings, bytes that are not UTF-8 are an error (never reached: the caller
/// refuses them first).
#[cfg(not(feature = "legacy-encodings"))]
fn legacy(name: &str, _bytes: &[u8]) -> Result<Decoded> {
    Err(Error::InvalidUtf8 {
        path: name.to_string(),
        byte: 0,
    })
}

/// Decodes `bytes` (which start `shift` bytes into the file) without replacing malformed sequences:
/// the first one is an error naming its offset in the file.
#[cfg(feature = "legacy-encodings")]
fn strict(name: &str, encoding: &'static Encoding, bytes: &[u8], shift: usize) -> Result<String> {
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(text.into_owned());
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    let at = match result {
        DecoderResult::Malformed(bad, after) => read - usize::from(bad) - usize::from(after),
        _ => read,
    };
    Err(Error::Undecodable {
        path: name.to_string(),
        encoding: encoding.name(),
        byte: shift + at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_byte() {
        let err = decode("a.txt", b"abc\xffdef".to_vec()).unwrap_err();
        assert_eq!(err.to_string(), "a.txt: invalid UTF-8 at byte 3");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = decode("a.bin", b"ab\0".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.bin: binary file (NUL byte at offset 2), not a text draft"
        );
        let err = decode_draft("a.bin", b"ab\0", None).unwrap_err();
        assert!(err.to_string().contains("NUL byte at offset 2"));
    }

    #[test]
    fn a_pdf_is_not_refused_as_binary() {
        assert_eq!(binary_at(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\0"), None);
        assert_eq!(binary_at(b"text\0%PDF"), Some(4));
    }

    #[test]
    fn empty_input_is_an_empty_draft() {
        assert_eq!(decode("e.txt", Vec::new()).unwrap(), "");
        assert_eq!(decode_draft("e.txt", b"", None).unwrap().text, "");
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_text() {
        let text = "1. Les Parties s’engagent.\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let decoded = decode_draft("d.txt", &bytes, None).unwrap();
            assert_eq!(decoded.text, text);
            assert_eq!(decoded.encoding, Some(name));
            assert_eq!(
                decoded.note().unwrap(),
                format!("read as {name} (byte-order mark)")
            );
        }
    }

    #[test]
    fn an_unpaired_surrogate_is_an_error_at_its_offset() {
        // BOM, "A", then a lone high surrogate, then "B".
        let bytes = [0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x42, 0x00];
        let err = decode_draft("d.txt", &bytes, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "d.txt: not valid UTF-16LE at byte 4 (the bytes there cannot be decoded)"
        );
    }

    #[test]
    fn a_utf8_byte_order_mark_is_dropped_silently() {
        let decoded = decode_draft("d.txt", b"\xEF\xBB\xBFText.", None).unwrap();
        assert_eq!(decoded.text, "Text.");
        assert_eq!(decoded.note(), None);
    }

    #[test]
    #[cfg(feature = "legacy-encodings")]
    fn legacy_single_byte_text_is_detected() {
        // "Les États membres décident." in windows-1252.
        let bytes = b"Les \xC9tats membres d\xE9cident que la r\xE9solution est adopt\xE9e.";
        let decoded = decode_draft("d.txt", bytes, None).unwrap();
        assert_eq!(
            decoded.text,
            "Les États membres décident que la résolution est adoptée."
        );
        assert_eq!(decoded.by, DecodedBy::Detected);
        assert!(decoded.note().unwrap().starts_with("read as windows-1252"));
    }

    #[test]
    #[cfg(feature = "legacy-encodings")]
    fn a_declared_encoding_is_used() {
        // "Статья" in KOI8-R.
        let bytes = b"\xF3\xD4\xC1\xD4\xD8\xD1 1";
        let decoded = decode_draft("d.html", bytes, Some("koi8-r")).unwrap();
        assert_eq!(decoded.text, "Статья 1");
        assert_eq!(
            decoded.note().unwrap(),
            "read as KOI8-R, as the document declares"
        );
    }

    #[test]
    fn damaged_utf8_is_an_error_not_a_legacy_encoding() {
        let err = decode_draft("d.txt", "Année 2024 ".as_bytes(), None).map(|d| d.text);
        assert_eq!(err.unwrap(), "Année 2024 ");
        let mut bytes = "Année ".as_bytes().to_vec();
        bytes.push(0xFF);
        let err = decode_draft("d.txt", &bytes, None).unwrap_err();
        assert_eq!(err.to_string(), "d.txt: invalid UTF-8 at byte 7");
        // A multi-byte sequence cut off at the end of the file.
        let err = decode_draft("d.txt", b"abc\xE2\x80", None).unwrap_err();
        assert_eq!(err.to_string(), "d.txt: invalid UTF-8 at byte 3");
    }
}
