//! How requests are read: JSON bodies with a size limit and field-level errors, and the
//! mapping of path and query errors to problem documents.

use actix_web::dev::Payload;
use actix_web::error::{PathError, QueryPayloadError};
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use tandem_domain::Reason;

use crate::error::{ApiError, InvalidField};

/// The largest JSON body any route accepts.
pub const JSON_LIMIT_BYTES: usize = 64 * 1024;

/// A JSON request body of at most `LIMIT` bytes. Unlike `web::Json`, a refusal names the
/// field at fault by its path (`scopes[0]`, `role`), whatever kind of error it is.
///
/// The body is read before the handler runs, but it is refused only when the handler asks for
/// it ([`Json::read`]). Handlers ask right after checking the caller's role, so someone who may
/// not do a thing hears 403 whatever they sent: the order of refusals is the handler's, not
/// that of its extractors (which actix runs together).
pub struct Json<T, const LIMIT: usize = JSON_LIMIT_BYTES>(Result<T, ApiError>);

impl<T, const LIMIT: usize> Json<T, LIMIT> {
    /// The body, or why it was refused.
    pub fn read(self) -> Result<T, ApiError> {
        self.0
    }
}

impl<T: DeserializeOwned + 'static, const LIMIT: usize> FromRequest for Json<T, LIMIT> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| {
                let mime = mime.trim();
                mime.eq_ignore_ascii_case("application/json") || mime.ends_with("+json")
            });
        let declared_length = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let payload = payload.take();
        Box::pin(async move { Ok(Json(read::<T, LIMIT>(is_json, declared_length, payload).await)) })
    }
}

async fn read<T: DeserializeOwned, const LIMIT: usize>(
    is_json: bool,
    declared_length: Option<usize>,
    mut payload: Payload,
) -> Result<T, ApiError> {
    if !is_json {
        return Err(ApiError::UnsupportedMediaType);
    }
    if declared_length.is_some_and(|len| len > LIMIT) {
        return Err(ApiError::PayloadTooLarge);
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::Malformed(Reason::UnreadableBody { detail: e.to_string() }))?;
        if body.len() + chunk.len() > LIMIT {
            return Err(ApiError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    parse(&body)
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let deserializer = &mut serde_json::Deserializer::from_slice(body);
    let value: T = serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if !inner.is_data() {
            return ApiError::Malformed(Reason::UnreadableJson { detail: inner.to_string() });
        }
        let message = inner.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
        // At the top level serde names missing and unknown fields only in its message.
        let field = if path == "." { backticked(&message).unwrap_or("body").to_owned() } else { path };
        ApiError::Validation(vec![InvalidField::new(field, serde_reason(message))])
    })?;
    if has_nul_escape(body) {
        let field = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| path_to_nul(&v, String::new()))
            .unwrap_or_else(|| "body".to_owned());
        // Text with the NUL character can be neither stored (PostgreSQL refuses it) nor meant,
        // so it is refused at the door, naming the field, for every body alike.
        return Err(ApiError::field(&field, Reason::NulCharacter));
    }
    Ok(value)
}

/// Whether a JSON text has a `\u0000` escape (a raw NUL byte is invalid JSON already).
fn has_nul_escape(json: &[u8]) -> bool {
    let mut i = 0;
    while i < json.len() {
        if json[i] == b'\\' {
            if json.get(i + 1) == Some(&b'u') && json.get(i + 2..i + 6) == Some(b"0000".as_slice()) {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// The path (`people[3].name`) of the first string or key holding a NUL character.
fn path_to_nul(value: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value;
    let at = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match value {
        Value::String(s) => s.contains('\0').then(|| if path.is_empty() { "body".to_owned() } else { path.clone() }),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| path_to_nul(item, format!("{path}[{i}]"))),
        Value::Object(map) => map
            .iter()
            .find_map(|(key, item)| if key.contains('\0') { Some(at("key")) } else { path_to_nul(item, at(key)) }),
        _ => None,
    }
}

/// Refuses a query string that carries a NUL character (`%00`) before any route reads it.
pub fn refuse_nul_in_query<S, B>(
    req: actix_web::dev::ServiceRequest,
    srv: &S,
) -> LocalBoxFuture<'static, Result<actix_web::dev::ServiceResponse<actix_web::body::EitherBody<B>>, actix_web::Error>>
where
    S: actix_web::dev::Service<
            actix_web::dev::ServiceRequest,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    S::Future: 'static,
    B: 'static,
{
    if req.query_string().contains("%00") {
        let refused = ApiError::field("query", Reason::NulCharacter);
        let response = req.error_response(refused).map_into_right_body();
        return Box::pin(async move { Ok(response) });
    }
    let response = srv.call(req);
    Box::pin(async move { Ok(response.await?.map_into_left_body()) })
}

/// A malformed id in a path names nothing, so it is answered like a missing one.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_err: PathError, _req: &HttpRequest| ApiError::NotFound.into())
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err: QueryPayloadError, _req: &HttpRequest| {
        let message = match err {
            QueryPayloadError::Deserialize(inner) => inner.to_string(),
            other => other.to_string(),
        };
        let field = backticked(&message).unwrap_or("query").to_owned();
        ApiError::Validation(vec![InvalidField::new(field, serde_reason(message))]).into()
    })
}

/// What serde's message says, as a reason: a missing or unknown field is named as such (and so
/// reads in every language), any other refusal keeps serde's own words.
fn serde_reason(message: String) -> Reason {
    if message.starts_with("missing field") {
        Reason::Required
    } else if message.starts_with("unknown field") {
        Reason::UnknownField
    } else {
        Reason::Invalid { detail: message }
    }
}

/// The first `name` in a serde message such as "unknown field `name`, expected …".
fn backticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    let name = &message[start..start + len];
    // Type errors quote values ("invalid type: integer `5`"), not fields.
    (message.contains("field") && !name.is_empty()).then_some(name)
}

/// Counts requests and their latency by method, route pattern (not the raw path, which would
/// make one series per id) and status.
pub fn record_metrics<S, B>(
    req: actix_web::dev::ServiceRequest,
    srv: &S,
) -> impl std::future::Future<Output = Result<actix_web::dev::ServiceResponse<B>, actix_web::Error>> + use<S, B>
where
    S: actix_web::dev::Service<
            actix_web::dev::ServiceRequest,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
{
    let started = std::time::Instant::now();
    let method = req.method().to_string();
    let response = srv.call(req);
    async move {
        let response = response.await?;
        let route = response.request().match_pattern().unwrap_or_else(|| "unmatched".to_owned());
        let status = response.status().as_u16().to_string();
        metrics::counter!("tandem_http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
            .increment(1);
        metrics::histogram!("tandem_http_request_duration_seconds", "method" => method, "route" => route)
            .record(started.elapsed().as_secs_f64());
        Ok(response)
    }
}

/// Answers routes that do not exist under the API with a problem document.
pub async fn not_found() -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_come_from_serde_messages() {
        assert_eq!(backticked("missing field `email` at line 1 column 2"), Some("email"));
        assert_eq!(backticked("unknown field `admin`, expected one of `name`"), Some("admin"));
        assert_eq!(backticked("invalid type: integer `5`, expected a string"), None);
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        scopes: Vec<tandem_domain::ApiScope>,
    }

    fn fields_of(body: &str) -> Vec<String> {
        match parse::<Sample>(body.as_bytes()) {
            Err(ApiError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn refusals_name_the_field_by_its_path() {
        assert_eq!(fields_of(r#"{"name": "x", "scopes": ["read", "root"]}"#), ["scopes[1]"]);
        assert_eq!(fields_of(r#"{"name": 5, "scopes": []}"#), ["name"]);
        assert_eq!(fields_of(r#"{"scopes": []}"#), ["name"]);
        assert_eq!(fields_of(r#"{"name": "x", "scopes": [], "admin": true}"#), ["admin"]);
        assert!(matches!(parse::<Sample>(b"{\"name\": "), Err(ApiError::Malformed(_))));
    }

    #[test]
    fn the_nul_character_is_refused_where_it_stands() {
        assert_eq!(fields_of(r#"{"name": "a\u0000b", "scopes": []}"#), ["name"]);
        assert!(parse::<Sample>(br#"{"name": "a\\u0000b", "scopes": []}"#).is_ok(), "an escaped backslash is text");
        assert_eq!(
            path_to_nul(&serde_json::json!({"a": [{"b": "x"}, {"b": "\u{0}"}]}), String::new()).as_deref(),
            Some("a[1].b")
        );
    }
}
