//! How requests are read: body limits, JSON/path/query error mapping to problem documents.

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{HttpRequest, web};

use crate::error::{ApiError, FieldError};

/// The largest JSON body any route accepts.
pub const JSON_LIMIT_BYTES: usize = 64 * 1024;

pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default().limit(JSON_LIMIT_BYTES).error_handler(|err, _req| json_error(err).into())
}

/// A malformed id in a path names nothing, so it is answered like a missing one.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_err: PathError, _req: &HttpRequest| ApiError::NotFound.into())
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err: QueryPayloadError, _req: &HttpRequest| {
        let message = err.to_string();
        let field = backticked(&message).unwrap_or("query").to_owned();
        ApiError::Validation(vec![FieldError::new(field, message)]).into()
    })
}

fn json_error(err: JsonPayloadError) -> ApiError {
    match err {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => ApiError::PayloadTooLarge,
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType,
        JsonPayloadError::Deserialize(err) if err.is_data() => {
            // serde names the field in backticks: "missing field `email`", "unknown field `x`".
            let message = err.to_string();
            let field = backticked(&message).unwrap_or("body").to_owned();
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            ApiError::Validation(vec![FieldError::new(field, message)])
        }
        JsonPayloadError::Deserialize(err) => ApiError::Malformed(format!("invalid JSON: {err}")),
        other => ApiError::Malformed(other.to_string()),
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
}
