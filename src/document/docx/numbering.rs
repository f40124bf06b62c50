//! Automatic numbering (`word/numbering.xml`): the number Word shows before a list paragraph,
//! computed as Word computes it.
//!
//! A paragraph's `w:numPr` (its own, or its style's) names a numbering instance (`w:num`) and a
//! level (`w:ilvl`). The instance points to an abstract definition (`w:abstractNum`), whose
//! levels give the start value (`w:start`), the number format (`w:numFmt`: decimal, letters,
//! roman numerals, bullets, none), the text around the numbers (`w:lvlText`: `%1.`, `(%2)`,
//! `Article %1`, `%1.%2`), when the level restarts (`w:lvlRestart`; by default whenever a level
//! above it is used) and whether it shows every level as decimal (`w:isLgl`). Instances that share
//! an abstract definition continue one another's numbers, as in Word, unless an instance overrides
//! a level (`w:lvlOverride`, with `w:startOverride` or a level of its own): then it counts on its
//! own, from its override.

use rustc_hash::FxHashMap;

use super::styles::{NumRef, Styles};
use super::xml::{attr, child, child_val, is_on, is_w};
use crate::document::numbering::roman;

/// Word has nine list levels.
const LEVELS: usize = 9;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberFormat {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    None,
}

#[derive(Debug, Clone)]
struct Level {
    start: i64,
    format: NumberFormat,
    text: String,
    /// `w:lvlRestart`: 0 never restarts; n restarts when a level at or above level n (1-based) is used.
    restart: Option<u8>,
    legal: bool,
    /// The paragraph style this level belongs to (`w:pStyle`).
    style: Option<String>,
}

#[derive(Debug, Default)]
struct Abstract {
    levels: Vec<Option<Level>>,
    /// `w:numStyleLink`: the levels are those of the numbering style named.
    style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Instance {
    abstract_id: String,
    /// Levels overridden by this instance: a start value, and possibly a whole level.
    overrides: FxHashMap<u8, (Option<i64>, Option<Level>)>,
}

/// A document's numbering definitions.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: FxHashMap<String, Abstract>,
    instances: FxHashMap<String, Instance>,
}

impl Numbering {
    /// Reads `numbering.xml`; a missing part is a document without automatic numbering.
    pub fn parse(doc: Option<&roxmltree::Document>) -> Numbering {
        let mut numbering = Numbering::default();
        let Some(doc) = doc else {
            return numbering;
        };
        for node in doc.root_element().children() {
            if is_w(node, "abstractNum") {
                let Some(id) = attr(node, "abstractNumId") else {
                    continue;
                };
                let mut levels = vec![None; LEVELS];
                for lvl in node.children().filter(|c| is_w(*c, "lvl")) {
                    if let Some((i, level)) = level(lvl) {
                        levels[i] = Some(level);
                    }
                }
                let style_link = child_val(node, "numStyleLink").map(str::to_string);
                numbering
                    .abstracts
                    .insert(id.to_string(), Abstract { levels, style_link });
            } else if is_w(node, "num") {
                let (Some(id), Some(abstract_id)) =
                    (attr(node, "numId"), child_val(node, "abstractNumId"))
                else {
                    continue;
                };
                let mut overrides = FxHashMap::default();
                for o in node.children().filter(|c| is_w(*c, "lvlOverride")) {
                    let Some(i) = attr(o, "ilvl").and_then(|v| v.parse::<u8>().ok()) else {
                        continue;
                    };
                    let start = child_val(o, "startOverride").and_then(|v| v.parse().ok());
                    let level = child(o, "lvl").and_then(level).map(|(_, l)| l);
                    overrides.insert(i, (start, level));
                }
                numbering.instances.insert(
                    id.to_string(),
                    Instance {
                        abstract_id: abstract_id.to_string(),
                        overrides,
                    },
                );
            }
        }
        numbering
    }

    /// The abstract definition of instance `num_id`, following a numbering-style link once.
    fn abstract_of(&self, num_id: &str, styles: &Styles) -> Option<(&str, &Abstract)> {
        let instance = self.instances.get(num_id)?;
        let id = instance.abstract_id.as_str();
        let definition = self.abstracts.get(id)?;
        if let Some(link) = &definition.style_link
            && let Some((linked, _)) = styles.numbering(Some(link))
            && let Some(linked) = linked.num_id.as_deref()
            && linked != num_id
            && let Some(instance) = self.instances.get(linked)
            && let Some(target) = self.abstracts.get(&instance.abstract_id)
        {
            return Some((instance.abstract_id.as_str(), target));
        }
        Some((id, definition))
    }
}

fn level(node: roxmltree::Node) -> Option<(usize, Level)> {
    let i: usize = attr(node, "ilvl")?.parse().ok()?;
    if i >= LEVELS {
        return None;
    }
    let format = match child_val(node, "numFmt").unwrap_or("decimal") {
        "decimalZero" => NumberFormat::DecimalZero,
        "lowerLetter" => NumberFormat::LowerLetter,
        "upperLetter" => NumberFormat::UpperLetter,
        "lowerRoman" => NumberFormat::LowerRoman,
        "upperRoman" => NumberFormat::UpperRoman,
        "bullet" => NumberFormat::Bullet,
        "none" => NumberFormat::None,
        // Ordinals, number words and the scripts of other languages: their digits.
        _ => NumberFormat::Decimal,
    };
    Some((
        i,
        Level {
            start: child_val(node, "start")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1),
            format,
            text: child_val(node, "lvlText").unwrap_or("").to_string(),
            restart: child_val(node, "lvlRestart").and_then(|v| v.parse().ok()),
            legal: is_on(child(node, "isLgl")),
            style: child_val(node, "pStyle").map(str::to_string),
        },
    ))
}

/// The numbers shown so far, as a document is read from its start.
pub struct Counter<'a> {
    numbering: &'a Numbering,
    styles: &'a Styles,
    /// The current value of each level, by abstract definition (or by instance, for an instance
    /// with overrides); `None` before the level is first used or after it restarts.
    counts: FxHashMap<String, [Option<i64>; LEVELS]>,
    /// The same for instances with overrides, by instance.
    instance_counts: FxHashMap<String, [Option<i64>; LEVELS]>,
}

impl<'a> Counter<'a> {
    /// A counter at the start of a document.
    pub fn new(numbering: &'a Numbering, styles: &'a Styles) -> Counter<'a> {
        Counter {
            numbering,
            styles,
            counts: FxHashMap::default(),
            instance_counts: FxHashMap::default(),
        }
    }

    /// The list level and label of the next paragraph, with numbering `own` of its own (if any)
    /// and style `style`; counts it. `None` when the paragraph is not in a list. The label is empty
    /// for a level without a number (`w:numFmt="none"`).
    pub fn next(&mut self, own: Option<&NumRef>, style: Option<&str>) -> Option<(u8, String)> {
        let from_style = self.styles.numbering(style);
        let (num_id, level) = match own {
            Some(own) => {
                let style_num = from_style.as_ref().map(|(n, _)| n);
                let num_id = own
                    .num_id
                    .as_deref()
                    .or_else(|| style_num.and_then(|n| n.num_id.as_deref()))?;
                (num_id, own.level.or(style_num.and_then(|n| n.level)))
            }
            None => {
                let (num, _) = from_style.as_ref()?;
                (num.num_id.as_deref()?, num.level)
            }
        };
        if num_id == "0" {
            return None;
        }
        let (abstract_id, definition) = self.numbering.abstract_of(num_id, self.styles)?;
        let instance = self.numbering.instances.get(num_id)?;
        let level = level
            .or_else(|| {
                // A style that sets numbering without a level uses the level linked to it.
                let (_, style_id) = from_style.as_ref()?;
                definition
                    .levels
                    .iter()
                    .position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(*style_id))
                    .and_then(|i| u8::try_from(i).ok())
            })
            .unwrap_or(0);
        let index = usize::from(level).min(LEVELS - 1);
        // Each level as this instance has it, by reference: overridden, or its definition's.
        let levels: [Option<(&Level, i64)>; LEVELS] = std::array::from_fn(|i| {
            let overridden = u8::try_from(i)
                .ok()
                .and_then(|i| instance.overrides.get(&i));
            let level = overridden
                .and_then(|(_, l)| l.as_ref())
                .or(definition.levels[i].as_ref())?;
            let start = match overridden {
                Some((Some(start), _)) => *start,
                _ => level.start,
            };
            Some((level, start))
        });
        let (this, this_start) = levels[index]?;
        // Looked up before it is made, so a list counted before costs no new key.
        let (map, key) = if instance.overrides.is_empty() {
            (&mut self.counts, abstract_id)
        } else {
            (&mut self.instance_counts, num_id)
        };
        if !map.contains_key(key) {
            map.insert(key.to_string(), [None; LEVELS]);
        }
        let counts = map.get_mut(key)?;
        counts[index] = Some(counts[index].map_or(this_start, |n| n + 1));
        for (deeper, l) in levels.iter().enumerate().skip(index + 1) {
            let restarts = match l.and_then(|(l, _)| l.restart) {
                None => true,
                Some(0) => false,
                Some(r) => index < usize::from(r),
            };
            if restarts {
                counts[deeper] = None;
            }
        }
        if this.format == NumberFormat::Bullet {
            return Some((level, "•".to_string()));
        }
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let referenced = (c == '%')
                .then(|| chars.peek().and_then(|d| d.to_digit(10)))
                .flatten()
                .filter(|d| (1..=9).contains(d));
            let Some(d) = referenced else {
                label.push(c);
                continue;
            };
            chars.next();
            let k = usize::try_from(d - 1).unwrap_or(0);
            let Some((referenced, start)) = levels[k] else {
                continue;
            };
            let value = counts[k].unwrap_or(start);
            let format = if this.legal && k != index {
                NumberFormat::Decimal
            } else {
                referenced.format
            };
            label.push_str(&format_number(value, format));
        }
        Some((level, label.trim().to_string()))
    }
}

/// A number as Word writes it in `format`.
fn format_number(n: i64, format: NumberFormat) -> String {
    match format {
        NumberFormat::Decimal => n.to_string(),
        NumberFormat::DecimalZero if (0..10).contains(&n) => format!("0{n}"),
        NumberFormat::DecimalZero => n.to_string(),
        NumberFormat::LowerLetter | NumberFormat::UpperLetter if n >= 1 => {
            // Word repeats the letter past z: y, z, aa, bb, cc.
            let letter = char::from(b'a' + u8::try_from((n - 1) % 26).unwrap_or(0));
            let times = usize::try_from((n - 1) / 26 + 1).unwrap_or(1).min(64);
            let text: String = std::iter::repeat_n(letter, times).collect();
            if format == NumberFormat::UpperLetter {
                text.to_uppercase()
            } else {
                text
            }
        }
        NumberFormat::LowerRoman | NumberFormat::UpperRoman if (1..4000).contains(&n) => {
            let text = roman(n);
            if format == NumberFormat::LowerRoman {
                text.to_lowercase()
            } else {
                text
            }
        }
        NumberFormat::Bullet => "•".to_string(),
        NumberFormat::None => String::new(),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn numbering(body: &str) -> Numbering {
        let xml = format!("<w:numbering {W}>{body}</w:numbering>");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        Numbering::parse(Some(&doc))
    }

    fn lvl(i: u8, format: &str, text: &str, extra: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>"#
        )
    }

    fn labels(n: &Numbering, paragraphs: &[(&str, u8)]) -> Vec<String> {
        let styles = Styles::default();
        let mut counter = Counter::new(n, &styles);
        paragraphs
            .iter()
            .map(|(num, level)| {
                let own = NumRef {
                    num_id: Some((*num).to_string()),
                    level: Some(*level),
                };
                counter
                    .next(Some(&own), None)
                    .map(|(_, l)| l)
                    .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn levels_nest_restart_and_combine() {
        let n = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, "decimal", "Article %1", ""),
            lvl(1, "decimal", "%1.%2", ""),
            lvl(2, "lowerLetter", "(%3)", ""),
        ));
        let got = labels(
            &n,
            &[
                ("1", 0),
                ("1", 1),
                ("1", 2),
                ("1", 2),
                ("1", 1),
                ("1", 0),
                ("1", 1),
            ],
        );
        assert_eq!(
            got,
            ["Article 1", "1.1", "(a)", "(b)", "1.2", "Article 2", "2.1"]
        );
    }

    #[test]
    fn a_start_override_restarts_an_instance() {
        let n = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}</w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, "upperRoman", "%1.", ""),
        ));
        // Instances 1 and 3 share their definition's count; 2 restarts at V.
        let got = labels(&n, &[("1", 0), ("1", 0), ("2", 0), ("2", 0), ("3", 0)]);
        assert_eq!(got, ["I.", "II.", "V.", "VI.", "III."]);
    }

    #[test]
    fn formats_and_bullets() {
        assert_eq!(format_number(28, NumberFormat::LowerLetter), "bb");
        assert_eq!(format_number(4, NumberFormat::UpperRoman), "IV");
        assert_eq!(format_number(7, NumberFormat::DecimalZero), "07");
        let n = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, "bullet", "\u{F0B7}", ""),
            lvl(1, "decimal", "%2)", r#"<w:lvlRestart w:val="0"/>"#),
        ));
        // Level 2 never restarts: it goes on counting after a new bullet.
        let got = labels(&n, &[("1", 0), ("1", 1), ("1", 0), ("1", 1), ("0", 0)]);
        assert_eq!(got, ["•", "1)", "•", "2)", ""]);
    }

    #[test]
    fn legal_numbering_shows_every_level_as_digits() {
        let n = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, "upperRoman", "%1.", ""),
            lvl(1, "decimal", "%1.%2", "<w:isLgl/>"),
        ));
        assert_eq!(labels(&n, &[("1", 0), ("1", 1)]), ["I.", "1.1"]);
    }
}
