//! Jobs per second through the Redis queue with no-op jobs, next to what `redis-benchmark`
//! measures for the underlying commands on the same machine in the same run.
//!
//!     cargo bench -p tandem-tests --bench queue            (Redis at 127.0.0.1:6379)
//!
//! Each job costs three Lua script calls (enqueue, claim, settle); the ratio compares the
//! queue's rate with a third of the rate Redis sustains for a trivial EVAL at the same
//! concurrency.

use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tandem_domain::TenantId;
use tandem_domain::jobs::Noop;
use tandem_jobs::noop::NoopHandler;
use tandem_jobs::{Handler, Job, JobError, NewJob, Outcome, Queue, RedisQueue, Task, Worker, WorkerSettings};
use tandem_tests::{Backend, TestApp};
use tokio_util::sync::CancellationToken;

const JOBS: usize = 20_000;
const CONCURRENCY: usize = 16;

#[tokio::main]
async fn main() {
    let url = std::env::var("TANDEM_BENCH_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    let prefix = format!("tandem-bench-{}", uuid::Uuid::new_v4().simple());
    let queue = Arc::new(RedisQueue::new(&url, &prefix).expect("a Redis URL"));
    let tenant = TenantId::new();

    let started = Instant::now();
    let mut pending = Vec::with_capacity(CONCURRENCY);
    for chunk in (0..JOBS).collect::<Vec<_>>().chunks(JOBS / CONCURRENCY) {
        let queue = Arc::clone(&queue);
        let chunk = chunk.to_vec();
        pending.push(tokio::spawn(async move {
            for n in chunk {
                queue
                    .enqueue(NewJob::new(
                        tenant,
                        &Task::Noop(Noop::default()),
                        format!("bench-{n}"),
                        chrono::Utc::now(),
                    ))
                    .await
                    .expect("enqueue");
            }
        }));
    }
    for task in pending {
        task.await.unwrap();
    }
    let enqueue_secs = started.elapsed().as_secs_f64();

    // The noop handler needs a database only to leave marks; these jobs leave none.
    let app = TestApp::spawn_with(Backend::Sqlite, |c, _| c.worker_concurrency = 0).await.unwrap();
    let handlers = Arc::new(OnlyNoops(NoopHandler::new(app.store().await)));
    let settings =
        WorkerSettings { concurrency: CONCURRENCY, idle_poll: Duration::from_millis(5), ..WorkerSettings::default() };
    let stop = CancellationToken::new();
    let worker = tokio::spawn(Worker::new(queue.clone(), handlers, settings).run(stop.clone()));
    let started = Instant::now();
    loop {
        let depth = queue.depth(tenant).await.unwrap();
        if depth.queued + depth.running + depth.retrying == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let process_secs = started.elapsed().as_secs_f64();
    stop.cancel();
    worker.await.unwrap();

    let enqueued_per_sec = JOBS as f64 / enqueue_secs;
    let processed_per_sec = JOBS as f64 / process_secs;
    let end_to_end = JOBS as f64 / (enqueue_secs + process_secs);
    let eval_per_sec = redis_benchmark(&url);
    println!("jobs: {JOBS}, concurrency: {CONCURRENCY}");
    println!("enqueue:            {enqueued_per_sec:>10.0} jobs/s");
    println!("claim + run + ack:  {processed_per_sec:>10.0} jobs/s");
    println!("end to end:         {end_to_end:>10.0} jobs/s");
    if let Some(eval) = eval_per_sec {
        let ceiling = eval / 3.0;
        println!(
            "redis-benchmark EVAL (c={CONCURRENCY}): {eval:>10.0} ops/s → ceiling {ceiling:.0} jobs/s at 3 scripts a job"
        );
        println!("ratio end to end / ceiling: {:.2}", end_to_end / ceiling);
    }
}

/// Runs the no-op jobs this benchmark queues, and nothing else.
struct OnlyNoops(NoopHandler);

#[async_trait::async_trait]
impl Handler for OnlyNoops {
    async fn run(&self, job: &Job, task: Task) -> Result<Outcome, JobError> {
        match task {
            Task::Noop(noop) => self.0.run(job, noop).await,
            other => Err(JobError::Permanent(format!("a {} job in the queue benchmark", other.kind()))),
        }
    }
}

/// `redis-benchmark` for a trivial EVAL, at the same concurrency.
fn redis_benchmark(url: &str) -> Option<f64> {
    let port = url.rsplit(':').next()?.trim_end_matches('/').to_owned();
    let output = Command::new("redis-benchmark")
        .args(["-h", "127.0.0.1", "-p", &port, "-n", "100000", "-c", &CONCURRENCY.to_string(), "-q"])
        .args(["EVAL", "return redis.call('ZCARD', KEYS[1])", "1", "tandem-bench-probe"])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    // "EVAL ...: 61349.69 requests per second, p50=…"
    let figure = text.split("requests per second").next()?.rsplit(' ').find(|w| !w.is_empty())?;
    figure.parse().ok()
}
