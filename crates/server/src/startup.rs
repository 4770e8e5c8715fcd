//! Builds the application from configuration. `Application::build` binds the port (0 picks a
//! free one, which is what tests do) and starts what the role asks for: the HTTP API, the
//! worker and scheduler, or all of them in one process.

use std::net::TcpListener;
use std::num::NonZeroU32;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use actix_web::{HttpServer, web};
use anyhow::{Context, bail};
use chrono::NaiveTime;
use rand::RngCore;
use tandem_api::{ApiSettings, JwtKeys, MetricsAuth, PrometheusHandle, PublicLimits, Services};
use tandem_domain::mail::{FrequencyCap, QuietHours};
use tandem_domain::retry::Backoff;
use tandem_jobs::accounts::AccountsHandler;
use tandem_jobs::campaigns::CampaignHandler;
use tandem_jobs::email::InvitationLimits;
use tandem_jobs::email::{EmailSettings, SendEmailHandler};
use tandem_jobs::launch::LaunchHandler;
use tandem_jobs::matching::MatchingHandler;
use tandem_jobs::noop::NoopHandler;
use tandem_jobs::{
    DbLock, Handlers, Lock, PeriodicTask, Queue, RedisLock, RedisQueue, Relay, Scheduler, SqlQueue, Worker,
    WorkerSettings,
};
use tandem_mail::Mailer;
use tandem_mail::unsubscribe::{LinkSigner, UnsubscribeSigner};
use tandem_store::{Db, JobSink};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::config::Config;

/// What a process runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// API, worker and scheduler together (the embedded default).
    All,
    Api,
    /// Worker and scheduler (one scheduler is active across all processes).
    Worker,
}

pub struct Application {
    port: Option<u16>,
    server: Option<actix_web::dev::Server>,
    shutdown: CancellationToken,
    background: Vec<JoinHandle<()>>,
}

/// Everything built from configuration that the parts share.
struct Parts {
    db: Db,
    queue: Arc<dyn Queue>,
    lock: Arc<dyn Lock>,
    mailer: Arc<Mailer>,
    secret: Vec<u8>,
}

impl Application {
    pub async fn build(config: &Config, role: Role) -> anyhow::Result<Self> {
        // Installed first, so that nothing counted before the HTTP server starts is lost.
        metrics_handle();
        let db = if config.migrate_on_start { connect(config).await? } else { open(config).await? };
        // Redis is connected when first used, so a process starts (and accepts work into the
        // outbox) while it is away.
        let (db, queue, lock): (Db, Arc<dyn Queue>, Arc<dyn Lock>) = match &config.redis_url {
            Some(url) => (
                db.with_job_outbox(),
                Arc::new(RedisQueue::new(url.expose(), &config.redis_prefix).context("the Redis URL")?),
                Arc::new(RedisLock::new(url.expose(), &config.redis_prefix).context("the Redis URL")?),
            ),
            None => (db.clone(), Arc::new(SqlQueue::new(db.clone())), Arc::new(DbLock::scheduler(db))),
        };
        let parts = Parts { db, queue, lock, mailer: Arc::new(mailer(config)?), secret: signing_secret(config)? };
        let shutdown = CancellationToken::new();
        let mut app = Self { port: None, server: None, shutdown: shutdown.clone(), background: Vec::new() };
        let listener = TcpListener::bind((config.host.as_str(), config.port))
            .with_context(|| format!("binding {}:{}", config.host, config.port))?;
        let port = listener.local_addr()?.port();
        let public_url = public_url(config, role, port);
        let config = &Config { public_url, ..config.clone() };
        if parts.db.job_sink() == JobSink::Outbox {
            let relay = Relay::new(parts.db.clone(), parts.queue.clone(), Duration::from_millis(config.worker_poll_ms));
            app.background.push(tokio::spawn(relay.run(shutdown.clone())));
        }
        if role != Role::Api {
            app.background.extend(start_background(config, &parts, shutdown)?);
        }
        let server = match role {
            Role::Worker => start_operations_http(config, &parts, listener)?,
            Role::All | Role::Api => start_http(config, &parts, listener)?,
        };
        app.port = Some(port);
        app.server = Some(server);
        Ok(app)
    }

    /// Cancelling this stops the worker and scheduler (what a signal does).
    pub fn shutdown_token(&self) -> CancellationToken {
        self.shutdown.clone()
    }

    /// The HTTP port: the API's, or a worker's `/healthz`, `/readyz` and `/metrics`.
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// Runs until SIGINT or SIGTERM; then HTTP finishes in-flight requests and the worker its
    /// in-flight jobs (each up to 30 s).
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        match self.server {
            // The HTTP server listens for the signals itself and returns once drained.
            Some(server) => server.await?,
            None => wait_for_signal().await,
        }
        self.shutdown.cancel();
        for handle in self.background {
            if tokio::time::timeout(Duration::from_secs(30), handle).await.is_err() {
                tracing::warn!("background work did not stop within 30 s");
            }
        }
        Ok(())
    }
}

/// A worker serves only its health and metrics, so that its job counters can be scraped.
fn start_operations_http(
    config: &Config,
    parts: &Parts,
    listener: TcpListener,
) -> anyhow::Result<actix_web::dev::Server> {
    let (db, queue) = (web::Data::new(parts.db.clone()), web::Data::new(parts.queue.clone()));
    let metrics = web::Data::new(metrics_handle());
    let auth = web::Data::new(metrics_auth(config));
    let server =
        HttpServer::new(move || tandem_api::operations_app(db.clone(), queue.clone(), metrics.clone(), auth.clone()))
            .listen(listener)?
            .workers(1)
            .shutdown_timeout(30);
    Ok(server.run())
}

/// Who may read `/metrics` (the token, when one is set; else loopback only).
fn metrics_auth(config: &Config) -> MetricsAuth {
    MetricsAuth { token: config.metrics_token.as_ref().map(|t| t.expose().to_owned()) }
}

fn start_http(config: &Config, parts: &Parts, listener: TcpListener) -> anyhow::Result<actix_web::dev::Server> {
    let services = Services {
        db: web::Data::new(parts.db.clone()),
        keys: web::Data::new(JwtKeys::new(&parts.secret)),
        mailer: web::Data::from(parts.mailer.clone()),
        queue: web::Data::new(parts.queue.clone()),
        signer: web::Data::new(UnsubscribeSigner::new(&parts.secret)),
        links: web::Data::new(LinkSigner::new(&parts.secret)),
        metrics: web::Data::new(metrics_handle()),
        metrics_auth: web::Data::new(metrics_auth(config)),
        settings: web::Data::new(ApiSettings {
            public_url: config.public_url.clone(),
            cors_origins: config.cors_origins.clone(),
            console_dir: Some(config.console_dir.clone()),
            dev_mailbox: dev_mailbox(config),
            limits: PublicLimits {
                apply_per_client: config.apply_per_client_per_hour,
                apply_per_campaign: config.apply_per_campaign_per_hour,
                answers_per_client: config.answers_per_client_per_hour,
                signup_per_client: config.signup_per_client_per_hour,
                signup_total: config.signups_per_hour,
                login_failures_per_client: config.login_failures_per_client_per_hour,
                login_failures_total: config.login_failures_per_hour,
                trust_forwarded_for: config.trust_forwarded_for,
            },
            hsts_max_age_secs: config.hsts_max_age_secs,
        }),
        notes: web::Data::new(note_keys(config, &parts.secret)?),
    };
    let spec = tandem_api::openapi();
    let mut server =
        HttpServer::new(move || tandem_api::app(services.clone(), spec.clone())).listen(listener)?.shutdown_timeout(30);
    if let Some(workers) = config.http_workers {
        server = server.workers(workers);
    }
    Ok(server.run())
}

/// Where links in emails point: `public_url` when set, else the address this server answers
/// on. A setting that names this machine on another port is said at start, since every link
/// would lead nowhere.
fn public_url(config: &Config, role: Role, port: u16) -> String {
    let configured = config.public_url.trim_end_matches('/');
    if configured.is_empty() {
        if role == Role::Worker {
            tracing::warn!(
                "public_url is not set: a worker cannot know where the API answers, so links in its emails \
                 point at http://localhost:8080; set TANDEM_PUBLIC_URL to the API's address"
            );
            return "http://localhost:8080".to_owned();
        }
        let url = served_url(&config.host, port);
        tracing::info!(public_url = %url, "links in emails point at the address served (set TANDEM_PUBLIC_URL to change it)");
        return url;
    }
    if role != Role::Worker && names_this_machine_elsewhere(configured, port) {
        tracing::warn!(
            public_url = configured,
            port,
            "public_url names this machine on another port than the one served: links in emails will not reach this server"
        );
    }
    configured.to_owned()
}

fn served_url(host: &str, port: u16) -> String {
    match host {
        "127.0.0.1" | "::1" | "0.0.0.0" | "::" | "localhost" => format!("http://localhost:{port}"),
        host if host.contains(':') => format!("http://[{host}]:{port}"),
        host => format!("http://{host}:{port}"),
    }
}

/// Whether `url` is a loopback address on a port other than `port` (its own host cannot reach
/// this server there).
fn names_this_machine_elsewhere(url: &str, port: u16) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else { return false };
    let authority = rest.split('/').next().unwrap_or_default();
    let (host, given) = match authority.rsplit_once(':') {
        Some((host, p)) if !host.ends_with(']') || authority.starts_with('[') => (host, p.parse::<u16>().ok()),
        _ => (authority, None),
    };
    let default = if scheme == "https" { 443 } else { 80 };
    let loopback = matches!(host.trim_matches(['[', ']']), "localhost" | "127.0.0.1" | "::1");
    loopback && given.unwrap_or(default) != port
}

/// The keys of private notes: the configured ones, or one derived from the signing secret.
pub fn note_keys(config: &Config, secret: &[u8]) -> anyhow::Result<tandem_api::notes::NoteKeys> {
    match &config.note_keys {
        Some(keys) => Ok(tandem_api::notes::NoteKeys::parse(keys.expose())?),
        None => Ok(tandem_api::notes::NoteKeys::derived(secret)),
    }
}

/// The address of a `Name <address>` mailbox (or the whole text when it is a bare address).
fn address_of(mailbox: &str) -> &str {
    mailbox.rsplit_once('<').map_or(mailbox, |(_, rest)| rest.trim_end_matches('>')).trim()
}

fn start_background(
    config: &Config,
    parts: &Parts,
    shutdown: CancellationToken,
) -> anyhow::Result<Vec<JoinHandle<()>>> {
    let email = EmailSettings {
        quiet_hours: QuietHours {
            start: parse_time(&config.quiet_hours_start)?,
            end: parse_time(&config.quiet_hours_end)?,
        },
        cap: FrequencyCap { per_day: config.email_daily_cap },
        transactional_hourly_cap: config.transactional_hourly_cap,
        tenant_invitations: InvitationLimits {
            per_hour: config.tenant_invitations_per_hour,
            per_day: config.tenant_invitations_per_day,
        },
        public_url: config.public_url.clone(),
        signer: UnsubscribeSigner::new(&parts.secret),
        total_per_second: NonZeroU32::new(config.email_per_second_total),
        concurrency: config.smtp_pool_size.max(1) as usize,
        claim: Duration::from_secs(config.worker_lease_secs.max(1)),
    };
    let links = || LinkSigner::new(&parts.secret);
    let handlers = Handlers {
        email: SendEmailHandler::new(parts.db.clone(), parts.mailer.clone(), Arc::new(email)),
        campaigns: CampaignHandler::new(parts.db.clone(), links(), config.public_url.clone()),
        accounts: AccountsHandler::new(parts.db.clone(), links(), config.public_url.clone()),
        matching: MatchingHandler::new(parts.db.clone()),
        launch: LaunchHandler::new(
            parts.db.clone(),
            links(),
            config.public_url.clone(),
            address_of(&config.mail_from).to_owned(),
        ),
        feedback: tandem_jobs::feedback::FeedbackHandler::new(parts.db.clone(), links(), config.public_url.clone()),
        noop: NoopHandler::new(parts.db.clone()),
    };
    let settings = WorkerSettings {
        concurrency: config.worker_concurrency,
        idle_poll: Duration::from_millis(config.worker_poll_ms),
        lease: Duration::from_secs(config.worker_lease_secs.max(1)),
        backoff: Backoff { base: Duration::from_millis(config.worker_retry_base_ms), cap: Duration::from_secs(3600) },
    };
    let worker = Worker::new(parts.queue.clone(), Arc::new(handlers), settings);
    let queue = parts.queue.clone();
    let purge = PeriodicTask::new("purge finished jobs", Duration::from_secs(3600), move || {
        let queue = queue.clone();
        async move {
            let before = chrono::Utc::now() - chrono::Duration::days(7);
            match queue.purge_done(before).await {
                Ok(n) if n > 0 => tracing::info!(purged = n, "purged finished jobs"),
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "purging finished jobs failed"),
            }
        }
    });
    let (db, queue) = (parts.db.clone(), parts.queue.clone());
    let sweep = PeriodicTask::new("requeue stranded emails", Duration::from_secs(60), move || {
        let (db, queue) = (db.clone(), queue.clone());
        async move {
            match tandem_jobs::email::requeue_stranded(&db, queue.as_ref()).await {
                Ok(n) if n > 0 => tracing::info!(deliveries = n, "looked again at emails left queued"),
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "sweeping stranded emails failed"),
            }
        }
    });
    let db = parts.db.clone();
    let forget_logins =
        PeriodicTask::new("forget old failed logins and counters", Duration::from_secs(3600), move || {
            let db = db.clone();
            async move {
                if let Err(err) = db.purge_login_throttles().await {
                    tracing::warn!(error = %err, "forgetting old failed logins failed");
                }
                if let Err(err) = db.purge_account_links().await {
                    tracing::warn!(error = %err, "forgetting expired sign-up and password links failed");
                }
                if let Err(err) = db.purge_rate_limits().await {
                    tracing::warn!(error = %err, "forgetting old rate-limit counters failed");
                }
            }
        });
    let holder = format!("{}-{}", std::process::id(), uuid::Uuid::now_v7().simple());
    let db = parts.db.clone();
    let complete_programs =
        PeriodicTask::new("complete programs past their end date", Duration::from_secs(3600), move || {
            let db = db.clone();
            async move {
                match tandem_jobs::lifecycle::complete_ended_programs(&db, chrono::Utc::now().date_naive()).await {
                    Ok(n) if n > 0 => tracing::info!(programs = n, "completed programs past their end date"),
                    Ok(_) => {}
                    Err(err) => tracing::warn!(error = %err, "completing programs past their end date failed"),
                }
            }
        });
    let db = parts.db.clone();
    let check_ins = PeriodicTask::new("ask for this period's check-ins", Duration::from_secs(3600), move || {
        let db = db.clone();
        async move {
            if let Err(err) = tandem_jobs::feedback::schedule_check_ins(&db, chrono::Utc::now().date_naive()).await {
                tracing::warn!(error = %err, "queueing check-ins failed");
            }
        }
    });
    let nudger = Arc::new(tandem_jobs::nudges::Nudger::new(parts.db.clone(), links(), config.public_url.clone()));
    let every = Duration::from_secs(config.nudge_interval_secs.max(1));
    let nudges = PeriodicTask::new("send the nudges that are due", every, move || {
        let nudger = nudger.clone();
        async move {
            match nudger.pass(chrono::Utc::now()).await {
                Ok(pass) if pass.due > 0 => {
                    tracing::info!(due = pass.due, queued = pass.queued, capped = pass.capped, "nudges decided")
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "the nudge pass failed"),
            }
        }
    });
    let scheduler = Scheduler::new(
        parts.lock.clone(),
        holder,
        vec![purge, sweep, forget_logins, complete_programs, check_ins, nudges],
    )
    .with_timing(Duration::from_secs(1), Duration::from_secs(config.scheduler_lock_secs.max(2)));
    let mut handles = vec![tokio::spawn(scheduler.run(shutdown.clone()))];
    if config.worker_concurrency > 0 {
        handles.push(tokio::spawn(worker.run(shutdown)));
    }
    Ok(handles)
}

/// The developer mailbox is on only when asked for and mail stays on this machine; each
/// start says so, since it lets owners read every link their tenant's emails carry.
fn dev_mailbox(config: &Config) -> bool {
    match (config.dev_mailbox, config.smtp_url.is_some()) {
        (true, false) => {
            tracing::warn!(
                outbox = %config.outbox_dir.display(),
                links = %config.public_url,
                "the developer mailbox is on (TANDEM_DEV_MAILBOX): owners can read every email of their tenant, \
                 links included, at /api/v1/dev/mailbox; for trying Tandem, not for production"
            );
            true
        }
        (true, true) => {
            tracing::warn!("TANDEM_DEV_MAILBOX is ignored: mail goes to an SMTP server");
            false
        }
        (false, _) => false,
    }
}

/// Writes a file only its owner may read.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

fn parse_time(raw: &str) -> anyhow::Result<NaiveTime> {
    NaiveTime::parse_from_str(raw, "%H:%M").with_context(|| format!("{raw:?} is not a time like 21:00"))
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).expect("installing a SIGTERM handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    tracing::info!("stopping");
}

/// The process-wide metrics recorder (installed once, however many apps a test process runs).
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!("a metrics recorder was already installed");
            }
            handle
        })
        .clone()
}

/// Connects and applies pending migrations. SQLite files live under `data_dir`, created here.
pub async fn connect(config: &Config) -> anyhow::Result<Db> {
    let db = open(config).await?;
    db.migrate().await.context("migrating the database")?;
    Ok(db)
}

/// Connects without migrating.
async fn open(config: &Config) -> anyhow::Result<Db> {
    if config.is_sqlite() {
        std::fs::create_dir_all(&config.data_dir).with_context(|| format!("creating {}", config.data_dir.display()))?;
    }
    Db::connect(config.database_url.expose(), config.database_max_connections)
        .await
        .context("connecting to the database")
}

pub fn mailer(config: &Config) -> anyhow::Result<Mailer> {
    Ok(match &config.smtp_url {
        Some(url) => Mailer::smtp(
            url.expose(),
            &config.mail_from,
            config.smtp_pool_size,
            NonZeroU32::new(config.email_per_second),
        )?,
        None => Mailer::outbox(&config.outbox_dir, &config.mail_from)?,
    })
}

/// The configured signing secret, or one generated once into `data_dir/jwt.secret` so that
/// sessions (and unsubscribe links) survive restarts of the embedded default.
pub fn signing_secret(config: &Config) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = &config.jwt_secret {
        if secret.expose().len() < 32 {
            bail!("jwt_secret must be at least 32 bytes");
        }
        return Ok(secret.expose().as_bytes().to_vec());
    }
    load_or_create_secret(&config.data_dir.join("jwt.secret"))
}

fn load_or_create_secret(path: &Path) -> anyhow::Result<Vec<u8>> {
    if let Ok(existing) = std::fs::read(path)
        && existing.len() >= 32
    {
        return Ok(existing);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut secret = vec![0u8; 64];
    rand::rng().fill_bytes(&mut secret);
    write_private(path, &secret).with_context(|| format!("writing {}", path.display()))?;
    tracing::warn!(path = %path.display(), "generated a signing key; set TANDEM_JWT_SECRET when running more than one process");
    Ok(secret)
}

#[cfg(test)]
mod public_url_tests {
    use super::*;

    #[test]
    fn the_default_is_the_address_served() {
        assert_eq!(served_url("127.0.0.1", 9000), "http://localhost:9000");
        assert_eq!(served_url("tandem.internal", 80), "http://tandem.internal:80");
    }

    #[test]
    fn a_loopback_url_on_another_port_is_noticed() {
        assert!(names_this_machine_elsewhere("http://localhost:8080", 9000));
        assert!(names_this_machine_elsewhere("http://127.0.0.1", 9000));
        assert!(!names_this_machine_elsewhere("http://localhost:9000", 9000));
        assert!(
            !names_this_machine_elsewhere("https://tandem.sakura.example", 9000),
            "behind a proxy: not ours to judge"
        );
    }
}
