//! What counts as "the same text" when two drafts are compared.
//!
//! Drafts travel through word processors, PDF exports and web pages, which swap straight quotes for curly
//! ones, hyphens for dashes, and sprinkle soft hyphens and non-breaking spaces. None of that is a change a
//! reader cares about, so comparison keys are built from a normalised form: NFKC, every quote style folded
//! to `'` or `"`, every dash to `-`, invisible format characters dropped, whitespace runs collapsed. The
//! original text is never altered; only keys and fingerprints use this form.

use std::hash::Hasher;

use rustc_hash::FxHasher;
use unicode_normalization::UnicodeNormalization;

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
    out.extend(s.nfkc().filter_map(fold));
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
    if text.is_ascii() && !text.contains('`') {
        return hash_collapsed(text.as_bytes());
    }
    scratch.clear();
    normalize_into(text, scratch);
    hash_collapsed(scratch.as_bytes())
}

/// Hashes maximal runs of non-whitespace bytes with one separator between runs: collapses and trims
/// whitespace without copying the text.
fn hash_collapsed(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    let mut first = true;
    for run in bytes
        .split(|b| b.is_ascii_whitespace())
        .filter(|run| !run.is_empty())
    {
        if !first {
            hasher.write_u8(b' ');
        }
        hasher.write(run);
        first = false;
    }
    hasher.write_u8(0xff);
    hasher.finish()
}

/// Hashes a token's comparison form to the key the word diff compares.
pub fn token_key(token: &str, scratch: &mut String) -> u64 {
    let mut hasher = FxHasher::default();
    if token.is_ascii() && !token.contains('`') {
        hasher.write(token.as_bytes());
    } else {
        scratch.clear();
        normalize_into(token, scratch);
        hasher.write(scratch.as_bytes());
    }
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
    fn soft_hyphens_are_invisible() {
        assert_eq!(fp("inter\u{AD}national"), fp("international"));
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
