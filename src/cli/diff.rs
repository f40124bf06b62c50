//! `clausediff diff`: two drafts, or two folders of drafts.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use clausediff::document::{Draft, InputFormat};
use clausediff::error::{Error, Result};
use clausediff::policy::{Baseline, Entry, FailOn};
use clausediff::report::{self, FileOutcome, FileStatus, FolderReport, Format, RenderOptions};
use clausediff::{Options, compare};

use super::args::DiffArgs;
use super::config::Config;
use super::output::write_atomically;
use super::settings::Settings;
use super::{ExitStatus, input, load, options, parse, status, stdout_error, summary, walk};

pub(crate) fn diff(
    args: &DiffArgs,
    config: Option<&Config>,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    if args.tracked {
        return tracked(args, config, settings, out);
    }
    let new_spec = new_spec(args);
    if args.old == "-" && new_spec == "-" {
        return Err(Error::StdinTwice);
    }
    let is_folder = |spec: &str| spec != "-" && Path::new(spec).is_dir();
    match (is_folder(&args.old), is_folder(new_spec)) {
        (true, true) if args.format == Format::Docx => {
            return Err(Error::Usage(
                "--format docx writes one Word redline: compare two documents, not two folders"
                    .to_string(),
            ));
        }
        (true, true) => return folders(args, config, settings, out),
        (true, false) => {
            return Err(Error::FolderAndFile {
                folder: args.old.clone(),
                other: new_spec.to_string(),
            });
        }
        (false, true) => {
            return Err(Error::FolderAndFile {
                folder: new_spec.to_string(),
                other: args.old.clone(),
            });
        }
        (false, false) => {}
    }
    if ignored(&args.old, new_spec, config) {
        return Ok(ExitStatus::Same);
    }
    refuse_binary_to_terminal(args)?;
    let limit = settings.max_input_size;
    // Reading and parsing the drafts and building the classifier (parsing and stemming the lexicon)
    // are independent; on small drafts the classifier is a good part of the run.
    let ((old, new), options) = rayon::join(
        || {
            rayon::join(
                || {
                    load(
                        &args.old,
                        args.old_label.as_deref(),
                        args.input_format,
                        settings,
                    )
                },
                || {
                    load(
                        new_spec,
                        args.new_label.as_deref(),
                        args.input_format,
                        settings,
                    )
                },
            )
        },
        || options(&args.data, Some(&args.policy), config, limit),
    );
    let (old, new, options) = (old?, new?, options?);
    finish(compare(old, new, &options), args, config, settings, out)
}

/// The new draft's spec: clap requires it unless `--tracked` is given, which has none.
fn new_spec(args: &DiffArgs) -> &str {
    args.new.as_deref().unwrap_or("-")
}

/// `diff --tracked FILE.docx`: the Word document before its tracked changes against it after
/// them, each finding naming the revision that made it.
fn tracked(
    args: &DiffArgs,
    config: Option<&Config>,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    let spec = &args.old;
    if ignored(spec, spec, config) {
        return Ok(ExitStatus::Same);
    }
    refuse_binary_to_terminal(args)?;
    let limit = settings.max_input_size;
    let (source, options) = rayon::join(
        || input::read(spec, limit),
        || options(&args.data, Some(&args.policy), config, limit),
    );
    let (source, options) = (source?, options?);
    let format = args
        .input_format
        .unwrap_or_else(|| InputFormat::detect(source.path.as_deref(), &source.bytes));
    if format != InputFormat::Docx {
        return Err(Error::Usage(format!(
            "--tracked compares the tracked changes of a Word document (.docx); {spec} is read as {}",
            format.name()
        )));
    }
    let [rejected, accepted] = Draft::tracked_labels(spec);
    let old_label = args.old_label.clone().unwrap_or(rejected);
    let new_label = args.new_label.clone().unwrap_or(accepted);
    let (mut old, mut new) = Draft::read_tracked(&old_label, &new_label, spec, &source.bytes)?;
    for draft in [&mut old, &mut new] {
        draft.path.clone_from(&source.path);
        draft.revision.clone_from(&source.revision);
    }
    finish(compare(old, new, &options), args, config, settings, out)
}

/// A Word redline is a file: written to a terminal it would only garble the screen, so it needs
/// `--output FILE.docx` or standard output redirected.
fn refuse_binary_to_terminal(args: &DiffArgs) -> Result<()> {
    if args.format.is_binary() && args.output.is_none() && io::stdout().is_terminal() {
        return Err(Error::Usage(format!(
            "--format {} writes a Word file, not text for a terminal: add --output FILE.docx (or redirect standard output)",
            args.format.name()
        )));
    }
    Ok(())
}

/// Whether the settings file ignores the document compared.
#[expect(
    clippy::print_stderr,
    reason = "telling the user why nothing was compared"
)]
fn ignored(old: &str, new: &str, config: Option<&Config>) -> bool {
    let Some(config) = config else {
        return false;
    };
    let document = if new == "-" { old } else { new };
    let path = input::git_spec(document).map_or(document, |(_, path)| path);
    if config.ignores(Path::new(path)) {
        eprintln!("clausediff: {path} is ignored by {}", config.path.display());
        return true;
    }
    false
}

/// Writes the report of a comparison (and its baseline), and returns the exit status.
fn finish(
    report: clausediff::report::Report,
    args: &DiffArgs,
    config: Option<&Config>,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    if let Some(path) = &args.policy.write_baseline {
        let baseline = Baseline::of(
            report
                .findings
                .iter()
                .chain(&report.hidden)
                .chain(&report.baselined),
        );
        write_atomically(path, &mut |w| w.write_all(baseline.to_json().as_bytes()))?;
    }
    let step_summary = summary::path(args.format);
    let render = |format: Format, stdout: bool, w: &mut dyn Write| {
        let options = RenderOptions {
            color: stdout && settings.color,
            width: settings.width.filter(|_| stdout),
            context: args.context.unwrap_or_default(),
            blame: None,
            step_summary: step_summary.is_some(),
        };
        report::render(&report, format, &options, w)
    };
    match &args.output {
        Some(path) => write_atomically(path, &mut |w| render(args.format, false, w))?,
        None => render(args.format, true, out).map_err(stdout_error)?,
    }
    if let Some(path) = &step_summary {
        summary::append(path, &mut |w| render(Format::Md, false, w))?;
    }
    let fail_on = args.policy.fail_on.or(config.and_then(|c| c.fail_on));
    let status = status(&report, fail_on);
    // The process ends here: freeing hundreds of thousands of small allocations one by one would
    // only delay the exit.
    std::mem::forget(report);
    Ok(status)
}

/// `diff OLD_DIR NEW_DIR`: every document of two folders, paired by relative path and compared in
/// parallel; a document that cannot be read is reported and makes the exit status 2, the others
/// still complete.
pub(crate) fn folders(
    args: &DiffArgs,
    config: Option<&Config>,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    let keep = |path: &Path| config.is_none_or(|c| !c.ignores(path));
    let (pairing, options) = rayon::join(
        || walk::pair(Path::new(&args.old), Path::new(new_spec(args)), keep),
        || {
            options(
                &args.data,
                Some(&args.policy),
                config,
                settings.max_input_size,
            )
        },
    );
    let (pairing, options) = (pairing?, options?);
    let fail_on = args.policy.fail_on.or(config.and_then(|c| c.fail_on));
    // Parts written to a file are never coloured; on stdout they follow --color.
    let color = args.output.is_none() && settings.color;
    let step_summary = summary::path(args.format);
    let render_options = RenderOptions {
        color,
        width: settings.width.filter(|_| args.output.is_none()),
        context: args.context.unwrap_or_default(),
        blame: None,
        step_summary: step_summary.is_some(),
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
    let compare = |pair: &walk::FilePair| {
        let outcome = compare_pair(
            pair,
            args,
            &options,
            fail_on,
            write_baseline,
            &render_options,
            settings,
        );
        progress.set_message(pair.path.clone());
        progress.inc(1);
        outcome
    };
    let mut tally = Tally::default();
    if args.format == Format::Jsonl && step_summary.is_none() {
        // JSON Lines has no totals: each document's line is written as soon as it is compared, so
        // memory stays flat however many documents the folders hold.
        let mut write = |w: &mut dyn Write| {
            compare_windows(&pairing.pairs, &compare, &mut |c| {
                tally.take(c).write_jsonl(w)
            })
        };
        match &args.output {
            Some(path) => write_atomically(path, &mut write)?,
            None => write(out).map_err(stdout_error)?,
        }
        progress.finish_and_clear();
        tally.write_baseline(args)?;
        return Ok(tally.status(fail_on));
    }
    let mut files = Vec::with_capacity(pairing.pairs.len());
    compare_windows(&pairing.pairs, &compare, &mut |c| {
        files.push(tally.take(c));
        Ok(())
    })
    .map_err(stdout_error)?;
    progress.finish_and_clear();
    tally.write_baseline(args)?;
    let report = FolderReport {
        old: args.old_label.clone().unwrap_or_else(|| args.old.clone()),
        new: args
            .new_label
            .clone()
            .unwrap_or_else(|| new_spec(args).to_string()),
        files,
        skipped: pairing.skipped,
    };
    let render = |format: Format, w: &mut dyn Write| {
        let options = RenderOptions {
            color,
            ..RenderOptions::default()
        };
        report::render(&report, format, &options, w)
    };
    match &args.output {
        Some(path) => write_atomically(path, &mut |w| render(args.format, w))?,
        None => render(args.format, out).map_err(stdout_error)?,
    }
    if let Some(path) = &step_summary {
        // Each document's Markdown part was rendered beside its annotations.
        summary::append(path, &mut |w| render(Format::Md, w))?;
    }
    Ok(tally.status(fail_on))
}

/// Documents compared at a time: enough to keep every core busy, few enough that memory does not
/// grow with the number of documents.
const WINDOW: usize = 256;

/// One document compared: its outcome, whether it fails the run, its baseline entries.
type Compared = (FileOutcome, bool, Vec<Entry>);

/// Compares documents a window at a time, in parallel within a window, and hands each outcome to
/// `each` in path order; a window's reports are all that is held at once.
fn compare_windows(
    pairs: &[walk::FilePair],
    compare: &(dyn Fn(&walk::FilePair) -> io::Result<Compared> + Sync),
    each: &mut dyn FnMut(Compared) -> io::Result<()>,
) -> io::Result<()> {
    for window in pairs.chunks(WINDOW) {
        let compared: Vec<Compared> = window.par_iter().map(compare).collect::<io::Result<_>>()?;
        for c in compared {
            each(c)?;
        }
    }
    Ok(())
}

/// What folder mode keeps of the documents it has compared, beyond what it reports of each: what
/// the exit status and the baseline need.
#[derive(Default)]
struct Tally {
    failed: bool,
    errors: bool,
    differs: bool,
    entries: Vec<Entry>,
}

impl Tally {
    /// Counts one document in, naming an unreadable one on stderr, and gives back its outcome.
    #[expect(
        clippy::print_stderr,
        reason = "unreadable documents are named on stderr as the others complete"
    )]
    fn take(&mut self, (outcome, fails, accepted): Compared) -> FileOutcome {
        if let Some(error) = &outcome.error {
            eprintln!("clausediff: error: {error}");
        }
        self.failed |= fails;
        self.errors |= outcome.status == FileStatus::Error;
        self.differs |= outcome.status != FileStatus::Unchanged;
        self.entries.extend(accepted);
        outcome
    }

    /// Writes `--write-baseline`, if asked, from every document's findings.
    fn write_baseline(&mut self, args: &DiffArgs) -> Result<()> {
        if let Some(path) = &args.policy.write_baseline {
            let baseline = Baseline::from_entries(std::mem::take(&mut self.entries));
            write_atomically(path, &mut |w| w.write_all(baseline.to_json().as_bytes()))?;
        }
        Ok(())
    }

    /// 2 when a document could not be read, else 1 when the run differs (or fails `--fail-on`),
    /// else 0.
    fn status(&self, fail_on: Option<FailOn>) -> ExitStatus {
        let differs = if fail_on.is_some() {
            self.failed
        } else {
            self.differs
        };
        if self.errors {
            ExitStatus::Trouble
        } else if differs {
            ExitStatus::Different
        } else {
            ExitStatus::Same
        }
    }
}

/// Compares one document of two folders (with nothing, when it is on one side only). Returns its
/// outcome, whether it fails the run under `--fail-on`, and its findings as baseline entries when
/// a baseline is being written. Files are opened by their paths as the walk found them, which need
/// not be UTF-8; reports name them lossily.
pub(crate) fn compare_pair(
    pair: &walk::FilePair,
    args: &DiffArgs,
    options: &Options,
    fail_on: Option<FailOn>,
    write_baseline: bool,
    render: &RenderOptions,
    settings: &Settings,
) -> io::Result<Compared> {
    let limit = settings.max_input_size;
    // `diff ../old .` names documents `docs/x.md`, as the repository does, not `./docs/x.md`.
    let spec = |path: &Option<PathBuf>| {
        path.as_ref()
            .map(|p| p.strip_prefix(".").unwrap_or(p).display().to_string())
    };
    let (old_spec, new_spec) = (spec(&pair.old), spec(&pair.new));
    // The missing side of an added or removed document is an empty draft, read like the other.
    // Each side's format is its own: a `.xml` file's vocabulary is in its bytes.
    let format = args
        .input_format
        .unwrap_or_else(|| InputFormat::from_path(&pair.path));
    let side = |path: &Option<PathBuf>, spec: &Option<String>| match (path, spec) {
        (Some(path), Some(spec)) => input::read_path(path, spec, limit)
            .and_then(|source| parse(spec, None, args.input_format, settings, source)),
        _ => Ok(Draft::absent(format)),
    };
    let (old, new) = rayon::join(|| side(&pair.old, &old_spec), || side(&pair.new, &new_spec));
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
    let (mut old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(error), _) => return failed(&old_spec, error),
        (_, Err(error)) => return failed(&new_spec, error),
    };
    // With `--old-label BASE`, an old document is cited as `BASE:docs/x.md`, by its path relative to
    // the folder, as `git diff` names a revision's file: the old folder is often a temporary copy
    // of a revision (the GitHub Action lays one out), whose own path means nothing to a reader.
    if let (Some(label), Some(_)) = (&args.old_label, &old_spec) {
        old.path = Some(pair.path.clone());
        old.revision = Some(label.clone());
    }
    let mut options = options.clone();
    if let Some(baseline) = &options.policy.baseline {
        options.policy.baseline = Some(baseline.for_file(&pair.path));
    }
    let report = compare(old, new, &options);
    let fails = fail_on.is_some_and(|level| report.fails(level));
    let accepted = if write_baseline {
        Baseline::of_files(
            report
                .findings
                .iter()
                .chain(&report.hidden)
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
