//! The command line: clap arguments (raw, [`args`]) → settings → [`run`], which returns an
//! [`ExitStatus`] instead of exiting; one file per subcommand.

mod args;
mod config;
mod diff;
mod driver;
mod generate;
mod history;
mod input;
mod output;
mod parallel;
mod settings;
mod signals;
mod summary;
mod walk;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clausediff::Options;
use clausediff::classify::{Classifier, Lexicon, Watchlist};
use clausediff::document::{Draft, InputFormat};
use clausediff::error::{Error, Result};
use clausediff::policy::{Baseline, FailOn, Policy};
use clausediff::report::{self, Report};

use clap::Parser;

use args::{Cli, Command, DataArgs, PolicyArgs};
use config::{CONFIG_VARIABLE, Config, Lookup};
use settings::Settings;

/// How the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// No differences (or none at the `--fail-on` level).
    Same,
    /// The drafts differ (or a finding reaches the `--fail-on` level).
    Different,
    /// clausediff could not do its job.
    Trouble,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        match status {
            ExitStatus::Same => ExitCode::SUCCESS,
            ExitStatus::Different => ExitCode::from(1),
            ExitStatus::Trouble => ExitCode::from(2),
        }
    }
}

/// Parses the process arguments, runs, and reports errors on stderr.
#[expect(
    clippy::print_stderr,
    reason = "the binary's one place to report errors"
)]
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    let settings = Settings::new(&cli);
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let status = run(&cli, &settings, &mut out).and_then(|status| {
        out.flush().map_err(stdout_error)?;
        Ok(status)
    });
    match status {
        Ok(status) => status.into(),
        Err(Error::Write { path, source })
            if source.kind() == io::ErrorKind::BrokenPipe && path.as_os_str() == STDOUT =>
        {
            signals::broken_pipe()
        }
        Err(error) => {
            eprintln!("clausediff: error: {error}");
            ExitStatus::Trouble.into()
        }
    }
}

/// `--help` and `--version` as clap prints them; a usage error as one line with its hint, like the
/// other errors, and exit status 2.
#[expect(
    clippy::print_stderr,
    reason = "the binary's one place to report usage errors"
)]
fn usage_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        // Help goes to stdout; a closed pipe there is not worth a message.
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = error.print();
        return ExitStatus::Trouble.into();
    }
    eprintln!(
        "clausediff: error: {}",
        one_line(&error.render().to_string())
    );
    ExitStatus::Trouble.into()
}

/// clap's message (`error: …`, a blank line, `  tip: …`, `Usage: …`, `For more information, try
/// '--help'.`) as one line: the message, its tips, and the hint.
fn one_line(rendered: &str) -> String {
    let mut message = String::new();
    let mut hint = None;
    for line in rendered.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(text) = line.strip_prefix("error: ") {
            message.push_str(text);
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            message.push_str("; ");
            message.push_str(tip);
        } else if line.starts_with("For more information") {
            hint = Some(
                line.trim_end_matches('.')
                    .replace("For more information, try", "try"),
            );
        } else if !line.starts_with("Usage:") && !message.is_empty() && hint.is_none() {
            // Lists of possible values and other context lines.
            message.push(' ');
            message.push_str(line);
        }
    }
    match hint {
        Some(hint) => format!("{message} ({hint})"),
        None => message,
    }
}

/// How errors name standard output.
pub(crate) const STDOUT: &str = "<stdout>";

/// A failure to write standard output.
pub(crate) fn stdout_error(source: io::Error) -> Error {
    Error::Write {
        path: STDOUT.into(),
        source,
    }
}

/// Runs a parsed command line, writing its output to `out`.
pub fn run(cli: &Cli, settings: &Settings, out: &mut dyn Write) -> Result<ExitStatus> {
    if let Command::Generate(args) = &cli.command {
        return generate::generate(args.what, out);
    }
    let lookup = Lookup {
        disabled: cli.no_config,
        flag: cli.config.clone(),
        variable: std::env::var_os(CONFIG_VARIABLE),
        start: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    };
    let config = lookup.find(settings.max_input_size)?;
    let settings = &settings.with_config(cli, config.as_ref());
    match &cli.command {
        Command::Diff(args) => diff::diff(args, config.as_ref(), settings, out),
        Command::Clauses(args) => {
            let draft = load(&args.file, None, args.input_format, settings)?;
            report::render_clauses(&draft, args.format, settings.color, out)
                .map_err(stdout_error)?;
            Ok(ExitStatus::Same)
        }
        Command::Rules(args) => {
            report::render_rules(args.format, settings.color, out).map_err(stdout_error)?;
            Ok(ExitStatus::Same)
        }
        Command::History(args) => history::history(args, config.as_ref(), settings, out),
        Command::Parallel(args) => parallel::parallel(args, config.as_ref(), settings, out),
        Command::GitDriver(args) => driver::git_driver(args, config.as_ref(), settings, out),
        Command::Generate(args) => generate::generate(args.what, out),
    }
}

/// Reads and parses one draft, refusing one larger than `limit` bytes.
pub(crate) fn load(
    spec: &str,
    label: Option<&str>,
    format: Option<InputFormat>,
    settings: &Settings,
) -> Result<Draft> {
    let source = input::read(spec, settings.max_input_size)?;
    parse(spec, label, format, settings, source)
}

/// Reads a draft from the bytes read from `spec`. Without a format, the file's extension decides,
/// and where it names none (standard input), the bytes do ([`InputFormat::detect`]).
pub(crate) fn parse(
    spec: &str,
    label: Option<&str>,
    format: Option<InputFormat>,
    settings: &Settings,
    source: clausediff::document::Source,
) -> Result<Draft> {
    let mut draft = source.read(spec, label, format)?;
    if settings.lang.is_some() {
        draft.language = settings.lang;
    }
    Ok(draft)
}

/// The classifier and policy from the command line, over the config file; data files larger than
/// `limit` bytes are refused.
pub(crate) fn options(
    data: &DataArgs,
    policy: Option<&PolicyArgs>,
    config: Option<&Config>,
    limit: u64,
) -> Result<Options> {
    let mut lexicon = Lexicon::builtin();
    let config_paths = |paths: Option<&Vec<PathBuf>>| -> Vec<String> {
        paths
            .into_iter()
            .flatten()
            .map(|p| p.display().to_string())
            .collect()
    };
    let lexicons = config_paths(config.map(|c| &c.lexicons));
    for path in lexicons.iter().chain(&data.lexicon) {
        lexicon.extend(Lexicon::from_toml(path, &input::read_text(path, limit)?)?);
    }
    let defaults = !data.no_default_watchlists && config.is_none_or(|c| c.default_watchlists);
    let mut watchlists = if defaults {
        vec![Watchlist::builtin()]
    } else {
        Vec::new()
    };
    let lists = config_paths(config.map(|c| &c.watchlists));
    for path in lists.iter().chain(&data.watch) {
        watchlists.push(Watchlist::from_toml(path, &input::read_text(path, limit)?)?);
    }
    let baseline = match policy.and_then(|p| p.baseline.as_ref()) {
        Some(path) => Some(baseline(&path.display().to_string(), limit)?),
        None => None,
    };
    Ok(Options {
        classifier: Arc::new(Classifier::new(lexicon, watchlists)),
        policy: Policy {
            disabled: config.map(|c| c.disable.clone()).unwrap_or_default(),
            severity: config.map(|c| c.severity.clone()).unwrap_or_default(),
            baseline,
            min_severity: policy
                .and_then(|p| p.min_severity)
                .or(config.and_then(|c| c.min_severity)),
        },
        diff: clausediff::diff::DiffOptions::from_seconds(data.diff_timeout),
    })
}

/// Reads a baseline file, warning on stderr when it is of the first version, which findings in
/// renumbered clauses fall out of.
#[expect(
    clippy::print_stderr,
    reason = "a baseline that still works but matches less is a warning, not an error"
)]
fn baseline(name: &str, limit: u64) -> Result<Baseline> {
    let baseline = Baseline::from_json(name, &input::read_text(name, limit)?)?;
    if baseline.is_v1() {
        eprintln!(
            "clausediff: warning: {name} is a {} file, matched by clause id: findings in renumbered \
             clauses are reported again; rewrite it with `clausediff diff OLD NEW --write-baseline {name}`",
            clausediff::policy::BASELINE_SCHEMA_V1
        );
    }
    Ok(baseline)
}

/// diff(1)'s status, or the `--fail-on` policy's.
pub(crate) fn status(report: &Report, fail_on: Option<FailOn>) -> ExitStatus {
    let failed = match fail_on {
        Some(level) => report.fails(level),
        None => report.has_differences(),
    };
    if failed {
        ExitStatus::Different
    } else {
        ExitStatus::Same
    }
}
