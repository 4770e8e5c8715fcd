//! Access tokens, refresh tokens and logout.

use chrono::Utc;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::json;
use tandem_tests::{TestApp, on_both_databases};

on_both_databases!(
    requests_without_a_valid_access_token_are_unauthorized,
    refresh_rotates_the_refresh_token,
    refresh_token_reuse_revokes_the_family,
    logout_ends_the_session,
    malformed_and_unknown_refresh_tokens_are_refused,
    a_removed_member_loses_access_at_once,
);

const KEY: &[u8] = b"test signing key, at least thirty-two bytes long";

fn sign(claims: serde_json::Value, key: &[u8]) -> String {
    encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(key)).unwrap()
}

async fn requests_without_a_valid_access_token_are_unauthorized(app: TestApp) {
    let company = app.signup("Acme", "ann@acme.example").await;
    let now = Utc::now().timestamp();
    // The login the company's own token belongs to.
    let issued = company.access_token.split('.').nth(1).unwrap();
    let issued: serde_json::Value = serde_json::from_slice(
        &base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, issued).unwrap(),
    )
    .unwrap();
    let family = issued["fam"].clone();
    let claims_of = |exp: i64, aud: &str, fam: &serde_json::Value| {
        json!({"iss": "tandem", "aud": aud, "sub": company.user_id, "tid": company.tenant_id,
               "role": "owner", "fam": fam, "iat": now - 60, "exp": exp, "jti": uuid::Uuid::now_v7()})
    };
    let claims = |exp: i64, aud: &str| claims_of(exp, aud, &family);
    let control = sign(claims(now + 600, "tandem-api"), KEY);
    assert_eq!(app.get("/api/v1/me", &control).await.status, 200, "a well-made token works");

    let missing = app.request(reqwest::Method::GET, "/api/v1/me", None, None).await;
    assert_eq!(missing.problem(401), "/problems/unauthorized");
    let header = base64_url(r#"{"alg":"none","typ":"JWT"}"#);
    let payload = control.split('.').nth(1).unwrap();
    for (why, token) in [
        ("garbage", "not.a.token".to_owned()),
        ("expired", sign(claims(now - 120, "tandem-api"), KEY)),
        ("wrong audience", sign(claims(now + 600, "another-api"), KEY)),
        ("forged with another key", sign(claims(now + 600, "tandem-api"), b"someone else's key of enough length")),
        ("alg none", format!("{header}.{payload}.")),
        ("no login", sign(claims_of(now + 600, "tandem-api", &json!(null)), KEY)),
        ("a login that is not there", sign(claims_of(now + 600, "tandem-api", &json!(uuid::Uuid::now_v7())), KEY)),
    ] {
        let reply = app.get("/api/v1/me", &token).await;
        assert_eq!(reply.problem(401), "/problems/unauthorized", "{why}");
    }
}

fn base64_url(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

async fn refresh_rotates_the_refresh_token(app: TestApp) {
    let company = app.signup("Acme", "ann@acme.example").await;
    let reply = app.post("/api/v1/auth/refresh", None, json!({"refresh_token": company.refresh_token})).await;
    let session = reply.ok(200);
    assert_ne!(session["refresh_token"], company.refresh_token.as_str());
    assert_eq!(session["role"], "owner");
    let access = session["access_token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/me", access).await.status, 200);
    let next = app.post("/api/v1/auth/refresh", None, json!({"refresh_token": session["refresh_token"]})).await;
    next.ok(200);
}

async fn refresh_token_reuse_revokes_the_family(app: TestApp) {
    let company = app.signup("Acme", "ann@acme.example").await;
    let rotated = app.post("/api/v1/auth/refresh", None, json!({"refresh_token": company.refresh_token})).await;
    let newest = rotated.ok(200)["refresh_token"].as_str().unwrap().to_owned();

    let reuse = app.post("/api/v1/auth/refresh", None, json!({"refresh_token": company.refresh_token})).await;
    assert_eq!(reuse.problem(401), "/problems/unauthorized");
    let after = app.post("/api/v1/auth/refresh", None, json!({"refresh_token": newest})).await;
    assert_eq!(after.problem(401), "/problems/unauthorized", "the whole family is revoked");

    // Another login of the same person is a different family and keeps working.
    let other = app.login("ann@acme.example").await;
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": other.refresh_token})).await.ok(200);
}

async fn logout_ends_the_session(app: TestApp) {
    let company = app.signup("Acme", "ann@acme.example").await;
    let reply = app.post("/api/v1/auth/logout", None, json!({"refresh_token": company.refresh_token})).await;
    assert_eq!(reply.status, 204);
    let refresh = app.post("/api/v1/auth/refresh", None, json!({"refresh_token": company.refresh_token})).await;
    refresh.problem(401);
    let again = app.post("/api/v1/auth/logout", None, json!({"refresh_token": company.refresh_token})).await;
    assert_eq!(again.status, 204, "logging out twice is harmless");
}

async fn malformed_and_unknown_refresh_tokens_are_refused(app: TestApp) {
    let company = app.signup("Acme", "ann@acme.example").await;
    let malformed = app.post("/api/v1/auth/refresh", None, json!({"refresh_token": "nonsense"})).await;
    assert_eq!(malformed.invalid_fields(), ["refresh_token"]);
    let (tenant, _) = company.refresh_token.split_once('.').unwrap();
    let unknown = format!("{tenant}.{}", "ab".repeat(24));
    let reply = app.post("/api/v1/auth/refresh", None, json!({"refresh_token": unknown})).await;
    reply.problem(401);
    let logout = app.post("/api/v1/auth/logout", None, json!({"refresh_token": "nonsense"})).await;
    assert_eq!(logout.invalid_fields(), ["refresh_token"]);
}

async fn a_removed_member_loses_access_at_once(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let member = app.add_member(&owner, "bob@acme.example", "program_manager").await;
    assert_eq!(app.get("/api/v1/me", &member.access_token).await.status, 200);
    app.delete(&format!("/api/v1/team/members/{}", member.user_id), &owner.access_token).await.ok(204);
    let reply = app.get("/api/v1/me", &member.access_token).await;
    assert_eq!(reply.problem(401), "/problems/unauthorized", "the unexpired access token no longer works");
    let refresh = app.post("/api/v1/auth/refresh", None, json!({"refresh_token": member.refresh_token})).await;
    refresh.problem(401);
}
