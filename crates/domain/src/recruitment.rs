//! Recruitment: campaigns that invite people to a program, the application form, and what
//! admins decide about each application.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::eligibility::Refusal;
use crate::people::Person;
use crate::programs::{Eligibility, ParticipantRole, ProgramDesign, ProgramKind, ProgramState};
use crate::values::display_name;
use crate::{Locale, Reason};

text_enum!(
    /// Open: anyone eligible applies through the public link. Closed: only invitees, each with
    /// a personal link.
    CampaignKind { Open = "open", Closed = "closed" }
);

text_enum!(
    /// Draft (being prepared) → open (taking applications) → closed.
    CampaignState { Draft = "draft", Open = "open", Closed = "closed" }
);

text_enum!(
    /// An application's status. `unconfirmed` waits for the applicant's magic link.
    ApplicationStatus {
        Unconfirmed = "unconfirmed",
        Submitted = "submitted",
        Accepted = "accepted",
        Waitlisted = "waitlisted",
        Declined = "declined",
        Withdrawn = "withdrawn",
    }
);

text_enum!(
    /// What an admin decides.
    Decision { Accept = "accept", Waitlist = "waitlist", Decline = "decline" }
);

text_enum!(
    QuestionKind { Text = "text", SingleChoice = "single_choice", MultipleChoice = "multiple_choice" }
);

/// A campaign's promotion message in one language. The body may use the variables
/// `{{ name }}`, `{{ program }}`, `{{ link }}` and `{{ deadline }}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "subject": "Join our reverse mentoring program",
    "body": "Hello {{ name }},\n\nTeach a manager what you know in {{ program }}. Apply by {{ deadline }}: {{ link }}"
})))]
#[serde(deny_unknown_fields)]
pub struct CampaignMessage {
    pub subject: String,
    pub body: String,
}

/// A campaign's own question on the application form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "key": "q1", "label": "How would you like to meet?", "labels": {"ja": "どのように会いたいですか？"},
    "kind": "single_choice", "options": ["In person", "Online", "Either"], "required": true
})))]
#[serde(deny_unknown_fields)]
pub struct CustomQuestion {
    /// What the answers are filed under, unique in the campaign. Leave it out on a new
    /// question and one is given (`q1`, `q2`, …); send it back unchanged when editing, so
    /// the answers already given stay with their question.
    #[serde(default)]
    pub key: String,
    /// The label, shown to readers of a language `labels` does not have.
    pub label: String,
    /// The label in other languages, shown to readers of that language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<Locale, String>,
    pub kind: QuestionKind,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub required: bool,
}

/// What the campaign lifecycle needs to know of a campaign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CampaignFacts {
    pub state: CampaignState,
    pub kind: CampaignKind,
    /// Whether it has a promotion message in some language.
    pub has_messages: bool,
    pub deadline: Option<DateTime<Utc>>,
}

/// The moves of a campaign, from → to: it opens once, and closes (a draft may close unopened).
const CAMPAIGN_MOVES: [(CampaignState, CampaignState); 3] = {
    use CampaignState::*;
    [(Draft, Open), (Draft, Closed), (Open, Closed)]
};

impl CampaignState {
    /// The states a campaign in this one may move to, as the lifecycle allows (opening may
    /// still be refused: see [`check_campaign_transition`]).
    pub fn next_states(self) -> Vec<CampaignState> {
        CAMPAIGN_MOVES.iter().filter(|(from, _)| *from == self).map(|(_, to)| *to).collect()
    }
}

/// May `campaign` move to `to` at `now`, in a program in `program`? Opening needs a
/// recruiting program, a message to send when only invitees may apply, and a deadline still
/// ahead; closing is always possible.
pub fn check_campaign_transition(
    campaign: &CampaignFacts,
    to: CampaignState,
    program: ProgramState,
    now: DateTime<Utc>,
) -> Result<(), Reason> {
    let from = campaign.state;
    if !CAMPAIGN_MOVES.contains(&(from, to)) {
        return Err(Reason::CampaignCannotBecome { from, to });
    }
    if to == CampaignState::Open {
        if program != ProgramState::Recruiting {
            return Err(Reason::ProgramNotRecruiting);
        }
        if !campaign.has_messages && campaign.kind == CampaignKind::Closed {
            return Err(Reason::WriteMessageFirst);
        }
        if campaign.deadline.is_some_and(|d| d <= now) {
            return Err(Reason::DeadlinePassed);
        }
    }
    Ok(())
}

/// May a campaign in `state` of `kind` be set up again as a campaign of `new_kind`? Closed
/// campaigns no longer change; an open one keeps its kind (its links are out).
pub fn check_campaign_change(state: CampaignState, kind: CampaignKind, new_kind: CampaignKind) -> Result<(), Reason> {
    match state {
        CampaignState::Closed => Err(Reason::ClosedCampaignFixed),
        CampaignState::Open if new_kind != kind => Err(Reason::OpenCampaignKeepsKind),
        _ => Ok(()),
    }
}

/// May people be invited to a campaign of `kind` in `state`? Only closed campaigns (which
/// only invitees may apply to) have an invite list, and only until the campaign closes.
pub fn check_invitees(kind: CampaignKind, state: CampaignState) -> Result<(), Reason> {
    if kind == CampaignKind::Open {
        return Err(Reason::OpenCampaignHasNoList);
    }
    if state == CampaignState::Closed {
        return Err(Reason::CampaignClosed);
    }
    Ok(())
}

/// A campaign as an admin sets it up (its name, dates, messages and questions).
#[derive(Clone, Copy, Debug)]
pub struct CampaignSetup<'a> {
    pub name: &'a str,
    pub deadline: Option<DateTime<Utc>>,
    pub send_at: Option<DateTime<Utc>>,
    pub reminder_hours_before: Option<u32>,
    pub messages: &'a BTreeMap<Locale, CampaignMessage>,
    pub questions: &'a [CustomQuestion],
}

/// The longest campaign name, in characters.
pub const CAMPAIGN_NAME_MAX: usize = 200;
/// The longest label of a campaign's question, in characters.
pub const QUESTION_LABEL_MAX: usize = 500;

impl CampaignSetup<'_> {
    /// What is wrong with the set-up, as (field, reason) in the order of the form: the name,
    /// the questions, the messages, the dates. A message needs a subject and a body; whether
    /// its template renders is for the template engine to say, so `renders` is asked for each
    /// message that has both (with its language), and names the part at fault (`subject` or `body`).
    pub fn problems(
        &self,
        renders: impl Fn(Locale, &CampaignMessage) -> Result<(), (&'static str, Reason)>,
    ) -> Vec<(String, Reason)> {
        let mut problems = Vec::new();
        if let Err(reason) = display_name(self.name, CAMPAIGN_NAME_MAX) {
            problems.push(("name".to_owned(), reason));
        }
        for reason in question_problems(self.questions) {
            problems.push(("questions".to_owned(), reason));
        }
        for (locale, message) in self.messages {
            if message.subject.trim().is_empty() || message.body.trim().is_empty() {
                problems.push((format!("messages.{locale}"), Reason::MessageNeedsSubjectAndBody));
            } else if let Err((part, reason)) = renders(*locale, message) {
                problems.push((format!("messages.{locale}.{part}"), reason));
            } else if self.deadline.is_none() && crate::emails::uses_variable(&message.body, "deadline") {
                problems.push((format!("messages.{locale}.body"), Reason::DeadlineVariableWithoutDeadline));
            }
        }
        if let (Some(send), Some(deadline)) = (self.send_at, self.deadline)
            && send >= deadline
        {
            problems.push(("send_at".to_owned(), Reason::SendBeforeDeadline));
        }
        if self.reminder_hours_before.is_some() && self.deadline.is_none() {
            problems.push(("reminder_hours_before".to_owned(), Reason::ReminderNeedsDeadline));
        }
        problems
    }
}

/// The questions, each new one (without a key) given a key from `fresh` that no other
/// question has. Keys are never reused from the question's position, so answers given to a
/// question that was later removed never attach to a new one: `fresh` should give keys never
/// seen before (the API draws random ones).
pub fn with_keys(questions: &[CustomQuestion], mut fresh: impl FnMut() -> String) -> Vec<CustomQuestion> {
    let mut taken: std::collections::HashSet<String> = questions.iter().map(|q| q.key.clone()).collect();
    questions
        .iter()
        .map(|q| {
            let mut q = q.clone();
            if q.key.trim().is_empty() {
                q.key = std::iter::repeat_with(&mut fresh).find(|key| !taken.contains(key)).unwrap_or_default();
                taken.insert(q.key.clone());
            }
            q
        })
        .collect()
}

impl CustomQuestion {
    /// The label in `locale`, or the default one.
    pub fn label_in(&self, locale: Locale) -> &str {
        self.labels.get(&locale).map_or(&self.label, String::as_str)
    }
}

/// Problems with a campaign's questions, in words.
pub fn question_problems(questions: &[CustomQuestion]) -> Vec<Reason> {
    let mut problems = Vec::new();
    let mut keys = std::collections::HashSet::new();
    for q in questions {
        if q.key.is_empty() || q.key.len() > 40 || !q.key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            problems.push(Reason::QuestionKey { key: q.key.clone() });
        }
        if !keys.insert(q.key.as_str()) {
            problems.push(Reason::QuestionKeyTwice { key: q.key.clone() });
        }
        match display_name(&q.label, QUESTION_LABEL_MAX) {
            Ok(_) => {}
            Err(Reason::Empty) => problems.push(Reason::QuestionNeedsLabel { key: q.key.clone() }),
            Err(why) => problems.push(Reason::QuestionLabel { key: q.key.clone(), why: Box::new(why) }),
        }
        for label in q.labels.values() {
            if let Err(why) = display_name(label, QUESTION_LABEL_MAX) {
                problems.push(Reason::QuestionLabel { key: q.key.clone(), why: Box::new(why) });
            }
        }
        let choices = q.kind != QuestionKind::Text;
        if choices && q.options.len() < 2 {
            problems.push(Reason::QuestionNeedsOptions { key: q.key.clone() });
        }
        if !choices && !q.options.is_empty() {
            problems.push(Reason::QuestionTakesNoOptions { key: q.key.clone() });
        }
    }
    problems
}

/// Checks answers against the questions: required ones answered, choices among the options,
/// no answers to questions that do not exist. Returns (question key, problem).
pub fn answer_problems(questions: &[CustomQuestion], answers: &BTreeMap<String, Value>) -> Vec<(String, Reason)> {
    let mut problems = Vec::new();
    for key in answers.keys() {
        if !questions.iter().any(|q| &q.key == key) {
            problems.push((key.clone(), Reason::NotAQuestion));
        }
    }
    for q in questions {
        let answer = answers.get(&q.key).filter(|v| !v.is_null());
        let Some(answer) = answer else {
            if q.required {
                problems.push((q.key.clone(), Reason::Required));
            }
            continue;
        };
        // An empty required answer is missing, not too long: each refusal names its own cause.
        let blank = match q.kind {
            QuestionKind::Text | QuestionKind::SingleChoice => answer.as_str().is_some_and(|s| s.trim().is_empty()),
            QuestionKind::MultipleChoice => answer.as_array().is_some_and(Vec::is_empty),
        };
        if blank {
            if q.required {
                problems.push((q.key.clone(), Reason::Required));
            }
            continue;
        }
        let ok = match q.kind {
            QuestionKind::Text => answer.as_str().is_some_and(|s| s.chars().count() <= 2000),
            QuestionKind::SingleChoice => answer.as_str().is_some_and(|s| q.options.iter().any(|o| o == s)),
            QuestionKind::MultipleChoice => answer.as_array().is_some_and(|items| {
                (!q.required || !items.is_empty())
                    && items.iter().all(|i| i.as_str().is_some_and(|s| q.options.iter().any(|o| o == s)))
            }),
        };
        if !ok {
            let reason = match q.kind {
                QuestionKind::Text => Reason::AnswerText { max: 2000 },
                QuestionKind::SingleChoice => Reason::AnswerOneOption,
                QuestionKind::MultipleChoice => Reason::AnswerOptions,
            };
            problems.push((q.key.clone(), reason));
        }
    }
    problems
}

/// Why `person` may not apply for `role` in this program; empty when they may. A person
/// qualifies through any rule for the role (or for either role). Mutual programs only take
/// `either`.
pub fn eligibility_refusals(design: &ProgramDesign, person: &Person, role: ParticipantRole) -> Vec<Refusal> {
    refusals_under(design.kind, &design.eligibility, person, role)
}

/// Why `person` may not take `role` under the rules `eligibility` of a program of `kind`
/// (a design still being written, as the wizard asks); empty when they may.
pub fn refusals_under(
    kind: ProgramKind,
    eligibility: &[Eligibility],
    person: &Person,
    role: ParticipantRole,
) -> Vec<Refusal> {
    if kind == ProgramKind::Mutual && role != ParticipantRole::Either {
        return vec![Refusal::MutualTakesEither];
    }
    let rules: Vec<_> = eligibility
        .iter()
        .filter(|r| match role {
            ParticipantRole::Either => true,
            wanted => r.role == Some(wanted) || r.role == Some(ParticipantRole::Either) || r.role.is_none(),
        })
        .collect();
    if rules.is_empty() {
        return vec![Refusal::NoRuleForRole(role)];
    }
    let mut reasons: Vec<Refusal> = Vec::new();
    for rule in rules {
        let refusals = rule.refusals(person);
        if refusals.is_empty() {
            return Vec::new();
        }
        for r in refusals {
            if !reasons.contains(&r) {
                reasons.push(r);
            }
        }
    }
    reasons
}

/// The status an admin's decision leads to, or why it cannot be taken now.
pub fn decide(status: ApplicationStatus, decision: Decision) -> Result<ApplicationStatus, Reason> {
    use ApplicationStatus::*;
    match (status, decision) {
        (Submitted | Waitlisted | Declined, Decision::Accept) => Ok(Accepted),
        (Submitted | Accepted, Decision::Waitlist) => Ok(Waitlisted),
        (Submitted | Waitlisted | Accepted, Decision::Decline) => Ok(Declined),
        (Unconfirmed, _) => Err(Reason::NotConfirmedYet),
        (Withdrawn, _) => Err(Reason::ApplicantWithdrew),
        (from, decision) => Err(Reason::DecisionNotPossible { from, decision }),
    }
}

/// The recruitment funnel of a campaign (or a program: the sum of its campaigns).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "invited": 120, "emailed": 118, "opened": 74, "applied": 31, "accepted": 20, "matched": 0
})))]
pub struct Funnel {
    /// Invitees of a closed campaign; for an open one, the people its message was addressed to.
    pub invited: u64,
    /// Campaign messages sent (not those waiting for quiet hours to end, suppressed or failed).
    pub emailed: u64,
    /// Links followed (counted on the server when the page is opened; no tracking pixels).
    pub opened: u64,
    pub applied: u64,
    pub accepted: u64,
    /// Accepted applicants in a published pair (matching comes later: 0 until then).
    pub matched: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{PersonDraft, PersonField, read_person};

    fn person(level: &str, department: &str) -> Person {
        let mut draft = PersonDraft::default();
        for (field, value) in [
            (PersonField::ExternalId, "E1"),
            (PersonField::Name, "Ann"),
            (PersonField::Email, "a@b.example"),
            (PersonField::JobLevel, level),
            (PersonField::Department, department),
        ] {
            draft.set(field, value);
        }
        read_person(&draft, false).unwrap()
    }

    fn reverse() -> ProgramDesign {
        let mut design = crate::program_templates::design(
            "reverse_digital_skills",
            crate::Locale::En,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        )
        .unwrap();
        design.eligibility = vec![
            Eligibility { role: Some(ParticipantRole::Mentor), level_max: Some(4), ..Default::default() },
            Eligibility {
                role: Some(ParticipantRole::Mentee),
                level_min: Some(8),
                departments: vec!["Sales".into()],
                ..Default::default()
            },
        ];
        design
    }

    #[test]
    fn eligibility_is_checked_for_the_role_wanted() {
        let junior = person("2", "Marketing");
        assert!(eligibility_refusals(&reverse(), &junior, ParticipantRole::Mentor).is_empty());
        assert_eq!(
            eligibility_refusals(&reverse(), &junior, ParticipantRole::Mentee),
            [Refusal::LevelAtLeast(8), Refusal::Departments(vec!["Sales".into()])]
        );
        assert!(eligibility_refusals(&reverse(), &junior, ParticipantRole::Either).is_empty(), "either: any role fits");
        let middle = person("6", "Sales");
        assert_eq!(
            eligibility_refusals(&reverse(), &middle, ParticipantRole::Either),
            [Refusal::LevelAtMost(4), Refusal::LevelAtLeast(8)]
        );
    }

    #[test]
    fn new_questions_are_given_keys_no_other_question_has() {
        let question = |key: &str| CustomQuestion {
            key: key.into(),
            label: "Q".into(),
            labels: BTreeMap::new(),
            kind: QuestionKind::Text,
            options: vec![],
            required: false,
        };
        let mut drawn = 0;
        let fresh = || {
            drawn += 1;
            format!("q{drawn}")
        };
        let keyed = with_keys(&[question(""), question("q1"), question(" "), question("motivation")], fresh);
        let keys: Vec<&str> = keyed.iter().map(|q| q.key.as_str()).collect();
        assert_eq!(keys, ["q2", "q1", "q3", "motivation"]);
        assert!(question_problems(&keyed).is_empty());
    }

    #[test]
    fn a_label_reads_in_the_readers_language_when_written_in_it() {
        let question = CustomQuestion {
            key: "q1".into(),
            label: "Why?".into(),
            labels: [(Locale::Ja, "なぜ？".to_owned())].into(),
            kind: QuestionKind::Text,
            options: vec![],
            required: false,
        };
        assert_eq!(question.label_in(Locale::Ja), "なぜ？");
        assert_eq!(question.label_in(Locale::En), "Why?");
        let blank = CustomQuestion { labels: [(Locale::Ja, " ".to_owned())].into(), ..question };
        assert_eq!(question_problems(&[blank]).len(), 1);
    }

    #[test]
    fn answers_follow_the_questions() {
        let questions = vec![
            CustomQuestion {
                key: "why".into(),
                label: "Why?".into(),
                labels: BTreeMap::new(),
                kind: QuestionKind::Text,
                options: vec![],
                required: true,
            },
            CustomQuestion {
                key: "slot".into(),
                label: "When?".into(),
                labels: BTreeMap::new(),
                kind: QuestionKind::SingleChoice,
                options: vec!["am".into(), "pm".into()],
                required: false,
            },
            CustomQuestion {
                key: "topics".into(),
                label: "Topics".into(),
                labels: BTreeMap::new(),
                kind: QuestionKind::MultipleChoice,
                options: vec!["AI".into(), "SNS".into()],
                required: true,
            },
        ];
        assert!(question_problems(&questions).is_empty());
        let good: BTreeMap<String, Value> =
            [("why".into(), "To learn".into()), ("topics".into(), serde_json::json!(["AI"]))].into();
        assert!(answer_problems(&questions, &good).is_empty());
        let bad: BTreeMap<String, Value> = [
            ("slot".into(), "night".into()),
            ("extra".into(), "x".into()),
            ("topics".into(), serde_json::json!(["Golf"])),
        ]
        .into();
        let keys: Vec<String> = answer_problems(&questions, &bad).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["extra", "why", "slot", "topics"]);
        let blank: BTreeMap<String, Value> =
            [("why".into(), "  ".into()), ("slot".into(), "".into()), ("topics".into(), serde_json::json!([]))].into();
        let reasons: Vec<(String, Reason)> = answer_problems(&questions, &blank);
        assert_eq!(
            reasons,
            [("why".to_owned(), Reason::Required), ("topics".to_owned(), Reason::Required)],
            "a blank required answer is missing, not too long; a blank optional one is no answer"
        );
    }

    fn at(hour: u32) -> DateTime<Utc> {
        use chrono::TimeZone;
        Utc.with_ymd_and_hms(2027, 2, 1, hour, 0, 0).unwrap()
    }

    fn draft(kind: CampaignKind) -> CampaignFacts {
        CampaignFacts { state: CampaignState::Draft, kind, has_messages: true, deadline: Some(at(12)) }
    }

    #[test]
    fn a_campaign_opens_once_and_closes() {
        use CampaignState::*;
        assert_eq!(Draft.next_states(), [Open, Closed]);
        assert_eq!(Open.next_states(), [Closed]);
        assert!(Closed.next_states().is_empty());
        let recruiting = ProgramState::Recruiting;
        for &from in CampaignState::ALL {
            for &to in CampaignState::ALL {
                let campaign = CampaignFacts { state: from, ..draft(CampaignKind::Open) };
                let refused_as_a_move = check_campaign_transition(&campaign, to, recruiting, at(9))
                    == Err(Reason::CampaignCannotBecome { from, to });
                assert_eq!(from.next_states().contains(&to), !refused_as_a_move, "{from} → {to}");
            }
        }
        assert_eq!(check_campaign_transition(&draft(CampaignKind::Closed), Open, recruiting, at(9)), Ok(()));
        let open = CampaignFacts { state: Open, ..draft(CampaignKind::Open) };
        assert_eq!(check_campaign_transition(&open, Closed, ProgramState::Draft, at(13)), Ok(()), "closing is free");
    }

    #[test]
    fn opening_needs_a_recruiting_program_a_message_for_invitees_and_time_left() {
        let open = CampaignState::Open;
        for program in [ProgramState::Draft, ProgramState::Matching, ProgramState::Archived] {
            assert_eq!(
                check_campaign_transition(&draft(CampaignKind::Open), open, program, at(9)),
                Err(Reason::ProgramNotRecruiting)
            );
        }
        let silent = |kind| CampaignFacts { has_messages: false, ..draft(kind) };
        let recruiting = ProgramState::Recruiting;
        assert_eq!(
            check_campaign_transition(&silent(CampaignKind::Closed), open, recruiting, at(9)),
            Err(Reason::WriteMessageFirst)
        );
        assert_eq!(
            check_campaign_transition(&silent(CampaignKind::Open), open, recruiting, at(9)),
            Ok(()),
            "an open campaign's link is shared by hand"
        );
        let late = check_campaign_transition(&draft(CampaignKind::Open), open, recruiting, at(12));
        assert_eq!(late, Err(Reason::DeadlinePassed), "a deadline at this very moment has passed");
        let undated = CampaignFacts { deadline: None, ..draft(CampaignKind::Open) };
        assert_eq!(check_campaign_transition(&undated, open, recruiting, at(23)), Ok(()));
    }

    #[test]
    fn closed_campaigns_stay_as_they_are_and_open_ones_keep_their_kind() {
        use CampaignKind::{Closed, Open};
        assert_eq!(check_campaign_change(CampaignState::Draft, Open, Closed), Ok(()));
        assert_eq!(check_campaign_change(CampaignState::Open, Open, Open), Ok(()));
        assert_eq!(check_campaign_change(CampaignState::Open, Open, Closed), Err(Reason::OpenCampaignKeepsKind));
        assert_eq!(check_campaign_change(CampaignState::Closed, Open, Open), Err(Reason::ClosedCampaignFixed));
    }

    #[test]
    fn only_closed_kind_campaigns_take_invitees_until_they_close() {
        assert_eq!(check_invitees(CampaignKind::Closed, CampaignState::Draft), Ok(()));
        assert_eq!(check_invitees(CampaignKind::Closed, CampaignState::Open), Ok(()));
        assert_eq!(check_invitees(CampaignKind::Closed, CampaignState::Closed), Err(Reason::CampaignClosed));
        assert_eq!(check_invitees(CampaignKind::Open, CampaignState::Draft), Err(Reason::OpenCampaignHasNoList));
        assert_eq!(check_invitees(CampaignKind::Open, CampaignState::Closed), Err(Reason::OpenCampaignHasNoList));
    }

    #[test]
    fn a_setup_is_checked_field_by_field_in_the_order_of_the_form() {
        let message = |subject: &str, body: &str| CampaignMessage { subject: subject.into(), body: body.into() };
        let messages: BTreeMap<Locale, CampaignMessage> =
            [(Locale::En, message("Hi", "{{ nmae }}")), (Locale::Ja, message("", "本文"))].into();
        let questions = vec![CustomQuestion {
            key: "a b".into(),
            label: "Q".into(),
            labels: BTreeMap::new(),
            kind: QuestionKind::Text,
            options: vec![],
            required: false,
        }];
        let setup = CampaignSetup {
            name: " ",
            deadline: Some(at(9)),
            send_at: Some(at(9)),
            reminder_hours_before: None,
            messages: &messages,
            questions: &questions,
        };
        let renders = |_: Locale, m: &CampaignMessage| {
            if m.body.contains("nmae") {
                Err(("body", Reason::TemplateError { detail: "no nmae".into() }))
            } else {
                Ok(())
            }
        };
        let fields: Vec<String> = setup.problems(renders).into_iter().map(|(field, _)| field).collect();
        assert_eq!(fields, ["name", "questions", "messages.en.body", "messages.ja", "send_at"]);
        let undated = CampaignSetup { deadline: None, send_at: None, reminder_hours_before: Some(24), ..setup };
        let problems = undated.problems(|_, _| Ok(()));
        assert_eq!(problems.last(), Some(&("reminder_hours_before".to_owned(), Reason::ReminderNeedsDeadline)));
        let long = "x".repeat(CAMPAIGN_NAME_MAX + 1);
        let none = BTreeMap::new();
        let named = |name| CampaignSetup { name, messages: &none, questions: &[], ..undated };
        assert_eq!(named(&long).problems(|_, _| Ok(()))[0].0, "name");
        assert_eq!(named("Spring intake").problems(|_, _| Ok(())).len(), 1, "only the reminder is left");
    }

    #[test]
    fn decisions_follow_the_status() {
        assert_eq!(decide(ApplicationStatus::Submitted, Decision::Accept), Ok(ApplicationStatus::Accepted));
        assert_eq!(decide(ApplicationStatus::Waitlisted, Decision::Accept), Ok(ApplicationStatus::Accepted));
        assert_eq!(decide(ApplicationStatus::Unconfirmed, Decision::Accept), Err(Reason::NotConfirmedYet));
        assert!(decide(ApplicationStatus::Withdrawn, Decision::Decline).is_err());
    }
}
