//! The driver: performs a machine's effects against a provider until it is done, and runs
//! several reviewers at once within the provider's limit on requests in flight.

use futures_util::future::join_all;
use tokio_util::sync::CancellationToken;

use crate::fsm::{Effect, Event, Machine};
use crate::provider::Provider;

/// What the driver tells the caller as it goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Progress<'a> {
    /// A request is about to be sent, for this stage.
    Stage(&'a str),
    /// Streamed text arrived.
    Text(&'a str),
}

/// Runs `machine` to its outcome. `on_progress` sees each stage and each piece of streamed text.
pub async fn drive<M: Machine>(
    mut machine: M,
    provider: &Provider,
    cancel: &CancellationToken,
    on_progress: &mut (dyn FnMut(Progress<'_>) + Send),
) -> M::Outcome {
    let mut effect = machine.start();
    loop {
        match effect {
            Effect::Done(outcome) => return outcome,
            Effect::Ask { request, stage } => {
                on_progress(Progress::Stage(&stage));
                let event = match provider.complete(&request, &mut |t| on_progress(Progress::Text(t)), cancel).await {
                    Ok(reply) => Event::Replied(reply),
                    Err(e) => Event::Failed(e),
                };
                effect = machine.on(event);
            }
        }
    }
}

/// Runs every machine at once (the provider's semaphore bounds how many requests are in flight)
/// and returns their outcomes in the order given. `on_stage(i, stage)` reports machine `i`'s
/// progress; streamed text is not reported (several streams at once would interleave).
pub async fn drive_all<M: Machine + Send>(
    machines: Vec<M>,
    provider: &Provider,
    cancel: &CancellationToken,
    on_stage: &(dyn Fn(usize, &str) + Sync),
) -> Vec<M::Outcome> {
    join_all(machines.into_iter().enumerate().map(|(i, machine)| async move {
        let mut report = |p: Progress<'_>| {
            if let Progress::Stage(stage) = p {
                on_stage(i, stage);
            }
        };
        drive(machine, provider, cancel, &mut report).await
    }))
    .await
}
