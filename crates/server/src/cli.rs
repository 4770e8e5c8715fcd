//! The command line. `tandem` alone is `tandem serve`.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::{Config, LogFormat};
use crate::startup::{self, Application, Role};
use crate::{bench, demo, telemetry};

/// Tandem runs reverse and mutual mentoring programs for companies.
///
/// Configuration comes from built-in defaults, then the TOML file given with --config, then
/// environment variables, each overriding the one before (the settings are listed below; in
/// a TOML file use their names). With no configuration Tandem runs on SQLite under ./var and
/// writes email to ./var/outbox, needing no other server.
#[derive(Debug, Parser)]
#[command(name = "tandem", version, propagate_version = true, after_long_help = settings_help())]
pub struct Cli {
    /// A TOML configuration file.
    #[arg(long, short, global = true, env = "TANDEM_CONFIG")]
    config: Option<PathBuf>,
    /// Log JSON lines instead of human-readable text.
    #[arg(long, global = true)]
    json_logs: bool,
    /// Port to listen on (overrides TANDEM_PORT): the API's, or a worker's health and metrics.
    #[arg(long, short, global = true)]
    port: Option<u16>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Every setting with its environment variable, for `tandem --help`.
fn settings_help() -> String {
    let width = crate::config::SETTINGS.iter().map(|(_, env, _)| env.len()).max().unwrap_or(0);
    let mut help =
        String::from("Settings (environment variable, then meaning; in a TOML file use the lowercase name):\n");
    for (name, env, meaning) in crate::config::SETTINGS {
        help.push_str(&format!("  {env:width$}  {meaning} [{name}]\n"));
    }
    help
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run everything in one process: the API and console, the worker and the scheduler (default).
    Serve,
    /// Run only the HTTP API (stateless; run as many as you like behind a load balancer).
    Api,
    /// Run the worker (background jobs: email, …) and the scheduler. Run as many as you like:
    /// jobs are leased, and only one scheduler is active at a time. It serves /healthz,
    /// /readyz and /metrics on its port.
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
    /// Measure a part of Tandem on a generated problem (see docs/benchmarks.md).
    #[command(subcommand)]
    Bench(Bench),
}

#[derive(Debug, Subcommand)]
enum Bench {
    /// Solve an N×N matching problem for the most pairs and then the best total, and print
    /// `total`, `pairs`, and the seconds to build, solve and check the certificate.
    Matching {
        /// Mentors and mentees on each side.
        #[arg(long)]
        size: usize,
        /// The same seed builds the same problem.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_enum, default_value = "realistic")]
        family: bench::Family,
        /// Also write the score matrix here: little-endian f64, row-major, forbidden pairs as -1e9.
        #[arg(long)]
        scores_out: Option<PathBuf>,
    },
    /// Solve mentors with several seats against mentees, uniform scores with a share
    /// forbidden, for both goals.
    MatchingUnbalanced {
        #[arg(long)]
        mentors: usize,
        #[arg(long, default_value_t = 1)]
        seats: u32,
        #[arg(long)]
        mentees: usize,
        /// The share of pairs forbidden, 0 to 1.
        #[arg(long, default_value_t = 0.0)]
        forbidden: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Solve a mutual program's pool of N people (anyone with anyone) for both goals.
    MatchingPool {
        #[arg(long)]
        size: usize,
        /// Scores in steps of 0.5, so that many tie.
        #[arg(long)]
        half_points: bool,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Seed a company of N employees with a reverse program whose eligible people are all
    /// accepted, then time one whole matching run as the worker does it.
    MatchingRun {
        /// Employees in the directory (about half of them are eligible applicants).
        #[arg(long)]
        people: usize,
        /// A database to use instead of a fresh SQLite file (e.g. an empty PostgreSQL database).
        #[arg(long)]
        database_url: Option<String>,
    },
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

impl Cli {
    pub async fn run(self) -> anyhow::Result<()> {
        let mut config = Config::load(self.config.as_deref()).context("reading configuration")?;
        if self.json_logs {
            config.log_format = LogFormat::Json;
        }
        if let Some(port) = self.port {
            config.port = port;
        }
        telemetry::init(config.log_format, &config.log_level);
        match self.command.unwrap_or(Command::Serve) {
            Command::Serve => run(&config, Role::All).await?,
            Command::Api => run(&config, Role::Api).await?,
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
                // Where `tandem serve` with this configuration will answer.
                let url = match config.public_url.trim_end_matches('/') {
                    "" => format!("http://localhost:{}", config.port),
                    set => set.to_owned(),
                };
                println!("{}", summary.render(&url));
            }
            Command::Bench(Bench::Matching { size, seed, family, scores_out }) => {
                let report = bench::matching(size, seed, family, scores_out.as_deref())?;
                report.print(&mut std::io::stdout().lock())?;
            }
            Command::Bench(Bench::MatchingUnbalanced { mentors, seats, mentees, forbidden, seed }) => {
                let reports = bench::matching_unbalanced(mentors, seats, mentees, forbidden, seed)?;
                bench::ShapeReport::print(&reports, &mut std::io::stdout().lock())?;
            }
            Command::Bench(Bench::MatchingPool { size, half_points, seed }) => {
                let reports = bench::matching_pool(size, half_points, seed)?;
                bench::ShapeReport::print(&reports, &mut std::io::stdout().lock())?;
            }
            Command::Bench(Bench::MatchingRun { people, database_url }) => {
                let report = bench::matching_run(people, database_url).await?;
                report.print(&mut std::io::stdout().lock())?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::*;

    #[test]
    fn the_help_lists_every_setting_with_its_environment_variable() {
        let help = Cli::command().render_long_help().to_string();
        for (name, env, _) in crate::config::SETTINGS {
            assert!(help.contains(env) && help.contains(&format!("[{name}]")), "{name} is missing from --help");
        }
        for command in ["serve", "api", "worker", "migrate", "openapi", "demo"] {
            assert!(help.contains(command), "{command} is missing from --help");
        }
    }

    #[test]
    fn the_port_may_be_given_with_or_without_a_command() {
        assert_eq!(Cli::try_parse_from(["tandem", "--port", "9000"]).unwrap().port, Some(9000));
        assert_eq!(Cli::try_parse_from(["tandem", "api", "-p", "9001"]).unwrap().port, Some(9001));
        assert!(matches!(Cli::try_parse_from(["tandem", "serve"]).unwrap().command, Some(Command::Serve)));
        assert!(Cli::try_parse_from(["tandem", "--port", "not-a-port"]).is_err());
    }
}
