//! The test harness: `TestApp::spawn(Backend::…)` starts the real application on a random
//! port with a fresh database (a new SQLite file, or a new PostgreSQL database on the local
//! server) and its own mail outbox, and offers one helper per thing a test does.
//!
//! PostgreSQL is found at `TANDEM_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`). When it does not answer, PostgreSQL tests
//! fail under `CI=true` and are skipped with a message otherwise.

use std::path::PathBuf;

use mail_parser::MimeHeaders;
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};
use tandem_server::config::{Config, Secret};
use tandem_server::startup::{Application, Role};
use tempfile::TempDir;

pub mod services;

pub use reqwest;
pub use serde_json;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// How long a test waits for what the server does in the background (a job, an email). It
/// bounds a wait, it times nothing: the suites run side by side on a small machine, and a
/// loaded one may take many seconds for what takes milliseconds when it is quiet.
pub const PATIENCE: std::time::Duration = std::time::Duration::from_secs(90);

/// How often a waiting test looks again.
pub const POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// How many looks fit in [`PATIENCE`].
pub fn polls() -> u32 {
    (PATIENCE.as_millis() / POLL.as_millis()) as u32
}

/// The participant portal's cookie. A credential that starts with `tandem_participant=` is
/// sent as that cookie (with the header that cookies need); any other as a bearer token.
pub const PARTICIPANT_COOKIE: &str = "tandem_participant=";

/// Adds a credential to a request: a portal session cookie, or a bearer token.
pub fn authorize(request: reqwest::RequestBuilder, credential: &str) -> reqwest::RequestBuilder {
    if credential.starts_with(PARTICIPANT_COOKIE) {
        request.header("cookie", credential).header("x-tandem-session", "cookie")
    } else {
        request.bearer_auth(credential)
    }
}

pub struct TestApp {
    pub address: String,
    pub backend: Backend,
    pub client: reqwest::Client,
    pub config: Config,
    dir: TempDir,
    pg_database: Option<String>,
    shutdown: tokio_util::sync::CancellationToken,
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn content_type(&self) -> &str {
        self.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// Asserts this is a problem document with `status` and returns its `type`.
    #[track_caller]
    pub fn problem(&self, status: u16) -> &str {
        assert_eq!(self.status.as_u16(), status, "unexpected status; body: {}", self.body);
        assert_eq!(self.content_type(), "application/problem+json", "body: {}", self.body);
        assert_eq!(self.body["status"], status);
        assert!(self.body["title"].is_string() && self.body["detail"].is_string(), "{}", self.body);
        assert!(self.body["code"].as_str().is_some_and(|c| !c.is_empty()), "a problem has a code: {}", self.body);
        for error in self.body["errors"].as_array().into_iter().flatten() {
            assert!(error["code"].is_string() && error["message"].is_string(), "{}", self.body);
        }
        self.body["type"].as_str().expect("a problem has a type")
    }

    /// The fields named by a validation problem.
    #[track_caller]
    pub fn invalid_fields(&self) -> Vec<String> {
        assert_eq!(self.problem(422), "/problems/validation");
        self.body["errors"]
            .as_array()
            .expect("validation problems list their errors")
            .iter()
            .map(|e| e["field"].as_str().expect("each error names its field").to_owned())
            .collect()
    }

    #[track_caller]
    pub fn ok(&self, status: u16) -> &Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        &self.body
    }
}

/// A signed-up company: its owner's session.
#[derive(Clone, Debug)]
pub struct Company {
    pub tenant_id: String,
    pub user_id: String,
    pub access_token: String,
    pub refresh_token: String,
    pub email: String,
}

pub const PASSWORD: &str = "a long passphrase";

fn postgres_admin_url() -> String {
    std::env::var("TANDEM_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

impl TestApp {
    /// Starts the app on `backend`. Returns `None` only when PostgreSQL is unreachable
    /// outside CI (the test then passes vacuously with a message on stderr).
    pub async fn spawn(backend: Backend) -> Option<Self> {
        Self::spawn_with(backend, |_, _| {}).await
    }

    /// Like `spawn`, with quiet hours from two hours ago to two hours ahead in `zone`, so that
    /// optional email to someone there waits, whatever the time of the run.
    pub async fn spawn_in_quiet_hours(backend: Backend, zone: chrono_tz::Tz) -> Option<Self> {
        let now = chrono::Utc::now().with_timezone(&zone);
        let at = |hours| (now + chrono::Duration::hours(hours)).format("%H:%M").to_string();
        Self::spawn_with(backend, |c, _| {
            c.quiet_hours_start = at(-2);
            c.quiet_hours_end = at(2);
        })
        .await
    }

    /// Like `spawn`, letting the test adjust the configuration (given the app's temp dir).
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Config, &std::path::Path)) -> Option<Self> {
        Self::spawn_as(backend, Role::All, adjust).await
    }

    /// Like `spawn_with`, in the given role: `Role::Api` runs no worker and no scheduler, for
    /// tests whose workers are processes of their own.
    pub async fn spawn_as(
        backend: Backend,
        role: Role,
        adjust: impl FnOnce(&mut Config, &std::path::Path),
    ) -> Option<Self> {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config {
            port: 0,
            data_dir: dir.path().join("var"),
            outbox_dir: dir.path().join("outbox"),
            jwt_secret: Some(Secret::new("test signing key, at least thirty-two bytes long")),
            public_url: "http://console.test".into(),
            cors_origins: vec!["http://console.test".into()],
            http_workers: Some(1),
            database_max_connections: 5,
            console_dir: dir.path().join("no-console"),
            worker_poll_ms: 20,
            worker_retry_base_ms: 50,
            // No quiet hours: a test must not depend on the time of day it runs (the
            // quiet-hours tests use `spawn_in_quiet_hours`).
            quiet_hours_start: "00:00".into(),
            quiet_hours_end: "00:00".into(),
            // As `make run` starts it: owners may open the emails of the file outbox (the
            // mailbox tests turn it off to see it gone).
            dev_mailbox: true,
            // Low enough that the throttling tests reach it quickly.
            answers_per_client_per_hour: 30,
            ..Config::default()
        };
        adjust(&mut config, dir.path());
        let mut pg_database = None;
        match backend {
            Backend::Sqlite => {
                config.database_url =
                    Secret::new(format!("sqlite://{}?mode=rwc", dir.path().join("tandem.db").display()));
            }
            Backend::Postgres => {
                let admin = match Database::connect(postgres_admin_url()).await {
                    Ok(admin) => admin,
                    Err(err) if !required() => {
                        eprintln!("PostgreSQL unreachable ({err}); skipping. CI=true makes this a failure.");
                        return None;
                    }
                    Err(err) => panic!("PostgreSQL is required under CI=true and does not answer: {err}"),
                };
                let name = format!("tandem_test_{}", uuid::Uuid::new_v4().simple());
                admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
                admin.close().await.ok();
                let base = postgres_admin_url();
                let base = base.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap_or(base);
                config.database_url = Secret::new(format!("{base}/{name}"));
                pg_database = Some(name);
            }
        }
        crate::init_logs();
        let app = Application::build(&config, role).await.expect("the app starts");
        let address = format!("http://127.0.0.1:{}", app.port().expect("serves HTTP"));
        let shutdown = app.shutdown_token();
        tokio::spawn(app.run_until_stopped());
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        Some(Self { address, backend, client, config, dir, pg_database, shutdown })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn request(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Reply {
        self.request_in(None, method, path, token, body).await
    }

    /// A request with `Accept-Language: {language}` when one is given.
    pub async fn request_in(
        &self,
        language: Option<&str>,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self.client.request(method, self.url(path));
        if let Some(language) = language {
            request = request.header("accept-language", language);
        }
        if let Some(token) = token {
            request = authorize(request, token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        Self::read(request.send().await.expect("request sent")).await
    }

    /// Signs `email` in to the participant portal through the emailed link, and answers the
    /// credential the helpers send as the portal's cookie ([`authorize`]).
    pub async fn participant(&self, email: &str) -> String {
        let before = self.emails_to(email).len();
        self.post("/api/v1/portal/sign-in", None, json!({ "email": email })).await.ok(202);
        let token = self.link_token_in_email(email, before + 1, "/portal/verify?token=").await;
        let reply = self.post("/api/v1/portal/session", None, json!({ "token": token })).await;
        reply.ok(200);
        let cookie = reply
            .headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(PARTICIPANT_COOKIE))
            .expect("a portal session cookie");
        cookie.split(';').next().unwrap().to_owned()
    }

    pub async fn read(response: reqwest::Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body read");
        let body =
            if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        Reply { status, headers, body }
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.request(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.request(Method::POST, path, token, Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Reply {
        self.request(Method::PATCH, path, Some(token), Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Reply {
        self.request(Method::DELETE, path, Some(token), None).await
    }

    /// Signs up a company whose owner has `email`, following the link emailed to it.
    pub async fn signup(&self, company: &str, email: &str) -> Company {
        let before = self.emails_to(email).len();
        let reply = self
            .post(
                "/api/v1/auth/signup",
                None,
                json!({"company_name": company, "owner_name": "Owner of ".to_owned() + company, "email": email, "password": PASSWORD}),
            )
            .await;
        assert_eq!(reply.ok(202)["email"], email);
        let token = self.link_token_in_email(email, before + 1, "/signup/verify?token=").await;
        let reply = self.post("/api/v1/auth/signup/verify", None, json!({ "token": token })).await;
        company_of(reply.ok(201), email)
    }

    /// The token of the link starting with `path` in the `count`-th email to `email` (waiting
    /// for it to arrive).
    pub async fn link_token_in_email(&self, email: &str, count: usize, path: &str) -> String {
        let emails = self.wait_for_emails_to(email, count).await;
        let message = &emails[count - 1];
        let start =
            message.text.find(path).unwrap_or_else(|| panic!("no {path} link in: {}", message.text)) + path.len();
        message.text[start..].chars().take_while(|c| c.is_ascii_hexdigit() || *c == '.').collect()
    }

    /// A company written straight into the database, its owner signed in through the API: for
    /// tests where no email can arrive (an SMTP server that is not there).
    pub async fn seed_company(&self, company: &str, email: &str) -> Company {
        use tandem_domain::{Locale, Password, Role, TenantId};
        let store = self.store().await;
        let tx = store.tenant(TenantId::new()).await.expect("tenant tx");
        tx.create_tenant(company, Locale::En).await.expect("tenant");
        let password_hash = tandem_api::auth::password::hash(Password::parse(PASSWORD).unwrap()).await.expect("hash");
        let user = tx
            .create_user(tandem_store::NewUser {
                email: email.to_owned(),
                name: format!("Owner of {company}"),
                password_hash,
                locale: Locale::En,
            })
            .await
            .expect("user");
        tx.add_member(user.id, Role::Owner).await.expect("member");
        tx.commit().await.expect("commit");
        self.login(email).await
    }

    /// Companies signed up (every tenant but the product's own).
    pub async fn companies(&self) -> i64 {
        self.count("tenants").await - 1
    }

    pub async fn login(&self, email: &str) -> Company {
        self.login_with(email, PASSWORD).await
    }

    pub async fn login_with(&self, email: &str, password: &str) -> Company {
        let reply = self.post("/api/v1/auth/login", None, json!({"email": email, "password": password})).await;
        company_of(reply.ok(200), email)
    }

    /// Invites `email` as `role` and accepts through the link in the email, as a new account.
    pub async fn add_member(&self, owner: &Company, email: &str, role: &str) -> Company {
        let before = self.emails_to(email).len();
        self.post("/api/v1/team/invitations", Some(&owner.access_token), json!({"email": email, "role": role}))
            .await
            .ok(201);
        let token = self.link_token_in_email(email, before + 1, "/invitations/accept?token=").await;
        let reply = self
            .post(
                "/api/v1/auth/invitations/accept",
                None,
                json!({"token": token, "name": "Member", "password": PASSWORD}),
            )
            .await;
        company_of(reply.ok(201), email)
    }

    /// Every message in the outbox, as raw `.eml` text.
    pub fn outbox(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.config.outbox_dir) else { return Vec::new() };
        let mut paths: Vec<PathBuf> = entries
            .map(|e| e.expect("outbox entry").path())
            .filter(|p| p.extension().is_some_and(|ext| ext == "eml"))
            .collect();
        // File names are random message ids; the order of writing is the order of sending.
        paths.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).expect("mtime"));
        paths.iter().map(|p| std::fs::read_to_string(p).expect("readable eml")).collect()
    }

    /// The emails sent to `email`, oldest first.
    pub fn emails_to(&self, email: &str) -> Vec<Email> {
        self.outbox().iter().map(|raw| Email::parse(raw)).filter(|m| m.to == email).collect()
    }

    /// Waits (up to [`PATIENCE`]) until `count` emails to `email` are in the outbox: email goes
    /// out through the job queue, a moment after the request that caused it.
    pub async fn wait_for_emails_to(&self, email: &str, count: usize) -> Vec<Email> {
        for _ in 0..polls() {
            let emails = self.emails_to(email);
            if emails.len() >= count {
                return emails;
            }
            tokio::time::sleep(POLL).await;
        }
        panic!("expected {count} emails to {email}, found {}", self.emails_to(email).len());
    }

    /// The invitation token from the newest email to `email`, waiting for it to arrive.
    pub async fn invitation_token_for(&self, email: &str) -> String {
        self.wait_for_emails_to(email, 1).await;
        let emails = self.emails_to(email);
        let message = emails.last().unwrap_or_else(|| panic!("no email to {email}"));
        let start = message.text.find("token=").expect("the email has an invitation link") + "token=".len();
        message.text[start..].chars().take_while(|c| c.is_ascii_hexdigit() || *c == '.').collect()
    }

    /// A direct connection to this app's database with full rights (superuser on PostgreSQL),
    /// for checking what was written.
    pub async fn database(&self) -> DatabaseConnection {
        Database::connect(self.config.database_url.expose()).await.expect("test database connection")
    }

    /// The application's own store on this app's database (as the worker sees it).
    pub async fn store(&self) -> tandem_store::Db {
        tandem_store::Db::connect(self.config.database_url.expose(), 3).await.expect("store connection")
    }

    /// Puts a job on this app's SQL queue and returns its id.
    pub async fn enqueue(&self, tenant: &str, kind: &str, payload: Value, key: &str) -> String {
        use tandem_jobs::Queue;
        let queue = tandem_jobs::SqlQueue::new(self.store().await);
        let (id, _) = queue
            .enqueue(tandem_jobs::NewJob {
                tenant: tenant.parse().expect("a tenant id"),
                kind: kind.to_owned(),
                payload,
                idempotency_key: key.to_owned(),
                run_at: chrono::Utc::now(),
                max_attempts: 3,
            })
            .await
            .expect("enqueued");
        id.to_string()
    }

    /// Waits (up to [`PATIENCE`]) until `check` holds, polling every [`POLL`].
    pub async fn eventually<F, Fut>(&self, what: &str, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        for _ in 0..polls() {
            if check().await {
                return;
            }
            tokio::time::sleep(POLL).await;
        }
        panic!("timed out waiting for {what}");
    }

    /// Waits until the tenant's queue has nothing queued, running or retrying.
    pub async fn queue_idle(&self, token: &str) {
        self.eventually("the queue to be idle", || async {
            let depth = self.get("/api/v1/jobs/depth", token).await.body;
            depth["queued"] == 0 && depth["running"] == 0 && depth["retrying"] == 0
        })
        .await;
    }

    /// Runs a statement on the test's database as its owner (to age a link, say).
    pub async fn execute(&self, sql: &str) {
        let db = self.database().await;
        db.execute_unprepared(sql).await.expect("statement runs");
        db.close().await.ok();
    }

    /// The first column of every row a query answers, as text.
    pub async fn query_strings(&self, sql: &str) -> Vec<String> {
        let db = self.database().await;
        let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("query runs");
        let values = rows.iter().map(|r| r.try_get_by_index::<String>(0).expect("a text column")).collect();
        db.close().await.ok();
        values
    }

    /// How many rows `table` holds, across all tenants.
    pub async fn count(&self, table: &str) -> i64 {
        let db = self.database().await;
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count query")
            .expect("a row");
        let n: i64 = row.try_get("", "n").expect("a count");
        db.close().await.ok();
        n
    }

    pub fn temp_dir(&self) -> &std::path::Path {
        self.dir.path()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.shutdown.cancel();
        let Some(name) = self.pg_database.take() else { return };
        // Drop runs outside async; a short-lived runtime on its own thread removes the database.
        let handle = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            runtime.block_on(async {
                if let Ok(admin) = Database::connect(postgres_admin_url()).await {
                    admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.ok();
                    admin.close().await.ok();
                }
            });
        });
        handle.join().ok();
    }
}

fn company_of(body: &Value, email: &str) -> Company {
    let field = |name: &str| body[name].as_str().unwrap_or_else(|| panic!("session has {name}: {body}")).to_owned();
    Company {
        tenant_id: field("tenant_id"),
        user_id: field("user_id"),
        access_token: field("access_token"),
        refresh_token: field("refresh_token"),
        email: email.to_owned(),
    }
}

/// An email as a person reads it: decoded subject and bodies.
#[derive(Debug)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub raw: String,
    /// The `text/calendar` part, decoded, with the `method` its content type names.
    pub calendar: Option<(String, String)>,
    /// The names of its attachments.
    pub attachments: Vec<String>,
}

impl Email {
    pub fn parse(raw: &str) -> Self {
        let message = mail_parser::MessageParser::default().parse(raw.as_bytes()).expect("a parseable email");
        let to = message.to().and_then(|to| to.first()).and_then(|addr| addr.address()).unwrap_or_default().to_owned();
        Self {
            to,
            subject: message.subject().unwrap_or_default().to_owned(),
            text: message.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
            html: message.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
            raw: raw.to_owned(),
            calendar: message.parts.iter().find_map(|part| {
                let kind = part.content_type()?;
                (kind.ctype() == "text" && kind.subtype() == Some("calendar")).then(|| {
                    let method = kind.attribute("method").unwrap_or_default().to_owned();
                    (method, part.text_contents().unwrap_or_default().replace("\r\n ", ""))
                })
            }),
            attachments: message.attachments().filter_map(|a| a.attachment_name().map(str::to_owned)).collect(),
        }
    }
}

static LOGS: std::sync::Once = std::sync::Once::new();

fn init_logs() {
    LOGS.call_once(|| {
        tandem_server::telemetry::init(tandem_server::config::LogFormat::Human, "warn");
    });
}

/// Runs each named `async fn(TestApp)` once on SQLite and once on PostgreSQL, as two tests
/// `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let app = $crate::TestApp::spawn($crate::Backend::Sqlite).await.expect("SQLite always runs");
                    super::$name(app).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(app) = $crate::TestApp::spawn($crate::Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            }
        )+
    };
}
