//! When to try again: exponential backoff, and the server's own `Retry-After` when it sends one.

use std::time::Duration;

use jiff::Timestamp;

/// The longest wait between attempts, whatever the server asks: a `Retry-After` of an hour
/// would look like a hang to the person waiting.
pub const MAX_DELAY: Duration = Duration::from_secs(60);

/// The wait before retry number `attempt` (1 for the first retry): the server's `Retry-After`
/// when given, else 500 ms doubled per attempt; both capped at [`MAX_DELAY`].
#[must_use]
pub fn delay(attempt: u32, retry_after: Option<Duration>) -> Duration {
    let backoff = Duration::from_millis(500).saturating_mul(1 << attempt.saturating_sub(1).min(10));
    retry_after.unwrap_or(backoff).min(MAX_DELAY)
}

/// Reads a `Retry-After` header: seconds, or an HTTP date (RFC 9110 §10.2.3), relative to `now`.
/// A date in the past means now; anything unreadable is `None`.
#[must_use]
pub fn parse_retry_after(value: &str, now: Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = jiff::fmt::rfc2822::DateTimeParser::new().parse_timestamp(value).ok()?;
    let wait = when.duration_since(now);
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(delay(1, None), Duration::from_millis(500));
        assert_eq!(delay(2, None), Duration::from_secs(1));
        assert_eq!(delay(3, None), Duration::from_secs(2));
        assert_eq!(delay(30, None), MAX_DELAY);
    }

    #[test]
    fn the_server_decides_when_it_says() {
        assert_eq!(delay(1, Some(Duration::from_secs(3))), Duration::from_secs(3));
        assert_eq!(delay(1, Some(Duration::from_secs(3600))), MAX_DELAY);
    }

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        let now: Timestamp = "2026-11-23T10:00:00Z".parse().expect("timestamp");
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("Mon, 23 Nov 2026 10:00:30 GMT", now), Some(Duration::from_secs(30)));
        assert_eq!(parse_retry_after("Mon, 23 Nov 2026 09:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
