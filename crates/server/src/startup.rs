//! Builds the application from configuration. `Application::build` binds the port (0 picks a
//! free one, which is what tests do) and returns something to run.

use std::net::TcpListener;
use std::path::Path;

use actix_web::{HttpServer, web};
use anyhow::{Context, bail};
use rand::RngCore;
use tandem_api::{ApiSettings, JwtKeys, Services};
use tandem_mail::Mailer;
use tandem_store::Db;

use crate::config::Config;

pub struct Application {
    port: u16,
    server: actix_web::dev::Server,
}

impl Application {
    /// Connects to the database, migrates it, and binds the HTTP server.
    pub async fn build(config: &Config) -> anyhow::Result<Self> {
        let db = connect(config).await?;
        Self::build_with(config, db)
    }

    /// Binds the HTTP server on an already migrated database.
    pub fn build_with(config: &Config, db: Db) -> anyhow::Result<Self> {
        let services = Services {
            db: web::Data::new(db),
            keys: web::Data::new(jwt_keys(config)?),
            mailer: web::Data::new(mailer(config)?),
            settings: web::Data::new(ApiSettings {
                public_url: config.public_url.clone(),
                cors_origins: config.cors_origins.clone(),
                console_dir: Some(config.console_dir.clone()),
            }),
        };
        let spec = tandem_api::openapi();
        let listener = TcpListener::bind((config.host.as_str(), config.port))
            .with_context(|| format!("binding {}:{}", config.host, config.port))?;
        let port = listener.local_addr()?.port();
        let mut server = HttpServer::new(move || tandem_api::app(services.clone(), spec.clone()))
            .listen(listener)?
            .shutdown_timeout(30);
        if let Some(workers) = config.http_workers {
            server = server.workers(workers);
        }
        Ok(Self { port, server: server.run() })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGINT or SIGTERM, then finishes in-flight requests (up to 30 s).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Connects and applies pending migrations. SQLite files live under `data_dir`, created here.
pub async fn connect(config: &Config) -> anyhow::Result<Db> {
    if config.is_sqlite() {
        std::fs::create_dir_all(&config.data_dir).with_context(|| format!("creating {}", config.data_dir.display()))?;
    }
    let db = Db::connect(config.database_url.expose(), config.database_max_connections)
        .await
        .context("connecting to the database")?;
    db.migrate().await.context("migrating the database")?;
    Ok(db)
}

pub fn mailer(config: &Config) -> anyhow::Result<Mailer> {
    Ok(match &config.smtp_url {
        Some(url) => Mailer::smtp(url.expose(), &config.mail_from)?,
        None => Mailer::outbox(&config.outbox_dir, &config.mail_from)?,
    })
}

/// The configured signing key, or one generated once into `data_dir/jwt.secret` so that
/// sessions survive restarts of the embedded default.
pub fn jwt_keys(config: &Config) -> anyhow::Result<JwtKeys> {
    if let Some(secret) = &config.jwt_secret {
        if secret.expose().len() < 32 {
            bail!("jwt_secret must be at least 32 bytes");
        }
        return Ok(JwtKeys::new(secret.expose().as_bytes()));
    }
    let path = config.data_dir.join("jwt.secret");
    Ok(JwtKeys::new(&load_or_create_secret(&path)?))
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
    std::fs::write(path, &secret).with_context(|| format!("writing {}", path.display()))?;
    tracing::warn!(path = %path.display(), "generated an access-token signing key; set TANDEM_JWT_SECRET when running more than one API process");
    Ok(secret)
}
