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
//! again once committed. The function is `rls::allow_analyze`'s.

use sea_orm_migration::prelude::*;

use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rls::allow_analyze(manager, "people").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rls::disallow_analyze(manager, "people").await?;
        Ok(())
    }
}
