//! The binary: exit codes, errors, colour, labels, standard input.

use predicates::prelude::*;

use crate::clausediff;

const DRAFT: &str = "fixtures/joint-statement/draft.txt";
const FINAL: &str = "fixtures/joint-statement/final.txt";

fn stdout_of(args: &[&str]) -> String {
    let out = clausediff().args(args).output().expect("runs");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn exit_status_is_one_when_drafts_differ_and_zero_when_they_do_not() {
    clausediff().args(["diff", DRAFT, FINAL]).assert().code(1);
    clausediff()
        .args(["diff", DRAFT, DRAFT])
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with("no differences (19 clauses)\n"));
    clausediff()
        .args([
            "diff",
            "fixtures/cases/reflow-only/v1.txt",
            "fixtures/cases/reflow-only/v2.txt",
        ])
        .assert()
        .code(0);
}

#[test]
fn a_missing_file_is_one_line_naming_it_and_exit_two() {
    clausediff()
        .args(["diff", "nope.txt", FINAL])
        .assert()
        .code(2)
        .stdout("")
        .stderr("clausediff: error: nope.txt: no such file\n");
}

#[test]
fn a_directory_is_refused() {
    clausediff()
        .args(["diff", "fixtures", FINAL])
        .assert()
        .code(2)
        .stderr("clausediff: error: fixtures: is a directory, not a file\n");
}

#[test]
fn invalid_utf8_names_the_byte_and_binary_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"1. Caf\xe9 society.\n").unwrap();
    let binary = dir.path().join("image.txt");
    std::fs::write(&binary, b"PNG\0\0\x01").unwrap();
    let latin1 = latin1.to_str().unwrap();
    clausediff()
        .args(["diff", latin1, FINAL])
        .assert()
        .code(2)
        .stderr(format!(
            "clausediff: error: {latin1}: invalid UTF-8 at byte 6\n"
        ));
    let binary = binary.to_str().unwrap();
    clausediff()
        .args(["diff", FINAL, binary])
        .assert()
        .code(2)
        .stderr(format!(
            "clausediff: error: {binary}: binary file (NUL byte at offset 3), not a text draft\n"
        ));
}

#[test]
fn empty_files_are_valid_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let empty = empty.to_str().unwrap();
    clausediff()
        .args(["diff", empty, empty])
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with("no differences (0 clauses)\n"));
    let out = stdout_of(&["diff", empty, FINAL, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["summary"]["added"], 17);
}

#[test]
fn a_bad_flag_is_exit_two() {
    clausediff()
        .args(["diff", DRAFT, FINAL, "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'pdf'"));
}

#[test]
fn standard_input_is_read_once() {
    let draft = std::fs::read_to_string(crate::root().join(DRAFT)).unwrap();
    clausediff()
        .args(["diff", "-", FINAL, "--old-label", "draft"])
        .write_stdin(draft)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("old: draft — - (19 clauses)\n"));
    clausediff()
        .args(["diff", "-", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "standard input can be read only once",
        ));
}

#[test]
fn no_escape_codes_unless_asked() {
    let piped = stdout_of(&["diff", DRAFT, FINAL]);
    assert!(!piped.contains('\x1b'));
    assert!(piped.contains("[-must-]{+will+}"));
    let forced = stdout_of(&["diff", DRAFT, FINAL, "--color", "always"]);
    assert!(forced.contains("\x1b["));
    assert!(!forced.contains("[-must-]"));
    let never = clausediff()
        .args(["diff", DRAFT, FINAL, "--color", "auto"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8(never.stdout).unwrap().contains('\x1b'));
    let json = stdout_of(&[
        "diff", DRAFT, FINAL, "--format", "json", "--color", "always",
    ]);
    assert!(!json.contains('\x1b'));
}

#[test]
fn labels_name_the_drafts_in_every_format() {
    let term = stdout_of(&[
        "diff",
        DRAFT,
        FINAL,
        "--old-label",
        "draft of 5 May",
        "--new-label",
        "signed",
    ]);
    assert!(term.starts_with(&format!(
        "old: draft of 5 May — {DRAFT} (19 clauses)\nnew: signed — {FINAL}"
    )));
    let json = stdout_of(&[
        "diff",
        DRAFT,
        FINAL,
        "--format",
        "json",
        "--new-label",
        "signed",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["new"]["label"], "signed");
    assert_eq!(json["new"]["source"], FINAL);
    assert_eq!(json["old"]["label"], DRAFT);
}

#[test]
fn context_shows_unchanged_clauses() {
    let plain = stdout_of(&["diff", DRAFT, FINAL]);
    assert!(!plain.contains("(unchanged)"));
    let all = stdout_of(&["diff", DRAFT, FINAL, "--context"]);
    assert!(all.contains("\n1 (unchanged)\n"));
    assert!(all.contains("\n7 → 6 (renumbered)\n"));
    let near = stdout_of(&["diff", DRAFT, FINAL, "--context", "1"]);
    assert!(near.contains("\n5 (unchanged)\n"));
    assert!(!near.contains("\n1 (unchanged)\n"));
}

#[test]
fn input_format_overrides_the_extension() {
    let md = stdout_of(&[
        "clauses",
        "fixtures/cases/markdown-sections/v1.md",
        "--format",
        "json",
    ]);
    let as_text = clausediff()
        .args([
            "clauses",
            "-",
            "--input-format",
            "markdown",
            "--format",
            "json",
        ])
        .write_stdin(
            std::fs::read_to_string(crate::root().join("fixtures/cases/markdown-sections/v1.md"))
                .unwrap(),
        )
        .output()
        .unwrap();
    let a: serde_json::Value = serde_json::from_str(&md).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&as_text.stdout).unwrap();
    assert_eq!(a["clauses"], b["clauses"]);
    assert_eq!(b["format"], "markdown");
}

#[test]
fn clauses_lists_the_parse() {
    let out = stdout_of(&["clauses", "fixtures/cases/nested-numbering/v1.txt"]);
    insta::assert_snapshot!(out, @r"
    fixtures/cases/nested-numbering/v1.txt: 7 clauses (text)
    ID        KIND        LINES      TEXT
    1         numbered    1          Each Party shall:
    1(a)      numbered    2          designate a national focal point;
    1(b)      numbered    3          report every two years on:
    1(b)(i)   numbered    4          measures taken; and
    1(b)(ii)  numbered    5          support received; and
    1(c)      numbered    6          cooperate with other Parties.
    2         numbered    8          The secretariat shall compile the reports.
    ");
}
