//! Recording an application from a campaign's link, and the public link's applications,
//! which are looked up here, off the request: the public form answers the same, in the same
//! time, whatever address it names, and only this job learns whether the address is in the
//! directory and may take part. The person hears the outcome at their own address; an address
//! the directory does not have gets nothing.

use chrono::Utc;
use serde_json::Value;
use tandem_domain::eligibility::{Refusal, RefusalKind};
use tandem_domain::emails::{ApplicationConfirmEmail, ApplicationRefusedEmail, Email};
use tandem_domain::jobs::PublicApplicationTask;
use tandem_domain::people::Person;
use tandem_domain::programs::ParticipantRole;
use tandem_domain::recruitment::{ApplicationStatus, CampaignState, eligibility_refusals};
use tandem_domain::{CampaignId, PersonId, TenantId};
use tandem_mail::unsubscribe::{LinkSigner, token_hash};
use tandem_store::{CampaignRecord, NewApplication, NewEmailDelivery, StoreError, TenantTx};

use crate::campaigns::CampaignHandler;
use crate::queue::{Job, JobError, Outcome};

/// A pending application's confirmation is sent again at most this often.
const CONFIRMATION_RESEND: chrono::Duration = chrono::Duration::minutes(10);

/// What recording an application did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recorded {
    /// Pending (new, reopened or the first one kept); its confirmation is on its way.
    Pending,
    /// The person has a submitted or decided application already; nothing changed.
    AlreadyApplied,
}

/// The confirmation link's token, derived from the campaign and the person, so every email
/// about this application carries the same link and a second application never voids it.
pub fn confirm_token(signer: &LinkSigner, tenant: TenantId, campaign: CampaignId, person: PersonId) -> String {
    signer.token(tenant, &format!("application:{campaign}:{person}:confirm"))
}

/// An application of `person` (known to be eligible for `role`) and the email to confirm it.
#[allow(clippy::too_many_arguments)]
pub async fn record(
    tx: &TenantTx,
    signer: &LinkSigner,
    public_url: &str,
    campaign: &CampaignRecord,
    program: &str,
    person_id: PersonId,
    person: &Person,
    role: ParticipantRole,
    form: Value,
) -> Result<Recorded, StoreError> {
    let token = confirm_token(signer, tx.tenant_id(), campaign.id, person_id);
    let new = NewApplication {
        campaign_id: campaign.id,
        program_id: campaign.program_id,
        person_id,
        role_wanted: role,
        form,
        token_hash: token_hash(&token),
    };
    let application = match tx.application_of(campaign.id, person_id).await? {
        // The first pending application stands, whoever sends another: it is confirmed or
        // withdrawn from the person's own mailbox. Its email goes again, at most every few
        // minutes.
        Some(pending) if pending.status == ApplicationStatus::Unconfirmed => pending,
        Some(withdrawn) if withdrawn.status == ApplicationStatus::Withdrawn => {
            tx.reopen_application(withdrawn.id, &new).await?
        }
        Some(_) => return Ok(Recorded::AlreadyApplied),
        None => tx.create_application(&new).await?,
    };
    let link = format!("{}/applications/confirm?token={token}", public_url.trim_end_matches('/'));
    let window = Utc::now().timestamp() / CONFIRMATION_RESEND.num_seconds();
    tx.create_delivery(NewEmailDelivery {
        // One confirmation per application in each window, however often the form is sent.
        idempotency_key: format!("application:{}:confirm:{window}", application.id),
        email: Email::ApplicationConfirm(ApplicationConfirmEmail {
            name: person.name.clone(),
            program: program.to_owned(),
            link,
        }),
        locale: person.preferred_locale,
        to_email: person.email.to_string(),
        to_name: Some(person.name.clone()),
        time_zone: person.time_zone.clone(),
    })
    .await?;
    Ok(Recorded::Pending)
}

/// Tells an applicant through a public link, at their own address only, why they may not
/// take part: one email per campaign, person and role, however often the form is sent. The
/// first time, the refusal is also counted for the admin (its kinds, not who).
async fn explain_refusal(
    tx: &TenantTx,
    campaign: &CampaignRecord,
    program: &str,
    person_id: PersonId,
    person: &Person,
    role: ParticipantRole,
    refusals: &[Refusal],
) -> Result<(), StoreError> {
    let locale = person.preferred_locale;
    let (_, first) = tx
        .create_delivery(NewEmailDelivery {
            idempotency_key: format!("application:{}:{person_id}:{role}:refused", campaign.id),
            email: Email::ApplicationRefused(ApplicationRefusedEmail {
                name: person.name.clone(),
                program: program.to_owned(),
                reasons: refusals.iter().map(|r| r.describe(locale)).collect(),
            }),
            locale,
            to_email: person.email.to_string(),
            to_name: Some(person.name.clone()),
            time_zone: person.time_zone.clone(),
        })
        .await?;
    if first {
        let kinds: Vec<RefusalKind> = refusals.iter().map(Refusal::kind).collect();
        tx.count_refusal(campaign.id, &kinds).await?;
    }
    Ok(())
}

impl CampaignHandler {
    /// An application through a campaign's public link, as the form was sent.
    pub async fn public_application(&self, job: &Job, task: PublicApplicationTask) -> Result<Outcome, JobError> {
        let retry = |e: StoreError| JobError::Retry(e.to_string());
        let tx = self.db().tenant(job.tenant).await.map_err(retry)?;
        let campaign = match tx.campaign(task.campaign).await {
            Ok(campaign) => campaign,
            Err(StoreError::NotFound) => return Ok(Outcome::Done),
            Err(err) => return Err(retry(err)),
        };
        // Closed since the form was sent: nothing to do, as for any late application.
        if campaign.state != CampaignState::Open {
            return Ok(Outcome::Done);
        }
        let applicant = match tx.person_by_email(&task.email).await {
            Ok(applicant) => applicant,
            Err(StoreError::NotFound) => {
                // Nobody to write to; counted, so an admin sees a directory out of date.
                tx.count_refusal(campaign.id, &[RefusalKind::NotInDirectory]).await.map_err(retry)?;
                tx.commit().await.map_err(retry)?;
                return Ok(Outcome::Done);
            }
            Err(err) => return Err(retry(err)),
        };
        let program = tx.program(campaign.program_id).await.map_err(retry)?.design;
        let refusals = eligibility_refusals(&program, &applicant.person, task.role_wanted);
        if refusals.is_empty() {
            let (signer, public_url) = self.links();
            let (person, role) = (&applicant.person, task.role_wanted);
            record(&tx, signer, public_url, &campaign, &program.name, applicant.id, person, role, task.form)
                .await
                .map_err(retry)?;
        } else {
            explain_refusal(
                &tx,
                &campaign,
                &program.name,
                applicant.id,
                &applicant.person,
                task.role_wanted,
                &refusals,
            )
            .await
            .map_err(retry)?;
        }
        tx.commit().await.map_err(retry)?;
        Ok(Outcome::Done)
    }
}
