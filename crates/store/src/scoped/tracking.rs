//! What pairs record once launched: sessions, the learning log, goals, private notes (sealed
//! before they get here; the store never sees their text), stories; and a program's kickoff
//! and training completions. Every query filters by the transaction's tenant.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use tandem_domain::matching::run::PairState;
use tandem_domain::tracking::{GoalStatus, LearningDirection, SessionFormat};
use tandem_domain::{GoalId, KickoffId, LearningEntryId, NoteId, PairId, PairSessionId, PersonId, ProgramId, StoryId};
use uuid::Uuid;

use super::TenantTx;
use super::matching::pair_record;
use super::team::found;
use crate::entities::{
    kickoff, learning_entry, pair, pair_goal, pair_session, pair_story, private_note, training_completion,
};
use crate::error::{StoreError, corrupt};
use crate::records::{
    GoalRecord, KickoffRecord, LearningEntryRecord, NewKickoff, NewLearningEntry, NewPairSession, PairRecord,
    PairSessionRecord, SealedNote, SessionChanges, StoryRecord,
};

fn topics_json(topics: &[String]) -> serde_json::Value {
    json!(topics)
}

fn topics_of(value: serde_json::Value) -> Result<Vec<String>, StoreError> {
    serde_json::from_value(value).map_err(corrupt)
}

fn people_json(people: &[PersonId]) -> serde_json::Value {
    json!(people.iter().map(|p| p.as_uuid()).collect::<Vec<_>>())
}

fn people_of(value: serde_json::Value) -> Result<Vec<PersonId>, StoreError> {
    let ids: Vec<Uuid> = serde_json::from_value(value).map_err(corrupt)?;
    Ok(ids.into_iter().map(PersonId::from_uuid).collect())
}

fn ids(pairs: &[PairId]) -> Vec<Uuid> {
    pairs.iter().map(|p| p.as_uuid()).collect()
}

impl TenantTx {
    /// The pairs a person is a member of, in any state, oldest first.
    pub async fn pairs_of_person(&self, person: PersonId) -> Result<Vec<PairRecord>, StoreError> {
        pair::Entity::find()
            .filter(pair::Column::TenantId.eq(self.tid()))
            .filter(
                Condition::any()
                    .add(pair::Column::MentorId.eq(person.as_uuid()))
                    .add(pair::Column::MenteeId.eq(person.as_uuid())),
            )
            .order_by_asc(pair::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(pair_record)
            .collect()
    }

    /// The people of a program who are in a pair that goes on (active or paused).
    pub async fn paired_people(&self, program: ProgramId) -> Result<HashSet<PersonId>, StoreError> {
        let rows = pair::Entity::find()
            .filter(pair::Column::TenantId.eq(self.tid()))
            .filter(pair::Column::ProgramId.eq(program.as_uuid()))
            .filter(pair::Column::State.is_in([PairState::Active.as_str(), PairState::Paused.as_str()]))
            .all(&self.tx)
            .await?;
        Ok(rows.iter().flat_map(|p| [PersonId::from_uuid(p.mentor_id), PersonId::from_uuid(p.mentee_id)]).collect())
    }

    /// Moves a pair from `from` to `to`, once (`Ok(false)` when it was not in `from`), with the
    /// reason while paused.
    pub async fn set_pair_state(
        &self,
        id: PairId,
        from: PairState,
        to: PairState,
        paused_reason: Option<&str>,
    ) -> Result<bool, StoreError> {
        let ended = matches!(to, PairState::Ended | PairState::Withdrawn).then(Utc::now);
        let result = pair::Entity::update_many()
            .col_expr(pair::Column::State, to.as_str().into())
            .col_expr(pair::Column::PausedReason, paused_reason.map(str::to_owned).into())
            .col_expr(pair::Column::EndedAt, ended.into())
            .filter(pair::Column::TenantId.eq(self.tid()))
            .filter(pair::Column::Id.eq(id.as_uuid()))
            .filter(pair::Column::State.eq(from.as_str()))
            .exec(&self.tx)
            .await?;
        Ok(result.rows_affected == 1)
    }

    /// Ends every pair of a program that goes on (the program completed); how many.
    pub async fn end_pairs(&self, program: ProgramId) -> Result<u64, StoreError> {
        let result = pair::Entity::update_many()
            .col_expr(pair::Column::State, PairState::Ended.as_str().into())
            .col_expr(pair::Column::EndedAt, Some(Utc::now()).into())
            .col_expr(pair::Column::PausedReason, Option::<String>::None.into())
            .filter(pair::Column::TenantId.eq(self.tid()))
            .filter(pair::Column::ProgramId.eq(program.as_uuid()))
            .filter(pair::Column::State.is_in([PairState::Active.as_str(), PairState::Paused.as_str()]))
            .exec(&self.tx)
            .await?;
        Ok(result.rows_affected)
    }

    // Sessions.

    pub async fn insert_pair_session(&self, new: NewPairSession) -> Result<PairSessionRecord, StoreError> {
        let model = pair_session::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(PairSessionId::new().as_uuid()),
            pair_id: Set(new.pair.as_uuid()),
            held_at: Set(new.held_at),
            minutes: Set(i32::try_from(new.minutes).map_err(corrupt)?),
            format: Set(new.format.as_str().to_owned()),
            topics: Set(topics_json(&new.topics)),
            planned: Set(new.planned),
            logged_by: Set(new.logged_by.as_uuid()),
            took_part: Set(people_json(&new.took_part)),
            confirmed_at: Set(None),
            corrected: Set(false),
            created_at: Set(Utc::now()),
        }
        .insert(&self.tx)
        .await?;
        session_record(model)
    }

    /// The sessions of some pairs, by when they were held.
    pub async fn pair_sessions(&self, pairs: &[PairId]) -> Result<Vec<PairSessionRecord>, StoreError> {
        pair_session::Entity::find()
            .filter(pair_session::Column::TenantId.eq(self.tid()))
            .filter(pair_session::Column::PairId.is_in(ids(pairs)))
            .order_by_asc(pair_session::Column::HeldAt)
            .order_by_asc(pair_session::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(session_record)
            .collect()
    }

    pub async fn pair_session(&self, pair: PairId, id: PairSessionId) -> Result<PairSessionRecord, StoreError> {
        let model = pair_session::Entity::find()
            .filter(pair_session::Column::TenantId.eq(self.tid()))
            .filter(pair_session::Column::PairId.eq(pair.as_uuid()))
            .filter(pair_session::Column::Id.eq(id.as_uuid()))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        session_record(model)
    }

    /// Confirms a session, once, with the partner's corrections when there are any.
    pub async fn confirm_pair_session(
        &self,
        pair: PairId,
        id: PairSessionId,
        changes: SessionChanges,
    ) -> Result<(), StoreError> {
        let corrected = changes.held_at.is_some()
            || changes.minutes.is_some()
            || changes.format.is_some()
            || changes.topics.is_some()
            || changes.took_part.is_some();
        let mut update = pair_session::Entity::update_many()
            .col_expr(pair_session::Column::ConfirmedAt, Some(Utc::now()).into())
            .col_expr(pair_session::Column::Corrected, corrected.into());
        if let Some(held_at) = changes.held_at {
            update = update.col_expr(pair_session::Column::HeldAt, held_at.into());
        }
        if let Some(minutes) = changes.minutes {
            update = update.col_expr(pair_session::Column::Minutes, i32::try_from(minutes).map_err(corrupt)?.into());
        }
        if let Some(format) = changes.format {
            update = update.col_expr(pair_session::Column::Format, format.as_str().into());
        }
        if let Some(topics) = changes.topics {
            update = update.col_expr(pair_session::Column::Topics, topics_json(&topics).into());
        }
        if let Some(took_part) = changes.took_part {
            update = update.col_expr(pair_session::Column::TookPart, people_json(&took_part).into());
        }
        let result = update
            .filter(pair_session::Column::TenantId.eq(self.tid()))
            .filter(pair_session::Column::PairId.eq(pair.as_uuid()))
            .filter(pair_session::Column::Id.eq(id.as_uuid()))
            .filter(pair_session::Column::ConfirmedAt.is_null())
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    // The learning log.

    pub async fn insert_learning_entry(&self, new: NewLearningEntry) -> Result<LearningEntryRecord, StoreError> {
        let model = learning_entry::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(LearningEntryId::new().as_uuid()),
            pair_id: Set(new.pair.as_uuid()),
            session_id: Set(new.session.map(|s| s.as_uuid())),
            author_id: Set(new.author.as_uuid()),
            direction: Set(new.direction.as_str().to_owned()),
            topics: Set(topics_json(&new.topics)),
            note: Set(new.note),
            created_at: Set(Utc::now()),
        }
        .insert(&self.tx)
        .await?;
        learning_record(model)
    }

    /// The learning entries of some pairs, oldest first.
    pub async fn learning_entries(&self, pairs: &[PairId]) -> Result<Vec<LearningEntryRecord>, StoreError> {
        learning_entry::Entity::find()
            .filter(learning_entry::Column::TenantId.eq(self.tid()))
            .filter(learning_entry::Column::PairId.is_in(ids(pairs)))
            .order_by_asc(learning_entry::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(learning_record)
            .collect()
    }

    // Goals.

    pub async fn insert_goal(
        &self,
        pair: PairId,
        title: String,
        target_date: Option<NaiveDate>,
    ) -> Result<GoalRecord, StoreError> {
        let now = Utc::now();
        let model = pair_goal::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(GoalId::new().as_uuid()),
            pair_id: Set(pair.as_uuid()),
            title: Set(title),
            target_date: Set(target_date),
            status: Set(GoalStatus::Open.as_str().to_owned()),
            progress_note: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.tx)
        .await?;
        goal_record(model)
    }

    /// The goals of some pairs, oldest first.
    pub async fn goals(&self, pairs: &[PairId]) -> Result<Vec<GoalRecord>, StoreError> {
        pair_goal::Entity::find()
            .filter(pair_goal::Column::TenantId.eq(self.tid()))
            .filter(pair_goal::Column::PairId.is_in(ids(pairs)))
            .order_by_asc(pair_goal::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(goal_record)
            .collect()
    }

    pub async fn update_goal(
        &self,
        pair: PairId,
        id: GoalId,
        status: Option<GoalStatus>,
        progress_note: Option<String>,
    ) -> Result<GoalRecord, StoreError> {
        let mut update = pair_goal::Entity::update_many().col_expr(pair_goal::Column::UpdatedAt, Utc::now().into());
        if let Some(status) = status {
            update = update.col_expr(pair_goal::Column::Status, status.as_str().into());
        }
        if let Some(note) = progress_note {
            update = update.col_expr(pair_goal::Column::ProgressNote, Some(note).into());
        }
        let result = update
            .filter(pair_goal::Column::TenantId.eq(self.tid()))
            .filter(pair_goal::Column::PairId.eq(pair.as_uuid()))
            .filter(pair_goal::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)?;
        let model = pair_goal::Entity::find()
            .filter(pair_goal::Column::TenantId.eq(self.tid()))
            .filter(pair_goal::Column::Id.eq(id.as_uuid()))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        goal_record(model)
    }

    // Private notes: the store keeps what it is given, sealed.

    pub async fn insert_private_note(
        &self,
        pair: PairId,
        author: PersonId,
        key_id: &str,
        sealed: String,
    ) -> Result<SealedNote, StoreError> {
        let model = private_note::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(NoteId::new().as_uuid()),
            pair_id: Set(pair.as_uuid()),
            author_id: Set(author.as_uuid()),
            key_id: Set(key_id.to_owned()),
            sealed: Set(sealed),
            created_at: Set(Utc::now()),
        }
        .insert(&self.tx)
        .await?;
        Ok(note_record(model))
    }

    /// The notes `author` wrote on `pair`, oldest first: a member reads their own only.
    pub async fn private_notes(&self, pair: PairId, author: PersonId) -> Result<Vec<SealedNote>, StoreError> {
        Ok(private_note::Entity::find()
            .filter(private_note::Column::TenantId.eq(self.tid()))
            .filter(private_note::Column::PairId.eq(pair.as_uuid()))
            .filter(private_note::Column::AuthorId.eq(author.as_uuid()))
            .order_by_asc(private_note::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(note_record)
            .collect())
    }

    pub async fn reseal_note(&self, id: NoteId, key_id: &str, sealed: String) -> Result<(), StoreError> {
        let result = private_note::Entity::update_many()
            .col_expr(private_note::Column::KeyId, key_id.into())
            .col_expr(private_note::Column::Sealed, sealed.into())
            .filter(private_note::Column::TenantId.eq(self.tid()))
            .filter(private_note::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    // Stories.

    /// Writes or changes a pair's story; its author agrees to it, and the partner's agreement
    /// (to the old text) is gone.
    pub async fn write_story(
        &self,
        pair: PairId,
        author: PersonId,
        title: String,
        body: String,
    ) -> Result<StoryRecord, StoreError> {
        let row = pair_story::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(StoryId::new().as_uuid()),
            pair_id: Set(pair.as_uuid()),
            title: Set(title),
            body: Set(body),
            agreed_by: Set(json!([author.as_uuid()])),
            featured: Set(false),
            updated_at: Set(Utc::now()),
        };
        pair_story::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([pair_story::Column::TenantId, pair_story::Column::PairId])
                    .update_columns([
                        pair_story::Column::Title,
                        pair_story::Column::Body,
                        pair_story::Column::AgreedBy,
                        pair_story::Column::Featured,
                        pair_story::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&self.tx)
            .await?;
        self.story(pair).await?.ok_or(StoreError::NotFound)
    }

    pub async fn story(&self, pair: PairId) -> Result<Option<StoryRecord>, StoreError> {
        pair_story::Entity::find()
            .filter(pair_story::Column::TenantId.eq(self.tid()))
            .filter(pair_story::Column::PairId.eq(pair.as_uuid()))
            .one(&self.tx)
            .await?
            .map(story_record)
            .transpose()
    }

    /// The stories of some pairs.
    pub async fn stories(&self, pairs: &[PairId]) -> Result<Vec<StoryRecord>, StoreError> {
        pair_story::Entity::find()
            .filter(pair_story::Column::TenantId.eq(self.tid()))
            .filter(pair_story::Column::PairId.is_in(ids(pairs)))
            .order_by_desc(pair_story::Column::UpdatedAt)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(story_record)
            .collect()
    }

    pub async fn set_story_agreed_by(&self, pair: PairId, agreed_by: &[PersonId]) -> Result<(), StoreError> {
        let result = pair_story::Entity::update_many()
            .col_expr(pair_story::Column::AgreedBy, people_json(agreed_by).into())
            .filter(pair_story::Column::TenantId.eq(self.tid()))
            .filter(pair_story::Column::PairId.eq(pair.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    pub async fn feature_story(&self, pair: PairId, featured: bool) -> Result<(), StoreError> {
        let result = pair_story::Entity::update_many()
            .col_expr(pair_story::Column::Featured, featured.into())
            .filter(pair_story::Column::TenantId.eq(self.tid()))
            .filter(pair_story::Column::PairId.eq(pair.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    // The kickoff.

    pub async fn kickoff(&self, program: ProgramId) -> Result<Option<KickoffRecord>, StoreError> {
        kickoff::Entity::find()
            .filter(kickoff::Column::TenantId.eq(self.tid()))
            .filter(kickoff::Column::ProgramId.eq(program.as_uuid()))
            .one(&self.tx)
            .await?
            .map(kickoff_record)
            .transpose()
    }

    /// Sets a program's kickoff: a new one at sequence 0, or the existing one moved (or
    /// brought back from a cancellation) with its sequence raised.
    pub async fn set_kickoff(&self, program: ProgramId, new: NewKickoff) -> Result<KickoffRecord, StoreError> {
        let now = Utc::now();
        match self.kickoff(program).await? {
            None => {
                let model = kickoff::ActiveModel {
                    tenant_id: Set(self.tid()),
                    id: Set(KickoffId::new().as_uuid()),
                    program_id: Set(program.as_uuid()),
                    starts_at: Set(new.starts_at),
                    ends_at: Set(new.ends_at),
                    time_zone: Set(new.time_zone),
                    place: Set(new.place),
                    video_link: Set(new.video_link),
                    agenda: Set(new.agenda),
                    sequence: Set(0),
                    cancelled_at: Set(None),
                    updated_at: Set(now),
                }
                .insert(&self.tx)
                .await?;
                kickoff_record(model)
            }
            Some(old) => {
                let sequence = i32::try_from(old.sequence + 1).map_err(corrupt)?;
                kickoff::Entity::update_many()
                    .col_expr(kickoff::Column::StartsAt, new.starts_at.into())
                    .col_expr(kickoff::Column::EndsAt, new.ends_at.into())
                    .col_expr(kickoff::Column::TimeZone, new.time_zone.into())
                    .col_expr(kickoff::Column::Place, new.place.into())
                    .col_expr(kickoff::Column::VideoLink, new.video_link.into())
                    .col_expr(kickoff::Column::Agenda, new.agenda.into())
                    .col_expr(kickoff::Column::Sequence, sequence.into())
                    .col_expr(kickoff::Column::CancelledAt, Option::<DateTime<Utc>>::None.into())
                    .col_expr(kickoff::Column::UpdatedAt, now.into())
                    .filter(kickoff::Column::TenantId.eq(self.tid()))
                    .filter(kickoff::Column::Id.eq(old.id.as_uuid()))
                    .exec(&self.tx)
                    .await?;
                self.kickoff(program).await?.ok_or(StoreError::NotFound)
            }
        }
    }

    /// Cancels a program's kickoff, once, raising its sequence.
    pub async fn cancel_kickoff(&self, program: ProgramId) -> Result<KickoffRecord, StoreError> {
        let old = self.kickoff(program).await?.filter(|k| k.cancelled_at.is_none()).ok_or(StoreError::NotFound)?;
        let sequence = i32::try_from(old.sequence + 1).map_err(corrupt)?;
        kickoff::Entity::update_many()
            .col_expr(kickoff::Column::Sequence, sequence.into())
            .col_expr(kickoff::Column::CancelledAt, Some(Utc::now()).into())
            .col_expr(kickoff::Column::UpdatedAt, Utc::now().into())
            .filter(kickoff::Column::TenantId.eq(self.tid()))
            .filter(kickoff::Column::Id.eq(old.id.as_uuid()))
            .filter(kickoff::Column::CancelledAt.is_null())
            .exec(&self.tx)
            .await?;
        self.kickoff(program).await?.ok_or(StoreError::NotFound)
    }

    // Training.

    /// Records that `person` completed training module `module` of `program` (once; a second
    /// record changes nothing).
    pub async fn complete_training(&self, program: ProgramId, person: PersonId, module: u32) -> Result<(), StoreError> {
        let row = training_completion::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(Uuid::now_v7()),
            program_id: Set(program.as_uuid()),
            person_id: Set(person.as_uuid()),
            module: Set(i32::try_from(module).map_err(corrupt)?),
            completed_at: Set(Utc::now()),
        };
        training_completion::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([
                    training_completion::Column::TenantId,
                    training_completion::Column::ProgramId,
                    training_completion::Column::PersonId,
                    training_completion::Column::Module,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&self.tx)
            .await?;
        Ok(())
    }

    /// Who completed which module of a program.
    pub async fn training_completions(&self, program: ProgramId) -> Result<Vec<(PersonId, u32)>, StoreError> {
        training_completion::Entity::find()
            .filter(training_completion::Column::TenantId.eq(self.tid()))
            .filter(training_completion::Column::ProgramId.eq(program.as_uuid()))
            .order_by_asc(training_completion::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(|m| Ok((PersonId::from_uuid(m.person_id), u32::try_from(m.module).map_err(corrupt)?)))
            .collect()
    }
}

pub(super) fn session_record(m: pair_session::Model) -> Result<PairSessionRecord, StoreError> {
    Ok(PairSessionRecord {
        id: PairSessionId::from_uuid(m.id),
        pair: PairId::from_uuid(m.pair_id),
        held_at: m.held_at,
        minutes: u32::try_from(m.minutes).map_err(corrupt)?,
        format: m.format.parse::<SessionFormat>().map_err(corrupt)?,
        topics: topics_of(m.topics)?,
        planned: m.planned,
        logged_by: PersonId::from_uuid(m.logged_by),
        took_part: people_of(m.took_part)?,
        confirmed_at: m.confirmed_at,
        corrected: m.corrected,
        created_at: m.created_at,
    })
}

pub(super) fn learning_record(m: learning_entry::Model) -> Result<LearningEntryRecord, StoreError> {
    Ok(LearningEntryRecord {
        id: LearningEntryId::from_uuid(m.id),
        pair: PairId::from_uuid(m.pair_id),
        session: m.session_id.map(PairSessionId::from_uuid),
        author: PersonId::from_uuid(m.author_id),
        direction: m.direction.parse::<LearningDirection>().map_err(corrupt)?,
        topics: topics_of(m.topics)?,
        note: m.note,
        created_at: m.created_at,
    })
}

fn goal_record(m: pair_goal::Model) -> Result<GoalRecord, StoreError> {
    Ok(GoalRecord {
        id: GoalId::from_uuid(m.id),
        pair: PairId::from_uuid(m.pair_id),
        title: m.title,
        target_date: m.target_date,
        status: m.status.parse::<GoalStatus>().map_err(corrupt)?,
        progress_note: m.progress_note,
        updated_at: m.updated_at,
    })
}

fn note_record(m: private_note::Model) -> SealedNote {
    SealedNote { id: NoteId::from_uuid(m.id), key_id: m.key_id, sealed: m.sealed, created_at: m.created_at }
}

fn story_record(m: pair_story::Model) -> Result<StoryRecord, StoreError> {
    Ok(StoryRecord {
        pair: PairId::from_uuid(m.pair_id),
        title: m.title,
        body: m.body,
        agreed_by: people_of(m.agreed_by)?,
        featured: m.featured,
        updated_at: m.updated_at,
    })
}

fn kickoff_record(m: kickoff::Model) -> Result<KickoffRecord, StoreError> {
    Ok(KickoffRecord {
        id: KickoffId::from_uuid(m.id),
        program: ProgramId::from_uuid(m.program_id),
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        time_zone: m.time_zone,
        place: m.place,
        video_link: m.video_link,
        agenda: m.agenda,
        sequence: u32::try_from(m.sequence).map_err(corrupt)?,
        cancelled_at: m.cancelled_at,
        updated_at: m.updated_at,
    })
}
