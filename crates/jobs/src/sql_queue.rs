//! The queue on the application database (see `tandem_store::queue`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tandem_domain::{JobId, TenantId};
use tandem_store::queue::Lease;
use tandem_store::{Db, PageRequest};
use uuid::Uuid;

use crate::queue::{DeadJob, Depth, Job, NewJob, Queue, QueueError};

#[derive(Clone)]
pub struct SqlQueue {
    db: Db,
}

impl SqlQueue {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

fn lease(job: &Job) -> Lease {
    Lease { tenant: job.tenant, job: job.id, lease: job.lease }
}

#[async_trait]
impl Queue for SqlQueue {
    async fn enqueue(&self, job: NewJob) -> Result<(JobId, bool), QueueError> {
        let (record, created) = self.db.enqueue_job(job).await?;
        Ok((record.id, created))
    }

    async fn claim(&self, lease: std::time::Duration) -> Result<Option<Job>, QueueError> {
        let lease = chrono::Duration::from_std(lease).map_err(|e| QueueError::Backend(e.to_string()))?;
        let Some(r) = self.db.claim_job(lease).await? else { return Ok(None) };
        let lease = r.lease_id.ok_or_else(|| QueueError::Backend("claimed job without a lease".into()))?;
        Ok(Some(Job {
            tenant: r.tenant,
            id: r.id,
            kind: r.kind,
            payload: r.payload,
            attempt: r.attempts,
            max_attempts: r.max_attempts,
            lease,
        }))
    }

    async fn complete(&self, job: &Job) -> Result<bool, QueueError> {
        Ok(self.db.complete_job(lease(job)).await?)
    }

    async fn fail(&self, job: &Job, error: &str, retry_at: Option<DateTime<Utc>>) -> Result<bool, QueueError> {
        Ok(self.db.fail_job(lease(job), error, retry_at).await?)
    }

    async fn postpone(&self, job: &Job, until: DateTime<Utc>, why: &str) -> Result<bool, QueueError> {
        Ok(self.db.postpone_job(lease(job), until, why).await?)
    }

    async fn depth(&self, tenant: TenantId) -> Result<Depth, QueueError> {
        let tx = self.db.tenant(tenant).await?;
        let rows = tx.job_depth().await?;
        tx.commit().await?;
        let mut depth = Depth::default();
        for (state, n) in rows {
            depth.add(state, n);
        }
        Ok(depth)
    }

    async fn dead_jobs(
        &self,
        tenant: TenantId,
        limit: u64,
        after: Option<Uuid>,
    ) -> Result<(Vec<DeadJob>, Option<Uuid>), QueueError> {
        let tx = self.db.tenant(tenant).await?;
        let page = tx.dead_jobs(PageRequest { limit, after }).await?;
        tx.commit().await?;
        let items = page
            .items
            .into_iter()
            .map(|r| DeadJob {
                id: r.id,
                kind: r.kind,
                payload: r.payload,
                attempts: r.attempts,
                last_error: r.last_error,
                updated_at: r.updated_at,
            })
            .collect();
        Ok((items, page.next))
    }

    async fn retry_dead(&self, tenant: TenantId, id: JobId) -> Result<(), QueueError> {
        let tx = self.db.tenant(tenant).await?;
        tx.retry_dead_job(id).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn discard_dead(&self, tenant: TenantId, id: JobId) -> Result<(), QueueError> {
        let tx = self.db.tenant(tenant).await?;
        tx.discard_dead_job(id).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn ping(&self) -> Result<(), QueueError> {
        Ok(self.db.ping().await?)
    }

    async fn purge_done(&self, before: DateTime<Utc>) -> Result<u64, QueueError> {
        Ok(self.db.purge_done_jobs(before).await?)
    }
}
