//! `.clausediff.toml`: a team's settings. Paths in it are relative to the file. Unknown keys and
//! unknown rule ids are errors that name them.
//!
//! Which file applies, first match wins: none with `--no-config`; the file `--config` names; the
//! file `CLAUSEDIFF_CONFIG` names; else `.clausediff.toml` in the current directory or the nearest
//! one above it, looking no further up than the repository's root (the first directory holding a
//! `.git` folder or file), so a checkout never picks up settings from the folders around it.
//!
//! ```toml
//! fail_on = "high"                      # info, low, medium, high or none
//! min_severity = "low"
//! max_input_size = "64M"                # or a number of bytes
//! lang = "fr"                           # the drafts' language (default: detected)
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
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use clausediff::classify::{RULES, Severity};
use clausediff::error::{Error, Result};
use clausediff::policy::FailOn;

/// The file name searched for.
pub const CONFIG_NAME: &str = ".clausediff.toml";

/// The environment variable that names the configuration file.
pub const CONFIG_VARIABLE: &str = "CLAUSEDIFF_CONFIG";

/// Where the configuration comes from, as the command line and the environment say.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// `--no-config`.
    pub disabled: bool,
    /// `--config FILE`.
    pub flag: Option<PathBuf>,
    /// `CLAUSEDIFF_CONFIG` (empty counts as unset).
    pub variable: Option<OsString>,
    /// Where discovery starts: the current directory.
    pub start: PathBuf,
}

impl Lookup {
    /// The configuration that applies (see the module documentation), read with `limit` as the
    /// largest file accepted.
    pub fn find(&self, limit: u64) -> Result<Option<Config>> {
        if self.disabled {
            return Ok(None);
        }
        let named = self.flag.clone().or_else(|| {
            self.variable
                .clone()
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        match named {
            Some(path) => Config::load(&path, limit).map(Some),
            None => Config::discover(&self.start, limit),
        }
    }
}

/// `max_input_size`: a number of bytes, or a size with a unit (`"64M"`).
#[derive(Deserialize)]
#[serde(untagged)]
enum Size {
    Bytes(u64),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    fail_on: Option<FailOn>,
    min_severity: Option<Severity>,
    max_input_size: Option<Size>,
    lang: Option<String>,
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
    /// Findings below this severity are not shown.
    pub min_severity: Option<Severity>,
    /// The largest input read, in bytes.
    pub max_input_size: Option<u64>,
    /// The drafts' language, when detection should not decide.
    pub lang: Option<clausediff::text::Language>,
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
    /// Finds `.clausediff.toml` in `start` or the nearest folder above it, up to the repository's
    /// root: the first folder holding `.git` (a folder, or a file in a worktree or submodule) is the
    /// last one looked in.
    pub fn discover(start: &Path, limit: u64) -> Result<Option<Config>> {
        let root = super::input::repository_root(start);
        for folder in start.ancestors() {
            let candidate = folder.join(CONFIG_NAME);
            if candidate.is_file() {
                return Config::load(&candidate, limit).map(Some);
            }
            if Some(folder) == root {
                break;
            }
        }
        Ok(None)
    }

    /// Loads a configuration file, refusing one larger than `limit` bytes.
    pub fn load(path: &Path, limit: u64) -> Result<Config> {
        let name = path.display().to_string();
        // A name in UTF-8 may also be `-` or `REV:PATH`, as any input.
        let text = match path.to_str() {
            Some(spec) => super::input::read_text(spec, limit)?,
            None => clausediff::document::decode(
                &name,
                super::input::read_path(path, &name, limit)?.bytes,
            )?,
        };
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
        let max_input_size = match file.max_input_size {
            None => None,
            Some(Size::Bytes(0)) => {
                return Err(Error::Config {
                    path: name,
                    message: "max_input_size: the size limit must be at least one byte".to_string(),
                });
            }
            Some(Size::Bytes(bytes)) => Some(bytes),
            Some(Size::Text(text)) => {
                Some(
                    super::input::parse_size(&text).map_err(|message| Error::Config {
                        path: name.clone(),
                        message: format!("max_input_size: {message}"),
                    })?,
                )
            }
        };
        let lang = match &file.lang {
            None => None,
            Some(code) => Some(clausediff::text::Language::from_code(code).ok_or_else(|| {
                Error::Config {
                    path: name.clone(),
                    message: format!(
                        "lang: `{code}` is not a language clausediff reads (ar, de, en, es, fr, ru, zh)"
                    ),
                }
            })?),
        };
        Ok(Config {
            path: path.to_path_buf(),
            lang,
            fail_on: file.fail_on,
            min_severity: file.min_severity,
            max_input_size,
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
    pub fn ignores(&self, path: &Path) -> bool {
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

    const LIMIT: u64 = crate::cli::input::DEFAULT_MAX_INPUT_SIZE;

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
        let config = Config::load(&path, LIMIT).unwrap();
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
        let err = Config::load(&path, LIMIT).unwrap_err().to_string();
        assert!(err.contains(":2:1: unknown field `fail-on`"), "{err}");
        let path = write(dir.path(), "disable = [\"scale.sofened\"]\n");
        let err = Config::load(&path, LIMIT).unwrap_err().to_string();
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
        let found = Config::discover(&nested, LIMIT).unwrap().unwrap();
        assert_eq!(found.min_severity, Some(Severity::Low));
        let elsewhere = tempfile::tempdir().unwrap();
        assert!(Config::discover(elsewhere.path(), LIMIT).unwrap().is_none());
    }

    #[test]
    fn discovery_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "min_severity = \"low\"\n");
        let repository = dir.path().join("checkout");
        let nested = repository.join("docs/annex");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::create_dir(repository.join(".git")).unwrap();
        assert!(Config::discover(&nested, LIMIT).unwrap().is_none());
        // A worktree's `.git` is a file: the root all the same.
        std::fs::remove_dir(repository.join(".git")).unwrap();
        std::fs::write(
            repository.join(".git"),
            "gitdir: ../main/.git/worktrees/x\n",
        )
        .unwrap();
        assert!(Config::discover(&nested, LIMIT).unwrap().is_none());
        // A config at the root itself is found.
        write(&repository, "min_severity = \"high\"\n");
        let found = Config::discover(&nested, LIMIT).unwrap().unwrap();
        assert_eq!(found.min_severity, Some(Severity::High));
    }

    #[test]
    fn the_flag_wins_over_the_variable_and_no_config_over_both() {
        let dir = tempfile::tempdir().unwrap();
        let discovered = write(dir.path(), "min_severity = \"info\"\n");
        let flag = dir.path().join("flag.toml");
        std::fs::write(&flag, "min_severity = \"high\"\n").unwrap();
        let variable = dir.path().join("variable.toml");
        std::fs::write(&variable, "min_severity = \"medium\"\n").unwrap();
        let lookup = Lookup {
            disabled: false,
            flag: Some(flag.clone()),
            variable: Some(variable.clone().into()),
            start: dir.path().to_path_buf(),
        };
        let level = |lookup: &Lookup| lookup.find(LIMIT).unwrap().and_then(|c| c.min_severity);
        assert_eq!(level(&lookup), Some(Severity::High));
        let by_variable = Lookup {
            flag: None,
            ..lookup.clone()
        };
        assert_eq!(level(&by_variable), Some(Severity::Medium));
        let empty_variable = Lookup {
            variable: Some(OsString::new()),
            ..by_variable.clone()
        };
        assert_eq!(level(&empty_variable), Some(Severity::Info));
        assert_eq!(
            empty_variable.find(LIMIT).unwrap().unwrap().path,
            discovered
        );
        let disabled = Lookup {
            disabled: true,
            ..lookup
        };
        assert!(disabled.find(LIMIT).unwrap().is_none());
    }

    #[test]
    fn max_input_size_takes_bytes_or_a_unit() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "max_input_size = \"64M\"\n");
        assert_eq!(
            Config::load(&path, LIMIT).unwrap().max_input_size,
            Some(64 << 20)
        );
        let path = write(dir.path(), "max_input_size = 1000\n");
        assert_eq!(
            Config::load(&path, LIMIT).unwrap().max_input_size,
            Some(1000)
        );
        let path = write(dir.path(), "max_input_size = \"lots\"\n");
        let err = Config::load(&path, LIMIT).unwrap_err().to_string();
        assert!(
            err.contains("max_input_size: `lots` is not a size"),
            "{err}"
        );
    }
}
