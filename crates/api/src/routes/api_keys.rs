//! Partners' API keys: created with scopes, shown once, listed by prefix, revoked.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_domain::{ApiKeyId, ApiScope, Permission, Reason, UserId, display_name};
use tandem_store::{ApiKey, Db, NewApiKey, NewAuditEvent};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{TenantCtx, secrets};
use crate::error::{ApiError, Fields};
use crate::http::Json;
use crate::pagination::{ListQuery, Paginated};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_api_key).service(list_api_keys).service(revoke_api_key);
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Workday sync", "scopes": ["read", "write"]}))]
pub struct CreateApiKey {
    /// What the key is for, e.g. the partner system's name.
    #[schema(example = "Workday sync")]
    pub name: String,
    /// `read` lets the key read; `write` lets it read and write.
    #[schema(example = json!(["read", "write"]))]
    pub scopes: Vec<ApiScope>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiKeyView {
    pub id: ApiKeyId,
    #[schema(example = "Workday sync")]
    pub name: String,
    /// The key's first characters, to tell keys apart.
    #[schema(example = "tdm_3f9a1c2b")]
    pub prefix: String,
    pub scopes: Vec<ApiScope>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<ApiKey> for ApiKeyView {
    fn from(k: ApiKey) -> Self {
        Self {
            id: k.id,
            name: k.name,
            prefix: k.prefix,
            scopes: k.scopes,
            created_by: k.created_by,
            created_at: k.created_at,
            last_used_at: k.last_used_at,
            revoked_at: k.revoked_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiKeyCreated {
    pub api_key: ApiKeyView,
    /// The whole key. It is shown only now: store it safely.
    #[schema(example = "tdm_3f9a1c2b5d7e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e_01936f0e3c2a7b7e9d1f2a3b4c5d6e7f")]
    pub secret: String,
}

/// Creates an API key. The secret is in this response and nowhere else, ever.
#[utoipa::path(
    tag = "api-keys",
    request_body = CreateApiKey,
    security(("access_token" = [])),
    responses((status = 201, description = "Created; the secret is shown once", body = ApiKeyCreated))
)]
#[post("/api-keys")]
pub async fn create_api_key(
    ctx: TenantCtx,
    db: web::Data<Db>,
    body: Json<CreateApiKey>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::ManageApiKeys).await?;
    let (user, _) = scoped.user()?;
    let body = body.read()?;
    let mut fields = Fields::default();
    let name = fields.check("name", display_name(&body.name, 200)).unwrap_or_default();
    if body.scopes.is_empty() {
        fields.push("scopes", Reason::NameAScope);
    }
    fields.finish(|| Some(()))?;
    let mut scopes = body.scopes.clone();
    scopes.sort_by_key(|s| s.as_str());
    scopes.dedup();
    let issued = secrets::issue_api_key(ctx.tenant());
    let key = scoped
        .tx
        .create_api_key(NewApiKey {
            id: ApiKeyId::new(),
            name,
            prefix: issued.display_prefix,
            secret_hash: issued.hash,
            scopes,
            created_by: Some(user),
        })
        .await?;
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action: "api_key.created",
            target_kind: "api_key",
            target_id: Some(key.id.as_uuid()),
            details: serde_json::json!({ "name": key.name, "scopes": key.scopes }),
        })
        .await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::Created().json(ApiKeyCreated { api_key: key.into(), secret: issued.token }))
}

/// Lists the tenant's API keys, newest first, by prefix only.
#[utoipa::path(
    tag = "api-keys",
    params(ListQuery),
    security(("access_token" = [])),
    responses((status = 200, description = "A page of keys", body = Paginated<ApiKeyView>))
)]
#[get("/api-keys")]
pub async fn list_api_keys(
    ctx: TenantCtx,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Paginated<ApiKeyView>>, ApiError> {
    let page = query.page()?;
    let scoped = ctx.open(&db, Permission::ManageApiKeys).await?;
    let keys = scoped.tx.api_keys(page).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(Paginated::from_page(keys, ApiKeyView::from)))
}

/// Revokes a key at once; requests with it are refused from then on.
#[utoipa::path(
    tag = "api-keys",
    params(("api_key_id" = ApiKeyId, Path, description = "The key's id")),
    security(("access_token" = [])),
    responses((status = 204, description = "Revoked"))
)]
#[delete("/api-keys/{api_key_id}")]
pub async fn revoke_api_key(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ApiKeyId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::ManageApiKeys).await?;
    let key = scoped.tx.revoke_api_key(id).await?;
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action: "api_key.revoked",
            target_kind: "api_key",
            target_id: Some(id.as_uuid()),
            details: serde_json::json!({ "name": key.name }),
        })
        .await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
