//! GitHub Actions workflow commands: one annotation per finding, at its file and line, its level from
//! its severity (`::error`, `::warning`, `::notice`).

use std::io::{self, Write};

use crate::classify::Severity;

use super::text;
use super::{RenderOptions, Report};

/// Escapes the message of a workflow command.
pub(super) fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property of a workflow command (`file=`, `title=`).
pub(super) fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "notice",
    }
}

pub(super) fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (i, f) in report.findings.iter().enumerate() {
        let (draft, line) = text::location(report, f);
        let file = text::file_of(draft);
        writeln!(
            out,
            "::{} file={},line={},title={}::{}",
            command(f.severity),
            property(file),
            line,
            property(&format!(
                "clausediff {} ({})",
                f.kind.name(),
                f.severity.name()
            )),
            data(&options.message(i, f))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
