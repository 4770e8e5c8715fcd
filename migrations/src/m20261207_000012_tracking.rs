//! Launch and two-way tracking: participants' sign-in links and sessions, a program's kickoff,
//! training completions, and what pairs record (sessions, the learning log, goals, private
//! notes, their story); pairs may be paused with a reason.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::rls;
use crate::shape::{tenant_fk, tenant_pk, within};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The email a participant sign-in job looks up across tenants (see [`SIGN_IN_POLICY`]).
pub const SIGN_IN_EMAIL: &str = "nullif(current_setting('tandem.sign_in_email', true), '')";

const TABLES: [&str; 9] = [
    "participant_links",
    "participant_sessions",
    "kickoffs",
    "training_completions",
    "pair_sessions",
    "learning_entries",
    "pair_goals",
    "private_notes",
    "pair_stories",
];

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
        manager.alter_table(Table::alter().table("pairs").add_column(text_null("paused_reason")).to_owned()).await?;
        // A sign-in link emailed to a participant (single use, short-lived) and the session it
        // starts; both keep only the SHA-256 of their secret.
        for (table, ended) in [("participant_links", "used_at"), ("participant_sessions", "revoked_at")] {
            manager
                .create_table(
                    Table::create()
                        .table(table)
                        .col(uuid("tenant_id"))
                        .col(uuid("id"))
                        .col(uuid("person_id"))
                        .col(string_len("token_hash", 64))
                        .col(timestamp_with_time_zone("expires_at"))
                        .col(timestamp_with_time_zone_null(ended))
                        .col(timestamp_with_time_zone("created_at"))
                        .primary_key(&mut tenant_pk())
                        .foreign_key(&mut tenant_fk(table))
                        .foreign_key(&mut within(table, &format!("fk_{table}_person"), ("person_id", "id"), "people"))
                        .to_owned(),
                )
                .await?;
            manager.create_index(index(&format!("ux_{table}_hash"), table, &["tenant_id", "token_hash"], true)).await?;
        }
        // One kickoff per program; `sequence` rises with every change (RFC 5545).
        manager
            .create_table(
                Table::create()
                    .table("kickoffs")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("program_id"))
                    .col(timestamp_with_time_zone("starts_at"))
                    .col(timestamp_with_time_zone("ends_at"))
                    .col(string_len("time_zone", 64))
                    .col(string_len_null("place", 200))
                    .col(string_len_null("video_link", 2000))
                    .col(text_null("agenda"))
                    .col(integer("sequence"))
                    .col(timestamp_with_time_zone_null("cancelled_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("kickoffs"))
                    .foreign_key(&mut within("kickoffs", "fk_kickoffs_program", ("program_id", "id"), "programs"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ux_kickoffs_program", "kickoffs", &["tenant_id", "program_id"], true)).await?;
        // `module`: the index in the program design's training list.
        manager
            .create_table(
                Table::create()
                    .table("training_completions")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("program_id"))
                    .col(uuid("person_id"))
                    .col(integer("module"))
                    .col(timestamp_with_time_zone("completed_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("training_completions"))
                    .foreign_key(&mut within(
                        "training_completions",
                        "fk_training_program",
                        ("program_id", "id"),
                        "programs",
                    ))
                    .foreign_key(&mut within(
                        "training_completions",
                        "fk_training_person",
                        ("person_id", "id"),
                        "people",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ux_training_completions",
                "training_completions",
                &["tenant_id", "program_id", "person_id", "module"],
                true,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("pair_sessions")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("pair_id"))
                    .col(timestamp_with_time_zone("held_at"))
                    .col(integer("minutes"))
                    .col(string_len("format", 16))
                    .col(json("topics"))
                    .col(boolean("planned"))
                    .col(uuid("logged_by"))
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    .col(boolean("corrected"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("pair_sessions"))
                    .foreign_key(&mut within("pair_sessions", "fk_sessions_pair", ("pair_id", "id"), "pairs"))
                    .foreign_key(&mut within("pair_sessions", "fk_sessions_logger", ("logged_by", "id"), "people"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("learning_entries")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("pair_id"))
                    .col(uuid_null("session_id"))
                    .col(uuid("author_id"))
                    .col(string_len("direction", 16))
                    .col(json("topics"))
                    .col(text_null("note"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("learning_entries"))
                    .foreign_key(&mut within("learning_entries", "fk_learning_pair", ("pair_id", "id"), "pairs"))
                    .foreign_key(&mut within("learning_entries", "fk_learning_author", ("author_id", "id"), "people"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("pair_goals")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("pair_id"))
                    .col(string_len("title", 200))
                    .col(date_null("target_date"))
                    .col(string_len("status", 16))
                    .col(text_null("progress_note"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("pair_goals"))
                    .foreign_key(&mut within("pair_goals", "fk_goals_pair", ("pair_id", "id"), "pairs"))
                    .to_owned(),
            )
            .await?;
        // `sealed`: the note encrypted (AEAD) under the key named by `key_id`; never plain text.
        manager
            .create_table(
                Table::create()
                    .table("private_notes")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("pair_id"))
                    .col(uuid("author_id"))
                    .col(string_len("key_id", 64))
                    .col(text("sealed"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("private_notes"))
                    .foreign_key(&mut within("private_notes", "fk_notes_pair", ("pair_id", "id"), "pairs"))
                    .foreign_key(&mut within("private_notes", "fk_notes_author", ("author_id", "id"), "people"))
                    .to_owned(),
            )
            .await?;
        // `agreed_by`: the members who agreed to this text (a change clears it).
        manager
            .create_table(
                Table::create()
                    .table("pair_stories")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("pair_id"))
                    .col(string_len("title", 200))
                    .col(text("body"))
                    .col(json("agreed_by"))
                    .col(boolean("featured"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("pair_stories"))
                    .foreign_key(&mut within("pair_stories", "fk_stories_pair", ("pair_id", "id"), "pairs"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ux_pair_stories_pair", "pair_stories", &["tenant_id", "pair_id"], true)).await?;
        for (table, name) in [
            ("pair_sessions", "ix_pair_sessions_pair"),
            ("learning_entries", "ix_learning_entries_pair"),
            ("pair_goals", "ix_pair_goals_pair"),
            ("private_notes", "ix_private_notes_pair"),
        ] {
            manager.create_index(index(name, table, &["tenant_id", "pair_id", "id"], false)).await?;
        }
        for table in TABLES {
            rls::protect(manager, table, "tenant_id", None).await?;
        }
        // The one narrow path across tenants for participants: a sign-in job may read the
        // directory rows whose email is the one it was asked about, and nothing else.
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "CREATE POLICY participant_sign_in ON people FOR SELECT USING (email = {SIGN_IN_EMAIL});"
                ))
                .await?;
        }
        rls::ensure_app_role(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager.get_connection().execute_unprepared("DROP POLICY IF EXISTS participant_sign_in ON people;").await?;
        }
        for table in TABLES.iter().rev() {
            manager.drop_table(Table::drop().table(*table).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table("pairs").drop_column("paused_reason").to_owned()).await?;
        Ok(())
    }
}
