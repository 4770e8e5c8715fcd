//! Real services the tests start or reach: an SMTP server (aiosmtpd) on loopback, a Redis of
//! their own with persistence, the machine's Redis.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::Email;

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The machine's Redis for tests (`TANDEM_TEST_REDIS_URL`, default 127.0.0.1:6379), or `None`
/// outside CI when it does not answer.
pub async fn shared_redis() -> Option<String> {
    let url = std::env::var("TANDEM_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    let reachable = async {
        let client = redis::Client::open(url.as_str()).ok()?;
        let mut conn = client.get_multiplexed_async_connection().await.ok()?;
        redis::cmd("PING").query_async::<String>(&mut conn).await.ok()
    };
    match tokio::time::timeout(Duration::from_secs(3), reachable).await {
        Ok(Some(_)) => Some(url),
        _ if required() => panic!("Redis is required under CI=true and does not answer at {url}"),
        _ => {
            eprintln!("Redis unreachable at {url}; skipping. CI=true makes this a failure.");
            None
        }
    }
}

/// How the SMTP server behaves.
#[derive(Clone, Copy, Debug, Default)]
pub struct SmtpBehaviour {
    /// Answer the first N messages with 451.
    pub fail_first: u32,
    /// Answer every recipient with 550.
    pub reject: bool,
    /// Require AUTH with these credentials ("user:password") before accepting mail.
    pub auth: Option<&'static str>,
}

/// aiosmtpd on a free loopback port, writing what it accepts to a folder.
pub struct SmtpSink {
    pub port: u16,
    dir: PathBuf,
    child: Child,
}

impl SmtpSink {
    pub fn start(dir: &Path, behaviour: SmtpBehaviour) -> Self {
        let port = free_port();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/smtp/sink.py");
        let mut command = Command::new("python3");
        command.arg(script).arg("--port").arg(port.to_string()).arg("--dir").arg(dir);
        command.arg("--fail-first").arg(behaviour.fail_first.to_string());
        if behaviour.reject {
            command.arg("--reject");
        }
        if let Some(credentials) = behaviour.auth {
            command.arg("--auth").arg(credentials);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 runs (aiosmtpd is installed by `make test`)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("the sink speaks");
        assert_eq!(line.trim(), "ready", "the SMTP sink did not start (is aiosmtpd installed?)");
        Self { port, dir: dir.to_owned(), child }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The messages accepted so far, in order.
    pub fn received(&self) -> Vec<Email> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.expect("entry").path()).collect();
        paths.sort();
        paths.iter().map(|p| Email::parse(&std::fs::read_to_string(p).expect("readable"))).collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// A Redis server of the test's own, with append-only persistence, that can be killed and
/// restarted on the same port and data.
pub struct OwnRedis {
    pub port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

impl OwnRedis {
    pub async fn start(dir: &Path) -> Self {
        let mut redis = Self { port: free_port(), dir: dir.to_owned(), child: None };
        redis.launch().await;
        redis
    }

    /// A port and data folder for a Redis that is not running yet (see [`OwnRedis::launch`]).
    pub fn not_started(dir: &Path) -> Self {
        Self { port: free_port(), dir: dir.to_owned(), child: None }
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// SIGKILL: Redis is away until [`OwnRedis::launch`].
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().ok();
            child.wait().ok();
        }
    }

    /// Starts Redis on this port and data, and waits until it answers.
    pub async fn launch(&mut self) {
        std::fs::create_dir_all(&self.dir).expect("redis dir");
        let child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1", "--save", ""])
            .args(["--appendonly", "yes", "--appendfsync", "always"])
            .arg("--dir")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server runs");
        self.child = Some(child);
        let url = self.url();
        for _ in 0..100 {
            if let Ok(client) = redis::Client::open(url.as_str())
                && let Ok(mut conn) = client.get_multiplexed_async_connection().await
                && redis::cmd("PING").query_async::<String>(&mut conn).await.is_ok()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("redis-server did not start on {}", self.port);
    }

    /// SIGKILL, then start again on the same port with the same data.
    pub async fn crash_and_restart(&mut self) {
        self.stop();
        self.launch().await;
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        self.stop();
    }
}
