//! Every output format on the joint statement: snapshots, the SARIF schema, HTML safety, atomic output.

use crate::clausediff;

const DRAFT: &str = "fixtures/joint-statement/draft.txt";
const FINAL: &str = "fixtures/joint-statement/final.txt";

fn render(format: &str, old: &str, new: &str) -> String {
    let out = clausediff()
        .args(["diff", old, new, "--format", format, "--color", "always"])
        .output()
        .expect("runs");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn markdown_report() {
    let md = render("md", DRAFT, FINAL);
    assert!(!md.contains('\x1b'));
    insta::assert_snapshot!(md);
}

#[test]
fn html_report() {
    let html = render("html", DRAFT, FINAL);
    assert!(!html.contains('\x1b'));
    insta::assert_snapshot!(html);
}

#[test]
fn github_annotations() {
    let annotations = render("github", DRAFT, FINAL);
    assert!(annotations.lines().all(|l| l.starts_with("::error ")
        || l.starts_with("::warning ")
        || l.starts_with("::notice ")));
    insta::assert_snapshot!(annotations);
}

#[test]
fn sarif_report() {
    let sarif: serde_json::Value = serde_json::from_str(&render("sarif", DRAFT, FINAL)).unwrap();
    insta::assert_json_snapshot!(sarif, {
        ".runs[0].tool.driver.version" => "[version]",
    });
}

pub(crate) fn sarif_validator() -> jsonschema::Validator {
    let schema =
        std::fs::read_to_string(crate::root().join("tests/schemas/sarif-schema-2.1.0.json"))
            .unwrap();
    let mut schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    // The published schema's pattern for `language` properties has a stray `]` that a strict regex
    // checker refuses when it checks the schema itself. It constrains properties clausediff never
    // writes; it is set to the language-tag form its description gives, in memory only.
    let fixed = fix_patterns(
        &mut schema,
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    assert!(fixed > 0);
    jsonschema::validator_for(&schema).expect("the vendored schema compiles")
}

fn fix_patterns(value: &mut serde_json::Value, from: &str, to: &str) -> usize {
    match value {
        serde_json::Value::Object(map) => {
            let mut n = 0;
            for (key, v) in map.iter_mut() {
                if key == "pattern" && v == from {
                    *v = serde_json::json!(to);
                    n += 1;
                } else {
                    n += fix_patterns(v, from, to);
                }
            }
            n
        }
        serde_json::Value::Array(items) => {
            items.iter_mut().map(|v| fix_patterns(v, from, to)).sum()
        }
        _ => 0,
    }
}

#[test]
fn sarif_is_valid_against_the_2_1_0_schema() {
    let validator = sarif_validator();
    let pairs = [
        (DRAFT, FINAL),
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
        let sarif: serde_json::Value = serde_json::from_str(&render("sarif", old, new)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{old}: {errors:#?}");
        let run = &sarif["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), clausediff::classify::RULES.len());
        for result in run["results"].as_array().unwrap() {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
            let location = &result["locations"][0]["physicalLocation"];
            assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        }
    }
    // A schema check that cannot fail is no check: a broken log is refused.
    let broken = serde_json::json!({"version": "2.1.0", "runs": [{"results": []}]});
    assert!(!validator.is_valid(&broken));
}

#[test]
fn removals_are_located_in_the_old_draft() {
    let sarif: serde_json::Value = serde_json::from_str(&render("sarif", DRAFT, FINAL)).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let kurils = results
        .iter()
        .find(|r| {
            r["ruleId"] == "structure.clause_removed"
                && r["message"]["text"].as_str().unwrap().contains("Kuril")
        })
        .expect("the Kuril clause's removal is reported");
    let location = &kurils["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], DRAFT);
    assert_eq!(location["region"]["startLine"], 51);
    assert_eq!(kurils["level"], "error");
}

#[test]
fn html_escapes_document_text_and_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.txt");
    let new = dir.path().join("new.txt");
    std::fs::write(&old, "1. The Parties agree.\n").unwrap();
    std::fs::write(
        &new,
        "1. The Parties agree <script>alert('x')</script> & \"quote\".\n\n2. <img src=x onerror=alert(1)>\n",
    )
    .unwrap();
    let html = render("html", old.to_str().unwrap(), new.to_str().unwrap());
    assert!(!html.to_lowercase().contains("<script"));
    assert!(!html.contains("<img"));
    assert!(html.contains("&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;"));
    for external in ["src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(external), "{external}");
    }
}

#[test]
fn html_marks_each_change_once() {
    let html = render("html", DRAFT, FINAL);
    let json: serde_json::Value = serde_json::from_str(&render("json", DRAFT, FINAL)).unwrap();
    let (mut deleted, mut inserted) = (0, 0);
    for clause in json["clauses"].as_array().unwrap() {
        if clause["status"] == "unchanged" {
            continue;
        }
        for edit in clause["edits"].as_array().unwrap() {
            match edit["op"].as_str().unwrap() {
                "delete" => deleted += 1,
                "insert" => inserted += 1,
                "replace" => {
                    deleted += 1;
                    inserted += 1;
                }
                _ => {}
            }
        }
    }
    assert_eq!(html.matches("<del>").count(), deleted);
    assert_eq!(html.matches("<ins>").count(), inserted);
    assert_eq!(
        html.matches("<tr class=\"finding ").count(),
        json["findings"].as_array().unwrap().len()
    );
}

#[test]
fn output_is_written_atomically_to_the_named_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.md");
    clausediff()
        .args([
            "diff",
            DRAFT,
            FINAL,
            "--format",
            "md",
            "--output",
            path.to_str().unwrap(),
        ])
        .assert()
        .code(1)
        .stdout("");
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, render("md", DRAFT, FINAL));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }
}

#[test]
fn a_report_that_cannot_be_written_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing/folder/report.html");
    let out = clausediff()
        .args([
            "diff",
            DRAFT,
            FINAL,
            "--format",
            "html",
            "--output",
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("clausediff: error: ") && stderr.contains("report.html: cannot write"),
        "{stderr}"
    );
    assert!(!path.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_failed_input_does_not_replace_an_existing_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.json");
    std::fs::write(&path, "previous").unwrap();
    clausediff()
        .args([
            "diff",
            "missing.txt",
            FINAL,
            "--format",
            "json",
            "--output",
            path.to_str().unwrap(),
        ])
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous");
}

/// `--output /dev/null` or a FIFO must be written in place: the temporary file and rename that keep a
/// report whole would replace the device with a file (as root, `/dev/null` itself).
#[cfg(unix)]
#[test]
fn output_to_a_fifo_is_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let path = path.clone();
        std::thread::spawn(move || std::fs::read_to_string(path).unwrap())
    };
    clausediff()
        .args(["diff", DRAFT, FINAL, "--format", "md", "--output"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout("");
    // Checked before joining: a reader of a replaced FIFO would wait for ever.
    let kind = std::fs::symlink_metadata(&path).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO is still a FIFO");
    assert_eq!(reader.join().unwrap(), render("md", DRAFT, FINAL));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// A chosen alternative reads as a choice in every redline, and the HTML marks brackets still open.
#[test]
fn a_chosen_alternative_reads_as_a_choice() {
    let (old, new) = (
        "fixtures/cases/negotiation-brackets/v1.md",
        "fixtures/cases/negotiation-brackets/v2.md",
    );
    let md = render("md", old, new);
    assert!(
        md.contains(r"Each Party \[~~shall~~\|should\] regularly"),
        "{md}"
    );
    let html = render("html", old, new);
    assert!(
        html.contains(r#"<span class="choice">[</span><del>shall</del><span class="choice">|</span>should<span class="choice">]</span>"#),
        "{html}"
    );
    assert!(html.contains(r#"<b class="bracket">[</b>2020<b class="bracket">]</b>"#));
    // A passage agreed as it stood keeps its words, its brackets ticked, not struck.
    assert!(
        md.contains(r"regularly prepare \[fully\]✓ its contribution"),
        "{md}"
    );
    assert!(
        html.contains(r#"<span class="lifted" title="agreed: brackets removed">[</span>fully"#),
        "{html}"
    );
    assert!(html.contains("Negotiation text: brackets 18 → 8; options 4 → 0."));
    assert!(md.contains("| negotiation text | brackets 18 → 8; options 4 → 0 |"));
    let out = clausediff()
        .args(["diff", old, new, "--color", "never"])
        .output()
        .unwrap();
    let term = String::from_utf8(out.stdout).unwrap();
    assert!(term.contains("USD [100|[-300-]] billion"), "{term}");
    assert!(term.contains("prepare [fully]✓ its"), "{term}");
}

#[test]
fn json_lines_is_the_json_report_on_one_line_with_line_separators_escaped() {
    let json = render("json", DRAFT, FINAL);
    let line = render("jsonl", DRAFT, FINAL);
    assert_eq!(line.matches('\n').count(), 1);
    assert!(line.ends_with("}\n"));
    let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
    assert_eq!(parse(&line), parse(&json));

    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(&old, "1. The Parties shall meet.\u{2028}Each year.\n").unwrap();
    std::fs::write(&new, "1. The Parties should meet.\u{2029}Each year.\n").unwrap();
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let line = render("jsonl", old, new);
    assert!(!line.contains(['\u{2028}', '\u{2029}']), "{line}");
    assert!(
        line.contains(r"\u2028") && line.contains(r"\u2029"),
        "{line}"
    );
    assert_eq!(parse(&line), parse(&render("json", old, new)));
}
