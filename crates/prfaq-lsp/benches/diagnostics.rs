//! From a `didChange` to the diagnostics being built: the language server's handler on a
//! 1,500-word PR/FAQ (parse, every rule, positions, and the publishDiagnostics message), with
//! no process or pipe in between.
//!
//! `cargo bench -p prfaq-lsp --bench diagnostics`; figures are in docs/performance.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lsp_server::{Message, Notification};
use prfaq_lsp::Server;
use serde_json::json;

/// A PR/FAQ of about 1,500 words: the country-expansion example cut at a block boundary,
/// shared by the engine, diff and language-server benchmarks so their figures compare.
const DOCUMENT_1500: &str = include_str!("../../../bench/fixtures/pr-faq-1500-words.md");

fn notification(method: &str, params: serde_json::Value) -> Message {
    Message::Notification(Notification::new(method.to_owned(), params))
}

fn bench(c: &mut Criterion) {
    let uri = "file:///bench/country-expansion.md";
    let text = DOCUMENT_1500.to_string();
    let words = prfaq_doc::text::word_count(&text);
    let engine = prfaq_critique::Engine::new(prfaq_critique::Config::default());
    let findings = engine.check(&prfaq_doc::parse(&text)).findings.len();
    let mut g = c.benchmark_group(format!("one PR/FAQ ({words} words, {findings} diagnostics)"));
    g.measurement_time(std::time::Duration::from_secs(10));
    // The floor: what the engine alone takes, measured in the same run.
    g.bench_function("parse + check (engine alone)", |b| b.iter(|| black_box(engine.check(&prfaq_doc::parse(&text)))));
    for (encoding, offered) in [("utf-16", json!([])), ("utf-8", json!(["utf-8"]))] {
        let params = serde_json::from_value(json!({"capabilities": {"general": {"positionEncodings": offered}}}))
            .expect("initialize params");
        let mut server = Server::new(&params);
        server.handle(notification(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        ));
        // Alternate two texts so each change really differs from the last.
        let edited = text.replacen("the", "a", 1);
        let mut version = 1;
        g.bench_function(format!("didChange → publishDiagnostics ({encoding})"), |b| {
            b.iter_batched(
                || {
                    version += 1;
                    let t = if version % 2 == 0 { &edited } else { &text };
                    notification(
                        "textDocument/didChange",
                        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": t}]}),
                    )
                },
                |change| black_box(server.handle(change)),
                criterion::BatchSize::SmallInput,
            );
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
