//! Two-way tracking: what a pair does once it is launched. Sessions (either member logs one,
//! the other confirms or corrects it), the learning log (each member records what they learned
//! from the other and what they taught), shared goals, and from them the pair's health and the
//! reciprocity index.
//!
//! Everything here is pure: the store reads the rows, these functions decide.

mod health;
mod reciprocity;

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::Reason;
use crate::matching::criteria::topic_key;
use crate::values::display_name;

pub use health::{Health, HealthReason, HealthStatus, PairActivity, cadence_days, health};
pub use reciprocity::{
    Distribution, PairLearning, ProgramReciprocity, Reciprocity, TopicCount, program_reciprocity, reciprocity,
    top_topics,
};

text_enum!(
    /// How a session was held.
    SessionFormat { InPerson = "in_person", Video = "video", Chat = "chat" }
);

text_enum!(
    /// A learning entry's direction, from its author's side: what they learned from their
    /// partner, or what they taught them.
    LearningDirection { Learned = "learned", Taught = "taught" }
);

text_enum!(
    /// Where a shared goal stands.
    GoalStatus { Open = "open", Done = "done", Dropped = "dropped" }
);

/// The longest session a member may log, in minutes (a whole working day).
pub const SESSION_MINUTES_MAX: u32 = 8 * 60;
/// How many topics one session or learning entry may name.
pub const TOPICS_MAX: usize = 10;
/// The longest topic, in characters.
pub const TOPIC_MAX_CHARS: usize = 80;
/// The longest note, goal progress note, story or private note, in characters.
pub const NOTE_MAX_CHARS: usize = 4000;
/// The longest goal or story title, in characters.
pub const TITLE_MAX_CHARS: usize = 200;
/// How far back a session may be logged, and how far ahead one may be planned, in days.
pub const SESSION_WINDOW_DAYS: i64 = 366;

/// The topics of a session or learning entry: each a display name, duplicates (by
/// [`topic_key`]) dropped, at most [`TOPICS_MAX`].
pub fn read_topics(raw: &[String]) -> Result<Vec<String>, Reason> {
    if raw.len() > TOPICS_MAX {
        return Err(Reason::ListTooLong);
    }
    let mut seen = Vec::new();
    let mut topics = Vec::new();
    for topic in raw {
        let topic = display_name(topic, TOPIC_MAX_CHARS)?;
        let key = topic_key(&topic);
        if !seen.contains(&key) {
            seen.push(key);
            topics.push(topic);
        }
    }
    Ok(topics)
}

/// A free-text note: trimmed, not empty, at most [`NOTE_MAX_CHARS`]; line breaks allowed,
/// other control characters not.
pub fn read_note(raw: &str) -> Result<String, Reason> {
    let note = raw.trim();
    if note.is_empty() {
        return Err(Reason::Empty);
    }
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(Reason::TooLong { max: NOTE_MAX_CHARS });
    }
    if note.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(Reason::ControlCharacters);
    }
    Ok(note.to_owned())
}

/// A session's length: 1 to [`SESSION_MINUTES_MAX`] minutes.
pub fn read_minutes(minutes: u32) -> Result<u32, Reason> {
    if (1..=SESSION_MINUTES_MAX).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(Reason::Between { min: 1, max: i64::from(SESSION_MINUTES_MAX) })
    }
}

/// When a session was held (or is planned): within [`SESSION_WINDOW_DAYS`] of `now`. A
/// session that is not planned cannot be in the future.
pub fn read_held_at(held_at: DateTime<Utc>, planned: bool, now: DateTime<Utc>) -> Result<DateTime<Utc>, Reason> {
    let window = Duration::days(SESSION_WINDOW_DAYS);
    if held_at < now - window || held_at > now + window {
        return Err(Reason::SessionOutsideWindow { days: SESSION_WINDOW_DAYS });
    }
    if !planned && held_at > now + Duration::minutes(5) {
        return Err(Reason::SessionInTheFuture);
    }
    Ok(held_at)
}

/// Who may confirm a logged session: the member who did not log it, once.
pub fn check_confirmation(logged_by_me: bool, confirmed: bool) -> Result<(), Reason> {
    if logged_by_me {
        return Err(Reason::PartnerConfirms);
    }
    if confirmed {
        return Err(Reason::ConfirmedAlready);
    }
    Ok(())
}

/// Whether a goal is overdue on `today`: open, with a target date before it.
pub fn goal_overdue(status: GoalStatus, target: Option<NaiveDate>, today: NaiveDate) -> bool {
    status == GoalStatus::Open && target.is_some_and(|t| t < today)
}

/// A pair's story is published once both members agreed to the same text.
pub fn story_published(agreed_by: usize) -> bool {
    agreed_by >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn topics_are_names_without_duplicates() {
        let raw = vec!["Excel".to_owned(), " excel ".to_owned(), "ＴｉｋＴｏｋ".to_owned(), "TikTok".to_owned()];
        assert_eq!(read_topics(&raw).unwrap(), ["Excel", "ＴｉｋＴｏｋ"]);
        assert_eq!(read_topics(&["".to_owned()]), Err(Reason::Empty));
        assert_eq!(read_topics(&vec!["a".to_owned(); TOPICS_MAX + 1]), Err(Reason::ListTooLong));
        assert_eq!(read_topics(&["x".repeat(TOPIC_MAX_CHARS + 1)]), Err(Reason::TooLong { max: TOPIC_MAX_CHARS }));
    }

    #[test]
    fn notes_keep_line_breaks_and_refuse_other_controls() {
        assert_eq!(read_note("  first\nsecond  ").unwrap(), "first\nsecond");
        assert_eq!(read_note(" \n "), Err(Reason::Empty));
        assert_eq!(read_note("bell\u{7}"), Err(Reason::ControlCharacters));
        assert!(read_note(&"あ".repeat(NOTE_MAX_CHARS)).is_ok());
        assert_eq!(read_note(&"あ".repeat(NOTE_MAX_CHARS + 1)), Err(Reason::TooLong { max: NOTE_MAX_CHARS }));
    }

    #[test]
    fn sessions_are_held_in_the_past_or_planned_within_a_year() {
        let now = utc("2027-02-01T09:00:00Z");
        assert!(read_held_at(utc("2027-01-20T09:00:00Z"), false, now).is_ok());
        assert_eq!(read_held_at(utc("2027-02-03T09:00:00Z"), false, now), Err(Reason::SessionInTheFuture));
        assert!(read_held_at(utc("2027-02-03T09:00:00Z"), true, now).is_ok());
        assert_eq!(
            read_held_at(utc("2025-01-01T09:00:00Z"), false, now),
            Err(Reason::SessionOutsideWindow { days: SESSION_WINDOW_DAYS })
        );
        assert_eq!(read_minutes(0), Err(Reason::Between { min: 1, max: 480 }));
        assert_eq!(read_minutes(45), Ok(45));
    }

    #[test]
    fn only_the_partner_confirms_and_only_once() {
        assert_eq!(check_confirmation(true, false), Err(Reason::PartnerConfirms));
        assert_eq!(check_confirmation(false, true), Err(Reason::ConfirmedAlready));
        assert_eq!(check_confirmation(false, false), Ok(()));
    }

    #[test]
    fn a_goal_is_overdue_only_while_open_and_past_its_date() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 2).unwrap();
        let yesterday = today.pred_opt();
        assert!(goal_overdue(GoalStatus::Open, yesterday, today));
        assert!(!goal_overdue(GoalStatus::Done, yesterday, today));
        assert!(!goal_overdue(GoalStatus::Open, Some(today), today));
        assert!(!goal_overdue(GoalStatus::Open, None, today));
    }
}
