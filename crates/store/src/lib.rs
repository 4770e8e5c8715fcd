//! Persistence for Tandem on PostgreSQL or SQLite (one binary, chosen by the URL).
//!
//! Tenant data is reached only through [`TenantTx`], a transaction bound to one tenant that
//! adds the tenant to every statement it issues. It is opened by [`Db::tenant`], which on
//! PostgreSQL also drops to the `tandem_app` role and sets `tandem.tenant_id`, so row-level
//! security backs the scoped queries up. The few things that come before a tenant is known
//! (finding a user at login, the login throttle) live on [`Db`] itself and touch no tenant
//! table but a user's own memberships.

mod db;
mod entities;
mod error;
mod global;
mod limits;
mod nudges;
mod page;
pub mod queue;
mod records;
mod scoped;

pub use db::{Backend, Db, JobSink};
pub use error::StoreError;
pub use limits::Hit;
pub use nudges::DueRow;
pub use page::{Page, PageRequest};
pub use queue::NewJob;
pub use records::*;
pub use scoped::{LinkUse, TenantTx};
