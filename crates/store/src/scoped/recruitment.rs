//! Campaigns, their invitees, and applications.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use tandem_domain::eligibility::RefusalKind;
use tandem_domain::mail::DeliveryState;
use tandem_domain::programs::ParticipantRole;
use tandem_domain::recruitment::{
    ApplicationStatus, CampaignKind, CampaignMessage, CampaignState, CustomQuestion, Funnel,
};
use tandem_domain::{ApplicationId, CampaignId, Locale, PersonId, ProgramId};
use uuid::Uuid;

use super::TenantTx;
use super::team::found;
use crate::entities::{application, campaign, campaign_invitee, campaign_refusal, email_delivery};
use crate::error::{StoreError, corrupt};
use crate::page::{Page, PageRequest};
use crate::records::{ApplicationRecord, CampaignRecord, FunnelPeople, InviteeRecord, NewApplication, NewCampaign};

/// The `campaign_refusals` row that counts people, whatever their reasons.
const PEOPLE_REFUSED: &str = "people";

impl TenantTx {
    pub async fn create_campaign(&self, new: &NewCampaign, public_token: &str) -> Result<CampaignRecord, StoreError> {
        let now = Utc::now();
        let model = campaign::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(CampaignId::new().as_uuid()),
            program_id: Set(new.program_id.as_uuid()),
            name: Set(new.name.clone()),
            kind: Set(new.kind.as_str().to_owned()),
            state: Set(CampaignState::Draft.as_str().to_owned()),
            public_token: Set(public_token.to_owned()),
            public_opens: Set(0),
            deadline: Set(new.deadline),
            send_at: Set(new.send_at),
            reminder_hours_before: Set(new.reminder_hours_before.map(|h| h as i32)),
            messages: Set(serde_json::to_value(&new.messages).map_err(corrupt)?),
            questions: Set(serde_json::to_value(&new.questions).map_err(corrupt)?),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.tx)
        .await?;
        campaign_record(model)
    }

    pub async fn replace_campaign(&self, id: CampaignId, new: &NewCampaign) -> Result<(), StoreError> {
        let result = campaign::Entity::update_many()
            .col_expr(campaign::Column::Name, new.name.clone().into())
            .col_expr(campaign::Column::Kind, new.kind.as_str().into())
            .col_expr(campaign::Column::Deadline, new.deadline.into())
            .col_expr(campaign::Column::SendAt, new.send_at.into())
            .col_expr(campaign::Column::ReminderHoursBefore, new.reminder_hours_before.map(|h| h as i32).into())
            .col_expr(campaign::Column::Messages, serde_json::to_value(&new.messages).map_err(corrupt)?.into())
            .col_expr(campaign::Column::Questions, serde_json::to_value(&new.questions).map_err(corrupt)?.into())
            .col_expr(campaign::Column::UpdatedAt, Utc::now().into())
            .filter(campaign::Column::TenantId.eq(self.tid()))
            .filter(campaign::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    pub async fn campaign(&self, id: CampaignId) -> Result<CampaignRecord, StoreError> {
        let model = campaign::Entity::find_by_id((self.tid(), id.as_uuid()))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        campaign_record(model)
    }

    pub async fn campaign_by_public_token(&self, token: &str) -> Result<CampaignRecord, StoreError> {
        let model = campaign::Entity::find()
            .filter(campaign::Column::TenantId.eq(self.tid()))
            .filter(campaign::Column::PublicToken.eq(token))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        campaign_record(model)
    }

    /// A program's campaigns, oldest first.
    pub async fn campaigns_of(&self, program: ProgramId) -> Result<Vec<CampaignRecord>, StoreError> {
        campaign::Entity::find()
            .filter(campaign::Column::TenantId.eq(self.tid()))
            .filter(campaign::Column::ProgramId.eq(program.as_uuid()))
            .order_by_asc(campaign::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(campaign_record)
            .collect()
    }

    pub async fn set_campaign_state(
        &self,
        id: CampaignId,
        from: CampaignState,
        to: CampaignState,
    ) -> Result<(), StoreError> {
        let result = campaign::Entity::update_many()
            .col_expr(campaign::Column::State, to.as_str().into())
            .col_expr(campaign::Column::UpdatedAt, Utc::now().into())
            .filter(campaign::Column::TenantId.eq(self.tid()))
            .filter(campaign::Column::Id.eq(id.as_uuid()))
            .filter(campaign::Column::State.eq(from.as_str()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    /// Counts a follow of the open campaign's public link.
    pub async fn count_public_open(&self, id: CampaignId) -> Result<(), StoreError> {
        campaign::Entity::update_many()
            .col_expr(campaign::Column::PublicOpens, Expr::col(campaign::Column::PublicOpens).add(1))
            .filter(campaign::Column::TenantId.eq(self.tid()))
            .filter(campaign::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        Ok(())
    }

    /// Counts one person turned away by the campaign's public link, once under each kind of
    /// reason they were given and once in all; or a form for an address not in the directory.
    pub async fn count_refusal(&self, id: CampaignId, kinds: &[RefusalKind]) -> Result<(), StoreError> {
        let mut keys: BTreeSet<&str> = kinds.iter().map(|kind| kind.as_str()).collect();
        if kinds.iter().any(|kind| *kind != RefusalKind::NotInDirectory) {
            keys.insert(PEOPLE_REFUSED);
        }
        for key in keys {
            campaign_refusal::Entity::insert(campaign_refusal::ActiveModel {
                tenant_id: Set(self.tid()),
                campaign_id: Set(id.as_uuid()),
                reason: Set(key.to_owned()),
                count: Set(1),
            })
            .on_conflict(
                OnConflict::columns([
                    campaign_refusal::Column::TenantId,
                    campaign_refusal::Column::CampaignId,
                    campaign_refusal::Column::Reason,
                ])
                .value(
                    campaign_refusal::Column::Count,
                    Expr::col((campaign_refusal::Entity, campaign_refusal::Column::Count)).add(1),
                )
                .to_owned(),
            )
            .exec(&self.tx)
            .await?;
        }
        Ok(())
    }

    /// How many people the campaign's public link turned away, and how many under each kind
    /// of reason.
    pub async fn refusals(&self, id: CampaignId) -> Result<(u64, Vec<(RefusalKind, u64)>), StoreError> {
        let rows = campaign_refusal::Entity::find()
            .filter(campaign_refusal::Column::TenantId.eq(self.tid()))
            .filter(campaign_refusal::Column::CampaignId.eq(id.as_uuid()))
            .all(&self.tx)
            .await?;
        let (total, rows): (Vec<_>, Vec<_>) = rows.into_iter().partition(|row| row.reason == PEOPLE_REFUSED);
        let people = total.first().map_or(0, |row| u64::try_from(row.count).unwrap_or(0));
        let mut counts = rows
            .into_iter()
            .map(|row| {
                let kind =
                    row.reason.parse().map_err(|_| corrupt(format!("campaign_refusals.reason {:?}", row.reason)))?;
                Ok((kind, u64::try_from(row.count).unwrap_or(0)))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        counts.sort_by_key(|(kind, count)| (std::cmp::Reverse(*count), *kind as u8));
        Ok((people, counts))
    }

    /// Adds invitees with their personal link's hash; people already invited are kept as they
    /// are. Returns how many were added.
    pub async fn add_invitees(&self, id: CampaignId, invitees: &[(PersonId, String)]) -> Result<u64, StoreError> {
        let before = self.invitee_count(id).await?;
        let now = Utc::now();
        for chunk in invitees.chunks(300) {
            let models = chunk.iter().map(|(person, hash)| campaign_invitee::ActiveModel {
                tenant_id: Set(self.tid()),
                campaign_id: Set(id.as_uuid()),
                person_id: Set(person.as_uuid()),
                token_hash: Set(hash.clone()),
                invited_at: Set(now),
                emailed_at: Set(None),
                opened_at: Set(None),
                reminded_at: Set(None),
            });
            campaign_invitee::Entity::insert_many(models)
                .on_conflict(
                    OnConflict::columns([
                        campaign_invitee::Column::TenantId,
                        campaign_invitee::Column::CampaignId,
                        campaign_invitee::Column::PersonId,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .exec_without_returning(&self.tx)
                .await?;
        }
        Ok(self.invitee_count(id).await? - before)
    }

    async fn invitee_count(&self, id: CampaignId) -> Result<u64, StoreError> {
        Ok(campaign_invitee::Entity::find()
            .filter(campaign_invitee::Column::TenantId.eq(self.tid()))
            .filter(campaign_invitee::Column::CampaignId.eq(id.as_uuid()))
            .count(&self.tx)
            .await?)
    }

    pub async fn invitee_by_token(&self, token_hash: &str) -> Result<InviteeRecord, StoreError> {
        let model = campaign_invitee::Entity::find()
            .filter(campaign_invitee::Column::TenantId.eq(self.tid()))
            .filter(campaign_invitee::Column::TokenHash.eq(token_hash))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(invitee_record(model))
    }

    pub async fn invitees(&self, id: CampaignId) -> Result<Vec<InviteeRecord>, StoreError> {
        Ok(campaign_invitee::Entity::find()
            .filter(campaign_invitee::Column::TenantId.eq(self.tid()))
            .filter(campaign_invitee::Column::CampaignId.eq(id.as_uuid()))
            .order_by_asc(campaign_invitee::Column::PersonId)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(invitee_record)
            .collect())
    }

    /// A page of a campaign's invitees, by person id.
    pub async fn invitees_page(&self, id: CampaignId, page: PageRequest) -> Result<Page<InviteeRecord>, StoreError> {
        let mut query = campaign_invitee::Entity::find()
            .filter(campaign_invitee::Column::TenantId.eq(self.tid()))
            .filter(campaign_invitee::Column::CampaignId.eq(id.as_uuid()))
            .order_by_asc(campaign_invitee::Column::PersonId)
            .limit(page.limit + 1);
        if let Some(after) = page.after {
            query = query.filter(campaign_invitee::Column::PersonId.gt(after));
        }
        let rows = query.all(&self.tx).await?.into_iter().map(invitee_record).collect();
        Ok(Page::from_overfetch(rows, page.limit, |i: &InviteeRecord| i.person_id.as_uuid()))
    }

    /// The status of each of `people`'s application to a campaign, for those who applied.
    pub async fn application_statuses(
        &self,
        id: CampaignId,
        people: &[PersonId],
    ) -> Result<BTreeMap<PersonId, ApplicationStatus>, StoreError> {
        let rows: Vec<(Uuid, String)> = application::Entity::find()
            .select_only()
            .column(application::Column::PersonId)
            .column(application::Column::Status)
            .filter(application::Column::TenantId.eq(self.tid()))
            .filter(application::Column::CampaignId.eq(id.as_uuid()))
            .filter(application::Column::PersonId.is_in(people.iter().map(|p| p.as_uuid())))
            .into_tuple()
            .all(&self.tx)
            .await?;
        rows.into_iter()
            .map(|(person, status)| Ok((PersonId::from_uuid(person), status.parse().map_err(corrupt)?)))
            .collect()
    }

    /// Records the first follow of an invitee's personal link.
    pub async fn mark_invitee_opened(&self, id: CampaignId, person: PersonId) -> Result<(), StoreError> {
        self.stamp_invitees(id, &[person], campaign_invitee::Column::OpenedAt).await
    }

    pub async fn mark_invitees_emailed(&self, id: CampaignId, people: &[PersonId]) -> Result<(), StoreError> {
        self.stamp_invitees(id, people, campaign_invitee::Column::EmailedAt).await
    }

    pub async fn mark_invitees_reminded(&self, id: CampaignId, people: &[PersonId]) -> Result<(), StoreError> {
        self.stamp_invitees(id, people, campaign_invitee::Column::RemindedAt).await
    }

    async fn stamp_invitees(
        &self,
        id: CampaignId,
        people: &[PersonId],
        column: campaign_invitee::Column,
    ) -> Result<(), StoreError> {
        for chunk in people.chunks(300) {
            campaign_invitee::Entity::update_many()
                .col_expr(column, Some(Utc::now()).into())
                .filter(campaign_invitee::Column::TenantId.eq(self.tid()))
                .filter(campaign_invitee::Column::CampaignId.eq(id.as_uuid()))
                .filter(campaign_invitee::Column::PersonId.is_in(chunk.iter().map(|p| p.as_uuid())))
                .filter(column.is_null())
                .exec(&self.tx)
                .await?;
        }
        Ok(())
    }

    pub async fn create_application(&self, new: &NewApplication) -> Result<ApplicationRecord, StoreError> {
        let now = Utc::now();
        let model = application::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(ApplicationId::new().as_uuid()),
            campaign_id: Set(new.campaign_id.as_uuid()),
            program_id: Set(new.program_id.as_uuid()),
            person_id: Set(new.person_id.as_uuid()),
            role_wanted: Set(new.role_wanted.as_str().to_owned()),
            form: Set(new.form.clone()),
            status: Set(ApplicationStatus::Unconfirmed.as_str().to_owned()),
            token_hash: Set(new.token_hash.clone()),
            confirmed_at: Set(None),
            decided_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.tx)
        .await
        .map_err(|e| StoreError::conflict_on_unique(e, "application"))?;
        application_record(model)
    }

    /// Replaces a withdrawn application with a new one from the same person.
    pub async fn reopen_application(
        &self,
        id: ApplicationId,
        new: &NewApplication,
    ) -> Result<ApplicationRecord, StoreError> {
        let result = application::Entity::update_many()
            .col_expr(application::Column::RoleWanted, new.role_wanted.as_str().into())
            .col_expr(application::Column::Form, new.form.clone().into())
            .col_expr(application::Column::Status, ApplicationStatus::Unconfirmed.as_str().into())
            .col_expr(application::Column::TokenHash, new.token_hash.clone().into())
            .col_expr(application::Column::ConfirmedAt, Option::<DateTime<Utc>>::None.into())
            .col_expr(application::Column::DecidedAt, Option::<DateTime<Utc>>::None.into())
            .col_expr(application::Column::UpdatedAt, Utc::now().into())
            .filter(application::Column::TenantId.eq(self.tid()))
            .filter(application::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)?;
        self.application(id).await
    }

    pub async fn application(&self, id: ApplicationId) -> Result<ApplicationRecord, StoreError> {
        let model = application::Entity::find_by_id((self.tid(), id.as_uuid()))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        application_record(model)
    }

    pub async fn application_by_token(&self, token_hash: &str) -> Result<ApplicationRecord, StoreError> {
        let model = application::Entity::find()
            .filter(application::Column::TenantId.eq(self.tid()))
            .filter(application::Column::TokenHash.eq(token_hash))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        application_record(model)
    }

    pub async fn application_of(
        &self,
        id: CampaignId,
        person: PersonId,
    ) -> Result<Option<ApplicationRecord>, StoreError> {
        let model = application::Entity::find()
            .filter(application::Column::TenantId.eq(self.tid()))
            .filter(application::Column::CampaignId.eq(id.as_uuid()))
            .filter(application::Column::PersonId.eq(person.as_uuid()))
            .one(&self.tx)
            .await?;
        model.map(application_record).transpose()
    }

    pub async fn set_application_status(&self, id: ApplicationId, status: ApplicationStatus) -> Result<(), StoreError> {
        let now = Utc::now();
        let mut update = application::Entity::update_many()
            .col_expr(application::Column::Status, status.as_str().into())
            .col_expr(application::Column::UpdatedAt, now.into());
        match status {
            ApplicationStatus::Submitted => {
                update = update.col_expr(application::Column::ConfirmedAt, Some(now).into())
            }
            ApplicationStatus::Accepted | ApplicationStatus::Waitlisted | ApplicationStatus::Declined => {
                update = update.col_expr(application::Column::DecidedAt, Some(now).into());
            }
            _ => {}
        }
        let result = update
            .filter(application::Column::TenantId.eq(self.tid()))
            .filter(application::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    /// A campaign's applications, oldest first, optionally in one status.
    pub async fn applications(
        &self,
        id: CampaignId,
        status: Option<ApplicationStatus>,
        page: PageRequest,
    ) -> Result<Page<ApplicationRecord>, StoreError> {
        let mut query = application::Entity::find()
            .filter(application::Column::TenantId.eq(self.tid()))
            .filter(application::Column::CampaignId.eq(id.as_uuid()))
            .order_by_asc(application::Column::Id)
            .limit(page.limit + 1);
        if let Some(status) = status {
            query = query.filter(application::Column::Status.eq(status.as_str()));
        }
        if let Some(after) = page.after {
            query = query.filter(application::Column::Id.gt(after));
        }
        let rows = query.all(&self.tx).await?.into_iter().map(application_record).collect::<Result<Vec<_>, _>>()?;
        Ok(Page::from_overfetch(rows, page.limit, |a| a.id.as_uuid()))
    }

    /// The people who applied (submitted or later) to a campaign.
    pub async fn applicants(&self, id: CampaignId) -> Result<Vec<PersonId>, StoreError> {
        let rows: Vec<Uuid> = application::Entity::find()
            .select_only()
            .column(application::Column::PersonId)
            .filter(application::Column::TenantId.eq(self.tid()))
            .filter(application::Column::CampaignId.eq(id.as_uuid()))
            .filter(
                application::Column::Status
                    .is_not_in([ApplicationStatus::Unconfirmed.as_str(), ApplicationStatus::Withdrawn.as_str()]),
            )
            .into_tuple()
            .all(&self.tx)
            .await?;
        Ok(rows.into_iter().map(PersonId::from_uuid).collect())
    }

    /// The campaign's funnel: invited, emailed, opened, applied, accepted (matched comes with
    /// matching), each counting people.
    pub async fn funnel(&self, campaign: &CampaignRecord) -> Result<Funnel, StoreError> {
        Ok(self.funnel_people(campaign).await?.counts())
    }

    /// Who is at each step of the campaign's funnel, so that several campaigns' funnels add up
    /// without counting a person twice. Follows of an open campaign's public link have no
    /// person: they are a count.
    pub async fn funnel_people(&self, campaign: &CampaignRecord) -> Result<FunnelPeople, StoreError> {
        let id = campaign.id;
        let prefix = format!("campaign:{id}:message:");
        let messages = || {
            email_delivery::Entity::find()
                .select_only()
                .column(email_delivery::Column::IdempotencyKey)
                .filter(email_delivery::Column::TenantId.eq(self.tid()))
                .filter(email_delivery::Column::IdempotencyKey.starts_with(&prefix))
        };
        let person_of = |key: String| key.strip_prefix(&prefix).and_then(|p| p.parse::<PersonId>().ok());
        let reached: Vec<String> = messages().into_tuple().all(&self.tx).await?;
        // Sent, that is: not those still waiting (quiet hours, the queue), suppressed or failed.
        let sent: Vec<String> = messages()
            .filter(email_delivery::Column::State.eq(DeliveryState::Sent.as_str()))
            .into_tuple()
            .all(&self.tx)
            .await?;
        let applicants = |statuses: &'static [ApplicationStatus]| {
            application::Entity::find()
                .select_only()
                .column(application::Column::PersonId)
                .filter(application::Column::TenantId.eq(self.tid()))
                .filter(application::Column::CampaignId.eq(id.as_uuid()))
                .filter(application::Column::Status.is_in(statuses.iter().map(|s| s.as_str())))
                .into_tuple::<Uuid>()
                .all(&self.tx)
        };
        use ApplicationStatus::*;
        let ids = |rows: Vec<Uuid>| rows.into_iter().map(PersonId::from_uuid).collect::<BTreeSet<_>>();
        let applied = ids(applicants(&[Submitted, Accepted, Waitlisted, Declined]).await?);
        let accepted = ids(applicants(&[Accepted]).await?);
        let invitees = self.invitees(id).await?;
        let invited = match campaign.kind {
            CampaignKind::Closed => invitees.iter().map(|i| i.person_id).collect(),
            CampaignKind::Open => reached.into_iter().filter_map(person_of).collect(),
        };
        Ok(FunnelPeople {
            invited,
            emailed: sent.into_iter().filter_map(person_of).collect(),
            opened: invitees.iter().filter(|i| i.opened_at.is_some()).map(|i| i.person_id).collect(),
            public_opens: campaign.public_opens,
            applied,
            accepted,
        })
    }
}

fn campaign_record(m: campaign::Model) -> Result<CampaignRecord, StoreError> {
    let messages: BTreeMap<Locale, CampaignMessage> = serde_json::from_value(m.messages).map_err(corrupt)?;
    let questions: Vec<CustomQuestion> = serde_json::from_value(m.questions).map_err(corrupt)?;
    Ok(CampaignRecord {
        id: CampaignId::from_uuid(m.id),
        program_id: ProgramId::from_uuid(m.program_id),
        name: m.name,
        kind: m.kind.parse().map_err(corrupt)?,
        state: m.state.parse().map_err(corrupt)?,
        public_token: m.public_token,
        public_opens: u64::try_from(m.public_opens).unwrap_or(0),
        deadline: m.deadline,
        send_at: m.send_at,
        reminder_hours_before: m.reminder_hours_before.and_then(|h| u32::try_from(h).ok()),
        messages,
        questions,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn invitee_record(m: campaign_invitee::Model) -> InviteeRecord {
    InviteeRecord {
        campaign_id: CampaignId::from_uuid(m.campaign_id),
        person_id: PersonId::from_uuid(m.person_id),
        invited_at: m.invited_at,
        emailed_at: m.emailed_at,
        opened_at: m.opened_at,
        reminded_at: m.reminded_at,
    }
}

fn application_record(m: application::Model) -> Result<ApplicationRecord, StoreError> {
    Ok(ApplicationRecord {
        id: ApplicationId::from_uuid(m.id),
        campaign_id: CampaignId::from_uuid(m.campaign_id),
        program_id: ProgramId::from_uuid(m.program_id),
        person_id: PersonId::from_uuid(m.person_id),
        role_wanted: m.role_wanted.parse::<ParticipantRole>().map_err(corrupt)?,
        form: m.form,
        status: m.status.parse().map_err(corrupt)?,
        confirmed_at: m.confirmed_at,
        decided_at: m.decided_at,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}
