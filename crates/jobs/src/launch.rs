//! Launch: participants' sign-in links, and a program's kickoff in everyone's calendar.
//!
//! The portal's sign-in route answers the same whether or not an address is known and queues
//! [`LaunchHandler::sign_in`]; what differs happens here and reaches only the address's owner.
//! Kickoff jobs carry the kickoff's `sequence` when queued: a job for an older version does
//! nothing, so a kickoff moved twice in a minute sends the latest invitation, and a reminder
//! queued for a time that later moved is dropped.

use chrono::{Duration, Utc};
use tandem_domain::emails::{Email, KickoffEmail, ParticipantSignInEmail, span_text};
use tandem_domain::jobs::{KickoffTask, Task};
use tandem_domain::{Locale, ParticipantLinkId, ProgramId, TenantId};
use tandem_mail::calendar::{Invitation, Method, Party, ics};
use tandem_mail::unsubscribe::{LinkSigner, token_hash};
use tandem_store::{Db, KickoffRecord, NewJob, PersonRecord, StoreError, TenantTx};

use crate::queue::{Job, JobError, Outcome};

/// How long a participant's sign-in link works.
pub const SIGN_IN_LINK_MINUTES: u32 = 15;

/// The token of a sign-in link (the store keeps its hash).
pub fn sign_in_token(signer: &LinkSigner, tenant: TenantId, link: ParticipantLinkId) -> String {
    signer.token(tenant, &format!("portal-sign-in:{link}"))
}

/// The calendar UID of a program's kickoff: the same for its whole life.
pub fn kickoff_uid(kickoff: &KickoffRecord) -> String {
    format!("kickoff-{}@tandem", kickoff.id)
}

/// Which kickoff email a job sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KickoffSend {
    Invitation,
    Reminder,
}

pub struct LaunchHandler {
    db: Db,
    signer: LinkSigner,
    public_url: String,
    /// The address calendars show as the organiser (the product's From address).
    organizer_email: String,
}

fn retry(err: StoreError) -> JobError {
    JobError::Retry(err.to_string())
}

impl LaunchHandler {
    pub fn new(db: Db, signer: LinkSigner, public_url: String, organizer_email: String) -> Self {
        Self { db, signer, public_url, organizer_email }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }

    /// Emails a sign-in link to every directory entry with `email` (one per company).
    pub async fn sign_in(&self, job: &Job, email: &str) -> Result<Outcome, JobError> {
        let found = self.db.people_with_email(email).await.map_err(retry)?;
        if found.is_empty() {
            tracing::info!(job = %job.id, "portal sign-in for an address in no directory; nothing sent");
        }
        for (tenant, person) in found {
            let tx = self.db.tenant(tenant).await.map_err(retry)?;
            let person = tx.person(person).await.map_err(retry)?;
            let link = ParticipantLinkId::new();
            let token = sign_in_token(&self.signer, tenant, link);
            let expires_at = Utc::now() + Duration::minutes(i64::from(SIGN_IN_LINK_MINUTES));
            tx.create_participant_link(link, person.id, token_hash(&token), expires_at).await.map_err(retry)?;
            let email = Email::ParticipantSignIn(ParticipantSignInEmail {
                name: person.person.name.clone(),
                link: self.url(&format!("/portal/verify?token={token}")),
                minutes: SIGN_IN_LINK_MINUTES,
            });
            tx.email_person(format!("portal-sign-in:{link}"), email, &person).await.map_err(retry)?;
            tx.commit().await.map_err(retry)?;
        }
        Ok(Outcome::Done)
    }

    /// Sends the kickoff's invitation (or its update, or its cancellation), or its reminder,
    /// to every member of the program's pairs that go on.
    pub async fn kickoff(&self, job: &Job, task: KickoffTask, send: KickoffSend) -> Result<Outcome, JobError> {
        let tx = self.db.tenant(job.tenant).await.map_err(retry)?;
        let Some(kickoff) = tx.kickoff(task.program).await.map_err(retry)? else { return Ok(Outcome::Done) };
        let cancelled = kickoff.cancelled_at.is_some();
        if kickoff.sequence != task.sequence || (send == KickoffSend::Reminder && cancelled) {
            return Ok(Outcome::Done);
        }
        if send == KickoffSend::Reminder {
            // The reminder is the program's `kickoff_tomorrow` nudge: off when the rule is off
            // or the program's nudges are paused.
            let (paused, stored) = tx.nudge_settings(task.program).await.map_err(retry)?;
            let on = tandem_domain::nudges::settings_with(&stored)
                .iter()
                .any(|s| s.rule == tandem_domain::nudges::NudgeRule::KickoffTomorrow && s.enabled);
            if paused || !on {
                return Ok(Outcome::Done);
            }
        }
        let program = tx.program(task.program).await.map_err(retry)?;
        let company = tx.tenant().await.map_err(retry)?.name;
        let people: Vec<_> = tx.paired_people(task.program).await.map_err(retry)?.into_iter().collect();
        for person in tx.people_by_ids(&people).await.map_err(retry)? {
            let (email, key) = match send {
                KickoffSend::Invitation => {
                    let method = if cancelled { Method::Cancel } else { Method::Request };
                    let calendar = self.invitation(&kickoff, &program.design.name, &company, &person, method);
                    let mut vars = self.kickoff_email(&kickoff, &program.design.name, &person, calendar);
                    vars.updated = kickoff.sequence > 0;
                    let email = if cancelled { Email::KickoffCancelled(vars) } else { Email::KickoffInvitation(vars) };
                    (email, format!("kickoff:{}:{}:{}", kickoff.id, kickoff.sequence, person.id))
                }
                KickoffSend::Reminder => (
                    Email::KickoffReminder(self.kickoff_email(&kickoff, &program.design.name, &person, String::new())),
                    format!("kickoff-reminder:{}:{}:{}", kickoff.id, kickoff.sequence, person.id),
                ),
            };
            tx.email_person(key, email, &person).await.map_err(retry)?;
        }
        if send == KickoffSend::Invitation && !cancelled {
            queue_reminder(&tx, job.tenant, task.program, &kickoff).await.map_err(retry)?;
        }
        tx.commit().await.map_err(retry)?;
        Ok(Outcome::Done)
    }

    fn kickoff_email(
        &self,
        kickoff: &KickoffRecord,
        program: &str,
        person: &PersonRecord,
        calendar: String,
    ) -> KickoffEmail {
        let locale = person.person.preferred_locale;
        let mine = person.person.time_zone.as_deref();
        let when = span_text(kickoff.starts_at, kickoff.ends_at, mine, locale);
        let there = span_text(kickoff.starts_at, kickoff.ends_at, Some(&kickoff.time_zone), locale);
        KickoffEmail {
            name: person.person.name.clone(),
            program: program.to_owned(),
            when_there: if there == when { String::new() } else { there },
            when,
            place: kickoff.place.clone().unwrap_or_default(),
            video_link: kickoff.video_link.clone().unwrap_or_default(),
            agenda: kickoff.agenda.clone().unwrap_or_default(),
            updated: false,
            portal_link: self.url("/portal"),
            calendar,
        }
    }

    fn invitation(
        &self,
        kickoff: &KickoffRecord,
        program: &str,
        company: &str,
        person: &PersonRecord,
        method: Method,
    ) -> String {
        let summary = match person.person.preferred_locale {
            Locale::En => format!("Kickoff: {program}"),
            Locale::Ja => format!("キックオフ：{program}"),
        };
        let mut description = kickoff.agenda.clone().unwrap_or_default();
        if let Some(link) = &kickoff.video_link {
            description = format!("{description}\n{link}").trim().to_owned();
        }
        ics(&Invitation {
            uid: kickoff_uid(kickoff),
            sequence: kickoff.sequence,
            method,
            summary,
            description: format!("{description}\n({})", kickoff.time_zone).trim().to_owned(),
            location: kickoff.place.clone().or_else(|| kickoff.video_link.clone()),
            url: kickoff.video_link.clone(),
            starts_at: kickoff.starts_at,
            ends_at: kickoff.ends_at,
            time_zone: kickoff.time_zone.clone(),
            organizer: Party { name: company.to_owned(), email: self.organizer_email.clone() },
            attendee: Party { name: person.person.name.clone(), email: person.person.email.to_string() },
            stamp: kickoff.updated_at,
        })
    }
}

/// Queues the kickoff's reminder for a day before it starts, when that is still ahead.
async fn queue_reminder(
    tx: &TenantTx,
    tenant: TenantId,
    program: ProgramId,
    kickoff: &KickoffRecord,
) -> Result<(), StoreError> {
    let at = kickoff.starts_at - Duration::days(1);
    if at <= Utc::now() {
        return Ok(());
    }
    let task = Task::KickoffReminder(KickoffTask { program, sequence: kickoff.sequence });
    let key = format!("kickoff-reminder:{}:{}", kickoff.id, kickoff.sequence);
    tx.enqueue(NewJob::new(tenant, &task, key, at)).await
}
