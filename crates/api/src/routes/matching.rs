//! Matching (step 4): runs of the solver over a program's accepted applicants, their proposals
//! in blind review, revealing names (audited), and the locks and forbids every run keeps.
//! The scoring, the modes and the certificate are explained in docs/matching.md.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tandem_domain::PairId;
use tandem_domain::emails::{Email, MatchIntroductionEmail, MatchWaitlistEmail, PairEndedEmail};
use tandem_domain::matching::criteria::{Constraints, Criterion, MAX_WEIGHT, Part, Scored, Settings, Weights};
use tandem_domain::matching::fairness::FairnessReport;
use tandem_domain::matching::review::{BlindProfile, Findings};
use tandem_domain::matching::run::{Change, ChangeKind, EditKind, LeftOut, Mode, PairState, RunState};
use tandem_domain::programs::{ParticipantRole, ProgramKind, ProgramState};
use tandem_domain::{Locale, MatchingEditId, MatchingRunId, Permission, PersonId, ProgramId, ProposalId, Reason};
use tandem_store::{
    Db, MatchingEditRecord, MatchingRunRecord, NewAuditEvent, NewJob, PairRecord, PersonRecord, ProposalRecord,
    TenantTx,
};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Scoped, TenantCtx};
use crate::error::{ApiError, Fields};
use crate::http::Json;
use crate::locale::RequestLocale;
use crate::pagination::{ListQuery, Paginated};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(matching_settings)
        .service(start_run)
        .service(list_runs)
        .service(get_run)
        .service(list_proposals)
        .service(list_unmatched)
        .service(reveal)
        .service(publish)
        .service(compare_runs)
        .service(list_pairs)
        .service(list_edits)
        .service(add_edit)
        .service(delete_edit)
        .service(change_proposals)
        .service(withdraw_pair);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatchingSettings {
    pub kind: ProgramKind,
    /// The modes this program may run (a mutual program has no stable mode).
    pub modes: Vec<Mode>,
    /// The mode to start from.
    pub mode: Mode,
    /// The criteria, each scored 0..1 and weighted 0..10.
    pub criteria: Vec<Criterion>,
    /// The preset for the program's kind, and the default constraints.
    pub preset: Settings,
}

fn modes(kind: ProgramKind) -> Vec<Mode> {
    Mode::ALL.iter().copied().filter(|m| *m != Mode::Stable || kind != ProgramKind::Mutual).collect()
}

/// What a matching run of this program starts from: its modes, the criteria and the preset
/// weights for its kind of program.
#[utoipa::path(
    tag = "matching",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "Modes, criteria and the preset", body = MatchingSettings))
)]
#[get("/programs/{program_id}/matching-settings")]
pub async fn matching_settings(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
) -> Result<web::Json<MatchingSettings>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let kind = scoped.tx.program(path.into_inner()).await?.design.kind;
    scoped.tx.commit().await?;
    Ok(web::Json(MatchingSettings {
        kind,
        modes: modes(kind),
        mode: Mode::MostPairs,
        criteria: Criterion::ALL.to_vec(),
        preset: Settings::preset(kind),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"mode": "most_pairs", "weights": {"skills": 5, "cross_department": 3, "seniority": 2}, "constraints": {"common_language": true, "min_overlap_hours": 2}}))]
pub struct StartRun {
    /// Default `most_pairs`.
    pub mode: Option<Mode>,
    /// Weights from 0 to 10 by criterion; the preset of the program's kind when absent.
    pub weights: Option<Weights>,
    pub constraints: Option<Constraints>,
}

/// A matching run: where it is, and what it found once done.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "program_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e70", "mode": "most_pairs", "settings": {"weights": {"skills": 5.0, "cross_department": 3.0}, "constraints": {"common_language": true, "min_overlap_hours": 2.0}}, "state": "done", "progress": 100, "error": null, "total": 231.5, "pairs": 20, "unmatched": 2, "proven_optimal": true, "blocking_pairs": 1, "candidate_pairs": 440, "barred_pairs": 31, "roles_chosen": 0, "fairness": null, "created_at": "2026-12-06T09:00:00Z", "finished_at": "2026-12-06T09:00:01Z", "published_at": null}))]
pub struct MatchingRunView {
    pub id: MatchingRunId,
    pub program_id: ProgramId,
    pub mode: Mode,
    pub settings: Settings,
    pub state: RunState,
    /// 0..=100, for a progress bar.
    pub progress: u8,
    /// Why it failed.
    pub error: Option<String>,
    /// The sum of the proposed pairs' scores.
    pub total: Option<f64>,
    pub pairs: Option<u32>,
    pub unmatched: Option<u32>,
    /// The optimality certificate was checked and holds (best total and most pairs).
    pub proven_optimal: bool,
    /// Pairs who would both rather be with each other than with whom they got.
    pub blocking_pairs: Option<u32>,
    /// Pairs scored, and pairs kept out by a hard constraint.
    pub candidate_pairs: Option<usize>,
    pub barred_pairs: Option<usize>,
    /// "Either" applicants given a role before solving (see docs/matching.md).
    pub roles_chosen: Option<usize>,
    pub fairness: Option<FairnessReport>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// When its proposals became the program's pairs; a run is published once.
    pub published_at: Option<DateTime<Utc>>,
}

fn findings(record: &MatchingRunRecord) -> Result<Option<Findings>, ApiError> {
    record
        .result
        .clone()
        .map(serde_json::from_value)
        .transpose()
        .map_err(|err| ApiError::Unexpected(anyhow::anyhow!("a run's findings do not read: {err}")))
}

fn run_view(record: MatchingRunRecord) -> Result<MatchingRunView, ApiError> {
    let settings: Settings = serde_json::from_value(record.settings.clone())
        .map_err(|err| ApiError::Unexpected(anyhow::anyhow!("a run's settings do not read: {err}")))?;
    let found = findings(&record)?;
    Ok(MatchingRunView {
        id: record.id,
        program_id: record.program_id,
        mode: record.mode,
        settings,
        state: record.state,
        progress: record.progress,
        error: record.error,
        total: record.total,
        pairs: record.pairs,
        unmatched: record.unmatched,
        proven_optimal: record.proven_optimal,
        blocking_pairs: record.blocking_pairs,
        candidate_pairs: found.as_ref().map(|f| f.candidate_pairs),
        barred_pairs: found.as_ref().map(|f| f.barred_pairs),
        roles_chosen: found.as_ref().map(|f| f.roles_chosen.len()),
        fairness: found.map(|f| f.fairness),
        created_at: record.created_at,
        finished_at: record.finished_at,
        published_at: record.published_at,
    })
}

async fn audit(
    scoped: &Scoped,
    action: &'static str,
    target_kind: &'static str,
    id: uuid::Uuid,
    details: serde_json::Value,
) -> Result<(), ApiError> {
    scoped
        .tx
        .record(NewAuditEvent { actor: scoped.audit_actor(), action, target_kind, target_id: Some(id), details })
        .await?;
    Ok(())
}

/// Starts a matching run over the program's accepted applicants. The run is a job: it answers
/// at once (202) and goes queued → scoring → solving → done (or failed); follow it with
/// `GET /matching-runs/{run_id}`. Locks and forbids of the program are kept.
#[utoipa::path(
    tag = "matching",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    request_body = StartRun,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 202, description = "The run, queued", body = MatchingRunView),
        (status = 409, description = "The program is not recruiting, matching or active"),
    )
)]
#[post("/programs/{program_id}/matching-runs")]
pub async fn start_run(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    body: Json<StartRun>,
) -> Result<HttpResponse, ApiError> {
    // The role first, then the body, then the program: a viewer learns nothing from a body.
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let kind = program.design.kind;
    let mode = body.mode.unwrap_or(Mode::MostPairs);
    let weights = body.weights.unwrap_or_else(|| Weights::preset(kind));
    let constraints = body.constraints.unwrap_or_default();
    let mut fields = Fields::default();
    for criterion in weights.out_of_range() {
        fields.push(&format!("weights.{criterion}"), Reason::WeightOutOfRange { max: MAX_WEIGHT as u8 });
    }
    if !(0.0..=9.0).contains(&constraints.min_overlap_hours) {
        fields.push("constraints.min_overlap_hours", Reason::Between { min: 0, max: 9 });
    }
    if !modes(kind).contains(&mode) {
        fields.push("mode", Reason::StableNeedsTwoSides);
    }
    fields.finish(|| Some(()))?;
    // Active programs re-match the people a withdrawal left free.
    if !matches!(program.state, ProgramState::Recruiting | ProgramState::Matching | ProgramState::Active) {
        return Err(ApiError::Conflict(Reason::ProgramNotMatching { state: program.state }));
    }
    let record = queue_run(&scoped, program.id, mode, &Settings { weights, constraints }).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::Accepted().json(run_view(record)?))
}

/// Creates a run and queues its job; the caller commits.
async fn queue_run(
    scoped: &Scoped,
    program: ProgramId,
    mode: Mode,
    settings: &Settings,
) -> Result<MatchingRunRecord, ApiError> {
    let stored = serde_json::to_value(settings).map_err(|err| ApiError::Unexpected(err.into()))?;
    let record = scoped.tx.create_matching_run(program, mode, &stored).await?;
    let task = tandem_domain::jobs::Task::MatchingRun(tandem_domain::jobs::MatchingRunTask { run: record.id });
    scoped
        .tx
        .enqueue(NewJob::new(scoped.tx.tenant_id(), &task, format!("matching-run:{}", record.id), Utc::now()))
        .await?;
    audit(scoped, "matching_run.started", "matching_run", record.id.as_uuid(), json!({ "mode": mode })).await?;
    Ok(record)
}

/// A program's matching runs, newest first.
#[utoipa::path(
    tag = "matching",
    params(("program_id" = ProgramId, Path, description = "The program's id"), ListQuery),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "A page of runs", body = Paginated<MatchingRunView>))
)]
#[get("/programs/{program_id}/matching-runs")]
pub async fn list_runs(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Paginated<MatchingRunView>>, ApiError> {
    let page = query.page()?;
    let scoped = ctx.open(&db, Permission::Read).await?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let runs = scoped.tx.matching_runs(program.id, page).await?;
    scoped.tx.commit().await?;
    let mut views = Vec::with_capacity(runs.items.len());
    let next = runs.next;
    for record in runs.items {
        views.push(run_view(record)?);
    }
    Ok(web::Json(Paginated::from_page(tandem_store::Page { items: views, next }, |v| v)))
}

/// One matching run, with its totals, certificate check and fairness report once done.
#[utoipa::path(
    tag = "matching",
    params(("run_id" = MatchingRunId, Path, description = "The run's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The run", body = MatchingRunView))
)]
#[get("/matching-runs/{run_id}")]
pub async fn get_run(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<MatchingRunId>,
) -> Result<web::Json<MatchingRunView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let record = scoped.tx.matching_run(path.into_inner()).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(run_view(record)?))
}

/// A proposed pair in blind review: pseudonyms and job attributes, never names.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "mentor": {"pseudonym": "P-017", "role": "mentor", "level_band": "1–3", "department": "Marketing", "function": null, "region": "Kanto", "executive": false}, "mentee": {"pseudonym": "P-003", "role": "mentee", "level_band": "10–12", "department": "Finance", "function": null, "region": "Kansai", "executive": true}, "score": 11.5, "parts": [{"criterion": "skills", "value": 0.5, "weight": 5.0, "detail": {"kind": "skills", "topics": ["tiktok"], "wanted": 2}}], "explanation": "From different departments (Marketing and Finance); can teach what the other wants to learn (tiktok).", "locked": false}))]
pub struct ProposalView {
    pub id: ProposalId,
    /// In mutual programs both are learners; `mentor` is simply the first.
    pub mentor: BlindProfile,
    pub mentee: BlindProfile,
    pub score: f64,
    /// The score criterion by criterion.
    pub parts: Vec<Part>,
    /// The pair's strongest reasons, in the request's language.
    #[schema(
        example = "From different departments (Marketing and Finance); can teach what the other wants to learn (python)."
    )]
    pub explanation: String,
    /// Kept by a lock.
    pub locked: bool,
}

fn profile(found: &Findings, person: PersonId) -> Result<BlindProfile, ApiError> {
    found.people.get(&person).cloned().ok_or_else(|| {
        ApiError::Unexpected(anyhow::anyhow!("a proposal names {person}, who is not among the run's people"))
    })
}

fn proposal_view(found: &Findings, record: ProposalRecord, locale: Locale) -> Result<ProposalView, ApiError> {
    let parts: Vec<Part> = serde_json::from_value(record.parts)
        .map_err(|err| ApiError::Unexpected(anyhow::anyhow!("a proposal's parts do not read: {err}")))?;
    let explanation = Scored { score: record.score, parts: parts.clone() }.explain(locale);
    Ok(ProposalView {
        id: record.id,
        mentor: profile(found, record.mentor)?,
        mentee: profile(found, record.mentee)?,
        score: record.score,
        parts,
        explanation,
        locked: record.locked,
    })
}

/// A run's proposed pairs, highest score first, in blind review.
#[utoipa::path(
    tag = "matching",
    params(("run_id" = MatchingRunId, Path, description = "The run's id"), ListQuery),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "A page of proposals", body = Paginated<ProposalView>))
)]
#[get("/matching-runs/{run_id}/proposals")]
pub async fn list_proposals(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<MatchingRunId>,
    query: web::Query<ListQuery>,
    locale: RequestLocale,
) -> Result<web::Json<Paginated<ProposalView>>, ApiError> {
    let page = query.page()?;
    let scoped = ctx.open(&db, Permission::Read).await?;
    let record = scoped.tx.matching_run(path.into_inner()).await?;
    let proposals = scoped.tx.proposals(record.id, page).await?;
    scoped.tx.commit().await?;
    let Some(found) = findings(&record)? else {
        return Ok(web::Json(Paginated { items: Vec::new(), next_cursor: None, total: None }));
    };
    let next = proposals.next;
    let mut items = Vec::with_capacity(proposals.items.len());
    for proposal in proposals.items {
        items.push(proposal_view(&found, proposal, locale.0)?);
    }
    Ok(web::Json(Paginated::from_page(tandem_store::Page { items, next }, |v| v)))
}

/// Someone a run left without a pair, in blind review, with the reason.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnmatchedView {
    pub person: BlindProfile,
    pub reason: LeftOut,
    /// The reason in the request's language.
    #[schema(example = "all 3 mentors are in their reporting line")]
    pub explanation: String,
}

/// Everyone a finished run left without a pair, and why.
#[utoipa::path(
    tag = "matching",
    params(("run_id" = MatchingRunId, Path, description = "The run's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The unmatched", body = Vec<UnmatchedView>))
)]
#[get("/matching-runs/{run_id}/unmatched")]
pub async fn list_unmatched(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<MatchingRunId>,
    locale: RequestLocale,
) -> Result<web::Json<Vec<UnmatchedView>>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let record = scoped.tx.matching_run(path.into_inner()).await?;
    scoped.tx.commit().await?;
    let Some(found) = findings(&record)? else { return Ok(web::Json(Vec::new())) };
    let mut views = Vec::with_capacity(found.unmatched.len());
    for left in &found.unmatched {
        let other_side = match left.role {
            ParticipantRole::Mentor => ParticipantRole::Mentee,
            ParticipantRole::Mentee => ParticipantRole::Mentor,
            ParticipantRole::Either => ParticipantRole::Either,
        };
        views.push(UnmatchedView {
            person: profile(&found, left.person)?,
            explanation: left.reason.describe(locale.0, other_side),
            reason: left.reason.clone(),
        });
    }
    Ok(web::Json(views))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RevealedPerson {
    #[schema(example = "P-017")]
    pub pseudonym: String,
    pub person_id: PersonId,
    #[schema(example = "Sato Kenji")]
    pub name: String,
    #[schema(example = "kenji.sato@sakura.example")]
    pub email: String,
}

/// Who is behind each pseudonym of a finished run. Recorded in the audit log with who asked
/// and when; blind review stays the default view.
#[utoipa::path(
    tag = "matching",
    params(("run_id" = MatchingRunId, Path, description = "The run's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The people behind the pseudonyms", body = Vec<RevealedPerson>),
        (status = 409, description = "The run is not done"),
    )
)]
#[post("/matching-runs/{run_id}/reveal")]
pub async fn reveal(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<MatchingRunId>,
) -> Result<web::Json<Vec<RevealedPerson>>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let record = scoped.tx.matching_run(path.into_inner()).await?;
    let Some(found) = findings(&record)? else { return Err(ApiError::Conflict(Reason::RunNotDone)) };
    let ids: Vec<PersonId> = found.people.keys().copied().collect();
    let people = scoped.tx.people_by_ids(&ids).await?;
    audit(&scoped, "matching_run.revealed", "matching_run", record.id.as_uuid(), json!({ "people": people.len() }))
        .await?;
    scoped.tx.commit().await?;
    let mut revealed: Vec<RevealedPerson> = people
        .into_iter()
        .filter_map(|p| {
            Some(RevealedPerson {
                pseudonym: found.people.get(&p.id)?.pseudonym.clone(),
                person_id: p.id,
                name: p.person.name,
                email: p.person.email.to_string(),
            })
        })
        .collect();
    revealed.sort_by(|a, b| a.pseudonym.cmp(&b.pseudonym));
    Ok(web::Json(revealed))
}

/// A lock (the pair is in every run) or a forbid (it never is).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "kind": "lock", "mentor_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "mentee_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e72", "mentor_pseudonym": "P-017", "mentee_pseudonym": "P-003", "created_at": "2026-12-06T09:00:00Z"}))]
pub struct MatchingEditView {
    pub id: MatchingEditId,
    pub kind: EditKind,
    pub mentor_id: PersonId,
    pub mentee_id: PersonId,
    /// The mentor's pseudonym in the run named by `run_id`, when asked for and they are in it.
    #[schema(example = "P-017")]
    pub mentor_pseudonym: Option<String>,
    #[schema(example = "P-003")]
    pub mentee_pseudonym: Option<String>,
    pub created_at: DateTime<Utc>,
}

fn edit_view(record: MatchingEditRecord, found: Option<&Findings>) -> MatchingEditView {
    let pseudonym = |id: PersonId| Some(found?.people.get(&id)?.pseudonym.clone());
    MatchingEditView {
        id: record.id,
        kind: record.kind,
        mentor_id: record.mentor,
        mentee_id: record.mentee,
        mentor_pseudonym: pseudonym(record.mentor),
        mentee_pseudonym: pseudonym(record.mentee),
        created_at: record.created_at,
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EditsQuery {
    /// Name each person by their pseudonym in this run of the program (blind review).
    pub run_id: Option<MatchingRunId>,
}

/// A finished run of `program`, or the field error that says it is not one.
async fn run_of(
    scoped: &Scoped,
    program: ProgramId,
    run: MatchingRunId,
) -> Result<(MatchingRunRecord, Option<Findings>), ApiError> {
    let record = scoped.tx.matching_run(run).await.map_err(|_| ApiError::field("run_id", Reason::NoSuchRun))?;
    if record.program_id != program {
        return Err(ApiError::field("run_id", Reason::NoSuchRun));
    }
    let found = findings(&record)?;
    Ok((record, found))
}

/// A program's locks and forbids, oldest first. With `run_id`, each names its people by their
/// pseudonyms in that run, as blind review shows them.
#[utoipa::path(
    tag = "matching",
    params(("program_id" = ProgramId, Path, description = "The program's id"), EditsQuery),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "Locks and forbids", body = Vec<MatchingEditView>))
)]
#[get("/programs/{program_id}/matching-edits")]
pub async fn list_edits(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    query: web::Query<EditsQuery>,
) -> Result<web::Json<Vec<MatchingEditView>>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let found = match query.run_id {
        Some(run) => run_of(&scoped, program.id, run).await?.1,
        None => None,
    };
    let edits = scoped.tx.matching_edits(program.id).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(edits.into_iter().map(|e| edit_view(e, found.as_ref())).collect()))
}

/// A pair to lock or forbid: by the pseudonyms of a run (from blind review), or by the
/// people's ids (a partner's own records).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "lock", "run_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "mentor": "P-017", "mentee": "P-003"}))]
pub struct NewMatchingEdit {
    pub kind: EditKind,
    /// The run whose pseudonyms `mentor` and `mentee` are.
    pub run_id: Option<MatchingRunId>,
    #[schema(example = "P-017")]
    pub mentor: Option<String>,
    #[schema(example = "P-003")]
    pub mentee: Option<String>,
    pub mentor_id: Option<PersonId>,
    pub mentee_id: Option<PersonId>,
}

/// Locks or forbids a pair for every run of the program (replacing an earlier decision on the
/// same pair). In mutual programs the order of the two does not matter.
#[utoipa::path(
    tag = "matching",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    request_body = NewMatchingEdit,
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 201, description = "The lock or forbid", body = MatchingEditView))
)]
#[post("/programs/{program_id}/matching-edits")]
pub async fn add_edit(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    body: Json<NewMatchingEdit>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let (mentor, mentee) = match (body.run_id, &body.mentor, &body.mentee, body.mentor_id, body.mentee_id) {
        (Some(run), Some(mentor), Some(mentee), None, None) => {
            let found = run_of(&scoped, program.id, run).await?.1.ok_or(ApiError::Conflict(Reason::RunNotDone))?;
            let by_name: BTreeMap<&str, PersonId> =
                found.people.iter().map(|(id, p)| (p.pseudonym.as_str(), *id)).collect();
            let mut fields = Fields::default();
            let mentor = fields.check("mentor", by_name.get(mentor.as_str()).copied().ok_or(Reason::NoSuchPerson));
            let mentee = fields.check("mentee", by_name.get(mentee.as_str()).copied().ok_or(Reason::NoSuchPerson));
            fields.finish(|| Some((mentor?, mentee?)))?
        }
        (None, None, None, Some(mentor), Some(mentee)) => {
            let found = scoped.tx.people_by_ids(&[mentor, mentee]).await?;
            let mut fields = Fields::default();
            for (field, id) in [("mentor_id", mentor), ("mentee_id", mentee)] {
                if !found.iter().any(|p| p.id == id) {
                    fields.push(field, Reason::NoSuchPerson);
                }
            }
            fields.finish(|| Some((mentor, mentee)))?
        }
        _ => return Err(ApiError::field("run_id", Reason::EditNamesAPairOnce)),
    };
    if mentor == mentee {
        return Err(ApiError::field("mentee", Reason::PairOfOne));
    }
    let record = scoped.tx.set_matching_edit(program.id, body.kind, mentor, mentee).await?;
    let action = match body.kind {
        EditKind::Lock => "matching.pair_locked",
        EditKind::Forbid => "matching.pair_forbidden",
    };
    audit(&scoped, action, "program", program.id.as_uuid(), json!({ "edit": record.id })).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::Created().json(edit_view(record, None)))
}

/// Takes back a lock or forbid.
#[utoipa::path(
    tag = "matching",
    params(
        ("program_id" = ProgramId, Path, description = "The program's id"),
        ("edit_id" = MatchingEditId, Path, description = "The lock's or forbid's id"),
    ),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 204, description = "Taken back"))
)]
#[delete("/programs/{program_id}/matching-edits/{edit_id}")]
pub async fn delete_edit(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<(ProgramId, MatchingEditId)>,
) -> Result<HttpResponse, ApiError> {
    let (program, edit) = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    scoped.tx.delete_matching_edit(program, edit).await?;
    audit(&scoped, "matching.edit_removed", "program", program.as_uuid(), json!({ "edit": edit })).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A one-step change to a finished run's proposals, by the run's pseudonyms. In mutual
/// programs `mentor` and `mentee` are a pair's first and second member, as proposals show them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "swap", "mentor": "P-017", "mentee": "P-003", "other_mentor": "P-020", "other_mentee": "P-008"}))]
pub struct ProposalChange {
    /// `swap`: two proposed pairs exchange their mentees; `remove`: the pair is not to be made;
    /// `pair`: make this pair by hand.
    pub kind: ChangeKind,
    #[schema(example = "P-017")]
    pub mentor: String,
    #[schema(example = "P-003")]
    pub mentee: String,
    /// The second proposed pair of a swap.
    #[schema(example = "P-020")]
    pub other_mentor: Option<String>,
    #[schema(example = "P-008")]
    pub other_mentee: Option<String>,
}

/// Changes a finished run's proposals in one step and runs again: a swap locks the two new
/// pairs and forbids the two it breaks, a removal forbids the pair, a pair made by hand is
/// locked. The locks and forbids stay for every later run (see `/matching-edits`), and the new
/// run, with the same mode and settings, finds the best result that keeps them; it answers at
/// once (202), like starting a run. A lock the rules do not allow (a reporting line, no common
/// language) makes the new run fail, saying why.
#[utoipa::path(
    tag = "matching",
    params(("run_id" = MatchingRunId, Path, description = "The run whose proposals change")),
    request_body = ProposalChange,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 202, description = "The new run, queued", body = MatchingRunView),
        (status = 409, description = "The run is not done, or the program is not recruiting, matching or active"),
    )
)]
#[post("/matching-runs/{run_id}/changes")]
pub async fn change_proposals(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<MatchingRunId>,
    body: Json<ProposalChange>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let run = scoped.tx.matching_run(path.into_inner()).await?;
    let found = findings(&run)?.ok_or(ApiError::Conflict(Reason::RunNotDone))?;
    let program = scoped.tx.program(run.program_id).await?;
    let change = read_change(&scoped.tx, &run, &found, program.design.kind, &body).await?;
    if !matches!(program.state, ProgramState::Recruiting | ProgramState::Matching | ProgramState::Active) {
        return Err(ApiError::Conflict(Reason::ProgramNotMatching { state: program.state }));
    }
    let mut edits = Vec::new();
    for (kind, mentor, mentee) in change.edits() {
        edits.push(scoped.tx.set_matching_edit(program.id, kind, mentor, mentee).await?.id);
    }
    let details = json!({ "from_run": run.id, "kind": body.kind, "edits": edits });
    audit(&scoped, "matching_run.changed", "matching_run", run.id.as_uuid(), details).await?;
    let settings: Settings = serde_json::from_value(run.settings.clone())
        .map_err(|err| ApiError::Unexpected(anyhow::anyhow!("a run's settings do not read: {err}")))?;
    let record = queue_run(&scoped, program.id, run.mode, &settings).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::Accepted().json(run_view(record)?))
}

/// The change a request names, checked against the run: its pseudonyms, its proposals, and
/// (two-sided programs) the side each person is on.
async fn read_change(
    tx: &TenantTx,
    run: &MatchingRunRecord,
    found: &Findings,
    kind: ProgramKind,
    body: &ProposalChange,
) -> Result<Change, ApiError> {
    let by_name: BTreeMap<&str, (PersonId, ParticipantRole)> =
        found.people.iter().map(|(id, p)| (p.pseudonym.as_str(), (*id, p.role))).collect();
    let lookup = |name: &str| by_name.get(name).copied().ok_or(Reason::NoSuchPerson);
    let mut fields = Fields::default();
    let mentor = fields.check("mentor", lookup(&body.mentor));
    let mentee = fields.check("mentee", lookup(&body.mentee));
    let other = match (body.kind, body.other_mentor.as_deref(), body.other_mentee.as_deref()) {
        (ChangeKind::Swap, Some(m), Some(e)) => {
            let (m, e) = (fields.check("other_mentor", lookup(m)), fields.check("other_mentee", lookup(e)));
            m.zip(e)
        }
        (ChangeKind::Swap, _, _) | (_, Some(_), _) | (_, _, Some(_)) => {
            fields.push("other_mentor", Reason::SwapNeedsTwoPairs);
            None
        }
        _ => None,
    };
    if let (Some((a, a_role)), Some((x, x_role))) = (mentor, mentee) {
        let two_sided = kind != ProgramKind::Mutual;
        if a == x {
            fields.push("mentee", Reason::PairOfOne);
        } else if body.kind == ChangeKind::Pair && two_sided {
            if a_role == ParticipantRole::Mentee {
                fields.push("mentor", Reason::WrongSide);
            }
            if x_role == ParticipantRole::Mentor {
                fields.push("mentee", Reason::WrongSide);
            }
        }
        if let Some(((b, _), (y, _))) = other
            && [b, y].iter().any(|p| [a, x].contains(p))
        {
            fields.push("other_mentor", Reason::SwapChangesNothing);
        }
    }
    let change = fields.finish(|| {
        let (a, x) = (mentor?.0, mentee?.0);
        Some(match body.kind {
            ChangeKind::Swap => {
                let ((b, _), (y, _)) = other?;
                Change::Swap { first: (a, x), second: (b, y) }
            }
            ChangeKind::Remove => Change::Remove(a, x),
            ChangeKind::Pair => Change::Pair(a, x),
        })
    })?;
    // A swap and a removal change what the run proposes: their pairs must be proposals.
    let named: Vec<(&str, (PersonId, PersonId))> = match change {
        Change::Swap { first, second } => vec![("mentee", first), ("other_mentee", second)],
        Change::Remove(a, x) => vec![("mentee", (a, x))],
        Change::Pair(..) => vec![],
    };
    if !named.is_empty() {
        let proposed: std::collections::HashSet<(PersonId, PersonId)> =
            tx.all_proposals(run.id).await?.into_iter().map(|p| (p.mentor, p.mentee)).collect();
        let mut fields = Fields::default();
        for (field, (a, x)) in named {
            if !proposed.contains(&(a, x)) && !proposed.contains(&(x, a)) {
                fields.push(field, Reason::NotAProposal);
            }
        }
        fields.finish(|| Some(()))?;
    }
    Ok(change)
}

/// What publishing did.
#[derive(Debug, Serialize, ToSchema)]
pub struct Published {
    /// Pairs made from the run's proposals.
    #[schema(example = 20)]
    pub pairs: usize,
    /// Introductions queued, one to each member of each pair, in their language.
    #[schema(example = 40)]
    pub introductions: usize,
    /// People the run left without a partner, told so kindly.
    #[schema(example = 3)]
    pub waitlisted: usize,
    /// Proposals left out because a member is already in an active pair of the program.
    #[schema(example = 0)]
    pub skipped: usize,
    /// The program's state after publishing: a matching program goes active with its first
    /// pairs.
    pub program_state: ProgramState,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PublishQuery {
    /// Say what publishing would do, and do nothing: no pair is made and nothing is sent.
    #[serde(default)]
    pub dry_run: bool,
}

/// Publishes a finished run: its proposals become the program's pairs, each member is emailed
/// an introduction to their partner with why they were matched (in their language, once), and
/// those it left out are told they wait for a partner. A run is published once; a matching
/// program goes active with its first pairs (its campaigns are closed already). With
/// `dry_run=true` the answer is the same and nothing is done.
#[utoipa::path(
    tag = "matching",
    params(("run_id" = MatchingRunId, Path, description = "The run's id"), PublishQuery),
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "What was published and sent", body = Published),
        (status = 409, description = "The run is not done or is published already, or the program is neither matching nor active"),
    )
)]
#[post("/matching-runs/{run_id}/publish")]
pub async fn publish(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<MatchingRunId>,
    query: web::Query<PublishQuery>,
) -> Result<web::Json<Published>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let run = scoped.tx.matching_run(path.into_inner()).await?;
    let summary = publish_run(&scoped.tx, &run).await?;
    if query.dry_run {
        // The same steps, undone: what the answer says is what publishing would do now.
        scoped.tx.rollback().await?;
        return Ok(web::Json(summary));
    }
    let details = json!({ "pairs": summary.pairs, "waitlisted": summary.waitlisted, "skipped": summary.skipped,
        "program_state": summary.program_state });
    audit(&scoped, "matching_run.published", "matching_run", run.id.as_uuid(), details).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(summary))
}

/// Publishes `run` in `tx` (see [`publish`]); the caller records who did it and commits.
pub async fn publish_run(tx: &TenantTx, run: &MatchingRunRecord) -> Result<Published, ApiError> {
    let found = findings(run)?.ok_or(ApiError::Conflict(Reason::RunNotDone))?;
    let program = tx.program(run.program_id).await?;
    if !matches!(program.state, ProgramState::Matching | ProgramState::Active) {
        return Err(ApiError::Conflict(Reason::PublishWhileMatching { state: program.state }));
    }
    if !tx.mark_run_published(run.id).await? {
        return Err(ApiError::Conflict(Reason::RunPublishedAlready));
    }
    let paired = tx.paired_people(program.id).await?;
    let (proposals, skipped): (Vec<ProposalRecord>, Vec<ProposalRecord>) = tx
        .all_proposals(run.id)
        .await?
        .into_iter()
        .partition(|p| !paired.contains(&p.mentor) && !paired.contains(&p.mentee));
    let pairs = tx.create_pairs(program.id, run.id, &proposals).await?;
    // The program is active from its first published pairs.
    let program_state = if program.state == ProgramState::Matching && !pairs.is_empty() {
        tx.set_program_state(program.id, ProgramState::Matching, ProgramState::Active).await?;
        ProgramState::Active
    } else {
        program.state
    };
    // New members get the kickoff in their calendar too (those invited already are not sent
    // it again: each invitation has its own key).
    if let Some(kickoff) = tx.kickoff(program.id).await?.filter(|k| k.cancelled_at.is_none()) {
        super::launch::queue_invitations(tx, program.id, &kickoff).await?;
    }
    let waiting: Vec<PersonId> = found.unmatched.iter().map(|u| u.person).filter(|p| !paired.contains(p)).collect();
    let mut ids: Vec<PersonId> = pairs.iter().flat_map(|p| [p.mentor, p.mentee]).collect();
    ids.extend(&waiting);
    let people: BTreeMap<PersonId, PersonRecord> =
        tx.people_by_ids(&ids).await?.into_iter().map(|p| (p.id, p)).collect();
    let mutual = program.design.kind == ProgramKind::Mutual;
    let mut introductions = 0;
    for pair in &pairs {
        let parts: Vec<Part> = serde_json::from_value(pair.parts.clone())
            .map_err(|err| ApiError::Unexpected(anyhow::anyhow!("a pair's parts do not read: {err}")))?;
        let scored = Scored { score: pair.score, parts };
        let (Some(mentor), Some(mentee)) = (people.get(&pair.mentor), people.get(&pair.mentee)) else { continue };
        for (me, partner, role) in [(mentor, mentee, "mentor"), (mentee, mentor, "mentee")] {
            let role = if mutual { "learner" } else { role };
            let email = Email::MatchIntroduction(MatchIntroductionEmail {
                name: me.person.name.clone(),
                program: program.design.name.clone(),
                partner_name: partner.person.name.clone(),
                partner_email: partner.person.email.to_string(),
                partner_title: partner.person.title.clone().unwrap_or_default(),
                partner_department: partner.person.department.clone().unwrap_or_default(),
                role: role.to_owned(),
                why: scored.explain(me.person.preferred_locale),
            });
            tx.email_person(format!("pair:{}:introduction:{}", pair.id, me.id), email, me).await?;
            introductions += 1;
        }
    }
    for person in waiting.iter().filter_map(|id| people.get(id)) {
        let email = Email::MatchWaitlist(MatchWaitlistEmail {
            name: person.person.name.clone(),
            program: program.design.name.clone(),
        });
        tx.email_person(format!("run:{}:waitlist:{}", run.id, person.id), email, person).await?;
    }
    Ok(Published {
        pairs: pairs.len(),
        introductions,
        waitlisted: waiting.len(),
        skipped: skipped.len(),
        program_state,
    })
}

/// A member of a published pair: published pairs are no longer blind.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"person_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "name": "Sato Kenji", "department": "Finance", "title": "Head of Finance"}))]
pub struct PairMember {
    pub person_id: PersonId,
    #[schema(example = "Sato Kenji")]
    pub name: String,
    pub department: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "run_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e70", "mentor": {"person_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "name": "Mori Aoi", "department": "Marketing", "title": null}, "mentee": {"person_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e72", "name": "Sato Kenji", "department": "Finance", "title": "Head of Finance"}, "score": 11.5, "state": "active", "created_at": "2026-12-06T09:00:00Z", "ended_at": null}))]
pub struct PairView {
    pub id: PairId,
    /// The run it was published from.
    pub run_id: MatchingRunId,
    /// In mutual programs both are learners; `mentor` is simply the first.
    pub mentor: PairMember,
    pub mentee: PairMember,
    pub score: f64,
    pub state: PairState,
    pub created_at: DateTime<Utc>,
    /// When it was withdrawn.
    pub ended_at: Option<DateTime<Utc>>,
}

/// The members of a program's pairs as the console shows them (published pairs are not blind).
async fn pair_views(tx: &TenantTx, pairs: Vec<PairRecord>) -> Result<Vec<PairView>, ApiError> {
    let ids: Vec<PersonId> = pairs.iter().flat_map(|p| [p.mentor, p.mentee]).collect();
    let people: BTreeMap<PersonId, PersonRecord> =
        tx.people_by_ids(&ids).await?.into_iter().map(|p| (p.id, p)).collect();
    let member = |id: PersonId| {
        let person = people.get(&id);
        PairMember {
            person_id: id,
            name: person.map(|p| p.person.name.clone()).unwrap_or_default(),
            department: person.and_then(|p| p.person.department.clone()),
            title: person.and_then(|p| p.person.title.clone()),
        }
    };
    Ok(pairs
        .into_iter()
        .map(|p| PairView {
            id: p.id,
            run_id: p.run_id,
            mentor: member(p.mentor),
            mentee: member(p.mentee),
            score: p.score,
            state: p.state,
            created_at: p.created_at,
            ended_at: p.ended_at,
        })
        .collect())
}

/// A program's published pairs, oldest first.
#[utoipa::path(
    tag = "matching",
    params(("program_id" = ProgramId, Path, description = "The program's id"), ListQuery),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "A page of pairs", body = Paginated<PairView>))
)]
#[get("/programs/{program_id}/pairs")]
pub async fn list_pairs(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Paginated<PairView>>, ApiError> {
    let page = query.page()?;
    let scoped = ctx.open(&db, Permission::Read).await?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let pairs = scoped.tx.pairs(program.id, page).await?;
    let views = pair_views(&scoped.tx, pairs.items).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(Paginated::from_page(tandem_store::Page { items: views, next: pairs.next }, |v| v)))
}

/// A withdrawal from a published pair.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"person_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "reason": "Moved to the Osaka office"}))]
pub struct PairWithdrawal {
    /// The member who leaves the program; absent, the pair ends and both stay.
    pub person_id: Option<PersonId>,
    /// Why, for the audit log (at most 500 characters).
    #[schema(example = "Moved to the Osaka office")]
    pub reason: Option<String>,
}

const WITHDRAWAL_REASON_MAX: usize = 500;

/// Withdraws a published pair. The member who leaves (if one is named) leaves the program: their
/// application is withdrawn. Whoever stays is emailed, in their language, that the pair has
/// ended, and is free for the program's next matching run, which pairs only people without an
/// active pair. The pair is forbidden from then on (replacing any lock that made it), so no run
/// puts it together again.
#[utoipa::path(
    tag = "matching",
    params(("pair_id" = PairId, Path, description = "The pair's id")),
    request_body = PairWithdrawal,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The pair, withdrawn", body = PairView),
        (status = 409, description = "The pair has ended already"),
    )
)]
#[post("/pairs/{pair_id}/withdrawal")]
pub async fn withdraw_pair(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<PairId>,
    body: Json<PairWithdrawal>,
) -> Result<web::Json<PairView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let pair = scoped.tx.pair(path.into_inner()).await?;
    let mut fields = Fields::default();
    if body.person_id.is_some_and(|p| p != pair.mentor && p != pair.mentee) {
        fields.push("person_id", Reason::NotInThePair);
    }
    if body.reason.as_ref().is_some_and(|r| r.chars().count() > WITHDRAWAL_REASON_MAX) {
        fields.push("reason", Reason::TooLong { max: WITHDRAWAL_REASON_MAX });
    }
    fields.finish(|| Some(()))?;
    end_pair(&scoped.tx, &pair, body.person_id).await?;
    let details = json!({ "leaver": body.person_id, "reason": body.reason });
    audit(&scoped, "pair.withdrawn", "pair", pair.id.as_uuid(), details).await?;
    let withdrawn = scoped.tx.pair(pair.id).await?;
    let view = pair_views(&scoped.tx, vec![withdrawn]).await?.pop();
    scoped.tx.commit().await?;
    view.map(web::Json).ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("a withdrawn pair has no view")))
}

/// Ends a published pair early: it is withdrawn, forbidden from then on (replacing any lock that
/// made it), the member who leaves (if one does) leaves the program, and whoever stays is
/// emailed in their language that the pair has ended. 409 when it had ended already.
pub async fn end_pair(tx: &TenantTx, pair: &PairRecord, leaver: Option<PersonId>) -> Result<(), ApiError> {
    if !tx.withdraw_pair(pair.id).await? {
        return Err(ApiError::Conflict(Reason::PairEnded));
    }
    tx.set_matching_edit(pair.program_id, EditKind::Forbid, pair.mentor, pair.mentee).await?;
    if let Some(leaver) = leaver {
        tx.withdraw_from_program(pair.program_id, leaver).await?;
    }
    let program = tx.program(pair.program_id).await?;
    let people: BTreeMap<PersonId, PersonRecord> =
        tx.people_by_ids(&[pair.mentor, pair.mentee]).await?.into_iter().map(|p| (p.id, p)).collect();
    for (me, partner) in [(pair.mentor, pair.mentee), (pair.mentee, pair.mentor)] {
        let (Some(me), Some(partner)) = (people.get(&me), people.get(&partner)) else { continue };
        if leaver == Some(me.id) {
            continue;
        }
        let email = Email::PairEnded(PairEndedEmail {
            name: me.person.name.clone(),
            program: program.design.name.clone(),
            partner_name: partner.person.name.clone(),
        });
        tx.email_person(format!("pair:{}:ended:{}", pair.id, me.id), email, me).await?;
    }
    Ok(())
}

/// A pair as two runs are compared: the people's pseudonyms in the later run.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"mentor": {"pseudonym": "P-017", "role": "mentor", "level_band": "1–3", "department": "Marketing", "function": null, "region": "Kanto", "executive": false}, "mentee": {"pseudonym": "P-003", "role": "mentee", "level_band": "10–12", "department": "Finance", "function": null, "region": "Kansai", "executive": true}, "before": 11.5, "after": null}))]
pub struct ComparedPair {
    pub mentor: BlindProfile,
    pub mentee: BlindProfile,
    /// The pair's score in the earlier run, when it had the pair.
    pub before: Option<f64>,
    /// The pair's score in the later run, when it has the pair.
    pub after: Option<f64>,
}

/// How a later run differs from an earlier one of the same program.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"before": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e70", "after": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "kept": [], "added": [], "removed": [], "total_change": -1.5, "pairs_change": 0, "match_rate_changes": [{"attribute": "region", "group": {"kind": "value", "value": "Kansai"}, "before": 0.4, "after": 0.7}]}))]
pub struct RunComparison {
    pub before: MatchingRunId,
    pub after: MatchingRunId,
    /// Pairs in both runs.
    pub kept: Vec<ComparedPair>,
    /// Pairs only in the later run.
    pub added: Vec<ComparedPair>,
    /// Pairs only in the earlier run.
    pub removed: Vec<ComparedPair>,
    /// The later total less the earlier.
    pub total_change: f64,
    pub pairs_change: i64,
    /// The later match rate less the earlier, per attribute and group both reports show.
    pub match_rate_changes: Vec<RateChange>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"attribute": "region", "group": {"kind": "value", "value": "Kansai"}, "before": 0.4, "after": 0.7}))]
pub struct RateChange {
    pub attribute: tandem_domain::matching::fairness::AuditAttribute,
    pub group: tandem_domain::matching::fairness::GroupName,
    pub before: f64,
    pub after: f64,
}

/// Compares two finished runs of the same program: pairs kept, added and removed, and how the
/// total and each group's match rate moved. People appear under the later run's pseudonyms.
#[utoipa::path(
    tag = "matching",
    params(
        ("run_id" = MatchingRunId, Path, description = "The later run"),
        ("other_run_id" = MatchingRunId, Path, description = "The earlier run, of the same program"),
    ),
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The differences", body = RunComparison),
        (status = 409, description = "A run is not done"),
    )
)]
#[get("/matching-runs/{run_id}/compare/{other_run_id}")]
pub async fn compare_runs(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<(MatchingRunId, MatchingRunId)>,
) -> Result<web::Json<RunComparison>, ApiError> {
    let (after_id, before_id) = path.into_inner();
    let scoped = ctx.open(&db, Permission::Read).await?;
    let after = scoped.tx.matching_run(after_id).await?;
    let before = scoped.tx.matching_run(before_id).await?;
    if before.program_id != after.program_id {
        return Err(ApiError::NotFound);
    }
    let after_pairs = scoped.tx.all_proposals(after.id).await?;
    let before_pairs = scoped.tx.all_proposals(before.id).await?;
    scoped.tx.commit().await?;
    let (Some(found_after), Some(found_before)) = (findings(&after)?, findings(&before)?) else {
        return Err(ApiError::Conflict(Reason::RunNotDone));
    };
    // The later run's pseudonyms, and the earlier run's for people the later one lacks.
    let profile = |person: PersonId| {
        found_after.people.get(&person).or_else(|| found_before.people.get(&person)).cloned().ok_or_else(|| {
            ApiError::Unexpected(anyhow::anyhow!("a proposal names {person}, who is not among the runs' people"))
        })
    };
    let scores = |pairs: &[ProposalRecord]| -> std::collections::HashMap<(PersonId, PersonId), f64> {
        pairs.iter().map(|p| ((p.mentor, p.mentee), p.score)).collect()
    };
    let (scores_after, scores_before) = (scores(&after_pairs), scores(&before_pairs));
    let mut kept = Vec::new();
    let mut added = Vec::new();
    for pair in &after_pairs {
        let compared = ComparedPair {
            mentor: profile(pair.mentor)?,
            mentee: profile(pair.mentee)?,
            before: scores_before.get(&(pair.mentor, pair.mentee)).copied(),
            after: Some(pair.score),
        };
        if compared.before.is_some() { kept.push(compared) } else { added.push(compared) }
    }
    let mut removed = Vec::new();
    for pair in before_pairs.iter().filter(|p| !scores_after.contains_key(&(p.mentor, p.mentee))) {
        removed.push(ComparedPair {
            mentor: profile(pair.mentor)?,
            mentee: profile(pair.mentee)?,
            before: Some(pair.score),
            after: None,
        });
    }
    let mut match_rate_changes = Vec::new();
    for report in &found_after.fairness.attributes {
        let Some(earlier) = found_before.fairness.attributes.iter().find(|a| a.attribute == report.attribute) else {
            continue;
        };
        for group in &report.groups {
            if let Some(old) = earlier.groups.iter().find(|g| g.group == group.group) {
                match_rate_changes.push(RateChange {
                    attribute: report.attribute,
                    group: group.group.clone(),
                    before: old.match_rate,
                    after: group.match_rate,
                });
            }
        }
    }
    Ok(web::Json(RunComparison {
        before: before.id,
        after: after.id,
        kept,
        added,
        removed,
        total_change: after.total.unwrap_or(0.0) - before.total.unwrap_or(0.0),
        pairs_change: i64::from(after.pairs.unwrap_or(0)) - i64::from(before.pairs.unwrap_or(0)),
        match_rate_changes,
    }))
}
