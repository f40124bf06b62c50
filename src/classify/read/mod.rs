//! A clause's reading: what it says, built once per clause and compared old against new by the rules.
//!
//! A [`Reading`] holds the clause's commitments (lexicon phrases on a scale, with the level, whether a
//! negation governs them and the predicate they govern), hedges, intensifiers, negations with their
//! predicate, numbers with their role (quantity, money, percentage, date, duration — or label,
//! cross-reference, citation, ordinal, which are not quantities), proper names and watch terms. Phrases
//! match inflected forms ("decides", "decided", "deciding") through an English stemmer, checked against
//! the phrase's own inflections so that a derived word ("progress" for "progressively", "supporters"
//! for "support") is no match. The word lists that tell these apart are data (`data/en-words.toml`).

mod names;
mod numbers;
mod vocabulary;

use std::borrow::Cow;
use std::ops::Range;
use std::rc::Rc;

use super::words::Words;
use crate::text::{normalize, tokenize_characters};
pub use names::{initials, is_acronym};
pub use numbers::NumberRole;
pub(in crate::classify) use vocabulary::Vocabulary;

/// What a span of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// A phrase on a scale, at a level (0 = strongest), and whether a negation governs it.
    Scale {
        scale: usize,
        level: usize,
        negated: bool,
    },
    /// A hedge.
    Hedge,
    /// An intensifier.
    Intensifier,
    /// A negation word.
    Negation,
    /// An alias of a watch term.
    Watch { list: usize, term: usize },
    /// A number in its role.
    Number(NumberRole),
    /// A proper name.
    Entity,
}

/// One thing found in a clause.
#[derive(Debug, Clone)]
pub(super) struct Hit {
    pub mark: Mark,
    /// Byte range in the text.
    pub bytes: Range<usize>,
    /// Range of the text's words the hit spans.
    pub words: Range<usize>,
    /// What two hits must share to be the same thing: the lexicon phrase, the alias, the number's value
    /// or the name, in lower case.
    pub key: String,
    /// For a scale phrase or a negation: the word (lower case) it governs ("shall *apply*", "not
    /// *validate*"), when one follows within a few words.
    pub predicate: Option<String>,
    /// For a scale phrase: the word (lower case) just before it, its subject in most drafting
    /// ("Parties *shall*", "we *will*").
    pub subject: Option<String>,
    /// For a scale phrase: the stems of the next few content words, what it commits to ("shall
    /// *undertake* quantified targets" and "should continue taking the lead by *undertaking*" share
    /// one).
    pub governs: Vec<String>,
}

/// What one clause says.
#[derive(Debug, Clone, Default)]
pub(super) struct Reading {
    /// Sorted by start, then end.
    pub hits: Vec<Hit>,
    /// `reach[k]`: the furthest end among `hits[..=k]`, so the hits near a range are found by binary
    /// search (a clause of megabytes has hundreds of thousands).
    reach: Vec<usize>,
    /// The clause's words in comparison form, lower case, each followed by one space and the whole
    /// preceded by one: `" the parties shall act "`. A name or number is "still in the clause" when its
    /// words are in here.
    pub plain: String,
    /// The clause is print furniture rather than prose: no sentence (a cover-page line, a caption, an
    /// attestation), or a docket line opening with a date.
    pub furniture: bool,
    /// The clause defines a term ("\"Convention\" means …") or is a drafting note ("Note: …", a
    /// footnote opening with an asterisk): it holds no commitment of its own.
    pub aside: bool,
}

impl Reading {
    pub(super) fn new(mut hits: Vec<Hit>, plain: String, furniture: bool, aside: bool) -> Reading {
        hits.sort_by_key(|h| (h.bytes.start, h.bytes.end));
        let reach = hits
            .iter()
            .scan(0, |furthest, h| {
                *furthest = h.bytes.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        Reading {
            hits,
            reach,
            plain,
            furniture,
            aside,
        }
    }

    /// The hits that end at or after `range.start` and start at or before `range.end`.
    fn near<'a>(&'a self, range: &Range<usize>) -> impl Iterator<Item = &'a Hit> + use<'a> {
        let first = self.reach.partition_point(|&end| end < range.start);
        let last = range.end;
        self.hits[first..]
            .iter()
            .take_while(move |h| h.bytes.start <= last)
    }

    /// Hits whose bytes overlap `range` (an empty range touches what starts or ends at it).
    pub fn touching<'a>(&'a self, range: &Range<usize>) -> impl Iterator<Item = &'a Hit> + 'a {
        let range = range.clone();
        self.near(&range)
            .filter(move |h| overlaps(&h.bytes, &range))
    }

    /// Hits that share a byte with `range` (an empty range shares none, unless it falls inside).
    pub fn within<'a>(&'a self, range: &Range<usize>) -> impl Iterator<Item = &'a Hit> + 'a {
        let range = range.clone();
        self.near(&range).filter(move |h| {
            if range.is_empty() {
                h.bytes.start < range.start && range.start < h.bytes.end
            } else {
                h.bytes.start < range.end && range.start < h.bytes.end
            }
        })
    }

    /// Whether the clause still says `words` (lower-case, space-separated), as whole words.
    pub fn says(&self, words: &str) -> bool {
        // `plain` starts and ends with a space and separates words by one, so whole words are a match
        // with a space on each side.
        !words.is_empty()
            && self.plain.match_indices(words).any(|(at, _)| {
                self.plain[..at].ends_with(' ') && self.plain[at + words.len()..].starts_with(' ')
            })
    }
}

/// Whether two byte ranges share a byte. An empty range `b` (the place of a deletion on the new side,
/// or of an insertion on the old side) touches a range it falls inside or next to.
pub(super) fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    if b.is_empty() {
        return a.start <= b.start && b.start <= a.end;
    }
    a.start < b.end && b.start < a.end
}

/// How the document writes: some languages capitalise every noun, so a capital is no sign of a name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Style {
    /// More than a fifth of the words inside sentences start with a capital (German).
    pub capitalises_nouns: bool,
}

/// One word of a clause, with what reading it needs.
pub(super) struct Word<'t> {
    pub start: usize,
    pub end: usize,
    /// Lower case, borrowed from the text when it already is.
    pub lower: Cow<'t, str>,
    /// The English stem, where it differs from `lower`.
    pub stemmed: Option<Rc<str>>,
    pub upper_initial: bool,
    pub sentence_start: bool,
    /// The next token is a full stop (`No.` before a number is an abbreviation, not a negation).
    pub before_period: bool,
    /// The word is a character of a Chinese word and not its first: words are read one character
    /// at a time, and a lexicon phrase starts and ends where the segmenter's words do.
    pub joined: bool,
}

impl Word<'_> {
    pub fn stem(&self) -> &str {
        self.stemmed.as_deref().unwrap_or(&self.lower)
    }
}

pub(super) fn hit(words: &[Word], range: Range<usize>, mark: Mark, key: String) -> Hit {
    Hit {
        mark,
        bytes: words[range.start].start..words[range.end - 1].end,
        words: range,
        key,
        predicate: None,
        subject: None,
        governs: Vec::new(),
    }
}

/// A scale phrase is negated when a negation stands up to three words before it or two after it
/// ("does not support", "shall not"). `negations` are sorted by start.
pub(super) fn mark_negated(hits: &mut [Hit], negations: &[Range<usize>]) {
    for hit in hits.iter_mut() {
        if let Mark::Scale { negated, .. } = &mut hit.mark {
            let window = hit.words.start.saturating_sub(3)..hit.words.end + 2;
            let next = negations.partition_point(|n| n.start < window.start);
            *negated = negations.get(next).is_some_and(|n| n.start < window.end);
        }
    }
}

/// The comparison form of a clause's words, for "is it still said" checks: `" w1 w2 … "`.
pub(super) fn plain(words: &[Word]) -> String {
    let mut out = String::with_capacity(words.iter().map(|w| w.lower.len() + 1).sum::<usize>() + 1);
    out.push(' ');
    for w in words {
        // Hyphens join compounds in one token ("Five-Point"); a name written with a space matches.
        if w.lower.bytes().any(|b| b == b'-' || b == b'\'') {
            out.extend(
                w.lower
                    .chars()
                    .map(|c| if c == '-' || c == '\'' { ' ' } else { c }),
            );
        } else {
            out.push_str(&w.lower);
        }
        out.push(' ');
    }
    out
}

/// Print furniture: a clause without a sentence — fewer than two lower-case words of prose, or three
/// without a commitment (a cover-page line, a caption in capitals, "Attest: Secretary.") — a caption
/// wholly in brackets, or a docket line that opens with a date ("April 30, 2019Committee discharged").
pub(super) fn is_furniture(lists: &Words, text: &str, words: &[Word], commits: bool) -> bool {
    let prose = words
        .iter()
        .filter(|w| {
            // Chinese and Japanese words are read one character at a time: an ideograph is prose.
            let ideograph = w.lower.chars().next().is_some_and(is_ideograph);
            !w.upper_initial
                && (w.lower.chars().count() >= 2 || ideograph)
                && w.lower.chars().all(char::is_alphabetic)
        })
        // Three words of prose are as many as the test below asks about.
        .take(3)
        .count();
    let trimmed = text.trim();
    let caption = words.len() <= 12
        && (trimmed.starts_with('(') && trimmed.ends_with(')')
            || trimmed.starts_with('[') && trimmed.ends_with(']') && !commits);
    let dated = match words {
        [month, day, year, ..] => {
            month.upper_initial
                && lists.month(&month.lower).is_some()
                && day.lower.chars().all(|c| c.is_ascii_digit())
                && year
                    .lower
                    .chars()
                    .take(4)
                    .filter(char::is_ascii_digit)
                    .count()
                    == 4
                && month.start == 0
        }
        _ => false,
    };
    prose < 2 || prose < 3 && !commits || caption || dated
}

/// Words within which a definition's verb follows its quoted term ("Solely for the purpose of
/// paragraph 1 of this Article, \"total global emissions\" means").
const DEFINITION_REACH: usize = 24;

/// Whether a clause defines a term — a quoted term followed by a definition verb of the word lists
/// (`"Party" means`) — or is a drafting note: it opens with a note word and a colon ("Note: a joint
/// submission was received"), or with an asterisk, the mark of a footnote or an editor's note.
pub(super) fn is_aside(lists: &Words, text: &str, words: &[Word]) -> bool {
    let trimmed = text.trim_start();
    if trimmed.starts_with('*') {
        return true;
    }
    if let Some(first) = words.first()
        && lists.note_words.contains(first.lower.as_ref())
        && text[first.end..].trim_start().starts_with(':')
    {
        return true;
    }
    words.iter().take(DEFINITION_REACH).any(|w| {
        lists.definition_verbs.contains(w.lower.as_ref())
            && text[..w.start].trim_end().ends_with(['"', '\u{201d}'])
    })
}

/// Whether a character is a CJK ideograph or kana, which the tokenizer splits one by one.
pub(super) fn is_ideograph(c: char) -> bool {
    matches!(u32::from(c), 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// A word's comparison form in lower case, without a possessive `'s`; borrowed when the word is
/// already that (most words of a text are).
pub(super) fn lower(piece: &str) -> Cow<'_, str> {
    let piece = match piece.strip_suffix("'s") {
        Some(stem) if !stem.is_empty() => stem,
        _ => piece,
    };
    if piece.is_ascii() {
        if piece.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(piece.to_ascii_lowercase())
        } else {
            Cow::Borrowed(piece)
        }
    } else {
        let mut lower = normalize::normalize(piece).to_lowercase();
        if lower.len() > 2 && lower.ends_with("'s") {
            lower.truncate(lower.len() - 2);
        }
        Cow::Owned(lower)
    }
}

/// The lower-case words of a phrase, as a reading compares them: Chinese one character at a time,
/// so a phrase matches however the segmenter cut it, alone or in a clause.
pub(super) fn lower_words(text: &str) -> Vec<String> {
    tokenize_characters(text)
        .into_iter()
        .filter(|t| t.is_word)
        .map(|t| lower(&text[t.start..t.end]).into_owned())
        .collect()
}

/// Whether a token is a Chinese word of more than one character, as the segmenter cuts them.
pub(super) fn is_han_word(piece: &str) -> bool {
    // Ideographs and kana take three or four bytes and start at U+3040 (a first byte of 0xE3 or
    // more): most words are told by two comparisons, and an English one costs no more.
    let mut chars = piece.chars();
    piece.len() > 4
        && piece.as_bytes()[0] >= 0xE3
        && chars.next().is_some_and(is_ideograph)
        && chars.next().is_some()
}

/// The byte ranges of the characters of a Chinese word, each with the marks that follow it (a
/// variation selector stays with its ideograph).
pub(super) fn han_characters(word: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = word.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, c) = chars.next()?;
        let mut end = start + c.len_utf8();
        while let Some(&(at, mark)) = chars.peek() {
            if is_ideograph(mark) {
                break;
            }
            end = at + mark.len_utf8();
            chars.next();
        }
        Some((start, end))
    })
}
