//! What counts as "the same text" when two drafts are compared.
//!
//! Drafts travel through word processors, PDF exports and web pages, which swap straight quotes for curly
//! ones, hyphens for dashes, and sprinkle soft hyphens and non-breaking spaces. None of that is a change a
//! reader cares about, so comparison keys are built from a normalised form: NFKC, every quote style folded
//! to `'` or `"`, every dash to `-`, invisible format characters dropped, whitespace runs collapsed. The
//! original text is never altered; only keys and fingerprints use this form.

use std::hash::Hasher;

use rustc_hash::FxHasher;
use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// Folds one (already NFKC-normalised) character; `None` drops it.
fn fold(c: char) -> Option<char> {
    match c {
        // Soft hyphen, zero-width space/joiners, word joiner, byte-order mark.
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{2039}' | '\u{203A}' | '`' | '\u{B4}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}' => {
            Some('"')
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => Some('-'),
        // Arabic tatweel (a stretching stroke) and the optional short-vowel marks: writing them or
        // not is typography.
        '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => None,
        // Arabic-Indic and Eastern Arabic-Indic digits are the digits 0-9.
        '\u{0660}'..='\u{0669}' => char::from_digit(u32::from(c) - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(u32::from(c) - 0x06F0, 10),
        c if c.is_whitespace() => Some(' '),
        c => Some(c),
    }
}

/// Appends the comparison form of `s` to `out` (whitespace is kept, folded to single spaces per char).
pub fn normalize_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        for c in s.chars() {
            out.push(if c.is_ascii_whitespace() {
                ' '
            } else if c == '`' {
                '\''
            } else {
                c
            });
        }
        return;
    }
    // Most non-ASCII drafts (German, French, Spanish with precomposed accents) are already in NFKC;
    // the quick check is a table lookup per character, where normalising decomposes and recomposes.
    if unicode_normalization::is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        out.extend(s.chars().filter_map(fold));
    } else {
        out.extend(s.nfkc().filter_map(fold));
    }
}

/// The comparison form of `s`, as a new string.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// A 64-bit fingerprint of a text's comparison form, with whitespace runs collapsed and trimmed.
///
/// Two texts with equal fingerprints read the same to a person; the converse does not hold (a word
/// hyphenated across a line break fingerprints differently), which is why alignment only uses
/// fingerprints to find exact matches quickly and lets the word diff decide the rest.
pub fn fingerprint(text: &str, scratch: &mut String) -> u64 {
    if text.is_ascii() && memchr::memchr(b'`', text.as_bytes()).is_none() {
        if is_collapsed(text.as_bytes()) {
            return hash_bytes(text.as_bytes());
        }
        return hash_collapsed(text.as_bytes(), scratch);
    }
    // Normalise, collapse and trim in one pass into the scratch buffer (as `normalize_into` then
    // `hash_collapsed` would, without the intermediate string).
    let mut out = std::mem::take(scratch);
    out.clear();
    let mut space = false;
    let mut push = |c: char| {
        if c == ' ' {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    };
    if unicode_normalization::is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().filter_map(fold).for_each(&mut push);
    } else {
        text.nfkc().filter_map(fold).for_each(&mut push);
    }
    let hash = hash_bytes(out.as_bytes());
    *scratch = out;
    hash
}

/// Whether ASCII text already has its whitespace collapsed: single spaces only, none at the ends.
/// Most clause texts do (the parsers join lines with one space), and checking is much cheaper
/// than copying.
fn is_collapsed(bytes: &[u8]) -> bool {
    // is_ascii_whitespace: space, \t, \n, \x0C (form feed), \r.
    !bytes.first().is_some_and(u8::is_ascii_whitespace)
        && !bytes.last().is_some_and(u8::is_ascii_whitespace)
        && memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_none()
        && memchr::memchr(b'\x0C', bytes).is_none()
        && memchr::memmem::find(bytes, b"  ").is_none()
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(bytes);
    hasher.write_u8(0xff);
    hasher.finish()
}

/// Hashes the bytes with whitespace runs collapsed to one space and trimmed, copying them into
/// `scratch` first so the hasher sees one long slice.
fn hash_collapsed(bytes: &[u8], scratch: &mut String) -> u64 {
    scratch.clear();
    let mut collapsed = std::mem::take(scratch).into_bytes();
    let mut space = false;
    for &b in bytes {
        if b.is_ascii_whitespace() {
            space = !collapsed.is_empty();
        } else {
            if space {
                collapsed.push(b' ');
                space = false;
            }
            collapsed.push(b);
        }
    }
    let hash = hash_bytes(&collapsed);
    collapsed.clear();
    // Only ASCII bytes and whole UTF-8 sequences were copied; keep the buffer for the next call.
    *scratch = String::from_utf8(collapsed).unwrap_or_default();
    hash
}

/// Hashes a token's comparison form to the key the word diff compares.
pub fn token_key(token: &str, scratch: &mut String) -> u64 {
    if token.is_ascii() && !token.contains('`') {
        return plain_key(token);
    }
    let mut hasher = FxHasher::default();
    {
        scratch.clear();
        normalize_into(token, scratch);
        hasher.write(scratch.as_bytes());
    }
    hasher.write_u8(0xff);
    hasher.finish()
}

/// [`token_key`] of a token already known to be ASCII letters, digits and inner punctuation, which
/// normalisation leaves as they are (the tokenizer's hot path).
pub(crate) fn plain_key(token: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(token.as_bytes());
    hasher.write_u8(0xff);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(s: &str) -> u64 {
        fingerprint(s, &mut String::new())
    }

    #[test]
    fn curly_and_straight_quotes_fingerprint_alike() {
        assert_eq!(fp("the “Parties’” view"), fp("the \"Parties'\" view"));
    }

    #[test]
    fn dash_variants_fingerprint_alike() {
        assert_eq!(fp("2019–2020 — final"), fp("2019-2020 - final"));
    }

    #[test]
    fn whitespace_runs_and_nbsp_do_not_matter() {
        assert_eq!(fp("Joe\u{A0}Biden  met\n Xi "), fp("Joe Biden met Xi"));
    }

    #[test]
    fn text_already_in_nfkc_and_text_that_is_not_normalise_alike() {
        // "é" precomposed (already NFKC) and decomposed; a ligature and a full-width letter.
        assert_eq!(normalize("Caf\u{E9} \u{FB01}n \u{FF21}"), "Café fin A");
        assert_eq!(normalize("Cafe\u{301} fin A"), "Café fin A");
        assert_eq!(normalize("Straße für Ärzte"), "Straße für Ärzte");
    }

    #[test]
    fn non_ascii_fingerprints_collapse_like_ascii_ones() {
        let collapse = |s: &str| {
            let n = normalize(s);
            hash_bytes(
                n.split(' ')
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
                    .as_bytes(),
            )
        };
        for text in [
            " Straße  für\u{A0}Ärzte ",
            "Caf\u{E9}\n\u{FB01}n",
            "a\u{2003}\u{2003}b",
            "§ 5 — “x”",
        ] {
            assert_eq!(fp(text), collapse(text), "{text:?}");
        }
    }

    #[test]
    fn arabic_diacritics_tatweel_and_digits_are_typography() {
        assert_eq!(fp("يجب على الطرفين"), fp("يَجِبُ عَلَى الطَّرَفَيْنِ"));
        assert_eq!(fp("الطاقة"), fp("الطـاقـة"));
        assert_eq!(fp("30 يوما"), fp("٣٠ يوما"));
        assert_eq!(fp("30 يوما"), fp("۳۰ يوما"));
        assert_ne!(fp("30 يوما"), fp("90 يوما"));
    }

    #[test]
    fn soft_hyphens_are_invisible() {
        assert_eq!(fp("inter\u{AD}national"), fp("international"));
    }

    #[test]
    fn the_fast_path_agrees_with_collapsing() {
        for text in [
            "a b c", "a  b", " a b", "a\tb", "a\x0Cb", "a b\n", "a\r\nb", "",
        ] {
            let mut scratch = String::new();
            let collapsed: String = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(fp(text), hash_bytes(collapsed.as_bytes()), "{text:?}");
            assert_eq!(fingerprint(text, &mut scratch), fp(&collapsed));
        }
    }

    #[test]
    fn word_boundaries_still_matter() {
        assert_ne!(fp("no one"), fp("noone"));
    }

    #[test]
    fn letter_case_matters() {
        assert_ne!(fp("Parties"), fp("parties"));
    }

    #[test]
    fn combining_marks_compose() {
        assert_eq!(fp("re\u{301}sume\u{301}"), fp("résumé"));
    }
}
