//! Email templates, one set per language, which a tenant may override per template and
//! language. HTML bodies are auto-escaped, so a company or person name can never inject
//! markup; plain-text bodies are not. Undefined variables are errors, so a typo in a tenant's
//! override is caught when it is saved, not when the email goes out.

use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};
use serde::Serialize;
use tandem_domain::emails::{
    AccountExistsEmail, ApplicationConfirmEmail, ApplicationDecisionEmail, ApplicationRefusedEmail,
    CampaignMessageEmail, CampaignReminderEmail, CheckInEmail, Email, InvitationEmail, KickoffEmail,
    MatchIntroductionEmail, MatchWaitlistEmail, NudgeEmail, PairEndedEmail, PairInactiveTeamEmail, PairLeftEmail,
    ParticipantSignInEmail, PasswordResetEmail, ScoreLink, SessionInvitationEmail, SignupVerifyEmail, SurveyEmail,
};
use tandem_domain::{Locale, Reason};
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
            "",
            &program,
            "https://tandem.example/apply?token=sample",
            Some(&pick("2027年1月31日 17:00（Asia/Tokyo）", "31 January 2027 at 17:00 (Asia/Tokyo)")),
        )),
        Template::CampaignReminder => Email::CampaignReminder(CampaignReminderEmail {
            name,
            program,
            link: "https://tandem.example/apply?token=sample".to_owned(),
            deadline: pick("2027年1月31日 17:00（Asia/Tokyo）", "31 January 2027 at 17:00 (Asia/Tokyo)"),
        }),
        Template::ApplicationConfirm => Email::ApplicationConfirm(ApplicationConfirmEmail {
            name,
            program,
            link: "https://tandem.example/applications/confirm?token=sample".to_owned(),
        }),
        Template::ApplicationRefused => Email::ApplicationRefused(ApplicationRefusedEmail {
            name,
            program: pick("役員リバースメンタリング", "Executive reverse mentoring"),
            reasons: vec![pick("等級8以上が対象です", "needs job level 8 or above")],
        }),
        Template::ApplicationDecision => Email::ApplicationDecision(ApplicationDecisionEmail {
            name: name.clone(),
            program: program.clone(),
            decision: "accept".to_owned(),
            message: pick("キックオフでお会いしましょう。", "We look forward to seeing you at the kickoff."),
        }),
        Template::MatchIntroduction => Email::MatchIntroduction(MatchIntroductionEmail {
            name,
            program,
            partner_name: pick("田中 愛子", "Aiko Tanaka"),
            partner_email: "aiko.tanaka@sakura.example".to_owned(),
            partner_title: pick("部長", "Head of Finance"),
            partner_department: pick("経理部", "Finance"),
            role: "mentor".to_owned(),
            why: pick(
                "部署が異なります（マーケティングと経理）。相手が学びたいことを教えられます（tiktok）",
                "From different departments (Marketing and Finance); can teach what the other wants to learn (tiktok).",
            ),
        }),
        Template::MatchWaitlist => Email::MatchWaitlist(MatchWaitlistEmail { name, program }),
        Template::PairEnded => {
            Email::PairEnded(PairEndedEmail { name, program, partner_name: pick("田中 愛子", "Aiko Tanaka") })
        }
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
        Template::ParticipantSignIn => Email::ParticipantSignIn(ParticipantSignInEmail {
            name,
            link: "https://tandem.example/portal/verify?token=sample".to_owned(),
            minutes: 15,
        }),
        Template::KickoffInvitation | Template::KickoffCancelled | Template::KickoffReminder => {
            let kickoff = KickoffEmail {
                name,
                program,
                when: pick(
                    "2027年1月15日（金）10:00〜11:30（Asia/Tokyo）",
                    "Friday 15 January 2027, 10:00–11:30 (Asia/Tokyo)",
                ),
                when_there: String::new(),
                place: pick("本社 12階 会議室A", "Head office, 12th floor, room A"),
                video_link: "https://meet.example/kickoff".to_owned(),
                agenda: pick(
                    "プログラムの目的、役割、最初の面談の進め方",
                    "The program's purpose, the two roles, the first meeting",
                ),
                updated: false,
                portal_link: "https://tandem.example/portal".to_owned(),
                calendar: String::new(),
            };
            match template {
                Template::KickoffInvitation => Email::KickoffInvitation(kickoff),
                Template::KickoffCancelled => Email::KickoffCancelled(kickoff),
                _ => Email::KickoffReminder(kickoff),
            }
        }
        Template::SessionInvitation => Email::SessionInvitation(SessionInvitationEmail {
            name,
            program,
            partner_name: pick("田中 愛子", "Aiko Tanaka"),
            when: pick("2027年1月20日（水）18:00（Asia/Tokyo）", "Wednesday 20 January 2027, 18:00 (Asia/Tokyo)"),
            minutes: 45,
            format: pick("ビデオ通話", "video call"),
            portal_link: "https://tandem.example/portal".to_owned(),
            calendar: String::new(),
        }),
        Template::PairLeft => Email::PairLeft(PairLeftEmail {
            name: pick("田中 愛子", "Aiko Tanaka"),
            program,
            leaver: name,
            partner: pick("森 葵", "Aoi Mori"),
            reason: pick("異動のため時間が取れなくなりました", "I moved teams and no longer have the time"),
            link: "https://tandem.example/pairs/sample".to_owned(),
        }),
        Template::CheckIn => Email::CheckIn(CheckInEmail {
            name,
            program,
            partner_name: pick("森 葵", "Aoi Mori"),
            until: pick("2027年1月31日", "31 January 2027"),
            scores: (1..=5)
                .map(|score| ScoreLink {
                    score,
                    url: format!("https://tandem.example/check-in?token=sample&score={score}"),
                })
                .collect(),
            link: "https://tandem.example/check-in?token=sample".to_owned(),
        }),
        Template::Nudge => Email::Nudge(NudgeEmail {
            name,
            program,
            rule: "no_session".to_owned(),
            partner_name: pick("森 葵", "Aoi Mori"),
            days: 21,
            date: String::new(),
            title: String::new(),
            link: "https://tandem.example/portal/pairs/sample".to_owned(),
        }),
        Template::PairInactiveTeam => Email::PairInactiveTeam(PairInactiveTeamEmail {
            name: pick("田中 愛子", "Aiko Tanaka"),
            program,
            mentor: pick("森 葵", "Aoi Mori"),
            mentee: name,
            days: 45,
            link: "https://tandem.example/pairs/sample".to_owned(),
        }),
        Template::SurveyInvitation | Template::SurveyReminder => {
            let survey = SurveyEmail {
                name,
                program,
                title: pick("中間アンケート", "Mid-program survey"),
                closes: pick("2027年3月15日", "15 March 2027"),
                anonymous: true,
                link: "https://tandem.example/survey?token=sample".to_owned(),
            };
            if template == Template::SurveyInvitation {
                Email::SurveyInvitation(survey)
            } else {
                Email::SurveyReminder(survey)
            }
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
    pub kind: TemplateErrorKind,
    pub message: String,
}

/// Why a template did not render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateErrorKind {
    /// A syntax error, an undefined variable, an operation on the wrong type.
    Invalid,
    /// More than [`FUEL`] steps, or deeper than [`RECURSION_LIMIT`] (a loop or a macro too big).
    TooMuchWork,
    /// Output beyond [`MAX_RENDERED_BYTES`] in one part.
    TooLarge,
}

impl TemplateError {
    /// The refusal to show whoever wrote the template.
    pub fn reason(&self) -> Reason {
        match self.kind {
            TemplateErrorKind::Invalid => Reason::TemplateError { detail: self.message.clone() },
            TemplateErrorKind::TooMuchWork => Reason::TemplateTooMuchWork,
            TemplateErrorKind::TooLarge => Reason::TemplateTooLarge { max_bytes: MAX_RENDERED_BYTES },
        }
    }
}

/// Steps (minijinja's instructions) one part of a template may take. The built-in templates
/// take a few hundred; a tenant's loop over `range()` runs out long before it stalls a thread.
pub const FUEL: u64 = 500_000;
/// How deep macros and nested blocks may go.
pub const RECURSION_LIMIT: usize = 50;
/// The most one rendered part (subject, HTML or text) may be: a template that would write more
/// fails, rather than being cut, as soon as its output passes this.
pub const MAX_RENDERED_BYTES: usize = 1024 * 1024;

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
        (Template::ApplicationDecision, Locale::En) => sources!("en", "application_decision"),
        (Template::ApplicationDecision, Locale::Ja) => sources!("ja", "application_decision"),
        (Template::MatchIntroduction, Locale::En) => sources!("en", "match_introduction"),
        (Template::MatchIntroduction, Locale::Ja) => sources!("ja", "match_introduction"),
        (Template::MatchWaitlist, Locale::En) => sources!("en", "match_waitlist"),
        (Template::MatchWaitlist, Locale::Ja) => sources!("ja", "match_waitlist"),
        (Template::PairEnded, Locale::En) => sources!("en", "pair_ended"),
        (Template::PairEnded, Locale::Ja) => sources!("ja", "pair_ended"),
        (Template::SignupVerify, Locale::En) => sources!("en", "signup_verify"),
        (Template::SignupVerify, Locale::Ja) => sources!("ja", "signup_verify"),
        (Template::AccountExists, Locale::En) => sources!("en", "account_exists"),
        (Template::AccountExists, Locale::Ja) => sources!("ja", "account_exists"),
        (Template::PasswordReset, Locale::En) => sources!("en", "password_reset"),
        (Template::PasswordReset, Locale::Ja) => sources!("ja", "password_reset"),
        (Template::ParticipantSignIn, Locale::En) => sources!("en", "participant_sign_in"),
        (Template::ParticipantSignIn, Locale::Ja) => sources!("ja", "participant_sign_in"),
        (Template::KickoffInvitation, Locale::En) => sources!("en", "kickoff_invitation"),
        (Template::KickoffInvitation, Locale::Ja) => sources!("ja", "kickoff_invitation"),
        (Template::KickoffCancelled, Locale::En) => sources!("en", "kickoff_cancelled"),
        (Template::KickoffCancelled, Locale::Ja) => sources!("ja", "kickoff_cancelled"),
        (Template::KickoffReminder, Locale::En) => sources!("en", "kickoff_reminder"),
        (Template::KickoffReminder, Locale::Ja) => sources!("ja", "kickoff_reminder"),
        (Template::SessionInvitation, Locale::En) => sources!("en", "session_invitation"),
        (Template::SessionInvitation, Locale::Ja) => sources!("ja", "session_invitation"),
        (Template::PairLeft, Locale::En) => sources!("en", "pair_left"),
        (Template::PairLeft, Locale::Ja) => sources!("ja", "pair_left"),
        (Template::CheckIn, Locale::En) => sources!("en", "check_in"),
        (Template::CheckIn, Locale::Ja) => sources!("ja", "check_in"),
        (Template::SurveyInvitation, Locale::En) => sources!("en", "survey_invitation"),
        (Template::SurveyInvitation, Locale::Ja) => sources!("ja", "survey_invitation"),
        (Template::SurveyReminder, Locale::En) => sources!("en", "survey_reminder"),
        (Template::SurveyReminder, Locale::Ja) => sources!("ja", "survey_reminder"),
        (Template::Nudge, Locale::En) => sources!("en", "nudge"),
        (Template::Nudge, Locale::Ja) => sources!("ja", "nudge"),
        (Template::PairInactiveTeam, Locale::En) => sources!("en", "pair_inactive_team"),
        (Template::PairInactiveTeam, Locale::Ja) => sources!("ja", "pair_inactive_team"),
    }
}

/// Renders an email with the built-in template.
pub fn render(email: &Email, locale: Locale) -> Result<Rendered, TemplateError> {
    render_with(&builtin(email.template(), locale), &email.variables())
}

/// Renders the given sources (a tenant's override, or the built-in ones) with `context`.
pub fn render_with(sources: &Override, context: &impl Serialize) -> Result<Rendered, TemplateError> {
    Ok(Rendered {
        subject: render_part("subject", &sources.subject, context)?.trim().to_owned(),
        html: render_part("html", &sources.html, context)?,
        text: render_part("text", &sources.text, context)?,
    })
}

/// Renders one part (`subject`, `html` or `text`; HTML is auto-escaped), within [`FUEL`],
/// [`RECURSION_LIMIT`] and [`MAX_RENDERED_BYTES`]. The subject is not trimmed here.
pub fn render_part(part: &'static str, source: &str, context: &impl Serialize) -> Result<String, TemplateError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| if name == "html" { AutoEscape::Html } else { AutoEscape::None });
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION_LIMIT);
    let fail = |kind, message: String| TemplateError { part, kind, message };
    let template =
        env.template_from_named_str(part, source).map_err(|e| fail(TemplateErrorKind::Invalid, e.to_string()))?;
    let mut out = CappedOutput::default();
    match template.render_captured_to(context, &mut out) {
        Ok(_) => String::from_utf8(out.bytes).map_err(|e| fail(TemplateErrorKind::Invalid, e.to_string())),
        Err(_) if out.overflowed => {
            Err(fail(TemplateErrorKind::TooLarge, format!("renders more than {MAX_RENDERED_BYTES} bytes")))
        }
        Err(e) if e.kind() == ErrorKind::OutOfFuel || e.to_string().contains("recursion limit") => {
            Err(fail(TemplateErrorKind::TooMuchWork, e.to_string()))
        }
        Err(e) => Err(fail(TemplateErrorKind::Invalid, e.to_string())),
    }
}

/// Output that refuses to grow past [`MAX_RENDERED_BYTES`], so a loop that writes without end
/// stops at the first write beyond it instead of filling memory.
#[derive(Default)]
struct CappedOutput {
    bytes: Vec<u8>,
    overflowed: bool,
}

impl std::io::Write for CappedOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_RENDERED_BYTES {
            self.overflowed = true;
            return Err(std::io::Error::other("the rendered part is too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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

    fn text_only(text: &str) -> Override {
        Override { subject: "Hi".into(), html: "x".into(), text: text.into() }
    }

    #[test]
    fn a_loop_too_long_runs_out_of_fuel() {
        let nested = "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}";
        let err = render_with(&text_only(nested), &serde_json::json!({})).unwrap_err();
        assert_eq!((err.part, err.kind), ("text", TemplateErrorKind::TooMuchWork), "{err}");
        assert_eq!(err.reason().code(), "template_too_much_work");
    }

    #[test]
    fn recursion_stops_at_the_limit() {
        let deep = format!("{}x{}", "{% for a in [1] %}".repeat(60), "{% endfor %}".repeat(60));
        let err = render_with(&text_only(&deep), &serde_json::json!({})).unwrap_err();
        assert_eq!(err.kind, TemplateErrorKind::TooMuchWork, "{err}");
    }

    #[test]
    fn a_part_that_renders_more_than_a_mebibyte_is_refused_not_cut() {
        for source in ["{{ \"x\" * 20000000 }}", "{% for i in range(30000) %}{{ \"y\" * 100 }}{% endfor %}"] {
            let err = render_with(&text_only(source), &serde_json::json!({})).unwrap_err();
            assert_eq!((err.part, err.kind), ("text", TemplateErrorKind::TooLarge), "{source}: {err}");
            assert_eq!(err.reason(), Reason::TemplateTooLarge { max_bytes: MAX_RENDERED_BYTES });
        }
        let just_under = format!("{{{{ \"z\" * {MAX_RENDERED_BYTES} }}}}");
        assert_eq!(
            render_with(&text_only(&just_under), &serde_json::json!({})).unwrap().text.len(),
            MAX_RENDERED_BYTES
        );
    }

    #[test]
    fn a_syntax_error_is_invalid() {
        let err = render_with(&text_only("{% if %}"), &serde_json::json!({})).unwrap_err();
        assert_eq!(err.kind, TemplateErrorKind::Invalid);
        assert_eq!(err.reason().code(), "template_error");
    }
}
