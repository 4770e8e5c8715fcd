//! Workers as separate processes: killed mid-job, Redis restarted under them, and many
//! schedulers with only one active.

use std::collections::BTreeSet;
use std::process::{Child, Command};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use tandem_jobs::{DbLock, NewJob, PeriodicTask, Queue, RedisLock, RedisQueue, Scheduler};
use tandem_server::config::Secret;
use tandem_tests::services::{OwnRedis, shared_redis};
use tandem_tests::{Backend, Company, TestApp};
use tokio_util::sync::CancellationToken;

pub(crate) fn tandem_binary() -> std::path::PathBuf {
    // target/debug/deps/api-… → target/debug/tandem
    let exe = std::env::current_exe().expect("test executable");
    let path = exe.parent().and_then(|deps| deps.parent()).expect("target dir").join("tandem");
    assert!(path.exists(), "{} is built by `cargo test --workspace`", path.display());
    path
}

/// A worker process, and the port of its `/healthz` and `/metrics`.
fn start_worker(app: &TestApp) -> (Child, u16) {
    let (mut command, port) = worker_command(app);
    (command.spawn().expect("the worker starts"), port)
}

fn worker_command(app: &TestApp) -> (Command, u16) {
    tandem_command(app, "worker")
}

/// `tandem <role>` on the app's database and queue, on a port of its own.
pub(crate) fn tandem_command(app: &TestApp, role: &str) -> (Command, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut command = Command::new(tandem_binary());
    command
        .arg(role)
        .env("TANDEM_PORT", port.to_string())
        .env("TANDEM_DATABASE_URL", app.config.database_url.expose())
        .env("TANDEM_JWT_SECRET", app.config.jwt_secret.as_ref().unwrap().expose())
        .env("TANDEM_DATA_DIR", app.temp_dir().join("worker"))
        .env("TANDEM_OUTBOX_DIR", &app.config.outbox_dir)
        .env("TANDEM_WORKER_POLL_MS", "50")
        // Short, so a killed worker's job comes back soon; long enough that a 1.5 s job ends
        // well inside its 90% timeout on a loaded machine.
        .env("TANDEM_WORKER_LEASE_SECS", "4")
        .env("TANDEM_WORKER_CONCURRENCY", "1")
        .env("TANDEM_REDIS_PREFIX", &app.config.redis_prefix)
        .env("TANDEM_QUIET_HOURS_START", &app.config.quiet_hours_start)
        .env("TANDEM_QUIET_HOURS_END", &app.config.quiet_hours_end)
        .env("TANDEM_LOG_LEVEL", "warn")
        .env_remove("TANDEM_REDIS_URL")
        .env_remove("REDIS_URL")
        .env_remove("DATABASE_URL")
        .env_remove("TANDEM_SMTP_URL")
        .env_remove("SMTP_URL");
    if let Some(url) = &app.config.redis_url {
        command.env("TANDEM_REDIS_URL", url.expose());
    }
    if let Some(url) = &app.config.smtp_url {
        command.env("TANDEM_SMTP_URL", url.expose());
    }
    (command, port)
}

fn enqueue_noop(app: &TestApp, owner: &Company, marker: &str, sleep_ms: u64) -> impl Future<Output = ()> {
    let job = NewJob {
        tenant: owner.tenant_id.parse().unwrap(),
        kind: "noop".into(),
        payload: json!({"sleep_ms": sleep_ms, "marker": marker}),
        idempotency_key: marker.into(),
        run_at: chrono::Utc::now(),
        max_attempts: 5,
    };
    let redis = app.config.redis_url.as_ref().map(|url| (url.expose().to_owned(), app.config.redis_prefix.clone()));
    let store = app.store();
    async move {
        match redis {
            Some((url, prefix)) => {
                RedisQueue::new(&url, &prefix).unwrap().enqueue(job).await.unwrap();
            }
            None => {
                tandem_jobs::SqlQueue::new(store.await).enqueue(job).await.unwrap();
            }
        }
    }
}

async fn noop_marks(app: &TestApp, owner: &Company, marker: &str) -> Vec<serde_json::Value> {
    let log = app.get("/api/v1/audit-events?limit=100", &owner.access_token).await;
    log.ok(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "job.noop" && e["details"]["marker"] == marker)
        .cloned()
        .collect()
}

async fn killed_worker_scenario(app: TestApp) {
    let owner = app.seed_company("Acme", "ann@acme.example").await;
    enqueue_noop(&app, &owner, "crash-test", 1500).await;
    let (mut first, _) = start_worker(&app);
    app.eventually("the first worker to take the job", || async {
        app.get("/api/v1/jobs/depth", &owner.access_token).await.body["running"] == 1
    })
    .await;
    first.kill().expect("SIGKILL");
    first.wait().ok();
    assert!(noop_marks(&app, &owner, "crash-test").await.is_empty(), "killed before it finished");

    let (mut second, port) = start_worker(&app);
    app.eventually("the job to complete on the second worker", || async {
        !noop_marks(&app, &owner, "crash-test").await.is_empty()
    })
    .await;
    app.eventually("the queue to be empty", || async {
        app.get("/api/v1/jobs/depth", &owner.access_token).await.body
            == json!({"queued": 0, "running": 0, "retrying": 0, "dead": 0})
    })
    .await;
    let marks = noop_marks(&app, &owner, "crash-test").await;
    assert_eq!(marks.len(), 1, "completed exactly once: {marks:?}");
    assert_eq!(marks[0]["details"]["attempt"], 2, "the second attempt, after the lease ran out");

    // The worker process answers its probes and counts its jobs for Prometheus.
    let ops = |path: &str| app.client.get(format!("http://127.0.0.1:{port}{path}")).send();
    assert_eq!(ops("/healthz").await.unwrap().status(), 200);
    assert_eq!(ops("/readyz").await.unwrap().status(), 200);
    let metrics = ops("/metrics").await.unwrap().text().await.unwrap();
    assert!(
        metrics.lines().any(|l| l.starts_with("tandem_jobs_processed_total{") && l.contains("outcome=\"done\"")),
        "the worker's own job counters: {metrics}"
    );
    assert_eq!(ops("/api/v1/me").await.unwrap().status(), 404, "a worker serves no API");

    // SIGTERM while a job runs: the worker finishes it, then exits cleanly.
    enqueue_noop(&app, &owner, "graceful", 1000).await;
    app.eventually("the worker to take the job", || async {
        app.get("/api/v1/jobs/depth", &owner.access_token).await.body["running"] == 1
    })
    .await;
    Command::new("kill").arg("-TERM").arg(second.id().to_string()).status().expect("kill");
    let status = second.wait().expect("the worker exits");
    assert!(status.success(), "graceful shutdown exits cleanly: {status}");
    assert_eq!(noop_marks(&app, &owner, "graceful").await.len(), 1, "the job in hand was finished");
    assert_eq!(
        app.get("/api/v1/jobs/depth", &owner.access_token).await.body,
        json!({"queued": 0, "running": 0, "retrying": 0, "dead": 0}),
        "and acknowledged"
    );
}

/// An operator follows one tenant's failing job through the JSON logs: every line the
/// worker writes about it carries the job's span, with its tenant, id and kind.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_jobs_json_log_names_its_tenant_and_job() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c, _| c.worker_concurrency = 0).await.unwrap();
    let owner = app.seed_company("Acme", "ann@acme.example").await;
    let log_path = app.temp_dir().join("worker.log");
    let (mut command, _) = worker_command(&app);
    command.env("TANDEM_LOG_FORMAT", "json").stderr(std::fs::File::create(&log_path).unwrap());
    let mut worker = command.spawn().expect("the worker starts");
    // Written by a newer version, say: this build cannot read it and dead-letters it.
    let job = app.enqueue(&owner.tenant_id, "send_email.v9", json!({"delivery": "x"}), "from-the-future").await;
    app.eventually("the job to be dead-lettered", || async {
        app.get("/api/v1/jobs/depth", &owner.access_token).await.body["dead"] == 1
    })
    .await;
    let line = || {
        let log = std::fs::read_to_string(&log_path).unwrap();
        log.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .find(|l| l["message"] == "job dead-lettered")
    };
    app.eventually("the worker to log it", || async { line().is_some() }).await;
    worker.kill().ok();
    worker.wait().ok();
    let line = line().unwrap();
    assert_eq!(line["level"], "ERROR", "{line}");
    assert_eq!(line["span"]["tenant"], owner.tenant_id.as_str(), "{line}");
    assert_eq!(line["span"]["job_id"], job.as_str(), "{line}");
    assert_eq!(line["span"]["kind"], "send_email.v9", "{line}");
    assert!(line["error"].as_str().unwrap().contains("unknown to this version"), "{line}");
    let dead = app.get("/api/v1/jobs/dead", &owner.access_token).await;
    assert!(dead.ok(200)["items"][0]["last_error"].as_str().unwrap().contains("newer"), "{}", dead.body);
}

/// A request's JSON log lines carry its request id and, once it opened its tenant's data,
/// the tenant.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_requests_json_log_names_its_tenant_and_request_id() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c, _| c.worker_concurrency = 0).await.unwrap();
    let owner = app.seed_company("Acme", "ann@acme.example").await;
    let log_path = app.temp_dir().join("api.log");
    let (mut command, port) = tandem_command(&app, "api");
    command.env("TANDEM_LOG_FORMAT", "json").env("TANDEM_CONSOLE_DIR", app.temp_dir().join("no-console"));
    let mut api = command.stderr(std::fs::File::create(&log_path).unwrap()).spawn().expect("the API starts");
    let url = format!("http://127.0.0.1:{port}/api/v1/programs/{}", uuid::Uuid::now_v7());
    let mut answer = None;
    for _ in 0..200 {
        if let Ok(response) = app.client.get(&url).bearer_auth(&owner.access_token).send().await {
            answer = Some(response);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let answer = answer.expect("the API answers");
    assert_eq!(answer.status().as_u16(), 404);
    let request_id = answer.headers()["x-request-id"].to_str().unwrap().to_owned();
    let line = || {
        let log = std::fs::read_to_string(&log_path).unwrap();
        log.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .find(|l| l["level"] == "WARN" && l["span"]["request_id"] == request_id.as_str())
    };
    app.eventually("the API to log the refusal", || async { line().is_some() }).await;
    api.kill().ok();
    api.wait().ok();
    let line = line().unwrap();
    assert_eq!(line["span"]["tenant"], owner.tenant_id.as_str(), "{line}");
    assert_eq!(line["span"]["http.route"], "/api/v1/programs/{program_id}", "{line}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_job_loses_nothing_on_sqlite() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c, _| c.worker_concurrency = 0).await.unwrap();
    killed_worker_scenario(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_job_loses_nothing_on_postgres() {
    if let Some(app) = TestApp::spawn_with(Backend::Postgres, |c, _| c.worker_concurrency = 0).await {
        killed_worker_scenario(app).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_job_loses_nothing_on_redis() {
    let Some(url) = shared_redis().await else { return };
    let prefix = format!("tandem-test-{}", uuid::Uuid::new_v4().simple());
    let app = TestApp::spawn_with(Backend::Sqlite, |c, _| {
        c.worker_concurrency = 0;
        c.redis_url = Some(Secret::new(url));
        c.redis_prefix = prefix;
    })
    .await
    .unwrap();
    killed_worker_scenario(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_restarted_during_a_run_loses_no_job() {
    let redis_dir = tempfile::tempdir().unwrap();
    let mut redis = OwnRedis::start(redis_dir.path()).await;
    let url = redis.url();
    let app = TestApp::spawn_with(Backend::Sqlite, |c, _| c.redis_url = Some(Secret::new(url))).await.unwrap();
    let owner = app.signup("Acme", "ann@acme.example").await;
    let queue = RedisQueue::new(&redis.url(), "tandem").unwrap();
    let markers: Vec<String> = (0..30).map(|n| format!("job-{n}")).collect();
    for marker in &markers {
        queue
            .enqueue(NewJob {
                tenant: owner.tenant_id.parse().unwrap(),
                kind: "noop".into(),
                payload: json!({"sleep_ms": 100, "marker": marker}),
                idempotency_key: marker.clone(),
                run_at: chrono::Utc::now(),
                max_attempts: 20,
            })
            .await
            .unwrap();
    }
    let done = || async {
        let log = app.get("/api/v1/audit-events?limit=100", &owner.access_token).await;
        log.ok(200)["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "job.noop")
            .map(|e| e["details"]["marker"].as_str().unwrap().to_owned())
            .collect::<BTreeSet<_>>()
    };
    app.eventually("some jobs to finish", || async { done().await.len() >= 4 }).await;
    redis.crash_and_restart().await;
    app.eventually("every job to finish after the restart", || async { done().await.len() == markers.len() }).await;
    assert_eq!(done().await, markers.iter().cloned().collect::<BTreeSet<_>>(), "no job lost");
}

/// Three schedulers on one lock: only one runs the tasks; when it stops, another takes over.
async fn one_scheduler_runs(lock: Arc<dyn tandem_jobs::Lock>) {
    let runs = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut stops = Vec::new();
    let mut handles = Vec::new();
    for n in 0..3 {
        let holder = format!("scheduler-{n}");
        let record = (Arc::clone(&runs), holder.clone());
        let task = PeriodicTask::new("count", Duration::from_millis(10), move || {
            let (runs, holder) = record.clone();
            async move { runs.lock().unwrap().push(holder) }
        });
        let stop = CancellationToken::new();
        let scheduler = Scheduler::new(Arc::clone(&lock), holder, vec![task])
            .with_timing(Duration::from_millis(20), Duration::from_secs(5));
        handles.push(tokio::spawn(scheduler.run(stop.clone())));
        stops.push(stop);
    }
    let wait_for_runs = |n: usize| {
        let runs = Arc::clone(&runs);
        async move {
            for _ in 0..500 {
                if runs.lock().unwrap().len() >= n {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            panic!("the scheduler did not run {n} times");
        }
    };
    wait_for_runs(10).await;
    let leaders: BTreeSet<String> = runs.lock().unwrap().iter().cloned().collect();
    assert_eq!(leaders.len(), 1, "only one scheduler ran tasks: {leaders:?}");
    let leader = leaders.into_iter().next().unwrap();
    let index: usize = leader.trim_start_matches("scheduler-").parse().unwrap();
    stops[index].cancel();
    handles.remove(index).await.unwrap();
    let before = runs.lock().unwrap().len();
    wait_for_runs(before + 10).await;
    let after: BTreeSet<String> = runs.lock().unwrap()[before..].iter().cloned().collect();
    assert_eq!(after.len(), 1, "one successor: {after:?}");
    assert!(!after.contains(&leader));
    for stop in stops {
        stop.cancel();
    }
    for handle in handles {
        handle.await.unwrap();
    }
}

/// Two schedulers on one lock that lives 150 ms, with a task that takes 600 ms: the holder
/// renews the lock while the task runs, so the runs never overlap.
async fn a_long_task_keeps_the_lock(lock: Arc<dyn tandem_jobs::Lock>) {
    let runs = Arc::new(Mutex::new(Vec::<(String, std::time::Instant, std::time::Instant)>::new()));
    let mut stops = Vec::new();
    let mut handles = Vec::new();
    for n in 0..2 {
        let holder = format!("scheduler-{n}");
        let record = (Arc::clone(&runs), holder.clone());
        let task = PeriodicTask::new("long", Duration::from_millis(10), move || {
            let (runs, holder) = record.clone();
            async move {
                let started = std::time::Instant::now();
                tokio::time::sleep(Duration::from_millis(600)).await;
                runs.lock().unwrap().push((holder, started, std::time::Instant::now()));
            }
        });
        let stop = CancellationToken::new();
        let scheduler = Scheduler::new(Arc::clone(&lock), holder, vec![task])
            .with_timing(Duration::from_millis(30), Duration::from_millis(150));
        handles.push(tokio::spawn(scheduler.run(stop.clone())));
        stops.push(stop);
    }
    for _ in 0..500 {
        if runs.lock().unwrap().len() >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    for stop in &stops {
        stop.cancel();
    }
    for handle in handles {
        handle.await.unwrap();
    }
    let runs = runs.lock().unwrap().clone();
    assert!(runs.len() >= 3, "the task ran: {runs:?}");
    for (n, (holder, started, ended)) in runs.iter().enumerate() {
        for (other, other_started, other_ended) in &runs[n + 1..] {
            let apart = ended <= other_started || other_ended <= started;
            assert!(apart, "{holder} and {other} ran the task at the same time");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_task_keeps_the_lock_on_the_database() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c, _| c.worker_concurrency = 0).await.unwrap();
    a_long_task_keeps_the_lock(Arc::new(DbLock::named(app.store().await, "test"))).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_task_keeps_the_lock_on_redis() {
    let Some(url) = shared_redis().await else { return };
    let prefix = format!("tandem-test-{}", uuid::Uuid::new_v4().simple());
    a_long_task_keeps_the_lock(Arc::new(RedisLock::named(&url, &prefix, "test").unwrap())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_schedulers_on_the_database_run_tasks_once() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c, _| c.worker_concurrency = 0).await.unwrap();
    one_scheduler_runs(Arc::new(DbLock::named(app.store().await, "test"))).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_schedulers_on_postgres_run_tasks_once() {
    if let Some(app) = TestApp::spawn_with(Backend::Postgres, |c, _| c.worker_concurrency = 0).await {
        one_scheduler_runs(Arc::new(DbLock::named(app.store().await, "test"))).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_schedulers_on_redis_run_tasks_once() {
    let Some(url) = shared_redis().await else { return };
    let prefix = format!("tandem-test-{}", uuid::Uuid::new_v4().simple());
    one_scheduler_runs(Arc::new(RedisLock::named(&url, &prefix, "test").unwrap())).await;
}
