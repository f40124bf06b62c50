//! `clausediff rules`: every rule, its finding kind, default severity and meaning — those of `diff`,
//! then those of `parallel`.

use std::io::{self, Write};

use serde::Serialize;

use crate::classify::{PARALLEL_RULES, RULES, Rule};

use super::ListFormat;
use super::palette::Palette;

/// Name and version of the JSON rule listing.
pub const RULES_SCHEMA: &str = "clausediff.rules.v1";

#[derive(Serialize)]
struct JsonRules {
    schema: &'static str,
    rules: Vec<JsonRule>,
}

#[derive(Serialize)]
struct JsonRule {
    id: &'static str,
    kind: &'static str,
    severity: &'static str,
    description: &'static str,
}

/// Every rule: the diff's, then the language-version check's.
fn all() -> impl Iterator<Item = &'static Rule> {
    RULES.iter().chain(PARALLEL_RULES)
}

/// Writes the rule table as text or JSON.
pub fn render_rules(format: ListFormat, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let palette = Palette::new(color);
    if format == ListFormat::Json {
        let wire = JsonRules {
            schema: RULES_SCHEMA,
            rules: all()
                .map(|r| JsonRule {
                    id: r.id,
                    kind: r.kind,
                    severity: r.severity.name(),
                    description: r.description,
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &wire).map_err(io::Error::from)?;
        return writeln!(out);
    }
    let id_width = all().map(|r| r.id.len()).max().unwrap_or(4);
    let kind_width = all().map(|r| r.kind.len()).max().unwrap_or(4);
    writeln!(
        out,
        "{}",
        palette.header(&format!(
            "{:<id_width$}  {:<kind_width$}  {:<8}  DESCRIPTION",
            "RULE", "KIND", "SEVERITY"
        ))
    )?;
    for rule in all() {
        let severity = format!("{:<8}", rule.severity.name());
        writeln!(
            out,
            "{:<id_width$}  {:<kind_width$}  {}  {}",
            rule.id,
            rule.kind,
            palette.severity(rule.severity, &severity),
            rule.description
        )?;
    }
    Ok(())
}
