use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, SqliteTransactionMode, Statement,
    TransactionOptions, TransactionTrait,
};

use tandem_domain::TenantId;
use tandem_migrations::{Migrator, MigratorTrait, rls};

use crate::error::StoreError;
use crate::scoped::TenantTx;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

/// The application's database: a connection pool and the way into each tenant.
#[derive(Clone, Debug)]
pub struct Db {
    pub(crate) conn: DatabaseConnection,
}

impl Db {
    /// Connects to `url` (`postgres://…` or `sqlite://…`). SQLite runs in WAL mode with a busy
    /// timeout, so the API, worker and scheduler of one process can share the file.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        let mut options = ConnectOptions::new(url);
        options
            .max_connections(max_connections)
            .min_connections(0)
            .connect_timeout(Duration::from_secs(5))
            .acquire_timeout(Duration::from_secs(10))
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|opts: SqliteConnectOptions| {
                opts.journal_mode(SqliteJournalMode::Wal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
                    .create_if_missing(true)
            });
        let conn = Database::connect(options).await?;
        Ok(Self { conn })
    }

    pub fn backend(&self) -> Backend {
        match self.conn.get_database_backend() {
            DbBackend::Postgres => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        Migrator::up(&self.conn, None).await?;
        Ok(())
    }

    /// Is the database answering?
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.conn.ping().await?;
        Ok(())
    }

    pub async fn close(self) -> Result<(), StoreError> {
        self.conn.close().await?;
        Ok(())
    }

    /// Opens a unit of work inside one tenant. Commit it with [`TenantTx::commit`]; dropping it
    /// rolls back.
    pub async fn tenant(&self, tenant: TenantId) -> Result<TenantTx, StoreError> {
        let tx = self.begin().await?;
        if self.backend() == Backend::Postgres {
            tx.execute_unprepared(&format!("SET LOCAL ROLE {}", rls::APP_ROLE)).await?;
            tx.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT set_config('tandem.tenant_id', $1, true)",
                [tenant.to_string().into()],
            ))
            .await?;
        }
        Ok(TenantTx::new(tx, tenant))
    }

    /// SQLite transactions take the write lock up front (`BEGIN IMMEDIATE`): a deferred one
    /// that reads and then writes can fail at once when another writer got in between.
    pub(crate) async fn begin(&self) -> Result<sea_orm::DatabaseTransaction, StoreError> {
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        Ok(self.conn.begin_with_options(options).await?)
    }
}
