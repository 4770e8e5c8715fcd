//! What needs the company's attention now, across its active programs: pairs at risk or
//! inactive, check-ins left unanswered, surveys closing soon, and emails that failed.

use actix_web::{get, web};
use chrono::{Duration, NaiveDate, Utc};
use serde::Serialize;
use tandem_domain::feedback::SurveyState;
use tandem_domain::programs::ProgramState;
use tandem_domain::tracking::HealthStatus;
use tandem_domain::{PairId, Permission, ProgramId, SurveyId};
use tandem_store::{Db, PageRequest};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::feedback::takes_answers;
use super::launch::monitoring_of;
use crate::auth::TenantCtx;
use crate::error::ApiError;
use crate::locale::RequestLocale;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(attention);
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"pair_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e80", "program_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f",
    "program": "Reverse mentoring on digital skills", "mentor": "Mori Aoi", "mentee": "Sato Kenji", "status": "inactive",
    "reasons": ["No session for 52 days"]}))]
pub struct PairNeedingAttention {
    pub pair_id: PairId,
    pub program_id: ProgramId,
    pub program: String,
    pub mentor: String,
    pub mentee: String,
    pub status: HealthStatus,
    /// In words, in the request's language.
    pub reasons: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"program_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f", "program": "Reverse mentoring on digital skills", "unanswered": 4}))]
pub struct CheckInsOverdue {
    pub program_id: ProgramId,
    pub program: String,
    /// Check-ins asked more than three days ago and not answered, that may still be answered.
    pub unanswered: u32,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"survey_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e90", "program_id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f",
    "program": "Reverse mentoring on digital skills", "title": "Mid-program survey", "closes_on": "2027-03-15", "invited": 24, "answered": 11}))]
pub struct SurveyClosing {
    pub survey_id: SurveyId,
    pub program_id: ProgramId,
    pub program: String,
    pub title: String,
    pub closes_on: NaiveDate,
    pub invited: u32,
    pub answered: u32,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"pairs": [], "check_ins_overdue": [], "surveys_closing": [], "failed_emails": 2}))]
pub struct Attention {
    pub pairs: Vec<PairNeedingAttention>,
    pub check_ins_overdue: Vec<CheckInsOverdue>,
    /// Open surveys closing within seven days.
    pub surveys_closing: Vec<SurveyClosing>,
    /// Emails that failed for good in the last seven days.
    pub failed_emails: u64,
}

/// The most active programs looked at.
const PROGRAMS_MAX: u64 = 50;

/// What needs attention across the company's active programs (the console's home).
#[utoipa::path(
    tag = "results",
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = Attention))
)]
#[get("/attention")]
pub async fn attention(
    ctx: TenantCtx,
    db: web::Data<Db>,
    locale: RequestLocale,
) -> Result<web::Json<Attention>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let tx = &scoped.tx;
    let now = Utc::now();
    let today = now.date_naive();
    let programs =
        tx.programs(Some(ProgramState::Active), PageRequest { limit: PROGRAMS_MAX, after: None }).await?.items;
    let mut out =
        Attention { pairs: Vec::new(), check_ins_overdue: Vec::new(), surveys_closing: Vec::new(), failed_emails: 0 };
    for program in &programs {
        let monitoring = monitoring_of(tx, program, locale.0).await?;
        for pair in monitoring.pairs.into_iter().filter(|p| p.health.status != HealthStatus::OnTrack) {
            out.pairs.push(PairNeedingAttention {
                pair_id: pair.id,
                program_id: program.id,
                program: program.design.name.clone(),
                mentor: pair.mentor.name,
                mentee: pair.mentee.name,
                status: pair.health.status,
                reasons: pair.health.reasons,
            });
        }
        let unanswered = tx
            .check_ins_of_program(program.id)
            .await?
            .into_iter()
            .filter(|c| c.answered_at.is_none())
            .filter(|c| c.period_end + Duration::days(7) >= today && c.asked_at + Duration::days(3) < now)
            .count() as u32;
        if unanswered > 0 {
            out.check_ins_overdue.push(CheckInsOverdue {
                program_id: program.id,
                program: program.design.name.clone(),
                unanswered,
            });
        }
        let counts = tx.survey_counts(program.id).await?;
        for survey in tx.surveys_of(program.id).await? {
            let Some(closes_on) = survey.closes_on else { continue };
            if survey.state != SurveyState::Open
                || !takes_answers(&survey, today)
                || closes_on > today + Duration::days(7)
            {
                continue;
            }
            let (invited, answered) = counts.get(&survey.id).copied().unwrap_or_default();
            out.surveys_closing.push(SurveyClosing {
                survey_id: survey.id,
                program_id: program.id,
                program: program.design.name.clone(),
                title: survey.title,
                closes_on,
                invited,
                answered,
            });
        }
    }
    out.pairs.sort_by_key(|p| p.status != HealthStatus::Inactive);
    out.failed_emails = tx.failed_deliveries_since(now - Duration::days(7)).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(out))
}
