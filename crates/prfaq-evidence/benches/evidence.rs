//! The evidence benchmark: import and index 100,000 items from a CSV file into a fresh SQLite
//! store, import them again (nothing changes), search latency (p50/p99 over 1,000 queries) and
//! theme building. A bench binary, not criterion: each phase is one long measured run.
//!
//! `cargo bench -p prfaq-evidence --bench evidence` (set `PRFAQ_BENCH_ITEMS` for another size).
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    missing_docs
)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use prfaq_evidence::import::{self, Defaults, Format, Mapping};
use prfaq_evidence::store::Filter;
use prfaq_evidence::themes::{self, Options};
use prfaq_evidence::{EvidenceStore, Kind};
use rand_xoshiro::Xoshiro256Plus;
use rand_xoshiro::rand_core::{RngCore, SeedableRng};

/// Subjects customers write about, each with the words they use for it.
const SUBJECTS: &[(&str, &[&str])] = &[
    ("export", &["export", "Excel", "CSV", "columns", "spreadsheet", "download"]),
    ("login", &["login", "password", "single sign-on", "SSO", "locked out", "two-factor"]),
    ("billing", &["invoice", "tax", "charge", "refund", "billing", "credit card"]),
    ("sync", &["sync", "offline", "conflict", "lost edits", "mobile app", "duplicate"]),
    ("search", &["search", "results", "filter", "cannot find", "keyword", "relevance"]),
    ("reports", &["weekly report", "dashboard", "numbers", "totals", "chart", "Monday"]),
    ("notifications", &["notification", "email", "spam", "reminder", "alert", "digest"]),
    ("performance", &["slow", "loading", "timeout", "spinner", "lag", "freezes"]),
    ("permissions", &["permission", "admin", "role", "access", "invite", "team member"]),
    ("integrations", &["Slack", "Salesforce", "API", "webhook", "Zapier", "integration"]),
    ("onboarding", &["setup", "tutorial", "getting started", "import", "trial", "confusing"]),
    ("shipping", &["shipping", "delivery", "tracking", "carrier", "late", "label"]),
];

const OPENERS: &[&str] = &[
    "Every week I",
    "Our team keeps having to",
    "Honestly, I",
    "It is frustrating that we",
    "Since the last update we",
    "I wish I did not have to",
    "We lose hours because we",
    "My manager asked why we",
];

const VERBS: &[&str] =
    &["fight with the", "redo the", "check the", "wait for the", "copy the", "fix the", "complain about the"];

const TAILS: &[&str] = &[
    "and it takes most of a morning.",
    "which breaks every other day.",
    "so we built a workaround.",
    "and support told us it is known.",
    "before every call.",
    "and nobody owns it.",
    "again and again.",
    "all afternoon.",
    "for the third time.",
    "while the boss waits.",
    "since March.",
    "with no end in sight.",
];

fn pick<'a>(rng: &mut Xoshiro256Plus, from: &[&'a str]) -> &'a str {
    from[(rng.next_u64() % from.len() as u64) as usize]
}

/// A CSV of `n` feedback items: id, date, segment, customer, text. Each speaks of one of
/// [`SUBJECTS`] in three of its words, wrapped in phrases any complaint might use.
fn csv(n: usize) -> String {
    let mut rng = Xoshiro256Plus::seed_from_u64(2026);
    let mut out = String::with_capacity(n * 160);
    out.push_str("id,date,segment,customer,text\n");
    for i in 0..n {
        let (_, words) = SUBJECTS[(rng.next_u64() % SUBJECTS.len() as u64) as usize];
        let text = format!(
            "{} {} {}, the {} and the {} {}",
            pick(&mut rng, OPENERS),
            pick(&mut rng, VERBS),
            pick(&mut rng, words),
            pick(&mut rng, words),
            pick(&mut rng, words),
            pick(&mut rng, TAILS)
        );
        let segment = ["enterprise", "pro", "free"][(rng.next_u64() % 3) as usize];
        let _ = writeln!(
            out,
            "{i},2026-{:02}-{:02},{segment},customer-{},\"{text}\"",
            1 + i % 12,
            1 + i % 28,
            rng.next_u64() % 5_000
        );
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing and must stay quick.
    let benching = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("PRFAQ_BENCH_ITEMS").ok().and_then(|v| v.parse().ok()).unwrap_or(if benching {
        100_000
    } else {
        2_000
    });
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = csv(n);
    println!("evidence benchmark: {n} items, {:.1} MiB of CSV", text.len() as f64 / 1_048_576.0);

    let started = Instant::now();
    let defaults = Defaults { kind: Kind::Ticket, source: "bench.csv".into(), segment: None, customer: None };
    let parsed = import::parse(text.as_bytes(), Format::Csv, &Mapping::default(), &defaults).unwrap();
    let parse = started.elapsed();
    let store = runtime.block_on(EvidenceStore::open(&dir.path().join("bench.db"), true)).unwrap();
    let started = Instant::now();
    let summary = runtime.block_on(store.import("bench.csv", &parsed.items)).unwrap();
    let store_time = started.elapsed();
    assert_eq!(summary.added, n);
    let started = Instant::now();
    let again = runtime.block_on(store.import("bench.csv", &parsed.items)).unwrap();
    let reimport = started.elapsed();
    assert_eq!(again.unchanged, n);
    println!(
        "import: read and check {parse:.2?}, store and index {store_time:.2?} (total {:.2?}, {:.0} items/s)",
        parse + store_time,
        n as f64 / (parse + store_time).as_secs_f64()
    );
    println!("import again (nothing changes): {reimport:.2?}");

    let mut rng = Xoshiro256Plus::seed_from_u64(7);
    let mut latencies = Vec::with_capacity(1_000);
    let mut hits = 0;
    for _ in 0..1_000 {
        let (_, words) = SUBJECTS[(rng.next_u64() % SUBJECTS.len() as u64) as usize];
        let query =
            format!("{} {}", pick(&mut rng, words), pick(&mut rng, TAILS).split_whitespace().nth(2).unwrap_or("week"));
        let started = Instant::now();
        let found = runtime.block_on(store.search(&query, &Filter::default(), 10)).unwrap();
        latencies.push(started.elapsed());
        hits += found.hits.len();
    }
    latencies.sort();
    println!(
        "search (1,000 queries, top 10, {hits} hits): p50 {:.2?}, p99 {:.2?}, max {:.2?}",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies[latencies.len() - 1]
    );

    let started = Instant::now();
    let items = runtime.block_on(store.items(&Filter::default())).unwrap();
    let load = started.elapsed();
    let started = Instant::now();
    let built = themes::build(&items, &Options::default());
    let build = started.elapsed();
    println!(
        "themes: load {load:.2?}, build {build:.2?}: {} themes, {} items in none",
        built.themes.len(),
        built.unthemed
    );
    for t in &built.themes {
        println!("  {} — {} items, cohesion {:.2}", t.label.join(" · "), t.count, t.cohesion);
    }
    if let Some(rss) = peak_rss_mib() {
        println!("peak resident memory: {rss:.0} MiB");
    }
}
