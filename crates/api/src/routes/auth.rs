//! Sign-up (verified by an emailed link), login, token refresh and logout, password reset,
//! and accepting a team invitation.
//!
//! What a caller without an account can learn or cause here is bounded: sign-up and password
//! reset answer alike whether or not the address has an account (the difference reaches only
//! the address's owner, by email, from a job), each is limited per client address, and
//! failed logins are limited per email, per client address and in total, except for a
//! browser that has signed in to that account before (see [`cookies`]).

use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, post, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use tandem_domain::jobs::{PasswordResetTask, SignupTask, Task};
use tandem_domain::login::lockout_after;
use tandem_domain::{
    CompanyName, EmailAddress, Locale, Password, PersonName, Reason, Role, SignupId, TenantId, TokenFamilyId, UserId,
};
use tandem_jobs::accounts::{SIGNUP_LINK_HOURS, signup_token};
use tandem_mail::unsubscribe::{LinkSigner, token_hash};
use tandem_store::{
    AuditActor, Db, Invitation, NewAuditEvent, NewJob, NewRefreshToken, NewSignup, NewUser, StoreError, TenantTx,
};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::ApiSettings;
use crate::auth::cookies::{self, Device};
use crate::auth::jwt::ACCESS_TOKEN_SECONDS;
use crate::auth::{JwtKeys, password, secrets};
use crate::error::{ApiError, Fields};
use crate::http::Json;
use crate::limits;

const REFRESH_TOKEN_DAYS: i64 = 30;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(signup)
        .service(verify_signup)
        .service(login)
        .service(refresh)
        .service(logout)
        .service(request_password_reset)
        .service(reset_password)
        .service(preview_invitation)
        .service(accept_invitation);
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "company_name": "Sakura Industries", "owner_name": "Aiko Tanaka", "email": "aiko.tanaka@sakura.example",
    "password": "a long passphrase", "locale": "ja"
}))]
pub struct SignupRequest {
    #[schema(example = "Sakura Industries")]
    pub company_name: String,
    #[schema(example = "Aiko Tanaka")]
    pub owner_name: String,
    #[schema(example = "aiko.tanaka@sakura.example")]
    pub email: String,
    /// At least 10 characters.
    #[schema(example = "a long passphrase", format = Password)]
    pub password: String,
    /// The language of the console and of emails; `en` when absent.
    #[schema(example = "ja")]
    pub locale: Option<Locale>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "aiko.tanaka@sakura.example", "password": "a long passphrase"}))]
pub struct LoginRequest {
    #[schema(example = "aiko.tanaka@sakura.example")]
    pub email: String,
    #[schema(example = "a long passphrase", format = Password)]
    pub password: String,
    /// Which tenant to sign in to, for people who belong to several; the oldest membership
    /// when absent.
    pub tenant_id: Option<TenantId>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"refresh_token": "01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c"}))]
pub struct RefreshRequest {
    /// The refresh token; absent when the browser sends it as the `tandem_refresh` cookie
    /// (with `X-Tandem-Session: cookie`).
    #[schema(example = "01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c")]
    pub refresh_token: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"token": "00000000000070008000000000000001.5e884898da28047151d0e56f8dc6292773603d0d6aabbdd6"}))]
pub struct LinkTokenRequest {
    /// The token from the emailed link.
    #[schema(example = "00000000000070008000000000000001.5e884898da28047151d0e56f8dc6292773603d0d6aabbdd6")]
    pub token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "aiko.tanaka@sakura.example"}))]
pub struct PasswordResetRequest {
    #[schema(example = "aiko.tanaka@sakura.example")]
    pub email: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "token": "00000000000070008000000000000001.5e884898da28047151d0e56f8dc6292773603d0d6aabbdd6",
    "password": "a new long passphrase"
}))]
pub struct NewPasswordRequest {
    /// The token from the emailed link.
    #[schema(example = "00000000000070008000000000000001.5e884898da28047151d0e56f8dc6292773603d0d6aabbdd6")]
    pub token: String,
    /// At least 10 characters.
    #[schema(example = "a new long passphrase", format = Password)]
    pub password: String,
}

/// The answer to every well-formed sign-up: a link (or, for an address with an account, a
/// notice) is on its way to the address.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignupAccepted {
    #[schema(example = "aiko.tanaka@sakura.example")]
    pub email: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "token": "01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.5e884898da28047151d0e56f8dc6292773603d0d6aabbdd6",
    "name": "Kenji Sato", "password": "another long passphrase"
}))]
pub struct AcceptInvitationRequest {
    /// The token from the invitation link.
    #[schema(example = "01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.5e884898da28047151d0e56f8dc6292773603d0d6aabbdd6")]
    pub token: String,
    /// Required when the invited email has no account yet.
    #[schema(example = "Kenji Sato")]
    pub name: Option<String>,
    /// A new password for a new account, or the existing account's password.
    #[schema(example = "another long passphrase", format = Password)]
    pub password: String,
}

/// A console session: a short-lived access token and the refresh token that renews it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Session {
    #[schema(example = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIuLi4ifQ.c2lnbmF0dXJl")]
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
    /// Absent when the refresh token went into the `tandem_refresh` cookie (the request
    /// carried `X-Tandem-Session: cookie`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c")]
    pub refresh_token: Option<String>,
    pub refresh_expires_at: DateTime<Utc>,
    pub tenant_id: TenantId,
    pub user_id: UserId,
    #[schema(example = "owner")]
    pub role: Role,
}

impl Session {
    /// The response carrying this session: the refresh token in the JSON, or as the
    /// `tandem_refresh` cookie for a browser that asked for it.
    fn respond(mut self, mut response: HttpResponseBuilder, req: &HttpRequest, public_url: &str) -> HttpResponse {
        if cookies::cookie_mode(req)
            && let Some(token) = self.refresh_token.take()
        {
            response.cookie(cookies::refresh_cookie(token, REFRESH_TOKEN_DAYS, public_url));
        }
        response.json(self)
    }
}

/// Starts creating a company (tenant) and its owner: emails the owner a link that proves the
/// address and creates both (`POST /auth/signup/verify`). The answer is the same whether or
/// not the address has an account; an address with one is told so by email instead.
#[utoipa::path(
    tag = "auth",
    request_body = SignupRequest,
    responses(
        (status = 202, description = "A link (or a notice) is on its way to the address", body = SignupAccepted),
    )
)]
#[post("/auth/signup")]
pub async fn signup(
    req: HttpRequest,
    db: web::Data<Db>,
    links: web::Data<LinkSigner>,
    settings: web::Data<ApiSettings>,
    body: Json<SignupRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    let mut fields = Fields::default();
    let company = fields.check("company_name", CompanyName::parse(&body.company_name));
    let owner = fields.check("owner_name", PersonName::parse(&body.owner_name));
    let email = fields.check("email", EmailAddress::parse(&body.email));
    let pass = fields.check("password", Password::parse(&body.password));
    let (company, owner, email, pass) = fields.finish(|| Some((company?, owner?, email?, pass?)))?;
    let limits = settings.limits;
    let client = limits::client_address(&req, limits.trust_forwarded_for);
    limits::per_hour(&db, &format!("signup:client:{client}"), limits.signup_per_client).await?;
    limits::per_hour(&db, "signup:all", limits.signup_total).await?;
    // The same work for every address: the hash, one row, one job.
    let password_hash = password::hash(pass).await?;
    let id = SignupId::new();
    let tx = db.tenant(TenantId::PLATFORM).await?;
    tx.create_signup(NewSignup {
        id,
        email: email.to_string(),
        company_name: company.as_str().to_owned(),
        owner_name: owner.as_str().to_owned(),
        password_hash,
        locale: body.locale.unwrap_or_default(),
        token_hash: token_hash(&signup_token(&links, id)),
        expires_at: Utc::now() + Duration::hours(i64::from(SIGNUP_LINK_HOURS)),
    })
    .await?;
    let task = Task::Signup(SignupTask { signup: id });
    tx.enqueue(NewJob::new(TenantId::PLATFORM, &task, format!("signup:{id}"), Utc::now())).await?;
    tx.commit().await?;
    Ok(HttpResponse::Accepted().json(SignupAccepted { email: email.to_string() }))
}

/// Follows a sign-up's emailed link: creates the company (tenant) and its owner, and signs
/// the owner in.
#[utoipa::path(
    tag = "auth",
    request_body = LinkTokenRequest,
    responses(
        (status = 201, description = "Tenant and owner created; signed in", body = Session),
        (status = 404, description = "Not a sign-up link"),
        (status = 409, description = "The address has an account by now"),
        (status = 410, description = "The link expired or was used"),
    )
)]
#[post("/auth/signup/verify")]
pub async fn verify_signup(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<ApiSettings>,
    body: Json<LinkTokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    let hash = platform_token(&body.token)?;
    let pending = {
        let platform = db.tenant(TenantId::PLATFORM).await?;
        platform.signup_by_token(&hash).await?
    };
    let pending = pending.filter(|s| s.expires_at > Utc::now()).ok_or(ApiError::Gone(Reason::SignupLinkUsed))?;

    let tenant = TenantId::new();
    let tx = db.tenant(tenant).await?;
    // Only one of two clicks on the link gets past this.
    if !tx.take_signup(pending.id).await? {
        return Err(ApiError::Gone(Reason::SignupLinkUsed));
    }
    tx.create_tenant(&pending.company_name, pending.locale).await?;
    let user = tx
        .create_user(NewUser {
            email: pending.email.clone(),
            name: pending.owner_name.clone(),
            password_hash: pending.password_hash.clone(),
            locale: pending.locale,
        })
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => ApiError::Conflict(Reason::AccountExists),
            other => other.into(),
        })?;
    tx.delete_signups_of(&pending.email).await?;
    tx.add_member(user.id, Role::Owner).await?;
    tx.record(NewAuditEvent {
        actor: AuditActor::User(user.id),
        action: "tenant.created",
        target_kind: "tenant",
        target_id: Some(tenant.as_uuid()),
        details: serde_json::json!({ "name": pending.company_name, "email_verified": true }),
    })
    .await?;
    let session = start_session(&tx, &keys, user.id, Role::Owner, TokenFamilyId::new()).await?;
    tx.commit().await?;
    Ok(session.respond(HttpResponse::Created(), &req, &settings.public_url))
}

/// Signs a console user in with email and password. Repeated failures lock the email out for
/// a while, and failures are limited per client address and in total (429 with
/// `Retry-After`); a browser that signed in to the account before keeps its own count, so
/// someone else's wrong guesses do not lock it out.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = Session),
        (status = 401, description = "Wrong email or password"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    links: web::Data<LinkSigner>,
    settings: web::Data<ApiSettings>,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    let email = EmailAddress::parse(&body.email).map_err(|e| ApiError::field("email", e))?;
    let credentials = db.user_credentials(email.as_str()).await?;
    let known: Option<Device> =
        cookies::device(&req, &links).filter(|d| credentials.as_ref().is_some_and(|c| c.user.id == d.user));
    let counted = match &known {
        Some(_) => Vec::new(),
        None => {
            let limits = settings.limits;
            let client = limits::client_address(&req, limits.trust_forwarded_for);
            let counters = [
                (format!("login-failures:client:{client}"), limits.login_failures_per_client),
                ("login-failures:all".to_owned(), limits.login_failures_total),
            ];
            for (counter, limit) in &counters {
                limits::per_hour(&db, counter, *limit).await?;
            }
            counters.into_iter().map(|(counter, _)| counter).collect()
        }
    };
    let throttle = match &known {
        Some(device) => format!("device:{}", device.nonce),
        None => email.to_string(),
    };
    let stored = credentials.as_ref().map(|c| c.password_hash.clone());
    check_password_throttled(&db, &throttle, body.password.clone(), stored).await?;
    // A success is not a failure: give back what it counted.
    for key in &counted {
        db.refund(key).await?;
    }
    let user = credentials.map(|c| c.user).ok_or(ApiError::Unauthorized(Reason::WrongCredentials))?;

    let memberships = db.memberships_of(user.id).await?;
    let (tenant, role) = match body.tenant_id {
        Some(wanted) => memberships.into_iter().find(|(tenant, _)| *tenant == wanted),
        None => memberships.into_iter().next(),
    }
    .ok_or(ApiError::Unauthorized(Reason::NotAMember))?;

    let tx = db.tenant(tenant).await?;
    tx.purge_expired_refresh_tokens().await?;
    let session = start_session(&tx, &keys, user.id, role, TokenFamilyId::new()).await?;
    tx.commit().await?;
    let mut response = HttpResponse::Ok();
    if known.is_none() {
        response.cookie(cookies::device_cookie(&links, user.id, &settings.public_url));
    }
    Ok(session.respond(response, &req, &settings.public_url))
}

/// Exchanges a refresh token for a new session. Each refresh token works once: presenting a
/// used one again revokes every token of that login. A browser sends it as the
/// `tandem_refresh` cookie with `X-Tandem-Session: cookie` and gets the next one the same way.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new session; the old refresh token is used up", body = Session),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<ApiSettings>,
    body: Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    const REFUSED: ApiError = ApiError::Unauthorized(Reason::RefreshTokenRefused);
    let (tenant, hash) = presented_refresh_token(&req, body.refresh_token.as_deref())?.ok_or(REFUSED)?;
    let tx = db.tenant(tenant).await?;
    let token = tx.refresh_token_by_hash(&hash).await?.ok_or(REFUSED)?;
    if token.revoked_at.is_some() || token.expires_at <= Utc::now() {
        return Err(REFUSED);
    }
    let reused = token.used_at.is_some() || matches!(tx.use_refresh_token(token.id).await, Err(StoreError::NotFound));
    if reused {
        tracing::warn!(%tenant, family = %token.family_id.as_uuid(), "refresh token reused; revoking its family");
        tx.revoke_token_family(token.family_id).await?;
        tx.commit().await?;
        return Err(REFUSED);
    }
    let member = match tx.member(token.user_id).await {
        Ok(member) => member,
        Err(StoreError::NotFound) => return Err(REFUSED),
        Err(other) => return Err(other.into()),
    };
    let session = start_session(&tx, &keys, token.user_id, member.role, token.family_id).await?;
    tx.commit().await?;
    Ok(session.respond(HttpResponse::Ok(), &req, &settings.public_url))
}

/// Ends the session the refresh token belongs to (every token of that login, and the access
/// tokens issued to it).
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Signed out (also when the token was already unusable)"),
        (status = 422, description = "Invalid fields, or not a refresh token"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    req: HttpRequest,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    body: Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    if let Some((tenant, hash)) = presented_refresh_token(&req, body.refresh_token.as_deref())? {
        let tx = db.tenant(tenant).await?;
        if let Some(token) = tx.refresh_token_by_hash(&hash).await? {
            tx.revoke_token_family(token.family_id).await?;
        }
        tx.commit().await?;
    }
    let mut response = HttpResponse::NoContent();
    if cookies::cookie_mode(&req) {
        response.cookie(cookies::cleared_refresh_cookie(&settings.public_url));
    }
    Ok(response.finish())
}

/// Emails a link to choose a new password to the address, when it has an account. The answer
/// is the same either way.
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetRequest,
    responses((status = 202, description = "A link is on its way, if the address has an account"))
)]
#[post("/auth/password-reset")]
pub async fn request_password_reset(
    req: HttpRequest,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    body: Json<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    let email = EmailAddress::parse(&body.email).map_err(|e| ApiError::field("email", e))?;
    let limits = settings.limits;
    let client = limits::client_address(&req, limits.trust_forwarded_for);
    limits::per_hour(&db, &format!("password-reset:client:{client}"), limits.signup_per_client).await?;
    let tx = db.tenant(TenantId::PLATFORM).await?;
    let task = Task::PasswordReset(PasswordResetTask { email: email.to_string() });
    let key = format!("password-reset:{}", uuid::Uuid::now_v7());
    tx.enqueue(NewJob::new(TenantId::PLATFORM, &task, key, Utc::now())).await?;
    tx.commit().await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Sets a new password through the emailed link, and signs the account out everywhere.
#[utoipa::path(
    tag = "auth",
    request_body = NewPasswordRequest,
    responses(
        (status = 204, description = "Password changed; every session of the account ended"),
        (status = 404, description = "Not a password link"),
        (status = 410, description = "The link expired or was used"),
    )
)]
#[post("/auth/password-reset/confirm")]
pub async fn reset_password(db: web::Data<Db>, body: Json<NewPasswordRequest>) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    let hash = platform_token(&body.token)?;
    let pass = Password::parse(&body.password).map_err(|e| ApiError::field("password", e))?;
    const USED: ApiError = ApiError::Gone(Reason::ResetLinkUsed);
    let reset = {
        let tx = db.tenant(TenantId::PLATFORM).await?;
        tx.password_reset_by_token(&hash).await?
    };
    let reset = reset.filter(|r| r.used_at.is_none() && r.expires_at > Utc::now()).ok_or(USED)?;
    let password_hash = password::hash(pass).await?;
    let tx = db.tenant(TenantId::PLATFORM).await?;
    if !tx.use_password_reset(&reset).await? {
        return Err(USED);
    }
    tx.set_password(reset.user_id, password_hash).await?;
    let email = tx.user(reset.user_id).await?.email;
    tx.commit().await?;
    for (tenant, _) in db.memberships_of(reset.user_id).await? {
        let tx = db.tenant(tenant).await?;
        tx.revoke_sessions_of(reset.user_id).await?;
        tx.commit().await?;
    }
    db.clear_login_throttle(&email).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"token": "01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.5e884898da28047151d0e56f8dc6292773603d0d6aabbdd6"}))]
pub struct InvitationTokenRequest {
    /// The token from the invitation link.
    #[schema(example = "01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.5e884898da28047151d0e56f8dc6292773603d0d6aabbdd6")]
    pub token: String,
}

/// What an invitation link offers, as the accept page shows it before anyone signs in.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationPreview {
    #[schema(example = "Sakura Industries")]
    pub company: String,
    pub role: Role,
    #[schema(example = "Aiko Tanaka")]
    pub inviter: String,
    /// The invited address (the link was emailed to it).
    #[schema(example = "kenji.sato@sakura.example")]
    pub email: String,
    pub expires_at: DateTime<Utc>,
    /// Whether the address has an account already: the page then asks only for its password.
    pub has_account: bool,
}

/// The company, role and inviter of an invitation link, for whoever holds the link (it went
/// to the invited address only). Writes nothing.
#[utoipa::path(
    tag = "auth",
    request_body = InvitationTokenRequest,
    responses(
        (status = 200, description = "What the invitation offers", body = InvitationPreview),
        (status = 400, description = "The body is not JSON"),
        (status = 404, description = "No such invitation"),
        (status = 410, description = "The invitation expired or was used"),
        (status = 415, description = "The body is not application/json"),
        (status = 422, description = "Invalid fields"),
    )
)]
#[post("/auth/invitations/preview")]
pub async fn preview_invitation(
    db: web::Data<Db>,
    body: Json<InvitationTokenRequest>,
) -> Result<web::Json<InvitationPreview>, ApiError> {
    let body = body.read()?;
    let (tenant, hash) = secrets::parse_tenant_token(&body.token).ok_or(ApiError::NotFound)?;
    let tx = db.tenant(tenant).await?;
    let invitation = tx.invitation_by_token(&hash).await?;
    if invitation.accepted_at.is_some() || invitation.expires_at <= Utc::now() {
        return Err(ApiError::Gone(Reason::InvitationUsed));
    }
    let company = tx.tenant().await?.name;
    let inviter = tx.member(invitation.invited_by).await.map(|m| m.name).unwrap_or_default();
    let has_account = tx.find_user_by_email(&invitation.email).await?.is_some();
    tx.commit().await?;
    Ok(web::Json(InvitationPreview {
        company,
        role: invitation.role,
        inviter,
        email: invitation.email,
        expires_at: invitation.expires_at,
        has_account,
    }))
}

/// Joins a tenant through an invitation link. A person without an account gives a name and a
/// new password; one with an account confirms with their password.
#[utoipa::path(
    tag = "auth",
    request_body = AcceptInvitationRequest,
    responses(
        (status = 201, description = "Joined the tenant; signed in", body = Session),
        (status = 401, description = "Wrong password for the existing account"),
        (status = 404, description = "No such invitation"),
        (status = 409, description = "Already a member"),
        (status = 410, description = "The invitation expired or was used"),
    )
)]
#[post("/auth/invitations/accept")]
pub async fn accept_invitation(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<ApiSettings>,
    body: Json<AcceptInvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    let (tenant, hash) = secrets::parse_tenant_token(&body.token).ok_or(ApiError::NotFound)?;
    let usable = |invitation: &Invitation| invitation.accepted_at.is_none() && invitation.expires_at > Utc::now();
    // An existing account proves itself first, outside the tenant's transaction: the throttle
    // writes on its own, which must not wait for a transaction that holds the write lock.
    let invitation = {
        let tx = db.tenant(tenant).await?;
        tx.invitation_by_token(&hash).await?
    };
    if !usable(&invitation) {
        return Err(ApiError::Gone(Reason::InvitationUsed));
    }
    if let Some(credentials) = db.user_credentials(&invitation.email).await? {
        check_password_throttled(&db, &invitation.email, body.password.clone(), Some(credentials.password_hash))
            .await?;
    }
    let tx = db.tenant(tenant).await?;
    let invitation = tx.invitation_by_token(&hash).await?;
    if !usable(&invitation) {
        return Err(ApiError::Gone(Reason::InvitationUsed));
    }
    let user = match tx.find_user_by_email(&invitation.email).await? {
        Some(existing) => existing,
        None => {
            let mut fields = Fields::default();
            let name = match &body.name {
                Some(name) => fields.check("name", PersonName::parse(name)),
                None => fields.check("name", Err(Reason::NameNeededForNewAccount)),
            };
            let pass = fields.check("password", Password::parse(&body.password));
            let (name, pass) = fields.finish(|| Some((name?, pass?)))?;
            let password_hash = password::hash(pass).await?;
            let locale = tx.tenant().await?.locale;
            tx.create_user(NewUser {
                email: invitation.email.clone(),
                name: name.as_str().to_owned(),
                password_hash,
                locale,
            })
            .await?
        }
    };
    tx.add_member(user.id, invitation.role).await.map_err(|e| match e {
        StoreError::Conflict(_) => ApiError::Conflict(Reason::AlreadyMember),
        other => other.into(),
    })?;
    tx.accept_invitation(invitation.id).await?;
    tx.record(NewAuditEvent {
        actor: AuditActor::User(user.id),
        action: "invitation.accepted",
        target_kind: "invitation",
        target_id: Some(invitation.id.as_uuid()),
        details: serde_json::json!({ "email": invitation.email, "role": invitation.role }),
    })
    .await?;
    let session = start_session(&tx, &keys, user.id, invitation.role, TokenFamilyId::new()).await?;
    tx.commit().await?;
    Ok(session.respond(HttpResponse::Created(), &req, &settings.public_url))
}

/// The refresh token a request presents: in its body, or (for a browser that says so with
/// `X-Tandem-Session: cookie`) in the `tandem_refresh` cookie; a cookie without that header
/// is never read, so another site cannot use it. `None` when there is none.
fn presented_refresh_token(req: &HttpRequest, body: Option<&str>) -> Result<Option<(TenantId, String)>, ApiError> {
    let token = match body {
        Some(token) => token.to_owned(),
        None if cookies::cookie_mode(req) => match cookies::refresh_token_from_cookie(req) {
            Some(token) => token,
            None => return Ok(None),
        },
        None => return Err(ApiError::field("refresh_token", Reason::Required)),
    };
    secrets::parse_tenant_token(&token)
        .map(Some)
        .ok_or_else(|| ApiError::field("refresh_token", Reason::NotARefreshToken))
}

/// The hash of a link token that the product's own tenant issued (sign-up, password reset).
fn platform_token(token: &str) -> Result<String, ApiError> {
    match secrets::parse_tenant_token(token) {
        Some((tenant, hash)) if tenant == TenantId::PLATFORM => Ok(hash),
        _ => Err(ApiError::NotFound),
    }
}

/// Issues the next refresh token of `family` and an access token.
async fn start_session(
    tx: &TenantTx,
    keys: &JwtKeys,
    user: UserId,
    role: Role,
    family: TokenFamilyId,
) -> Result<Session, ApiError> {
    let tenant = tx.tenant_id();
    let issued = secrets::issue_tenant_token(tenant);
    let refresh_expires_at = Utc::now() + Duration::days(REFRESH_TOKEN_DAYS);
    tx.insert_refresh_token(NewRefreshToken {
        user_id: user,
        family_id: family,
        token_hash: issued.hash,
        expires_at: refresh_expires_at,
    })
    .await?;
    let access_token = keys.issue(user, tenant, role, family).map_err(|e| ApiError::Unexpected(e.into()))?;
    Ok(Session {
        access_token,
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_SECONDS,
        refresh_token: Some(issued.token),
        refresh_expires_at,
        tenant_id: tenant,
        user_id: user,
        role,
    })
}

/// Checks a password against an account's hash (or against nothing, for an unknown email, in
/// the same time), counting the attempt against the email's throttle first. Each attempt is
/// claimed atomically before the slow hash runs, so guesses sent in parallel cannot share one
/// count: the throttle allows [`tandem_domain::login::FREE_ATTEMPTS`] wrong guesses, then
/// locks the email for a time that doubles with each further failure.
async fn check_password_throttled(
    db: &Db,
    email: &str,
    password: String,
    stored: Option<String>,
) -> Result<(), ApiError> {
    let seen = db.login_throttle(email).await?;
    let now = Utc::now();
    if let Some(until) = seen.and_then(|t| t.locked_until).filter(|until| *until > now) {
        let retry_after_secs = u64::try_from((until - now).num_seconds()).unwrap_or(0).max(1);
        return Err(ApiError::TooManyRequests { retry_after_secs });
    }
    let failures = seen.map_or(0, |t| t.failures) + 1;
    let lock_if_failed = lockout_after(failures).map(|secs| now + Duration::seconds(secs as i64));
    if !db.claim_login_attempt(email, seen.as_ref(), lock_if_failed).await? {
        // Another attempt for this email is being checked right now.
        return Err(ApiError::TooManyRequests { retry_after_secs: 1 });
    }
    if !password::verify(password, stored).await? {
        return Err(ApiError::Unauthorized(Reason::WrongCredentials));
    }
    db.clear_login_throttle(email).await?;
    Ok(())
}
