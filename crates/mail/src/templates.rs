//! Email templates, one set per language, which a tenant may override per template and
//! language. HTML bodies are auto-escaped, so a company or person name can never inject
//! markup; plain-text bodies are not. Undefined variables are errors, so a typo in a tenant's
//! override is caught when it is saved, not when the email goes out.

use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;
use tandem_domain::Locale;
use tandem_domain::emails::{
    AccountExistsEmail, ApplicationConfirmEmail, ApplicationRefusedEmail, CampaignMessageEmail, CampaignReminderEmail,
    Email, InvitationEmail, PasswordResetEmail, SignupVerifyEmail,
};
use thiserror::Error;

pub use tandem_domain::emails::Template;

/// An email of `template` with realistic variables, for previews and for checking a tenant's
/// override before it is saved.
pub fn sample(template: Template, locale: Locale) -> Email {
    let ja = locale == Locale::Ja;
    let pick = |ja_text: &str, en_text: &str| if ja { ja_text.to_owned() } else { en_text.to_owned() };
    let program = pick("デジタルスキルのリバースメンタリング", "Reverse mentoring on digital skills");
    let name = pick("佐藤 健二", "Kenji Sato");
    match template {
        Template::Invitation => Email::Invitation(InvitationEmail {
            company: pick("さくら工業株式会社", "Sakura Industries"),
            inviter: pick("田中 愛子", "Aiko Tanaka"),
            role: role_label(tandem_domain::Role::ProgramManager, locale).to_owned(),
            link: "https://tandem.example/invitations/accept?token=sample".to_owned(),
        }),
        Template::CampaignMessage => Email::CampaignMessage(CampaignMessageEmail::new(
            &pick("リバースメンタリングの参加者を募集します", "Join our reverse mentoring program"),
            &pick(
                "佐藤さん\n\n若手社員が管理職にデジタルスキルを教えるプログラムを始めます。",
                "Hello Kenji,\n\nWe are starting a program where junior colleagues teach managers digital skills.",
            ),
            &program,
            "https://tandem.example/apply?token=sample",
            Some("2027-01-31"),
        )),
        Template::CampaignReminder => Email::CampaignReminder(CampaignReminderEmail {
            name,
            program,
            link: "https://tandem.example/apply?token=sample".to_owned(),
            deadline: "2027-01-31".to_owned(),
        }),
        Template::ApplicationConfirm => Email::ApplicationConfirm(ApplicationConfirmEmail {
            name,
            program,
            link: "https://tandem.example/applications/confirm?token=sample".to_owned(),
        }),
        Template::ApplicationRefused => Email::ApplicationRefused(ApplicationRefusedEmail {
            name,
            program: pick("役員リバースメンタリング", "Executive reverse mentoring"),
            reasons: vec![pick("職位レベル8以上が対象です", "needs job level 8 or above")],
        }),
        Template::SignupVerify => Email::SignupVerify(SignupVerifyEmail {
            name: pick("田中 愛子", "Aiko Tanaka"),
            company: pick("さくら工業株式会社", "Sakura Industries"),
            link: "https://tandem.example/signup/verify?token=sample".to_owned(),
            hours: 24,
        }),
        Template::AccountExists => Email::AccountExists(AccountExistsEmail {
            name: pick("田中 愛子", "Aiko Tanaka"),
            login_link: "https://tandem.example/login".to_owned(),
            reset_link: "https://tandem.example/password/forgot".to_owned(),
        }),
        Template::PasswordReset => Email::PasswordReset(PasswordResetEmail {
            name: pick("田中 愛子", "Aiko Tanaka"),
            link: "https://tandem.example/password/reset?token=sample".to_owned(),
            minutes: 60,
        }),
    }
}

/// A console role as people read it, in `locale`.
pub fn role_label(role: tandem_domain::Role, locale: Locale) -> &'static str {
    use tandem_domain::Role;
    match (role, locale) {
        (Role::Owner, Locale::En) => "owner",
        (Role::Admin, Locale::En) => "admin",
        (Role::ProgramManager, Locale::En) => "program manager",
        (Role::Viewer, Locale::En) => "viewer",
        (Role::Owner, Locale::Ja) => "オーナー",
        (Role::Admin, Locale::Ja) => "管理者",
        (Role::ProgramManager, Locale::Ja) => "プログラムマネージャー",
        (Role::Viewer, Locale::Ja) => "閲覧者",
    }
}

/// A rendered message: subject and both bodies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rendered {
    pub subject: String,
    pub html: String,
    pub text: String,
}

/// A tenant's own subject and bodies (template sources, with the same variables).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    pub subject: String,
    pub html: String,
    pub text: String,
}

#[derive(Debug, Error)]
#[error("{part}: {message}")]
pub struct TemplateError {
    /// `subject`, `html` or `text`.
    pub part: &'static str,
    pub message: String,
}

fn builtin(template: Template, locale: Locale) -> Override {
    macro_rules! sources {
        ($lang:literal, $name:literal) => {
            Override {
                subject: include_str!(concat!("../templates/", $lang, "/", $name, ".subject")).to_owned(),
                html: include_str!(concat!("../templates/", $lang, "/", $name, ".html")).to_owned(),
                text: include_str!(concat!("../templates/", $lang, "/", $name, ".txt")).to_owned(),
            }
        };
    }
    match (template, locale) {
        (Template::Invitation, Locale::En) => sources!("en", "invitation"),
        (Template::Invitation, Locale::Ja) => sources!("ja", "invitation"),
        (Template::CampaignMessage, Locale::En) => sources!("en", "campaign_message"),
        (Template::CampaignMessage, Locale::Ja) => sources!("ja", "campaign_message"),
        (Template::CampaignReminder, Locale::En) => sources!("en", "campaign_reminder"),
        (Template::CampaignReminder, Locale::Ja) => sources!("ja", "campaign_reminder"),
        (Template::ApplicationConfirm, Locale::En) => sources!("en", "application_confirm"),
        (Template::ApplicationConfirm, Locale::Ja) => sources!("ja", "application_confirm"),
        (Template::ApplicationRefused, Locale::En) => sources!("en", "application_refused"),
        (Template::ApplicationRefused, Locale::Ja) => sources!("ja", "application_refused"),
        (Template::SignupVerify, Locale::En) => sources!("en", "signup_verify"),
        (Template::SignupVerify, Locale::Ja) => sources!("ja", "signup_verify"),
        (Template::AccountExists, Locale::En) => sources!("en", "account_exists"),
        (Template::AccountExists, Locale::Ja) => sources!("ja", "account_exists"),
        (Template::PasswordReset, Locale::En) => sources!("en", "password_reset"),
        (Template::PasswordReset, Locale::Ja) => sources!("ja", "password_reset"),
    }
}

/// Renders an email with the built-in template.
pub fn render(email: &Email, locale: Locale) -> Result<Rendered, TemplateError> {
    render_with(&builtin(email.template(), locale), &email.variables())
}

/// Renders the given sources (a tenant's override, or the built-in ones) with `context`.
pub fn render_with(sources: &Override, context: &impl Serialize) -> Result<Rendered, TemplateError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| if name == "html" { AutoEscape::Html } else { AutoEscape::None });
    let part = |name: &'static str, source: &str| {
        env.render_named_str(name, source, context).map_err(|e| TemplateError { part: name, message: e.to_string() })
    };
    Ok(Rendered {
        subject: part("subject", &sources.subject)?.trim().to_owned(),
        html: part("html", &sources.html)?,
        text: part("text", &sources.text)?,
    })
}

/// The built-in sources, which a tenant starts editing from.
pub fn builtin_sources(template: Template, locale: Locale) -> Override {
    builtin(template, locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_variables_and_text_keeps_them() {
        let email = Email::Invitation(InvitationEmail {
            company: "<b>Acme</b>".into(),
            inviter: "Ann".into(),
            role: "admin".into(),
            link: "http://localhost/accept?token=a&b=1".into(),
        });
        let rendered = render(&email, Locale::En).expect("renders");
        assert!(rendered.html.contains("&lt;b&gt;Acme"), "{}", rendered.html);
        assert!(!rendered.html.contains("<b>Acme"), "{}", rendered.html);
        assert!(rendered.text.contains("<b>Acme</b>"));
        assert!(rendered.subject.contains("Acme"));
    }

    #[test]
    fn every_builtin_template_renders_its_sample_in_both_languages() {
        for &template in Template::ALL {
            for locale in [Locale::En, Locale::Ja] {
                let rendered = render(&sample(template, locale), locale).expect("renders");
                assert!(!rendered.subject.is_empty() && !rendered.text.is_empty() && !rendered.html.is_empty());
            }
        }
        let ja = render(&sample(Template::Invitation, Locale::Ja), Locale::Ja).unwrap();
        assert!(ja.subject.contains("招待"), "{}", ja.subject);
    }

    #[test]
    fn an_override_with_an_unknown_variable_is_refused() {
        let sources = Override { subject: "Hi {{ compnay }}".into(), html: "x".into(), text: "x".into() };
        let err = render_with(&sources, &sample(Template::Invitation, Locale::En).variables()).unwrap_err();
        assert_eq!(err.part, "subject");
        let ok = Override {
            subject: "Join {{ company }}".into(),
            html: "<p>{{ link }}</p>".into(),
            text: "{{ link }}".into(),
        };
        assert_eq!(
            render_with(&ok, &sample(Template::Invitation, Locale::En).variables()).unwrap().subject,
            "Join Sakura Industries"
        );
    }
}
