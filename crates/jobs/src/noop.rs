//! A job that does nothing but wait and leave a mark in the audit log. It measures the queue
//! (benchmarks) and proves its guarantees (a job killed mid-run completes exactly once). It is
//! deliberately *not* idempotent, so a double run would show as two marks.

use std::time::Duration;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use serde_json::json;
use tandem_store::{AuditActor, Db, NewAuditEvent};

use crate::queue::{Job, JobError, Outcome};
use crate::worker::Handler;

pub const KIND: &str = "noop";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Noop {
    /// How long the job takes.
    #[serde(default)]
    pub sleep_ms: u64,
    /// Written to the audit log when the job completes; none means no mark.
    #[serde(default)]
    pub marker: Option<String>,
}

pub struct NoopHandler {
    db: Db,
}

impl NoopHandler {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

#[async_trait]
impl Handler for NoopHandler {
    async fn run(&self, job: &Job) -> Result<Outcome, JobError> {
        let noop: Noop = serde_json::from_value(job.payload.clone()).map_err(|e| JobError::Permanent(e.to_string()))?;
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
