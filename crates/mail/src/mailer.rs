use std::path::{Path, PathBuf};

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use thiserror::Error;

use crate::templates::Rendered;

#[derive(Debug, Error)]
pub enum MailError {
    #[error("invalid address {0:?}")]
    Address(String),
    #[error("could not build the message: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("outbox: {0}")]
    Outbox(#[from] lettre::transport::file::Error),
    #[error("outbox folder {0}: {1}")]
    OutboxDir(PathBuf, std::io::Error),
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(AsyncFileTransport<Tokio1Executor>),
}

/// Sends rendered emails through SMTP or into the file outbox.
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

/// One message to one person.
pub struct OutgoingEmail {
    pub to: String,
    pub to_name: Option<String>,
    pub content: Rendered,
}

impl Mailer {
    /// SMTP from a URL such as `smtp://user:pass@host:587?tls=required` or
    /// `smtps://host:465` (see lettre's `from_url`), with a connection pool.
    pub fn smtp(url: &str, from: &str) -> Result<Self, MailError> {
        let transport =
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.pool_config(PoolConfig::new().max_size(8)).build();
        Ok(Self { transport: Transport::Smtp(transport), from: parse_mailbox(from)? })
    }

    /// Writes each message as an `.eml` file under `dir`, creating it if needed.
    pub fn outbox(dir: &Path, from: &str) -> Result<Self, MailError> {
        std::fs::create_dir_all(dir).map_err(|e| MailError::OutboxDir(dir.to_owned(), e))?;
        Ok(Self { transport: Transport::Outbox(AsyncFileTransport::new(dir)), from: parse_mailbox(from)? })
    }

    pub async fn send(&self, email: OutgoingEmail) -> Result<(), MailError> {
        let to = match email.to_name {
            Some(name) => Mailbox::new(Some(name), email.to.parse().map_err(|_| MailError::Address(email.to.clone()))?),
            None => parse_mailbox(&email.to)?,
        };
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.content.subject)
            .multipart(MultiPart::alternative_plain_html(email.content.text, email.content.html))?;
        match &self.transport {
            Transport::Smtp(smtp) => {
                smtp.send(message).await?;
            }
            Transport::Outbox(outbox) => {
                outbox.send(message).await?;
            }
        }
        Ok(())
    }
}

fn parse_mailbox(raw: &str) -> Result<Mailbox, MailError> {
    raw.parse().map_err(|_| MailError::Address(raw.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::{Template, render};
    use tandem_domain::Locale;

    #[tokio::test]
    async fn outbox_writes_one_multipart_eml_per_message() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mailer = Mailer::outbox(dir.path(), "Tandem <no-reply@tandem.test>").expect("outbox");
        let content = render(
            Template::Invitation,
            Locale::Ja,
            &serde_json::json!({"company": "株式会社テスト", "inviter": "田中", "role": "admin", "link": "http://x/accept?t=1"}),
        )
        .expect("renders");
        mailer
            .send(OutgoingEmail { to: "aiko@example.jp".into(), to_name: Some("Aiko".into()), content })
            .await
            .expect("sent");
        let files: Vec<_> = std::fs::read_dir(dir.path()).expect("listed").map(|e| e.expect("entry").path()).collect();
        assert_eq!(files.len(), 1);
        let eml = std::fs::read_to_string(&files[0]).expect("readable");
        assert!(eml.contains("multipart/alternative"), "{eml}");
        assert!(eml.contains("text/plain") && eml.contains("text/html"), "{eml}");
        assert!(eml.contains("Subject: =?utf-8?"), "Japanese subject is encoded: {eml}");
    }
}
