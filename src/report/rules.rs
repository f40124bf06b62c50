//! `clausediff rules`: every rule, its finding kind, default severity and meaning.

use std::io::{self, Write};

use serde::Serialize;

use crate::classify::RULES;

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

/// Writes the rule table as text or JSON.
pub fn render_rules(format: ListFormat, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let palette = Palette::new(color);
    if format == ListFormat::Json {
        let wire = JsonRules {
            schema: RULES_SCHEMA,
            rules: RULES
                .iter()
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
    let id_width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(4);
    let kind_width = RULES.iter().map(|r| r.kind.len()).max().unwrap_or(4);
    writeln!(
        out,
        "{}",
        palette.header(&format!(
            "{:<id_width$}  {:<kind_width$}  {:<8}  DESCRIPTION",
            "RULE", "KIND", "SEVERITY"
        ))
    )?;
    for rule in RULES {
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
