//! `tandem_analyze_email_deliveries()` and `tandem_analyze_nudges()`: the application role may
//! bring PostgreSQL's statistics of those tables up to date, in the middle of its own
//! transaction, as migration 17 lets it do for the directory.
//!
//! A campaign writes thousands of deliveries at once and its jobs start on them at once, before
//! autovacuum has analysed the table. Until then PostgreSQL believes a tenant has a handful of
//! deliveries, and reads a batch's 16 by `(tenant_id, id)` through the recipient index on
//! `tenant_id`, scanning the whole tenant: measured with `auto_explain` during a 10,000-email
//! campaign, the claim's UPDATE took 39 ms a call instead of 1 ms, and the SELECT of what was
//! just written 151 ms for 500 keys. A first nudge pass is the same with nudges: each one's
//! update by `(tenant_id, id)` scanned the table (a plan made while it was empty, kept by the
//! connection), 0.65 ms a nudge. The functions are `rls::allow_analyze`'s.

use sea_orm_migration::prelude::*;

use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rls::allow_analyze(manager, "email_deliveries").await?;
        rls::allow_analyze(manager, "nudges").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rls::disallow_analyze(manager, "nudges").await?;
        rls::disallow_analyze(manager, "email_deliveries").await?;
        Ok(())
    }
}
