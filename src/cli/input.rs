//! Reading a draft's bytes from a file, standard input or a git revision, and refusing what is not a
//! text draft.
//!
//! This is the one place that decides what valid input is: UTF-8 text without NUL bytes. Empty input is a
//! valid (empty) draft. An input `REV:PATH` that is not a file on disk is read through git from the
//! repository of the current directory (`main:docs/declaration.md`).

use std::io::Read;
use std::path::Path;
use std::process::Command;

use clausediff::document::decode;
use clausediff::error::{Error, Result};
use clausediff::history::Commit;

/// A draft's text and where it came from.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file the text belongs to: the path, the path inside the repository for `REV:PATH`, or none
    /// for standard input.
    pub path: Option<String>,
    /// The git revision of a `REV:PATH` input.
    pub revision: Option<String>,
    /// The text.
    pub text: String,
}

/// Reads `spec`: a path, `-` for standard input, or `REV:PATH` for a file at a git revision.
pub fn read(spec: &str) -> Result<Source> {
    if spec == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Read {
                path: spec.to_string(),
                source,
            })?;
        return Ok(Source {
            path: None,
            revision: None,
            text: decode(spec, bytes)?,
        });
    }
    if let Some((rev, path)) = git_spec(spec) {
        return Ok(Source {
            path: Some(path.trim_start_matches("./").to_string()),
            revision: Some(rev.to_string()),
            text: decode(spec, git_show(spec, rev)?)?,
        });
    }
    Ok(Source {
        path: Some(located(spec, std::env::current_dir().ok().as_deref())),
        revision: None,
        text: decode(spec, read_file(spec)?)?,
    })
}

/// A file's path as reports locate findings in it: relative to the current directory `cwd` when it
/// lies under it (code scanning and annotations resolve paths against the repository root, where
/// CI runs), with `/` separators; as given otherwise.
fn located(spec: &str, cwd: Option<&Path>) -> String {
    let path = Path::new(spec);
    let relative = match cwd {
        Some(cwd) if path.is_absolute() => under(path, cwd),
        _ => None,
    };
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
            .map(|rest| rest.display().to_string())
    };
    strip(path, folder).or_else(|| {
        let (path, folder) = (path.canonicalize().ok()?, folder.canonicalize().ok()?);
        strip(&path, &folder)
    })
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

/// Reads a file as committed: its text at `commit`, or `None` if the commit deleted it.
pub fn git_file(commit: &Commit, path: &str) -> Result<Option<String>> {
    let spec = format!("{}:{path}", commit.hash);
    let output = Command::new("git")
        .args(["show", "--no-textconv", &spec])
        .output()
        .map_err(|e| Error::Git {
            spec: spec.clone(),
            message: format!("cannot run git: {e}"),
        })?;
    if !output.status.success() {
        return Ok(None);
    }
    let name = format!("{}:{path}", commit.short);
    decode(&name, output.stdout).map(Some)
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

fn git_show(spec: &str, rev: &str) -> Result<Vec<u8>> {
    let output = Command::new("git")
        .args(["show", "--no-textconv", spec])
        .output()
        .map_err(|e| Error::Git {
            spec: spec.to_string(),
            message: format!("cannot run git: {e}"),
        })?;
    if output.status.success() {
        return Ok(output.stdout);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let message = stderr
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("git show failed")
        .trim_start_matches("fatal: ")
        .to_string();
    let message = if message.contains("not a git repository") {
        format!("not in a git repository, so revision `{rev}` cannot be read")
    } else {
        message
    };
    Err(Error::Git {
        spec: spec.to_string(),
        message,
    })
}

fn read_file(path: &str) -> Result<Vec<u8>> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(Error::IsDirectory {
                path: path.to_string(),
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound {
                path: path.to_string(),
            });
        }
        _ => {}
    }
    std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn git_specs() {
        assert_eq!(git_spec("main:docs/d.md"), Some(("main", "docs/d.md")));
        assert_eq!(git_spec("HEAD~2:./d.md"), Some(("HEAD~2", "./d.md")));
        assert_eq!(git_spec("C:\\drafts\\v1.txt"), None);
        assert_eq!(git_spec("plain.txt"), None);
        assert_eq!(git_spec(":d.md"), None);
        assert_eq!(git_spec("Cargo.toml"), None);
    }
}
