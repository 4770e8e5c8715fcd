//! The people directory, and the tenant's switch for sensitive attributes.

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
            .alter_table(
                Table::alter()
                    .table("tenants")
                    .add_column(boolean("sensitive_attributes_enabled").default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("people")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string_len("external_id", 128))
                    .col(string_len("name", 200))
                    .col(string_len("email", 254))
                    .col(string_len_null("department", 200))
                    .col(string_len_null("function", 200))
                    .col(string_len_null("region", 200))
                    .col(string_len_null("location", 200))
                    .col(small_integer_null("job_level"))
                    .col(string_len_null("title", 200))
                    .col(uuid_null("manager_id"))
                    .col(string_len_null("time_zone", 64))
                    .col(json("languages"))
                    .col(json("skills"))
                    // "|python|data analysis|", lower-cased: filters by skill on both databases.
                    .col(text("skills_index"))
                    .col(boolean("is_executive"))
                    .col(date_null("hire_date"))
                    .col(string_len("preferred_locale", 8))
                    .col(string_len_null("gender", 64))
                    .col(string_len_null("age_band", 32))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(&mut tenant_pk())
                    .foreign_key(&mut tenant_fk("people"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_people_manager")
                            .from("people", ("tenant_id", "manager_id"))
                            .to("people", ("tenant_id", "id")),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns, unique) in [
            ("ux_people_external_id", &["tenant_id", "external_id"][..], true),
            ("ux_people_email", &["tenant_id", "email"][..], true),
            ("ix_people_department", &["tenant_id", "department"][..], false),
            ("ix_people_region", &["tenant_id", "region"][..], false),
            ("ix_people_manager", &["tenant_id", "manager_id"][..], false),
        ] {
            let mut index = Index::create().name(name).table("people").to_owned();
            for column in columns {
                index.col(*column);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index).await?;
        }
        rls::protect(manager, "people", "tenant_id", None).await?;
        rls::ensure_app_role(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("people").to_owned()).await?;
        manager
            .alter_table(Table::alter().table("tenants").drop_column("sensitive_attributes_enabled").to_owned())
            .await?;
        Ok(())
    }
}
