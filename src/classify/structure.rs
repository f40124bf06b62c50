//! Structural findings (clauses removed, added, moved, split, merged, renumbered) and front-matter
//! changes.

use super::content::Context;
use super::rules::{self, Rule};
use super::{Evidence, Finding, Severity};
use crate::diff::Status;
use crate::document::{ClauseId, Draft};

/// A finding of `rule` about clause entry `cx.index`, located at its first clause on each side.
pub(super) fn finding(rule: &Rule, cx: &Context) -> Finding {
    let first_old = cx.diff.pair.old.first().map(|&i| &cx.old.clauses[i]);
    let first_new = cx.diff.pair.new.first().map(|&j| &cx.new.clauses[j]);
    Finding {
        kind: rule.kind,
        rule: rule.id,
        severity: rule.severity,
        change: Some(cx.index),
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

/// The clause-level findings of an entry. `held` raises a removal to high: the clause held a watch
/// term, a name or an obligation.
pub(super) fn clause(cx: &Context, held: bool, out: &mut Vec<Finding>) {
    let ids = |indices: &[usize], draft: &Draft| -> Vec<ClauseId> {
        indices
            .iter()
            .map(|&i| draft.clauses[i].id.clone())
            .collect()
    };
    let parts = Evidence::Clauses {
        old: ids(&cx.diff.pair.old, cx.old),
        new: ids(&cx.diff.pair.new, cx.new),
    };
    match cx.diff.status {
        Status::Removed => {
            let mut f = finding(&rules::CLAUSE_REMOVED, cx);
            f.old_text = cx.diff.old_text(cx.old).to_string();
            if held {
                f.severity = Severity::High;
            }
            out.push(f);
        }
        Status::Added => {
            let mut f = finding(&rules::CLAUSE_ADDED, cx);
            f.new_text = cx.diff.new_text(cx.new).to_string();
            out.push(f);
        }
        Status::Split | Status::Merged => {
            let rule = if cx.diff.status == Status::Split {
                &rules::CLAUSE_SPLIT
            } else {
                &rules::CLAUSE_MERGED
            };
            let mut f = finding(rule, cx);
            f.evidence = parts.clone();
            out.push(f);
        }
        Status::Unchanged | Status::Modified | Status::Moved => {}
    }
    if cx.diff.pair.moved {
        let mut f = finding(&rules::CLAUSE_MOVED, cx);
        f.evidence = parts;
        out.push(f);
    }
    if cx.diff.pair.renumbered {
        out.push(finding(&rules::CLAUSE_RENUMBERED, cx));
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
