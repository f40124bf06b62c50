//! Writing a report to a file (`--output`, `--write-baseline`).
//!
//! A regular file is written through a temporary file in the destination's folder and a rename, so a
//! failure or an interruption never leaves a half-written report, and a reader never sees one:
//!
//! - a symbolic link is followed: the file it names is replaced and the link kept (the temporary file
//!   goes in the target's folder, so the rename stays within one file system);
//! - a device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written in place: a rename would
//!   replace it with a file;
//! - the temporary file is removed on error, and on SIGINT, SIGTERM or SIGHUP ([`super::signals`]);
//! - errors name the destination as the user gave it, never the temporary file.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clausediff::error::{Error, Result};

use super::signals;

/// How many links a destination may go through before it is taken for a loop (Linux's limit).
const MAX_LINKS: usize = 40;

/// Writes `path` with `write`: atomically for a regular file (or a new one), in place for anything
/// else. See the module documentation.
pub(crate) fn write_atomically(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let error = |source: io::Error| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    // Asked of the path itself, so the kernel follows `/dev/stdout` → `/proc/self/fd/1` → a pipe,
    // which no path names.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return write_in_place(path, write).map_err(error);
    }
    let target = destination(path).map_err(error)?;
    write_through_temporary(&target, write).map_err(error)
}

/// The file a write to `path` must replace: `path` itself, or the end of its chain of symbolic
/// links (which may not exist yet, for a link to a file still to be made).
fn destination(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let is_link = std::fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return Ok(current);
        }
        if let Ok(resolved) = std::fs::canonicalize(&current) {
            return Ok(resolved);
        }
        // A dangling link: follow it one step by hand, relative to the link's own folder.
        let target = std::fs::read_link(&current)?;
        current = match current.parent() {
            Some(folder) if target.is_relative() => folder.join(target),
            _ => target,
        };
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Writes a device or FIFO as it is.
fn write_in_place(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let file = std::fs::OpenOptions::new().write(true).open(path)?;
    let mut buffered = io::BufWriter::with_capacity(1 << 16, file);
    write(&mut buffered)?;
    buffered.flush()
}

/// Writes a temporary file beside `target`, then renames it over `target`.
fn write_through_temporary(
    target: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut registered = None;
    // Registered before it is created, so a signal between the two cannot leave it behind.
    let mut file = tempfile::Builder::new()
        .prefix(".clausediff-")
        .suffix(".tmp")
        .make_in(folder, |path| {
            let guard = signals::register(path);
            let file = File::create_new(path)?;
            registered = Some(guard);
            Ok(file)
        })?;
    keep_mode(target, file.as_file())?;
    {
        let mut buffered = io::BufWriter::with_capacity(1 << 16, file.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
    }
    file.persist(target).map_err(|e| e.error)?;
    drop(registered);
    Ok(())
}

/// A temporary file is private; the report is an ordinary file: keep the mode of the file it
/// replaces, or make it readable by all as a new file would be.
fn keep_mode(target: &Path, file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(target).map_or(0o644, |m| m.permissions().mode());
        file.set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (target, file);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_leads_to_the_file_it_names() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("report.md");
        std::os::unix::fs::symlink("reports/latest.md", &link).unwrap();
        assert_eq!(
            destination(&link).unwrap(),
            dir.path().join("reports/latest.md")
        );
        let plain = dir.path().join("plain.md");
        assert_eq!(destination(&plain).unwrap(), plain);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_loop_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert!(destination(&a).is_err());
    }
}
