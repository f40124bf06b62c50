//! Settings shared by the commands, resolved from the command line and the environment.

use std::io::{self, IsTerminal};

use super::args::{Cli, ColorChoice};
use super::config::Config;
use super::input::DEFAULT_MAX_INPUT_SIZE;

/// Settings shared by the commands.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Whether output to stdout is coloured.
    pub color: bool,
    /// The largest input read, in bytes: `--max-input-size`, else the config's `max_input_size`,
    /// else [`DEFAULT_MAX_INPUT_SIZE`].
    pub max_input_size: u64,
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
        Settings {
            color: colour,
            max_input_size: cli.max_input_size.unwrap_or(DEFAULT_MAX_INPUT_SIZE),
        }
    }

    /// The settings once the configuration file is known: the command line wins over it.
    pub(crate) fn with_config(&self, cli: &Cli, config: Option<&Config>) -> Settings {
        Settings {
            max_input_size: cli
                .max_input_size
                .or(config.and_then(|c| c.max_input_size))
                .unwrap_or(DEFAULT_MAX_INPUT_SIZE),
            ..self.clone()
        }
    }
}
