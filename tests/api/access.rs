//! Every secured route refuses a request without a valid credential (401), and every route
//! that changes something refuses a viewer (403) — checked route by route from the OpenAPI
//! document, so a new route is covered the day it is added.

use std::collections::BTreeSet;

use chrono::Utc;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use reqwest::Method;
use serde_json::{Value, json};
use tandem_tests::{Company, TestApp, on_both_databases};

on_both_databases!(every_secured_route_refuses_missing_and_bad_credentials, viewers_are_refused_every_change);

/// Placeholder values for the path parameters that are not ids.
pub(crate) fn fill(path: &str) -> String {
    path.replace("{template}", "invitation")
        .replace("{locale}", "en")
        .replace("{email}", "someone@example.test")
        .replace("{category}", "all")
        .replace("{kind}", "mid_program")
        .replace("{audience}", "mentee")
        .split('/')
        .map(|part| if part.starts_with('{') { "0193a5c4-1f2e-7d3c-8b4a-5e6f7a8b9c0d" } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

/// The secured operations of the API, as (method, path template).
fn secured_operations() -> Vec<(Method, String)> {
    let spec = serde_json::to_value(tandem_api::openapi()).unwrap();
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if operation["security"].as_array().is_some_and(|s| !s.is_empty()) {
                out.push((method.to_uppercase().parse().unwrap(), path.clone()));
            }
        }
    }
    assert!(out.len() > 40, "the API has its secured routes");
    out
}

fn sign(claims: Value, key: &[u8]) -> String {
    encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(key)).unwrap()
}

async fn every_secured_route_refuses_missing_and_bad_credentials(app: TestApp) {
    let company = app.signup("Acme", "ann@acme.example").await;
    let now = Utc::now().timestamp();
    let claims = |exp: i64| {
        json!({"iss": "tandem", "aud": "tandem-api", "sub": company.user_id, "tid": company.tenant_id,
               "role": "owner", "iat": now - 60, "exp": exp, "jti": uuid::Uuid::now_v7()})
    };
    let expired = sign(claims(now - 120), b"test signing key, at least thirty-two bytes long");
    let forged = sign(claims(now + 600), b"someone else's key of enough length");
    let revoked_key = "tdm_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_".to_owned() + &company.tenant_id.replace('-', "");
    let people_before = app.count("people").await;
    for (method, template) in secured_operations() {
        let path = fill(&template);
        let body = (method != Method::GET && method != Method::DELETE).then(|| json!({}));
        for (why, token) in [
            ("no credential", None),
            ("expired", Some(&expired)),
            ("forged", Some(&forged)),
            ("unknown key", Some(&revoked_key)),
        ] {
            let reply = app.request(method.clone(), &path, token.map(String::as_str), body.clone()).await;
            assert_eq!(reply.status, 401, "{method} {template} with {why}: {}", reply.body);
            assert_eq!(reply.problem(401), "/problems/unauthorized", "{method} {template} with {why}");
        }
    }
    assert_eq!(app.count("people").await, people_before, "nothing was written");
}

/// Secured routes that change nothing a viewer may not see, and so are open to viewers.
const OPEN_TO_VIEWERS: &[(&str, &str)] = &[("PATCH", "/api/v1/me")];

/// Reading routes that only owners and admins (the mailbox: owners) may use.
const ADMIN_READS: &[&str] = &[
    "/api/v1/dev/mailbox",
    "/api/v1/dev/mailbox/settings",
    "/api/v1/dev/mailbox/{delivery_id}",
    "/api/v1/api-keys",
    "/api/v1/audit-events",
    "/api/v1/jobs/dead",
    "/api/v1/jobs/depth",
    "/api/v1/email/suppressions",
    "/api/v1/email/templates",
];

/// A well-formed body for each route that takes one, so that a refusal is about the role.
pub(crate) fn body_for(method: &Method, template: &str) -> Option<Value> {
    let person = json!({"external_id": "E9", "name": "Kenji Sato", "email": "kenji@acme.example", "job_level": 3});
    let program = json!({"name": "Reverse mentoring", "kind": "reverse", "purposes": ["knowledge_sharing"], "slots": 5,
        "meetings_per_month": 2, "minutes_per_meeting": 45, "check_in_cadence": "monthly"});
    let body = match (method.as_str(), template) {
        ("GET" | "DELETE", _) => return None,
        (_, "/api/v1/api-keys") => json!({"name": "Workday", "scopes": ["read"]}),
        (_, "/api/v1/team/invitations") => json!({"email": "new@acme.example", "role": "viewer"}),
        (_, "/api/v1/team/members/{user_id}") => json!({"role": "admin"}),
        (_, "/api/v1/tenant/settings") => json!({"sensitive_attributes_enabled": true}),
        (_, "/api/v1/email/suppressions") => json!({"email": "gone@acme.example", "category": "all"}),
        (_, "/api/v1/email/templates/{template}/{locale}") => json!({"subject": "s", "html": "<p>h</p>", "text": "t"}),
        (_, "/api/v1/email/templates/{template}/{locale}/preview") => json!({}),
        (_, "/api/v1/people") | (_, "/api/v1/people/{person_id}") => person,
        (_, "/api/v1/people/bulk") => json!({"people": [person]}),
        (_, "/api/v1/people/import") | (_, "/api/v1/people/import/preview") => {
            json!({"csv": "external_id,name,email\nE9,Kenji Sato,kenji@acme.example\n"})
        }
        (_, "/api/v1/programs") | (_, "/api/v1/programs/{program_id}") => program,
        (_, "/api/v1/programs/from-template") => json!({"template": "executive_reverse"}),
        (_, "/api/v1/programs/reach") => json!({"kind": "reverse"}),
        (_, "/api/v1/programs/{program_id}/transitions") => json!({"to": "recruiting"}),
        (_, "/api/v1/programs/{program_id}/campaign-message-preview") => {
            json!({"locale": "en", "message": {"subject": "s", "body": "b"}})
        }
        (_, "/api/v1/programs/{program_id}/campaigns") | (_, "/api/v1/campaigns/{campaign_id}") => {
            json!({"name": "Spring call", "kind": "open"})
        }
        (_, "/api/v1/campaigns/{campaign_id}/transitions") => json!({"to": "open"}),
        (_, "/api/v1/campaigns/{campaign_id}/invitees") => json!({"filter": {}}),
        (_, "/api/v1/applications/{application_id}/decision") => json!({"decision": "accept"}),
        (_, "/api/v1/programs/{program_id}/matching-runs") => json!({"mode": "most_pairs"}),
        (_, "/api/v1/programs/{program_id}/matching-edits") => {
            json!({"kind": "forbid", "mentor_id": "00000000-0000-7000-8000-000000000001",
                   "mentee_id": "00000000-0000-7000-8000-000000000002"})
        }
        (_, "/api/v1/matching-runs/{run_id}/reveal") | (_, "/api/v1/matching-runs/{run_id}/publish") => return None,
        (_, "/api/v1/matching-runs/{run_id}/changes") => {
            json!({"kind": "remove", "mentor": "P-001", "mentee": "P-002"})
        }
        (_, "/api/v1/pairs/{pair_id}/withdrawal") => json!({}),
        (_, "/api/v1/programs/{program_id}/kickoff") => json!({"starts_at": "2027-01-15T01:00:00Z",
            "ends_at": "2027-01-15T02:30:00Z", "time_zone": "Asia/Tokyo"}),
        (_, "/api/v1/programs/{program_id}/training/completions") => {
            json!({"person_id": "00000000-0000-7000-8000-000000000001", "module": 0})
        }
        (_, "/api/v1/pairs/{pair_id}/pause") => json!({"reason": "On leave"}),
        (_, "/api/v1/pairs/{pair_id}/resume") => return None,
        (_, "/api/v1/pairs/{pair_id}/story/featured") => json!({"featured": true}),
        (_, "/api/v1/programs/{program_id}/check-ins") => return None,
        (_, "/api/v1/programs/{program_id}/nudges/settings") => json!({"paused": true}),
        (_, "/api/v1/programs/{program_id}/metric-values") => json!({"metric": "Mentees promoted", "value": 1.0}),
        (_, "/api/v1/programs/{program_id}/surveys") | (_, "/api/v1/programs/{program_id}/surveys/{survey_id}") => {
            json!({"kind": "custom", "audience": "either"})
        }
        (_, "/api/v1/programs/{program_id}/surveys/{survey_id}/open")
        | (_, "/api/v1/programs/{program_id}/surveys/{survey_id}/close")
        | (_, "/api/v1/programs/{program_id}/surveys/{survey_id}/reminders") => return None,
        (_, "/api/v1/survey-templates/{kind}/{audience}") => {
            json!({"questions": [{"key": "going", "label": "Going well?", "kind": "scale", "required": true}]})
        }
        (_, "/api/v1/jobs/{job_id}/retry") | (_, "/api/v1/team/invitations/{invitation_id}/resend") => return None,
        (m, t) => panic!("no body for {m} {t}: add one here"),
    };
    Some(body)
}

async fn viewers_are_refused_every_change(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let viewer: Company = app.add_member(&owner, "val@acme.example", "viewer").await;
    let refused: BTreeSet<(Method, String)> = secured_operations()
        .into_iter()
        // The portal's routes are participants', not console users' (tests/api/portal.rs).
        .filter(|(_, path)| !path.starts_with("/api/v1/portal/"))
        .filter(|(method, path)| {
            let open = OPEN_TO_VIEWERS.iter().any(|(m, p)| *m == method.as_str() && p == path);
            (*method != Method::GET && !open) || ADMIN_READS.contains(&path.as_str())
        })
        .collect();
    assert!(refused.len() > 30, "the routes that change something");
    let audit_before = app.count("audit_events").await;
    for (method, template) in &refused {
        let reply =
            app.request(method.clone(), &fill(template), Some(&viewer.access_token), body_for(method, template)).await;
        assert_eq!(reply.status, 403, "{method} {template}: {}", reply.body);
        assert_eq!(reply.problem(403), "/problems/forbidden", "{method} {template}");
        // What a viewer sends does not matter: the role is checked before the body is read.
        if body_for(method, template).is_some() {
            let path = fill(template);
            let wrong = app.request(method.clone(), &path, Some(&viewer.access_token), Some(json!({"x": 1}))).await;
            assert_eq!(wrong.problem(403), "/problems/forbidden", "{method} {template} with a wrong body");
            let not_json = app
                .client
                .request(method.clone(), app.url(&path))
                .bearer_auth(&viewer.access_token)
                .header("content-type", "application/json")
                .body("{not json")
                .send()
                .await
                .unwrap();
            let not_json = TestApp::read(not_json).await;
            assert_eq!(not_json.problem(403), "/problems/forbidden", "{method} {template} with a broken body");
        }
    }
    assert_eq!(app.count("audit_events").await, audit_before, "nothing was done");
    // What a viewer may do still works.
    app.get("/api/v1/people", &viewer.access_token).await.ok(200);
    app.get("/api/v1/programs", &viewer.access_token).await.ok(200);
}
