//! Structural findings: clauses removed or added whole (with what they held as evidence), moved,
//! split, merged or renumbered, and front-matter changes.

use super::{Context, PASSAGE, Side};
use crate::classify::finding::{Held, WatchRef, excerpt};
use crate::classify::read::{Mark, Reading};
use crate::classify::{Finding, FindingKind, Severity};
use crate::diff::Status;
use crate::document::{ClauseId, ClauseKind, Draft};

/// The finding of a clause removed (`Side::Old`) or added (`Side::New`) whole: the clause compared
/// with nothing. The names and watch terms it held are the finding's evidence, not findings of their
/// own, and they set its severity: high for a removed clause that held a watch term or an obligation;
/// low for a heading or a clause whose words stand in a clause of the other draft; info for print
/// furniture or a clause its draft still holds elsewhere.
pub(in crate::classify) fn whole(
    cx: &Context,
    side: Side,
    reading: &Reading,
    out: &mut Vec<Finding>,
) {
    let text = cx.text(side);
    let Evidence {
        held,
        watch_severity,
        quantity,
    } = held(cx, side, reading);
    let (draft, indices) = cx.clauses(side);
    let heading = indices
        .iter()
        .all(|&i| draft.clauses[i].kind == ClauseKind::Heading);
    let words = text.split_whitespace().count();
    let severity = if heading {
        // A heading's clauses carry the substance; the heading itself is structure.
        Severity::Low
    } else if held.furniture {
        Severity::Info
    } else if held.stands_in.is_some() || reading.aside {
        // Absorbed into a clause of the other draft, or a definition or a drafting note: no
        // commitment came or went with it.
        Severity::Low
    } else {
        match side {
            Side::Old if held.obligation => Severity::High,
            Side::Old => {
                let base = if words >= 6 {
                    Severity::Medium
                } else {
                    Severity::Low
                };
                watch_severity.map_or(base, |s| s.max(base))
            }
            Side::New if words >= 12 || held.obligation => Severity::Medium,
            Side::New => watch_severity.map_or(Severity::Low, |s| s.min(Severity::Medium)),
        }
    };
    let held = Held {
        furniture: held.furniture && !heading,
        ..held
    };
    let mut chosen_as = None;
    let mut old_text = None;
    let mut f = match negotiated(cx, side, quantity, &held, &mut chosen_as) {
        Some((kind, severity)) => {
            let mut f = cx.finding(kind);
            f.severity = severity;
            // A label whose paragraphs were kept: they are what the choice put in the new draft.
            // It is found where that paragraph stands.
            if let Some((option, text, clause, line)) = chosen_as.take() {
                old_text = Some(option);
                f.new_text = text;
                f.new_clause = Some(clause);
                f.new_line = Some(line);
            }
            f
        }
        None => {
            let mut f = match side {
                Side::Old => cx.finding(FindingKind::ClauseRemoved(held)),
                Side::New => cx.finding(FindingKind::ClauseAdded(held)),
            };
            f.severity = severity;
            f
        }
    };
    match side {
        Side::Old => f.old_text = old_text.unwrap_or_else(|| text.to_string()),
        Side::New => f.new_text = text.to_string(),
    }
    let chosen = matches!(f.kind, FindingKind::OptionChosen);
    out.push(f);
    if side == Side::Old && !chosen {
        no_text_taken(cx, out);
    }
}

/// Options of a removed clause that were to say nothing ("Option 5: No text in agreement"), when
/// the options around them left too: the one taken. Reported beside the clause's own removal, which
/// says what left.
fn no_text_taken(cx: &Context, out: &mut Vec<Finding>) {
    let (draft, indices) = cx.clauses(Side::Old);
    for &index in indices {
        let clause = &draft.clauses[index];
        for option in clause.brackets.options.iter().filter(|o| o.no_text) {
            if option.bytes.start == 0 && indices.len() == 1 {
                continue; // the clause's own finding says it
            }
            if !option_run_removed(cx, draft, index) {
                continue;
            }
            let mut f = cx.finding(FindingKind::OptionChosen);
            f.severity = Severity::Low;
            f.old_text = clause.text[option.body.clone()].to_string();
            out.push(f);
        }
    }
}

/// Bytes the new text quoting a chosen option may have beyond twice its first paragraph.
const CHOSEN_QUOTE: usize = 80;

/// `text` cut at a word's end to at most about `budget` bytes (a first word longer than that whole).
fn cut(text: &str, budget: usize) -> &str {
    if text.len() <= budget {
        return text;
    }
    let mut end = budget;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(at) if at > 0 => text[..at].trim_end(),
        _ => text.split_whitespace().next().unwrap_or(text),
    }
}

/// How far from a clause its sibling options are looked for.
const OPTION_RUN: usize = 32;

/// Whether the option clauses next to old clause `index` (those that open with an option label or
/// continue one, up to [`OPTION_RUN`] each way) were all removed whole, as it was.
fn option_run_removed(cx: &Context, draft: &Draft, index: usize) -> bool {
    let in_run = |c: &crate::document::Clause| {
        c.kind != ClauseKind::Heading
            && (c
                .brackets
                .options
                .first()
                .is_some_and(|o| o.bytes.start == 0)
                || c.brackets.in_option.is_some())
    };
    let before = (index.saturating_sub(OPTION_RUN)..index)
        .rev()
        .take_while(|&i| in_run(&draft.clauses[i]));
    let after = (index + 1..draft.clauses.len().min(index + 1 + OPTION_RUN))
        .take_while(|&i| in_run(&draft.clauses[i]));
    before.chain(after).all(|i| cx.facts.is_whole(0, i))
}

/// A whole clause that was negotiation text: an option (its label, or a paragraph of it) or a
/// wholly bracketed proposal. Removed, it was dropped from the table, or (a label alone whose
/// paragraphs stay) chosen; added, it was proposed. Its severity comes from what it held.
fn negotiated(
    cx: &Context,
    side: Side,
    quantity: bool,
    held: &Held,
    chosen_as: &mut Option<(String, String, ClauseId, u32)>,
) -> Option<(FindingKind, Severity)> {
    let (draft, indices) = cx.clauses(side);
    let [index] = indices else {
        return None;
    };
    let clause = &draft.clauses[*index];
    let brackets = &clause.brackets;
    // A label whose paragraphs follow it closes its clause (a caption or a heading may stand
    // before it: "*Subsequent communications* / **Option 1:** *to 5 year time period*").
    let label_alone = brackets.options.last().is_some_and(|o| o.alone);
    let option = brackets.options.first().is_some_and(|o| o.bytes.start == 0)
        || brackets.in_option.is_some()
        || label_alone;
    let bracketed = brackets.whole(&clause.text);
    if !option && !bracketed {
        return None;
    }
    let words = clause.text.split_whitespace().count();
    let severity = if held.furniture {
        Severity::Info
    } else if held.stands_in.is_some() {
        Severity::Low
    } else {
        super::brackets::dropped_severity(held, quantity, words)
    };
    match side {
        Side::Old if label_alone => {
            // The label goes; were its paragraphs kept, the option was adopted.
            let label = brackets
                .options
                .last()
                .map(|o| &clause.text[o.bytes.clone()]);
            let kept = draft.clauses[index + 1..]
                .iter()
                .enumerate()
                .take_while(|(_, c)| c.brackets.in_option.as_deref() == label)
                .map(|(k, _)| index + 1 + k)
                .find(|&k| !cx.facts.is_whole(side.index(), k));
            let next = draft.clauses.get(index + 1);
            let kind = if let Some(k) = kept {
                // Where its first kept paragraph stands is what the choice put in the new draft.
                let (new, _) = cx.clauses(Side::New);
                *chosen_as = cx
                    .facts
                    .counterpart
                    .get(&k)
                    .and_then(|&n| new.clauses.get(n))
                    .map(|c| {
                        let kept = &draft.clauses[k].text;
                        let text = cut(&c.text, 2 * kept.len() + CHOSEN_QUOTE).to_string();
                        // The option is its label and what its paragraphs said.
                        let opening = brackets
                            .options
                            .last()
                            .map_or("", |o| &clause.text[o.bytes.start..]);
                        let option = format!("{opening} {}", cut(kept, 2 * CHOSEN_QUOTE));
                        (option, text, c.id.clone(), c.lines.first)
                    });
                FindingKind::OptionChosen
            } else if next.is_some_and(|c| c.brackets.says_nothing(&c.text))
                && option_run_removed(cx, draft, *index)
            {
                // Its paragraph says to have no text, and it gone with the options around it:
                // that paragraph's finding says the option was taken.
                return Some((FindingKind::OptionChosen, Severity::Info));
            } else {
                FindingKind::OptionDropped(held.clone())
            };
            Some((kind, Severity::Low))
        }
        Side::Old if option => {
            if brackets.says_nothing(&clause.text) && option_run_removed(cx, draft, *index) {
                // Every option around it left with it: the one to say nothing was taken.
                return Some((FindingKind::OptionChosen, Severity::Low));
            }
            Some((FindingKind::OptionDropped(held.clone()), severity))
        }
        Side::Old => Some((FindingKind::BracketDropped(held.clone()), severity)),
        Side::New if bracketed => {
            let severity = if held.furniture {
                Severity::Info
            } else if words >= 12 || held.obligation {
                Severity::Medium
            } else {
                Severity::Low
            };
            Some((FindingKind::BracketsAdded, severity))
        }
        Side::New => None,
    }
}

/// What some words held: the evidence of a finding about them as a whole.
pub(super) struct Evidence {
    pub held: Held,
    /// The highest severity of the watch terms among them.
    pub watch_severity: Option<Severity>,
    /// Whether they hold a quantity (an amount, a date, a sum of money).
    pub quantity: bool,
}

/// The evidence that `hits` of one side's reading make: watch terms, names, an obligation, a quantity.
pub(super) fn evidence<'h>(
    cx: &Context,
    side: Side,
    hits: impl Iterator<Item = &'h crate::classify::read::Hit>,
) -> Evidence {
    let text = cx.text(side);
    let mut found = Evidence {
        held: Held::default(),
        watch_severity: None,
        quantity: false,
    };
    let held = &mut found.held;
    for hit in hits {
        match hit.mark {
            Mark::Watch { list, term } => {
                let watchlist = &cx.classifier.watchlists()[list];
                found.watch_severity = found
                    .watch_severity
                    .max(Some(watchlist.terms[term].severity));
                let watch = WatchRef {
                    term: watchlist.terms[term].name.clone(),
                    list: watchlist.name.clone(),
                };
                if !held.watch_terms.contains(&watch) {
                    held.watch_terms.push(watch);
                }
            }
            Mark::Entity => {
                let name = text[hit.bytes.clone()].to_string();
                if !held.names.contains(&name) {
                    held.names.push(name);
                }
            }
            Mark::Scale {
                scale,
                level,
                negated,
            } => {
                let scale = &cx.classifier.lexicon().scales[scale];
                held.obligation |= !negated && level < scale.obligation_levels;
            }
            Mark::Number(role) => found.quantity |= role.is_quantity(),
            _ => {}
        }
    }
    found
}

/// What a whole clause held: its evidence, and whether it is furniture or stands in the other draft.
fn held(cx: &Context, side: Side, reading: &Reading) -> Evidence {
    let mut found = evidence(cx, side, reading.hits.iter());
    let held = &mut found.held;
    // A clause its draft holds twice (a title printed on the cover and again on the back) was matched
    // once: the copy left over repeats, it is no change of the text.
    let (draft, indices) = cx.clauses(side);
    let repeated = indices
        .iter()
        .all(|&i| cx.facts.is_repeated(side.index(), draft, i));
    held.furniture = reading.furniture || repeated;
    if held.furniture {
        held.obligation = false;
    }
    held.stands_in = stands_in(cx, side, reading);
    found
}

/// The clause of the other draft that a whole clause was absorbed into (or split out of): most of its
/// words stand there, and so do its watch terms, or it would be more than that.
fn stands_in(cx: &Context, side: Side, reading: &Reading) -> Option<ClauseId> {
    let (other, _) = cx.clauses(side.other());
    let (_, indices) = cx.clauses(side);
    let target = *cx.facts.absorbed[side.index()].get(indices.first()?)?;
    let there = other.clauses[target].text.to_lowercase();
    reading
        .hits
        .iter()
        .filter(|h| matches!(h.mark, Mark::Watch { .. }))
        .all(|h| there.contains(&h.key))
        .then(|| other.clauses[target].id.clone())
}

/// The structural findings of a matched, moved, split or merged entry. Each quotes the clause it is
/// about.
pub(super) fn clause(cx: &Context, out: &mut Vec<Finding>) {
    let ids = |indices: &[usize], draft: &Draft| -> Vec<ClauseId> {
        indices
            .iter()
            .map(|&i| draft.clauses[i].id.clone())
            .collect()
    };
    let quote = |f: &mut Finding| {
        f.old_text = excerpt(cx.text(Side::Old));
        f.new_text = excerpt(cx.text(Side::New));
    };
    let (old, new) = (
        ids(&cx.diff.pair.old, cx.old),
        ids(&cx.diff.pair.new, cx.new),
    );
    let kind = match cx.diff.status {
        Status::Split => Some(FindingKind::ClauseSplit { old, new }),
        Status::Merged => Some(FindingKind::ClauseMerged { old, new }),
        _ => None,
    };
    if let Some(kind) = kind {
        let mut f = cx.finding(kind);
        quote(&mut f);
        out.push(f);
    }
    if cx.diff.pair.moved {
        let mut f = cx.finding(FindingKind::ClauseMoved);
        quote(&mut f);
        // A heading or a line of a few words moved is worth seeing, no more.
        if cx.text(Side::New).split_whitespace().count() < PASSAGE {
            f.severity = Severity::Info;
        }
        out.push(f);
    }
    if cx.diff.pair.renumbered {
        out.push(cx.finding(FindingKind::ClauseRenumbered));
    }
}

/// A `metadata_changed` finding when the front matter differs, naming the keys whose values differ.
/// Values are compared as parsed YAML; when either draft's front matter is not valid YAML, both are
/// compared line by line as written, so one side's quoting cannot pass for a change.
pub(in crate::classify) fn metadata(old: &Draft, new: &Draft) -> Vec<Finding> {
    let as_written = [old, new]
        .iter()
        .any(|d| d.metadata.as_ref().is_some_and(|m| m.not_yaml.is_some()));
    let entries = |d: &'_ Draft| -> Vec<(String, String)> {
        d.metadata.as_ref().map_or_else(Vec::new, |m| {
            if as_written {
                m.written.clone()
            } else {
                m.entries.clone()
            }
        })
    };
    let (before, after) = (&entries(old)[..], &entries(new)[..]);
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
    let kind = FindingKind::MetadataChanged { keys: keys.clone() };
    vec![Finding {
        severity: kind.rule().severity,
        kind,
        change: None,
        old_clause: None,
        new_clause: None,
        old_text: lines(before),
        new_text: lines(after),
        old_line: old.metadata.as_ref().map(|m| m.lines.first),
        new_line: new.metadata.as_ref().map(|m| m.lines.first),
        offset: 0,
        fingerprint: Default::default(),
        revision: None,
    }]
}
