//! Emails per second through the worker's SMTP pool to a local SMTP sink (aiosmtpd), for one
//! campaign of 10,000 messages end to end (recorded as deliveries, queued, sent), and the
//! memory the process needed to do it.
//!
//!     cargo bench -p tandem-tests --bench email              (10,000 messages)
//!     TANDEM_BENCH_EMAILS=2000 cargo bench -p tandem-tests --bench email

use std::time::{Duration, Instant};

use serde_json::json;
use tandem_domain::Locale;
use tandem_domain::mail::EmailCategory;
use tandem_jobs::SqlQueue;
use tandem_server::config::Secret;
use tandem_store::NewEmailDelivery;
use tandem_tests::services::{SmtpBehaviour, SmtpSink};
use tandem_tests::{Backend, TestApp};

#[tokio::main]
async fn main() {
    let total: usize = std::env::var("TANDEM_BENCH_EMAILS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let sink = SmtpSink::start(dir.path(), SmtpBehaviour::default());
    let url = sink.url();
    let backend = if std::env::var("TANDEM_BENCH_POSTGRES").is_ok() { Backend::Postgres } else { Backend::Sqlite };
    let app = TestApp::spawn_with(backend, |c, _| {
        c.smtp_url = Some(Secret::new(url));
        c.worker_concurrency = 8;
        c.smtp_pool_size = 8;
        c.email_daily_cap = u32::MAX;
        // Never quiet, so the whole campaign goes now.
        c.quiet_hours_start = "00:00".into();
        c.quiet_hours_end = "00:00".into();
    })
    .await
    .expect("the app starts");
    let owner = app.signup("Bench", "owner@bench.example").await;
    let tenant = owner.tenant_id.parse().unwrap();
    let store = app.store().await;
    let queue = SqlQueue::new(store.clone());

    let started = Instant::now();
    let mut deliveries = Vec::with_capacity(total);
    for chunk in (0..total).collect::<Vec<_>>().chunks(500) {
        let tx = store.tenant(tenant).await.unwrap();
        for n in chunk {
            let (delivery, _) = tx
                .create_delivery(NewEmailDelivery {
                    idempotency_key: format!("campaign-1:{n}"),
                    category: EmailCategory::Campaign,
                    template: "invitation".into(),
                    locale: if n % 2 == 0 { Locale::En } else { Locale::Ja },
                    to_email: format!("person{n}@bench.example"),
                    to_name: None,
                    time_zone: None,
                    context: json!({"company": "Bench", "inviter": "Owner", "role": "viewer", "link": "http://x/y"}),
                })
                .await
                .unwrap();
            deliveries.push(delivery);
        }
        tx.commit().await.unwrap();
    }
    let recorded = started.elapsed();
    for delivery in &deliveries {
        tandem_jobs::email::enqueue(&queue, tenant, delivery).await.unwrap();
    }
    let queued = started.elapsed();
    let sending_started = Instant::now();
    loop {
        let received = std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0);
        if received >= total {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let sent = sending_started.elapsed();
    let end_to_end = started.elapsed();
    println!("backend: {backend:?}, messages: {total}, worker concurrency 8, SMTP pool 8");
    println!("record deliveries:  {:>8.2} s", recorded.as_secs_f64());
    println!("queue jobs:         {:>8.2} s", (queued - recorded).as_secs_f64());
    println!("send (after queued):{:>8.2} s  → {:.0} emails/s", sent.as_secs_f64(), total as f64 / sent.as_secs_f64());
    println!(
        "campaign end to end:{:>8.2} s  → {:.0} emails/s",
        end_to_end.as_secs_f64(),
        total as f64 / end_to_end.as_secs_f64()
    );
    println!("peak memory of the process (API + worker + bench): {} MiB", peak_rss_mib());
}

fn peak_rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.to_owned()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        .map(|kb| kb / 1024)
        .unwrap_or(0)
}
