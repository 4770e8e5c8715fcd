//! The parts of the OpenAPI document that are not routes: title, tags, security schemes, the
//! refusals shared by every operation of a kind, and the finishing touches on the generated
//! schemas ([`finish`]).

use std::collections::BTreeMap;

use actix_web::ResponseError;

use strum::VariantNames;
use tandem_domain::{Locale, Reason};
use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayItems, KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type,
};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{Content, Header, Ref, RefOr, Required};
use utoipa::{Modify, OpenApi};

use crate::error::{ApiError, InvalidField, PROBLEM_JSON, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tandem API",
        description = "Run reverse and mutual mentoring programs: tenants, teams, API keys and, \
                       as the product grows, programs, recruitment, matching and monitoring.\n\n\
                       Every error is an RFC 9457 problem document (`application/problem+json`) \
                       with a stable `type` and `code`, written in English or Japanese as \
                       `Accept-Language` asks. \
                       Lists use cursor pagination (`limit`, `cursor`). Another tenant's objects \
                       answer 404, exactly like missing ones.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    tags(
        (name = "auth", description = "Sign up, log in, refresh and log out; accept invitations"),
        (name = "account", description = "The caller and their tenant"),
        (name = "team", description = "Members, roles and invitations (owners and admins)"),
        (name = "api-keys", description = "Partners' API keys (owners and admins)"),
        (name = "audit", description = "The tenant's audit log (owners and admins)"),
        (name = "people", description = "The people directory: one by one, partners' bulk upserts, CSV imports, search"),
        (name = "programs", description = "Programs: purpose, design, lifecycle, and templates to start from"),
        (name = "recruitment", description = "Campaigns: set up, open and close, invite, review applications, the funnel"),
        (name = "matching", description = "Matching runs in blind review: proposals with their reasons, the unmatched, \
                                            the fairness report, revealing names (audited), locks and forbids"),
        (name = "participants", description = "What people reach from links in emails, without an account: \
                                                applying, confirming, unsubscribing, email preferences; and the \
                                                participant portal (a session started by an emailed sign-in link)"),
        (name = "launch", description = "Launch and monitoring: the kickoff, training completion, pairs' health, \
                                          learning both ways, executives' participation, stories"),
        (name = "feedback", description = "Check-ins and surveys: ask, read the answers (anonymous ones only for \
            groups of at least five), and the company's survey templates"),
        (name = "results", description = "A program's results against its success metrics, values for manual \
            metrics, and CSV exports of its tables"),
        (name = "nudges", description = "The email reminders participants get: each program's rules and pause, \
            and the log of every nudge with its state"),
        (name = "email", description = "Every delivery with its state, template overrides and the suppression list"),
        (name = "jobs", description = "The job queue: depth, dead letters, retry and discard (owners and admins)"),
        (name = "developer", description = "The developer mailbox: the outbox of the embedded default"),
        (name = "operations", description = "Health, readiness and metrics"),
    ),
    // Schemas only a path parameter names are not collected with the routes.
    components(schemas(Problem, crate::routes::exports::ExportTable)),
    modifiers(&SecuritySchemes),
)]
struct BaseDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut jwt = Http::new(HttpAuthScheme::Bearer);
        jwt.bearer_format = Some("JWT".to_owned());
        jwt.description =
            Some("A console user's access token from /auth/login, /auth/signup or /auth/refresh.".to_owned());
        components.add_security_scheme("access_token", SecurityScheme::Http(jwt));
        let mut key = Http::new(HttpAuthScheme::Bearer);
        key.bearer_format = Some("tdm_…".to_owned());
        key.description = Some("A partner's API key, sent as `Authorization: Bearer tdm_…`.".to_owned());
        components.add_security_scheme("api_key", SecurityScheme::Http(key));
        let participant = ApiKey::Cookie(ApiKeyValue::with_description(
            crate::auth::participant::PARTICIPANT_COOKIE,
            "A participant's portal session, set by POST /portal/session from an emailed sign-in link \
             (HttpOnly; sent only with the header `X-Tandem-Session: cookie`).",
        ));
        components.add_security_scheme("participant_session", SecurityScheme::ApiKey(participant));
    }
}

pub fn base() -> utoipa::openapi::OpenApi {
    let mut doc = BaseDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
}

/// Finishes the generated document: every operation lists the refusals it may answer, and
/// every schema in it has examples (a test enforces it), so the interactive docs and the
/// console's generated client show realistic values.
///
/// Refusals that come from the kind of operation rather than from what it does (no
/// credential, a body that is not JSON, an unknown id…) are written once, in
/// `components.responses`, and referenced here from each operation that may answer them
/// ([`shared_refusals`]). A route lists a refusal itself only to say something of its own
/// ("closed campaigns no longer change"); its words then win over the shared ones. Every
/// refusal is a problem document, so a route's own entry gets that body here too.
///
/// A timestamp (`date-time`), a date or an id (`uuid`) has one obvious example, the same
/// everywhere, so it is added here rather than by hand on every field; domain fields (names,
/// departments, counts, free text) get real examples by hand where they are declared. Pages
/// (`Paginated_T`) also point at `T` instead of carrying an inline copy of it, as utoipa
/// inlines generic arguments.
pub fn finish(doc: &mut utoipa::openapi::OpenApi) {
    let language = Ref::new(format!("#/components/parameters/{ACCEPT_LANGUAGE}"));
    for (path, item) in doc.paths.paths.iter_mut() {
        let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for operation in operations.into_iter().flatten() {
            refer_to_shared_refusals(operation);
            give_refusals_problem_bodies(operation);
            if path.starts_with("/api/v1/") {
                operation.parameters.get_or_insert_with(Vec::new).push(RefOr::Ref(language.clone()));
            }
        }
    }
    let Some(components) = doc.components.as_mut() else { return };
    components.parameters.insert(ACCEPT_LANGUAGE.to_owned(), RefOr::T(accept_language()));
    for refusal in SHARED_REFUSALS {
        components.responses.insert(refusal.name.to_owned(), RefOr::T(refusal.response()));
    }
    list_reason_codes(&mut components.schemas);
    add_body_examples(&mut components.schemas);
    let named = components.schemas.clone();
    for schema in components.schemas.values_mut() {
        if let RefOr::T(schema) = schema {
            reference_named_items(schema, &named);
            add_format_examples(schema);
        }
    }
}

/// A refusal many operations share, documented once in `components.responses`.
struct SharedRefusal {
    name: &'static str,
    description: &'static str,
    /// The refusal as the API answers it: its status, and its example.
    example: fn() -> ApiError,
}

const SHARED_REFUSALS: [SharedRefusal; 8] = [
    SharedRefusal {
        name: "MalformedRequest",
        description: "The body could not be read as JSON (a syntax error, or a body cut short).",
        example: || {
            ApiError::Malformed(Reason::UnreadableJson { detail: "key must be a string at line 1 column 2".into() })
        },
    },
    SharedRefusal {
        name: "Unauthorized",
        description: "No valid credential: none was sent, or the access token or API key is expired, forged or \
                      revoked, or its user is no longer a member of the tenant.",
        example: || ApiError::Unauthorized(Reason::NoCredential),
    },
    SharedRefusal {
        name: "Forbidden",
        description: "The credential does not allow this: the user's role or the API key's scopes.",
        example: || ApiError::Forbidden(Reason::MayNotWrite),
    },
    SharedRefusal {
        name: "NotFound",
        description: "No such object in this tenant. A malformed id, and another tenant's object, answer exactly \
                      the same.",
        example: || ApiError::NotFound,
    },
    SharedRefusal {
        name: "PayloadTooLarge",
        description: "The body is larger than the route takes: 64 KiB, unless the route says otherwise.",
        example: || ApiError::PayloadTooLarge,
    },
    SharedRefusal {
        name: "UnsupportedMediaType",
        description: "The body is not sent as `application/json`.",
        example: || ApiError::UnsupportedMediaType,
    },
    SharedRefusal {
        name: "ValidationFailed",
        description: "Invalid fields: `errors` names each by its path in the body or the query (`scopes[1]`, \
                      `limit`), with a code and a message.",
        example: || ApiError::Validation(vec![InvalidField::new("email", Reason::NoAtSign)]),
    },
    SharedRefusal {
        name: "TooManyRequests",
        description: "Too many attempts: try again after the seconds `Retry-After` gives.",
        example: || ApiError::TooManyRequests { retry_after_secs: 30 },
    },
];

impl SharedRefusal {
    fn status(&self) -> u16 {
        (self.example)().status_code().as_u16()
    }

    fn response(&self) -> Response {
        let error = (self.example)();
        let mut content = Content::new(Some(Ref::from_schema_name("Problem")));
        content.example = serde_json::to_value(error.problem(Locale::En)).ok();
        let mut response = ResponseBuilder::new().description(self.description).content(PROBLEM_JSON, content);
        match error {
            ApiError::Unauthorized(_) => {
                let mut header = Header::new(ObjectBuilder::new().schema_type(Type::String));
                header.description = Some("`Bearer`: the credential to send.".to_owned());
                response = response.header("WWW-Authenticate", header);
            }
            ApiError::TooManyRequests { retry_after_secs } => {
                let mut header = Header::new(ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(1)));
                header.description = Some("Seconds to wait before trying again.".to_owned());
                header.example = Some(serde_json::json!(retry_after_secs));
                response = response.header("Retry-After", header);
            }
            _ => {}
        }
        response.build()
    }
}

/// The statuses an operation may answer for what it is rather than for what it does: a JSON
/// body may be unreadable (400), too large (413), not JSON (415) or invalid (422), and so may
/// a query (422); a secured operation refuses a missing credential (401) and a role or scope
/// that does not allow it (403); an id in the path may name nothing (404); and the operations
/// that check passwords are throttled (429).
fn shared_refusals(operation: &Operation) -> Vec<u16> {
    let located = |place: ParameterIn| {
        operation.parameters.iter().flatten().any(|p| matches!(p, RefOr::T(p) if p.parameter_in == place))
    };
    let mut statuses = Vec::new();
    if operation.request_body.is_some() {
        statuses.extend([400, 413, 415, 422]);
    }
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        statuses.extend([401, 403]);
    }
    if located(ParameterIn::Path) {
        statuses.push(404);
    }
    if located(ParameterIn::Query) {
        statuses.push(422);
    }
    if operation.operation_id.as_deref().is_some_and(|id| crate::limits::LIMITED_OPERATIONS.contains(&id)) {
        statuses.push(429);
    }
    statuses
}

fn refer_to_shared_refusals(operation: &mut Operation) {
    for status in shared_refusals(operation) {
        let refusal = SHARED_REFUSALS
            .iter()
            .find(|r| r.status() == status)
            .expect("every status shared_refusals gives is one of SHARED_REFUSALS");
        operation
            .responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| RefOr::Ref(Ref::from_response_name(refusal.name)));
    }
}

/// A route's own refusals are described in words only; their body is a problem document.
fn give_refusals_problem_bodies(operation: &mut Operation) {
    for (status, response) in operation.responses.responses.iter_mut() {
        let RefOr::T(response) = response else { continue };
        if status.starts_with('4') && response.content.is_empty() {
            let problem = Content::new(Some(Ref::from_schema_name("Problem")));
            response.content.insert(PROBLEM_JSON.to_owned(), RefOr::T(problem));
        }
    }
}

const ACCEPT_LANGUAGE: &str = "AcceptLanguage";

/// The language of problem documents and other server-written text (English and Japanese);
/// every API operation takes it.
fn accept_language() -> Parameter {
    ParameterBuilder::new()
        .name("Accept-Language")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(
            "The language of `title`, `detail` and field messages in problem documents, and of other \
             text the server writes: `en` (the default) or `ja`. The answer names it in `Content-Language`.",
        ))
        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
        .example(Some(serde_json::json!("ja")))
        .build()
}

/// Examples of request bodies whose types declare none of their own (every body has one, and a
/// test keeps it so): the public application form.
fn add_body_examples(schemas: &mut BTreeMap<String, RefOr<Schema>>) {
    let examples = [(
        "ApplyRequest",
        serde_json::json!({
            "email": "kenji.sato@sakura.example", "role_wanted": "mentor", "can_teach": "TikTok, short videos, Python",
            "wants_to_learn": "How budgets are decided", "goals": "Understand the business side",
            "availability": "Tuesday and Thursday afternoons", "languages": ["ja", "en"], "consent": true,
            "answers": {"meeting_style": "Online"}
        }),
    )];
    for (name, example) in examples {
        if let Some(RefOr::T(Schema::Object(object))) = schemas.get_mut(name)
            && object.example.is_none()
        {
            object.example = Some(example);
        }
    }
}

/// Lists every `code` a refusal may carry (`tandem_domain::Reason`), wherever one is shown.
fn list_reason_codes(schemas: &mut BTreeMap<String, RefOr<Schema>>) {
    let codes: Vec<serde_json::Value> = Reason::VARIANTS.iter().map(|code| serde_json::json!(code)).collect();
    for name in ["Problem", "FieldError", "RowError"] {
        let Some(RefOr::T(Schema::Object(object))) = schemas.get_mut(name) else { continue };
        if let Some(RefOr::T(Schema::Object(code))) = object.properties.get_mut("code") {
            code.enum_values = Some(codes.clone());
        }
    }
}

/// Replaces an array's inline object items by a reference to the named schema they copy.
fn reference_named_items(schema: &mut Schema, named: &BTreeMap<String, RefOr<Schema>>) {
    let Schema::Object(object) = schema else { return };
    for property in object.properties.values_mut() {
        let RefOr::T(Schema::Array(array)) = property else { continue };
        let ArrayItems::RefOrSchema(items) = &mut array.items else { continue };
        let RefOr::T(Schema::Object(inline)) = items.as_ref() else { continue };
        if inline.properties.is_empty() {
            continue;
        }
        let copied = named.iter().find(|(_, schema)| matches!(schema, RefOr::T(Schema::Object(o)) if o == inline));
        if let Some((name, _)) = copied {
            **items = RefOr::Ref(Ref::from_schema_name(name.clone()));
        }
    }
}

fn add_format_examples(schema: &mut Schema) {
    let in_ref_or = |schema: &mut RefOr<Schema>| {
        if let RefOr::T(schema) = schema {
            add_format_examples(schema);
        }
    };
    match schema {
        Schema::Object(object) => {
            if object.example.is_none() && object.examples.is_empty() {
                object.example = format_example(object.format.as_ref());
            }
            object.properties.values_mut().for_each(in_ref_or);
            if let Some(AdditionalProperties::RefOr(values)) = object.additional_properties.as_deref_mut() {
                in_ref_or(values);
            }
        }
        Schema::Array(array) => {
            if let ArrayItems::RefOrSchema(items) = &mut array.items {
                in_ref_or(items);
            }
            array.prefix_items.iter_mut().for_each(add_format_examples);
        }
        Schema::OneOf(one_of) => one_of.items.iter_mut().for_each(in_ref_or),
        Schema::AnyOf(any_of) => any_of.items.iter_mut().for_each(in_ref_or),
        Schema::AllOf(all_of) => all_of.items.iter_mut().for_each(in_ref_or),
        _ => {}
    }
}

fn format_example(format: Option<&SchemaFormat>) -> Option<serde_json::Value> {
    let example = match format? {
        SchemaFormat::KnownFormat(KnownFormat::DateTime) => "2026-11-30T09:00:00Z",
        SchemaFormat::KnownFormat(KnownFormat::Date) => "2027-01-11",
        SchemaFormat::KnownFormat(KnownFormat::Uuid) => "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f",
        _ => return None,
    };
    Some(example.into())
}
