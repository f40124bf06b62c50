//! The whole pipeline on the fixtures, asserting what a reader relies on.

use clausediff::diff::{Op, Status};

use crate::report;

/// `(label, status words)` of every entry that is not unchanged.
fn changed(report: &clausediff::Report) -> Vec<(String, Status, bool)> {
    report
        .changes
        .iter()
        .filter(|c| c.status != Status::Unchanged)
        .map(|c| (report.label(c), c.status, c.pair.renumbered))
        .collect()
}

#[test]
fn joint_statement_shows_removed_passages_renumbering_and_rewording() {
    let r = report("joint-statement/draft.txt", "joint-statement/final.txt");
    assert_eq!(
        changed(&r),
        [
            ("4".to_string(), Status::Modified, false),
            ("6".to_string(), Status::Removed, false),
            ("11".to_string(), Status::Removed, false),
            ("13 → 11".to_string(), Status::Modified, true),
        ]
    );
    let removed: Vec<&str> = r
        .changes
        .iter()
        .filter(|c| c.status == Status::Removed)
        .map(|c| c.old_text(&r.old))
        .collect();
    assert!(removed[0].contains("maintain the security of Northeast Asia"));
    assert!(removed[1].contains("Southern Kuril Islands"));
    // Eight paragraphs are only renumbered: matched, not modified.
    let renumbered_only = r
        .changes
        .iter()
        .filter(|c| c.status == Status::Unchanged && c.pair.renumbered)
        .count();
    assert_eq!(renumbered_only, 8);
    assert_eq!(r.summary.renumbered, 9);
}

#[test]
fn joint_statement_rewording_is_a_word_level_redline() {
    let r = report("joint-statement/draft.txt", "joint-statement/final.txt");
    let op13 = r
        .changes
        .iter()
        .find(|c| r.label(c) == "13 → 11")
        .expect("13 → 11 is reported");
    let (old, new) = (op13.old_text(&r.old), op13.new_text(&r.new));
    let edits: Vec<(Op, &str, &str)> = op13
        .words
        .edits
        .iter()
        .filter(|e| e.op != Op::Equal)
        .map(|e| (e.op, &old[e.old.clone()], &new[e.new.clone()]))
        .collect();
    assert_eq!(
        edits,
        [
            (Op::Replace, "must", "will"),
            (Op::Delete, "closely", ""),
            (Op::Replace, "shall", "should"),
            (Op::Delete, "all", ""),
        ]
    );
}

#[test]
fn rewrapped_lines_curly_quotes_and_dashes_are_not_changes() {
    let r = report("joint-statement/draft.txt", "joint-statement/final.txt");
    // The introduction is re-wrapped with curly quotes; paragraph 9 re-wrapped; 10 has an en dash.
    for id in ["¶1", "9", "10"] {
        let entry = r
            .changes
            .iter()
            .find(|c| {
                c.pair
                    .old
                    .first()
                    .is_some_and(|&i| r.old.clauses[i].id.0 == id)
            })
            .expect("clause is aligned");
        assert!(!entry.modified, "{id} should not be modified");
    }
    let noise = report("cases/reflow-only/v1.txt", "cases/reflow-only/v2.txt");
    assert!(!noise.has_differences());
    let markup = report(
        "cases/markdown-markup-only/v1.md",
        "cases/markdown-markup-only/v2.md",
    );
    assert!(!markup.has_differences());
}

#[test]
fn a_silently_edited_readout_shows_one_word() {
    let r = report(
        "biden-xi-readout/01-2024-11-16T1827.md",
        "biden-xi-readout/02-2024-11-16T2138.md",
    );
    assert_eq!(changed(&r).len(), 1);
    let kinds: Vec<&str> = r.findings.iter().map(|f| f.kind.name()).collect();
    assert_eq!(kinds, ["metadata_changed", "wording_changed"]);
    assert_eq!(
        r.summary.max_severity,
        Some(clausediff::classify::Severity::Info)
    );
    let words = &r.findings[1];
    assert_eq!(
        (words.old_text.as_str(), words.new_text.as_str()),
        ("of", "for")
    );
    // The paragraph was re-wrapped too; the finding still points at the line that holds the word.
    assert_eq!(words.new_line, Some(49));

    let r = report(
        "biden-xi-readout/02-2024-11-16T2138.md",
        "biden-xi-readout/03-2024-11-16T2154.md",
    );
    let words: Vec<(&str, &str, &str)> = r
        .findings
        .iter()
        .filter(|f| f.kind.is_wording())
        .map(|f| (f.kind.name(), f.old_text.as_str(), f.new_text.as_str()))
        .collect();
    assert_eq!(words, [("wording_removed", "the", "")]);
}

#[test]
fn markdown_formatting_churn_leaves_only_real_edits() {
    let r = report(
        "us-bangladesh-trade/01-2026-02-09T1332.md",
        "us-bangladesh-trade/02-2026-02-09T1450.md",
    );
    // Bold removed, HTML comments between bullets, nested bullets flattened, double spaces: none of it
    // is a change. What is: an acronym respelled (TIFCA → TICFA; the agreement is spelled out in
    // both, so the new acronym is no new name, and the old one is still reported), a verb tense, two
    // colons.
    let found: Vec<(&str, &str, &str)> = r
        .findings
        .iter()
        .filter(|f| f.change.is_some())
        .map(|f| (f.kind.name(), f.old_text.as_str(), f.new_text.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("entity_removed", "TIFCA", ""),
            ("wording_changed", "has committed", "commits"),
            ("wording_changed", ":", ""),
            ("wording_changed", ":", "")
        ]
    );
    assert_eq!(r.summary.added + r.summary.removed, 0);
}

#[test]
fn editorial_corrections_keep_every_clause_matched() {
    let r = report(
        "paris-agreement/04-2015-12-12-paris-agreement-L9-Rev1.md",
        "paris-agreement/05-2016-01-29-paris-agreement-editorially-corrected.md",
    );
    assert_eq!(r.summary.added, 0);
    assert_eq!(r.summary.removed, 0);
    assert_eq!(r.summary.moved, 0);
    assert_eq!(r.summary.renumbered, 0);
    let article_4_8 = r
        .findings
        .iter()
        .find(|f| f.new_clause.as_ref().is_some_and(|c| c.0 == "Article 4.8"))
        .expect("Article 4.8 changed");
    assert_eq!(
        (article_4_8.old_text.as_str(), article_4_8.new_text.as_str()),
        ("the Paris", "this")
    );
    // Editorial corrections are not softening, strengthening or hedging.
    for f in &r.findings {
        assert!(
            !matches!(
                f.kind.name(),
                "softened" | "strengthened" | "hedge_added" | "hedge_removed" | "negation_changed"
            ),
            "{}",
            f.message()
        );
    }
}

#[test]
fn a_control_family_changes_no_resolution_clause() {
    let r = report(
        "us-sconres13-control/01-engrossed-in-senate-ES.txt",
        "us-sconres13-control/02-agreed-to-senate-ATS.txt",
    );
    for change in &r.changes {
        let text = change.new_text(&r.new);
        let whereas = text.starts_with("Whereas");
        let resolving = change
            .pair
            .new
            .first()
            .is_some_and(|&j| r.new.clauses[j].id.0.starts_with('('));
        if whereas || resolving {
            assert_eq!(change.status, Status::Unchanged, "{text}");
        }
    }
}

#[test]
fn a_committee_substitute_matches_reworded_whereas_clauses() {
    let r = report(
        "us-sconres10-huawei-zte/01-introduced-IS.txt",
        "us-sconres10-huawei-zte/02-reported-RS.txt",
    );
    // Every introduced whereas clause that the committee kept in some form is matched, not removed.
    let removed_whereas = r
        .changes
        .iter()
        .filter(|c| c.status == Status::Removed && c.old_text(&r.old).starts_with("Whereas"))
        .count();
    assert_eq!(removed_whereas, 0);
    assert!(r.summary.modified >= 20);
    let added_whereas: Vec<&str> = r
        .changes
        .iter()
        .filter(|c| c.status == Status::Added && c.new_text(&r.new).starts_with("Whereas"))
        .map(|c| c.new_text(&r.new))
        .collect();
    assert_eq!(added_whereas.len(), 2, "{added_whereas:#?}");
}

#[test]
fn focused_cases_report_what_their_notes_say() {
    let r = report(
        "cases/clause-renumbered/v1.txt",
        "cases/clause-renumbered/v2.txt",
    );
    assert_eq!(
        changed(&r),
        [
            ("OP2".to_string(), Status::Added, false),
            ("OP3 → OP4".to_string(), Status::Modified, true)
        ]
    );
    assert_eq!(r.summary.renumbered, 3);

    let r = report("cases/clause-moved/v1.txt", "cases/clause-moved/v2.txt");
    assert_eq!(changed(&r), [("2 → 4".to_string(), Status::Moved, true)]);

    let r = report("cases/clause-split/v1.txt", "cases/clause-split/v2.txt");
    assert_eq!(
        changed(&r),
        [("2 → 2, 3".to_string(), Status::Split, false)]
    );

    let r = report("cases/clause-merged/v1.txt", "cases/clause-merged/v2.txt");
    assert_eq!(
        changed(&r),
        [("2, 3 → 2".to_string(), Status::Merged, false)]
    );

    let r = report(
        "cases/nested-numbering/v1.txt",
        "cases/nested-numbering/v2.txt",
    );
    assert_eq!(
        changed(&r),
        [
            ("1(b)".to_string(), Status::Modified, false),
            ("1(b)(ii)".to_string(), Status::Modified, false)
        ]
    );

    let r = report(
        "cases/unnumbered-paragraphs/v1.txt",
        "cases/unnumbered-paragraphs/v2.txt",
    );
    assert_eq!(
        changed(&r),
        [
            ("¶1".to_string(), Status::Modified, false),
            ("¶3".to_string(), Status::Added, false)
        ]
    );

    let r = report(
        "cases/markdown-sections/v1.md",
        "cases/markdown-sections/v2.md",
    );
    assert_eq!(
        changed(&r),
        [
            ("Article 1.1".to_string(), Status::Modified, false),
            ("Article 2".to_string(), Status::Added, false),
            ("Article 2.1".to_string(), Status::Added, false),
        ]
    );
    assert_eq!(r.summary.findings.get("metadata_changed"), Some(&1));
}

#[test]
fn a_large_bill_is_fully_accounted_for() {
    let r = report(
        "us-hr2157-disaster-supplemental/01-introduced-IH.txt",
        "us-hr2157-disaster-supplemental/02-enrolled-ENR.txt",
    );
    let old: usize = r.changes.iter().map(|c| c.pair.old.len()).sum();
    let new: usize = r.changes.iter().map(|c| c.pair.new.len()).sum();
    assert_eq!((old, new), (r.old.clauses.len(), r.new.clauses.len()));
    // Section 104's income limit became section 103, subsections and all: renumbered, not rewritten.
    let limit = r
        .changes
        .iter()
        .find(|c| r.label(c) == "Sec. 104(a)(1) → Sec. 103(a)(1)")
        .expect("the income limit is matched");
    assert_eq!(
        (limit.status, limit.pair.renumbered),
        (Status::Unchanged, true)
    );
}

#[test]
fn joint_statement_names_the_kuril_reference_and_northeast_asia() {
    let r = report("joint-statement/draft.txt", "joint-statement/final.txt");
    let find = |kind: &str, clause: &str| {
        r.findings
            .iter()
            .find(|f| f.kind.name() == kind && f.old_clause.as_ref().is_some_and(|c| c.0 == clause))
            .unwrap_or_else(|| panic!("{kind} in {clause}"))
    };
    // Each removed passage is one finding, its names and watch terms its evidence.
    let kurils = find("clause_removed", "11");
    assert_eq!(kurils.severity, clausediff::classify::Severity::High);
    let clausediff::classify::FindingKind::ClauseRemoved(held) = &kurils.kind else {
        panic!("{:?}", kurils.kind)
    };
    assert_eq!(held.watch_terms[0].term, "Kuril Islands");
    assert_eq!(held.names, ["Russian", "Chinese"]);
    assert!(kurils.message().ends_with(
        "(it held an obligation; watch term \"Kuril Islands\", disputed-territories; names: Russian, Chinese)"
    ));
    assert!(r.findings.iter().all(|f| f.kind.name() != "entity_removed"));
    assert_eq!(
        find("clause_removed", "6").severity,
        clausediff::classify::Severity::High
    );
    let softened: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.kind.name() == "softened")
        .map(|f| f.message())
        .collect();
    assert_eq!(
        softened,
        [
            "4: \"shall\" → \"should\" (obligation, 5 → 3)",
            "4: \"ensure\" → \"strive to\" (commitment, 4 → 3)",
            "13 → 11: \"must\" → \"will\" (obligation, 5 → 4)",
            "13 → 11: \"shall\" → \"should\" (obligation, 5 → 3)",
        ]
    );
}
