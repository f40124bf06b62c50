//! The Word reader: any bytes are a Word document or a one-line error, never a panic; a document
//! read both ways (tracked changes accepted, rejected) has unique clause ids in each, and a plain
//! read equals the accepted one.
#![no_main]

use std::collections::HashSet;

use clausediff::{Draft, InputFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let read = Draft::read("fuzz", "fuzz.docx", data, InputFormat::Docx);
    let tracked = Draft::read_tracked("old", "new", "fuzz.docx", data);
    match (read, tracked) {
        (Ok(draft), Ok((old, new))) => {
            assert_eq!(draft.clauses, new.clauses, "a plain read is the accepted one");
            for d in [&old, &new] {
                let ids: HashSet<&str> = d.clauses.iter().map(|c| c.id.0.as_str()).collect();
                assert_eq!(ids.len(), d.clauses.len(), "clause ids are unique");
                for (i, c) in d.clauses.iter().enumerate() {
                    let _ = d.revision_at(i, 0..c.text.len());
                }
            }
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.to_string(), b.to_string());
            assert!(!a.to_string().contains('\n'), "errors are one line");
        }
        (a, b) => panic!("the two reads disagree: {:?} / {:?}", a.err(), b.err()),
    }
});
