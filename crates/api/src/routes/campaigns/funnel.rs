//! The recruitment funnel of a campaign, and of a program.

use actix_web::{get, web};
use tandem_domain::recruitment::Funnel;
use tandem_domain::{CampaignId, Permission, ProgramId};
use tandem_store::Db;

use crate::auth::TenantCtx;
use crate::error::ApiError;

/// The campaign's funnel: invited → emailed → opened → applied → accepted (→ matched).
#[utoipa::path(
    tag = "recruitment",
    params(("campaign_id" = CampaignId, Path, description = "The campaign's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The funnel", body = Funnel))
)]
#[get("/campaigns/{campaign_id}/funnel")]
pub async fn campaign_funnel(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<CampaignId>,
) -> Result<web::Json<Funnel>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let campaign = scoped.tx.campaign(path.into_inner()).await?;
    let funnel = scoped.tx.funnel(&campaign).await?;
    scoped.tx.commit().await?;
    Ok(web::Json(funnel))
}

/// The program's funnel: its campaigns' added up.
#[utoipa::path(
    tag = "recruitment",
    params(("program_id" = ProgramId, Path, description = "The program's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The funnel", body = Funnel))
)]
#[get("/programs/{program_id}/funnel")]
pub async fn program_funnel(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<ProgramId>,
) -> Result<web::Json<Funnel>, ApiError> {
    let program = path.into_inner();
    let scoped = ctx.open(&db, Permission::Read).await?;
    scoped.tx.program(program).await?;
    let mut total = tandem_store::FunnelPeople::default();
    for campaign in scoped.tx.campaigns_of(program).await? {
        total.add(scoped.tx.funnel_people(&campaign).await?);
    }
    scoped.tx.commit().await?;
    Ok(web::Json(total.counts()))
}
