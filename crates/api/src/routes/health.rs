//! Liveness and readiness for load balancers and orchestrators.

use std::sync::Arc;

use actix_web::{HttpResponse, get, web};
use metrics_exporter_prometheus::PrometheusHandle;
use serde::Serialize;
use tandem_jobs::Queue;
use tandem_store::Db;
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

/// The process can serve: its database and job queue answer.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "The database or the queue does not answer", body = Health),
    )
)]
#[get("/readyz")]
pub async fn readyz(db: web::Data<Db>, queue: web::Data<Arc<dyn Queue>>) -> HttpResponse {
    if let Err(err) = db.ping().await {
        tracing::warn!(error = %err, "readiness: database unavailable");
        return HttpResponse::ServiceUnavailable().json(Health { status: "database unavailable" });
    }
    if let Err(err) = queue.ping().await {
        tracing::warn!(error = %err, "readiness: queue unavailable");
        return HttpResponse::ServiceUnavailable().json(Health { status: "queue unavailable" });
    }
    HttpResponse::Ok().json(Health { status: "ok" })
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
