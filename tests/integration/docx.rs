//! Word documents: the fixtures built from text drafts give the text's clauses and findings, tracked
//! changes give the same findings with their authors, and the Word files of other projects (in
//! `../shared/corpus/docx-*`, skipped when absent) read as their own expected outputs say.

use std::path::{Path, PathBuf};

use clausediff::{Draft, InputFormat, Options, Report, compare};

use crate::{clausediff, differing_output, fixture, root};

fn read(path: &Path) -> Draft {
    let bytes = std::fs::read(path).unwrap();
    let name = path.display().to_string();
    Draft::read(
        &name,
        &name,
        &bytes,
        InputFormat::detect(Some(&name), &bytes),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn tracked(path: &Path) -> (Draft, Draft) {
    let bytes = std::fs::read(path).unwrap();
    let name = path.display().to_string();
    Draft::read_tracked("rejected", "accepted", &name, &bytes).unwrap_or_else(|e| panic!("{e}"))
}

/// What a clause is, apart from where it stands in its source.
fn clauses(draft: &Draft) -> Vec<(String, &'static str, String)> {
    draft
        .clauses
        .iter()
        .map(|c| (c.id.0.clone(), c.kind.name(), c.text.clone()))
        .collect()
}

/// What a finding says, apart from its source lines.
fn findings(report: &Report) -> Vec<(String, String, String, String)> {
    report
        .findings
        .iter()
        .map(|f| {
            (
                f.rule().to_string(),
                f.clause_label(),
                f.old_text.clone(),
                f.new_text.clone(),
            )
        })
        .collect()
}

#[test]
fn word_fixtures_have_the_clauses_of_their_text() {
    for version in ["v1", "v2"] {
        let word = read(&fixture(&format!("docx/treaty-{version}.docx")));
        let text = read(&fixture(&format!("docx/treaty-{version}.txt")));
        assert_eq!(clauses(&word), clauses(&text), "{version}");
        // The numbers are Word's, not the text's: the document holds none of them.
        assert!(word.clauses.iter().any(|c| c.id.0 == "Article 2.2(c)") || version == "v2");
        // A clause's line is its paragraph's ordinal.
        assert_eq!(word.clauses[2].lines.first, 3);
        let metadata = word.metadata.as_ref().expect("core properties");
        assert_eq!(metadata.entries[0].0, "title");
    }
}

#[test]
fn word_fixtures_give_the_findings_of_their_text() {
    let options = Options::default();
    let word = compare(
        read(&fixture("docx/treaty-v1.docx")),
        read(&fixture("docx/treaty-v2.docx")),
        &options,
    );
    let text = compare(
        read(&fixture("docx/treaty-v1.txt")),
        read(&fixture("docx/treaty-v2.txt")),
        &options,
    );
    assert!(text.findings.len() >= 8, "{:?}", findings(&text));
    assert_eq!(findings(&word), findings(&text));
}

#[test]
fn tracked_changes_give_the_findings_of_the_drafts_with_their_authors() {
    let (old, new) = tracked(&fixture("docx/treaty-tracked.docx"));
    assert_eq!(
        clauses(&old),
        clauses(&read(&fixture("docx/treaty-v1.docx")))
    );
    assert_eq!(
        clauses(&new),
        clauses(&read(&fixture("docx/treaty-v2.docx")))
    );
    let options = Options::default();
    let report = compare(old, new, &options);
    let text = compare(
        read(&fixture("docx/treaty-v1.txt")),
        read(&fixture("docx/treaty-v2.txt")),
        &options,
    );
    assert_eq!(findings(&report), findings(&text));
    let by = |rule: &str, clause: &str| {
        let f = report
            .findings
            .iter()
            .find(|f| f.kind.name() == rule && f.clause_label() == clause)
            .unwrap_or_else(|| panic!("{rule} in {clause}"));
        f.revision.as_ref().map(|r| r.describe())
    };
    let norway = Some("Delegation of Norway on 14 March 2025".to_string());
    let iceland = Some("Delegation of Iceland on 15 March 2025".to_string());
    assert_eq!(by("softened", "Article 1.1"), norway);
    assert_eq!(by("entity_removed", "Article 3.2"), iceland);
    assert_eq!(by("clause_added", "Article 4.3"), iceland);
    assert_eq!(by("number_changed", "Article 4.2"), norway);
    // The renumbering follows from a deletion elsewhere; no revision touched the clause's words.
    assert_eq!(
        by("clause_renumbered", "Article 2.2(c) → Article 2.2(b)"),
        None
    );
    let softened = report
        .findings
        .iter()
        .find(|f| f.kind.name() == "softened")
        .unwrap();
    assert!(
        softened
            .message()
            .ends_with("— softened by Delegation of Norway on 14 March 2025"),
        "{}",
        softened.message()
    );
}

#[test]
fn a_two_file_diff_of_word_documents_notes_that_tracked_changes_were_accepted() {
    let out = clausediff()
        .args([
            "diff",
            "fixtures/docx/treaty-tracked.docx",
            "fixtures/docx/treaty-v2.docx",
            "--format",
            "md",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("fixtures/docx/treaty-tracked.docx: read with its tracked changes accepted"),
        "{md}"
    );
}

#[test]
fn tracked_is_for_word_documents_and_shows_revisions_in_every_format() {
    let out = clausediff()
        .args(["diff", "--tracked", "fixtures/docx/treaty-v1.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--tracked compares the tracked changes of a Word document"),
        "{stderr}"
    );
    for format in ["term", "md", "html", "github", "jsonl", "sarif"] {
        let out = clausediff()
            .args([
                "diff",
                "--tracked",
                "fixtures/docx/treaty-tracked.docx",
                "-f",
                format,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Delegation of Norway"), "{format}: {text}");
    }
}

#[test]
fn clauses_and_folders_read_word_documents() {
    let out = clausediff()
        .args(["clauses", "fixtures/docx/treaty-v1.docx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let listing = String::from_utf8(out.stdout).unwrap();
    assert!(listing.contains("Article 2.2(c)"), "{listing}");
    // Standard input: the bytes say it is a Word document.
    let bytes = std::fs::read(fixture("docx/treaty-v1.docx")).unwrap();
    let out = clausediff()
        .args(["clauses", "-"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout).unwrap().contains("(docx)"));
    // Folder mode pairs `.docx` files.
    let dir = tempfile::tempdir().unwrap();
    for (side, version) in [("old", "v1"), ("new", "v2")] {
        std::fs::create_dir(dir.path().join(side)).unwrap();
        std::fs::copy(
            fixture(&format!("docx/treaty-{version}.docx")),
            dir.path().join(side).join("treaty.docx"),
        )
        .unwrap();
    }
    let stdout = differing_output(dir.path(), &["diff", "old", "new", "--format", "md"]);
    let md = String::from_utf8(stdout).unwrap();
    assert!(
        md.contains("treaty.docx") && md.contains("softened"),
        "{md}"
    );
    // History follows a clause through Word versions.
    let out = clausediff()
        .args([
            "history",
            "fixtures/docx/treaty-v1.docx",
            "fixtures/docx/treaty-v2.docx",
            "--format",
            "md",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Article 4.3")
    );
}

#[test]
fn damaged_word_documents_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(fixture("docx/treaty-v1.docx")).unwrap();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 600]);
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "truncated.docx",
            good[..good.len() / 2].to_vec(),
            "corrupt or truncated zip",
        ),
        (
            "encrypted.docx",
            ole,
            "encrypted or legacy .doc, not a Word 2007+ document",
        ),
        (
            "text.docx",
            b"just text".to_vec(),
            "not a Word document: not a zip archive",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = clausediff()
            .args(["clauses", &path.display().to_string()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(name) && stderr.contains(message),
            "{stderr}"
        );
    }
}

/// The Word files of a corpus folder, or none when the corpus is not beside the repository.
fn word_files(folder: &str) -> Vec<PathBuf> {
    let Some(dir) = crate::corpus(folder) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_word_document_reads_both_ways() {
    let folders = [
        "docx-numbered-clauses-common-paper",
        "docx-openxml-powertools-comparer-pairs",
        "docx-python-redlines-fixture",
        "docx-tracked-changes-openxml-powertools-revtracking",
        "docx-tracked-changes-pandoc-fixtures",
    ];
    for folder in folders {
        for path in word_files(folder) {
            let draft = read(&path);
            let (rejected, accepted) = tracked(&path);
            assert_eq!(clauses(&draft), clauses(&accepted), "{}", path.display());
            assert!(
                !accepted.clauses.is_empty() || !rejected.clauses.is_empty(),
                "{}",
                path.display()
            );
        }
    }
}

/// The paragraphs of a pandoc `.native` file, as text: its `Str` words joined by its spaces.
fn native_paragraphs(text: &str) -> Vec<String> {
    text.split("Para [")
        .skip(1)
        .map(|para| {
            let mut words = Vec::new();
            let mut rest = para;
            while let Some(at) = rest.find("Str \"") {
                rest = &rest[at + 5..];
                let end = rest.find('"').unwrap_or(rest.len());
                words.push(&rest[..end]);
                rest = &rest[end..];
            }
            words.join(" ")
        })
        .collect()
}

#[test]
fn pandoc_fixtures_accept_and_reject_as_pandoc_does() {
    let folder = "docx-tracked-changes-pandoc-fixtures";
    let mut compared = 0;
    for path in word_files(folder) {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let (rejected, accepted) = tracked(&path);
        for (draft, suffix) in [(&accepted, "accept"), (&rejected, "reject")] {
            let expected = path.with_file_name(format!("{stem}_{suffix}.native"));
            let Ok(native) = std::fs::read_to_string(&expected) else {
                continue;
            };
            let texts: Vec<String> = draft.clauses.iter().map(|c| c.text.clone()).collect();
            assert_eq!(texts, native_paragraphs(&native), "{}", expected.display());
            compared += 1;
        }
    }
    assert!(
        compared == 0 || compared == 8,
        "{compared} pandoc readings compared"
    );
}

#[test]
fn python_redlines_expected_redline_accepts_to_the_modified_and_rejects_to_the_original() {
    let files = word_files("docx-python-redlines-fixture");
    let [original, modified, redline] = files.as_slice() else {
        return;
    };
    let (rejected, accepted) = tracked(redline);
    let texts = |d: &Draft| d.clauses.iter().map(|c| c.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&accepted), texts(&read(modified)));
    assert_eq!(texts(&rejected), texts(&read(original)));
    // Its findings name the redline's author.
    let report = compare(rejected, accepted, &Options::default());
    assert!(!report.findings.is_empty());
    assert!(report.findings.iter().any(|f| {
        f.revision
            .as_ref()
            .is_some_and(|r| r.author.as_deref() == Some("TestAuthor"))
    }));
}

#[test]
fn powertools_comparer_pairs_differ_where_wmlcomparer_finds_revisions() {
    let files = word_files("docx-openxml-powertools-comparer-pairs");
    if files.is_empty() {
        return;
    }
    let file = |name: &str| files.iter().find(|p| p.ends_with(name)).unwrap().clone();
    let differs = |old: &str, new: &str| {
        let report = compare(read(&file(old)), read(&file(new)), &Options::default());
        report.has_differences()
    };
    // WC-1970/WC-1980: a space become a no-break space, and formatting: zero revisions.
    assert!(!differs("WC055-01-French.docx", "WC055-02-French-Mod.docx"));
    assert!(!differs("WC056-01-French.docx", "WC056-02-French-Mod.docx"));
    // The others have one or more.
    for (old, new) in [
        ("WC001-01-Digits.docx", "WC001-02-Digits-Mod.docx"),
        (
            "WC001-01-Digits.docx",
            "WC001-03-Digits-Deleted-Paragraph.docx",
        ),
        ("WC002-01-Unmodified.docx", "WC002-02-DiffAtBeginning.docx"),
        ("WC002-01-Unmodified.docx", "WC002-05-DeleteInMiddle.docx"),
        ("WC002-01-Unmodified.docx", "WC002-09-InsertAtEnd.docx"),
        ("WC004-01-Large.docx", "WC004-02-Large-Mod.docx"),
        (
            "WC027-01-Twenty-Paras-Before.docx",
            "WC027-02-Twenty-Paras-After-1.docx",
        ),
    ] {
        assert!(differs(old, new), "{old} → {new}");
    }
    assert!(!differs(
        "WC002-01-Unmodified.docx",
        "WC002-01-Unmodified.docx"
    ));
}

#[test]
fn powertools_revision_files_accept_and_reject() {
    let files = word_files("docx-tracked-changes-openxml-powertools-revtracking");
    if files.is_empty() {
        return;
    }
    let file = |prefix: &str| {
        files
            .iter()
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap()
            .clone()
    };
    let count = |d: &Draft| d.clauses.len();
    // Five numbered paragraphs deleted: rejecting keeps them, accepting removes them.
    let (rejected, accepted) = tracked(&file("02-"));
    assert_eq!(count(&rejected), count(&accepted) + 5);
    // A moved paragraph: the same paragraphs, in another order.
    let (rejected, accepted) = tracked(&file("14-"));
    let mut old: Vec<String> = rejected.clauses.iter().map(|c| c.text.clone()).collect();
    let mut new: Vec<String> = accepted.clauses.iter().map(|c| c.text.clone()).collect();
    assert_ne!(old, new);
    old.sort();
    new.sort();
    assert_eq!(old, new);
    // Formatting-only changes change no word.
    for prefix in [
        "04-", "17-", "18-", "19-", "20-", "21-", "22-", "23-", "24-",
    ] {
        let (rejected, accepted) = tracked(&file(prefix));
        assert_eq!(clauses(&rejected), clauses(&accepted), "{prefix}");
    }
    // The same revised document saved twice reads the same both ways.
    let (r25, a25) = tracked(&file("25-"));
    let (r26, a26) = tracked(&file("26-"));
    assert_eq!(clauses(&a25), clauses(&a26));
    assert_eq!(clauses(&r25), clauses(&r26));
    assert_ne!(clauses(&a25), clauses(&r25));
}

#[test]
fn common_paper_clauses_have_the_numbers_a_reader_sees() {
    let files = word_files("docx-numbered-clauses-common-paper");
    let [csa, dpa] = files.as_slice() else {
        return;
    };
    let ids = |d: &Draft| d.clauses.iter().map(|c| c.id.0.clone()).collect::<Vec<_>>();
    let dpa = ids(&read(dpa));
    for id in ["1", "1.1", "2.6(a)", "3.2(c)(vii)", "3.3(b)", "11.1"] {
        assert!(dpa.contains(&id.to_string()), "DPA {id}: {dpa:?}");
    }
    let csa = ids(&read(csa));
    for id in ["1.1", "2.1(a)", "5.3(b)", "13.34"] {
        assert!(csa.contains(&id.to_string()), "CSA {id}: {csa:?}");
    }
}

/// The joint statement's Word redline, written by the binary.
fn joint_statement_redline(dir: &Path) -> PathBuf {
    let path = dir.join("redline.docx");
    let out = clausediff()
        .args([
            "diff",
            "fixtures/joint-statement/draft.txt",
            "fixtures/joint-statement/final.txt",
            "--format",
            "docx",
            "--output",
            &path.display().to_string(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

#[test]
fn the_word_redline_accepts_to_the_new_draft_and_rejects_to_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let path = joint_statement_redline(dir.path());
    let (rejected, accepted) = tracked(&path);
    // The clauses after the first page's "Redline" heading.
    let redline = |d: &Draft| -> Vec<(String, String)> {
        let at = d.clauses.iter().position(|c| c.text == "Redline").unwrap();
        d.clauses[at + 1..]
            .iter()
            .map(|c| {
                let id = if c.numbered {
                    c.id.0.clone()
                } else {
                    String::new()
                };
                (id, c.text.clone())
            })
            .collect()
    };
    let draft = |name: &str| -> Vec<(String, String)> {
        crate::draft(name)
            .clauses
            .iter()
            .map(|c| {
                (
                    if c.numbered {
                        c.id.0.clone()
                    } else {
                        String::new()
                    },
                    c.text.clone(),
                )
            })
            .collect()
    };
    assert_eq!(redline(&accepted), draft("joint-statement/final.txt"));
    assert_eq!(redline(&rejected), draft("joint-statement/draft.txt"));
    // Every finding is a comment by clausediff; the first page lists them by severity.
    let bytes = std::fs::read(&path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut comments = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/comments.xml").unwrap(),
        &mut comments,
    )
    .unwrap();
    let report = crate::report("joint-statement/draft.txt", "joint-statement/final.txt");
    assert_eq!(
        comments.matches("<w:comment ").count(),
        report.findings.len()
    );
    assert!(
        comments.contains(
            "softened (high): 4: &quot;shall&quot; → &quot;should&quot; (obligation, 5 → 3)"
        ),
        "{comments}"
    );
    assert!(
        accepted
            .clauses
            .iter()
            .any(|c| c.text == "Findings high (4)")
    );
    // The same comparison gives the same bytes.
    let again = joint_statement_redline(&dir.path().join(".."));
    assert_eq!(std::fs::read(again).unwrap(), bytes);
}

#[test]
fn a_word_redline_is_not_written_to_a_terminal_nor_for_folders() {
    let out = clausediff()
        .args(["diff", "fixtures", "fixtures", "--format", "docx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("compare two documents, not two folders")
    );
    // Redirected standard output takes the file.
    let out = clausediff()
        .args([
            "diff",
            "fixtures/docx/treaty-v1.txt",
            "fixtures/docx/treaty-v2.txt",
            "--format",
            "docx",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
}

/// The Word redline of the joint statement opens in LibreOffice (a converter that refuses a
/// document Word would offer to repair), rendered to `target/docx-redline/redline-N.png` for a
/// person to look at. Skipped without LibreOffice, except in CI, which installs it.
#[test]
fn the_word_redline_opens_in_libreoffice() {
    let has = |program: &str| {
        std::process::Command::new(program)
            .arg("-v")
            .output()
            .is_ok()
    };
    if !has("soffice") || !has("pdftoppm") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs libreoffice-writer-nogui and poppler-utils"
        );
        return;
    }
    let out_dir = root().join("target").join("docx-redline");
    std::fs::create_dir_all(&out_dir).unwrap();
    let path = joint_statement_redline(&out_dir);
    let profile = tempfile::tempdir().unwrap();
    let converted = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&out_dir)
        .arg(&path)
        .output()
        .unwrap();
    let pdf = out_dir.join("redline.pdf");
    assert!(
        converted.status.success() && pdf.metadata().is_ok_and(|m| m.len() > 10_000),
        "{}",
        String::from_utf8_lossy(&converted.stderr)
    );
    let pages = std::process::Command::new("pdftoppm")
        .args(["-r", "70", "-png"])
        .arg(&pdf)
        .arg(out_dir.join("redline"))
        .status()
        .unwrap();
    assert!(pages.success());
    assert!(out_dir.join("redline-1.png").exists() || out_dir.join("redline-01.png").exists());
}
