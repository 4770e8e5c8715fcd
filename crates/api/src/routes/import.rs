//! CSV import of the people directory from a company's own HR export: preview the file (its
//! encoding detected, its columns mapped by meaning, its grades listed), map columns and
//! grades, try it as a dry run, get every problem with its line and value and a summary by
//! cause, and write nothing when the file is malformed or, in strict mode, when any row is
//! refused. The mapping chosen is remembered per tenant for the next file.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::{post, web};
use base64::Engine;
use serde::{Deserialize, Serialize};
use tandem_domain::import::{self, ColumnGuess, Confidence, Decoded, GradeTable, Table};
use tandem_domain::people::{JobLevel, Person, PersonDraft, PersonField, ReadRules, RowProblem, read_rows};
use tandem_domain::{Locale, Permission, Reason};
use tandem_store::{Db, ImportMapping};
use utoipa::ToSchema;

use crate::auth::TenantCtx;
use crate::error::ApiError;
use crate::http::Json;
use crate::locale::RequestLocale;
use crate::routes::people::audit;

/// The largest request accepted: a CSV of 16 MiB as text, or of 12 MiB as base64 bytes —
/// comfortably 10,000 rows of a full HR export.
pub const IMPORT_LIMIT_BYTES: usize = 16 * 1024 * 1024;

/// From how many people written the database's statistics are refreshed at once.
pub const ANALYZE_AFTER_ROWS: u64 = 1_000;

/// How many rows a preview shows.
const SAMPLE_ROWS: usize = 5;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "csv": "Employee ID,Full name,Mail,Dept,Grade\nE1024,Kenji Sato,kenji@sakura.example,Marketing,M3\n",
    "mapping": {"Employee ID": "external_id", "Full name": "name", "Mail": "email", "Dept": "department", "Grade": "job_level"},
    "grades": {"M3": 7},
    "dry_run": true, "strict": true
}))]
pub struct ImportRequest {
    /// The file's text, when the caller has it as text (UTF-8). Give this or `file`.
    #[schema(example = "Employee ID,Full name,Mail,Dept,Grade\nE1024,Kenji Sato,kenji@sakura.example,Marketing,M3\n")]
    pub csv: Option<String>,
    /// The file's bytes in base64, as saved (Excel saves Japanese CSV files in Shift_JIS):
    /// the encoding is detected, or taken from `encoding`. Give this or `csv`.
    pub file: Option<String>,
    /// The encoding of `file`, overriding detection: UTF-8, Shift_JIS (read as Windows-31J,
    /// CP932), EUC-JP, UTF-16LE, UTF-16BE or windows-1252.
    #[schema(example = "Shift_JIS")]
    pub encoding: Option<String>,
    /// The file's column headers mapped to person fields. Without it, headers must be field
    /// names. Columns not mapped are ignored.
    #[serde(default)]
    #[schema(example = json!({"Employee ID": "external_id", "Full name": "name", "Mail": "email", "Dept": "department", "Grade": "job_level"}))]
    pub mapping: Option<BTreeMap<String, PersonField>>,
    /// Grades as the file writes them (M3, J1 …) to job levels 1–20, added to the tenant's
    /// saved table for this import. Whole numbers need no entry.
    #[serde(default)]
    #[schema(example = json!({"J1": 1, "M3": 7}))]
    pub grades: BTreeMap<String, u8>,
    /// Check everything and report, write nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// Write nothing when any row is refused (the default); otherwise write the good rows.
    #[serde(default = "yes")]
    pub strict: bool,
    /// When the import writes, save its column mapping (ignored columns included) and grade
    /// table as the tenant's, for the next preview.
    #[serde(default)]
    pub remember: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"csv": "社員番号,氏名,メール,等級\nE001,田中 愛子,aiko@sakura.example,M3\n"}))]
pub struct ImportPreviewRequest {
    #[schema(example = "社員番号,氏名,メール,等級\nE001,田中 愛子,aiko@sakura.example,M3\n")]
    pub csv: Option<String>,
    /// The file's bytes in base64 (see `csv`: give one of the two).
    pub file: Option<String>,
    /// The encoding of `file`, overriding detection.
    pub encoding: Option<String>,
    /// The mapping chosen so far; columns it does not name are guessed. The grades and
    /// languages listed are those of the columns this mapping (or the guess) gives to job
    /// level and preferred language. Each header maps to a person field, or to `null` for a
    /// column to ignore.
    #[serde(default)]
    #[schema(value_type = Option<Object>, example = json!({"社員番号": "external_id", "備考": null}))]
    pub mapping: Option<BTreeMap<String, Option<PersonField>>>,
}

/// How the file was read.
#[derive(Debug, Serialize, ToSchema)]
pub struct EncodingReport {
    /// The encoding used.
    #[schema(example = "Shift_JIS")]
    pub used: &'static str,
    /// What detection found (the same as `used` unless the caller chose another).
    #[schema(example = "Shift_JIS")]
    pub detected: &'static str,
    /// Detection was sure (a byte-order mark, or valid UTF-8); otherwise it is a guess to check.
    pub certain: bool,
    /// Rows with characters that could not be read in `used` (each is refused with
    /// `unreadable_characters`).
    #[schema(example = 0)]
    pub unreadable_rows: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RowError {
    /// The line in the file (the header is line 1; a cell holding a line break makes the next
    /// row start further down). Previews and reports number lines alike.
    #[schema(example = 7)]
    pub line: u64,
    pub field: Option<PersonField>,
    /// Why, as a stable name clients may branch on.
    #[schema(example = "grade_not_mapped")]
    pub code: &'static str,
    /// Why, in words, in the language the request asked for (`Accept-Language`).
    #[schema(example = "grade M3 is not mapped to a job level: give it a level in the grade table")]
    pub message: String,
    /// The cell as the file has it, when the problem is about one.
    #[schema(example = "M3")]
    pub value: Option<String>,
}

/// One kind of problem and how many rows have it: "12 rows: grade M3 is not mapped".
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemSummary {
    pub field: Option<PersonField>,
    #[schema(example = "grade_not_mapped")]
    pub code: &'static str,
    #[schema(example = "grade M3 is not mapped to a job level: give it a level in the grade table")]
    pub message: String,
    #[schema(example = 12)]
    pub rows: u64,
    /// The first lines with it (at most 10).
    #[schema(example = json!([4, 9, 15]))]
    pub lines: Vec<u64>,
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
    pub encoding: EncodingReport,
    /// Columns of the file that no field takes.
    #[schema(example = json!(["Cost centre"]))]
    pub ignored_columns: Vec<String>,
    /// Every refused row's problems, by line.
    pub errors: Vec<RowError>,
    /// The errors grouped by cause, the most common first.
    pub summary: Vec<ProblemSummary>,
    /// What is imported other than as written: a person imported without the manager whose row
    /// was refused, a column not kept. Nothing is left out without an error or a warning.
    pub warnings: Vec<RowError>,
}

/// A column of the file and the field it goes to.
#[derive(Debug, Serialize, ToSchema)]
pub struct ColumnView {
    #[schema(example = "社員番号")]
    pub header: String,
    /// `null`: ignored.
    pub field: Option<PersonField>,
    /// `saved` (chosen for this file or an earlier one), `exact` (a name the field is known by) or
    /// `likely` (a word in the header suggests it: check it); `null` when ignored.
    pub confidence: Option<Confidence>,
    /// Up to three of the column's values.
    #[schema(example = json!(["E001", "E002"]))]
    pub examples: Vec<String>,
}

/// Where a grade's level comes from.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GradeSource {
    /// A whole number: it is the level.
    Number,
    /// The tenant's saved grade table.
    Saved,
    /// A first guess from the grades found, to check.
    Suggested,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GradeView {
    #[schema(example = "M3")]
    pub value: String,
    #[schema(example = 12)]
    pub rows: u64,
    #[schema(example = 4)]
    pub level: u8,
    pub source: GradeSource,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LanguageView {
    #[schema(example = "日本語")]
    pub value: String,
    #[schema(example = 30)]
    pub rows: u64,
    /// The language it is read as; `null` when it is not a language the product speaks.
    pub locale: Option<Locale>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportPreview {
    pub encoding: EncodingReport,
    /// The encodings that may be chosen instead.
    #[schema(example = json!(["UTF-8", "Shift_JIS", "EUC-JP", "UTF-16LE", "UTF-16BE", "windows-1252"]))]
    pub encodings: Vec<&'static str>,
    pub columns: Vec<ColumnView>,
    /// Data rows in the file.
    #[schema(example = 40)]
    pub rows: u64,
    /// The first rows, with their lines as reports number them.
    pub sample: Vec<SampleRow>,
    /// Each distinct grade of the job-level column, with the level it will have.
    pub grades: Vec<GradeView>,
    /// Each distinct value of the preferred-language column, as it will be read.
    pub languages: Vec<LanguageView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SampleRow {
    #[schema(example = 2)]
    pub line: u64,
    #[schema(example = json!(["S001", "山本 健一", "ヤマモト ケンイチ"]))]
    pub cells: Vec<String>,
}

/// Decodes and reads the file given as text or as base64 bytes.
fn read_input(csv: Option<&str>, file: Option<&str>, encoding: Option<&str>) -> Result<(Decoded, Table), ApiError> {
    let decoded = match (csv, file) {
        (Some(text), None) => {
            Decoded { text: text.to_owned(), encoding: "UTF-8", detected: "UTF-8", certain: true, had_errors: false }
        }
        (None, Some(file)) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(file.trim())
                .map_err(|e| ApiError::field("file", Reason::Invalid { detail: format!("not base64: {e}") }))?;
            import::decode(&bytes, encoding).map_err(|reason| ApiError::field("encoding", reason))?
        }
        _ => return Err(ApiError::field("file", Reason::EitherCsvOrFile)),
    };
    let table = import::read_csv(&decoded.text).map_err(|reason| ApiError::field("csv", reason))?;
    Ok((decoded, table))
}

fn encoding_report(decoded: &Decoded, table: &Table) -> EncodingReport {
    EncodingReport {
        used: decoded.encoding,
        detected: decoded.detected,
        certain: decoded.certain,
        unreadable_rows: table.rows.iter().filter(|r| r.cells.iter().any(|c| c.contains('\u{FFFD}'))).count() as u64,
    }
}

/// The column of `field`, by index.
fn column_of(columns: &[Option<PersonField>], field: PersonField) -> Option<usize> {
    columns.iter().position(|c| *c == Some(field))
}

/// Each distinct value of a column and how many rows have it, in the order first seen: one
/// pass, one lookup per row.
fn distinct_values(table: &Table, column: usize) -> Vec<(String, u64)> {
    let mut counts: Vec<(String, u64)> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for row in &table.rows {
        let Some(value) = row.cells.get(column).filter(|v| !v.is_empty()) else { continue };
        match index.get(value.as_str()) {
            Some(&at) => counts[at].1 += 1,
            None => {
                index.insert(value, counts.len());
                counts.push((value.clone(), 1));
            }
        }
    }
    counts
}

/// The first `n` distinct values of a column, reading only as far as it takes.
fn examples(table: &Table, column: usize, n: usize) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for row in &table.rows {
        if found.len() == n {
            break;
        }
        if let Some(value) = row.cells.get(column).filter(|v| !v.is_empty() && !found.contains(v)) {
            found.push(value.clone());
        }
    }
    found
}

/// Shows how a file would be read: its encoding, each column's field (the tenant's saved
/// mapping, then a guess by meaning in English and Japanese), the first rows, and the grades
/// and languages found with what each will become. Writes nothing.
#[utoipa::path(
    tag = "people",
    request_body = ImportPreviewRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "How the file would be read", body = ImportPreview),
        (status = 400, description = "The body is not JSON"),
        (status = 413, description = "The request is larger than 16 MiB"),
        (status = 415, description = "The body is not application/json"),
        (status = 422, description = "Invalid fields: neither or both of csv and file, not base64, an unknown encoding, a malformed file"),
    )
)]
#[post("/people/import/preview")]
pub async fn preview_import(
    ctx: TenantCtx,
    db: web::Data<Db>,
    body: Json<ImportPreviewRequest, IMPORT_LIMIT_BYTES>,
) -> Result<web::Json<ImportPreview>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let (decoded, table) = read_input(body.csv.as_deref(), body.file.as_deref(), body.encoding.as_deref())?;
    let saved = scoped.tx.import_mapping().await?;
    scoped.tx.commit().await?;

    let mut known = saved.columns.clone();
    known.extend(body.mapping.clone().unwrap_or_default());
    let guesses: Vec<ColumnGuess> = import::guess_columns(&table.headers, &known);
    let columns: Vec<ColumnView> = guesses
        .into_iter()
        .enumerate()
        .map(|(index, guess)| ColumnView {
            examples: examples(&table, index, 3),
            header: guess.header,
            field: guess.field,
            confidence: guess.confidence,
        })
        .collect();
    let fields: Vec<Option<PersonField>> = columns.iter().map(|c| c.field).collect();

    let grades = column_of(&fields, PersonField::JobLevel).map(|c| distinct_values(&table, c)).unwrap_or_default();
    let suggested: BTreeMap<String, JobLevel> =
        import::suggest_job_levels(&grades.iter().map(|(g, _)| g.clone()).collect::<Vec<_>>()).into_iter().collect();
    let grades = grades
        .into_iter()
        .filter_map(|(value, rows)| {
            let key = import::grade_key(&value);
            let (level, source) = if let Ok(level) = import::job_level(&value, &GradeTable::default()) {
                (level, GradeSource::Number)
            } else if let Some(level) = saved.grades.level(&value) {
                (level, GradeSource::Saved)
            } else {
                (*suggested.get(&key)?, GradeSource::Suggested)
            };
            Some(GradeView { value, rows, level: level.get(), source })
        })
        .collect();
    let languages = column_of(&fields, PersonField::PreferredLocale)
        .map(|c| distinct_values(&table, c))
        .unwrap_or_default()
        .into_iter()
        .map(|(value, rows)| LanguageView {
            locale: import::language_code(&value).unwrap_or(&value).parse().ok(),
            value,
            rows,
        })
        .collect();
    Ok(web::Json(ImportPreview {
        encoding: encoding_report(&decoded, &table),
        encodings: import::ENCODINGS.to_vec(),
        rows: table.rows.len() as u64,
        sample: table
            .rows
            .iter()
            .take(SAMPLE_ROWS)
            .map(|r| SampleRow { line: r.line, cells: r.cells.clone() })
            .collect(),
        columns,
        grades,
        languages,
    }))
}

/// The field of each column: by the mapping, or by the header's own name without one.
fn map_columns(
    headers: &[String],
    mapping: Option<&BTreeMap<String, PersonField>>,
) -> Result<(Vec<Option<PersonField>>, Vec<String>), ApiError> {
    let columns: Vec<Option<PersonField>> = headers
        .iter()
        .map(|header| match mapping {
            Some(mapping) => mapping.get(header).copied(),
            None => header.parse::<PersonField>().ok(),
        })
        .collect();
    let ignored = headers.iter().zip(&columns).filter(|(_, f)| f.is_none()).map(|(h, _)| h.clone()).collect();
    let mapped: BTreeSet<PersonField> = columns.iter().flatten().copied().collect();
    let missing: Vec<String> = [PersonField::ExternalId, PersonField::Name, PersonField::Email]
        .into_iter()
        .filter(|f| !mapped.contains(f))
        .map(|f| f.as_str().to_owned())
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::field("mapping", Reason::CsvMissingColumns { columns: missing }));
    }
    Ok((columns, ignored))
}

fn grade_table(grades: &BTreeMap<String, u8>) -> Result<GradeTable, ApiError> {
    let entries = grades
        .iter()
        .map(|(grade, level)| {
            JobLevel::new(i64::from(*level))
                .map(|l| (grade.clone(), l))
                .map_err(|reason| ApiError::field(&format!("grades.{grade}"), reason))
        })
        .collect::<Result<Vec<_>, _>>()?;
    GradeTable::new(entries).map_err(|reason| ApiError::field("grades", reason))
}

/// The rows as drafts, and the rows refused before reading: cells the encoding could not read.
fn drafts(
    table: &Table,
    columns: &[Option<PersonField>],
    encoding: &str,
) -> (Vec<(u64, PersonDraft)>, Vec<RowProblem>) {
    let mut rows = Vec::new();
    let mut unreadable = Vec::new();
    for row in &table.rows {
        let mut draft = PersonDraft::default();
        for (value, field) in row.cells.iter().zip(columns) {
            let Some(field) = field else { continue };
            if value.contains('\u{FFFD}') {
                unreadable.push(RowProblem {
                    line: row.line,
                    field: Some(*field),
                    reason: Reason::UnreadableCharacters { encoding: encoding.to_owned() },
                    value: Some(value.clone()),
                });
            }
            draft.set(*field, value.as_str());
        }
        rows.push((row.line, draft));
    }
    (rows, unreadable)
}

fn row_error(problem: RowProblem, locale: Locale) -> RowError {
    RowError {
        line: problem.line,
        field: problem.field,
        code: problem.reason.code(),
        message: problem.reason.describe(locale),
        value: problem.value,
    }
}

/// Imports people from a CSV file: creates new external ids, replaces known ones.
#[utoipa::path(
    tag = "people",
    request_body = ImportRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The report: what was (or would be) written, every refused row with its line and value, a summary by cause, and warnings", body = ImportReport),
        (status = 400, description = "The body is not JSON"),
        (status = 413, description = "The request is larger than 16 MiB"),
        (status = 415, description = "The body is not application/json"),
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
    let (decoded, table) = read_input(body.csv.as_deref(), body.file.as_deref(), body.encoding.as_deref())?;
    let (columns, ignored_columns) = map_columns(&table.headers, body.mapping.as_ref())?;
    let saved = scoped.tx.import_mapping().await?;
    let grades = saved.grades.merged(&grade_table(&body.grades)?);
    let keep_sensitive = scoped.tx.tenant().await?.sensitive_attributes_enabled;
    let rules = ReadRules { keep_sensitive, grades: grades.clone() };

    let (rows, unreadable) = drafts(&table, &columns, decoded.encoding);
    let referenced: Vec<String> =
        rows.iter().filter_map(|(_, d)| d.value(PersonField::ManagerExternalId).map(str::to_owned)).collect();
    let known = scoped.tx.existing_external_ids(&referenced).await?;
    let (people, mut problems) = read_rows(&rows, &rules, &known);
    problems.extend(unreadable);
    let candidates: Vec<Person> = people.iter().map(|(_, p)| p.clone()).collect();
    for (index, owner) in scoped.tx.email_conflicts(&candidates).await? {
        problems.push(RowProblem {
            line: people[index].0,
            field: Some(PersonField::Email),
            value: Some(people[index].1.email.to_string()),
            reason: Reason::EmailBelongsTo { external_id: owner },
        });
    }
    problems.sort_by_key(|p| p.line);
    let refused: BTreeSet<u64> = problems.iter().map(|p| p.line).collect();
    let accepted: Vec<(u64, Person)> = people.into_iter().filter(|(line, _)| !refused.contains(line)).collect();
    let refused_rows: Vec<(u64, PersonDraft)> =
        rows.iter().filter(|(line, _)| refused.contains(line)).cloned().collect();

    let mut warnings = import::manager_consequences(&accepted, &refused_rows, &known);
    if !keep_sensitive {
        for (header, field) in table.headers.iter().zip(&columns) {
            if let Some(field) = field.filter(|f| f.is_sensitive()) {
                warnings.push(RowProblem {
                    line: 1,
                    field: Some(field),
                    reason: Reason::SensitiveAttributesOff,
                    value: Some(header.clone()),
                });
            }
        }
    }
    warnings.sort_by_key(|p| p.line);

    let accepted: Vec<Person> = accepted.into_iter().map(|(_, p)| p).collect();
    let write = !body.dry_run && !accepted.is_empty() && (problems.is_empty() || !body.strict);
    let ids: Vec<String> = accepted.iter().map(|p| p.external_id.clone()).collect();
    let existing = scoped.tx.existing_external_ids(&ids).await?.len() as u64;
    let (created, updated) = if write {
        let counts = scoped.tx.upsert_people(&accepted).await?;
        if body.remember {
            let columns = table.headers.iter().cloned().zip(columns.iter().copied()).collect();
            scoped.tx.save_import_mapping(&ImportMapping { columns, grades }).await?;
        }
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
    if created + updated >= ANALYZE_AFTER_ROWS && write {
        db.analyze_people().await?;
    }
    let nothing = body.strict && !problems.is_empty();
    Ok(web::Json(ImportReport {
        rows: rows.len() as u64,
        accepted: if nothing { 0 } else { accepted.len() as u64 },
        created: if nothing { 0 } else { created },
        updated: if nothing { 0 } else { updated },
        written: write,
        dry_run: body.dry_run,
        encoding: encoding_report(&decoded, &table),
        ignored_columns,
        summary: import::summarise(&problems)
            .into_iter()
            .map(|g| ProblemSummary {
                field: g.field,
                code: g.reason.code(),
                message: g.reason.describe(locale),
                rows: g.rows,
                lines: g.lines,
            })
            .collect(),
        errors: problems.into_iter().map(|p| row_error(p, locale)).collect(),
        warnings: warnings.into_iter().map(|p| row_error(p, locale)).collect(),
    }))
}
