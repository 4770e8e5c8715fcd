//! What employees reach from a campaign's link, without an account: the campaign and its form,
//! applying (confirmed by a magic link sent to their work address), and withdrawing.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::NaiveDate;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_domain::jobs::{PublicApplicationTask, Task};
use tandem_domain::programs::{ParticipantRole, ProgramKind, PurposeKind, TrainingModule};
use tandem_domain::recruitment::{
    ApplicationStatus, CampaignKind, CampaignState, CustomQuestion, answer_problems, eligibility_refusals,
};
use tandem_domain::{CampaignId, EmailAddress, PersonId, Reason, TenantId};
use tandem_jobs::applications::{Recorded, record};
use tandem_mail::unsubscribe::LinkSigner;
use tandem_store::{CampaignRecord, Db, NewJob, TenantTx};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::secrets;
use crate::error::{ApiError, InvalidField, Problem};
use crate::http::Json;
use crate::{ApiSettings, limits};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(open_campaign).service(apply).service(confirm).service(withdraw);
}

/// Which campaign a link is for, and (personal links) whose it is.
struct Link {
    campaign: CampaignRecord,
    person: Option<PersonId>,
}

async fn follow(tx: &TenantTx, token: &str) -> Result<Link, ApiError> {
    if let Ok(campaign) = tx.campaign_by_public_token(token).await {
        // A closed campaign is for its invitees only: its public link (kept from when it was
        // drafted as open) leads nowhere.
        if campaign.kind == CampaignKind::Closed {
            return Err(ApiError::NotFound);
        }
        return Ok(Link { campaign, person: None });
    }
    let (_, hash) = secrets::parse_tenant_token(token).ok_or(ApiError::NotFound)?;
    let invitee = tx.invitee_by_token(&hash).await?;
    let campaign = tx.campaign(invitee.campaign_id).await?;
    Ok(Link { campaign, person: Some(invitee.person_id) })
}

fn tenant_of(token: &str) -> Result<TenantId, ApiError> {
    secrets::parse_tenant_token(token).map(|(tenant, _)| tenant).ok_or(ApiError::NotFound)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicCampaign {
    /// The company running the program.
    #[schema(example = "Sakura Industries")]
    pub company: String,
    #[schema(example = "Reverse mentoring on digital skills")]
    pub program: String,
    /// What the program is for, from its design.
    pub purposes: Vec<PurposeKind>,
    #[schema(example = "Prepare managers for hybrid work")]
    pub custom_purpose: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// The commitment asked of each pair.
    #[schema(example = 2)]
    pub meetings_per_month: u32,
    #[schema(example = 45)]
    pub minutes_per_meeting: u32,
    /// The training each role takes before the kickoff.
    pub training: Vec<TrainingModule>,
    pub program_kind: ProgramKind,
    #[schema(example = "Spring intake")]
    pub campaign: String,
    pub state: CampaignState,
    pub deadline: Option<DateTime<Utc>>,
    /// The roles one may apply for (mutual programs: only `either`).
    pub roles: Vec<ParticipantRole>,
    pub questions: Vec<CustomQuestion>,
    /// The company's skills, most common first, to pick what one can teach and wants to learn
    /// from (typing others is fine).
    #[schema(example = json!(["Python", "Excel", "TikTok"]))]
    pub skills: Vec<String>,
    /// Filled in for personal links.
    #[schema(example = "Kenji Sato")]
    pub name: Option<String>,
    #[schema(example = "kenji.sato@sakura.example")]
    pub email: Option<String>,
}

/// The campaign behind a link, what the program is and asks, and its application form.
/// Following the link counts it as opened (on the server: no tracking pixels), once per person
/// for a personal link and once per browser for the public link (a cookie remembers it, so a
/// reload is not another open).
#[utoipa::path(
    tag = "participants",
    params(("token" = String, Path, description = "The token from the campaign's link")),
    responses(
        (status = 200, description = "The campaign and its form", body = PublicCampaign),
        (status = 404, description = "Not a valid link", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/public/campaigns/{token}")]
pub async fn open_campaign(
    req: HttpRequest,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let token = path.into_inner();
    let tenant = tenant_of(&token)?;
    let tx = db.tenant(tenant).await?;
    let link = follow(&tx, &token).await?;
    if link.campaign.state == CampaignState::Draft {
        return Err(ApiError::NotFound);
    }
    let program = tx.program(link.campaign.program_id).await?.design;
    let company = tx.tenant().await?.name;
    // A bounded read: the skills of at most this many people, at most this many skills.
    let skills = tx.skill_list(SKILLS_FROM_PEOPLE, MAX_SKILLS).await?;
    let seen = opened_cookie_name(link.campaign.id);
    let mut first_visit = None;
    let (name, email) = match link.person {
        Some(person) => {
            tx.mark_invitee_opened(link.campaign.id, person).await?;
            let p = tx.person(person).await?.person;
            (Some(p.name), Some(p.email.to_string()))
        }
        None => {
            if req.cookie(&seen).is_none() {
                tx.count_public_open(link.campaign.id).await?;
                first_visit = Some(seen);
            }
            (None, None)
        }
    };
    tx.commit().await?;
    let roles = if program.kind == ProgramKind::Mutual {
        vec![ParticipantRole::Either]
    } else {
        vec![ParticipantRole::Mentor, ParticipantRole::Mentee, ParticipantRole::Either]
    };
    let body = PublicCampaign {
        company,
        program: program.name,
        purposes: program.purposes,
        custom_purpose: program.custom_purpose,
        start_date: program.start_date,
        end_date: program.end_date,
        meetings_per_month: program.meetings_per_month,
        minutes_per_meeting: program.minutes_per_meeting,
        training: program.training,
        program_kind: program.kind,
        campaign: link.campaign.name,
        state: link.campaign.state,
        deadline: link.campaign.deadline,
        roles,
        questions: link.campaign.questions,
        skills,
        name,
        email,
    };
    let mut response = HttpResponse::Ok();
    if let Some(name) = first_visit {
        response.cookie(opened_cookie(name, &token, &settings.public_url));
    }
    Ok(response.json(body))
}

fn opened_cookie_name(campaign: CampaignId) -> String {
    format!("tandem_opened_{}", campaign.as_uuid().simple())
}

/// Marks this browser as having opened the campaign's public link, for 90 days, sent back
/// only to that link.
fn opened_cookie(name: String, token: &str, public_url: &str) -> actix_web::cookie::Cookie<'static> {
    actix_web::cookie::Cookie::build(name, "1")
        .path(format!("/api/v1/public/campaigns/{token}"))
        .http_only(true)
        .same_site(actix_web::cookie::SameSite::Lax)
        .secure(public_url.starts_with("https://"))
        .max_age(actix_web::cookie::time::Duration::days(90))
        .finish()
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyRequest {
    /// Your work email (the campaign's public link); personal links know it already.
    #[schema(example = "kenji.sato@sakura.example")]
    pub email: Option<String>,
    pub role_wanted: ParticipantRole,
    #[schema(example = "TikTok, short videos, Python")]
    pub can_teach: String,
    #[schema(example = "How budgets are decided")]
    pub wants_to_learn: String,
    #[schema(example = "Understand the business side")]
    pub goals: String,
    #[schema(example = "Tuesday and Thursday afternoons")]
    pub availability: String,
    #[serde(default)]
    #[schema(example = json!(["ja", "en"]))]
    pub languages: Vec<String>,
    /// Agreement to the program's terms; required.
    pub consent: bool,
    /// Answers to the campaign's questions, by key.
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, Value>, example = json!({"motivation": "I love teaching"}))]
    pub answers: BTreeMap<String, serde_json::Value>,
    /// Colleagues you would like to be paired with, by work email (at most 5). Matching takes
    /// them as a wish, not a promise.
    #[serde(default)]
    #[schema(example = json!(["aiko.tanaka@sakura.example"]))]
    pub would_like: Vec<String>,
    /// Colleagues you would rather not be paired with, by work email (at most 5).
    #[serde(default)]
    #[schema(example = json!([]))]
    pub rather_not: Vec<String>,
}

/// The form's skill list is counted over at most this many people of the directory…
const SKILLS_FROM_PEOPLE: u64 = 5_000;
/// …and lists at most this many skills.
const MAX_SKILLS: usize = 200;

/// How many colleagues a wish may name.
const MAX_WISHES: usize = 5;

#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationReceived {
    pub status: ApplicationStatus,
    /// Where the email went: the confirmation link, or (public links) the reasons the person
    /// may not take part. Through a public link this is the address given, in the directory or not.
    #[schema(example = "kenji.sato@sakura.example")]
    pub confirmation_sent_to: String,
}

/// Applies through a campaign's link. The application counts once confirmed through the link
/// emailed to the person's work address. Through a personal link eligibility is checked now,
/// and a refusal answers 422 with the reasons in words. Through a public link the answer is
/// 202 for every well-formed form, in the same time whatever address it names: who the
/// address is, and whether they may take part, is looked up afterwards, and the outcome (the
/// confirmation link, or the reasons) goes to the person's own address only; an address not
/// in the directory gets nothing. The link tells nobody who is in the directory.
#[utoipa::path(
    tag = "participants",
    params(("token" = String, Path, description = "The token from the campaign's link")),
    request_body = ApplyRequest,
    responses(
        (status = 202, description = "Received; the email to the address says what is next (confirm, or why not)", body = ApplicationReceived),
        (status = 404, description = "Not a valid link", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already applied (personal links; a public link answers 202 and changes nothing)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The campaign is closed or past its deadline", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or (personal links) not eligible: `role_wanted` says why", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/public/campaigns/{token}/applications")]
pub async fn apply(
    req: HttpRequest,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    links: web::Data<LinkSigner>,
    path: web::Path<String>,
    body: Json<ApplyRequest>,
) -> Result<HttpResponse, ApiError> {
    // A body that does not parse costs nothing more; everything after it is counted, before
    // any lookup and before the tenant's transaction opens.
    let body = body.read()?;
    let token = path.into_inner();
    let (tenant, link_hash) = secrets::parse_tenant_token(&token).ok_or(ApiError::NotFound)?;
    let limits = settings.limits;
    let client = limits::client_address(&req, limits.trust_forwarded_for);
    limits::per_hour(&db, &format!("apply:client:{client}"), limits.apply_per_client).await?;
    limits::per_hour(&db, &format!("apply:link:{link_hash}"), limits.apply_per_campaign).await?;
    let tx = db.tenant(tenant).await?;
    let link = follow(&tx, &token).await?;
    taking_applications(&link.campaign)?;
    let mut errors = form_problems(&link.campaign, &body);
    let form = serde_json::json!({
        "can_teach": body.can_teach, "wants_to_learn": body.wants_to_learn, "goals": body.goals,
        "availability": body.availability, "languages": body.languages, "consent": body.consent,
        "answers": body.answers,
        "would_like": wishes(&body.would_like),
        "rather_not": wishes(&body.rather_not),
    });
    let campaign = &link.campaign;
    let Some(person_id) = link.person else {
        let email = match body.email.as_deref().map(EmailAddress::parse) {
            None => Err(InvalidField::new("email", Reason::Required)),
            Some(Err(reason)) => Err(InvalidField::new("email", reason)),
            Some(Ok(email)) => Ok(email),
        };
        let email = match email {
            Ok(email) if errors.is_empty() => email,
            Ok(_) => return Err(ApiError::Validation(errors)),
            Err(field) => {
                errors.push(field);
                return Err(ApiError::Validation(errors));
            }
        };
        // The same work for every address: one job, which looks the address up.
        let task = Task::PublicApplication(PublicApplicationTask {
            campaign: campaign.id,
            email: email.to_string(),
            role_wanted: body.role_wanted,
            form,
        });
        let key = format!("campaign:{}:public-application:{}", campaign.id, uuid::Uuid::now_v7());
        tx.enqueue(NewJob::new(tenant, &task, key, Utc::now())).await?;
        tx.commit().await?;
        return Ok(received(email.as_str()));
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    // A personal link is its person's own: the page may say why they may not take part.
    let person = tx.person(person_id).await?.person;
    let program = tx.program(campaign.program_id).await?.design;
    let refusals = eligibility_refusals(&program, &person, body.role_wanted);
    if !refusals.is_empty() {
        return Err(ApiError::field("role_wanted", Reason::NotEligible { reasons: refusals }));
    }
    let public_url = &settings.public_url;
    match record(&tx, &links, public_url, campaign, &program.name, person_id, &person, body.role_wanted, form).await? {
        Recorded::Pending => {
            tx.commit().await?;
            Ok(received(person.email.as_str()))
        }
        Recorded::AlreadyApplied => Err(ApiError::Conflict(Reason::AlreadyApplied)),
    }
}

/// The answer to every well-formed application through a public link.
fn received(email: &str) -> HttpResponse {
    HttpResponse::Accepted()
        .json(ApplicationReceived { status: ApplicationStatus::Unconfirmed, confirmation_sent_to: email.to_owned() })
}

/// A draft's link leads nowhere yet; a closed campaign, or one past its deadline, is gone.
fn taking_applications(campaign: &CampaignRecord) -> Result<(), ApiError> {
    match campaign.state {
        CampaignState::Draft => Err(ApiError::NotFound),
        CampaignState::Closed => Err(ApiError::Gone(Reason::CampaignClosed)),
        CampaignState::Open if campaign.deadline.is_some_and(|d| d <= Utc::now()) => {
            Err(ApiError::Gone(Reason::ApplicationsClosed))
        }
        CampaignState::Open => Ok(()),
    }
}

/// What is wrong with the form itself, whoever sends it.
fn form_problems(campaign: &CampaignRecord, body: &ApplyRequest) -> Vec<InvalidField> {
    let mut errors = Vec::new();
    for (field, value, max) in [
        ("can_teach", &body.can_teach, 2000),
        ("wants_to_learn", &body.wants_to_learn, 2000),
        ("goals", &body.goals, 2000),
        ("availability", &body.availability, 500),
    ] {
        if value.chars().count() > max {
            errors.push(InvalidField::new(field, Reason::TooLong { max }));
        }
    }
    if !body.consent {
        errors.push(InvalidField::new("consent", Reason::ConsentNeeded));
    }
    for (key, reason) in answer_problems(&campaign.questions, &body.answers) {
        errors.push(InvalidField::new(format!("answers.{key}"), reason));
    }
    for (field, list) in [("would_like", &body.would_like), ("rather_not", &body.rather_not)] {
        if list.len() > MAX_WISHES {
            errors.push(InvalidField::new(field, Reason::TooManyWishes { max: MAX_WISHES as u8 }));
            continue;
        }
        for (i, address) in list.iter().enumerate() {
            if let Err(reason) = EmailAddress::parse(address) {
                errors.push(InvalidField::new(format!("{field}[{i}]"), reason));
            }
        }
    }
    errors
}

/// A wish's addresses as matching reads them: lower case, each once.
fn wishes(list: &[String]) -> Vec<String> {
    let mut addresses: Vec<String> = list.iter().map(|a| a.trim().to_lowercase()).collect();
    addresses.sort();
    addresses.dedup();
    addresses
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"token": "01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c"}))]
pub struct ApplicationToken {
    /// The token from the confirmation email's link.
    pub token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicApplication {
    pub status: ApplicationStatus,
    #[schema(example = "Reverse mentoring on digital skills")]
    pub program: String,
    pub campaign_id: CampaignId,
    pub role_wanted: ParticipantRole,
}

async fn by_token(db: &Db, token: &str, to: Option<ApplicationStatus>) -> Result<PublicApplication, ApiError> {
    let (tenant, hash) = secrets::parse_tenant_token(token).ok_or(ApiError::NotFound)?;
    let tx = db.tenant(tenant).await?;
    let application = tx.application_by_token(&hash).await?;
    let status = match to {
        // Confirming twice is harmless; a decided application stays decided.
        Some(ApplicationStatus::Submitted) if application.status == ApplicationStatus::Unconfirmed => {
            if application.created_at < Utc::now() - chrono::Duration::days(7) {
                return Err(ApiError::Gone(Reason::ConfirmationExpired));
            }
            ApplicationStatus::Submitted
        }
        Some(ApplicationStatus::Withdrawn) => match application.status {
            ApplicationStatus::Declined => return Err(ApiError::Conflict(Reason::ApplicationDeclined)),
            _ => ApplicationStatus::Withdrawn,
        },
        _ => application.status,
    };
    if status != application.status {
        tx.set_application_status(application.id, status).await?;
    }
    let program = tx.program(application.program_id).await?.design.name;
    tx.commit().await?;
    Ok(PublicApplication {
        status,
        program,
        campaign_id: application.campaign_id,
        role_wanted: application.role_wanted,
    })
}

/// Confirms an application from the emailed link.
#[utoipa::path(
    tag = "participants",
    request_body = ApplicationToken,
    responses(
        (status = 200, description = "The application, now submitted", body = PublicApplication),
        (status = 404, description = "Not a valid link", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link expired", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/public/applications/confirm")]
pub async fn confirm(
    db: web::Data<Db>,
    body: Json<ApplicationToken>,
) -> Result<web::Json<PublicApplication>, ApiError> {
    let body = body.read()?;
    Ok(web::Json(by_token(&db, &body.token, Some(ApplicationStatus::Submitted)).await?))
}

/// Withdraws an application (from the same emailed link).
#[utoipa::path(
    tag = "participants",
    request_body = ApplicationToken,
    responses(
        (status = 200, description = "The application, now withdrawn", body = PublicApplication),
        (status = 404, description = "Not a valid link", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Declined applications are not withdrawn", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/public/applications/withdraw")]
pub async fn withdraw(
    db: web::Data<Db>,
    body: Json<ApplicationToken>,
) -> Result<web::Json<PublicApplication>, ApiError> {
    let body = body.read()?;
    Ok(web::Json(by_token(&db, &body.token, Some(ApplicationStatus::Withdrawn)).await?))
}
