//! Classification measured two ways: the blind evaluation on real pairs (`fixtures/eval/real/`,
//! reported in EVALUATION.md, which must be current), and the written regression set
//! (`fixtures/eval/labels.toml`), which clausediff must classify exactly as labelled.

use std::collections::BTreeMap;

use serde::Deserialize;

use clausediff::classify::{Finding, Severity};

use crate::report;

/// The kinds whose precision and recall are measured.
const EVALUATED: &[&str] = &[
    "clause_removed",
    "clause_added",
    "softened",
    "strengthened",
    "hedge_added",
    "hedge_removed",
    "intensifier_removed",
    "intensifier_added",
    "negation_changed",
    "number_changed",
    "entity_removed",
    "entity_added",
    "watch_term_removed",
    "watch_term_added",
    "watch_term_renamed",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Labels {
    pair: Vec<Pair>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    name: String,
    old: String,
    new: String,
    #[serde(default)]
    noise: bool,
    #[serde(default)]
    expect: Vec<Expect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    kind: String,
    clause: String,
    #[serde(default)]
    old: String,
    #[serde(default)]
    new: String,
}

/// Whether a finding's words are a label's, case and spacing aside; a label ending in "…" matches
/// words that start with it.
fn same_words(label: &str, found: &str) -> bool {
    let flat = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    match label.strip_suffix('…') {
        Some(prefix) => flat(found).starts_with(&flat(prefix)),
        None => flat(label) == flat(found),
    }
}

fn matches(label: &Expect, finding: &Finding) -> bool {
    let clause = |c: &Option<clausediff::ClauseId>| c.as_ref().is_some_and(|c| c.0 == label.clause);
    label.kind == finding.kind.name()
        && (clause(&finding.old_clause) || clause(&finding.new_clause))
        && same_words(&label.old, &finding.old_text)
        && same_words(&label.new, &finding.new_text)
}

#[derive(Default, Clone, Copy)]
struct Score {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
}

impl Score {
    fn precision(self) -> f64 {
        let predicted = self.true_positives + self.false_positives;
        if predicted == 0 {
            1.0
        } else {
            self.true_positives as f64 / predicted as f64
        }
    }

    fn recall(self) -> f64 {
        let expected = self.true_positives + self.false_negatives;
        if expected == 0 {
            1.0
        } else {
            self.true_positives as f64 / expected as f64
        }
    }
}

#[test]
fn written_pairs_are_classified_as_labelled() {
    let text = std::fs::read_to_string(crate::fixture("eval/labels.toml")).unwrap();
    let labels: Labels = toml::from_str(&text).unwrap();
    let mut by_kind: BTreeMap<String, Score> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut noise = Vec::new();
    let mut labelled = 0;
    for pair in &labels.pair {
        let r = report(&pair.old, &pair.new);
        if pair.noise {
            for f in r.findings.iter().filter(|f| f.severity > Severity::Info) {
                noise.push(format!("{}: {}", pair.name, f.message()));
                by_kind
                    .entry(f.kind.name().to_string())
                    .or_default()
                    .false_positives += 1;
            }
            continue;
        }
        labelled += pair.expect.len();
        let mut predictions: Vec<&Finding> = r
            .findings
            .iter()
            .filter(|f| EVALUATED.contains(&f.kind.name()))
            .collect();
        for label in &pair.expect {
            let score = by_kind.entry(label.kind.clone()).or_default();
            match predictions.iter().position(|f| matches(label, f)) {
                Some(at) => {
                    predictions.remove(at);
                    score.true_positives += 1;
                }
                None => {
                    score.false_negatives += 1;
                    misses.push(format!(
                        "{}: missed {} in {} ({:?} → {:?})",
                        pair.name, label.kind, label.clause, label.old, label.new
                    ));
                }
            }
        }
        for f in predictions {
            by_kind
                .entry(f.kind.name().to_string())
                .or_default()
                .false_positives += 1;
            misses.push(format!("{}: unexpected {}", pair.name, f.message()));
        }
    }
    let total = by_kind.values().fold(Score::default(), |a, s| Score {
        true_positives: a.true_positives + s.true_positives,
        false_positives: a.false_positives + s.false_positives,
        false_negatives: a.false_negatives + s.false_negatives,
    });
    println!(
        "{:<22} {:>4} {:>4} {:>4} {:>9} {:>7}",
        "kind", "tp", "fp", "fn", "precision", "recall"
    );
    for (kind, s) in by_kind.iter().chain([(&"all".to_string(), &total)]) {
        println!(
            "{kind:<22} {:>4} {:>4} {:>4} {:>9.2} {:>7.2}",
            s.true_positives,
            s.false_positives,
            s.false_negatives,
            s.precision(),
            s.recall()
        );
    }
    for line in &misses {
        println!("{line}");
    }
    assert!(
        labelled >= 35,
        "the written set needs at least 35 labelled edits, has {labelled}"
    );
    assert!(
        noise.is_empty(),
        "noise-only pairs gave findings above info: {noise:#?}"
    );
    assert!(
        total.precision() >= 0.95 && total.recall() >= 0.95,
        "precision {:.2}, recall {:.2}: {misses:#?}",
        total.precision(),
        total.recall()
    );
}

#[path = "../../eval/score.rs"]
mod score;

fn scores() -> Vec<score::PairScore> {
    let fixtures = crate::root().join("fixtures");
    score::pairs(&fixtures)
        .iter()
        .map(|(file, pair)| score::score(&fixtures, file, pair))
        .collect()
}

/// EVALUATION.md is what the scorer makes of the labels and judgments today: a change to the
/// classifier that changes a figure must regenerate it, and every medium+ finding it makes on a real
/// pair must have been judged.
#[test]
fn the_blind_evaluation_is_current_and_every_finding_is_judged() {
    let scores = scores();
    let unjudged: Vec<String> = scores
        .iter()
        .flat_map(|s| {
            s.findings
                .iter()
                .filter(|(_, o, _)| *o == score::Outcome::Unlabelled)
                .map(move |(_, _, m)| format!("{}: {m}", s.file))
        })
        .collect();
    assert!(
        unjudged.is_empty(),
        "medium+ findings on real pairs that no label or judgment covers (judge them in fixtures/eval/real/): {unjudged:#?}"
    );
    let page = score::page(&crate::root().join("fixtures"), &scores);
    let written = std::fs::read_to_string(crate::root().join("EVALUATION.md")).unwrap();
    assert!(
        written == page,
        "EVALUATION.md is out of date: run `cargo run --release --example evaluate`"
    );
}

/// The figures of the blind evaluation do not regress, and the control prints stay silent.
#[test]
fn the_blind_evaluation_holds_its_figures() {
    let scores = scores();
    let held = score::Totals::of(scores.iter().filter(|s| s.held_out));
    let all = score::Totals::of(&scores);
    assert!(
        all.precision() >= 0.40 && held.precision() >= 0.40,
        "precision {:.2} (held out {:.2})",
        all.precision(),
        held.precision()
    );
    assert!(
        all.recall() >= 0.33 && held.recall() >= 0.40,
        "recall {:.2} (held out {:.2})",
        all.recall(),
        held.recall()
    );
    for control in scores.iter().filter(|s| s.file.starts_with("sconres13")) {
        assert!(
            control.findings.is_empty(),
            "{}: {:?}",
            control.file,
            control.findings
        );
    }
}

/// A pair's scope is the lines from its `from` marker up to, not including, its `to` marker; empty
/// markers are the draft's start and end.
#[test]
fn a_scope_is_the_lines_between_its_markers() {
    let text = "Preámbulo\n\nArtículo 1. Objeto\ntexto\n  ESCRITOS DE MANTENIMIENTO\nenmiendas\n";
    let markers = |from: &str, to: &str| [from.to_string(), to.to_string()];
    assert_eq!(
        score::scope_lines(text, &markers("Artículo 1.", "ESCRITOS"), "t"),
        (3, 4)
    );
    assert_eq!(score::scope_lines(text, &markers("", ""), "t"), (1, 6));
    assert_eq!(
        score::scope_lines(text, &markers("Artículo 1.", ""), "t"),
        (3, 6)
    );
}
