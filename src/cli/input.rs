//! Reading a draft's bytes from a file, standard input or a git revision, and refusing what is not a
//! text draft.
//!
//! This is the one place that reads input: no larger than the size limit (`--max-input-size`, 256 MiB
//! by default); what bytes make a draft is the library's to say ([`binary_at`], and each format's
//! reader). Empty input is a valid (empty)
//! draft. An input `REV:PATH` that is not a file on disk is read through git from the repository of
//! the current directory (`main:docs/declaration.md`).
//!
//! Input is refused before it is held in memory: a regular file by its length, anything else
//! (standard input, a FIFO, a device, git's output) by reading at most one byte more than the limit.
//! The first block is checked for a NUL byte that no draft format holds before the rest is read, so
//! `/dev/zero` is refused at once.

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use clausediff::document::{Source, binary_at, decode};
use clausediff::error::{Error, Result};
use clausediff::history::Commit;

/// The largest input read unless `--max-input-size` or `max_input_size` says otherwise: 256 MiB.
pub const DEFAULT_MAX_INPUT_SIZE: u64 = 256 << 20;

/// How much is read before the NUL check, so a binary input is refused without reading it all.
const FIRST_BLOCK: u64 = 8 << 10;

/// Reads `spec` (as [`read`] does) as UTF-8 text: a settings, data or baseline file.
pub fn read_text(spec: &str, limit: u64) -> Result<String> {
    decode(spec, read(spec, limit)?.bytes)
}

/// Reads `spec`: a path, `-` for standard input, or `REV:PATH` for a file at a git revision. Refuses
/// an input larger than `limit` bytes.
pub fn read(spec: &str, limit: u64) -> Result<Source> {
    if spec == "-" {
        let bytes = read_bounded(spec, std::io::stdin().lock(), limit)?;
        return Ok(Source {
            path: None,
            revision: None,
            bytes,
        });
    }
    if let Some((rev, path)) = git_spec(spec) {
        return Ok(Source {
            path: Some(path.trim_start_matches("./").to_string()),
            revision: Some(rev.to_string()),
            bytes: match git_blob(spec, spec, limit)? {
                Blob::Found(bytes) => bytes,
                Blob::Missing(message) => return Err(git_error(spec, rev, message)),
            },
        });
    }
    read_path(Path::new(spec), spec, limit)
}

/// Reads a file by its path, which need not be UTF-8; `name` is how messages and reports call it.
pub fn read_path(path: &Path, name: &str, limit: u64) -> Result<Source> {
    Ok(Source {
        path: Some(match here() {
            Some((cwd, root)) => located_from(name, cwd, root),
            None => located_from(name, Path::new(""), Path::new("")),
        }),
        revision: None,
        bytes: read_file(path, name, limit)?,
    })
}

/// The root of the repository `folder` is in: the nearest folder at or above it holding `.git` (a
/// folder, or a file in a worktree or submodule).
pub fn repository_root(folder: &Path) -> Option<&Path> {
    folder.ancestors().find(|f| f.join(".git").exists())
}

/// The current directory and the root reported paths are relative to (its repository's, else
/// itself), found once: folder mode reads thousands of files.
fn here() -> Option<(&'static Path, &'static Path)> {
    static HERE: OnceLock<Option<(PathBuf, PathBuf)>> = OnceLock::new();
    HERE.get_or_init(|| {
        let cwd = std::env::current_dir().ok()?;
        let root = repository_root(&cwd).unwrap_or(&cwd).to_path_buf();
        Some((cwd, root))
    })
    .as_ref()
    .map(|(cwd, root)| (cwd.as_path(), root.as_path()))
}

/// A file's path as reports locate findings in it: relative to `root` — the repository's root, as
/// code scanning and annotations resolve paths against it — when the file (`spec`, relative to
/// `cwd`) lies under it, with `/` separators; as given otherwise, and when `root` is empty.
fn located_from(spec: &str, cwd: &Path, root: &Path) -> String {
    let relative = (!root.as_os_str().is_empty())
        .then(|| under(&cwd.join(spec), root))
        .flatten();
    let located = relative.unwrap_or_else(|| spec.to_string());
    let located = located.trim_start_matches("./");
    if cfg!(windows) {
        located.replace('\\', "/")
    } else {
        located.to_string()
    }
}

/// `path` relative to `folder` when it lies under it, also when either is reached through a
/// symbolic link (`/tmp` → `/private/tmp`).
fn under(path: &Path, folder: &Path) -> Option<String> {
    let strip = |p: &Path, f: &Path| {
        p.strip_prefix(f)
            .ok()
            .filter(|rest| !rest.as_os_str().is_empty())
            // Rebuilt from its components, so `docs/./v2.md` reads `docs/v2.md`.
            .map(|rest| {
                rest.components()
                    .collect::<std::path::PathBuf>()
                    .display()
                    .to_string()
            })
    };
    strip(path, folder).or_else(|| {
        let (path, folder) = (path.canonicalize().ok()?, folder.canonicalize().ok()?);
        strip(&path, &folder)
    })
}

/// Parses a size in bytes: a number, or a number with `K`, `M`, `G` or `T` (powers of 1024, in any
/// case, an optional `B` or `iB` after them): `1048576`, `64M`, `1G`, `512KiB`.
pub fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let invalid =
        || format!("`{text}` is not a size (a number of bytes, or with K, M, G or T: `64M`)");
    let trimmed = text.trim();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = trimmed.split_at(digits);
    let number: u64 = number.parse().map_err(|_| invalid())?;
    let unit = unit.trim_start().to_ascii_lowercase();
    let unit = unit
        .strip_suffix("ib")
        .or_else(|| unit.strip_suffix('b'))
        .unwrap_or(&unit);
    let shift = match unit {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        _ => return Err(invalid()),
    };
    let size = number.checked_mul(1 << shift).ok_or_else(invalid)?;
    if size == 0 {
        return Err(format!(
            "`{text}`: the size limit must be at least one byte"
        ));
    }
    Ok(size)
}

/// Reads `reader` to its end, refusing more than `limit` bytes and a NUL byte in the first block,
/// each as soon as it is seen.
fn read_bounded(name: &str, reader: impl Read, limit: u64) -> Result<Vec<u8>> {
    read_bounded_sized(name, reader, limit, 0)
}

/// [`read_bounded`] of an input expected to be `size` bytes (a regular file's length), read into one
/// allocation of that size instead of a doubling buffer.
fn read_bounded_sized(name: &str, reader: impl Read, limit: u64, size: u64) -> Result<Vec<u8>> {
    let error = |source: std::io::Error| Error::Read {
        path: name.to_string(),
        source,
    };
    let mut reader = reader.take(limit.saturating_add(1));
    let capacity = usize::try_from(size.min(limit))
        .unwrap_or(0)
        .saturating_add(1);
    let mut bytes = Vec::with_capacity(capacity);
    (&mut reader)
        .take(FIRST_BLOCK)
        .read_to_end(&mut bytes)
        .map_err(error)?;
    if let Some(byte) = binary_at(&bytes) {
        return Err(Error::Binary {
            path: name.to_string(),
            byte,
        });
    }
    reader.read_to_end(&mut bytes).map_err(error)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(name, limit));
    }
    Ok(bytes)
}

fn too_large(name: &str, limit: u64) -> Error {
    Error::TooLarge {
        path: name.to_string(),
        limit,
    }
}

/// Every committed revision of `path`, oldest first, with its commit and the file's path in it
/// (renames are followed). Revisions in which the file was deleted are left out.
pub fn git_log(path: &str) -> Result<Vec<(Commit, String)>> {
    let output = Command::new("git")
        .args(["log", "--follow", "--date=short", "--name-only"])
        .arg("--format=%x1e%H%x1f%h%x1f%ad%x1f%an%x1f%s")
        .args(["--", path])
        .output()
        .map_err(|e| Error::Git {
            spec: path.to_string(),
            message: format!("cannot run git: {e}"),
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Error::Git {
            spec: path.to_string(),
            message: stderr
                .lines()
                .next()
                .unwrap_or("git log failed")
                .trim_start_matches("fatal: ")
                .to_string(),
        });
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut revisions = Vec::new();
    for record in text.split('\u{1e}').filter(|r| !r.trim().is_empty()) {
        let mut lines = record.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split('\u{1f}').collect();
        let Some(file) = lines.map(str::trim).find(|l| !l.is_empty()) else {
            continue;
        };
        if let [hash, short, date, author, subject] = header.as_slice() {
            revisions.push((
                Commit {
                    hash: (*hash).to_string(),
                    short: (*short).to_string(),
                    date: (*date).to_string(),
                    author: (*author).to_string(),
                    subject: (*subject).to_string(),
                },
                file.to_string(),
            ));
        }
    }
    if revisions.is_empty() {
        return Err(Error::Git {
            spec: path.to_string(),
            message: "no committed revision of this file".to_string(),
        });
    }
    revisions.reverse();
    Ok(revisions)
}

/// Reads a file as committed: its bytes at `commit`, or `None` if the commit deleted it.
pub fn git_file(commit: &Commit, path: &str, limit: u64) -> Result<Option<Vec<u8>>> {
    let spec = format!("{}:{path}", commit.hash);
    let name = format!("{}:{path}", commit.short);
    match git_blob(&spec, &name, limit)? {
        Blob::Found(bytes) => Ok(Some(bytes)),
        Blob::Missing(_) => Ok(None),
    }
}

/// `REV:PATH`, when `spec` names no file on disk and has a revision before a colon.
pub fn git_spec(spec: &str) -> Option<(&str, &str)> {
    if Path::new(spec).exists() {
        return None;
    }
    let (rev, path) = spec.split_once(':')?;
    // `C:\drafts\v1.txt` is a Windows path, not a revision.
    let drive = rev.len() == 1 && path.starts_with(['\\', '/']);
    (!rev.is_empty() && !path.is_empty() && !drive).then_some((rev, path))
}

/// What git had for an object name.
enum Blob {
    /// The blob's bytes.
    Found(Vec<u8>),
    /// git's message saying why there is none.
    Missing(String),
}

/// Reads `REV:PATH` through git; `name` is how messages call it. A revision starting with `-` is
/// refused before git runs, and `--end-of-options` keeps git from taking the spec for an option
/// whatever it holds. `cat-file blob` gives the bytes as committed (no textconv, no filters) and
/// refuses a folder.
fn git_blob(spec: &str, name: &str, limit: u64) -> Result<Blob> {
    if spec.starts_with('-') {
        return Err(Error::Git {
            spec: name.to_string(),
            message: "a revision cannot start with `-`".to_string(),
        });
    }
    let mut child = Command::new("git")
        .args(["cat-file", "blob", "--end-of-options"])
        .arg(OsStr::new(spec))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Git {
            spec: name.to_string(),
            message: format!("cannot run git: {e}"),
        })?;
    let read = match child.stdout.take() {
        Some(stdout) => read_bounded(name, stdout, limit),
        None => Ok(Vec::new()),
    };
    if read.is_err() {
        // Refused (too large, binary): git need not write the rest.
        let _ = child.kill();
    }
    let output = child.wait_with_output().map_err(|e| Error::Git {
        spec: name.to_string(),
        message: format!("git did not finish: {e}"),
    })?;
    let bytes = read?;
    if output.status.success() {
        return Ok(Blob::Found(bytes));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let message = stderr
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("git cat-file failed")
        .trim_start_matches("fatal: ")
        .to_string();
    Ok(Blob::Missing(message))
}

/// The error for a `REV:PATH` that git could not read, in words for the user.
fn git_error(spec: &str, rev: &str, message: String) -> Error {
    let message = if message.contains("not a git repository") {
        format!("not in a git repository, so revision `{rev}` cannot be read")
    } else if message.contains("bad file") {
        "not a file at that revision (a folder?)".to_string()
    } else {
        message
    };
    Error::Git {
        spec: spec.to_string(),
        message,
    }
}

/// Reads a file, refusing it by its length when it is a regular file larger than `limit`.
fn read_file(path: &Path, name: &str, limit: u64) -> Result<Vec<u8>> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound {
                path: name.to_string(),
            });
        }
        Err(source) => {
            return Err(Error::Read {
                path: name.to_string(),
                source,
            });
        }
    };
    if metadata.is_dir() {
        return Err(Error::IsDirectory {
            path: name.to_string(),
        });
    }
    if metadata.is_file() && metadata.len() > limit {
        return Err(too_large(name, limit));
    }
    let file = std::fs::File::open(path).map_err(|source| Error::Read {
        path: name.to_string(),
        source,
    })?;
    let size = if metadata.is_file() {
        metadata.len()
    } else {
        0
    };
    read_bounded_sized(name, file, limit, size)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `located_from` with the root found from `cwd`, as [`here`] finds it.
    fn located(spec: &str, cwd: Option<&Path>) -> String {
        match cwd {
            Some(cwd) => located_from(spec, cwd, repository_root(cwd).unwrap_or(cwd)),
            None => located_from(spec, Path::new(""), Path::new("")),
        }
    }

    #[test]
    fn an_absolute_path_under_the_current_directory_is_made_relative() {
        let cwd = Some(Path::new("/work/repo"));
        assert_eq!(located("/work/repo/docs/a.txt", cwd), "docs/a.txt");
        assert_eq!(located("./docs/a.txt", cwd), "docs/a.txt");
        assert_eq!(located("/elsewhere/a.txt", cwd), "/elsewhere/a.txt");
        assert_eq!(located("../a.txt", cwd), "../a.txt");
        assert_eq!(located("/work/repo/a.txt", None), "/work/repo/a.txt");
    }

    #[test]
    fn a_path_is_located_from_the_repository_root_when_run_in_a_subfolder() {
        let repository = tempfile::tempdir().unwrap();
        let root = repository.path();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("docs/drafts")).unwrap();
        let sub = root.join("docs");
        assert_eq!(located("drafts/v1.md", Some(&sub)), "docs/drafts/v1.md");
        assert_eq!(located("./v2.md", Some(&sub)), "docs/v2.md");
        let outside = tempfile::tempdir().unwrap();
        let elsewhere = outside.path().join("x.md").display().to_string();
        assert_eq!(located(&elsewhere, Some(&sub)), elsewhere);
    }

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("2 MiB"), Ok(2 << 20));
        assert_eq!(parse_size("3MB"), Ok(3 << 20));
        assert!(parse_size("0").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("1.5G").is_err());
        assert!(parse_size("12X").is_err());
        assert!(parse_size("99999999999T").is_err());
    }

    #[test]
    fn bounded_reads_refuse_what_is_too_large_or_binary() {
        let text = [b'a'; 100];
        assert_eq!(read_bounded("t", &text[..], 100).unwrap().len(), 100);
        let err = read_bounded("t", &text[..], 99).unwrap_err().to_string();
        assert!(err.starts_with("t: larger than"), "{err}");
        // An endless stream of NULs is refused after the first block.
        let err = read_bounded("z", std::io::repeat(0), u64::MAX)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "z: binary file (NUL byte at offset 0), not a text draft"
        );
        // An endless stream of text stops one byte past the limit.
        let err = read_bounded("y", std::io::repeat(b'y'), 1 << 20).unwrap_err();
        assert!(matches!(err, Error::TooLarge { limit, .. } if limit == 1 << 20));
    }

    #[test]
    fn a_revision_starting_with_a_dash_never_reaches_git() {
        let err = match git_blob("--output=/tmp/x:a.md", "--output=/tmp/x:a.md", 10) {
            Err(e) => e.to_string(),
            Ok(_) => String::new(),
        };
        assert!(
            err.starts_with("--output=/tmp/x:a.md: a revision cannot start with `-`"),
            "{err}"
        );
    }

    #[test]
    fn git_specs() {
        assert_eq!(git_spec("main:docs/d.md"), Some(("main", "docs/d.md")));
        assert_eq!(git_spec("HEAD~2:./d.md"), Some(("HEAD~2", "./d.md")));
        assert_eq!(git_spec("C:\\drafts\\v1.txt"), None);
        assert_eq!(git_spec("plain.txt"), None);
        assert_eq!(git_spec(":d.md"), None);
        assert_eq!(git_spec("Cargo.toml"), None);
    }
}
