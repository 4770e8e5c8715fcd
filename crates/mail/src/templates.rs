//! Email templates, one set per language. HTML bodies are auto-escaped, so a company or
//! person name can never inject markup; plain-text bodies are not.

use minijinja::{AutoEscape, Environment};
use serde::Serialize;
use tandem_domain::Locale;
use thiserror::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// Someone is invited to a tenant's team. Context: company, inviter, role, link.
    Invitation,
}

impl Template {
    fn name(self) -> &'static str {
        match self {
            Template::Invitation => "invitation",
        }
    }
}

/// A rendered message: subject and both bodies.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub subject: String,
    pub html: String,
    pub text: String,
}

#[derive(Debug, Error)]
#[error("template {template}: {source}")]
pub struct TemplateError {
    template: String,
    source: minijinja::Error,
}

const SOURCES: &[(&str, &str)] = &[
    ("en/invitation.subject", include_str!("../templates/en/invitation.subject")),
    ("en/invitation.txt", include_str!("../templates/en/invitation.txt")),
    ("en/invitation.html", include_str!("../templates/en/invitation.html")),
    ("ja/invitation.subject", include_str!("../templates/ja/invitation.subject")),
    ("ja/invitation.txt", include_str!("../templates/ja/invitation.txt")),
    ("ja/invitation.html", include_str!("../templates/ja/invitation.html")),
];

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| if name.ends_with(".html") { AutoEscape::Html } else { AutoEscape::None });
    for (name, source) in SOURCES {
        env.add_template(name, source).expect("built-in templates are valid");
    }
    env
}

pub fn render(template: Template, locale: Locale, context: &impl Serialize) -> Result<Rendered, TemplateError> {
    let env = environment();
    let part = |ext: &str| {
        let name = format!("{}/{}.{ext}", locale.as_str(), template.name());
        env.get_template(&name)
            .and_then(|t| t.render(context))
            .map_err(|source| TemplateError { template: name, source })
    };
    Ok(Rendered { subject: part("subject")?.trim().to_owned(), html: part("html")?, text: part("txt")? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_variables_and_text_keeps_them() {
        let context = serde_json::json!({
            "company": "<b>Acme</b>", "inviter": "Ann", "role": "admin", "link": "http://localhost/accept?token=a&b=1"
        });
        let rendered = render(Template::Invitation, Locale::En, &context).expect("renders");
        assert!(rendered.html.contains("&lt;b&gt;Acme"), "{}", rendered.html);
        assert!(!rendered.html.contains("<b>Acme"), "{}", rendered.html);
        assert!(rendered.text.contains("<b>Acme</b>"));
        assert!(rendered.subject.contains("Acme"));
    }

    #[test]
    fn japanese_templates_speak_japanese() {
        let context = serde_json::json!({"company": "テスト", "inviter": "田中", "role": "viewer", "link": "http://x"});
        let rendered = render(Template::Invitation, Locale::Ja, &context).expect("renders");
        assert!(rendered.subject.contains("招待"), "{}", rendered.subject);
        assert!(rendered.text.contains("http://x"));
    }
}
