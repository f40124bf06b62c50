//! Recognising the numbering a draft writes at the start of a paragraph or heading.
//!
//! Legal and diplomatic texts number their parts in a handful of styles: `1.`, `3.2`, `(a)`, `(iii)`,
//! `Article 5`, `Sec. 101.`, `§ 7`, `OP3`, `PP2`, `3 bis.`. This module only reads one label off the front
//! of a line; how labels nest into ids is the outline builder's job.

/// The numbering style of a label. Labels of the same style are siblings; a new style nests deeper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `1.`, `1)`, `3 bis.`
    Decimal,
    /// `1.2`, `1.2.3`: a full path on its own.
    Dotted,
    /// `(1)`
    ParenDecimal,
    /// `(a)`, `a)`, `a.`
    LowerAlpha,
    /// `(A)`, `A.`
    UpperAlpha,
    /// `(iv)`, `iv.`
    LowerRoman,
    /// `(IV)`, `IV.`
    UpperRoman,
    /// `Article 5`, `Sec. 101`, `§ 7`, `PART II`, with the rank of the keyword (1 = outermost).
    Keyword(u8),
    /// `OP3`: an operative paragraph of a resolution.
    Operative,
    /// `PP2`: a preambular paragraph of a resolution.
    Preambular,
    /// `-`, `*`, `•`: a list item without a number.
    Bullet,
}

impl Style {
    /// Whether a label of this style is a complete id by itself rather than a level under its parents.
    pub(crate) fn is_absolute(self) -> bool {
        matches!(
            self,
            Style::Dotted | Style::Keyword(_) | Style::Operative | Style::Preambular
        )
    }
}

/// A numbering label read off the front of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    /// The label as it appears in clause ids: `4`, `(a)`, `Article 5`, `OP3`, `§ 7`.
    pub id: String,
    /// Its style.
    pub style: Style,
    /// The style to use instead when the surrounding numbering says so (`(i)` after `(h)` is a letter).
    pub alternative: Option<Style>,
    /// Bytes of the line taken by the label, its separator and the spaces after them.
    pub consumed: usize,
    /// Whether an explicit separator (`—`, `:`, `.`) follows a keyword label, as in `Article 3 — Title`.
    pub separated: bool,
}

/// Keywords that introduce a numbered part, with their rank (1 = outermost).
const KEYWORDS: &[(&str, u8)] = &[
    ("part", 1),
    ("book", 1),
    ("annex", 1),
    ("appendix", 1),
    ("schedule", 1),
    ("division", 1),
    ("teil", 1),
    ("title", 2),
    ("chapter", 2),
    ("chap", 2),
    ("kapitel", 2),
    ("subtitle", 3),
    ("subchapter", 3),
    ("subpart", 3),
    ("subdivision", 3),
    ("abschnitt", 3),
    ("article", 4),
    ("art", 4),
    ("artikel", 4),
    ("section", 4),
    ("sec", 4),
    ("sect", 4),
    ("rule", 4),
    ("regulation", 4),
    ("paragraph", 4),
    ("para", 4),
    ("clause", 4),
    // French, Spanish, German, Russian and Arabic: the words that number parts of treaties and laws.
    ("partie", 1),
    ("parte", 1),
    ("titre", 2),
    ("título", 2),
    ("chapitre", 2),
    ("capítulo", 2),
    ("sección", 4),
    ("artículo", 4),
    ("articulo", 4),
    ("часть", 1),
    ("раздел", 1),
    ("глава", 2),
    ("статья", 4),
    ("الباب", 1),
    ("الفصل", 2),
    ("المادة", 4),
    // A Word document's notes, as the Word reader writes them: `Footnote 2`.
    ("footnote", 4),
    ("endnote", 4),
];

/// Chinese numerals up to 99, the enumerations of Chinese drafts (一、二、, （一）, 第一条).
fn chinese_number(s: &str) -> Option<(u32, usize)> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|d| d as u32)
    };
    let mut value = 0u32;
    let mut current = None::<u32>;
    let mut len = 0;
    for c in s.chars() {
        if let Some(d) = digit(c)
            .or((c == '两').then_some(2))
            .or((c == '零').then_some(0))
        {
            current = Some(d);
        } else if c == '十' {
            value += current.unwrap_or(1) * 10;
            current = None;
        } else if c == '百' {
            value += current.unwrap_or(1) * 100;
            current = None;
        } else {
            break;
        }
        len += c.len_utf8();
    }
    (len > 0).then(|| (value + current.unwrap_or(0), len))
}

/// `一、`, `（一）`, `(一)`, `第一条`, `第三章`: Chinese enumerations and parts, read as the numbers they
/// are (`1`, `(1)`, `Article 1` as `第1条`), so renumbering and the language versions line up.
fn chinese(line: &str) -> Option<Label> {
    if let Some(rest) = line.strip_prefix('第') {
        let (n, len) = chinese_number(rest).or_else(|| {
            let d = digits(rest, 4)?;
            Some((d.parse().ok()?, d.len()))
        })?;
        let unit = rest[len..].chars().next()?;
        let rank = match unit {
            '编' => 1,
            '章' => 2,
            '节' => 3,
            '条' => 4,
            _ => return None,
        };
        let at = '第'.len_utf8() + len + unit.len_utf8();
        return Some(Label {
            id: format!("第{n}{unit}"),
            style: Style::Keyword(rank),
            alternative: None,
            consumed: at + leading_space(&line[at..]),
            separated: true,
        });
    }
    let (open, inner) = match line.strip_prefix(['（', '(']) {
        Some(inner) => (line.len() - inner.len(), inner),
        None => (0, line),
    };
    let (n, len) = chinese_number(inner)?;
    let after = &inner[len..];
    let close = if open > 0 {
        after.strip_prefix(['）', ')'])?
    } else {
        after.strip_prefix(['、', '.', '．'])?
    };
    let consumed = line.len() - close.len();
    Some(Label {
        id: if open > 0 {
            format!("({n})")
        } else {
            n.to_string()
        },
        style: if open > 0 {
            Style::ParenDecimal
        } else {
            Style::Decimal
        },
        alternative: None,
        consumed: consumed + leading_space(close),
        separated: false,
    })
}

/// `n` in upper-case Roman numerals (`XIV`), as documents that number by them write it: what a
/// web page's `<ol type="I">` and Word's `upperRoman` show.
pub(super) fn roman(mut n: i64) -> String {
    const DIGITS: &[(i64, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Latin ordinal suffixes of paragraphs inserted between two numbers in UN drafts: `3 bis`.
const ORDINAL_SUFFIXES: &[&str] = &[
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "novies",
];

const BULLETS: &[char] = &['-', '*', '•', '–', '▪', '‣', '◦', '·', '+'];

/// Reads a numbering label off the front of `line` (which starts with its first non-space character).
pub(crate) fn parse_label(line: &str) -> Option<Label> {
    let first = line.chars().next()?;
    if first == '§' {
        return section_sign(line);
    }
    if BULLETS.contains(&first) {
        let rest = &line[first.len_utf8()..];
        if rest.is_empty() || rest.starts_with(char::is_whitespace) {
            return Some(Label {
                id: String::new(),
                style: Style::Bullet,
                alternative: None,
                consumed: first.len_utf8() + leading_space(rest),
                separated: false,
            });
        }
        return None;
    }
    if first == '(' {
        return parenthesised(line).or_else(|| chinese(line));
    }
    if matches!(first, '第' | '（') || chinese_number(line).is_some() {
        return chinese(line);
    }
    if first.is_ascii_digit() {
        return numeric(line);
    }
    if first.is_alphabetic() {
        return disposition(line)
            .or_else(|| keyword(line))
            .or_else(|| resolution_paragraph(line))
            .or_else(|| lettered(line));
    }
    None
}

fn leading_space(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// Whether the label ends at `rest`: the line ends or whitespace follows.
fn ends_label(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with(char::is_whitespace)
}

fn digits(s: &str, max: usize) -> Option<&str> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (n > 0 && n <= max).then(|| &s[..n])
}

/// An ordinal suffix (`bis`, `ter`) right after a number, with or without a space.
fn ordinal_suffix(rest: &str) -> Option<(&'static str, usize)> {
    let spaced = rest.starts_with(' ');
    let body = if spaced { &rest[1..] } else { rest };
    ORDINAL_SUFFIXES.iter().find_map(|suffix| {
        let tail = body.get(suffix.len()..)?;
        let matches = body[..suffix.len()].eq_ignore_ascii_case(suffix)
            && !tail.starts_with(|c: char| c.is_alphanumeric());
        matches.then_some((*suffix, suffix.len() + usize::from(spaced)))
    })
}

/// `1.`, `12)`, `1.2`, `1.2.3.`, `3 bis.`
fn numeric(line: &str) -> Option<Label> {
    let head = digits(line, 3)?;
    let mut at = head.len();
    let mut id = head.to_string();
    let mut dotted = false;
    // 1.2, 1.2.3: dotted paths.
    while line[at..].starts_with('.')
        && let Some(more) = digits(&line[at + 1..], 3)
    {
        id.push('.');
        id.push_str(more);
        at += 1 + more.len();
        dotted = true;
    }
    // `1.º`, `2.ª`: the ordinal items of Spanish (and Portuguese) laws, `2.º bis`. Without the full
    // stop an ordinal is a word of the sentence ("el 55º período de sesiones").
    if !dotted {
        let ordinal = [".º", ".ª"].iter().find(|mark| {
            line[at..]
                .strip_prefix(**mark)
                .is_some_and(|after| ends_label(after) || after.starts_with('.'))
        });
        if let Some(mark) = ordinal {
            id.push_str(mark);
            at += mark.len();
            if let Some((suffix, len)) = ordinal_suffix(&line[at..]) {
                id.push(' ');
                id.push_str(suffix);
                at += len;
            }
            let after = line[at..].strip_prefix('.').map_or(at, |_| at + 1);
            if !ends_label(&line[after..]) {
                return None;
            }
            return Some(Label {
                id,
                style: Style::Decimal,
                alternative: None,
                consumed: after + leading_space(&line[after..]),
                separated: false,
            });
        }
    }
    if !dotted && let Some((suffix, len)) = ordinal_suffix(&line[at..]) {
        id.push(' ');
        id.push_str(suffix);
        at += len;
    }
    let rest = &line[at..];
    let consumed = if let Some(after) = rest.strip_prefix(['.', ')']) {
        if !ends_label(after) {
            return None;
        }
        at + 1
    } else if dotted && ends_label(rest) {
        at
    } else {
        return None;
    };
    Some(Label {
        id,
        style: if dotted {
            Style::Dotted
        } else {
            Style::Decimal
        },
        alternative: None,
        consumed: consumed + leading_space(&line[consumed..]),
        separated: false,
    })
}

/// `(1)`, `(a)`, `(iv)`, `(A)`, `(IV)`, `(aa)`
fn parenthesised(line: &str) -> Option<Label> {
    let close = line.find(')')?;
    let inner = &line[1..close];
    let rest = &line[close + 1..];
    if inner.is_empty() || !ends_label(rest) {
        return None;
    }
    let (style, alternative) = if inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()) {
        (Style::ParenDecimal, None)
    } else {
        letter_style(inner)?
    };
    let consumed = close + 1 + leading_space(rest);
    Some(Label {
        id: format!("({inner})"),
        style,
        alternative,
        consumed,
        separated: false,
    })
}

/// `a)`, `a.`, `iv.`, `A.`, `IV.`: letters or roman numerals closed by `)` or `.`.
fn lettered(line: &str) -> Option<Label> {
    let n = line.bytes().take_while(u8::is_ascii_alphabetic).count();
    if n == 0 || n > 6 {
        return None;
    }
    let inner = &line[..n];
    let rest = line[n..].strip_prefix(['.', ')'])?;
    if !ends_label(rest) {
        return None;
    }
    let (style, alternative) = letter_style(inner)?;
    Some(Label {
        id: format!("({inner})"),
        style,
        alternative,
        consumed: n + 1 + leading_space(rest),
        separated: false,
    })
}

/// The style of a letter label, and the other reading where one exists (`i` is a numeral or a letter).
fn letter_style(inner: &str) -> Option<(Style, Option<Style>)> {
    let lower = inner.bytes().all(|b| b.is_ascii_lowercase());
    let upper = inner.bytes().all(|b| b.is_ascii_uppercase());
    if !lower && !upper {
        return None;
    }
    let (alpha, roman) = if lower {
        (Style::LowerAlpha, Style::LowerRoman)
    } else {
        (Style::UpperAlpha, Style::UpperRoman)
    };
    let bytes = inner.as_bytes();
    if bytes.len() == 1 {
        return Some(match bytes[0].to_ascii_lowercase() {
            b'i' => (roman, Some(alpha)),
            b'v' | b'x' | b'l' | b'c' | b'd' | b'm' => (alpha, Some(roman)),
            _ => (alpha, None),
        });
    }
    if is_roman(inner) {
        return Some((roman, None));
    }
    // (aa), (bb): doubled letters continue an alphabet past z.
    bytes
        .iter()
        .all(|&b| b == bytes[0])
        .then_some((alpha, None))
}

/// Whether `s` is a well-formed roman numeral below 40 (legal subdivisions never go further).
fn is_roman(s: &str) -> bool {
    const UNITS: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    const TENS: [&str; 4] = ["", "x", "xx", "xxx"];
    let lower = s.to_ascii_lowercase();
    !lower.is_empty()
        && TENS.iter().any(|tens| {
            lower
                .strip_prefix(tens)
                .is_some_and(|units| UNITS.contains(&units))
        })
}

/// `OP3`, `OP 3.`, `PP12`
fn resolution_paragraph(line: &str) -> Option<Label> {
    let style = if line.starts_with("OP") {
        Style::Operative
    } else if line.starts_with("PP") {
        Style::Preambular
    } else {
        return None;
    };
    let mut at = 2;
    if line[at..].starts_with(' ') {
        at += 1;
    }
    let number = digits(&line[at..], 3)?;
    at += number.len();
    if line[at..].starts_with(['.', ':']) {
        at += 1;
    }
    let rest = &line[at..];
    if !ends_label(rest) {
        return None;
    }
    Some(Label {
        id: format!("{}{number}", &line[..2]),
        style,
        alternative: None,
        consumed: at + leading_space(rest),
        separated: false,
    })
}

/// `§ 7`, `§7a`
fn section_sign(line: &str) -> Option<Label> {
    let after = &line['§'.len_utf8()..];
    if after.starts_with('§') {
        return None;
    }
    let space = leading_space(after);
    let number = keyword_number(&after[space..])?;
    let at = '§'.len_utf8() + space + number.len();
    keyword_tail(line, at, format!("§ {number}"), 4)
}

/// `Article 5`, `Art. 16a`, `Sec. 101.`, `PART II`, `Annex A`, `Section 2.3`
fn keyword(line: &str) -> Option<Label> {
    let word_len: usize = line
        .chars()
        .take_while(|c| c.is_alphabetic())
        .map(char::len_utf8)
        .sum();
    let word = &line[..word_len];
    let lower = word.to_lowercase();
    let rank = KEYWORDS.iter().find(|(k, _)| *k == lower)?.1;
    let mut at = word_len;
    // "Article premier", "Article 1er": the first article, as French numbers it.
    let rest = &line[at..];
    for first in [" premier", " première", " 1er", " 1re"] {
        if let Some(after) = rest.strip_prefix(first)
            && !after.starts_with(char::is_alphanumeric)
        {
            return keyword_tail(line, at + first.len(), format!("{word} 1"), rank);
        }
    }
    let dot = line[at..].starts_with('.');
    if dot {
        at += 1;
    }
    let space = leading_space(&line[at..]);
    if space == 0 && !dot {
        return None;
    }
    at += space;
    let number = keyword_number(&line[at..])?;
    at += number.len();
    let mut id = format!("{} {number}", &line[..word_len + usize::from(dot)]);
    if let Some((suffix, len)) = ordinal_suffix(&line[at..]) {
        id.push(' ');
        id.push_str(suffix);
        at += len;
    }
    keyword_tail(line, at, id, rank)
}

/// The kinds of the provisions that close a Spanish law: `Disposición adicional primera`,
/// `Disposición transitoria única`, `Disposición derogatoria única`, `Disposición final segunda`.
const DISPOSITION_KINDS: &[&str] = &["adicional", "transitoria", "derogatoria", "final"];

/// The feminine ordinals that number them, as words (`primera` … `decimonovena`, `vigésima
/// primera`, `única`).
const SPANISH_ORDINALS: &[&str] = &[
    "primera",
    "segunda",
    "tercera",
    "cuarta",
    "quinta",
    "sexta",
    "séptima",
    "septima",
    "octava",
    "novena",
    "décima",
    "decima",
    "undécima",
    "duodécima",
    "única",
    "unica",
];

/// `Disposición adicional primera`, `Disposición final primera pre bis (nueva).`, `Disposición
/// adicional primera (antes única).`: a Spanish law's closing provisions, numbered like articles.
/// The drafting marks in brackets that a bill's stages add and drop are no part of the id.
fn disposition(line: &str) -> Option<Label> {
    let mut words = line.split(' ').filter(|w| !w.is_empty());
    let keyword = words.next()?;
    if !keyword.eq_ignore_ascii_case("disposición") && !keyword.eq_ignore_ascii_case("disposicion")
    {
        return None;
    }
    let kind = words.next()?.trim_end_matches('.');
    if !DISPOSITION_KINDS.contains(&kind.to_lowercase().as_str()) {
        return None;
    }
    let mut id = format!("{keyword} {kind}");
    let mut at = line.find(kind)? + kind.len();
    // The ordinal words, and the `pre`, `bis`, `ter` of provisions inserted between two others.
    let mut numbered = false;
    loop {
        let rest = &line[at..];
        let trimmed = rest.trim_start();
        let word: String = trimmed.chars().take_while(|c| c.is_alphabetic()).collect();
        let lower = word.to_lowercase();
        let ordinal = SPANISH_ORDINALS.contains(&lower.as_str())
            || ["decimo", "vigésim", "vigesim", "trigésim", "trigesim"]
                .iter()
                .any(|p| lower.starts_with(p));
        let extra = lower == "pre" || ORDINAL_SUFFIXES.contains(&lower.as_str());
        if word.is_empty() || !(ordinal || numbered && extra) {
            break;
        }
        numbered = true;
        id.push(' ');
        id.push_str(&word);
        at += rest.len() - trimmed.len() + word.len();
    }
    if !numbered && !kind.eq_ignore_ascii_case("derogatoria") {
        return None;
    }
    // `(nueva)`, `(antes única)`: drafting marks.
    loop {
        let rest = &line[at..];
        let trimmed = rest.trim_start();
        let Some(close) = trimmed
            .starts_with('(')
            .then(|| trimmed.find(')'))
            .flatten()
        else {
            break;
        };
        let inner = trimmed[1..close].to_lowercase();
        if !(inner.starts_with("nuev") || inner.starts_with("antes ")) {
            break;
        }
        at += rest.len() - trimmed.len() + close + 1;
    }
    keyword_tail(line, at, id, 4)
}

/// The number after a keyword: `5`, `16a`, `2.3`, `II`, `A`.
fn keyword_number(s: &str) -> Option<&str> {
    if let Some(head) = digits(s, 4) {
        let mut end = head.len();
        while s[end..].starts_with('.') && digits(&s[end + 1..], 4).is_some() {
            end += 1 + digits(&s[end + 1..], 4).map_or(0, str::len);
        }
        let letters = s[end..].bytes().take_while(u8::is_ascii_lowercase).count();
        if letters <= 2 && !s[end + letters..].starts_with(|c: char| c.is_alphanumeric()) {
            end += letters;
        } else if letters > 0 {
            return None;
        }
        return Some(&s[..end]);
    }
    let n = s.bytes().take_while(u8::is_ascii_uppercase).count();
    let word = &s[..n];
    let next_is_word = s[n..].starts_with(|c: char| c.is_alphanumeric());
    (n > 0 && !next_is_word && (n == 1 || is_roman(word))).then_some(word)
}

/// Finishes a keyword label at byte `at`: accepts a separator, and refuses a keyword that merely starts a
/// sentence ("Article 2 of the Convention applies").
fn keyword_tail(line: &str, at: usize, id: String, rank: u8) -> Option<Label> {
    let rest = &line[at..];
    let mut consumed = at;
    let mut separated = false;
    let trimmed = rest.trim_start();
    let skipped = rest.len() - trimmed.len();
    for sep in [".", ":", "—", "–", "-", "\u{2013}"] {
        if let Some(after) = trimmed.strip_prefix(sep)
            && ends_label(after)
            && (sep != "." || skipped == 0)
        {
            consumed = at + skipped + sep.len();
            separated = true;
            break;
        }
    }
    if !separated {
        if !rest.is_empty() && skipped == 0 {
            return None;
        }
        let next = trimmed.chars().next();
        let starts_clause = next.is_none_or(|c| {
            c.is_uppercase() || c.is_ascii_digit() || matches!(c, '(' | '"' | '“' | '[' | '\'')
        });
        if !starts_clause {
            return None;
        }
    }
    consumed += leading_space(&line[consumed..]);
    Some(Label {
        id,
        style: Style::Keyword(rank),
        alternative: None,
        consumed,
        separated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(line: &str) -> Option<(String, Style, usize)> {
        parse_label(line).map(|l| (l.id, l.style, l.consumed))
    }

    #[test]
    fn decimal_labels() {
        assert_eq!(label("1. We have"), Some(("1".into(), Style::Decimal, 3)));
        assert_eq!(label("12) text"), Some(("12".into(), Style::Decimal, 4)));
        assert_eq!(label("3.2 text"), Some(("3.2".into(), Style::Dotted, 4)));
        assert_eq!(label("3.2. text"), Some(("3.2".into(), Style::Dotted, 5)));
        assert_eq!(
            label("3 bis. New text"),
            Some(("3 bis".into(), Style::Decimal, 7))
        );
    }

    #[test]
    fn the_numbering_of_other_languages() {
        let id = |line: &str| parse_label(line).map(|l| (l.id, l.style));
        assert_eq!(id("一、双方"), Some(("1".into(), Style::Decimal)));
        assert_eq!(id("十二、双方"), Some(("12".into(), Style::Decimal)));
        assert_eq!(id("二十一、双方"), Some(("21".into(), Style::Decimal)));
        assert_eq!(id("（三）双方"), Some(("(3)".into(), Style::ParenDecimal)));
        assert_eq!(id("(一)双方"), Some(("(1)".into(), Style::ParenDecimal)));
        assert_eq!(
            id("第十五条 双方"),
            Some(("第15条".into(), Style::Keyword(4)))
        );
        assert_eq!(id("第三章"), Some(("第3章".into(), Style::Keyword(2))));
        assert_eq!(id("一些国家认为"), None);
        assert_eq!(
            id("Статья 12"),
            Some(("Статья 12".into(), Style::Keyword(4)))
        );
        assert_eq!(
            id("Artículo 3"),
            Some(("Artículo 3".into(), Style::Keyword(4)))
        );
        assert_eq!(
            id("Article premier"),
            Some(("Article 1".into(), Style::Keyword(4)))
        );
        assert_eq!(
            id("Article 1er"),
            Some(("Article 1".into(), Style::Keyword(4)))
        );
        assert_eq!(id("المادة 7"), Some(("المادة 7".into(), Style::Keyword(4))));
        assert_eq!(
            id("Artikel 4"),
            Some(("Artikel 4".into(), Style::Keyword(4)))
        );
    }

    #[test]
    fn the_closing_provisions_and_ordinal_items_of_spanish_laws() {
        let id = |line: &str| parse_label(line).map(|l| (l.id, l.style));
        let disposition = |s: &str| Some((s.to_string(), Style::Keyword(4)));
        assert_eq!(
            id("Disposición adicional primera. Cuantificación de los residuos."),
            disposition("Disposición adicional primera")
        );
        // The marks a bill's stages add are no part of the id.
        assert_eq!(
            id("Disposición adicional primera (antes única). Cuantificación."),
            disposition("Disposición adicional primera")
        );
        assert_eq!(
            id("Disposición final primera pre bis (nueva). Modificación de la Ley 8/2003."),
            disposition("Disposición final primera pre bis")
        );
        assert_eq!(
            id("Disposición final decimonovena. Entrada en vigor."),
            disposition("Disposición final decimonovena")
        );
        assert_eq!(
            id("Disposición derogatoria única. Derogación normativa."),
            disposition("Disposición derogatoria única")
        );
        // A sentence that speaks of a provision is not its label.
        assert_eq!(id("Disposición adicional que regula el plazo"), None);
        assert_eq!(id("Disposiciones generales"), None);
        let item = |line: &str| parse_label(line).map(|l| (l.id, l.consumed));
        assert_eq!(item("2.º En el caso de"), Some(("2.º".into(), 5)));
        assert_eq!(item("3.ª Los agentes"), Some(("3.ª".into(), 5)));
        assert_eq!(item("2.º bis. Destrucción"), Some(("2.º bis".into(), 10)));
        assert_eq!(item("1º Texto"), None);
        assert_eq!(item("55º período de sesiones"), None);
        assert_eq!(item("2.ºTexto"), None);
    }

    #[test]
    fn numbers_that_are_not_labels() {
        assert_eq!(label("2019, the Government"), None);
        assert_eq!(
            label("1.5 °C above"),
            Some(("1.5".into(), Style::Dotted, 4))
        );
        assert_eq!(label("55 dangerous drugs"), None);
        assert_eq!(label("3.5billion"), None);
    }

    #[test]
    fn parenthesised_labels() {
        assert_eq!(
            label("(a) text"),
            Some(("(a)".into(), Style::LowerAlpha, 4))
        );
        assert_eq!(
            label("(iii) text"),
            Some(("(iii)".into(), Style::LowerRoman, 6))
        );
        assert_eq!(
            label("(1) Die"),
            Some(("(1)".into(), Style::ParenDecimal, 4))
        );
        assert_eq!(label("(A)"), Some(("(A)".into(), Style::UpperAlpha, 3)));
        assert_eq!(
            label("(aa) text"),
            Some(("(aa)".into(), Style::LowerAlpha, 5))
        );
        assert_eq!(label("(including transfers)"), None);
        assert_eq!(label("(TICFA), signed"), None);
    }

    #[test]
    fn ambiguous_letters_offer_both_readings() {
        let i = parse_label("(i) text").unwrap();
        assert_eq!(
            (i.style, i.alternative),
            (Style::LowerRoman, Some(Style::LowerAlpha))
        );
        let v = parse_label("(v) text").unwrap();
        assert_eq!(
            (v.style, v.alternative),
            (Style::LowerAlpha, Some(Style::LowerRoman))
        );
    }

    #[test]
    fn keyword_labels() {
        assert_eq!(
            label("Article 5"),
            Some(("Article 5".into(), Style::Keyword(4), 9))
        );
        assert_eq!(
            label("Sec. 101. In addition"),
            Some(("Sec. 101".into(), Style::Keyword(4), 10))
        );
        assert_eq!(
            label("Article 3 — Title"),
            Some(("Article 3".into(), Style::Keyword(4), 14))
        );
        assert_eq!(
            label("PART II"),
            Some(("PART II".into(), Style::Keyword(1), 7))
        );
        assert_eq!(
            label("Art 16a"),
            Some(("Art 16a".into(), Style::Keyword(4), 7))
        );
        assert_eq!(
            label("§ 7 Text"),
            Some(("§ 7".into(), Style::Keyword(4), 5))
        );
        assert_eq!(label("§7"), Some(("§ 7".into(), Style::Keyword(4), 3)));
        assert_eq!(
            label("TITLE II"),
            Some(("TITLE II".into(), Style::Keyword(2), 8))
        );
    }

    #[test]
    fn keywords_that_start_a_sentence_are_not_labels() {
        assert_eq!(label("Article 2 of the Convention applies"), None);
        assert_eq!(label("Section 3 provides that"), None);
        assert_eq!(label("Parties shall"), None);
        assert_eq!(label("Part of the text"), None);
    }

    #[test]
    fn resolution_paragraph_labels() {
        assert_eq!(
            label("OP3 Decides"),
            Some(("OP3".into(), Style::Operative, 4))
        );
        assert_eq!(
            label("PP 2. Recalling"),
            Some(("PP2".into(), Style::Preambular, 6))
        );
        assert_eq!(label("OPEC members"), None);
    }

    #[test]
    fn lettered_labels() {
        assert_eq!(label("a) text"), Some(("(a)".into(), Style::LowerAlpha, 3)));
        assert_eq!(
            label("IV. Title"),
            Some(("(IV)".into(), Style::UpperRoman, 4))
        );
        assert_eq!(label("e.g. text"), None);
        assert_eq!(label("Mr. Smith"), None);
    }

    #[test]
    fn bullets() {
        assert_eq!(label("-   Bangladesh").map(|l| l.1), Some(Style::Bullet));
        assert_eq!(label("•item"), None);
        assert_eq!(label("-1 degrees"), None);
    }

    #[test]
    fn roman_numerals() {
        for ok in ["i", "ii", "iii", "iv", "ix", "xiv", "xxxix", "XII"] {
            assert!(is_roman(ok), "{ok}");
        }
        for bad in ["", "iiii", "vv", "ic", "abc", "xxxx"] {
            assert!(!is_roman(bad), "{bad}");
        }
    }
}
