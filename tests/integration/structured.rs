//! The structured readers (Akoma Ntoso, USLM, PDF): the same clauses, ids and findings as the text of
//! the same document, the corpus's real files, and hostile input.

use std::collections::BTreeMap;

use clausediff::classify::Severity;
use clausediff::{Draft, InputFormat, Options, Report, compare};

use crate::{clausediff, corpus, differing_output, fixture};

/// Reads a fixture as the command line does: the format from its name and bytes.
fn read(relative: &str) -> Draft {
    let bytes = std::fs::read(fixture(relative)).expect("fixture is readable");
    let format = InputFormat::detect(Some(relative), &bytes);
    Draft::read(relative, relative, &bytes, format).expect("the fixture reads")
}

fn report(old: &str, new: &str) -> Report {
    compare(read(old), read(new), &Options::default())
}

/// A finding as the parity checks compare it: kind, severity and evidence.
type Seen = (String, Severity, String, String);

/// The findings of a report, counted, `metadata_changed` left out.
fn findings(report: &Report) -> BTreeMap<Seen, usize> {
    let mut seen = BTreeMap::new();
    for f in &report.findings {
        let kind = f.kind.name().to_string();
        if kind == "metadata_changed" {
            continue;
        }
        *seen
            .entry((kind, f.severity, f.old_text.clone(), f.new_text.clone()))
            .or_insert(0) += 1;
    }
    seen
}

/// Each clause as `id | kind | text`.
fn clauses(draft: &Draft) -> Vec<String> {
    draft
        .clauses
        .iter()
        .map(|c| format!("{} | {} | {}", c.id, c.kind.name(), c.text))
        .collect()
}

#[test]
fn an_akoma_ntoso_act_reads_as_its_text() {
    for version in ["v1", "v2"] {
        let xml = read(&format!("akoma-ntoso-act/{version}.xml"));
        let text = read(&format!("akoma-ntoso-act/{version}.txt"));
        assert_eq!(xml.format, InputFormat::AkomaNtoso);
        assert_eq!(clauses(&xml), clauses(&text), "{version}");
    }
    let xml = report("akoma-ntoso-act/v1.xml", "akoma-ntoso-act/v2.xml");
    let text = report("akoma-ntoso-act/v1.txt", "akoma-ntoso-act/v2.txt");
    assert_eq!(findings(&xml), findings(&text));
    let kinds: Vec<&str> = xml.findings.iter().map(|f| f.kind.name()).collect();
    for kind in [
        "softened",
        "hedge_added",
        "intensifier_removed",
        "watch_term_removed",
        "clause_added",
        "number_changed",
        "clause_renumbered",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    // The two drafts' FRBR dates differ: one metadata finding, which the text cannot have.
    assert_eq!(
        xml.findings
            .iter()
            .filter(|f| f.kind.name() == "metadata_changed")
            .count(),
        1
    );
    let v2 = read("akoma-ntoso-act/v2.xml");
    assert_eq!(
        v2.clauses
            .iter()
            .find(|c| c.id.0 == "Article 3.1")
            .and_then(|c| c.key.as_deref()),
        Some("art_3__para_1")
    );
    assert!(
        v2.notes
            .iter()
            .any(|n| n
                .contains("1 passage inserted (<ins>) kept, 1 passage deleted (<del>) left out")),
        "{:?}",
        v2.notes
    );
}

/// The Congress prints in `fixtures/us-*`: each USLM `.xml` beside the text rendering of the same
/// print, as pairs of versions.
const CONGRESS_PAIRS: [(&str, &str, &str); 6] = [
    (
        "us-sconres13-control",
        "01-engrossed-in-senate-ES",
        "02-agreed-to-senate-ATS",
    ),
    (
        "us-sconres13-control",
        "02-agreed-to-senate-ATS",
        "03-referred-in-house-RFH",
    ),
    (
        "us-sconres13-control",
        "01-engrossed-in-senate-ES",
        "03-referred-in-house-RFH",
    ),
    (
        "us-sconres10-huawei-zte",
        "01-introduced-IS",
        "02-reported-RS",
    ),
    (
        "us-hjres37-yemen-war-powers",
        "01-reported-in-house-RH",
        "02-passed-house-referred-in-senate-RFS",
    ),
    (
        "us-hr2157-disaster-supplemental",
        "01-introduced-IH",
        "02-enrolled-ENR",
    ),
];

/// Whether every word of `text` is in the draft's metadata: a line of the cover page.
fn on_the_cover(draft: &Draft, text: &str) -> bool {
    let Some(metadata) = &draft.metadata else {
        return text.is_empty();
    };
    // The cover's lines in order, without white space: a text print runs some together
    // (`Union Calendar No. 2116th CONGRESS`).
    let cover: String = metadata
        .entries
        .iter()
        .flat_map(|(_, v)| v.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    // Words, split where the print ran two together as well (`2019Committee`, `SessionS`).
    let mut words = vec![String::new()];
    let mut previous = ' ';
    for c in text.chars() {
        let joined = previous.is_alphabetic() && c.is_ascii_digit()
            || previous.is_ascii_digit() && c.is_alphabetic()
            || previous.is_lowercase() && c.is_uppercase();
        if !c.is_alphanumeric() || joined {
            words.push(String::new());
        }
        if c.is_alphanumeric() {
            words.last_mut().unwrap().push(c);
        }
        previous = c;
    }
    // A word is on the cover, or two of its lines run together (`2` + `116th`).
    let on_cover = |w: &str| {
        cover.contains(w)
            || (1..w.len())
                .filter(|&i| w.is_char_boundary(i))
                .any(|i| cover.contains(&w[..i]) && cover.contains(&w[i..]))
    };
    words.iter().filter(|w| !w.is_empty()).all(|w| on_cover(w))
}

#[test]
fn uslm_and_the_text_of_the_same_print_give_the_same_findings() {
    for (folder, old, new) in CONGRESS_PAIRS {
        let path = |version: &str, extension: &str| format!("{folder}/{version}.{extension}");
        let xml = report(&path(old, "xml"), &path(new, "xml"));
        let text = report(&path(old, "txt"), &path(new, "txt"));
        assert_eq!(xml.old.format, InputFormat::Uslm);
        let (in_xml, in_text) = (findings(&xml), findings(&text));
        for (finding, &count) in &in_xml {
            let in_both = in_text.get(finding).copied().unwrap_or(0);
            // The one finding only the XML has: with the back cover read as paragraphs of the last
            // section, the text pairs the bare `SEC. 4` heading with the new section 4; the XML
            // pairs it with `SEC. 5`, where the inserted section put it.
            let known = folder == "us-hjres37-yemen-war-powers" && finding.0 == "clause_renumbered";
            assert!(
                count <= in_both || known,
                "{folder} {old} → {new}: only the XML finds {finding:?}"
            );
        }
        for (finding, &count) in &in_text {
            if in_xml.get(finding).copied().unwrap_or(0) >= count {
                continue;
            }
            // What only the text finds is about the print furniture the XML holds as metadata.
            let (_, _, old_text, new_text) = finding;
            assert!(
                on_the_cover(&xml.old, old_text) && on_the_cover(&xml.new, new_text),
                "{folder} {old} → {new}: only the text finds {finding:?}"
            );
        }
    }
}

#[test]
fn the_sconres13_control_prints_give_no_finding_above_info_from_the_xml() {
    for (folder, old, new) in &CONGRESS_PAIRS[..3] {
        let xml = report(
            &format!("{folder}/{old}.xml"),
            &format!("{folder}/{new}.xml"),
        );
        let above: Vec<String> = xml
            .findings
            .iter()
            .filter(|f| f.severity > Severity::Info)
            .map(|f| f.message())
            .collect();
        assert!(above.is_empty(), "{old} → {new}: {above:#?}");
        // The prints' stages differ, and that is all there is to say.
        assert_eq!(xml.findings.len(), 1, "{:?}", xml.findings);
        assert_eq!(xml.findings[0].kind.name(), "metadata_changed");
    }
}

#[test]
fn a_uslm_bill_has_the_clauses_a_reader_sees() {
    let bill = read("us-hr2157-disaster-supplemental/01-introduced-IH.xml");
    let ids: Vec<&str> = bill.clauses.iter().map(|c| c.id.0.as_str()).collect();
    for id in [
        "TITLE I",
        "Sec. 101",
        "Sec. 104(a)(1)",
        "Sec. 104(a)(2)",
        "Sec. 104(b)",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    let clause = bill
        .clauses
        .iter()
        .find(|c| c.id.0 == "Sec. 104(a)(1)")
        .unwrap();
    assert!(
        clause
            .text
            .starts_with("Except as provided in paragraph (2)")
    );
    assert_eq!(
        clause.key.as_deref(),
        Some("/us/bill/116/hr/2157/tI/s104/a/1")
    );
    let metadata = bill.metadata.as_ref().unwrap();
    let value = |key: &str| {
        metadata
            .entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(value("docStage"), Some("Introduced in House"));
    assert_eq!(value("sponsor"), Some("Mrs. Lowey"));
    assert!(
        value("preface.action")
            .unwrap()
            .starts_with("April 9, 2019 Mrs. Lowey introduced")
    );
    // No cover-page line is a clause.
    assert!(
        !bill
            .clauses
            .iter()
            .any(|c| c.text.contains("IN THE HOUSE OF REPRESENTATIVES"))
    );
}

#[test]
fn the_un_draft_resolution_reads_in_both_languages() {
    for (file, language, first) in [
        (
            "01-en-E-CN.7-2012-L.2.akn.xml",
            "eng",
            "Encourages Member States",
        ),
        (
            "02-es-E-CN.7-2012-L.2.akn.xml",
            "esp",
            "Alienta a los Estados Miembros",
        ),
    ] {
        let draft = read(&format!("akn4un-cnd-draft-resolution/{file}"));
        assert_eq!(draft.format, InputFormat::AkomaNtoso);
        let numbered: Vec<&str> = draft
            .clauses
            .iter()
            .filter(|c| c.numbered)
            .map(|c| c.id.0.as_str())
            .collect();
        assert_eq!(numbered, ["1", "2", "3", "8"], "{file}");
        let one = draft.clauses.iter().find(|c| c.id.0 == "1").unwrap();
        assert!(one.text.starts_with(first), "{}", one.text);
        assert_eq!(one.key.as_deref(), Some("itm1"));
        let metadata = draft.metadata.as_ref().unwrap();
        assert!(
            metadata.entries.contains(&(
                "FRBRExpression.FRBRlanguage".to_string(),
                language.to_string()
            )),
            "{:?}",
            metadata.entries
        );
        // The footnotes of paragraph 8 are clauses of their own, not words of its sentence.
        let eight = draft.clauses.iter().find(|c| c.id.0 == "8").unwrap();
        assert!(!eight.text.contains("Treaty Series") && !eight.text.contains("vol. 520"));
        assert!(draft.clauses.iter().any(|c| c.text.starts_with("Note 1: ")));
    }
}

#[test]
fn the_italian_senate_comparisons_read_without_error() {
    let Some(folder) = corpus("it-ddl-tortura-senato-akn-2014-2015") else {
        return;
    };
    for (file, columns) in [
        ("00-akn-S10-B-ddlpres-2015-04-13-testo-a-fronte.xml", 2),
        ("00-akn-S10-C-ddlcomm-2015-07-10-testo-a-fronte.xml", 3),
    ] {
        let bytes = std::fs::read(folder.join(file)).unwrap();
        assert_eq!(
            InputFormat::detect(Some(file), &bytes),
            InputFormat::AkomaNtoso
        );
        let draft = Draft::read(file, file, &bytes, InputFormat::AkomaNtoso).unwrap();
        // A synoptic table, read row by row: each article heading once per column.
        let headings = draft
            .clauses
            .iter()
            .filter(|c| c.id.0.starts_with("Art. 1") && c.kind.name() == "heading")
            .count();
        assert_eq!(headings, columns, "{file}");
        let metadata = draft.metadata.as_ref().unwrap();
        assert!(
            metadata
                .entries
                .iter()
                .any(|(k, _)| k == "FRBRWork.FRBRthis")
        );
    }
}

#[test]
fn corpus_xml_files_read_as_the_fixtures_do() {
    // The fixtures are copies: the corpus's own files read the same when they are here.
    let Some(folder) = corpus("us-sconres13-taiwan-2019-control") else {
        return;
    };
    let name = "01-engrossed-in-senate-ES.xml";
    let bytes = std::fs::read(folder.join(name)).unwrap();
    let draft = Draft::read(name, name, &bytes, InputFormat::detect(Some(name), &bytes)).unwrap();
    assert_eq!(
        clauses(&draft),
        clauses(&read(&format!("us-sconres13-control/{name}")))
    );
}

/// Runs `clausediff clauses FILE` on bytes written to a file, and returns its status and stderr.
fn clauses_of(name: &str, bytes: &[u8]) -> (Option<i32>, String, std::time::Duration) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let started = std::time::Instant::now();
    let out = clausediff().args(["clauses"]).arg(&path).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    (
        out.status.code(),
        stderr.replace(&path.display().to_string(), name),
        started.elapsed(),
    )
}

#[test]
fn hostile_xml_is_one_line_error_naming_the_file() {
    let bomb = format!(
        r#"<?xml version="1.0"?><!DOCTYPE akomaNtoso [<!ENTITY a "aaaaaaaaaa">{}]><akomaNtoso><act><body><p>&j;</p></body></act></akomaNtoso>"#,
        (b'b'..=b'j')
            .map(|c| {
                let previous = (c - 1) as char;
                format!(
                    "<!ENTITY {} \"{}\">",
                    c as char,
                    format!("&{previous};").repeat(10)
                )
            })
            .collect::<String>()
    );
    let deep = format!(
        "<akomaNtoso><act><body>{}",
        "<hcontainer>".repeat(1_000_000)
    );
    let truncated =
        "<?xml version=\"1.0\"?><akomaNtoso><act><body><article><num>Article 1</num><p>The Par";
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "bomb.xml",
            bomb.as_bytes(),
            "bomb.xml: a document type declaration (<!DOCTYPE …>) is not read: clausediff expands no XML entities",
        ),
        (
            "deep.xml",
            deep.as_bytes(),
            "deep.xml: elements nested more than 1024 deep (clausediff's limit for XML)",
        ),
        (
            "truncated.xml",
            truncated.as_bytes(),
            "truncated.xml: not well-formed XML: the root node was opened but never closed",
        ),
        (
            "bill.xml",
            b"<bill xmlns=\"http://schemas.gpo.gov/xml/uslm\"><main><section><num>Sec. 1.</num>",
            "bill.xml: not well-formed XML: the root node was opened but never closed",
        ),
    ];
    for (name, bytes, message) in cases {
        let (code, stderr, took) = clauses_of(name, bytes);
        assert_eq!(code, Some(2), "{name}: {stderr}");
        assert_eq!(stderr, format!("clausediff: error: {message}\n"), "{name}");
        assert!(took.as_secs() < 10, "{name} took {took:?}");
    }
}

#[test]
fn folders_pair_xml_documents() {
    let dir = tempfile::tempdir().unwrap();
    for side in ["old", "new"] {
        std::fs::create_dir(dir.path().join(side)).unwrap();
    }
    let copy = |from: &str, to: &str| {
        std::fs::copy(fixture(from), dir.path().join(to)).unwrap();
    };
    copy("akoma-ntoso-act/v1.xml", "old/act.xml");
    copy("akoma-ntoso-act/v2.xml", "new/act.xml");
    copy(
        "us-sconres13-control/01-engrossed-in-senate-ES.xml",
        "old/sconres13.xml",
    );
    copy(
        "us-sconres13-control/02-agreed-to-senate-ATS.xml",
        "new/sconres13.xml",
    );
    let stdout = differing_output(dir.path(), &["diff", "old", "new", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    let entries: Vec<(&str, &str, &str)> = files
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["status"].as_str().unwrap(),
                f["report"]["new"]["format"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("act.xml", "changed", "akoma_ntoso"),
            ("sconres13.xml", "changed", "uslm")
        ]
    );
}

#[test]
fn history_follows_xml_versions() {
    let out = clausediff()
        .args([
            "history",
            "fixtures/us-sconres13-control/01-engrossed-in-senate-ES.xml",
            "fixtures/us-sconres13-control/02-agreed-to-senate-ATS.xml",
            "fixtures/us-sconres13-control/03-referred-in-house-RFH.xml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["versions"].as_array().unwrap().len(), 3);
    // No clause of the resolution changes across the three prints.
    let clauses = json["clauses"].as_array().unwrap();
    assert_eq!(clauses.len(), 36);
    assert!(
        clauses
            .iter()
            .all(|c| c["removed"].is_null() && c["introduced"] == 0)
    );
}

#[test]
fn a_typeset_pdf_reads_as_its_text() {
    for name in ["draft", "final"] {
        let pdf = read(&format!("pdf-joint-statement/{name}.pdf"));
        let text = read(&format!("pdf-joint-statement/{name}.txt"));
        assert_eq!(pdf.format, InputFormat::Pdf);
        assert_eq!(clauses(&pdf), clauses(&text), "{name}");
        // Two pages, each with a running header and a page number left out; words hyphenated at a
        // line break ("anni-" / "versary") joined.
        assert_eq!(
            pdf.notes,
            [
                "read from the PDF's text layer (2 pages); a clause's lines are its pages",
                "4 lines of running headers, footers and page numbers left out"
            ],
            "{name}"
        );
        assert!(
            pdf.clauses
                .iter()
                .all(|c| !c.text.contains("working draft") && !c.text.contains("Page 1 of"))
        );
        assert_eq!(pdf.clauses.last().unwrap().lines.first, 2);
    }
    let pdf = report(
        "pdf-joint-statement/draft.pdf",
        "pdf-joint-statement/final.pdf",
    );
    let text = report(
        "pdf-joint-statement/draft.txt",
        "pdf-joint-statement/final.txt",
    );
    assert_eq!(findings(&pdf), findings(&text));
    assert!(pdf.findings.len() >= 20, "{}", pdf.findings.len());
    // The source texts are the joint-statement fixture's.
    for (copy, original) in [("draft", "draft"), ("final", "final")] {
        assert_eq!(
            std::fs::read(fixture(&format!("pdf-joint-statement/{copy}.txt"))).unwrap(),
            std::fs::read(fixture(&format!("joint-statement/{original}.txt"))).unwrap()
        );
    }
}

/// A PDF made of `objects` (numbered from 1, the first the catalog), with a cross-reference table
/// and `trailer` entries besides `/Size` and `/Root`.
fn pdf(objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object holding `data` as it is, its dictionary given `entries` besides `/Length`.
fn stream(entries: &str, data: &[u8]) -> Vec<u8> {
    let mut body = format!("<< /Length {} {entries} >>\nstream\n", data.len()).into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(b"\nendstream");
    body
}

/// One page drawing `content`, with Helvetica as `/F1`.
fn one_page(content: Vec<u8>, pages: &str) -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [3 0 R] {pages} >>").into_bytes(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 4 0 R >>".to_vec(),
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", b"\x80"),
    ]
}

#[test]
fn hostile_pdfs_are_one_line_errors_naming_the_file() {
    use std::io::Write as _;
    let text = stream(
        "",
        b"BT /F1 12 Tf 72 720 Td (The Parties shall meet.) Tj ET",
    );
    let readable = pdf(&one_page(text.clone(), "/Count 1"), "");
    assert_eq!(
        clausediff()
            .arg("clauses")
            .arg("-")
            .write_stdin(readable.clone())
            .output()
            .unwrap()
            .status
            .code(),
        Some(0)
    );
    let scanned = pdf(
        &one_page(stream("", b"q 595 0 0 842 0 0 cm /Im1 Do Q"), "/Count 1"),
        "",
    );
    let million = pdf(&one_page(text.clone(), "/Count 1000000"), "");
    let encrypted = pdf(
        &one_page(text.clone(), "/Count 1"),
        "/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF> /U <FFEEDDCCBBAA99887766554433221100FFEEDDCCBBAA99887766554433221100> >> /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]",
    );
    // 100 MiB of zeros in 100 KB: a stream that decompresses past the 64 MiB limit.
    let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..100 {
        deflate.write_all(&zeros).unwrap();
    }
    let bomb = pdf(
        &one_page(
            stream("/Filter /FlateDecode", &deflate.finish().unwrap()),
            "/Count 1",
        ),
        "",
    );
    // A stream that says it is 2 GB long.
    let mut claimed = one_page(text.clone(), "/Count 1");
    claimed[3] = b"<< /Length 2147483648 >>\nstream\nBT /F1 12 Tf (x) Tj ET\nendstream".to_vec();
    let claimed = pdf(&claimed, "");
    let garbage = b"%PDF-1.7\n\x00\x01\x02 this is not a PDF at all".to_vec();
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "scan.pdf",
            &scanned,
            "scan.pdf: no text layer; run OCR first",
        ),
        (
            "million.pdf",
            &million,
            "million.pdf: more than 10000 pages (clausediff's limit for PDF)",
        ),
        (
            "locked.pdf",
            &encrypted,
            "locked.pdf: encrypted PDF: clausediff cannot read it without its password; save an unencrypted copy",
        ),
        (
            "bomb.pdf",
            &bomb,
            "bomb.pdf: a stream decompresses to more than 64 MiB (clausediff's limit for PDF)",
        ),
        (
            "garbage.pdf",
            &garbage,
            "garbage.pdf: not a PDF clausediff can read: ",
        ),
    ];
    for (name, bytes, message) in cases {
        let (code, stderr, took) = clauses_of(name, bytes);
        assert_eq!(code, Some(2), "{name}: {stderr}");
        assert!(
            stderr.starts_with(&format!("clausediff: error: {message}"))
                && stderr.lines().count() == 1,
            "{name}: {stderr}"
        );
        assert!(took.as_secs() < 10, "{name} took {took:?}");
    }
    // A 2 GB claim over a few bytes, and a file cut in half, read what they hold or fail in one
    // line; neither panics nor waits.
    let mut half = std::fs::read(fixture("pdf-joint-statement/draft.pdf")).unwrap();
    half.truncate(half.len() / 2);
    for (name, bytes) in [
        ("claimed.pdf", claimed.as_slice()),
        ("half.pdf", half.as_slice()),
    ] {
        let (code, stderr, took) = clauses_of(name, bytes);
        assert!(
            code == Some(0) || (code == Some(2) && stderr.lines().count() == 1),
            "{name}: {code:?} {stderr}"
        );
        assert!(took.as_secs() < 10, "{name} took {took:?}");
    }
}

#[test]
fn folders_pair_pdf_documents() {
    let dir = tempfile::tempdir().unwrap();
    for side in ["old", "new"] {
        std::fs::create_dir(dir.path().join(side)).unwrap();
    }
    std::fs::copy(
        fixture("pdf-joint-statement/draft.pdf"),
        dir.path().join("old/statement.pdf"),
    )
    .unwrap();
    std::fs::copy(
        fixture("pdf-joint-statement/final.pdf"),
        dir.path().join("new/statement.pdf"),
    )
    .unwrap();
    let stdout = differing_output(dir.path(), &["diff", "old", "new", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let file = &json["files"][0];
    assert_eq!(file["path"], "statement.pdf");
    assert_eq!(file["report"]["old"]["format"], "pdf");
    let text = report(
        "pdf-joint-statement/draft.txt",
        "pdf-joint-statement/final.txt",
    );
    assert_eq!(
        file["report"]["findings"].as_array().unwrap().len(),
        text.findings.len()
    );
}

#[test]
fn the_clause_listing_gives_each_clause_its_key() {
    let out = clausediff()
        .args([
            "clauses",
            "fixtures/akoma-ntoso-act/v1.xml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "akoma_ntoso");
    let clauses = json["clauses"].as_array().unwrap();
    let one = clauses
        .iter()
        .find(|c| c["id"] == "Article 1.2(b)")
        .unwrap();
    assert_eq!(one["key"], "art_1__para_2__point_b");
    assert_eq!(
        json["metadata"]["entries"][0],
        serde_json::json!(["FRBRWork.FRBRthis", "/akn/xx/act/2025/7/!main"])
    );
    // A text draft's clauses have no key, and the field is left out.
    let out = clausediff()
        .args([
            "clauses",
            "fixtures/akoma-ntoso-act/v1.txt",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c.get("key").is_none())
    );
}

/// A small deterministic generator (xorshift64), so the mutations are the same on every run.
struct Mutations(u64);

impl Mutations {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below.max(1) as u64) as usize
    }

    /// `bytes` with a few bytes changed, a run deleted or repeated, or the end cut off.
    fn mutate(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut out = bytes.to_vec();
        for _ in 0..1 + self.next(4) {
            let at = self.next(out.len());
            match self.next(5) {
                0 => out[at] = self.next(256) as u8,
                1 => {
                    let end = (at + self.next(64)).min(out.len());
                    out.drain(at..end);
                }
                2 => {
                    let end = (at + self.next(64)).min(out.len());
                    let run = out[at..end].to_vec();
                    out.splice(at..at, run);
                }
                3 => out.truncate(at),
                _ => out.insert(at, b"<>()[]/%0\n"[self.next(10)]),
            }
            if out.is_empty() {
                out.push(b'<');
            }
        }
        out
    }
}

/// Damaged copies of each structured fixture: every one reads, or fails in one line naming the
/// file; none panics.
#[test]
fn damaged_xml_and_pdf_files_are_drafts_or_one_line_errors() {
    let files = [
        ("akoma-ntoso-act/v2.xml", InputFormat::AkomaNtoso),
        (
            "akn4un-cnd-draft-resolution/01-en-E-CN.7-2012-L.2.akn.xml",
            InputFormat::AkomaNtoso,
        ),
        (
            "us-sconres13-control/01-engrossed-in-senate-ES.xml",
            InputFormat::Uslm,
        ),
        ("pdf-joint-statement/draft.pdf", InputFormat::Pdf),
    ];
    let mut mutations = Mutations(0x9E37_79B9_7F4A_7C15);
    for (file, format) in files {
        let bytes = std::fs::read(fixture(file)).unwrap();
        for round in 0..400 {
            let damaged = mutations.mutate(&bytes);
            match Draft::read("damaged", "damaged", &damaged, format) {
                Ok(draft) => {
                    let mut ids = std::collections::HashSet::new();
                    assert!(
                        draft.clauses.iter().all(|c| ids.insert(c.id.clone())),
                        "{file} round {round}: ids repeat"
                    );
                }
                Err(error) => {
                    let message = error.to_string();
                    assert!(
                        message.starts_with("damaged: ") && !message.contains('\n'),
                        "{file} round {round}: {message}"
                    );
                }
            }
        }
    }
}
