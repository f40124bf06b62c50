//! `clausediff git-driver`: git's external diff driver.

use std::io::Write;

use clausediff::compare;
use clausediff::document::{Draft, InputFormat};
use clausediff::error::{Error, Result};
use clausediff::report::{self, Context, Format, RenderOptions};

use super::args::{DataArgs, DriverArgs};
use super::config::Config;
use super::settings::Settings;
use super::{ExitStatus, input, options, stdout_error};

/// git's external diff protocol: `path old-file old-hex old-mode new-file new-hex new-mode`, with
/// `/dev/null` for the side of an added or deleted file, and two more arguments for a rename.
pub(crate) fn git_driver(
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
    if config.is_some_and(|c| c.ignores(std::path::Path::new(new_path))) {
        return Ok(ExitStatus::Same);
    }
    let format = InputFormat::from_path(new_path);
    let side = |file: &str, hex: &str, shown: &str| -> Result<Draft> {
        let short = &hex[..hex.len().min(7)];
        if file == "/dev/null" {
            return Ok(Draft::absent(format));
        }
        let label = format!("{shown} ({short})");
        let bytes =
            input::read_path(std::path::Path::new(file), shown, settings.max_input_size)?.bytes;
        let format = InputFormat::detect(Some(new_path), &bytes);
        let mut draft = Draft::read(&label, shown, &bytes, format)?;
        if settings.lang.is_some() {
            draft.language = settings.lang;
        }
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
        settings.max_input_size,
    )?;
    let report = compare(old, new, &options);
    let header = format!("clausediff a/{path} b/{new_path}");
    report::render_header(&header, settings.color, out).map_err(stdout_error)?;
    report::render(
        &report,
        Format::Term,
        &RenderOptions {
            color: settings.color,
            width: settings.width,
            context: Context::None,
            blame: None,
            step_summary: false,
        },
        out,
    )
    .map_err(stdout_error)?;
    // git stops at the first external diff that exits non-zero: differences are not trouble here.
    Ok(ExitStatus::Same)
}
