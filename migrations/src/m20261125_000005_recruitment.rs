//! Recruitment: campaigns of a program, their invitees, and applications.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::rls;
use crate::shape::{tenant_fk, tenant_pk, within};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("campaigns")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("program_id"))
                    .col(string_len("name", 200))
                    .col(string_len("kind", 16))
                    .col(string_len("state", 16))
                    // The public link of an open campaign (not a secret: it is meant to be shared).
                    .col(string_len_uniq("public_token", 128))
                    .col(integer("public_opens"))
                    .col(timestamp_with_time_zone_null("deadline"))
                    .col(timestamp_with_time_zone_null("send_at"))
                    .col(integer_null("reminder_hours_before"))
                    .col(json("messages"))
                    .col(json("questions"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("campaigns"))
                    .foreign_key(&mut within("campaigns", "fk_campaigns_program", ("program_id", "id"), "programs"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("campaign_invitees")
                    .col(uuid("tenant_id"))
                    .col(uuid("campaign_id"))
                    .col(uuid("person_id"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(timestamp_with_time_zone("invited_at"))
                    .col(timestamp_with_time_zone_null("emailed_at"))
                    .col(timestamp_with_time_zone_null("opened_at"))
                    .col(timestamp_with_time_zone_null("reminded_at"))
                    .primary_key(Index::create().col("tenant_id").col("campaign_id").col("person_id"))
                    .foreign_key(&mut tenant_fk("campaign_invitees"))
                    .foreign_key(&mut within(
                        "campaign_invitees",
                        "fk_invitees_campaign",
                        ("campaign_id", "id"),
                        "campaigns",
                    ))
                    .foreign_key(&mut within("campaign_invitees", "fk_invitees_person", ("person_id", "id"), "people"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("applications")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("campaign_id"))
                    .col(uuid("program_id"))
                    .col(uuid("person_id"))
                    .col(string_len("role_wanted", 16))
                    .col(json("form"))
                    .col(string_len("status", 16))
                    .col(string_len_uniq("token_hash", 64))
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("applications"))
                    .foreign_key(&mut within(
                        "applications",
                        "fk_applications_campaign",
                        ("campaign_id", "id"),
                        "campaigns",
                    ))
                    .foreign_key(&mut within("applications", "fk_applications_person", ("person_id", "id"), "people"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_applications_person")
                    .table("applications")
                    .col("tenant_id")
                    .col("campaign_id")
                    .col("person_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        for table in ["campaigns", "campaign_invitees", "applications"] {
            rls::protect(manager, table, "tenant_id", None).await?;
        }
        rls::ensure_app_role(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["applications", "campaign_invitees", "campaigns"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
