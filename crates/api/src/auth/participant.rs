//! [`ParticipantCtx`]: the extractor of every participant route. A participant is a person in
//! a tenant's directory who signed in to the portal with an emailed link; their browser holds
//! `tandem_participant` (HttpOnly, SameSite=Strict, only sent to `/api/v1/portal`), whose value
//! names the tenant and carries the session's secret. Like the console's cookie, it counts only
//! with `X-Tandem-Session: cookie`, which another site cannot add.
//!
//! A participant reaches nothing but their own pairs: [`Participant::my_pair`] is the only way
//! from a pair id to a pair, and it answers 404 for any pair the person is not a member of.

use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use rand::RngCore;
use std::future::{Ready, ready};
use tandem_domain::{PairId, PersonId, Reason, TenantId};
use tandem_mail::unsubscribe::token_hash;
use tandem_store::{Db, PairRecord, StoreError, TenantTx};
use uuid::Uuid;

use super::cookies::cookie_mode;
use crate::error::ApiError;

pub const PARTICIPANT_COOKIE: &str = "tandem_participant";
const PORTAL_PATH: &str = "/api/v1/portal";
/// How long a portal session lasts.
pub const SESSION_DAYS: i64 = 30;

/// The session a request's cookie names: its tenant and the hash of its secret.
#[derive(Clone, Debug)]
pub struct ParticipantCtx {
    tenant: TenantId,
    token_hash: String,
}

/// A participant's unit of work: a transaction in their tenant, and who they are.
pub struct Participant {
    pub tx: TenantTx,
    pub person: PersonId,
}

impl Participant {
    /// One of this person's pairs, or 404 (another person's pair, another tenant's, or none).
    pub async fn my_pair(&self, id: PairId) -> Result<PairRecord, ApiError> {
        let pair = match self.tx.pair(id).await {
            Ok(pair) => pair,
            Err(StoreError::NotFound) => return Err(ApiError::NotFound),
            Err(other) => return Err(other.into()),
        };
        if pair.mentor != self.person && pair.mentee != self.person {
            return Err(ApiError::NotFound);
        }
        Ok(pair)
    }
}

impl ParticipantCtx {
    /// Opens a transaction in the session's tenant, once the session is found alive.
    pub async fn open(&self, db: &Db) -> Result<Participant, ApiError> {
        let tx = db.tenant(self.tenant).await?;
        let person = tx
            .participant_session(&self.token_hash)
            .await?
            .ok_or(ApiError::Unauthorized(Reason::ParticipantSignInNeeded))?;
        Ok(Participant { tx, person })
    }

    pub fn tenant(&self) -> TenantId {
        self.tenant
    }

    pub fn token_hash(&self) -> &str {
        &self.token_hash
    }

    fn from_request_sync(req: &HttpRequest) -> Result<Self, ApiError> {
        let cookie = req.cookie(PARTICIPANT_COOKIE).ok_or(ApiError::Unauthorized(Reason::ParticipantSignInNeeded))?;
        if !cookie_mode(req) {
            return Err(ApiError::Unauthorized(Reason::CookieNeedsHeader));
        }
        let (tenant, _) =
            cookie.value().split_once('.').ok_or(ApiError::Unauthorized(Reason::ParticipantSignInNeeded))?;
        let tenant = Uuid::try_parse(tenant).map_err(|_| ApiError::Unauthorized(Reason::ParticipantSignInNeeded))?;
        Ok(Self { tenant: TenantId::from_uuid(tenant), token_hash: token_hash(cookie.value()) })
    }
}

impl FromRequest for ParticipantCtx {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Self::from_request_sync(req))
    }
}

/// A new session's cookie value (`<tenant>.<secret>`) and the hash the store keeps.
pub fn new_session_token(tenant: TenantId) -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let value = format!("{}.{}", tenant.as_uuid().simple(), hex::encode(bytes));
    let hash = token_hash(&value);
    (value, hash)
}

pub fn session_cookie(value: String, public_url: &str) -> Cookie<'static> {
    cookie(value, CookieDuration::days(SESSION_DAYS), public_url)
}

pub fn cleared_session_cookie(public_url: &str) -> Cookie<'static> {
    cookie(String::new(), CookieDuration::ZERO, public_url)
}

fn cookie(value: String, max_age: CookieDuration, public_url: &str) -> Cookie<'static> {
    Cookie::build(PARTICIPANT_COOKIE, value)
        .path(PORTAL_PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(public_url.starts_with("https://"))
        .max_age(max_age)
        .finish()
}
