//! GitHub Actions workflow commands: one annotation per finding, its level from its severity
//! (`::error`, `::warning`, `::notice`), at its line of the new draft. A removal is annotated at the
//! nearest line of the new draft that still exists, its message naming the old file and line: an
//! annotation can only point at a file of the checked-out tree.
//!
//! GitHub shows at most [`CAP`] annotations of each level per step and drops the rest, so no more
//! are written: per level the most severe first, then the first in clause (and document) order, and
//! then one `::notice` saying how many findings were left out and where the full report is.

use std::io::{self, Write};

use crate::classify::{Finding, Severity};

use super::text::{self, Locator, Place};
use super::{RenderOptions, Report};

/// Annotations GitHub shows per level (error, warning, notice) and step.
pub const CAP: usize = 10;

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

/// The order in which annotations are kept within their level: the severities, highest first
/// (`notice` holds two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rank {
    /// `::error`: high findings, unreadable documents.
    Error,
    /// `::warning`: medium findings.
    Warning,
    /// `::notice`: low findings, documents added or removed.
    Notice,
    /// `::notice`, kept after every [`Rank::Notice`]: info findings.
    Info,
}

impl Rank {
    /// The rank of a finding of this severity.
    pub(super) fn of(severity: Severity) -> Rank {
        match severity {
            Severity::High => Rank::Error,
            Severity::Medium => Rank::Warning,
            Severity::Low => Rank::Notice,
            Severity::Info => Rank::Info,
        }
    }

    /// The workflow command.
    pub(super) fn command(self) -> &'static str {
        match self {
            Rank::Error => "error",
            Rank::Warning => "warning",
            Rank::Notice | Rank::Info => "notice",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// An annotation kept for output.
#[derive(Debug, Clone)]
struct Kept {
    /// Its place among all annotations offered, which is the output order.
    order: usize,
    /// Whether it is about a finding (not a document).
    finding: bool,
    /// The workflow command line, without its newline.
    line: String,
}

/// The annotations of a report, or of every document of two folders: all are counted, only those
/// that can be shown are rendered and kept (the first [`CAP`] of each rank), so a report of tens of
/// thousands of findings renders a few dozen lines.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    kept: [Vec<Kept>; 4],
    /// Offered by rank.
    offered: [usize; 4],
    /// Findings offered (the rest are notes about documents).
    findings: usize,
    /// Whether the full report is in the GitHub step summary.
    step_summary: bool,
}

impl Annotations {
    /// No annotations yet; `step_summary` says whether the full report goes to the step summary.
    pub(super) fn new(step_summary: bool) -> Annotations {
        Annotations {
            step_summary,
            ..Annotations::default()
        }
    }

    fn total(&self) -> usize {
        self.offered.iter().sum()
    }

    /// Offers an annotation of `rank`; `render` makes its command line, only if it is kept.
    pub(super) fn push(&mut self, rank: Rank, finding: bool, render: impl FnOnce() -> String) {
        let order = self.total();
        let i = rank.index();
        self.offered[i] += 1;
        self.findings += usize::from(finding);
        if self.kept[i].len() < CAP {
            self.kept[i].push(Kept {
                order,
                finding,
                line: render(),
            });
        }
    }

    /// Adds the annotations of another report after these (the next document of a folder).
    pub(super) fn extend(&mut self, other: &Annotations) {
        let start = self.total();
        for i in 0..self.kept.len() {
            let room = CAP.saturating_sub(self.kept[i].len());
            self.kept[i].extend(other.kept[i].iter().take(room).map(|k| Kept {
                order: start + k.order,
                ..k.clone()
            }));
            self.offered[i] += other.offered[i];
        }
        self.findings += other.findings;
        self.step_summary |= other.step_summary;
    }

    /// The annotations GitHub will show, in order: up to [`CAP`] errors and warnings, and up to
    /// [`CAP`] notices, one fewer when a note about those left out must follow.
    fn shown(&self) -> Vec<&Kept> {
        let [error, warning, notice, info] = &self.kept;
        let notices = self.offered[Rank::Notice.index()] + self.offered[Rank::Info.index()];
        let fits =
            self.total() - CAP.min(self.offered[0]) - CAP.min(self.offered[1]) <= CAP.min(notices);
        let notice_cap = if fits { CAP } else { CAP - 1 };
        let mut shown: Vec<&Kept> = error.iter().chain(warning).collect();
        shown.extend(notice.iter().chain(info).take(notice_cap));
        shown.sort_by_key(|k| k.order);
        shown
    }

    /// Writes the annotations shown, then the note about those left out, if any.
    pub(super) fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let shown = self.shown();
        for kept in &shown {
            writeln!(out, "{}", kept.line)?;
        }
        let left_out = self.total() - shown.len();
        if left_out == 0 {
            return Ok(());
        }
        let findings = self.findings - shown.iter().filter(|k| k.finding).count();
        writeln!(
            out,
            "::notice title={}::{}",
            property("clausediff: more findings"),
            data(&self.left_out_note(findings, left_out - findings))
        )
    }

    /// `20 more findings not annotated …`.
    fn left_out_note(&self, findings: usize, documents: usize) -> String {
        let mut note = format!("{} not annotated", text::plural(findings, "more finding"));
        if documents > 0 {
            note.push_str(&format!(
                " (and {})",
                text::plural(documents, "document notice")
            ));
        }
        note.push_str(&format!(
            ": GitHub shows at most {CAP} annotations of each level per step."
        ));
        note.push_str(if self.step_summary {
            " The full report is in the step summary."
        } else {
            " Run clausediff with --format md for the full report."
        });
        note
    }
}

/// The workflow command of one finding. A removal points at the new draft's nearest surviving line
/// and names its old file and line in the message.
fn annotation(place: Place, finding: &Finding, message: &str) -> String {
    let (target, message) = match place.survivor {
        Some(survivor) => (
            survivor,
            format!(
                "removed from {} line {}: {message}",
                text::cite(place.at.draft),
                place.at.line
            ),
        ),
        None => (place.at, message.to_string()),
    };
    format!(
        "::{} file={},line={},title={}::{}",
        Rank::of(finding.severity).command(),
        property(text::file_of(target.draft)),
        target.line,
        property(&format!(
            "clausediff {} ({})",
            finding.kind.name(),
            finding.severity.name()
        )),
        data(&message)
    )
}

/// The annotations of one report.
pub(super) fn annotations(report: &Report, options: &RenderOptions) -> Annotations {
    let locator = Locator::new(report);
    let mut all = Annotations::new(options.step_summary);
    for (i, f) in report.findings.iter().enumerate() {
        all.push(Rank::of(f.severity), true, || {
            annotation(locator.place(f), f, &options.message(i, f))
        });
    }
    all
}

pub(super) fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    annotations(report, options).write(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }

    fn offer(all: &mut Annotations, rank: Rank, n: usize) {
        for k in 0..n {
            all.push(rank, true, || format!("{} {k}", rank.command()));
        }
    }

    fn lines(all: &Annotations) -> Vec<String> {
        let mut out = Vec::new();
        all.write(&mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn at_most_ten_of_a_level_then_a_note_with_the_count() {
        let mut all = Annotations::new(true);
        offer(&mut all, Rank::Error, 30);
        let lines = lines(&all);
        assert_eq!(lines.len(), 11);
        assert!(lines[..10].iter().all(|l| l.starts_with("error ")));
        assert_eq!(
            lines[10],
            "::notice title=clausediff%3A more findings::20 more findings not annotated: GitHub \
             shows at most 10 annotations of each level per step. The full report is in the step \
             summary."
        );
    }

    #[test]
    fn low_notices_are_kept_before_info_and_the_note_takes_a_notice_slot() {
        let mut all = Annotations::new(false);
        offer(&mut all, Rank::Info, 5);
        offer(&mut all, Rank::Notice, 8);
        let lines = lines(&all);
        // Nine notices and the note: eight low ones, then the first info one.
        assert_eq!(lines.len(), 10);
        assert_eq!(lines[0], "notice 0");
        assert_eq!(lines.iter().filter(|l| l.starts_with("notice ")).count(), 9);
        assert!(
            lines[9].contains("4 more findings not annotated"),
            "{}",
            lines[9]
        );
    }

    #[test]
    fn everything_fits_without_a_note() {
        let mut all = Annotations::new(false);
        offer(&mut all, Rank::Error, 10);
        offer(&mut all, Rank::Warning, 10);
        offer(&mut all, Rank::Info, 10);
        assert_eq!(lines(&all).len(), 30);
    }

    #[test]
    fn caps_hold_across_reports_in_order() {
        let (mut first, mut second) = (Annotations::new(false), Annotations::new(false));
        offer(&mut first, Rank::Error, 6);
        offer(&mut second, Rank::Error, 6);
        let mut all = Annotations::new(false);
        all.extend(&first);
        all.extend(&second);
        let lines = lines(&all);
        assert_eq!(lines.len(), 11);
        assert_eq!(lines[5], "error 5");
        assert_eq!(lines[9], "error 3", "the second report's first four");
        assert!(lines[10].contains("2 more findings"));
    }
}
