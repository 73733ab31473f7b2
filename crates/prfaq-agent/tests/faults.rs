//! The provider and the driver against a fault server of our own: a TCP listener on 127.0.0.1
//! that reads each request and answers with raw HTTP bytes chosen per scenario (an error status,
//! a body cut short, HTML, an event stream that breaks off, silence). Each test says what the
//! caller must get: a clear error, after the configured retries and no more, without hanging,
//! and without losing what had already arrived.
//!
//! The server records what it received (when, headers, body) and how many requests it had open
//! at once, so retries, waits and the limit on requests in flight are measured where they
//! happen. Times are asserted as lower bounds only; every test runs under a generous
//! [`within`] so a hang fails instead of blocking the run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use prfaq_agent::brief::Brief;
use prfaq_agent::chat::{ChatRequest, FinishReason, Message, Structure};
use prfaq_agent::config::{AgentConfig, ApiKey, StructuredOutput};
use prfaq_agent::fsm::draft::{DraftError, DraftMachine, Limits as DraftLimits};
use prfaq_agent::fsm::review::{self, ReviewMachine};
use prfaq_agent::personas::built_in;
use prfaq_agent::provider::{Provider, ProviderError};
use prfaq_agent::{Progress, drive, drive_all};
use prfaq_critique::{Config, Engine};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

// ---------------------------------------------------------------------------------------------
// The fault server
// ---------------------------------------------------------------------------------------------

/// One thing the server does on a connection after reading the request.
#[derive(Clone)]
enum Step {
    /// Write these bytes.
    Write(Vec<u8>),
    /// Wait this long.
    Wait(Duration),
    /// Say nothing more until the client hangs up.
    Hang,
}

/// A request as the server received it.
#[derive(Debug, Clone)]
struct Received {
    at: Instant,
    head: String,
    body: String,
}

impl Received {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("the request body is JSON")
    }

    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_string())
        })
    }
}

type Script = dyn Fn(usize, &Received) -> Vec<Step> + Send + Sync;

#[derive(Default)]
struct Log {
    requests: Mutex<Vec<Received>>,
    open: AtomicUsize,
    most_open: AtomicUsize,
    hangups: AtomicUsize,
}

/// The fault server: `script(n, request)` decides what the `n`th request (from 0) gets.
struct Fault {
    base_url: String,
    log: Arc<Log>,
}

impl Fault {
    async fn start(script: impl Fn(usize, &Received) -> Vec<Step> + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the fault server");
        let base_url = format!("http://{}/v1", listener.local_addr().expect("address"));
        let log = Arc::new(Log::default());
        let script: Arc<Script> = Arc::new(script);
        let server_log = Arc::clone(&log);
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let (log, script) = (Arc::clone(&server_log), Arc::clone(&script));
                tokio::spawn(serve(socket, log, script));
            }
        });
        Self { base_url, log }
    }

    fn requests(&self) -> Vec<Received> {
        self.log.requests.lock().expect("log").clone()
    }

    fn count(&self) -> usize {
        self.log.requests.lock().expect("log").len()
    }

    fn config(&self) -> AgentConfig {
        AgentConfig {
            base_url: self.base_url.clone(),
            model: "fault".into(),
            connect_timeout_secs: 2,
            idle_timeout_secs: 10,
            timeout_secs: 20,
            retries: 2,
            ..AgentConfig::default()
        }
    }

    fn provider(&self, config: AgentConfig) -> Provider {
        Provider::with_key(config, None).expect("provider")
    }
}

/// Reads one request (head and `Content-Length` body), logs it, and plays the script's steps.
async fn serve(mut socket: TcpStream, log: Arc<Log>, script: Arc<Script>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        match socket.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut request = Received { at: Instant::now(), head, body: String::new() };
    let length: usize = request.header("content-length").map_or(0, |v| v.parse().expect("content-length"));
    while buf.len() < head_end + length {
        match socket.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    request.body = String::from_utf8_lossy(&buf[head_end..head_end + length]).into_owned();
    let steps = {
        let mut requests = log.requests.lock().expect("log");
        let steps = script(requests.len(), &request);
        requests.push(request);
        steps
    };
    let open = log.open.fetch_add(1, Ordering::SeqCst) + 1;
    log.most_open.fetch_max(open, Ordering::SeqCst);
    for step in steps {
        match step {
            Step::Write(bytes) => {
                if socket.write_all(&bytes).await.is_err() {
                    break;
                }
                let _ = socket.flush().await;
            }
            Step::Wait(d) => tokio::time::sleep(d).await,
            Step::Hang => {
                // Until the client gives up and closes the connection.
                while matches!(socket.read(&mut chunk).await, Ok(n) if n > 0) {}
                log.hangups.fetch_add(1, Ordering::SeqCst);
            }
        }
    }
    log.open.fetch_sub(1, Ordering::SeqCst);
}

/// A whole HTTP response, closing the connection after it.
fn http(status: &str, headers: &[&str], content_type: &str, body: &str) -> Step {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n", body.len());
    for h in headers {
        out.push_str(h);
        out.push_str("\r\n");
    }
    out.push_str("Connection: close\r\n\r\n");
    out.push_str(body);
    Step::Write(out.into_bytes())
}

fn completion(content: &str) -> Step {
    let body = json!({
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5}
    });
    http("200 OK", &[], "application/json", &body.to_string())
}

fn error(status: &str, headers: &[&str], message: &str) -> Step {
    http(status, headers, "application/json", &json!({"error": {"message": message}}).to_string())
}

/// The head of an event stream (no length: it ends when the connection closes).
fn stream_head() -> Step {
    Step::Write(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n"
            .to_vec(),
    )
}

/// One `data:` event carrying `text`, with `finish` on the last.
fn delta(text: &str, finish: Option<&str>) -> Step {
    let chunk = json!({"choices": [{"index": 0, "delta": {"content": text}, "finish_reason": finish}]});
    Step::Write(format!("data: {chunk}\n\n").into_bytes())
}

fn done() -> Step {
    Step::Write(b"data: [DONE]\n\n".to_vec())
}

/// A whole streamed reply.
fn streamed(pieces: &[&str]) -> Vec<Step> {
    let mut steps = vec![stream_head()];
    let last = pieces.len().saturating_sub(1);
    steps.extend(pieces.iter().enumerate().map(|(i, p)| delta(p, (i == last).then_some("stop"))));
    steps.push(done());
    steps
}

fn text_request(stream: bool) -> ChatRequest {
    ChatRequest { messages: vec![Message::user("Say hello.")], structure: Structure::Text, max_tokens: 64, stream }
}

fn json_request() -> ChatRequest {
    ChatRequest {
        messages: vec![Message::user("Reply with JSON.")],
        structure: Structure::Json { name: "review_comments", schema: review::schema(3, None) },
        max_tokens: 64,
        stream: false,
    }
}

/// Runs `future`, failing the test if it takes longer than `seconds`: a safety net against a
/// hang, far above what the scenario needs.
async fn within<T>(seconds: u64, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(seconds), future)
        .await
        .unwrap_or_else(|_| panic!("no result within {seconds} s: the client hung"))
}

/// One `complete` call, collecting streamed text.
async fn complete(
    provider: &Provider,
    request: &ChatRequest,
) -> (Result<prfaq_agent::chat::ChatReply, ProviderError>, String) {
    let mut text = String::new();
    let result = provider.complete(request, &mut |t| text.push_str(t), &CancellationToken::new()).await;
    (result, text)
}

// ---------------------------------------------------------------------------------------------
// Connection and status failures
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn an_endpoint_that_is_down_is_unreachable_after_the_retries() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        listener.local_addr().expect("address").port()
    };
    let config = AgentConfig {
        base_url: format!("http://127.0.0.1:{port}/v1"),
        connect_timeout_secs: 1,
        retries: 2,
        ..AgentConfig::default()
    };
    let provider = Provider::with_key(config, None).expect("provider");
    let started = Instant::now();
    let (result, _) = within(30, complete(&provider, &text_request(false))).await;
    let e = result.expect_err("nothing listens there");
    assert!(matches!(&e, ProviderError::Unreachable { url, .. } if url.contains(&port.to_string())), "{e:?}");
    assert!(e.is_transient());
    // Two retries after 0.5 s and 1 s of backoff.
    assert!(started.elapsed() >= Duration::from_millis(1400), "{:?}", started.elapsed());
    assert!(e.to_string().starts_with("cannot reach the model endpoint"), "{e}");
}

#[tokio::test]
async fn a_refused_key_is_not_retried_and_never_shown() {
    // Like some proxies, the server echoes the key it refused.
    let fault = Fault::start(|_, request| {
        let key = request.header("authorization").unwrap_or_default().replace("Bearer ", "");
        vec![error("401 Unauthorized", &[], &format!("Incorrect API key provided: {key}"))]
    })
    .await;
    let secret = "sk-test-7f3a9c-do-not-print";
    let config = AgentConfig { api_key_env: "PRFAQ_FAULT_KEY".into(), ..fault.config() };
    let provider = Provider::with_key(config, Some(ApiKey::new(secret.into()))).expect("provider");
    let (result, _) = within(30, complete(&provider, &text_request(false))).await;
    let e = result.expect_err("refused");
    assert_eq!(
        e,
        ProviderError::Unauthorized {
            status: 401,
            message: "Incorrect API key provided: <redacted>".into(),
            env: "PRFAQ_FAULT_KEY".into()
        }
    );
    assert_eq!(fault.count(), 1, "a refused key is not retried");
    assert_eq!(fault.requests()[0].header("authorization").as_deref(), Some(&*format!("Bearer {secret}")));
    for shown in [e.to_string(), format!("{e:?}"), format!("{provider:?}")] {
        assert!(!shown.contains(secret), "the key leaked: {shown}");
    }
    assert!(e.to_string().contains("$PRFAQ_FAULT_KEY"), "{e}");
}

#[tokio::test]
async fn a_429_waits_as_long_as_retry_after_says() {
    let fault = Fault::start(|n, _| match n {
        0 => vec![error("429 Too Many Requests", &["Retry-After: 1"], "slow down")],
        _ => vec![completion("hello")],
    })
    .await;
    let provider = fault.provider(fault.config());
    let (result, _) = within(30, complete(&provider, &text_request(false))).await;
    assert_eq!(result.expect("the retry succeeds").content, "hello");
    let requests = fault.requests();
    assert_eq!(requests.len(), 2);
    // The server's one second, not the first backoff's half second.
    let waited = requests[1].at - requests[0].at;
    assert!(waited >= Duration::from_millis(950), "retried after {waited:?}");
}

#[tokio::test]
async fn a_429_that_never_ends_is_rate_limited_after_every_attempt() {
    let fault = Fault::start(|_, _| vec![error("429 Too Many Requests", &["Retry-After: 0"], "quota exceeded")]).await;
    let provider = fault.provider(AgentConfig { retries: 2, ..fault.config() });
    let (result, _) = within(30, complete(&provider, &text_request(false))).await;
    let e = result.expect_err("still limited");
    assert_eq!(e, ProviderError::RateLimited { attempts: 3, message: "quota exceeded".into() });
    assert_eq!(fault.count(), 3);
    assert!(e.to_string().contains("after 3 attempts"), "{e}");
}

#[tokio::test]
async fn a_server_error_is_retried() {
    let fault = Fault::start(|n, _| match n {
        0 => vec![error("500 Internal Server Error", &[], "model crashed")],
        1 => vec![http("502 Bad Gateway", &[], "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>")],
        _ => vec![completion("recovered")],
    })
    .await;
    let provider = fault.provider(fault.config());
    let (result, _) = within(30, complete(&provider, &text_request(false))).await;
    assert_eq!(result.expect("third time lucky").content, "recovered");
    assert_eq!(fault.count(), 3);
}

#[tokio::test]
async fn server_errors_past_the_retries_say_what_the_server_said() {
    let fault = Fault::start(|_, _| {
        vec![http(
            "503 Service Unavailable",
            &[],
            "text/html",
            "<html><body>Service Unavailable: loading</body></html>",
        )]
    })
    .await;
    let provider = fault.provider(AgentConfig { retries: 1, ..fault.config() });
    let (result, _) = within(30, complete(&provider, &text_request(false))).await;
    let e = result.expect_err("down");
    assert!(
        matches!(&e, ProviderError::Status { status: 503, message } if message.contains("Service Unavailable: loading")),
        "{e:?}"
    );
    assert_eq!(fault.count(), 2);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let fault = Fault::start(|_, _| vec![Step::Hang]).await;
    let provider = fault.provider(AgentConfig { idle_timeout_secs: 1, timeout_secs: 2, retries: 1, ..fault.config() });
    let started = Instant::now();
    let (result, _) = within(30, complete(&provider, &text_request(false))).await;
    let e = result.expect_err("silence");
    assert!(matches!(e, ProviderError::Timeout { seconds: 1, .. }), "{e:?}");
    assert!(e.to_string().contains("did not answer within 1 s"), "{e}");
    assert_eq!(fault.count(), 2, "a timeout is retried");
    assert!(started.elapsed() >= Duration::from_secs(2), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_stream_that_goes_silent_times_out_and_keeps_its_text() {
    let fault = Fault::start(|_, _| vec![stream_head(), delta("Hello", None), delta(", wor", None), Step::Hang]).await;
    let provider = fault.provider(AgentConfig { idle_timeout_secs: 1, timeout_secs: 5, ..fault.config() });
    let (result, text) = within(30, complete(&provider, &text_request(true))).await;
    let e = result.expect_err("silence mid-stream");
    assert!(matches!(e, ProviderError::Timeout { what: "streaming the answer", .. }), "{e:?}");
    assert_eq!(text, "Hello, wor");
    assert_eq!(fault.count(), 1, "text was shown: asking again would show it twice");
}

// ---------------------------------------------------------------------------------------------
// Bodies prfaq cannot read
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_truncated_body_is_malformed_and_says_it_ends_early() {
    let fault = Fault::start(|_, _| {
        vec![http(
            "200 OK",
            &[],
            "application/json",
            r#"{"choices":[{"index":0,"message":{"role":"assistant","content":"Hel"#,
        )]
    })
    .await;
    let provider = fault.provider(fault.config());
    let (result, _) = within(30, complete(&provider, &text_request(false))).await;
    let e = result.expect_err("cut");
    assert!(matches!(&e, ProviderError::Malformed(why) if why.contains("ends early")), "{e:?}");
    assert_eq!(fault.count(), 1);
}

#[tokio::test]
async fn a_connection_that_breaks_mid_body_is_a_clear_error() {
    // Promises 400 bytes, sends 40, closes.
    let fault = Fault::start(|_, _| {
        vec![Step::Write(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\nConnection: close\r\n\r\n{\"choices\":[{\"message\":{\"content\":\"Hel"
                .to_vec(),
        )]
    })
    .await;
    let provider = fault.provider(AgentConfig { retries: 1, ..fault.config() });
    let (result, _) = within(30, complete(&provider, &text_request(false))).await;
    let e = result.expect_err("cut");
    assert!(
        matches!(&e, ProviderError::Malformed(why) if why.contains("connection broke while reading the answer")),
        "{e:?}"
    );
}

#[tokio::test]
async fn an_html_body_is_malformed_and_quoted() {
    let fault = Fault::start(|_, _| {
        vec![http(
            "200 OK",
            &[],
            "text/html",
            "<html><head><title>Captive portal</title></head><body>Sign in to the hotel wifi</body></html>",
        )]
    })
    .await;
    let provider = fault.provider(fault.config());
    let (result, _) = within(30, complete(&provider, &text_request(false))).await;
    let e = result.expect_err("html");
    assert!(
        matches!(&e, ProviderError::Malformed(why) if why.contains("not the JSON expected") && why.contains("Sign in to the hotel wifi")),
        "{e:?}"
    );
    assert_eq!(fault.count(), 1);
}

#[tokio::test]
async fn a_stream_cut_off_midway_is_malformed_and_the_text_is_kept() {
    // Some text, then the connection closes: no finish_reason, no [DONE].
    let fault = Fault::start(|_, _| vec![stream_head(), delta("# Bakers ", None), delta("Sell Out", None)]).await;
    let provider = fault.provider(fault.config());
    let (result, text) = within(30, complete(&provider, &text_request(true))).await;
    let e = result.expect_err("cut");
    assert!(matches!(&e, ProviderError::Malformed(why) if why.contains("stream ended after 17 characters")), "{e:?}");
    assert_eq!(text, "# Bakers Sell Out");
    assert_eq!(fault.count(), 1, "text was shown: not asked again");
}

#[tokio::test]
async fn a_stream_cut_off_before_any_text_is_asked_again() {
    let fault = Fault::start(|n, _| match n {
        0 => vec![stream_head()],
        _ => streamed(&["Hel", "lo"]),
    })
    .await;
    let provider = fault.provider(fault.config());
    let (result, text) = within(30, complete(&provider, &text_request(true))).await;
    let reply = result.expect("the second stream is whole");
    assert_eq!((reply.content.as_str(), reply.finish, text.as_str()), ("Hello", FinishReason::Stop, "Hello"));
    assert_eq!(fault.count(), 2);
}

#[tokio::test]
async fn an_error_event_mid_stream_is_reported() {
    let fault = Fault::start(|_, _| {
        vec![
            stream_head(),
            delta("Hel", None),
            Step::Write(b"data: {\"error\":{\"message\":\"out of memory\"}}\n\n".to_vec()),
        ]
    })
    .await;
    let provider = fault.provider(fault.config());
    let (result, text) = within(30, complete(&provider, &text_request(true))).await;
    let e = result.expect_err("error event");
    assert!(matches!(&e, ProviderError::Malformed(why) if why.contains("out of memory")), "{e:?}");
    assert_eq!(text, "Hel");
}

// ---------------------------------------------------------------------------------------------
// Structured output
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_refused_json_schema_falls_back_to_json_object_under_auto() {
    let fault = Fault::start(|_, request| match request.json()["response_format"]["type"].as_str() {
        Some("json_schema") => vec![error("400 Bad Request", &[], "response_format type json_schema is not supported")],
        _ => vec![completion(r#"{"comments": []}"#)],
    })
    .await;
    let provider = fault.provider(AgentConfig { structured_output: StructuredOutput::Auto, ..fault.config() });
    let (result, _) = within(30, complete(&provider, &json_request())).await;
    assert_eq!(result.expect("the fallback is accepted").content, r#"{"comments": []}"#);
    // The next request starts where the endpoint is known to work.
    let (again, _) = within(30, complete(&provider, &json_request())).await;
    again.expect("second request");
    let formats: Vec<Value> = fault.requests().iter().map(|r| r.json()["response_format"]["type"].clone()).collect();
    assert_eq!(formats, [json!("json_schema"), json!("json_object"), json!("json_object")]);
    let first = &fault.requests()[0].json()["response_format"]["json_schema"];
    assert_eq!(first["schema"]["properties"]["comments"]["maxItems"], 3, "{first}");
    assert_eq!(first["schema"]["properties"]["comments"]["items"]["properties"]["quote"]["maxLength"], 200);
}

#[tokio::test]
async fn a_refused_json_schema_is_an_error_when_it_was_asked_for_explicitly() {
    let fault = Fault::start(|_, _| vec![error("400 Bad Request", &[], "response_format is not supported")]).await;
    let provider = fault.provider(AgentConfig { structured_output: StructuredOutput::JsonSchema, ..fault.config() });
    let (result, _) = within(30, complete(&provider, &json_request())).await;
    let e = result.expect_err("no fallback");
    assert!(
        matches!(&e, ProviderError::Status { status: 400, message } if message.contains("response_format")),
        "{e:?}"
    );
    assert_eq!(fault.count(), 1);
}

// ---------------------------------------------------------------------------------------------
// Cancellation and the limit on requests in flight
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn cancelling_a_request_the_server_sits_on_returns_at_once() {
    let fault = Fault::start(|_, _| vec![Step::Hang]).await;
    // Patient limits: only the cancellation can end this within the safety net.
    let provider = fault.provider(AgentConfig { idle_timeout_secs: 120, timeout_secs: 300, ..fault.config() });
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        trigger.cancel();
    });
    let result = within(10, provider.complete(&text_request(false), &mut |_| {}, &cancel)).await;
    assert_eq!(result.expect_err("cancelled"), ProviderError::Cancelled);
    // The connection is closed, not left open on the server.
    within(10, async {
        while fault.log.hangups.load(Ordering::SeqCst) == 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert_eq!(fault.count(), 1);
}

#[tokio::test]
async fn cancelling_during_a_retry_after_wait_returns_at_once() {
    let fault = Fault::start(|_, _| vec![error("429 Too Many Requests", &["Retry-After: 50"], "wait")]).await;
    let provider = fault.provider(fault.config());
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        trigger.cancel();
    });
    let result = within(10, provider.complete(&text_request(false), &mut |_| {}, &cancel)).await;
    assert_eq!(result.expect_err("cancelled"), ProviderError::Cancelled);
    assert_eq!(fault.count(), 1);
}

#[tokio::test]
async fn cancelling_a_draft_mid_stream_ends_it_with_cancelled() {
    let fault = Fault::start(|_, _| vec![stream_head(), delta("# Bakers", None), Step::Hang]).await;
    let provider = fault.provider(AgentConfig { idle_timeout_secs: 120, timeout_secs: 300, ..fault.config() });
    let cancel = CancellationToken::new();
    let machine = draft_machine();
    let mut seen = String::new();
    let outcome = within(
        10,
        drive(machine, &provider, &cancel, &mut |p| {
            if let Progress::Text(t) = p {
                seen.push_str(t);
                cancel.cancel();
            }
        }),
    )
    .await;
    assert_eq!(outcome, Err(DraftError::Provider(ProviderError::Cancelled)));
    assert_eq!(seen, "# Bakers");
}

const HOLD: Duration = Duration::from_millis(300);

#[tokio::test]
async fn no_more_requests_are_in_flight_than_the_limit() {
    let fault = Fault::start(|_, _| vec![Step::Wait(HOLD), completion("ok")]).await;
    let provider = fault.provider(AgentConfig { concurrency: 2, ..fault.config() });
    let started = Instant::now();
    let request = text_request(false);
    let results = within(60, join_all((0..6).map(|_| complete(&provider, &request)))).await;
    for (result, _) in results {
        assert_eq!(result.expect("ok").content, "ok");
    }
    assert_eq!(fault.count(), 6);
    assert_eq!(fault.log.most_open.load(Ordering::SeqCst), 2, "the limit is 2 and six were waiting");
    // Three waves of two.
    assert!(started.elapsed() >= HOLD * 3, "{:?}", started.elapsed());
}

#[tokio::test]
async fn reviewers_run_together_within_the_limit_and_come_back_in_order() {
    const DOC: &str = "# Acme Reports Gives Marketers Their Mondays Back\n\nMarketers spend six hours every Monday copying numbers between tools.\n";
    let fault = Fault::start(|_, _| {
        vec![
            Step::Wait(HOLD),
            completion(r#"{"comments": [{"quote": "six hours every Monday", "kind": "question", "severity": "important", "text": "Measured how?"}]}"#),
        ]
    })
    .await;
    let provider = fault.provider(AgentConfig { concurrency: 2, ..fault.config() });
    let limits = review::Limits { max_comments: 3, max_tokens: 200, retries: 1 };
    let personas = built_in();
    let machines: Vec<ReviewMachine> = personas.iter().map(|p| ReviewMachine::new(p.clone(), DOC, limits)).collect();
    let stages = Mutex::new(Vec::new());
    let outcomes = within(
        60,
        drive_all(machines, &provider, &CancellationToken::new(), &|i, stage| {
            stages.lock().expect("stages").push((i, stage.to_string()));
        }),
    )
    .await;
    assert_eq!(outcomes.len(), 6);
    for (outcome, persona) in outcomes.iter().zip(&personas) {
        let review = outcome.as_ref().expect("review");
        assert_eq!(review.persona, persona.id);
        assert_eq!(review.comments.len(), 1);
        assert_eq!(&DOC[review.comments[0].start..review.comments[0].end], "six hours every Monday");
    }
    assert_eq!(fault.log.most_open.load(Ordering::SeqCst), 2);
    assert_eq!(stages.lock().expect("stages").len(), 6);
}

// ---------------------------------------------------------------------------------------------
// Nothing already stored lost
// ---------------------------------------------------------------------------------------------

fn draft_machine() -> DraftMachine {
    DraftMachine::new(
        Brief::parse("## Observations\n- Bakers threw away 15% of their bread.\n"),
        Arc::new(Engine::new(Config::default())),
        DraftLimits { max_tokens: 512, fix_rounds: 2 },
    )
}

#[tokio::test]
async fn a_draft_whose_fix_request_fails_keeps_the_draft() {
    // The first draft has structural problems, so the machine asks for a fix; that request is
    // refused.
    let fault = Fault::start(|n, _| match n {
        0 => streamed(&["# Bakers Sell Out\n\n", "Bakers throw away 15% of their bread [obs:1].\n"]),
        _ => vec![error("500 Internal Server Error", &[], "model crashed")],
    })
    .await;
    let provider = fault.provider(AgentConfig { retries: 1, ..fault.config() });
    let mut stages = Vec::new();
    let outcome = within(
        30,
        drive(draft_machine(), &provider, &CancellationToken::new(), &mut |p| {
            if let Progress::Stage(s) = p {
                stages.push(s.to_string());
            }
        }),
    )
    .await;
    let draft = outcome.expect("the first draft survives the failed fix");
    assert_eq!(draft.markdown, "# Bakers Sell Out\n\nBakers throw away 15% of their bread [obs:1].\n");
    assert!(!draft.structural.is_empty());
    assert_eq!(stages.len(), 2, "{stages:?}");
    assert!(stages[1].starts_with("fixing"), "{stages:?}");
    assert_eq!(fault.count(), 3, "the draft, then the fix and its one retry");
}

#[tokio::test]
async fn a_draft_that_never_arrived_is_a_provider_error() {
    let fault = Fault::start(|_, _| vec![error("401 Unauthorized", &[], "no key")]).await;
    let provider = fault.provider(fault.config());
    let outcome = within(30, drive(draft_machine(), &provider, &CancellationToken::new(), &mut |_| {})).await;
    assert!(
        matches!(outcome, Err(DraftError::Provider(ProviderError::Unauthorized { status: 401, .. }))),
        "{outcome:?}"
    );
}
