//! Proper names in a clause: runs of capitalised words joined by connectors ("Charter of the United
//! Nations"), and acronyms. Not names: a capital that only opens a sentence or a heading, a defined term
//! standing alone ("the Parties"), a single letter ("°C", "S&T"), an opening verb ("Recalling BRICS"),
//! an acronym spelled out just before it, and — in a language that capitalises every noun — any
//! capitalised word but an acronym.

use std::ops::Range;

use super::{Hit, Mark, Style, Word, hit};
use crate::classify::words::Words;

/// Whether `word` (as written) is an acronym: two or more capitals, no lower-case majority.
pub fn is_acronym(word: &str) -> bool {
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let lower = word.chars().filter(|c| c.is_lowercase()).count();
    upper >= 2 && lower <= upper
}

pub(super) fn hits(
    lists: &Words,
    text: &str,
    words: &[Word],
    watched: &[Range<usize>],
    style: Style,
    hits: &mut Vec<Hit>,
) {
    if mostly_capitals(text) {
        return;
    }
    let written = |w: &Word| &text[w.start..w.end];
    let capital = |w: &Word| {
        w.upper_initial
            && lists.month(&w.lower).is_none()
            && !w.lower.chars().any(|c| c.is_ascii_digit())
            && w.lower.chars().count() >= 2
    };
    let mut found: Vec<Hit> = Vec::new();
    if style.capitalises_nouns {
        for (k, w) in words.iter().enumerate() {
            if capital(w) && is_acronym(written(w)) && !overlaps_any(watched, &(k..k + 1)) {
                found.push(hit(words, k..k + 1, Mark::Entity, w.lower.to_string()));
            }
        }
        hits.extend(found);
        return;
    }
    let connector = |k: usize| lists.connectors.contains(words[k].lower.as_ref());
    let mut i = 0;
    while i < words.len() {
        if !capital(&words[i]) {
            i += 1;
            continue;
        }
        let spaced = |a: usize| {
            text[words[a - 1].end..words[a].start]
                .chars()
                .all(char::is_whitespace)
        };
        // A name goes on through capitalised words, and through one or two connectors that lead to
        // another capitalised word.
        let continues = |k: usize| {
            capital(&words[k])
                || connector(k)
                    && (words.get(k + 1).is_some_and(capital)
                        || k + 2 < words.len() && connector(k + 1) && capital(&words[k + 2]))
        };
        let mut end = i + 1;
        while end < words.len() && spaced(end) && continues(end) {
            end += 1;
        }
        let run_end = end;
        let not_name = |k: usize| lists.not_names.contains(words[k].lower.as_ref());
        let mut start = i;
        while start < end && not_name(start) {
            start += 1;
        }
        while end > start && not_name(end - 1) {
            end -= 1;
        }
        // "Recalling BRICS", "Passed the Senate": the verb that opens a paragraph is no name.
        let before_connector = i + 1 < words.len() && connector(i + 1);
        if start == i
            && words[i].sentence_start
            && end - start > 1
            && is_opening_verb(lists, &words[i].lower, before_connector)
        {
            start += 1;
        }
        while start < end && connector(start) {
            start += 1;
        }
        while end > start && connector(end - 1) {
            end -= 1;
        }
        let sentence_initial = start == i && words[i].sentence_start;
        let single = end.saturating_sub(start) == 1;
        // "Vice Chair", "Foreign Ministers": titles and defined terms only, no name among them.
        let titles = (start..end)
            .all(|k| connector(k) || lists.defined_terms.contains(words[k].lower.as_ref()));
        let acronym = single && is_acronym(written(&words[start]));
        let keep = start < end
            && !titles
            && !(single && sentence_initial && !acronym)
            && !(acronym && defines(text, &found, written(&words[start]), words[start].start))
            && !(single && lists.defined_terms.contains(words[start].lower.as_ref()))
            && !(single && lists.currencies.contains(words[start].lower.as_ref()))
            && !overlaps_any(watched, &(start..end));
        if keep {
            let key = words[start..end]
                .iter()
                .map(|w| w.lower.replace('-', " "))
                .collect::<Vec<_>>()
                .join(" ");
            found.push(hit(words, start..end, Mark::Entity, key));
        }
        i = run_end;
    }
    hits.extend(found);
}

fn is_opening_verb(lists: &Words, lower: &str, before_connector: bool) -> bool {
    let verb_like = lower.ends_with("ed") || lower.ends_with('s');
    lower.ends_with("ing") || lists.opening_verbs.contains(lower) || verb_like && before_connector
}

/// Texts in capitals (titles, cover pages) have no names to tell apart. ASCII letters are told
/// byte by byte, other characters by their Unicode properties.
fn mostly_capitals(text: &str) -> bool {
    let (mut upper, mut total) = (0usize, 0usize);
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        for b in rest[..ascii].bytes() {
            if b.is_ascii_alphabetic() {
                total += 1;
                upper += usize::from(b.is_ascii_uppercase());
            }
        }
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            if c.is_alphabetic() {
                total += 1;
                upper += usize::from(c.is_uppercase());
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    total == 0 || upper * 2 > total
}

/// Whether `range` overlaps one of `sorted`, ranges sorted by start that do not overlap each other.
fn overlaps_any(sorted: &[Range<usize>], range: &Range<usize>) -> bool {
    let next = sorted.partition_point(|r| r.end <= range.start);
    sorted.get(next).is_some_and(|r| r.start < range.end)
}

/// The initials of a name's capitalised words: "North Atlantic Treaty Organization" → "NATO".
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect()
}

/// Whether an acronym in brackets spells the initials of the name just before it: "North Atlantic
/// Treaty Organization (NATO)" names one thing, not two.
fn defines(text: &str, names: &[Hit], acronym: &str, at: usize) -> bool {
    let Some(previous) = names.last() else {
        return false;
    };
    text[previous.bytes.end..at].trim() == "(" && initials(&text[previous.bytes.clone()]) == acronym
}
