//! No input makes clausediff panic, and the same input always gives the same bytes.
//!
//! Thousands of arbitrary byte strings, arbitrary Unicode texts and "token soups" (numbering labels,
//! Markdown markup, line endings, modal verbs, names, numbers, bidi controls and emoji thrown
//! together) go through the whole pipeline: decoding, both parsers, comparison, every report format
//! and context, the clause listings and a history. Then every output is rendered again under one and
//! under four threads and must be byte-identical. Set `PROPTEST_CASES` for a longer run.

use std::io::Write;

use proptest::prelude::*;

use clausediff::document::decode;
use clausediff::history::{self, Version};
use clausediff::report::{self, Context, Format, ListFormat, RenderOptions, render_clauses};
use clausediff::{Draft, InputFormat, Options, Report, compare};

/// Pieces that reach the parsers' and the classifier's corners when thrown together.
const SOUP: &[&str] = &[
    "1.",
    "1.1",
    "2.3.4.",
    "(a)",
    "(ii)",
    "a)",
    "Article 3",
    "ARTICLE IV —",
    "PART II",
    "Section 2.",
    "Preamble",
    "Annex",
    "Whereas",
    "3 bis.",
    "ter",
    "# ",
    "## ",
    "###### ",
    "- ",
    "* ",
    "+ ",
    "> ",
    "1) ",
    "| a | b |\n|---|---|\n",
    "```\n",
    "    ",
    "<div>",
    "</div>",
    "&amp;",
    "[x](y)",
    "**",
    "_",
    "`",
    "---\n",
    "title: x\n",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\t",
    " ",
    "  ",
    "shall",
    "should",
    "may",
    "must",
    "will ensure",
    "not",
    "never",
    "no",
    "as appropriate",
    "resolutely",
    "Kuril Islands",
    "Northern Territories",
    "United Nations",
    "NATO",
    "(NATO)",
    "the Parties",
    "5%",
    "55 per cent",
    "$3",
    "1,000",
    "1.5",
    "2025",
    "May 8, 2025",
    "No. 136",
    "Mr.",
    "e.g.",
    "U.S.-China",
    ".",
    ",",
    ";",
    ":",
    "(",
    ")",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "—",
    "–",
    "-",
    "\u{a0}",
    "\u{ad}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{202e}",
    "\u{2028}",
    "é",
    "e\u{301}",
    "ẞ",
    "İ",
    "ǅ",
    "العربية",
    "שלום",
    "中华人民共和国",
    "日本",
    "👩🏽\u{200d}⚖️",
    "🇯🇵",
    "Z\u{351}\u{36b}",
    "\u{10ffff}",
    "\u{7f}",
    "\u{1}",
    "x",
    "<p>",
    "</p>",
    "<ol start=\"3\" type=\"a\">",
    "<li>",
    "</li>",
    "</ol>",
    "<h2>",
    "</h2>",
    "<br>",
    "<main>",
    "<nav>",
    "<script>",
    "&amp;",
];

fn soup() -> impl Strategy<Value = String> + Clone {
    prop::collection::vec(prop::sample::select(SOUP), 0..120).prop_map(|pieces| pieces.concat())
}

/// Bytes: ASCII text, or anything at all (mostly not UTF-8); most pairs decode and reach the parsers,
/// the others must be refused cleanly.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let text = prop_oneof![
        20 => 0x20u8..0x7f,
        4 => Just(b'\n'),
        1 => Just(b'\r'),
    ];
    prop_oneof![
        4 => prop::collection::vec(text, 0..400),
        1 => prop::collection::vec(any::<u8>(), 0..400),
    ]
}

fn input_format() -> impl Strategy<Value = InputFormat> {
    prop_oneof![
        Just(InputFormat::Text),
        Just(InputFormat::Markdown),
        Just(InputFormat::Html)
    ]
}

/// A pair of texts that share a part, so that alignment and the word diff have something to match.
fn related(text: impl Strategy<Value = String> + Clone) -> impl Strategy<Value = (String, String)> {
    (text.clone(), text, any::<prop::sample::Index>()).prop_map(|(old, insert, at)| {
        let mut cut = at.index(old.len() + 1);
        while !old.is_char_boundary(cut) {
            cut -= 1;
        }
        let new = format!("{}{insert}{}", &old[..cut], &old[cut..]);
        (old, new)
    })
}

/// Every output clausediff makes of two texts, in order, each labelled with what made it.
fn outputs(old: &str, new: &str, format: InputFormat) -> Vec<(String, Vec<u8>)> {
    let parse = |label: &str, text: &str| Draft::parse(label, label, text, format);
    let (a, b) = (parse("old", old), parse("new", new));
    let mut out = Vec::new();
    for draft in [&a, &b] {
        for list in [ListFormat::Term, ListFormat::Json] {
            let mut bytes = Vec::new();
            render_clauses(draft, list, false, &mut bytes).unwrap();
            out.push((format!("clauses {} {list:?}", draft.label), bytes));
        }
    }
    let history = history::build(
        ["old", "new", "old-again"]
            .iter()
            .map(|label| Version {
                label: (*label).to_owned(),
                source: (*label).to_owned(),
                commit: None,
            })
            .collect(),
        vec![a.clone(), b.clone(), a.clone()],
        &Options::default(),
    );
    for format in Format::ALL {
        let mut bytes = Vec::new();
        match report::render(&history, format, &RenderOptions::default(), &mut bytes) {
            Ok(()) => out.push((format!("history {format:?}"), bytes)),
            // A history has no SARIF or annotation form, and says so instead of writing.
            Err(e) => assert!(
                !report::Subject::from(&history).supports(format),
                "{format:?}: {e}"
            ),
        }
    }
    let report = compare(a, b, &Options::default());
    out.extend(reports(&report));
    out
}

/// The report in every format, with and without context (and, in the terminal, colour).
fn reports(report: &Report) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for format in Format::ALL {
        for context in [Context::None, Context::Around(1), Context::All] {
            let colors = if format == Format::Term {
                &[false, true][..]
            } else {
                &[false][..]
            };
            for &color in colors {
                let options = RenderOptions {
                    color,
                    width: None,
                    context,
                    blame: None,
                    step_summary: false,
                };
                let mut bytes = Vec::new();
                report::render(report, format, &options, &mut bytes).unwrap();
                out.push((format!("{format:?} {context:?} color {color}"), bytes));
            }
        }
    }
    out
}

/// Checks what every output must be: JSON parses, and the reports end where they should.
fn check(outputs: &[(String, Vec<u8>)]) -> Result<(), TestCaseError> {
    for (what, bytes) in outputs {
        if what.starts_with("Docx") {
            // A Word redline is a zip archive, and reads back as a Word document.
            prop_assert!(bytes.starts_with(b"PK\x03\x04"), "{what}");
            let read = clausediff::Draft::read_tracked("old", "new", "redline.docx", bytes);
            prop_assert!(read.is_ok(), "{what}: {:?}", read.err());
            continue;
        }
        let text = std::str::from_utf8(bytes);
        prop_assert!(text.is_ok(), "{what}: not UTF-8");
        if what.contains("Json") || what.starts_with("Sarif") {
            let parsed: Result<serde_json::Value, _> = serde_json::from_slice(bytes);
            prop_assert!(parsed.is_ok(), "{what}: {:?}", parsed.err());
        }
        if what.starts_with("Html") || what.starts_with("history Html") {
            prop_assert!(text.unwrap_or("").trim_end().ends_with("</html>"), "{what}");
        }
    }
    Ok(())
}

/// Runs `work` on a pool of `threads` threads.
fn on_threads<T: Send>(threads: usize, work: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(work)
}

fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        // Shrinking a failure of this size takes long; the failing input is printed either way.
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(1_000))]

    #[test]
    fn arbitrary_bytes_are_a_report_or_a_one_line_error(
        (old, new) in (bytes(), bytes()),
        format in input_format(),
    ) {
        let decoded = (decode("old.txt", old), decode("new.txt", new));
        match decoded {
            (Ok(old), Ok(new)) => check(&outputs(&old, &new, format))?,
            (Err(err), _) | (_, Err(err)) => {
                let message = err.to_string();
                prop_assert!(message.starts_with("old.txt: ") || message.starts_with("new.txt: "));
                prop_assert!(!message.contains('\n'), "{message}");
            }
        }
    }

    #[test]
    fn arbitrary_bytes_read_into_a_draft_or_a_one_line_error(
        bytes in bytes(),
        format in prop::option::of(input_format()),
    ) {
        let format = format.unwrap_or_else(|| InputFormat::detect(None, &bytes));
        match Draft::read("draft", "draft.txt", &bytes, format) {
            Ok(draft) => {
                let mut ids = std::collections::HashSet::new();
                prop_assert!(draft.clauses.iter().all(|c| ids.insert(c.id.clone())));
            }
            Err(err) => {
                let message = err.to_string();
                prop_assert!(message.starts_with("draft.txt: "), "{message}");
                prop_assert!(!message.contains('\n'), "{message}");
            }
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(
        (old, new) in related(any::<String>()),
        format in input_format(),
    ) {
        check(&outputs(&old, &new, format))?;
    }

    #[test]
    fn token_soup_never_panics((old, new) in related(soup()), format in input_format()) {
        check(&outputs(&old, &new, format))?;
    }
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn output_is_the_same_across_runs_and_thread_counts(
        (old, new) in related(soup()),
        markdown in any::<bool>(),
    ) {
        let format = if markdown { InputFormat::Markdown } else { InputFormat::Text };
        let one = on_threads(1, || outputs(&old, &new, format));
        let four = on_threads(4, || outputs(&old, &new, format));
        let again = on_threads(4, || outputs(&old, &new, format));
        for ((what, a), ((_, b), (_, c))) in one.iter().zip(four.iter().zip(&again)) {
            prop_assert!(a == b, "{what} differs between 1 and 4 threads");
            prop_assert!(b == c, "{what} differs between two runs");
        }
    }
}

/// The parallel parts (alignment sides, diffs, classification, JSON batches of 512 entries) only
/// split work on large documents, so determinism is also checked on one: a thousand fixture
/// clauses, shuffled and edited.
#[test]
fn a_large_comparison_is_the_same_on_one_thread_and_on_four() {
    let mut clauses: Vec<String> = Vec::new();
    for fixture in [
        "paris-agreement/01-2015-10-23-adp-draft-negotiating-text.md",
        "paris-agreement/04-2015-12-12-paris-agreement-L9-Rev1.md",
        "us-hr2157-disaster-supplemental/01-introduced-IH.txt",
        "us-hr2157-disaster-supplemental/02-enrolled-ENR.txt",
    ] {
        let draft = crate::draft(fixture);
        clauses.extend(draft.clauses.iter().map(|c| c.text.clone()));
    }
    assert!(clauses.len() > 1_000, "{}", clauses.len());
    let old = clauses.join("\n\n");
    // Every seventh clause moved to the end, every fifth softened, every eleventh dropped.
    let mut kept = Vec::new();
    let mut moved = Vec::new();
    for (i, clause) in clauses.iter().enumerate() {
        let clause = if i % 5 == 0 {
            clause.replacen("shall", "should", 1)
        } else {
            clause.clone()
        };
        match (i % 11, i % 7) {
            (0, _) => {}
            (_, 0) => moved.push(clause),
            _ => kept.push(clause),
        }
    }
    kept.extend(moved);
    let new = kept.join("\n\n");
    let run = |threads| {
        on_threads(threads, || {
            let parse =
                |label: &str, text: &str| Draft::parse(label, label, text, InputFormat::Text);
            let report = compare(parse("old", &old), parse("new", &new), &Options::default());
            assert!(report.changes.len() > 1_024, "{}", report.changes.len());
            reports(&report)
        })
    };
    let (one, four) = (run(1), run(4));
    for ((what, a), (_, b)) in one.iter().zip(&four) {
        if a != b {
            let mut diff = std::io::stderr();
            writeln!(diff, "{what}: {} vs {} bytes", a.len(), b.len()).unwrap();
        }
        assert!(a == b, "{what} differs between 1 and 4 threads");
    }
}

/// The same across processes: the binary with one thread and with four writes the same bytes.
#[test]
fn the_binary_writes_the_same_bytes_on_one_thread_and_on_four() {
    for format in ["json", "html", "md", "sarif", "github", "term"] {
        let run = |threads: &str| {
            crate::clausediff()
                .env("RAYON_NUM_THREADS", threads)
                .args(["diff", "--format", format])
                .args([
                    "fixtures/paris-agreement/03-2015-12-09-draft-agreement.md",
                    "fixtures/paris-agreement/04-2015-12-12-paris-agreement-L9-Rev1.md",
                ])
                .output()
                .unwrap()
        };
        let (one, four) = (run("1"), run("4"));
        assert_eq!(one.status.code(), Some(1), "{format}");
        assert!(
            one.stdout == four.stdout,
            "{format} differs between 1 and 4 threads"
        );
    }
}
