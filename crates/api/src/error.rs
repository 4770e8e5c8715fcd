//! Every error the API returns is an RFC 9457 problem document (`application/problem+json`)
//! with a stable `type` per kind. Internal errors are logged with their chain and answered
//! with a generic 500 that shows nothing of it.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use tandem_store::StoreError;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// One field that was refused, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The request field, as named in the JSON body or query.
    #[schema(example = "email")]
    pub field: String,
    #[schema(example = "must contain an @")]
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/validation",
    "title": "The request has invalid fields",
    "status": 422,
    "detail": "1 field is invalid",
    "errors": [{"field": "email", "message": "must contain an @"}]
}))]
pub struct Problem {
    /// A URI reference naming the kind of problem; stable, so clients may branch on it.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
    /// Present on validation problems: each refused field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("malformed request: {0}")]
    Malformed(String),
    #[error("invalid fields")]
    Validation(Vec<FieldError>),
    #[error("unauthorized: {0}")]
    Unauthorized(&'static str),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("transition refused: {0}")]
    TransitionRefused(String),
    #[error("gone: {0}")]
    Gone(&'static str),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl ApiError {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, message)])
    }

    fn parts(&self) -> (&'static str, &'static str, String) {
        match self {
            ApiError::Malformed(detail) => {
                ("/problems/malformed-request", "The request could not be read", detail.clone())
            }
            ApiError::Validation(errors) => {
                let detail = match errors.len() {
                    1 => "1 field is invalid".to_owned(),
                    n => format!("{n} fields are invalid"),
                };
                ("/problems/validation", "The request has invalid fields", detail)
            }
            ApiError::Unauthorized(detail) => {
                ("/problems/unauthorized", "Authentication required", (*detail).to_owned())
            }
            ApiError::Forbidden(detail) => ("/problems/forbidden", "Not allowed", detail.clone()),
            ApiError::NotFound => ("/problems/not-found", "Not found", "No such resource".to_owned()),
            ApiError::Conflict(detail) => ("/problems/conflict", "Conflict", detail.clone()),
            ApiError::Gone(detail) => ("/problems/gone", "No longer available", (*detail).to_owned()),
            ApiError::TransitionRefused(detail) => {
                ("/problems/transition-refused", "This change of state is not allowed now", detail.clone())
            }
            ApiError::PayloadTooLarge => (
                "/problems/payload-too-large",
                "Request body too large",
                "The request body exceeds the limit".to_owned(),
            ),
            ApiError::UnsupportedMediaType => (
                "/problems/unsupported-media-type",
                "Unsupported media type",
                "Send the body as application/json".to_owned(),
            ),
            ApiError::TooManyRequests { retry_after_secs } => {
                ("/problems/too-many-requests", "Too many requests", format!("Try again in {retry_after_secs} seconds"))
            }
            ApiError::Unexpected(_) => {
                ("/problems/internal", "Internal error", "Something went wrong on our side".to_owned())
            }
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Malformed(_) => StatusCode::BAD_REQUEST,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) | ApiError::TransitionRefused(_) => StatusCode::CONFLICT,
            ApiError::Gone(_) => StatusCode::GONE,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if let ApiError::Unexpected(err) = self {
            tracing::error!(error = ?err, "request failed");
        }
        let (kind, title, detail) = self.parts();
        let errors = match self {
            ApiError::Validation(errors) => errors.clone(),
            _ => Vec::new(),
        };
        let mut response = HttpResponse::build(status);
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)));
        match self {
            ApiError::Unauthorized(_) => {
                response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            ApiError::TooManyRequests { retry_after_secs } => {
                response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            _ => {}
        }
        let problem = Problem { kind, title, status: status.as_u16(), detail, errors };
        response.body(serde_json::to_string(&problem).unwrap_or_default())
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => ApiError::NotFound,
            StoreError::Conflict(what) => ApiError::Conflict(format!("{what} already exists")),
            other => ApiError::Unexpected(anyhow::Error::new(other)),
        }
    }
}

/// Collects field errors while parsing a request, so that all are reported at once.
#[derive(Default)]
pub struct Fields(Vec<FieldError>);

impl Fields {
    /// Records the error of `result` under `field`, returning the value when there is one.
    pub fn check<T, E: std::fmt::Display>(&mut self, field: &str, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(err) => {
                self.0.push(FieldError::new(field, err.to_string()));
                None
            }
        }
    }

    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// `Ok` with `value` when nothing was refused.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, ApiError> {
        if !self.0.is_empty() {
            return Err(ApiError::Validation(self.0));
        }
        value().ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("a checked field had no value")))
    }
}
