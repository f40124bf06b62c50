//! Helpers shared by the clausediff fuzz targets (included with `mod common;`).

#![allow(dead_code)]

use std::borrow::Cow;
use std::collections::HashSet;

use clausediff::document::LineRange;
use clausediff::{Draft, InputFormat};

/// The input as text: invalid UTF-8 becomes U+FFFD, so every input reaches the parsers.
pub fn text(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Lines of `src` as clausediff numbers them (`document/lines.rs`): `\n`, `\r\n` and a lone `\r`
/// each end a line; a last line without a terminator still counts.
pub fn line_count(src: &str) -> u32 {
    let bytes = src.as_bytes();
    let mut count = 0u32;
    let mut at = 0;
    while at < bytes.len() {
        count += 1;
        match bytes[at..].iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(end) => {
                let end = at + end;
                at = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                    end + 2
                } else {
                    end + 1
                };
            }
            None => break,
        }
    }
    count
}

fn check_range(what: &str, lines: LineRange, count: u32) {
    assert!(
        1 <= lines.first && lines.first <= lines.last && lines.last <= count,
        "{what}: lines {}..={} outside 1..={count}",
        lines.first,
        lines.last
    );
}

/// Parses `src` and checks what `document` promises:
/// - parsing is deterministic;
/// - clause ids are unique within the draft (`Draft::clauses`);
/// - every clause's lines, and the front matter's, are 1-based, ordered and inside the source;
/// - `Clause::line_at` maps every byte of a clause's text to one of the clause's lines;
/// - only Markdown drafts carry metadata.
pub fn parse_and_check(src: &str, format: InputFormat) -> Draft {
    let draft = Draft::parse("fuzz", "fuzz.txt", src, format);
    let again = Draft::parse("fuzz", "fuzz.txt", src, format);
    assert_eq!(draft.clauses, again.clauses, "parsing is not deterministic");
    assert_eq!(
        draft.metadata, again.metadata,
        "parsing is not deterministic"
    );

    // `Draft::parse` ignores a leading byte-order mark; lines are counted without it.
    let body = src.strip_prefix('\u{FEFF}').unwrap_or(src);
    let count = line_count(body);

    let mut ids = HashSet::new();
    for clause in &draft.clauses {
        assert!(
            ids.insert(&clause.id),
            "clause id {:?} is not unique",
            clause.id.0
        );
        check_range(&format!("clause {:?}", clause.id.0), clause.lines, count);
        for offset in 0..=clause.text.len() {
            let line = clause.line_at(offset);
            assert!(
                clause.lines.first <= line && line <= clause.lines.last,
                "clause {:?}: line_at({offset}) = {line} outside its lines {}..={}",
                clause.id.0,
                clause.lines.first,
                clause.lines.last
            );
        }
    }
    if let Some(metadata) = &draft.metadata {
        assert_eq!(
            format,
            InputFormat::Markdown,
            "only Markdown has front matter"
        );
        check_range("front matter", metadata.lines, count);
    }
    draft
}

/// Splits `data` at each 0xFF byte (never part of UTF-8), into at most `max` parts.
pub fn split(data: &[u8], max: usize) -> Vec<&[u8]> {
    data.splitn(max, |&b| b == 0xFF).collect()
}

/// A draft's input format from one bit.
pub fn format(bit: bool) -> InputFormat {
    if bit {
        InputFormat::Markdown
    } else {
        InputFormat::Text
    }
}
