//! Numbers in a clause, with their role. Only quantities — amounts, sums of money, percentages, dates
//! and durations — are compared as numbers; a label ("Option 4"), a cross-reference ("paragraph 8"),
//! a citation ("7 U.S.C. 1421", "Public Law 116-20") or an ordinal ("the 116th Congress") is not.

use super::{Hit, Mark, Word, hit};
use crate::classify::words::Words;

/// What a number does in its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum NumberRole {
    /// A count or an amount: "300 billion", "two".
    Quantity,
    /// A sum of money: "$3.5 billion", "USD 100 billion".
    Money,
    /// A share: "55 per cent", "1.5%".
    Percentage,
    /// A date or a year: "8 May 2025", "by 2030".
    Date,
    /// A length of time: "within 30 days", "two years".
    Duration,
    /// The label of an option or list item: "Option 4", "(1)".
    Label,
    /// A reference to a part of a text: "paragraph 8", "Article 3", "No. 136".
    Reference,
    /// Part of a legal citation: "22 U.S.C. 2321k", "Public Law 107–228".
    Citation,
    /// A rank: "116th", "the fifth".
    Ordinal,
}

impl NumberRole {
    /// Whether the number says how much, how many or when: the roles compared as numbers.
    pub fn is_quantity(self) -> bool {
        matches!(
            self,
            NumberRole::Quantity
                | NumberRole::Money
                | NumberRole::Percentage
                | NumberRole::Date
                | NumberRole::Duration
        )
    }

    /// The lower-case name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            NumberRole::Quantity => "quantity",
            NumberRole::Money => "amount",
            NumberRole::Percentage => "percentage",
            NumberRole::Date => "date",
            NumberRole::Duration => "duration",
            NumberRole::Label => "label",
            NumberRole::Reference => "reference",
            NumberRole::Citation => "citation",
            NumberRole::Ordinal => "ordinal",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Digits,
    /// Digits run into letters: "3bis", "5G", "2321k" — an identifier.
    Identifier,
    DigitOrdinal,
    Word,
    Multiplier,
    Month,
    OrdinalWord,
    Percent,
}

/// The value a word of a number stands for: digits as written without grouping (`3,005` → `3005`,
/// `116th` → `116`), number words by value, months as `m1`…`m12`. Words starting with a letter and
/// holding digits are names (`G7`, `COVID-19`); a capitalised number word inside a sentence is a name
/// too (`the Five Eyes`).
fn value(lists: &Words, word: &Word) -> Option<(String, Class)> {
    let lower: &str = &word.lower;
    if lower.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = lower
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '\''))
            .filter(|c| !matches!(c, ',' | '\''))
            .collect();
        let rest = &lower[lower
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, ',' | '.' | '\'')))
            .map_or(lower.len(), |(i, _)| i)..];
        let class = match rest {
            "st" | "nd" | "rd" | "th" => Class::DigitOrdinal,
            "" => Class::Digits,
            _ if rest.starts_with(char::is_alphabetic) => Class::Identifier,
            _ => Class::Digits,
        };
        return Some((digits.trim_end_matches('.').to_string(), class));
    }
    if !lists.may_be_number_word(lower) {
        return None;
    }
    if word.upper_initial
        && let Some(month) = lists.month(lower)
    {
        return Some((format!("m{month}"), Class::Month));
    }
    if word.upper_initial && !word.sentence_start {
        return None;
    }
    if lists.ordinals.contains(lower) {
        return Some((lower.to_string(), Class::OrdinalWord));
    }
    let value = |w: &str| lists.numbers.get(w).map(String::as_str);
    // "twenty-five" is 25.
    let mut parts = lower.split('-');
    let first = value(parts.next()?)?;
    let class = match first {
        "%" => Class::Percent,
        v if v.starts_with('e') => Class::Multiplier,
        _ => Class::Word,
    };
    match (parts.next().and_then(value), first.parse::<u32>()) {
        (Some(units), Ok(tens)) if tens >= 20 => units
            .parse::<u32>()
            .ok()
            .map(|u| ((tens + u).to_string(), class)),
        (None, _) if lower.contains('-') => None,
        _ => Some((first.to_string(), class)),
    }
}

/// Whether only spaces (or a comma inside a date, "May 8, 2025") separate two words.
fn gap_is_space(text: &str, a: &Word, b: &Word) -> bool {
    text[a.end..b.start]
        .chars()
        .all(|c| c.is_whitespace() || c == ',')
}

/// Runs of numbers, number words, months and units ("300 billion", "8 May 2025", "29 percent"), with
/// a currency sign or percent sign next to them, each with its role. Their key is the values, so the
/// same number written differently ("55 per cent", "55%") compares equal.
pub(super) fn hits(lists: &Words, text: &str, words: &[Word], hits: &mut Vec<Hit>) {
    // The role and last word of the previous number: "paragraphs 7 and 9" are two references.
    let mut previous: Option<(usize, NumberRole)> = None;
    let mut i = 0;
    while i < words.len() {
        let Some((first, class)) = value(lists, &words[i]).filter(|v| v.1 != Class::Percent) else {
            i += 1;
            continue;
        };
        let mut values = vec![first];
        let mut classes = vec![class];
        let mut end = i + 1;
        while end < words.len() && gap_is_space(text, &words[end - 1], &words[end]) {
            let per_cent =
                words[end].lower == "per" && words.get(end + 1).is_some_and(|w| w.lower == "cent");
            if per_cent {
                values.push("%".to_string());
                classes.push(Class::Percent);
                end += 2;
                continue;
            }
            let Some((value, class)) = value(lists, &words[end]) else {
                break;
            };
            // Two numbers in a row are two numbers ("No. 136 116th Congress"); a date or an amount
            // joins digits through a month or a multiplier.
            let digits =
                |c: Class| matches!(c, Class::Digits | Class::DigitOrdinal | Class::Identifier);
            if digits(class) && classes.last().is_some_and(|c| digits(*c))
                || class == Class::OrdinalWord
            {
                break;
            }
            values.push(value);
            classes.push(class);
            end += 1;
        }
        let mut bytes = words[i].start..words[end - 1].end;
        let currency_sign = text[..bytes.start].ends_with(['$', '€', '£', '¥', '₽']);
        if currency_sign {
            bytes.start -= text[..bytes.start]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
        }
        if text[bytes.end..].starts_with('%') {
            bytes.end += 1;
            values.push("%".to_string());
            classes.push(Class::Percent);
        }
        let run = Run {
            text,
            words,
            range: i..end,
            classes: &classes,
            currency_sign,
        };
        let listed = previous.and_then(|(end, role)| {
            let between = &words[end..i];
            let joins = between.len() <= 2
                && between
                    .iter()
                    .all(|w| matches!(w.lower.as_ref(), "and" | "or" | "to" | "through" | "bis"));
            (joins && !role.is_quantity()).then_some(role)
        });
        if let Some(role) = listed.or_else(|| role(lists, &run)) {
            previous = Some((end, role));
            hits.push(hit(words, i..end, Mark::Number(role), values.join(" ")));
            if let Some(last) = hits.last_mut() {
                last.bytes = bytes;
            }
        }
        i = end;
    }
}

struct Run<'a, 't> {
    text: &'a str,
    words: &'a [Word<'t>],
    range: std::ops::Range<usize>,
    classes: &'a [Class],
    currency_sign: bool,
}

impl Run<'_, '_> {
    fn before(&self) -> Option<&str> {
        let start = self.range.start.checked_sub(1)?;
        Some(self.words[start].lower.trim_end_matches('.'))
    }

    fn after(&self) -> Option<&str> {
        self.words
            .get(self.range.end)
            .map(|w| w.lower.trim_end_matches('.'))
    }

    fn has(&self, class: Class) -> bool {
        self.classes.contains(&class)
    }

    /// The characters right before and after the run.
    fn around(&self) -> (Option<char>, Option<char>) {
        let start = self.words[self.range.start].start;
        let end = self.words[self.range.end - 1].end;
        (
            self.text[..start].chars().next_back(),
            self.text[end..].chars().next(),
        )
    }
}

/// Whether a number is a footnote's mark as text extracted from a page leaves it: one or two digits
/// glued to the full stop that ends a sentence ("… alimentaria.1 De conformidad …", "…
/// Directivas.4"), after a word in lower case but perhaps its first letter (a code in capitals is
/// [`code_before`]), with nothing but a space or the end after it.
fn footnote_mark(run: &Run) -> bool {
    let Some(k) = run.range.start.checked_sub(1) else {
        return false;
    };
    let (word, number) = (&run.words[k], &run.words[run.range.start]);
    let written = &run.text[word.start..word.end];
    run.range.len() == 1
        && number.lower.len() <= 2
        && number.lower.chars().all(|c| c.is_ascii_digit())
        && run.text.get(word.end..number.start) == Some(".")
        && written.chars().all(char::is_alphabetic)
        && written.chars().skip(1).all(char::is_lowercase)
        && run.text[number.end..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
}

/// Whether a number is glued by a full stop to a code in capitals before it ("CP.21", "CMA.1").
fn code_before(run: &Run) -> bool {
    let Some(k) = run.range.start.checked_sub(1) else {
        return false;
    };
    let (code, number) = (&run.words[k], &run.words[run.range.start]);
    let written = &run.text[code.start..code.end];
    run.text.get(code.end..number.start) == Some(".")
        && written.chars().all(char::is_alphabetic)
        && written.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// The role of a run of number words, or `None` when it is no number at all (a number word that
/// quantifies nothing: "one where all countries", "net zero").
fn role(lists: &Words, run: &Run) -> Option<NumberRole> {
    let (before, after) = run.around();
    let dash = |c: Option<char>| matches!(c, Some('-' | '–' | '—' | '/'));
    let prev = run.before().unwrap_or("");
    let next = run.after().unwrap_or("");
    let only_words = run
        .classes
        .iter()
        .all(|c| matches!(c, Class::Word | Class::Multiplier | Class::OrdinalWord));
    let year = |w: &Word| {
        w.lower.len() == 4
            && w.lower
                .parse::<u32>()
                .is_ok_and(|y| (1900..=2100).contains(&y))
    };
    let single_year = run.range.len() == 1 && year(&run.words[run.range.start]);
    if lists.citation_lead.contains(prev)
        && !only_words
        && (dash(after) || dash(before) || prev == "law")
        || lists.citation_words.contains(next)
        || lists.citation_words.contains(prev) && !only_words
    {
        return Some(NumberRole::Citation);
    }
    if code_before(run) {
        // "CP.21", "CMA.1": the number of a body's session, part of a decision's identifier.
        return Some(NumberRole::Citation);
    }
    if footnote_mark(run) {
        // "… de la cadena alimentaria.1": a note's number, printed raised after the sentence.
        return Some(NumberRole::Reference);
    }
    if (dash(after) || dash(before)) && !only_words {
        // "2020–2025" is a span of years; "116–7", "1/CP.21" are identifiers.
        return Some(if single_year {
            NumberRole::Date
        } else {
            NumberRole::Citation
        });
    }
    if before == Some('(') && after == Some(')')
        || matches!(prev, "option" | "options" | "alternative" | "alt")
    {
        return Some(NumberRole::Label);
    }
    if lists.label_words.contains(prev) && !only_words {
        return Some(NumberRole::Reference);
    }
    if run.has(Class::Month) || single_year && !lists.time_units.contains(next) {
        return Some(NumberRole::Date);
    }
    if run.has(Class::Percent) {
        return Some(NumberRole::Percentage);
    }
    if run.currency_sign || lists.currencies.contains(prev) || lists.currencies.contains(next) {
        return Some(NumberRole::Money);
    }
    if lists.time_units.contains(next) {
        return Some(NumberRole::Duration);
    }
    if run.classes.len() == 1 && matches!(run.classes[0], Class::DigitOrdinal | Class::OrdinalWord)
    {
        return Some(NumberRole::Ordinal);
    }
    if run.has(Class::Identifier) {
        return Some(NumberRole::Label);
    }
    if only_words {
        // A number word counts only what follows it: "two countries", "five billion".
        let counts = run.has(Class::Multiplier)
            || next.len() >= 4
                && next.ends_with('s')
                && !next.ends_with("ss")
                && run
                    .words
                    .get(run.range.end)
                    .is_some_and(|w| !w.upper_initial);
        // "our four countries", "the two sides": a known set named, not a quantity stated.
        let definite = lists.definite.contains(prev);
        return (counts && prev != "net" && !definite).then_some(NumberRole::Quantity);
    }
    Some(NumberRole::Quantity)
}

#[cfg(test)]
mod tests {
    use super::super::Vocabulary;
    use super::*;
    use crate::classify::{Lexicon, Watchlist};

    fn numbers(text: &str) -> Vec<(String, NumberRole, String)> {
        let vocabulary = Vocabulary::new(
            &Lexicon::builtin(),
            &[Watchlist::builtin()],
            crate::text::Language::English,
        );
        vocabulary
            .read(text)
            .hits
            .into_iter()
            .filter_map(|h| match h.mark {
                Mark::Number(role) => Some((text[h.bytes].to_string(), role, h.key)),
                _ => None,
            })
            .collect()
    }

    fn roles(text: &str) -> Vec<(String, NumberRole)> {
        numbers(text).into_iter().map(|(t, r, _)| (t, r)).collect()
    }

    fn one(text: &str, role: NumberRole) -> (String, NumberRole) {
        (text.to_string(), role)
    }

    #[test]
    fn quantities_amounts_dates_and_durations() {
        assert_eq!(
            roles("trade of $3.5 billion by 2030 within 30 days, some 29 percent"),
            [
                one("$3.5 billion", NumberRole::Money),
                one("2030", NumberRole::Date),
                one("30", NumberRole::Duration),
                one("29 percent", NumberRole::Percentage),
            ]
        );
        assert_eq!(
            roles("USD 100 billion for two countries on 8 May 2025"),
            [
                one("100 billion", NumberRole::Money),
                one("two", NumberRole::Quantity),
                one("8 May 2025", NumberRole::Date),
            ]
        );
    }

    #[test]
    fn labels_references_citations_and_ordinals_are_not_quantities() {
        for (text, role) in [
            ("under Option 4: the Parties", NumberRole::Label),
            ("as set out in paragraph 8 above", NumberRole::Reference),
            ("amending 7 U.S.C. 1421 now", NumberRole::Citation),
            ("Public Law 107–228 applies", NumberRole::Citation),
            ("as set out in decision 1/CP.21 and", NumberRole::Citation),
            ("the 116th Congress", NumberRole::Ordinal),
            ("Calendar No. 136 is", NumberRole::Reference),
        ] {
            let found = roles(text);
            assert!(!found.is_empty(), "{text}");
            assert!(found.iter().all(|(_, r)| *r == role), "{text}: {found:?}");
            assert!(!role.is_quantity());
        }
    }

    #[test]
    fn number_words_count_only_where_they_quantify() {
        assert!(roles("a world, one where all countries thrive").is_empty());
        assert!(roles("to reach net zero by mid-century").is_empty());
        assert!(
            roles("the first of its kind")
                .iter()
                .all(|(_, r)| !r.is_quantity())
        );
        assert_eq!(roles("every two years"), [one("two", NumberRole::Duration)]);
    }

    #[test]
    fn the_same_value_written_differently_has_one_key() {
        let key = |t: &str| numbers(t).into_iter().map(|n| n.2).collect::<Vec<_>>();
        assert_eq!(key("55 per cent"), key("55%"));
        assert_eq!(key("3,005,442,000 dollars"), ["3005442000"]);
        assert_eq!(key("twenty-five countries"), ["25"]);
    }
}
