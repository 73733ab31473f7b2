//! Conversions between stored values and the store's types, shared by every backend.

use prfaq_store::{StoreError, StoreResult, Timestamp};

/// A time as stored: Unix milliseconds.
pub fn millis(time: Timestamp) -> i64 {
    time.as_millisecond()
}

/// A stored time back as a timestamp; out-of-range values are reported as corrupt.
pub fn timestamp(millis: i64) -> StoreResult<Timestamp> {
    Timestamp::from_millisecond(millis).map_err(|e| StoreError::Corrupt(format!("time {millis}: {e}")))
}

/// A stored enum word back as its enum; unknown words are reported as corrupt.
pub fn word<T: std::str::FromStr<Err = prfaq_store::UnknownWord>>(text: &str) -> StoreResult<T> {
    Ok(text.parse()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use prfaq_store::Outcome;

    #[test]
    fn times_round_trip_through_milliseconds() {
        let time = Timestamp::from_millisecond(1_763_900_000_123).unwrap_or(Timestamp::UNIX_EPOCH);
        assert_eq!(timestamp(millis(time)).ok(), Some(time));
        assert!(matches!(timestamp(i64::MAX), Err(StoreError::Corrupt(_))));
    }

    #[test]
    fn unknown_words_are_corrupt_values() {
        assert_eq!(word::<Outcome>("no_go").ok(), Some(Outcome::NoGo));
        let error = word::<Outcome>("maybe").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("unknown Outcome `maybe`"), "{error}");
    }
}
