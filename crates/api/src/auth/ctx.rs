//! [`TenantCtx`]: the extractor every tenant route takes. A handler cannot reach tenant data
//! without one, and the only thing it can do with one is open a [`Scoped`] unit of work in
//! the tenant named by the credential.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use tandem_domain::{Actor, Permission, Reason, TenantId, TokenFamilyId, UserId};
use tandem_store::{AuditActor, Db, TenantTx};

use super::jwt::JwtKeys;
use super::secrets;
use crate::error::ApiError;

#[derive(Debug, Clone)]
enum Credential {
    User { user: UserId, family: TokenFamilyId },
    ApiKey { secret_hash: String },
}

/// A request's tenant and credential, read from `Authorization: Bearer …` (a JWT access
/// token or an API key). The credential is checked against the database when the handler
/// opens its unit of work, in the same transaction.
#[derive(Debug, Clone)]
pub struct TenantCtx {
    tenant: TenantId,
    credential: Credential,
}

/// A tenant transaction together with who is acting in it.
pub struct Scoped {
    pub tx: TenantTx,
    pub actor: Actor,
}

impl Scoped {
    pub fn audit_actor(&self) -> AuditActor {
        match &self.actor {
            Actor::User { id, .. } => AuditActor::User(*id),
            Actor::ApiKey { id, .. } => AuditActor::ApiKey(*id),
        }
    }

    /// The acting console user, or 403 for API keys (on routes that are about a person).
    pub fn user(&self) -> Result<(UserId, tandem_domain::Role), ApiError> {
        match &self.actor {
            Actor::User { id, role } => Ok((*id, *role)),
            Actor::ApiKey { .. } => Err(ApiError::Forbidden(Reason::ConsoleUsersOnly)),
        }
    }
}

impl TenantCtx {
    pub fn tenant(&self) -> TenantId {
        self.tenant
    }

    /// Opens a transaction in this tenant, confirms the credential is still good (the user is
    /// still a member, with their *current* role, and still signed in; the key is not revoked)
    /// and that it grants `permission`. A read opens a read-only transaction: on SQLite it
    /// runs beside a writer instead of waiting for the write lock.
    pub async fn open(&self, db: &Db, permission: Permission) -> Result<Scoped, ApiError> {
        self.open_with(db, permission, permission != Permission::Read).await
    }

    /// Opens a unit of work that may write for whoever may read: a change to the caller's own
    /// account (their language), which a viewer may make too.
    pub async fn open_for_own_change(&self, db: &Db) -> Result<Scoped, ApiError> {
        self.open_with(db, Permission::Read, true).await
    }

    async fn open_with(&self, db: &Db, permission: Permission, writes: bool) -> Result<Scoped, ApiError> {
        let tx = if writes { db.tenant(self.tenant).await? } else { db.tenant_read(self.tenant).await? };
        let actor = match &self.credential {
            Credential::User { user, family } => match tx.signed_in_role(*user, *family).await? {
                None => return Err(ApiError::Unauthorized(Reason::NoLongerMember)),
                Some((_, false)) => return Err(ApiError::Unauthorized(Reason::SessionEnded)),
                Some((role, true)) => Actor::User { id: *user, role },
            },
            Credential::ApiKey { secret_hash } => {
                let key =
                    tx.authenticate_api_key(secret_hash).await?.ok_or(ApiError::Unauthorized(Reason::UnknownApiKey))?;
                if key.needs_marking() {
                    if writes {
                        // In the request's own transaction: on SQLite it holds the write lock.
                        tx.mark_api_key_used(key.id).await?;
                    } else {
                        // Its own short write, so that a read through a key stays a read.
                        let marking = db.tenant(self.tenant).await?;
                        marking.mark_api_key_used(key.id).await?;
                        marking.commit().await?;
                    }
                }
                Actor::ApiKey { id: key.id, scopes: key.scopes }
            }
        };
        if !actor.permits(permission) {
            return Err(ApiError::Forbidden(denied(permission)));
        }
        Ok(Scoped { tx, actor })
    }

    fn from_request_sync(req: &HttpRequest) -> Result<Self, ApiError> {
        let token = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(ApiError::Unauthorized(Reason::NoCredential))?;
        if secrets::is_api_key(token) {
            let (tenant, secret_hash) =
                secrets::parse_api_key(token).ok_or(ApiError::Unauthorized(Reason::UnknownApiKey))?;
            return Ok(Self { tenant, credential: Credential::ApiKey { secret_hash } });
        }
        let keys = req
            .app_data::<web::Data<JwtKeys>>()
            .ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("JwtKeys not configured")))?;
        let claims = keys.verify(token).ok_or(ApiError::Unauthorized(Reason::BadAccessToken))?;
        Ok(Self { tenant: claims.tid, credential: Credential::User { user: claims.sub, family: claims.fam } })
    }
}

fn denied(permission: Permission) -> Reason {
    match permission {
        Permission::Read => Reason::MayNotRead,
        Permission::Write => Reason::MayNotWrite,
        Permission::ManageTeam => Reason::TeamManagersOnly,
        Permission::ManageApiKeys => Reason::KeyManagersOnly,
        Permission::ReadMailbox => Reason::MailboxOwnersOnly,
    }
}

impl FromRequest for TenantCtx {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Self::from_request_sync(req))
    }
}
