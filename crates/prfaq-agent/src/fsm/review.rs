//! A persona reviewer: asks for comments as JSON, reads them tolerantly, asks again when the
//! reply cannot be read, and keeps only comments whose quoted passage is in the document.

use serde::Serialize;
use serde_json::{Value, json};

use super::{Effect, Event, Machine};
use crate::chat::{ChatRequest, FinishReason, Message, Structure};
use crate::config::AgentConfig;
use crate::extract;
use crate::personas::Persona;
use crate::provider::ProviderError;

/// What a comment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Something the reader wants answered.
    Question,
    /// Something the reader thinks is wrong or risky.
    Concern,
    /// Something taken for granted that needs checking.
    Assumption,
    /// A proposed change.
    Suggestion,
    /// Something that works.
    Praise,
}

impl Kind {
    /// Every kind's word.
    pub const WORDS: [&'static str; 5] = ["question", "concern", "assumption", "suggestion", "praise"];

    /// Reads a kind, with the synonyms models use.
    #[must_use]
    pub fn read(word: &str) -> Option<Self> {
        Some(match word.trim().to_ascii_lowercase().as_str() {
            "question" | "clarification" | "ask" => Kind::Question,
            "concern" | "issue" | "risk" | "problem" | "objection" => Kind::Concern,
            "assumption" => Kind::Assumption,
            "suggestion" | "recommendation" | "improvement" | "idea" => Kind::Suggestion,
            "praise" | "positive" | "strength" => Kind::Praise,
            _ => return None,
        })
    }

    /// The word.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        Self::WORDS[self as usize]
    }
}

/// How much a comment matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks a decision.
    Critical,
    /// Must be addressed.
    Important,
    /// Polish.
    Minor,
}

impl Severity {
    /// Every severity's word.
    pub const WORDS: [&'static str; 3] = ["critical", "important", "minor"];

    /// Reads a severity, with the synonyms models use.
    #[must_use]
    pub fn read(word: &str) -> Option<Self> {
        Some(match word.trim().to_ascii_lowercase().as_str() {
            "critical" | "blocker" | "blocking" | "high" | "severe" => Severity::Critical,
            "important" | "major" | "medium" | "moderate" => Severity::Important,
            "minor" | "low" | "nit" | "trivial" | "small" => Severity::Minor,
            _ => return None,
        })
    }

    /// The word.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        Self::WORDS[self as usize]
    }
}

/// A comment anchored to a passage of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// The passage exactly as it is in the source.
    pub quote: String,
    /// Byte offsets of the passage in the source, end-exclusive.
    pub start: usize,
    /// See `start`.
    pub end: usize,
    /// Where it is, as a reader names it ("Press release: problem", an FAQ question).
    pub section: String,
    /// What it is.
    pub kind: Kind,
    /// How much it matters.
    pub severity: Severity,
    /// The comment.
    pub text: String,
}

/// One persona's review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    /// The persona's id.
    pub persona: String,
    /// Its display name.
    pub name: String,
    /// Its reviewer function.
    pub function: String,
    /// Comments whose passage is in the document, in document order.
    pub comments: Vec<Comment>,
    /// Comments dropped because their quote is not in the document.
    pub unanchored: usize,
    /// Comments dropped because a field was missing or unreadable.
    pub invalid: usize,
    /// Requests made (1 when the first reply could be read).
    pub attempts: u32,
}

/// Why a review produced nothing usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// The endpoint failed.
    #[error("{persona}: {source}")]
    Provider {
        /// The persona's id.
        persona: String,
        /// What failed.
        source: ProviderError,
    },
    /// No reply could be read as comments, after every retry.
    #[error("{persona}: no readable comments after {attempts} attempts ({why})")]
    Unreadable {
        /// The persona's id.
        persona: String,
        /// Requests made.
        attempts: u32,
        /// What was wrong with the last reply.
        why: String,
    },
}

impl ReviewError {
    /// The persona whose review failed.
    #[must_use]
    pub fn persona(&self) -> &str {
        match self {
            ReviewError::Provider { persona, .. } | ReviewError::Unreadable { persona, .. } => persona,
        }
    }
}

/// Settings of a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most comments asked for and kept.
    pub max_comments: usize,
    /// The most tokens of a reply.
    pub max_tokens: u32,
    /// How many times an unreadable reply is asked for again.
    pub retries: u32,
}

impl Limits {
    /// The limits `[agent]` sets.
    #[must_use]
    pub fn of(config: &AgentConfig) -> Self {
        Limits {
            max_comments: config.max_comments,
            max_tokens: config.review_max_tokens,
            retries: config.format_retries,
        }
    }
}

/// Documents with more passages than this are not listed in the schema (the grammar would be
/// large, and hosted endpoints limit enum sizes); their quotes are checked after the fact only.
const MAX_LISTED_PASSAGES: usize = 250;

/// The passages a comment may quote, when the document is small enough to list them: each
/// heading's text and each sentence of its paragraphs, lists and block quotes, as in the source.
/// With `json_schema`, the endpoint then cannot produce a quote that is not in the document.
#[must_use]
pub fn passages(doc: &prfaq_doc::Document) -> Option<Vec<String>> {
    use prfaq_doc::BlockKind;
    let mut out: Vec<String> = Vec::new();
    for block in &doc.blocks {
        let text = &doc.source[block.span.start..block.span.end];
        match block.kind {
            BlockKind::Heading(_) => out.push(text.trim_start_matches('#').trim().to_string()),
            BlockKind::Paragraph | BlockKind::List | BlockKind::BlockQuote => {
                for line in text.lines() {
                    let line = line.trim_start_matches(['-', '*', '>', ' ']).trim();
                    for r in prfaq_doc::text::sentences(line) {
                        out.push(line[r].trim().to_string());
                    }
                }
            }
            _ => {}
        }
    }
    out.retain(|p| p.chars().filter(|c| c.is_alphanumeric()).count() >= 3 && p.len() <= 400);
    out.dedup();
    (!out.is_empty() && out.len() <= MAX_LISTED_PASSAGES).then_some(out)
}

/// The comment schema: lengths and counts bounded so a small model's reply ends before its
/// token budget does; with `passages`, the quote must be one of them.
#[must_use]
pub fn schema(max_comments: usize, passages: Option<&[String]>) -> Value {
    let quote = match passages {
        Some(list) => json!({ "enum": list }),
        None => json!({ "type": "string", "minLength": 3, "maxLength": 200 }),
    };
    json!({
        "type": "object",
        "properties": {
            "comments": {
                "type": "array",
                "minItems": 1,
                "maxItems": max_comments,
                "items": {
                    "type": "object",
                    "properties": {
                        "quote": quote,
                        "kind": { "enum": Kind::WORDS },
                        "severity": { "enum": Severity::WORDS },
                        "text": { "type": "string", "minLength": 3, "maxLength": 400 }
                    },
                    "required": ["quote", "kind", "severity", "text"],
                    "additionalProperties": false
                }
            }
        },
        "required": ["comments"],
        "additionalProperties": false
    })
}

/// The review state machine for one persona and one document.
#[derive(Debug)]
pub struct ReviewMachine {
    persona: Persona,
    doc: prfaq_doc::Document,
    limits: Limits,
    passages: Option<Vec<String>>,
    messages: Vec<Message>,
    attempts: u32,
}

impl ReviewMachine {
    /// A reviewer `persona` for the document `source`.
    #[must_use]
    pub fn new(persona: Persona, source: &str, limits: Limits) -> Self {
        let doc = prfaq_doc::parse(source);
        let messages = vec![
            Message::system(format!(
                "You are the {name} reviewing a PR/FAQ (an Amazon Working Backwards press release and FAQ) before a go/no-go decision. {focus} \
                 Write at most {max} comments. Each comment quotes the sentence or heading it is about, copied exactly, word for word, from the document, \
                 says what kind it is ({kinds}), how much it matters ({severities}), and says in one or two sentences what the author should do.",
                name = persona.name,
                focus = persona.focus,
                max = limits.max_comments,
                kinds = Kind::WORDS.join(", "),
                severities = Severity::WORDS.join(", "),
            )),
            Message::user(format!(
                "The document:\n\n{source}\n\nReply with only a JSON object: {{\"comments\": [{{\"quote\": \"…\", \"kind\": \"…\", \"severity\": \"…\", \"text\": \"…\"}}]}}"
            )),
        ];
        let passages = passages(&doc);
        Self { persona, doc, limits, passages, messages, attempts: 0 }
    }

    fn ask(&mut self, stage: String) -> Effect<Result<Review, ReviewError>> {
        self.attempts += 1;
        Effect::Ask {
            request: ChatRequest {
                messages: self.messages.clone(),
                structure: Structure::Json {
                    name: "review_comments",
                    schema: schema(self.limits.max_comments, self.passages.as_deref()),
                },
                max_tokens: self.limits.max_tokens,
                // Streamed so the idle timeout measures silence, not the whole reply's length.
                stream: true,
            },
            stage,
        }
    }

    /// Asks again after an unusable reply, telling the model what was wrong, or gives up.
    fn again(&mut self, reply: &str, why: String) -> Effect<Result<Review, ReviewError>> {
        if self.attempts > self.limits.retries {
            return Effect::Done(Err(ReviewError::Unreadable {
                persona: self.persona.id.clone(),
                attempts: self.attempts,
                why,
            }));
        }
        self.messages.truncate(2);
        self.messages.push(Message::assistant(reply));
        self.messages.push(Message::user(format!(
            "{why}. Reply again with only the JSON object, at most {} short comments, each quote copied exactly from the document.",
            self.limits.max_comments
        )));
        let stage = format!("{}: asking again ({why})", self.persona.name);
        self.ask(stage)
    }

    /// Reads the reply's comments, anchoring each; `Err` when nothing could be read at all.
    fn read(&self, content: &str) -> Result<Review, String> {
        let items = extract::items(extract::first_json(content)?, "comments")?;
        let mut review = Review {
            persona: self.persona.id.clone(),
            name: self.persona.name.clone(),
            function: self.persona.function.clone(),
            comments: Vec::new(),
            unanchored: 0,
            invalid: 0,
            attempts: self.attempts,
        };
        for item in items.iter().take(self.limits.max_comments) {
            let quote = extract::text_field(item, &["quote", "passage", "excerpt"]);
            let text = extract::text_field(item, &["text", "comment", "body", "message"]);
            let kind = extract::text_field(item, &["kind", "type"]).map_or(Some(Kind::Concern), Kind::read);
            let severity =
                extract::text_field(item, &["severity", "priority"]).map_or(Some(Severity::Important), Severity::read);
            let (Some(quote), Some(text), Some(kind), Some(severity)) = (quote, text, kind, severity) else {
                review.invalid += 1;
                continue;
            };
            match self.anchor(quote) {
                Some((start, end)) => {
                    if review.comments.iter().any(|c| c.start == start && c.text == text) {
                        continue;
                    }
                    review.comments.push(Comment {
                        quote: self.doc.source[start..end].to_string(),
                        start,
                        end,
                        section: prfaq_doc::passage::section_at(&self.doc, start),
                        kind,
                        severity,
                        text: text.to_string(),
                    });
                }
                None => review.unanchored += 1,
            }
        }
        review.comments.sort_by_key(|c| (c.start, c.end));
        Ok(review)
    }

    /// Where `quote` is in the document: as given, then without the quotation marks or
    /// ellipses models wrap around passages. Passages under three characters are not anchors.
    fn anchor(&self, quote: &str) -> Option<(usize, usize)> {
        let trimmed = quote.trim_matches(|c: char| matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '…' | '.' | ' '));
        [quote, trimmed]
            .into_iter()
            .filter(|q| q.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
            .find_map(|q| prfaq_doc::passage::locate(&self.doc.source, q, None))
    }
}

impl Machine for ReviewMachine {
    type Outcome = Result<Review, ReviewError>;

    fn start(&mut self) -> Effect<Self::Outcome> {
        let stage = format!("{}: reviewing", self.persona.name);
        self.ask(stage)
    }

    fn on(&mut self, event: Event) -> Effect<Self::Outcome> {
        let reply = match event {
            Event::Replied(reply) => reply,
            Event::Failed(source) => {
                return Effect::Done(Err(ReviewError::Provider { persona: self.persona.id.clone(), source }));
            }
        };
        match self.read(&reply.content) {
            Ok(review) if review.comments.is_empty() && review.unanchored > 0 => {
                let why = format!("none of the {} quoted passages is in the document word for word", review.unanchored);
                if self.attempts > self.limits.retries {
                    Effect::Done(Ok(review))
                } else {
                    self.again(&reply.content, why)
                }
            }
            Ok(review) => Effect::Done(Ok(review)),
            Err(why) => {
                let why = if reply.finish == FinishReason::Length {
                    format!("the reply ran out of tokens and was cut off ({why})")
                } else {
                    why
                };
                self.again(&reply.content, why)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::{ChatReply, Usage};
    use crate::personas::built_in;

    const DOC: &str = "# Acme Reports Gives Marketers Their Mondays Back\n\nSEATTLE — Marketers spend **six hours** every Monday copying numbers between tools.\n\n## External FAQ\n### How much does it cost?\nTBD.\n";

    fn machine() -> ReviewMachine {
        let limits = Limits { max_comments: 4, max_tokens: 400, retries: 2 };
        ReviewMachine::new(built_in().remove(1), DOC, limits)
    }

    fn reply(content: &str, finish: FinishReason) -> Event {
        Event::Replied(ChatReply { content: content.into(), finish, usage: Usage::default() })
    }

    fn done(effect: Effect<Result<Review, ReviewError>>) -> Result<Review, ReviewError> {
        match effect {
            Effect::Done(outcome) => outcome,
            Effect::Ask { stage, .. } => panic!("expected the end, got another request: {stage}"),
        }
    }

    #[test]
    fn the_first_request_asks_for_schema_bound_json() {
        let mut m = machine();
        let Effect::Ask { request, .. } = m.start() else { panic!("expected a request") };
        let Structure::Json { schema, .. } = &request.structure else { panic!("expected JSON") };
        assert_eq!(schema["properties"]["comments"]["maxItems"], 4);
        let quotes = &schema["properties"]["comments"]["items"]["properties"]["quote"]["enum"];
        let listed: Vec<&str> = quotes.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        assert!(
            listed.contains(&"SEATTLE — Marketers spend **six hours** every Monday copying numbers between tools."),
            "{listed:?}"
        );
        assert!(listed.contains(&"How much does it cost?") && listed.contains(&"TBD."), "{listed:?}");
        assert!(request.messages[1].content.contains("six hours"));
    }

    #[test]
    fn anchored_comments_are_kept_and_the_rest_counted() {
        let mut m = machine();
        m.start();
        let review = done(m.on(reply(
            r#"{"comments": [
                {"quote": "spend six hours every Monday", "kind": "question", "severity": "major", "text": "Measured how?"},
                {"quote": "Marketers hate Mondays", "kind": "concern", "severity": "minor", "text": "Invented."},
                {"quote": "TBD", "kind": "wish", "severity": "minor", "text": "?"}
            ]}"#,
            FinishReason::Stop,
        )))
        .expect("review");
        assert_eq!(review.comments.len(), 1);
        let c = &review.comments[0];
        assert_eq!(c.quote, "spend **six hours** every Monday");
        assert_eq!(&DOC[c.start..c.end], c.quote);
        assert_eq!((c.kind, c.severity), (Kind::Question, Severity::Important));
        assert_eq!(c.section, "Press release: summary");
        assert_eq!((review.unanchored, review.invalid, review.attempts), (1, 1, 1));
    }

    #[test]
    fn an_unreadable_reply_is_asked_for_again_with_the_reason() {
        let mut m = machine();
        m.start();
        let Effect::Ask { request, stage } = m.on(reply("{\"comments\": [{\"quote\": \"six", FinishReason::Length))
        else {
            panic!("expected a retry")
        };
        assert!(stage.contains("cut off"), "{stage}");
        assert_eq!(request.messages.len(), 4);
        assert!(request.messages[3].content.contains("ran out of tokens"));
        let review = done(m.on(reply(
            "```json\n[{\"quote\": \"TBD\", \"kind\": \"concern\", \"severity\": \"critical\", \"text\": \"Price it.\"}]\n```",
            FinishReason::Stop,
        )))
        .expect("review");
        assert_eq!((review.comments.len(), review.attempts), (1, 2));
        assert_eq!(review.comments[0].section, "How much does it cost?");
    }

    #[test]
    fn retries_are_bounded() {
        let mut m = machine();
        m.start();
        assert!(matches!(m.on(reply("no", FinishReason::Stop)), Effect::Ask { .. }));
        assert!(matches!(m.on(reply("still no", FinishReason::Stop)), Effect::Ask { .. }));
        let e = done(m.on(reply("never", FinishReason::Stop))).expect_err("gives up");
        assert!(matches!(e, ReviewError::Unreadable { attempts: 3, .. }), "{e:?}");
    }

    #[test]
    fn quotes_that_are_all_invented_get_one_more_chance() {
        let mut m = machine();
        m.start();
        let invented = r#"{"comments": [{"quote": "the best product ever", "kind": "concern", "severity": "minor", "text": "x"}]}"#;
        let Effect::Ask { request, .. } = m.on(reply(invented, FinishReason::Stop)) else { panic!("expected a retry") };
        assert!(request.messages[3].content.contains("word for word"));
    }

    #[test]
    fn provider_failures_end_the_review() {
        let mut m = machine();
        m.start();
        let e = done(m.on(Event::Failed(ProviderError::Cancelled))).expect_err("failed");
        assert!(e.to_string().contains("cancelled"));
    }
}
