//! Nudges: found by the scheduler's set queries, each sent at most once however often it runs
//! (and across a restart), within a weekly cap that keeps the most important, held by quiet
//! hours, stopped by an unsubscription, a rule turned off or a paused program; and logged.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};
use tandem_jobs::nudges::{NudgePass, Nudger};
use tandem_tests::{TestApp, on_both_databases};

use crate::launched::{Launched, activate, launched};

on_both_databases!(
    a_due_nudge_goes_once_however_often_the_scheduler_runs,
    the_weekly_cap_keeps_the_most_important_nudges,
    paused_programs_rules_turned_off_and_unsubscriptions_stop_nudges,
    bad_nudge_settings_are_refused_by_field,
    quiet_hours_hold_a_nudge_where_the_person_is,
    a_survey_closing_soon_nudges_who_has_not_answered,
    training_not_done_before_the_kickoff_nudges_only_who_has_not_finished,
);

/// A scheduler pass as the worker runs it (the same signing secret, so links work).
async fn pass(app: &TestApp) -> NudgePass {
    let secret = tandem_server::startup::signing_secret(&app.config).unwrap();
    let signer = tandem_mail::unsubscribe::LinkSigner::new(&secret);
    Nudger::new(app.store().await, signer, app.config.public_url.clone()).pass(Utc::now()).await.unwrap()
}

/// A timestamp literal both databases compare as the store writes them.
fn days_ago(days: i64) -> String {
    (Utc::now() - Duration::days(days)).to_rfc3339_opts(chrono::SecondsFormat::Micros, false)
}

async fn pairs_formed_days_ago(app: &TestApp, days: i64) {
    app.execute(&format!("UPDATE pairs SET created_at = '{}'", days_ago(days))).await;
}

async fn log(app: &TestApp, l: &Launched) -> Vec<Value> {
    let log = app.get(&format!("/api/v1/programs/{}/nudges", l.program_id), &l.owner.access_token).await;
    log.ok(200).as_array().unwrap().clone()
}

async fn a_due_nudge_goes_once_however_often_the_scheduler_runs(app: TestApp) {
    let l = launched(&app, "sakura").await;
    activate(&app, &l).await;
    // Nothing is due for pairs formed yesterday.
    pairs_formed_days_ago(&app, 1).await;
    assert_eq!(pass(&app).await.due, 0);
    // Three weeks without a session: each member is nudged to plan one, in their language,
    // with a link straight to their pair.
    pairs_formed_days_ago(&app, 30).await;
    let first = pass(&app).await;
    assert_eq!((first.due, first.queued, first.capped), (4, 4, 0));
    let aoi = app.wait_for_emails_to(&l.aoi, 1).await;
    assert_eq!(aoi[0].subject, "Time to meet Kenji again");
    assert!(aoi[0].text.contains(&format!("/portal/pairs/{}", l.pair_id)), "{}", aoi[0].text);
    assert!(aoi[0].raw.contains("List-Unsubscribe"), "a nudge can be unsubscribed from");
    let kenji = app.wait_for_emails_to(&l.kenji, 1).await;
    assert!(kenji[0].subject.contains("Aoi") && kenji[0].subject.contains("次のセッション"), "{}", kenji[0].subject);

    // Again, and again after a restart of the scheduler (a new one): nothing more.
    assert_eq!(pass(&app).await, NudgePass::default());
    let restarted = pass(&app).await;
    assert_eq!(restarted.due, 0);
    assert_eq!(app.count("nudges").await, 4);
    for address in [&l.aoi, &l.kenji, &l.ren, &l.mei] {
        app.wait_for_emails_to(address, 1).await;
    }

    // The log, per program and per person.
    app.eventually("the nudges to be sent", || async { log(&app, &l).await.iter().all(|n| n["state"] == "sent") })
        .await;
    let entries = log(&app, &l).await;
    assert_eq!(entries.len(), 4);
    assert!(entries.iter().all(|n| n["rule"] == "no_session" && n["sent_at"].is_string()), "{entries:?}");
    let aoi_id = entries.iter().find(|n| n["name"] == "Aoi").unwrap()["person_id"].as_str().unwrap().to_owned();
    let mine = app.get(&format!("/api/v1/people/{aoi_id}/nudges"), &l.owner.access_token).await;
    assert_eq!(mine.ok(200).as_array().unwrap().len(), 1);
    let filtered = format!("/api/v1/programs/{}/nudges?person_id={aoi_id}", l.program_id);
    assert_eq!(app.get(&filtered, &l.owner.access_token).await.ok(200).as_array().unwrap().len(), 1);
}

async fn the_weekly_cap_keeps_the_most_important_nudges(app: TestApp) {
    let l = launched(&app, "sakura").await;
    activate(&app, &l).await;
    // Fifty days apart: the pair is inactive (45 days) and has had no session (21 days);
    // Kenji logged a session fifty days ago that Aoi has not confirmed (3 days); Aoi's
    // check-in is unanswered (3 days). Four nudges for Aoi, three go.
    pairs_formed_days_ago(&app, 60).await;
    let kenji = app.participant(&l.kenji).await;
    let held = (Utc::now() - Duration::days(50)).to_rfc3339();
    let session = json!({"held_at": held, "minutes": 30, "format": "chat", "topics": ["TikTok"]});
    app.post(&format!("/api/v1/portal/pairs/{}/sessions", l.pair_id), Some(&kenji), session).await.ok(201);
    app.execute(&format!("UPDATE pair_sessions SET created_at = '{}'", days_ago(50))).await;
    let store = app.store().await;
    let tx = store.tenant(l.owner.tenant_id.parse().unwrap()).await.unwrap();
    let pair = tx.pair(l.pair_id.parse().unwrap()).await.unwrap();
    let today = Utc::now().date_naive();
    let check_in = tandem_store::NewCheckIn {
        id: tandem_domain::CheckInId::new(),
        program: l.program_id.parse().unwrap(),
        pair: pair.id,
        person: pair.mentor,
        period: today,
        period_end: today,
        token_hash: "a check-in".into(),
    };
    tx.insert_check_in(check_in).await.unwrap();
    tx.commit().await.unwrap();
    app.execute(&format!("UPDATE check_ins SET created_at = '{}'", days_ago(5))).await;

    let done = pass(&app).await;
    assert!(done.capped >= 1, "{done:?}");
    let entries = log(&app, &l).await;
    let aoi: Vec<&Value> = entries.iter().filter(|n| n["name"] == "Aoi").collect();
    let rules = |capped: bool| {
        let mut rules: Vec<&str> =
            aoi.iter().filter(|n| (n["state"] == "capped") == capped).map(|n| n["rule"].as_str().unwrap()).collect();
        rules.sort();
        rules
    };
    assert_eq!(rules(false), ["confirmation_waiting", "no_session", "pair_inactive"], "{aoi:?}");
    assert_eq!(rules(true), ["check_in_due"]);
    let capped = aoi.iter().find(|n| n["state"] == "capped").unwrap();
    assert!(capped["reason"].as_str().unwrap().contains("3 nudges in seven days"), "{capped}");
    // The inactive pair is the team's business too.
    // Both pairs are inactive: two emails after the sign-up one.
    let owner_mail = app.wait_for_emails_to(&l.owner.email, 3).await;
    assert!(owner_mail.iter().any(|m| m.subject.contains("Aoi") && m.subject.contains("45 days")), "{owner_mail:?}");
    // The capped one is decided: it does not come back at the next pass.
    assert_eq!(pass(&app).await.due, 0);
}

async fn paused_programs_rules_turned_off_and_unsubscriptions_stop_nudges(app: TestApp) {
    let l = launched(&app, "sakura").await;
    activate(&app, &l).await;
    pairs_formed_days_ago(&app, 30).await;
    let settings = format!("/api/v1/programs/{}/nudges/settings", l.program_id);
    let token = Some(l.owner.access_token.as_str());
    let defaults = app.get(&settings, &l.owner.access_token).await;
    assert_eq!((defaults.ok(200)["paused"].as_bool(), defaults.body["weekly_cap"].as_u64()), (Some(false), Some(3)));
    assert_eq!(defaults.body["rules"].as_array().unwrap().len(), 8);

    let paused = app.request(Method::PUT, &settings, token, Some(json!({"paused": true}))).await;
    assert_eq!(paused.ok(200)["paused"], true);
    assert_eq!(pass(&app).await.due, 0, "a paused program nudges nobody");

    let off = json!({"paused": false, "rules": [{"rule": "no_session", "enabled": false, "days": 21}]});
    let changed = app.request(Method::PUT, &settings, token, Some(off)).await;
    let rule = changed.ok(200)["rules"].as_array().unwrap().iter().find(|r| r["rule"] == "no_session").unwrap().clone();
    assert_eq!(rule["enabled"], false);
    assert_eq!(pass(&app).await.due, 0, "a rule turned off finds nothing");

    // A shorter timing of its own: the program's pairs are due again, and Mei has unsubscribed
    // from nudges: hers is logged, not sent.
    let sooner = json!({"paused": false, "rules": [{"rule": "no_session", "enabled": true, "days": 10}]});
    app.request(Method::PUT, &settings, token, Some(sooner)).await.ok(200);
    let suppress = json!({"email": l.mei, "category": "nudge"});
    app.post("/api/v1/email/suppressions", token, suppress).await.ok(204);
    assert_eq!(pass(&app).await.queued, 4);
    app.wait_for_emails_to(&l.aoi, 1).await;
    app.eventually("Mei's nudge to be suppressed", || async {
        log(&app, &l).await.iter().any(|n| n["name"] == "Mei" && n["state"] == "suppressed")
    })
    .await;
    assert!(app.emails_to(&l.mei).is_empty());
    let aoi = app.emails_to(&l.aoi);
    assert!(aoi[0].text.contains("10 days"), "the program's own timing: {}", aoi[0].text);
}

async fn bad_nudge_settings_are_refused_by_field(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let settings = format!("/api/v1/programs/{}/nudges/settings", l.program_id);
    let bad = json!({"paused": false, "rules": [{"rule": "no_session", "enabled": true, "days": 0},
        {"rule": "no_session", "enabled": true, "days": 91}]});
    let refused = app.request(Method::PUT, &settings, Some(&l.owner.access_token), Some(bad)).await;
    assert_eq!(refused.problem(422), "/problems/validation");
    let mut fields = refused.invalid_fields();
    fields.sort();
    assert_eq!(fields, ["rules[0].days", "rules[1].days", "rules[1].rule"]);
    assert_eq!(app.count("nudge_settings").await, 0);
    let unknown = json!({"paused": false, "rules": [{"rule": "whenever", "enabled": true, "days": 3}]});
    let refused = app.request(Method::PUT, &settings, Some(&l.owner.access_token), Some(unknown)).await;
    assert!(refused.status == 400 || refused.status == 422, "{}", refused.body);
    assert_eq!(app.get(&settings, &l.owner.access_token).await.ok(200)["paused"], false);
}

async fn quiet_hours_hold_a_nudge_where_the_person_is(app: TestApp) {
    let backend = app.backend;
    drop(app);
    // Night in Tokyo: Kenji's nudge waits for the morning; Aoi's, in London, goes.
    let app = TestApp::spawn_in_quiet_hours(backend, chrono_tz::Asia::Tokyo).await.unwrap();
    let l = launched(&app, "sakura").await;
    activate(&app, &l).await;
    pairs_formed_days_ago(&app, 30).await;
    assert_eq!(pass(&app).await.queued, 4);
    app.wait_for_emails_to(&l.aoi, 1).await;
    app.eventually("Kenji's nudge to be held", || async {
        log(&app, &l).await.iter().any(|n| n["name"] == "Kenji" && n["state"] == "held")
    })
    .await;
    let entries = log(&app, &l).await;
    let kenji = entries.iter().find(|n| n["name"] == "Kenji").unwrap();
    assert!(kenji["reason"].as_str().unwrap().contains("Asia/Tokyo"), "{kenji}");
    assert!(app.emails_to(&l.kenji).is_empty());
}

async fn a_survey_closing_soon_nudges_who_has_not_answered(app: TestApp) {
    let l = launched(&app, "sakura").await;
    activate(&app, &l).await;
    let token = Some(l.owner.access_token.as_str());
    let surveys = format!("/api/v1/programs/{}/surveys", l.program_id);
    let closes = (Utc::now() + Duration::days(2)).date_naive().to_string();
    let survey =
        app.post(&surveys, token, json!({"kind": "mid_program", "audience": "mentee", "closes_on": closes})).await;
    let path = format!("{surveys}/{}", survey.ok(201)["id"].as_str().unwrap());
    app.post(&format!("{path}/open"), token, json!({})).await.ok(200);
    app.eventually("the invitations", || async { app.get(&path, &l.owner.access_token).await.body["invited"] == 2 })
        .await;
    let done = pass(&app).await;
    assert_eq!((done.due, done.queued), (2, 2), "Kenji and Mei");
    let nudges = app.wait_for_emails_to(&l.mei, 2).await;
    assert!(nudges[1].subject.contains("closes on"), "{}", nudges[1].subject);
    assert!(nudges[1].text.contains("/survey?token="), "a link straight to the survey: {}", nudges[1].text);
    assert_eq!(pass(&app).await.due, 0);
}

async fn training_not_done_before_the_kickoff_nudges_only_who_has_not_finished(app: TestApp) {
    let l = launched(&app, "sakura").await;
    activate(&app, &l).await;
    // Aoi (a mentor) finishes her module; the others have not.
    let aoi = app.participant(&l.aoi).await;
    let done = format!("/api/v1/portal/programs/{}/training/0/completion", l.program_id);
    app.post(&done, Some(&aoi), json!({})).await.ok(204);
    let starts = Utc::now() + Duration::days(2);
    let kickoff = json!({"starts_at": starts.to_rfc3339(), "ends_at": (starts + Duration::hours(1)).to_rfc3339(),
        "time_zone": "Asia/Tokyo"});
    let path = format!("/api/v1/programs/{}/kickoff", l.program_id);
    app.request(Method::PUT, &path, Some(&l.owner.access_token), Some(kickoff)).await.ok(200);
    let decided = pass(&app).await;
    assert_eq!((decided.due, decided.queued), (3, 3), "{decided:?}");
    let entries = log(&app, &l).await;
    let mut names: Vec<&str> = entries.iter().map(|n| n["name"].as_str().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["Kenji", "Mei", "Ren"]);
    assert!(entries.iter().all(|n| n["rule"] == "training_not_done"));
    // The day of the kickoff, in the email's language.
    let mei = app.wait_for_emails_to(&l.mei, 2).await;
    let nudge = mei.iter().find(|m| m.subject.starts_with("Your training")).expect("the nudge");
    assert!(nudge.subject.contains(&starts.format("%B %Y").to_string()), "{}", nudge.subject);
}
