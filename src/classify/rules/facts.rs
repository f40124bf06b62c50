//! What classification knows about a comparison as a whole, computed once before its entries are
//! classified: how the drafts write, how their clauses were renumbered, the acronyms they use, the texts
//! each draft holds, and which clauses removed or added whole stand in a clause of the other draft.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::classify::read::Style;
use crate::classify::words::Words;
use crate::diff::ClauseDiff;
use crate::document::Draft;

/// What classification knows about the comparison as a whole, computed once.
#[derive(Debug, Default)]
pub(in crate::classify) struct Facts {
    /// How the drafts write (a language that capitalises nouns has no names by capitals).
    pub style: Style,
    /// The number each matched clause had in the old draft, mapped to its number in the new one, so
    /// that a cross-reference which follows its renumbered target is no change.
    pub renumbered: FxHashMap<String, String>,
    /// The clauses of each draft by the length of their text, computed on first use: a clause removed
    /// or added whole whose text its draft holds twice (a title printed on the cover and again on the
    /// back) repeats, and adds or takes away nothing.
    lengths: [std::sync::OnceLock<FxHashMap<usize, Vec<u32>>>; 2],
    /// The clauses of each draft removed (old) or added (new) whole.
    whole: [FxHashSet<usize>; 2],
    /// Acronyms (as written) and their expansions (lower case): the word lists' table and the
    /// definitions the drafts make ("least developed countries (LDCs)").
    pub acronyms: FxHashMap<String, Vec<String>>,
    /// Each expansion mapped to its acronym in lower case.
    pub abbreviations: FxHashMap<String, String>,
    /// Clauses removed (side 0) or added (side 1) whole whose words stand in a clause of the other
    /// draft, mapped to that clause's index: a paragraph absorbed into another, or split out of one.
    pub absorbed: [FxHashMap<usize, usize>; 2],
    /// Each old clause of a matched entry mapped to the entry's first new clause: where an option's
    /// paragraph now stands.
    pub counterpart: FxHashMap<usize, usize>,
}

impl Facts {
    /// What classification needs to know about two drafts and their alignment.
    pub fn new(words: &Words, old: &Draft, new: &Draft, diffs: &[ClauseDiff]) -> Facts {
        let (removed, added) = rayon::join(
            || absorbed(old, new, diffs, Whole::Removed),
            || absorbed(old, new, diffs, Whole::Added),
        );
        let mut acronyms = words.acronyms.clone();
        for clause in old.clauses.iter().chain(&new.clauses) {
            for (acronym, expansion) in definitions(&clause.text) {
                let known = acronyms.entry(acronym).or_default();
                if !known.contains(&expansion) {
                    known.push(expansion);
                }
            }
        }
        let mut abbreviations = FxHashMap::default();
        let mut sorted: Vec<(&String, &Vec<String>)> = acronyms.iter().collect();
        sorted.sort();
        for (acronym, expansions) in sorted {
            for expansion in expansions {
                abbreviations
                    .entry(expansion.clone())
                    .or_insert_with(|| acronym.to_lowercase());
            }
        }
        Facts {
            style: Style {
                capitalises_nouns: capitalises_nouns(old) || capitalises_nouns(new),
            },
            renumbered: renumbering(old, new, diffs),
            lengths: Default::default(),
            whole: [
                whole_clauses(diffs, crate::diff::Status::Removed),
                whole_clauses(diffs, crate::diff::Status::Added),
            ],
            acronyms,
            abbreviations,
            absorbed: [removed, added],
            counterpart: diffs
                .iter()
                .filter_map(|d| d.pair.new.first().map(|&n| (&d.pair.old, n)))
                .flat_map(|(old, n)| old.iter().map(move |&o| (o, n)))
                .collect(),
        }
    }

    /// Whether clause `index` of side 0 (old) or 1 (new) was removed or added whole.
    pub fn is_whole(&self, side: usize, index: usize) -> bool {
        self.whole[side].contains(&index)
    }

    /// Whether clause `index` of `draft` (side 0 old, 1 new) has the same text as another clause of
    /// the same draft that was matched: its text is still there.
    pub fn is_repeated(&self, side: usize, draft: &Draft, index: usize) -> bool {
        let lengths = self.lengths[side].get_or_init(|| {
            let mut lengths: FxHashMap<usize, Vec<u32>> = FxHashMap::default();
            for (i, clause) in draft.clauses.iter().enumerate() {
                let i = u32::try_from(i).unwrap_or(u32::MAX);
                lengths.entry(clause.text.len()).or_default().push(i);
            }
            lengths
        });
        let text = &draft.clauses[index].text;
        lengths.get(&text.len()).is_some_and(|same| {
            same.iter().map(|&j| j as usize).any(|j| {
                j != index && !self.whole[side].contains(&j) && draft.clauses[j].text == *text
            })
        })
    }
}

/// The longest acronym a definition names ("(UNFCCC)").
const ACRONYM: usize = 12;
/// How far before an acronym its expansion is looked for: sixteen words of any reasonable length.
const EXPANSION_BYTES: usize = 512;

/// The acronyms a text defines, with their expansions in lower case: "least developed countries
/// (LDCs)" → (`LDCs`, `least developed countries`). The expansion is the run of words before the
/// bracket whose initials spell the acronym's capitals, small words between them allowed.
fn definitions(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (open, _) in text.match_indices('(') {
        let rest = &text[open + 1..];
        // An acronym is short: its `)` is looked for no further than that, and the words before it
        // no further back than their longest run, so a text of brackets stays linear.
        let near = &rest.as_bytes()[..rest.len().min(ACRONYM + 1)];
        let Some(close) = near.iter().position(|&b| b == b')') else {
            continue;
        };
        let acronym = &rest[..close];
        let capitals: Vec<char> = acronym.chars().filter(|c| c.is_uppercase()).collect();
        let plain = acronym.chars().all(char::is_alphanumeric);
        if capitals.len() < 2 || !plain || acronym.len() > ACRONYM {
            continue;
        }
        let mut from = open.saturating_sub(EXPANSION_BYTES);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let before: Vec<&str> = text[from..open].split_whitespace().rev().take(16).collect();
        let mut need = capitals.iter().rev().peekable();
        let mut taken = 0;
        for word in &before {
            let Some(&&letter) = need.peek() else {
                break;
            };
            let first = word.chars().find(|c| c.is_alphanumeric());
            if first.is_some_and(|c| c.to_uppercase().eq(std::iter::once(letter))) {
                need.next();
            } else if word.chars().count() > 4 {
                break;
            }
            taken += 1;
        }
        if need.peek().is_none() && taken > 0 {
            let words: Vec<&str> = before[..taken].iter().rev().copied().collect();
            let expansion: String = words
                .join(" ")
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() {
                        c.to_lowercase().next().unwrap_or(c)
                    } else {
                        ' '
                    }
                })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            found.push((acronym.to_string(), expansion));
        }
    }
    found
}

/// Share of capitalised words inside sentences above which a draft is taken to capitalise its nouns.
const NOUN_CAPITALS: f64 = 0.2;

/// Whether a draft capitalises every noun (German): more than a fifth of the words that follow another
/// word inside a sentence start with a capital. Sampled over the first 5,000 such words, on the text
/// itself (its tokens are split later, and only for the clauses that changed).
fn capitalises_nouns(draft: &Draft) -> bool {
    let (mut capitals, mut total) = (0usize, 0usize);
    for clause in &draft.clauses {
        let mut previous: Option<&str> = None;
        for word in clause.text.split_whitespace() {
            let inside = previous.is_some_and(|p| !p.ends_with(['.', ':', ';', '!', '?']));
            previous = Some(word);
            let mut chars = word.chars();
            let Some(first) = chars.next().filter(|c| c.is_alphabetic()) else {
                continue;
            };
            if !inside {
                continue;
            }
            total += 1;
            capitals += usize::from(first.is_uppercase() && chars.any(char::is_lowercase));
            if total >= 5_000 {
                return capitals as f64 > NOUN_CAPITALS * total as f64;
            }
        }
    }
    total >= 50 && capitals as f64 > NOUN_CAPITALS * total as f64
}

/// Old clause numbers mapped to new ones over the matched clauses, both as written (`article 3`) and
/// as bare numbers (`3`) — those a cross-reference cites. A number mapped two ways is left out.
fn renumbering(old: &Draft, new: &Draft, diffs: &[ClauseDiff]) -> FxHashMap<String, String> {
    let mut map: FxHashMap<String, Option<String>> = FxHashMap::default();
    let bare = |id: &str| -> String {
        id.rsplit(|c: char| c.is_whitespace() || c == '§')
            .next()
            .unwrap_or(id)
            .trim_start_matches(|c: char| c.is_alphabetic() || c == '.')
            .to_lowercase()
    };
    // Only renumbered clauses can be cited by a new number: the rest keep theirs.
    for diff in diffs.iter().filter(|d| d.pair.renumbered) {
        let ([i], [j]) = (diff.pair.old.as_slice(), diff.pair.new.as_slice()) else {
            continue;
        };
        let (o, n) = (&old.clauses[*i], &new.clauses[*j]);
        if !(o.numbered && n.numbered) {
            continue;
        }
        let ids = [
            (o.id.0.to_lowercase(), n.id.0.to_lowercase()),
            (bare(&o.id.0), bare(&n.id.0)),
        ];
        for (from, to) in ids {
            if from.is_empty() || to.is_empty() {
                continue;
            }
            let entry = map.entry(from).or_insert_with(|| Some(to.clone()));
            if entry.as_ref().is_some_and(|t| *t != to) {
                *entry = None;
            }
        }
    }
    let mut sorted: Vec<(String, Option<String>)> = map.into_iter().collect();
    sorted.sort();
    sorted
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
}

/// Which whole clauses [`absorbed`] looks at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Whole {
    Removed,
    Added,
}

/// Distinct words a clause needs for its absorption to be judged.
const ABSORBED_WORDS: usize = 5;
/// Share of a clause's distinct words (those not too common to vote) that must stand in one clause of
/// the other draft.
const ABSORBED_SHARE: f32 = 0.6;
/// A word in more clauses of the other draft than this says nothing about where a clause went. A
/// treaty's working words ("Parties", "developing", "support") stand in dozens of its changed
/// clauses; under this bound they still vote, so a paragraph written in them is found where it went.
const ABSORBED_POSTINGS: usize = 64;
/// Words of a clause, not too common to vote, that must remain for its absorption to be judged.
const ABSORBED_TELLING: usize = 3;

/// The words of a clause that can show where it went: the comparison keys of its word tokens of
/// four bytes or more, once each (the keys fold quote and dash styles, not letter case: absorbed text
/// keeps its case).
fn content_words(clause: &crate::document::Clause) -> FxHashSet<u64> {
    clause
        .tokens()
        .iter()
        .filter(|t| t.is_content())
        .map(|t| t.key)
        .collect()
}

/// For each clause removed (or added) whole, the changed clause of the other draft holding most of its
/// words, when it holds three fifths of them or more. Looks words up in an index of the other draft's
/// changed clauses that keeps only the words of these clauses, and leaves out words common to many
/// clauses, so the work is linear in the size of the change.
fn absorbed(
    old: &Draft,
    new: &Draft,
    diffs: &[ClauseDiff],
    whole: Whole,
) -> FxHashMap<usize, usize> {
    let (this, other) = match whole {
        Whole::Removed => (old, new),
        Whole::Added => (new, old),
    };
    let mut wanted: Vec<(usize, FxHashSet<u64>)> = Vec::new();
    for diff in diffs {
        let indices = match (whole, diff.status) {
            (Whole::Removed, crate::diff::Status::Removed) => &diff.pair.old,
            (Whole::Added, crate::diff::Status::Added) => &diff.pair.new,
            _ => continue,
        };
        for &i in indices {
            let words = content_words(&this.clauses[i]);
            if words.len() >= ABSORBED_WORDS {
                wanted.push((i, words));
            }
        }
    }
    let mut found = FxHashMap::default();
    if wanted.is_empty() {
        return found;
    }
    let vocabulary: FxHashSet<u64> = wanted
        .iter()
        .flat_map(|(_, words)| words.iter().copied())
        .collect();
    // Only a clause whose words changed can have taken in another's: an unchanged one says what it
    // said. Those clauses are tokenized already (their diff read them); the unchanged bulk of a long
    // draft is never read here.
    let changed = diffs
        .iter()
        .filter(|d| d.status != crate::diff::Status::Unchanged)
        .flat_map(|d| match whole {
            Whole::Removed => d.pair.new.iter(),
            Whole::Added => d.pair.old.iter(),
        });
    let mut postings: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for j in changed {
        let j = *j;
        for token in other.clauses[j].tokens() {
            if !token.is_content() || !vocabulary.contains(&token.key) {
                continue;
            }
            let list = postings.entry(token.key).or_default();
            if list.len() <= ABSORBED_POSTINGS && list.last() != Some(&j) {
                list.push(j);
            }
        }
    }
    for (i, words) in &wanted {
        let mut votes: FxHashMap<usize, usize> = FxHashMap::default();
        // A word in too many clauses to vote says nothing about where the clause went, and nothing
        // against any clause either: it is left out of the share ("Parties", "support" in a treaty).
        let mut common = 0;
        #[expect(
            clippy::iter_over_hash_type,
            reason = "votes are summed, and the best clause is chosen with ties broken by index"
        )]
        for word in words {
            match postings.get(word) {
                Some(list) if list.len() > ABSORBED_POSTINGS => common += 1,
                Some(list) => {
                    for &j in list {
                        *votes.entry(j).or_default() += 1;
                    }
                }
                None => {}
            }
        }
        let telling = words.len() - common;
        let best = votes
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((j, n)) = best
            && telling >= ABSORBED_TELLING
            && n as f32 >= ABSORBED_SHARE * telling as f32
        {
            found.insert(*i, j);
        }
    }
    found
}

/// The clauses of one side that entries of `status` (removed or added) hold.
fn whole_clauses(diffs: &[ClauseDiff], status: crate::diff::Status) -> FxHashSet<usize> {
    diffs
        .iter()
        .filter(|d| d.status == status)
        .flat_map(|d| match status {
            crate::diff::Status::Removed => d.pair.old.iter(),
            _ => d.pair.new.iter(),
        })
        .copied()
        .collect()
}
