//! Scores clausediff against the blind labels of real pairs in `fixtures/eval/real/` and renders
//! `EVALUATION.md`. Shared by `examples/evaluate.rs` (which rewrites the file) and the integration
//! test (which checks that it is current and that the figures hold). See that folder's README.md for
//! the label format and the matching rules.

#![allow(
    dead_code,
    reason = "shared by an example and a test, each of which reads only part of it"
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use clausediff::classify::{Finding, Severity};
use clausediff::diff::Status;
use clausediff::{Draft, InputFormat, Options, Report, compare};

/// One pair's file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairFile {
    pub name: String,
    pub old: String,
    pub new: String,
    pub held_out: bool,
    pub labelled: String,
    #[serde(default)]
    pub notes: String,
    /// The pair's language (`de`, `es` …) when it is not the one clausediff detects in the old draft.
    #[serde(default)]
    pub language: Option<String>,
    /// The part of each draft that was labelled, when not the whole: only findings inside it are
    /// scored.
    #[serde(default)]
    pub scope: Option<Scope>,
    #[serde(default)]
    pub change: Vec<Label>,
    #[serde(default)]
    pub judged: Vec<Judgment>,
}

/// The labelled part of a pair: on each side, `[from, to]`, the lines from the first that starts
/// with `from` (spacing aside) up to, not including, the first later one that starts with `to`. An
/// empty `from` is the start of the draft, an empty `to` its end. A finding is in scope when its old
/// words stand in the old part or its new words in the new part.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    pub old: [String; 2],
    pub new: [String; 2],
}

/// The 1-based source lines `first..=last` that a scope side's markers delimit in `text`.
pub fn scope_lines(text: &str, [from, to]: &[String; 2], relative: &str) -> (u32, u32) {
    let starts = |line: &str, marker: &str| line.trim_start().starts_with(marker.trim());
    let lines: Vec<&str> = text.lines().collect();
    let first = if from.trim().is_empty() {
        0
    } else {
        lines
            .iter()
            .position(|l| starts(l, from))
            .unwrap_or_else(|| panic!("{relative}: no line starts with the scope's {from:?}"))
    };
    let end = if to.trim().is_empty() {
        lines.len()
    } else {
        lines[first + 1..]
            .iter()
            .position(|l| starts(l, to))
            .map(|k| first + 1 + k)
            .unwrap_or_else(|| panic!("{relative}: no line after {from:?} starts with {to:?}"))
    };
    (first as u32 + 1, end as u32)
}

/// A change an analyst flagged.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub kind: String,
    pub severity: Severity,
    pub clause: String,
    #[serde(default)]
    pub old: String,
    #[serde(default)]
    pub new: String,
    #[serde(default)]
    pub why: String,
}

/// A verdict on a finding no label covers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judgment {
    pub kind: String,
    pub clause: String,
    #[serde(default)]
    pub old: String,
    #[serde(default)]
    pub new: String,
    pub verdict: Verdict,
    pub why: String,
}

/// What a judged finding is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Correct,
    OverRated,
    Wrong,
}

/// How one medium+ finding was scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Correct,
    OverRated(String),
    Wrong(String),
    Unlabelled,
}

/// The scores of one pair.
#[derive(Debug)]
pub struct PairScore {
    pub file: String,
    pub name: String,
    pub held_out: bool,
    /// Its language: declared in the file, else detected in the old draft (`en` when undetermined,
    /// as classification reads it).
    pub language: String,
    /// Entries that changed (not unchanged, not only renumbered).
    pub changed_clauses: usize,
    /// `(kind, outcome, message)` of every medium+ finding.
    pub findings: Vec<(String, Outcome, String)>,
    /// `(kind, found at the right kind and medium+, found at the right kind at any severity, label)`.
    pub labels: Vec<(String, bool, bool, String)>,
}

impl PairScore {
    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.findings.iter().filter(|(_, o, _)| f(o)).count()
    }
    pub fn correct(&self) -> usize {
        self.count(|o| *o == Outcome::Correct)
    }
    pub fn over_rated(&self) -> usize {
        self.count(|o| matches!(o, Outcome::OverRated(_)))
    }
    pub fn wrong(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Wrong(_)))
    }
    pub fn unlabelled(&self) -> usize {
        self.count(|o| *o == Outcome::Unlabelled)
    }
    pub fn recalled(&self) -> usize {
        self.labels.iter().filter(|l| l.1).count()
    }
    pub fn recalled_any(&self) -> usize {
        self.labels.iter().filter(|l| l.2).count()
    }
}

/// Words for matching: lower case, letters and digits only, quote and dash styles aside.
fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// What a label or a judgment is about, its words in matching form (see [`words`]), computed once.
struct Key<'a> {
    kind: &'a str,
    clause: String,
    old: String,
    new: String,
}

impl Key<'_> {
    fn new<'a>(kind: &'a str, clause: &str, old: &str, new: &str) -> Key<'a> {
        Key {
            kind,
            clause: words(clause),
            old: words(old),
            new: words(new),
        }
    }
}

fn key(l: &Label) -> Key<'_> {
    Key::new(&l.kind, &l.clause, &l.old, &l.new)
}

/// A finding as matching reads it: its kind, the text of its clauses on each side (with their ids), and
/// its words, in matching form, computed once.
struct Seen {
    kind: &'static str,
    clauses: [String; 2],
    old: String,
    new: String,
}

impl Seen {
    /// `headings`: whether a clause is also known by the heading it stands under (bracket labels
    /// may locate a passage by its article's title; the trust labels and judgments locate by the
    /// clause's own words, and a heading would let one judgment cover its whole article).
    fn new(finding: &Finding, report: &Report, headings: bool) -> Seen {
        let entry = finding.change.and_then(|c| report.changes.get(c));
        // A clause is known by its id and its words (and, for bracket labels, its heading).
        let side = |id: &Option<clausediff::ClauseId>,
                    text: Option<&str>,
                    first: Option<&usize>,
                    draft: &clausediff::Draft| {
            let id = id.as_ref().map_or("", |i| i.0.as_str());
            let heading = first
                .filter(|_| headings)
                .and_then(|&i| draft.clauses.get(i))
                .and_then(|c| c.path.last())
                .map_or("", String::as_str);
            words(&format!("{id} {} {heading}", text.unwrap_or("")))
        };
        Seen {
            kind: finding.kind.name(),
            clauses: [
                side(
                    &finding.old_clause,
                    entry.map(|e| e.old_text(&report.old)),
                    entry.and_then(|e| e.pair.old.first()),
                    &report.old,
                ),
                side(
                    &finding.new_clause,
                    entry.map(|e| e.new_text(&report.new)),
                    entry.and_then(|e| e.pair.new.first()),
                    &report.new,
                ),
            ],
            old: words(&finding.old_text),
            new: words(&finding.new_text),
        }
    }
}

/// Whether one side's words and the other's are about the same thing: one contains the other (an
/// empty label side matches anything).
fn same_words(label: &str, found: &str) -> bool {
    label.trim().is_empty()
        || (!found.trim().is_empty() && (label.contains(found) || found.contains(label)))
}

/// The kinds a label may name for what a bracket finding reports: labels written before brackets
/// were modelled read a dropped bracket as words removed, a chosen alternative as words changed.
fn plain_reading(kind: &str) -> &'static [&'static str] {
    match kind {
        "bracket_dropped" => &[
            "wording_removed",
            "clause_removed",
            "entity_removed",
            "number_changed",
            "watch_term_removed",
        ],
        "option_dropped" => &["clause_removed", "wording_removed"],
        "alternative_chosen" => &["wording_removed", "wording_changed", "number_changed"],
        "option_chosen" => &["wording_removed", "wording_changed"],
        "placeholder_filled" => &["wording_changed", "number_changed", "wording_added"],
        "brackets_added" | "alternative_added" | "placeholder_added" => {
            &["wording_added", "clause_added"]
        }
        "bracket_resolved" => &["wording_changed"],
        _ => &[],
    }
}

fn matches(key: &Key, seen: &Seen) -> bool {
    let in_clause =
        key.clause.trim().is_empty() || seen.clauses.iter().any(|c| c.contains(&key.clause));
    (key.kind == seen.kind || plain_reading(seen.kind).contains(&key.kind))
        && in_clause
        && same_words(&key.old, &seen.old)
        && same_words(&key.new, &seen.new)
}

/// Parses a fixture draft, labelled by its path relative to `fixtures/`.
pub fn draft(fixtures: &Path, relative: &str) -> Draft {
    let text = std::fs::read_to_string(fixtures.join(relative))
        .unwrap_or_else(|e| panic!("{relative}: {e}"));
    Draft::parse(relative, relative, &text, InputFormat::from_path(relative))
}

/// Reads every pair file of `fixtures/eval/real/`, in file-name order.
pub fn pairs(fixtures: &Path) -> Vec<(String, PairFile)> {
    toml_files(&fixtures.join("eval/real"))
}

/// Reads every `.toml` file of a folder into `T`, in file-name order, with its file name.
fn toml_files<T: serde::de::DeserializeOwned>(dir: &Path) -> Vec<(String, T)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
            let parsed: T =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let file = path.file_name().map(|n| n.to_string_lossy().into_owned());
            (file.unwrap_or_default(), parsed)
        })
        .collect()
}

/// Scores one pair.
pub fn score(fixtures: &Path, file: &str, pair: &PairFile) -> PairScore {
    let report = compare(
        draft(fixtures, &pair.old),
        draft(fixtures, &pair.new),
        &Options::default(),
    );
    let language = pair
        .language
        .clone()
        .unwrap_or_else(|| report.old.language.map_or("en", |l| l.code()).to_string());
    // The lines labelled on each side; `None`: the whole draft.
    let scope = pair.scope.as_ref().map(|scope| {
        let side = |relative: &str, markers: &[String; 2]| {
            let text = std::fs::read_to_string(fixtures.join(relative))
                .unwrap_or_else(|e| panic!("{relative}: {e}"));
            scope_lines(&text, markers, relative)
        };
        (side(&pair.old, &scope.old), side(&pair.new, &scope.new))
    });
    let in_scope = |f: &Finding| {
        let within = |line: Option<u32>, (first, last): (u32, u32)| {
            line.is_some_and(|l| (first..=last).contains(&l))
        };
        scope.is_none_or(|(old, new)| within(f.old_line, old) || within(f.new_line, new))
    };
    let mut report = report;
    report.findings.retain(in_scope);
    let clause_in_scope = |c: &clausediff::diff::ClauseDiff| {
        let Some((old, new)) = scope else {
            return true;
        };
        let within = |ids: &[usize], draft: &Draft, (first, last): (u32, u32)| {
            ids.iter()
                .filter_map(|&i| draft.clauses.get(i))
                .any(|c| c.lines.first <= last && c.lines.last >= first)
        };
        within(&c.pair.old, &report.old, old) || within(&c.pair.new, &report.new, new)
    };
    let changed_clauses = report
        .changes
        .iter()
        .filter(|c| c.status != Status::Unchanged && clause_in_scope(c))
        .count();
    let seen: Vec<Seen> = report
        .findings
        .iter()
        .map(|f| Seen::new(f, &report, false))
        .collect();
    let label_keys: Vec<Key> = pair.change.iter().map(key).collect();
    let judgment_keys: Vec<Key> = pair
        .judged
        .iter()
        .map(|j| Key::new(&j.kind, &j.clause, &j.old, &j.new))
        .collect();
    let mut used = vec![false; pair.change.len()];
    let mut findings = Vec::new();
    for (f, seen) in report.findings.iter().zip(&seen) {
        if f.severity < Severity::Medium {
            continue;
        }
        let label = (0..pair.change.len())
            .filter(|&k| matches(&label_keys[k], seen))
            .min_by_key(|&k| used[k]);
        let outcome = match label {
            Some(k) if used[k] => Outcome::Wrong("repeats a finding already made".into()),
            Some(k) => {
                used[k] = true;
                if pair.change[k].severity >= Severity::Medium {
                    Outcome::Correct
                } else {
                    Outcome::OverRated(format!(
                        "labelled {}: {}",
                        pair.change[k].severity.name(),
                        pair.change[k].why
                    ))
                }
            }
            None => judge(pair, &judgment_keys, seen),
        };
        findings.push((f.kind.name().to_string(), outcome, f.message()));
    }
    let labels = pair
        .change
        .iter()
        .zip(&label_keys)
        .filter(|(l, _)| l.severity >= Severity::Medium)
        .map(|(l, key)| {
            let found = |min: Severity| {
                report
                    .findings
                    .iter()
                    .zip(&seen)
                    .any(|(f, seen)| f.severity >= min && matches(key, seen))
            };
            let what = format!("{} in \"{}\": {}", l.severity.name(), l.clause, l.why);
            (
                l.kind.clone(),
                found(Severity::Medium),
                found(Severity::Info),
                what,
            )
        })
        .collect();
    PairScore {
        file: file.to_string(),
        name: pair.name.clone(),
        held_out: pair.held_out,
        language,
        changed_clauses,
        findings,
        labels,
    }
}

/// For judging: each medium+ finding of a pair that no label or judgment covers, with its kind, its
/// clauses' opening words and its words in full, in the form a `[[judged]]` entry takes.
pub fn unjudged(fixtures: &Path, pair: &PairFile) -> String {
    let mut out = String::new();
    let scored = score(fixtures, "", pair);
    let report = compare(
        draft(fixtures, &pair.old),
        draft(fixtures, &pair.new),
        &Options::default(),
    );
    let messages: Vec<&str> = scored
        .findings
        .iter()
        .filter(|(_, o, _)| *o == Outcome::Unlabelled)
        .map(|(_, _, m)| m.as_str())
        .collect();
    for f in &report.findings {
        if f.severity < Severity::Medium || !messages.contains(&f.message().as_str()) {
            continue;
        }
        let entry = f.change.and_then(|c| report.changes.get(c));
        let clause = |text: Option<&str>| excerpt_words(text.unwrap_or(""));
        let _ = writeln!(
            out,
            "- {} {} [{:?} → {:?}] lines {:?}/{:?}\n  old clause: {}\n  new clause: {}\n  old: {:?}\n  new: {:?}",
            f.kind.name(),
            f.severity.name(),
            f.old_clause.as_ref().map(|c| c.0.as_str()),
            f.new_clause.as_ref().map(|c| c.0.as_str()),
            f.old_line,
            f.new_line,
            clause(entry.map(|e| e.old_text(&report.old))),
            clause(entry.map(|e| e.new_text(&report.new))),
            f.old_text,
            f.new_text
        );
    }
    out
}

fn judge(pair: &PairFile, keys: &[Key], seen: &Seen) -> Outcome {
    let judged = keys
        .iter()
        .position(|key| matches(key, seen))
        .map(|k| &pair.judged[k]);
    match judged {
        Some(j) => match j.verdict {
            Verdict::Correct => Outcome::Correct,
            Verdict::OverRated => Outcome::OverRated(j.why.clone()),
            Verdict::Wrong => Outcome::Wrong(j.why.clone()),
        },
        None => Outcome::Unlabelled,
    }
}

/// Totals over some pairs.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    pub pairs: usize,
    pub findings: usize,
    pub correct: usize,
    pub over_rated: usize,
    pub wrong: usize,
    pub unlabelled: usize,
    pub labels: usize,
    pub recalled: usize,
    pub recalled_any: usize,
}

impl Totals {
    pub fn of<'a>(scores: impl IntoIterator<Item = &'a PairScore>) -> Totals {
        let mut t = Totals::default();
        for s in scores {
            t.pairs += 1;
            t.findings += s.findings.len();
            t.correct += s.correct();
            t.over_rated += s.over_rated();
            t.wrong += s.wrong();
            t.unlabelled += s.unlabelled();
            t.labels += s.labels.len();
            t.recalled += s.recalled();
            t.recalled_any += s.recalled_any();
        }
        t
    }
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.findings)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.recalled, self.labels)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// `EVALUATION.md`.
pub fn render(scores: &[PairScore]) -> String {
    let tuning = Totals::of(scores.iter().filter(|s| !s.held_out));
    let held = Totals::of(scores.iter().filter(|s| s.held_out));
    let all = Totals::of(scores);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Evaluation on real pairs\n\n\
         Generated by `cargo run --release --example evaluate` from the blind labels in\n\
         `fixtures/eval/real/` (format and matching rules in its README.md); do not edit by hand.\n\
         The labels were written by reading both texts before any clausediff output on the pair was\n\
         read. Held-out pairs were kept out of tuning: their column is the honest one.\n"
    );
    let _ = writeln!(out, "## Summary\n");
    let _ = writeln!(out, "| | tuning | held out | all |\n|---|---|---|---|");
    let row = |out: &mut String, name: &str, f: &dyn Fn(&Totals) -> String| {
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} |",
            f(&tuning),
            f(&held),
            f(&all)
        );
    };
    row(&mut out, "pairs", &|t| t.pairs.to_string());
    row(&mut out, "medium+ findings", &|t| t.findings.to_string());
    row(&mut out, "correct", &|t| t.correct.to_string());
    row(&mut out, "over-rated", &|t| t.over_rated.to_string());
    row(&mut out, "wrong", &|t| t.wrong.to_string());
    row(&mut out, "unlabelled (counted wrong)", &|t| {
        t.unlabelled.to_string()
    });
    row(&mut out, "**precision (medium+)**", &|t| {
        format!("**{:.2}**", t.precision())
    });
    row(&mut out, "medium+ labels", &|t| t.labels.to_string());
    row(&mut out, "**recall (right kind, medium+)**", &|t| {
        format!("**{:.2}**", t.recall())
    });
    row(&mut out, "recall (right kind, any severity)", &|t| {
        format!("{:.2}", ratio(t.recalled_any, t.labels))
    });
    let _ = writeln!(out, "\n## By pair\n");
    let _ = writeln!(
        out,
        "| pair | held out | changed clauses | medium+ findings | correct | over-rated | wrong | unlabelled | precision | medium+ labels | recall |\n|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for s in scores {
        let t = Totals::of([s]);
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {:.2} | {} | {:.2} |",
            s.file.trim_end_matches(".toml"),
            if s.held_out { "yes" } else { "" },
            s.changed_clauses,
            t.findings,
            t.correct,
            t.over_rated,
            t.wrong,
            t.unlabelled,
            t.precision(),
            t.labels,
            t.recall()
        );
    }
    render_languages(&mut out, scores);
    render_kinds(&mut out, scores);
    render_details(&mut out, scores);
    out
}

fn render_languages(out: &mut String, scores: &[PairScore]) {
    let mut languages: Vec<&str> = scores.iter().map(|s| s.language.as_str()).collect();
    languages.sort_unstable();
    languages.dedup();
    let _ = writeln!(
        out,
        "\n## By language\n\nEach pair counts under its language (declared in its file, else detected in its old draft).\n\n\
         | language | pairs (tuning) | findings (tuning) | precision (tuning) | labels (tuning) | recall (tuning) | pairs (held out) | findings (held out) | precision (held out) | labels (held out) | recall (held out) |\n|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for language in languages {
        let side = |held: bool| {
            Totals::of(
                scores
                    .iter()
                    .filter(|s| s.language == language && s.held_out == held),
            )
        };
        let (t, h) = (side(false), side(true));
        let _ = writeln!(
            out,
            "| `{language}` | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            t.pairs,
            t.findings,
            share(t.correct, t.findings),
            t.labels,
            share(t.recalled, t.labels),
            h.pairs,
            h.findings,
            share(h.correct, h.findings),
            h.labels,
            share(h.recalled, h.labels)
        );
    }
}

fn render_kinds(out: &mut String, scores: &[PairScore]) {
    // kind → (findings, correct, labels, recalled), tuning and held out apart.
    let mut kinds: BTreeMap<&str, [[usize; 4]; 2]> = BTreeMap::new();
    for s in scores {
        let side = usize::from(s.held_out);
        for (kind, outcome, _) in &s.findings {
            let k = &mut kinds.entry(kind).or_default()[side];
            k[0] += 1;
            k[1] += usize::from(*outcome == Outcome::Correct);
        }
        for (kind, recalled, _, _) in &s.labels {
            let k = &mut kinds.entry(kind).or_default()[side];
            k[2] += 1;
            k[3] += usize::from(*recalled);
        }
    }
    let _ = writeln!(
        out,
        "\n## By kind\n\nPrecision is over the kind's medium+ findings, recall over its medium+ labels; `n/a` where there are none.\n\n\
         | kind | findings (tuning) | precision (tuning) | labels (tuning) | recall (tuning) | findings (held out) | precision (held out) | labels (held out) | recall (held out) |\n|---|---|---|---|---|---|---|---|---|"
    );
    let cell = share;
    for (kind, [t, h]) in kinds {
        let _ = writeln!(
            out,
            "| `{kind}` | {} | {} | {} | {} | {} | {} | {} | {} |",
            t[0],
            cell(t[1], t[0]),
            t[2],
            cell(t[3], t[2]),
            h[0],
            cell(h[1], h[0]),
            h[2],
            cell(h[3], h[2])
        );
    }
}

fn render_details(out: &mut String, scores: &[PairScore]) {
    let _ = writeln!(
        out,
        "\n## What was not right\n\nEvery medium+ finding that is not correct, and every medium+ label not found at its kind and medium+.\n"
    );
    for s in scores {
        let bad: Vec<String> = s
            .findings
            .iter()
            .filter_map(|(_, o, message)| match o {
                Outcome::Correct => None,
                Outcome::OverRated(why) => Some(format!("- over-rated: {message} ({why})")),
                Outcome::Wrong(why) => Some(format!("- wrong: {message} ({why})")),
                Outcome::Unlabelled => Some(format!("- unlabelled: {message}")),
            })
            .chain(
                s.labels
                    .iter()
                    .filter(|l| !l.1)
                    .map(|(kind, _, any, what)| {
                        let at = if *any { ", found below medium" } else { "" };
                        format!("- missed {kind}{at}: {what}")
                    }),
            )
            .collect();
        if bad.is_empty() {
            continue;
        }
        let held = if s.held_out { " (held out)" } else { "" };
        let _ = writeln!(out, "### `{}`{held}\n\n{}\n", s.file, bad.join("\n"));
    }
}

/// The kinds of bracket and option events.
pub const BRACKET_KINDS: &[&str] = &[
    "bracket_resolved",
    "bracket_dropped",
    "alternative_chosen",
    "alternative_added",
    "brackets_added",
    "option_chosen",
    "option_dropped",
    "placeholder_filled",
    "placeholder_added",
];

/// A file of bracket labels (`fixtures/eval/brackets/`): passages of a negotiating draft sampled at
/// regular spacing and traced into the next draft by hand, before any clausediff output was read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BracketFile {
    pub name: String,
    pub old: String,
    pub new: String,
    /// Kept out of the tuning of the bracket rules.
    #[serde(default)]
    pub held_out: bool,
    pub labelled: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub change: Vec<Label>,
}

/// How the bracket events of one pair compare with its labels.
#[derive(Debug, Default, Clone)]
pub struct BracketScore {
    pub file: String,
    pub name: String,
    pub held_out: bool,
    /// Bracketed spans and options of the old and the new draft, as clausediff counts them.
    pub counts: [(usize, usize); 2],
    pub labels: usize,
    /// Labels matched by a finding of their kind (any severity).
    pub found: usize,
    /// Bracket findings about a labelled passage (its clause and words, whatever the kind).
    pub about: usize,
    /// Of those, the ones of the label's kind.
    pub right: usize,
    /// Per label kind: (labels, found).
    pub kinds: BTreeMap<String, (usize, usize)>,
    /// Labels no finding of their kind matched: `kind: old words`.
    pub missed: Vec<String>,
}

/// Reads every file of `fixtures/eval/brackets/`, in file-name order.
pub fn bracket_files(fixtures: &Path) -> Vec<(String, BracketFile)> {
    toml_files(&fixtures.join("eval/brackets"))
}

/// Scores one pair's bracket events: recall of the labels at their kind, and precision of the
/// events about labelled passages.
pub fn score_brackets(fixtures: &Path, file: &str, pair: &BracketFile) -> BracketScore {
    let (old, new) = (draft(fixtures, &pair.old), draft(fixtures, &pair.new));
    let counts = [old.bracket_counts(), new.bracket_counts()].map(|c| (c.brackets, c.options));
    let report = compare(old, new, &Options::default());
    let seen: Vec<(&Finding, Seen)> = report
        .findings
        .iter()
        .filter(|f| BRACKET_KINDS.contains(&f.kind.name()))
        .map(|f| (f, Seen::new(f, &report, true)))
        .collect();
    let mut score = BracketScore {
        file: file.to_string(),
        name: pair.name.clone(),
        held_out: pair.held_out,
        counts,
        labels: pair.change.len(),
        ..BracketScore::default()
    };
    let mut about = vec![None::<bool>; seen.len()];
    for label in &pair.change {
        let key = key(label);
        let entry = score.kinds.entry(label.kind.clone()).or_default();
        entry.0 += 1;
        let mut found = false;
        for (i, (_, s)) in seen.iter().enumerate() {
            let same_passage = Key {
                kind: s.kind,
                clause: key.clause.clone(),
                old: key.old.clone(),
                new: key.new.clone(),
            };
            if matches(&same_passage, s) {
                let right = s.kind == key.kind;
                found |= right;
                about[i] = Some(about[i].unwrap_or(false) || right);
            }
        }
        if found {
            score.found += 1;
            entry.1 += 1;
        } else {
            score
                .missed
                .push(format!("{}: {}", label.kind, excerpt_words(&label.old)));
        }
    }
    score.about = about.iter().filter(|a| a.is_some()).count();
    score.right = about.iter().filter(|a| **a == Some(true)).count();
    score
}

fn excerpt_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(12).collect();
    words.join(" ")
}

/// A ratio for a table cell: two decimals, `n/a` of nothing.
fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        "n/a".to_string()
    } else {
        format!("{:.2}", ratio(part, whole))
    }
}

/// The bracket section of `EVALUATION.md`.
pub fn render_brackets(scores: &[BracketScore]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n# Negotiation brackets\n\n\
         From the hand labels in `fixtures/eval/brackets/`: bracketed passages and options of each\n\
         old draft, sampled at regular spacing and traced into the next draft by reading both, before\n\
         any clausediff output was read (how, and the hand counts, in that folder's COUNTS.md).\n\
         **Recall**: labels matched by a finding of their kind, any severity. **Precision**: of the\n\
         bracket findings about a labelled passage (its clause and words), those of the label's kind.\n"
    );
    let _ = writeln!(
        out,
        "| pair | brackets (old → new) | options (old → new) | labels | recall | findings about them | precision |\n|---|---|---|---|---|---|---|"
    );
    let (mut labels, mut found, mut about, mut right) = (0, 0, 0, 0);
    for s in scores {
        let _ = writeln!(
            out,
            "| `{}`{} | {} → {} | {} → {} | {} | {} | {} | {} |",
            s.file.trim_end_matches(".toml"),
            if s.held_out { " (held out)" } else { "" },
            s.counts[0].0,
            s.counts[1].0,
            s.counts[0].1,
            s.counts[1].1,
            s.labels,
            share(s.found, s.labels),
            s.about,
            share(s.right, s.about)
        );
        labels += s.labels;
        found += s.found;
        about += s.about;
        right += s.right;
    }
    for (name, held) in [("tuning", false), ("held out", true)] {
        let part: Vec<&BracketScore> = scores.iter().filter(|s| s.held_out == held).collect();
        let sum = |f: fn(&BracketScore) -> usize| part.iter().map(|s| f(s)).sum::<usize>();
        let _ = writeln!(
            out,
            "| {name} | | | {} | {} | {} | {} |",
            sum(|s| s.labels),
            share(sum(|s| s.found), sum(|s| s.labels)),
            sum(|s| s.about),
            share(sum(|s| s.right), sum(|s| s.about))
        );
    }
    let _ = writeln!(
        out,
        "| **all** | | | {labels} | **{}** | {about} | **{}** |\n",
        share(found, labels),
        share(right, about)
    );
    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for s in scores {
        for (k, (n, f)) in &s.kinds {
            let e = kinds.entry(k.as_str()).or_default();
            e.0 += n;
            e.1 += f;
        }
    }
    let _ = writeln!(out, "| kind | labels | recall |\n|---|---|---|");
    for (k, (n, f)) in kinds {
        let _ = writeln!(out, "| `{k}` | {n} | {} |", share(f, n));
    }
    let _ = writeln!(out, "\n## Missed labels\n");
    for s in scores {
        for m in &s.missed {
            let _ = writeln!(out, "- {}: {m}", s.file.trim_end_matches(".toml"));
        }
    }
    out
}

/// The whole of `EVALUATION.md`.
pub fn page(fixtures: &Path, scores: &[PairScore]) -> String {
    let brackets: Vec<BracketScore> = bracket_files(fixtures)
        .iter()
        .map(|(file, pair)| score_brackets(fixtures, file, pair))
        .collect();
    render(scores) + &render_brackets(&brackets)
}

/// For tuning the bracket rules: each label of one (tuning) file with the bracket findings in its
/// clause, and the findings about a label that are of another kind. Never called on a held-out file.
pub fn bracket_diagnostics(fixtures: &Path, pair: &BracketFile) -> String {
    assert!(!pair.held_out, "diagnostics are for tuning files only");
    let (old, new) = (draft(fixtures, &pair.old), draft(fixtures, &pair.new));
    let report = compare(old, new, &Options::default());
    let all: Vec<(&Finding, Seen)> = report
        .findings
        .iter()
        .map(|f| (f, Seen::new(f, &report, true)))
        .collect();
    let short = |s: &str| excerpt_words(s);
    let mut out = String::new();
    for label in &pair.change {
        let key = key(label);
        let mut lines = Vec::new();
        let mut found = false;
        for (f, s) in &all {
            let in_clause =
                key.clause.trim().is_empty() || s.clauses.iter().any(|c| c.contains(&key.clause));
            let same = Key {
                kind: s.kind,
                clause: key.clause.clone(),
                old: key.old.clone(),
                new: key.new.clone(),
            };
            let m = matches(&same, s);
            if m && s.kind == key.kind {
                found = true;
            }
            if in_clause || m {
                lines.push(format!(
                    "    {} {} {} [{:?}→{:?}] old={:?} new={:?}",
                    if m { "MATCH" } else { "     " },
                    s.kind,
                    f.severity.name(),
                    f.old_clause.as_ref().map(|c| c.0.as_str()),
                    f.new_clause.as_ref().map(|c| c.0.as_str()),
                    short(&f.old_text),
                    short(&f.new_text)
                ));
            }
        }
        let _ = writeln!(
            out,
            "{} {} clause={:?}\n  old={:?}\n  new={:?}",
            if found { "OK  " } else { "MISS" },
            label.kind,
            label.clause,
            short(&label.old),
            short(&label.new)
        );
        for l in lines.iter().take(14) {
            let _ = writeln!(out, "{l}");
        }
    }
    out
}
