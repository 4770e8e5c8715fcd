//! The command line. `tandem` alone is `tandem serve`.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::{Config, LogFormat};
use crate::startup::{self, Application, Role};
use crate::{demo, telemetry};

/// Tandem runs reverse and mutual mentoring programs for companies.
///
/// Configuration comes from built-in defaults, then the TOML file given with --config, then
/// environment variables (TANDEM_PORT, TANDEM_DATABASE_URL or DATABASE_URL, …; see the
/// README), each overriding the one before. With no configuration Tandem runs on SQLite
/// under ./var and writes email to ./var/outbox, needing no other server.
#[derive(Debug, Parser)]
#[command(name = "tandem", version, propagate_version = true)]
pub struct Cli {
    /// A TOML configuration file.
    #[arg(long, short, global = true, env = "TANDEM_CONFIG")]
    config: Option<PathBuf>,
    /// Log JSON lines instead of human-readable text.
    #[arg(long, global = true)]
    json_logs: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run everything in one process: the API and console, the worker and the scheduler (default).
    Serve(ServeArgs),
    /// Run only the HTTP API (stateless; run as many as you like behind a load balancer).
    Api(ServeArgs),
    /// Run the worker (background jobs: email, …) and the scheduler. Run as many as you like:
    /// jobs are leased, and only one scheduler is active at a time.
    Worker,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document (JSON) of this build.
    Openapi {
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Create a demo company with a team and an API key, and print how to log in.
    Demo,
}

async fn run(config: &Config, role: Role) -> anyhow::Result<()> {
    let app = Application::build(config, role).await?;
    tracing::info!(
        ?role,
        port = app.port(),
        database = if config.is_sqlite() { "sqlite" } else { "postgres" },
        queue = if config.redis_url.is_some() { "redis" } else { "sql" },
        "tandem is running"
    );
    app.run_until_stopped().await?;
    tracing::info!("stopped");
    Ok(())
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Port to listen on (overrides TANDEM_PORT).
    #[arg(long, short)]
    port: Option<u16>,
}

impl ServeArgs {
    fn apply(self, mut config: Config) -> Config {
        if let Some(port) = self.port {
            config.port = port;
        }
        config
    }
}

impl Cli {
    pub async fn run(self) -> anyhow::Result<()> {
        let mut config = Config::load(self.config.as_deref()).context("reading configuration")?;
        if self.json_logs {
            config.log_format = LogFormat::Json;
        }
        telemetry::init(config.log_format, &config.log_level);
        match self.command.unwrap_or(Command::Serve(ServeArgs { port: None })) {
            Command::Serve(args) => run(&args.apply(config), Role::All).await?,
            Command::Api(args) => run(&args.apply(config), Role::Api).await?,
            Command::Worker => run(&config, Role::Worker).await?,
            Command::Migrate => {
                startup::connect(&config).await?;
                tracing::info!("migrations applied");
            }
            Command::Openapi { output } => {
                let json = tandem_api::openapi().to_pretty_json()?;
                match output {
                    Some(path) => std::fs::write(&path, json + "\n")?,
                    None => println!("{json}"),
                }
            }
            Command::Demo => {
                let db = startup::connect(&config).await?;
                let summary = demo::seed(&db).await?;
                println!("{}", summary.render(&config.public_url));
            }
        }
        Ok(())
    }
}
