//! The outbox relay. With Redis as the queue, a tenant transaction writes its jobs to the
//! `job_outbox` table, so they commit or roll back with the work that asked for them; the
//! relay moves committed jobs onto the queue and deletes them. The API therefore never needs
//! the queue to accept work: while Redis is away the jobs wait in the outbox, and the relay
//! moves them once it is back.
//!
//! At least once: a relay that dies between pushing and deleting pushes the same jobs again,
//! and the queue keeps one job per idempotency key.

use std::sync::Arc;
use std::time::Duration;

use tandem_store::Db;
use tandem_store::queue::RelayError;
use tokio_util::sync::CancellationToken;

use crate::queue::{Queue, QueueError};

/// Jobs moved per round trip to the database.
const BATCH: u64 = 200;

pub struct Relay {
    db: Db,
    queue: Arc<dyn Queue>,
    /// How often to look at the outbox when no transaction in this process has said it
    /// wrote to it (another process may have).
    poll: Duration,
}

impl Relay {
    pub fn new(db: Db, queue: Arc<dyn Queue>, poll: Duration) -> Self {
        Self { db, queue, poll }
    }

    /// Moves what the outbox holds now. Returns how many jobs were moved.
    pub async fn drain(&self) -> Result<usize, RelayError<QueueError>> {
        let mut moved = 0;
        loop {
            let queue = &self.queue;
            let n = self
                .db
                .relay_outbox(BATCH, async move |jobs| {
                    for job in jobs {
                        queue.enqueue(job).await?;
                    }
                    Ok::<_, QueueError>(())
                })
                .await?;
            moved += n;
            if n < BATCH as usize {
                return Ok(moved);
            }
        }
    }

    /// Runs until `shutdown`: drains when told that a transaction wrote to the outbox and
    /// every `poll` otherwise, backing off while the queue is away.
    pub async fn run(self, shutdown: CancellationToken) {
        let mut failing = Duration::ZERO;
        while !shutdown.is_cancelled() {
            let wait = match self.drain().await {
                Ok(moved) => {
                    if failing > Duration::ZERO {
                        tracing::info!(moved, "the queue is back; the outbox is moving again");
                    }
                    failing = Duration::ZERO;
                    self.poll
                }
                Err(err) => {
                    // Log the first failure loudly, then quietly until it recovers.
                    if failing == Duration::ZERO {
                        tracing::warn!(error = %err, "the queue does not take jobs; they wait in the outbox");
                    } else {
                        tracing::debug!(error = %err, "the queue still does not take jobs");
                    }
                    failing = (failing * 2).clamp(Duration::from_millis(250), Duration::from_secs(10));
                    failing
                }
            };
            tokio::select! {
                _ = shutdown.cancelled() => {}
                _ = self.db.outbox_written(), if failing == Duration::ZERO => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
        // Whatever a last transaction wrote goes before the process stops, if it can.
        if let Err(err) = self.drain().await {
            tracing::warn!(error = %err, "jobs left in the outbox at shutdown; another process will move them");
        }
    }
}
