//! The participant portal: signing in by an emailed link, a participant's reach (their own
//! pairs, nothing else), and what pairs record — sessions confirmed by the partner, the
//! learning log both ways, goals, sealed private notes and stories.

use reqwest::Method;
use serde_json::{Value, json};
use tandem_tests::{PARTICIPANT_COOKIE, TestApp, on_both_databases};

use crate::launched::{Launched, launched};

on_both_databases!(
    a_participant_signs_in_with_a_link_that_works_once,
    sign_in_links_are_limited_and_tell_nobody_whether_an_address_is_known,
    members_log_confirm_and_record_learning_both_ways,
    bad_input_is_refused_in_words_and_nothing_is_written,
    a_participant_reaches_nothing_of_another_pair_program_or_tenant,
    private_notes_are_sealed_and_read_by_their_author_alone,
    a_planned_session_is_a_calendar_invitation_to_both,
    paused_and_ended_pairs_take_no_new_records,
    a_member_who_leaves_ends_the_pair_and_the_team_is_told,
);

on_both_databases_with_keys!(a_new_key_seals_notes_again_as_they_are_read);

/// Runs a test on both databases with the note keys `k1` configured.
macro_rules! on_both_databases_with_keys {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app =
                    tandem_tests::TestApp::spawn_with(tandem_tests::Backend::Sqlite, super::with_k1).await.unwrap();
                super::$name(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) =
                    tandem_tests::TestApp::spawn_with(tandem_tests::Backend::Postgres, super::with_k1).await
                {
                    super::$name(app).await;
                }
            }
        }
    };
}
use on_both_databases_with_keys;

fn key(byte: u8) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode([byte; 32])
}

fn with_k1(config: &mut tandem_server::config::Config, _: &std::path::Path) {
    config.note_keys = Some(tandem_server::config::Secret::new(format!("k1:{}", key(1))));
}

/// Another replica of `app` on the same database, with other note keys; its address.
async fn replica(app: &TestApp, keys: String) -> (String, tokio_util::sync::CancellationToken) {
    let mut config = app.config.clone();
    config.note_keys = Some(tandem_server::config::Secret::new(keys));
    config.port = 0;
    let replica = tandem_server::startup::Application::build(&config, tandem_server::startup::Role::Api).await.unwrap();
    let address = format!("http://127.0.0.1:{}", replica.port().unwrap());
    let shutdown = replica.shutdown_token();
    tokio::spawn(replica.run_until_stopped());
    (address, shutdown)
}

async fn a_new_key_seals_notes_again_as_they_are_read(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let aoi = app.participant(&l.aoi).await;
    let notes = format!("{}/notes", pair(&l));
    app.post(&notes, Some(&aoi), json!({"body": "before the rotation"})).await.ok(201);
    assert_eq!(app.query_strings("SELECT key_id FROM private_notes").await, ["k1"]);
    // k2 first, k1 still listed: the note opens, and is sealed under k2 as it is read.
    let (rotated, stop) = replica(&app, format!("k2:{},k1:{}", key(2), key(1))).await;
    let read = tandem_tests::authorize(app.client.get(format!("{rotated}{notes}")), &aoi).send().await.unwrap();
    let read = TestApp::read(read).await;
    assert_eq!(read.ok(200)["items"][0]["body"], "before the rotation");
    assert_eq!(app.query_strings("SELECT key_id FROM private_notes").await, ["k2"]);
    stop.cancel();
    // k1 retired: the note still opens.
    let (retired, stop) = replica(&app, format!("k2:{}", key(2))).await;
    let read = tandem_tests::authorize(app.client.get(format!("{retired}{notes}")), &aoi).send().await.unwrap();
    assert_eq!(TestApp::read(read).await.ok(200)["items"][0]["body"], "before the rotation");
    stop.cancel();
}

fn pair(l: &Launched) -> String {
    format!("/api/v1/portal/pairs/{}", l.pair_id)
}

async fn a_participant_signs_in_with_a_link_that_works_once(app: TestApp) {
    let l = launched(&app, "sakura").await;
    app.post("/api/v1/portal/sign-in", None, json!({"email": l.kenji})).await.ok(202);
    // Kenji reads Japanese: the link comes in Japanese, valid for 15 minutes.
    let emails = app.wait_for_emails_to(&l.kenji, 1).await;
    assert!(emails[0].subject.contains("サインインリンク"), "{}", emails[0].subject);
    assert!(emails[0].text.contains("15分間"), "{}", emails[0].text);
    let token = app.link_token_in_email(&l.kenji, 1, "/portal/verify?token=").await;

    let reply = app.post("/api/v1/portal/session", None, json!({"token": token})).await;
    let me = reply.ok(200).clone();
    assert_eq!(me["person"]["name"], "Kenji");
    assert_eq!(me["person"]["locale"], "ja");
    assert_eq!(me["pairs"].as_array().unwrap().len(), 1, "{me}");
    assert_eq!(me["pairs"][0]["id"], l.pair_id.as_str());
    assert_eq!(me["pairs"][0]["role"], "mentee");
    assert_eq!(me["pairs"][0]["partner_name"], "Aoi");
    assert_eq!(me["pairs"][0]["health"]["status"], "on_track");
    let cookie = reply.headers.get("set-cookie").unwrap().to_str().unwrap().to_owned();
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/portal", "Max-Age=2592000"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    let session = cookie.split(';').next().unwrap().to_owned();
    assert!(session.starts_with(PARTICIPANT_COOKIE));

    // Once only.
    let again = app.post("/api/v1/portal/session", None, json!({"token": token})).await;
    assert!(again.problem(410).ends_with("gone"), "{}", again.body);
    // A forged token, and a token moved to another tenant, name no link.
    let forged = format!("{}.{}", token.split('.').next().unwrap(), "0".repeat(48));
    app.post("/api/v1/portal/session", None, json!({"token": forged})).await.problem(404);
    app.post("/api/v1/portal/session", None, json!({"token": "nonsense"})).await.problem(404);

    app.get("/api/v1/portal/me", &session).await.ok(200);
    // The cookie counts only with the header another site cannot send.
    let bare = app.client.get(app.url("/api/v1/portal/me")).header("cookie", &session).send().await.unwrap();
    assert_eq!(TestApp::read(bare).await.problem(401), "/problems/unauthorized");
    // A console token is not a participant's session.
    app.get("/api/v1/portal/me", &l.owner.access_token).await.problem(401);

    // An expired link is gone too.
    app.post("/api/v1/portal/sign-in", None, json!({"email": l.aoi})).await.ok(202);
    let late = app.link_token_in_email(&l.aoi, 1, "/portal/verify?token=").await;
    app.execute("UPDATE participant_links SET expires_at = created_at").await;
    app.post("/api/v1/portal/session", None, json!({"token": late})).await.problem(410);

    // Signing out ends the session for good.
    app.request(Method::DELETE, "/api/v1/portal/session", Some(&session), None).await.ok(204);
    app.get("/api/v1/portal/me", &session).await.problem(401);
}

async fn sign_in_links_are_limited_and_tell_nobody_whether_an_address_is_known(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let limit = tandem_api::routes::portal::LINKS_PER_ADDRESS_PER_HOUR as usize;
    for address in [l.aoi.as_str(), "nobody@sakura.example"] {
        for _ in 0..limit {
            let reply = app.post("/api/v1/portal/sign-in", None, json!({"email": address})).await;
            assert_eq!((reply.status.as_u16(), &reply.body), (202, &Value::Null), "the same answer for {address}");
        }
        let refused = app.post("/api/v1/portal/sign-in", None, json!({"email": address})).await;
        assert_eq!(refused.problem(429), "/problems/too-many-requests");
        assert!(refused.headers.get("retry-after").is_some());
    }
    app.wait_for_emails_to(&l.aoi, limit).await;
    app.eventually("every sign-in job to be done", || async {
        app.query_strings("SELECT state FROM jobs WHERE kind = 'participant_sign_in'").await
            == vec!["done".to_owned(); 2 * limit]
    })
    .await;
    assert_eq!(app.emails_to(&l.aoi).len(), limit, "at most {limit} links an hour reach an address");
    assert!(app.emails_to("nobody@sakura.example").is_empty(), "an unknown address gets nothing");
    let bad = app.post("/api/v1/portal/sign-in", None, json!({"email": "not an address"})).await;
    assert_eq!(bad.problem(422), "/problems/validation");
    assert_eq!(bad.invalid_fields(), ["email"]);
}

async fn members_log_confirm_and_record_learning_both_ways(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let (aoi, kenji) = (app.participant(&l.aoi).await, app.participant(&l.kenji).await);
    let sessions = format!("{}/sessions", pair(&l));
    let held = (chrono::Utc::now() - chrono::Duration::days(2)).to_rfc3339();
    let logged = app
        .post(
            &sessions,
            Some(&aoi),
            json!({"held_at": held, "minutes": 45, "format": "video", "topics": ["TikTok", "tiktok"]}),
        )
        .await;
    let logged = logged.ok(201).clone();
    assert_eq!(logged["topics"], json!(["TikTok"]), "duplicates dropped");
    assert_eq!(logged["took_part"].as_array().unwrap().len(), 2, "both took part unless said otherwise");
    assert!(logged["confirmed_at"].is_null());
    let confirm = format!("{sessions}/{}/confirmation", logged["id"].as_str().unwrap());
    // Aoi logged it: Kenji confirms, and corrects the length.
    let own = app.post(&confirm, Some(&aoi), json!({})).await;
    assert!(own.body["detail"].as_str().unwrap().contains("partner"), "{}", own.body);
    own.problem(409);
    let kenji_id = app.get("/api/v1/portal/me", &kenji).await.ok(200)["person"]["id"].clone();
    let wrong = app.post(&confirm, Some(&kenji), json!({"minutes": 0, "took_part": []})).await;
    let mut fields = wrong.invalid_fields();
    fields.sort();
    assert_eq!(fields, ["minutes", "took_part"], "{}", wrong.body);
    let confirmed = app.post(&confirm, Some(&kenji), json!({"minutes": 60, "took_part": [kenji_id, kenji_id]})).await;
    let confirmed = confirmed.ok(200);
    assert_eq!((confirmed["minutes"].as_u64(), confirmed["corrected"].as_bool()), (Some(60), Some(true)));
    assert_eq!(confirmed["took_part"], json!([kenji_id]), "Kenji says he met alone (a guest stood in)");
    assert!(confirmed["confirmed_at"].is_string());
    app.post(&confirm, Some(&kenji), json!({})).await.problem(409);

    // The learning log: Kenji (senior) learned from Aoi (junior) twice; Aoi learned once.
    let learning = format!("{}/learning", pair(&l));
    for (who, direction, topic) in [
        (&kenji, "learned", "TikTok"),
        (&kenji, "learned", "Short videos"),
        (&aoi, "learned", "Budgets"),
        (&aoi, "taught", "TikTok"),
    ] {
        let entry =
            json!({"direction": direction, "topics": [topic], "session_id": logged["id"], "note": "今日の学び"});
        app.post(&learning, Some(who), entry).await.ok(201);
    }
    let page = app.get(&pair(&l), &kenji).await.ok(200).clone();
    assert_eq!(page["role"], "mentee");
    assert_eq!(page["partner"]["name"], "Aoi");
    assert_eq!(page["partner"]["time_zone"], "Europe/London");
    assert!(page["partner"]["local_time"].as_str().unwrap().ends_with("+00:00"), "{}", page["partner"]);
    assert_eq!(page["learning"].as_array().unwrap().len(), 4);
    assert_eq!(page["reciprocity"]["learned_by_mentor"], 1);
    assert_eq!(page["reciprocity"]["learned_by_mentee"], 2);
    let index = page["reciprocity"]["index"].as_f64().unwrap();
    assert!((index - (1.0 - 1.0 / 3.0)).abs() < 1e-9, "{index}");
    assert_eq!(page["health"]["status"], "on_track");
    assert_eq!(page["training"].as_array().unwrap().len(), 1, "the mentee's module only: {}", page["training"]);

    // Goals, and a story both agree to.
    let goals = format!("{}/goals", pair(&l));
    let goal = app.post(&goals, Some(&aoi), json!({"title": "Post a first video", "target_date": "2027-03-01"})).await;
    let goal_id = goal.ok(201)["id"].as_str().unwrap().to_owned();
    let blank = app.patch(&format!("{goals}/{goal_id}"), &kenji, json!({"progress_note": " "})).await;
    assert_eq!(blank.invalid_fields(), ["progress_note"]);
    let done = app
        .patch(&format!("{goals}/{goal_id}"), &kenji, json!({"status": "done", "progress_note": "投稿しました"}))
        .await;
    assert_eq!(done.ok(200)["status"], "done");
    let story = format!("{}/story", pair(&l));
    let written = app
        .request(
            Method::PUT,
            &story,
            Some(&aoi),
            Some(json!({"title": "A video in a week", "body": "Kenji posted his first video."})),
        )
        .await;
    assert_eq!(written.ok(200)["published"], false);
    let agreed = app.post(&format!("{story}/agreement"), Some(&kenji), json!({})).await;
    assert_eq!(agreed.ok(200)["published"], true);

    // The company sees it all, never a note, and the program's figures.
    let token = &l.owner.access_token;
    let company = app.get(&format!("/api/v1/pairs/{}", l.pair_id), token).await.ok(200).clone();
    assert_eq!(company["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(company["reciprocity"]["learned_by_mentee"], 2);
    let monitoring = app.get(&format!("/api/v1/programs/{}/monitoring", l.program_id), token).await.ok(200).clone();
    assert_eq!(monitoring["health"], json!({"on_track": 2, "at_risk": 0, "inactive": 0}));
    assert_eq!(monitoring["learning"]["pairs_with_learning"], 1);
    assert_eq!(monitoring["learning"]["senior_learned_pairs"], 1);
    assert_eq!(monitoring["learning"]["pairs_with_seniority"], 2);
    assert_eq!(monitoring["learning"]["senior_learned_share"], 0.5);
    assert_eq!(
        monitoring["learning"]["topics_learned_by_mentees"],
        json!([{"topic": "Short videos", "count": 1}, {"topic": "TikTok", "count": 1}])
    );
    assert_eq!(monitoring["learning"]["topics_learned_by_mentors"], json!([{"topic": "Budgets", "count": 1}]));
    assert_eq!(monitoring["executives"]["as_mentee"], 1);
    assert_eq!(monitoring["executives"]["sessions"], 1);
    assert_eq!(monitoring["stories"][0]["title"], "A video in a week");
    let featured = app
        .request(
            Method::PUT,
            &format!("/api/v1/pairs/{}/story/featured", l.pair_id),
            Some(token),
            Some(json!({"featured": true})),
        )
        .await;
    assert_eq!(featured.ok(200)["featured"], true);
    let other_story = app
        .request(
            Method::PUT,
            &format!("/api/v1/pairs/{}/story/featured", l.other_pair_id),
            Some(token),
            Some(json!({"featured": true})),
        )
        .await;
    other_story.problem(404);
}

async fn bad_input_is_refused_in_words_and_nothing_is_written(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let aoi = app.participant(&l.aoi).await;
    let now = chrono::Utc::now();
    let before = (app.count("pair_sessions").await, app.count("learning_entries").await, app.count("pair_goals").await);
    let sessions = format!("{}/sessions", pair(&l));
    for (body, field) in [
        (
            json!({"held_at": (now + chrono::Duration::days(3)).to_rfc3339(), "minutes": 30, "format": "chat"}),
            "held_at",
        ),
        (
            json!({"held_at": (now - chrono::Duration::days(800)).to_rfc3339(), "minutes": 30, "format": "chat"}),
            "held_at",
        ),
        (json!({"held_at": now.to_rfc3339(), "minutes": 0, "format": "chat"}), "minutes"),
        (json!({"held_at": now.to_rfc3339(), "minutes": 30, "format": "chat", "topics": vec!["x"; 11]}), "topics"),
        (json!({"held_at": now.to_rfc3339(), "minutes": 30, "format": "smoke signals"}), "format"),
        (json!({"held_at": now.to_rfc3339(), "minutes": 30, "format": "chat", "took_part": []}), "took_part"),
        (
            json!({"held_at": now.to_rfc3339(), "minutes": 30, "format": "chat", "took_part": ["00000000-0000-7000-8000-000000000001"]}),
            "took_part",
        ),
    ] {
        let reply = app.post(&sessions, Some(&aoi), body.clone()).await;
        assert_eq!(reply.problem(422), "/problems/validation", "{body}");
        assert_eq!(reply.invalid_fields(), [field], "{body}: {}", reply.body);
    }
    let learning = format!("{}/learning", pair(&l));
    let empty = app.post(&learning, Some(&aoi), json!({"direction": "learned", "topics": []})).await;
    assert_eq!(empty.invalid_fields(), ["topics"]);
    let unknown = app
        .post(
            &learning,
            Some(&aoi),
            json!({"direction": "learned", "topics": ["x"], "session_id": "00000000-0000-7000-8000-000000000000"}),
        )
        .await;
    assert_eq!(unknown.invalid_fields(), ["session_id"]);
    let long = app
        .post(&learning, Some(&aoi), json!({"direction": "taught", "topics": ["x"], "note": "あ".repeat(4001)}))
        .await;
    assert_eq!(long.invalid_fields(), ["note"]);
    let goals = format!("{}/goals", pair(&l));
    assert_eq!(app.post(&goals, Some(&aoi), json!({"title": "  "})).await.invalid_fields(), ["title"]);
    let notes = format!("{}/notes", pair(&l));
    assert_eq!(app.post(&notes, Some(&aoi), json!({"body": ""})).await.invalid_fields(), ["body"]);
    let story = format!("{}/story", pair(&l));
    let no_story = app.request(Method::PUT, &story, Some(&aoi), Some(json!({"title": "", "body": ""}))).await;
    assert_eq!(no_story.invalid_fields(), ["title", "body"]);
    app.post(&format!("{story}/agreement"), Some(&aoi), json!({})).await.problem(404);
    let training = format!("/api/v1/portal/programs/{}/training/9/completion", l.program_id);
    app.post(&training, Some(&aoi), json!({})).await.problem(404);
    let after = (app.count("pair_sessions").await, app.count("learning_entries").await, app.count("pair_goals").await);
    assert_eq!(after, before, "nothing was written");
    assert_eq!(
        (app.count("private_notes").await, app.count("pair_stories").await, app.count("training_completions").await),
        (0, 0, 0)
    );
}

/// Every participant route with an id, and a body that would succeed on one's own pair.
const PORTAL_ROUTES_WITH_IDS: &[(&str, &str)] = &[
    ("get", "/api/v1/portal/pairs/{pair_id}"),
    ("post", "/api/v1/portal/pairs/{pair_id}/sessions"),
    ("post", "/api/v1/portal/pairs/{pair_id}/sessions/{session_id}/confirmation"),
    ("post", "/api/v1/portal/pairs/{pair_id}/learning"),
    ("post", "/api/v1/portal/pairs/{pair_id}/goals"),
    ("patch", "/api/v1/portal/pairs/{pair_id}/goals/{goal_id}"),
    ("get", "/api/v1/portal/pairs/{pair_id}/notes"),
    ("post", "/api/v1/portal/pairs/{pair_id}/notes"),
    ("put", "/api/v1/portal/pairs/{pair_id}/story"),
    ("post", "/api/v1/portal/pairs/{pair_id}/story/agreement"),
    ("post", "/api/v1/portal/programs/{program_id}/training/{module}/completion"),
    ("post", "/api/v1/portal/pairs/{pair_id}/leave"),
];

#[test]
fn the_participant_test_covers_every_portal_route_with_an_id() {
    let spec = serde_json::to_value(tandem_api::openapi()).unwrap();
    let mut documented = std::collections::BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        if path.starts_with("/api/v1/portal/") && path.contains('{') {
            for method in item.as_object().unwrap().keys() {
                documented.insert((method.clone(), path.clone()));
            }
        }
    }
    let covered = PORTAL_ROUTES_WITH_IDS.iter().map(|(m, p)| ((*m).to_owned(), (*p).to_owned())).collect();
    assert_eq!(documented, covered, "add new portal routes to PORTAL_ROUTES_WITH_IDS");
}

fn body_for(template: &str) -> Option<Value> {
    let held = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339();
    Some(match template.rsplit('/').next().unwrap() {
        "sessions" => json!({"held_at": held, "minutes": 30, "format": "chat"}),
        "confirmation" | "agreement" | "completion" | "leave" => json!({}),
        "learning" => json!({"direction": "learned", "topics": ["x"]}),
        "goals" => json!({"title": "Taken over"}),
        "{goal_id}" => json!({"status": "dropped"}),
        "notes" => json!({"body": "Taken over"}),
        "story" => json!({"title": "Taken over", "body": "Taken over"}),
        _ => return None,
    })
}

/// What a pair holds, for showing nobody else's id touched it.
async fn everything(app: &TestApp, l: &Launched) -> Value {
    let token = &l.owner.access_token;
    json!([
        app.get(&format!("/api/v1/pairs/{}", l.pair_id), token).await.ok(200),
        app.get(&format!("/api/v1/pairs/{}", l.other_pair_id), token).await.ok(200),
        app.get(&format!("/api/v1/programs/{}/training", l.program_id), token).await.ok(200),
    ])
}

async fn a_participant_reaches_nothing_of_another_pair_program_or_tenant(app: TestApp) {
    let sakura = launched(&app, "sakura").await;
    let fuji = launched(&app, "fuji").await;
    // Ids of things in Mei and Ren's pair, which Aoi is not in; and fuji's.
    let mei = app.participant(&sakura.mei).await;
    let mut ids = Vec::new();
    for (l, member) in [(&sakura, &mei), (&fuji, &app.participant(&fuji.mei).await)] {
        let base = format!("/api/v1/portal/pairs/{}", l.other_pair_id);
        let held = (chrono::Utc::now() - chrono::Duration::hours(2)).to_rfc3339();
        let session = app
            .post(&format!("{base}/sessions"), Some(member), json!({"held_at": held, "minutes": 30, "format": "chat"}))
            .await;
        let goal = app.post(&format!("{base}/goals"), Some(member), json!({"title": "Ours"})).await;
        ids.push((
            l.other_pair_id.clone(),
            session.ok(201)["id"].as_str().unwrap().to_owned(),
            goal.ok(201)["id"].as_str().unwrap().to_owned(),
            l.program_id.clone(),
        ));
    }
    // Fuji's program is not Aoi's; sakura's is, but through another pair.
    let aoi = app.participant(&sakura.aoi).await;
    let before = (everything(&app, &sakura).await, everything(&app, &fuji).await);
    for (pair, session, goal, program) in &ids {
        for (method, template) in PORTAL_ROUTES_WITH_IDS {
            let fill = |pair: &str, session: &str, goal: &str, program: &str| {
                template
                    .replace("{pair_id}", pair)
                    .replace("{session_id}", session)
                    .replace("{goal_id}", goal)
                    .replace("{program_id}", program)
                    .replace("{module}", "0")
            };
            let missing = "00000000-0000-7000-8000-000000000000";
            let method: Method = method.to_uppercase().parse().unwrap();
            let foreign =
                app.request(method.clone(), &fill(pair, session, goal, program), Some(&aoi), body_for(template)).await;
            if template.contains("{program_id}") && *program == sakura.program_id {
                // Aoi is in sakura's program (through her own pair): her own training is hers to mark.
                foreign.ok(204);
                continue;
            }
            let own_missing = fill(missing, missing, missing, missing);
            let nothing = app.request(method, &own_missing, Some(&aoi), body_for(template)).await;
            assert_eq!(foreign.problem(404), "/problems/not-found", "{template} with {pair}");
            assert_eq!(foreign.body, nothing.body, "{template}: another's id looks exactly like a missing one");
        }
        // Her own pair's page works with her session.
    }
    app.get(&format!("/api/v1/portal/pairs/{}", sakura.pair_id), &aoi).await.ok(200);
    let after = (everything(&app, &sakura).await, everything(&app, &fuji).await);
    assert_eq!(after.1, before.1, "nothing of fuji changed");
    assert_eq!(after.0[0], before.0[0], "nothing of Aoi's pair changed either");
    assert_eq!(after.0[1], before.0[1], "nothing of Mei's pair changed");
    // A session cookie relabelled with another tenant finds nobody there.
    let fuji_hex = fuji.owner.tenant_id.replace('-', "");
    let sakura_hex = sakura.owner.tenant_id.replace('-', "");
    let moved = aoi.replace(&sakura_hex, &fuji_hex);
    assert_ne!(moved, aoi);
    app.get("/api/v1/portal/me", &moved).await.problem(401);
}

const MARKER: &str = "PRIVATE-MARKER-7f3a";

async fn private_notes_are_sealed_and_read_by_their_author_alone(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let (aoi, kenji) = (app.participant(&l.aoi).await, app.participant(&l.kenji).await);
    let notes = format!("{}/notes", pair(&l));
    let written = app.post(&notes, Some(&aoi), json!({"body": format!("部長には言えない {MARKER}")})).await;
    assert!(written.ok(201)["body"].as_str().unwrap().contains(MARKER));
    let mine = app.get(&notes, &aoi).await.ok(200).clone();
    assert_eq!(mine["items"].as_array().unwrap().len(), 1);
    assert!(mine.to_string().contains(MARKER));
    // The partner's notes are theirs: Aoi's are not among them.
    let theirs = app.get(&notes, &kenji).await;
    assert_eq!(theirs.ok(200)["items"], json!([]));
    for page in
        [app.get(&pair(&l), &kenji).await, app.get(&pair(&l), &aoi).await, app.get("/api/v1/portal/me", &aoi).await]
    {
        assert!(!page.body.to_string().contains(MARKER), "{}", page.body);
    }
    // The database holds it sealed.
    let sealed = app.query_strings("SELECT sealed FROM private_notes").await;
    assert_eq!(sealed.len(), 1);
    assert!(!sealed[0].contains(MARKER) && !sealed[0].contains("部長"), "{sealed:?}");

    // Nobody else reads it anywhere: every GET of the API, as every console role and an API key.
    let admin = app.add_member(&l.owner, "admin@sakura.example", "admin").await;
    let manager = app.add_member(&l.owner, "pm@sakura.example", "program_manager").await;
    let viewer = app.add_member(&l.owner, "viewer@sakura.example", "viewer").await;
    let key = app
        .post("/api/v1/api-keys", Some(&l.owner.access_token), json!({"name": "HR", "scopes": ["read", "write"]}))
        .await;
    let key = key.ok(201)["secret"].as_str().unwrap().to_owned();
    let credentials = [&l.owner.access_token, &admin.access_token, &manager.access_token, &viewer.access_token, &key];
    let spec = serde_json::to_value(tandem_api::openapi()).unwrap();
    let mut read = 0;
    for (template, item) in spec["paths"].as_object().unwrap() {
        if item.get("get").is_none() || template.starts_with("/api/v1/portal/") {
            continue;
        }
        let path = template
            .replace("{program_id}", &l.program_id)
            .replace("{pair_id}", &l.pair_id)
            .replace("{run_id}", "00000000-0000-7000-8000-000000000000");
        let path = crate::access::fill(&path);
        for credential in credentials {
            let reply = app.get(&path, credential).await;
            assert!(!reply.body.to_string().contains(MARKER), "GET {template} shows a private note: {}", reply.body);
            read += 1;
        }
    }
    assert!(read > 100, "every reading route, as everyone: {read}");
    // Nor does anything a change answers (the pair's page after a pause, say), for anyone.
    let mut changed = 0;
    for (template, item) in spec["paths"].as_object().unwrap() {
        if template.starts_with("/api/v1/portal/") || template == "/api/v1/me" {
            continue;
        }
        for (method, operation) in item.as_object().unwrap() {
            if method == "get" || operation["security"].as_array().is_none_or(|s| s.is_empty()) {
                continue;
            }
            let method: Method = method.to_uppercase().parse().unwrap();
            let path =
                crate::access::fill(&template.replace("{program_id}", &l.program_id).replace("{pair_id}", &l.pair_id));
            for credential in credentials {
                let body = crate::access::body_for(&method, template);
                let reply = app.request(method.clone(), &path, Some(credential), body).await;
                assert!(
                    !reply.body.to_string().contains(MARKER),
                    "{method} {template} shows a private note: {}",
                    reply.body
                );
                changed += 1;
            }
        }
    }
    assert!(changed > 100, "every changing route, as everyone: {changed}");
    let export =
        app.client.get(app.url("/api/v1/people/export")).bearer_auth(&l.owner.access_token).send().await.unwrap();
    assert!(!export.text().await.unwrap().contains(MARKER));
    assert!(app.outbox().iter().all(|eml| !eml.contains(MARKER)), "no email carries it");
}

async fn a_planned_session_is_a_calendar_invitation_to_both(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let aoi = app.participant(&l.aoi).await;
    let when = chrono::Utc::now() + chrono::Duration::days(7);
    let planned = app
        .post(&format!("{}/sessions", pair(&l)), Some(&aoi), json!({"held_at": when.to_rfc3339(), "minutes": 45, "format": "video", "topics": ["Excel"], "planned": true}))
        .await;
    let planned = planned.ok(201).clone();
    assert_eq!(planned["planned"], true);
    // Aoi's first email was her sign-in link.
    for (address, count, subject) in [(&l.aoi, 2, "Session with Kenji"), (&l.kenji, 1, "Aoiさんとのセッション")]
    {
        let emails = app.wait_for_emails_to(address, count).await;
        let invitation =
            emails.iter().find(|e| e.subject.contains(subject)).unwrap_or_else(|| panic!("{subject} to {address}"));
        let (method, ics) = invitation.calendar.clone().expect("a calendar");
        assert_eq!(method, "REQUEST");
        assert!(invitation.attachments.contains(&"invite.ics".to_owned()));
        assert!(ics.contains(&format!("UID:session-{}@tandem", planned["id"].as_str().unwrap())), "{ics}");
        assert!(ics.contains(&format!("DTSTART:{}", when.format("%Y%m%dT%H%M%SZ"))), "{ics}");
        assert!(ics.contains("ORGANIZER;CN=Aoi:mailto:aoi@sakura.example"), "{ics}");
    }
    // A planned session is not held: it does not count as the last session.
    let page = app.get(&pair(&l), &aoi).await.ok(200).clone();
    assert!(page["health"]["reasons"][0].as_str().unwrap().contains("No session yet"), "{}", page["health"]);
}

async fn paused_and_ended_pairs_take_no_new_records(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let aoi = app.participant(&l.aoi).await;
    let token = Some(l.owner.access_token.as_str());
    let company = format!("/api/v1/pairs/{}", l.pair_id);
    let no_reason = app.post(&format!("{company}/pause"), token, json!({"reason": " "})).await;
    assert_eq!(no_reason.invalid_fields(), ["reason"]);
    let paused = app.post(&format!("{company}/pause"), token, json!({"reason": "Kenji is on leave until April"})).await;
    let paused = paused.ok(200).clone();
    assert_eq!((&paused["state"], &paused["health"]["status"]), (&json!("paused"), &json!("inactive")));
    app.post(&format!("{company}/pause"), token, json!({"reason": "again"})).await.problem(409);
    let page = app.get(&pair(&l), &aoi).await.ok(200).clone();
    assert_eq!(page["paused_reason"], "Kenji is on leave until April");
    let held = chrono::Utc::now().to_rfc3339();
    let refused = app
        .post(&format!("{}/sessions", pair(&l)), Some(&aoi), json!({"held_at": held, "minutes": 30, "format": "chat"}))
        .await;
    assert!(refused.body["detail"].as_str().unwrap().contains("not active"), "{}", refused.body);
    refused.problem(409);
    let resumed = app.post(&format!("{company}/resume"), token, json!({})).await;
    assert_eq!(resumed.ok(200)["state"], "active");
    app.post(&format!("{company}/resume"), token, json!({})).await.problem(409);
    // While paused, a pair stays a pair: its members are among those a new matching run leaves out.
    app.post(&format!("{company}/pause"), token, json!({"reason": "again on leave"})).await.ok(200);
    let store = app.store().await;
    let tx = store.tenant(l.owner.tenant_id.parse().unwrap()).await.unwrap();
    let paired = tx.paired_people(l.program_id.parse().unwrap()).await.unwrap();
    assert_eq!(paired.len(), 4, "both pairs' members, the paused pair's included");
}

async fn a_member_who_leaves_ends_the_pair_and_the_team_is_told(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let manager = app.add_member(&l.owner, "pm@sakura.example", "program_manager").await;
    let viewer = app.add_member(&l.owner, "viewer@sakura.example", "viewer").await;
    let kenji = app.participant(&l.kenji).await;
    let leave = format!("{}/leave", pair(&l));
    let long = app.post(&leave, Some(&kenji), json!({"reason": "x".repeat(501)})).await;
    assert_eq!(long.invalid_fields(), ["reason"]);
    let left = app.post(&leave, Some(&kenji), json!({"reason": "異動のため"})).await;
    assert_eq!(left.ok(200)["state"], "withdrawn");
    app.post(&leave, Some(&kenji), json!({})).await.problem(409);
    // Aoi stays, and is told; Kenji's application to the program is withdrawn.
    let told = app.wait_for_emails_to(&l.aoi, 1).await;
    assert!(told[0].subject.contains("has ended"), "{}", told[0].subject);
    // The team hears who left and why (viewers do not get it).
    for address in [&l.owner.email, &manager.email] {
        let notice = || app.emails_to(address).into_iter().find(|e| e.subject.contains("left their pair"));
        app.eventually("the team's notice", || async { notice().is_some() }).await;
        let notice = notice().expect("a notice");
        assert!(
            notice.text.contains("Kenji") && notice.text.contains("Aoi") && notice.text.contains("異動のため"),
            "{}",
            notice.text
        );
        assert!(notice.text.contains(&format!("/pairs/{}", l.pair_id)), "{}", notice.text);
    }
    assert!(app.emails_to(&viewer.email).iter().all(|e| !e.subject.contains("left their pair")));
    let page = app.get(&format!("/api/v1/pairs/{}", l.pair_id), &l.owner.access_token).await;
    assert_eq!(page.ok(200)["health"]["status"], "inactive");
    let audit = app.get("/api/v1/audit-events", &l.owner.access_token).await;
    assert!(audit.ok(200)["items"].as_array().unwrap().iter().any(|e| e["action"] == "pair.left"));
    // A pair that ended takes nothing new, and the other pair is untouched.
    let held = chrono::Utc::now().to_rfc3339();
    app.post(
        &format!("{}/sessions", pair(&l)),
        Some(&kenji),
        json!({"held_at": held, "minutes": 30, "format": "chat"}),
    )
    .await
    .problem(409);
    let training = format!("/api/v1/portal/programs/{}/training/1/completion", l.program_id);
    app.post(&training, Some(&kenji), json!({})).await.problem(409);
    let other = app.get(&format!("/api/v1/pairs/{}", l.other_pair_id), &l.owner.access_token).await;
    assert_eq!(other.ok(200)["state"], "active");
}
