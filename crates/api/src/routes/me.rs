//! Who is calling, and in which tenant.

use actix_web::{get, patch, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_domain::{Actor, ApiKeyId, ApiScope, Locale, Permission, Reason, Role, TenantId, UserId};
use tandem_store::Db;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::TenantCtx;
use crate::error::ApiError;
use crate::http::Json;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(me).service(update_me);
}

pub fn configure_settings(cfg: &mut ServiceConfig) {
    cfg.service(update_settings);
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"sensitive_attributes_enabled": true}))]
pub struct TenantSettings {
    /// Keep sensitive person attributes (gender, age band) for fairness reports. Turning it
    /// off deletes every stored value.
    pub sensitive_attributes_enabled: bool,
}

/// Changes the tenant's settings. Owners and admins.
#[utoipa::path(
    tag = "account",
    request_body = TenantSettings,
    security(("access_token" = [])),
    responses((status = 200, description = "The tenant with its settings", body = TenantView))
)]
#[patch("/tenant/settings")]
pub async fn update_settings(
    ctx: TenantCtx,
    db: web::Data<Db>,
    body: Json<TenantSettings>,
) -> Result<web::Json<TenantView>, ApiError> {
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let body = body.read()?;
    scoped.tx.set_sensitive_attributes(body.sensitive_attributes_enabled).await?;
    scoped
        .tx
        .record(tandem_store::NewAuditEvent {
            actor: scoped.audit_actor(),
            action: "tenant.settings_changed",
            target_kind: "tenant",
            target_id: Some(ctx.tenant().as_uuid()),
            details: serde_json::json!({ "sensitive_attributes_enabled": body.sensitive_attributes_enabled }),
        })
        .await?;
    let tenant = scoped.tx.tenant().await?;
    scoped.tx.commit().await?;
    Ok(web::Json(tenant.into()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TenantView {
    pub id: TenantId,
    #[schema(example = "Sakura Industries")]
    pub name: String,
    pub locale: Locale,
    pub created_at: DateTime<Utc>,
    /// Whether sensitive person attributes (gender, age band) are kept, for fairness reports.
    pub sensitive_attributes_enabled: bool,
}

/// The caller: a console user with their role, or an API key with its scopes.
#[derive(Debug, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Principal {
    User {
        user_id: UserId,
        #[schema(example = "aiko.tanaka@sakura.example")]
        email: String,
        #[schema(example = "Aiko Tanaka")]
        name: String,
        role: Role,
        locale: Locale,
    },
    ApiKey {
        api_key_id: ApiKeyId,
        scopes: Vec<ApiScope>,
    },
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub tenant: TenantView,
    pub principal: Principal,
}

/// The caller and their tenant.
#[utoipa::path(
    tag = "account",
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The caller", body = Me))
)]
#[get("/me")]
pub async fn me(ctx: TenantCtx, db: web::Data<Db>) -> Result<web::Json<Me>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    describe(scoped).await.map(web::Json)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"locale": "ja"}))]
pub struct MeChange {
    /// The language of the console and of this person's emails, in every tenant they belong to.
    pub locale: Locale,
}

/// Changes the signed-in person's own language, so that the console opens in it on any
/// device. Console users only: an API key has no language.
#[utoipa::path(
    tag = "account",
    request_body = MeChange,
    security(("access_token" = [])),
    responses(
        (status = 200, description = "The caller, changed", body = Me),
        (status = 403, description = "An API key has no language"),
    )
)]
#[patch("/me")]
pub async fn update_me(ctx: TenantCtx, db: web::Data<Db>, body: Json<MeChange>) -> Result<web::Json<Me>, ApiError> {
    let scoped = ctx.open_for_own_change(&db).await?;
    let Actor::User { id, .. } = scoped.actor else {
        return Err(ApiError::Forbidden(Reason::ApiKeyHasNoLanguage));
    };
    let body = body.read()?;
    scoped.tx.set_user_locale(id, body.locale).await?;
    describe(scoped).await.map(web::Json)
}

/// The caller and their tenant, committing the unit of work.
async fn describe(scoped: crate::auth::Scoped) -> Result<Me, ApiError> {
    let tenant = scoped.tx.tenant().await?;
    let principal = match &scoped.actor {
        Actor::User { id, role } => {
            let member = scoped.tx.member(*id).await?;
            Principal::User { user_id: *id, email: member.email, name: member.name, role: *role, locale: member.locale }
        }
        Actor::ApiKey { id, scopes } => Principal::ApiKey { api_key_id: *id, scopes: scopes.clone() },
    };
    scoped.tx.commit().await?;
    let tenant = TenantView::from(tenant);
    Ok(Me { tenant, principal })
}

impl From<tandem_store::Tenant> for TenantView {
    fn from(t: tandem_store::Tenant) -> Self {
        Self {
            id: t.id,
            name: t.name,
            locale: t.locale,
            created_at: t.created_at,
            sensitive_attributes_enabled: t.sensitive_attributes_enabled,
        }
    }
}
