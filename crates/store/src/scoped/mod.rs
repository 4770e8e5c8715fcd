//! [`TenantTx`]: one transaction, one tenant. Every query here filters by `self.tenant` and
//! every insert writes it; there is no method that takes a tenant id from its caller.

mod accounts;
mod audit;
mod exports;
mod feedback;
mod imports;
mod keys;
mod mail;
mod matching;
mod nudges;
mod participants;
mod people;
mod programs;
mod recruitment;
mod team;
mod tokens;
mod tracking;

pub use participants::LinkUse;
pub(crate) use team::found;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, Set};
use tandem_domain::{EmailDeliveryId, Locale, TenantId};
use tokio::sync::Notify;
use uuid::Uuid;

use crate::db::JobSink;

use crate::entities::tenant;
use crate::error::{StoreError, corrupt};
use crate::records::Tenant;

pub struct TenantTx {
    pub(crate) tx: DatabaseTransaction,
    tenant: TenantId,
    pub(crate) sink: JobSink,
    /// Whether this transaction wrote to the job outbox, and whom to tell when it commits.
    pub(crate) outbox: (AtomicBool, Arc<Notify>),
    /// The emails this transaction recorded, whose sending is queued when it commits: in jobs
    /// of many when there are many (a launch's introductions, a period's check-ins).
    pub(crate) emails: Mutex<Vec<EmailDeliveryId>>,
    /// Rows written to the tables whose statistics it refreshes as they grow (see
    /// [`TenantTx::grew`]).
    growth: [AtomicUsize; 3],
}

/// Tables that start empty and then take thousands of a tenant's rows in one transaction (a
/// campaign's opening, a nudge pass). Until PostgreSQL's statistics count those rows, it reads
/// them by scanning (a plan made when the table was empty is kept by each connection), so a
/// transaction refreshes a table's statistics once it has written [`GROWN`] rows to it
/// (migration 19; measured: 39 ms a claim of sixteen deliveries instead of 0.8 ms, 0.65 ms a
/// nudge's update instead of 0.08 ms).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Growing {
    EmailDeliveries = 0,
    Nudges = 1,
    /// Refreshed at a point of the import's own choosing (after its managers' layer), not
    /// counted.
    People = 2,
}

/// Rows written in one transaction from which its statistics are refreshed, once.
const GROWN: usize = 500;

impl TenantTx {
    pub(crate) fn new(tx: DatabaseTransaction, tenant: TenantId, sink: JobSink, written: Arc<Notify>) -> Self {
        Self {
            tx,
            tenant,
            sink,
            outbox: (AtomicBool::new(false), written),
            emails: Mutex::new(Vec::new()),
            growth: Default::default(),
        }
    }

    pub fn tenant_id(&self) -> TenantId {
        self.tenant
    }

    pub(crate) fn tid(&self) -> Uuid {
        self.tenant.as_uuid()
    }

    /// Queues the sending of the emails recorded here, then commits: what it wrote, and the
    /// jobs with it, or nothing.
    pub async fn commit(self) -> Result<(), StoreError> {
        self.queue_emails().await?;
        self.tx.commit().await?;
        if self.outbox.0.load(Ordering::Relaxed) {
            self.outbox.1.notify_one();
        }
        Ok(())
    }

    /// Counts `rows` written to `table`, and refreshes PostgreSQL's statistics of it, inside
    /// this transaction (its own rows counted), when they reach [`GROWN`]: once.
    pub(crate) async fn grew(&self, table: Growing, rows: usize) -> Result<(), StoreError> {
        let before = self.growth[table as usize].fetch_add(rows, Ordering::Relaxed);
        if before >= GROWN || before + rows < GROWN {
            return Ok(());
        }
        self.refresh_statistics(table).await
    }

    /// Brings PostgreSQL's statistics of `table` up to date inside this transaction, its own
    /// rows counted (migrations 17 and 19); nothing on SQLite.
    pub(crate) async fn refresh_statistics(&self, table: Growing) -> Result<(), StoreError> {
        if self.tx.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let analyze = match table {
            Growing::EmailDeliveries => "SELECT tandem_analyze_email_deliveries()",
            Growing::Nudges => "SELECT tandem_analyze_nudges()",
            Growing::People => "SELECT tandem_analyze_people()",
        };
        self.tx.execute_unprepared(analyze).await?;
        Ok(())
    }

    /// Undoes everything this transaction wrote (a dry run); nothing it queued is sent.
    pub async fn rollback(self) -> Result<(), StoreError> {
        self.tx.rollback().await?;
        Ok(())
    }

    /// Creates this transaction's tenant (sign-up). The id is the one the handle was opened for.
    pub async fn create_tenant(&self, name: &str, locale: Locale) -> Result<Tenant, StoreError> {
        let model = tenant::ActiveModel {
            id: Set(self.tid()),
            name: Set(name.to_owned()),
            locale: Set(locale.as_str().to_owned()),
            created_at: Set(Utc::now()),
            sensitive_attributes_enabled: Set(false),
        }
        .insert(&self.tx)
        .await?;
        tenant_record(model)
    }

    pub async fn tenant(&self) -> Result<Tenant, StoreError> {
        let model = tenant::Entity::find_by_id(self.tid()).one(&self.tx).await?.ok_or(StoreError::NotFound)?;
        tenant_record(model)
    }
}

fn tenant_record(model: tenant::Model) -> Result<Tenant, StoreError> {
    Ok(Tenant {
        id: TenantId::from_uuid(model.id),
        name: model.name,
        locale: model.locale.parse().map_err(corrupt)?,
        created_at: model.created_at,
        sensitive_attributes_enabled: model.sensitive_attributes_enabled,
    })
}
