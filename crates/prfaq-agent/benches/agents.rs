//! The AI agents against a real model server: what prfaq adds on top of the endpoint's own time,
//! and the six reviewer personas in parallel against one after another.
//!
//! `bench/agents.sh` starts a throwaway llama.cpp server (`scripts/llm`, SmolLM2-135M, six
//! slots) and runs this with `PRFAQ_BENCH_LLM_URL` set; without the variable it says so and
//! exits successfully, so `cargo bench --workspace` needs no server. Not criterion: a model's
//! timings vary far more than criterion's statistics expect. It measures and prints a Markdown
//! report on stdout (progress on stderr) and asserts nothing. Figures are in
//! docs/performance.md.
//!
//! Every request is greedy (temperature 0, seed 42), so the same prompt gives the same tokens
//! (llama.cpp then also reuses the prompt it keeps in the slot: both sides of every comparison
//! send the same prompts, and the report gives the cached share):
//!
//! - **Overhead.** Rounds alternate a raw request (a plain reqwest POST of exactly the body prfaq
//!   sends, built with [`wire::body`] from the machine's first request, its event stream read
//!   to the end) with prfaq's own path (`drive` of the state machine through [`Provider`]:
//!   request, stream parsing, JSON extraction and anchoring, or parse and critique for a
//!   draft), for one persona review of a 300-word PR/FAQ and for a streamed draft. The review
//!   does not ask again for an unreadable reply and the draft has no fix rounds, so both sides
//!   make one model request a round (a round where prfaq made more is counted apart); a
//!   request that could not be sent at all is sent again once, on both sides.
//! - **CPU part.** prfaq's own work alone, on a reply recorded in the run: building the machine
//!   and its request, the request body, reading the recorded event stream, and the machine
//!   reading the reply.
//! - **Parallel vs serial.** The six built-in personas on the same document, one after another
//!   on a provider allowing one request in flight, then with `drive_all` on one allowing six;
//!   then, to see where the time goes, the six first requests sent raw with a small token budget,
//!   one after another and all at once, with and without `response_format` (the grammar the
//!   server samples under).
//!
//! Environment: `PRFAQ_BENCH_LLM_URL` (an OpenAI-compatible endpoint ending in `/v1`),
//! `REPEATS` (overhead rounds, default 8), `PARALLEL_REPEATS` (rounds of serial and parallel,
//! default 3), `CPU_ITERATIONS` (default 300).

#![allow(clippy::print_stdout, clippy::print_stderr, reason = "a benchmark that prints its report")]

use std::hint::black_box;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use eventsource_stream::Eventsource as _;
use futures_util::StreamExt as _;
use futures_util::future::join_all;
use prfaq_agent::brief::Brief;
use prfaq_agent::chat::{ChatReply, ChatRequest, FinishReason, Usage};
use prfaq_agent::config::{AgentConfig, StructuredOutput};
use prfaq_agent::fsm::draft::{DraftMachine, Limits as DraftLimits};
use prfaq_agent::fsm::review::{self, Review, ReviewError, ReviewMachine};
use prfaq_agent::fsm::{Effect, Event, Machine};
use prfaq_agent::personas::{Persona, built_in};
use prfaq_agent::provider::Provider;
use prfaq_agent::provider::wire::{self, JsonMode};
use prfaq_agent::{Progress, drive, drive_all};
use prfaq_critique::{Config, Engine};
use serde_json::Value;
use tokio_util::sync::CancellationToken;

/// The reviewed document: a realistic PR/FAQ of about 300 words.
const DOCUMENT: &str = include_str!("pr-faq-300-words.md");

/// The drafter's brief.
const BRIEF: &str = "\
## Customer
Owners of dog-walking businesses with one to five walkers.

## Problem
Owners spend about four hours a week texting clients to confirm walks, and one walk in twenty is missed because a change got lost in a chat.

## Solution idea
A shared calendar clients book and change themselves, which tells the walker on the day.
";

/// The review settings of every measurement: few comments, a budget the schema-bound reply fits
/// in, and no second request for an unreadable reply, so every review is one request.
const REVIEW: review::Limits = review::Limits { max_comments: 2, max_tokens: 400, retries: 0 };

/// Tokens of each raw request in the server-batching comparison.
const BATCH_TOKENS: u32 = 64;

/// The draft settings: a short streamed draft, no fix rounds (one request).
const DRAFT: DraftLimits = DraftLimits { max_tokens: 200, fix_rounds: 0 };

fn main() -> ExitCode {
    let Ok(url) = std::env::var("PRFAQ_BENCH_LLM_URL") else {
        eprintln!(
            "agents benchmark skipped: PRFAQ_BENCH_LLM_URL is not set (start a model server with scripts/llm or run bench/agents.sh)"
        );
        return ExitCode::SUCCESS;
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(url)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).filter(|&n| n > 0).unwrap_or(default)
}

fn config(url: &str, concurrency: usize) -> AgentConfig {
    AgentConfig {
        base_url: url.into(),
        model: "smollm2-135m-instruct".into(),
        temperature: 0.0,
        seed: Some(42),
        concurrency,
        // Only for a request that could not be sent or got no answer; never after text arrived.
        retries: 1,
        structured_output: StructuredOutput::JsonSchema,
        idle_timeout_secs: 300,
        timeout_secs: 1800,
        ..AgentConfig::default()
    }
}

fn provider(url: &str, concurrency: usize) -> Result<Provider, String> {
    Provider::with_key(config(url, concurrency), None).map_err(|e| e.to_string())
}

fn engine() -> Arc<Engine> {
    Arc::new(Engine::new(Config::default()))
}

/// The one-minute load average, or "unknown".
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

/// Nearest-rank percentile of `values` (`p` in 0..=100).
fn percentile(values: &[Duration], p: usize) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted[rank - 1]
}

/// The median (the mean of the middle two for an even count).
fn median(values: &[Duration]) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

/// The median of signed millisecond values.
fn median_f64(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => f64::midpoint(sorted[n / 2 - 1], sorted[n / 2]),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn micros(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us >= 100.0 { format!("{us:.0} µs") } else { format!("{us:.1} µs") }
}

fn percent(ratio: f64) -> String {
    format!("{:+.1}%", ratio * 100.0)
}

// ---------------------------------------------------------------------------------------------
// The raw side
// ---------------------------------------------------------------------------------------------

/// The machine's first request and the body prfaq sends for it.
fn first_request<M: Machine>(mut machine: M, config: &AgentConfig) -> Result<(ChatRequest, Vec<u8>), String> {
    match machine.start() {
        Effect::Ask { request, .. } => {
            let body = wire::body(config, &request, JsonMode::first(config.structured_output));
            let bytes = serde_json::to_vec(&body).map_err(|e| e.to_string())?;
            Ok((request, bytes))
        }
        Effect::Done(_) => Err("the machine asked nothing".into()),
    }
}

/// An error with its sources, on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// One raw request: POST the body, read the response to its end. Returns the time and the
/// chunks as they arrived. A request that could not be sent (a pooled connection the server
/// had just closed) is sent again once, as prfaq's provider does.
async fn raw(client: &reqwest::Client, url: &str, body: &[u8]) -> Result<(Duration, Vec<Vec<u8>>), String> {
    let started = Instant::now();
    let mut sent =
        client.post(url).header(reqwest::header::CONTENT_TYPE, "application/json").body(body.to_vec()).send().await;
    if let Err(e) = &sent {
        eprintln!("raw request not sent, trying again: {}", chain(e));
        sent =
            client.post(url).header(reqwest::header::CONTENT_TYPE, "application/json").body(body.to_vec()).send().await;
    }
    let mut response = sent.map_err(|e| format!("raw request: {}", chain(&e)))?;
    if !response.status().is_success() {
        return Err(format!("raw request: status {}", response.status()));
    }
    let mut chunks = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| format!("raw stream: {}", chain(&e)))? {
        chunks.push(chunk.to_vec());
    }
    Ok((started.elapsed(), chunks))
}

/// What a recorded event stream said, read after the timing: the reply, and the server's own
/// token counts (llama.cpp adds `timings` to its last chunk).
#[derive(Debug, Default, Clone)]
struct Streamed {
    reply: String,
    finish: Option<String>,
    completion_tokens: u64,
    prompt_tokens: u64,
    /// Prompt tokens the server took from its cache rather than processing them.
    cached_tokens: u64,
    /// The server's own time for the prompt and the reply (llama.cpp's `timings`).
    server: Duration,
}

fn read_recorded(chunks: &[Vec<u8>]) -> Streamed {
    let text = String::from_utf8_lossy(&chunks.concat()).into_owned();
    let mut out = Streamed::default();
    for line in text.lines() {
        let Some(data) = line.strip_prefix("data:").map(str::trim) else { continue };
        let Ok(value) = serde_json::from_str::<Value>(data) else { continue };
        if let Some(choice) = value["choices"].get(0) {
            if let Some(t) = choice["delta"]["content"].as_str() {
                out.reply.push_str(t);
            }
            if let Some(f) = choice["finish_reason"].as_str() {
                out.finish = Some(f.to_string());
            }
        }
        if let Some(n) = value["usage"]["completion_tokens"].as_u64() {
            out.completion_tokens = n;
            out.prompt_tokens = value["usage"]["prompt_tokens"].as_u64().unwrap_or(0);
        }
        if let Some(n) = value["timings"]["cache_n"].as_u64() {
            out.cached_tokens = n;
            let ms = value["timings"]["prompt_ms"].as_f64().unwrap_or(0.0)
                + value["timings"]["predicted_ms"].as_f64().unwrap_or(0.0);
            out.server = Duration::from_secs_f64(ms.max(0.0) / 1000.0);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Overhead
// ---------------------------------------------------------------------------------------------

/// One prfaq round: the time, the streamed text, and the number of requests made.
struct PrfaqRun {
    time: Duration,
    text: String,
    requests: u32,
    /// A short description of the outcome.
    outcome: String,
}

/// The figures of one overhead measurement.
struct Overhead {
    label: &'static str,
    raw: Vec<Duration>,
    prfaq: Vec<Duration>,
    /// prfaq − raw per round, in milliseconds.
    differences: Vec<f64>,
    /// Raw wall time minus the server's own time, per round, in milliseconds.
    outside: Vec<f64>,
    excluded: usize,
    identical: usize,
    outcomes: Vec<String>,
    last_stream: Vec<Vec<u8>>,
    streamed: Streamed,
}

/// Interleaves raw and prfaq rounds (alternating which goes first); one warm-up round of each
/// is not counted.
async fn overhead<F, Fut>(
    label: &'static str,
    rounds: usize,
    client: &reqwest::Client,
    url: &str,
    body: &[u8],
    mut prfaq: F,
) -> Result<Overhead, String>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = PrfaqRun>,
{
    let mut o = Overhead {
        label,
        raw: Vec::new(),
        prfaq: Vec::new(),
        differences: Vec::new(),
        outside: Vec::new(),
        excluded: 0,
        identical: 0,
        outcomes: Vec::new(),
        last_stream: Vec::new(),
        streamed: Streamed::default(),
    };
    eprintln!("{label}: warm-up");
    raw(client, url, body).await?;
    prfaq().await;
    for round in 0..rounds {
        let (raw_run, p) = if round % 2 == 0 {
            let r = raw(client, url, body).await?;
            (r, prfaq().await)
        } else {
            let p = prfaq().await;
            (raw(client, url, body).await?, p)
        };
        let (raw_time, chunks) = raw_run;
        let streamed = read_recorded(&chunks);
        eprintln!(
            "{label}: round {} of {rounds}: raw {}, prfaq {} ({}; {} tokens, {} of {} prompt tokens cached)",
            round + 1,
            ms(raw_time),
            ms(p.time),
            p.outcome,
            streamed.completion_tokens,
            streamed.cached_tokens,
            streamed.prompt_tokens
        );
        if p.requests != 1 {
            o.excluded += 1;
            continue;
        }
        if p.text == streamed.reply {
            o.identical += 1;
        }
        o.raw.push(raw_time);
        o.prfaq.push(p.time);
        o.differences.push((p.time.as_secs_f64() - raw_time.as_secs_f64()) * 1000.0);
        o.outside.push((raw_time.as_secs_f64() - streamed.server.as_secs_f64()) * 1000.0);
        o.outcomes.push(p.outcome);
        o.last_stream = chunks;
        o.streamed = streamed;
    }
    Ok(o)
}

async fn review_round(provider: &Provider, persona: &Persona) -> PrfaqRun {
    let cancel = CancellationToken::new();
    let mut text = String::new();
    let started = Instant::now();
    let machine = ReviewMachine::new(persona.clone(), DOCUMENT, REVIEW);
    let outcome = drive(machine, provider, &cancel, &mut |p| {
        if let Progress::Text(t) = p {
            text.push_str(t);
        }
    })
    .await;
    let time = started.elapsed();
    let (requests, outcome) = match &outcome {
        Ok(r) => (r.attempts, format!("{} comments, {} unanchored", r.comments.len(), r.unanchored)),
        Err(ReviewError::Unreadable { attempts, why, .. }) => (*attempts, format!("unreadable: {why}")),
        Err(e) => (1, format!("failed: {e}")),
    };
    PrfaqRun { time, text, requests, outcome }
}

async fn draft_round(provider: &Provider, engine: &Arc<Engine>) -> PrfaqRun {
    let cancel = CancellationToken::new();
    let mut text = String::new();
    let mut requests = 0;
    let started = Instant::now();
    let machine = DraftMachine::new(Brief::parse(BRIEF), Arc::clone(engine), DRAFT);
    let outcome = drive(machine, provider, &cancel, &mut |p| match p {
        Progress::Stage(_) => requests += 1,
        Progress::Text(t) => text.push_str(t),
    })
    .await;
    let time = started.elapsed();
    let outcome = match &outcome {
        Ok(d) => format!("score {}, {} structural findings, truncated {}", d.score, d.structural.len(), d.truncated),
        Err(e) => format!("failed: {e}"),
    };
    PrfaqRun { time, text, requests, outcome }
}

// ---------------------------------------------------------------------------------------------
// CPU part
// ---------------------------------------------------------------------------------------------

/// The median time of `f` over `iterations` calls, each timed alone.
fn time_each(iterations: usize, mut f: impl FnMut()) -> Duration {
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let started = Instant::now();
        f();
        times.push(started.elapsed());
    }
    median(&times)
}

/// prfaq's own steps on one recorded exchange, median per call.
struct CpuPart {
    machine: Duration,
    body: Duration,
    stream: Duration,
    read: Duration,
}

impl CpuPart {
    fn total(&self) -> Duration {
        self.machine + self.body + self.stream + self.read
    }
}

/// Reads a recorded event stream as the provider does: event parsing, then each chunk.
async fn parse_stream(chunks: &[Vec<u8>]) -> String {
    let mut events = futures_util::stream::iter(chunks.iter().map(|c| Ok::<_, std::convert::Infallible>(c.as_slice())))
        .eventsource();
    let mut content = String::new();
    while let Some(Ok(event)) = events.next().await {
        let data = event.data.trim();
        if data == "[DONE]" {
            break;
        }
        if let Ok(chunk) = wire::chunk(data) {
            content.push_str(&chunk.text);
        }
    }
    content
}

/// Times the stream parsing; the async part runs on the current thread without waiting.
async fn time_stream(iterations: usize, chunks: &[Vec<u8>]) -> Duration {
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let started = Instant::now();
        black_box(parse_stream(chunks).await);
        times.push(started.elapsed());
    }
    median(&times)
}

fn reply_of(streamed: &Streamed) -> Event {
    let finish = FinishReason::from_wire(streamed.finish.as_deref());
    Event::Replied(ChatReply { content: streamed.reply.clone(), finish, usage: Usage::default() })
}

/// The time of `on` alone, on machines prepared (and started) beforehand.
fn time_on<M: Machine>(iterations: usize, mut make: impl FnMut() -> M, event: &Event) -> Duration {
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let mut machine = make();
        black_box(machine.start());
        let event = event.clone();
        let started = Instant::now();
        black_box(machine.on(event));
        times.push(started.elapsed());
    }
    median(&times)
}

// ---------------------------------------------------------------------------------------------
// Parallel vs serial
// ---------------------------------------------------------------------------------------------

/// Polls llama.cpp's `/slots` until `stop`, recording the most slots busy at once.
async fn watch_slots(base_url: String, stop: Arc<AtomicBool>, most: Arc<AtomicUsize>) {
    let url = format!("{}/slots", base_url.trim_end_matches('/').trim_end_matches("/v1"));
    let client = reqwest::Client::new();
    while !stop.load(Ordering::SeqCst) {
        if let Ok(response) = client.get(&url).send().await
            && let Ok(slots) = response.json::<Vec<Value>>().await
        {
            let busy = slots.iter().filter(|s| s["is_processing"] == true).count();
            most.fetch_max(busy, Ordering::SeqCst);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn slot_count(client: &reqwest::Client, base_url: &str) -> Option<usize> {
    let url = format!("{}/slots", base_url.trim_end_matches('/').trim_end_matches("/v1"));
    let slots: Vec<Value> = client.get(url).send().await.ok()?.json().await.ok()?;
    Some(slots.len())
}

/// The six reviews, and the most requests the server decoded at once.
struct SixRun {
    time: Duration,
    outcomes: Vec<Result<Review, ReviewError>>,
    most_busy: usize,
}

async fn six(url: &str, provider: &Provider, personas: &[Persona], parallel: bool) -> SixRun {
    let cancel = CancellationToken::new();
    let (stop, most) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicUsize::new(0)));
    let watcher = tokio::spawn(watch_slots(url.to_string(), Arc::clone(&stop), Arc::clone(&most)));
    let started = Instant::now();
    let outcomes = if parallel {
        let machines = personas.iter().map(|p| ReviewMachine::new(p.clone(), DOCUMENT, REVIEW)).collect();
        drive_all(machines, provider, &cancel, &|_, _| {}).await
    } else {
        let mut outcomes = Vec::new();
        for p in personas {
            let machine = ReviewMachine::new(p.clone(), DOCUMENT, REVIEW);
            outcomes.push(drive(machine, provider, &cancel, &mut |_| {}).await);
        }
        outcomes
    };
    let time = started.elapsed();
    stop.store(true, Ordering::SeqCst);
    let _ = watcher.await;
    SixRun { time, outcomes, most_busy: most.load(Ordering::SeqCst) }
}

/// A wall time and the completion tokens produced in it.
type Timed = (Duration, u64);

/// Six raw requests (the bodies given), one after another or all at once: the time and the
/// completion tokens the server reported.
async fn raw_six(
    client: &reqwest::Client,
    url: &str,
    bodies: &[Vec<u8>],
    parallel: bool,
) -> Result<(Duration, u64), String> {
    let started = Instant::now();
    let results = if parallel {
        join_all(bodies.iter().map(|b| raw(client, url, b))).await
    } else {
        let mut results = Vec::new();
        for b in bodies {
            results.push(raw(client, url, b).await);
        }
        results
    };
    let time = started.elapsed();
    let mut tokens = 0;
    for r in results {
        tokens += read_recorded(&r?.1).completion_tokens;
    }
    Ok((time, tokens))
}

/// The six personas' first request bodies, with at most [`BATCH_TOKENS`] tokens, as prfaq asks
/// (`json_schema`) and with `response_format` removed (plain text, no grammar).
fn batch_bodies(personas: &[Persona], config: &AgentConfig) -> Result<[Vec<Vec<u8>>; 2], String> {
    let (mut schema, mut plain) = (Vec::new(), Vec::new());
    for p in personas {
        let Effect::Ask { mut request, .. } = ReviewMachine::new(p.clone(), DOCUMENT, REVIEW).start() else {
            return Err("the reviewer asked nothing".into());
        };
        request.max_tokens = BATCH_TOKENS;
        let mut body = wire::body(config, &request, JsonMode::first(config.structured_output));
        schema.push(serde_json::to_vec(&body).map_err(|e| e.to_string())?);
        if let Some(map) = body.as_object_mut() {
            map.remove("response_format");
        }
        plain.push(serde_json::to_vec(&body).map_err(|e| e.to_string())?);
    }
    Ok([schema, plain])
}

fn summary(outcomes: &[Result<Review, ReviewError>]) -> (usize, usize, usize) {
    let read = outcomes.iter().filter(|o| o.is_ok()).count();
    let comments = outcomes.iter().filter_map(|o| o.as_ref().ok()).map(|r| r.comments.len()).sum();
    let failed = outcomes.iter().filter(|o| matches!(o, Err(ReviewError::Provider { .. }))).count();
    (read, comments, failed)
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

#[allow(clippy::too_many_lines, reason = "one report, section after section")]
async fn run(url: String) -> Result<(), String> {
    let repeats = env_number("REPEATS", 8);
    let parallel_repeats = env_number("PARALLEL_REPEATS", 3);
    let iterations = env_number("CPU_ITERATIONS", 300);
    let load_start = load_average();
    let started = Instant::now();

    let serial = provider(&url, 1)?;
    let chat_url = serial.url();
    let client = reqwest::Client::new();
    let slots = slot_count(&client, &url).await;
    if slots.is_some_and(|n| n < 6) {
        eprintln!("warning: the server has {slots:?} slots; the parallel run needs 6 (scripts/llm start DIR PORT 6)");
    }
    let engine = engine();
    let persona = built_in().remove(1);
    let words = prfaq_doc::text::word_count(DOCUMENT);
    let cfg = config(&url, 1);

    // Overhead of a review.
    let (_, review_body) = first_request(ReviewMachine::new(persona.clone(), DOCUMENT, REVIEW), &cfg)?;
    let review =
        overhead("review", repeats, &client, &chat_url, &review_body, || review_round(&serial, &persona)).await?;
    // Overhead of a streamed draft.
    let (_, draft_body) = first_request(DraftMachine::new(Brief::parse(BRIEF), Arc::clone(&engine), DRAFT), &cfg)?;
    let draft = overhead("draft", repeats, &client, &chat_url, &draft_body, || draft_round(&serial, &engine)).await?;

    // CPU part, on the replies recorded in the last counted round.
    eprintln!("CPU part: {iterations} iterations of each step");
    let review_cpu = CpuPart {
        machine: time_each(iterations, || {
            let mut m = ReviewMachine::new(persona.clone(), DOCUMENT, REVIEW);
            black_box(m.start());
        }),
        body: {
            let (request, _) = first_request(ReviewMachine::new(persona.clone(), DOCUMENT, REVIEW), &cfg)?;
            time_each(iterations, || {
                black_box(serde_json::to_vec(&wire::body(&cfg, &request, JsonMode::first(cfg.structured_output))).ok());
            })
        },
        stream: time_stream(iterations, &review.last_stream).await,
        read: time_on(
            iterations,
            || ReviewMachine::new(persona.clone(), DOCUMENT, REVIEW),
            &reply_of(&review.streamed),
        ),
    };
    let draft_cpu = CpuPart {
        machine: time_each(iterations, || {
            let mut m = DraftMachine::new(Brief::parse(BRIEF), Arc::clone(&engine), DRAFT);
            black_box(m.start());
        }),
        body: {
            let (request, _) = first_request(DraftMachine::new(Brief::parse(BRIEF), Arc::clone(&engine), DRAFT), &cfg)?;
            time_each(iterations, || {
                black_box(serde_json::to_vec(&wire::body(&cfg, &request, JsonMode::first(cfg.structured_output))).ok());
            })
        },
        stream: time_stream(iterations, &draft.last_stream).await,
        read: time_on(
            iterations,
            || DraftMachine::new(Brief::parse(BRIEF), Arc::clone(&engine), DRAFT),
            &reply_of(&draft.streamed),
        ),
    };

    // Parallel vs serial.
    let personas = built_in();
    let parallel = provider(&url, 6)?;
    eprintln!("six personas: warm-up (parallel, not counted)");
    six(&url, &parallel, &personas, true).await;
    let bodies = batch_bodies(&personas, &cfg)?;
    let mut runs: Vec<(SixRun, SixRun)> = Vec::new();
    // Per body kind (json_schema, plain): (serial time, tokens), (parallel time, tokens) per round.
    let mut batches: [Vec<(Timed, Timed)>; 2] = [Vec::new(), Vec::new()];
    for round in 0..parallel_repeats {
        let (s, p) = if round % 2 == 0 {
            let s = six(&url, &serial, &personas, false).await;
            (s, six(&url, &parallel, &personas, true).await)
        } else {
            let p = six(&url, &parallel, &personas, true).await;
            (six(&url, &serial, &personas, false).await, p)
        };
        eprintln!(
            "six personas: round {} of {parallel_repeats}: serial {} (at most {} busy), parallel {} (at most {} busy)",
            round + 1,
            secs(s.time),
            s.most_busy,
            secs(p.time),
            p.most_busy
        );
        runs.push((s, p));
        for (kind, b) in bodies.iter().enumerate() {
            let (s, p) = if round % 2 == 0 {
                let s = raw_six(&client, &chat_url, b, false).await?;
                (s, raw_six(&client, &chat_url, b, true).await?)
            } else {
                let p = raw_six(&client, &chat_url, b, true).await?;
                (raw_six(&client, &chat_url, b, false).await?, p)
            };
            eprintln!(
                "raw six, {}: round {} of {parallel_repeats}: serial {} ({} tokens), at once {} ({} tokens)",
                ["json_schema", "plain text"][kind],
                round + 1,
                secs(s.0),
                s.1,
                secs(p.0),
                p.1
            );
            batches[kind].push((s, p));
        }
    }
    let load_end = load_average();

    // The report.
    println!("## AI agents: prfaq against the raw endpoint");
    println!();
    println!(
        "Endpoint {url} ({} slots), model smollm2-135m-instruct, temperature 0, seed 42; load average {load_start} at the start, {load_end} at the end; {} in all.",
        slots.map_or_else(|| "unknown".into(), |n| n.to_string()),
        secs(started.elapsed())
    );
    println!();
    println!("### Overhead over the raw endpoint time");
    println!();
    println!(
        "{repeats} rounds each, raw and prfaq alternating (one warm-up round not counted). Review: persona {:?} on a {words}-word PR/FAQ, json_schema with the passages listed, at most {} comments, {} tokens. Draft: streamed, at most {} tokens, no fix rounds.",
        persona.id, REVIEW.max_comments, REVIEW.max_tokens, DRAFT.max_tokens
    );
    println!();
    println!(
        "| workload | raw median | raw p90 | prfaq median | prfaq p90 | overhead (medians) | median per-round difference |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for o in [&review, &draft] {
        let (rm, pm) = (median(&o.raw), median(&o.prfaq));
        println!(
            "| {} | {} | {} | {} | {} | **{}** | {:+.0} ms |",
            o.label,
            ms(rm),
            ms(percentile(&o.raw, 90)),
            ms(pm),
            ms(percentile(&o.prfaq, 90)),
            percent(pm.as_secs_f64() / rm.as_secs_f64() - 1.0),
            median_f64(&o.differences)
        );
    }
    println!();
    for o in [&review, &draft] {
        let s = &o.streamed;
        println!(
            "- {}: {} rounds counted, {} excluded (more than one request); prfaq's streamed text identical to the raw reply in {} of {}; last reply {} completion tokens, finish {}, {} of {} prompt tokens from the server's cache; prfaq's outcome: {}. Raw: the server's own timings account for all but {:.1} ms of the wall time (median); p90 / median of the raw times {:.2}, fastest to slowest round {} to {}.",
            o.label,
            o.raw.len(),
            o.excluded,
            o.identical,
            o.raw.len(),
            s.completion_tokens,
            s.finish.as_deref().unwrap_or("none"),
            s.cached_tokens,
            s.prompt_tokens,
            o.outcomes.last().map_or("none", String::as_str),
            median_f64(&o.outside),
            percentile(&o.raw, 90).as_secs_f64() / median(&o.raw).as_secs_f64(),
            ms(o.raw.iter().min().copied().unwrap_or_default()),
            ms(o.raw.iter().max().copied().unwrap_or_default())
        );
    }
    println!();
    println!("### prfaq's CPU part alone");
    println!();
    println!("Median of {iterations} calls of each step, on the replies recorded in the last round.");
    println!();
    println!("| step | review | draft |");
    println!("|---|---:|---:|");
    for (step, r, d) in [
        ("build the machine and its first request", review_cpu.machine, draft_cpu.machine),
        ("request body (build and serialize)", review_cpu.body, draft_cpu.body),
        ("read the recorded event stream", review_cpu.stream, draft_cpu.stream),
        ("the machine reads the reply", review_cpu.read, draft_cpu.read),
    ] {
        println!("| {step} | {} | {} |", micros(r), micros(d));
    }
    println!("| **total** | **{}** | **{}** |", micros(review_cpu.total()), micros(draft_cpu.total()));
    println!(
        "| share of the median raw endpoint time | {:.3}% | {:.3}% |",
        review_cpu.total().as_secs_f64() / median(&review.raw).as_secs_f64() * 100.0,
        draft_cpu.total().as_secs_f64() / median(&draft.raw).as_secs_f64() * 100.0
    );
    println!();
    println!("### Six personas: parallel against serial");
    println!();
    println!(
        "The six built-in personas on the same document, {parallel_repeats} rounds (alternating which goes first; one parallel warm-up round not counted). Serial: one review after another, concurrency 1. Parallel: `drive_all`, concurrency 6."
    );
    println!();
    println!("| mode | median total | min | max | most requests decoding at once | reviews read | comments | failed |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let serial_times: Vec<Duration> = runs.iter().map(|(s, _)| s.time).collect();
    let parallel_times: Vec<Duration> = runs.iter().map(|(_, p)| p.time).collect();
    for (mode, times, pick) in [("serial", &serial_times, 0usize), ("parallel (drive_all)", &parallel_times, 1)] {
        let chosen: Vec<&SixRun> = runs.iter().map(|(s, p)| if pick == 0 { s } else { p }).collect();
        let most = chosen.iter().map(|r| r.most_busy).max().unwrap_or(0);
        let (read, comments, failed) = chosen.iter().fold((0, 0, 0), |acc, r| {
            let (a, b, c) = summary(&r.outcomes);
            (acc.0 + a, acc.1 + b, acc.2 + c)
        });
        println!(
            "| {mode} | {} | {} | {} | {most} | {read} of {} | {comments} | {failed} |",
            secs(median(times)),
            secs(times.iter().min().copied().unwrap_or_default()),
            secs(times.iter().max().copied().unwrap_or_default()),
            chosen.len() * 6
        );
    }
    let same =
        runs.iter().map(|(s, p)| s.outcomes.iter().zip(&p.outcomes).filter(|(a, b)| a == b).count()).sum::<usize>();
    let ratio = median(&parallel_times).as_secs_f64() / median(&serial_times).as_secs_f64();
    println!();
    println!(
        "- parallel / serial (medians): **{ratio:.2}** ({:.2}x as fast); the same outcome in both modes for {same} of {} reviews.",
        1.0 / ratio,
        runs.len() * 6
    );
    println!();
    println!(
        "Where the time goes: the six persona prompts sent raw, at most {BATCH_TOKENS} tokens each, one after another and all at once, as prfaq asks (json_schema, so the server samples under a grammar) and with response_format removed (plain text). Medians of {parallel_repeats} rounds; tokens per second are completion tokens over wall time."
    );
    println!();
    println!("| raw requests | serial | serial tokens/s | six at once | at once tokens/s | at once / serial |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (kind, rounds) in batches.iter().enumerate() {
        let serial: Vec<Duration> = rounds.iter().map(|(s, _)| s.0).collect();
        let at_once: Vec<Duration> = rounds.iter().map(|(_, p)| p.0).collect();
        let rate = |pick: usize| {
            let (tokens, time) = rounds.iter().fold((0u64, 0f64), |(t, d), (s, p)| {
                let x = if pick == 0 { s } else { p };
                (t + x.1, d + x.0.as_secs_f64())
            });
            format!("{:.1}", tokens as f64 / time)
        };
        println!(
            "| {} | {} | {} | {} | {} | **{:.2}** |",
            ["json_schema (as prfaq asks)", "plain text (no grammar)"][kind],
            secs(median(&serial)),
            rate(0),
            secs(median(&at_once)),
            rate(1),
            median(&at_once).as_secs_f64() / median(&serial).as_secs_f64()
        );
    }
    Ok(())
}
