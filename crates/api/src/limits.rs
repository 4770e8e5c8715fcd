//! Limits on what callers without an account can make the server do: a counter per key in a
//! window (`tandem_store::Db::hit`), answered with 429 and `Retry-After` when over.

use actix_web::HttpRequest;
use chrono::{Duration, Utc};
use tandem_store::{Db, Hit};

use crate::error::ApiError;

/// The operations that may answer 429: the password checks behind the login throttle, and
/// the limited routes that need no account. The OpenAPI document lists 429 on exactly these.
pub(crate) const LIMITED_OPERATIONS: [&str; 8] = [
    "login",
    "accept_invitation",
    "apply",
    "signup",
    "request_password_reset",
    "request_portal_link",
    "answer_check_in",
    "answer_survey",
];

/// Counts a hit on `key` and refuses it when over `per_hour`.
pub async fn per_hour(db: &Db, key: &str, per_hour: u32) -> Result<(), ApiError> {
    match db.hit(key, per_hour, Duration::hours(1)).await? {
        Hit::Allowed => Ok(()),
        Hit::Refused { until } => {
            let retry_after_secs = u64::try_from((until - Utc::now()).num_seconds()).unwrap_or(0).max(1);
            Err(ApiError::TooManyRequests { retry_after_secs })
        }
    }
}

/// The client's address: the connection's, or (behind a proxy that sets it, when trusted)
/// the one `X-Forwarded-For` names.
pub fn client_address(req: &HttpRequest, trust_forwarded_for: bool) -> String {
    if trust_forwarded_for && let Some(address) = req.connection_info().realip_remote_addr() {
        return address.to_owned();
    }
    req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_else(|| "unknown".to_owned())
}
