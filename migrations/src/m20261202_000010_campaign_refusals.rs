//! How many people a campaign's public link turned away, and why: counts only, never who, so
//! an admin can see that a program's rules keep people out without learning whom.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::rls;
use crate::shape::tenant_fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // `reason` is a refusal's kind (`level_too_low`, …), `people` for the applicants who
        // were told it, or `not_in_directory` for addresses nobody in the directory has.
        manager
            .create_table(
                Table::create()
                    .table("campaign_refusals")
                    .col(uuid("tenant_id"))
                    .col(uuid("campaign_id"))
                    .col(string_len("reason", 32))
                    .col(big_integer("count"))
                    .primary_key(Index::create().col("tenant_id").col("campaign_id").col("reason"))
                    .foreign_key(&mut tenant_fk("campaign_refusals"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_refusals_campaign")
                            .from("campaign_refusals", ("tenant_id", "campaign_id"))
                            .to("campaigns", ("tenant_id", "id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        rls::protect(manager, "campaign_refusals", "tenant_id", None).await?;
        rls::ensure_app_role(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("campaign_refusals").to_owned()).await?;
        Ok(())
    }
}
