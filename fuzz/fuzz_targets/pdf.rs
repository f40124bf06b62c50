//! The PDF reader: any bytes are a draft or a one-line error naming the file, never a panic; a
//! draft's clauses have unique ids and stand on pages the file has.
#![no_main]

use std::collections::HashSet;

use clausediff::{Draft, InputFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Inputs that do not start like a PDF mostly exercise lopdf's refusal; give every input the
    // signature so the fuzzer spends its time inside documents.
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend_from_slice(data);
    let draft = match Draft::read("fuzz", "fuzz.pdf", &bytes, InputFormat::Pdf) {
        Ok(draft) => draft,
        Err(error) => {
            let message = error.to_string();
            assert!(!message.contains('\n'), "a one-line error: {message:?}");
            assert!(message.starts_with("fuzz.pdf: "), "{message}");
            return;
        }
    };
    let mut ids = HashSet::new();
    for clause in &draft.clauses {
        assert!(ids.insert(&clause.id), "clause id {:?} is not unique", clause.id.0);
        assert!(1 <= clause.lines.first && clause.lines.first <= clause.lines.last);
        assert!(clause.lines.last as usize <= clausediff::document::MAX_PDF_PAGES);
    }
});
