//! Criterion benchmarks of each pipeline stage — parse, align, diff, classify, render — and of the
//! whole comparison, on generated version pairs of realistic prose.
//!
//! ```sh
//! python3 bench/make_pairs.py --out target/bench-pairs --sizes 100k,1m   # once
//! cargo bench --bench stages
//! ```
//!
//! Pairs are read from `target/bench-pairs/<size>/v1.txt` and `v2.txt` (`CLAUSEDIFF_BENCH_PAIRS`
//! names another folder). Where none have been generated, the benchmarks run on the Paris
//! Agreement drafts shipped in `fixtures/`, so `cargo bench` always has something to measure.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

use clausediff::classify::Classifier;
use clausediff::diff::DiffOptions;
use clausediff::report::{self, Format, RenderOptions};
use clausediff::text::tokenize;
use clausediff::{Draft, InputFormat, Options, align, compare, diff};

// The allocator the binary uses, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A version pair to measure.
struct Pair {
    name: String,
    old: String,
    new: String,
    format: InputFormat,
}

fn pairs() -> Vec<Pair> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folder = std::env::var_os("CLAUSEDIFF_BENCH_PAIRS")
        .map_or_else(|| root.join("target/bench-pairs"), PathBuf::from);
    let mut pairs: Vec<Pair> = ["100k", "1m"]
        .iter()
        .filter_map(|size| {
            let read = |v: &str| std::fs::read_to_string(folder.join(size).join(v)).ok();
            Some(Pair {
                name: (*size).to_owned(),
                old: read("v1.txt")?,
                new: read("v2.txt")?,
                format: InputFormat::Text,
            })
        })
        .collect();
    if pairs.is_empty() {
        let read = |name: &str| {
            std::fs::read_to_string(root.join("fixtures/paris-agreement").join(name))
                .expect("the Paris Agreement fixtures are in the repository")
        };
        pairs.push(Pair {
            name: "paris-agreement".to_owned(),
            old: read("03-2015-12-09-draft-agreement.md"),
            new: read("04-2015-12-12-paris-agreement-L9-Rev1.md"),
            format: InputFormat::Markdown,
        });
    }
    pairs
}

fn stages(c: &mut Criterion) {
    let classifier = Classifier::default();
    for pair in pairs() {
        let mut group = c.benchmark_group(&pair.name);
        group.sample_size(20);
        group.throughput(Throughput::Bytes((pair.old.len() + pair.new.len()) as u64));
        let parse = |label: &str, text: &str| Draft::parse(label, label, text, pair.format);
        let (old, new) = (parse("old", &pair.old), parse("new", &pair.new));

        group.bench_function("parse", |b| {
            b.iter(|| {
                (
                    parse("old", black_box(&pair.old)),
                    parse("new", black_box(&pair.new)),
                )
            });
        });
        group.bench_function("tokenize", |b| {
            b.iter(|| {
                for clause in old.clauses.iter().chain(&new.clauses) {
                    black_box(tokenize(&clause.text));
                }
            });
        });
        group.bench_function("align", |b| b.iter(|| align::align(&old, &new)));
        let alignment = align::align(&old, &new);
        let options = DiffOptions::default();
        group.bench_function("diff", |b| {
            b.iter_batched(
                || alignment.clone(),
                |alignment| diff::diff_alignment(&old, &new, alignment, &options),
                BatchSize::LargeInput,
            );
        });
        let diffs = diff::diff_alignment(&old, &new, alignment, &options);
        group.bench_function("classify", |b| {
            b.iter(|| classifier.classify(&old, &new, &diffs));
        });
        let report = compare(old.clone(), new.clone(), &Options::default());
        for format in [Format::Json, Format::Term, Format::Html, Format::Sarif] {
            group.bench_function(format!("render-{format:?}").to_lowercase(), |b| {
                b.iter(|| {
                    let mut out = Vec::with_capacity(1 << 20);
                    report::render(&report, format, &RenderOptions::default(), &mut out)
                        .expect("rendering into memory cannot fail");
                    out
                });
            });
        }
        group.bench_function("compare", |b| {
            b.iter_batched(
                || (old.clone(), new.clone()),
                |(old, new)| compare(old, new, &Options::default()),
                BatchSize::LargeInput,
            );
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
