//! Programs complete at their end date by themselves: the scheduler reads which programs are
//! active in every tenant through the worker's narrow path (`tandem.queue = 'worker'`), which
//! this policy opens for reading the programs table and nothing else. The completion itself is
//! written in each program's own tenant.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "CREATE POLICY worker_read ON programs FOR SELECT \
                     USING (current_setting('tandem.queue', true) = 'worker');",
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager.get_connection().execute_unprepared("DROP POLICY IF EXISTS worker_read ON programs;").await?;
        }
        Ok(())
    }
}
