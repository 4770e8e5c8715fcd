//! A campaign message rendered as a person will get it, before it is saved.

use actix_web::{post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_domain::emails::{CampaignMessageEmail, Email, campaign_variables, deadline_text};
use tandem_domain::recruitment::CampaignMessage;
use tandem_domain::{Locale, Permission, ProgramId};
use tandem_mail::{Override, Sender, Template, builtin_sources, frame};
use tandem_store::Db;
use utoipa::ToSchema;

use super::apply_link;
use crate::ApiSettings;
use crate::auth::TenantCtx;
use crate::error::ApiError;
use crate::http::Json;
use crate::render::render_off_workers;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "locale": "en",
    "message": {"subject": "Teach a manager what you know", "body": "Hello {{ name }},\n\nJoin {{ program }} by {{ deadline }}: {{ link }}"},
    "deadline": "2026-11-30T09:00:00Z"
}))]
pub struct MessagePreviewRequest {
    pub locale: Locale,
    pub message: CampaignMessage,
    pub deadline: Option<DateTime<Utc>>,
    /// The time zone the deadline is shown in (each recipient sees their own); UTC without one.
    #[schema(example = "Asia/Tokyo")]
    pub time_zone: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessagePreview {
    #[schema(example = "Teach a manager what you know")]
    pub subject: String,
    #[schema(
        example = "<p>Hello Kenji Sato,</p><p>Join Reverse mentoring on digital skills by 2026-11-30: <a href=\"http://localhost:8080/apply?token=sample\">apply here</a>.</p>"
    )]
    pub html: String,
    #[schema(
        example = "Hello Kenji Sato,\n\nJoin Reverse mentoring on digital skills by 2026-11-30: http://localhost:8080/apply?token=sample"
    )]
    pub text: String,
}

/// Renders a campaign message as a person will get it (with sample name and link), before
/// the campaign is saved. Who may change campaigns may preview them.
#[utoipa::path(
    tag = "recruitment",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    request_body = MessagePreviewRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The rendered email", body = MessagePreview),
        (status = 422, description = "Invalid fields, or the message does not render (`message.subject` or `message.body`)"),
    )
)]
#[post("/programs/{program_id}/campaign-message-preview")]
pub async fn preview_message(
    ctx: TenantCtx,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    path: web::Path<ProgramId>,
    body: Json<MessagePreviewRequest>,
) -> Result<web::Json<MessagePreview>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let program = scoped.tx.program(path.into_inner()).await?.design.name;
    let sender = Sender { company: scoped.tx.tenant().await?.name };
    scoped.tx.commit().await?;
    let name = if body.locale == Locale::Ja { "佐藤 健二" } else { "Kenji Sato" };
    let link = apply_link(&settings, "sample");
    let deadline = body.deadline.map(|d| deadline_text(d, body.time_zone.as_deref(), body.locale));
    let vars = campaign_variables(name, &program, &link, deadline.as_deref());
    let own = Override { subject: body.message.subject.clone(), html: String::new(), text: body.message.body.clone() };
    let refused = |e: tandem_mail::TemplateError| {
        let part = if e.part == "subject" { "message.subject" } else { "message.body" };
        ApiError::field(part, e.reason())
    };
    let personal = render_off_workers(own, vars).await.map_err(refused)?;
    let email = Email::CampaignMessage(CampaignMessageEmail::new(
        &personal.subject,
        &personal.text,
        &body.message.body,
        &program,
        &link,
        deadline.as_deref(),
    ));
    // The person's words inside the built-in frame can still be too large once escaped.
    let sources = builtin_sources(Template::CampaignMessage, body.locale);
    let rendered = render_off_workers(sources, email.variables()).await.map_err(refused)?;
    let rendered = frame(rendered, &sender, body.locale);
    Ok(web::Json(MessagePreview { subject: rendered.subject, html: rendered.html, text: rendered.text }))
}
