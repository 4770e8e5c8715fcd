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

/// The one rule for every name people read: a person's, a company's, a program's, a campaign's,
/// an API key's, a question's label. Trimmed; not empty; at most `max` characters; no control
/// characters (a line break, a bell) and no bidirectional controls (U+202A–U+202E,
/// U+2066–U+2069, U+200E, U+200F, U+061C), which can make a name read as something else in a
/// list or an email ("invoice\u{202E}fdp.exe" shows as "invoiceexe.pdf").
pub fn display_name(raw: &str, max: usize) -> Result<String, Reason> {
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
    if name.chars().any(is_bidi_control) {
        return refuse(Reason::BidiControls);
    }
    Ok(name.to_owned())
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The longest search term or free-text filter a list takes, in characters.
pub const SEARCH_TERM_MAX: usize = 200;

/// A search term or free-text list filter: at most [`SEARCH_TERM_MAX`] characters.
pub fn search_term(raw: &str) -> Result<&str, Reason> {
    if raw.chars().count() > SEARCH_TERM_MAX {
        return refuse(Reason::TooLong { max: SEARCH_TERM_MAX });
    }
    Ok(raw)
}

/// A person's display name, e.g. "Aiko Tanaka" or "田中 愛子".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, Reason> {
        display_name(raw, 200).map(Self)
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
        display_name(raw, 200).map(Self)
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
    fn display_names_refuse_control_and_bidi_characters() {
        for bad in ["Acme\u{0007}", "line\nbreak", "tab\there"] {
            assert_eq!(display_name(bad, 200), Err(Reason::ControlCharacters), "{bad:?}");
        }
        for c in
            ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}']
        {
            assert_eq!(display_name(&format!("invoice{c}fdp.exe"), 200), Err(Reason::BidiControls), "{c:?}");
        }
        assert_eq!(display_name(" 田中 愛子 ", 200).unwrap(), "田中 愛子");
        assert_eq!(display_name("مرحبا Ann", 200).unwrap(), "مرحبا Ann", "right-to-left text itself is fine");
        assert_eq!(display_name("", 200), Err(Reason::Empty));
        assert_eq!(display_name("abc", 2), Err(Reason::TooLong { max: 2 }));
    }

    #[test]
    fn search_terms_are_bounded_in_characters() {
        assert_eq!(search_term(&"あ".repeat(SEARCH_TERM_MAX)).unwrap().chars().count(), SEARCH_TERM_MAX);
        assert_eq!(search_term(&"x".repeat(SEARCH_TERM_MAX + 1)), Err(Reason::TooLong { max: SEARCH_TERM_MAX }));
    }

    #[test]
    fn password_policy_counts_characters_not_bytes() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse("パスワードは十文字以上").is_ok());
        assert!(Password::parse(&" ".repeat(12)).is_err());
        assert_eq!(format!("{:?}", Password::parse("correct horse battery").unwrap()), "Password(***)");
    }
}
