//! The protocol: one [`Server`] holds the open documents and turns each incoming message into
//! the messages to send back. It does no IO of its own beyond reading `prfaq.toml`, so tests
//! and the benchmark drive it by calling [`Server::handle`].

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Exit,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, DocumentSymbolRequest, HoverRequest, RegisterCapability, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, DidChangeTextDocumentParams,
    DidChangeWatchedFilesRegistrationOptions, DocumentSymbolResponse, FileSystemWatcher, GlobPattern,
    HoverProviderCapability, InitializeParams, InitializeResult, MessageType, OneOf, PublishDiagnosticsParams,
    Registration, RegistrationParams, SaveOptions, ServerCapabilities, ServerInfo, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};
use prfaq_critique::Engine;
use serde::de::DeserializeOwned;

use crate::analysis::Analysis;
use crate::config::{self, Engines};
use crate::evidence::Stores;
use crate::position::{Encoding, LineMap};

/// An open document: the editor's text, checked.
#[derive(Debug)]
struct Open {
    version: i32,
    path: Option<PathBuf>,
    engine: Arc<Engine>,
    analysis: Analysis,
}

/// Where the session is in the protocol's lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Running,
    /// `shutdown` was answered; only `exit` is expected now.
    ShuttingDown,
    /// `exit` arrived; `clean` when `shutdown` came first.
    Exited {
        clean: bool,
    },
}

/// The language server's state: the negotiated encoding, the open documents and their engines.
#[derive(Debug)]
pub struct Server {
    encoding: Encoding,
    watch_config: bool,
    documents: HashMap<Uri, Open>,
    engines: Engines,
    evidence: Stores,
    state: State,
    next_id: i32,
}

impl Server {
    /// A server for a client with these `initialize` parameters: UTF-8 positions when the client
    /// offers them, and a file watcher on `prfaq.toml` when it can register one.
    #[must_use]
    pub fn new(params: &InitializeParams) -> Self {
        let caps = &params.capabilities;
        let encoding = Encoding::negotiate(caps.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
        let watch_config = caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        Self {
            encoding,
            watch_config,
            documents: HashMap::new(),
            engines: Engines::default(),
            evidence: Stores::default(),
            state: State::Running,
            next_id: 0,
        }
    }

    /// The position encoding in force.
    #[must_use]
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// What the server offers: full-text sync (the whole document on every change; it is
    /// re-parsed in full anyway, in well under a millisecond), saves (to notice `prfaq.toml`
    /// edits), hover, quick fixes and document symbols.
    #[must_use]
    pub fn capabilities(&self) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(SaveOptions { include_text: Some(false) }.into()),
                ..TextDocumentSyncOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            document_symbol_provider: Some(OneOf::Left(true)),
            ..ServerCapabilities::default()
        }
    }

    /// The answer to `initialize`.
    #[must_use]
    pub fn initialize_result(&self) -> InitializeResult {
        InitializeResult {
            capabilities: self.capabilities(),
            server_info: Some(ServerInfo {
                name: "prfaq".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        }
    }

    /// What to send once the client says `initialized`: a request to watch `prfaq.toml` files,
    /// when the client can, so configuration edits made outside the editor apply at once.
    pub fn initialized(&mut self) -> Vec<Message> {
        if !self.watch_config {
            return Vec::new();
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{}", config::FILE_NAME)),
                kind: None,
            }],
        };
        let registration = Registration {
            id: "prfaq-toml-watcher".to_owned(),
            method: DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: serde_json::to_value(options).ok(),
        };
        let id = self.next_request_id();
        vec![Message::Request(Request::new(
            id,
            RegisterCapability::METHOD.to_owned(),
            RegistrationParams { registrations: vec![registration] },
        ))]
    }

    /// `Some(true)` once `exit` arrived after `shutdown`, `Some(false)` when it came without one
    /// (the protocol asks for a failing exit status then), `None` while running.
    #[must_use]
    pub fn exited(&self) -> Option<bool> {
        match self.state {
            State::Exited { clean } => Some(clean),
            State::Running | State::ShuttingDown => None,
        }
    }

    /// True once `shutdown` has been answered.
    #[must_use]
    pub fn shutting_down(&self) -> bool {
        self.state != State::Running
    }

    /// The analysis of an open document.
    #[must_use]
    pub fn analysis(&self, uri: &Uri) -> Option<&Analysis> {
        self.documents.get(uri).map(|d| &d.analysis)
    }

    /// Handles one message from the client and returns the messages to send back, in order.
    pub fn handle(&mut self, message: Message) -> Vec<Message> {
        match message {
            Message::Request(req) => vec![Message::Response(self.on_request(req))],
            Message::Notification(n) => self.on_notification(n),
            // The only requests we send are registrations; a refusal needs no action.
            Message::Response(_) => Vec::new(),
        }
    }

    fn on_request(&mut self, req: Request) -> Response {
        if self.state != State::Running {
            return Response::new_err(req.id, ErrorCode::InvalidRequest as i32, "the server is shutting down".into());
        }
        match req.method.as_str() {
            Shutdown::METHOD => {
                self.state = State::ShuttingDown;
                Response::new_ok(req.id, ())
            }
            HoverRequest::METHOD => respond::<HoverRequest>(req, |p| {
                let at = p.text_document_position_params;
                self.analysis(&at.text_document.uri)?.hover(at.position)
            }),
            CodeActionRequest::METHOD => respond::<CodeActionRequest>(req, |p| {
                let uri = p.text_document.uri;
                Some(self.analysis(&uri)?.code_actions(&uri, p.range))
            }),
            DocumentSymbolRequest::METHOD => respond::<DocumentSymbolRequest>(req, |p| {
                Some(DocumentSymbolResponse::Nested(self.analysis(&p.text_document.uri)?.symbols()))
            }),
            _ => Response::new_err(req.id, ErrorCode::MethodNotFound as i32, format!("unknown request {}", req.method)),
        }
    }

    fn on_notification(&mut self, n: Notification) -> Vec<Message> {
        match n.method.as_str() {
            Exit::METHOD => {
                self.state = State::Exited { clean: self.state == State::ShuttingDown };
                Vec::new()
            }
            DidOpenTextDocument::METHOD => params::<DidOpenTextDocument>(n).map_or_else(Vec::new, |p| {
                let doc = p.text_document;
                self.open(doc.uri, doc.version, &doc.text)
            }),
            DidChangeTextDocument::METHOD => {
                params::<DidChangeTextDocument>(n).map_or_else(Vec::new, |p| self.change(p))
            }
            DidCloseTextDocument::METHOD => params::<DidCloseTextDocument>(n).map_or_else(Vec::new, |p| {
                let uri = p.text_document.uri;
                match self.documents.remove(&uri) {
                    Some(_) => vec![publish(uri, Vec::new(), None)],
                    None => Vec::new(),
                }
            }),
            DidSaveTextDocument::METHOD => params::<DidSaveTextDocument>(n).map_or_else(Vec::new, |p| {
                if config::is_config(&p.text_document.uri) {
                    self.refresh_all()
                } else {
                    self.refresh(&p.text_document.uri)
                }
            }),
            DidChangeWatchedFiles::METHOD => params::<DidChangeWatchedFiles>(n).map_or_else(Vec::new, |p| {
                if p.changes.iter().any(|c| config::is_config(&c.uri)) { self.refresh_all() } else { Vec::new() }
            }),
            // `initialized`, `$/cancelRequest` (every request is answered at once), and the rest.
            _ => Vec::new(),
        }
    }

    fn open(&mut self, uri: Uri, version: i32, text: &str) -> Vec<Message> {
        if config::is_config(&uri) {
            // An open prfaq.toml is configuration, not a PR/FAQ; its saves are watched instead.
            return Vec::new();
        }
        let path = config::file_path(&uri);
        let lookup = self.engines.for_document(path.as_deref());
        let mut out: Vec<Message> = lookup.error.into_iter().map(show_error).collect();
        let analysis = self.analyse(text, path.as_deref(), &lookup.engine);
        out.push(publish(uri.clone(), analysis.diagnostics(), Some(version)));
        self.documents.insert(uri, Open { version, path, engine: lookup.engine, analysis });
        out
    }

    /// Applies the changes, re-checks the document and returns its diagnostics. Changes with a
    /// range are applied too, though we ask for whole texts, so a client that sends increments
    /// anyway is still served correctly.
    fn change(&mut self, p: DidChangeTextDocumentParams) -> Vec<Message> {
        let uri = p.text_document.uri;
        let Some(open) = self.documents.get_mut(&uri) else {
            return Vec::new();
        };
        let mut text = std::mem::take(&mut open.analysis.doc.source);
        for change in p.content_changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let span = LineMap::new(&text, self.encoding).span(&text, range);
                    text.replace_range(span.start..span.end, &change.text);
                }
            }
        }
        open.version = p.text_document.version;
        let (path, engine) = (open.path.clone(), Arc::clone(&open.engine));
        let analysis = self.analyse(&text, path.as_deref(), &engine);
        let Some(open) = self.documents.get_mut(&uri) else {
            return Vec::new();
        };
        open.analysis = analysis;
        vec![publish(uri, open.analysis.diagnostics(), Some(open.version))]
    }

    /// Looks the document's configuration up again (after a save: a prfaq.toml may have been
    /// created or edited beside it) and re-checks it when the engine changed.
    fn refresh(&mut self, uri: &Uri) -> Vec<Message> {
        let Some(open) = self.documents.get_mut(uri) else {
            return Vec::new();
        };
        let lookup = self.engines.for_document(open.path.as_deref());
        let mut out: Vec<Message> = lookup.error.into_iter().map(show_error).collect();
        // A save may also have come with new evidence (an import beside the document).
        let source = open.analysis.doc.source.clone();
        let (path, old_engine) = (open.path.clone(), Arc::clone(&open.engine));
        let engine = if Arc::ptr_eq(&old_engine, &lookup.engine) { old_engine } else { lookup.engine };
        let analysis = self.analyse(&source, path.as_deref(), &engine);
        let Some(open) = self.documents.get_mut(uri) else {
            return out;
        };
        let changed = !Arc::ptr_eq(&open.engine, &engine) || open.analysis.evidence != analysis.evidence;
        open.engine = engine;
        open.analysis = analysis;
        if changed {
            out.push(publish(uri.clone(), open.analysis.diagnostics(), Some(open.version)));
        }
        out
    }

    /// Parses and checks `text`, against the evidence store beside `path` when there is one.
    fn analyse(&mut self, text: &str, path: Option<&std::path::Path>, engine: &Engine) -> Analysis {
        let doc = prfaq_doc::parse(text);
        let evidence = self.evidence.facts(path, &doc);
        Analysis::with_evidence(doc, engine, self.encoding, evidence)
    }

    fn refresh_all(&mut self) -> Vec<Message> {
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        uris.iter().flat_map(|uri| self.refresh(uri)).collect()
    }

    fn next_request_id(&mut self) -> RequestId {
        self.next_id += 1;
        RequestId::from(format!("prfaq-{}", self.next_id))
    }
}

/// Answers a request of type `R`, or says its parameters were invalid.
fn respond<R: lsp_types::request::Request>(req: Request, f: impl FnOnce(R::Params) -> R::Result) -> Response {
    match serde_json::from_value::<R::Params>(req.params) {
        Ok(p) => Response::new_ok(req.id, f(p)),
        Err(e) => Response::new_err(req.id, ErrorCode::InvalidParams as i32, e.to_string()),
    }
}

/// The parameters of a notification; malformed ones are dropped, since a notification cannot
/// be answered with an error.
fn params<N: lsp_types::notification::Notification>(n: Notification) -> Option<N::Params>
where
    N::Params: DeserializeOwned,
{
    serde_json::from_value(n.params).ok()
}

fn publish(uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) -> Message {
    Message::Notification(Notification::new(
        PublishDiagnostics::METHOD.to_owned(),
        PublishDiagnosticsParams { uri, diagnostics, version },
    ))
}

fn show_error(message: String) -> Message {
    Message::Notification(Notification::new(
        ShowMessage::METHOD.to_owned(),
        ShowMessageParams { typ: MessageType::ERROR, message },
    ))
}

#[cfg(test)]
mod tests {
    use lsp_types::{
        ClientCapabilities, DidChangeWatchedFilesClientCapabilities, FileChangeType, FileEvent,
        GeneralClientCapabilities, PositionEncodingKind, WorkspaceClientCapabilities,
    };
    use serde_json::{Value, json};

    use super::*;

    fn server() -> Server {
        Server::new(&InitializeParams::default())
    }

    fn notify(method: &str, params: Value) -> Message {
        Message::Notification(Notification { method: method.to_owned(), params })
    }

    fn request(id: i32, method: &str, params: Value) -> Message {
        Message::Request(Request { id: id.into(), method: method.to_owned(), params })
    }

    fn open(server: &mut Server, uri: &str, text: &str) -> Vec<Message> {
        server.handle(notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        ))
    }

    /// The diagnostics of the one publishDiagnostics message in `out`.
    #[track_caller]
    fn published(out: &[Message]) -> PublishDiagnosticsParams {
        let mut found = out.iter().filter_map(|m| match m {
            Message::Notification(n) if n.method == PublishDiagnostics::METHOD => {
                Some(serde_json::from_value(n.params.clone()).expect("params"))
            }
            _ => None,
        });
        let first = found.next().expect("a publishDiagnostics");
        assert!(found.next().is_none(), "one publishDiagnostics");
        first
    }

    fn codes(p: &PublishDiagnosticsParams) -> Vec<String> {
        p.diagnostics
            .iter()
            .filter_map(|d| match &d.code {
                Some(lsp_types::NumberOrString::String(s)) => Some(s.clone()),
                _ => None,
            })
            .collect()
    }

    fn result(out: &[Message]) -> Value {
        match out {
            [Message::Response(r)] => r.response_result.clone().expect("a result"),
            other => panic!("one response expected: {other:?}"),
        }
    }

    const URI: &str = "untitled:launch";

    #[test]
    fn open_change_and_close_publish_diagnostics() {
        let mut s = server();
        let first = published(&open(&mut s, URI, "# Acme\n\nIt is very fast.\n"));
        assert!(codes(&first).contains(&"STY001".to_owned()));
        assert_eq!(first.version, Some(1));

        let changed = published(&s.handle(notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": "# Acme\n\nIt is fast.\n"}]}),
        )));
        assert!(!codes(&changed).contains(&"STY001".to_owned()));
        assert_eq!(changed.version, Some(2));

        let closed = published(&s.handle(notify("textDocument/didClose", json!({"textDocument": {"uri": URI}}))));
        assert!(closed.diagnostics.is_empty());
        assert!(s.analysis(&URI.parse().expect("uri")).is_none());
    }

    #[test]
    fn ranged_changes_are_applied_in_the_negotiated_encoding() {
        let mut s = server();
        open(&mut s, URI, "# Café 😀\n\nIt is fast.\n");
        // Insert "very " before "fast": line 2, UTF-16 column 6.
        let out = s.handle(notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [
                {"range": {"start": {"line": 2, "character": 6}, "end": {"line": 2, "character": 6}}, "text": "very "},
                {"range": {"start": {"line": 0, "character": 7}, "end": {"line": 0, "character": 9}}, "text": "🚀"}
            ]}),
        ));
        assert!(codes(&published(&out)).contains(&"STY001".to_owned()));
        let doc = &s.analysis(&URI.parse().expect("uri")).expect("open").doc;
        assert_eq!(doc.source, "# Café 🚀\n\nIt is very fast.\n");
    }

    #[test]
    fn requests_are_answered_from_the_open_document() {
        let mut s = server();
        open(&mut s, URI, "# Acme Reports\n\nAcme shows the the numbers quickly.\n");
        let pos = json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 12}});
        let hover = result(&s.handle(request(1, "textDocument/hover", pos)));
        assert!(hover["contents"]["value"].as_str().is_some_and(|v| v.contains("STY016")), "{hover}");

        let range = json!({"start": {"line": 2, "character": 12}, "end": {"line": 2, "character": 12}});
        let actions = result(&s.handle(request(
            2,
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": range, "context": {"diagnostics": []}}),
        )));
        assert_eq!(actions[0]["edit"]["changes"][URI][0]["newText"], "the");

        let symbols =
            result(&s.handle(request(3, "textDocument/documentSymbol", json!({"textDocument": {"uri": URI}}))));
        assert_eq!(symbols[0]["name"], "Acme Reports");

        let unknown = json!({"textDocument": {"uri": "untitled:other"}, "position": {"line": 0, "character": 0}});
        assert_eq!(result(&s.handle(request(4, "textDocument/hover", unknown))), Value::Null);
    }

    #[test]
    fn bad_params_and_unknown_methods_are_errors_not_panics() {
        let mut s = server();
        let bad = s.handle(request(1, "textDocument/hover", json!({"nonsense": true})));
        let [Message::Response(r)] = bad.as_slice() else { panic!("{bad:?}") };
        assert_eq!(r.response_result.as_ref().err().map(|e| e.code), Some(ErrorCode::InvalidParams as i32));
        let unknown = s.handle(request(2, "textDocument/rename", json!({})));
        let [Message::Response(r)] = unknown.as_slice() else { panic!("{unknown:?}") };
        assert_eq!(r.response_result.as_ref().err().map(|e| e.code), Some(ErrorCode::MethodNotFound as i32));
        assert!(s.handle(notify("textDocument/didOpen", json!({"bad": 1}))).is_empty());
    }

    #[test]
    fn shutdown_then_exit_is_clean_and_exit_alone_is_not() {
        let mut s = server();
        assert_eq!(result(&s.handle(request(1, "shutdown", Value::Null))), Value::Null);
        assert!(s.shutting_down());
        let late = s.handle(request(2, "textDocument/documentSymbol", json!({"textDocument": {"uri": URI}})));
        let [Message::Response(r)] = late.as_slice() else { panic!("{late:?}") };
        assert_eq!(r.response_result.as_ref().err().map(|e| e.code), Some(ErrorCode::InvalidRequest as i32));
        s.handle(notify("exit", Value::Null));
        assert_eq!(s.exited(), Some(true));

        let mut abrupt = server();
        abrupt.handle(notify("exit", Value::Null));
        assert_eq!(abrupt.exited(), Some(false));
    }

    #[test]
    fn utf8_is_negotiated_and_advertised() {
        let params = InitializeParams {
            capabilities: ClientCapabilities {
                general: Some(GeneralClientCapabilities {
                    position_encodings: Some(vec![PositionEncodingKind::UTF8, PositionEncodingKind::UTF16]),
                    ..GeneralClientCapabilities::default()
                }),
                ..ClientCapabilities::default()
            },
            ..InitializeParams::default()
        };
        let s = Server::new(&params);
        assert_eq!(s.encoding(), Encoding::Utf8);
        assert_eq!(s.initialize_result().capabilities.position_encoding, Some(PositionEncodingKind::UTF8));
        assert_eq!(server().capabilities().position_encoding, Some(PositionEncodingKind::UTF16));
    }

    #[test]
    fn prfaq_toml_is_honoured_and_reread_when_it_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join("prfaq.toml");
        std::fs::write(&config, "[rules]\ndisable = [\"weasel-word\"]\n").expect("write");
        let doc_uri = format!("file://{}/launch.md", dir.path().display());
        let config_uri = format!("file://{}", config.display());

        let params = InitializeParams {
            capabilities: ClientCapabilities {
                workspace: Some(WorkspaceClientCapabilities {
                    did_change_watched_files: Some(DidChangeWatchedFilesClientCapabilities {
                        dynamic_registration: Some(true),
                        ..DidChangeWatchedFilesClientCapabilities::default()
                    }),
                    ..WorkspaceClientCapabilities::default()
                }),
                ..ClientCapabilities::default()
            },
            ..InitializeParams::default()
        };
        let mut s = Server::new(&params);
        let registration = s.initialized();
        assert!(matches!(registration.as_slice(), [Message::Request(r)] if r.method == "client/registerCapability"));

        let first = published(&open(&mut s, &doc_uri, "# Acme\n\nIt is very fast.\n"));
        assert!(!codes(&first).contains(&"STY001".to_owned()), "disabled by prfaq.toml");

        std::fs::write(&config, "[rules]\ndisable = []\n").expect("write");
        let file = std::fs::File::options().append(true).open(&config).expect("open");
        file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5)).expect("touch");
        let event = FileEvent { uri: config_uri.parse().expect("uri"), typ: FileChangeType::CHANGED };
        let out = s.handle(notify(
            "workspace/didChangeWatchedFiles",
            serde_json::to_value(lsp_types::DidChangeWatchedFilesParams { changes: vec![event] }).expect("json"),
        ));
        assert!(codes(&published(&out)).contains(&"STY001".to_owned()), "re-read after the change");

        std::fs::write(&config, "[rules]\nnonsense = 1\n").expect("write");
        file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(10)).expect("touch");
        let out = s.handle(notify("textDocument/didSave", json!({"textDocument": {"uri": config_uri}})));
        assert!(
            out.iter().any(|m| matches!(m, Message::Notification(n) if n.method == "window/showMessage")),
            "an invalid prfaq.toml is reported: {out:?}"
        );
    }

    #[test]
    fn the_evidence_store_beside_the_document_is_used_and_citations_hover() {
        let dir = tempfile::tempdir().expect("tempdir");
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        runtime.block_on(async {
            let store =
                prfaq_evidence::EvidenceStore::open(&dir.path().join("prfaq-evidence.db"), true).await.expect("store");
            let item = prfaq_evidence::NewItem {
                kind: prfaq_evidence::Kind::Ticket,
                source: "zendesk".into(),
                source_ref: Some("4411".into()),
                date: None,
                segment: None,
                customer: Some("Northwind".into()),
                text: "Every Monday I copy numbers from five tools into one spreadsheet.".into(),
                line: 0,
            };
            store.add(&item).await.expect("add");
            store.close().await;
        });
        let uri = format!("file://{}/launch.md", dir.path().display());
        let mut s = server();
        let text = "# Acme\n\n### Problem\n\nMarketers copy numbers by hand [ev:1] [ev:7].\n";
        let diagnostics = published(&open(&mut s, &uri, text));
        assert_eq!(codes(&diagnostics).iter().filter(|c| *c == "CUS009").count(), 1, "{diagnostics:?}");
        let pos = json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 33}});
        let hover = result(&s.handle(request(1, "textDocument/hover", pos)));
        let value = hover["contents"]["value"].as_str().unwrap_or_default();
        assert!(
            value.starts_with("**[ev:1]** ticket · zendesk · Northwind\n\n> Every Monday I copy numbers"),
            "{value}"
        );
    }
}
