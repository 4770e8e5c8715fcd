//! The people directory: one at a time, bulk, CSV import, search, sensitive attributes.

use serde_json::{Value, json};
use tandem_tests::{Company, TestApp, on_both_databases};

on_both_databases!(
    a_person_is_added_read_replaced_and_removed,
    a_person_with_bad_fields_is_refused_and_nothing_is_written,
    the_directory_is_searched_and_filtered_page_by_page,
    sensitive_attributes_are_kept_only_when_on_and_shown_only_to_admins,
    partners_upsert_people_in_bulk_all_or_nothing,
    a_csv_file_is_imported_with_a_mapping_after_a_dry_run,
    a_malformed_csv_writes_nothing,
    viewers_read_the_directory_but_do_not_change_it,
    a_bad_replacement_names_its_fields_and_writes_nothing,
    the_directory_is_sorted_counted_and_exported_as_a_file_that_imports_back,
    reads_answer_while_a_writer_holds_the_database,
    a_full_batch_with_its_managers_is_written_in_layers_and_read_back,
);

fn kenji() -> Value {
    json!({
        "external_id": "E1024", "name": "Kenji Sato", "email": "Kenji.Sato@sakura.example",
        "department": "Marketing", "function": "Digital", "region": "APAC", "location": "Tokyo",
        "job_level": 3, "title": "Marketing associate", "time_zone": "Asia/Tokyo",
        "languages": ["ja", "en"], "skills": ["TikTok", "Python"], "hire_date": "2023-04-01",
        "preferred_locale": "ja"
    })
}

async fn add(app: &TestApp, owner: &Company, body: Value) -> Value {
    app.post("/api/v1/people", Some(&owner.access_token), body).await.ok(201).clone()
}

async fn a_person_is_added_read_replaced_and_removed(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let boss = add(&app, &owner, json!({"external_id": "E0042", "name": "Hiro Tanaka", "email": "hiro@sakura.example", "job_level": 12, "is_executive": true})).await;
    let mut body = kenji();
    body["manager_external_id"] = json!("E0042");
    let created = add(&app, &owner, body.clone()).await;
    assert_eq!(created["email"], "kenji.sato@sakura.example");
    assert_eq!(created["manager_id"], boss["id"]);
    assert_eq!(created["manager_external_id"], "E0042");
    assert_eq!(created["skills"], json!(["TikTok", "Python"]));
    let id = created["id"].as_str().unwrap();

    let read = app.get(&format!("/api/v1/people/{id}"), &owner.access_token).await;
    assert_eq!(read.ok(200)["hire_date"], "2023-04-01");
    app.post("/api/v1/people", Some(&owner.access_token), body.clone()).await.problem(409);
    let mut same_email = body.clone();
    same_email["external_id"] = json!("E9999");
    app.post("/api/v1/people", Some(&owner.access_token), same_email).await.problem(409);

    let mut changed = body.clone();
    changed["title"] = json!("Growth lead");
    changed["manager_external_id"] = Value::Null;
    let replaced = app
        .request(reqwest::Method::PUT, &format!("/api/v1/people/{id}"), Some(&owner.access_token), Some(changed))
        .await;
    assert_eq!(replaced.ok(200)["title"], "Growth lead");
    assert!(replaced.body["manager_id"].is_null());
    let mut taken = kenji();
    taken["external_id"] = json!("E0042");
    let clash = app
        .request(reqwest::Method::PUT, &format!("/api/v1/people/{id}"), Some(&owner.access_token), Some(taken))
        .await;
    clash.problem(409);

    // Removing a manager leaves their reports without one.
    let mut report = kenji();
    report["manager_external_id"] = json!("E0042");
    app.request(reqwest::Method::PUT, &format!("/api/v1/people/{id}"), Some(&owner.access_token), Some(report))
        .await
        .ok(200);
    let boss_id = boss["id"].as_str().unwrap();
    app.delete(&format!("/api/v1/people/{boss_id}"), &owner.access_token).await.ok(204);
    let orphan = app.get(&format!("/api/v1/people/{id}"), &owner.access_token).await;
    assert!(orphan.ok(200)["manager_id"].is_null());
    app.delete(&format!("/api/v1/people/{boss_id}"), &owner.access_token).await.problem(404);
    app.get("/api/v1/people/not-an-id", &owner.access_token).await.problem(404);
}

async fn a_person_with_bad_fields_is_refused_and_nothing_is_written(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let bad = json!({"external_id": "E1", "name": "", "email": "nope", "job_level": 42, "time_zone": "Mars/Base", "hire_date": "1/4/2023"});
    let reply = app.post("/api/v1/people", Some(&owner.access_token), bad).await;
    assert_eq!(reply.invalid_fields(), ["name", "email", "job_level", "time_zone", "hire_date"]);
    let unknown_manager =
        json!({"external_id": "E1", "name": "Ann", "email": "ann@sakura.example", "manager_external_id": "E404"});
    let reply = app.post("/api/v1/people", Some(&owner.access_token), unknown_manager).await;
    assert_eq!(reply.invalid_fields(), ["manager_external_id"]);
    let extra = json!({"external_id": "E1", "name": "Ann", "email": "ann@sakura.example", "salary": 1});
    assert_eq!(app.post("/api/v1/people", Some(&owner.access_token), extra).await.invalid_fields(), ["salary"]);
    assert_eq!(app.count("people").await, 0);
}

async fn the_directory_is_searched_and_filtered_page_by_page(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let people = [
        ("E1", "Aoi Mori", "Marketing", "APAC", 2, "Python; TikTok", false),
        ("E2", "Ben Ito", "Marketing", "EMEA", 6, "SQL", false),
        ("E3", "Chika Sato", "Finance", "APAC", 9, "python", true),
        ("E4", "Dan Kato", "Finance", "AMER", 14, "Leadership", true),
    ];
    let rows: Vec<Value> = people
        .iter()
        .map(|(id, name, dept, region, level, skills, exec)| {
            json!({"external_id": id, "name": name, "email": format!("{}@sakura.example", id.to_lowercase()),
                   "department": dept, "region": region, "job_level": level,
                   "skills": skills.split(';').map(str::trim).collect::<Vec<_>>(), "is_executive": exec})
        })
        .collect();
    app.post("/api/v1/people/bulk", Some(&owner.access_token), json!({"people": rows})).await.ok(200);
    let names = |reply: tandem_tests::Reply| -> Vec<String> {
        reply.ok(200)["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["external_id"].as_str().unwrap().to_owned())
            .collect()
    };
    let get = |query: &'static str| {
        let path = format!("/api/v1/people{query}");
        let token = owner.access_token.clone();
        let app = &app;
        async move { app.get(&path, &token).await }
    };
    assert_eq!(names(get("?department=Marketing").await), ["E1", "E2"]);
    assert_eq!(names(get("?region=APAC&level_min=5").await), ["E3"]);
    assert_eq!(names(get("?level_max=9&level_min=3").await), ["E2", "E3"]);
    assert_eq!(names(get("?skill=PYTHON").await), ["E1", "E3"]);
    assert_eq!(names(get("?is_executive=true").await), ["E3", "E4"]);
    assert_eq!(names(get("?q=sato").await), ["E3"]);
    assert_eq!(names(get("?q=E4").await), ["E4"]);
    let first = get("?limit=3").await;
    let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
    assert_eq!(names(first), ["E1", "E2", "E3"]);
    let rest = app.get(&format!("/api/v1/people?limit=3&cursor={cursor}"), &owner.access_token).await;
    assert_eq!(names(rest), ["E4"]);
    assert_eq!(get("?level_min=high").await.problem(422), "/problems/validation");
    assert_eq!(get("?colour=red").await.problem(422), "/problems/validation");
}

async fn sensitive_attributes_are_kept_only_when_on_and_shown_only_to_admins(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let mut body = kenji();
    body["gender"] = json!("male");
    body["age_band"] = json!("25-34");
    let off = add(&app, &owner, body.clone()).await;
    assert!(off.get("gender").is_none(), "not kept while the switch is off");

    let settings =
        app.patch("/api/v1/tenant/settings", &owner.access_token, json!({"sensitive_attributes_enabled": true})).await;
    assert_eq!(settings.ok(200)["sensitive_attributes_enabled"], true);
    let id = off["id"].as_str().unwrap().to_owned();
    let kept =
        app.request(reqwest::Method::PUT, &format!("/api/v1/people/{id}"), Some(&owner.access_token), Some(body)).await;
    assert_eq!(kept.ok(200)["gender"], "male");

    let manager = app.add_member(&owner, "pm@sakura.example", "program_manager").await;
    let seen = app.get(&format!("/api/v1/people/{id}"), &manager.access_token).await;
    assert!(seen.ok(200).get("gender").is_none() && seen.body.get("age_band").is_none(), "not below admin");
    let key = app.post("/api/v1/api-keys", Some(&owner.access_token), json!({"name": "hr", "scopes": ["read"]})).await;
    let key = key.ok(201)["secret"].as_str().unwrap().to_owned();
    let listed = app.get("/api/v1/people", &key).await;
    assert!(listed.ok(200)["items"][0].get("gender").is_none(), "not to partners either");
    app.patch("/api/v1/tenant/settings", &manager.access_token, json!({"sensitive_attributes_enabled": false}))
        .await
        .problem(403);
    app.patch("/api/v1/tenant/settings", &owner.access_token, json!({"sensitive_attributes_enabled": "yes"}))
        .await
        .invalid_fields();

    app.patch("/api/v1/tenant/settings", &owner.access_token, json!({"sensitive_attributes_enabled": false}))
        .await
        .ok(200);
    app.patch("/api/v1/tenant/settings", &owner.access_token, json!({"sensitive_attributes_enabled": true}))
        .await
        .ok(200);
    let gone = app.get(&format!("/api/v1/people/{id}"), &owner.access_token).await;
    assert!(gone.ok(200).get("gender").is_none(), "turning the switch off deleted the values");
}

async fn partners_upsert_people_in_bulk_all_or_nothing(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let key = app.post("/api/v1/api-keys", Some(&owner.access_token), json!({"name": "hr", "scopes": ["write"]})).await;
    let key = key.ok(201)["secret"].as_str().unwrap().to_owned();
    let batch = json!({"people": [
        {"external_id": "E2", "name": "Report", "email": "report@sakura.example", "manager_external_id": "E1"},
        {"external_id": "E1", "name": "Boss", "email": "boss@sakura.example", "job_level": 10},
    ]});
    let first = app.post("/api/v1/people/bulk", Some(&key), batch.clone()).await;
    assert_eq!(first.ok(200), &json!({"created": 2, "updated": 0}));
    let again = app.post("/api/v1/people/bulk", Some(&key), batch).await;
    assert_eq!(again.ok(200), &json!({"created": 0, "updated": 2}), "idempotent");
    let report = app.get("/api/v1/people?q=report", &key).await;
    assert_eq!(report.ok(200)["items"][0]["manager_external_id"], "E1", "managers may come later in the batch");

    let bad = json!({"people": [
        {"external_id": "E3", "name": "Fine", "email": "fine@sakura.example"},
        {"external_id": "E4", "name": "Broken", "email": "broken"},
        {"external_id": "E5", "name": "Thief", "email": "boss@sakura.example"},
    ]});
    let refused = app.post("/api/v1/people/bulk", Some(&key), bad).await;
    assert_eq!(refused.invalid_fields(), ["people[1].email"]);
    let thief = json!({"people": [{"external_id": "E5", "name": "Thief", "email": "boss@sakura.example"}]});
    assert_eq!(app.post("/api/v1/people/bulk", Some(&key), thief).await.invalid_fields(), ["people[0].email"]);
    assert_eq!(app.count("people").await, 2, "nothing of the refused batches was written");
    let too_many: Vec<Value> = (0..1001)
        .map(|n| json!({"external_id": format!("X{n}"), "name": "N", "email": format!("x{n}@s.example")}))
        .collect();
    assert_eq!(
        app.post("/api/v1/people/bulk", Some(&key), json!({"people": too_many})).await.invalid_fields(),
        ["people"]
    );
    let reader =
        app.post("/api/v1/api-keys", Some(&owner.access_token), json!({"name": "ro", "scopes": ["read"]})).await;
    let reader = reader.ok(201)["secret"].as_str().unwrap().to_owned();
    app.post("/api/v1/people/bulk", Some(&reader), json!({"people": []})).await.problem(403);
}

fn csv_of(rows: &[&str]) -> String {
    let mut csv = "Employee ID,Full name,Mail,Dept,Grade,Boss,Zone,Cost centre\n".to_owned();
    for row in rows {
        csv.push_str(row);
        csv.push('\n');
    }
    csv
}

fn mapping() -> Value {
    json!({"Employee ID": "external_id", "Full name": "name", "Mail": "email", "Dept": "department",
           "Grade": "job_level", "Boss": "manager_external_id", "Zone": "time_zone"})
}

async fn a_csv_file_is_imported_with_a_mapping_after_a_dry_run(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let mut rows: Vec<String> = (1..=50)
        .map(|n| {
            format!(
                "E{n:03},Person {n},p{n}@sakura.example,Dept {},{},{},Asia/Tokyo,CC1",
                n % 4,
                n % 10 + 1,
                if n > 1 { "E001" } else { "" }
            )
        })
        .collect();
    rows[6] = "E007,Person 7,p7@sakura.example,Dept 3,8,E001,Mars/Base,CC1".into();
    let csv = csv_of(&rows.iter().map(String::as_str).collect::<Vec<_>>());

    let dry =
        app.post("/api/v1/people/import", token, json!({"csv": csv, "mapping": mapping(), "dry_run": true})).await;
    let report = dry.ok(200);
    assert_eq!(report["rows"], 50);
    assert_eq!(report["written"], false);
    assert_eq!(report["ignored_columns"], json!(["Cost centre"]));
    assert_eq!(
        report["errors"],
        json!([{
            "line": 8, "field": "time_zone", "code": "not_a_time_zone",
            "message": "must be an IANA time zone such as Asia/Tokyo", "value": "Mars/Base"
        }])
    );
    let strict = app.post("/api/v1/people/import", token, json!({"csv": csv, "mapping": mapping()})).await;
    assert_eq!(strict.ok(200)["written"], false, "strict: one bad row, nothing written");
    assert_eq!(app.count("people").await, 0);

    rows[6] = "E007,Person 7,p7@sakura.example,Dept 3,8,E001,Asia/Tokyo,CC1".into();
    let fixed = csv_of(&rows.iter().map(String::as_str).collect::<Vec<_>>());
    let preview =
        app.post("/api/v1/people/import", token, json!({"csv": fixed, "mapping": mapping(), "dry_run": true})).await;
    assert_eq!((preview.ok(200)["created"].clone(), preview.body["errors"].clone()), (json!(50), json!([])));
    let done = app.post("/api/v1/people/import", token, json!({"csv": fixed, "mapping": mapping()})).await;
    let done = done.ok(200);
    assert_eq!(
        (done["written"].clone(), done["created"].clone(), done["updated"].clone()),
        (json!(true), json!(50), json!(0))
    );
    assert_eq!(app.count("people").await, 50);
    let seven = app.get("/api/v1/people?q=E007", &owner.access_token).await;
    assert_eq!(seven.ok(200)["items"][0]["manager_external_id"], "E001");

    // Not strict: good rows go in, bad ones are reported.
    let lenient = csv_of(&[
        "E001,Person One,p1@sakura.example,Dept 1,2,,Asia/Tokyo,CC",
        "E051,New,p51@sakura.example,Dept 1,2,E999,,CC",
    ]);
    let partial =
        app.post("/api/v1/people/import", token, json!({"csv": lenient, "mapping": mapping(), "strict": false})).await;
    let partial = partial.ok(200);
    assert_eq!((partial["updated"].clone(), partial["created"].clone()), (json!(1), json!(0)));
    assert_eq!(partial["errors"][0]["line"], 3);
    assert_eq!(partial["errors"][0]["field"], "manager_external_id");
    assert_eq!(app.count("people").await, 50);
}

async fn a_malformed_csv_writes_nothing(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let ragged = "external_id,name,email\nE1,Ann,ann@s.example\nE2,Ben\n";
    let reply = app.post("/api/v1/people/import", token, json!({"csv": ragged})).await;
    assert_eq!(reply.invalid_fields(), ["csv"]);
    assert!(reply.body["errors"][0]["message"].as_str().unwrap().contains("line 3"), "{}", reply.body);
    let unmapped = app.post("/api/v1/people/import", token, json!({"csv": "id,who\n1,Ann\n"})).await;
    assert_eq!(unmapped.invalid_fields(), ["mapping"]);
    let bad_mapping =
        app.post("/api/v1/people/import", token, json!({"csv": "a\n1\n", "mapping": {"a": "salary"}})).await;
    assert_eq!(bad_mapping.invalid_fields(), ["mapping.a"]);
    assert_eq!(app.count("people").await, 0);
}

async fn viewers_read_the_directory_but_do_not_change_it(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let created = add(&app, &owner, kenji()).await;
    let id = created["id"].as_str().unwrap();
    let viewer = app.add_member(&owner, "v@sakura.example", "viewer").await;
    app.get("/api/v1/people", &viewer.access_token).await.ok(200);
    app.get(&format!("/api/v1/people/{id}"), &viewer.access_token).await.ok(200);
    app.post("/api/v1/people", Some(&viewer.access_token), kenji()).await.problem(403);
    app.request(reqwest::Method::PUT, &format!("/api/v1/people/{id}"), Some(&viewer.access_token), Some(kenji()))
        .await
        .problem(403);
    app.delete(&format!("/api/v1/people/{id}"), &viewer.access_token).await.problem(403);
    app.post(
        "/api/v1/people/import",
        Some(&viewer.access_token),
        json!({"csv": "external_id,name,email\nE9,A,a@s.example\n"}),
    )
    .await
    .problem(403);
    assert_eq!(app.count("people").await, 1);
}

async fn a_bad_replacement_names_its_fields_and_writes_nothing(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let created = add(&app, &owner, kenji()).await;
    let path = format!("/api/v1/people/{}", created["id"].as_str().unwrap());
    let put = |body: Value| app.request(reqwest::Method::PUT, &path, Some(&owner.access_token), Some(body));
    let mut bad = kenji();
    bad["email"] = json!("not an address");
    bad["time_zone"] = json!("Mars/Olympus");
    bad["job_level"] = json!(99);
    let mut fields = put(bad).await.invalid_fields();
    fields.sort();
    assert_eq!(fields, ["email", "job_level", "time_zone"]);
    let mut nul = kenji();
    nul["title"] = json!("Growth\u{0}lead");
    assert_eq!(put(nul).await.invalid_fields(), ["title"]);
    let unchanged = app.get(&path, &owner.access_token).await;
    assert_eq!(unchanged.ok(200), &created, "nothing was written");

    let search = app.get("/api/v1/people?q=a%00b", &owner.access_token).await;
    assert_eq!(search.invalid_fields(), ["query"]);
    let huge = "x".repeat(tandem_api::routes::import::IMPORT_LIMIT_BYTES + 1);
    let too_big = app.post("/api/v1/people/import", Some(&owner.access_token), json!({"csv": huge})).await;
    assert_eq!(too_big.problem(413), "/problems/payload-too-large");
    assert_eq!(app.count("people").await, 1);
}

async fn the_directory_is_sorted_counted_and_exported_as_a_file_that_imports_back(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let people = json!({"people": [
        {"external_id": "E1", "name": "渡辺 拓也", "name_reading": "ワタナベ タクヤ", "email": "w@sakura.example", "department": "Inside Sales", "job_level": 3},
        {"external_id": "E2", "name": "青木 葵", "name_reading": "アオキ アオイ", "email": "a@sakura.example", "department": "Finance", "job_level": 9},
        {"external_id": "E3", "name": "=HYPERLINK(\"x\")", "email": "f@sakura.example", "department": "Sales", "title": "-2"},
        {"external_id": "E4", "name": "加藤 健", "name_reading": "カトウ ケン", "email": "k@sakura.example", "department": "sales ops", "job_level": 5},
        {"external_id": "E5", "name": "佐藤 美咲", "name_reading": "サトウ ミサキ", "email": "s@sakura.example", "job_level": 9},
    ]});
    app.post("/api/v1/people/bulk", token, people).await.ok(200);

    // By reading, two at a time: pages continue where the last one ended.
    let mut names = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = app.get(&format!("/api/v1/people?sort=name&limit=2{cursor}"), &owner.access_token).await;
        let page = page.ok(200).clone();
        assert_eq!(page["total"], 5);
        names.extend(page["items"].as_array().unwrap().iter().map(|p| p["external_id"].as_str().unwrap().to_owned()));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(names, ["E3", "E2", "E4", "E5", "E1"], "=HYPERLINK sorts first, then アオキ, カトウ, サトウ, ワタナベ");
    let senior = app.get("/api/v1/people?sort=job_level&limit=3", &owner.access_token).await;
    let ids: Vec<&str> =
        senior.ok(200)["items"].as_array().unwrap().iter().map(|p| p["external_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["E2", "E5", "E4"], "most senior first, ties by id");
    let sales = app.get("/api/v1/people?department=SALES", &owner.access_token).await;
    assert_eq!(sales.ok(200)["total"], 3, "a department is found by any part of it, any case");
    let reading = app.get("/api/v1/people?q=ミサキ", &owner.access_token).await;
    assert_eq!(reading.ok(200)["items"][0]["external_id"], "E5");
    app.get("/api/v1/people?sort=salary", &owner.access_token).await.invalid_fields();

    let export = app
        .client
        .get(app.url("/api/v1/people/export?sort=name"))
        .bearer_auth(&owner.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), 200);
    assert!(export.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let bytes = export.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "Excel reads UTF-8 with its mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("external_id,name,name_reading,email,"), "{header}");
    assert!(!header.contains("gender"), "sensitive attributes are off: {header}");
    assert!(text.contains("'=HYPERLINK"), "a formula is text: {text}");
    assert!(text.contains(",'-2,"), "{text}");
    assert_eq!(lines.count(), 5);

    let back = app.post("/api/v1/people/import", token, json!({"csv": &text, "dry_run": true})).await;
    let back = back.ok(200);
    assert_eq!((&back["updated"], &back["errors"]), (&json!(5), &json!([])), "the export imports back: {back}");

    let other = app.signup("Fuji", "hana@fuji.example").await;
    let theirs =
        app.client.get(app.url("/api/v1/people/export")).bearer_auth(&other.access_token).send().await.unwrap();
    let theirs = theirs.text().await.unwrap();
    assert_eq!(theirs.lines().count(), 1, "another tenant's export has only its header: {theirs}");
    let long = "x".repeat(201);
    let refused = app.get(&format!("/api/v1/people/export?department={long}"), &owner.access_token).await;
    assert_eq!(refused.invalid_fields(), ["department"]);
}

/// A read does not queue behind a write: on SQLite it does not take the write lock (a
/// campaign sending holds it often), on PostgreSQL it never did. The writer below holds its
/// transaction open, uncommitted, while the reads run.
async fn reads_answer_while_a_writer_holds_the_database(app: TestApp) {
    let owner = app.signup("Sakura", "owner@sakura.example").await;
    let person = add(&app, &owner, kenji()).await;
    let path = format!("/api/v1/people/{}", person["id"].as_str().unwrap());

    let store = app.store().await;
    let writer = store.tenant(owner.tenant_id.parse().unwrap()).await.unwrap();
    writer.set_sensitive_attributes(true).await.unwrap();

    assert_eq!(app.get(&path, &owner.access_token).await.ok(200)["name"], "Kenji Sato");
    let list = app.get("/api/v1/people", &owner.access_token).await;
    assert_eq!(list.ok(200)["items"].as_array().unwrap().len(), 1);
    writer.rollback().await.unwrap();
}

/// A full batch (1,000) whose managers are in it: on PostgreSQL the rows go set-wise, the
/// statistics are refreshed inside the transaction after the managers' layer and again after
/// it commits (`tandem_analyze_people`), and every report points at their manager.
async fn a_full_batch_with_its_managers_is_written_in_layers_and_read_back(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let people: Vec<Value> = (0..1000)
        .map(|n| {
            let manager = if n < 10 { Value::Null } else { json!(format!("M{:03}", n % 10)) };
            json!({"external_id": format!("M{n:03}"), "name": format!("Person {n}"),
                   "email": format!("p{n}@sakura.example"), "manager_external_id": manager, "job_level": 1 + n % 9})
        })
        .collect();
    let written = app.post("/api/v1/people/bulk", Some(&owner.access_token), json!({"people": people})).await;
    assert_eq!(written.ok(200), &json!({"created": 1000, "updated": 0}));
    assert_eq!(app.count("people").await, 1000);
    let found = app.get("/api/v1/people?q=Person%20999", &owner.access_token).await;
    let id = found.ok(200)["items"][0]["id"].as_str().unwrap().to_owned();
    let person = app.get(&format!("/api/v1/people/{id}"), &owner.access_token).await;
    assert_eq!(person.ok(200)["manager_external_id"], "M009");
    assert_eq!(person.body["job_level"], 1, "1 + 999 % 9: the row came whole");
}
