//! Row-level security on PostgreSQL, the second wall behind the tenant-scoped store.
//!
//! Every tenant table gets RLS *enabled and forced*, with a policy comparing its tenant
//! column to the transaction-local setting `tandem.tenant_id`. The store opens each tenant
//! unit of work with `set_config('role', 'tandem_app', true)` (`SET LOCAL ROLE` to a role
//! without BYPASSRLS) and `set_config('tandem.tenant_id', …, true)`; an unset setting compares as NULL and so
//! matches no row. `WITH CHECK` refuses writes into another tenant.
//!
//! On SQLite these functions do nothing: there the store's scoped handle is the only wall.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

/// The role the application assumes for tenant work. It owns nothing and cannot bypass RLS.
pub const APP_ROLE: &str = "tandem_app";

/// The expression every policy compares with: the current transaction's tenant, or NULL.
pub const CURRENT_TENANT: &str = "nullif(current_setting('tandem.tenant_id', true), '')::uuid";

/// The user whose own memberships a login may list across tenants (the one narrow path that
/// crosses tenants; see `memberships`).
pub const CURRENT_USER: &str = "nullif(current_setting('tandem.user_id', true), '')::uuid";

/// Creates the application role once per cluster (roles are cluster-wide, and several
/// databases may be migrated at the same time, hence the advisory lock) and grants it the
/// data privileges on this database's tables.
pub async fn ensure_app_role(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let db = manager.get_connection();
    db.execute_unprepared(&format!(
        "DO $$
         BEGIN
           PERFORM pg_advisory_xact_lock(7423901);
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
             CREATE ROLE {APP_ROLE} NOLOGIN NOBYPASSRLS;
           END IF;
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
         END $$;"
    ))
    .await?;
    db.execute_unprepared(&format!(
        "GRANT USAGE ON SCHEMA public TO {APP_ROLE};
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE};
         ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {APP_ROLE};"
    ))
    .await?;
    Ok(())
}

/// Enables and forces RLS on `table` with a policy on `tenant_column`.
/// `extra_read` widens only what may be *read* (never written), e.g. a user's own rows.
pub async fn protect(
    manager: &SchemaManager<'_>,
    table: &str,
    tenant_column: &str,
    extra_read: Option<&str>,
) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let same_tenant = format!("{tenant_column} = {CURRENT_TENANT}");
    let read = match extra_read {
        Some(extra) => format!("({same_tenant}) OR ({extra})"),
        None => same_tenant.clone(),
    };
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
             ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
             CREATE POLICY tenant_read ON {table} FOR SELECT USING ({read});
             CREATE POLICY tenant_insert ON {table} FOR INSERT WITH CHECK ({same_tenant});
             CREATE POLICY tenant_update ON {table} FOR UPDATE USING ({same_tenant}) WITH CHECK ({same_tenant});
             CREATE POLICY tenant_delete ON {table} FOR DELETE USING ({same_tenant});"
        ))
        .await?;
    Ok(())
}

/// `tandem_analyze_{table}()`: lets the application role bring PostgreSQL's statistics of
/// `table` up to date in the middle of its own transaction without owning the table. `ANALYZE`
/// needs the owner, hence `SECURITY DEFINER`, with a fixed search path; it reads no data out
/// and changes none.
pub async fn allow_analyze(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let function = format!("tandem_analyze_{table}()");
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "CREATE FUNCTION {function} RETURNS void
               LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
               AS 'ANALYZE {table}';
             REVOKE ALL ON FUNCTION {function} FROM PUBLIC;
             GRANT EXECUTE ON FUNCTION {function} TO {APP_ROLE};"
        ))
        .await?;
    Ok(())
}

/// Undoes [`allow_analyze`].
pub async fn disallow_analyze(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    manager.get_connection().execute_unprepared(&format!("DROP FUNCTION tandem_analyze_{table}()")).await?;
    Ok(())
}
