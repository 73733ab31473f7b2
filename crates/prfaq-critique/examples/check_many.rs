//! Parses and checks a file many times: a fixed workload for profilers
//! (`valgrind --tool=callgrind`).
//!
//! `cargo run --release -p prfaq-critique --example check_many -- FILE [TIMES]`

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "examples/country-expansion.md".into());
    let times: usize = args.next().and_then(|t| t.parse().ok()).unwrap_or(100);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let engine = prfaq_critique::Engine::new(prfaq_critique::Config::default());
    let mut findings = 0;
    for _ in 0..times {
        findings += engine.check(&prfaq_doc::parse(&text)).findings.len();
    }
    std::process::exit(i32::from(findings == usize::MAX));
}
