//! The command line: clap arguments (raw) → [`Settings`] (validated) → [`run`], which returns an
//! [`ExitStatus`] instead of exiting so tests can call it in process.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::classify::{Classifier, Lexicon, Severity, Watchlist};
use crate::document::{Draft, InputFormat};
use crate::error::{Error, Result};
use crate::report::palette::Palette;
use crate::report::{self, Context, Format, RenderOptions};
use crate::{Options, compare, input};

/// Compare drafts of diplomatic and legal texts clause by clause.
///
/// Exit status, as diff(1): 0 when the drafts do not differ, 1 when they do, 2 on trouble (a missing,
/// unreadable, binary or non-UTF-8 input, a bad flag).
#[derive(Debug, Parser)]
#[command(name = "clausediff", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour the output: `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Compare two drafts: a redline of every changed clause, or a JSON report.
    Diff(DiffArgs),
    /// List the clauses clausediff reads in a draft, to check how it was parsed.
    Clauses(ClausesArgs),
    /// List every rule: its id, the finding kind it makes, its default severity, what it detects.
    Rules(RulesArgs),
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The old draft (a path, or `-` for standard input).
    old: String,
    /// The new draft (a path, or `-` for standard input).
    new: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Term)]
    format: Format,
    /// What reports call the old draft (default: its path).
    #[arg(long, value_name = "LABEL")]
    old_label: Option<String>,
    /// What reports call the new draft (default: its path).
    #[arg(long, value_name = "LABEL")]
    new_label: Option<String>,
    /// How to read the drafts (default: by extension; `.md` is Markdown, anything else text).
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    /// Also show unchanged clauses: all of them, or N around each change.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "all", value_parser = parse_context)]
    context: Option<Context>,
    /// Leave out findings below this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    min_severity: Option<Severity>,
    #[command(flatten)]
    data: DataArgs,
}

/// Lexicons and watchlists beyond the built-in ones.
#[derive(Debug, Args)]
struct DataArgs {
    /// A lexicon file (TOML) to add to the built-in English one; repeatable.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<String>,
    /// A watchlist file (TOML) to add; repeatable.
    #[arg(long, value_name = "FILE")]
    watch: Vec<String>,
    /// Do not use the built-in watchlists (`disputed-territories`).
    #[arg(long)]
    no_default_watchlists: bool,
}

impl DataArgs {
    fn classifier(&self) -> Result<Classifier> {
        let mut lexicon = Lexicon::builtin();
        for path in &self.lexicon {
            lexicon.extend(Lexicon::from_toml(path, &input::read(path)?.text)?);
        }
        let mut watchlists = if self.no_default_watchlists {
            Vec::new()
        } else {
            vec![Watchlist::builtin()]
        };
        for path in &self.watch {
            watchlists.push(Watchlist::from_toml(path, &input::read(path)?.text)?);
        }
        Ok(Classifier::new(lexicon, watchlists))
    }
}

#[derive(Debug, Args)]
struct RulesArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Term)]
    format: Format,
}

#[derive(Debug, Args)]
struct ClausesArgs {
    /// The draft (a path, or `-` for standard input).
    file: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Term)]
    format: Format,
    /// How to read the draft (default: by extension).
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_context(value: &str) -> std::result::Result<Context, String> {
    if value == "all" {
        return Ok(Context::All);
    }
    value
        .parse()
        .map(Context::Around)
        .map_err(|_| format!("expected a number of clauses or `all`, got `{value}`"))
}

/// How the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// No differences.
    Same,
    /// The drafts differ.
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

/// Validated settings shared by the commands.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Colours or plain markers.
    pub palette: Palette,
}

impl Settings {
    fn new(cli: &Cli) -> Settings {
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
            palette: if colour {
                Palette::styled()
            } else {
                Palette::plain()
            },
        }
    }
}

/// Parses the process arguments, runs, and reports errors on stderr.
#[expect(
    clippy::print_stderr,
    reason = "the binary's one place to report errors"
)]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = Settings::new(&cli);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let status = run(&cli, &settings, &mut out).and_then(|status| {
        out.flush().map_err(write_error)?;
        Ok(status)
    });
    match status {
        Ok(status) => status.into(),
        Err(Error::Write { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("clausediff: error: {error}");
            ExitStatus::Trouble.into()
        }
    }
}

fn write_error(source: io::Error) -> Error {
    Error::Write {
        path: "<stdout>".into(),
        source,
    }
}

/// Runs a parsed command line, writing its output to `out`.
pub fn run(cli: &Cli, settings: &Settings, out: &mut dyn Write) -> Result<ExitStatus> {
    match &cli.command {
        Command::Diff(args) => diff(args, settings, out),
        Command::Clauses(args) => clauses(args, settings, out),
        Command::Rules(args) => {
            report::render_rules(args.format, settings.palette, out).map_err(write_error)?;
            Ok(ExitStatus::Same)
        }
    }
}

fn load(spec: &str, label: Option<&str>, format: Option<InputFormat>) -> Result<Draft> {
    let source = input::read(spec)?;
    let format = format.unwrap_or_else(|| InputFormat::from_path(spec));
    let label = label.unwrap_or(spec);
    Ok(Draft::parse(label, spec, &source.text, format))
}

fn diff(args: &DiffArgs, settings: &Settings, out: &mut dyn Write) -> Result<ExitStatus> {
    if args.old == "-" && args.new == "-" {
        return Err(Error::StdinTwice);
    }
    let old = load(&args.old, args.old_label.as_deref(), args.input_format)?;
    let new = load(&args.new, args.new_label.as_deref(), args.input_format)?;
    let options = Options {
        classifier: std::sync::Arc::new(args.data.classifier()?),
        min_severity: args.min_severity,
        ..Options::default()
    };
    let report = compare(old, new, &options);
    let options = RenderOptions {
        palette: settings.palette,
        context: args.context.unwrap_or_default(),
    };
    report::render(&report, args.format, &options, out).map_err(write_error)?;
    Ok(if report.has_differences() {
        ExitStatus::Different
    } else {
        ExitStatus::Same
    })
}

fn clauses(args: &ClausesArgs, settings: &Settings, out: &mut dyn Write) -> Result<ExitStatus> {
    let draft = load(&args.file, None, args.input_format)?;
    report::render_clauses(&draft, args.format, settings.palette, out).map_err(write_error)?;
    Ok(ExitStatus::Same)
}
