//! AI agents for PR/FAQs: a drafter, persona reviewers and a reviser, over any
//! OpenAI-compatible chat-completions endpoint (llama.cpp, Ollama, vLLM, LM Studio, hosted).
//!
//! Every agent is a pure state machine ([`fsm`]) that returns the requests it wants made as
//! data and takes the replies as events; [`provider`] is the HTTP client that makes them, and
//! [`drive`] drives one against the other. What a model says enters prfaq only through the same
//! parser and critique engine as anything a person writes: drafts are parsed and checked,
//! review comments must quote a passage that is in the document, rewrites are re-checked.

pub mod brief;
pub mod chat;
pub mod config;
pub mod extract;
pub mod fsm;
pub mod personas;
pub mod provider;
mod run;

pub use run::{Progress, drive, drive_all};
