//! The SQL job queue, email deliveries, tenants' template overrides, the suppression list,
//! and named locks (the scheduler's).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::rls;
use crate::shape::{tenant_fk, tenant_pk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("jobs")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string_len("kind", 64))
                    .col(json("payload"))
                    // Unique across the queue; callers prefix it with their tenant.
                    .col(string_len_uniq("idempotency_key", 300))
                    // queued, running, retrying, done, dead
                    .col(string_len("state", 16))
                    .col(integer("attempts"))
                    .col(integer("max_attempts"))
                    .col(timestamp_with_time_zone("run_at"))
                    .col(uuid_null("lease_id"))
                    .col(timestamp_with_time_zone_null("lease_until"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("jobs"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_jobs_due").table("jobs").col("state").col("run_at").to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("email_deliveries")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string_len("idempotency_key", 300))
                    .col(string_len("category", 32))
                    .col(string_len("template", 64))
                    .col(string_len("locale", 8))
                    .col(string_len("to_email", 254))
                    .col(string_len_null("to_name", 200))
                    .col(string_len_null("time_zone", 64))
                    .col(json("context"))
                    .col(string_len_null("subject", 998))
                    // queued, sending, sent, failed, retrying, suppressed
                    .col(string_len("state", 16))
                    .col(text_null("reason"))
                    .col(string_len("message_id", 300))
                    .col(integer("attempts"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("email_deliveries"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_email_deliveries_key")
                    .table("email_deliveries")
                    .col("tenant_id")
                    .col("idempotency_key")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_email_deliveries_recipient")
                    .table("email_deliveries")
                    .col("tenant_id")
                    .col("to_email")
                    .col("sent_at")
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("email_templates")
                    .col(uuid("tenant_id"))
                    .col(string_len("template", 64))
                    .col(string_len("locale", 8))
                    .col(string_len("subject", 998))
                    .col(text("html"))
                    .col(text("text"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("tenant_id").col("template").col("locale"))
                    .foreign_key(&mut tenant_fk("email_templates"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("email_suppressions")
                    .col(uuid("tenant_id"))
                    .col(string_len("email", 254))
                    // A category, or "all".
                    .col(string_len("category", 32))
                    .col(string_len("reason", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("tenant_id").col("email").col("category"))
                    .foreign_key(&mut tenant_fk("email_suppressions"))
                    .to_owned(),
            )
            .await?;

        // Named leases across processes (the scheduler's "only one of me" lock).
        manager
            .create_table(
                Table::create()
                    .table("locks")
                    .col(string_len("name", 64).primary_key())
                    .col(string_len("holder", 128))
                    .col(timestamp_with_time_zone("expires_at"))
                    .to_owned(),
            )
            .await?;

        // The worker's sweeper reads stranded deliveries of every tenant (read only).
        let worker = "current_setting('tandem.queue', true) = 'worker'";
        rls::protect(manager, "email_deliveries", "tenant_id", Some(worker)).await?;
        for table in ["email_templates", "email_suppressions"] {
            rls::protect(manager, table, "tenant_id", None).await?;
        }
        protect_jobs(manager).await?;
        rls::ensure_app_role(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["locks", "email_suppressions", "email_templates", "email_deliveries", "jobs"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            manager.get_connection().execute_unprepared("DROP FUNCTION IF EXISTS tandem_jobs_keep_tenant()").await?;
        }
        Ok(())
    }
}

/// The queue's worker claims jobs of every tenant: that is its job. Its transactions set
/// `tandem.queue = 'worker'`, which opens the `jobs` table (and nothing else) across tenants.
/// Everyone else sees their tenant's jobs only.
async fn protect_jobs(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let tenant = format!("tenant_id = {}", rls::CURRENT_TENANT);
    let worker = "current_setting('tandem.queue', true) = 'worker'";
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
             ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
             CREATE POLICY tenant_read ON jobs FOR SELECT USING (({tenant}) OR {worker});
             CREATE POLICY tenant_insert ON jobs FOR INSERT WITH CHECK ({tenant});
             CREATE POLICY tenant_update ON jobs FOR UPDATE USING (({tenant}) OR {worker}) WITH CHECK (({tenant}) OR {worker});
             CREATE POLICY tenant_delete ON jobs FOR DELETE USING (({tenant}) OR {worker});
             -- A policy cannot compare a row with its old self, so a trigger keeps the worker's
             -- updates within the job's tenant.
             CREATE FUNCTION tandem_jobs_keep_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
               IF NEW.tenant_id <> OLD.tenant_id THEN
                 RAISE EXCEPTION 'a job cannot move to another tenant';
               END IF;
               RETURN NEW;
             END $$;
             CREATE TRIGGER jobs_keep_tenant BEFORE UPDATE ON jobs
               FOR EACH ROW EXECUTE FUNCTION tandem_jobs_keep_tenant();"
        ))
        .await?;
    Ok(())
}
