//! Reading a draft from raw bytes, in the format they are detected as and as an HTML page: any bytes
//! give a draft or an error (never a panic); a draft has unique clause ids, lines inside its
//! decoded source, and reads the same twice.
#![no_main]

use std::collections::HashSet;

use clausediff::document::decode_draft;
use clausediff::{Draft, InputFormat};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let detected = InputFormat::detect(None, data);
    for format in [detected, InputFormat::Html] {
        let Ok(draft) = Draft::read("fuzz", "fuzz", data, format) else {
            continue;
        };
        let again = Draft::read("fuzz", "fuzz", data, format).expect("read twice");
        assert_eq!(draft.clauses, again.clauses, "reading is not deterministic");
        let source = decode_draft("fuzz", data, None)
            .map(|d| d.text)
            .unwrap_or_default();
        let count = common::line_count(&source).max(1);
        let mut ids = HashSet::new();
        for clause in &draft.clauses {
            assert!(
                ids.insert(&clause.id),
                "clause id {:?} is not unique",
                clause.id.0
            );
            assert!(1 <= clause.lines.first && clause.lines.first <= clause.lines.last);
            if format != InputFormat::Html {
                assert!(
                    clause.lines.last <= count,
                    "clause {:?} beyond the source",
                    clause.id.0
                );
            }
        }
    }
});
