//! `clausediff diff OLD_DIR NEW_DIR`: documents paired by relative path, added and removed ones
//! reported as such, an unreadable one reported while the others complete, every format.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{clausediff, fixture};

/// Two folders of real drafts: a changed statement, a changed readout in a subfolder, a document
/// only re-wrapped, one removed, one added, and a picture that is no document. With `binary`, a
/// document that is not text is in both.
struct Folders {
    root: tempfile::TempDir,
}

impl Folders {
    fn new(binary: bool) -> Folders {
        let root = tempfile::tempdir().unwrap();
        let copy = |from: &str, to: &str| {
            let to = root.path().join(to);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(fixture(from), to).unwrap();
        };
        copy("joint-statement/draft.txt", "old/joint.txt");
        copy("joint-statement/final.txt", "new/joint.txt");
        copy(
            "biden-xi-readout/01-2024-11-16T1827.md",
            "old/annex/readout.md",
        );
        copy(
            "biden-xi-readout/03-2024-11-16T2154.md",
            "new/annex/readout.md",
        );
        copy("cases/reflow-only/v1.txt", "old/same.txt");
        copy("cases/reflow-only/v2.txt", "new/same.txt");
        copy("joint-statement-drafts/draft-1.txt", "old/gone.txt");
        copy("joint-statement-drafts/draft-4.txt", "new/annex/new.txt");
        std::fs::write(root.path().join("new/logo.png"), b"\x89PNG\0").unwrap();
        if binary {
            std::fs::write(root.path().join("old/bad.txt"), b"1. a\0b").unwrap();
            std::fs::write(root.path().join("new/bad.txt"), b"1. a\0b").unwrap();
        }
        Folders { root }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.path().join(relative)
    }

    /// `clausediff diff old new` with extra arguments, run in the folders' parent.
    fn run(&self, args: &[&str]) -> std::process::Output {
        clausediff()
            .current_dir(self.root.path())
            .args(["diff", "old", "new"])
            .args(args)
            .output()
            .unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn documents_pair_by_path_and_added_and_removed_ones_are_reported() {
    let folders = Folders::new(false);
    let output = folders.run(&["--color", "never"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stderr.is_empty(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let headers: Vec<&str> = stdout.lines().filter(|l| l.starts_with("=== ")).collect();
    assert_eq!(
        headers,
        [
            "=== annex/new.txt: added (8 clauses; 8 findings, highest medium)",
            "=== annex/readout.md: changed (9 → 9 clauses; 3 findings, highest low)",
            "=== gone.txt: removed (9 clauses; 9 findings, highest high)",
            "=== joint.txt: changed (19 → 17 clauses; 21 findings, highest high)",
        ]
    );
    // The removed document's watch term is named on its clause's removal; the statement's redline
    // is the one a single comparison prints.
    assert!(stdout.contains("watch term \"Kuril Islands\", disputed-territories"));
    let single = clausediff()
        .args(["diff", "--color", "never"])
        .arg(folders.path("old/joint.txt"))
        .arg(folders.path("new/joint.txt"))
        .output()
        .unwrap();
    let single = text(&single.stdout);
    let redline = single.split_once("\n\n").unwrap().1;
    assert!(stdout.contains(redline.trim_end()));
    assert!(stdout.ends_with(
        "5 documents: 1 unchanged, 2 changed, 1 added, 1 removed; 41 findings, highest high \
         (1 other file not compared: not .txt or .md)\n"
    ));
}

#[test]
fn an_unreadable_document_is_reported_and_the_others_complete_with_exit_2() {
    let folders = Folders::new(true);
    let output = folders.run(&["--format", "jsonl"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "clausediff: error: old/bad.txt: binary file (NUL byte at offset 4), not a text draft\n"
    );
    let lines: Vec<Value> = text(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let statuses: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l["path"].as_str().unwrap(), l["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("annex/new.txt", "added"),
            ("annex/readout.md", "changed"),
            ("bad.txt", "error"),
            ("gone.txt", "removed"),
            ("joint.txt", "changed"),
            ("same.txt", "unchanged"),
        ]
    );
    for line in &lines {
        assert_eq!(line["schema"], "clausediff.folder-entry.v1");
    }
    let bad = &lines[2];
    assert_eq!(
        bad["error"],
        "old/bad.txt: binary file (NUL byte at offset 4), not a text draft"
    );
    assert!(bad.get("report").is_none());
    // Each report is the one a single comparison of the two files writes, on one line.
    let single = clausediff()
        .current_dir(folders.root.path())
        .args(["diff", "--format", "json", "old/joint.txt", "new/joint.txt"])
        .output()
        .unwrap();
    let single: Value = serde_json::from_slice(&single.stdout).unwrap();
    assert_eq!(lines[4]["report"], single);
    assert_eq!(lines[3]["report"]["new"]["source"], "/dev/null");
    assert_eq!(lines[3]["old"], "old/gone.txt");
    assert_eq!(lines[3]["new"], Value::Null);
}

#[test]
fn the_combined_json_report_counts_every_document() {
    let folders = Folders::new(true);
    let output = folders.run(&["--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["schema"], "clausediff.folder.v1");
    let summary = &report["summary"];
    for (key, n) in [
        ("files", 6),
        ("unchanged", 1),
        ("changed", 2),
        ("added", 1),
        ("removed", 1),
        ("errors", 1),
        ("skipped", 1),
    ] {
        assert_eq!(summary[key], n, "{key}");
    }
    assert_eq!(summary["max_severity"], "high");
    assert_eq!(report["skipped"], serde_json::json!(["logo.png"]));
    let files = report["files"].as_array().unwrap();
    let total: u64 = files
        .iter()
        .filter_map(|f| f["report"]["findings"].as_array())
        .map(|f| f.len() as u64)
        .sum();
    let counted: u64 = summary["findings"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(total, counted);
    assert_eq!(total, 41);
}

#[test]
fn sarif_for_two_folders_is_one_valid_run() {
    let folders = Folders::new(false);
    let output = folders.run(&["--format", "sarif"]);
    assert_eq!(output.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors: Vec<String> = crate::formats::sarif_validator()
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &sarif["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 41);
    let artifacts: Vec<&str> = run["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["location"]["uri"].as_str().unwrap())
        .collect();
    assert!(artifacts.contains(&"old/gone.txt"));
    assert!(artifacts.contains(&"new/annex/new.txt"));
    assert!(!artifacts.iter().any(|a| a.contains("dev/null")));
    // One run, one category; each result in its own document's artifact.
    assert_eq!(sarif["runs"].as_array().unwrap().len(), 1);
    assert_eq!(run["automationDetails"]["id"], "clausediff/");
    let mut documents = std::collections::BTreeSet::new();
    for result in run["results"].as_array().unwrap() {
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(artifacts.contains(&uri), "{uri}");
        let document = uri.split_once('/').unwrap().1;
        documents.insert(document.to_string());
        if result["ruleId"] == "structure.clause_removed" && document == "joint.txt" {
            assert_eq!(uri, "old/joint.txt");
            let related = &result["relatedLocations"][0]["physicalLocation"];
            assert_eq!(related["artifactLocation"]["uri"], "new/joint.txt");
        }
    }
    assert_eq!(
        documents.into_iter().collect::<Vec<_>>(),
        ["annex/new.txt", "annex/readout.md", "gone.txt", "joint.txt"]
    );
}

/// Two folders of `n` documents, each softening "shall" in `per_document` paragraphs.
fn softened_folders(documents: usize, per_document: usize) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    for side in ["old", "new"] {
        std::fs::create_dir_all(root.path().join(side)).unwrap();
    }
    let draft = |modal: &str, d: usize| {
        let paragraphs: Vec<String> = (1..=per_document)
            .map(|n| format!("The Parties {modal} cooperate on matter {n} of annex {d}."))
            .collect();
        crate::formats::numbered(&paragraphs.iter().map(String::as_str).collect::<Vec<_>>())
    };
    for d in 1..=documents {
        let name = format!("annex-{d}.txt");
        std::fs::write(root.path().join("old").join(&name), draft("shall", d)).unwrap();
        std::fs::write(root.path().join("new").join(&name), draft("should", d)).unwrap();
    }
    root
}

#[test]
fn annotation_caps_hold_across_the_documents_of_two_folders() {
    let root = softened_folders(3, 6);
    let summary = root.path().join("summary.md");
    let run = |format: &str| {
        clausediff()
            .current_dir(root.path())
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(["diff", "old", "new", "--format", format])
            .output()
            .unwrap()
    };
    let github = text(&run("github").stdout);
    let lines: Vec<&str> = github.lines().collect();
    let errors: Vec<&&str> = lines.iter().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), 10, "{github}");
    // Six of the first document, four of the second, none of the third.
    assert_eq!(
        errors
            .iter()
            .filter(|l| l.contains("file=new/annex-1.txt,"))
            .count(),
        6
    );
    assert_eq!(
        errors
            .iter()
            .filter(|l| l.contains("file=new/annex-2.txt,"))
            .count(),
        4
    );
    assert_eq!(lines.len(), 11);
    assert!(
        lines[10].starts_with(
            "::notice title=clausediff%3A more findings::8 more findings not annotated"
        ) && lines[10].ends_with("The full report is in the step summary."),
        "{}",
        lines[10]
    );
    // The step summary holds the full folder report, as `--format md` writes it.
    let markdown = clausediff()
        .current_dir(root.path())
        .args(["diff", "old", "new", "--format", "md"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(std::fs::read(&summary).unwrap(), markdown);
    assert!(text(&markdown).contains("annex-3.txt"));
}

#[test]
fn markdown_html_and_annotations_cover_every_document() {
    let folders = Folders::new(true);
    let md = text(&folders.run(&["--format", "md"]).stdout);
    assert!(md.starts_with("# clausediff: `old` → `new`\n"));
    for row in [
        "| `annex/new.txt` | added | 0 → 8 | 8 | medium |",
        "| `gone.txt` | removed | 9 → 0 | 9 | high |",
        "| `bad.txt` | error | — | — |  |",
    ] {
        assert!(md.contains(row), "{row}\n{md}");
    }
    assert!(md.contains("## clausediff: `old/joint.txt` → `new/joint.txt`"));
    let github = text(&folders.run(&["--format", "github"]).stdout);
    assert!(github.contains("::notice file=old/gone.txt,title=clausediff%3A document removed::"));
    assert!(github.contains("::error file=old/bad.txt,title=clausediff::old/bad.txt: binary file"));
    assert!(github.contains("::error file=new/joint.txt,line="));
    let html = text(&folders.run(&["--format", "html"]).stdout);
    // Every link on the page leads to an element of the page, and ids are unique.
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate ids");
    for link in html.split("href=\"#").skip(1) {
        let target = link.split('"').next().unwrap();
        assert!(ids.contains(&target), "no element {target}");
    }
    assert!(html.contains("<section class=\"file\" id=\"file-joint-txt\">"));
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn a_folder_against_a_file_is_a_clear_error() {
    let folders = Folders::new(false);
    for args in [
        ["old", "new/joint.txt"],
        ["old/joint.txt", "new"],
        ["-", "new"],
    ] {
        let output = clausediff()
            .current_dir(folders.root.path())
            .arg("diff")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let folder = if args[0] == "old" { "old" } else { "new" };
        let other = if args[0] == "old" { args[1] } else { args[0] };
        assert_eq!(
            text(&output.stderr),
            format!(
                "clausediff: error: {folder} is a folder and {other} is not: compare two folders or two files\n"
            )
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn identical_folders_exit_0() {
    let folders = Folders::new(false);
    let output = clausediff()
        .current_dir(folders.root.path())
        .args(["diff", "old", "old"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).ends_with("4 documents: 4 unchanged; 0 findings\n"));
}

#[test]
fn config_ignore_patterns_leave_documents_out() {
    let folders = Folders::new(true);
    std::fs::write(
        folders.path(".clausediff.toml"),
        "ignore = [\"**/bad.txt\", \"old/gone.txt\"]\n",
    )
    .unwrap();
    let output = folders.run(&["--format", "jsonl"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let paths: Vec<String> = text(&output.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        paths,
        ["annex/new.txt", "annex/readout.md", "joint.txt", "same.txt"]
    );
}

#[test]
fn fail_on_and_a_folder_baseline() {
    let folders = Folders::new(false);
    assert_eq!(folders.run(&["--fail-on", "high"]).status.code(), Some(1));
    assert_eq!(folders.run(&["--fail-on", "none"]).status.code(), Some(0));
    // A baseline written for the folders accepts every finding, document by document.
    let written = folders.run(&["--write-baseline", "accepted.json", "--fail-on", "info"]);
    assert_eq!(written.status.code(), Some(1));
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(folders.path("accepted.json")).unwrap())
            .unwrap();
    let entries = baseline["findings"].as_array().unwrap();
    assert_eq!(entries.len(), 41);
    assert!(entries.iter().all(|e| e["file"].is_string()));
    let output = folders.run(&[
        "--baseline",
        "accepted.json",
        "--fail-on",
        "info",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["findings"], serde_json::json!({}));
    // A document's accepted findings do not hide the same finding in another document.
    std::fs::copy(folders.path("old/joint.txt"), folders.path("old/copy.txt")).unwrap();
    std::fs::copy(folders.path("new/joint.txt"), folders.path("new/copy.txt")).unwrap();
    let output = folders.run(&["--baseline", "accepted.json", "--fail-on", "high"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn folder_output_is_the_same_on_one_thread_and_on_four_and_to_a_file() {
    let folders = Folders::new(true);
    for format in ["term", "json", "jsonl", "md", "html", "sarif", "github"] {
        let run = |threads: &str| {
            clausediff()
                .current_dir(folders.root.path())
                .env("RAYON_NUM_THREADS", threads)
                .args(["diff", "old", "new", "--format", format])
                .output()
                .unwrap()
                .stdout
        };
        let one = run("1");
        assert!(one == run("4"), "{format}");
        let file = folders.path(&format!("report.{format}"));
        let written = clausediff()
            .current_dir(folders.root.path())
            .args(["diff", "old", "new", "--format", format, "--output"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(written.status.code(), Some(2));
        assert!(written.stdout.is_empty());
        assert!(std::fs::read(&file).unwrap() == one, "{format}");
    }
}

#[test]
fn a_progress_bar_shows_on_a_terminal_only() {
    // `script` (util-linux) runs the command on a pseudo-terminal; stdout goes to a file.
    if !Path::new("/usr/bin/script").exists() {
        eprintln!("skipped: no script(1) to provide a terminal");
        return;
    }
    let folders = Folders::new(false);
    let binary = assert_cmd::cargo::cargo_bin("clausediff");
    let typescript = folders.path("typescript");
    let status = std::process::Command::new("/usr/bin/script")
        .current_dir(folders.root.path())
        .arg("-qec")
        .arg(format!(
            "{} diff --color never old new > report.txt",
            binary.display()
        ))
        .arg(&typescript)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let terminal = String::from_utf8_lossy(&std::fs::read(&typescript).unwrap()).into_owned();
    assert!(terminal.contains("5/5 documents"), "{terminal}");
    let report = std::fs::read_to_string(folders.path("report.txt")).unwrap();
    assert!(!report.contains("documents "), "the bar stays off stdout");
    assert!(report.ends_with("highest high (1 other file not compared: not .txt or .md)\n"));
}

/// File names need not be UTF-8: a document named with byte 0xff is paired, read and reported (its
/// name shown with a replacement character).
#[cfg(unix)]
#[test]
fn documents_with_names_that_are_not_utf8_are_compared() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let root = tempfile::tempdir().unwrap();
    let name = OsStr::from_bytes(b"d\xe9claration-\xff.txt");
    for (side, text) in [
        ("old", "1. The Parties shall cooperate.\n"),
        ("new", "1. The Parties should cooperate.\n"),
    ] {
        std::fs::create_dir(root.path().join(side)).unwrap();
        std::fs::write(root.path().join(side).join(name), text).unwrap();
    }
    let out = crate::differing_output(root.path(), &["diff", "old", "new", "--format", "json"]);
    let report: Value = serde_json::from_slice(&out).unwrap();
    let file = &report["files"][0];
    assert_eq!(file["path"], "d\u{fffd}claration-\u{fffd}.txt");
    assert_eq!(file["status"], "changed");
    assert_eq!(file["report"]["findings"][0]["kind"], "softened");
}

/// Folder mode writes JSON Lines a window of documents at a time: across windows every document is
/// there once, in path order, and the exit status and `--output` are those of the whole run.
#[test]
fn json_lines_stream_across_windows_in_path_order() {
    let root = tempfile::tempdir().unwrap();
    for side in ["old", "new"] {
        std::fs::create_dir_all(root.path().join(side)).unwrap();
    }
    let count = 600;
    for k in 0..count {
        let name = format!("doc{k:04}.txt");
        let text = format!("1. The Parties shall meet in year {k}.\n");
        std::fs::write(root.path().join("old").join(&name), &text).unwrap();
        // One document in a hundred softened: the run differs, most documents do not.
        let new = if k % 100 == 7 {
            text.replace("shall", "may")
        } else {
            text
        };
        std::fs::write(root.path().join("new").join(&name), new).unwrap();
    }
    let output = clausediff()
        .current_dir(root.path())
        .args([
            "diff",
            "old",
            "new",
            "--format",
            "jsonl",
            "--output",
            "out.jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let written = std::fs::read_to_string(root.path().join("out.jsonl")).unwrap();
    let lines: Vec<Value> = written
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let paths: Vec<String> = lines
        .iter()
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = (0..count).map(|k| format!("doc{k:04}.txt")).collect();
    assert_eq!(paths, expected);
    let changed: Vec<&str> = lines
        .iter()
        .filter(|l| l["status"] == "changed")
        .map(|l| l["path"].as_str().unwrap())
        .collect();
    assert_eq!(changed.len(), 6);
    assert!(changed.iter().all(|p| p.ends_with("07.txt")), "{changed:?}");
    // Nothing changed: exit 0, and the same lines on standard output.
    let same = clausediff()
        .current_dir(root.path())
        .args(["diff", "old", "old", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(same.status.code(), Some(0), "{}", text(&same.stderr));
    assert_eq!(text(&same.stdout).lines().count(), count);
}
