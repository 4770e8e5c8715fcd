//! The language of an answer. Problem documents and other texts the server writes (an import's
//! row errors) are in the language the request prefers by `Accept-Language`, among the two the
//! product speaks; English when it names neither. The console sends its own language.

use std::future::{Ready, ready};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, Service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{AcceptLanguage, Header, Preference};
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use tandem_domain::Locale;

use crate::error::ApiError;

/// The language `Accept-Language` ranks first among English and Japanese.
pub fn negotiate(req: &impl HttpMessage) -> Locale {
    let Ok(accepted) = AcceptLanguage::parse(req) else { return Locale::En };
    accepted
        .ranked()
        .into_iter()
        .find_map(|preference| match preference {
            Preference::Any => Some(Locale::En),
            Preference::Specific(tag) => tag.primary_language().to_ascii_lowercase().parse().ok(),
        })
        .unwrap_or(Locale::En)
}

/// The request's language, for handlers that write text into a successful answer.
#[derive(Clone, Copy, Debug)]
pub struct RequestLocale(pub Locale);

impl FromRequest for RequestLocale {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(RequestLocale(negotiate(req))))
    }
}

/// Answers a problem again in the request's language. Errors are made into responses without
/// the request at hand (`ResponseError`), in English; this puts the request back.
pub fn localize_problems<S, B>(
    req: ServiceRequest,
    srv: &S,
) -> LocalBoxFuture<'static, Result<ServiceResponse<EitherBody<B>>, actix_web::Error>>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
    S::Future: 'static,
    B: MessageBody + 'static,
{
    let response = srv.call(req);
    Box::pin(async move {
        let response = response.await?;
        // Only a refusal is answered again, and only when another language was asked for.
        let localized = response
            .response()
            .error()
            .and_then(|e| e.as_error::<ApiError>())
            .map(|e| (e, negotiate(response.request())))
            .filter(|(_, locale)| *locale != Locale::En)
            .map(|(e, locale)| e.response_in(locale));
        let Some(localized) = localized else {
            return Ok(response.map_into_left_body());
        };
        let (req, _) = response.into_parts();
        Ok(ServiceResponse::new(req, localized).map_into_right_body())
    })
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn with(header: &str) -> Locale {
        negotiate(&TestRequest::default().insert_header(("accept-language", header)).to_http_request())
    }

    #[test]
    fn the_first_language_spoken_wins() {
        assert_eq!(with("ja"), Locale::Ja);
        assert_eq!(with("ja-JP,ja;q=0.9,en;q=0.8"), Locale::Ja);
        assert_eq!(with("fr-FR, ja;q=0.5, en;q=0.4"), Locale::Ja);
        assert_eq!(with("en-GB, ja;q=0.9"), Locale::En);
        assert_eq!(with("en;q=0.2, ja;q=0.8"), Locale::Ja);
        assert_eq!(with("fr, de"), Locale::En);
        assert_eq!(with("*"), Locale::En);
        assert_eq!(with("not a language list;;"), Locale::En);
        assert_eq!(negotiate(&TestRequest::default().to_http_request()), Locale::En);
    }
}
