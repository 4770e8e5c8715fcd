//! The built console is served at `/` with caching headers and a fallback for client routes.

use reqwest::Method;
use tandem_tests::{Backend, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_is_served_with_caching_headers_and_an_index_fallback() {
    let app = TestApp::spawn_with(Backend::Sqlite, |config, dir| {
        let console = dir.join("console");
        std::fs::create_dir_all(console.join("assets")).unwrap();
        std::fs::write(console.join("index.html"), "<!doctype html><div id=root></div>").unwrap();
        std::fs::write(console.join("assets/app-3f9a1c.js"), "console.log('tandem')").unwrap();
        config.console_dir = console;
    })
    .await
    .expect("SQLite always runs");
    let get = |path: &'static str| app.client.get(app.url(path)).send();

    let index = get("/").await.unwrap();
    assert_eq!(index.status(), 200);
    assert_eq!(index.headers()["cache-control"], "no-cache");
    assert!(index.text().await.unwrap().contains("id=root"));

    let deep = get("/programs/0193/campaigns").await.unwrap();
    assert_eq!(deep.status(), 200, "client-side routes get index.html");
    assert_eq!(deep.headers()["cache-control"], "no-cache");
    assert!(deep.text().await.unwrap().contains("id=root"));

    let asset = get("/assets/app-3f9a1c.js").await.unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(asset.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(get("/assets/missing.js").await.unwrap().status(), 404);

    let api = app.request(Method::GET, "/api/v1/no-such-route", None, None).await;
    assert_eq!(api.problem(404), "/problems/not-found", "the API keeps its own answers");
    assert_eq!(app.request(Method::GET, "/healthz", None, None).await.status, 200);
}
