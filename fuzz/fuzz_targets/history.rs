//! Following clauses through 2–4 versions and rendering the history in every format.
//!
//! Input: one flags byte, then the versions separated by 0xFF bytes (missing versions are empty).
//! Flags: bits 0–1 the number of versions beyond two (3 counts as 0), bits 2–5 whether version k is
//! Markdown, bit 6 coloured.
//!
//! Checks: `history::build` and every renderer finish without panicking; one step per pair of
//! versions; every lineage has an id and a clause index for each version, and an id exactly where it
//! has a clause, and its events and changes point at real versions; the JSON history is JSON; rendering
//! twice gives the same bytes. Then, as `history --summary` does, the first and last versions are
//! compared and each finding blamed on a version, which must exist.
#![no_main]

use std::sync::LazyLock;

use clausediff::history::{self, Version};
use clausediff::report::{self, Blame, Context, Format, RenderOptions};
use clausediff::{Draft, Options, compare};
use libfuzzer_sys::fuzz_target;

mod common;

static OPTIONS: LazyLock<Options> = LazyLock::new(Options::default);

const FORMATS: [Format; 5] = [
    Format::Term,
    Format::Json,
    Format::Jsonl,
    Format::Md,
    Format::Html,
];

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let count = 2 + usize::from(flags & 3) % 3;
    let parts = common::split(rest, count);
    let mut versions = Vec::new();
    let mut drafts = Vec::new();
    for k in 0..count {
        let text = common::text(parts.get(k).copied().unwrap_or_default());
        let label = format!("v{}", k + 1);
        let format = common::format(flags & (4 << k) != 0);
        drafts.push(Draft::parse(&label, &label, &text, format));
        versions.push(Version {
            label: label.clone(),
            source: label,
            commit: None,
        });
    }

    let history = history::build(versions, drafts, &OPTIONS);

    assert_eq!(history.steps.len(), count - 1);
    for (n, lineage) in history.lineages.iter().enumerate() {
        assert_eq!(lineage.ids.len(), count, "lineage {n}: ids");
        assert_eq!(lineage.clauses.len(), count, "lineage {n}: clauses");
        for v in 0..count {
            assert_eq!(
                lineage.ids[v].is_some(),
                lineage.clauses[v].is_some(),
                "lineage {n}, version {v}: id and clause disagree"
            );
        }
        assert!(lineage.introduced < count, "lineage {n}: introduced");
        assert!(
            lineage.removed.is_none_or(|v| v < count),
            "lineage {n}: removed"
        );
        assert!(
            lineage.events.iter().all(|e| e.version < count),
            "lineage {n}: events"
        );
        for change in &lineage.changes {
            assert!(change.step < history.steps.len(), "lineage {n}: step");
            let step = &history.steps[change.step];
            assert!(change.entry < step.changes.len(), "lineage {n}: entry");
            assert!(
                change.findings.iter().all(|&f| f < step.findings.len()),
                "lineage {n}: findings"
            );
        }
    }

    let color = flags & 0x40 != 0;
    let plain = RenderOptions {
        color,
        ..RenderOptions::default()
    };
    for format in FORMATS {
        let mut first = Vec::new();
        report::render(&history, format, &plain, &mut first).expect("render to a Vec");
        let mut second = Vec::new();
        report::render(&history, format, &plain, &mut second).expect("render to a Vec");
        assert!(
            first == second,
            "{format:?}: two renders of one history differ"
        );
        if format == Format::Json
            && let Err(e) = serde_json::from_slice::<serde_json::Value>(&first)
        {
            panic!("JSON history is not JSON: {e}");
        }
    }

    // `history --summary`: first against last, each finding blamed on the version that made it.
    let (Some(first), Some(last)) = (history.steps.first(), history.steps.last()) else {
        return;
    };
    let report = compare(first.old.clone(), last.new.clone(), &OPTIONS);
    let blame: Vec<Option<Blame>> = report
        .findings
        .iter()
        .map(|f| {
            history.blame(f).map(|v| Blame {
                version: v,
                label: history.versions[v].blame(),
            })
        })
        .collect();
    let options = RenderOptions {
        color,
        width: None,
        context: Context::None,
        blame: Some(&blame),
        step_summary: false,
    };
    for format in [Format::Term, Format::Json, Format::Md, Format::Html] {
        let mut out = Vec::new();
        report::render(&report, format, &options, &mut out).expect("render to a Vec");
    }
});
