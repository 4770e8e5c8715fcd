//! Tandem's schema, one migration per change. Each migration is written once for both
//! backends with sea-query; PostgreSQL additionally gets row-level security (see [`rls`]).

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_tenancy;
mod m20261125_000002_jobs_and_mail;
mod m20261125_000003_people;
mod m20261125_000004_programs;
mod m20261125_000005_recruitment;
mod m20261201_000006_job_outbox;
mod m20261201_000007_rate_limits;
mod m20261202_000008_accounts;
mod m20261202_000009_directory_imports;
mod m20261202_000010_campaign_refusals;
mod m20261206_000011_matching;
pub mod m20261207_000012_tracking;
mod m20261207_000013_session_attendance;
mod m20261207_000014_program_lifecycle;
mod m20261208_000015_feedback;
mod m20261208_000016_nudges;
mod m20261209_000017_directory_statistics;
mod m20261210_000018_delivery_claims;
mod m20261211_000019_growing_tables_statistics;
pub mod rls;
mod shape;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_tenancy::Migration),
            Box::new(m20261125_000002_jobs_and_mail::Migration),
            Box::new(m20261125_000003_people::Migration),
            Box::new(m20261125_000004_programs::Migration),
            Box::new(m20261125_000005_recruitment::Migration),
            Box::new(m20261201_000006_job_outbox::Migration),
            Box::new(m20261201_000007_rate_limits::Migration),
            Box::new(m20261202_000008_accounts::Migration),
            Box::new(m20261202_000009_directory_imports::Migration),
            Box::new(m20261202_000010_campaign_refusals::Migration),
            Box::new(m20261206_000011_matching::Migration),
            Box::new(m20261207_000012_tracking::Migration),
            Box::new(m20261207_000013_session_attendance::Migration),
            Box::new(m20261207_000014_program_lifecycle::Migration),
            Box::new(m20261208_000015_feedback::Migration),
            Box::new(m20261208_000016_nudges::Migration),
            Box::new(m20261209_000017_directory_statistics::Migration),
            Box::new(m20261210_000018_delivery_claims::Migration),
            Box::new(m20261211_000019_growing_tables_statistics::Migration),
        ]
    }
}
