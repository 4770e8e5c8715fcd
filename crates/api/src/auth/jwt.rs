//! Access tokens: HS256 JWTs of 15 minutes. Validation pins the algorithm (so `alg: none`
//! and algorithm switches are refused) and requires `exp`, `iss`, `aud` and `sub`.

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use tandem_domain::{Role, TenantId, TokenFamilyId, UserId};
use uuid::Uuid;

pub const ACCESS_TOKEN_SECONDS: i64 = 15 * 60;
pub const ISSUER: &str = "tandem";
pub const AUDIENCE: &str = "tandem-api";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    /// The user.
    pub sub: UserId,
    /// The tenant the token acts in.
    pub tid: TenantId,
    /// The user's role in that tenant when the token was issued (routes re-check it).
    pub role: Role,
    /// The login (refresh token family) it belongs to: signing out ends it at once.
    pub fam: TokenFamilyId,
    pub iat: i64,
    pub exp: i64,
    pub jti: Uuid,
}

/// The signing key, shared by every API replica.
#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl JwtKeys {
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        Self { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret), validation }
    }

    pub fn issue(
        &self,
        user: UserId,
        tenant: TenantId,
        role: Role,
        family: TokenFamilyId,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let now = Utc::now().timestamp();
        let claims = AccessClaims {
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            sub: user,
            tid: tenant,
            role,
            fam: family,
            iat: now,
            exp: now + ACCESS_TOKEN_SECONDS,
            jti: Uuid::now_v7(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    pub fn verify(&self, token: &str) -> Option<AccessClaims> {
        decode::<AccessClaims>(token, &self.decoding, &self.validation).ok().map(|data| data.claims)
    }
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtKeys(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn keys() -> JwtKeys {
        JwtKeys::new(b"a test secret of at least thirty-two bytes")
    }

    #[test]
    fn issued_tokens_verify() {
        let (user, tenant) = (UserId::new(), TenantId::new());
        let claims =
            keys().verify(&keys().issue(user, tenant, Role::Admin, TokenFamilyId::new()).unwrap()).expect("valid");
        assert_eq!((claims.sub, claims.tid, claims.role), (user, tenant, Role::Admin));
        assert_eq!(claims.exp - claims.iat, ACCESS_TOKEN_SECONDS);
    }

    #[test]
    fn tokens_signed_with_another_key_are_refused() {
        let other = JwtKeys::new(b"another secret, also long enough!!");
        let token = other.issue(UserId::new(), TenantId::new(), Role::Owner, TokenFamilyId::new()).unwrap();
        assert!(keys().verify(&token).is_none());
    }

    #[test]
    fn alg_none_is_refused() {
        let token = keys().issue(UserId::new(), TenantId::new(), Role::Owner, TokenFamilyId::new()).unwrap();
        let payload = token.split('.').nth(1).unwrap();
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        assert!(keys().verify(&format!("{header}.{payload}.")).is_none());
    }

    #[test]
    fn expired_and_wrong_audience_tokens_are_refused() {
        let now = Utc::now().timestamp();
        let base = AccessClaims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: UserId::new(),
            tid: TenantId::new(),
            role: Role::Viewer,
            fam: TokenFamilyId::new(),
            iat: now - 3600,
            exp: now - 1800,
            jti: Uuid::now_v7(),
        };
        let sign = |claims: &AccessClaims| {
            encode(
                &Header::new(Algorithm::HS256),
                claims,
                &EncodingKey::from_secret(b"a test secret of at least thirty-two bytes"),
            )
            .unwrap()
        };
        assert!(keys().verify(&sign(&base)).is_none(), "expired");
        let fresh = AccessClaims { exp: now + 600, ..base.clone() };
        assert!(keys().verify(&sign(&fresh)).is_some(), "control: a fresh token verifies");
        let wrong_aud = AccessClaims { aud: "someone-else".into(), ..fresh.clone() };
        assert!(keys().verify(&sign(&wrong_aud)).is_none(), "wrong audience");
        let wrong_iss = AccessClaims { iss: "someone-else".into(), ..fresh };
        assert!(keys().verify(&sign(&wrong_iss)).is_none(), "wrong issuer");
    }
}
