//! The product's frame around every email: a footer naming the company that sent it, saying
//! that it went through Tandem on that company's behalf and why the person gets it. It is added
//! after rendering, to built-in templates and tenants' overrides alike, so no override can
//! leave it out: whatever a tenant writes, the recipient can tell who is behind the email.

use tandem_domain::Locale;

use crate::templates::Rendered;

/// Who an email is sent for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sender {
    /// The company (tenant) on whose behalf the email goes out.
    pub company: String,
}

/// `rendered` with the footer of `sender`, in `locale`, at the end of both bodies.
pub fn frame(mut rendered: Rendered, sender: &Sender, locale: Locale) -> Rendered {
    let (who, why) = lines(&sender.company, locale);
    rendered.text = format!("{}\n\n--\n{}\n{who}\n{why}\n", rendered.text.trim_end(), sender.company);
    let footer = format!(
        "<div style=\"display: block !important; margin-top: 24px; padding-top: 12px; border-top: 1px solid #ddd; \
         color: #666; font-family: sans-serif; font-size: 12px\">\
         <p style=\"display: block !important; margin: 0; font-weight: bold\">{}</p>\
         <p style=\"display: block !important; margin: 4px 0 0\">{}</p>\
         <p style=\"display: block !important; margin: 4px 0 0\">{}</p></div>",
        escape(&sender.company),
        escape(&who),
        escape(&why)
    );
    let mut html = rendered.html;
    // An override that opens a comment and never closes it would swallow the footer.
    if let Some(open) = html.rfind("<!--")
        && !html[open..].contains("-->")
    {
        html.push_str("-->");
    }
    rendered.html = match html.to_ascii_lowercase().rfind("</body>") {
        Some(at) => format!("{}{footer}\n{}", &html[..at], &html[at..]),
        None => format!("{html}\n{footer}\n"),
    };
    rendered
}

fn lines(company: &str, locale: Locale) -> (String, String) {
    match locale {
        Locale::En => (
            format!("Sent through Tandem on behalf of {company}."),
            format!("You receive this because {company} invited you to its mentoring programs."),
        ),
        Locale::Ja => (
            format!("このメールは{company}に代わって Tandem から送信しています。"),
            format!("{company}がメンタリングプログラムにあなたを招待したため、このメールが届いています。"),
        ),
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::{Override, render_with, sample};
    use crate::{Template, render};

    fn acme() -> Sender {
        Sender { company: "Acme <Corp> & Co".into() }
    }

    #[test]
    fn an_override_without_a_footer_still_carries_the_frame() {
        let bare = Override { subject: "Hi".into(), html: "<p>{{ link }}</p>".into(), text: "{{ link }}".into() };
        let rendered = render_with(&bare, &sample(Template::Invitation, Locale::En).variables()).unwrap();
        let framed = frame(rendered, &acme(), Locale::En);
        assert!(framed.text.contains("Acme <Corp> & Co\nSent through Tandem on behalf of Acme <Corp> & Co."));
        assert!(framed.text.contains("because Acme <Corp> & Co invited you to its mentoring programs"));
        assert!(
            framed.html.contains(
                "<p style=\"display: block !important; margin: 0; font-weight: bold\">Acme &lt;Corp&gt; &amp; Co</p>"
            ),
            "{}",
            framed.html
        );
        assert!(!framed.html.contains("<Corp>"), "the company is escaped: {}", framed.html);
        assert_eq!(framed.subject, "Hi");
    }

    #[test]
    fn the_frame_is_in_the_emails_language_and_inside_the_body() {
        let email = sample(Template::Invitation, Locale::Ja);
        let framed = frame(render(&email, Locale::Ja).unwrap(), &Sender { company: "さくら工業".into() }, Locale::Ja);
        assert!(framed.text.contains("さくら工業に代わって Tandem から送信しています"), "{}", framed.text);
        let footer = framed.html.find("さくら工業に代わって").unwrap();
        assert!(footer < framed.html.rfind("</body>").unwrap(), "{}", framed.html);
    }

    #[test]
    fn an_unclosed_comment_cannot_hide_the_frame() {
        let rendered = Rendered { subject: "Hi".into(), html: "<p>Hi</p><!-- hidden".into(), text: "Hi".into() };
        let framed = frame(rendered, &acme(), Locale::En);
        let closed = framed.html.find("-->").unwrap();
        assert!(closed < framed.html.find("Sent through Tandem").unwrap(), "{}", framed.html);
    }
}
