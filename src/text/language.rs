//! The language a text is written in: the six languages of the United Nations and German, the
//! languages clausediff has lexicons for.
//!
//! Detection reads trigrams and scripts with whatlang (a small, dependency-light detector whose
//! models are compiled in): a draft's first few thousand characters are enough, and a text in
//! another language (Italian, Japanese) is reported as none of these rather than as the nearest.

use serde::Serialize;

/// A language clausediff reads with a lexicon of its own.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum Language {
    /// Arabic.
    #[serde(rename = "ar")]
    #[cfg_attr(feature = "cli", value(name = "ar"))]
    Arabic,
    /// Chinese.
    #[serde(rename = "zh")]
    #[cfg_attr(feature = "cli", value(name = "zh"))]
    Chinese,
    /// German.
    #[serde(rename = "de")]
    #[cfg_attr(feature = "cli", value(name = "de"))]
    German,
    /// English.
    #[serde(rename = "en")]
    #[cfg_attr(feature = "cli", value(name = "en"))]
    English,
    /// Spanish.
    #[serde(rename = "es")]
    #[cfg_attr(feature = "cli", value(name = "es"))]
    Spanish,
    /// French.
    #[serde(rename = "fr")]
    #[cfg_attr(feature = "cli", value(name = "fr"))]
    French,
    /// Russian.
    #[serde(rename = "ru")]
    #[cfg_attr(feature = "cli", value(name = "ru"))]
    Russian,
}

/// How much of a text detection reads.
const SAMPLE: usize = 6_000;

impl Language {
    /// Every language, in the order of their codes.
    pub const ALL: [Language; 7] = [
        Language::Arabic,
        Language::Chinese,
        Language::German,
        Language::English,
        Language::Spanish,
        Language::French,
        Language::Russian,
    ];

    /// The ISO 639-1 code: `en`, `fr`, `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Arabic => "ar",
            Language::Chinese => "zh",
            Language::German => "de",
            Language::English => "en",
            Language::Spanish => "es",
            Language::French => "fr",
            Language::Russian => "ru",
        }
    }

    /// Whether the language is written right to left (Arabic): what an HTML report's `dir` says.
    pub fn is_right_to_left(self) -> bool {
        self == Language::Arabic
    }

    /// The language of an ISO 639-1 code (`fr`, `FR`, `zh-Hans`), if it is one of these.
    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Its position in [`Language::ALL`].
    pub fn index(self) -> usize {
        Language::ALL
            .iter()
            .position(|&l| l == self)
            .unwrap_or_default()
    }

    /// The language a text is written in, if it is one of these and detection is confident: `None`
    /// for a text too short to tell, or in another language.
    pub fn detect(text: &str) -> Option<Language> {
        let mut end = text.len().min(SAMPLE);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let sample = &text[..end];
        let info = whatlang::detect(sample)?;
        let language = match info.lang() {
            whatlang::Lang::Ara => Language::Arabic,
            whatlang::Lang::Cmn => Language::Chinese,
            whatlang::Lang::Deu => Language::German,
            whatlang::Lang::Eng => Language::English,
            whatlang::Lang::Spa => Language::Spanish,
            whatlang::Lang::Fra => Language::French,
            whatlang::Lang::Rus => Language::Russian,
            _ => return None,
        };
        // A script of its own is certain; among Latin-script languages, trust only a clear lead.
        let own_script = matches!(
            language,
            Language::Arabic | Language::Chinese | Language::Russian
        );
        (own_script || info.confidence() >= 0.5).then_some(language)
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_languages_of_the_corpus_are_detected() {
        let cases = [
            (
                "The Parties shall cooperate closely within the United Nations and will meet each year.",
                Some(Language::English),
            ),
            (
                "Les Parties coopèrent étroitement au sein de l’Organisation des Nations Unies et se réunissent chaque année.",
                Some(Language::French),
            ),
            (
                "Las Partes cooperarán estrechamente en el marco de las Naciones Unidas y se reunirán cada año.",
                Some(Language::Spanish),
            ),
            (
                "Die Vertragsparteien arbeiten im Rahmen der Vereinten Nationen eng zusammen und treffen sich jedes Jahr.",
                Some(Language::German),
            ),
            (
                "Стороны будут тесно сотрудничать в рамках Организации Объединенных Наций и ежегодно встречаться.",
                Some(Language::Russian),
            ),
            (
                "双方将在联合国框架内密切合作，并每年举行会晤。",
                Some(Language::Chinese),
            ),
            (
                "يتعاون الطرفان تعاونا وثيقا في إطار الأمم المتحدة ويجتمعان كل عام.",
                Some(Language::Arabic),
            ),
            (
                "Le Parti cooperano strettamente nell'ambito delle Nazioni Unite e si riuniscono ogni anno.",
                None,
            ),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Language::detect(text), expected, "{text}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for language in Language::ALL {
            assert_eq!(Language::from_code(language.code()), Some(language));
            assert_eq!(Language::ALL[language.index()], language);
        }
        assert_eq!(Language::from_code("zh-Hans"), Some(Language::Chinese));
        assert_eq!(Language::from_code("it"), None);
    }
}
