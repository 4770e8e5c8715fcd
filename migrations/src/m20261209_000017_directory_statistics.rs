//! `tandem_analyze_people()`: the application role may bring PostgreSQL's statistics of the
//! directory up to date, in the middle of its own transaction, without owning the table.
//!
//! Until a table has statistics, PostgreSQL prices every index that starts with `tenant_id`
//! alike for a lookup by `(tenant_id, id)` and may take one of them instead of the primary key,
//! scanning the whole tenant. That lookup is the foreign-key check of every person written
//! with a manager: a first import of 10,000 people into a new database took 9.5 s, 0.6 ms a
//! check, and a person read by id ran at a third of its speed until autovacuum analysed. An
//! import refreshes the statistics after its first layer of people (managers), in its own
//! transaction, so the checks that follow take the primary key; a large import refreshes them
//! again once committed. `ANALYZE` needs the owner, hence `SECURITY DEFINER`, with a fixed
//! search path; it reads no data out and changes none.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::rls::APP_ROLE;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "CREATE FUNCTION tandem_analyze_people() RETURNS void
                   LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
                   AS 'ANALYZE people';
                 REVOKE ALL ON FUNCTION tandem_analyze_people() FROM PUBLIC;
                 GRANT EXECUTE ON FUNCTION tandem_analyze_people() TO {APP_ROLE};"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        manager.get_connection().execute_unprepared("DROP FUNCTION tandem_analyze_people()").await?;
        Ok(())
    }
}
