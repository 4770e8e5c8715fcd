//! Every error the API returns is an RFC 9457 problem document (`application/problem+json`)
//! with a stable `type` per kind and a `code` per reason ([`Reason`]), in English or Japanese
//! ([`crate::locale`]). Internal errors are logged with their chain and answered with a
//! generic 500 that shows nothing of it.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use tandem_domain::{Locale, Reason};
use tandem_store::StoreError;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// One refused field, as a problem document lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The request field, as named in the JSON body or query.
    #[schema(example = "email")]
    pub field: String,
    /// Why, as a stable name clients may branch on.
    #[schema(example = "no_at_sign")]
    pub code: &'static str,
    /// Why, in words, in the language the request asked for (`Accept-Language`).
    #[schema(example = "must contain an @")]
    pub message: String,
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/validation",
    "title": "The request has invalid fields",
    "status": 422,
    "detail": "1 field is invalid",
    "code": "fields_invalid",
    "errors": [{"field": "email", "code": "no_at_sign", "message": "must contain an @"}]
}))]
pub struct Problem {
    /// A URI reference naming the kind of problem; stable, so clients may branch on it.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The kind of problem in words, in the language the request asked for.
    pub title: &'static str,
    pub status: u16,
    /// This occurrence in words, in the language the request asked for.
    pub detail: String,
    /// The reason `detail` gives, as a stable name (`program_cannot_become`, `last_owner`, …).
    pub code: &'static str,
    /// Present on validation problems: each refused field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// A refused field while the request is handled; it becomes a [`FieldError`] in the
/// language of the answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidField {
    pub field: String,
    pub reason: Reason,
}

impl InvalidField {
    pub fn new(field: impl Into<String>, reason: Reason) -> Self {
        Self { field: field.into(), reason }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("malformed request: {0}")]
    Malformed(Reason),
    #[error("invalid fields: {0:?}")]
    Validation(Vec<InvalidField>),
    #[error("unauthorized: {0}")]
    Unauthorized(Reason),
    #[error("forbidden: {0}")]
    Forbidden(Reason),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(Reason),
    #[error("transition refused: {0}")]
    TransitionRefused(Reason),
    #[error("gone: {0}")]
    Gone(Reason),
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
    pub fn field(field: &str, reason: Reason) -> Self {
        ApiError::Validation(vec![InvalidField::new(field, reason)])
    }

    /// The problem's type, its title in English and Japanese, and the reason for `detail`.
    fn parts(&self) -> (&'static str, [&'static str; 2], Reason) {
        match self {
            ApiError::Malformed(reason) => (
                "/problems/malformed-request",
                ["The request could not be read", "リクエストを読み取れませんでした"],
                reason.clone(),
            ),
            ApiError::Validation(errors) => (
                "/problems/validation",
                ["The request has invalid fields", "入力内容を確認してください"],
                Reason::FieldsInvalid { count: errors.len() },
            ),
            ApiError::Unauthorized(reason) => {
                ("/problems/unauthorized", ["Authentication required", "認証が必要です"], reason.clone())
            }
            ApiError::Forbidden(reason) => {
                ("/problems/forbidden", ["Not allowed", "許可されていません"], reason.clone())
            }
            ApiError::NotFound => ("/problems/not-found", ["Not found", "見つかりません"], Reason::NoSuchResource),
            ApiError::Conflict(reason) => {
                ("/problems/conflict", ["Conflict", "現在の状態ではできません"], reason.clone())
            }
            ApiError::Gone(reason) => {
                ("/problems/gone", ["No longer available", "すでに利用できません"], reason.clone())
            }
            ApiError::TransitionRefused(reason) => (
                "/problems/transition-refused",
                ["This change of state is not allowed now", "この状態の変更は今はできません"],
                reason.clone(),
            ),
            ApiError::PayloadTooLarge => (
                "/problems/payload-too-large",
                ["Request body too large", "データが大きすぎます"],
                Reason::BodyTooLarge,
            ),
            ApiError::UnsupportedMediaType => (
                "/problems/unsupported-media-type",
                ["Unsupported media type", "対応していない形式です"],
                Reason::SendJson,
            ),
            ApiError::TooManyRequests { retry_after_secs } => (
                "/problems/too-many-requests",
                ["Too many requests", "試行回数が多すぎます"],
                Reason::TryAgainIn { seconds: *retry_after_secs },
            ),
            ApiError::Unexpected(_) => ("/problems/internal", ["Internal error", "内部エラー"], Reason::Internal),
        }
    }

    /// The problem document, in `locale`.
    pub fn problem(&self, locale: Locale) -> Problem {
        let (kind, [title_en, title_ja], reason) = self.parts();
        let errors = match self {
            ApiError::Validation(errors) => errors
                .iter()
                .map(|e| FieldError {
                    field: e.field.clone(),
                    code: e.reason.code(),
                    message: e.reason.describe(locale),
                })
                .collect(),
            _ => Vec::new(),
        };
        Problem {
            kind,
            title: if locale == Locale::Ja { title_ja } else { title_en },
            status: self.status_code().as_u16(),
            detail: reason.describe(locale),
            code: reason.code(),
            errors,
        }
    }

    /// The answer to send, in `locale`.
    pub fn response_in(&self, locale: Locale) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)));
        response.insert_header((header::CONTENT_LANGUAGE, HeaderValue::from_static(locale.as_str())));
        response.insert_header((header::VARY, HeaderValue::from_static("Accept-Language")));
        match self {
            ApiError::Unauthorized(_) => {
                response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            ApiError::TooManyRequests { retry_after_secs } => {
                response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            _ => {}
        }
        response.body(serde_json::to_string(&self.problem(locale)).unwrap_or_default())
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

    /// In English; [`crate::locale::localize_problems`] answers again in the language the
    /// request asked for.
    fn error_response(&self) -> HttpResponse {
        if let ApiError::Unexpected(err) = self {
            tracing::error!(error = ?err, "request failed");
        }
        self.response_in(Locale::En)
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => ApiError::NotFound,
            StoreError::Conflict(_) => ApiError::Conflict(Reason::AlreadyExists),
            other => ApiError::Unexpected(anyhow::Error::new(other)),
        }
    }
}

/// Collects field errors while parsing a request, so that all are reported at once.
#[derive(Default)]
pub struct Fields(Vec<InvalidField>);

impl Fields {
    /// Records the reason of `result` under `field`, returning the value when there is one.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Reason>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(reason) => {
                self.0.push(InvalidField::new(field, reason));
                None
            }
        }
    }

    pub fn push(&mut self, field: &str, reason: Reason) {
        self.0.push(InvalidField::new(field, reason));
    }

    /// `Ok` with `value` when nothing was refused.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, ApiError> {
        if !self.0.is_empty() {
            return Err(ApiError::Validation(self.0));
        }
        value().ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("a checked field had no value")))
    }
}
