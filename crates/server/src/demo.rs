//! A demo company to try Tandem with: an owner, a team in every role, an API key, a directory
//! of 60 employees across departments, functions, regions and levels, and a reverse mentoring
//! program in draft. Running it again finds the company already there and changes nothing.

use tandem_api::auth::{password, secrets};
use tandem_domain::people::{Person, PersonDraft, PersonField, read_person};
use tandem_domain::{ApiKeyId, ApiScope, Locale, Password, Role, TenantId, program_templates};
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
        out.push_str(&format!(
            "\nOpen the console at {public_url}/ (or the API docs at {public_url}/docs/) and log in as any of:\n"
        ));
        for (name, email, role) in TEAM {
            out.push_str(&format!("  {email:<40} {:<16} {name}\n", role.as_str()));
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
    let people = directory();
    let counts = tx.upsert_people(&people).await?;
    let program = program_templates::design("reverse_digital_skills", Locale::En, chrono::Utc::now().date_naive())
        .ok_or_else(|| anyhow::anyhow!("the reverse_digital_skills template exists"))?;
    tx.create_program(&program).await?;
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
        details: serde_json::json!({ "api_key": key.id, "people": counts.created }),
    })
    .await?;
    tx.commit().await?;
    Ok(DemoSummary { created: true, tenant: Some(tenant), api_key: Some(issued.token) })
}

const FAMILY: [&str; 12] = [
    "Sato",
    "Suzuki",
    "Takahashi",
    "Tanaka",
    "Watanabe",
    "Ito",
    "Yamamoto",
    "Nakamura",
    "Kobayashi",
    "Smith",
    "Garcia",
    "Müller",
];
const GIVEN: [&str; 10] = ["Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Emma", "Liam", "Sofia", "Noah"];
const DEPARTMENTS: [(&str, &str); 6] = [
    ("Sales", "Commercial"),
    ("Marketing", "Commercial"),
    ("Engineering", "Technology"),
    ("Finance", "Corporate"),
    ("People", "Corporate"),
    ("Operations", "Supply chain"),
];
const REGIONS: [(&str, &str, &str); 3] =
    [("APAC", "Tokyo", "Asia/Tokyo"), ("EMEA", "Berlin", "Europe/Berlin"), ("AMER", "New York", "America/New_York")];
const SKILLS: [&str; 10] = [
    "Python",
    "TikTok",
    "Generative AI",
    "Negotiation",
    "Data analysis",
    "Design thinking",
    "Public speaking",
    "Excel",
    "Strategy",
    "Coaching",
];

/// Sixty employees: juniors who know new tools, seniors and executives who run the business.
fn directory() -> Vec<Person> {
    (0..60)
        .map(|n| {
            let (department, function) = DEPARTMENTS[n % DEPARTMENTS.len()];
            let (region, location, zone) = REGIONS[n % REGIONS.len()];
            let level = if n < 6 { 15 + n % 4 } else { 1 + (n * 7) % 12 };
            let mut draft = PersonDraft::default();
            let name = format!("{} {}", GIVEN[n % GIVEN.len()], FAMILY[(n / 3) % FAMILY.len()]);
            let skills = format!("{}; {}", SKILLS[n % SKILLS.len()], SKILLS[(n * 3 + 1) % SKILLS.len()]);
            for (field, value) in [
                (PersonField::ExternalId, format!("D{n:04}")),
                (PersonField::Name, name),
                (PersonField::Email, format!("employee{n:02}@demo.tandem.localhost")),
                (PersonField::Department, department.to_owned()),
                (PersonField::Function, function.to_owned()),
                (PersonField::Region, region.to_owned()),
                (PersonField::Location, location.to_owned()),
                (PersonField::TimeZone, zone.to_owned()),
                (PersonField::JobLevel, level.to_string()),
                (PersonField::Skills, skills),
                (PersonField::Languages, if region == "APAC" { "ja; en".to_owned() } else { "en".to_owned() }),
                (PersonField::IsExecutive, (n < 6).to_string()),
                (PersonField::PreferredLocale, if region == "APAC" { "ja".to_owned() } else { "en".to_owned() }),
                (PersonField::ManagerExternalId, if n < 6 { String::new() } else { format!("D{:04}", n % 6) }),
            ] {
                draft.set(field, value);
            }
            read_person(&draft, false).expect("demo people are valid")
        })
        .collect()
}
