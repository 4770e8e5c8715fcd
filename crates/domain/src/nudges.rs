//! Nudges: the email reminders that keep pairs going without a manager chasing them. Each rule
//! is on or off per program with its timing in days; what is due is found by the store (one set
//! query per rule), and these functions decide the rest: each nudge's period (its idempotency
//! key is rule, person and period, so it goes out at most once), and which of a person's due
//! nudges go when there are more than the weekly cap allows (the most important).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{PersonId, Reason};

/// The most nudges one person gets in seven days, across all rules and programs.
pub const WEEKLY_CAP: u32 = 3;
/// The longest timing a rule takes, in days.
pub const DAYS_MAX: u32 = 90;

text_enum!(
    /// What a nudge reminds of. `training_not_done`: N days before the kickoff, to members whose
    /// training is not finished; `kickoff_tomorrow`: the day before (the kickoff's own
    /// reminder); `no_session`: no session logged for N days; `confirmation_waiting`: a session
    /// the partner has not confirmed after N days; `check_in_due`: a check-in not answered N
    /// days after it was asked; `survey_due`: N days before a survey closes, to who has not
    /// answered; `pair_inactive`: no session for N days (the program's team is told too);
    /// `program_ending`: N days before the program's end (a closing session, the pair's story).
    NudgeRule {
        TrainingNotDone = "training_not_done",
        KickoffTomorrow = "kickoff_tomorrow",
        NoSession = "no_session",
        ConfirmationWaiting = "confirmation_waiting",
        CheckInDue = "check_in_due",
        SurveyDue = "survey_due",
        PairInactive = "pair_inactive",
        ProgramEnding = "program_ending",
    }
);

impl NudgeRule {
    /// The timing a rule has until a program changes it, in days.
    pub const fn default_days(self) -> u32 {
        match self {
            NudgeRule::TrainingNotDone => 3,
            NudgeRule::KickoffTomorrow => 1,
            NudgeRule::NoSession => 21,
            NudgeRule::ConfirmationWaiting => 3,
            NudgeRule::CheckInDue => 3,
            NudgeRule::SurveyDue => 3,
            NudgeRule::PairInactive => 45,
            NudgeRule::ProgramEnding => 14,
        }
    }

    /// Which nudge a person gets first when more are due than the cap allows: what has a date
    /// soon, then what keeps a pair alive, then reminders of answers.
    pub const fn priority(self) -> u8 {
        match self {
            NudgeRule::KickoffTomorrow => 0,
            NudgeRule::TrainingNotDone => 1,
            NudgeRule::PairInactive => 2,
            NudgeRule::ProgramEnding => 3,
            NudgeRule::NoSession => 4,
            NudgeRule::ConfirmationWaiting => 5,
            NudgeRule::SurveyDue => 6,
            NudgeRule::CheckInDue => 7,
        }
    }

    /// Whether the timing is fixed (the kickoff's reminder goes the day before).
    pub const fn fixed_timing(self) -> bool {
        matches!(self, NudgeRule::KickoffTomorrow)
    }
}

text_enum!(
    /// Where a nudge stands in the log: `queued` (its email waits for a worker), `held`
    /// (quiet hours where the person is), `sent`, `capped` (over the weekly cap; a more
    /// important one went), `suppressed` (unsubscribed from nudges, or the daily cap), `failed`.
    NudgeState {
        Queued = "queued",
        Held = "held",
        Sent = "sent",
        Capped = "capped",
        Suppressed = "suppressed",
        Failed = "failed",
    }
);

/// A rule as one program has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"rule": "no_session", "enabled": true, "days": 21})))]
#[serde(deny_unknown_fields)]
pub struct NudgeSetting {
    pub rule: NudgeRule,
    pub enabled: bool,
    /// The rule's timing in days (see each rule); ignored by `kickoff_tomorrow`.
    pub days: u32,
}

/// Every rule with its default timing, on.
pub fn default_settings() -> Vec<NudgeSetting> {
    NudgeRule::ALL.iter().map(|rule| NudgeSetting { rule: *rule, enabled: true, days: rule.default_days() }).collect()
}

/// A program's settings over the defaults: every rule once, in the order of [`NudgeRule::ALL`].
pub fn settings_with(stored: &[NudgeSetting]) -> Vec<NudgeSetting> {
    default_settings()
        .into_iter()
        .map(|default| stored.iter().find(|s| s.rule == default.rule).copied().unwrap_or(default))
        .collect()
}

/// A timing: 1 to [`DAYS_MAX`] days.
pub fn read_days(days: u32) -> Result<u32, Reason> {
    if (1..=DAYS_MAX).contains(&days) { Ok(days) } else { Err(Reason::Between { min: 1, max: i64::from(DAYS_MAX) }) }
}

/// The period of a rule that repeats every `days` (no session, an inactive pair): the number of
/// whole `days`-long windows since 1970-01-01, so one such nudge goes per window.
pub fn window(today: NaiveDate, days: u32) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
    (today - epoch).num_days().div_euclid(i64::from(days.max(1)))
}

/// A nudge that is due for one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due<T> {
    pub rule: NudgeRule,
    pub person: PersonId,
    pub what: T,
}

/// Splits a person's due nudges into those that go and those over the weekly cap, given how
/// many nudges each person was sent in the last seven days: the most important go first (by
/// [`NudgeRule::priority`], then in the order found).
pub fn within_cap<T>(
    due: Vec<Due<T>>,
    sent_this_week: &BTreeMap<PersonId, u32>,
    cap: u32,
) -> (Vec<Due<T>>, Vec<Due<T>>) {
    let mut due = due;
    due.sort_by_key(|d| d.rule.priority());
    let mut taken: BTreeMap<PersonId, u32> = BTreeMap::new();
    let (mut go, mut capped) = (Vec::new(), Vec::new());
    for nudge in due {
        let count =
            taken.entry(nudge.person).or_insert_with(|| sent_this_week.get(&nudge.person).copied().unwrap_or(0));
        if *count < cap {
            *count += 1;
            go.push(nudge);
        } else {
            capped.push(nudge);
        }
    }
    (go, capped)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn person(n: u8) -> PersonId {
        PersonId::from_uuid(uuid::Uuid::from_u128(u128::from(n)))
    }

    #[test]
    fn settings_fill_in_the_defaults_in_one_order() {
        let stored = [NudgeSetting { rule: NudgeRule::NoSession, enabled: false, days: 10 }];
        let settings = settings_with(&stored);
        assert_eq!(settings.len(), NudgeRule::ALL.len());
        assert_eq!(settings[2], stored[0]);
        assert!(settings.iter().filter(|s| s.rule != NudgeRule::NoSession).all(|s| s.enabled));
        assert_eq!(read_days(0), Err(Reason::Between { min: 1, max: 90 }));
        assert_eq!(read_days(90), Ok(90));
    }

    #[test]
    fn a_window_repeats_every_so_many_days() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(window(day("1970-01-21"), 21), 0);
        assert_eq!(window(day("1970-01-22"), 21), 1);
        assert_eq!(window(day("2026-12-06"), 7), window(day("2026-12-06"), 7));
        assert_ne!(window(day("2026-12-06"), 7), window(day("2026-12-13"), 7));
    }

    #[test]
    fn the_most_important_nudges_go_within_the_cap() {
        let due = vec![
            Due { rule: NudgeRule::CheckInDue, person: person(1), what: "check-in" },
            Due { rule: NudgeRule::NoSession, person: person(1), what: "no session" },
            Due { rule: NudgeRule::KickoffTomorrow, person: person(1), what: "kickoff" },
            Due { rule: NudgeRule::CheckInDue, person: person(2), what: "other's check-in" },
        ];
        let sent = BTreeMap::from([(person(1), 1)]);
        let (go, capped) = within_cap(due, &sent, 3);
        let went: Vec<_> = go.iter().map(|d| d.what).collect();
        assert_eq!(went, ["kickoff", "no session", "other's check-in"]);
        assert_eq!(capped.iter().map(|d| d.what).collect::<Vec<_>>(), ["check-in"]);
    }

    proptest! {
        /// Nobody goes over the cap, nothing is lost, and whoever is capped lost only to
        /// nudges at least as important.
        #[test]
        fn the_cap_holds_for_everyone(
            due in prop::collection::vec((0u8..4, 0usize..8), 0..40),
            sent in prop::collection::vec(0u32..5, 4),
            cap in 0u32..5,
        ) {
            let due: Vec<_> = due.iter().map(|(p, r)| Due { rule: NudgeRule::ALL[*r], person: person(*p), what: () }).collect();
            let sent: BTreeMap<_, _> = sent.iter().enumerate().map(|(i, n)| (person(i as u8), *n)).collect();
            let total = due.len();
            let (go, capped) = within_cap(due, &sent, cap);
            prop_assert_eq!(go.len() + capped.len(), total);
            for p in 0..4u8 {
                let mine = go.iter().filter(|d| d.person == person(p)).count() as u32;
                prop_assert!(mine == 0 || mine + sent[&person(p)] <= cap);
                let worst_sent = go.iter().filter(|d| d.person == person(p)).map(|d| d.rule.priority()).max();
                let best_capped = capped.iter().filter(|d| d.person == person(p)).map(|d| d.rule.priority()).min();
                if let (Some(w), Some(b)) = (worst_sent, best_capped) {
                    prop_assert!(w <= b);
                }
            }
        }
    }
}
