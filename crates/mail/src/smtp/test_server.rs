//! A scripted SMTP server on 127.0.0.1 for the pool's tests: it answers what a client sends
//! (refusing recipients whose address starts with `refused@`), counts connections and messages,
//! and can close each connection after a number of messages, as some providers do.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::OwnedReadHalf;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

pub struct TestServer {
    address: SocketAddr,
    counts: Arc<Counts>,
}

struct Counts {
    accepted: AtomicUsize,
    messages: AtomicUsize,
    /// Connections open now, and the most ever open at once.
    live: AtomicUsize,
    most_live: AtomicUsize,
    /// How many connections have ended, for a test to wait on.
    closed: watch::Sender<usize>,
}

impl TestServer {
    /// A server that keeps a connection until the client quits, or, with `close_after`, closes
    /// it right after that many messages.
    pub async fn start(close_after: Option<usize>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let address = listener.local_addr().expect("bound");
        let counts = Arc::new(Counts {
            accepted: AtomicUsize::new(0),
            messages: AtomicUsize::new(0),
            live: AtomicUsize::new(0),
            most_live: AtomicUsize::new(0),
            closed: watch::channel(0).0,
        });
        tokio::spawn(accept(listener, Arc::clone(&counts), close_after));
        Self { address, counts }
    }

    pub fn url(&self) -> String {
        format!("smtp://{}", self.address)
    }

    pub fn accepted(&self) -> usize {
        self.counts.accepted.load(Ordering::SeqCst)
    }

    pub fn messages(&self) -> usize {
        self.counts.messages.load(Ordering::SeqCst)
    }

    pub fn most_live(&self) -> usize {
        self.counts.most_live.load(Ordering::SeqCst)
    }

    /// Waits until `count` connections have ended on the server's side.
    pub async fn closed(&self, count: usize) {
        let mut closed = self.counts.closed.subscribe();
        closed.wait_for(|closed| *closed >= count).await.expect("the server keeps its counts");
    }
}

async fn accept(listener: TcpListener, counts: Arc<Counts>, close_after: Option<usize>) {
    while let Ok((stream, _)) = listener.accept().await {
        counts.accepted.fetch_add(1, Ordering::SeqCst);
        let live = counts.live.fetch_add(1, Ordering::SeqCst) + 1;
        counts.most_live.fetch_max(live, Ordering::SeqCst);
        let counts = Arc::clone(&counts);
        tokio::spawn(async move {
            let _ = converse(stream, &counts, close_after).await;
            counts.live.fetch_sub(1, Ordering::SeqCst);
            counts.closed.send_modify(|closed| *closed += 1);
        });
    }
}

/// One client's session, until QUIT, the client leaves, or `close_after` messages.
async fn converse(stream: TcpStream, counts: &Counts, close_after: Option<usize>) -> io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    write.write_all(b"220 test.invalid ESMTP\r\n").await?;
    let mut messages_here = 0;
    loop {
        let line = read_line(&mut read).await?;
        if line.is_empty() {
            return Ok(());
        }
        let command = String::from_utf8_lossy(&line).to_ascii_uppercase();
        let reply: &[u8] = match command.get(..4).unwrap_or_default() {
            "EHLO" => b"250-test.invalid\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "RCPT" if command.contains("<REFUSED@") => b"550 5.1.1 no such user\r\n",
            "HELO" | "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 OK\r\n",
            "DATA" => {
                write.write_all(b"354 go ahead\r\n").await?;
                read_message(&mut read).await?;
                counts.messages.fetch_add(1, Ordering::SeqCst);
                messages_here += 1;
                write.write_all(b"250 2.0.0 queued\r\n").await?;
                if close_after == Some(messages_here) {
                    return Ok(());
                }
                continue;
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"500 unknown command\r\n",
        };
        write.write_all(reply).await?;
    }
}

/// The message after DATA, up to its closing `.` line.
async fn read_message(read: &mut BufReader<OwnedReadHalf>) -> io::Result<()> {
    loop {
        match read_line(read).await?.as_slice() {
            b"" => return Err(io::ErrorKind::UnexpectedEof.into()),
            b".\r\n" => return Ok(()),
            _ => {}
        }
    }
}

/// One line with its `\r\n`; empty when the client has gone.
async fn read_line(read: &mut BufReader<OwnedReadHalf>) -> io::Result<Vec<u8>> {
    let mut line = Vec::new();
    read.read_until(b'\n', &mut line).await?;
    Ok(line)
}
