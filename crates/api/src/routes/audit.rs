//! The tenant's audit log of administrative actions.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tandem_domain::{AuditEventId, Permission};
use tandem_store::{AuditEvent, Db};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::auth::TenantCtx;
use crate::error::ApiError;
use crate::pagination::{ListQuery, Paginated};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_audit_events);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventView {
    pub id: AuditEventId,
    /// `user`, `api_key` or `system`.
    #[schema(example = "user")]
    pub actor_kind: String,
    pub actor_id: Option<Uuid>,
    #[schema(example = "member.role_changed")]
    pub action: String,
    #[schema(example = "user")]
    pub target_kind: String,
    pub target_id: Option<Uuid>,
    #[schema(value_type = BTreeMap<String, Value>, example = json!({"from": "viewer", "to": "admin"}))]
    pub details: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

impl From<AuditEvent> for AuditEventView {
    fn from(e: AuditEvent) -> Self {
        Self {
            id: e.id,
            actor_kind: e.actor_kind,
            actor_id: e.actor_id,
            action: e.action,
            target_kind: e.target_kind,
            target_id: e.target_id,
            details: e.details,
            created_at: e.created_at,
        }
    }
}

/// The audit log, newest first.
#[utoipa::path(
    tag = "audit",
    params(ListQuery),
    security(("access_token" = [])),
    responses((status = 200, description = "A page of events", body = Paginated<AuditEventView>))
)]
#[get("/audit-events")]
pub async fn list_audit_events(
    ctx: TenantCtx,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Paginated<AuditEventView>>, ApiError> {
    let page = query.page()?;
    let scoped = ctx.open(&db, Permission::ManageTeam).await?;
    let events = scoped.tx.audit_events(page).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(Paginated::from_page(events, AuditEventView::from)))
}
