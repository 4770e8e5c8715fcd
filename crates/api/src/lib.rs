//! Tandem's HTTP API (actix-web), documented by OpenAPI (utoipa).
//!
//! [`app`] builds the whole application; the server binary and the tests both call it, so
//! what is tested is what runs. Routes register through utoipa-actix-web, so a route cannot
//! exist without its OpenAPI description.

pub mod auth;
pub mod console;
pub mod error;
pub mod headers;
pub mod http;
pub mod limits;
pub mod locale;
pub mod notes;
pub mod openapi;
pub mod pagination;
pub mod render;
pub mod routes;
mod spans;

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::DefaultHeaders;
use actix_web::{App, HttpMessage, web};
use std::sync::Arc;

use tandem_jobs::Queue;
use tandem_mail::Mailer;
use tandem_mail::unsubscribe::{LinkSigner, UnsubscribeSigner};
use tandem_store::Db;
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa_actix_web::AppExt;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_swagger_ui::SwaggerUi;

pub use auth::JwtKeys;
pub use metrics_exporter_prometheus::PrometheusHandle;
pub use routes::health::MetricsAuth;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Settings the API needs beyond its collaborators.
#[derive(Clone, Debug)]
pub struct ApiSettings {
    /// Where people reach the console; links in emails start with it.
    pub public_url: String,
    /// Origins allowed to call the API from a browser (the console's, when served apart).
    pub cors_origins: Vec<String>,
    /// The built web console to serve at `/`, when there is one.
    pub console_dir: Option<std::path::PathBuf>,
    /// Whether owners may read the developer mailbox (never with an SMTP server).
    pub dev_mailbox: bool,
    /// Limits on what callers without an account can make the server do.
    pub limits: PublicLimits,
    /// `Strict-Transport-Security`'s max-age, sent when `public_url` is `https://…`.
    pub hsts_max_age_secs: u64,
}

/// Limits on the routes that need no account, per hour.
#[derive(Clone, Copy, Debug)]
pub struct PublicLimits {
    pub apply_per_client: u32,
    pub apply_per_campaign: u32,
    /// Check-in and survey answers from one client address.
    pub answers_per_client: u32,
    /// Sign-ups (and password reset requests) from one client address.
    pub signup_per_client: u32,
    /// Sign-ups from everyone together.
    pub signup_total: u32,
    /// Failed logins from one client address (a browser that signed in before is exempt).
    pub login_failures_per_client: u32,
    /// Failed logins from everyone together (the same exemption).
    pub login_failures_total: u32,
    /// Take the client's address from `X-Forwarded-For` (behind a proxy that sets it).
    pub trust_forwarded_for: bool,
}

impl Default for PublicLimits {
    fn default() -> Self {
        Self {
            apply_per_client: 20,
            apply_per_campaign: 600,
            answers_per_client: 1000,
            signup_per_client: 10,
            signup_total: 500,
            login_failures_per_client: 50,
            login_failures_total: 5000,
            trust_forwarded_for: false,
        }
    }
}

/// What the API runs on.
#[derive(Clone)]
pub struct Services {
    pub db: web::Data<Db>,
    pub keys: web::Data<JwtKeys>,
    pub mailer: web::Data<Mailer>,
    pub queue: web::Data<Arc<dyn Queue>>,
    pub signer: web::Data<UnsubscribeSigner>,
    pub links: web::Data<LinkSigner>,
    pub metrics: web::Data<PrometheusHandle>,
    pub metrics_auth: web::Data<MetricsAuth>,
    pub settings: web::Data<ApiSettings>,
    pub notes: web::Data<notes::NoteKeys>,
}

/// Every route: operations at the root, the API under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(routes::health::healthz).service(routes::health::readyz).service(routes::health::metrics).service(
        utoipa_actix_web::scope("/api/v1").configure(routes::configure).default_service(web::to(http::not_found)),
    );
}

/// What a worker process serves on its port: `/healthz`, `/readyz` and `/metrics`, for
/// orchestrators' probes and Prometheus (the API's routes are not there).
pub fn operations_app(
    db: web::Data<Db>,
    queue: web::Data<Arc<dyn Queue>>,
    metrics: web::Data<PrometheusHandle>,
    metrics_auth: web::Data<MetricsAuth>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(db)
        .app_data(queue)
        .app_data(metrics)
        .app_data(metrics_auth)
        .service(routes::health::healthz)
        .service(routes::health::readyz)
        .service(routes::health::metrics)
        .default_service(web::to(http::not_found))
        .wrap(DefaultHeaders::new().add(("X-Content-Type-Options", "nosniff")))
        .wrap(TracingLogger::<spans::RequestSpan>::new())
}

/// The OpenAPI document, as served at `/api/v1/openapi.json` and checked in as
/// `docs/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = App::new().into_utoipa_app().openapi(openapi::base()).configure(configure).split_for_parts().1;
    openapi::finish(&mut doc);
    doc
}

/// The application: routes, API docs at `/docs`, request ids, tracing and CORS.
pub fn app(
    services: Services,
    spec: utoipa::openapi::OpenApi,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let cors = cors(&services.settings.cors_origins);
    let console = services.settings.console_dir.clone().filter(|dir| console::is_built(dir));
    let security_headers =
        headers::security_headers(&services.settings.public_url, services.settings.hsts_max_age_secs);
    App::new()
        .into_utoipa_app()
        .app_data(services.db)
        .app_data(services.keys)
        .app_data(services.mailer)
        .app_data(services.queue)
        .app_data(services.signer)
        .app_data(services.links)
        .app_data(services.metrics)
        .app_data(services.metrics_auth)
        .app_data(services.settings)
        .app_data(services.notes)
        .app_data(http::path_config())
        .app_data(http::query_config())
        // Before the API scope, whose fallback would otherwise answer /api/v1/openapi.json.
        .map(|app| app.service(SwaggerUi::new("/docs/{_:.*}").url("/api/v1/openapi.json", spec)))
        .configure(configure)
        .into_app()
        // Last: the console's fallback answers every path nothing else claimed.
        .configure(|cfg| {
            if let Some(dir) = console {
                console::configure(dir)(cfg);
            }
        })
        .wrap_fn(http::refuse_nul_in_query)
        .wrap_fn(locale::localize_problems)
        .wrap(cors)
        .wrap_fn(http::record_metrics)
        .wrap_fn(|req, srv| {
            use actix_web::dev::Service;
            let request_id = req.extensions().get::<RequestId>().copied();
            let response = srv.call(req);
            async move {
                let mut response = response.await?;
                if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok()) {
                    response.headers_mut().insert(REQUEST_ID, id);
                }
                Ok(response)
            }
        })
        .wrap(security_headers)
        .wrap(TracingLogger::<spans::RequestSpan>::new())
}

fn cors(origins: &[String]) -> Cors {
    let mut cors = Cors::default()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            header::IF_MATCH,
        ])
        .allowed_header("idempotency-key")
        .expose_headers([REQUEST_ID, header::RETRY_AFTER, header::ETAG, header::CONTENT_LANGUAGE])
        .max_age(3600);
    for origin in origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}
