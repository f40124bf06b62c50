//! Scores clausediff against the blind labels of real pairs (`fixtures/eval/real/`) and rewrites
//! `EVALUATION.md`.
//!
//! ```sh
//! cargo run --release --example evaluate              # rewrite EVALUATION.md
//! cargo run --release --example evaluate -- --tuning  # print the tuning pairs' report, write nothing
//! ```
//!
//! `--tuning` leaves the held-out pairs out of what it prints, so that work on the classifier is not
//! tuned on them.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line helper prints its report"
)]

#[path = "../eval/score.rs"]
mod score;

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = root.join("fixtures");
    let tuning = std::env::args().any(|a| a == "--tuning");
    let scores: Vec<score::PairScore> = score::pairs(&fixtures)
        .iter()
        .filter(|(_, pair)| !(tuning && pair.held_out))
        .map(|(file, pair)| score::score(&fixtures, file, pair))
        .collect();
    let page = score::render(&scores);
    if tuning {
        print!("{page}");
        return ExitCode::SUCCESS;
    }
    let path = root.join("EVALUATION.md");
    if let Err(e) = std::fs::write(&path, page) {
        eprintln!("evaluate: {}: {e}", path.display());
        return ExitCode::from(2);
    }
    let all = score::Totals::of(&scores);
    println!(
        "EVALUATION.md: precision {:.2} ({} of {} medium+ findings), recall {:.2} ({} of {} labels)",
        all.precision(),
        all.correct,
        all.findings,
        all.recall(),
        all.recalled,
        all.labels
    );
    ExitCode::SUCCESS
}
