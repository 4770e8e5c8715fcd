//! Recruitment: open and closed campaigns, applying through links with eligibility in words,
//! magic-link confirmation, decisions, reminders and the funnel.

use serde_json::{Value, json};
use tandem_tests::{Company, TestApp, on_both_databases};

on_both_databases!(
    an_open_campaign_takes_applications_through_its_public_link,
    a_closed_campaign_invites_from_a_filter_with_personal_links,
    campaigns_refuse_in_words_when_not_ready,
    a_reminder_goes_to_those_who_have_not_applied,
    a_message_says_its_link_and_deadline_once_in_the_recipients_language_and_time,
);

pub(crate) async fn staff(app: &TestApp, owner: &Company) {
    let people = json!({"people": [
        {"external_id": "J1", "name": "Aoi Mori", "email": "aoi@sakura.example", "job_level": 2, "department": "Marketing"},
        {"external_id": "J2", "name": "Ren Ito", "email": "ren@sakura.example", "job_level": 3, "department": "Sales", "preferred_locale": "ja"},
        {"external_id": "M1", "name": "Mid Level", "email": "mid@sakura.example", "job_level": 6, "department": "Sales"},
        {"external_id": "S1", "name": "Hiro Tanaka", "email": "hiro@sakura.example", "job_level": 12, "department": "Finance"},
    ]});
    app.post("/api/v1/people/bulk", Some(&owner.access_token), people).await.ok(200);
}

pub(crate) async fn recruiting_program(app: &TestApp, owner: &Company) -> String {
    let token = Some(owner.access_token.as_str());
    let program = app
        .post("/api/v1/programs/from-template", token, json!({"template": "reverse_digital_skills", "locale": "en"}))
        .await;
    let id = program.ok(201)["id"].as_str().unwrap().to_owned();
    app.post(&format!("/api/v1/programs/{id}/transitions"), token, json!({"to": "recruiting"})).await.ok(200);
    id
}

pub(crate) fn message() -> Value {
    json!({"en": {"subject": "Teach a manager what you know", "body": "Hello {{ name }},\n\nJoin {{ program }}: {{ link }}"},
           "ja": {"subject": "マネージャーに教えてみませんか", "body": "{{ name }}さん\n\n{{ program }}に参加しませんか: {{ link }}"}})
}

pub(crate) fn apply_token(app: &TestApp, email: &str, path: &str) -> String {
    let emails = app.emails_to(email);
    let text = &emails.last().unwrap_or_else(|| panic!("an email to {email}")).text;
    let start = text.find(path).unwrap_or_else(|| panic!("a {path} link in {text}")) + path.len();
    text[start..].chars().take_while(|c| c.is_ascii_hexdigit() || *c == '.').collect()
}

pub(crate) fn form(role: &str) -> Value {
    json!({"role_wanted": role, "can_teach": "TikTok", "wants_to_learn": "Budgets", "goals": "Grow",
           "availability": "Tuesdays", "languages": ["en"], "consent": true})
}

async fn an_open_campaign_takes_applications_through_its_public_link(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let program = recruiting_program(&app, &owner).await;
    let preview_path = format!("/api/v1/programs/{program}/campaign-message-preview");
    let preview = app.post(&preview_path, token, json!({"locale": "ja", "message": message()["ja"]})).await;
    let preview = preview.ok(200);
    assert!(preview["text"].as_str().unwrap().contains("佐藤 健二さん"), "{preview}");
    assert!(preview["html"].as_str().unwrap().contains("に応募する"));
    let broken = app
        .post(&preview_path, token, json!({"locale": "en", "message": {"subject": "Hi {{ nme }}", "body": "x"}}))
        .await;
    assert_eq!(broken.invalid_fields(), ["message.subject"]);
    let questions = json!([{"key": "motivation", "label": "Why?", "kind": "text", "required": true}]);
    let created = app
        .post(
            &format!("/api/v1/programs/{program}/campaigns"),
            token,
            json!({"name": "Spring intake", "kind": "open", "deadline": "2099-01-31T09:00:00Z", "messages": message(), "questions": questions}),
        )
        .await;
    let campaign = created.ok(201).clone();
    let id = campaign["id"].as_str().unwrap();
    let link = campaign["public_link"].as_str().unwrap().to_owned();
    let public = link.split("token=").nth(1).unwrap().to_owned();
    app.get(&format!("/api/v1/public/campaigns/{public}"), "").await.problem(404);

    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);
    // The message goes to everyone eligible for a role: the two juniors (mentors) and the senior (mentee).
    let aoi = app.wait_for_emails_to("aoi@sakura.example", 1).await;
    assert_eq!(aoi[0].subject, "Teach a manager what you know");
    assert!(aoi[0].text.contains("Hello Aoi Mori") && aoi[0].text.contains(&link), "{}", aoi[0].text);
    assert!(aoi[0].raw.contains("List-Unsubscribe-Post"), "campaign email is optional email");
    let ren = app.wait_for_emails_to("ren@sakura.example", 1).await;
    assert_eq!(ren[0].subject, "マネージャーに教えてみませんか", "each in their language");
    app.wait_for_emails_to("hiro@sakura.example", 1).await;
    assert!(app.emails_to("mid@sakura.example").is_empty(), "level 6 is eligible for no role");

    let page = app.request(reqwest::Method::GET, &format!("/api/v1/public/campaigns/{public}"), None, None).await;
    let page = page.ok(200);
    assert_eq!(page["program"], "Reverse mentoring on digital skills");
    assert_eq!(page["questions"][0]["key"], "motivation");

    let apply_path = format!("/api/v1/public/campaigns/{public}/applications");
    let mut mid = form("mentee");
    mid["email"] = json!("mid@sakura.example");
    mid["answers"] = json!({"motivation": "x"});
    // A public link answers everyone alike; why someone may not apply goes to their own inbox.
    let refused = app.post(&apply_path, None, mid.clone()).await;
    assert_eq!(refused.ok(202), &json!({"status": "unconfirmed", "confirmation_sent_to": "mid@sakura.example"}));
    let why = app.wait_for_emails_to("mid@sakura.example", 1).await;
    assert!(why[0].subject.contains("About your application"), "{}", why[0].subject);
    assert!(why[0].text.contains("needs job level 8 or above"), "{}", why[0].text);
    assert!(!why[0].text.contains("/applications/confirm"), "no confirmation link for the refused");
    let mut stranger = form("mentor");
    stranger["email"] = json!("nobody@elsewhere.example");
    stranger["consent"] = json!(false);
    stranger["answers"] = json!({"motivation": "x", "shoe_size": 42});
    assert_eq!(app.post(&apply_path, None, stranger.clone()).await.invalid_fields(), ["consent", "answers.shoe_size"]);
    stranger["consent"] = json!(true);
    stranger["answers"] = json!({"motivation": "x"});
    let unknown = app.post(&apply_path, None, stranger).await;
    assert_eq!(
        unknown.ok(202),
        &json!({"status": "unconfirmed", "confirmation_sent_to": "nobody@elsewhere.example"}),
        "the same answer as for anyone"
    );
    assert_eq!(app.count("applications").await, 0);
    assert!(app.emails_to("nobody@elsewhere.example").is_empty(), "an address outside the directory gets nothing");
    // The admin sees whom the link turned away counted, never named; a form sent again is
    // the same person.
    app.post(&apply_path, None, mid).await.ok(202);
    app.queue_idle(&owner.access_token).await;
    let refusals = app.get(&format!("/api/v1/campaigns/{id}/refusals"), &owner.access_token).await;
    assert_eq!(
        refusals.ok(200),
        &json!({"people": 1, "reasons": [{"reason": "level_too_low", "people": 1}], "not_in_directory": 1})
    );
    assert!(!refusals.body.to_string().contains("mid@"), "nobody is named");

    let mut aoi_form = form("mentor");
    aoi_form["email"] = json!("Aoi@Sakura.example");
    aoi_form["answers"] = json!({"motivation": "I like teaching"});
    let received = app.post(&apply_path, None, aoi_form.clone()).await;
    assert_eq!(received.ok(202)["confirmation_sent_to"], "aoi@sakura.example");
    app.wait_for_emails_to("aoi@sakura.example", 2).await;
    let confirm = apply_token(&app, "aoi@sakura.example", "/applications/confirm?token=");
    let confirmed = app.post("/api/v1/public/applications/confirm", None, json!({"token": confirm})).await;
    assert_eq!(confirmed.ok(200)["status"], "submitted");
    // Applying again through the public link answers as always, and changes and sends nothing.
    let again = app.post(&apply_path, None, aoi_form).await;
    assert_eq!(again.ok(202), &json!({"status": "unconfirmed", "confirmation_sent_to": "aoi@sakura.example"}));

    let listed = app.get(&format!("/api/v1/campaigns/{id}/applications"), &owner.access_token).await;
    let application = listed.ok(200)["items"][0].clone();
    assert_eq!(
        (application["person_name"].clone(), application["status"].clone()),
        (json!("Aoi Mori"), json!("submitted"))
    );
    assert_eq!(application["form"]["answers"]["motivation"], "I like teaching");
    assert_eq!(app.emails_to("aoi@sakura.example").len(), 2, "the repeat sent nothing");
    let app_id = application["id"].as_str().unwrap();
    let decided =
        app.post(&format!("/api/v1/applications/{app_id}/decision"), token, json!({"decision": "accept"})).await;
    assert_eq!(decided.ok(200)["status"], "accepted");

    let funnel_path = format!("/api/v1/campaigns/{id}/funnel");
    app.eventually("every message marked sent", || async {
        app.get(&funnel_path, &owner.access_token).await.body["emailed"] == 3
    })
    .await;
    let funnel = app.get(&funnel_path, &owner.access_token).await;
    assert_eq!(
        funnel.ok(200),
        &json!({"invited": 3, "emailed": 3, "opened": 1, "applied": 1, "accepted": 1, "matched": 0})
    );
    let withdrawn = app.post("/api/v1/public/applications/withdraw", None, json!({"token": confirm})).await;
    assert_eq!(withdrawn.ok(200)["status"], "withdrawn");
    let program_funnel = app.get(&format!("/api/v1/programs/{program}/funnel"), &owner.access_token).await;
    assert_eq!(program_funnel.ok(200)["applied"], 0);
    app.post("/api/v1/public/applications/confirm", None, json!({"token": "nonsense"})).await.problem(404);
}

async fn a_closed_campaign_invites_from_a_filter_with_personal_links(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let program = recruiting_program(&app, &owner).await;
    let created = app
        .post(
            &format!("/api/v1/programs/{program}/campaigns"),
            token,
            json!({"name": "Sales juniors", "kind": "closed", "messages": message()}),
        )
        .await;
    let id = created.ok(201)["id"].as_str().unwrap().to_owned();
    assert!(created.body["public_link"].is_null());
    let added =
        app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({"filter": {"department": "Sales"}})).await;
    let added = added.ok(200);
    assert_eq!((&added["added"], &added["invitees"]), (&json!(1), &json!(1)));
    assert_eq!(
        (&added["skipped"][0]["name"], &added["skipped"][0]["code"]),
        (&json!("Mid Level"), &json!("not_eligible")),
        "the level-6 seller is not eligible and not invited: {added}"
    );
    let again =
        app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({"filter": {"department": "Sales"}})).await;
    assert_eq!(again.ok(200)["added"], 0);
    app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({})).await.invalid_fields();
    let stranger = json!({"person_ids": ["00000000-0000-7000-8000-000000000000"]});
    app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, stranger).await.problem(404);
    assert_eq!(app.count("campaign_invitees").await, 1, "an unknown person adds nobody");
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);

    app.wait_for_emails_to("ren@sakura.example", 1).await;
    assert!(app.emails_to("aoi@sakura.example").is_empty(), "not invited");
    let personal = apply_token(&app, "ren@sakura.example", "/apply?token=");
    let page = app.request(reqwest::Method::GET, &format!("/api/v1/public/campaigns/{personal}"), None, None).await;
    assert_eq!(page.ok(200)["email"], "ren@sakura.example");
    let applied = app.post(&format!("/api/v1/public/campaigns/{personal}/applications"), None, form("mentor")).await;
    assert_eq!(applied.ok(202)["confirmation_sent_to"], "ren@sakura.example");
    let funnel_path = format!("/api/v1/campaigns/{id}/funnel");
    app.eventually("every message marked sent", || async {
        app.get(&funnel_path, &owner.access_token).await.body["emailed"] == 1
    })
    .await;
    let funnel = app.get(&funnel_path, &owner.access_token).await;
    assert_eq!(
        funnel.ok(200),
        &json!({"invited": 1, "emailed": 1, "opened": 1, "applied": 0, "accepted": 0, "matched": 0})
    );
    let unconfirmed =
        app.get(&format!("/api/v1/campaigns/{id}/applications?status=unconfirmed"), &owner.access_token).await;
    let app_id = unconfirmed.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    let early =
        app.post(&format!("/api/v1/applications/{app_id}/decision"), token, json!({"decision": "accept"})).await;
    assert!(early.problem(409).ends_with("transition-refused"));
    // A personal link is its person's own, so it may say that they applied already.
    app.wait_for_emails_to("ren@sakura.example", 2).await;
    let confirm = apply_token(&app, "ren@sakura.example", "/applications/confirm?token=");
    app.post("/api/v1/public/applications/confirm", None, json!({"token": confirm})).await.ok(200);
    let twice = app.post(&format!("/api/v1/public/campaigns/{personal}/applications"), None, form("mentor")).await;
    assert_eq!(twice.problem(409), "/problems/conflict");
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "closed"})).await.ok(200);
    let late = app.post(&format!("/api/v1/public/campaigns/{personal}/applications"), None, form("mentor")).await;
    assert_eq!(late.problem(410), "/problems/gone");
}

async fn campaigns_refuse_in_words_when_not_ready(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let draft = app.post("/api/v1/programs/from-template", token, json!({"template": "executive_reverse"})).await;
    let program = draft.ok(201)["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/programs/{program}/campaigns");
    let bad = json!({"name": "", "kind": "open", "reminder_hours_before": 24,
        "messages": {"en": {"subject": "Hi", "body": "{{ nmae }}"}},
        "questions": [{"key": "a b", "label": "Q", "kind": "single_choice", "options": ["only"]}]});
    assert_eq!(
        app.post(&path, token, bad).await.invalid_fields(),
        ["name", "questions", "questions", "messages.en.body", "reminder_hours_before"]
    );
    assert_eq!(app.count("campaigns").await, 0);
    let created = app.post(&path, token, json!({"name": "Open", "kind": "open"})).await;
    let id = created.ok(201)["id"].as_str().unwrap().to_owned();
    let renamed = app
        .request(
            reqwest::Method::PUT,
            &format!("/api/v1/campaigns/{id}"),
            token,
            Some(json!({"name": "Open call", "kind": "open"})),
        )
        .await;
    assert_eq!(renamed.ok(200)["name"], "Open call");
    let blank = app
        .request(
            reqwest::Method::PUT,
            &format!("/api/v1/campaigns/{id}"),
            token,
            Some(json!({"name": " ", "kind": "open"})),
        )
        .await;
    assert_eq!(blank.invalid_fields(), ["name"]);
    let refused = app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await;
    assert_eq!(refused.problem(409), "/problems/transition-refused");
    assert!(refused.body["detail"].as_str().unwrap().contains("recruiting"));
    let invite =
        app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({"person_ids": []  , "filter": {}})).await;
    assert_eq!(invite.problem(409), "/problems/conflict");
    app.get("/api/v1/campaigns/not-an-id", &owner.access_token).await.problem(404);
    let viewer = app.add_member(&owner, "v@sakura.example", "viewer").await;
    app.post(&path, Some(&viewer.access_token), json!({"name": "X", "kind": "open"})).await.problem(403);
    app.get(&format!("/api/v1/campaigns/{id}"), &viewer.access_token).await.ok(200);
}

async fn a_reminder_goes_to_those_who_have_not_applied(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let program = recruiting_program(&app, &owner).await;
    // The reminder is due three seconds after opening (two hours before a deadline 2h 3s away).
    let deadline = (chrono::Utc::now() + chrono::Duration::hours(2) + chrono::Duration::seconds(3)).to_rfc3339();
    let created = app
        .post(
            &format!("/api/v1/programs/{program}/campaigns"),
            token,
            json!({"name": "Soon", "kind": "open", "deadline": deadline, "reminder_hours_before": 2, "messages": message()}),
        )
        .await;
    let campaign = created.ok(201).clone();
    let id = campaign["id"].as_str().unwrap();
    let public = campaign["public_link"].as_str().unwrap().split("token=").nth(1).unwrap().to_owned();
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);
    app.wait_for_emails_to("aoi@sakura.example", 1).await;
    let mut aoi = form("mentor");
    aoi["email"] = json!("aoi@sakura.example");
    app.post(&format!("/api/v1/public/campaigns/{public}/applications"), None, aoi).await.ok(202);
    app.wait_for_emails_to("aoi@sakura.example", 2).await;
    let confirm = apply_token(&app, "aoi@sakura.example", "/applications/confirm?token=");
    app.post("/api/v1/public/applications/confirm", None, json!({"token": confirm})).await.ok(200);

    let reminders = app.wait_for_emails_to("hiro@sakura.example", 2).await;
    assert!(reminders[1].subject.starts_with("Reminder: applications to"), "{}", reminders[1].subject);
    app.wait_for_emails_to("ren@sakura.example", 2).await;
    assert_eq!(app.emails_to("aoi@sakura.example").len(), 2, "who applied gets no reminder");
}

async fn a_message_says_its_link_and_deadline_once_in_the_recipients_language_and_time(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let emi = json!({"external_id": "J3", "name": "Emi Hart", "email": "emi@sakura.example", "job_level": 2,
                     "department": "Sales", "time_zone": "America/New_York"});
    app.post("/api/v1/people", token, emi).await.ok(201);
    let program = recruiting_program(&app, &owner).await;
    let campaigns = format!("/api/v1/programs/{program}/campaigns");
    let says_it_all = json!({
        "en": {"subject": "Join us", "body": "Hi {{ name }}, apply by {{ deadline }}: {{ link }}"},
        "ja": {"subject": "参加しませんか", "body": "{{ name }}さん、{{ deadline }}までにこちらから: {{ link }}"}
    });
    let no_deadline =
        app.post(&campaigns, token, json!({"name": "Undated", "kind": "closed", "messages": says_it_all})).await;
    assert_eq!(no_deadline.invalid_fields(), ["messages.en.body", "messages.ja.body"], "nothing would read \"by .\"");
    let created = app
        .post(
            &campaigns,
            token,
            json!({"name": "Dated", "kind": "closed", "deadline": "2099-01-31T09:00:00Z", "messages": says_it_all}),
        )
        .await;
    let id = created.ok(201)["id"].as_str().unwrap().to_owned();
    app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({"filter": {"department": "Sales"}}))
        .await
        .ok(200);
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);

    let ren = &app.wait_for_emails_to("ren@sakura.example", 1).await[0];
    assert!(ren.text.starts_with("Ren Itoさん、2099年1月31日 09:00（UTC）までにこちらから: http"), "{}", ren.text);
    assert_eq!(ren.text.matches("/apply?token=").count(), 1, "the link once: {}", ren.text);
    assert_eq!(ren.text.matches("2099年1月31日").count(), 1, "the deadline once: {}", ren.text);
    assert!(ren.text.contains("Sakuraに代わって Tandem から送信しています"), "a Japanese frame: {}", ren.text);
    let emi = &app.wait_for_emails_to("emi@sakura.example", 1).await[0];
    assert!(emi.text.contains("apply by 31 January 2099 at 04:00 (America/New_York): http"), "{}", emi.text);
    assert_eq!(emi.text.matches("/apply?token=").count(), 1, "{}", emi.text);
    assert!(!emi.text.contains("Applications close on"), "{}", emi.text);

    // A Japanese reader of a campaign written in English only gets all of it in English.
    let english = json!({"en": {"subject": "English only", "body": "Hello {{ name }}"}});
    let created = app
        .post(
            &campaigns,
            token,
            json!({"name": "English", "kind": "closed", "deadline": "2099-01-31T09:00:00Z", "messages": english}),
        )
        .await;
    let id = created.ok(201)["id"].as_str().unwrap().to_owned();
    app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({"filter": {"department": "Sales"}}))
        .await
        .ok(200);
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);
    let second = app.wait_for_emails_to("ren@sakura.example", 2).await;
    let english = second.iter().find(|e| e.subject == "English only").expect("the English campaign");
    assert!(english.text.contains("Sent through Tandem on behalf of Sakura"), "{}", english.text);
    assert!(english.text.contains("Applications close on 31 January 2099 at 09:00 (UTC)."), "{}", english.text);
    assert!(english.text.contains("Apply here: http"), "{}", english.text);
}
