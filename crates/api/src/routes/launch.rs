//! Launch and monitoring, the company's side: a program's kickoff (in everyone's calendar),
//! training completion, its pairs' health and learning both ways, executives' participation,
//! stories, and a pair's page. Nothing here reads private notes.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use serde_json::json;
use tandem_domain::jobs::{KickoffTask, Task};
use tandem_domain::matching::run::PairState;
use tandem_domain::programs::{ParticipantRole, ProgramState};
use tandem_domain::tracking::{
    HealthStatus, LearningDirection, PairLearning, ProgramReciprocity, TopicCount, program_reciprocity, read_note,
    top_topics,
};
use tandem_domain::{PairId, Permission, PersonId, ProgramId, Reason, display_name};
use tandem_store::{Db, KickoffRecord, NewAuditEvent, NewJob, NewKickoff, PairRecord, PersonRecord, TenantTx};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::tracking::{GoalView, HealthView, LearningView, ReciprocityView, Recorded, SessionView, StoryView};
use crate::auth::{Scoped, TenantCtx};
use crate::error::{ApiError, Fields};
use crate::http::Json;
use crate::locale::RequestLocale;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_kickoff)
        .service(set_kickoff)
        .service(cancel_kickoff)
        .service(training_report)
        .service(record_completion)
        .service(monitoring)
        .service(pair_page)
        .service(pause_pair)
        .service(resume_pair)
        .service(feature_story);
}

async fn audit(
    scoped: &Scoped,
    action: &'static str,
    kind: &'static str,
    id: uuid::Uuid,
    details: serde_json::Value,
) -> Result<(), ApiError> {
    scoped
        .tx
        .record(NewAuditEvent { actor: scoped.audit_actor(), action, target_kind: kind, target_id: Some(id), details })
        .await?;
    Ok(())
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"starts_at": "2027-01-15T01:00:00Z", "ends_at": "2027-01-15T02:30:00Z", "time_zone": "Asia/Tokyo", "place": "Head office, 12th floor, room A", "video_link": "https://meet.example/kickoff", "agenda": "The program's purpose, the two roles, the first meeting", "sequence": 0, "cancelled": false, "invited": 12}))]
pub struct KickoffView {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The zone it was set in (IANA).
    pub time_zone: String,
    pub place: Option<String>,
    pub video_link: Option<String>,
    pub agenda: Option<String>,
    /// Raised on every change (the calendar invitation's SEQUENCE).
    pub sequence: u32,
    pub cancelled: bool,
    /// How many participants were sent the invitation (shown to the company only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invited: Option<u32>,
}

impl From<KickoffRecord> for KickoffView {
    fn from(k: KickoffRecord) -> Self {
        Self {
            starts_at: k.starts_at,
            ends_at: k.ends_at,
            time_zone: k.time_zone,
            place: k.place,
            video_link: k.video_link,
            agenda: k.agenda,
            sequence: k.sequence,
            cancelled: k.cancelled_at.is_some(),
            invited: None,
        }
    }
}

async fn kickoff_view(tx: &TenantTx, kickoff: KickoffRecord) -> Result<KickoffView, ApiError> {
    let prefix = format!("kickoff:{}:", kickoff.id);
    let invited = tx.people_sent_with_key_prefix(&prefix).await?;
    let mut view = KickoffView::from(kickoff);
    view.invited = Some(u32::try_from(invited).unwrap_or(u32::MAX));
    Ok(view)
}

/// The program's kickoff, and how many participants were sent its invitation.
#[utoipa::path(
    tag = "launch",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The kickoff (404 when none was set)", body = KickoffView))
)]
#[get("/programs/{program_id}/kickoff")]
pub async fn get_kickoff(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
) -> Result<web::Json<KickoffView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let kickoff = scoped.tx.kickoff(program.id).await?.ok_or(ApiError::NotFound)?;
    Ok(web::Json(kickoff_view(&scoped.tx, kickoff).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"starts_at": "2027-01-15T01:00:00Z", "ends_at": "2027-01-15T02:30:00Z", "time_zone": "Asia/Tokyo", "place": "Head office, 12th floor, room A", "video_link": "https://meet.example/kickoff", "agenda": "The program's purpose, the two roles, the first meeting"}))]
pub struct KickoffRequest {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// An IANA zone, e.g. `Asia/Tokyo`: the zone the event is set in.
    pub time_zone: String,
    pub place: Option<String>,
    pub video_link: Option<String>,
    pub agenda: Option<String>,
}

const PLACE_MAX: usize = 200;
const LINK_MAX: usize = 2000;

/// A video link: a web address people can follow (`https://…` or `http://…`).
fn web_link(link: &str) -> Result<String, Reason> {
    let link = display_name(link, LINK_MAX)?;
    if link.starts_with("https://") || link.starts_with("http://") {
        Ok(link)
    } else {
        Err(Reason::Invalid { detail: "a web address (https://…)".into() })
    }
}

/// Sets the program's kickoff, or moves it. Every member of the program's pairs gets a calendar
/// invitation (an update, with the same UID and a higher SEQUENCE, when it moves), and a
/// reminder the day before.
#[utoipa::path(
    tag = "launch",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    request_body = KickoffRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The kickoff; invitations are on their way", body = KickoffView),
        (status = 409, description = "The program is completed or archived"),
    )
)]
#[put("/programs/{program_id}/kickoff")]
pub async fn set_kickoff(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    body: Json<KickoffRequest>,
) -> Result<web::Json<KickoffView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let mut fields = Fields::default();
    if body.time_zone.parse::<Tz>().is_err() {
        fields.push("time_zone", Reason::NotATimeZone);
    }
    if body.ends_at <= body.starts_at {
        fields.push("ends_at", Reason::KickoffEndsBeforeStart);
    }
    let given = |value: &Option<String>| value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let place = given(&body.place).and_then(|p| fields.check("place", display_name(&p, PLACE_MAX)));
    let video_link = given(&body.video_link).and_then(|l| fields.check("video_link", web_link(&l)));
    let agenda = given(&body.agenda).and_then(|a| fields.check("agenda", read_note(&a)));
    fields.finish(|| Some(()))?;
    if matches!(program.state, ProgramState::Completed | ProgramState::Archived) {
        return Err(ApiError::Conflict(Reason::ProgramNoLongerChanges { state: program.state }));
    }
    let kickoff = scoped
        .tx
        .set_kickoff(
            program.id,
            NewKickoff {
                starts_at: body.starts_at,
                ends_at: body.ends_at,
                time_zone: body.time_zone.clone(),
                place,
                video_link,
                agenda,
            },
        )
        .await?;
    queue_invitations(&scoped.tx, program.id, &kickoff).await?;
    audit(&scoped, "kickoff.set", "program", program.id.as_uuid(), json!({ "sequence": kickoff.sequence })).await?;
    let view = kickoff_view(&scoped.tx, kickoff).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(view))
}

/// Queues the kickoff's invitations (or cancellation) at its current sequence.
pub async fn queue_invitations(tx: &TenantTx, program: ProgramId, kickoff: &KickoffRecord) -> Result<(), ApiError> {
    let task = Task::KickoffInvitations(KickoffTask { program, sequence: kickoff.sequence });
    let key = format!("kickoff:{}:{}:{}", kickoff.id, kickoff.sequence, uuid::Uuid::now_v7());
    tx.enqueue(NewJob::new(tx.tenant_id(), &task, key, Utc::now())).await?;
    Ok(())
}

/// Cancels the program's kickoff: every participant gets a cancellation that removes it from
/// their calendar.
#[utoipa::path(
    tag = "launch",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 204, description = "Cancelled; cancellations are on their way"))
)]
#[delete("/programs/{program_id}/kickoff")]
pub async fn cancel_kickoff(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let kickoff = scoped.tx.cancel_kickoff(program.id).await?;
    queue_invitations(&scoped.tx, program.id, &kickoff).await?;
    audit(&scoped, "kickoff.cancelled", "program", program.id.as_uuid(), json!({ "sequence": kickoff.sequence }))
        .await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"module": 0, "title": "Being a reverse mentor", "role": "mentor"}))]
pub struct TrainingModuleView {
    pub module: u32,
    pub title: String,
    pub role: ParticipantRole,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"person_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "name": "Mori Aoi", "role": "mentor", "required": [0], "done": [0], "started": true}))]
pub struct PersonTraining {
    pub person_id: PersonId,
    pub name: String,
    pub role: ParticipantRole,
    pub required: Vec<u32>,
    pub done: Vec<u32>,
    pub started: bool,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"role": "mentor", "people": 10, "completed": 4, "not_started": 3}))]
pub struct RoleTraining {
    pub role: ParticipantRole,
    pub people: u32,
    /// Done with every module their role requires.
    pub completed: u32,
    pub not_started: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrainingReport {
    pub modules: Vec<TrainingModuleView>,
    pub people: Vec<PersonTraining>,
    pub by_role: Vec<RoleTraining>,
}

/// Training completion of the program's paired participants: per person and per role, and
/// who has not started.
#[utoipa::path(
    tag = "launch",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "Completion per person and per role", body = TrainingReport))
)]
#[get("/programs/{program_id}/training")]
pub async fn training_report(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
) -> Result<web::Json<TrainingReport>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let report = training_of(&scoped.tx, &program).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(report))
}

/// Training completion of a program's paired participants (the results page counts it too).
pub(crate) async fn training_of(
    tx: &TenantTx,
    program: &tandem_store::ProgramRecord,
) -> Result<TrainingReport, ApiError> {
    let pairs = going_on(tx, program.id).await?;
    let mut roles: BTreeMap<PersonId, ParticipantRole> = BTreeMap::new();
    for pair in &pairs {
        roles.insert(pair.mentor, ParticipantRole::Mentor);
        roles.insert(pair.mentee, ParticipantRole::Mentee);
    }
    let ids: Vec<PersonId> = roles.keys().copied().collect();
    let names: BTreeMap<PersonId, String> =
        tx.people_by_ids(&ids).await?.into_iter().map(|p| (p.id, p.person.name)).collect();
    let mut done: BTreeMap<PersonId, BTreeSet<u32>> = BTreeMap::new();
    for (person, module) in tx.training_completions(program.id).await? {
        done.entry(person).or_default().insert(module);
    }
    let modules: Vec<TrainingModuleView> = program
        .design
        .training
        .iter()
        .enumerate()
        .map(|(i, m)| TrainingModuleView {
            module: u32::try_from(i).unwrap_or(u32::MAX),
            title: m.title.clone(),
            role: m.role,
        })
        .collect();
    let mut people = Vec::new();
    let mut by_role: BTreeMap<ParticipantRole, RoleTraining> = BTreeMap::new();
    for (person, role) in roles {
        let required: Vec<u32> =
            modules.iter().filter(|m| m.role == role || m.role == ParticipantRole::Either).map(|m| m.module).collect();
        let mine: Vec<u32> = done.get(&person).map(|d| d.iter().copied().collect()).unwrap_or_default();
        let started = !mine.is_empty();
        let entry = by_role.entry(role).or_insert(RoleTraining { role, people: 0, completed: 0, not_started: 0 });
        entry.people += 1;
        entry.completed += u32::from(required.iter().all(|m| mine.contains(m)));
        entry.not_started += u32::from(!started);
        people.push(PersonTraining {
            person_id: person,
            name: names.get(&person).cloned().unwrap_or_default(),
            role,
            required,
            done: mine,
            started,
        });
    }
    Ok(TrainingReport { modules, people, by_role: by_role.into_values().collect() })
}

async fn going_on(tx: &TenantTx, program: ProgramId) -> Result<Vec<PairRecord>, ApiError> {
    let mut pairs = tx.pairs_in(program, PairState::Active).await?;
    pairs.extend(tx.pairs_in(program, PairState::Paused).await?);
    Ok(pairs)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"person_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "module": 0}))]
pub struct CompletionRequest {
    pub person_id: PersonId,
    pub module: u32,
}

/// Records that a participant completed a training module (e.g. from a partner's learning
/// system). Recording it again changes nothing.
#[utoipa::path(
    tag = "launch",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    request_body = CompletionRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 204, description = "Recorded"))
)]
#[post("/programs/{program_id}/training/completions")]
pub async fn record_completion(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    body: Json<CompletionRequest>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let mut fields = Fields::default();
    if usize::try_from(body.module).map_or(true, |m| m >= program.design.training.len()) {
        fields.push("module", Reason::NoSuchResource);
    }
    if !scoped.tx.paired_people(program.id).await?.contains(&body.person_id) {
        fields.push("person_id", Reason::NotInThePair);
    }
    fields.finish(|| Some(()))?;
    scoped.tx.complete_training(program.id, body.person_id, body.module).await?;
    audit(
        &scoped,
        "training.completed",
        "program",
        program.id.as_uuid(),
        json!({ "person": body.person_id, "module": body.module }),
    )
    .await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "name": "Mori Aoi", "title": null, "department": "Marketing", "is_executive": false}))]
pub struct PairMemberProfile {
    pub id: PersonId,
    pub name: String,
    pub title: Option<String>,
    pub department: Option<String>,
    pub is_executive: bool,
}

fn member(people: &BTreeMap<PersonId, PersonRecord>, id: PersonId) -> PairMemberProfile {
    let p = people.get(&id);
    PairMemberProfile {
        id,
        name: p.map(|p| p.person.name.clone()).unwrap_or_default(),
        title: p.and_then(|p| p.person.title.clone()),
        department: p.and_then(|p| p.person.department.clone()),
        is_executive: p.is_some_and(|p| p.person.is_executive),
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "mentor": {"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "name": "Mori Aoi", "title": null, "department": "Marketing", "is_executive": false}, "mentee": {"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e72", "name": "Sato Kenji", "title": "Head of Finance", "department": "Finance", "is_executive": true}, "state": "active", "health": {"status": "on_track", "reasons": ["Last session 3 days ago (one is expected every 15 days)."]}, "last_session_at": "2027-01-20T09:00:00Z", "sessions": 3, "reciprocity": 0.67}))]
pub struct MonitoredPair {
    pub id: PairId,
    pub mentor: PairMemberProfile,
    pub mentee: PairMemberProfile,
    pub state: PairState,
    pub health: HealthView,
    pub last_session_at: Option<DateTime<Utc>>,
    pub sessions: u32,
    pub reciprocity: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"on_track": 3, "at_risk": 1, "inactive": 0}))]
pub struct HealthCounts {
    pub on_track: u32,
    pub at_risk: u32,
    pub inactive: u32,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"index": 0.72, "pairs_with_learning": 9,
    "distribution": [{"from": 0.0, "to": 0.2, "pairs": 1}, {"from": 0.2, "to": 0.4, "pairs": 0},
        {"from": 0.4, "to": 0.6, "pairs": 2}, {"from": 0.6, "to": 0.8, "pairs": 2}, {"from": 0.8, "to": 1.0, "pairs": 4}],
    "senior_learned_share": 0.8, "senior_learned_pairs": 8, "pairs_with_seniority": 10,
    "topics_learned_by_mentees": [{"topic": "TikTok", "count": 6}],
    "topics_learned_by_mentors": [{"topic": "Budget planning", "count": 4}]}))]
pub struct LearningSummary {
    #[serde(flatten)]
    pub reciprocity: ProgramReciprocity,
    pub topics_learned_by_mentees: Vec<TopicCount>,
    pub topics_learned_by_mentors: Vec<TopicCount>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e72", "name": "Sato Kenji", "role": "mentee", "sessions": 2}))]
pub struct ExecutiveInProgram {
    pub id: PersonId,
    pub name: String,
    pub role: ParticipantRole,
    pub sessions: u32,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"as_mentor": 1, "as_mentee": 2, "sessions": 5, "people": []}))]
pub struct ExecutivesTakingPart {
    pub as_mentor: u32,
    pub as_mentee: u32,
    /// Sessions of pairs with an executive in them.
    pub sessions: u32,
    pub people: Vec<ExecutiveInProgram>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"pair_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "title": "A dashboard in a week", "body": "Aoi showed Kenji how to build the sales dashboard himself.", "agreed_by": ["01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e72"], "published": true, "featured": true, "updated_at": "2027-02-20T10:00:00Z"}))]
pub struct StoryOfPair {
    pub pair_id: PairId,
    #[serde(flatten)]
    pub story: StoryView,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Monitoring {
    pub pairs: Vec<MonitoredPair>,
    pub health: HealthCounts,
    pub learning: LearningSummary,
    pub executives: ExecutivesTakingPart,
    /// Published stories (both members agreed), featured first.
    pub stories: Vec<StoryOfPair>,
}

/// How the program's pairs are doing: health, sessions, learning both ways (the reciprocity
/// index, the topics learned in each direction, the share of pairs where the more senior member
/// learned from the more junior), executives' participation, and published stories.
#[utoipa::path(
    tag = "launch",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The program's monitoring", body = Monitoring))
)]
#[get("/programs/{program_id}/monitoring")]
pub async fn monitoring(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    locale: RequestLocale,
) -> Result<web::Json<Monitoring>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let monitoring = monitoring_of(&scoped.tx, &program, locale.0).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(monitoring))
}

/// What the monitoring page shows of a program (the results page builds on it).
pub(crate) async fn monitoring_of(
    tx: &TenantTx,
    program: &tandem_store::ProgramRecord,
    locale: tandem_domain::Locale,
) -> Result<Monitoring, ApiError> {
    let mut pairs = going_on(tx, program.id).await?;
    pairs.extend(tx.pairs_in(program.id, PairState::Ended).await?);
    pairs.sort_by_key(|p| p.id);
    let ids: Vec<PairId> = pairs.iter().map(|p| p.id).collect();
    let people_ids: Vec<PersonId> = pairs.iter().flat_map(|p| [p.mentor, p.mentee]).collect();
    let people: BTreeMap<PersonId, PersonRecord> =
        tx.people_by_ids(&people_ids).await?.into_iter().map(|p| (p.id, p)).collect();
    let recorded = Recorded::read(tx, &ids).await?;
    let now = Utc::now();
    let mut counts = HealthCounts { on_track: 0, at_risk: 0, inactive: 0 };
    let mut learning = Vec::new();
    let (mut to_mentees, mut to_mentors) = (Vec::new(), Vec::new());
    let mut executives = ExecutivesTakingPart { as_mentor: 0, as_mentee: 0, sessions: 0, people: Vec::new() };
    let mut monitored = Vec::new();
    for pair in &pairs {
        let health = recorded.health(pair, &program.design, now, locale);
        match health.status {
            HealthStatus::OnTrack => counts.on_track += 1,
            HealthStatus::AtRisk => counts.at_risk += 1,
            HealthStatus::Inactive => counts.inactive += 1,
        }
        let (by_mentor, by_mentee) = recorded.learned(pair);
        let level = |id: PersonId| people.get(&id).and_then(|p| p.person.job_level);
        learning.push(PairLearning {
            mentor_level: level(pair.mentor),
            mentee_level: level(pair.mentee),
            learned_by_mentor: by_mentor,
            learned_by_mentee: by_mentee,
        });
        for entry in recorded.learning_of(pair.id).iter().filter(|e| e.direction == LearningDirection::Learned) {
            let side = if entry.author == pair.mentee { &mut to_mentees } else { &mut to_mentors };
            side.extend(entry.topics.iter().cloned());
        }
        let held: Vec<_> = recorded.sessions_of(pair.id).iter().filter(|s| s.held_at <= now).collect();
        let sessions = u32::try_from(held.len()).unwrap_or(u32::MAX);
        for (id, role) in [(pair.mentor, ParticipantRole::Mentor), (pair.mentee, ParticipantRole::Mentee)] {
            if people.get(&id).is_some_and(|p| p.person.is_executive) {
                match role {
                    ParticipantRole::Mentor => executives.as_mentor += 1,
                    _ => executives.as_mentee += 1,
                }
                executives.sessions += sessions;
                executives.people.push(ExecutiveInProgram { id, name: member(&people, id).name, role, sessions });
            }
        }
        monitored.push(MonitoredPair {
            id: pair.id,
            mentor: member(&people, pair.mentor),
            mentee: member(&people, pair.mentee),
            state: pair.state,
            health,
            last_session_at: recorded.last_session(pair.id, now),
            sessions,
            reciprocity: tandem_domain::tracking::reciprocity(by_mentor, by_mentee).index,
        });
    }
    let mut stories: Vec<StoryOfPair> = tx
        .stories(&ids)
        .await?
        .into_iter()
        .map(|s| StoryOfPair { pair_id: s.pair, story: StoryView::from(s) })
        .filter(|s| s.story.published)
        .collect();
    stories.sort_by_key(|s| !s.story.featured);
    Ok(Monitoring {
        pairs: monitored,
        health: counts,
        learning: LearningSummary {
            reciprocity: program_reciprocity(&learning),
            topics_learned_by_mentees: top_topics(to_mentees.iter().map(String::as_str), 10),
            topics_learned_by_mentors: top_topics(to_mentors.iter().map(String::as_str), 10),
        },
        executives,
        stories,
    })
}

/// A pair's page for the company: never its members' private notes.
#[derive(Debug, Serialize, ToSchema)]
pub struct PairPage {
    pub id: PairId,
    pub program_id: ProgramId,
    pub state: PairState,
    #[schema(example = "Kenji is on parental leave until April.")]
    pub paused_reason: Option<String>,
    pub mentor: PairMemberProfile,
    pub mentee: PairMemberProfile,
    pub health: HealthView,
    pub sessions: Vec<SessionView>,
    pub learning: Vec<LearningView>,
    pub goals: Vec<GoalView>,
    pub reciprocity: ReciprocityView,
    pub story: Option<StoryView>,
}

async fn pair_page_of(tx: &TenantTx, pair: PairRecord, locale: tandem_domain::Locale) -> Result<PairPage, ApiError> {
    let program = tx.program(pair.program_id).await?;
    let people: BTreeMap<PersonId, PersonRecord> =
        tx.people_by_ids(&[pair.mentor, pair.mentee]).await?.into_iter().map(|p| (p.id, p)).collect();
    let recorded = Recorded::read(tx, &[pair.id]).await?;
    Ok(PairPage {
        id: pair.id,
        program_id: pair.program_id,
        state: pair.state,
        paused_reason: pair.paused_reason.clone(),
        mentor: member(&people, pair.mentor),
        mentee: member(&people, pair.mentee),
        health: recorded.health(&pair, &program.design, Utc::now(), locale),
        sessions: recorded.sessions_of(pair.id).iter().cloned().map(SessionView::from).collect(),
        learning: recorded.learning_of(pair.id).iter().cloned().map(LearningView::from).collect(),
        goals: recorded.goals_of(pair.id).iter().cloned().map(GoalView::from).collect(),
        reciprocity: recorded.reciprocity(&pair, locale),
        story: tx.story(pair.id).await?.map(StoryView::from),
    })
}

/// A pair's sessions, learning log (both ways), goals, health and story.
#[utoipa::path(
    tag = "launch",
    params(("pair_id" = PairId, Path, description = "The pair's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The pair's page", body = PairPage))
)]
#[get("/pairs/{pair_id}")]
pub async fn pair_page(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<PairId>,
    locale: RequestLocale,
) -> Result<web::Json<PairPage>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let pair = scoped.tx.pair(path.into_inner()).await?;
    Ok(web::Json(pair_page_of(&scoped.tx, pair, locale.0).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Kenji is on parental leave until April."}))]
pub struct PauseRequest {
    pub reason: String,
}

const PAUSE_REASON_MAX: usize = 500;

/// Pauses an active pair, with a reason (health shows it as inactive while paused).
#[utoipa::path(
    tag = "launch",
    params(("pair_id" = PairId, Path, description = "The pair's id")),
    request_body = PauseRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "Paused", body = PairPage),
        (status = 409, description = "The pair is not active"),
    )
)]
#[post("/pairs/{pair_id}/pause")]
pub async fn pause_pair(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<PairId>,
    locale: RequestLocale,
    body: Json<PauseRequest>,
) -> Result<web::Json<PairPage>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let pair = scoped.tx.pair(path.into_inner()).await?;
    let reason = display_name(&body.reason, PAUSE_REASON_MAX).map_err(|e| ApiError::field("reason", e))?;
    if !scoped.tx.set_pair_state(pair.id, PairState::Active, PairState::Paused, Some(&reason)).await? {
        return Err(ApiError::Conflict(Reason::PairNotActive));
    }
    audit(&scoped, "pair.paused", "pair", pair.id.as_uuid(), json!({ "reason": reason })).await?;
    let page = pair_page_of(&scoped.tx, scoped.tx.pair(pair.id).await?, locale.0).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(page))
}

/// Resumes a paused pair.
#[utoipa::path(
    tag = "launch",
    params(("pair_id" = PairId, Path, description = "The pair's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "Active again", body = PairPage),
        (status = 409, description = "The pair is not paused"),
    )
)]
#[post("/pairs/{pair_id}/resume")]
pub async fn resume_pair(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<PairId>,
    locale: RequestLocale,
) -> Result<web::Json<PairPage>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let pair = scoped.tx.pair(path.into_inner()).await?;
    if !scoped.tx.set_pair_state(pair.id, PairState::Paused, PairState::Active, None).await? {
        return Err(ApiError::Conflict(Reason::PairNotPaused));
    }
    audit(&scoped, "pair.resumed", "pair", pair.id.as_uuid(), json!({})).await?;
    let page = pair_page_of(&scoped.tx, scoped.tx.pair(pair.id).await?, locale.0).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(page))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"featured": true}))]
pub struct FeatureRequest {
    pub featured: bool,
}

/// Features a pair's published story in its program (or stops featuring it).
#[utoipa::path(
    tag = "launch",
    params(("pair_id" = PairId, Path, description = "The pair's id")),
    request_body = FeatureRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The story", body = StoryView),
        (status = 409, description = "The story is not published (both members have not agreed)"),
    )
)]
#[put("/pairs/{pair_id}/story/featured")]
pub async fn feature_story(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<PairId>,
    body: Json<FeatureRequest>,
) -> Result<web::Json<StoryView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let pair = scoped.tx.pair(path.into_inner()).await?;
    let story = scoped.tx.story(pair.id).await?.ok_or(ApiError::NotFound)?;
    if !StoryView::from(story).published {
        return Err(ApiError::Conflict(Reason::StoryNotPublished));
    }
    scoped.tx.feature_story(pair.id, body.featured).await?;
    audit(&scoped, "story.featured", "pair", pair.id.as_uuid(), json!({ "featured": body.featured })).await?;
    let story = scoped.tx.story(pair.id).await?.ok_or(ApiError::NotFound)?;
    scoped.tx.commit().await?;
    Ok(web::Json(StoryView::from(story)))
}
