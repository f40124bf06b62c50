//! The GitHub Action and the pre-commit hook, run locally: `action/run.sh` (the action's main step)
//! on a real repository whose last commit modifies, adds, deletes and renames documents, with the
//! files GitHub would give it; `action/pre-commit.sh` on a staged change.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::git::git;

/// A repository: a base commit, then one that softens `docs/decl.md`, deletes `gone.md`, renames
/// `keep.txt` unchanged, adds `new.md` and changes a file no pattern covers.
fn repository() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let fixture = |name: &str| {
        std::fs::read_to_string(crate::root().join("fixtures/joint-statement").join(name)).unwrap()
    };
    git(root, &["init", "-q"]);
    std::fs::create_dir(root.join("docs")).unwrap();
    std::fs::write(root.join("docs/decl.md"), fixture("draft.txt")).unwrap();
    std::fs::write(
        root.join("gone.md"),
        "1. The Parties shall meet.\n\n2. They shall report.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("keep.txt"),
        "1. A clause of a renamed document.\n\n2. Another.\n",
    )
    .unwrap();
    std::fs::write(root.join("notes.rst"), "The Parties shall meet.\n").unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "base"]);
    let base = String::from_utf8(git(root, &["rev-parse", "HEAD"]).stdout).unwrap();
    std::fs::write(root.join("docs/decl.md"), fixture("final.txt")).unwrap();
    git(root, &["rm", "-q", "gone.md"]);
    git(root, &["mv", "keep.txt", "kept.txt"]);
    std::fs::write(
        root.join("new.md"),
        "1. The Parties will consult each other.\n",
    )
    .unwrap();
    std::fs::write(root.join("notes.rst"), "The Parties may meet.\n").unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "head"]);
    (dir, base.trim().to_string())
}

/// PATH with the built clausediff first, as the action's install step leaves it.
fn path_with_clausediff() -> String {
    let binary = assert_cmd::cargo::cargo_bin("clausediff");
    let folder = binary.parent().unwrap().display().to_string();
    format!("{folder}:{}", std::env::var("PATH").unwrap_or_default())
}

struct Run {
    status: Option<i32>,
    stdout: String,
    outputs: String,
    summary: String,
    sarif: Option<PathBuf>,
}

fn run_action(repo: &Path, base: &str, fail_on: &str) -> Run {
    let files = tempfile::tempdir().unwrap();
    let (outputs, summary) = (files.path().join("output"), files.path().join("summary"));
    let out = Command::new("bash")
        .arg(crate::root().join("action/run.sh"))
        .current_dir(repo)
        .env("PATH", path_with_clausediff())
        .env("BASE", base)
        .env("FAIL_ON", fail_on)
        .env("OUT", files.path().join("sarif"))
        .env("GITHUB_OUTPUT", &outputs)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    let outputs = read(&outputs);
    let sarif = outputs
        .lines()
        .find_map(|l| l.strip_prefix("sarif="))
        .filter(|p| !p.is_empty())
        .map(|p| {
            // Kept past the temporary folder's life for the assertions.
            let kept = repo.join("clausediff.sarif");
            std::fs::copy(p, &kept).unwrap();
            kept
        });
    Run {
        status: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        outputs,
        summary: read(&summary),
        sarif,
    }
}

#[test]
fn the_action_compares_modified_added_deleted_and_renamed_documents_in_one_run() {
    let (repo, base) = repository();
    let run = run_action(repo.path(), &base, "high");
    assert_eq!(run.status, Some(0), "{}", run.stdout);
    assert!(run.outputs.contains("failed=true\n"), "{}", run.outputs);
    // Annotations name files by their paths in the repository.
    assert!(
        run.stdout.contains("::error file=docs/decl.md,"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("file=gone.md"), "{}", run.stdout);
    // Removed text is cited at the base revision's file and line.
    let short = &base[..7];
    assert!(
        run.stdout
            .contains(&format!("removed from {short}:docs/decl.md line ")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("file=new.md"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("kept.txt") && !run.stdout.contains("keep.txt"),
        "a rename alone is no change"
    );
    assert!(!run.stdout.contains("notes.rst"));
    assert!(!run.stdout.contains("../"), "{}", run.stdout);
    // The full report in the step summary.
    assert!(run.summary.contains("docs/decl.md"), "{}", run.summary);
    // One SARIF log with one run, every result in a repository file.
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run.sarif.unwrap()).unwrap()).unwrap();
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let results = runs[0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().any(|r| {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/decl.md"
    }));
}

#[test]
fn the_action_passes_below_the_fail_on_level_and_without_changed_documents() {
    let (repo, base) = repository();
    let run = run_action(repo.path(), &base, "none");
    assert_eq!(run.status, Some(0));
    assert!(run.outputs.contains("failed=false\n"), "{}", run.outputs);
    let head = String::from_utf8(git(repo.path(), &["rev-parse", "HEAD"]).stdout).unwrap();
    let run = run_action(repo.path(), head.trim(), "high");
    assert_eq!(run.status, Some(0));
    assert!(run.outputs.contains("sarif=\n") && run.outputs.contains("failed=false\n"));
    assert!(
        run.stdout.contains("no changed documents"),
        "{}",
        run.stdout
    );
}

#[test]
fn action_yml_runs_the_script_the_tests_run() {
    let action = std::fs::read_to_string(crate::root().join("action.yml")).unwrap();
    assert!(action.contains("using: composite"));
    assert!(action.contains(r#"run: bash "$GITHUB_ACTION_PATH/action/run.sh""#));
    assert!(action.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""));
    assert!(action.contains("uses: actions/cache@"));
    let example =
        std::fs::read_to_string(crate::root().join("examples/github-workflow.yml")).unwrap();
    assert!(example.contains("- uses: ./"));
}

#[test]
fn the_pre_commit_hook_fails_a_staged_softening() {
    let (repo, _) = repository();
    let root = repo.path();
    let hook = crate::root().join("action/pre-commit.sh");
    let run = |files: &[&str]| {
        Command::new("bash")
            .arg(&hook)
            .args(files)
            .current_dir(root)
            .env("PATH", path_with_clausediff())
            .output()
            .unwrap()
    };
    std::fs::write(
        root.join("new.md"),
        "1. The Parties may consult each other.\n",
    )
    .unwrap();
    git(root, &["add", "new.md"]);
    assert_eq!(
        run(&["new.md"]).status.code(),
        Some(1),
        "will → may is high"
    );
    std::fs::write(
        root.join("new.md"),
        "1. The Parties will consult each other closely.\n",
    )
    .unwrap();
    assert_eq!(run(&["new.md"]).status.code(), Some(0));
    std::fs::write(root.join("fresh.md"), "1. A clause new in this commit.\n").unwrap();
    assert_eq!(run(&["fresh.md"]).status.code(), Some(0));
    let hooks = std::fs::read_to_string(crate::root().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("entry: action/pre-commit.sh"));
}
