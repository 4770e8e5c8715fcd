//! The console's cookies. A browser keeps its refresh token in an HttpOnly cookie that no
//! script can read (`tandem_refresh`), and, once it has signed in to an account, a device
//! cookie (`tandem_device`) that lets it sign in to that account while the account is locked
//! by someone else's wrong guesses (OWASP's "device cookies").
//!
//! A cookie is sent by the browser on its own, so a request that a cookie authenticates must
//! also carry `X-Tandem-Session: cookie`, which another site cannot add without passing CORS
//! (and the cookies are `SameSite=Strict` besides).

use actix_web::HttpRequest;
use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::cookie::{Cookie, SameSite};
use rand::RngCore;
use tandem_domain::{TenantId, UserId};
use tandem_mail::unsubscribe::{LinkSigner, token_hash};
use uuid::Uuid;

pub const SESSION_HEADER: &str = "x-tandem-session";
pub const REFRESH_COOKIE: &str = "tandem_refresh";
pub const DEVICE_COOKIE: &str = "tandem_device";
/// Both cookies go only to the sign-in routes.
const AUTH_PATH: &str = "/api/v1/auth";

/// Whether the client asked for its refresh token as a cookie (and may send it as one).
pub fn cookie_mode(req: &HttpRequest) -> bool {
    req.headers().get(SESSION_HEADER).and_then(|v| v.to_str().ok()).is_some_and(|v| v.eq_ignore_ascii_case("cookie"))
}

fn secure(public_url: &str) -> bool {
    public_url.starts_with("https://")
}

fn cookie(name: &'static str, value: String, max_age: CookieDuration, public_url: &str) -> Cookie<'static> {
    Cookie::build(name, value)
        .path(AUTH_PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure(public_url))
        .max_age(max_age)
        .finish()
}

pub fn refresh_cookie(token: String, days: i64, public_url: &str) -> Cookie<'static> {
    cookie(REFRESH_COOKIE, token, CookieDuration::days(days), public_url)
}

/// Tells the browser to forget its refresh token.
pub fn cleared_refresh_cookie(public_url: &str) -> Cookie<'static> {
    cookie(REFRESH_COOKIE, String::new(), CookieDuration::ZERO, public_url)
}

/// The refresh token the browser holds, when the request may use it.
pub fn refresh_token_from_cookie(req: &HttpRequest) -> Option<String> {
    cookie_mode(req).then(|| req.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned())).flatten()
}

/// A browser that signed in to `user` once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    pub user: UserId,
    /// Random, per browser: the key of this browser's own failure count.
    pub nonce: String,
}

fn device_subject(user: UserId, nonce: &str) -> String {
    format!("device:{user}:{nonce}")
}

/// `<user>.<nonce>.<mac>`.
pub fn device_cookie(signer: &LinkSigner, user: UserId, public_url: &str) -> Cookie<'static> {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let nonce = hex::encode(bytes);
    let mac = signer.token(TenantId::PLATFORM, &device_subject(user, &nonce));
    let value = format!("{}.{nonce}.{}", user.as_uuid().simple(), mac.split_once('.').map_or("", |(_, m)| m));
    cookie(DEVICE_COOKIE, value, CookieDuration::days(365), public_url)
}

/// The device the request's cookie proves, if it carries a genuine one.
pub fn device(req: &HttpRequest, signer: &LinkSigner) -> Option<Device> {
    let cookie = req.cookie(DEVICE_COOKIE)?;
    let mut parts = cookie.value().splitn(3, '.');
    let (user, nonce, mac) = (parts.next()?, parts.next()?, parts.next()?);
    let user = UserId::from_uuid(Uuid::try_parse(user).ok()?);
    if nonce.len() != 32 || !nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let expected = signer.token(TenantId::PLATFORM, &device_subject(user, nonce));
    // Comparing the hashes takes the same time whatever prefix of the MAC is right.
    (token_hash(&expected) == token_hash(&format!("x.{mac}"))).then(|| Device { user, nonce: nonce.to_owned() })
}
