//! Check throughput beside its floor: reading the bytes, pulldown-cmark parsing alone, the
//! prfaq parser, and parse + every rule. On one 1,500-word PR/FAQ and on the whole corpus.
//!
//! `cargo bench -p prfaq-critique --bench check`; figures are in docs/performance.md.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use prfaq_critique::{Config, Engine};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A PR/FAQ of about 1,500 words: the country-expansion example cut at a block boundary,
/// shared by the engine, diff and language-server benchmarks so their figures compare.
const DOCUMENT_1500: &str = include_str!("../../../bench/fixtures/pr-faq-1500-words.md");

fn corpus() -> Vec<String> {
    let dir = root().join("../shared/corpus/real");
    let mut files = Vec::new();
    for sub in std::fs::read_dir(&dir).expect("corpus dir").flatten() {
        for f in std::fs::read_dir(sub.path()).expect("corpus subdir").flatten() {
            files.push(std::fs::read_to_string(f.path()).expect("corpus file"));
        }
    }
    files
}

fn pulldown_only(text: &str) -> usize {
    pulldown_cmark::Parser::new_ext(
        text,
        pulldown_cmark::Options::ENABLE_TABLES
            | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
            | pulldown_cmark::Options::ENABLE_FOOTNOTES,
    )
    .into_offset_iter()
    .count()
}

fn bench(c: &mut Criterion) {
    let engine = Engine::new(Config::default());
    let doc = DOCUMENT_1500.to_string();
    let words = prfaq_doc::text::word_count(&doc) as u64;
    let mut g = c.benchmark_group(format!("one PR/FAQ ({words} words)"));
    g.throughput(Throughput::Elements(words));
    g.bench_function("read bytes (floor)", |b| {
        b.iter(|| black_box(doc.as_bytes().iter().map(|&x| u64::from(x)).sum::<u64>()));
    });
    g.bench_function("pulldown-cmark parse", |b| b.iter(|| pulldown_only(black_box(&doc))));
    g.bench_function("prfaq parse", |b| b.iter(|| prfaq_doc::parse(black_box(&doc))));
    g.bench_function("prfaq parse + check", |b| b.iter(|| engine.check(&prfaq_doc::parse(black_box(&doc)))));
    g.finish();

    let files = corpus();
    let words: u64 = files.iter().map(|f| prfaq_doc::text::word_count(f) as u64).sum();
    let mut g = c.benchmark_group(format!("corpus ({} files, {words} words)", files.len()));
    g.throughput(Throughput::Elements(words));
    g.sample_size(30);
    g.bench_function("read bytes (floor)", |b| {
        b.iter(|| files.iter().map(|f| f.as_bytes().iter().map(|&x| u64::from(x)).sum::<u64>()).sum::<u64>());
    });
    g.bench_function("pulldown-cmark parse", |b| {
        b.iter(|| files.iter().map(|f| pulldown_only(black_box(f))).sum::<usize>());
    });
    g.bench_function("prfaq parse + check", |b| {
        b.iter(|| files.iter().map(|f| engine.check(&prfaq_doc::parse(black_box(f))).findings.len()).sum::<usize>());
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
