//! Setting campaigns up: create, list, read, and change them until they close.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::collections::BTreeMap;
use tandem_domain::recruitment::{
    CampaignKind, CampaignMessage, CampaignSetup, CampaignState, CustomQuestion, check_campaign_change, with_keys,
};
use tandem_domain::{CampaignId, Locale, Permission, ProgramId, Reason};
use tandem_mail::Override;
use tandem_store::{Db, NewCampaign};
use utoipa::ToSchema;

use super::{CampaignView, audit, view};
use crate::ApiSettings;
use crate::auth::{TenantCtx, secrets};
use crate::error::{ApiError, InvalidField};
use crate::http::Json;
use crate::render::render_off_workers;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Spring intake", "kind": "open",
    "deadline": "2027-02-26T09:00:00Z", "send_at": "2027-02-01T09:00:00Z", "reminder_hours_before": 48,
    "messages": {
        "en": {"subject": "Teach a manager what you know", "body": "Hello {{ name }},\n\nJoin {{ program }} by {{ deadline }}: {{ link }}"},
        "ja": {"subject": "マネージャーにあなたの知識を", "body": "{{ name }}さん\n\n{{ deadline }}までに{{ program }}へ: {{ link }}"}
    },
    "questions": [{"key": "meeting_style", "label": "How would you like to meet?", "kind": "single_choice",
                   "options": ["In person", "Online", "Either"], "required": true}]
}))]
pub struct CampaignInput {
    #[schema(example = "Spring intake")]
    pub name: String,
    pub kind: CampaignKind,
    /// When applications close.
    pub deadline: Option<DateTime<Utc>>,
    /// When the message goes out once the campaign is open (now when absent).
    pub send_at: Option<DateTime<Utc>>,
    /// Remind those who have not applied this many hours before the deadline.
    #[schema(example = 48)]
    pub reminder_hours_before: Option<u32>,
    /// The promotion message per language; the body may use {{ name }}, {{ program }},
    /// {{ link }} and {{ deadline }}.
    #[serde(default)]
    #[schema(example = json!({"en": {"subject": "Teach a manager what you know", "body": "Hello {{ name }},\n\nJoin {{ program }}."}}))]
    pub messages: BTreeMap<Locale, CampaignMessage>,
    #[serde(default)]
    pub questions: Vec<CustomQuestion>,
}

/// The campaign to store, or every field at fault: the rules are the domain's; whether a
/// message renders is the template engine's (with sample variables).
fn checked(program: ProgramId, input: &CampaignInput, rendered: &Rendered) -> Result<NewCampaign, ApiError> {
    let questions = with_keys(&input.questions, || format!("q{}", &uuid::Uuid::new_v4().simple().to_string()[..8]));
    let setup = CampaignSetup {
        name: &input.name,
        deadline: input.deadline,
        send_at: input.send_at,
        reminder_hours_before: input.reminder_hours_before,
        messages: &input.messages,
        questions: &questions,
    };
    let problems = setup.problems(|locale, _| rendered.get(&locale).cloned().unwrap_or(Ok(())));
    if !problems.is_empty() {
        let errors = problems.into_iter().map(|(field, reason)| InvalidField::new(field, reason)).collect();
        return Err(ApiError::Validation(errors));
    }
    Ok(NewCampaign {
        program_id: program,
        name: input.name.trim().to_owned(),
        kind: input.kind,
        deadline: input.deadline,
        send_at: input.send_at,
        reminder_hours_before: input.reminder_hours_before,
        messages: input.messages.clone(),
        questions,
    })
}

/// Whether each message's subject and body render, with sample variables (the part at fault
/// when not), rendered off the async workers.
type Rendered = BTreeMap<Locale, Result<(), (&'static str, Reason)>>;

async fn render_messages(messages: &BTreeMap<Locale, CampaignMessage>) -> Rendered {
    let mut rendered = BTreeMap::new();
    for (&locale, message) in messages {
        let sample = serde_json::json!({"name": "Kenji Sato", "program": "Program", "link": "https://x/apply", "deadline": "2027-01-31"});
        let sources = Override { subject: message.subject.clone(), html: String::new(), text: message.body.clone() };
        let result = render_off_workers(sources, sample).await.map(drop).map_err(|e| {
            let part = if e.part == "subject" { "subject" } else { "body" };
            (part, e.reason())
        });
        rendered.insert(locale, result);
    }
    rendered
}

/// Sets up a campaign (in draft) for a program.
#[utoipa::path(
    tag = "recruitment",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    request_body = CampaignInput,
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 201, description = "The campaign", body = CampaignView))
)]
#[post("/programs/{program_id}/campaigns")]
pub async fn create_campaign(
    ctx: TenantCtx,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    path: web::Path<ProgramId>,
    body: Json<CampaignInput>,
) -> Result<HttpResponse, ApiError> {
    let program = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    scoped.tx.program(program).await?;
    let new = checked(program, &body, &render_messages(&body.messages).await)?;
    let public_token = secrets::issue_tenant_token(ctx.tenant()).token;
    let campaign = scoped.tx.create_campaign(&new, &public_token).await?;
    audit(&scoped, "campaign.created", campaign.id, serde_json::json!({ "name": campaign.name })).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::Created().json(view(campaign, &settings)))
}

/// A program's campaigns.
#[utoipa::path(
    tag = "recruitment",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "Campaigns, oldest first", body = Vec<CampaignView>))
)]
#[get("/programs/{program_id}/campaigns")]
pub async fn list_campaigns(
    ctx: TenantCtx,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    path: web::Path<ProgramId>,
) -> Result<web::Json<Vec<CampaignView>>, ApiError> {
    let program = path.into_inner();
    let scoped = ctx.open(&db, Permission::Read).await?;
    scoped.tx.program(program).await?;
    let campaigns = scoped.tx.campaigns_of(program).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(campaigns.into_iter().map(|c| view(c, &settings)).collect()))
}

/// One campaign.
#[utoipa::path(
    tag = "recruitment",
    params(("campaign_id" = CampaignId, Path, description = "The campaign's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The campaign", body = CampaignView))
)]
#[get("/campaigns/{campaign_id}")]
pub async fn get_campaign(
    ctx: TenantCtx,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    path: web::Path<CampaignId>,
) -> Result<web::Json<CampaignView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let campaign = scoped.tx.campaign(path.into_inner()).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(view(campaign, &settings)))
}

/// Changes a campaign until it closes.
#[utoipa::path(
    tag = "recruitment",
    params(("campaign_id" = CampaignId, Path, description = "The campaign's id")),
    request_body = CampaignInput,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The campaign", body = CampaignView),
        (status = 409, description = "Closed campaigns no longer change, and open ones keep their kind"),
    )
)]
#[put("/campaigns/{campaign_id}")]
pub async fn replace_campaign(
    ctx: TenantCtx,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    path: web::Path<CampaignId>,
    body: Json<CampaignInput>,
) -> Result<web::Json<CampaignView>, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let current = scoped.tx.campaign(id).await?;
    check_campaign_change(current.state, current.kind, body.kind).map_err(ApiError::Conflict)?;
    let new = checked(current.program_id, &body, &render_messages(&body.messages).await)?;
    scoped.tx.replace_campaign(id, &new).await?;
    audit(&scoped, "campaign.changed", id, serde_json::json!({ "name": new.name })).await?;
    let campaign = scoped.tx.campaign(id).await?;
    if campaign.state == CampaignState::Open && !campaign.messages.is_empty() {
        // New dates take effect: jobs for them are queued, and jobs for the old ones wait.
        tandem_jobs::campaigns::schedule(&scoped.tx, &campaign).await?;
    }
    scoped.tx.commit().await?;
    Ok(web::Json(view(campaign, &settings)))
}
