use std::sync::Arc;
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

/// Where a transaction's jobs go (see [`TenantTx::enqueue`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobSink {
    /// The `jobs` table: the queue is this database (the SQL queue).
    Queue,
    /// The `job_outbox` table, which a relay moves to the queue (Redis).
    Outbox,
}

/// The application's database: a connection pool and the way into each tenant.
#[derive(Clone, Debug)]
pub struct Db {
    pub(crate) conn: DatabaseConnection,
    pub(crate) sink: JobSink,
    /// Told when a transaction that wrote to the outbox commits, so the relay in this process
    /// moves the jobs at once rather than at its next poll.
    pub(crate) outbox_written: Arc<tokio::sync::Notify>,
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
        Ok(Self { conn, sink: JobSink::Queue, outbox_written: Arc::default() })
    }

    /// Sends the jobs that transactions record to the outbox, for a queue outside this
    /// database (Redis). Set once at start, before the handle is shared.
    pub fn with_job_outbox(mut self) -> Self {
        self.sink = JobSink::Outbox;
        self
    }

    pub fn job_sink(&self) -> JobSink {
        self.sink
    }

    /// Resolves when a transaction that wrote to the outbox has committed.
    pub async fn outbox_written(&self) {
        self.outbox_written.notified().await;
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
        self.enter(tx, tenant, false).await
    }

    /// Opens a unit of work that only reads. On SQLite it does not take the write lock (a
    /// deferred transaction reads its snapshot beside a writer); on PostgreSQL it is read-only,
    /// so a write in it fails instead of slipping into a read.
    pub async fn tenant_read(&self, tenant: TenantId) -> Result<TenantTx, StoreError> {
        let options =
            TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Deferred), ..Default::default() };
        let tx = self.conn.begin_with_options(options).await?;
        self.enter(tx, tenant, true).await
    }

    /// Makes `tx` one tenant's: on PostgreSQL the role without BYPASSRLS, the tenant the
    /// policies compare with and, for reads, `transaction_read_only`; all for this transaction
    /// only and in one round trip.
    async fn enter(
        &self,
        tx: sea_orm::DatabaseTransaction,
        tenant: TenantId,
        read_only: bool,
    ) -> Result<TenantTx, StoreError> {
        // A request's span names its tenant from here on (tracing-actix-web's root span,
        // which declares the field empty). A job's span was given its tenant when it began;
        // recording it again would repeat it on every human-readable line.
        let span = tracing::Span::current();
        if span.metadata().is_some_and(|m| m.name() == "HTTP request") {
            span.record("tenant", tracing::field::display(tenant));
        }
        if self.backend() == Backend::Postgres {
            let sql = if read_only {
                "SELECT set_config('role', $1, true), set_config('tandem.tenant_id', $2, true), \
                 set_config('transaction_read_only', 'on', true)"
            } else {
                "SELECT set_config('role', $1, true), set_config('tandem.tenant_id', $2, true)"
            };
            let values = [rls::APP_ROLE.into(), tenant.to_string().into()];
            tx.execute_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?;
        }
        Ok(TenantTx::new(tx, tenant, self.sink, self.outbox_written.clone()))
    }

    /// Brings PostgreSQL's statistics of the directory up to date after a large import, rather
    /// than when autovacuum next gets to it: until then the planner may read a person by id
    /// through another index than the primary key (measured: a third of the speed). Through
    /// `tandem_analyze_people()`, which the application role may call (migration 17).
    pub async fn analyze_people(&self) -> Result<(), StoreError> {
        if self.backend() == Backend::Postgres {
            self.conn.execute_unprepared("SELECT tandem_analyze_people()").await?;
        }
        Ok(())
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
