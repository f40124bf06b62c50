//! Every output format on the joint statement: snapshots, the SARIF schema, HTML safety, atomic output.

use crate::clausediff;

const DRAFT: &str = "fixtures/joint-statement/draft.txt";
const FINAL: &str = "fixtures/joint-statement/final.txt";

/// Pairs of text, Markdown and a long negotiating text whose SARIF and annotations are checked.
const LOCATED_PAIRS: [(&str, &str); 4] = [
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
    for (old, new) in LOCATED_PAIRS {
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

/// Numbered paragraphs, `1. …` from the first, separated by blank lines.
pub(crate) fn numbered(paragraphs: &[&str]) -> String {
    let lines: Vec<String> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}. {p}\n", i + 1))
        .collect();
    lines.join("\n")
}

/// A declaration and its next draft: a softening with a hedge and an intensifier dropped, a clause
/// removed, a date changed, a watch term removed, and clauses renumbered after the removal.
pub(crate) const OLD_PARAGRAPHS: [&str; 6] = [
    "The Parties reaffirm their friendship.",
    "The Parties shall fully cooperate on trade and investment.",
    "The Parties will jointly oppose closed military blocs in the region.",
    "Bilateral trade shall reach 300 billion dollars by 2030.",
    "The Parties will exchange views on the situation in Crimea.",
    "This statement is signed in two copies.",
];
pub(crate) const NEW_PARAGRAPHS: [&str; 5] = [
    "The Parties reaffirm their friendship.",
    "The Parties should cooperate on trade and investment, as appropriate.",
    "Bilateral trade shall reach 300 billion dollars by 2035.",
    "The Parties will exchange views on the situation.",
    "This statement is signed in two copies.",
];
/// A paragraph inserted above all others, so every paragraph after it is renumbered.
pub(crate) const INSERTED: &str = "The Parties welcome the opening of a new consulate.";

/// `OLD_PARAGRAPHS` or `NEW_PARAGRAPHS` as a draft, with `INSERTED` first when `inserted`.
pub(crate) fn declaration(paragraphs: &[&str], inserted: bool) -> String {
    let mut all = Vec::new();
    if inserted {
        all.push(INSERTED);
    }
    all.extend_from_slice(paragraphs);
    numbered(&all)
}

/// Runs clausediff in `dir` and parses its SARIF.
fn sarif_in(dir: &std::path::Path, old: &str, new: &str) -> serde_json::Value {
    let out = crate::differing_output(dir, &["diff", old, new, "--format", "sarif"]);
    serde_json::from_slice(&out).unwrap()
}

/// Each result's fingerprint with its rule.
fn fingerprints(sarif: &serde_json::Value) -> Vec<(String, String)> {
    sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["partialFingerprints"]["clausediff/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                r["ruleId"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_survive_a_paragraph_inserted_above_and_renumbering() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: String| std::fs::write(dir.path().join(name), text).unwrap();
    write("v1.txt", declaration(&OLD_PARAGRAPHS, false));
    write("v2.txt", declaration(&NEW_PARAGRAPHS, false));
    write("v1-inserted.txt", declaration(&OLD_PARAGRAPHS, true));
    write("v2-inserted.txt", declaration(&NEW_PARAGRAPHS, true));
    let before = fingerprints(&sarif_in(dir.path(), "v1.txt", "v2.txt"));
    assert!(before.len() >= 7, "{before:?}");
    for (print, _) in &before {
        let (hash, occurrence) = print.split_once(':').unwrap();
        assert!(hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(occurrence, "1");
    }
    // Inserted in the new draft only: the findings the insertion causes are new, every other one
    // keeps its fingerprint.
    let after = fingerprints(&sarif_in(dir.path(), "v1.txt", "v2-inserted.txt"));
    let structural = ["structure.clause_added", "structure.clause_renumbered"];
    for finding in before
        .iter()
        .filter(|(_, rule)| !structural.contains(&rule.as_str()))
    {
        assert!(after.contains(finding), "{finding:?} not in {after:#?}");
    }
    for (print, rule) in &after {
        assert!(
            before.iter().any(|(p, _)| p == print) || structural.contains(&rule.as_str()),
            "{rule} {print}"
        );
    }
    // Inserted in both drafts, every paragraph renumbered in both: the very same fingerprints.
    let both = fingerprints(&sarif_in(dir.path(), "v1-inserted.txt", "v2-inserted.txt"));
    assert_eq!(both, before);
}

/// The lines of a file, 1-based (index 0 is unused).
fn lines_of(path: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    std::iter::once(String::new())
        .chain(text.lines().map(str::to_string))
        .collect()
}

/// Every annotation of `github` output points at a non-blank line of an existing file.
pub(crate) fn assert_annotations_on_text(github: &str, root: &std::path::Path) {
    for annotation in github.lines() {
        let (head, _) = annotation
            .strip_prefix("::")
            .and_then(|a| a.split_once("::"))
            .unwrap();
        let (_, properties) = head.split_once(' ').unwrap();
        let property = |name: &str| {
            properties
                .split(',')
                .find_map(|p| p.strip_prefix(name))
                .map(|v| {
                    v.replace("%3A", ":")
                        .replace("%2C", ",")
                        .replace("%25", "%")
                })
        };
        let (Some(file), Some(line)) = (property("file="), property("line=")) else {
            assert!(annotation.starts_with("::notice title="), "{annotation}");
            continue;
        };
        let lines = lines_of(&root.join(file));
        let line: usize = line.parse().unwrap();
        assert!(
            line >= 1 && line < lines.len(),
            "{annotation}: beyond the file"
        );
        assert!(!lines[line].trim().is_empty(), "{annotation}: a blank line");
    }
}

#[test]
fn removals_are_annotated_at_the_nearest_surviving_line_of_the_new_draft() {
    let github = render("github", DRAFT, FINAL);
    let kurils = github
        .lines()
        .find(|l| l.contains("Kuril"))
        .expect("the Kuril clause's removal is annotated");
    // Clause 11 of the draft stood after clause 10, which the final draft has as 9, ending on line 44.
    assert!(
        kurils.starts_with(
            "::error file=fixtures/joint-statement/final.txt,line=44,title=clausediff clause_removed \
             (high)::removed from fixtures/joint-statement/draft.txt line 51: 11: clause removed: "
        ),
        "{kurils}"
    );
    for (old, new) in LOCATED_PAIRS {
        let github = render("github", old, new);
        assert_annotations_on_text(&github, crate::root());
        for removal in github.lines().filter(|l| l.contains("::removed from ")) {
            assert!(removal.contains(&format!(" file={},", new)), "{removal}");
        }
    }
}

#[test]
fn every_sarif_location_is_a_text_line_of_its_file() {
    let pairs = [
        (DRAFT, FINAL),
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
        let run = &sarif["runs"][0];
        assert_eq!(run["automationDetails"]["id"], format!("clausediff/{new}/"));
        assert!(run["originalUriBaseIds"]["%SRCROOT%"]["description"]["text"].is_string());
        for result in run["results"].as_array().unwrap() {
            let removal =
                result["properties"]["newText"] == "" && result["properties"]["oldText"] != "";
            let primary = &result["locations"][0]["physicalLocation"];
            let expected = if removal { old } else { new };
            assert_eq!(primary["artifactLocation"]["uri"], expected, "{result}");
            assert_eq!(primary["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            let mut located = vec![primary];
            if removal {
                let related = &result["relatedLocations"][0]["physicalLocation"];
                assert_eq!(related["artifactLocation"]["uri"], new, "{result}");
                located.push(related);
            } else {
                assert!(result.get("relatedLocations").is_none());
            }
            for location in located {
                let file = location["artifactLocation"]["uri"].as_str().unwrap();
                let lines = lines_of(&crate::root().join(file));
                let line = location["region"]["startLine"].as_u64().unwrap() as usize;
                assert!(line >= 1 && line < lines.len(), "{file}:{line}");
                assert!(!lines[line].trim().is_empty(), "{file}:{line} is blank");
            }
        }
    }
}

#[test]
fn removals_into_an_empty_new_draft_are_annotated_at_its_line_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("v1.txt"),
        declaration(&OLD_PARAGRAPHS, false),
    )
    .unwrap();
    std::fs::write(dir.path().join("v2.txt"), "").unwrap();
    let out = clausediff()
        .current_dir(dir.path())
        .args(["diff", "v1.txt", "v2.txt", "--format", "github"])
        .output()
        .unwrap();
    let github = String::from_utf8(out.stdout).unwrap();
    let removals: Vec<&str> = github
        .lines()
        .filter(|l| l.contains("clause_removed"))
        .collect();
    assert_eq!(removals.len(), 6, "{github}");
    for line in removals {
        assert!(line.contains(" file=v2.txt,line=1,"), "{line}");
        assert!(line.contains("::removed from v1.txt line "), "{line}");
    }
}

#[test]
fn annotations_are_capped_at_ten_per_level_with_a_note_of_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let paragraphs = |modal: &str| -> Vec<String> {
        (1..=30)
            .map(|n| format!("The Parties {modal} cooperate on matter number {n} of the agenda."))
            .collect()
    };
    let draft = |modal: &str| {
        let owned = paragraphs(modal);
        numbered(&owned.iter().map(String::as_str).collect::<Vec<_>>())
    };
    std::fs::write(dir.path().join("v1.txt"), draft("shall")).unwrap();
    std::fs::write(dir.path().join("v2.txt"), draft("should")).unwrap();
    let run = |format: &str| {
        clausediff()
            .current_dir(dir.path())
            .args(["diff", "v1.txt", "v2.txt", "--format", format])
            .output()
            .unwrap()
    };
    let json: serde_json::Value = serde_json::from_slice(&run("json").stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 30);
    assert!(findings.iter().all(|f| f["severity"] == "high"));
    let github = String::from_utf8(run("github").stdout).unwrap();
    let lines: Vec<&str> = github.lines().collect();
    let errors: Vec<&&str> = lines.iter().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), 10);
    // The first ten in clause order.
    assert!(errors[0].contains("::1: \"shall\""), "{}", errors[0]);
    assert!(errors[9].contains("::10: \"shall\""), "{}", errors[9]);
    let notes: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("::notice "))
        .collect();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].contains("20 more findings not annotated") && notes[0].contains("--format md"),
        "{}",
        notes[0]
    );
    assert_eq!(lines.len(), 11);
}

#[test]
fn the_full_report_is_appended_to_the_github_step_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "## An earlier step\n").unwrap();
    let run = |format: &str| {
        clausediff()
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(["diff", DRAFT, FINAL, "--format", format])
            .output()
            .unwrap()
    };
    let github = String::from_utf8(run("github").stdout).unwrap();
    let markdown = render("md", DRAFT, FINAL);
    assert_eq!(
        std::fs::read_to_string(&summary).unwrap(),
        format!("## An earlier step\n{markdown}")
    );
    assert!(
        github
            .lines()
            .last()
            .unwrap()
            .ends_with("The full report is in the step summary."),
        "{github}"
    );
    // Appended again, never truncated; other formats leave it alone.
    run("github");
    run("sarif");
    run("md");
    assert_eq!(
        std::fs::read_to_string(&summary).unwrap(),
        format!("## An earlier step\n{markdown}{markdown}")
    );
}

#[test]
fn standard_input_is_named_stdin() {
    let old = std::fs::read_to_string(crate::root().join(DRAFT)).unwrap();
    let run = |format: &str| {
        let out = clausediff()
            .args(["diff", "-", FINAL, "--format", format])
            .write_stdin(old.clone())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let github = run("github");
    assert!(
        github.contains("::removed from <stdin> line 51: 11: clause removed"),
        "{github}"
    );
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let artifact = &sarif["runs"][0]["artifacts"][0];
    assert_eq!(artifact["location"]["uri"], "stdin");
    assert!(artifact["location"].get("uriBaseId").is_none());
    assert_eq!(artifact["description"]["text"], "standard input");
}

#[test]
fn an_absolute_path_under_the_current_directory_is_made_relative() {
    let absolute = crate::root().join(DRAFT);
    let out = clausediff()
        .args([
            "diff",
            absolute.to_str().unwrap(),
            FINAL,
            "--format",
            "sarif",
        ])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["runs"][0]["artifacts"][0]["location"]["uri"], DRAFT);
    let github = String::from_utf8(
        clausediff()
            .args([
                "diff",
                absolute.to_str().unwrap(),
                FINAL,
                "--format",
                "github",
            ])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        github.contains(&format!("::removed from {DRAFT} line 51: ")),
        "{github}"
    );
    assert!(!github.contains(crate::root().to_str().unwrap()));
}
