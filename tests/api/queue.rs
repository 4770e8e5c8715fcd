//! The queue's guarantees, the same on every backend: SQLite, PostgreSQL and Redis.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use serde_json::json;
use tandem_domain::TenantId;
use tandem_domain::jobs::Noop;
use tandem_jobs::{NewJob, Queue, QueueError, RedisQueue, SqlQueue, Task};
use tandem_tests::services::shared_redis;
use tandem_tests::{Backend, TestApp};

struct QueueUnderTest {
    queue: Arc<dyn Queue>,
    tenant: TenantId,
    other: TenantId,
    _app: Option<TestApp>,
}

impl QueueUnderTest {
    async fn sql(backend: Backend) -> Option<Self> {
        // No worker in the app: the test plays the worker.
        let app = TestApp::spawn_with(backend, |config, _| config.worker_concurrency = 0).await?;
        let a = app.seed_company("alpha", "owner@alpha.example").await;
        let b = app.seed_company("beta", "owner@beta.example").await;
        Some(Self {
            queue: Arc::new(SqlQueue::new(app.store().await)),
            tenant: a.tenant_id.parse().unwrap(),
            other: b.tenant_id.parse().unwrap(),
            _app: Some(app),
        })
    }

    async fn redis() -> Option<Self> {
        let url = shared_redis().await?;
        let prefix = format!("tandem-test-{}", uuid::Uuid::new_v4().simple());
        let queue = RedisQueue::new(&url, &prefix).expect("redis queue");
        Some(Self { queue: Arc::new(queue), tenant: TenantId::new(), other: TenantId::new(), _app: None })
    }

    fn job(&self, key: &str) -> NewJob {
        let task = Task::Noop(Noop { sleep_ms: 0, marker: Some(key.to_owned()) });
        NewJob { max_attempts: 2, ..NewJob::new(self.tenant, &task, key, Utc::now()) }
    }
}

macro_rules! on_every_queue {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                use super::*;

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(QueueUnderTest::sql(Backend::Sqlite).await.expect("SQLite always runs")).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(q) = QueueUnderTest::sql(Backend::Postgres).await {
                        super::$name(q).await;
                    }
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn redis() {
                    if let Some(q) = QueueUnderTest::redis().await {
                        super::$name(q).await;
                    }
                }
            }
        )+
    };
}

on_every_queue!(
    enqueueing_the_same_key_twice_keeps_one_job,
    a_delayed_job_waits_for_its_time,
    a_failed_job_retries_then_is_dead_lettered,
    dead_jobs_can_be_retried_or_discarded_by_their_tenant_only,
    a_job_whose_lease_runs_out_runs_again_and_the_old_lease_is_void,
    a_postponed_job_keeps_its_attempts,
    the_worker_retries_then_dead_letters_after_the_last_attempt,
);

const LEASE: Duration = Duration::from_secs(30);

async fn enqueueing_the_same_key_twice_keeps_one_job(q: QueueUnderTest) {
    let (first, created) = q.queue.enqueue(q.job("welcome")).await.unwrap();
    assert!(created);
    let (second, created) = q.queue.enqueue(q.job("welcome")).await.unwrap();
    assert!(!created);
    assert_eq!(first, second);
    // Keys are per tenant: another tenant's "welcome" is another job.
    let (theirs, created) = q.queue.enqueue(NewJob { tenant: q.other, ..q.job("welcome") }).await.unwrap();
    assert!(created && theirs != first);
    assert_eq!(q.queue.depth(q.tenant).await.unwrap().queued, 1);

    let job = q.queue.claim(LEASE).await.unwrap().expect("a job");
    let other = q.queue.claim(LEASE).await.unwrap().expect("the other tenant's job");
    assert!(q.queue.claim(LEASE).await.unwrap().is_none(), "two jobs in all");
    assert!(q.queue.complete(&job).await.unwrap() && q.queue.complete(&other).await.unwrap());
    let (again, created) = q.queue.enqueue(q.job("welcome")).await.unwrap();
    assert!(!created && again == first, "a finished job's key still counts");
    assert!(q.queue.claim(LEASE).await.unwrap().is_none(), "and it does not run again");
}

async fn a_delayed_job_waits_for_its_time(q: QueueUnderTest) {
    let later = NewJob { run_at: Utc::now() + chrono::Duration::hours(1), ..q.job("later") };
    q.queue.enqueue(later).await.unwrap();
    assert!(q.queue.claim(LEASE).await.unwrap().is_none(), "not due yet");
    let soon = NewJob { run_at: Utc::now() + chrono::Duration::milliseconds(300), ..q.job("soon") };
    q.queue.enqueue(soon).await.unwrap();
    assert!(q.queue.claim(LEASE).await.unwrap().is_none());
    tokio::time::sleep(Duration::from_millis(400)).await;
    let job = q.queue.claim(LEASE).await.unwrap().expect("due now");
    assert_eq!(job.payload, json!({"sleep_ms": 0, "marker": "soon"}));
}

async fn a_failed_job_retries_then_is_dead_lettered(q: QueueUnderTest) {
    q.queue.enqueue(q.job("flaky")).await.unwrap();
    let first = q.queue.claim(LEASE).await.unwrap().unwrap();
    assert_eq!(first.attempt, 1);
    assert!(q.queue.fail(&first, "SMTP said 451", Some(Utc::now())).await.unwrap());
    assert_eq!(q.queue.depth(q.tenant).await.unwrap().retrying, 1);
    let second = q.queue.claim(LEASE).await.unwrap().expect("retried");
    assert_eq!((second.id, second.attempt), (first.id, 2));
    assert!(q.queue.fail(&second, "SMTP said 451 again", None).await.unwrap());

    let depth = q.queue.depth(q.tenant).await.unwrap();
    assert_eq!((depth.queued, depth.running, depth.retrying, depth.dead), (0, 0, 0, 1));
    let (dead, next) = q.queue.dead_jobs(q.tenant, 10, None).await.unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].last_error.as_deref(), Some("SMTP said 451 again"));
    assert_eq!(dead[0].attempts, 2);
    assert!(next.is_none());
    assert!(q.queue.claim(LEASE).await.unwrap().is_none(), "dead jobs do not run");
}

async fn dead_jobs_can_be_retried_or_discarded_by_their_tenant_only(q: QueueUnderTest) {
    for key in ["one", "two", "three"] {
        q.queue.enqueue(q.job(key)).await.unwrap();
        let job = q.queue.claim(LEASE).await.unwrap().unwrap();
        q.queue.fail(&job, "broken", None).await.unwrap();
    }
    let (page, next) = q.queue.dead_jobs(q.tenant, 2, None).await.unwrap();
    assert_eq!(page.len(), 2);
    let (rest, last) = q.queue.dead_jobs(q.tenant, 2, next).await.unwrap();
    assert_eq!(rest.len(), 1);
    assert!(last.is_none());
    assert_eq!(page[0].payload["marker"], "three", "newest first");

    assert!(q.queue.dead_jobs(q.other, 10, None).await.unwrap().0.is_empty());
    assert!(matches!(q.queue.retry_dead(q.other, page[0].id).await, Err(QueueError::NotFound)));
    assert!(matches!(q.queue.discard_dead(q.other, page[0].id).await, Err(QueueError::NotFound)));

    q.queue.retry_dead(q.tenant, page[0].id).await.unwrap();
    q.queue.discard_dead(q.tenant, page[1].id).await.unwrap();
    assert!(matches!(q.queue.discard_dead(q.tenant, page[1].id).await, Err(QueueError::NotFound)));
    let depth = q.queue.depth(q.tenant).await.unwrap();
    assert_eq!((depth.queued, depth.dead), (1, 1));
    let revived = q.queue.claim(LEASE).await.unwrap().expect("the retried job");
    assert_eq!((revived.id, revived.attempt), (page[0].id, 1), "a retried job gets fresh attempts");
}

async fn a_job_whose_lease_runs_out_runs_again_and_the_old_lease_is_void(q: QueueUnderTest) {
    q.queue.enqueue(q.job("slow")).await.unwrap();
    let first = q.queue.claim(Duration::from_millis(200)).await.unwrap().unwrap();
    assert!(q.queue.claim(LEASE).await.unwrap().is_none(), "leased");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let second = q.queue.claim(LEASE).await.unwrap().expect("the lease ran out");
    assert_eq!((second.id, second.attempt), (first.id, 2));
    assert!(!q.queue.complete(&first).await.unwrap(), "the first worker lost the job");
    assert!(q.queue.complete(&second).await.unwrap());
    assert!(q.queue.claim(LEASE).await.unwrap().is_none());
    let depth = q.queue.depth(q.tenant).await.unwrap();
    assert_eq!((depth.queued, depth.running, depth.retrying, depth.dead), (0, 0, 0, 0));
}

async fn a_postponed_job_keeps_its_attempts(q: QueueUnderTest) {
    q.queue.enqueue(q.job("quiet")).await.unwrap();
    let job = q.queue.claim(LEASE).await.unwrap().unwrap();
    let until = Utc::now() + chrono::Duration::milliseconds(200);
    assert!(q.queue.postpone(&job, until, "quiet hours").await.unwrap());
    assert!(q.queue.claim(LEASE).await.unwrap().is_none());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let again = q.queue.claim(LEASE).await.unwrap().expect("due again");
    assert_eq!(again.attempt, 1, "postponing is not a failure");
}

/// Fails every run with a retryable error, counting the runs.
struct AlwaysFailing(Arc<std::sync::atomic::AtomicU32>);

#[async_trait::async_trait]
impl tandem_jobs::Handler for AlwaysFailing {
    async fn run(
        &self,
        job: &tandem_jobs::Job,
        _: tandem_jobs::Task,
    ) -> Result<tandem_jobs::Outcome, tandem_jobs::JobError> {
        let n = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        assert_eq!(job.attempt, n, "each run is the next attempt");
        Err(tandem_jobs::JobError::Retry(format!("SMTP said 451 on attempt {n}")))
    }
}

async fn the_worker_retries_then_dead_letters_after_the_last_attempt(q: QueueUnderTest) {
    let runs = Arc::new(std::sync::atomic::AtomicU32::new(0));
    let job = NewJob { max_attempts: 3, ..q.job("doomed") };
    q.queue.enqueue(job).await.unwrap();
    let settings = tandem_jobs::WorkerSettings {
        concurrency: 1,
        lease: LEASE,
        idle_poll: Duration::from_millis(20),
        backoff: tandem_domain::retry::Backoff { base: Duration::from_millis(100), cap: Duration::from_secs(1) },
    };
    let handlers = Arc::new(AlwaysFailing(runs.clone()));
    let shutdown = tokio_util::sync::CancellationToken::new();
    let worker = tokio::spawn(tandem_jobs::Worker::new(q.queue.clone(), handlers, settings).run(shutdown.clone()));

    for _ in 0..400 {
        if q.queue.depth(q.tenant).await.unwrap().dead == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    shutdown.cancel();
    worker.await.unwrap();
    assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 3, "three attempts, then no more");
    let (dead, _) = q.queue.dead_jobs(q.tenant, 10, None).await.unwrap();
    assert_eq!(dead.len(), 1, "dead-lettered after the last attempt");
    assert_eq!((dead[0].attempts, dead[0].last_error.as_deref()), (3, Some("SMTP said 451 on attempt 3")));
}
