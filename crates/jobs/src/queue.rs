use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde_json::Value;
use tandem_domain::jobs::JobState;
use tandem_domain::{JobId, TenantId};
use uuid::Uuid;

pub use tandem_store::queue::NewJob;

/// A leased job, as a worker sees it.
#[derive(Clone, Debug)]
pub struct Job {
    pub tenant: TenantId,
    pub id: JobId,
    pub kind: String,
    pub payload: Value,
    /// This attempt's number, from 1.
    pub attempt: u32,
    pub max_attempts: u32,
    /// Proves this worker still holds the job when it reports back.
    pub lease: Uuid,
}

/// A dead-lettered job, for admins.
#[derive(Clone, Debug)]
pub struct DeadJob {
    pub id: JobId,
    pub kind: String,
    pub payload: Value,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// How many of a tenant's jobs wait, run, wait to retry, or are dead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Depth {
    pub queued: u64,
    pub running: u64,
    pub retrying: u64,
    pub dead: u64,
}

impl Depth {
    pub fn add(&mut self, state: JobState, n: u64) {
        match state {
            JobState::Queued => self.queued += n,
            JobState::Running => self.running += n,
            JobState::Retrying => self.retrying += n,
            JobState::Dead => self.dead += n,
            JobState::Done => {}
        }
    }
}

/// What a handler made of a job.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Done,
    /// Not now, and not a failure: run again at this time without using up an attempt.
    Postpone {
        until: DateTime<Utc>,
        why: String,
    },
}

/// Why a handler failed.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// Worth another attempt after a backoff.
    #[error("{0}")]
    Retry(String),
    /// Will never succeed: dead-letter now.
    #[error("{0}")]
    Permanent(String),
}

#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("not found")]
    NotFound,
    #[error("queue backend: {0}")]
    Backend(String),
}

impl From<tandem_store::StoreError> for QueueError {
    fn from(err: tandem_store::StoreError) -> Self {
        match err {
            tandem_store::StoreError::NotFound => QueueError::NotFound,
            other => QueueError::Backend(other.to_string()),
        }
    }
}

impl From<redis::RedisError> for QueueError {
    fn from(err: redis::RedisError) -> Self {
        QueueError::Backend(err.to_string())
    }
}

/// A job queue. Every method is safe to call from any number of processes.
#[async_trait]
pub trait Queue: Send + Sync {
    /// Adds a job unless one with the same key exists in the tenant. Returns its id and
    /// whether this call added it.
    async fn enqueue(&self, job: NewJob) -> Result<(JobId, bool), QueueError>;

    /// Leases the next due job for `lease`.
    async fn claim(&self, lease: std::time::Duration) -> Result<Option<Job>, QueueError>;

    /// The job succeeded. False when the lease was lost to another worker.
    async fn complete(&self, job: &Job) -> Result<bool, QueueError>;

    /// The job failed: retry at `retry_at`, or dead-letter when `None`.
    async fn fail(&self, job: &Job, error: &str, retry_at: Option<DateTime<Utc>>) -> Result<bool, QueueError>;

    /// Run again at `until` without counting this attempt.
    async fn postpone(&self, job: &Job, until: DateTime<Utc>, why: &str) -> Result<bool, QueueError>;

    async fn depth(&self, tenant: TenantId) -> Result<Depth, QueueError>;

    /// Dead jobs of the tenant, newest first, after the cursor id.
    async fn dead_jobs(
        &self,
        tenant: TenantId,
        limit: u64,
        after: Option<Uuid>,
    ) -> Result<(Vec<DeadJob>, Option<Uuid>), QueueError>;

    /// Sends a dead job back to the queue with fresh attempts.
    async fn retry_dead(&self, tenant: TenantId, id: JobId) -> Result<(), QueueError>;

    /// Deletes a dead job.
    async fn discard_dead(&self, tenant: TenantId, id: JobId) -> Result<(), QueueError>;

    /// Is the backend reachable?
    async fn ping(&self) -> Result<(), QueueError>;

    /// Housekeeping the scheduler runs: forget finished jobs older than `before`.
    async fn purge_done(&self, before: DateTime<Utc>) -> Result<u64, QueueError>;
}
