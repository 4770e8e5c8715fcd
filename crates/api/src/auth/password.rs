//! Password hashing with argon2id (the crate's default parameters, OWASP's minimum), run on
//! the blocking pool so a login never stalls the async workers.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use tandem_domain::Password;

use crate::error::ApiError;

pub async fn hash(password: Password) -> Result<String, ApiError> {
    actix_web::web::block(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.expose().as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(|e| ApiError::Unexpected(e.into()))?
    .map_err(|e| ApiError::Unexpected(anyhow::anyhow!("hashing a password: {e}")))
}

/// Checks `candidate` against `stored`. With no stored hash (unknown user) it still does the
/// work of one check, so response times do not reveal which emails have accounts.
pub async fn verify(candidate: String, stored: Option<String>) -> Result<bool, ApiError> {
    actix_web::web::block(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let Ok(parsed) = PasswordHash::new(&stored) else { return false };
        let ok = Argon2::default().verify_password(candidate.as_bytes(), &parsed).is_ok();
        ok && stored != DUMMY_HASH
    })
    .await
    .map_err(|e| ApiError::Unexpected(e.into()))
}

/// An argon2id hash of a random string nobody knows, with the default parameters.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CQ9MMR1o3/7uwJmRlW0DV05bxmkK9c5T8UEbu2mqqCA";

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash(Password::parse("correct horse battery").unwrap()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), Some(stored.clone())).await.unwrap());
        assert!(!verify("wrong horse battery".into(), Some(stored)).await.unwrap());
        assert!(!verify("anything".into(), None).await.unwrap());
    }
}
