//! The compiled lexicon, watchlists and word lists, and the reading of one clause's words with them:
//! lexicon phrases (on their inflections), watch-term aliases, numbers, names, and what they govern.

use std::borrow::Cow;
use std::ops::Range;
use std::rc::Rc;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};

use super::{
    Hit, Mark, Reading, Style, Word, han_characters, hit, is_aside, is_furniture, is_han_word,
    is_ideograph, lower, lower_words, mark_negated, names, numbers, plain,
};
use crate::classify::lexicon::{Lexicon, Watchlist};
use crate::classify::words::{Prefixes, Words};
#[cfg(test)]
use crate::text::tokenize;
use crate::text::{Language, SEGMENTS_HAN, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lane {
    Scale(usize),
    Hedge,
    Intensifier,
    Negation,
    Idiom,
}

struct Phrase {
    /// Whether the phrase is a noun (see [`crate::classify::Scale::nouns`]).
    noun: bool,
    /// The stems of its words.
    stems: Vec<String>,
    /// Its words in lower case: a text word matches when its stem is the phrase word's and it is an
    /// inflection of it ("decided" for "decides"; not "decision").
    words: Vec<String>,
    lane: Lane,
    level: usize,
    key: String,
}

/// Words after a scale phrase read as what it governs.
const GOVERNED: usize = 6;

/// The compiled lexicon, watchlists and word lists.
pub(in crate::classify) struct Vocabulary {
    /// The language of its lexicon: which stemmer, and whether English's inflection check applies.
    language: Language,
    /// None for Chinese, compared character by character.
    stemmer: Option<Stemmer>,
    /// Whether watch-term aliases are matched on stems (a language with cases and a stemmer).
    inflected: bool,
    /// The first two bytes of every stem and word in the lexicon: a word starting otherwise cannot be
    /// part of a phrase, so it need not be stemmed (a stemmer may change the first letters: German
    /// "müssen" stems to "muss").
    stem_prefixes: Prefixes,
    /// Lexicon phrases by the stem of their first word, longest first.
    by_stem: FxHashMap<String, Vec<Phrase>>,
    /// Every word the lexicon writes out, in a language other than English: such a word in a text
    /// is read as the phrase that lists it, not as another form of its stem (Spanish "debería" is
    /// listed as "should" and stems as "deberá", "must", does).
    listed: FxHashSet<String>,
    /// Watch aliases by their first lower-case word, longest first: (words, list, term).
    by_name: FxHashMap<String, Vec<(Vec<String>, usize, usize)>>,
    pub words: Words,
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocabulary")
            .field("phrases", &self.by_stem.len())
            .field("names", &self.by_name.len())
            .finish()
    }
}

/// Whether `word` is an inflection of the lexicon word `lemma`: `decides` → decide, decides, decided,
/// deciding; `commit` → commits, committed, committing; `ensure` → ensures, ensured, ensuring; `study`
/// → studies, studied. Derived words ("decision", "progressively" for "progress") are not.
fn is_inflection(word: &str, lemma: &str) -> bool {
    if word == lemma {
        return true;
    }
    // The lexicon writes verbs bare ("ensure") or in the third person ("decides", "urges", "studies").
    let y_base = lemma.strip_suffix("ies").map(|b| (b, true));
    let bases = [
        Some((lemma, false)),
        lemma.strip_suffix("es").map(|b| (b, false)),
        lemma.strip_suffix('s').map(|b| (b, false)),
        y_base,
    ];
    bases.into_iter().flatten().any(|(base, y)| {
        if y {
            // "studies": study, studies, studied, studying.
            return word
                .strip_prefix(base)
                .is_some_and(|rest| matches!(rest, "y" | "ies" | "ied" | "ying"));
        }
        if let Some(rest) = word.strip_prefix(base) {
            let doubled = base.chars().last().is_some_and(|c| {
                rest.len() > 1
                    && rest.starts_with(c)
                    && matches!(&rest[c.len_utf8()..], "ed" | "ing")
            });
            if matches!(rest, "" | "s" | "es" | "d" | "ed" | "ing") || doubled {
                return true;
            }
        }
        if let Some(stem) = base.strip_suffix('e')
            && let Some(rest) = word.strip_prefix(stem)
            && matches!(rest, "ing" | "ed")
        {
            return true;
        }
        if let Some(stem) = base.strip_suffix('y') {
            return word
                .strip_prefix(stem)
                .is_some_and(|rest| matches!(rest, "ies" | "ied"));
        }
        false
    })
}

impl Vocabulary {
    pub fn new(lexicon: &Lexicon, watchlists: &[Watchlist], language: Language) -> Vocabulary {
        let algorithm = match language {
            Language::Arabic => Some(Algorithm::Arabic),
            Language::Chinese => None,
            Language::German => Some(Algorithm::German),
            Language::English => Some(Algorithm::English),
            Language::Spanish => Some(Algorithm::Spanish),
            Language::French => Some(Algorithm::French),
            Language::Russian => Some(Algorithm::Russian),
        };
        let stemmer = algorithm.map(Stemmer::create);
        let word_lists = Words::builtin();
        let mut by_stem: FxHashMap<String, Vec<Phrase>> = FxHashMap::default();
        let mut add =
            |stemmer: &Option<Stemmer>, text: &str, lane: Lane, level: usize, noun: bool| {
                let words = lower_words(text);
                // Compared one character at a time (a build without the segmenter), a phrase of
                // one ideograph cannot be told from the words it begins or ends (应 in 适应 and
                // 应用): only a negation is read so, with its idioms beside it.
                let one_ideograph = words.len() == 1
                    && words[0].chars().next().is_some_and(is_ideograph)
                    && words[0].chars().nth(1).is_none();
                if one_ideograph && !SEGMENTS_HAN && !matches!(lane, Lane::Negation | Lane::Idiom) {
                    return;
                }
                // "in the light of" and "in light of" are one phrase: an article inside a phrase
                // may be left out, and the phrase keeps its key.
                let mut forms = vec![words.clone()];
                if language == Language::English {
                    for k in 1..words.len().saturating_sub(1) {
                        if word_lists.articles.contains(&words[k]) {
                            let mut without = words.clone();
                            without.remove(k);
                            forms.push(without);
                        }
                    }
                }
                for words in forms {
                    let stems: Vec<String> = words
                        .iter()
                        .map(|w| match stemmer {
                            Some(stemmer) => stemmer.stem(w).into_owned(),
                            None => w.clone(),
                        })
                        .collect();
                    if let Some(first) = stems.first() {
                        by_stem.entry(first.clone()).or_default().push(Phrase {
                            noun,
                            words,
                            stems,
                            lane,
                            level,
                            key: text.to_lowercase(),
                        });
                    }
                }
            };
        for (s, scale) in lexicon.scales.iter().enumerate() {
            for (level, phrases) in scale.levels.iter().enumerate() {
                for phrase in phrases {
                    add(&stemmer, phrase, Lane::Scale(s), level, scale.nouns);
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
                add(&stemmer, phrase, lane, 0, false);
            }
        }
        #[expect(
            clippy::iter_over_hash_type,
            reason = "each list is sorted on its own; their order is irrelevant"
        )]
        for phrases in by_stem.values_mut() {
            phrases.sort_by_key(|p| std::cmp::Reverse(p.stems.len()));
        }
        // In an inflected language a watch term is found in any case ("Курильских островах" for
        // "Курильские острова"): aliases are matched on their words' stems. English aliases are
        // matched word for word.
        let inflected = stemmer.is_some() && language != Language::English;
        let mut alias_stems: Vec<String> = Vec::new();
        let mut by_name: FxHashMap<String, Vec<(Vec<String>, usize, usize)>> = FxHashMap::default();
        for (l, list) in watchlists.iter().enumerate() {
            for (t, term) in list.terms.iter().enumerate() {
                for alias in &term.aliases {
                    let mut words = lower_words(alias);
                    if let (true, Some(stemmer)) = (inflected, &stemmer) {
                        words = words.iter().map(|w| stemmer.stem(w).into_owned()).collect();
                        alias_stems.extend(words.iter().cloned());
                    }
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
        let listed = if language == Language::English {
            FxHashSet::default()
        } else {
            by_stem
                .values()
                .flatten()
                .flat_map(|p| p.words.iter().cloned())
                .collect()
        };
        let stem_prefixes = by_stem
            .values()
            .flatten()
            .flat_map(|p| p.stems.iter().chain(&p.words))
            .map(String::as_str)
            .chain(alias_stems.iter().map(String::as_str))
            .collect();
        Vocabulary {
            language,
            inflected,
            stemmer,
            stem_prefixes,
            by_stem,
            listed,
            by_name,
            words: word_lists,
        }
    }

    /// The stem of a lower-case word if it differs from the word. Stems are cached per thread: the
    /// words of a document repeat, and the stemmer is the costliest step of a reading.
    fn stem(&self, lower: &str) -> Option<Rc<str>> {
        type Cache = FxHashMap<String, Option<Rc<str>>>;
        thread_local! {
            // One cache a language: the same word stems differently in each.
            static STEMS: std::cell::RefCell<[Cache; 7]> = std::cell::RefCell::new(Default::default());
        }
        let stemmer = self.stemmer.as_ref()?;
        let language = self.language.index();
        STEMS.with(|caches| {
            if let Some(stem) = caches.borrow()[language].get(lower) {
                return stem.clone();
            }
            let stem = match stemmer.stem(lower) {
                Cow::Owned(stem) => Some(Rc::from(stem)),
                Cow::Borrowed(_) => None,
            };
            let mut caches = caches.borrow_mut();
            let cache = &mut caches[language];
            // A bound on memory for pathological inputs (every word different).
            if cache.len() > 200_000 {
                cache.clear();
            }
            cache.insert(lower.to_string(), stem.clone());
            stem
        })
    }

    /// Reads a text.
    #[cfg(test)]
    pub fn read(&self, text: &str) -> Reading {
        self.read_tokens(text, &tokenize(text), Style::default())
    }

    /// Reads a text already split into tokens.
    pub fn read_tokens(&self, text: &str, tokens: &[Token], style: Style) -> Reading {
        let words = self.words(text, tokens);
        let mut hits = Vec::new();
        let negations = self.lexicon_hits(&words, &mut hits);
        let watched = self.watch_hits(&words, &mut hits);
        numbers::hits(&self.words, text, &words, &mut hits);
        names::hits(&self.words, text, &words, &watched, style, &mut hits);
        mark_negated(&mut hits, &negations);
        let plain = plain(&words);
        let commits = hits
            .iter()
            .any(|h| matches!(h.mark, Mark::Scale { .. } | Mark::Negation));
        let furniture = is_furniture(&self.words, text, &words, commits);
        let aside = is_aside(&self.words, text, &words);
        Reading::new(hits, plain, furniture, aside)
    }

    fn words<'t>(&self, text: &'t str, tokens: &[Token]) -> Vec<Word<'t>> {
        let mut words = Vec::with_capacity(tokens.len());
        let mut sentence_start = true;
        let mut after_abbreviation = false;
        // Whether a bracket opened where a sentence starts: the words after it closes still open the
        // sentence ("(nueva) Promover la creación …", a drafting mark before the text).
        let mut aside_at_start = false;
        for (k, token) in tokens.iter().enumerate() {
            let piece = &text[token.start..token.end];
            if !token.is_word {
                let ends = piece
                    .chars()
                    .any(|c| matches!(c, '.' | '!' | '?' | ';' | ':' | '[' | '(' | '“' | '"'));
                if let Some(open) = piece.find('(') {
                    aside_at_start =
                        sentence_start || piece[..open].contains(['.', '!', '?', ';', ':']);
                }
                let closes = aside_at_start && piece.contains(')');
                if closes {
                    aside_at_start = false;
                }
                // "Mr. Gardner", "No. 136": the full stop of an abbreviation ends no sentence.
                sentence_start |= ends && !(piece == "." && after_abbreviation) || closes;
                after_abbreviation = false;
                continue;
            }
            if is_han_word(piece) {
                // A Chinese word is read one character at a time, each after the first marked as
                // joined to the one before: lexicon phrases match characters, and must start and
                // end where words do.
                for (from, to) in han_characters(piece) {
                    let (start, end) = (token.start + from, token.start + to);
                    words.push(Word {
                        start,
                        end,
                        lower: lower(&text[start..end]),
                        stemmed: None,
                        upper_initial: false,
                        sentence_start: sentence_start && from == 0,
                        before_period: false,
                        joined: from > 0,
                    });
                }
                sentence_start = false;
                after_abbreviation = false;
                continue;
            }
            let lower = lower(piece);
            let stemmed = if self.stem_prefixes.admit(&lower) {
                self.stem(&lower)
            } else {
                None
            };
            let before_period = tokens
                .get(k + 1)
                .is_some_and(|t| &text[t.start..t.end] == "." && t.start == token.end);
            // "Mr.", and "2019Mr." where a rendering lost the space before it.
            after_abbreviation = self
                .words
                .abbreviations
                .contains(lower.trim_start_matches(|c: char| c.is_ascii_digit()));
            words.push(Word {
                start: token.start,
                end: token.end,
                upper_initial: piece.chars().next().is_some_and(char::is_uppercase),
                lower,
                stemmed,
                sentence_start,
                before_period,
                joined: false,
            });
            sentence_start = false;
        }
        words
    }

    /// Whether text word `w` is an inflection of phrase word `k` of `phrase`: the same stem, and in
    /// English an inflection rather than a derivation ("decision" shares "decides"'s stem). Other
    /// languages' lexicons list the forms their stemmer does not join.
    fn matches_word(&self, phrase: &Phrase, k: usize, w: &Word) -> bool {
        w.stem() == phrase.stems[k]
            && if self.language == Language::English {
                is_inflection(&w.lower, &phrase.words[k])
            } else {
                !self.listed.contains(w.lower.as_ref()) || w.lower == phrase.words[k]
            }
    }

    /// Lexicon phrases, longest first and without overlaps within each lane. Returns the word ranges
    /// of real negations (not inside an idiom such as "not later than").
    fn lexicon_hits(&self, words: &[Word], hits: &mut Vec<Hit>) -> Vec<Range<usize>> {
        let mut found: Vec<(Lane, Range<usize>, usize, &str)> = Vec::new();
        for i in 0..words.len() {
            // A capitalised word inside a sentence is a name ("May 2025"), not a modal; German
            // capitalises every noun ("Krieg").
            if words[i].upper_initial
                && !words[i].sentence_start
                && self.language != Language::German
            {
                continue;
            }
            let Some(phrases) = self.by_stem.get(words[i].stem()) else {
                continue;
            };
            for phrase in phrases {
                let end = i + phrase.stems.len();
                let matches = end <= words.len()
                    && (i..end).all(|k| self.matches_word(phrase, k - i, &words[k]));
                // A one-word scale phrase after a determiner is a noun ("the support of"), not the
                // verb the scale ranks.
                let noun = matches!(phrase.lane, Lane::Scale(_))
                    && !phrase.noun
                    && phrase.stems.len() == 1
                    && i > 0
                    && self
                        .words
                        .noun_markers
                        .contains(words[i - 1].lower.as_ref());
                if matches && !noun {
                    found.push((phrase.lane, i..end, phrase.level, &phrase.key));
                }
            }
        }
        if words.iter().any(|w| w.joined) {
            keep_whole_words(words, &mut found);
        }
        // Per lane: leftmost, then longest, no overlaps.
        found.sort_by(|a, b| {
            lane_order(a.0)
                .cmp(&lane_order(b.0))
                .then(a.1.start.cmp(&b.1.start))
                .then(b.1.end.cmp(&a.1.end))
        });
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
        let idioms: Vec<Range<usize>> = kept
            .iter()
            .filter(|k| matches!(k.0, Lane::Idiom | Lane::Hedge | Lane::Intensifier))
            .map(|k| k.1.clone())
            .collect();
        let idioms = Cover::new(idioms);
        let in_idiom = |range: &Range<usize>| idioms.covers(range);
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
                    let abbreviation = words[range.start].before_period
                        && words
                            .get(range.end)
                            .is_some_and(|w| w.lower.starts_with(|c: char| c.is_ascii_digit()));
                    if in_idiom(&range) || abbreviation {
                        continue;
                    }
                    negations.push(range.clone());
                    Mark::Negation
                }
                Lane::Idiom => continue,
            };
            let predicate = match mark {
                Mark::Scale { .. } | Mark::Negation => self.predicate(words, range.end),
                _ => None,
            };
            let subject = match mark {
                Mark::Scale { .. } => range
                    .start
                    .checked_sub(1)
                    .map(|k| words[k].lower.to_string()),
                _ => None,
            };
            let governs = match mark {
                Mark::Scale { .. } => words[range.end.min(words.len())..]
                    .iter()
                    .take(GOVERNED)
                    .filter(|w| !self.words.predicate_skip.contains(w.lower.as_ref()))
                    .map(|w| w.stem().to_string())
                    .collect(),
                _ => Vec::new(),
            };
            let mut hit = hit(words, range, mark, key.to_string());
            hit.predicate = predicate;
            hit.subject = subject;
            hit.governs = governs;
            hits.push(hit);
        }
        negations
    }

    /// The word (lower case) governed from word `from` on: the first of the next four words that is no
    /// auxiliary, article or particle.
    fn predicate(&self, words: &[Word], from: usize) -> Option<String> {
        words[from.min(words.len())..]
            .iter()
            .take(4)
            .find(|w| !self.words.predicate_skip.contains(w.lower.as_ref()))
            .map(|w| w.lower.to_string())
    }

    /// Watch-term aliases, longest first, without overlaps. Returns their word ranges.
    fn watch_hits<'t>(&self, words: &'t [Word<'t>], hits: &mut Vec<Hit>) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        let mut i = 0;
        let inflected = self.inflected;
        let form =
            move |w: &'t Word<'t>| -> &'t str { if inflected { w.stem() } else { &w.lower } };
        // Matched on stems, a name needs its capital where the script has capitals: French
        // "crimes" stems as "Crimée" does.
        let capitalised = move |w: &Word<'_>| {
            !inflected || w.upper_initial || !w.lower.chars().any(char::is_lowercase)
        };
        while i < words.len() {
            let found = self
                .by_name
                .get(form(&words[i]))
                .filter(|_| capitalised(&words[i]))
                .and_then(|aliases| {
                    aliases.iter().find(|(alias, _, _)| {
                        let end = i + alias.len();
                        end <= words.len()
                            && words[i..end]
                                .iter()
                                .zip(alias)
                                .all(|(w, a)| form(w) == a.as_str())
                    })
                });
            match found {
                Some((alias, list, term)) => {
                    let range = i..i + alias.len();
                    let mark = Mark::Watch {
                        list: *list,
                        term: *term,
                    };
                    hits.push(hit(words, range.clone(), mark, alias.join(" ")));
                    i = range.end;
                    ranges.push(range);
                }
                None => i += 1,
            }
        }
        ranges
    }
}

/// The phrases found in Chinese cut into words (see [`Word::joined`]) that start and end where words
/// do: 应 on its own, not in 适应 or 应用; 未来 as "future", the idiom, not in 从未/来. A negation is
/// read wherever its character stands (尚未, 未能, 无法), and where it opens or closes a word it also
/// cuts it for the scales: 不应 is 不 and 应, 无须 is 无 and 须, while 可 is no modal in 可能.
/// Idioms, hedges and intensifiers only count as whole words, so 不同 ("different") no longer hides
/// the 不 of 不同意 ("disagree"), which the segmenter cuts 不/同意, and a scale phrase inside one of
/// them is theirs.
fn keep_whole_words(words: &[Word], found: &mut Vec<(Lane, Range<usize>, usize, &str)>) {
    let edge = |k: usize| words.get(k).is_none_or(|w| !w.joined);
    let whole = |r: &Range<usize>| edge(r.start) && edge(r.end);
    let phrasal = |lane: Lane| matches!(lane, Lane::Idiom | Lane::Hedge | Lane::Intensifier);
    found.retain(|(lane, range, ..)| !phrasal(*lane) || whole(range));
    let idioms = Cover::new(
        found
            .iter()
            .filter(|f| phrasal(f.0))
            .map(|f| f.1.clone())
            .collect(),
    );
    let mut cut = vec![false; words.len() + 1];
    for (_, range, ..) in found.iter().filter(|f| f.0 == Lane::Negation) {
        if !idioms.covers(range) {
            cut[range.start] = true;
            cut[range.end] = true;
        }
    }
    // A scale phrase inside a hedge is the hedge's: 可能 ("possibly") in 在可能的情况下 ("where
    // possible").
    let edge = |k: usize| cut[k] || edge(k);
    found.retain(|(lane, range, ..)| {
        !matches!(lane, Lane::Scale(_))
            || edge(range.start) && edge(range.end) && !idioms.covers(range)
    });
}

/// Word ranges, asked whether one of them holds a given range, by binary search (a clause of
/// megabytes has many).
struct Cover {
    /// Sorted by start.
    ranges: Vec<Range<usize>>,
    /// `reach[k]`: the furthest end among `ranges[..=k]`.
    reach: Vec<usize>,
}

impl Cover {
    fn new(mut ranges: Vec<Range<usize>>) -> Cover {
        ranges.sort_unstable_by_key(|r| r.start);
        let reach = ranges
            .iter()
            .scan(0, |furthest, r| {
                *furthest = r.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        Cover { ranges, reach }
    }

    /// Whether one of the ranges holds `range` whole.
    fn covers(&self, range: &Range<usize>) -> bool {
        let before = self.ranges.partition_point(|i| i.start <= range.start);
        before > 0 && self.reach[before - 1] >= range.end
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

#[cfg(all(test, feature = "chinese"))]
mod chinese {
    use super::*;

    /// `(text, what)` of the lexicon hits of a Chinese text, `what` a lane name or `scale level`,
    /// with `not` when a negation governs it.
    fn read_with(lexicon: &Lexicon, text: &str) -> Vec<(String, String)> {
        let vocabulary = Vocabulary::new(lexicon, &[Watchlist::builtin()], Language::Chinese);
        vocabulary
            .read(text)
            .hits
            .into_iter()
            .filter_map(|h| {
                let what = match h.mark {
                    Mark::Scale {
                        scale,
                        level,
                        negated,
                    } => {
                        let not = if negated { " not" } else { "" };
                        format!("{} {level}{not}", lexicon.scales[scale].name)
                    }
                    Mark::Hedge => "hedge".into(),
                    Mark::Intensifier => "intensifier".into(),
                    Mark::Negation => "negation".into(),
                    Mark::Watch { .. } => "watch".into(),
                    _ => return None,
                };
                Some((text[h.bytes].to_string(), what))
            })
            .collect()
    }

    fn zh() -> Lexicon {
        Lexicon::builtin_in(Language::Chinese, &Lexicon::builtin())
    }

    fn read(text: &str) -> Vec<(String, String)> {
        read_with(&zh(), text)
    }

    fn hit(text: &str, what: &str) -> (String, String) {
        (text.to_string(), what.to_string())
    }

    #[test]
    fn a_one_character_modal_is_read_where_it_is_a_word_of_its_own() {
        assert_eq!(read("缔约国应采取措施"), [hit("应", "obligation 0")]);
        assert_eq!(read("各国适应气候变化"), []);
        assert_eq!(read("加强技术应用"), []);
        assert_eq!(read("双方应当深化合作"), [hit("应当", "obligation 0")]);
    }

    #[test]
    fn a_negation_opening_a_word_cuts_it_for_the_scales() {
        // 不应 is one word to the segmenter: "should not".
        assert_eq!(
            read("缔约国不应采取措施"),
            [hit("不", "negation"), hit("应", "obligation 0 not")]
        );
        // 无须, "need not".
        assert_eq!(
            read("缔约国无须报告"),
            [hit("无", "negation"), hit("须", "obligation 0 not")]
        );
        // 不得, "shall not": a negation word of its own, and the obligation it negates.
        assert_eq!(
            read("不得任意剥夺"),
            [hit("不得", "obligation 0 not"), hit("不得", "negation")]
        );
    }

    #[test]
    fn negation_idioms_hide_a_negation_only_as_whole_words() {
        // 未来 "future", 不同 "different": no negation; 不同意 "disagree" is 不 + 同意.
        assert_eq!(read("未来十年"), []);
        assert_eq!(read("不同国家"), []);
        assert_eq!(read("缔约国不同意"), [hit("不", "negation")]);
        assert_eq!(read("尚未批准"), [hit("未", "negation")]);
    }

    #[test]
    fn possible_is_no_modal_of_its_first_character() {
        // With 可 ("may") on the obligation scale, 可能 ("possibly") is still the certainty word.
        let mut lexicon = zh();
        lexicon.scales[0].levels[4].push("可".to_string());
        assert_eq!(
            read_with(&lexicon, "局势可能恶化"),
            [
                hit("局势", "characterisation 4"),
                hit("可能", "certainty 3")
            ]
        );
        assert_eq!(
            read_with(&lexicon, "缔约国可采取措施"),
            [hit("可", "obligation 4")]
        );
    }

    #[test]
    fn a_phrase_matches_however_the_segmenter_cut_it() {
        // 在/可能/的/情况/下 and 毫不/拖延: phrases of several words.
        assert_eq!(
            read("在可能的情况下提供援助"),
            [hit("在可能的情况下", "hedge")]
        );
        assert_eq!(read("毫不拖延地撤出"), [hit("毫不拖延", "intensifier")]);
        assert_eq!(read("双方酌情采取措施"), [hit("酌情", "hedge")]);
        assert_eq!(read("包括千岛群岛"), [hit("千岛群岛", "watch")]);
    }
}
