//! Diff of two versions of a ~1,500-word PR/FAQ: `cargo bench -p prfaq-revise --bench diff`.
//! The target is under 5 ms; figures are in docs/performance.md.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use prfaq_critique::Revise;

fn bench(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/country-expansion.md");
    let old = std::fs::read_to_string(path).expect("example");
    // A realistic revision: a reworded summary, a changed number, one question reworded, one added.
    let new = old.replacen("Freshline", "Freshline Poland", 2).replacen(" 30 ", " 35 ", 1).replacen(
        "?\n",
        "? (reworded)\n",
        1,
    ) + "\n### How do I give feedback?\nWrite to us from the app's Help page; we answer within one working day.\n";
    let (old_doc, new_doc) = (prfaq_doc::parse(&old), prfaq_doc::parse(&new));
    let config = Revise::default();
    let words = prfaq_doc::text::word_count(&old);
    c.bench_function(&format!("diff two versions ({words} words)"), |b| {
        b.iter(|| prfaq_revise::diff(black_box(&old_doc), black_box(&new_doc), &config));
    });
    c.bench_function(&format!("parse both and diff ({words} words)"), |b| {
        b.iter(|| prfaq_revise::diff(&prfaq_doc::parse(black_box(&old)), &prfaq_doc::parse(black_box(&new)), &config));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
