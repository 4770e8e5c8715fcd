//! Sending recorded emails, one (`send_email`) or a batch (`send_emails`) per job. The delivery
//! row (written before anything is sent) is the source of truth: a job claims the deliveries it
//! sends (a conditional update; another job's live claim is left alone), one found final is
//! left as it is, so a retried job never sends the same message twice; every attempt carries
//! the Message-ID derived from the delivery's key.
//!
//! A batch shares its database work: one transaction claims, decides the recipients'
//! protections for all (one query per kind of protection, not one per email), renders and marks
//! them sending; the messages then go over the SMTP pool side by side, and their outcomes are
//! written a few at a time as they come back, so a worker killed mid-batch leaves at most those
//! few to send again (with the same Message-ID).

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use futures_util::{StreamExt, stream};
use tandem_domain::mail::{DeliveryState, EmailCategory, FrequencyCap, QuietHours};
use tandem_domain::{EmailDeliveryId, Locale, TenantId};
use tandem_mail::unsubscribe::{UnsubscribeClaims, UnsubscribeSigner};
use tandem_mail::{MailError, Mailer, OutgoingEmail, Override, Sender, Template, builtin_sources, frame, render_with};
use tandem_store::{Db, EmailDelivery, Hit, StoreError, Suppression, TemplateOverride, TenantTx};

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
    /// Messages one job hands to the SMTP server side by side (the size of its pool).
    pub concurrency: usize,
    /// How long a job holds the deliveries it sends (the worker's lease); a batch hands what it
    /// has not begun after half of it to a new job, so that a slow sending rate never makes a
    /// job outlive its lease.
    pub claim: std::time::Duration,
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

    /// Takes up to `wanted` of the tenant's slots for unsolicited emails (hourly, then daily);
    /// returns how many it got and, when fewer, the limit that holds the rest and until when.
    /// One statement per window counts and reads back, so jobs side by side cannot share the last
    /// slot.
    async fn take_invitation_slots(
        &self,
        tenant: TenantId,
        wanted: usize,
    ) -> Result<(usize, Option<(String, DateTime<Utc>)>), JobError> {
        let limits = self.settings.tenant_invitations;
        let (hour, day) = invitation_keys(tenant);
        let wanted = u32::try_from(wanted).unwrap_or(u32::MAX);
        let (this_hour, hour_ends) =
            self.db.take(&hour, wanted, limits.per_hour, Duration::hours(1)).await.map_err(retry)?;
        let (granted, day_ends) =
            self.db.take(&day, this_hour, limits.per_day, Duration::hours(24)).await.map_err(retry)?;
        if granted < this_hour {
            self.db.refund_many(&hour, this_hour - granted).await.map_err(retry)?;
        }
        let held_by = match (day_ends, hour_ends) {
            (Some(until), _) => Some((format!("the tenant's limit of {} invitations a day", limits.per_day), until)),
            (None, Some(until)) => {
                Some((format!("the tenant's limit of {} invitations an hour", limits.per_hour), until))
            }
            (None, None) => None,
        };
        Ok((granted as usize, held_by))
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

    /// Gives back the slots of `n` unsolicited emails that did not go (they will be tried again).
    async fn refund_invitation_slots(&self, tenant: TenantId, n: u32) -> Result<(), JobError> {
        if n == 0 {
            return Ok(());
        }
        let (hour, day) = invitation_keys(tenant);
        self.db.refund_many(&hour, n).await.map_err(retry)?;
        self.db.refund_many(&day, n).await.map_err(retry)
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

/// What became of a delivery a job handled.
enum Verdict {
    /// To send at `until`: quiet hours, the tenant's invitation limit, another job's claim.
    Hold { until: DateTime<Utc>, why: String },
    /// A temporary failure: to try again after a backoff.
    Retry(String),
    /// A temporary failure on the job's last attempt: failed for good.
    GaveUp(String),
}

/// How long a batch lets a delivery that failed for now wait before its own job tries again.
const BATCH_RETRY_AFTER: Duration = Duration::seconds(30);

/// Outcomes written together: few enough that a worker killed mid-batch has little to send again.
const MARK_TOGETHER: usize = 8;

/// A delivery cleared to go and marked sending, as its outcome is recorded.
struct Message {
    id: EmailDeliveryId,
    category: EmailCategory,
    unsolicited: bool,
}

/// A message and what goes to the transport.
type Ready = (Message, OutgoingEmail);

/// The protections of a batch's recipients, read at once: their unsubscriptions and what they
/// were sent lately (for the caps). Deciding for a delivery that goes counts it, so two emails
/// to one address in one batch are counted as two.
struct Protections {
    suppressions: Vec<Suppression>,
    /// Transactional emails per address in the last hour.
    transactional_sent: HashMap<String, u64>,
    /// Optional emails per address in the last day.
    optional_sent: HashMap<String, u64>,
}

/// Whether a delivery may go now.
enum Decision {
    Go,
    Suppress(String),
    Hold { until: DateTime<Utc>, why: String },
}

impl Protections {
    async fn read(tx: &TenantTx, deliveries: &[EmailDelivery], now: DateTime<Utc>) -> Result<Self, StoreError> {
        let addresses = |optional: bool| -> Vec<&str> {
            let of_kind = deliveries.iter().filter(|d| d.category.is_optional() == optional);
            of_kind.map(|d| d.to_email.as_str()).collect()
        };
        let (transactional, optional) = (addresses(false), addresses(true));
        Ok(Self {
            suppressions: tx.suppressions_among(&optional).await?,
            transactional_sent: tx.emails_sent_since(&transactional, now - Duration::hours(1), true).await?,
            optional_sent: tx.emails_sent_since(&optional, now - Duration::hours(24), false).await?,
        })
    }

    /// What the recipient's protections say of `delivery`: what a person asked for goes, up to
    /// an hourly cap (a public form submitted again and again must not flood an inbox); the
    /// rest respects unsubscriptions, quiet hours in the person's time zone and the daily cap.
    fn decide(&mut self, delivery: &EmailDelivery, now: DateTime<Utc>, settings: &EmailSettings) -> Decision {
        let address = delivery.to_email.clone();
        if !delivery.category.is_optional() {
            let sent = self.transactional_sent.entry(address).or_default();
            if *sent < u64::from(settings.transactional_hourly_cap) {
                *sent += 1;
                return Decision::Go;
            }
            return Decision::Suppress(format!(
                "{} emails to this address in the last hour",
                settings.transactional_hourly_cap
            ));
        }
        let category = delivery.category.as_str();
        let suppressed = self
            .suppressions
            .iter()
            .find(|s| s.email == delivery.to_email && (s.category == category || s.category == "all"));
        if let Some(suppression) = suppressed {
            return Decision::Suppress(format!("unsubscribed: {} ({})", suppression.reason, suppression.category));
        }
        let zone =
            delivery.time_zone.as_deref().and_then(|z| z.parse::<chrono_tz::Tz>().ok()).unwrap_or(chrono_tz::UTC);
        if let Some(until) = settings.quiet_hours.hold_until(now, zone) {
            return Decision::Hold { until, why: format!("quiet hours in {zone} until {}", until.to_rfc3339()) };
        }
        let sent = self.optional_sent.entry(address).or_default();
        if settings.cap.allows(*sent) {
            *sent += 1;
            return Decision::Go;
        }
        Decision::Suppress(format!("frequency cap of {} a day reached", settings.cap.per_day))
    }
}

impl SendEmailHandler {
    /// Sends the recorded delivery `id`, unless it is final already, another job holds it, or
    /// policy holds it (the job then waits for its time).
    pub async fn send(&self, job: &Job, id: EmailDeliveryId) -> Result<Outcome, JobError> {
        let last = (job.attempt >= job.max_attempts).then_some(job.attempt);
        match self.deliver(job.tenant, &[id], last).await?.pop() {
            None => Ok(Outcome::Done),
            Some((_, Verdict::Hold { until, why })) => Ok(Outcome::Postpone { until, why }),
            Some((_, Verdict::Retry(error))) => Err(JobError::Retry(error)),
            Some((_, Verdict::GaveUp(reason))) => Err(JobError::Permanent(reason)),
        }
    }

    /// Sends a batch of recorded deliveries, a part at a time. A delivery held for later or to
    /// be tried again goes on as a `send_email` job of its own; once half the claim's time has
    /// gone (a slow sending rate), the parts not begun go on as a new batch.
    pub async fn send_batch(&self, job: &Job, ids: &[EmailDeliveryId]) -> Result<Outcome, JobError> {
        let started = Instant::now();
        let part = (2 * self.settings.concurrency).max(10);
        let mut later = Vec::new();
        let mut rest = ids;
        while !rest.is_empty() {
            if started.elapsed() > self.settings.claim / 2 {
                later.push(NewJob::send_emails(job.tenant, rest.to_vec()));
                break;
            }
            let (these, tail) = rest.split_at(part.min(rest.len()));
            for (id, verdict) in self.deliver(job.tenant, these, None).await? {
                let at = match verdict {
                    Verdict::Hold { until, .. } => until,
                    Verdict::Retry(_) => Utc::now() + BATCH_RETRY_AFTER,
                    Verdict::GaveUp(_) => continue,
                };
                later.push(NewJob::send_email_at(job.tenant, id, at));
            }
            rest = tail;
        }
        if !later.is_empty() {
            let tx = self.db.tenant(job.tenant).await.map_err(retry)?;
            for next in later {
                tx.enqueue(next).await.map_err(retry)?;
            }
            tx.commit().await.map_err(retry)?;
        }
        Ok(Outcome::Done)
    }

    /// Claims `ids`, decides, renders and sends those that may go, and records what became of
    /// each. Returns the deliveries with something left to do (held, or failed for now); the
    /// others are final or another job's to finish. `last` is the attempt number when this is
    /// the job's last.
    async fn deliver(
        &self,
        tenant: TenantId,
        ids: &[EmailDeliveryId],
        last: Option<u32>,
    ) -> Result<Vec<(EmailDeliveryId, Verdict)>, JobError> {
        let now = Utc::now();
        let claim = Duration::from_std(self.settings.claim).unwrap_or(Duration::minutes(1));
        let tx = self.db.tenant(tenant).await.map_err(retry)?;
        let deliveries = tx.claim_deliveries(ids, now + claim).await.map_err(retry)?;
        let mut verdicts = Vec::new();
        for &id in ids.iter().filter(|&&id| !deliveries.iter().any(|d| d.id == id)) {
            match tx.delivery_claimed_until(id).await {
                Ok(Some(until)) => {
                    verdicts.push((id, Verdict::Hold { until, why: "another job is sending it".into() }))
                }
                // Final, or gone with its tenant: nothing to send.
                Ok(None) | Err(StoreError::NotFound) => {}
                Err(err) => return Err(retry(err)),
            }
        }
        if deliveries.is_empty() {
            tx.commit().await.map_err(retry)?;
            return Ok(verdicts);
        }
        let sender = match tx.tenant().await {
            Ok(tenant) => Sender { company: tenant.name },
            Err(StoreError::NotFound) => return Ok(verdicts),
            Err(err) => return Err(retry(err)),
        };
        let cleared = self.decide(&tx, deliveries, now, &mut verdicts).await?;
        tx.commit().await.map_err(retry)?;
        // The tenant's limits on unsolicited emails are asked last, so only an email that goes
        // takes a slot, and outside the transaction: every job shares their counters.
        let wanted = cleared.iter().filter(|(_, template)| template.unsolicited()).count();
        let slots = self.take_invitation_slots(tenant, wanted).await?;
        let ready = match cleared.is_empty() {
            true => Vec::new(),
            false => {
                let tx = self.db.tenant(tenant).await.map_err(retry)?;
                let ready = self.render(&tx, tenant, &sender, cleared, slots, now, &mut verdicts).await?;
                tx.commit().await.map_err(retry)?;
                ready
            }
        };

        let mut outcomes = Vec::new();
        let mut sending =
            stream::iter(ready).map(|ready| self.hand_over(ready)).buffer_unordered(self.settings.concurrency.max(1));
        while let Some(outcome) = sending.next().await {
            outcomes.push(outcome?);
            if outcomes.len() >= MARK_TOGETHER {
                self.record(tenant, std::mem::take(&mut outcomes), last, &mut verdicts).await?;
            }
        }
        drop(sending);
        self.record(tenant, outcomes, last, &mut verdicts).await?;
        Ok(verdicts)
    }

    /// In the claiming transaction: decides for every delivery, and records those that are
    /// suppressed, held or broken; returns those that may go.
    async fn decide(
        &self,
        tx: &TenantTx,
        deliveries: Vec<EmailDelivery>,
        now: DateTime<Utc>,
        verdicts: &mut Vec<(EmailDeliveryId, Verdict)>,
    ) -> Result<Vec<(EmailDelivery, Template)>, JobError> {
        let mut protections = Protections::read(tx, &deliveries, now).await.map_err(retry)?;
        let mut cleared = Vec::new();
        for delivery in deliveries {
            let Some(template) = Template::from_name(&delivery.template) else {
                let reason = format!("unknown template {:?}", delivery.template);
                tx.set_delivery_state(delivery.id, DeliveryState::Failed, Some(&reason), None).await.map_err(retry)?;
                continue;
            };
            match protections.decide(&delivery, now, &self.settings) {
                Decision::Go => cleared.push((delivery, template)),
                Decision::Suppress(reason) => {
                    tx.set_delivery_state(delivery.id, DeliveryState::Suppressed, Some(&reason), None)
                        .await
                        .map_err(retry)?;
                }
                Decision::Hold { until, why } => {
                    tx.set_delivery_state(delivery.id, DeliveryState::Queued, Some(&why), None).await.map_err(retry)?;
                    verdicts.push((delivery.id, Verdict::Hold { until, why }));
                }
            }
        }
        Ok(cleared)
    }

    /// Renders the deliveries that may go and marks them sending; the unsolicited ones past the
    /// tenant's slots wait for the limit's window to move on.
    #[allow(clippy::too_many_arguments)]
    async fn render(
        &self,
        tx: &TenantTx,
        tenant: TenantId,
        sender: &Sender,
        cleared: Vec<(EmailDelivery, Template)>,
        (mut slots, held_by): (usize, Option<(String, DateTime<Utc>)>),
        now: DateTime<Utc>,
        verdicts: &mut Vec<(EmailDeliveryId, Verdict)>,
    ) -> Result<Vec<Ready>, JobError> {
        let mut overrides: HashMap<(&'static str, Locale), Option<TemplateOverride>> = HashMap::new();
        let mut ready = Vec::new();
        // Marked sending together, after the loop: one statement for the part.
        let mut sending = Vec::new();
        for (delivery, template) in cleared {
            if template.unsolicited() {
                if slots == 0 {
                    let (limit, until) = held_by.clone().unwrap_or_else(|| ("the tenant's limit".into(), now));
                    let why = format!("held by {limit} until {}", until.to_rfc3339());
                    tx.set_delivery_state(delivery.id, DeliveryState::Queued, Some(&why), None).await.map_err(retry)?;
                    verdicts.push((delivery.id, Verdict::Hold { until, why }));
                    continue;
                }
                slots -= 1;
            }
            // A tenant's own words only where a tenant may change them.
            let custom = match template.tenant_editable() {
                true => match overrides.get(&(template.name(), delivery.locale)) {
                    Some(custom) => custom.clone(),
                    None => {
                        let custom = tx.template_override(template.name(), delivery.locale).await.map_err(retry)?;
                        overrides.insert((template.name(), delivery.locale), custom.clone());
                        custom
                    }
                },
                false => None,
            };
            let sources = custom
                .map(|o| Override { subject: o.subject, html: o.html, text: o.text })
                .unwrap_or_else(|| builtin_sources(template, delivery.locale));
            let (headers, context) = self.headers_and_links(tenant, &delivery);
            // The product's frame goes around whatever the template (a tenant's own, perhaps) wrote.
            let content = match render_with(&sources, &context) {
                // The product's own emails (an account's) are the product's words and need no frame.
                Ok(content) if tenant == TenantId::PLATFORM => content,
                Ok(content) => frame(content, sender, delivery.locale),
                Err(err) => {
                    let reason = format!("template: {err}");
                    tx.set_delivery_state(delivery.id, DeliveryState::Failed, Some(&reason), None)
                        .await
                        .map_err(retry)?;
                    continue;
                }
            };
            sending.push((delivery.id, content.subject.clone()));
            let calendar = context.get("calendar").and_then(|c| c.as_str()).filter(|c| !c.is_empty());
            let message = Message { id: delivery.id, category: delivery.category, unsolicited: template.unsolicited() };
            ready.push((
                message,
                OutgoingEmail {
                    to: delivery.to_email.clone(),
                    to_name: delivery.to_name.clone(),
                    content,
                    message_id: Some(delivery.message_id.clone()),
                    headers,
                    calendar: calendar.map(str::to_owned),
                },
            ));
        }
        tx.mark_sending(&sending).await.map_err(retry)?;
        Ok(ready)
    }

    /// Hands one message to the transport, within the sending rate of all workers.
    async fn hand_over(&self, (message, email): Ready) -> Result<(Message, Result<(), MailError>), JobError> {
        self.total_rate_slot().await?;
        Ok((message, self.mailer.send(email).await))
    }

    /// Writes what became of messages handed over, in one transaction.
    async fn record(
        &self,
        tenant: TenantId,
        outcomes: Vec<(Message, Result<(), MailError>)>,
        last: Option<u32>,
        verdicts: &mut Vec<(EmailDeliveryId, Verdict)>,
    ) -> Result<(), JobError> {
        if outcomes.is_empty() {
            return Ok(());
        }
        let tx = self.db.tenant(tenant).await.map_err(retry)?;
        let mut refunds = 0;
        // The messages the server took, the usual case, are marked sent in one statement.
        let mut sent = Vec::new();
        for (ready, result) in outcomes {
            let category = ready.category.as_str();
            let (state, reason) = match result {
                Ok(()) => {
                    sent.push(ready.id);
                    metrics::counter!("tandem_emails_total", "category" => category, "state" => "sent").increment(1);
                    continue;
                }
                Err(err) if err.is_permanent() => (DeliveryState::Failed, Some(err.to_string())),
                Err(err) => match last {
                    Some(attempt) => {
                        let reason = format!("gave up after {attempt} attempts: {err}");
                        verdicts.push((ready.id, Verdict::GaveUp(reason.clone())));
                        (DeliveryState::Failed, Some(reason))
                    }
                    None => {
                        refunds += u32::from(ready.unsolicited);
                        tx.set_delivery_state(ready.id, DeliveryState::Retrying, Some(&err.to_string()), None)
                            .await
                            .map_err(retry)?;
                        verdicts.push((ready.id, Verdict::Retry(err.to_string())));
                        continue;
                    }
                },
            };
            tx.set_delivery_state(ready.id, state, reason.as_deref(), None).await.map_err(retry)?;
            metrics::counter!("tandem_emails_total", "category" => category, "state" => "failed").increment(1);
        }
        tx.set_deliveries_state(&sent, DeliveryState::Sent, None, None).await.map_err(retry)?;
        tx.commit().await.map_err(retry)?;
        // The slots of unsolicited emails that did not go are given back (they will be tried again).
        self.refund_invitation_slots(tenant, refunds).await
    }
}
