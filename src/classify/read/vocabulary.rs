//! The compiled lexicon, watchlists and word lists, and the reading of one clause's words with them:
//! lexicon phrases (on their inflections), watch-term aliases, numbers, names, and what they govern.

use std::borrow::Cow;
use std::ops::Range;
use std::rc::Rc;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};

use super::{
    Hit, Mark, Reading, Style, Word, hit, is_aside, is_furniture, lower, lower_words, mark_negated,
    names, numbers, plain,
};
use crate::classify::lexicon::{Lexicon, Watchlist};
use crate::classify::words::{Prefixes, Words};
#[cfg(test)]
use crate::text::tokenize;
use crate::text::{Language, Token};

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
        let mut idioms: Vec<Range<usize>> = kept
            .iter()
            .filter(|k| matches!(k.0, Lane::Idiom | Lane::Hedge | Lane::Intensifier))
            .map(|k| k.1.clone())
            .collect();
        idioms.sort_unstable_by_key(|r| r.start);
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

fn lane_order(lane: Lane) -> usize {
    match lane {
        Lane::Scale(s) => s,
        Lane::Hedge => 10_000,
        Lane::Intensifier => 10_001,
        Lane::Negation => 10_002,
        Lane::Idiom => 10_003,
    }
}
