//! Scores clausediff against the blind labels of real pairs (`fixtures/eval/real/`) and rewrites
//! `EVALUATION.md`.
//!
//! ```sh
//! cargo run --release --example evaluate              # rewrite EVALUATION.md
//! cargo run --release --example evaluate -- --tuning  # print the tuning pairs' report, write nothing
//! cargo run --release --example evaluate -- --pair quad-01-02  # one pair's report, write nothing
//! cargo run --release --example evaluate -- --unjudged quad-01-02  # its findings still to judge
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let tuning = args.iter().any(|a| a == "--tuning");
    // `--pair FILE`: one pair's report (for judging its findings), written nowhere.
    let only = args
        .iter()
        .position(|a| a == "--pair")
        .and_then(|k| args.get(k + 1));
    // `--unjudged FILE`: the medium+ findings of one pair that no label or judgment covers, to judge.
    if let Some(file) = args
        .iter()
        .position(|a| a == "--unjudged")
        .and_then(|k| args.get(k + 1))
    {
        for (name, pair) in score::pairs(&fixtures) {
            if name.trim_end_matches(".toml") == file.trim_end_matches(".toml") {
                print!("{}", score::unjudged(&fixtures, &pair));
            }
        }
        return ExitCode::SUCCESS;
    }
    // `--brackets-tuning`: the bracket scores of the tuning files only, with each label's findings.
    if args.iter().any(|a| a == "--brackets-tuning") {
        let files: Vec<_> = score::bracket_files(&fixtures)
            .into_iter()
            .filter(|(_, pair)| !pair.held_out)
            .collect();
        let scores: Vec<score::BracketScore> = files
            .iter()
            .map(|(file, pair)| score::score_brackets(&fixtures, file, pair))
            .collect();
        print!("{}", score::render_brackets(&scores));
        if args.iter().any(|a| a == "-v") {
            for (file, pair) in &files {
                println!(
                    "\n=== {file}\n{}",
                    score::bracket_diagnostics(&fixtures, pair)
                );
            }
        }
        return ExitCode::SUCCESS;
    }
    let scores: Vec<score::PairScore> = score::pairs(&fixtures)
        .iter()
        .filter(|(file, pair)| {
            only.map_or(!(tuning && pair.held_out), |o| {
                file.trim_end_matches(".toml") == o.trim_end_matches(".toml")
            })
        })
        .map(|(file, pair)| score::score(&fixtures, file, pair))
        .collect();
    if tuning || only.is_some() {
        print!("{}", score::render(&scores));
        return ExitCode::SUCCESS;
    }
    let page = score::page(&fixtures, &scores);
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
