//! Who is calling, and in which tenant.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tandem_domain::{Actor, ApiKeyId, ApiScope, Locale, Permission, Role, TenantId, UserId};
use tandem_store::Db;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::TenantCtx;
use crate::error::{ApiError, Problem};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(me);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TenantView {
    pub id: TenantId,
    #[schema(example = "Sakura Industries")]
    pub name: String,
    pub locale: Locale,
    pub created_at: DateTime<Utc>,
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
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "No valid credential", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
pub async fn me(ctx: TenantCtx, db: web::Data<Db>) -> Result<web::Json<Me>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let tenant = scoped.tx.tenant().await?;
    let principal = match &scoped.actor {
        Actor::User { id, role } => {
            let member = scoped.tx.member(*id).await?;
            Principal::User { user_id: *id, email: member.email, name: member.name, role: *role, locale: member.locale }
        }
        Actor::ApiKey { id, scopes } => Principal::ApiKey { api_key_id: *id, scopes: scopes.clone() },
    };
    scoped.tx.commit().await?;
    let tenant = TenantView { id: tenant.id, name: tenant.name, locale: tenant.locale, created_at: tenant.created_at };
    Ok(web::Json(Me { tenant, principal }))
}
