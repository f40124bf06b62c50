//! A finding's content fingerprint: which finding it is, from what it says, not where it stands.
//!
//! SARIF `partialFingerprints` and baselines (`clausediff.baseline.v2`) both key findings on it, so
//! it must not move when clauses are inserted above, renumbered or re-wrapped, and must never change
//! with a crate or a Rust version. The hash is therefore written out here, not taken from `std` or
//! a hashing crate.
//!
//! # The `clausediff/v1` recipe
//!
//! 64-bit FNV-1a (offset basis `0xcbf29ce484222325`, prime `0x00000100000001b3`) over the UTF-8
//! bytes of
//!
//! ```text
//! "clausediff/v1" 0x00 clause 0x00 rule 0x00 old_text 0x00 new_text
//! ```
//!
//! where `clause` is the text of the clause the finding is located in — the old clause for a removal
//! (old words and no new ones), else the new clause, else the other side's; empty for a finding about
//! the document as a whole — without its number or label (`4.`, `(a)`, `Article 5`), `rule` is the
//! rule id (`scale.softened`), and `old_text`/`new_text` are the finding's evidence. In each of the
//! three texts every run of whitespace counts as one space and leading and trailing whitespace is
//! dropped. The result is written as 16 lower-case hex digits. A new recipe gets a new tag.

use std::fmt;
use std::str::FromStr;

use super::Finding;

/// The name and version of the recipe, hashed first and used as the SARIF `partialFingerprints` key.
pub const FINGERPRINT_VERSION: &str = "clausediff/v1";

const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// A finding's content fingerprint (see the module docs for the recipe).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fingerprint(pub u64);

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl FromStr for Fingerprint {
    type Err = String;

    /// Parses the 16 hex digits [`Fingerprint`]'s `Display` writes.
    fn from_str(text: &str) -> Result<Fingerprint, String> {
        let valid = text.len() == 16 && text.bytes().all(|b| b.is_ascii_hexdigit());
        let parsed = valid.then(|| u64::from_str_radix(text, 16).ok()).flatten();
        parsed
            .map(Fingerprint)
            .ok_or_else(|| format!("fingerprint `{text}` is not 16 hex digits"))
    }
}

/// Written as its 16 hex digits (baseline files).
impl serde::Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Fingerprint {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Fingerprint, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// 64-bit FNV-1a, streamed.
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(OFFSET_BASIS)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }

    /// Writes `text` with whitespace runs as one space and no leading or trailing space, without
    /// building the collapsed string. Whitespace is `char::is_whitespace`, as `split_whitespace`
    /// reads it; ASCII is decided byte by byte, the rest by character.
    fn write_collapsed(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // The width of the character at `i` and whether it is whitespace.
        let at = |i: usize| -> (usize, bool) {
            match bytes[i] {
                b if b < 0x80 => (1, matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)),
                _ => text[i..]
                    .chars()
                    .next()
                    .map_or((1, false), |c| (c.len_utf8(), c.is_whitespace())),
            }
        };
        let (mut started, mut i) = (false, 0);
        while i < bytes.len() {
            // A run of whitespace: one space, if words stand on both sides of it.
            let mut spaced = false;
            while let Some((width, true)) = (i < bytes.len()).then(|| at(i)) {
                i += width;
                spaced = true;
            }
            // A run of other characters, hashed in one go.
            let start = i;
            while let Some((width, false)) = (i < bytes.len()).then(|| at(i)) {
                i += width;
            }
            if i > start {
                if spaced && started {
                    self.write(b" ");
                }
                self.write(&bytes[start..i]);
                started = true;
            }
        }
    }

    /// Ends a field.
    fn separate(&mut self) {
        self.write(&[0]);
    }
}

/// The hash state after the recipe's tag and the texts of one entry's located clauses, so that each
/// finding of the entry hashes only its own words: a long clause with many findings is hashed twice,
/// not once per finding.
#[derive(Debug, Clone, Copy)]
pub(super) struct EntryPrints {
    old: Fnv,
    new: Fnv,
}

impl EntryPrints {
    /// The states of an entry whose first old clause reads `old` and first new clause `new` (`None`
    /// for a side without clauses). Only the sides its findings need are hashed (`need` = old, new):
    /// most entries with findings are renumbered or edited ones whose findings all stand in the new
    /// clause.
    pub(super) fn new(old: Option<&str>, new: Option<&str>, need: (bool, bool)) -> EntryPrints {
        let state = |text: Option<&str>| {
            let mut fnv = Fnv::new();
            fnv.write(FINGERPRINT_VERSION.as_bytes());
            fnv.separate();
            fnv.write_collapsed(text.unwrap_or(""));
            fnv.separate();
            fnv
        };
        // A side without clauses hashes as the other side's clause.
        let (old, new) = (old.or(new), new.or(old));
        EntryPrints {
            old: if need.0 { state(old) } else { Fnv::new() },
            new: if need.1 { state(new) } else { Fnv::new() },
        }
    }

    /// The fingerprint of one finding of the entry.
    pub(super) fn of(&self, finding: &Finding) -> Fingerprint {
        let mut fnv = if finding.is_removal() {
            self.old
        } else {
            self.new
        };
        fnv.write(finding.rule().as_bytes());
        fnv.separate();
        fnv.write_collapsed(&finding.old_text);
        fnv.separate();
        fnv.write_collapsed(&finding.new_text);
        Fingerprint(fnv.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fnv(bytes: &[u8]) -> u64 {
        let mut fnv = Fnv::new();
        fnv.write(bytes);
        fnv.0
    }

    #[test]
    fn fnv_1a_matches_its_published_test_vectors() {
        assert_eq!(fnv(b""), 0xcbf29ce484222325);
        assert_eq!(fnv(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn collapsing_reads_whitespace_as_split_whitespace_does() {
        for text in [
            "",
            " ",
            "a",
            "  a  b  ",
            "a\u{a0}b\u{3000}c",
            "\u{2028}x\u{85}y\u{b}z\u{c}",
            "Déclaration  n°\u{202f}1",
        ] {
            let mut fast = Fnv::new();
            fast.write_collapsed(text);
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(fast.0, fnv(words.join(" ").as_bytes()), "{text:?}");
        }
    }

    #[test]
    fn whitespace_is_collapsed_before_hashing() {
        let mut spaced = Fnv::new();
        spaced.write_collapsed("  The Parties\n shall\tcooperate. ");
        assert_eq!(spaced.0, fnv(b"The Parties shall cooperate."));
    }

    #[test]
    fn fingerprints_round_trip_as_sixteen_hex_digits() {
        let print = Fingerprint(0x00ab_cdef_0123_4567);
        assert_eq!(print.to_string(), "00abcdef01234567");
        assert_eq!("00abcdef01234567".parse::<Fingerprint>(), Ok(print));
        assert!("abc".parse::<Fingerprint>().is_err());
        assert!("+0abcdef01234567".parse::<Fingerprint>().is_err());
    }
}
