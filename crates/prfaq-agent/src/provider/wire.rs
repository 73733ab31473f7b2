//! The chat-completions JSON: request bodies out, replies and stream chunks in.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::chat::{ChatReply, ChatRequest, FinishReason, Structure, Usage};
use crate::config::{AgentConfig, StructuredOutput};

/// How JSON is asked for on one attempt (the provider may step down from one to the next).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonMode {
    /// `response_format: json_schema`.
    Schema,
    /// `response_format: json_object`.
    Object,
    /// Only the prompt asks.
    Prompt,
}

impl JsonMode {
    /// The first mode to try under a configuration.
    #[must_use]
    pub fn first(setting: StructuredOutput) -> Self {
        match setting {
            StructuredOutput::Auto | StructuredOutput::JsonSchema => JsonMode::Schema,
            StructuredOutput::JsonObject => JsonMode::Object,
            StructuredOutput::Prompt => JsonMode::Prompt,
        }
    }

    /// The mode to fall back to when the endpoint refuses this one (only under `auto`).
    #[must_use]
    pub fn fallback(self) -> Option<Self> {
        match self {
            JsonMode::Schema => Some(JsonMode::Object),
            JsonMode::Object => Some(JsonMode::Prompt),
            JsonMode::Prompt => None,
        }
    }
}

/// The request body for `request` under `config`.
#[must_use]
pub fn body(config: &AgentConfig, request: &ChatRequest, mode: JsonMode) -> Value {
    // Without `json_schema`, the schema can only be given in words: it goes after the last
    // message, so the model reads it last.
    let mut messages = request.messages.clone();
    if let (Structure::Json { schema, .. }, JsonMode::Object | JsonMode::Prompt) = (&request.structure, mode)
        && let Some(last) = messages.last_mut()
    {
        last.content.push_str(&format!("\n\nReply with JSON that matches this JSON Schema:\n{schema}"));
    }
    let mut body = json!({
        "model": config.model,
        "messages": messages,
        "max_tokens": request.max_tokens,
        "temperature": config.temperature,
        "stream": request.stream,
    });
    if let Some(seed) = config.seed {
        body["seed"] = json!(seed);
    }
    if request.stream {
        body["stream_options"] = json!({ "include_usage": true });
    }
    if let Structure::Json { name, schema } = &request.structure {
        match mode {
            JsonMode::Schema => {
                body["response_format"] =
                    json!({ "type": "json_schema", "json_schema": { "name": name, "strict": true, "schema": schema } });
            }
            JsonMode::Object => body["response_format"] = json!({ "type": "json_object" }),
            JsonMode::Prompt => {}
        }
    }
    body
}

#[derive(Deserialize)]
struct Completion {
    #[serde(default)]
    choices: Vec<Choice>,
    usage: Option<WireUsage>,
}

#[derive(Deserialize)]
struct Choice {
    message: Option<ChoiceMessage>,
    delta: Option<ChoiceMessage>,
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct ChoiceMessage {
    content: Option<String>,
}

#[derive(Deserialize)]
struct WireUsage {
    #[serde(default)]
    prompt_tokens: u64,
    #[serde(default)]
    completion_tokens: u64,
}

impl From<WireUsage> for Usage {
    fn from(u: WireUsage) -> Self {
        Usage { prompt_tokens: u.prompt_tokens, completion_tokens: u.completion_tokens }
    }
}

/// A whole (not streamed) reply; the error says what was wrong with the body.
pub fn reply(text: &str) -> Result<ChatReply, String> {
    let completion: Completion = serde_json::from_str(text).map_err(|e| describe_bad_json(text, &e))?;
    let choice = completion.choices.into_iter().next().ok_or_else(|| "the reply has no choices".to_string())?;
    let content =
        choice.message.and_then(|m| m.content).ok_or_else(|| "the reply has no message content".to_string())?;
    Ok(ChatReply {
        content,
        finish: FinishReason::from_wire(choice.finish_reason.as_deref()),
        usage: completion.usage.map(Usage::from).unwrap_or_default(),
    })
}

/// What one stream chunk carries.
#[derive(Debug, Default, PartialEq)]
pub struct Chunk {
    /// New text.
    pub text: String,
    /// Set on the chunk that ends the choice.
    pub finish: Option<FinishReason>,
    /// Set on the usage chunk.
    pub usage: Option<Usage>,
}

/// One `data:` payload of a streamed reply.
pub fn chunk(data: &str) -> Result<Chunk, String> {
    let value: Value = serde_json::from_str(data).map_err(|e| describe_bad_json(data, &e))?;
    if let Some(error) = value.get("error") {
        return Err(format!("the endpoint reported an error mid-stream: {}", error_message(error)));
    }
    let completion: Completion = serde_json::from_value(value).map_err(|e| format!("unexpected stream chunk: {e}"))?;
    let mut out = Chunk { usage: completion.usage.map(Usage::from), ..Chunk::default() };
    if let Some(choice) = completion.choices.into_iter().next() {
        out.text = choice.delta.or(choice.message).and_then(|d| d.content).unwrap_or_default();
        out.finish = choice.finish_reason.as_deref().map(|r| FinishReason::from_wire(Some(r)));
    }
    Ok(out)
}

/// The message of an error body (`{"error": {"message": …}}` or `{"error": "…"}`), else the
/// body's start.
#[must_use]
pub fn error_body_message(body: &str) -> String {
    match serde_json::from_str::<Value>(body) {
        Ok(v) if v.get("error").is_some() => error_message(&v["error"]),
        Ok(v) if v.get("message").and_then(Value::as_str).is_some() => v["message"].as_str().unwrap_or("").to_string(),
        _ => snippet(body),
    }
}

fn error_message(error: &Value) -> String {
    match error {
        Value::String(s) => s.clone(),
        other => {
            other.get("message").and_then(Value::as_str).map_or_else(|| snippet(&other.to_string()), str::to_string)
        }
    }
}

fn describe_bad_json(text: &str, e: &serde_json::Error) -> String {
    if text.trim().is_empty() {
        "the body is empty".into()
    } else if e.is_eof() {
        format!("the body ends early (at byte {}): {}", text.len(), snippet(text))
    } else {
        format!("the body is not the JSON expected ({e}): {}", snippet(text))
    }
}

/// The first 160 characters of `text`, on one line.
#[must_use]
pub fn snippet(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(160) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::Message;

    fn request(structure: Structure) -> ChatRequest {
        ChatRequest { messages: vec![Message::user("hi")], structure, max_tokens: 100, stream: false }
    }

    #[test]
    fn the_json_mode_decides_response_format() {
        let config = AgentConfig::default();
        let json = request(Structure::Json { name: "c", schema: json!({"type": "object"}) });
        assert_eq!(body(&config, &json, JsonMode::Schema)["response_format"]["type"], "json_schema");
        assert_eq!(body(&config, &json, JsonMode::Object)["response_format"]["type"], "json_object");
        let asked = body(&config, &json, JsonMode::Object)["messages"][0]["content"].as_str().unwrap_or("").to_string();
        assert!(asked.ends_with("JSON Schema:\n{\"type\":\"object\"}"), "{asked}");
        let schema_mode =
            body(&config, &json, JsonMode::Schema)["messages"][0]["content"].as_str().unwrap_or("").to_string();
        assert_eq!(schema_mode, "hi");
        assert!(body(&config, &json, JsonMode::Prompt).get("response_format").is_none());
        assert!(body(&config, &request(Structure::Text), JsonMode::Schema).get("response_format").is_none());
    }

    #[test]
    fn replies_and_chunks_are_read() {
        let r = reply(r#"{"choices":[{"message":{"content":"hello"},"finish_reason":"length"}],"usage":{"prompt_tokens":3,"completion_tokens":1}}"#)
            .expect("reply");
        assert_eq!((r.content.as_str(), r.finish, r.usage.completion_tokens), ("hello", FinishReason::Length, 1));
        let c = chunk(r#"{"choices":[{"delta":{"content":"he"},"finish_reason":null}]}"#).expect("chunk");
        assert_eq!((c.text.as_str(), c.finish), ("he", None));
    }

    #[test]
    fn bad_bodies_say_what_is_wrong() {
        assert!(reply("").expect_err("empty").contains("empty"));
        assert!(reply(r#"{"choices":[{"message":{"content":"hel"#).expect_err("cut").contains("ends early"));
        assert!(reply("<html>Bad gateway</html>").expect_err("html").contains("Bad gateway"));
        assert!(reply(r#"{"choices":[]}"#).expect_err("none").contains("no choices"));
        assert!(chunk(r#"{"error":{"message":"model crashed"}}"#).expect_err("error").contains("model crashed"));
        assert_eq!(error_body_message(r#"{"error":{"message":"bad key"}}"#), "bad key");
    }
}
