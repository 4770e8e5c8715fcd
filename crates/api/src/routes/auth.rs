//! Sign-up, login, token refresh and logout, and accepting a team invitation.

use actix_web::{HttpResponse, post, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use tandem_domain::login::lockout_after;
use tandem_domain::{
    CompanyName, EmailAddress, Locale, Password, PersonName, Reason, Role, TenantId, TokenFamilyId, UserId,
};
use tandem_store::{AuditActor, Db, Invitation, NewAuditEvent, NewRefreshToken, NewUser, StoreError, TenantTx};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::jwt::ACCESS_TOKEN_SECONDS;
use crate::auth::{JwtKeys, password, secrets};
use crate::error::{ApiError, Fields};
use crate::http::Json;

const REFRESH_TOKEN_DAYS: i64 = 30;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(signup).service(login).service(refresh).service(logout).service(accept_invitation);
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
    #[schema(example = "01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c")]
    pub refresh_token: String,
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
    #[schema(example = "01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c")]
    pub refresh_token: String,
    pub refresh_expires_at: DateTime<Utc>,
    pub tenant_id: TenantId,
    pub user_id: UserId,
    #[schema(example = "owner")]
    pub role: Role,
}

/// Creates a company (tenant) and its owner, and signs the owner in.
#[utoipa::path(
    tag = "auth",
    request_body = SignupRequest,
    responses(
        (status = 201, description = "Tenant and owner created; signed in", body = Session),
        (status = 409, description = "An account with this email exists"),
    )
)]
#[post("/auth/signup")]
pub async fn signup(
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    body: Json<SignupRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    let mut fields = Fields::default();
    let company = fields.check("company_name", CompanyName::parse(&body.company_name));
    let owner = fields.check("owner_name", PersonName::parse(&body.owner_name));
    let email = fields.check("email", EmailAddress::parse(&body.email));
    let pass = fields.check("password", Password::parse(&body.password));
    let (company, owner, email, pass) = fields.finish(|| Some((company?, owner?, email?, pass?)))?;
    let locale = body.locale.unwrap_or_default();
    let password_hash = password::hash(pass).await?;

    let tenant = TenantId::new();
    let tx = db.tenant(tenant).await?;
    tx.create_tenant(company.as_str(), locale).await?;
    let user = tx
        .create_user(NewUser { email: email.to_string(), name: owner.as_str().to_owned(), password_hash, locale })
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => ApiError::Conflict(Reason::AccountExists),
            other => other.into(),
        })?;
    tx.add_member(user.id, Role::Owner).await?;
    tx.record(NewAuditEvent {
        actor: AuditActor::User(user.id),
        action: "tenant.created",
        target_kind: "tenant",
        target_id: Some(tenant.as_uuid()),
        details: serde_json::json!({ "name": company.as_str() }),
    })
    .await?;
    let session = start_session(&tx, &keys, user.id, Role::Owner, TokenFamilyId::new()).await?;
    tx.commit().await?;
    Ok(HttpResponse::Created().json(session))
}

/// Signs a console user in with email and password. Repeated failures for one email lock it
/// out for a while (429 with `Retry-After`).
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
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    let email = EmailAddress::parse(&body.email).map_err(|e| ApiError::field("email", e))?;
    let credentials = db.user_credentials(email.as_str()).await?;
    let stored = credentials.as_ref().map(|c| c.password_hash.clone());
    check_password_throttled(&db, email.as_str(), body.password.clone(), stored).await?;
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
    Ok(HttpResponse::Ok().json(session))
}

/// Exchanges a refresh token for a new session. Each refresh token works once: presenting a
/// used one again revokes every token of that login.
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
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    body: Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    let (tenant, hash) = parse_refresh_token(&body.refresh_token)?;
    const REFUSED: ApiError = ApiError::Unauthorized(Reason::RefreshTokenRefused);
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
    Ok(HttpResponse::Ok().json(session))
}

/// Ends the session the refresh token belongs to (every token of that login).
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Signed out (also when the token was already unusable)"),
        (status = 422, description = "Invalid fields, or not a refresh token"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(db: web::Data<Db>, body: Json<RefreshRequest>) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    let (tenant, hash) = parse_refresh_token(&body.refresh_token)?;
    let tx = db.tenant(tenant).await?;
    if let Some(token) = tx.refresh_token_by_hash(&hash).await? {
        tx.revoke_token_family(token.family_id).await?;
    }
    tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
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
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
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
    Ok(HttpResponse::Created().json(session))
}

fn parse_refresh_token(token: &str) -> Result<(TenantId, String), ApiError> {
    secrets::parse_tenant_token(token).ok_or_else(|| ApiError::field("refresh_token", Reason::NotARefreshToken))
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
    let access_token = keys.issue(user, tenant, role).map_err(|e| ApiError::Unexpected(e.into()))?;
    Ok(Session {
        access_token,
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_SECONDS,
        refresh_token: issued.token,
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
