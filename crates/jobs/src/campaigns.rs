//! Sending a campaign: its message to the audience on its date, and a reminder before the
//! deadline to those who have not applied. Each email is a delivery keyed by campaign and
//! person, so a job that runs twice sends nobody anything twice; they are sent in batches
//! (`send_emails` jobs).

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use tandem_domain::emails::{CampaignMessageEmail, CampaignReminderEmail, Email, campaign_variables, deadline_text};
use tandem_domain::jobs::{CampaignTask, Task};
use tandem_domain::people::Person;
use tandem_domain::programs::ParticipantRole;
use tandem_domain::recruitment::{CampaignKind, CampaignMessage, CampaignState, eligibility_refusals};
use tandem_domain::{CampaignId, Locale, PersonId, TenantId};
use tandem_mail::unsubscribe::LinkSigner;
use tandem_mail::{Override, render_with};
use tandem_store::{CampaignRecord, Db, NewEmailDelivery, NewJob, PageRequest, PeopleFilter, StoreError, TenantTx};

use crate::queue::{Job, JobError, Outcome};

/// Which of a campaign's emails a job sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CampaignSend {
    Message,
    Reminder,
}

/// Queues, in `tx`, the campaign's message (at `send_at`, or now) and its reminder, when it
/// opens and again whenever its dates change. Each job is keyed by its time, so a changed
/// date queues a new job; a job that finds its date moved later waits for the new one, and
/// one that finds the date gone does nothing. Everyone gets each email once whichever job
/// sends it.
pub async fn schedule(tx: &TenantTx, campaign: &CampaignRecord) -> Result<(), StoreError> {
    let message_at = campaign.send_at.unwrap_or_else(Utc::now);
    let tag = campaign.send_at.map_or_else(|| "now".to_owned(), |at| at.timestamp().to_string());
    let task = Task::CampaignMessage(CampaignTask { campaign: campaign.id });
    tx.enqueue(NewJob::new(tx.tenant_id(), &task, format!("campaign:{}:message:{tag}", campaign.id), message_at))
        .await?;
    if let Some(at) = reminder_at(campaign) {
        let key = format!("campaign:{}:reminder:{}", campaign.id, at.timestamp());
        let task = Task::CampaignReminder(CampaignTask { campaign: campaign.id });
        tx.enqueue(NewJob::new(tx.tenant_id(), &task, key, at)).await?;
    }
    Ok(())
}

/// Queues, in `tx`, the campaign's message to invitees added after it went out (and to
/// nobody twice); before the message's date, the message's own job reaches them.
pub async fn message_new_invitees(tx: &TenantTx, campaign: &CampaignRecord, invitees: u64) -> Result<(), StoreError> {
    let at = campaign.send_at.map_or_else(Utc::now, |at| at.max(Utc::now()));
    let key = format!("campaign:{}:message:invitees:{invitees}", campaign.id);
    let task = Task::CampaignMessage(CampaignTask { campaign: campaign.id });
    tx.enqueue(NewJob::new(tx.tenant_id(), &task, key, at)).await
}

fn reminder_at(campaign: &CampaignRecord) -> Option<DateTime<Utc>> {
    let (deadline, hours) = (campaign.deadline?, campaign.reminder_hours_before?);
    Some(deadline - chrono::Duration::hours(i64::from(hours)))
}

/// Who the message goes to: invitees (closed), or everyone eligible for some role (open).
pub async fn audience(tx: &TenantTx, campaign: &CampaignRecord) -> Result<Vec<(PersonId, Person)>, StoreError> {
    match campaign.kind {
        CampaignKind::Closed => {
            let ids: Vec<PersonId> = tx.invitees(campaign.id).await?.into_iter().map(|i| i.person_id).collect();
            Ok(tx.people_by_ids(&ids).await?.into_iter().map(|r| (r.id, r.person)).collect())
        }
        CampaignKind::Open => {
            let design = tx.program(campaign.program_id).await?.design;
            let mut people = Vec::new();
            let mut page = PageRequest { limit: 100, after: None };
            loop {
                let batch = tx.people(&PeopleFilter::default(), page).await?;
                for record in batch.items {
                    if eligibility_refusals(&design, &record.person, ParticipantRole::Either).is_empty() {
                        people.push((record.id, record.person));
                    }
                }
                match batch.next {
                    Some(next) => page.after = Some(next),
                    None => break,
                }
            }
            Ok(people)
        }
    }
}

/// The campaign's message for a person, and the language the email speaks: theirs when the
/// campaign has a message in it, otherwise the first language it has.
pub fn message_for<'a>(campaign: &'a CampaignRecord, person: &Person) -> (Locale, Option<&'a CampaignMessage>) {
    match campaign.messages.get(&person.preferred_locale) {
        Some(message) => (person.preferred_locale, Some(message)),
        None => campaign.messages.iter().next().map_or((person.preferred_locale, None), |(l, m)| (*l, Some(m))),
    }
}

/// The personal link of an invitee (the same in every email to them).
pub fn personal_token(signer: &LinkSigner, tenant: TenantId, campaign: CampaignId, person: PersonId) -> String {
    signer.token(tenant, &format!("campaign:{campaign}:person:{person}"))
}

pub struct CampaignHandler {
    db: Db,
    signer: LinkSigner,
    public_url: String,
}

impl CampaignHandler {
    pub fn new(db: Db, signer: LinkSigner, public_url: String) -> Self {
        Self { db, signer, public_url }
    }

    pub(crate) fn db(&self) -> &Db {
        &self.db
    }

    /// The signer and base URL of the links this handler's emails carry.
    pub(crate) fn links(&self) -> (&LinkSigner, &str) {
        (&self.signer, &self.public_url)
    }

    fn link(&self, tenant: TenantId, campaign: &CampaignRecord, person: PersonId) -> String {
        let token = match campaign.kind {
            CampaignKind::Open => campaign.public_token.clone(),
            CampaignKind::Closed => personal_token(&self.signer, tenant, campaign.id, person),
        };
        format!("{}/apply?token={token}", self.public_url.trim_end_matches('/'))
    }

    /// Records the campaign's message (or reminder) for everyone it has not reached yet; each
    /// delivery's sending is queued in the same transaction.
    pub async fn send(&self, job: &Job, id: CampaignId, what: CampaignSend) -> Result<Outcome, JobError> {
        let reminder = what == CampaignSend::Reminder;
        let retry = |e: StoreError| JobError::Retry(e.to_string());
        let tx = self.db.tenant(job.tenant).await.map_err(retry)?;
        let campaign = match tx.campaign(id).await {
            Ok(campaign) => campaign,
            Err(StoreError::NotFound) => return Ok(Outcome::Done),
            Err(e) => return Err(retry(e)),
        };
        if campaign.state != CampaignState::Open {
            return Ok(Outcome::Done);
        }
        // The campaign's dates may have changed since this job was queued.
        let due = if reminder { reminder_at(&campaign) } else { Some(campaign.send_at.unwrap_or_else(Utc::now)) };
        match due {
            None => return Ok(Outcome::Done),
            Some(due) if due > Utc::now() + chrono::Duration::seconds(1) => {
                return Ok(Outcome::Postpone { until: due, why: "the campaign's date moved".into() });
            }
            Some(_) => {}
        }
        let program = tx.program(campaign.program_id).await.map_err(retry)?.design.name;
        let applied = tx.applicants(id).await.map_err(retry)?;
        let audience = audience(&tx, &campaign).await.map_err(retry)?;
        // What was sent already, in one query (two for an open campaign's reminder) rather than
        // one per person.
        let what = if reminder { "reminder" } else { "message" };
        let sent: HashSet<String> =
            tx.delivery_keys(&format!("campaign:{id}:{what}:")).await.map_err(retry)?.into_iter().collect();
        let messaged: HashSet<String> = if reminder && campaign.kind == CampaignKind::Open {
            tx.delivery_keys(&format!("campaign:{id}:message:")).await.map_err(retry)?.into_iter().collect()
        } else {
            HashSet::new()
        };
        let (mut deliveries, mut people) = (Vec::new(), Vec::new());
        for (person_id, person) in audience {
            if reminder && applied.contains(&person_id) {
                continue;
            }
            let key = format!("campaign:{id}:{what}:{person_id}");
            if sent.contains(&key) {
                continue;
            }
            if reminder
                && campaign.kind == CampaignKind::Open
                && !messaged.contains(&format!("campaign:{id}:message:{person_id}"))
            {
                // Open campaigns remind those the message reached.
                continue;
            }
            let link = self.link(job.tenant, &campaign, person_id);
            let (locale, message) = message_for(&campaign, &person);
            let locale = if reminder { person.preferred_locale } else { locale };
            let deadline = campaign.deadline.map(|d| deadline_text(d, person.time_zone.as_deref(), locale));
            let email = if reminder {
                Email::CampaignReminder(CampaignReminderEmail {
                    name: person.name.clone(),
                    program: program.clone(),
                    link,
                    deadline: deadline.unwrap_or_default(),
                })
            } else {
                let Some(message) = message else {
                    return Err(JobError::Permanent("the campaign has no message".into()));
                };
                let vars = campaign_variables(&person.name, &program, &link, deadline.as_deref());
                let own =
                    Override { subject: message.subject.clone(), html: String::new(), text: message.body.clone() };
                let rendered =
                    render_with(&own, &vars).map_err(|e| JobError::Permanent(format!("campaign message: {e}")))?;
                Email::CampaignMessage(CampaignMessageEmail::new(
                    &rendered.subject,
                    &rendered.text,
                    &message.body,
                    &program,
                    &link,
                    deadline.as_deref(),
                ))
            };
            deliveries.push(NewEmailDelivery {
                idempotency_key: key,
                email,
                locale,
                to_email: person.email.to_string(),
                to_name: Some(person.name.clone()),
                time_zone: person.time_zone.clone(),
            });
            people.push(person_id);
        }
        // Sent in batches: one job for many emails.
        let fresh = tx.create_deliveries(deliveries).await.map_err(retry)?;
        let reached: Vec<PersonId> =
            people.into_iter().zip(fresh).filter(|(_, (_, new))| *new).map(|(person, _)| person).collect();
        if campaign.kind == CampaignKind::Closed {
            if reminder {
                tx.mark_invitees_reminded(id, &reached).await.map_err(retry)?;
            } else {
                tx.mark_invitees_emailed(id, &reached).await.map_err(retry)?;
            }
        }
        tx.commit().await.map_err(retry)?;
        tracing::info!(campaign = %id, emails = reached.len(), reminder, "campaign emails queued");
        Ok(Outcome::Done)
    }
}
