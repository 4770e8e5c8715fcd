//! Opaque secrets handed to clients. Each carries its tenant in clear (so the server knows
//! which tenant to look in without a cross-tenant index) and 192 random bits, of which only
//! a SHA-256 hash is stored. High-entropy secrets need no slow hash.
//!
//! - API key:       `tdm_<48 hex secret>_<32 hex tenant>`
//! - refresh token: `<32 hex tenant>.<48 hex secret>`
//! - invitation:    `<32 hex tenant>.<48 hex secret>`

use rand::RngCore;
use sha2::{Digest, Sha256};
use tandem_domain::TenantId;
use uuid::Uuid;

const SECRET_BYTES: usize = 24;
const API_KEY_PREFIX: &str = "tdm_";

/// A freshly made secret: what the client gets, and what the store keeps.
pub struct Issued {
    pub token: String,
    pub hash: String,
    /// The first characters of an API key, shown in lists to tell keys apart.
    pub display_prefix: String,
}

fn random_hex() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn is_secret(part: &str) -> bool {
    part.len() == SECRET_BYTES * 2 && part.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

fn tenant_of(part: &str) -> Option<TenantId> {
    (part.len() == 32).then(|| Uuid::try_parse(part).ok().map(TenantId::from_uuid)).flatten()
}

pub fn is_api_key(token: &str) -> bool {
    token.starts_with(API_KEY_PREFIX)
}

pub fn issue_api_key(tenant: TenantId) -> Issued {
    let secret = random_hex();
    Issued {
        token: format!("{API_KEY_PREFIX}{secret}_{}", tenant.as_uuid().simple()),
        display_prefix: format!("{API_KEY_PREFIX}{}", &secret[..8]),
        hash: hash(&secret),
    }
}

/// The tenant and secret hash of an API key, if it is shaped like one.
pub fn parse_api_key(token: &str) -> Option<(TenantId, String)> {
    let (secret, tenant) = token.strip_prefix(API_KEY_PREFIX)?.split_once('_')?;
    is_secret(secret).then_some(())?;
    Some((tenant_of(tenant)?, hash(secret)))
}

/// A tenant-bound secret (refresh token, invitation token).
pub fn issue_tenant_token(tenant: TenantId) -> Issued {
    let secret = random_hex();
    Issued {
        token: format!("{}.{secret}", tenant.as_uuid().simple()),
        display_prefix: String::new(),
        hash: hash(&secret),
    }
}

pub fn parse_tenant_token(token: &str) -> Option<(TenantId, String)> {
    let (tenant, secret) = token.split_once('.')?;
    is_secret(secret).then_some(())?;
    Some((tenant_of(tenant)?, hash(secret)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_keys_round_trip() {
        let tenant = TenantId::new();
        let issued = issue_api_key(tenant);
        assert!(is_api_key(&issued.token));
        assert_eq!(parse_api_key(&issued.token), Some((tenant, issued.hash.clone())));
        assert!(issued.token.starts_with(&issued.display_prefix));
    }

    #[test]
    fn tenant_tokens_round_trip_and_tampering_is_refused() {
        let tenant = TenantId::new();
        let issued = issue_tenant_token(tenant);
        assert_eq!(parse_tenant_token(&issued.token), Some((tenant, issued.hash.clone())));
        assert_eq!(parse_tenant_token("abc.def"), None);
        assert_eq!(parse_tenant_token(&issued.token.to_uppercase()), None);
        assert_eq!(parse_api_key("tdm_short_x"), None);
    }
}
