//! The recruitment funnel of a campaign, and of a program; and who the public link turned
//! away, counted.

use actix_web::{get, web};
use serde::Serialize;
use tandem_domain::eligibility::RefusalKind;
use tandem_domain::recruitment::Funnel;
use tandem_domain::{CampaignId, Permission, ProgramId};
use tandem_store::Db;

use utoipa::ToSchema;

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

#[derive(Debug, Serialize, ToSchema)]
pub struct Refusals {
    /// People in the directory the public link turned away, each once per role they asked for.
    #[schema(example = 5)]
    pub people: u64,
    /// How many of them were given each kind of reason (one person may be given several),
    /// most frequent first.
    pub reasons: Vec<RefusalCount>,
    /// Forms sent with an address nobody in the directory has (nobody is written to): a
    /// directory out of date, or typing mistakes.
    #[schema(example = 2)]
    pub not_in_directory: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RefusalCount {
    pub reason: RefusalKind,
    #[schema(example = 3)]
    pub people: u64,
}

/// Who the campaign's public link turned away, counted, never named: the people it told they
/// may not take part (and why, by kind of reason), and the forms sent for addresses not in the
/// directory. Personal links are not counted: their invitees are known, and so is why.
#[utoipa::path(
    tag = "recruitment",
    params(("campaign_id" = CampaignId, Path, description = "The campaign's id")),
    security(("access_token" = []), ("api_key" = [])),
    responses((status = 200, description = "The counts", body = Refusals))
)]
#[get("/campaigns/{campaign_id}/refusals")]
pub async fn campaign_refusals(
    ctx: TenantCtx,
    db: web::Data<Db>,
    path: web::Path<CampaignId>,
) -> Result<web::Json<Refusals>, ApiError> {
    let scoped = ctx.open(&db, Permission::Read).await?;
    let campaign = scoped.tx.campaign(path.into_inner()).await?;
    let (people, counts) = scoped.tx.refusals(campaign.id).await?;
    scoped.tx.commit().await?;
    let not_in_directory = counts.iter().find(|(kind, _)| *kind == RefusalKind::NotInDirectory).map_or(0, |(_, n)| *n);
    let reasons: Vec<RefusalCount> = counts
        .into_iter()
        .filter(|(kind, _)| *kind != RefusalKind::NotInDirectory)
        .map(|(reason, people)| RefusalCount { reason, people })
        .collect();
    Ok(web::Json(Refusals { people, reasons, not_in_directory }))
}
