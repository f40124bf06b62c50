//! clausediff's library in WebAssembly: what the offline browser app (`target/web/clausediff.html`,
//! built by `web/build.sh`) runs in its Web Worker.
//!
//! The page hands over each draft as bytes with its name, and gets back the report as the command
//! line writes it: `clausediff diff --format json OLD NEW` and this crate give the same bytes for the
//! same drafts and names. Drafts are read ([`read`]), compared ([`compare`]) and rendered
//! ([`Comparison::render`]) in three calls, so the worker can say which step it is in.
//!
//! Naming, format detection and decoding are the library's ([`Source`]): a format the library learns
//! to read (a word processor's file, say) is offered by the page's menu ([`choices`]) and read here
//! without a change to this crate's logic. Bad input is an error whose message is the library's one
//! line (`draft.docx: binary file (NUL byte at offset 14), not a text draft`), never a panic.

use std::sync::{Arc, Mutex, OnceLock};

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use clausediff::classify::{Classifier, Severity};
use clausediff::diff::DiffOptions;
use clausediff::document::{Draft, InputFormat, Source};
use clausediff::report::{self, Format, RenderOptions, Report};
use clausediff::{Options, compare as compare_drafts};

/// The formats the page offers: the input formats the library reads and the severities, as the
/// command line names them, as JSON (`{"formats": ["text", "markdown"], "severities": […]}`).
#[wasm_bindgen]
pub fn choices() -> String {
    let formats: Vec<&str> = InputFormat::ALL.iter().map(|f| f.name()).collect();
    let severities: Vec<&str> = Severity::ALL.iter().map(|s| s.name()).collect();
    serde_json::json!({ "formats": formats, "severities": severities }).to_string()
}

/// One draft, read and parsed.
#[wasm_bindgen]
pub struct ReadDraft(Draft);

/// How to read one draft.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Side {
    /// What reports call the draft: a file's name, as the command line calls a file by its path.
    name: String,
    /// Whether the bytes are a file's (its name's extension then decides the format, as on the
    /// command line) rather than pasted text (whose own text decides, as for standard input).
    file: bool,
    /// The input format; `None` decides as above.
    format: Option<InputFormat>,
}

/// Reads a draft's bytes as `side` says (JSON: `{"name": "draft.txt", "file": true, "format":
/// "markdown"}`, `format` optional). Throws the library's one-line message for bytes that are not a
/// text draft.
#[wasm_bindgen]
pub fn read(bytes: Vec<u8>, side: &str) -> Result<ReadDraft, JsError> {
    read_draft(bytes, side)
        .map(ReadDraft)
        .map_err(|e| JsError::new(&e))
}

fn read_draft(bytes: Vec<u8>, side: &str) -> Result<Draft, String> {
    let side: Side = serde_json::from_str(side).map_err(|e| format!("draft settings: {e}"))?;
    let path = side.file.then(|| side.name.clone());
    Source::new(path, bytes)
        .read(&side.name, None, side.format)
        .map_err(|e| e.to_string())
}

/// Compares a Word document before its tracked changes (all rejected) with it after them (all
/// accepted), as `clausediff diff --tracked FILE.docx` does: each finding names the revision's
/// author and date. `side` is as for [`read`] and must name a Word document; `settings` as for
/// [`compare`].
#[wasm_bindgen]
pub fn tracked(bytes: Vec<u8>, side: &str, settings: &str) -> Result<Comparison, JsError> {
    tracked_drafts(bytes, side)
        .and_then(|(old, new)| compare_read(old, new, settings))
        .map(Comparison)
        .map_err(|e| JsError::new(&e))
}

fn tracked_drafts(bytes: Vec<u8>, side: &str) -> Result<(Draft, Draft), String> {
    let side: Side = serde_json::from_str(side).map_err(|e| format!("draft settings: {e}"))?;
    let path = side.file.then(|| side.name.clone());
    let source = Source::new(path.clone(), bytes);
    let format = side.format.unwrap_or_else(|| source.format());
    if format != InputFormat::Docx {
        return Err(format!(
            "{}: tracked changes are compared in a Word document (.docx); this is read as {}",
            side.name,
            format.name()
        ));
    }
    let name = &side.name;
    let [rejected, accepted] = Draft::tracked_labels(name);
    let (mut old, mut new) = Draft::read_tracked(&rejected, &accepted, name, &source.bytes)
        .map_err(|e| e.to_string())?;
    old.path.clone_from(&path);
    new.path = path;
    Ok((old, new))
}

/// A comparison of two drafts, ready to be rendered in any format.
#[wasm_bindgen]
pub struct Comparison(Report);

/// How to compare.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Settings {
    /// `--min-severity`: findings below it are left out of the report, with a note.
    min_severity: Option<Severity>,
    /// `--diff-timeout` in seconds (2 when absent; 0 waits as long as it takes).
    diff_timeout: Option<f64>,
}

/// Compares two drafts with the built-in lexicon and watchlists, as the command line does without a
/// settings file; `settings` is JSON: `{"minSeverity": "medium", "diffTimeout": 2}`, both optional.
#[wasm_bindgen]
pub fn compare(old: ReadDraft, new: ReadDraft, settings: &str) -> Result<Comparison, JsError> {
    compare_read(old.0, new.0, settings)
        .map(Comparison)
        .map_err(|e| JsError::new(&e))
}

fn compare_read(old: Draft, new: Draft, settings: &str) -> Result<Report, String> {
    let settings: Settings =
        serde_json::from_str(settings).map_err(|e| format!("comparison settings: {e}"))?;
    let mut options = Options {
        classifier: classifier(),
        ..Options::default()
    };
    options.policy.min_severity = settings.min_severity;
    if let Some(seconds) = settings.diff_timeout {
        options.diff = DiffOptions::from_seconds(seconds);
    }
    Ok(compare_drafts(old, new, &options))
}

/// The built-in classifier, built once per worker: parsing and stemming the lexicon is a good part
/// of a small comparison.
fn classifier() -> Arc<Classifier> {
    static CLASSIFIER: OnceLock<Arc<Classifier>> = OnceLock::new();
    CLASSIFIER.get_or_init(Arc::default).clone()
}

#[wasm_bindgen]
impl Comparison {
    /// The report in `format` (`json`, `html`, or any other `--format` of `clausediff diff`), as
    /// `clausediff diff --format FORMAT` writes it to a file.
    pub fn render(&self, format: &str) -> Result<String, JsError> {
        render_report(&self.0, format).map_err(|e| JsError::new(&e))
    }

    /// The counts of the report's summary as JSON, for the page's status line.
    pub fn summary(&self) -> String {
        serde_json::to_string(&self.0.summary).unwrap_or_default()
    }
}

fn render_report(report: &Report, format: &str) -> Result<String, String> {
    let format = Format::ALL
        .into_iter()
        .find(|f| f.name() == format)
        .ok_or_else(|| format!("no report format `{format}`"))?;
    let mut out = Vec::new();
    // As written to a file: no colour, each clause on the draft's own lines.
    report::render(report, format, &RenderOptions::default(), &mut out)
        .map_err(|e| e.to_string())?;
    String::from_utf8(out).map_err(|e| format!("the {} report is not UTF-8: {e}", format.name()))
}

/// The message of the last panic, for the worker to show when a call traps instead of returning
/// (which the library is written never to do): the one report of a bug a user can pass on.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> String {
    PANIC.lock().map(|m| m.clone()).unwrap_or_default()
}

static PANIC: Mutex<String> = Mutex::new(String::new());

/// Keeps each panic's message for [`last_panic`] (there is no console to print it on in a worker
/// the page does not log).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut message) = PANIC.lock() {
            *message = info.to_string();
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/joint-statement/");
        std::fs::read(format!("{path}{name}")).unwrap()
    }

    fn file(name: &str) -> String {
        format!(r#"{{"name": "{name}", "file": true}}"#)
    }

    #[test]
    fn a_pair_renders_as_the_library_renders_it() {
        let old = read_draft(fixture("draft.txt"), &file("draft.txt")).unwrap();
        let new = read_draft(fixture("final.txt"), &file("final.txt")).unwrap();
        let report = compare_read(old, new, "{}").unwrap();
        let json = render_report(&report, "json").unwrap();
        let mut expected = Vec::new();
        report::render(
            &report,
            Format::Json,
            &RenderOptions::default(),
            &mut expected,
        )
        .unwrap();
        assert_eq!(json.as_bytes(), expected);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["old"]["label"], "draft.txt");
        assert_eq!(value["new"]["source"], "final.txt");
        assert!(value["findings"].as_array().unwrap().len() > 10);
        assert!(
            render_report(&report, "html")
                .unwrap()
                .starts_with("<!DOCTYPE html>")
        );
    }

    #[test]
    fn a_word_files_tracked_changes_compare_before_against_after() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../fixtures/docx/treaty-tracked.docx"
        );
        let bytes = std::fs::read(path).unwrap();
        let (old, new) = tracked_drafts(bytes, &file("treaty.docx")).unwrap();
        assert_eq!(old.label, "treaty.docx (changes rejected)");
        assert_eq!(new.label, "treaty.docx (changes accepted)");
        assert_eq!(new.path.as_deref(), Some("treaty.docx"));
        let report = compare_read(old, new, "{}").unwrap();
        assert!(
            report.findings.iter().any(|f| f.revision.is_some()),
            "findings name their revision"
        );
        let text = tracked_drafts(fixture("draft.txt"), &file("draft.txt")).unwrap_err();
        assert_eq!(
            text,
            "draft.txt: tracked changes are compared in a Word document (.docx); this is read as text"
        );
    }

    #[test]
    fn the_minimum_severity_hides_findings_with_a_note() {
        let read = |name: &str| read_draft(fixture(name), &file(name)).unwrap();
        let report = compare_read(
            read("draft.txt"),
            read("final.txt"),
            r#"{"minSeverity": "high"}"#,
        )
        .unwrap();
        assert!(report.findings.iter().all(|f| f.severity == Severity::High));
        assert!(!report.hidden.is_empty());
    }

    #[test]
    fn a_file_name_decides_the_format_and_pasted_text_its_own() {
        let markdown = b"# Title\n\n1. The Parties shall meet.\n".to_vec();
        let named = read_draft(markdown.clone(), &file("notes.txt")).unwrap();
        assert_eq!(named.format, InputFormat::Text);
        let pasted = read_draft(markdown.clone(), r#"{"name": "old", "file": false}"#).unwrap();
        assert_eq!((pasted.format, pasted.path), (InputFormat::Markdown, None));
        let chosen = read_draft(
            markdown,
            r#"{"name": "notes.txt", "file": true, "format": "markdown"}"#,
        )
        .unwrap();
        assert_eq!(chosen.format, InputFormat::Markdown);
    }

    #[test]
    fn bytes_that_are_not_text_give_the_librarys_one_line_error() {
        let binary = read_draft(b"ab\0cd".to_vec(), &file("draft.txt"));
        assert_eq!(
            binary.unwrap_err(),
            "draft.txt: binary file (NUL byte at offset 2), not a text draft"
        );
        let word = read_draft(b"PK\x03\x04\0\0".to_vec(), &file("draft.docx")).unwrap_err();
        assert!(
            word.starts_with("draft.docx: not a readable Word document: corrupt or truncated zip"),
            "{word}"
        );
        let damaged = read_draft(b"d\xc3\xa9claration \xff".to_vec(), &file("old.txt"));
        assert_eq!(damaged.unwrap_err(), "old.txt: invalid UTF-8 at byte 13");
        let pdf = read_draft(b"%PDF-1.7\n".to_vec(), &file("a.pdf")).unwrap_err();
        assert!(
            pdf.starts_with("a.pdf: PDF drafts are not read by this build"),
            "{pdf}"
        );
    }

    #[test]
    fn legacy_encodings_are_read_as_on_the_command_line() {
        let draft = read_draft(
            b"1. Les Parties s'engagent \xe0 coop\xe9rer.\n".to_vec(),
            &file("v1.txt"),
        )
        .unwrap();
        assert_eq!(draft.clauses[0].text, "Les Parties s'engagent à coopérer.");
        assert!(
            draft.notes.iter().any(|n| n.contains("windows-1252")),
            "{:?}",
            draft.notes
        );
    }

    #[test]
    fn bad_settings_are_one_line_errors() {
        let err = read_draft(
            Vec::new(),
            r#"{"name": "a", "file": true, "format": "rtf"}"#,
        );
        assert!(
            err.unwrap_err()
                .starts_with("draft settings: unknown variant `rtf`")
        );
        let draft = || read_draft(Vec::new(), &file("a.txt")).unwrap();
        let err = compare_read(draft(), draft(), r#"{"minSeverity": "urgent"}"#);
        assert!(
            err.unwrap_err()
                .starts_with("comparison settings: unknown variant")
        );
        let report = compare_read(draft(), draft(), "{}").unwrap();
        assert_eq!(
            render_report(&report, "pdf").unwrap_err(),
            "no report format `pdf`"
        );
    }

    #[test]
    fn choices_list_the_librarys_formats() {
        let choices: serde_json::Value = serde_json::from_str(&choices()).unwrap();
        // PDF is left out of the browser build (its reader needs an OS random source).
        assert_eq!(
            choices["formats"],
            serde_json::json!(["text", "markdown", "html", "docx", "akoma-ntoso", "uslm"])
        );
        assert_eq!(
            choices["severities"],
            serde_json::json!(["info", "low", "medium", "high"])
        );
    }
}
