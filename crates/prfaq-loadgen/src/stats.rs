//! Latency figures of one phase of the load.

use std::time::Duration;

/// What one phase measured.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The request kind's name.
    pub kind: &'static str,
    /// Requests sent.
    pub requests: usize,
    /// Requests that failed: no response, or a status the kind does not expect.
    pub errors: usize,
    /// Saves refused with 409 (each retried after reading the head again).
    pub conflicts: usize,
    /// Wall time of the phase.
    pub elapsed: Duration,
    /// Median latency.
    pub p50: Duration,
    /// 99th-percentile latency.
    pub p99: Duration,
}

impl Summary {
    /// Requests per second over the phase.
    pub fn per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 { self.requests as f64 / secs } else { 0.0 }
    }

    /// One row of the Markdown table [`TABLE_HEADER`] starts.
    pub fn row(&self) -> String {
        format!(
            "| {} | {} | {} | {} | {:.0} | {:.2} | {:.2} |",
            self.kind,
            self.requests,
            self.errors,
            self.conflicts,
            self.per_second(),
            millis(self.p50),
            millis(self.p99)
        )
    }
}

/// The head of the table of [`Summary::row`]s.
pub const TABLE_HEADER: &str =
    "| kind | requests | errors | 409s | req/s | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|---:|";

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The percentile of `samples` given in per mille (500 = median, nearest rank); sorts them.
pub fn percentile(samples: &mut [Duration], per_mille: usize) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    samples.sort_unstable();
    let rank = (per_mille * samples.len()).div_ceil(1000);
    samples[rank.clamp(1, samples.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let mut samples: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        assert_eq!(percentile(&mut samples, 500), Duration::from_millis(50));
        assert_eq!(percentile(&mut samples, 990), Duration::from_millis(99));
        assert_eq!(percentile(&mut [Duration::from_millis(7)], 990), Duration::from_millis(7));
        assert_eq!(percentile(&mut [], 500), Duration::ZERO);
    }
}
