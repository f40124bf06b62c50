//! Lexicons and watchlists: the data that classification runs on.
//!
//! Both are TOML files. The built-in English lexicon and the `disputed-territories` watchlist are
//! compiled in (`data/`); users add their own with `--lexicon` and `--watch`. A malformed file is an
//! [`Error::Data`] naming the file, line and column.

use serde::Deserialize;
use toml::Spanned;

use super::Severity;
use crate::error::{Error, Result};
use crate::text::Language;

const BUILTIN_LEXICON: &str = include_str!("data/en.toml");

/// The built-in lexicons of the other languages, by [`Language::index`] (English's is
/// [`BUILTIN_LEXICON`]).
const LANGUAGE_LEXICONS: [(&str, &str); 7] = [
    ("<built-in>/ar.toml", include_str!("data/ar.toml")),
    ("<built-in>/zh.toml", include_str!("data/zh.toml")),
    ("<built-in>/de.toml", include_str!("data/de.toml")),
    ("<built-in>/en.toml", BUILTIN_LEXICON),
    ("<built-in>/es.toml", include_str!("data/es.toml")),
    ("<built-in>/fr.toml", include_str!("data/fr.toml")),
    ("<built-in>/ru.toml", include_str!("data/ru.toml")),
];
const BUILTIN_WATCHLIST: &str = include_str!("data/disputed-territories.toml");

/// How a negation changes the direction of a scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NegationMode {
    /// The direction stays: "shall not" → "should not" weakens a prohibition.
    #[default]
    Keeps,
    /// The direction reverses: "will not ensure" → "will not consider" is a firmer refusal.
    Flips,
}

/// An ordered scale of phrases, strongest level first.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    /// Name quoted in findings: `obligation`.
    pub name: String,
    /// What the scale measures.
    pub description: String,
    /// What a negation does to its direction.
    pub negation: NegationMode,
    /// A drop of this many levels or more is of high severity.
    pub high_at_steps: Option<usize>,
    /// How many of the strongest levels express an obligation (a removed clause holding one is high).
    pub obligation_levels: usize,
    /// Whether its phrases are nouns ("crisis", "conflict"), which follow a determiner; the phrases of
    /// other scales are verbs, and a determiner before one makes it a noun ("the support").
    pub nouns: bool,
    /// Phrases by level, strongest first.
    pub levels: Vec<Vec<String>>,
}

impl Scale {
    /// The strength of a level as findings quote it: the weakest level is 1.
    pub fn strength(&self, level: usize) -> usize {
        self.levels.len() - level
    }
}

/// Scales and word lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    /// Ordered scales, in priority order (a phrase on two scales counts for the first).
    pub scales: Vec<Scale>,
    /// Qualifiers that weaken a commitment.
    pub hedges: Vec<String>,
    /// Words that make a commitment firmer.
    pub intensifiers: Vec<String>,
    /// Words that negate.
    pub negations: Vec<String>,
    /// Idioms holding a negation word that negate nothing (`not later than`).
    pub negation_idioms: Vec<String>,
    /// The language its phrases are in, when the file says (`language = "fr"`); a lexicon without
    /// one is English.
    pub language: Option<Language>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    language: Option<Spanned<String>>,
    #[serde(default)]
    scale: Vec<ScaleFile>,
    #[serde(default)]
    hedges: Vec<Spanned<String>>,
    #[serde(default)]
    intensifiers: Vec<Spanned<String>>,
    #[serde(default)]
    negations: Vec<Spanned<String>>,
    #[serde(default)]
    negation_idioms: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleFile {
    name: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    negation: NegationMode,
    high_at_steps: Option<usize>,
    #[serde(default)]
    obligation_levels: usize,
    #[serde(default)]
    nouns: bool,
    levels: Spanned<Vec<Vec<Spanned<String>>>>,
}

impl Lexicon {
    /// The built-in English lexicon.
    pub fn builtin() -> Lexicon {
        Lexicon::from_toml("<built-in>/en.toml", BUILTIN_LEXICON)
            .expect("invariant: the built-in lexicon parses (checked by a test)")
    }

    /// Parses a lexicon file; `path` names it in errors.
    pub fn from_toml(path: &str, text: &str) -> Result<Lexicon> {
        let file: LexiconFile = toml::from_str(text).map_err(|e| data_error(path, text, &e))?;
        let language = match &file.language {
            None => None,
            Some(code) => Some(Language::from_code(code.get_ref()).ok_or_else(|| {
                at(
                    path,
                    text,
                    code.span(),
                    "not a language clausediff reads (ar, de, en, es, fr, ru, zh)",
                )
            })?),
        };
        // A lexicon in another language lines its scales up with English's, level for level, and
        // may leave a level empty where the language has no word of that strength.
        let foreign = language.is_some_and(|l| l != Language::English);
        let mut scales = Vec::new();
        for scale in file.scale {
            let levels = scale.levels.get_ref();
            if levels.len() < 2 {
                return Err(at(
                    path,
                    text,
                    scale.levels.span(),
                    "a scale needs at least two levels",
                ));
            }
            let mut checked = Vec::with_capacity(levels.len());
            for level in levels {
                if level.is_empty() && !foreign {
                    return Err(at(
                        path,
                        text,
                        scale.levels.span(),
                        "a scale level has no phrases",
                    ));
                }
                checked.push(phrases(path, text, level)?);
            }
            scales.push(Scale {
                name: scale.name.get_ref().clone(),
                description: scale.description,
                negation: scale.negation,
                high_at_steps: scale.high_at_steps,
                obligation_levels: scale.obligation_levels.min(checked.len()),
                nouns: scale.nouns,
                levels: checked,
            });
        }
        Ok(Lexicon {
            scales,
            hedges: phrases(path, text, &file.hedges)?,
            intensifiers: phrases(path, text, &file.intensifiers)?,
            negations: phrases(path, text, &file.negations)?,
            negation_idioms: phrases(path, text, &file.negation_idioms)?,
            language,
        })
    }

    /// The built-in lexicon of a language, its scales lined up with `english`'s (the lexicon in use,
    /// with any user additions): the same scales in the same order, each with the same name, rules
    /// and number of levels, holding this language's phrases — an empty scale where the language's
    /// lexicon has none of that name. A finding's scale and levels then mean the same whatever the
    /// language.
    pub fn builtin_in(language: Language, english: &Lexicon) -> Lexicon {
        if language == Language::English {
            return english.clone();
        }
        let (path, text) = LANGUAGE_LEXICONS[language.index()];
        let own = Lexicon::from_toml(path, text)
            .expect("invariant: the built-in lexicons parse (checked by a test)");
        let scales = english
            .scales
            .iter()
            .map(|scale| {
                let theirs = own.scales.iter().find(|s| s.name == scale.name);
                let levels = (0..scale.levels.len())
                    .map(|k| {
                        theirs
                            .and_then(|s| s.levels.get(k))
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect();
                Scale {
                    levels,
                    ..scale.clone()
                }
            })
            .collect();
        Lexicon {
            scales,
            language: Some(language),
            ..own
        }
    }

    /// Adds another lexicon: a scale with the same name replaces this one's, new scales and phrases are
    /// appended.
    pub fn extend(&mut self, other: Lexicon) {
        for scale in other.scales {
            match self.scales.iter_mut().find(|s| s.name == scale.name) {
                Some(existing) => *existing = scale,
                None => self.scales.push(scale),
            }
        }
        self.hedges.extend(other.hedges);
        self.intensifiers.extend(other.intensifiers);
        self.negations.extend(other.negations);
        self.negation_idioms.extend(other.negation_idioms);
    }
}

/// A named term of a watchlist, with its aliases in any language.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Name quoted in findings.
    pub name: String,
    /// Every way of writing it, the name included.
    pub aliases: Vec<String>,
    /// Severity of its removal.
    pub severity: Severity,
}

/// A named list of terms to watch.
#[derive(Debug, Clone, PartialEq)]
pub struct Watchlist {
    /// Its name: `disputed-territories`.
    pub name: String,
    /// What it holds.
    pub description: String,
    /// The terms.
    pub terms: Vec<Term>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WatchlistFile {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_severity")]
    severity: Severity,
    term: Vec<TermFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermFile {
    name: Spanned<String>,
    aliases: Vec<Spanned<String>>,
    severity: Option<Severity>,
}

fn default_severity() -> Severity {
    Severity::High
}

impl Watchlist {
    /// The built-in `disputed-territories` watchlist.
    pub fn builtin() -> Watchlist {
        Watchlist::from_toml("<built-in>/disputed-territories.toml", BUILTIN_WATCHLIST)
            .expect("invariant: the built-in watchlist parses (checked by a test)")
    }

    /// Parses a watchlist file; `path` names it in errors.
    pub fn from_toml(path: &str, text: &str) -> Result<Watchlist> {
        let file: WatchlistFile = toml::from_str(text).map_err(|e| data_error(path, text, &e))?;
        let mut terms = Vec::with_capacity(file.term.len());
        for term in file.term {
            let name = term.name.get_ref().trim().to_string();
            if name.is_empty() {
                return Err(at(path, text, term.name.span(), "a term needs a name"));
            }
            let mut aliases = phrases(path, text, &term.aliases)?;
            if !aliases.contains(&name) {
                aliases.insert(0, name.clone());
            }
            terms.push(Term {
                name,
                aliases,
                severity: term.severity.unwrap_or(file.severity),
            });
        }
        Ok(Watchlist {
            name: file.name,
            description: file.description,
            terms,
        })
    }
}

/// Checks a list of phrases: none may be blank.
fn phrases(path: &str, text: &str, list: &[Spanned<String>]) -> Result<Vec<String>> {
    list.iter()
        .map(|p| {
            let phrase = p.get_ref().trim();
            if phrase.is_empty() {
                Err(at(path, text, p.span(), "an empty phrase"))
            } else {
                Ok(phrase.to_string())
            }
        })
        .collect()
}

fn data_error(path: &str, text: &str, error: &toml::de::Error) -> Error {
    let message = error.message().trim().to_string();
    match error.span() {
        Some(span) => at(path, text, span, &message),
        None => Error::Data {
            path: path.to_string(),
            line: 1,
            column: 1,
            message,
        },
    }
}

/// An error at a byte span of a data file.
fn at(path: &str, text: &str, span: std::ops::Range<usize>, message: &str) -> Error {
    let before = &text[..span.start.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Error::Data {
        path: path.to_string(),
        line,
        column,
        message: message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_watch_term_is_written_in_each_script_of_the_un_languages() {
        // Latin (English, French, Spanish, German), Arabic, Han (Chinese) and Cyrillic (Russian):
        // a term missing a script is never found in that language's drafts.
        type InScript = fn(char) -> bool;
        let scripts: [(&str, InScript); 4] = [
            ("Latin", |c| c.is_ascii_alphabetic()),
            ("Arabic", |c| ('\u{0600}'..='\u{06FF}').contains(&c)),
            ("Han", |c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
            ("Cyrillic", |c| ('\u{0400}'..='\u{04FF}').contains(&c)),
        ];
        let mut missing = Vec::new();
        for term in &Watchlist::builtin().terms {
            for (script, is) in scripts {
                if !term.aliases.iter().any(|a| a.chars().any(is)) {
                    missing.push(format!("{}: {script}", term.name));
                }
            }
        }
        assert_eq!(missing, Vec::<String>::new());
    }

    #[test]
    fn builtin_data_parses() {
        let lexicon = Lexicon::builtin();
        let names: Vec<&str> = lexicon.scales.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "obligation",
                "operative verb",
                "condemnation",
                "characterisation",
                "commitment",
                "certainty"
            ]
        );
        assert!(lexicon.hedges.contains(&"as appropriate".to_string()));
        let watchlist = Watchlist::builtin();
        assert!(watchlist.terms.len() >= 25);
        let kurils = &watchlist.terms[0];
        assert!(kurils.aliases.contains(&"北方領土".to_string()));
        assert!(kurils.aliases.contains(&"Курильские острова".to_string()));
    }

    #[test]
    fn every_language_lexicon_lines_up_with_english_scale_for_scale_and_level_for_level() {
        let english = Lexicon::builtin();
        for language in Language::ALL {
            let (path, text) = LANGUAGE_LEXICONS[language.index()];
            let own = Lexicon::from_toml(path, text).unwrap();
            if language != Language::English {
                assert_eq!(own.language, Some(language), "{path}");
            }
            for scale in &own.scales {
                let theirs = english.scales.iter().find(|s| s.name == scale.name);
                let theirs =
                    theirs.unwrap_or_else(|| panic!("{path}: no English scale {}", scale.name));
                assert_eq!(
                    scale.levels.len(),
                    theirs.levels.len(),
                    "{path}: {}",
                    scale.name
                );
            }
            let aligned = Lexicon::builtin_in(language, &english);
            assert_eq!(aligned.scales.len(), english.scales.len());
            assert!(
                !aligned.negations.is_empty() && !aligned.hedges.is_empty(),
                "{path}"
            );
            assert!(
                aligned.scales[0].levels[0].len() >= 2,
                "{path}: the strongest obligation needs its words"
            );
        }
        let french = Lexicon::builtin_in(Language::French, &english);
        assert!(french.scales[0].levels[0].contains(&"doivent".to_string()));
        assert!(french.scales[0].levels[1].is_empty());
        assert_eq!(french.scales[0].strength(4), 1);
    }

    #[test]
    fn strength_counts_from_the_weakest_level() {
        let obligation = &Lexicon::builtin().scales[0];
        assert_eq!((obligation.strength(0), obligation.strength(2)), (5, 3));
    }

    #[test]
    fn unknown_keys_are_errors_with_line_and_column() {
        let err = Lexicon::from_toml(
            "mine.toml",
            "hedges = [\"as needed\"]\n\n[[scale]]\nname = \"x\"\nlevls = []\n",
        )
        .unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with("mine.toml:5:1: unknown field `levls`"),
            "{message}"
        );
    }

    #[test]
    fn a_scale_needs_two_levels() {
        let err = Lexicon::from_toml("s.toml", "[[scale]]\nname = \"x\"\nlevels = [[\"a\"]]\n")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "s.toml:3:10: a scale needs at least two levels"
        );
    }

    #[test]
    fn malformed_toml_names_the_line() {
        let err = Watchlist::from_toml(
            "w.toml",
            "name = \"w\"\n[[term]]\nname = \"A\"\naliases = [\"B\"\n",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("w.toml:4:"), "{err}");
    }

    #[test]
    fn a_bad_severity_is_an_error() {
        let err = Watchlist::from_toml(
            "w.toml",
            "name = \"w\"\n[[term]]\nname = \"A\"\naliases = []\nseverity = \"severe\"\n",
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("w.toml:5:12: unknown variant `severe`"),
            "{err}"
        );
    }

    #[test]
    fn extending_replaces_scales_by_name_and_appends_lists() {
        let mut lexicon = Lexicon::builtin();
        let mine = Lexicon::from_toml(
            "m.toml",
            "hedges = [\"if feasible\"]\n[[scale]]\nname = \"obligation\"\nlevels = [[\"must\"], [\"may\"]]\n[[scale]]\nname = \"tone\"\nlevels = [[\"welcomes\"], [\"notes\"]]\n",
        )
        .unwrap();
        lexicon.extend(mine);
        assert_eq!(lexicon.scales[0].levels.len(), 2);
        assert_eq!(lexicon.scales.last().map(|s| s.name.as_str()), Some("tone"));
        assert_eq!(
            lexicon.hedges.last().map(String::as_str),
            Some("if feasible")
        );
    }
}
