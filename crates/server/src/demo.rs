//! A demo company to try Tandem with: an owner, a team in every role, and an API key.
//! Running it again finds the company already there and changes nothing.

use tandem_api::auth::{password, secrets};
use tandem_domain::{ApiKeyId, ApiScope, Locale, Password, Role, TenantId};
use tandem_store::{AuditActor, Db, NewApiKey, NewAuditEvent, NewUser};

pub const OWNER_EMAIL: &str = "aiko.tanaka@demo.tandem.localhost";
pub const PASSWORD: &str = "tandem-demo-2026";
const COMPANY: &str = "Sakura Demo Co.";

const TEAM: &[(&str, &str, Role)] = &[
    ("Aiko Tanaka", OWNER_EMAIL, Role::Owner),
    ("Kenji Sato", "kenji.sato@demo.tandem.localhost", Role::Admin),
    ("Mei Suzuki", "mei.suzuki@demo.tandem.localhost", Role::ProgramManager),
    ("Tom Baker", "tom.baker@demo.tandem.localhost", Role::Viewer),
];

pub struct DemoSummary {
    pub created: bool,
    pub tenant: Option<TenantId>,
    pub api_key: Option<String>,
}

impl DemoSummary {
    pub fn render(&self, public_url: &str) -> String {
        let mut out = String::new();
        if self.created {
            out.push_str(&format!("Created the demo company {COMPANY:?}.\n"));
        } else {
            out.push_str(&format!("The demo company {COMPANY:?} already exists; nothing changed.\n"));
        }
        out.push_str(&format!("\nOpen {public_url}/docs/ and log in with POST /api/v1/auth/login as any of:\n"));
        for (name, email, role) in TEAM {
            out.push_str(&format!("  {email:<40} {role:<16} {name}\n"));
        }
        out.push_str(&format!("password (all of them): {PASSWORD}\n"));
        if let Some(tenant) = self.tenant {
            out.push_str(&format!("tenant id: {tenant}\n"));
        }
        if let Some(key) = &self.api_key {
            out.push_str(&format!("\nPartner API key (read, write), shown only now:\n  {key}\n"));
        }
        out
    }
}

pub async fn seed(db: &Db) -> anyhow::Result<DemoSummary> {
    if let Some(existing) = db.user_credentials(OWNER_EMAIL).await? {
        let tenant = db.memberships_of(existing.user.id).await?.first().map(|(tenant, _)| *tenant);
        return Ok(DemoSummary { created: false, tenant, api_key: None });
    }
    let password_hash = password::hash(Password::parse(PASSWORD)?).await?;
    let tenant = TenantId::new();
    let tx = db.tenant(tenant).await?;
    tx.create_tenant(COMPANY, Locale::En).await?;
    let mut owner = None;
    for (name, email, role) in TEAM {
        let user = tx
            .create_user(NewUser {
                email: (*email).to_owned(),
                name: (*name).to_owned(),
                password_hash: password_hash.clone(),
                locale: Locale::En,
            })
            .await?;
        tx.add_member(user.id, *role).await?;
        owner.get_or_insert(user.id);
    }
    let issued = secrets::issue_api_key(tenant);
    let key = tx
        .create_api_key(NewApiKey {
            id: ApiKeyId::new(),
            name: "Demo HR sync".into(),
            prefix: issued.display_prefix,
            secret_hash: issued.hash,
            scopes: vec![ApiScope::Read, ApiScope::Write],
            created_by: owner,
        })
        .await?;
    tx.record(NewAuditEvent {
        actor: AuditActor::System,
        action: "demo.seeded",
        target_kind: "tenant",
        target_id: Some(tenant.as_uuid()),
        details: serde_json::json!({ "api_key": key.id }),
    })
    .await?;
    tx.commit().await?;
    Ok(DemoSummary { created: true, tenant: Some(tenant), api_key: Some(issued.token) })
}
