//! The agents as pure state machines: each says what it wants asked ([`Effect::Ask`]), is told
//! what came back ([`Event`]), and ends with its outcome ([`Effect::Done`]). No IO, no clock, no
//! async: every path (a malformed reply, a truncated one, a quote that is not in the document,
//! a fix that made the draft worse) is a unit test that feeds events in and looks at effects.
//!
//! [`crate::drive`] is the driver that performs the effects against a
//! [`crate::provider::Provider`].

pub mod draft;
pub mod review;
pub mod revise;

use crate::chat::{ChatReply, ChatRequest};
use crate::provider::ProviderError;

/// What a machine wants done next.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect<O> {
    /// Send this request to the model, then feed the result back with [`Machine::on`].
    Ask {
        /// The request.
        request: ChatRequest,
        /// What the request is for, shown as progress ("drafting", "fixing 2 findings").
        stage: String,
    },
    /// Finished.
    Done(O),
}

/// What happened to the last request.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The model replied.
    Replied(ChatReply),
    /// The request failed after the provider's retries.
    Failed(ProviderError),
}

/// An agent: a state machine over [`Event`]s.
pub trait Machine {
    /// What it ends with.
    type Outcome;

    /// The first effect.
    fn start(&mut self) -> Effect<Self::Outcome>;

    /// The next effect after `event`. Called only after an [`Effect::Ask`].
    fn on(&mut self, event: Event) -> Effect<Self::Outcome>;
}
