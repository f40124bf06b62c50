//! The raw command line: clap's derive structs, as typed, before any settings file is read.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use clausediff::classify::Severity;
use clausediff::document::InputFormat;
use clausediff::policy::FailOn;
use clausediff::report::{Context, Format, ListFormat};

/// Compare drafts of diplomatic and legal texts clause by clause.
///
/// Exit status, as diff(1): 0 when the drafts do not differ, 1 when they do, 2 on trouble (a missing,
/// unreadable, binary, non-UTF-8 or too large input, a bad flag or data file). With --fail-on LEVEL
/// (or `fail_on` in .clausediff.toml): 1 only when a finding at or above LEVEL remains, shown or
/// hidden by --min-severity. A closed stdout ends it as SIGPIPE does (status 141 in a shell).
#[derive(Debug, Parser)]
#[command(name = "clausediff", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// When to colour the output: `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub(crate) color: ColorChoice,
    /// Settings file (default: $CLAUSEDIFF_CONFIG, else .clausediff.toml in the current folder or
    /// the nearest one above, up to the repository's root).
    #[arg(long, value_name = "FILE", global = true)]
    pub(crate) config: Option<PathBuf>,
    /// Read no settings file: neither --config, $CLAUSEDIFF_CONFIG nor a .clausediff.toml found.
    #[arg(long, global = true)]
    pub(crate) no_config: bool,
    /// Refuse an input larger than SIZE bytes before reading it (`64M`, `1G`; K, M, G, T are powers
    /// of 1024) [default: 256M, or `max_input_size` in .clausediff.toml].
    #[arg(long, value_name = "SIZE", global = true, value_parser = super::input::parse_size)]
    pub(crate) max_input_size: Option<u64>,
    /// The language of the drafts, when detection should not decide (`fr`, `zh`) [default: detected
    /// from each draft, or `lang` in .clausediff.toml].
    #[arg(long, value_enum, value_name = "LANG", global = true)]
    pub(crate) lang: Option<clausediff::text::Language>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
    /// Check the language versions of one text for consistency: clauses aligned by structure, then
    /// each group's obligation strength, negations, numbers, watch terms and names compared.
    ///
    /// The first version is the reference (`old_text` quotes it); every other version is compared
    /// with it. Translation is not a change: consistent versions give no finding above info.
    Parallel(Box<ParallelArgs>),
    /// Act as git's external diff driver (git passes seven arguments).
    ///
    /// git config diff.clausediff.command "clausediff git-driver"; then `*.md diff=clausediff` in
    /// .gitattributes makes `git diff` show clausediff's redline for Markdown files.
    #[command(name = "git-driver")]
    GitDriver(DriverArgs),
    /// Write shell completions or the man page to stdout.
    ///
    /// clausediff generate complete-bash > ~/.local/share/bash-completion/completions/clausediff;
    /// clausediff generate man > ~/.local/share/man/man1/clausediff.1
    Generate(GenerateArgs),
}

#[derive(Debug, Args)]
pub(crate) struct GenerateArgs {
    /// What to write.
    #[arg(value_enum)]
    pub(crate) what: Generated,
}

/// What `clausediff generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Generated {
    /// Completions for bash.
    CompleteBash,
    /// Completions for zsh.
    CompleteZsh,
    /// Completions for fish.
    CompleteFish,
    /// Completions for PowerShell.
    CompletePowershell,
    /// The man page (roff), clausediff(1).
    Man,
}

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The old draft (a path, `-` for standard input, or REV:PATH); with --tracked, the Word
    /// document.
    pub(crate) old: String,
    /// The new draft (a path, `-` for standard input, or REV:PATH).
    #[arg(required_unless_present = "tracked")]
    pub(crate) new: Option<String>,
    /// Compare one Word document as it was before its tracked changes (all rejected) with it
    /// after them (all accepted); each finding names the revision's author and date.
    #[arg(long, conflicts_with = "new")]
    pub(crate) tracked: bool,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Term)]
    pub(crate) format: Format,
    /// Write the report to FILE instead of stdout: atomically (a temporary file, then a rename), the
    /// file a symbolic link names, a device or FIFO in place.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// What reports call the old draft (default: its path).
    #[arg(long, value_name = "LABEL")]
    pub(crate) old_label: Option<String>,
    /// What reports call the new draft (default: its path).
    #[arg(long, value_name = "LABEL")]
    pub(crate) new_label: Option<String>,
    /// How to read the drafts (default: by extension, `.md` is Markdown and anything else text;
    /// standard input is Markdown when it starts with front matter or has `#` headings or `-` lists).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) input_format: Option<InputFormat>,
    /// Also show unchanged clauses: all of them (`--context`), or N around each change
    /// (`--context=N`; the value only with `=`, so `--context old.txt new.txt` reads two drafts).
    #[arg(long, value_name = "N", num_args = 0..=1, require_equals = true, default_missing_value = "all", value_parser = parse_context)]
    pub(crate) context: Option<Context>,
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
    #[command(flatten)]
    pub(crate) data: DataArgs,
}

/// What fails a run and what is shown.
#[derive(Debug, Args)]
pub(crate) struct PolicyArgs {
    /// Exit 1 only when a finding at or above LEVEL remains (`none`: never).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub(crate) fail_on: Option<FailOn>,
    /// Leave out findings below this severity (they still count for --fail-on).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub(crate) min_severity: Option<Severity>,
    /// Leave out findings this baseline file already holds (matched by content fingerprint: the
    /// clause's words, rule and evidence, not lines or clause numbers).
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Record the report's findings as a baseline file.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_baseline: Option<PathBuf>,
}

/// A number of seconds, zero or more.
pub(crate) fn seconds(text: &str) -> std::result::Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s >= 0.0 => Ok(s),
        _ => Err(format!("`{text}` is not a number of seconds (0 or more)")),
    }
}

/// Lexicons and watchlists beyond the built-in ones.
#[derive(Debug, Args)]
pub(crate) struct DataArgs {
    /// A lexicon file (TOML) to add to the built-in English one; repeatable.
    #[arg(long, value_name = "FILE")]
    pub(crate) lexicon: Vec<String>,
    /// A watchlist file (TOML) to add; repeatable.
    #[arg(long, value_name = "FILE")]
    pub(crate) watch: Vec<String>,
    /// Do not use the built-in watchlists (`disputed-territories`).
    #[arg(long)]
    pub(crate) no_default_watchlists: bool,
    /// Seconds a clause's word diff may take before it falls back to coarser edits (and a note says
    /// so); 0 waits as long as it takes, for the same edits on any machine.
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0, value_parser = seconds)]
    pub(crate) diff_timeout: f64,
}

#[derive(Debug, Args)]
pub(crate) struct HistoryArgs {
    /// The versions, oldest first (paths, or REV:PATH).
    #[arg(value_name = "VERSION", required_unless_present = "git", num_args = 2..)]
    pub(crate) versions: Vec<String>,
    /// Take every committed revision of this file from `git log` (oldest first).
    #[arg(long, value_name = "PATH", conflicts_with = "versions")]
    pub(crate) git: Option<String>,
    /// Compare the first and last versions directly, telling for each finding the version that made it.
    #[arg(long)]
    pub(crate) summary: bool,
    /// Output format (`sarif` and `github` with --summary only).
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Term)]
    pub(crate) format: Format,
    /// Write the output to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// What to call each version, in order (default: its path, or for --git its short hash).
    #[arg(long = "label", value_name = "LABEL")]
    pub(crate) labels: Vec<String>,
    /// How to read the versions (default: by extension).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) input_format: Option<InputFormat>,
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
    #[command(flatten)]
    pub(crate) data: DataArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ParallelArgs {
    /// The versions, the reference first (paths, `-` for standard input, or REV:PATH).
    #[arg(value_name = "VERSION", num_args = 2.., required = true)]
    pub(crate) versions: Vec<String>,
    /// Output format (term, json, jsonl, md, html).
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Term)]
    pub(crate) format: Format,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// What to call each version, in order (default: its path).
    #[arg(long = "label", value_name = "LABEL")]
    pub(crate) labels: Vec<String>,
    /// How to read the versions (default: by extension).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) input_format: Option<InputFormat>,
    /// Exit 1 only when a finding at or above LEVEL remains (`none`: never) [default: any finding
    /// above info].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub(crate) fail_on: Option<FailOn>,
    /// Leave out findings below this severity (they still count for --fail-on).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub(crate) min_severity: Option<Severity>,
    #[command(flatten)]
    pub(crate) data: DataArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ClausesArgs {
    /// The draft (a path, `-` for standard input, or REV:PATH).
    pub(crate) file: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Term)]
    pub(crate) format: ListFormat,
    /// How to read the draft (default: by extension).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) input_format: Option<InputFormat>,
}

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Term)]
    pub(crate) format: ListFormat,
}

#[derive(Debug, Args)]
pub(crate) struct DriverArgs {
    /// path old-file old-hex old-mode new-file new-hex new-mode [new-path rename-info]
    #[arg(num_args = 7..=9, required = true, value_name = "GIT-ARGS")]
    pub(crate) args: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub(crate) fn parse_context(value: &str) -> std::result::Result<Context, String> {
    if value == "all" {
        return Ok(Context::All);
    }
    value
        .parse()
        .map(Context::Around)
        .map_err(|_| format!("expected a number of clauses or `all`, got `{value}`"))
}
