//! Negotiation brackets: the text of a draft that is not yet agreed.
//!
//! In a negotiating text `[fully]` marks words not agreed, `[shall][should]` offers alternatives,
//! brackets nest, "Option 1: … Option 2: …" offers whole paragraphs, and `[X]` or
//! `[Placeholder for …]` keeps a place for text not yet written. This module finds that structure
//! in each clause's text; [`crate::classify`] compares it between drafts.
//!
//! Brackets that are not negotiation brackets stay text: Markdown links (`[text](url)`), footnote
//! markers and citations (`…text.[1]`, `[^2]`), editorial insertions (`[sic]`, `[emphasis added]`,
//! `[T]he`), law-report years (`[2019] UKSC 41`) and check boxes (`[ ]`, `[x]`).
//!
//! A bracket may open in one clause and close several clauses later: whole paragraphs are proposed
//! in brackets. The clauses between are wholly bracketed. A bracket still open at the next heading,
//! or after [`MAX_CARRY`] clauses, was never closed: it ends with its clause and a [`Note`] says so.
//! A `]` with nothing open is a note too. Parsing never fails.

use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{Clause, ClauseKind};

/// The longest bracketed text read as a placeholder ("[Placeholder for the provisions on …]").
const PLACEHOLDER_BYTES: usize = 200;

/// How many clauses a bracket may stay open across before it is taken for a typo.
pub const MAX_CARRY: usize = 24;

/// Words from which space-separated brackets (`[a] [b]`) are separate proposals rather than
/// alternatives; `[a][b]` and `[a]/[b]` are always alternatives.
const SHORT_ALTERNATIVE: usize = 4;

/// The negotiation structure of one clause.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Brackets {
    /// The bracketed spans, in order of their opening bracket (a parent before the spans it holds).
    pub spans: Vec<Span>,
    /// The options the clause offers: a label (`Option 1:`, `Option (a) –`, `Alt. 2`) at its start or
    /// at the start of one of its source lines, each running to the next label or the clause's end.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionLabel>,
    /// The option this clause belongs to, when it continues an option whose label stood alone
    /// ("**Option 1:**" and then its paragraphs): the label's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_option: Option<String>,
    /// Brackets that do not balance.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// One bracketed span of a clause's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Bytes of the span in the clause's text, brackets included. A span that opened in an earlier
    /// clause starts at 0; one that closes in a later clause ends at the end of the text.
    pub outer: Range<usize>,
    /// Bytes of the bracketed words, brackets excluded.
    pub inner: Range<usize>,
    /// 1 for an outermost span, 2 for one inside it, …
    pub depth: usize,
    /// The index of the span that holds this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<usize>,
    /// The index of the first span of the alternatives (`[a][b]`) this span is one of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<usize>,
    /// A place kept for text not yet written: `[X]`, `[…]`, `[Placeholder for …]`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub placeholder: bool,
    /// Opened in an earlier clause.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub continued: bool,
    /// Closes in a later clause (or never: see the clause's notes).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub open_ended: bool,
}

/// The label of an option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OptionLabel {
    /// Bytes of the label in the clause's text, with its punctuation (`Option 1:`).
    pub bytes: Range<usize>,
    /// Bytes of the option, label included: up to the next option's label or the end of the text.
    pub body: Range<usize>,
    /// The label's name (`1`, `(a)`, `A`), empty for a bare `Alt.`.
    pub name: String,
    /// Whether the label is all the clause says: its paragraphs follow as clauses of their own.
    pub alone: bool,
    /// Whether the option is to say nothing ("Option 3: No text", "Option II: [No further
    /// requirement needed]"): taken, its question leaves the text.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_text: bool,
}

/// A bracket that does not balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Byte offset of the bracket in the clause's text.
    pub at: usize,
    /// What is wrong.
    pub problem: &'static str,
}

/// A `]` with nothing open.
pub const STRAY_CLOSE: &str = "a closing bracket with no opening bracket";
/// A `[` never closed.
pub const NEVER_CLOSED: &str = "an opening bracket never closed";

impl Brackets {
    /// The brackets of a text read on its own: nothing carried in from text before it, options
    /// only at its start.
    pub fn of_text(text: &str) -> Brackets {
        let (mut brackets, _) = parse(text, 0);
        brackets.options = options(text, &[]);
        brackets
    }

    /// Whether the clause holds any negotiation structure.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty() && self.options.is_empty() && self.in_option.is_none()
    }

    /// Whether the clause (its `text`) is an option to say nothing: it opens with such an option, or
    /// it is the paragraph of an option label standing alone and says nothing itself
    /// ("[No further requirement needed]").
    pub fn says_nothing(&self, text: &str) -> bool {
        match self.options.first() {
            Some(o) if o.bytes.start == 0 => o.no_text,
            _ => self.in_option.is_some() && says_nothing(text),
        }
    }

    /// Whether the clause's words are all bracketed: one span runs over the whole text.
    pub fn whole(&self, text: &str) -> bool {
        let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || ".;,".contains(c));
        let words_start = text.len() - text.trim_start().len();
        self.spans
            .iter()
            .any(|s| s.depth == 1 && s.outer.start <= words_start && s.outer.end >= trimmed.len())
    }

    /// Spans that are still open questions: every span (nested ones too).
    pub fn count(&self) -> usize {
        self.spans.len()
    }

    /// The alternatives of a group, by span index.
    /// They are siblings from `group` on, with their own nested spans between them, so the walk stops
    /// at the first sibling (or the end of their parent) past the group.
    pub fn alternatives(&self, group: usize) -> impl Iterator<Item = usize> + '_ {
        let depth = self.spans[group].depth;
        self.spans[group..]
            .iter()
            .enumerate()
            .take_while(move |(_, s)| s.depth > depth || s.group == Some(group))
            .filter(move |(_, s)| s.group == Some(group))
            .map(move |(i, _)| group + i)
    }
}

/// Counts of a draft's negotiation structure, as reports show them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Bracketed spans (nested ones too; alternatives count one each). A span that runs over several
    /// clauses counts once.
    pub brackets: usize,
    /// Option labels.
    pub options: usize,
}

/// Counts the negotiation structure of a draft's clauses.
pub fn counts(clauses: &[Clause]) -> Counts {
    let mut counts = Counts::default();
    for clause in clauses {
        let b = &clause.brackets;
        counts.brackets += b.spans.iter().filter(|s| !s.continued).count();
        counts.options += b.options.len();
    }
    counts
}

/// Words kept apart from negotiation brackets, from `brackets.toml`.
#[derive(Debug, Deserialize)]
struct Words {
    editorial: Vec<String>,
    placeholders: Vec<String>,
    placeholder_openings: Vec<String>,
    option_words: Vec<String>,
    no_text: Vec<String>,
    points_ahead: Vec<String>,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        toml::from_str(include_str!("brackets.toml"))
            .expect("brackets.toml is valid (a unit test reads it)")
    })
}

/// Reads the brackets of every clause, carrying a bracket left open from clause to clause when it
/// closes in a later one. A first pass follows every bracket through the draft to learn which close:
/// one still open at the next heading, after [`MAX_CARRY`] clauses or at the end was never closed,
/// and ends with its own clause (noted there) instead of bracketing the clauses after it.
pub(super) fn mark(clauses: &mut [Clause]) {
    // Pass 1: each opening bracket's clause and offset, and whether a `]` closes it.
    struct Origin {
        clause: usize,
        at: usize,
        closes: bool,
    }
    // Each clause's brackets, found once for both passes (an empty list allocates nothing).
    let found: Vec<Vec<(usize, bool)>> = clauses.iter().map(|c| events(&c.text)).collect();
    let mut origins: Vec<Origin> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let reset = |stack: &Vec<usize>, origins: &Vec<Origin>, i: usize, clause: &Clause| {
        clause.kind == ClauseKind::Heading
            || stack
                .first()
                .is_some_and(|&o| i - origins[o].clause > MAX_CARRY)
    };
    for (i, clause) in clauses.iter().enumerate() {
        if reset(&stack, &origins, i, clause) {
            stack.clear();
        }
        for &(at, open) in &found[i] {
            if open {
                origins.push(Origin {
                    clause: i,
                    at,
                    closes: false,
                });
                stack.push(origins.len() - 1);
            } else if let Some(o) = stack.pop() {
                origins[o].closes = true;
            }
        }
    }
    // Pass 2: parse each clause with the brackets that reach it from earlier clauses and close.
    let mut never: Vec<Vec<usize>> = vec![Vec::new(); clauses.len()];
    for o in origins.iter().filter(|o| !o.closes) {
        never[o.clause].push(o.at);
    }
    let mut next_origin = 0;
    stack.clear();
    let mut option_alone: Option<String> = None;
    for i in 0..clauses.len() {
        // Whether paragraphs of their own follow: the next clause is no heading and opens with no
        // option label (a label with a caption then introduces them).
        let paragraphs_follow = clauses.get(i + 1).is_some_and(|next| {
            next.kind != ClauseKind::Heading && option_label(&next.text).is_none()
        });
        let clause = &mut clauses[i];
        if reset(&stack, &origins, i, clause) {
            stack.clear();
        }
        if clause.kind == ClauseKind::Heading {
            option_alone = None;
        }
        let carry = stack.iter().filter(|&&o| origins[o].closes).count();
        // Replay this clause's brackets on the stack, as pass 1 did.
        for &(_, open) in &found[i] {
            if open {
                stack.push(next_origin);
                next_origin += 1;
            } else {
                stack.pop();
            }
        }
        let text = &clause.text;
        let mut options = options(text, &clause.marks);
        if let Some(last) = options.last_mut()
            && paragraphs_follow
            && is_caption(&text[last.bytes.end..last.body.end])
        {
            last.alone = true;
        }
        if found[i].is_empty() && carry == 0 && options.is_empty() && option_alone.is_none() {
            continue;
        }
        let (mut brackets, _) = spans(text, carry, &found[i]);
        for &at in &never[i] {
            brackets.notes.push(Note {
                at,
                problem: NEVER_CLOSED,
            });
        }
        brackets.notes.sort_by_key(|n| n.at);
        match options.last() {
            Some(label) if label.alone => {
                option_alone = Some(text[label.bytes.clone()].to_string())
            }
            Some(_) => option_alone = None,
            None => brackets.in_option.clone_from(&option_alone),
        }
        brackets.options = options;
        clause.brackets = brackets;
    }
}

/// The negotiation brackets of a text in order: `(offset, true)` for each `[`, `(offset, false)`
/// for each `]`, brackets that are not negotiation brackets left out.
fn events(text: &str) -> Vec<(usize, bool)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = memchr::memchr2(b'[', b']', &bytes[at..]) {
        let i = at + found;
        at = i + 1;
        if bytes[i] == b'[' {
            if let Some(end) = not_negotiation(text, i) {
                at = end;
                continue;
            }
            out.push((i, true));
        } else {
            out.push((i, false));
        }
    }
    out
}

/// Parses one text's brackets, `carry` of them opened before it. Returns the structure and how many
/// brackets are still open at its end.
pub fn parse(text: &str, carry: usize) -> (Brackets, usize) {
    spans(text, carry, &events(text))
}

/// [`parse`] from the text's [`events`].
fn spans(text: &str, carry: usize, events: &[(usize, bool)]) -> (Brackets, usize) {
    let mut out = Brackets::default();
    // Indices into out.spans of the spans open at this point, outermost first.
    let mut open: Vec<usize> = Vec::new();
    for _ in 0..carry {
        let depth = open.len() + 1;
        out.spans.push(Span {
            outer: 0..text.len(),
            inner: 0..text.len(),
            depth,
            parent: open.last().copied(),
            group: None,
            placeholder: false,
            continued: true,
            open_ended: true,
        });
        open.push(out.spans.len() - 1);
    }
    for &(i, opening) in events {
        if opening {
            out.spans.push(Span {
                outer: i..text.len(),
                inner: i + 1..text.len(),
                depth: open.len() + 1,
                parent: open.last().copied(),
                group: None,
                placeholder: false,
                continued: false,
                open_ended: true,
            });
            open.push(out.spans.len() - 1);
        } else if let Some(k) = open.pop() {
            let span = &mut out.spans[k];
            span.outer.end = i + 1;
            span.inner.end = i;
            span.open_ended = false;
        } else {
            out.notes.push(Note {
                at: i,
                problem: STRAY_CLOSE,
            });
        }
    }
    let left_open = open.len();
    for span in &mut out.spans {
        let inner = &text[span.inner.clone()];
        span.placeholder = !span.open_ended
            && !span.continued
            && inner.len() <= PLACEHOLDER_BYTES
            && !inner.contains('[')
            && is_placeholder(inner);
    }
    group_alternatives(text, &mut out.spans);
    (out, left_open)
}

/// Marks adjacent spans with the same parent as alternatives: `[a][b]` and `[a]/[b]` first, then
/// `[a] [b]` between short spans that are not alternatives of others already (`[shall][should]
/// [have in place][identify]` is two choices, not one of four).
fn group_alternatives(text: &str, spans: &mut [Span]) {
    // Counted no further than the bound, so nested spans are not read once per level.
    let words = |s: &Span| {
        text[s.inner.clone()]
            .split_whitespace()
            .take(SHORT_ALTERNATIVE + 1)
            .count()
    };
    // The previous sibling of each span: the last earlier span with the same parent and depth, found
    // with the last span seen at each (parent, depth).
    let mut last: rustc_hash::FxHashMap<(Option<usize>, usize), usize> = Default::default();
    let previous: Vec<Option<usize>> = spans
        .iter()
        .enumerate()
        .map(|(k, s)| last.insert((s.parent, s.depth), k))
        .collect();
    // Groups made by tight adjacency, by their first span.
    let mut tight_group = vec![false; spans.len()];
    for tight in [true, false] {
        for k in 1..spans.len() {
            let Some(prev) = previous[k] else {
                continue;
            };
            let (a, b) = (&spans[prev], &spans[k]);
            if a.open_ended || b.continued || a.outer.end > b.outer.start {
                continue;
            }
            let between = &text[a.outer.end..b.outer.start];
            let adjacent = match between.trim() {
                "/" | "|" => tight,
                "" if between.is_empty() => tight,
                "" => {
                    !tight
                        && b.group.is_none()
                        && a.group.is_none_or(|g| !tight_group[g])
                        && words(a) <= SHORT_ALTERNATIVE
                        && words(b) <= SHORT_ALTERNATIVE
                }
                _ => false,
            };
            if adjacent {
                let group = spans[prev].group.unwrap_or(prev);
                spans[prev].group = Some(group);
                spans[k].group = Some(group);
                tight_group[group] |= tight;
            }
        }
    }
}

/// When the `[` at `i` opens no negotiation bracket, the byte just past what it opens.
fn not_negotiation(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i + 1..];
    // Only a bracket with no other bracket inside can be anything but a negotiation bracket; looking
    // no further than the next bracket keeps the scan linear however the brackets fall.
    let close = memchr::memchr2(b'[', b']', rest.as_bytes())?;
    if rest.as_bytes()[close] == b'[' {
        return None;
    }
    let inner = &rest[..close];
    let end = i + 1 + close + 1;
    let after = &text[end..];
    let before = text[..i].chars().next_back();
    // A Markdown link or image, `[text](url)` (left by a text draft; a Markdown draft has its links
    // read already). A URL has no spaces or brackets, so the search for its `)` stops at the first.
    if let Some(url) = after.strip_prefix('(') {
        let stop = url.find(|c: char| "()[]".contains(c) || c.is_whitespace());
        if stop.is_some_and(|e| e > 0 && url[e..].starts_with(')')) {
            return Some(end);
        }
    }
    let trimmed = inner.trim();
    // Check boxes and empty brackets.
    if trimmed.is_empty() || (inner.len() == 1 && "xX".contains(inner)) && i == 0 {
        return Some(end);
    }
    // Footnote markers: `[^2]`, and numbers attached to the word before them (`text.[1]`) or at the
    // start of a footnote's own text.
    if trimmed.starts_with('^') {
        return Some(end);
    }
    let numeric = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || ", -–".contains(c))
        && trimmed.starts_with(|c: char| c.is_ascii_digit());
    let attached = before.is_some_and(|c| c.is_alphanumeric() || ".,;:)\"'”’".contains(c));
    if numeric && (i == 0 || attached) {
        return Some(end);
    }
    // A law report's year: `[2019] UKSC 41`, `[1990] 1 AC 109`.
    if trimmed.len() == 4
        && trimmed.chars().all(|c| c.is_ascii_digit())
        && after.strip_prefix(' ').is_some_and(|a| {
            let word: String = a.chars().take_while(|c| !c.is_whitespace()).collect();
            word.chars().all(|c| c.is_ascii_digit())
                || (word.len() >= 2 && word.chars().all(|c| c.is_ascii_uppercase()))
        })
    {
        return Some(end);
    }
    // An editor's letter in a quotation, `[T]he`, after a space or at the start.
    if inner.chars().count() == 1
        && inner.chars().all(char::is_alphabetic)
        && after.starts_with(char::is_alphabetic)
        && before.is_none_or(|c| c.is_whitespace() || "\"'“‘(".contains(c))
    {
        return Some(end);
    }
    let lower = trimmed.trim_end_matches(['!', '.']).to_lowercase();
    if words().editorial.contains(&lower) {
        return Some(end);
    }
    None
}

/// Whether bracketed words keep a place for text not yet written.
fn is_placeholder(inner: &str) -> bool {
    let lower = inner.trim().to_lowercase();
    let w = words();
    w.placeholders.contains(&lower)
        || w.placeholder_openings
            .iter()
            .any(|p| lower.starts_with(p.as_str()))
}

/// The most words of a caption that names an option whose paragraphs follow it.
const CAPTION_WORDS: usize = 10;

/// Whether an option's words (its label aside) are a caption rather than a provision: a few words on
/// one line with no sentence punctuation and no brackets ("Option 1: *communication to 5 year time
/// period*"). Followed by paragraphs of their own, those are the option.
fn is_caption(option: &str) -> bool {
    let said = option.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    let words = said.split_whitespace().count();
    (1..=CAPTION_WORDS).contains(&words)
        && !said.contains(['[', ']', '.', ';', ':', '!', '?'])
        && said.chars().any(char::is_alphabetic)
}

/// Longest option that can be one to say nothing, in words.
const NO_TEXT_WORDS: usize = 8;

/// The most words of an option that only points at the paragraphs after it ("The following text to
/// be included as Article 5 (Loss and Damage)").
const POINTER_WORDS: usize = 14;

/// Whether an option's words (its label aside) say that there be no text: a short option opening
/// with one of `brackets.toml`'s `no_text` phrases, brackets and emphasis aside.
fn says_nothing(option: &str) -> bool {
    opens_with(option, &words().no_text, NO_TEXT_WORDS)
}

/// Whether an option's words (its label aside) only point at the paragraphs that follow it, which
/// are the option ("(paragraphs 1 to 4)", "The following text to be included as Article 5 (Loss and
/// Damage)"): a short option opening with one of `brackets.toml`'s `points_ahead` phrases.
fn points_ahead(option: &str) -> bool {
    opens_with(option, &words().points_ahead, POINTER_WORDS)
}

/// Whether at most `most` words open with one of `phrases`, brackets and emphasis aside.
fn opens_with(option: &str, phrases: &[String], most: usize) -> bool {
    let plain: String = option
        .chars()
        .map(|c| if "[]*_()".contains(c) { ' ' } else { c })
        .collect::<String>()
        .to_lowercase();
    let said: Vec<&str> = plain.split_whitespace().collect();
    if said.is_empty() || said.len() > most {
        return false;
    }
    let plain = said.join(" ");
    phrases.iter().any(|p| {
        plain
            .strip_prefix(p.as_str())
            .is_some_and(|rest| rest.is_empty() || !rest.starts_with(char::is_alphanumeric))
    })
}

/// The options of a clause: labels at the start of its text or of one of its source lines (`marks`:
/// byte offsets where the text continues on a new line).
pub fn options(text: &str, marks: &[(u32, u32)]) -> Vec<OptionLabel> {
    let mut labels: Vec<OptionLabel> = std::iter::once(0)
        .chain(marks.iter().map(|&(at, _)| at as usize))
        .filter(|&at| at < text.len() && text.is_char_boundary(at))
        .filter_map(|at| {
            option_label(&text[at..]).map(|mut l| {
                l.bytes = l.bytes.start + at..l.bytes.end + at;
                l
            })
        })
        .collect();
    labels.dedup_by_key(|l| l.bytes.start);
    for k in 0..labels.len() {
        let end = labels
            .get(k + 1)
            .map_or(text.len(), |next| next.bytes.start);
        labels[k].body = labels[k].bytes.start..end;
        let tail = &text[labels[k].bytes.end..end];
        labels[k].alone = tail
            .trim_matches(|c: char| c.is_whitespace() || c == '*')
            .is_empty()
            || points_ahead(tail);
        labels[k].no_text = says_nothing(tail);
    }
    labels
}

/// The option label a text opens with.
pub fn option_label(text: &str) -> Option<OptionLabel> {
    let lead = text.len() - text.trim_start_matches([' ', '[', '*']).len();
    let rest = &text[lead..];
    let word_end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    let known = words()
        .option_words
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word));
    if !known {
        return None;
    }
    let mut at = word_end;
    // `Alt.` abbreviates.
    if rest[at..].starts_with('.') {
        at += 1;
    }
    let spaces = rest[at..].len() - rest[at..].trim_start_matches(' ').len();
    let name_start = at + spaces;
    let name_len = option_name(&rest[name_start..]);
    let abbreviated = rest[..at].ends_with('.');
    if name_len == 0 && !abbreviated {
        return None;
    }
    let name = rest[name_start..name_start + name_len].to_string();
    let mut end = if name_len == 0 {
        at
    } else {
        name_start + name_len
    };
    // The label's punctuation: `:`, `.`, a dash, with the spaces around it.
    let after = &rest[end..];
    let trimmed = after.trim_start_matches([' ', '*']);
    let punct = trimmed.chars().next().filter(|c| ":.–—-".contains(*c));
    match punct {
        Some(c) => end += after.len() - trimmed.len() + c.len_utf8(),
        None if name_len == 0 => {}
        // "Option 1 Developed countries …" is no label: a label is punctuated or stands alone.
        None if !trimmed.trim().is_empty() => return None,
        None => {}
    }
    let tail = rest[end..].trim_start_matches([' ', '*']);
    Some(OptionLabel {
        bytes: lead..lead + end,
        body: lead..text.len(),
        name,
        alone: tail.trim().is_empty() || points_ahead(tail),
        no_text: says_nothing(tail),
    })
}

/// Length of an option's name at the start of `s`: `1`, `2bis`, `A`, `(a)`, `IV`.
fn option_name(s: &str) -> usize {
    if let Some(inner) = s.strip_prefix('(') {
        let close = inner.find(')').filter(|&e| e > 0 && e <= 4);
        return close.map_or(0, |e| e + 2);
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let suffix = s[digits..]
            .chars()
            .take_while(char::is_ascii_lowercase)
            .count();
        return digits + if suffix <= 4 { suffix } else { 0 };
    }
    let letters = s.chars().take_while(char::is_ascii_alphabetic).count();
    let word = &s[..letters];
    let roman = word.chars().all(|c| "IVX".contains(c));
    if letters == 1 || (roman && letters <= 4) {
        letters
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, usize, Option<usize>, bool)> {
        parse(text, 0)
            .0
            .spans
            .iter()
            .map(|s| {
                (
                    text[s.outer.clone()].to_string(),
                    s.depth,
                    s.group,
                    s.placeholder,
                )
            })
            .collect()
    }

    #[test]
    fn the_word_lists_parse() {
        assert!(!words().editorial.is_empty());
    }

    #[test]
    fn nested_spans_and_alternatives() {
        let got = spans("Parties [shall][should] take [full [and effective]] action");
        assert_eq!(
            got,
            [
                ("[shall]".into(), 1, Some(0), false),
                ("[should]".into(), 1, Some(0), false),
                ("[full [and effective]]".into(), 1, None, false),
                ("[and effective]".into(), 2, None, false),
            ]
        );
        let chained = spans("[shall][should] [have in place][identify] [pursue] [implement]");
        let groups: Vec<Option<usize>> = chained.iter().map(|s| s.2).collect();
        assert_eq!(
            groups,
            [Some(0), Some(0), Some(2), Some(2), Some(4), Some(4)]
        );
        let slash = spans("[urges]/[invites] and [a] [b] but [one two three four five] [six]");
        assert_eq!(slash[0].2, Some(0));
        assert_eq!(slash[1].2, Some(0));
        assert_eq!(slash[2].2, Some(2));
        assert_eq!(slash[3].2, Some(2));
        assert_eq!(
            slash[4].2, None,
            "long space-separated brackets are separate proposals"
        );
    }

    #[test]
    fn placeholders() {
        let got = spans("no later than its [X] session, [Placeholder for finance], […] and [...]");
        assert!(got.iter().all(|s| s.3), "{got:?}");
        assert!(!spans("[fully]")[0].3);
    }

    #[test]
    fn brackets_that_are_not_negotiation() {
        for text in [
            "see [the report](https://example.org/r) and [sic] the text [emphasis added]",
            "as held.[1] And again,[12] in [2019] UKSC 41; [T]he court",
            "a footnote[^2] and [ ] a box",
        ] {
            assert_eq!(spans(text), [], "{text}");
        }
        // A number after a word and a space is a bracketed number: "paragraph [14]".
        assert_eq!(spans("paragraph [14] above")[0].0, "[14]");
        // Alternatives of numbers are bracketed: "[2023][2024]".
        assert_eq!(spans("in [2023][2024] and").len(), 2);
        // A letter inside a word is bracketed: "Part[y]".
        assert_eq!(spans("Part[y] [ies]").len(), 2);
    }

    #[test]
    fn unbalanced_brackets_are_noted_not_fatal() {
        let (b, open) = parse("a ] b [c", 0);
        assert_eq!(open, 1);
        assert_eq!(b.notes[0].problem, STRAY_CLOSE);
        assert!(b.spans[0].open_ended);
        let (b, open) = parse("continued words] and more", 1);
        assert_eq!(open, 0);
        assert_eq!(b.spans[0].outer, 0..16);
        assert!(b.spans[0].continued);
    }

    #[test]
    fn option_labels() {
        let label =
            |t: &str| option_label(t).map(|l| (t[l.bytes.clone()].to_string(), l.name, l.alone));
        assert_eq!(
            label("Option 1:"),
            Some(("Option 1:".into(), "1".into(), true))
        );
        assert_eq!(
            label("Option (a): Each Party shall"),
            Some(("Option (a):".into(), "(a)".into(), false))
        );
        assert_eq!(
            label("Option 2 – Developed"),
            Some(("Option 2 –".into(), "2".into(), false))
        );
        assert_eq!(
            label("Alt. Parties may"),
            Some(("Alt.".into(), "".into(), false))
        );
        assert!(!label("Option 2: No text").unwrap().2);
        assert_eq!(label("Options for finance are"), None);
        assert_eq!(label("Option 1 Developed countries"), None);
        assert_eq!(label("Optional protocols"), None);
    }

    #[test]
    fn captions_of_options() {
        assert!(is_caption(" *communication to 5 year time period*"));
        assert!(is_caption(
            " communication before the end of the period of implementation"
        ));
        // A provision, a bracketed proposal, or a long text is the option itself.
        assert!(!is_caption(
            " Each Party shall communicate every five years."
        ));
        assert!(!is_caption(" [In tracking progress towards achieving"));
        assert!(!is_caption(
            " Developed country Parties and other Parties in a position to do so should provide support"
        ));
        assert!(!is_caption(" "));
    }

    #[test]
    fn options_that_say_nothing() {
        let nothing = |t: &str| option_label(t).is_some_and(|l| l.no_text);
        assert!(nothing("Option 3: No text on consequences"));
        assert!(nothing("**Option 5**: No text in agreement"));
        assert!(nothing("Option II: [No further requirement needed]"));
        assert!(!nothing("Option 1: No Party shall be required to do so"));
        assert!(!nothing(
            "Option 2: No text of this Agreement shall prevent Parties from taking measures under national law"
        ));
        assert!(!nothing("Option 2: Nothingness prevails"));
        // The paragraph of a label standing alone says it.
        let b = Brackets {
            in_option: Some("Option II:".into()),
            ..Brackets::default()
        };
        assert!(b.says_nothing("[No further requirement needed]"));
        assert!(!Brackets::default().says_nothing("[No further requirement needed]"));
    }

    proptest::proptest! {
        /// Any text of brackets, words, labels and line breaks reads into spans inside it that nest
        /// properly, never more spans than opening brackets (the fuzz target checks the same).
        #[test]
        fn spans_nest_inside_their_text(text in "([\\[\\]/ ]|ab|X|…|Option 1: |\n|\\[sic\\]|\\(u\\)){0,40}") {
            let b = Brackets::of_text(&text);
            let own = b.spans.iter().filter(|s| !s.continued).count();
            proptest::prop_assert!(own <= text.matches('[').count());
            for (k, s) in b.spans.iter().enumerate() {
                proptest::prop_assert!(s.outer.start <= s.inner.start && s.inner.end <= s.outer.end);
                proptest::prop_assert!(s.outer.end <= text.len());
                proptest::prop_assert_eq!(s.parent.is_none(), s.depth == 1);
                if let Some(p) = s.parent {
                    proptest::prop_assert!(p < k);
                    proptest::prop_assert!(s.outer.end <= b.spans[p].inner.end);
                }
                if let Some(g) = s.group {
                    proptest::prop_assert!(g <= k && b.spans[g].parent == s.parent);
                }
            }
        }
    }
}
