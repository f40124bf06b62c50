//! Hostile and odd version pairs: the shapes that break diff tools (one huge paragraph, hundreds of
//! thousands of tiny clauses, identical clauses, a full shuffle, unrelated documents, deep numbering,
//! odd line endings, binary bytes, mixed scripts).
//!
//! One source for two users: the liveness tests (`tests/integration/hostile.rs`) and the benchmark
//! (`bench/compare.sh`, through `cargo run --release --example hostile`). Generation is deterministic:
//! the same case always has the same bytes.

/// A pair of versions and what clausediff should make of it.
pub struct Case {
    /// Short name, also the folder the benchmark writes the pair into.
    pub name: &'static str,
    /// One line for the benchmark table.
    pub description: &'static str,
    /// File extension of both versions (`txt` or `md`), which selects the parser.
    pub extension: &'static str,
    pub old: Vec<u8>,
    pub new: Vec<u8>,
    /// Whether reading the pair must fail with a clear error (exit 2) instead of a report.
    pub rejected: bool,
}

/// The names of every case, in the order the benchmark table lists them.
pub const NAMES: &[&str] = &[
    "paragraph-5mb",
    "one-word-clauses",
    "identical-clauses",
    "shuffled",
    "unrelated-1mb",
    "blank-lines",
    "nested-numbering",
    "nested-markdown",
    "crlf",
    "cr",
    "bom",
    "nul-bytes",
    "mixed-scripts",
    "bracket-soup",
    "bracket-words",
];

/// Generates the case called `name`.
///
/// # Panics
/// On a name not in [`NAMES`].
pub fn generate(name: &str) -> Case {
    match name {
        "paragraph-5mb" => paragraph(),
        "one-word-clauses" => one_word_clauses(),
        "identical-clauses" => identical_clauses(),
        "shuffled" => shuffled(),
        "unrelated-1mb" => unrelated(),
        "blank-lines" => blank_lines(),
        "nested-numbering" => nested_numbering(),
        "nested-markdown" => nested_markdown(),
        "crlf" => line_endings("crlf", "\r\n"),
        "cr" => line_endings("cr", "\r"),
        "bom" => bom(),
        "nul-bytes" => nul_bytes(),
        "mixed-scripts" => mixed_scripts(),
        "bracket-soup" => bracket_soup(),
        "bracket-words" => bracket_words(),
        other => panic!("no hostile case called {other:?}"),
    }
}

/// A small deterministic generator (xorshift64*), so the cases need no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }
}

const WORDS: &[&str] = &[
    "the",
    "parties",
    "shall",
    "cooperate",
    "in",
    "matters",
    "of",
    "mutual",
    "interest",
    "and",
    "will",
    "ensure",
    "security",
    "region",
    "trade",
    "investment",
    "development",
    "zone",
    "committee",
    "agreement",
    "provisions",
    "implementation",
    "measures",
    "national",
    "legislation",
    "dialogue",
    "support",
    "strengthen",
    "international",
    "law",
    "principles",
    "sovereignty",
    "territorial",
    "integrity",
    "economic",
    "financial",
    "energy",
    "transport",
    "infrastructure",
    "consultations",
    "relevant",
    "authorities",
    "promote",
    "exchanges",
    "culture",
    "science",
    "technology",
    "climate",
];

const OTHER_WORDS: &[&str] = &[
    "harvest", "river", "mountain", "lantern", "orchard", "copper", "meadow", "violin", "harbour",
    "glacier", "pepper", "sparrow", "granite", "velvet", "compass", "thunder", "saddle", "marble",
    "cinnamon", "falcon", "willow", "ember", "quartz", "tundra", "juniper", "canyon", "lagoon",
];

/// `count` words separated by spaces, no punctuation.
fn words(rng: &mut Rng, vocabulary: &[&'static str], count: usize) -> Vec<&'static str> {
    (0..count).map(|_| rng.word(vocabulary)).collect()
}

/// A sentence of 12 to 40 words, capitalised and ending with a full stop.
fn sentence(rng: &mut Rng, vocabulary: &[&'static str]) -> String {
    let count = 12 + rng.below(29);
    let mut text = words(rng, vocabulary, count).join(" ");
    text[..1].make_ascii_uppercase();
    text.push('.');
    text
}

/// Numbered paragraphs separated by blank lines, until `bytes` is reached.
fn numbered_paragraphs(rng: &mut Rng, vocabulary: &[&'static str], bytes: usize) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut size = 0;
    while size < bytes {
        let n = paragraphs.len() + 1;
        let sentences = 1 + rng.below(3);
        let body: Vec<String> = (0..sentences).map(|_| sentence(rng, vocabulary)).collect();
        let paragraph = format!("{n}. {}", body.join(" "));
        size += paragraph.len() + 2;
        paragraphs.push(paragraph);
    }
    paragraphs
}

fn join(paragraphs: &[String]) -> Vec<u8> {
    let mut text = paragraphs.join("\n\n");
    text.push('\n');
    text.into_bytes()
}

fn case(name: &'static str, description: &'static str, old: Vec<u8>, new: Vec<u8>) -> Case {
    Case {
        name,
        description,
        extension: "txt",
        old,
        new,
        rejected: false,
    }
}

/// 5 MB of words without punctuation or line breaks; the new version replaces 100 of them.
fn paragraph() -> Case {
    let mut rng = Rng(0x5EED_0001);
    let mut old = Vec::new();
    let mut size = 0;
    while size < 5_000_000 {
        let word = rng.word(WORDS);
        size += word.len() + 1;
        old.push(word);
    }
    let mut new = old.clone();
    let stride = new.len() / 100;
    for k in 0..100 {
        new[k * stride + rng.below(stride)] = rng.word(OTHER_WORDS);
    }
    case(
        "paragraph-5mb",
        "one 5 MB paragraph, no punctuation or line breaks, 100 words replaced",
        (old.join(" ") + "\n").into_bytes(),
        (new.join(" ") + "\n").into_bytes(),
    )
}

/// 200,000 clauses of one word each; the new version drops 100, adds 100 and changes 100.
fn one_word_clauses() -> Case {
    let mut rng = Rng(0x5EED_0002);
    let old: Vec<String> = (0..200_000).map(|_| rng.word(WORDS).to_owned()).collect();
    let mut new = old.clone();
    for _ in 0..100 {
        let at = rng.below(new.len());
        new[at] = rng.word(OTHER_WORDS).to_owned();
        let at = rng.below(new.len());
        new.remove(at);
        let at = rng.below(new.len());
        new.insert(at, rng.word(OTHER_WORDS).to_owned());
    }
    case(
        "one-word-clauses",
        "200,000 one-word clauses; 100 changed, 100 removed, 100 added",
        join(&old),
        join(&new),
    )
}

/// 10,000 copies of one clause; the new version changes a word in one of them.
fn identical_clauses() -> Case {
    let clause = "The Parties shall cooperate closely in matters of mutual interest.";
    let old: Vec<String> = (0..10_000).map(|_| clause.to_owned()).collect();
    let mut new = old.clone();
    new[6_143] = clause.replace("shall", "should");
    case(
        "identical-clauses",
        "10,000 identical clauses, one changed",
        join(&old),
        join(&new),
    )
}

/// About 1 MB of distinct unnumbered paragraphs; the new version has every one of them in a new
/// place.
fn shuffled() -> Case {
    let mut rng = Rng(0x5EED_0004);
    let mut old = Vec::new();
    let mut size = 0;
    while size < 1_000_000 {
        let paragraph = format!(
            "{} {}",
            sentence(&mut rng, WORDS),
            sentence(&mut rng, WORDS)
        );
        size += paragraph.len() + 2;
        old.push(paragraph);
    }
    let mut new = old.clone();
    // Fisher–Yates, then rotate by one so that no paragraph keeps its place.
    for i in (1..new.len()).rev() {
        let j = rng.below(i + 1);
        new.swap(i, j);
    }
    new.rotate_left(1);
    case(
        "shuffled",
        "1 MB of paragraphs, every one moved",
        join(&old),
        join(&new),
    )
}

/// Two 1 MB documents that share no text beyond common words.
fn unrelated() -> Case {
    let old = numbered_paragraphs(&mut Rng(0x5EED_0005), WORDS, 1_000_000);
    let new = numbered_paragraphs(&mut Rng(0x5EED_0006), OTHER_WORDS, 1_000_000);
    case(
        "unrelated-1mb",
        "two unrelated 1 MB documents",
        join(&old),
        join(&new),
    )
}

/// Three clauses with 100,000 blank lines between them; the new version edits the last one.
fn blank_lines() -> Case {
    let blank = "\n".repeat(100_000);
    let old = format!("1. First.\n{blank}2. Second.\n{blank}3. The Parties shall meet.\n");
    let new = format!("1. First.\n{blank}2. Second.\n{blank}3. The Parties may meet.\n");
    case(
        "blank-lines",
        "100,000 blank lines between three clauses, one edited",
        old.into_bytes(),
        new.into_bytes(),
    )
}

/// A clause at every depth of a dotted numbering 1,000 levels deep (`1.`, `1.1.`, … ); the new
/// version edits the deepest clause.
fn nested_numbering() -> Case {
    let mut old = Vec::new();
    let mut label = String::new();
    for depth in 1..=1_000 {
        if depth > 1 {
            label.push('.');
        }
        label.push('1');
        old.push(format!(
            "{label}. The Parties shall consult at level {depth}."
        ));
    }
    let mut new = old.clone();
    if let Some(last) = new.last_mut() {
        *last = last.replace("shall", "may");
    }
    case(
        "nested-numbering",
        "numbering nested 1,000 levels deep, the deepest clause edited",
        join(&old),
        join(&new),
    )
}

/// Markdown lists nested 1,000 levels deep; the new version edits the deepest item.
fn nested_markdown() -> Case {
    let build = |modal: &str| {
        let mut text = String::from("# Nested\n\n");
        for depth in 0..1_000 {
            let indent = "  ".repeat(depth);
            let verb = if depth == 999 { modal } else { "shall" };
            text.push_str(&format!(
                "{indent}- The Parties {verb} consult at level {depth}.\n"
            ));
        }
        text.into_bytes()
    };
    Case {
        extension: "md",
        ..case(
            "nested-markdown",
            "Markdown list nested 1,000 levels deep, the deepest item edited",
            build("shall"),
            build("may"),
        )
    }
}

/// The same 100 KB document with `\n` line endings and with `ending`: no differences.
fn line_endings(name: &'static str, ending: &str) -> Case {
    let old = numbered_paragraphs(&mut Rng(0x5EED_0007), WORDS, 100_000);
    let wrapped: Vec<String> = old.iter().map(|p| wrap(p, 72, ending)).collect();
    let mut new = wrapped.join(&format!("{ending}{ending}"));
    new.push_str(ending);
    let description = if name == "crlf" {
        "100 KB with CRLF line endings and re-wrapped lines against LF: no changes"
    } else {
        "100 KB with CR line endings and re-wrapped lines against LF: no changes"
    };
    case(name, description, join(&old), new.into_bytes())
}

/// Hard-wraps `text` at `width` columns with `ending`.
fn wrap(text: &str, width: usize, ending: &str) -> String {
    let mut out = String::new();
    let mut column = 0;
    for word in text.split(' ') {
        if column > 0 && column + 1 + word.len() > width {
            out.push_str(ending);
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word.len();
    }
    out
}

/// The same document with and without a UTF-8 byte order mark: no differences.
fn bom() -> Case {
    let old = join(&numbered_paragraphs(&mut Rng(0x5EED_0008), WORDS, 10_000));
    let mut new = vec![0xEF, 0xBB, 0xBF];
    new.extend_from_slice(&old);
    case("bom", "a UTF-8 byte order mark added: no changes", old, new)
}

/// A new version with NUL bytes in it: refused as binary.
fn nul_bytes() -> Case {
    let old = b"1. The Parties shall cooperate.\n".to_vec();
    let new = b"1. The Parties shall\0cooperate.\0\0\n".to_vec();
    Case {
        rejected: true,
        ..case(
            "nul-bytes",
            "NUL bytes in a version: refused, exit 2",
            old,
            new,
        )
    }
}

/// Right-to-left scripts, combining marks, emoji sequences and CJK in one clause, edited.
fn mixed_scripts() -> Case {
    let clause = |modal: &str| {
        format!(
            "1. The Parties {modal} respect الاتفاقية الدولية and הסכם השלום, the Vie\u{0302}\u{0323}t \
             text, 👩🏽\u{200D}⚖️ 🇯🇵 🏳️\u{200D}🌈 and 中华人民共和国 和 日本国 shall meet in 東京.\n\n\
             2. Zalgo: Z\u{0351}\u{036B}\u{0343}a\u{0346}\u{0310}l\u{0352}g\u{0336}o, \u{202E}reversed\u{202C} \
             and \u{FEFF}zero width.\n"
        )
        .into_bytes()
    };
    case(
        "mixed-scripts",
        "Arabic, Hebrew, combining marks, emoji, CJK and bidi controls in one clause, edited",
        clause("shall"),
        clause("should"),
    )
}

/// A hundred thousand brackets that never close, nested in one clause, against 50,000 link-like
/// `[a](` and `(AB)` without a closing parenthesis: the shapes that make a bracket or acronym
/// reader quadratic when it looks for a closing mark from every opening one.
fn bracket_soup() -> Case {
    let mut old = b"1. Parties shall ".to_vec();
    old.extend(std::iter::repeat_n(b'[', 100_000));
    old.extend_from_slice(b" act.\n\n2. The CMA ");
    old.extend(std::iter::repeat_n(b"(AB)".as_slice(), 50_000).flatten());
    old.extend_from_slice(b" decides.\n");
    let mut new = b"1. Parties shall ".to_vec();
    new.extend(std::iter::repeat_n(b"[a](".as_slice(), 50_000).flatten());
    new.extend_from_slice(b" act.\n\n2. The CMA ");
    new.extend(std::iter::repeat_n(b"(AB".as_slice(), 50_000).flatten());
    new.extend_from_slice(b" decides.\n");
    case(
        "bracket-soup",
        "100,000 unclosed brackets in one clause; 50,000 unclosed links and acronyms",
        old,
        new,
    )
}

/// One clause of 20,000 bracketed pairs whose words the new version keeps unbracketed in the other
/// order: every span's words are looked for again among the words the diff paired with nothing.
fn bracket_words() -> Case {
    let mut old = String::from("1. Parties ");
    let mut new = String::from("1. Parties ");
    for i in 0..20_000 {
        let n = i % 7;
        old.push_str(&format!("[alpha{n} beta] gamma "));
        new.push_str(&format!("beta alpha{n} gamma "));
    }
    old.push_str("act.\n");
    new.push_str("act.\n");
    case(
        "bracket-words",
        "one clause of 20,000 bracketed pairs, unbracketed and reordered in the new version",
        old.into_bytes(),
        new.into_bytes(),
    )
}
