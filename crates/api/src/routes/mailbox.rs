//! The developer mailbox: on the embedded default (no SMTP server) every email is a file in
//! the outbox, and this lists the tenant's and opens each one, so a person trying Tandem can
//! follow every link. Its emails carry invitations to any role and participants' personal
//! links, so it is for owners only (never an API key), and it exists only when the
//! `dev_mailbox` setting turns it on and mail goes to the file outbox; otherwise 404.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tandem_domain::{EmailDeliveryId, Permission};
use tandem_mail::{Mailer, outbox_file_name};
use tandem_store::Db;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::ApiSettings;
use crate::auth::TenantCtx;
use crate::error::ApiError;
use crate::pagination::{ListQuery, Paginated};
use crate::routes::email::DeliveryView;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(mailbox_settings).service(list_mailbox).service(open_message);
}

/// The outbox folder, when the mailbox is on.
fn outbox<'m>(settings: &ApiSettings, mailer: &'m Mailer) -> Result<&'m std::path::Path, ApiError> {
    if !settings.dev_mailbox {
        return Err(ApiError::NotFound);
    }
    mailer.outbox_dir().ok_or(ApiError::NotFound)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MailboxMessage {
    pub delivery: DeliveryView,
    /// The whole message as sent (RFC 5322), to read or save as `.eml`.
    #[schema(example = "From: Tandem <no-reply@tandem.localhost>\r\nTo: kenji@sakura.example\r\n…")]
    pub raw: String,
    pub sent_at: Option<DateTime<Utc>>,
}

/// Where the mailbox's emails point and come from.
#[derive(Debug, Serialize, ToSchema)]
pub struct MailboxSettings {
    /// The address every link in every email starts with (`public_url`, or the address this
    /// server answers on when it is not set).
    #[schema(example = "http://localhost:8080")]
    pub public_url: String,
    /// The folder the emails are written to, on the server.
    #[schema(example = "/home/aiko/.local/share/tandem/outbox")]
    pub outbox: String,
}

/// What the mailbox page shows above the emails: the address their links point at.
#[utoipa::path(
    tag = "developer",
    security(("access_token" = [])),
    responses(
        (status = 200, description = "The links' address and the outbox folder", body = MailboxSettings),
        (status = 403, description = "Only owners read the mailbox, and no API key does"),
        (status = 404, description = "The mailbox is off (`dev_mailbox` unset, or mail goes to an SMTP server)"),
    )
)]
#[get("/dev/mailbox/settings")]
pub async fn mailbox_settings(
    ctx: TenantCtx,
    db: web::Data<Db>,
    mailer: web::Data<Mailer>,
    settings: web::Data<ApiSettings>,
) -> Result<web::Json<MailboxSettings>, ApiError> {
    let dir = outbox(&settings, &mailer)?;
    let scoped = ctx.open(&db, Permission::ReadMailbox).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(MailboxSettings { public_url: settings.public_url.clone(), outbox: dir.display().to_string() }))
}

/// Emails of this tenant that are in the outbox, newest first.
#[utoipa::path(
    tag = "developer",
    params(ListQuery),
    security(("access_token" = [])),
    responses(
        (status = 200, description = "Sent emails", body = Paginated<DeliveryView>),
        (status = 403, description = "Only owners read the mailbox, and no API key does"),
        (status = 404, description = "The mailbox is off (`dev_mailbox` unset, or mail goes to an SMTP server)"),
    )
)]
#[get("/dev/mailbox")]
pub async fn list_mailbox(
    ctx: TenantCtx,
    db: web::Data<Db>,
    mailer: web::Data<Mailer>,
    settings: web::Data<ApiSettings>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Paginated<DeliveryView>>, ApiError> {
    outbox(&settings, &mailer)?;
    let page = query.page()?;
    let scoped = ctx.open(&db, Permission::ReadMailbox).await?;
    let sent = scoped.tx.deliveries(Some(tandem_domain::mail::DeliveryState::Sent), page).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(Paginated::from_page(sent, DeliveryView::from)))
}

/// One email from the outbox.
#[utoipa::path(
    tag = "developer",
    params(("delivery_id" = EmailDeliveryId, Path, description = "The delivery's id")),
    security(("access_token" = [])),
    responses(
        (status = 200, description = "The message", body = MailboxMessage),
        (status = 403, description = "Only owners read the mailbox, and no API key does"),
        (status = 404, description = "No such email in this tenant's outbox, or the mailbox is off"),
    )
)]
#[get("/dev/mailbox/{delivery_id}")]
pub async fn open_message(
    ctx: TenantCtx,
    db: web::Data<Db>,
    mailer: web::Data<Mailer>,
    settings: web::Data<ApiSettings>,
    path: web::Path<EmailDeliveryId>,
) -> Result<web::Json<MailboxMessage>, ApiError> {
    let dir = outbox(&settings, &mailer)?;
    let scoped = ctx.open(&db, Permission::ReadMailbox).await?;
    let delivery = scoped.tx.delivery(path.into_inner()).await?;
    scoped.tx.commit().await?;
    let file = dir.join(outbox_file_name(&delivery.message_id));
    let raw = tokio::fs::read_to_string(&file).await.map_err(|_| ApiError::NotFound)?;
    let sent_at = delivery.sent_at;
    Ok(web::Json(MailboxMessage { delivery: delivery.into(), raw, sent_at }))
}
