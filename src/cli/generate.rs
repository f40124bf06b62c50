//! `clausediff generate`: shell completions and the man page, from the command line's own definition
//! (clap_complete, clap_mangen), so they never fall behind the flags.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use clausediff::error::Result;

use super::args::{Cli, Generated};
use super::{ExitStatus, stdout_error};

pub(crate) fn generate(what: Generated, out: &mut dyn Write) -> Result<ExitStatus> {
    let mut command = Cli::command();
    let shell = match what {
        Generated::CompleteBash => Shell::Bash,
        Generated::CompleteZsh => Shell::Zsh,
        Generated::CompleteFish => Shell::Fish,
        Generated::CompletePowershell => Shell::PowerShell,
        Generated::Man => {
            clap_mangen::Man::new(command)
                .render(out)
                .map_err(stdout_error)?;
            return Ok(ExitStatus::Same);
        }
    };
    clap_complete::generate(shell, &mut command, "clausediff", out);
    Ok(ExitStatus::Same)
}
