//! Names removed and added: a proper name one side names and the other side's clause does not say at
//! all — in any letter case, with or without hyphens, or as its acronym or expansion ("CMA" and "the
//! Conference of the Parties serving as the meeting of the Parties to this Agreement (CMA)").

use std::cell::OnceCell;
use std::collections::BTreeSet;

use rustc_hash::FxHashSet;

use super::{Context, Edits, Facts, Side};
use crate::classify::read::{Hit, Mark, Reading};
use crate::classify::read::{initials, is_acronym};
use crate::classify::{Finding, FindingKind, Severity};

/// Word similarity of a pair below which the clause counts as rewritten.
const REWRITTEN: f32 = 0.5;
use crate::diff::Edit;

pub(super) fn compare(
    cx: &Context,
    edits: &mut Edits,
    old: &Reading,
    new: &Reading,
    out: &mut Vec<Finding>,
) {
    for (side, this, other) in [(Side::Old, old, new), (Side::New, new, old)] {
        // The edit each name finding so far was placed at: the names one edit removes (or adds) are
        // one event, and only its first name stands above `low`.
        let mut named: Vec<usize> = Vec::new();
        let text = cx.text(side);
        let other_text = cx.text(side.other());
        let spelled = OnceCell::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for hit in this.hits.iter().filter(|h| h.mark == Mark::Entity) {
            if !seen.insert(&hit.key)
                || still_named(
                    cx.facts,
                    &text[hit.bytes.clone()],
                    &hit.key,
                    other,
                    other_text,
                )
            {
                continue;
            }
            // An acronym the other side spells out in lower case ("LDCs" where "the least
            // developed countries" stands).
            let written = trim_possessive(&text[hit.bytes.clone()]);
            if is_acronym(written)
                && spelled
                    .get_or_init(|| Spelled::of(other_text, &cx.classifier.words().acronym_skip))
                    .spells(written)
            {
                continue;
            }
            let Some(k) = inside(edits, side, hit) else {
                continue;
            };
            if renames(edits.list[k], side, hit, other) {
                continue;
            }
            let kind = match side {
                Side::Old => FindingKind::EntityRemoved,
                Side::New => FindingKind::EntityAdded,
            };
            let mut f = cx.on(kind, side, &hit.bytes);
            // In a clause rewritten around its subject, names come and go with the rewriting; in a
            // clause otherwise kept, a name dropped stands out.
            if cx.diff.words.similarity < REWRITTEN || named.contains(&k) {
                f.severity = f.severity.min(Severity::Low);
            }
            named.push(k);
            out.push(f);
            if !edits.is_passage(k) {
                edits.explained[k] = true;
            }
        }
    }
}

/// Whether the other side still says the name: its words, its acronym or the name it abbreviates, or
/// a word of the same root ("Russian" where "Russia" remains).
fn still_named(facts: &Facts, written: &str, key: &str, other: &Reading, other_text: &str) -> bool {
    if other.says(key) {
        return true;
    }
    let written = trim_possessive(written);
    let expansions = facts
        .acronyms
        .get(written)
        .or_else(|| facts.acronyms.get(written.trim_end_matches('s')));
    if expansions.is_some_and(|e| e.iter().any(|e| other.says(e))) {
        return true;
    }
    if facts.abbreviations.get(key).is_some_and(|a| other.says(a)) {
        return true;
    }
    if is_acronym(written) {
        return other
            .hits
            .iter()
            .any(|h| h.mark == Mark::Entity && initials(&other_text[h.bytes.clone()]) == written);
    }
    let initials = initials(written);
    if initials.chars().count() >= 2 && other.says(&initials.to_lowercase()) {
        return true;
    }
    // "Russian", "Ukrainians": a demonym of a name the other side still says.
    let root: String = key.chars().take(5).collect();
    !key.contains(' ')
        && root.chars().count() == 5
        && other
            .hits
            .iter()
            .any(|h| h.mark == Mark::Entity && h.key.split(' ').any(|w| w.starts_with(&root)))
}

/// A name as written without its possessive ending ("Russia's" → "Russia").
fn trim_possessive(written: &str) -> &str {
    written
        .trim_end_matches("'s")
        .trim_end_matches("\u{2019}s")
        .trim_end_matches(['\'', '\u{2019}'])
}

/// Shortest acronym looked for as the initials of a phrase: two letters spell too many phrases.
const SPELLED_MIN: usize = 3;
/// Longest acronym looked for as the initials of a phrase.
const SPELLED_MAX: usize = 8;

/// The acronyms a text spells out: the initials of every run of its words of four letters or more
/// (skipping `acronym_skip` words), as hashes, for runs of [`SPELLED_MIN`] to [`SPELLED_MAX`] words.
/// Built once per side, in time linear in the text.
struct Spelled(FxHashSet<u64>);

impl Spelled {
    fn of(text: &str, skip: &FxHashSet<String>) -> Spelled {
        let mut runs: Vec<Vec<char>> = vec![Vec::new()];
        for word in text
            .split(|c: char| !c.is_alphanumeric() && c != '&')
            .filter(|w| !w.is_empty())
        {
            let lower = word.to_lowercase();
            if skip.contains(&lower) {
                continue;
            }
            // A short word breaks a run: an acronym abbreviates the words that carry the name.
            let Some(first) = lower.chars().next().filter(|_| lower.chars().count() >= 4) else {
                runs.push(Vec::new());
                continue;
            };
            if let Some(run) = runs.last_mut() {
                run.push(first);
            }
        }
        let mut set = FxHashSet::default();
        for run in &runs {
            for start in 0..run.len() {
                for len in SPELLED_MIN..=SPELLED_MAX.min(run.len() - start) {
                    set.insert(hash(&run[start..start + len]));
                }
            }
        }
        Spelled(set)
    }

    /// Whether the text spells out `acronym`, as written or without a plural "s" ("LDCs").
    fn spells(&self, acronym: &str) -> bool {
        let singular = acronym.strip_suffix('s');
        [Some(acronym), singular].into_iter().flatten().any(|a| {
            let letters: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
            (SPELLED_MIN..=SPELLED_MAX).contains(&letters.len()) && self.0.contains(&hash(&letters))
        })
    }
}

fn hash(letters: &[char]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    letters.hash(&mut h);
    h.finish()
}

/// The substantive edit a name lies wholly inside: a name only partly edited ("the Paris Agreement" →
/// "this Agreement") was shortened or renamed, not removed.
fn inside(edits: &Edits, side: Side, hit: &Hit) -> Option<usize> {
    let k = edits.touching(side, &hit.bytes)?;
    let range = edits.range(k, side);
    (range.start <= hit.bytes.start && hit.bytes.end <= range.end).then_some(k)
}

/// Whether the same edit, on the other side, holds a name sharing a word with `hit`.
fn renames(edit: &Edit, side: Side, hit: &Hit, other: &Reading) -> bool {
    let range = side.other().of(edit);
    let words: Vec<&str> = hit.key.split(' ').collect();
    other
        .touching(range)
        .filter(|h| h.mark == Mark::Entity)
        .any(|h| h.key.split(' ').any(|w| words.contains(&w)))
}
