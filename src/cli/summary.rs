//! The GitHub step summary. Annotations show only a few findings per level, so with `--format
//! github` inside a GitHub Actions step (`GITHUB_STEP_SUMMARY` names a file) the full report is
//! appended to that file as Markdown, where the job's summary page shows it.

use std::io::Write;
use std::path::{Path, PathBuf};

use clausediff::error::{Error, Result};
use clausediff::report::Format;

/// The variable GitHub Actions sets to the step's summary file.
const VARIABLE: &str = "GITHUB_STEP_SUMMARY";

/// The step summary file to append to: for the `github` format, when the variable names one.
pub(crate) fn path(format: Format) -> Option<PathBuf> {
    if format != Format::Github {
        return None;
    }
    std::env::var_os(VARIABLE)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Appends what `render` writes to the file, never truncating what other commands of the step
/// wrote. The report is rendered first and appended in one write, so a failed render adds nothing.
pub(crate) fn append(
    path: &Path,
    render: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let error = |source: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut markdown = Vec::new();
    render(&mut markdown).map_err(error)?;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(error)?;
    file.write_all(&markdown).map_err(error)
}
