//! Line numbering of a draft's source: `\n`, `\r\n` and a lone `\r` each end a line.

/// Byte offsets at which each line of a source starts, for mapping offsets to 1-based line numbers.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        let bytes = src.as_bytes();
        let mut at = 0;
        while let Some(found) = memchr::memchr2(b'\n', b'\r', &bytes[at..]) {
            let end = at + found;
            let next = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                end + 2
            } else {
                end + 1
            };
            starts.push(next);
            at = next;
        }
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub(crate) fn line_of(&self, offset: usize) -> u32 {
        let line = self.starts.partition_point(|&start| start <= offset);
        u32::try_from(line.max(1)).unwrap_or(u32::MAX)
    }
}

/// Iterates `(line number, line text without its terminator)` over a source.
pub(crate) fn lines(src: &str) -> impl Iterator<Item = (u32, &str)> {
    let mut rest = src;
    let mut number = 0u32;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        number = number.saturating_add(1);
        let bytes = rest.as_bytes();
        let (line, next) = match memchr::memchr2(b'\n', b'\r', bytes) {
            Some(end) if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') => {
                (&rest[..end], end + 2)
            }
            Some(end) => (&rest[..end], end + 1),
            None => (rest, rest.len()),
        };
        rest = &rest[next..];
        Some((number, line))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_cr_and_lf_each_end_one_line() {
        let src = "a\r\nb\rc\nd";
        let got: Vec<_> = lines(src).collect();
        assert_eq!(got, vec![(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
        let index = LineIndex::new(src);
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(3), 2);
        assert_eq!(index.line_of(5), 3);
        assert_eq!(index.line_of(7), 4);
    }
}
