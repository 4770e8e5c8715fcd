//! Every email the product sends: its [`Template`], which fixes its category (and so whether
//! unsubscribing, quiet hours and the daily cap apply), and its variables, typed per template
//! ([`Email`]). An email is built from its variables, so a template cannot be sent with
//! another's category or with a variable missing.
//!
//! Adding an email kind is one `Template` variant, its `Email` variant with the variables'
//! struct, and its sources under `crates/mail/templates/{en,ja}/` (the mail crate's `match`
//! over templates and languages does not compile without them).

use serde::Serialize;
use serde_json::Value;

use crate::Locale;
use crate::mail::EmailCategory;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Template {
    /// Someone is invited to a tenant's team.
    Invitation,
    /// A recruitment campaign's message, written by the program's admins.
    CampaignMessage,
    /// Applications close soon.
    CampaignReminder,
    /// An applicant confirms their application (magic link).
    ApplicationConfirm,
    /// Someone applied through a campaign's public link but may not take part; the reasons
    /// go to their own address only.
    ApplicationRefused,
    /// An admin decided on an application (accepted, waitlisted, declined), with their
    /// optional words.
    ApplicationDecision,
    /// A published pair: each member learns who their partner is and why they were matched.
    MatchIntroduction,
    /// An accepted applicant a published matching left without a partner, for now.
    MatchWaitlist,
    /// A published pair was withdrawn: the member who stays is free for a new partner.
    PairEnded,
    /// Someone signed up: the link that proves the address and creates their company.
    SignupVerify,
    /// Someone signed up with an address that has an account already: the owner of the
    /// address learns it, with the way to sign in or reset the password.
    AccountExists,
    /// A link to choose a new password.
    PasswordReset,
    /// A participant's single-use link into the participant portal.
    ParticipantSignIn,
    /// A program's kickoff, or its new time or place, with a calendar invitation.
    KickoffInvitation,
    /// A program's kickoff was cancelled (the calendar removes it).
    KickoffCancelled,
    /// The kickoff is tomorrow.
    KickoffReminder,
    /// A session one member planned, as a calendar invitation to both.
    SessionInvitation,
    /// A participant left their pair from the portal: the company's team is told.
    PairLeft,
    /// A member's check-in for the period: how is it going, answered from the email in one click.
    CheckIn,
    /// A program's survey is open: the link to answer.
    SurveyInvitation,
    /// A survey not yet answered, before it closes.
    SurveyReminder,
    /// A nudge: one of the rules of [`crate::nudges::NudgeRule`], with a direct link to the thing to do.
    Nudge,
    /// A pair has had no session for a long while: the program's team is told.
    PairInactiveTeam,
}

impl Template {
    pub const ALL: &'static [Template] = <Template as strum::VariantArray>::VARIANTS;

    /// The stored name, also the name in URLs and file names.
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Template::ALL.iter().copied().find(|t| t.name() == name)
    }

    /// Whether a tenant may override it. The emails of an account (sent by the product's own
    /// tenant, [`crate::TenantId::PLATFORM`]) are the product's words only.
    pub const fn tenant_editable(self) -> bool {
        !matches!(self, Template::SignupVerify | Template::AccountExists | Template::PasswordReset)
    }

    /// Whether it reaches people who did not ask for it (a team invitation, a campaign's
    /// message or reminder): what a tenant sends of these is limited per hour and per day.
    pub const fn unsolicited(self) -> bool {
        matches!(self, Template::Invitation | Template::CampaignMessage | Template::CampaignReminder)
    }

    pub const fn category(self) -> EmailCategory {
        match self {
            Template::Invitation
            | Template::ApplicationConfirm
            | Template::ApplicationRefused
            | Template::ApplicationDecision
            | Template::SignupVerify
            | Template::AccountExists
            | Template::PasswordReset
            | Template::ParticipantSignIn
            | Template::PairLeft => EmailCategory::Transactional,
            Template::CampaignMessage | Template::CampaignReminder => EmailCategory::Campaign,
            Template::MatchIntroduction
            | Template::MatchWaitlist
            | Template::PairEnded
            | Template::KickoffInvitation
            | Template::KickoffCancelled
            | Template::SessionInvitation => EmailCategory::Match,
            Template::KickoffReminder => EmailCategory::Nudge,
            Template::CheckIn | Template::SurveyInvitation | Template::SurveyReminder => EmailCategory::Survey,
            Template::Nudge => EmailCategory::Nudge,
            Template::PairInactiveTeam => EmailCategory::Transactional,
        }
    }
}

/// An email with its variables. [`Email::template`] names what renders it and
/// [`Email::variables`] is what the template sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Email {
    Invitation(InvitationEmail),
    CampaignMessage(CampaignMessageEmail),
    CampaignReminder(CampaignReminderEmail),
    ApplicationConfirm(ApplicationConfirmEmail),
    ApplicationRefused(ApplicationRefusedEmail),
    ApplicationDecision(ApplicationDecisionEmail),
    MatchIntroduction(MatchIntroductionEmail),
    MatchWaitlist(MatchWaitlistEmail),
    PairEnded(PairEndedEmail),
    SignupVerify(SignupVerifyEmail),
    AccountExists(AccountExistsEmail),
    PasswordReset(PasswordResetEmail),
    ParticipantSignIn(ParticipantSignInEmail),
    KickoffInvitation(KickoffEmail),
    KickoffCancelled(KickoffEmail),
    KickoffReminder(KickoffEmail),
    SessionInvitation(SessionInvitationEmail),
    PairLeft(PairLeftEmail),
    CheckIn(CheckInEmail),
    SurveyInvitation(SurveyEmail),
    SurveyReminder(SurveyEmail),
    Nudge(NudgeEmail),
    PairInactiveTeam(PairInactiveTeamEmail),
}

impl Email {
    pub fn template(&self) -> Template {
        match self {
            Email::Invitation(_) => Template::Invitation,
            Email::CampaignMessage(_) => Template::CampaignMessage,
            Email::CampaignReminder(_) => Template::CampaignReminder,
            Email::ApplicationConfirm(_) => Template::ApplicationConfirm,
            Email::ApplicationRefused(_) => Template::ApplicationRefused,
            Email::ApplicationDecision(_) => Template::ApplicationDecision,
            Email::MatchIntroduction(_) => Template::MatchIntroduction,
            Email::MatchWaitlist(_) => Template::MatchWaitlist,
            Email::PairEnded(_) => Template::PairEnded,
            Email::SignupVerify(_) => Template::SignupVerify,
            Email::AccountExists(_) => Template::AccountExists,
            Email::PasswordReset(_) => Template::PasswordReset,
            Email::ParticipantSignIn(_) => Template::ParticipantSignIn,
            Email::KickoffInvitation(_) => Template::KickoffInvitation,
            Email::KickoffCancelled(_) => Template::KickoffCancelled,
            Email::KickoffReminder(_) => Template::KickoffReminder,
            Email::SessionInvitation(_) => Template::SessionInvitation,
            Email::PairLeft(_) => Template::PairLeft,
            Email::CheckIn(_) => Template::CheckIn,
            Email::SurveyInvitation(_) => Template::SurveyInvitation,
            Email::SurveyReminder(_) => Template::SurveyReminder,
            Email::Nudge(_) => Template::Nudge,
            Email::PairInactiveTeam(_) => Template::PairInactiveTeam,
        }
    }

    pub fn category(&self) -> EmailCategory {
        self.template().category()
    }

    /// The variables as the template reads them.
    pub fn variables(&self) -> Value {
        let value = match self {
            Email::Invitation(v) => serde_json::to_value(v),
            Email::CampaignMessage(v) => serde_json::to_value(v),
            Email::CampaignReminder(v) => serde_json::to_value(v),
            Email::ApplicationConfirm(v) => serde_json::to_value(v),
            Email::ApplicationRefused(v) => serde_json::to_value(v),
            Email::ApplicationDecision(v) => serde_json::to_value(v),
            Email::MatchIntroduction(v) => serde_json::to_value(v),
            Email::MatchWaitlist(v) => serde_json::to_value(v),
            Email::PairEnded(v) => serde_json::to_value(v),
            Email::SignupVerify(v) => serde_json::to_value(v),
            Email::AccountExists(v) => serde_json::to_value(v),
            Email::PasswordReset(v) => serde_json::to_value(v),
            Email::ParticipantSignIn(v) => serde_json::to_value(v),
            Email::KickoffInvitation(v) | Email::KickoffCancelled(v) | Email::KickoffReminder(v) => {
                serde_json::to_value(v)
            }
            Email::SessionInvitation(v) => serde_json::to_value(v),
            Email::PairLeft(v) => serde_json::to_value(v),
            Email::CheckIn(v) => serde_json::to_value(v),
            Email::SurveyInvitation(v) | Email::SurveyReminder(v) => serde_json::to_value(v),
            Email::Nudge(v) => serde_json::to_value(v),
            Email::PairInactiveTeam(v) => serde_json::to_value(v),
        };
        value.expect("email variables are plain data")
    }
}

/// A member of a published pair meets their partner: who, and why the pair was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MatchIntroductionEmail {
    pub name: String,
    pub program: String,
    pub partner_name: String,
    pub partner_email: String,
    /// The partner's title and department, as far as the directory knows them.
    pub partner_title: String,
    pub partner_department: String,
    /// `mentor`, `mentee`, or `learner` (mutual programs: both learn).
    pub role: String,
    /// Why they were matched, in the email's language.
    pub why: String,
}

/// An accepted applicant left without a partner by a published matching.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MatchWaitlistEmail {
    pub name: String,
    pub program: String,
}

/// A member of a withdrawn pair who stays in the program: the pair has ended, and a later
/// matching run looks for a new partner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PairEndedEmail {
    pub name: String,
    pub program: String,
    pub partner_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InvitationEmail {
    pub company: String,
    pub inviter: String,
    /// The role as people read it, in the email's language.
    pub role: String,
    pub link: String,
}

/// A campaign message: the admins' subject and (personalised) body, split into paragraphs for
/// the HTML part. The built-in frame adds the link and the deadline only where the admins'
/// body does not already say them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CampaignMessageEmail {
    pub subject: String,
    pub body: String,
    pub paragraphs: Vec<String>,
    pub program: String,
    pub link: String,
    /// The deadline as the recipient reads it ([`deadline_text`]), or empty without one.
    pub deadline: String,
    pub body_has_link: bool,
    pub body_has_deadline: bool,
}

impl CampaignMessageEmail {
    /// `source` is the admins' body before rendering (it tells which variables it uses);
    /// `subject` and `body` are rendered for the recipient.
    pub fn new(subject: &str, body: &str, source: &str, program: &str, link: &str, deadline: Option<&str>) -> Self {
        let paragraphs = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect();
        Self {
            subject: subject.to_owned(),
            body: body.to_owned(),
            paragraphs,
            program: program.to_owned(),
            link: link.to_owned(),
            deadline: deadline.unwrap_or_default().to_owned(),
            body_has_link: uses_variable(source, "link"),
            body_has_deadline: uses_variable(source, "deadline"),
        }
    }
}

/// The variables a campaign message's body may use, for one recipient.
pub fn campaign_variables(name: &str, program: &str, link: &str, deadline: Option<&str>) -> Value {
    serde_json::json!({"name": name, "program": program, "link": link, "deadline": deadline.unwrap_or_default()})
}

/// Whether a template source prints `variable` (`{{ link }}`, `{{link|upper}}` …).
pub fn uses_variable(source: &str, variable: &str) -> bool {
    source.split("{{").skip(1).any(|rest| {
        let expression = rest.trim_start();
        expression
            .strip_prefix(variable)
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
    })
}

/// A deadline as its recipient reads it: in their time zone (UTC when they have none), with
/// the time and the zone's name — "20 December 2026 at 17:00 (Asia/Tokyo)",
/// 「2026年12月20日 17:00（Asia/Tokyo）」.
pub fn deadline_text(at: chrono::DateTime<chrono::Utc>, zone: Option<&str>, locale: Locale) -> String {
    let zone: chrono_tz::Tz = zone.and_then(|z| z.parse().ok()).unwrap_or(chrono_tz::UTC);
    let local = at.with_timezone(&zone);
    match locale {
        Locale::En => format!("{} at {} ({})", local.format("%-d %B %Y"), local.format("%H:%M"), zone.name()),
        Locale::Ja => format!("{}（{}）", local.format("%Y年%-m月%-d日 %H:%M"), zone.name()),
    }
}

/// A day as its recipient reads it: "31 January 2027", 「2027年1月31日」.
pub fn date_text(day: chrono::NaiveDate, locale: Locale) -> String {
    match locale {
        Locale::En => day.format("%-d %B %Y").to_string(),
        Locale::Ja => day.format("%Y年%-m月%-d日").to_string(),
    }
}

/// An event's start and end as its recipient reads them, in `zone` (UTC when unknown):
/// "Friday 15 January 2027, 10:00–11:30 (Asia/Tokyo)", 「2027年1月15日(金) 10:00〜11:30（Asia/Tokyo）」.
pub fn span_text(
    start: chrono::DateTime<chrono::Utc>,
    end: chrono::DateTime<chrono::Utc>,
    zone: Option<&str>,
    locale: Locale,
) -> String {
    let zone: chrono_tz::Tz = zone.and_then(|z| z.parse().ok()).unwrap_or(chrono_tz::UTC);
    let (from, to) = (start.with_timezone(&zone), end.with_timezone(&zone));
    let same_day = from.date_naive() == to.date_naive();
    match locale {
        Locale::En => {
            let until =
                if same_day { to.format("%H:%M").to_string() } else { to.format("%-d %B %Y, %H:%M").to_string() };
            format!("{}, {}–{until} ({})", from.format("%A %-d %B %Y"), from.format("%H:%M"), zone.name())
        }
        Locale::Ja => {
            const DAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
            let day = |d: &chrono::DateTime<chrono_tz::Tz>| {
                use chrono::Datelike;
                format!("{}({})", d.format("%Y年%-m月%-d日"), DAYS[d.weekday().num_days_from_monday() as usize])
            };
            let until =
                if same_day { to.format("%H:%M").to_string() } else { format!("{} {}", day(&to), to.format("%H:%M")) };
            format!("{} {}〜{until}（{}）", day(&from), from.format("%H:%M"), zone.name())
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CampaignReminderEmail {
    pub name: String,
    pub program: String,
    pub link: String,
    /// `YYYY-MM-DD`, or empty without a deadline.
    pub deadline: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApplicationConfirmEmail {
    pub name: String,
    pub program: String,
    pub link: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApplicationRefusedEmail {
    pub name: String,
    pub program: String,
    /// Why, in the email's language.
    pub reasons: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_reads_in_the_recipients_zone_and_language() {
        let start = "2027-01-15T01:00:00Z".parse().unwrap();
        let end = "2027-01-15T02:30:00Z".parse().unwrap();
        assert_eq!(
            span_text(start, end, Some("Asia/Tokyo"), Locale::En),
            "Friday 15 January 2027, 10:00–11:30 (Asia/Tokyo)"
        );
        assert_eq!(
            span_text(start, end, Some("Asia/Tokyo"), Locale::Ja),
            "2027年1月15日(金) 10:00〜11:30（Asia/Tokyo）"
        );
        // New York is still on the 14th, and an unknown zone reads as UTC.
        assert_eq!(
            span_text(start, end, Some("America/New_York"), Locale::En),
            "Thursday 14 January 2027, 20:00–21:30 (America/New_York)"
        );
        assert_eq!(span_text(start, end, Some("Mars/Base"), Locale::En), "Friday 15 January 2027, 01:00–02:30 (UTC)");
    }

    #[test]
    fn names_round_trip_and_categories_follow_the_template() {
        for &template in Template::ALL {
            assert_eq!(Template::from_name(template.name()), Some(template));
        }
        assert_eq!(Template::from_name("no_such_template"), None);
        assert_eq!(Template::CampaignReminder.name(), "campaign_reminder");
        assert_eq!(Template::Invitation.category(), EmailCategory::Transactional);
        assert_eq!(Template::CampaignMessage.category(), EmailCategory::Campaign);
    }

    #[test]
    fn an_email_carries_its_templates_category_and_variables() {
        let email = Email::CampaignReminder(CampaignReminderEmail {
            name: "Kenji".into(),
            program: "P".into(),
            link: "https://x/apply".into(),
            deadline: String::new(),
        });
        assert_eq!(email.template(), Template::CampaignReminder);
        assert_eq!(email.category(), EmailCategory::Campaign);
        assert_eq!(email.variables()["name"], "Kenji");
    }

    #[test]
    fn a_campaign_message_splits_its_body_into_paragraphs() {
        let message =
            CampaignMessageEmail::new("S", "Hello\n\n  Join us \n\n\n", "Hello", "P", "L", Some("2027-01-31"));
        assert_eq!(message.paragraphs, vec!["Hello", "Join us"]);
        assert_eq!(message.deadline, "2027-01-31");
        assert_eq!(CampaignMessageEmail::new("S", "B", "B", "P", "L", None).deadline, "");
    }

    #[test]
    fn a_message_that_says_the_link_or_deadline_itself_is_not_given_them_again() {
        let message = CampaignMessageEmail::new("S", "b", "Apply by {{deadline}}: {{ link | trim }}", "P", "L", None);
        assert!(message.body_has_link && message.body_has_deadline);
        let message = CampaignMessageEmail::new("S", "b", "{{ linkedin }} {{ name }}", "P", "L", None);
        assert!(!message.body_has_link && !message.body_has_deadline);
    }

    #[test]
    fn a_deadline_reads_in_the_recipients_zone_with_its_time() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-20T08:00:00Z").unwrap().to_utc();
        assert_eq!(deadline_text(at, Some("Asia/Tokyo"), Locale::En), "20 December 2026 at 17:00 (Asia/Tokyo)");
        assert_eq!(deadline_text(at, Some("Asia/Tokyo"), Locale::Ja), "2026年12月20日 17:00（Asia/Tokyo）");
        assert_eq!(deadline_text(at, None, Locale::En), "20 December 2026 at 08:00 (UTC)");
    }
}

/// What an admin decided on an application. `decision` is `accept`, `waitlist` or `decline`
/// (the templates word each); `message` is the admin's own note, or empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApplicationDecisionEmail {
    pub name: String,
    pub program: String,
    pub decision: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignupVerifyEmail {
    pub name: String,
    pub company: String,
    pub link: String,
    /// How long the link works, in hours.
    pub hours: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AccountExistsEmail {
    pub name: String,
    pub login_link: String,
    pub reset_link: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PasswordResetEmail {
    pub name: String,
    pub link: String,
    /// How long the link works, in minutes.
    pub minutes: u32,
}

/// A participant asked to sign in to the portal: a single-use link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParticipantSignInEmail {
    pub name: String,
    pub link: String,
    /// How long the link works, in minutes.
    pub minutes: u32,
}

/// A program's kickoff, as one participant reads it: times in their own zone and in the
/// event's. `calendar` is the iCalendar invitation (or cancellation) the email carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KickoffEmail {
    pub name: String,
    pub program: String,
    /// Start and end as the recipient reads them, in their time zone.
    pub when: String,
    /// The same in the event's own zone, or empty when it is the recipient's.
    pub when_there: String,
    pub place: String,
    pub video_link: String,
    pub agenda: String,
    /// Whether it changed since an earlier invitation.
    pub updated: bool,
    pub portal_link: String,
    pub calendar: String,
}

/// A session a member planned, sent to both members with a calendar invitation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SessionInvitationEmail {
    pub name: String,
    pub program: String,
    pub partner_name: String,
    pub when: String,
    pub minutes: u32,
    /// How it is held, in the email's language.
    pub format: String,
    pub portal_link: String,
    pub calendar: String,
}

/// A participant left their pair (and the program) from the portal; a member of the company's
/// team reads who, with whom, and why if they said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PairLeftEmail {
    /// The team member the email goes to.
    pub name: String,
    pub program: String,
    pub leaver: String,
    pub partner: String,
    /// In the leaver's words, or empty.
    pub reason: String,
    /// The pair's page in the console.
    pub link: String,
}

/// One answer of a check-in email: a score and the link that gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScoreLink {
    pub score: u8,
    pub url: String,
}

/// A member's check-in: one link per score (the portal page records it and asks the rest).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckInEmail {
    pub name: String,
    pub program: String,
    pub partner_name: String,
    /// The last day to answer, in the email's language.
    pub until: String,
    /// From 1 (not well) to 5 (very well).
    pub scores: Vec<ScoreLink>,
    /// The check-in page without a score.
    pub link: String,
}

/// A survey to answer (or a reminder of it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SurveyEmail {
    pub name: String,
    pub program: String,
    pub title: String,
    /// The last day to answer, in the email's language, or empty.
    pub closes: String,
    pub anonymous: bool,
    pub link: String,
}

/// A nudge to a participant. `rule` picks the words (see [`crate::nudges::NudgeRule`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NudgeEmail {
    pub name: String,
    pub program: String,
    pub rule: String,
    /// The partner, for the rules about a pair; else empty.
    pub partner_name: String,
    /// The rule's timing in days.
    pub days: u32,
    /// The day it is about (the kickoff, a survey's closing, the program's end), in the
    /// email's language; else empty.
    pub date: String,
    /// A survey's title, for `survey_due`; else empty.
    pub title: String,
    /// Straight to the thing to do.
    pub link: String,
}

/// A pair has had no session for `days` days: the program's team reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PairInactiveTeamEmail {
    pub name: String,
    pub program: String,
    pub mentor: String,
    pub mentee: String,
    pub days: u32,
    /// The pair's page in the console.
    pub link: String,
}
