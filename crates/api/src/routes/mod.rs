//! One module per resource; each registers its routes in `configure`.

pub mod answers;
pub mod api_keys;
pub mod apply;
pub mod attention;
pub mod audit;
pub mod auth;
pub mod campaigns;
pub mod email;
pub mod exports;
pub mod feedback;
pub mod health;
pub mod import;
pub mod jobs;
pub mod launch;
pub mod mailbox;
pub mod matching;
pub mod me;
pub mod nudges;
pub mod people;
pub mod portal;
pub mod programs;
pub mod public;
pub mod reach;
pub mod results;
pub mod team;
pub mod tracking;

use utoipa_actix_web::service_config::ServiceConfig;

/// Routes under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(auth::configure)
        .configure(me::configure)
        .configure(team::configure)
        .configure(api_keys::configure)
        .configure(audit::configure)
        .configure(jobs::configure)
        .configure(email::configure)
        .configure(public::configure)
        .configure(mailbox::configure)
        .configure(people::configure)
        .configure(reach::configure)
        .configure(programs::configure)
        .configure(campaigns::configure)
        .configure(matching::configure)
        .configure(launch::configure)
        .configure(feedback::configure)
        .configure(results::configure)
        .configure(attention::configure)
        .configure(exports::configure)
        .configure(nudges::configure)
        .configure(answers::configure)
        .configure(portal::configure)
        .configure(apply::configure)
        .configure(me::configure_settings);
}

/// Records an audit event for an action already taken and commits.
pub(crate) async fn audit_now(
    scoped: crate::auth::Scoped,
    action: &'static str,
    target_kind: &'static str,
    target_id: uuid::Uuid,
) -> Result<(), crate::error::ApiError> {
    scoped
        .tx
        .record(tandem_store::NewAuditEvent {
            actor: scoped.audit_actor(),
            action,
            target_kind,
            target_id: Some(target_id),
            details: serde_json::json!({}),
        })
        .await?;
    scoped.tx.commit().await?;
    Ok(())
}
