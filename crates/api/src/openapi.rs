//! The parts of the OpenAPI document that are not routes: title, tags, security schemes.

use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tandem API",
        description = "Run reverse and mutual mentoring programs: tenants, teams, API keys and, \
                       as the product grows, programs, recruitment, matching and monitoring.\n\n\
                       Every error is an RFC 9457 problem document (`application/problem+json`). \
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
        (name = "operations", description = "Health and readiness"),
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
