//! What an account needs before and beside its tenants: sign-ups waiting for the emailed link
//! that proves the address, password resets, and the product's own tenant, which sends those
//! emails. Not tenant data: a sign-up has no tenant yet, and an account belongs to several.

use chrono::Utc;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `tandem_domain::TenantId::PLATFORM` (the migrations do not depend on the domain crate).
const PLATFORM_TENANT: uuid::Uuid = uuid::Uuid::from_u128(0x0000_0000_0000_7000_8000_0000_0000_0001);

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("signups")
                    .col(pk_uuid("id"))
                    .col(string_len("email", 254))
                    .col(string_len("company_name", 200))
                    .col(string_len("owner_name", 200))
                    .col(string("password_hash"))
                    .col(string_len("locale", 8))
                    .col(string_len_uniq("token_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("ix_signups_email").table("signups").col("email").to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table("password_resets")
                    .col(pk_uuid("id"))
                    .col(uuid("user_id"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_password_resets_user")
                            .from("password_resets", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        let platform = Query::insert()
            .into_table("tenants")
            .columns(["id", "name", "locale", "created_at", "sensitive_attributes_enabled"])
            .values_panic([PLATFORM_TENANT.into(), "Tandem".into(), "en".into(), Utc::now().into(), false.into()])
            .to_owned();
        manager.exec_stmt(platform).await?;
        crate::rls::ensure_app_role(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .exec_stmt(Query::delete().from_table("tenants").and_where(Expr::col("id").eq(PLATFORM_TENANT)).to_owned())
            .await?;
        for table in ["password_resets", "signups"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
