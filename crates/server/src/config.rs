//! Configuration: built-in defaults, then an optional TOML file, then environment variables
//! (`TANDEM_*`, plus the conventional `DATABASE_URL`, `REDIS_URL` and `SMTP_URL`), each
//! overriding the one before.

use std::fmt;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Deserializer, Serialize};

/// A value that must never reach a log: `Debug` prints `***`.
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Human,
    Json,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address to listen on.
    pub host: String,
    /// Port to listen on.
    pub port: u16,
    /// `sqlite://…` (the embedded default) or `postgres://…`.
    pub database_url: Secret,
    /// Connections in the database pool.
    pub database_max_connections: u32,
    /// Redis, for the job queue in production.
    pub redis_url: Option<Secret>,
    /// SMTP server, e.g. `smtp://user:pass@mail.example:587?tls=required`; without it, mail
    /// goes to the file outbox.
    pub smtp_url: Option<Secret>,
    /// The From: of every email.
    pub mail_from: String,
    /// Where the file outbox writes `.eml` files when there is no SMTP server.
    pub outbox_dir: PathBuf,
    /// Local state of the embedded default (database file, generated signing key).
    pub data_dir: PathBuf,
    /// Key that signs access tokens (at least 32 bytes); generated into `data_dir` when absent.
    /// Every API replica must share it.
    pub jwt_secret: Option<Secret>,
    /// Keys that seal participants' private notes, `id:base64key,…` (32-byte keys; the first
    /// seals, all open). Absent: one derived from the signing secret.
    pub note_keys: Option<Secret>,
    /// Where people reach Tandem; links in emails start with it. Empty: the address this
    /// server answers on (`http://localhost:<port>` on the loopback).
    pub public_url: String,
    /// Browser origins allowed to call the API (comma-separated in the environment).
    #[serde(deserialize_with = "list_or_comma_separated")]
    pub cors_origins: Vec<String>,
    /// `human` or `json`.
    pub log_format: LogFormat,
    /// A tracing filter, e.g. `info` or `tandem=debug,info`; `RUST_LOG` wins when set.
    pub log_level: String,
    /// HTTP worker threads; one per core when absent.
    pub http_workers: Option<usize>,
    /// The built web console, served at `/` when it exists.
    pub console_dir: PathBuf,
    /// Jobs a worker process runs at the same time; 0 runs no worker in this process.
    pub worker_concurrency: usize,
    /// How long a claimed job belongs to its worker before another may run it, in seconds
    /// (the visibility timeout after a worker dies).
    pub worker_lease_secs: u64,
    /// How often an idle worker looks for due jobs, in milliseconds.
    pub worker_poll_ms: u64,
    /// How often the scheduler looks for due nudges, in seconds.
    pub nudge_interval_secs: u64,
    /// How long the scheduler's lock outlives its holder, in seconds: when the process that
    /// runs the periodic tasks dies, another worker takes them over within this period.
    pub scheduler_lock_secs: u64,
    /// The first retry's backoff in milliseconds; it doubles per attempt, with jitter, up to
    /// an hour.
    pub worker_retry_base_ms: u64,
    /// Prefix of every Redis key, so several installations can share one Redis.
    pub redis_prefix: String,
    /// SMTP connections kept open per process.
    pub smtp_pool_size: u32,
    /// Most messages this process hands to the SMTP server in a second; 0: no limit.
    pub email_per_second: u32,
    /// Most messages every process together hands to the SMTP server in a second (a counter
    /// in the database); 0: no limit.
    pub email_per_second_total: u32,
    /// Optional email waits from this local time (the recipient's zone), e.g. "21:00"…
    pub quiet_hours_start: String,
    /// …until this one, e.g. "08:00".
    pub quiet_hours_end: String,
    /// At most this many optional emails to one person in 24 hours.
    pub email_daily_cap: u32,
    /// At most this many transactional emails (invitations, confirmations) to one address in
    /// an hour; more are suppressed, so nobody can flood an inbox through a public form.
    pub transactional_hourly_cap: u32,
    /// Applications through public links one client address may send in an hour.
    pub apply_per_client_per_hour: u32,
    /// Applications one campaign takes through its public link in an hour.
    pub apply_per_campaign_per_hour: u32,
    /// Check-in and survey answers from one client address in an hour (an office behind one
    /// address answers a survey together, so this is high).
    pub answers_per_client_per_hour: u32,
    /// Sign-ups and password reset requests one client address may send in an hour.
    pub signup_per_client_per_hour: u32,
    /// Sign-ups everyone together may send in an hour.
    pub signups_per_hour: u32,
    /// Failed logins from one client address in an hour (a browser that signed in to the
    /// account before is exempt).
    pub login_failures_per_client_per_hour: u32,
    /// Failed logins from everyone together in an hour (the same exemption).
    pub login_failures_per_hour: u32,
    /// Invitations (team invitations and campaign messages) one tenant sends in an hour…
    pub tenant_invitations_per_hour: u32,
    /// …and in a day; more wait for the window to move on.
    pub tenant_invitations_per_day: u32,
    /// Take the client's address from `X-Forwarded-For` (set it only behind a proxy that
    /// writes that header itself); otherwise the connection's address is the client's.
    pub trust_forwarded_for: bool,
    /// The developer mailbox (`/api/v1/dev/mailbox`): owners read every email of their tenant,
    /// links included. For trying Tandem on one machine; never on when SMTP is configured.
    pub dev_mailbox: bool,
    /// Whether `serve`, `api` and `worker` apply pending migrations when they start. Turn it
    /// off where they log in as a role that may not change the schema (`tandem migrate` runs
    /// as the owner instead).
    pub migrate_on_start: bool,
    /// `Strict-Transport-Security: max-age=…; includeSubDomains` on every response when
    /// `public_url` is `https://…`, in seconds.
    pub hsts_max_age_secs: u64,
    /// When set, `/metrics` (on the API's port and the worker's) answers only requests with
    /// `Authorization: Bearer <token>`; when not, only clients on loopback.
    pub metrics_token: Option<Secret>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 8080,
            database_url: Secret::new("sqlite://var/tandem.db?mode=rwc"),
            database_max_connections: 10,
            redis_url: None,
            smtp_url: None,
            mail_from: "Tandem <no-reply@tandem.localhost>".into(),
            outbox_dir: "var/outbox".into(),
            data_dir: "var".into(),
            jwt_secret: None,
            note_keys: None,
            public_url: String::new(),
            cors_origins: Vec::new(),
            log_format: LogFormat::Human,
            log_level: "info".into(),
            http_workers: None,
            console_dir: "frontend/dist".into(),
            worker_concurrency: 4,
            worker_poll_ms: 500,
            nudge_interval_secs: 900,
            scheduler_lock_secs: 15,
            worker_retry_base_ms: 5000,
            worker_lease_secs: 60,
            redis_prefix: "tandem".into(),
            smtp_pool_size: 8,
            email_per_second: 0,
            email_per_second_total: 0,
            quiet_hours_start: "21:00".into(),
            quiet_hours_end: "08:00".into(),
            email_daily_cap: 3,
            transactional_hourly_cap: 10,
            apply_per_client_per_hour: 20,
            answers_per_client_per_hour: 1000,
            apply_per_campaign_per_hour: 600,
            signup_per_client_per_hour: 10,
            signups_per_hour: 500,
            login_failures_per_client_per_hour: 50,
            login_failures_per_hour: 5000,
            tenant_invitations_per_hour: 500,
            tenant_invitations_per_day: 2000,
            trust_forwarded_for: false,
            dev_mailbox: false,
            migrate_on_start: true,
            hsts_max_age_secs: 31_536_000,
            metrics_token: None,
        }
    }
}

impl Config {
    /// Loads defaults < `file` (if given) < environment.
    pub fn load(file: Option<&Path>) -> Result<Self, Box<figment::Error>> {
        Self::figment(file, Env::raw(), Env::prefixed("TANDEM_")).extract().map_err(Box::new)
    }

    fn figment(file: Option<&Path>, raw: Env, prefixed: Env) -> Figment {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            figment = figment.merge(Toml::file_exact(file));
        }
        // Only settings are read from the environment: other TANDEM_* variables (TANDEM_CONFIG,
        // tools' own) are not configuration, and a file's unknown keys are still refused.
        let known = |key: &figment::value::UncasedStr| SETTINGS.iter().any(|(name, _, _)| key == *name);
        figment.merge(raw.only(&["database_url", "redis_url", "smtp_url"])).merge(prefixed.filter(known))
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.expose().starts_with("sqlite:")
    }
}

fn list_or_comma_separated<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        List(Vec<String>),
        Text(String),
    }
    Ok(match Raw::deserialize(deserializer)? {
        Raw::List(list) => list,
        Raw::Text(text) => text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
    })
}

/// The table in the README is generated from here, so it lists every setting.
pub const SETTINGS: &[(&str, &str, &str)] = &[
    ("host", "TANDEM_HOST", "Address to listen on (default 127.0.0.1; 0.0.0.0 in containers)"),
    ("port", "TANDEM_PORT", "Port to listen on (default 8080; also `--port`)"),
    (
        "database_url",
        "TANDEM_DATABASE_URL or DATABASE_URL",
        "sqlite://… (default sqlite://var/tandem.db) or postgres://…",
    ),
    ("database_max_connections", "TANDEM_DATABASE_MAX_CONNECTIONS", "Database pool size (default 10)"),
    ("redis_url", "TANDEM_REDIS_URL or REDIS_URL", "Redis for the job queue in production"),
    ("smtp_url", "TANDEM_SMTP_URL or SMTP_URL", "SMTP server; without it mail goes to the file outbox"),
    ("mail_from", "TANDEM_MAIL_FROM", "From: of every email"),
    ("outbox_dir", "TANDEM_OUTBOX_DIR", "File outbox folder (default var/outbox)"),
    ("data_dir", "TANDEM_DATA_DIR", "Local state folder (default var)"),
    ("jwt_secret", "TANDEM_JWT_SECRET", "Access-token signing key, ≥ 32 bytes; generated into data_dir when absent"),
    (
        "note_keys",
        "TANDEM_NOTE_KEYS",
        "Private-note keys id:base64,… (first seals, all open); default derived from the signing key",
    ),
    (
        "public_url",
        "TANDEM_PUBLIC_URL",
        "Base of links in emails (default: the address served, e.g. http://localhost:8080)",
    ),
    ("cors_origins", "TANDEM_CORS_ORIGINS", "Comma-separated browser origins allowed to call the API"),
    ("log_format", "TANDEM_LOG_FORMAT", "human (default) or json; also `--json-logs`"),
    ("log_level", "TANDEM_LOG_LEVEL", "Tracing filter (default info); RUST_LOG wins"),
    ("http_workers", "TANDEM_HTTP_WORKERS", "HTTP worker threads (default: one per core)"),
    ("console_dir", "TANDEM_CONSOLE_DIR", "Built web console served at / (default frontend/dist)"),
    ("worker_concurrency", "TANDEM_WORKER_CONCURRENCY", "Jobs a worker process runs at once (default 4; 0: no worker)"),
    (
        "worker_lease_secs",
        "TANDEM_WORKER_LEASE_SECS",
        "Seconds a claimed job is its worker's before another may run it (default 60)",
    ),
    ("worker_poll_ms", "TANDEM_WORKER_POLL_MS", "How often an idle worker looks for jobs, ms (default 500)"),
    (
        "nudge_interval_secs",
        "TANDEM_NUDGE_INTERVAL_SECS",
        "How often the scheduler looks for due nudges, seconds (default 900)",
    ),
    (
        "scheduler_lock_secs",
        "TANDEM_SCHEDULER_LOCK_SECS",
        "Seconds the scheduler's lock outlives a dead holder before another worker takes over (default 15)",
    ),
    (
        "worker_retry_base_ms",
        "TANDEM_WORKER_RETRY_BASE_MS",
        "First retry backoff in ms, doubling up to an hour (default 5000)",
    ),
    ("redis_prefix", "TANDEM_REDIS_PREFIX", "Prefix of every Redis key (default tandem)"),
    ("smtp_pool_size", "TANDEM_SMTP_POOL_SIZE", "SMTP connections kept open per process (default 8)"),
    (
        "email_per_second",
        "TANDEM_EMAIL_PER_SECOND",
        "Emails this process hands to the SMTP server per second at most (default 0: no limit)",
    ),
    (
        "email_per_second_total",
        "TANDEM_EMAIL_PER_SECOND_TOTAL",
        "Emails all processes together hand to the SMTP server per second at most (default 0: no limit)",
    ),
    ("quiet_hours_start", "TANDEM_QUIET_HOURS_START", "Optional email waits from this local time (default 21:00)"),
    ("quiet_hours_end", "TANDEM_QUIET_HOURS_END", "…until this local time (default 08:00)"),
    ("email_daily_cap", "TANDEM_EMAIL_DAILY_CAP", "Optional emails per person per 24 hours (default 3)"),
    (
        "transactional_hourly_cap",
        "TANDEM_TRANSACTIONAL_HOURLY_CAP",
        "Transactional emails (invitations, confirmations) per address per hour (default 10)",
    ),
    (
        "apply_per_client_per_hour",
        "TANDEM_APPLY_PER_CLIENT_PER_HOUR",
        "Applications through public links per client address per hour (default 20)",
    ),
    (
        "answers_per_client_per_hour",
        "TANDEM_ANSWERS_PER_CLIENT_PER_HOUR",
        "Check-in and survey answers per client address per hour (default 1000)",
    ),
    (
        "apply_per_campaign_per_hour",
        "TANDEM_APPLY_PER_CAMPAIGN_PER_HOUR",
        "Applications through one campaign's public link per hour (default 600)",
    ),
    (
        "signup_per_client_per_hour",
        "TANDEM_SIGNUP_PER_CLIENT_PER_HOUR",
        "Sign-ups and password reset requests per client address per hour (default 10)",
    ),
    ("signups_per_hour", "TANDEM_SIGNUPS_PER_HOUR", "Sign-ups from everyone together per hour (default 500)"),
    (
        "login_failures_per_client_per_hour",
        "TANDEM_LOGIN_FAILURES_PER_CLIENT_PER_HOUR",
        "Failed logins per client address per hour; a browser that signed in before is exempt (default 50)",
    ),
    (
        "login_failures_per_hour",
        "TANDEM_LOGIN_FAILURES_PER_HOUR",
        "Failed logins from everyone together per hour, with the same exemption (default 5000)",
    ),
    (
        "tenant_invitations_per_hour",
        "TANDEM_TENANT_INVITATIONS_PER_HOUR",
        "Invitations and campaign messages one tenant sends per hour; more wait (default 500)",
    ),
    (
        "tenant_invitations_per_day",
        "TANDEM_TENANT_INVITATIONS_PER_DAY",
        "Invitations and campaign messages one tenant sends per day; more wait (default 2000)",
    ),
    (
        "trust_forwarded_for",
        "TANDEM_TRUST_FORWARDED_FOR",
        "Client address from X-Forwarded-For, behind a proxy that sets it (default false)",
    ),
    (
        "dev_mailbox",
        "TANDEM_DEV_MAILBOX",
        "Developer mailbox for owners (default false; `make run` turns it on; off with SMTP)",
    ),
    (
        "migrate_on_start",
        "TANDEM_MIGRATE_ON_START",
        "Apply pending migrations when serve, api or worker start (default true; false where the login role may not change the schema)",
    ),
    (
        "hsts_max_age_secs",
        "TANDEM_HSTS_MAX_AGE_SECS",
        "Strict-Transport-Security max-age when public_url is https:// (default 31536000, a year)",
    ),
    (
        "metrics_token",
        "TANDEM_METRICS_TOKEN",
        "Bearer token /metrics requires; without it /metrics answers loopback clients only (404 to others)",
    ),
];

#[cfg(test)]
// figment's Jail closures return figment::Error, which is large; that is its API, not ours.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    #[test]
    fn later_sources_override_earlier_ones() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("tandem.toml", "port = 9000\npublic_url = \"https://from-file\"\n")?;
            jail.set_env("DATABASE_URL", "postgres://raw");
            jail.set_env("TANDEM_PUBLIC_URL", "https://from-env");
            jail.set_env("TANDEM_CORS_ORIGINS", "https://a.example, https://b.example");
            let config = Config::load(Some(Path::new("tandem.toml"))).expect("loads");
            assert_eq!(config.port, 9000, "file beats default");
            assert_eq!(config.public_url, "https://from-env", "environment beats file");
            assert_eq!(config.database_url.expose(), "postgres://raw");
            assert_eq!(config.cors_origins, vec!["https://a.example", "https://b.example"]);
            assert_eq!(config.log_format, LogFormat::Human, "defaults fill the rest");
            Ok(())
        });
    }

    #[test]
    fn the_prefixed_database_url_beats_the_conventional_one() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("DATABASE_URL", "postgres://raw");
            jail.set_env("TANDEM_DATABASE_URL", "postgres://prefixed");
            assert_eq!(Config::load(None).expect("loads").database_url.expose(), "postgres://prefixed");
            Ok(())
        });
    }

    #[test]
    fn other_tandem_variables_are_not_settings() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("TANDEM_CONFIG", "tandem.toml");
            jail.set_env("TANDEM_BIN", "/usr/local/bin/tandem");
            jail.set_env("TANDEM_PORT", "9100");
            assert_eq!(Config::load(None).expect("loads").port, 9100);
            Ok(())
        });
    }

    #[test]
    fn unknown_settings_are_refused() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("tandem.toml", "prot = 9000\n")?;
            assert!(Config::load(Some(Path::new("tandem.toml"))).is_err());
            Ok(())
        });
    }

    #[test]
    fn secrets_do_not_print() {
        let config = Config { jwt_secret: Some(Secret::new("hunter2-hunter2")), ..Config::default() };
        assert!(!format!("{config:?}").contains("hunter2"));
    }

    #[test]
    fn every_setting_is_in_the_readme() {
        let readme = include_str!("../../../README.md");
        for (name, env, _) in SETTINGS {
            assert!(readme.contains(&format!("| {name} |")), "README's configuration table lacks {name}");
            let first_env = env.split(" or ").next().unwrap_or(env);
            assert!(readme.contains(first_env), "README lacks {first_env}");
        }
    }

    #[test]
    fn every_setting_is_documented() {
        let value = serde_json::to_value(Config::default()).expect("serialises");
        let keys: Vec<_> = value.as_object().expect("object").keys().cloned().collect();
        let documented: Vec<_> = SETTINGS.iter().map(|(k, _, _)| (*k).to_owned()).collect();
        assert_eq!(keys.len(), documented.len());
        for key in keys {
            assert!(documented.contains(&key), "{key} is not in SETTINGS");
        }
    }
}
