//! The zip container of a Word document, read within limits.
//!
//! A `.docx` is a zip archive of XML parts. The archive is refused before any part is inflated when
//! it is not a zip (a legacy or encrypted `.doc` is an OLE compound file), holds more than
//! [`MAX_ENTRIES`] entries, or has no main document part. Each part is inflated through a budget:
//! all the parts read together may hold at most [`MAX_EXPANSION`] times the file's size, or
//! [`MIN_BUDGET`] when that is more, and never more than [`MAX_BUDGET`] — the bytes actually
//! inflated are counted, not the sizes the archive declares, so a zip bomb stops at the budget.

use std::io::{Cursor, Read};

/// The most entries an archive may hold. Word writes a few dozen.
pub const MAX_ENTRIES: usize = 10_000;
/// How many times its own size the parts of a document may inflate to, together.
pub const MAX_EXPANSION: u64 = 20;
/// The inflation budget of a small document, whatever its size.
pub const MIN_BUDGET: u64 = 16 << 20;
/// The inflation budget of any document.
pub const MAX_BUDGET: u64 = 1 << 30;

/// The first bytes of a zip archive (a local file header, or the end record of an empty one).
const ZIP: &[&[u8]] = &[b"PK\x03\x04", b"PK\x05\x06"];
/// The first bytes of an OLE compound file: a Word 97–2003 `.doc`, or an encrypted `.docx`.
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether `head` starts like a zip archive.
pub fn is_zip(head: &[u8]) -> bool {
    ZIP.iter().any(|signature| head.starts_with(signature))
}

/// Whether `head` starts like an OLE compound file.
pub fn is_ole(head: &[u8]) -> bool {
    head.starts_with(OLE)
}

/// An open archive and what is left of its inflation budget.
pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

impl<'a> Archive<'a> {
    /// Opens `bytes` as a zip archive, or says in a sentence why it is not one clausediff reads.
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, String> {
        if is_ole(bytes) {
            return Err(
                "encrypted or legacy .doc, not a Word 2007+ document (save it as .docx)"
                    .to_string(),
            );
        }
        if !is_zip(bytes) {
            return Err("not a Word document: not a zip archive".to_string());
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("not a readable Word document: corrupt or truncated zip ({e})"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!(
                "the archive holds {} entries, more than clausediff's limit of {MAX_ENTRIES}",
                zip.len()
            ));
        }
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        let budget = size
            .saturating_mul(MAX_EXPANSION)
            .clamp(MIN_BUDGET, MAX_BUDGET);
        Ok(Archive { zip, budget })
    }

    /// The text of part `name` (`word/document.xml`), `None` when there is no such part. Inflating
    /// it counts against the budget; a part that is not UTF-8 (or UTF-16 with a byte-order mark)
    /// is an error.
    pub fn part(&mut self, name: &str) -> Result<Option<String>, String> {
        let name = name.trim_start_matches('/');
        let index = match self.zip.index_for_name(name) {
            Some(index) => index,
            None => match (0..self.zip.len()).find(|&i| {
                self.zip
                    .name_for_index(i)
                    .is_some_and(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
            }) {
                Some(index) => index,
                None => return Ok(None),
            },
        };
        let mut file = self
            .zip
            .by_index(index)
            .map_err(|e| format!("cannot read part {name}: {e}"))?;
        // Sized as the archive declares (within the budget), so inflating does not regrow it.
        let declared = usize::try_from(file.size().min(self.budget)).unwrap_or(0);
        let mut bytes = Vec::with_capacity(declared);
        let read = (&mut file)
            .take(self.budget.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read part {name}: corrupt or truncated zip ({e})"))?;
        let read = u64::try_from(read).unwrap_or(u64::MAX);
        if read > self.budget {
            return Err(format!(
                "its parts inflate to more than {} (clausediff's limit: {MAX_EXPANSION} times the file's size, at least {} and at most {}): a zip bomb?",
                megabytes(self.budget),
                megabytes(MIN_BUDGET),
                megabytes(MAX_BUDGET)
            ));
        }
        self.budget -= read;
        text(name, bytes).map(Some)
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{} MiB", bytes >> 20)
}

/// A part's bytes as text: UTF-8 (a byte-order mark dropped), or UTF-16 with a byte-order mark, as
/// XML allows.
fn text(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    #[cfg(feature = "legacy-encodings")]
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        return encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .map(|text| text.into_owned())
            .ok_or_else(|| format!("part {name} is not valid {}", encoding.name()));
    }
    // Without the encoding tables (the library alone): a UTF-8 mark dropped, UTF-16 decoded by hand.
    #[cfg(not(feature = "legacy-encodings"))]
    let bytes = match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, ..] => bytes[3..].to_vec(),
        [a, b, ..] if (*a, *b) == (0xFF, 0xFE) || (*a, *b) == (0xFE, 0xFF) => {
            let little = *a == 0xFF;
            let units = bytes[2..].chunks_exact(2).map(|pair| {
                if little {
                    u16::from_le_bytes([pair[0], pair[1]])
                } else {
                    u16::from_be_bytes([pair[0], pair[1]])
                }
            });
            let odd = bytes.len() % 2 == 1;
            return char::decode_utf16(units)
                .collect::<Result<String, _>>()
                .ok()
                .filter(|_| !odd)
                .ok_or_else(|| format!("part {name} is not valid UTF-16"));
        }
        _ => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "part {name} is not valid UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}
