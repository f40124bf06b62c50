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
pub(crate) use tokenize::{SEGMENTS_HAN, tokenize_characters};
pub use tokenize::{Token, dice, shared, tokenize, word_keys};
