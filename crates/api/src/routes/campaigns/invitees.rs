//! A closed campaign's invite list.

use std::collections::HashSet;

use actix_web::{get, post, web};
use serde::{Deserialize, Serialize};
use tandem_domain::programs::ParticipantRole;
use tandem_domain::recruitment::{CampaignState, check_invitees, eligibility_refusals};
use tandem_domain::{CampaignId, Locale, Permission, PersonId, Reason, search_term};
use tandem_mail::unsubscribe::LinkSigner;
use tandem_store::{Db, PageRequest, PeopleFilter};
use utoipa::ToSchema;

use super::audit;
use crate::auth::{TenantCtx, secrets};
use crate::error::{ApiError, Fields};
use crate::http::Json;
use crate::locale::RequestLocale;
use crate::pagination::{ListQuery, Paginated};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"filter": {"department": "Marketing", "region": "APAC", "level_min": 8}, "eligible_only": true}))]
pub struct InviteesRequest {
    /// People to invite by id.
    #[serde(default)]
    pub person_ids: Vec<PersonId>,
    /// Or everyone matching a directory filter.
    pub filter: Option<InviteeFilter>,
    /// Only people eligible for some role of the program (default true).
    #[serde(default = "yes")]
    pub eligible_only: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "department": "Marketing", "function": "Digital", "region": "APAC", "level_min": 8, "level_max": 14,
    "skill": "budgeting"
}))]
pub struct InviteeFilter {
    pub department: Option<String>,
    pub function: Option<String>,
    pub region: Option<String>,
    pub level_min: Option<u8>,
    pub level_max: Option<u8>,
    pub skill: Option<String>,
    pub is_executive: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InviteesAdded {
    #[schema(example = 42)]
    pub added: u64,
    #[schema(example = 42)]
    pub invitees: u64,
    /// Everyone asked for who was not added, and why.
    pub skipped: Vec<SkippedPerson>,
}

/// A person not added to the invite list.
#[derive(Debug, Serialize, ToSchema)]
pub struct SkippedPerson {
    pub person_id: PersonId,
    #[schema(example = "Mid Level")]
    pub name: String,
    /// `already_invited` or `not_eligible`.
    #[schema(example = "not_eligible")]
    pub code: &'static str,
    /// Why, in words, in the language the request asked for.
    #[schema(example = "mentors must be at level 4 or below")]
    pub reason: String,
}

/// Adds people to a closed campaign's invite list, by id or by a directory filter.
#[utoipa::path(
    tag = "recruitment",
    params(("campaign_id" = CampaignId, Path, description = "The campaign's id")),
    request_body = InviteesRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "How many were added, and who was not and why", body = InviteesAdded),
        (status = 404, description = "No such campaign (or person) in this tenant"),
        (status = 409, description = "Open campaigns have no invite list, and closed ones take no more invitees"),
        (status = 422, description = "Invalid fields, or neither people nor a filter given"),
    )
)]
#[post("/campaigns/{campaign_id}/invitees")]
pub async fn invite_people(
    ctx: TenantCtx,
    db: web::Data<Db>,
    links: web::Data<LinkSigner>,
    RequestLocale(locale): RequestLocale,
    path: web::Path<CampaignId>,
    body: Json<InviteesRequest>,
) -> Result<web::Json<InviteesAdded>, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    if body.person_ids.is_empty() && body.filter.is_none() {
        return Err(ApiError::field("person_ids", Reason::NamePeopleOrFilter));
    }
    let campaign = scoped.tx.campaign(id).await?;
    check_invitees(campaign.kind, campaign.state).map_err(ApiError::Conflict)?;
    let design = scoped.tx.program(campaign.program_id).await?.design;
    let mut people = scoped.tx.people_by_ids(&body.person_ids).await?;
    if people.len() < body.person_ids.iter().collect::<std::collections::HashSet<_>>().len() {
        return Err(ApiError::NotFound);
    }
    if let Some(f) = &body.filter {
        let mut fields = Fields::default();
        for (name, value) in [
            ("filter.department", &f.department),
            ("filter.function", &f.function),
            ("filter.region", &f.region),
            ("filter.skill", &f.skill),
        ] {
            if let Some(value) = value {
                fields.check(name, search_term(value));
            }
        }
        fields.finish(|| Some(()))?;
        let filter = PeopleFilter {
            department: f.department.clone(),
            function: f.function.clone(),
            region: f.region.clone(),
            level_min: f.level_min,
            level_max: f.level_max,
            skill: f.skill.clone(),
            is_executive: f.is_executive,
            text: None,
            department_contains: None,
        };
        let mut page = PageRequest { limit: 100, after: None };
        loop {
            let batch = scoped.tx.people(&filter, page).await?;
            people.extend(batch.items);
            match batch.next {
                Some(next) => page.after = Some(next),
                None => break,
            }
        }
    }
    let already: HashSet<PersonId> = scoped.tx.invitees(id).await?.into_iter().map(|i| i.person_id).collect();
    let mut seen = HashSet::new();
    people.retain(|p| seen.insert(p.id));
    let mut skipped = Vec::new();
    people.retain(|p| {
        let refusals = eligibility_refusals(&design, &p.person, ParticipantRole::Either);
        let (code, reason) = if already.contains(&p.id) {
            ("already_invited", Reason::AlreadyInvited.describe(locale))
        } else if body.eligible_only && !refusals.is_empty() {
            let words: Vec<String> = refusals.iter().map(|r| r.describe(locale)).collect();
            ("not_eligible", words.join(if locale == Locale::Ja { "。" } else { "; " }))
        } else {
            return true;
        };
        skipped.push(SkippedPerson { person_id: p.id, name: p.person.name.clone(), code, reason });
        false
    });
    let invitees: Vec<(PersonId, String)> = people
        .into_iter()
        .map(|p| {
            let token = tandem_jobs::campaigns::personal_token(&links, ctx.tenant(), id, p.id);
            let hash = secrets::parse_tenant_token(&token).map(|(_, hash)| hash).unwrap_or_default();
            (p.id, hash)
        })
        .collect();
    let added = scoped.tx.add_invitees(id, &invitees).await?;
    audit(&scoped, "campaign.invited", id, serde_json::json!({ "added": added })).await?;
    let total = scoped.tx.invitees(id).await?.len() as u64;
    if added > 0 && campaign.state == CampaignState::Open && !campaign.messages.is_empty() {
        tandem_jobs::campaigns::message_new_invitees(&scoped.tx, &campaign, total).await?;
    }
    scoped.tx.commit().await?;
    Ok(web::Json(InviteesAdded { added, invitees: total, skipped }))
}

/// Who a campaign's message goes to, before it does: how many, in which language, a few of
/// them, and when.
#[derive(Debug, Serialize, ToSchema)]
pub struct Audience {
    /// Emails the message would send now (closed: the invitees; open: everyone eligible).
    #[schema(example = 36)]
    pub emails: u64,
    /// How many in each language (the recipient's when the campaign has a message in it).
    #[schema(example = json!({"en": 24, "ja": 12}))]
    pub by_language: std::collections::BTreeMap<Locale, u64>,
    /// The first few recipients, by name.
    pub sample: Vec<AudienceMember>,
    /// When the message goes out once the campaign opens: `send_at`, or now when it has none.
    pub sends_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AudienceMember {
    pub person_id: PersonId,
    #[schema(example = "Kenji Sato")]
    pub name: String,
    pub language: Locale,
}

/// How many people opening the campaign emails, in which languages, with a sample: what the
/// console asks an admin to confirm before opening. Writes nothing.
#[utoipa::path(
    tag = "recruitment",
    params(("campaign_id" = CampaignId, Path, description = "The campaign's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "Who the message goes to", body = Audience),
        (status = 404, description = "No such campaign in this tenant"),
    )
)]
#[get("/campaigns/{campaign_id}/audience")]
pub async fn campaign_audience(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<CampaignId>,
) -> Result<web::Json<Audience>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let campaign = scoped.tx.campaign(path.into_inner()).await?;
    let people = if campaign.messages.is_empty() {
        Vec::new()
    } else {
        tandem_jobs::campaigns::audience(&scoped.tx, &campaign).await?
    };
    scoped.tx.commit().await?;
    let mut by_language = std::collections::BTreeMap::new();
    let mut sample = Vec::new();
    for (person_id, person) in &people {
        let (language, _) = tandem_jobs::campaigns::message_for(&campaign, person);
        *by_language.entry(language).or_insert(0) += 1;
        if sample.len() < 5 {
            sample.push(AudienceMember { person_id: *person_id, name: person.name.clone(), language });
        }
    }
    Ok(web::Json(Audience { emails: people.len() as u64, by_language, sample, sends_at: campaign.send_at }))
}

/// An invitee of a closed campaign, with what became of their email and their application.
#[derive(Debug, Serialize, ToSchema)]
pub struct InviteeView {
    pub person_id: PersonId,
    #[schema(example = "Ren Ito")]
    pub name: String,
    #[schema(example = "ren@sakura.example")]
    pub email: String,
    pub language: Locale,
    pub invited_at: chrono::DateTime<chrono::Utc>,
    /// The campaign message's delivery: queued, sending, sent, retrying, failed or suppressed;
    /// `null` before it is written.
    pub email_state: Option<tandem_domain::mail::DeliveryState>,
    pub emailed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When they first followed their personal link.
    pub opened_at: Option<chrono::DateTime<chrono::Utc>>,
    pub reminded_at: Option<chrono::DateTime<chrono::Utc>>,
    pub application: Option<tandem_domain::recruitment::ApplicationStatus>,
}

/// A closed campaign's invitees, with each one's email and application status.
#[utoipa::path(
    tag = "recruitment",
    params(("campaign_id" = CampaignId, Path, description = "The campaign's id"), ListQuery),
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "A page of invitees", body = Paginated<InviteeView>),
        (status = 404, description = "No such campaign in this tenant"),
        (status = 422, description = "A bad limit or cursor"),
    )
)]
#[get("/campaigns/{campaign_id}/invitees")]
pub async fn list_invitees(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<CampaignId>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Paginated<InviteeView>>, ApiError> {
    let page = query.page()?;
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Read).await?;
    scoped.tx.campaign(id).await?;
    let found = scoped.tx.invitees_page(id, page).await?;
    let ids: Vec<PersonId> = found.items.iter().map(|i| i.person_id).collect();
    let people: std::collections::HashMap<PersonId, tandem_domain::people::Person> =
        scoped.tx.people_by_ids(&ids).await?.into_iter().map(|r| (r.id, r.person)).collect();
    let keys: Vec<String> = ids.iter().map(|p| format!("campaign:{id}:message:{p}")).collect();
    let states = scoped.tx.delivery_states(&keys).await?;
    let applications = scoped.tx.application_statuses(id, &ids).await?;
    scoped.tx.commit().await?;
    let items = found
        .items
        .into_iter()
        .filter_map(|i| {
            let person = people.get(&i.person_id)?;
            Some(InviteeView {
                person_id: i.person_id,
                name: person.name.clone(),
                email: person.email.to_string(),
                language: person.preferred_locale,
                invited_at: i.invited_at,
                email_state: states.get(&format!("campaign:{id}:message:{}", i.person_id)).copied(),
                emailed_at: i.emailed_at,
                opened_at: i.opened_at,
                reminded_at: i.reminded_at,
                application: applications.get(&i.person_id).copied(),
            })
        })
        .collect();
    Ok(web::Json(Paginated::from_page(tandem_store::Page { items, next: found.next }, |i| i)))
}
