//! Importing a company's own HR export: a Shift_JIS file from Excel with Japanese headers,
//! grades like M3, slash and 年月日 dates and languages written as names; the encoding
//! detected and changeable, columns mapped by meaning, grades mapped once and remembered, and
//! nothing lost without an error or a warning.

use base64::Engine;
use serde_json::{Value, json};
use tandem_tests::{Company, TestApp, on_both_databases};

on_both_databases!(
    a_shift_jis_export_is_previewed_mapped_and_imported_and_its_mapping_remembered,
    the_encoding_can_be_changed_and_unreadable_rows_are_refused,
    a_refused_manager_row_is_reported_on_the_rows_that_report_to_it,
    lines_are_numbered_alike_in_previews_errors_and_dry_runs,
    bad_import_input_is_refused_and_nothing_is_written,
    a_tenant_never_sees_another_tenants_saved_mapping,
);

/// The export as Excel saves it on a Japanese PC: Shift_JIS (CP932), CRLF line ends.
fn export() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/hr-export-sjis.csv")).expect("fixture")
}

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn mapping_of(preview: &Value) -> Value {
    let mut mapping = serde_json::Map::new();
    for column in preview["columns"].as_array().unwrap() {
        if let Some(field) = column["field"].as_str() {
            mapping.insert(column["header"].as_str().unwrap().to_owned(), json!(field));
        }
    }
    Value::Object(mapping)
}

fn field_of<'a>(preview: &'a Value, header: &str) -> (&'a Value, &'a Value) {
    let column = preview["columns"].as_array().unwrap().iter().find(|c| c["header"] == header).expect(header);
    (&column["field"], &column["confidence"])
}

async fn preview(app: &TestApp, owner: &Company, body: Value) -> Value {
    app.post("/api/v1/people/import/preview", Some(&owner.access_token), body).await.ok(200).clone()
}

async fn a_shift_jis_export_is_previewed_mapped_and_imported_and_its_mapping_remembered(app: TestApp) {
    let owner = app.signup("Sakura Manufacturing", "hr@sakura-mfg.example").await;
    let token = Some(owner.access_token.as_str());
    let file = base64(&export());

    let first = preview(&app, &owner, json!({"file": file})).await;
    assert_eq!(
        (&first["encoding"]["used"], &first["encoding"]["certain"], &first["encoding"]["unreadable_rows"]),
        (&json!("Shift_JIS"), &json!(false), &json!(0)),
        "{first}"
    );
    assert_eq!(first["rows"], 8);
    assert_eq!(first["sample"][0]["cells"][1], "山本 健一", "decoded, not garbled");
    for (header, field) in [
        ("社員番号", "external_id"),
        ("氏名", "name"),
        ("フリガナ", "name_reading"),
        ("メールアドレス", "email"),
        ("所属", "department"),
        ("職種", "function"),
        ("勤務地", "location"),
        ("等級", "job_level"),
        ("上長社員番号", "manager_external_id"),
        ("入社日", "hire_date"),
        ("言語", "preferred_locale"),
    ] {
        assert_eq!(field_of(&first, header), (&json!(field), &json!("exact")), "{header}");
    }
    assert_eq!(field_of(&first, "備考"), (&Value::Null, &Value::Null));
    let grades: Vec<(String, u64, u64, String)> = first["grades"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["value"].as_str().unwrap().to_owned(),
                g["rows"].as_u64().unwrap(),
                g["level"].as_u64().unwrap(),
                g["source"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let suggested = |v: &str, rows, level| (v.to_owned(), rows, level, "suggested".to_owned());
    assert_eq!(
        grades,
        [
            suggested("G5", 1, 5),
            suggested("M3", 2, 4),
            suggested("M1", 1, 3),
            suggested("J2", 2, 2),
            suggested("J1", 2, 1)
        ]
    );
    let languages: Vec<(&str, &Value)> =
        first["languages"].as_array().unwrap().iter().map(|l| (l["value"].as_str().unwrap(), &l["locale"])).collect();
    assert_eq!(
        languages,
        [("日本語", &json!("ja")), ("English", &json!("en")), ("英語", &json!("en")), ("Japanese", &json!("ja"))]
    );

    // Without a grade table, every grade is refused, and the summary says so by grade.
    let mapping = mapping_of(&first);
    let dry =
        app.post("/api/v1/people/import", token, json!({"file": file, "mapping": mapping, "dry_run": true})).await;
    let dry = dry.ok(200);
    let summary: Vec<(&str, &str, u64)> = dry["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["code"].as_str().unwrap(), s["message"].as_str().unwrap(), s["rows"].as_u64().unwrap()))
        .collect();
    assert_eq!(summary[0].0, "grade_not_mapped");
    assert_eq!(summary[0].2, 2, "{summary:?}");
    assert!(summary.iter().any(|s| s.1.contains("grade M3 is not mapped") && s.2 == 2), "{summary:?}");
    let m3 = dry["errors"].as_array().unwrap().iter().find(|e| e["line"] == 3).expect("line 3: S002, grade M3");
    assert_eq!((&m3["field"], &m3["value"]), (&json!("job_level"), &json!("M3")));

    // With the grade table, only the bad email is refused; the person reporting to that row is
    // imported without a manager and told so.
    let grades = json!({"J1": 1, "J2": 2, "M1": 5, "M3": 7, "G5": 12});
    let done = app
        .post(
            "/api/v1/people/import",
            token,
            json!({"file": file, "mapping": mapping, "grades": grades, "strict": false, "remember": true}),
        )
        .await;
    let done = done.ok(200);
    assert_eq!((&done["written"], &done["created"]), (&json!(true), &json!(7)), "{done}");
    assert_eq!(done["errors"].as_array().unwrap().len(), 1, "{done}");
    assert_eq!((&done["errors"][0]["line"], &done["errors"][0]["code"]), (&json!(4), &json!("not_an_email")));
    assert_eq!(done["errors"][0]["value"], "daisuke.suzuki@sakura-mfg");
    assert_eq!(
        (&done["warnings"][0]["line"], &done["warnings"][0]["code"], &done["warnings"][0]["value"]),
        (&json!(5), &json!("manager_row_refused"), &json!("S003"))
    );

    let misaki = app.get("/api/v1/people?q=S002", &owner.access_token).await;
    let misaki = &misaki.ok(200)["items"][0];
    assert_eq!(
        (&misaki["job_level"], &misaki["hire_date"], &misaki["preferred_locale"], &misaki["name_reading"]),
        (&json!(7), &json!("1995-04-01"), &json!("ja"), &json!("サトウ ミサキ"))
    );
    assert_eq!(misaki["manager_external_id"], "S001");
    let sho = app.get("/api/v1/people?q=S005", &owner.access_token).await;
    assert_eq!(sho.ok(200)["items"][0]["preferred_locale"], "en");
    let yuka = app.get("/api/v1/people?q=S004", &owner.access_token).await;
    assert_eq!(yuka.ok(200)["items"][0]["manager_external_id"], Value::Null);

    // The next file of the same kind is mapped as chosen, grades included.
    let again = preview(&app, &owner, json!({"file": file})).await;
    assert_eq!(field_of(&again, "等級"), (&json!("job_level"), &json!("saved")));
    assert_eq!(field_of(&again, "備考"), (&Value::Null, &json!("saved")), "ignoring is remembered too");
    let m3 = again["grades"].as_array().unwrap().iter().find(|g| g["value"] == "M3").unwrap();
    assert_eq!((&m3["level"], &m3["source"]), (&json!(7), &json!("saved")));
    let fixed =
        app.post("/api/v1/people/import", token, json!({"file": file, "mapping": mapping, "dry_run": true})).await;
    let fixed = fixed.ok(200);
    assert!(fixed["summary"].as_array().unwrap().iter().all(|s| s["code"] != "grade_not_mapped"), "{fixed}");
}

async fn the_encoding_can_be_changed_and_unreadable_rows_are_refused(app: TestApp) {
    let owner = app.signup("Sakura Manufacturing", "hr@sakura-mfg.example").await;
    let file = base64(&export());
    let wrong = preview(&app, &owner, json!({"file": file, "encoding": "UTF-8"})).await;
    assert_eq!((&wrong["encoding"]["used"], &wrong["encoding"]["detected"]), (&json!("UTF-8"), &json!("Shift_JIS")));
    assert_eq!(wrong["encoding"]["unreadable_rows"], 8, "every row has Japanese text");

    // A file whose headers survive the wrong encoding: the rows that do not are refused.
    let text = "external_id,name,email\r\nE1,田中 愛子,aiko@sakura.example\r\nE2,Ken,ken@sakura.example\r\n";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    let file = base64(&sjis);
    let report = app
        .post(
            "/api/v1/people/import",
            Some(&owner.access_token),
            json!({"file": file, "encoding": "UTF-8", "strict": false}),
        )
        .await;
    let report = report.ok(200);
    assert_eq!(report["encoding"]["unreadable_rows"], 1);
    assert_eq!(
        (&report["errors"][0]["line"], &report["errors"][0]["code"]),
        (&json!(2), &json!("unreadable_characters"))
    );
    assert_eq!(report["created"], 1, "the readable row goes in");
    let right = app
        .post("/api/v1/people/import", Some(&owner.access_token), json!({"file": file, "encoding": "shift_jis"}))
        .await;
    assert_eq!(right.ok(200)["created"], 1, "{}", right.body);
    let aiko = app.get("/api/v1/people?q=E1", &owner.access_token).await;
    assert_eq!(aiko.ok(200)["items"][0]["name"], "田中 愛子");

    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let read = preview(&app, &owner, json!({"file": base64(&utf16)})).await;
    assert_eq!((&read["encoding"]["used"], &read["encoding"]["certain"]), (&json!("UTF-16LE"), &json!(true)));
    assert_eq!(read["sample"][0]["cells"][1], "田中 愛子");
}

async fn a_refused_manager_row_is_reported_on_the_rows_that_report_to_it(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    app.post(
        "/api/v1/people",
        token,
        json!({"external_id": "E900", "name": "Existing", "email": "boss@sakura.example"}),
    )
    .await
    .ok(201);
    // E001's email belongs to E900: refused after reading. E002 reports to E001; E003 to E002.
    // E004's own row is fine but its manager E005 has a bad time zone.
    let csv = "external_id,name,email,manager_external_id,time_zone\n\
               E001,Boss,boss@sakura.example,,\n\
               E002,Mid,mid@sakura.example,E001,\n\
               E003,Junior,junior@sakura.example,E002,\n\
               E005,Lead,lead@sakura.example,,Mars/Base\n\
               E004,Dev,dev@sakura.example,E005,\n";
    let report = app.post("/api/v1/people/import", token, json!({"csv": csv, "strict": false})).await;
    let report = report.ok(200);
    let errors: Vec<(u64, &str)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_u64().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(errors, [(2, "email_belongs_to"), (5, "not_a_time_zone")], "{report}");
    let warnings: Vec<(u64, &str, &str)> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["line"].as_u64().unwrap(), w["code"].as_str().unwrap(), w["message"].as_str().unwrap()))
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert_eq!((warnings[0].0, warnings[0].1), (3, "manager_row_refused"));
    assert!(warnings[0].2.contains("E001 (line 2)"), "{}", warnings[0].2);
    assert_eq!((warnings[1].0, warnings[1].1), (6, "manager_row_refused"));
    assert_eq!(report["created"], 3);
    let mid = app.get("/api/v1/people?q=E002", &owner.access_token).await;
    assert_eq!(mid.ok(200)["items"][0]["manager_external_id"], Value::Null);
    let junior = app.get("/api/v1/people?q=E003", &owner.access_token).await;
    assert_eq!(junior.ok(200)["items"][0]["manager_external_id"], "E002", "the row below is untouched");

    // A manager already in the directory keeps its people even when its new row is refused.
    let csv =
        "external_id,name,email,manager_external_id\nE900,Existing,not-an-email,\nE010,New,new@sakura.example,E900\n";
    let report = app.post("/api/v1/people/import", token, json!({"csv": csv, "strict": false})).await;
    assert_eq!(report.ok(200)["warnings"], json!([]));
    let new = app.get("/api/v1/people?q=E010", &owner.access_token).await;
    assert_eq!(new.ok(200)["items"][0]["manager_external_id"], "E900");

    // Sensitive columns are not kept while the tenant has them off, and the report says so.
    let csv = "external_id,name,email,gender\nE020,Ann,ann@sakura.example,female\n";
    let report = app.post("/api/v1/people/import", token, json!({"csv": csv, "dry_run": true})).await;
    let report = report.ok(200);
    assert_eq!(
        (&report["warnings"][0]["line"], &report["warnings"][0]["field"], &report["warnings"][0]["code"]),
        (&json!(1), &json!("gender"), &json!("sensitive_attributes_off"))
    );
}

async fn lines_are_numbered_alike_in_previews_errors_and_dry_runs(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    // CRLF (as Excel writes), a blank line, and a cell with a line break in it.
    let csv = "external_id,name,email,time_zone,note\r\nE1,Ann,ann@s.example,,\r\n\r\n\
               E2,Bo,bo@s.example,Mars/Base,\"two\r\nlines\"\r\nE3,Cy,cy@s.example,Asia/Tokyo,\r\n";
    let seen = preview(&app, &owner, json!({"csv": csv})).await;
    let lines: Vec<u64> = seen["sample"].as_array().unwrap().iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [2, 4, 6]);
    for _ in 0..2 {
        let dry =
            app.post("/api/v1/people/import", Some(&owner.access_token), json!({"csv": csv, "dry_run": true})).await;
        let dry = dry.ok(200);
        assert_eq!((&dry["errors"][0]["line"], &dry["errors"][0]["value"]), (&json!(4), &json!("Mars/Base")));
        assert_eq!(dry["summary"][0]["lines"], json!([4]));
    }
}

async fn bad_import_input_is_refused_and_nothing_is_written(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let csv = "external_id,name,email,job_level\nE1,Ann,ann@s.example,M3\n";
    for (body, field) in [
        (json!({"csv": csv, "file": base64(csv.as_bytes())}), "file"),
        (json!({}), "file"),
        (json!({"file": "not base64!"}), "file"),
        (json!({"file": base64(csv.as_bytes()), "encoding": "klingon"}), "encoding"),
        (json!({"csv": csv, "grades": {"M3": 99}}), "grades.M3"),
        (json!({"csv": csv, "grades": {"": 3}}), "grades"),
    ] {
        let reply = app.post("/api/v1/people/import", token, body.clone()).await;
        assert_eq!(reply.invalid_fields(), [field], "{body}: {}", reply.body);
    }
    for (body, field) in [
        (json!({"csv": csv, "file": base64(csv.as_bytes())}), "file"),
        (json!({"file": base64(csv.as_bytes()), "encoding": "klingon"}), "encoding"),
        (json!({"csv": "a,b\n1\n"}), "csv"),
    ] {
        let reply = app.post("/api/v1/people/import/preview", token, body.clone()).await;
        assert_eq!(reply.invalid_fields(), [field], "{body}: {}", reply.body);
    }
    let unknown = app.post("/api/v1/people/import/preview", token, json!({"csv": csv, "strict": true})).await;
    assert_eq!(unknown.invalid_fields(), ["strict"]);
    assert_eq!(app.count("people").await, 0);
    assert_eq!(app.count("import_mappings").await, 0);
    let viewer = app.add_member(&owner, "v@sakura.example", "viewer").await;
    app.post("/api/v1/people/import/preview", Some(&viewer.access_token), json!({"csv": csv})).await.problem(403);
}

async fn a_tenant_never_sees_another_tenants_saved_mapping(app: TestApp) {
    let sakura = app.signup("Sakura", "aiko@sakura.example").await;
    let fuji = app.signup("Fuji", "hana@fuji.example").await;
    let csv = "Code,Who,Mail,Grade\nE1,Ann,ann@sakura.example,M3\n";
    let mapping = json!({"Code": "external_id", "Who": "name", "Mail": "email", "Grade": "job_level"});
    app.post(
        "/api/v1/people/import",
        Some(&sakura.access_token),
        json!({"csv": csv, "mapping": mapping, "grades": {"M3": 7}, "remember": true}),
    )
    .await
    .ok(200);
    let own = preview(&app, &sakura, json!({"csv": csv})).await;
    assert_eq!(field_of(&own, "Code"), (&json!("external_id"), &json!("saved")));
    let other = preview(&app, &fuji, json!({"csv": csv})).await;
    assert_eq!(field_of(&other, "Code"), (&Value::Null, &Value::Null), "{other}");
    assert_eq!(other["grades"][0]["source"], "suggested");
    let refused = app.post("/api/v1/people/import", Some(&fuji.access_token), json!({"csv": csv.replace("Code", "external_id").replace("Who", "name").replace("Mail", "email").replace("Grade", "job_level")})).await;
    assert_eq!(refused.ok(200)["errors"][0]["code"], "grade_not_mapped", "Sakura's grade table is Sakura's");
}
