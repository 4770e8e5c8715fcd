//! The emails of an account, sent by the product's own tenant ([`TenantId::PLATFORM`]): a
//! sign-up's verification link (or, when the address has an account already, a notice saying
//! so), and a password reset link. The routes that ask for them do the same work whether or
//! not the address is known, and queue one of these jobs; what differs happens here, off the
//! request, and reaches only the owner of the address.

use chrono::{Duration, Utc};
use tandem_domain::emails::{AccountExistsEmail, Email, PasswordResetEmail, SignupVerifyEmail};
use tandem_domain::{PasswordResetId, SignupId, TenantId};
use tandem_mail::unsubscribe::{LinkSigner, token_hash};
use tandem_store::{Db, NewEmailDelivery, StoreError};

use crate::queue::{Job, JobError, Outcome};

/// How long a sign-up link works.
pub const SIGNUP_LINK_HOURS: u32 = 24;
/// How long a password reset link works.
pub const RESET_LINK_MINUTES: u32 = 60;

/// The token of a sign-up's link (recomputed for the email; the store keeps its hash).
pub fn signup_token(signer: &LinkSigner, signup: SignupId) -> String {
    signer.token(TenantId::PLATFORM, &format!("signup:{signup}"))
}

fn reset_token(signer: &LinkSigner, reset: PasswordResetId) -> String {
    signer.token(TenantId::PLATFORM, &format!("password-reset:{reset}"))
}

pub struct AccountsHandler {
    db: Db,
    signer: LinkSigner,
    public_url: String,
}

fn retry(err: StoreError) -> JobError {
    JobError::Retry(err.to_string())
}

impl AccountsHandler {
    pub fn new(db: Db, signer: LinkSigner, public_url: String) -> Self {
        Self { db, signer, public_url }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }

    /// Emails the sign-up's link, or tells the address's owner they have an account already.
    pub async fn signup(&self, _job: &Job, id: SignupId) -> Result<Outcome, JobError> {
        let tx = self.db.tenant(TenantId::PLATFORM).await.map_err(retry)?;
        // Gone: followed already, or expired and forgotten.
        let Some(signup) = tx.signup(id).await.map_err(retry)? else { return Ok(Outcome::Done) };
        let delivery = match tx.find_user_by_email(&signup.email).await.map_err(retry)? {
            Some(user) => {
                tx.delete_signups_of(&signup.email).await.map_err(retry)?;
                NewEmailDelivery {
                    idempotency_key: format!("account-exists:{id}"),
                    email: Email::AccountExists(AccountExistsEmail {
                        name: user.name.clone(),
                        login_link: self.url("/login"),
                        reset_link: self.url("/password/forgot"),
                    }),
                    locale: user.locale,
                    to_email: user.email,
                    to_name: Some(user.name),
                    time_zone: None,
                }
            }
            None => NewEmailDelivery {
                idempotency_key: format!("signup:{id}"),
                email: Email::SignupVerify(SignupVerifyEmail {
                    name: signup.owner_name.clone(),
                    company: signup.company_name.clone(),
                    link: self.url(&format!("/signup/verify?token={}", signup_token(&self.signer, id))),
                    hours: SIGNUP_LINK_HOURS,
                }),
                locale: signup.locale,
                to_email: signup.email,
                to_name: Some(signup.owner_name),
                time_zone: None,
            },
        };
        tx.create_delivery(delivery).await.map_err(retry)?;
        tx.commit().await.map_err(retry)?;
        Ok(Outcome::Done)
    }

    /// Emails a password reset link to `email` when it has an account; nothing otherwise.
    pub async fn password_reset(&self, job: &Job, email: &str) -> Result<Outcome, JobError> {
        let tx = self.db.tenant(TenantId::PLATFORM).await.map_err(retry)?;
        let Some(user) = tx.find_user_by_email(email).await.map_err(retry)? else {
            tracing::info!(job = %job.id, "password reset for an address without an account; nothing sent");
            return Ok(Outcome::Done);
        };
        let reset = PasswordResetId::new();
        let token = reset_token(&self.signer, reset);
        let expires_at = Utc::now() + Duration::minutes(i64::from(RESET_LINK_MINUTES));
        tx.create_password_reset(reset, user.id, token_hash(&token), expires_at).await.map_err(retry)?;
        tx.create_delivery(NewEmailDelivery {
            idempotency_key: format!("password-reset:{reset}"),
            email: Email::PasswordReset(PasswordResetEmail {
                name: user.name.clone(),
                link: self.url(&format!("/password/reset?token={token}")),
                minutes: RESET_LINK_MINUTES,
            }),
            locale: user.locale,
            to_email: user.email,
            to_name: Some(user.name),
            time_zone: None,
        })
        .await
        .map_err(retry)?;
        tx.commit().await.map_err(retry)?;
        Ok(Outcome::Done)
    }
}
