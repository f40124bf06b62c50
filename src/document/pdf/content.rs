//! A content stream's operators and their operands, read in one pass over the bytes.
//!
//! lopdf's content parser builds every operand of every operator as an `Object`, through parser
//! combinators; on a text-heavy PDF that cost several times the rest of reading it. The text layer
//! needs only numbers, names, strings and arrays of them, so this lexer reads those, skips what
//! else a stream holds (dictionaries of marked content, inline images, comments) and borrows
//! strings that need no unescaping.

use std::borrow::Cow;

/// An operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Operand<'a> {
    Number(f32),
    Name(&'a [u8]),
    String(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    /// A dictionary, a boolean, `null`, or anything the text layer does not read.
    Other,
}

impl Operand<'_> {
    pub(super) fn number(&self) -> f32 {
        match self {
            Operand::Number(n) => *n,
            _ => 0.0,
        }
    }
}

/// How deep arrays may nest inside an operand before the rest is skipped.
const MAX_NESTING: usize = 16;

/// Reads operators one by one: each call to [`Lexer::next_operator`] fills `operands` and returns
/// the operator, or `None` at the end of the stream.
pub(super) struct Lexer<'a> {
    bytes: &'a [u8],
    at: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'a> Lexer<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Lexer<'a> {
        Lexer { bytes, at: 0 }
    }

    /// The next operator, its operands in `operands` (cleared first).
    pub(super) fn next_operator(&mut self, operands: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            self.skip_white();
            let &b = self.bytes.get(self.at)?;
            match b {
                b'/' | b'(' | b'[' | b'<' | b'+' | b'-' | b'.' | b'0'..=b'9' => {
                    let operand = self.operand(0);
                    // A stream of operands without operators must not grow without bound.
                    if operands.len() < 4096 {
                        operands.push(operand);
                    }
                }
                b']' | b')' | b'>' | b'{' | b'}' => self.at += 1,
                _ => {
                    let word = self.word();
                    match word {
                        b"true" | b"false" | b"null" => operands.push(Operand::Other),
                        b"BI" => {
                            self.skip_inline_image();
                            operands.clear();
                        }
                        b"" => self.at += 1,
                        _ => return Some(word),
                    }
                }
            }
        }
    }

    fn skip_white(&mut self) {
        while let Some(&b) = self.bytes.get(self.at) {
            if is_white(b) {
                self.at += 1;
            } else if b == b'%' {
                let rest = &self.bytes[self.at..];
                self.at += memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
            } else {
                break;
            }
        }
    }

    /// A run of regular characters: an operator or a keyword.
    fn word(&mut self) -> &'a [u8] {
        let start = self.at;
        while let Some(&b) = self.bytes.get(self.at) {
            if is_white(b) || is_delimiter(b) {
                break;
            }
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    fn operand(&mut self, depth: usize) -> Operand<'a> {
        let Some(&b) = self.bytes.get(self.at) else {
            return Operand::Other;
        };
        match b {
            b'/' => {
                self.at += 1;
                Operand::Name(self.word())
            }
            b'(' => Operand::String(self.literal()),
            b'<' if self.bytes.get(self.at + 1) == Some(&b'<') => {
                self.skip_dictionary();
                Operand::Other
            }
            b'<' => Operand::String(Cow::Owned(self.hex())),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.bytes.get(self.at) {
                        None => break,
                        Some(b']') => {
                            self.at += 1;
                            break;
                        }
                        Some(_) if depth >= MAX_NESTING => {
                            self.at += 1;
                        }
                        Some(b'/' | b'(' | b'[' | b'<' | b'+' | b'-' | b'.' | b'0'..=b'9') => {
                            items.push(self.operand(depth + 1));
                        }
                        Some(_) => {
                            if self.word().is_empty() {
                                self.at += 1;
                            }
                            items.push(Operand::Other);
                        }
                    }
                }
                Operand::Array(items)
            }
            _ => {
                let word = self.word();
                match number(word) {
                    Some(n) => Operand::Number(n),
                    None => {
                        if word.is_empty() {
                            self.at += 1;
                        }
                        Operand::Other
                    }
                }
            }
        }
    }

    /// A literal string `( … )`: balanced parentheses, backslash escapes (`\n`, `\(`, `\053`, a
    /// line continuation). Borrowed when it has no escapes.
    fn literal(&mut self) -> Cow<'a, [u8]> {
        self.at += 1;
        let start = self.at;
        let mut depth = 0usize;
        let mut escaped = false;
        while let Some(rest) = self.bytes.get(self.at..) {
            // Only backslashes and parentheses matter: what lies between them is skipped at once.
            let Some(found) = memchr::memchr3(b'\\', b'(', b')', rest) else {
                self.at = self.bytes.len();
                break;
            };
            self.at += found;
            match rest[found] {
                b'\\' => {
                    escaped = true;
                    self.at += 2;
                    continue;
                }
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                _ => depth -= 1,
            }
            self.at += 1;
        }
        let end = self.at.min(self.bytes.len());
        self.at = (self.at + 1).min(self.bytes.len());
        let raw = &self.bytes[start.min(end)..end];
        if !escaped {
            return Cow::Borrowed(raw);
        }
        Cow::Owned(unescape(raw))
    }

    /// A hex string `< … >`, white space ignored, an odd last digit followed by 0.
    fn hex(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            let digit = match b {
                b'>' => break,
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => continue,
            };
            match high.take() {
                Some(h) => out.push(h << 4 | digit),
                None => high = Some(digit),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// Skips a dictionary `<< … >>`, nested ones and the strings inside included.
    fn skip_dictionary(&mut self) {
        let mut depth = 0usize;
        while self.at < self.bytes.len() {
            let rest = &self.bytes[self.at..];
            if rest.starts_with(b"<<") {
                depth += 1;
                self.at += 2;
            } else if rest.starts_with(b">>") {
                self.at += 2;
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return;
                }
            } else if rest[0] == b'(' {
                self.literal();
            } else {
                self.at += 1;
            }
        }
    }

    /// Skips an inline image after `BI`: its dictionary up to `ID`, then its data up to `EI`.
    fn skip_inline_image(&mut self) {
        let rest = &self.bytes[self.at..];
        let Some(id) = find_word(rest, b"ID") else {
            self.at = self.bytes.len();
            return;
        };
        let data = self.at + id + 3;
        let after = self.bytes.get(data..).unwrap_or(&[]);
        self.at = match find_word(after, b"EI") {
            Some(ei) => data + ei + 2,
            None => self.bytes.len(),
        };
    }
}

/// A PDF number (`12`, `-3.5`, `.25`, `+7.`): digits with at most one point and a sign; no
/// exponent, as the format has none.
fn number(word: &[u8]) -> Option<f32> {
    let (negative, digits) = match word.first()? {
        b'-' => (true, &word[1..]),
        b'+' => (false, &word[1..]),
        _ => (false, word),
    };
    let (mut value, mut scale, mut point, mut any) = (0f64, 1f64, false, false);
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                any = true;
                if point {
                    scale /= 10.0;
                    value += f64::from(b - b'0') * scale;
                } else {
                    value = value * 10.0 + f64::from(b - b'0');
                }
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    let value = if negative { -value } else { value } as f32;
    (any && value.is_finite()).then_some(value)
}

/// Where `word` stands in `bytes` between white space (or the ends).
fn find_word(bytes: &[u8], word: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&bytes[from..], word) {
        let at = from + found;
        let before = at == 0 || is_white(bytes[at - 1]);
        let after = bytes.get(at + word.len()).is_none_or(|&b| is_white(b));
        if before && after {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn unescape(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        i += 1;
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let Some(&next) = raw.get(i) else { break };
        i += 1;
        match next {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'\r' => {
                if raw.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => {}
            b'0'..=b'7' => {
                let mut value = u32::from(next - b'0');
                for _ in 0..2 {
                    match raw.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((value & 0xFF) as u8);
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operators(stream: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lexer = Lexer::new(stream);
        let mut operands = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lexer.next_operator(&mut operands) {
            out.push((String::from_utf8_lossy(op).into_owned(), operands.clone()));
        }
        out
    }

    #[test]
    fn text_operators_and_their_operands_are_read() {
        let got = operators(
            b"BT /F1 12 Tf 72 720.5 Td (Hello \\(world\\)\\041) Tj [(A) -250 (B)] TJ <48 65 6C6C 6F> Tj ET",
        );
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BT", "Tf", "Td", "Tj", "TJ", "Tj", "ET"]);
        assert_eq!(got[1].1, [Operand::Name(b"F1"), Operand::Number(12.0)]);
        assert_eq!(got[2].1, [Operand::Number(72.0), Operand::Number(720.5)]);
        assert_eq!(
            got[3].1,
            [Operand::String(Cow::Owned(b"Hello (world)!".to_vec()))]
        );
        assert_eq!(
            got[4].1,
            [Operand::Array(vec![
                Operand::String(Cow::Borrowed(b"A")),
                Operand::Number(-250.0),
                Operand::String(Cow::Borrowed(b"B")),
            ])]
        );
        assert_eq!(got[5].1, [Operand::String(Cow::Owned(b"Hello".to_vec()))]);
    }

    #[test]
    fn dictionaries_inline_images_and_comments_are_skipped() {
        let got = operators(
            b"/P << /MCID 0 /Alt (a >> b) >> BDC % comment ) Tj\nBI /W 2 /H 1 ID \x00EI\xff EI Q EMC",
        );
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BDC", "Q", "EMC"]);
        assert_eq!(got[0].1, [Operand::Name(b"P"), Operand::Other]);
    }

    #[test]
    fn numbers_read_as_pdf_writes_them() {
        assert_eq!(number(b"12"), Some(12.0));
        assert_eq!(number(b"-3.5"), Some(-3.5));
        assert_eq!(number(b".25"), Some(0.25));
        assert_eq!(number(b"+7."), Some(7.0));
        assert_eq!(number(b"1.2.3"), None);
        assert_eq!(number(b"-"), None);
        assert_eq!(number(b"1e5"), None);
        assert_eq!(number("9".repeat(400).as_bytes()), None);
    }

    #[test]
    fn unbalanced_and_truncated_input_ends_quietly() {
        for stream in [
            &b"(never closed"[..],
            b"[[[[[[",
            b"<<<<",
            b"<4",
            b"BI /W 1",
            b"\\",
            b"])}>",
        ] {
            let _ = operators(stream);
        }
        let deep = "[".repeat(100_000);
        assert_eq!(operators(deep.as_bytes()).len(), 0);
    }
}
