//! One module per resource; each registers its routes in `configure`.

pub mod api_keys;
pub mod audit;
pub mod auth;
pub mod health;
pub mod me;
pub mod team;

use utoipa_actix_web::service_config::ServiceConfig;

/// Routes under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(auth::configure)
        .configure(me::configure)
        .configure(team::configure)
        .configure(api_keys::configure)
        .configure(audit::configure);
}
