//! The command line: clap arguments (raw) → settings → [`run`], which returns an [`ExitStatus`] instead
//! of exiting so tests can call it in process.

mod config;
mod input;
mod walk;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use clausediff::classify::{Classifier, Lexicon, Severity, Watchlist};
use clausediff::document::{Draft, InputFormat};
use clausediff::error::{Error, Result};
use clausediff::history::{self, Version};
use clausediff::policy::{Baseline, Entry, FailOn, Policy};
use clausediff::report::folder::NO_FILE;
use clausediff::report::timeline::{self, HistoryFormat};
use clausediff::report::{
    self, Context, FileOutcome, FileStatus, FolderReport, Format, ListFormat, RenderOptions, Report,
};
use clausediff::{Options, compare};
use config::Config;

/// Compare drafts of diplomatic and legal texts clause by clause.
///
/// Exit status, as diff(1): 0 when the drafts do not differ, 1 when they do, 2 on trouble (a missing,
/// unreadable, binary or non-UTF-8 input, a bad flag or data file). With --fail-on LEVEL (or
/// `fail_on` in .clausediff.toml): 1 only when a finding at or above LEVEL remains.
#[derive(Debug, Parser)]
#[command(name = "clausediff", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour the output: `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    /// Settings file (default: .clausediff.toml in the current folder or the nearest one above).
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Compare two drafts: a redline of every changed clause, or a report for a program.
    ///
    /// A draft is a path, `-` for standard input, or REV:PATH for a file at a git revision
    /// (`main:docs/declaration.md`).
    Diff(Box<DiffArgs>),
    /// List the clauses clausediff reads in a draft, to check how it was parsed.
    Clauses(ClausesArgs),
    /// List every rule: its id, the finding kind it makes, its default severity, what it detects.
    Rules(RulesArgs),
    /// Follow every clause through many versions: when each passage appeared, changed, and went.
    ///
    /// The versions are files or REV:PATH, in the order given, or with --git PATH every committed
    /// revision of a file, oldest first.
    History(Box<HistoryArgs>),
    /// Act as git's external diff driver (git passes seven arguments).
    ///
    /// git config diff.clausediff.command "clausediff git-driver"; then `*.md diff=clausediff` in
    /// .gitattributes makes `git diff` show clausediff's redline for Markdown files.
    #[command(name = "git-driver")]
    GitDriver(DriverArgs),
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The old draft (a path, `-` for standard input, or REV:PATH).
    old: String,
    /// The new draft (a path, `-` for standard input, or REV:PATH).
    new: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Term)]
    format: Format,
    /// Write the report to FILE (atomically: a temporary file, then a rename) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
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
    #[command(flatten)]
    policy: PolicyArgs,
    #[command(flatten)]
    data: DataArgs,
}

/// What fails a run and what is shown.
#[derive(Debug, Args)]
struct PolicyArgs {
    /// Exit 1 only when a finding at or above LEVEL remains (`none`: never).
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// Leave out findings below this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    min_severity: Option<Severity>,
    /// Leave out findings this baseline file already holds (matched by rule, clause and words).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the report's findings as a baseline file.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

/// A number of seconds, zero or more.
fn seconds(text: &str) -> std::result::Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s >= 0.0 => Ok(s),
        _ => Err(format!("`{text}` is not a number of seconds (0 or more)")),
    }
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
    /// Seconds a clause's word diff may take before it falls back to coarser edits (and a note says
    /// so); 0 waits as long as it takes, for the same edits on any machine.
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0, value_parser = seconds)]
    diff_timeout: f64,
}

#[derive(Debug, Args)]
struct HistoryArgs {
    /// The versions, oldest first (paths, or REV:PATH).
    #[arg(value_name = "VERSION", required_unless_present = "git", num_args = 2..)]
    versions: Vec<String>,
    /// Take every committed revision of this file from `git log` (oldest first).
    #[arg(long, value_name = "PATH", conflicts_with = "versions")]
    git: Option<String>,
    /// Compare the first and last versions directly, telling for each finding the version that made it.
    #[arg(long)]
    summary: bool,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = HistoryFormat::Term)]
    format: HistoryFormat,
    /// Write the output to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// What to call each version, in order (default: its path, or for --git its short hash).
    #[arg(long = "label", value_name = "LABEL")]
    labels: Vec<String>,
    /// How to read the versions (default: by extension).
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    #[command(flatten)]
    policy: PolicyArgs,
    #[command(flatten)]
    data: DataArgs,
}

#[derive(Debug, Args)]
struct ClausesArgs {
    /// The draft (a path, `-` for standard input, or REV:PATH).
    file: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Term)]
    format: ListFormat,
    /// How to read the draft (default: by extension).
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
}

#[derive(Debug, Args)]
struct RulesArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Term)]
    format: ListFormat,
}

#[derive(Debug, Args)]
struct DriverArgs {
    /// path old-file old-hex old-mode new-file new-hex new-mode [new-path rename-info]
    #[arg(num_args = 7..=9, required = true, value_name = "GIT-ARGS")]
    args: Vec<String>,
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

/// Settings shared by the commands.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Whether output to stdout is coloured.
    pub color: bool,
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
        Settings { color: colour }
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
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let status = run(&cli, &settings, &mut out).and_then(|status| {
        out.flush().map_err(stdout_error)?;
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

fn stdout_error(source: io::Error) -> Error {
    Error::Write {
        path: "<stdout>".into(),
        source,
    }
}

/// Runs a parsed command line, writing its output to `out`.
pub fn run(cli: &Cli, settings: &Settings, out: &mut dyn Write) -> Result<ExitStatus> {
    let config = match &cli.config {
        Some(path) => Some(Config::load(path)?),
        None => Config::discover(&std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")))?,
    };
    match &cli.command {
        Command::Diff(args) => diff(args, config.as_ref(), settings, out),
        Command::Clauses(args) => {
            let draft = load(&args.file, None, args.input_format)?;
            report::render_clauses(&draft, args.format, settings.color, out)
                .map_err(stdout_error)?;
            Ok(ExitStatus::Same)
        }
        Command::Rules(args) => {
            report::render_rules(args.format, settings.color, out).map_err(stdout_error)?;
            Ok(ExitStatus::Same)
        }
        Command::History(args) => history(args, config.as_ref(), settings, out),
        Command::GitDriver(args) => git_driver(args, config.as_ref(), settings, out),
    }
}

/// Reads and parses one draft.
fn load(spec: &str, label: Option<&str>, format: Option<InputFormat>) -> Result<Draft> {
    let source = input::read(spec)?;
    let format =
        format.unwrap_or_else(|| InputFormat::from_path(source.path.as_deref().unwrap_or(spec)));
    let mut draft = Draft::parse(label.unwrap_or(spec), spec, &source.text, format);
    draft.path = source.path;
    Ok(draft)
}

/// The classifier and policy from the command line, over the config file.
fn options(
    data: &DataArgs,
    policy: Option<&PolicyArgs>,
    config: Option<&Config>,
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
        lexicon.extend(Lexicon::from_toml(path, &input::read(path)?.text)?);
    }
    let defaults = !data.no_default_watchlists && config.is_none_or(|c| c.default_watchlists);
    let mut watchlists = if defaults {
        vec![Watchlist::builtin()]
    } else {
        Vec::new()
    };
    let lists = config_paths(config.map(|c| &c.watchlists));
    for path in lists.iter().chain(&data.watch) {
        watchlists.push(Watchlist::from_toml(path, &input::read(path)?.text)?);
    }
    let baseline = match policy.and_then(|p| p.baseline.as_ref()) {
        Some(path) => {
            let name = path.display().to_string();
            Some(Baseline::from_json(&name, &input::read(&name)?.text)?)
        }
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
        diff: clausediff::diff::DiffOptions {
            timeout: if data.diff_timeout > 0.0 {
                std::time::Duration::try_from_secs_f64(data.diff_timeout)
                    .unwrap_or(std::time::Duration::MAX)
            } else {
                std::time::Duration::MAX
            },
        },
    })
}

#[expect(
    clippy::print_stderr,
    reason = "telling the user why nothing was compared"
)]
fn diff(
    args: &DiffArgs,
    config: Option<&Config>,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    if args.old == "-" && args.new == "-" {
        return Err(Error::StdinTwice);
    }
    let is_folder = |spec: &str| spec != "-" && Path::new(spec).is_dir();
    match (is_folder(&args.old), is_folder(&args.new)) {
        (true, true) => return folders(args, config, settings, out),
        (true, false) => {
            return Err(Error::FolderAndFile {
                folder: args.old.clone(),
                other: args.new.clone(),
            });
        }
        (false, true) => {
            return Err(Error::FolderAndFile {
                folder: args.new.clone(),
                other: args.old.clone(),
            });
        }
        (false, false) => {}
    }
    if let Some(config) = config {
        let document = if args.new == "-" {
            &args.old
        } else {
            &args.new
        };
        let path = input::git_spec(document).map_or(document.as_str(), |(_, path)| path);
        if config.ignores(path) {
            eprintln!("clausediff: {path} is ignored by {}", config.path.display());
            return Ok(ExitStatus::Same);
        }
    }
    // Reading and parsing the drafts and building the classifier (parsing and stemming the lexicon)
    // are independent; on small drafts the classifier is a good part of the run.
    let ((old, new), options) = rayon::join(
        || {
            rayon::join(
                || load(&args.old, args.old_label.as_deref(), args.input_format),
                || load(&args.new, args.new_label.as_deref(), args.input_format),
            )
        },
        || options(&args.data, Some(&args.policy), config),
    );
    let (old, new, options) = (old?, new?, options?);
    let report = compare(old, new, &options);
    if let Some(path) = &args.policy.write_baseline {
        let baseline = Baseline::of(report.findings.iter().chain(&report.baselined));
        write_atomically(path, &mut |w| w.write_all(baseline.to_json().as_bytes()))?;
    }
    let render = |color: bool, w: &mut dyn Write| {
        let options = RenderOptions {
            color,
            context: args.context.unwrap_or_default(),
            blame: None,
        };
        report::render(&report, args.format, &options, w)
    };
    match &args.output {
        Some(path) => write_atomically(path, &mut |w| render(false, w))?,
        None => render(settings.color, out).map_err(stdout_error)?,
    }
    let fail_on = args.policy.fail_on.or(config.and_then(|c| c.fail_on));
    let status = status(&report, fail_on);
    // The process ends here: freeing hundreds of thousands of small allocations one by one would
    // only delay the exit.
    std::mem::forget(report);
    Ok(status)
}

fn history(
    args: &HistoryArgs,
    config: Option<&Config>,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    let (versions, drafts) = match &args.git {
        Some(path) => git_versions(path, args.input_format)?,
        None => {
            let drafts = args
                .versions
                .par_iter()
                .map(|spec| load(spec, None, args.input_format))
                .collect::<Vec<Result<Draft>>>()
                // In order, so the error reported is the first version's, whatever finished first.
                .into_iter()
                .collect::<Result<Vec<Draft>>>()?;
            let versions = args
                .versions
                .iter()
                .map(|spec| Version {
                    label: spec.clone(),
                    source: spec.clone(),
                    commit: None,
                })
                .collect();
            (versions, drafts)
        }
    };
    let (mut versions, mut drafts) = (versions, drafts);
    for ((version, draft), label) in versions.iter_mut().zip(&mut drafts).zip(&args.labels) {
        version.label.clone_from(label);
        draft.label.clone_from(label);
    }
    if versions.len() < 2 {
        return Err(Error::Git {
            spec: args.git.clone().unwrap_or_default(),
            message: "a history needs at least two versions".to_string(),
        });
    }
    let options = options(&args.data, Some(&args.policy), config)?;
    let history = history::build(versions, drafts, &options);
    let fail_on = args.policy.fail_on.or(config.and_then(|c| c.fail_on));
    if args.summary {
        return summary(args, &history, &options, fail_on, settings, out);
    }
    let render =
        |color: bool, w: &mut dyn Write| timeline::render_history(&history, args.format, color, w);
    match &args.output {
        Some(path) => write_atomically(path, &mut |w| render(false, w))?,
        None => render(settings.color, out).map_err(stdout_error)?,
    }
    let failed = match fail_on {
        Some(level) => history.steps.iter().any(|s| level.fails(&s.findings)),
        None => history.steps.iter().any(Report::has_differences),
    };
    Ok(if failed {
        ExitStatus::Different
    } else {
        ExitStatus::Same
    })
}

/// `history --summary`: the first and last versions compared directly, each finding blamed on the
/// version that made it.
fn summary(
    args: &HistoryArgs,
    history: &history::History,
    options: &Options,
    fail_on: Option<FailOn>,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    let (Some(first), Some(last)) = (history.steps.first(), history.steps.last()) else {
        return Ok(ExitStatus::Same);
    };
    let report = compare(first.old.clone(), last.new.clone(), options);
    let blame: Vec<Option<report::Blame>> = report
        .findings
        .iter()
        .map(|f| {
            history.blame(f).map(|v| report::Blame {
                version: v,
                label: history.versions[v].blame(),
            })
        })
        .collect();
    let format = match args.format {
        HistoryFormat::Term => Format::Term,
        HistoryFormat::Json => Format::Json,
        HistoryFormat::Md => Format::Md,
        HistoryFormat::Html => Format::Html,
    };
    let render = |color: bool, w: &mut dyn Write| {
        let options = RenderOptions {
            color,
            context: Context::None,
            blame: Some(&blame),
        };
        report::render(&report, format, &options, w)
    };
    match &args.output {
        Some(path) => write_atomically(path, &mut |w| render(false, w))?,
        None => render(settings.color, out).map_err(stdout_error)?,
    }
    Ok(status(&report, fail_on))
}

/// `diff OLD_DIR NEW_DIR`: every document of two folders, paired by relative path and compared in
/// parallel; a document that cannot be read is reported and makes the exit status 2, the others
/// still complete.
#[expect(
    clippy::print_stderr,
    reason = "unreadable documents are also named on stderr, where CI logs show them"
)]
fn folders(
    args: &DiffArgs,
    config: Option<&Config>,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    let keep = |path: &Path| config.is_none_or(|c| !c.ignores(&path.to_string_lossy()));
    let (pairing, options) = rayon::join(
        || walk::pair(Path::new(&args.old), Path::new(&args.new), keep),
        || options(&args.data, Some(&args.policy), config),
    );
    let (pairing, options) = (pairing?, options?);
    let fail_on = args.policy.fail_on.or(config.and_then(|c| c.fail_on));
    // Parts written to a file are never coloured; on stdout they follow --color.
    let color = args.output.is_none() && settings.color;
    let render_options = RenderOptions {
        color,
        context: args.context.unwrap_or_default(),
        blame: None,
    };
    let progress = if io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(pairing.pairs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} documents {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let write_baseline = args.policy.write_baseline.is_some();
    let compared: Vec<(FileOutcome, bool, Vec<Entry>)> = pairing
        .pairs
        .par_iter()
        .map(|pair| {
            let outcome = compare_pair(
                pair,
                args,
                &options,
                fail_on,
                write_baseline,
                &render_options,
            );
            progress.set_message(pair.path.clone());
            progress.inc(1);
            outcome
        })
        .collect::<io::Result<_>>()
        .map_err(stdout_error)?;
    progress.finish_and_clear();
    let mut failed = false;
    let mut entries = Vec::new();
    let mut files = Vec::with_capacity(compared.len());
    for (outcome, fails, accepted) in compared {
        if let Some(error) = &outcome.error {
            eprintln!("clausediff: error: {error}");
        }
        failed |= fails;
        entries.extend(accepted);
        files.push(outcome);
    }
    if let Some(path) = &args.policy.write_baseline {
        let baseline = Baseline::from_entries(entries);
        write_atomically(path, &mut |w| w.write_all(baseline.to_json().as_bytes()))?;
    }
    let report = FolderReport {
        old: args.old_label.clone().unwrap_or_else(|| args.old.clone()),
        new: args.new_label.clone().unwrap_or_else(|| args.new.clone()),
        files,
        skipped: pairing.skipped,
    };
    let errors = report.files.iter().any(|f| f.status == FileStatus::Error);
    let differs = match fail_on {
        Some(_) => failed,
        None => report.has_differences(),
    };
    let render = |w: &mut dyn Write| report::render_folder(&report, args.format, color, w);
    match &args.output {
        Some(path) => write_atomically(path, &mut |w| render(w))?,
        None => render(out).map_err(stdout_error)?,
    }
    Ok(if errors {
        ExitStatus::Trouble
    } else if differs {
        ExitStatus::Different
    } else {
        ExitStatus::Same
    })
}

/// Compares one document of two folders (with nothing, when it is on one side only). Returns its
/// outcome, whether it fails the run under `--fail-on`, and its findings as baseline entries when
/// a baseline is being written.
fn compare_pair(
    pair: &walk::FilePair,
    args: &DiffArgs,
    options: &Options,
    fail_on: Option<FailOn>,
    write_baseline: bool,
    render: &RenderOptions,
) -> io::Result<(FileOutcome, bool, Vec<Entry>)> {
    let spec = |path: &Option<PathBuf>| path.as_ref().map(|p| p.display().to_string());
    let (old_spec, new_spec) = (spec(&pair.old), spec(&pair.new));
    // The missing side of an added or removed document is an empty draft, read like the other.
    let format = args
        .input_format
        .unwrap_or_else(|| InputFormat::from_path(&pair.path));
    let side = |spec: &Option<String>| match spec {
        Some(spec) => load(spec, None, Some(format)),
        None => Ok(Draft::parse(NO_FILE, NO_FILE, "", format)),
    };
    let (old, new) = rayon::join(|| side(&old_spec), || side(&new_spec));
    let failed = |unreadable: &Option<String>, error: Error| {
        let outcome = FileOutcome::failed(
            &pair.path,
            old_spec.clone(),
            new_spec.clone(),
            unreadable.as_deref().unwrap_or(&pair.path),
            error.to_string(),
            args.format,
        );
        Ok((outcome, false, Vec::new()))
    };
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(error), _) => return failed(&old_spec, error),
        (_, Err(error)) => return failed(&new_spec, error),
    };
    let mut options = options.clone();
    if let Some(baseline) = &options.policy.baseline {
        options.policy.baseline = Some(baseline.for_file(&pair.path));
    }
    let report = compare(old, new, &options);
    let fails = fail_on.is_some_and(|level| level.fails(&report.findings));
    let accepted = if write_baseline {
        Baseline::of_files(
            report
                .findings
                .iter()
                .chain(&report.baselined)
                .map(|f| (pair.path.as_str(), f)),
        )
        .findings
    } else {
        Vec::new()
    };
    let outcome = FileOutcome::compared(&pair.path, &report, args.format, render)?;
    Ok((outcome, fails, accepted))
}

/// Every committed revision of a file, as versions and drafts.
fn git_versions(path: &str, format: Option<InputFormat>) -> Result<(Vec<Version>, Vec<Draft>)> {
    let mut versions = Vec::new();
    let mut drafts = Vec::new();
    for (commit, file) in input::git_log(path)? {
        let Some(text) = input::git_file(&commit, &file)? else {
            continue;
        };
        let spec = format!("{}:{file}", commit.short);
        let format = format.unwrap_or_else(|| InputFormat::from_path(&file));
        let mut draft = Draft::parse(&commit.short, &spec, &text, format);
        draft.path = Some(file);
        versions.push(Version {
            label: commit.short.clone(),
            source: spec,
            commit: Some(commit),
        });
        drafts.push(draft);
    }
    Ok((versions, drafts))
}

/// diff(1)'s status, or the `--fail-on` policy's.
fn status(report: &Report, fail_on: Option<FailOn>) -> ExitStatus {
    let failed = match fail_on {
        Some(level) => level.fails(&report.findings),
        None => report.has_differences(),
    };
    if failed {
        ExitStatus::Different
    } else {
        ExitStatus::Same
    }
}

/// Writes a file through a temporary file in the same folder and a rename, so a failure never leaves a
/// half-written file behind. A path that names something other than a file (`/dev/null`, a FIFO,
/// `/dev/stdout`) is written in place: a rename would replace the device with a file.
fn write_atomically(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let error = |source: io::Error| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(error)?;
        let mut buffered = io::BufWriter::new(file);
        write(&mut buffered).map_err(error)?;
        return buffered.flush().map_err(error);
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(folder).map_err(error)?;
    // A temporary file is private; the report is an ordinary file: keep the mode of the file it
    // replaces, or make it readable by all as a new file would be.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(error)?;
    }
    {
        let mut buffered = io::BufWriter::new(file.as_file_mut());
        write(&mut buffered).map_err(error)?;
        buffered.flush().map_err(error)?;
    }
    file.persist(path).map_err(|e| error(e.error))?;
    Ok(())
}

/// git's external diff protocol: `path old-file old-hex old-mode new-file new-hex new-mode`, with
/// `/dev/null` for the side of an added or deleted file, and two more arguments for a rename.
fn git_driver(
    args: &DriverArgs,
    config: Option<&Config>,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    let [path, old_file, old_hex, _, new_file, new_hex, ..] = args.args.as_slice() else {
        return Err(Error::Driver(format!(
            "expected git's seven arguments (path old-file old-hex old-mode new-file new-hex new-mode), got {}",
            args.args.len()
        )));
    };
    let new_path = args.args.get(7).unwrap_or(path);
    if config.is_some_and(|c| c.ignores(new_path)) {
        return Ok(ExitStatus::Same);
    }
    let format = InputFormat::from_path(new_path);
    let side = |file: &str, hex: &str, shown: &str| -> Result<Draft> {
        let short = &hex[..hex.len().min(7)];
        if file == "/dev/null" {
            return Ok(Draft::parse("/dev/null", "/dev/null", "", format));
        }
        let label = format!("{shown} ({short})");
        let text = clausediff::document::decode(
            shown,
            std::fs::read(file).map_err(|source| Error::Read {
                path: shown.to_string(),
                source,
            })?,
        )?;
        let mut draft = Draft::parse(&label, shown, &text, format);
        draft.path = Some(shown.to_string());
        Ok(draft)
    };
    let old = side(old_file, old_hex, &format!("a/{path}"))?;
    let new = side(new_file, new_hex, &format!("b/{new_path}"))?;
    let options = options(
        &DataArgs {
            lexicon: Vec::new(),
            watch: Vec::new(),
            no_default_watchlists: false,
            diff_timeout: 2.0,
        },
        None,
        config,
    )?;
    let report = compare(old, new, &options);
    let header = format!("clausediff a/{path} b/{new_path}");
    report::render_header(&header, settings.color, out).map_err(stdout_error)?;
    report::render(
        &report,
        Format::Term,
        &RenderOptions {
            color: settings.color,
            context: Context::None,
            blame: None,
        },
        out,
    )
    .map_err(stdout_error)?;
    // git stops at the first external diff that exits non-zero: differences are not trouble here.
    Ok(ExitStatus::Same)
}
