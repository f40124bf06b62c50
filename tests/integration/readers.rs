//! Documents as they arrive: each format read into the clauses, ids and findings its text gives, and
//! what cannot be read refused with one line naming the file.

use serde_json::Value;

use crate::clausediff;

const DRAFT: &str = "fixtures/joint-statement/draft.txt";
const FINAL: &str = "fixtures/joint-statement/final.txt";
const DRAFT_HTML: &str = "fixtures/formats/joint-statement-draft.html";
const FINAL_HTML: &str = "fixtures/formats/joint-statement-final.html";

fn json(args: &[&str]) -> Value {
    let output = clausediff().args(args).output().expect("runs");
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// What a clause is, whatever format it was read from: id, kind, heading path and text.
fn clauses(path: &str) -> Vec<(Value, Value, Value, Value)> {
    let listing = json(&["clauses", "--format", "json", path]);
    listing["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].clone(),
                c["kind"].clone(),
                c["path"].clone(),
                c["text"].clone(),
            )
        })
        .collect()
}

/// What a finding says, without the source lines (which differ between formats).
fn findings(old: &str, new: &str) -> Vec<Value> {
    let mut report = json(&["diff", "--format", "json", old, new]);
    let findings = report["findings"].as_array_mut().unwrap();
    for finding in findings.iter_mut() {
        let finding = finding.as_object_mut().unwrap();
        finding.remove("old_line");
        finding.remove("new_line");
    }
    findings.clone()
}

#[test]
fn a_web_page_reads_as_its_text() {
    for (html, text) in [(DRAFT_HTML, DRAFT), (FINAL_HTML, FINAL)] {
        let from_html = clauses(html);
        assert_eq!(from_html.len(), clauses(text).len());
        assert_eq!(from_html, clauses(text), "{html}");
    }
    let from_html = findings(DRAFT_HTML, FINAL_HTML);
    assert!(from_html.len() >= 10);
    assert_eq!(from_html, findings(DRAFT, FINAL));
}

#[test]
fn a_web_page_keeps_its_title_and_language_and_locates_clauses_in_its_source() {
    let listing = json(&["clauses", "--format", "json", DRAFT_HTML]);
    assert_eq!(listing["format"], "html");
    let entries = &listing["metadata"]["entries"];
    assert_eq!(entries[0], serde_json::json!(["lang", "en"]));
    assert!(
        entries[1][1]
            .as_str()
            .unwrap()
            .ends_with("| Ministry of Foreign Affairs")
    );
    let source = std::fs::read_to_string(crate::root().join(DRAFT_HTML)).unwrap();
    // Every clause's first line holds its first word, so SARIF and annotations point at it.
    for clause in listing["clauses"].as_array().unwrap() {
        let line = clause["lines"][0].as_u64().unwrap() as usize;
        let first_word = clause["text"].as_str().unwrap().split(' ').next().unwrap();
        assert!(
            source.lines().nth(line - 1).unwrap().contains(first_word),
            "{first_word} not on line {line}"
        );
    }
}

#[test]
fn standard_input_is_recognised_as_html_by_its_content() {
    let page = std::fs::read(crate::root().join(FINAL_HTML)).unwrap();
    let listing = clausediff()
        .args(["clauses", "--format", "json", "-"])
        .write_stdin(page)
        .output()
        .unwrap();
    let listing: Value = serde_json::from_slice(&listing.stdout).unwrap();
    assert_eq!(listing["format"], "html");
    // --input-format overrides: the same page as text is its markup.
    let as_text = clausediff()
        .args(["clauses", "--input-format", "text", FINAL_HTML])
        .output()
        .unwrap();
    let as_text = String::from_utf8_lossy(&as_text.stdout);
    assert!(as_text.contains("1 clause (text)"), "{as_text}");
    assert!(as_text.contains("<!DOCTYPE html>"));
}

#[test]
fn a_page_without_main_text_is_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("menu.html");
    std::fs::write(
        &empty,
        "<html><body><nav><a href='/'>Home</a></nav><script>go()</script></body></html>",
    )
    .unwrap();
    let empty = empty.to_str().unwrap();
    clausediff()
        .args(["diff", empty, DRAFT_HTML])
        .assert()
        .code(2)
        .stderr(format!(
            "clausediff: error: {empty}: no main text: the page holds only navigation, scripts or markup\n"
        ));
}

#[test]
fn utf16_drafts_read_as_their_utf8_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(crate::root().join(FINAL)).unwrap();
    let utf16 = dir.path().join("final-utf16.txt");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(&utf16, bytes).unwrap();
    let utf16 = utf16.to_str().unwrap();
    assert_eq!(clauses(utf16), clauses(FINAL));
    let report = json(&["diff", "--format", "json", DRAFT, utf16]);
    assert_eq!(
        report["notes"][0],
        format!("{utf16}: read as UTF-16LE (byte-order mark)")
    );
    assert_eq!(findings(DRAFT, utf16), findings(DRAFT, FINAL));
}

#[test]
fn a_folder_pairs_web_pages() {
    let dir = tempfile::tempdir().unwrap();
    for (side, page) in [("old", DRAFT_HTML), ("new", FINAL_HTML)] {
        std::fs::create_dir(dir.path().join(side)).unwrap();
        std::fs::copy(
            crate::root().join(page),
            dir.path().join(side).join("statement.html"),
        )
        .unwrap();
    }
    let old = dir.path().join("old");
    let new = dir.path().join("new");
    let report = json(&[
        "diff",
        "--format",
        "json",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    let text = report.to_string();
    assert!(text.contains("statement.html"), "{text:.300}");
    assert!(text.contains("Kuril"));
}
