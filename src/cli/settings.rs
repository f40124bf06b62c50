//! Settings shared by the commands, resolved from the command line and the environment.

use std::io::{self, IsTerminal};

use super::args::{Cli, ColorChoice};

/// Settings shared by the commands.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Whether output to stdout is coloured.
    pub color: bool,
}

impl Settings {
    pub(crate) fn new(cli: &Cli) -> Settings {
        let colour = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        // colored's switch is process-wide; this is the only place that sets it.
        colored::control::set_override(colour);
        Settings { color: colour }
    }
}
