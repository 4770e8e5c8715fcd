//! How failed logins slow an attacker down: a few free attempts, then a lockout that doubles
//! with each further failure, up to a ceiling.

/// Failures allowed before the first lockout.
pub const FREE_ATTEMPTS: u32 = 5;
const FIRST_LOCKOUT_SECS: u64 = 30;
const MAX_LOCKOUT_SECS: u64 = 15 * 60;

/// How long to lock an email out after its `failures`-th consecutive failure.
pub fn lockout_after(failures: u32) -> Option<u64> {
    let beyond = failures.checked_sub(FREE_ATTEMPTS)?;
    let factor = 1u64.checked_shl(beyond).unwrap_or(u64::MAX);
    Some(FIRST_LOCKOUT_SECS.saturating_mul(factor).min(MAX_LOCKOUT_SECS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lockouts_start_after_the_free_attempts_and_double_to_a_ceiling() {
        assert_eq!(lockout_after(0), None);
        assert_eq!(lockout_after(4), None);
        assert_eq!(lockout_after(5), Some(30));
        assert_eq!(lockout_after(6), Some(60));
        assert_eq!(lockout_after(9), Some(480));
        assert_eq!(lockout_after(10), Some(900));
        assert_eq!(lockout_after(200), Some(900));
    }
}
