//! Negotiation brackets: any text reads into spans that lie inside it, nest properly, keep their
//! groups among siblings, and count no more brackets than the text has; never a panic.
#![no_main]

use clausediff::document::Brackets;
use clausediff::{Draft, InputFormat};
use libfuzzer_sys::fuzz_target;

mod common;

fn check(text: &str, b: &Brackets) {
    let opening = text.matches('[').count();
    let own = b.spans.iter().filter(|s| !s.continued).count();
    assert!(own <= opening, "{own} spans from {opening} brackets");
    for (k, s) in b.spans.iter().enumerate() {
        assert!(s.outer.start <= s.inner.start && s.inner.end <= s.outer.end);
        assert!(s.outer.end <= text.len() && text.is_char_boundary(s.inner.start));
        assert!(text.is_char_boundary(s.inner.end) && text.is_char_boundary(s.outer.end));
        assert_eq!(s.parent.is_none(), s.depth == 1);
        if let Some(p) = s.parent {
            assert!(p < k);
            let parent = &b.spans[p];
            assert!(parent.inner.start <= s.outer.start && s.outer.end <= parent.inner.end);
            assert_eq!(parent.depth + 1, s.depth);
        }
        if let Some(g) = s.group {
            assert!(g <= k && b.spans[g].parent == s.parent);
        }
    }
    for o in &b.options {
        assert!(
            o.bytes.start <= o.bytes.end && o.bytes.end <= o.body.end && o.body.end <= text.len()
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    check(&text, &Brackets::of_text(&text));
    for format in [InputFormat::Text, InputFormat::Markdown] {
        let draft = Draft::parse("fuzz", "fuzz", &text, format);
        for clause in &draft.clauses {
            check(&clause.text, &clause.brackets);
        }
        let counts = draft.bracket_counts();
        assert!(counts.brackets <= text.matches('[').count());
    }
});
