//! The job queue as admins see it: depth by state, dead letters with their last error, retry
//! or discard one. Owners and admins.

use std::sync::Arc;

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tandem_domain::{JobId, Permission};
use tandem_jobs::{DeadJob, Queue, QueueError};
use tandem_store::Db;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::TenantCtx;
use crate::error::ApiError;
use crate::pagination::{ListQuery, Paginated};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(depth).service(dead_jobs).service(retry_job).service(discard_job);
}

pub(crate) fn queue_error(err: QueueError) -> ApiError {
    match err {
        QueueError::NotFound => ApiError::NotFound,
        other => ApiError::Unexpected(anyhow::Error::new(other)),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueueDepth {
    #[schema(example = 12)]
    pub queued: u64,
    #[schema(example = 2)]
    pub running: u64,
    #[schema(example = 1)]
    pub retrying: u64,
    #[schema(example = 0)]
    pub dead: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeadJobView {
    pub id: JobId,
    #[schema(example = "send_email")]
    pub kind: String,
    #[schema(value_type = BTreeMap<String, Value>, example = json!({"delivery": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f"}))]
    pub payload: serde_json::Value,
    #[schema(example = 10)]
    pub attempts: u32,
    #[schema(example = "temporary: 451 4.3.0 mailbox temporarily unavailable")]
    pub last_error: Option<String>,
    /// When it was dead-lettered.
    pub failed_at: DateTime<Utc>,
}

impl From<DeadJob> for DeadJobView {
    fn from(j: DeadJob) -> Self {
        Self {
            id: j.id,
            kind: j.kind,
            payload: j.payload,
            attempts: j.attempts,
            last_error: j.last_error,
            failed_at: j.updated_at,
        }
    }
}

/// How many of the tenant's jobs wait, run, wait to retry, or are dead-lettered.
#[utoipa::path(
    tag = "jobs",
    security(("access_token" = [])),
    responses((status = 200, description = "Queue depth by state", body = QueueDepth))
)]
#[get("/jobs/depth")]
pub async fn depth(
    ctx: TenantCtx,
    db: web::Data<Db>,
    queue: web::Data<Arc<dyn Queue>>,
) -> Result<web::Json<QueueDepth>, ApiError> {
    ctx.open(&db, Permission::ManageTeam).await?.tx.commit().await?;
    let d = queue.depth(ctx.tenant()).await.map_err(queue_error)?;
    Ok(web::Json(QueueDepth { queued: d.queued, running: d.running, retrying: d.retrying, dead: d.dead }))
}

/// Dead-lettered jobs, newest first, with their last error.
#[utoipa::path(
    tag = "jobs",
    params(ListQuery),
    security(("access_token" = [])),
    responses((status = 200, description = "A page of dead jobs", body = Paginated<DeadJobView>))
)]
#[get("/jobs/dead")]
pub async fn dead_jobs(
    ctx: TenantCtx,
    db: web::Data<Db>,
    queue: web::Data<Arc<dyn Queue>>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Paginated<DeadJobView>>, ApiError> {
    let page = query.page()?;
    ctx.open(&db, Permission::ManageTeam).await?.tx.commit().await?;
    let (items, next) = queue.dead_jobs(ctx.tenant(), page.limit, page.after).await.map_err(queue_error)?;
    Ok(web::Json(Paginated::from_page(tandem_store::Page { items, next }, DeadJobView::from)))
}

/// Sends a dead job back to the queue with a fresh set of attempts.
#[utoipa::path(
    tag = "jobs",
    params(("job_id" = JobId, Path, description = "The dead job's id")),
    security(("access_token" = [])),
    responses(
        (status = 204, description = "Queued again"),
        (status = 404, description = "No such dead job in this tenant"),
    )
)]
#[post("/jobs/{job_id}/retry")]
pub async fn retry_job(
    ctx: TenantCtx,
    db: web::Data<Db>,
    queue: web::Data<Arc<dyn Queue>>,
    path: web::Path<JobId>,
) -> Result<HttpResponse, ApiError> {
    revive(&ctx, &db, queue.as_ref().as_ref(), path.into_inner(), Revival::Retry).await
}

/// Deletes a dead job for good.
#[utoipa::path(
    tag = "jobs",
    params(("job_id" = JobId, Path, description = "The dead job's id")),
    security(("access_token" = [])),
    responses(
        (status = 204, description = "Discarded"),
        (status = 404, description = "No such dead job in this tenant"),
    )
)]
#[delete("/jobs/{job_id}")]
pub async fn discard_job(
    ctx: TenantCtx,
    db: web::Data<Db>,
    queue: web::Data<Arc<dyn Queue>>,
    path: web::Path<JobId>,
) -> Result<HttpResponse, ApiError> {
    revive(&ctx, &db, queue.as_ref().as_ref(), path.into_inner(), Revival::Discard).await
}

enum Revival {
    Retry,
    Discard,
}

/// Retries or discards a dead job, then audits it. The queue may use the same database, so
/// no transaction is held while it works.
async fn revive(
    ctx: &TenantCtx,
    db: &Db,
    queue: &dyn Queue,
    id: JobId,
    revival: Revival,
) -> Result<HttpResponse, ApiError> {
    ctx.open(db, Permission::ManageTeam).await?.tx.commit().await?;
    let action = match revival {
        Revival::Retry => {
            queue.retry_dead(ctx.tenant(), id).await.map_err(queue_error)?;
            "job.retried"
        }
        Revival::Discard => {
            queue.discard_dead(ctx.tenant(), id).await.map_err(queue_error)?;
            "job.discarded"
        }
    };
    let scoped = ctx.open(db, Permission::ManageTeam).await?;
    super::audit_now(scoped, action, "job", id.as_uuid()).await?;
    Ok(HttpResponse::NoContent().finish())
}
