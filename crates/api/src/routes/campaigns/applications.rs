//! A campaign's applications, and what admins decide about each.

use actix_web::{get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_domain::emails::{ApplicationDecisionEmail, Email};
use tandem_domain::programs::ParticipantRole;
use tandem_domain::recruitment::{ApplicationStatus, Decision, decide};
use tandem_domain::{ApplicationId, CampaignId, Permission, PersonId, ProgramId, Reason};
use tandem_store::{ApplicationRecord, Db, NewAuditEvent, NewEmailDelivery};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{Scoped, TenantCtx};
use crate::error::ApiError;
use crate::http::Json;
use crate::pagination::{ListQuery, Paginated};

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
#[schema(example = json!({"decision": "accept", "message": "See you at the kickoff on 12 January."}))]
pub struct DecisionRequest {
    pub decision: Decision,
    /// The admin's own words for the applicant, added to the email (at most 2,000 characters).
    #[schema(example = "See you at the kickoff on 12 January.")]
    pub message: Option<String>,
    /// Email the applicant the decision, in their language (default true).
    #[serde(default = "yes")]
    pub notify: bool,
}

fn yes() -> bool {
    true
}

/// The longest note an admin may add to a decision, in characters.
const DECISION_MESSAGE_MAX: usize = 2000;

fn decision_message(raw: Option<&str>) -> Result<String, ApiError> {
    let message = raw.unwrap_or_default().trim();
    if message.chars().count() > DECISION_MESSAGE_MAX {
        return Err(ApiError::field("message", Reason::TooLong { max: DECISION_MESSAGE_MAX }));
    }
    if message.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(ApiError::field("message", Reason::ControlCharacters));
    }
    Ok(message.to_owned())
}

/// Accepts, waitlists or declines an application, and (unless `notify` is false) emails the
/// applicant the decision in their language, with the admin's message.
#[utoipa::path(
    tag = "recruitment",
    params(("application_id" = ApplicationId, Path, description = "The application's id")),
    request_body = DecisionRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The application", body = ApplicationView),
        (status = 404, description = "No such application in this tenant"),
        (status = 409, description = "Not possible in the application's status; `detail` says why"),
        (status = 422, description = "Invalid fields: an unknown decision, a message too long"),
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
    let message = decision_message(body.message.as_deref())?;
    let application = scoped.tx.application(id).await?;
    let status = decide(application.status, body.decision).map_err(ApiError::TransitionRefused)?;
    scoped.tx.set_application_status(id, status).await?;
    if body.notify {
        let person = scoped.tx.person(application.person_id).await?.person;
        let program = scoped.tx.program(application.program_id).await?.design.name;
        scoped
            .tx
            .create_delivery(NewEmailDelivery {
                idempotency_key: format!("application:{id}:decided:{status}"),
                email: Email::ApplicationDecision(ApplicationDecisionEmail {
                    name: person.name.clone(),
                    program,
                    decision: body.decision.as_str().to_owned(),
                    message,
                }),
                locale: person.preferred_locale,
                to_email: person.email.to_string(),
                to_name: Some(person.name.clone()),
                time_zone: person.time_zone.clone(),
            })
            .await?;
    }
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
