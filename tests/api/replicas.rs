//! Replicas on one machine, as deploy/README.md draws them: two `tandem api` processes and two
//! `tandem worker` processes on one PostgreSQL and one Redis. A campaign sent through one API
//! goes out once per person, the other API sees the same state, and one scheduler runs at a
//! time: when its process dies, the other worker takes over once the lock has expired.

use std::process::Child;

use reqwest::Method;
use serde_json::{Value, json};
use tandem_server::config::Secret;
use tandem_server::startup::Role;
use tandem_tests::services::{SmtpBehaviour, SmtpSink, shared_redis};
use tandem_tests::{Backend, Company, Reply, TestApp};

use crate::recruitment::{message, recruiting_program};
use crate::workers::tandem_command;

/// How long the scheduler's lock outlives its holder here (15 s by default).
const LOCK_SECS: u64 = 4;
const JUNIORS: usize = 30;

/// A `tandem` process of the test's own, killed when dropped.
struct Replica {
    child: Child,
    port: u16,
}

impl Replica {
    fn start(app: &TestApp, role: &str, n: usize) -> Self {
        let (mut command, port) = tandem_command(app, role);
        command
            .env("TANDEM_DATA_DIR", app.temp_dir().join(format!("{role}-{n}")))
            .env("TANDEM_CONSOLE_DIR", app.temp_dir().join("no-console"))
            .env("TANDEM_WORKER_CONCURRENCY", "4")
            .env("TANDEM_SCHEDULER_LOCK_SECS", LOCK_SECS.to_string());
        Self { child: command.spawn().expect("the replica starts"), port }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    async fn call(&self, app: &TestApp, method: Method, path: &str, owner: &Company, body: Option<Value>) -> Reply {
        let mut request = app.client.request(method, self.url(path)).bearer_auth(&owner.access_token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        TestApp::read(request.send().await.expect("the replica answers")).await
    }

    async fn get(&self, app: &TestApp, path: &str, owner: &Company) -> Reply {
        self.call(app, Method::GET, path, owner, None).await
    }

    async fn post(&self, app: &TestApp, path: &str, owner: &Company, body: Value) -> Reply {
        self.call(app, Method::POST, path, owner, Some(body)).await
    }

    async fn ready(&self, app: &TestApp) -> bool {
        let answer = app.client.get(self.url("/readyz")).send().await;
        answer.is_ok_and(|r| r.status() == 200)
    }

    /// This process's `tandem_scheduler_leading` gauge; `None` before it has run the
    /// scheduler once or when it does not answer.
    async fn leading(&self, app: &TestApp) -> Option<bool> {
        let metrics = app.client.get(self.url("/metrics")).send().await.ok()?.text().await.ok()?;
        let line = metrics.lines().find(|l| l.starts_with("tandem_scheduler_leading "))?;
        Some(line.rsplit(' ').next()? == "1")
    }

    fn kill(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().ok();
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// Who holds the scheduler's lock in Redis (its value is `<pid>-<uuid>`), and for how many more
/// milliseconds it lives without renewal.
async fn lock_in_redis(url: &str, prefix: &str) -> (Option<String>, i64) {
    let client = redis::Client::open(url).unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let key = format!("{prefix}:lock:scheduler");
    let holder: Option<String> = redis::cmd("GET").arg(&key).query_async(&mut conn).await.unwrap();
    let ttl: i64 = redis::cmd("PTTL").arg(&key).query_async(&mut conn).await.unwrap();
    (holder, ttl)
}

fn held_by(holder: &Option<String>, replica: &Replica) -> bool {
    holder.as_deref().is_some_and(|h| h.starts_with(&format!("{}-", replica.child.id())))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_apis_and_two_workers_share_one_database_and_one_redis() {
    let Some(redis_url) = shared_redis().await else { return };
    let dir = tempfile::tempdir().unwrap();
    let sink = SmtpSink::start(dir.path(), SmtpBehaviour::default());
    let smtp = sink.url();
    let prefix = format!("tandem-test-{}", uuid::Uuid::new_v4().simple());
    // This process only prepares the database: it runs no worker and no scheduler.
    let Some(app) = TestApp::spawn_as(Backend::Postgres, Role::Api, |c, _| {
        c.redis_url = Some(Secret::new(redis_url.clone()));
        c.redis_prefix = prefix.clone();
        c.smtp_url = Some(Secret::new(smtp));
    })
    .await
    else {
        return;
    };
    let owner = app.seed_company("Sakura", "aiko@sakura.example").await;
    let apis = [Replica::start(&app, "api", 1), Replica::start(&app, "api", 2)];
    let mut workers = [Replica::start(&app, "worker", 1), Replica::start(&app, "worker", 2)];
    for replica in apis.iter().chain(&workers) {
        app.eventually("every replica to be ready", || replica.ready(&app)).await;
    }

    // A closed campaign to thirty juniors, sent through the first API.
    let (first, second) = (&apis[0], &apis[1]);
    let people: Vec<Value> = (0..JUNIORS)
        .map(|n| {
            json!({"external_id": format!("J{n}"), "name": format!("Junior {n}"),
                        "email": format!("junior{n}@sakura.example"), "job_level": 2, "department": "Sales"})
        })
        .collect();
    first.post(&app, "/api/v1/people/bulk", &owner, json!({"people": people})).await.ok(200);
    let program = recruiting_program(&app, &owner).await;
    let created = first
        .post(
            &app,
            &format!("/api/v1/programs/{program}/campaigns"),
            &owner,
            json!({"name": "Sales juniors", "kind": "closed", "messages": message()}),
        )
        .await;
    let campaign = created.ok(201)["id"].as_str().unwrap().to_owned();
    let invitees = format!("/api/v1/campaigns/{campaign}/invitees");
    let added = first.post(&app, &invitees, &owner, json!({"filter": {"department": "Sales"}})).await;
    assert_eq!(added.ok(200)["added"], JUNIORS);
    let transitions = format!("/api/v1/campaigns/{campaign}/transitions");
    first.post(&app, &transitions, &owner, json!({"to": "open"})).await.ok(200);

    // Both workers send; each person gets one email.
    app.eventually("every invitation to reach the SMTP server", || async { sink.received().len() >= JUNIORS }).await;
    let idle = json!({"queued": 0, "running": 0, "retrying": 0, "dead": 0});
    app.eventually("the queue to be empty", || async {
        second.get(&app, "/api/v1/jobs/depth", &owner).await.body == idle
    })
    .await;
    let received = sink.received();
    for n in 0..JUNIORS {
        let address = format!("junior{n}@sakura.example");
        assert_eq!(received.iter().filter(|m| m.to == address).count(), 1, "{address}: one email");
    }
    assert_eq!(received.len(), JUNIORS, "no other email");

    // Either API answers with the same state: the campaign's funnel and its deliveries.
    let funnel = format!("/api/v1/campaigns/{campaign}/funnel");
    let (a, b) = (first.get(&app, &funnel, &owner).await, second.get(&app, &funnel, &owner).await);
    assert_eq!(a.ok(200), b.ok(200), "both replicas read one database");
    let deliveries = "/api/v1/email/deliveries?limit=100";
    let (a, b) = (first.get(&app, deliveries, &owner).await, second.get(&app, deliveries, &owner).await);
    let items = a.ok(200)["items"].as_array().unwrap();
    assert_eq!(items.len(), JUNIORS);
    assert!(items.iter().all(|d| d["state"] == "sent"), "{items:?}");
    assert_eq!(a.body, *b.ok(200));

    // One scheduler: exactly one worker leads, and it is the one the lock names.
    app.eventually("a worker to lead the scheduler", || async {
        let leading = [workers[0].leading(&app).await, workers[1].leading(&app).await];
        leading.contains(&Some(true)) && leading.iter().all(Option::is_some)
    })
    .await;
    for _ in 0..10 {
        let leading = [workers[0].leading(&app).await, workers[1].leading(&app).await];
        assert_eq!(leading.iter().filter(|l| **l == Some(true)).count(), 1, "one leader at a time: {leading:?}");
        tokio::time::sleep(tandem_tests::POLL).await;
    }
    let leader = if workers[0].leading(&app).await == Some(true) { 0 } else { 1 };
    let survivor = 1 - leader;
    let (holder, _) = lock_in_redis(&redis_url, &prefix).await;
    assert!(held_by(&holder, &workers[leader]), "the lock names the leader: {holder:?}");

    // Killed, the leader cannot release its lock: it expires within its period, and then the
    // other worker takes it.
    workers[leader].kill();
    let (holder, ttl) = lock_in_redis(&redis_url, &prefix).await;
    if held_by(&holder, &workers[leader]) {
        assert!(
            ttl > 0 && ttl <= (LOCK_SECS * 1000) as i64,
            "the dead leader's lock expires within {LOCK_SECS} s: {ttl} ms"
        );
    }
    app.eventually("the other worker to take over the scheduler", || async {
        workers[survivor].leading(&app).await == Some(true)
    })
    .await;
    let (holder, _) = lock_in_redis(&redis_url, &prefix).await;
    assert!(held_by(&holder, &workers[survivor]), "the lock names the new leader: {holder:?}");

    // The survivor also takes the jobs: team invitations made through the second API go out
    // once each.
    let colleagues: Vec<String> = (0..3).map(|n| format!("colleague{n}@sakura.example")).collect();
    for email in &colleagues {
        let invited =
            second.post(&app, "/api/v1/team/invitations", &owner, json!({"email": email, "role": "viewer"})).await;
        invited.ok(201);
    }
    app.eventually("every team invitation to reach the SMTP server", || async {
        sink.received().len() >= JUNIORS + colleagues.len()
    })
    .await;
    app.eventually("the queue to be empty again", || async {
        first.get(&app, "/api/v1/jobs/depth", &owner).await.body == idle
    })
    .await;
    let received = sink.received();
    for email in &colleagues {
        assert_eq!(received.iter().filter(|m| &m.to == email).count(), 1, "{email}: one invitation");
    }
    assert_eq!(received.len(), JUNIORS + colleagues.len());
}
