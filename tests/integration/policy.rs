//! CI policy: --fail-on, baselines, and .clausediff.toml.

use std::path::Path;

use crate::clausediff;

fn fixture(relative: &str) -> String {
    crate::root().join(relative).display().to_string()
}

fn draft() -> String {
    fixture("fixtures/joint-statement/draft.txt")
}

fn final_() -> String {
    fixture("fixtures/joint-statement/final.txt")
}

#[test]
fn fail_on_sets_the_exit_status() {
    let (d, f) = (draft(), final_());
    clausediff()
        .args(["diff", &d, &f, "--fail-on", "high"])
        .assert()
        .code(1);
    clausediff()
        .args(["diff", &d, &f, "--fail-on", "none"])
        .assert()
        .code(0);
    // The added sentence of this pair is "medium": it fails at medium, not at high.
    let (a, b) = (
        fixture("fixtures/cases/unnumbered-paragraphs/v1.txt"),
        fixture("fixtures/cases/unnumbered-paragraphs/v2.txt"),
    );
    clausediff()
        .args(["diff", &a, &b, "--fail-on", "medium"])
        .assert()
        .code(1);
    clausediff()
        .args(["diff", &a, &b, "--fail-on", "high"])
        .assert()
        .code(0);
}

#[test]
fn a_baseline_accepts_known_findings_so_ci_fails_only_on_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let (d, f) = (draft(), final_());
    clausediff()
        .args([
            "diff",
            &d,
            &f,
            "--fail-on",
            "high",
            "--write-baseline",
            baseline,
            "--format",
            "json",
        ])
        .assert()
        .code(1);
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(baseline).unwrap()).unwrap();
    assert_eq!(written["schema"], "clausediff.baseline.v2");
    assert_eq!(written["findings"].as_array().unwrap().len(), 21);
    assert!(
        written["findings"][0].get("old_line").is_none(),
        "baselines hold no lines"
    );
    let out = clausediff()
        .args([
            "diff",
            &d,
            &f,
            "--fail-on",
            "high",
            "--baseline",
            baseline,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["findings"].as_array().unwrap().is_empty());
    assert_eq!(
        report["notes"][0],
        "21 findings already in the baseline not shown"
    );

    // A new revision with one more softening: only that one remains, and CI fails on it.
    let newer = dir.path().join("newer.txt");
    let text = std::fs::read_to_string(&f).unwrap().replace(
        "The Parties will deepen cooperation in energy",
        "The Parties may deepen cooperation in energy",
    );
    std::fs::write(&newer, text).unwrap();
    let out = clausediff()
        .args([
            "diff",
            &d,
            newer.to_str().unwrap(),
            "--fail-on",
            "high",
            "--baseline",
            baseline,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages, ["5: \"will\" → \"may\" (obligation, 4 → 1)"]);
}

#[test]
fn a_baseline_that_is_not_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("baseline.json");
    std::fs::write(&bad, "{\"findings\": [}").unwrap();
    let out = clausediff()
        .args([
            "diff",
            &draft(),
            &final_(),
            "--baseline",
            bad.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!("clausediff: error: {}:1:", bad.display())),
        "{stderr}"
    );
}

/// A folder with the declaration's drafts: `v1.txt`, `v2.txt`, and `v3.txt`, which is `v2.txt` with
/// a new paragraph 1, so its paragraph 2 is now 3, 3 is 4, and so on.
fn renumbering() -> tempfile::TempDir {
    use crate::formats::{NEW_PARAGRAPHS, OLD_PARAGRAPHS, declaration};
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: String| std::fs::write(dir.path().join(name), text).unwrap();
    write("v1.txt", declaration(&OLD_PARAGRAPHS, false));
    write("v2.txt", declaration(&NEW_PARAGRAPHS, false));
    write("v3.txt", declaration(&NEW_PARAGRAPHS, true));
    dir
}

/// The rules of the findings of a JSON report.
fn rules(output: &std::process::Output) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_baseline_survives_a_paragraph_inserted_above_and_renumbering() {
    let dir = renumbering();
    let path = dir.path();
    let written = run_in(
        path,
        &["diff", "v1.txt", "v2.txt", "--write-baseline", "b.json"],
    );
    assert_eq!(written.status.code(), Some(1));
    let baseline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path.join("b.json")).unwrap()).unwrap();
    assert_eq!(baseline["schema"], "clausediff.baseline.v2");
    let entries = baseline["findings"].as_array().unwrap();
    assert!(entries.len() >= 7);
    for entry in entries {
        let keys: Vec<&String> = entry.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["fingerprint", "new_text", "old_text", "rule"],
            "{entry}"
        );
        assert_eq!(entry["fingerprint"].as_str().unwrap().len(), 16);
    }
    // Paragraph 2 inserted, the old 5 is now 6: every accepted finding stays accepted; only what
    // the insertion did is reported.
    let later = run_in(
        path,
        &[
            "diff",
            "v1.txt",
            "v3.txt",
            "--baseline",
            "b.json",
            "--format",
            "json",
        ],
    );
    assert!(
        later.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&later.stderr)
    );
    let left = rules(&later);
    assert!(
        left.contains(&"structure.clause_added".to_string()),
        "{left:?}"
    );
    assert!(
        left.iter()
            .all(|r| r == "structure.clause_added" || r == "structure.clause_renumbered"),
        "{left:?}"
    );
    let report: serde_json::Value = serde_json::from_slice(&later.stdout).unwrap();
    let note = report["notes"][0].as_str().unwrap();
    assert!(
        note.ends_with("findings already in the baseline not shown"),
        "{note}"
    );
}

#[test]
fn a_v1_baseline_is_still_read_with_a_warning_naming_the_rewrite() {
    let dir = renumbering();
    let path = dir.path();
    let entries = [
        ("scale.softened", "2", "shall", "should"),
        ("number.changed", "4 → 3", "2030", "2035"),
    ];
    let findings: Vec<serde_json::Value> = entries
        .iter()
        .map(|(rule, clause, old, new)| {
            let clause = clause.split(" → ").last().unwrap();
            serde_json::json!({"rule": rule, "clause": clause, "old_text": old, "new_text": new})
        })
        .collect();
    let v1 = serde_json::json!({"schema": "clausediff.baseline.v1", "findings": findings});
    std::fs::write(path.join("old.json"), v1.to_string()).unwrap();
    let out = run_in(
        path,
        &[
            "diff",
            "v1.txt",
            "v2.txt",
            "--baseline",
            "old.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "clausediff: warning: old.json is a clausediff.baseline.v1 file, matched by clause id: \
         findings in renumbered clauses are reported again; rewrite it with `clausediff diff OLD \
         NEW --write-baseline old.json`\n"
    );
    // Matched as v1 allows: by rule, clause id and words.
    let left = rules(&out);
    assert!(!left.contains(&"scale.softened".to_string()), "{left:?}");
    assert!(!left.contains(&"number.changed".to_string()), "{left:?}");
    assert!(left.contains(&"structure.clause_removed".to_string()));
}

#[test]
fn a_baseline_of_an_unknown_version_is_refused_with_the_command_that_rewrites_it() {
    let dir = renumbering();
    let path = dir.path();
    std::fs::write(
        path.join("future.json"),
        "{\"schema\": \"clausediff.baseline.v7\", \"entries\": []}",
    )
    .unwrap();
    let out = run_in(
        path,
        &["diff", "v1.txt", "v2.txt", "--baseline", "future.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "clausediff: error: future.json: baseline schema `clausediff.baseline.v7` is not one this \
         clausediff reads (clausediff.baseline.v2 or clausediff.baseline.v1); rewrite it with \
         `clausediff diff OLD NEW --write-baseline future.json`\n"
    );
}

fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".clausediff.toml"), config).unwrap();
    std::fs::create_dir_all(dir.path().join("docs/archive")).unwrap();
    for (name, source) in [("docs/draft.txt", draft()), ("docs/final.txt", final_())] {
        std::fs::copy(source, dir.path().join(name)).unwrap();
    }
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    clausediff().current_dir(dir).args(args).output().unwrap()
}

#[test]
fn the_config_file_is_found_from_the_current_folder_upward() {
    let dir = project(
        "fail_on = \"high\"\ndisable = [\"structure.clause_removed\"]\n\n[severity]\n\"watch.removed\" = \"medium\"\n\"scale.softened\" = \"medium\"\n",
    );
    let nested = dir.path().join("docs/archive");
    let out = run_in(
        &nested,
        &["diff", "../draft.txt", "../final.txt", "--format", "json"],
    );
    // Nothing is high any more: the removals are off, the rest regraded.
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .all(|f| f["rule"] != "structure.clause_removed")
    );
    assert!(findings.iter().all(|f| f["severity"] != "high"));
    // The command line wins over the file.
    let out = run_in(
        &nested,
        &[
            "diff",
            "../draft.txt",
            "../final.txt",
            "--fail-on",
            "medium",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn config_names_lexicons_and_watchlists_relative_to_itself() {
    let dir = project(
        "lexicons = [\"data/lexicon.toml\"]\nwatchlists = [\"data/watch.toml\"]\ndefault_watchlists = false\n",
    );
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::write(
        dir.path().join("data/lexicon.toml"),
        "intensifiers = [\"jointly\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("data/watch.toml"),
        "name = \"regions\"\n[[term]]\nname = \"Northeast Asia\"\naliases = []\n",
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &[
            "diff",
            "docs/draft.txt",
            "docs/final.txt",
            "--format",
            "json",
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Both watched clauses are removed whole: their watch terms are the removals' evidence.
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "clause_removed")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    let naming = |list: &str| messages.iter().filter(|m| m.contains(list)).count();
    assert_eq!(
        (
            naming("watch term \"Northeast Asia\", regions"),
            naming("disputed-territories")
        ),
        (1, 0),
        "the built-in list is off, the project's is on: {messages:?}"
    );
}

#[test]
fn ignored_paths_are_not_compared() {
    let dir = project("ignore = [\"docs/archive/**\"]\n");
    std::fs::copy(
        dir.path().join("docs/final.txt"),
        dir.path().join("docs/archive/old.txt"),
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &["diff", "docs/draft.txt", "docs/archive/old.txt"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("docs/archive/old.txt is ignored by")
    );
    let out = run_in(dir.path(), &["diff", "docs/draft.txt", "docs/final.txt"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn unknown_config_keys_are_errors_that_name_them() {
    let dir = project("fail_on = \"high\"\nfailon = \"low\"\n");
    let out = run_in(dir.path(), &["diff", "docs/draft.txt", "docs/final.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(".clausediff.toml:2:1: unknown field `failon`"),
        "{stderr}"
    );
    let dir = project("[severity]\n\"scale.soft\" = \"low\"\n");
    let out = run_in(dir.path(), &["diff", "docs/draft.txt", "docs/final.txt"]);
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("unknown rule id `scale.soft`")
    );
    let explicit = run_in(dir.path(), &["--config", "missing.toml", "rules"]);
    assert_eq!(explicit.status.code(), Some(2));
}
