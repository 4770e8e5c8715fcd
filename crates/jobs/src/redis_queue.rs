//! The queue on Redis. Each job is a hash; `due` (a sorted set by run time) holds waiting
//! jobs, `leased` (by lease expiry) running ones, `dead:<tenant>` the dead letters. Every
//! transition is one Lua script, so it is atomic. Redis is only as durable as its
//! persistence: run it with `appendonly yes`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};
use redis::aio::ConnectionManager;
use redis::{AsyncCommands, Script};
use tandem_domain::jobs::JobState;
use tandem_domain::{JobId, TenantId};
use tokio::sync::OnceCell;
use uuid::Uuid;

use crate::queue::{DeadJob, Depth, Job, NewJob, Queue, QueueError};

/// Finished jobs and their idempotency keys are kept this long.
const KEEP_DONE: Duration = Duration::from_secs(7 * 24 * 3600);

#[derive(Clone)]
pub struct RedisQueue {
    conn: LazyConnection,
    prefix: String,
    scripts: Scripts,
}

/// A connection made when first needed rather than at start, so that a process starts (and
/// the API accepts work into the outbox) while Redis is away. Once made, it reconnects by
/// itself when Redis restarts.
#[derive(Clone)]
pub(crate) struct LazyConnection {
    client: redis::Client,
    conn: Arc<OnceCell<ConnectionManager>>,
}

impl LazyConnection {
    pub(crate) fn new(url: &str) -> Result<Self, redis::RedisError> {
        Ok(Self { client: redis::Client::open(url)?, conn: Arc::default() })
    }

    pub(crate) async fn get(&self) -> Result<ConnectionManager, redis::RedisError> {
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(5)))
            .set_response_timeout(Some(Duration::from_secs(10)))
            .set_number_of_retries(6);
        let conn =
            self.conn.get_or_try_init(|| ConnectionManager::new_with_config(self.client.clone(), config)).await?;
        Ok(conn.clone())
    }
}

#[derive(Clone)]
struct Scripts {
    enqueue: Script,
    claim: Script,
    settle: Script,
    revive: Script,
}

impl RedisQueue {
    /// The queue on Redis at `url`; keys start with `prefix` (several queues can share one
    /// Redis). Connects when first used: only a malformed URL fails here.
    pub fn new(url: &str, prefix: &str) -> Result<Self, QueueError> {
        Ok(Self {
            conn: LazyConnection::new(url)?,
            prefix: prefix.to_owned(),
            scripts: Scripts {
                enqueue: Script::new(include_str!("lua/enqueue.lua")),
                claim: Script::new(include_str!("lua/claim.lua")),
                settle: Script::new(include_str!("lua/settle.lua")),
                revive: Script::new(include_str!("lua/revive.lua")),
            },
        })
    }

    fn key(&self, rest: &str) -> String {
        format!("{}:{rest}", self.prefix)
    }

    async fn settle(
        &self,
        job: &Job,
        state: JobState,
        run_at: Option<DateTime<Utc>>,
        error: &str,
        postpone: bool,
    ) -> Result<bool, QueueError> {
        let mut conn = self.conn.get().await?;
        let settled: i64 = self
            .scripts
            .settle
            .arg(&self.prefix)
            .arg(job.id.to_string())
            .arg(job.lease.to_string())
            .arg(state.as_str())
            .arg(Utc::now().timestamp_millis())
            .arg(run_at.map(|t| t.timestamp_millis()).unwrap_or(0))
            .arg(error)
            .arg(KEEP_DONE.as_millis() as u64)
            .arg(if postpone { "1" } else { "0" })
            .invoke_async(&mut conn)
            .await?;
        Ok(settled == 1)
    }

    async fn revive(&self, tenant: TenantId, id: JobId, action: &str) -> Result<(), QueueError> {
        let mut conn = self.conn.get().await?;
        let done: i64 = self
            .scripts
            .revive
            .arg(&self.prefix)
            .arg(tenant.to_string())
            .arg(action)
            .arg(id.to_string())
            .arg(Utc::now().timestamp_millis())
            .invoke_async(&mut conn)
            .await?;
        if done == 1 { Ok(()) } else { Err(QueueError::NotFound) }
    }
}

fn parse<T: std::str::FromStr>(value: Option<&String>, what: &str) -> Result<T, QueueError> {
    value.and_then(|v| v.parse().ok()).ok_or_else(|| QueueError::Backend(format!("job without a valid {what}")))
}

#[async_trait]
impl Queue for RedisQueue {
    async fn enqueue(&self, job: NewJob) -> Result<(JobId, bool), QueueError> {
        let id = JobId::new();
        let now = Utc::now().timestamp_millis();
        let tenant = job.tenant.to_string();
        let mut conn = self.conn.get().await?;
        let (id, created): (String, i64) = self
            .scripts
            .enqueue
            .key(self.key(&format!("key:{tenant}:{}", job.idempotency_key)))
            .key(self.key(&format!("job:{id}")))
            .key(self.key("due"))
            .key(self.key(&format!("count:{tenant}")))
            .arg(id.to_string())
            .arg(&tenant)
            .arg(&job.kind)
            .arg(job.payload.to_string())
            .arg(&job.idempotency_key)
            .arg(job.run_at.timestamp_millis())
            .arg(job.max_attempts)
            .arg(now)
            .invoke_async(&mut conn)
            .await?;
        Ok((id.parse().map_err(|_| QueueError::Backend("bad job id".into()))?, created == 1))
    }

    async fn claim(&self, lease: Duration) -> Result<Option<Job>, QueueError> {
        let now = Utc::now();
        let lease_id = Uuid::now_v7();
        let until = now + chrono::Duration::from_std(lease).map_err(|e| QueueError::Backend(e.to_string()))?;
        let mut conn = self.conn.get().await?;
        let claimed: Option<Vec<String>> = self
            .scripts
            .claim
            .key(self.key("due"))
            .key(self.key("leased"))
            .arg(now.timestamp_millis())
            .arg(until.timestamp_millis())
            .arg(lease_id.to_string())
            .arg(&self.prefix)
            .invoke_async(&mut conn)
            .await?;
        let Some(fields) = claimed else { return Ok(None) };
        let [id, tenant, kind, payload, attempts, max_attempts] = <[String; 6]>::try_from(fields)
            .map_err(|_| QueueError::Backend("claim returned an unexpected shape".into()))?;
        Ok(Some(Job {
            id: parse(Some(&id), "id")?,
            tenant: parse(Some(&tenant), "tenant")?,
            kind,
            payload: serde_json::from_str(&payload).map_err(|e| QueueError::Backend(e.to_string()))?,
            attempt: parse(Some(&attempts), "attempts")?,
            max_attempts: parse(Some(&max_attempts), "max_attempts")?,
            lease: lease_id,
        }))
    }

    async fn complete(&self, job: &Job) -> Result<bool, QueueError> {
        self.settle(job, JobState::Done, None, "", false).await
    }

    async fn fail(&self, job: &Job, error: &str, retry_at: Option<DateTime<Utc>>) -> Result<bool, QueueError> {
        match retry_at {
            Some(at) => self.settle(job, JobState::Retrying, Some(at), error, false).await,
            None => self.settle(job, JobState::Dead, None, error, false).await,
        }
    }

    async fn postpone(&self, job: &Job, until: DateTime<Utc>, why: &str) -> Result<bool, QueueError> {
        self.settle(job, JobState::Queued, Some(until), why, true).await
    }

    async fn depth(&self, tenant: TenantId) -> Result<Depth, QueueError> {
        let mut conn = self.conn.get().await?;
        let counts: HashMap<String, i64> = conn.hgetall(self.key(&format!("count:{tenant}"))).await?;
        let mut depth = Depth::default();
        for (state, n) in counts {
            if let Ok(state) = state.parse::<JobState>() {
                depth.add(state, u64::try_from(n).unwrap_or(0));
            }
        }
        Ok(depth)
    }

    async fn dead_jobs(
        &self,
        tenant: TenantId,
        limit: u64,
        after: Option<Uuid>,
    ) -> Result<(Vec<DeadJob>, Option<Uuid>), QueueError> {
        let mut conn = self.conn.get().await?;
        // All dead letters score 0, so the set orders by id: UUIDv7, newest last.
        let max = after.map(|id| format!("({id}")).unwrap_or_else(|| "+".to_owned());
        let ids: Vec<String> = redis::cmd("ZREVRANGEBYLEX")
            .arg(self.key(&format!("dead:{tenant}")))
            .arg(max)
            .arg("-")
            .arg("LIMIT")
            .arg(0)
            .arg(limit + 1)
            .query_async(&mut conn)
            .await?;
        let mut jobs = Vec::with_capacity(ids.len());
        for id in ids.iter().take(usize::try_from(limit).unwrap_or(usize::MAX)) {
            let fields: HashMap<String, String> = conn.hgetall(self.key(&format!("job:{id}"))).await?;
            let updated_ms: i64 = parse(fields.get("updated_at"), "updated_at")?;
            jobs.push(DeadJob {
                id: parse(Some(id), "id")?,
                kind: fields.get("kind").cloned().unwrap_or_default(),
                payload: fields.get("payload").and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default(),
                attempts: parse(fields.get("attempts"), "attempts")?,
                last_error: fields.get("last_error").cloned(),
                updated_at: Utc.timestamp_millis_opt(updated_ms).single().unwrap_or_else(Utc::now),
            });
        }
        let next = if ids.len() as u64 > limit { jobs.last().map(|j| j.id.as_uuid()) } else { None };
        Ok((jobs, next))
    }

    async fn retry_dead(&self, tenant: TenantId, id: JobId) -> Result<(), QueueError> {
        self.revive(tenant, id, "retry").await
    }

    async fn discard_dead(&self, tenant: TenantId, id: JobId) -> Result<(), QueueError> {
        self.revive(tenant, id, "discard").await
    }

    async fn ping(&self) -> Result<(), QueueError> {
        let mut conn = self.conn.get().await?;
        let _: String = redis::cmd("PING").query_async(&mut conn).await?;
        Ok(())
    }

    async fn purge_done(&self, _before: DateTime<Utc>) -> Result<u64, QueueError> {
        // Finished jobs expire by themselves (KEEP_DONE).
        Ok(0)
    }
}
