//! The plain-text parser.
//!
//! A paragraph ends at a blank line, or where a new line starts with a number after a line that ended a
//! sentence (so `(a)`, `(b)` lists written without blank lines still split, while a wrapped line that
//! happens to start with `2019,` does not). Hard-wrapped lines are joined. Headings are lines such as
//! `Article 3 — Title`, `PART II`, `Preamble`, or a short line in capitals.

use super::numbering::{Label, Style, parse_label};
use super::outline::{Block, Outline};
use super::{Clause, TextSpan};

/// Words that are headings when they stand alone on a line.
const SECTION_WORDS: &[&str] = &[
    "preamble",
    "präambel",
    "préambule",
    "preámbulo",
    "annex",
    "appendix",
    "schedule",
    "introduction",
    "recitals",
    // The notes a Word document's footnotes and endnotes are read under.
    "footnotes",
    "endnotes",
];

/// Rank of headings that carry no number (a line in capitals, "Preamble"): innermost.
const PLAIN_HEADING_RANK: u8 = 5;
/// Rank of roman-numbered headings (`II. Definitions`).
const ROMAN_HEADING_RANK: u8 = 2;

struct Pending {
    label: Option<Label>,
    /// The depth of the list item this is, when the document marks it as one.
    item: Option<usize>,
    span: TextSpan,
    /// The last line added, trimmed, to decide whether a numbered line may start a new paragraph.
    last_line_end: LineEnd,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LineEnd {
    /// Ends a sentence or a list entry (`.`, `;`, `:`, `!`, `?`, ` and`, ` or`).
    Sentence,
    /// Ends with a comma.
    Comma,
    /// Mid-sentence.
    Open,
}

pub(super) fn parse(src: &str) -> Vec<Clause> {
    let lines: Vec<(u32, &str)> = super::lines::lines(src).collect();
    // Text extracted from a PDF keeps its pages: their running heads are no part of the text.
    let lines = if src.contains('\u{c}') {
        super::pages::without_furniture(lines)
    } else {
        lines
    };
    parse_lines(
        lines
            .into_iter()
            .map(|(number, text)| Line::plain(number, text)),
    )
}

/// A line of a draft as the structured readers (HTML, Word, XML) hand it over: its text, the source
/// line (or paragraph) it stands for, and the rank of the heading it is when the document marks it
/// as one (`<h2>`, a "Heading 2" style) rather than leaving that to be recognised from its words.
/// Blank lines separate paragraphs, as in plain text.
pub(super) struct Line<'a> {
    pub(super) number: u32,
    pub(super) text: &'a str,
    pub(super) heading: Option<u8>,
    /// Set on the first line of an item of a list the document marks as one (`<li>`), nested
    /// this many lists deep (1 = top level); the lines after it, up to a blank line, continue it.
    pub(super) item: Option<usize>,
    /// Whether the document marks all its headings (a Word document, by paragraph style), so a
    /// line not marked as one is never taken for a heading by its words.
    pub(super) headings_marked: bool,
    /// The stable key of the document element the line belongs to (an Akoma Ntoso `eId`), kept on
    /// the clause the line starts.
    pub(super) key: Option<&'a str>,
}

impl<'a> Line<'a> {
    /// A line of plain text: nothing marked on it.
    pub(super) fn plain(number: u32, text: &'a str) -> Line<'a> {
        Line {
            number,
            text,
            heading: None,
            item: None,
            headings_marked: false,
            key: None,
        }
    }
}

/// Parses lines as plain text is parsed, headings the document marks taken as headings.
pub(super) fn parse_lines<'a>(lines: impl IntoIterator<Item = Line<'a>>) -> Vec<Clause> {
    let mut parser = Parser::new(Outline::default());
    for line in lines {
        parser.line(line);
    }
    parser.finish().finish()
}

/// Parses lines handed over in chunks, in order, as [`parse_lines`] parses them all at once: the
/// parser keeps nothing borrowed from a line, so each chunk is let go once it is read.
pub(super) fn parse_chunks<T>(
    chunks: impl IntoIterator<Item = Vec<T>>,
    line: impl for<'b> Fn(&'b T) -> Line<'b>,
) -> Vec<Clause> {
    let mut parser = Parser::new(Outline::default());
    for chunk in chunks {
        for item in &chunk {
            parser.line(line(item));
        }
    }
    parser.finish().finish()
}

#[cfg(any(feature = "pdf", test))]
/// The fewest lines worth parsing in two parts ([`parse_split`]): below it one part is cheaper.
pub(super) const SPLIT_FROM: usize = 20_000;

#[cfg(any(feature = "pdf", test))]
/// The share of the lines, in thousandths, the first part takes: it also builds the outline of
/// its blocks while the second part is read, so it is the smaller.
const FIRST_PART: usize = 440;

#[cfg(any(feature = "pdf", test))]
/// Parses `items`, each made a line by `line`, as [`parse_lines`] does, in two parts on two cores
/// when there are `split_from` lines or more. The cut is made just after a blank line near
/// [`FIRST_PART`] of the way: after a blank line the parser holds nothing (no paragraph under way,
/// no heading held back), so the blocks found in the part after it are those one pass over the
/// whole would find. The first part's blocks go into the outline while the second part is read;
/// the second part's blocks then follow them, in order, so ids and numbering run on across the
/// cut exactly as in one pass. Without a blank line to cut at, or below `split_from` lines, it is
/// one pass.
pub(super) fn parse_split<'a, T: Sync>(
    items: &'a [T],
    line: impl Fn(&'a T) -> Line<'a> + Sync,
    split_from: usize,
) -> Vec<Clause> {
    let Some(cut) = cut(items, &line, split_from) else {
        return parse_lines(items.iter().map(&line));
    };
    parse_cut(items, line, cut)
}

#[cfg(any(feature = "pdf", test))]
/// Parses `items` in two parts on two cores, cut before `items[cut]`, which must follow a blank
/// line ([`parse_split`]).
fn parse_cut<'a, T: Sync>(
    items: &'a [T],
    line: impl Fn(&'a T) -> Line<'a> + Sync,
    cut: usize,
) -> Vec<Clause> {
    let (first, second) = items.split_at(cut);
    let (mut outline, blocks) = rayon::join(
        || {
            let mut parser = Parser::new(Outline::default());
            for item in first {
                parser.line(line(item));
            }
            parser.finish()
        },
        || {
            let mut parser = Parser::new(Vec::new());
            for item in second {
                parser.line(line(item));
            }
            parser.finish()
        },
    );
    for block in blocks {
        outline.push(block);
    }
    outline.finish()
}

#[cfg(any(feature = "pdf", test))]
/// Where [`parse_split`] cuts `items`: the index just after the first blank line at or after
/// [`FIRST_PART`] of the way, or failing that the last blank line before it; `None` below
/// `split_from` lines or without a blank line that leaves both parts lines.
fn cut<'a, T>(
    items: &'a [T],
    line: &impl Fn(&'a T) -> Line<'a>,
    split_from: usize,
) -> Option<usize> {
    if items.len() < split_from.max(2) {
        return None;
    }
    let blank = |i: &usize| line(&items[*i]).text.trim().is_empty();
    let middle = items.len() / 1000 * FIRST_PART + items.len() % 1000 * FIRST_PART / 1000;
    let after = (middle..items.len() - 1).find(blank);
    let at = after.or_else(|| (0..middle).rev().find(blank))?;
    Some(at + 1)
}

/// Where the blocks a [`Parser`] finds go: an [`Outline`] numbering them, or a list of them kept
/// for an outline to take later.
trait Blocks {
    fn push(&mut self, block: Block);
}

impl Blocks for Outline {
    fn push(&mut self, block: Block) {
        Outline::push(self, block);
    }
}

#[cfg(any(feature = "pdf", test))]
impl Blocks for Vec<Block> {
    fn push(&mut self, block: Block) {
        Vec::push(self, block);
    }
}

/// The plain-text parser, one line at a time: the paragraph under way and the heading held back
/// are all it keeps between lines, and a blank line leaves it holding neither.
struct Parser<B> {
    outline: B,
    pending: Option<Pending>,
    /// The last heading, held back in case a title in capitals continues on the next line.
    held: Option<(Block, u32)>,
}

impl<B: Blocks> Parser<B> {
    fn new(outline: B) -> Self {
        Parser {
            outline,
            pending: None,
            held: None,
        }
    }

    /// Ends the last paragraph and heading: the blocks, all found.
    fn finish(mut self) -> B {
        flush(&mut self.pending, &mut self.outline);
        release(&mut self.held, &mut self.outline);
        self.outline
    }

    #[inline]
    fn line(&mut self, line: Line<'_>) {
        let Line {
            number,
            text: raw,
            heading: marked,
            item,
            headings_marked,
            key,
        } = line;
        let Parser {
            outline,
            pending,
            held,
        } = self;
        let key = key.map(str::to_string);
        let line = raw.trim();
        if line.is_empty() {
            flush(pending, outline);
            release(held, outline);
            return;
        }
        let label = parse_label(line);
        if let Some(rank) = marked {
            flush(pending, outline);
            release(held, outline);
            let mut block = marked_heading(line, label, rank, number);
            if let Block::Heading { span, .. } = &mut block {
                span.key = key;
            }
            outline.push(block);
            return;
        }
        if let Some(depth) = item {
            flush(pending, outline);
            release(held, outline);
            let mut started = Pending::start(line, label, number);
            started.item = Some(depth);
            started.span.key = key;
            *pending = Some(started);
            return;
        }
        let boundary = pending.as_ref().is_none_or(Pending::allows_break);
        let recognised = (!headings_marked)
            .then(|| heading(line, label.as_ref(), pending.is_none(), number))
            .flatten();
        if boundary && let Some(mut block) = recognised {
            if let Block::Heading { span, .. } = &mut block {
                span.key = key.clone();
            }
            flush(pending, outline);
            match held {
                Some((title, last)) if *last + 1 == number && continues_title(title, &block) => {
                    if let Block::Heading { display, span, .. } = title {
                        display.push(' ');
                        display.push_str(line);
                        span.push_line(line, number);
                    }
                    *last = number;
                }
                _ => {
                    release(held, outline);
                    *held = Some((block, number));
                }
            }
            return;
        }
        release(held, outline);
        match (&*pending, label) {
            (Some(p), Some(label))
                if boundary && p.may_end_before(&label) || p.continues_list(&label) =>
            {
                flush(pending, outline);
                let mut started = Pending::start(line, Some(label), number);
                started.span.key = key;
                *pending = Some(started);
            }
            (None, label) => {
                let mut started = Pending::start(line, label, number);
                started.span.key = key;
                *pending = Some(started);
            }
            (Some(_), _) => append(pending, line, number),
        }
    }
}

fn release(held: &mut Option<(Block, u32)>, outline: &mut impl Blocks) {
    if let Some((block, _)) = held.take() {
        outline.push(block);
    }
}

/// Whether `next` continues the heading `title`: both are plain headings in capitals, a title wrapped
/// over two lines.
fn continues_title(title: &Block, next: &Block) -> bool {
    let plain = |b: &Block| matches!(b, Block::Heading { rank, label: None, .. } if *rank == PLAIN_HEADING_RANK);
    plain(title) && plain(next)
}

fn append(pending: &mut Option<Pending>, line: &str, number: u32) {
    if let Some(p) = pending {
        p.span.push_line(line, number);
        p.last_line_end = line_end(line);
    }
}

fn flush(pending: &mut Option<Pending>, outline: &mut impl Blocks) {
    if let Some(p) = pending.take() {
        outline.push(match p.item {
            Some(depth) => Block::ListItem {
                depth,
                label: p.label,
                span: p.span,
            },
            None => Block::Paragraph {
                label: p.label,
                span: p.span,
            },
        });
    }
}

impl Pending {
    fn start(line: &str, label: Option<Label>, number: u32) -> Pending {
        let mut span = TextSpan::starting_at(number);
        let body = label.as_ref().map_or(line, |l| &line[l.consumed..]);
        span.push_line(body, number);
        Pending {
            label,
            item: None,
            span,
            last_line_end: line_end(line),
        }
    }

    /// Whether the next line may start a new block (a heading, or a numbered paragraph).
    fn allows_break(&self) -> bool {
        self.span.text.is_empty() || self.last_line_end != LineEnd::Open
    }

    /// Whether `label` is the next entry of the list this paragraph belongs to (`- apples` then
    /// `- oranges`), which starts a new paragraph even when no punctuation ends this one.
    fn continues_list(&self, label: &Label) -> bool {
        self.label
            .as_ref()
            .is_some_and(|own| own.style == label.style || label.alternative == Some(own.style))
    }

    /// Whether a line starting with `label` starts a new paragraph rather than continuing this one.
    fn may_end_before(&self, label: &Label) -> bool {
        match self.last_line_end {
            _ if self.span.text.is_empty() => true,
            LineEnd::Sentence => true,
            // "(a) apples,\n(b) oranges": a comma ends an entry of a numbered list.
            LineEnd::Comma => {
                self.label.is_some() && label.style != Style::Bullet && !label.style.is_absolute()
            }
            LineEnd::Open => false,
        }
    }
}

fn line_end(line: &str) -> LineEnd {
    let trimmed = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_']);
    if trimmed.ends_with([',']) {
        return LineEnd::Comma;
    }
    let sentence = trimmed.ends_with(['.', ';', ':', '!', '?', '—'])
        || trimmed.ends_with(" and")
        || trimmed.ends_with(" or")
        || trimmed.is_empty();
    if sentence {
        LineEnd::Sentence
    } else {
        LineEnd::Open
    }
}

/// Recognises a heading line. `standalone` says the line follows a blank line or another heading,
/// which a heading in capitals needs (a capitalised line inside a paragraph is not a heading).
pub(super) fn heading(
    line: &str,
    label: Option<&Label>,
    standalone: bool,
    number: u32,
) -> Option<Block> {
    let (rank, label) = match label {
        Some(label) => match label.style {
            Style::Keyword(rank) if is_heading_title(&line[label.consumed..], label.separated) => {
                (rank, Some(label.clone()))
            }
            Style::UpperRoman if is_heading_title(&line[label.consumed..], true) => {
                (ROMAN_HEADING_RANK, Some(label.clone()))
            }
            _ => return None,
        },
        None if standalone && (is_capitals(line) || is_section_word(line)) => {
            (PLAIN_HEADING_RANK, None)
        }
        None => return None,
    };
    let title = label.as_ref().map_or(line, |l| &line[l.consumed..]);
    let title = title.trim_start_matches(['-', '—', '–', ':', ' ']).trim();
    let mut span = TextSpan::starting_at(number);
    span.push_line(title, number);
    Some(Block::Heading {
        rank,
        label,
        display: line.to_string(),
        span,
    })
}

/// A heading the document marks as one, of `rank`: its number read as for any heading (`Article 4`
/// keeps its keyword's rank), the whole line its title when no number starts it.
fn marked_heading(line: &str, label: Option<Label>, rank: u8, number: u32) -> Block {
    if let Some(block) = heading(line, label.as_ref(), true, number)
        && matches!(&block, Block::Heading { label: Some(_), .. })
    {
        return block;
    }
    let mut span = TextSpan::starting_at(number);
    span.push_line(line, number);
    Block::Heading {
        rank,
        label: None,
        display: line.to_string(),
        span,
    }
}

/// Whether what follows a heading's number reads as a title (`— Definitions`) and not as the start of
/// the article's text (`The Parties shall …`).
fn is_heading_title(rest: &str, separated: bool) -> bool {
    let rest = rest.trim();
    if rest.is_empty() {
        return true;
    }
    let words = rest.split_whitespace().count();
    let body = rest.trim_end_matches('.');
    let no_sentence = !body.contains(['.', ';', ',', ':']) && !rest.ends_with([';', ',', ':']);
    let all_capitalised = rest
        .split_whitespace()
        .all(|w| w.starts_with(|c: char| !c.is_lowercase()) || w.len() <= 3);
    words <= 10
        && no_sentence
        && (separated && (!rest.ends_with('.') || all_capitalised) || is_capitals(rest))
}

/// A short line with letters, none of them lower case: `DEPARTMENT OF AGRICULTURE`.
fn is_capitals(line: &str) -> bool {
    // Letters of a script with capitals: Chinese or Arabic text has none, and is no heading for it.
    let letters = line.chars().filter(|c| c.is_uppercase()).count();
    letters >= 2
        && line.len() <= 100
        && line.split_whitespace().count() <= 12
        && !line.chars().any(char::is_lowercase)
        && !line.ends_with(',')
}

fn is_section_word(line: &str) -> bool {
    let word = line.trim_end_matches([':', '.']).to_lowercase();
    SECTION_WORDS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ClauseKind;

    fn ids(src: &str) -> Vec<String> {
        parse(src).into_iter().map(|c| c.id.0).collect()
    }

    fn texts(src: &str) -> Vec<String> {
        parse(src).into_iter().map(|c| c.text).collect()
    }

    /// Lines of `src` as the structured readers hand them over.
    fn lines_of(src: &str) -> Vec<(u32, &str)> {
        super::super::lines::lines(src).collect()
    }

    fn line_of<'a>(&(number, text): &'a (u32, &'a str)) -> Line<'a> {
        Line::plain(number, text)
    }

    #[test]
    fn parsing_in_two_parts_gives_the_clauses_of_one_pass_wherever_a_blank_line_allows_the_cut() {
        let sources = [
            // Numbering that runs on across the cut: sub-paragraphs under 1, ids qualified by the
            // article, positional ids counted on, a repeated id suffixed.
            "Article 1 — Scope\n\n1. The Parties shall:\n\n(a) consult;\n\n(b) report.\n\n2. Next.\n\nArticle 2\n\nText.\n\nMore text.\n\n2. Again.\n\n2. Again.\n",
            // A title in capitals over two lines, a preamble, whereas clauses, headings in a row.
            "PREAMBLE\n\nWhereas one,\n\nWhereas two,\n\nTHE GENERAL\nASSEMBLY\n\nPART I\n\nPART II\nArticle 3\n\n1. One.\n(a) a;\n(b) b.\n\n\n\n2. Two.",
            // Blank lines first and last, and several in a row.
            "\n\n\nOne.\n\n\nTwo\nwrapped.\n\n(i) roman;\n\n(ii) next.\n\n",
        ];
        for src in sources {
            let lines = lines_of(src);
            let whole = format!("{:?}", parse_lines(lines.iter().map(line_of)));
            let mut cuts = 0;
            for cut in 1..lines.len() {
                if !lines[cut - 1].1.trim().is_empty() {
                    continue;
                }
                cuts += 1;
                let split = format!("{:?}", parse_cut(&lines, line_of, cut));
                assert_eq!(split, whole, "cut before line {cut} of {src:?}");
            }
            assert!(cuts >= 3);
            let chosen = format!("{:?}", parse_split(&lines, line_of, 2));
            assert_eq!(chosen, whole);
        }
    }

    #[test]
    fn the_cut_follows_a_blank_line_and_leaves_lines_on_both_sides() {
        let src = "1. One.\n2. Two.\n3. Three.\n4. Four.\n5. Five.\n6. Six.";
        let lines = lines_of(src);
        // No blank line: one pass.
        assert_eq!(cut(&lines, &line_of, 2), None);
        let src = "1. One.\n2. Two.\n3. Three.\n4. Four.\n\n5. Five.";
        let lines = lines_of(src);
        assert_eq!(cut(&lines, &line_of, 2), Some(5));
        // Too few lines to be worth it.
        assert_eq!(cut(&lines, &line_of, 100), None);
        // A blank line last of all is no cut: the blank line before the middle is taken.
        let src = "One.\n\nTwo.\nThree.\nFour.\nFive.\n\n";
        let lines = lines_of(src);
        let at = cut(&lines, &line_of, 2).unwrap();
        assert!(lines[at - 1].1.trim().is_empty() && at < lines.len());
        let whole = format!("{:?}", parse_lines(lines.iter().map(line_of)));
        assert_eq!(format!("{:?}", parse_split(&lines, line_of, 2)), whole);
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_wrapped_lines_join() {
        let src = "The two sides\nagreed to meet.\n\nThey met\n  again.\n";
        assert_eq!(
            texts(src),
            ["The two sides agreed to meet.", "They met again."]
        );
        assert_eq!(ids(src), ["¶1", "¶2"]);
    }

    #[test]
    fn numbered_lines_start_paragraphs_without_blank_lines() {
        let src = "1. First sentence.\n2. Second\nsentence, wrapped.\n3. Third.";
        assert_eq!(ids(src), ["1", "2", "3"]);
        assert_eq!(texts(src)[1], "Second sentence, wrapped.");
    }

    #[test]
    fn a_wrapped_line_starting_with_a_number_is_not_a_new_paragraph() {
        let src = "The meeting took place in\n2019. It was long.";
        assert_eq!(texts(src), ["The meeting took place in 2019. It was long."]);
    }

    #[test]
    fn lettered_subparagraphs_are_separate_clauses() {
        let src = "4. The Parties shall:\n(a) consult;\n(b) cooperate; and\n(c) report.\n5. Next.";
        assert_eq!(ids(src), ["4", "4(a)", "4(b)", "4(c)", "5"]);
        assert_eq!(texts(src)[2], "cooperate; and");
    }

    #[test]
    fn roman_items_nest_under_letters_and_i_after_h_is_a_letter() {
        let src = "1. Intro:\n(a) one:\n(i) sub one;\n(ii) sub two;\n(b) two;\n(c) c;\n(d) d;\n(e) e;\n(f) f;\n(g) g;\n(h) h;\n(i) i.";
        let got = ids(src);
        assert_eq!(&got[..5], ["1", "1(a)", "1(a)(i)", "1(a)(ii)", "1(b)"]);
        assert_eq!(got.last().map(String::as_str), Some("1(i)"));
    }

    #[test]
    fn a_letter_after_roman_items_returns_to_the_letter_level() {
        let src = "1. Each Party shall:\n(a) designate;\n(b) report on:\n(i) measures; and\n(ii) support; and\n(c) cooperate.";
        assert_eq!(
            ids(src),
            ["1", "1(a)", "1(b)", "1(b)(i)", "1(b)(ii)", "1(c)"]
        );
    }

    #[test]
    fn article_headings_scope_their_paragraphs() {
        let src = "PREAMBLE\n\nRecalling the Charter,\n\nArticle 1 — Definitions\n\n1. Term means.\n\nArticle 2\nThe Parties shall meet.\n\n1. Each Party shall report.\n";
        let clauses = parse(src);
        let got: Vec<_> = clauses.iter().map(|c| (c.id.0.as_str(), c.kind)).collect();
        assert_eq!(
            got,
            [
                ("¶1", ClauseKind::Heading),
                ("¶2", ClauseKind::Preambular),
                ("Article 1", ClauseKind::Heading),
                ("Article 1.1", ClauseKind::Numbered),
                ("Article 2", ClauseKind::Heading),
                ("Article 2 ¶1", ClauseKind::Paragraph),
                ("Article 2.1", ClauseKind::Numbered),
            ]
        );
        assert_eq!(clauses[2].text, "Definitions");
        assert_eq!(clauses[3].path, ["Article 1 — Definitions"]);
    }

    #[test]
    fn bill_sections_nest_subsections() {
        let src = "TITLE I\nDEPARTMENT OF AGRICULTURE\n\nSec. 101. In addition to other amounts, there is appropriated $600,000,000.\n\nSec. 104.\n(a)\n(1) Except as provided in paragraph (2), a person is not eligible.\n\n(2) Paragraph (1) shall not apply.\n\n(b) A person may not receive more.\n";
        assert_eq!(
            ids(src),
            [
                "TITLE I",
                "TITLE I ¶1",
                "Sec. 101",
                "Sec. 104",
                "Sec. 104(a)",
                "Sec. 104(a)(1)",
                "Sec. 104(a)(2)",
                "Sec. 104(b)",
            ]
        );
    }

    #[test]
    fn resolution_paragraphs() {
        let src = "PP1 Recalling its resolutions,\n\nOP1 Decides to remain seized.\n\nOP2 Requests a report.";
        let clauses = parse(src);
        let kinds: Vec<_> = clauses.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [
                ClauseKind::Preambular,
                ClauseKind::Operative,
                ClauseKind::Operative
            ]
        );
        assert_eq!(ids(src), ["PP1", "OP1", "OP2"]);
    }

    #[test]
    fn repeated_ids_are_disambiguated() {
        assert_eq!(ids("1. a.\n\n1. b.\n\n1. c."), ["1", "1#2", "1#3"]);
    }

    #[test]
    fn a_title_in_capitals_wrapped_over_two_lines_is_one_heading() {
        let clauses = parse(
            "JOINT STATEMENT OF THE PEOPLE'S REPUBLIC OF CHINA AND THE\nRUSSIAN FEDERATION\n\nText.",
        );
        assert_eq!(clauses.len(), 2);
        assert_eq!(
            clauses[0].text,
            "JOINT STATEMENT OF THE PEOPLE'S REPUBLIC OF CHINA AND THE RUSSIAN FEDERATION"
        );
        assert_eq!((clauses[0].lines.first, clauses[0].lines.last), (1, 2));
        // A numbered heading and the title under it stay two.
        assert_eq!(parse("TITLE I\nDEPARTMENT OF AGRICULTURE\n").len(), 2);
    }

    #[test]
    fn capitals_inside_a_paragraph_are_not_a_heading() {
        let src = "The members of\nNATO AND THE EU\nagreed.";
        assert_eq!(texts(src), ["The members of NATO AND THE EU agreed."]);
    }

    #[test]
    fn label_alone_on_its_line_takes_the_next_lines_as_text() {
        let src = "1.\nThe Parties\nagree.\n\n2.\nThey meet.";
        assert_eq!(texts(src), ["The Parties agree.", "They meet."]);
        assert_eq!(ids(src), ["1", "2"]);
    }

    #[test]
    fn empty_text_has_no_clauses() {
        assert!(parse("").is_empty());
        assert!(parse("\n\n \r\n").is_empty());
    }

    #[test]
    fn list_entries_without_punctuation_still_split() {
        assert_eq!(texts("- apples\n- oranges"), ["apples", "oranges"]);
        assert_eq!(ids("1. apples\n2. oranges"), ["1", "2"]);
    }

    #[test]
    fn bullets_are_list_items() {
        let clauses = parse(
            "Key terms:\n\n-   Bangladesh commits to provide\n    access.\n-   It will buy aircraft.",
        );
        let kinds: Vec<_> = clauses.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [
                ClauseKind::Paragraph,
                ClauseKind::ListItem,
                ClauseKind::ListItem
            ]
        );
        assert_eq!(clauses[1].text, "Bangladesh commits to provide access.");
    }
}
