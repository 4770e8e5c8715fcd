//! Email for Tandem: templates in English and Japanese rendered to multipart messages, and
//! two transports behind one [`Mailer`]: SMTP with a connection pool for production, and a
//! file outbox (one `.eml` per message) for the embedded default.

mod mailer;
mod templates;

pub use mailer::{MailError, Mailer, OutgoingEmail};
pub use templates::{Rendered, Template, TemplateError, render};
