//! Value types that parse rather than validate: once a value has one of these types it
//! is known to be well-formed, and the error is the [`Reason`] it was refused.

use std::fmt;

use serde::Serialize;

use crate::Reason;

fn refuse<T>(reason: Reason) -> Result<T, Reason> {
    Err(reason)
}

/// An email address, trimmed and lower-cased so that comparisons are exact.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, Reason> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return refuse(Reason::Empty);
        }
        if email.len() > 254 {
            return refuse(Reason::TooLong { max: 254 });
        }
        let Some((local, domain)) = email.split_once('@') else {
            return refuse(Reason::NoAtSign);
        };
        let well_formed = !local.is_empty()
            && local.len() <= 64
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && email.chars().all(|c| c.is_ascii_graphic() || (!c.is_ascii() && !c.is_control()));
        if !well_formed {
            return refuse(Reason::NotAnEmail);
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn parse_name(raw: &str, max: usize) -> Result<String, Reason> {
    let name = raw.trim();
    if name.is_empty() {
        return refuse(Reason::Empty);
    }
    if name.chars().count() > max {
        return refuse(Reason::TooLong { max });
    }
    if name.chars().any(char::is_control) {
        return refuse(Reason::ControlCharacters);
    }
    Ok(name.to_owned())
}

/// A person's display name, e.g. "Aiko Tanaka" or "田中 愛子".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, Reason> {
        parse_name(raw, 200).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A company's name as its people write it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct CompanyName(String);

impl CompanyName {
    pub fn parse(raw: &str) -> Result<Self, Reason> {
        parse_name(raw, 200).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the policy. Its `Debug` hides the text so it never reaches a log.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, Reason> {
        let count = raw.chars().count();
        if count < Self::MIN_CHARS {
            return refuse(Reason::TooShort { min: Self::MIN_CHARS });
        }
        if count > Self::MAX_CHARS {
            return refuse(Reason::TooLong { max: Self::MAX_CHARS });
        }
        if raw.trim().is_empty() {
            return refuse(Reason::OnlySpaces);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalised() {
        let email = EmailAddress::parse("  Aiko.Tanaka@Example.CO.JP ").expect("valid");
        assert_eq!(email.as_str(), "aiko.tanaka@example.co.jp");
    }

    #[test]
    fn malformed_emails_are_refused_with_a_reason() {
        for bad in ["", "no-at-sign", "a@b", "@example.com", "a@@example.com", "a b@example.com", "a@example..com"] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(EmailAddress::parse("x").unwrap_err(), Reason::NoAtSign);
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(PersonName::parse(" 田中 愛子 ").unwrap().as_str(), "田中 愛子");
        assert!(PersonName::parse("   ").is_err());
        assert!(CompanyName::parse(&"x".repeat(201)).is_err());
        assert!(CompanyName::parse("Acme\u{0007}").is_err());
    }

    #[test]
    fn password_policy_counts_characters_not_bytes() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse("パスワードは十文字以上").is_ok());
        assert!(Password::parse(&" ".repeat(12)).is_err());
        assert_eq!(format!("{:?}", Password::parse("correct horse battery").unwrap()), "Password(***)");
    }
}
