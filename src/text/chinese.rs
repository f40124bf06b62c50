//! Chinese words: a run of Han characters cut into the words of jieba's dictionary.
//!
//! Chinese is written without spaces, and UAX #29 breaks between every two ideographs, so without a
//! segmenter a diff of Chinese is a diff of characters. jieba-rs carries its dictionary in the crate
//! (nothing is fetched at build or run time) and cuts a run of ideographs along the most probable path
//! through the dictionary's words. clausediff uses its cut without the HMM, which would guess words
//! the dictionary has not: the dictionary's words alone are deterministic and do not depend on what
//! else the clause says. Behind the `chinese` feature; without it (the browser build) Han characters
//! are compared one at a time.

use std::sync::LazyLock;

use jieba_rs::Jieba;

/// The dictionary, read once per process and only when a draft holds a Han character: an English
/// comparison never builds it.
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Starts reading the dictionary on a thread of its own, once per process, so that a Chinese draft's
/// first words do not wait for it: reading it takes longer than parsing a draft of a megabyte, and
/// the parse and the reading then share the machine's cores. Where no thread can be started (a
/// target without threads), the first cut reads it.
pub(super) fn prepare() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        #[cfg(not(target_family = "wasm"))]
        {
            let _ = std::thread::Builder::new()
                .name("clausediff-jieba".to_string())
                .spawn(|| {
                    LazyLock::force(&JIEBA);
                });
        }
    });
}

/// Cuts `run`, a run of Han characters starting at byte `offset` of its text, and calls `word` with
/// each word's byte range in that text, in order. The ranges cover the run without gaps.
pub(super) fn cut(run: &str, offset: usize, mut word: impl FnMut(usize, usize)) {
    for token in JIEBA.cut(run, false) {
        word(offset + token.byte_start, offset + token.byte_end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(run: &str) -> Vec<&str> {
        let mut out = Vec::new();
        cut(run, 0, |start, end| out.push(&run[start..end]));
        out
    }

    #[test]
    fn a_run_is_cut_into_dictionary_words() {
        assert_eq!(
            words("双方应当深化能源领域的合作"),
            ["双方", "应当", "深化", "能源", "领域", "的", "合作"]
        );
    }

    #[test]
    fn offsets_are_in_the_whole_text() {
        let mut ranges = Vec::new();
        cut("未来合作", 6, |start, end| ranges.push((start, end)));
        assert_eq!(ranges, [(6, 12), (12, 18)]);
    }
}
