//! clausediff as a library: two drafts in, findings and a report out, no command line.
//!
//! `cargo run --example library` (the README shows this file). With `default-features = false`
//! the library builds alone, without the command line's dependencies, also for
//! `wasm32-unknown-unknown`.

use clausediff::classify::Severity;
use clausediff::report::{self, Format, RenderOptions};
use clausediff::{Draft, InputFormat, Options, compare};

#[expect(clippy::print_stdout, reason = "an example prints what it finds")]
fn main() -> std::io::Result<()> {
    let old = Draft::parse(
        "draft",
        "draft.txt",
        "1. The Parties shall maintain the security of Northeast Asia.\n\n\
         2. The Parties will meet every year.\n",
        InputFormat::Text,
    );
    let new = Draft::parse(
        "final",
        "final.txt",
        "1. The Parties should maintain the security of the region.\n",
        InputFormat::Text,
    );
    let report = compare(old, new, &Options::default());

    // Typed findings: kind with its data, severity, rule id, evidence, clause.
    for finding in &report.findings {
        if finding.severity >= Severity::Medium {
            println!(
                "{:<6} {:<24} {}",
                finding.severity.name(),
                finding.rule(),
                finding.message()
            );
        }
    }

    // Any report format, to any writer.
    let mut json = Vec::new();
    report::render(&report, Format::Json, &RenderOptions::default(), &mut json)?;
    println!("{} bytes of clausediff.report.v1 JSON", json.len());
    Ok(())
}
