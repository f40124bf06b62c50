//! What CI relies on, through the real binary: exit statuses (a closed pipe, `--fail-on` under
//! `--min-severity`), safe output (links, FIFOs, no temporary file left on error or on a signal) and
//! safe input (size limits, refusing at once what is not a draft).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::clausediff;

const DRAFT: &str = "fixtures/joint-statement/draft.txt";
const FINAL: &str = "fixtures/joint-statement/final.txt";

/// The built binary, for tests that need a `std::process::Command` (pipes, signals).
fn binary() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("clausediff"));
    cmd.current_dir(crate::root()).env_remove("NO_COLOR");
    cmd
}

/// Writes `count` numbered clauses, each edited between the two drafts, and returns their paths.
fn long_drafts(dir: &Path, count: usize) -> (String, String) {
    let (mut old, mut new) = (String::new(), String::new());
    for i in 1..=count {
        old.push_str(&format!(
            "{i}. The Parties shall fully cooperate on matter {i} within the United Nations.\n\n"
        ));
        new.push_str(&format!(
            "{i}. The Parties should cooperate on matter {i} within the United Nations, as appropriate.\n\n"
        ));
    }
    let (old_path, new_path) = (dir.join("old.txt"), dir.join("new.txt"));
    std::fs::write(&old_path, old).unwrap();
    std::fs::write(&new_path, new).unwrap();
    (
        old_path.display().to_string(),
        new_path.display().to_string(),
    )
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Whether a process ended as killed by `signal` would: by the signal itself, or with the shell's
/// 128 + signal.
#[cfg(unix)]
fn ended_by(status: std::process::ExitStatus, signal: i32) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal() == Some(signal) || status.code() == Some(128 + signal)
}

/// `clausediff diff … | head -1`: the reader is gone before the report is written, so every write
/// fails. The pipe's read end is closed before the process starts, so the outcome does not depend on
/// timing.
#[cfg(unix)]
#[test]
fn a_closed_stdout_ends_as_sigpipe_would() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = binary()
        .args(["diff", DRAFT, FINAL])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(ended_by(out.status, 13), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "no error message");
}

/// The same with a reader that takes one line and goes, as `head -1` does, on a report longer than
/// a pipe holds.
#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_gets_status_141_not_0() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = long_drafts(dir.path(), 3000);
    let mut child = binary()
        .args(["diff", &old, &new])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    let stdout = child.stdout.take().unwrap();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    assert!(first.starts_with("old: "), "{first}");
    let out = child.wait_with_output().unwrap();
    assert!(ended_by(out.status, 13), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// `--min-severity` only decides what is shown: a low finding it hides still fails `--fail-on low`.
#[test]
fn a_finding_hidden_by_min_severity_still_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(&old, "1. The Parties will fully cooperate on trade.\n").unwrap();
    std::fs::write(&new, "1. The Parties will cooperate on trade.\n").unwrap();
    let run = |args: &[&str]| {
        clausediff()
            .arg("diff")
            .arg(&old)
            .arg(&new)
            .args(["--format", "json"])
            .args(args)
            .output()
            .unwrap()
    };
    let shown = run(&["--fail-on", "low"]);
    let report: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(report["findings"][0]["severity"], "low");
    assert_eq!(shown.status.code(), Some(1));

    let hidden = run(&["--min-severity", "high", "--fail-on", "low"]);
    let report: serde_json::Value = serde_json::from_slice(&hidden.stdout).unwrap();
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
    assert_eq!(
        report["notes"][0],
        "1 finding below the minimum severity not shown"
    );
    assert_eq!(
        hidden.status.code(),
        Some(1),
        "the hidden low finding fails"
    );

    let above = run(&["--min-severity", "high", "--fail-on", "medium"]);
    assert_eq!(above.status.code(), Some(0));
}

/// `--output LINK` replaces the file the link names and keeps the link.
#[cfg(unix)]
#[test]
fn output_through_a_symlink_writes_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    let target = reports.join("2025-05.md");
    std::fs::write(&target, "previous").unwrap();
    let link = dir.path().join("latest.md");
    std::os::unix::fs::symlink("reports/2025-05.md", &link).unwrap();
    clausediff()
        .args(["diff", DRAFT, FINAL, "--format", "md", "--output"])
        .arg(&link)
        .assert()
        .code(1)
        .stdout("");
    let kind = std::fs::symlink_metadata(&link).unwrap().file_type();
    assert!(kind.is_symlink(), "the link is still a link");
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("reports/2025-05.md")
    );
    let report = std::fs::read_to_string(&target).unwrap();
    assert!(report.starts_with("## clausediff"), "{report}");
    assert_eq!(names(&reports), ["2025-05.md"], "no temporary file left");
    assert_eq!(names(dir.path()), ["latest.md", "reports"]);

    // A link to a file not made yet: the file is made where the link points.
    let dangling = dir.path().join("next.md");
    std::os::unix::fs::symlink("reports/2025-06.md", &dangling).unwrap();
    clausediff()
        .args(["diff", DRAFT, FINAL, "--format", "md", "--output"])
        .arg(&dangling)
        .assert()
        .code(1);
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(reports.join("2025-06.md")).unwrap(),
        report
    );
}

/// A FIFO read by another process gets the whole report, and stays a FIFO.
#[cfg(unix)]
#[test]
fn output_to_a_fifo_read_by_another_process() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = Command::new("cat")
        .arg(&fifo)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    clausediff()
        .args(["diff", DRAFT, FINAL, "--format", "json", "--output"])
        .arg(&fifo)
        .assert()
        .code(1)
        .stdout("");
    let read = reader.wait_with_output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&read.stdout).unwrap();
    assert_eq!(report["schema"], "clausediff.report.v1");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert_eq!(names(dir.path()), ["report.pipe"]);
}

/// Devices are written in place, never replaced: `/dev/null`, and a link to it.
#[cfg(unix)]
#[test]
fn output_to_a_device_is_written_in_place() {
    clausediff()
        .args(["diff", DRAFT, FINAL, "--output", "/dev/null"])
        .assert()
        .code(1)
        .stdout("");
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("null");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    clausediff()
        .args(["diff", DRAFT, FINAL, "--output"])
        .arg(&link)
        .assert()
        .code(1);
    assert_eq!(names(dir.path()), ["null"]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// A rename that fails (the destination is a folder) leaves no temporary file, and the message
/// names the destination.
#[test]
fn a_failed_write_leaves_no_temporary_file_and_names_the_destination() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("report.html");
    std::fs::create_dir(&folder).unwrap();
    let out = clausediff()
        .args(["diff", DRAFT, FINAL, "--format", "html", "--output"])
        .arg(&folder)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "clausediff: error: {}: cannot write: ",
            folder.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains(".clausediff-"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
    assert_eq!(names(dir.path()), ["report.html"]);

    // A folder that does not exist: no temporary file's name in the message either.
    let missing = dir.path().join("missing/report.html");
    let out = clausediff()
        .args(["diff", DRAFT, FINAL, "--output"])
        .arg(&missing)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "clausediff: error: {}: cannot write: ",
            missing.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains(".clausediff-"), "{stderr}");
}

/// SIGTERM while the report is being written: the temporary file is removed, the destination is
/// not made, and the process ends as killed by SIGTERM. The test waits until the temporary file
/// exists before sending the signal, so the signal always lands during the write.
#[cfg(unix)]
#[test]
fn sigterm_during_a_write_removes_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = long_drafts(dir.path(), 1200);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let mut child = binary()
        .args(["diff", &old, &new, "--format", "html", "--output"])
        .arg(out_dir.join("report.html"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut seen = false;
    while Instant::now() < deadline {
        if names(&out_dir)
            .iter()
            .any(|n| n.starts_with(".clausediff-"))
        {
            seen = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    assert!(
        seen,
        "the temporary file was never seen: the write was too fast to interrupt"
    );
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    assert!(ended_by(out.status, 15), "{:?}", out.status);
    assert_eq!(
        names(&out_dir),
        Vec::<String>::new(),
        "no temporary file, no report"
    );
}
