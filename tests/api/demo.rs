//! `tandem demo` fills a company once.

use tandem_tests::{Backend, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_company_is_created_once_and_can_log_in() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c, _| c.worker_concurrency = 0).await.unwrap();
    let store = app.store().await;
    let first = tandem_server::demo::seed(&store).await.expect("seeded");
    assert!(first.created && first.api_key.is_some());
    let again = tandem_server::demo::seed(&store).await.expect("seeded again");
    assert!(!again.created && again.api_key.is_none(), "the second run changes nothing");
    assert_eq!(again.tenant, first.tenant);
    assert_eq!(app.count("people").await, 60);
    assert_eq!(app.count("programs").await, 2);
    assert_eq!(app.count("matching_runs").await, 1, "one run, and seeding again adds none");

    let owner = app.login_with(tandem_server::demo::OWNER_EMAIL, tandem_server::demo::PASSWORD).await;
    let executives = app.get("/api/v1/people?is_executive=true", &owner.access_token).await;
    assert_eq!(executives.ok(200)["items"].as_array().unwrap().len(), 6);
    let key = first.api_key.clone().unwrap();
    app.get("/api/v1/programs", &key).await.ok(200);

    // Steps 4 and 5 at once: a launched program with a published run, proven optimal.
    let matching = app.get("/api/v1/programs?state=active", &owner.access_token).await;
    let program = matching.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    let runs = app.get(&format!("/api/v1/programs/{program}/matching-runs"), &owner.access_token).await;
    let run = runs.ok(200)["items"][0].clone();
    assert_eq!(
        (&run["state"], &run["proven_optimal"]),
        (&serde_json::json!("done"), &serde_json::json!(true)),
        "{run}"
    );
    let pairs = app.get(&format!("/api/v1/programs/{program}/pairs"), &owner.access_token).await;
    let pairs = pairs.ok(200)["items"].as_array().unwrap().len();
    assert!(pairs >= 5, "the demo's matching pairs people: {pairs}");
    assert_eq!(run["pairs"], pairs, "every proposal is published");
    assert_eq!(app.count("email_deliveries").await as usize, 2 * pairs + run["unmatched"].as_u64().unwrap() as usize);
    // Its pairs have met and learned both ways; one story is featured; the kickoff is set.
    let monitoring = app.get(&format!("/api/v1/programs/{program}/monitoring"), &owner.access_token).await;
    let monitoring = monitoring.ok(200).clone();
    assert_eq!(monitoring["learning"]["pairs_with_learning"], 3, "{monitoring}");
    assert!(monitoring["learning"]["index"].as_f64().unwrap() > 0.5, "{monitoring}");
    assert!(monitoring["health"]["on_track"].as_u64().unwrap() >= 3, "{monitoring}");
    assert_eq!(monitoring["stories"][0]["featured"], true);
    let kickoff = app.get(&format!("/api/v1/programs/{program}/kickoff"), &owner.access_token).await;
    assert_eq!(kickoff.ok(200)["time_zone"], "Asia/Tokyo");
    assert!(first.render("http://localhost:8080").contains(tandem_server::demo::PASSWORD));
}
