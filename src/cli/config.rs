//! `.clausediff.toml`: a team's settings, found from the current directory upward (or named with
//! `--config`). Paths in it are relative to the file. Unknown keys and unknown rule ids are errors that
//! name them.
//!
//! ```toml
//! fail_on = "high"                      # info, low, medium, high or none
//! min_severity = "low"
//! lexicons = ["lexicons/house.toml"]
//! watchlists = ["watchlists/rivers.toml"]
//! default_watchlists = true
//! ignore = ["drafts/archive/**", "*.tmp.md"]
//! disable = ["structure.clause_renumbered"]
//!
//! [severity]
//! "intensifier.removed" = "medium"
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use clausediff::classify::{RULES, Severity};
use clausediff::error::{Error, Result};
use clausediff::policy::FailOn;

/// The file name searched for.
pub const CONFIG_NAME: &str = ".clausediff.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    fail_on: Option<FailOn>,
    min_severity: Option<Severity>,
    #[serde(default)]
    lexicons: Vec<String>,
    #[serde(default)]
    watchlists: Vec<String>,
    default_watchlists: Option<bool>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
}

/// A loaded configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from.
    pub path: PathBuf,
    /// The level that fails a run.
    pub fail_on: Option<FailOn>,
    /// Findings below this severity are not reported.
    pub min_severity: Option<Severity>,
    /// Lexicon files to add, resolved against the config's folder.
    pub lexicons: Vec<PathBuf>,
    /// Watchlist files to add, resolved against the config's folder.
    pub watchlists: Vec<PathBuf>,
    /// Whether the built-in watchlists are used.
    pub default_watchlists: bool,
    /// Rule ids turned off.
    pub disable: BTreeSet<String>,
    /// Severity by rule id.
    pub severity: BTreeMap<String, Severity>,
    ignore: GlobSet,
    root: PathBuf,
}

impl Config {
    /// Finds `.clausediff.toml` in `start` or the nearest folder above it.
    pub fn discover(start: &Path) -> Result<Option<Config>> {
        for folder in start.ancestors() {
            let candidate = folder.join(CONFIG_NAME);
            if candidate.is_file() {
                return Config::load(&candidate).map(Some);
            }
        }
        Ok(None)
    }

    /// Loads a configuration file.
    pub fn load(path: &Path) -> Result<Config> {
        let name = path.display().to_string();
        let text = super::input::read(&name)?.text;
        let file: ConfigFile = toml::from_str(&text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| line_column(&text, s.start))
                .unwrap_or((1, 1));
            Error::Data {
                path: name.clone(),
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })?;
        let unknown: Vec<&str> = file
            .disable
            .iter()
            .chain(file.severity.keys())
            .filter(|id| !RULES.iter().any(|r| r.id == id.as_str()))
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            return Err(Error::Config {
                path: name,
                message: format!(
                    "unknown rule id {} (`clausediff rules` lists them)",
                    unknown
                        .iter()
                        .map(|id| format!("`{id}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let mut globs = GlobSetBuilder::new();
        for pattern in &file.ignore {
            let glob = Glob::new(pattern).map_err(|e| Error::Config {
                path: name.clone(),
                message: format!("ignore pattern `{pattern}`: {}", e.kind()),
            })?;
            globs.add(glob);
        }
        let ignore = globs.build().map_err(|e| Error::Config {
            path: name.clone(),
            message: e.to_string(),
        })?;
        Ok(Config {
            path: path.to_path_buf(),
            fail_on: file.fail_on,
            min_severity: file.min_severity,
            lexicons: file.lexicons.iter().map(|p| root.join(p)).collect(),
            watchlists: file.watchlists.iter().map(|p| root.join(p)).collect(),
            default_watchlists: file.default_watchlists.unwrap_or(true),
            disable: file.disable.into_iter().collect(),
            severity: file.severity,
            ignore,
            root,
        })
    }

    /// Whether a document path (as given on the command line, relative to the current directory) is
    /// ignored. Patterns match paths relative to the config file's folder.
    pub fn ignores(&self, path: &str) -> bool {
        let path = Path::new(path);
        let absolute = std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf());
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        let absolute = absolute
            .parent()
            .and_then(|p| std::fs::canonicalize(p).ok())
            .and_then(|p| absolute.file_name().map(|f| p.join(f)))
            .unwrap_or(absolute);
        let relative = absolute.strip_prefix(&root).unwrap_or(path);
        self.ignore.is_match(relative)
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) -> PathBuf {
        let path = dir.join(CONFIG_NAME);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn loads_settings_and_resolves_paths_against_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "fail_on = \"high\"\nlexicons = [\"lex/house.toml\"]\ndisable = [\"wording.changed\"]\n[severity]\n\"scale.softened\" = \"high\"\n",
        );
        let config = Config::load(&path).unwrap();
        assert_eq!(config.fail_on, Some(FailOn::High));
        assert_eq!(config.lexicons, [dir.path().join("lex/house.toml")]);
        assert!(config.disable.contains("wording.changed"));
        assert_eq!(config.severity["scale.softened"], Severity::High);
        assert!(config.default_watchlists);
    }

    #[test]
    fn unknown_keys_and_rules_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "fail_on = \"high\"\nfail-on = \"low\"\n");
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.contains(":2:1: unknown field `fail-on`"), "{err}");
        let path = write(dir.path(), "disable = [\"scale.sofened\"]\n");
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(
            err.ends_with("unknown rule id `scale.sofened` (`clausediff rules` lists them)"),
            "{err}"
        );
    }

    #[test]
    fn discovery_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "min_severity = \"low\"\n");
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        let found = Config::discover(&nested).unwrap().unwrap();
        assert_eq!(found.min_severity, Some(Severity::Low));
        let elsewhere = tempfile::tempdir().unwrap();
        assert!(Config::discover(elsewhere.path()).unwrap().is_none());
    }
}
