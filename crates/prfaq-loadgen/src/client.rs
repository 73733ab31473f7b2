//! A minimal HTTP/1 client for one `prfaq serve` instance: plain HTTP on loopback (no TLS),
//! pooled keep-alive connections, an API token or a browser session (cookie plus CSRF token).

use std::net::SocketAddr;
use std::time::Duration;

use http_body_util::{BodyExt as _, Full};
use hyper::body::Bytes;
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, HeaderMap, LOCATION, SET_COOKIE};
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

/// What went wrong sending a request: no connection, a dropped connection, a timeout.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// A request that takes longer than this fails (a server that hangs must not hang the caller).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// The header carrying the CSRF token of a session.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A client for one server address. Cheap to clone: clones share the connection pool.
#[derive(Clone, Debug)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
    addr: SocketAddr,
    /// Sent as `Authorization: Bearer …` when set.
    pub bearer: Option<String>,
    /// The session cookie (`name=value`), sent when set.
    pub cookie: Option<String>,
    /// The session's CSRF token, sent with every request but `GET` when set.
    pub csrf: Option<String>,
}

/// A response, read to the end.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Bytes,
}

impl Reply {
    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON (`Null` when it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The `Location` header of a redirect.
    pub fn location(&self) -> Option<&str> {
        self.headers.get(LOCATION).and_then(|v| v.to_str().ok())
    }

    /// The CSRF token a page carries in `<body data-csrf="…">`.
    pub fn page_csrf(&self) -> Option<String> {
        let text = self.text();
        let start = text.find("data-csrf=\"")? + "data-csrf=\"".len();
        let len = text[start..].find('"')?;
        Some(text[start..start + len].to_owned()).filter(|token| !token.is_empty())
    }

    /// The `name=value` of a cookie the response sets.
    pub fn set_cookie(&self) -> Option<String> {
        let value = self.headers.get(SET_COOKIE)?.to_str().ok()?;
        value.split(';').next().map(str::to_owned)
    }
}

impl Http {
    /// A client for the server at `addr`, with no credentials.
    pub fn new(addr: SocketAddr) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        let client = Client::builder(TokioExecutor::new()).build(connector);
        Http { client, addr, bearer: None, cookie: None, csrf: None }
    }

    /// The same client with an API token.
    pub fn with_bearer(mut self, token: impl Into<String>) -> Self {
        self.bearer = Some(token.into());
        self
    }

    /// The same client and credentials for another address (another instance, or the same
    /// database served again after a restart).
    pub fn with_addr(&self, addr: SocketAddr) -> Self {
        Http { addr, ..self.clone() }
    }

    /// The same client and address with no credentials (a fresh browser).
    pub fn anonymous(&self) -> Self {
        Http { bearer: None, cookie: None, csrf: None, ..self.clone() }
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Keeps the session cookie and page CSRF token a response carries, as a browser would.
    pub fn remember(&mut self, reply: &Reply) {
        if let Some(cookie) = reply.set_cookie() {
            self.cookie = Some(cookie);
        }
        if let Some(csrf) = reply.page_csrf() {
            self.csrf = Some(csrf);
        }
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> Result<Reply, Error> {
        self.send(Method::GET, path, None, Vec::new()).await
    }

    /// `POST path` with a JSON body.
    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Result<Reply, Error> {
        self.send(Method::POST, path, Some("application/json"), body.to_string().into_bytes()).await
    }

    /// `POST path` with a URL-encoded form.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Result<Reply, Error> {
        let mut form = form_urlencoded::Serializer::new(String::new());
        for (name, value) in fields {
            form.append_pair(name, value);
        }
        let body = form.finish().into_bytes();
        self.send(Method::POST, path, Some("application/x-www-form-urlencoded"), body).await
    }

    /// Sends one request with the client's credentials and reads the whole response.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Result<Reply, Error> {
        let mut request = Request::builder().method(method.clone()).uri(format!("http://{}{path}", self.addr));
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        if let Some(token) = &self.bearer {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        if let Some(csrf) = self.csrf.as_deref().filter(|_| method != Method::GET) {
            request = request.header(CSRF_HEADER, csrf);
        }
        let request = request.body(Full::new(Bytes::from(body)))?;
        let exchange = async {
            let response = self.client.request(request).await?;
            let (parts, body) = response.into_parts();
            let body = body.collect().await?.to_bytes();
            Ok::<_, Error>(Reply { status: parts.status, headers: parts.headers, body })
        };
        tokio::time::timeout(REQUEST_TIMEOUT, exchange).await.map_err(|_| "the request timed out")?
    }
}
