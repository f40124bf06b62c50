//! SARIF 2.1.0 for GitHub code scanning: one run, one `rule` per rule id (from the rule table), one
//! `result` per finding. A result is located at its line in the new draft, or, for a removal, in the
//! old draft — its own artifact — with a related location at the nearest line of the new draft that
//! still exists. Paths are relative references under `%SRCROOT%` (the directory clausediff ran in);
//! an old draft read from a git revision is under `%OLDREV%`, as the working tree's file of that
//! name holds other text. Each result has a content fingerprint (`partialFingerprints`), so code
//! scanning follows it through edits above it and renumbering. The run's `automationDetails.id` is
//! the document's own category (`clausediff/decl.md/`), or `clausediff/` for two folders, whose
//! documents are told apart by their artifacts.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::classify::{FINGERPRINT_VERSION, Finding, Fingerprint, RULES, Severity};
use crate::document::Draft;

use super::text::{self, Line, Locator, Place};
use super::{RenderOptions, Report};

/// The base of relative paths: the directory clausediff ran in (in CI, the repository's root).
const SRCROOT: &str = "%SRCROOT%";
/// The base of an old draft read from a git revision: the repository at that revision.
const OLDREV: &str = "%OLDREV%";
/// The category of a run over two folders. Code scanning keeps one analysis per category, and the
/// category of an id is everything up to its last `/`.
pub(super) const FOLDER_CATEGORY: &str = "clausediff/";

/// The category of a run over one document: its own (`clausediff/docs/decl.md/`), so that one SARIF
/// file per document, uploaded together, gives each run the distinct category code scanning
/// requires, and the next upload for the document replaces its analysis.
fn document_category(report: &Report) -> String {
    format!("clausediff/{}/", text::file_of(&report.new))
}

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    automation_details: AutomationDetails,
    original_uri_base_ids: BTreeMap<&'static str, BaseLocation>,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct AutomationDetails {
    id: String,
}

/// A base of relative paths, described, its absolute URI left to the consumer.
#[derive(Serialize)]
struct BaseLocation {
    description: Text,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<SarifRule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Clone, Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    kind: &'static str,
    severity: &'static str,
    tags: [&'static str; 1],
}

#[derive(Clone, Serialize)]
pub(super) struct Artifact {
    location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Text>,
}

#[derive(Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    properties: ResultProperties,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<u32>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    kind: &'static str,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties {
    kind: &'static str,
    severity: &'static str,
    old_text: String,
    new_text: String,
    /// Who made the tracked change the finding comes from, and when (`diff --tracked`).
    #[serde(skip_serializing_if = "Option::is_none")]
    revision: Option<crate::document::Revision>,
}

/// The SARIF level of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// The bytes a path segment keeps as they are in a URI reference: the unreserved set and `/`;
/// everything else (`:` too, which would make a relative path's first segment a scheme) is
/// percent-encoded.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// A URI reference for a path: forward slashes, percent-encoded outside [`PATH`].
fn uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let encoded = utf8_percent_encode(&slashed, PATH).to_string();
    encoded.trim_start_matches("./").to_string()
}

/// A draft's file as SARIF names it: its artifact, and the base its location is relative to, with
/// that base's description.
#[derive(Clone)]
struct File {
    artifact: Artifact,
    base: Option<(&'static str, String)>,
}

impl File {
    /// The file of a draft; `old` says whether it is the old draft of its report.
    fn of(draft: &Draft, old: bool) -> File {
        let Some(path) = &draft.path else {
            // Standard input is no file of the repository: a plain name, described, and no base.
            return File {
                artifact: Artifact {
                    location: ArtifactLocation {
                        uri: "stdin".to_string(),
                        uri_base_id: None,
                    },
                    description: Some(text("standard input")),
                },
                base: None,
            };
        };
        if std::path::Path::new(path).is_absolute() {
            // A base applies to relative references only; a path outside the current directory is
            // a file URI of its own.
            let absolute = uri(path);
            let slash = if absolute.starts_with('/') { "" } else { "/" };
            return File {
                artifact: Artifact {
                    location: ArtifactLocation {
                        uri: format!("file://{slash}{absolute}"),
                        uri_base_id: None,
                    },
                    description: None,
                },
                base: None,
            };
        }
        let (base, description, about) = match (&draft.revision, old) {
            (Some(revision), true) => (
                OLDREV,
                Some(text(&format!("{path} at revision {revision}"))),
                format!("The repository at revision {revision}, where the old draft was read."),
            ),
            _ => (
                SRCROOT,
                None,
                "The root of the repository clausediff ran in (outside one, the directory it ran in).".to_string(),
            ),
        };
        File {
            artifact: Artifact {
                location: ArtifactLocation {
                    uri: uri(path),
                    uri_base_id: Some(base),
                },
                description,
            },
            base: Some((base, about)),
        }
    }

    /// A location at one line of the file.
    fn at(&self, line: u32) -> PhysicalLocation {
        PhysicalLocation {
            artifact_location: self.artifact.location.clone(),
            region: Region {
                start_line: line.max(1),
            },
        }
    }
}

fn text(words: &str) -> Text {
    Text {
        text: words.to_string(),
    }
}

/// The value of a result's `partialFingerprints` entry: the finding's content fingerprint and, after
/// a colon, its occurrence among the report's findings of the same fingerprint (from 1), as GitHub's
/// own `primaryLocationLineHash` counts identical lines, so that the same finding in two repeated
/// clauses stays two alerts.
fn partial_fingerprint(print: Fingerprint, seen: &mut HashMap<Fingerprint, u32>) -> String {
    let occurrence = seen.entry(print).or_insert(0);
    *occurrence += 1;
    format!("{print}:{occurrence}")
}

fn pascal(id: &str) -> String {
    id.split(['.', '_'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// What one report adds to a SARIF run: the files it reads, the bases of their paths, and a result
/// per finding.
#[derive(Clone, Default)]
pub(super) struct Results {
    pub artifacts: Vec<Artifact>,
    bases: BTreeMap<&'static str, String>,
    pub results: Vec<SarifResult>,
}

impl Results {
    /// Adds another report's files and results (a folder of documents is one run).
    pub fn extend(&mut self, other: Results) {
        self.artifacts.extend(other.artifacts);
        self.results.extend(other.results);
        for (base, about) in other.bases {
            self.bases.entry(base).or_insert(about);
        }
    }
}

/// The files of a report's two drafts. A side that is no file (a document added to or removed
/// from a folder is compared with nothing) is no artifact.
fn files(report: &Report) -> [(File, bool); 2] {
    let is_file = |d: &Draft| !d.absent;
    [
        (File::of(&report.old, true), is_file(&report.old)),
        (File::of(&report.new, false), is_file(&report.new)),
    ]
}

/// The artifacts and results of one report.
pub(super) fn results(report: &Report, options: &RenderOptions) -> Results {
    let [(old, old_is_file), (new, new_is_file)] = files(report);
    let mut out = Results::default();
    for (file, is_file) in [(&old, old_is_file), (&new, new_is_file)] {
        if is_file {
            out.artifacts.push(file.artifact.clone());
            if let Some((base, about)) = &file.base {
                out.bases.entry(base).or_insert_with(|| about.clone());
            }
        }
    }
    let locator = Locator::new(report);
    let mut seen = HashMap::new();
    out.results = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let place = locator.place(f);
            let file = if place.in_old { &old } else { &new };
            SarifResult {
                rule_id: f.rule(),
                rule_index: RULES.iter().position(|r| r.id == f.rule()).unwrap_or(0),
                level: level(f.severity),
                message: Text {
                    text: options.message(i, f),
                },
                locations: vec![primary(file, &place, f)],
                related_locations: place
                    .survivor
                    .map(|s| related(&new, s))
                    .into_iter()
                    .collect(),
                partial_fingerprints: BTreeMap::from([(
                    FINGERPRINT_VERSION,
                    partial_fingerprint(f.fingerprint, &mut seen),
                )]),
                properties: ResultProperties {
                    kind: f.kind.name(),
                    severity: f.severity.name(),
                    old_text: f.old_text.clone(),
                    new_text: f.new_text.clone(),
                    revision: f.revision.clone(),
                },
            }
        })
        .collect();
    out
}

/// A result's location: its line, and its clause (in the same draft) as a logical location.
fn primary(file: &File, place: &Place, finding: &Finding) -> Location {
    let (own, other) = (&finding.old_clause, &finding.new_clause);
    let (own, other) = if place.in_old {
        (own, other)
    } else {
        (other, own)
    };
    let clause = own.as_ref().or(other.as_ref());
    Location {
        id: None,
        physical_location: file.at(place.at.line),
        logical_locations: clause
            .map(|c| LogicalLocation {
                name: c.0.clone(),
                kind: "member",
            })
            .into_iter()
            .collect(),
        message: None,
    }
}

/// A removal's related location: the nearest line of the new draft that still exists.
fn related(new: &File, survivor: Line) -> Location {
    Location {
        id: Some(1),
        physical_location: new.at(survivor.line),
        logical_locations: Vec::new(),
        message: Some(text("the nearest text still in the new draft")),
    }
}

pub(super) fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_log(results(report, options), &document_category(report), out)
}

/// The rule table as SARIF rules.
fn rules() -> Vec<SarifRule> {
    RULES
        .iter()
        .map(|r| SarifRule {
            id: r.id,
            name: pascal(r.id),
            short_description: text(r.description),
            full_description: text(&format!(
                "{} Finding kind `{}`, default severity {}.",
                r.description,
                r.kind,
                r.severity.name()
            )),
            default_configuration: Configuration {
                level: level(r.severity),
            },
            properties: RuleProperties {
                kind: r.kind,
                severity: r.severity.name(),
                tags: ["clausediff"],
            },
        })
        .collect()
}

/// Writes a SARIF log of one run holding `results`, with the automation id `category`.
pub(super) fn write_log(results: Results, category: &str, out: &mut dyn Write) -> io::Result<()> {
    let Results {
        mut artifacts,
        bases,
        results,
    } = results;
    // In the order first met, once each.
    let mut seen = HashSet::new();
    artifacts.retain(|a| seen.insert(a.location.clone()));
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "clausediff",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: rules(),
                },
            },
            automation_details: AutomationDetails {
                id: category.to_string(),
            },
            original_uri_base_ids: bases
                .into_iter()
                .map(|(base, about)| {
                    (
                        base,
                        BaseLocation {
                            description: text(&about),
                        },
                    )
                })
                .collect(),
            artifacts,
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::from)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("docs/my draft.md"), "docs/my%20draft.md");
        assert_eq!(uri("./a\\b.txt"), "a/b.txt");
        assert_eq!(uri("Déclaration.md"), "D%C3%A9claration.md");
        assert_eq!(uri("a:b.md"), "a%3Ab.md");
    }

    #[test]
    fn repeated_fingerprints_count_their_occurrences() {
        let mut seen = HashMap::new();
        let (a, b) = (Fingerprint(1), Fingerprint(2));
        assert_eq!(partial_fingerprint(a, &mut seen), "0000000000000001:1");
        assert_eq!(partial_fingerprint(b, &mut seen), "0000000000000002:1");
        assert_eq!(partial_fingerprint(a, &mut seen), "0000000000000001:2");
    }

    #[test]
    fn files_are_relative_under_a_base_and_an_old_revision_has_its_own() {
        let mut draft = Draft::parse("d", "docs/d.md", "", crate::InputFormat::Markdown);
        let file = File::of(&draft, true);
        assert_eq!(file.artifact.location.uri, "docs/d.md");
        assert_eq!(file.artifact.location.uri_base_id, Some(SRCROOT));
        draft.revision = Some("HEAD~1".to_string());
        assert_eq!(
            File::of(&draft, true).artifact.location.uri_base_id,
            Some(OLDREV)
        );
        assert_eq!(
            File::of(&draft, false).artifact.location.uri_base_id,
            Some(SRCROOT)
        );
        draft.path = Some("/elsewhere/d.md".to_string());
        let absolute = File::of(&draft, false).artifact.location;
        assert_eq!(absolute.uri, "file:///elsewhere/d.md");
        assert_eq!(absolute.uri_base_id, None);
        draft.path = None;
        assert_eq!(File::of(&draft, false).artifact.location.uri, "stdin");
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal("scale.softened"), "ScaleSoftened");
        assert_eq!(pascal("structure.clause_removed"), "StructureClauseRemoved");
    }
}
