//! A closed campaign's invite list.

use actix_web::{post, web};
use serde::{Deserialize, Serialize};
use tandem_domain::programs::ParticipantRole;
use tandem_domain::recruitment::{CampaignState, check_invitees, eligibility_refusals};
use tandem_domain::{CampaignId, Permission, PersonId, Reason, search_term};
use tandem_mail::unsubscribe::LinkSigner;
use tandem_store::{Db, PageRequest, PeopleFilter};
use utoipa::ToSchema;

use super::audit;
use crate::auth::{TenantCtx, secrets};
use crate::error::{ApiError, Fields};
use crate::http::Json;

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
}

/// Adds people to a closed campaign's invite list, by id or by a directory filter.
#[utoipa::path(
    tag = "recruitment",
    params(("campaign_id" = CampaignId, Path, description = "The campaign's id")),
    request_body = InviteesRequest,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "How many were added", body = InviteesAdded),
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
    let invitees: Vec<(PersonId, String)> = people
        .into_iter()
        .filter(|p| !body.eligible_only || eligibility_refusals(&design, &p.person, ParticipantRole::Either).is_empty())
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
    Ok(web::Json(InviteesAdded { added, invitees: total }))
}
