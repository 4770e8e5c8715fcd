//! The parts of the OpenAPI document that are not routes: title, tags, security schemes, and
//! the finishing touches on the generated schemas ([`finish`]).

use std::collections::BTreeMap;

use strum::VariantNames;
use tandem_domain::Reason;
use utoipa::openapi::Required;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayItems, KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type,
};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{Modify, OpenApi};

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
        (name = "participants", description = "What people reach from links in emails, without an account: \
                                                applying, confirming, unsubscribing, email preferences"),
        (name = "email", description = "Every delivery with its state, template overrides and the suppression list"),
        (name = "jobs", description = "The job queue: depth, dead letters, retry and discard (owners and admins)"),
        (name = "developer", description = "The developer mailbox: the outbox of the embedded default"),
        (name = "operations", description = "Health, readiness and metrics"),
    ),
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
    }
}

pub fn base() -> utoipa::openapi::OpenApi {
    let mut doc = BaseDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
}

/// Finishes the generated document: every schema in it has examples (a test enforces it), so
/// the interactive docs and the console's generated client show realistic values.
///
/// A timestamp (`date-time`), a date or an id (`uuid`) has one obvious example, the same
/// everywhere, so it is added here rather than by hand on every field; domain fields (names,
/// departments, counts, free text) get real examples by hand where they are declared. Pages
/// (`Paginated_T`) also point at `T` instead of carrying an inline copy of it, as utoipa
/// inlines generic arguments.
pub fn finish(doc: &mut utoipa::openapi::OpenApi) {
    let language = Ref::new(format!("#/components/parameters/{ACCEPT_LANGUAGE}"));
    for (path, item) in doc.paths.paths.iter_mut() {
        if !path.starts_with("/api/v1/") {
            continue;
        }
        let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for operation in operations.into_iter().flatten() {
            operation.parameters.get_or_insert_with(Vec::new).push(RefOr::Ref(language.clone()));
        }
    }
    let Some(components) = doc.components.as_mut() else { return };
    components.parameters.insert(ACCEPT_LANGUAGE.to_owned(), RefOr::T(accept_language()));
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
