//! Nudges, the company's side: each program's rules (on or off, with their timing) and pause,
//! and the log of what was decided for whom: queued, sent, held by quiet hours, capped,
//! suppressed or failed, with the reason.

use std::collections::BTreeMap;

use actix_web::{get, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tandem_domain::nudges::{NudgeRule, NudgeSetting, NudgeState, WEEKLY_CAP, read_days, settings_with};
use tandem_domain::{Permission, PersonId, ProgramId, Reason};
use tandem_store::{Db, NewAuditEvent, NudgeRecord, TenantTx};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::TenantCtx;
use crate::error::{ApiError, Fields};
use crate::http::Json;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_nudge_settings).service(put_nudge_settings).service(program_nudges).service(person_nudges);
}

/// A program's nudge rules, every one with its setting.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"paused": false, "weekly_cap": 3, "rules": [{"rule": "no_session", "enabled": true, "days": 21}]}))]
pub struct NudgeSettingsView {
    /// No nudge of this program goes while paused.
    pub paused: bool,
    /// The most nudges one person gets in seven days, across programs.
    pub weekly_cap: u32,
    pub rules: Vec<NudgeSetting>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"paused": false, "rules": [{"rule": "no_session", "enabled": true, "days": 14}, {"rule": "survey_due", "enabled": false, "days": 3}]}))]
pub struct NudgeSettingsRequest {
    pub paused: bool,
    /// The rules to change; the others keep their setting.
    #[serde(default)]
    pub rules: Vec<NudgeSetting>,
}

async fn settings_view(tx: &TenantTx, program: ProgramId) -> Result<NudgeSettingsView, ApiError> {
    let (paused, stored) = tx.nudge_settings(program).await?;
    Ok(NudgeSettingsView { paused, weekly_cap: WEEKLY_CAP, rules: settings_with(&stored) })
}

/// The program's nudge rules and whether its nudges are paused.
#[utoipa::path(
    tag = "nudges",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = NudgeSettingsView))
)]
#[get("/programs/{program_id}/nudges/settings")]
pub async fn get_nudge_settings(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
) -> Result<web::Json<NudgeSettingsView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let view = settings_view(&scoped.tx, program.id).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(view))
}

/// Turns rules on or off, changes their timing, pauses or resumes the program's nudges.
#[utoipa::path(
    tag = "nudges",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    request_body = NudgeSettingsRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = NudgeSettingsView))
)]
#[put("/programs/{program_id}/nudges/settings")]
pub async fn put_nudge_settings(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    body: Json<NudgeSettingsRequest>,
) -> Result<web::Json<NudgeSettingsView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let mut fields = Fields::default();
    let mut seen = Vec::new();
    for (i, setting) in body.rules.iter().enumerate() {
        if !setting.rule.fixed_timing()
            && let Err(reason) = read_days(setting.days)
        {
            fields.push(&format!("rules[{i}].days"), reason);
        }
        if seen.contains(&setting.rule) {
            fields.push(&format!("rules[{i}].rule"), Reason::RuleTwice);
        }
        seen.push(setting.rule);
    }
    fields.finish(|| Some(()))?;
    let rules: Vec<NudgeSetting> = body
        .rules
        .iter()
        .map(|s| NudgeSetting { days: if s.rule.fixed_timing() { s.rule.default_days() } else { s.days }, ..*s })
        .collect();
    scoped.tx.put_nudge_settings(program.id, body.paused, &rules).await?;
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action: "nudges.settings_changed",
            target_kind: "program",
            target_id: Some(program.id.as_uuid()),
            details: json!({ "paused": body.paused, "rules": rules }),
        })
        .await?;
    let view = settings_view(&scoped.tx, program.id).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(view))
}

/// One nudge in the log.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6ea0", "program_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f",
    "person_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "name": "Mori Aoi", "rule": "no_session", "state": "held",
    "reason": "quiet hours in Asia/Tokyo until 2027-02-03T23:00:00+00:00", "created_at": "2027-02-03T14:00:00Z", "sent_at": null}))]
pub struct NudgeLogEntry {
    pub id: uuid::Uuid,
    pub program_id: ProgramId,
    pub person_id: PersonId,
    pub name: String,
    pub rule: NudgeRule,
    pub state: NudgeState,
    /// Why it is in this state, when there is more to say (quiet hours, the cap, an SMTP answer).
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NudgeLogQuery {
    /// Only this person's nudges.
    pub person_id: Option<PersonId>,
}

/// The most entries a log answers (the newest).
const LOG_MAX: u64 = 500;

async fn log_entries(tx: &TenantTx, records: Vec<NudgeRecord>) -> Result<Vec<NudgeLogEntry>, ApiError> {
    let ids: Vec<PersonId> = records.iter().map(|r| r.person).collect();
    let names: BTreeMap<PersonId, String> =
        tx.people_by_ids(&ids).await?.into_iter().map(|p| (p.id, p.person.name)).collect();
    Ok(records
        .into_iter()
        .map(|r| NudgeLogEntry {
            id: r.id,
            program_id: r.program,
            person_id: r.person,
            name: names.get(&r.person).cloned().unwrap_or_default(),
            rule: r.rule,
            state: r.state,
            reason: r.reason,
            created_at: r.created_at,
            sent_at: r.sent_at,
        })
        .collect())
}

/// The program's nudge log, newest first (the latest 500), optionally one person's.
#[utoipa::path(
    tag = "nudges",
    params(("program_id" = ProgramId, Path, description = "The program's id"), NudgeLogQuery),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = [NudgeLogEntry]))
)]
#[get("/programs/{program_id}/nudges")]
pub async fn program_nudges(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    query: web::Query<NudgeLogQuery>,
) -> Result<web::Json<Vec<NudgeLogEntry>>, ApiError> {
    let query = query.into_inner();
    let scoped = ctx.open(&db, Permission::Read).await?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let records = scoped.tx.nudge_log(Some(program.id), query.person_id, None, LOG_MAX).await?;
    let entries = log_entries(&scoped.tx, records).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(entries))
}

/// A person's nudges across programs, newest first (the latest 500).
#[utoipa::path(
    tag = "nudges",
    params(("person_id" = PersonId, Path, description = "The person's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = [NudgeLogEntry]))
)]
#[get("/people/{person_id}/nudges")]
pub async fn person_nudges(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<PersonId>,
) -> Result<web::Json<Vec<NudgeLogEntry>>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let person = scoped.tx.person(path.into_inner()).await?;
    let records = scoped.tx.nudge_log(None, Some(person.id), None, LOG_MAX).await?;
    let entries = log_entries(&scoped.tx, records).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(entries))
}
