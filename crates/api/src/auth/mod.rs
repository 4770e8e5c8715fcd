//! Authentication: passwords, access tokens (JWT), opaque secrets (refresh tokens, API keys,
//! invitations), and the [`TenantCtx`] extractor every tenant route takes.

pub mod cookies;
mod ctx;
pub mod jwt;
pub mod participant;
pub mod password;
pub mod secrets;

pub use ctx::{Scoped, TenantCtx};
pub use participant::{Participant, ParticipantCtx};
pub use jwt::{AccessClaims, JwtKeys};
