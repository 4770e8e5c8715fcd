//! The people directory: upserts by the HR system's key, search and filters, and the tenant's
//! switch for sensitive attributes.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::Utc;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, OnConflict, Query, QueryStatementBuilder, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, IdenStatic, Iterable, Order,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set, Statement, TryIntoModel,
};
use serde_json::{Value, json};
use tandem_domain::EmailAddress;
use tandem_domain::PersonId;
use tandem_domain::people::{JobLevel, Person};
use uuid::Uuid;

use super::team::found;
use super::{Growing, TenantTx};
use crate::entities::{person, tenant};
use crate::error::{StoreError, corrupt};
use crate::page::{Page, PageRequest};
use crate::records::{PeopleFilter, PeopleSort, PersonRecord, UpsertCounts};

/// The manager's row beside a person's, in a self-join.
fn manager() -> Alias {
    Alias::new("manager")
}

/// Rows per statement: well under both databases' parameter limits.
const CHUNK: usize = 300;

/// From how many people in one upsert PostgreSQL's statistics are refreshed after the first
/// layer (the managers), before the rows that point at them are checked.
const STATISTICS_AFTER: usize = 1_000;

/// Rows per statement on PostgreSQL, where a chunk travels as one JSON parameter and is
/// written set-wise: the checks of a multi-row `VALUES` cost ~1 ms a row there, a
/// `json_populate_recordset` of thousands a few µs.
const SET_CHUNK: usize = 5_000;

fn skills_index(skills: &[String]) -> String {
    if skills.is_empty() {
        return String::new();
    }
    format!("|{}|", skills.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>().join("|"))
}

impl TenantTx {
    /// Turns sensitive attributes on or off; turning them off deletes every stored value.
    pub async fn set_sensitive_attributes(&self, enabled: bool) -> Result<(), StoreError> {
        tenant::Entity::update_many()
            .col_expr(tenant::Column::SensitiveAttributesEnabled, enabled.into())
            .filter(tenant::Column::Id.eq(self.tid()))
            .exec(&self.tx)
            .await?;
        if !enabled {
            person::Entity::update_many()
                .col_expr(person::Column::Gender, Option::<String>::None.into())
                .col_expr(person::Column::AgeBand, Option::<String>::None.into())
                .filter(person::Column::TenantId.eq(self.tid()))
                .exec(&self.tx)
                .await?;
        }
        Ok(())
    }

    /// Which of `external_ids` are in the directory.
    pub async fn existing_external_ids(&self, external_ids: &[String]) -> Result<BTreeSet<String>, StoreError> {
        Ok(self.ids_by_external_id(external_ids).await?.into_keys().collect())
    }

    async fn ids_by_external_id(&self, external_ids: &[String]) -> Result<HashMap<String, Uuid>, StoreError> {
        let rows: Vec<(String, Uuid)> = person::Entity::find()
            .select_only()
            .column(person::Column::ExternalId)
            .column(person::Column::Id)
            .filter(person::Column::TenantId.eq(self.tid()))
            .filter(self.among(person::Column::ExternalId, external_ids))
            .into_tuple()
            .all(&self.tx)
            .await?;
        Ok(rows.into_iter().collect())
    }

    /// For each person whose email already belongs to *another* person of the directory, that
    /// person's external id, by index in `people`.
    pub async fn email_conflicts(&self, people: &[Person]) -> Result<Vec<(usize, String)>, StoreError> {
        let emails: Vec<String> = people.iter().map(|p| p.email.to_string()).collect();
        let rows: Vec<(String, String)> = person::Entity::find()
            .select_only()
            .column(person::Column::Email)
            .column(person::Column::ExternalId)
            .filter(person::Column::TenantId.eq(self.tid()))
            .filter(self.among(person::Column::Email, &emails))
            .into_tuple()
            .all(&self.tx)
            .await?;
        let owners: HashMap<String, String> = rows.into_iter().collect();
        Ok(people
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let owner = owners.get(p.email.as_str()).filter(|owner| **owner != p.external_id)?;
                Some((i, owner.clone()))
            })
            .collect())
    }

    /// `column` is one of `values`, however many: they travel as one JSON array that the
    /// database unpacks itself, rather than as a parameter each (which both databases limit,
    /// and which PostgreSQL plans slowly by the thousand).
    fn among(&self, column: person::Column, values: &[String]) -> SimpleExpr {
        let unpack = match self.tx.get_database_backend() {
            DbBackend::Postgres => "(SELECT json_array_elements_text($1::json))",
            _ => "(SELECT value FROM json_each(?))",
        };
        let list = Value::from(values).to_string();
        Expr::cust_with_values(format!("\"{}\" IN {unpack}", column.as_str()), [list])
    }

    /// Creates or replaces people by external id, each pointing at their manager (who may be
    /// in the same batch). Managers are written before their reports, so one statement per
    /// chunk does it; only a cycle of managers in the batch needs a second pass. Callers check
    /// managers and emails first (`read_rows`, `email_conflicts`); a violation here fails the
    /// whole transaction.
    pub async fn upsert_people(&self, people: &[Person]) -> Result<UpsertCounts, StoreError> {
        let now = Utc::now();
        let mut wanted: Vec<String> = people.iter().map(|p| p.external_id.clone()).collect();
        wanted.extend(people.iter().filter_map(|p| p.manager_external_id.clone()));
        let existing = self.ids_by_external_id(&wanted).await?;
        let mut ids = existing.clone();
        for p in people {
            ids.entry(p.external_id.clone()).or_insert_with(|| PersonId::new().as_uuid());
        }
        let counts = UpsertCounts {
            created: people.iter().filter(|p| !existing.contains_key(&p.external_id)).count() as u64,
            updated: people.iter().filter(|p| existing.contains_key(&p.external_id)).count() as u64,
        };
        let in_batch: HashSet<&str> = people.iter().map(|p| p.external_id.as_str()).collect();
        let mut written: HashSet<&str> = HashSet::new();
        let mut remaining: Vec<&Person> = people.iter().collect();
        loop {
            let (ready, waiting): (Vec<&Person>, Vec<&Person>) = remaining.into_iter().partition(|p| {
                p.manager_external_id.as_deref().is_none_or(|m| !in_batch.contains(m) || written.contains(m))
            });
            if ready.is_empty() {
                remaining = waiting;
                break;
            }
            self.write_people(&ready, &ids, true, now).await?;
            if written.is_empty() && !waiting.is_empty() && people.len() >= STATISTICS_AFTER {
                // So that the foreign-key check of each report finds their manager by the
                // primary key rather than by scanning the tenant (migration 17).
                self.refresh_statistics(Growing::People).await?;
            }
            written.extend(ready.iter().map(|p| p.external_id.as_str()));
            remaining = waiting;
        }
        if !remaining.is_empty() {
            // Managers in a cycle: write without them, then point each at their manager.
            self.write_people(&remaining, &ids, false, now).await?;
            for p in remaining {
                let manager = p.manager_external_id.as_ref().and_then(|m| ids.get(m)).copied();
                person::Entity::update_many()
                    .col_expr(person::Column::ManagerId, manager.into())
                    .filter(person::Column::TenantId.eq(self.tid()))
                    .filter(person::Column::ExternalId.eq(p.external_id.as_str()))
                    .exec(&self.tx)
                    .await?;
            }
        }
        Ok(counts)
    }

    async fn write_people(
        &self,
        people: &[&Person],
        ids: &HashMap<String, Uuid>,
        with_managers: bool,
        now: chrono::DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let postgres = self.tx.get_database_backend() == DbBackend::Postgres;
        for chunk in people.chunks(if postgres { SET_CHUNK } else { CHUNK }) {
            let models = chunk.iter().map(|p| {
                let id = ids.get(&p.external_id).copied().unwrap_or_else(|| PersonId::new().as_uuid());
                let mut model = active_model(self.tid(), id, p, now);
                if with_managers {
                    model.manager_id = Set(p.manager_external_id.as_ref().and_then(|m| ids.get(m)).copied());
                }
                model
            });
            let written = if postgres {
                let rows = models.map(|m| m.try_into_model().map(|m| row_json(&m))).collect::<Result<Vec<_>, _>>()?;
                self.tx
                    .execute_raw(Statement::from_sql_and_values(
                        DbBackend::Postgres,
                        upsert_from_json(),
                        [Value::Array(rows).to_string().into()],
                    ))
                    .await
                    .map(drop)
            } else {
                person::Entity::insert_many(models.collect::<Vec<_>>())
                    .on_conflict(
                        OnConflict::columns([person::Column::TenantId, person::Column::ExternalId])
                            .update_columns(REPLACED_COLUMNS)
                            .to_owned(),
                    )
                    .exec_without_returning(&self.tx)
                    .await
                    .map(drop)
            };
            written.map_err(|e| StoreError::conflict_on_unique(e, "email"))?;
        }
        Ok(())
    }

    /// Replaces one person found by id (their external id may change).
    pub async fn replace_person(&self, id: PersonId, p: &Person) -> Result<(), StoreError> {
        let current = self.person_model(id).await?;
        let manager = match &p.manager_external_id {
            Some(m) => {
                Some(*self.ids_by_external_id(std::slice::from_ref(m)).await?.get(m).ok_or(StoreError::NotFound)?)
            }
            None => None,
        };
        let mut model = active_model(self.tid(), id.as_uuid(), p, Utc::now());
        model.created_at = Set(current.created_at);
        model.manager_id = Set(manager);
        person::Entity::update(model)
            .exec(&self.tx)
            .await
            .map_err(|e| StoreError::conflict_on_unique(e, "a person with this external id or email"))?;
        Ok(())
    }

    async fn person_model(&self, id: PersonId) -> Result<person::Model, StoreError> {
        person::Entity::find_by_id((self.tid(), id.as_uuid())).one(&self.tx).await?.ok_or(StoreError::NotFound)
    }

    /// The directory's skills, most common first (ties alphabetical), counted over at most
    /// `people` people who have any, and at most `max` of them.
    pub async fn skill_list(&self, people: u64, max: usize) -> Result<Vec<String>, StoreError> {
        let rows: Vec<serde_json::Value> = person::Entity::find()
            .select_only()
            .column(person::Column::Skills)
            .filter(person::Column::TenantId.eq(self.tid()))
            .filter(person::Column::SkillsIndex.ne(""))
            .order_by_asc(person::Column::Id)
            .limit(people)
            .into_tuple()
            .all(&self.tx)
            .await?;
        // Counted by their lower-case form, shown as most people write them.
        let mut counts: HashMap<String, (u64, HashMap<String, u64>)> = HashMap::new();
        for skill in rows.iter().filter_map(|v| v.as_array()).flatten().filter_map(|v| v.as_str()) {
            let skill = skill.trim();
            if skill.is_empty() {
                continue;
            }
            let (count, spellings) = counts.entry(skill.to_lowercase()).or_default();
            *count += 1;
            *spellings.entry(skill.to_owned()).or_default() += 1;
        }
        let mut list: Vec<(u64, String)> = counts
            .into_values()
            .filter_map(|(count, spellings)| {
                let spelling = spellings.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?.0;
                Some((count, spelling))
            })
            .collect();
        list.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        Ok(list.into_iter().take(max).map(|(_, skill)| skill).collect())
    }

    /// One person and their manager's external id, in one query (a partner's GET by id is the
    /// API's most frequent read).
    pub async fn person(&self, id: PersonId) -> Result<PersonRecord, StoreError> {
        let manager = Query::select()
            .column((manager(), person::Column::ExternalId))
            .from_as(person::Entity, manager())
            .and_where(
                Expr::col((manager(), person::Column::TenantId)).equals((person::Entity, person::Column::TenantId)),
            )
            .and_where(Expr::col((manager(), person::Column::Id)).equals((person::Entity, person::Column::ManagerId)))
            .to_owned();
        let statement = person::Entity::find_by_id((self.tid(), id.as_uuid()))
            .expr_as(SimpleExpr::SubQuery(None, Box::new(manager.into_sub_query_statement())), "manager_external_id")
            .build(self.tx.get_database_backend());
        let row = self.tx.query_one_raw(statement).await?.ok_or(StoreError::NotFound)?;
        let manager_external_id: Option<String> = row.try_get("", "manager_external_id")?;
        record(person::Model::from_query_result(&row, "")?, manager_external_id)
    }

    /// The people with these ids (in one query for the lot), in no particular order; ids that
    /// are not in this tenant are simply absent.
    pub async fn people_by_ids(&self, ids: &[PersonId]) -> Result<Vec<PersonRecord>, StoreError> {
        let mut models = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(CHUNK) {
            models.extend(
                person::Entity::find()
                    .filter(person::Column::TenantId.eq(self.tid()))
                    .filter(person::Column::Id.is_in(chunk.iter().map(|id| id.as_uuid())))
                    .all(&self.tx)
                    .await?,
            );
        }
        self.with_managers(models).await
    }

    pub async fn person_by_external_id(&self, external_id: &str) -> Result<PersonRecord, StoreError> {
        let model = person::Entity::find()
            .filter(person::Column::TenantId.eq(self.tid()))
            .filter(person::Column::ExternalId.eq(external_id))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(self.with_managers(vec![model]).await?.remove(0))
    }

    pub async fn person_by_email(&self, email: &str) -> Result<PersonRecord, StoreError> {
        let model = person::Entity::find()
            .filter(person::Column::TenantId.eq(self.tid()))
            .filter(person::Column::Email.eq(email))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(self.with_managers(vec![model]).await?.remove(0))
    }

    /// Removes a person; the people they managed keep no manager.
    pub async fn delete_person(&self, id: PersonId) -> Result<(), StoreError> {
        person::Entity::update_many()
            .col_expr(person::Column::ManagerId, Option::<Uuid>::None.into())
            .filter(person::Column::TenantId.eq(self.tid()))
            .filter(person::Column::ManagerId.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        let result = person::Entity::delete_many()
            .filter(person::Column::TenantId.eq(self.tid()))
            .filter(person::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    /// The directory, filtered, in order of creation.
    pub async fn people(&self, filter: &PeopleFilter, page: PageRequest) -> Result<Page<PersonRecord>, StoreError> {
        self.people_sorted(filter, PeopleSort::Added, page).await
    }

    /// The directory, filtered, in `sort` order, a page at a time: the page after a cursor
    /// continues from that person's place in the order.
    pub async fn people_sorted(
        &self,
        filter: &PeopleFilter,
        sort: PeopleSort,
        page: PageRequest,
    ) -> Result<Page<PersonRecord>, StoreError> {
        let key = sort_key(sort);
        let mut query = self.filtered(filter).limit(page.limit + 1);
        query = match sort {
            PeopleSort::JobLevel => query.order_by(key.clone(), Order::Desc).order_by_asc(person::Column::Id),
            _ => query.order_by(key.clone(), Order::Asc).order_by_asc(person::Column::Id),
        };
        if let Some(after) = page.after {
            query = match sort {
                PeopleSort::Added => query.filter(person::Column::Id.gt(after)),
                _ => {
                    let last = person::Entity::find_by_id((self.tid(), after))
                        .one(&self.tx)
                        .await?
                        .map(|m| sort_value(sort, m));
                    let Some(last) = last else { return Ok(Page { items: Vec::new(), next: None }) };
                    let beyond = if sort == PeopleSort::JobLevel {
                        key.clone().lt(last.clone())
                    } else {
                        key.clone().gt(last.clone())
                    };
                    query.filter(
                        Condition::any()
                            .add(beyond)
                            .add(Condition::all().add(key.clone().eq(last)).add(person::Column::Id.gt(after))),
                    )
                }
            };
        }
        let models = query.all(&self.tx).await?;
        let records = self.with_managers(models).await?;
        Ok(Page::from_overfetch(records, page.limit, |p| p.id.as_uuid()))
    }

    /// How many people the filter finds.
    pub async fn count_people(&self, filter: &PeopleFilter) -> Result<u64, StoreError> {
        Ok(self.filtered(filter).count(&self.tx).await?)
    }

    fn filtered(&self, filter: &PeopleFilter) -> sea_orm::Select<person::Entity> {
        let mut query = person::Entity::find().filter(person::Column::TenantId.eq(self.tid()));
        for (column, value) in [
            (person::Column::Department, &filter.department),
            (person::Column::Function, &filter.function),
            (person::Column::Region, &filter.region),
        ] {
            if let Some(value) = value {
                query = query.filter(column.eq(value.as_str()));
            }
        }
        if let Some(min) = filter.level_min {
            query = query.filter(person::Column::JobLevel.gte(i16::from(min)));
        }
        if let Some(max) = filter.level_max {
            query = query.filter(person::Column::JobLevel.lte(i16::from(max)));
        }
        if let Some(executive) = filter.is_executive {
            query = query.filter(person::Column::IsExecutive.eq(executive));
        }
        if let Some(skill) = &filter.skill {
            query = query.filter(person::Column::SkillsIndex.contains(format!("|{}|", skill.to_lowercase())));
        }
        let like = |text: &str| format!("%{}%", text.to_lowercase().replace(['%', '_'], ""));
        let lower =
            |column: person::Column, pattern: &str| Expr::expr(Func::lower(Expr::col(column))).like(pattern.to_owned());
        if let Some(text) = &filter.department_contains {
            query = query.filter(lower(person::Column::Department, &like(text)));
        }
        if let Some(text) = &filter.text {
            let pattern = like(text);
            query = query.filter(
                Condition::any()
                    .add(lower(person::Column::Name, &pattern))
                    .add(lower(person::Column::NameReading, &pattern))
                    .add(lower(person::Column::Email, &pattern))
                    .add(lower(person::Column::Title, &pattern))
                    .add(lower(person::Column::ExternalId, &pattern)),
            );
        }
        query
    }

    /// Records with each manager's external id filled in (one query for the lot).
    async fn with_managers(&self, models: Vec<person::Model>) -> Result<Vec<PersonRecord>, StoreError> {
        let manager_ids: Vec<Uuid> = models.iter().filter_map(|m| m.manager_id).collect();
        let managers: HashMap<Uuid, String> = if manager_ids.is_empty() {
            HashMap::new()
        } else {
            person::Entity::find()
                .select_only()
                .column(person::Column::Id)
                .column(person::Column::ExternalId)
                .filter(person::Column::TenantId.eq(self.tid()))
                .filter(person::Column::Id.is_in(manager_ids))
                .into_tuple::<(Uuid, String)>()
                .all(&self.tx)
                .await?
                .into_iter()
                .collect()
        };
        models
            .into_iter()
            .map(|m| {
                let manager_external_id = m.manager_id.and_then(|id| managers.get(&id).cloned());
                record(m, manager_external_id)
            })
            .collect()
    }
}

const REPLACED_COLUMNS: [person::Column; 21] = [
    person::Column::Name,
    person::Column::NameReading,
    person::Column::Email,
    person::Column::Department,
    person::Column::Function,
    person::Column::Region,
    person::Column::Location,
    person::Column::JobLevel,
    person::Column::Title,
    person::Column::ManagerId,
    person::Column::TimeZone,
    person::Column::Languages,
    person::Column::Skills,
    person::Column::SkillsIndex,
    person::Column::IsExecutive,
    person::Column::HireDate,
    person::Column::PreferredLocale,
    person::Column::Gender,
    person::Column::AgeBand,
    person::Column::UpdatedAt,
    person::Column::ExternalId,
];

fn active_model(tenant: Uuid, id: Uuid, p: &Person, now: chrono::DateTime<Utc>) -> person::ActiveModel {
    person::ActiveModel {
        tenant_id: Set(tenant),
        id: Set(id),
        external_id: Set(p.external_id.clone()),
        name: Set(p.name.clone()),
        name_reading: Set(p.name_reading.clone()),
        email: Set(p.email.to_string()),
        department: Set(p.department.clone()),
        function: Set(p.function.clone()),
        region: Set(p.region.clone()),
        location: Set(p.location.clone()),
        job_level: Set(p.job_level.map(|l| i16::from(l.get()))),
        title: Set(p.title.clone()),
        manager_id: Set(None),
        time_zone: Set(p.time_zone.clone()),
        languages: Set(json!(p.languages)),
        skills: Set(json!(p.skills)),
        skills_index: Set(skills_index(&p.skills)),
        is_executive: Set(p.is_executive),
        hire_date: Set(p.hire_date),
        preferred_locale: Set(p.preferred_locale.as_str().to_owned()),
        gender: Set(p.gender.clone()),
        age_band: Set(p.age_band.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

/// PostgreSQL's set-wise upsert: the rows arrive as one JSON array (`$1`) of [`row_json`].
/// Foreign keys are checked at the end of the statement, so a manager may come in the same
/// chunk as their reports.
fn upsert_from_json() -> String {
    let columns = person::Column::iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ");
    let replaced = REPLACED_COLUMNS.iter().map(|c| format!("{0} = EXCLUDED.{0}", c.as_str())).collect::<Vec<_>>();
    format!(
        "INSERT INTO people ({columns}) SELECT {columns} FROM json_populate_recordset(NULL::people, $1::json) \
         ON CONFLICT (tenant_id, external_id) DO UPDATE SET {}",
        replaced.join(", ")
    )
}

/// A row of the people table as `json_populate_recordset` reads it: every column by name.
fn row_json(m: &person::Model) -> Value {
    json!({
        "tenant_id": m.tenant_id.to_string(),
        "id": m.id.to_string(),
        "external_id": m.external_id,
        "name": m.name,
        "name_reading": m.name_reading,
        "email": m.email,
        "department": m.department,
        "function": m.function,
        "region": m.region,
        "location": m.location,
        "job_level": m.job_level,
        "title": m.title,
        "manager_id": m.manager_id.map(|id| id.to_string()),
        "time_zone": m.time_zone,
        "languages": m.languages,
        "skills": m.skills,
        "skills_index": m.skills_index,
        "is_executive": m.is_executive,
        "hire_date": m.hire_date.map(|d| d.to_string()),
        "preferred_locale": m.preferred_locale,
        "gender": m.gender,
        "age_band": m.age_band,
        "created_at": m.created_at.to_rfc3339(),
        "updated_at": m.updated_at.to_rfc3339(),
    })
}

/// What a sort compares: never null, so that keyset pages compare alike on both databases.
fn sort_key(sort: PeopleSort) -> sea_orm::sea_query::SimpleExpr {
    let text = |a: person::Column, b: Option<person::Column>| {
        let fallback: sea_orm::sea_query::SimpleExpr = match b {
            Some(b) => Expr::col(b),
            None => Expr::val(""),
        };
        Func::coalesce([Expr::col(a), fallback]).into()
    };
    match sort {
        PeopleSort::Added => Expr::col(person::Column::Id),
        PeopleSort::Name => text(person::Column::NameReading, Some(person::Column::Name)),
        PeopleSort::ExternalId => Expr::col(person::Column::ExternalId),
        PeopleSort::Department => text(person::Column::Department, None),
        PeopleSort::JobLevel => Func::coalesce([Expr::col(person::Column::JobLevel), Expr::val(0)]).into(),
    }
}

/// A person's value of [`sort_key`], to continue a list after them.
fn sort_value(sort: PeopleSort, m: person::Model) -> sea_orm::Value {
    match sort {
        PeopleSort::Added => m.id.into(),
        PeopleSort::Name => m.name_reading.unwrap_or(m.name).into(),
        PeopleSort::ExternalId => m.external_id.into(),
        PeopleSort::Department => m.department.unwrap_or_default().into(),
        PeopleSort::JobLevel => i32::from(m.job_level.unwrap_or(0)).into(),
    }
}

fn strings(value: serde_json::Value) -> Result<Vec<String>, StoreError> {
    serde_json::from_value(value).map_err(corrupt)
}

fn record(m: person::Model, manager_external_id: Option<String>) -> Result<PersonRecord, StoreError> {
    Ok(PersonRecord {
        id: PersonId::from_uuid(m.id),
        manager_id: m.manager_id.map(PersonId::from_uuid),
        created_at: m.created_at,
        updated_at: m.updated_at,
        person: Person {
            external_id: m.external_id,
            name: m.name,
            name_reading: m.name_reading,
            email: EmailAddress::parse(&m.email).map_err(corrupt)?,
            department: m.department,
            function: m.function,
            region: m.region,
            location: m.location,
            job_level: m.job_level.map(|l| JobLevel::new(i64::from(l))).transpose().map_err(corrupt)?,
            title: m.title,
            manager_external_id,
            time_zone: m.time_zone,
            languages: strings(m.languages)?,
            skills: strings(m.skills)?,
            is_executive: m.is_executive,
            hire_date: m.hire_date,
            preferred_locale: m.preferred_locale.parse().map_err(corrupt)?,
            gender: m.gender,
            age_band: m.age_band,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A column that `row_json` forgot would be written as NULL by PostgreSQL's import.
    #[test]
    fn a_row_for_postgres_names_every_column() {
        let now = Utc::now();
        let row = row_json(&person::Model {
            tenant_id: Uuid::nil(),
            id: Uuid::nil(),
            external_id: "E1".into(),
            name: "Aoi".into(),
            name_reading: None,
            email: "aoi@example.com".into(),
            department: None,
            function: None,
            region: None,
            location: None,
            job_level: Some(3),
            title: None,
            manager_id: None,
            time_zone: None,
            languages: json!(["ja"]),
            skills: json!([]),
            skills_index: String::new(),
            is_executive: false,
            hire_date: None,
            preferred_locale: "ja".into(),
            gender: None,
            age_band: None,
            created_at: now,
            updated_at: now,
        });
        let mut named: Vec<&str> = row.as_object().unwrap().keys().map(String::as_str).collect();
        let mut columns: Vec<&str> = person::Column::iter().map(|c| c.as_str()).collect();
        named.sort_unstable();
        columns.sort_unstable();
        assert_eq!(named, columns);
    }
}
