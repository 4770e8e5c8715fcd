//! When a failed job runs again: exponential backoff with full jitter, capped.

use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self { base: Duration::from_secs(5), cap: Duration::from_secs(60 * 60) }
    }
}

impl Backoff {
    /// The delay after failed attempt number `attempt` (1 for the first), given a uniform
    /// random `unit` in [0, 1). Full jitter spreads retries of many jobs that failed together
    /// (an SMTP outage) instead of sending them back in one wave; the delay is at least half
    /// the exponential step so a retry never comes right away.
    pub fn delay(&self, attempt: u32, unit: f64) -> Duration {
        let exponent = attempt.saturating_sub(1).min(30);
        let step = self.base.saturating_mul(1u32 << exponent).min(self.cap);
        let unit = unit.clamp(0.0, 1.0);
        step.mul_f64(0.5 + unit / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_exponentially_within_their_jitter_band() {
        let backoff = Backoff { base: Duration::from_secs(10), cap: Duration::from_secs(1000) };
        assert_eq!(backoff.delay(1, 0.0), Duration::from_secs(5));
        assert_eq!(backoff.delay(1, 1.0), Duration::from_secs(10));
        assert_eq!(backoff.delay(3, 1.0), Duration::from_secs(40));
        assert_eq!(backoff.delay(3, 0.0), Duration::from_secs(20));
    }

    #[test]
    fn delays_are_capped() {
        let backoff = Backoff { base: Duration::from_secs(10), cap: Duration::from_secs(60) };
        assert_eq!(backoff.delay(20, 1.0), Duration::from_secs(60));
        assert_eq!(backoff.delay(u32::MAX, 1.0), Duration::from_secs(60));
    }
}
