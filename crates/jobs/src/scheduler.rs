//! Periodic tasks, run by exactly one process at a time however many workers run: each tick,
//! a process takes or renews a lock with an expiry, and only the holder runs due tasks (renewing
//! the lock while one runs). When the holder dies, its lock expires and another process takes
//! over.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use redis::Script;
use tandem_store::Db;

use crate::redis_queue::LazyConnection;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

const LOCK_NAME: &str = "scheduler";

/// A lock with an expiry, shared by all processes.
#[async_trait]
pub trait Lock: Send + Sync {
    /// Takes or renews the lock for `holder`; false when someone else holds it.
    async fn acquire(&self, holder: &str, ttl: Duration) -> anyhow::Result<bool>;
    async fn release(&self, holder: &str) -> anyhow::Result<()>;
}

/// The lock as a row of the `locks` table.
#[derive(Clone)]
pub struct DbLock {
    db: Db,
    name: String,
}

impl DbLock {
    /// The scheduler's lock.
    pub fn scheduler(db: Db) -> Self {
        Self::named(db, LOCK_NAME)
    }

    pub fn named(db: Db, name: &str) -> Self {
        Self { db, name: name.to_owned() }
    }
}

#[async_trait]
impl Lock for DbLock {
    async fn acquire(&self, holder: &str, ttl: Duration) -> anyhow::Result<bool> {
        Ok(self.db.acquire_lock(&self.name, holder, chrono::Duration::from_std(ttl)?).await?)
    }

    async fn release(&self, holder: &str) -> anyhow::Result<()> {
        Ok(self.db.release_lock(&self.name, holder).await?)
    }
}

/// The lock on Redis: `SET NX PX`, renewed only by its holder.
#[derive(Clone)]
pub struct RedisLock {
    conn: LazyConnection,
    key: String,
}

impl RedisLock {
    /// The scheduler's lock on Redis at `url` (connected when first used).
    pub fn new(url: &str, prefix: &str) -> Result<Self, redis::RedisError> {
        Self::named(url, prefix, LOCK_NAME)
    }

    pub fn named(url: &str, prefix: &str, name: &str) -> Result<Self, redis::RedisError> {
        Ok(Self { conn: LazyConnection::new(url)?, key: format!("{prefix}:lock:{name}") })
    }
}

const ACQUIRE: &str = r"
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0";

const RELEASE: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0";

#[async_trait]
impl Lock for RedisLock {
    async fn acquire(&self, holder: &str, ttl: Duration) -> anyhow::Result<bool> {
        let mut conn = self.conn.get().await?;
        let taken: i64 =
            Script::new(ACQUIRE).key(&self.key).arg(holder).arg(ttl.as_millis() as u64).invoke_async(&mut conn).await?;
        Ok(taken == 1)
    }

    async fn release(&self, holder: &str) -> anyhow::Result<()> {
        let mut conn = self.conn.get().await?;
        let _: i64 = Script::new(RELEASE).key(&self.key).arg(holder).invoke_async(&mut conn).await?;
        Ok(())
    }
}

type TaskFn = Arc<dyn Fn() -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// Something to do every `every`.
#[derive(Clone)]
pub struct PeriodicTask {
    pub name: &'static str,
    pub every: Duration,
    run: TaskFn,
}

impl PeriodicTask {
    pub fn new<F, Fut>(name: &'static str, every: Duration, run: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        Self { name, every, run: Arc::new(move || Box::pin(run())) }
    }
}

pub struct Scheduler {
    lock: Arc<dyn Lock>,
    holder: String,
    tasks: Vec<PeriodicTask>,
    tick: Duration,
    ttl: Duration,
}

impl Scheduler {
    pub fn new(lock: Arc<dyn Lock>, holder: impl Into<String>, tasks: Vec<PeriodicTask>) -> Self {
        Self { lock, holder: holder.into(), tasks, tick: Duration::from_secs(1), ttl: Duration::from_secs(15) }
    }

    /// How often to check (and renew the lock); the lock lives `ttl` without renewal.
    pub fn with_timing(mut self, tick: Duration, ttl: Duration) -> Self {
        self.tick = tick;
        self.ttl = ttl;
        self
    }

    /// Runs `task` and renews the lock every tick while it runs, so that a task longer than the
    /// lock's life (a nudge pass over many programs) keeps it. Returns false, having stopped the
    /// task, when another process holds the lock: it may be running tasks now. A store that
    /// does not answer is no proof of that (no one else can take the lock either), so the task
    /// goes on.
    async fn run_holding(&self, task: &PeriodicTask) -> bool {
        let run = (task.run)();
        tokio::pin!(run);
        loop {
            tokio::select! {
                () = &mut run => return true,
                () = tokio::time::sleep(self.tick) => match self.lock.acquire(&self.holder, self.ttl).await {
                    Ok(true) => {}
                    Ok(false) => {
                        tracing::warn!(task = task.name, "another process took the scheduler lock; stopping the task");
                        return false;
                    }
                    Err(err) => tracing::warn!(task = task.name, error = %err, "renewing the scheduler lock failed"),
                },
            }
        }
    }

    /// Takes the lock when it is free and runs the tasks that are due while holding it, until
    /// `shutdown`. The gauge `tandem_scheduler_leading` is 1 in the process that holds the lock
    /// and 0 in the others: across all workers it sums to 1 (0 for at most the lock's life after
    /// its holder died).
    pub async fn run(self, shutdown: CancellationToken) {
        let mut next: Vec<Instant> = self.tasks.iter().map(|_| Instant::now()).collect();
        let leading_gauge = metrics::gauge!("tandem_scheduler_leading");
        let mut leading = false;
        leading_gauge.set(0.0);
        while !shutdown.is_cancelled() {
            match self.lock.acquire(&self.holder, self.ttl).await {
                Ok(true) => {
                    if !leading {
                        tracing::info!(holder = %self.holder, "this process now runs the scheduler");
                        leading = true;
                        leading_gauge.set(1.0);
                    }
                    for (task, due) in self.tasks.iter().zip(next.iter_mut()) {
                        if Instant::now() >= *due {
                            *due = Instant::now() + task.every;
                            if !self.run_holding(task).await {
                                leading = false;
                                break;
                            }
                        }
                    }
                }
                Ok(false) => leading = false,
                Err(err) => {
                    tracing::warn!(error = %err, "scheduler lock unavailable");
                    leading = false;
                }
            }
            if !leading {
                leading_gauge.set(0.0);
            }
            tokio::select! {
                _ = shutdown.cancelled() => {}
                _ = tokio::time::sleep(self.tick) => {}
            }
        }
        leading_gauge.set(0.0);
        if leading && let Err(err) = self.lock.release(&self.holder).await {
            tracing::warn!(error = %err, "releasing the scheduler lock failed; it will expire");
        }
    }
}
