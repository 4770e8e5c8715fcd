//! Email templates, one set per language, which a tenant may override per template and
//! language. HTML bodies are auto-escaped, so a company or person name can never inject
//! markup; plain-text bodies are not. Undefined variables are errors, so a typo in a tenant's
//! override is caught when it is saved, not when the email goes out.

use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;
use serde_json::{Value, json};
use tandem_domain::Locale;
use tandem_domain::mail::EmailCategory;
use thiserror::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Template {
    /// Someone is invited to a tenant's team. Variables: company, inviter, role, link.
    Invitation,
    /// A recruitment campaign's message, written by the program's admins. Variables: subject,
    /// body (already personalised), program, link, deadline.
    CampaignMessage,
    /// Applications close soon. Variables: name, program, link, deadline.
    CampaignReminder,
    /// An applicant confirms their application (magic link). Variables: name, program, link.
    ApplicationConfirm,
    /// Someone applied through a campaign's public link but may not take part; the reasons
    /// go to their own address only. Variables: name, program, reasons (a list).
    ApplicationRefused,
}

impl Template {
    pub const ALL: [Template; 5] = [
        Template::Invitation,
        Template::CampaignMessage,
        Template::CampaignReminder,
        Template::ApplicationConfirm,
        Template::ApplicationRefused,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Template::Invitation => "invitation",
            Template::CampaignMessage => "campaign_message",
            Template::CampaignReminder => "campaign_reminder",
            Template::ApplicationConfirm => "application_confirm",
            Template::ApplicationRefused => "application_refused",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Template::ALL.into_iter().find(|t| t.name() == name)
    }

    pub const fn category(self) -> EmailCategory {
        match self {
            Template::Invitation | Template::ApplicationConfirm | Template::ApplicationRefused => {
                EmailCategory::Transactional
            }
            Template::CampaignMessage | Template::CampaignReminder => EmailCategory::Campaign,
        }
    }

    /// The variables the template uses, with realistic values, for previews.
    pub fn sample_context(self, locale: Locale) -> Value {
        let ja = locale == Locale::Ja;
        match self {
            Template::Invitation => json!({
                "company": if ja { "さくら工業株式会社" } else { "Sakura Industries" },
                "inviter": if ja { "田中 愛子" } else { "Aiko Tanaka" },
                "role": role_label(tandem_domain::Role::ProgramManager, locale),
                "link": "https://tandem.example/invitations/accept?token=sample",
            }),
            Template::CampaignMessage => campaign_context(
                if ja {
                    "リバースメンタリングの参加者を募集します"
                } else {
                    "Join our reverse mentoring program"
                },
                if ja {
                    "佐藤さん\n\n若手社員が管理職にデジタルスキルを教えるプログラムを始めます。"
                } else {
                    "Hello Kenji,\n\nWe are starting a program where junior colleagues teach managers digital skills."
                },
                if ja {
                    "デジタルスキルのリバースメンタリング"
                } else {
                    "Reverse mentoring on digital skills"
                },
                "https://tandem.example/apply?token=sample",
                Some("2027-01-31"),
            ),
            Template::CampaignReminder => json!({
                "name": if ja { "佐藤 健二" } else { "Kenji Sato" },
                "program": if ja { "デジタルスキルのリバースメンタリング" } else { "Reverse mentoring on digital skills" },
                "link": "https://tandem.example/apply?token=sample",
                "deadline": "2027-01-31",
            }),
            Template::ApplicationConfirm => json!({
                "name": if ja { "佐藤 健二" } else { "Kenji Sato" },
                "program": if ja { "デジタルスキルのリバースメンタリング" } else { "Reverse mentoring on digital skills" },
                "link": "https://tandem.example/applications/confirm?token=sample",
            }),
            Template::ApplicationRefused => json!({
                "name": if ja { "佐藤 健二" } else { "Kenji Sato" },
                "program": if ja { "役員リバースメンタリング" } else { "Executive reverse mentoring" },
                "reasons": if ja { vec!["職位レベル8以上が対象です"] } else { vec!["needs job level 8 or above"] },
            }),
        }
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

/// The variables of a campaign message: the admins' subject and (personalised) body, split
/// into paragraphs for the HTML part.
pub fn campaign_context(subject: &str, body: &str, program: &str, link: &str, deadline: Option<&str>) -> Value {
    let paragraphs: Vec<&str> = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    json!({
        "subject": subject, "body": body, "paragraphs": paragraphs, "program": program, "link": link,
        "deadline": deadline.unwrap_or(""),
    })
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
    }
}

/// Renders the built-in template.
pub fn render(template: Template, locale: Locale, context: &impl Serialize) -> Result<Rendered, TemplateError> {
    render_with(&builtin(template, locale), context)
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
        let context = json!({
            "company": "<b>Acme</b>", "inviter": "Ann", "role": "admin", "link": "http://localhost/accept?token=a&b=1"
        });
        let rendered = render(Template::Invitation, Locale::En, &context).expect("renders");
        assert!(rendered.html.contains("&lt;b&gt;Acme"), "{}", rendered.html);
        assert!(!rendered.html.contains("<b>Acme"), "{}", rendered.html);
        assert!(rendered.text.contains("<b>Acme</b>"));
        assert!(rendered.subject.contains("Acme"));
    }

    #[test]
    fn every_builtin_template_renders_its_sample_in_both_languages() {
        for template in Template::ALL {
            for locale in [Locale::En, Locale::Ja] {
                let rendered = render(template, locale, &template.sample_context(locale)).expect("renders");
                assert!(!rendered.subject.is_empty() && !rendered.text.is_empty() && !rendered.html.is_empty());
            }
        }
        let ja = render(Template::Invitation, Locale::Ja, &Template::Invitation.sample_context(Locale::Ja)).unwrap();
        assert!(ja.subject.contains("招待"), "{}", ja.subject);
    }

    #[test]
    fn an_override_with_an_unknown_variable_is_refused() {
        let sources = Override { subject: "Hi {{ compnay }}".into(), html: "x".into(), text: "x".into() };
        let err = render_with(&sources, &Template::Invitation.sample_context(Locale::En)).unwrap_err();
        assert_eq!(err.part, "subject");
        let ok = Override {
            subject: "Join {{ company }}".into(),
            html: "<p>{{ link }}</p>".into(),
            text: "{{ link }}".into(),
        };
        assert_eq!(
            render_with(&ok, &Template::Invitation.sample_context(Locale::En)).unwrap().subject,
            "Join Sakura Industries"
        );
    }
}
