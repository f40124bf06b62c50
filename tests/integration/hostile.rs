//! Hostile and odd input: each case completes with a sensible report, or a clear error and exit code
//! 2, through the real binary. These are liveness tests: the timeout only turns a hang into a failure
//! instead of a stuck CI job; speed is measured in the benchmarks (`bench/compare.sh`).

#[path = "../../bench/hostile.rs"]
#[allow(dead_code, reason = "the descriptions are for the benchmark table")]
mod cases;

use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

use crate::clausediff;

/// Far above what any case takes even in a debug build; only a hang reaches it.
const HANG: Duration = Duration::from_secs(300);

/// Writes the case's two versions and runs `clausediff diff --format json` on them; returns the exit
/// code, stdout and stderr.
fn run(name: &str) -> (i32, String, String) {
    let case = cases::generate(name);
    let dir = tempfile::tempdir().unwrap();
    let path =
        |version: &str| -> PathBuf { dir.path().join(format!("{version}.{}", case.extension)) };
    std::fs::write(path("old"), &case.old).unwrap();
    std::fs::write(path("new"), &case.new).unwrap();
    // No word-diff deadline: under a loaded test machine a debug build could hit it, and these
    // cases assert the edits themselves (the deadline has a test of its own).
    let output = clausediff()
        .args(["diff", "--format", "json", "--diff-timeout", "0"])
        .arg(path("old"))
        .arg(path("new"))
        .timeout(HANG)
        .output()
        .unwrap();
    let code = output
        .status
        .code()
        .expect("clausediff exited, it was not killed");
    assert_eq!(
        code == 2,
        case.rejected,
        "{name}: exit code {code}, stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        code,
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The JSON report of a case that must produce one.
fn report(name: &str) -> Value {
    let (code, stdout, stderr) = run(name);
    assert!(code == 0 || code == 1, "{name}: exit {code}: {stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn summary(report: &Value, key: &str) -> u64 {
    report["summary"][key].as_u64().unwrap()
}

fn finding_count(report: &Value, kind: &str) -> u64 {
    report["summary"]["findings"][kind].as_u64().unwrap_or(0)
}

/// The concatenated `side` ("old" or "new") text of every edit of every clause entry.
fn edits_text(entry: &Value, side: &str) -> String {
    entry["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[side].as_str().unwrap_or(""))
        .collect()
}

#[test]
fn every_case_is_generated_the_same_way_each_time() {
    for &name in cases::NAMES {
        let (a, b) = (cases::generate(name), cases::generate(name));
        assert_eq!(a.name, name);
        assert!(a.old == b.old && a.new == b.new, "{name}");
    }
}

#[test]
fn a_5_mb_paragraph_without_punctuation_reports_each_of_its_100_edits() {
    let report = report("paragraph-5mb");
    assert_eq!(summary(&report, "modified"), 1);
    let entry = &report["clauses"][0];
    let changed = entry["edits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["op"] != "equal")
        .count();
    assert_eq!(changed, 100);
    assert_eq!(report["findings"].as_array().unwrap().len(), 100);
    assert_eq!(report["notes"], serde_json::json!([]));
    let case = cases::generate("paragraph-5mb");
    let text = |bytes: &[u8]| {
        String::from_utf8(bytes.to_vec())
            .unwrap()
            .trim_end()
            .to_owned()
    };
    assert_eq!(edits_text(entry, "old"), text(&case.old));
    assert_eq!(edits_text(entry, "new"), text(&case.new));
}

#[test]
fn two_hundred_thousand_one_word_clauses_align_in_order() {
    let report = report("one-word-clauses");
    assert_eq!(report["old"]["clauses"], 200_000);
    assert_eq!(report["new"]["clauses"], 200_000);
    // 100 clauses changed (a one-word clause changed is one removed and one added), 100 removed and
    // 100 added; everything else stays where it was.
    assert_eq!(summary(&report, "unchanged"), 199_800);
    assert_eq!(summary(&report, "removed"), 200);
    assert_eq!(summary(&report, "added"), 200);
    assert_eq!(summary(&report, "moved"), 0);
}

#[test]
fn ten_thousand_identical_clauses_with_one_changed() {
    let report = report("identical-clauses");
    assert_eq!(summary(&report, "unchanged"), 9_999);
    assert_eq!(summary(&report, "modified"), 1);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["kind"], "softened");
    assert_eq!(findings[0]["new_clause"], "¶6144");
}

#[test]
fn every_clause_shuffled_is_moved_not_removed() {
    let report = report("shuffled");
    let total = report["old"]["clauses"].as_u64().unwrap();
    assert_eq!(
        summary(&report, "unchanged") + summary(&report, "moved"),
        total
    );
    for kind in ["removed", "added", "modified"] {
        assert_eq!(summary(&report, kind), 0, "{kind}");
    }
    assert_eq!(
        finding_count(&report, "clause_moved"),
        summary(&report, "moved")
    );
}

#[test]
fn two_unrelated_documents_are_all_removed_and_added() {
    let report = report("unrelated-1mb");
    assert_eq!(
        summary(&report, "removed"),
        report["old"]["clauses"].as_u64().unwrap()
    );
    assert_eq!(
        summary(&report, "added"),
        report["new"]["clauses"].as_u64().unwrap()
    );
}

#[test]
fn a_hundred_thousand_blank_lines_keep_line_numbers_right() {
    let report = report("blank-lines");
    assert_eq!(report["old"]["clauses"], 3);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["new_clause"], "3");
    assert_eq!(findings[0]["new_line"], 200_003);
}

#[test]
fn numbering_nested_a_thousand_levels_deep() {
    let report = report("nested-numbering");
    assert_eq!(report["old"]["clauses"], 1_000);
    assert_eq!(summary(&report, "unchanged"), 999);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    let deepest = findings[0]["new_clause"].as_str().unwrap();
    assert_eq!(deepest.split('.').count(), 1_000, "{deepest:.40}…");
}

#[test]
fn markdown_lists_nested_a_thousand_levels_deep() {
    let report = report("nested-markdown");
    assert_eq!(summary(&report, "modified"), 1);
    assert_eq!(report["findings"].as_array().unwrap().len(), 1);
    assert_eq!(report["findings"][0]["kind"], "softened");
}

#[test]
fn crlf_cr_and_a_byte_order_mark_are_no_changes() {
    for name in ["crlf", "cr", "bom"] {
        let (code, stdout, stderr) = run(name);
        assert_eq!(code, 0, "{name}: {stderr}");
        let report: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(report["findings"], serde_json::json!([]), "{name}");
        assert_eq!(
            summary(&report, "unchanged"),
            report["old"]["clauses"].as_u64().unwrap(),
            "{name}"
        );
    }
}

#[test]
fn nul_bytes_are_a_one_line_error_naming_the_file() {
    let (code, stdout, stderr) = run("nul-bytes");
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("new.txt: binary file (NUL byte at offset 20)"),
        "{stderr}"
    );
}

#[test]
fn right_to_left_scripts_combining_marks_emoji_and_cjk_survive_intact() {
    let report = report("mixed-scripts");
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["old_text"], "shall");
    assert_eq!(findings[0]["new_text"], "should");
    let case = cases::generate("mixed-scripts");
    let new = String::from_utf8(case.new).unwrap();
    let first = new.split("\n\n").next().unwrap().trim_start_matches("1. ");
    let entry = report["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == "modified")
        .unwrap();
    assert_eq!(edits_text(entry, "new"), first);
}

#[test]
fn a_diff_cut_short_by_its_deadline_says_so() {
    let case = cases::generate("paragraph-5mb");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    let (old, new) = (text(case.old), text(case.new));
    let parse = |label: &str, text: &str| {
        clausediff::Draft::parse(label, label, text, clausediff::InputFormat::Text)
    };
    let mut options = clausediff::Options::default();
    options.diff.timeout = Duration::ZERO;
    let report = clausediff::compare(parse("old", &old), parse("new", &new), &options);
    assert_eq!(report.notes.len(), 1, "{:?}", report.notes);
    assert!(
        report.notes[0].to_string().contains("cut short"),
        "{}",
        report.notes[0]
    );
    // Coarser edits, but nothing lost: they still rebuild both texts.
    let entry = &report.changes[0];
    let (old_text, new_text) = (entry.old_text(&report.old), entry.new_text(&report.new));
    let rebuilt = |side: fn(&clausediff::diff::Edit) -> std::ops::Range<usize>, text: &str| {
        entry
            .words
            .edits
            .iter()
            .map(|e| &text[side(e)])
            .collect::<String>()
    };
    assert_eq!(rebuilt(|e| e.old.clone(), old_text), old_text);
    assert_eq!(rebuilt(|e| e.new.clone(), new_text), new_text);
}

#[test]
fn a_soup_of_unclosed_brackets_and_parentheses_is_read_in_one_pass() {
    let report = report("bracket-soup");
    // Every bracket of the old clause 1 is one span, never closed; none of the new `[a](` is a link.
    assert_eq!(report["summary"]["brackets"]["old"], 100_000);
    assert_eq!(report["summary"]["brackets"]["new"], 50_000);
    // The acronym-like clause 2 is still matched: only its parentheses changed.
    assert!(summary(&report, "modified") >= 1);
}

#[test]
fn bracketed_words_reordered_in_one_long_clause_are_each_found_once() {
    let report = report("bracket-words");
    assert_eq!(report["summary"]["brackets"]["old"], 20_000);
    // Every pair's words stand unbracketed in the new clause, in the other order: agreed.
    assert_eq!(finding_count(&report, "bracket_resolved"), 20_000);
    assert_eq!(finding_count(&report, "bracket_dropped"), 0);
    // Each finding quotes its own few words, not the clause.
    for f in report["findings"].as_array().unwrap() {
        assert!(f["new_text"].as_str().unwrap().len() < 200, "{f}");
    }
}
