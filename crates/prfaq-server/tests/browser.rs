//! The web app in a real browser: headless Chromium driven through WebDriver (chromedriver).
//!
//! One test walks the journey of the issue the way a person does: the first admin opens the
//! one-time setup link, creates a PR/FAQ from the template, types a weasel word into the press
//! release and watches the live findings (htmx, through the CSP and the CSRF check) flag it,
//! fixes it, saves revision 2 and reads the diff, then looks at the document on a phone-wide
//! screen. After every step the browser's console must be clean: a script blocked by the
//! Content-Security-Policy, a JavaScript error or a failed request fails the test.
//!
//! Each step is one method of [`Journey`] and ends with a screenshot, `NN-step.png` under
//! `target/e2e/` (whatever the target directory is), so a failure can be seen, not only read.
//!
//! **Extending the journey.** The review part of the issue slots in as more methods of
//! `Journey`, called in order in [`a_person_writes_checks_saves_and_compares_a_prfaq`]:
//! opening a review round on the document page; a second user (a second [`Browser`], opened
//! with [`Chromium::open`], signed in with [`Browser::sign_in`] after the account is made
//! through `Running::store` or the invitation page) reads to the end
//! and comments on a passage; the author answers it in the FAQ with [`Journey::edit_text`] and
//! saves the next revision with [`Journey::save`]; the diff shows the answer
//! ([`Journey::open_diff`]); a decision-maker records "go". Every helper waits for what it
//! needs (an element, a text) and never sleeps for a fixed time.
//!
//! Needs `chromium` and `chromedriver` on `PATH` (Debian: `apt-get install chromium
//! chromium-driver`; `scripts/test` installs them). Without them the test fails and says so.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::future::Future;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions, MouseActions, PointerAction};
use fantoccini::error::CmdError;
use fantoccini::key::Key;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use prfaq_server::serve::{Database, Running, ServeOptions};
use serde_json::{Value, json};

/// How long any wait may take before the test fails. Generous: CI is a loaded 2-core machine.
/// Waits poll and return as soon as their condition holds; this is only the give-up point.
const PATIENCE: Duration = Duration::from_secs(90);
/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(100);
/// The desktop window.
const DESKTOP: (u32, u32) = (1280, 1000);
/// A phone's width in CSS pixels (an iPhone 12 to 15).
const PHONE: (u32, u32) = (390, 844);
/// The first admin's password.
const PASSWORD: &str = "correct horse battery";
/// Support tickets about refunds, uploaded in the evidence step: two themes' worth.
const REFUND_TICKETS: &str = "Ticket,Body,Customer,Plan\n\
    5101,We reconcile refunds by hand every week and the refunds are never matched to the bank.,Priya at Northwind,enterprise\n\
    5102,Refunds matched by hand take our team two days each month.,Tom at Contoso,enterprise\n\
    5103,Our refunds are matched to bank statements in a spreadsheet.,Ana at Fabrikam,mid-market\n\
    5104,Finding which refunds the bank already paid takes hours.,Lee at Tailspin,enterprise\n\
    5105,The payout report export is missing the fee column.,Bo at Litware,self-serve\n\
    5106,Payout report exports have no fee column so totals are off.,Cy at Adatum,self-serve\n\
    5107,We cannot see fees in the payout report export.,Di at Proseware,mid-market\n\
    5108,The payout export leaves out fees and taxes.,Ed at Woodgrove,self-serve\n";

/// `target/e2e`: the target directory is `CARGO_TARGET_TMPDIR`'s parent, whatever
/// `CARGO_TARGET_DIR` says.
fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("CARGO_TARGET_TMPDIR has a parent").join("e2e")
}

/// A program on `PATH`.
fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|candidate| candidate.is_file())
}

/// A program the test cannot run without: its path, or a failure that says how to install it.
fn require_program(name: &str) -> PathBuf {
    find_program(name).unwrap_or_else(|| {
        panic!(
            "the browser test needs `{name}` on PATH, and it is missing. Install Chromium and its \
             WebDriver: `apt-get install chromium chromium-driver` on Debian (scripts/test does this)."
        )
    })
}

/// chromedriver, started on a free loopback port; killed when dropped.
struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    /// Starts chromedriver and waits until it accepts connections.
    fn start(program: &Path, log: &Path) -> ChromeDriver {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        let mut driver = ChromeDriver { child, port };
        let deadline = Instant::now() + PATIENCE;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = driver.child.try_wait().unwrap() {
                panic!("chromedriver exited before it listened ({status}); see {}", log.display());
            }
            assert!(Instant::now() < deadline, "chromedriver did not listen on port {port} within {PATIENCE:?}");
            std::thread::sleep(POLL);
        }
        driver
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Chromium's console messages since the last call (chromedriver's `se/log`, type `browser`).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (axum::http::Method, Option<String>) {
        (axum::http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

/// A PNG of the whole page, not only the part in the window (Chrome DevTools'
/// `Page.captureScreenshot` through chromedriver's `goog/cdp/execute`).
#[derive(Debug)]
struct FullPageScreenshot;

impl WebDriverCompatibleCommand for FullPageScreenshot {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (axum::http::Method, Option<String>) {
        let body = json!({
            "cmd": "Page.captureScreenshot",
            "params": { "format": "png", "captureBeyondViewport": true },
        });
        (axum::http::Method::POST, Some(body.to_string()))
    }
}

/// What opening a browser takes: chromedriver, the Chromium binary, the app. Every session
/// opened is remembered, so the test closes them all (Chromium quits) even when a step fails.
#[derive(Clone)]
struct Chromium {
    driver_url: String,
    binary: PathBuf,
    /// The app's base URL.
    base: String,
    sessions: Arc<Mutex<Vec<Client>>>,
}

impl Chromium {
    /// A new headless Chromium session: a new person, with cookies of their own.
    async fn open(&self) -> Browser {
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": self.binary,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    format!("--window-size={},{}", DESKTOP.0, DESKTOP.1),
                ],
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(capabilities) = capabilities else { unreachable!() };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&self.driver_url)
            .await
            .unwrap_or_else(|e| panic!("cannot open a Chromium session through chromedriver: {e}"));
        self.sessions.lock().unwrap().push(client.clone());
        Browser { client, base: self.base.clone() }
    }

    /// Closes every session opened.
    async fn close_all(&self) {
        let sessions = std::mem::take(&mut *self.sessions.lock().unwrap());
        for client in sessions {
            let _ = client.close().await;
        }
    }
}

/// One browser window of one person: a WebDriver session of its own (its own cookies).
struct Browser {
    client: Client,
    /// The app's base URL.
    base: String,
}

impl Browser {
    /// Opens a path of the app (or a full URL).
    async fn goto(&self, path: &str) {
        let url = if path.starts_with("http") { path.to_owned() } else { format!("{}{path}", self.base) };
        self.client.goto(&url).await.unwrap();
    }

    /// Polls `probe` until it gives a value; fails after [`PATIENCE`], saying what it waited for.
    async fn until<T, F, Fut>(&self, what: &str, mut probe: F) -> T
    where
        F: FnMut(Client) -> Fut,
        Fut: Future<Output = Result<Option<T>, CmdError>>,
    {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match probe(self.client.clone()).await {
                Ok(Some(value)) => return value,
                Ok(None) => {}
                // htmx swapped the element out between finding and reading it: look again.
                Err(CmdError::Standard(e)) if e.error == fantoccini::error::ErrorStatus::StaleElementReference => {}
                Err(error) => panic!("while waiting for {what}: {error}"),
            }
            if Instant::now() > deadline {
                let url = self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
                let console = self.console().await.join("\n");
                let shot = screenshot_dir().join("failed.png");
                if let Ok(png) = self.client.screenshot().await {
                    let _ = std::fs::write(&shot, png);
                }
                panic!(
                    "gave up after {PATIENCE:?} waiting for {what} (at {url}; screenshot: {}); the console said:\n{console}",
                    shot.display()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits for an element matching a CSS selector.
    async fn element(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .every(POLL)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element `{css}` within {PATIENCE:?}: {e}"))
    }

    /// Waits until the element matching `css` contains `text`; returns the element's text.
    async fn text_in(&self, css: &str, text: &str) -> String {
        let css_owned = css.to_owned();
        self.until(&format!("`{text}` in `{css}`"), |client| {
            let css = css_owned.clone();
            async move {
                let found = match client.find(Locator::Css(&css)).await {
                    Ok(element) => element.text().await?,
                    Err(CmdError::Standard(e)) if e.error == fantoccini::error::ErrorStatus::NoSuchElement => {
                        return Ok(None);
                    }
                    Err(e) => return Err(e),
                };
                Ok(found.contains(text).then_some(found))
            }
        })
        .await
    }

    /// Waits until the page's path is `path`.
    async fn at_path(&self, what: &str, predicate: impl Fn(&str) -> bool) -> String {
        self.until(what, |client| {
            let predicate = &predicate;
            async move {
                let url = client.current_url().await?;
                Ok(predicate(url.path()).then(|| url.path().to_owned()))
            }
        })
        .await
    }

    /// Fills the field named `name` of the page (clearing it first).
    async fn fill(&self, name: &str, value: &str) {
        let field = self.element(&format!("[name=\"{name}\"]")).await;
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Clicks the element matching `css`.
    async fn click(&self, css: &str) {
        self.element(css).await.click().await.unwrap();
    }

    /// Types `text` with the keyboard into whatever has focus, where the caret is (WebDriver
    /// actions: real key events, so `input` fires as it does for a person).
    async fn type_keys(&self, text: &str) {
        let mut keys = KeyActions::new("keyboard".into());
        for c in text.chars() {
            keys = keys.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
        }
        self.client.perform_actions(keys).await.unwrap();
    }

    /// Signs in on the sign-in page.
    async fn sign_in(&self, email: &str, password: &str) {
        self.goto("/login").await;
        self.fill("email", email).await;
        self.fill("password", password).await;
        self.click("form[action=\"/login\"] button[type=submit]").await;
        self.at_path("to leave the sign-in page", |p| p != "/login").await;
    }

    /// The console's messages since the last call, as `LEVEL message` lines.
    async fn console(&self) -> Vec<String> {
        let log = self.client.issue_cmd(BrowserLog).await.unwrap_or_default();
        let entries = log.as_array().cloned().unwrap_or_default();
        entries
            .iter()
            .map(|entry| {
                format!("{} {}", entry["level"].as_str().unwrap_or("?"), entry["message"].as_str().unwrap_or(""))
            })
            .collect()
    }

    /// Fails on anything the console reported as an error since the last call: scripts or
    /// styles blocked by the Content-Security-Policy, script errors, failed requests.
    async fn assert_console_clean(&self, step: &str) {
        let problems: Vec<String> = self
            .console()
            .await
            .into_iter()
            .filter(|line| line.starts_with("SEVERE") || line.contains("Content Security Policy"))
            .collect();
        assert!(problems.is_empty(), "the browser console complained during `{step}`:\n{}", problems.join("\n"));
    }

    /// A PNG of the whole page.
    async fn full_page_screenshot(&self) -> Vec<u8> {
        use base64::Engine as _;
        let shot = self.client.issue_cmd(FullPageScreenshot).await.unwrap();
        let data = shot["data"].as_str().unwrap_or_else(|| panic!("no screenshot in {shot}"));
        base64::engine::general_purpose::STANDARD.decode(data).unwrap()
    }

    /// Runs a script in the page and returns its result.
    async fn script(&self, script: &str, args: Vec<Value>) -> Value {
        self.client.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Resizes the window so the page's viewport is `width` × `height` CSS pixels.
    async fn set_viewport(&self, (width, height): (u32, u32)) {
        self.client.set_window_size(width, height).await.unwrap();
        // The window includes no chrome in headless mode, but check rather than assume.
        let inner = self.script("return [window.innerWidth, window.innerHeight];", vec![]).await;
        let (w, h) = (inner[0].as_u64().unwrap(), inner[1].as_u64().unwrap());
        if (w, h) != (u64::from(width), u64::from(height)) {
            let (ow, oh) = self.client.get_window_size().await.unwrap();
            let (ww, wh) = (ow + u64::from(width) - w, oh + u64::from(height) - h);
            self.client.set_window_size(u32::try_from(ww).unwrap(), u32::try_from(wh).unwrap()).await.unwrap();
        }
        let inner = self.script("return window.innerWidth;", vec![]).await;
        assert_eq!(inner.as_u64(), Some(u64::from(width)), "the viewport could not be made {width} px wide");
    }
}

/// The person's journey through the app, one method per step. Each step leaves the browser on
/// the page it ends on, takes a screenshot and checks the console.
struct Journey {
    author: Browser,
    /// Opens more browsers: the reviewers and the decision-maker of the review steps.
    chromium: Chromium,
    running: Running,
    shots: PathBuf,
    taken: usize,
    /// The document's page, `/d/ID`, once created.
    document: Option<String>,
}

impl Journey {
    /// Saves a screenshot of the page as `NN-name.png` (numbered in order) and checks the
    /// console.
    async fn screenshot(&mut self, name: &str) {
        self.taken += 1;
        let png = self.author.full_page_screenshot().await;
        let path = self.shots.join(format!("{:02}-{name}.png", self.taken));
        std::fs::write(&path, png).unwrap();
        self.author.assert_console_clean(name).await;
    }

    fn document(&self) -> &str {
        self.document.as_deref().expect("a document was created first")
    }

    /// Step 1: the one-time setup link the server made at start; the form; signed in on the
    /// new workspace's portfolio; the used link refused to a second browser; signing out and in
    /// again. Then the keyboard: the first Tab reaches the skip link, visibly focused.
    async fn setup_first_admin(&mut self) {
        let link = self.running.started.setup_link.clone().expect("no account yet, so a setup link");
        let b = &self.author;
        b.goto(&link).await;
        b.text_in("h1", "Create the first account").await;
        b.fill("name", "Ada Lovelace").await;
        b.fill("email", "ada@example.com").await;
        b.fill("password", PASSWORD).await;
        b.fill("workspace", "Payments").await;
        b.click("form[action=\"/setup\"] button[type=submit]").await;
        b.at_path("the portfolio after setup", |p| p.starts_with("/w/")).await;
        b.text_in("h1", "Payments").await;
        b.text_in(".top nav", "Ada Lovelace").await;
        let htmx = b.script("return typeof htmx;", vec![]).await;
        assert_eq!(htmx, "object", "htmx loads under the Content-Security-Policy");
        let portfolio = b.client.current_url().await.unwrap().path().to_owned();

        // The link works once: someone else opening it now is sent to sign in.
        let stranger = self.chromium.open().await;
        stranger.goto(&link).await;
        stranger.at_path("the used setup link to send a stranger to sign in", |p| p == "/login").await;
        stranger.element("form[action=\"/login\"]").await;
        stranger.assert_console_clean("the used setup link").await;

        b.click(".top form[action=\"/logout\"] button").await;
        b.at_path("the sign-in page after signing out", |p| p == "/login").await;
        b.sign_in("ada@example.com", PASSWORD).await;
        b.at_path("the portfolio after signing in", |p| p == portfolio).await;

        b.type_keys(&Key::Tab.to_string()).await;
        let focused = b
            .script(
                "const e = document.activeElement; const r = e.getBoundingClientRect(); \
                 const s = getComputedStyle(e); \
                 return {cls: e.className, left: r.left, top: r.top, outline: s.outlineStyle, width: s.outlineWidth};",
                vec![],
            )
            .await;
        assert_eq!(focused["cls"], "skip", "the first Tab reaches the skip link: {focused}");
        assert!(focused["left"].as_f64().unwrap() >= 0.0, "the focused skip link is on screen: {focused}");
        assert_ne!(focused["outline"], "none", "keyboard focus is visible: {focused}");
        self.screenshot("setup").await;
    }

    /// Step 2: a new PR/FAQ from the template, through the portfolio's form.
    async fn new_prfaq(&mut self, title: &str) {
        let b = &self.author;
        b.fill("title", title).await;
        b.click("form[action$=\"/documents\"] button[type=submit]").await;
        let path = b.at_path("the new document's page", |p| p.starts_with("/d/")).await;
        b.text_in("main h1", title).await;
        b.text_in(".meta", "revision 1").await;
        b.text_in("#findings", "Score").await;
        b.text_in("article.prfaq dl.front", "ada@example.com").await;
        let article = b.element("article.prfaq").await.text().await.unwrap();
        assert!(!article.contains("owner:"), "the front matter is a title block, not text:\n{article}");
        self.document = Some(path);
        self.screenshot("new").await;
    }

    /// Opens the editor from the document page.
    async fn open_editor(&self) {
        let b = &self.author;
        b.goto(self.document()).await;
        b.click(".actions a.button[href$=\"/edit\"]").await;
        b.element("textarea#markdown").await;
    }

    /// Selects `old` in the editor and types `new` over it, with the keyboard.
    async fn edit_text(&self, old: &str, new: &str) {
        let b = &self.author;
        let found = b
            .script(
                "const t = document.getElementById('markdown'); const at = t.value.indexOf(arguments[0]); \
                 if (at < 0) return false; t.focus(); t.setSelectionRange(at, at + arguments[0].length); return true;",
                vec![json!(old)],
            )
            .await;
        assert_eq!(found, true, "`{old}` is in the editor");
        b.type_keys(new).await;
        let value = b.element("textarea#markdown").await.prop("value").await.unwrap().unwrap_or_default();
        assert!(value.contains(new) && !value.contains(old), "the editor now says `{new}` instead of `{old}`");
    }

    /// The findings panel's score.
    async fn score(&self) -> u32 {
        let text = self.author.text_in("#findings .score", "Score").await;
        text.split_whitespace().nth(1).and_then(|s| s.split('/').next()).unwrap().parse().unwrap()
    }

    /// Step 3: typing a weasel word into the press release; the live check (htmx, debounced)
    /// flags it; fixing it clears the finding and moves the score.
    async fn edit_with_live_findings(&mut self) {
        self.open_editor().await;
        // The findings that flag "significantly" as a weasel word (STY001).
        let weasel = "#findings li.finding";
        let count_weasels = "return [...document.querySelectorAll(arguments[0])].filter(li => \
                             li.querySelector('code')?.textContent === 'STY001' && li.textContent.includes('significantly')).length;";
        let before = self.author.script(count_weasels, vec![json!(weasel)]).await;
        assert_eq!(before, 0, "the template does not say `significantly`");
        let problem = self.problem_placeholder().await;
        self.edit_text(
            &problem,
            "Payments teams reconcile 4,000 card refunds a month by hand, and the work is significantly slower than it should be.",
        )
        .await;
        self.author
            .until("the live check to flag `significantly`", |client| async move {
                let n = client.execute(count_weasels, vec![json!(weasel)]).await?;
                Ok((n.as_u64() == Some(1)).then_some(()))
            })
            .await;
        let flagged = self.score().await;
        // Bring the new finding into view in the panel for the screenshot.
        self.author
            .script(
                "[...document.querySelectorAll('#findings li.finding')].find(li => li.textContent.includes('significantly'))\
                 .scrollIntoView({block: 'center'});",
                vec![],
            )
            .await;
        self.screenshot("edit-finding").await;

        self.edit_text("significantly slower than it should be", "four days behind the bank statements").await;
        self.author
            .until("the live check to clear the weasel word", |client| async move {
                let n = client.execute(count_weasels, vec![json!(weasel)]).await?;
                Ok((n.as_u64() == Some(0)).then_some(()))
            })
            .await;
        let score = self.score().await;
        assert!(score > flagged, "fixing the weasel word raises the score ({flagged} → {score})");
        self.screenshot("edit-fixed").await;
    }

    /// The template's problem paragraph, as the editor holds it.
    async fn problem_placeholder(&self) -> String {
        let value = self.author.element("textarea#markdown").await.prop("value").await.unwrap().unwrap_or_default();
        let line = value.lines().find(|l| l.starts_with("(Problem:")).expect("the template's problem paragraph");
        line.to_owned()
    }

    /// Saves the editor as the next revision; lands on the document page showing it.
    async fn save(&mut self, revision: i64) {
        let b = &self.author;
        b.click("form.editor button[type=submit]").await;
        let document = self.document().to_owned();
        b.at_path("the document page after saving", |p| p == document).await;
        b.text_in(".meta", &format!("revision {revision}")).await;
    }

    /// Opens the diff of `from` → `to` from the revisions table.
    async fn open_diff(&self, from: i64, to: i64) {
        let b = &self.author;
        b.click(&format!("a[href$=\"/diff?from={from}&to={to}\"]")).await;
        b.text_in("main h1", &format!("Revision {from} → {to}")).await;
    }

    /// Step 4: save → revision 2, shown on the document page; the diff shows the new words.
    async fn save_and_diff(&mut self) {
        self.save(2).await;
        let b = &self.author;
        b.text_in("article.prfaq", "4,000 card refunds").await;
        b.text_in("#rev-heading ~ table", "1 → 2").await;
        self.screenshot("saved").await;
        self.open_diff(1, 2).await;
        let b = &self.author;
        let inserted = b.text_in("main .redline", "4,000 card refunds").await;
        let ins = b
            .script(
                "return [...document.querySelectorAll('main .redline ins')].map(e => e.textContent).join(' ');",
                vec![],
            )
            .await;
        assert!(ins.as_str().unwrap().contains("four days behind"), "the inserted words are marked: {ins}\n{inserted}");
        b.text_in("main .verdict", "revision").await;
        self.screenshot("diff").await;
    }

    /// Step 5: the download links are on the document page, and the Markdown one gives the
    /// saved text.
    async fn downloads(&mut self) {
        let b = &self.author;
        b.goto(self.document()).await;
        for format in ["md", "html", "pdf"] {
            b.element(&format!(".actions a[href$=\"/download.{format}\"]")).await;
        }
        let markdown = b
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 fetch(document.querySelector('.actions a[href$=\"/download.md\"]').href)\
                 .then(r => r.text().then(t => done([r.status, r.headers.get('content-disposition'), t])))\
                 .catch(e => done([0, String(e), '']));",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(markdown[0], 200, "{markdown}");
        assert!(markdown[1].as_str().unwrap().contains("attachment"), "{markdown}");
        assert!(markdown[2].as_str().unwrap().contains("four days behind the bank statements"), "{markdown}");
        self.author.assert_console_clean("downloads").await;
    }

    /// Saves a screenshot of another person's browser as the next `NN-name.png`.
    async fn screenshot_of(&mut self, who: &Browser, name: &str) {
        self.taken += 1;
        let png = who.full_page_screenshot().await;
        std::fs::write(self.shots.join(format!("{:02}-{name}.png", self.taken)), png).unwrap();
        who.assert_console_clean(name).await;
    }

    /// A colleague in the author's workspace, with an account made through the store.
    async fn colleague(&self, name: &str, email: &str) -> prfaq_store::User {
        let store = self.running.store();
        let id: i64 = self.document().trim_start_matches("/d/").parse().unwrap();
        let document = store.document(prfaq_store::DocumentId(id)).await.unwrap();
        let password_hash = prfaq_server::auth::password::hash_password(PASSWORD.into()).await.unwrap();
        let user = store
            .create_user(prfaq_store::NewUser {
                email: email.into(),
                name: name.into(),
                password_hash,
                is_admin: false,
            })
            .await
            .unwrap();
        let audit = prfaq_store::Audit::by(document.created_by, "member.added", email);
        store.set_member(document.workspace_id, user.id, prfaq_store::WorkspaceRole::Member, audit).await.unwrap();
        user
    }

    /// Step 7: the author opens a review round on the latest revision from the document page,
    /// inviting a colleague as the engineering reviewer. Returns the round's page.
    async fn open_round(&mut self, reviewer: &prfaq_store::User) -> String {
        let b = &self.author;
        b.goto(self.document()).await;
        b.click(&format!("select[name=\"function_{}\"] option[value=\"engineering\"]", reviewer.id)).await;
        b.fill("min_read_seconds", "0").await;
        b.click("form[action$=\"/rounds\"] button[type=submit]").await;
        let round = b.at_path("the round's page", |p| p.starts_with("/r/")).await;
        b.text_in("main h1", "Review round 1").await;
        b.text_in("#comment-panel", "not a reviewer").await;
        self.screenshot("round-opened").await;
        round
    }

    /// Step 8: the reviewer reads to the end (htmx unlocks the comment box when the end of
    /// the document scrolls into view), selects a passage, comments on it and submits.
    async fn review(&mut self, reviewer: &Browser, round: &str) {
        reviewer.goto(round).await;
        reviewer.text_in("#comment-panel", "Read the whole document first").await;
        assert!(reviewer.client.find(Locator::Css("#comment-form")).await.is_err(), "no comment box before the end");
        reviewer.script("document.getElementById('end-of-document').scrollIntoView();", vec![]).await;
        reviewer.element("#comment-form").await;
        let passage = "4,000 card refunds a month";
        let selected = reviewer
            .script(
                "const walker = document.createTreeWalker(document.getElementById('reading'), NodeFilter.SHOW_TEXT);\
                 while (walker.nextNode()) { const n = walker.currentNode; const at = n.data.indexOf(arguments[0]);\
                   if (at >= 0) { const r = document.createRange(); r.setStart(n, at); r.setEnd(n, at + arguments[0].length);\
                     const s = document.getSelection(); s.removeAllRanges(); s.addRange(r); return true; } }\
                 return false;",
                vec![json!(passage)],
            )
            .await;
        assert_eq!(selected, true, "the passage is in the rendered document");
        reviewer
            .until("the selection to fill the passage field", |client| async move {
                let value = client.execute("return document.getElementById('quote').value;", vec![]).await?;
                Ok((value.as_str() == Some(passage)).then_some(()))
            })
            .await;
        reviewer.click("select[name=\"kind\"] option[value=\"question\"]").await;
        reviewer.click("select[name=\"severity\"] option[value=\"critical\"]").await;
        reviewer.fill("body", "Where does the 4,000 come from? Say it in the FAQ.").await;
        reviewer.click("#comment-form button[type=submit]").await;
        reviewer.text_in("#comments", "Where does the 4,000 come from?").await;
        reviewer.text_in("#comments blockquote", passage).await;
        reviewer.click("form[action$=\"/submit\"] button[type=submit]").await;
        reviewer.text_in("#comment-panel", "Critique submitted").await;
        self.screenshot_of(reviewer, "reviewer-commented").await;
    }

    /// Step 9: the author answers the comment in the FAQ: one form writes the entry into
    /// revision 3, and the diff shows it.
    async fn answer_in_faq(&mut self, round: &str) {
        let b = &self.author;
        b.goto(round).await;
        b.text_in("#comments", "Where does the 4,000 come from?").await;
        b.click("#comments details summary").await;
        b.click("input[name=\"status\"][value=\"answered_in_faq\"]").await;
        b.fill("faq_question", "How many refunds are reconciled by hand today?").await;
        b.fill("faq_answer", "About 4,000 a month, counted from 212 support tickets.").await;
        b.click("#comments form[action$=\"/resolve\"] button[type=submit]").await;
        b.text_in("#comments", "Answered in the FAQ (revision 3)").await;
        self.screenshot("answered-in-faq").await;
        self.author.goto(self.document()).await;
        self.author.text_in(".meta", "revision 3").await;
        self.open_diff(2, 3).await;
        self.author.text_in("main", "How many refunds are reconciled by hand today?").await;
        self.screenshot("diff-answer").await;
    }

    /// Step 10: a decision-maker records "go"; revision 3 becomes the north star.
    async fn decide_go(&mut self, decider: &Browser) {
        decider.goto(self.document()).await;
        decider.click("input[name=\"outcome\"][value=\"go\"]").await;
        decider.fill("rationale", "The refund pain is real and measured; engineering sees no blocker.").await;
        decider.fill("conditions", "A beta with three payments teams first.").await;
        decider.click("form[action$=\"/decisions\"] button[type=submit]").await;
        decider.text_in("#decisions", "North star: revision 3").await;
        decider.text_in("#decisions", "engineering sees no blocker").await;
        decider.text_in(".meta", "north star: revision 3").await;
        self.screenshot_of(decider, "decided-go").await;
    }

    /// Step 11: evidence. The author uploads a CSV of support tickets on the workspace's
    /// evidence page (a real file chosen in the file input), searches it (the words found are
    /// highlighted) and sees its themes; in the editor, with the cursor after the problem
    /// paragraph's last sentence, picks a quote, which is inserted there with its citation;
    /// saves; and on the document page hovers the citation, then reaches it with the keyboard:
    /// both show the ticket's words and customer.
    async fn evidence(&mut self, revision: i64) {
        let b = &self.author;
        b.goto(self.document()).await;
        b.click(".crumbs a").await;
        b.click("nav.actions a[href$=\"/evidence\"]").await;
        b.text_in("main h1", "Evidence").await;
        let csv = self.shots.join("refund-tickets.csv");
        std::fs::write(&csv, REFUND_TICKETS).unwrap();
        b.element("#import-form input[type=file]").await.send_keys(csv.to_str().unwrap()).await.unwrap();
        b.click("#import-form select[name=\"kind\"] option[value=\"ticket\"]").await;
        let source = b.element("#import-form input[name=\"source\"]").await;
        source.send_keys("zendesk").await.unwrap();
        b.click("#import-form button[type=submit]").await;
        b.text_in(".notice", "Imported refund-tickets.csv: 8 added, 0 updated, 0 unchanged.").await;
        b.text_in("#themes", "[ev:").await;
        self.screenshot("evidence-imported").await;

        let b = &self.author;
        let words = b.element("form[role=search] input[name=\"q\"]").await;
        words.send_keys("refunds matched").await.unwrap();
        b.click("form[role=search] button[type=submit]").await;
        b.text_in("#search-summary", "with every word of “refunds matched”").await;
        let marked = b
            .script(
                "return [...document.querySelectorAll('#hits mark')].map(m => m.textContent.toLowerCase());",
                vec![],
            )
            .await;
        let marked: Vec<String> = serde_json::from_value(marked).unwrap();
        assert!(marked.iter().any(|m| m.starts_with("refund")), "the words found are highlighted: {marked:?}");
        self.screenshot("evidence-search").await;

        self.open_editor().await;
        let b = &self.author;
        b.element("#quote-picker form.pick-quote").await;
        let sentence = "four days behind the bank statements.";
        let placed = b
            .script(
                "const t = document.getElementById('markdown'); const at = t.value.indexOf(arguments[0]); \
                 if (at < 0) return -1; t.focus(); t.setSelectionRange(at + arguments[0].length, at + arguments[0].length); \
                 return at + arguments[0].length;",
                vec![json!(sentence)],
            )
            .await;
        assert!(placed.as_i64().unwrap() > 0, "the problem sentence is in the editor");
        let insert = b.element("#quote-picker form.pick-quote").await.attr("data-insert").await.unwrap().unwrap();
        assert!(insert.starts_with('“') && insert.contains("” [ev:"), "{insert}");
        b.click("#quote-picker form.pick-quote button[type=submit]").await;
        // Offsets in the page are UTF-16 units: compare there.
        let after = b
            .script(
                "const t = document.getElementById('markdown'); return t.value.slice(arguments[0], arguments[0] + arguments[1].length + 1);",
                vec![placed.clone(), json!(insert)],
            )
            .await;
        assert_eq!(after.as_str(), Some(format!(" {insert}").as_str()), "the quote is inserted at the cursor");
        assert_eq!(
            self.author.client.current_url().await.unwrap().path(),
            format!("{}/edit", self.document()),
            "nothing was posted"
        );
        self.screenshot("quote-picked").await;
        self.save(revision).await;

        let b = &self.author;
        let citation = b.element("article.prfaq a.cite").await;
        let card = citation.find(Locator::Css(".cite-card")).await.unwrap();
        assert!(!card.is_displayed().await.unwrap(), "the card is hidden until asked for");
        let hover = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
            element: citation.clone(),
            duration: None,
            x: 0.0,
            y: 0.0,
        });
        b.client.perform_actions(hover).await.unwrap();
        b.until("the citation's card to show on hover", |_| {
            let card = card.clone();
            async move { Ok(card.is_displayed().await?.then_some(())) }
        })
        .await;
        let shown = card.text().await.unwrap();
        assert!(shown.contains("ticket from zendesk #"), "the card names the source: {shown}");
        assert!(
            REFUND_TICKETS.lines().any(|l| l.contains(shown.split('”').next().unwrap().trim_start_matches('“'))),
            "{shown}"
        );
        self.screenshot("citation-hover").await;
        let b = &self.author;
        b.client
            .perform_actions(MouseActions::new("mouse".into()).then(PointerAction::MoveTo {
                duration: None,
                x: 0.0,
                y: 0.0,
            }))
            .await
            .unwrap();
        b.until("the card to hide when the pointer leaves", |_| {
            let card = card.clone();
            async move { Ok((!card.is_displayed().await?).then_some(())) }
        })
        .await;
        b.script("document.querySelector('article.prfaq a.cite').focus();", vec![]).await;
        b.until("the citation's card to show on keyboard focus", |_| {
            let card = card.clone();
            async move { Ok(card.is_displayed().await?.then_some(())) }
        })
        .await;
        self.author.assert_console_clean("citation focus").await;
    }

    /// The document page at phone width: nothing wider than the screen, the findings below
    /// the text.
    async fn phone_layout(&mut self) {
        let b = &self.author;
        b.goto(self.document()).await;
        b.set_viewport(PHONE).await;
        b.text_in("main h1", "Refund Radar").await;
        let layout = b
            .script(
                "const wide = [...document.querySelectorAll('body *')]\
                   .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)\
                   .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));\
                 const article = document.querySelector('article.prfaq').getBoundingClientRect();\
                 const findings = document.querySelector('#findings').getBoundingClientRect();\
                 return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, wide: wide,\
                         stacked: findings.top >= article.bottom};",
                vec![],
            )
            .await;
        self.screenshot("phone").await;
        assert!(
            layout["scroll"].as_u64() <= layout["inner"].as_u64(),
            "no sideways scrolling at {} px: {layout}",
            PHONE.0
        );
        assert_eq!(layout["wide"], json!([]), "elements wider than the screen: {layout}");
        assert_eq!(layout["stacked"], true, "the findings come after the text on a phone: {layout}");
        self.author.set_viewport(DESKTOP).await;
    }
}

/// The whole journey: the author's browser, then a reviewer's and a decision-maker's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_writes_checks_saves_and_compares_a_prfaq() {
    let chromedriver = require_program("chromedriver");
    let chromium = require_program("chromium");
    let shots = screenshot_dir();
    let _ = std::fs::remove_dir_all(&shots);
    std::fs::create_dir_all(&shots).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let options = ServeOptions {
        listen: "127.0.0.1:0".parse().unwrap(),
        database: Database::SqliteFile(dir.path().join("prfaq.db")),
        app: prfaq_server::AppOptions::default(),
        engine: prfaq_critique::Engine::new(prfaq_critique::Config::default()),
    };
    let running = prfaq_server::serve::spawn(options).await.unwrap();
    let driver = ChromeDriver::start(&chromedriver, &shots.join("chromedriver.log"));
    let chromium =
        Chromium { driver_url: driver.url(), binary: chromium, base: running.url(), sessions: Arc::default() };
    let author = chromium.open().await;
    let mut journey = Journey { author, chromium: chromium.clone(), running, shots, taken: 0, document: None };

    // The steps run in a task of their own so that, pass or fail, every browser session is
    // closed (Chromium quits) before the panic, if any, is passed on.
    let outcome = tokio::spawn(async move {
        journey.setup_first_admin().await;
        journey.new_prfaq("Refund Radar").await;
        journey.edit_with_live_findings().await;
        journey.save_and_diff().await;
        journey.downloads().await;
        journey.phone_layout().await;
        let grace = journey.colleague("Grace Hopper", "grace@example.com").await;
        let barbara = journey.colleague("Barbara Liskov", "barbara@example.com").await;
        let id: i64 = journey.document().trim_start_matches("/d/").parse().unwrap();
        let audit = prfaq_store::Audit::by(grace.id, "document.role_set", "decision-maker");
        journey
            .running
            .store()
            .set_document_role(prfaq_store::DocumentId(id), barbara.id, prfaq_store::DocumentRole::DecisionMaker, audit)
            .await
            .unwrap();
        let round = journey.open_round(&grace).await;
        let reviewer = journey.chromium.open().await;
        reviewer.sign_in("grace@example.com", PASSWORD).await;
        journey.review(&reviewer, &round).await;
        journey.answer_in_faq(&round).await;
        let decider = journey.chromium.open().await;
        decider.sign_in("barbara@example.com", PASSWORD).await;
        journey.decide_go(&decider).await;
        // After "go", a save is an amendment: revision 4, the north star stays at 3.
        journey.evidence(4).await;
        journey
    })
    .await;
    chromium.close_all().await;
    drop(driver);
    match outcome {
        Ok(journey) => assert_eq!(journey.running.store().user_count().await.unwrap(), 3),
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}
