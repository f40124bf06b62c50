//! Page furniture in plain text extracted from a PDF (`pdftotext` output, the texts official gazettes
//! publish): pages separated by form feeds, each with the gazette's running header ("BOLETÍN OFICIAL
//! DE LAS CORTES GENERALES", "Serie A Núm. 4-1 19 de enero de 2024 Pág. 5") and a margin note set
//! beside one of its lines ("cve: BOCG-15-A-4-1"). None of it is the text: the PDF reader removes it
//! from a PDF, and this removes it from the text of one, so that a page break that falls elsewhere in
//! the next draft is no change and a paragraph broken by a page reads as one.

use std::collections::BTreeMap;

/// How many non-blank lines at the top, and at the bottom, of a page may be running heads or feet.
const EDGE_LINES: usize = 4;
/// The run of spaces that sets a margin note apart from the line it stands beside.
const MARGIN_GAP: &str = "   ";

/// The lines of a paged text (one with form feeds) without its running headers and footers, page
/// numbers and repeated margin notes; the blank lines a page break leaves inside a paragraph are
/// dropped too. Lines keep their numbers. A text without form feeds is returned as it is.
pub(super) fn without_furniture(lines: Vec<(u32, &str)>) -> Vec<(u32, &str)> {
    let pages = split(&lines);
    if pages.len() < 2 {
        return lines;
    }
    let needed = needed(pages.len());
    // Each page's edge lines and margin notes with their shapes, made once: they are counted, then
    // looked up.
    let keys: Vec<(Keyed, Keyed)> = pages
        .iter()
        .map(|page| {
            let filled: Vec<usize> = (0..page.len())
                .filter(|&i| !page[i].1.trim().is_empty())
                .collect();
            let edge_keys = edges(filled.len(), EDGE_LINES)
                .map(|k| (filled[k], shape(page[filled[k]].1)))
                .collect();
            let margin_keys = (0..page.len())
                .filter_map(|i| margin_note(page[i].1).map(|note| (i, shape(note))))
                .collect();
            (edge_keys, margin_keys)
        })
        .collect();
    let edge_counts = pages_holding(keys.iter().map(|(edges, _)| edges));
    let margin_counts = pages_holding(keys.iter().map(|(_, margins)| margins));
    let repeated =
        |counts: &BTreeMap<&str, usize>, key: &str| counts.get(key).is_some_and(|&n| n >= needed);
    let mut out: Vec<(u32, &str)> = Vec::with_capacity(lines.len());
    for (page, (edge_keys, margin_keys)) in pages.iter().zip(&keys) {
        let furniture: Vec<usize> = edge_keys
            .iter()
            .filter(|(i, key)| repeated(&edge_counts, key) || is_page_number(page[*i].1.trim()))
            .map(|&(i, _)| i)
            .collect();
        // Where this page's text starts: after the blank lines and furniture at its top. A page
        // that continues the previous one's paragraph joins it.
        let mut top = true;
        for (i, &(number, text)) in page.iter().enumerate() {
            if furniture.contains(&i) {
                continue;
            }
            // A margin note on a line of its own.
            if !margin_counts.is_empty() && repeated(&margin_counts, &shape(text)) {
                continue;
            }
            let note = margin_keys
                .iter()
                .find(|(at, key)| *at == i && repeated(&margin_counts, key));
            let text = match (note, margin_note(text)) {
                (Some(_), Some(note)) => text[..text.len() - note.len()].trim_end(),
                _ => text,
            };
            if top && text.trim().is_empty() {
                continue;
            }
            if top {
                top = false;
                while out.last().is_some_and(|l| l.1.trim().is_empty()) {
                    out.pop();
                }
                if !continues(&out, text) {
                    out.push((number, ""));
                }
            }
            out.push((number, text));
        }
    }
    // Blank lines the furniture left at the bottom of a page, before the next page's text.
    let mut cleaned: Vec<(u32, &str)> = Vec::with_capacity(out.len());
    for line in out {
        let blank = line.1.trim().is_empty();
        if blank
            && cleaned
                .last()
                .is_some_and(|l: &(u32, &str)| l.1.trim().is_empty())
        {
            continue;
        }
        cleaned.push(line);
    }
    cleaned
}

/// Lines of a page, by index, with the key they are counted by.
pub(in crate::document) type Keyed = Vec<(usize, String)>;

/// How many pages a line must stand on to be running furniture: half of them, two at least.
pub(in crate::document) fn needed(pages: usize) -> usize {
    pages.div_ceil(2).max(2)
}

/// How many pages hold each key, a key counted once a page. Ordered, so nothing depends on hashing.
pub(in crate::document) fn pages_holding<'a>(
    pages: impl Iterator<Item = &'a Keyed>,
) -> BTreeMap<&'a str, usize> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for page in pages {
        let mut seen: Vec<&str> = page.iter().map(|(_, k)| k.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        for key in seen {
            *counts.entry(key).or_insert(0) += 1;
        }
    }
    counts
}

/// The indexes of a page's first and last `edge` of its `n` lines, each once: where running heads
/// and feet stand.
pub(in crate::document) fn edges(n: usize, edge: usize) -> impl Iterator<Item = usize> {
    let top = n.min(edge);
    let bottom = n.saturating_sub(edge).max(top);
    (0..top).chain(bottom..n)
}

/// The source's lines grouped by page: a form feed starts a page, and is taken off its line.
fn split<'a>(lines: &[(u32, &'a str)]) -> Vec<Vec<(u32, &'a str)>> {
    let mut pages: Vec<Vec<(u32, &'a str)>> = vec![Vec::new()];
    for &(number, text) in lines {
        let mut parts = text.split('\u{c}');
        let first = parts.next().unwrap_or("");
        if let Some(page) = pages.last_mut() {
            page.push((number, first));
        }
        for part in parts {
            // Text after a form feed is the first line of a new page.
            pages.push(vec![(number, part)]);
        }
    }
    pages.retain(|page| page.iter().any(|(_, text)| !text.trim().is_empty()));
    pages
}

/// A line's shape for telling repeats: spacing collapsed, digits as `#`, lower case. The running
/// lines of PDF pages are told apart the same way.
pub(in crate::document) fn shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| {
                if b.is_ascii_digit() {
                    '#'
                } else {
                    char::from(b.to_ascii_lowercase())
                }
            }));
        } else {
            // The string's lower case, not each character's: a Greek word ends in final sigma.
            let marked: String = word
                .chars()
                .map(|c| if c.is_ascii_digit() { '#' } else { c })
                .collect();
            out.push_str(&marked.to_lowercase());
        }
    }
    out
}

/// The note set in a line's margin: its last words, after a wide run of spaces, when the line has
/// text before them.
fn margin_note(text: &str) -> Option<&str> {
    let trimmed = text.trim_end();
    let at = trimmed.rfind(MARGIN_GAP)?;
    let (before, note) = (trimmed[..at].trim(), trimmed[at..].trim_start());
    (!before.is_empty() && !note.is_empty()).then(|| &trimmed[trimmed.len() - note.len()..])
}

/// Whether a page's first line continues the paragraph the text before it left open: the last line
/// does not end a sentence, or this one starts in lower case.
fn continues(before: &[(u32, &str)], first: &str) -> bool {
    let Some(&(_, last)) = before.last() else {
        return false;
    };
    let last = last.trim_end();
    if last.is_empty() {
        return false;
    }
    let lower = first
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    let ended = last.ends_with(['.', ':', ';', '!', '?', '»', '”']);
    lower || !ended
}

/// Whether a line is a page number as printed: `7`, `- 7 -`, `Page 7`, `Page 7 of 9`, `Pág. 7`,
/// `p. 7`, `7/12`, `vii`.
pub(in crate::document) fn is_page_number(line: &str) -> bool {
    let text = line.trim().trim_matches(['-', '–', '—', ' ']).trim();
    let lower = text.to_lowercase();
    let rest = [
        "page", "pág.", "pág", "página", "pagina", "seite", "p.", "s.",
    ]
    .iter()
    .find_map(|word| lower.strip_prefix(word))
    .map_or(lower.as_str(), str::trim_start);
    let number_then = |s: &str| -> Option<usize> {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        (1..=5).contains(&digits).then_some(digits)
    };
    if let Some(digits) = number_then(rest) {
        let tail = rest[digits..].trim();
        if tail.is_empty() {
            return true;
        }
        let of = ["of", "de", "von", "/", "sur", "di"]
            .iter()
            .find_map(|w| tail.strip_prefix(w))
            .map(str::trim);
        return of.is_some_and(|t| number_then(t) == Some(t.len()));
    }
    let roman = !rest.is_empty() && rest.len() <= 6 && rest.chars().all(|c| "ivxlc".contains(c));
    roman && rest == lower
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(header: &str, number: u32, body: &[&str]) -> Vec<String> {
        let mut lines = vec![
            format!("\u{c}                   {header}"),
            String::new(),
            format!("Serie A  Núm. 4-1  19 de enero de 2024        Pág. {number}"),
            String::new(),
        ];
        lines.extend(body.iter().map(|s| s.to_string()));
        lines
    }

    fn read(lines: &[String]) -> Vec<(u32, String)> {
        let numbered: Vec<(u32, &str)> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i as u32 + 1, l.as_str()))
            .collect();
        without_furniture(numbered)
            .into_iter()
            .map(|(n, t)| (n, t.to_string()))
            .collect()
    }

    #[test]
    fn page_numbers_are_recognised() {
        for yes in [
            "7",
            "- 7 -",
            "Page 7",
            "Page 7 of 12",
            "Pág. 7",
            "7/12",
            "vii",
            "— 12 —",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "7. The Parties",
            "Page seven",
            "2019 was a year",
            "Article 7",
            "Vivid",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn running_heads_and_margin_notes_go_and_a_broken_paragraph_joins() {
        let header = "BOLETÍN OFICIAL DE LAS CORTES GENERALES";
        let mut lines = page(
            header,
            1,
            &[
                "     Artículo primero. Las partes cooperarán en la              cve: BOCG-15-A-4-1",
                "prevención de las pérdidas y",
            ],
        );
        lines.extend(page(
            header,
            2,
            &[
                "el desperdicio alimentario.                                   cve: BOCG-15-A-4-1",
                "",
                "     Segundo párrafo.",
            ],
        ));
        lines.extend(page(
            header,
            3,
            &[
                "     Tercer párrafo, en página nueva.       cve: BOCG-15-A-4-1",
                "                                          cve: BOCG-15-A-4-1",
            ],
        ));
        let got = read(&lines);
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "",
                "     Artículo primero. Las partes cooperarán en la",
                "prevención de las pérdidas y",
                "el desperdicio alimentario.",
                "",
                "     Segundo párrafo.",
                "",
                "     Tercer párrafo, en página nueva.",
            ]
        );
        // Lines keep their numbers.
        assert_eq!(got[3].0, 11);
    }

    #[test]
    fn a_text_without_pages_is_left_as_it_is() {
        let lines = vec![(1, "BOLETÍN"), (2, ""), (3, "texto        nota")];
        assert_eq!(without_furniture(lines.clone()), lines);
    }

    #[test]
    fn a_line_repeated_on_too_few_pages_stays() {
        let mut lines = page("CABECERA", 1, &["Texto uno."]);
        lines.extend(page("OTRA", 2, &["Texto dos."]));
        lines.extend(page("DISTINTA", 3, &["Texto tres."]));
        lines.extend(page("NUEVA", 4, &["Texto cuatro."]));
        lines.extend(page("ÚLTIMA", 5, &["Texto cinco."]));
        let got = read(&lines);
        // The "Serie A … Pág. N" line repeats on every page; each page's own heading does not.
        assert!(got.iter().any(|(_, t)| t.trim() == "CABECERA"));
        assert!(!got.iter().any(|(_, t)| t.contains("Serie A")));
    }
}
