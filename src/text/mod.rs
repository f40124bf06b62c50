//! Floor 1 — `text`: what every stage reads of a clause's words.
//!
//! `normalize` decides what counts as the same text (quote and dash styles, NFKC, invisible
//! characters); [`tokenize()`] splits a text into the [`Token`]s that alignment scores, the word diff
//! compares and classification reads. A clause holds its own tokens ([`crate::Clause::tokens`]), computed
//! once on first use, so no stage passes a cache to another. [`Language`] says which language a text
//! is in. This module imports nothing of the crate.

#[cfg(feature = "chinese")]
mod chinese;
mod language;
pub(crate) mod normalize;
pub(crate) mod tokenize;

pub use language::Language;

/// Han characters in the first bytes of a text from which it is taken for Chinese, for
/// [`prepare_for`]: an English text that quotes a Chinese name does not load the segmenter.
const HAN_TO_PREPARE: usize = 16;

/// How far into a text [`prepare_for`] looks.
const PREPARE_SAMPLE: usize = 4096;

/// Starts loading what tokenizing `text` will need before it is needed: the Chinese segmenter's
/// dictionary when the text's first few kilobytes hold Chinese (built with the `chinese` feature;
/// otherwise nothing).
pub fn prepare_for(text: &str) {
    if !SEGMENTS_HAN {
        return;
    }
    let mut end = text.len().min(PREPARE_SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.is_ascii() {
        return;
    }
    let han = sample
        .chars()
        .filter(|&c| matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF))
        .take(HAN_TO_PREPARE)
        .count();
    #[cfg(feature = "chinese")]
    if han >= HAN_TO_PREPARE {
        chinese::prepare();
    }
    #[cfg(not(feature = "chinese"))]
    let _ = han;
}
pub(crate) use tokenize::{SEGMENTS_HAN, tokenize_characters};
pub use tokenize::{Token, dice, shared, tokenize, word_keys};
