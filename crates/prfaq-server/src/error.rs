//! One error type for every handler: clients see a clean message and a stable code; the real
//! cause of a server fault goes to the log only.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use prfaq_store::StoreError;
use serde::Serialize;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request is malformed or a field is invalid.
    #[error("{message}")]
    BadRequest {
        /// What is wrong.
        message: String,
        /// The field at fault, when one is.
        field: Option<&'static str>,
    },
    /// No valid session or token.
    #[error("sign in first")]
    Unauthenticated,
    /// Signed in, but not allowed to do this.
    #[error("{0}")]
    Forbidden(String),
    /// The thing asked for does not exist (or is not visible to the caller).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A save was based on a stale revision.
    #[error("the document is at revision {current}; your save was based on revision {base}")]
    Conflict {
        /// The revision the save was based on.
        base: i64,
        /// The latest revision now.
        current: i64,
    },
    /// The request is valid but does not apply in the current state.
    #[error("{0}")]
    Unprocessable(String),
    /// The thing existed but is no longer usable (an expired or used invitation).
    #[error("{0}")]
    Gone(String),
    /// The request could not be read (bad JSON, a wrong id in the path, a body too large);
    /// the status is the one the extractor chose.
    #[error("{1}")]
    Rejected(StatusCode, String),
    /// Too many attempts.
    #[error("too many attempts; try again in a minute")]
    TooManyRequests,
    /// Anything else: logged, shown as a generic message.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl AppError {
    /// A bad value in `field`.
    pub fn field(field: &'static str, message: impl Into<String>) -> Self {
        AppError::BadRequest { message: message.into(), field: Some(field) }
    }

    /// A malformed request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        AppError::BadRequest { message: message.into(), field: None }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Gone(_) => StatusCode::GONE,
            AppError::Rejected(status, _) => *status,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest { .. } => "bad_request",
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict { .. } => "conflict",
            AppError::Unprocessable(_) => "unprocessable",
            AppError::Gone(_) => "gone",
            AppError::Rejected(status, _) if *status == StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
            AppError::Rejected(status, _) if *status == StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
            AppError::Rejected(..) => "bad_request",
            AppError::TooManyRequests => "too_many_requests",
            AppError::Internal(_) => "internal",
        }
    }

    fn field_name(&self) -> Option<&'static str> {
        match self {
            AppError::BadRequest { field, .. } => *field,
            _ => None,
        }
    }

    /// Logs a server fault with its cause chain; client errors are not logged.
    pub fn log(&self) {
        if let AppError::Internal(cause) = self {
            let mut chain = cause.to_string();
            let mut source = cause.source();
            while let Some(next) = source {
                chain.push_str(": ");
                chain.push_str(&next.to_string());
                source = next.source();
            }
            tracing::error!(error = %chain, "request failed");
        }
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound(what) => AppError::NotFound(what),
            StoreError::Conflict { base, current } => AppError::Conflict { base, current },
            StoreError::Duplicate(what) => AppError::Unprocessable(format!("{what} already exists")),
            StoreError::Invalid(message) => AppError::Unprocessable(message),
            other => AppError::Internal(Box::new(other)),
        }
    }
}

/// The JSON body of an error: `{"error": {"code", "message", "field"}}`.
#[derive(Debug, Serialize)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// The fields of an error body.
#[derive(Debug, Serialize)]
pub struct ErrorDetail {
    /// Stable code, e.g. `conflict`.
    pub code: &'static str,
    /// A sentence for people.
    pub message: String,
    /// The request field at fault, if any.
    pub field: Option<&'static str>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let body =
            ErrorBody { error: ErrorDetail { code: self.code(), message: self.to_string(), field: self.field_name() } };
        (self.status(), Json(body)).into_response()
    }
}

/// A handler result.
pub type AppResult<T> = Result<T, AppError>;
