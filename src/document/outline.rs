//! Turning the blocks a parser finds into clauses: ids, kinds and heading paths.
//!
//! Both parsers hand their blocks (headings, paragraphs, list items) to one [`Outline`], so plain text and
//! Markdown number clauses the same way:
//! - a numbered paragraph's id is its label joined to the labels it nests under: `1` then `(a)` gives
//!   `1(a)`, `1` then `1` in a nested Markdown list gives `1.1`;
//! - under a numbered heading (`Article 4`, `Sec. 104`, `Art 1`) ids are qualified by it: `Article 4.2`,
//!   `Art 1(1)`; labels that are complete on their own (`Article 5`, `OP3`, `3.2`) are not;
//! - clauses without a number get a positional id, `¶3`, counted within their numbered heading
//!   (`Article 3 ¶1`) or the document;
//! - an id seen before gets a `#2`, `#3` suffix, so ids are unique within a draft.

use rustc_hash::FxHashMap;

use super::numbering::{Label, Style};
use super::{Brackets, Clause, ClauseId, ClauseKind, LineRange, TextSpan, Tokens};

/// What a parser found.
pub(super) enum Block {
    /// A heading of a given rank (1 = outermost), with the label it starts with, if any.
    Heading {
        rank: u8,
        label: Option<Label>,
        /// The heading as written (markup removed), for paths.
        display: String,
        /// The heading's text after its label.
        span: TextSpan,
    },
    /// A paragraph, with the label that starts it, if any.
    Paragraph {
        label: Option<Label>,
        span: TextSpan,
    },
    /// An item of a (Markdown) list nested `depth` lists deep (1 = top level), numbered or bulleted.
    ListItem {
        depth: usize,
        label: Option<Label>,
        span: TextSpan,
    },
}

/// A numbered paragraph that later ones may nest under.
struct Numbered {
    style: Style,
    /// Its own label, `(h)`.
    label: String,
    /// Its full id, `4(h)`.
    id: String,
}

struct Heading {
    rank: u8,
    display: String,
    label: Option<String>,
}

/// Builds clauses from blocks in document order.
#[derive(Default)]
pub(super) struct Outline {
    headings: Vec<Heading>,
    /// Styles and full ids of the paragraphs the next one may nest under.
    numbering: Vec<Numbered>,
    /// Labels of the open list items, by depth (`None` for bullets).
    list: Vec<Option<(String, bool)>>,
    /// Clauses seen since the last numbered heading, for positional ids.
    positional: usize,
    seen: FxHashMap<String, u32>,
    clauses: Vec<Clause>,
}

impl Outline {
    pub(super) fn finish(self) -> Vec<Clause> {
        self.clauses
    }

    pub(super) fn push(&mut self, block: Block) {
        match block {
            Block::Heading {
                rank,
                label,
                display,
                span,
            } => self.push_heading(rank, label, display, span),
            Block::Paragraph { label, span } => self.push_paragraph(label, span),
            Block::ListItem { depth, label, span } => self.push_item(depth, label, span),
        }
    }

    fn push_heading(&mut self, rank: u8, label: Option<Label>, display: String, span: TextSpan) {
        while self.headings.last().is_some_and(|h| h.rank >= rank) {
            self.headings.pop();
        }
        self.numbering.clear();
        self.list.clear();
        let label = label.filter(|l| l.style != Style::Bullet);
        let (id, numbered) = match &label {
            Some(label) => {
                self.positional = 0;
                (
                    label
                        .id
                        .trim_start_matches('(')
                        .trim_end_matches(')')
                        .to_string(),
                    true,
                )
            }
            None => (self.positional_id(), false),
        };
        let path = self.path();
        self.headings.push(Heading {
            rank,
            display,
            label: numbered.then(|| id.clone()),
        });
        self.emit(id, numbered, ClauseKind::Heading, path, span);
    }

    fn push_paragraph(&mut self, label: Option<Label>, span: TextSpan) {
        let bullet = label.as_ref().is_some_and(|l| l.style == Style::Bullet);
        let Some(label) = label.filter(|_| !bullet) else {
            let kind = if bullet {
                ClauseKind::ListItem
            } else {
                self.unnumbered_kind(&span.text)
            };
            let id = self.positional_id();
            let path = self.path();
            return self.emit(id, false, kind, path, span);
        };
        let style = self.resolve(&label);
        let kind = match style {
            Style::Operative => ClauseKind::Operative,
            Style::Preambular => ClauseKind::Preambular,
            _ if self.in_preamble() || starts_with_whereas(&span.text) => ClauseKind::Preambular,
            _ => ClauseKind::Numbered,
        };
        if style.is_absolute() {
            self.numbering.clear();
        } else if let Some(at) = self.numbering.iter().position(|n| n.style == style) {
            self.numbering.truncate(at);
        }
        let id = match (self.numbering.last(), style) {
            (Some(parent), _) => join_labels([parent.id.as_str(), label.id.as_str()]),
            (None, Style::Keyword(_) | Style::Operative | Style::Preambular) => label.id.clone(),
            (None, _) => self.qualify(&label.id, style == Style::Dotted),
        };
        self.numbering.push(Numbered {
            style,
            label: label.id.clone(),
            id: id.clone(),
        });
        let path = self.path();
        self.emit(id, true, kind, path, span);
    }

    fn push_item(&mut self, depth: usize, label: Option<Label>, span: TextSpan) {
        self.list.truncate(depth.saturating_sub(1));
        while self.list.len() + 1 < depth {
            self.list.push(None);
        }
        let label = label.filter(|l| l.style != Style::Bullet);
        self.list.push(
            label
                .as_ref()
                .map(|l| (l.id.clone(), l.style.is_absolute())),
        );
        let path = self.path();
        if label.is_none() {
            let id = self.positional_id();
            return self.emit(id, false, ClauseKind::ListItem, path, span);
        }
        // A label that is a full path (`1.2` under `1.`, as Word's `%1.%2` numbers it) starts the id.
        let from = self
            .list
            .iter()
            .rposition(|l| l.as_ref().is_some_and(|(_, absolute)| *absolute))
            .unwrap_or(0);
        let own = join_labels(
            self.list[from..]
                .iter()
                .flatten()
                .map(|(id, _)| id.as_str()),
        );
        let id = self.qualify(&own, false);
        let kind = if self.in_preamble() {
            ClauseKind::Preambular
        } else {
            ClauseKind::Numbered
        };
        self.emit(id, true, kind, path, span);
    }

    /// Chooses between the two readings of an ambiguous label (`(i)`, `(v)`, `(c)`): the one that
    /// continues a sequence open on the stack (`(i)` after `(h)` is a letter, `(v)` after `(iv)` a
    /// numeral); otherwise the label's first reading.
    fn resolve(&self, label: &Label) -> Style {
        let Some(alternative) = label.alternative else {
            return label.style;
        };
        let own = label.id.trim_matches(['(', ')']);
        for entry in self.numbering.iter().rev() {
            if entry.style != label.style && entry.style != alternative {
                continue;
            }
            let last = entry.label.trim_matches(['(', ')']);
            let follows = match entry.style {
                Style::LowerAlpha | Style::UpperAlpha => next_letter(last).as_deref() == Some(own),
                _ => roman_value(last).is_some_and(|v| roman_value(own) == Some(v + 1)),
            };
            if follows {
                return entry.style;
            }
        }
        label.style
    }

    /// Qualifies a nested label by the nearest numbered heading: `Article 4` and `2` give `Article 4.2`.
    /// A dotted label that already starts with the heading's number (`4.2` under `Article 4`) is left as
    /// it is.
    fn qualify(&self, own: &str, dotted: bool) -> String {
        let Some(scope) = self.headings.iter().rev().find_map(|h| h.label.as_deref()) else {
            return own.to_string();
        };
        let scope_number = scope.rsplit(' ').next().unwrap_or(scope);
        if dotted && own.split('.').next() == Some(scope_number) {
            return own.to_string();
        }
        join_labels([scope, own])
    }

    fn positional_id(&mut self) -> String {
        self.positional += 1;
        match self.headings.iter().rev().find_map(|h| h.label.as_deref()) {
            Some(scope) => format!("{scope} ¶{}", self.positional),
            None => format!("¶{}", self.positional),
        }
    }

    fn path(&self) -> Vec<String> {
        self.headings.iter().map(|h| h.display.clone()).collect()
    }

    fn in_preamble(&self) -> bool {
        self.headings.iter().any(|h| {
            let title = h.display.trim().trim_end_matches(':').to_lowercase();
            matches!(
                title.as_str(),
                "preamble" | "präambel" | "préambule" | "preámbulo" | "preambolo"
            )
        })
    }

    fn unnumbered_kind(&self, text: &str) -> ClauseKind {
        if self.in_preamble() || starts_with_whereas(text) {
            ClauseKind::Preambular
        } else {
            ClauseKind::Paragraph
        }
    }

    fn emit(
        &mut self,
        id: String,
        numbered: bool,
        kind: ClauseKind,
        path: Vec<String>,
        span: TextSpan,
    ) {
        if kind != ClauseKind::Heading {
            // Positional ids count every clause of their section, numbered or not.
            if numbered {
                self.positional += 1;
            }
        }
        let count = self.seen.entry(id.clone()).or_insert(0);
        *count += 1;
        let id = if *count == 1 {
            id
        } else {
            format!("{id}#{count}")
        };
        self.clauses.push(Clause {
            id: ClauseId(id),
            numbered,
            kind,
            path,
            text: span.text,
            lines: LineRange {
                first: span.first_line,
                last: span.last_line.max(span.first_line),
            },
            marks: span.marks,
            key: span.key,
            tokens: Tokens::default(),
            brackets: Brackets::default(),
        });
    }
}

/// The letter after `last` (`h` → `i`), for single letters.
fn next_letter(last: &str) -> Option<String> {
    let mut chars = last.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    char::from_u32(u32::from(c) + 1).map(String::from)
}

/// The value of a roman numeral below 40 (`iv` → 4).
fn roman_value(s: &str) -> Option<u32> {
    let lower = s.to_ascii_lowercase();
    let tens = lower.bytes().take_while(|&b| b == b'x').count();
    let units = match &lower[tens..] {
        "" => 0,
        "i" => 1,
        "ii" => 2,
        "iii" => 3,
        "iv" => 4,
        "v" => 5,
        "vi" => 6,
        "vii" => 7,
        "viii" => 8,
        "ix" => 9,
        _ => return None,
    };
    let value = u32::try_from(tens).ok()? * 10 + units;
    (value > 0).then_some(value)
}

/// Joins nested labels: `(…)` labels attach directly (`4(a)`), others with a dot (`2.1`).
fn join_labels<'a>(labels: impl IntoIterator<Item = &'a str>) -> String {
    let mut id = String::new();
    for label in labels {
        if !id.is_empty() && !label.starts_with('(') {
            id.push('.');
        }
        id.push_str(label);
    }
    id
}

fn starts_with_whereas(text: &str) -> bool {
    let head: String = text.chars().take(8).collect::<String>().to_lowercase();
    head.starts_with("whereas") && !head[7..].starts_with(|c: char| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_labels_join_like_legal_citations() {
        assert_eq!(join_labels(["1", "(a)", "(iii)"]), "1(a)(iii)");
        assert_eq!(join_labels(["Article 2", "1", "(a)"]), "Article 2.1(a)");
        assert_eq!(join_labels(["Sec. 104", "(a)", "(1)"]), "Sec. 104(a)(1)");
    }

    #[test]
    fn roman_values() {
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("c"), None);
        assert_eq!(next_letter("h").as_deref(), Some("i"));
    }

    #[test]
    fn whereas_clauses_are_preambular() {
        assert!(starts_with_whereas("Whereas fifth generation"));
        assert!(starts_with_whereas("WHEREAS, in 2012"));
        assert!(!starts_with_whereas("Whereasfoo"));
    }
}
