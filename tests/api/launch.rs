//! Launch, the company's side: the kickoff in every participant's calendar (an invitation, an
//! update when it moves, a cancellation, a reminder the day before), training completion per
//! person and per role, and the end of pairs with their program.

use reqwest::Method;
use serde_json::json;
use tandem_tests::{TestApp, on_both_databases};

use crate::launched::launched;

on_both_databases!(
    the_kickoff_reaches_every_calendar_and_follows_its_changes,
    a_bad_kickoff_is_refused_and_nothing_is_sent,
    training_completion_shows_per_person_and_per_role,
    pairs_end_when_their_program_completes,
    a_program_completes_by_itself_the_day_after_its_end_date,
);

/// The calendar an email carries: the method its MIME part names, and the iCalendar text.
#[track_caller]
fn calendar(email: &tandem_tests::Email) -> (String, String) {
    assert!(email.attachments.contains(&"invite.ics".to_owned()), "{:?}", email.attachments);
    email.calendar.clone().unwrap_or_else(|| panic!("no calendar in {}", email.raw))
}

async fn the_kickoff_reaches_every_calendar_and_follows_its_changes(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let token = Some(l.owner.access_token.as_str());
    let kickoff = format!("/api/v1/programs/{}/kickoff", l.program_id);
    app.get(&kickoff, &l.owner.access_token).await.problem(404);
    let starts = chrono::Utc::now() + chrono::Duration::days(10);
    let body = |hours: i64| {
        json!({"starts_at": (starts + chrono::Duration::hours(hours)).to_rfc3339(),
               "ends_at": (starts + chrono::Duration::hours(hours) + chrono::Duration::minutes(90)).to_rfc3339(),
               "time_zone": "Asia/Tokyo", "place": "本社 12F", "video_link": "https://meet.example/kickoff",
               "agenda": "Purpose; roles, first meeting"})
    };
    let set = app.request(Method::PUT, &kickoff, token, Some(body(0))).await;
    assert_eq!((set.ok(200)["sequence"].as_u64(), set.body["cancelled"].as_bool()), (Some(0), Some(false)));

    // Everyone paired gets an invitation in their language, with the event for their calendar.
    for address in [&l.aoi, &l.kenji, &l.ren, &l.mei] {
        app.wait_for_emails_to(address, 1).await;
    }
    let kenji = &app.emails_to(&l.kenji)[0];
    assert!(kenji.subject.contains("キックオフ"), "{}", kenji.subject);
    let aoi = &app.emails_to(&l.aoi)[0];
    assert!(aoi.text.contains("(Europe/London)") && aoi.text.contains("(Asia/Tokyo)"), "both zones: {}", aoi.text);
    let (method, ics) = calendar(aoi);
    assert_eq!(method, "REQUEST");
    for expected in ["METHOD:REQUEST", "SEQUENCE:0", "ORGANIZER;CN=sakura:mailto:no-reply@", "LOCATION:本社 12F"] {
        assert!(ics.contains(expected), "{expected} in {ics}");
    }
    assert!(ics.contains(&format!("DTSTART:{}", starts.format("%Y%m%dT%H%M%SZ"))), "{ics}");
    let uid = ics.lines().find(|l| l.starts_with("UID:")).unwrap().to_owned();
    app.eventually("the invitations to be sent", || async {
        app.get(&kickoff, &l.owner.access_token).await.body["invited"] == 4
    })
    .await;
    // A reminder waits for the day before.
    let reminders = app.query_strings("SELECT CAST(run_at AS TEXT) FROM jobs WHERE kind = 'kickoff_reminder'").await;
    assert_eq!(reminders.len(), 1, "{reminders:?}");

    // It moves: an update with the same UID and a higher SEQUENCE.
    let moved = app.request(Method::PUT, &kickoff, token, Some(body(2))).await;
    assert_eq!(moved.ok(200)["sequence"], 1);
    let emails = app.wait_for_emails_to(&l.aoi, 2).await;
    assert!(emails[1].subject.starts_with("Changed:"), "{}", emails[1].subject);
    let (_, update) = calendar(&emails[1]);
    assert!(update.contains(&uid) && update.contains("SEQUENCE:1"), "{update}");

    // Cancelled: the calendar removes it.
    app.delete(&kickoff, &l.owner.access_token).await.ok(204);
    let emails = app.wait_for_emails_to(&l.mei, 3).await;
    let (method, cancel) = calendar(&emails[2]);
    assert_eq!(method, "CANCEL");
    assert!(
        cancel.contains("METHOD:CANCEL") && cancel.contains("STATUS:CANCELLED") && cancel.contains(&uid),
        "{cancel}"
    );
    assert!(cancel.contains("SEQUENCE:2"), "{cancel}");
    assert_eq!(app.get(&kickoff, &l.owner.access_token).await.ok(200)["cancelled"], true);
    app.delete(&kickoff, &l.owner.access_token).await.problem(404);
    // The reminders of older versions do nothing when their time comes.
    app.execute("UPDATE jobs SET run_at = created_at WHERE kind = 'kickoff_reminder'").await;
    app.eventually("the old reminders to run", || async {
        app.query_strings("SELECT state FROM jobs WHERE kind = 'kickoff_reminder'").await.iter().all(|s| s == "done")
    })
    .await;
    assert_eq!(app.emails_to(&l.mei).len(), 3, "no reminder of a cancelled kickoff");
    // Participants see the kickoff on their pair's page.
    let mei = app.participant(&l.mei).await;
    let page = app.get(&format!("/api/v1/portal/pairs/{}", l.other_pair_id), &mei).await;
    assert_eq!(page.ok(200)["kickoff"]["cancelled"], true);
    assert!(page.body["kickoff"].get("invited").is_none(), "the company's figure only");
}

async fn a_bad_kickoff_is_refused_and_nothing_is_sent(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let kickoff = format!("/api/v1/programs/{}/kickoff", l.program_id);
    let token = Some(l.owner.access_token.as_str());
    let bad = json!({"starts_at": "2027-01-15T02:00:00Z", "ends_at": "2027-01-15T01:00:00Z", "time_zone": "Mars/Olympus",
                     "video_link": "javascript:alert(1)", "place": "a\u{202E}b"});
    let reply = app.request(Method::PUT, &kickoff, token, Some(bad)).await;
    assert_eq!(reply.problem(422), "/problems/validation");
    let mut fields = reply.invalid_fields();
    fields.sort();
    assert_eq!(fields, ["ends_at", "place", "time_zone", "video_link"], "{}", reply.body);
    assert_eq!(app.count("kickoffs").await, 0);
    assert_eq!(app.query_strings("SELECT kind FROM jobs WHERE kind LIKE 'kickoff%'").await.len(), 0);
}

async fn training_completion_shows_per_person_and_per_role(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let report_path = format!("/api/v1/programs/{}/training", l.program_id);
    let report = app.get(&report_path, &l.owner.access_token).await.ok(200).clone();
    assert_eq!(report["modules"].as_array().unwrap().len(), 2, "{report}");
    assert_eq!(
        report["by_role"],
        json!([
            {"role": "mentor", "people": 2, "completed": 0, "not_started": 2},
            {"role": "mentee", "people": 2, "completed": 0, "not_started": 2},
        ])
    );
    // Aoi marks hers done in the portal; a partner's system records Mei's.
    let aoi = app.participant(&l.aoi).await;
    let done = format!("/api/v1/portal/programs/{}/training/0/completion", l.program_id);
    app.post(&done, Some(&aoi), json!({})).await.ok(204);
    app.post(&done, Some(&aoi), json!({})).await.ok(204);
    let key = app
        .post("/api/v1/api-keys", Some(&l.owner.access_token), json!({"name": "LMS", "scopes": ["read", "write"]}))
        .await;
    let key = key.ok(201)["secret"].as_str().unwrap().to_owned();
    let mei_id = report["people"].as_array().unwrap().iter().find(|p| p["name"] == "Mei").unwrap()["person_id"].clone();
    let completions = format!("/api/v1/programs/{}/training/completions", l.program_id);
    app.post(&completions, Some(&key), json!({"person_id": mei_id, "module": 1})).await.ok(204);
    let wrong = app
        .post(&completions, Some(&key), json!({"person_id": "00000000-0000-7000-8000-000000000000", "module": 7}))
        .await;
    let mut fields = wrong.invalid_fields();
    fields.sort();
    assert_eq!(fields, ["module", "person_id"], "{}", wrong.body);
    let report = app.get(&report_path, &l.owner.access_token).await.ok(200).clone();
    assert_eq!(
        report["by_role"],
        json!([
            {"role": "mentor", "people": 2, "completed": 1, "not_started": 1},
            {"role": "mentee", "people": 2, "completed": 1, "not_started": 1},
        ])
    );
    let aoi_row = report["people"].as_array().unwrap().iter().find(|p| p["name"] == "Aoi").unwrap().clone();
    assert_eq!((&aoi_row["done"], &aoi_row["required"], &aoi_row["started"]), (&json!([0]), &json!([0]), &json!(true)));
    let page = app.get(&format!("/api/v1/portal/pairs/{}", l.pair_id), &aoi).await.ok(200).clone();
    assert_eq!(
        page["training"],
        json!([{"module": 0, "title": page["training"][0]["title"], "role": "mentor", "url": null, "done": true}])
    );
}

async fn pairs_end_when_their_program_completes(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let token = Some(l.owner.access_token.as_str());
    let transitions = format!("/api/v1/programs/{}/transitions", l.program_id);
    for to in ["recruiting", "matching", "active", "completed"] {
        app.post(&transitions, token, json!({"to": to, "close_campaigns": true})).await.ok(200);
    }
    let monitoring = app.get(&format!("/api/v1/programs/{}/monitoring", l.program_id), &l.owner.access_token).await;
    let monitoring = monitoring.ok(200).clone();
    assert!(monitoring["pairs"].as_array().unwrap().iter().all(|p| p["state"] == "ended"), "{monitoring}");
    assert_eq!(monitoring["health"]["inactive"], 2);
    let kickoff = json!({"starts_at": "2027-01-15T01:00:00Z", "ends_at": "2027-01-15T02:00:00Z", "time_zone": "UTC"});
    let late =
        app.request(Method::PUT, &format!("/api/v1/programs/{}/kickoff", l.program_id), token, Some(kickoff)).await;
    late.problem(409);
}

async fn a_program_completes_by_itself_the_day_after_its_end_date(app: TestApp) {
    let sakura = launched(&app, "sakura").await;
    let fuji = launched(&app, "fuji").await;
    let today = chrono::Utc::now().date_naive();
    let store = app.store().await;
    // Sakura's program ended yesterday; Fuji's ends today. Both are active.
    for (l, end) in [(&sakura, today.pred_opt().unwrap()), (&fuji, today)] {
        let tx = store.tenant(l.owner.tenant_id.parse().unwrap()).await.unwrap();
        let program = l.program_id.parse().unwrap();
        let mut design = tx.program(program).await.unwrap().design;
        design.end_date = Some(end);
        tx.replace_program_design(program, &design).await.unwrap();
        let state = tx.program(program).await.unwrap().state;
        tx.set_program_state(program, state, tandem_domain::programs::ProgramState::Active).await.unwrap();
        tx.commit().await.unwrap();
    }
    let completed = tandem_jobs::lifecycle::complete_ended_programs(&store, today).await.unwrap();
    assert_eq!(completed, 1, "only the program whose end date has passed");
    let state = |l: &crate::launched::Launched| {
        let path = format!("/api/v1/programs/{}", l.program_id);
        let token = l.owner.access_token.clone();
        let app = &app;
        async move { app.get(&path, &token).await.ok(200)["state"].clone() }
    };
    assert_eq!(state(&sakura).await, "completed");
    assert_eq!(state(&fuji).await, "active");
    let monitoring =
        app.get(&format!("/api/v1/programs/{}/monitoring", sakura.program_id), &sakura.owner.access_token).await;
    assert!(
        monitoring.ok(200)["pairs"].as_array().unwrap().iter().all(|p| p["state"] == "ended"),
        "{}",
        monitoring.body
    );
    let audit = app.get("/api/v1/audit-events", &sakura.owner.access_token).await;
    let audit = audit.ok(200)["items"].as_array().unwrap().clone();
    assert!(
        audit.iter().any(|e| e["action"] == "program.state_changed" && e["details"]["to"] == "completed"),
        "{audit:?}"
    );
    // A second pass changes nothing.
    assert_eq!(tandem_jobs::lifecycle::complete_ended_programs(&store, today).await.unwrap(), 0);
}
