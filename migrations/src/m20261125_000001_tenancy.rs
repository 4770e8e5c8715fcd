//! Tenants, console users and their memberships, API keys, refresh tokens, invitations,
//! the audit log, and the login throttle.
//!
//! Tenant-owned tables have a composite primary key `(tenant_id, id)` and reference their
//! tenant, so a row can never point into another tenant.

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
                    .table("tenants")
                    .col(pk_uuid("id"))
                    .col(string_len("name", 200))
                    .col(string_len("locale", 8))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("users")
                    .col(pk_uuid("id"))
                    .col(string_len_uniq("email", 254))
                    .col(string_len("name", 200))
                    .col(string("password_hash"))
                    .col(string_len("locale", 8))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("memberships")
                    .col(uuid("tenant_id"))
                    .col(uuid("user_id"))
                    .col(string_len("role", 32))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("tenant_id").col("user_id"))
                    .foreign_key(&mut tenant_fk("memberships"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_memberships_user")
                            .from("memberships", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_memberships_user").table("memberships").col("user_id").to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("api_keys")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string_len("name", 200))
                    .col(string_len("prefix", 32))
                    .col(string_len_uniq("secret_hash", 64))
                    .col(string_len("scopes", 64))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("api_keys"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("refresh_tokens")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("user_id"))
                    .col(uuid("family_id"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("refresh_tokens"))
                    // Removing a member ends their sessions.
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_refresh_tokens_membership")
                            .from("refresh_tokens", ("tenant_id", "user_id"))
                            .to("memberships", ("tenant_id", "user_id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_refresh_tokens_family")
                    .table("refresh_tokens")
                    .col("tenant_id")
                    .col("family_id")
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("invitations")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string_len("email", 254))
                    .col(string_len("role", 32))
                    .col(string_len_uniq("token_hash", 64))
                    .col(uuid("invited_by"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("accepted_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("invitations"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("audit_events")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string_len("actor_kind", 16))
                    .col(uuid_null("actor_id"))
                    .col(string_len("action", 64))
                    .col(string_len("target_kind", 32))
                    .col(uuid_null("target_id"))
                    .col(json("details"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("audit_events"))
                    .to_owned(),
            )
            .await?;

        // Failed logins per email address, tenant-less because the tenant is not known yet.
        manager
            .create_table(
                Table::create()
                    .table("login_throttle")
                    .col(string_len("email", 254).primary_key())
                    .col(integer("failures"))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;

        rls::ensure_app_role(manager).await?;
        rls::protect(manager, "tenants", "id", None).await?;
        // A user may list their own memberships in every tenant: that is how login finds them.
        rls::protect(manager, "memberships", "tenant_id", Some(&format!("user_id = {}", rls::CURRENT_USER))).await?;
        for table in ["api_keys", "refresh_tokens", "invitations", "audit_events"] {
            rls::protect(manager, table, "tenant_id", None).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "login_throttle",
            "audit_events",
            "invitations",
            "refresh_tokens",
            "api_keys",
            "memberships",
            "users",
            "tenants",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
