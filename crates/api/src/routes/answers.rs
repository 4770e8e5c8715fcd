//! What participants answer from links in emails, without signing in: a check-in (the score in
//! the link, the rest optional) and a survey. The link's token is the only key: it names its
//! tenant and, by its hash, one check-in or one person's invitation to one survey.
//!
//! A survey's answers are sent with the token in the body, never in the URL, so request logs do
//! not carry it; the invitation is marked answered and the answers are kept in separate rows,
//! the response (for anonymous surveys) with no person, pair or time.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tandem_domain::feedback::{SurveyQuestionKind, answer_problems, read_answer_text, read_score};
use tandem_domain::{Locale, Reason, TenantId};
use tandem_jobs::feedback::answer_until;
use tandem_store::{CheckInRecord, Db, StoreError, TenantTx};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::feedback::takes_answers;
use crate::ApiSettings;
use crate::auth::secrets;
use crate::error::{ApiError, Fields, InvalidField};
use crate::http::Json;
use crate::limits;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(public_check_in).service(answer_check_in).service(public_survey).service(answer_survey);
}

/// Opens the tenant a personal link's token names, with the hash to look it up by.
async fn by_token(db: &Db, token: &str) -> Result<(TenantTx, String), ApiError> {
    let (tenant, hash) = secrets::parse_tenant_token(token).ok_or(ApiError::NotFound)?;
    if tenant == TenantId::PLATFORM {
        return Err(ApiError::NotFound);
    }
    match db.tenant(tenant).await {
        Ok(tx) => Ok((tx, hash)),
        Err(StoreError::NotFound) => Err(ApiError::NotFound),
        Err(err) => Err(err.into()),
    }
}

/// Answers from a client address are limited per hour like other forms without an account.
async fn limit(req: &HttpRequest, db: &Db, settings: &ApiSettings, what: &str) -> Result<(), ApiError> {
    let client = limits::client_address(req, settings.limits.trust_forwarded_for);
    limits::per_hour(db, &format!("{what}:client:{client}"), settings.limits.answers_per_client).await
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "program": "Reverse mentoring on digital skills", "partner_name": "Mori Aoi", "locale": "en",
    "period": "2027-02-01", "period_end": "2027-02-28", "open_until": "2027-03-07", "open": true,
    "score": 4, "learned": true, "comment": null, "answered": true
}))]
pub struct PublicCheckIn {
    pub program: String,
    pub partner_name: String,
    /// The participant's language.
    pub locale: Locale,
    pub period: NaiveDate,
    pub period_end: NaiveDate,
    /// The last day it may be answered or changed.
    pub open_until: NaiveDate,
    pub open: bool,
    pub score: Option<u8>,
    pub learned: Option<bool>,
    pub comment: Option<String>,
    pub answered: bool,
}

async fn check_in_view(tx: &TenantTx, check_in: CheckInRecord) -> Result<PublicCheckIn, ApiError> {
    let program = tx.program(check_in.program).await?;
    let pair = tx.pair(check_in.pair).await?;
    let partner = if pair.mentor == check_in.person { pair.mentee } else { pair.mentor };
    let people = tx.people_by_ids(&[check_in.person, partner]).await?;
    let name_of = |id| people.iter().find(|p| p.id == id);
    let until = answer_until(check_in.period_end);
    Ok(PublicCheckIn {
        program: program.design.name,
        partner_name: name_of(partner).map(|p| p.person.name.clone()).unwrap_or_default(),
        locale: name_of(check_in.person).map_or(Locale::En, |p| p.person.preferred_locale),
        period: check_in.period,
        period_end: check_in.period_end,
        open_until: until,
        open: Utc::now().date_naive() <= until,
        score: check_in.score,
        learned: check_in.learned,
        comment: check_in.comment,
        answered: check_in.answered_at.is_some(),
    })
}

/// The check-in an emailed link stands for, with what was answered so far.
#[utoipa::path(
    tag = "participants",
    params(("token" = String, Path, description = "The token from the emailed link")),
    responses((status = 200, body = PublicCheckIn), (status = 404, description = "Not a check-in link"))
)]
#[get("/public/check-ins/{token}")]
pub async fn public_check_in(db: web::Data<Db>, path: web::Path<String>) -> Result<web::Json<PublicCheckIn>, ApiError> {
    let (tx, hash) = by_token(&db, &path).await?;
    let check_in = tx.check_in_by_token(&hash).await?;
    let view = check_in_view(&tx, check_in).await?;
    tx.commit().await?;
    Ok(web::Json(view))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"score": 4, "learned": true, "comment": "We tried the new dashboard together"}))]
pub struct CheckInAnswer {
    /// How it is going, 1 (not well) to 5 (very well).
    pub score: i64,
    /// Whether they learned something since the last check-in.
    pub learned: Option<bool>,
    pub comment: Option<String>,
}

/// Records a check-in's answers (again, to change them, until `open_until`). The program's
/// managers see them with the person's name.
#[utoipa::path(
    tag = "participants",
    params(("token" = String, Path, description = "The token from the emailed link")),
    request_body = CheckInAnswer,
    responses(
        (status = 200, body = PublicCheckIn),
        (status = 404, description = "Not a check-in link"),
        (status = 409, description = "The check-in's period is over"),
    )
)]
#[put("/public/check-ins/{token}")]
pub async fn answer_check_in(
    req: HttpRequest,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    path: web::Path<String>,
    body: Json<CheckInAnswer>,
) -> Result<web::Json<PublicCheckIn>, ApiError> {
    let body = body.read()?;
    limit(&req, &db, &settings, "check-in").await?;
    let (tx, hash) = by_token(&db, &path).await?;
    let check_in = tx.check_in_by_token(&hash).await?;
    let mut fields = Fields::default();
    let score = fields.check("score", read_score(body.score));
    let comment = match body.comment.as_deref() {
        Some(text) => fields.check("comment", read_answer_text(text)),
        None => Some(None),
    };
    let (score, comment) = fields.finish(|| Some((score?, comment?)))?;
    if Utc::now().date_naive() > answer_until(check_in.period_end) {
        return Err(ApiError::Conflict(Reason::CheckInClosed));
    }
    let answered = tx.answer_check_in(check_in.id, score, body.learned, comment).await?;
    let view = check_in_view(&tx, answered).await?;
    tx.commit().await?;
    Ok(web::Json(view))
}

/// A choice as the participant reads it, and the value to send back.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"value": "As planned", "label": "予定どおり"}))]
pub struct PublicOption {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"key": "meetings", "label": "どのくらいの頻度で会っていますか？", "kind": "single_choice",
    "options": [{"value": "As planned", "label": "予定どおり"}], "required": true}))]
pub struct PublicQuestion {
    pub key: String,
    pub label: String,
    pub kind: SurveyQuestionKind,
    pub options: Vec<PublicOption>,
    pub required: bool,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "program": "Reverse mentoring on digital skills", "title": "Mid-program survey", "locale": "ja",
    "anonymous": true, "open": true, "answered": false, "closes_on": "2027-03-15",
    "questions": [{"key": "going", "label": "ペアの活動は順調に進んでいる。", "kind": "scale", "options": [], "required": true}]
}))]
pub struct PublicSurvey {
    pub program: String,
    pub title: String,
    /// The participant's language, which the labels are in.
    pub locale: Locale,
    /// Answers are kept without the person; results show groups of at least five.
    pub anonymous: bool,
    pub open: bool,
    pub answered: bool,
    pub closes_on: Option<NaiveDate>,
    pub questions: Vec<PublicQuestion>,
}

/// The survey an emailed link invites to, in the participant's language.
#[utoipa::path(
    tag = "participants",
    params(("token" = String, Path, description = "The token from the emailed link")),
    responses((status = 200, body = PublicSurvey), (status = 404, description = "Not a survey link"))
)]
#[get("/public/surveys/{token}")]
pub async fn public_survey(db: web::Data<Db>, path: web::Path<String>) -> Result<web::Json<PublicSurvey>, ApiError> {
    let (tx, hash) = by_token(&db, &path).await?;
    let invitee = tx.survey_invitee_by_token(&hash).await?;
    let survey = tx.survey_by_id(invitee.survey).await?;
    let program = tx.program(survey.program).await?;
    let locale = tx.person(invitee.person).await?.person.preferred_locale;
    tx.commit().await?;
    let open = takes_answers(&survey, Utc::now().date_naive());
    Ok(web::Json(PublicSurvey {
        program: program.design.name,
        title: survey.title,
        locale,
        anonymous: survey.anonymous,
        open,
        answered: invitee.answered,
        closes_on: survey.closes_on,
        questions: survey
            .questions
            .iter()
            .map(|q| PublicQuestion {
                key: q.key.clone(),
                label: q.label_in(locale).to_owned(),
                kind: q.kind,
                options: q
                    .options
                    .iter()
                    .zip(q.options_in(locale))
                    .map(|(value, label)| PublicOption { value: value.clone(), label: label.clone() })
                    .collect(),
                required: q.required,
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"token": "01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.5e884898da28047151d0e56f8dc6292773603d0d6aabbdd6", "answers": {"going": 4, "meetings": "As planned", "help": ["Ideas for topics"], "comment": "Good so far"}}))]
pub struct SurveyAnswers {
    /// The token from the emailed link.
    pub token: String,
    /// By question key: a scale 1–5, NPS 0–10, an option's `value`, a list of them, or text.
    pub answers: BTreeMap<String, Value>,
}

/// Answers a survey, once. Problems are named by question key (`answers.<key>`).
#[utoipa::path(
    tag = "participants",
    request_body = SurveyAnswers,
    responses(
        (status = 201, description = "Thank you: the answers are kept"),
        (status = 404, description = "Not a survey link"),
        (status = 409, description = "Answered already, or the survey is closed"),
    )
)]
#[post("/public/survey-responses")]
pub async fn answer_survey(
    req: HttpRequest,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    body: Json<SurveyAnswers>,
) -> Result<HttpResponse, ApiError> {
    let body = body.read()?;
    limit(&req, &db, &settings, "survey").await?;
    let (tx, hash) = by_token(&db, &body.token).await?;
    let invitee = tx.survey_invitee_by_token(&hash).await?;
    let survey = tx.survey_by_id(invitee.survey).await?;
    let answers = answer_problems(&survey.questions, &body.answers).map_err(|problems| {
        ApiError::Validation(
            problems.into_iter().map(|(key, reason)| InvalidField::new(format!("answers.{key}"), reason)).collect(),
        )
    })?;
    if !takes_answers(&survey, Utc::now().date_naive()) {
        return Err(ApiError::Conflict(Reason::SurveyNotOpen));
    }
    if !tx.mark_survey_answered(invitee.id).await? {
        return Err(ApiError::Conflict(Reason::SurveyAnsweredAlready));
    }
    let person = (!survey.anonymous).then_some(invitee.person);
    tx.insert_survey_response(survey.id, invitee.role, person, &answers).await?;
    tx.commit().await?;
    Ok(HttpResponse::Created().finish())
}
