//! Programs: design, lifecycle with refusals in words, templates in both languages.

use serde_json::{Value, json};
use tandem_tests::{TestApp, on_both_databases};

on_both_databases!(
    a_program_is_designed_and_moves_through_its_lifecycle,
    a_bad_design_names_its_fields_and_writes_nothing,
    a_program_starts_from_a_template_in_either_language,
    viewers_see_programs_but_do_not_change_them,
    a_recruiting_program_keeps_its_rules_and_bad_edits_write_nothing,
);

fn design() -> Value {
    json!({
        "name": "Digital reverse mentoring",
        "kind": "reverse",
        "purposes": ["knowledge_sharing", "adapting_to_change"],
        "success_metrics": [{"name": "Mentees confident with new tools", "target": 80, "unit": "%", "measured_by": "survey"}],
        "eligibility": [{"role": "mentor", "level_max": 4}, {"role": "mentee", "level_min": 8, "departments": ["Sales", "Finance"]}],
        "slots": 12, "mentor_capacity": 1,
        "start_date": "2027-01-11", "end_date": "2027-06-30",
        "meetings_per_month": 2, "minutes_per_meeting": 45, "check_in_cadence": "monthly",
        "training": [{"title": "Being a reverse mentor", "role": "mentor", "url": null}],
        "resources": [{"title": "Guide", "link": "https://intranet.example/guide", "description": null}]
    })
}

async fn a_program_is_designed_and_moves_through_its_lifecycle(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let mut incomplete = design();
    incomplete["end_date"] = Value::Null;
    let created = app.post("/api/v1/programs", token, incomplete).await;
    let program = created.ok(201).clone();
    assert_eq!(program["state"], "draft");
    assert_eq!(program["next_states"], json!(["recruiting", "archived"]));
    assert_eq!(program["design"]["mentors_more_junior"], true);
    let id = program["id"].as_str().unwrap();
    let path = format!("/api/v1/programs/{id}/transitions");
    let move_to = |to: &'static str| app.post(&path, token, json!({"to": to}));

    let refused = move_to("recruiting").await;
    assert_eq!(refused.problem(409), "/problems/transition-refused");
    assert!(refused.body["detail"].as_str().unwrap().contains("dates"), "{}", refused.body);
    app.request(reqwest::Method::PUT, &format!("/api/v1/programs/{id}"), token, Some(design())).await.ok(200);
    assert_eq!(move_to("recruiting").await.ok(200)["state"], "recruiting");
    assert_eq!(move_to("matching").await.ok(200)["state"], "matching");
    let no_pairs = move_to("active").await;
    assert_eq!(no_pairs.problem(409), "/problems/transition-refused");
    assert!(no_pairs.body["detail"].as_str().unwrap().contains("pair"));
    let skip = move_to("archived").await;
    assert!(skip.problem(409).ends_with("transition-refused"));
    assert_eq!(move_to("nowhere").await.invalid_fields(), ["to"]);
    app.delete(&format!("/api/v1/programs/{id}"), &owner.access_token).await.problem(409);

    let listed = app.get("/api/v1/programs?state=matching", &owner.access_token).await;
    assert_eq!(listed.ok(200)["items"][0]["id"].as_str(), Some(id));
    assert!(
        app.get("/api/v1/programs?state=draft", &owner.access_token).await.ok(200)["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let log = app.get("/api/v1/audit-events?limit=1", &owner.access_token).await;
    assert_eq!(log.ok(200)["items"][0]["details"], json!({"from": "recruiting", "to": "matching"}));
}

async fn a_bad_design_names_its_fields_and_writes_nothing(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let mut bad = design();
    bad["kind"] = json!("mutual");
    bad["slots"] = json!(0);
    bad["purposes"] = json!(["custom"]);
    bad["end_date"] = json!("2026-01-01");
    let reply = app.post("/api/v1/programs", token, bad).await;
    assert_eq!(reply.invalid_fields(), ["custom_purpose", "eligibility", "slots", "end_date"]);
    let mut wrong_type = design();
    wrong_type["kind"] = json!("speed-dating");
    assert_eq!(app.post("/api/v1/programs", token, wrong_type).await.invalid_fields(), ["kind"]);
    let mut extra = design();
    extra["budget"] = json!(1000);
    assert_eq!(app.post("/api/v1/programs", token, extra).await.invalid_fields(), ["budget"]);
    // Links people follow from the console and emails are web pages, never a script.
    for link in ["javascript:alert(document.cookie)", "data:text/html,<script>x</script>"] {
        let mut scripted = design();
        scripted["training"] = json!([{"title": "Module", "role": "mentor", "url": link}]);
        scripted["resources"] = json!([{"title": "Guide", "link": link}]);
        let reply = app.post("/api/v1/programs", token, scripted).await;
        assert_eq!(reply.invalid_fields(), ["resources", "training"], "{link}");
    }
    assert_eq!(app.count("programs").await, 0);
    app.get("/api/v1/programs/not-an-id", &owner.access_token).await.problem(404);
}

async fn a_program_starts_from_a_template_in_either_language(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let templates = app.get("/api/v1/program-templates?locale=ja", &owner.access_token).await;
    let templates = templates.ok(200).as_array().unwrap().clone();
    let keys: Vec<&str> = templates.iter().map(|t| t["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["reverse_digital_skills", "mutual_cross_department", "executive_reverse"]);
    assert_eq!(templates[2]["name"], "役員向けリバースメンタリング");
    let token = Some(owner.access_token.as_str());
    let created = app
        .post("/api/v1/programs/from-template", token, json!({"template": "mutual_cross_department", "locale": "en"}))
        .await;
    let program = created.ok(201).clone();
    assert_eq!(program["design"]["kind"], "mutual");
    assert_eq!(program["design"]["name"], "Mutual cross-department mentoring");
    assert_eq!(
        program["design"]["eligibility"],
        json!([{"role": "either", "level_min": null, "level_max": null, "departments": [], "functions": [], "regions": [], "executives_only": false}])
    );
    let id = program["id"].as_str().unwrap();
    let recruiting = app.post(&format!("/api/v1/programs/{id}/transitions"), token, json!({"to": "recruiting"})).await;
    assert_eq!(recruiting.ok(200)["state"], "recruiting", "templates are ready to recruit");
    let named = app
        .post(
            "/api/v1/programs/from-template",
            token,
            json!({"template": "executive_reverse", "name": "Board meets Gen Z"}),
        )
        .await;
    assert_eq!(named.ok(201)["design"]["name"], "Board meets Gen Z");
    let unknown = app.post("/api/v1/programs/from-template", token, json!({"template": "speed_dating"})).await;
    assert_eq!(unknown.invalid_fields(), ["template"]);
    assert_eq!(app.count("programs").await, 2);
}

async fn viewers_see_programs_but_do_not_change_them(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let created = app.post("/api/v1/programs", Some(&owner.access_token), design()).await;
    let id = created.ok(201)["id"].as_str().unwrap().to_owned();
    let viewer = app.add_member(&owner, "v@sakura.example", "viewer").await;
    let token = Some(viewer.access_token.as_str());
    app.get(&format!("/api/v1/programs/{id}"), &viewer.access_token).await.ok(200);
    app.post("/api/v1/programs", token, design()).await.problem(403);
    app.post(&format!("/api/v1/programs/{id}/transitions"), token, json!({"to": "recruiting"})).await.problem(403);
    app.request(reqwest::Method::PUT, &format!("/api/v1/programs/{id}"), token, Some(design())).await.problem(403);
    app.delete(&format!("/api/v1/programs/{id}"), &viewer.access_token).await.problem(403);
    let manager = app.add_member(&owner, "pm@sakura.example", "program_manager").await;
    app.delete(&format!("/api/v1/programs/{id}"), &manager.access_token).await.ok(204);
}

async fn a_recruiting_program_keeps_its_rules_and_bad_edits_write_nothing(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let created = app.post("/api/v1/programs", token, design()).await;
    let id = created.ok(201)["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/programs/{id}");
    app.post(&format!("{path}/transitions"), token, json!({"to": "recruiting"})).await.ok(200);
    let put = |body: Value| app.request(reqwest::Method::PUT, &path, token, Some(body));

    let mut no_dates = design();
    no_dates["end_date"] = Value::Null;
    let refused = put(no_dates).await;
    assert_eq!(refused.problem(409), "/problems/conflict");
    assert!(refused.body["detail"].as_str().unwrap().contains("dates"), "{}", refused.body);
    let mut no_rules = design();
    no_rules["eligibility"] = json!([]);
    assert_eq!(put(no_rules).await.problem(409), "/problems/conflict");
    let mut zero = design();
    zero["slots"] = json!(0);
    assert_eq!(put(zero).await.invalid_fields(), ["slots"]);
    let mut typo = design();
    typo["eligibility"][0]["levl_max"] = json!(3);
    assert_eq!(put(typo).await.invalid_fields(), ["eligibility[0].levl_max"]);
    let mut nul = design();
    nul["name"] = json!("Digital\u{0} mentoring");
    assert_eq!(put(nul).await.invalid_fields(), ["name"]);
    let mut impossible = design();
    impossible["eligibility"] = json!([{"role": "mentor", "level_min": 9}, {"role": "mentee", "level_max": 9}]);
    assert_eq!(put(impossible.clone()).await.invalid_fields(), ["eligibility"]);
    let kept = app.get(&path, &owner.access_token).await;
    assert_eq!(kept.ok(200)["design"], created.body["design"], "no refused edit wrote anything");

    // The same levels are fine once the admin turns the direction off, and other kinds exist.
    impossible["mentors_more_junior"] = json!(false);
    assert_eq!(put(impossible).await.ok(200)["design"]["mentors_more_junior"], false);
    for kind in ["traditional", "group", "mutual"] {
        let mut other = design();
        other["kind"] = json!(kind);
        if kind == "mutual" {
            other["eligibility"] = json!([{"role": "either"}]);
        }
        assert_eq!(app.post("/api/v1/programs", token, other).await.ok(201)["design"]["kind"], kind);
    }
    let mut custom = design();
    custom["purposes"] = json!(["custom"]);
    custom["custom_purpose"] = json!("Bring the board closer to the shop floor");
    assert_eq!(app.post("/api/v1/programs", token, custom).await.ok(201)["design"]["purposes"], json!(["custom"]));

    let bogus = app.get("/api/v1/programs?state=bogus", &owner.access_token).await;
    assert_eq!(bogus.problem(422), "/problems/validation");
    let no_locale = app.get("/api/v1/program-templates?locale=xx", &owner.access_token).await;
    assert_eq!(no_locale.problem(422), "/problems/validation");
}
