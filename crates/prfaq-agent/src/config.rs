//! The `[agent]` table of `prfaq.toml`: which endpoint, which model, where the key comes from,
//! and how patient to be.
//!
//! ```toml
//! [agent]
//! base_url = "http://127.0.0.1:8080/v1"
//! model = "qwen2.5-7b-instruct"
//! api_key_env = "PRFAQ_AGENT_API_KEY"
//! concurrency = 3
//!
//! [[agent.personas]]
//! id = "support"
//! name = "Support lead"
//! function = "support"
//! focus = "what will customers call us about in week one"
//! ```
//!
//! The key itself is never in the file: only the name of the environment variable that holds it.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The TOML does not parse or has unknown keys.
    // Not `#[from]`: that would also make the TOML error the source, and the message, which
    // already says it, would be printed twice where the error chain is shown.
    #[error("{0}")]
    Toml(toml::de::Error),
    /// A value is out of range.
    #[error("[agent] {field}: {why}")]
    Invalid {
        /// The key at fault.
        field: &'static str,
        /// What is wrong with it.
        why: String,
    },
}

impl From<toml::de::Error> for ConfigError {
    fn from(error: toml::de::Error) -> Self {
        ConfigError::Toml(error)
    }
}

/// How to ask an endpoint for JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StructuredOutput {
    /// `json_schema` first; on a 400 that names `response_format`, `json_object`; then none.
    #[default]
    Auto,
    /// `response_format: {type: json_schema}` (OpenAI, llama.cpp, vLLM, LM Studio, Ollama).
    JsonSchema,
    /// `response_format: {type: json_object}`, the schema in the prompt.
    JsonObject,
    /// The schema in the prompt only; the reply is extracted tolerantly.
    Prompt,
}

impl fmt::Display for StructuredOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StructuredOutput::Auto => "auto",
            StructuredOutput::JsonSchema => "json_schema",
            StructuredOutput::JsonObject => "json_object",
            StructuredOutput::Prompt => "prompt",
        })
    }
}

/// An API key, read from the environment. Its `Debug` never shows it, and it has no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    #[must_use]
    pub fn new(key: String) -> Self {
        Self(key)
    }

    /// The key, for the `Authorization` header only.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

/// A reviewer persona defined in configuration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct PersonaConfig {
    /// Short id used on the command line (`--persona support`).
    pub id: String,
    /// Display name ("Support lead").
    pub name: String,
    /// The reviewer function it stands for: engineering, finance, legal, marketing, design,
    /// support, leadership or customer.
    #[serde(default = "default_function")]
    pub function: String,
    /// What this reviewer looks for, in a sentence or two.
    pub focus: String,
}

fn default_function() -> String {
    "leadership".into()
}

/// The agent settings in force.
#[derive(Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AgentConfig {
    /// The endpoint's base URL, up to and including `/v1`.
    pub base_url: String,
    /// The model name sent with every request.
    pub model: String,
    /// The environment variable holding the API key; none is sent when it is unset or empty.
    pub api_key_env: String,
    /// Seconds a whole request may take, streaming included.
    pub timeout_secs: u64,
    /// Seconds to wait for the connection.
    pub connect_timeout_secs: u64,
    /// Seconds of silence while a reply streams before giving up on it.
    pub idle_timeout_secs: u64,
    /// Retries after a connection failure, a 429 or a 5xx (so `retries + 1` attempts at most).
    pub retries: u32,
    /// Requests in flight at once, across every agent of a run.
    pub concurrency: usize,
    /// Sampling temperature.
    pub temperature: f64,
    /// Sampling seed, for repeatable runs where the endpoint honours it.
    pub seed: Option<u64>,
    /// The most tokens of a draft or a rewrite.
    pub max_tokens: u32,
    /// The most tokens of one reviewer's comments.
    pub review_max_tokens: u32,
    /// How structured output is asked for.
    pub structured_output: StructuredOutput,
    /// How many times the drafter may be asked to fix structural findings.
    pub fix_rounds: u32,
    /// How many times a malformed structured reply is asked for again.
    pub format_retries: u32,
    /// The most comments one reviewer may return.
    pub max_comments: usize,
    /// Custom personas, in addition to the built-in ones.
    pub personas: Vec<PersonaConfig>,
}

impl Default for AgentConfig {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:8080/v1".into(),
            model: "default".into(),
            api_key_env: "PRFAQ_AGENT_API_KEY".into(),
            timeout_secs: 300,
            connect_timeout_secs: 10,
            idle_timeout_secs: 60,
            retries: 3,
            concurrency: 2,
            temperature: 0.2,
            seed: None,
            max_tokens: 2048,
            review_max_tokens: 900,
            structured_output: StructuredOutput::Auto,
            fix_rounds: 2,
            format_retries: 2,
            max_comments: 8,
            personas: Vec::new(),
        }
    }
}

impl fmt::Debug for AgentConfig {
    // Written out so that a future field holding a secret cannot slip into logs by derive.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AgentConfig")
            .field("base_url", &self.base_url)
            .field("model", &self.model)
            .field("api_key_env", &self.api_key_env)
            .field("concurrency", &self.concurrency)
            .field("structured_output", &self.structured_output)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize, Default)]
struct File {
    #[serde(default)]
    agent: Option<AgentConfig>,
}

impl AgentConfig {
    /// Reads the `[agent]` table of a whole `prfaq.toml` (other tables are ignored here; the
    /// critique engine checks those). Unknown keys inside `[agent]` are errors.
    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        Ok(Self::from_toml_if_present(text)?.unwrap_or_default())
    }

    /// Like [`AgentConfig::from_toml`], but `None` when the file has no `[agent]` table (the
    /// web app then offers agents only to workspaces that set an endpoint).
    pub fn from_toml_if_present(text: &str) -> Result<Option<Self>, ConfigError> {
        let file: File = toml::from_str(text)?;
        file.agent.map(AgentConfig::validated).transpose()
    }

    /// Checks ranges; returns the configuration unchanged when they hold.
    pub fn validated(self) -> Result<Self, ConfigError> {
        let invalid = |field, why: &str| Err(ConfigError::Invalid { field, why: why.into() });
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return invalid("base_url", "must start with http:// or https://");
        }
        if self.model.trim().is_empty() {
            return invalid("model", "must not be empty");
        }
        if self.concurrency == 0 || self.concurrency > 64 {
            return invalid("concurrency", "must be between 1 and 64");
        }
        if !(0.0..=2.0).contains(&self.temperature) {
            return invalid("temperature", "must be between 0 and 2");
        }
        for (field, value) in [
            ("timeout_secs", self.timeout_secs),
            ("connect_timeout_secs", self.connect_timeout_secs),
            ("idle_timeout_secs", self.idle_timeout_secs),
        ] {
            if value == 0 {
                return invalid(field, "must be at least one second");
            }
        }
        if self.max_tokens < 64 || self.review_max_tokens < 64 {
            return invalid("max_tokens", "must be at least 64");
        }
        if self.max_comments == 0 {
            return invalid("max_comments", "must be at least 1");
        }
        for p in &self.personas {
            if p.id.is_empty() || !p.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                return Err(ConfigError::Invalid {
                    field: "personas",
                    why: format!("id {:?} must be letters, digits, - or _", p.id),
                });
            }
        }
        Ok(self)
    }

    /// The API key from the environment, if the variable is set and not empty.
    #[must_use]
    pub fn api_key(&self) -> Option<ApiKey> {
        std::env::var(&self.api_key_env).ok().filter(|k| !k.trim().is_empty()).map(|k| ApiKey::new(k.trim().into()))
    }

    /// The whole-request timeout.
    #[must_use]
    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout_secs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_agent_table_and_ignores_the_others() {
        let c = AgentConfig::from_toml(
            "[limits]\nheadline_max_words = 9\n[agent]\nbase_url = \"http://localhost:11434/v1\"\nmodel = \"llama3\"\nconcurrency = 4\n[[agent.personas]]\nid = \"support\"\nname = \"Support lead\"\nfocus = \"week-one calls\"\n",
        )
        .expect("valid");
        assert_eq!(c.model, "llama3");
        assert_eq!(c.concurrency, 4);
        assert_eq!(c.personas[0].function, "leadership");
        assert_eq!(AgentConfig::from_toml("").expect("empty").model, "default");
        assert!(AgentConfig::from_toml_if_present("[limits]\n").expect("no table").is_none());
    }

    #[test]
    fn typos_and_bad_ranges_are_errors() {
        let e = AgentConfig::from_toml("[agent]\nmodle = \"x\"\n").expect_err("unknown key");
        assert!(e.to_string().contains("modle"), "{e}");
        let e = AgentConfig::from_toml("[agent]\nconcurrency = 0\n").expect_err("range");
        assert!(e.to_string().contains("concurrency"), "{e}");
        let e = AgentConfig::from_toml("[agent]\nbase_url = \"localhost:8080\"\n").expect_err("scheme");
        assert!(e.to_string().contains("base_url"), "{e}");
    }

    #[test]
    fn the_key_never_shows() {
        let key = ApiKey::new("sk-secret".into());
        assert!(!format!("{key:?}").contains("secret"));
        let config = AgentConfig::default();
        assert!(!format!("{config:?}").contains("sk-"));
    }
}
