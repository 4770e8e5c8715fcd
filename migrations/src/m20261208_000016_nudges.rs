//! Nudges: the email reminders participants get. Each program may turn a rule off or change
//! its timing (`nudge_settings`; a rule without a row has its default) and pause them all
//! (`programs.nudges_paused`). Every nudge decided is a row of `nudges`, unique per rule,
//! person and period, so however often the scheduler runs, each goes out at most once; its
//! delivery (when one was made) says whether it was sent, held by quiet hours, or failed.
//!
//! The scheduler finds what is due in every tenant through one narrow, named path:
//! `tandem.nudge_scan = 'on'` lets a transaction read (never write) the tables the rules look
//! at, and nothing else.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::rls;
use crate::shape::{tenant_fk, tenant_pk, within};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables the nudge rules read across tenants.
pub const SCANNED: [&str; 9] = [
    "programs",
    "pairs",
    "pair_sessions",
    "check_ins",
    "surveys",
    "survey_invitees",
    "kickoffs",
    "nudge_settings",
    "nudges",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table("programs").add_column(boolean("nudges_paused").default(false)).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("nudge_settings")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("program_id"))
                    .col(string_len("rule", 32))
                    .col(boolean("enabled"))
                    .col(integer("days"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("nudge_settings"))
                    .foreign_key(&mut within(
                        "nudge_settings",
                        "fk_nudge_settings_program",
                        ("program_id", "id"),
                        "programs",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_nudge_settings")
                    .table("nudge_settings")
                    .col("tenant_id")
                    .col("program_id")
                    .col("rule")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("nudges")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("program_id"))
                    .col(uuid("person_id"))
                    .col(string_len("rule", 32))
                    .col(string_len("period", 200))
                    .col(string_len("state", 16))
                    .col(text_null("reason"))
                    .col(uuid_null("delivery_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("nudges"))
                    .foreign_key(&mut within("nudges", "fk_nudges_program", ("program_id", "id"), "programs"))
                    .foreign_key(&mut within("nudges", "fk_nudges_person", ("person_id", "id"), "people"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_nudges_once")
                    .table("nudges")
                    .col("tenant_id")
                    .col("rule")
                    .col("person_id")
                    .col("period")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_nudges_program")
                    .table("nudges")
                    .col("tenant_id")
                    .col("program_id")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_nudges_person")
                    .table("nudges")
                    .col("tenant_id")
                    .col("person_id")
                    .col("created_at")
                    .to_owned(),
            )
            .await?;
        for table in ["nudge_settings", "nudges"] {
            rls::protect(manager, table, "tenant_id", None).await?;
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            for table in SCANNED {
                manager
                    .get_connection()
                    .execute_unprepared(&format!(
                        "CREATE POLICY nudge_scan ON {table} FOR SELECT \
                         USING (current_setting('tandem.nudge_scan', true) = 'on');"
                    ))
                    .await?;
            }
        }
        rls::ensure_app_role(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            for table in SCANNED {
                manager
                    .get_connection()
                    .execute_unprepared(&format!("DROP POLICY IF EXISTS nudge_scan ON {table};"))
                    .await?;
            }
        }
        for table in ["nudges", "nudge_settings"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table("programs").drop_column("nudges_paused").to_owned()).await?;
        Ok(())
    }
}
