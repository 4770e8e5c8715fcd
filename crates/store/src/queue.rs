//! The SQL job queue on the application database (the embedded default, and PostgreSQL-only
//! installs). Workers claim due jobs with a lease; a job whose lease runs out (its worker
//! died) is due again. On PostgreSQL claims use `FOR UPDATE SKIP LOCKED`, so workers never
//! wait on each other; on SQLite the write lock serialises them.
//!
//! The worker's statements cross tenants; they run with `tandem.queue = 'worker'`, which the
//! `jobs` table's policies honour (and no other table's).

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement,
};
use serde_json::Value;
use tandem_domain::jobs::{JobState, SendEmail, SendEmails, Task};
use tandem_domain::mail::DeliveryState;
use tandem_domain::{EmailDeliveryId, JobId, TenantId};
use tandem_migrations::rls;
use uuid::Uuid;

use crate::db::{Backend, Db, JobSink};
use crate::entities::{email_delivery, job, job_outbox, lock};
use crate::error::{StoreError, corrupt};
use crate::page::{Page, PageRequest};
use crate::scoped::TenantTx;

/// A job to put on the queue, in its stored form: a [`Task`]'s kind and payload (build it
/// with [`NewJob::new`]; the fields are open so that tests can store what another version
/// of Tandem would have written).
#[derive(Clone, Debug)]
pub struct NewJob {
    pub tenant: TenantId,
    pub kind: String,
    pub payload: Value,
    /// Enqueueing the same key twice keeps one job. Unique within the tenant.
    pub idempotency_key: String,
    pub run_at: DateTime<Utc>,
    pub max_attempts: u32,
}

impl NewJob {
    pub fn new(tenant: TenantId, task: &Task, idempotency_key: impl Into<String>, run_at: DateTime<Utc>) -> Self {
        Self {
            tenant,
            kind: task.kind().to_owned(),
            payload: task.payload(),
            idempotency_key: idempotency_key.into(),
            run_at,
            max_attempts: task.max_attempts(),
        }
    }

    /// Sending a recorded email, now; keyed by the delivery, so it is queued once.
    pub fn send_email(tenant: TenantId, delivery: EmailDeliveryId) -> Self {
        Self::send_email_at(tenant, delivery, Utc::now())
    }

    /// Sending a recorded email at `at` (one a batch held or will try again).
    pub fn send_email_at(tenant: TenantId, delivery: EmailDeliveryId, at: DateTime<Utc>) -> Self {
        Self::new(tenant, &Task::SendEmail(SendEmail { delivery }), format!("email:{delivery}"), at)
    }

    /// Sending recorded emails together, now; keyed by the first, so a batch is queued once.
    pub fn send_emails(tenant: TenantId, deliveries: Vec<EmailDeliveryId>) -> Self {
        let key = format!("emails:{}", deliveries.first().map(ToString::to_string).unwrap_or_default());
        Self::new(tenant, &Task::SendEmails(SendEmails { deliveries }), key, Utc::now())
    }
}

/// A job as stored.
#[derive(Clone, Debug)]
pub struct JobRecord {
    pub tenant: TenantId,
    pub id: JobId,
    pub kind: String,
    pub payload: Value,
    pub idempotency_key: String,
    pub state: JobState,
    pub attempts: u32,
    pub max_attempts: u32,
    pub run_at: DateTime<Utc>,
    pub lease_id: Option<Uuid>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn record(m: job::Model) -> Result<JobRecord, StoreError> {
    Ok(JobRecord {
        tenant: TenantId::from_uuid(m.tenant_id),
        id: JobId::from_uuid(m.id),
        kind: m.kind,
        payload: m.payload,
        idempotency_key: m.idempotency_key,
        state: m.state.parse().map_err(corrupt)?,
        attempts: u32::try_from(m.attempts).map_err(corrupt)?,
        max_attempts: u32::try_from(m.max_attempts).map_err(corrupt)?,
        run_at: m.run_at,
        lease_id: m.lease_id,
        last_error: m.last_error,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

/// What identifies a worker's hold on a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lease {
    pub tenant: TenantId,
    pub job: JobId,
    pub lease: Uuid,
}

/// The queue key is the tenant's key prefixed with the tenant, so keys never collide across
/// tenants.
pub fn queue_key(tenant: TenantId, key: &str) -> String {
    format!("{}:{key}", tenant.as_uuid().simple())
}

impl Db {
    async fn worker_tx(&self) -> Result<DatabaseTransaction, StoreError> {
        let tx = self.begin().await?;
        if self.backend() == Backend::Postgres {
            tx.execute_unprepared(&format!(
                "SET LOCAL ROLE {}; SELECT set_config('tandem.queue', 'worker', true);",
                rls::APP_ROLE
            ))
            .await?;
        }
        Ok(tx)
    }

    /// Puts a job on the queue, once per idempotency key. Returns the job and whether this
    /// call created it.
    pub async fn enqueue_job(&self, new: NewJob) -> Result<(JobRecord, bool), StoreError> {
        let tx = self.tenant(new.tenant).await?;
        let result = tx.enqueue_job(new).await?;
        tx.commit().await?;
        Ok(result)
    }

    /// Leases the next due job for `lease`: a queued or retrying job whose time has come, or a
    /// running one whose lease ran out (its worker died). Counts the attempt.
    pub async fn claim_job(&self, lease: Duration) -> Result<Option<JobRecord>, StoreError> {
        let tx = self.worker_tx().await?;
        let now = Utc::now();
        let backend = tx.get_database_backend();
        // Numbered parameters read the same on both: `$n` on PostgreSQL, `?n` on SQLite.
        let (mark, lock) = if backend == DbBackend::Postgres { ("$", "FOR UPDATE SKIP LOCKED") } else { ("?", "") };
        let sql = format!(
            "UPDATE jobs SET state = 'running', attempts = attempts + 1,
                    lease_id = {mark}1, lease_until = {mark}2, updated_at = {mark}3
             WHERE id = (
               SELECT id FROM jobs
               WHERE (state IN ('queued', 'retrying') AND run_at <= {mark}3)
                  OR (state = 'running' AND lease_until <= {mark}3)
               ORDER BY run_at, id LIMIT 1 {lock})
             RETURNING *"
        );
        let values: [sea_orm::Value; 3] = [Uuid::now_v7().into(), (now + lease).into(), now.into()];
        let row = tx.query_one_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
        let job = row.map(|row| job::Model::from_query_result(&row, "")).transpose()?.map(record).transpose()?;
        tx.commit().await?;
        Ok(job)
    }

    /// Finishes a leased job. Returns false when the lease was lost (another worker has it).
    pub async fn complete_job(&self, job: Lease) -> Result<bool, StoreError> {
        self.settle(job, JobState::Done, None, None).await
    }

    /// Records a failure: back to the queue at `retry_at`, or dead-lettered when `None`.
    pub async fn fail_job(&self, job: Lease, error: &str, retry_at: Option<DateTime<Utc>>) -> Result<bool, StoreError> {
        match retry_at {
            Some(at) => self.settle(job, JobState::Retrying, Some(error), Some(at)).await,
            None => self.settle(job, JobState::Dead, Some(error), None).await,
        }
    }

    /// Puts a leased job back to run at `run_at` without counting the attempt (quiet hours,
    /// a frequency cap: delay, not failure).
    pub async fn postpone_job(&self, job: Lease, run_at: DateTime<Utc>, why: &str) -> Result<bool, StoreError> {
        let tx = self.worker_tx().await?;
        let result = job::Entity::update_many()
            .col_expr(job::Column::State, JobState::Queued.as_str().into())
            .col_expr(job::Column::Attempts, Expr::col(job::Column::Attempts).sub(1))
            .col_expr(job::Column::RunAt, run_at.into())
            .col_expr(job::Column::LeaseId, Option::<Uuid>::None.into())
            .col_expr(job::Column::LeaseUntil, Option::<DateTime<Utc>>::None.into())
            .col_expr(job::Column::LastError, Some(why.to_owned()).into())
            .col_expr(job::Column::UpdatedAt, Utc::now().into())
            .filter(job::Column::TenantId.eq(job.tenant.as_uuid()))
            .filter(job::Column::Id.eq(job.job.as_uuid()))
            .filter(job::Column::LeaseId.eq(job.lease))
            .exec(&tx)
            .await?;
        tx.commit().await?;
        Ok(result.rows_affected == 1)
    }

    async fn settle(
        &self,
        job: Lease,
        state: JobState,
        error: Option<&str>,
        run_at: Option<DateTime<Utc>>,
    ) -> Result<bool, StoreError> {
        let tx = self.worker_tx().await?;
        let mut update = job::Entity::update_many()
            .col_expr(job::Column::State, state.as_str().into())
            .col_expr(job::Column::LeaseId, Option::<Uuid>::None.into())
            .col_expr(job::Column::LeaseUntil, Option::<DateTime<Utc>>::None.into())
            .col_expr(job::Column::UpdatedAt, Utc::now().into());
        if let Some(error) = error {
            update = update.col_expr(job::Column::LastError, Some(error.to_owned()).into());
        }
        if let Some(run_at) = run_at {
            update = update.col_expr(job::Column::RunAt, run_at.into());
        }
        let result = update
            .filter(job::Column::TenantId.eq(job.tenant.as_uuid()))
            .filter(job::Column::Id.eq(job.job.as_uuid()))
            .filter(job::Column::LeaseId.eq(job.lease))
            .exec(&tx)
            .await?;
        tx.commit().await?;
        Ok(result.rows_affected == 1)
    }

    /// Deletes finished jobs last touched before `before`.
    pub async fn purge_done_jobs(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        let tx = self.worker_tx().await?;
        let result = job::Entity::delete_many()
            .filter(job::Column::State.eq(JobState::Done.as_str()))
            .filter(job::Column::UpdatedAt.lt(before))
            .exec(&tx)
            .await?;
        tx.commit().await?;
        Ok(result.rows_affected)
    }

    /// Deliveries still `queued` that were last touched between `older_than` and `newer_than`
    /// ago, in every tenant: their job may never have been enqueued (the process died between
    /// the commit and the enqueue). Read through the worker's narrow path.
    pub async fn stranded_deliveries(
        &self,
        older_than: DateTime<Utc>,
        newer_than: DateTime<Utc>,
        limit: u64,
    ) -> Result<Vec<(TenantId, EmailDeliveryId)>, StoreError> {
        let tx = self.worker_tx().await?;
        let rows: Vec<(Uuid, Uuid)> = email_delivery::Entity::find()
            .select_only()
            .column(email_delivery::Column::TenantId)
            .column(email_delivery::Column::Id)
            .filter(email_delivery::Column::State.eq(DeliveryState::Queued.as_str()))
            .filter(email_delivery::Column::UpdatedAt.lt(older_than))
            .filter(email_delivery::Column::UpdatedAt.gt(newer_than))
            .order_by_asc(email_delivery::Column::UpdatedAt)
            .limit(limit)
            .into_tuple()
            .all(&tx)
            .await?;
        tx.commit().await?;
        Ok(rows.into_iter().map(|(t, d)| (TenantId::from_uuid(t), EmailDeliveryId::from_uuid(d))).collect())
    }

    /// The active programs of every tenant with their end dates, read through the worker's
    /// narrow path (the scheduler completes those whose end date has passed).
    pub async fn active_programs_everywhere(
        &self,
    ) -> Result<Vec<(TenantId, tandem_domain::ProgramId, Option<chrono::NaiveDate>)>, StoreError> {
        let tx = self.worker_tx().await?;
        let rows = crate::entities::program::Entity::find()
            .filter(crate::entities::program::Column::State.eq(tandem_domain::programs::ProgramState::Active.as_str()))
            .all(&tx)
            .await?;
        tx.commit().await?;
        rows.into_iter()
            .map(|m| {
                let design: tandem_domain::programs::ProgramDesign =
                    serde_json::from_value(m.design).map_err(crate::error::corrupt)?;
                Ok((TenantId::from_uuid(m.tenant_id), tandem_domain::ProgramId::from_uuid(m.id), design.end_date))
            })
            .collect()
    }

    /// Moves up to `limit` of the oldest outbox jobs (every tenant's, through the worker's
    /// narrow path) with `push`, and deletes them once `push` succeeds; when it fails they
    /// stay for the next attempt. At least once: a process that dies after pushing and before
    /// deleting leaves them to be pushed again, which the queue's idempotency keys absorb.
    /// On PostgreSQL the rows are locked (`SKIP LOCKED`) while they are pushed, so relays in
    /// several processes take different rows; on SQLite the database's write lock is not
    /// held while pushing. Returns how many were moved.
    pub async fn relay_outbox<E>(
        &self,
        limit: u64,
        push: impl AsyncFnOnce(Vec<NewJob>) -> Result<(), E>,
    ) -> Result<usize, RelayError<E>> {
        let postgres = self.backend() == Backend::Postgres;
        let tx = self.worker_tx().await?;
        let mut query = job_outbox::Entity::find().order_by_asc(job_outbox::Column::Id).limit(limit);
        if postgres {
            query = query
                .lock_with_behavior(sea_orm::sea_query::LockType::Update, sea_orm::sea_query::LockBehavior::SkipLocked);
        }
        let rows = query.all(&tx).await?;
        if rows.is_empty() {
            tx.commit().await?;
            return Ok(0);
        }
        // SQLite: let go of the write lock while the queue is asked (it may be slow or away).
        let tx = if postgres {
            Some(tx)
        } else {
            tx.commit().await?;
            None
        };
        let keys: Vec<(Uuid, Uuid)> = rows.iter().map(|r| (r.tenant_id, r.id)).collect();
        let jobs = rows
            .into_iter()
            .map(|r| {
                Ok(NewJob {
                    tenant: TenantId::from_uuid(r.tenant_id),
                    kind: r.kind,
                    payload: r.payload,
                    idempotency_key: r.idempotency_key,
                    run_at: r.run_at,
                    max_attempts: u32::try_from(r.max_attempts).map_err(corrupt)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let moved = jobs.len();
        push(jobs).await.map_err(RelayError::Push)?;
        let tx = match tx {
            Some(tx) => tx,
            None => self.worker_tx().await?,
        };
        let ids: Vec<Uuid> = keys.iter().map(|(_, id)| *id).collect();
        job_outbox::Entity::delete_many().filter(job_outbox::Column::Id.is_in(ids)).exec(&tx).await?;
        tx.commit().await?;
        Ok(moved)
    }

    /// How many jobs wait in the outbox for the queue, in every tenant.
    pub async fn outbox_len(&self) -> Result<u64, StoreError> {
        let tx = self.worker_tx().await?;
        let n = job_outbox::Entity::find().count(&tx).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Takes or renews the named lock for `holder` until `ttl` from now. False when another
    /// holder has it and its lease has not run out. One statement, so two processes racing
    /// for a free lock cannot both win.
    pub async fn acquire_lock(&self, name: &str, holder: &str, ttl: Duration) -> Result<bool, StoreError> {
        let now = Utc::now();
        let backend = self.conn.get_database_backend();
        let mark = if backend == DbBackend::Postgres { "$" } else { "?" };
        let sql = format!(
            "INSERT INTO locks (name, holder, expires_at) VALUES ({mark}1, {mark}2, {mark}3)
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
             WHERE locks.holder = excluded.holder OR locks.expires_at <= {mark}4"
        );
        let values: [sea_orm::Value; 4] = [name.into(), holder.into(), (now + ttl).into(), now.into()];
        let result = self.conn.execute_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
        Ok(result.rows_affected() == 1)
    }

    pub async fn release_lock(&self, name: &str, holder: &str) -> Result<(), StoreError> {
        lock::Entity::delete_many()
            .filter(lock::Column::Name.eq(name))
            .filter(lock::Column::Holder.eq(holder))
            .exec(&self.conn)
            .await?;
        Ok(())
    }
}

/// Why relaying the outbox stopped.
#[derive(Debug, thiserror::Error)]
pub enum RelayError<E> {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the queue refused the jobs")]
    Push(E),
}

impl<E> From<sea_orm::DbErr> for RelayError<E> {
    fn from(err: sea_orm::DbErr) -> Self {
        RelayError::Store(err.into())
    }
}

/// How many of a tenant's jobs are in each state.
pub type QueueDepth = Vec<(JobState, u64)>;

impl TenantTx {
    /// Queues a job as part of this transaction: it exists if and only if the transaction
    /// commits. On the SQL queue the job row itself is written; with a queue outside the
    /// database the job goes to the outbox, and the relay moves it once committed. Either
    /// way a second job with the same key is harmless: the queue keeps one per key.
    pub async fn enqueue(&self, new: NewJob) -> Result<(), StoreError> {
        match self.sink {
            JobSink::Queue => self.enqueue_job(new).await.map(|_| ()),
            JobSink::Outbox => {
                job_outbox::Entity::insert(job_outbox::ActiveModel {
                    tenant_id: Set(self.tid()),
                    id: Set(Uuid::now_v7()),
                    kind: Set(new.kind),
                    payload: Set(new.payload),
                    idempotency_key: Set(new.idempotency_key),
                    run_at: Set(new.run_at),
                    max_attempts: Set(i32::try_from(new.max_attempts).unwrap_or(i32::MAX)),
                    created_at: Set(Utc::now()),
                })
                .exec_without_returning(&self.tx)
                .await?;
                self.outbox.0.store(true, std::sync::atomic::Ordering::Relaxed);
                Ok(())
            }
        }
    }

    /// Writes a job row on the SQL queue. Returns the job and whether this call created it.
    pub(crate) async fn enqueue_job(&self, new: NewJob) -> Result<(JobRecord, bool), StoreError> {
        let now = Utc::now();
        let key = queue_key(self.tenant_id(), &new.idempotency_key);
        let inserted = job::Entity::insert(job::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(JobId::new().as_uuid()),
            kind: Set(new.kind),
            payload: Set(new.payload),
            idempotency_key: Set(key.clone()),
            state: Set(JobState::Queued.as_str().to_owned()),
            attempts: Set(0),
            max_attempts: Set(i32::try_from(new.max_attempts).unwrap_or(i32::MAX)),
            run_at: Set(new.run_at),
            lease_id: Set(None),
            lease_until: Set(None),
            last_error: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .on_conflict(OnConflict::column(job::Column::IdempotencyKey).do_nothing().to_owned())
        .exec_without_returning(&self.tx)
        .await?;
        let model = job::Entity::find()
            .filter(job::Column::TenantId.eq(self.tid()))
            .filter(job::Column::IdempotencyKey.eq(key))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::Conflict("idempotency key of another tenant"))?;
        Ok((record(model)?, inserted == 1))
    }

    pub async fn job(&self, id: JobId) -> Result<JobRecord, StoreError> {
        let model =
            job::Entity::find_by_id((self.tid(), id.as_uuid())).one(&self.tx).await?.ok_or(StoreError::NotFound)?;
        record(model)
    }

    pub async fn job_depth(&self) -> Result<QueueDepth, StoreError> {
        let rows: Vec<(String, i64)> = job::Entity::find()
            .select_only()
            .column(job::Column::State)
            .column_as(job::Column::Id.count(), "n")
            .filter(job::Column::TenantId.eq(self.tid()))
            .group_by(job::Column::State)
            .into_tuple()
            .all(&self.tx)
            .await?;
        JobState::ALL
            .into_iter()
            .map(|state| {
                let n = rows.iter().find(|(s, _)| s == state.as_str()).map(|(_, n)| *n).unwrap_or(0);
                Ok((state, u64::try_from(n).map_err(corrupt)?))
            })
            .collect()
    }

    /// Dead-lettered jobs, most recently failed first.
    pub async fn dead_jobs(&self, page: PageRequest) -> Result<Page<JobRecord>, StoreError> {
        let mut query = job::Entity::find()
            .filter(job::Column::TenantId.eq(self.tid()))
            .filter(job::Column::State.eq(JobState::Dead.as_str()))
            .order_by_desc(job::Column::Id)
            .limit(page.limit + 1);
        if let Some(after) = page.after {
            query = query.filter(job::Column::Id.lt(after));
        }
        let rows = query.all(&self.tx).await?.into_iter().map(record).collect::<Result<Vec<_>, _>>()?;
        Ok(Page::from_overfetch(rows, page.limit, |j| j.id.as_uuid()))
    }

    /// Sends a dead job back to the queue with a fresh set of attempts.
    pub async fn retry_dead_job(&self, id: JobId) -> Result<(), StoreError> {
        let result = job::Entity::update_many()
            .col_expr(job::Column::State, JobState::Queued.as_str().into())
            .col_expr(job::Column::Attempts, 0.into())
            .col_expr(job::Column::RunAt, Utc::now().into())
            .col_expr(job::Column::UpdatedAt, Utc::now().into())
            .filter(job::Column::TenantId.eq(self.tid()))
            .filter(job::Column::Id.eq(id.as_uuid()))
            .filter(job::Column::State.eq(JobState::Dead.as_str()))
            .exec(&self.tx)
            .await?;
        crate::scoped::found(result.rows_affected)
    }

    pub async fn discard_dead_job(&self, id: JobId) -> Result<(), StoreError> {
        let result = job::Entity::delete_many()
            .filter(job::Column::TenantId.eq(self.tid()))
            .filter(job::Column::Id.eq(id.as_uuid()))
            .filter(job::Column::State.eq(JobState::Dead.as_str()))
            .exec(&self.tx)
            .await?;
        crate::scoped::found(result.rows_affected)
    }
}
