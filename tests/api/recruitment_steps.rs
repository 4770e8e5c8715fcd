//! Recruitment as a customer meets it: opening a campaign is confirmed against who it emails,
//! invitees show what became of their email, skipped people are named with the reason, the
//! applicant hears each decision in their language, the public page says who runs what, a
//! browser's reloads are one open, a person counts once in a program's funnel, and a program
//! leaves recruiting only closing its campaigns; questions need no technical key and read in
//! the applicant's language; rules show whom they reach while being written.

use serde_json::{Value, json};
use tandem_tests::{Company, TestApp, on_both_databases};

use crate::recruitment::{apply_token, form, message, recruiting_program, staff};

on_both_databases!(
    a_campaign_shows_who_it_will_email_and_what_became_of_each_invitation,
    each_decision_reaches_the_applicant_in_their_language_with_the_admins_words,
    the_public_page_says_who_runs_what_and_a_reload_is_not_another_open,
    a_program_leaves_recruiting_only_closing_its_campaigns_and_counts_each_person_once,
    questions_need_no_key_and_read_in_the_applicants_language,
    the_wizard_sees_whom_the_rules_reach_before_saving,
);

async fn closed_campaign(app: &TestApp, owner: &Company, program: &str, name: &str) -> String {
    let created = app
        .post(
            &format!("/api/v1/programs/{program}/campaigns"),
            Some(&owner.access_token),
            json!({"name": name, "kind": "closed", "messages": message()}),
        )
        .await;
    created.ok(201)["id"].as_str().unwrap().to_owned()
}

async fn person_id(app: &TestApp, owner: &Company, external_id: &str) -> String {
    let found = app.get(&format!("/api/v1/people?q={external_id}"), &owner.access_token).await;
    found.ok(200)["items"][0]["id"].as_str().unwrap().to_owned()
}

async fn a_campaign_shows_who_it_will_email_and_what_became_of_each_invitation(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let program = recruiting_program(&app, &owner).await;
    let id = closed_campaign(&app, &owner, &program, "Sales juniors").await;
    let ren = person_id(&app, &owner, "J2").await;
    let mid = person_id(&app, &owner, "M1").await;

    let added = app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({"person_ids": [ren, mid]})).await;
    let added = added.ok(200);
    assert_eq!((&added["added"], &added["invitees"]), (&json!(1), &json!(1)));
    assert_eq!(added["skipped"].as_array().unwrap().len(), 1, "{added}");
    assert_eq!(
        (&added["skipped"][0]["name"], &added["skipped"][0]["code"]),
        (&json!("Mid Level"), &json!("not_eligible"))
    );
    assert!(added["skipped"][0]["reason"].as_str().unwrap().contains("level"), "{added}");
    let again = app
        .request_in(
            Some("ja"),
            reqwest::Method::POST,
            &format!("/api/v1/campaigns/{id}/invitees"),
            token,
            Some(json!({"person_ids": [ren]})),
        )
        .await;
    let again = again.ok(200);
    assert_eq!((&again["added"], &again["skipped"][0]["code"]), (&json!(0), &json!("already_invited")));
    assert_eq!(again["skipped"][0]["reason"], "すでに招待済みです");

    let audience = app.get(&format!("/api/v1/campaigns/{id}/audience"), &owner.access_token).await;
    let audience = audience.ok(200);
    assert_eq!((&audience["emails"], &audience["by_language"]), (&json!(1), &json!({"ja": 1})), "{audience}");
    assert_eq!((&audience["sample"][0]["name"], &audience["sample"][0]["language"]), (&json!("Ren Ito"), &json!("ja")));
    let listed = app.get(&format!("/api/v1/campaigns/{id}/invitees"), &owner.access_token).await;
    let listed = listed.ok(200);
    assert_eq!((&listed["items"][0]["name"], &listed["items"][0]["email_state"]), (&json!("Ren Ito"), &Value::Null));

    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);
    app.wait_for_emails_to("ren@sakura.example", 1).await;
    let path = format!("/api/v1/campaigns/{id}/invitees");
    app.eventually("the invitation marked sent", || async {
        app.get(&path, &owner.access_token).await.body["items"][0]["email_state"] == "sent"
    })
    .await;
    let personal = apply_token(&app, "ren@sakura.example", "/apply?token=");
    app.post(&format!("/api/v1/public/campaigns/{personal}/applications"), None, form("mentor")).await.ok(202);
    let listed = app.get(&path, &owner.access_token).await;
    assert_eq!(listed.ok(200)["items"][0]["application"], "unconfirmed");

    // Another tenant's ids lead nowhere.
    let other = app.signup("Fuji", "hana@fuji.example").await;
    for route in ["audience", "invitees"] {
        app.get(&format!("/api/v1/campaigns/{id}/{route}"), &other.access_token).await.problem(404);
    }
    app.get(&format!("{path}?limit=0"), &owner.access_token).await.invalid_fields();
}

async fn each_decision_reaches_the_applicant_in_their_language_with_the_admins_words(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let program = recruiting_program(&app, &owner).await;
    let id = closed_campaign(&app, &owner, &program, "Juniors").await;
    app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({"filter": {"level_max": 3}})).await.ok(200);
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);
    for email in ["ren@sakura.example", "aoi@sakura.example"] {
        app.wait_for_emails_to(email, 1).await;
        let personal = apply_token(&app, email, "/apply?token=");
        app.post(&format!("/api/v1/public/campaigns/{personal}/applications"), None, form("mentor")).await.ok(202);
        app.wait_for_emails_to(email, 2).await;
        let confirm = apply_token(&app, email, "/applications/confirm?token=");
        app.post("/api/v1/public/applications/confirm", None, json!({"token": confirm})).await.ok(200);
    }
    let submitted =
        app.get(&format!("/api/v1/campaigns/{id}/applications?status=submitted"), &owner.access_token).await;
    let items = submitted.ok(200)["items"].as_array().unwrap().clone();
    let of =
        |email: &str| items.iter().find(|a| a["person_email"] == email).unwrap()["id"].as_str().unwrap().to_owned();
    let (ren, aoi) = (of("ren@sakura.example"), of("aoi@sakura.example"));

    let long = "x".repeat(2001);
    let refused = app
        .post(&format!("/api/v1/applications/{ren}/decision"), token, json!({"decision": "accept", "message": long}))
        .await;
    assert_eq!(refused.invalid_fields(), ["message"]);
    let accepted = app
        .post(
            &format!("/api/v1/applications/{ren}/decision"),
            token,
            json!({"decision": "accept", "message": "1月12日のキックオフでお会いしましょう。"}),
        )
        .await;
    assert_eq!(accepted.ok(200)["status"], "accepted");
    let mail = app.wait_for_emails_to("ren@sakura.example", 3).await.pop().unwrap();
    assert_eq!(
        mail.subject,
        "リバースメンタリング：デジタルスキルへの参加が決まりました"
            .replace("リバースメンタリング：デジタルスキル", &program_name(&app, &owner, &program).await)
    );
    assert!(mail.text.contains("1月12日のキックオフでお会いしましょう。"), "{}", mail.text);

    let quiet = app
        .post(&format!("/api/v1/applications/{aoi}/decision"), token, json!({"decision": "waitlist", "notify": false}))
        .await;
    assert_eq!(quiet.ok(200)["status"], "waitlisted");
    let declined =
        app.post(&format!("/api/v1/applications/{aoi}/decision"), token, json!({"decision": "decline"})).await;
    assert_eq!(declined.ok(200)["status"], "declined");
    let mail = app.wait_for_emails_to("aoi@sakura.example", 3).await.pop().unwrap();
    assert!(mail.subject.starts_with("About your application to"), "{}", mail.subject);
    assert!(mail.text.contains("We cannot offer you a place this time."), "{}", mail.text);
    assert_eq!(app.emails_to("aoi@sakura.example").len(), 3, "the quiet waitlisting sent nothing");

    let other = app.signup("Fuji", "hana@fuji.example").await;
    app.post(
        &format!("/api/v1/applications/{ren}/decision"),
        Some(&other.access_token),
        json!({"decision": "decline"}),
    )
    .await
    .problem(404);
}

async fn program_name(app: &TestApp, owner: &Company, program: &str) -> String {
    app.get(&format!("/api/v1/programs/{program}"), &owner.access_token).await.ok(200)["design"]["name"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn the_public_page_says_who_runs_what_and_a_reload_is_not_another_open(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let program = recruiting_program(&app, &owner).await;
    let created = app
        .post(&format!("/api/v1/programs/{program}/campaigns"), token, json!({"name": "Open call", "kind": "open"}))
        .await;
    let campaign = created.ok(201).clone();
    let id = campaign["id"].as_str().unwrap().to_owned();
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);
    let public = campaign["public_link"].as_str().unwrap().split("token=").nth(1).unwrap().to_owned();
    let path = format!("/api/v1/public/campaigns/{public}");

    let first = app.request(reqwest::Method::GET, &path, None, None).await;
    let page = first.ok(200);
    assert_eq!(page["company"], "Sakura");
    assert!(page["start_date"].is_string() && page["end_date"].is_string(), "{page}");
    assert!(page["meetings_per_month"].as_u64().unwrap() > 0 && page["minutes_per_meeting"].as_u64().unwrap() > 0);
    assert!(!page["purposes"].as_array().unwrap().is_empty(), "{page}");
    assert!(page["training"].is_array());
    let cookie = first.headers.get("set-cookie").expect("the browser is remembered").to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains(&format!("Path=/api/v1/public/campaigns/{public}")),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_owned();
    for _ in 0..3 {
        let reload = app.client.get(app.url(&path)).header("cookie", &pair).send().await.unwrap();
        assert_eq!(reload.status(), 200);
        assert!(reload.headers().get("set-cookie").is_none());
    }
    let funnel = app.get(&format!("/api/v1/campaigns/{id}/funnel"), &owner.access_token).await;
    assert_eq!(funnel.ok(200)["opened"], 1, "three reloads and one visit are one open");
    app.request(reqwest::Method::GET, &path, None, None).await.ok(200);
    let funnel = app.get(&format!("/api/v1/campaigns/{id}/funnel"), &owner.access_token).await;
    assert_eq!(funnel.ok(200)["opened"], 2, "another browser is another open");
}

async fn a_program_leaves_recruiting_only_closing_its_campaigns_and_counts_each_person_once(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let program = recruiting_program(&app, &owner).await;
    let ren = person_id(&app, &owner, "J2").await;
    let mut ids = Vec::new();
    for name in ["First call", "Second call"] {
        let id = closed_campaign(&app, &owner, &program, name).await;
        app.post(&format!("/api/v1/campaigns/{id}/invitees"), token, json!({"person_ids": [ren]})).await.ok(200);
        app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);
        ids.push(id);
    }
    let funnel = app.get(&format!("/api/v1/programs/{program}/funnel"), &owner.access_token).await;
    assert_eq!(funnel.ok(200)["invited"], 1, "one person in two campaigns is one invitee of the program");

    let moved = app.post(&format!("/api/v1/programs/{program}/transitions"), token, json!({"to": "matching"})).await;
    assert!(moved.problem(409).ends_with("transition-refused"));
    assert!(moved.body["detail"].as_str().unwrap().contains("2 campaign"), "{}", moved.body);
    let program_now = app.get(&format!("/api/v1/programs/{program}"), &owner.access_token).await;
    assert_eq!(program_now.ok(200)["state"], "recruiting", "nothing moved");
    let moved = app
        .post(
            &format!("/api/v1/programs/{program}/transitions"),
            token,
            json!({"to": "matching", "close_campaigns": true}),
        )
        .await;
    assert_eq!(moved.ok(200)["state"], "matching");
    for id in &ids {
        let campaign = app.get(&format!("/api/v1/campaigns/{id}"), &owner.access_token).await;
        assert_eq!(campaign.ok(200)["state"], "closed");
    }
}

async fn questions_need_no_key_and_read_in_the_applicants_language(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let program = recruiting_program(&app, &owner).await;
    let questions = json!([
        {"label": "Why do you want to take part?", "labels": {"ja": "参加したい理由は？"}, "kind": "text", "required": true},
        {"label": "How would you meet?", "kind": "single_choice", "options": ["Online", "In person"]},
    ]);
    let path = format!("/api/v1/programs/{program}/campaigns");
    let created = app.post(&path, token, json!({"name": "Spring", "kind": "open", "questions": questions})).await;
    let campaign = created.ok(201).clone();
    let keys: Vec<String> =
        campaign["questions"].as_array().unwrap().iter().map(|q| q["key"].as_str().unwrap().to_owned()).collect();
    assert!(keys.iter().all(|k| k.starts_with('q') && k.len() > 1), "{keys:?}");
    assert_ne!(keys[0], keys[1]);
    assert_eq!(campaign["questions"][0]["labels"]["ja"], "参加したい理由は？");

    // Editing keeps the keys sent back; a question added later gets a key of its own, never
    // one a removed question had.
    let id = campaign["id"].as_str().unwrap();
    let mut edited = campaign["questions"].as_array().unwrap()[..1].to_vec();
    edited.push(json!({"label": "Anything else?", "kind": "text"}));
    let replaced = app
        .request(
            reqwest::Method::PUT,
            &format!("/api/v1/campaigns/{id}"),
            token,
            Some(json!({"name": "Spring", "kind": "open", "questions": edited})),
        )
        .await;
    let replaced = replaced.ok(200);
    assert_eq!(replaced["questions"][0]["key"], keys[0].as_str());
    let added = replaced["questions"][1]["key"].as_str().unwrap();
    assert!(!keys.contains(&added.to_owned()), "{added} is new");

    let blank = json!([{"label": "Why?", "labels": {"ja": "  "}, "kind": "text"}]);
    let refused = app.post(&path, token, json!({"name": "Blank", "kind": "open", "questions": blank})).await;
    assert_eq!(refused.invalid_fields(), ["questions"]);
}

async fn the_wizard_sees_whom_the_rules_reach_before_saving(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    staff(&app, &owner).await;
    let rules = json!({"kind": "reverse", "eligibility": [
        {"role": "mentor", "level_max": 4}, {"role": "mentee", "level_min": 8, "departments": ["Finance"]}
    ]});
    let reach = app.post("/api/v1/programs/reach", token, rules).await;
    let reach = reach.ok(200);
    assert_eq!(reach["people"], 4);
    assert_eq!(reach["roles"], json!([{"role": "mentor", "people": 2}, {"role": "mentee", "people": 1}]));
    assert_eq!(
        reach["departments"],
        json!([{"value": "Sales", "people": 2}, {"value": "Finance", "people": 1}, {"value": "Marketing", "people": 1}])
    );
    let mutual = app.post("/api/v1/programs/reach", token, json!({"kind": "mutual", "eligibility": [{}]})).await;
    assert_eq!(mutual.ok(200)["roles"], json!([{"role": "either", "people": 4}]));

    let bad = app.post("/api/v1/programs/reach", token, json!({"kind": "sideways"})).await;
    assert_eq!(bad.invalid_fields(), ["kind"]);
    // Another company's directory is not this one's.
    let other = app.signup("Other", "owner@other.example").await;
    let theirs = app.post("/api/v1/programs/reach", Some(&other.access_token), json!({"kind": "mutual"})).await;
    assert_eq!(theirs.ok(200)["people"], 0);
}
