//! Who a program's rules reach in the directory, asked while the rules are being written: how
//! many people each role admits, and the departments, functions and regions there are to pick.

use std::collections::BTreeMap;

use actix_web::{post, web};
use serde::{Deserialize, Serialize};
use tandem_domain::Permission;
use tandem_domain::programs::{Eligibility, ParticipantRole, ProgramKind};
use tandem_domain::recruitment::refusals_under;
use tandem_store::{Db, PageRequest, PeopleFilter};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::TenantCtx;
use crate::error::ApiError;
use crate::http::Json;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(reach);
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "reverse", "eligibility": [
    {"role": "mentor", "level_max": 4}, {"role": "mentee", "level_min": 8, "departments": ["Marketing"]}
]}))]
pub struct ReachRequest {
    pub kind: ProgramKind,
    /// The rules as the design has them so far.
    #[serde(default)]
    pub eligibility: Vec<Eligibility>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Reach {
    /// Everyone in the directory.
    #[schema(example = 240)]
    pub people: u64,
    /// How many people each role's rules admit (mutual programs: only `either`).
    pub roles: Vec<RoleReach>,
    /// The directory's values, most common first, for picking rather than typing.
    pub departments: Vec<ValueCount>,
    pub functions: Vec<ValueCount>,
    pub regions: Vec<ValueCount>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleReach {
    pub role: ParticipantRole,
    #[schema(example = 31)]
    pub people: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ValueCount {
    #[schema(example = "Marketing")]
    pub value: String,
    #[schema(example = 42)]
    pub people: u64,
}

/// How many people in the directory the rules admit to each role, with the departments,
/// functions and regions the directory has (for rules that name them). Nothing is stored;
/// it is open to those who may write a design.
#[utoipa::path(
    tag = "programs",
    request_body = ReachRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "Who the rules reach", body = Reach))
)]
#[post("/programs/reach")]
pub async fn reach(ctx: TenantCtx, db: web::Data<Db>, body: Json<ReachRequest>) -> Result<web::Json<Reach>, ApiError> {
    // A tool for writing a design, so it needs the right to write one.
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let roles = match body.kind {
        ProgramKind::Mutual => vec![ParticipantRole::Either],
        _ => vec![ParticipantRole::Mentor, ParticipantRole::Mentee],
    };
    let mut admitted = vec![0u64; roles.len()];
    let mut values: [BTreeMap<String, u64>; 3] = Default::default();
    let mut people = 0;
    let mut page = PageRequest { limit: PageRequest::MAX_LIMIT, after: None };
    loop {
        let batch = scoped.tx.people(&PeopleFilter::default(), page).await?;
        for record in &batch.items {
            let person = &record.person;
            people += 1;
            for (count, role) in admitted.iter_mut().zip(&roles) {
                if refusals_under(body.kind, &body.eligibility, person, *role).is_empty() {
                    *count += 1;
                }
            }
            for (seen, value) in values.iter_mut().zip([&person.department, &person.function, &person.region]) {
                if let Some(value) = value {
                    *seen.entry(value.clone()).or_default() += 1;
                }
            }
        }
        match batch.next {
            Some(next) => page.after = Some(next),
            None => break,
        }
    }
    scoped.tx.commit().await?;
    let [departments, functions, regions] = values.map(most_common_first);
    let roles = roles.into_iter().zip(admitted).map(|(role, people)| RoleReach { role, people }).collect();
    Ok(web::Json(Reach { people, roles, departments, functions, regions }))
}

fn most_common_first(counts: BTreeMap<String, u64>) -> Vec<ValueCount> {
    let mut values: Vec<ValueCount> = counts.into_iter().map(|(value, people)| ValueCount { value, people }).collect();
    values.sort_by(|a, b| b.people.cmp(&a.people).then_with(|| a.value.cmp(&b.value)));
    values
}
