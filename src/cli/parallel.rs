//! `clausediff parallel`: the language versions of one text, checked for consistency.

use std::io::Write;

use rayon::prelude::*;

use clausediff::classify::Severity;
use clausediff::document::Draft;
use clausediff::error::{Error, Result};
use clausediff::parallel;
use clausediff::report;

use super::args::ParallelArgs;
use super::config::Config;
use super::output::write_atomically;
use super::settings::Settings;
use super::{ExitStatus, load, options, stdout_error};

pub(crate) fn parallel(
    args: &ParallelArgs,
    config: Option<&Config>,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    if !report::parallel_supports(args.format) {
        return Err(Error::Usage(format!(
            "parallel --format {} is not available: use term, json, jsonl, md or html",
            args.format.name()
        )));
    }
    let mut drafts = args
        .versions
        .par_iter()
        .map(|spec| load(spec, None, args.input_format, settings))
        .collect::<Vec<Result<Draft>>>()
        // In order, so the error reported is the first version's, whatever finished first.
        .into_iter()
        .collect::<Result<Vec<Draft>>>()?;
    for (draft, label) in drafts.iter_mut().zip(&args.labels) {
        draft.label.clone_from(label);
    }
    let options = options(&args.data, None, config, settings.max_input_size)?;
    let checked = parallel::compare(drafts, &options.classifier);
    let min = args.min_severity.or(config.and_then(|c| c.min_severity));
    let render = |stdout: bool, w: &mut dyn Write| {
        report::render_parallel(&checked, args.format, min, stdout && settings.color, w)
    };
    match &args.output {
        Some(path) => write_atomically(path, &mut |w| render(false, w))?,
        None => render(true, out).map_err(stdout_error)?,
    }
    let fail_on = args.fail_on.or(config.and_then(|c| c.fail_on));
    let failed = match fail_on {
        Some(level) => level.threshold().is_some_and(|t| checked.fails(t)),
        // Translation is not a change: only a finding above info makes versions differ.
        None => checked.fails(Severity::Low),
    };
    Ok(if failed {
        ExitStatus::Different
    } else {
        ExitStatus::Same
    })
}
