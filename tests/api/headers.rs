//! Security headers on every response (the API, the console, the participants' pages and the
//! API docs), and who may read `/metrics`, on the API's port and on a worker's.

use reqwest::Method;
use tandem_server::config::Secret;
use tandem_server::startup::{Application, Role};
use tandem_tests::{TestApp, on_both_databases};

on_both_databases!(
    every_response_carries_the_security_headers,
    hsts_is_sent_only_when_served_over_tls,
    a_metrics_token_guards_metrics_on_the_api_and_the_worker,
    without_a_token_metrics_answer_loopback,
);

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
    font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; \
    form-action 'self'";

fn with_console(config: &mut tandem_server::config::Config, dir: &std::path::Path) {
    let console = dir.join("console");
    std::fs::create_dir_all(console.join("assets")).unwrap();
    std::fs::write(console.join("index.html"), "<!doctype html><div id=root></div>").unwrap();
    std::fs::write(console.join("assets/app-3f9a1c.js"), "console.log('tandem')").unwrap();
    config.console_dir = console;
}

async fn every_response_carries_the_security_headers(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let app = TestApp::spawn_with(backend, with_console).await.unwrap();
    let owner = app.signup("Acme", "ann@acme.example").await;
    let paths = [
        ("/", None),
        ("/apply?token=abc", None),
        ("/applications/confirm?token=abc", None),
        ("/assets/app-3f9a1c.js", None),
        ("/assets/missing.js", None),
        ("/healthz", None),
        ("/api/v1/people", None),
        ("/api/v1/people", Some(owner.access_token.as_str())),
        ("/api/v1/no-such-route", None),
        ("/api/v1/openapi.json", None),
    ];
    for (path, token) in paths {
        let reply = app.request(Method::GET, path, token, None).await;
        let header = |name: &str| reply.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        assert_eq!(header("content-security-policy"), CSP, "{path} ({})", reply.status);
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("referrer-policy"), "no-referrer", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
        assert_eq!(header("strict-transport-security"), "", "{path}: not over TLS");
    }
    let docs = app.client.get(app.url("/docs/")).send().await.unwrap();
    assert_eq!(docs.status(), 200);
    assert_eq!(docs.headers()["content-security-policy"], CSP, "Swagger UI needs nothing more");
    assert_eq!(docs.headers()["x-frame-options"], "DENY");
}

async fn hsts_is_sent_only_when_served_over_tls(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let tls = TestApp::spawn_with(backend, |c, _| {
        c.public_url = "https://tandem.example".into();
        c.hsts_max_age_secs = 600;
    })
    .await
    .unwrap();
    for path in ["/healthz", "/api/v1/people"] {
        let reply = tls.request(Method::GET, path, None, None).await;
        assert_eq!(reply.headers["strict-transport-security"], "max-age=600; includeSubDomains", "{path}");
    }
}

async fn a_metrics_token_guards_metrics_on_the_api_and_the_worker(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let token = "a metrics token of some length";
    let app = TestApp::spawn_with(backend, |c, _| c.metrics_token = Some(Secret::new(token))).await.unwrap();
    let mut config = app.config.clone();
    config.worker_concurrency = 1;
    let worker = Application::build(&config, Role::Worker).await.unwrap();
    let worker_url = format!("http://127.0.0.1:{}/metrics", worker.port().expect("the worker serves operations"));
    let stop = worker.shutdown_token();
    let running = tokio::spawn(worker.run_until_stopped());

    for url in [app.url("/metrics"), worker_url] {
        let none = app.client.get(&url).send().await.unwrap();
        assert_eq!(none.status(), 401, "{url}");
        assert_eq!(none.headers()["content-type"], "application/problem+json");
        let wrong = app.client.get(&url).bearer_auth("a metrics token of some lengtH").send().await.unwrap();
        assert_eq!(wrong.status(), 401, "{url}");
        let short = app.client.get(&url).bearer_auth("a metrics").send().await.unwrap();
        assert_eq!(short.status(), 401, "{url}");
        let right = app.client.get(&url).bearer_auth(token).send().await.unwrap();
        assert_eq!(right.status(), 200, "{url}");
        assert!(right.headers()["content-type"].to_str().unwrap().starts_with("text/plain"), "{url}");
    }
    stop.cancel();
    running.abort();
}

async fn without_a_token_metrics_answer_loopback(app: TestApp) {
    // The tests' client is on loopback; what others get is the pure decision's unit test
    // (`routes::health::tests`).
    app.request(Method::GET, "/healthz", None, None).await;
    let metrics = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(metrics.status(), 200);
    assert!(metrics.text().await.unwrap().contains("tandem_http_requests_total"));
    let forwarded = app.client.get(app.url("/metrics")).header("x-forwarded-for", "203.0.113.9").send().await.unwrap();
    assert_eq!(forwarded.status(), 200, "the connection counts, not what a header says");
}
