//! Reading a clause's text for what classification looks at: lexicon phrases (matched on English stems,
//! so "decides", "decided" and "deciding" are one), watch terms (matched on lower-case words, in any
//! script), numbers and dates, and proper names.

use std::borrow::Cow;
use std::ops::Range;
use std::rc::Rc;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use super::lexicon::{Lexicon, Watchlist};
use crate::diff::tokenize::{Token, tokenize};
use crate::document::normalize;

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
    /// A number, amount, percentage or date.
    Number,
    /// A proper name.
    Entity,
}

/// One thing found in a text.
#[derive(Debug, Clone)]
pub(super) struct Hit {
    pub mark: Mark,
    /// Byte range in the text.
    pub bytes: Range<usize>,
    /// Range of the text's words the hit spans.
    words: Range<usize>,
    /// What two hits must share to be the same thing: the lexicon phrase, the alias, the number or name
    /// in lower case.
    pub key: String,
}

/// Everything found in one text.
#[derive(Debug, Clone, Default)]
pub(super) struct Scan {
    /// Sorted by start, then end.
    pub hits: Vec<Hit>,
    /// `reach[k]`: the furthest end among `hits[..=k]`, so the hits near a range are found by binary
    /// search instead of a pass over every hit (a clause of megabytes has hundreds of thousands).
    reach: Vec<usize>,
}

impl Scan {
    fn new(hits: Vec<Hit>) -> Scan {
        let reach = hits
            .iter()
            .scan(0, |furthest, h| {
                *furthest = h.bytes.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        Scan { hits, reach }
    }

    /// The hits that end at or after `range.start` and start at or before `range.end`: a superset
    /// of those overlapping `range` in either sense below.
    fn near<'a>(&'a self, range: &Range<usize>) -> impl Iterator<Item = &'a Hit> + 'a {
        let first = self.reach.partition_point(|&end| end < range.start);
        let last = range.end;
        self.hits[first..]
            .iter()
            .take_while(move |h| h.bytes.start <= last)
    }

    /// Hits whose bytes overlap `range` (an empty range touches what starts or ends at it).
    pub fn touching<'a>(&'a self, range: &'a Range<usize>) -> impl Iterator<Item = &'a Hit> + 'a {
        self.near(range).filter(move |h| overlaps(&h.bytes, range))
    }

    /// Hits that share a byte with `range` (an empty range shares none, unless it falls inside).
    pub fn within<'a>(&'a self, range: &'a Range<usize>) -> impl Iterator<Item = &'a Hit> + 'a {
        self.near(range).filter(move |h| {
            if range.is_empty() {
                h.bytes.start < range.start && range.start < h.bytes.end
            } else {
                h.bytes.start < range.end && range.start < h.bytes.end
            }
        })
    }
}

/// Whether two byte ranges share a byte. An empty range `b` (the place of a deletion on the new side,
/// or of an insertion on the old side) touches a range it falls inside or next to: deleting "warmly"
/// from "warmly welcome" leaves "welcome" touching the place it was.
pub(super) fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    if b.is_empty() {
        return a.start <= b.start && b.start <= a.end;
    }
    a.start < b.end && b.start < a.end
}

struct Word<'t> {
    start: usize,
    end: usize,
    /// Lower case, borrowed from the text when it already is.
    lower: Cow<'t, str>,
    /// The English stem, where it differs from `lower`.
    stemmed: Option<Rc<str>>,
    upper_initial: bool,
    sentence_start: bool,
    /// The next token is a full stop (`No.` before a number is an abbreviation, not a negation).
    before_period: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lane {
    Scale(usize),
    Hedge,
    Intensifier,
    Negation,
    Idiom,
}

struct Phrase {
    words: Vec<String>,
    lane: Lane,
    level: usize,
    key: String,
}

impl Word<'_> {
    fn stem(&self) -> &str {
        self.stemmed.as_deref().unwrap_or(&self.lower)
    }
}

/// The compiled lexicon and watchlists.
pub(super) struct Vocabulary {
    stemmer: Stemmer,
    /// The first two bytes of every stem in the lexicon: a word starting otherwise cannot be part of a
    /// phrase, so it need not be stemmed (most words of a text are not).
    stem_prefixes: rustc_hash::FxHashSet<[u8; 2]>,
    /// Lexicon phrases by the stem of their first word, longest first.
    by_stem: FxHashMap<String, Vec<Phrase>>,
    /// Watch aliases by their first lower-case word, longest first: (words, list, term).
    by_name: FxHashMap<String, Vec<(Vec<String>, usize, usize)>>,
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocabulary")
            .field("phrases", &self.by_stem.len())
            .field("names", &self.by_name.len())
            .finish()
    }
}

impl Vocabulary {
    pub fn new(lexicon: &Lexicon, watchlists: &[Watchlist]) -> Vocabulary {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut by_stem: FxHashMap<String, Vec<Phrase>> = FxHashMap::default();
        let mut add = |stemmer: &Stemmer, text: &str, lane: Lane, level: usize| {
            let words: Vec<String> = lower_words(text)
                .into_iter()
                .map(|w| stemmer.stem(&w).into_owned())
                .collect();
            if let Some(first) = words.first() {
                by_stem.entry(first.clone()).or_default().push(Phrase {
                    words,
                    lane,
                    level,
                    key: text.to_lowercase(),
                });
            }
        };
        for (s, scale) in lexicon.scales.iter().enumerate() {
            for (level, phrases) in scale.levels.iter().enumerate() {
                for phrase in phrases {
                    add(&stemmer, phrase, Lane::Scale(s), level);
                }
            }
        }
        let lists = [
            (&lexicon.hedges, Lane::Hedge),
            (&lexicon.intensifiers, Lane::Intensifier),
            (&lexicon.negations, Lane::Negation),
            (&lexicon.negation_idioms, Lane::Idiom),
        ];
        for (phrases, lane) in lists {
            for phrase in phrases {
                add(&stemmer, phrase, lane, 0);
            }
        }
        #[expect(
            clippy::iter_over_hash_type,
            reason = "each list is sorted on its own; their order is irrelevant"
        )]
        for phrases in by_stem.values_mut() {
            phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        }
        let mut by_name: FxHashMap<String, Vec<(Vec<String>, usize, usize)>> = FxHashMap::default();
        for (l, list) in watchlists.iter().enumerate() {
            for (t, term) in list.terms.iter().enumerate() {
                for alias in &term.aliases {
                    let words = lower_words(alias);
                    if let Some(first) = words.first() {
                        by_name
                            .entry(first.clone())
                            .or_default()
                            .push((words, l, t));
                    }
                }
            }
        }
        #[expect(
            clippy::iter_over_hash_type,
            reason = "each list is sorted on its own; their order is irrelevant"
        )]
        for aliases in by_name.values_mut() {
            aliases.sort_by_key(|a| std::cmp::Reverse(a.0.len()));
        }
        let stem_prefixes = by_stem
            .values()
            .flatten()
            .flat_map(|p| p.words.iter())
            .map(|w| prefix(w))
            .collect();
        Vocabulary {
            stemmer,
            stem_prefixes,
            by_stem,
            by_name,
        }
    }

    /// The stem of a lower-case word if it differs from the word. Stems are cached per thread: the
    /// words of a document repeat, and the stemmer is the costliest step of a scan.
    fn stem(&self, lower: &str) -> Option<Rc<str>> {
        thread_local! {
            static STEMS: std::cell::RefCell<FxHashMap<String, Option<Rc<str>>>> =
                std::cell::RefCell::new(FxHashMap::default());
        }
        STEMS.with(|cache| {
            if let Some(stem) = cache.borrow().get(lower) {
                return stem.clone();
            }
            let stem = match self.stemmer.stem(lower) {
                std::borrow::Cow::Owned(stem) => Some(Rc::from(stem)),
                std::borrow::Cow::Borrowed(_) => None,
            };
            let mut cache = cache.borrow_mut();
            // A bound on memory for pathological inputs (every word different).
            if cache.len() > 200_000 {
                cache.clear();
            }
            cache.insert(lower.to_string(), stem.clone());
            stem
        })
    }

    /// Finds everything classification looks at in `text`.
    pub fn scan(&self, text: &str) -> Scan {
        self.scan_tokens(text, &tokenize(text))
    }

    /// [`Vocabulary::scan`] of a text already split into tokens.
    pub fn scan_tokens(&self, text: &str, tokens: &[Token]) -> Scan {
        let words = self.words(text, tokens);
        let mut hits = Vec::new();
        let negations = self.lexicon_hits(&words, &mut hits);
        let watched = self.watch_hits(&words, &mut hits);
        number_hits(text, &words, &mut hits);
        entity_hits(text, &words, &watched, &mut hits);
        mark_negated(&mut hits, &negations);
        hits.sort_by_key(|h| (h.bytes.start, h.bytes.end));
        Scan::new(hits)
    }

    fn words<'t>(&self, text: &'t str, tokens: &[Token]) -> Vec<Word<'t>> {
        let mut words = Vec::with_capacity(tokens.len());
        let mut sentence_start = true;
        let mut after_abbreviation = false;
        for (k, token) in tokens.iter().enumerate() {
            let piece = &text[token.start..token.end];
            if !token.is_word {
                let ends = piece
                    .chars()
                    .any(|c| matches!(c, '.' | '!' | '?' | ';' | ':' | '['));
                // "Mr. Gardner", "No. 136": the full stop of an abbreviation ends no sentence.
                sentence_start |= ends && !(piece == "." && after_abbreviation);
                after_abbreviation = false;
                continue;
            }
            let lower = lower(piece);
            let stemmed = if self.stem_prefixes.contains(&prefix(&lower)) {
                self.stem(&lower)
            } else {
                None
            };
            let before_period = tokens
                .get(k + 1)
                .is_some_and(|t| &text[t.start..t.end] == "." && t.start == token.end);
            // "Mr.", and "2019Mr." where a rendering lost the space before it.
            after_abbreviation =
                is_abbreviation(lower.trim_start_matches(|c: char| c.is_ascii_digit()));
            words.push(Word {
                start: token.start,
                end: token.end,
                upper_initial: piece.chars().next().is_some_and(char::is_uppercase),
                lower,
                stemmed,
                sentence_start,
                before_period,
            });
            sentence_start = false;
        }
        words
    }

    /// Lexicon phrases, longest first and without overlaps within each lane. Returns the word ranges
    /// of real negations (not inside an idiom such as "not later than").
    fn lexicon_hits(&self, words: &[Word], hits: &mut Vec<Hit>) -> Vec<Range<usize>> {
        let mut found: Vec<(Lane, Range<usize>, usize, &str)> = Vec::new();
        for i in 0..words.len() {
            // A capitalised word inside a sentence is a name ("May 2025"), not a modal.
            if words[i].upper_initial && !words[i].sentence_start {
                continue;
            }
            let Some(phrases) = self.by_stem.get(words[i].stem()) else {
                continue;
            };
            for phrase in phrases {
                let end = i + phrase.words.len();
                let matches = end <= words.len()
                    && words[i..end]
                        .iter()
                        .zip(&phrase.words)
                        .all(|(w, p)| w.stem() == p);
                if matches {
                    found.push((phrase.lane, i..end, phrase.level, &phrase.key));
                }
            }
        }
        // Per lane: leftmost, then longest, no overlaps.
        found.sort_by(|a, b| {
            lane_order(a.0)
                .cmp(&lane_order(b.0))
                .then(a.1.start.cmp(&b.1.start))
                .then(b.1.end.cmp(&a.1.end))
        });
        // Within a lane the kept phrases are sorted and disjoint, so a candidate can only clash with
        // the last one kept.
        let mut kept: Vec<(Lane, Range<usize>, usize, &str)> = Vec::new();
        for candidate in found {
            let clash = kept
                .last()
                .is_some_and(|k| k.0 == candidate.0 && candidate.1.start < k.1.end);
            if !clash {
                kept.push(candidate);
            }
        }
        // A negation word inside an idiom, a hedge or an intensifier ("not later than", "without
        // delay") negates nothing.
        let mut idioms: Vec<Range<usize>> = kept
            .iter()
            .filter(|k| matches!(k.0, Lane::Idiom | Lane::Hedge | Lane::Intensifier))
            .map(|k| k.1.clone())
            .collect();
        idioms.sort_unstable_by_key(|r| r.start);
        // reach[k]: the furthest end among the first k + 1 idioms.
        let reach: Vec<usize> = idioms
            .iter()
            .scan(0, |furthest, r| {
                *furthest = r.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        let in_idiom = |range: &Range<usize>| {
            let before = idioms.partition_point(|i| i.start <= range.start);
            before > 0 && reach[before - 1] >= range.end
        };
        let mut negations = Vec::new();
        for (lane, range, level, key) in kept {
            let mark = match lane {
                Lane::Scale(scale) => Mark::Scale {
                    scale,
                    level,
                    negated: false,
                },
                Lane::Hedge => Mark::Hedge,
                Lane::Intensifier => Mark::Intensifier,
                Lane::Negation => {
                    let in_idiom = in_idiom(&range);
                    let abbreviation = words[range.start].before_period
                        && words
                            .get(range.end)
                            .is_some_and(|w| w.lower.starts_with(|c: char| c.is_ascii_digit()));
                    if in_idiom || abbreviation {
                        continue;
                    }
                    negations.push(range.clone());
                    Mark::Negation
                }
                Lane::Idiom => continue,
            };
            hits.push(hit(words, range, mark, key.to_string()));
        }
        negations
    }

    /// Watch-term aliases, longest first, without overlaps. Returns their word ranges.
    fn watch_hits(&self, words: &[Word], hits: &mut Vec<Hit>) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let found = self
                .by_name
                .get(words[i].lower.as_ref())
                .and_then(|aliases| {
                    aliases.iter().find(|(alias, _, _)| {
                        let end = i + alias.len();
                        end <= words.len()
                            && words[i..end]
                                .iter()
                                .zip(alias)
                                .all(|(w, a)| w.lower == a.as_str())
                    })
                });
            match found {
                Some((alias, list, term)) => {
                    let range = i..i + alias.len();
                    hits.push(hit(
                        words,
                        range.clone(),
                        Mark::Watch {
                            list: *list,
                            term: *term,
                        },
                        alias.join(" "),
                    ));
                    i = range.end;
                    ranges.push(range);
                }
                None => i += 1,
            }
        }
        ranges
    }
}

fn lane_order(lane: Lane) -> usize {
    match lane {
        Lane::Scale(s) => s,
        Lane::Hedge => 10_000,
        Lane::Intensifier => 10_001,
        Lane::Negation => 10_002,
        Lane::Idiom => 10_003,
    }
}

fn hit(words: &[Word], range: Range<usize>, mark: Mark, key: String) -> Hit {
    Hit {
        mark,
        bytes: words[range.start].start..words[range.end - 1].end,
        words: range,
        key,
    }
}

/// A scale phrase is negated when a negation stands up to three words before it or two after it
/// ("does not support", "shall not").
/// `negations` are sorted by start.
fn mark_negated(hits: &mut [Hit], negations: &[Range<usize>]) {
    for hit in hits.iter_mut() {
        if let Mark::Scale { negated, .. } = &mut hit.mark {
            let window = hit.words.start.saturating_sub(3)..hit.words.end + 2;
            let next = negations.partition_point(|n| n.start < window.start);
            *negated = negations.get(next).is_some_and(|n| n.start < window.end);
        }
    }
}

/// The first two bytes of a word, the key of [`Vocabulary::stem_prefixes`].
fn prefix(word: &str) -> [u8; 2] {
    let bytes = word.as_bytes();
    [
        bytes.first().copied().unwrap_or(0),
        bytes.get(1).copied().unwrap_or(0),
    ]
}

/// A word's comparison form in lower case, without a possessive `'s`; borrowed when the word is
/// already that (most words of a text are).
fn lower(piece: &str) -> Cow<'_, str> {
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

fn lower_words(text: &str) -> Vec<String> {
    tokenize(text)
        .into_iter()
        .filter(|t| t.is_word)
        .map(|t| lower(&text[t.start..t.end]).into_owned())
        .collect()
}

/// Abbreviations whose full stop ends no sentence.
fn is_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "mr" | "mrs"
            | "ms"
            | "messrs"
            | "dr"
            | "no"
            | "nos"
            | "st"
            | "sen"
            | "rep"
            | "gen"
            | "jr"
            | "sr"
            | "prof"
            | "art"
            | "sec"
            | "para"
            | "cf"
            | "vol"
            | "p"
            | "pp"
    )
}

/// Number words and the value they stand for (`e9` for a billion, `%` for percent).
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("zero", "0"),
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("thirteen", "13"),
    ("fourteen", "14"),
    ("fifteen", "15"),
    ("sixteen", "16"),
    ("seventeen", "17"),
    ("eighteen", "18"),
    ("nineteen", "19"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("forty", "40"),
    ("fifty", "50"),
    ("sixty", "60"),
    ("seventy", "70"),
    ("eighty", "80"),
    ("ninety", "90"),
    ("hundred", "e2"),
    ("thousand", "e3"),
    ("million", "e6"),
    ("billion", "e9"),
    ("trillion", "e12"),
    ("half", "1/2"),
    ("quarter", "1/4"),
    ("dozen", "12"),
    ("twice", "x2"),
    ("percent", "%"),
    ("first", "1"),
    ("second", "2"),
    ("third", "3"),
    ("fourth", "4"),
    ("fifth", "5"),
    ("sixth", "6"),
    ("seventh", "7"),
    ("eighth", "8"),
    ("ninth", "9"),
    ("tenth", "10"),
    ("eleventh", "11"),
    ("twelfth", "12"),
    ("thirteenth", "13"),
    ("fourteenth", "14"),
    ("fifteenth", "15"),
    ("sixteenth", "16"),
    ("seventeenth", "17"),
    ("eighteenth", "18"),
    ("nineteenth", "19"),
    ("twentieth", "20"),
    ("thirtieth", "30"),
    ("fortieth", "40"),
    ("fiftieth", "50"),
    ("sixtieth", "60"),
    ("seventieth", "70"),
    ("eightieth", "80"),
    ("ninetieth", "90"),
    ("hundredth", "e2"),
    ("thousandth", "e3"),
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn is_month(word: &Word) -> bool {
    word.upper_initial && MONTHS.contains(&word.lower.as_ref())
}

/// The value a word of a number stands for: digits as written without grouping (`3,005` → `3005`,
/// `116th` → `116`, `5G` → `5`), number words by value (`fifth` → `5`), months as `m1`…`m12`. Words
/// starting with a letter and holding digits are names (`G7`, `COVID-19`), not numbers; a capitalised
/// number word inside a sentence is a name too (`the Five Eyes`).
fn number_value(word: &Word) -> Option<String> {
    let lower: &str = &word.lower;
    if lower.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = lower
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '\''))
            .filter(|c| !matches!(c, ',' | '\''))
            .collect();
        return Some(digits.trim_end_matches('.').to_string());
    }
    if is_month(word) {
        let month = MONTHS.iter().position(|m| *m == lower)? + 1;
        return Some(format!("m{month}"));
    }
    if word.upper_initial && !word.sentence_start {
        return None;
    }
    static VALUES: std::sync::LazyLock<FxHashMap<&'static str, &'static str>> =
        std::sync::LazyLock::new(|| NUMBER_WORDS.iter().copied().collect());
    let value = |w: &str| VALUES.get(w).copied();
    // "twenty-five" is 25; "fifth-generation" is 5.
    let mut parts = lower.split('-');
    let first = value(parts.next()?)?;
    match (parts.next().and_then(value), first.parse::<u32>()) {
        (Some(units), Ok(tens)) if tens >= 20 => {
            units.parse::<u32>().ok().map(|u| (tens + u).to_string())
        }
        _ => Some(first.to_string()),
    }
}

/// Runs of numbers, number words, months and units ("300 billion", "8 May 2025", "29 percent",
/// "two"), with a currency sign or percent sign next to them. Their key is the values, so the same
/// number written differently ("55 per cent", "55%"; "fifth", "5G") compares equal.
fn number_hits(text: &str, words: &[Word], hits: &mut Vec<Hit>) {
    let mut i = 0;
    while i < words.len() {
        let Some(first) = number_value(&words[i]).filter(|v| v != "%") else {
            i += 1;
            continue;
        };
        let mut values = vec![first];
        let mut end = i + 1;
        while end < words.len() && gap_is_space(text, &words[end - 1], &words[end]) {
            let per_cent =
                words[end].lower == "per" && words.get(end + 1).is_some_and(|w| w.lower == "cent");
            if per_cent {
                values.push("%".to_string());
                end += 2;
            } else if let Some(value) = number_value(&words[end]) {
                // Two numbers in a row are two numbers ("No. 136 116th Congress"); a date or an
                // amount joins digits through a month or a multiplier.
                let digits = |v: &str| v.starts_with(|c: char| c.is_ascii_digit());
                if digits(&value) && values.last().is_some_and(|v| digits(v)) {
                    break;
                }
                values.push(value);
                end += 1;
            } else {
                break;
            }
        }
        let mut bytes = words[i].start..words[end - 1].end;
        if text[..bytes.start].ends_with(['$', '€', '£', '¥', '₽']) {
            bytes.start -= text[..bytes.start]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
        }
        if text[bytes.end..].starts_with('%') {
            bytes.end += 1;
            values.push("%".to_string());
        }
        hits.push(Hit {
            mark: Mark::Number,
            bytes,
            words: i..end,
            key: values.join(" "),
        });
        i = end;
    }
}

/// Whether only spaces (or a comma inside a date, "May 8, 2025") separate two words.
fn gap_is_space(text: &str, a: &Word, b: &Word) -> bool {
    text[a.end..b.start]
        .chars()
        .all(|c| c.is_whitespace() || c == ',')
}

/// Lower-case words that join the capitalised words of a name ("Charter of the United Nations").
const CONNECTORS: &[&str] = &[
    "of", "the", "for", "on", "de", "du", "des", "la", "le", "del", "von", "der", "al", "el",
];

/// Capitalised words that start sentences and headings without being names.
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "each", "every", "all", "both", "such",
    "any", "its", "their", "our", "his", "her", "in", "on", "at", "by", "for", "with", "to", "of",
    "and", "but", "or", "if", "when", "where", "while", "as", "it", "they", "we", "he", "she",
    "whereas", "resolved", "provided", "further", "also", "there", "here", "mr", "mrs", "ms",
    "messrs", "dr", "no", "nos", "sir",
];

/// Verbs that open preambular and operative paragraphs.
const OPENING_VERBS: &[&str] = &[
    "welcomes",
    "reaffirms",
    "stresses",
    "emphasizes",
    "emphasises",
    "underlines",
    "acknowledges",
    "affirms",
    "notes",
    "recognizes",
    "recognises",
    "recalls",
    "supports",
    "invites",
    "urges",
    "encourages",
    "requests",
    "decides",
    "calls",
    "demands",
    "condemns",
    "deplores",
    "regrets",
    "expresses",
    "takes",
    "agrees",
    "declares",
    "reiterates",
    "highlights",
    "commends",
    "appreciates",
    "remains",
    "applauds",
    "wishes",
    "believes",
    "considers",
    "endorses",
    "approves",
    "adopts",
];

fn is_opening_verb(lower: &str, before_connector: bool) -> bool {
    let verb_like = lower.ends_with("ed") || lower.ends_with('s');
    lower.ends_with("ing") || OPENING_VERBS.contains(&lower) || verb_like && before_connector
}

/// Capitalised words of legal drafting that are defined terms, not names, when they stand alone.
const DEFINED_TERMS: &[&str] = &[
    "party",
    "parties",
    "agreement",
    "convention",
    "article",
    "articles",
    "section",
    "sections",
    "paragraph",
    "paragraphs",
    "chapter",
    "annex",
    "state",
    "states",
    "government",
    "governments",
    "member",
    "members",
    "secretary",
    "secretariat",
    "conference",
    "committee",
    "council",
    "assembly",
    "act",
    "protocol",
    "treaty",
    "decision",
    "resolution",
    "declaration",
    "statement",
    "leaders",
    "ministers",
    "president",
    "minister",
    "heads",
    "head",
    "side",
    "sides",
    "congress",
    "title",
    "subtitle",
    "part",
    "administrator",
    "secretary-general",
    "federal",
    "national",
];

/// Proper names: runs of capitalised words, joined by connectors, not at the start of a sentence
/// unless they are several words long; defined terms alone ("the Parties") and names inside watch
/// terms are left out. Texts in capitals (titles) have no names to tell apart.
fn entity_hits(text: &str, words: &[Word], watched: &[Range<usize>], hits: &mut Vec<Hit>) {
    let (upper, total) = if text.is_ascii() {
        text.bytes()
            .filter(u8::is_ascii_alphabetic)
            .fold((0, 0), |(u, t), b| {
                (u + usize::from(b.is_ascii_uppercase()), t + 1)
            })
    } else {
        text.chars()
            .filter(|c| c.is_alphabetic())
            .fold((0, 0), |(u, t), c| {
                (u + usize::from(c.is_uppercase()), t + 1)
            })
    };
    if total == 0 || upper * 2 > total {
        return;
    }
    let capital =
        |w: &Word| w.upper_initial && !is_month(w) && !w.lower.chars().any(|c| c.is_ascii_digit());
    let mut found: Vec<Hit> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !capital(&words[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        let spaced = |a: usize| {
            text[words[a - 1].end..words[a].start]
                .chars()
                .all(char::is_whitespace)
        };
        // A name goes on through capitalised words, and through one or two connectors that lead to
        // another capitalised word ("Charter of the United Nations").
        let connector = |k: usize| CONNECTORS.contains(&words[k].lower.as_ref());
        let continues = |k: usize| {
            capital(&words[k])
                || connector(k)
                    && (words.get(k + 1).is_some_and(capital)
                        || k + 2 < words.len() && connector(k + 1) && capital(&words[k + 2]))
        };
        while end < words.len() && spaced(end) && continues(end) {
            end += 1;
        }
        let mut start = i;
        while start < end && NOT_NAMES.contains(&words[start].lower.as_ref()) {
            start += 1;
        }
        let run_end = end;
        while end > start && NOT_NAMES.contains(&words[end - 1].lower.as_ref()) {
            end -= 1;
        }
        // "Recalling BRICS", "Passed the Senate": the verb that opens a paragraph is no name.
        let before_connector = words
            .get(i + 1)
            .is_some_and(|w| CONNECTORS.contains(&w.lower.as_ref()));
        if start == i
            && words[i].sentence_start
            && end - start > 1
            && is_opening_verb(words[i].lower.as_ref(), before_connector)
        {
            start += 1;
        }
        while start < end && CONNECTORS.contains(&words[start].lower.as_ref()) {
            start += 1;
        }
        let sentence_initial = start == i && words[i].sentence_start;
        let single = end - start == 1;
        let acronym = single && {
            let w = &text[words[start].start..words[start].end];
            w.chars().filter(|c| c.is_uppercase()).count() >= 2
        };
        let keep = start < end
            && !(single && sentence_initial && !acronym)
            && !(acronym && defines(text, &found, &words[start]))
            && !(single && DEFINED_TERMS.contains(&words[start].lower.as_ref()))
            && !overlaps_any(watched, &(start..end));
        if keep {
            let key = words[start..end]
                .iter()
                .map(|w| w.lower.as_ref())
                .collect::<Vec<_>>()
                .join(" ");
            found.push(hit(words, start..end, Mark::Entity, key));
        }
        i = run_end;
    }
    hits.extend(found);
}

/// Whether `range` overlaps one of `sorted`, ranges sorted by start that do not overlap each other.
fn overlaps_any(sorted: &[Range<usize>], range: &Range<usize>) -> bool {
    let next = sorted.partition_point(|r| r.end <= range.start);
    sorted.get(next).is_some_and(|r| r.start < range.end)
}

/// Whether an acronym in brackets spells the initials of the name just before it: "North Atlantic
/// Treaty Organization (NATO)" names one thing, not two.
fn defines(text: &str, names: &[Hit], acronym: &Word) -> bool {
    let Some(previous) = names.last() else {
        return false;
    };
    let between = &text[previous.bytes.end..acronym.start];
    if between.trim() != "(" {
        return false;
    }
    let initials: String = text[previous.bytes.clone()]
        .split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect();
    initials == text[acronym.start..acronym.end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary::new(&Lexicon::builtin(), &[Watchlist::builtin()])
    }

    fn found(text: &str) -> Vec<(String, String)> {
        vocabulary()
            .scan(text)
            .hits
            .into_iter()
            .map(|h| {
                let what = match h.mark {
                    Mark::Scale {
                        scale,
                        level,
                        negated,
                    } => format!("scale{scale}.{level}{}", if negated { "!" } else { "" }),
                    Mark::Hedge => "hedge".into(),
                    Mark::Intensifier => "intensifier".into(),
                    Mark::Negation => "negation".into(),
                    Mark::Watch { term, .. } => format!("watch{term}"),
                    Mark::Number => "number".into(),
                    Mark::Entity => "entity".into(),
                };
                (what, text[h.bytes].to_string())
            })
            .collect()
    }

    fn has(text: &str, what: &str, words: &str) -> bool {
        found(text).contains(&(what.to_string(), words.to_string()))
    }

    #[test]
    fn scale_phrases_match_inflections() {
        assert!(has("The Council decided to act.", "scale1.0", "decided"));
        assert!(has("Deciding to act.", "scale1.0", "Deciding"));
        assert!(has(
            "Parties are required to report.",
            "scale0.0",
            "are required to"
        ));
    }

    #[test]
    fn a_capitalised_modal_inside_a_sentence_is_a_month() {
        let hits = found("signed on 8 May 2025 in Moscow");
        assert!(!hits.iter().any(|(w, _)| w.starts_with("scale")));
        assert!(hits.contains(&("number".into(), "8 May 2025".into())));
    }

    #[test]
    fn negations_mark_scale_phrases_and_idioms_are_not_negations() {
        assert!(has("Parties shall not export.", "scale0.0!", "shall"));
        assert!(has("They will not ensure it.", "scale4.0!", "ensure"));
        assert!(
            !found("not later than 120 days")
                .iter()
                .any(|(w, _)| w == "negation")
        );
        assert!(
            !found("Calendar No. 136")
                .iter()
                .any(|(w, _)| w == "negation")
        );
        assert!(has("There is no zone.", "negation", "no"));
        assert!(
            !found("remove them without delay")
                .iter()
                .any(|(w, _)| w == "negation")
        );
    }

    #[test]
    fn longest_hedge_wins() {
        assert!(has(
            "subject to national legislation",
            "hedge",
            "subject to national legislation"
        ));
        assert!(has("at all times", "intensifier", "at all times"));
        assert!(!has("at all times", "intensifier", "all"));
    }

    #[test]
    fn watch_terms_in_any_script() {
        assert!(has(
            "on the Southern Kuril Islands.",
            "watch0",
            "Southern Kuril Islands"
        ));
        assert!(has("关于钓鱼岛的问题", "watch1", "钓鱼岛"));
        assert!(has("Курильские острова", "watch0", "Курильские острова"));
        assert!(has("Crimea's status", "watch3", "Crimea's"));
    }

    #[test]
    fn numbers_amounts_and_percentages() {
        assert!(has("trade of $3.5 billion", "number", "$3.5 billion"));
        assert!(has("some 29 percent of it", "number", "29 percent"));
        assert!(has("every two years", "number", "two"));
        assert!(has("at 1.5% a year", "number", "1.5%"));
        let keys = |t: &str| {
            let scan = vocabulary().scan(t);
            scan.hits
                .into_iter()
                .filter(|h| h.mark == Mark::Number)
                .map(|h| h.key)
                .collect::<Vec<_>>()
        };
        assert_eq!(keys("55 per cent"), keys("55%"));
        assert_eq!(keys("the fifth generation"), keys("the 5G networks"));
        assert_eq!(keys("3,005,442,000 dollars"), ["3005442000"]);
        assert_eq!(keys("twenty-five"), ["25"]);
        assert_eq!(keys("No. 136 116th Congress"), ["136", "116"]);
        assert_eq!(keys("15 July 2026"), ["15 m7 2026"]);
        assert_eq!(keys("fifth-generation"), ["5"]);
        assert!(
            !found("the Five Eyes partnership and COVID-19")
                .iter()
                .any(|(w, _)| w == "number")
        );
    }

    #[test]
    fn names_but_not_sentence_starts_or_defined_terms() {
        let hits = found(
            "The Parties will maintain the security of Northeast Asia and the Charter of the United Nations.",
        );
        let names: Vec<&str> = hits
            .iter()
            .filter(|(w, _)| w == "entity")
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(names, ["Northeast Asia", "Charter of the United Nations"]);
        let hits = found("Decides to act. Recalling BRICS, the Russian side agrees.");
        let names: Vec<&str> = hits
            .iter()
            .filter(|(w, _)| w == "entity")
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(names, ["BRICS", "Russian"]);
        let hits = found(
            "Passed the Senate. Mr. Gardner wrote to the North Atlantic Treaty Organization (NATO) and the United States.",
        );
        let names: Vec<&str> = hits
            .iter()
            .filter(|(w, _)| w == "entity")
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "Senate",
                "Gardner",
                "North Atlantic Treaty Organization",
                "United States"
            ]
        );
    }
}
