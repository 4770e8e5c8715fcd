//! Programs: purpose, design, lifecycle, and templates to start from.

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_domain::matching::run::PairState;
use tandem_domain::program_templates;
use tandem_domain::programs::{ProgramDesign, ProgramFacts, ProgramState, check_design_change, check_transition};
use tandem_domain::recruitment::CampaignState;
use tandem_domain::{Locale, Permission, ProgramId, Reason};
use tandem_store::{Db, NewAuditEvent, ProgramRecord};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Scoped, TenantCtx};
use crate::error::{ApiError, InvalidField};
use crate::http::Json;
use crate::pagination::{ListQuery, Paginated};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_program_templates)
        .service(create_from_template)
        .service(list_programs)
        .service(create_program)
        .service(get_program)
        .service(replace_program)
        .service(delete_program)
        .service(program_transition);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgramView {
    pub id: ProgramId,
    pub state: ProgramState,
    /// The states this program may move to next.
    pub next_states: Vec<ProgramState>,
    pub design: ProgramDesign,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn view(record: ProgramRecord) -> ProgramView {
    ProgramView {
        id: record.id,
        state: record.state,
        next_states: record.state.next_states(),
        design: record.design,
        created_at: record.created_at,
        updated_at: record.updated_at,
    }
}

fn checked(design: ProgramDesign) -> Result<ProgramDesign, ApiError> {
    let design = design.settled();
    let problems = design.problems();
    if problems.is_empty() {
        return Ok(design);
    }
    Err(ApiError::Validation(problems.into_iter().map(|p| InvalidField::new(p.field, p.reason)).collect()))
}

async fn audit(
    scoped: &Scoped,
    action: &'static str,
    id: ProgramId,
    details: serde_json::Value,
) -> Result<(), ApiError> {
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action,
            target_kind: "program",
            target_id: Some(id.as_uuid()),
            details,
        })
        .await?;
    Ok(())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgramTemplateView {
    #[schema(example = "reverse_digital_skills")]
    pub key: String,
    #[schema(example = "Reverse mentoring on digital skills")]
    pub name: String,
    #[schema(example = "Junior employees teach managers digital tools and trends.")]
    pub description: String,
    pub design: ProgramDesign,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LocaleQuery {
    /// The templates' language (default en).
    pub locale: Option<Locale>,
}

/// Ready-made designs to start a program from.
#[utoipa::path(
    tag = "programs",
    params(LocaleQuery),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "Templates", body = Vec<ProgramTemplateView>))
)]
#[get("/program-templates")]
pub async fn list_program_templates(
    ctx: TenantCtx,
    db: web::Data<Db>,
    query: web::Query<LocaleQuery>,
) -> Result<web::Json<Vec<ProgramTemplateView>>, ApiError> {
    ctx.open(&db, Permission::Read).await?.tx.commit().await?;
    let locale = query.locale.unwrap_or_default();
    let today = Utc::now().date_naive();
    let views = program_templates::KEYS
        .iter()
        .filter_map(|key| {
            let (name, description) = program_templates::describe(key, locale)?;
            let design = program_templates::design(key, locale, today)?;
            Some(ProgramTemplateView {
                key: (*key).to_owned(),
                name: name.to_owned(),
                description: description.to_owned(),
                design,
            })
        })
        .collect();
    Ok(web::Json(views))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"template": "executive_reverse", "locale": "ja", "name": "Executive reverse mentoring 2027"}))]
pub struct FromTemplate {
    #[schema(example = "executive_reverse")]
    pub template: String,
    /// The language of the template's texts (default: the tenant's).
    pub locale: Option<Locale>,
    /// A name of your own instead of the template's.
    #[schema(example = "Executive reverse mentoring 2027")]
    pub name: Option<String>,
}

/// Starts a program (in draft) from a template in one step.
#[utoipa::path(
    tag = "programs",
    request_body = FromTemplate,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 201, description = "The new program", body = ProgramView),
        (status = 422, description = "Invalid fields, an unknown template, or an invalid name"),
    )
)]
#[post("/programs/from-template")]
pub async fn create_from_template(
    ctx: TenantCtx,
    db: web::Data<Db>,
    body: Json<FromTemplate>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let locale = match body.locale {
        Some(locale) => locale,
        None => scoped.tx.tenant().await?.locale,
    };
    let mut design = program_templates::design(&body.template, locale, Utc::now().date_naive())
        .ok_or_else(|| ApiError::field("template", Reason::UnknownTemplate { given: body.template.clone() }))?;
    if let Some(name) = &body.name {
        design.name = name.clone();
    }
    let design = checked(design)?;
    let record = scoped.tx.create_program(&design).await?;
    audit(&scoped, "program.created", record.id, serde_json::json!({ "template": body.template })).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::Created().json(view(record)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ProgramQuery {
    pub state: Option<ProgramState>,
    #[param(minimum = 1, maximum = 100, example = 50)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// The tenant's programs, newest first.
#[utoipa::path(
    tag = "programs",
    params(ProgramQuery),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "A page of programs", body = Paginated<ProgramView>))
)]
#[get("/programs")]
pub async fn list_programs(
    ctx: TenantCtx,
    db: web::Data<Db>,
    query: web::Query<ProgramQuery>,
) -> Result<web::Json<Paginated<ProgramView>>, ApiError> {
    let page = ListQuery { limit: query.limit, cursor: query.cursor.clone() }.page()?;
    let scoped = ctx.open(&db, Permission::Read).await?;
    let programs = scoped.tx.programs(query.state, page).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(Paginated::from_page(programs, view)))
}

/// Creates a program in draft.
#[utoipa::path(
    tag = "programs",
    request_body = ProgramDesign,
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 201, description = "The new program", body = ProgramView))
)]
#[post("/programs")]
pub async fn create_program(
    ctx: TenantCtx,
    db: web::Data<Db>,
    body: Json<ProgramDesign>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let design = checked(body)?;
    let record = scoped.tx.create_program(&design).await?;
    audit(&scoped, "program.created", record.id, serde_json::json!({ "name": design.name })).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::Created().json(view(record)))
}

/// One program.
#[utoipa::path(
    tag = "programs",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The program", body = ProgramView))
)]
#[get("/programs/{program_id}")]
pub async fn get_program(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
) -> Result<web::Json<ProgramView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let record = scoped.tx.program(path.into_inner()).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(view(record)))
}

/// Replaces a program's design, until it is completed.
#[utoipa::path(
    tag = "programs",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    request_body = ProgramDesign,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The program", body = ProgramView),
        (status = 409, description = "Completed and archived programs no longer change; once recruiting, the rules and dates stay set"),
    )
)]
#[put("/programs/{program_id}")]
pub async fn replace_program(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    body: Json<ProgramDesign>,
) -> Result<web::Json<ProgramView>, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let current = scoped.tx.program(id).await?;
    let design = checked(body)?;
    check_design_change(current.state, &design).map_err(ApiError::Conflict)?;
    scoped.tx.replace_program_design(id, &design).await?;
    audit(&scoped, "program.changed", id, serde_json::json!({ "name": design.name })).await?;
    let record = scoped.tx.program(id).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(view(record)))
}

/// Deletes a program that is still a draft.
#[utoipa::path(
    tag = "programs",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "Only drafts are deleted; archive the others"),
    )
)]
#[delete("/programs/{program_id}")]
pub async fn delete_program(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    let current = scoped.tx.program(id).await?;
    if current.state != ProgramState::Draft {
        return Err(ApiError::Conflict(Reason::OnlyDraftsDeleted));
    }
    scoped.tx.delete_program(id).await?;
    audit(&scoped, "program.deleted", id, serde_json::json!({ "name": current.design.name })).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"to": "recruiting"}))]
pub struct Transition {
    /// The state to move to.
    pub to: ProgramState,
    /// Leaving recruiting: close the program's open campaigns in the same step. Without it,
    /// a program with open campaigns stays recruiting (409 `close_campaigns_first`).
    #[serde(default)]
    pub close_campaigns: bool,
}

/// Moves a program along its lifecycle. A refused move answers 409 with the reason in words
/// (type `/problems/transition-refused`). Leaving recruiting closes its open campaigns when
/// `close_campaigns` says so, and is refused otherwise.
#[utoipa::path(
    tag = "programs",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    request_body = Transition,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The program in its new state", body = ProgramView),
        (status = 409, description = "The move is not allowed now; `detail` says why"),
    )
)]
#[post("/programs/{program_id}/transitions")]
pub async fn program_transition(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    body: Json<Transition>,
) -> Result<web::Json<ProgramView>, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let current = scoped.tx.program(id).await?;
    let open: Vec<_> =
        scoped.tx.campaigns_of(id).await?.into_iter().filter(|c| c.state == CampaignState::Open).collect();
    let published_pairs = scoped.tx.pairs_in(id, PairState::Active).await?.len() as u32;
    let facts =
        ProgramFacts { published_pairs, open_campaigns: open.len() as u32, closes_campaigns: body.close_campaigns };
    check_transition(&current.design, current.state, body.to, facts).map_err(ApiError::TransitionRefused)?;
    if current.state == ProgramState::Recruiting && body.to != ProgramState::Recruiting {
        for campaign in &open {
            scoped.tx.set_campaign_state(campaign.id, CampaignState::Open, CampaignState::Closed).await?;
            scoped
                .tx
                .record(tandem_store::NewAuditEvent {
                    actor: scoped.audit_actor(),
                    action: "campaign.state_changed",
                    target_kind: "campaign",
                    target_id: Some(campaign.id.as_uuid()),
                    details: serde_json::json!({ "from": "open", "to": "closed", "with_program": true }),
                })
                .await?;
        }
    }
    scoped.tx.set_program_state(id, current.state, body.to).await?;
    // A completed program's pairs end with it (its closing steps begin).
    if body.to == ProgramState::Completed {
        scoped.tx.end_pairs(id).await?;
    }
    audit(&scoped, "program.state_changed", id, serde_json::json!({ "from": current.state, "to": body.to })).await?;
    let record = scoped.tx.program(id).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(view(record)))
}
