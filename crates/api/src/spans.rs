//! The span of every request: tracing-actix-web's root span (method, route, status, request
//! id) with the tenant added, recorded as soon as a tenant transaction opens (see
//! `tandem_store::Db::tenant`), so one tenant's requests can be picked out of the logs.

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RootSpanBuilder};

pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        // At ERROR level, so the span is enabled whatever the log filter: a warning or an error
        // logged while handling a request carries its request id and tenant even when only
        // warnings are logged. No line is written for the span itself.
        tracing_actix_web::root_span!(level = tracing::Level::ERROR, request, tenant = tracing::field::Empty)
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}
