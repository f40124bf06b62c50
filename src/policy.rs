//! What a team decides about findings: rules turned off, severities changed, findings already accepted
//! in a baseline, a threshold below which findings are not shown, and the level that fails CI.
//!
//! A baseline is a JSON file (`clausediff.baseline.v1`) of findings, each kept as its rule, clause and
//! words, never its line: a finding accepted once stays accepted when text above it moves.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::classify::{Finding, Severity};
use crate::error::{Error, Result};

/// Name and version of the baseline file format.
pub const BASELINE_SCHEMA: &str = "clausediff.baseline.v1";

/// The level of findings that fails a run (`--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum FailOn {
    /// Any finding.
    Info,
    /// Low and above.
    Low,
    /// Medium and above.
    Medium,
    /// High only.
    High,
    /// Never fail on findings.
    None,
}

impl FailOn {
    /// The least severity that fails, if any does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Info => Some(Severity::Info),
            FailOn::Low => Some(Severity::Low),
            FailOn::Medium => Some(Severity::Medium),
            FailOn::High => Some(Severity::High),
            FailOn::None => None,
        }
    }

    /// Whether these findings fail the run.
    pub fn fails(self, findings: &[Finding]) -> bool {
        self.threshold()
            .is_some_and(|t| findings.iter().any(|f| f.severity >= t))
    }
}

/// How findings are filtered and graded after classification.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Rule ids whose findings are dropped.
    pub disabled: BTreeSet<String>,
    /// Severity by rule id, replacing what the rule gives.
    pub severity: BTreeMap<String, Severity>,
    /// Findings accepted before; matching findings are dropped.
    pub baseline: Option<Baseline>,
    /// Findings below this severity are not shown. They still count for `--fail-on`: a threshold of
    /// what is shown never changes whether a run fails.
    pub min_severity: Option<Severity>,
}

/// The outcome of applying a policy.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    /// The findings to report.
    pub findings: Vec<Finding>,
    /// The findings the baseline held (not reported).
    pub baselined: Vec<Finding>,
    /// The findings below the minimum severity: not shown, but counted for `--fail-on`.
    pub hidden: Vec<Finding>,
}

impl Policy {
    /// Drops disabled rules, regrades, and sets aside what the baseline holds and what is below the
    /// minimum severity.
    pub fn apply(&self, findings: Vec<Finding>) -> Applied {
        let mut available = self
            .baseline
            .as_ref()
            .map(Baseline::counts)
            .unwrap_or_default();
        let mut applied = Applied::default();
        for mut finding in findings {
            if self.disabled.contains(finding.rule()) {
                continue;
            }
            if let Some(&severity) = self.severity.get(finding.rule()) {
                finding.severity = severity;
            }
            let key = Entry::of(&finding);
            if let Some(left) = available.get_mut(&key).filter(|n| **n > 0) {
                *left -= 1;
                applied.baselined.push(finding);
                continue;
            }
            if self.min_severity.is_some_and(|min| finding.severity < min) {
                applied.hidden.push(finding);
                continue;
            }
            applied.findings.push(finding);
        }
        applied
    }
}

/// One accepted finding, as a baseline keeps it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The document, relative to the folders, when the baseline was written for two folders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The rule id.
    pub rule: String,
    /// The clause: its id in the new draft, or in the old one when it has none there.
    pub clause: String,
    /// The old words, spacing collapsed.
    pub old_text: String,
    /// The new words, spacing collapsed.
    pub new_text: String,
}

impl Entry {
    fn of(finding: &Finding) -> Entry {
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let clause = finding
            .new_clause
            .as_ref()
            .or(finding.old_clause.as_ref())
            .map_or(String::new(), |c| c.0.clone());
        Entry {
            file: None,
            rule: finding.rule().to_string(),
            clause,
            old_text: flat(&finding.old_text),
            new_text: flat(&finding.new_text),
        }
    }
}

/// Findings a team has accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    schema: String,
    /// The accepted findings, sorted.
    pub findings: Vec<Entry>,
}

impl Baseline {
    /// A baseline accepting these findings.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Baseline {
        let mut entries: Vec<Entry> = findings.into_iter().map(Entry::of).collect();
        entries.sort();
        Baseline {
            schema: BASELINE_SCHEMA.to_string(),
            findings: entries,
        }
    }

    /// A baseline accepting these findings of the documents of two folders, each with its path
    /// relative to the folders.
    pub fn of_files<'a>(findings: impl IntoIterator<Item = (&'a str, &'a Finding)>) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .into_iter()
            .map(|(file, finding)| Entry {
                file: Some(file.to_string()),
                ..Entry::of(finding)
            })
            .collect();
        entries.sort();
        Baseline {
            schema: BASELINE_SCHEMA.to_string(),
            findings: entries,
        }
    }

    /// A baseline of these entries.
    pub fn from_entries(mut entries: Vec<Entry>) -> Baseline {
        entries.sort();
        Baseline {
            schema: BASELINE_SCHEMA.to_string(),
            findings: entries,
        }
    }

    /// The part of a folder baseline about one document, to apply to that document's report.
    pub fn for_file(&self, file: &str) -> Baseline {
        Baseline {
            schema: self.schema.clone(),
            findings: self
                .findings
                .iter()
                .filter(|e| e.file.as_deref() == Some(file))
                .map(|e| Entry {
                    file: None,
                    ..e.clone()
                })
                .collect(),
        }
    }

    /// Parses a baseline file; `path` names it in errors.
    pub fn from_json(path: &str, text: &str) -> Result<Baseline> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| Error::Data {
            path: path.to_string(),
            line: e.line(),
            column: e.column(),
            message: e
                .to_string()
                .split(" at line")
                .next()
                .unwrap_or("invalid JSON")
                .to_string(),
        })?;
        if baseline.schema != BASELINE_SCHEMA {
            return Err(Error::Data {
                path: path.to_string(),
                line: 1,
                column: 1,
                message: format!(
                    "not a clausediff baseline (schema `{}`, expected `{BASELINE_SCHEMA}`)",
                    baseline.schema
                ),
            });
        }
        Ok(baseline)
    }

    /// The baseline as pretty JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    fn counts(&self) -> BTreeMap<Entry, usize> {
        let mut counts = BTreeMap::new();
        for entry in &self.findings {
            *counts.entry(entry.clone()).or_insert(0) += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Draft, InputFormat};
    use crate::{Options, compare};

    fn findings() -> Vec<Finding> {
        let parse = |t: &str| Draft::parse("d", "d", t, InputFormat::Text);
        compare(
            parse("1. The Parties shall fully cooperate.\n\n2. On Crimea.\n"),
            parse("1. The Parties should cooperate.\n"),
            &Options::default(),
        )
        .findings
    }

    #[test]
    fn a_baseline_absorbs_the_findings_it_holds() {
        let all = findings();
        let baseline = Baseline::of(&all[..1]);
        let policy = Policy {
            baseline: Some(baseline),
            ..Policy::default()
        };
        let applied = policy.apply(all.clone());
        assert_eq!(applied.baselined, all[..1]);
        assert_eq!(applied.findings, all[1..]);
    }

    #[test]
    fn baselines_survive_a_round_trip_and_ignore_lines() {
        let all = findings();
        let text = Baseline::of(&all).to_json();
        let back = Baseline::from_json("b.json", &text).unwrap();
        let mut moved = all.clone();
        for f in &mut moved {
            f.old_line = f.old_line.map(|l| l + 10);
        }
        let policy = Policy {
            baseline: Some(back),
            ..Policy::default()
        };
        assert!(policy.apply(moved).findings.is_empty());
    }

    #[test]
    fn disabled_rules_and_overrides() {
        let mut policy = Policy::default();
        policy.disabled.insert("structure.clause_removed".into());
        policy
            .severity
            .insert("scale.softened".into(), Severity::Low);
        let applied = policy.apply(findings());
        assert!(
            applied
                .findings
                .iter()
                .all(|f| f.rule() != "structure.clause_removed")
        );
        let softened = applied
            .findings
            .iter()
            .find(|f| f.rule() == "scale.softened")
            .unwrap();
        assert_eq!(softened.severity, Severity::Low);
    }

    #[test]
    fn findings_below_the_minimum_are_hidden_not_dropped() {
        let all = findings();
        let policy = Policy {
            min_severity: Some(Severity::High),
            ..Policy::default()
        };
        let applied = policy.apply(all.clone());
        assert!(
            applied
                .findings
                .iter()
                .all(|f| f.severity >= Severity::High)
        );
        assert!(applied.hidden.iter().all(|f| f.severity < Severity::High));
        assert_eq!(applied.findings.len() + applied.hidden.len(), all.len());
    }

    #[test]
    fn fail_on_levels() {
        let all = findings();
        assert!(FailOn::High.fails(&all));
        assert!(!FailOn::None.fails(&all));
        assert!(!FailOn::High.fails(&[]));
    }

    #[test]
    fn a_file_of_another_kind_is_refused() {
        let err =
            Baseline::from_json("b.json", "{\"schema\": \"x\", \"findings\": []}").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("b.json:1:1: not a clausediff baseline"),
            "{err}"
        );
    }
}
