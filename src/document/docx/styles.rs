//! Paragraph styles (`word/styles.xml`): which are headings, and which carry list numbering.
//!
//! A style is a heading when its name is `Title` (rank 1) or `heading N` (rank N, at most 6) —
//! names, not ids, because ids are translated (`berschrift1`) while names are not — or when it
//! sets an outline level (`w:outlineLvl` 0–5, rank 1–6). Styles inherit through `w:basedOn`.

use rustc_hash::FxHashMap;

use super::xml::{attr, child, child_val, is_w};

/// The numbering a paragraph or style sets (`w:numPr`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumRef {
    /// `w:numId`; `0` turns numbering off.
    pub num_id: Option<String>,
    /// `w:ilvl`, the list level (0 = outermost).
    pub level: Option<u8>,
}

#[derive(Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<NumRef>,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub struct Styles {
    styles: FxHashMap<String, Style>,
    default: Option<String>,
}

/// How far `w:basedOn` chains are followed (they may loop in a damaged file).
const MAX_CHAIN: usize = 32;

impl Styles {
    /// Reads `styles.xml`; a missing or unreadable part is a document without styles.
    pub fn parse(doc: Option<&roxmltree::Document>) -> Styles {
        let mut styles = Styles::default();
        let Some(doc) = doc else {
            return styles;
        };
        for node in doc.root_element().children().filter(|n| is_w(*n, "style")) {
            if attr(node, "type").is_some_and(|t| t != "paragraph") {
                continue;
            }
            let Some(id) = attr(node, "styleId") else {
                continue;
            };
            if matches!(attr(node, "default"), Some("1" | "true" | "on")) {
                styles.default = Some(id.to_string());
            }
            let ppr = child(node, "pPr");
            styles.styles.insert(
                id.to_string(),
                Style {
                    name: child_val(node, "name").unwrap_or("").to_ascii_lowercase(),
                    based_on: child_val(node, "basedOn").map(str::to_string),
                    outline: ppr
                        .and_then(|p| child_val(p, "outlineLvl"))
                        .and_then(|v| v.parse().ok()),
                    num: ppr.and_then(|p| child(p, "numPr")).map(num_ref),
                },
            );
        }
        styles
    }

    /// The styles `id` inherits from, itself first (the default paragraph style for none).
    fn chain<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = (&'a str, &'a Style)> + 'a {
        let mut next = id.or(self.default.as_deref());
        std::iter::from_fn(move || {
            let id = next?;
            let style = self.styles.get(id)?;
            next = style.based_on.as_deref();
            Some((id, style))
        })
        .take(MAX_CHAIN)
    }

    /// The heading rank (1–6) of a paragraph in style `id` with outline level `outline` of its
    /// own, if it is a heading.
    pub fn heading(&self, id: Option<&str>, outline: Option<u8>) -> Option<u8> {
        if let Some(level) = outline {
            return (level < 6).then_some(level + 1);
        }
        for (_, style) in self.chain(id) {
            if style.name == "title" {
                return Some(1);
            }
            if let Some(n) = style
                .name
                .strip_prefix("heading ")
                .and_then(|n| n.trim().parse::<u8>().ok())
            {
                return Some(n.clamp(1, 6));
            }
            if let Some(level) = style.outline {
                return (level < 6).then_some(level + 1);
            }
        }
        None
    }

    /// The numbering style `id` gives its paragraphs, with the id of the style that set it (a
    /// level whose `w:pStyle` names that style is the one used when the style gives no level).
    pub fn numbering<'a>(&'a self, id: Option<&'a str>) -> Option<(NumRef, &'a str)> {
        self.chain(id)
            .find_map(|(id, style)| style.num.clone().map(|num| (num, id)))
    }
}

/// A `w:numPr` element's numbering.
pub fn num_ref(node: roxmltree::Node) -> NumRef {
    NumRef {
        num_id: child_val(node, "numId").map(str::to_string),
        level: child_val(node, "ilvl").and_then(|v| v.parse().ok()),
    }
}
