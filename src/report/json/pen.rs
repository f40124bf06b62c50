//! The clause entries of a JSON report written by hand: they are most of its bytes (every clause, with
//! its text), and serde's serialiser escapes strings a byte at a time. The bytes are exactly those
//! serde_json writes for the same wire struct, in both layouts (tested against it below).

use super::{JsonClause, Layout};

/// A JSON writer over a byte buffer that lays out containers as serde_json's pretty formatter does
/// (two-space indentation) or on one line.
pub(super) struct Pen<'o> {
    out: &'o mut Vec<u8>,
    line: bool,
    depth: usize,
    /// Whether each open container has a value yet, a bit a container (innermost lowest); a clause
    /// entry nests four deep.
    filled: u64,
}

impl<'o> Pen<'o> {
    /// A pen writing a value that stands `depth` levels deep in the report.
    pub(super) fn new(out: &'o mut Vec<u8>, layout: Layout, depth: usize) -> Pen<'o> {
        Pen {
            out,
            line: layout == Layout::Line,
            depth,
            filled: 0,
        }
    }

    fn open(&mut self, mark: u8) {
        self.depth += 1;
        self.filled <<= 1;
        self.out.push(mark);
    }

    fn close(&mut self, mark: u8) {
        self.depth -= 1;
        let filled = self.filled & 1 == 1;
        self.filled >>= 1;
        if filled && !self.line {
            self.out.push(b'\n');
            self.indent();
        }
        self.out.push(mark);
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.extend_from_slice(b"  ");
        }
    }

    /// Starts the next member of the innermost container.
    fn next(&mut self) {
        let first = self.filled & 1 == 0;
        self.filled |= 1;
        match (self.line, first) {
            (true, true) => {}
            (true, false) => self.out.push(b','),
            (false, true) => self.out.push(b'\n'),
            (false, false) => self.out.extend_from_slice(b",\n"),
        }
        if !self.line {
            self.indent();
        }
    }

    fn key(&mut self, key: &str) {
        self.next();
        self.string(key);
        self.out
            .extend_from_slice(if self.line { b":" } else { b": " });
    }

    fn item(&mut self) {
        self.next();
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    fn bool(&mut self, value: bool) {
        self.raw(if value { b"true" } else { b"false" });
    }

    fn integer(&mut self, value: u32) {
        use std::io::Write;
        write!(self.out, "{value}").expect("writing to memory");
    }

    fn float(&mut self, value: f64) {
        // serde_json's own number formatting, so the digits are its digits.
        serde_json::to_writer(&mut *self.out, &value).expect("writing to memory");
    }

    /// `text` as a JSON string, escaped as serde_json escapes it (and, on one line, with U+2028 and
    /// U+2029 escaped too).
    pub(super) fn string(&mut self, text: &str) {
        escape(self.out, text, self.line);
    }
}

/// Writes `text` quoted and escaped. Eight bytes are checked at a time for anything to escape (a
/// quote, a backslash, a control character, and on one line the lead byte of U+2028 and U+2029),
/// so prose, which has almost none, is copied in runs.
fn escape(out: &mut Vec<u8>, text: &str, line: bool) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if !needs_escape(word, line) {
                i += 8;
                continue;
            }
        }
        let end = (i + 8).min(bytes.len());
        while i < end {
            let b = bytes[i];
            let escaped: Option<(&[u8], usize)> = match b {
                b'"' => Some((b"\\\"", 1)),
                b'\\' => Some((b"\\\\", 1)),
                b'\n' => Some((b"\\n", 1)),
                b'\r' => Some((b"\\r", 1)),
                b'\t' => Some((b"\\t", 1)),
                0x08 => Some((b"\\b", 1)),
                0x0c => Some((b"\\f", 1)),
                0x00..=0x1f => Some((b"", 1)),
                0xe2 if line && bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                    Some(0xa8) => Some((b"\\u2028", 3)),
                    Some(0xa9) => Some((b"\\u2029", 3)),
                    _ => None,
                },
                _ => None,
            };
            match escaped {
                Some((with, len)) => {
                    out.extend_from_slice(&bytes[copied..i]);
                    if with.is_empty() {
                        const HEX: &[u8; 16] = b"0123456789abcdef";
                        out.extend_from_slice(b"\\u00");
                        out.push(HEX[usize::from(b >> 4)]);
                        out.push(HEX[usize::from(b & 0xf)]);
                    } else {
                        out.extend_from_slice(with);
                    }
                    i += len;
                    copied = i;
                }
                None => i += 1,
            }
        }
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// Whether any of the eight bytes of `word` is one JSON escapes (exact: no false negatives, and
/// false positives only cost the byte-wise path).
fn needs_escape(word: u64, line: bool) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0;
    control
        || zero(word ^ (ONES * u64::from(b'"')))
        || zero(word ^ (ONES * u64::from(b'\\')))
        || (line && zero(word ^ (ONES * 0xe2)))
}

/// A clause entry, as serde_json would write `JsonClause` at depth 2 (an item of `clauses`).
pub(super) fn clause(out: &mut Vec<u8>, c: &JsonClause, layout: Layout) {
    let mut pen = Pen::new(out, layout, 2);
    pen.open(b'{');
    pen.key("status");
    pen.string(c.status);
    pen.key("renumbered");
    pen.bool(c.renumbered);
    pen.key("modified");
    pen.bool(c.modified);
    for (key, ids) in [("old", &c.old), ("new", &c.new)] {
        pen.key(key);
        pen.open(b'[');
        for id in ids {
            pen.item();
            pen.string(id);
        }
        pen.close(b']');
    }
    pen.key("similarity");
    pen.float(c.similarity);
    for (key, lines) in [("old_lines", c.old_lines), ("new_lines", c.new_lines)] {
        pen.key(key);
        match lines {
            None => pen.raw(b"null"),
            Some([first, last]) => {
                pen.open(b'[');
                pen.item();
                pen.integer(first);
                pen.item();
                pen.integer(last);
                pen.close(b']');
            }
        }
    }
    pen.key("edits");
    pen.open(b'[');
    for edit in &c.edits {
        pen.item();
        pen.open(b'{');
        pen.key("op");
        pen.string(edit.op.name());
        pen.key("old");
        pen.string(edit.old);
        pen.key("new");
        pen.string(edit.new);
        pen.close(b'}');
    }
    pen.close(b']');
    pen.close(b'}');
}

#[cfg(test)]
mod tests {
    use super::super::{JsonEdit, write_value};
    use super::*;
    use crate::diff::Op;

    fn by_serde(c: &JsonClause, layout: Layout) -> String {
        let mut bytes = Vec::new();
        write_value(&mut bytes, c, 2, layout).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    fn by_pen(c: &JsonClause, layout: Layout) -> String {
        let mut bytes = Vec::new();
        clause(&mut bytes, c, layout);
        String::from_utf8(bytes).unwrap()
    }

    const AWKWARD: [&str; 9] = [
        "",
        "The Parties shall cooperate closely within the United Nations.",
        "a \"quoted\" word and a back\\slash",
        "line\nbreak\r\n\ttab \u{8}\u{c} and \u{1} \u{1f} \u{7f}",
        "a\u{2028}b\u{2029}c \u{2027} \u{2030} \u{e2}",
        "Курильские острова, 北方領土, الأمم المتحدة, emoji 🏳️",
        "exactly8",
        "sixteen bytes ok",
        "\"",
    ];

    #[test]
    fn clause_entries_are_the_bytes_serde_writes_in_both_layouts() {
        for (k, text) in AWKWARD.iter().enumerate() {
            for other in AWKWARD {
                let c = JsonClause {
                    status: if k % 2 == 0 { "modified" } else { "unchanged" },
                    renumbered: k % 3 == 0,
                    modified: k % 2 == 0,
                    old: if k == 0 { vec![] } else { vec!["¶1", text] },
                    new: vec!["Article 2.1(b)"],
                    similarity: [1.0, 0.0, 0.857, 0.5][k % 4],
                    old_lines: (k != 1).then_some([1, 40 + k as u32]),
                    new_lines: None,
                    edits: if k == 4 {
                        vec![]
                    } else {
                        vec![
                            JsonEdit {
                                op: Op::Equal,
                                old: text,
                                new: text,
                            },
                            JsonEdit {
                                op: Op::Replace,
                                old: text,
                                new: other,
                            },
                        ]
                    },
                };
                for layout in [Layout::Pretty, Layout::Line] {
                    assert_eq!(
                        by_pen(&c, layout),
                        by_serde(&c, layout),
                        "{text:?} / {other:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_byte_and_line_separator_is_escaped_as_serde_escapes_it() {
        let all: String = (0u32..0x300)
            .chain([0x2028, 0x2029, 0x202a, 0x1f600])
            .filter_map(char::from_u32)
            .collect();
        for start in 0..8 {
            let text = &all[start..];
            for line in [false, true] {
                let mut ours = Vec::new();
                escape(&mut ours, text, line);
                let mut theirs = Vec::new();
                let layout = if line { Layout::Line } else { Layout::Pretty };
                write_value(&mut theirs, text, 0, layout).unwrap();
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    String::from_utf8(theirs).unwrap()
                );
            }
        }
    }
}
