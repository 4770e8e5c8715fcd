//! Nudges in one tenant: a program's rule settings and pause, the nudges decided (one per rule,
//! person and period), and the log, each nudge with its email's state.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use tandem_domain::mail::DeliveryState;
use tandem_domain::nudges::{NudgeRule, NudgeSetting, NudgeState};
use tandem_domain::{EmailDeliveryId, PersonId, ProgramId};
use uuid::Uuid;

use super::team::found;
use super::{Growing, TenantTx};
use crate::entities::{email_delivery, nudge, nudge_setting, program};
use crate::error::{StoreError, corrupt};
use crate::records::{NewNudge, NudgeRecord};

impl TenantTx {
    /// A program's own rule settings (the rest have their defaults) and whether its nudges are
    /// paused.
    pub async fn nudge_settings(&self, program: ProgramId) -> Result<(bool, Vec<NudgeSetting>), StoreError> {
        let paused = program::Entity::find()
            .filter(program::Column::TenantId.eq(self.tid()))
            .filter(program::Column::Id.eq(program.as_uuid()))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?
            .nudges_paused;
        let settings = nudge_setting::Entity::find()
            .filter(nudge_setting::Column::TenantId.eq(self.tid()))
            .filter(nudge_setting::Column::ProgramId.eq(program.as_uuid()))
            .all(&self.tx)
            .await?
            .into_iter()
            .map(|m| {
                Ok(NudgeSetting {
                    rule: m.rule.parse().map_err(corrupt)?,
                    enabled: m.enabled,
                    days: u32::try_from(m.days).map_err(corrupt)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok((paused, settings))
    }

    /// Keeps a program's rule settings and pause.
    pub async fn put_nudge_settings(
        &self,
        program: ProgramId,
        paused: bool,
        settings: &[NudgeSetting],
    ) -> Result<(), StoreError> {
        let result = program::Entity::update_many()
            .col_expr(program::Column::NudgesPaused, paused.into())
            .filter(program::Column::TenantId.eq(self.tid()))
            .filter(program::Column::Id.eq(program.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)?;
        for setting in settings {
            let row = nudge_setting::ActiveModel {
                tenant_id: Set(self.tid()),
                id: Set(Uuid::now_v7()),
                program_id: Set(program.as_uuid()),
                rule: Set(setting.rule.as_str().to_owned()),
                enabled: Set(setting.enabled),
                days: Set(i32::try_from(setting.days).map_err(corrupt)?),
            };
            nudge_setting::Entity::insert(row)
                .on_conflict(
                    OnConflict::columns([
                        nudge_setting::Column::TenantId,
                        nudge_setting::Column::ProgramId,
                        nudge_setting::Column::Rule,
                    ])
                    .update_columns([nudge_setting::Column::Enabled, nudge_setting::Column::Days])
                    .to_owned(),
                )
                .exec_without_returning(&self.tx)
                .await?;
        }
        Ok(())
    }

    /// The nudges already decided for these people since `since`, as (rule, person, period).
    pub async fn nudge_keys_since(
        &self,
        people: &[PersonId],
        since: DateTime<Utc>,
    ) -> Result<HashSet<(NudgeRule, PersonId, String)>, StoreError> {
        nudge::Entity::find()
            .filter(nudge::Column::TenantId.eq(self.tid()))
            .filter(nudge::Column::PersonId.is_in(people.iter().map(|p| p.as_uuid())))
            .filter(nudge::Column::CreatedAt.gte(since))
            .all(&self.tx)
            .await?
            .into_iter()
            .map(|m| Ok((m.rule.parse().map_err(corrupt)?, PersonId::from_uuid(m.person_id), m.period)))
            .collect()
    }

    /// How many nudges each of these people was emailed since `since` (capped ones were not).
    pub async fn nudges_emailed_since(
        &self,
        people: &[PersonId],
        since: DateTime<Utc>,
    ) -> Result<BTreeMap<PersonId, u32>, StoreError> {
        let rows: Vec<Uuid> = nudge::Entity::find()
            .select_only()
            .column(nudge::Column::PersonId)
            .filter(nudge::Column::TenantId.eq(self.tid()))
            .filter(nudge::Column::PersonId.is_in(people.iter().map(|p| p.as_uuid())))
            .filter(nudge::Column::CreatedAt.gte(since))
            .filter(nudge::Column::DeliveryId.is_not_null())
            .into_tuple()
            .all(&self.tx)
            .await?;
        let mut counts = BTreeMap::new();
        for person in rows {
            *counts.entry(PersonId::from_uuid(person)).or_insert(0) += 1;
        }
        Ok(counts)
    }

    /// Records a nudge once per rule, person and period: `None` when it was decided before.
    pub async fn insert_nudge(&self, new: NewNudge) -> Result<Option<Uuid>, StoreError> {
        let id = Uuid::now_v7();
        let row = nudge::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(id),
            program_id: Set(new.program.as_uuid()),
            person_id: Set(new.person.as_uuid()),
            rule: Set(new.rule.as_str().to_owned()),
            period: Set(new.period),
            state: Set(new.state.as_str().to_owned()),
            reason: Set(new.reason),
            delivery_id: Set(None),
            created_at: Set(Utc::now()),
        };
        let inserted = nudge::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([
                    nudge::Column::TenantId,
                    nudge::Column::Rule,
                    nudge::Column::PersonId,
                    nudge::Column::Period,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&self.tx)
            .await?;
        self.grew(Growing::Nudges, inserted as usize).await?;
        Ok((inserted == 1).then_some(id))
    }

    /// Ties a nudge to the email that carries it.
    pub async fn set_nudge_delivery(&self, id: Uuid, delivery: EmailDeliveryId) -> Result<(), StoreError> {
        let result = nudge::Entity::update_many()
            .col_expr(nudge::Column::DeliveryId, Some(delivery.as_uuid()).into())
            .filter(nudge::Column::TenantId.eq(self.tid()))
            .filter(nudge::Column::Id.eq(id))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    /// A program's (or a person's) nudges, newest first (at most `limit`), each in its email's state when it
    /// has one: `held` while quiet hours hold it, with the email's reason.
    pub async fn nudge_log(
        &self,
        program: Option<ProgramId>,
        person: Option<PersonId>,
        before: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<NudgeRecord>, StoreError> {
        let mut query = nudge::Entity::find().filter(nudge::Column::TenantId.eq(self.tid()));
        if let Some(before) = before {
            query = query.filter(nudge::Column::Id.lt(before));
        }
        if let Some(program) = program {
            query = query.filter(nudge::Column::ProgramId.eq(program.as_uuid()));
        }
        if let Some(person) = person {
            query = query.filter(nudge::Column::PersonId.eq(person.as_uuid()));
        }
        let nudges = query.order_by_desc(nudge::Column::Id).limit(limit).all(&self.tx).await?;
        let deliveries: BTreeMap<Uuid, email_delivery::Model> = email_delivery::Entity::find()
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .filter(email_delivery::Column::Id.is_in(nudges.iter().filter_map(|n| n.delivery_id)))
            .all(&self.tx)
            .await?
            .into_iter()
            .map(|d| (d.id, d))
            .collect();
        nudges
            .into_iter()
            .map(|m| {
                let own: NudgeState = m.state.parse().map_err(corrupt)?;
                let delivery = m.delivery_id.and_then(|d| deliveries.get(&d));
                let (state, reason, sent_at) = match delivery {
                    None => (own, m.reason.clone(), None),
                    Some(d) => {
                        let delivered: DeliveryState = d.state.parse().map_err(corrupt)?;
                        let state = match delivered {
                            DeliveryState::Sent => NudgeState::Sent,
                            DeliveryState::Failed => NudgeState::Failed,
                            DeliveryState::Suppressed => NudgeState::Suppressed,
                            DeliveryState::Queued
                                if d.reason.as_deref().is_some_and(|r| r.starts_with("quiet hours")) =>
                            {
                                NudgeState::Held
                            }
                            DeliveryState::Queued | DeliveryState::Sending | DeliveryState::Retrying => {
                                NudgeState::Queued
                            }
                        };
                        (state, d.reason.clone().or(m.reason.clone()), d.sent_at)
                    }
                };
                Ok(NudgeRecord {
                    id: m.id,
                    program: ProgramId::from_uuid(m.program_id),
                    person: PersonId::from_uuid(m.person_id),
                    rule: m.rule.parse().map_err(corrupt)?,
                    period: m.period,
                    state,
                    reason,
                    created_at: m.created_at,
                    sent_at,
                })
            })
            .collect()
    }
}
