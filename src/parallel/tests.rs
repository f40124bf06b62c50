use super::*;
use crate::document::InputFormat;

fn draft(label: &str, text: &str, language: Language) -> Draft {
    let mut d = Draft::parse(label, label, text, InputFormat::Text);
    d.language = Some(language);
    d
}

fn run(texts: &[(&str, Language)]) -> Parallel {
    let drafts = texts
        .iter()
        .enumerate()
        .map(|(k, (t, l))| draft(&format!("v{k}"), t, *l))
        .collect();
    compare(drafts, &Classifier::default())
}

fn kinds(p: &Parallel, min: Severity) -> Vec<(&'static str, Severity)> {
    p.findings
        .iter()
        .filter(|f| f.severity >= min)
        .map(|f| (f.kind.name(), f.severity))
        .collect()
}

fn shapes(p: &Parallel) -> Vec<(usize, usize)> {
    p.pairings[0]
        .groups
        .iter()
        .map(|g| (g.reference.len(), g.other.len()))
        .collect()
}

#[test]
fn numbers_in_every_script_key_alike() {
    let key = |s: &str| neutral_key(&ClauseId(s.to_string()));
    assert_eq!(key("Article 5"), "5");
    assert_eq!(key("Artículo 5"), "5");
    assert_eq!(key("Статья 5"), "5");
    assert_eq!(key("第5条"), "5");
    assert_eq!(key("المادة 5"), "5");
    assert_eq!(key("4(a)"), "4(a)");
    assert_eq!(key("OP3"), "OP3");
    assert_eq!(key("Article 5#2"), "5");
}

#[test]
fn articles_numbered_in_different_scripts_align_by_number() {
    let en = "Article 1\n\nAll States shall cooperate.\n\nArticle 2\n\nNo State may act alone.\n";
    let ru = "Статья 1\n\nВсе государства должны сотрудничать.\n\nСтатья 2\n\nНи одно государство не может действовать в одиночку.\n";
    let p = run(&[(en, Language::English), (ru, Language::Russian)]);
    let by_number = p.pairings[0]
        .groups
        .iter()
        .filter(|g| g.by == AlignedBy::Number)
        .count();
    assert_eq!(by_number, 2, "{:?}", p.pairings[0].groups);
    assert!(p.pairings[0].missing == 0 && p.pairings[0].extra == 0);
}

#[test]
fn a_paragraph_split_in_two_is_a_group_not_a_missing_clause() {
    let en = "The Parties met in Geneva to discuss the situation in the region and agreed on a plan of action for the coming year.\n\nThey will meet again in spring.\n\nThey thanked the host country for its hospitality.\n";
    let es = "Las Partes se reunieron en Ginebra para examinar la situación en la región.\n\nAcordaron un plan de acción para el próximo año.\n\nSe reunirán de nuevo en primavera.\n\nAgradecieron al país anfitrión su hospitalidad.\n";
    let p = run(&[(en, Language::English), (es, Language::Spanish)]);
    assert_eq!(shapes(&p), [(1, 2), (1, 1), (1, 1)]);
    assert!(kinds(&p, Severity::Medium).is_empty(), "{:?}", p.findings);
}

#[test]
fn two_paragraphs_merged_in_one_language_are_a_group() {
    let en = "We welcome the report.\n\nWe thank the Secretariat for preparing it with great care.\n\nWe will meet again next year in a city to be decided.\n";
    let fr = "Nous nous félicitons du rapport et remercions le Secrétariat de l'avoir préparé avec grand soin.\n\nNous nous réunirons à nouveau l'année prochaine dans une ville à déterminer.\n";
    let p = run(&[(en, Language::English), (fr, Language::French)]);
    assert_eq!(shapes(&p), [(2, 1), (1, 1)]);
}

#[test]
fn a_missing_clause_is_reported() {
    let en = "The Parties shall protect the forests of the region.\n\nThe Parties shall report every year on the measures they have taken.\n\nThe Parties shall cooperate on research and training.\n";
    let es = "Las Partes deberán proteger los bosques de la región.\n\nLas Partes deberán cooperar en investigación y formación.\n";
    let p = run(&[(en, Language::English), (es, Language::Spanish)]);
    let missing: Vec<_> = p
        .findings
        .iter()
        .filter(|f| f.kind.name() == "clause_missing")
        .collect();
    assert_eq!(missing.len(), 1, "{:?} {:?}", p.findings, shapes(&p));
    assert!(missing[0].old_text.as_deref().unwrap().contains("report"));
    assert!(missing[0].severity >= Severity::Medium);
}

#[test]
fn a_weaker_modal_in_translation_is_a_strength_mismatch() {
    let en = "1. The Parties shall report every year.\n";
    let es = "1. Las Partes podrán informar cada año.\n";
    let p = run(&[(en, Language::English), (es, Language::Spanish)]);
    assert!(
        kinds(&p, Severity::Medium).contains(&("strength_mismatch", Severity::High)),
        "{:?}",
        p.findings
    );
}

#[test]
fn a_dropped_negation_is_a_negation_mismatch() {
    let en = "1. The Parties shall not export the waste.\n";
    let fr = "1. Les Parties doivent exporter les déchets.\n";
    let p = run(&[(en, Language::English), (fr, Language::French)]);
    assert!(
        kinds(&p, Severity::Medium).contains(&("negation_mismatch", Severity::High)),
        "{:?}",
        p.findings
    );
}

#[test]
fn numbers_written_the_way_each_language_writes_them_agree() {
    let en = "1. The rate shall be 1.25 per cent, or 0.7% for 1,250 tonnes.\n";
    let fr = "1. Le taux doit être de 1,25 pour cent, ou 0,7 % pour 1 250 tonnes.\n";
    let p = run(&[(en, Language::English), (fr, Language::French)]);
    assert!(
        !p.findings
            .iter()
            .any(|f| f.kind.name() == "number_mismatch"),
        "{:?}",
        p.findings
    );
}

#[test]
fn a_changed_number_is_a_number_mismatch() {
    let en = "1. The Parties shall reduce emissions by 45 per cent by 2030.\n";
    let es = "1. Las Partes deberán reducir las emisiones en un 40 por ciento para 2030.\n";
    let p = run(&[(en, Language::English), (es, Language::Spanish)]);
    let f = p
        .findings
        .iter()
        .find(|f| f.kind.name() == "number_mismatch")
        .expect("a number mismatch");
    assert_eq!(f.severity, Severity::Medium);
    assert_eq!(
        f.kind,
        ParallelKind::NumberMismatch {
            missing: vec!["45".into()],
            added: vec!["40".into()]
        }
    );
}

#[test]
fn a_name_left_out_of_a_list_is_name_missing() {
    let en = "We, the Heads of State of Barbados, Belize, the Republic of Guyana, the Republic of Haiti and Jamaica, met in Los Angeles.\n";
    let es = "Nosotros, los Jefes de Estado de Barbados, Belice, la República de Haití y Jamaica, reunidos en Los Ángeles.\n";
    let p = run(&[(en, Language::English), (es, Language::Spanish)]);
    let names: Vec<_> = p
        .findings
        .iter()
        .filter_map(|f| match &f.kind {
            ParallelKind::NameMissing { name, .. } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    assert!(names.iter().any(|n| n.contains("Guyana")), "{names:?}");
    assert!(
        !names
            .iter()
            .any(|n| n.contains("Belize") || n.contains("Haiti")),
        "{names:?}"
    );
}

#[test]
fn consistent_versions_give_nothing_above_info() {
    let en = "Article 1\n\nThe Parties shall cooperate in good faith.\n\nArticle 2\n\nNo Party may withdraw before 2030.\n";
    let es = "Artículo 1\n\nLas Partes deberán cooperar de buena fe.\n\nArtículo 2\n\nNinguna Parte podrá retirarse antes de 2030.\n";
    let p = run(&[(en, Language::English), (es, Language::Spanish)]);
    assert!(kinds(&p, Severity::Low).is_empty(), "{:?}", p.findings);
}

#[test]
fn the_programme_is_banded() {
    // Ten thousand clauses on each side, none numbered: one segment, aligned one to one.
    let en: String = (0..10_000)
        .map(|k| format!("Paragraph {k} of the text says this much.\n\n"))
        .collect();
    let fr: String = (0..10_000)
        .map(|k| format!("Le paragraphe {k} du texte en dit autant.\n\n"))
        .collect();
    let a = draft("en", &en, Language::English);
    let b = draft("fr", &fr, Language::French);
    let groups = align(&a, &b);
    assert_eq!(groups.len(), 10_000);
}

#[test]
fn lopsided_versions_align_in_bounded_memory() {
    // 20,000 unnumbered clauses against 2,000: the band would be 18,000 wide (720 million cells);
    // the clauses pair by order instead, and every clause of both sides is in one group.
    let en: String = (0..20_000)
        .map(|k| format!("Paragraph {k} of the text says this much.\n\n"))
        .collect();
    let fr: String = (0..2_000)
        .map(|k| format!("Le paragraphe {k} du texte en dit autant.\n\n"))
        .collect();
    let a = draft("en", &en, Language::English);
    let b = draft("fr", &fr, Language::French);
    let groups = align(&a, &b);
    let reference: usize = groups.iter().map(|g| g.reference.len()).sum();
    let other: usize = groups.iter().map(|g| g.other.len()).sum();
    assert_eq!((reference, other), (20_000, 2_000));
}

#[test]
fn the_word_lists_parse() {
    assert!(lists().subject.contains_key("en"));
    assert!(lists().restrictive.contains_key("de"));
}

/// Chinese conjunctions that a negation character opens ("however", "regardless of", "no matter")
/// deny nothing: beside an English version without a negation they are no negation mismatch.
#[cfg(feature = "chinese")]
#[test]
fn chinese_conjunctions_opened_by_a_negation_character_deny_nothing() {
    for conjunction in ["不过，", "不论形势如何，", "不管怎样，"] {
        let p = run(&[
            ("1. The Parties shall cooperate.\n", Language::English),
            (
                &format!("1. {conjunction}缔约国应当合作。\n"),
                Language::Chinese,
            ),
        ]);
        assert_eq!(kinds(&p, Severity::Info), [], "{conjunction}");
    }
}
