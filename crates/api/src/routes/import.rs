//! CSV import of the people directory: map the file's columns to fields, try it as a dry run,
//! get every problem with its line number, and write nothing when the file is malformed or,
//! in strict mode, when any row is refused.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::{post, web};
use serde::{Deserialize, Serialize};
use tandem_domain::people::{Person, PersonDraft, PersonField, RowProblem, read_rows};
use tandem_domain::{Permission, Reason};
use tandem_store::Db;
use utoipa::ToSchema;

use crate::auth::TenantCtx;
use crate::error::ApiError;
use crate::http::Json;
use crate::locale::RequestLocale;
use crate::routes::people::audit;

/// The largest CSV accepted: comfortably 10,000 rows of a full HR export.
pub const IMPORT_LIMIT_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "csv": "Employee ID,Full name,Mail,Dept,Grade\nE1024,Kenji Sato,kenji@sakura.example,Marketing,3\n",
    "mapping": {"Employee ID": "external_id", "Full name": "name", "Mail": "email", "Dept": "department", "Grade": "job_level"},
    "dry_run": true, "strict": true
}))]
pub struct ImportRequest {
    /// The CSV file's text (UTF-8), with a header row.
    #[schema(example = "Employee ID,Full name,Mail,Dept,Grade\nE1024,Kenji Sato,kenji@sakura.example,Marketing,3\n")]
    pub csv: String,
    /// The file's column headers mapped to person fields. Without it, headers must be field
    /// names. Columns not mapped are ignored.
    #[serde(default)]
    #[schema(example = json!({"Employee ID": "external_id", "Full name": "name", "Mail": "email", "Dept": "department", "Grade": "job_level"}))]
    pub mapping: Option<BTreeMap<String, PersonField>>,
    /// Check everything and report, write nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// Write nothing when any row is refused (the default); otherwise write the good rows.
    #[serde(default = "yes")]
    pub strict: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RowError {
    /// The line in the file (the header is line 1).
    #[schema(example = 7)]
    pub line: u64,
    pub field: Option<PersonField>,
    /// Why, as a stable name clients may branch on.
    #[schema(example = "not_a_time_zone")]
    pub code: &'static str,
    /// Why, in words, in the language the request asked for (`Accept-Language`).
    #[schema(example = "must be an IANA time zone such as Asia/Tokyo")]
    pub message: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportReport {
    #[schema(example = 50)]
    pub rows: u64,
    /// Rows that were (or, in a dry run, would be) written.
    #[schema(example = 49)]
    pub accepted: u64,
    #[schema(example = 45)]
    pub created: u64,
    #[schema(example = 4)]
    pub updated: u64,
    /// Whether anything was written.
    pub written: bool,
    pub dry_run: bool,
    /// Columns of the file that no field takes.
    #[schema(example = json!(["Cost centre"]))]
    pub ignored_columns: Vec<String>,
    pub errors: Vec<RowError>,
}

/// The rows of a file, each with its line number.
type Rows = Vec<(u64, PersonDraft)>;

/// Reads the CSV into drafts, and names the ignored columns. A malformed file (an unclosed
/// quote, a row with the wrong number of columns) is refused whole.
fn parse_csv(text: &str, mapping: Option<&BTreeMap<String, PersonField>>) -> Result<(Rows, Vec<String>), ApiError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ApiError::field("csv", Reason::CsvHeaderUnreadable { detail: e.to_string() }))?
        .clone();
    let mut columns = Vec::new();
    let mut ignored = Vec::new();
    for header in headers.iter() {
        let field = match mapping {
            Some(mapping) => mapping.get(header).copied(),
            None => header.parse::<PersonField>().ok(),
        };
        if field.is_none() {
            ignored.push(header.to_owned());
        }
        columns.push(field);
    }
    let mapped: BTreeSet<PersonField> = columns.iter().flatten().copied().collect();
    let missing: Vec<String> = [PersonField::ExternalId, PersonField::Name, PersonField::Email]
        .into_iter()
        .filter(|f| !mapped.contains(f))
        .map(|f| f.as_str().to_owned())
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::field("mapping", Reason::CsvMissingColumns { columns: missing }));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            ApiError::field("csv", Reason::CsvLineUnreadable { line, detail: e.to_string() })
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let mut draft = PersonDraft::default();
        for (value, field) in record.iter().zip(&columns) {
            if let Some(field) = field {
                draft.set(*field, value);
            }
        }
        rows.push((line, draft));
    }
    if rows.is_empty() {
        return Err(ApiError::field("csv", Reason::CsvNoRows));
    }
    Ok((rows, ignored))
}

/// Imports people from a CSV file: creates new external ids, replaces known ones.
#[utoipa::path(
    tag = "people",
    request_body = ImportRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The report: what was (or would be) written, and every refused row", body = ImportReport),
        (status = 413, description = "The file is larger than 16 MiB"),
        (status = 422, description = "Invalid fields, or the file is malformed or lacks a required column; nothing written"),
    )
)]
#[post("/people/import")]
pub async fn import_people(
    ctx: TenantCtx,
    db: web::Data<Db>,
    RequestLocale(locale): RequestLocale,
    body: Json<ImportRequest, IMPORT_LIMIT_BYTES>,
) -> Result<web::Json<ImportReport>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let (rows, ignored_columns) = parse_csv(&body.csv, body.mapping.as_ref())?;
    let keep_sensitive = scoped.tx.tenant().await?.sensitive_attributes_enabled;
    let referenced: Vec<String> = rows
        .iter()
        .flat_map(|(_, d)| {
            d.values.iter().filter(|(f, _)| *f == PersonField::ManagerExternalId).map(|(_, v)| v.trim().to_owned())
        })
        .collect();
    let known = scoped.tx.existing_external_ids(&referenced).await?;
    let (people, mut problems) = read_rows(&rows, keep_sensitive, &known);
    let candidates: Vec<Person> = people.iter().map(|(_, p)| p.clone()).collect();
    for (index, owner) in scoped.tx.email_conflicts(&candidates).await? {
        problems.push(RowProblem {
            line: people[index].0,
            field: Some(PersonField::Email),
            reason: Reason::EmailBelongsTo { external_id: owner },
        });
    }
    problems.sort_by_key(|p| p.line);
    let refused: BTreeSet<u64> = problems.iter().map(|p| p.line).collect();
    let accepted: Vec<Person> =
        people.into_iter().filter(|(line, _)| !refused.contains(line)).map(|(_, p)| p).collect();
    let write = !body.dry_run && !accepted.is_empty() && (problems.is_empty() || !body.strict);
    let ids: Vec<String> = accepted.iter().map(|p| p.external_id.clone()).collect();
    let existing = scoped.tx.existing_external_ids(&ids).await?.len() as u64;
    let (created, updated) = if write {
        let counts = scoped.tx.upsert_people(&accepted).await?;
        audit(
            &scoped,
            "people.imported",
            None,
            serde_json::json!({ "created": counts.created, "updated": counts.updated }),
        )
        .await?;
        (counts.created, counts.updated)
    } else {
        (accepted.len() as u64 - existing, existing)
    };
    scoped.tx.commit().await?;
    Ok(web::Json(ImportReport {
        rows: rows.len() as u64,
        accepted: if body.strict && !problems.is_empty() { 0 } else { accepted.len() as u64 },
        created: if body.strict && !problems.is_empty() { 0 } else { created },
        updated: if body.strict && !problems.is_empty() { 0 } else { updated },
        written: write,
        dry_run: body.dry_run,
        ignored_columns,
        errors: problems
            .into_iter()
            .map(|p| RowError {
                line: p.line,
                field: p.field,
                code: p.reason.code(),
                message: p.reason.describe(locale),
            })
            .collect(),
    }))
}
