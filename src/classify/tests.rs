//! Behaviour of classification on one-clause drafts: what a reader is told about each kind of edit.

use crate::document::{Draft, InputFormat};
use crate::{Options, compare};

use super::*;

/// The report on two drafts read in `format`.
fn report_of(old: &str, new: &str, format: InputFormat) -> crate::Report {
    let parse = |t: &str| Draft::parse("d", "d", t, format);
    compare(parse(old), parse(new), &Options::default())
}

/// `(kind, severity, old words, new words)` of the findings of two drafts.
fn classify(old: &str, new: &str) -> Vec<(&'static str, &'static str, String, String)> {
    let report = report_of(old, new, InputFormat::Text);
    report
        .findings
        .iter()
        .map(|f| {
            (
                f.kind.name(),
                f.severity.name(),
                f.old_text.clone(),
                f.new_text.clone(),
            )
        })
        .collect()
}

fn one(
    kind: &'static str,
    severity: &'static str,
    old: &str,
    new: &str,
) -> (&'static str, &'static str, String, String) {
    (kind, severity, old.to_string(), new.to_string())
}

/// The findings above `info`.
fn notable(old: &str, new: &str) -> Vec<(&'static str, &'static str, String, String)> {
    classify(old, new)
        .into_iter()
        .filter(|f| f.1 != "info")
        .collect()
}

#[test]
fn severities_are_ordered() {
    assert!(Severity::Info < Severity::Low);
    assert!(Severity::Medium < Severity::High);
}

#[test]
fn every_rule_is_a_kind_and_every_kind_has_its_rule() {
    for rule in RULES {
        assert!(!rule.kind.is_empty());
    }
    assert_eq!(FindingKind::HedgeAdded.rule().id, "hedge.added");
    assert_eq!(FindingKind::HedgeAdded.name(), "hedge_added");
}

#[test]
fn shall_to_should_is_softened_two_steps_high() {
    assert_eq!(
        classify(
            "OP3 Each Party shall report.",
            "OP3 Each Party should report."
        ),
        [one("softened", "high", "shall", "should")]
    );
}

#[test]
fn will_to_should_is_softened_one_step_medium() {
    assert_eq!(
        classify("The sides will meet.", "The sides should meet."),
        [one("softened", "medium", "will", "should")]
    );
}

#[test]
fn shall_undertake_to_are_to_undertake_is_softened() {
    assert_eq!(
        classify(
            "All Parties shall undertake ambitious efforts.",
            "All Parties are to undertake ambitious efforts."
        ),
        [one("softened", "medium", "shall", "are to")]
    );
}

#[test]
fn cutting_a_phrase_short_moves_it_on_its_scale() {
    let dir = "[[scale]]\nname = \"welcome\"\nlevels = [[\"warmly welcomes\"], [\"welcomes\"]]\n";
    let mut lexicon = Lexicon::builtin();
    lexicon.extend(Lexicon::from_toml("t.toml", dir).unwrap());
    let options = Options {
        classifier: std::sync::Arc::new(Classifier::new(lexicon, Vec::new())),
        ..Options::default()
    };
    let parse = |t: &str| Draft::parse("d", "d", t, InputFormat::Text);
    let report = compare(
        parse("They warmly welcome it."),
        parse("They welcome it."),
        &options,
    );
    assert_eq!(report.findings[0].kind.name(), "softened");
}

#[test]
fn an_inserted_noun_is_not_a_scale_change_of_its_neighbour() {
    assert_eq!(
        classify(
            "It lists its support needs.",
            "It lists its implementation and support needs."
        ),
        [one("wording_added", "low", "", "implementation and")]
    );
}

#[test]
fn derived_words_and_nouns_are_not_scale_words() {
    // "implementation" and "supporters" share stems with "implement" and "support", but are nouns.
    let found = notable(
        "They welcomed the implementation of the plan.",
        "They welcomed the supporters of the plan.",
    );
    assert!(
        found
            .iter()
            .all(|f| f.0 != "softened" && f.0 != "strengthened"),
        "{found:?}"
    );
    // "progress" is not the hedge "progressively".
    let found = notable(
        "Parties report on progress.",
        "Parties report on their progress.",
    );
    assert!(found.iter().all(|f| !f.0.starts_with("hedge")), "{found:?}");
}

#[test]
fn a_rewritten_sentence_does_not_pair_modals_across_it() {
    let found = notable(
        "The Parties will hold regular consultations on maritime security in the region.",
        "Members can draw on a new fund for training coast guards and building port capacity.",
    );
    assert!(found.iter().all(|f| f.0 != "softened"), "{found:?}");
}

#[test]
fn operative_verbs_strengthen() {
    assert_eq!(
        classify(
            "OP2 Encourages States to report.",
            "OP2 Urges States to report."
        ),
        [one("strengthened", "medium", "Encourages", "Urges")]
    );
}

#[test]
fn inflections_match_the_scale() {
    assert_eq!(
        classify(
            "The Council decided to act.",
            "The Council requested to act."
        ),
        [one("softened", "high", "decided", "requested")]
    );
}

#[test]
fn under_a_negation_a_prohibition_softens_and_a_refusal_firms_up() {
    assert_eq!(
        classify(
            "The Parties shall not export arms.",
            "The Parties should not export arms."
        ),
        [one("softened", "high", "shall", "should")]
    );
    assert_eq!(
        classify(
            "They will not ensure the transfer.",
            "They will not consider the transfer."
        ),
        [one("strengthened", "medium", "ensure", "consider")]
    );
}

#[test]
fn negation_flips_polarity_of_a_shared_predicate() {
    assert_eq!(
        classify(
            "Paragraph 1 shall apply to them.",
            "Paragraph 1 shall not apply to them."
        ),
        [one("negation_changed", "high", "", "not")]
    );
}

#[test]
fn a_negation_inside_a_new_sentence_is_no_polarity_flip() {
    let found = classify(
        "We condemn the annexation of the four regions.",
        "We condemn the annexation of the four regions. We will in no way validate or condone the sham elections held there.",
    );
    assert!(found.iter().all(|f| f.0 != "negation_changed"), "{found:?}");
    assert!(
        found
            .iter()
            .any(|f| f.0 == "wording_added" && f.1 == "medium"),
        "{found:?}"
    );
}

#[test]
fn hedges_and_intensifiers() {
    assert_eq!(
        classify(
            "We resolutely oppose sanctions and will remove barriers.",
            "We oppose sanctions and will remove barriers as appropriate."
        ),
        [
            one("intensifier_removed", "low", "resolutely", ""),
            one("hedge_added", "medium", "", "as appropriate"),
        ]
    );
}

#[test]
fn a_moved_hedge_is_no_finding() {
    let found = classify(
        "As appropriate, the Parties will share data on fisheries.",
        "The Parties will share data on fisheries as appropriate.",
    );
    assert!(
        found.iter().all(|f| f.0.starts_with("wording")),
        "{found:?}"
    );
}

#[test]
fn a_hedge_written_with_an_article_is_the_same_hedge() {
    // "in light of" and "in the light of" say the same: adding the article adds no hedge.
    let found = notable(
        "Each Party shall act, in light of different national circumstances, to cut emissions.",
        "Each Party shall act, in the light of different national circumstances, to cut emissions.",
    );
    assert!(found.iter().all(|f| !f.0.starts_with("hedge")), "{found:?}");
    // Without the phrase in the old clause, it is still a hedge added.
    let found = notable(
        "Each Party shall act to cut emissions.",
        "Each Party shall act, in light of different national circumstances, to cut emissions.",
    );
    assert!(found.iter().any(|f| f.0 == "hedge_added"), "{found:?}");
}

#[test]
fn definitions_and_drafting_notes_added_or_removed_are_low() {
    let base = "1. The Parties shall report every two years on the progress made.";
    let severity_of = |old: &str, new: &str, kind: &str| -> Vec<&'static str> {
        classify(old, new)
            .into_iter()
            .filter(|f| f.0 == kind)
            .map(|f| f.1)
            .collect()
    };
    // A definition commits no one to anything.
    let new = format!(
        "{base}\n\n2. \"Conference of the Parties\" means the Conference of the Parties to the Convention on cooperation.\n"
    );
    assert_eq!(severity_of(base, &new, "clause_added"), ["low"]);
    // A drafting note, or an editor's footnote, is no negotiated text.
    let old = format!(
        "{base}\n\nNote: A joint submission was received from two Parties for this Article on special circumstances and shall be considered.\n"
    );
    assert_eq!(severity_of(&old, base, "clause_removed"), ["low"]);
    let new = format!(
        "{base}\n\n*This is an updated version of the draft agreement prepared by the co-chairs for the session.\n"
    );
    assert_eq!(severity_of(base, &new, "clause_added"), ["low"]);
    // A sentence that quotes a term without defining it is a clause like any other.
    let new = format!(
        "{base}\n\n2. The Parties shall implement the \"Paris Rulebook\" in full and report on its means by the next session.\n"
    );
    assert_eq!(severity_of(base, &new, "clause_added"), ["medium"]);
}

#[test]
fn names_one_edit_removes_are_one_event() {
    let found = classify(
        "Each Party shall account for its emissions and removals in accordance with methodologies assessed by the Intergovernmental Panel on Climate Change and adopted by the COP, and shall report every two years.",
        "Each Party shall account for its emissions and removals in accordance with methodologies, and shall report every two years.",
    );
    let names: Vec<(&str, &str)> = found
        .iter()
        .filter(|f| f.0 == "entity_removed")
        .map(|f| (f.1, f.2.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("medium", "Intergovernmental Panel on Climate Change"),
            ("low", "COP")
        ],
        "{found:?}"
    );
}

#[test]
fn a_characterisation_the_clause_still_makes_is_not_softened() {
    // The new clause still calls it a crisis: the opening phrase changed, the characterisation did not.
    let found = notable(
        "We remain deeply concerned by the crisis in Myanmar and call for the resolution of the crisis through dialogue.",
        "We remain deeply concerned by the situation in Myanmar and call for the resolution of the crisis through dialogue.",
    );
    assert!(
        found
            .iter()
            .all(|f| f.0 != "softened" && f.0 != "strengthened"),
        "{found:?}"
    );
    // Where it no longer does, it is.
    let found = notable(
        "We remain deeply concerned by the crisis in Myanmar and call for dialogue.",
        "We remain deeply concerned by the situation in Myanmar and call for dialogue.",
    );
    assert!(found.iter().any(|f| f.0 == "softened"), "{found:?}");
}

#[test]
fn numbers_and_dates() {
    assert_eq!(
        classify(
            "Trade will reach 300 billion dollars by 2030.",
            "Trade will reach 200 billion dollars by 2035."
        ),
        [
            one("number_changed", "medium", "300 billion", "200 billion"),
            one("number_changed", "medium", "2030", "2035")
        ]
    );
}

#[test]
fn a_date_that_came_alone_is_a_deadline_only_after_a_deadline_word() {
    let date = |old: &str, new: &str| {
        classify(old, new)
            .into_iter()
            .find(|f| f.0 == "number_changed")
            .map(|f| f.1)
    };
    // When something happened is context...
    assert_eq!(
        date(
            "The ministers launched the fellowship.",
            "The ministers launched the fellowship in 2021.",
        ),
        Some("low")
    );
    // ...when something is due is a commitment's measure.
    assert_eq!(
        date(
            "The Parties shall report on finance.",
            "The Parties shall report on finance by the end of 2027.",
        ),
        Some("medium")
    );
}

#[test]
fn numbers_in_a_rewritten_passage_pair_only_in_the_same_place() {
    // Two sentences rewritten in one edit: the programme's end and the facility's end year are
    // different dates, not one date changed.
    let found = classify(
        "We welcome the agreement on an IMF programme to be concluded by the end of March 2023 and call for its swift implementation by all partners.",
        "We welcome the adoption of the Ukraine Facility of 50 billion euros providing support until 2027 to the Ukrainian people and government.",
    );
    assert!(
        found
            .iter()
            .all(|f| !(f.0 == "number_changed" && !f.2.is_empty() && !f.3.is_empty())),
        "{found:#?}"
    );
    // In the same place they are one quantity changed.
    let found = classify(
        "Partners will provide support of USD 39 billion in 2023 to meet the budget needs of the country.",
        "Partners intend to deliver budget support of USD 50 billion during the coming year to meet the needs.",
    );
    assert!(
        found
            .iter()
            .any(|f| f.0 == "number_changed" && f.2 == "39 billion" && f.3 == "50 billion"),
        "{found:#?}"
    );
}

#[test]
fn a_number_both_sides_state_is_no_change() {
    // The diff's chunks cut "September 2021" differently on each side; the clause says it on both.
    let found = notable(
        "Leaders met in September 2021 to launch the fellowship.",
        "Leaders launched the fellowship, first announced in September 2021.",
    );
    assert!(found.iter().all(|f| f.0 != "number_changed"), "{found:?}");
}

#[test]
fn labels_and_citations_are_not_quantities() {
    let found = notable(
        "Option 4: the Parties shall report under 7 U.S.C. 1421.",
        "Option 5: the Parties shall report under 7 U.S.C. 1426.",
    );
    assert!(found.iter().all(|f| f.0 != "number_changed"), "{found:?}");
}

#[test]
fn a_reference_that_follows_its_renumbered_target_is_no_change() {
    let old = "1. The Parties shall act.\n\n2. They will report.\n\n3. Reports under paragraph 2 are public.\n";
    let new = "1. The Parties shall act.\n\n2. They will meet.\n\n3. They will report.\n\n4. Reports under paragraph 3 are public.\n";
    let found = notable(old, new);
    assert!(found.iter().all(|f| f.0 != "number_changed"), "{found:?}");
}

#[test]
fn watch_terms_removed_and_renamed() {
    assert_eq!(
        classify("Talks on the Senkaku Islands and trade.", "Talks on trade."),
        [one("watch_term_removed", "high", "Senkaku Islands", "")]
    );
    assert_eq!(
        classify(
            "Talks on the Senkaku Islands.",
            "Talks on the Diaoyu Islands."
        ),
        [one(
            "watch_term_renamed",
            "info",
            "Senkaku Islands",
            "Diaoyu Islands"
        )]
    );
}

#[test]
fn names_removed_but_not_shortened() {
    assert_eq!(
        classify(
            "They will uphold security in Northeast Asia and Europe.",
            "They will uphold security in Europe."
        ),
        [one("entity_removed", "medium", "Northeast Asia", "")]
    );
    let shortened = classify(
        "The meeting of the Parties to the Paris Agreement shall decide.",
        "The meeting of the Parties to this Agreement shall decide.",
    );
    assert_eq!(
        shortened,
        [one("wording_changed", "info", "the Paris", "this")]
    );
}

#[test]
fn a_name_still_in_the_clause_is_not_removed() {
    for (old, new) in [
        (
            "They adopted the Five Point Consensus.",
            "They adopted the Five-Point Consensus.",
        ),
        (
            "The Meeting of Experts will report.",
            "The meeting of experts will report.",
        ),
        (
            "The CMA shall review it.",
            "The Conference of the Parties serving as the meeting of the Parties to this Agreement (CMA) shall review it.",
        ),
    ] {
        let found = notable(old, new);
        assert!(
            found.iter().all(|f| f.0 != "entity_removed"),
            "{old} → {new}: {found:?}"
        );
    }
    // An acronym spelled out in lower case, its plural and its "and" aside: at no severity.
    let found = classify(
        "The least developed countries need support, and the LDCs shall report on the IAR process under the international assessment and review.",
        "The least developed countries need support, and shall report on the process under the international assessment and review.",
    );
    assert!(found.iter().all(|f| f.0 != "entity_removed"), "{found:?}");
    // Words whose initials spell it only in part do not stand for it.
    let found = notable(
        "Support shall be provided to the LDCs and to the IAR process this year.",
        "Support shall be provided to the developing countries and to the review process this year.",
    );
    let removed: Vec<&str> = found
        .iter()
        .filter(|f| f.0 == "entity_removed")
        .map(|f| f.2.as_str())
        .collect();
    assert_eq!(removed, ["LDCs", "IAR"], "{found:?}");
}

#[test]
fn capitals_that_are_not_names() {
    let found = notable(
        "Warming is limited to 1.5 °C. Amidst Russia's war, S&T cooperation grows.",
        "Warming is limited to 2 °C. Amidst the war, cooperation grows.",
    );
    let names: Vec<&str> = found
        .iter()
        .filter(|f| f.0 == "entity_removed")
        .map(|f| f.2.as_str())
        .collect();
    assert_eq!(names, ["Russia's"]);
}

#[test]
fn a_spanish_duty_written_with_obligacion_is_an_obligation() {
    // "tienen la obligación de", the Spanish bill's usual form of "shall", softened to "podrán".
    let found = notable(
        "Todos los agentes de la cadena alimentaria tienen la obligación de donar sus excedentes de alimentos a las entidades de iniciativa social.",
        "Todos los agentes de la cadena alimentaria podrán donar sus excedentes de alimentos a las entidades de iniciativa social.",
    );
    assert!(
        found
            .iter()
            .any(|f| f.0 == "softened" && f.2.contains("obligación")),
        "{found:?}"
    );
}

/// The findings above `info` of two Chinese drafts.
#[cfg(feature = "chinese")]
fn notable_in_chinese(old: &str, new: &str) -> Vec<(&'static str, &'static str, String, String)> {
    let parse = |t: &str| {
        let mut draft = Draft::parse("d", "d", t, InputFormat::Text);
        draft.language = Some(crate::text::Language::Chinese);
        draft
    };
    compare(parse(old), parse(new), &Options::default())
        .findings
        .iter()
        .filter(|f| f.severity > Severity::Info)
        .map(|f| {
            (
                f.kind.name(),
                f.severity.name(),
                f.old_text.clone(),
                f.new_text.clone(),
            )
        })
        .collect()
}

#[test]
#[cfg(feature = "chinese")]
fn chinese_words_carry_the_findings_of_their_phrases() {
    // 应当 → 可以: one word for another, the obligation softened.
    assert_eq!(
        notable_in_chinese("一、双方应当深化合作。\n", "一、双方可以深化合作。\n"),
        [one("softened", "high", "应当", "可以")]
    );
    // 应 on its own is "shall"; in 适应 it is not.
    assert_eq!(
        notable_in_chinese("一、缔约国应采取措施。\n", "一、缔约国可以采取措施。\n"),
        [one("softened", "high", "应", "可以")]
    );
    let found = notable_in_chinese("一、各国适应气候变化。\n", "一、各国可以适应气候变化。\n");
    assert!(!found.iter().any(|f| f.0 == "softened"), "{found:?}");
    // 不得 ("shall not") removed: the clause's polarity flips.
    let found = notable_in_chinese("一、缔约国不得使用武力。\n", "一、缔约国使用武力。\n");
    assert!(
        found
            .iter()
            .any(|f| f.0 == "negation_changed" && f.2 == "不得"),
        "{found:?}"
    );
    // A hedge added, and 未来 ("future") added is no negation.
    assert_eq!(
        notable_in_chinese("一、双方采取措施。\n", "一、双方酌情采取措施。\n"),
        [one("hedge_added", "medium", "", "酌情")]
    );
    let found = notable_in_chinese("一、双方加强合作。\n", "一、双方未来加强合作。\n");
    assert!(
        !found.iter().any(|f| f.0 == "negation_changed"),
        "{found:?}"
    );
}

#[test]
fn a_footnote_mark_after_a_sentence_is_no_number() {
    // Text extracted from a gazette keeps the raised numbers of its footnotes after the full stop.
    let found = notable(
        "La eficiencia en el uso de los recursos de la cadena alimentaria.",
        "La eficiencia en el uso de los recursos de la cadena alimentaria.1",
    );
    assert!(
        found
            .iter()
            .all(|f| f.0 != "number_changed" && f.1 == "low"),
        "{found:?}"
    );
    // A number after a full stop and a space is a number.
    assert_eq!(
        notable(
            "The Parties shall meet. 3 experts attend.",
            "The Parties shall meet. 5 experts attend."
        )
        .iter()
        .map(|f| f.0)
        .collect::<Vec<_>>(),
        ["number_changed"]
    );
}

#[test]
fn a_word_after_a_drafting_mark_opens_its_sentence() {
    // "(nueva) Promover …": the mark a bill's stage sets before an item is no part of its sentence,
    // so the capital of the verb after it is no name; a name inside brackets mid-sentence still is.
    let names = |old: &str, new: &str| -> Vec<String> {
        notable(old, new)
            .into_iter()
            .filter(|f| f.0 == "entity_removed")
            .map(|f| f.2)
            .collect()
    };
    assert_eq!(
        names(
            "(nueva) Promover la creación de redes. Apoyar la investigación.",
            "Apoyar la investigación."
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        names(
            "The fund (managed by Norway) pays.",
            "The fund (managed by a trustee) pays."
        ),
        ["Norway"]
    );
}

#[test]
fn names_in_a_removed_clause_are_its_evidence() {
    let found = classify(
        "1. The Parties met in Moscow.\n\n2. The Parties will maintain the security of Northeast Asia.\n",
        "1. The Parties met in Moscow.\n",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), ("clause_removed", "high"));
}

#[test]
fn print_furniture_is_at_most_info() {
    let old = "Whereas the Parties met;\n\nResolved, That the Parties cooperate.\n\nPassed the Senate April 30, 2019.\n\nAttest: Secretary.\n";
    let new = "Whereas the Parties met;\n\nResolved, That the Parties cooperate.\n";
    assert_eq!(notable(old, new), []);
}

#[test]
fn a_new_sentence_of_substance_is_medium() {
    let found = classify(
        "1. The Parties shall cooperate.\n",
        "1. The Parties shall cooperate.\n\n2. The Parties shall establish a joint fund for the reconstruction of the region.\n",
    );
    assert_eq!((found[0].0, found[0].1), ("clause_added", "medium"));
}

#[test]
fn letter_case_alone_is_info() {
    assert_eq!(
        classify("Article 28 of the law.", "article 28 of the law."),
        [one("wording_changed", "info", "Article", "article")]
    );
}

#[test]
fn unexplained_edits_are_wording() {
    assert_eq!(
        classify("for the good of all.", "for good of all."),
        [one("wording_removed", "low", "the", "")]
    );
    assert_eq!(
        classify(
            "a candid discussion.",
            "a candid and constructive discussion."
        ),
        [one("wording_added", "low", "", "and constructive")]
    );
}

#[test]
fn a_docket_date_followed_by_letters_outside_ascii_does_not_panic() {
    // Found by the token-soup property test: a "year" that is four bytes but not four characters.
    let found = classify("May 8, 2025 shall act.", "May 8, 20xß3 bis shall act.");
    assert!(!found.is_empty());
}

#[test]
fn a_paragraph_absorbed_into_another_is_no_removal_of_substance() {
    let items = |shift: usize| {
        (3..9)
            .map(|i| {
                format!(
                    "{}. The Parties note item {i} on topic {i} in general terms.",
                    i - shift
                )
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let old = format!(
        "1. The Parties will cooperate on maritime security.\n\n2. They will exchange information on illegal fishing and piracy in the region.\n\n{}\n\n9. The Parties will review progress every year.\n",
        items(0)
    );
    let new = format!(
        "1. The Parties will cooperate on maritime security.\n\n{}\n\n8. The Parties will review progress every year, and will exchange information on illegal fishing and piracy in the region.\n",
        items(1)
    );
    let report = report_of(&old, &new, InputFormat::Text);
    let removals: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.kind.name() == "clause_removed")
        .collect();
    assert!(!removals.is_empty());
    for f in removals {
        assert_eq!(f.severity, Severity::Low, "{}", f.message());
        assert!(
            f.message().contains("most of its words stand in 8"),
            "{}",
            f.message()
        );
    }
}

#[test]
fn a_paragraph_absorbed_in_words_common_to_the_draft_is_still_absorbed() {
    // The words of the removed paragraph ("developing", "country", "Parties", "support") stand in
    // every changed paragraph of a treaty: they still count towards where it went.
    let items = |new: bool| {
        (1..13)
            .map(|i| {
                let (n, when) = if new { (i, "annually ") } else { (i + 1, "") };
                format!(
                    "{n}. Developing country Parties shall report {when}on support for topic {i}."
                )
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let old = format!(
        "1. Developing country Parties are eligible for support in the implementation of capacity programmes.\n\n{}\n\n14. The secretariat shall publish the reports of the Parties on its website within three months of their receipt and keep them available.\n",
        items(false)
    );
    let new = format!(
        "{}\n\n13. The secretariat shall publish the reports of the Parties on its website within three months of their receipt and keep them available, and developing country Parties are eligible for support in the implementation of capacity programmes.\n",
        items(true)
    );
    let report = report_of(&old, &new, InputFormat::Text);
    let removals: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.kind.name() == "clause_removed")
        .collect();
    assert_eq!(removals.len(), 1, "{:?}", report.findings);
    assert_eq!(
        removals[0].severity,
        Severity::Low,
        "{}",
        removals[0].message()
    );
    assert!(
        removals[0]
            .message()
            .contains("most of its words stand in 13"),
        "{}",
        removals[0].message()
    );
}

#[test]
fn titles_and_known_sets_are_neither_names_nor_quantities() {
    let found = notable(
        "Our four countries welcomed the Vice Chair and the two sides met.",
        "We welcomed the outcome and met.",
    );
    assert!(
        found
            .iter()
            .all(|f| f.0 != "entity_removed" && f.0 != "number_changed"),
        "{found:?}"
    );
}

/// Which brackets were resolved, and how: each event of a negotiating text on its own.
#[test]
fn bracket_events_between_two_rounds() {
    let got = classify(
        "1. Each Party [shall][should] regularly prepare [fully] its contribution [and to effectively respond to loss and damage].",
        "1. Each Party should regularly prepare fully its contribution.",
    );
    assert_eq!(
        got,
        [
            one("alternative_chosen", "low", "[shall][should]", "should"),
            one("softened", "high", "shall", "should"),
            one("bracket_resolved", "info", "[fully]", "fully"),
            one(
                "bracket_dropped",
                "medium",
                "[and to effectively respond to loss and damage]",
                ""
            ),
        ]
    );
}

#[test]
fn bracket_punctuation_makes_no_number_name_or_hedge_findings() {
    let got = classify(
        "2. Developed country Parties shall provide USD [100][300] billion per year by [2020][2025].",
        "2. Developed country Parties shall provide USD 100 billion per year by [2020][2025][2030].",
    );
    assert_eq!(
        got,
        [
            one("alternative_chosen", "medium", "[100][300]", "100"),
            one("alternative_added", "low", "", "[2030]"),
        ]
    );
}

#[test]
fn placeholders_filled_and_brackets_proposed() {
    assert_eq!(
        classify(
            "3. The CMA shall decide no later than its [X] session.",
            "3. The CMA shall decide no later than its first session.",
        ),
        [one("placeholder_filled", "low", "[X]", "first")]
    );
    assert_eq!(
        classify(
            "4. Parties shall cooperate on adaptation.",
            "4. Parties shall cooperate on adaptation [in accordance with national circumstances].",
        ),
        [one(
            "brackets_added",
            "low",
            "",
            "[in accordance with national circumstances]"
        )]
    );
    // Agreed words put back in brackets: reopened.
    assert_eq!(
        classify(
            "5. Parties shall report on support provided.",
            "5. Parties [shall report] on support provided.",
        ),
        [one(
            "brackets_added",
            "medium",
            "shall report",
            "[shall report]"
        )]
    );
}

/// A bracketed cross-reference agreed under its target's new number is resolved, not dropped; a
/// bracketed quantity replaced by another is still a dropped figure.
#[test]
fn a_bracketed_cross_reference_follows_its_renumbered_target() {
    assert_eq!(
        classify(
            "17. Each Party shall be responsible for its emission level in accordance with Articles [9] above.",
            "17. Each Party shall be responsible for its emission level in accordance with Articles 13 above.",
        ),
        [one("bracket_resolved", "info", "[9]", "13")]
    );
    let got = classify(
        "18. Each Party shall report within [5] years.",
        "18. Each Party shall report within 10 years.",
    );
    assert!(got.iter().all(|f| f.0 != "bracket_resolved"), "{got:?}");
}

/// Of `[a][placeholder]`, new words in the place of both filled the place kept for other words.
#[test]
fn a_placeholder_beside_a_proposal_is_filled() {
    assert_eq!(
        classify(
            "3. [Advancing][alternative verb] scientific knowledge on climate.",
            "3. Strengthening scientific knowledge on climate.",
        ),
        [one(
            "placeholder_filled",
            "low",
            "[Advancing][alternative verb]",
            "Strengthening"
        )]
    );
}

/// An option label with a caption ("Option 1: *every five years*") introduces the paragraphs
/// after it: kept, the option was chosen, and the finding quotes what the option said.
#[test]
fn an_option_with_a_caption_is_its_paragraphs() {
    let old = "## Article 3\n\n2. *Subsequent communications*\n\n    **Option 1:** *communication every five years*\n\n    1. Each Party shall communicate a contribution every five years, informed by the global stocktake.\n\n    **Option 2:** *communication at the end of the period*\n\n    2. Successive contributions shall be communicated before the end of each period of implementation.\n";
    let new = "## Article 3\n\n9. Each Party shall communicate a contribution every five years, informed by the outcomes of the global stocktake.\n";
    let report = report_of(old, new, InputFormat::Markdown);
    let options: Vec<(&str, &str)> = report
        .findings
        .iter()
        .filter(|f| f.kind.name().starts_with("option"))
        .map(|f| (f.kind.name(), f.old_text.as_str()))
        .collect();
    assert_eq!(
        options,
        [
            (
                "option_chosen",
                "Option 1: communication every five years Each Party shall communicate a contribution every five years, informed by the global stocktake."
            ),
            (
                "option_dropped",
                "Option 2: communication at the end of the period"
            ),
            // The dropped option's paragraph went with it.
            (
                "option_dropped",
                "Successive contributions shall be communicated before the end of each period of implementation."
            ),
        ],
        "{:#?}",
        report.findings
    );
}

#[test]
fn options_dropped_and_chosen() {
    let old = "## Article 6\n\n1. Finance\n\n    **Option 1:** Developed country Parties shall provide USD 100 billion per year from 2020.\n\n    **Option 2:** Parties should mobilize climate finance from a wide variety of sources.\n\n**Option 1:**\n\n2. Parties shall establish a mechanism.\n\n**Option 2:** No text\n";
    let new = "## Article 6\n\n1. Finance\n\n    Parties should mobilize climate finance from a wide variety of sources.\n\n2. Parties shall establish a mechanism.\n";
    let report = report_of(old, new, InputFormat::Markdown);
    let got: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.kind.name(), f.severity.name()))
        .collect();
    assert_eq!(
        got,
        [
            ("option_chosen", "low"),
            ("option_dropped", "high"),
            ("option_chosen", "low"),
            ("option_dropped", "info"),
        ],
        "{:#?}",
        report.findings
    );
    // A dropped option that said "shall provide USD 100 billion" is high, and its figure is no
    // number finding of its own.
    assert!(
        report.findings[1]
            .old_text
            .starts_with("Option 1: Developed")
    );
}

#[test]
fn a_rewritten_option_is_the_one_chosen() {
    // Both options share their frame; the new paragraph rewrites the second in other words, so the
    // word diff keeps fewer than half of either's words.
    let old = "1. Finance\n\n    **Option 1:** Developed country Parties shall provide financial resources to developing country Parties for mitigation.\n\n    **Option 2:** Developed country Parties should lead in mobilizing climate finance from a wide variety of sources, instruments and channels.\n";
    let new = "1. Finance\n\n    From a wide variety of sources, instruments and channels, developed country Parties should mobilize climate finance and take the lead.\n";
    let report = report_of(old, new, InputFormat::Markdown);
    let options: Vec<(&str, &str)> = report
        .findings
        .iter()
        .filter(|f| f.kind.name().starts_with("option"))
        .map(|f| (f.kind.name(), &f.old_text[..9]))
        .collect();
    assert_eq!(
        options,
        // The chosen option quotes the new paragraph from its start, so it comes first.
        [
            ("option_chosen", "Option 2:"),
            ("option_dropped", "Option 1:")
        ],
        "{:#?}",
        report.findings
    );
}

#[test]
fn an_option_to_say_nothing_is_taken_when_its_question_leaves() {
    let old = "## Article 17\n\n**Option I:**\n\n1. [A Party shall communicate its contribution when it deposits its instrument of ratification.]\n\n**Option II:**\n\n[No further requirement needed]\n\n## Article 18\n\n1. This Agreement shall enter into force on the thirtieth day.\n\n## Article 19\n\nFeatures\n**Option 1:** Each Party's contribution shall be quantified.\n**Option 2:** No text in agreement\n";
    let new = "## Article 18\n\n1. This Agreement shall enter into force on the thirtieth day.\n";
    let report = report_of(old, new, InputFormat::Markdown);
    let chosen: Vec<(&str, &str)> = report
        .findings
        .iter()
        .filter(|f| f.kind.name() == "option_chosen")
        .map(|f| (f.severity.name(), f.old_text.as_str()))
        .collect();
    assert_eq!(
        chosen,
        [
            ("info", "Option II:"),
            ("low", "[No further requirement needed]"),
            ("low", "Option 2: No text in agreement"),
        ],
        "{:#?}",
        report.findings
    );
    // The options that proposed text were dropped with it, the article 19 clause removed.
    let kinds: Vec<&str> = report.findings.iter().map(|f| f.kind.name()).collect();
    assert!(kinds.contains(&"option_dropped"), "{kinds:?}");
    assert!(kinds.contains(&"clause_removed"), "{kinds:?}");
    // Where another option's text stays, the one to say nothing was dropped.
    let kept = "## Article 17\n\n1. A Party shall communicate its contribution when it deposits its instrument of ratification.\n\n## Article 18\n\n1. This Agreement shall enter into force on the thirtieth day.\n";
    let report = report_of(
        &old[..old.find("## Article 19").unwrap()],
        kept,
        InputFormat::Markdown,
    );
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.kind.name() != "option_chosen" || !f.old_text.contains("No further")),
        "{:#?}",
        report.findings
    );
}

#[test]
fn bracketed_words_moved_within_the_clause_were_agreed() {
    let got = classify(
        "1. The stocktake shall be conducted in a comprehensive manner [and equity], in the light of the best available science.",
        "1. The stocktake shall be conducted in a comprehensive manner, in the light of equity and the best available science.",
    );
    let brackets: Vec<(&str, &str)> = got
        .iter()
        .filter(|f| f.0.starts_with("bracket"))
        .map(|f| (f.0, f.2.as_str()))
        .collect();
    assert_eq!(brackets, [("bracket_resolved", "[and equity]")], "{got:#?}");
    // Words far apart are not the bracketed passage moved.
    let got = classify(
        "1. Parties shall report [on adaptation finance] every two years.",
        "1. Parties on the ground shall report every two years, including finance for adaptation.",
    );
    assert!(got.iter().any(|f| f.0 == "bracket_dropped"), "{got:#?}");
}

#[test]
fn a_wholly_bracketed_clause_is_agreed_or_dropped_not_removed() {
    let got = classify(
        "1. [Parties shall report on support provided.]\n\n2. [The CMA shall review this Article at its first session.]\n\n3. Other text stays here.",
        "1. Parties shall report on support provided.\n\n3. Other text stays here.",
    );
    let kinds: Vec<&str> = got.iter().map(|f| f.0).collect();
    assert_eq!(kinds, ["bracket_resolved", "bracket_dropped"], "{got:#?}");
}

#[test]
fn a_passage_moved_within_its_clause_is_low_and_a_new_one_medium() {
    // The list of principles moved behind the new sentence: the word diff sees a passage deleted
    // and one inserted, but the clause says what it said.
    let old = "1. We uphold freedom of navigation and overflight and the peaceful resolution of disputes in accordance with international law. We will deepen our cooperation on maritime domain awareness.\n";
    let moved = "1. We will deepen our cooperation on maritime domain awareness. We uphold freedom of navigation and overflight and the peaceful resolution of disputes in accordance with international law.\n";
    let found = notable(old, moved);
    assert!(
        found.iter().any(|f| f.0.starts_with("wording_")),
        "the edit is shown: {found:?}"
    );
    assert!(
        found.iter().all(|f| f.1 == "low"),
        "a moved passage is low: {found:?}"
    );
    // A passage of new words stays medium.
    let added = "1. We uphold freedom of navigation and overflight and the peaceful resolution of disputes in accordance with international law. We will deepen our cooperation on maritime domain awareness. We will hold joint naval exercises with our partners in the waters of the region.\n";
    assert!(
        notable(old, added)
            .iter()
            .any(|f| f.0 == "wording_added" && f.1 == "medium"),
        "{:?}",
        notable(old, added)
    );
}

#[test]
fn a_restated_passage_that_brings_a_commitment_is_not_low() {
    // The inserted words repeat the clause's, but the obligation they carry is new.
    let old = "1. Parties note the support provided to developing country Parties for the implementation of this Article.\n";
    let new = "1. Parties note the support provided to developing country Parties, and support shall be provided to developing country Parties for the implementation of this Article.\n";
    assert!(
        notable(old, new)
            .iter()
            .any(|f| f.1 == "medium" || f.1 == "high"),
        "{:?}",
        notable(old, new)
    );
}

#[test]
fn bracketed_text_the_new_version_still_says_is_low() {
    let old = "1. The financial mechanism under the Convention shall serve this Agreement [as the financial mechanism of this Agreement under the Convention].\n";
    let new = "1. The financial mechanism under the Convention shall serve this Agreement.\n";
    let found = notable(old, new);
    assert!(
        found
            .iter()
            .any(|f| f.0 == "bracket_dropped" && f.1 == "low"),
        "{found:?}"
    );
    assert!(found.iter().all(|f| f.1 == "low"), "{found:?}");
}

#[test]
fn a_hedge_inside_a_rewritten_passage_is_reported_beside_the_rewording() {
    let old = "1. In the fight against global terrorism, we will take concerted action against all terrorist groups including individuals and entities listed under resolution 1267.\n";
    let new = "1. In the fight against global terrorism, we reaffirm our commitment to pursuing designations, as appropriate, with the Sanctions Committee under resolution 1267.\n";
    let found = classify(old, new);
    assert!(
        found
            .iter()
            .any(|f| f.0 == "hedge_added" && f.3 == "as appropriate"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.0 == "wording_changed"),
        "the rewording is still shown: {found:?}"
    );
}
