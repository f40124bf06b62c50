//! clausediff's integration tests: one binary, one module per concern.
#![allow(
    clippy::unwrap_used,
    reason = "test helpers fail the test loudly on an unexpected error, as tests do"
)]

mod action;
mod brackets;
mod browser;
mod cli;
mod contract;
mod docx;
mod evaluation;
mod folders;
mod formats;
mod git;
mod history;
mod hostile;
mod languages;
mod parallel;
mod pipeline;
mod policy;
mod properties;
mod readers;
mod reliability;
mod robustness;
mod snapshots;
mod structured;

use std::path::{Path, PathBuf};

use clausediff::{Draft, InputFormat, Options, Report, compare};

/// The crate root, so tests name fixtures by relative path and snapshots hold no absolute paths.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The path of a fixture, from its path relative to `fixtures/`.
pub fn fixture(relative: &str) -> PathBuf {
    root().join("fixtures").join(relative)
}

/// Reads and parses a fixture draft, labelled by its path relative to `fixtures/`.
pub fn draft(relative: &str) -> Draft {
    let text = std::fs::read_to_string(fixture(relative)).expect("fixture is readable");
    Draft::parse(relative, relative, &text, InputFormat::from_path(relative))
}

/// Compares two fixture drafts.
pub fn report(old: &str, new: &str) -> Report {
    compare(draft(old), draft(new), &Options::default())
}

/// A folder of the shared corpus, or `None` (the test skips, saying so) when the corpus is not
/// beside the checkout.
#[allow(clippy::print_stderr, reason = "says why a test is skipped")]
pub fn corpus(folder: &str) -> Option<PathBuf> {
    let path = root().join("../shared/corpus").join(folder);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: {} is not here", path.display());
        None
    }
}

/// The `clausediff` binary, run from the crate root without colour-forcing variables, a
/// configuration named by the environment, or a GitHub Actions step summary (a test run in CI must
/// not write to the job's).
pub fn clausediff() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("clausediff").expect("binary is built");
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("CLAUSEDIFF_CONFIG");
    cmd
}

/// The standard output of clausediff run in `dir` with `args`, which must find differences (exit
/// status 1; its stderr is shown otherwise).
pub fn differing_output(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = clausediff()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}
