//! What CI relies on, through the real binary: exit statuses (a closed pipe, `--fail-on` under
//! `--min-severity`), safe output (links, FIFOs, no temporary file left on error or on a signal),
//! safe input (size limits, refusing at once what is not a draft, standard input's format) and
//! which settings file applies.

use std::path::{Path, PathBuf};
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

/// Devices are written in place, never replaced: `/dev/null`, `/dev/stdout`, and a link to
/// `/dev/null`.
#[cfg(unix)]
#[test]
fn output_to_a_device_is_written_in_place() {
    clausediff()
        .args(["diff", DRAFT, FINAL, "--output", "/dev/null"])
        .assert()
        .code(1)
        .stdout("");
    // `/dev/stdout` here is a pipe that no path names: written in place all the same.
    let piped = clausediff()
        .args([
            "diff",
            DRAFT,
            FINAL,
            "--format",
            "json",
            "--output",
            "/dev/stdout",
        ])
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&piped.stdout).unwrap();
    assert_eq!(report["schema"], "clausediff.report.v1");
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

/// A limit that fails fast: every input check below must end well within it, though the inputs are
/// endless or a gigabyte long.
const QUICK: Duration = Duration::from_secs(20);

/// `/dev/zero` is binary at byte 0: refused at once, on standard input and as a path.
#[cfg(unix)]
#[test]
fn dev_zero_is_refused_at_once() {
    let started = Instant::now();
    let out = binary()
        .args(["diff", "-", FINAL])
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "clausediff: error: -: binary file (NUL byte at offset 0), not a text draft\n"
    );
    clausediff()
        .args(["diff", "/dev/zero", FINAL, "--max-input-size", "1M"])
        .timeout(QUICK)
        .assert()
        .code(2)
        .stderr(
            "clausediff: error: /dev/zero: binary file (NUL byte at offset 0), not a text draft\n",
        );
    assert!(started.elapsed() < QUICK);
}

/// An endless stream of text on standard input stops one byte past the limit.
#[test]
fn an_endless_standard_input_stops_at_the_limit() {
    let mut child = binary()
        .args(["diff", "-", FINAL, "--max-input-size", "1M"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = b"The Parties shall cooperate.\n".repeat(1000);
        // Writes until clausediff stops reading; the broken pipe ends the loop.
        while std::io::Write::write_all(&mut stdin, &line).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "clausediff: error: -: larger than the input size limit of 1M (--max-input-size)\n"
    );
}

/// A regular file is refused by its length before it is opened: a gigabyte of NULs (sparse, so the
/// test writes nothing) fails at once under the default limit of 256M.
#[test]
fn a_file_over_the_limit_is_refused_by_its_length() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    clausediff()
        .arg("diff")
        .arg(&huge)
        .arg(FINAL)
        .timeout(QUICK)
        .assert()
        .code(2)
        .stderr(format!(
            "clausediff: error: {}: larger than the input size limit of 256M (--max-input-size)\n",
            huge.display()
        ));
    // The limit is the user's: the fixtures are a few kilobytes.
    clausediff()
        .args(["diff", DRAFT, FINAL, "--max-input-size", "2K"])
        .assert()
        .code(2)
        .stderr(format!(
            "clausediff: error: {DRAFT}: larger than the input size limit of 2K (--max-input-size)\n"
        ));
    clausediff()
        .args(["diff", DRAFT, FINAL, "--max-input-size", "64M"])
        .assert()
        .code(1);
}

/// Standard input has no extension: its text says whether it is Markdown, and `--input-format`
/// overrides.
#[test]
fn standard_input_is_read_as_what_it_looks_like() {
    let markdown =
        std::fs::read_to_string(crate::fixture("cases/markdown-sections/v2.md")).unwrap();
    let header = |args: &[&str], input: &str| {
        let out = clausediff()
            .args(["clauses", "-"])
            .args(args)
            .write_stdin(input.to_string())
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        stdout.lines().next().unwrap_or("").to_string()
    };
    assert_eq!(header(&[], &markdown), "-: 8 clauses (markdown)");
    assert_eq!(
        header(&["--input-format", "text"], &markdown),
        "-: 9 clauses (text)"
    );
    let text = std::fs::read_to_string(crate::fixture("joint-statement/draft.txt")).unwrap();
    assert_eq!(header(&[], &text), "-: 19 clauses (text)");
    let headings = "# Declaration\n\n## Article 1\n\nThe Parties shall meet.\n";
    assert!(header(&[], headings).ends_with("(markdown)"));
}

/// A folder standing for a repository, with settings above it that must not leak in.
struct Checkout {
    root: tempfile::TempDir,
}

impl Checkout {
    /// `outer/.clausediff.toml` says never fail; `outer/repo/docs/` holds two drafts whose only
    /// finding is low; `with_git` makes `outer/repo` a repository's root.
    fn new(with_git: bool) -> Checkout {
        let root = tempfile::tempdir().unwrap();
        let docs = root.path().join("repo/docs");
        std::fs::create_dir_all(&docs).unwrap();
        if with_git {
            std::fs::create_dir(root.path().join("repo/.git")).unwrap();
        }
        std::fs::write(root.path().join(".clausediff.toml"), "fail_on = \"none\"\n").unwrap();
        std::fs::write(root.path().join("fail-low.toml"), "fail_on = \"low\"\n").unwrap();
        std::fs::write(
            docs.join("old.txt"),
            "1. The Parties will fully cooperate on trade.\n",
        )
        .unwrap();
        std::fs::write(
            docs.join("new.txt"),
            "1. The Parties will cooperate on trade.\n",
        )
        .unwrap();
        Checkout { root }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.path().join(relative)
    }

    /// `clausediff diff old.txt new.txt` in `repo/docs`, with `CLAUSEDIFF_CONFIG` when given; the
    /// exit code.
    fn status(&self, args: &[&str], variable: Option<&Path>) -> Option<i32> {
        let mut cmd = clausediff();
        cmd.current_dir(self.path("repo/docs"))
            .args(["diff", "old.txt", "new.txt"])
            .args(args);
        if let Some(variable) = variable {
            cmd.env("CLAUSEDIFF_CONFIG", variable);
        }
        cmd.output().unwrap().status.code()
    }
}

#[test]
fn config_discovery_stops_at_the_repository_root() {
    let outside = Checkout::new(false);
    assert_eq!(
        outside.status(&[], None),
        Some(0),
        "found above: fail_on none"
    );
    assert_eq!(outside.status(&["--no-config"], None), Some(1));
    let inside = Checkout::new(true);
    assert_eq!(
        inside.status(&[], None),
        Some(1),
        "not looked for above the repository"
    );
}

#[test]
fn config_flag_wins_over_the_variable_and_no_config_over_both() {
    let checkout = Checkout::new(true);
    let never = checkout.path(".clausediff.toml");
    let low = checkout.path("fail-low.toml");
    let never = never.to_str().unwrap();
    let low_text = low.to_str().unwrap();
    assert_eq!(checkout.status(&[], Some(Path::new(never))), Some(0));
    assert_eq!(
        checkout.status(&["--config", low_text], Some(Path::new(never))),
        Some(1)
    );
    assert_eq!(checkout.status(&["--config", never], Some(&low)), Some(0));
    assert_eq!(
        checkout.status(&["--no-config", "--config", never], Some(Path::new(never))),
        Some(1)
    );
    // A variable naming a missing file is an error that names it.
    let out = clausediff()
        .current_dir(checkout.path("repo/docs"))
        .env("CLAUSEDIFF_CONFIG", "missing.toml")
        .args(["diff", "old.txt", "new.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "clausediff: error: missing.toml: no such file\n"
    );
}

#[test]
fn config_max_input_size_applies_unless_the_flag_says_otherwise() {
    let checkout = Checkout::new(true);
    std::fs::write(
        checkout.path("repo/.clausediff.toml"),
        "max_input_size = \"16\"\n",
    )
    .unwrap();
    let out = clausediff()
        .current_dir(checkout.path("repo/docs"))
        .args(["diff", "old.txt", "new.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "clausediff: error: old.txt: larger than the input size limit of 16 bytes (--max-input-size)\n"
    );
    assert_eq!(checkout.status(&["--max-input-size", "1K"], None), Some(1));
}
