//! `clausediff history`: lineages, blame, the JSON contract, git revisions, the HTML grid.

use std::path::Path;
use std::process::Command;

use serde::Deserialize;

use crate::clausediff;

const DRAFTS: [&str; 4] = [
    "fixtures/joint-statement-drafts/draft-1.txt",
    "fixtures/joint-statement-drafts/draft-2.txt",
    "fixtures/joint-statement-drafts/draft-3.txt",
    "fixtures/joint-statement-drafts/draft-4.txt",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct History {
    schema: String,
    versions: Vec<Version>,
    clauses: Vec<Lineage>,
    document: Vec<Change>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to be checked by deserialisation")]
struct Version {
    label: String,
    source: String,
    commit: Option<Commit>,
    /// Negotiating texts only.
    brackets: Option<usize>,
    options: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to be checked by deserialisation")]
struct Commit {
    hash: String,
    date: String,
    author: String,
    subject: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Lineage {
    lineage: Vec<Option<String>>,
    introduced: usize,
    removed: Option<usize>,
    text: String,
    events: Vec<Event>,
    changes: Vec<Change>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to be checked by deserialisation")]
struct Event {
    version: usize,
    event: String,
    detail: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Change {
    version: usize,
    findings: Vec<serde_json::Value>,
}

fn history(args: &[&str]) -> History {
    let out = clausediff()
        .arg("history")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let history: History =
        serde_json::from_slice(&out.stdout).expect("history follows clausediff.history.v1");
    assert_eq!(history.schema, "clausediff.history.v1");
    history
}

fn lineage<'a>(h: &'a History, starts: &str) -> &'a Lineage {
    h.clauses
        .iter()
        .find(|c| c.text.starts_with(starts))
        .unwrap_or_else(|| panic!("a clause starting {starts:?}"))
}

fn ids(l: &Lineage) -> Vec<Option<&str>> {
    l.lineage.iter().map(Option::as_deref).collect()
}

fn kinds(change: &Change) -> Vec<&str> {
    change
        .findings
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect()
}

#[test]
fn the_disputed_islands_sentence_tells_its_story() {
    let h = history(&DRAFTS);
    assert_eq!(h.versions.len(), 4);
    assert_eq!(h.versions[1].label, DRAFTS[1]);
    let islands = lineage(&h, "The Russian side welcomes Chinese companies");
    assert_eq!(ids(islands), [Some("5"), Some("6"), None, None]);
    assert_eq!((islands.introduced, islands.removed), (0, Some(2)));
    let [softened, removed] = islands.changes.as_slice() else {
        panic!("two changes, got {}", islands.changes.len());
    };
    assert_eq!(softened.version, 1);
    let found = kinds(softened);
    for kind in ["softened", "hedge_added", "intensifier_removed"] {
        assert!(found.contains(&kind), "{kind} in {found:?}");
    }
    let words: Vec<(&str, &str)> = softened
        .findings
        .iter()
        .map(|f| {
            (
                f["old_text"].as_str().unwrap(),
                f["new_text"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(words.contains(&("participate in", "study")), "{words:?}");
    assert!(words.contains(&("", "with caution")));
    assert!(words.contains(&("", "the possibility of")));
    assert_eq!(removed.version, 2);
    // The names and the watch term the clause held are the removal's evidence.
    assert_eq!(kinds(removed), ["clause_removed"]);
    assert!(h.document.is_empty());
}

#[test]
fn moved_and_split_clauses_keep_their_identity() {
    let h = history(&DRAFTS);
    let culture = lineage(
        &h,
        "The Parties will hold the China-Russia Years of Culture",
    );
    assert_eq!(ids(culture), [Some("6"), Some("7"), Some("2"), Some("2")]);
    assert!(
        culture
            .events
            .iter()
            .any(|e| e.version == 2 && e.event == "moved")
    );
    let energy = lineage(&h, "The Parties will deepen cooperation in energy");
    assert_eq!(ids(energy), [Some("3"), Some("3"), Some("4"), Some("4")]);
    assert!(
        energy
            .events
            .iter()
            .any(|e| e.version == 1 && e.event == "split" && e.detail == "split, also into 4")
    );
    let arctic = lineage(&h, "The Parties will jointly develop shipping routes");
    assert_eq!(ids(arctic), [None, Some("4"), Some("5"), Some("5")]);
    assert_eq!(arctic.events[0].event, "split_from");
    // Every clause of every version belongs to exactly one lineage.
    let counts = [9, 10, 9, 8];
    for (v, n) in counts.iter().enumerate() {
        assert_eq!(
            h.clauses.iter().filter(|c| c.lineage[v].is_some()).count(),
            *n,
            "version {v}"
        );
    }
}

#[test]
fn the_timeline_blames_each_change_on_its_draft() {
    let out = clausediff().arg("history").args(DRAFTS).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let story = text
        .split("\n\n")
        .find(|block| block.contains("The Russian side welcomes"))
        .unwrap();
    insta::assert_snapshot!(story);
}

#[test]
fn summary_compares_first_and_last_and_blames_each_finding() {
    let out = clausediff()
        .args(["history", "--summary", "--format", "json"])
        .args(DRAFTS)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["schema"], "clausediff.report.v1");
    let blamed = |kind: &str, words: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == kind && (f["old_text"] == words || f["new_text"] == words))
            .unwrap_or_else(|| panic!("{kind} {words}"))["blame"]["version"]
            .as_u64()
    };
    assert_eq!(blamed("intensifier_removed", "resolutely"), Some(3));
    // The Kuril clause's removal (its watch term the evidence) is blamed on the version that
    // dropped it.
    let kurils = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["kind"] == "clause_removed"
                && f["old_text"]
                    .as_str()
                    .unwrap()
                    .contains("Southern Kuril Islands")
        })
        .expect("the Kuril clause is removed");
    assert_eq!(kurils["blame"]["version"].as_u64(), Some(2));
    assert_eq!(blamed("entity_removed", "Northeast Asia"), Some(3));
    let text = clausediff()
        .args(["history", "--summary"])
        .args(DRAFTS)
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains(
            "3: intensifier \"resolutely\" removed — in fixtures/joint-statement-drafts/draft-4.txt"
        ),
        "{text}"
    );
}

#[test]
fn real_families_follow_their_clauses() {
    let paris: Vec<String> = (1..=5)
        .map(|k| {
            let dir = crate::root().join("fixtures/paris-agreement");
            let name = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .find(|n| n.starts_with(&format!("0{k}-")))
                .unwrap();
            format!("fixtures/paris-agreement/{name}")
        })
        .collect();
    let args: Vec<&str> = paris.iter().map(String::as_str).collect();
    let h = history(&args);
    // The temperature goal is one clause from the October 2015 draft to the corrected final text.
    let goal = lineage(&h, "hold the increase in the global average temperature");
    assert_eq!(ids(goal), [Some("Article 2.1.1"); 5]);
    assert_eq!(goal.changes.len(), 4);
    let quad: Vec<String> = (1..=5)
        .map(|k| {
            let dir = crate::root().join("fixtures/quad-leaders");
            let name = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .find(|n| n.starts_with(&format!("0{k}-")))
                .unwrap();
            format!("fixtures/quad-leaders/{name}")
        })
        .collect();
    let args: Vec<&str> = quad.iter().map(String::as_str).collect();
    let h = history(&args);
    for (v, path) in quad.iter().enumerate() {
        let clauses = clausediff()
            .args(["clauses", path, "--format", "json"])
            .output()
            .unwrap();
        let clauses: serde_json::Value = serde_json::from_slice(&clauses.stdout).unwrap();
        let n = clauses["clauses"].as_array().unwrap().len();
        assert_eq!(
            h.clauses.iter().filter(|c| c.lineage[v].is_some()).count(),
            n
        );
    }
}

fn git(dir: &Path, args: &[&str], author: Option<(&str, &str)>) {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
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
        .env_remove("GIT_DIR");
    if let Some((name, date)) = author {
        cmd.env("GIT_AUTHOR_NAME", name)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn git_history_labels_versions_with_commit_date_and_author() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    git(path, &["init", "-q"], None);
    let authors = [
        ("A. Ivanova", "2025-04-20T10:00:00"),
        ("B. Wang", "2025-04-28T10:00:00"),
        ("A. Ivanova", "2025-05-02T10:00:00"),
        ("J. Doe", "2025-05-07T10:00:00"),
    ];
    for (k, (name, date)) in authors.iter().enumerate() {
        let text = std::fs::read_to_string(crate::root().join(DRAFTS[k])).unwrap();
        std::fs::write(path.join("statement.txt"), text).unwrap();
        git(path, &["add", "statement.txt"], None);
        git(
            path,
            &["commit", "-q", "-m", &format!("draft {}", k + 1)],
            Some((name, date)),
        );
    }
    let out = crate::differing_output(
        path,
        &["history", "--git", "statement.txt", "--format", "json"],
    );
    let h: History = serde_json::from_slice(&out).unwrap();
    assert_eq!(h.versions.len(), 4);
    let commits: Vec<(&str, &str, &str)> = h
        .versions
        .iter()
        .map(|v| {
            let c = v.commit.as_ref().unwrap();
            (c.author.as_str(), c.date.as_str(), c.subject.as_str())
        })
        .collect();
    assert_eq!(commits[0], ("A. Ivanova", "2025-04-20", "draft 1"));
    assert_eq!(commits[3], ("J. Doe", "2025-05-07", "draft 4"));
    let text = clausediff()
        .current_dir(path)
        .args(["history", "--git", "statement.txt", "--summary"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let short = &h.versions[3].label;
    assert!(
        text.contains(&format!(
            "3: intensifier \"resolutely\" removed — in {short} ({short}, 2025-05-07, J. Doe)"
        )),
        "{text}"
    );
    clausediff()
        .current_dir(path)
        .args(["history", "--git", "missing.txt"])
        .assert()
        .code(2);
}

#[test]
fn history_needs_two_versions() {
    clausediff().args(["history", DRAFTS[0]]).assert().code(2);
}

/// A negotiating text's history counts its brackets per version and says when a clause was agreed.
#[test]
fn a_negotiating_text_counts_its_brackets_and_dates_each_agreement() {
    let h = history(&[
        "fixtures/cases/negotiation-brackets/v1.md",
        "fixtures/cases/negotiation-brackets/v2.md",
    ]);
    let counts: Vec<(Option<usize>, Option<usize>)> =
        h.versions.iter().map(|v| (v.brackets, v.options)).collect();
    assert_eq!(counts, [(Some(18), Some(4)), (Some(8), Some(0))]);
    let agreed = |starts: &str| {
        lineage(&h, starts)
            .events
            .iter()
            .filter(|e| e.event == "agreed")
            .map(|e| e.version)
            .collect::<Vec<_>>()
    };
    assert_eq!(agreed("[Parties shall report on support provided.]"), [1]);
    assert_eq!(agreed("The CMA shall decide"), [1]);
    // Still in brackets in the last version: not agreed.
    assert_eq!(
        agreed("Developed country Parties [shall provide"),
        Vec::<usize>::new()
    );
    // Drafts without brackets carry no counts.
    let plain = history(&[
        "fixtures/joint-statement-drafts/draft-1.txt",
        "fixtures/joint-statement-drafts/draft-2.txt",
    ]);
    assert!(plain.versions.iter().all(|v| v.brackets.is_none()));
}

#[test]
fn every_format_or_a_clear_refusal() {
    let run = |extra: &[&str]| {
        let mut args = vec!["history"];
        args.extend(DRAFTS);
        args.extend(extra);
        clausediff().args(&args).output().unwrap()
    };
    // JSON Lines: the history on one line.
    let line = run(&["--format", "jsonl"]);
    assert_eq!(line.status.code(), Some(1));
    let text = String::from_utf8(line.stdout).unwrap();
    assert_eq!(text.matches('\n').count(), 1);
    let pretty: serde_json::Value =
        serde_json::from_slice(&run(&["--format", "json"]).stdout).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        pretty
    );
    // SARIF and annotations need --summary (one comparison), and say so without work.
    for format in ["sarif", "github"] {
        let out = run(&["--format", format]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!(
                "clausediff: error: history --format {format} needs --summary: a history (every step at once) has no {format} form\n"
            )
        );
        let summary = run(&["--format", format, "--summary"]);
        assert_eq!(summary.status.code(), Some(1), "{format}");
        assert!(!summary.stdout.is_empty());
    }
}
