//! The people directory: one person at a time, partners' bulk upserts, CSV imports, search.

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tandem_domain::people::{Person, PersonDraft, PersonField, read_person};
use tandem_domain::{Actor, Locale, Permission, PersonId, Reason, Role, search_term};
use tandem_store::{Db, NewAuditEvent, PageRequest, PeopleFilter, PeopleSort, PersonRecord, StoreError, TenantTx};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Scoped, TenantCtx};
use crate::error::{ApiError, Fields, InvalidField};
use crate::http::Json;
use crate::pagination::{ListQuery, Paginated};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_people)
        .service(create_person)
        .service(bulk_upsert)
        .service(export_people)
        .service(super::import::preview_import)
        .service(super::import::import_people)
        .service(get_person)
        .service(replace_person)
        .service(delete_person);
}

/// A person as a partner or the console sends them. Lists may also be given as one string
/// ("Python; SQL").
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "external_id": "E1024", "name": "Kenji Sato", "email": "kenji.sato@sakura.example", "department": "Marketing",
    "function": "Digital", "region": "APAC", "location": "Tokyo", "job_level": 3, "title": "Marketing associate",
    "manager_external_id": "E0042", "time_zone": "Asia/Tokyo", "languages": ["ja", "en"],
    "skills": ["social media", "TikTok", "Python"], "is_executive": false, "hire_date": "2023-04-01",
    "preferred_locale": "ja"
}))]
pub struct PersonInput {
    /// The HR system's key, unique in the tenant.
    #[schema(example = "E1024")]
    pub external_id: String,
    #[schema(example = "Kenji Sato")]
    pub name: String,
    /// How the name is read (furigana), e.g. "サトウ ケンジ": Japanese lists sort by it.
    #[schema(example = "サトウ ケンジ")]
    pub name_reading: Option<String>,
    #[schema(example = "kenji.sato@sakura.example")]
    pub email: String,
    #[schema(example = "Marketing")]
    pub department: Option<String>,
    #[schema(example = "Digital")]
    pub function: Option<String>,
    #[schema(example = "APAC")]
    pub region: Option<String>,
    #[schema(example = "Tokyo")]
    pub location: Option<String>,
    /// 1 (most junior) to 20.
    #[schema(example = 3, minimum = 1, maximum = 20)]
    pub job_level: Option<i64>,
    #[schema(example = "Marketing associate")]
    pub title: Option<String>,
    /// The manager's external id (a person of the same tenant).
    #[schema(example = "E0042")]
    pub manager_external_id: Option<String>,
    /// IANA time zone.
    #[schema(example = "Asia/Tokyo")]
    pub time_zone: Option<String>,
    #[serde(default)]
    #[schema(example = json!(["ja", "en"]))]
    pub languages: Vec<String>,
    #[serde(default)]
    #[schema(example = json!(["social media", "TikTok", "Python"]))]
    pub skills: Vec<String>,
    #[serde(default)]
    pub is_executive: bool,
    #[schema(example = "2023-04-01", format = Date)]
    pub hire_date: Option<String>,
    /// The language of the emails this person gets.
    pub preferred_locale: Option<Locale>,
    /// Kept only when the tenant turns sensitive attributes on.
    #[schema(example = "female")]
    pub gender: Option<String>,
    #[schema(example = "25-34")]
    pub age_band: Option<String>,
}

impl PersonInput {
    pub fn draft(&self) -> PersonDraft {
        let mut draft = PersonDraft::default();
        draft.set(PersonField::ExternalId, &self.external_id);
        draft.set(PersonField::Name, &self.name);
        draft.set(PersonField::Email, &self.email);
        let optional = [
            (PersonField::NameReading, &self.name_reading),
            (PersonField::Department, &self.department),
            (PersonField::Function, &self.function),
            (PersonField::Region, &self.region),
            (PersonField::Location, &self.location),
            (PersonField::Title, &self.title),
            (PersonField::ManagerExternalId, &self.manager_external_id),
            (PersonField::TimeZone, &self.time_zone),
            (PersonField::HireDate, &self.hire_date),
            (PersonField::Gender, &self.gender),
            (PersonField::AgeBand, &self.age_band),
        ];
        for (field, value) in optional {
            if let Some(value) = value {
                draft.set(field, value);
            }
        }
        if let Some(level) = self.job_level {
            draft.set(PersonField::JobLevel, level.to_string());
        }
        draft.set(PersonField::Languages, self.languages.join(";"));
        draft.set(PersonField::Skills, self.skills.join(";"));
        draft.set(PersonField::IsExecutive, self.is_executive.to_string());
        if let Some(locale) = self.preferred_locale {
            draft.set(PersonField::PreferredLocale, locale.as_str());
        }
        draft
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonView {
    pub id: PersonId,
    #[schema(example = "E1024")]
    pub external_id: String,
    #[schema(example = "Kenji Sato")]
    pub name: String,
    /// How the name is read (furigana), e.g. "サトウ ケンジ": Japanese lists sort by it.
    #[schema(example = "サトウ ケンジ")]
    pub name_reading: Option<String>,
    #[schema(example = "kenji.sato@sakura.example")]
    pub email: String,
    #[schema(example = "Marketing")]
    pub department: Option<String>,
    #[schema(example = "Digital")]
    pub function: Option<String>,
    #[schema(example = "APAC")]
    pub region: Option<String>,
    #[schema(example = "Tokyo")]
    pub location: Option<String>,
    #[schema(example = 3)]
    pub job_level: Option<u8>,
    #[schema(example = "Marketing associate")]
    pub title: Option<String>,
    pub manager_id: Option<PersonId>,
    #[schema(example = "E0042")]
    pub manager_external_id: Option<String>,
    #[schema(example = "Asia/Tokyo")]
    pub time_zone: Option<String>,
    #[schema(example = json!(["ja", "en"]))]
    pub languages: Vec<String>,
    #[schema(example = json!(["social media", "TikTok", "Python"]))]
    pub skills: Vec<String>,
    pub is_executive: bool,
    pub hire_date: Option<NaiveDate>,
    pub preferred_locale: Locale,
    /// Shown to owners and admins only, and only when the tenant keeps sensitive attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "male")]
    pub gender: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "25-34")]
    pub age_band: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Whether the actor may see sensitive attributes: console owners and admins only.
pub fn sees_sensitive(actor: &Actor) -> bool {
    matches!(actor, Actor::User { role: Role::Owner | Role::Admin, .. })
}

pub fn view(record: PersonRecord, sensitive: bool) -> PersonView {
    let p = record.person;
    PersonView {
        id: record.id,
        external_id: p.external_id,
        name: p.name,
        name_reading: p.name_reading,
        email: p.email.to_string(),
        department: p.department,
        function: p.function,
        region: p.region,
        location: p.location,
        job_level: p.job_level.map(|l| l.get()),
        title: p.title,
        manager_id: record.manager_id,
        manager_external_id: p.manager_external_id,
        time_zone: p.time_zone,
        languages: p.languages,
        skills: p.skills,
        is_executive: p.is_executive,
        hire_date: p.hire_date,
        preferred_locale: p.preferred_locale,
        gender: p.gender.filter(|_| sensitive),
        age_band: p.age_band.filter(|_| sensitive),
        created_at: record.created_at,
        updated_at: record.updated_at,
    }
}

/// Reads one input in the tenant, with its manager checked against the directory.
async fn read_input(tx: &TenantTx, input: &PersonInput) -> Result<Person, ApiError> {
    let keep_sensitive = tx.tenant().await?.sensitive_attributes_enabled;
    let person = read_person(&input.draft(), keep_sensitive).map_err(|problems| {
        ApiError::Validation(problems.into_iter().map(|p| InvalidField::new(p.field.as_str(), p.reason)).collect())
    })?;
    if let Some(manager) = &person.manager_external_id {
        if *manager == person.external_id {
            return Err(ApiError::field("manager_external_id", Reason::OwnManager));
        }
        if tx.existing_external_ids(std::slice::from_ref(manager)).await?.is_empty() {
            return Err(ApiError::field("manager_external_id", Reason::NoSuchManager { external_id: manager.clone() }));
        }
    }
    Ok(person)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    /// Text in the department, any case ("sales" finds "Inside Sales").
    #[param(example = "Marketing")]
    pub department: Option<String>,
    pub function: Option<String>,
    #[param(example = "APAC")]
    pub region: Option<String>,
    /// Job level at least.
    #[param(minimum = 1, maximum = 20)]
    pub level_min: Option<u8>,
    /// Job level at most.
    #[param(minimum = 1, maximum = 20)]
    pub level_max: Option<u8>,
    /// Has this skill (case-insensitive).
    #[param(example = "python")]
    pub skill: Option<String>,
    pub is_executive: Option<bool>,
    /// Text in the name, name reading, email, title or external id.
    #[param(example = "sato")]
    pub q: Option<String>,
    /// The order: `added` (the default), `name` (by name reading, then name), `external_id`,
    /// `department`, or `job_level` (most senior first).
    #[param(inline)]
    pub sort: Option<SortBy>,
    #[param(minimum = 1, maximum = 100, example = 50)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

#[derive(Clone, Copy, Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    Added,
    Name,
    ExternalId,
    Department,
    JobLevel,
}

impl From<SortBy> for PeopleSort {
    fn from(sort: SortBy) -> Self {
        match sort {
            SortBy::Added => PeopleSort::Added,
            SortBy::Name => PeopleSort::Name,
            SortBy::ExternalId => PeopleSort::ExternalId,
            SortBy::Department => PeopleSort::Department,
            SortBy::JobLevel => PeopleSort::JobLevel,
        }
    }
}

/// Searches and filters the directory, in the order asked for, with the total it finds.
#[utoipa::path(
    tag = "people",
    params(PeopleQuery),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "A page of people", body = Paginated<PersonView>))
)]
#[get("/people")]
pub async fn list_people(
    ctx: TenantCtx,
    db: web::Data<Db>,
    query: web::Query<PeopleQuery>,
) -> Result<web::Json<Paginated<PersonView>>, ApiError> {
    let page = ListQuery { limit: query.limit, cursor: query.cursor.clone() }.page()?;
    let scoped = ctx.open(&db, Permission::Read).await?;
    check_filter_terms(&query)?;
    let filter = directory_filter(&query);
    let sensitive = sees_sensitive(&scoped.actor);
    let people = scoped.tx.people_sorted(&filter, query.sort.unwrap_or(SortBy::Added).into(), page).await?;
    let total = scoped.tx.count_people(&filter).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(Paginated::from_page(people, |p| view(p, sensitive)).with_total(total)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// Text in the department, any case.
    pub department: Option<String>,
    pub function: Option<String>,
    pub region: Option<String>,
    #[param(minimum = 1, maximum = 20)]
    pub level_min: Option<u8>,
    #[param(minimum = 1, maximum = 20)]
    pub level_max: Option<u8>,
    pub skill: Option<String>,
    pub is_executive: Option<bool>,
    pub q: Option<String>,
    /// The order, as on the list.
    #[param(inline)]
    pub sort: Option<SortBy>,
}

/// The directory (filtered and ordered as the list is) as a CSV file: UTF-8 with a byte-order
/// mark so that Excel reads Japanese, headers that are field names (so the file imports back
/// as it is), every cell escaped against formulas. Sensitive attributes only for owners and
/// admins of a tenant that keeps them.
#[utoipa::path(
    tag = "people",
    params(ExportQuery),
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The CSV file", content_type = "text/csv", body = String),
        (status = 422, description = "A filter too long or out of range"),
    )
)]
#[get("/people/export")]
pub async fn export_people(
    ctx: TenantCtx,
    db: web::Data<Db>,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let list = PeopleQuery {
        department: query.department,
        function: query.function,
        region: query.region,
        level_min: query.level_min,
        level_max: query.level_max,
        skill: query.skill,
        is_executive: query.is_executive,
        q: query.q,
        sort: query.sort,
        limit: None,
        cursor: None,
    };
    check_filter_terms(&list)?;
    let scoped = ctx.open(&db, Permission::Read).await?;
    let filter = directory_filter(&list);
    let sort: PeopleSort = list.sort.unwrap_or(SortBy::Added).into();
    let sensitive = sees_sensitive(&scoped.actor) && scoped.tx.tenant().await?.sensitive_attributes_enabled;
    let columns: Vec<PersonField> = PersonField::ALL.into_iter().filter(|f| sensitive || !f.is_sensitive()).collect();
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let io = |e: csv::Error| ApiError::Unexpected(anyhow::anyhow!("writing the export: {e}"));
    out.write_record(columns.iter().map(|f| f.as_str())).map_err(io)?;
    let mut page = PageRequest { limit: PageRequest::MAX_LIMIT, after: None };
    loop {
        let batch = scoped.tx.people_sorted(&filter, sort, page).await?;
        for record in &batch.items {
            let cells = columns.iter().map(|f| export_value(&record.person, *f));
            out.write_record(cells.map(|c| tandem_domain::export::csv_cell(&c).into_owned())).map_err(io)?;
        }
        match batch.next {
            Some(next) => page.after = Some(next),
            None => break,
        }
    }
    scoped.tx.commit().await?;
    let bytes = out.into_inner().map_err(|e| ApiError::Unexpected(anyhow::anyhow!("writing the export: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", "attachment; filename=\"people.csv\""))
        .body(bytes))
}

/// A person's field as the import reads it back.
fn export_value(p: &Person, field: PersonField) -> String {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    match field {
        PersonField::ExternalId => p.external_id.clone(),
        PersonField::Name => p.name.clone(),
        PersonField::NameReading => text(&p.name_reading),
        PersonField::Email => p.email.to_string(),
        PersonField::Department => text(&p.department),
        PersonField::Function => text(&p.function),
        PersonField::Region => text(&p.region),
        PersonField::Location => text(&p.location),
        PersonField::JobLevel => p.job_level.map(|l| l.get().to_string()).unwrap_or_default(),
        PersonField::Title => text(&p.title),
        PersonField::ManagerExternalId => text(&p.manager_external_id),
        PersonField::TimeZone => text(&p.time_zone),
        PersonField::Languages => p.languages.join("; "),
        PersonField::Skills => p.skills.join("; "),
        PersonField::IsExecutive => p.is_executive.to_string(),
        PersonField::HireDate => p.hire_date.map(|d| d.to_string()).unwrap_or_default(),
        PersonField::PreferredLocale => p.preferred_locale.as_str().to_owned(),
        PersonField::Gender => text(&p.gender),
        PersonField::AgeBand => text(&p.age_band),
    }
}

fn check_filter_terms(query: &PeopleQuery) -> Result<(), ApiError> {
    let mut fields = Fields::default();
    for (name, value) in [
        ("department", &query.department),
        ("function", &query.function),
        ("region", &query.region),
        ("skill", &query.skill),
        ("q", &query.q),
    ] {
        if let Some(value) = value {
            fields.check(name, search_term(value));
        }
    }
    fields.finish(|| Some(()))
}

fn directory_filter(query: &PeopleQuery) -> PeopleFilter {
    PeopleFilter {
        department: None,
        department_contains: query.department.clone().filter(|d| !d.trim().is_empty()),
        function: query.function.clone(),
        region: query.region.clone(),
        level_min: query.level_min,
        level_max: query.level_max,
        skill: query.skill.clone(),
        is_executive: query.is_executive,
        text: query.q.clone().filter(|q| !q.trim().is_empty()),
    }
}

/// Adds one person.
#[utoipa::path(
    tag = "people",
    request_body = PersonInput,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 201, description = "Added", body = PersonView),
        (status = 409, description = "The external id or email is taken"),
    )
)]
#[post("/people")]
pub async fn create_person(
    ctx: TenantCtx,
    db: web::Data<Db>,
    body: Json<PersonInput>,
) -> Result<HttpResponse, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let person = read_input(&scoped.tx, &body).await?;
    if !scoped.tx.existing_external_ids(std::slice::from_ref(&person.external_id)).await?.is_empty() {
        return Err(ApiError::Conflict(Reason::ExternalIdExists { external_id: person.external_id }));
    }
    if let Some((_, owner)) = scoped.tx.email_conflicts(std::slice::from_ref(&person)).await?.first() {
        return Err(ApiError::Conflict(Reason::EmailBelongsTo { external_id: owner.clone() }));
    }
    scoped.tx.upsert_people(std::slice::from_ref(&person)).await?;
    let record = scoped.tx.person_by_external_id(&person.external_id).await?;
    audit(&scoped, "person.created", Some(record.id), serde_json::json!({ "external_id": person.external_id })).await?;
    let sensitive = sees_sensitive(&scoped.actor);
    scoped.tx.commit().await?;
    Ok(HttpResponse::Created().json(view(record, sensitive)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"people": [
    {"external_id": "E1024", "name": "Kenji Sato", "email": "kenji.sato@sakura.example", "department": "Marketing",
     "region": "APAC", "job_level": 3, "time_zone": "Asia/Tokyo", "languages": ["ja", "en"]},
    {"external_id": "E0042", "name": "Aiko Tanaka", "email": "aiko.tanaka@sakura.example", "department": "Marketing",
     "region": "APAC", "job_level": 12, "title": "Head of Marketing", "is_executive": true, "preferred_locale": "ja"}
]}))]
pub struct BulkPeople {
    /// Up to 1,000 people, created or replaced by external id.
    pub people: Vec<PersonInput>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BulkResult {
    #[schema(example = 12)]
    pub created: u64,
    #[schema(example = 988)]
    pub updated: u64,
}

pub const BULK_MAX: usize = 1000;

/// Creates or replaces up to 1,000 people by external id, all or nothing. Sending the same
/// batch again changes nothing (it counts as updates).
#[utoipa::path(
    tag = "people",
    request_body = BulkPeople,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "Upserted", body = BulkResult),
        (status = 413, description = "The body is larger than 4 MiB"),
        (status = 422, description = "Invalid people, named as people[i].field; nothing written"),
    )
)]
#[post("/people/bulk")]
pub async fn bulk_upsert(
    ctx: TenantCtx,
    db: web::Data<Db>,
    body: Json<BulkPeople, { 4 * 1024 * 1024 }>,
) -> Result<web::Json<BulkResult>, ApiError> {
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    if body.people.is_empty() || body.people.len() > BULK_MAX {
        return Err(ApiError::field("people", Reason::BatchSize { max: BULK_MAX }));
    }
    let keep_sensitive = scoped.tx.tenant().await?.sensitive_attributes_enabled;
    let rows: Vec<(u64, PersonDraft)> = body.people.iter().enumerate().map(|(i, p)| (i as u64, p.draft())).collect();
    let managers: Vec<String> = body.people.iter().filter_map(|p| p.manager_external_id.clone()).collect();
    let known = scoped.tx.existing_external_ids(&managers).await?;
    let rules = tandem_domain::people::ReadRules { keep_sensitive, ..Default::default() };
    let (people, problems) = tandem_domain::people::read_rows(&rows, &rules, &known);
    let mut errors: Vec<InvalidField> = problems
        .into_iter()
        .map(|p| {
            InvalidField::new(format!("people[{}].{}", p.line, p.field.map(|f| f.as_str()).unwrap_or("")), p.reason)
        })
        .collect();
    if errors.is_empty() {
        for (index, owner) in
            scoped.tx.email_conflicts(&people.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>()).await?
        {
            let line = people[index].0;
            errors.push(InvalidField::new(
                format!("people[{line}].email"),
                Reason::EmailBelongsTo { external_id: owner },
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let people: Vec<Person> = people.into_iter().map(|(_, p)| p).collect();
    let counts = scoped.tx.upsert_people(&people).await?;
    audit(
        &scoped,
        "people.upserted",
        None,
        serde_json::json!({ "created": counts.created, "updated": counts.updated }),
    )
    .await?;
    scoped.tx.commit().await?;
    if counts.created + counts.updated >= crate::routes::import::ANALYZE_AFTER_ROWS {
        db.analyze_people().await?;
    }
    Ok(web::Json(BulkResult { created: counts.created, updated: counts.updated }))
}

/// One person.
#[utoipa::path(
    tag = "people",
    params(("person_id" = PersonId, Path, description = "The person's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The person", body = PersonView))
)]
#[get("/people/{person_id}")]
pub async fn get_person(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<PersonId>,
) -> Result<web::Json<PersonView>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let record = scoped.tx.person(path.into_inner()).await?;
    let sensitive = sees_sensitive(&scoped.actor);
    scoped.tx.commit().await?;
    Ok(web::Json(view(record, sensitive)))
}

/// Replaces a person's details.
#[utoipa::path(
    tag = "people",
    params(("person_id" = PersonId, Path, description = "The person's id")),
    request_body = PersonInput,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "Replaced", body = PersonView),
        (status = 409, description = "The external id or email is taken"),
    )
)]
#[put("/people/{person_id}")]
pub async fn replace_person(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<PersonId>,
    body: Json<PersonInput>,
) -> Result<web::Json<PersonView>, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    scoped.tx.person(id).await?;
    let person = read_input(&scoped.tx, &body).await?;
    scoped.tx.replace_person(id, &person).await.map_err(|e| match e {
        StoreError::Conflict(_) => ApiError::Conflict(Reason::ExternalIdOrEmailTaken),
        other => other.into(),
    })?;
    let record = scoped.tx.person(id).await?;
    audit(&scoped, "person.replaced", Some(id), serde_json::json!({ "external_id": person.external_id })).await?;
    let sensitive = sees_sensitive(&scoped.actor);
    scoped.tx.commit().await?;
    Ok(web::Json(view(record, sensitive)))
}

/// Removes a person; the people they managed keep no manager.
#[utoipa::path(
    tag = "people",
    params(("person_id" = PersonId, Path, description = "The person's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 204, description = "Removed"))
)]
#[delete("/people/{person_id}")]
pub async fn delete_person(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<PersonId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    scoped.tx.delete_person(id).await?;
    audit(&scoped, "person.deleted", Some(id), serde_json::json!({})).await?;
    scoped.tx.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

pub(crate) async fn audit(
    scoped: &Scoped,
    action: &'static str,
    person: Option<PersonId>,
    details: serde_json::Value,
) -> Result<(), ApiError> {
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action,
            target_kind: "person",
            target_id: person.map(|p| p.as_uuid()),
            details,
        })
        .await?;
    Ok(())
}
