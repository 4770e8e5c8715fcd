//! Liveness and readiness for load balancers and orchestrators.

use std::sync::Arc;
use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use metrics_exporter_prometheus::PrometheusHandle;
use serde::Serialize;
use tandem_jobs::Queue;
use tandem_store::{Db, JobSink};
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// The process is up.
#[utoipa::path(tag = "operations", responses((status = 200, description = "Alive", body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// What a readiness check found.
#[derive(Serialize, ToSchema)]
pub struct Readiness {
    /// `ok`; `degraded` when the queue is away (work is still accepted: its jobs wait in the
    /// outbox); `unavailable` when the database does not answer.
    #[schema(example = "ok")]
    pub status: &'static str,
    #[schema(example = "ok")]
    pub database: &'static str,
    #[schema(example = "ok")]
    pub queue: &'static str,
    /// Jobs recorded and waiting for the queue (with Redis; absent on the SQL queue).
    #[schema(example = 0)]
    pub outbox: Option<u64>,
}

/// The process can serve: its database answers. The queue being away makes it `degraded`,
/// not unready: requests still succeed and their jobs wait in the outbox until it is back.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "Ready (`status` is `degraded` when the queue is away)", body = Readiness),
        (status = 503, description = "The database does not answer", body = Readiness),
    )
)]
#[get("/readyz")]
pub async fn readyz(db: web::Data<Db>, queue: web::Data<Arc<dyn Queue>>) -> HttpResponse {
    let up = |ok: bool| if ok { "ok" } else { "unavailable" };
    let database = db.ping().await.inspect_err(|err| tracing::warn!(error = %err, "readiness: database unavailable"));
    // A queue that does not answer quickly is away, as far as a load balancer is concerned.
    let queue = match tokio::time::timeout(Duration::from_secs(2), queue.ping()).await {
        Ok(Ok(())) => true,
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "readiness: queue unavailable");
            false
        }
        Err(_) => {
            tracing::warn!("readiness: the queue did not answer within 2 s");
            false
        }
    };
    let outbox = match (&database, db.job_sink()) {
        (Ok(()), JobSink::Outbox) => db.outbox_len().await.ok(),
        _ => None,
    };
    let (status, code) = match (database.is_ok(), queue) {
        (true, true) => ("ok", StatusCode::OK),
        (true, false) => ("degraded", StatusCode::OK),
        (false, _) => ("unavailable", StatusCode::SERVICE_UNAVAILABLE),
    };
    HttpResponse::build(code).json(Readiness { status, database: up(database.is_ok()), queue: up(queue), outbox })
}

/// Prometheus metrics: HTTP requests, jobs processed and failed with their latency, emails.
#[utoipa::path(
    tag = "operations",
    responses((status = 200, description = "Metrics in the Prometheus text format", body = String, content_type = "text/plain"))
)]
#[get("/metrics")]
pub async fn metrics(handle: web::Data<PrometheusHandle>) -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(handle.render())
}
