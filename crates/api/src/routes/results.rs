//! A program's results against its purpose: the funnel from invitation to completion, sessions
//! over time, pair health, learning both ways, check-ins, surveys (through the anonymity rules),
//! training, executives taking part, how diverse the pairs are, and each success metric
//! measured against its target with its trend. Values for manual metrics are entered here.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::{HttpResponse, get, post, web};
use chrono::{Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tandem_domain::analytics::{Figures, diversity, measure, percent, round2};
use tandem_domain::feedback::{ResponseGroup, SurveyKind, SurveyQuestionKind, SurveyResults, SurveyState};
use tandem_domain::matching::run::PairState;
use tandem_domain::programs::{MetricSource, ParticipantRole, ProgramState};
use tandem_domain::{Permission, PersonId, ProgramId, Reason, SurveyId};
use tandem_store::{Db, FunnelPeople, NewAuditEvent, PairRecord, PersonRecord, ProgramRecord, TenantTx};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::feedback::{CheckInPeriod, check_in_periods, results_of};
use super::launch::{HealthCounts, LearningSummary, monitoring_of, training_of};
use super::tracking::Recorded;
use crate::auth::TenantCtx;
use crate::error::{ApiError, Fields};
use crate::http::Json;
use crate::locale::RequestLocale;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(program_results).service(record_metric_value);
}

/// People at each step, each counted once.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"invited": 120, "applied": 34, "accepted": 24, "matched": 22, "active": 20, "completed": 0}))]
pub struct ProgramFunnel {
    pub invited: u64,
    pub applied: u64,
    pub accepted: u64,
    /// In a published pair, whatever happened to it since.
    pub matched: u64,
    /// In a pair that goes on (active or paused).
    pub active: u64,
    /// In a pair that ran to the program's end.
    pub completed: u64,
}

/// One month's sessions (held, not planned ahead).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"month": "2027-02", "sessions": 18, "minutes": 810, "pairs_meeting": 9, "per_pair": 1.8}))]
pub struct MonthSessions {
    /// `YYYY-MM`, in UTC.
    pub month: String,
    pub sessions: u32,
    pub minutes: u32,
    /// Pairs that met at least once that month.
    pub pairs_meeting: u32,
    /// Sessions per pair of the program that month.
    pub per_pair: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e90", "title": "End-of-program survey", "kind": "end_of_program",
    "audience": "either", "state": "closed", "invited": 24, "answered": 19, "respondents": 19, "nps": 42.1}))]
pub struct SurveySummary {
    pub id: SurveyId,
    pub title: String,
    pub kind: SurveyKind,
    pub audience: ParticipantRole,
    pub state: SurveyState,
    pub invited: u32,
    pub answered: u32,
    /// `null` while too few answered an anonymous survey to show anything.
    pub respondents: Option<u32>,
    /// The NPS of its first NPS question, for everyone, when shown.
    pub nps: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"people": 24, "completed": 18, "share": 75.0}))]
pub struct TrainingSummary {
    pub people: u32,
    pub completed: u32,
    pub share: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"pairs": 12, "with_executive": 3, "share": 25.0, "executives": 3}))]
pub struct ExecutivesInPairs {
    /// Pairs that stayed together (not withdrawn).
    pub pairs: u32,
    pub with_executive: u32,
    pub share: Option<f64>,
    /// Executives in those pairs.
    pub executives: u32,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"pairs": 12, "cross_department": 11, "cross_function": 8, "cross_region": 3,
    "cross_department_share": 91.7, "cross_function_share": 66.7, "cross_region_share": 25.0}))]
pub struct PairDiversity {
    pub pairs: u32,
    pub cross_department: u32,
    pub cross_function: u32,
    pub cross_region: u32,
    pub cross_department_share: Option<f64>,
    pub cross_function_share: Option<f64>,
    pub cross_region_share: Option<f64>,
}

/// One point of a metric's trend.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"on": "2027-02-28", "value": 3.9}))]
pub struct TrendPoint {
    pub on: NaiveDate,
    pub value: f64,
}

/// A success metric, measured.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"name": "Participants who say the program changed how they work", "target": 80.0, "unit": "%",
    "measured_by": "end-of-program survey", "source": "survey_question", "question": "changed", "measured": 84.2, "met": true,
    "trend": [{"on": "2027-03-15", "value": 61.0}, {"on": "2027-06-30", "value": 84.2}]}))]
pub struct MetricResult {
    pub name: String,
    pub target: f64,
    pub unit: String,
    pub measured_by: String,
    pub source: MetricSource,
    pub question: Option<String>,
    /// `null` until there is something to measure.
    pub measured: Option<f64>,
    /// Whether the measured value reaches the target.
    pub met: Option<bool>,
    pub trend: Vec<TrendPoint>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgramResults {
    pub program_id: ProgramId,
    pub state: ProgramState,
    pub funnel: ProgramFunnel,
    pub sessions_by_month: Vec<MonthSessions>,
    pub health: HealthCounts,
    pub learning: LearningSummary,
    pub check_ins: Vec<CheckInPeriod>,
    pub surveys: Vec<SurveySummary>,
    pub training: TrainingSummary,
    pub executives: ExecutivesInPairs,
    pub diversity: PairDiversity,
    pub metrics: Vec<MetricResult>,
}

fn month_end(month: &str) -> Option<NaiveDate> {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    first.checked_add_months(chrono::Months::new(1))?.pred_opt()
}

/// The figure a survey question gives, for everyone, when shown: a scale's share answering
/// 4–5, an NPS question's score.
fn question_figure(results: &SurveyResults, key: &str) -> Option<f64> {
    let everyone = results.groups.iter().find(|g| g.group == ResponseGroup::Everyone)?;
    let question = everyone.questions.iter().find(|q| q.key == key && !q.hidden)?;
    match question.kind {
        SurveyQuestionKind::Scale => question.agree,
        SurveyQuestionKind::Nps => question.nps,
        _ => None,
    }
}

fn first_nps(results: &SurveyResults) -> Option<f64> {
    let everyone = results.groups.iter().find(|g| g.group == ResponseGroup::Everyone)?;
    everyone.questions.iter().find(|q| q.kind == SurveyQuestionKind::Nps && !q.hidden)?.nps
}

pub(crate) async fn results_for(
    tx: &TenantTx,
    program: &ProgramRecord,
    locale: tandem_domain::Locale,
) -> Result<ProgramResults, ApiError> {
    let today = Utc::now().date_naive();
    let now = Utc::now();
    let pairs = tx
        .pairs_in_states(program.id, &[PairState::Active, PairState::Paused, PairState::Ended, PairState::Withdrawn])
        .await?;
    let kept: Vec<&PairRecord> = pairs.iter().filter(|p| p.state != PairState::Withdrawn).collect();
    let member_ids: Vec<PersonId> = pairs.iter().flat_map(|p| [p.mentor, p.mentee]).collect();
    let people: BTreeMap<PersonId, PersonRecord> =
        tx.people_by_ids(&member_ids).await?.into_iter().map(|p| (p.id, p)).collect();

    // The funnel.
    let mut recruited = FunnelPeople::default();
    for campaign in tx.campaigns_of(program.id).await? {
        recruited.add(tx.funnel_people(&campaign).await?);
    }
    let members = |states: &[PairState]| -> u64 {
        let set: BTreeSet<PersonId> =
            pairs.iter().filter(|p| states.contains(&p.state)).flat_map(|p| [p.mentor, p.mentee]).collect();
        set.len() as u64
    };
    let funnel = ProgramFunnel {
        invited: recruited.invited.len() as u64,
        applied: recruited.applied.len() as u64,
        accepted: recruited.accepted.len() as u64,
        matched: members(&[PairState::Active, PairState::Paused, PairState::Ended, PairState::Withdrawn]),
        active: members(&[PairState::Active, PairState::Paused]),
        completed: members(&[PairState::Ended]),
    };

    // Sessions by month.
    let ids: Vec<_> = pairs.iter().map(|p| p.id).collect();
    let recorded = Recorded::read(tx, &ids).await?;
    let mut months: BTreeMap<String, (u32, u32, BTreeSet<tandem_domain::PairId>)> = BTreeMap::new();
    let mut held = 0u32;
    for pair in &pairs {
        for session in recorded.sessions_of(pair.id).iter().filter(|s| s.held_at <= now) {
            let month = format!("{:04}-{:02}", session.held_at.year(), session.held_at.month());
            let entry = months.entry(month).or_default();
            entry.0 += 1;
            entry.1 += session.minutes;
            entry.2.insert(pair.id);
            held += 1;
        }
    }
    let sessions_by_month: Vec<MonthSessions> = months
        .into_iter()
        .map(|(month, (sessions, minutes, meeting))| MonthSessions {
            per_pair: (!kept.is_empty()).then(|| round2(f64::from(sessions) / kept.len() as f64)),
            month,
            sessions,
            minutes,
            pairs_meeting: meeting.len() as u32,
        })
        .collect();

    let monitoring = monitoring_of(tx, program, locale).await?;
    let check_ins = tx.check_ins_of_program(program.id).await?;
    let check_in_trend = check_in_periods(&check_ins);

    // Surveys, oldest first, so the latest figure of a question wins.
    let mut surveys = Vec::new();
    let mut figures = Figures::default();
    let mut survey_trends: BTreeMap<String, Vec<TrendPoint>> = BTreeMap::new();
    let mut nps_trend = Vec::new();
    let counts = tx.survey_counts(program.id).await?;
    for survey in tx.surveys_of(program.id).await? {
        if survey.state == SurveyState::Draft {
            continue;
        }
        let results = results_of(tx, &survey).await?;
        let on = survey.closes_on.or(survey.closed_at.map(|t| t.date_naive())).unwrap_or(today).min(today);
        for question in &survey.questions {
            if let Some(value) = question_figure(&results, &question.key) {
                figures.survey_questions.insert(question.key.clone(), value);
                survey_trends.entry(question.key.clone()).or_default().push(TrendPoint { on, value });
            }
        }
        let nps = first_nps(&results);
        if let Some(value) = nps {
            figures.survey_nps = Some(value);
            nps_trend.push(TrendPoint { on, value });
        }
        let (invited, answered) = counts.get(&survey.id).copied().unwrap_or_default();
        let state = super::feedback::shown_state(&survey, today);
        surveys.push(SurveySummary {
            id: survey.id,
            title: survey.title,
            kind: survey.kind,
            audience: survey.audience,
            state,
            invited,
            answered,
            respondents: results.respondents,
            nps,
        });
    }

    let training_report = training_of(tx, program).await?;
    let (trained_people, trained) =
        training_report.by_role.iter().fold((0, 0), |(p, c), r| (p + r.people, c + r.completed));
    let training = TrainingSummary {
        people: trained_people,
        completed: trained,
        share: percent(u64::from(trained), u64::from(trained_people)),
    };

    let is_executive = |id: &PersonId| people.get(id).is_some_and(|p| p.person.is_executive);
    let executives: BTreeSet<PersonId> =
        kept.iter().flat_map(|p| [p.mentor, p.mentee]).filter(|id| is_executive(id)).collect();
    let with_executive = kept.iter().filter(|p| is_executive(&p.mentor) || is_executive(&p.mentee)).count() as u64;
    let executive_participation = ExecutivesInPairs {
        pairs: kept.len() as u32,
        with_executive: with_executive as u32,
        share: percent(with_executive, kept.len() as u64),
        executives: executives.len() as u32,
    };

    let mixed =
        diversity(kept.iter().filter_map(|p| Some((&people.get(&p.mentor)?.person, &people.get(&p.mentee)?.person))));
    let pair_diversity = PairDiversity {
        pairs: mixed.pairs as u32,
        cross_department: mixed.cross_department as u32,
        cross_function: mixed.cross_function as u32,
        cross_region: mixed.cross_region as u32,
        cross_department_share: percent(mixed.cross_department, mixed.pairs),
        cross_function_share: percent(mixed.cross_function, mixed.pairs),
        cross_region_share: percent(mixed.cross_region, mixed.pairs),
    };

    // The figures metrics read, and their trends.
    figures.sessions_per_pair = (!kept.is_empty()).then(|| round2(f64::from(held) / kept.len() as f64));
    figures.reciprocity = monitoring.learning.reciprocity.index;
    figures.senior_learned = monitoring.learning.reciprocity.senior_learned_share.map(|s| (s * 1000.0).round() / 10.0);
    figures.check_in_score = tandem_domain::analytics::mean(check_ins.iter().filter_map(|c| c.score).map(f64::from));
    figures.training_completion = training.share;
    figures.executive_participation = executive_participation.share;
    figures.pairs_retained = percent(kept.len() as u64, pairs.len() as u64);
    figures.cross_department = pair_diversity.cross_department_share;
    let readings = tx.metric_readings(program.id).await?;
    for reading in &readings {
        figures.manual.insert(reading.metric.clone(), reading.value);
    }
    let mut cumulative = 0.0;
    let sessions_trend: Vec<TrendPoint> = sessions_by_month
        .iter()
        .filter_map(|m| {
            cumulative += f64::from(m.sessions);
            let on = month_end(&m.month)?.min(today);
            Some(TrendPoint { on, value: round2(cumulative / kept.len().max(1) as f64) })
        })
        .collect();
    let metrics = program
        .design
        .success_metrics
        .iter()
        .map(|metric| {
            let measured = measure(metric, &figures);
            let trend = match metric.source {
                MetricSource::Manual => readings
                    .iter()
                    .filter(|r| r.metric == metric.name)
                    .map(|r| TrendPoint { on: r.recorded_on, value: r.value })
                    .collect(),
                MetricSource::CheckInScore => check_in_trend
                    .iter()
                    .filter_map(|p| Some(TrendPoint { on: p.period, value: p.average_score? }))
                    .collect(),
                MetricSource::SurveyNps => nps_trend.iter().map(|p| TrendPoint { on: p.on, value: p.value }).collect(),
                MetricSource::SurveyQuestion => metric
                    .question
                    .as_ref()
                    .and_then(|q| survey_trends.get(q))
                    .map(|points| points.iter().map(|p| TrendPoint { on: p.on, value: p.value }).collect())
                    .unwrap_or_default(),
                MetricSource::SessionsPerPair => {
                    sessions_trend.iter().map(|p| TrendPoint { on: p.on, value: p.value }).collect()
                }
                _ => Vec::new(),
            };
            MetricResult {
                name: metric.name.clone(),
                target: metric.target,
                unit: metric.unit.clone(),
                measured_by: metric.measured_by.clone(),
                source: metric.source,
                question: metric.question.clone(),
                measured,
                met: measured.map(|m| m >= metric.target),
                trend,
            }
        })
        .collect();

    Ok(ProgramResults {
        program_id: program.id,
        state: program.state,
        funnel,
        sessions_by_month,
        health: monitoring.health,
        learning: monitoring.learning,
        check_ins: check_in_trend,
        surveys,
        training,
        executives: executive_participation,
        diversity: pair_diversity,
        metrics,
    })
}

/// The program's results against its purpose: the funnel, sessions by month, pair health,
/// learning both ways, check-ins, surveys (anonymous ones only from five answers), training,
/// executives taking part, the pairs' diversity, and each success metric with its trend.
#[utoipa::path(
    tag = "results",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, body = ProgramResults))
)]
#[get("/programs/{program_id}/results")]
pub async fn program_results(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    locale: RequestLocale,
) -> Result<web::Json<ProgramResults>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let results = results_for(&scoped.tx, &program, locale.0).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(results))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"metric": "Promotions of mentees within a year", "value": 4.0, "recorded_on": "2027-03-31"}))]
pub struct MetricValue {
    /// The success metric's name, as the program's design has it (a `manual` one).
    pub metric: String,
    pub value: f64,
    /// The day the value stands for (default today); not in the future.
    pub recorded_on: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"metric": "Promotions of mentees within a year", "value": 4.0, "recorded_on": "2027-03-31"}))]
pub struct MetricValueView {
    pub metric: String,
    pub value: f64,
    pub recorded_on: NaiveDate,
}

/// Enters a value for one of the program's manual success metrics; the latest is its measure,
/// all of them its trend.
#[utoipa::path(
    tag = "results",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    request_body = MetricValue,
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 201, body = MetricValueView))
)]
#[post("/programs/{program_id}/metric-values")]
pub async fn record_metric_value(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
    body: Json<MetricValue>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let program = scoped.tx.program(path.into_inner()).await?;
    let today = Utc::now().date_naive();
    let mut fields = Fields::default();
    match program.design.success_metrics.iter().find(|m| m.name == body.metric) {
        None => fields.push("metric", Reason::MetricUnknown),
        Some(metric) if metric.source != MetricSource::Manual => fields.push("metric", Reason::MetricMeasuredForYou),
        Some(_) => {}
    }
    if !body.value.is_finite() {
        fields.push("value", Reason::Required);
    }
    let recorded_on = body.recorded_on.unwrap_or(today);
    if recorded_on > today {
        fields.push("recorded_on", Reason::DateInTheFuture);
    }
    fields.finish(|| Some(()))?;
    let reading = scoped.tx.insert_metric_reading(program.id, &body.metric, body.value, recorded_on).await?;
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action: "metric.value_recorded",
            target_kind: "program",
            target_id: Some(program.id.as_uuid()),
            details: json!({ "metric": body.metric, "value": body.value, "recorded_on": recorded_on }),
        })
        .await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::Created().json(MetricValueView {
        metric: reading.metric,
        value: reading.value,
        recorded_on: reading.recorded_on,
    }))
}
