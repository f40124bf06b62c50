//! From positioned pieces of text to the lines of a draft: lines rebuilt from their baselines, the
//! pages' running headers, footers and page numbers removed, paragraphs told apart by the space
//! between lines or a first-line indent, words hyphenated across a line break joined.
//!
//! Pure geometry and text: no PDF here, so each step is tested on lines written by hand.

use crate::document::pages::{edges, is_page_number, needed, pages_holding, shape};

/// A piece of text drawn at one place: a string shown by one text operator (or one string of a
/// `TJ` array), in page space (points, y upwards).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Run {
    pub(super) x: f32,
    /// Where the text ends, from the glyphs' widths.
    pub(super) end: f32,
    /// The baseline.
    pub(super) y: f32,
    /// The font size, in page space.
    pub(super) size: f32,
    pub(super) text: String,
}

/// A line of a page: runs on one baseline, left to right.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PageLine {
    pub(super) x: f32,
    pub(super) end: f32,
    pub(super) y: f32,
    pub(super) size: f32,
    pub(super) text: String,
}

/// The lines of one page, top to bottom.
pub(super) fn lines(mut runs: Vec<Run>) -> Vec<PageLine> {
    runs.retain(|r| !r.text.trim().is_empty() && r.x.is_finite() && r.y.is_finite());
    // Top to bottom, then left to right; runs within a third of the font size of a line's baseline
    // stand on it (superscript note markers, a rise).
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut grouped: Vec<Vec<Run>> = Vec::new();
    for run in runs {
        match grouped.last_mut() {
            Some(line) if (line[0].y - run.y).abs() <= line[0].size.max(run.size) * 0.35 => {
                line.push(run)
            }
            _ => grouped.push(vec![run]),
        }
    }
    grouped.into_iter().map(join_runs).collect()
}

/// One line from its runs: a space where the gap between two runs is wider than a fifth of the font
/// size, none where the text already has one or the runs touch.
fn join_runs(mut runs: Vec<Run>) -> PageLine {
    if let [run] = runs.as_mut_slice() {
        // One run: its text is the line's, taken rather than copied.
        return PageLine {
            x: run.x,
            end: f32::MIN.max(run.end),
            y: run.y,
            size: 0.0f32.max(run.size),
            text: collapse_owned(std::mem::take(&mut run.text)),
        };
    }
    runs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut text = String::new();
    let mut end = f32::MIN;
    for run in &runs {
        let gap = run.x - end;
        let spaced =
            text.ends_with(char::is_whitespace) || run.text.starts_with(char::is_whitespace);
        if !text.is_empty() && !spaced && gap > run.size * 0.2 {
            text.push(' ');
        }
        text.push_str(&run.text);
        end = end.max(run.end);
    }
    let size = runs.iter().map(|r| r.size).fold(0.0, f32::max);
    PageLine {
        x: runs[0].x,
        end,
        y: runs[0].y,
        size,
        text: collapse_owned(text),
    }
}

/// [`collapse`] of a line's own text, which is kept when there is nothing to collapse.
fn collapse_owned(text: String) -> String {
    if !text.is_ascii() {
        return collapse(&text);
    }
    // ASCII white space is what `char::is_white_space` says of these bytes: tab to carriage
    // return, and the space. One pass tells whether the line is clean (no white space but
    // single spaces inside it).
    let bytes = text.as_bytes();
    let mut after_space = true;
    let mut clean = true;
    for &b in bytes {
        let space = matches!(b, b'\t'..=b'\r' | b' ');
        clean &= !space | (b == b' ' && !after_space);
        after_space = space;
    }
    if (clean && !after_space) || bytes.is_empty() {
        return text;
    }
    // The words, joined by single spaces, as `split_whitespace` finds them.
    let mut out = String::with_capacity(text.len());
    for word in bytes
        .split(|b| matches!(b, b'\t'..=b'\r' | b' '))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        // ASCII, taken from a `String`.
        out.push_str(std::str::from_utf8(word).unwrap_or_default());
    }
    out
}

fn collapse(text: &str) -> String {
    let bytes = text.as_bytes();
    let clean = !bytes.windows(2).any(|w| w[0] == b' ' && w[1] == b' ')
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains(|c: char| c.is_whitespace() && c != ' ');
    if clean {
        return text.to_string();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How many lines at the top and at the bottom of a page may be running heads or feet.
const EDGE_LINES: usize = 2;

/// Removes running headers and footers — a line at the top or bottom of the pages that repeats, at
/// the same height, on at least half of them (two at least), its digits aside ("Page 3 of 9",
/// "cve: BOCG-15-A-4-1") —
/// and page numbers at the top or bottom of a page ("7", "- 7 -", "Page 7", "Pág. 7", "7/12").
/// Returns how many lines were removed.
pub(super) fn remove_running_lines(pages: &mut [Vec<PageLine>]) -> usize {
    use rayon::prelude::*;
    // Each page's edge lines and their keys, pages in parallel; the counts are then made in page
    // order, so nothing depends on how the pages were shared among threads.
    let keys: Vec<Vec<(usize, String)>> = pages
        .par_iter()
        .map(|page| {
            edges(page.len(), EDGE_LINES)
                .map(|i| (i, running_key(&page[i])))
                .collect()
        })
        .collect();
    let counts = pages_holding(keys.iter());
    let needed = needed(pages.len());
    pages
        .par_iter_mut()
        .zip(&keys)
        .map(|(page, keys)| {
            let drop: Vec<usize> = keys
                .iter()
                .filter(|(i, k)| counts[k.as_str()] >= needed || is_page_number(&page[*i].text))
                .map(|(i, _)| *i)
                .collect();
            let mut i = 0;
            page.retain(|_| {
                i += 1;
                !drop.contains(&(i - 1))
            });
            drop.len()
        })
        .sum()
}

/// What a running line keeps from page to page: its height, and its [`shape`].
fn running_key(line: &PageLine) -> String {
    format!("{} {}", (line.y / 3.0).round(), shape(&line.text))
}

/// A line of the draft as the plain-text parser is handed it: its text and its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line {
    pub(super) page: u32,
    /// Empty for the break between two paragraphs.
    pub(super) text: String,
}

/// The pages' lines as the lines of a draft, a blank line between paragraphs: where the space
/// above a line is clearly more than the usual line spacing, where a line is indented against the
/// lines around it (a first-line indent), and at a page break after a short line that ends a
/// sentence. A word hyphenated across a line break is joined without its hyphen (`partner-` /
/// `ship`), unless the part before the break holds a hyphen already (`military-to-` / `military`):
/// a compound broken at one of its own hyphens keeps it.
pub(super) fn paragraphs(pages: Vec<Vec<PageLine>>) -> Vec<Line> {
    /// What the line before is needed for: where it stands, and whether it ends a sentence.
    struct Before {
        x: f32,
        end: f32,
        y: f32,
        ends_sentence: bool,
    }
    let spacing = usual_spacing(&pages);
    let width = usual_width(&pages);
    let mut out: Vec<Line> = Vec::with_capacity(pages.iter().map(Vec::len).sum());
    let mut previous: Option<Before> = None;
    for (number, mut page) in pages.into_iter().enumerate() {
        let page_number = u32::try_from(number + 1).unwrap_or(u32::MAX);
        let left = page.iter().map(|l| l.x).fold(f32::MAX, f32::min);
        for i in 0..page.len() {
            let next_x = page.get(i + 1).map(|n| n.x);
            let line = &mut page[i];
            let breaks = match &previous {
                None => false,
                Some(before) if i == 0 => {
                    before.ends_sentence && before.end - before.x < 0.85 * width
                }
                Some(before) => {
                    let gap = before.y - line.y;
                    let spaced = gap > 1.45 * spacing.max(line.size * 0.9);
                    let next_left = next_x.is_some_and(|x| x < line.x - line.size);
                    let indented =
                        line.x > left + line.size && next_left && before.x < line.x - line.size;
                    spaced || indented
                }
            };
            previous = Some(Before {
                x: line.x,
                end: line.end,
                y: line.y,
                ends_sentence: ends_sentence(&line.text),
            });
            if breaks {
                out.push(Line {
                    page: page_number,
                    text: String::new(),
                });
            } else if let Some(last) = out.last_mut().filter(|l| !l.text.is_empty())
                && let Some(joined) = dehyphenate(&mut last.text, &line.text)
            {
                if last.text.is_empty() {
                    out.pop();
                }
                out.push(Line {
                    page: page_number,
                    text: joined,
                });
                continue;
            }
            out.push(Line {
                page: page_number,
                text: std::mem::take(&mut line.text),
            });
        }
    }
    out
}

/// Joins a title in capitals set over two lines into one line, as the plain-text parser joins one
/// wrapped over consecutive source lines: a PDF's lines all stand on their page's line number.
pub(super) fn join_titles(lines: &mut Vec<Line>) {
    let capitals = |t: &str| {
        !t.bytes().any(|b| b.is_ascii_lowercase())
            && t.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !t.chars().any(char::is_lowercase)
    };
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut last_capitals = false;
    for line in lines.drain(..) {
        let is_capitals = capitals(&line.text);
        match out.last_mut() {
            Some(before) if last_capitals && is_capitals && before.page == line.page => {
                before.text.push(' ');
                before.text.push_str(&line.text);
            }
            _ => out.push(line),
        }
        last_capitals = is_capitals;
    }
    *lines = out;
}

/// Joins a word hyphenated at the end of `before` to the start of `after`: the broken word's first
/// part moves down to the next line. Returns the next line's new text, or `None` when there is no
/// such break.
fn dehyphenate(before: &mut String, after: &str) -> Option<String> {
    let stem = before.strip_suffix(['-', '\u{AD}', '\u{2010}'])?;
    let part_start = stem.rfind(' ').map_or(0, |i| i + 1);
    let part = &stem[part_start..];
    let letter_before = part.chars().last().is_some_and(char::is_alphabetic);
    let lower_after = after.chars().next().is_some_and(char::is_lowercase);
    if !letter_before || !lower_after {
        return None;
    }
    // `long-term`, `military-to-military`: a compound keeps its hyphen.
    let compound = part.contains(['-', '\u{2010}']);
    let hyphen = &before[stem.len()..];
    let moved = if compound && hyphen != "\u{AD}" {
        format!("{part}{hyphen}{after}")
    } else {
        format!("{part}{after}")
    };
    before.truncate(part_start);
    let trimmed = before.trim_end().len();
    before.truncate(trimmed);
    Some(moved)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', ')'])
        .ends_with(['.', ';', ':', '!', '?'])
}

/// The most common distance between the baselines of two lines that follow each other on a page.
fn usual_spacing(pages: &[Vec<PageLine>]) -> f32 {
    let mut gaps: Vec<i32> = pages
        .iter()
        .flat_map(|page| page.windows(2).map(|w| (w[0].y - w[1].y).round() as i32))
        .filter(|&g| g > 0)
        .collect();
    gaps.sort_unstable();
    mode(&gaps).map_or(12.0, |g| g as f32)
}

/// The most common width of a line, to tell a paragraph's short last line.
fn usual_width(pages: &[Vec<PageLine>]) -> f32 {
    let mut widths: Vec<i32> = pages
        .iter()
        .flatten()
        .map(|l| ((l.end - l.x) / 10.0).round() as i32)
        .collect();
    widths.sort_unstable();
    // The widest common width: full lines are the most frequent among the long ones.
    let top = widths.last().copied().unwrap_or(0);
    let full: Vec<i32> = widths.into_iter().filter(|&w| w * 10 >= top * 7).collect();
    mode(&full).map_or(0.0, |w| (w * 10) as f32)
}

fn mode(sorted: &[i32]) -> Option<i32> {
    let mut best: Option<(i32, usize)> = None;
    let mut at = 0;
    while at < sorted.len() {
        let run = sorted[at..]
            .iter()
            .take_while(|&&v| v == sorted[at])
            .count();
        if best.is_none_or(|(_, n)| run > n) {
            best = Some((sorted[at], run));
        }
        at += run;
    }
    best.map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_collapsed_as_its_words_joined_by_spaces() {
        for text in [
            "",
            " ",
            "a",
            "a b",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "\r\na b\x0c",
            "a \x0b b",
            "é  b",
            "plain line of text",
            "  lead and trail  ",
            "x\u{a0}y",
        ] {
            let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_owned(text.to_string()), words, "{text:?}");
        }
    }

    fn run(x: f32, y: f32, text: &str) -> Run {
        Run {
            x,
            end: x + 6.0 * text.chars().count() as f32,
            y,
            size: 10.0,
            text: text.to_string(),
        }
    }

    fn line(x: f32, y: f32, text: &str) -> PageLine {
        lines(vec![run(x, y, text)]).remove(0)
    }

    #[test]
    fn runs_on_one_baseline_make_a_line_with_spaces_where_there_are_gaps() {
        let got = lines(vec![
            run(130.0, 700.0, "world"),
            run(72.0, 700.5, "Hello,"),
            run(72.0, 688.0, "Next"),
            run(96.0, 688.0, "line"),
            run(200.0, 703.0, "1"),
        ]);
        let texts: Vec<&str> = got.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Hello, world 1", "Nextline"]);
    }

    #[test]
    fn running_heads_and_feet_are_removed() {
        let page = |n: u32, body: &str| {
            vec![
                line(72.0, 806.0, "Joint statement - working draft"),
                line(72.0, 770.0, body),
                line(72.0, 758.0, "More text of the page."),
                line(72.0, 746.0, &body.replace('.', " again.")),
                line(250.0, 40.0, &format!("Page {n} of 3")),
            ]
        };
        let mut pages = vec![page(1, "First."), page(2, "Second."), page(3, "Third.")];
        assert_eq!(remove_running_lines(&mut pages), 6);
        assert_eq!(pages[1][0].text, "Second.");
        assert_eq!(pages[1].len(), 3);
        // On one page, only a page number is known to be furniture.
        let mut single = vec![vec![
            line(72.0, 806.0, "JOINT STATEMENT"),
            line(72.0, 770.0, "Text."),
            line(250.0, 40.0, "1"),
        ]];
        assert_eq!(remove_running_lines(&mut single), 1);
        assert_eq!(single[0].len(), 2);
    }

    #[test]
    fn a_running_key_is_the_height_and_the_text_in_lower_case_with_digits_as_hashes() {
        // As it was written before ASCII lines took a shortcut.
        let slow = |line: &PageLine| {
            let shape: String = line
                .text
                .chars()
                .map(|c| if c.is_ascii_digit() { '#' } else { c })
                .collect();
            format!("{} {}", (line.y / 3.0).round(), shape.to_lowercase())
        };
        for (y, text) in [
            (806.0, "Joint Statement - Page 12 of 30"),
            (40.5, "cve: BOCG-15-A-4-1"),
            (-1.0, "7"),
            (1.4, "ΟΔΥΣΣΕΥΣ 3"),
            (700.0, "Página 7 — Ärzte"),
        ] {
            let l = line(72.0, y, text);
            assert_eq!(running_key(&l), slow(&l), "{text}");
        }
        assert_eq!(edges(0, EDGE_LINES).count(), 0);
        assert_eq!(edges(3, EDGE_LINES).collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(edges(6, EDGE_LINES).collect::<Vec<_>>(), [0, 1, 4, 5]);
    }

    #[test]
    fn paragraphs_follow_spacing_and_indents_and_hyphens_are_joined() {
        let pages = vec![
            vec![
                line(
                    72.0,
                    770.0,
                    "1. The Parties reaffirm their comprehensive partner-",
                ),
                line(72.0, 758.0, "ship and military-to-"),
                line(72.0, 746.0, "military coordination."),
                line(
                    72.0,
                    722.0,
                    "2. They will meet in the coming years to review the",
                ),
                line(72.0, 710.0, "agreement."),
                line(
                    90.0,
                    698.0,
                    "An indented paragraph starts here and it goes on for",
                ),
                line(72.0, 686.0, "a while."),
            ],
            vec![line(72.0, 770.0, "Continued on the next page.")],
        ];
        let laid = paragraphs(pages);
        let got: Vec<(u32, &str)> = laid.iter().map(|l| (l.page, l.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, "1. The Parties reaffirm their comprehensive"),
                (1, "partnership and"),
                (1, "military-to-military coordination."),
                (1, ""),
                (1, "2. They will meet in the coming years to review the"),
                (1, "agreement."),
                (1, ""),
                (1, "An indented paragraph starts here and it goes on for"),
                (1, "a while."),
                (2, ""),
                (2, "Continued on the next page."),
            ]
        );
    }

    #[test]
    fn a_line_that_is_only_the_broken_word_is_merged_into_the_next() {
        let pages = vec![vec![
            line(72.0, 770.0, "inter-"),
            line(72.0, 758.0, "national order."),
        ]];
        let got: Vec<String> = paragraphs(pages).into_iter().map(|l| l.text).collect();
        assert_eq!(got, ["international order."]);
    }
}
