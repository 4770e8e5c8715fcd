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
        let now = Utc::now();
        let backend = self.conn.get_database_backend();
        let mark = if backend == DbBackend::Postgres { "$" } else { "?" };
        let sql = format!(
            "INSERT INTO rate_limits (key, window_start, hits) VALUES ({mark}1, {mark}2, 1)
             ON CONFLICT (key) DO UPDATE SET
               hits = CASE WHEN rate_limits.window_start <= {mark}3 THEN 1 ELSE rate_limits.hits + 1 END,
               window_start = CASE WHEN rate_limits.window_start <= {mark}3
                                   THEN excluded.window_start ELSE rate_limits.window_start END
             RETURNING hits, window_start"
        );
        let values: [sea_orm::Value; 3] = [key.into(), now.into(), (now - window).into()];
        let row = self
            .conn
            .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?
            .ok_or(StoreError::NotFound)?;
        let hits: i32 = row.try_get("", "hits")?;
        let start: DateTime<Utc> = row.try_get("", "window_start")?;
        if u32::try_from(hits).unwrap_or(u32::MAX) <= limit {
            Ok(Hit::Allowed)
        } else {
            Ok(Hit::Refused { until: start + window })
        }
    }

    /// Takes back one hit on `key` (one that turned out not to count, such as a login that
    /// succeeded).
    pub async fn refund(&self, key: &str) -> Result<(), StoreError> {
        let backend = self.conn.get_database_backend();
        let mark = if backend == DbBackend::Postgres { "$1" } else { "?1" };
        let sql = format!("UPDATE rate_limits SET hits = hits - 1 WHERE key = {mark} AND hits > 0");
        self.conn.execute_raw(Statement::from_sql_and_values(backend, sql, [key.into()])).await?;
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
