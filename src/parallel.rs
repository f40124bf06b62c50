//! Parallel versions: the language versions of one text, checked for consistency.
//!
//! Input: two or more [`Draft`]s of the same text in different languages, the first the reference.
//! Output: a [`Parallel`] holding, for each other version, its alignment with the reference
//! ([`Pairing`]: groups of clauses that say the same thing) and typed [`ParallelFinding`]s where the
//! versions say different things.
//!
//! Alignment is by structure, never by words, since the words differ by design: clauses numbered
//! alike (`Article 5`, `Artículo 5`, `Статья 5`, `第5条`, `المادة 5` all key as `5`) anchor the
//! alignment, and between two anchors the clauses are aligned by order and length with a dynamic
//! programme in the manner of Gale and Church (1993): groups of 1:1, 1:0, 0:1, 2:1 and 1:2 clauses,
//! each costing how unlikely its length ratio is given the ratio of the two documents' total lengths
//! (so Chinese against English works as French against English does). The programme is banded around
//! the diagonal, so its work grows with the clauses times the band, not their square. A paragraph
//! split in two in one language is a 2:1 group, not a missing clause.
//!
//! Each group is then read on both sides with the classifier's vocabulary for that side's language,
//! and compared: the strongest obligation level, negations, numbers in digits, watch terms (through
//! their aliases in every language) and, between languages written in the same script, names.
//! Translation is not a change: consistent versions give no finding above `info`.

use std::ops::Range;

use serde::Serialize;

use crate::classify::{Classifier, Profile, Severity, Strongest};
use crate::document::{ClauseId, ClauseKind, Draft};
use crate::text::Language;

/// The JSON schema name of a parallel report.
pub const SCHEMA: &str = "clausediff.parallel.v1";

/// One language version.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionInfo {
    /// What reports call it.
    pub label: String,
    /// Where it was read from.
    pub path: String,
    /// Its language code (`en`, `zh`), detected or given; `null` when unknown.
    pub language: Option<&'static str>,
    /// How many clauses it has.
    pub clauses: usize,
}

/// How a group was aligned.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlignedBy {
    /// Both sides carry the same clause number.
    Number,
    /// By order and length between numbered anchors.
    Order,
}

/// Clauses of the reference and of the other version that say the same thing (one side may be
/// empty: a clause missing from that version).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// Indices of the reference's clauses.
    #[serde(skip)]
    pub reference: Vec<usize>,
    /// Indices of the other version's clauses.
    #[serde(skip)]
    pub other: Vec<usize>,
    /// Ids of the reference's clauses.
    pub reference_ids: Vec<ClauseId>,
    /// Ids of the other version's clauses.
    pub other_ids: Vec<ClauseId>,
    /// How it was aligned.
    pub by: AlignedBy,
}

/// The alignment of one version with the reference.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pairing {
    /// Index of the version (1 or more; 0 is the reference).
    pub version: usize,
    /// The groups, in the reference's order.
    pub groups: Vec<Group>,
    /// Groups of one clause on each side.
    pub one_to_one: usize,
    /// Groups of two clauses on one side and one on the other (a paragraph split differently).
    pub split: usize,
    /// Reference clauses the version lacks.
    pub missing: usize,
    /// Clauses of the version the reference lacks.
    pub extra: usize,
}

/// What a finding says.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ParallelKind {
    /// The strongest phrase on a scale is at a different level.
    StrengthMismatch {
        /// The scale's name (`obligation`).
        scale: String,
        /// The reference's strength (levels counted from the weakest, 1).
        reference: usize,
        /// The other version's strength.
        other: usize,
    },
    /// One version negates, the other does not.
    NegationMismatch {
        /// Negation words in the reference's group.
        reference: usize,
        /// Negation words in the other version's group.
        other: usize,
    },
    /// The numbers written in digits differ.
    NumberMismatch {
        /// Values the reference states and the other version does not.
        missing: Vec<String>,
        /// Values the other version states and the reference does not.
        added: Vec<String>,
    },
    /// A watch term or name one version has and the other lacks.
    NameMissing {
        /// The term's or name's name.
        name: String,
        /// The watchlist it is on, or `null` for a name.
        list: Option<String>,
        /// Which side lacks it: `other` (the usual case) or `reference`.
        missing_from: Side,
    },
    /// A clause of one version has no counterpart in the other.
    ClauseMissing {
        /// Which side lacks it.
        missing_from: Side,
    },
}

/// One side of a pairing.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The first version.
    Reference,
    /// The version compared with it.
    Other,
}

impl ParallelKind {
    /// The snake-case name used in reports.
    pub fn name(&self) -> &'static str {
        match self {
            ParallelKind::StrengthMismatch { .. } => "strength_mismatch",
            ParallelKind::NegationMismatch { .. } => "negation_mismatch",
            ParallelKind::NumberMismatch { .. } => "number_mismatch",
            ParallelKind::NameMissing { .. } => "name_missing",
            ParallelKind::ClauseMissing { .. } => "clause_missing",
        }
    }

    /// A one-line description.
    pub fn describe(&self) -> String {
        match self {
            ParallelKind::StrengthMismatch {
                scale,
                reference,
                other,
            } => format!("{scale} strength {reference} in the reference, {other} here"),
            ParallelKind::NegationMismatch { reference, other } => {
                format!("{reference} negation(s) in the reference, {other} here")
            }
            ParallelKind::NumberMismatch { missing, added } => {
                let list = |v: &[String]| {
                    if v.is_empty() {
                        "none".to_string()
                    } else {
                        v.join(", ")
                    }
                };
                format!(
                    "numbers only in the reference: {}; only here: {}",
                    list(missing),
                    list(added)
                )
            }
            ParallelKind::NameMissing {
                name,
                list,
                missing_from,
            } => {
                let what = match list {
                    Some(list) => format!("watch term `{name}` ({list})"),
                    None => format!("name `{name}`"),
                };
                match missing_from {
                    Side::Other => format!("{what} is in the reference, not here"),
                    Side::Reference => format!("{what} is here, not in the reference"),
                }
            }
            ParallelKind::ClauseMissing { missing_from } => match missing_from {
                Side::Other => "a clause of the reference has no counterpart here".to_string(),
                Side::Reference => "this clause has no counterpart in the reference".to_string(),
            },
        }
    }
}

/// An inconsistency between the reference and one other version.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParallelFinding {
    /// What it is, with its data.
    #[serde(flatten)]
    pub kind: ParallelKind,
    /// How much it matters.
    pub severity: Severity,
    /// The rule that made it (`parallel.strength_mismatch`).
    pub rule: &'static str,
    /// Index of the version it concerns (1 or more).
    pub version: usize,
    /// The reference's clauses.
    pub reference_clauses: Vec<ClauseId>,
    /// The other version's clauses.
    pub other_clauses: Vec<ClauseId>,
    /// What the reference says (its group's text, or the words that are the evidence).
    pub old_text: Option<String>,
    /// What the other version says.
    pub new_text: Option<String>,
    /// The first line of the reference's clauses, or of the other version's when the reference has none.
    pub line: Option<u32>,
    /// One line on what it is.
    pub message: String,
}

/// Counts of findings.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParallelSummary {
    /// Versions compared with the reference.
    pub versions: usize,
    /// Groups aligned, over every version.
    pub groups: usize,
    /// Findings by severity: info, low, medium, high.
    pub info: usize,
    /// Low findings.
    pub low: usize,
    /// Medium findings.
    pub medium: usize,
    /// High findings.
    pub high: usize,
}

/// The consistency check of language versions.
#[derive(Debug, Clone)]
pub struct Parallel {
    /// The versions, the reference first.
    pub versions: Vec<VersionInfo>,
    /// The drafts, the reference first.
    pub drafts: Vec<Draft>,
    /// Each other version's alignment with the reference.
    pub pairings: Vec<Pairing>,
    /// Every finding, ordered by version, then reference position.
    pub findings: Vec<ParallelFinding>,
    /// Counts.
    pub summary: ParallelSummary,
}

impl Parallel {
    /// Whether a finding at or above `level` remains.
    pub fn fails(&self, level: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= level)
    }

    /// The findings shown at `min`: those at or above it.
    pub fn shown(&self, min: Option<Severity>) -> impl Iterator<Item = &ParallelFinding> {
        self.findings
            .iter()
            .filter(move |f| min.is_none_or(|m| f.severity >= m))
    }
}

/// Checks the language versions `drafts` (the first the reference) for consistency.
pub fn compare(drafts: Vec<Draft>, classifier: &Classifier) -> Parallel {
    let versions = drafts
        .iter()
        .map(|d| VersionInfo {
            label: d.label.clone(),
            path: d.path.clone().unwrap_or_else(|| d.source.clone()),
            language: d.language.map(Language::code),
            clauses: d.clauses.len(),
        })
        .collect();
    let mut pairings = Vec::new();
    let mut findings = Vec::new();
    if let Some((reference, others)) = drafts.split_first() {
        let reference_profiles = profiles(reference, classifier);
        let common = common_words(reference, &reference_profiles);
        for (k, other) in others.iter().enumerate() {
            let version = k + 1;
            let groups = align(reference, other);
            let other_profiles = profiles(other, classifier);
            let cx = Pair {
                classifier,
                common: &common,
                reference,
                other,
                version,
            };
            for group in &groups {
                cx.check(group, &reference_profiles, &other_profiles, &mut findings);
            }
            pairings.push(pairing(version, groups));
        }
    }
    let mut summary = ParallelSummary {
        versions: drafts.len().saturating_sub(1),
        groups: pairings.iter().map(|p| p.groups.len()).sum(),
        ..ParallelSummary::default()
    };
    for f in &findings {
        match f.severity {
            Severity::Info => summary.info += 1,
            Severity::Low => summary.low += 1,
            Severity::Medium => summary.medium += 1,
            Severity::High => summary.high += 1,
        }
    }
    Parallel {
        versions,
        drafts,
        pairings,
        findings,
        summary,
    }
}

fn pairing(version: usize, groups: Vec<Group>) -> Pairing {
    let count = |f: &dyn Fn(&Group) -> bool| groups.iter().filter(|g| f(g)).count();
    Pairing {
        version,
        one_to_one: count(&|g| g.reference.len() == 1 && g.other.len() == 1),
        split: count(&|g| g.reference.len() + g.other.len() == 3),
        missing: count(&|g| g.other.is_empty()),
        extra: count(&|g| g.reference.is_empty()),
        groups,
    }
}

/// Each clause's profile, read in the draft's language.
fn profiles(draft: &Draft, classifier: &Classifier) -> Vec<Profile> {
    use rayon::prelude::*;
    let german = draft.language == Some(Language::German);
    draft
        .clauses
        .par_iter()
        .map(|c| classifier.profile(draft.language, &c.text, german))
        .collect()
}

/// A clause's number without the words and scripts around it: `Article 5`, `Artículo 5`, `Статья 5`,
/// `第5条` and `المادة 5` are all `5`; `4(a)` stays `4(a)`; `OP3` stays `OP3`. Words of three letters
/// or more (the keywords of each language) are dropped, short letter runs (`a`, `OP`) kept.
pub fn neutral_key(id: &ClauseId) -> String {
    let id = id.0.split('#').next().unwrap_or(&id.0);
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.chars().count() < 3 && word.chars().all(|c| c.is_ascii_alphabetic()) {
            out.push_str(word);
        }
        word.clear();
    };
    for c in id.chars() {
        if c.is_alphabetic() {
            word.push(c);
            continue;
        }
        flush(&mut word, &mut out);
        if c.is_ascii_digit() || matches!(c, '.' | '(' | ')' | '/') {
            out.push(c);
        } else if let Some(d) = c.to_digit(10) {
            out.push(char::from_digit(d, 10).unwrap_or('0'));
        }
    }
    flush(&mut word, &mut out);
    out.trim_matches('.').to_string()
}

/// The alignment of `other` with `reference`: groups in the reference's order.
///
/// The length ratio of the two languages is first taken from the documents' totals, then — a clause
/// missing from one side skews the totals — from the clauses the first pass paired one to one, and
/// the programme runs again with it.
pub fn align(reference: &Draft, other: &Draft) -> Vec<Group> {
    let total = |d: &Draft| d.clauses.iter().map(|c| length(&c.text)).sum::<f64>();
    let (r, o) = (total(reference), total(other));
    let first = align_at(
        reference,
        other,
        if r > 0.0 && o > 0.0 { o / r } else { 1.0 },
    );
    let (mut r, mut o) = (0.0, 0.0);
    for g in first
        .iter()
        .filter(|g| g.reference.len() == 1 && g.other.len() == 1)
    {
        r += length(&reference.clauses[g.reference[0]].text);
        o += length(&other.clauses[g.other[0]].text);
    }
    if r > 0.0 && o > 0.0 {
        align_at(reference, other, o / r)
    } else {
        first
    }
}

/// The alignment with the other version's lengths divided by `ratio`.
fn align_at(reference: &Draft, other: &Draft, ratio: f64) -> Vec<Group> {
    let keys = |d: &Draft| -> Vec<Option<String>> {
        d.clauses
            .iter()
            .map(|c| {
                (c.numbered || c.kind == ClauseKind::Heading)
                    .then(|| neutral_key(&c.id))
                    .filter(|k| k.chars().any(|c| c.is_ascii_digit()))
            })
            .collect()
    };
    let (rk, ok) = (keys(reference), keys(other));
    // Anchors: keys that occur once on each side, in increasing order on both.
    let mut counts: rustc_hash::FxHashMap<&str, (usize, usize, usize, usize)> =
        rustc_hash::FxHashMap::default();
    for (i, k) in rk.iter().enumerate() {
        if let Some(k) = k {
            let e = counts.entry(k).or_insert((0, 0, 0, 0));
            e.0 += 1;
            e.2 = i;
        }
    }
    for (j, k) in ok.iter().enumerate() {
        if let Some(k) = k
            && let Some(e) = counts.get_mut(k.as_str())
        {
            e.1 += 1;
            e.3 = j;
        }
    }
    let mut candidates: Vec<(usize, usize)> = counts
        .values()
        .filter(|e| e.0 == 1 && e.1 == 1)
        .map(|e| (e.2, e.3))
        .collect();
    candidates.sort_unstable();
    let js: Vec<usize> = candidates.iter().map(|c| c.1).collect();
    let anchors: Vec<(usize, usize)> = crate::sequence::longest_increasing(&js)
        .into_iter()
        .map(|p| candidates[p])
        .collect();
    let lengths = |d: &Draft, scale: f64| -> Vec<f64> {
        d.clauses.iter().map(|c| length(&c.text) / scale).collect()
    };
    let (rl, ol) = (lengths(reference, 1.0), lengths(other, ratio));
    let kinds = |d: &Draft| -> Vec<bool> {
        d.clauses
            .iter()
            .map(|c| c.kind == ClauseKind::Heading)
            .collect()
    };
    let (rh, oh) = (kinds(reference), kinds(other));
    let sentences =
        |d: &Draft| -> Vec<f64> { d.clauses.iter().map(|c| sentences(&c.text)).collect() };
    let (rs, os) = (sentences(reference), sentences(other));
    let mut groups = Vec::new();
    let (mut i, mut j) = (0, 0);
    let segment = Segment {
        rl: &rl,
        ol: &ol,
        rh: &rh,
        oh: &oh,
        rk: &rk,
        ok: &ok,
        rs: &rs,
        os: &os,
    };
    for &(ai, aj) in anchors.iter().chain(std::iter::once(&(
        reference.clauses.len(),
        other.clauses.len(),
    ))) {
        for (r, o) in segment.align(i..ai, j..aj) {
            groups.push((r, o, AlignedBy::Order));
        }
        if ai < reference.clauses.len() {
            groups.push((ai..ai + 1, aj..aj + 1, AlignedBy::Number));
        }
        (i, j) = (ai + 1, aj + 1);
    }
    groups
        .into_iter()
        .map(|(r, o, by)| Group {
            reference_ids: r.clone().map(|i| reference.clauses[i].id.clone()).collect(),
            other_ids: o.clone().map(|j| other.clauses[j].id.clone()).collect(),
            reference: r.collect(),
            other: o.collect(),
            by,
        })
        .collect()
}

/// How many sentences a text has: its full stops (in any script) before a space or its end, at
/// least one.
fn sentences(text: &str) -> f64 {
    let mut count = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let end = matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟');
        if end && chars.peek().is_none_or(|n| n.is_whitespace()) {
            count += 1;
        }
    }
    count.max(1) as f64
}

/// The length of a text as the alignment weighs it: characters that are not spaces.
fn length(text: &str) -> f64 {
    text.chars().filter(|c| !c.is_whitespace()).count() as f64
}

/// The clauses between two anchors, as the programme sees them.
struct Segment<'a> {
    /// Lengths of the reference's clauses.
    rl: &'a [f64],
    /// Lengths of the other version's clauses, in the reference's units.
    ol: &'a [f64],
    rh: &'a [bool],
    oh: &'a [bool],
    rk: &'a [Option<String>],
    ok: &'a [Option<String>],
    /// Sentences in each clause: translation keeps them more often than not.
    rs: &'a [f64],
    os: &'a [f64],
}

/// How far from the diagonal the programme looks, beyond the difference of the two sides' counts.
const BAND: usize = 12;

/// The most cells the programme fills for one segment (16 bytes each: 64 MB). Two versions whose
/// clause counts differ by thousands between two anchors are not one text clause for clause; past
/// this, their clauses pair by order, so memory stays bounded whatever the input.
const MAX_CELLS: usize = 4_000_000;

/// The moves of the programme: clauses taken from the reference and from the other version, and
/// the prior (negative log probability) of each, after Gale and Church.
const MOVES: [(usize, usize, f64); 5] = [
    (1, 1, 0.117), // -ln 0.89
    (1, 0, 5.31),  // -ln 0.0099/2
    (0, 1, 5.31),  //
    (2, 1, 3.11),  // -ln 0.089/2
    (1, 2, 3.11),  //
];

impl Segment<'_> {
    /// Aligns `r` with `o`: a banded dynamic programme over groups of the moves.
    fn align(&self, r: Range<usize>, o: Range<usize>) -> Vec<(Range<usize>, Range<usize>)> {
        let (n, m) = (r.len(), o.len());
        if n == 0 && m == 0 {
            return Vec::new();
        }
        if n == 0 || m == 0 {
            return (r.clone())
                .map(|i| (i..i + 1, o.start..o.start))
                .chain(o.clone().map(|j| (r.end..r.end, j..j + 1)))
                .collect();
        }
        let band = n.abs_diff(m) + BAND;
        // Columns kept for each row: those within `band` of the diagonal (never more than the
        // other side has).
        let diagonal = |i: usize| i * m / n;
        let lo = |i: usize| diagonal(i).saturating_sub(band);
        let hi = |i: usize| (diagonal(i) + band).min(m);
        let width = (2 * band + 2).min(m + 1);
        if (n + 1).saturating_mul(width) > MAX_CELLS {
            return by_order(r, o);
        }
        let index = |i: usize, j: usize| -> Option<usize> {
            (j >= lo(i) && j <= hi(i)).then(|| i * width + (j - lo(i)))
        };
        let mut cost = vec![f64::INFINITY; (n + 1) * width];
        let mut back = vec![usize::MAX; (n + 1) * width];
        cost[0] = 0.0;
        for i in 0..=n {
            for j in lo(i)..=hi(i) {
                let Some(here) = index(i, j) else { continue };
                if i == 0 && j == 0 {
                    continue;
                }
                for (k, &(di, dj, prior)) in MOVES.iter().enumerate() {
                    if di > i || dj > j {
                        continue;
                    }
                    let Some(from) = index(i - di, j - dj) else {
                        continue;
                    };
                    if cost[from].is_infinite() {
                        continue;
                    }
                    let c = cost[from]
                        + prior
                        + self.cost(r.start + i - di..r.start + i, o.start + j - dj..o.start + j);
                    if c < cost[here] {
                        cost[here] = c;
                        back[here] = k;
                    }
                }
            }
        }
        let mut out = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let Some(at) = index(i, j) else { break };
            let Some(&(di, dj, _)) = MOVES.get(back[at]) else {
                break;
            };
            out.push((r.start + i - di..r.start + i, o.start + j - dj..o.start + j));
            (i, j) = (i - di, j - dj);
        }
        // Unreachable within the band (it is not, by construction): what is left stands alone,
        // never lost.
        out.extend(
            (0..i)
                .rev()
                .map(|k| (r.start + k..r.start + k + 1, o.start..o.start)),
        );
        out.extend(
            (0..j)
                .rev()
                .map(|k| (r.start..r.start, o.start + k..o.start + k + 1)),
        );
        out.reverse();
        out
    }

    /// How unlikely a group is by its lengths (Gale and Church's delta), by heading against prose,
    /// and by clause numbers that differ.
    fn cost(&self, r: Range<usize>, o: Range<usize>) -> f64 {
        // A clause one side lacks costs its prior and a constant, whatever its length: Gale and
        // Church's length term would make a long missing clause dearer than any wrong merge.
        if r.is_empty() || o.is_empty() {
            return 2.0;
        }
        let lr: f64 = self.rl[r.clone()].iter().sum();
        let lo: f64 = self.ol[o.clone()].iter().sum();
        // Gale and Church's variance per character, 6.8.
        let mean = f64::midpoint(lr, lo).max(1.0);
        let delta = (lo - lr) / (mean * 6.8).sqrt();
        let p = 2.0 * (1.0 - phi(delta.abs()));
        let mut c = -(p.max(1e-12)).ln();
        if !r.is_empty() && !o.is_empty() {
            let a: f64 = self.rs[r.clone()].iter().sum();
            let b: f64 = self.os[o.clone()].iter().sum();
            c += 1.5 * (a - b).abs();
        }
        let heading = |h: &[bool], x: &Range<usize>| x.clone().any(|i| h[i]);
        if r.len() == 1 && o.len() == 1 {
            c += if heading(self.rh, &r) == heading(self.oh, &o) {
                if heading(self.rh, &r) { -2.0 } else { 0.0 }
            } else {
                6.0
            };
            if let (Some(a), Some(b)) = (&self.rk[r.start], &self.ok[o.start]) {
                c += if a == b { -2.0 } else { 3.0 };
            }
        } else if !r.is_empty() && !o.is_empty() && (heading(self.rh, &r) || heading(self.oh, &o)) {
            // A heading is not half of a paragraph.
            c += 20.0;
        }
        c.max(0.0)
    }
}

/// Clauses paired one to one in order, what is left of the longer side standing alone: the
/// alignment of a segment too lopsided for the programme.
fn by_order(r: Range<usize>, o: Range<usize>) -> Vec<(Range<usize>, Range<usize>)> {
    let both = r.len().min(o.len());
    let paired = (0..both).map(|k| (r.start + k..r.start + k + 1, o.start + k..o.start + k + 1));
    let left = (r.start + both..r.end).map(|i| (i..i + 1, o.end..o.end));
    let extra = (o.start + both..o.end).map(|j| (r.end..r.end, j..j + 1));
    paired.chain(left).chain(extra).collect()
}
/// The standard normal distribution function (Abramowitz and Stegun 26.2.17).
fn phi(z: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.231_641_9 * z.abs());
    let d = 0.398_942_3 * (-z * z / 2.0).exp();
    let p = d
        * t
        * (0.319_381_5 + t * (-0.356_563_8 + t * (1.781_478 + t * (-1.821_256 + t * 1.330_274))));
    if z >= 0.0 { 1.0 - p } else { p }
}

/// The two drafts of one pairing.
struct Pair<'a> {
    classifier: &'a Classifier,
    /// The words the reference writes in lower case.
    common: &'a rustc_hash::FxHashSet<String>,
    reference: &'a Draft,
    other: &'a Draft,
    version: usize,
}

/// The scales whose strongest level must agree.
const COMPARED_SCALES: [&str; 2] = ["obligation", "operative verb"];

/// How far into a clause (bytes) an operative verb opens it.
const OPENING: usize = 48;

/// How much of a clause a finding quotes.
const QUOTE: usize = 240;

/// A clause's words on one line, cut after about [`QUOTE`] characters (a clause may be megabytes).
fn quote(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() > QUOTE {
            out.push_str(" …");
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

impl Pair<'_> {
    /// Whether a scale phrase is negated: by the reading, or by a subject that negates it
    /// (`negations.toml`) within a few words before it.
    fn negated(&self, phrase: &Strongest, _: &Profile, text: &str, draft: &Draft) -> bool {
        if phrase.negated {
            return true;
        }
        let Some(words) = draft
            .language
            .or(Some(Language::English))
            .and_then(|l| subject_negations().get(l.code()))
        else {
            return false;
        };
        let before = &text[..phrase.bytes.start];
        let window: Vec<String> = before
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .rev()
            .take(8)
            .map(str::to_lowercase)
            .collect();
        window.iter().any(|w| words.contains(w))
    }

    fn text(draft: &Draft, clauses: &[usize]) -> String {
        clauses
            .iter()
            .map(|&i| draft.clauses[i].text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn finding(
        &self,
        group: &Group,
        kind: ParallelKind,
        severity: Severity,
        rule: &'static str,
        texts: (Option<String>, Option<String>),
    ) -> ParallelFinding {
        let line = group
            .reference
            .first()
            .map(|&i| self.reference.clauses[i].lines.first)
            .or_else(|| {
                group
                    .other
                    .first()
                    .map(|&j| self.other.clauses[j].lines.first)
            });
        ParallelFinding {
            message: kind.describe(),
            kind,
            severity,
            rule,
            version: self.version,
            reference_clauses: group.reference_ids.clone(),
            other_clauses: group.other_ids.clone(),
            old_text: texts.0,
            new_text: texts.1,
            line,
        }
    }

    /// The findings of one group.
    fn check(
        &self,
        group: &Group,
        reference_profiles: &[Profile],
        other_profiles: &[Profile],
        out: &mut Vec<ParallelFinding>,
    ) {
        use crate::classify as r;
        let rtext = Self::text(self.reference, &group.reference);
        let otext = Self::text(self.other, &group.other);
        let lexicon = self.classifier.lexicon();
        if group.other.is_empty() || group.reference.is_empty() {
            let (missing_from, profile, heading) = if group.other.is_empty() {
                (
                    Side::Other,
                    &reference_profiles[group.reference[0]],
                    self.reference.clauses[group.reference[0]].kind,
                )
            } else {
                (
                    Side::Reference,
                    &other_profiles[group.other[0]],
                    self.other.clauses[group.other[0]].kind,
                )
            };
            let binding = profile.strongest.iter().any(|s| {
                lexicon
                    .scales
                    .get(s.scale)
                    .is_some_and(|scale| s.level < scale.obligation_levels)
            }) || !profile.watch.is_empty();
            let severity = if heading == ClauseKind::Heading {
                Severity::Low
            } else if binding {
                Severity::High
            } else {
                r::PARALLEL_CLAUSE_MISSING.severity
            };
            let texts = match missing_from {
                Side::Other => (Some(quote(&rtext)), None),
                Side::Reference => (None, Some(quote(&otext))),
            };
            out.push(self.finding(
                group,
                ParallelKind::ClauseMissing { missing_from },
                severity,
                r::PARALLEL_CLAUSE_MISSING.id,
                texts,
            ));
            return;
        }
        // A group of several clauses is read as one text (its profiles are merged).
        let merge = |profiles: &[Profile], draft: &Draft, clauses: &[usize]| -> Profile {
            if let [one] = clauses {
                return profiles[*one].clone();
            }
            let text = Self::text(draft, clauses);
            self.classifier.profile(
                draft.language,
                &text,
                draft.language == Some(Language::German),
            )
        };
        let rp = merge(reference_profiles, self.reference, &group.reference);
        let op = merge(other_profiles, self.other, &group.other);
        let both = (Some(quote(&rtext)), Some(quote(&otext)));
        // Strength: both versions must hold the scale for their levels to be compared (a modal one
        // language writes as a future tense is no phrase to compare).
        for name in COMPARED_SCALES {
            let Some(index) = lexicon.scales.iter().position(|s| s.name == name) else {
                continue;
            };
            let scale = &lexicon.scales[index];
            let (Some(a), Some(b)) = (
                rp.strongest.iter().find(|s| s.scale == index),
                op.strongest.iter().find(|s| s.scale == index),
            ) else {
                continue;
            };
            // Under a negation the modals of two languages part ways ("No one shall", "Nul ne
            // peut", "Niemand darf"): a prohibition is compared as a negation, not as a level.
            if a.level == b.level
                || restricted(&rtext, self.reference.language)
                || restricted(&otext, self.other.language)
                || self.negated(a, &rp, &rtext, self.reference)
                || self.negated(b, &op, &otext, self.other)
            {
                continue;
            }
            // An operative verb is the force of a resolution's paragraph only where it opens it;
            // inside prose ("encourage and facilitate") it is a verb like any other.
            if name == "operative verb" && (a.bytes.start > OPENING || b.bytes.start > OPENING) {
                continue;
            }
            let steps = a.level.abs_diff(b.level);
            // A shift of one level (shall, will) is within what translation does; two or more
            // (should for shall, may for must) is a difference of substance.
            let severity = if steps == 1 {
                Severity::Low
            } else if scale.high_at_steps.is_some_and(|h| steps >= h) {
                Severity::High
            } else {
                r::PARALLEL_STRENGTH_MISMATCH.severity
            };
            out.push(self.finding(
                group,
                ParallelKind::StrengthMismatch {
                    scale: scale.name.clone(),
                    reference: scale.strength(a.level),
                    other: scale.strength(b.level),
                },
                severity,
                r::PARALLEL_STRENGTH_MISMATCH.id,
                both.clone(),
            ));
        }
        // Negation: the strongest phrase both versions hold at one level of a scale is negated in
        // one and not the other ("shall not" against "deberán"). Negation words alone are compared only as info: languages
        // negate differently ("non-traditional" is "no tradicionales").
        let (rn, on) = (rp.negations.len(), op.negations.len());
        let flipped = COMPARED_SCALES.iter().any(|name| {
            let Some(index) = lexicon.scales.iter().position(|s| s.name == *name) else {
                return false;
            };
            let find = |p: &Profile| p.strongest.iter().find(|s| s.scale == index).cloned();
            matches!((find(&rp), find(&op)), (Some(a), Some(b)) if a.level == b.level
                && self.negated(&a, &rp, &rtext, self.reference)
                    != self.negated(&b, &op, &otext, self.other))
        });
        if flipped || (rn == 0) != (on == 0) {
            let severity = if flipped {
                r::PARALLEL_NEGATION_MISMATCH.severity
            } else {
                Severity::Info
            };
            out.push(self.finding(
                group,
                ParallelKind::NegationMismatch {
                    reference: rn,
                    other: on,
                },
                severity,
                r::PARALLEL_NEGATION_MISMATCH.id,
                both.clone(),
            ));
        }
        // Numbers in digits: a value on one side that the other does not state at all.
        let values = |p: &Profile, digits_only: bool| -> Vec<String> {
            let mut v: Vec<String> = p
                .quantities
                .iter()
                .filter(|q| q.digits || !digits_only)
                .map(|q| q.value.clone())
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let (rd, od) = (values(&rp, true), values(&op, true));
        // What each side states at all: its number words, and every number in digits whatever the
        // role it is read in ("No. 7515" is a reference in one language, a quantity in another).
        let stated = |p: &Profile, text: &str, draft: &Draft| {
            let mut v = values(p, false);
            v.extend(crate::classify::digit_values(text, draft.language));
            v
        };
        let (ra, oa) = (
            stated(&rp, &rtext, self.reference),
            stated(&op, &otext, self.other),
        );
        let missing: Vec<String> = rd.iter().filter(|v| !oa.contains(v)).cloned().collect();
        let added: Vec<String> = od.iter().filter(|v| !ra.contains(v)).cloned().collect();
        if !missing.is_empty() || !added.is_empty() {
            // A number one side writes in words the other may not read: only a value replaced by
            // another is of substance.
            let severity = if !missing.is_empty() && !added.is_empty() {
                r::PARALLEL_NUMBER_MISMATCH.severity
            } else {
                Severity::Info
            };
            out.push(self.finding(
                group,
                ParallelKind::NumberMismatch { missing, added },
                severity,
                r::PARALLEL_NUMBER_MISMATCH.id,
                both.clone(),
            ));
        }
        // Watch terms, through their aliases in every language: one side's term the other lacks.
        // `text` quotes the holding side's words at the alias, and the lacking side whole.
        let sides = [
            (&rp, &op, Side::Other, rtext.as_str(), otext.as_str()),
            (&op, &rp, Side::Reference, otext.as_str(), rtext.as_str()),
        ];
        for (holds, lacks, missing_from, held, lacking) in sides {
            for ((list, term), bytes) in &holds.watch {
                if lacks.watch.iter().any(|(k, _)| k == &(*list, *term)) {
                    continue;
                }
                let Some(wl) = self.classifier.watchlists().get(*list) else {
                    continue;
                };
                let Some(t) = wl.terms.get(*term) else {
                    continue;
                };
                let (alias, whole) = (Some(held[bytes.clone()].to_string()), Some(quote(lacking)));
                out.push(self.finding(
                    group,
                    ParallelKind::NameMissing {
                        name: t.name.clone(),
                        list: Some(wl.name.clone()),
                        missing_from,
                    },
                    t.severity.max(r::PARALLEL_NAME_MISSING.severity),
                    r::PARALLEL_NAME_MISSING.id,
                    match missing_from {
                        Side::Other => (alias, whole),
                        Side::Reference => (whole, alias),
                    },
                ));
            }
        }
        // Names between languages of one script: a proper noun of the reference (a capitalised
        // word the reference never writes in lower case) with no word like it in the other
        // version ("Guyana" in a list where "Belize" is "Belice"). Medium in an enumeration of
        // names (a list of signatories), low elsewhere.
        if latin(self.reference.language) && latin(self.other.language) {
            self.names(group, &rp, &rtext, &otext, out);
        }
    }

    /// Names between languages of one script: a proper noun of the reference with no word like it
    /// in the other version ("Guyana" in a list where "Belize" is "Belice"). A name is judged by its
    /// last proper noun ("Republic of Guyana" by "Guyana"): the capitalised words the reference also
    /// writes in lower case, or uses in several names ("Republic", "States"), are not proper nouns.
    /// Medium when the name is left out of an enumeration of names the other version has (a list of
    /// signatories), info elsewhere: a name may be translated past recognition.
    fn names(
        &self,
        group: &Group,
        rp: &Profile,
        rtext: &str,
        otext: &str,
        out: &mut Vec<ParallelFinding>,
    ) {
        let words = cognate_forms(otext);
        // (name, bytes, found, listed)
        let mut judged: Vec<(&str, bool, bool)> = Vec::new();
        for (name, bytes) in &rp.names {
            if judged.iter().any(|j| j.0 == name)
                || rp.watch.iter().any(|(_, b)| rtext[b.clone()] == *name)
            {
                continue;
            }
            let Some(proper) = name
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4 && w.starts_with(char::is_uppercase))
                .map(fold)
                .rfind(|w| !self.common.contains(w))
            else {
                continue;
            };
            let found = words.iter().any(|o| cognate(&proper, o));
            let before = rtext[..bytes.start].trim_end();
            let before = before
                .strip_suffix(" the")
                .or_else(|| before.strip_suffix(" and"))
                .unwrap_or(before)
                .trim_end();
            let after = rtext[bytes.end..].trim_start();
            let listed =
                before.ends_with(',') || before.ends_with(" and") || after.starts_with(',');
            judged.push((name, found, listed));
        }
        let listed_found = judged.iter().filter(|j| j.1 && j.2).count();
        let enumeration = listed_found >= 4 && listed_found * 2 >= judged.len();
        for &(name, found, listed) in &judged {
            if found {
                continue;
            }
            let severity = if listed && enumeration {
                crate::classify::PARALLEL_NAME_MISSING.severity
            } else {
                Severity::Info
            };
            out.push(self.finding(
                group,
                ParallelKind::NameMissing {
                    name: name.to_string(),
                    list: None,
                    missing_from: Side::Other,
                },
                severity,
                crate::classify::PARALLEL_NAME_MISSING.id,
                (Some(name.to_string()), Some(quote(otext))),
            ));
        }
    }
}

/// The words a document writes in lower case (folded): a capitalised one of them is a common word
/// in a heading or at a sentence start, not a name.
fn common_words(draft: &Draft, profiles: &[Profile]) -> rustc_hash::FxHashSet<String> {
    let mut common: rustc_hash::FxHashSet<String> = draft
        .clauses
        .iter()
        .flat_map(|c| c.text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.starts_with(char::is_lowercase))
        .map(fold)
        .collect();
    // Words of several different names are titles ("Republic", "States"), not names.
    let mut names: Vec<&str> = profiles
        .iter()
        .flat_map(|p| p.names.iter().map(|(n, _)| n.as_str()))
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut seen: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    for name in names {
        let mut words: Vec<String> = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(fold)
            .collect();
        words.sort_unstable();
        words.dedup();
        for w in words {
            *seen.entry(w).or_default() += 1;
        }
    }
    #[expect(
        clippy::iter_over_hash_type,
        reason = "a set is built; the order is irrelevant"
    )]
    for (word, count) in seen {
        if count >= 2 {
            common.insert(word);
        }
    }
    common
}

/// The word lists of `negations.toml`, by language code.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Lists {
    subject: rustc_hash::FxHashMap<String, Vec<String>>,
    restrictive: rustc_hash::FxHashMap<String, Vec<String>>,
}

fn lists() -> &'static Lists {
    static LISTS: std::sync::OnceLock<Lists> = std::sync::OnceLock::new();
    LISTS.get_or_init(|| {
        toml::from_str(include_str!("parallel/negations.toml"))
            .expect("invariant: negations.toml parses (checked by a test)")
    })
}

/// The subject negations of `negations.toml`, by language code.
fn subject_negations() -> &'static rustc_hash::FxHashMap<String, Vec<String>> {
    &lists().subject
}

/// Whether `text` restricts itself with one of its language's restrictive words ("only").
fn restricted(text: &str, language: Option<Language>) -> bool {
    let code = language.unwrap_or(Language::English).code();
    let Some(words) = lists().restrictive.get(code) else {
        return false;
    };
    if code == "zh" {
        return words.iter().any(|w| text.contains(w.as_str()));
    }
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            let lower = w.to_lowercase();
            words.contains(&lower)
        })
}

/// Whether a language writes in the Latin script.
fn latin(language: Option<Language>) -> bool {
    matches!(
        language,
        None | Some(Language::English | Language::French | Language::Spanish | Language::German)
    )
}

/// A word in lower case without its accents (`Panamá` is `panama`).
fn fold(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfd()
        .filter(|c| !('\u{300}'..='\u{36F}').contains(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a text (four letters or more), folded.
fn cognate_forms(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(fold)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Whether two folded words are the same name in two languages: the same first four letters, or at
/// the same first letter and at most half their letters apart (`belize`/`belice`, `united`/`unidos`).
fn cognate(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() >= 4 && b.len() >= 4 && a[..4] == b[..4] {
        return true;
    }
    if a.first() != b.first() {
        return false;
    }
    let longest = a.len().max(b.len());
    levenshtein(&a, &b) * 2 <= longest
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(previous + usize::from(ca != cb));
            previous = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests;
