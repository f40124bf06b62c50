//! Writing a report to a file.

use std::io::{self, Write};
use std::path::Path;

use clausediff::error::{Error, Result};

/// Writes a file through a temporary file in the same folder and a rename, so a failure never leaves a
/// half-written file behind. A path that names something other than a file (`/dev/null`, a FIFO,
/// `/dev/stdout`) is written in place: a rename would replace the device with a file.
pub(crate) fn write_atomically(
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
