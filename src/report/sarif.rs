//! SARIF 2.1.0 for GitHub code scanning: one run, one `rule` per rule id (from the rule table), one
//! `result` per finding, located at its line in the new draft (in the old draft for a removal).

use std::io::{self, Write};

use serde::Serialize;

use crate::classify::{Finding, RULES, Severity};
use crate::document::Draft;

use super::text;
use super::{RenderOptions, Report};

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
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult>,
    column_kind: &'static str,
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

#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
    properties: ResultProperties,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    logical_locations: Vec<LogicalLocation>,
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
struct Fingerprints {
    #[serde(rename = "clausediff/v1")]
    clausediff: String,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties {
    kind: &'static str,
    severity: &'static str,
    old_text: String,
    new_text: String,
}

/// The SARIF level of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// A relative URI reference for a path: forward slashes, and characters outside the unreserved and
/// path sets percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out.trim_start_matches("./").to_string()
}

fn artifact(draft: &Draft) -> String {
    uri(text::file_of(draft))
}

/// A stable identity of a finding, independent of its line: rule, clause and words.
fn fingerprint(f: &Finding) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    f.rule().hash(&mut hasher);
    f.new_clause
        .as_ref()
        .or(f.old_clause.as_ref())
        .hash(&mut hasher);
    f.old_text
        .split_whitespace()
        .for_each(|w| w.hash(&mut hasher));
    0u8.hash(&mut hasher);
    f.new_text
        .split_whitespace()
        .for_each(|w| w.hash(&mut hasher));
    format!("{:016x}", hasher.finish())
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

/// What one report adds to a SARIF run: the files it reads and a result per finding.
#[derive(Clone, Default)]
pub(super) struct Results {
    pub artifacts: Vec<String>,
    pub results: Vec<SarifResult>,
}

impl Results {
    /// Adds another report's files and results (a folder of documents is one run).
    pub fn extend(&mut self, other: Results) {
        self.artifacts.extend(other.artifacts);
        self.results.extend(other.results);
    }
}

/// The artifacts and results of one report. A side that is no file (a document added to or removed
/// from a folder is compared with nothing) is no artifact.
pub(super) fn results(report: &Report, options: &RenderOptions) -> Results {
    let mut artifacts: Vec<String> = [&report.old, &report.new]
        .into_iter()
        .filter(|d| d.source != super::folder::NO_FILE)
        .map(artifact)
        .collect();
    artifacts.dedup();
    let results = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (draft, line) = text::location(report, f);
            let file = artifact(draft);
            let clause = f.new_clause.as_ref().or(f.old_clause.as_ref());
            SarifResult {
                rule_id: f.rule(),
                rule_index: RULES.iter().position(|r| r.id == f.rule()).unwrap_or(0),
                level: level(f.severity),
                message: Text {
                    text: options.message(i, f),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: file },
                        region: Region {
                            start_line: line.max(1),
                        },
                    },
                    logical_locations: clause
                        .map(|c| LogicalLocation {
                            name: c.0.clone(),
                            kind: "member",
                        })
                        .into_iter()
                        .collect(),
                }],
                partial_fingerprints: Fingerprints {
                    clausediff: fingerprint(f),
                },
                properties: ResultProperties {
                    kind: f.kind.name(),
                    severity: f.severity.name(),
                    old_text: f.old_text.clone(),
                    new_text: f.new_text.clone(),
                },
            }
        })
        .collect();
    Results { artifacts, results }
}

pub(super) fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_log(results(report, options), out)
}

/// Writes a SARIF log of one run holding `results`.
pub(super) fn write_log(results: Results, out: &mut dyn Write) -> io::Result<()> {
    let rules = RULES
        .iter()
        .map(|r| SarifRule {
            id: r.id,
            name: pascal(r.id),
            short_description: Text {
                text: r.description.to_string(),
            },
            full_description: Text {
                text: format!(
                    "{} Finding kind `{}`, default severity {}.",
                    r.description,
                    r.kind,
                    r.severity.name()
                ),
            },
            default_configuration: Configuration {
                level: level(r.severity),
            },
            properties: RuleProperties {
                kind: r.kind,
                severity: r.severity.name(),
                tags: ["clausediff"],
            },
        })
        .collect();
    let Results {
        mut artifacts,
        results,
    } = results;
    // In the order first met, once each.
    let mut seen = std::collections::HashSet::new();
    artifacts.retain(|a| seen.insert(a.clone()));
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "clausediff",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            artifacts: artifacts
                .into_iter()
                .map(|uri| Artifact {
                    location: ArtifactLocation { uri },
                })
                .collect(),
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
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal("scale.softened"), "ScaleSoftened");
        assert_eq!(pascal("structure.clause_removed"), "StructureClauseRemoved");
    }
}
