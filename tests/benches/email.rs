//! One recruitment campaign of 10,000 messages end to end, the way a customer sends it: the
//! directory upserted through the API, a program and an open campaign, and the campaign opened
//! through the API; then a separate `tandem worker` process expands the audience into
//! deliveries and sends every message through its SMTP pool to a local SMTP sink (aiosmtpd).
//! Reports the time from opening to the last message received, emails per second, and the
//! worker process's peak memory; then, in the same run, what the same sink takes from a plain
//! SMTP client (`benches/smtp_ceiling.py`: Python's smtplib over 8 connections, sending one of
//! the campaign's own messages), and the ratio of the two.
//!
//!     cargo build --release -p tandem-server --bin tandem
//!     cargo bench -p tandem-tests --bench email                          (SQLite, 10,000 messages)
//!     TANDEM_BENCH_POSTGRES=1 cargo bench -p tandem-tests --bench email  (PostgreSQL)
//!     TANDEM_BENCH_EMAILS=2000 cargo bench -p tandem-tests --bench email
//!     TANDEM_BENCH_CONCURRENCY=32 cargo bench -p tandem-tests --bench email  (jobs, SMTP and database connections)
//!     TANDEM_BENCH_POSTGRES=1 TANDEM_BENCH_REDIS=1 cargo bench -p tandem-tests --bench email  (the queue on Redis)
//!     TANDEM_BENCH_READS=0 cargo bench -p tandem-tests --bench email     (no reads alongside)

use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use serde_json::json;
use tandem_tests::services::{SmtpBehaviour, SmtpSink};
use tandem_tests::{Backend, TestApp};

#[tokio::main]
async fn main() {
    let total: usize = std::env::var("TANDEM_BENCH_EMAILS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let sink = SmtpSink::start(dir.path(), SmtpBehaviour::default());
    let backend = if std::env::var("TANDEM_BENCH_POSTGRES").is_ok() { Backend::Postgres } else { Backend::Sqlite };
    // The queue on Redis (TANDEM_BENCH_REDIS=1: the machine's, at 127.0.0.1:6379), as a
    // deployment with replicas runs it; else in the database.
    let redis = std::env::var("TANDEM_BENCH_REDIS").is_ok().then(|| {
        let url = std::env::var("TANDEM_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
        (url, format!("tandem-bench-{}", uuid::Uuid::new_v4().simple()))
    });
    // The API only: the worker is its own process, so its memory is its own.
    let app = TestApp::spawn_with(backend, |c, _| {
        c.worker_concurrency = 0;
        if let Some((url, prefix)) = &redis {
            c.redis_url = Some(tandem_server::config::Secret::new(url.clone()));
            c.redis_prefix = prefix.clone();
        }
    })
    .await
    .expect("the app starts");
    let owner = app.seed_company("Bench", "owner@bench.example").await;
    let token = Some(owner.access_token.as_str());

    let started = Instant::now();
    for batch in 0..total.div_ceil(1000) {
        let people: Vec<_> = (batch * 1000..((batch + 1) * 1000).min(total))
            .map(|n| {
                let department = ["Sales", "Finance", "Digital"][n % 3];
                let locale = if n % 2 == 0 { "en" } else { "ja" };
                json!({"external_id": format!("E{n}"), "name": format!("Person {n}"), "email": format!("person{n}@bench.example"),
                       "department": department, "job_level": 1 + n % 12, "preferred_locale": locale})
            })
            .collect();
        app.post("/api/v1/people/bulk", token, json!({"people": people})).await.ok(200);
    }
    let directory = started.elapsed();
    let program = app
        .post(
            "/api/v1/programs",
            token,
            json!({"name": "Mutual mentoring", "kind": "mutual", "purposes": ["diverse_connections"],
                   "eligibility": [{"role": "either"}], "slots": 5000, "mentor_capacity": 1,
                   "start_date": "2027-04-01", "end_date": "2027-09-30",
                   "meetings_per_month": 2, "minutes_per_meeting": 45, "check_in_cadence": "monthly"}),
        )
        .await;
    let program = program.ok(201)["id"].as_str().unwrap().to_owned();
    app.post(&format!("/api/v1/programs/{program}/transitions"), token, json!({"to": "recruiting"})).await.ok(200);
    let campaign = app
        .post(
            &format!("/api/v1/programs/{program}/campaigns"),
            token,
            json!({"name": "Everyone", "kind": "open", "messages": {
                "en": {"subject": "Learn from each other", "body": "Hello {{ name }},\n\nJoin {{ program }}: {{ link }}"},
                "ja": {"subject": "学び合いませんか", "body": "{{ name }}さん\n\n{{ program }}に参加しませんか: {{ link }}"}}}),
        )
        .await;
    let campaign = campaign.ok(201)["id"].as_str().unwrap().to_owned();

    let person = app.get("/api/v1/people?limit=1", &owner.access_token).await;
    let person_url = app.url(&format!("/api/v1/people/{}", person.ok(200)["items"][0]["id"].as_str().unwrap()));
    let mut worker = start_worker(&app, &sink.url());
    let postgres_before = postgres_cpu();
    let opened = Instant::now();
    app.post(&format!("/api/v1/campaigns/{campaign}/transitions"), token, json!({"to": "open"})).await.ok(200);
    // Reads while it sends: wrk (Debian's), 4 connections for 30 s, on a person by id; none
    // with TANDEM_BENCH_READS=0, to see the sending alone.
    let with_reads = std::env::var("TANDEM_BENCH_READS").map_or(true, |v| v != "0");
    let reads = with_reads
        .then(|| {
            Command::new("wrk")
                .args(["-t1", "-c4", "-d30s", "--latency", "-H"])
                .arg(format!("Authorization: Bearer {}", owner.access_token))
                .arg(&person_url)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .ok()
        })
        .flatten();
    let mut peak_mib = 0;
    let mut worker_cpu = 0.0;
    loop {
        peak_mib = peak_mib.max(peak_rss_mib(worker.id()));
        worker_cpu = cpu_secs(worker.id()).unwrap_or(worker_cpu);
        if std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0) >= total {
            break;
        }
        assert!(worker.try_wait().unwrap().is_none(), "the worker died");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let sent = opened.elapsed();
    peak_mib = peak_mib.max(peak_rss_mib(worker.id()));
    worker_cpu = cpu_secs(worker.id()).unwrap_or(worker_cpu);
    // The server's processes on this machine: PostgreSQL's CPU is only this run's on the
    // PostgreSQL bench (SQLite's work is inside the API and the worker).
    let postgres_used: f64 =
        postgres_cpu().iter().map(|(pid, cpu)| cpu - postgres_before.get(pid).unwrap_or(&0.0)).sum();
    worker.kill().ok();
    worker.wait().ok();

    let n = concurrency();
    let queue = if redis.is_some() { "Redis" } else { "the database" };
    println!(
        "backend: {backend:?}, queue on {queue}, messages: {total}, one worker process: concurrency {n}, SMTP pool {n}"
    );
    println!("directory upserted through the API:   {:>7.2} s", directory.as_secs_f64());
    println!(
        "campaign opened → last message received: {:>7.2} s  → {:.0} emails/s",
        sent.as_secs_f64(),
        total as f64 / sent.as_secs_f64()
    );
    println!("peak memory of the worker process:      {peak_mib} MiB");
    println!(
        "CPU of the worker process:              {worker_cpu:>7.2} s  → {:.0} emails per core-second",
        total as f64 / worker_cpu
    );
    if backend == Backend::Postgres {
        println!(
            "CPU of PostgreSQL's processes:          {postgres_used:>7.2} s  → {:.2} ms per email",
            postgres_used * 1000.0 / total as f64
        );
        let size = app
            .query_strings(
                "SELECT count(*)::text || ' ' || pg_total_relation_size('email_deliveries')::text FROM email_deliveries",
            )
            .await;
        let (rows, bytes) = size[0].split_once(' ').unwrap();
        let (rows, bytes): (f64, f64) = (rows.parse().unwrap(), bytes.parse().unwrap());
        println!("email_deliveries: {rows} rows, {:.0} bytes a row with its indexes", bytes / rows);
    }

    match reads.map(|wrk| wrk.wait_with_output()) {
        Some(Ok(output)) => {
            let text = String::from_utf8_lossy(&output.stdout);
            let line = |prefix: &str| text.lines().find(|l| l.trim_start().starts_with(prefix)).unwrap_or("").trim();
            println!("reads while it sent (wrk, 4 connections, 30 s): {} | p99 {}", line("Requests/sec"), line("99%"));
        }
        _ if !with_reads => println!("reads while it sent: none (TANDEM_BENCH_READS=0)"),
        _ => println!("reads while it sent: wrk is missing (apt-get install wrk)"),
    }

    let sample = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().path();
    let ceiling = std::process::Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/smtp_ceiling.py"))
        .args(["--port", &sink.port.to_string(), "--messages", "3000", "--connections", "8"])
        .arg("--sample")
        .arg(&sample)
        .output()
        .expect("python3 runs");
    let ceiling: f64 = String::from_utf8_lossy(&ceiling.stdout)
        .trim()
        .strip_prefix("ceiling ")
        .and_then(|n| n.parse().ok())
        .expect("the ceiling");
    let rate = total as f64 / sent.as_secs_f64();
    println!("the same sink from smtplib (8 connections): {ceiling:.0} messages/s; ratio {:.2}", rate / ceiling);
}

/// Jobs the worker runs at once, and its SMTP connections (8 unless TANDEM_BENCH_CONCURRENCY).
fn concurrency() -> usize {
    std::env::var("TANDEM_BENCH_CONCURRENCY").ok().and_then(|v| v.parse().ok()).unwrap_or(8)
}

fn tandem_binary() -> PathBuf {
    if let Ok(path) = std::env::var("TANDEM_BIN") {
        return path.into();
    }
    // target/release/deps/email-… → target/release/tandem
    let exe = std::env::current_exe().expect("bench executable");
    let path = exe.parent().and_then(|deps| deps.parent()).expect("target dir").join("tandem");
    assert!(path.exists(), "{} is missing: cargo build --release -p tandem-server --bin tandem", path.display());
    path
}

fn start_worker(app: &TestApp, smtp_url: &str) -> Child {
    let mut command = Command::new(tandem_binary());
    if let Some(url) = &app.config.redis_url {
        command.env("TANDEM_REDIS_URL", url.expose()).env("TANDEM_REDIS_PREFIX", &app.config.redis_prefix);
    }
    command
        .arg("worker")
        .env("TANDEM_PORT", "0")
        .env("TANDEM_DATABASE_URL", app.config.database_url.expose())
        .env("TANDEM_JWT_SECRET", app.config.jwt_secret.as_ref().unwrap().expose())
        .env("TANDEM_DATA_DIR", app.temp_dir().join("worker"))
        .env("TANDEM_SMTP_URL", smtp_url)
        .env("TANDEM_PUBLIC_URL", &app.config.public_url)
        .env("TANDEM_WORKER_CONCURRENCY", concurrency().to_string())
        .env("TANDEM_SMTP_POOL_SIZE", concurrency().to_string())
        .env("TANDEM_DATABASE_MAX_CONNECTIONS", (concurrency() + 4).to_string())
        .env("TANDEM_WORKER_POLL_MS", "50")
        .env("TANDEM_EMAIL_DAILY_CAP", "1000000")
        .env("TANDEM_TENANT_INVITATIONS_PER_HOUR", "1000000")
        .env("TANDEM_TENANT_INVITATIONS_PER_DAY", "1000000")
        // Never quiet, so the whole campaign goes now.
        .env("TANDEM_QUIET_HOURS_START", "00:00")
        .env("TANDEM_QUIET_HOURS_END", "00:00")
        .env("TANDEM_LOG_LEVEL", "warn")
        .env_remove("REDIS_URL")
        .env_remove("DATABASE_URL")
        .spawn()
        .expect("the worker starts")
}

/// The CPU time (user and system) a process has used so far, in seconds.
fn cpu_secs(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    let per_second = Command::new("getconf").arg("CLK_TCK").output().ok()?;
    Some(ticks / String::from_utf8_lossy(&per_second.stdout).trim().parse::<f64>().ok()?)
}

/// The CPU seconds of every process named `postgres` on this machine, by pid (a backend that
/// started during the run counts whole; one that ended is missed).
fn postgres_cpu() -> std::collections::HashMap<u32, f64> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Default::default() };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == "postgres"))
        .filter_map(|pid| Some((pid, cpu_secs(pid)?)))
        .collect()
}

/// The high-water mark of a process's resident memory, in MiB.
fn peak_rss_mib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.to_owned()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        .map(|kb| kb / 1024)
        .unwrap_or(0)
}
