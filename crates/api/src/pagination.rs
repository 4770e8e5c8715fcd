//! Cursor pagination: `?limit=…&cursor=…`, where the cursor is opaque to clients.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use tandem_domain::Reason;
use tandem_store::{Page, PageRequest};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiError, Fields};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// How many items to return, 1 to 100 (default 50).
    #[param(minimum = 1, maximum = 100, example = 50)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl ListQuery {
    pub fn page(&self) -> Result<PageRequest, ApiError> {
        let mut fields = Fields::default();
        let limit = self.limit.unwrap_or(PageRequest::DEFAULT_LIMIT);
        if !(1..=PageRequest::MAX_LIMIT).contains(&limit) {
            fields.push("limit", Reason::Between { min: 1, max: PageRequest::MAX_LIMIT as i64 });
        }
        let after = match &self.cursor {
            None => None,
            Some(cursor) => fields.check("cursor", decode(cursor).ok_or(Reason::NotACursor)),
        };
        fields.finish(|| Some(PageRequest { limit, after }))
    }
}

fn decode(cursor: &str) -> Option<Uuid> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    Uuid::from_slice(&bytes).ok()
}

fn encode(id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(id.as_bytes())
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paginated<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[schema(example = "AZq0Vw2cdjGfX5mQHg3mPA")]
    pub next_cursor: Option<String>,
    /// How many items the whole list has, on lists that count them (the directory).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = 1240)]
    pub total: Option<u64>,
}

impl<T> Paginated<T> {
    pub fn from_page<R>(page: Page<R>, f: impl FnMut(R) -> T) -> Self {
        let next_cursor = page.next.map(encode);
        Self { items: page.items.into_iter().map(f).collect(), next_cursor, total: None }
    }

    pub fn with_total(self, total: u64) -> Self {
        Self { total: Some(total), ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let id = Uuid::now_v7();
        assert_eq!(decode(&encode(id)), Some(id));
        assert_eq!(decode("not a cursor"), None);
        let query = ListQuery { limit: Some(0), cursor: Some("%%".into()) };
        match query.page() {
            Err(ApiError::Validation(errors)) => assert_eq!(errors.len(), 2),
            other => panic!("expected two field errors, got {other:?}"),
        }
    }
}
