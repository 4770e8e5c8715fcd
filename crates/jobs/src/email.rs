//! Sending one email. The delivery row (written before anything is sent) is the source of
//! truth: a job that finds it already final does nothing, so a retried job never sends the
//! same message twice; every attempt carries the Message-ID derived from the delivery's key.

use std::num::NonZeroU32;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use tandem_domain::mail::{DeliveryState, FrequencyCap, QuietHours};
use tandem_domain::{EmailDeliveryId, TenantId};
use tandem_mail::unsubscribe::{UnsubscribeClaims, UnsubscribeSigner};
use tandem_mail::{Mailer, OutgoingEmail, Override, Sender, Template, builtin_sources, frame, render_with};
use tandem_store::{Db, EmailDelivery, Hit, StoreError};

use crate::queue::{Job, JobError, NewJob, Outcome, Queue, QueueError};

/// Queues again deliveries left `queued` whose job is gone. A delivery and its job are
/// written in one transaction, so this only happens when the queue itself lost jobs (a Redis
/// without persistence that restarted). Safe to run any time: the job's key is the
/// delivery's, so a delivery that has its job gets no second one. Returns how many were
/// looked at.
pub async fn requeue_stranded(db: &Db, queue: &dyn Queue) -> Result<usize, QueueError> {
    let now = Utc::now();
    // Younger than five minutes may still be on its way; older than six days may have lost
    // its key to the finished-job purge, and is better left to an admin.
    let stranded = db.stranded_deliveries(now - Duration::minutes(5), now - Duration::days(6), 500).await?;
    for (tenant, delivery) in &stranded {
        queue.enqueue(NewJob::send_email(*tenant, *delivery)).await?;
    }
    Ok(stranded.len())
}

/// What sending needs besides the database and the transport.
pub struct EmailSettings {
    pub quiet_hours: QuietHours,
    pub cap: FrequencyCap,
    /// Transactional emails to one address per hour; more are suppressed.
    pub transactional_hourly_cap: u32,
    /// What one tenant may send of the emails that reach people who did not ask for them
    /// ([`Template::unsolicited`]); more wait until the window moves on.
    pub tenant_invitations: InvitationLimits,
    /// Base of unsubscribe and preference links.
    pub public_url: String,
    pub signer: UnsubscribeSigner,
    /// Most messages all workers together hand to the SMTP server in a second.
    pub total_per_second: Option<NonZeroU32>,
}

#[derive(Clone, Copy, Debug)]
pub struct InvitationLimits {
    pub per_hour: u32,
    pub per_day: u32,
}

pub struct SendEmailHandler {
    db: Db,
    mailer: Arc<Mailer>,
    settings: Arc<EmailSettings>,
}

impl SendEmailHandler {
    pub fn new(db: Db, mailer: Arc<Mailer>, settings: Arc<EmailSettings>) -> Self {
        Self { db, mailer, settings }
    }

    async fn set_state(
        &self,
        tenant: TenantId,
        delivery: EmailDeliveryId,
        state: DeliveryState,
        reason: Option<&str>,
        subject: Option<&str>,
    ) -> Result<(), JobError> {
        let tx = self.db.tenant(tenant).await.map_err(retry)?;
        tx.set_delivery_state(delivery, state, reason, subject).await.map_err(retry)?;
        tx.commit().await.map_err(retry)
    }

    /// Why this email must not go now, if it must not: suppressed for good, or held until later.
    /// The tenant's invitation limit is asked last, so only an email that goes takes a slot.
    async fn policy(
        &self,
        job: &Job,
        delivery: &EmailDelivery,
        template: Template,
    ) -> Result<Option<Outcome>, JobError> {
        if let Some(outcome) = self.recipient_policy(job, delivery).await? {
            return Ok(Some(outcome));
        }
        if template.unsolicited()
            && let Some((limit, until)) = self.take_invitation_slot(job.tenant).await?
        {
            let why = format!("held by {limit} until {}", until.to_rfc3339());
            self.set_state(job.tenant, delivery.id, DeliveryState::Queued, Some(&why), None).await?;
            return Ok(Some(Outcome::Postpone { until, why }));
        }
        Ok(None)
    }

    /// What the recipient's protections say: their unsubscriptions, quiet hours and caps.
    async fn recipient_policy(&self, job: &Job, delivery: &EmailDelivery) -> Result<Option<Outcome>, JobError> {
        let tx = self.db.tenant(job.tenant).await.map_err(retry)?;
        let now = Utc::now();
        if !delivery.category.is_optional() {
            // What a person asked for always goes, but not without end: a public form
            // submitted again and again must not flood an inbox.
            let sent = tx
                .transactional_emails_sent_since(&delivery.to_email, now - Duration::hours(1))
                .await
                .map_err(retry)?;
            if sent < u64::from(self.settings.transactional_hourly_cap) {
                return Ok(None);
            }
            let reason = format!("{} emails to this address in the last hour", self.settings.transactional_hourly_cap);
            tx.set_delivery_state(delivery.id, DeliveryState::Suppressed, Some(&reason), None).await.map_err(retry)?;
            tx.commit().await.map_err(retry)?;
            return Ok(Some(Outcome::Done));
        }
        let zone =
            delivery.time_zone.as_deref().and_then(|z| z.parse::<chrono_tz::Tz>().ok()).unwrap_or(chrono_tz::UTC);
        let (state, reason, outcome) = if let Some(why) =
            tx.suppression_of(&delivery.to_email, delivery.category).await.map_err(retry)?
        {
            (DeliveryState::Suppressed, format!("unsubscribed: {why}"), Outcome::Done)
        } else if let Some(until) = self.settings.quiet_hours.hold_until(now, zone) {
            let why = format!("quiet hours in {zone} until {}", until.to_rfc3339());
            (DeliveryState::Queued, why.clone(), Outcome::Postpone { until, why })
        } else {
            let sent =
                tx.optional_emails_sent_since(&delivery.to_email, now - Duration::hours(24)).await.map_err(retry)?;
            if self.settings.cap.allows(sent) {
                return Ok(None);
            }
            (
                DeliveryState::Suppressed,
                format!("frequency cap of {} a day reached", self.settings.cap.per_day),
                Outcome::Done,
            )
        };
        tx.set_delivery_state(delivery.id, state, Some(&reason), None).await.map_err(retry)?;
        tx.commit().await.map_err(retry)?;
        Ok(Some(outcome))
    }

    /// Counts one unsolicited email against the tenant's hourly and daily limits, or names the
    /// limit it is held by and until when. One statement per window counts and reads back, so
    /// emails sent side by side cannot share the last slot.
    async fn take_invitation_slot(&self, tenant: TenantId) -> Result<Option<(String, DateTime<Utc>)>, JobError> {
        let limits = self.settings.tenant_invitations;
        let (hour, day) = invitation_keys(tenant);
        if let Hit::Refused { until } = self.db.hit(&hour, limits.per_hour, Duration::hours(1)).await.map_err(retry)? {
            self.db.refund(&hour).await.map_err(retry)?;
            return Ok(Some((format!("the tenant's limit of {} invitations an hour", limits.per_hour), until)));
        }
        if let Hit::Refused { until } = self.db.hit(&day, limits.per_day, Duration::hours(24)).await.map_err(retry)? {
            self.db.refund(&hour).await.map_err(retry)?;
            self.db.refund(&day).await.map_err(retry)?;
            return Ok(Some((format!("the tenant's limit of {} invitations a day", limits.per_day), until)));
        }
        Ok(None)
    }

    /// Waits for a place among the messages every worker hands to the SMTP server this second,
    /// when they are limited: a counter in the database that every process shares.
    async fn total_rate_slot(&self) -> Result<(), JobError> {
        let Some(limit) = self.settings.total_per_second else { return Ok(()) };
        loop {
            match self.db.hit(TOTAL_RATE_KEY, limit.get(), Duration::seconds(1)).await.map_err(retry)? {
                Hit::Allowed => return Ok(()),
                Hit::Refused { until } => tokio::time::sleep((until - Utc::now()).to_std().unwrap_or_default()).await,
            }
        }
    }

    /// Gives back the slot of an unsolicited email that did not go (it will be tried again).
    async fn refund_invitation_slot(&self, tenant: TenantId) -> Result<(), JobError> {
        let (hour, day) = invitation_keys(tenant);
        self.db.refund(&hour).await.map_err(retry)?;
        self.db.refund(&day).await.map_err(retry)
    }

    fn headers_and_links(
        &self,
        tenant: TenantId,
        delivery: &EmailDelivery,
    ) -> (Vec<(&'static str, String)>, serde_json::Value) {
        let mut context = delivery.context.clone();
        if !delivery.category.is_optional() {
            return (Vec::new(), context);
        }
        let token = self.settings.signer.sign(&UnsubscribeClaims {
            tenant,
            email: delivery.to_email.clone(),
            category: delivery.category,
        });
        let base = self.settings.public_url.trim_end_matches('/');
        let one_click = format!("{base}/api/v1/public/unsubscribe?token={token}");
        let preferences = format!("{base}/email-preferences?token={token}");
        if let Some(map) = context.as_object_mut() {
            map.insert("unsubscribe_url".into(), preferences.clone().into());
        }
        let headers = vec![
            ("List-Unsubscribe", format!("<{one_click}>")),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".to_owned()),
        ];
        (headers, context)
    }
}

/// The counter of [`EmailSettings::total_per_second`].
pub const TOTAL_RATE_KEY: &str = "emails-per-second";

fn invitation_keys(tenant: TenantId) -> (String, String) {
    (format!("tenant-invitations-hour:{tenant}"), format!("tenant-invitations-day:{tenant}"))
}

fn retry(err: StoreError) -> JobError {
    JobError::Retry(err.to_string())
}

impl SendEmailHandler {
    /// Sends the recorded delivery `id`, unless it is final already or policy holds it.
    pub async fn send(&self, job: &Job, id: EmailDeliveryId) -> Result<Outcome, JobError> {
        let tx = self.db.tenant(job.tenant).await.map_err(retry)?;
        let delivery = match tx.delivery(id).await {
            Ok(delivery) => delivery,
            // The tenant (and its deliveries) is gone: nothing to send.
            Err(StoreError::NotFound) => return Ok(Outcome::Done),
            Err(err) => return Err(retry(err)),
        };
        if delivery.state.is_final() {
            return Ok(Outcome::Done);
        }
        let Some(template) = Template::from_name(&delivery.template) else {
            tx.commit().await.map_err(retry)?;
            let reason = format!("unknown template {:?}", delivery.template);
            self.set_state(job.tenant, id, DeliveryState::Failed, Some(&reason), None).await?;
            return Ok(Outcome::Done);
        };
        // A tenant's own words only where a tenant may change them.
        let custom = match template.tenant_editable() {
            true => tx.template_override(template.name(), delivery.locale).await.map_err(retry)?,
            false => None,
        };
        let sources = custom
            .map(|o| Override { subject: o.subject, html: o.html, text: o.text })
            .unwrap_or_else(|| builtin_sources(template, delivery.locale));
        let sender = match tx.tenant().await {
            Ok(tenant) => Sender { company: tenant.name },
            Err(StoreError::NotFound) => return Ok(Outcome::Done),
            Err(err) => return Err(retry(err)),
        };
        tx.commit().await.map_err(retry)?;
        if let Some(outcome) = self.policy(job, &delivery, template).await? {
            return Ok(outcome);
        }

        let (headers, context) = self.headers_and_links(job.tenant, &delivery);
        // The product's frame goes around whatever the template (a tenant's own, perhaps) wrote.
        let content = match render_with(&sources, &context) {
            // The product's own emails (an account's) are the product's words and need no frame.
            Ok(content) if job.tenant == TenantId::PLATFORM => content,
            Ok(content) => frame(content, &sender, delivery.locale),
            Err(err) => {
                let reason = format!("template: {err}");
                self.set_state(job.tenant, id, DeliveryState::Failed, Some(&reason), None).await?;
                return Ok(Outcome::Done);
            }
        };
        self.set_state(job.tenant, id, DeliveryState::Sending, None, Some(&content.subject)).await?;
        let email = OutgoingEmail {
            to: delivery.to_email.clone(),
            to_name: delivery.to_name.clone(),
            content,
            message_id: Some(delivery.message_id.clone()),
            headers,
            calendar: context.get("calendar").and_then(|c| c.as_str()).filter(|c| !c.is_empty()).map(str::to_owned),
        };
        let category = delivery.category.as_str();
        self.total_rate_slot().await?;
        match self.mailer.send(email).await {
            Ok(()) => {
                self.set_state(job.tenant, id, DeliveryState::Sent, None, None).await?;
                metrics::counter!("tandem_emails_total", "category" => category, "state" => "sent").increment(1);
                Ok(Outcome::Done)
            }
            Err(err) if err.is_permanent() => {
                self.set_state(job.tenant, id, DeliveryState::Failed, Some(&err.to_string()), None).await?;
                metrics::counter!("tandem_emails_total", "category" => category, "state" => "failed").increment(1);
                Ok(Outcome::Done)
            }
            Err(err) if job.attempt >= job.max_attempts => {
                let reason = format!("gave up after {} attempts: {err}", job.attempt);
                self.set_state(job.tenant, id, DeliveryState::Failed, Some(&reason), None).await?;
                metrics::counter!("tandem_emails_total", "category" => category, "state" => "failed").increment(1);
                Err(JobError::Permanent(reason))
            }
            Err(err) => {
                if template.unsolicited() {
                    self.refund_invitation_slot(job.tenant).await?;
                }
                self.set_state(job.tenant, id, DeliveryState::Retrying, Some(&err.to_string()), None).await?;
                Err(JobError::Retry(err.to_string()))
            }
        }
    }
}
