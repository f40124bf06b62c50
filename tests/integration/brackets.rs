//! Bracket events on written cases, as the JSON report gives them.

use crate::clausediff;

/// `(kind, old_text, new_text)` of each finding of the JSON report on two fixture drafts.
fn findings(old: &str, new: &str) -> Vec<(String, String, String)> {
    let out = clausediff()
        .args(["diff", old, new, "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (text("kind"), text("old_text"), text("new_text"))
        })
        .collect()
}

/// Options chosen inside restructured articles say what they became: the new text where the
/// options stood (however few of the chosen option's words the word diff kept, and wherever it
/// paired them), the paragraph a label standing alone now reads as, and an option whose words only
/// point at the paragraphs after it ("(paragraphs 1 to 2)") chosen when they stay.
#[test]
fn an_option_chosen_in_a_restructured_article_quotes_what_it_became() {
    let got = findings(
        "fixtures/cases/negotiation-options-restructured/v1.md",
        "fixtures/cases/negotiation-options-restructured/v2.md",
    );
    let chosen: Vec<(&str, &str)> = got
        .iter()
        .filter(|(kind, _, _)| kind == "option_chosen")
        .map(|(_, old, new)| (old.as_str(), new.as_str()))
        .collect();
    let starts = |old: &str, new: &str| {
        chosen
            .iter()
            .any(|(o, n)| o.starts_with(old) && n.starts_with(new))
    };
    // A label on a line of its own: its kept paragraph is what the choice put in the text.
    assert!(
        starts("Option 1:", "The purpose of this Agreement is to enhance"),
        "{got:#?}"
    );
    // Rewritten: the new paragraph from where the options stood, not from the first word the
    // word diff happened to keep.
    assert!(
        starts(
            "Option 3: As part of a shared effort",
            "As part of a global effort"
        ),
        "{got:#?}"
    );
    // A label that points at the paragraphs after it stands alone: they stayed, so it was chosen.
    assert!(
        starts("Option 1: (paragraphs 1 to 2)", "A mechanism to facilitate"),
        "{got:#?}"
    );
    assert!(
        !got.iter()
            .any(|(k, o, _)| k == "option_dropped" && o.starts_with("Option 1: (paragraphs")),
        "{got:#?}"
    );
    // Option labels are never numbers.
    assert!(
        !got.iter()
            .any(|(k, o, _)| k == "number_changed" && o.contains("Option")),
        "{got:#?}"
    );
}
