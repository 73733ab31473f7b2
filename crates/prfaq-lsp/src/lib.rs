//! `prfaq-lsp` is prfaq's language server: the bar raiser's findings as diagnostics while a
//! PR/FAQ is written, in any editor that speaks the Language Server Protocol.
//!
//! It offers diagnostics (published on open and on every change, cleared on close), hover
//! (the rule and why it matters), quick fixes for findings with replacement text, and document
//! symbols (the press release and its parts, the FAQ sections and their questions). Each
//! document is checked with the `prfaq.toml` found by walking up from its file, read again
//! when it changes.
//!
//! The protocol is handled by [`Server`], a state machine over `lsp-server` messages with no IO
//! of its own beyond reading `prfaq.toml`; the features are pure functions on an [`Analysis`]
//! (a parsed and checked document), and [`position`] converts byte spans to the client's
//! position encoding. [`run_stdio`] wires a `Server` to standard input and output.
//!
//! ```
//! use lsp_server::{Message, Notification};
//! let mut server = prfaq_lsp::Server::new(&lsp_types::InitializeParams::default());
//! let open = serde_json::json!({"textDocument": {
//!     "uri": "untitled:launch", "languageId": "markdown", "version": 1,
//!     "text": "# Acme\n\nIt is very fast.\n"}});
//! let out = server.handle(Message::Notification(Notification::new("textDocument/didOpen".into(), open)));
//! assert!(matches!(&out[..], [Message::Notification(n)] if n.method == "textDocument/publishDiagnostics"));
//! ```

mod actions;
mod analysis;
pub mod config;
mod evidence;
mod hover;
pub mod position;
mod server;
mod symbols;

pub use analysis::{Analysis, SOURCE, severity};
pub use hover::explain;
pub use server::Server;

use lsp_server::Connection;

/// Why the language server stopped with a failure. The causes are in `source()`, so a
/// reporter that prints the chain shows each once.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The client broke the protocol during initialization or shutdown.
    #[error("language server protocol")]
    Protocol(#[source] lsp_server::ProtocolError),
    /// Reading standard input or writing standard output failed.
    #[error("standard input or output")]
    Io(#[from] std::io::Error),
    /// The answer to `initialize` could not be encoded.
    #[error("cannot encode the initialize result")]
    Json(#[from] serde_json::Error),
    /// The client closed the connection without `shutdown` and `exit`.
    #[error("the client closed the connection without shutting the server down")]
    Disconnected,
    /// The client sent `exit` without `shutdown` first; the protocol asks for exit status 1.
    #[error("the client sent `exit` before `shutdown`")]
    ExitWithoutShutdown,
}

impl From<lsp_server::ProtocolError> for Error {
    fn from(e: lsp_server::ProtocolError) -> Self {
        if e.channel_is_disconnected() { Self::Disconnected } else { Self::Protocol(e) }
    }
}

/// Runs the language server on standard input and output until the client exits.
///
/// # Errors
///
/// [`Error::ExitWithoutShutdown`] when the client exits without shutting down first, and the
/// other variants when the connection breaks.
pub fn run_stdio() -> Result<(), Error> {
    let (connection, io_threads) = Connection::stdio();
    let clean = serve(&connection)?;
    // The writer thread ends when the last sender is dropped; join it so every message queued
    // (the shutdown response above all) is written before the process exits.
    drop(connection);
    io_threads.join()?;
    if clean { Ok(()) } else { Err(Error::ExitWithoutShutdown) }
}

/// Initializes and runs the message loop on any connection; true when the client shut down
/// cleanly.
fn serve(connection: &Connection) -> Result<bool, Error> {
    let (id, params) = connection.initialize_start()?;
    // A client whose parameters we cannot read still gets a server: UTF-16, no file watching.
    let params: lsp_types::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let mut server = Server::new(&params);
    connection.initialize_finish(id, serde_json::to_value(server.initialize_result())?)?;
    for message in server.initialized() {
        connection.sender.send(message).map_err(|_| Error::Disconnected)?;
    }
    for message in &connection.receiver {
        for reply in server.handle(message) {
            connection.sender.send(reply).map_err(|_| Error::Disconnected)?;
        }
        if let Some(clean) = server.exited() {
            return Ok(clean);
        }
    }
    // Standard input closed: after `shutdown` that is as good as `exit`.
    if server.shutting_down() { Ok(true) } else { Err(Error::Disconnected) }
}

#[cfg(test)]
mod tests {
    use lsp_server::{Message, Notification, Request};
    use serde_json::json;

    use super::*;

    /// The whole loop over an in-memory connection, as the stdio one would run it.
    #[test]
    fn a_session_initializes_serves_and_shuts_down() {
        let (server_side, client) = Connection::memory();
        let handle = std::thread::spawn(move || serve(&server_side));
        let send = |m: Message| client.sender.send(m).expect("send");
        let recv = || client.receiver.recv_timeout(std::time::Duration::from_secs(10)).expect("a message");

        send(Request::new(1.into(), "initialize".into(), json!({"capabilities": {}})).into());
        let Message::Response(init) = recv() else { panic!("initialize response") };
        assert_eq!(init.response_result.expect("result")["capabilities"]["positionEncoding"], "utf-16");
        send(Notification::new("initialized".into(), json!({})).into());
        send(Notification::new(
            "textDocument/didOpen".into(),
            json!({"textDocument": {"uri": "untitled:a", "languageId": "markdown", "version": 1, "text": "It is very fast.\n"}}),
        )
        .into());
        let Message::Notification(diagnostics) = recv() else { panic!("diagnostics") };
        assert_eq!(diagnostics.method, "textDocument/publishDiagnostics");
        send(Request::new(2.into(), "shutdown".into(), json!(null)).into());
        let Message::Response(shutdown) = recv() else { panic!("shutdown response") };
        assert_eq!(shutdown.id, 2.into());
        send(Notification::new("exit".into(), json!(null)).into());
        assert!(handle.join().expect("no panic").expect("served"), "clean exit");
    }
}
