//! Shapes every tenant table shares: its tenant foreign key and its `(tenant_id, id)` key.

use sea_orm_migration::prelude::*;

/// `tenant_id` references the tenant; deleting a tenant deletes its rows.
pub fn tenant_fk(table: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_tenant"))
        .from(table, "tenant_id")
        .to("tenants", "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// The primary key of a tenant table.
pub fn tenant_pk() -> IndexCreateStatement {
    Index::create().col("tenant_id").col("id").to_owned()
}

/// A foreign key inside one tenant: `(tenant_id, column)` of `table` references
/// `(tenant_id, target)` of `to`, deleted with it.
pub fn within(
    table: &'static str,
    name: &str,
    columns: (&'static str, &'static str),
    to: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, ("tenant_id", columns.0))
        .to(to, ("tenant_id", columns.1))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}
