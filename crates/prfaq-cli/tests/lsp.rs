//! `prfaq lsp` end to end: the real binary, spoken to over stdin/stdout with JSON-RPC and
//! Content-Length framing, as an editor would. Every read has a timeout, so a server that hangs
//! or dies fails the test instead of blocking it.

use std::collections::VecDeque;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(20);

/// An LSP client driving one `prfaq lsp` process.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages read while waiting for something else.
    pending: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_prfaq"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn prfaq lsp");
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return; // The server closed stdout.
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = Some(n.parse::<usize>().expect("a length"));
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                stdout.read_exact(&mut body).expect("the body");
                if tx.send(serde_json::from_slice(&body).expect("JSON")).is_err() {
                    return;
                }
            }
        });
        Self { child, stdin, incoming, pending: VecDeque::new(), next_id: 0 }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        let mut message = json!({"jsonrpc": "2.0", "method": method});
        message["params"] = params;
        self.send(&message);
    }

    /// Sends a request and returns its result, failing on an error response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"jsonrpc": "2.0", "id": id, "method": method});
        message["params"] = params;
        self.send(&message);
        let response =
            self.wait_for(&format!("the response to {method}"), |m| m["id"] == id && m.get("method").is_none());
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&matches) {
            return self.pending.remove(i).expect("present");
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if matches(&m) => return m,
                Ok(m) => self.pending.push_back(m),
                Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}; got {:?}", self.pending),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed stdout before {what}"),
            }
        }
    }

    fn initialize(&mut self, capabilities: Value) -> Value {
        let mut params = json!({"processId": null, "rootUri": null});
        params["capabilities"] = capabilities;
        let result = self.request("initialize", params);
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, uri: &str, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        self.diagnostics_for(uri)
    }

    fn diagnostics_for(&mut self, uri: &str) -> Value {
        self.wait_for("publishDiagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone()
    }

    /// Closes stdin (after `exit` the server must not need it) and waits for the exit status.
    fn wait(mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "prfaq lsp did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed assertion must not leave the server running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn with_code<'a>(diagnostics: &'a Value, code: &str) -> Vec<&'a Value> {
    diagnostics["diagnostics"].as_array().expect("diagnostics").iter().filter(|d| d["code"] == code).collect()
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}})
}

/// A weasel word after non-ASCII text on its line ("Ç" is 2 UTF-8 bytes, 1 UTF-16 unit), and
/// a repeated word with a quick fix.
const DRAFT: &str = "# Café Reports Gives Marketers Their Mondays Back 🚀\n\
\n\
Ça marche: it is significantly faster and shows the the numbers.\n\
\n\
## External FAQ\n\
### How much does it cost?\n\
$20 a month.\n";

#[test]
fn an_editor_session_over_stdio() {
    let dir = tempfile::tempdir().expect("tempdir");
    let uri = file_uri(&dir.path().join("launch.md"));
    let mut client = Client::start(dir.path());

    let init = client.initialize(json!({}));
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "UTF-16 unless the client offers UTF-8");
    assert_eq!(caps["textDocumentSync"]["change"], 1, "full sync");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(init["serverInfo"]["name"], "prfaq");

    // didOpen: the weasel word is underlined exactly, in UTF-16 columns.
    let published = client.open(&uri, DRAFT);
    assert_eq!(published["version"], 1);
    let weasel = with_code(&published, "STY001");
    assert_eq!(weasel.len(), 1, "{published:#}");
    assert_eq!(weasel[0]["range"], range((2, 17), (2, 30)));
    assert_eq!(weasel[0]["severity"], 2, "warning");
    assert_eq!(weasel[0]["source"], "prfaq");

    // Hover on the weasel word: the rule, the message, and the rule's what and why.
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 20}}));
    let markdown = hover["contents"]["value"].as_str().expect("Markdown hover");
    assert_eq!(hover["contents"]["kind"], "markdown");
    let rule = prfaq_critique::registry::find("STY001").expect("rule");
    assert!(markdown.starts_with("**STY001** `weasel-word` (warning)"), "{markdown}");
    assert!(markdown.contains("\"significantly\""), "{markdown}");
    assert!(markdown.contains(rule.docs.what) && markdown.contains(rule.docs.why), "{markdown}");
    assert_eq!(hover["range"], range((2, 17), (2, 30)));

    // A code action on "the the": a quick fix that replaces the pair with one "the".
    let at = range((2, 52), (2, 52));
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": at, "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["diagnostics"][0]["code"], "STY016");
    let edits = &actions[0]["edit"]["changes"][&uri];
    assert_eq!(edits.as_array().map(Vec::len), Some(1));
    assert_eq!(edits[0]["newText"], "the");
    assert_eq!(edits[0]["range"], range((2, 48), (2, 55)));

    // The outline: the press release by its headline, then the FAQ and its question.
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}));
    assert_eq!(symbols[0]["name"], "Café Reports Gives Marketers Their Mondays Back 🚀");
    assert_eq!(symbols[1]["name"], "External FAQ");
    assert_eq!(symbols[1]["children"][0]["name"], "How much does it cost?");
    assert_eq!(symbols[1]["children"][0]["selectionRange"], range((5, 4), (5, 26)));

    // didChange with the weasel word gone: its diagnostic is gone too.
    let fixed = DRAFT.replace("significantly faster", "twice as fast");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let published = client.diagnostics_for(&uri);
    assert_eq!(published["version"], 2);
    assert!(with_code(&published, "STY001").is_empty(), "{published:#}");
    assert_eq!(with_code(&published, "STY016").len(), 1);

    // didClose clears the document's diagnostics.
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
    assert_eq!(client.diagnostics_for(&uri)["diagnostics"], json!([]));

    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    let status = client.wait();
    assert_eq!(status.code(), Some(0), "{status:?}");
}

#[test]
fn utf8_positions_and_prfaq_toml_are_honoured() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("prfaq.toml"), "[rules]\ndisable = [\"repeated-word\"]\n").expect("config");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("mkdir");
    let uri = file_uri(&docs.join("launch.md"));
    let mut client = Client::start(dir.path());

    let init = client.initialize(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");

    let published = client.open(&uri, DRAFT);
    assert!(with_code(&published, "STY016").is_empty(), "disabled by the prfaq.toml above: {published:#}");
    // In UTF-8 the column is the byte offset in the line: "Ça marche: it is " is 18 bytes.
    assert_eq!(with_code(&published, "STY001")[0]["range"], range((2, 18), (2, 31)));

    // Exit without shutdown: the protocol asks for status 1.
    client.notify("exit", Value::Null);
    let status = client.wait();
    assert_eq!(status.code(), Some(1), "{status:?}");
}
