//! The audit log.

use serde_json::json;
use tandem_tests::{TestApp, on_both_databases};

on_both_databases!(administrative_actions_are_audited_newest_first, only_owners_and_admins_read_the_audit_log);

async fn administrative_actions_are_audited_newest_first(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let bob = app.add_member(&owner, "bob@acme.example", "viewer").await;
    app.patch(&format!("/api/v1/team/members/{}", bob.user_id), &owner.access_token, json!({"role": "admin"}))
        .await
        .ok(200);
    app.post("/api/v1/api-keys", Some(&owner.access_token), json!({"name": "k", "scopes": ["read"]})).await.ok(201);

    let log = app.get("/api/v1/audit-events", &owner.access_token).await;
    let actions: Vec<_> =
        log.ok(200)["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_owned()).collect();
    assert_eq!(
        actions,
        ["api_key.created", "member.role_changed", "invitation.accepted", "invitation.created", "tenant.created"]
    );
    let first = app.get("/api/v1/audit-events?limit=2", &owner.access_token).await;
    let first = first.ok(200);
    assert_eq!(first["items"][1]["action"], "member.role_changed");
    assert_eq!(first["items"][1]["details"], json!({"from": "viewer", "to": "admin"}));
    assert_eq!(first["items"][1]["actor_id"].as_str(), Some(owner.user_id.as_str()));
    let cursor = first["next_cursor"].as_str().expect("more pages");
    let second = app.get(&format!("/api/v1/audit-events?limit=2&cursor={cursor}"), &owner.access_token).await;
    assert_eq!(second.ok(200)["items"][0]["action"], "invitation.accepted");
}

async fn only_owners_and_admins_read_the_audit_log(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let viewer = app.add_member(&owner, "v@acme.example", "viewer").await;
    app.get("/api/v1/audit-events", &viewer.access_token).await.problem(403);
    app.get("/api/v1/audit-events?limit=0", &owner.access_token).await.invalid_fields();
}
