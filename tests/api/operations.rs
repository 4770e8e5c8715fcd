//! Health, request ids, CORS, unknown routes, the API documents.

use reqwest::Method;
use tandem_tests::{TestApp, on_both_databases};

on_both_databases!(
    health_and_readiness_answer,
    every_response_carries_a_request_id,
    unknown_routes_answer_with_a_problem,
    cors_allows_the_configured_origin_only,
    the_served_openapi_document_is_the_checked_in_one,
    links_in_emails_point_at_the_port_served_when_no_public_url_is_set,
);

/// A server started on another port than 8080 (here a random one) sends links that reach it.
async fn links_in_emails_point_at_the_port_served_when_no_public_url_is_set(app: TestApp) {
    let backend = app.backend;
    drop(app);
    let app = TestApp::spawn_with(backend, |c, _| c.public_url = String::new()).await.unwrap();
    let port = app.address.rsplit(':').next().unwrap().to_owned();
    assert_ne!(port, "8080");
    app.post(
        "/api/v1/auth/signup",
        None,
        serde_json::json!({"company_name": "Acme", "owner_name": "Ann", "email": "ann@acme.example", "password": tandem_tests::PASSWORD}),
    )
    .await
    .ok(202);
    let email = &app.wait_for_emails_to("ann@acme.example", 1).await[0];
    let expected = format!("http://localhost:{port}/signup/verify?token=");
    assert!(email.text.contains(&expected), "{expected} in {}", email.text);
}

async fn health_and_readiness_answer(app: TestApp) {
    let health = app.request(Method::GET, "/healthz", None, None).await;
    assert_eq!(health.ok(200)["status"], "ok");
    let ready = app.request(Method::GET, "/readyz", None, None).await;
    assert_eq!(ready.ok(200)["status"], "ok");
}

async fn every_response_carries_a_request_id(app: TestApp) {
    let ok = app.request(Method::GET, "/healthz", None, None).await;
    let error = app.request(Method::GET, "/api/v1/me", None, None).await;
    let ids: Vec<_> = [&ok, &error]
        .iter()
        .map(|r| r.headers.get("x-request-id").expect("x-request-id").to_str().unwrap().to_owned())
        .collect();
    assert_ne!(ids[0], ids[1]);
    assert!(ids.iter().all(|id| uuid::Uuid::parse_str(id).is_ok()));
}

async fn unknown_routes_answer_with_a_problem(app: TestApp) {
    let reply = app.request(Method::GET, "/api/v1/no-such-thing", None, None).await;
    assert_eq!(reply.problem(404), "/problems/not-found");
}

async fn cors_allows_the_configured_origin_only(app: TestApp) {
    let preflight = |origin: &'static str| {
        app.client
            .request(Method::OPTIONS, app.url("/api/v1/me"))
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "authorization")
            .send()
    };
    let allowed = preflight("http://console.test").await.unwrap();
    assert_eq!(allowed.status(), 200);
    assert_eq!(allowed.headers()["access-control-allow-origin"], "http://console.test");
    let refused = preflight("http://evil.test").await.unwrap();
    assert!(refused.headers().get("access-control-allow-origin").is_none());
}

async fn the_served_openapi_document_is_the_checked_in_one(app: TestApp) {
    let served = app.request(Method::GET, "/api/v1/openapi.json", None, None).await;
    let checked_in: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/openapi.json")).expect("docs/openapi.json is JSON");
    assert_eq!(served.ok(200), &checked_in, "run `make openapi` and commit docs/openapi.json");
    let docs = app.client.get(app.url("/docs/")).send().await.unwrap();
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("swagger-ui"), "the interactive UI is served offline");
}

#[test]
fn every_operation_has_a_unique_id_a_summary_and_responses() {
    let spec = serde_json::to_value(tandem_api::openapi()).unwrap();
    let mut ids = std::collections::BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap_or_else(|| panic!("{method} {path} has an operationId"));
            assert!(ids.insert(id.to_owned()), "operationId {id} is used twice (generated clients need them unique)");
            assert!(
                operation["summary"].is_string() || operation["description"].is_string(),
                "{method} {path} is described"
            );
            assert!(!operation["responses"].as_object().unwrap().is_empty(), "{method} {path} documents its responses");
        }
    }
}

/// Every schema shows realistic values in the docs and the generated client: it has an example
/// of its own, or is an enum, or every property has one (references, enums, booleans and
/// arrays of those count), or it is a union of members that do.
#[test]
fn every_schema_has_examples() {
    use serde_json::Value;

    fn has_own_example(schema: &Value) -> bool {
        schema.get("example").is_some() || schema.get("examples").is_some()
    }
    fn is_type(schema: &Value, name: &str) -> bool {
        match &schema["type"] {
            Value::String(t) => t == name,
            Value::Array(types) => types.iter().any(|t| t == name),
            _ => false,
        }
    }
    fn is_null(schema: &Value) -> bool {
        schema["type"] == "null"
    }
    /// The non-null members of a oneOf/anyOf, when the schema is one.
    fn members(schema: &Value) -> Option<Vec<&Value>> {
        let members = schema.get("oneOf").or_else(|| schema.get("anyOf"))?.as_array()?;
        Some(members.iter().filter(|member| !is_null(member)).collect())
    }
    fn property_has_example(property: &Value) -> bool {
        if has_own_example(property) || property.get("$ref").is_some() || property.get("enum").is_some() {
            return true;
        }
        if is_type(property, "boolean") {
            return true;
        }
        if is_type(property, "array") {
            return property.get("items").is_some_and(property_has_example);
        }
        members(property).is_some_and(|members| members.iter().all(|member| property_has_example(member)))
    }
    /// The properties without an example, or `None` when the schema passes.
    fn missing(schema: &Value) -> Option<Vec<String>> {
        if has_own_example(schema) || schema.get("enum").is_some() || schema.get("$ref").is_some() {
            return None;
        }
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            let missing: Vec<String> =
                properties.iter().filter(|(_, p)| !property_has_example(p)).map(|(name, _)| name.clone()).collect();
            return (!missing.is_empty()).then_some(missing);
        }
        if let Some(members) = members(schema) {
            let missing: Vec<String> = members
                .iter()
                .enumerate()
                .filter_map(|(i, member)| missing(member).map(|m| format!("member {i}: {}", m.join(", "))))
                .collect();
            return (!missing.is_empty()).then_some(missing);
        }
        Some(vec!["(the schema itself: add `#[schema(example = …)]`)".to_owned()])
    }

    let spec = serde_json::to_value(tandem_api::openapi()).unwrap();
    let offenders: Vec<String> = spec["components"]["schemas"]
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(name, schema)| missing(schema).map(|m| format!("  {name}: {}", m.join(", "))))
        .collect();
    assert!(
        offenders.is_empty(),
        "{} schemas lack examples; add `#[schema(example = …)]` on these properties (or one on the \
         schema):\n{}",
        offenders.len(),
        offenders.join("\n")
    );
}

/// Every tag an operation uses is declared, with a description, so the docs group and explain
/// every operation.
#[test]
fn every_tag_used_is_declared_with_a_description() {
    let spec = serde_json::to_value(tandem_api::openapi()).unwrap();
    let declared: std::collections::BTreeSet<&str> = spec["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|tag| tag["description"].as_str().is_some_and(|d| !d.is_empty()))
        .map(|tag| tag["name"].as_str().unwrap())
        .collect();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let tags = operation["tags"].as_array().unwrap_or_else(|| panic!("{method} {path} has a tag"));
            for tag in tags.iter().map(|t| t.as_str().unwrap()) {
                assert!(declared.contains(tag), "{method} {path} uses the tag {tag}: declare it in openapi.rs");
            }
        }
    }
}

/// Every schema a request body reaches (the body's own, and those it refers to) has an example
/// of its own, so the docs and the generated client show a whole request, not pieces of one.
#[test]
fn every_request_body_has_an_example() {
    use serde_json::Value;

    /// The names of the schemas `schema` refers to.
    fn references(schema: &Value) -> Vec<String> {
        match schema {
            Value::Object(map) => map
                .iter()
                .flat_map(|(key, value)| match (key.as_str(), value) {
                    ("$ref", Value::String(r)) => vec![r.rsplit('/').next().unwrap().to_owned()],
                    ("example" | "examples", _) => vec![],
                    _ => references(value),
                })
                .collect(),
            Value::Array(items) => items.iter().flat_map(references).collect(),
            _ => vec![],
        }
    }

    let spec = serde_json::to_value(tandem_api::openapi()).unwrap();
    let mut todo: Vec<String> = spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .filter_map(|operation| operation.get("requestBody"))
        .flat_map(references)
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut missing = Vec::new();
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let schema = &spec["components"]["schemas"][&name];
        if schema.get("enum").is_none() && schema.get("example").is_none() {
            missing.push(name);
        }
        todo.extend(references(schema));
    }
    assert!(seen.len() > 25, "the request bodies and what they refer to");
    assert!(missing.is_empty(), "request body schemas without `#[schema(example = …)]` on the type: {missing:?}");
}
