//! A test app on a fresh SQLite file, driven through `Router::oneshot` (no socket).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt as _;
use prfaq_server::auth::secrets::hash_secret;
use prfaq_server::{AppOptions, AppState};
use prfaq_store::{NewUser, Store, User, Workspace};
use prfaq_store_sqlite::SqliteStore;
use serde_json::Value;
use tower::ServiceExt as _;

pub(crate) struct TestApp {
    pub router: Router,
    pub store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

pub(crate) struct Response {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Response {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub(crate) fn error_code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or_default().to_owned()
    }
}

impl TestApp {
    pub(crate) async fn new() -> Self {
        Self::with_options(AppOptions::default()).await
    }

    /// An app with these options (the server's AI endpoint, say).
    pub(crate) async fn with_options(options: AppOptions) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&dir.path().join("prfaq.db")).await.unwrap());
        let state =
            AppState::new(Arc::clone(&store), prfaq_critique::Engine::new(prfaq_critique::Config::default()), options);
        TestApp { router: prfaq_server::router(state), store, _dir: dir }
    }

    /// A user with a workspace of their own and an API token; returns the user, the workspace
    /// and the token's secret.
    pub(crate) async fn user_with_workspace(&self, email: &str) -> (User, Workspace, String) {
        let user = self.user(email).await;
        let workspace = self.store.create_workspace("Team", user.id).await.unwrap();
        let token = self.token(&user).await;
        (user, workspace, token)
    }

    pub(crate) async fn user(&self, email: &str) -> User {
        let password_hash = prfaq_server::auth::password::hash_password("correct horse battery".into()).await.unwrap();
        self.store
            .create_user(NewUser { email: email.into(), name: email.into(), password_hash, is_admin: false })
            .await
            .unwrap()
    }

    pub(crate) async fn token(&self, user: &User) -> String {
        let secret = format!("secret-for-{}", user.id);
        self.store.create_api_token(user.id, "test", &hash_secret(&secret)).await.unwrap();
        secret
    }

    pub(crate) async fn send(&self, request: Request<Body>) -> Response {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Response { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub(crate) async fn api(&self, method: Method, path: &str, token: &str, body: Option<Value>) -> Response {
        self.call(method, path, Some(token), body).await
    }

    /// An API call with no credentials.
    pub(crate) async fn anonymous(&self, method: Method, path: &str, body: Option<Value>) -> Response {
        self.call(method, path, None, body).await
    }

    async fn call(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Response {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).unwrap()).await
    }
}

/// A browser: keeps the session cookie and the CSRF token of the last page.
pub(crate) struct Browser<'a> {
    pub app: &'a TestApp,
    pub cookie: Option<String>,
    pub csrf: Option<String>,
}

impl<'a> Browser<'a> {
    pub(crate) fn new(app: &'a TestApp) -> Self {
        Browser { app, cookie: None, csrf: None }
    }

    fn remember(&mut self, response: &Response) {
        if let Some(set) = response.headers.get(header::SET_COOKIE) {
            let cookie = set.to_str().unwrap().split(';').next().unwrap().to_owned();
            self.cookie = Some(cookie);
        }
        if let Some(at) = response.body.find("data-csrf=\"") {
            let rest = &response.body[at + 11..];
            self.csrf = Some(rest[..rest.find('"').unwrap()].to_owned());
        }
    }

    pub(crate) async fn get(&mut self, path: &str) -> Response {
        let mut request = Request::builder().uri(path);
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = self.app.send(request.body(Body::empty()).unwrap()).await;
        self.remember(&response);
        response
    }

    /// Posts a form, adding the CSRF token unless `csrf` is false.
    pub(crate) async fn post(&mut self, path: &str, fields: &[(&str, &str)], csrf: bool) -> Response {
        let mut form = form_urlencoded::Serializer::new(String::new());
        for (k, v) in fields {
            form.append_pair(k, v);
        }
        if csrf {
            form.append_pair("csrf", self.csrf.as_deref().unwrap_or_default());
        }
        let mut request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = self.app.send(request.body(Body::from(form.finish())).unwrap()).await;
        self.remember(&response);
        response
    }

    pub(crate) async fn sign_in(&mut self, email: &str) -> Response {
        self.get("/login").await;
        let response = self.post("/login", &[("email", email), ("password", "correct horse battery")], true).await;
        // Signing in rotates the CSRF token: load a page to pick up the new one.
        self.get("/login").await;
        response
    }
}
