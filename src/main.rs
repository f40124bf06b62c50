//! The `clausediff` binary: a thin shell over the library (see `clausediff::cli`).

use std::process::ExitCode;

fn main() -> ExitCode {
    clausediff::cli::main()
}
