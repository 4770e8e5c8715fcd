//! Email deliveries, the suppression list and tenants' template overrides.

use std::collections::HashMap;

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use tandem_domain::jobs::SendEmails;
use tandem_domain::mail::{DeliveryState, EmailCategory};
use tandem_domain::{EmailDeliveryId, Locale};
use uuid::Uuid;

use super::team::found;
use super::{Growing, TenantTx};
use crate::entities::{email_delivery, email_suppression, email_template};
use crate::error::{StoreError, corrupt};
use crate::page::{Page, PageRequest};
use crate::queue::NewJob;
use crate::records::{EmailDelivery, NewEmailDelivery, Suppression, TemplateOverride};

/// Deliveries written by one statement: 19 columns each stays well under SQLite's and
/// PostgreSQL's limits on bound parameters.
const DELIVERIES_PER_STATEMENT: usize = 500;

/// The namespace of Message-IDs derived from delivery keys.
const MESSAGE_ID_NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_2a7e_3b4d_4c5e_9f10_2b3c_4d5e_6f70);

impl TenantTx {
    /// Records an email to a person of the directory, in their language and time zone (see
    /// [`TenantTx::create_delivery`]).
    pub async fn email_person(
        &self,
        idempotency_key: String,
        email: tandem_domain::emails::Email,
        to: &crate::records::PersonRecord,
    ) -> Result<(), StoreError> {
        self.create_delivery(crate::records::NewEmailDelivery {
            idempotency_key,
            email,
            locale: to.person.preferred_locale,
            to_email: to.person.email.to_string(),
            to_name: Some(to.person.name.clone()),
            time_zone: to.person.time_zone.clone(),
        })
        .await?;
        Ok(())
    }

    /// How many addresses were sent an email whose idempotency key starts with `prefix` (who
    /// has a kickoff's invitation, whatever its version).
    pub async fn people_sent_with_key_prefix(&self, prefix: &str) -> Result<u64, StoreError> {
        let rows = email_delivery::Entity::find()
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .filter(email_delivery::Column::IdempotencyKey.starts_with(prefix))
            .filter(email_delivery::Column::State.eq(DeliveryState::Sent.as_str()))
            .all(&self.tx)
            .await?;
        let addresses: std::collections::BTreeSet<String> = rows.into_iter().map(|r| r.to_email).collect();
        Ok(u64::try_from(addresses.len()).unwrap_or(u64::MAX))
    }

    /// Records an email to send, once per idempotency key; its sending is queued when this
    /// transaction commits, in it (so no email is recorded without its job, nor queued without
    /// its record). The Message-ID is derived from the key, so every attempt at this email
    /// carries the same one. Returns whether it was new.
    pub async fn create_delivery(&self, new: NewEmailDelivery) -> Result<(EmailDelivery, bool), StoreError> {
        self.create_deliveries(vec![new]).await?.pop().ok_or(StoreError::NotFound)
    }

    /// Records many emails as [`TenantTx::create_delivery`] does, a few hundred a statement.
    /// Returns each with whether it was new, in order.
    pub async fn create_deliveries(
        &self,
        news: Vec<NewEmailDelivery>,
    ) -> Result<Vec<(EmailDelivery, bool)>, StoreError> {
        let mut recorded = Vec::with_capacity(news.len());
        let mut news = news.into_iter().peekable();
        while news.peek().is_some() {
            let these = self.record_deliveries(news.by_ref().take(DELIVERIES_PER_STATEMENT).collect()).await?;
            let fresh: Vec<EmailDeliveryId> =
                these.iter().filter(|(_, new)| *new).map(|(delivery, _)| delivery.id).collect();
            self.grew(Growing::EmailDeliveries, fresh.len()).await?;
            self.emails.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(fresh);
            recorded.extend(these);
        }
        Ok(recorded)
    }

    /// Queues the sending of the emails this transaction recorded: one `send_email` job for
    /// one, `send_emails` jobs of [`SendEmails::MAX`] for more (their protections decided
    /// set-wise, their messages sent side by side).
    pub(super) async fn queue_emails(&self) -> Result<(), StoreError> {
        let fresh = std::mem::take(&mut *self.emails.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        match fresh.as_slice() {
            [] => {}
            [one] => self.enqueue(NewJob::send_email(self.tenant_id(), *one)).await?,
            many => {
                for batch in many.chunks(SendEmails::MAX) {
                    self.enqueue(NewJob::send_emails(self.tenant_id(), batch.to_vec())).await?;
                }
            }
        }
        Ok(())
    }

    /// Writes the deliveries once per idempotency key, without queueing them: one INSERT of all
    /// of them that skips the keys already there, then one SELECT of every key. Returns each
    /// with whether this call wrote it (the first of several with one key), in order.
    async fn record_deliveries(&self, news: Vec<NewEmailDelivery>) -> Result<Vec<(EmailDelivery, bool)>, StoreError> {
        if news.is_empty() {
            return Ok(Vec::new());
        }
        let now = Utc::now();
        let keys: Vec<String> = news.iter().map(|new| new.idempotency_key.clone()).collect();
        let rows: Vec<email_delivery::ActiveModel> = news.into_iter().map(|new| self.delivery_row(new, now)).collect();
        let written: std::collections::HashSet<Uuid> = rows.iter().map(|row| row.id.clone().unwrap()).collect();
        email_delivery::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([email_delivery::Column::TenantId, email_delivery::Column::IdempotencyKey])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&self.tx)
            .await?;
        let stored: HashMap<String, email_delivery::Model> = email_delivery::Entity::find()
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .filter(email_delivery::Column::IdempotencyKey.is_in(keys.iter().cloned()))
            .all(&self.tx)
            .await?
            .into_iter()
            .map(|model| (model.idempotency_key.clone(), model))
            .collect();
        let mut first = std::collections::HashSet::new();
        keys.into_iter()
            .map(|key| {
                let model = stored.get(&key).cloned().ok_or(StoreError::NotFound)?;
                let is_new = written.contains(&model.id) && first.insert(model.id);
                Ok((delivery_record(model)?, is_new))
            })
            .collect()
    }

    /// A new delivery's row: queued, with a Message-ID derived from its key.
    fn delivery_row(&self, new: NewEmailDelivery, now: DateTime<Utc>) -> email_delivery::ActiveModel {
        let message_id = format!(
            "<{}@tandem.mail>",
            Uuid::new_v5(&MESSAGE_ID_NAMESPACE, format!("{}:{}", self.tid(), new.idempotency_key).as_bytes())
        );
        email_delivery::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(EmailDeliveryId::new().as_uuid()),
            category: Set(new.email.category().as_str().to_owned()),
            template: Set(new.email.template().name().to_owned()),
            context: Set(new.email.variables()),
            idempotency_key: Set(new.idempotency_key),
            locale: Set(new.locale.as_str().to_owned()),
            to_email: Set(new.to_email),
            to_name: Set(new.to_name),
            time_zone: Set(new.time_zone),
            subject: Set(None),
            state: Set(DeliveryState::Queued.as_str().to_owned()),
            reason: Set(None),
            message_id: Set(message_id),
            attempts: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            sent_at: Set(None),
            claimed_until: Set(None),
        }
    }

    /// The keys of the emails whose key starts with `prefix` (one query, for checking many).
    pub async fn delivery_keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        Ok(email_delivery::Entity::find()
            .select_only()
            .column(email_delivery::Column::IdempotencyKey)
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .filter(email_delivery::Column::IdempotencyKey.starts_with(prefix))
            .into_tuple()
            .all(&self.tx)
            .await?)
    }

    /// The state of the deliveries with these idempotency keys, for those that exist.
    pub async fn delivery_states(
        &self,
        keys: &[String],
    ) -> Result<std::collections::HashMap<String, DeliveryState>, StoreError> {
        let rows: Vec<(String, String)> = email_delivery::Entity::find()
            .select_only()
            .column(email_delivery::Column::IdempotencyKey)
            .column(email_delivery::Column::State)
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .filter(email_delivery::Column::IdempotencyKey.is_in(keys.iter().cloned()))
            .into_tuple()
            .all(&self.tx)
            .await?;
        rows.into_iter().map(|(key, state)| Ok((key, state.parse().map_err(corrupt)?))).collect()
    }

    pub async fn delivery(&self, id: EmailDeliveryId) -> Result<EmailDelivery, StoreError> {
        let model = email_delivery::Entity::find_by_id((self.tid(), id.as_uuid()))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        delivery_record(model)
    }

    /// Claims, until `until`, the deliveries among `ids` that are not final and that no other
    /// job holds (its claim has not run out), and returns them in id order. A conditional update
    /// takes them, so of two jobs at the same deliveries only one gets each; a claim lasts
    /// while the delivery is being sent and ends with its next state.
    pub async fn claim_deliveries(
        &self,
        ids: &[EmailDeliveryId],
        until: DateTime<Utc>,
    ) -> Result<Vec<EmailDelivery>, StoreError> {
        let now = Utc::now();
        // The claim is read back by its exact value: microseconds, as PostgreSQL keeps them.
        let until = until.trunc_subsecs(6);
        let ids: Vec<Uuid> = ids.iter().map(|id| id.as_uuid()).collect();
        let finals = [DeliveryState::Sent, DeliveryState::Failed, DeliveryState::Suppressed].map(DeliveryState::as_str);
        email_delivery::Entity::update_many()
            .col_expr(email_delivery::Column::ClaimedUntil, Some(until).into())
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .filter(email_delivery::Column::Id.is_in(ids.clone()))
            .filter(email_delivery::Column::State.is_not_in(finals))
            .filter(
                Condition::any()
                    .add(email_delivery::Column::ClaimedUntil.is_null())
                    .add(email_delivery::Column::ClaimedUntil.lt(now)),
            )
            .exec(&self.tx)
            .await?;
        email_delivery::Entity::find()
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .filter(email_delivery::Column::Id.is_in(ids))
            .filter(email_delivery::Column::ClaimedUntil.eq(until))
            .order_by_asc(email_delivery::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(delivery_record)
            .collect()
    }

    /// When another job's claim on a delivery runs out, if one holds it now.
    pub async fn delivery_claimed_until(&self, id: EmailDeliveryId) -> Result<Option<DateTime<Utc>>, StoreError> {
        let model = email_delivery::Entity::find_by_id((self.tid(), id.as_uuid()))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(model.claimed_until.filter(|&until| until > Utc::now()))
    }

    /// How many emails each of `addresses` was sent since `since`: transactional ones, or the
    /// others (for the caps), one query for them all.
    pub async fn emails_sent_since(
        &self,
        addresses: &[&str],
        since: DateTime<Utc>,
        transactional: bool,
    ) -> Result<HashMap<String, u64>, StoreError> {
        if addresses.is_empty() {
            return Ok(HashMap::new());
        }
        let category = email_delivery::Column::Category;
        let transactional_only = EmailCategory::Transactional.as_str();
        let rows: Vec<(String, i64)> = email_delivery::Entity::find()
            .select_only()
            .column(email_delivery::Column::ToEmail)
            .column_as(email_delivery::Column::Id.count(), "sent")
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .filter(email_delivery::Column::ToEmail.is_in(addresses.iter().copied()))
            .filter(if transactional { category.eq(transactional_only) } else { category.ne(transactional_only) })
            .filter(email_delivery::Column::SentAt.gte(since))
            .group_by(email_delivery::Column::ToEmail)
            .into_tuple()
            .all(&self.tx)
            .await?;
        Ok(rows.into_iter().map(|(email, sent)| (email, u64::try_from(sent).unwrap_or(0))).collect())
    }

    /// The suppressions of any of `addresses`, one query for them all.
    pub async fn suppressions_among(&self, addresses: &[&str]) -> Result<Vec<Suppression>, StoreError> {
        if addresses.is_empty() {
            return Ok(Vec::new());
        }
        let rows = email_suppression::Entity::find()
            .filter(email_suppression::Column::TenantId.eq(self.tid()))
            .filter(email_suppression::Column::Email.is_in(addresses.iter().copied()))
            .all(&self.tx)
            .await?;
        Ok(rows.into_iter().map(suppression_record).collect())
    }

    /// Moves a delivery to `state` with a reason; `subject` records what was rendered. Any
    /// state but `Sending` ends the sending job's claim.
    pub async fn set_delivery_state(
        &self,
        id: EmailDeliveryId,
        state: DeliveryState,
        reason: Option<&str>,
        subject: Option<&str>,
    ) -> Result<(), StoreError> {
        let changed = self.set_deliveries_state(&[id], state, reason, subject).await?;
        found(changed)
    }

    /// Moves deliveries to one `state` in one statement, as [`TenantTx::set_delivery_state`]
    /// moves one (those sent together, say). Returns how many there were.
    pub async fn set_deliveries_state(
        &self,
        ids: &[EmailDeliveryId],
        state: DeliveryState,
        reason: Option<&str>,
        subject: Option<&str>,
    ) -> Result<u64, StoreError> {
        if ids.is_empty() {
            return Ok(0);
        }
        let now = Utc::now();
        let mut update = email_delivery::Entity::update_many()
            .col_expr(email_delivery::Column::State, state.as_str().into())
            .col_expr(email_delivery::Column::Reason, reason.map(str::to_owned).into())
            .col_expr(email_delivery::Column::UpdatedAt, now.into());
        if let Some(subject) = subject {
            update = update.col_expr(email_delivery::Column::Subject, Some(subject.to_owned()).into());
        }
        if state != DeliveryState::Sending {
            update = update.col_expr(email_delivery::Column::ClaimedUntil, None::<DateTime<Utc>>.into());
        }
        match state {
            DeliveryState::Sending => {
                update = update.col_expr(
                    email_delivery::Column::Attempts,
                    sea_orm::sea_query::Expr::col(email_delivery::Column::Attempts).add(1),
                );
            }
            DeliveryState::Sent => update = update.col_expr(email_delivery::Column::SentAt, Some(now).into()),
            _ => {}
        }
        let result = update
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .filter(email_delivery::Column::Id.is_in(ids.iter().map(|id| id.as_uuid())))
            .exec(&self.tx)
            .await?;
        Ok(result.rows_affected)
    }

    /// Marks deliveries `sending`, each with the subject it was rendered with, in one statement
    /// (one attempt more each; their claim stays).
    pub async fn mark_sending(&self, rendered: &[(EmailDeliveryId, String)]) -> Result<u64, StoreError> {
        let Some(((first, subject), rest)) = rendered.split_first() else { return Ok(0) };
        let id = || Expr::col(email_delivery::Column::Id);
        let subjects = rest
            .iter()
            .fold(Expr::case(id().eq(first.as_uuid()), subject.clone()), |case, (next, subject)| {
                case.case(id().eq(next.as_uuid()), subject.clone())
            })
            .finally(Expr::col(email_delivery::Column::Subject));
        let result = email_delivery::Entity::update_many()
            .col_expr(email_delivery::Column::State, DeliveryState::Sending.as_str().into())
            .col_expr(email_delivery::Column::Reason, None::<String>.into())
            .col_expr(email_delivery::Column::Subject, subjects.into())
            .col_expr(email_delivery::Column::Attempts, Expr::col(email_delivery::Column::Attempts).add(1))
            .col_expr(email_delivery::Column::UpdatedAt, Utc::now().into())
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .filter(email_delivery::Column::Id.is_in(rendered.iter().map(|(id, _)| id.as_uuid())))
            .exec(&self.tx)
            .await?;
        Ok(result.rows_affected)
    }

    /// Deliveries newest first, optionally only those in `state`.
    pub async fn deliveries(
        &self,
        state: Option<DeliveryState>,
        page: PageRequest,
    ) -> Result<Page<EmailDelivery>, StoreError> {
        let mut query = email_delivery::Entity::find()
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .order_by_desc(email_delivery::Column::Id)
            .limit(page.limit + 1);
        if let Some(state) = state {
            query = query.filter(email_delivery::Column::State.eq(state.as_str()));
        }
        if let Some(after) = page.after {
            query = query.filter(email_delivery::Column::Id.lt(after));
        }
        let rows = query.all(&self.tx).await?.into_iter().map(delivery_record).collect::<Result<Vec<_>, _>>()?;
        Ok(Page::from_overfetch(rows, page.limit, |d| d.id.as_uuid()))
    }

    /// How many emails failed for good since `since`.
    pub async fn failed_deliveries_since(&self, since: DateTime<Utc>) -> Result<u64, StoreError> {
        Ok(email_delivery::Entity::find()
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .filter(email_delivery::Column::State.eq(DeliveryState::Failed.as_str()))
            .filter(email_delivery::Column::UpdatedAt.gte(since))
            .count(&self.tx)
            .await?)
    }

    /// Optional emails sent to `email` since `since` (for the frequency cap).
    pub async fn optional_emails_sent_since(&self, email: &str, since: DateTime<Utc>) -> Result<u64, StoreError> {
        Ok(email_delivery::Entity::find()
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .filter(email_delivery::Column::ToEmail.eq(email))
            .filter(email_delivery::Column::Category.ne(EmailCategory::Transactional.as_str()))
            .filter(email_delivery::Column::SentAt.gte(since))
            .count(&self.tx)
            .await?)
    }

    /// Transactional emails sent to `email` since `since` (for the hourly cap that stops a
    /// public form from flooding an inbox).
    pub async fn transactional_emails_sent_since(&self, email: &str, since: DateTime<Utc>) -> Result<u64, StoreError> {
        Ok(email_delivery::Entity::find()
            .filter(email_delivery::Column::TenantId.eq(self.tid()))
            .filter(email_delivery::Column::ToEmail.eq(email))
            .filter(email_delivery::Column::Category.eq(EmailCategory::Transactional.as_str()))
            .filter(email_delivery::Column::SentAt.gte(since))
            .count(&self.tx)
            .await?)
    }

    /// Why `email` must not get mail of `category`, if it must not.
    pub async fn suppression_of(&self, email: &str, category: EmailCategory) -> Result<Option<String>, StoreError> {
        let row = email_suppression::Entity::find()
            .filter(email_suppression::Column::TenantId.eq(self.tid()))
            .filter(email_suppression::Column::Email.eq(email))
            .filter(
                Condition::any()
                    .add(email_suppression::Column::Category.eq(category.as_str()))
                    .add(email_suppression::Column::Category.eq("all")),
            )
            .one(&self.tx)
            .await?;
        Ok(row.map(|r| format!("{} ({})", r.reason, r.category)))
    }

    /// Adds `email` to the suppression list for `category` (or "all").
    pub async fn suppress(&self, email: &str, category: &str, reason: &str) -> Result<(), StoreError> {
        email_suppression::Entity::insert(email_suppression::ActiveModel {
            tenant_id: Set(self.tid()),
            email: Set(email.to_owned()),
            category: Set(category.to_owned()),
            reason: Set(reason.to_owned()),
            created_at: Set(Utc::now()),
        })
        .on_conflict(
            OnConflict::columns([
                email_suppression::Column::TenantId,
                email_suppression::Column::Email,
                email_suppression::Column::Category,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&self.tx)
        .await?;
        Ok(())
    }

    pub async fn unsuppress(&self, email: &str, category: &str) -> Result<(), StoreError> {
        email_suppression::Entity::delete_many()
            .filter(email_suppression::Column::TenantId.eq(self.tid()))
            .filter(email_suppression::Column::Email.eq(email))
            .filter(email_suppression::Column::Category.eq(category))
            .exec(&self.tx)
            .await?;
        Ok(())
    }

    /// The categories `email` is suppressed for.
    pub async fn suppressions_of(&self, email: &str) -> Result<Vec<Suppression>, StoreError> {
        let rows = email_suppression::Entity::find()
            .filter(email_suppression::Column::TenantId.eq(self.tid()))
            .filter(email_suppression::Column::Email.eq(email))
            .all(&self.tx)
            .await?;
        Ok(rows.into_iter().map(suppression_record).collect())
    }

    /// The tenant's suppression list, by email.
    pub async fn suppressions(&self, page: PageRequest) -> Result<Vec<Suppression>, StoreError> {
        let rows = email_suppression::Entity::find()
            .filter(email_suppression::Column::TenantId.eq(self.tid()))
            .order_by_asc(email_suppression::Column::Email)
            .order_by_asc(email_suppression::Column::Category)
            .limit(page.limit)
            .all(&self.tx)
            .await?;
        Ok(rows.into_iter().map(suppression_record).collect())
    }

    pub async fn template_override(
        &self,
        template: &str,
        locale: Locale,
    ) -> Result<Option<TemplateOverride>, StoreError> {
        let row = email_template::Entity::find_by_id((self.tid(), template.to_owned(), locale.as_str().to_owned()))
            .one(&self.tx)
            .await?;
        Ok(row.map(|r| TemplateOverride { subject: r.subject, html: r.html, text: r.text, updated_at: r.updated_at }))
    }

    pub async fn set_template_override(
        &self,
        template: &str,
        locale: Locale,
        value: &TemplateOverride,
    ) -> Result<(), StoreError> {
        email_template::Entity::insert(email_template::ActiveModel {
            tenant_id: Set(self.tid()),
            template: Set(template.to_owned()),
            locale: Set(locale.as_str().to_owned()),
            subject: Set(value.subject.clone()),
            html: Set(value.html.clone()),
            text: Set(value.text.clone()),
            updated_at: Set(Utc::now()),
        })
        .on_conflict(
            OnConflict::columns([
                email_template::Column::TenantId,
                email_template::Column::Template,
                email_template::Column::Locale,
            ])
            .update_columns([
                email_template::Column::Subject,
                email_template::Column::Html,
                email_template::Column::Text,
                email_template::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(&self.tx)
        .await?;
        Ok(())
    }

    pub async fn delete_template_override(&self, template: &str, locale: Locale) -> Result<(), StoreError> {
        let result = email_template::Entity::delete_many()
            .filter(email_template::Column::TenantId.eq(self.tid()))
            .filter(email_template::Column::Template.eq(template))
            .filter(email_template::Column::Locale.eq(locale.as_str()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }
}

fn delivery_record(m: email_delivery::Model) -> Result<EmailDelivery, StoreError> {
    Ok(EmailDelivery {
        id: EmailDeliveryId::from_uuid(m.id),
        idempotency_key: m.idempotency_key,
        category: m.category.parse().map_err(corrupt)?,
        template: m.template,
        locale: m.locale.parse().map_err(corrupt)?,
        to_email: m.to_email,
        to_name: m.to_name,
        time_zone: m.time_zone,
        context: m.context,
        subject: m.subject,
        state: m.state.parse().map_err(corrupt)?,
        reason: m.reason,
        message_id: m.message_id,
        attempts: u32::try_from(m.attempts).map_err(corrupt)?,
        created_at: m.created_at,
        updated_at: m.updated_at,
        sent_at: m.sent_at,
    })
}

fn suppression_record(m: email_suppression::Model) -> Suppression {
    Suppression { email: m.email, category: m.category, reason: m.reason, created_at: m.created_at }
}
