//! Liveness and readiness for load balancers and orchestrators.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, web};
use metrics_exporter_prometheus::PrometheusHandle;
use serde::Serialize;
use subtle::ConstantTimeEq;
use tandem_domain::Reason;
use tandem_jobs::Queue;
use tandem_store::{Db, JobSink};
use utoipa::ToSchema;

use crate::error::ApiError;

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

/// Who may read `/metrics`: with a token, whoever sends it as a bearer credential; without
/// one, only clients on this machine (the connection's address, never `X-Forwarded-For`).
#[derive(Clone, Debug, Default)]
pub struct MetricsAuth {
    pub token: Option<String>,
}

/// What `/metrics` answers a caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetricsAccess {
    Served,
    /// A token is configured and the caller did not send it: 401.
    Unauthorized,
    /// No token is configured and the caller is not on loopback: 404, as if there were no such
    /// route, so the port tells nothing about what runs behind it.
    Hidden,
}

/// Decides what `/metrics` answers, from the configured token, the `Authorization` header and
/// the connection's peer address.
pub fn metrics_access(auth: &MetricsAuth, authorization: Option<&[u8]>, peer: Option<IpAddr>) -> MetricsAccess {
    match &auth.token {
        Some(token) => {
            let expected = format!("Bearer {token}");
            let given = authorization.unwrap_or_default();
            if bool::from(given.ct_eq(expected.as_bytes())) {
                MetricsAccess::Served
            } else {
                MetricsAccess::Unauthorized
            }
        }
        None if peer.is_some_and(|ip| ip.to_canonical().is_loopback()) => MetricsAccess::Served,
        None => MetricsAccess::Hidden,
    }
}

/// Prometheus metrics: HTTP requests, jobs processed and failed with their latency, emails.
/// With `metrics_token` set, send it as `Authorization: Bearer <token>`; without it, only
/// clients on the same machine (loopback) are served, and others get 404.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "Metrics in the Prometheus text format", body = String, content_type = "text/plain"),
        (status = 401, description = "A metrics token is configured (`metrics_token`) and the request does not carry it as `Authorization: Bearer`"),
        (status = 404, description = "No metrics token is configured and the client is not on loopback"),
    )
)]
#[get("/metrics")]
pub async fn metrics(
    req: HttpRequest,
    handle: web::Data<PrometheusHandle>,
    auth: web::Data<MetricsAuth>,
) -> Result<HttpResponse, ApiError> {
    let authorization = req.headers().get(header::AUTHORIZATION).map(|v| v.as_bytes());
    let peer = req.peer_addr().map(|addr| addr.ip());
    match metrics_access(&auth, authorization, peer) {
        MetricsAccess::Served => Ok(HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(handle.render())),
        MetricsAccess::Unauthorized => Err(ApiError::Unauthorized(Reason::MetricsTokenRequired)),
        MetricsAccess::Hidden => Err(ApiError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn without_a_token_only_loopback_is_served() {
        let open = MetricsAuth::default();
        for local in ["127.0.0.1", "::1", "::ffff:127.0.0.1"] {
            assert_eq!(metrics_access(&open, None, ip(local)), MetricsAccess::Served, "{local}");
        }
        for remote in ["10.0.0.7", "192.168.1.20", "2001:db8::1", "::ffff:10.0.0.7"] {
            assert_eq!(metrics_access(&open, None, ip(remote)), MetricsAccess::Hidden, "{remote}");
        }
        assert_eq!(metrics_access(&open, None, None), MetricsAccess::Hidden, "no peer address");
        // A header that names loopback changes nothing: only the connection counts.
        assert_eq!(metrics_access(&open, Some(b"Bearer x"), ip("10.0.0.7")), MetricsAccess::Hidden);
    }

    #[test]
    fn with_a_token_only_the_token_is_served_wherever_it_comes_from() {
        let guarded = MetricsAuth { token: Some("s3cret-token".into()) };
        let right = Some(b"Bearer s3cret-token".as_slice());
        assert_eq!(metrics_access(&guarded, right, ip("10.0.0.7")), MetricsAccess::Served);
        for wrong in [
            None,
            Some(b"Bearer s3cret-tokem".as_slice()),
            Some(b"Bearer s3cret".as_slice()),
            Some(b"s3cret-token".as_slice()),
        ] {
            assert_eq!(metrics_access(&guarded, wrong, ip("127.0.0.1")), MetricsAccess::Unauthorized, "{wrong:?}");
        }
    }
}
