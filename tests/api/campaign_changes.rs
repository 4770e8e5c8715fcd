//! Campaigns after they open: late invitees, moved dates, a closed campaign's old public link,
//! every decision, and the refusals of bad values.

use reqwest::Method;
use serde_json::{Value, json};
use tandem_tests::{Company, TestApp, on_both_databases};

use crate::recruitment::{message, recruiting_program, staff};

on_both_databases!(
    invitees_added_after_the_message_get_it_once,
    a_moved_send_date_takes_effect,
    a_closed_campaigns_public_link_leads_nowhere,
    applications_are_accepted_waitlisted_or_declined,
    a_message_held_by_quiet_hours_is_not_counted_as_emailed,
);

async fn person_id(app: &TestApp, owner: &Company, email: &str) -> String {
    let found = app.get(&format!("/api/v1/people?q={email}"), &owner.access_token).await;
    found.ok(200)["items"][0]["id"].as_str().unwrap().to_owned()
}

async fn campaign(app: &TestApp, owner: &Company, program: &str, body: Value) -> Value {
    let created = app.post(&format!("/api/v1/programs/{program}/campaigns"), Some(&owner.access_token), body).await;
    created.ok(201).clone()
}

async fn invitees_added_after_the_message_get_it_once(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let program = recruiting_program(&app, &owner).await;
    let created =
        campaign(&app, &owner, &program, json!({"name": "Invite only", "kind": "closed", "messages": message()})).await;
    let id = created["id"].as_str().unwrap();
    let ren = person_id(&app, &owner, "ren@sakura.example").await;
    app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({"person_ids": [ren]})).await.ok(200);
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);
    app.wait_for_emails_to("ren@sakura.example", 1).await;

    let aoi = person_id(&app, &owner, "aoi@sakura.example").await;
    let added = app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({"person_ids": [aoi, ren]})).await;
    let added = added.ok(200);
    assert_eq!((&added["added"], &added["invitees"]), (&json!(1), &json!(2)));
    assert_eq!(added["skipped"][0]["code"], "already_invited", "Ren was invited already: {added}");
    let late = app.wait_for_emails_to("aoi@sakura.example", 1).await;
    assert!(late[0].text.contains("/apply?token="), "a personal link: {}", late[0].text);
    app.queue_idle(&owner.access_token).await;
    assert_eq!(app.emails_to("ren@sakura.example").len(), 1, "nobody gets the message twice");
    let funnel = app.get(&format!("/api/v1/campaigns/{id}/funnel"), &owner.access_token).await;
    assert_eq!(funnel.ok(200)["emailed"], 2);
}

async fn a_message_held_by_quiet_hours_is_not_counted_as_emailed(app: TestApp) {
    let backend = app.backend;
    drop(app);
    // The staff have no time zone: theirs is UTC.
    let app = TestApp::spawn_in_quiet_hours(backend, chrono_tz::UTC).await.unwrap();
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let program = recruiting_program(&app, &owner).await;
    let created =
        campaign(&app, &owner, &program, json!({"name": "Night", "kind": "closed", "messages": message()})).await;
    let id = created["id"].as_str().unwrap();
    let ren = person_id(&app, &owner, "ren@sakura.example").await;
    app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({"person_ids": [ren]})).await.ok(200);
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);
    app.eventually("the message to wait for the morning", || async {
        let held = app.get("/api/v1/email/deliveries?state=queued", &owner.access_token).await.body;
        held["items"][0]["reason"].as_str().is_some_and(|r| r.contains("quiet hours"))
    })
    .await;
    let funnel = app.get(&format!("/api/v1/campaigns/{id}/funnel"), &owner.access_token).await;
    assert_eq!((funnel.ok(200)["invited"].clone(), funnel.body["emailed"].clone()), (json!(1), json!(0)));
    assert!(app.emails_to("ren@sakura.example").is_empty());
}

async fn a_moved_send_date_takes_effect(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let program = recruiting_program(&app, &owner).await;
    let later = (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339();
    let body = json!({"name": "Next week", "kind": "open", "send_at": later, "messages": message()});
    let created = campaign(&app, &owner, &program, body).await;
    let id = created["id"].as_str().unwrap();
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);
    app.eventually("the message to wait for its date", || async {
        app.get("/api/v1/jobs/depth", &owner.access_token).await.body["queued"] == 1
    })
    .await;
    assert!(app.emails_to("aoi@sakura.example").is_empty(), "not before its date");

    let now = json!({"name": "Right away", "kind": "open", "send_at": null, "messages": message()});
    let changed = app.request(Method::PUT, &format!("/api/v1/campaigns/{id}"), token, Some(now)).await;
    assert!(changed.ok(200)["send_at"].is_null());
    for email in ["aoi@sakura.example", "ren@sakura.example", "hiro@sakura.example"] {
        app.wait_for_emails_to(email, 1).await;
    }
    // The job for the old date is still there; when it runs it finds everyone reached.
    app.eventually("only the old date's job to be left", || async {
        app.get("/api/v1/jobs/depth", &owner.access_token).await.body
            == json!({"queued": 1, "running": 0, "retrying": 0, "dead": 0})
    })
    .await;

    let moved_kind = json!({"name": "Right away", "kind": "closed", "messages": message()});
    let refused = app.request(Method::PUT, &format!("/api/v1/campaigns/{id}"), token, Some(moved_kind)).await;
    assert_eq!(refused.problem(409), "/problems/conflict");
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "closed"})).await.ok(200);
    let closed = json!({"name": "Renamed", "kind": "open"});
    let refused = app.request(Method::PUT, &format!("/api/v1/campaigns/{id}"), token, Some(closed)).await;
    assert_eq!(refused.problem(409), "/problems/conflict");
    let kept = app.get(&format!("/api/v1/campaigns/{id}"), &owner.access_token).await;
    assert_eq!(kept.ok(200)["name"], "Right away", "nothing was written");
}

async fn a_closed_campaigns_public_link_leads_nowhere(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let program = recruiting_program(&app, &owner).await;
    let drafted = campaign(&app, &owner, &program, json!({"name": "Drafted open", "kind": "open"})).await;
    let id = drafted["id"].as_str().unwrap();
    let public = drafted["public_link"].as_str().unwrap().split("token=").nth(1).unwrap().to_owned();
    let closed = json!({"name": "Invite only", "kind": "closed", "messages": message()});
    let changed = app.request(Method::PUT, &format!("/api/v1/campaigns/{id}"), token, Some(closed)).await;
    assert!(changed.ok(200)["public_link"].is_null());
    let ren = person_id(&app, &owner, "ren@sakura.example").await;
    app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({"person_ids": [ren]})).await.ok(200);
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);

    app.request(Method::GET, &format!("/api/v1/public/campaigns/{public}"), None, None).await.problem(404);
    let form = json!({"email": "aoi@sakura.example", "role_wanted": "mentor", "can_teach": "x", "wants_to_learn": "y",
        "goals": "z", "availability": "w", "consent": true});
    let refused = app.post(&format!("/api/v1/public/campaigns/{public}/applications"), None, form).await;
    assert_eq!(refused.problem(404), "/problems/not-found");
    assert_eq!(app.count("applications").await, 0, "only invitees apply to a closed campaign");
}

/// Applies through the public link and confirms; returns the application's token.
async fn apply_and_confirm(app: &TestApp, public: &str, email: &str, role: &str) -> String {
    let form = json!({"email": email, "role_wanted": role, "can_teach": "x", "wants_to_learn": "y",
        "goals": "z", "availability": "w", "consent": true});
    let before = app.emails_to(email).len();
    app.post(&format!("/api/v1/public/campaigns/{public}/applications"), None, form).await.ok(202);
    let emails = app.wait_for_emails_to(email, before + 1).await;
    let text = &emails.last().unwrap().text;
    let start = text.find("/applications/confirm?token=").unwrap() + "/applications/confirm?token=".len();
    let confirm: String = text[start..].chars().take_while(|c| c.is_ascii_hexdigit() || *c == '.').collect();
    app.post("/api/v1/public/applications/confirm", None, json!({"token": confirm})).await.ok(200);
    confirm
}

async fn applications_are_accepted_waitlisted_or_declined(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let program = recruiting_program(&app, &owner).await;
    let created = campaign(&app, &owner, &program, json!({"name": "Spring", "kind": "open"})).await;
    let id = created["id"].as_str().unwrap();
    let public = created["public_link"].as_str().unwrap().split("token=").nth(1).unwrap().to_owned();
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);
    let listed = app.get(&format!("/api/v1/programs/{program}/campaigns"), &owner.access_token).await;
    assert_eq!(listed.ok(200)[0]["id"], id);

    let mut tokens = Vec::new();
    for (email, role) in
        [("aoi@sakura.example", "mentor"), ("ren@sakura.example", "mentor"), ("hiro@sakura.example", "mentee")]
    {
        tokens.push(apply_and_confirm(&app, &public, email, role).await);
    }
    let applications = app.get(&format!("/api/v1/campaigns/{id}/applications"), &owner.access_token).await;
    let items = applications.ok(200)["items"].as_array().unwrap().clone();
    let id_of =
        |name: &str| items.iter().find(|a| a["person_name"] == name).unwrap()["id"].as_str().unwrap().to_owned();
    let decide = |application: String, decision: &'static str| {
        let (app, path) = (&app, format!("/api/v1/applications/{application}/decision"));
        async move { app.post(&path, token, json!({"decision": decision})).await }
    };
    let bad = decide(id_of("Aoi Mori"), "maybe").await;
    assert_eq!(bad.invalid_fields(), ["decision"]);
    for (name, decision, status) in [
        ("Aoi Mori", "accept", "accepted"),
        ("Ren Ito", "waitlist", "waitlisted"),
        ("Hiro Tanaka", "decline", "declined"),
    ] {
        assert_eq!(decide(id_of(name), decision).await.ok(200)["status"], status, "{name}");
    }
    let waitlisted =
        app.get(&format!("/api/v1/campaigns/{id}/applications?status=waitlisted"), &owner.access_token).await;
    assert_eq!(waitlisted.ok(200)["items"].as_array().unwrap().len(), 1);
    let bogus = app.get(&format!("/api/v1/campaigns/{id}/applications?status=bogus"), &owner.access_token).await;
    assert_eq!(bogus.problem(422), "/problems/validation");
    let funnel = app.get(&format!("/api/v1/campaigns/{id}/funnel"), &owner.access_token).await;
    assert_eq!((funnel.body["applied"].clone(), funnel.body["accepted"].clone()), (json!(3), json!(1)));

    // The declined may not withdraw what is decided; an unknown token finds nothing.
    let withdraw = app.post("/api/v1/public/applications/withdraw", None, json!({"token": tokens[2]})).await;
    assert_eq!(withdraw.problem(409), "/problems/conflict");
    app.post("/api/v1/public/applications/withdraw", None, json!({"token": "nonsense"})).await.problem(404);
    let bad_move = app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "sideways"})).await;
    assert_eq!(bad_move.invalid_fields(), ["to"]);
    let still = app.get(&format!("/api/v1/campaigns/{id}"), &owner.access_token).await;
    assert_eq!(still.ok(200)["state"], "open", "nothing changed");
}
