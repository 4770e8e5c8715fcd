use uuid::Uuid;

/// A request for one page of a list ordered by id (ids are time-ordered UUIDv7).
#[derive(Clone, Copy, Debug)]
pub struct PageRequest {
    pub limit: u64,
    /// The last id of the previous page.
    pub after: Option<Uuid>,
}

impl PageRequest {
    pub const MAX_LIMIT: u64 = 100;
    pub const DEFAULT_LIMIT: u64 = 50;

    pub fn first(limit: u64) -> Self {
        Self { limit, after: None }
    }
}

#[derive(Clone, Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The id to continue after, when there is more.
    pub next: Option<Uuid>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` rows: the extra row only says that more exist.
    pub(crate) fn from_overfetch(mut rows: Vec<T>, limit: u64, id_of: impl Fn(&T) -> Uuid) -> Self {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = if more { rows.last().map(&id_of) } else { None };
        Page { items: rows, next }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { items: self.items.into_iter().map(f).collect(), next: self.next }
    }
}
