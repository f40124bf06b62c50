//! Folders of documents: which files of an old and a new folder are versions of each other.
//!
//! Files are paired by their path relative to each folder (`annex/a.md` with `annex/a.md`); a path
//! found on one side only is a document added or removed. Only documents are paired — files ending
//! in `.txt`, `.text`, `.md`, `.markdown`, `.html`, `.htm`, `.xhtml`, `.docx`, `.xml`, `.akn` or `.pdf` — and hidden files and folders (a name starting with `.`,
//! such as `.git`) are not entered. Other files are listed as skipped. Symbolic links to files are
//! followed; links to folders are not, so a link loop cannot trap the walk. The order is the byte
//! order of the relative paths, so reports are the same on every machine.
//!
//! File names need not be UTF-8: files are paired and opened by their names as the file system has
//! them, and only reports show them lossily (`\u{fffd}` for the bytes that are not UTF-8).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use clausediff::error::{Error, Result};

/// Extensions of the files compared in a folder.
pub const DOCUMENT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "docx", "xml", "akn", "pdf",
];

/// A document in one or both folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePair {
    /// The path relative to the folders, with `/` separators, as reports show it (lossily, when it
    /// is not UTF-8).
    pub path: String,
    /// The file in the old folder, if it is there.
    pub old: Option<PathBuf>,
    /// The file in the new folder, if it is there.
    pub new: Option<PathBuf>,
}

/// The documents of two folders, paired.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pairing {
    /// Every document, by relative path.
    pub pairs: Vec<FilePair>,
    /// Relative paths of the files that are not documents (on either side, once each).
    pub skipped: Vec<String>,
}

/// Whether a file name ends in one of [`DOCUMENT_EXTENSIONS`] (in any case).
pub fn is_document(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        DOCUMENT_EXTENSIONS
            .iter()
            .any(|d| e.eq_ignore_ascii_case(d))
    })
}

/// Pairs the documents of two folders. `keep` sees each document's path as it would be opened
/// (the folder joined with the relative path) and can leave it out, as `.clausediff.toml`'s
/// `ignore` patterns do; a left-out file is neither compared nor listed.
pub fn pair(old: &Path, new: &Path, keep: impl Fn(&Path) -> bool) -> Result<Pairing> {
    let (old_files, old_skipped) = walk(old)?;
    let (new_files, new_skipped) = walk(new)?;
    // Keyed by the names as the file system has them: two names that differ only in bytes that are
    // not UTF-8 are two documents, though reports show them alike.
    let mut pairs: BTreeMap<OsString, FilePair> = BTreeMap::new();
    for (side, files) in [(0, old_files), (1, new_files)] {
        for (relative, path) in files {
            if !keep(&path) {
                continue;
            }
            let shown = relative.to_string_lossy().into_owned();
            let entry = pairs.entry(relative).or_insert_with(|| FilePair {
                path: shown,
                old: None,
                new: None,
            });
            if side == 0 {
                entry.old = Some(path);
            } else {
                entry.new = Some(path);
            }
        }
    }
    let mut skipped: Vec<String> = old_skipped.into_iter().chain(new_skipped).collect();
    skipped.sort();
    skipped.dedup();
    Ok(Pairing {
        pairs: pairs.into_values().collect(),
        skipped,
    })
}

/// The documents under `root` (relative path → path) and the other files' relative paths (shown
/// lossily).
#[allow(clippy::type_complexity, reason = "a private helper's two lists")]
fn walk(root: &Path) -> Result<(Vec<(OsString, PathBuf)>, Vec<String>)> {
    let mut documents = Vec::new();
    let mut others = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(root).display().to_string();
            match e.into_io_error() {
                Some(source) => Error::Read { path, source },
                None => Error::Read {
                    path,
                    source: std::io::Error::other("file system loop"),
                },
            }
        })?;
        let path = entry.path();
        // A link is followed to see whether it names a file; links to folders are left alone.
        let is_file = entry.file_type().is_file()
            || entry.path_is_symlink() && std::fs::metadata(path).is_ok_and(|m| m.is_file());
        if !is_file {
            continue;
        }
        let relative = relative_path(root, path);
        if is_document(path) {
            documents.push((relative, path.to_path_buf()));
        } else {
            others.push(relative.to_string_lossy().into_owned());
        }
    }
    Ok((documents, others))
}

/// `path` relative to `root`, with `/` between the parts on every platform.
fn relative_path(root: &Path, path: &Path) -> OsString {
    let mut relative = OsString::new();
    for (i, part) in path
        .strip_prefix(root)
        .unwrap_or(path)
        .components()
        .enumerate()
    {
        if i > 0 {
            relative.push("/");
        }
        relative.push(part.as_os_str());
    }
    relative
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, relative: &str) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "1. Text.\n").unwrap();
    }

    #[test]
    fn files_pair_by_relative_path() {
        let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        for f in [
            "a.md",
            "annex/b.txt",
            "gone.md",
            ".hidden/x.md",
            "image.png",
        ] {
            write(old.path(), f);
        }
        for f in ["a.md", "annex/b.txt", "annex/new.markdown", "NOTES.TXT"] {
            write(new.path(), f);
        }
        let pairing = pair(old.path(), new.path(), |_| true).unwrap();
        let summary: Vec<(&str, bool, bool)> = pairing
            .pairs
            .iter()
            .map(|p| (p.path.as_str(), p.old.is_some(), p.new.is_some()))
            .collect();
        assert_eq!(
            summary,
            [
                ("NOTES.TXT", false, true),
                ("a.md", true, true),
                ("annex/b.txt", true, true),
                ("annex/new.markdown", false, true),
                ("gone.md", true, false),
            ]
        );
        assert_eq!(pairing.skipped, ["image.png"]);
    }

    /// A name that is not UTF-8 (byte 0xff) is paired and opened by its bytes.
    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_pair_by_their_bytes() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let name = OsStr::from_bytes(b"d\xffclaration.md");
        let other = OsStr::from_bytes(b"d\xfeclaration.md");
        std::fs::write(old.path().join(name), "1. Old.\n").unwrap();
        std::fs::write(new.path().join(name), "1. New.\n").unwrap();
        std::fs::write(new.path().join(other), "1. Other.\n").unwrap();
        let pairing = pair(old.path(), new.path(), |_| true).unwrap();
        assert_eq!(pairing.pairs.len(), 2, "two names, though shown alike");
        let both = &pairing.pairs[1];
        assert_eq!(both.path, "d\u{fffd}claration.md");
        assert_eq!(both.old.as_deref(), Some(old.path().join(name).as_path()));
        assert_eq!(both.new.as_deref(), Some(new.path().join(name).as_path()));
        assert!(pairing.pairs[0].old.is_none());
    }

    #[test]
    fn kept_files_only() {
        let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        write(old.path(), "a.md");
        write(new.path(), "a.md");
        write(new.path(), "draft.tmp.md");
        let pairing = pair(old.path(), new.path(), |p| {
            !p.to_string_lossy().ends_with(".tmp.md")
        })
        .unwrap();
        assert_eq!(pairing.pairs.len(), 1);
    }
}
