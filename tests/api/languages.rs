//! The server's own words in the language a request asks for: problem documents (title,
//! detail, field messages) and an import's row errors, in English or Japanese by
//! `Accept-Language`, each with a stable `code` whatever the language.

use reqwest::Method;
use serde_json::{Value, json};
use tandem_tests::{Reply, TestApp, on_both_databases};

on_both_databases!(problems_speak_the_language_asked_for, import_row_errors_speak_the_language_asked_for);

fn design() -> Value {
    json!({
        "name": "Digital reverse mentoring",
        "kind": "reverse",
        "purposes": ["knowledge_sharing"],
        "eligibility": [{"role": "mentor", "level_max": 4}, {"role": "mentee", "level_min": 8}],
        "slots": 12, "mentor_capacity": 1,
        "start_date": "2027-01-11", "end_date": "2027-06-30",
        "meetings_per_month": 2, "minutes_per_meeting": 45, "check_in_cadence": "monthly"
    })
}

#[track_caller]
fn in_language(reply: &Reply, language: &str) {
    let header = |name: &str| reply.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert_eq!(header("content-language"), language, "{}", reply.body);
    assert!(header("vary").to_ascii_lowercase().contains("accept-language"), "vary: {}", header("vary"));
}

fn error_on<'a>(reply: &'a Reply, field: &str) -> &'a Value {
    reply.body["errors"]
        .as_array()
        .and_then(|errors| errors.iter().find(|e| e["field"] == field))
        .unwrap_or_else(|| panic!("no error on {field}: {}", reply.body))
}

async fn problems_speak_the_language_asked_for(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let token = Some(owner.access_token.as_str());
    let send =
        |language: Option<&'static str>, method: Method, path: String, token: Option<&str>, body: Option<Value>| {
            let token = token.map(str::to_owned);
            let app = &app;
            async move { app.request_in(language, method, &path, token.as_deref(), body).await }
        };

    // Field errors: the same codes, the words in each language.
    let mut bad = design();
    bad["slots"] = json!(0);
    bad["end_date"] = json!("2026-01-01");
    let ja = send(Some("ja"), Method::POST, "/api/v1/programs".into(), token, Some(bad.clone())).await;
    assert_eq!(ja.problem(422), "/problems/validation");
    in_language(&ja, "ja");
    assert_eq!(ja.body["title"], "入力内容を確認してください");
    assert_eq!(ja.body["detail"], "2件の項目に誤りがあります");
    assert_eq!(ja.body["code"], "fields_invalid");
    assert_eq!(error_on(&ja, "slots")["code"], "between");
    assert_eq!(error_on(&ja, "slots")["message"], "1〜10000の範囲にしてください");
    assert_eq!(error_on(&ja, "end_date")["message"], "開始日より後にしてください");
    let en = send(None, Method::POST, "/api/v1/programs".into(), token, Some(bad)).await;
    in_language(&en, "en");
    assert_eq!(en.body["detail"], "2 fields are invalid");
    assert_eq!(error_on(&en, "slots")["code"], "between");
    assert_eq!(error_on(&en, "slots")["message"], "must be 1 to 10000");
    assert_eq!(app.count("programs").await, 0, "a refused design writes nothing");

    // What the JSON reader refuses reads in Japanese too.
    let empty = send(Some("ja"), Method::POST, "/api/v1/programs".into(), token, Some(json!({}))).await;
    assert_eq!(empty.problem(422), "/problems/validation");
    let missing = &empty.body["errors"][0];
    assert_eq!((missing["code"].as_str(), missing["message"].as_str()), (Some("required"), Some("必須の項目です")));

    // A refused transition, by the first language the request names that Tandem speaks.
    let mut undated = design();
    undated["end_date"] = Value::Null;
    let program = app.post("/api/v1/programs", token, undated).await.ok(201)["id"].as_str().unwrap().to_owned();
    let transitions = format!("/api/v1/programs/{program}/transitions");
    for language in ["ja", "ja-JP,ja;q=0.9,en;q=0.8", "fr-FR, ja;q=0.5, en;q=0.4"] {
        let refused =
            send(Some(language), Method::POST, transitions.clone(), token, Some(json!({"to": "recruiting"}))).await;
        assert_eq!(refused.problem(409), "/problems/transition-refused");
        in_language(&refused, "ja");
        assert_eq!(refused.body["code"], "set_dates_before_recruiting");
        assert_eq!(refused.body["detail"], "募集の前に開始日と終了日を設定してください", "{language}");
    }
    let skipped = send(Some("ja"), Method::POST, transitions.clone(), token, Some(json!({"to": "active"}))).await;
    assert_eq!(skipped.body["detail"], "「下書き」のプログラムを「実施中」にはできません");
    for language in ["fr", "en-GB, ja;q=0.9", "*"] {
        let refused =
            send(Some(language), Method::POST, transitions.clone(), token, Some(json!({"to": "recruiting"}))).await;
        in_language(&refused, "en");
        assert_eq!(refused.body["detail"], "set the start and end dates before recruiting", "{language}");
    }
    let state = app.get(&format!("/api/v1/programs/{program}"), &owner.access_token).await;
    assert_eq!(state.ok(200)["state"], "draft", "refusals change nothing");

    // Refusals made before a route runs: no credential, a NUL in the query, no such route.
    let anonymous = send(Some("ja"), Method::GET, "/api/v1/programs".into(), None, None).await;
    assert_eq!(anonymous.problem(401), "/problems/unauthorized");
    in_language(&anonymous, "ja");
    assert_eq!(anonymous.headers.get("www-authenticate").and_then(|v| v.to_str().ok()), Some("Bearer"));
    assert_eq!(anonymous.body["code"], "no_credential");
    assert!(anonymous.body["detail"].as_str().unwrap().contains("Authorization: Bearer"), "{}", anonymous.body);
    assert!(!anonymous.body["detail"].as_str().unwrap().is_ascii(), "{}", anonymous.body);
    let nul = send(Some("ja"), Method::GET, "/api/v1/programs?state=%00".into(), token, None).await;
    assert_eq!(error_on(&nul, "query")["message"], "NUL文字（\\u0000）は使えません");
    let nowhere = send(Some("ja"), Method::GET, "/api/v1/nowhere".into(), token, None).await;
    assert_eq!(nowhere.problem(404), "/problems/not-found");
    assert_eq!(
        (nowhere.body["title"].as_str(), nowhere.body["code"].as_str()),
        (Some("見つかりません"), Some("no_such_resource"))
    );

    // The API document lists every code, and the language header on every operation.
    let spec: Value = app.client.get(app.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    for schema in ["Problem", "FieldError", "RowError"] {
        let codes = spec["components"]["schemas"][schema]["properties"]["code"]["enum"].as_array().unwrap();
        for code in ["set_dates_before_recruiting", "between", "required", "no_such_resource", "not_a_time_zone"] {
            assert!(codes.iter().any(|c| c == code), "{schema} lists {code}");
        }
    }
    let transition = &spec["paths"]["/api/v1/programs/{program_id}/transitions"]["post"]["parameters"];
    assert!(transition.as_array().unwrap().iter().any(|p| p["$ref"] == "#/components/parameters/AcceptLanguage"));
    let parameter = &spec["components"]["parameters"]["AcceptLanguage"];
    assert_eq!((parameter["name"].as_str(), parameter["in"].as_str()), (Some("Accept-Language"), Some("header")));
}

async fn import_row_errors_speak_the_language_asked_for(app: TestApp) {
    let owner = app.signup("Sakura", "aiko@sakura.example").await;
    let csv = "external_id,name,email,time_zone,manager_external_id\n\
               E1,Aiko Tanaka,aiko@sakura.example,Asia/Tokyo,\n\
               E2,Kenji Sato,kenji@sakura.example,Mars/Base,\n\
               E3,Yui Mori,aiko@sakura.example,,E9\n";
    let body = json!({"csv": csv, "dry_run": true});
    let ja = app
        .request_in(Some("ja"), Method::POST, "/api/v1/people/import", Some(&owner.access_token), Some(body.clone()))
        .await;
    assert_eq!(
        ja.ok(200)["errors"],
        json!([
            {"line": 3, "field": "time_zone", "code": "not_a_time_zone",
             "message": "Asia/Tokyo のような IANA タイムゾーン名にしてください", "value": "Mars/Base"},
            {"line": 4, "field": "email", "code": "duplicate_in_file",
             "message": "aiko@sakura.example がこのファイルに複数回出てきます", "value": "aiko@sakura.example"},
            {"line": 4, "field": "manager_external_id", "code": "no_such_manager",
             "message": "社員番号 E9 の人はいません", "value": "E9"},
        ])
    );
    let en = app.post("/api/v1/people/import", Some(&owner.access_token), body).await;
    let en = en.ok(200)["errors"].as_array().unwrap().clone();
    let words: Vec<&str> = en.iter().map(|e| e["message"].as_str().unwrap()).collect();
    assert_eq!(
        words,
        [
            "must be an IANA time zone such as Asia/Tokyo",
            "aiko@sakura.example appears more than once in this file",
            "no person with external id E9"
        ]
    );
    assert_eq!(app.count("people").await, 0, "a dry run writes nothing");

    let unmapped = app
        .request_in(
            Some("ja"),
            Method::POST,
            "/api/v1/people/import",
            Some(&owner.access_token),
            Some(json!({"csv": "id,who\n1,Ann\n"})),
        )
        .await;
    assert_eq!(error_on(&unmapped, "mapping")["message"], "external_id、name、email の列がありません");
}
