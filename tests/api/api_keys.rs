//! Partners' API keys.

use serde_json::json;
use tandem_tests::{TestApp, on_both_databases};

on_both_databases!(
    an_api_key_is_shown_once_and_authenticates_until_revoked,
    api_keys_with_bad_input_are_not_created,
    api_keys_act_within_their_scopes,
    only_owners_and_admins_manage_api_keys,
);

async fn an_api_key_is_shown_once_and_authenticates_until_revoked(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let created = app
        .post(
            "/api/v1/api-keys",
            Some(&owner.access_token),
            json!({"name": "Workday sync", "scopes": ["write", "read", "read"]}),
        )
        .await;
    let body = created.ok(201).clone();
    let secret = body["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with(body["api_key"]["prefix"].as_str().unwrap()));
    assert_eq!(body["api_key"]["scopes"], json!(["read", "write"]));

    let listed = app.get("/api/v1/api-keys", &owner.access_token).await;
    let listed = listed.ok(200);
    let key = &listed["items"][0];
    assert_eq!(key["name"], "Workday sync");
    assert!(key.get("secret").is_none() && !listed.to_string().contains(&secret), "the secret is never listed");

    let me = app.get("/api/v1/me", &secret).await;
    let me = me.ok(200);
    assert_eq!(me["principal"]["kind"], "api_key");
    assert_eq!(me["tenant"]["id"].as_str(), Some(owner.tenant_id.as_str()));
    let used = app.get("/api/v1/api-keys", &owner.access_token).await;
    assert!(used.ok(200)["items"][0]["last_used_at"].is_string(), "use is recorded");

    let id = body["api_key"]["id"].as_str().unwrap();
    app.delete(&format!("/api/v1/api-keys/{id}"), &owner.access_token).await.ok(204);
    let refused = app.get("/api/v1/me", &secret).await;
    assert_eq!(refused.problem(401), "/problems/unauthorized");
    let listed = app.get("/api/v1/api-keys", &owner.access_token).await;
    assert!(listed.ok(200)["items"][0]["revoked_at"].is_string());
    let tampered = format!("{}0{}", &secret[..10], &secret[11..]);
    app.get("/api/v1/me", &tampered).await.problem(401);
}

async fn api_keys_with_bad_input_are_not_created(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let token = Some(owner.access_token.as_str());
    let empty = app.post("/api/v1/api-keys", token, json!({"name": " ", "scopes": []})).await;
    assert_eq!(empty.invalid_fields(), ["name", "scopes"]);
    let unknown = app.post("/api/v1/api-keys", token, json!({"name": "x", "scopes": ["admin"]})).await;
    assert_eq!(unknown.problem(422), "/problems/validation");
    let extra = app.post("/api/v1/api-keys", token, json!({"name": "x", "scopes": ["read"], "secret": "mine"})).await;
    assert_eq!(extra.invalid_fields(), ["secret"]);
    app.delete("/api/v1/api-keys/not-an-id", &owner.access_token).await.problem(404);
    assert_eq!(app.count("api_keys").await, 0);
}

async fn api_keys_act_within_their_scopes(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let created =
        app.post("/api/v1/api-keys", Some(&owner.access_token), json!({"name": "reader", "scopes": ["read"]})).await;
    let secret = created.ok(201)["secret"].as_str().unwrap().to_owned();
    app.get("/api/v1/me", &secret).await.ok(200);
    // Keys are for data, not for managing people or other keys.
    app.get("/api/v1/team/members", &secret).await.problem(403);
    app.post("/api/v1/api-keys", Some(&secret), json!({"name": "escalate", "scopes": ["write"]})).await.problem(403);
    app.get("/api/v1/audit-events", &secret).await.problem(403);
    assert_eq!(app.count("api_keys").await, 1);
}

async fn only_owners_and_admins_manage_api_keys(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let manager = app.add_member(&owner, "pm@acme.example", "program_manager").await;
    let created =
        app.post("/api/v1/api-keys", Some(&owner.access_token), json!({"name": "k", "scopes": ["read"]})).await;
    let id = created.ok(201)["api_key"]["id"].as_str().unwrap().to_owned();
    let token = Some(manager.access_token.as_str());
    app.post("/api/v1/api-keys", token, json!({"name": "k2", "scopes": ["read"]})).await.problem(403);
    app.get("/api/v1/api-keys", &manager.access_token).await.problem(403);
    app.delete(&format!("/api/v1/api-keys/{id}"), &manager.access_token).await.problem(403);
    let admin = app.add_member(&owner, "admin@acme.example", "admin").await;
    app.delete(&format!("/api/v1/api-keys/{id}"), &admin.access_token).await.ok(204);
}
