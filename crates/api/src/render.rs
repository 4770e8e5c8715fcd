//! Templates that callers write (a tenant's override, a campaign's message) are rendered off
//! the async workers, on tokio's blocking threads, and given [`RENDER_TIMEOUT`] in all: a
//! template that would stall is stopped by the engine's fuel first, and the timeout answers
//! the caller even if it were not, so no request can hold an HTTP worker.

use std::sync::Arc;
use std::time::Duration;

use tandem_mail::{Override, Rendered, TemplateError, TemplateErrorKind, render_part};

/// How long rendering one request's template may take, all parts together.
pub const RENDER_TIMEOUT: Duration = Duration::from_secs(2);

/// Renders `sources` with `context` like [`tandem_mail::render_with`], off the async workers.
pub async fn render_off_workers(sources: Override, context: serde_json::Value) -> Result<Rendered, TemplateError> {
    let deadline = tokio::time::Instant::now() + RENDER_TIMEOUT;
    let context = Arc::new(context);
    let mut rendered = Vec::with_capacity(3);
    for (part, source) in [("subject", sources.subject), ("html", sources.html), ("text", sources.text)] {
        let context = Arc::clone(&context);
        let job = tokio::task::spawn_blocking(move || render_part(part, &source, &*context));
        let fail = |kind, message: String| TemplateError { part, kind, message };
        rendered.push(match tokio::time::timeout_at(deadline, job).await {
            Ok(Ok(result)) => result?,
            Ok(Err(stopped)) => return Err(fail(TemplateErrorKind::Invalid, format!("rendering stopped: {stopped}"))),
            Err(_) => {
                let secs = RENDER_TIMEOUT.as_secs();
                return Err(fail(TemplateErrorKind::TooMuchWork, format!("did not render within {secs} s")));
            }
        });
    }
    let [subject, html, text]: [String; 3] = rendered.try_into().expect("three parts were rendered");
    Ok(Rendered { subject: subject.trim().to_owned(), html, text })
}
