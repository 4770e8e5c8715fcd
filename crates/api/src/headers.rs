//! Security headers on every response of the API, the console and the participants' pages
//! (which carry tokens in their URLs, so they must not leak through a `Referer`, be framed, or
//! run anything but our own scripts).

use actix_web::middleware::DefaultHeaders;

/// The policy of every page. Mantine (the console's component library) writes `style`
/// attributes and `<style>` elements at run time, so styles may be inline; scripts may not.
/// The API docs at `/docs` (Swagger UI) load their scripts and styles from files, use inline
/// styles and `data:` images, and so need nothing more (checked in headless Chromium: no
/// violation on `/docs/`, the console or the participants' pages).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; \
     object-src 'none'; form-action 'self'";

/// `Strict-Transport-Security` when Tandem is reached over TLS (`public_url` is `https://…`).
pub fn hsts(public_url: &str, max_age_secs: u64) -> Option<String> {
    public_url.starts_with("https://").then(|| format!("max-age={max_age_secs}; includeSubDomains"))
}

/// The headers every response carries unless a route set its own.
pub fn security_headers(public_url: &str, hsts_max_age_secs: u64) -> DefaultHeaders {
    let mut headers = DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Frame-Options", "DENY"));
    if let Some(value) = hsts(public_url, hsts_max_age_secs) {
        headers = headers.add(("Strict-Transport-Security", value));
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hsts_only_over_tls() {
        assert_eq!(hsts("https://tandem.example", 600).as_deref(), Some("max-age=600; includeSubDomains"));
        assert_eq!(hsts("http://localhost:8080", 600), None);
    }
}
