//! Comparing two drafts and rendering the report in every format.
//!
//! Input: one flags byte, then the old draft, a 0xFF byte, and the new draft (without a 0xFF the new
//! draft is empty). Flags: bit 0 old is Markdown, bit 1 new is Markdown, bit 2 coloured,
//! bits 3–4 context (none, around n, all, none), bits 5–6 n, bit 7 the new draft is read from `-`.
//!
//! Checks: `compare` and every renderer finish without panicking; rendering the same report twice
//! gives the same bytes; the JSON and SARIF reports are JSON.
#![no_main]

use std::sync::LazyLock;

use clausediff::report::{self, Context, Format, RenderOptions};
use clausediff::{Draft, Options, compare};
use libfuzzer_sys::fuzz_target;

mod common;

/// Building the classifier parses its data: once per process.
static OPTIONS: LazyLock<Options> = LazyLock::new(Options::default);

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let parts = common::split(rest, 2);
    let old_text = common::text(parts[0]);
    let new_text = common::text(parts.get(1).copied().unwrap_or_default());
    let old = Draft::parse("old", "old.txt", &old_text, common::format(flags & 1 != 0));
    let new_source = if flags & 0x80 != 0 { "-" } else { "new.txt" };
    let new = Draft::parse("new", new_source, &new_text, common::format(flags & 2 != 0));

    let report = compare(old, new, &OPTIONS);

    let context = match (flags >> 3) & 3 {
        1 => Context::Around(usize::from((flags >> 5) & 3)),
        2 => Context::All,
        _ => Context::None,
    };
    let options = RenderOptions {
        color: flags & 4 != 0,
        width: None,
        context,
        blame: None,
        step_summary: false,
    };
    for format in Format::ALL {
        let mut first = Vec::new();
        report::render(&report, format, &options, &mut first).expect("render to a Vec");
        let mut second = Vec::new();
        report::render(&report, format, &options, &mut second).expect("render to a Vec");
        assert!(
            first == second,
            "{format:?}: two renders of one report differ"
        );
        if matches!(format, Format::Json | Format::Jsonl | Format::Sarif)
            && let Err(e) = serde_json::from_slice::<serde_json::Value>(&first)
        {
            panic!("{format:?} output is not JSON: {e}");
        }
    }
});
