//! What a hostile caller could make the server do, and the limits that stop it: the
//! developer mailbox is off unless asked for and owners' only; a public link cannot flood an
//! inbox, overwrite someone's pending application or be hammered without end.

use serde_json::{Value, json};
use tandem_domain::Locale;
use tandem_domain::emails::{Email, InvitationEmail};
use tandem_server::config::Secret;
use tandem_store::NewEmailDelivery;
use tandem_tests::{Company, TestApp, on_both_databases};

use crate::recruitment::{recruiting_program, staff};

on_both_databases!(
    the_mailbox_is_off_unless_asked_for_and_with_smtp,
    only_owners_read_the_mailbox_and_no_api_key_does,
    a_public_link_sends_one_confirmation_however_often_the_form_is_sent,
    a_pending_application_is_not_overwritten_through_the_public_link,
    one_client_and_one_link_take_a_limited_number_of_applications,
    transactional_email_to_one_address_is_capped_per_hour,
    a_tenant_sends_a_limited_number_of_invitations_an_hour,
    a_public_link_does_the_same_work_whatever_address_it_names,
);

async fn a_tenant_sends_a_limited_number_of_invitations_an_hour(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let app = TestApp::spawn_with(backend, |c, _| c.tenant_invitations_per_hour = 2).await.unwrap();
    let owner = app.signup("Acme", "ann@acme.example").await;
    for who in ["a", "b", "c"] {
        let invite = json!({"email": format!("{who}@elsewhere.example"), "role": "viewer"});
        app.post("/api/v1/team/invitations", Some(&owner.access_token), invite).await.ok(201);
    }
    // The worker sends side by side, so which of the three is held is not fixed: two go, one waits.
    let recipients = ["a@elsewhere.example", "b@elsewhere.example", "c@elsewhere.example"];
    let held_by_limit = |d: &Value| {
        d["state"] == "queued" && d["reason"].as_str().is_some_and(|r| r.contains("limit of 2 invitations an hour"))
    };
    app.eventually("two invitations sent and the third held by the tenant's limit", || async {
        let deliveries = app.get("/api/v1/email/deliveries", &owner.access_token).await.body;
        let invitations: Vec<Value> = deliveries["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| recipients.contains(&d["to_email"].as_str().unwrap_or_default()))
            .cloned()
            .collect();
        invitations.iter().filter(|d| d["state"] == "sent").count() == 2
            && invitations.iter().filter(|d| held_by_limit(d)).count() == 1
    })
    .await;
    let delivered: Vec<usize> = recipients.iter().map(|to| app.emails_to(to).len()).collect();
    assert_eq!(delivered.iter().sum::<usize>(), 2, "the held one waits for the window to move on: {delivered:?}");
    // What a person asked for is not held: the owner's own password link still goes.
    app.post("/api/v1/auth/password-reset", None, json!({"email": "ann@acme.example"})).await.ok(202);
    app.wait_for_emails_to("ann@acme.example", 2).await;
}

/// The public form's answer, and the work done before it, are the same whoever the address
/// is: the lookup happens in a job. With no worker running, three very different addresses
/// leave exactly the same trace.
async fn a_public_link_does_the_same_work_whatever_address_it_names(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let app = TestApp::spawn_with(backend, |c, _| c.worker_concurrency = 0).await.unwrap();
    let owner = app.seed_company("Sakura", "aiko@sakura.example").await;
    let (_, link) = open_campaign(&app, &owner).await;
    let path = format!("/api/v1/public/campaigns/{link}/applications");
    let deliveries = app.count("email_deliveries").await;
    let mut answers = Vec::new();
    // Eligible, not eligible as a mentor (too senior), and not in the directory.
    for email in ["aoi@sakura.example", "hiro@sakura.example", "nobody@sakura.example"] {
        let jobs = app.count("jobs").await;
        let mut body = form("mentor");
        body["email"] = json!(email);
        let reply = app.post(&path, None, body).await;
        assert_eq!(app.count("jobs").await, jobs + 1, "one job for {email}");
        answers.push((reply.status, reply.body["status"].clone()));
    }
    assert!(answers.windows(2).all(|w| w[0] == w[1]), "{answers:?}");
    assert_eq!(app.count("applications").await, 0, "nothing is looked up before the answer");
    assert_eq!(app.count("email_deliveries").await, deliveries);
}

async fn the_mailbox_is_off_unless_asked_for_and_with_smtp(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let off = TestApp::spawn_with(backend, |c, _| c.dev_mailbox = false).await.unwrap();
    let owner = off.signup("Acme", "ann@acme.example").await;
    off.get("/api/v1/dev/mailbox", &owner.access_token).await.problem(404);
    off.get("/api/v1/dev/mailbox/settings", &owner.access_token).await.problem(404);
    drop(off);
    // Asked for, but mail leaves the machine: still off.
    let smtp = TestApp::spawn_with(backend, |c, _| c.smtp_url = Some(Secret::new("smtp://127.0.0.1:9"))).await.unwrap();
    let owner = smtp.seed_company("Acme", "ann@acme.example").await;
    assert!(smtp.config.dev_mailbox);
    smtp.get("/api/v1/dev/mailbox", &owner.access_token).await.problem(404);
    smtp.get("/api/v1/dev/mailbox/settings", &owner.access_token).await.problem(404);
}

async fn only_owners_read_the_mailbox_and_no_api_key_does(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let admin = app.add_member(&owner, "adam@acme.example", "admin").await;
    let viewer = app.add_member(&owner, "val@acme.example", "viewer").await;
    let key = app
        .post("/api/v1/api-keys", Some(&owner.access_token), json!({"name": "HR", "scopes": ["read", "write"]}))
        .await;
    let key = key.ok(201)["secret"].as_str().unwrap().to_owned();
    app.eventually("the invitations in the mailbox", || async {
        app.get("/api/v1/dev/mailbox", &owner.access_token).await.body["items"].as_array().is_some_and(|i| i.len() == 2)
    })
    .await;
    let listed = app.get("/api/v1/dev/mailbox", &owner.access_token).await;
    let id = listed.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    app.get(&format!("/api/v1/dev/mailbox/{id}"), &owner.access_token).await.ok(200);
    let settings = app.get("/api/v1/dev/mailbox/settings", &owner.access_token).await;
    assert_eq!(settings.ok(200)["public_url"], app.config.public_url.as_str(), "the links' address is shown");
    for (who, token) in [("an admin", &admin.access_token), ("a viewer", &viewer.access_token), ("an API key", &key)] {
        for path in [
            "/api/v1/dev/mailbox".to_owned(),
            "/api/v1/dev/mailbox/settings".to_owned(),
            format!("/api/v1/dev/mailbox/{id}"),
        ] {
            let refused = app.get(&path, token).await;
            assert_eq!(refused.problem(403), "/problems/forbidden", "{who} on {path}");
            assert!(!refused.body.to_string().contains("token="), "no link leaks to {who}: {}", refused.body);
        }
    }
}

fn form(role: &str) -> Value {
    json!({"role_wanted": role, "can_teach": "TikTok", "wants_to_learn": "Budgets", "goals": "Grow",
           "availability": "Tuesdays", "languages": ["en"], "consent": true})
}

/// An open campaign of a recruiting program, and its public link's token.
async fn open_campaign(app: &TestApp, owner: &Company) -> (String, String) {
    let token = Some(owner.access_token.as_str());
    staff(app, owner).await;
    let program = recruiting_program(app, owner).await;
    let created = app
        .post(&format!("/api/v1/programs/{program}/campaigns"), token, json!({"name": "Open call", "kind": "open"}))
        .await;
    let campaign = created.ok(201).clone();
    let id = campaign["id"].as_str().unwrap().to_owned();
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);
    let link = campaign["public_link"].as_str().unwrap();
    (id, link.split("token=").nth(1).unwrap().to_owned())
}

fn confirm_token(app: &TestApp, email: &str) -> String {
    let text = app.emails_to(email).pop().expect("a confirmation").text;
    let start = text.find("/applications/confirm?token=").expect("a confirmation link") + 28;
    text[start..].chars().take_while(|c| c.is_ascii_hexdigit() || *c == '.').collect()
}

async fn a_public_link_sends_one_confirmation_however_often_the_form_is_sent(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let (_, link) = open_campaign(&app, &owner).await;
    let path = format!("/api/v1/public/campaigns/{link}/applications");
    for _ in 0..15 {
        let mut body = form("mentor");
        body["email"] = json!("aoi@sakura.example");
        app.post(&path, None, body).await.ok(202);
    }
    app.wait_for_emails_to("aoi@sakura.example", 1).await;
    app.queue_idle(&owner.access_token).await;
    assert_eq!(app.emails_to("aoi@sakura.example").len(), 1, "one confirmation, not fifteen");
    let confirmed = app
        .post("/api/v1/public/applications/confirm", None, json!({"token": confirm_token(&app, "aoi@sakura.example")}))
        .await;
    assert_eq!(confirmed.ok(200)["status"], "submitted");
}

async fn a_pending_application_is_not_overwritten_through_the_public_link(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let (campaign, link) = open_campaign(&app, &owner).await;
    let path = format!("/api/v1/public/campaigns/{link}/applications");
    let mut first = form("mentor");
    first["email"] = json!("aoi@sakura.example");
    app.post(&path, None, first).await.ok(202);
    app.wait_for_emails_to("aoi@sakura.example", 1).await;
    let first_link = confirm_token(&app, "aoi@sakura.example");

    // Someone else names her address with other answers.
    let mut other = form("either");
    other["email"] = json!("aoi@sakura.example");
    other["goals"] = json!("Sabotage");
    let answer = app.post(&path, None, other).await;
    assert_eq!(answer.ok(202)["status"], "unconfirmed", "answered alike");

    let listed = app.get(&format!("/api/v1/campaigns/{campaign}/applications"), &owner.access_token).await;
    let items = listed.ok(200)["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1);
    assert_eq!((&items[0]["role_wanted"], &items[0]["form"]["goals"]), (&json!("mentor"), &json!("Grow")));
    let confirmed = app.post("/api/v1/public/applications/confirm", None, json!({"token": first_link})).await;
    assert_eq!(confirmed.ok(200)["status"], "submitted", "her first link still works");
}

async fn one_client_and_one_link_take_a_limited_number_of_applications(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let app = TestApp::spawn_with(backend, |c, _| {
        c.apply_per_client_per_hour = 4;
        c.apply_per_campaign_per_hour = 100;
    })
    .await
    .unwrap();
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let (_, link) = open_campaign(&app, &owner).await;
    let path = format!("/api/v1/public/campaigns/{link}/applications");
    let send = |n: usize| {
        let mut body = form("mentor");
        body["email"] = json!(format!("nobody{n}@sakura.example"));
        app.post(&path, None, body)
    };
    for n in 0..4 {
        send(n).await.ok(202);
    }
    // The fifth names someone who could apply: refused all the same, and nothing is written.
    let mut fifth = form("mentor");
    fifth["email"] = json!("aoi@sakura.example");
    let refused = app.post(&path, None, fifth).await;
    assert_eq!(refused.problem(429), "/problems/too-many-requests");
    let retry_after: u64 = refused.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=3600).contains(&retry_after), "{retry_after}");
    let applications = app.count("applications").await;
    assert_eq!(applications, 0, "the first four named nobody in the directory; the refused one wrote nothing");
    assert!(app.emails_to("aoi@sakura.example").is_empty());
    drop(app);

    // One link, many clients (behind a trusted proxy that names them).
    let app = TestApp::spawn_with(backend, |c, _| {
        c.apply_per_client_per_hour = 100;
        c.apply_per_campaign_per_hour = 3;
        c.trust_forwarded_for = true;
    })
    .await
    .unwrap();
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let (_, link) = open_campaign(&app, &owner).await;
    let url = app.url(&format!("/api/v1/public/campaigns/{link}/applications"));
    for n in 0..4 {
        let mut body = form("mentor");
        body["email"] = json!(format!("nobody{n}@sakura.example"));
        let response =
            app.client.post(&url).header("x-forwarded-for", format!("198.51.100.{n}")).json(&body).send().await;
        let status = response.unwrap().status().as_u16();
        assert_eq!(status, if n < 3 { 202 } else { 429 }, "application {n}");
    }
}

async fn transactional_email_to_one_address_is_capped_per_hour(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let app = TestApp::spawn_with(backend, |c, _| c.transactional_hourly_cap = 2).await.unwrap();
    let owner = app.signup("Acme", "ann@acme.example").await;
    let store = app.store().await;
    let mut ids = Vec::new();
    for n in 0..3 {
        let tx = store.tenant(owner.tenant_id.parse().unwrap()).await.unwrap();
        let (delivery, _) = tx
            .create_delivery(NewEmailDelivery {
                idempotency_key: format!("invitation-{n}"),
                email: Email::Invitation(InvitationEmail {
                    company: "Acme".into(),
                    inviter: "Ann".into(),
                    role: "viewer".into(),
                    link: "http://console.test/invitations/accept?token=x".into(),
                }),
                locale: Locale::En,
                to_email: "kenji@acme.example".into(),
                to_name: None,
                time_zone: None,
            })
            .await
            .unwrap();
        tx.commit().await.unwrap();
        ids.push(delivery.id.to_string());
        app.queue_idle(&owner.access_token).await;
    }
    let deliveries = app.get("/api/v1/email/deliveries?limit=100", &owner.access_token).await;
    let state = |id: &str| {
        let item = deliveries.body["items"].as_array().unwrap().iter().find(|d| d["id"] == id).unwrap().clone();
        (item["state"].as_str().unwrap().to_owned(), item["reason"].clone())
    };
    assert_eq!(state(&ids[0]).0, "sent");
    assert_eq!(state(&ids[1]).0, "sent");
    let (third, reason) = state(&ids[2]);
    assert_eq!(third, "suppressed");
    assert!(reason.as_str().unwrap().contains("in the last hour"), "{reason}");
    assert_eq!(app.emails_to("kenji@acme.example").len(), 2);
}
