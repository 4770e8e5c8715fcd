//! `email_deliveries.claimed_until`: the job sending a delivery holds it until then, so that no
//! other job (a batch's and a single one's, say) sends it at the same time. A job that dies
//! leaves the claim to run out, and the next attempt takes the delivery again.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::timestamp_with_time_zone_null;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("email_deliveries")
                    .add_column(timestamp_with_time_zone_null("claimed_until"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("email_deliveries").drop_column("claimed_until").to_owned()).await
    }
}
