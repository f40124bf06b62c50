//! The word lists a clause's reading needs beyond the lexicon's scales (`data/en-words.toml`): number
//! words, months, units, label and citation words, the words names are made of and those they are not.
//! Data, not code: editing a list needs no change here.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

const BUILTIN: &str = include_str!("data/en-words.toml");

/// The compiled word lists. Every word is lower case.
#[derive(Debug)]
pub(super) struct Words {
    /// Number words and their values.
    pub numbers: FxHashMap<String, String>,
    pub ordinals: FxHashSet<String>,
    /// Month names, in calendar order.
    pub months: Vec<String>,
    pub time_units: FxHashSet<String>,
    /// Words shortly before a date that make it a deadline ("by 2030", "no later than 2025").
    pub deadline_words: FxHashSet<String>,
    pub currencies: FxHashSet<String>,
    pub label_words: FxHashSet<String>,
    pub citation_words: FxHashSet<String>,
    pub citation_lead: FxHashSet<String>,
    pub connectors: FxHashSet<String>,
    /// Words an acronym skips in the phrase it abbreviates ("and", "of").
    pub acronym_skip: FxHashSet<String>,
    pub not_names: FxHashSet<String>,
    pub opening_verbs: FxHashSet<String>,
    pub defined_terms: FxHashSet<String>,
    pub abbreviations: FxHashSet<String>,
    pub predicate_skip: FxHashSet<String>,
    pub noun_markers: FxHashSet<String>,
    pub definite: FxHashSet<String>,
    /// Articles a lexicon phrase may be written with or without inside it ("in the light of").
    pub articles: FxHashSet<String>,
    /// Words that open a drafting note when a colon follows ("Note:").
    pub note_words: FxHashSet<String>,
    /// Verbs that follow a quoted term to define it ("\"Party\" means").
    pub definition_verbs: FxHashSet<String>,
    /// Acronyms as written (`CMA`) and their expansions in lower case.
    pub acronyms: FxHashMap<String, Vec<String>>,
    /// The first two bytes of every number word, ordinal and month: a word starting otherwise is none
    /// of them, without a look-up.
    number_prefixes: Prefixes,
    /// Every number word, ordinal and month.
    number_words: FxHashSet<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    numbers: FxHashMap<String, String>,
    words: Lists,
    acronyms: FxHashMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Lists {
    ordinals: Vec<String>,
    months: Vec<String>,
    time_units: Vec<String>,
    deadline_words: Vec<String>,
    currencies: Vec<String>,
    label_words: Vec<String>,
    citation_words: Vec<String>,
    citation_lead: Vec<String>,
    connectors: Vec<String>,
    acronym_skip: Vec<String>,
    not_names: Vec<String>,
    opening_verbs: Vec<String>,
    defined_terms: Vec<String>,
    abbreviations: Vec<String>,
    predicate_skip: Vec<String>,
    noun_markers: Vec<String>,
    definite: Vec<String>,
    articles: Vec<String>,
    note_words: Vec<String>,
    definition_verbs: Vec<String>,
}

fn set(list: Vec<String>) -> FxHashSet<String> {
    list.into_iter().collect()
}

impl Words {
    /// The built-in English word lists.
    pub fn builtin() -> Words {
        let file: File = toml::from_str(BUILTIN)
            .expect("invariant: the built-in word lists parse (checked by a test)");
        let w = file.words;
        let number_words: FxHashSet<String> = file
            .numbers
            .keys()
            .chain(&w.ordinals)
            .chain(&w.months)
            .cloned()
            .collect();
        let number_prefixes = number_words.iter().map(String::as_str).collect();
        Words {
            number_prefixes,
            number_words,
            numbers: file.numbers,
            ordinals: set(w.ordinals),
            months: w.months,
            time_units: set(w.time_units),
            deadline_words: set(w.deadline_words),
            currencies: set(w.currencies),
            label_words: set(w.label_words),
            citation_words: set(w.citation_words),
            citation_lead: set(w.citation_lead),
            connectors: set(w.connectors),
            acronym_skip: set(w.acronym_skip),
            not_names: set(w.not_names),
            opening_verbs: set(w.opening_verbs),
            defined_terms: set(w.defined_terms),
            abbreviations: set(w.abbreviations),
            predicate_skip: set(w.predicate_skip),
            noun_markers: set(w.noun_markers),
            definite: set(w.definite),
            articles: set(w.articles),
            note_words: set(w.note_words),
            definition_verbs: set(w.definition_verbs),
            acronyms: file.acronyms,
        }
    }

    /// Whether a lower-case word may be a number word, an ordinal or a month: it is one, or its
    /// first part is ("twenty-five"). Most words of a text are none, and most of them are told by
    /// their first two bytes.
    pub fn may_be_number_word(&self, lower: &str) -> bool {
        if !self.number_prefixes.admit(lower) {
            return false;
        }
        self.number_words.contains(lower)
            || lower
                .split_once('-')
                .is_some_and(|(first, _)| self.number_words.contains(first))
    }

    /// The month (1 to 12) a lower-case word names.
    pub fn month(&self, lower: &str) -> Option<usize> {
        self.months.iter().position(|m| m == lower).map(|m| m + 1)
    }
}

/// The first two bytes of a word (zero where it has fewer).
fn prefix(word: &str) -> [u8; 2] {
    let b = word.as_bytes();
    [
        b.first().copied().unwrap_or(0),
        b.get(1).copied().unwrap_or(0),
    ]
}

/// A set of two-byte word prefixes as a bitmap (8 KiB): asking costs a shift and a mask, where a
/// hash set costs a hash and a probe, and it is asked once per word of every clause read.
#[derive(Clone)]
pub(crate) struct Prefixes(Box<[u64; 1024]>);

impl Prefixes {
    /// Whether `word` starts with one of the prefixes.
    pub(crate) fn admit(&self, word: &str) -> bool {
        let bits = usize::from(u16::from_le_bytes(prefix(word)));
        self.0[bits >> 6] & (1 << (bits & 63)) != 0
    }
}

impl<'a> FromIterator<&'a str> for Prefixes {
    /// The prefixes of these words.
    fn from_iter<I: IntoIterator<Item = &'a str>>(words: I) -> Prefixes {
        let mut map = Box::new([0u64; 1024]);
        for word in words {
            let bits = usize::from(u16::from_le_bytes(prefix(word)));
            map[bits >> 6] |= 1 << (bits & 63);
        }
        Prefixes(map)
    }
}

impl std::fmt::Debug for Prefixes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n: u32 = self.0.iter().map(|w| w.count_ones()).sum();
        write!(f, "Prefixes({n})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_lists_parse_and_are_lower_case() {
        let words = Words::builtin();
        assert_eq!(words.month("may"), Some(5));
        assert_eq!(words.numbers.get("billion").map(String::as_str), Some("e9"));
        for list in [
            &words.not_names,
            &words.connectors,
            &words.label_words,
            &words.deadline_words,
        ] {
            assert!(list.iter().all(|w| w.to_lowercase() == *w));
        }
    }
}
