//! Signed unsubscribe tokens: one per person, tenant and category, so a link in one email can
//! only change that person's preferences in that tenant. HMAC-SHA256 over the claims; no
//! expiry (a years-old email's unsubscribe link must still work).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use tandem_domain::TenantId;
use tandem_domain::mail::EmailCategory;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsubscribeClaims {
    #[serde(rename = "t")]
    pub tenant: TenantId,
    #[serde(rename = "e")]
    pub email: String,
    #[serde(rename = "c")]
    pub category: EmailCategory,
}

/// Signs and checks tokens with a server secret.
#[derive(Clone)]
pub struct UnsubscribeSigner {
    key: Vec<u8>,
}

impl UnsubscribeSigner {
    /// `secret` is a server secret; a purpose string keeps these signatures apart from any
    /// other use of it.
    pub fn new(secret: &[u8]) -> Self {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(b"tandem unsubscribe v1").expect("any key length works");
        mac.update(secret);
        Self { key: mac.finalize().into_bytes().to_vec() }
    }

    fn mac(&self) -> Hmac<Sha256> {
        <Hmac<Sha256> as Mac>::new_from_slice(&self.key).expect("any key length works")
    }

    pub fn sign(&self, claims: &UnsubscribeClaims) -> String {
        let body = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims serialise"));
        let mut mac = self.mac();
        mac.update(body.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{body}.{signature}")
    }

    pub fn verify(&self, token: &str) -> Option<UnsubscribeClaims> {
        let (body, signature) = token.split_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        let mut mac = self.mac();
        mac.update(body.as_bytes());
        mac.verify_slice(&signature).ok()?;
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(body).ok()?).ok()
    }
}

/// Personal links that need no stored secret: a token is an HMAC of what it stands for, so it
/// can be recomputed for every email (a reminder carries the same link as the first message)
/// while the database keeps only its hash.
#[derive(Clone)]
pub struct LinkSigner {
    key: Vec<u8>,
}

impl LinkSigner {
    pub fn new(secret: &[u8]) -> Self {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(b"tandem personal links v1").expect("any key length works");
        mac.update(secret);
        Self { key: mac.finalize().into_bytes().to_vec() }
    }

    /// `<tenant hex>.<48 hex>` for `subject` (e.g. "campaign:<id>:person:<id>") in `tenant`.
    pub fn token(&self, tenant: TenantId, subject: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key).expect("any key length works");
        mac.update(tenant.as_uuid().as_bytes());
        mac.update(subject.as_bytes());
        let digest = mac.finalize().into_bytes();
        let secret: String = digest.iter().take(24).map(|b| format!("{b:02x}")).collect();
        format!("{}.{secret}", tenant.as_uuid().simple())
    }
}

/// What the store keeps of a `<tenant>.<secret>` token: the SHA-256 of its secret, in hex
/// (as the API's own tokens are kept, so one lookup reads both).
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    let secret = token.split_once('.').map_or(token, |(_, secret)| secret);
    sha2::Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl std::fmt::Debug for LinkSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkSigner(***)")
    }
}

impl std::fmt::Debug for UnsubscribeSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UnsubscribeSigner(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_links_are_stable_and_distinct() {
        let signer = LinkSigner::new(b"server secret");
        let tenant = TenantId::new();
        let token = signer.token(tenant, "campaign:1:person:2");
        assert_eq!(token, signer.token(tenant, "campaign:1:person:2"));
        assert_ne!(token, signer.token(tenant, "campaign:1:person:3"));
        assert_ne!(token, LinkSigner::new(b"other").token(tenant, "campaign:1:person:2"));
        let (prefix, secret) = token.split_once('.').unwrap();
        assert_eq!(prefix, tenant.as_uuid().simple().to_string());
        assert_eq!(secret.len(), 48);
    }

    #[test]
    fn tokens_verify_and_tampering_fails() {
        let signer = UnsubscribeSigner::new(b"server secret");
        let claims =
            UnsubscribeClaims { tenant: TenantId::new(), email: "a@b.example".into(), category: EmailCategory::Nudge };
        let token = signer.sign(&claims);
        assert_eq!(signer.verify(&token), Some(claims.clone()));
        assert_eq!(UnsubscribeSigner::new(b"another secret").verify(&token), None);
        let (_, signature) = token.split_once('.').unwrap();
        let other = UnsubscribeClaims { email: "victim@b.example".into(), ..claims };
        let forged_body = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&other).unwrap());
        assert_eq!(signer.verify(&format!("{forged_body}.{signature}")), None);
        assert_eq!(signer.verify("garbage"), None);
    }
}
