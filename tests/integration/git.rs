//! Git: `REV:PATH` inputs and the external diff driver, in a repository made for the test.

use std::path::Path;
use std::process::Command;

use crate::clausediff;

pub(crate) fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=clausediff tests",
            "-c",
            "user.email=tests@clausediff.invalid",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn fixture(relative: &str) -> String {
    std::fs::read_to_string(crate::root().join("fixtures").join(relative)).unwrap()
}

/// A repository with two commits of `statement.txt`: the draft, then the final.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    git(path, &["init", "-q"]);
    std::fs::write(
        path.join("statement.txt"),
        fixture("joint-statement/draft.txt"),
    )
    .unwrap();
    git(path, &["add", "statement.txt"]);
    git(path, &["commit", "-q", "-m", "draft"]);
    std::fs::write(
        path.join("statement.txt"),
        fixture("joint-statement/final.txt"),
    )
    .unwrap();
    git(path, &["commit", "-q", "-am", "final"]);
    dir
}

#[test]
fn revisions_are_read_through_git() {
    let repo = repository();
    let out = crate::differing_output(
        repo.path(),
        &[
            "diff",
            "HEAD~1:statement.txt",
            "statement.txt",
            "--format",
            "json",
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["old"]["source"], "HEAD~1:statement.txt");
    assert_eq!(report["summary"]["removed"], 2);
    let out = clausediff()
        .current_dir(repo.path())
        .args([
            "diff",
            "HEAD~1:statement.txt",
            "HEAD:statement.txt",
            "--format",
            "sarif",
        ])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let locations: Vec<(&str, &str)> = sarif["runs"][0]["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let location = &a["location"];
            (
                location["uri"].as_str().unwrap(),
                location["uriBaseId"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        locations,
        [
            ("statement.txt", "%OLDREV%"),
            ("statement.txt", "%SRCROOT%")
        ],
        "findings point at the file, not the revision; the old revision is a file of its own"
    );
}

/// A repository with two commits of `decl.md`: paragraph 2 softened, paragraph 3 removed, a
/// paragraph inserted at the top so every paragraph after it is renumbered.
fn declaration_repository() -> tempfile::TempDir {
    use crate::formats::{NEW_PARAGRAPHS, OLD_PARAGRAPHS, declaration};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    git(path, &["init", "-q"]);
    std::fs::write(path.join("decl.md"), declaration(&OLD_PARAGRAPHS, false)).unwrap();
    git(path, &["add", "decl.md"]);
    git(path, &["commit", "-q", "-m", "v1"]);
    std::fs::write(path.join("decl.md"), declaration(&NEW_PARAGRAPHS, true)).unwrap();
    git(path, &["commit", "-q", "-am", "v2"]);
    dir
}

#[test]
fn sarif_between_two_commits_locates_removals_in_the_old_revision() {
    let repo = declaration_repository();
    let out = clausediff()
        .current_dir(repo.path())
        .args([
            "diff",
            "HEAD~1:decl.md",
            "HEAD:decl.md",
            "--format",
            "sarif",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains(repo.path().to_str().unwrap()),
        "no absolute path"
    );
    let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
    let errors: Vec<String> = crate::formats::sarif_validator()
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &sarif["runs"][0];
    assert_eq!(run["automationDetails"]["id"], "clausediff/decl.md/");
    assert_eq!(
        run["artifacts"],
        serde_json::json!([
            {"location": {"uri": "decl.md", "uriBaseId": "%OLDREV%"},
             "description": {"text": "decl.md at revision HEAD~1"}},
            {"location": {"uri": "decl.md", "uriBaseId": "%SRCROOT%"}},
        ])
    );
    let bases = run["originalUriBaseIds"].as_object().unwrap();
    assert!(
        bases["%OLDREV%"]["description"]["text"]
            .as_str()
            .unwrap()
            .contains("revision HEAD~1")
    );
    assert!(
        bases["%SRCROOT%"].get("uri").is_none(),
        "the root is the consumer's"
    );
    let results = run["results"].as_array().unwrap();
    let removed = results
        .iter()
        .find(|r| r["ruleId"] == "structure.clause_removed")
        .expect("paragraph 3's removal is reported");
    // Paragraph 3 of v1 is on line 5; it stood after paragraph 2, now 3, on line 5 of v2.
    assert_eq!(
        removed["locations"][0]["physicalLocation"],
        serde_json::json!({
            "artifactLocation": {"uri": "decl.md", "uriBaseId": "%OLDREV%"},
            "region": {"startLine": 5}
        })
    );
    assert_eq!(
        removed["relatedLocations"][0]["physicalLocation"],
        serde_json::json!({
            "artifactLocation": {"uri": "decl.md", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 5}
        })
    );
    let softened = results
        .iter()
        .find(|r| r["ruleId"] == "scale.softened")
        .unwrap();
    assert_eq!(
        softened["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
        "%SRCROOT%"
    );
    assert_eq!(
        softened["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );

    let out = clausediff()
        .current_dir(repo.path())
        .args([
            "diff",
            "HEAD~1:decl.md",
            "HEAD:decl.md",
            "--format",
            "github",
        ])
        .output()
        .unwrap();
    let github = String::from_utf8(out.stdout).unwrap();
    assert!(
        github.contains(
            "::error file=decl.md,line=5,title=clausediff clause_removed (high)::removed from \
             HEAD~1:decl.md line 5: 3: clause removed: "
        ),
        "{github}"
    );
}

#[test]
fn an_absolute_path_inside_the_repository_is_located_relative_to_it() {
    let repo = declaration_repository();
    let absolute = repo.path().join("decl.md");
    let out = clausediff()
        .current_dir(repo.path())
        .args(["diff", "HEAD~1:decl.md"])
        .arg(&absolute)
        .args(["--format", "sarif"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["artifacts"][1]["location"],
        serde_json::json!({"uri": "decl.md", "uriBaseId": "%SRCROOT%"})
    );
}

#[test]
fn a_bad_revision_or_path_is_a_clear_error() {
    let repo = repository();
    let run = |spec: &str| {
        let out = clausediff()
            .current_dir(repo.path())
            .args(["diff", spec, "statement.txt"])
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    let (code, stderr) = run("nosuchbranch:statement.txt");
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("clausediff: error: nosuchbranch:statement.txt: "),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    let (code, stderr) = run("HEAD:missing.txt");
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("HEAD:missing.txt: path 'missing.txt' does not exist in 'HEAD'"),
        "{stderr}"
    );
    let outside = tempfile::tempdir().unwrap();
    let out = clausediff()
        .current_dir(outside.path())
        .args(["diff", "HEAD:statement.txt", "x.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("not in a git repository")
    );
}

/// A spec is never an option to git: a revision starting with `-` is refused before git runs (so
/// `--output=FILE` cannot make git write a file), while a file of such a name on disk is still read.
#[test]
fn a_revision_starting_with_a_dash_is_refused() {
    let repo = repository();
    for spec in ["--output=written:statement.txt", "-HEAD:statement.txt"] {
        let out = clausediff()
            .current_dir(repo.path())
            .args(["diff", "--", spec, "statement.txt"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!("clausediff: error: {spec}: a revision cannot start with `-`\n")
        );
    }
    assert!(!repo.path().join("written").exists(), "git wrote nothing");
    std::fs::copy(
        repo.path().join("statement.txt"),
        repo.path().join("-draft:1.txt"),
    )
    .unwrap();
    clausediff()
        .current_dir(repo.path())
        .args(["diff", "--", "-draft:1.txt", "statement.txt"])
        .assert()
        .code(0);
    // A folder at a revision is not a draft.
    std::fs::create_dir(repo.path().join("annex")).unwrap();
    std::fs::write(repo.path().join("annex/a.txt"), "1. Annex.\n").unwrap();
    git(repo.path(), &["add", "annex"]);
    git(repo.path(), &["commit", "-q", "-m", "annex"]);
    clausediff()
        .current_dir(repo.path())
        .args(["diff", "HEAD:annex", "statement.txt"])
        .assert()
        .code(2)
        .stderr("clausediff: error: HEAD:annex: not a file at that revision (a folder?)\n");
}

#[test]
fn git_diff_shows_the_redline_through_the_driver() {
    let repo = repository();
    let path = repo.path();
    let binary = assert_cmd::cargo::cargo_bin("clausediff");
    let command = format!("{} git-driver", binary.display());
    git(path, &["config", "diff.clausediff.command", &command]);
    std::fs::write(path.join(".gitattributes"), "*.txt diff=clausediff\n").unwrap();
    let out = git(path, &["diff", "HEAD~1", "HEAD"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("clausediff a/statement.txt b/statement.txt\n"),
        "{text}"
    );
    assert!(text.contains("13 → 11 (renumbered, modified, 89% similar)"));
    assert!(text.contains("[-must-]{+will+}"));
    assert!(text.contains("watch term \"Kuril Islands\", disputed-territories"));

    // A file added and a file deleted in git: /dev/null on one side.
    std::fs::write(path.join("annex.txt"), "1. The annex lists the ports.\n").unwrap();
    git(path, &["add", "annex.txt"]);
    git(path, &["commit", "-q", "-m", "annex"]);
    let added = String::from_utf8(git(path, &["diff", "HEAD~1", "HEAD"]).stdout).unwrap();
    assert!(
        added.contains("1 (added)\n  {+The annex lists the ports.+}"),
        "{added}"
    );
    git(path, &["rm", "-q", "annex.txt"]);
    git(path, &["commit", "-q", "-m", "no annex"]);
    let deleted = String::from_utf8(git(path, &["diff", "HEAD~1", "HEAD"]).stdout).unwrap();
    assert!(
        deleted.contains("1 (removed)\n  [-The annex lists the ports.-]"),
        "{deleted}"
    );
}

#[test]
fn the_driver_refuses_arguments_git_does_not_send() {
    clausediff()
        .args(["git-driver", "a", "b", "c"])
        .assert()
        .code(2);
}

#[test]
fn findings_are_located_from_the_repository_root_when_run_in_a_subfolder() {
    let dir = repository();
    let sub = dir.path().join("drafts");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("a.txt"), fixture("joint-statement/draft.txt")).unwrap();
    std::fs::write(sub.join("b.txt"), fixture("joint-statement/final.txt")).unwrap();
    let out = clausediff()
        .current_dir(&sub)
        .args(["diff", "a.txt", "b.txt", "--format", "github"])
        .output()
        .unwrap();
    let annotations = String::from_utf8(out.stdout).unwrap();
    assert!(
        annotations.contains("::error file=drafts/b.txt,"),
        "{annotations}"
    );
    assert!(
        annotations.contains("removed from drafts/a.txt line "),
        "{annotations}"
    );
    let sarif = clausediff()
        .current_dir(&sub)
        .args(["diff", "a.txt", "b.txt", "--format", "sarif"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["location"]["uri"].as_str())
        .collect();
    assert_eq!(uris, ["drafts/a.txt", "drafts/b.txt"]);
}
