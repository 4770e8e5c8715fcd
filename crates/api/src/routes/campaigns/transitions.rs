//! Opening and closing a campaign.

use actix_web::{post, web};
use chrono::Utc;
use serde::Deserialize;
use tandem_domain::recruitment::{CampaignState, check_campaign_transition};
use tandem_domain::{CampaignId, Permission};
use tandem_store::Db;
use utoipa::ToSchema;

use super::{CampaignView, audit, facts, view};
use crate::ApiSettings;
use crate::auth::TenantCtx;
use crate::error::ApiError;
use crate::http::Json;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"to": "open"}))]
pub struct CampaignTransition {
    pub to: CampaignState,
}

/// Opens (the program must be recruiting; the message is queued for its date, the reminder for
/// before the deadline) or closes a campaign. Refusals answer 409 with the reason.
#[utoipa::path(
    tag = "recruitment",
    params(("campaign_id" = CampaignId, Path, description = "The campaign's id")),
    request_body = CampaignTransition,
    security(("access_token" = []), ("api_key" = [])),
    responses(
        (status = 200, description = "The campaign in its new state", body = CampaignView),
        (status = 409, description = "Not allowed now; `detail` says why"),
    )
)]
#[post("/campaigns/{campaign_id}/transitions")]
pub async fn campaign_transition(
    ctx: TenantCtx,
    db: web::Data<Db>,
    settings: web::Data<ApiSettings>,
    path: web::Path<CampaignId>,
    body: Json<CampaignTransition>,
) -> Result<web::Json<CampaignView>, ApiError> {
    let id = path.into_inner();
    let scoped = ctx.open(&db, Permission::Write).await?;
    let body = body.read()?;
    let campaign = scoped.tx.campaign(id).await?;
    let program = scoped.tx.program(campaign.program_id).await?;
    check_campaign_transition(&facts(&campaign), body.to, program.state, Utc::now())
        .map_err(ApiError::TransitionRefused)?;
    scoped.tx.set_campaign_state(id, campaign.state, body.to).await?;
    audit(&scoped, "campaign.state_changed", id, serde_json::json!({ "from": campaign.state, "to": body.to })).await?;
    let updated = scoped.tx.campaign(id).await?;
    if updated.state == CampaignState::Open && !updated.messages.is_empty() {
        // Its emails are queued with the change, so both happen or neither.
        tandem_jobs::campaigns::schedule(&scoped.tx, &updated).await?;
    }
    scoped.tx.commit().await?;
    Ok(web::Json(view(updated, &settings)))
}
