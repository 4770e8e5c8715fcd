//! Recruitment campaigns as admins run them: set up, open and close, invite, review
//! applications, and watch the funnel. One file per sub-resource; what they share (the view of
//! a campaign, its audit events) is here.

mod applications;
mod crud;
mod funnel;
mod invitees;
mod preview;
mod transitions;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tandem_domain::recruitment::{CampaignFacts, CampaignKind, CampaignMessage, CampaignState, CustomQuestion};
use tandem_domain::{CampaignId, Locale, ProgramId};
use tandem_store::{CampaignRecord, NewAuditEvent};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::ApiSettings;
use crate::auth::Scoped;
use crate::error::ApiError;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(crud::create_campaign)
        .service(crud::list_campaigns)
        .service(funnel::program_funnel)
        .service(crud::get_campaign)
        .service(crud::replace_campaign)
        .service(transitions::campaign_transition)
        .service(invitees::invite_people)
        .service(invitees::list_invitees)
        .service(invitees::campaign_audience)
        .service(applications::list_applications)
        .service(funnel::campaign_funnel)
        .service(funnel::campaign_refusals)
        .service(applications::decide_application)
        .service(preview::preview_message);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignView {
    pub id: CampaignId,
    pub program_id: ProgramId,
    #[schema(example = "Spring intake")]
    pub name: String,
    pub kind: CampaignKind,
    pub state: CampaignState,
    /// The link to share (open campaigns); closed campaigns send personal links.
    #[schema(
        example = "http://localhost:8080/apply?token=01936f0e3c2a7b7e9d1f2a3b4c5d6e7f.9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c"
    )]
    pub public_link: Option<String>,
    pub deadline: Option<DateTime<Utc>>,
    pub send_at: Option<DateTime<Utc>>,
    #[schema(example = 48)]
    pub reminder_hours_before: Option<u32>,
    #[schema(example = json!({"en": {"subject": "Teach a manager what you know", "body": "Hello {{ name }},\n\nJoin {{ program }}."}}))]
    pub messages: BTreeMap<Locale, CampaignMessage>,
    pub questions: Vec<CustomQuestion>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn apply_link(settings: &ApiSettings, token: &str) -> String {
    format!("{}/apply?token={token}", settings.public_url.trim_end_matches('/'))
}

fn view(c: CampaignRecord, settings: &ApiSettings) -> CampaignView {
    CampaignView {
        id: c.id,
        program_id: c.program_id,
        name: c.name,
        kind: c.kind,
        state: c.state,
        public_link: (c.kind == CampaignKind::Open).then(|| apply_link(settings, &c.public_token)),
        deadline: c.deadline,
        send_at: c.send_at,
        reminder_hours_before: c.reminder_hours_before,
        messages: c.messages,
        questions: c.questions,
        created_at: c.created_at,
        updated_at: c.updated_at,
    }
}

/// What the campaign rules (`tandem_domain::recruitment`) need to know of a campaign.
fn facts(c: &CampaignRecord) -> CampaignFacts {
    CampaignFacts { state: c.state, kind: c.kind, has_messages: !c.messages.is_empty(), deadline: c.deadline }
}

async fn audit(
    scoped: &Scoped,
    action: &'static str,
    id: CampaignId,
    details: serde_json::Value,
) -> Result<(), ApiError> {
    scoped
        .tx
        .record(NewAuditEvent {
            actor: scoped.audit_actor(),
            action,
            target_kind: "campaign",
            target_id: Some(id.as_uuid()),
            details,
        })
        .await?;
    Ok(())
}
