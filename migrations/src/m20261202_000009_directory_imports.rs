//! What the directory learns from a company's own HR export: how its names are read
//! (furigana, for sorting Japanese names), and the column and grade mapping an admin chose,
//! remembered for the next import of the same file.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::rls;
use crate::shape::tenant_fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("people").add_column(string_len_null("name_reading", 200)).to_owned())
            .await?;
        // One row per tenant: `columns` maps a header to a person field (null: ignored),
        // `grades` maps a grade as the HR system writes it to a job level.
        manager
            .create_table(
                Table::create()
                    .table("import_mappings")
                    .col(uuid("tenant_id").primary_key())
                    .col(json("columns"))
                    .col(json("grades"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut tenant_fk("import_mappings"))
                    .to_owned(),
            )
            .await?;
        rls::protect(manager, "import_mappings", "tenant_id", None).await?;
        rls::ensure_app_role(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("import_mappings").to_owned()).await?;
        manager.alter_table(Table::alter().table("people").drop_column("name_reading").to_owned()).await?;
        Ok(())
    }
}
