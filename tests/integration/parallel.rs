//! `clausediff parallel`: the language versions of one text. Each finding kind on a written case
//! of `fixtures/parallel/`, consistent versions in Chinese, Arabic and French that give nothing
//! above info, and the real parallel families: the Los Angeles Declaration (Guyana is missing from
//! the Spanish list of signatories), the Akoma Ntoso draft resolution in English and Spanish, and
//! the Universal Declaration of Human Rights in the six UN languages and German (read from
//! `../shared/corpus/`, skipped when absent).

use serde_json::Value;

use crate::{clausediff, corpus};

fn run(args: &[&str]) -> (Option<i32>, Value) {
    let output = clausediff()
        .args(["parallel", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let code = output.status.code();
    assert!(code.is_some_and(|c| c < 2), "{output:?}");
    (code, serde_json::from_slice(&output.stdout).unwrap())
}

fn pair(case: &str, other: &str) -> (Option<i32>, Value) {
    run(&[
        &format!("fixtures/parallel/{case}-en.txt"),
        &format!("fixtures/parallel/{case}-{other}.txt"),
    ])
}

/// `kind severity` of each finding at low or above.
fn found(report: &Value) -> Vec<String> {
    let mut found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| {
            format!(
                "{} {}",
                f["kind"].as_str().unwrap(),
                f["severity"].as_str().unwrap()
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_weaker_modal_in_one_language_is_a_strength_mismatch() {
    let (code, report) = pair("strength", "es");
    assert_eq!(code, Some(1));
    assert_eq!(found(&report), ["strength_mismatch high"]);
    let f = &report["findings"][0];
    assert_eq!(f["rule"], "parallel.strength_mismatch");
    assert_eq!(f["version"], 1);
    assert_eq!(f["reference_clauses"][0], "Article 1 ¶1");
    assert_eq!(f["other_clauses"][0], "Artículo 1 ¶1");
    assert!(f["old_text"].as_str().unwrap().contains("shall report"));
    assert!(f["new_text"].as_str().unwrap().contains("podrán"));
}

#[test]
fn a_negation_one_language_drops_is_a_negation_mismatch() {
    assert_eq!(found(&pair("negation", "fr").1), ["negation_mismatch high"]);
}

#[test]
fn a_changed_number_is_a_number_mismatch_and_decimal_commas_are_not() {
    let (_, report) = pair("number", "es");
    assert_eq!(found(&report), ["number_mismatch medium"]);
    assert_eq!(report["findings"][0]["missing"][0], "45");
    assert_eq!(report["findings"][0]["added"][0], "40");
}

#[test]
fn a_name_and_a_watch_term_left_out_are_name_missing() {
    let (_, report) = pair("name", "es");
    assert_eq!(found(&report), ["name_missing high", "name_missing medium"]);
    let names: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Republic of Guyana"), "{names:?}");
    assert!(names.contains(&"Crimea"), "{names:?}");
}

#[test]
fn a_clause_one_language_lacks_is_clause_missing() {
    let (_, report) = pair("missing", "ru");
    assert_eq!(
        found(&report),
        ["clause_missing high", "clause_missing low"]
    );
    assert_eq!(report["alignments"][0]["missing"], 2);
}

#[test]
fn a_paragraph_split_differently_is_no_finding() {
    let (code, report) = pair("split", "fr");
    assert_eq!(code, Some(0));
    assert!(found(&report).is_empty(), "{report}");
    assert_eq!(report["alignments"][0]["split"], 1);
}

#[test]
fn consistent_versions_give_nothing_above_info() {
    for other in ["zh", "ar", "fr"] {
        let (code, report) = pair("consistent", other);
        assert!(found(&report).is_empty(), "{other}: {report}");
        assert_eq!(code, Some(0), "{other}");
        assert_eq!(report["versions"][1]["language"], other);
        assert_eq!(report["alignments"][0]["one_to_one"], 6, "{other}");
    }
}

#[test]
fn the_report_names_its_schema_and_versions_and_is_deterministic() {
    let args = [
        "fixtures/parallel/consistent-en.txt",
        "fixtures/parallel/consistent-zh.txt",
        "fixtures/parallel/consistent-ar.txt",
    ];
    let (_, first) = run(&args);
    let (_, second) = run(&args);
    assert_eq!(first, second);
    assert_eq!(first["schema"], "clausediff.parallel.v1");
    assert_eq!(first["versions"].as_array().unwrap().len(), 3);
    assert_eq!(first["versions"][0]["clauses"], 6);
    assert_eq!(first["alignments"].as_array().unwrap().len(), 2);
}

#[test]
fn every_format_renders_and_the_policy_flags_apply() {
    for format in ["term", "md", "html", "jsonl"] {
        let output = clausediff()
            .args(["parallel", "--format", format, "--color", "never"])
            .args([
                "fixtures/parallel/strength-en.txt",
                "fixtures/parallel/strength-es.txt",
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains("strength_mismatch"), "{format}: {text}");
    }
    let status = |extra: &[&str]| {
        clausediff()
            .arg("parallel")
            .args(extra)
            .args([
                "fixtures/parallel/number-en.txt",
                "fixtures/parallel/number-es.txt",
            ])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(status(&["--fail-on", "high"]), Some(0));
    assert_eq!(status(&["--fail-on", "medium"]), Some(1));
    assert_eq!(status(&["--fail-on", "none"]), Some(0));
    let output = clausediff()
        .args(["parallel", "--format", "json", "--min-severity", "high"])
        .args([
            "fixtures/parallel/number-en.txt",
            "fixtures/parallel/number-es.txt",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(report["findings"].as_array().unwrap().is_empty());
    // Still counted for --fail-on's default.
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn bad_input_is_one_line_naming_the_file() {
    let output = clausediff()
        .args([
            "parallel",
            "fixtures/parallel/strength-en.txt",
            "fixtures/parallel/absent.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("absent.txt"), "{stderr}");
    let output = clausediff()
        .args(["parallel", "--format", "sarif"])
        .args([
            "fixtures/parallel/strength-en.txt",
            "fixtures/parallel/strength-es.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn lang_overrides_detection_as_for_diff() {
    let (_, report) = run(&[
        "--lang",
        "fr",
        "fixtures/parallel/consistent-fr.txt",
        "fixtures/parallel/consistent-fr.txt",
    ]);
    assert_eq!(report["versions"][0]["language"], "fr");
    assert!(found(&report).is_empty());
}

#[test]
fn guyana_missing_from_the_spanish_los_angeles_declaration_is_reported() {
    let (code, report) = run(&[
        "fixtures/parallel/los-angeles-declaration/01-en-2022-06-10-los-angeles-declaration.md",
        "fixtures/parallel/los-angeles-declaration/02-es-2022-06-10-declaracion-de-los-angeles.md",
    ]);
    assert_eq!(code, Some(1));
    assert_eq!(found(&report), ["name_missing medium"]);
    let f = &report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["severity"] == "medium")
        .unwrap();
    assert!(f["name"].as_str().unwrap().contains("Guyana"));
    assert_eq!(report["alignments"][0]["missing"], 0);
    assert_eq!(report["alignments"][0]["extra"], 0);
}

#[test]
fn the_akoma_ntoso_draft_resolution_in_english_and_spanish_is_consistent() {
    let (code, report) = run(&[
        "fixtures/akn4un-cnd-draft-resolution/01-en-E-CN.7-2012-L.2.akn.xml",
        "fixtures/akn4un-cnd-draft-resolution/02-es-E-CN.7-2012-L.2.akn.xml",
    ]);
    assert!(found(&report).is_empty(), "{report}");
    assert_eq!(code, Some(0));
    assert_eq!(report["alignments"][0]["one_to_one"], 25);
}

#[test]
fn the_universal_declaration_in_seven_languages_aligns_and_differs_only_where_it_does() {
    let Some(dir) = corpus("un-udhr-1948-multilingual") else {
        return;
    };
    let files = [
        "01-en-udhr.md",
        "02-fr-udhr.md",
        "03-es-udhr.md",
        "04-ru-udhr.md",
        "05-zh-Hans-udhr.md",
        "06-ar-udhr.md",
        "07-de-udhr.md",
    ];
    let paths: Vec<String> = files
        .iter()
        .map(|f| dir.join(f).display().to_string())
        .collect();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let (_, report) = run(&args);
    for pairing in report["alignments"].as_array().unwrap() {
        // The thirty articles and the preamble pair up in every language; a reference clause is
        // never missing (the other versions add the line on the resolution that adopted it).
        assert_eq!(pairing["missing"], 0, "{pairing}");
        assert!(pairing["one_to_one"].as_u64().unwrap() >= 88, "{pairing}");
    }
    let medium: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "medium" || f["severity"] == "high")
        .map(|f| {
            format!(
                "{} v{} {}",
                f["kind"].as_str().unwrap(),
                f["version"],
                f["reference_clauses"][0].as_str().unwrap_or("—")
            )
        })
        .collect();
    // Read against the texts: Article 1 says "should act" in English and "doivent", "deben",
    // "должны" (must) in French, Spanish and Russian, and 应 (shall) in Chinese; the Spanish, Russian, Chinese, Arabic and
    // German files carry the adoption line (resolution 217 A (III)) the English file lacks (the Chinese
    // on two lines); the
    // Arabic preamble's closing paragraph says ينبغي (should) where English says "shall strive".
    // German Article 26.3 "soll" for "shall" is the one known false alarm (German legal "soll").
    let expected = [
        "strength_mismatch v1 Article 1 ¶1",
        "strength_mismatch v2 Article 1 ¶1",
        "strength_mismatch v3 Article 1 ¶1",
        "strength_mismatch v4 Article 1 ¶1",
        "clause_missing v2 —",
        "clause_missing v3 —",
        "clause_missing v4 —",
        "clause_missing v4 —",
        "clause_missing v5 —",
        "clause_missing v6 —",
        "strength_mismatch v5 ¶12",
        "strength_mismatch v6 Article 26.3",
    ];
    let mut sorted = medium.clone();
    sorted.sort();
    let mut want: Vec<String> = expected.iter().map(ToString::to_string).collect();
    want.sort();
    assert_eq!(sorted, want, "{medium:#?}");
}
