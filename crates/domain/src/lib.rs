//! Tandem's domain: the pure types and rules the rest of the system is built on.
//!
//! Nothing here does I/O, awaits, or knows about HTTP or SQL. Values are *parsed* into
//! types that are valid by construction (`EmailAddress::parse`, `Password::parse`, …), so
//! the layers above never re-check them.

#[macro_use]
mod text_enum;

pub mod access;
pub mod analytics;
pub mod eligibility;
pub mod emails;
pub mod export;
pub mod feedback;
pub mod ids;
pub mod import;
pub mod jobs;
pub mod locale;
pub mod login;
pub mod mail;
pub mod matching;
pub mod nudges;
pub mod people;
pub mod program_templates;
pub mod programs;
pub mod reason;
pub mod recruitment;
pub mod retry;
pub mod team;
pub mod tracking;
pub mod values;

pub use access::{Actor, ApiScope, Permission, Role};
pub use ids::*;
pub use locale::Locale;
pub use reason::Reason;
pub use values::{CompanyName, EmailAddress, Password, PersonName, SEARCH_TERM_MAX, display_name, search_term};
