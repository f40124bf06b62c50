//! A clause's profile: the few facts of a reading that survive translation, for comparing the language
//! versions of one text (`crate::parallel`). The reading itself stays private to `classify`; this is
//! what other floors may see of it.

use std::ops::Range;

use super::Classifier;
use super::read::{Mark, Style};
use crate::text::normalize::normalize;
use crate::text::{Language, tokenize};

/// The strongest phrase a clause holds on one scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Strongest {
    /// Index of the scale in the classifier's lexicon (the same in every language).
    pub scale: usize,
    /// Its level, 0 the strongest.
    pub level: usize,
    /// Whether a negation governs it.
    pub negated: bool,
    /// Where it stands in the text.
    pub bytes: Range<usize>,
}

/// A number the clause states as a quantity, amount, percentage, date or duration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quantity {
    /// Its value, written one way whatever the language wrote (`1.25` for `1,25` in French).
    pub value: String,
    /// Whether it is written in digits (a number word of one language is not read in another).
    pub digits: bool,
    /// Where it stands in the text.
    pub bytes: Range<usize>,
}

/// What one clause says, as far as it can be compared across languages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Profile {
    /// The strongest phrase per scale, by scale index.
    pub strongest: Vec<Strongest>,
    /// Where each negation word stands.
    pub negations: Vec<Range<usize>>,
    /// The scales on which some phrase is negated ("shall not").
    pub negated_scales: Vec<usize>,
    /// Numbers that are quantities, amounts, percentages, dates or durations.
    pub quantities: Vec<Quantity>,
    /// Watch terms by `(list, term)`, where each first stands.
    pub watch: Vec<((usize, usize), Range<usize>)>,
    /// Proper names, as written, where they stand.
    pub names: Vec<(String, Range<usize>)>,
}

impl Classifier {
    /// The profile of `text` read as `language` (English when unknown); `capitalises_nouns` for a
    /// document whose nouns all start with a capital (German), where a capital is no sign of a name.
    pub(crate) fn profile(
        &self,
        language: Option<Language>,
        text: &str,
        capitalises_nouns: bool,
    ) -> Profile {
        let vocabulary = self.vocabulary(language);
        let reading = vocabulary.read_tokens(text, &tokenize(text), Style { capitalises_nouns });
        let runs = digit_runs(text, language);
        let mut profile = Profile::default();
        for hit in &reading.hits {
            match hit.mark {
                Mark::Scale {
                    scale,
                    level,
                    negated,
                } => {
                    if negated && !profile.negated_scales.contains(&scale) {
                        profile.negated_scales.push(scale);
                    }
                    match profile.strongest.iter_mut().find(|s| s.scale == scale) {
                        Some(s) if s.level <= level => {}
                        Some(s) => {
                            s.level = level;
                            s.negated = negated;
                            s.bytes = hit.bytes.clone();
                        }
                        None => profile.strongest.push(Strongest {
                            scale,
                            level,
                            negated,
                            bytes: hit.bytes.clone(),
                        }),
                    }
                }
                Mark::Negation => profile.negations.push(hit.bytes.clone()),
                Mark::Number(role) if role.is_quantity() => {
                    let written = &text[hit.bytes.clone()];
                    let digits = written.chars().any(|c| c.is_numeric());
                    // The whole run the number is part of: French writes "1 250", read as two.
                    let run = runs
                        .iter()
                        .find(|(r, _)| r.start <= hit.bytes.start && hit.bytes.start < r.end);
                    let value = match run {
                        Some((_, v)) if digits => v.clone(),
                        _ if digits => {
                            number_value(written, language).unwrap_or_else(|| hit.key.clone())
                        }
                        _ => hit.key.clone(),
                    };
                    profile.quantities.push(Quantity {
                        value,
                        digits,
                        bytes: hit.bytes.clone(),
                    });
                }
                Mark::Watch { list, term }
                    if !profile.watch.iter().any(|(k, _)| *k == (list, term)) =>
                {
                    profile.watch.push(((list, term), hit.bytes.clone()));
                }
                Mark::Entity => profile
                    .names
                    .push((text[hit.bytes.clone()].to_string(), hit.bytes.clone())),
                _ => {}
            }
        }
        profile.strongest.sort_by_key(|s| s.scale);
        profile
    }
}

/// Whether a language writes `1,25` for one and a quarter (and `1.250` or `1 250` for a thousand
/// two hundred and fifty).
fn decimal_comma(language: Option<Language>) -> bool {
    matches!(
        language,
        Some(Language::French | Language::Spanish | Language::German | Language::Russian)
    )
}

/// The value of the first number written in digits in `written`, one way for every language: digits
/// (Arabic-Indic ones folded), no group separators, `.` before decimals, no trailing decimal zeros.
/// `1,25` (French), `1.25` and `١٫٢٥` are `1.25`; `1 250`, `1,250` (English) and `1.250` (Spanish)
/// are `1250`.
pub(crate) fn number_value(written: &str, language: Option<Language>) -> Option<String> {
    let folded: String = normalize(written)
        .chars()
        .map(|c| match c {
            '\u{066B}' => '.',
            '\u{066C}' => ',',
            c => c,
        })
        .collect();
    let start = folded.find(|c: char| c.is_ascii_digit())?;
    // The run of digits and separators; a space separates groups only before three digits.
    let mut run = String::new();
    let rest = &folded[start..];
    let chars: Vec<char> = rest.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() || c == ',' || c == '.' || c == '\'' {
            run.push(c);
        } else if c == ' ' || c == '\u{A0}' || c == '\u{202F}' {
            let group = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let after = chars.get(i + 1 + group);
            if group == 3 && after.is_none_or(|c| !c.is_alphanumeric()) {
                run.push(' ');
            } else {
                break;
            }
        } else {
            break;
        }
        i += 1;
    }
    let run = run.trim_end_matches(['.', ',', ' ', '\'']);
    let last_comma = run.rfind(',');
    let last_dot = run.rfind('.');
    let decimal = match (last_comma, last_dot) {
        (Some(c), Some(d)) => Some(c.max(d)),
        (Some(at), None) | (None, Some(at)) => {
            let sep = run.as_bytes()[at];
            let count = run.bytes().filter(|&b| b == sep).count();
            let after = run.len() - at - 1;
            if count > 1 {
                None
            } else if after != 3 || (sep == b',') == decimal_comma(language) {
                Some(at)
            } else {
                None
            }
        }
        (None, None) => None,
    };
    let mut whole = String::new();
    let mut fraction = String::new();
    for (k, c) in run.char_indices() {
        if !c.is_ascii_digit() {
            continue;
        }
        if decimal.is_some_and(|d| k > d) {
            fraction.push(c);
        } else {
            whole.push(c);
        }
    }
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let fraction = fraction.trim_end_matches('0');
    Some(if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    })
}

/// Every number written in digits in `text`, in any role, as [`number_value`] writes it.
pub(crate) fn digit_values(text: &str, language: Option<Language>) -> Vec<String> {
    let mut values: Vec<String> = digit_runs(text, language)
        .into_iter()
        .map(|r| r.1)
        .collect();
    values.sort();
    values.dedup();
    values
}

/// The runs of digits and separators in `text` (`1 250`, `1,25`, `١٩٤٨`): their byte ranges in
/// `text` and their values.
fn digit_runs(text: &str, language: Option<Language>) -> Vec<(Range<usize>, String)> {
    let is_digit = |c: char| {
        c.is_ascii_digit()
            || ('\u{660}'..='\u{669}').contains(&c)
            || ('\u{6F0}'..='\u{6F9}').contains(&c)
    };
    let mut runs = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        if !is_digit(chars[k].1) {
            k += 1;
            continue;
        }
        let start = k;
        let mut end = k;
        while end < chars.len() {
            let c = chars[end].1;
            let group_follows = || {
                chars[end + 1..]
                    .iter()
                    .take(3)
                    .filter(|(_, c)| is_digit(*c))
                    .count()
                    == 3
                    && chars.get(end + 4).is_none_or(|(_, c)| !is_digit(*c))
            };
            if is_digit(c)
                || matches!(c, ',' | '.' | '\'' | '\u{66B}' | '\u{66C}')
                    && chars.get(end + 1).is_some_and(|(_, c)| is_digit(*c))
                || matches!(c, ' ' | '\u{A0}' | '\u{202F}') && group_follows()
            {
                end += 1;
            } else {
                break;
            }
        }
        let bytes = chars[start].0..chars.get(end).map_or(text.len(), |c| c.0);
        if let Some(v) = number_value(&text[bytes.clone()], language) {
            runs.push((bytes, v));
        }
        k = end.max(start + 1);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_number_however_each_language_writes_it() {
        let v = |s: &str, l: Language| number_value(s, Some(l)).unwrap();
        assert_eq!(v("1,25", Language::French), "1.25");
        assert_eq!(v("1.25", Language::English), "1.25");
        assert_eq!(v("0,7 %", Language::Spanish), "0.7");
        assert_eq!(v("0.7%", Language::English), "0.7");
        assert_eq!(v("1 250", Language::French), "1250");
        assert_eq!(v("1,250", Language::English), "1250");
        assert_eq!(v("1.250", Language::Spanish), "1250");
        assert_eq!(v("3,005,442,000", Language::English), "3005442000");
        assert_eq!(v("١٩٤٨", Language::Arabic), "1948");
        assert_eq!(v("١٫٢٥", Language::Arabic), "1.25");
        assert_eq!(v("1948", Language::Chinese), "1948");
        assert_eq!(v("2.50", Language::English), "2.5");
        assert_eq!(
            digit_values("Vienna, 12-16 March 2012, 1 250 t", Some(Language::French)),
            ["12", "1250", "16", "2012"]
        );
    }

    #[test]
    fn a_profile_holds_the_strongest_level_and_negations() {
        let classifier = Classifier::default();
        let p = classifier.profile(
            Some(Language::English),
            "The Parties shall not exceed 1.5 per cent and may act.",
            false,
        );
        let obligation = p.strongest.iter().find(|s| s.scale == 0).unwrap();
        assert_eq!(obligation.level, 0);
        assert_eq!(p.negations.len(), 1);
        assert_eq!(p.quantities[0].value, "1.5");
    }
}

#[cfg(test)]
mod listed_forms {
    use super::*;

    #[test]
    fn a_form_the_lexicon_lists_is_read_at_its_own_level() {
        // "debería" (should) shares its stem with "deberá" (must): it is read where it is listed.
        let classifier = Classifier::default();
        let level = |t: &str| {
            classifier
                .profile(Some(Language::Spanish), t, false)
                .strongest[0]
                .level
        };
        assert_eq!(level("La migración debería ser voluntaria."), 2);
        assert_eq!(level("Las Partes deberán informar."), 0);
    }
}
