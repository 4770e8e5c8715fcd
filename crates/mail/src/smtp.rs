//! A pool of SMTP connections whose sockets have `TCP_NODELAY` set.
//!
//! lettre (0.11.23) writes a message's body and the closing `\r\n.\r\n` in two writes. With
//! Nagle's algorithm on, the kernel holds the small second write until the server acknowledges
//! the first, and servers delay that acknowledgement by ~40 ms: every message stalls that long,
//! and one connection carries ~22 messages a second instead of ~360
//! (`benches/smtp_split_write.py`). lettre's transport opens its sockets itself and cannot be
//! told otherwise, but its [`AsyncSmtpConnection`] speaks SMTP over a stream opened by us; so
//! this pool opens the socket, turns Nagle off, and keeps connections as lettre's pool does.

use std::io;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::response::Response;
use lettre::transport::smtp::{SMTP_PORT, SUBMISSION_PORT, SUBMISSIONS_PORT};
use thiserror::Error;
use tokio::net::TcpStream;
use tokio::sync::{Semaphore, SemaphorePermit};
use url::{Host, Url};

use crate::mailer::MailError;

/// How long opening a TCP connection may take (per address the name resolves to).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// A connection idle longer than this is closed rather than reused, as in lettre's pool:
/// servers drop idle clients after a while, and a fresh connection is cheap at that rate.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// A connection idle longer than this is checked with a NOOP before reuse. A busy pool skips
/// the check: it would add a round trip to every message, and a connection that has just
/// carried a message is very likely still open.
const CHECK_AFTER: Duration = Duration::from_secs(2);

/// Why a message did not reach the server.
#[derive(Debug, Error)]
pub enum SmtpError {
    /// No TCP connection (name resolution, refusal, timeout). lettre's error type has no public
    /// constructor, so the pool, which opens the sockets itself, reports this failure itself.
    #[error("connecting to the SMTP server {server}: {source}")]
    Connect { server: String, source: io::Error },
    /// Everything after the TCP connection: the server's answers, TLS, login, a broken stream.
    #[error(transparent)]
    Smtp(#[from] lettre::transport::smtp::Error),
}

impl SmtpError {
    /// The server refused for good (5xx).
    pub fn is_permanent(&self) -> bool {
        matches!(self, SmtpError::Smtp(err) if err.is_permanent())
    }

    /// The server asked to try again later (4xx).
    pub fn is_transient(&self) -> bool {
        matches!(self, SmtpError::Smtp(err) if err.is_transient())
    }
}

/// Where and how to reach the SMTP server, read from a URL as lettre's `from_url` reads it.
struct Relay {
    host: String,
    port: u16,
    tls: Tls,
    credentials: Option<Credentials>,
    hello_name: ClientId,
}

impl Relay {
    /// `smtp://[user:pass@]host[:port][/ehlo-name][?tls=required|opportunistic]` (port 25 without
    /// TLS, 587 with STARTTLS) or `smtps://[user:pass@]host[:port][/ehlo-name]` (TLS, port 465).
    /// Errors never repeat the URL: it may hold a password.
    fn parse(raw: &str) -> Result<Self, MailError> {
        let url = Url::parse(raw).map_err(|e| MailError::Config(format!("SMTP URL: {e}")))?;
        let host = match url.host() {
            // Without the brackets the URL needs, so that it resolves and names the TLS peer.
            Some(Host::Ipv6(ip)) => ip.to_string(),
            Some(host) => host.to_string(),
            None => return Err(MailError::Config("SMTP URL: no host".into())),
        };
        let tls_mode = url.query_pairs().find(|(key, _)| key == "tls").map(|(_, value)| value.into_owned());
        let tls_parameters =
            || TlsParameters::new(host.clone()).map_err(|e| MailError::Config(format!("SMTP TLS: {e}")));
        let (default_port, tls) = match (url.scheme(), tls_mode.as_deref()) {
            ("smtp", None) => (SMTP_PORT, Tls::None),
            ("smtp", Some("required")) => (SUBMISSION_PORT, Tls::Required(tls_parameters()?)),
            ("smtp", Some("opportunistic")) => (SUBMISSION_PORT, Tls::Opportunistic(tls_parameters()?)),
            ("smtps", _) => (SUBMISSIONS_PORT, Tls::Wrapper(tls_parameters()?)),
            (scheme, tls) => {
                return Err(MailError::Config(format!("SMTP URL: unknown scheme {scheme:?} or tls parameter {tls:?}")));
            }
        };
        let hello_name = match url.path() {
            path if path.len() > 1 => ClientId::Domain(path.trim_matches('/').to_owned()),
            _ => ClientId::default(),
        };
        Ok(Self { port: url.port().unwrap_or(default_port), tls, credentials: credentials(&url)?, hello_name, host })
    }

    /// `host:port`, for messages.
    fn server(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

/// The URL's user and password, percent-decoded; none without a password (as in lettre).
fn credentials(url: &Url) -> Result<Option<Credentials>, MailError> {
    let decode = |part: &str| {
        percent_encoding::percent_decode_str(part)
            .decode_utf8()
            .map(|decoded| decoded.into_owned())
            .map_err(|_| MailError::Config("SMTP URL: the user or password is not UTF-8".into()))
    };
    url.password().map(|password| Ok(Credentials::new(decode(url.username())?, decode(password)?))).transpose()
}

/// A connection waiting for the next message.
struct Idle {
    connection: AsyncSmtpConnection,
    since: Instant,
}

/// At most `pool_size` SMTP connections to one server, reused newest first.
///
/// `smtp://` connections (plain or STARTTLS) have `TCP_NODELAY` set. `smtps://` connections
/// (implicit TLS) are opened by lettre and keep Nagle's algorithm, so they still stall ~40 ms
/// a message: lettre exposes no way to hand it a TLS stream of ours. Prefer `smtp://…?tls=required`
/// where the server offers STARTTLS.
///
/// There is no background task: connections idle too long are closed when the pool is next
/// used (a pool left unused leaves them to the server's own idle timeout).
pub struct SmtpPool {
    relay: Relay,
    /// One permit per connection in use, so that at most `pool_size` exist: a new one is
    /// opened only when none is idle, and a used one is parked before its permit goes back.
    slots: Semaphore,
    /// Oldest first; `since` grows along the list because connections are parked in turn.
    idle: Mutex<Vec<Idle>>,
    /// See [`CHECK_AFTER`]; a field so that tests can check at once instead of waiting.
    check_after: Duration,
}

/// The right to use one of the pool's connections, held from before a message's turn until
/// its answer, so that messages waiting for a connection do not take turns meanwhile.
pub struct Slot<'a> {
    pool: &'a SmtpPool,
    _permit: SemaphorePermit<'a>,
}

impl SmtpPool {
    /// A pool of up to `pool_size` connections (at least one) to the server at `url`:
    /// `smtp://[user:pass@]host[:port][?tls=required|opportunistic]` or `smtps://…`, read as
    /// lettre's `from_url` reads it. Nothing is opened until the first message.
    pub fn from_url(url: &str, pool_size: u32) -> Result<Self, MailError> {
        Ok(Self {
            relay: Relay::parse(url)?,
            slots: Semaphore::new(pool_size.max(1) as usize),
            idle: Mutex::new(Vec::new()),
            check_after: CHECK_AFTER,
        })
    }

    /// Waits until a connection may be used.
    pub async fn slot(&self) -> Slot<'_> {
        let permit = self.slots.acquire().await.expect("the pool never closes its semaphore");
        Slot { pool: self, _permit: permit }
    }

    /// Sends one message on a pooled connection, waiting for one if all are busy.
    pub async fn send(&self, envelope: &Envelope, message: &[u8]) -> Result<Response, SmtpError> {
        self.slot().await.send(envelope, message).await
    }

    /// An idle connection that still answers, or else a new one.
    async fn connection(&self) -> Result<AsyncSmtpConnection, SmtpError> {
        while let Some(Idle { mut connection, since }) = self.newest_idle() {
            if since.elapsed() <= self.check_after || connection.test_connected().await {
                return Ok(connection);
            }
            tracing::debug!("an idle SMTP connection no longer answers; closing it");
            close(connection);
        }
        self.open().await
    }

    /// Takes the most recently used idle connection, after closing those idle too long.
    fn newest_idle(&self) -> Option<Idle> {
        let (stale, newest) = {
            let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
            let stale_count = idle.partition_point(|parked| parked.since.elapsed() > IDLE_TIMEOUT);
            let stale: Vec<Idle> = idle.drain(..stale_count).collect();
            (stale, idle.pop())
        };
        stale.into_iter().for_each(|parked| close(parked.connection));
        newest
    }

    /// Keeps a connection that carried its message for the next one.
    fn park(&self, connection: AsyncSmtpConnection) {
        let parked = Idle { connection, since: Instant::now() };
        self.idle.lock().unwrap_or_else(PoisonError::into_inner).push(parked);
    }

    /// A new connection, greeted, encrypted and logged in as the URL asks.
    async fn open(&self) -> Result<AsyncSmtpConnection, SmtpError> {
        let relay = &self.relay;
        let mut connection = match &relay.tls {
            Tls::Wrapper(tls) => {
                let server = (relay.host.as_str(), relay.port);
                let timeout = Some(CONNECT_TIMEOUT);
                AsyncSmtpConnection::connect_tokio1(server, timeout, &relay.hello_name, Some(tls.clone()), None).await?
            }
            _ => {
                let stream = open_tcp(&relay.host, relay.port, CONNECT_TIMEOUT)
                    .await
                    .map_err(|source| SmtpError::Connect { server: relay.server(), source })?;
                AsyncSmtpConnection::connect_with_transport(Box::new(stream), &relay.hello_name).await?
            }
        };
        match &relay.tls {
            // Fails when the server does not offer STARTTLS, before any password is sent.
            Tls::Required(tls) => connection.starttls(tls.clone(), &relay.hello_name).await?,
            Tls::Opportunistic(tls) if connection.can_starttls() => {
                connection.starttls(tls.clone(), &relay.hello_name).await?
            }
            _ => {}
        }
        if let Some(credentials) = &relay.credentials {
            connection.auth(DEFAULT_MECHANISMS, credentials).await?;
        }
        Ok(connection)
    }
}

impl Slot<'_> {
    /// Sends one message; the connection goes back to the pool only when it worked and is whole.
    pub async fn send(self, envelope: &Envelope, message: &[u8]) -> Result<Response, SmtpError> {
        let mut connection = self.pool.connection().await?;
        let sent = connection.send(envelope, message).await;
        if sent.is_ok() && !connection.has_broken() {
            self.pool.park(connection);
        } else {
            close(connection);
        }
        Ok(sent?)
    }
}

/// Says goodbye (QUIT, unless the connection is broken) without making a sender wait for it.
/// Bounded, so that a server that stopped answering does not keep the socket forever.
fn close(mut connection: AsyncSmtpConnection) {
    tokio::spawn(async move {
        let _ = tokio::time::timeout(CONNECT_TIMEOUT, connection.abort()).await;
    });
}

/// A TCP connection with Nagle's algorithm off (see the module comment), trying each address
/// the name resolves to for at most `timeout` each, as lettre does.
async fn open_tcp(host: &str, port: u16, timeout: Duration) -> io::Result<TcpStream> {
    let mut last_error = None;
    for address in tokio::net::lookup_host((host, port)).await? {
        match tokio::time::timeout(timeout, TcpStream::connect(address)).await {
            Ok(Ok(stream)) => {
                stream.set_nodelay(true)?;
                return Ok(stream);
            }
            Ok(Err(err)) => last_error = Some(err),
            Err(_) => last_error = Some(io::Error::new(io::ErrorKind::TimedOut, "connection timed out")),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::new(io::ErrorKind::NotFound, "the name resolves to no address")))
}

#[cfg(test)]
mod test_server;

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::test_server::TestServer;
    use super::*;

    const MESSAGE: &[u8] = b"From: a@tandem.test\r\nTo: b@example.com\r\nSubject: Hi\r\n\r\nHello.\r\n";

    fn envelope_to(to: &str) -> Envelope {
        let from = "a@tandem.test".parse().expect("an address");
        Envelope::new(Some(from), vec![to.parse().expect("an address")]).expect("an envelope")
    }

    fn envelope() -> Envelope {
        envelope_to("b@example.com")
    }

    #[tokio::test]
    async fn messages_one_after_another_share_one_connection() {
        let server = TestServer::start(None).await;
        let pool = SmtpPool::from_url(&server.url(), 3).expect("a pool");
        for _ in 0..5 {
            pool.send(&envelope(), MESSAGE).await.expect("sent");
        }
        assert_eq!((server.accepted(), server.messages()), (1, 5));
    }

    #[tokio::test]
    async fn concurrent_messages_never_open_more_connections_than_the_pool_size() {
        let server = TestServer::start(None).await;
        let pool = Arc::new(SmtpPool::from_url(&server.url(), 3).expect("a pool"));
        let mut sends = tokio::task::JoinSet::new();
        for _ in 0..12 {
            let pool = Arc::clone(&pool);
            sends.spawn(async move { pool.send(&envelope(), MESSAGE).await.map(drop) });
        }
        while let Some(sent) = sends.join_next().await {
            sent.expect("the task ran").expect("sent");
        }
        assert_eq!(server.messages(), 12);
        // The first three senders each open one before any message is answered: the bound is
        // reached, so it is what kept the other nine waiting.
        assert_eq!(server.most_live(), 3, "at most three connections at once");
        assert_eq!(server.accepted(), 3);
    }

    #[tokio::test]
    async fn a_connection_the_server_closed_while_idle_is_replaced_by_a_new_one() {
        let server = TestServer::start(Some(1)).await;
        let mut pool = SmtpPool::from_url(&server.url(), 3).expect("a pool");
        pool.check_after = Duration::ZERO; // check at once rather than after two seconds
        pool.send(&envelope(), MESSAGE).await.expect("the first message");
        server.closed(1).await;
        pool.send(&envelope(), MESSAGE).await.expect("the second message, on a new connection");
        assert_eq!((server.accepted(), server.messages()), (2, 2));
    }

    #[tokio::test]
    async fn a_refused_message_is_permanent_and_its_connection_is_not_reused() {
        let server = TestServer::start(None).await;
        let pool = SmtpPool::from_url(&server.url(), 3).expect("a pool");
        let refused = pool.send(&envelope_to("refused@example.com"), MESSAGE).await.expect_err("refused");
        assert!(refused.is_permanent(), "{refused}");
        assert!(MailError::from(refused).is_permanent());
        pool.send(&envelope(), MESSAGE).await.expect("the next message");
        assert_eq!((server.accepted(), server.messages()), (2, 1));
    }

    #[tokio::test]
    async fn no_server_is_a_temporary_connection_error() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let address = listener.local_addr().expect("bound");
        drop(listener);
        let pool = SmtpPool::from_url(&format!("smtp://{address}"), 1).expect("a pool");
        let err = pool.send(&envelope(), MESSAGE).await.expect_err("nobody listens");
        assert!(matches!(err, SmtpError::Connect { .. }), "{err}");
        assert!(matches!(MailError::from(err), MailError::Temporary(_)));
    }

    #[tokio::test]
    async fn the_pool_opens_its_sockets_with_nagle_off() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let port = listener.local_addr().expect("bound").port();
        let stream = open_tcp("127.0.0.1", port, CONNECT_TIMEOUT).await.expect("connected");
        assert!(stream.nodelay().expect("readable option"), "TCP_NODELAY is set");
    }

    #[test]
    fn a_url_gives_decoded_credentials_default_ports_and_tls() {
        let relay = Relay::parse("smtp://ann%40tandem.test:p%40ss%3Aw%20rd@mail.example.com").expect("parses");
        assert_eq!((relay.host.as_str(), relay.port), ("mail.example.com", SMTP_PORT));
        assert!(matches!(relay.tls, Tls::None));
        assert_eq!(relay.credentials, Some(Credentials::new("ann@tandem.test".into(), "p@ss:w rd".into())));
        assert_eq!(relay.hello_name, ClientId::default());

        let relay = Relay::parse("smtp://mail.example.com?tls=required").expect("parses");
        assert_eq!(relay.port, SUBMISSION_PORT);
        assert!(matches!(relay.tls, Tls::Required(_)));
        assert_eq!(relay.credentials, None, "no password, no login");

        let relay = Relay::parse("smtp://mail.example.com:2525/relay.tandem.test?tls=opportunistic").expect("parses");
        assert_eq!(relay.port, 2525);
        assert!(matches!(relay.tls, Tls::Opportunistic(_)));
        assert_eq!(relay.hello_name, ClientId::Domain("relay.tandem.test".into()));

        let relay = Relay::parse("smtps://mail.example.com").expect("parses");
        assert_eq!(relay.port, SUBMISSIONS_PORT);
        assert!(matches!(relay.tls, Tls::Wrapper(_)));
    }

    #[test]
    fn a_url_of_another_scheme_or_tls_mode_is_a_configuration_error_that_hides_the_password() {
        for url in ["http://ann:secret@mail.example.com", "smtp://ann:secret@mail.example.com?tls=sometimes", "smtp:"] {
            match SmtpPool::from_url(url, 1) {
                Err(MailError::Config(message)) => assert!(!message.contains("secret"), "{message}"),
                Err(other) => panic!("{url}: {other}"),
                Ok(_) => panic!("{url} was accepted"),
            }
        }
    }
}
