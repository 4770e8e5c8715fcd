//! Programs: the design as a document (it grows with the method), with the columns that lists
//! filter on beside it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

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
                    .table("programs")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string_len("name", 200))
                    .col(string_len("kind", 16))
                    .col(string_len("state", 16))
                    .col(json("design"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("programs"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_programs_state").table("programs").col("tenant_id").col("state").to_owned(),
            )
            .await?;
        rls::protect(manager, "programs", "tenant_id", None).await?;
        rls::ensure_app_role(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("programs").to_owned()).await?;
        Ok(())
    }
}
