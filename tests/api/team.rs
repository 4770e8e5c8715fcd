//! Team management: invitations by email, roles, removal.

use serde_json::json;
use tandem_tests::{PASSWORD, TestApp, on_both_databases};

on_both_databases!(
    an_invited_person_joins_through_the_link_in_the_email,
    invitation_emails_speak_the_requested_language,
    an_invitation_with_bad_input_writes_nothing,
    an_invitation_works_once,
    only_owners_and_admins_manage_the_team,
    admins_cannot_touch_owners_and_the_last_owner_stays,
    members_can_be_re_roled_and_removed,
    members_are_listed_page_by_page,
    invitations_can_be_withdrawn,
    an_invitation_says_what_it_offers_and_can_be_sent_again,
);

async fn an_invited_person_joins_through_the_link_in_the_email(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let reply = app
        .post(
            "/api/v1/team/invitations",
            Some(&owner.access_token),
            json!({"email": "Bob@Acme.example", "role": "admin"}),
        )
        .await;
    let created = reply.ok(201);
    assert_eq!(created["email"]["state"], "queued");
    assert_eq!(created["email"]["template"], "invitation");
    assert_eq!(created["invitation"]["email"], "bob@acme.example");
    assert_eq!(created["invitation"]["role"], "admin");

    let emails = app.wait_for_emails_to("bob@acme.example", 1).await;
    assert_eq!(emails.len(), 1);
    let email = &emails[0];
    assert!(email.subject.contains("Acme"), "{}", email.subject);
    assert!(email.text.contains("http://console.test/invitations/accept?token="), "{}", email.text);
    assert!(email.html.contains("<a href="), "{}", email.html);

    let pending = app.get("/api/v1/team/invitations", &owner.access_token).await;
    assert_eq!(pending.ok(200)["items"].as_array().unwrap().len(), 1);

    let token = app.invitation_token_for("bob@acme.example").await;
    let missing_name =
        app.post("/api/v1/auth/invitations/accept", None, json!({"token": token, "password": PASSWORD})).await;
    assert_eq!(missing_name.invalid_fields(), ["name"]);
    let joined = app
        .post(
            "/api/v1/auth/invitations/accept",
            None,
            json!({"token": token, "name": "Bob Brown", "password": PASSWORD}),
        )
        .await;
    let session = joined.ok(201);
    assert_eq!(session["role"], "admin");
    assert_eq!(session["tenant_id"].as_str(), Some(owner.tenant_id.as_str()));

    let members = app.get("/api/v1/team/members", &owner.access_token).await;
    let members = members.ok(200)["items"].as_array().unwrap().clone();
    let roles: Vec<_> = members.iter().map(|m| (m["email"].as_str().unwrap(), m["role"].as_str().unwrap())).collect();
    assert_eq!(roles, [("ann@acme.example", "owner"), ("bob@acme.example", "admin")]);
    let pending = app.get("/api/v1/team/invitations", &owner.access_token).await;
    assert!(pending.ok(200)["items"].as_array().unwrap().is_empty(), "accepted invitations are no longer pending");
    app.login("bob@acme.example").await;
}

async fn invitation_emails_speak_the_requested_language(app: TestApp) {
    let owner = app.signup("さくら工業", "ann@sakura.example").await;
    app.post(
        "/api/v1/team/invitations",
        Some(&owner.access_token),
        json!({"email": "kenji@sakura.example", "role": "viewer", "locale": "ja"}),
    )
    .await
    .ok(201);
    let email = app.wait_for_emails_to("kenji@sakura.example", 1).await.pop().expect("an email");
    assert!(email.subject.contains("さくら工業") && email.subject.contains("招待"), "{}", email.subject);
    assert!(email.text.contains("招待を承認") || email.text.contains("承認してください"), "{}", email.text);
    let subject_line = email.raw.lines().find(|l| l.starts_with("Subject:")).expect("a subject header");
    assert!(subject_line.contains("=?utf-8?b?"), "the Japanese subject is RFC 2047 encoded: {subject_line}");
}

async fn an_invitation_with_bad_input_writes_nothing(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let bad_email =
        app.post("/api/v1/team/invitations", Some(&owner.access_token), json!({"email": "bob", "role": "admin"})).await;
    assert_eq!(bad_email.invalid_fields(), ["email"]);
    let bad_role = app
        .post(
            "/api/v1/team/invitations",
            Some(&owner.access_token),
            json!({"email": "bob@acme.example", "role": "king"}),
        )
        .await;
    assert_eq!(bad_role.invalid_fields(), ["role"]);
    let member = app
        .post(
            "/api/v1/team/invitations",
            Some(&owner.access_token),
            json!({"email": "ann@acme.example", "role": "admin"}),
        )
        .await;
    assert_eq!(member.problem(409), "/problems/conflict", "already a member");
    assert_eq!(app.count("invitations").await, 0);
    assert_eq!(app.outbox().len(), 1, "only the owner's sign-up link");
}

async fn an_invitation_works_once(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    app.add_member(&owner, "bob@acme.example", "viewer").await;
    let token = app.invitation_token_for("bob@acme.example").await;
    let again = app
        .post("/api/v1/auth/invitations/accept", None, json!({"token": token, "name": "Bob", "password": PASSWORD}))
        .await;
    assert_eq!(again.problem(410), "/problems/gone");
    let (tenant, _) = token.split_once('.').unwrap();
    let forged = format!("{tenant}.{}", "cd".repeat(24));
    let unknown = app
        .post("/api/v1/auth/invitations/accept", None, json!({"token": forged, "name": "Bob", "password": PASSWORD}))
        .await;
    assert_eq!(unknown.problem(404), "/problems/not-found");
    let garbage = app
        .post("/api/v1/auth/invitations/accept", None, json!({"token": "garbage", "name": "Bob", "password": PASSWORD}))
        .await;
    assert_eq!(garbage.problem(404), "/problems/not-found");
}

async fn only_owners_and_admins_manage_the_team(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let manager = app.add_member(&owner, "pm@acme.example", "program_manager").await;
    let viewer = app.add_member(&owner, "viewer@acme.example", "viewer").await;
    for who in [&manager, &viewer] {
        let token = &who.access_token;
        app.get("/api/v1/team/members", token).await.problem(403);
        app.get("/api/v1/team/invitations", token).await.problem(403);
        app.post("/api/v1/team/invitations", Some(token), json!({"email": "x@acme.example", "role": "viewer"}))
            .await
            .problem(403);
        app.patch(&format!("/api/v1/team/members/{}", owner.user_id), token, json!({"role": "viewer"}))
            .await
            .problem(403);
        app.delete(&format!("/api/v1/team/members/{}", owner.user_id), token).await.problem(403);
    }
    let admin = app.add_member(&owner, "admin@acme.example", "admin").await;
    app.get("/api/v1/team/members", &admin.access_token).await.ok(200);
    assert_eq!(app.count("invitations").await, 3, "only the three accepted invitations exist");
}

async fn admins_cannot_touch_owners_and_the_last_owner_stays(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let admin = app.add_member(&owner, "admin@acme.example", "admin").await;
    let viewer = app.add_member(&owner, "viewer@acme.example", "viewer").await;
    let promote = app
        .patch(&format!("/api/v1/team/members/{}", viewer.user_id), &admin.access_token, json!({"role": "owner"}))
        .await;
    promote.problem(403);
    let demote = app
        .patch(&format!("/api/v1/team/members/{}", owner.user_id), &admin.access_token, json!({"role": "viewer"}))
        .await;
    demote.problem(403);
    let invite_owner = app
        .post(
            "/api/v1/team/invitations",
            Some(&admin.access_token),
            json!({"email": "o@acme.example", "role": "owner"}),
        )
        .await;
    invite_owner.problem(403);
    let last = app
        .patch(&format!("/api/v1/team/members/{}", owner.user_id), &owner.access_token, json!({"role": "admin"}))
        .await;
    assert!(last.problem(403).ends_with("forbidden"));
    assert!(last.body["detail"].as_str().unwrap().contains("at least one owner"), "{}", last.body);
    app.delete(&format!("/api/v1/team/members/{}", owner.user_id), &owner.access_token).await.problem(403);
    let me = app.get("/api/v1/me", &owner.access_token).await;
    assert_eq!(me.ok(200)["principal"]["role"], "owner");
}

async fn members_can_be_re_roled_and_removed(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let bob = app.add_member(&owner, "bob@acme.example", "viewer").await;
    let path = format!("/api/v1/team/members/{}", bob.user_id);
    let bad = app.patch(&path, &owner.access_token, json!({"role": "emperor"})).await;
    assert_eq!(bad.invalid_fields(), ["role"]);
    let changed = app.patch(&path, &owner.access_token, json!({"role": "program_manager"})).await;
    assert_eq!(changed.ok(200)["role"], "program_manager");
    let me = app.get("/api/v1/me", &bob.access_token).await;
    assert_eq!(me.ok(200)["principal"]["role"], "program_manager", "the new role applies to existing tokens");
    app.delete(&path, &owner.access_token).await.ok(204);
    app.delete(&path, &owner.access_token).await.problem(404);
    app.patch("/api/v1/team/members/not-a-uuid", &owner.access_token, json!({"role": "viewer"})).await.problem(404);
    assert_eq!(app.count("memberships").await, 1);
}

async fn members_are_listed_page_by_page(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    for n in 0..3 {
        app.add_member(&owner, &format!("m{n}@acme.example"), "viewer").await;
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/team/members?limit=3&cursor={c}"),
            None => "/api/v1/team/members?limit=3".to_owned(),
        };
        let page = app.get(&path, &owner.access_token).await;
        let body = page.ok(200);
        seen.extend(body["items"].as_array().unwrap().iter().map(|m| m["email"].as_str().unwrap().to_owned()));
        match body["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, ["ann@acme.example", "m0@acme.example", "m1@acme.example", "m2@acme.example"]);
    let bad = app.get("/api/v1/team/members?limit=1000", &owner.access_token).await;
    assert_eq!(bad.invalid_fields(), ["limit"]);
    let bad_cursor = app.get("/api/v1/team/members?cursor=%%%", &owner.access_token).await;
    assert_eq!(bad_cursor.problem(422), "/problems/validation");
    let unknown = app.get("/api/v1/team/members?page=2", &owner.access_token).await;
    assert_eq!(unknown.problem(422), "/problems/validation");
}

async fn invitations_can_be_withdrawn(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let created = app
        .post(
            "/api/v1/team/invitations",
            Some(&owner.access_token),
            json!({"email": "bob@acme.example", "role": "viewer"}),
        )
        .await;
    let id = created.ok(201)["invitation"]["id"].as_str().unwrap().to_owned();
    app.delete(&format!("/api/v1/team/invitations/{id}"), &owner.access_token).await.ok(204);
    app.delete(&format!("/api/v1/team/invitations/{id}"), &owner.access_token).await.problem(404);
    let token = app.invitation_token_for("bob@acme.example").await;
    let accept = app
        .post("/api/v1/auth/invitations/accept", None, json!({"token": token, "name": "Bob", "password": PASSWORD}))
        .await;
    accept.problem(404);
}

async fn an_invitation_says_what_it_offers_and_can_be_sent_again(app: TestApp) {
    let owner = app.signup("Acme", "ann@acme.example").await;
    let token = Some(owner.access_token.as_str());
    let sent = app
        .post("/api/v1/team/invitations", token, json!({"email": "kenji@acme.example", "role": "program_manager"}))
        .await;
    let id = sent.ok(201)["invitation"]["id"].as_str().unwrap().to_owned();
    let first = app.invitation_token_for("kenji@acme.example").await;
    let preview = app.post("/api/v1/auth/invitations/preview", None, json!({"token": first})).await;
    let preview = preview.ok(200);
    assert_eq!(
        (&preview["company"], &preview["role"], &preview["email"], &preview["has_account"]),
        (&json!("Acme"), &json!("program_manager"), &json!("kenji@acme.example"), &json!(false))
    );
    assert!(preview["inviter"].as_str().is_some_and(|n| !n.is_empty()), "{preview}");
    app.post("/api/v1/auth/invitations/preview", None, json!({"token": "nonsense"})).await.problem(404);
    app.post("/api/v1/auth/invitations/preview", None, json!({"token": first, "x": 1})).await.invalid_fields();

    let again = app.post(&format!("/api/v1/team/invitations/{id}/resend"), token, json!({})).await;
    assert_eq!(again.ok(200)["invitation"]["id"], id.as_str());
    app.wait_for_emails_to("kenji@acme.example", 2).await;
    let second = app.invitation_token_for("kenji@acme.example").await;
    assert_ne!(first, second, "a new link");
    assert!(app.emails_to("kenji@acme.example").last().unwrap().subject.contains("Acme"));
    app.post("/api/v1/auth/invitations/preview", None, json!({"token": first})).await.problem(404);
    app.post("/api/v1/auth/invitations/preview", None, json!({"token": second})).await.ok(200);
    let joined = app
        .post("/api/v1/auth/invitations/accept", None, json!({"token": second, "name": "Kenji", "password": PASSWORD}))
        .await;
    joined.ok(201);
    app.post("/api/v1/auth/invitations/preview", None, json!({"token": second})).await.problem(410);
    app.post(&format!("/api/v1/team/invitations/{id}/resend"), token, json!({})).await.problem(404);
}
