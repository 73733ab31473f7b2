//! The agents against a real model: llama.cpp's OpenAI-compatible server serving
//! SmolLM2-135M-Instruct on 127.0.0.1 (`scripts/llm`; `scripts/test` starts it and sets
//! `PRFAQ_TEST_LLM_URL`). Without the variable the tests fail, so a run that skipped the model
//! never looks green.
//!
//! A 135M model writes poor PR/FAQs; these tests assert what prfaq's code does with whatever it
//! writes: streamed text arrives in pieces and adds up to the reply, schema-bound JSON is read,
//! quotes are anchored to the exact source, a reply cut off by its token budget is asked for
//! again a bounded number of times, cancellation ends a stream, the reviewers run together
//! within the limit on requests in flight. Greedy sampling (temperature 0, a fixed seed) keeps
//! runs repeatable, and small token budgets keep the file to a few minutes on one CPU thread.
//!
//! The tests take turns (the model server decodes on one thread, and the concurrency test
//! counts the server's busy slots): nextest runs this binary serially (`.config/nextest.toml`),
//! and under `cargo test` each test holds [`SERIAL`].
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(clippy::print_stderr, reason = "each test reports what the model did and how long it took")]

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use prfaq_agent::brief::Brief;
use prfaq_agent::chat::{ChatRequest, FinishReason, Message, Structure};
use prfaq_agent::config::{AgentConfig, StructuredOutput};
use prfaq_agent::fsm::draft::{DraftError, DraftMachine, Limits as DraftLimits, document_in};
use prfaq_agent::fsm::review::{self, Review, ReviewError, ReviewMachine};
use prfaq_agent::fsm::revise::{ReviseMachine, Target};
use prfaq_agent::personas::built_in;
use prfaq_agent::provider::{Provider, ProviderError};
use prfaq_agent::{Progress, drive, drive_all};
use prfaq_critique::{Config, Engine};
use tokio_util::sync::CancellationToken;

/// One test at a time, also under `cargo test`.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const DOC: &str = "\
# Acme Reports Gives Marketers Their Mondays Back
## Marketers at online shops get their weekly report without copying numbers

SEATTLE — Acme launches Reports, a weekly report for online shops.

Marketers spend six hours every Monday copying numbers between tools.

Acme Reports significantly improves the reporting experience for every team.

## External FAQ

### How much does it cost?

$20 a month per shop.
";

fn config() -> AgentConfig {
    let base_url = std::env::var("PRFAQ_TEST_LLM_URL")
        .expect("PRFAQ_TEST_LLM_URL must name an OpenAI-compatible endpoint ending in /v1 (scripts/test starts one with scripts/llm)");
    AgentConfig {
        base_url,
        model: "smollm2-135m-instruct".into(),
        temperature: 0.0,
        seed: Some(42),
        concurrency: 2,
        retries: 1,
        idle_timeout_secs: 60,
        timeout_secs: 300,
        ..AgentConfig::default()
    }
}

fn provider(config: AgentConfig) -> Provider {
    Provider::with_key(config, None).expect("provider")
}

fn engine() -> Arc<Engine> {
    Arc::new(Engine::new(Config::default()))
}

/// Runs `future`, failing the test if it takes longer than `seconds` (a safety net, far above
/// what the test needs on one slow thread).
async fn within<T>(seconds: u64, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(seconds), future)
        .await
        .unwrap_or_else(|_| panic!("no result within {seconds} s"))
}

/// A review's comments are anchored to the exact source, and its counts add up.
fn check_review(review: &Review, source: &str, limits: review::Limits) {
    for c in &review.comments {
        assert_eq!(&source[c.start..c.end], c.quote, "the quote is the source slice");
        assert!(c.quote.chars().filter(|ch| ch.is_alphanumeric()).count() >= 3, "{:?}", c.quote);
        assert!(!c.text.is_empty());
    }
    assert!(review.comments.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)), "document order");
    let read = review.comments.len() + review.unanchored + review.invalid;
    assert!(read <= limits.max_comments, "{read} comments read, {} allowed", limits.max_comments);
    assert!((1..=limits.retries + 1).contains(&review.attempts), "{} attempts", review.attempts);
    if review.comments.is_empty() && review.unanchored > 0 {
        assert_eq!(
            review.attempts,
            limits.retries + 1,
            "invented quotes are asked for again until the retries run out"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The drafter: streaming
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_draft_streams_in_pieces_that_add_up_to_the_document() {
    let _turn = SERIAL.lock().await;
    let brief = Brief::parse(
        "## Customer\nOwners of one-shop bakeries.\n\n## Observations\n- The baker threw away 30 loaves on Monday.\n- She guessed how much to bake from memory.\n",
    );
    assert!(brief.is_prototype_first());
    let limits = DraftLimits { max_tokens: 160, fix_rounds: 1 };
    let provider = provider(config());
    // The pieces of text of each request, in order.
    let mut requests: Vec<Vec<String>> = Vec::new();
    let mut stages = Vec::new();
    let started = Instant::now();
    let outcome = within(
        300,
        drive(DraftMachine::new(brief, engine(), limits), &provider, &CancellationToken::new(), &mut |p| match p {
            Progress::Stage(s) => {
                stages.push(s.to_string());
                requests.push(Vec::new());
            }
            Progress::Text(t) => requests.last_mut().expect("text after a stage").push(t.to_string()),
        }),
    )
    .await;
    let draft = outcome.expect("a draft");
    eprintln!("draft in {:?}, stages {stages:?}:\n{}", started.elapsed(), draft.markdown);

    assert_eq!(stages[0], "drafting");
    assert!(stages.len() <= 1 + limits.fix_rounds as usize, "{stages:?}");
    assert_eq!(draft.fix_rounds as usize, stages.len() - 1);
    assert!(draft.fix_rounds <= limits.fix_rounds);
    for pieces in &requests {
        assert!(pieces.len() >= 2, "a streamed reply comes in pieces: {pieces:?}");
    }
    // The draft kept is the document in one of the replies, as streamed.
    let replies: Vec<String> = requests.iter().map(|pieces| document_in(&pieces.concat())).collect();
    assert!(replies.contains(&draft.markdown), "the draft is none of the streamed replies: {replies:?}");
    // It was parsed and checked: the score is the critique engine's for that markdown.
    let doc = prfaq_doc::parse(&draft.markdown);
    assert!(!doc.blocks.is_empty());
    assert_eq!(draft.score, engine().check(&doc).score.overall);
    // Observation bookkeeping covers the brief's two observations.
    assert!(draft.uncited_observations.iter().all(|n| (1..=2).contains(n)), "{:?}", draft.uncited_observations);
}

#[tokio::test]
async fn cancelling_a_streaming_draft_ends_it_promptly() {
    let _turn = SERIAL.lock().await;
    let provider = provider(config());
    let cancel = CancellationToken::new();
    let brief = Brief::parse("## Customer\nDog owners.\n\n## Problem\nThey cannot find a vet at night.\n");
    let machine = DraftMachine::new(brief, engine(), DraftLimits { max_tokens: 400, fix_rounds: 2 });
    let mut pieces = 0;
    let outcome = within(
        120,
        drive(machine, &provider, &cancel, &mut |p| {
            if let Progress::Text(_) = p {
                pieces += 1;
                cancel.cancel();
            }
        }),
    )
    .await;
    assert_eq!(outcome, Err(DraftError::Provider(ProviderError::Cancelled)));
    assert_eq!(pieces, 1, "nothing is passed on after the cancellation");
    // The endpoint is still usable afterwards (the cancelled stream was closed, not left open).
    let reply = within(120, complete(&provider, "Say OK.", 4)).await.expect("a request after the cancellation");
    assert!(!reply.content.is_empty());
}

async fn complete(
    provider: &Provider,
    prompt: &str,
    max_tokens: u32,
) -> Result<prfaq_agent::chat::ChatReply, ProviderError> {
    let request =
        ChatRequest { messages: vec![Message::user(prompt)], structure: Structure::Text, max_tokens, stream: false };
    provider.complete(&request, &mut |_| {}, &CancellationToken::new()).await
}

// ---------------------------------------------------------------------------------------------
// Reviewers: structured output, anchoring, retries
// ---------------------------------------------------------------------------------------------

async fn review_once(
    structured_output: StructuredOutput,
    limits: review::Limits,
) -> (Result<Review, ReviewError>, prfaq_agent::personas::Persona) {
    let provider = provider(AgentConfig { structured_output, ..config() });
    let persona = built_in().remove(1);
    let started = Instant::now();
    let machine = ReviewMachine::new(persona.clone(), DOC, limits);
    let outcome = within(300, drive(machine, &provider, &CancellationToken::new(), &mut |_| {})).await;
    eprintln!("{structured_output:?} review in {:?}: {outcome:#?}", started.elapsed());
    (outcome, persona)
}

#[tokio::test]
async fn a_review_under_json_schema_is_read_and_anchored() {
    let _turn = SERIAL.lock().await;
    // The schema bounds the comments and their lengths, so the reply ends within the budget.
    let limits = review::Limits { max_comments: 2, max_tokens: 400, retries: 2 };
    let (outcome, persona) = review_once(StructuredOutput::JsonSchema, limits).await;
    let review = outcome.expect("schema-bound JSON is read");
    assert_eq!((review.persona.as_str(), review.function.as_str()), (persona.id.as_str(), persona.function.as_str()));
    check_review(&review, DOC, limits);
    // The schema lists the document's sentences as the only quotes allowed, so even a model that
    // invents quotes when free to cannot here: every comment read is anchored.
    assert!(!review.comments.is_empty(), "{review:#?}");
    assert_eq!(review.unanchored, 0, "{review:#?}");
}

#[tokio::test]
async fn a_review_under_json_object_is_read_or_reported_unreadable() {
    let _turn = SERIAL.lock().await;
    // json_object is honoured: the reply is a JSON object, not prose.
    let provider = provider(AgentConfig { structured_output: StructuredOutput::JsonObject, ..config() });
    let request = ChatRequest {
        messages: vec![Message::user(format!("List two comments on this document as JSON.\n\n{DOC}"))],
        structure: Structure::Json { name: "review_comments", schema: review::schema(2, None) },
        max_tokens: 8,
        stream: false,
    };
    let reply =
        within(120, provider.complete(&request, &mut |_| {}, &CancellationToken::new())).await.expect("a reply");
    assert!(reply.content.trim_start().starts_with('{'), "{:?}", reply.content);
    // Only the prompt describes the shape, which a 135M model does not reliably follow (it
    // tends to nest objects until the budget runs out): the review is read when it can be, and
    // otherwise reported as unreadable after every attempt, not retried without end.
    let limits = review::Limits { max_comments: 2, max_tokens: 160, retries: 1 };
    let (outcome, persona) = review_once(StructuredOutput::JsonObject, limits).await;
    match outcome {
        Ok(review) => {
            assert_eq!(review.persona, persona.id);
            check_review(&review, DOC, limits);
        }
        Err(ReviewError::Unreadable { persona: id, attempts, .. }) => {
            assert_eq!((id, attempts), (persona.id, limits.retries + 1));
        }
        Err(e) => panic!("the request itself failed: {e}"),
    }
}

#[tokio::test]
async fn a_reply_cut_off_by_its_token_budget_says_length() {
    let _turn = SERIAL.lock().await;
    let provider = provider(AgentConfig { structured_output: StructuredOutput::JsonSchema, ..config() });
    let request = ChatRequest {
        messages: vec![Message::user(format!("Review this document as JSON comments.\n\n{DOC}"))],
        structure: Structure::Json { name: "review_comments", schema: review::schema(3, None) },
        max_tokens: 12,
        stream: false,
    };
    let reply =
        within(120, provider.complete(&request, &mut |_| {}, &CancellationToken::new())).await.expect("a reply");
    assert_eq!(reply.finish, FinishReason::Length, "{reply:?}");
    assert!(reply.usage.completion_tokens <= 12, "{:?}", reply.usage);
    assert!(reply.content.trim_start().starts_with('{'), "json_schema constrains the reply: {:?}", reply.content);
}

#[tokio::test]
async fn a_review_cut_off_by_its_token_budget_is_asked_for_again_a_bounded_number_of_times() {
    let _turn = SERIAL.lock().await;
    let provider = provider(AgentConfig { structured_output: StructuredOutput::JsonSchema, ..config() });
    // Too few tokens for even one comment: the JSON is cut off.
    let limits = review::Limits { max_comments: 3, max_tokens: 24, retries: 1 };
    let persona = built_in().remove(0);
    let mut stages = Vec::new();
    let outcome = within(
        300,
        drive(ReviewMachine::new(persona.clone(), DOC, limits), &provider, &CancellationToken::new(), &mut |p| {
            if let Progress::Stage(s) = p {
                stages.push(s.to_string());
            }
        }),
    )
    .await;
    eprintln!("stages {stages:?}: {outcome:#?}");
    match outcome {
        Err(ReviewError::Unreadable { persona: id, attempts, why }) => {
            assert_eq!(id, persona.id);
            assert_eq!(attempts, limits.retries + 1);
            assert!(why.contains("cut off"), "{why}");
            assert_eq!(stages.len(), attempts as usize);
            assert!(stages[1].contains("asking again") && stages[1].contains("cut off"), "{stages:?}");
        }
        // A model may fit an empty list in the budget: then it was read at once or on the retry.
        Ok(review) => {
            assert_eq!(stages.len(), review.attempts as usize);
            check_review(&review, DOC, limits);
        }
        Err(e) => panic!("expected a review or Unreadable, got {e:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Reviewers together: the limit on requests in flight
// ---------------------------------------------------------------------------------------------

/// Polls llama.cpp's `/slots` until `stop`, recording the most slots busy at once.
async fn watch_slots(base_url: String, stop: Arc<AtomicBool>, most: Arc<AtomicUsize>) {
    let url = format!("{}/slots", base_url.trim_end_matches('/').trim_end_matches("/v1"));
    let client = reqwest::Client::new();
    while !stop.load(Ordering::SeqCst) {
        if let Ok(response) = client.get(&url).send().await
            && let Ok(slots) = response.json::<Vec<serde_json::Value>>().await
        {
            let busy = slots.iter().filter(|s| s["is_processing"] == true).count();
            most.fetch_max(busy, Ordering::SeqCst);
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn six_reviewers_run_within_the_limit_and_come_back_in_order() {
    let _turn = SERIAL.lock().await;
    let config = AgentConfig { concurrency: 2, structured_output: StructuredOutput::JsonSchema, ..config() };
    let base_url = config.base_url.clone();
    let provider = provider(config);
    let limits = review::Limits { max_comments: 1, max_tokens: 120, retries: 0 };
    let personas = built_in();
    assert_eq!(personas.len(), 6);
    let machines = personas.iter().map(|p| ReviewMachine::new(p.clone(), DOC, limits)).collect();

    let (stop, most) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicUsize::new(0)));
    let watcher = tokio::spawn(watch_slots(base_url, Arc::clone(&stop), Arc::clone(&most)));
    let started = Instant::now();
    let outcomes = within(600, drive_all(machines, &provider, &CancellationToken::new(), &|_, _| {})).await;
    stop.store(true, Ordering::SeqCst);
    watcher.await.expect("the slot watcher");
    eprintln!(
        "six reviews in {:?}, at most {} slots busy: {outcomes:#?}",
        started.elapsed(),
        most.load(Ordering::SeqCst)
    );

    assert_eq!(outcomes.len(), 6);
    for (outcome, persona) in outcomes.iter().zip(&personas) {
        match outcome {
            Ok(review) => {
                assert_eq!(review.persona, persona.id);
                check_review(review, DOC, limits);
            }
            // Cut off by the small budget: still this persona's outcome, after one attempt.
            Err(ReviewError::Unreadable { persona: id, attempts, .. }) => {
                assert_eq!((id, *attempts), (&persona.id, 1));
            }
            Err(e) => panic!("{}: the request itself failed: {e}", persona.id),
        }
    }
    let most = most.load(Ordering::SeqCst);
    assert!((1..=2).contains(&most), "the server had {most} requests in flight; the limit is 2");
}

// ---------------------------------------------------------------------------------------------
// The reviser
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_rewrite_replaces_only_its_passage() {
    let _turn = SERIAL.lock().await;
    let provider = provider(config());
    let at = DOC.find("significantly").expect("the weasel word");
    let target = Target {
        span: at..at + "significantly".len(),
        rule: Some("STY001".into()),
        problem: "weasel word \"significantly\"".into(),
        advice: Some("replace it with the number it stands for".into()),
    };
    let machine = ReviseMachine::new(DOC.into(), target, engine(), 60);
    let mut stages = Vec::new();
    let outcome = within(
        300,
        drive(machine, &provider, &CancellationToken::new(), &mut |p| {
            if let Progress::Stage(s) = p {
                stages.push(s.to_string());
            }
        }),
    )
    .await;
    eprintln!("{outcome:#?}");
    let proposal = outcome.expect("a proposal");
    let passage = "Acme Reports significantly improves the reporting experience for every team.";
    let start = DOC.find(passage).expect("passage");
    assert_eq!((proposal.start, proposal.end), (start, start + passage.len()));
    assert_eq!(proposal.original, passage);
    assert!(!proposal.rewrite.trim().is_empty());
    assert_eq!(proposal.markdown, format!("{}{}{}", &DOC[..start], proposal.rewrite, &DOC[start + passage.len()..]));
    assert!(proposal.resolved.is_some());
    assert!(stages.len() <= 2, "{stages:?}");
}
