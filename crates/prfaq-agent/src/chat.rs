//! The chat-completions exchange as plain data: what an agent asks for and what came back.
//!
//! These types are what the state machines produce and consume; only the provider turns them
//! into HTTP. They follow the OpenAI chat-completions shape that llama.cpp, Ollama, vLLM,
//! LM Studio and hosted services all accept.

use serde::Serialize;
use serde_json::Value;

/// Who said a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Instructions.
    System,
    /// The request.
    User,
    /// The model's earlier reply (kept in the conversation when asking for a correction).
    Assistant,
}

/// One message of the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// Who said it.
    pub role: Role,
    /// What was said.
    pub content: String,
}

impl Message {
    /// A system message.
    pub fn system(content: impl Into<String>) -> Self {
        Self { role: Role::System, content: content.into() }
    }

    /// A user message.
    pub fn user(content: impl Into<String>) -> Self {
        Self { role: Role::User, content: content.into() }
    }

    /// An assistant message.
    pub fn assistant(content: impl Into<String>) -> Self {
        Self { role: Role::Assistant, content: content.into() }
    }
}

/// The structure asked of the reply.
#[derive(Debug, Clone, PartialEq)]
pub enum Structure {
    /// Free text (Markdown).
    Text,
    /// A JSON value following `schema`; sent as `json_schema`, `json_object` or only in the
    /// prompt, as the endpoint supports (see [`crate::config::StructuredOutput`]).
    Json {
        /// A name for the schema (letters, digits, `_`).
        name: &'static str,
        /// The JSON Schema.
        schema: Value,
    },
}

/// A request for one completion.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatRequest {
    /// The conversation so far.
    pub messages: Vec<Message>,
    /// The structure asked for.
    pub structure: Structure,
    /// The most tokens the reply may have.
    pub max_tokens: u32,
    /// Stream the reply as it is generated (progress shown to the user).
    pub stream: bool,
}

/// Why the model stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FinishReason {
    /// It finished its answer.
    Stop,
    /// It ran out of tokens: the reply is cut off, possibly mid-string.
    Length,
    /// Anything else the endpoint reported (content filter, tool calls, none at all).
    Other,
}

impl FinishReason {
    /// Reads the wire value.
    #[must_use]
    pub fn from_wire(value: Option<&str>) -> Self {
        match value {
            Some("stop" | "eos" | "end_turn") => FinishReason::Stop,
            Some("length" | "max_tokens") => FinishReason::Length,
            _ => FinishReason::Other,
        }
    }
}

/// Tokens used, when the endpoint says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Usage {
    /// Tokens of the prompt.
    pub prompt_tokens: u64,
    /// Tokens of the reply.
    pub completion_tokens: u64,
}

/// A completed reply.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatReply {
    /// The text of the reply.
    pub content: String,
    /// Why it ended.
    pub finish: FinishReason,
    /// Tokens used (zero when the endpoint does not report them).
    pub usage: Usage,
}
