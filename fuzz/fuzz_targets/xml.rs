//! The XML readers (Akoma Ntoso, USLM): any bytes are a draft or a one-line error, never a panic;
//! a draft has unique clause ids and lines inside the source.
#![no_main]

use std::collections::HashSet;

use clausediff::{Draft, InputFormat};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the reader; the rest is the document, read as the command line reads it.
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let format = if flags & 1 == 0 {
        InputFormat::AkomaNtoso
    } else {
        InputFormat::Uslm
    };
    let read = Draft::read("fuzz", "fuzz.xml", bytes, format);
    let again = Draft::read("fuzz", "fuzz.xml", bytes, format);
    match (&read, &again) {
        (Ok(a), Ok(b)) => assert_eq!(a.clauses, b.clauses, "reading is not deterministic"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        _ => panic!("reading is not deterministic"),
    }
    let draft = match read {
        Ok(draft) => draft,
        Err(error) => {
            let message = error.to_string();
            assert!(!message.contains('\n'), "a one-line error: {message:?}");
            assert!(message.starts_with("fuzz.xml: "), "{message}");
            return;
        }
    };
    let text = String::from_utf8_lossy(bytes);
    let count = common::line_count(text.strip_prefix('\u{FEFF}').unwrap_or(&text)).max(1);
    let mut ids = HashSet::new();
    for clause in &draft.clauses {
        assert!(ids.insert(&clause.id), "clause id {:?} is not unique", clause.id.0);
        assert!(
            1 <= clause.lines.first && clause.lines.first <= clause.lines.last,
            "clause {:?}: lines {:?}",
            clause.id.0,
            clause.lines
        );
        assert!(clause.lines.last <= count, "clause {:?} beyond the source", clause.id.0);
    }
    // The comparison accepts what the reader gives.
    let _ = clausediff::compare(draft.clone(), draft, &clausediff::Options::default());
});
