//! Properties over generated drafts: nothing lost, nothing invented.
//!
//! Drafts are random numbered or unnumbered paragraphs; the new draft applies random edits (clauses
//! deleted, inserted, moved, split, merged, words replaced) and may re-wrap lines. Case counts are small
//! by default; set PROPTEST_CASES for a longer run.

use proptest::prelude::*;

use clausediff::{Draft, InputFormat, Options, compare};

const WORDS: &[&str] = &[
    "the",
    "Parties",
    "shall",
    "should",
    "may",
    "cooperate",
    "in",
    "energy",
    "trade",
    "security",
    "of",
    "Northeast",
    "Asia",
    "resolutely",
    "oppose",
    "sanctions",
    "and",
    "will",
    "promote",
    "investment",
    "zone",
    "Kuril",
    "Islands",
    "study",
    "with",
    "caution",
    "possibility",
    "“core”",
    "interests",
    "—",
    "2030",
    "percent",
    "not",
    "all",
    "États",
    "北方領土",
    "co-operation",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..14)
        .prop_map(|w| format!("{}.", w.join(" ")))
}

#[derive(Debug, Clone)]
enum Change {
    Delete(usize),
    Insert(usize, String),
    Replace(usize, usize, String),
    Move(usize, usize),
    Split(usize),
    Merge(usize),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        any::<usize>().prop_map(Change::Delete),
        (any::<usize>(), sentence()).prop_map(|(i, s)| Change::Insert(i, s)),
        (any::<usize>(), any::<usize>(), prop::sample::select(WORDS))
            .prop_map(|(i, w, s)| Change::Replace(i, w, s.to_string())),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Change::Move(i, j)),
        any::<usize>().prop_map(Change::Split),
        any::<usize>().prop_map(Change::Merge),
    ]
}

fn apply(mut clauses: Vec<String>, changes: &[Change]) -> Vec<String> {
    for change in changes {
        let n = clauses.len();
        match change.clone() {
            Change::Delete(i) if n > 0 => {
                clauses.remove(i % n);
            }
            Change::Insert(i, s) => clauses.insert(i % (n + 1), s),
            Change::Replace(i, w, s) if n > 0 => {
                let mut words: Vec<String> = clauses[i % n].split(' ').map(String::from).collect();
                let k = w % words.len();
                words[k] = s;
                clauses[i % n] = words.join(" ");
            }
            Change::Move(i, j) if n > 0 => {
                let c = clauses.remove(i % n);
                clauses.insert(j % n, c);
            }
            Change::Split(i) if n > 0 => {
                let words: Vec<&str> = clauses[i % n].split(' ').collect();
                if words.len() > 3 {
                    let (a, b) = words.split_at(words.len() / 2);
                    let (a, b) = (format!("{}.", a.join(" ")), b.join(" "));
                    clauses[i % n] = a;
                    clauses.insert(i % n + 1, b);
                }
            }
            Change::Merge(i) if n > 1 => {
                let k = i % (n - 1);
                let next = clauses.remove(k + 1);
                clauses[k] = format!("{} {next}", clauses[k]);
            }
            _ => {}
        }
    }
    clauses
}

/// Writes clauses as a plain-text draft, numbered or not, hard-wrapped at `width` columns.
fn render(clauses: &[String], numbered: bool, width: usize) -> String {
    let mut out = String::new();
    for (k, clause) in clauses.iter().enumerate() {
        let text = if numbered {
            format!("{}. {clause}", k + 1)
        } else {
            clause.clone()
        };
        let mut line = String::new();
        for word in text.split(' ') {
            if !line.is_empty() && line.chars().count() + word.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push_str("\n\n");
    }
    out
}

fn drafts() -> impl Strategy<Value = (String, String)> {
    (
        prop::collection::vec(sentence(), 0..14),
        prop::collection::vec(change(), 0..8),
        any::<bool>(),
        20usize..120,
        20usize..120,
    )
        .prop_map(|(clauses, changes, numbered, w1, w2)| {
            let edited = apply(clauses.clone(), &changes);
            (
                render(&clauses, numbered, w1),
                render(&edited, numbered, w2),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96)
    ))]

    #[test]
    fn every_clause_is_accounted_for_exactly_once((old, new) in drafts()) {
        let report = compare(
            Draft::parse("old", "old", &old, InputFormat::Text),
            Draft::parse("new", "new", &new, InputFormat::Text),
            &Options::default(),
        );
        let mut seen_old = vec![0; report.old.clauses.len()];
        let mut seen_new = vec![0; report.new.clauses.len()];
        for change in &report.changes {
            for &i in &change.pair.old {
                seen_old[i] += 1;
            }
            for &j in &change.pair.new {
                seen_new[j] += 1;
            }
        }
        prop_assert!(seen_old.iter().all(|&n| n == 1), "old: {seen_old:?}");
        prop_assert!(seen_new.iter().all(|&n| n == 1), "new: {seen_new:?}");
    }

    #[test]
    fn edits_rebuild_both_texts_exactly((old, new) in drafts()) {
        let report = compare(
            Draft::parse("old", "old", &old, InputFormat::Text),
            Draft::parse("new", "new", &new, InputFormat::Text),
            &Options::default(),
        );
        for change in &report.changes {
            let (a, b) = (change.old_text(&report.old), change.new_text(&report.new));
            let rebuilt_old: String = change.words.edits.iter().map(|e| &a[e.old.clone()]).collect();
            let rebuilt_new: String = change.words.edits.iter().map(|e| &b[e.new.clone()]).collect();
            prop_assert_eq!(rebuilt_old.as_str(), a);
            prop_assert_eq!(rebuilt_new.as_str(), b);
        }
    }

    #[test]
    fn identical_drafts_have_no_findings((old, _) in drafts(), width in 20usize..120) {
        // The same clauses, wrapped differently, are the same draft.
        let clauses: Vec<String> = Draft::parse("a", "a", &old, InputFormat::Text)
            .clauses
            .iter()
            .map(|c| c.text.clone())
            .collect();
        let rewrapped = render(&clauses, false, width);
        let report = compare(
            Draft::parse("a", "a", &render(&clauses, false, 200), InputFormat::Text),
            Draft::parse("b", "b", &rewrapped, InputFormat::Text),
            &Options::default(),
        );
        prop_assert!(report.findings.is_empty(), "{:?}", report.findings);
        prop_assert!(!report.has_differences());
    }
}
