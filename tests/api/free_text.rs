//! Free text that people type: every display name follows one rule (no control characters, no
//! bidirectional controls), search terms and list filters are bounded, and imported cells that
//! look like spreadsheet formulas are kept as plain text.

use serde_json::{Value, json};
use tandem_tests::{PASSWORD, TestApp, on_both_databases};

use crate::recruitment::recruiting_program;

on_both_databases!(
    every_display_name_refuses_control_and_bidi_characters_and_writes_nothing,
    search_terms_and_list_filters_are_bounded,
    formula_looking_cells_are_imported_as_the_text_they_are,
);

/// A name that reads backwards from the override on ("invoice" then "exe.pdf").
const BIDI: &str = "invoice\u{202E}fdp.exe";
const BELL: &str = "Acme\u{0007}";

fn program(name: &str) -> Value {
    json!({"name": name, "kind": "reverse", "purposes": ["knowledge_sharing"], "slots": 5,
        "meetings_per_month": 2, "minutes_per_meeting": 45, "check_in_cadence": "monthly"})
}

async fn every_display_name_refuses_control_and_bidi_characters_and_writes_nothing(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let token = Some(owner.access_token.as_str());
    let program_id = recruiting_program(&app, &owner).await;
    let campaigns = format!("/api/v1/programs/{program_id}/campaigns");
    type Body = fn(&str) -> Value;
    let kinds: [(&str, &str, &str, Body, &str); 7] = [
        (
            "/api/v1/people",
            "people",
            "name",
            |n| json!({"external_id": "E1", "name": n, "email": "e1@acme.example"}),
            "name",
        ),
        (
            "/api/v1/auth/signup",
            "tenants",
            "company_name",
            |n| json!({"company_name": n, "owner_name": "Olga", "email": "olga@other.example", "password": PASSWORD}),
            "company",
        ),
        (
            "/api/v1/auth/signup",
            "users",
            "owner_name",
            |n| json!({"company_name": "Other", "owner_name": n, "email": "oscar@other.example", "password": PASSWORD}),
            "owner",
        ),
        ("/api/v1/programs", "programs", "name", program, "program"),
        ("", "campaigns", "name", |n| json!({"name": n, "kind": "open"}), "campaign"),
        (
            "",
            "campaigns",
            "questions",
            |n| json!({"name": "Spring", "kind": "open", "questions": [{"key": "why", "label": n, "kind": "text", "required": true}]}),
            "question label",
        ),
        ("/api/v1/api-keys", "api_keys", "name", |n| json!({"name": n, "scopes": ["read"]}), "API key"),
    ];
    for (path, table, field, body, what) in kinds {
        let path = if path.is_empty() { campaigns.as_str() } else { path };
        let before = app.count(table).await;
        for (bad, words) in
            [(BIDI, "must not contain bidirectional text controls"), (BELL, "must not contain control characters")]
        {
            let refused = app.post(path, token, body(bad)).await;
            assert_eq!(refused.invalid_fields(), [field], "{what} {bad:?}: {}", refused.body);
            let message = refused.body["errors"][0]["message"].as_str().unwrap_or_default();
            assert!(message.contains(words), "{what} {bad:?}: {}", refused.body);
            assert_eq!(app.count(table).await, before, "no {what} was written");
        }
        // The same text without the control is a fine name.
        let fine = app.post(path, token, body("invoice fdp.exe")).await;
        assert!(fine.status.is_success(), "{what}: {}", fine.body);
    }
    let ja = app.request_in(Some("ja"), reqwest::Method::POST, "/api/v1/programs", token, Some(program(BIDI))).await;
    assert!(ja.body["errors"][0]["message"].as_str().unwrap().contains("文字の向きを変える制御文字"), "{}", ja.body);
    // A replacement is held to the same rule.
    let draft = app.post("/api/v1/programs", token, program("Draft")).await;
    let draft = draft.ok(201)["id"].as_str().unwrap().to_owned();
    let replaced =
        app.request(reqwest::Method::PUT, &format!("/api/v1/programs/{draft}"), token, Some(program(BIDI))).await;
    assert_eq!(replaced.invalid_fields(), ["name"]);
}

async fn search_terms_and_list_filters_are_bounded(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let token = owner.access_token.as_str();
    let huge = "x".repeat(50_001);
    let refused = app.get(&format!("/api/v1/people?q={huge}"), token).await;
    assert_eq!(refused.invalid_fields(), ["q"]);
    assert_eq!(refused.body["errors"][0]["code"], "too_long");
    let long = "あ".repeat(201);
    for filter in ["department", "function", "region", "skill", "q"] {
        let refused = app.get(&format!("/api/v1/people?{filter}={long}"), token).await;
        assert_eq!(refused.invalid_fields(), [filter], "{}", refused.body);
    }
    let two = app.get(&format!("/api/v1/people?q={long}&region={long}"), token).await;
    assert_eq!(two.invalid_fields(), ["region", "q"]);
    let at_most = "あ".repeat(200);
    app.get(&format!("/api/v1/people?q={at_most}&department={at_most}"), token).await.ok(200);

    let program = recruiting_program(&app, &owner).await;
    let campaign = app
        .post(
            &format!("/api/v1/programs/{program}/campaigns"),
            Some(token),
            json!({"name": "Invite", "kind": "closed"}),
        )
        .await;
    let campaign = campaign.ok(201)["id"].as_str().unwrap().to_owned();
    let refused = app
        .post(&format!("/api/v1/campaigns/{campaign}/invitees"), Some(token), json!({"filter": {"department": huge}}))
        .await;
    assert_eq!(refused.invalid_fields(), ["filter.department"]);
}

async fn formula_looking_cells_are_imported_as_the_text_they_are(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let token = Some(owner.access_token.as_str());
    let csv = "external_id,name,email,department,title\n\
        E1,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",e1@acme.example,+Sales,@SUM(A1:A2)\n\
        E2,-Mei,e2@acme.example,=1+1,Engineer\n";
    let imported = app.post("/api/v1/people/import", token, json!({"csv": csv})).await;
    assert_eq!(imported.ok(200)["created"], 2, "{}", imported.body);
    let people = app.get("/api/v1/people?q=acme.example", &owner.access_token).await;
    let people = people.ok(200)["items"].as_array().unwrap().clone();
    let find = |id: &str| people.iter().find(|p| p["external_id"] == id).cloned().unwrap();
    let (e1, e2) = (find("E1"), find("E2"));
    assert_eq!(e1["name"], "=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(e1["department"], "+Sales");
    assert_eq!(e1["title"], "@SUM(A1:A2)");
    assert_eq!(e2["name"], "-Mei");
    assert_eq!(e2["department"], "=1+1");
}
