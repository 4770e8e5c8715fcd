//! Work is queued inside the transaction that records it: with Redis away the API still
//! accepts work (its jobs wait in the outbox) and nothing is lost once Redis is back; on the
//! SQL queue a job that cannot be written rolls back the change that asked for it.

use reqwest::Method;
use sea_orm::{ConnectionTrait, DbBackend};
use serde_json::{Value, json};
use tandem_server::config::Secret;
use tandem_server::startup::{Application, Role};
use tandem_tests::services::OwnRedis;
use tandem_tests::{Company, TestApp, on_both_databases};

use crate::recruitment::{message, recruiting_program};

on_both_databases!(
    a_campaign_opens_while_redis_is_away_and_its_emails_go_out_once_it_is_back,
    the_api_starts_and_serves_while_redis_is_away,
    a_job_that_cannot_be_queued_rolls_the_transition_back,
    a_job_that_cannot_reach_the_outbox_rolls_the_transition_back,
);

const INVITEES: usize = 40;

/// `INVITEES` people in the directory, all invited to a closed campaign (in draft) of a
/// recruiting program. Returns the campaign's id.
async fn closed_campaign_for_everyone(app: &TestApp, owner: &Company) -> String {
    let token = Some(owner.access_token.as_str());
    let people: Vec<Value> = (0..INVITEES)
        .map(|n| json!({"external_id": format!("E{n}"), "name": format!("Person {n}"), "email": format!("p{n}@sakura.example"), "job_level": 2}))
        .collect();
    app.post("/api/v1/people/bulk", token, json!({ "people": people })).await.ok(200);
    let program = recruiting_program(app, owner).await;
    let created = app
        .post(
            &format!("/api/v1/programs/{program}/campaigns"),
            token,
            json!({"name": "Invite only", "kind": "closed", "messages": message()}),
        )
        .await;
    let id = created.ok(201)["id"].as_str().unwrap().to_owned();
    let invited = app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({"filter": {}})).await;
    assert_eq!(invited.ok(200)["invitees"], INVITEES);
    id
}

async fn readiness(address: &str) -> (u16, Value) {
    let response = reqwest::get(format!("{address}/readyz")).await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

async fn a_campaign_opens_while_redis_is_away_and_its_emails_go_out_once_it_is_back(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let redis_dir = tempfile::tempdir().unwrap();
    let mut redis = OwnRedis::not_started(redis_dir.path());
    let url = redis.url();
    let app = TestApp::spawn_with(backend, |c, _| c.redis_url = Some(Secret::new(url))).await.unwrap();
    let owner = app.seed_company("Sakura", "aiko@sakura.example").await;
    let campaign = closed_campaign_for_everyone(&app, &owner).await;

    let opened = app
        .post(&format!("/api/v1/campaigns/{campaign}/transitions"), Some(&owner.access_token), json!({"to": "open"}))
        .await;
    assert_eq!(opened.ok(200)["state"], "open", "the campaign opens with its queue away");
    let (status, ready) = readiness(&app.address).await;
    assert_eq!(
        (status, &ready["status"], &ready["queue"]),
        (200, &json!("degraded"), &json!("unavailable")),
        "{ready}"
    );
    assert!(ready["outbox"].as_u64().is_some_and(|n| n >= 1), "the message job waits in the outbox: {ready}");
    assert!(app.emails_to("p0@sakura.example").is_empty());

    redis.launch().await;
    for n in 0..INVITEES {
        app.wait_for_emails_to(&format!("p{n}@sakura.example"), 1).await;
    }
    app.queue_idle(&owner.access_token).await;
    app.eventually("the outbox to empty", || async { readiness(&app.address).await.1["outbox"] == 0 }).await;
    for n in 0..INVITEES {
        assert_eq!(app.emails_to(&format!("p{n}@sakura.example")).len(), 1, "each invitee gets the message once");
    }
    let (status, ready) = readiness(&app.address).await;
    assert_eq!((status, &ready["status"]), (200, &json!("ok")), "{ready}");
}

async fn the_api_starts_and_serves_while_redis_is_away(app: TestApp) {
    let redis_dir = tempfile::tempdir().unwrap();
    let mut redis = OwnRedis::not_started(redis_dir.path());
    let mut config = app.config.clone();
    config.redis_url = Some(Secret::new(redis.url()));
    let api = Application::build(&config, Role::Api).await.expect("`tandem api` starts without Redis");
    let address = format!("http://127.0.0.1:{}", api.port().unwrap());
    let stop = api.shutdown_token();
    let server = tokio::spawn(api.run_until_stopped());

    let (status, ready) = readiness(&address).await;
    assert_eq!(status, 200, "{ready}");
    assert_eq!(ready, json!({"status": "degraded", "database": "ok", "queue": "unavailable", "outbox": 0}));
    let signup = app
        .client
        .post(format!("{address}/api/v1/auth/signup"))
        .json(&json!({"company_name": "Sakura", "owner_name": "Aiko", "email": "aiko@sakura.example", "password": tandem_tests::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(signup.status().as_u16(), 202, "it serves, and accepts work that queues a job");
    assert_eq!(readiness(&address).await.1["outbox"], 1, "the sign-up's job waits in the outbox");

    redis.launch().await;
    app.eventually("the API's relay to move the job", || async { readiness(&address).await.1["outbox"] == 0 }).await;
    assert_eq!(readiness(&address).await.1["status"], "ok");
    stop.cancel();
    server.abort();
}

/// Makes every insert into `table` fail, as a full disk or a lost connection would.
async fn refuse_inserts(app: &TestApp, table: &str) {
    let db = app.database().await;
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => format!(
            "CREATE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RAISE EXCEPTION 'injected: no room for the job'; END $$;
             CREATE TRIGGER refuse_insert BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_insert();"
        ),
        _ => format!(
            "CREATE TRIGGER refuse_insert BEFORE INSERT ON {table}
             BEGIN SELECT RAISE(ABORT, 'injected: no room for the job'); END;"
        ),
    };
    db.execute_unprepared(&sql).await.unwrap();
}

async fn allow_inserts(app: &TestApp) {
    let db = app.database().await;
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => "DROP FUNCTION refuse_insert() CASCADE",
        _ => "DROP TRIGGER refuse_insert",
    };
    db.execute_unprepared(sql).await.unwrap();
}

/// Opening fails as a whole while its job cannot be written, and succeeds once it can.
async fn opening_is_all_or_nothing(app: &TestApp, table: &str) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let campaign = closed_campaign_for_everyone(app, &owner).await;
    let audit_before = app.count("audit_events").await;
    refuse_inserts(app, table).await;

    let refused = app.post(&format!("/api/v1/campaigns/{campaign}/transitions"), token, json!({"to": "open"})).await;
    assert_eq!(refused.problem(500), "/problems/internal");
    let after = app.get(&format!("/api/v1/campaigns/{campaign}"), &owner.access_token).await;
    assert_eq!(after.ok(200)["state"], "draft", "the transition is rolled back with its job");
    assert_eq!(app.count("audit_events").await, audit_before, "and so is its audit entry");

    allow_inserts(app).await;
    let opened = app.post(&format!("/api/v1/campaigns/{campaign}/transitions"), token, json!({"to": "open"})).await;
    assert_eq!(opened.ok(200)["state"], "open", "trying again works: the campaign was not left open");
    for n in 0..INVITEES {
        app.wait_for_emails_to(&format!("p{n}@sakura.example"), 1).await;
    }
    app.queue_idle(&owner.access_token).await;
    assert_eq!(app.emails_to("p0@sakura.example").len(), 1);
}

async fn a_job_that_cannot_be_queued_rolls_the_transition_back(app: TestApp) {
    opening_is_all_or_nothing(&app, "jobs").await;
}

async fn a_job_that_cannot_reach_the_outbox_rolls_the_transition_back(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let redis_dir = tempfile::tempdir().unwrap();
    let redis = OwnRedis::start(redis_dir.path()).await;
    let url = redis.url();
    let app = TestApp::spawn_with(backend, |c, _| c.redis_url = Some(Secret::new(url))).await.unwrap();
    opening_is_all_or_nothing(&app, "job_outbox").await;
    let owner = app.login("aiko@sakura.example").await;
    let depth = app.request(Method::GET, "/api/v1/jobs/depth", Some(&owner.access_token), None).await;
    assert_eq!(depth.ok(200)["dead"], 0, "nothing was half-queued");
}
