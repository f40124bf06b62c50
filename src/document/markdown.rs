//! The Markdown parser, on `pulldown-cmark` events.
//!
//! Headings give the section path; paragraphs, list items, table rows and code blocks are clauses.
//! Markup (emphasis, links, HTML comments and blocks, footnote markers, kramdown attribute lists such as
//! `{:toc}`) is not part of a clause's words. YAML front matter becomes [`Metadata`], not clauses. A
//! paragraph that starts with a number (`(1) Die Würde …`) is numbered like a plain-text one; an ordered
//! list item takes the number its marker shows.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::lines::LineIndex;
use super::numbering::{Label, Style, parse_label};
use super::outline::{Block, Outline};
use super::{Clause, Metadata, TextSpan, front_matter};

pub(super) fn parse(src: &str) -> (Option<Metadata>, Vec<Clause>) {
    let src = &*prepare(src);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut walker = Walker {
        src,
        index: LineIndex::new(src),
        outline: Outline::default(),
        metadata: None,
        front_matter: None,
        lists: Vec::new(),
        items: Vec::new(),
        current: None,
        html_depth: 0,
        at_break: false,
    };
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        walker.event(event, range);
    }
    walker.flush_current();
    (walker.metadata, walker.outline.finish())
}

/// Repairs what HTML-to-Markdown converters leave behind and CommonMark does not forgive: a line of
/// non-breaking spaces is not blank to CommonMark, and `1.`+NBSP does not start a list. Both are
/// whitespace to a reader, so they become ASCII here; line structure is kept, so line numbers hold.
fn prepare(src: &str) -> Cow<'_, str> {
    let odd_space = |c: char| c.is_whitespace() && !c.is_ascii();
    if !src.chars().any(odd_space) {
        return Cow::Borrowed(src);
    }
    let mut out = String::with_capacity(src.len());
    for line in src.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        if body.trim().is_empty() {
            out.push_str(ending);
            continue;
        }
        let indent = body.len() - body.trim_start_matches([' ', '\t']).len();
        let rest = &body[indent..];
        let marker = rest.bytes().take_while(u8::is_ascii_digit).count();
        let marker = match rest.as_bytes().get(marker) {
            Some(b'.' | b')') if marker > 0 => marker + 1,
            _ if rest.starts_with(['-', '*', '+']) => 1,
            _ => 0,
        };
        match rest[marker..].chars().next() {
            Some(c) if marker > 0 && odd_space(c) => {
                out.push_str(&body[..indent + marker]);
                out.push(' ');
                out.push_str(&rest[marker + c.len_utf8()..]);
                out.push_str(ending);
            }
            _ => out.push_str(line),
        }
    }
    Cow::Owned(out)
}

/// What the inline text being read belongs to.
enum Target {
    Heading(u8),
    Paragraph,
    /// A paragraph of the innermost list item, whose text goes to the item.
    ItemParagraph,
    Code,
    TableRow,
}

struct Item {
    depth: usize,
    label: Option<Label>,
    span: TextSpan,
    emitted: bool,
}

struct Walker<'s> {
    src: &'s str,
    index: LineIndex,
    outline: Outline,
    metadata: Option<Metadata>,
    front_matter: Option<(Range<usize>, String)>,
    /// For each open list: whether it is ordered.
    lists: Vec<bool>,
    items: Vec<Item>,
    current: Option<(Target, TextSpan)>,
    html_depth: usize,
    /// Whether the next text starts a new source line of the same block.
    at_break: bool,
}

impl Walker<'_> {
    fn line(&self, offset: usize) -> u32 {
        self.index.line_of(offset)
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) => {
                self.text(&text, range)
            }
            Event::DisplayMath(text) => self.text(&text, range),
            Event::SoftBreak | Event::HardBreak => self.at_break = true,
            Event::InlineHtml(html) | Event::Html(html) => {
                if html.trim_start().to_ascii_lowercase().starts_with("<br") {
                    self.at_break = true;
                }
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let line = self.line(range.start);
        match tag {
            Tag::MetadataBlock(_) => self.front_matter = Some((range, String::new())),
            Tag::HtmlBlock => self.html_depth += 1,
            Tag::Heading { level, .. } => {
                self.flush_current();
                self.begin(Target::Heading(level as u8), line);
            }
            Tag::Paragraph => {
                let into_item = self.items.last().is_some_and(|i| !i.emitted);
                if into_item && self.current.is_none() {
                    self.current = Some((Target::ItemParagraph, TextSpan::starting_at(line)));
                    self.at_break = true;
                } else {
                    self.flush_current();
                    self.begin(Target::Paragraph, line);
                }
            }
            Tag::CodeBlock(_) => {
                self.flush_current();
                self.begin(Target::Code, line);
            }
            Tag::TableHead | Tag::TableRow => {
                self.flush_current();
                self.begin(Target::TableRow, line);
            }
            Tag::TableCell => {
                if let Some((Target::TableRow, span)) = &mut self.current
                    && !span.text.is_empty()
                {
                    span.push_piece(" | ", line);
                }
            }
            Tag::List(start) => {
                self.flush_current();
                self.emit_open_item();
                self.lists.push(start.is_some());
            }
            Tag::Item => {
                self.flush_current();
                let label = if self.lists.last() == Some(&true) {
                    ordered_marker(&self.src[range.start..])
                } else {
                    None
                };
                self.items.push(Item {
                    depth: self.lists.len(),
                    label,
                    span: TextSpan::starting_at(line),
                    emitted: false,
                });
                self.at_break = false;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::MetadataBlock(_) => {
                if let Some((range, text)) = self.front_matter.take() {
                    self.metadata = Some(front_matter(&self.index, range, text));
                }
            }
            TagEnd::HtmlBlock => self.html_depth = self.html_depth.saturating_sub(1),
            TagEnd::Heading(_)
            | TagEnd::Paragraph
            | TagEnd::CodeBlock
            | TagEnd::TableHead
            | TagEnd::TableRow => {
                if !matches!(self.current, Some((Target::ItemParagraph, _))) {
                    self.flush_current();
                } else if let Some((_, span)) = self.current.take()
                    && let Some(item) = self.items.last_mut()
                {
                    merge_into(&mut item.span, span);
                }
            }
            TagEnd::List(_) => {
                self.flush_current();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.flush_current();
                self.emit_open_item();
                self.items.pop();
            }
            _ => {}
        }
    }

    fn begin(&mut self, target: Target, line: u32) {
        self.current = Some((target, TextSpan::starting_at(line)));
        self.at_break = false;
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if let Some((_, front)) = &mut self.front_matter {
            front.push_str(text);
            return;
        }
        if self.html_depth > 0 {
            return;
        }
        let line = self.line(range.start);
        let at_break = std::mem::take(&mut self.at_break);
        let span = match &mut self.current {
            Some((Target::Code, span)) => {
                for (i, piece) in text.lines().enumerate() {
                    let number = line.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                    span.push_line(piece.trim(), number);
                }
                return;
            }
            Some((_, span)) => span,
            None => match self.items.last_mut() {
                Some(item) if !item.emitted => &mut item.span,
                // Inline text after a nested list, in a tight list item: a paragraph of its own.
                _ => {
                    self.begin(Target::Paragraph, line);
                    match &mut self.current {
                        Some((_, span)) => span,
                        None => return,
                    }
                }
            },
        };
        if at_break || span.text.is_empty() {
            span.push_line(text, line);
        } else {
            span.push_piece(text, line);
        }
    }

    fn flush_current(&mut self) {
        let Some((target, span)) = self.current.take() else {
            return;
        };
        match target {
            Target::Heading(level) => self.emit_heading(level, span),
            Target::Paragraph => self.emit_paragraph(span, true),
            Target::Code | Target::TableRow => self.emit_paragraph(span, false),
            Target::ItemParagraph => {
                if let Some(item) = self.items.last_mut() {
                    merge_into(&mut item.span, span);
                }
            }
        }
    }

    /// Emits the innermost list item if it has not been: before its nested list, or at its end.
    fn emit_open_item(&mut self) {
        let Some(item) = self.items.last_mut().filter(|i| !i.emitted) else {
            return;
        };
        item.emitted = true;
        let mut span = std::mem::take(&mut item.span);
        let depth = item.depth;
        let mut label = item.label.clone();
        strip_attribute_lists(&mut span.text);
        if label.is_none()
            && let Some(own) = parse_label(&span.text).filter(|l| l.style != Style::Bullet)
        {
            span.drop_prefix(own.consumed);
            label = Some(own);
        }
        if span.text.is_empty() && label.is_none() {
            return;
        }
        self.outline.push(Block::ListItem { depth, label, span });
    }

    fn emit_heading(&mut self, level: u8, span: TextSpan) {
        let display = span.text.clone();
        let label = parse_label(&display).filter(|l| l.style != Style::Bullet);
        let title = label
            .as_ref()
            .map_or(display.as_str(), |l| &display[l.consumed..]);
        let title = title.trim_start_matches(['-', '—', '–', ':', ' ']).trim();
        let mut title_span = TextSpan::starting_at(span.first_line);
        title_span.push_line(title, span.first_line);
        title_span.last_line = span.last_line;
        self.outline.push(Block::Heading {
            rank: level,
            label,
            display,
            span: title_span,
        });
    }

    fn emit_paragraph(&mut self, mut span: TextSpan, numbered: bool) {
        strip_attribute_lists(&mut span.text);
        if span.text.trim().is_empty() {
            return;
        }
        let label = if numbered {
            parse_label(&span.text).filter(|l| l.style != Style::Bullet)
        } else {
            None
        };
        if let Some(label) = &label {
            let single_line = span.first_line == span.last_line;
            if single_line
                && let Some(block) =
                    super::text::heading(&span.text, Some(label), false, span.first_line)
            {
                return self.outline.push(block);
            }
            span.drop_prefix(label.consumed);
        }
        self.outline.push(Block::Paragraph { label, span });
    }
}

/// Appends a paragraph's text to its list item's, as the next line.
fn merge_into(item: &mut TextSpan, paragraph: TextSpan) {
    if item.text.is_empty() {
        *item = paragraph;
        return;
    }
    let base = item.text.len() + 1;
    item.push_line(&paragraph.text, paragraph.first_line);
    for (at, line) in paragraph.marks {
        let at = usize::try_from(at)
            .unwrap_or(usize::MAX)
            .saturating_add(base);
        item.marks
            .push((u32::try_from(at).unwrap_or(u32::MAX), line));
    }
    item.last_line = item.last_line.max(paragraph.last_line);
}

/// The number of an ordered list item's marker: `3.` or `3)` at the start of `src`.
fn ordered_marker(src: &str) -> Option<Label> {
    let src = src.trim_start();
    let n = src.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || !src[n..].starts_with(['.', ')']) {
        return None;
    }
    Some(Label {
        id: src[..n].to_string(),
        style: Style::Decimal,
        alternative: None,
        consumed: 0,
        separated: false,
    })
}

/// Removes kramdown attribute lists (`{:toc}`, `{: .class}`) at the end of a block's text.
fn strip_attribute_lists(text: &mut String) {
    let trimmed = text.trim_end();
    if trimmed.ends_with('}')
        && let Some(open) = trimmed.rfind("{:")
    {
        text.truncate(open);
        let kept = text.trim_end().len();
        text.truncate(kept);
    }
}

/// The front matter as metadata: its entries from the parsed YAML, or line by line when it is not
/// valid YAML (see [`super::front_matter`]).
fn front_matter(index: &LineIndex, range: Range<usize>, text: String) -> Metadata {
    let first = index.line_of(range.start);
    let last = index.line_of(range.end.saturating_sub(1)).max(first);
    let written = front_matter::line_entries(&text);
    let (entries, not_yaml) = match front_matter::yaml_entries(&text, first + 1) {
        Ok(entries) => (entries, None),
        Err(reason) => (written.clone(), Some(reason)),
    };
    Metadata {
        text,
        entries,
        written,
        not_yaml,
        lines: super::LineRange { first, last },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ClauseKind;

    fn clauses(src: &str) -> Vec<Clause> {
        parse(src).1
    }

    fn summary(src: &str) -> Vec<(String, String)> {
        clauses(src).into_iter().map(|c| (c.id.0, c.text)).collect()
    }

    #[test]
    fn markup_is_not_part_of_the_words() {
        let got = summary("*Recognizing* the [need](http://x) for **action** <!-- note -->,\n");
        assert_eq!(
            got,
            [("¶1".into(), "Recognizing the need for action ,".into())]
        );
    }

    #[test]
    fn headings_give_paths_and_scope_numbered_items() {
        let src = "## Preamble\n\nThe Parties,\n\n## Article 2\n\n1. This Agreement aims:\n\n    1. Holding the increase;\n    2. Increasing the ability.\n\n2. It will be implemented.\n";
        let got = clauses(src);
        let ids: Vec<_> = got.iter().map(|c| c.id.0.as_str()).collect();
        assert_eq!(
            ids,
            [
                "¶1",
                "¶2",
                "Article 2",
                "Article 2.1",
                "Article 2.1.1",
                "Article 2.1.2",
                "Article 2.2"
            ]
        );
        assert_eq!(got[1].kind, ClauseKind::Preambular);
        assert_eq!(got[1].path, ["Preamble"]);
        assert_eq!(got[4].text, "Holding the increase;");
        assert_eq!(got[4].path, ["Article 2"]);
    }

    #[test]
    fn numbered_paragraphs_under_article_headings() {
        let src =
            "### Art 1\n\n(1) Die Würde des Menschen ist\nunantastbar.\n\n(2) Das Deutsche Volk.\n";
        assert_eq!(
            summary(src),
            [
                ("Art 1".into(), "".into()),
                (
                    "Art 1(1)".into(),
                    "Die Würde des Menschen ist unantastbar.".into()
                ),
                ("Art 1(2)".into(), "Das Deutsche Volk.".into()),
            ]
        );
    }

    #[test]
    fn front_matter_is_metadata_not_clauses() {
        let src = "---\ntitle: \"Readout\\\n  \\ of a meeting\"\ndate: '2024-11-16'\n---\n \nPresident Biden met\nPresident Xi.\n";
        let (metadata, clauses) = parse(src);
        let metadata = metadata.unwrap();
        assert_eq!(
            metadata.entries[0],
            ("title".into(), "Readout of a meeting".into())
        );
        assert_eq!(metadata.entries[1], ("date".into(), "2024-11-16".into()));
        assert_eq!(metadata.written[1], ("date".into(), "'2024-11-16'".into()));
        assert_eq!(metadata.not_yaml, None);
        assert_eq!(metadata.lines.first, 1);
        assert_eq!(clauses.len(), 1);
        assert_eq!(clauses[0].text, "President Biden met President Xi.");
        assert_eq!(clauses[0].lines.first, 7);
        assert_eq!(clauses[0].lines.last, 8);
    }

    #[test]
    fn html_blocks_between_list_items_are_ignored() {
        let src = "-   First item\n    continues.\n\n<!-- -->\n\n-   Second item.\n";
        assert_eq!(
            summary(src),
            [
                ("¶1".into(), "First item continues.".into()),
                ("¶2".into(), "Second item.".into())
            ]
        );
    }

    #[test]
    fn ordered_items_keep_the_number_their_marker_shows() {
        let src = "3. Third.\n4. Fourth.\n";
        let ids: Vec<_> = clauses(src).into_iter().map(|c| c.id.0).collect();
        assert_eq!(ids, ["3", "4"]);
    }

    #[test]
    fn non_breaking_spaces_do_not_hide_blank_lines_or_list_markers() {
        let src = "1.\u{202F}We have\nconvened.  \n\u{A0}  \n2.\u{A0} Together, we commit.\n";
        assert_eq!(
            summary(src),
            [
                ("1".into(), "We have convened.".into()),
                ("2".into(), "Together, we commit.".into())
            ]
        );
    }

    #[test]
    fn kramdown_attribute_lists_are_dropped() {
        let got = summary("* TOC\n{:toc}\n\nText.\n");
        assert_eq!(
            got,
            [("¶1".into(), "TOC".into()), ("¶2".into(), "Text.".into())]
        );
    }

    #[test]
    fn table_rows_are_clauses() {
        let got = summary("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert_eq!(
            got,
            [("¶1".into(), "a | b".into()), ("¶2".into(), "1 | 2".into())]
        );
    }

    #[test]
    fn roman_headings() {
        let got = clauses("## I. - Die Grundrechte\n\n### Art 1\n\n(1) Text.\n");
        let ids: Vec<_> = got.iter().map(|c| c.id.0.as_str()).collect();
        assert_eq!(ids, ["I", "Art 1", "Art 1(1)"]);
        assert_eq!(got[0].text, "Die Grundrechte");
        assert_eq!(got[2].path, ["I. - Die Grundrechte", "Art 1"]);
    }
}
