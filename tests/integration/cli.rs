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
fn a_folder_against_a_file_is_refused() {
    clausediff()
        .args(["diff", "fixtures", FINAL])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "clausediff: error: fixtures is a folder and {FINAL} is not: compare two folders or two files\n"
        ));
    clausediff()
        .args(["clauses", "fixtures"])
        .assert()
        .code(2)
        .stderr("clausediff: error: fixtures: is a directory, not a file\n");
}

#[test]
fn legacy_encodings_are_read_and_damaged_utf8_and_binary_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"1. Caf\xe9 society shall meet.\n").unwrap();
    let damaged = dir.path().join("damaged.txt");
    std::fs::write(
        &damaged,
        [&b"1. Caf\xc3\xa9 society "[..], b"\xff.\n"].concat(),
    )
    .unwrap();
    let binary = dir.path().join("image.txt");
    std::fs::write(&binary, b"PNG\0\0\x01").unwrap();
    let latin1 = latin1.to_str().unwrap();
    // No UTF-8 in it at all: a legacy encoding, detected, and said so.
    clausediff()
        .args(["clauses", latin1])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Café society shall meet."));
    let utf8 = dir.path().join("utf8.txt");
    std::fs::write(&utf8, "1. Café society should meet.\n").unwrap();
    let output = clausediff()
        .args(["diff", "--format", "json", latin1, utf8.to_str().unwrap()])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(
        report["notes"][0],
        format!(
            "{latin1}: read as windows-1252: not UTF-8, and the encoding was detected from its bytes"
        )
    );
    assert_eq!(report["findings"][0]["kind"], "softened");
    // UTF-8 with a broken byte: damaged, not legacy.
    let damaged = damaged.to_str().unwrap();
    clausediff()
        .args(["diff", damaged, FINAL])
        .assert()
        .code(2)
        .stderr(format!(
            "clausediff: error: {damaged}: invalid UTF-8 at byte 17\n"
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
    let near = stdout_of(&["diff", DRAFT, FINAL, "--context=1"]);
    assert!(near.contains("\n5 (unchanged)\n"));
    assert!(!near.contains("\n1 (unchanged)\n"));
    // Without `=` the next argument is a draft, never the context's value.
    let before = stdout_of(&["diff", "--context", DRAFT, FINAL]);
    assert_eq!(before, all);
}

#[test]
fn usage_errors_are_one_line_with_the_hint() {
    for args in [
        &["diff", DRAFT][..],
        &["diff", DRAFT, FINAL, "--frmat", "json"],
        &["diff", DRAFT, FINAL, "--format", "jsn"],
        &["dif", DRAFT, FINAL],
        &["diff", DRAFT, FINAL, "--context=many"],
    ] {
        let out = clausediff().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with("clausediff: error: "), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.ends_with("(try '--help')\n"), "{stderr}");
    }
    let out = clausediff()
        .args(["diff", DRAFT, FINAL, "--frmat", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("a similar argument exists: '--format'"),
        "{stderr}"
    );
    clausediff()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Usage: clausediff"));
}

#[test]
fn generate_writes_completions_and_the_man_page() {
    let bash = stdout_of(&["generate", "complete-bash"]);
    assert!(
        bash.contains("_clausediff()") && bash.contains("--fail-on"),
        "{bash}"
    );
    let zsh = stdout_of(&["generate", "complete-zsh"]);
    assert!(zsh.starts_with("#compdef clausediff"), "{zsh}");
    let fish = stdout_of(&["generate", "complete-fish"]);
    assert!(fish.contains("complete -c clausediff"), "{fish}");
    let powershell = stdout_of(&["generate", "complete-powershell"]);
    assert!(
        powershell.contains("Register-ArgumentCompleter"),
        "{powershell}"
    );
    let man = stdout_of(&["generate", "man"]);
    assert!(man.contains(".TH clausediff 1"), "{man}");
    assert!(
        man.contains("git\\-driver") || man.contains("git-driver"),
        "{man}"
    );
    // Completions come from the command line's own definition, whatever the settings file says.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".clausediff.toml"), "not = [valid").unwrap();
    clausediff()
        .current_dir(dir.path())
        .args(["generate", "complete-fish"])
        .assert()
        .code(0);
}

#[test]
fn colour_follows_the_clicolor_convention() {
    let run = |vars: &[(&str, &str)]| {
        let mut command = clausediff();
        command.args(["diff", DRAFT, FINAL]).env_remove("NO_COLOR");
        for (name, value) in vars {
            command.env(name, value);
        }
        String::from_utf8(command.output().unwrap().stdout)
            .unwrap()
            .contains('\x1b')
    };
    assert!(!run(&[]), "a pipe is not coloured");
    assert!(run(&[("CLICOLOR_FORCE", "1")]));
    assert!(!run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
    assert!(run(&[("GIT_PAGER_IN_USE", "true")]));
    assert!(!run(&[("GIT_PAGER_IN_USE", "true"), ("TERM", "dumb")]));
}

#[test]
fn a_terminal_redline_wraps_to_the_terminal_width() {
    if !std::path::Path::new("/usr/bin/script").exists() {
        eprintln!("skipped: no script(1) to provide a terminal");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let typescript = dir.path().join("typescript");
    let binary = assert_cmd::cargo::cargo_bin("clausediff");
    let root = crate::root();
    let status = std::process::Command::new("/usr/bin/script")
        .arg("-qec")
        .arg(format!(
            "stty rows 24 cols 50; {} diff --color never {} {}",
            binary.display(),
            root.join(DRAFT).display(),
            root.join(FINAL).display()
        ))
        .arg(&typescript)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let terminal = std::fs::read_to_string(&typescript).unwrap();
    let redlines: Vec<&str> = terminal
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| l.starts_with("  ") && !l.starts_with("  high") && !l.starts_with("  medium"))
        .filter(|l| !l.starts_with("  low") && !l.starts_with("  info"))
        .collect();
    assert!(!redlines.is_empty(), "{terminal}");
    for line in redlines {
        assert!(line.chars().count() <= 50, "{line:?} in\n{terminal}");
    }
    // Piped, the same redline keeps the draft's own lines.
    let piped = stdout_of(&["diff", DRAFT, FINAL]);
    assert!(piped.lines().any(|l| l.chars().count() > 50), "{piped}");
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

#[test]
fn rules_lists_every_rule_as_text_and_json() {
    let text = stdout_of(&["rules"]);
    assert!(text.starts_with("RULE "));
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&["rules", "--format", "json"])).unwrap();
    assert_eq!(json["schema"], "clausediff.rules.v1");
    let rules = json["rules"].as_array().unwrap();
    // The diff's rules, then the language-version check's.
    assert_eq!(
        rules.len(),
        clausediff::classify::RULES.len() + clausediff::classify::PARALLEL_RULES.len()
    );
    assert_eq!(rules.last().unwrap()["id"], "parallel.name_missing");
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        assert!(text.contains(id), "{id}");
        assert!(!rule["description"].as_str().unwrap().is_empty());
    }
    let kinds: Vec<&str> = rules.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    for kind in [
        "softened",
        "hedge_added",
        "watch_term_removed",
        "negation_changed",
        "wording_changed",
    ] {
        assert!(kinds.contains(&kind), "{kind}");
    }
}

#[test]
fn min_severity_filters_findings() {
    let json = stdout_of(&[
        "diff",
        DRAFT,
        FINAL,
        "--format",
        "json",
        "--min-severity",
        "high",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert!(findings.iter().all(|f| f["severity"] == "high"));
    let term = stdout_of(&["diff", DRAFT, FINAL, "--min-severity", "medium"]);
    assert!(!term.contains("  low    "));
    assert!(term.contains("  high   "));
}

#[test]
fn user_lexicons_and_watchlists_extend_the_builtin_data() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("tone.toml");
    std::fs::write(
        &lexicon,
        "hedges = [\"in due time\"]\n\n[[scale]]\nname = \"welcome\"\nlevels = [[\"warmly welcomes\"], [\"welcomes\"], [\"notes\"]]\n",
    )
    .unwrap();
    let watch = dir.path().join("rivers.toml");
    std::fs::write(
        &watch,
        "name = \"rivers\"\nseverity = \"medium\"\n\n[[term]]\nname = \"Mekong\"\naliases = [\"Mekong River\", \"湄公河\"]\n",
    )
    .unwrap();
    let old = dir.path().join("old.txt");
    let new = dir.path().join("new.txt");
    std::fs::write(
        &old,
        "1. The Parties warmly welcome the talks on the Mekong River.\n\n2. On Crimea.\n",
    )
    .unwrap();
    std::fs::write(
        &new,
        "1. The Parties welcome the talks in due time.\n\n2. On Crimea and more.\n",
    )
    .unwrap();
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let run = |extra: &[&str]| {
        let mut args = vec!["diff", old, new, "--format", "json"];
        args.extend_from_slice(extra);
        let json: serde_json::Value = serde_json::from_str(&stdout_of(&args)).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {}",
                    f["kind"].as_str().unwrap(),
                    f["severity"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    let plain = run(&[]);
    assert!(
        !plain
            .iter()
            .any(|f| f.starts_with("softened") || f.starts_with("hedge")),
        "{plain:?}"
    );
    let extended = run(&[
        "--lexicon",
        lexicon.to_str().unwrap(),
        "--watch",
        watch.to_str().unwrap(),
    ]);
    assert!(
        extended.contains(&"softened medium".to_string()),
        "{extended:?}"
    );
    assert!(
        extended.contains(&"hedge_added medium".to_string()),
        "{extended:?}"
    );
    assert!(
        extended.contains(&"watch_term_removed medium".to_string()),
        "{extended:?}"
    );
}

#[test]
fn no_default_watchlists_turns_the_builtin_list_off() {
    // The Kuril zone's clause is removed whole: the watch term is the removal's evidence.
    let kuril_evidence = |extra: &[&str]| {
        let mut args = vec!["diff", DRAFT, FINAL, "--format", "json"];
        args.extend_from_slice(extra);
        let json: serde_json::Value = serde_json::from_str(&stdout_of(&args)).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == "clause_removed")
            .filter(|f| {
                f["message"]
                    .as_str()
                    .unwrap()
                    .contains("watch term \"Kuril Islands\"")
            })
            .count()
    };
    assert_eq!(kuril_evidence(&[]), 1);
    assert_eq!(kuril_evidence(&["--no-default-watchlists"]), 0);
}

#[test]
fn a_malformed_data_file_names_file_line_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "name = \"x\"\n\n[[term]]\nname = \"A\"\naliasses = [\"B\"]\n",
    )
    .unwrap();
    let bad = bad.to_str().unwrap();
    let out = clausediff()
        .args(["diff", DRAFT, FINAL, "--watch", bad])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "clausediff: error: {bad}:5:1: unknown field `aliasses`"
        )),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    clausediff()
        .args(["diff", DRAFT, FINAL, "--lexicon", "missing.toml"])
        .assert()
        .code(2)
        .stderr("clausediff: error: missing.toml: no such file\n");
}

/// `--diff-timeout` takes seconds, zero or more; anything else is a usage error, exit 2.
#[test]
fn diff_timeout_takes_seconds() {
    clausediff()
        .args([
            "diff",
            DRAFT,
            FINAL,
            "--diff-timeout",
            "0",
            "--format",
            "json",
        ])
        .assert()
        .code(1);
    let out = clausediff()
        .args(["diff", DRAFT, FINAL, "--diff-timeout=-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("`-1` is not a number of seconds (0 or more)"),
        "{stderr}"
    );
}
