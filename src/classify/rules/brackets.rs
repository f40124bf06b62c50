//! Negotiation brackets compared: which brackets were resolved between two rounds, and how.
//!
//! Each bracketed span of the old clause is followed through the word diff: its own words (those not
//! inside a nested span) are kept or deleted, and the kept ones land inside a bracket of the new clause
//! or outside any. A span whose words land in one new span whose own words come back from it is still
//! open; kept words outside brackets were agreed (`bracket_resolved`); deleted words were dropped
//! (`bracket_dropped`, or `placeholder_filled` when a placeholder gave way to text). Of alternatives
//! `[a][b]`, one agreed and the rest dropped is a choice (`alternative_chosen`), and a choice between
//! phrases of one of the lexicon's scales is also `softened` or `strengthened` (`[shall][should]` →
//! `should`: "shall" lost). New spans that no old span continues were proposed or reopened
//! (`brackets_added`, `alternative_added`, `placeholder_added`). Options are followed the same way:
//! an option's words deleted is `option_dropped`; kept with its label gone, `option_chosen`.
//!
//! Other rules then read each alternative on its own: what they find inside a bracket event (the "300"
//! of `USD [100][300] billion`, the "2" of an option label) is that event seen word by word, and is
//! dropped in favour of it.

use std::borrow::Cow;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::wording::Said;
use super::{Context, Edits, PASSAGE, Side};
use crate::classify::finding::{Held, ScaleShift};
use crate::classify::read::{Mark, Reading};
use crate::classify::{Finding, FindingKind, Severity};
use crate::diff::Op;
use crate::document::{Brackets, Span};
use crate::text::{Token, dice};

/// Least likeness (Dice of word multisets) of an option to the new clause for it to be the one adopted
/// in other words, when every option of its clause was rewritten.
const REWRITTEN: f32 = 0.3;
/// How much more alike than the next option the adopted one must be: between two near-identical
/// options no choice is read.
const REWRITTEN_MARGIN: f32 = 0.05;

/// Byte ranges of each side that bracket findings account for.
#[derive(Debug, Default)]
pub(super) struct Covered {
    ranges: [Vec<Range<usize>>; 2],
}

impl Covered {
    fn add(&mut self, side: Side, range: Range<usize>) {
        self.ranges[side.index()].push(range);
    }

    /// Sorts and merges each side's ranges, for the lookups that follow.
    fn settle(&mut self) {
        for ranges in &mut self.ranges {
            *ranges = merged(std::mem::take(ranges));
        }
    }

    /// Whether a finding another rule made is a bracket event seen word by word: its words on the side
    /// it quotes (the new side when it quotes both) overlap a covered range.
    pub fn covers(&self, f: &Finding) -> bool {
        let (side, len) = if f.new_text.is_empty() {
            (Side::Old, f.old_text.len())
        } else {
            (Side::New, f.new_text.len())
        };
        overlaps(&self.ranges[side.index()], &(f.offset..f.offset + len))
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.iter().all(Vec::is_empty)
    }
}

/// One side of the entry as the bracket rule reads it.
struct Sided<'a> {
    text: &'a str,
    tokens: Cow<'a, [Token]>,
    brackets: Cow<'a, Brackets>,
    /// The innermost span holding each token.
    innermost: Vec<Option<usize>>,
    /// The token of the other side each token was kept as.
    kept: Vec<Option<usize>>,
    /// Each span's own word tokens (those whose innermost span it is), in text order:
    /// `own[own_at[k]..own_at[k + 1]]`, grouped once so that no span's words are looked for again
    /// among the tokens of the spans around it.
    own: Vec<usize>,
    own_at: Vec<usize>,
}

impl<'a> Sided<'a> {
    fn new(cx: &'a Context, side: Side) -> Sided<'a> {
        let (draft, indices) = cx.clauses(side);
        let text = cx.text(side);
        let (tokens, brackets) = match indices {
            [one] => {
                let clause = &draft.clauses[*one];
                (
                    Cow::Borrowed(clause.tokens()),
                    Cow::Borrowed(&clause.brackets),
                )
            }
            _ => (
                Cow::Owned(crate::text::tokenize(text)),
                Cow::Owned(Brackets::of_text(text)),
            ),
        };
        let innermost = innermost(&tokens, &brackets.spans);
        // A counting sort of the word tokens by their innermost span.
        let mut own_at = vec![0usize; brackets.spans.len() + 1];
        for (t, span) in innermost.iter().enumerate() {
            if let (Some(k), true) = (span, tokens[t].is_word) {
                own_at[k + 1] += 1;
            }
        }
        for k in 1..own_at.len() {
            own_at[k] += own_at[k - 1];
        }
        let mut own = vec![0usize; own_at[own_at.len() - 1]];
        let mut fill = own_at.clone();
        for (t, span) in innermost.iter().enumerate() {
            if let (Some(k), true) = (span, tokens[t].is_word) {
                own[fill[*k]] = t;
                fill[*k] += 1;
            }
        }
        Sided {
            text,
            kept: vec![None; tokens.len()],
            tokens,
            brackets,
            innermost,
            own,
            own_at,
        }
    }

    /// The word tokens whose innermost span is `k`.
    fn own_words(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        self.own[self.own_at[k]..self.own_at[k + 1]].iter().copied()
    }

    /// The word tokens within `bytes`.
    fn words_in(&self, bytes: &Range<usize>) -> Range<usize> {
        let first = self.tokens.partition_point(|t| t.start < bytes.start);
        let last = self.tokens.partition_point(|t| t.start < bytes.end);
        first..last
    }

    /// `range` of this side cut, at a token's end, to what can quote a passage of `quoted` bytes of
    /// the other side: the evidence of one finding stays the size of what it is about, however far
    /// apart the words it found stand or however long the edit that replaced them.
    fn bounded(&self, range: Range<usize>, quoted: usize) -> Range<usize> {
        let budget = 2 * quoted + MIN_QUOTE;
        if range.len() <= budget {
            return range;
        }
        let limit = range.start + budget;
        let within = self.tokens.partition_point(|t| t.end <= limit);
        let end = self.tokens[..within]
            .last()
            .map_or(range.start, |t| t.end)
            .max(range.start);
        let end = if end == range.start {
            // One token longer than the budget: quote it whole.
            self.tokens
                .get(self.tokens.partition_point(|t| t.start < range.start))
                .map_or(range.end, |t| t.end.min(range.end))
        } else {
            end
        };
        range.start..end
    }

    /// The bytes from the first to the last of some tokens.
    fn bytes_of(&self, tokens: impl Iterator<Item = usize>) -> Option<Range<usize>> {
        let mut range: Option<Range<usize>> = None;
        for t in tokens {
            let tok = &self.tokens[t];
            range = Some(match range {
                None => tok.start..tok.end,
                Some(r) => r.start.min(tok.start)..r.end.max(tok.end),
            });
        }
        range
    }
}

/// The innermost span holding each token, in one sweep (spans are in order of their opening).
fn innermost(tokens: &[Token], spans: &[Span]) -> Vec<Option<usize>> {
    let mut out = vec![None; tokens.len()];
    if spans.is_empty() {
        return out;
    }
    let mut open: Vec<usize> = Vec::new();
    let mut next = 0;
    for (t, token) in tokens.iter().enumerate() {
        while next < spans.len() && spans[next].inner.start <= token.start {
            while open
                .last()
                .is_some_and(|&k| spans[k].inner.end <= spans[next].inner.start)
            {
                open.pop();
            }
            open.push(next);
            next += 1;
        }
        while open
            .last()
            .is_some_and(|&k| token.start >= spans[k].inner.end)
        {
            open.pop();
        }
        out[t] = open.last().copied();
    }
    out
}

/// What became of a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// It has no words of its own (`[[a][b]]`, `[.]`): its children speak for it.
    Silent,
    /// Still open: its words are the words of one span of the other side.
    Open(usize),
    /// Its words kept outside brackets.
    Agreed,
    /// Its words kept in a bracket that continues another span.
    Absorbed,
    /// Its words deleted.
    Dropped,
}

/// `ranges` sorted and merged into disjoint ranges.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| !r.is_empty());
    ranges.sort_unstable_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Whether one of the disjoint, sorted `ranges` holds all of `range`.
fn contains(ranges: &[Range<usize>], range: &Range<usize>) -> bool {
    let k = ranges.partition_point(|r| r.end < range.end);
    ranges
        .get(k)
        .is_some_and(|r| r.start <= range.start && range.end <= r.end)
}

/// Whether the disjoint, sorted `ranges` overlap `range`.
fn overlaps(ranges: &[Range<usize>], range: &Range<usize>) -> bool {
    let k = ranges.partition_point(|r| r.end <= range.start);
    ranges.get(k).is_some_and(|r| r.start < range.end)
}

/// Bytes any quotation of the other side may have beyond twice what it quotes.
const MIN_QUOTE: usize = 80;

/// Longest span, in words, whose words are looked for elsewhere in the new clause.
const MAX_MOVED_WORDS: usize = 12;

/// Words of old spans that the word diff calls deleted but that the new clause holds elsewhere, out
/// of brackets and paired with nothing (`[and equity]` → "in the light of equity and"; the
/// `[shall]` of `[shall][should]` in a sentence the diff aligned elsewhere): they were kept, moved
/// within the clause. A span is moved when all its unpaired words are found, near one another
/// (within twice its length), and one of them is longer than a function word. Each new word is
/// paired once.
fn moved_within(old: &mut Sided, new: &mut Sided) {
    // The new side's free words by key: (key, token), sorted.
    let mut free: Vec<(u64, usize)> = new
        .tokens
        .iter()
        .enumerate()
        .filter(|&(u, t)| t.is_word && new.kept[u].is_none() && new.innermost[u].is_none())
        .map(|(u, t)| (t.key, u))
        .collect();
    if free.is_empty() {
        return;
    }
    free.sort_unstable();
    // Each key's free words are taken in order: `taken[first]` of the key's first slot counts them.
    let mut taken = vec![0usize; free.len()];
    for k in 0..old.brackets.spans.len() {
        let words: Vec<usize> = old
            .own_words(k)
            .filter(|&t| old.kept[t].is_none())
            .collect();
        if words.is_empty() || words.len() > MAX_MOVED_WORDS {
            continue;
        }
        if !words.iter().any(|&t| old.tokens[t].is_content()) {
            continue;
        }
        // (first slot of the key, slot) per word; a key repeated in the span takes the next slot.
        let mut found: Vec<(usize, usize)> = Vec::with_capacity(words.len());
        for &t in &words {
            let key = old.tokens[t].key;
            let first = free.partition_point(|&(k, _)| k < key);
            if first == free.len() {
                break;
            }
            let again = found.iter().filter(|&&(f, _)| f == first).count();
            let slot = first + taken[first] + again;
            if slot < free.len() && free[slot].0 == key {
                found.push((first, slot));
            } else {
                break;
            }
        }
        if found.len() < words.len() {
            continue;
        }
        let (low, high) = found.iter().fold((usize::MAX, 0), |(lo, hi), &(_, i)| {
            (lo.min(free[i].1), hi.max(free[i].1))
        });
        if high - low > 2 * words.len() {
            continue;
        }
        for (&(first, slot), &t) in found.iter().zip(&words) {
            taken[first] += 1;
            old.kept[t] = Some(free[slot].1);
            new.kept[free[slot].1] = Some(t);
        }
    }
}

/// Where each span's own words went: the majority span (or none) of the other side they landed in.
fn landings(from: &Sided, to: &Sided) -> Vec<(usize, usize, Option<Option<usize>>)> {
    let spans = from.brackets.spans.len();
    let mut own = vec![0usize; spans];
    let mut kept = vec![0usize; spans];
    let mut tally: FxHashMap<(usize, Option<usize>), usize> = FxHashMap::default();
    for (t, token) in from.tokens.iter().enumerate() {
        let Some(k) = from.innermost[t] else {
            continue;
        };
        if !token.is_word {
            continue;
        }
        own[k] += 1;
        if let Some(u) = from.kept[t] {
            kept[k] += 1;
            *tally.entry((k, to.innermost[u])).or_default() += 1;
        }
    }
    let mut best: Vec<Option<(usize, Option<usize>)>> = vec![None; spans];
    let mut entries: Vec<_> = tally.into_iter().collect();
    entries.sort_unstable();
    for ((k, landed), n) in entries {
        if best[k].is_none_or(|(m, _)| n > m) {
            best[k] = Some((n, landed));
        }
    }
    (0..spans)
        .map(|k| (own[k], kept[k], best[k].map(|(_, landed)| landed)))
        .collect()
}

/// Whether span `a` holds span `k` (walking at most a few dozen levels up).
fn is_ancestor(spans: &[Span], a: usize, k: usize) -> bool {
    let mut at = spans[k].parent;
    for _ in 0..64 {
        match at {
            Some(p) if p == a => return true,
            Some(p) => at = spans[p].parent,
            None => return false,
        }
    }
    false
}

fn fates(from: &Sided, to: &Sided) -> Vec<Fate> {
    let ours = landings(from, to);
    let theirs = landings(to, from);
    ours.iter()
        .enumerate()
        .map(|(k, &(own, kept, landed))| {
            if own == 0 {
                Fate::Silent
            } else if 2 * kept < own {
                Fate::Dropped
            } else {
                match landed.flatten() {
                    None => Fate::Agreed,
                    Some(s) => match theirs[s].2.flatten() {
                        Some(j) if j == k => Fate::Open(s),
                        // Its words now stand in the span that continues one that held it: its own
                        // brackets were resolved inside a bracket still open.
                        Some(j) if is_ancestor(&from.brackets.spans, j, k) => Fate::Agreed,
                        _ => Fate::Absorbed,
                    },
                }
            }
        })
        .collect()
}

/// Compares the brackets and options of a matched entry. Returns what its findings cover.
pub(super) fn compare(
    cx: &Context,
    edits: &mut Edits,
    old_read: &Reading,
    new_read: &Reading,
    out: &mut Vec<Finding>,
) -> Covered {
    let mut covered = Covered::default();
    let quick = |side: Side| {
        let (draft, indices) = cx.clauses(side);
        indices
            .iter()
            .all(|&i| draft.clauses[i].brackets.is_empty())
            && (indices.len() < 2 || !cx.text(side).contains('['))
    };
    if quick(Side::Old) && quick(Side::New) {
        return covered;
    }
    let mut old = Sided::new(cx, Side::Old);
    let mut new = Sided::new(cx, Side::New);
    for e in &cx.diff.words.edits {
        if e.op != Op::Equal {
            continue;
        }
        let (o, n) = (old.words_in(&e.old), new.words_in(&e.new));
        for (t, u) in o.zip(n) {
            old.kept[t] = Some(u);
            new.kept[u] = Some(t);
        }
    }
    moved_within(&mut old, &mut new);
    let old_fates = fates(&old, &new);
    let new_fates = fates(&new, &old);
    let reader = Readers {
        cx,
        old: &old,
        new: &new,
        old_read,
        new_read,
        said: std::cell::OnceCell::new(),
    };
    reader.options(&mut covered, out);
    reader.old_spans(&old_fates, &mut covered, out);
    reader.new_spans(&new_fates, &old_fates, &mut covered, out);
    covered.settle();
    // Bracket punctuation and option labels are no wording of their own.
    for k in 0..edits.list.len() {
        let punctuation_only = |side: Side, sided: &Sided| {
            sided.text[edits.range(k, side).clone()]
                .chars()
                .all(|c| c.is_whitespace() || "[]/|".contains(c))
        };
        if punctuation_only(Side::Old, &old) && punctuation_only(Side::New, &new) {
            edits.explained[k] = true;
        }
        let inside = |side: Side| {
            let range = edits.range(k, side);
            !range.is_empty() && contains(&covered.ranges[side.index()], range)
        };
        if inside(Side::Old) || inside(Side::New) {
            edits.explained[k] = true;
        }
    }
    covered
}

struct Readers<'a> {
    cx: &'a Context<'a>,
    old: &'a Sided<'a>,
    new: &'a Sided<'a>,
    old_read: &'a Reading,
    new_read: &'a Reading,
    /// What the new version says, gathered the first time a dropped bracket asks.
    said: std::cell::OnceCell<Said<'a>>,
}

impl Readers<'_> {
    fn sided(&self, side: Side) -> &Sided<'_> {
        match side {
            Side::Old => self.old,
            Side::New => self.new,
        }
    }

    /// The words of the other side that stand for `tokens` of `side` (the kept ones).
    /// Bounded (see [`Sided::bounded`]) by the bytes of `tokens`: words kept far apart are quoted
    /// from the first.
    fn standing(&self, side: Side, tokens: impl Iterator<Item = usize>) -> Option<Range<usize>> {
        let from = self.sided(side);
        let to = self.sided(side.other());
        let tokens: Vec<usize> = tokens.collect();
        let own = from.bytes_of(tokens.iter().copied())?;
        let standing = to.bytes_of(tokens.iter().filter_map(|&t| from.kept[t]))?;
        Some(to.bounded(standing, own.len()))
    }

    /// What an edit put in place of old bytes that were deleted: the new side of the edit that
    /// deleted them, when it inserted words.
    fn replacement(&self, old: &Range<usize>) -> Option<Range<usize>> {
        let words = self.old.words_in(old);
        let first = words.clone().find(|&t| self.old.tokens[t].is_word)?;
        let at = self.old.tokens[first].start;
        // Edits are in text order: the first whose old side ends after `at`, and the empty ones
        // (insertions) there.
        let edits = &self.cx.diff.words.edits;
        let from = edits.partition_point(|e| e.old.end <= at);
        let edit = edits[from..]
            .iter()
            .take_while(|e| e.old.start <= at)
            .find(|e| e.op != Op::Equal && e.old.start <= at && at < e.old.end)?;
        let text = &self.new.text[edit.new.clone()];
        text.chars().any(char::is_alphanumeric).then(|| {
            self.new
                .bounded(trim_brackets(text, edit.new.clone()), old.len())
        })
    }

    /// Reports an event whose words the other rules may still read (an agreed span, a chosen
    /// option: their own brackets and wording are compared on their own). Returns its index.
    fn report(
        &self,
        kind: FindingKind,
        old: Option<&Range<usize>>,
        new: Option<&Range<usize>>,
        out: &mut Vec<Finding>,
    ) -> usize {
        out.push(self.cx.at(kind, old, new));
        out.len() - 1
    }

    /// Reports an event that accounts for its words: what other rules find in them is this event.
    fn push(
        &self,
        kind: FindingKind,
        old: Option<&Range<usize>>,
        new: Option<&Range<usize>>,
        covered: &mut Covered,
        out: &mut Vec<Finding>,
    ) -> usize {
        if let Some(r) = old {
            covered.add(Side::Old, r.clone());
        }
        if let Some(r) = new {
            covered.add(Side::New, r.clone());
        }
        self.report(kind, old, new, out)
    }

    /// Options of the old side whose words were deleted, or kept with their label gone.
    fn options(&self, covered: &mut Covered, out: &mut Vec<Finding>) {
        let options = &self.old.brackets.options;
        // Per option: its words (label aside), how many were kept, whether its label stays.
        let read: Vec<(Vec<usize>, usize, bool)> = options
            .iter()
            .map(|option| {
                let body = option.bytes.end..option.body.end;
                let words: Vec<usize> = self
                    .old
                    .words_in(&body)
                    .filter(|&t| self.old.tokens[t].is_word)
                    .collect();
                let kept = words
                    .iter()
                    .filter(|&&t| self.old.kept[t].is_some())
                    .count();
                // The label stays while its word ("Option") is kept inside a label of the new side.
                let label_stays = self
                    .old
                    .words_in(&option.bytes)
                    .filter_map(|t| self.old.kept[t])
                    .any(|u| {
                        let at = self.new.tokens[u].start;
                        self.new
                            .brackets
                            .options
                            .iter()
                            .any(|o| o.bytes.start <= at && at < o.bytes.end)
                    });
                (words, kept, label_stays)
            })
            .collect();
        let rewritten_choice = self.rewritten_choice(&read);
        let chosen: Vec<bool> = read
            .iter()
            .enumerate()
            .map(|(k, (words, kept, label_stays))| {
                !words.is_empty()
                    && (rewritten_choice == Some(k) || (2 * kept >= words.len() && !label_stays))
            })
            .collect();
        // One option taken: the new text where the options stood is the one it became.
        let alone = chosen.iter().filter(|&&c| c).count() == 1;
        for (k, option) in options.iter().enumerate() {
            let (words, kept, label_stays) = &read[k];
            if words.is_empty() {
                // A label alone: its paragraphs are clauses of their own.
                if !label_stays {
                    covered.add(Side::Old, option.bytes.clone());
                }
                continue;
            }
            if chosen[k] {
                let new = alone
                    .then(|| self.resolved_in_place(option.body.len()))
                    .flatten()
                    .or_else(|| self.standing(Side::Old, words.iter().copied()));
                // The chosen option's own brackets are still compared: only its label is covered.
                self.report(
                    FindingKind::OptionChosen,
                    Some(&option.body),
                    new.as_ref(),
                    out,
                );
                covered.add(Side::Old, option.bytes.clone());
            } else if 2 * kept < words.len() {
                let (held, quantity) = held_in(self.cx, Side::Old, self.old_read, &option.body);
                let severity = dropped_severity(&held, quantity, words.len());
                let i = self.push(
                    FindingKind::OptionDropped(held),
                    Some(&option.body),
                    None,
                    covered,
                    out,
                );
                out[i].severity = severity;
            }
        }
    }

    /// Where the clause's options stand in the new text when the new clause offers none (the choice
    /// was made): from the end of what stands for the old words before the first option label to the
    /// start of what stands for the old words after the last option, bounded by the option's bytes.
    /// The chosen option's own kept words may lie anywhere in that text (a rewritten option keeps few,
    /// and the word diff may pair its first words with a dropped option's): the place where the
    /// options stood is where the adopted text is. `None` while the new clause still offers options.
    fn resolved_in_place(&self, quoted: usize) -> Option<Range<usize>> {
        let options = &self.old.brackets.options;
        let (first, last) = (options.first()?, options.last()?);
        if !self.new.brackets.options.is_empty() {
            return None;
        }
        let before = self
            .old
            .tokens
            .partition_point(|t| t.start < first.bytes.start);
        let start = self.old.kept[..before]
            .iter()
            .rev()
            .flatten()
            .next()
            .map_or(0, |&u| self.new.tokens[u].end);
        let after = self.old.tokens.partition_point(|t| t.start < last.body.end);
        let end = self.old.kept[after..]
            .iter()
            .flatten()
            .next()
            .map_or(self.new.text.len(), |&u| self.new.tokens[u].start);
        let words = self.new.words_in(&(start..end.max(start)));
        let first_word = words.clone().find(|&u| self.new.tokens[u].is_word)?;
        let last_word = words.rev().find(|&u| self.new.tokens[u].is_word)?;
        let range = self.new.tokens[first_word].start..self.new.tokens[last_word].end;
        Some(self.new.bounded(range, quoted))
    }

    /// When every option of the clause was rewritten (none keeps half its words through the word
    /// diff, no label stays), the one whose words the new clause holds clearly the most of is the
    /// one adopted in other words. The word diff pairs each new word with one old word, so between
    /// options that share most of their wording it splits the kept words at random: the likeness is
    /// read from the words each side holds, wherever they stand.
    fn rewritten_choice(&self, read: &[(Vec<usize>, usize, bool)]) -> Option<usize> {
        let settled = read
            .iter()
            .any(|(words, kept, stays)| *stays || (!words.is_empty() && 2 * kept >= words.len()));
        if settled {
            return None;
        }
        // The new side's words outside option labels (labels are in text order: one sweep).
        let labels = &self.new.brackets.options;
        let mut next = 0;
        let mut new_words: Vec<u64> = Vec::with_capacity(self.new.tokens.len());
        for t in self.new.tokens.iter().filter(|t| t.is_word) {
            while next < labels.len() && labels[next].bytes.end <= t.start {
                next += 1;
            }
            if next < labels.len() && labels[next].bytes.start <= t.start {
                continue;
            }
            new_words.push(t.key);
        }
        new_words.sort_unstable();
        let mut scored: Vec<(f32, usize)> = read
            .iter()
            .enumerate()
            .filter(|(_, (words, _, _))| !words.is_empty())
            .map(|(k, (words, _, _))| {
                let mut keys: Vec<u64> = words.iter().map(|&t| self.old.tokens[t].key).collect();
                keys.sort_unstable();
                (dice(&keys, &new_words), k)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        match scored.as_slice() {
            [(best, k), (second, _), ..]
                if *best >= REWRITTEN && *best >= second + REWRITTEN_MARGIN =>
            {
                Some(*k)
            }
            _ => None,
        }
    }

    /// The old spans: agreed, dropped, chosen among alternatives.
    fn old_spans(&self, fates: &[Fate], covered: &mut Covered, out: &mut Vec<Finding>) {
        let spans = &self.old.brackets.spans;
        // Spans whose event already speaks for them: inside a dropped span, or a group handled whole.
        let mut done = vec![false; spans.len()];
        // A span inside an event already made is that event's: inside a dropped option (the options'
        // events come first, and are few), or inside a span whose event covers its words. Parents
        // come before their spans, so that is known when a span is reached.
        let options = merged(covered.ranges[0].clone());
        let mut inside = vec![false; spans.len()];
        for k in 0..spans.len() {
            let span = &spans[k];
            if span.parent.is_some_and(|p| inside[p]) {
                inside[k] = true;
                done[k] = true;
                continue;
            }
            if done[k] {
                continue;
            }
            if contains(&options, &span.outer) {
                inside[k] = true;
                done[k] = true;
                continue;
            }
            if let Some(g) = span.group.filter(|&g| g == k) {
                self.group(g, fates, &mut done, &mut inside, covered, out);
                continue;
            }
            if span.group.is_some() {
                continue;
            }
            done[k] = true;
            inside[k] = self.single(k, fates[k], covered, out);
        }
    }

    /// One span on its own. Returns whether its event covers its words.
    fn single(&self, k: usize, fate: Fate, covered: &mut Covered, out: &mut Vec<Finding>) -> bool {
        let span = &self.old.brackets.spans[k];
        let words: Vec<usize> = self.old.own_words(k).collect();
        match fate {
            Fate::Agreed => {
                let new = self.standing(Side::Old, words.iter().copied());
                let (held, _) = held_in(self.cx, Side::Old, self.old_read, &span.inner);
                // Brackets inside an agreed span are compared on their own: nothing is covered.
                let i = self.report(
                    FindingKind::BracketResolved,
                    Some(&span.outer),
                    new.as_ref(),
                    out,
                );
                if held.obligation {
                    out[i].severity = Severity::Low;
                }
            }
            Fate::Dropped if span.placeholder => {
                let new = self.replacement(&span.outer);
                let kind = if new.is_some() {
                    FindingKind::PlaceholderFilled
                } else {
                    FindingKind::BracketDropped(Held::default())
                };
                let i = self.push(kind, Some(&span.outer), new.as_ref(), covered, out);
                let filled_with_number = new.as_ref().is_some_and(|r| {
                    self.new_read
                        .within(r)
                        .any(|h| matches!(h.mark, Mark::Number(role) if role.is_quantity()))
                });
                if filled_with_number {
                    out[i].severity = Severity::Medium;
                }
            }
            Fate::Dropped => {
                let new = self.replacement(&span.outer);
                if self.reference_agreed(&span.inner, new.as_ref()) {
                    // A cross-reference agreed under the number its renumbered target now has.
                    self.push(
                        FindingKind::BracketResolved,
                        Some(&span.outer),
                        new.as_ref(),
                        covered,
                        out,
                    );
                    return true;
                }
                let (held, quantity) = held_in(self.cx, Side::Old, self.old_read, &span.inner);
                let severity = self.dropped(&held, quantity, words.len(), &span.inner);
                let i = self.push(
                    FindingKind::BracketDropped(held),
                    Some(&span.outer),
                    new.as_ref(),
                    covered,
                    out,
                );
                out[i].severity = severity;
            }
            Fate::Silent | Fate::Open(_) | Fate::Absorbed => {}
        }
        fate == Fate::Dropped
    }

    /// Whether bracketed text is only a reference number ("Articles [9] and [11]", read as a
    /// reference, not a quantity) whose place the new text fills with numbers: the cross-reference
    /// was agreed, its number following the renumbering of what it points to.
    fn reference_agreed(&self, inner: &Range<usize>, new: Option<&Range<usize>>) -> bool {
        let Some(new) = new else {
            return false;
        };
        let words = self.old.words_in(inner);
        let only_numbers = words
            .clone()
            .filter(|&t| self.old.tokens[t].is_word)
            .all(|t| {
                let token = &self.old.tokens[t];
                self.old.text[token.start..token.end].starts_with(|c: char| c.is_ascii_digit())
            });
        let mut numbers = self.old_read.within(inner).filter_map(|h| match h.mark {
            Mark::Number(role) => Some(role),
            _ => None,
        });
        let references = numbers
            .next()
            .is_some_and(|first| !first.is_quantity() && numbers.all(|r| !r.is_quantity()));
        only_numbers
            && !words.is_empty()
            && references
            && self
                .new_read
                .within(new)
                .any(|h| matches!(h.mark, Mark::Number(_)))
    }

    /// The severity of old bracketed text (`inner`) dropped from a clause that stays: from what it
    /// held ([`dropped_severity`]), and low when the new version still says it in unbracketed words
    /// ("[to the extent that they serve this Agreement]" beside "that serve this Agreement").
    fn dropped(&self, held: &Held, quantity: bool, words: usize, inner: &Range<usize>) -> Severity {
        let severity = dropped_severity(held, quantity, words);
        let said = self.said.get_or_init(|| Said::of(self.new_read));
        if held.watch_terms.is_empty()
            && said.restates(&self.old.text[inner.clone()], self.old_read.within(inner))
        {
            severity.min(Severity::Low)
        } else {
            severity
        }
    }

    /// A group of alternatives.
    fn group(
        &self,
        g: usize,
        fates: &[Fate],
        done: &mut [bool],
        inside: &mut [bool],
        covered: &mut Covered,
        out: &mut Vec<Finding>,
    ) {
        let spans = &self.old.brackets.spans;
        let members: Vec<usize> = self
            .old
            .brackets
            .alternatives(g)
            .filter(|&k| fates[k] != Fate::Silent)
            .collect();
        let count = |f: fn(&Fate) -> bool| members.iter().filter(|&&k| f(&fates[k])).count();
        let agreed = count(|f| *f == Fate::Agreed);
        let open = count(|f| matches!(f, Fate::Open(_) | Fate::Absorbed));
        let whole = spans[g].outer.start
            ..members
                .last()
                .map_or(spans[g].outer.end, |&k| spans[k].outer.end);
        if members.len() >= 2 && agreed == 1 && open == 0 {
            // The event covers every alternative (and what they hold).
            for &k in &members {
                done[k] = true;
                inside[k] = true;
            }
            let chosen = members
                .iter()
                .copied()
                .find(|&k| fates[k] == Fate::Agreed)
                .unwrap_or(g);
            let new = self.standing(Side::Old, self.old.own_words(chosen));
            let lost: Vec<usize> = members.iter().copied().filter(|&k| k != chosen).collect();
            let numbers_lost = lost.iter().any(|&k| {
                self.old_read
                    .within(&spans[k].inner)
                    .any(|h| matches!(h.mark, Mark::Number(role) if role.is_quantity()))
            });
            let i = self.push(
                FindingKind::AlternativeChosen,
                Some(&whole),
                new.as_ref(),
                covered,
                out,
            );
            if numbers_lost {
                out[i].severity = Severity::Medium;
            }
            self.scale_choice(chosen, &lost, new.as_ref(), out);
            return;
        }
        if agreed == 0 && open == 0 && !members.is_empty() {
            // The event covers every alternative (and what they hold).
            for &k in &members {
                done[k] = true;
                inside[k] = true;
            }
            let inner = spans[g].inner.start..whole.end;
            let (held, quantity) = held_in(self.cx, Side::Old, self.old_read, &inner);
            let words: usize = members.iter().map(|&k| self.old.own_words(k).count()).sum();
            let severity = self.dropped(&held, quantity, words, &inner);
            let new = self.replacement(&whole);
            // "[Advancing][alternative verb]" → "Strengthening": the place kept for other words
            // was filled, the proposal beside it with it.
            if new.is_some() && members.iter().any(|&k| spans[k].placeholder) {
                self.push(
                    FindingKind::PlaceholderFilled,
                    Some(&whole),
                    new.as_ref(),
                    covered,
                    out,
                );
                return;
            }
            let i = self.push(
                FindingKind::BracketDropped(held),
                Some(&whole),
                new.as_ref(),
                covered,
                out,
            );
            out[i].severity = severity;
            return;
        }
        // Some stay open, or several were agreed: each alternative on its own.
        for &k in &members {
            done[k] = true;
            inside[k] = self.single(k, fates[k], covered, out);
        }
    }

    /// The `softened` or `strengthened` finding a choice among phrases of one scale makes: the chosen
    /// phrase against the strongest (or weakest) one that lost.
    fn scale_choice(
        &self,
        chosen: usize,
        lost: &[usize],
        new: Option<&Range<usize>>,
        out: &mut Vec<Finding>,
    ) {
        let spans = &self.old.brackets.spans;
        let lexicon = self.cx.classifier.lexicon();
        let scale_hit = |range: &Range<usize>| {
            self.old_read.within(range).find_map(|h| match h.mark {
                Mark::Scale {
                    scale,
                    level,
                    negated,
                } => Some((scale, level, negated, h.bytes.clone())),
                _ => None,
            })
        };
        let Some((scale, level, negated, _)) = scale_hit(&spans[chosen].inner) else {
            return;
        };
        let others: Vec<(usize, Range<usize>)> = lost
            .iter()
            .filter_map(|&k| scale_hit(&spans[k].inner))
            .filter(|&(s, _, n, _)| s == scale && n == negated)
            .map(|(_, l, _, bytes)| (l, bytes))
            .collect();
        // A lower level is a stronger phrase.
        let stronger = others
            .iter()
            .filter(|(l, _)| *l < level)
            .min_by_key(|(l, _)| *l);
        let weaker = others
            .iter()
            .filter(|(l, _)| *l > level)
            .max_by_key(|(l, _)| *l);
        let the_scale = &lexicon.scales[scale];
        let shift = |from: usize| ScaleShift {
            scale: the_scale.name.clone(),
            old_strength: the_scale.strength(from),
            new_strength: the_scale.strength(level),
            negated,
        };
        let (kind, bytes) = match (stronger, weaker) {
            (Some((l, bytes)), _) => (FindingKind::Softened(shift(*l)), bytes),
            (None, Some((l, bytes))) => (FindingKind::Strengthened(shift(*l)), bytes),
            (None, None) => return,
        };
        let mut f = self.cx.at(kind, Some(bytes), new);
        if let (FindingKind::Softened(_), Some(h)) = (&f.kind, the_scale.high_at_steps)
            && stronger.is_some_and(|(l, _)| level - l >= h)
        {
            f.severity = Severity::High;
        }
        out.push(f);
    }

    /// New spans no old span continues: proposed, reopened, or a new alternative.
    fn new_spans(
        &self,
        fates: &[Fate],
        old_fates: &[Fate],
        covered: &mut Covered,
        out: &mut Vec<Finding>,
    ) {
        let spans = &self.new.brackets.spans;
        // Which new spans continue an old one, and which groups hold such a span: found once.
        let mut continues = vec![false; spans.len()];
        for fate in old_fates {
            if let Fate::Open(s) = *fate {
                continues[s] = true;
            }
        }
        let mut open_group = vec![false; spans.len()];
        for (s, span) in spans.iter().enumerate() {
            if let (Some(g), true) = (span.group, continues[s]) {
                open_group[g] = true;
            }
        }
        let continued = |s: usize| continues[s];
        let mut reported = vec![false; spans.len()];
        for s in 0..spans.len() {
            let span = &spans[s];
            if span.parent.is_some_and(|p| reported[p]) {
                reported[s] = true;
                continue;
            }
            if continued(s) || fates[s] == Fate::Silent || fates[s] == Fate::Absorbed {
                continue;
            }
            // A new alternative beside one that stays open (this span itself continues none).
            let beside_open = span.group.is_some_and(|g| open_group[g]);
            let (kind, old) = match fates[s] {
                // New words in brackets.
                Fate::Dropped if beside_open => (FindingKind::AlternativeAdded, None),
                Fate::Dropped if span.placeholder => (FindingKind::PlaceholderAdded, None),
                Fate::Dropped => (FindingKind::BracketsAdded, None),
                // Old words, agreed before, bracketed now.
                Fate::Agreed => (
                    FindingKind::BracketsAdded,
                    self.standing(Side::New, self.new.own_words(s)),
                ),
                _ => continue,
            };
            reported[s] = true;
            let words = self.new.own_words(s).count();
            let (held, _) = held_in(self.cx, Side::New, self.new_read, &span.inner);
            let i = self.push(kind, old.as_ref(), Some(&span.outer), covered, out);
            if out[i].kind == FindingKind::BracketsAdded
                && old.is_some()
                && (held.obligation || words >= PASSAGE)
            {
                out[i].severity = Severity::Medium;
            }
        }
    }
}

/// `range` without the bracket punctuation at its ends.
fn trim_brackets(s: &str, range: Range<usize>) -> Range<usize> {
    let trimmed_start = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || c == '[' || c == ']')
            .len();
    let trimmed_end = s
        .trim_end_matches(|c: char| c.is_whitespace() || c == '[' || c == ']')
        .len();
    if trimmed_start >= trimmed_end {
        return range;
    }
    range.start + trimmed_start..range.start + trimmed_end
}

/// What a bracketed passage held, and whether it held a quantity.
fn held_in(cx: &Context, side: Side, reading: &Reading, range: &Range<usize>) -> (Held, bool) {
    let found = super::structure::evidence(cx, side, reading.within(range));
    (found.held, found.quantity)
}

/// The severity of bracketed text or an option dropped, from what it held: high for a watch term or
/// an obligation with a figure ("shall provide USD 100 billion"); medium for an obligation, a figure,
/// a name or a passage of its own; low for a few words.
pub(super) fn dropped_severity(held: &Held, quantity: bool, words: usize) -> Severity {
    if !held.watch_terms.is_empty() || (held.obligation && quantity) {
        Severity::High
    } else if held.obligation || quantity || !held.names.is_empty() || words >= PASSAGE {
        Severity::Medium
    } else {
        Severity::Low
    }
}
