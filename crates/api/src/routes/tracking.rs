//! What a pair's page shows, to its members in the portal and to the company in the console:
//! sessions, the learning log, goals, the story, health and the reciprocity index. Private
//! notes are not here: only the portal's notes route reads them, for their author.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use tandem_domain::matching::run::PairState;
use tandem_domain::programs::ProgramDesign;
use tandem_domain::tracking::{
    GoalStatus, HealthStatus, LearningDirection, PairActivity, SessionFormat, goal_overdue, health, reciprocity,
    story_published,
};
use tandem_domain::{GoalId, LearningEntryId, Locale, PairId, PairSessionId, PersonId};
use tandem_store::{GoalRecord, LearningEntryRecord, PairRecord, PairSessionRecord, StoryRecord, TenantTx};
use utoipa::ToSchema;

use crate::error::ApiError;

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "held_at": "2027-01-20T09:00:00Z", "minutes": 45, "format": "video", "topics": ["Excel"], "planned": false, "logged_by": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "took_part": ["01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e72"], "confirmed_at": null, "corrected": false, "created_at": "2027-01-20T10:00:00Z"}))]
pub struct SessionView {
    pub id: PairSessionId,
    pub held_at: DateTime<Utc>,
    pub minutes: u32,
    pub format: SessionFormat,
    pub topics: Vec<String>,
    /// Planned ahead (a calendar invitation went to both), not yet held.
    pub planned: bool,
    /// The member who logged it; the other confirms.
    pub logged_by: PersonId,
    /// The members who took part (both, unless one could not; empty for sessions recorded
    /// before this was asked).
    pub took_part: Vec<PersonId>,
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Whether the partner corrected it when confirming.
    pub corrected: bool,
    pub created_at: DateTime<Utc>,
}

impl From<PairSessionRecord> for SessionView {
    fn from(s: PairSessionRecord) -> Self {
        Self {
            id: s.id,
            held_at: s.held_at,
            minutes: s.minutes,
            format: s.format,
            topics: s.topics,
            planned: s.planned,
            logged_by: s.logged_by,
            took_part: s.took_part,
            confirmed_at: s.confirmed_at,
            corrected: s.corrected,
            created_at: s.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "session_id": null, "author": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "direction": "learned", "topics": ["TikTok"], "note": "How short videos reach customers", "created_at": "2027-01-20T10:00:00Z"}))]
pub struct LearningView {
    pub id: LearningEntryId,
    pub session_id: Option<PairSessionId>,
    pub author: PersonId,
    /// From the author's side: what they learned from their partner, or taught them.
    pub direction: LearningDirection,
    pub topics: Vec<String>,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<LearningEntryRecord> for LearningView {
    fn from(e: LearningEntryRecord) -> Self {
        Self {
            id: e.id,
            session_id: e.session,
            author: e.author,
            direction: e.direction,
            topics: e.topics,
            note: e.note,
            created_at: e.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "title": "Run a team retrospective online", "target_date": "2027-03-01", "status": "open", "progress_note": null, "updated_at": "2027-01-20T10:00:00Z"}))]
pub struct GoalView {
    pub id: GoalId,
    pub title: String,
    pub target_date: Option<NaiveDate>,
    pub status: GoalStatus,
    pub progress_note: Option<String>,
    pub updated_at: DateTime<Utc>,
}

impl From<GoalRecord> for GoalView {
    fn from(g: GoalRecord) -> Self {
        Self {
            id: g.id,
            title: g.title,
            target_date: g.target_date,
            status: g.status,
            progress_note: g.progress_note,
            updated_at: g.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"title": "A dashboard in a week", "body": "Aoi showed Kenji how to build the sales dashboard himself.", "agreed_by": ["01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71"], "published": false, "featured": false, "updated_at": "2027-02-20T10:00:00Z"}))]
pub struct StoryView {
    pub title: String,
    pub body: String,
    /// The members who agreed to this text; published once both did.
    pub agreed_by: Vec<PersonId>,
    pub published: bool,
    pub featured: bool,
    pub updated_at: DateTime<Utc>,
}

impl From<StoryRecord> for StoryView {
    fn from(s: StoryRecord) -> Self {
        Self {
            published: story_published(s.agreed_by.len()),
            title: s.title,
            body: s.body,
            agreed_by: s.agreed_by,
            featured: s.featured,
            updated_at: s.updated_at,
        }
    }
}

/// A pair's health and why, in the request's language.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"status": "at_risk", "reasons": ["No session for 23 days (one is expected every 15 days)."]}))]
pub struct HealthView {
    pub status: HealthStatus,
    pub reasons: Vec<String>,
}

/// How balanced a pair's learning is (see the domain's definition).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"index": 0.5, "learned_by_mentor": 1, "learned_by_mentee": 3, "explanation": "0.50: the mentor recorded learning 1 time(s), the mentee 3 time(s); 1 means both learned equally often."}))]
pub struct ReciprocityView {
    /// 0..1, `null` until someone recorded learning.
    pub index: Option<f64>,
    pub learned_by_mentor: u32,
    pub learned_by_mentee: u32,
    pub explanation: String,
}

/// Everything some pairs recorded, read at once.
pub struct Recorded {
    pub sessions: BTreeMap<PairId, Vec<PairSessionRecord>>,
    pub learning: BTreeMap<PairId, Vec<LearningEntryRecord>>,
    pub goals: BTreeMap<PairId, Vec<GoalRecord>>,
}

impl Recorded {
    pub async fn read(tx: &TenantTx, pairs: &[PairId]) -> Result<Self, ApiError> {
        let mut recorded = Self { sessions: BTreeMap::new(), learning: BTreeMap::new(), goals: BTreeMap::new() };
        // A program's pairs are read a few hundred at a time (bounded `IN` lists).
        for chunk in pairs.chunks(500) {
            for s in tx.pair_sessions(chunk).await? {
                recorded.sessions.entry(s.pair).or_default().push(s);
            }
            for e in tx.learning_entries(chunk).await? {
                recorded.learning.entry(e.pair).or_default().push(e);
            }
            for g in tx.goals(chunk).await? {
                recorded.goals.entry(g.pair).or_default().push(g);
            }
        }
        Ok(recorded)
    }

    pub fn sessions_of(&self, pair: PairId) -> &[PairSessionRecord] {
        self.sessions.get(&pair).map_or(&[], Vec::as_slice)
    }

    pub fn learning_of(&self, pair: PairId) -> &[LearningEntryRecord] {
        self.learning.get(&pair).map_or(&[], Vec::as_slice)
    }

    pub fn goals_of(&self, pair: PairId) -> &[GoalRecord] {
        self.goals.get(&pair).map_or(&[], Vec::as_slice)
    }

    /// The latest session held by `now` (planned ones still ahead do not count).
    pub fn last_session(&self, pair: PairId, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.sessions_of(pair).iter().map(|s| s.held_at).filter(|at| *at <= now).max()
    }

    /// Learning entries recorded as learned by the pair's mentor and by its mentee.
    pub fn learned(&self, pair: &PairRecord) -> (u32, u32) {
        let count = |who: PersonId| {
            let n = self
                .learning_of(pair.id)
                .iter()
                .filter(|e| e.author == who && e.direction == LearningDirection::Learned)
                .count();
            u32::try_from(n).unwrap_or(u32::MAX)
        };
        (count(pair.mentor), count(pair.mentee))
    }

    pub fn reciprocity(&self, pair: &PairRecord, locale: Locale) -> ReciprocityView {
        let (mentor, mentee) = self.learned(pair);
        let r = reciprocity(mentor, mentee);
        ReciprocityView {
            index: r.index,
            learned_by_mentor: r.learned_by_mentor,
            learned_by_mentee: r.learned_by_mentee,
            explanation: r.explain(locale),
        }
    }

    pub fn health(&self, pair: &PairRecord, design: &ProgramDesign, now: DateTime<Utc>, locale: Locale) -> HealthView {
        let today = now.date_naive();
        let activity = PairActivity {
            state: pair.state,
            started_at: pair.created_at,
            last_session_at: self.last_session(pair.id, now),
            oldest_unconfirmed_at: self
                .sessions_of(pair.id)
                .iter()
                .filter(|s| s.confirmed_at.is_none() && s.held_at <= now)
                .map(|s| s.created_at)
                .min(),
            overdue_goals: u32::try_from(
                self.goals_of(pair.id).iter().filter(|g| goal_overdue(g.status, g.target_date, today)).count(),
            )
            .unwrap_or(u32::MAX),
        };
        let h = health(&activity, design.meetings_per_month, now);
        HealthView { status: h.status, reasons: h.reasons.iter().map(|r| r.describe(locale)).collect() }
    }
}

/// Whether a pair takes new records (sessions, learning, goals): only while active.
pub fn check_active(pair: &PairRecord) -> Result<(), ApiError> {
    match pair.state {
        PairState::Active => Ok(()),
        _ => Err(ApiError::Conflict(tandem_domain::Reason::PairNotActive)),
    }
}
