//! Feedback: how the company learns whether a program works. Pulse check-ins ask each member of
//! a pair, at the program's cadence, how it is going (1–5), whether they learned something, and
//! anything else in words; surveys (mid-program and end-of-program, per role) ask more, and
//! are anonymous unless the company says otherwise: their results are shown only for groups
//! of at least [`MIN_GROUP`] respondents ([`results`]).
//!
//! Everything here is pure: the store keeps the rows, these functions decide.

pub mod results;
pub mod survey;

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Reason;
use crate::programs::Cadence;

pub use results::{
    GroupResults, MIN_GROUP, QuestionResults, ResponseGroup, SurveyResponse, SurveyResults, nps, summarise,
};
pub use survey::{SurveyQuestion, SurveyQuestionKind, answer_problems, survey_question_problems, template};

/// The lowest and highest check-in score ("how is it going?").
pub const SCORE_MIN: u8 = 1;
pub const SCORE_MAX: u8 = 5;
/// The longest free-text answer, in characters.
pub const ANSWER_MAX_CHARS: usize = 2000;

text_enum!(
    /// Which survey of a program: the two the method runs, or one of the company's own.
    SurveyKind { MidProgram = "mid_program", EndOfProgram = "end_of_program", Custom = "custom" }
);

text_enum!(
    /// Where a survey stands: written (and still editable), open for answers, closed.
    SurveyState { Draft = "draft", Open = "open", Closed = "closed" }
);

/// A check-in score: 1 to 5.
pub fn read_score(score: i64) -> Result<u8, Reason> {
    match u8::try_from(score) {
        Ok(score) if (SCORE_MIN..=SCORE_MAX).contains(&score) => Ok(score),
        _ => Err(Reason::Between { min: i64::from(SCORE_MIN), max: i64::from(SCORE_MAX) }),
    }
}

/// A free-text answer: trimmed, at most [`ANSWER_MAX_CHARS`], line breaks allowed and other
/// control characters not; blank means no answer.
pub fn read_answer_text(raw: &str) -> Result<Option<String>, Reason> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > ANSWER_MAX_CHARS {
        return Err(Reason::TooLong { max: ANSWER_MAX_CHARS });
    }
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(Reason::ControlCharacters);
    }
    Ok(Some(text.to_owned()))
}

/// The first day of the check-in period `day` falls in. Periods follow the calendar, so every
/// program with the same cadence asks on the same days: weeks start on Monday, fortnights on
/// the Mondays of even ISO weeks counted from 1970-01-05, months on their first day.
pub fn period_start(cadence: Cadence, day: NaiveDate) -> NaiveDate {
    let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
    match cadence {
        Cadence::Weekly => monday,
        Cadence::Biweekly => {
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 5).expect("a Monday");
            let weeks = (monday - epoch).num_days().div_euclid(7);
            if weeks.rem_euclid(2) == 0 { monday } else { monday - Days::new(7) }
        }
        Cadence::Monthly => day.with_day(1).expect("every month has a first day"),
    }
}

/// The first day of the period after the one starting `start`.
pub fn next_period(cadence: Cadence, start: NaiveDate) -> NaiveDate {
    match cadence {
        Cadence::Weekly => start + Days::new(7),
        Cadence::Biweekly => start + Days::new(14),
        Cadence::Monthly => start.checked_add_months(chrono::Months::new(1)).expect("a date within range"),
    }
}

/// Net Promoter Score band of an answer 0–10.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NpsBand {
    Detractor,
    Passive,
    Promoter,
}

impl NpsBand {
    pub fn of(answer: u8) -> Self {
        match answer {
            0..=6 => NpsBand::Detractor,
            7 | 8 => NpsBand::Passive,
            _ => NpsBand::Promoter,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn scores_are_one_to_five() {
        assert_eq!(read_score(1), Ok(1));
        assert_eq!(read_score(5), Ok(5));
        for bad in [0, 6, -1, 256] {
            assert_eq!(read_score(bad), Err(Reason::Between { min: 1, max: 5 }), "{bad}");
        }
    }

    #[test]
    fn blank_text_is_no_answer_and_long_text_is_refused() {
        assert_eq!(read_answer_text("  "), Ok(None));
        assert_eq!(read_answer_text(" 学びが多い "), Ok(Some("学びが多い".into())));
        assert_eq!(read_answer_text(&"x".repeat(2001)), Err(Reason::TooLong { max: 2000 }));
        assert_eq!(read_answer_text("a\u{7}b"), Err(Reason::ControlCharacters));
    }

    #[test]
    fn periods_follow_the_calendar() {
        // 2026-12-06 is a Sunday; its week began on Monday 2026-11-30.
        assert_eq!(period_start(Cadence::Weekly, date("2026-12-06")), date("2026-11-30"));
        assert_eq!(period_start(Cadence::Weekly, date("2026-11-30")), date("2026-11-30"));
        assert_eq!(period_start(Cadence::Monthly, date("2026-12-06")), date("2026-12-01"));
        let fortnight = period_start(Cadence::Biweekly, date("2026-12-06"));
        assert!(fortnight == date("2026-11-30") || fortnight == date("2026-11-23"));
        // Every day of one fortnight shares its start, and the next fortnight starts 14 days on.
        for offset in 0..14 {
            assert_eq!(period_start(Cadence::Biweekly, fortnight + Days::new(offset)), fortnight);
        }
        assert_eq!(period_start(Cadence::Biweekly, fortnight + Days::new(14)), fortnight + Days::new(14));
        for cadence in Cadence::ALL {
            let start = period_start(*cadence, date("2027-01-31"));
            let next = next_period(*cadence, start);
            assert_eq!(period_start(*cadence, next), next, "{cadence}");
            assert_eq!(period_start(*cadence, next - Days::new(1)), start, "{cadence}");
        }
    }

    #[test]
    fn nps_bands() {
        assert_eq!(NpsBand::of(0), NpsBand::Detractor);
        assert_eq!(NpsBand::of(6), NpsBand::Detractor);
        assert_eq!(NpsBand::of(8), NpsBand::Passive);
        assert_eq!(NpsBand::of(9), NpsBand::Promoter);
        assert_eq!(NpsBand::of(10), NpsBand::Promoter);
    }
}
