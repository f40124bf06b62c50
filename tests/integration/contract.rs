//! The `clausediff.report.v1` JSON contract, checked by parsing the output back into structs that refuse
//! unknown fields: a renamed or added field fails here first, and must be reflected in CHANGELOG.md.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::clausediff;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to be checked by deserialisation")]
struct Report {
    schema: String,
    old: Draft,
    new: Draft,
    summary: Summary,
    clauses: Vec<Clause>,
    findings: Vec<Finding>,
    notes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to be checked by deserialisation")]
struct Draft {
    label: String,
    source: String,
    clauses: usize,
    format: String,
    /// `ar`, `de`, `en`, `es`, `fr`, `ru`, `zh`, or null when not detected.
    language: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to be checked by deserialisation")]
struct Summary {
    unchanged: usize,
    modified: usize,
    renumbered: usize,
    moved: usize,
    added: usize,
    removed: usize,
    split: usize,
    merged: usize,
    findings: BTreeMap<String, usize>,
    max_severity: Option<String>,
    /// Negotiating texts only: bracketed spans and options, old and new.
    brackets: Option<OldNew>,
    options: Option<OldNew>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to be checked by deserialisation")]
struct OldNew {
    old: usize,
    new: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to be checked by deserialisation")]
struct Clause {
    status: String,
    renumbered: bool,
    modified: bool,
    old: Vec<String>,
    new: Vec<String>,
    similarity: f64,
    old_lines: Option<[u32; 2]>,
    new_lines: Option<[u32; 2]>,
    edits: Vec<Edit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    op: String,
    old: String,
    new: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to be checked by deserialisation")]
struct Finding {
    kind: String,
    severity: String,
    rule: String,
    old_clause: Option<String>,
    new_clause: Option<String>,
    old_text: String,
    new_text: String,
    old_line: Option<u32>,
    new_line: Option<u32>,
    message: String,
    /// `diff --tracked` only: the tracked change that made the finding.
    revision: Option<Revision>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to be checked by deserialisation")]
struct Revision {
    author: Option<String>,
    date: Option<String>,
}

const STATUSES: &[&str] = &[
    "unchanged",
    "modified",
    "added",
    "removed",
    "moved",
    "split",
    "merged",
];
const SEVERITIES: &[&str] = &["info", "low", "medium", "high"];

fn json_report(old: &str, new: &str) -> Report {
    let out = clausediff()
        .args(["diff", old, new, "--format", "json"])
        .output()
        .expect("runs");
    serde_json::from_slice(&out.stdout).expect("the report follows the v1 contract")
}

#[test]
fn reports_follow_the_v1_contract() {
    let pairs = [
        (
            "fixtures/joint-statement/draft.txt",
            "fixtures/joint-statement/final.txt",
        ),
        (
            "fixtures/cases/clause-split/v1.txt",
            "fixtures/cases/clause-split/v2.txt",
        ),
        (
            "fixtures/cases/markdown-sections/v1.md",
            "fixtures/cases/markdown-sections/v2.md",
        ),
        (
            "fixtures/paris-agreement/03-2015-12-09-draft-agreement.md",
            "fixtures/paris-agreement/04-2015-12-12-paris-agreement-L9-Rev1.md",
        ),
    ];
    for (old, new) in pairs {
        let report = json_report(old, new);
        assert_eq!(report.schema, "clausediff.report.v1");
        assert_eq!(
            report.clauses.iter().map(|c| c.old.len()).sum::<usize>(),
            report.old.clauses
        );
        assert_eq!(
            report.clauses.iter().map(|c| c.new.len()).sum::<usize>(),
            report.new.clauses
        );
        let by_status = |s: &str| report.clauses.iter().filter(|c| c.status == s).count();
        assert_eq!(by_status("removed"), report.summary.removed);
        assert_eq!(by_status("added"), report.summary.added);
        assert_eq!(
            report.findings.len(),
            report.summary.findings.values().sum::<usize>()
        );
        for clause in &report.clauses {
            assert!(STATUSES.contains(&clause.status.as_str()));
            assert!((0.0..=1.0).contains(&clause.similarity));
            for edit in &clause.edits {
                assert!(["equal", "delete", "insert", "replace"].contains(&edit.op.as_str()));
                if edit.op == "delete" {
                    assert!(edit.new.is_empty());
                }
                if edit.op == "insert" {
                    assert!(edit.old.is_empty());
                }
            }
        }
        for finding in &report.findings {
            assert!(SEVERITIES.contains(&finding.severity.as_str()));
            assert!(!finding.message.is_empty());
        }
    }
}

#[test]
fn tracked_change_findings_carry_their_revision() {
    let out = clausediff()
        .args([
            "diff",
            "--tracked",
            "fixtures/docx/treaty-tracked.docx",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    let report: Report = serde_json::from_slice(&out.stdout).expect("the v1 contract");
    let softened = report
        .findings
        .iter()
        .find(|f| f.kind == "softened")
        .expect("a softened finding");
    let revision = softened.revision.as_ref().expect("its revision");
    assert_eq!(revision.author.as_deref(), Some("Delegation of Norway"));
    assert_eq!(revision.date.as_deref(), Some("2025-03-14T09:30:00Z"));
    assert!(
        softened
            .message
            .ends_with("softened by Delegation of Norway on 14 March 2025")
    );
    // A two-file diff has no revisions, and says nothing of them.
    let plain = json_report(
        "fixtures/docx/treaty-v1.docx",
        "fixtures/docx/treaty-v2.docx",
    );
    assert!(plain.findings.iter().all(|f| f.revision.is_none()));
}

#[test]
fn edits_concatenate_back_to_both_clause_texts() {
    let report = json_report(
        "fixtures/joint-statement/draft.txt",
        "fixtures/joint-statement/final.txt",
    );
    let old = crate::draft("joint-statement/draft.txt");
    let new = crate::draft("joint-statement/final.txt");
    for clause in &report.clauses {
        let text = |ids: &[String], d: &clausediff::Draft| {
            ids.iter()
                .map(|id| {
                    d.clauses
                        .iter()
                        .find(|c| &c.id.0 == id)
                        .unwrap()
                        .text
                        .clone()
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let rebuilt_old: String = clause.edits.iter().map(|e| e.old.as_str()).collect();
        let rebuilt_new: String = clause.edits.iter().map(|e| e.new.as_str()).collect();
        assert_eq!(rebuilt_old, text(&clause.old, &old));
        assert_eq!(rebuilt_new, text(&clause.new, &new));
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    let run = || {
        clausediff()
            .args([
                "diff",
                "fixtures/paris-agreement/01-2015-10-23-adp-draft-negotiating-text.md",
                "fixtures/paris-agreement/02-2015-12-04-adp-draft-agreement.md",
                "--format",
                "json",
            ])
            .output()
            .unwrap()
            .stdout
    };
    let first = run();
    assert!(first.len() > 100_000);
    assert_eq!(first, run());
}

/// Every report below validates against the schema published in `schemas/` (generated from the wire
/// types by a unit test), so a reader who codes against the schema reads every field clausediff writes.
#[test]
fn reports_validate_against_the_published_json_schema() {
    let schema = std::fs::read_to_string(crate::root().join("schemas/clausediff.report.v1.json"))
        .expect("the published schema");
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the published schema compiles");
    let mut pairs: Vec<(String, String)> = std::fs::read_dir(crate::root().join("fixtures/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|case| {
            let ext = if case.join("v1.md").exists() {
                "md"
            } else {
                "txt"
            };
            let (v1, v2) = (
                case.join(format!("v1.{ext}")),
                case.join(format!("v2.{ext}")),
            );
            (v1.exists() && v2.exists())
                .then(|| (v1.display().to_string(), v2.display().to_string()))
        })
        .collect();
    pairs.sort();
    pairs.push((
        "fixtures/paris-agreement/02-2015-12-04-adp-draft-agreement.md".into(),
        "fixtures/paris-agreement/03-2015-12-09-draft-agreement.md".into(),
    ));
    pairs.push((
        "fixtures/joint-statement/draft.txt".into(),
        "fixtures/joint-statement/final.txt".into(),
    ));
    assert!(pairs.len() > 8);
    let mut runs: Vec<Vec<String>> = pairs
        .iter()
        .map(|(old, new)| {
            vec![
                "diff".into(),
                old.clone(),
                new.clone(),
                "--format".into(),
                "json".into(),
            ]
        })
        .collect();
    // Findings with blame, from a history summary.
    runs.push(
        [
            "history",
            "--summary",
            "--format",
            "json",
            "fixtures/joint-statement-drafts/draft-1.txt",
            "fixtures/joint-statement-drafts/draft-2.txt",
            "fixtures/joint-statement-drafts/draft-4.txt",
        ]
        .map(String::from)
        .to_vec(),
    );
    for args in runs {
        let out = clausediff().args(&args).output().unwrap();
        assert!(
            out.status.code().is_some_and(|c| c < 2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .take(5)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
    }
}
