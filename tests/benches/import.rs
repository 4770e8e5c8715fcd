//! Importing 10,000 people from a CSV file through the API, end to end (HTTP, parsing, checks,
//! one transaction), first as new people, then again as updates.
//!
//!     cargo bench -p tandem-tests --bench import                       (SQLite)
//!     TANDEM_BENCH_POSTGRES=1 cargo bench -p tandem-tests --bench import
//!     TANDEM_BENCH_ROWS=100000 cargo bench -p tandem-tests --bench import   (another size)

use std::time::Instant;

use serde_json::json;
use tandem_tests::{Backend, TestApp};

fn rows() -> usize {
    std::env::var("TANDEM_BENCH_ROWS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000)
}

fn csv(rows: usize) -> String {
    let mut csv = String::from(
        "Employee ID,Name,Email,Department,Function,Region,Grade,Manager,Time zone,Skills,Languages,Hired\n",
    );
    for n in 0..rows {
        let manager = if n < 100 { String::new() } else { format!("E{:05}", n % 100) };
        csv.push_str(&format!(
            "E{n:05},Person {n},person{n}@bench.example,Dept {},Function {},{},{},{manager},Asia/Tokyo,Python; SQL; skill {},ja; en,2020-04-01\n",
            n % 12,
            n % 7,
            ["APAC", "EMEA", "AMER"][n % 3],
            n % 15 + 1,
            n % 40,
        ));
    }
    csv
}

#[tokio::main]
async fn main() {
    let backend = if std::env::var("TANDEM_BENCH_POSTGRES").is_ok() { Backend::Postgres } else { Backend::Sqlite };
    let app = TestApp::spawn_with(backend, |c, _| c.worker_concurrency = 0).await.expect("the app starts");
    let owner = app.seed_company("Bench", "owner@bench.example").await;
    let mapping = json!({"Employee ID": "external_id", "Name": "name", "Email": "email", "Department": "department",
        "Function": "function", "Region": "region", "Grade": "job_level", "Manager": "manager_external_id",
        "Time zone": "time_zone", "Skills": "skills", "Languages": "languages", "Hired": "hire_date"});
    let rows = rows();
    let body = json!({"csv": csv(rows), "mapping": mapping});
    println!("backend: {backend:?}, rows: {rows}, CSV: {} KiB", body["csv"].as_str().unwrap().len() / 1024);
    for round in ["create", "update"] {
        let started = Instant::now();
        let reply = app.post("/api/v1/people/import", Some(&owner.access_token), body.clone()).await;
        let elapsed = started.elapsed().as_secs_f64();
        let report = reply.ok(200);
        assert_eq!(report["errors"], json!([]));
        println!(
            "{round}: {elapsed:.2} s ({:.0} rows/s) created {} updated {}",
            rows as f64 / elapsed,
            report["created"],
            report["updated"]
        );
    }
}
