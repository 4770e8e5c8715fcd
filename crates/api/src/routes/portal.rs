//! The participant portal's API. Participants are people in a company's directory: they sign
//! in with a single-use link emailed to their work address and then hold a portal session
//! (see [`crate::auth::participant`]). Every route here reaches only the signed-in person's own
//! pairs and programs: a pair id goes through [`Participant::my_pair`], which answers 404 for
//! anybody else's, exactly like a missing one.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use tandem_domain::emails::{Email, SessionInvitationEmail, span_text};
use tandem_domain::jobs::{ParticipantSignInTask, Task};
use tandem_domain::matching::run::PairState;
use tandem_domain::programs::{ParticipantRole, ProgramKind, PurposeKind, Resource};
use tandem_domain::tracking::{
    GoalStatus, LearningDirection, SessionFormat, TITLE_MAX_CHARS, check_confirmation, read_held_at, read_minutes,
    read_note, read_topics,
};
use tandem_domain::{
    EmailAddress, GoalId, Locale, NoteId, PairId, PairSessionId, PersonId, ProgramId, Reason, TenantId, display_name,
};
use tandem_mail::calendar::{Invitation, Method, Party, ics};
use tandem_store::{Db, LinkUse, NewJob, NewLearningEntry, NewPairSession, PairRecord, SessionChanges};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::launch::KickoffView;
use super::tracking::{
    GoalView, HealthView, LearningView, ReciprocityView, Recorded, SessionView, StoryView, check_active,
};
use crate::ApiSettings;
use crate::auth::participant::{cleared_session_cookie, new_session_token, session_cookie};
use crate::auth::{Participant, ParticipantCtx};
use crate::error::{ApiError, Fields};
use crate::http::Json;
use crate::limits;
use crate::locale::RequestLocale;
use crate::notes::{NoteKeys, NotePlace};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(request_portal_link)
        .service(start_portal_session)
        .service(end_portal_session)
        .service(portal_me)
        .service(portal_pair)
        .service(log_session)
        .service(confirm_session)
        .service(record_learning)
        .service(add_goal)
        .service(update_goal)
        .service(list_notes)
        .service(add_note)
        .service(write_story)
        .service(agree_to_story)
        .service(complete_training)
        .service(leave_pair);
}

/// Sign-in links one address may ask for per hour (more answer 429, known or not).
pub const LINKS_PER_ADDRESS_PER_HOUR: u32 = 5;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "aoi.mori@sakura.example"}))]
pub struct PortalSignIn {
    /// The participant's work email, as the company's directory has it.
    pub email: String,
}

/// Emails a single-use sign-in link (15 minutes) to the address, in every company whose
/// directory has it. The answer is the same whether or not the address is known; links are
/// limited per address and per client address.
#[utoipa::path(
    tag = "participants",
    request_body = PortalSignIn,
    responses((status = 202, description = "A link is on its way, if the address is in a directory"))
)]
#[post("/portal/sign-in")]
pub async fn request_portal_link(
    req: HttpRequest,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    body: Json<PortalSignIn>,
) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    let email = EmailAddress::parse(&body.email).map_err(|e| ApiError::field("email", e))?;
    let limits = settings.limits;
    let client = limits::client_address(&req, limits.trust_forwarded_for);
    limits::per_hour(&db, &format!("portal-sign-in:client:{client}"), limits.apply_per_client).await?;
    limits::per_hour(&db, &format!("portal-sign-in:email:{email}"), LINKS_PER_ADDRESS_PER_HOUR).await?;
    let tx = db.tenant(TenantId::PLATFORM).await?;
    let task = Task::ParticipantSignIn(ParticipantSignInTask { email: email.to_string() });
    let key = format!("portal-sign-in:{}", uuid::Uuid::now_v7());
    tx.enqueue(NewJob::new(TenantId::PLATFORM, &task, key, Utc::now())).await?;
    tx.commit().await?;
    Ok(HttpResponse::Accepted().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"token": "01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.5e884898da28047151d0e56f8dc6292773603d0d6aabbdd6"}))]
pub struct PortalLinkToken {
    /// The token from the emailed link.
    pub token: String,
}

/// Follows an emailed sign-in link: the link is used up and a portal session starts (a
/// `tandem_participant` cookie, HttpOnly, for 30 days, sent back only with
/// `X-Tandem-Session: cookie`).
#[utoipa::path(
    tag = "participants",
    request_body = PortalLinkToken,
    responses(
        (status = 200, description = "Signed in; the cookie is set", body = PortalMe),
        (status = 404, description = "Not a sign-in link"),
        (status = 410, description = "The link expired or was used"),
    )
)]
#[post("/portal/session")]
pub async fn start_portal_session(
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    locale: RequestLocale,
    body: Json<PortalLinkToken>,
) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    let (tenant, _) = body.token.split_once('.').ok_or(ApiError::NotFound)?;
    let tenant = TenantId::from_uuid(uuid::Uuid::try_parse(tenant).map_err(|_| ApiError::NotFound)?);
    if tenant == TenantId::PLATFORM {
        return Err(ApiError::NotFound);
    }
    let tx = db.tenant(tenant).await?;
    let person = match tx.use_participant_link(&tandem_mail::unsubscribe::token_hash(&body.token)).await? {
        LinkUse::SignedIn(person) => person,
        LinkUse::Spent => return Err(ApiError::Gone(Reason::SignInLinkUsed)),
        LinkUse::Unknown => return Err(ApiError::NotFound),
    };
    let (value, hash) = new_session_token(tenant);
    let expires = Utc::now() + chrono::Duration::days(crate::auth::participant::SESSION_DAYS);
    tx.start_participant_session(person, hash, expires).await?;
    let participant = Participant { tx, person };
    let me = me_view(&participant, locale.0).await?;
    participant.tx.commit().await?;
    Ok(HttpResponse::Ok().cookie(session_cookie(value, &settings.public_url)).json(me))
}

/// Signs the portal session out (the cookie is cleared and the session cannot be used again).
#[utoipa::path(
    tag = "participants",
    security(("participant_session" = [])),
    responses((status = 204, description = "Signed out"))
)]
#[delete("/portal/session")]
pub async fn end_portal_session(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
) -> Result<HttpResponse, ApiError> {
    let tx = db.tenant(ctx.tenant()).await?;
    tx.end_participant_session(ctx.token_hash()).await?;
    tx.commit().await?;
    Ok(HttpResponse::NoContent().cookie(cleared_session_cookie(&settings.public_url)).finish())
}

/// The signed-in participant.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e71", "name": "Mori Aoi", "email": "aoi.mori@sakura.example", "locale": "ja", "time_zone": "Asia/Tokyo"}))]
pub struct PortalPerson {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub locale: Locale,
    pub time_zone: Option<String>,
}

/// One of the participant's pairs, as their home page lists it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "program_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e70", "program_name": "Reverse mentoring on digital skills", "role": "mentor", "partner_name": "Sato Kenji", "state": "active", "health": {"status": "on_track", "reasons": ["Last session 3 days ago (one is expected every 15 days)."]}}))]
pub struct PortalPairSummary {
    pub id: PairId,
    pub program_id: ProgramId,
    pub program_name: String,
    /// `mentor`, `mentee`, or `learner` (mutual programs: both learn).
    pub role: String,
    pub partner_name: String,
    pub state: PairState,
    pub health: HealthView,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PortalMe {
    pub person: PortalPerson,
    pub pairs: Vec<PortalPairSummary>,
}

/// The signed-in participant and their pairs.
#[utoipa::path(
    tag = "participants",
    security(("participant_session" = [])),
    responses((status = 200, description = "Who is signed in, and their pairs", body = PortalMe))
)]
#[get("/portal/me")]
pub async fn portal_me(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    locale: RequestLocale,
) -> Result<web::Json<PortalMe>, ApiError> {
    let participant = ctx.open(&db).await?;
    Ok(web::Json(me_view(&participant, locale.0).await?))
}

fn role_of(pair: &PairRecord, person: PersonId, kind: ProgramKind) -> &'static str {
    match (kind, pair.mentor == person) {
        (ProgramKind::Mutual, _) => "learner",
        (_, true) => "mentor",
        (_, false) => "mentee",
    }
}

fn partner_of(pair: &PairRecord, person: PersonId) -> PersonId {
    if pair.mentor == person { pair.mentee } else { pair.mentor }
}

async fn me_view(participant: &Participant, locale: Locale) -> Result<PortalMe, ApiError> {
    let tx = &participant.tx;
    let me = tx.person(participant.person).await?;
    let pairs = tx.pairs_of_person(me.id).await?;
    let ids: Vec<PairId> = pairs.iter().map(|p| p.id).collect();
    let recorded = Recorded::read(tx, &ids).await?;
    let partners: Vec<PersonId> = pairs.iter().map(|p| partner_of(p, me.id)).collect();
    let partners = tx.people_by_ids(&partners).await?;
    // A person is in a few pairs, often of one program: each program is read once.
    let mut programs = std::collections::BTreeMap::new();
    for id in pairs.iter().map(|p| p.program_id).collect::<std::collections::BTreeSet<_>>() {
        programs.insert(id, tx.program(id).await?);
    }
    let now = Utc::now();
    let mut summaries = Vec::new();
    for pair in &pairs {
        let program = &programs[&pair.program_id];
        let partner = partner_of(pair, me.id);
        summaries.push(PortalPairSummary {
            id: pair.id,
            program_id: pair.program_id,
            program_name: program.design.name.clone(),
            role: role_of(pair, me.id, program.design.kind).to_owned(),
            partner_name: partners.iter().find(|p| p.id == partner).map(|p| p.person.name.clone()).unwrap_or_default(),
            state: pair.state,
            health: recorded.health(pair, &program.design, now, locale),
        });
    }
    Ok(PortalMe {
        person: PortalPerson {
            id: me.id,
            name: me.person.name,
            email: me.person.email.to_string(),
            locale: me.person.preferred_locale,
            time_zone: me.person.time_zone,
        },
        pairs: summaries,
    })
}

/// The partner as a member sees them.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e72", "name": "Sato Kenji", "title": "Head of Finance", "department": "Finance", "languages": ["ja", "en"], "time_zone": "Asia/Tokyo", "local_time": "2027-01-20T18:00:00+09:00"}))]
pub struct PartnerProfile {
    pub id: PersonId,
    pub name: String,
    pub title: Option<String>,
    pub department: Option<String>,
    pub languages: Vec<String>,
    pub time_zone: Option<String>,
    /// The partner's time now, with their offset (when their zone is known).
    pub local_time: Option<String>,
}

/// What a member reads of their program.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e70", "name": "Reverse mentoring on digital skills", "kind": "reverse", "purposes": ["knowledge_sharing"], "custom_purpose": null, "meetings_per_month": 2, "minutes_per_meeting": 45, "start_date": "2027-01-11", "end_date": "2027-06-30", "resources": []}))]
pub struct PortalProgram {
    pub id: ProgramId,
    pub name: String,
    pub kind: ProgramKind,
    pub purposes: Vec<PurposeKind>,
    pub custom_purpose: Option<String>,
    pub meetings_per_month: u32,
    pub minutes_per_meeting: u32,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub resources: Vec<Resource>,
}

/// A training module of the program, for this member.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"module": 0, "title": "Being a reverse mentor", "role": "mentor", "url": "https://tandem.example/training/reverse-mentor", "done": false}))]
pub struct PortalTraining {
    /// Its place in the program's training list (what a completion names).
    pub module: u32,
    pub title: String,
    pub role: ParticipantRole,
    pub url: Option<String>,
    pub done: bool,
}

/// A pair's page in the portal.
#[derive(Debug, Serialize, ToSchema)]
pub struct PortalPair {
    pub id: PairId,
    /// The signed-in member.
    pub me: PersonId,
    pub state: PairState,
    #[schema(example = "Kenji is on parental leave until April.")]
    pub paused_reason: Option<String>,
    /// `mentor`, `mentee`, or `learner`.
    #[schema(example = "mentor")]
    pub role: String,
    pub partner: PartnerProfile,
    pub program: PortalProgram,
    pub training: Vec<PortalTraining>,
    pub kickoff: Option<KickoffView>,
    pub sessions: Vec<SessionView>,
    pub learning: Vec<LearningView>,
    pub goals: Vec<GoalView>,
    pub reciprocity: ReciprocityView,
    pub health: HealthView,
    pub story: Option<StoryView>,
}

/// One of the participant's pairs: their partner, the program, the kickoff, training, and
/// everything the pair recorded (the member's private notes are read apart).
#[utoipa::path(
    tag = "participants",
    params(("pair_id" = PairId, Path, description = "One of the participant's pairs")),
    security(("participant_session" = [])),
    responses((status = 200, description = "The pair's page", body = PortalPair))
)]
#[get("/portal/pairs/{pair_id}")]
pub async fn portal_pair(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    path: web::Path<PairId>,
    locale: RequestLocale,
) -> Result<web::Json<PortalPair>, ApiError> {
    let participant = ctx.open(&db).await?;
    let pair = participant.my_pair(path.into_inner()).await?;
    Ok(web::Json(pair_view(&participant, &pair, locale.0).await?))
}

async fn pair_view(participant: &Participant, pair: &PairRecord, locale: Locale) -> Result<PortalPair, ApiError> {
    let tx = &participant.tx;
    let me = participant.person;
    let program = tx.program(pair.program_id).await?;
    let partner = tx.person(partner_of(pair, me)).await?;
    let recorded = Recorded::read(tx, &[pair.id]).await?;
    let done: Vec<u32> =
        tx.training_completions(pair.program_id).await?.into_iter().filter(|(p, _)| *p == me).map(|(_, m)| m).collect();
    let role = role_of(pair, me, program.design.kind);
    let training = program
        .design
        .training
        .iter()
        .enumerate()
        .filter(|(_, m)| m.role == ParticipantRole::Either || m.role.as_str() == role || role == "learner")
        .map(|(i, m)| {
            let module = u32::try_from(i).unwrap_or(u32::MAX);
            PortalTraining {
                module,
                title: m.title.clone(),
                role: m.role,
                url: m.url.clone(),
                done: done.contains(&module),
            }
        })
        .collect();
    let local_time = partner
        .person
        .time_zone
        .as_deref()
        .and_then(|z| z.parse::<Tz>().ok())
        .map(|z| Utc::now().with_timezone(&z).to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
    let now = Utc::now();
    let design = &program.design;
    Ok(PortalPair {
        id: pair.id,
        me,
        state: pair.state,
        paused_reason: pair.paused_reason.clone(),
        role: role.to_owned(),
        partner: PartnerProfile {
            id: partner.id,
            name: partner.person.name.clone(),
            title: partner.person.title.clone(),
            department: partner.person.department.clone(),
            languages: partner.person.languages.clone(),
            time_zone: partner.person.time_zone.clone(),
            local_time,
        },
        program: PortalProgram {
            id: program.id,
            name: design.name.clone(),
            kind: design.kind,
            purposes: design.purposes.clone(),
            custom_purpose: design.custom_purpose.clone(),
            meetings_per_month: design.meetings_per_month,
            minutes_per_meeting: design.minutes_per_meeting,
            start_date: design.start_date,
            end_date: design.end_date,
            resources: design.resources.clone(),
        },
        training,
        kickoff: tx.kickoff(pair.program_id).await?.map(KickoffView::from),
        sessions: recorded.sessions_of(pair.id).iter().cloned().map(SessionView::from).collect(),
        learning: recorded.learning_of(pair.id).iter().cloned().map(LearningView::from).collect(),
        goals: recorded.goals_of(pair.id).iter().cloned().map(GoalView::from).collect(),
        reciprocity: recorded.reciprocity(pair, locale),
        health: recorded.health(pair, design, now, locale),
        story: tx.story(pair.id).await?.map(StoryView::from),
    })
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"held_at": "2027-01-20T09:00:00Z", "minutes": 45, "format": "video", "topics": ["Excel", "TikTok"], "planned": false}))]
pub struct NewSession {
    pub held_at: DateTime<Utc>,
    pub minutes: u32,
    pub format: SessionFormat,
    #[serde(default)]
    pub topics: Vec<String>,
    /// A session ahead: both members get a calendar invitation.
    #[serde(default)]
    pub planned: bool,
    /// The members who took part; both when left out.
    pub took_part: Option<Vec<PersonId>>,
}

/// Logs a session of the pair (held, or planned ahead: then both members get a calendar
/// invitation). The partner confirms or corrects it.
#[utoipa::path(
    tag = "participants",
    params(("pair_id" = PairId, Path, description = "One of the participant's pairs")),
    request_body = NewSession,
    security(("participant_session" = [])),
    responses(
        (status = 201, description = "Logged", body = SessionView),
        (status = 409, description = "The pair is not active"),
    )
)]
#[post("/portal/pairs/{pair_id}/sessions")]
pub async fn log_session(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    path: web::Path<PairId>,
    body: Json<NewSession>,
) -> Result<HttpResponse, ApiError> {
    let participant = ctx.open(&db).await?;
    let body = body.read()?;
    let pair = participant.my_pair(path.into_inner()).await?;
    let now = Utc::now();
    let mut fields = Fields::default();
    let held_at = fields.check("held_at", read_held_at(body.held_at, body.planned, now));
    let minutes = fields.check("minutes", read_minutes(body.minutes));
    let topics = fields.check("topics", read_topics(&body.topics));
    let took_part = fields.check("took_part", members(&pair, body.took_part.as_deref()));
    let (held_at, minutes, topics, took_part) = fields.finish(|| Some((held_at?, minutes?, topics?, took_part?)))?;
    check_active(&pair)?;
    let session = participant
        .tx
        .insert_pair_session(NewPairSession {
            pair: pair.id,
            held_at,
            minutes,
            format: body.format,
            topics,
            planned: body.planned && held_at > now,
            logged_by: participant.person,
            took_part,
        })
        .await?;
    if session.planned {
        invite_to_session(&participant, &pair, &session, &settings.public_url).await?;
    }
    participant.tx.commit().await?;
    Ok(HttpResponse::Created().json(SessionView::from(session)))
}

/// Both members get the planned session as a calendar invitation.
async fn invite_to_session(
    participant: &Participant,
    pair: &PairRecord,
    session: &tandem_store::PairSessionRecord,
    public_url: &str,
) -> Result<(), ApiError> {
    let tx = &participant.tx;
    let program = tx.program(pair.program_id).await?;
    let company = tx.tenant().await?.name;
    let people = tx.people_by_ids(&[pair.mentor, pair.mentee]).await?;
    let ends_at = session.held_at + chrono::Duration::minutes(i64::from(session.minutes));
    let organizer = people.iter().find(|p| p.id == session.logged_by);
    for me in &people {
        let Some(partner) = people.iter().find(|p| p.id != me.id) else { continue };
        let locale = me.person.preferred_locale;
        let calendar = ics(&Invitation {
            uid: format!("session-{}@tandem", session.id),
            sequence: 0,
            method: Method::Request,
            summary: match locale {
                Locale::En => format!("{}: session with {}", program.design.name, partner.person.name),
                Locale::Ja => format!("{}：{}さんとのセッション", program.design.name, partner.person.name),
            },
            description: session.topics.join(", "),
            location: None,
            url: Some(format!("{}/portal/pairs/{}", public_url.trim_end_matches('/'), pair.id)),
            starts_at: session.held_at,
            ends_at,
            time_zone: me.person.time_zone.clone().unwrap_or_else(|| "UTC".to_owned()),
            organizer: organizer.map_or_else(
                || Party { name: company.clone(), email: me.person.email.to_string() },
                |o| Party { name: o.person.name.clone(), email: o.person.email.to_string() },
            ),
            attendee: Party { name: me.person.name.clone(), email: me.person.email.to_string() },
            stamp: session.created_at,
        });
        let email = Email::SessionInvitation(SessionInvitationEmail {
            name: me.person.name.clone(),
            program: program.design.name.clone(),
            partner_name: partner.person.name.clone(),
            when: span_text(session.held_at, ends_at, me.person.time_zone.as_deref(), locale),
            minutes: session.minutes,
            format: format_words(session.format, locale).to_owned(),
            portal_link: format!("{}/portal/pairs/{}", public_url.trim_end_matches('/'), pair.id),
            calendar,
        });
        tx.email_person(format!("session:{}:{}", session.id, me.id), email, me).await?;
    }
    Ok(())
}

/// Who took part in a session: members of the pair, each once, at least one; both by default.
fn members(pair: &PairRecord, named: Option<&[PersonId]>) -> Result<Vec<PersonId>, Reason> {
    let Some(named) = named else { return Ok(vec![pair.mentor, pair.mentee]) };
    if named.iter().any(|p| *p != pair.mentor && *p != pair.mentee) {
        return Err(Reason::NotInThePair);
    }
    let mut members: Vec<PersonId> = [pair.mentor, pair.mentee].into_iter().filter(|m| named.contains(m)).collect();
    members.dedup();
    if members.is_empty() { Err(Reason::Required) } else { Ok(members) }
}

fn format_words(format: SessionFormat, locale: Locale) -> &'static str {
    match (format, locale) {
        (SessionFormat::InPerson, Locale::En) => "in person",
        (SessionFormat::Video, Locale::En) => "video call",
        (SessionFormat::Chat, Locale::En) => "chat",
        (SessionFormat::InPerson, Locale::Ja) => "対面",
        (SessionFormat::Video, Locale::Ja) => "ビデオ通話",
        (SessionFormat::Chat, Locale::Ja) => "チャット",
    }
}

/// A confirmation, with the partner's corrections when the session went otherwise.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"minutes": 60}))]
pub struct SessionConfirmation {
    pub held_at: Option<DateTime<Utc>>,
    pub minutes: Option<u32>,
    pub format: Option<SessionFormat>,
    pub topics: Option<Vec<String>>,
    pub took_part: Option<Vec<PersonId>>,
}

/// Confirms a session the partner logged, as logged (`{}`) or corrected.
#[utoipa::path(
    tag = "participants",
    params(
        ("pair_id" = PairId, Path, description = "One of the participant's pairs"),
        ("session_id" = PairSessionId, Path, description = "A session of that pair"),
    ),
    request_body = SessionConfirmation,
    security(("participant_session" = [])),
    responses(
        (status = 200, description = "Confirmed", body = SessionView),
        (status = 409, description = "The member who logged it cannot confirm it, or it is confirmed already"),
    )
)]
#[post("/portal/pairs/{pair_id}/sessions/{session_id}/confirmation")]
pub async fn confirm_session(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    path: web::Path<(PairId, PairSessionId)>,
    body: Json<SessionConfirmation>,
) -> Result<web::Json<SessionView>, ApiError> {
    let participant = ctx.open(&db).await?;
    let body = body.read()?;
    let (pair_id, session_id) = path.into_inner();
    let pair = participant.my_pair(pair_id).await?;
    let session = participant.tx.pair_session(pair.id, session_id).await?;
    let mut fields = Fields::default();
    let now = Utc::now();
    let held_at = body.held_at.map(|at| fields.check("held_at", read_held_at(at, false, now)));
    let minutes = body.minutes.map(|m| fields.check("minutes", read_minutes(m)));
    let topics = body.topics.as_ref().map(|t| fields.check("topics", read_topics(t)));
    let took_part = body.took_part.as_deref().map(|t| fields.check("took_part", members(&pair, Some(t))));
    let changes = fields.finish(|| {
        Some(SessionChanges {
            held_at: held_at.map(|h| h.ok_or(())).transpose().ok()?,
            minutes: minutes.map(|m| m.ok_or(())).transpose().ok()?,
            format: body.format,
            topics: topics.map(|t| t.ok_or(())).transpose().ok()?,
            took_part: took_part.map(|t| t.ok_or(())).transpose().ok()?,
        })
    })?;
    check_confirmation(session.logged_by == participant.person, session.confirmed_at.is_some())
        .map_err(ApiError::Conflict)?;
    participant.tx.confirm_pair_session(pair.id, session.id, changes).await?;
    let confirmed = participant.tx.pair_session(pair.id, session.id).await?;
    participant.tx.commit().await?;
    Ok(web::Json(SessionView::from(confirmed)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"session_id": null, "direction": "learned", "topics": ["TikTok"], "note": "How short videos reach customers"}))]
pub struct NewLearning {
    pub session_id: Option<PairSessionId>,
    /// What the member learned from their partner, or taught them.
    pub direction: LearningDirection,
    pub topics: Vec<String>,
    pub note: Option<String>,
}

/// Records what the member learned from their partner, or taught them (the learning log).
#[utoipa::path(
    tag = "participants",
    params(("pair_id" = PairId, Path, description = "One of the participant's pairs")),
    request_body = NewLearning,
    security(("participant_session" = [])),
    responses(
        (status = 201, description = "Recorded", body = LearningView),
        (status = 409, description = "The pair is not active"),
    )
)]
#[post("/portal/pairs/{pair_id}/learning")]
pub async fn record_learning(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    path: web::Path<PairId>,
    body: Json<NewLearning>,
) -> Result<HttpResponse, ApiError> {
    let participant = ctx.open(&db).await?;
    let body = body.read()?;
    let pair = participant.my_pair(path.into_inner()).await?;
    let mut fields = Fields::default();
    let topics = fields.check("topics", read_topics(&body.topics).and_then(non_empty));
    let note = body.note.as_deref().map(|n| fields.check("note", read_note(n)));
    if let Some(session) = body.session_id
        && participant.tx.pair_session(pair.id, session).await.is_err()
    {
        fields.push("session_id", Reason::NoSuchResource);
    }
    let (topics, note) = fields.finish(|| Some((topics?, note.map(|n| n.ok_or(())).transpose().ok()?)))?;
    check_active(&pair)?;
    let entry = participant
        .tx
        .insert_learning_entry(NewLearningEntry {
            pair: pair.id,
            session: body.session_id,
            author: participant.person,
            direction: body.direction,
            topics,
            note,
        })
        .await?;
    participant.tx.commit().await?;
    Ok(HttpResponse::Created().json(LearningView::from(entry)))
}

fn non_empty(topics: Vec<String>) -> Result<Vec<String>, Reason> {
    if topics.is_empty() { Err(Reason::Required) } else { Ok(topics) }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Run a team retrospective online", "target_date": "2027-03-01"}))]
pub struct NewGoal {
    pub title: String,
    pub target_date: Option<NaiveDate>,
}

/// Adds a shared goal to the pair.
#[utoipa::path(
    tag = "participants",
    params(("pair_id" = PairId, Path, description = "One of the participant's pairs")),
    request_body = NewGoal,
    security(("participant_session" = [])),
    responses(
        (status = 201, description = "Added", body = GoalView),
        (status = 409, description = "The pair is not active"),
    )
)]
#[post("/portal/pairs/{pair_id}/goals")]
pub async fn add_goal(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    path: web::Path<PairId>,
    body: Json<NewGoal>,
) -> Result<HttpResponse, ApiError> {
    let participant = ctx.open(&db).await?;
    let body = body.read()?;
    let pair = participant.my_pair(path.into_inner()).await?;
    let title = display_name(&body.title, TITLE_MAX_CHARS).map_err(|e| ApiError::field("title", e))?;
    check_active(&pair)?;
    let goal = participant.tx.insert_goal(pair.id, title, body.target_date).await?;
    participant.tx.commit().await?;
    Ok(HttpResponse::Created().json(GoalView::from(goal)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"status": "done", "progress_note": "Ran the first one on 2027-02-15."}))]
pub struct GoalUpdate {
    pub status: Option<GoalStatus>,
    pub progress_note: Option<String>,
}

/// Updates a shared goal: its status, or a progress note.
#[utoipa::path(
    tag = "participants",
    params(
        ("pair_id" = PairId, Path, description = "One of the participant's pairs"),
        ("goal_id" = GoalId, Path, description = "A goal of that pair"),
    ),
    request_body = GoalUpdate,
    security(("participant_session" = [])),
    responses((status = 200, description = "Updated", body = GoalView))
)]
#[patch("/portal/pairs/{pair_id}/goals/{goal_id}")]
pub async fn update_goal(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    path: web::Path<(PairId, GoalId)>,
    body: Json<GoalUpdate>,
) -> Result<web::Json<GoalView>, ApiError> {
    let participant = ctx.open(&db).await?;
    let body = body.read()?;
    let (pair_id, goal_id) = path.into_inner();
    let pair = participant.my_pair(pair_id).await?;
    let note = match &body.progress_note {
        Some(note) => Some(read_note(note).map_err(|e| ApiError::field("progress_note", e))?),
        None => None,
    };
    let goal = participant.tx.update_goal(pair.id, goal_id, body.status, note).await?;
    participant.tx.commit().await?;
    Ok(web::Json(GoalView::from(goal)))
}

/// A private note, as its author reads it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "body": "Ask about the budget process next time.", "created_at": "2027-01-20T10:00:00Z"}))]
pub struct NoteView {
    pub id: NoteId,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoteList {
    pub items: Vec<NoteView>,
}

fn place(ctx: &ParticipantCtx, pair: PairId, author: PersonId) -> NotePlace {
    NotePlace { tenant: ctx.tenant(), pair, author }
}

/// The signed-in member's private notes on the pair: theirs alone (never the partner's, and
/// no console user or API key can read them). Notes sealed under a key that is no longer the
/// first configured one are sealed again under it as they are read.
#[utoipa::path(
    tag = "participants",
    params(("pair_id" = PairId, Path, description = "One of the participant's pairs")),
    security(("participant_session" = [])),
    responses((status = 200, description = "My notes, oldest first", body = NoteList))
)]
#[get("/portal/pairs/{pair_id}/notes")]
pub async fn list_notes(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    keys: web::Data<NoteKeys>,
    path: web::Path<PairId>,
) -> Result<web::Json<NoteList>, ApiError> {
    let participant = ctx.open(&db).await?;
    let pair = participant.my_pair(path.into_inner()).await?;
    let here = place(&ctx, pair.id, participant.person);
    let mut items = Vec::new();
    for note in participant.tx.private_notes(pair.id, participant.person).await? {
        let body = keys.open(here, &note.key_id, &note.sealed).ok_or_else(|| {
            ApiError::Unexpected(anyhow::anyhow!("private note {} does not open with key {:?}", note.id, note.key_id))
        })?;
        // A note sealed under a retired key is sealed again under the current one as it is read.
        if note.key_id != keys.sealing_key_id() {
            let (key_id, sealed) = keys.seal(here, &body);
            participant.tx.reseal_note(note.id, &key_id, sealed).await?;
        }
        items.push(NoteView { id: note.id, body, created_at: note.created_at });
    }
    participant.tx.commit().await?;
    Ok(web::Json(NoteList { items }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"body": "Ask about the budget process next time."}))]
pub struct NewNote {
    pub body: String,
}

/// Writes a private note: sealed before it is stored, readable by its author alone.
#[utoipa::path(
    tag = "participants",
    params(("pair_id" = PairId, Path, description = "One of the participant's pairs")),
    request_body = NewNote,
    security(("participant_session" = [])),
    responses((status = 201, description = "Written", body = NoteView))
)]
#[post("/portal/pairs/{pair_id}/notes")]
pub async fn add_note(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    keys: web::Data<NoteKeys>,
    path: web::Path<PairId>,
    body: Json<NewNote>,
) -> Result<HttpResponse, ApiError> {
    let participant = ctx.open(&db).await?;
    let body = body.read()?;
    let pair = participant.my_pair(path.into_inner()).await?;
    let text = read_note(&body.body).map_err(|e| ApiError::field("body", e))?;
    let (key_id, sealed) = keys.seal(place(&ctx, pair.id, participant.person), &text);
    let note = participant.tx.insert_private_note(pair.id, participant.person, &key_id, sealed).await?;
    participant.tx.commit().await?;
    Ok(HttpResponse::Created().json(NoteView { id: note.id, body: text, created_at: note.created_at }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "A dashboard in a week", "body": "Aoi showed Kenji how to build the sales dashboard himself."}))]
pub struct StoryText {
    pub title: String,
    pub body: String,
}

/// Writes or changes the pair's story. The writer agrees to it; it is published once the
/// partner agrees too (a change asks the partner again).
#[utoipa::path(
    tag = "participants",
    params(("pair_id" = PairId, Path, description = "One of the participant's pairs")),
    request_body = StoryText,
    security(("participant_session" = [])),
    responses((status = 200, description = "The story", body = StoryView))
)]
#[put("/portal/pairs/{pair_id}/story")]
pub async fn write_story(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    path: web::Path<PairId>,
    body: Json<StoryText>,
) -> Result<web::Json<StoryView>, ApiError> {
    let participant = ctx.open(&db).await?;
    let body = body.read()?;
    let pair = participant.my_pair(path.into_inner()).await?;
    let mut fields = Fields::default();
    let title = fields.check("title", display_name(&body.title, TITLE_MAX_CHARS));
    let text = fields.check("body", read_note(&body.body));
    let (title, text) = fields.finish(|| Some((title?, text?)))?;
    let story = participant.tx.write_story(pair.id, participant.person, title, text).await?;
    participant.tx.commit().await?;
    Ok(web::Json(StoryView::from(story)))
}

/// Agrees to the pair's story as it stands; with both members agreed, it is published.
#[utoipa::path(
    tag = "participants",
    params(("pair_id" = PairId, Path, description = "One of the participant's pairs")),
    security(("participant_session" = [])),
    responses((status = 200, description = "The story", body = StoryView))
)]
#[post("/portal/pairs/{pair_id}/story/agreement")]
pub async fn agree_to_story(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    path: web::Path<PairId>,
) -> Result<web::Json<StoryView>, ApiError> {
    let participant = ctx.open(&db).await?;
    let pair = participant.my_pair(path.into_inner()).await?;
    let story = participant.tx.story(pair.id).await?.ok_or(ApiError::NotFound)?;
    let mut agreed = story.agreed_by.clone();
    if !agreed.contains(&participant.person) {
        agreed.push(participant.person);
        participant.tx.set_story_agreed_by(pair.id, &agreed).await?;
    }
    let story = participant.tx.story(pair.id).await?.ok_or(ApiError::NotFound)?;
    participant.tx.commit().await?;
    Ok(web::Json(StoryView::from(story)))
}

/// Marks a training module of one of the participant's programs done.
#[utoipa::path(
    tag = "participants",
    params(
        ("program_id" = ProgramId, Path, description = "A program the participant is paired in"),
        ("module" = u32, Path, description = "The module's place in the program's training list"),
    ),
    security(("participant_session" = [])),
    responses(
        (status = 204, description = "Recorded (again: nothing changes)"),
        (status = 409, description = "The participant's pairs in the program have ended"),
    )
)]
#[post("/portal/programs/{program_id}/training/{module}/completion")]
pub async fn complete_training(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    path: web::Path<(ProgramId, u32)>,
) -> Result<HttpResponse, ApiError> {
    let participant = ctx.open(&db).await?;
    let (program_id, module) = path.into_inner();
    let mine = participant.tx.pairs_of_person(participant.person).await?;
    let in_program: Vec<&PairRecord> = mine.iter().filter(|p| p.program_id == program_id).collect();
    if in_program.is_empty() {
        return Err(ApiError::NotFound);
    }
    // Someone whose pairs in the program have all ended has left it: nothing more to record.
    if !in_program.iter().any(|p| matches!(p.state, PairState::Active | PairState::Paused)) {
        return Err(ApiError::Conflict(Reason::PairNotActive));
    }
    let program = participant.tx.program(program_id).await?;
    if usize::try_from(module).map_or(true, |m| m >= program.design.training.len()) {
        return Err(ApiError::NotFound);
    }
    participant.tx.complete_training(program_id, participant.person, module).await?;
    participant.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "I moved teams and no longer have the time."}))]
pub struct Leaving {
    /// Why, in the member's words: told to the company's team, not to the partner.
    pub reason: Option<String>,
}

const LEAVING_REASON_MAX: usize = 500;

/// Leaves the pair and its program: the pair ends, the partner is told in their language and is
/// free for the next matching run, and the company's owners, admins and program managers are
/// emailed who left (with the reason, when one is given).
#[utoipa::path(
    tag = "participants",
    params(("pair_id" = PairId, Path, description = "One of the participant's pairs")),
    request_body = Leaving,
    security(("participant_session" = [])),
    responses(
        (status = 200, description = "The pair, ended", body = PortalPair),
        (status = 409, description = "The pair has ended already"),
    )
)]
#[post("/portal/pairs/{pair_id}/leave")]
pub async fn leave_pair(
    ctx: ParticipantCtx,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    path: web::Path<PairId>,
    locale: RequestLocale,
    body: Json<Leaving>,
) -> Result<web::Json<PortalPair>, ApiError> {
    let participant = ctx.open(&db).await?;
    let body = body.read()?;
    let pair = participant.my_pair(path.into_inner()).await?;
    let reason = match body.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(reason) => Some(display_name(reason, LEAVING_REASON_MAX).map_err(|e| ApiError::field("reason", e))?),
        None => None,
    };
    let tx = &participant.tx;
    super::matching::end_pair(tx, &pair, Some(participant.person)).await?;
    let program = tx.program(pair.program_id).await?;
    let leaver = tx.person(participant.person).await?;
    let partner = tx.person(partner_of(&pair, participant.person)).await?;
    let link = format!("{}/pairs/{}", settings.public_url.trim_end_matches('/'), pair.id);
    let team = tx.members(tandem_store::PageRequest { limit: 100, after: None }).await?.items;
    for member in team.iter().filter(|m| m.role != tandem_domain::Role::Viewer) {
        let email = Email::PairLeft(tandem_domain::emails::PairLeftEmail {
            name: member.name.clone(),
            program: program.design.name.clone(),
            leaver: leaver.person.name.clone(),
            partner: partner.person.name.clone(),
            reason: reason.clone().unwrap_or_default(),
            link: link.clone(),
        });
        tx.create_delivery(tandem_store::NewEmailDelivery {
            idempotency_key: format!("pair:{}:left:{}", pair.id, member.user_id),
            email,
            locale: member.locale,
            to_email: member.email.clone(),
            to_name: Some(member.name.clone()),
            time_zone: None,
        })
        .await?;
    }
    tx.record(tandem_store::NewAuditEvent {
        actor: tandem_store::AuditActor::System,
        action: "pair.left",
        target_kind: "pair",
        target_id: Some(pair.id.as_uuid()),
        details: serde_json::json!({ "leaver": participant.person, "reason": reason }),
    })
    .await?;
    let ended = participant.my_pair(pair.id).await?;
    let view = pair_view(&participant, &ended, locale.0).await?;
    participant.tx.commit().await?;
    Ok(web::Json(view))
}
