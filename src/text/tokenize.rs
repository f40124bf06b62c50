//! Splitting a clause into the tokens the word diff compares.
//!
//! Tokens are Unicode words and punctuation marks (UAX #29). Whitespace is not a token: it rides on the
//! token before it, so differences in spacing or line wrapping never show as edits, while the original
//! spacing is kept for display. Chinese and Japanese have no spaces between words: a run of Han
//! characters is cut into words by jieba's dictionary (the `chinese` feature, `text/chinese.rs`),
//! or compared one character at a time without it (the browser build), and kana are compared one
//! character at a time. A compound joined by hyphens (`military-to-military`,
//! or `inter-national` from a word broken across a line) is one token whose key ignores the hyphens.

use unicode_segmentation::UnicodeSegmentation;

use super::normalize;

/// Whether runs of Han characters are cut into words (the `chinese` feature) rather than compared
/// one character at a time.
pub(crate) const SEGMENTS_HAN: bool = cfg!(feature = "chinese");

/// One token of a clause's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the token's first character.
    pub start: usize,
    /// Byte offset just past the token (before the whitespace after it).
    pub end: usize,
    /// Byte offset just past the whitespace that follows the token.
    pub space_end: usize,
    /// Hash of the token's comparison form: NFKC, quote and dash styles folded, invisible characters
    /// dropped.
    pub key: u64,
    /// Whether the token is a word (holds a letter or digit) rather than punctuation.
    pub is_word: bool,
}

impl Token {
    /// Whether the token is a word of four bytes or more: longer than most function words ("of",
    /// "and", "the"), so it can show where a passage went.
    pub fn is_content(&self) -> bool {
        self.is_word && self.end - self.start >= 4
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Hyphen,
    Punctuation,
}

struct Piece {
    start: usize,
    end: usize,
    space_end: usize,
    class: Class,
}

/// The sorted keys of the word tokens of a text, for scoring how alike two clauses are.
pub fn word_keys(tokens: &[Token]) -> Vec<u64> {
    let mut keys: Vec<u64> = tokens.iter().filter(|t| t.is_word).map(|t| t.key).collect();
    keys.sort_unstable();
    keys
}

/// Dice coefficient of two sorted multisets of word keys.
pub fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    (2 * shared(a, b)) as f32 / (a.len() + b.len()) as f32
}

/// Size of the intersection of two sorted multisets.
pub fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Splits `text` into tokens. Concatenating `text[t.start..t.space_end]` over all tokens gives back
/// `text` without its leading whitespace.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_with(text, SEGMENTS_HAN)
}

/// [`tokenize`] with Han characters one at a time, built with the segmenter or not: for phrases read
/// character by character anyway (lexicon entries, watch-term aliases), so that reading them never
/// loads the segmenter's dictionary (the English vocabulary holds the Chinese aliases of watch terms).
pub(crate) fn tokenize_characters(text: &str) -> Vec<Token> {
    tokenize_with(text, false)
}

fn tokenize_with(text: &str, cut_han: bool) -> Vec<Token> {
    if text.is_ascii() {
        tokenize_ascii(text)
    } else {
        tokenize_pieces(text, pieces(text, cut_han))
    }
}

/// [`tokenize`] for ASCII text in one pass, without the tables of UAX #29. Gives the same tokens as
/// the general path (checked by a property test); most drafts are ASCII, and this is the hot loop of a
/// comparison.
fn tokenize_ascii(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let space = |b: u8| matches!(b, b' ' | b'\t'..=b'\r');
    let mut tokens = Vec::with_capacity(len / 5);
    let mut scratch = String::new();
    let dash_key = normalize::token_key("-", &mut scratch);
    let mut at = 0;
    while at < len && space(bytes[at]) {
        at += 1;
    }
    while at < len {
        let start = at;
        let (key, is_word) = match bytes[at] {
            b if b.is_ascii_alphanumeric() || b == b'_' => {
                let (end, alnum) = ascii_word(bytes, at);
                at = end;
                if !alnum {
                    // A run of underscores is punctuation, and links no compound.
                    (normalize::token_key(&text[start..at], &mut scratch), false)
                } else {
                    // word-word, with hyphens and no spaces between: one compound.
                    let mut compound = false;
                    while at + 1 < len && bytes[at] == b'-' {
                        let (end, alnum) = match bytes[at + 1] {
                            b if b.is_ascii_alphanumeric() || b == b'_' => {
                                ascii_word(bytes, at + 1)
                            }
                            _ => break,
                        };
                        if !alnum {
                            break;
                        }
                        at = end;
                        compound = true;
                    }
                    let key = if compound {
                        let joined: String =
                            text[start..at].chars().filter(|&c| c != '-').collect();
                        normalize::token_key(&joined, &mut scratch)
                    } else {
                        // An ASCII word: letters, digits, `_` and the `.`, `,`, `'`, `:` UAX #29
                        // keeps inside words, none of which normalisation changes.
                        normalize::plain_key(&text[start..at])
                    };
                    (key, true)
                }
            }
            b'-' => {
                while at < len && bytes[at] == b'-' {
                    at += 1;
                }
                (dash_key, false)
            }
            _ => {
                at += 1;
                (normalize::token_key(&text[start..at], &mut scratch), false)
            }
        };
        let end = at;
        while at < len && space(bytes[at]) {
            at += 1;
        }
        tokens.push(Token {
            start,
            end,
            space_end: at,
            key,
            is_word,
        });
    }
    tokens
}

/// The end of the UAX #29 word starting at `at` in ASCII text, and whether it holds a letter or digit.
fn ascii_word(bytes: &[u8], mut at: usize) -> (usize, bool) {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut alnum = false;
    loop {
        while at < bytes.len() && word(bytes[at]) {
            alnum |= bytes[at] != b'_';
            at += 1;
        }
        let (Some(&mid), Some(&next)) = (bytes.get(at), bytes.get(at + 1)) else {
            return (at, alnum);
        };
        let previous = bytes[at - 1];
        let letters = previous.is_ascii_alphabetic()
            && next.is_ascii_alphabetic()
            && matches!(mid, b':' | b'.' | b'\'');
        let digits = previous.is_ascii_digit()
            && next.is_ascii_digit()
            && matches!(mid, b',' | b';' | b'.' | b'\'');
        if !(letters || digits) {
            return (at, alnum);
        }
        at += 2;
    }
}

fn tokenize_pieces(text: &str, pieces: Vec<Piece>) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(pieces.len());
    let mut scratch = String::new();
    let mut i = 0;
    while i < pieces.len() {
        let mut last = i;
        while is_compound_link(&pieces, last) {
            last += 2;
        }
        let (start, end) = (pieces[i].start, pieces[last].end);
        let key = if last > i {
            compound_key(&text[start..end], &mut scratch)
        } else if is_dash_run(&text[start..end]) {
            normalize::token_key("-", &mut scratch)
        } else {
            normalize::token_key(&text[start..end], &mut scratch)
        };
        tokens.push(Token {
            start,
            end,
            space_end: pieces[last].space_end,
            key,
            is_word: pieces[i].class == Class::Word,
        });
        i = last + 1;
    }
    tokens
}

/// Whether pieces `i`, `i + 1`, `i + 2` are word, hyphen, word with nothing between them.
fn is_compound_link(pieces: &[Piece], i: usize) -> bool {
    let [word, hyphen, next] = match pieces.get(i..i + 3) {
        Some([a, b, c]) => [a, b, c],
        _ => return false,
    };
    word.class == Class::Word
        && hyphen.class == Class::Hyphen
        && next.class == Class::Word
        && word.space_end == word.end
        && word.end == hyphen.start
        && hyphen.space_end == hyphen.end
        && hyphen.end == next.start
}

fn compound_key(compound: &str, scratch: &mut String) -> u64 {
    let mut joined = normalize::normalize(compound);
    joined.retain(|c| c != '-');
    normalize::token_key(&joined, scratch)
}

/// The pieces of a text, runs of Han characters cut into words when `cut_han` is set.
fn pieces(text: &str, cut_han: bool) -> Vec<Piece> {
    if let Some(classes) = latin_classes(text) {
        pieces_of(text, latin_word_bounds(text, classes), false)
    } else {
        pieces_of(text, text.split_word_bound_indices(), cut_han)
    }
}

/// The UAX #29 word-break classes of the characters [`latin_word_bounds`] handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wb {
    Letter,
    Digit,
    Underscore,
    MidLetter,
    MidNum,
    MidNumLet,
    Space,
    Cr,
    Other,
}

/// The class of a character of Latin-script legal text: ASCII, the Latin letters of U+00C0–U+024F
/// (German, French, Spanish, Polish, Czech…), and the marks drafts use most (`§`, `°`, curly
/// quotes, en and em dashes, no-break space). `None` for anything else, which the general
/// segmenter handles.
fn latin_class(c: char) -> Option<Wb> {
    Some(match c {
        'a'..='z'
        | 'A'..='Z'
        | '\u{C0}'..='\u{D6}'
        | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{24F}' => Wb::Letter,
        '0'..='9' => Wb::Digit,
        '_' => Wb::Underscore,
        ':' => Wb::MidLetter,
        ',' | ';' => Wb::MidNum,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => Wb::MidNumLet,
        ' ' => Wb::Space,
        '\r' => Wb::Cr,
        c if c.is_ascii() => Wb::Other,
        '\u{A0}' | '\u{A7}' | '\u{B0}' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2013}'
        | '\u{2014}' => Wb::Other,
        _ => return None,
    })
}

/// The characters of `text` with their classes, when every one of them has a [`latin_class`].
fn latin_classes(text: &str) -> Option<Vec<(usize, Wb)>> {
    text.char_indices()
        .map(|(at, c)| latin_class(c).map(|class| (at, class)))
        .collect()
}

/// UAX #29 word boundaries for Latin-script text (see [`latin_class`]), without table lookups:
/// letters, digits and `_` join; a letter run continues through `:`, `.` or an apostrophe before
/// another letter, a digit run through `,`, `;`, `.` or an apostrophe before another digit; spaces
/// join; CR LF is one segment; anything else is a segment of its own. Gives the same segments as
/// `unicode-segmentation` (checked by a property test).
fn latin_word_bounds(text: &str, classes: Vec<(usize, Wb)>) -> impl Iterator<Item = (usize, &str)> {
    let word = |c: Wb| matches!(c, Wb::Letter | Wb::Digit | Wb::Underscore);
    let mut k = 0;
    std::iter::from_fn(move || {
        let class = |k: usize| classes.get(k).map(|&(_, c)| c);
        let offset = |k: usize| classes.get(k).map_or(text.len(), |&(at, _)| at);
        let start = k;
        let first = class(k)?;
        k += 1;
        if word(first) {
            loop {
                while class(k).is_some_and(word) {
                    k += 1;
                }
                let (Some(mid), Some(next)) = (class(k), class(k + 1)) else {
                    break;
                };
                let previous = class(k - 1);
                let letters = previous == Some(Wb::Letter)
                    && next == Wb::Letter
                    && matches!(mid, Wb::MidLetter | Wb::MidNumLet);
                let digits = previous == Some(Wb::Digit)
                    && next == Wb::Digit
                    && matches!(mid, Wb::MidNum | Wb::MidNumLet);
                if !(letters || digits) {
                    break;
                }
                k += 2;
            }
        } else if first == Wb::Space {
            while class(k) == Some(Wb::Space) {
                k += 1;
            }
        } else if first == Wb::Cr && text.as_bytes().get(offset(k)) == Some(&b'\n') {
            k += 1;
        }
        let (from, to) = (offset(start), offset(k));
        Some((from, &text[from..to]))
    })
}

#[cfg_attr(
    not(feature = "chinese"),
    expect(
        clippy::while_let_on_iterator,
        reason = "with the segmenter the loop also takes the segments of a Han run from the iterator"
    )
)]
fn pieces_of<'a>(
    text: &'a str,
    segments: impl Iterator<Item = (usize, &'a str)>,
    cut_han: bool,
) -> Vec<Piece> {
    // Without the segmenter every Han character is a piece of its own.
    #[cfg(not(feature = "chinese"))]
    let _ = cut_han;
    let mut pieces: Vec<Piece> = Vec::with_capacity(text.len() / 5);
    let mut segments = segments.peekable();
    while let Some((start, segment)) = segments.next() {
        let end = start + segment.len();
        let first = segment.chars().next().unwrap_or(' ');
        if first.is_whitespace() && segment.chars().all(char::is_whitespace) {
            if let Some(last) = pieces.last_mut() {
                last.space_end = end;
            }
            continue;
        }
        #[cfg(feature = "chinese")]
        if cut_han && is_han(first) {
            // UAX #29 breaks between ideographs: the run of them, up to the first other segment, is
            // cut into words by the segmenter.
            let mut run_end = end;
            while let Some(&(next, segment)) = segments.peek() {
                if next != run_end || !segment.chars().next().is_some_and(is_han) {
                    break;
                }
                run_end = next + segment.len();
                segments.next();
            }
            push_words(&text[start..run_end], start, &mut pieces);
            continue;
        }
        if is_cjk(first) && segment.chars().nth(1).is_some() {
            for (offset, grapheme) in segment.grapheme_indices(true) {
                let at = start + offset;
                pieces.push(Piece {
                    start: at,
                    end: at + grapheme.len(),
                    space_end: at + grapheme.len(),
                    class: Class::Word,
                });
            }
            continue;
        }
        let dash = is_dash(segment);
        // `--` typed for a dash is one dash.
        if let Some(last) = pieces.last_mut()
            && dash
            && last.class != Class::Word
            && last.end == start
            && last.space_end == last.end
            && text[last.start..last.end]
                .chars()
                .all(|c| is_dash(c.encode_utf8(&mut [0; 4])))
        {
            last.end = end;
            last.space_end = end;
            last.class = Class::Punctuation;
            continue;
        }
        let class = if first.is_alphanumeric() || segment.chars().any(char::is_alphanumeric) {
            Class::Word
        } else if dash && segment != "\u{2014}" && segment != "\u{2015}" {
            Class::Hyphen
        } else {
            Class::Punctuation
        };
        // UAX #29 joins a narrow no-break space to the word before it (it is a thousands separator
        // in `10 000`); before punctuation, as French typography sets it (`Crimée ;`), it is space.
        let word_end = match segment.trim_end_matches('\u{202F}') {
            trimmed if class == Class::Word && !trimmed.is_empty() => start + trimmed.len(),
            _ => end,
        };
        pieces.push(Piece {
            start,
            end: word_end,
            space_end: end,
            class,
        });
    }
    pieces
}

/// A hyphen or dash of any style. Hyphens and en dashes between two words without spaces join a
/// compound (`China-Russia`, `China–Russia`); em dashes are punctuation (`ZTE—to`).
fn is_dash(segment: &str) -> bool {
    let mut chars = segment.chars();
    let dash = chars
        .next()
        .is_some_and(|c| matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}'));
    dash && chars.next().is_none()
}

fn is_dash_run(s: &str) -> bool {
    s.len() > 1
        && s.chars().all(|c| is_dash(c.encode_utf8(&mut [0; 4])))
        && s.chars().nth(1).is_some()
}

/// The words of a run of Han characters (starting at byte `offset`) as pieces. A character the
/// segmenter leaves alone without being Han (a variation selector or combining mark UAX #29 kept with
/// the ideograph before it) stays with the word before it.
#[cfg(feature = "chinese")]
fn push_words(run: &str, offset: usize, pieces: &mut Vec<Piece>) {
    let first = pieces.len();
    super::chinese::cut(run, offset, |start, end| {
        let han = run[start - offset..].chars().next().is_some_and(is_han);
        let attach = !han && pieces.len() > first;
        match pieces.last_mut() {
            Some(last) if attach => {
                last.end = end;
                last.space_end = end;
            }
            _ => pieces.push(Piece {
                start,
                end,
                space_end: end,
                class: Class::Word,
            }),
        }
    });
}

/// Han ideographs: the characters of Chinese words, which the segmenter cuts (kana are compared one
/// at a time).
#[cfg(feature = "chinese")]
fn is_han(c: char) -> bool {
    matches!(u32::from(c),
        0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0x20000..=0x3134F // CJK extensions B–G
    )
}

/// Han ideographs, kana and CJK symbols: scripts written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3040..=0x30FF     // Hiragana, Katakana
        | 0x31F0..=0x31FF   // Katakana phonetic extensions
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0xFF66..=0xFF9F   // half-width katakana
        | 0x20000..=0x3134F // CJK extensions B–G
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_of_multisets() {
        assert_eq!(dice(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(dice(&[1, 1, 2], &[1, 2, 2]), 2.0 * 2.0 / 6.0);
        assert_eq!(dice(&[], &[]), 1.0);
        assert_eq!(dice(&[1], &[]), 0.0);
        assert_eq!(shared(&[1, 1, 2, 5], &[1, 2, 2, 5]), 3);
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn words_and_punctuation_are_tokens_and_spaces_are_not() {
        assert_eq!(
            words("The Parties shall,  in 2025, act."),
            [
                "The", "Parties", "shall", ",", "in", "2025", ",", "act", "."
            ]
        );
    }

    #[test]
    fn tokens_with_their_spaces_rebuild_the_text() {
        let text = "alpha  beta,\ngamma — delta";
        let rebuilt: String = tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.space_end])
            .collect();
        assert_eq!(rebuilt, text);
    }

    #[test]
    #[cfg(not(feature = "chinese"))]
    fn without_the_segmenter_chinese_and_japanese_compare_by_character() {
        assert_eq!(
            words("北方領土と钓鱼岛"),
            ["北", "方", "領", "土", "と", "钓", "鱼", "岛"]
        );
        assert_eq!(words("カタカナ"), ["カ", "タ", "カ", "ナ"]);
    }

    #[test]
    #[cfg(feature = "chinese")]
    fn chinese_is_compared_word_by_word_and_kana_by_character() {
        assert_eq!(
            words("双方应当深化能源领域的合作，包括钓鱼岛。"),
            [
                "双方",
                "应当",
                "深化",
                "能源",
                "领域",
                "的",
                "合作",
                "，",
                "包括",
                "钓鱼岛",
                "。"
            ]
        );
        assert_eq!(words("钓鱼岛と北方"), ["钓鱼岛", "と", "北方"]);
        assert_eq!(words("カタカナ"), ["カ", "タ", "カ", "ナ"]);
        // A word's key is its comparison form, as any token's.
        assert_eq!(tokenize("合作")[0].key, tokenize("合作")[0].key);
        assert_ne!(tokenize("合作")[0].key, tokenize("合")[0].key);
    }

    #[test]
    #[cfg(feature = "chinese")]
    fn a_variation_selector_stays_with_its_ideograph() {
        let text = "合作\u{FE00}发展 30日";
        assert_eq!(words(text), ["合作\u{FE00}", "发展", "30", "日"]);
    }

    #[test]
    fn hyphenated_compounds_are_one_token_whose_key_ignores_hyphens() {
        let a = tokenize("inter-national");
        let b = tokenize("international");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].key, b[0].key);
        assert_eq!(
            words("military-to-military talks"),
            ["military-to-military", "talks"]
        );
        assert_eq!(words("a - b"), ["a", "-", "b"]);
        assert_eq!(
            tokenize("China–Russia")[0].key,
            tokenize("China-Russia")[0].key
        );
        assert_eq!(words("ZTE—to"), ["ZTE", "—", "to"]);
    }

    #[test]
    fn quote_and_dash_styles_have_equal_keys() {
        let a = tokenize("People’s “core” interests");
        let b = tokenize("People's \"core\" interests");
        let keys = |t: &[Token]| t.iter().map(|t| t.key).collect::<Vec<_>>();
        assert_eq!(keys(&a), keys(&b));
    }

    #[test]
    fn a_typed_double_hyphen_is_a_dash() {
        let keys = |t: &str| tokenize(t).iter().map(|t| t.key).collect::<Vec<_>>();
        assert_eq!(keys("States -- and"), keys("States — and"));
        assert_eq!(words("States -- and"), ["States", "--", "and"]);
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_tokenizer_matches_the_general_one(text in "[a-zA-Z0-9_ .,;:'\"\\-\t\r\n()$%@#!?/&*+=<>`\\x0B\\x0C]{0,40}") {
            let general = tokenize_pieces(&text, pieces_of(&text, text.split_word_bound_indices(), false));
            proptest::prop_assert_eq!(tokenize_ascii(&text), general);
        }

        #[test]
        fn latin_bounds_match_unicode_segmentation(
            text in "[a-zA-Z0-9_ .,;:'\"\\-\t\r\n()$%@#!?/&*+=<>\\x0B\\x0C§°\u{A0}\u{2018}\u{2019}\u{201C}-\u{201E}\u{2013}\u{2014}\u{C0}-\u{24F}]{0,40}"
        ) {
            if let Some(classes) = latin_classes(&text) {
                let fast: Vec<(usize, &str)> = latin_word_bounds(&text, classes).collect();
                let slow: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
                proptest::prop_assert_eq!(fast, slow);
            }
        }

        #[test]
        fn tokens_of_chinese_rebuild_the_text(text in "[双方应当深化合作未来不得千岛群岛的，。、 a-z0-9\u{FE00}\u{301}カタ\n]{0,40}") {
            let tokens = tokenize(&text);
            let rebuilt: String = tokens.iter().map(|t| &text[t.start..t.space_end]).collect();
            let first = tokens.first().map_or(text.len(), |t| t.start);
            proptest::prop_assert!(text[..first].trim().is_empty());
            proptest::prop_assert_eq!(rebuilt.as_str(), &text[first..]);
            for t in &tokens {
                proptest::prop_assert!(t.start < t.end && t.end <= t.space_end);
            }
        }

        #[test]
        fn every_latin_letter_is_a_letter_to_unicode_segmentation(c in "[\u{C0}-\u{24F}]") {
            let pair = format!("a{c}b");
            if latin_classes(&pair).is_some() {
                proptest::prop_assert_eq!(pair.split_word_bound_indices().count(), 1);
            }
        }
    }

    #[test]
    fn latin_bounds_on_legal_text() {
        for text in [
            "U.S.-China talks",
            "3,005,442,000 and 1.5 °C",
            "Note:The e.g. it's",
            "a  b\r\n\nc",
            "x_1 v.2 x'y 5'6",
            "§ 5 Abs. 2 Satz 1 „Aufenthaltstitel“ – don’t",
        ] {
            let fast: Vec<(usize, &str)> =
                latin_word_bounds(text, latin_classes(text).unwrap()).collect();
            let slow: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
            assert_eq!(fast, slow, "{text}");
        }
    }

    #[test]
    fn soft_hyphens_do_not_change_keys() {
        assert_eq!(
            tokenize("inter\u{AD}national")[0].key,
            tokenize("international")[0].key
        );
    }
}
