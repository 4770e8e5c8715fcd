//! Fixed-window counters behind the limits on what callers without an account can make the
//! server do. One statement counts a hit and reads the count back, so parallel requests
//! cannot share a slot.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::db::Db;
use crate::error::StoreError;

/// What counting a hit found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Allowed,
    /// Over the limit until this moment.
    Refused {
        until: DateTime<Utc>,
    },
}

impl Db {
    /// Counts a hit on `key` in a window of `window` that starts at the key's first hit, and
    /// says whether it is within `limit`.
    pub async fn hit(&self, key: &str, limit: u32, window: Duration) -> Result<Hit, StoreError> {
        let (hits, start) = self.count(key, 1, window).await?;
        if hits <= u64::from(limit) { Ok(Hit::Allowed) } else { Ok(Hit::Refused { until: start + window }) }
    }

    /// Takes up to `wanted` slots of `key` at once (as many hits), within `limit` per window;
    /// returns how many it got and, when fewer than wanted, when the window ends. The slots it
    /// could not get are given back in the same call.
    pub async fn take(
        &self,
        key: &str,
        wanted: u32,
        limit: u32,
        window: Duration,
    ) -> Result<(u32, Option<DateTime<Utc>>), StoreError> {
        if wanted == 0 {
            return Ok((0, None));
        }
        let (hits, start) = self.count(key, wanted, window).await?;
        let over = u32::try_from(hits.saturating_sub(u64::from(limit))).unwrap_or(u32::MAX).min(wanted);
        if over == 0 {
            return Ok((wanted, None));
        }
        self.refund_many(key, over).await?;
        Ok((wanted - over, Some(start + window)))
    }

    /// Adds `n` hits to `key`'s window (a new one when the last has ended) and returns the
    /// window's hits and start, in one statement.
    async fn count(&self, key: &str, n: u32, window: Duration) -> Result<(u64, DateTime<Utc>), StoreError> {
        let now = Utc::now();
        let backend = self.conn.get_database_backend();
        let mark = if backend == DbBackend::Postgres { "$" } else { "?" };
        let sql = format!(
            "INSERT INTO rate_limits (key, window_start, hits) VALUES ({mark}1, {mark}2, {mark}4)
             ON CONFLICT (key) DO UPDATE SET
               hits = CASE WHEN rate_limits.window_start <= {mark}3 THEN {mark}4 ELSE rate_limits.hits + {mark}4 END,
               window_start = CASE WHEN rate_limits.window_start <= {mark}3
                                   THEN excluded.window_start ELSE rate_limits.window_start END
             RETURNING hits, window_start"
        );
        let n = i32::try_from(n).unwrap_or(i32::MAX);
        let values: [sea_orm::Value; 4] = [key.into(), now.into(), (now - window).into(), n.into()];
        let row = self
            .conn
            .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?
            .ok_or(StoreError::NotFound)?;
        let hits: i32 = row.try_get("", "hits")?;
        Ok((u64::try_from(hits).unwrap_or(0), row.try_get("", "window_start")?))
    }

    /// Takes back one hit on `key` (one that turned out not to count, such as a login that
    /// succeeded).
    pub async fn refund(&self, key: &str) -> Result<(), StoreError> {
        self.refund_many(key, 1).await
    }

    /// Takes back `n` hits on `key`, never below none.
    pub async fn refund_many(&self, key: &str, n: u32) -> Result<(), StoreError> {
        let backend = self.conn.get_database_backend();
        let (key_mark, n_mark) = if backend == DbBackend::Postgres { ("$1", "$2") } else { ("?1", "?2") };
        let sql = format!(
            "UPDATE rate_limits SET hits = CASE WHEN hits > {n_mark} THEN hits - {n_mark} ELSE 0 END WHERE key = {key_mark}"
        );
        let n = i32::try_from(n).unwrap_or(i32::MAX);
        self.conn.execute_raw(Statement::from_sql_and_values(backend, sql, [key.into(), n.into()])).await?;
        Ok(())
    }

    /// Forgets counters whose window ended more than a day ago.
    pub async fn purge_rate_limits(&self) -> Result<u64, StoreError> {
        let backend = self.conn.get_database_backend();
        let mark = if backend == DbBackend::Postgres { "$1" } else { "?1" };
        let before: sea_orm::Value = (Utc::now() - Duration::days(2)).into();
        let sql = format!("DELETE FROM rate_limits WHERE window_start < {mark}");
        let result = self.conn.execute_raw(Statement::from_sql_and_values(backend, sql, [before])).await?;
        Ok(result.rows_affected())
    }
}
