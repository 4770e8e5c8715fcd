//! Matching: runs of the solver over a program's accepted applicants, the pairs each run
//! proposes, the locks and forbids an admin sets on a program, which every run keeps, and the
//! pairs a published run makes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::rls;
use crate::shape::{tenant_fk, tenant_pk, within};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // `settings`: the mode's weights and constraints as asked; `result`: what the run found
        // beyond its totals (the unmatched with their reasons, the blind review's pseudonyms and
        // job attributes, the fairness report, the certificate).
        manager
            .create_table(
                Table::create()
                    .table("matching_runs")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("program_id"))
                    .col(string_len("mode", 16))
                    .col(json("settings"))
                    .col(string_len("state", 16))
                    .col(small_integer("progress"))
                    .col(text_null("error"))
                    .col(double_null("total"))
                    .col(integer_null("pairs"))
                    .col(integer_null("unmatched"))
                    .col(boolean("proven_optimal"))
                    .col(integer_null("blocking_pairs"))
                    .col(json_null("result"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("finished_at"))
                    .col(timestamp_with_time_zone_null("published_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("matching_runs"))
                    .foreign_key(&mut within("matching_runs", "fk_runs_program", ("program_id", "id"), "programs"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_matching_runs_program")
                    .table("matching_runs")
                    .col("tenant_id")
                    .col("program_id")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("matching_proposals")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("run_id"))
                    .col(uuid("mentor_id"))
                    .col(uuid("mentee_id"))
                    .col(double("score"))
                    .col(json("parts"))
                    .col(boolean("locked"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("matching_proposals"))
                    .foreign_key(&mut within(
                        "matching_proposals",
                        "fk_proposals_run",
                        ("run_id", "id"),
                        "matching_runs",
                    ))
                    .foreign_key(&mut within(
                        "matching_proposals",
                        "fk_proposals_mentor",
                        ("mentor_id", "id"),
                        "people",
                    ))
                    .foreign_key(&mut within(
                        "matching_proposals",
                        "fk_proposals_mentee",
                        ("mentee_id", "id"),
                        "people",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_matching_proposals_run")
                    .table("matching_proposals")
                    .col("tenant_id")
                    .col("run_id")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        // `kind`: lock or forbid. One decision per pair and program.
        manager
            .create_table(
                Table::create()
                    .table("matching_edits")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("program_id"))
                    .col(string_len("kind", 16))
                    .col(uuid("mentor_id"))
                    .col(uuid("mentee_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("matching_edits"))
                    .foreign_key(&mut within("matching_edits", "fk_edits_program", ("program_id", "id"), "programs"))
                    .foreign_key(&mut within("matching_edits", "fk_edits_mentor", ("mentor_id", "id"), "people"))
                    .foreign_key(&mut within("matching_edits", "fk_edits_mentee", ("mentee_id", "id"), "people"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_matching_edits_pair")
                    .table("matching_edits")
                    .col("tenant_id")
                    .col("program_id")
                    .col("mentor_id")
                    .col("mentee_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        // `state`: active, or withdrawn (the partner is free for a later run).
        manager
            .create_table(
                Table::create()
                    .table("pairs")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("program_id"))
                    .col(uuid("run_id"))
                    .col(uuid("mentor_id"))
                    .col(uuid("mentee_id"))
                    .col(double("score"))
                    .col(json("parts"))
                    .col(string_len("state", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("ended_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("pairs"))
                    .foreign_key(&mut within("pairs", "fk_pairs_program", ("program_id", "id"), "programs"))
                    .foreign_key(&mut within("pairs", "fk_pairs_run", ("run_id", "id"), "matching_runs"))
                    .foreign_key(&mut within("pairs", "fk_pairs_mentor", ("mentor_id", "id"), "people"))
                    .foreign_key(&mut within("pairs", "fk_pairs_mentee", ("mentee_id", "id"), "people"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_pairs_program")
                    .table("pairs")
                    .col("tenant_id")
                    .col("program_id")
                    .col("state")
                    .to_owned(),
            )
            .await?;
        for table in ["matching_runs", "matching_proposals", "matching_edits", "pairs"] {
            rls::protect(manager, table, "tenant_id", None).await?;
        }
        rls::ensure_app_role(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["pairs", "matching_edits", "matching_proposals", "matching_runs"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
