//! A demo company to try Tandem with: an owner, a team in every role, an API key, a directory
//! of 60 employees across departments, functions, regions and levels, a reverse mentoring
//! program in draft, and one whose accepted applicants have a published matching (pairs, their
//! introductions in the outbox, and a run to review), launched: active, a kickoff next week,
//! and pairs that have met, recorded learning both ways, a goal and a featured story; with
//! answered check-ins, an anonymous mid-program survey, a manual metric's values and a nudge
//! log. Running it again finds the company already there and changes nothing.

use tandem_api::auth::{password, secrets};
use tandem_domain::matching::criteria::{Constraints, Settings};
use tandem_domain::matching::run::Mode;
use tandem_domain::people::{Person, PersonDraft, PersonField, read_person};
use tandem_domain::programs::{ParticipantRole, ProgramKind, ProgramState};
use tandem_domain::recruitment::{ApplicationStatus, CampaignKind};
use tandem_domain::{
    ApiKeyId, ApiScope, CampaignId, Locale, MatchingRunId, Password, ProgramId, Role, TenantId, program_templates,
};
use tandem_jobs::matching::MatchingHandler;
use tandem_store::{
    AuditActor, Db, NewApiKey, NewApplication, NewAuditEvent, NewCampaign, NewUser, PageRequest, PeopleFilter,
    PersonRecord, TenantTx,
};

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
        out.push_str("\nThe program \"Digital skills, spring cohort\" is active: its pairs are published, the kickoff is next week, and its first pairs have met and recorded what they learned both ways.\n");
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
    let people = directory(60);
    let counts = tx.upsert_people(&people).await?;
    let program = program_templates::design("reverse_digital_skills", Locale::En, chrono::Utc::now().date_naive())
        .ok_or_else(|| anyhow::anyhow!("the reverse_digital_skills template exists"))?;
    tx.create_program(&program).await?;
    let everyone = tx.people(&PeopleFilter::default(), PageRequest { limit: 100, after: None }).await?.items;
    let matched = matched_program(&tx, "Digital skills, spring cohort", &everyone).await?;
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
    publish_matching(db, tenant, matched).await?;
    Ok(DemoSummary { created: true, tenant: Some(tenant), api_key: Some(issued.token) })
}

/// A reverse program in its matching step: a closed campaign, and the application of each of
/// `people` who is eligible accepted, saying what they can teach and want to learn; a matching
/// run queued with the preset.
pub async fn matched_program(tx: &TenantTx, name: &str, people: &[PersonRecord]) -> anyhow::Result<MatchingRunId> {
    let mut design = program_templates::design("reverse_digital_skills", Locale::En, chrono::Utc::now().date_naive())
        .ok_or_else(|| anyhow::anyhow!("the reverse_digital_skills template exists"))?;
    design.name = name.to_owned();
    let program = tx.create_program(&design).await?;
    tx.set_program_state(program.id, ProgramState::Draft, ProgramState::Recruiting).await?;
    let campaign = tx
        .create_campaign(
            &NewCampaign {
                program_id: program.id,
                name: "Spring invitations".to_owned(),
                kind: CampaignKind::Closed,
                deadline: None,
                send_at: None,
                reminder_hours_before: None,
                messages: Default::default(),
                questions: Vec::new(),
            },
            &format!("demo-{}", CampaignId::new()),
        )
        .await?;
    for (n, record) in people.iter().enumerate() {
        let Some(level) = record.person.job_level.map(|l| l.get()) else { continue };
        let role = match level {
            ..=4 => ParticipantRole::Mentor,
            8.. => ParticipantRole::Mentee,
            _ => continue,
        };
        let (teach, learn) = (SKILLS[n % SKILLS.len()], SKILLS[(n * 7 + 3) % SKILLS.len()]);
        let form = match role {
            ParticipantRole::Mentor => serde_json::json!({"can_teach": teach, "wants_to_learn": "", "languages": []}),
            _ => serde_json::json!({"can_teach": "", "wants_to_learn": learn, "languages": []}),
        };
        let application = tx
            .create_application(&NewApplication {
                campaign_id: campaign.id,
                program_id: program.id,
                person_id: record.id,
                role_wanted: role,
                form,
                token_hash: format!("demo:{}", record.id),
            })
            .await?;
        tx.set_application_status(application.id, ApplicationStatus::Accepted).await?;
    }
    tx.set_program_state(program.id, ProgramState::Recruiting, ProgramState::Matching).await?;
    // The demo's people work in three continents: hours are scored, not required.
    let settings = Settings {
        constraints: Constraints { common_language: true, min_overlap_hours: 0.0 },
        ..Settings::preset(ProgramKind::Reverse)
    };
    Ok(tx.create_matching_run(program.id, Mode::MostPairs, &serde_json::to_value(&settings)?).await?.id)
}

/// Runs the demo's matching and publishes it, as a program manager would after review.
async fn publish_matching(db: &Db, tenant: TenantId, run: MatchingRunId) -> anyhow::Result<()> {
    MatchingHandler::new(db.clone())
        .execute(tenant, run)
        .await
        .map_err(|err| anyhow::anyhow!("the demo's matching run: {err:?}"))?;
    let tx = db.tenant(tenant).await?;
    let record = tx.matching_run(run).await?;
    tandem_api::routes::matching::publish_run(&tx, &record)
        .await
        .map_err(|err| anyhow::anyhow!("publishing the demo's matching: {err}"))?;
    launch(&tx, record.program_id).await?;
    feedback(&tx, record.program_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Feedback on the launched program: two months of answered check-ins (and this month's, some
/// still open), a mid-program survey answered anonymously by enough people to show results, a
/// value for a manual success metric, and a nudge log.
async fn feedback(tx: &TenantTx, program: ProgramId) -> anyhow::Result<()> {
    use chrono::{Duration, Utc};
    use tandem_domain::feedback::{SurveyKind, SurveyState, period_start, template};
    use tandem_domain::nudges::{NudgeRule, NudgeState};
    use tandem_domain::programs::{Cadence, MetricSource, SuccessMetric};
    use tandem_store::{NewCheckIn, NewNudge, SurveyDraft};

    let today = Utc::now().date_naive();
    let pairs = tx.pairs_in(program, tandem_domain::matching::run::PairState::Active).await?;
    let random_hash = || tandem_mail::unsubscribe::token_hash(&uuid::Uuid::new_v4().to_string());
    let this_month = period_start(Cadence::Monthly, today);
    let periods = [
        this_month.checked_sub_months(chrono::Months::new(2)).unwrap_or(this_month),
        this_month.checked_sub_months(chrono::Months::new(1)).unwrap_or(this_month),
        this_month,
    ];
    for (p, period) in periods.iter().enumerate() {
        let period_end = period.checked_add_months(chrono::Months::new(1)).unwrap_or(*period) - Duration::days(1);
        for (n, pair) in pairs.iter().enumerate() {
            for (m, person) in [pair.mentor, pair.mentee].into_iter().enumerate() {
                let id = tandem_domain::CheckInId::new();
                let new = NewCheckIn {
                    id,
                    program,
                    pair: pair.id,
                    person,
                    period: *period,
                    period_end,
                    token_hash: random_hash(),
                };
                tx.insert_check_in(new).await?;
                // This month's is answered by about half; one pair has been struggling.
                if p == 2 && (n + m) % 2 == 1 {
                    continue;
                }
                let score = if n == 3 { 2 } else { 3 + u8::try_from((n + m + p) % 3).unwrap_or(0) };
                let comment = (n == 3).then(|| "We keep moving our meetings".to_owned());
                tx.answer_check_in(id, score.min(5), Some(n % 3 != 2), comment).await?;
            }
        }
    }

    let questions = template(SurveyKind::MidProgram, ParticipantRole::Either);
    let survey = tx
        .insert_survey(
            program,
            SurveyDraft {
                kind: SurveyKind::MidProgram,
                audience: ParticipantRole::Either,
                title: "Mid-program survey".into(),
                questions,
                anonymous: true,
                closes_on: Some(today + Duration::days(5)),
            },
        )
        .await?;
    tx.set_survey_state(survey.id, SurveyState::Draft, SurveyState::Open).await?;
    let meetings = ["As planned", "As planned", "More than planned", "Less than planned"];
    for (n, pair) in pairs.iter().enumerate() {
        for (role, person) in [(ParticipantRole::Mentor, pair.mentor), (ParticipantRole::Mentee, pair.mentee)] {
            let invitee = tandem_domain::SurveyInviteeId::new();
            tx.insert_survey_invitee(invitee, survey.id, person, role, random_hash()).await?;
            if n >= 6 {
                continue;
            }
            tx.mark_survey_answered(invitee).await?;
            let going = if n == 3 { 2 } else { 4 + (n % 2) };
            let answers = serde_json::json!({
                "going": going, "learned": 4 + ((n + 1) % 2), "shared": 4, "trust": 5 - (n % 2),
                "meetings": meetings[n % meetings.len()], "help": ["Ideas for topics"],
                "comment": if n == 0 { "Our sessions are the best hour of the month" } else { "" },
            });
            let answers: std::collections::BTreeMap<String, serde_json::Value> = serde_json::from_value(answers)?;
            let answers = tandem_domain::feedback::answer_problems(&survey.questions, &answers)
                .map_err(|problems| anyhow::anyhow!("the demo's survey answers: {problems:?}"))?;
            tx.insert_survey_response(survey.id, role, None, &answers).await?;
        }
    }

    // A manual metric next to the template's measured ones, with two values.
    let mut record = tx.program(program).await?;
    record.design.success_metrics.push(SuccessMetric {
        name: "Digital projects led by a mentee".into(),
        target: 5.0,
        unit: "projects".into(),
        measured_by: "project office".into(),
        source: MetricSource::Manual,
        question: None,
    });
    tx.replace_program_design(program, &record.design).await?;
    tx.insert_metric_reading(program, "Digital projects led by a mentee", 1.0, today - Duration::days(30)).await?;
    tx.insert_metric_reading(program, "Digital projects led by a mentee", 3.0, today).await?;

    // A nudge log: what the scheduler decided for the first pairs.
    if let Some(pair) = pairs.get(3) {
        for (rule, person, state, reason) in [
            (NudgeRule::NoSession, pair.mentor, NudgeState::Sent, None),
            (NudgeRule::NoSession, pair.mentee, NudgeState::Sent, None),
            (NudgeRule::CheckInDue, pair.mentee, NudgeState::Held, Some("quiet hours in Asia/Tokyo until 08:00")),
            (
                NudgeRule::SurveyDue,
                pair.mentor,
                NudgeState::Capped,
                Some("3 nudges in seven days reached: more important ones went first"),
            ),
        ] {
            tx.insert_nudge(NewNudge {
                program,
                person,
                rule,
                period: format!("demo:{}", pair.id),
                state,
                reason: reason.map(str::to_owned),
            })
            .await?;
        }
    }
    Ok(())
}

/// The program (active since its pairs were published) has a kickoff next week, and its first
/// pairs have been meeting: sessions confirmed by the partner, learning recorded both ways, a
/// goal, and a story both members agreed to, featured.
async fn launch(tx: &TenantTx, program: ProgramId) -> anyhow::Result<()> {
    use chrono::{Duration, Utc};
    use tandem_domain::tracking::{GoalStatus, LearningDirection, SessionFormat};
    use tandem_store::{NewKickoff, NewLearningEntry, NewPairSession, SessionChanges};

    let now = Utc::now();
    let starts = (now + Duration::days(7)).date_naive().and_hms_opt(1, 0, 0).unwrap_or_default().and_utc();
    let kickoff = tx
        .set_kickoff(
            program,
            NewKickoff {
                starts_at: starts,
                ends_at: starts + Duration::minutes(90),
                time_zone: "Asia/Tokyo".into(),
                place: Some("Head office, 12th floor, room A".into()),
                video_link: Some("https://meet.example/sakura-kickoff".into()),
                agenda: Some("Why we run the program; the two roles; how to run the first meeting".into()),
            },
        )
        .await?;
    tandem_api::routes::launch::queue_invitations(tx, program, &kickoff)
        .await
        .map_err(|err| anyhow::anyhow!("the demo's kickoff: {err}"))?;
    let pairs = tx.pairs_in(program, tandem_domain::matching::run::PairState::Active).await?;
    let topics = [("TikTok", "Budget planning"), ("Generative AI", "Negotiation"), ("Excel dashboards", "Hiring")];
    for (n, pair) in pairs.iter().take(3).enumerate() {
        let (junior_teaches, senior_teaches) = topics[n];
        for week in 0..(3 - n as i64) {
            let session = tx
                .insert_pair_session(NewPairSession {
                    pair: pair.id,
                    held_at: now - Duration::days(3 + 10 * week),
                    minutes: 45,
                    format: if week % 2 == 0 { SessionFormat::Video } else { SessionFormat::InPerson },
                    topics: vec![junior_teaches.to_owned(), senior_teaches.to_owned()],
                    planned: false,
                    logged_by: pair.mentor,
                    took_part: vec![pair.mentor, pair.mentee],
                })
                .await?;
            tx.confirm_pair_session(pair.id, session.id, SessionChanges::default()).await?;
            for (author, direction, topic) in [
                (pair.mentee, LearningDirection::Learned, junior_teaches),
                (pair.mentor, LearningDirection::Taught, junior_teaches),
                (pair.mentor, LearningDirection::Learned, senior_teaches),
            ] {
                if n == 2 && author == pair.mentor && direction == LearningDirection::Learned {
                    continue;
                }
                tx.insert_learning_entry(NewLearningEntry {
                    pair: pair.id,
                    session: Some(session.id),
                    author,
                    direction,
                    topics: vec![topic.to_owned()],
                    note: None,
                })
                .await?;
            }
        }
        let goal = tx
            .insert_goal(
                pair.id,
                format!("Use {junior_teaches} in a real project"),
                Some((now + Duration::days(60)).date_naive()),
            )
            .await?;
        if n == 0 {
            tx.update_goal(pair.id, goal.id, Some(GoalStatus::Done), Some("Shipped in the spring campaign".into()))
                .await?;
            tx.write_story(
                pair.id,
                pair.mentor,
                "A campaign video in a week".into(),
                "We made the spring campaign's first short video together: one of us knew the tools, the other the customers.".into(),
            )
            .await?;
            tx.set_story_agreed_by(pair.id, &[pair.mentor, pair.mentee]).await?;
            tx.feature_story(pair.id, true).await?;
            tx.complete_training(program, pair.mentor, 0).await?;
        }
    }
    Ok(())
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

/// `size` employees: juniors who know new tools, seniors, and six executives who run the
/// business and manage everyone else.
pub fn directory(size: usize) -> Vec<Person> {
    (0..size)
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
