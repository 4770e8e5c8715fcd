//! Feedback: check-ins, surveys (who was asked kept apart from what was answered), a company's
//! survey templates, and manual metric values. Every query filters by the transaction's tenant.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use tandem_domain::feedback::{SurveyKind, SurveyQuestion, SurveyState};
use tandem_domain::programs::ParticipantRole;
use tandem_domain::{CheckInId, MetricReadingId, PairId, PersonId, ProgramId, SurveyId, SurveyInviteeId};
use uuid::Uuid;

use super::TenantTx;
use super::team::found;
use crate::entities::{check_in, metric_reading, survey, survey_invitee, survey_response, survey_template};
use crate::error::{StoreError, corrupt};
use crate::records::{
    CheckInRecord, MetricReadingRecord, NewCheckIn, SurveyDraft, SurveyInviteeRecord, SurveyRecord,
    SurveyResponseRecord,
};

pub(super) fn check_in_record(m: check_in::Model) -> Result<CheckInRecord, StoreError> {
    Ok(CheckInRecord {
        id: CheckInId::from_uuid(m.id),
        program: ProgramId::from_uuid(m.program_id),
        pair: PairId::from_uuid(m.pair_id),
        person: PersonId::from_uuid(m.person_id),
        period: m.period,
        period_end: m.period_end,
        score: m.score.map(|s| u8::try_from(s).map_err(corrupt)).transpose()?,
        learned: m.learned,
        comment: m.comment,
        answered_at: m.answered_at,
        asked_at: m.created_at,
    })
}

fn survey_record(m: survey::Model) -> Result<SurveyRecord, StoreError> {
    Ok(SurveyRecord {
        id: SurveyId::from_uuid(m.id),
        program: ProgramId::from_uuid(m.program_id),
        kind: m.kind.parse().map_err(corrupt)?,
        audience: m.audience.parse().map_err(corrupt)?,
        title: m.title,
        questions: serde_json::from_value(m.questions).map_err(corrupt)?,
        anonymous: m.anonymous,
        state: m.state.parse().map_err(corrupt)?,
        closes_on: m.closes_on,
        opened_at: m.opened_at,
        closed_at: m.closed_at,
        created_at: m.created_at,
    })
}

fn invitee_record(m: survey_invitee::Model) -> Result<SurveyInviteeRecord, StoreError> {
    Ok(SurveyInviteeRecord {
        id: SurveyInviteeId::from_uuid(m.id),
        survey: SurveyId::from_uuid(m.survey_id),
        person: PersonId::from_uuid(m.person_id),
        role: m.role.parse().map_err(corrupt)?,
        answered: m.answered,
        reminded_at: m.reminded_at,
    })
}

fn questions_json(questions: &[SurveyQuestion]) -> Result<serde_json::Value, StoreError> {
    serde_json::to_value(questions).map_err(corrupt)
}

impl TenantTx {
    // Check-ins.

    /// Asks for a check-in, once per member, pair and period: `false` when it was asked already.
    pub async fn insert_check_in(&self, new: NewCheckIn) -> Result<bool, StoreError> {
        let row = check_in::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(new.id.as_uuid()),
            program_id: Set(new.program.as_uuid()),
            pair_id: Set(new.pair.as_uuid()),
            person_id: Set(new.person.as_uuid()),
            period: Set(new.period),
            period_end: Set(new.period_end),
            token_hash: Set(new.token_hash),
            score: Set(None),
            learned: Set(None),
            comment: Set(None),
            answered_at: Set(None),
            created_at: Set(Utc::now()),
        };
        let inserted = check_in::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([
                    check_in::Column::TenantId,
                    check_in::Column::PairId,
                    check_in::Column::PersonId,
                    check_in::Column::Period,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&self.tx)
            .await?;
        Ok(inserted == 1)
    }

    /// The check-in an emailed link's token (by its hash) stands for.
    pub async fn check_in_by_token(&self, token_hash: &str) -> Result<CheckInRecord, StoreError> {
        let model = check_in::Entity::find()
            .filter(check_in::Column::TenantId.eq(self.tid()))
            .filter(check_in::Column::TokenHash.eq(token_hash))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        check_in_record(model)
    }

    /// Records (or changes) a check-in's answers.
    pub async fn answer_check_in(
        &self,
        id: CheckInId,
        score: u8,
        learned: Option<bool>,
        comment: Option<String>,
    ) -> Result<CheckInRecord, StoreError> {
        let result = check_in::Entity::update_many()
            .col_expr(check_in::Column::Score, Some(i16::from(score)).into())
            .col_expr(check_in::Column::Learned, learned.into())
            .col_expr(check_in::Column::Comment, comment.into())
            .col_expr(check_in::Column::AnsweredAt, Some(Utc::now()).into())
            .filter(check_in::Column::TenantId.eq(self.tid()))
            .filter(check_in::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)?;
        let model = check_in::Entity::find()
            .filter(check_in::Column::TenantId.eq(self.tid()))
            .filter(check_in::Column::Id.eq(id.as_uuid()))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        check_in_record(model)
    }

    /// A program's check-ins, by period then id.
    pub async fn check_ins_of_program(&self, program: ProgramId) -> Result<Vec<CheckInRecord>, StoreError> {
        check_in::Entity::find()
            .filter(check_in::Column::TenantId.eq(self.tid()))
            .filter(check_in::Column::ProgramId.eq(program.as_uuid()))
            .order_by_asc(check_in::Column::Period)
            .order_by_asc(check_in::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(check_in_record)
            .collect()
    }

    // Surveys.

    pub async fn insert_survey(&self, program: ProgramId, draft: SurveyDraft) -> Result<SurveyRecord, StoreError> {
        let now = Utc::now();
        let model = survey::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(SurveyId::new().as_uuid()),
            program_id: Set(program.as_uuid()),
            kind: Set(draft.kind.as_str().to_owned()),
            audience: Set(draft.audience.as_str().to_owned()),
            title: Set(draft.title),
            questions: Set(questions_json(&draft.questions)?),
            anonymous: Set(draft.anonymous),
            state: Set(SurveyState::Draft.as_str().to_owned()),
            closes_on: Set(draft.closes_on),
            opened_at: Set(None),
            closed_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.tx)
        .await?;
        survey_record(model)
    }

    /// A survey of `program`; `NotFound` for any other program's.
    pub async fn survey(&self, program: ProgramId, id: SurveyId) -> Result<SurveyRecord, StoreError> {
        let model = survey::Entity::find()
            .filter(survey::Column::TenantId.eq(self.tid()))
            .filter(survey::Column::ProgramId.eq(program.as_uuid()))
            .filter(survey::Column::Id.eq(id.as_uuid()))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        survey_record(model)
    }

    /// A program's surveys, oldest first.
    pub async fn surveys_of(&self, program: ProgramId) -> Result<Vec<SurveyRecord>, StoreError> {
        survey::Entity::find()
            .filter(survey::Column::TenantId.eq(self.tid()))
            .filter(survey::Column::ProgramId.eq(program.as_uuid()))
            .order_by_asc(survey::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(survey_record)
            .collect()
    }

    /// Rewrites a draft survey; `NotFound` when it is not a draft of `program` any more.
    pub async fn update_survey(
        &self,
        program: ProgramId,
        id: SurveyId,
        draft: SurveyDraft,
    ) -> Result<SurveyRecord, StoreError> {
        let result = survey::Entity::update_many()
            .col_expr(survey::Column::Kind, draft.kind.as_str().into())
            .col_expr(survey::Column::Audience, draft.audience.as_str().into())
            .col_expr(survey::Column::Title, draft.title.into())
            .col_expr(survey::Column::Questions, questions_json(&draft.questions)?.into())
            .col_expr(survey::Column::Anonymous, draft.anonymous.into())
            .col_expr(survey::Column::ClosesOn, draft.closes_on.into())
            .col_expr(survey::Column::UpdatedAt, Utc::now().into())
            .filter(survey::Column::TenantId.eq(self.tid()))
            .filter(survey::Column::ProgramId.eq(program.as_uuid()))
            .filter(survey::Column::Id.eq(id.as_uuid()))
            .filter(survey::Column::State.eq(SurveyState::Draft.as_str()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)?;
        self.survey(program, id).await
    }

    /// Moves a survey from `from` to `to`, once: `false` when it was not in `from`.
    pub async fn set_survey_state(&self, id: SurveyId, from: SurveyState, to: SurveyState) -> Result<bool, StoreError> {
        let now = Utc::now();
        let mut update = survey::Entity::update_many()
            .col_expr(survey::Column::State, to.as_str().into())
            .col_expr(survey::Column::UpdatedAt, now.into());
        update = match to {
            SurveyState::Open => update.col_expr(survey::Column::OpenedAt, Some(now).into()),
            SurveyState::Closed => update.col_expr(survey::Column::ClosedAt, Some(now).into()),
            SurveyState::Draft => update,
        };
        let result = update
            .filter(survey::Column::TenantId.eq(self.tid()))
            .filter(survey::Column::Id.eq(id.as_uuid()))
            .filter(survey::Column::State.eq(from.as_str()))
            .exec(&self.tx)
            .await?;
        Ok(result.rows_affected == 1)
    }

    /// Deletes a draft survey of `program`; `NotFound` when there is none.
    pub async fn delete_draft_survey(&self, program: ProgramId, id: SurveyId) -> Result<(), StoreError> {
        let result = survey::Entity::delete_many()
            .filter(survey::Column::TenantId.eq(self.tid()))
            .filter(survey::Column::ProgramId.eq(program.as_uuid()))
            .filter(survey::Column::Id.eq(id.as_uuid()))
            .filter(survey::Column::State.eq(SurveyState::Draft.as_str()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    /// Open surveys whose closing day is before `today`, of every program.
    pub async fn surveys_to_close(&self, today: NaiveDate) -> Result<Vec<SurveyId>, StoreError> {
        Ok(survey::Entity::find()
            .filter(survey::Column::TenantId.eq(self.tid()))
            .filter(survey::Column::State.eq(SurveyState::Open.as_str()))
            .filter(survey::Column::ClosesOn.lt(today))
            .all(&self.tx)
            .await?
            .into_iter()
            .map(|m| SurveyId::from_uuid(m.id))
            .collect())
    }

    /// Asks `person` to answer; `false` when they were asked already.
    pub async fn insert_survey_invitee(
        &self,
        id: SurveyInviteeId,
        survey: SurveyId,
        person: PersonId,
        role: ParticipantRole,
        token_hash: String,
    ) -> Result<bool, StoreError> {
        let row = survey_invitee::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(id.as_uuid()),
            survey_id: Set(survey.as_uuid()),
            person_id: Set(person.as_uuid()),
            role: Set(role.as_str().to_owned()),
            token_hash: Set(token_hash),
            answered: Set(false),
            reminded_at: Set(None),
            created_at: Set(Utc::now()),
        };
        let inserted = survey_invitee::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([
                    survey_invitee::Column::TenantId,
                    survey_invitee::Column::SurveyId,
                    survey_invitee::Column::PersonId,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&self.tx)
            .await?;
        Ok(inserted == 1)
    }

    /// The invitee an emailed link's token (by its hash) stands for.
    pub async fn survey_invitee_by_token(&self, token_hash: &str) -> Result<SurveyInviteeRecord, StoreError> {
        let model = survey_invitee::Entity::find()
            .filter(survey_invitee::Column::TenantId.eq(self.tid()))
            .filter(survey_invitee::Column::TokenHash.eq(token_hash))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        invitee_record(model)
    }

    /// A survey of any program by id (for a participant's link, which names no program).
    pub async fn survey_by_id(&self, id: SurveyId) -> Result<SurveyRecord, StoreError> {
        let model = survey::Entity::find()
            .filter(survey::Column::TenantId.eq(self.tid()))
            .filter(survey::Column::Id.eq(id.as_uuid()))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        survey_record(model)
    }

    /// Everyone asked to answer a survey.
    pub async fn survey_invitees(&self, survey: SurveyId) -> Result<Vec<SurveyInviteeRecord>, StoreError> {
        survey_invitee::Entity::find()
            .filter(survey_invitee::Column::TenantId.eq(self.tid()))
            .filter(survey_invitee::Column::SurveyId.eq(survey.as_uuid()))
            .order_by_asc(survey_invitee::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(invitee_record)
            .collect()
    }

    /// For each survey of `program`: how many were asked, and how many of them answered.
    pub async fn survey_counts(&self, program: ProgramId) -> Result<BTreeMap<SurveyId, (u32, u32)>, StoreError> {
        let of_program = sea_orm::sea_query::Query::select()
            .column(survey::Column::Id)
            .from(survey::Entity)
            .and_where(survey::Column::TenantId.eq(self.tid()))
            .and_where(survey::Column::ProgramId.eq(program.as_uuid()))
            .to_owned();
        let rows: Vec<(Uuid, bool)> = survey_invitee::Entity::find()
            .select_only()
            .column(survey_invitee::Column::SurveyId)
            .column(survey_invitee::Column::Answered)
            .filter(survey_invitee::Column::TenantId.eq(self.tid()))
            .filter(survey_invitee::Column::SurveyId.in_subquery(of_program))
            .into_tuple()
            .all(&self.tx)
            .await?;
        let mut counts: BTreeMap<SurveyId, (u32, u32)> = BTreeMap::new();
        for (survey, answered) in rows {
            let entry = counts.entry(SurveyId::from_uuid(survey)).or_default();
            entry.0 += 1;
            entry.1 += u32::from(answered);
        }
        Ok(counts)
    }

    /// Notes that an invitee answered, once: `false` when they had already. The response is
    /// written separately ([`TenantTx::insert_survey_response`]) and carries nothing of this row.
    pub async fn mark_survey_answered(&self, invitee: SurveyInviteeId) -> Result<bool, StoreError> {
        let result = survey_invitee::Entity::update_many()
            .col_expr(survey_invitee::Column::Answered, true.into())
            .filter(survey_invitee::Column::TenantId.eq(self.tid()))
            .filter(survey_invitee::Column::Id.eq(invitee.as_uuid()))
            .filter(survey_invitee::Column::Answered.eq(false))
            .exec(&self.tx)
            .await?;
        Ok(result.rows_affected == 1)
    }

    /// Notes that invitees were reminded.
    pub async fn mark_survey_reminded(
        &self,
        invitees: &[SurveyInviteeId],
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        survey_invitee::Entity::update_many()
            .col_expr(survey_invitee::Column::RemindedAt, Some(at).into())
            .filter(survey_invitee::Column::TenantId.eq(self.tid()))
            .filter(survey_invitee::Column::Id.is_in(invitees.iter().map(|i| i.as_uuid())))
            .exec(&self.tx)
            .await?;
        Ok(())
    }

    /// Keeps a response. Its id is random (not time-ordered) and it has no time, so nothing
    /// orders it against who answered; `person` is `None` for anonymous surveys.
    pub async fn insert_survey_response(
        &self,
        survey: SurveyId,
        role: ParticipantRole,
        person: Option<PersonId>,
        answers: &BTreeMap<String, serde_json::Value>,
    ) -> Result<(), StoreError> {
        survey_response::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(Uuid::new_v4()),
            survey_id: Set(survey.as_uuid()),
            role: Set(role.as_str().to_owned()),
            person_id: Set(person.map(|p| p.as_uuid())),
            answers: Set(serde_json::to_value(answers).map_err(corrupt)?),
        }
        .insert(&self.tx)
        .await?;
        Ok(())
    }

    /// A survey's responses, in the order of their random ids (not the order given).
    pub async fn survey_responses(&self, survey: SurveyId) -> Result<Vec<SurveyResponseRecord>, StoreError> {
        survey_response::Entity::find()
            .filter(survey_response::Column::TenantId.eq(self.tid()))
            .filter(survey_response::Column::SurveyId.eq(survey.as_uuid()))
            .order_by_asc(survey_response::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(|m| {
                Ok(SurveyResponseRecord {
                    role: m.role.parse().map_err(corrupt)?,
                    person: m.person_id.map(PersonId::from_uuid),
                    answers: serde_json::from_value(m.answers).map_err(corrupt)?,
                })
            })
            .collect()
    }

    // The company's survey templates.

    /// The company's own questions for a survey of `kind` to `audience`, if it kept some.
    pub async fn survey_template(
        &self,
        kind: SurveyKind,
        audience: ParticipantRole,
    ) -> Result<Option<Vec<SurveyQuestion>>, StoreError> {
        survey_template::Entity::find()
            .filter(survey_template::Column::TenantId.eq(self.tid()))
            .filter(survey_template::Column::Kind.eq(kind.as_str()))
            .filter(survey_template::Column::Audience.eq(audience.as_str()))
            .one(&self.tx)
            .await?
            .map(|m| serde_json::from_value(m.questions).map_err(corrupt))
            .transpose()
    }

    /// Keeps the company's own questions for a kind and audience (replacing earlier ones).
    pub async fn put_survey_template(
        &self,
        kind: SurveyKind,
        audience: ParticipantRole,
        questions: &[SurveyQuestion],
    ) -> Result<(), StoreError> {
        let row = survey_template::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(Uuid::now_v7()),
            kind: Set(kind.as_str().to_owned()),
            audience: Set(audience.as_str().to_owned()),
            questions: Set(questions_json(questions)?),
            updated_at: Set(Utc::now()),
        };
        survey_template::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([
                    survey_template::Column::TenantId,
                    survey_template::Column::Kind,
                    survey_template::Column::Audience,
                ])
                .update_columns([survey_template::Column::Questions, survey_template::Column::UpdatedAt])
                .to_owned(),
            )
            .exec_without_returning(&self.tx)
            .await?;
        Ok(())
    }

    /// Goes back to the product's questions for a kind and audience; `false` when the company
    /// had none of its own.
    pub async fn delete_survey_template(
        &self,
        kind: SurveyKind,
        audience: ParticipantRole,
    ) -> Result<bool, StoreError> {
        let result = survey_template::Entity::delete_many()
            .filter(survey_template::Column::TenantId.eq(self.tid()))
            .filter(survey_template::Column::Kind.eq(kind.as_str()))
            .filter(survey_template::Column::Audience.eq(audience.as_str()))
            .exec(&self.tx)
            .await?;
        Ok(result.rows_affected == 1)
    }

    // Manual metric values.

    pub async fn insert_metric_reading(
        &self,
        program: ProgramId,
        metric: &str,
        value: f64,
        recorded_on: NaiveDate,
    ) -> Result<MetricReadingRecord, StoreError> {
        let id = MetricReadingId::new();
        metric_reading::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(id.as_uuid()),
            program_id: Set(program.as_uuid()),
            metric: Set(metric.to_owned()),
            value: Set(value),
            recorded_on: Set(recorded_on),
            created_at: Set(Utc::now()),
        }
        .insert(&self.tx)
        .await?;
        Ok(MetricReadingRecord { id, metric: metric.to_owned(), value, recorded_on })
    }

    /// A program's manual metric values, oldest first (by day, then as entered).
    pub async fn metric_readings(&self, program: ProgramId) -> Result<Vec<MetricReadingRecord>, StoreError> {
        Ok(metric_reading::Entity::find()
            .filter(metric_reading::Column::TenantId.eq(self.tid()))
            .filter(metric_reading::Column::ProgramId.eq(program.as_uuid()))
            .order_by_asc(metric_reading::Column::RecordedOn)
            .order_by_asc(metric_reading::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(|m| MetricReadingRecord {
                id: MetricReadingId::from_uuid(m.id),
                metric: m.metric,
                value: m.value,
                recorded_on: m.recorded_on,
            })
            .collect())
    }
}
