//! Changing a matching in one step and living with it after publishing: swaps, removals and
//! pairs made by hand become locks and forbids that a new run keeps; locks and forbids are
//! named by a run's pseudonyms; publishing can be tried without doing it; a withdrawn pair
//! frees whoever stays for the next run, which never makes that pair again; and the
//! application form offers the company's skills and takes wishes by work email.

use serde_json::{Value, json};
use tandem_tests::{Company, TestApp, on_both_databases};

use crate::matching::{
    draft_program, email_about, finished_run, no_identities, people, program_with_applicants, program_with_forms,
    proposals,
};

on_both_databases!(
    a_swap_a_removal_and_a_pair_by_hand_each_take_one_step,
    bad_changes_are_refused_in_words_and_nothing_is_written,
    a_dry_run_publishes_nothing_and_a_withdrawal_frees_the_partner_for_the_next_run,
    the_form_offers_the_companys_skills_and_checks_wishes,
    wishes_by_work_email_reach_the_matching,
);

/// The proposal whose mentor is in `department` (each mentor has their own department).
fn with_mentor_in<'a>(pairs: &'a [Value], department: &str) -> &'a Value {
    pairs.iter().find(|p| p["mentor"]["department"] == department).unwrap_or_else(|| panic!("{pairs:?}"))
}

/// Waits for the run a change started, then answers it.
async fn finished(app: &TestApp, owner: &Company, started: &Value) -> Value {
    assert_eq!(started["state"], "queued", "{started}");
    let path = format!("/api/v1/matching-runs/{}", started["id"].as_str().unwrap());
    app.eventually("the new run to finish", || async {
        let state = app.get(&path, &owner.access_token).await.body["state"].clone();
        state == "done" || state == "failed"
    })
    .await;
    app.get(&path, &owner.access_token).await.ok(200).clone()
}

fn changes_of(run: &Value) -> String {
    format!("/api/v1/matching-runs/{}/changes", run["id"].as_str().unwrap())
}

async fn a_swap_a_removal_and_a_pair_by_hand_each_take_one_step(app: TestApp) {
    let owner = app.signup("Sakura", "owner@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let program = program_with_applicants(&app, &owner).await;
    let first = finished_run(&app, &owner, &program, json!({})).await;
    let pairs = proposals(&app, &owner, &first).await;
    assert_eq!(pairs.len(), 3, "{pairs:?}");
    let (aoi, ren) = (with_mentor_in(&pairs, "Marketing"), with_mentor_in(&pairs, "Sales"));
    let kai_mentee = with_mentor_in(&pairs, "IT")["mentee"]["department"].clone();

    // Swap: Aoi and Ren exchange mentees; the new run keeps the swap and proves the rest optimal.
    let swap = json!({"kind": "swap", "mentor": aoi["mentor"]["pseudonym"], "mentee": aoi["mentee"]["pseudonym"],
        "other_mentor": ren["mentor"]["pseudonym"], "other_mentee": ren["mentee"]["pseudonym"]});
    let started = app.post(&changes_of(&first), token, swap).await;
    let second = finished(&app, &owner, started.ok(202)).await;
    assert_eq!(
        (&second["state"], &second["proven_optimal"], &second["mode"]),
        (&json!("done"), &json!(true), &first["mode"])
    );
    assert_eq!(second["settings"], first["settings"], "the same settings");
    let again = proposals(&app, &owner, &second).await;
    no_identities(&serde_json::to_string(&again).unwrap());
    let (aoi_now, ren_now) = (with_mentor_in(&again, "Marketing"), with_mentor_in(&again, "Sales"));
    assert_eq!(aoi_now["mentee"]["department"], ren["mentee"]["department"], "{again:?}");
    assert_eq!(ren_now["mentee"]["department"], aoi["mentee"]["department"], "{again:?}");
    assert_eq!((&aoi_now["locked"], &ren_now["locked"]), (&json!(true), &json!(true)));
    assert_eq!(with_mentor_in(&again, "IT")["mentee"]["department"], kai_mentee, "the third pair stays");

    // The swap is two locks and two forbids, named by the pseudonyms of the run asked about.
    let edits = format!("/api/v1/programs/{program}/matching-edits");
    let named = app.get(&format!("{edits}?run_id={}", second["id"].as_str().unwrap()), &owner.access_token).await;
    let named = named.ok(200).as_array().unwrap().clone();
    assert_eq!(named.len(), 4, "{named:?}");
    for lock in named.iter().filter(|e| e["kind"] == "lock") {
        let shown = again.iter().any(|p| {
            p["mentor"]["pseudonym"] == lock["mentor_pseudonym"] && p["mentee"]["pseudonym"] == lock["mentee_pseudonym"]
        });
        assert!(shown, "a lock names a proposal of the run by its pseudonyms: {lock}");
    }
    for forbid in named.iter().filter(|e| e["kind"] == "forbid") {
        assert!(forbid["mentor_pseudonym"].is_string() && forbid["mentee_pseudonym"].is_string(), "{forbid}");
    }
    let plain = app.get(&edits, &owner.access_token).await;
    assert!(plain.ok(200).as_array().unwrap().iter().all(|e| e["mentor_pseudonym"].is_null()), "{}", plain.body);
    let elsewhere = app.get(&format!("{edits}?run_id=00000000-0000-7000-8000-000000000000"), &owner.access_token).await;
    assert_eq!(elsewhere.invalid_fields(), ["run_id"]);

    // Remove Kai's pair: the others are locked, so Kai and his mentee are left out.
    let kai = with_mentor_in(&again, "IT");
    let remove = json!({"kind": "remove", "mentor": kai["mentor"]["pseudonym"], "mentee": kai["mentee"]["pseudonym"]});
    let started = app.post(&changes_of(&second), token, remove).await;
    let third = finished(&app, &owner, started.ok(202)).await;
    assert_eq!((&third["pairs"], &third["unmatched"]), (&json!(2), &json!(2)), "{third}");

    // Pair them again by hand: the lock replaces the forbid the removal made.
    let unmatched = app
        .get(&format!("/api/v1/matching-runs/{}/unmatched", third["id"].as_str().unwrap()), &owner.access_token)
        .await;
    let unmatched = unmatched.ok(200).as_array().unwrap().clone();
    let pseudonym =
        |role: &str| unmatched.iter().find(|u| u["person"]["role"] == role).unwrap()["person"]["pseudonym"].clone();
    let by_hand = json!({"kind": "pair", "mentor": pseudonym("mentor"), "mentee": pseudonym("mentee")});
    let started = app.post(&changes_of(&third), token, by_hand).await;
    let fourth = finished(&app, &owner, started.ok(202)).await;
    assert_eq!(fourth["pairs"], 3, "{fourth}");
    let last = proposals(&app, &owner, &fourth).await;
    let kai = with_mentor_in(&last, "IT");
    assert_eq!((&kai["mentee"]["department"], &kai["locked"]), (&kai_mentee, &json!(true)));
    let kinds: Vec<String> = app
        .get(&edits, &owner.access_token)
        .await
        .ok(200)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    let count = |kind: &str| kinds.iter().filter(|k| *k == kind).count();
    assert_eq!((count("lock"), count("forbid")), (3, 2), "{kinds:?}");

    let audit = app.get("/api/v1/audit-events?limit=100", &owner.access_token).await;
    let changed =
        audit.ok(200)["items"].as_array().unwrap().iter().filter(|e| e["action"] == "matching_run.changed").count();
    assert_eq!(changed, 3);
}

async fn bad_changes_are_refused_in_words_and_nothing_is_written(app: TestApp) {
    let owner = app.signup("Sakura", "owner@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let program = program_with_applicants(&app, &owner).await;
    let run = finished_run(&app, &owner, &program, json!({})).await;
    let pairs = proposals(&app, &owner, &run).await;
    let (aoi, ren) = (with_mentor_in(&pairs, "Marketing"), with_mentor_in(&pairs, "Sales"));
    let (a, x) = (&aoi["mentor"]["pseudonym"], &aoi["mentee"]["pseudonym"]);
    let (b, y) = (&ren["mentor"]["pseudonym"], &ren["mentee"]["pseudonym"]);
    let changes = changes_of(&run);
    let refused = [
        (json!({"kind": "remove", "mentor": "P-999", "mentee": x}), vec!["mentor"]),
        (json!({"kind": "swap", "mentor": a, "mentee": x}), vec!["other_mentor"]),
        (json!({"kind": "remove", "mentor": a, "mentee": x, "other_mentor": b}), vec!["other_mentor"]),
        (json!({"kind": "swap", "mentor": a, "mentee": x, "other_mentor": a, "other_mentee": x}), vec!["other_mentor"]),
        (json!({"kind": "remove", "mentor": a, "mentee": y}), vec!["mentee"]),
        (
            json!({"kind": "swap", "mentor": a, "mentee": y, "other_mentor": b, "other_mentee": x}),
            vec!["mentee", "other_mentee"],
        ),
        (json!({"kind": "pair", "mentor": x, "mentee": a}), vec!["mentor", "mentee"]),
        (json!({"kind": "pair", "mentor": a, "mentee": a}), vec!["mentee"]),
        (json!({"kind": "remove", "mentor": a, "mentee": x, "speed": "max"}), vec!["speed"]),
    ];
    for (body, fields) in refused {
        let reply = app.post(&changes, token, body.clone()).await;
        assert_eq!(reply.invalid_fields(), fields, "{body}: {}", reply.body);
    }
    let wrong_side = app.post(&changes, token, json!({"kind": "pair", "mentor": x, "mentee": a})).await;
    assert!(wrong_side.body.to_string().contains("applied on the other side"), "{}", wrong_side.body);
    app.post(&changes, token, json!({"kind": "marry", "mentor": a, "mentee": x})).await.problem(422);
    assert_eq!(app.count("matching_edits").await, 0, "nothing was written");
    assert_eq!(app.count("matching_runs").await, 1, "no run was started");

    // A run that failed has no proposals to change: Kai is locked with Mei, his manager.
    let kai = app.get("/api/v1/people?q=J3", &owner.access_token).await.ok(200)["items"][0]["id"].clone();
    let mei = app.get("/api/v1/people?q=S2", &owner.access_token).await.ok(200)["items"][0]["id"].clone();
    let lock = json!({"kind": "lock", "mentor_id": kai, "mentee_id": mei});
    app.post(&format!("/api/v1/programs/{program}/matching-edits"), token, lock).await.ok(201);
    let failed = finished_run(&app, &owner, &program, json!({})).await;
    assert_eq!(failed["state"], "failed", "{failed}");
    assert!(failed["error"].as_str().unwrap().contains("may not be paired"), "{failed}");
    let late = app.post(&changes_of(&failed), token, json!({"kind": "remove", "mentor": a, "mentee": x})).await;
    assert_eq!(late.problem(409), "/problems/conflict");
    assert_eq!(app.count("matching_runs").await, 2);
    app.post(
        "/api/v1/matching-runs/00000000-0000-7000-8000-000000000000/changes",
        token,
        json!({"kind": "remove", "mentor": a, "mentee": x}),
    )
    .await
    .problem(404);
}

async fn a_dry_run_publishes_nothing_and_a_withdrawal_frees_the_partner_for_the_next_run(app: TestApp) {
    let owner = app.signup("Sakura", "owner@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let program = program_with_applicants(&app, &owner).await;
    let mut run = finished_run(&app, &owner, &program, json!({})).await;
    // Kai's and Aoi's pairs are locked, so locks are on record when the program re-matches:
    // Kai's pair stays active, Aoi's is withdrawn.
    for department in ["IT", "Marketing"] {
        let pair = with_mentor_in(&proposals(&app, &owner, &run).await, department).clone();
        let by_hand =
            json!({"kind": "pair", "mentor": pair["mentor"]["pseudonym"], "mentee": pair["mentee"]["pseudonym"]});
        let started = app.post(&changes_of(&run), token, by_hand).await;
        run = finished(&app, &owner, started.ok(202)).await;
        assert_eq!(run["pairs"], 3, "{run}");
    }
    let matching = json!({"to": "matching", "close_campaigns": true});
    app.post(&format!("/api/v1/programs/{program}/transitions"), token, matching).await.ok(200);

    // The dry run answers what publishing does, and does none of it.
    let publish = format!("/api/v1/matching-runs/{}/publish", run["id"].as_str().unwrap());
    let emails_before = app.count("email_deliveries").await;
    let dry = app.post(&format!("{publish}?dry_run=true"), token, json!({})).await;
    let dry = dry.ok(200).clone();
    assert_eq!(dry, json!({"pairs": 3, "introductions": 6, "waitlisted": 0, "skipped": 0, "program_state": "active"}));
    assert_eq!(app.count("pairs").await, 0, "no pair was made");
    let still = app.get(&format!("/api/v1/programs/{program}"), &owner.access_token).await;
    assert_eq!(still.ok(200)["state"], "matching", "nor did the program go active");
    assert_eq!(app.count("email_deliveries").await, emails_before, "nothing was sent");
    let unpublished =
        app.get(&format!("/api/v1/matching-runs/{}", run["id"].as_str().unwrap()), &owner.access_token).await;
    assert!(unpublished.ok(200)["published_at"].is_null());
    let unclear = app.post(&format!("{publish}?dry_run=maybe"), token, json!({})).await;
    assert_eq!(unclear.invalid_fields(), ["query"]);
    assert_eq!(app.count("pairs").await, 0);
    assert_eq!(app.post(&publish, token, json!({})).await.ok(200), &dry, "publishing did what the dry run said");

    let listed = app.get(&format!("/api/v1/programs/{program}/pairs"), &owner.access_token).await;
    let listed = listed.ok(200)["items"].as_array().unwrap().clone();
    let pair_of = |mentor: &str| listed.iter().find(|p| p["mentor"]["name"] == mentor).unwrap().clone();
    let (ren_pair, aoi_pair) = (pair_of("Ren Ito"), pair_of("Aoi Mori"));
    let withdrawal = |pair: &Value| format!("/api/v1/pairs/{}/withdrawal", pair["id"].as_str().unwrap());

    // Bad input changes nothing.
    let stranger = aoi_pair["mentor"]["person_id"].clone();
    let not_member = app.post(&withdrawal(&ren_pair), token, json!({"person_id": stranger})).await;
    assert_eq!(not_member.invalid_fields(), ["person_id"]);
    let long = app.post(&withdrawal(&ren_pair), token, json!({"reason": "x".repeat(501)})).await;
    assert_eq!(long.invalid_fields(), ["reason"]);
    assert_eq!(app.post(&withdrawal(&ren_pair), token, json!({"why": "x"})).await.invalid_fields(), ["why"]);
    app.post("/api/v1/pairs/00000000-0000-7000-8000-000000000000/withdrawal", token, json!({})).await.problem(404);
    let still = app.get(&format!("/api/v1/programs/{program}/pairs"), &owner.access_token).await;
    assert!(still.ok(200)["items"].as_array().unwrap().iter().all(|p| p["state"] == "active"));

    // Ren's mentee leaves the program: Ren is told in Japanese, his language, and is free.
    let leaver = ren_pair["mentee"].clone();
    let body = json!({"person_id": leaver["person_id"], "reason": "Moved to the Osaka office"});
    let withdrawn = app.post(&withdrawal(&ren_pair), token, body).await;
    let withdrawn = withdrawn.ok(200).clone();
    assert_eq!(withdrawn["state"], "withdrawn");
    assert!(withdrawn["ended_at"].is_string(), "{withdrawn}");
    let again = app.post(&withdrawal(&ren_pair), token, json!({})).await;
    assert!(again.problem(409).ends_with("conflict"));
    assert!(again.body["detail"].as_str().unwrap().contains("ended already"), "{}", again.body);
    let told = email_about(&app, "ren@sakura.example", "ペアが終了しました").await;
    assert!(told.text.contains(leaver["name"].as_str().unwrap()), "{}", told.text);
    // Aoi's pair ends for both: each is told, in English, and the lock that made it becomes a
    // forbid.
    app.post(&withdrawal(&aoi_pair), token, json!({})).await.ok(200);
    let told = email_about(&app, "aoi@sakura.example", "has ended").await;
    assert!(told.text.contains("The next matching looks for a new partner for you"), "{}", told.text);
    let aoi_mentee = aoi_pair["mentee"]["name"].as_str().unwrap();
    let mentee_email = format!("{}@sakura.example", aoi_mentee.split(' ').next().unwrap().to_lowercase());
    email_about(&app, &mentee_email, "has ended").await;
    app.queue_idle(&owner.access_token).await;
    let leaver_email =
        format!("{}@sakura.example", leaver["name"].as_str().unwrap().split(' ').next().unwrap().to_lowercase());
    assert!(
        !app.emails_to(&leaver_email).iter().any(|e| e.subject.contains("has ended")),
        "the one who left is not told"
    );

    // The next run pairs the free people only (Ren, Aoi and her former mentee; the leaver is
    // out of the program, Kai's locked pair stays as it is) and never makes Aoi's pair again.
    let edits = app.get(&format!("/api/v1/programs/{program}/matching-edits"), &owner.access_token).await;
    let kinds: Vec<&str> = edits.ok(200).as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "lock").count(), 1, "Kai's lock only: {kinds:?}");
    let rematch = finished_run(&app, &owner, &program, json!({})).await;
    assert_eq!(rematch["state"], "done", "{rematch}");
    assert_eq!((&rematch["pairs"], &rematch["unmatched"]), (&json!(1), &json!(1)), "{rematch}");
    let found = proposals(&app, &owner, &rematch).await;
    assert_eq!(found[0]["mentor"]["department"], "Sales", "Ren, not Aoi again: {found:?}");
    let audit = app.get("/api/v1/audit-events?limit=100", &owner.access_token).await;
    let withdrawals =
        audit.ok(200)["items"].as_array().unwrap().iter().filter(|e| e["action"] == "pair.withdrawn").count();
    assert_eq!(withdrawals, 2);
}

/// An open campaign's public link token in a recruiting reverse program.
async fn open_campaign(app: &TestApp, owner: &Company) -> String {
    let token = Some(owner.access_token.as_str());
    let program = draft_program(app, owner, "reverse_digital_skills").await;
    app.post(&format!("/api/v1/programs/{program}/transitions"), token, json!({"to": "recruiting"})).await.ok(200);
    let campaign = app
        .post(&format!("/api/v1/programs/{program}/campaigns"), token, json!({"name": "Everyone", "kind": "open"}))
        .await;
    let campaign = campaign.ok(201).clone();
    let id = campaign["id"].as_str().unwrap();
    app.post(&format!("/api/v1/campaigns/{id}/transitions"), token, json!({"to": "open"})).await.ok(200);
    campaign["public_link"].as_str().unwrap().split("token=").nth(1).unwrap().to_owned()
}

async fn the_form_offers_the_companys_skills_and_checks_wishes(app: TestApp) {
    let owner = app.signup("Sakura", "owner@sakura.example").await;
    let mut directory = people();
    let skilled = [("X1", &["Python", "Excel"][..]), ("X2", &["python"][..]), ("X3", &["TikTok", " "][..])];
    for (id, skills) in skilled {
        let person = json!({"external_id": id, "name": format!("Skilled {id}"), "email": format!("{id}@sakura.example"), "skills": skills});
        directory["people"].as_array_mut().unwrap().push(person);
    }
    app.post("/api/v1/people/bulk", Some(&owner.access_token), directory).await.ok(200);
    let link = open_campaign(&app, &owner).await;
    let form = app.request(reqwest::Method::GET, &format!("/api/v1/public/campaigns/{link}"), None, None).await;
    assert_eq!(form.ok(200)["skills"], json!(["Python", "Excel", "TikTok"]), "most common first, as most write them");

    let apply = format!("/api/v1/public/campaigns/{link}/applications");
    let base = json!({"email": "ren@sakura.example", "role_wanted": "mentor", "can_teach": "Python", "wants_to_learn": "",
        "goals": "", "availability": "", "consent": true});
    let with = |key: &str, value: Value| {
        let mut body = base.clone();
        body[key] = value;
        body
    };
    let six: Vec<String> = (0..6).map(|n| format!("p{n}@sakura.example")).collect();
    let many = app.post(&apply, None, with("would_like", json!(six))).await;
    assert_eq!(many.invalid_fields(), ["would_like"]);
    assert!(many.body.to_string().contains("at most 5 people"), "{}", many.body);
    let bad = app.post(&apply, None, with("rather_not", json!(["aoi@sakura.example", "not an address"]))).await;
    assert_eq!(bad.invalid_fields(), ["rather_not[1]"]);
    app.queue_idle(&owner.access_token).await;
    assert_eq!(app.count("applications").await, 0, "nothing was written");
    let fine = app.post(&apply, None, with("would_like", json!(["Sora@Sakura.example"]))).await;
    fine.ok(202);
}

async fn wishes_by_work_email_reach_the_matching(app: TestApp) {
    let owner = app.signup("Sakura", "owner@sakura.example").await;
    // Sora would like Ren; Hiro would rather not have Aoi, who would otherwise suit him best.
    let program = program_with_forms(&app, &owner, |email| match email {
        "sora@sakura.example" => json!({"would_like": ["REN@sakura.example "]}),
        "hiro@sakura.example" => json!({"rather_not": ["aoi@sakura.example"]}),
        _ => json!({}),
    })
    .await;
    let run = finished_run(&app, &owner, &program, json!({})).await;
    let pairs = proposals(&app, &owner, &run).await;
    let ren = with_mentor_in(&pairs, "Sales");
    assert_eq!(ren["mentee"]["department"], "Sales", "Ren and Sora: {pairs:?}");
    let wish = ren["parts"].as_array().unwrap().iter().find(|p| p["criterion"] == "wishes").unwrap();
    assert_eq!((&wish["value"], &wish["detail"]["asked"]), (&json!(1.0), &json!(true)), "{wish}");
    assert_ne!(with_mentor_in(&pairs, "Marketing")["mentee"]["department"], "Finance", "not Aoi and Hiro: {pairs:?}");
}
