//! The whole app as one `Router`: pages, assets, the API, and the layers every request passes
//! (body limit, session, CSRF check, security headers).

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::middleware::from_fn_with_state;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::cookie::time::Duration;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::auth::{csrf, sessions::DbSessions};
use crate::state::AppState;
use crate::{api, assets, pages};

/// The Content-Security-Policy: only our own scripts, styles and images (plus `data:` images
/// for the SVG charts); no framing; forms post to us only.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The app, ready to serve.
pub fn router(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(DbSessions::new(state.store_arc()))
        .with_name("prfaq_session")
        .with_secure(state.options().secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(Duration::days(14)));
    let limit = state.options().max_body_bytes;
    Router::new()
        .merge(pages::routes())
        .nest("/api/v1", api::routes())
        .nest("/assets", assets::routes())
        .layer(from_fn_with_state(state.clone(), csrf::protect))
        .layer(sessions)
        .layer(DefaultBodyLimit::max(limit))
        .layer(RequestBodyLimitLayer::new(limit))
        .layer(header_layer(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .layer(header_layer(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header_layer(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header_layer(header::REFERRER_POLICY, "same-origin"))
        .with_state(state)
}

fn header_layer(name: header::HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}
