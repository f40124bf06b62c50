//! Structural findings (clauses removed, added, moved, split, merged), edits no other rule explains,
//! and front-matter changes.

use super::rules::{self, Rule};
use super::{Evidence, Finding};
use crate::diff::{ClauseDiff, Op, Status};
use crate::document::{ClauseId, Draft};

/// A finding of `rule` about clause entry `index`, located at its first clause on each side.
pub(super) fn finding(
    rule: &Rule,
    old: &Draft,
    new: &Draft,
    index: usize,
    diff: &ClauseDiff,
) -> Finding {
    let first_old = diff.pair.old.first().map(|&i| &old.clauses[i]);
    let first_new = diff.pair.new.first().map(|&j| &new.clauses[j]);
    Finding {
        kind: rule.kind,
        rule: rule.id,
        severity: rule.severity,
        change: Some(index),
        old_clause: first_old.map(|c| c.id.clone()),
        new_clause: first_new.map(|c| c.id.clone()),
        old_text: String::new(),
        new_text: String::new(),
        old_line: first_old.map(|c| c.lines.first),
        new_line: first_new.map(|c| c.lines.first),
        offset: 0,
        evidence: Evidence::Words,
    }
}

/// The clause-level finding of an entry, if its status is one.
pub(super) fn clause(
    old: &Draft,
    new: &Draft,
    index: usize,
    diff: &ClauseDiff,
    out: &mut Vec<Finding>,
) {
    let ids = |indices: &[usize], draft: &Draft| -> Vec<ClauseId> {
        indices
            .iter()
            .map(|&i| draft.clauses[i].id.clone())
            .collect()
    };
    let parts = Evidence::Clauses {
        old: ids(&diff.pair.old, old),
        new: ids(&diff.pair.new, new),
    };
    match diff.status {
        Status::Removed => {
            let mut f = finding(&rules::CLAUSE_REMOVED, old, new, index, diff);
            f.old_text = diff.old_text(old).to_string();
            out.push(f);
        }
        Status::Added => {
            let mut f = finding(&rules::CLAUSE_ADDED, old, new, index, diff);
            f.new_text = diff.new_text(new).to_string();
            out.push(f);
        }
        Status::Split => {
            let mut f = finding(&rules::CLAUSE_SPLIT, old, new, index, diff);
            f.evidence = parts.clone();
            out.push(f);
        }
        Status::Merged => {
            let mut f = finding(&rules::CLAUSE_MERGED, old, new, index, diff);
            f.evidence = parts.clone();
            out.push(f);
        }
        Status::Unchanged | Status::Modified | Status::Moved => {}
    }
    if diff.pair.moved {
        let mut f = finding(&rules::CLAUSE_MOVED, old, new, index, diff);
        f.evidence = parts;
        out.push(f);
    }
}

/// One `wording_changed` finding per edit of a matched, split or merged entry.
pub(super) fn wording(
    old: &Draft,
    new: &Draft,
    index: usize,
    diff: &ClauseDiff,
    out: &mut Vec<Finding>,
) {
    if !diff.modified {
        return;
    }
    let (old_text, new_text) = (diff.old_text(old), diff.new_text(new));
    for edit in diff.words.edits.iter().filter(|e| e.op != Op::Equal) {
        let mut f = finding(&rules::WORDING_CHANGED, old, new, index, diff);
        f.old_text = old_text[edit.old.clone()].to_string();
        f.new_text = new_text[edit.new.clone()].to_string();
        f.old_line = diff.old_line_at(old, edit.old.start);
        f.new_line = diff.new_line_at(new, edit.new.start);
        f.offset = edit.new.start;
        out.push(f);
    }
}

/// A `metadata_changed` finding when the front matter differs, naming the keys that changed.
pub(super) fn metadata(old: &Draft, new: &Draft) -> Vec<Finding> {
    fn entries(d: &Draft) -> &[(String, String)] {
        d.metadata.as_ref().map_or(&[], |m| m.entries.as_slice())
    }
    let (before, after) = (entries(old), entries(new));
    let value = |list: &[(String, String)], key: &str| {
        list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    };
    let mut keys: Vec<String> = Vec::new();
    for (key, _) in before.iter().chain(after) {
        if !keys.contains(key) && value(before, key) != value(after, key) {
            keys.push(key.clone());
        }
    }
    if keys.is_empty() {
        return Vec::new();
    }
    let lines = |list: &[(String, String)]| {
        keys.iter()
            .filter_map(|k| value(list, k).map(|v| format!("{k}: {v}")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let rule = &rules::METADATA_CHANGED;
    vec![Finding {
        kind: rule.kind,
        rule: rule.id,
        severity: rule.severity,
        change: None,
        old_clause: None,
        new_clause: None,
        old_text: lines(before),
        new_text: lines(after),
        old_line: old.metadata.as_ref().map(|m| m.lines.first),
        new_line: new.metadata.as_ref().map(|m| m.lines.first),
        offset: 0,
        evidence: Evidence::Keys(keys),
    }]
}
