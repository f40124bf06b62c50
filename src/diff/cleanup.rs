//! Making a word diff read like a legal redline.
//!
//! A minimal diff is not the most readable one: "shall promote the development" → "should support the
//! growth" comes out of the algorithm as three changes around two lone words. A redline merges tiny equal
//! islands — punctuation, or one short function word — into the changes around them, so the reader sees
//! one replacement of a phrase.

use std::ops::Range;

use crate::text::Token;

/// A run of tokens that is equal on both sides, or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Run {
    pub equal: bool,
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// Function words short enough that an equal island of one of them between two changes is noise.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "and", "or", "in", "on", "at", "by", "for", "with", "as", "its",
    "their", "that", "this", "be", "is", "are", "de", "la", "le", "les", "des", "du", "et", "el",
    "los", "las", "y", "der", "die", "das", "und", "zu", "von",
];

/// Merges equal islands that are too small to read as a separate piece of text into the changes
/// around them, and joins adjacent changes.
pub(super) fn merge_islands(runs: Vec<Run>, old_text: &str, old: &[Token]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        if run.old.is_empty() && run.new.is_empty() {
            continue;
        }
        if !run.equal {
            let island = match out.as_slice() {
                [.., before, island] if !before.equal && island.equal => {
                    is_small(&old[island.old.clone()], old_text)
                }
                _ => false,
            };
            if island {
                out.pop();
            }
            if let Some(last) = out.last_mut().filter(|last| !last.equal) {
                last.old.end = run.old.end;
                last.new.end = run.new.end;
                continue;
            }
        } else if let Some(last) = out.last_mut().filter(|last| last.equal) {
            last.old.end = run.old.end;
            last.new.end = run.new.end;
            continue;
        }
        out.push(run);
    }
    out
}

fn is_small(island: &[Token], text: &str) -> bool {
    let words: Vec<&Token> = island.iter().filter(|t| t.is_word).collect();
    match words.as_slice() {
        [] => island.len() <= 2,
        [word] => {
            island.len() <= 2
                && FUNCTION_WORDS.contains(&text[word.start..word.end].to_lowercase().as_str())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn run(equal: bool, old: Range<usize>, new: Range<usize>) -> Run {
        Run { equal, old, new }
    }

    #[test]
    fn a_lone_article_between_changes_is_merged() {
        let text = "shall promote the development";
        let tokens = tokenize(text);
        let runs = vec![
            run(false, 0..2, 0..2),
            run(true, 2..3, 2..3),
            run(false, 3..4, 3..4),
        ];
        assert_eq!(merge_islands(runs, text, &tokens), [run(false, 0..4, 0..4)]);
    }

    #[test]
    fn a_content_word_between_changes_stays() {
        let text = "shall promote security fully";
        let tokens = tokenize(text);
        let runs = vec![
            run(false, 0..2, 0..2),
            run(true, 2..3, 2..3),
            run(false, 3..4, 3..3),
        ];
        assert_eq!(merge_islands(runs.clone(), text, &tokens), runs);
    }

    #[test]
    fn a_comma_between_changes_is_merged() {
        let text = "x , y";
        let tokens = tokenize(text);
        let runs = vec![
            run(false, 0..1, 0..1),
            run(true, 1..2, 1..2),
            run(false, 2..3, 2..4),
        ];
        assert_eq!(merge_islands(runs, text, &tokens), [run(false, 0..3, 0..4)]);
    }
}
