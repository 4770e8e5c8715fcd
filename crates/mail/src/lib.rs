//! Email for Tandem: templates in English and Japanese (which a tenant may override) rendered
//! to multipart messages, two transports behind one [`Mailer`] (SMTP through our own
//! [`SmtpPool`] of connections with `TCP_NODELAY`, and a file outbox of `.eml` files for the
//! embedded default), and signed unsubscribe links.

pub mod calendar;
mod frame;
mod mailer;
pub mod pace;
mod smtp;
mod templates;
pub mod unsubscribe;

pub use frame::{Sender, frame};
pub use mailer::{MailError, Mailer, OutgoingEmail, outbox_file_name};
pub use smtp::{Slot, SmtpError, SmtpPool};
pub use templates::{
    FUEL, MAX_RENDERED_BYTES, Override, RECURSION_LIMIT, Rendered, Template, TemplateError, TemplateErrorKind,
    builtin_sources, render, render_part, render_with, role_label, sample,
};
