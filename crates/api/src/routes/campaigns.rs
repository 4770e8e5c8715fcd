//! Recruitment campaigns as admins run them: set up, open and close, invite, review
//! applications, and watch the funnel.

use std::collections::BTreeMap;
use std::sync::Arc;

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_domain::programs::{ParticipantRole, ProgramState};
use tandem_domain::recruitment::{
    ApplicationStatus, CampaignKind, CampaignMessage, CampaignState, CustomQuestion, Decision, Funnel, decide,
    eligibility_refusals, question_problems,
};
use tandem_domain::{ApplicationId, CampaignId, Locale, Permission, PersonId, ProgramId, Reason};
use tandem_jobs::Queue;
use tandem_mail::unsubscribe::LinkSigner;
use tandem_mail::{Override, render_with};
use tandem_store::{ApplicationRecord, CampaignRecord, Db, NewAuditEvent, NewCampaign, PageRequest, PeopleFilter};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::ApiSettings;
use crate::auth::{Scoped, TenantCtx, secrets};
use crate::error::{ApiError, InvalidField};
use crate::http::Json;
use crate::pagination::{ListQuery, Paginated};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_campaign)
        .service(list_campaigns)
        .service(program_funnel)
        .service(get_campaign)
        .service(replace_campaign)
        .service(campaign_transition)
        .service(invite_people)
        .service(list_applications)
        .service(campaign_funnel)
        .service(decide_application)
        .service(preview_message);
}

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
/// the campaign is saved.
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
    let scoped = ctx.open(&db, Permission::Read).await?;
    let body = body.read()?;
    let program = scoped.tx.program(path.into_inner()).await?.design.name;
    scoped.tx.commit().await?;
    let name = if body.locale == Locale::Ja { "佐藤 健二" } else { "Kenji Sato" };
    let link = apply_link(&settings, "sample");
    let deadline = body.deadline.map(|d| d.format("%Y-%m-%d").to_string());
    let vars = serde_json::json!({"name": name, "program": program, "link": link, "deadline": deadline.clone().unwrap_or_default()});
    let own = Override { subject: body.message.subject.clone(), html: String::new(), text: body.message.body.clone() };
    let personal = render_with(&own, &vars).map_err(|e| {
        let part = if e.part == "subject" { "message.subject" } else { "message.body" };
        ApiError::field(part, Reason::TemplateError { detail: e.message })
    })?;
    let context =
        tandem_mail::campaign_context(&personal.subject, &personal.text, &program, &link, deadline.as_deref());
    let rendered = tandem_mail::render(tandem_mail::Template::CampaignMessage, body.locale, &context)
        .map_err(|e| ApiError::Unexpected(anyhow::anyhow!("the built-in campaign template: {e}")))?;
    Ok(web::Json(MessagePreview { subject: rendered.subject, html: rendered.html, text: rendered.text }))
}

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

#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignView {
    pub id: CampaignId,
    pub program_id: ProgramId,
    #[schema(example = "Spring intake")]
    pub name: String,
    pub kind: CampaignKind,
    pub state: CampaignState,
    /// The link to share (open campaigns); closed campaigns send personal links.
    #[schema(
        example = "http://localhost:8080/apply?token=01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c"
    )]
    pub public_link: Option<String>,
    pub deadline: Option<DateTime<Utc>>,
    pub send_at: Option<DateTime<Utc>>,
    #[schema(example = 48)]
    pub reminder_hours_before: Option<u32>,
    #[schema(example = json!({"en": {"subject": "Teach a manager what you know", "body": "Hello {{ name }},\n\nJoin {{ program }}."}}))]
    pub messages: BTreeMap<Locale, CampaignMessage>,
    pub questions: Vec<CustomQuestion>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn apply_link(settings: &ApiSettings, token: &str) -> String {
    format!("{}/apply?token={token}", settings.public_url.trim_end_matches('/'))
}

fn view(c: CampaignRecord, settings: &ApiSettings) -> CampaignView {
    CampaignView {
        id: c.id,
        program_id: c.program_id,
        name: c.name,
        kind: c.kind,
        state: c.state,
        public_link: (c.kind == CampaignKind::Open).then(|| apply_link(settings, &c.public_token)),
        deadline: c.deadline,
        send_at: c.send_at,
        reminder_hours_before: c.reminder_hours_before,
        messages: c.messages,
        questions: c.questions,
        created_at: c.created_at,
        updated_at: c.updated_at,
    }
}

fn checked(program: ProgramId, input: &CampaignInput) -> Result<NewCampaign, ApiError> {
    let mut errors = Vec::new();
    if input.name.trim().is_empty() || input.name.chars().count() > 200 {
        errors.push(InvalidField::new("name", Reason::LengthBetween { min: 1, max: 200 }));
    }
    for reason in question_problems(&input.questions) {
        errors.push(InvalidField::new("questions", reason));
    }
    let sample = serde_json::json!({"name": "Kenji Sato", "program": "Program", "link": "https://x/apply", "deadline": "2027-01-31"});
    for (locale, message) in &input.messages {
        if message.subject.trim().is_empty() || message.body.trim().is_empty() {
            errors.push(InvalidField::new(format!("messages.{locale}"), Reason::MessageNeedsSubjectAndBody));
            continue;
        }
        let sources = Override { subject: message.subject.clone(), html: String::new(), text: message.body.clone() };
        if let Err(e) = render_with(&sources, &sample) {
            let part = if e.part == "subject" { "subject" } else { "body" };
            errors.push(InvalidField::new(
                format!("messages.{locale}.{part}"),
                Reason::TemplateError { detail: e.message },
            ));
        }
    }
    if let (Some(send), Some(deadline)) = (input.send_at, input.deadline)
        && send >= deadline
    {
        errors.push(InvalidField::new("send_at", Reason::SendBeforeDeadline));
    }
    if input.reminder_hours_before.is_some() && input.deadline.is_none() {
        errors.push(InvalidField::new("reminder_hours_before", Reason::ReminderNeedsDeadline));
    }
    if !errors.is_empty() {
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
        questions: input.questions.clone(),
    })
}

async fn audit(
    scoped: &Scoped,
    action: &'static str,
    id: CampaignId,
    details: serde_json::Value,
) -> Result<(), ApiError> {
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action,
            target_kind: "campaign",
            target_id: Some(id.as_uuid()),
            details,
        })
        .await?;
    Ok(())
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
    let new = checked(program, &body)?;
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
    queue: web::Data<Arc<dyn Queue>>,
    settings: web::Data<ApiSettings>,
    path: web::Path<CampaignId>,
    body: Json<CampaignInput>,
) -> Result<web::Json<CampaignView>, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let current = scoped.tx.campaign(id).await?;
    if current.state == CampaignState::Closed {
        return Err(ApiError::Conflict(Reason::ClosedCampaignFixed));
    }
    if current.state == CampaignState::Open && body.kind != current.kind {
        return Err(ApiError::Conflict(Reason::OpenCampaignKeepsKind));
    }
    let new = checked(current.program_id, &body)?;
    scoped.tx.replace_campaign(id, &new).await?;
    audit(&scoped, "campaign.changed", id, serde_json::json!({ "name": new.name })).await?;
    let campaign = scoped.tx.campaign(id).await?;
    scoped.tx.commit().await?;
    if campaign.state == CampaignState::Open && !campaign.messages.is_empty() {
        // New dates take effect: jobs for them are queued, and jobs for the old ones wait.
        tandem_jobs::campaigns::schedule(queue.as_ref().as_ref(), ctx.tenant(), &campaign)
            .await
            .map_err(|e| ApiError::Unexpected(anyhow::Error::new(e)))?;
    }
    Ok(web::Json(view(campaign, &settings)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"to": "open"}))]
pub struct CampaignTransition {
    pub to: CampaignState,
}

/// Opens (the program must be recruiting; the message is queued for its date, the reminder for
/// before the deadline) or closes a campaign. Refusals answer 409 with the reason.
#[utoipa::path(
    tag = "recruitment",
    params(("campaign_id" = CampaignId, Path, description = "The campaign's id")),
    request_body = CampaignTransition,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The campaign in its new state", body = CampaignView),
        (status = 409, description = "Not allowed now; `detail` says why"),
    )
)]
#[post("/campaigns/{campaign_id}/transitions")]
pub async fn campaign_transition(
    ctx: TenantCtx,
    db: web::Data<Db>,
    queue: web::Data<Arc<dyn Queue>>,
    settings: web::Data<ApiSettings>,
    path: web::Path<CampaignId>,
    body: Json<CampaignTransition>,
) -> Result<web::Json<CampaignView>, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let campaign = scoped.tx.campaign(id).await?;
    let refuse = |why: Reason| Err(ApiError::TransitionRefused(why));
    match (campaign.state, body.to) {
        (CampaignState::Draft, CampaignState::Open) => {
            let program = scoped.tx.program(campaign.program_id).await?;
            if program.state != ProgramState::Recruiting {
                return refuse(Reason::ProgramNotRecruiting);
            }
            if campaign.messages.is_empty() && campaign.kind == CampaignKind::Closed {
                return refuse(Reason::WriteMessageFirst);
            }
            if campaign.deadline.is_some_and(|d| d <= Utc::now()) {
                return refuse(Reason::DeadlinePassed);
            }
        }
        (CampaignState::Draft | CampaignState::Open, CampaignState::Closed) => {}
        (from, to) => return refuse(Reason::CampaignCannotBecome { from, to }),
    }
    scoped.tx.set_campaign_state(id, campaign.state, body.to).await?;
    audit(&scoped, "campaign.state_changed", id, serde_json::json!({ "from": campaign.state, "to": body.to })).await?;
    let updated = scoped.tx.campaign(id).await?;
    scoped.tx.commit().await?;
    if updated.state == CampaignState::Open && !updated.messages.is_empty() {
        tandem_jobs::campaigns::schedule(queue.as_ref().as_ref(), ctx.tenant(), &updated)
            .await
            .map_err(|e| ApiError::Unexpected(anyhow::Error::new(e)))?;
    }
    Ok(web::Json(view(updated, &settings)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"filter": {"department": "Marketing", "region": "APAC", "level_min": 8}, "eligible_only": true}))]
pub struct InviteesRequest {
    /// People to invite by id.
    #[serde(default)]
    pub person_ids: Vec<PersonId>,
    /// Or everyone matching a directory filter.
    pub filter: Option<InviteeFilter>,
    /// Only people eligible for some role of the program (default true).
    #[serde(default = "yes")]
    pub eligible_only: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "department": "Marketing", "function": "Digital", "region": "APAC", "level_min": 8, "level_max": 14,
    "skill": "budgeting"
}))]
pub struct InviteeFilter {
    pub department: Option<String>,
    pub function: Option<String>,
    pub region: Option<String>,
    pub level_min: Option<u8>,
    pub level_max: Option<u8>,
    pub skill: Option<String>,
    pub is_executive: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InviteesAdded {
    #[schema(example = 42)]
    pub added: u64,
    #[schema(example = 42)]
    pub invitees: u64,
}

/// Adds people to a closed campaign's invite list, by id or by a directory filter.
#[utoipa::path(
    tag = "recruitment",
    params(("campaign_id" = CampaignId, Path, description = "The campaign's id")),
    request_body = InviteesRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "How many were added", body = InviteesAdded),
        (status = 404, description = "No such campaign (or person) in this tenant"),
        (status = 409, description = "Open campaigns have no invite list, and closed ones take no more invitees"),
        (status = 422, description = "Invalid fields, or neither people nor a filter given"),
    )
)]
#[post("/campaigns/{campaign_id}/invitees")]
pub async fn invite_people(
    ctx: TenantCtx,
    db: web::Data<Db>,
    queue: web::Data<Arc<dyn Queue>>,
    links: web::Data<LinkSigner>,
    path: web::Path<CampaignId>,
    body: Json<InviteesRequest>,
) -> Result<web::Json<InviteesAdded>, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    if body.person_ids.is_empty() && body.filter.is_none() {
        return Err(ApiError::field("person_ids", Reason::NamePeopleOrFilter));
    }
    let campaign = scoped.tx.campaign(id).await?;
    if campaign.kind == CampaignKind::Open {
        return Err(ApiError::Conflict(Reason::OpenCampaignHasNoList));
    }
    if campaign.state == CampaignState::Closed {
        return Err(ApiError::Conflict(Reason::CampaignClosed));
    }
    let design = scoped.tx.program(campaign.program_id).await?.design;
    let mut people = scoped.tx.people_by_ids(&body.person_ids).await?;
    if people.len() < body.person_ids.iter().collect::<std::collections::HashSet<_>>().len() {
        return Err(ApiError::NotFound);
    }
    if let Some(f) = &body.filter {
        let filter = PeopleFilter {
            department: f.department.clone(),
            function: f.function.clone(),
            region: f.region.clone(),
            level_min: f.level_min,
            level_max: f.level_max,
            skill: f.skill.clone(),
            is_executive: f.is_executive,
            text: None,
        };
        let mut page = PageRequest { limit: 100, after: None };
        loop {
            let batch = scoped.tx.people(&filter, page).await?;
            people.extend(batch.items);
            match batch.next {
                Some(next) => page.after = Some(next),
                None => break,
            }
        }
    }
    let invitees: Vec<(PersonId, String)> = people
        .into_iter()
        .filter(|p| !body.eligible_only || eligibility_refusals(&design, &p.person, ParticipantRole::Either).is_empty())
        .map(|p| {
            let token = tandem_jobs::campaigns::personal_token(&links, ctx.tenant(), id, p.id);
            let hash = secrets::parse_tenant_token(&token).map(|(_, hash)| hash).unwrap_or_default();
            (p.id, hash)
        })
        .collect();
    let added = scoped.tx.add_invitees(id, &invitees).await?;
    audit(&scoped, "campaign.invited", id, serde_json::json!({ "added": added })).await?;
    let total = scoped.tx.invitees(id).await?.len() as u64;
    scoped.tx.commit().await?;
    if added > 0 && campaign.state == CampaignState::Open && !campaign.messages.is_empty() {
        tandem_jobs::campaigns::message_new_invitees(queue.as_ref().as_ref(), ctx.tenant(), &campaign, total)
            .await
            .map_err(|e| ApiError::Unexpected(anyhow::Error::new(e)))?;
    }
    Ok(web::Json(InviteesAdded { added, invitees: total }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationView {
    pub id: ApplicationId,
    pub campaign_id: CampaignId,
    pub program_id: ProgramId,
    pub person_id: PersonId,
    #[schema(example = "Kenji Sato")]
    pub person_name: String,
    #[schema(example = "kenji.sato@sakura.example")]
    pub person_email: String,
    pub role_wanted: ParticipantRole,
    pub status: ApplicationStatus,
    /// What they can teach, want to learn, their goals, availability, languages, consent, and
    /// the answers to the campaign's questions.
    #[schema(value_type = BTreeMap<String, Value>, example = json!({
        "can_teach": "TikTok, short videos, Python", "wants_to_learn": "How budgets are decided",
        "goals": "Understand the business side", "availability": "Tuesday and Thursday afternoons",
        "languages": ["ja", "en"], "consent": true, "answers": {"meeting_style": "Online"}
    }))]
    pub form: serde_json::Value,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// Views of applications with their people's names, loading the people in one query.
async fn application_views(
    scoped: &Scoped,
    applications: Vec<ApplicationRecord>,
) -> Result<Vec<ApplicationView>, ApiError> {
    let ids: Vec<PersonId> = applications.iter().map(|a| a.person_id).collect();
    let people: std::collections::HashMap<PersonId, tandem_domain::people::Person> =
        scoped.tx.people_by_ids(&ids).await?.into_iter().map(|r| (r.id, r.person)).collect();
    applications
        .into_iter()
        .map(|a| {
            let person = people.get(&a.person_id).ok_or(ApiError::NotFound)?;
            Ok(ApplicationView {
                id: a.id,
                campaign_id: a.campaign_id,
                program_id: a.program_id,
                person_id: a.person_id,
                person_name: person.name.clone(),
                person_email: person.email.to_string(),
                role_wanted: a.role_wanted,
                status: a.status,
                form: a.form,
                confirmed_at: a.confirmed_at,
                decided_at: a.decided_at,
                created_at: a.created_at,
            })
        })
        .collect()
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ApplicationQuery {
    pub status: Option<ApplicationStatus>,
    #[param(minimum = 1, maximum = 100, example = 50)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// A campaign's applications, oldest first.
#[utoipa::path(
    tag = "recruitment",
    params(("campaign_id" = CampaignId, Path, description = "The campaign's id"), ApplicationQuery),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "A page of applications", body = Paginated<ApplicationView>))
)]
#[get("/campaigns/{campaign_id}/applications")]
pub async fn list_applications(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<CampaignId>,
    query: web::Query<ApplicationQuery>,
) -> Result<web::Json<Paginated<ApplicationView>>, ApiError> {
    let page = ListQuery { limit: query.limit, cursor: query.cursor.clone() }.page()?;
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Read).await?;
    scoped.tx.campaign(id).await?;
    let found = scoped.tx.applications(id, query.status, page).await?;
    let items = application_views(&scoped, found.items).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(Paginated::from_page(tandem_store::Page { items, next: found.next }, |a| a)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"decision": "accept"}))]
pub struct DecisionRequest {
    pub decision: Decision,
}

/// Accepts, waitlists or declines an application.
#[utoipa::path(
    tag = "recruitment",
    params(("application_id" = ApplicationId, Path, description = "The application's id")),
    request_body = DecisionRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The application", body = ApplicationView),
        (status = 409, description = "Not possible in the application's status; `detail` says why"),
    )
)]
#[post("/applications/{application_id}/decision")]
pub async fn decide_application(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ApplicationId>,
    body: Json<DecisionRequest>,
) -> Result<web::Json<ApplicationView>, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let application = scoped.tx.application(id).await?;
    let status = decide(application.status, body.decision).map_err(ApiError::TransitionRefused)?;
    scoped.tx.set_application_status(id, status).await?;
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action: "application.decided",
            target_kind: "application",
            target_id: Some(id.as_uuid()),
            details: serde_json::json!({ "decision": body.decision, "status": status }),
        })
        .await?;
    let updated = scoped.tx.application(id).await?;
    let view = application_views(&scoped, vec![updated]).await?.remove(0);
    scoped.tx.commit().await?;
    Ok(web::Json(view))
}

/// The campaign's funnel: invited → emailed → opened → applied → accepted (→ matched).
#[utoipa::path(
    tag = "recruitment",
    params(("campaign_id" = CampaignId, Path, description = "The campaign's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The funnel", body = Funnel))
)]
#[get("/campaigns/{campaign_id}/funnel")]
pub async fn campaign_funnel(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<CampaignId>,
) -> Result<web::Json<Funnel>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let campaign = scoped.tx.campaign(path.into_inner()).await?;
    let funnel = scoped.tx.funnel(&campaign).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(funnel))
}

/// The program's funnel: its campaigns' added up.
#[utoipa::path(
    tag = "recruitment",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The funnel", body = Funnel))
)]
#[get("/programs/{program_id}/funnel")]
pub async fn program_funnel(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
) -> Result<web::Json<Funnel>, ApiError> {
    let program = path.into_inner();
    let scoped = ctx.open(&db, Permission::Read).await?;
    scoped.tx.program(program).await?;
    let mut total = Funnel::default();
    for campaign in scoped.tx.campaigns_of(program).await? {
        let f = scoped.tx.funnel(&campaign).await?;
        total.invited += f.invited;
        total.emailed += f.emailed;
        total.opened += f.opened;
        total.applied += f.applied;
        total.accepted += f.accepted;
        total.matched += f.matched;
    }
    scoped.tx.commit().await?;
    Ok(web::Json(total))
}
