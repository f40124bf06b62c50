//! What a team decides about findings: rules turned off, severities changed, findings already accepted
//! in a baseline, a threshold below which findings are not shown, and the level that fails CI.
//!
//! A baseline is a JSON file (`clausediff.baseline.v2`) of findings, each kept as its content
//! [`Fingerprint`] — its clause's words without the clause's number, its rule and its evidence — with
//! the rule and words beside it for readers, never its line or clause id: a finding accepted once
//! stays accepted when text above it moves or the clauses are renumbered. Files of the first version
//! (`clausediff.baseline.v1`, keyed on rule, clause id and words) are still read and matched that
//! way; a finding whose clause was renumbered falls out of them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::classify::{Finding, Fingerprint, Severity};
use crate::error::{Error, Result};

/// Name and version of the baseline file format written.
pub const BASELINE_SCHEMA: &str = "clausediff.baseline.v2";
/// The first baseline format, still read: entries keyed on rule, clause id and words.
pub const BASELINE_SCHEMA_V1: &str = "clausediff.baseline.v1";

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
        let legacy = self.baseline.as_ref().is_some_and(Baseline::is_v1);
        let mut applied = Applied::default();
        for mut finding in findings {
            if self.disabled.contains(finding.rule()) {
                continue;
            }
            if let Some(&severity) = self.severity.get(finding.rule()) {
                finding.severity = severity;
            }
            let key = Key::of_finding(&finding, legacy);
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The document, relative to the folders, when the baseline was written for two folders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The finding's content fingerprint: what a `v2` baseline matches. Absent in `v1` files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<Fingerprint>,
    /// The rule id.
    pub rule: String,
    /// `v1` files only: the clause id, its id in the new draft or in the old one when it has none
    /// there, which `v1` matches with the rule and words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// The old words, spacing collapsed.
    pub old_text: String,
    /// The new words, spacing collapsed.
    pub new_text: String,
}

impl Entry {
    fn of(finding: &Finding) -> Entry {
        Entry {
            file: None,
            fingerprint: Some(finding.fingerprint),
            rule: finding.rule().to_string(),
            clause: None,
            old_text: flat(&finding.old_text),
            new_text: flat(&finding.new_text),
        }
    }

    /// The order entries are written in: by document, rule and words, so that a baseline rewritten
    /// after an edit differs only where findings did.
    fn order(&self) -> (&Option<String>, &str, &str, &str, Option<Fingerprint>) {
        (
            &self.file,
            &self.rule,
            &self.old_text,
            &self.new_text,
            self.fingerprint,
        )
    }
}

/// Words with their spacing collapsed to single spaces.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a baseline entry and a finding are matched on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// `v2`: the content fingerprint.
    Content(Fingerprint),
    /// `v1`: rule, clause id, old and new words.
    Legacy([String; 4]),
}

impl Key {
    fn of_finding(finding: &Finding, legacy: bool) -> Key {
        if !legacy {
            return Key::Content(finding.fingerprint);
        }
        let clause = finding
            .new_clause
            .as_ref()
            .or(finding.old_clause.as_ref())
            .map_or(String::new(), |c| c.0.clone());
        Key::Legacy([
            finding.rule().to_string(),
            clause,
            flat(&finding.old_text),
            flat(&finding.new_text),
        ])
    }

    fn of_entry(entry: &Entry, legacy: bool) -> Option<Key> {
        if !legacy {
            return entry.fingerprint.map(Key::Content);
        }
        Some(Key::Legacy([
            entry.rule.clone(),
            entry.clause.clone().unwrap_or_default(),
            entry.old_text.clone(),
            entry.new_text.clone(),
        ]))
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
        Baseline::from_entries(findings.into_iter().map(Entry::of).collect())
    }

    /// A baseline accepting these findings of the documents of two folders, each with its path
    /// relative to the folders.
    pub fn of_files<'a>(findings: impl IntoIterator<Item = (&'a str, &'a Finding)>) -> Baseline {
        let entries = findings
            .into_iter()
            .map(|(file, finding)| Entry {
                file: Some(file.to_string()),
                ..Entry::of(finding)
            })
            .collect();
        Baseline::from_entries(entries)
    }

    /// A baseline of these entries.
    pub fn from_entries(mut entries: Vec<Entry>) -> Baseline {
        entries.sort_by(|a, b| a.order().cmp(&b.order()));
        Baseline {
            schema: BASELINE_SCHEMA.to_string(),
            findings: entries,
        }
    }

    /// Whether this is a `v1` baseline, matched on clause ids: findings in renumbered clauses fall
    /// out of it until it is rewritten.
    pub fn is_v1(&self) -> bool {
        self.schema == BASELINE_SCHEMA_V1
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

    /// Parses a baseline file; `path` names it in errors. A `clausediff.baseline.*` of a version this
    /// clausediff does not read is refused with the command that rewrites it.
    pub fn from_json(path: &str, text: &str) -> Result<Baseline> {
        let data_error = |e: serde_json::Error| Error::Data {
            path: path.to_string(),
            line: e.line(),
            column: e.column(),
            message: e
                .to_string()
                .split(" at line")
                .next()
                .unwrap_or("invalid JSON")
                .to_string(),
        };
        // The schema first: a file of another version may have other fields.
        #[derive(Deserialize)]
        struct Head {
            schema: String,
        }
        let head: Head = serde_json::from_str(text).map_err(data_error)?;
        match head.schema.as_str() {
            BASELINE_SCHEMA | BASELINE_SCHEMA_V1 => {}
            other if other.starts_with("clausediff.baseline.") => {
                return Err(Error::BaselineVersion {
                    path: path.to_string(),
                    schema: other.to_string(),
                    expected: format!("{BASELINE_SCHEMA} or {BASELINE_SCHEMA_V1}"),
                });
            }
            other => {
                return Err(Error::Data {
                    path: path.to_string(),
                    line: 1,
                    column: 1,
                    message: format!(
                        "not a clausediff baseline (schema `{other}`, expected `{BASELINE_SCHEMA}`)"
                    ),
                });
            }
        }
        let baseline: Baseline = serde_json::from_str(text).map_err(data_error)?;
        baseline.check(path)?;
        Ok(baseline)
    }

    /// Every entry has what its version matches on: a fingerprint (`v2`) or a clause (`v1`).
    fn check(&self, path: &str) -> Result<()> {
        let legacy = self.is_v1();
        let missing = self.findings.iter().position(|e| {
            if legacy {
                e.clause.is_none()
            } else {
                e.fingerprint.is_none()
            }
        });
        match missing {
            None => Ok(()),
            Some(index) => Err(Error::Data {
                path: path.to_string(),
                line: 1,
                column: 1,
                message: format!(
                    "finding {} has no `{}`, which {} entries are matched on",
                    index + 1,
                    if legacy { "clause" } else { "fingerprint" },
                    self.schema
                ),
            }),
        }
    }

    /// The baseline as pretty JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    fn counts(&self) -> BTreeMap<Key, usize> {
        let legacy = self.is_v1();
        let mut counts = BTreeMap::new();
        for key in self
            .findings
            .iter()
            .filter_map(|e| Key::of_entry(e, legacy))
        {
            *counts.entry(key).or_insert(0) += 1;
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
    fn a_baseline_survives_a_paragraph_inserted_above_and_renumbering() {
        let parse = |t: &str| Draft::parse("d", "d", t, InputFormat::Text);
        let old = "1. Intro.\n\n2. The Parties shall fully cooperate.\n\n3. On Crimea.\n";
        let new = "1. Intro.\n\n2. The Parties should cooperate.\n";
        let renumbered =
            "1. Intro.\n\n2. A new paragraph on trade.\n\n3. The Parties should cooperate.\n";
        let options = Options::default();
        let accepted = compare(parse(old), parse(new), &options).findings;
        assert!(accepted.len() >= 2);
        let policy = Policy {
            baseline: Some(Baseline::of(&accepted)),
            ..Policy::default()
        };
        let later = compare(parse(old), parse(renumbered), &options).findings;
        let applied = policy.apply(later);
        assert_eq!(applied.baselined.len(), accepted.len());
        assert!(
            applied.findings.iter().all(|f| matches!(
                f.rule(),
                "structure.clause_added" | "structure.clause_renumbered"
            )),
            "{:#?}",
            applied.findings
        );
    }

    #[test]
    fn a_v1_baseline_is_matched_by_clause_and_words() {
        let all = findings();
        let entries: Vec<String> = all
            .iter()
            .map(|f| {
                let clause = f.new_clause.as_ref().or(f.old_clause.as_ref()).unwrap();
                serde_json::json!({
                    "rule": f.rule(),
                    "clause": clause.0,
                    "old_text": flat(&f.old_text),
                    "new_text": flat(&f.new_text),
                })
                .to_string()
            })
            .collect();
        let text = format!(
            "{{\"schema\": \"clausediff.baseline.v1\", \"findings\": [{}]}}",
            entries.join(",")
        );
        let baseline = Baseline::from_json("old.json", &text).unwrap();
        assert!(baseline.is_v1());
        let policy = Policy {
            baseline: Some(baseline),
            ..Policy::default()
        };
        assert!(policy.apply(all).findings.is_empty());
    }

    #[test]
    fn a_baseline_of_an_unknown_version_is_refused_with_the_command_that_rewrites_it() {
        let text = "{\"schema\": \"clausediff.baseline.v9\", \"entries\": {}}";
        let err = Baseline::from_json("b.json", text).unwrap_err().to_string();
        assert_eq!(
            err,
            "b.json: baseline schema `clausediff.baseline.v9` is not one this clausediff reads \
             (clausediff.baseline.v2 or clausediff.baseline.v1); rewrite it with \
             `clausediff diff OLD NEW --write-baseline b.json`"
        );
        assert!(!err.contains('\n'));
    }

    #[test]
    fn a_v2_entry_without_a_fingerprint_is_refused() {
        let text = "{\"schema\": \"clausediff.baseline.v2\", \"findings\": \
                    [{\"rule\": \"scale.softened\", \"old_text\": \"\", \"new_text\": \"\"}]}";
        let err = Baseline::from_json("b.json", text).unwrap_err().to_string();
        assert!(err.contains("finding 1 has no `fingerprint`"), "{err}");
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
