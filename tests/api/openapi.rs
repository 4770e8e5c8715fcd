//! The OpenAPI document lists every refusal an operation answers. Each operation of the
//! document is sent the requests that draw the refusals shared by operations of its kind —
//! no credential, a viewer or a read-only key, a body that is not JSON, not sent as JSON or too
//! large, a malformed id and an unknown one — and every status it answers must be among its
//! documented responses. So a new route is checked the day it is added, and a document that
//! forgets a refusal fails here rather than in a partner's generated client.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};
use tandem_tests::{Company, Reply, TestApp, on_both_databases};

use crate::access::fill;

on_both_databases!(every_refusal_answered_is_documented, throttled_operations_document_their_429);

/// No route takes a larger body than an import.
const OVER_EVERY_LIMIT: usize = tandem_api::routes::import::IMPORT_LIMIT_BYTES + 1;

fn spec() -> Value {
    serde_json::to_value(tandem_api::openapi()).unwrap()
}

/// One operation of the document.
struct Operation {
    method: Method,
    template: String,
    doc: Value,
    /// The example of its request body, when it takes one.
    body: Option<Value>,
}

impl Operation {
    fn secured(&self) -> bool {
        self.doc["security"].as_array().is_some_and(|s| !s.is_empty())
    }

    /// Whether a path parameter is an object's id (so a malformed or unknown one is 404).
    fn has_id(&self) -> bool {
        self.template.contains("_id}")
    }

    fn has_path_parameters(&self) -> bool {
        self.template.contains('{')
    }

    /// The required query parameters, with placeholder values, so that refusals are about the
    /// rest of the request.
    fn query(&self) -> String {
        let required = self.doc["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query" && p["required"] == true)
            .map(|p| format!("{}=placeholder", p["name"].as_str().unwrap()))
            .collect::<Vec<_>>();
        if required.is_empty() { String::new() } else { format!("?{}", required.join("&")) }
    }

    fn name(&self) -> String {
        format!("{} {}", self.method, self.template)
    }

    /// Asserts that the answer to `what` is documented, and that a refusal is a problem document.
    #[track_caller]
    fn assert_listed(&self, what: &str, reply: &Reply) {
        let status = reply.status.as_u16();
        assert!(
            self.doc["responses"].get(status.to_string()).is_some(),
            "{} answers {status} to {what}, which its responses do not list: {}",
            self.name(),
            reply.body
        );
        assert!(status < 500, "{} fails on {what}: {}", self.name(), reply.body);
        if status >= 400 {
            reply.problem(status);
        }
    }

    /// Asserts that `what` is answered with `status`, and that the document lists it.
    #[track_caller]
    fn assert_answers(&self, what: &str, status: u16, reply: &Reply) {
        self.assert_listed(what, reply);
        assert_eq!(reply.status.as_u16(), status, "{} to {what}: {}", self.name(), reply.body);
    }
}

fn operations(spec: &Value) -> Vec<Operation> {
    let mut out = Vec::new();
    for (template, item) in spec["paths"].as_object().unwrap() {
        for (method, doc) in item.as_object().unwrap() {
            let body = doc.get("requestBody").map(|body| {
                let schema = &body["content"]["application/json"]["schema"];
                let name = schema["$ref"].as_str().expect("bodies are named schemas").rsplit('/').next().unwrap();
                spec["components"]["schemas"][name]["example"].clone()
            });
            out.push(Operation {
                method: method.to_uppercase().parse().unwrap(),
                template: template.clone(),
                doc: doc.clone(),
                body,
            });
        }
    }
    assert!(out.len() > 60, "every operation of the API");
    out
}

/// Sends a request with a raw body, as a client that gets things wrong would.
async fn send(app: &TestApp, method: &Method, path: &str, token: Option<&str>, body: Option<(&str, Vec<u8>)>) -> Reply {
    let mut request = app.client.request(method.clone(), app.url(path));
    if let Some(token) = token {
        request = tandem_tests::authorize(request, token);
    }
    if let Some((content_type, bytes)) = body {
        request = request.header("content-type", content_type).body(bytes);
    }
    TestApp::read(request.send().await.expect("request sent")).await
}

fn json_bytes(body: &Option<Value>) -> Option<(&'static str, Vec<u8>)> {
    body.as_ref().map(|b| ("application/json", serde_json::to_vec(b).unwrap()))
}

/// The path with every parameter malformed: not an id, not a name of anything.
fn malformed(template: &str) -> String {
    template.split('/').map(|part| if part.starts_with('{') { "not-an-id" } else { part }).collect::<Vec<_>>().join("/")
}

async fn every_refusal_answered_is_documented(app: TestApp) {
    let spec = spec();
    let owner = app.signup("Acme", "owner@acme.example").await;
    let viewer: Company = app.add_member(&owner, "val@acme.example", "viewer").await;
    let reader =
        app.post("/api/v1/api-keys", Some(&owner.access_token), json!({"name": "Reader", "scopes": ["read"]})).await;
    let reader = reader.ok(201)["secret"].as_str().unwrap().to_owned();
    let person = json!({"external_id": "P1", "name": "Aoi Mori", "email": "aoi@acme.example"});
    app.post("/api/v1/people", Some(&owner.access_token), person).await.ok(201);
    let participant = app.participant("aoi@acme.example").await;
    for op in operations(&spec) {
        // The portal's routes are a participant's; the rest a console user's.
        let portal = op.template.starts_with("/api/v1/portal/") && op.secured();
        let owner_token = Some(if portal { participant.as_str() } else { owner.access_token.as_str() });
        let (method, path) = (&op.method, fill(&op.template) + &op.query());

        let reply = send(&app, method, &path, None, json_bytes(&op.body)).await;
        if op.secured() {
            op.assert_answers("no credential", 401, &reply);
        } else {
            op.assert_listed("no credential", &reply);
        }
        if op.secured() {
            for (who, token) in [("a viewer", &viewer.access_token), ("a read-only API key", &reader)] {
                let reply = send(&app, method, &path, Some(token), json_bytes(&op.body)).await;
                op.assert_listed(who, &reply);
            }
        }

        if op.body.is_some() {
            let broken = Some(("application/json", b"{not json".to_vec()));
            op.assert_answers("a body that is not JSON", 400, &send(&app, method, &path, owner_token, broken).await);
            let text = json_bytes(&op.body).map(|(_, bytes)| ("text/plain", bytes));
            op.assert_answers("a body not sent as JSON", 415, &send(&app, method, &path, owner_token, text).await);
            let mut huge = b"{\"text\": \"".to_vec();
            huge.resize(OVER_EVERY_LIMIT, b'x');
            huge.extend_from_slice(b"\"}");
            let huge = Some(("application/json", huge));
            op.assert_answers("a body too large", 413, &send(&app, method, &path, owner_token, huge).await);
        }

        if op.has_path_parameters() {
            let malformed = malformed(&op.template) + &op.query();
            let reply = send(&app, method, &malformed, owner_token, json_bytes(&op.body)).await;
            let unknown = send(&app, method, &path, owner_token, json_bytes(&op.body)).await;
            if op.has_id() {
                op.assert_answers("a malformed id", 404, &reply);
                op.assert_answers("an unknown id", 404, &unknown);
            } else {
                op.assert_listed("malformed path parameters", &reply);
                op.assert_listed("path parameters naming nothing of the tenant", &unknown);
            }
        }
    }
}

/// Every operation that documents 429 answers it, with `Retry-After`, once sent too often.
async fn throttled_operations_document_their_429(app: TestApp) {
    let spec = spec();
    let throttled: Vec<Operation> =
        operations(&spec).into_iter().filter(|op| op.doc["responses"].get("429").is_some()).collect();
    let ids: BTreeSet<&str> = throttled.iter().map(|op| op.doc["operationId"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        BTreeSet::from([
            "accept_invitation",
            "answer_check_in",
            "answer_survey",
            "apply",
            "login",
            "request_password_reset",
            "request_portal_link",
            "signup"
        ]),
        "each throttled operation is drawn below"
    );
    let ann = app.signup("Acme", "ann@acme.example").await;
    let other = app.signup("Umbrella", "uma@umbrella.example").await;
    app.post("/api/v1/team/invitations", Some(&other.access_token), json!({"email": ann.email, "role": "viewer"}))
        .await
        .ok(201);
    let invitation = app.link_token_in_email(&ann.email, 2, "/invitations/accept?token=").await;
    // A well-formed link to no campaign: counted against the client before it is looked up.
    let link = format!("{}.{}", uuid::Uuid::now_v7().simple(), "ab".repeat(24));
    for op in &throttled {
        let (path, body) = match op.doc["operationId"].as_str().unwrap() {
            "login" => (op.template.clone(), json!({"email": ann.email, "password": "not the password"})),
            "accept_invitation" => (op.template.clone(), json!({"token": invitation, "password": "not the password"})),
            "apply" => (
                op.template.replace("{token}", &link),
                json!({"email": "kenji@acme.example", "role_wanted": "mentor", "can_teach": "a", "wants_to_learn": "b",
                       "goals": "c", "availability": "d", "consent": true}),
            ),
            "signup" => (
                op.template.clone(),
                json!({"company_name": "Spam", "owner_name": "Spam", "email": "spam@example.com", "password": tandem_tests::PASSWORD}),
            ),
            "request_password_reset" => (op.template.clone(), json!({"email": ann.email})),
            "request_portal_link" => (op.template.clone(), json!({"email": "kenji@acme.example"})),
            // A well-formed link to nothing: counted against the client before it is looked up.
            "answer_check_in" => (op.template.replace("{token}", &link), json!({"score": 3})),
            "answer_survey" => (op.template.clone(), json!({"token": link, "answers": {}})),
            other => panic!("no way to draw 429 from {other}: add one"),
        };
        let mut replies = Vec::new();
        // More than any limit allows from one client in an hour.
        for _ in 0..app.config.apply_per_client_per_hour.max(app.config.answers_per_client_per_hour) + 5 {
            let reply = app.request(op.method.clone(), &path, None, Some(body.clone())).await;
            op.assert_listed("the same request, again and again", &reply);
            let throttled = reply.status == 429;
            replies.push(reply);
            if throttled {
                break;
            }
        }
        let last = replies.last().unwrap();
        op.assert_answers("the same request, again and again", 429, last);
        assert!(last.headers.get("retry-after").is_some(), "{}: 429 says when to try again", op.name());
    }
}

/// Every schema the document refers to is in it: a client generator refuses a dangling one.
#[test]
fn every_referenced_schema_is_defined() {
    let spec = spec();
    let text = spec.to_string();
    let defined = spec["components"]["schemas"].as_object().unwrap();
    for (i, _) in text.match_indices("#/components/schemas/") {
        let name: String = text[i + "#/components/schemas/".len()..].chars().take_while(|c| *c != '"').collect();
        assert!(defined.contains_key(&name), "{name} is referred to but not defined");
    }
}

/// Every refusal in the document is a problem document, and every shared refusal an operation
/// refers to exists.
#[test]
fn every_documented_refusal_is_a_problem_document() {
    let spec = spec();
    for op in operations(&spec) {
        for (status, response) in op.doc["responses"].as_object().unwrap() {
            if !status.starts_with('4') {
                continue;
            }
            let response = match response["$ref"].as_str() {
                Some(r) => {
                    let name = r.strip_prefix("#/components/responses/").expect("a shared response");
                    &spec["components"]["responses"][name]
                }
                None => response,
            };
            assert!(response["description"].as_str().is_some_and(|d| !d.is_empty()), "{} {status}", op.name());
            assert_eq!(
                response["content"]["application/problem+json"]["schema"]["$ref"],
                "#/components/schemas/Problem",
                "{} {status} is a problem document",
                op.name()
            );
        }
    }
}

/// utoipa names a schema after its type, and two types of one name would silently share one
/// entry in the document (the second overwriting the first): every type the API shows has a
/// name of its own.
#[test]
fn no_two_schemas_share_a_name() {
    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for crate_dir in ["crates/api/src", "crates/domain/src"] {
        rust_files(&root.join(crate_dir), &mut files);
    }
    let mut seen: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let derives = line.contains("derive(") && line.contains("ToSchema");
            let text_enum = line.trim() == "text_enum!(";
            if !derives && !text_enum {
                continue;
            }
            let name = lines[i + 1..].iter().take(12).find_map(|next| {
                let next = next.trim();
                if text_enum {
                    (!next.starts_with("///")).then(|| next.split_whitespace().next().unwrap_or("").to_owned())
                } else {
                    next.strip_prefix("pub struct ")
                        .or_else(|| next.strip_prefix("pub enum "))
                        .map(|rest| rest.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap().to_owned())
                }
            });
            let Some(name) = name.filter(|n| !n.is_empty()) else { continue };
            let place = file.strip_prefix(&root).unwrap().display().to_string();
            if let Some(first) = seen.insert(name.clone(), place.clone()) {
                assert_eq!(first, place, "two schemas named {name}: in {first} and in {place}");
            }
        }
    }
    assert!(seen.len() > 100, "the API's schemas were found: {}", seen.len());
}
