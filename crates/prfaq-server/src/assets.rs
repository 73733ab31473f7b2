//! Static assets compiled into the binary: the stylesheet, our script, the icon, and htmx (vendored from
//! the npm registry, see `assets/vendor/README.md`). Served with long cache lifetimes; the
//! file names carry versions.

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::state::AppState;

/// The stylesheet's URL.
pub const STYLE_URL: &str = "/assets/style-3.css";
/// Our script's URL.
pub const SCRIPT_URL: &str = "/assets/app-3.js";
/// The icon's URL (browsers ask for `/favicon.ico` when a page names no icon).
pub const ICON_URL: &str = "/assets/icon-1.svg";
/// htmx's URL.
pub const HTMX_URL: &str = "/assets/htmx-2.0.11.min.js";

const STYLE: &str = include_str!("../assets/style.css");
const SCRIPT: &str = include_str!("../assets/app.js");
const ICON: &str = include_str!("../assets/icon.svg");
const HTMX: &str = include_str!("../assets/vendor/htmx-2.0.11.min.js");

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")], body)
}

/// The `/assets` routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/style-3.css", get(|| async { asset("text/css; charset=utf-8", STYLE) }))
        .route("/app-3.js", get(|| async { asset("text/javascript; charset=utf-8", SCRIPT) }))
        .route("/icon-1.svg", get(|| async { asset("image/svg+xml", ICON) }))
        .route("/htmx-2.0.11.min.js", get(|| async { asset("text/javascript; charset=utf-8", HTMX) }))
}
