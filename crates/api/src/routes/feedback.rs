//! Feedback, the company's side: a program's check-ins (asked at its cadence by the scheduler,
//! or now by hand) and their answers; its surveys (written from a template, opened, reminded,
//! closed) and their results; and the company's own survey templates. Anonymous surveys'
//! results come only through [`summarise`], which shows nothing of a group under five.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tandem_domain::analytics::{mean, percent};
use tandem_domain::feedback::{
    SurveyKind, SurveyQuestion, SurveyResponse, SurveyResults, SurveyState, period_start, summarise,
    survey_question_problems, template,
};
use tandem_domain::jobs::{CheckInsTask, SurveyTask, Task};
use tandem_domain::programs::{Cadence, ParticipantRole, ProgramKind, ProgramState};
use tandem_domain::{Locale, PairId, Permission, PersonId, ProgramId, Reason, SurveyId, display_name};
use tandem_store::{CheckInRecord, NewAuditEvent, NewJob, ProgramRecord, SurveyDraft, SurveyRecord, TenantTx};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Scoped, TenantCtx};
use crate::error::{ApiError, Fields};
use crate::http::Json;
use crate::locale::RequestLocale;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(check_in_report)
        .service(ask_for_check_ins)
        .service(list_surveys)
        .service(create_survey)
        .service(get_survey)
        .service(update_survey)
        .service(delete_survey)
        .service(open_survey)
        .service(close_survey)
        .service(remind_survey)
        .service(survey_results)
        .service(get_survey_template)
        .service(put_survey_template)
        .service(delete_survey_template);
}

async fn audit(
    scoped: &Scoped,
    action: &'static str,
    kind: &'static str,
    id: Option<uuid::Uuid>,
    details: serde_json::Value,
) -> Result<(), ApiError> {
    scoped
        .tx
        .record(NewAuditEvent { actor: scoped.audit_actor(), action, target_kind: kind, target_id: id, details })
        .await?;
    Ok(())
}

// Check-ins.

/// One period's check-ins across the program.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"period": "2027-02-01", "asked": 24, "answered": 19, "average_score": 4.1, "learned_share": 78.9}))]
pub struct CheckInPeriod {
    pub period: NaiveDate,
    pub asked: u32,
    pub answered: u32,
    /// The mean score (1–5) of the answers.
    pub average_score: Option<f64>,
    /// Of those who said whether they learned something, the share who did, in %.
    pub learned_share: Option<f64>,
}

/// A member's latest check-in.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"pair_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e80", "person_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "name": "Mori Aoi", "period": "2027-02-01", "score": 2, "learned": false, "comment": "We keep moving our meetings", "answered_at": "2027-02-02T09:12:00Z"}))]
pub struct CheckInRow {
    pub pair_id: PairId,
    pub person_id: PersonId,
    pub name: String,
    pub period: NaiveDate,
    pub score: Option<u8>,
    pub learned: Option<bool>,
    pub comment: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// A program's check-ins: the trend by period, and each member's latest.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckInReport {
    pub cadence: Cadence,
    /// The first day of the period under way.
    pub current_period: NaiveDate,
    pub periods: Vec<CheckInPeriod>,
    /// Each member's latest check-in, lowest scores first (unanswered last).
    pub latest: Vec<CheckInRow>,
}

/// The check-in trend by period from a program's check-ins.
pub fn check_in_periods(check_ins: &[CheckInRecord]) -> Vec<CheckInPeriod> {
    let mut by_period: BTreeMap<NaiveDate, Vec<&CheckInRecord>> = BTreeMap::new();
    for check_in in check_ins {
        by_period.entry(check_in.period).or_default().push(check_in);
    }
    by_period
        .into_iter()
        .map(|(period, rows)| {
            let scores: Vec<f64> = rows.iter().filter_map(|c| c.score).map(f64::from).collect();
            let said: Vec<bool> = rows.iter().filter_map(|c| c.learned).collect();
            CheckInPeriod {
                period,
                asked: rows.len() as u32,
                answered: scores.len() as u32,
                average_score: mean(scores),
                learned_share: percent(said.iter().filter(|l| **l).count() as u64, said.len() as u64),
            }
        })
        .collect()
}

/// The program's check-ins: how many were asked and answered each period, the mean score and
/// the share who learned something, and each member's latest answer with their words.
#[utoipa::path(
    tag = "feedback",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = CheckInReport))
)]
#[get("/programs/{program_id}/check-ins")]
pub async fn check_in_report(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<ProgramId>,
) -> Result<web::Json<CheckInReport>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let check_ins = scoped.tx.check_ins_of_program(program.id).await?;
    let mut latest: BTreeMap<(PairId, PersonId), &CheckInRecord> = BTreeMap::new();
    for check_in in &check_ins {
        latest.insert((check_in.pair, check_in.person), check_in);
    }
    let ids: Vec<PersonId> = latest.keys().map(|(_, person)| *person).collect();
    let names: BTreeMap<PersonId, String> =
        scoped.tx.people_by_ids(&ids).await?.into_iter().map(|p| (p.id, p.person.name)).collect();
    let mut rows: Vec<CheckInRow> = latest
        .values()
        .map(|c| CheckInRow {
            pair_id: c.pair,
            person_id: c.person,
            name: names.get(&c.person).cloned().unwrap_or_default(),
            period: c.period,
            score: c.score,
            learned: c.learned,
            comment: c.comment.clone(),
            answered_at: c.answered_at,
        })
        .collect();
    rows.sort_by_key(|r| (r.score.unwrap_or(u8::MAX), r.name.clone()));
    scoped.tx.commit().await?;
    let cadence = program.design.check_in_cadence;
    Ok(web::Json(CheckInReport {
        cadence,
        current_period: period_start(cadence, Utc::now().date_naive()),
        periods: check_in_periods(&check_ins),
        latest: rows,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"period": "2027-02-01"}))]
pub struct CheckInsAsked {
    /// The period asked about (the one under way).
    pub period: NaiveDate,
}

/// Asks every member of the program's active pairs for this period's check-in now, instead of
/// waiting for the scheduler (which asks pairs formed before each period, at its start).
/// Members asked this period already are not asked again.
#[utoipa::path(
    tag = "feedback",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 202, description = "Check-in emails are on their way", body = CheckInsAsked),
        (status = 409, description = "The program is not active"),
    )
)]
#[post("/programs/{program_id}/check-ins")]
pub async fn ask_for_check_ins(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<ProgramId>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let program = scoped.tx.program(path.into_inner()).await?;
    if program.state != ProgramState::Active {
        return Err(ApiError::Conflict(Reason::ProgramNotActive));
    }
    let period = period_start(program.design.check_in_cadence, Utc::now().date_naive());
    let task = Task::CheckIns(CheckInsTask { program: program.id, period, every_pair: true });
    let key = format!("check-ins-now:{}:{}", program.id, uuid::Uuid::now_v7());
    scoped.tx.enqueue(NewJob::new(scoped.tx.tenant_id(), &task, key, Utc::now())).await?;
    audit(&scoped, "check_ins.asked", "program", Some(program.id.as_uuid()), json!({ "period": period })).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::Accepted().json(CheckInsAsked { period }))
}

// Surveys.

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e90", "program_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f",
    "kind": "mid_program", "audience": "mentee", "title": "Mid-program survey",
    "questions": [{"key": "going", "label": "Our pairing is going well.", "labels": {"ja": "ペアの活動は順調に進んでいる。"}, "kind": "scale", "required": true}],
    "anonymous": true, "state": "open", "closes_on": "2027-03-15", "opened_at": "2027-03-01T00:00:00Z", "closed_at": null,
    "invited": 12, "answered": 7
}))]
pub struct SurveyView {
    pub id: SurveyId,
    pub program_id: ProgramId,
    pub kind: SurveyKind,
    /// Who is asked: `mentor`, `mentee`, or `either` for everyone in the program's pairs.
    pub audience: ParticipantRole,
    pub title: String,
    pub questions: Vec<SurveyQuestion>,
    pub anonymous: bool,
    /// `closed` once closed by hand or past `closes_on`.
    pub state: SurveyState,
    pub closes_on: Option<NaiveDate>,
    pub opened_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub invited: u32,
    pub answered: u32,
}

/// Whether a survey takes answers today: open, and not past its closing day.
pub fn takes_answers(survey: &SurveyRecord, today: NaiveDate) -> bool {
    survey.state == SurveyState::Open && survey.closes_on.is_none_or(|d| d >= today)
}

/// A survey's state as people read it: an open one past its closing day is closed.
pub fn shown_state(survey: &SurveyRecord, today: NaiveDate) -> SurveyState {
    match survey.state {
        SurveyState::Open if !takes_answers(survey, today) => SurveyState::Closed,
        state => state,
    }
}

/// How many of a program's people each survey asked and how many answered (one read for all).
pub type SurveyCounts = std::collections::BTreeMap<SurveyId, (u32, u32)>;

/// One survey's view; its counts are read for it alone.
pub async fn survey_view(tx: &TenantTx, survey: SurveyRecord) -> Result<SurveyView, ApiError> {
    let counts = tx.survey_counts(survey.program).await?;
    Ok(view_with(survey, &counts))
}

fn view_with(survey: SurveyRecord, counts: &SurveyCounts) -> SurveyView {
    let (invited, answered) = counts.get(&survey.id).copied().unwrap_or_default();
    let state = shown_state(&survey, Utc::now().date_naive());
    SurveyView {
        id: survey.id,
        program_id: survey.program,
        kind: survey.kind,
        audience: survey.audience,
        title: survey.title,
        questions: survey.questions,
        anonymous: survey.anonymous,
        state,
        closes_on: survey.closes_on,
        opened_at: survey.opened_at,
        closed_at: survey.closed_at,
        invited,
        answered,
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "mid_program", "audience": "mentee", "closes_on": "2027-03-15"}))]
pub struct SurveyRequest {
    pub kind: SurveyKind,
    /// `mentor`, `mentee`, or `either` (everyone; the only choice in mutual programs).
    pub audience: ParticipantRole,
    /// Left out: the kind's name in the request's language.
    pub title: Option<String>,
    /// Left out: the company's template for this kind and audience, or the product's.
    pub questions: Option<Vec<SurveyQuestion>>,
    /// Whether answers are kept without the person (default true).
    pub anonymous: Option<bool>,
    pub closes_on: Option<NaiveDate>,
}

fn default_title(kind: SurveyKind, locale: Locale) -> &'static str {
    match (kind, locale) {
        (SurveyKind::MidProgram, Locale::En) => "Mid-program survey",
        (SurveyKind::MidProgram, Locale::Ja) => "中間アンケート",
        (SurveyKind::EndOfProgram, Locale::En) => "End-of-program survey",
        (SurveyKind::EndOfProgram, Locale::Ja) => "終了時アンケート",
        (SurveyKind::Custom, Locale::En) => "Survey",
        (SurveyKind::Custom, Locale::Ja) => "アンケート",
    }
}

/// The questions a new survey starts from: the company's own template, else the product's.
async fn starting_questions(
    tx: &TenantTx,
    kind: SurveyKind,
    audience: ParticipantRole,
) -> Result<Vec<SurveyQuestion>, ApiError> {
    Ok(match tx.survey_template(kind, audience).await? {
        Some(questions) => questions,
        None => template(kind, audience),
    })
}

async fn read_survey(
    tx: &TenantTx,
    program: &ProgramRecord,
    body: SurveyRequest,
    locale: Locale,
) -> Result<SurveyDraft, ApiError> {
    let mut fields = Fields::default();
    let title = match body.title.as_deref() {
        Some(title) => fields.check("title", display_name(title, 200)),
        None => Some(default_title(body.kind, locale).to_owned()),
    };
    if program.design.kind == ProgramKind::Mutual && body.audience != ParticipantRole::Either {
        fields.push("audience", Reason::MutualUsesEither);
    }
    let questions = match body.questions {
        Some(questions) => questions,
        None => starting_questions(tx, body.kind, body.audience).await?,
    };
    for reason in survey_question_problems(&questions) {
        fields.push("questions", reason);
    }
    if body.closes_on.is_some_and(|d| d < Utc::now().date_naive()) {
        fields.push("closes_on", Reason::ClosesBeforeToday);
    }
    fields.finish(|| {
        Some(SurveyDraft {
            kind: body.kind,
            audience: body.audience,
            title: title?,
            questions,
            anonymous: body.anonymous.unwrap_or(true),
            closes_on: body.closes_on,
        })
    })
}

/// The program's surveys, oldest first, with how many were asked and have answered.
#[utoipa::path(
    tag = "feedback",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = [SurveyView]))
)]
#[get("/programs/{program_id}/surveys")]
pub async fn list_surveys(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<ProgramId>,
) -> Result<web::Json<Vec<SurveyView>>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let counts = scoped.tx.survey_counts(program.id).await?;
    let views = scoped.tx.surveys_of(program.id).await?.into_iter().map(|s| view_with(s, &counts)).collect();
    scoped.tx.commit().await?;
    Ok(web::Json(views))
}

/// Writes a survey as a draft, from the company's template for its kind and audience (or the
/// product's, in English and Japanese) unless questions are given. Nobody is asked until it
/// is opened.
#[utoipa::path(
    tag = "feedback",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    request_body = SurveyRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 201, body = SurveyView))
)]
#[post("/programs/{program_id}/surveys")]
pub async fn create_survey(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<ProgramId>,
    locale: RequestLocale,
    body: Json<SurveyRequest>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let draft = read_survey(&scoped.tx, &program, body, locale.0).await?;
    let survey = scoped.tx.insert_survey(program.id, draft).await?;
    audit(
        &scoped,
        "survey.created",
        "survey",
        Some(survey.id.as_uuid()),
        json!({ "program": program.id, "kind": survey.kind }),
    )
    .await?;
    let view = survey_view(&scoped.tx, survey).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::Created().json(view))
}

/// One survey of the program.
#[utoipa::path(
    tag = "feedback",
    params(
        ("program_id" = ProgramId, Path, description = "The program's id"),
        ("survey_id" = SurveyId, Path, description = "The survey's id"),
    ),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = SurveyView))
)]
#[get("/programs/{program_id}/surveys/{survey_id}")]
pub async fn get_survey(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<(ProgramId, SurveyId)>,
) -> Result<web::Json<SurveyView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let (program, survey) = path.into_inner();
    let survey = scoped.tx.survey(program, survey).await?;
    let view = survey_view(&scoped.tx, survey).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(view))
}

/// Rewrites a draft survey (every field; left-out questions start again from the template).
#[utoipa::path(
    tag = "feedback",
    params(
        ("program_id" = ProgramId, Path, description = "The program's id"),
        ("survey_id" = SurveyId, Path, description = "The survey's id"),
    ),
    request_body = SurveyRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = SurveyView), (status = 409, description = "The survey is not a draft"))
)]
#[put("/programs/{program_id}/surveys/{survey_id}")]
pub async fn update_survey(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<(ProgramId, SurveyId)>,
    locale: RequestLocale,
    body: Json<SurveyRequest>,
) -> Result<web::Json<SurveyView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let (program, survey) = path.into_inner();
    let program = scoped.tx.program(program).await?;
    let existing = scoped.tx.survey(program.id, survey).await?;
    if existing.state != SurveyState::Draft {
        return Err(ApiError::Conflict(Reason::SurveyNotDraft));
    }
    let draft = read_survey(&scoped.tx, &program, body, locale.0).await?;
    let survey = scoped.tx.update_survey(program.id, existing.id, draft).await?;
    audit(&scoped, "survey.updated", "survey", Some(survey.id.as_uuid()), json!({ "program": program.id })).await?;
    let view = survey_view(&scoped.tx, survey).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(view))
}

/// Deletes a draft survey.
#[utoipa::path(
    tag = "feedback",
    params(
        ("program_id" = ProgramId, Path, description = "The program's id"),
        ("survey_id" = SurveyId, Path, description = "The survey's id"),
    ),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 204, description = "Deleted"), (status = 409, description = "The survey is not a draft"))
)]
#[delete("/programs/{program_id}/surveys/{survey_id}")]
pub async fn delete_survey(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<(ProgramId, SurveyId)>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let (program, survey) = path.into_inner();
    let survey = scoped.tx.survey(program, survey).await?;
    if survey.state != SurveyState::Draft {
        return Err(ApiError::Conflict(Reason::SurveyNotDraft));
    }
    scoped.tx.delete_draft_survey(program, survey.id).await?;
    audit(&scoped, "survey.deleted", "survey", Some(survey.id.as_uuid()), json!({ "program": program })).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Opens a draft survey: everyone it is for (members of the program's pairs on the audience's
/// side) is emailed a personal link, in their language.
#[utoipa::path(
    tag = "feedback",
    params(
        ("program_id" = ProgramId, Path, description = "The program's id"),
        ("survey_id" = SurveyId, Path, description = "The survey's id"),
    ),
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, body = SurveyView),
        (status = 409, description = "Not a draft, the program has not launched, or nobody to ask"),
    )
)]
#[post("/programs/{program_id}/surveys/{survey_id}/open")]
pub async fn open_survey(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<(ProgramId, SurveyId)>,
) -> Result<web::Json<SurveyView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let (program, survey) = path.into_inner();
    let program = scoped.tx.program(program).await?;
    let survey = scoped.tx.survey(program.id, survey).await?;
    if survey.state != SurveyState::Draft {
        return Err(ApiError::Conflict(Reason::SurveyNotDraft));
    }
    if !matches!(program.state, ProgramState::Active | ProgramState::Completed) {
        return Err(ApiError::Conflict(Reason::ProgramNotActive));
    }
    let pairs = scoped.tx.pairs_in_states(program.id, &tandem_jobs::feedback::SURVEYED).await?;
    if tandem_jobs::feedback::survey_audience(&pairs, program.design.kind, survey.audience).is_empty() {
        return Err(ApiError::Conflict(Reason::SurveyNobodyToAsk));
    }
    if !scoped.tx.set_survey_state(survey.id, SurveyState::Draft, SurveyState::Open).await? {
        return Err(ApiError::Conflict(Reason::SurveyNotDraft));
    }
    let task = Task::SurveyInvitations(SurveyTask { survey: survey.id });
    scoped
        .tx
        .enqueue(NewJob::new(scoped.tx.tenant_id(), &task, format!("survey-open:{}", survey.id), Utc::now()))
        .await?;
    audit(&scoped, "survey.opened", "survey", Some(survey.id.as_uuid()), json!({ "program": program.id })).await?;
    let view = survey_view(&scoped.tx, scoped.tx.survey(program.id, survey.id).await?).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(view))
}

/// Closes an open survey: no more answers are taken.
#[utoipa::path(
    tag = "feedback",
    params(
        ("program_id" = ProgramId, Path, description = "The program's id"),
        ("survey_id" = SurveyId, Path, description = "The survey's id"),
    ),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = SurveyView), (status = 409, description = "The survey is not open"))
)]
#[post("/programs/{program_id}/surveys/{survey_id}/close")]
pub async fn close_survey(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<(ProgramId, SurveyId)>,
) -> Result<web::Json<SurveyView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let (program, survey) = path.into_inner();
    let survey = scoped.tx.survey(program, survey).await?;
    if !scoped.tx.set_survey_state(survey.id, SurveyState::Open, SurveyState::Closed).await? {
        return Err(ApiError::Conflict(Reason::SurveyNotOpen));
    }
    audit(&scoped, "survey.closed", "survey", Some(survey.id.as_uuid()), json!({ "program": program })).await?;
    let view = survey_view(&scoped.tx, scoped.tx.survey(program, survey.id).await?).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(view))
}

/// Reminds everyone who has not answered an open survey (at most once a day).
#[utoipa::path(
    tag = "feedback",
    params(
        ("program_id" = ProgramId, Path, description = "The program's id"),
        ("survey_id" = SurveyId, Path, description = "The survey's id"),
    ),
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 202, description = "Reminders are on their way"),
        (status = 409, description = "The survey is not open"),
    )
)]
#[post("/programs/{program_id}/surveys/{survey_id}/reminders")]
pub async fn remind_survey(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<(ProgramId, SurveyId)>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let (program, survey) = path.into_inner();
    let survey = scoped.tx.survey(program, survey).await?;
    let today = Utc::now().date_naive();
    if !takes_answers(&survey, today) {
        return Err(ApiError::Conflict(Reason::SurveyNotOpen));
    }
    let task = Task::SurveyReminder(SurveyTask { survey: survey.id });
    let key = format!("survey-reminder:{}:{today}", survey.id);
    scoped.tx.enqueue(NewJob::new(scoped.tx.tenant_id(), &task, key, Utc::now())).await?;
    audit(&scoped, "survey.reminded", "survey", Some(survey.id.as_uuid()), json!({ "program": program })).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::Accepted().finish())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyResultsView {
    pub survey: SurveyView,
    pub results: SurveyResults,
}

/// What a survey's respondents answered, for everyone and, where every role is large enough,
/// per role. Anonymous surveys show nothing of a group, or of a question, fewer than five
/// answered; nothing here names a respondent.
#[utoipa::path(
    tag = "feedback",
    params(
        ("program_id" = ProgramId, Path, description = "The program's id"),
        ("survey_id" = SurveyId, Path, description = "The survey's id"),
    ),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = SurveyResultsView))
)]
#[get("/programs/{program_id}/surveys/{survey_id}/results")]
pub async fn survey_results(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<(ProgramId, SurveyId)>,
) -> Result<web::Json<SurveyResultsView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let (program, survey) = path.into_inner();
    let survey = scoped.tx.survey(program, survey).await?;
    let results = results_of(&scoped.tx, &survey).await?;
    let view = survey_view(&scoped.tx, survey).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(SurveyResultsView { survey: view, results }))
}

/// A survey's results, through the anonymity rules.
pub async fn results_of(tx: &TenantTx, survey: &SurveyRecord) -> Result<SurveyResults, ApiError> {
    let responses: Vec<SurveyResponse> = tx
        .survey_responses(survey.id)
        .await?
        .into_iter()
        .map(|r| SurveyResponse { role: r.role, answers: r.answers })
        .collect();
    Ok(summarise(&survey.questions, &responses, survey.anonymous))
}

// The company's survey templates.

#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyTemplateView {
    pub kind: SurveyKind,
    pub audience: ParticipantRole,
    pub questions: Vec<SurveyQuestion>,
    /// Whether these are the company's own questions (else the product's).
    pub custom: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"questions": [{"key": "going", "label": "Our pairing is going well.", "labels": {"ja": "ペアの活動は順調に進んでいる。"}, "kind": "scale", "required": true}]}))]
pub struct SurveyTemplateRequest {
    pub questions: Vec<SurveyQuestion>,
}

/// The questions new surveys of a kind and audience start from: the company's own, or the
/// product's (in English and Japanese).
#[utoipa::path(
    tag = "feedback",
    params(
        ("kind" = SurveyKind, Path, description = "The survey kind"),
        ("audience" = ParticipantRole, Path, description = "Who it is for"),
    ),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = SurveyTemplateView))
)]
#[get("/survey-templates/{kind}/{audience}")]
pub async fn get_survey_template(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<(SurveyKind, ParticipantRole)>,
) -> Result<web::Json<SurveyTemplateView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let (kind, audience) = path.into_inner();
    let custom = scoped.tx.survey_template(kind, audience).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(SurveyTemplateView {
        kind,
        audience,
        custom: custom.is_some(),
        questions: custom.unwrap_or_else(|| template(kind, audience)),
    }))
}

/// Keeps the company's own questions for new surveys of a kind and audience.
#[utoipa::path(
    tag = "feedback",
    params(
        ("kind" = SurveyKind, Path, description = "The survey kind"),
        ("audience" = ParticipantRole, Path, description = "Who it is for"),
    ),
    request_body = SurveyTemplateRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = SurveyTemplateView))
)]
#[put("/survey-templates/{kind}/{audience}")]
pub async fn put_survey_template(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<(SurveyKind, ParticipantRole)>,
    body: Json<SurveyTemplateRequest>,
) -> Result<web::Json<SurveyTemplateView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let (kind, audience) = path.into_inner();
    let mut fields = Fields::default();
    for reason in survey_question_problems(&body.questions) {
        fields.push("questions", reason);
    }
    fields.finish(|| Some(()))?;
    scoped.tx.put_survey_template(kind, audience, &body.questions).await?;
    audit(&scoped, "survey_template.changed", "survey_template", None, json!({ "kind": kind, "audience": audience }))
        .await?;
    scoped.tx.commit().await?;
    Ok(web::Json(SurveyTemplateView { kind, audience, questions: body.questions, custom: true }))
}

/// Goes back to the product's questions for a kind and audience.
#[utoipa::path(
    tag = "feedback",
    params(
        ("kind" = SurveyKind, Path, description = "The survey kind"),
        ("audience" = ParticipantRole, Path, description = "Who it is for"),
    ),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 204, description = "The product's questions are used again"))
)]
#[delete("/survey-templates/{kind}/{audience}")]
pub async fn delete_survey_template(
    ctx: TenantCtx,
    db: web::Data<tandem_store::Db>,
    path: web::Path<(SurveyKind, ParticipantRole)>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let (kind, audience) = path.into_inner();
    if scoped.tx.delete_survey_template(kind, audience).await? {
        audit(&scoped, "survey_template.reset", "survey_template", None, json!({ "kind": kind, "audience": audience }))
            .await?;
    }
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
