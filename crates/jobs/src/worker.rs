//! The worker: claims due jobs, decodes their [`Task`], runs the handler, reports back.

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use chrono::Utc;
use rand::Rng;
use tandem_domain::jobs::Task;
use tandem_domain::retry::Backoff;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use crate::queue::{Job, JobError, Outcome, Queue};

/// Runs jobs. A job may run more than once (at-least-once), so running it twice must have the
/// same effect as once. The product's handler is [`crate::Handlers`], one `match` over every
/// [`Task`].
#[async_trait]
pub trait Handler: Send + Sync {
    async fn run(&self, job: &Job, task: Task) -> Result<Outcome, JobError>;
}

#[derive(Clone, Copy, Debug)]
pub struct WorkerSettings {
    /// Jobs run at the same time by this process.
    pub concurrency: usize,
    /// How long a claimed job is this worker's; after that another worker may run it.
    pub lease: Duration,
    /// How long to wait when the queue is empty.
    pub idle_poll: Duration,
    pub backoff: Backoff,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            concurrency: 4,
            lease: Duration::from_secs(60),
            idle_poll: Duration::from_millis(500),
            backoff: Backoff::default(),
        }
    }
}

pub struct Worker {
    queue: Arc<dyn Queue>,
    handler: Arc<dyn Handler>,
    settings: WorkerSettings,
}

impl Worker {
    pub fn new(queue: Arc<dyn Queue>, handler: Arc<dyn Handler>, settings: WorkerSettings) -> Self {
        Self { queue, handler, settings }
    }

    /// Runs until `shutdown` is cancelled, then finishes the jobs in hand and returns.
    pub async fn run(self, shutdown: CancellationToken) {
        let worker = Arc::new(self);
        let loops: Vec<_> = (0..worker.settings.concurrency.max(1))
            .map(|_| tokio::spawn(Arc::clone(&worker).run_loop(shutdown.clone())))
            .collect();
        for handle in loops {
            match handle.await {
                Ok(()) => {}
                // The runtime itself is stopping (its tasks are dropped): no job is at fault.
                Err(err) if err.is_cancelled() => tracing::debug!("a worker loop was dropped with its runtime"),
                Err(err) => tracing::error!(error = %err, "a worker loop panicked"),
            }
        }
        tracing::info!("worker stopped");
    }

    async fn run_loop(self: Arc<Self>, shutdown: CancellationToken) {
        while !shutdown.is_cancelled() {
            match self.queue.claim(self.settings.lease).await {
                Ok(Some(job)) => {
                    // ERROR level, so the span (and its fields on every line about the job) is
                    // enabled whatever the log filter; no line is written for the span itself.
                    let span = tracing::error_span!(
                        "job",
                        tenant = %job.tenant,
                        job_id = %job.id,
                        kind = %job.kind,
                        attempt = job.attempt,
                    );
                    self.process(job).instrument(span).await
                }
                Ok(None) => {
                    tokio::select! {
                        _ = shutdown.cancelled() => {}
                        _ = tokio::time::sleep(self.settings.idle_poll) => {}
                    }
                }
                Err(err) => {
                    tracing::warn!(error = %err, "claiming a job failed; retrying");
                    tokio::select! {
                        _ = shutdown.cancelled() => {}
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    }
                }
            }
        }
    }

    async fn process(&self, job: Job) {
        let started = Instant::now();
        let result = match Task::decode(&job.kind, &job.payload) {
            Err(undecodable) => Err(JobError::Permanent(undecodable.to_string())),
            // A handler that outlives its lease would race the next worker; stop it first.
            Ok(task) => {
                match tokio::time::timeout(self.settings.lease.mul_f32(0.9), self.handler.run(&job, task)).await {
                    Ok(result) => result,
                    Err(_) => Err(JobError::Retry("timed out".into())),
                }
            }
        };
        let outcome = match &result {
            Ok(Outcome::Done) => "done",
            Ok(Outcome::Postpone { .. }) => "postponed",
            Err(JobError::Retry(_)) if job.attempt < job.max_attempts => "retry",
            Err(_) => "dead",
        };
        let report = match result {
            Ok(Outcome::Done) => self.queue.complete(&job).await,
            Ok(Outcome::Postpone { until, why }) => self.queue.postpone(&job, until, &why).await,
            Err(JobError::Retry(error)) if job.attempt < job.max_attempts => {
                let unit: f64 = rand::rng().random();
                let delay = self.settings.backoff.delay(job.attempt, unit);
                let at = Utc::now() + chrono::Duration::from_std(delay).unwrap_or_else(|_| chrono::Duration::hours(1));
                tracing::warn!(%error, retry_in = ?delay, "job failed; will retry");
                self.queue.fail(&job, &error, Some(at)).await
            }
            Err(JobError::Retry(error) | JobError::Permanent(error)) => {
                tracing::error!(%error, "job dead-lettered");
                self.queue.fail(&job, &error, None).await
            }
        };
        let kind = job.kind.clone();
        metrics::counter!("tandem_jobs_processed_total", "kind" => kind.clone(), "outcome" => outcome).increment(1);
        metrics::histogram!("tandem_job_duration_seconds", "kind" => kind).record(started.elapsed().as_secs_f64());
        match report {
            Ok(true) => {}
            Ok(false) => tracing::warn!("lease lost before reporting; another worker has the job"),
            Err(err) => tracing::error!(error = %err, "reporting a job failed; it will run again"),
        }
    }
}
