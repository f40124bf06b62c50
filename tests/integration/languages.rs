//! The six UN languages and German: each draft's language detected and reported, and the same
//! findings in each as in English — a softened obligation, a dropped intensifier, an added hedge, a
//! removed negation, a changed number, a watch term removed in an inflected form — while typography,
//! digits and re-wrapping give nothing.

use serde_json::Value;

use crate::clausediff;

const LANGUAGES: [&str; 6] = ["ar", "de", "es", "fr", "ru", "zh"];

fn report(args: &[&str]) -> Value {
    let output = clausediff()
        .args(["diff", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.code().is_some_and(|c| c < 2), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn fixture(language: &str, name: &str) -> String {
    format!("fixtures/languages/{language}/{name}.txt")
}

/// `kind severity` of each finding at medium or above, and of each intensifier finding.
fn found(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["kind"].as_str().unwrap(),
                f["severity"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn each_language_is_detected_and_reported() {
    for language in LANGUAGES {
        let report = report(&[&fixture(language, "v1"), &fixture(language, "v2")]);
        assert_eq!(report["old"]["language"], language);
        assert_eq!(report["new"]["language"], language);
    }
    let english = report(&[
        "fixtures/joint-statement/draft.txt",
        "fixtures/joint-statement/final.txt",
    ]);
    assert_eq!(english["old"]["language"], "en");
}

#[test]
fn each_language_finds_what_english_finds() {
    for language in LANGUAGES {
        let found = found(&report(&[
            &fixture(language, "v1"),
            &fixture(language, "v2"),
        ]));
        let mut expected = vec![
            "softened high",
            "intensifier_removed low",
            "hedge_added medium",
            "negation_changed high",
            "number_changed medium",
            "watch_term_removed high",
        ];
        // German puts its negation after the verb it negates ("erkennen … nicht an"), which the
        // polarity rule does not read yet.
        if language == "de" {
            expected.retain(|e| !e.starts_with("negation"));
        }
        for kind in expected {
            assert!(
                found.iter().any(|f| f == kind),
                "{language}: no {kind} in {found:?}"
            );
        }
        let above_info = found.iter().filter(|f| !f.ends_with(" info")).count();
        assert!(above_info <= 7, "{language}: {found:?}");
    }
}

#[test]
fn typography_digits_and_rewrapping_are_not_changes_in_any_language() {
    for language in LANGUAGES {
        let report = report(&[&fixture(language, "v1"), &fixture(language, "noise")]);
        let found = found(&report);
        assert!(
            found.iter().all(|f| f.ends_with(" info")),
            "{language}: {found:?}"
        );
    }
}

#[test]
fn lang_overrides_detection_from_the_command_line_and_the_settings_file() {
    // Read as English, the Spanish draft's modals are not on any scale.
    let es = [fixture("es", "v1"), fixture("es", "v2")];
    let as_english = report(&["--lang", "en", &es[0], &es[1]]);
    assert_eq!(as_english["old"]["language"], "en");
    assert!(!found(&as_english).iter().any(|f| f == "softened high"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".clausediff.toml"), "lang = \"en\"\n").unwrap();
    let root = crate::root();
    let output = clausediff()
        .current_dir(dir.path())
        .args(["diff", "--format", "json"])
        .arg(root.join(&es[0]))
        .arg(root.join(&es[1]))
        .output()
        .unwrap();
    let from_config: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(from_config["old"]["language"], "en");
    std::fs::write(dir.path().join(".clausediff.toml"), "lang = \"it\"\n").unwrap();
    clausediff()
        .current_dir(dir.path())
        .args(["diff"])
        .arg(root.join(&es[0]))
        .arg(root.join(&es[1]))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "lang: `it` is not a language clausediff reads",
        ));
}

#[test]
fn watch_terms_beyond_the_main_disputes_are_found_in_inflected_and_cliticised_forms() {
    let dir = tempfile::tempdir().unwrap();
    // (language, old, new, the term whose alias the old text inflects)
    let cases = [
        (
            "ru",
            "Статья 1\nСтороны уважают суверенитет Грузии, включая Абхазию и Южную Осетию.\n",
            "Статья 1\nСтороны уважают суверенитет Грузии.\n",
            ["Abkhazia", "South Ossetia"],
        ),
        (
            "ar",
            "المادة 1\nتحترم الأطراف سيادة قبرص بما في ذلك شمال قبرص وجبل طارق.\n",
            "المادة 1\nتحترم الأطراف سيادة قبرص.\n",
            ["Northern Cyprus", "Gibraltar"],
        ),
        (
            "zh",
            "第一条\n各方尊重格鲁吉亚的主权，包括阿布哈兹和南奥塞梯。\n",
            "第一条\n各方尊重格鲁吉亚的主权。\n",
            ["Abkhazia", "South Ossetia"],
        ),
        (
            "de",
            "Artikel 1\nDie Parteien achten die Souveränität Georgiens einschließlich Abchasiens und Südossetiens.\n",
            "Artikel 1\nDie Parteien achten die Souveränität Georgiens.\n",
            ["Abkhazia", "South Ossetia"],
        ),
    ];
    for (language, old, new, terms) in cases {
        let (a, b) = (
            dir.path().join(format!("{language}-1.txt")),
            dir.path().join(format!("{language}-2.txt")),
        );
        std::fs::write(&a, old).unwrap();
        std::fs::write(&b, new).unwrap();
        let report = report(&["--no-config", a.to_str().unwrap(), b.to_str().unwrap()]);
        let removed: Vec<&str> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == "watch_term_removed")
            .map(|f| {
                let message = f["message"].as_str().unwrap();
                let term = message.split("watch term \"").nth(1).unwrap();
                &term[..term.find('"').unwrap()]
            })
            .collect();
        assert_eq!(removed, terms, "{language}: {report:#}");
    }
}
