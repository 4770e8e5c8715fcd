//! Feedback: members' check-ins per period; a program's surveys, who is asked to answer them,
//! and their answers, kept apart; a company's own versions of the survey templates; and the
//! values program managers enter for their manual success metrics.
//!
//! An anonymous survey's response row has no person, no pair and no time: nothing in it or
//! next to it says who gave it. `survey_invitees.answered` only stops reminders.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::rls;
use crate::shape::{tenant_fk, tenant_pk, within};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 6] =
    ["check_ins", "surveys", "survey_invitees", "survey_responses", "survey_templates", "metric_readings"];

fn index(name: &str, table: &'static str, cols: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table).to_owned();
    for col in cols {
        index.col(*col);
    }
    if unique {
        index.unique();
    }
    index
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One per member of a pair per period (the period's first day); the emailed link's
        // token is kept as its SHA-256.
        manager
            .create_table(
                Table::create()
                    .table("check_ins")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("program_id"))
                    .col(uuid("pair_id"))
                    .col(uuid("person_id"))
                    .col(date("period"))
                    .col(date("period_end"))
                    .col(string_len("token_hash", 64))
                    .col(small_integer_null("score"))
                    .col(boolean_null("learned"))
                    .col(text_null("comment"))
                    .col(timestamp_with_time_zone_null("answered_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("check_ins"))
                    .foreign_key(&mut within("check_ins", "fk_check_ins_program", ("program_id", "id"), "programs"))
                    .foreign_key(&mut within("check_ins", "fk_check_ins_pair", ("pair_id", "id"), "pairs"))
                    .foreign_key(&mut within("check_ins", "fk_check_ins_person", ("person_id", "id"), "people"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ux_check_ins_period",
                "check_ins",
                &["tenant_id", "pair_id", "person_id", "period"],
                true,
            ))
            .await?;
        manager.create_index(index("ux_check_ins_hash", "check_ins", &["tenant_id", "token_hash"], true)).await?;
        manager
            .create_index(index("ix_check_ins_program", "check_ins", &["tenant_id", "program_id", "period"], false))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("surveys")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("program_id"))
                    .col(string_len("kind", 16))
                    .col(string_len("audience", 16))
                    .col(string_len("title", 200))
                    .col(json("questions"))
                    .col(boolean("anonymous"))
                    .col(string_len("state", 16))
                    .col(date_null("closes_on"))
                    .col(timestamp_with_time_zone_null("opened_at"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("surveys"))
                    .foreign_key(&mut within("surveys", "fk_surveys_program", ("program_id", "id"), "programs"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ix_surveys_program", "surveys", &["tenant_id", "program_id", "id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("survey_invitees")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("survey_id"))
                    .col(uuid("person_id"))
                    .col(string_len("role", 16))
                    .col(string_len("token_hash", 64))
                    .col(boolean("answered"))
                    .col(timestamp_with_time_zone_null("reminded_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("survey_invitees"))
                    .foreign_key(&mut within("survey_invitees", "fk_invitees_survey", ("survey_id", "id"), "surveys"))
                    .foreign_key(&mut within("survey_invitees", "fk_invitees_person", ("person_id", "id"), "people"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ux_survey_invitees",
                "survey_invitees",
                &["tenant_id", "survey_id", "person_id"],
                true,
            ))
            .await?;
        manager
            .create_index(index("ux_survey_invitees_hash", "survey_invitees", &["tenant_id", "token_hash"], true))
            .await?;
        // `person_id` only for surveys that are not anonymous; the id is random, not
        // time-ordered, and there is no timestamp.
        manager
            .create_table(
                Table::create()
                    .table("survey_responses")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("survey_id"))
                    .col(string_len("role", 16))
                    .col(uuid_null("person_id"))
                    .col(json("answers"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("survey_responses"))
                    .foreign_key(&mut within("survey_responses", "fk_responses_survey", ("survey_id", "id"), "surveys"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ix_survey_responses", "survey_responses", &["tenant_id", "survey_id"], false))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("survey_templates")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string_len("kind", 16))
                    .col(string_len("audience", 16))
                    .col(json("questions"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("survey_templates"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ux_survey_templates", "survey_templates", &["tenant_id", "kind", "audience"], true))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("metric_readings")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("program_id"))
                    .col(string_len("metric", 200))
                    .col(double("value"))
                    .col(date("recorded_on"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("metric_readings"))
                    .foreign_key(&mut within(
                        "metric_readings",
                        "fk_readings_program",
                        ("program_id", "id"),
                        "programs",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_metric_readings",
                "metric_readings",
                &["tenant_id", "program_id", "recorded_on"],
                false,
            ))
            .await?;
        for table in TABLES {
            rls::protect(manager, table, "tenant_id", None).await?;
        }
        rls::ensure_app_role(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            manager.drop_table(Table::drop().table(*table).to_owned()).await?;
        }
        Ok(())
    }
}
