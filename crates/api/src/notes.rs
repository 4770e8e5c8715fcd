//! Private notes are sealed before they reach the database: XChaCha20-Poly1305 (an AEAD, from
//! RustCrypto's `chacha20poly1305`), a random 192-bit nonce per note, and the note's tenant,
//! pair and author as associated data, so a sealed note copied onto another row does not open.
//! A database dump holds only `key_id` and `base64(nonce ‖ ciphertext)`.
//!
//! Keys come from configuration (`TANDEM_NOTE_KEYS`: `id:base64key,…`, 32-byte keys). The
//! first key seals; every key listed opens. Rotation: put a new key first and keep the old ones
//! listed; notes are sealed again under the first key as their authors read them, and an old
//! key may be dropped once no note names it (docs/operations.md). Without configured keys, one
//! is derived from the signing secret (key id `derived`), which suits the embedded default.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use tandem_domain::{PairId, PersonId, TenantId};

const NONCE_BYTES: usize = 24;

/// The keys that seal and open private notes.
#[derive(Clone)]
pub struct NoteKeys {
    /// `(id, key)`, the sealing key first.
    keys: Vec<(String, Key)>,
}

impl std::fmt::Debug for NoteKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|(id, _)| id.as_str()).collect();
        write!(f, "NoteKeys({ids:?}, ***)")
    }
}

/// Why configured note keys are refused.
#[derive(Debug, thiserror::Error)]
pub enum NoteKeyError {
    #[error("note key {0:?}: write it as id:base64 (a 32-byte key in standard base64)")]
    Malformed(String),
    #[error("note key {0:?} is listed twice")]
    Duplicate(String),
}

/// A note's place, bound into its seal.
#[derive(Clone, Copy, Debug)]
pub struct NotePlace {
    pub tenant: TenantId,
    pub pair: PairId,
    pub author: PersonId,
}

impl NotePlace {
    fn associated_data(self) -> Vec<u8> {
        [self.tenant.as_uuid().as_bytes().as_slice(), self.pair.as_uuid().as_bytes(), self.author.as_uuid().as_bytes()]
            .concat()
    }
}

impl NoteKeys {
    /// Keys from configuration (`id:base64key,…`).
    pub fn parse(configured: &str) -> Result<Self, NoteKeyError> {
        let mut keys: Vec<(String, Key)> = Vec::new();
        for entry in configured.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (id, encoded) = entry.split_once(':').ok_or_else(|| NoteKeyError::Malformed(entry.to_owned()))?;
            let id = id.trim();
            let bytes = STANDARD.decode(encoded.trim()).map_err(|_| NoteKeyError::Malformed(id.to_owned()))?;
            let bytes = <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| NoteKeyError::Malformed(id.to_owned()))?;
            if id.is_empty() || id.len() > 64 {
                return Err(NoteKeyError::Malformed(id.to_owned()));
            }
            if keys.iter().any(|(known, _)| known == id) {
                return Err(NoteKeyError::Duplicate(id.to_owned()));
            }
            keys.push((id.to_owned(), Key::from(bytes)));
        }
        if keys.is_empty() {
            return Err(NoteKeyError::Malformed(String::new()));
        }
        Ok(Self { keys })
    }

    /// One key derived from the signing secret (id `derived`).
    pub fn derived(secret: &[u8]) -> Self {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("any key length works");
        mac.update(b"tandem private notes v1");
        let key: [u8; 32] = mac.finalize().into_bytes().into();
        Self { keys: vec![("derived".to_owned(), Key::from(key))] }
    }

    /// The id of the key that seals.
    pub fn sealing_key_id(&self) -> &str {
        &self.keys[0].0
    }

    /// Seals `text` for `place` under the first key: `(key id, base64(nonce ‖ ciphertext))`.
    pub fn seal(&self, place: NotePlace, text: &str) -> (String, String) {
        let (id, key) = &self.keys[0];
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rng().fill_bytes(&mut nonce);
        let aad = place.associated_data();
        let sealed = XChaCha20Poly1305::new(key)
            .encrypt(&XNonce::from(nonce), Payload { msg: text.as_bytes(), aad: &aad })
            .expect("encrypting in memory cannot fail");
        (id.clone(), STANDARD.encode([nonce.as_slice(), &sealed].concat()))
    }

    /// Opens a sealed note, or `None` when its key is not configured or it was not sealed
    /// for `place` (tampered with, or moved).
    pub fn open(&self, place: NotePlace, key_id: &str, sealed: &str) -> Option<String> {
        let (_, key) = self.keys.iter().find(|(id, _)| id == key_id)?;
        let bytes = STANDARD.decode(sealed).ok()?;
        if bytes.len() < NONCE_BYTES {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let nonce = XNonce::from(<[u8; NONCE_BYTES]>::try_from(nonce).ok()?);
        let aad = place.associated_data();
        let plain = XChaCha20Poly1305::new(key)
            .decrypt(&nonce, Payload { msg: ciphertext, aad: &aad })
            .ok()?;
        String::from_utf8(plain).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place() -> NotePlace {
        NotePlace { tenant: TenantId::new(), pair: PairId::new(), author: PersonId::new() }
    }

    fn key(byte: u8) -> String {
        STANDARD.encode([byte; 32])
    }

    #[test]
    fn a_sealed_note_opens_only_in_its_place_and_never_shows_its_text() {
        let keys = NoteKeys::parse(&format!("k1:{}", key(1))).unwrap();
        let here = place();
        let (id, sealed) = keys.seal(here, "上司には言えないこと MARKER");
        assert_eq!(id, "k1");
        assert!(!sealed.contains("MARKER"));
        assert_eq!(keys.open(here, &id, &sealed).as_deref(), Some("上司には言えないこと MARKER"));
        assert_eq!(keys.open(NotePlace { author: PersonId::new(), ..here }, &id, &sealed), None, "moved to another author");
        assert_eq!(keys.open(here, "k9", &sealed), None, "unknown key");
        let (_, again) = keys.seal(here, "上司には言えないこと MARKER");
        assert_ne!(sealed, again, "a fresh nonce every time");
    }

    #[test]
    fn rotation_seals_with_the_first_key_and_opens_with_any() {
        let old = NoteKeys::parse(&format!("k1:{}", key(1))).unwrap();
        let here = place();
        let (old_id, old_sealed) = old.seal(here, "before");
        let rotated = NoteKeys::parse(&format!("k2:{}, k1:{}", key(2), key(1))).unwrap();
        assert_eq!(rotated.sealing_key_id(), "k2");
        assert_eq!(rotated.open(here, &old_id, &old_sealed).as_deref(), Some("before"));
        let (new_id, _) = rotated.seal(here, "after");
        assert_eq!(new_id, "k2");
    }

    #[test]
    fn malformed_keys_are_refused_without_echoing_them() {
        for bad in ["", "nokey", "k1:not-base64!", &format!("k1:{}", STANDARD.encode([0u8; 16]))] {
            let err = NoteKeys::parse(bad).unwrap_err().to_string();
            assert!(!err.contains("base64!") || bad.is_empty(), "{err}");
        }
        assert!(matches!(
            NoteKeys::parse(&format!("k1:{},k1:{}", key(1), key(2))),
            Err(NoteKeyError::Duplicate(_))
        ));
        assert_eq!(format!("{:?}", NoteKeys::derived(b"secret")), "NoteKeys([\"derived\"], ***)");
    }
}
