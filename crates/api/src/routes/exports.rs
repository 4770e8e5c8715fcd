//! CSV exports of a program's tables, streamed page by page (the server never holds a whole
//! table), every cell through [`csv_cell`] so a spreadsheet does not run what looks like a
//! formula. Never private notes; survey answers only as the results show them (counts of groups
//! of at least five for anonymous surveys, and no free text).

use std::collections::BTreeMap;

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use futures_util::{StreamExt, stream};
use serde::Deserialize;
use tandem_domain::export::csv_cell;
use tandem_domain::feedback::SurveyQuestionKind;
use tandem_domain::{Locale, Permission, PersonId, ProgramId, TenantId};
use tandem_store::{Db, TenantTx};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::auth::TenantCtx;
use crate::error::ApiError;
use crate::locale::RequestLocale;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(export_program_table);
}

/// Rows per page read from the database.
const PAGE: u64 = 500;

/// A table of a program that can be exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, ToSchema)]
#[schema(example = "sessions")]
#[serde(rename_all = "kebab-case")]
pub enum ExportTable {
    Pairs,
    Sessions,
    Learning,
    CheckIns,
    Nudges,
    Surveys,
    Metrics,
}

impl ExportTable {
    fn header(self) -> &'static [&'static str] {
        match self {
            ExportTable::Pairs => &["pair_id", "state", "mentor", "mentee", "formed_at", "ended_at", "paused_reason"],
            ExportTable::Sessions => &[
                "session_id",
                "pair_id",
                "held_at",
                "minutes",
                "format",
                "topics",
                "planned",
                "logged_by",
                "confirmed_at",
                "corrected",
            ],
            ExportTable::Learning => &["entry_id", "pair_id", "author", "direction", "topics", "note", "created_at"],
            ExportTable::CheckIns => {
                &["check_in_id", "pair_id", "person", "period", "score", "learned", "comment", "answered_at"]
            }
            ExportTable::Nudges => &["nudge_id", "created_at", "person", "rule", "state", "reason", "sent_at"],
            ExportTable::Surveys => &[
                "survey",
                "group",
                "respondents",
                "question",
                "kind",
                "answered",
                "mean",
                "nps",
                "agree",
                "value",
                "count",
            ],
            ExportTable::Metrics => &["metric", "source", "target", "unit", "measured", "met"],
        }
    }

    fn name(self) -> &'static str {
        match self {
            ExportTable::Pairs => "pairs",
            ExportTable::Sessions => "sessions",
            ExportTable::Learning => "learning",
            ExportTable::CheckIns => "check-ins",
            ExportTable::Nudges => "nudges",
            ExportTable::Surveys => "surveys",
            ExportTable::Metrics => "metrics",
        }
    }
}

fn time(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.to_rfc3339()).unwrap_or_default()
}

fn number(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Writes rows as CSV bytes, each cell made safe for spreadsheets.
fn csv(rows: &[Vec<String>], with_bom: bool) -> Result<web::Bytes, ApiError> {
    let start = if with_bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
    let mut out = csv::Writer::from_writer(start);
    let io = |e: csv::Error| ApiError::Unexpected(anyhow::anyhow!("writing the export: {e}"));
    for row in rows {
        out.write_record(row.iter().map(|c| csv_cell(c).into_owned())).map_err(io)?;
    }
    let bytes = out.into_inner().map_err(|e| ApiError::Unexpected(anyhow::anyhow!("writing the export: {e}")))?;
    Ok(web::Bytes::from(bytes))
}

async fn names(tx: &TenantTx, ids: impl IntoIterator<Item = PersonId>) -> Result<BTreeMap<PersonId, String>, ApiError> {
    let ids: Vec<PersonId> = ids.into_iter().collect();
    Ok(tx.people_by_ids(&ids).await?.into_iter().map(|p| (p.id, p.person.name)).collect())
}

/// One page of a paged table: its rows and the id to continue after (`None` at the end).
async fn page(
    tx: &TenantTx,
    table: ExportTable,
    program: ProgramId,
    after: Option<Uuid>,
) -> Result<(Vec<Vec<String>>, Option<Uuid>), ApiError> {
    let name = |names: &BTreeMap<PersonId, String>, id: &PersonId| names.get(id).cloned().unwrap_or_default();
    let (rows, last, full): (Vec<Vec<String>>, Option<Uuid>, bool) = match table {
        ExportTable::Pairs => {
            let pairs = tx.pairs_page(program, after, PAGE).await?;
            let names = names(tx, pairs.iter().flat_map(|p| [p.mentor, p.mentee])).await?;
            let rows = pairs
                .iter()
                .map(|p| {
                    vec![
                        p.id.to_string(),
                        p.state.as_str().to_owned(),
                        name(&names, &p.mentor),
                        name(&names, &p.mentee),
                        p.created_at.to_rfc3339(),
                        time(p.ended_at),
                        p.paused_reason.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            (rows, pairs.last().map(|p| p.id.as_uuid()), pairs.len() as u64 == PAGE)
        }
        ExportTable::Sessions => {
            let sessions = tx.sessions_page(program, after, PAGE).await?;
            let names = names(tx, sessions.iter().map(|s| s.logged_by)).await?;
            let rows = sessions
                .iter()
                .map(|s| {
                    vec![
                        s.id.to_string(),
                        s.pair.to_string(),
                        s.held_at.to_rfc3339(),
                        s.minutes.to_string(),
                        s.format.as_str().to_owned(),
                        s.topics.join("; "),
                        s.planned.to_string(),
                        name(&names, &s.logged_by),
                        time(s.confirmed_at),
                        s.corrected.to_string(),
                    ]
                })
                .collect();
            (rows, sessions.last().map(|s| s.id.as_uuid()), sessions.len() as u64 == PAGE)
        }
        ExportTable::Learning => {
            let entries = tx.learning_page(program, after, PAGE).await?;
            let names = names(tx, entries.iter().map(|e| e.author)).await?;
            let rows = entries
                .iter()
                .map(|e| {
                    vec![
                        e.id.to_string(),
                        e.pair.to_string(),
                        name(&names, &e.author),
                        e.direction.as_str().to_owned(),
                        e.topics.join("; "),
                        e.note.clone().unwrap_or_default(),
                        e.created_at.to_rfc3339(),
                    ]
                })
                .collect();
            (rows, entries.last().map(|e| e.id.as_uuid()), entries.len() as u64 == PAGE)
        }
        ExportTable::CheckIns => {
            let check_ins = tx.check_ins_page(program, after, PAGE).await?;
            let names = names(tx, check_ins.iter().map(|c| c.person)).await?;
            let rows = check_ins
                .iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        c.pair.to_string(),
                        name(&names, &c.person),
                        c.period.to_string(),
                        c.score.map(|s| s.to_string()).unwrap_or_default(),
                        c.learned.map(|l| l.to_string()).unwrap_or_default(),
                        c.comment.clone().unwrap_or_default(),
                        time(c.answered_at),
                    ]
                })
                .collect();
            (rows, check_ins.last().map(|c| c.id.as_uuid()), check_ins.len() as u64 == PAGE)
        }
        ExportTable::Nudges => {
            // Newest first: the cursor is the last (oldest) id of the page.
            let nudges = tx.nudge_log(Some(program), None, after, PAGE).await?;
            let names = names(tx, nudges.iter().map(|n| n.person)).await?;
            let rows = nudges
                .iter()
                .map(|n| {
                    vec![
                        n.id.to_string(),
                        n.created_at.to_rfc3339(),
                        name(&names, &n.person),
                        n.rule.as_str().to_owned(),
                        n.state.as_str().to_owned(),
                        n.reason.clone().unwrap_or_default(),
                        time(n.sent_at),
                    ]
                })
                .collect();
            (rows, nudges.last().map(|n| n.id), nudges.len() as u64 == PAGE)
        }
        ExportTable::Surveys | ExportTable::Metrics => unreachable!("not paged"),
    };
    Ok((rows, if full { last } else { None }))
}

/// The survey results as the results page shows them: per survey, group and question, each
/// value counted (no free text).
async fn survey_rows(tx: &TenantTx, program: ProgramId) -> Result<Vec<Vec<String>>, ApiError> {
    let mut rows = Vec::new();
    for survey in tx.surveys_of(program).await? {
        let results = super::feedback::results_of(tx, &survey).await?;
        for group in &results.groups {
            for question in group.questions.iter().filter(|q| !q.hidden && q.kind != SurveyQuestionKind::Text) {
                let head = vec![
                    survey.title.clone(),
                    group.group.as_str().to_owned(),
                    group.respondents.to_string(),
                    question.key.clone(),
                    question.kind.as_str().to_owned(),
                    question.answered.map(|a| a.to_string()).unwrap_or_default(),
                    number(question.mean),
                    number(question.nps),
                    number(question.agree),
                ];
                for count in &question.counts {
                    let mut row = head.clone();
                    row.extend([count.value.clone(), count.count.to_string()]);
                    rows.push(row);
                }
            }
        }
    }
    Ok(rows)
}

async fn metric_rows(tx: &TenantTx, program: ProgramId, locale: Locale) -> Result<Vec<Vec<String>>, ApiError> {
    let record = tx.program(program).await?;
    let results = super::results::results_for(tx, &record, locale).await?;
    Ok(results
        .metrics
        .iter()
        .map(|m| {
            vec![
                m.name.clone(),
                m.source.as_str().to_owned(),
                m.target.to_string(),
                m.unit.clone(),
                number(m.measured),
                m.met.map(|b| b.to_string()).unwrap_or_default(),
            ]
        })
        .collect())
}

/// Where an export stands between pages.
struct Cursor {
    db: Db,
    tenant: TenantId,
    program: ProgramId,
    table: ExportTable,
    after: Option<Uuid>,
    done: bool,
}

async fn next_chunk(mut cursor: Cursor) -> Option<(Result<web::Bytes, actix_web::Error>, Cursor)> {
    if cursor.done {
        return None;
    }
    let read = async {
        let tx = cursor.db.tenant(cursor.tenant).await?;
        let (rows, next) = page(&tx, cursor.table, cursor.program, cursor.after).await?;
        tx.commit().await?;
        Ok::<_, ApiError>((csv(&rows, false)?, next))
    };
    match read.await {
        Ok((bytes, next)) => {
            cursor.done = next.is_none();
            cursor.after = next;
            Some((Ok(bytes), cursor))
        }
        Err(err) => {
            tracing::warn!(error = %err, table = cursor.table.name(), "an export stopped");
            cursor.done = true;
            Some((Err(actix_web::error::ErrorInternalServerError("the export stopped")), cursor))
        }
    }
}

/// One of the program's tables as CSV (UTF-8 with a byte-order mark, for spreadsheets):
/// `pairs`, `sessions`, `learning`, `check-ins`, `nudges`, `surveys` (results as counts,
/// anonymous groups under five left out, no free text) or `metrics`. Streamed in pages.
#[utoipa::path(
    tag = "results",
    params(
        ("program_id" = ProgramId, Path, description = "The program's id"),
        ("table" = ExportTable, Path, description = "Which table"),
    ),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The CSV file", content_type = "text/csv", body = String))
)]
#[get("/programs/{program_id}/exports/{table}")]
pub async fn export_program_table(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<(ProgramId, ExportTable)>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let (program, table) = path.into_inner();
    let scoped = ctx.open(&db, Permission::Read).await?;
    let program = scoped.tx.program(program).await?;
    let tenant = scoped.tx.tenant_id();
    let header: Vec<String> = table.header().iter().map(|h| (*h).to_owned()).collect();
    let first = match table {
        ExportTable::Surveys | ExportTable::Metrics => {
            let mut rows = vec![header];
            rows.extend(match table {
                ExportTable::Surveys => survey_rows(&scoped.tx, program.id).await?,
                _ => metric_rows(&scoped.tx, program.id, locale.0).await?,
            });
            csv(&rows, true)?
        }
        _ => csv(&[header], true)?,
    };
    scoped.tx.commit().await?;
    let paged = !matches!(table, ExportTable::Surveys | ExportTable::Metrics);
    let cursor = Cursor { db: db.get_ref().clone(), tenant, program: program.id, table, after: None, done: !paged };
    let body = stream::once(async move { Ok::<_, actix_web::Error>(first) }).chain(stream::unfold(cursor, next_chunk));
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{}.csv\"", table.name())))
        .streaming(body))
}
