//! `clausediff history`: many versions of one document, and `--summary`.

use std::io::Write;

use rayon::prelude::*;

use clausediff::document::{Draft, InputFormat};
use clausediff::error::{Error, Result};
use clausediff::history::{self, Version};
use clausediff::policy::FailOn;
use clausediff::report::{self, Context, RenderOptions, Report};
use clausediff::{Options, compare};

use super::args::HistoryArgs;
use super::config::Config;
use super::output::write_atomically;
use super::settings::Settings;
use super::{ExitStatus, input, load, options, status, stdout_error};

pub(crate) fn history(
    args: &HistoryArgs,
    config: Option<&Config>,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    if !args.summary && !report::Subject::history_supports(args.format) {
        return Err(Error::Usage(format!(
            "history --format {} needs --summary: a history (every step at once) has no {} form",
            args.format.name(),
            args.format.name()
        )));
    }
    let (versions, drafts) = match &args.git {
        Some(path) => git_versions(path, args.input_format, settings)?,
        None => {
            let drafts = args
                .versions
                .par_iter()
                .map(|spec| load(spec, None, args.input_format, settings))
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
    let options = options(
        &args.data,
        Some(&args.policy),
        config,
        settings.max_input_size,
    )?;
    let history = history::build(versions, drafts, &options);
    let fail_on = args.policy.fail_on.or(config.and_then(|c| c.fail_on));
    if args.summary {
        return summary(args, &history, &options, fail_on, settings, out);
    }
    let render = |stdout: bool, w: &mut dyn Write| {
        let options = RenderOptions {
            color: stdout && settings.color,
            ..RenderOptions::default()
        };
        report::render(&history, args.format, &options, w)
    };
    match &args.output {
        Some(path) => write_atomically(path, &mut |w| render(false, w))?,
        None => render(true, out).map_err(stdout_error)?,
    }
    let failed = match fail_on {
        Some(level) => history.steps.iter().any(|s| s.fails(level)),
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
pub(crate) fn summary(
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
    let format = args.format;
    let render = |stdout: bool, w: &mut dyn Write| {
        let options = RenderOptions {
            color: stdout && settings.color,
            width: settings.width.filter(|_| stdout),
            context: Context::None,
            blame: Some(&blame),
            step_summary: false,
        };
        report::render(&report, format, &options, w)
    };
    match &args.output {
        Some(path) => write_atomically(path, &mut |w| render(false, w))?,
        None => render(true, out).map_err(stdout_error)?,
    }
    Ok(status(&report, fail_on))
}

/// Every committed revision of a file, as versions and drafts; a revision larger than `limit` bytes
/// is refused.
pub(crate) fn git_versions(
    path: &str,
    format: Option<InputFormat>,
    settings: &Settings,
) -> Result<(Vec<Version>, Vec<Draft>)> {
    let limit = settings.max_input_size;
    let mut versions = Vec::new();
    let mut drafts = Vec::new();
    for (commit, file) in input::git_log(path)? {
        let Some(bytes) = input::git_file(&commit, &file, limit)? else {
            continue;
        };
        let spec = format!("{}:{file}", commit.short);
        let format = format.unwrap_or_else(|| InputFormat::detect(Some(&file), &bytes));
        let mut draft = Draft::read(&commit.short, &spec, &bytes, format)?;
        if settings.lang.is_some() {
            draft.language = settings.lang;
        }
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
