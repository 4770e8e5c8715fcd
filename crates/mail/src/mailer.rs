use std::num::NonZeroU32;
use std::path::{Path, PathBuf};

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use thiserror::Error;

use crate::pace::Pace;
use crate::smtp::{SmtpError, SmtpPool};
use crate::templates::Rendered;

#[derive(Debug, Error)]
pub enum MailError {
    /// The address or message can never be sent: do not retry.
    #[error("permanent: {0}")]
    Permanent(String),
    /// The server or network failed for now (4xx, connection): retry later.
    #[error("temporary: {0}")]
    Temporary(String),
    #[error("outbox folder {0}: {1}")]
    OutboxDir(PathBuf, std::io::Error),
    #[error("invalid SMTP configuration: {0}")]
    Config(String),
}

impl MailError {
    pub fn is_permanent(&self) -> bool {
        matches!(self, MailError::Permanent(_))
    }
}

impl From<lettre::transport::smtp::Error> for MailError {
    fn from(err: lettre::transport::smtp::Error) -> Self {
        // Only an explicit 5xx is a refusal; anything else (4xx, timeouts, broken
        // connections, TLS) may work next time.
        if err.is_permanent() { MailError::Permanent(err.to_string()) } else { MailError::Temporary(err.to_string()) }
    }
}

impl From<SmtpError> for MailError {
    fn from(err: SmtpError) -> Self {
        match err {
            SmtpError::Smtp(err) => err.into(),
            // No connection at all: the server may be back later.
            SmtpError::Connect { .. } => MailError::Temporary(err.to_string()),
        }
    }
}

enum Transport {
    Smtp(Box<SmtpPool>),
    Outbox(PathBuf),
}

/// Sends rendered emails through SMTP or into the file outbox.
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    /// How fast messages go to the SMTP server (the outbox is not paced).
    pace: Pace,
}

/// One message to one person.
pub struct OutgoingEmail {
    pub to: String,
    pub to_name: Option<String>,
    pub content: Rendered,
    /// A stable Message-ID (`<…@…>`) so that a resent message is recognisably the same.
    pub message_id: Option<String>,
    /// Extra headers, e.g. `List-Unsubscribe`.
    pub headers: Vec<(&'static str, String)>,
    /// An iCalendar invitation (`text/calendar`), sent both as the calendar part that mail
    /// programs act on and as an `invite.ics` attachment for those that only show files.
    pub calendar: Option<String>,
}

impl OutgoingEmail {
    pub fn new(to: impl Into<String>, content: Rendered) -> Self {
        Self { to: to.into(), to_name: None, content, message_id: None, headers: Vec::new(), calendar: None }
    }
}

/// The outbox file of a message: its Message-ID without the brackets, made file-safe.
pub fn outbox_file_name(message_id: &str) -> String {
    let stem: String = message_id
        .trim_matches(|c| c == '<' || c == '>')
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' })
        .collect();
    format!("{stem}.eml")
}

impl Mailer {
    /// SMTP from a URL such as `smtp://user:pass@host:587?tls=required` (STARTTLS) or
    /// `smtps://host:465` (TLS), through our own pool of up to `pool_size` connections (see
    /// [`SmtpPool`] for why not lettre's), handing it at most `per_second` messages a second
    /// (see [`Pace`]).
    pub fn smtp(url: &str, from: &str, pool_size: u32, per_second: Option<NonZeroU32>) -> Result<Self, MailError> {
        Ok(Self {
            transport: Transport::Smtp(Box::new(SmtpPool::from_url(url, pool_size)?)),
            from: parse_mailbox(from)?,
            pace: Pace::new(per_second),
        })
    }

    /// Writes each message as `<message-id>.eml` under `dir`, creating it if needed.
    pub fn outbox(dir: &Path, from: &str) -> Result<Self, MailError> {
        std::fs::create_dir_all(dir).map_err(|e| MailError::OutboxDir(dir.to_owned(), e))?;
        Ok(Self { transport: Transport::Outbox(dir.to_owned()), from: parse_mailbox(from)?, pace: Pace::new(None) })
    }

    /// The outbox folder, when mail goes to files.
    pub fn outbox_dir(&self) -> Option<&Path> {
        match &self.transport {
            Transport::Outbox(dir) => Some(dir),
            Transport::Smtp(_) => None,
        }
    }

    pub async fn send(&self, email: OutgoingEmail) -> Result<(), MailError> {
        let address = email.to.parse().map_err(|_| MailError::Permanent(format!("invalid address {:?}", email.to)))?;
        let message_id = email.message_id.unwrap_or_else(|| format!("<{}@tandem.mail>", uuid::Uuid::now_v7()));
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(email.to_name, address))
            .subject(email.content.subject)
            .message_id(Some(message_id.clone()));
        for (name, value) in email.headers {
            builder = builder.raw_header(HeaderValue::new(HeaderName::new_from_ascii_str(name), value));
        }
        let body = match email.calendar {
            None => MultiPart::alternative_plain_html(email.content.text, email.content.html),
            Some(ics) => with_calendar(email.content.text, email.content.html, ics)?,
        };
        let message = builder.multipart(body).map_err(|e| MailError::Permanent(e.to_string()))?;
        match &self.transport {
            Transport::Smtp(pool) => {
                // A connection first, then the turn: messages waiting for a connection must not
                // take turns meanwhile, or they would all go at once after a pause.
                let connection = pool.slot().await;
                self.pace.turn().await;
                match connection.send(message.envelope(), &message.formatted()).await {
                    Ok(_) => self.pace.recovered(),
                    // "Try again later" (421, 451, 452…): later for the next messages too.
                    Err(err) if err.is_transient() => {
                        if let Some(pause) = self.pace.slow_down() {
                            tracing::warn!(?pause, error = %err, "the SMTP server asked to slow down; pausing");
                            metrics::counter!("tandem_smtp_pauses_total").increment(1);
                        }
                        return Err(err.into());
                    }
                    Err(err) => return Err(err.into()),
                }
            }
            Transport::Outbox(dir) => {
                // Written aside and renamed, so a reader never sees half a message.
                let path = dir.join(outbox_file_name(&message_id));
                let partial = path.with_extension("eml.partial");
                tokio::fs::write(&partial, message.formatted())
                    .await
                    .map_err(|e| MailError::OutboxDir(partial.clone(), e))?;
                tokio::fs::rename(&partial, &path).await.map_err(|e| MailError::OutboxDir(path, e))?;
            }
        }
        Ok(())
    }
}

/// `multipart/mixed`: the text, HTML and calendar alternatives, then the `.ics` attachment.
fn with_calendar(text: String, html: String, ics: String) -> Result<MultiPart, MailError> {
    let method = crate::calendar::method_of(&ics).unwrap_or("REQUEST").to_owned();
    let calendar_type = ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
        .map_err(|e| MailError::Permanent(e.to_string()))?;
    let attachment_type = ContentType::parse("application/ics").map_err(|e| MailError::Permanent(e.to_string()))?;
    Ok(MultiPart::mixed()
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::plain(text))
                .singlepart(SinglePart::html(html))
                .singlepart(SinglePart::builder().header(calendar_type).body(ics.clone())),
        )
        .singlepart(Attachment::new("invite.ics".to_owned()).body(ics, attachment_type)))
}

fn parse_mailbox(raw: &str) -> Result<Mailbox, MailError> {
    raw.parse().map_err(|_| MailError::Config(format!("invalid From address {raw:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::render;
    use tandem_domain::Locale;
    use tandem_domain::emails::{Email, InvitationEmail};

    #[tokio::test]
    async fn outbox_writes_one_multipart_eml_per_message_named_by_its_id() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mailer = Mailer::outbox(dir.path(), "Tandem <no-reply@tandem.test>").expect("outbox");
        let invitation = Email::Invitation(InvitationEmail {
            company: "株式会社テスト".into(),
            inviter: "田中".into(),
            role: "admin".into(),
            link: "http://x/accept?t=1".into(),
        });
        let content = render(&invitation, Locale::Ja).expect("renders");
        let mut email = OutgoingEmail::new("aiko@example.jp", content);
        email.message_id = Some("<abc-123@tandem.mail>".into());
        email.headers.push(("List-Unsubscribe", "<https://x/u?t=1>".into()));
        mailer.send(email).await.expect("sent");
        let eml = std::fs::read_to_string(dir.path().join("abc-123_tandem.mail.eml")).expect("named by message id");
        assert!(eml.contains("multipart/alternative"), "{eml}");
        assert!(eml.contains("Message-ID: <abc-123@tandem.mail>"), "{eml}");
        assert!(eml.contains("List-Unsubscribe: <https://x/u?t=1>"), "{eml}");
        assert!(eml.contains("Subject: =?utf-8?"), "Japanese subject is encoded: {eml}");
    }

    #[tokio::test]
    async fn a_calendar_goes_as_an_alternative_with_its_method_and_as_an_attachment() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mailer = Mailer::outbox(dir.path(), "Tandem <no-reply@tandem.test>").expect("outbox");
        let content = Rendered { subject: "Kickoff".into(), html: "<p>Hi</p>".into(), text: "Hi".into() };
        let mut email = OutgoingEmail::new("aiko@example.jp", content);
        email.message_id = Some("<cal-1@tandem.mail>".into());
        email.calendar = Some("BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n".into());
        mailer.send(email).await.expect("sent");
        let eml = std::fs::read_to_string(dir.path().join("cal-1_tandem.mail.eml")).expect("written");
        assert!(eml.contains("multipart/mixed"), "{eml}");
        assert!(eml.contains("text/calendar; charset=utf-8; method=CANCEL"), "{eml}");
        assert!(eml.contains("filename=\"invite.ics\""), "{eml}");
    }
}
