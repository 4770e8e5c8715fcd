//! PostgreSQL's row-level security, the second wall behind the scoped store.

use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, Statement, TransactionTrait};
use serde_json::json;
use tandem_server::config::Secret;
use tandem_server::startup::{Application, Role};
use tandem_tests::{Backend, TestApp};

use crate::tenancy::{Tenant, populate};

async fn postgres() -> Option<TestApp> {
    TestApp::spawn(Backend::Postgres).await
}

async fn tenant_tables(db: &DatabaseConnection) -> Vec<String> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT table_name FROM information_schema.columns
             WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name",
        ))
        .await
        .unwrap();
    let mut tables: Vec<String> = rows.iter().map(|r| r.try_get("", "table_name").unwrap()).collect();
    tables.push("tenants".into());
    tables
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_tenant_table_has_row_level_security_forced_with_policies() {
    let Some(app) = postgres().await else { return };
    let db = app.database().await;
    let tables = tenant_tables(&db).await;
    assert!(tables.len() >= 6, "{tables:?}");
    for table in tables {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!(
                    "SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                            (SELECT COUNT(*) FROM pg_policies p WHERE p.tablename = c.relname) AS policies
                     FROM pg_class c WHERE c.relname = '{table}' AND c.relkind = 'r'"
                ),
            ))
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{table} exists"));
        assert!(row.try_get::<bool>("", "enabled").unwrap(), "{table}: RLS enabled");
        assert!(row.try_get::<bool>("", "forced").unwrap(), "{table}: RLS forced");
        assert!(row.try_get::<i64>("", "policies").unwrap() >= 4, "{table}: a policy per command");
    }
    let bypass = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT rolbypassrls AS bypass, rolsuper AS super FROM pg_roles WHERE rolname = 'tandem_app'",
        ))
        .await
        .unwrap()
        .expect("the application role exists");
    assert!(!bypass.try_get::<bool>("", "bypass").unwrap() && !bypass.try_get::<bool>("", "super").unwrap());
}

/// Gives a populated tenant rows in the tables `populate` leaves empty: a suppression, a
/// template of its own, a closed campaign with an invitee, a saved import mapping, and a job
/// in the outbox.
async fn fill_the_rest(app: &TestApp, tenant: &Tenant) {
    let token = tenant.owner.access_token.as_str();
    let csv = "Code,Name,Mail\nX1,Extra Person,extra@example.test\n";
    let mapping = json!({"Code": "external_id", "Name": "name", "Mail": "email"});
    app.post("/api/v1/people/import", Some(token), json!({"csv": csv, "mapping": mapping, "remember": true}))
        .await
        .ok(200);
    app.post("/api/v1/email/suppressions", Some(token), json!({"email": "gone@example.test", "category": "all"}))
        .await
        .ok(204);
    let template = json!({"subject": "Join us", "html": "<p>{{ link }}</p>", "text": "{{ link }}"});
    app.request(reqwest::Method::PUT, "/api/v1/email/templates/invitation/en", Some(token), Some(template))
        .await
        .ok(204);
    let campaign = app
        .post(
            &format!("/api/v1/programs/{}/campaigns", tenant.program_id),
            Some(token),
            json!({"name": "Invite only", "kind": "closed"}),
        )
        .await;
    let campaign_id = campaign.ok(201)["id"].as_str().unwrap().to_owned();
    let invite = json!({"person_ids": [tenant.person_id], "eligible_only": false});
    app.post(&format!("/api/v1/campaigns/{campaign_id}/invitees"), Some(token), invite).await.ok(200);
    // A job waiting in the outbox, as with Redis away (this app's queue is the database).
    let store = app.store().await.with_job_outbox();
    let tx = store.tenant(tenant.owner.tenant_id.parse().unwrap()).await.unwrap();
    let task = tandem_jobs::Task::Noop(tandem_domain::jobs::Noop::default());
    tx.enqueue(tandem_jobs::NewJob::new(tx.tenant_id(), &task, "waiting", chrono::Utc::now())).await.unwrap();
    // A form for an address outside the directory, counted (as the public application job does).
    let refused = [tandem_domain::eligibility::RefusalKind::NotInDirectory];
    tx.count_refusal(campaign_id.parse().unwrap(), &refused).await.unwrap();
    // A finished run with a proposal, as the matching job writes it.
    let program = tenant.program_id.parse().unwrap();
    let run = tx.create_matching_run(program, tandem_domain::matching::run::Mode::MostPairs, &json!({})).await.unwrap();
    let extra = tx.person_by_external_id("X1").await.unwrap().id;
    let proposal = tandem_store::NewProposal {
        mentor: tenant.person_id.parse().unwrap(),
        mentee: extra,
        score: 1.0,
        parts: json!([]),
        locked: false,
    };
    let result = tandem_store::RunResult {
        total: 1.0,
        unmatched: 0,
        proven_optimal: true,
        blocking_pairs: 0,
        result: json!({}),
        proposals: vec![proposal],
    };
    assert!(tx.finish_run(run.id, result).await.unwrap());
    let proposals = tx.all_proposals(run.id).await.unwrap();
    let pair = tx.create_pairs(program, run.id, &proposals).await.unwrap().remove(0);
    // What a launched pair records, as the portal and the launch routes write it.
    let person = pair.mentor;
    let in_an_hour = chrono::Utc::now() + chrono::Duration::hours(1);
    tx.create_participant_link(tandem_domain::ParticipantLinkId::new(), person, "link".into(), in_an_hour)
        .await
        .unwrap();
    tx.start_participant_session(person, "session".into(), in_an_hour).await.unwrap();
    let kickoff = tandem_store::NewKickoff {
        starts_at: in_an_hour,
        ends_at: in_an_hour + chrono::Duration::hours(1),
        time_zone: "UTC".into(),
        place: None,
        video_link: None,
        agenda: None,
    };
    tx.set_kickoff(program, kickoff).await.unwrap();
    tx.complete_training(program, person, 0).await.unwrap();
    let session = tandem_store::NewPairSession {
        pair: pair.id,
        held_at: chrono::Utc::now(),
        minutes: 30,
        format: tandem_domain::tracking::SessionFormat::Video,
        topics: vec!["Excel".into()],
        planned: false,
        logged_by: person,
        took_part: vec![person],
    };
    tx.insert_pair_session(session).await.unwrap();
    let learning = tandem_store::NewLearningEntry {
        pair: pair.id,
        session: None,
        author: person,
        direction: tandem_domain::tracking::LearningDirection::Learned,
        topics: vec!["Excel".into()],
        note: None,
    };
    tx.insert_learning_entry(learning).await.unwrap();
    tx.insert_goal(pair.id, "A goal".into(), None).await.unwrap();
    tx.insert_private_note(pair.id, person, "k1", "sealed".into()).await.unwrap();
    tx.write_story(pair.id, person, "A story".into(), "What we did".into()).await.unwrap();
    // Feedback: a check-in, a survey with one invitee and one response, a template, a value.
    let today = chrono::Utc::now().date_naive();
    let check_in = tandem_store::NewCheckIn {
        id: tandem_domain::CheckInId::new(),
        program,
        pair: pair.id,
        person,
        period: today,
        period_end: today,
        token_hash: "check-in".into(),
    };
    assert!(tx.insert_check_in(check_in).await.unwrap());
    let questions = tandem_domain::feedback::template(
        tandem_domain::feedback::SurveyKind::Custom,
        tandem_domain::programs::ParticipantRole::Either,
    );
    let draft = tandem_store::SurveyDraft {
        kind: tandem_domain::feedback::SurveyKind::Custom,
        audience: tandem_domain::programs::ParticipantRole::Either,
        title: "Survey".into(),
        questions: questions.clone(),
        anonymous: true,
        closes_on: None,
    };
    let survey = tx.insert_survey(program, draft).await.unwrap();
    let either = tandem_domain::programs::ParticipantRole::Either;
    let invitee = tandem_domain::SurveyInviteeId::new();
    assert!(tx.insert_survey_invitee(invitee, survey.id, person, either, "survey".into()).await.unwrap());
    let answers = std::collections::BTreeMap::from([("going".to_owned(), json!(4))]);
    tx.insert_survey_response(survey.id, either, None, &answers).await.unwrap();
    tx.put_survey_template(tandem_domain::feedback::SurveyKind::Custom, either, &questions).await.unwrap();
    tx.insert_metric_reading(program, "Promotions", 3.0, today).await.unwrap();
    // Nudges: a rule's setting and a nudge decided.
    let rule = tandem_domain::nudges::NudgeRule::NoSession;
    tx.put_nudge_settings(program, false, &[tandem_domain::nudges::NudgeSetting { rule, enabled: true, days: 14 }])
        .await
        .unwrap();
    let nudge = tandem_store::NewNudge {
        program,
        person,
        rule,
        period: "a period".into(),
        state: tandem_domain::nudges::NudgeState::Queued,
        reason: None,
    };
    assert!(tx.insert_nudge(nudge).await.unwrap().is_some());
    tx.commit().await.unwrap();
}

async fn count_as_app(tx: &DatabaseTransaction, table: &str) -> i64 {
    let row = tx
        .query_one_raw(Statement::from_string(tx.get_database_backend(), format!("SELECT COUNT(*) AS n FROM {table}")))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_without_the_tenant_setting_sees_no_rows() {
    let Some(app) = postgres().await else { return };
    let alpha = populate(&app, "alpha").await;
    let beta = populate(&app, "beta").await;
    fill_the_rest(&app, &alpha).await;
    fill_the_rest(&app, &beta).await;
    let db = app.database().await;
    let backend = db.get_database_backend();
    let tables = tenant_tables(&db).await;
    let tenant_column = |table: &str| if table == "tenants" { "id" } else { "tenant_id" };

    // Every tenant table holds rows of both tenants, so what follows proves something.
    for table in &tables {
        for tenant in [&alpha, &beta] {
            let row = db
                .query_one_raw(Statement::from_string(
                    backend,
                    format!(
                        "SELECT COUNT(*) AS n FROM {table} WHERE {} = '{}'",
                        tenant_column(table),
                        tenant.owner.tenant_id
                    ),
                ))
                .await
                .unwrap()
                .unwrap();
            assert!(row.try_get::<i64>("", "n").unwrap() > 0, "{table} has rows of {}", tenant.owner.tenant_id);
        }
    }

    let tx = db.begin().await.unwrap();
    tx.execute_unprepared("SET LOCAL ROLE tandem_app").await.unwrap();
    for table in &tables {
        assert_eq!(count_as_app(&tx, table).await, 0, "{table} is visible without a tenant");
    }
    tx.rollback().await.unwrap();

    let tx = db.begin().await.unwrap();
    tx.execute_unprepared("SET LOCAL ROLE tandem_app").await.unwrap();
    tx.execute_unprepared(&format!("SELECT set_config('tandem.tenant_id', '{}', true)", alpha.owner.tenant_id))
        .await
        .unwrap();
    for table in &tables {
        let foreign =
            count_as_app(&tx, &format!("{table} WHERE {} <> '{}'", tenant_column(table), alpha.owner.tenant_id)).await;
        assert_eq!(foreign, 0, "{table}: beta's rows are invisible to alpha");
        assert!(count_as_app(&tx, table).await > 0, "{table}: alpha sees its own rows");
    }
    let write = tx
        .execute_unprepared(&format!(
            "INSERT INTO audit_events (tenant_id, id, actor_kind, action, target_kind, details, created_at)
             VALUES ('{}', gen_random_uuid(), 'system', 'forged', 'tenant', '{{}}', now())",
            beta.owner.tenant_id
        ))
        .await;
    assert!(write.is_err(), "a write into another tenant is refused");
    tx.rollback().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_worker_cannot_move_a_job_to_another_tenant() {
    let Some(app) = postgres().await else { return };
    let alpha = app.signup("alpha", "owner@alpha.example").await;
    let beta = app.signup("beta", "owner@beta.example").await;
    let job = app.enqueue(&alpha.tenant_id, "no_such_kind", json!({}), "stay-home").await;
    let db = app.database().await;
    let tx = db.begin().await.unwrap();
    tx.execute_unprepared("SET LOCAL ROLE tandem_app").await.unwrap();
    tx.execute_unprepared("SELECT set_config('tandem.queue', 'worker', true)").await.unwrap();
    let moved =
        tx.execute_unprepared(&format!("UPDATE jobs SET tenant_id = '{}' WHERE id = '{job}'", beta.tenant_id)).await;
    assert!(moved.is_err(), "the worker's reach across tenants does not let it move a job");
    tx.rollback().await.unwrap();
}

/// The production set-up of docs/operations.md: migrations as the owner, the application
/// logged in as a role that is only a member of `tandem_app`, with `migrate_on_start` off.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_runs_as_a_login_role_that_cannot_bypass_row_level_security() {
    // The owner's app only migrated; the restricted one does all the work, its worker too.
    let Some(owner) = TestApp::spawn_with(Backend::Postgres, |c, _| c.worker_concurrency = 0).await else { return };
    let role = format!("tandem_login_{}", uuid::Uuid::new_v4().simple());
    let db = owner.database().await;
    db.execute_unprepared(&format!("CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS IN ROLE tandem_app"))
        .await
        .unwrap();
    let mut config = owner.config.clone();
    let url = config.database_url.expose().replacen("postgres://postgres@", &format!("postgres://{role}@"), 1);
    assert!(url.contains(&role), "the test database URL names its user: {url}");
    config.database_url = Secret::new(url);
    config.migrate_on_start = false;
    config.worker_concurrency = 2;
    config.data_dir = owner.temp_dir().join("restricted");
    let app = Application::build(&config, Role::All).await.expect("the app starts as the restricted role");
    let base = format!("http://127.0.0.1:{}", app.port().unwrap());
    let shutdown = app.shutdown_token();
    tokio::spawn(app.run_until_stopped());

    let client = reqwest::Client::new();
    let post = |path: &str, token: Option<&str>, body: serde_json::Value| {
        let mut request = client.post(format!("{base}{path}")).json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        async move { TestApp::read(request.send().await.unwrap()).await }
    };
    let signup = json!({"company_name": "Sakura", "owner_name": "Aiko Tanaka", "email": "aiko@sakura.example",
        "password": tandem_tests::PASSWORD});
    post("/api/v1/auth/signup", None, signup).await.ok(202);
    // The restricted role's worker sends the link, from the product's own tenant.
    let link = owner.link_token_in_email("aiko@sakura.example", 1, "/signup/verify?token=").await;
    let session = post("/api/v1/auth/signup/verify", None, json!({ "token": link })).await;
    let token = session.ok(201)["access_token"].as_str().unwrap().to_owned();
    let person = json!({"external_id": "E1", "name": "Kenji Sato", "email": "kenji@sakura.example"});
    post("/api/v1/people", Some(&token), person).await.ok(201);
    let invite = json!({"email": "ren@sakura.example", "role": "viewer"});
    post("/api/v1/team/invitations", Some(&token), invite).await.ok(201);
    let wrong = json!({"email": "aiko@sakura.example", "password": "not the password"});
    post("/api/v1/auth/login", None, wrong).await.problem(401);
    let right = json!({"email": "aiko@sakura.example", "password": tandem_tests::PASSWORD});
    post("/api/v1/auth/login", None, right).await.ok(200);
    owner.wait_for_emails_to("ren@sakura.example", 1).await;

    // The role itself sees no tenant's rows, whatever it asks.
    let tx = db.begin().await.unwrap();
    tx.execute_unprepared(&format!("SET LOCAL ROLE {role}")).await.unwrap();
    assert_eq!(count_as_app(&tx, "people").await, 0);
    tx.rollback().await.unwrap();
    shutdown.cancel();
    db.execute_unprepared(&format!("DROP ROLE IF EXISTS {role}")).await.ok();
}

/// A request that only reads opens a read-only transaction: a write slipped into a read route
/// fails instead of happening.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_of_work_that_reads_cannot_write() {
    let Some(app) = postgres().await else { return };
    let owner = app.signup("Sakura", "owner@sakura.example").await;
    let store = app.store().await;
    let reader = store.tenant_read(owner.tenant_id.parse().unwrap()).await.unwrap();
    assert!(reader.tenant().await.is_ok(), "it reads its tenant");
    let refused = reader.set_sensitive_attributes(true).await.expect_err("a write in a read");
    assert!(refused.to_string().contains("read-only transaction"), "{refused}");
}
