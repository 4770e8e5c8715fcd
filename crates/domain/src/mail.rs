//! Email policy: what kind of message it is, where a delivery stands, and when it may go out
//! (quiet hours in the recipient's time zone, a cap per person per day).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Why a message is sent. People unsubscribe per category; transactional messages (an
/// invitation, a sign-in link) are what a person asked for and are never suppressed, capped
/// or held back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EmailCategory {
    Transactional,
    Campaign,
    Match,
    Nudge,
    Survey,
}

impl EmailCategory {
    pub const ALL: [EmailCategory; 5] = [
        EmailCategory::Transactional,
        EmailCategory::Campaign,
        EmailCategory::Match,
        EmailCategory::Nudge,
        EmailCategory::Survey,
    ];

    /// The categories a person may unsubscribe from.
    pub const OPTIONAL: [EmailCategory; 4] =
        [EmailCategory::Campaign, EmailCategory::Match, EmailCategory::Nudge, EmailCategory::Survey];

    pub const fn as_str(self) -> &'static str {
        match self {
            EmailCategory::Transactional => "transactional",
            EmailCategory::Campaign => "campaign",
            EmailCategory::Match => "match",
            EmailCategory::Nudge => "nudge",
            EmailCategory::Survey => "survey",
        }
    }

    pub fn is_optional(self) -> bool {
        self != EmailCategory::Transactional
    }
}

impl fmt::Display for EmailCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EmailCategory {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EmailCategory::ALL.into_iter().find(|c| c.as_str() == s).ok_or_else(|| format!("unknown email category {s:?}"))
    }
}

/// Where one email stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting for a worker (or for quiet hours to end).
    Queued,
    /// Handed to the SMTP server; if the worker dies now, the retry carries the same Message-ID.
    Sending,
    Sent,
    /// Refused for good (a 5xx answer, an invalid address).
    Failed,
    /// A temporary failure (4xx, connection); the job runs again after a backoff.
    Retrying,
    /// Not sent on purpose: unsubscribed, suppressed or over the cap.
    Suppressed,
}

impl DeliveryState {
    pub const ALL: [DeliveryState; 6] = [
        DeliveryState::Queued,
        DeliveryState::Sending,
        DeliveryState::Sent,
        DeliveryState::Failed,
        DeliveryState::Retrying,
        DeliveryState::Suppressed,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Queued => "queued",
            DeliveryState::Sending => "sending",
            DeliveryState::Sent => "sent",
            DeliveryState::Failed => "failed",
            DeliveryState::Retrying => "retrying",
            DeliveryState::Suppressed => "suppressed",
        }
    }

    /// No further attempt will be made.
    pub fn is_final(self) -> bool {
        matches!(self, DeliveryState::Sent | DeliveryState::Failed | DeliveryState::Suppressed)
    }
}

impl FromStr for DeliveryState {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DeliveryState::ALL.into_iter().find(|c| c.as_str() == s).ok_or_else(|| format!("unknown delivery state {s:?}"))
    }
}

/// Hours in which optional email waits, in the recipient's local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Default for QuietHours {
    /// 21:00 to 08:00.
    fn default() -> Self {
        Self {
            start: NaiveTime::from_hms_opt(21, 0, 0).expect("a valid time"),
            end: NaiveTime::from_hms_opt(8, 0, 0).expect("a valid time"),
        }
    }
}

impl QuietHours {
    /// When a message that would go out `now` may go, if `now` is quiet where the person is:
    /// the end of the quiet hours in their zone. `None` when it may go now. Equal start and end
    /// times mean no quiet hours.
    pub fn hold_until(&self, now: DateTime<Utc>, zone: Tz) -> Option<DateTime<Utc>> {
        let local = now.with_timezone(&zone);
        let time = local.time();
        let quiet = if self.start <= self.end {
            time >= self.start && time < self.end
        } else {
            time >= self.start || time < self.end
        };
        if !quiet {
            return None;
        }
        let mut day = local.date_naive();
        if time >= self.end {
            day = day.succ_opt()?;
        }
        // A daylight-saving gap at the end time is skipped by an hour.
        let end = zone
            .from_local_datetime(&day.and_time(self.end))
            .earliest()
            .or_else(|| zone.from_local_datetime(&(day.and_time(self.end) + Duration::hours(1))).earliest())?;
        Some(end.with_timezone(&Utc))
    }
}

/// At most `per_day` optional emails to one person in any 24 hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrequencyCap {
    pub per_day: u32,
}

impl Default for FrequencyCap {
    fn default() -> Self {
        Self { per_day: 3 }
    }
}

impl FrequencyCap {
    pub fn allows(&self, sent_in_last_day: u64) -> bool {
        sent_in_last_day < u64::from(self.per_day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().expect("a timestamp")
    }

    #[test]
    fn quiet_hours_hold_mail_until_morning_in_the_persons_zone() {
        let quiet = QuietHours::default();
        // 13:30 UTC is 22:30 in Tokyo: held until 08:00 Tokyo, 23:00 UTC.
        assert_eq!(
            quiet.hold_until(utc("2026-11-25T13:30:00Z"), chrono_tz::Asia::Tokyo),
            Some(utc("2026-11-25T23:00:00Z"))
        );
        // 18:00 UTC is 03:00 in Tokyo, the same night: still 08:00 that morning.
        assert_eq!(
            quiet.hold_until(utc("2026-11-25T18:00:00Z"), chrono_tz::Asia::Tokyo),
            Some(utc("2026-11-25T23:00:00Z"))
        );
        // 01:00 UTC is 10:00 in Tokyo: goes now.
        assert_eq!(quiet.hold_until(utc("2026-11-25T01:00:00Z"), chrono_tz::Asia::Tokyo), None);
        // The same instant is daytime in New York.
        assert_eq!(quiet.hold_until(utc("2026-11-25T13:30:00Z"), chrono_tz::America::New_York), None);
    }

    #[test]
    fn quiet_hours_that_do_not_wrap_midnight_work_too() {
        let lunch = QuietHours {
            start: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
        };
        assert_eq!(lunch.hold_until(utc("2026-11-25T12:15:00Z"), chrono_tz::UTC), Some(utc("2026-11-25T13:00:00Z")));
        assert_eq!(lunch.hold_until(utc("2026-11-25T13:00:00Z"), chrono_tz::UTC), None);
    }

    #[test]
    fn equal_start_and_end_mean_no_quiet_hours() {
        let never = QuietHours { start: NaiveTime::MIN, end: NaiveTime::MIN };
        for hour in 0..24 {
            let now = utc("2026-11-25T00:30:00Z") + Duration::hours(hour);
            assert_eq!(never.hold_until(now, chrono_tz::Asia::Tokyo), None, "{now}");
        }
    }

    #[test]
    fn the_cap_counts_a_day_of_optional_mail() {
        let cap = FrequencyCap { per_day: 2 };
        assert!(cap.allows(0) && cap.allows(1));
        assert!(!cap.allows(2));
    }

    #[test]
    fn only_transactional_mail_is_not_optional() {
        assert!(!EmailCategory::Transactional.is_optional());
        assert!(EmailCategory::OPTIONAL.iter().all(|c| c.is_optional()));
        assert_eq!("nudge".parse::<EmailCategory>(), Ok(EmailCategory::Nudge));
    }
}
