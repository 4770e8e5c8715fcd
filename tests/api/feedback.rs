//! Feedback: check-ins asked by email and answered from the link in one click, surveys from
//! templates in both languages, and the rule that anonymous answers are never shown for fewer
//! than five people, nor joined to a person anywhere.

use reqwest::Method;
use serde_json::{Value, json};
use tandem_tests::{TestApp, on_both_databases};

use crate::launched::{Launched, activate, email, launched};

on_both_databases!(
    check_ins_are_asked_once_and_answered_from_the_emailed_link,
    a_bad_check_in_answer_is_refused_and_nothing_is_written,
    surveys_start_from_a_template_and_ask_the_audience_once,
    anonymous_results_appear_from_five_answers_and_never_name_anyone,
    bad_surveys_and_bad_answers_are_refused_by_field,
    a_company_keeps_its_own_survey_templates,
    results_measure_each_metric_against_its_target,
    exports_stream_each_table_with_formulas_made_safe,
    attention_lists_pairs_at_risk_check_ins_overdue_and_surveys_closing,
    the_server_log_keeps_no_trace_of_who_answered_what,
);

/// The token of the link to `path` in the newest email to `to` that has one, waiting for it:
/// the person may have other mail (a portal sign-in link) after it.
async fn link_token(app: &TestApp, to: &str, path: &str) -> String {
    for _ in 0..tandem_tests::polls() {
        if let Some(email) = app.emails_to(to).into_iter().rev().find(|e| e.text.contains(path)) {
            let start = email.text.find(path).unwrap() + path.len();
            return email.text[start..].chars().take_while(|c| c.is_ascii_hexdigit() || *c == '.').collect();
        }
        tokio::time::sleep(tandem_tests::POLL).await;
    }
    panic!("no {path} link in the emails to {to}");
}

async fn check_ins_are_asked_once_and_answered_from_the_emailed_link(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let token = l.owner.access_token.as_str();
    let ask = format!("/api/v1/programs/{}/check-ins", l.program_id);
    // Not launched yet: nobody is asked.
    assert_eq!(app.post(&ask, Some(token), json!({})).await.problem(409), "/problems/conflict");
    activate(&app, &l).await;
    let asked = app.post(&ask, Some(token), json!({})).await;
    let period = asked.ok(202)["period"].as_str().unwrap().to_owned();

    // Each member of both pairs, in their language, with one link per score.
    for address in [&l.aoi, &l.kenji, &l.ren, &l.mei] {
        app.wait_for_emails_to(address, 1).await;
    }
    let kenji = &app.emails_to(&l.kenji)[0];
    assert!(kenji.subject.contains("Aoi") && kenji.subject.contains("いかがですか"), "{}", kenji.subject);
    let aoi = &app.emails_to(&l.aoi)[0];
    for score in 1..=5 {
        assert!(aoi.text.contains(&format!("&score={score}")), "{}", aoi.text);
    }
    assert!(aoi.raw.contains("List-Unsubscribe"), "a survey email can be unsubscribed from");

    // One click: the score from the link; then the rest.
    let check_in = format!("/api/v1/public/check-ins/{}", link_token(&app, &l.aoi, "/check-in?token=").await);
    let page = app.request(Method::GET, &check_in, None, None).await;
    assert_eq!((page.ok(200)["partner_name"].as_str(), page.body["answered"].as_bool()), (Some("Kenji"), Some(false)));
    let answered = app.request(Method::PUT, &check_in, None, Some(json!({"score": 2}))).await;
    assert_eq!((answered.ok(200)["score"].as_u64(), answered.body["answered"].as_bool()), (Some(2), Some(true)));
    let more = json!({"score": 2, "learned": true, "comment": "We keep moving our meetings"});
    app.request(Method::PUT, &check_in, None, Some(more)).await.ok(200);
    let kenji_link = format!("/api/v1/public/check-ins/{}", link_token(&app, &l.kenji, "/check-in?token=").await);
    let japanese = app.request(Method::GET, &kenji_link, None, None).await;
    assert_eq!(
        (japanese.ok(200)["locale"].as_str(), japanese.body["partner_name"].as_str()),
        (Some("ja"), Some("Aoi"))
    );
    app.request(Method::PUT, &kenji_link, None, Some(json!({"score": 5, "learned": false}))).await.ok(200);

    // The company reads the trend and each member's latest, lowest first.
    let report = app.get(&ask, token).await;
    let report = report.ok(200);
    assert_eq!(report["current_period"].as_str(), Some(period.as_str()));
    assert_eq!(
        report["periods"],
        json!([{"period": period, "asked": 4, "answered": 2, "average_score": 3.5, "learned_share": 50.0}])
    );
    assert_eq!(report["latest"][0]["name"], "Aoi");
    assert_eq!(report["latest"][0]["comment"], "We keep moving our meetings");
    assert_eq!(report["latest"][1]["score"], 5);

    // Asking again this period asks nobody twice.
    app.post(&ask, Some(token), json!({})).await.ok(202);
    app.eventually("both check-in jobs to finish", || async {
        app.query_strings("SELECT state FROM jobs WHERE kind = 'check_ins'").await.iter().all(|s| s == "done")
    })
    .await;
    assert_eq!(app.count("check_ins").await, 4);
    assert_eq!(app.emails_to(&l.mei).len(), 1);

    // Once the period (and its week of grace) is over, the link only reads.
    app.execute("UPDATE check_ins SET period_end = '2020-01-31'").await;
    let late = app.request(Method::PUT, &check_in, None, Some(json!({"score": 4}))).await;
    assert_eq!(late.problem(409), "/problems/conflict");
    assert_eq!(app.request(Method::GET, &check_in, None, None).await.ok(200)["open"], false);
    // A link that is not one.
    let forged = format!("/api/v1/public/check-ins/{}.{}", l.owner.tenant_id.replace('-', ""), "ab".repeat(24));
    app.request(Method::GET, &forged, None, None).await.problem(404);
    app.request(Method::PUT, &forged, None, Some(json!({"score": 3}))).await.problem(404);
}

async fn a_bad_check_in_answer_is_refused_and_nothing_is_written(app: TestApp) {
    let l = launched(&app, "sakura").await;
    activate(&app, &l).await;
    app.post(&format!("/api/v1/programs/{}/check-ins", l.program_id), Some(&l.owner.access_token), json!({}))
        .await
        .ok(202);
    app.wait_for_emails_to(&l.aoi, 1).await;
    let check_in = format!("/api/v1/public/check-ins/{}", link_token(&app, &l.aoi, "/check-in?token=").await);
    let bad = app
        .request(
            Method::PUT,
            &check_in,
            None,
            Some(json!({"score": 6, "comment": format!("a\u{7}{}", "x".repeat(10))})),
        )
        .await;
    assert_eq!(bad.problem(422), "/problems/validation");
    let mut fields = bad.invalid_fields();
    fields.sort();
    assert_eq!(fields, ["comment", "score"]);
    assert_eq!(app.query_strings("SELECT 'x' FROM check_ins WHERE answered_at IS NOT NULL").await.len(), 0);
    let unknown = app.request(Method::PUT, &check_in, None, Some(json!({"score": 3, "extra": 1}))).await;
    assert_eq!(unknown.problem(422), "/problems/validation");
    assert_eq!(unknown.invalid_fields(), ["extra"]);
    assert_eq!(app.query_strings("SELECT 'x' FROM check_ins WHERE answered_at IS NOT NULL").await.len(), 0);
}

/// `n` more pairs in the program (mentor i and mentee i), so that surveys have enough people.
async fn more_pairs(app: &TestApp, l: &Launched, company: &str, n: usize) -> Vec<(String, String)> {
    let mut ids = Vec::new();
    let mut addresses = Vec::new();
    for i in 0..n {
        for (side, level) in [("Mentor", 2), ("Mentee", 9)] {
            let name = format!("{side}{i}");
            let person = json!({"external_id": format!("X{side}{i}"), "name": name, "email": email(&name, company),
                "job_level": level, "preferred_locale": "en"});
            let created = app.post("/api/v1/people", Some(&l.owner.access_token), person).await;
            ids.push(created.ok(201)["id"].as_str().unwrap().to_owned());
        }
        addresses.push((email(&format!("Mentor{i}"), company), email(&format!("Mentee{i}"), company)));
    }
    let store = app.store().await;
    let tx = store.tenant(l.owner.tenant_id.parse().unwrap()).await.unwrap();
    let program: tandem_domain::ProgramId = l.program_id.parse().unwrap();
    let run = tx.create_matching_run(program, tandem_domain::matching::run::Mode::MostPairs, &json!({})).await.unwrap();
    let proposals = ids
        .chunks(2)
        .map(|p| tandem_store::NewProposal {
            mentor: p[0].parse().unwrap(),
            mentee: p[1].parse().unwrap(),
            score: 1.0,
            parts: json!([]),
            locked: false,
        })
        .collect();
    let result = tandem_store::RunResult {
        total: n as f64,
        unmatched: 0,
        proven_optimal: true,
        blocking_pairs: 0,
        result: json!({}),
        proposals,
    };
    assert!(tx.finish_run(run.id, result).await.unwrap());
    let proposals = tx.all_proposals(run.id).await.unwrap();
    tx.create_pairs(program, run.id, &proposals).await.unwrap();
    tx.commit().await.unwrap();
    addresses
}

async fn surveys_start_from_a_template_and_ask_the_audience_once(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let token = Some(l.owner.access_token.as_str());
    let surveys = format!("/api/v1/programs/{}/surveys", l.program_id);
    let created = app.post(&surveys, token, json!({"kind": "mid_program", "audience": "mentee"})).await;
    let survey = created.ok(201).clone();
    assert_eq!((survey["state"].as_str(), survey["anonymous"].as_bool()), (Some("draft"), Some(true)));
    assert_eq!(survey["title"], "Mid-program survey");
    let keys: Vec<&str> = survey["questions"].as_array().unwrap().iter().map(|q| q["key"].as_str().unwrap()).collect();
    assert!(keys.contains(&"learned") && !keys.contains(&"shared"), "mentees are asked what they learned: {keys:?}");
    assert_eq!(survey["questions"][0]["labels"]["ja"], "ペアの活動は順調に進んでいる。");
    let path = format!("{surveys}/{}", survey["id"].as_str().unwrap());
    // A draft is edited; an open one is not.
    let edited = app
        .request(Method::PUT, &path, token, Some(json!({"kind": "mid_program", "audience": "mentee", "title": "中間アンケート", "closes_on": "2099-03-15"})))
        .await;
    assert_eq!(edited.ok(200)["title"], "中間アンケート");
    // Not launched: nobody to ask yet.
    assert_eq!(app.post(&format!("{path}/open"), token, json!({})).await.problem(409), "/problems/conflict");
    activate(&app, &l).await;
    let opened = app.post(&format!("{path}/open"), token, json!({})).await;
    assert_eq!(opened.ok(200)["state"], "open");
    // The two mentees are asked; the mentors are not.
    let kenji = app.wait_for_emails_to(&l.kenji, 1).await;
    app.wait_for_emails_to(&l.mei, 1).await;
    assert!(kenji[0].subject.contains("中間アンケート"), "{}", kenji[0].subject);
    assert!(kenji[0].text.contains("匿名") && kenji[0].text.contains("/survey?token="), "{}", kenji[0].text);
    app.eventually("the invitations to be recorded", || async {
        app.get(&path, &l.owner.access_token).await.body["invited"] == 2
    })
    .await;
    assert!(app.emails_to(&l.aoi).is_empty() && app.emails_to(&l.ren).is_empty());
    let edit_open = app.request(Method::PUT, &path, token, Some(json!({"kind": "custom", "audience": "mentee"}))).await;
    assert_eq!(edit_open.problem(409), "/problems/conflict");
    app.delete(&path, &l.owner.access_token).await.problem(409);
    app.post(&format!("{path}/open"), token, json!({})).await.problem(409);

    // Kenji reads it in Japanese and answers once.
    let link = link_token(&app, &l.kenji, "/survey?token=").await;
    let form = app.request(Method::GET, &format!("/api/v1/public/surveys/{link}"), None, None).await;
    assert_eq!((form.ok(200)["locale"].as_str(), form.body["answered"].as_bool()), (Some("ja"), Some(false)));
    assert_eq!(form.body["questions"][0]["label"], "ペアの活動は順調に進んでいる。");
    let meetings = form.body["questions"].as_array().unwrap().iter().find(|q| q["key"] == "meetings").unwrap();
    assert_eq!(meetings["options"][1], json!({"value": "As planned", "label": "予定どおり"}));
    let answers = json!({"going": 4, "learned": 5, "trust": 4, "meetings": "As planned"});
    let sent = app.post("/api/v1/public/survey-responses", None, json!({"token": link, "answers": answers})).await;
    assert_eq!(sent.status, 201, "{}", sent.body);
    let again = app.post("/api/v1/public/survey-responses", None, json!({"token": link, "answers": answers})).await;
    assert_eq!(again.problem(409), "/problems/conflict");
    assert_eq!(app.count("survey_responses").await, 1);

    // A reminder reaches only who has not answered; closing stops answers.
    app.post(&format!("{path}/reminders"), token, json!({})).await.ok(202);
    let mei = app.wait_for_emails_to(&l.mei, 2).await;
    assert!(mei[1].subject.starts_with("Reminder:"), "{}", mei[1].subject);
    app.eventually("the reminder job to finish", || async {
        app.query_strings("SELECT state FROM jobs WHERE kind = 'survey_reminder'").await.iter().all(|s| s == "done")
    })
    .await;
    assert_eq!(app.emails_to(&l.kenji).len(), 1, "who answered is not reminded");
    let closed = app.post(&format!("{path}/close"), token, json!({})).await;
    assert_eq!(closed.ok(200)["state"], "closed");
    let mei_link = link_token(&app, &l.mei, "/survey?token=").await;
    let late = app.post("/api/v1/public/survey-responses", None, json!({"token": mei_link, "answers": answers})).await;
    assert_eq!(late.problem(409), "/problems/conflict");
    app.post(&format!("{path}/reminders"), token, json!({})).await.problem(409);
}

async fn anonymous_results_appear_from_five_answers_and_never_name_anyone(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let extra = more_pairs(&app, &l, "sakura", 4).await;
    activate(&app, &l).await;
    let token = Some(l.owner.access_token.as_str());
    let surveys = format!("/api/v1/programs/{}/surveys", l.program_id);
    let survey = app.post(&surveys, token, json!({"kind": "custom", "audience": "either"})).await.ok(201).clone();
    let path = format!("{surveys}/{}", survey["id"].as_str().unwrap());
    app.post(&format!("{path}/open"), token, json!({})).await.ok(200);
    // Everyone in the six pairs: four mentors and four mentees of the extra pairs, and the first four.
    let mut people: Vec<String> = vec![l.aoi.clone(), l.kenji.clone(), l.ren.clone(), l.mei.clone()];
    for (mentor, mentee) in &extra {
        people.extend([mentor.clone(), mentee.clone()]);
    }
    for address in &people {
        app.wait_for_emails_to(address, 1).await;
    }
    let results = format!("{path}/results");
    let secret = |i: usize| format!("only-person-{i}-wrote-this");
    for (i, address) in people.iter().take(5).enumerate() {
        let link = link_token(&app, address, "/survey?token=").await;
        let answers = json!({"going": 1 + (i % 5), "comment": secret(i)});
        let sent = app.post("/api/v1/public/survey-responses", None, json!({"token": link, "answers": answers})).await;
        assert_eq!(sent.status, 201, "{}", sent.body);
        let shown = app.get(&results, &l.owner.access_token).await.ok(200).clone();
        if i < 4 {
            // Fewer than five: nothing at all, not even how many.
            assert_eq!(shown["results"]["respondents"], Value::Null, "{shown}");
            assert_eq!(shown["results"]["groups"], json!([]));
            assert!(!shown.to_string().contains(&secret(i)));
        } else {
            assert_eq!(shown["results"]["respondents"], 5);
            let groups = shown["results"]["groups"].as_array().unwrap();
            // Three mentors and two mentees answered: each role is too small to show alone.
            assert_eq!(groups.len(), 1, "{shown}");
            let going = &groups[0]["questions"][0];
            assert_eq!((going["answered"].as_u64(), going["mean"].as_f64()), (Some(5), Some(3.0)));
            let texts = groups[0]["questions"][1]["texts"].as_array().unwrap();
            assert_eq!(texts.len(), 5, "{shown}");
        }
    }
    // Nothing anywhere joins an answer to a person: the rows have no person, and no route a
    // company reads shows a respondent's name or id next to the answers.
    assert_eq!(app.query_strings("SELECT 'x' FROM survey_responses WHERE person_id IS NOT NULL").await.len(), 0);
    assert_eq!(app.query_strings("SELECT 'x' FROM survey_invitees WHERE answered").await.len(), 5);
    let shown = app.get(&results, &l.owner.access_token).await.ok(200).to_string();
    for name in ["Aoi", "Kenji", "Ren", "Mei", "Mentor0", "Mentee0", "Mentor1"] {
        assert!(!shown.contains(name), "{name} in {shown}");
    }
    let reads = [
        format!("/api/v1/programs/{}/monitoring", l.program_id),
        format!("/api/v1/programs/{}/check-ins", l.program_id),
        format!("/api/v1/pairs/{}", l.pair_id),
        "/api/v1/audit-events".to_owned(),
        "/api/v1/email/deliveries".to_owned(),
        surveys.clone(),
    ];
    for read in &reads {
        let body = app.get(read, &l.owner.access_token).await.ok(200).to_string();
        for i in 0..5 {
            assert!(!body.contains(&secret(i)), "{read} shows an answer: {body}");
        }
    }
    // A participant's own link does not show what they answered either.
    let link = link_token(&app, &people[0], "/survey?token=").await;
    let form = app.request(Method::GET, &format!("/api/v1/public/surveys/{link}"), None, None).await;
    assert_eq!(form.ok(200)["answered"], true);
    assert!(!form.body.to_string().contains(&secret(0)));
}

async fn bad_surveys_and_bad_answers_are_refused_by_field(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let token = Some(l.owner.access_token.as_str());
    let surveys = format!("/api/v1/programs/{}/surveys", l.program_id);
    let bad = json!({"kind": "custom", "audience": "mentee", "title": " ", "closes_on": "2001-01-01",
        "questions": [{"key": "bad key", "label": "Q", "kind": "single_choice", "options": ["only one"]}]});
    let refused = app.post(&surveys, token, bad).await;
    assert_eq!(refused.problem(422), "/problems/validation");
    let mut fields = refused.invalid_fields();
    fields.sort();
    fields.dedup();
    assert_eq!(fields, ["closes_on", "questions", "title"], "{}", refused.body);
    assert_eq!(app.count("surveys").await, 0);

    activate(&app, &l).await;
    let survey = app.post(&surveys, token, json!({"kind": "mid_program", "audience": "mentor"})).await.ok(201).clone();
    let path = format!("{surveys}/{}", survey["id"].as_str().unwrap());
    app.post(&format!("{path}/open"), token, json!({})).await.ok(200);
    app.wait_for_emails_to(&l.aoi, 1).await;
    let link = link_token(&app, &l.aoi, "/survey?token=").await;
    let answers = json!({"going": 9, "meetings": "Never", "help": ["More time for sessions", "Nope"], "nope": 1});
    let refused = app.post("/api/v1/public/survey-responses", None, json!({"token": link, "answers": answers})).await;
    assert_eq!(refused.problem(422), "/problems/validation");
    let mut fields = refused.invalid_fields();
    fields.sort();
    assert_eq!(
        fields,
        ["answers.going", "answers.help", "answers.meetings", "answers.nope", "answers.shared", "answers.trust"]
    );
    assert_eq!(app.count("survey_responses").await, 0);
    assert_eq!(app.query_strings("SELECT 'x' FROM survey_invitees WHERE answered").await.len(), 0);
    let unknown =
        json!({"token": format!("{}.{}", l.owner.tenant_id.replace('-', ""), "cd".repeat(24)), "answers": {}});
    app.post("/api/v1/public/survey-responses", None, unknown).await.problem(404);
}

async fn a_company_keeps_its_own_survey_templates(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let token = l.owner.access_token.as_str();
    let template = "/api/v1/survey-templates/end_of_program/mentee";
    let product = app.get(template, token).await;
    assert_eq!(product.ok(200)["custom"], false);
    assert!(product.body["questions"].as_array().unwrap().iter().any(|q| q["kind"] == "nps"));
    let own = json!({"questions": [{"key": "worth", "label": "Was it worth your time?", "labels": {"ja": "時間をかける価値がありましたか？"},
        "kind": "scale", "required": true}]});
    let kept = app.request(Method::PUT, template, Some(token), Some(own)).await;
    assert_eq!(kept.ok(200)["custom"], true);
    let bad = app.request(Method::PUT, template, Some(token), Some(json!({"questions": []}))).await;
    assert_eq!(bad.problem(422), "/problems/validation");
    let surveys = format!("/api/v1/programs/{}/surveys", l.program_id);
    let survey = app.post(&surveys, Some(token), json!({"kind": "end_of_program", "audience": "mentee"})).await;
    assert_eq!(survey.ok(201)["questions"][0]["key"], "worth");
    app.delete(template, token).await.ok(204);
    assert_eq!(app.get(template, token).await.ok(200)["custom"], false);
    // Another company still has the product's.
    let other = app.signup("kaede", "owner@kaede.example").await;
    assert_eq!(app.get(template, &other.access_token).await.ok(200)["custom"], false);
}

async fn results_measure_each_metric_against_its_target(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let token = l.owner.access_token.as_str();
    // A manual metric next to the template's (a survey question and the senior-learned share).
    let program_path = format!("/api/v1/programs/{}", l.program_id);
    let mut design = app.get(&program_path, token).await.ok(200)["design"].clone();
    design["success_metrics"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "Mentees promoted", "target": 3.0, "unit": "people",
        "measured_by": "HR records", "source": "manual"}));
    app.request(Method::PUT, &program_path, Some(token), Some(design)).await.ok(200);
    let extra = more_pairs(&app, &l, "sakura", 1).await;
    activate(&app, &l).await;

    // Values for the manual metric; the measured ones refuse values.
    let values = format!("/api/v1/programs/{}/metric-values", l.program_id);
    let first = json!({"metric": "Mentees promoted", "value": 1.0, "recorded_on": "2026-01-31"});
    app.post(&values, Some(token), first).await.ok(201);
    let latest = app.post(&values, Some(token), json!({"metric": "Mentees promoted", "value": 4.0})).await;
    assert_eq!(latest.ok(201)["value"], 4.0);
    let bad = app
        .post(
            &values,
            Some(token),
            json!({"metric": "Pairs where the senior member learned", "value": 1.0, "recorded_on": "2999-01-01"}),
        )
        .await;
    let mut fields = bad.invalid_fields();
    fields.sort();
    assert_eq!(fields, ["metric", "recorded_on"], "{}", bad.body);
    let unknown = app.post(&values, Some(token), json!({"metric": "Nothing", "value": 1.0})).await;
    assert_eq!(unknown.invalid_fields(), ["metric"]);
    assert_eq!(app.count("metric_readings").await, 2);

    // Kenji (level 9) learned from Aoi (level 2): the senior member learned in one pair of three.
    let kenji = app.participant(&l.kenji).await;
    let learning = json!({"direction": "learned", "topics": ["TikTok"]});
    app.post(&format!("/api/v1/portal/pairs/{}/learning", l.pair_id), Some(&kenji), learning).await.ok(201);
    let held = (chrono::Utc::now() - chrono::Duration::days(1)).to_rfc3339();
    let session = json!({"held_at": held, "minutes": 45, "format": "video", "topics": ["TikTok"]});
    app.post(&format!("/api/v1/portal/pairs/{}/sessions", l.pair_id), Some(&kenji), session).await.ok(201);

    // An end-of-program survey: four of five say the program changed how they work.
    let surveys = format!("/api/v1/programs/{}/surveys", l.program_id);
    let survey = app.post(&surveys, Some(token), json!({"kind": "end_of_program", "audience": "either"})).await;
    let survey_path = format!("{surveys}/{}", survey.ok(201)["id"].as_str().unwrap());
    app.post(&format!("{survey_path}/open"), Some(token), json!({})).await.ok(200);
    let everyone = [l.aoi.clone(), l.kenji.clone(), l.ren.clone(), l.mei.clone(), extra[0].0.clone()];
    for (i, address) in everyone.iter().enumerate() {
        let link = {
            app.wait_for_emails_to(address, 1).await;
            link_token(&app, address, "/survey?token=").await
        };
        let (changed, recommend) = if i == 0 { (2, 3) } else { (4 + (i % 2), 10) };
        let answers = json!({"recommend": recommend, "changed": changed, "continue": "Yes", "learned": 4, "shared": 4});
        let sent = app.post("/api/v1/public/survey-responses", None, json!({"token": link, "answers": answers})).await;
        assert_eq!(sent.status, 201, "{}", sent.body);
    }

    let results = app.get(&format!("/api/v1/programs/{}/results", l.program_id), token).await;
    let results = results.ok(200).clone();
    assert_eq!(results["funnel"]["matched"], 6);
    assert_eq!(results["funnel"]["active"], 6);
    assert_eq!(results["sessions_by_month"].as_array().unwrap().len(), 1, "{}", results["sessions_by_month"]);
    assert_eq!(results["sessions_by_month"][0]["sessions"], 1);
    assert_eq!(results["executives"]["with_executive"], 1);
    assert_eq!(results["executives"]["pairs"], 3);
    assert_eq!(results["diversity"]["pairs"], 3);
    assert_eq!(results["surveys"][0]["respondents"], 5);
    // Four promoters and one detractor.
    assert_eq!(results["surveys"][0]["nps"], 60.0);
    let metric =
        |name: &str| results["metrics"].as_array().unwrap().iter().find(|m| m["name"] == name).unwrap().clone();
    let changed = metric("Participants who say the program changed how they work");
    assert_eq!((changed["measured"].as_f64(), changed["met"].as_bool()), (Some(80.0), Some(true)), "{changed}");
    assert_eq!(changed["trend"].as_array().unwrap().len(), 1);
    let senior = metric("Pairs where the senior member learned");
    assert_eq!(senior["measured"].as_f64(), Some(33.3), "{senior}");
    assert_eq!(senior["met"], false);
    let promoted = metric("Mentees promoted");
    assert_eq!((promoted["measured"].as_f64(), promoted["met"].as_bool()), (Some(4.0), Some(true)));
    assert_eq!(
        promoted["trend"],
        json!([{"on": "2026-01-31", "value": 1.0}, {"on": chrono::Utc::now().date_naive(), "value": 4.0}])
    );
}

async fn exports_stream_each_table_with_formulas_made_safe(app: TestApp) {
    let l = launched(&app, "sakura").await;
    activate(&app, &l).await;
    let token = l.owner.access_token.as_str();
    let kenji = app.participant(&l.kenji).await;
    let pair = format!("/api/v1/portal/pairs/{}", l.pair_id);
    let held = (chrono::Utc::now() - chrono::Duration::days(1)).to_rfc3339();
    let session =
        json!({"held_at": held, "minutes": 45, "format": "video", "topics": ["=HYPERLINK(\"http://evil.example\")"]});
    app.post(&format!("{pair}/sessions"), Some(&kenji), session).await.ok(201);
    let learning = json!({"direction": "learned", "topics": ["TikTok"], "note": "+1 for short videos"});
    app.post(&format!("{pair}/learning"), Some(&kenji), learning).await.ok(201);
    app.post(&format!("{pair}/notes"), Some(&kenji), json!({"body": "my private worry"})).await.ok(201);
    let export = |table: &str| format!("/api/v1/programs/{}/exports/{table}", l.program_id);
    let app = &app;
    let get = |table: &'static str| {
        let url = app.url(&export(table));
        async move {
            let reply = app.client.get(url).bearer_auth(token).send().await.unwrap();
            assert_eq!(reply.status(), 200, "{table}");
            assert_eq!(reply.headers()["content-type"], "text/csv; charset=utf-8");
            reply.text().await.unwrap()
        }
    };

    let text = get("sessions").await;
    assert!(text.starts_with('\u{feff}'), "a byte-order mark for spreadsheets");
    assert!(text.contains("'=HYPERLINK"), "a formula is written as text: {text}");
    assert_eq!(text.lines().count(), 2, "{text}");
    let learning = get("learning").await;
    assert!(learning.contains("'+1 for short videos"), "{learning}");
    let pairs = get("pairs").await;
    assert_eq!(pairs.lines().count(), 3, "{pairs}");
    assert!(pairs.contains("Aoi") && pairs.contains("Kenji"));
    for table in ["check-ins", "nudges", "surveys"] {
        assert_eq!(get(table).await.lines().count(), 1, "{table}: the header only");
    }
    let metrics = get("metrics").await;
    assert!(metrics.contains("senior_learned"), "{metrics}");
    // Private notes are in no export.
    for table in ["pairs", "sessions", "learning", "check-ins", "nudges", "surveys", "metrics"] {
        assert!(!get(table).await.contains("private worry"), "{table}");
    }
    app.get(&export("notes"), token).await.problem(404);
}

async fn attention_lists_pairs_at_risk_check_ins_overdue_and_surveys_closing(app: TestApp) {
    let l = launched(&app, "sakura").await;
    let token = l.owner.access_token.as_str();
    let empty = app.get("/api/v1/attention", token).await;
    assert_eq!(
        empty.ok(200).clone(),
        json!({"pairs": [], "check_ins_overdue": [], "surveys_closing": [], "failed_emails": 0})
    );
    activate(&app, &l).await;
    let formed =
        (chrono::Utc::now() - chrono::Duration::days(60)).to_rfc3339_opts(chrono::SecondsFormat::Micros, false);
    app.execute(&format!("UPDATE pairs SET created_at = '{formed}'")).await;
    let store = app.store().await;
    let tx = store.tenant(l.owner.tenant_id.parse().unwrap()).await.unwrap();
    let pair = tx.pair(l.pair_id.parse().unwrap()).await.unwrap();
    let today = chrono::Utc::now().date_naive();
    let check_in = tandem_store::NewCheckIn {
        id: tandem_domain::CheckInId::new(),
        program: l.program_id.parse().unwrap(),
        pair: pair.id,
        person: pair.mentor,
        period: today - chrono::Duration::days(5),
        period_end: today + chrono::Duration::days(5),
        token_hash: "a check-in".into(),
    };
    tx.insert_check_in(check_in).await.unwrap();
    tx.commit().await.unwrap();
    // Asked just now: not overdue yet. Asked five days ago: overdue.
    let now = app.get("/api/v1/attention", token).await.ok(200).clone();
    assert_eq!(now["check_ins_overdue"], json!([]), "{now}");
    let asked = (chrono::Utc::now() - chrono::Duration::days(5)).to_rfc3339_opts(chrono::SecondsFormat::Micros, false);
    app.execute(&format!("UPDATE check_ins SET created_at = '{asked}'")).await;
    let surveys = format!("/api/v1/programs/{}/surveys", l.program_id);
    let closes = (today + chrono::Duration::days(3)).to_string();
    let survey = app
        .post(&surveys, Some(token), json!({"kind": "mid_program", "audience": "mentee", "closes_on": closes}))
        .await;
    let survey_id = survey.ok(201)["id"].as_str().unwrap().to_owned();
    app.post(&format!("{surveys}/{survey_id}/open"), Some(token), json!({})).await.ok(200);

    let attention = app.get("/api/v1/attention", token).await.ok(200).clone();
    assert_eq!(attention["pairs"].as_array().unwrap().len(), 2, "{attention}");
    assert_eq!(attention["pairs"][0]["status"], "at_risk");
    assert!(!attention["pairs"][0]["reasons"].as_array().unwrap().is_empty());
    assert_eq!(attention["check_ins_overdue"][0]["unanswered"], 1);
    assert_eq!(attention["surveys_closing"][0]["survey_id"], survey_id.as_str());
    assert_eq!(attention["surveys_closing"][0]["closes_on"], closes.as_str());
    let japanese = app
        .client
        .get(app.url("/api/v1/attention"))
        .bearer_auth(token)
        .header("Accept-Language", "ja")
        .send()
        .await
        .unwrap();
    let japanese: Value = japanese.json().await.unwrap();
    let reason = japanese["pairs"][0]["reasons"][0].as_str().unwrap();
    assert!(!reason.is_ascii(), "reasons in the reader's language: {reason}");
}

/// An `api` process with its own log, at the production level and at the most detailed one:
/// answering a survey (well, and badly) leaves nothing in it that names the respondent, carries
/// their link, or repeats what they answered.
async fn the_server_log_keeps_no_trace_of_who_answered_what(app: TestApp) {
    let l = launched(&app, "sakura").await;
    activate(&app, &l).await;
    let token = Some(l.owner.access_token.as_str());
    let surveys = format!("/api/v1/programs/{}/surveys", l.program_id);
    let survey = app.post(&surveys, token, json!({"kind": "custom", "audience": "either"})).await;
    let path = format!("{surveys}/{}", survey.ok(201)["id"].as_str().unwrap());
    app.post(&format!("{path}/open"), token, json!({})).await.ok(200);
    let people = [&l.aoi, &l.kenji];
    for address in people {
        app.wait_for_emails_to(address, 1).await;
    }
    for (level, address) in ["info", "trace"].into_iter().zip(people) {
        let log = app.temp_dir().join(format!("api-{level}.log"));
        let (mut command, port) = crate::workers::tandem_command(&app, "api");
        let file = std::fs::File::create(&log).unwrap();
        command
            .env("TANDEM_LOG_LEVEL", level)
            .env("TANDEM_LOG_FORMAT", "json")
            .stdout(file.try_clone().unwrap())
            .stderr(file);
        let mut api = command.spawn().expect("the api starts");
        let url = |path: &str| format!("http://127.0.0.1:{port}{path}");
        let mut up = false;
        for _ in 0..tandem_tests::polls() {
            if app.client.get(url("/healthz")).send().await.is_ok_and(|r| r.status() == 200) {
                up = true;
                break;
            }
            tokio::time::sleep(tandem_tests::POLL).await;
        }
        assert!(up, "the api process answers");
        let link = link_token(&app, address, "/survey?token=").await;
        let secret = format!("only-{level}-wrote-this");
        let send = |answers: Value| {
            app.client
                .post(url("/api/v1/public/survey-responses"))
                .json(&json!({"token": link, "answers": answers}))
                .send()
        };
        assert_eq!(send(json!({"going": 9, "comment": secret})).await.unwrap().status(), 422);
        assert_eq!(send(json!({"going": 4, "comment": secret})).await.unwrap().status(), 201);
        api.kill().ok();
        api.wait().ok();
        let written = std::fs::read_to_string(&log).unwrap();
        assert!(written.contains("survey-responses"), "the requests were logged at {level}: {written}");
        let person = app.query_strings(&format!("SELECT name FROM people WHERE email = '{address}'")).await;
        for trace in
            [link.as_str(), link.split('.').nth(1).unwrap(), secret.as_str(), address.as_str(), person[0].as_str()]
        {
            assert!(!written.contains(trace), "the {level} log holds {trace:?}");
        }
    }
}
