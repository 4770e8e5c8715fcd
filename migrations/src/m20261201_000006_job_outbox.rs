//! The job outbox: jobs recorded by a tenant transaction for a queue outside the database
//! (Redis). The transaction that records the work writes its jobs here, so they commit or
//! roll back with it; a relay moves them to the queue and deletes them.

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
                    .table("job_outbox")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string_len("kind", 64))
                    .col(json("payload"))
                    .col(string_len("idempotency_key", 300))
                    .col(timestamp_with_time_zone("run_at"))
                    .col(integer("max_attempts"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("job_outbox"))
                    .to_owned(),
            )
            .await?;
        // The relay takes the oldest first.
        manager
            .create_index(Index::create().name("ix_job_outbox_order").table("job_outbox").col("id").to_owned())
            .await?;
        protect_outbox(manager).await?;
        rls::ensure_app_role(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("job_outbox").to_owned()).await?;
        Ok(())
    }
}

/// A tenant's transactions write their own rows; the relay (`tandem.queue = 'worker'`, the
/// queue's narrow path) reads, locks and deletes the rows of every tenant; no row is ever
/// updated.
async fn protect_outbox(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let tenant = format!("tenant_id = {}", rls::CURRENT_TENANT);
    let worker = "current_setting('tandem.queue', true) = 'worker'";
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "ALTER TABLE job_outbox ENABLE ROW LEVEL SECURITY;
             ALTER TABLE job_outbox FORCE ROW LEVEL SECURITY;
             CREATE POLICY tenant_read ON job_outbox FOR SELECT USING (({tenant}) OR {worker});
             CREATE POLICY tenant_insert ON job_outbox FOR INSERT WITH CHECK ({tenant});
             -- Nobody changes a row; the relay may lock rows (SELECT … FOR UPDATE applies
             -- the UPDATE policy's USING) so that relays take different ones.
             CREATE POLICY tenant_update ON job_outbox FOR UPDATE USING (({tenant}) OR {worker}) WITH CHECK (false);
             CREATE POLICY tenant_delete ON job_outbox FOR DELETE USING (({tenant}) OR {worker});"
        ))
        .await?;
    Ok(())
}
