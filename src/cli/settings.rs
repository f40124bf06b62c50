//! Settings shared by the commands, resolved from the command line and the environment.

use std::ffi::OsStr;
use std::io::{self, IsTerminal};

use super::args::{Cli, ColorChoice};
use super::config::Config;
use super::input::DEFAULT_MAX_INPUT_SIZE;

/// Settings shared by the commands.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Whether output to stdout is coloured.
    pub color: bool,
    /// The terminal's width, when stdout is one: terminal redlines wrap to it.
    pub width: Option<usize>,
    /// The largest input read, in bytes: `--max-input-size`, else the config's `max_input_size`,
    /// else [`DEFAULT_MAX_INPUT_SIZE`].
    pub max_input_size: u64,
    /// The drafts' language: `--lang`, else the config's `lang`, else detected per draft.
    pub lang: Option<clausediff::text::Language>,
}

impl Settings {
    pub(crate) fn new(cli: &Cli) -> Settings {
        let stdout = io::stdout();
        let terminal = stdout.is_terminal();
        let color = colour(cli.color, terminal, &|name| std::env::var_os(name));
        // colored's switch is process-wide; this is the only place that sets it.
        colored::control::set_override(color);
        let width = terminal
            .then(|| terminal_size::terminal_size_of(&stdout))
            .flatten()
            .map(|(terminal_size::Width(w), _)| usize::from(w));
        Settings {
            color,
            width,
            max_input_size: cli.max_input_size.unwrap_or(DEFAULT_MAX_INPUT_SIZE),
            lang: cli.lang,
        }
    }

    /// The settings once the configuration file is known: the command line wins over it.
    pub(crate) fn with_config(&self, cli: &Cli, config: Option<&Config>) -> Settings {
        Settings {
            max_input_size: cli
                .max_input_size
                .or(config.and_then(|c| c.max_input_size))
                .unwrap_or(DEFAULT_MAX_INPUT_SIZE),
            lang: cli.lang.or(config.and_then(|c| c.lang)),
            ..self.clone()
        }
    }
}

/// Whether to colour stdout, as ripgrep, git and the CLICOLOR convention decide: `--color` first;
/// then `NO_COLOR` (any non-empty value) turns colour off, `CLICOLOR_FORCE` (non-empty, not `0`) on,
/// `CLICOLOR=0` off; `TERM=dumb` off; then a terminal is coloured, and so is git's pager when git
/// runs clausediff as its diff driver with a pager of its own (`GIT_PAGER_IN_USE`).
fn colour(
    choice: ColorChoice,
    terminal: bool,
    env: &dyn Fn(&str) -> Option<std::ffi::OsString>,
) -> bool {
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    let is = |name: &str, value: &str| env(name).is_some_and(|v| v == OsStr::new(value));
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto if set("CLICOLOR_FORCE") && !is("CLICOLOR_FORCE", "0") => true,
        ColorChoice::Auto if is("CLICOLOR", "0") || is("TERM", "dumb") => false,
        ColorChoice::Auto => {
            terminal || is("GIT_PAGER_IN_USE", "true") || is("GIT_PAGER_IN_USE", "1")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(terminal: bool, vars: &[(&str, &str)]) -> bool {
        let env = |name: &str| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| std::ffi::OsString::from(v))
        };
        colour(ColorChoice::Auto, terminal, &env)
    }

    #[test]
    fn a_terminal_is_coloured_unless_the_environment_says_no() {
        assert!(auto(true, &[]));
        assert!(!auto(false, &[]));
        assert!(!auto(true, &[("NO_COLOR", "1")]));
        assert!(auto(true, &[("NO_COLOR", "")]));
        assert!(!auto(true, &[("CLICOLOR", "0")]));
        assert!(!auto(true, &[("TERM", "dumb")]));
    }

    #[test]
    fn clicolor_force_and_git_pager_colour_a_pipe() {
        assert!(auto(false, &[("CLICOLOR_FORCE", "1")]));
        assert!(!auto(false, &[("CLICOLOR_FORCE", "0")]));
        assert!(!auto(false, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
        assert!(auto(false, &[("GIT_PAGER_IN_USE", "true")]));
        assert!(!auto(
            false,
            &[("GIT_PAGER_IN_USE", "true"), ("TERM", "dumb")]
        ));
    }

    #[test]
    fn the_flag_wins_over_the_environment() {
        let env = |_: &str| Some(std::ffi::OsString::from("1"));
        assert!(colour(ColorChoice::Always, false, &env));
        assert!(!colour(ColorChoice::Never, true, &|_| None));
    }
}
