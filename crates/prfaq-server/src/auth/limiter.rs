//! Sign-in rate limiting: at most [`MAX_FAILURES`] failed attempts per account (e-mail) per
//! [`WINDOW`]; further attempts are refused without checking the password.
//!
//! The failures are kept in the database, so every server sharing it counts the same
//! attempts: several instances behind a load balancer give an attacker no more tries.

use jiff::{SignedDuration, Timestamp};
use prfaq_store::Store;

use crate::error::AppResult;

/// Failed attempts allowed per window.
pub const MAX_FAILURES: i64 = 5;
/// The window.
pub const WINDOW: SignedDuration = SignedDuration::from_secs(60);

/// True when `key` may try again now.
pub async fn allowed(store: &dyn Store, key: &str) -> AppResult<bool> {
    Ok(store.sign_in_failures(key, Timestamp::now() - WINDOW).await? < MAX_FAILURES)
}

/// Notes a failed attempt for `key`.
pub async fn failed(store: &dyn Store, key: &str) -> AppResult<()> {
    let now = Timestamp::now();
    store.record_sign_in_failure(key, now, now - WINDOW).await?;
    Ok(())
}

/// Forgets `key`'s failures after a successful sign-in.
pub async fn succeeded(store: &dyn Store, key: &str) -> AppResult<()> {
    Ok(store.clear_sign_in_failures(key).await?)
}
