//! Sign-in rate limiting: at most [`MAX_FAILURES`] failed attempts per account (e-mail) per
//! [`WINDOW`]; further attempts are refused without checking the password.
//!
//! The counts are per process: with several instances behind a load balancer an attacker gets
//! that many attempts per instance and window, which still bounds guessing; nothing another
//! instance needs lives here.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed attempts allowed per window.
pub const MAX_FAILURES: u32 = 5;
/// The window.
pub const WINDOW: Duration = Duration::from_secs(60);

/// Counts failed sign-ins per key.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, (Instant, u32)>>,
}

impl LoginLimiter {
    /// True when `key` may try again now.
    pub fn allowed(&self, key: &str) -> bool {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.retain(|_, (since, _)| now.duration_since(*since) < WINDOW);
        map.get(key).is_none_or(|(_, count)| *count < MAX_FAILURES)
    }

    /// Notes a failed attempt for `key`.
    pub fn failed(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = map.entry(key.to_owned()).or_insert((Instant::now(), 0));
        entry.1 += 1;
    }

    /// Forgets `key`'s failures after a successful sign-in.
    pub fn succeeded(&self, key: &str) {
        self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_failure_in_a_window_is_refused() {
        let limiter = LoginLimiter::default();
        for _ in 0..MAX_FAILURES {
            assert!(limiter.allowed("a@example.com"));
            limiter.failed("a@example.com");
        }
        assert!(!limiter.allowed("a@example.com"));
        assert!(limiter.allowed("b@example.com"), "other accounts are not affected");
        limiter.succeeded("a@example.com");
        assert!(limiter.allowed("a@example.com"));
    }
}
