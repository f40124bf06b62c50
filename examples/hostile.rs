//! Writes the hostile version pairs of `bench/hostile.rs` into a folder, one sub-folder per case
//! (`old.txt`/`new.txt`, or `.md`), for `bench/compare.sh`.
//!
//! ```sh
//! cargo run --release --example hostile -- target/bench-pairs/hostile [NAME]...
//! ```

#![allow(
    clippy::print_stderr,
    reason = "a command-line helper reports its errors on stderr"
)]

#[path = "../bench/hostile.rs"]
mod hostile;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: hostile OUT_DIR [NAME]...");
        return ExitCode::from(2);
    };
    let chosen: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    for &name in hostile::NAMES {
        if !chosen.is_empty() && !chosen.iter().any(|c| c == name) {
            continue;
        }
        let case = hostile::generate(name);
        let dir = out.join(case.name);
        let written = std::fs::create_dir_all(&dir).and_then(|()| {
            std::fs::write(dir.join(format!("old.{}", case.extension)), &case.old)?;
            std::fs::write(dir.join(format!("new.{}", case.extension)), &case.new)?;
            std::fs::write(dir.join("description"), format!("{}\n", case.description))?;
            let expect = if case.rejected { "error\n" } else { "report\n" };
            std::fs::write(dir.join("expect"), expect)
        });
        if let Err(err) = written {
            eprintln!("{}: {err}", dir.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
