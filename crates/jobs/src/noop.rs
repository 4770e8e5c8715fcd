//! A job that does nothing but wait and leave a mark in the audit log. It measures the queue
//! (benchmarks) and proves its guarantees (a job killed mid-run completes exactly once). It is
//! deliberately *not* idempotent, so a double run would show as two marks.

use std::time::Duration;

use serde_json::json;
pub use tandem_domain::jobs::Noop;
use tandem_store::{AuditActor, Db, NewAuditEvent};

use crate::queue::{Job, JobError, Outcome};

pub struct NoopHandler {
    db: Db,
}

impl NoopHandler {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

impl NoopHandler {
    pub async fn run(&self, job: &Job, noop: Noop) -> Result<Outcome, JobError> {
        if noop.sleep_ms > 0 {
            tokio::time::sleep(Duration::from_millis(noop.sleep_ms)).await;
        }
        if let Some(marker) = noop.marker {
            let retry = |e: tandem_store::StoreError| JobError::Retry(e.to_string());
            let tx = self.db.tenant(job.tenant).await.map_err(retry)?;
            tx.record(NewAuditEvent {
                actor: AuditActor::System,
                action: "job.noop",
                target_kind: "job",
                target_id: Some(job.id.as_uuid()),
                details: json!({ "marker": marker, "attempt": job.attempt }),
            })
            .await
            .map_err(retry)?;
            tx.commit().await.map_err(retry)?;
        }
        Ok(Outcome::Done)
    }
}
