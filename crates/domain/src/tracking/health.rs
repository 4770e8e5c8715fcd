//! Pair health: on track, at risk or inactive, with the reasons in words.
//!
//! The program's commitment (meetings per month) sets the expected gap between sessions,
//! `cadence = 30 days / meetings_per_month`. A pair is
//! - **inactive** when it is paused or ended, or has had no session for 3 × cadence;
//! - **at risk** when it has had no session for 1.5 × cadence, when a session has waited for
//!   the partner's confirmation longer than the cadence (at least a week), or when a goal is
//!   overdue;
//! - **on track** otherwise.
//!
//! "No session for" counts from the last session held (planned sessions still ahead do not
//! count), or from the pair's start when it has none yet.

use chrono::{DateTime, Duration, Utc};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Locale;
use crate::matching::run::PairState;

text_enum!(
    /// A pair's health.
    HealthStatus { OnTrack = "on_track", AtRisk = "at_risk", Inactive = "inactive" }
);

/// What health is computed from.
#[derive(Clone, Debug, PartialEq)]
pub struct PairActivity {
    pub state: PairState,
    pub started_at: DateTime<Utc>,
    /// The latest session held so far.
    pub last_session_at: Option<DateTime<Utc>>,
    /// When the oldest session still waiting for the partner's confirmation was logged.
    pub oldest_unconfirmed_at: Option<DateTime<Utc>>,
    pub overdue_goals: u32,
}

/// Why a pair has the health it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HealthReason {
    Paused,
    Ended,
    NoSessionFor { days: i64, expected_days: i64 },
    NoSessionYet { days: i64, expected_days: i64 },
    ConfirmationPending { days: i64 },
    GoalsOverdue { goals: u32 },
    Regular { days: i64, expected_days: i64 },
}

impl HealthReason {
    pub fn describe(&self, locale: Locale) -> String {
        use HealthReason::*;
        match (self, locale) {
            (Paused, Locale::En) => "The pair is paused.".into(),
            (Paused, Locale::Ja) => "このペアは一時停止中です。".into(),
            (Ended, Locale::En) => "The pair has ended.".into(),
            (Ended, Locale::Ja) => "このペアは終了しました。".into(),
            (NoSessionFor { days, expected_days }, Locale::En) => {
                format!("No session for {days} days (one is expected every {expected_days} days).")
            }
            (NoSessionFor { days, expected_days }, Locale::Ja) => {
                format!("{days}日間セッションがありません（{expected_days}日ごとの予定です）。")
            }
            (NoSessionYet { days, expected_days }, Locale::En) => {
                format!("No session yet, {days} days after the start (one is expected every {expected_days} days).")
            }
            (NoSessionYet { days, expected_days }, Locale::Ja) => {
                format!("開始から{days}日、まだセッションがありません（{expected_days}日ごとの予定です）。")
            }
            (ConfirmationPending { days }, Locale::En) => {
                format!("A session has waited {days} days for the partner's confirmation.")
            }
            (ConfirmationPending { days }, Locale::Ja) => format!("セッションが{days}日間、相手の確認を待っています。"),
            (GoalsOverdue { goals }, Locale::En) => format!("{goals} goal(s) past the target date."),
            (GoalsOverdue { goals }, Locale::Ja) => format!("目標日を過ぎた目標が{goals}件あります。"),
            (Regular { days, expected_days }, Locale::En) => {
                format!("Last session {days} days ago (one is expected every {expected_days} days).")
            }
            (Regular { days, expected_days }, Locale::Ja) => {
                format!("最後のセッションは{days}日前です（{expected_days}日ごとの予定です）。")
            }
        }
    }
}

/// A pair's health and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Health {
    pub status: HealthStatus,
    pub reasons: Vec<HealthReason>,
}

/// The expected gap between sessions, in days, for a commitment of `meetings_per_month`.
pub fn cadence_days(meetings_per_month: u32) -> i64 {
    (30 / i64::from(meetings_per_month.max(1))).max(1)
}

pub fn health(activity: &PairActivity, meetings_per_month: u32, now: DateTime<Utc>) -> Health {
    match activity.state {
        PairState::Paused => return Health { status: HealthStatus::Inactive, reasons: vec![HealthReason::Paused] },
        PairState::Ended | PairState::Withdrawn => {
            return Health { status: HealthStatus::Inactive, reasons: vec![HealthReason::Ended] };
        }
        PairState::Active => {}
    }
    let expected_days = cadence_days(meetings_per_month);
    let since = activity.last_session_at.unwrap_or(activity.started_at);
    let days = (now - since).num_days().max(0);
    let quiet = match activity.last_session_at {
        Some(_) => HealthReason::NoSessionFor { days, expected_days },
        None => HealthReason::NoSessionYet { days, expected_days },
    };
    // 1.5 × and 3 × the cadence, in whole days rounded up.
    if days * 2 > expected_days * 6 {
        return Health { status: HealthStatus::Inactive, reasons: vec![quiet] };
    }
    let mut reasons = Vec::new();
    if days * 2 > expected_days * 3 {
        reasons.push(quiet);
    }
    if let Some(logged) = activity.oldest_unconfirmed_at {
        let waited = (now - logged).num_days();
        if now - logged > Duration::days(expected_days.max(7)) {
            reasons.push(HealthReason::ConfirmationPending { days: waited });
        }
    }
    if activity.overdue_goals > 0 {
        reasons.push(HealthReason::GoalsOverdue { goals: activity.overdue_goals });
    }
    if reasons.is_empty() {
        let regular = match activity.last_session_at {
            Some(_) => HealthReason::Regular { days, expected_days },
            None => HealthReason::NoSessionYet { days, expected_days },
        };
        return Health { status: HealthStatus::OnTrack, reasons: vec![regular] };
    }
    Health { status: HealthStatus::AtRisk, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn active(last: Option<&str>) -> PairActivity {
        PairActivity {
            state: PairState::Active,
            started_at: utc("2027-01-01T00:00:00Z"),
            last_session_at: last.map(utc),
            oldest_unconfirmed_at: None,
            overdue_goals: 0,
        }
    }

    #[test]
    fn the_cadence_decides_between_on_track_at_risk_and_inactive() {
        // Two meetings a month: one every 15 days; at risk after 22.5, inactive after 45.
        let pair = active(Some("2027-01-10T00:00:00Z"));
        assert_eq!(health(&pair, 2, utc("2027-02-01T00:00:00Z")).status, HealthStatus::OnTrack); // 22 days
        let at_risk = health(&pair, 2, utc("2027-02-02T00:00:00Z")); // 23 days
        assert_eq!(at_risk.status, HealthStatus::AtRisk);
        assert_eq!(at_risk.reasons, [HealthReason::NoSessionFor { days: 23, expected_days: 15 }]);
        assert_eq!(health(&pair, 2, utc("2027-02-24T00:00:00Z")).status, HealthStatus::AtRisk); // 45 days
        assert_eq!(health(&pair, 2, utc("2027-02-25T00:00:00Z")).status, HealthStatus::Inactive); // 46 days
    }

    #[test]
    fn a_new_pair_counts_from_its_start() {
        let fresh = health(&active(None), 1, utc("2027-01-10T00:00:00Z"));
        assert_eq!(fresh.status, HealthStatus::OnTrack);
        assert_eq!(fresh.reasons, [HealthReason::NoSessionYet { days: 9, expected_days: 30 }]);
        assert!(fresh.reasons[0].describe(Locale::Ja).contains("まだセッションがありません"));
    }

    #[test]
    fn pending_confirmations_and_overdue_goals_put_a_pair_at_risk() {
        let mut pair = active(Some("2027-01-20T00:00:00Z"));
        pair.oldest_unconfirmed_at = Some(utc("2027-01-20T00:00:00Z"));
        pair.overdue_goals = 2;
        let now = utc("2027-01-31T00:00:00Z");
        let h = health(&pair, 4, now); // cadence 7 days: at risk after 10.5; 11 days waiting
        assert_eq!(h.status, HealthStatus::AtRisk);
        assert_eq!(
            h.reasons,
            [
                HealthReason::NoSessionFor { days: 11, expected_days: 7 },
                HealthReason::ConfirmationPending { days: 11 },
                HealthReason::GoalsOverdue { goals: 2 }
            ]
        );
        pair.oldest_unconfirmed_at = Some(utc("2027-01-27T00:00:00Z"));
        pair.overdue_goals = 0;
        pair.last_session_at = Some(utc("2027-01-27T00:00:00Z"));
        assert_eq!(health(&pair, 4, now).status, HealthStatus::OnTrack);
    }

    #[test]
    fn paused_and_ended_pairs_are_inactive_whatever_they_did() {
        let mut pair = active(Some("2027-01-20T00:00:00Z"));
        pair.state = PairState::Paused;
        assert_eq!(health(&pair, 2, utc("2027-01-21T00:00:00Z")).reasons, [HealthReason::Paused]);
        pair.state = PairState::Withdrawn;
        assert_eq!(health(&pair, 2, utc("2027-01-21T00:00:00Z")).status, HealthStatus::Inactive);
    }
}
