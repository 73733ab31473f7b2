//! The HTTP side: one OpenAI-compatible chat-completions endpoint, with timeouts, retries that
//! honour `Retry-After`, a limit on requests in flight, streaming, and cancellation.
//!
//! Nothing here decides what to ask; the state machines in [`crate::fsm`] do. The key is sent in
//! the `Authorization` header and nowhere else: errors quote the endpoint's message, never the
//! request.

pub mod retry;
pub mod wire;

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

use eventsource_stream::Eventsource as _;
use futures_util::StreamExt as _;
use reqwest::StatusCode;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use crate::chat::{ChatReply, ChatRequest, Structure, Usage};
use crate::config::{AgentConfig, ApiKey, StructuredOutput};
use wire::JsonMode;

/// Why a request to the endpoint failed, after any retries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// No connection could be made.
    #[error("cannot reach the model endpoint at {url}: {reason}")]
    Unreachable {
        /// The URL tried.
        url: String,
        /// What the connection attempt said.
        reason: String,
    },
    /// The endpoint refused the credentials.
    #[error("the model endpoint refused the request ({status}): {message}; check the API key in ${env}")]
    Unauthorized {
        /// 401 or 403.
        status: u16,
        /// The endpoint's message.
        message: String,
        /// The variable the key is read from.
        env: String,
    },
    /// Still rate-limited after every retry.
    #[error("the model endpoint is rate-limiting requests (429) and still was after {attempts} attempts: {message}")]
    RateLimited {
        /// Attempts made.
        attempts: u32,
        /// The endpoint's message.
        message: String,
    },
    /// Any other error status.
    #[error("the model endpoint answered {status}: {message}")]
    Status {
        /// The HTTP status.
        status: u16,
        /// The endpoint's message.
        message: String,
    },
    /// No answer, or a stream that went silent, within the time allowed.
    #[error("the model endpoint did not answer within {seconds} s ({what})")]
    Timeout {
        /// The limit that ran out.
        seconds: u64,
        /// Which one: the whole request, or silence mid-stream.
        what: &'static str,
    },
    /// The body was not a chat completion: not JSON, cut off, or missing its parts.
    #[error("the model endpoint sent a reply prfaq cannot read: {0}")]
    Malformed(String),
    /// The caller cancelled.
    #[error("cancelled")]
    Cancelled,
}

impl ProviderError {
    /// True when trying again may help.
    #[must_use]
    pub fn is_transient(&self) -> bool {
        match self {
            ProviderError::Unreachable { .. } | ProviderError::Timeout { .. } | ProviderError::RateLimited { .. } => {
                true
            }
            ProviderError::Status { status, .. } => *status >= 500,
            _ => false,
        }
    }
}

/// What one attempt ended with, before the retry decision.
enum Attempt {
    Done(ChatReply),
    Retry {
        error: ProviderError,
        after: Option<Duration>,
    },
    /// The endpoint refused `response_format`: ask again with the next [`JsonMode`].
    Downgrade,
    Fail(ProviderError),
}

/// A configured endpoint. Cheap to clone; clones share the limit on requests in flight.
#[derive(Debug, Clone)]
pub struct Provider {
    config: Arc<AgentConfig>,
    key: Option<ApiKey>,
    http: reqwest::Client,
    permits: Arc<Semaphore>,
    json_mode: Arc<AtomicU8>,
}

impl Provider {
    /// A provider for `config`, with the key from its environment variable.
    pub fn new(config: AgentConfig) -> Result<Self, ProviderError> {
        let key = config.api_key();
        Self::with_key(config, key)
    }

    /// A provider with an explicit key (the web app keeps keys per workspace).
    pub fn with_key(config: AgentConfig, key: Option<ApiKey>) -> Result<Self, ProviderError> {
        // reqwest is built without a default crypto provider; ring is ours. Installing twice is
        // harmless (the second call reports the first is in place).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(config.connect_timeout_secs))
            .read_timeout(Duration::from_secs(config.idle_timeout_secs))
            .timeout(config.timeout())
            .user_agent(concat!("prfaq/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ProviderError::Unreachable { url: config.base_url.clone(), reason: e.to_string() })?;
        let json_mode = JsonMode::first(config.structured_output) as u8;
        Ok(Self {
            permits: Arc::new(Semaphore::new(config.concurrency)),
            config: Arc::new(config),
            key,
            http,
            json_mode: Arc::new(AtomicU8::new(json_mode)),
        })
    }

    /// The configuration in force.
    #[must_use]
    pub fn config(&self) -> &AgentConfig {
        &self.config
    }

    /// The chat-completions URL.
    #[must_use]
    pub fn url(&self) -> String {
        format!("{}/chat/completions", self.config.base_url.trim_end_matches('/'))
    }

    /// Requests one completion. With `request.stream`, each piece of text is passed to `on_text`
    /// as it arrives. Retries transient failures (never after text has been passed on, so the
    /// caller never sees a reply twice); gives up with [`ProviderError::Cancelled`] as soon as
    /// `cancel` fires.
    pub async fn complete(
        &self,
        request: &ChatRequest,
        on_text: &mut (dyn FnMut(&str) + Send),
        cancel: &CancellationToken,
    ) -> Result<ChatReply, ProviderError> {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let mode = self.mode();
            let mut streamed = false;
            let outcome = {
                let _permit = tokio::select! {
                    permit = self.permits.acquire() => permit.map_err(|_| ProviderError::Cancelled)?,
                    () = cancel.cancelled() => return Err(ProviderError::Cancelled),
                };
                let mut forward = |t: &str| {
                    streamed = true;
                    on_text(t);
                };
                tokio::select! {
                    outcome = self.attempt(request, mode, &mut forward) => outcome,
                    () = cancel.cancelled() => return Err(ProviderError::Cancelled),
                }
            };
            match outcome {
                Attempt::Done(reply) => return Ok(reply),
                Attempt::Fail(error) => return Err(error),
                Attempt::Downgrade => {
                    match mode.fallback().filter(|_| self.config.structured_output == StructuredOutput::Auto) {
                        Some(next) => self.json_mode.store(next as u8, Ordering::Relaxed),
                        None => {
                            return Err(ProviderError::Status {
                                status: 400,
                                message: "the endpoint refuses structured output (response_format)".into(),
                            });
                        }
                    }
                    attempt -= 1;
                }
                Attempt::Retry { error, after } => {
                    if streamed || attempt > self.config.retries {
                        return Err(match error {
                            ProviderError::RateLimited { message, .. } => {
                                ProviderError::RateLimited { attempts: attempt, message }
                            }
                            other => other,
                        });
                    }
                    tokio::select! {
                        () = tokio::time::sleep(retry::delay(attempt, after)) => {}
                        () = cancel.cancelled() => return Err(ProviderError::Cancelled),
                    }
                }
            }
        }
    }

    fn mode(&self) -> JsonMode {
        match self.json_mode.load(Ordering::Relaxed) {
            m if m == JsonMode::Object as u8 => JsonMode::Object,
            m if m == JsonMode::Prompt as u8 => JsonMode::Prompt,
            _ => JsonMode::Schema,
        }
    }

    async fn attempt(&self, request: &ChatRequest, mode: JsonMode, on_text: &mut (dyn FnMut(&str) + Send)) -> Attempt {
        let url = self.url();
        let mut builder = self.http.post(&url).json(&wire::body(&self.config, request, mode));
        if let Some(key) = &self.key {
            builder = builder.bearer_auth(key.expose());
        }
        let response = match builder.send().await {
            Ok(r) => r,
            Err(e) => return Attempt::Retry { error: self.transport_error(&e, "waiting for the answer"), after: None },
        };
        let status = response.status();
        if !status.is_success() {
            let after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| retry::parse_retry_after(v, jiff::Timestamp::now()));
            // Some endpoints echo the key they refused; the error quotes the body, never the key.
            let body = self.redact(response.text().await.unwrap_or_default());
            return self.status_error(status, &body, after, request, mode);
        }
        // Some servers ignore `stream` and answer with the whole reply: read what was sent.
        let event_stream = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/event-stream"));
        if request.stream && event_stream {
            self.read_stream(response, on_text).await
        } else {
            match response.text().await {
                Ok(text) => match wire::reply(&text) {
                    Ok(reply) => {
                        if request.stream {
                            on_text(&reply.content);
                        }
                        Attempt::Done(reply)
                    }
                    Err(why) => Attempt::Fail(ProviderError::Malformed(why)),
                },
                Err(e) => Attempt::Retry { error: self.transport_error(&e, "reading the answer"), after: None },
            }
        }
    }

    /// `text` with the API key replaced by `<redacted>`.
    fn redact(&self, text: String) -> String {
        match self.key.as_ref().map(ApiKey::expose) {
            Some(key) if !key.is_empty() && text.contains(key) => text.replace(key, "<redacted>"),
            _ => text,
        }
    }

    fn status_error(
        &self,
        status: StatusCode,
        body: &str,
        after: Option<Duration>,
        request: &ChatRequest,
        mode: JsonMode,
    ) -> Attempt {
        let message = wire::error_body_message(body);
        let lower = message.to_ascii_lowercase();
        match status.as_u16() {
            401 | 403 => Attempt::Fail(ProviderError::Unauthorized {
                status: status.as_u16(),
                message,
                env: self.config.api_key_env.clone(),
            }),
            429 => Attempt::Retry { error: ProviderError::RateLimited { attempts: 0, message }, after },
            400 | 422
                if matches!(request.structure, Structure::Json { .. })
                    && mode != JsonMode::Prompt
                    && (lower.contains("response_format")
                        || lower.contains("json_schema")
                        || lower.contains("schema")) =>
            {
                Attempt::Downgrade
            }
            s if s >= 500 => Attempt::Retry { error: ProviderError::Status { status: s, message }, after },
            s => Attempt::Fail(ProviderError::Status { status: s, message }),
        }
    }

    async fn read_stream(&self, response: reqwest::Response, on_text: &mut (dyn FnMut(&str) + Send)) -> Attempt {
        let mut events = response.bytes_stream().eventsource();
        let (mut content, mut finish, mut usage) = (String::new(), None, Usage::default());
        while let Some(event) = events.next().await {
            let event = match event {
                Ok(event) => event,
                Err(eventsource_stream::EventStreamError::Transport(e)) => {
                    return self.cut_stream(&content, self.transport_error(&e, "streaming the answer"));
                }
                Err(e) => {
                    return Attempt::Fail(ProviderError::Malformed(format!("the event stream is malformed: {e}")));
                }
            };
            let data = event.data.trim();
            if data == "[DONE]" {
                break;
            }
            if data.is_empty() {
                continue;
            }
            match wire::chunk(data) {
                Ok(chunk) => {
                    if !chunk.text.is_empty() {
                        on_text(&chunk.text);
                        content.push_str(&chunk.text);
                    }
                    finish = chunk.finish.or(finish);
                    usage = chunk.usage.unwrap_or(usage);
                }
                Err(why) => return Attempt::Fail(ProviderError::Malformed(why)),
            }
        }
        match finish {
            Some(finish) => Attempt::Done(ChatReply { content, finish, usage }),
            None => self.cut_stream(
                &content,
                ProviderError::Malformed(format!(
                    "the stream ended after {} characters without saying the reply was finished",
                    content.chars().count()
                )),
            ),
        }
    }

    /// A stream that broke off: retried only when nothing had arrived yet.
    fn cut_stream(&self, content: &str, error: ProviderError) -> Attempt {
        if content.is_empty() { Attempt::Retry { error, after: None } } else { Attempt::Fail(error) }
    }

    fn transport_error(&self, e: &reqwest::Error, what: &'static str) -> ProviderError {
        if e.is_timeout() {
            let idle = self.config.idle_timeout_secs;
            let whole = self.config.timeout_secs;
            // reqwest reports both limits as a timeout; the shorter one is the likelier.
            return ProviderError::Timeout { seconds: idle.min(whole), what };
        }
        let mut reason = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            reason = s.to_string();
            source = s.source();
        }
        if e.is_connect() {
            ProviderError::Unreachable { url: self.url(), reason }
        } else {
            ProviderError::Malformed(format!("the connection broke while {what}: {reason}"))
        }
    }
}
