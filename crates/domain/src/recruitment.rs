//! Recruitment: campaigns that invite people to a program, the application form, and what
//! admins decide about each application.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Reason;
use crate::eligibility::Refusal;
use crate::people::Person;
use crate::programs::{ParticipantRole, ProgramDesign, ProgramKind};

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
    "key": "meeting_style", "label": "How would you like to meet?", "kind": "single_choice",
    "options": ["In person", "Online", "Either"], "required": true
})))]
#[serde(deny_unknown_fields)]
pub struct CustomQuestion {
    /// A short key, unique in the campaign, e.g. "motivation".
    pub key: String,
    pub label: String,
    pub kind: QuestionKind,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub required: bool,
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
        if q.label.trim().is_empty() {
            problems.push(Reason::QuestionNeedsLabel { key: q.key.clone() });
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
        let ok = match q.kind {
            QuestionKind::Text => {
                answer.as_str().is_some_and(|s| s.chars().count() <= 2000 && (!q.required || !s.trim().is_empty()))
            }
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
    if design.kind == ProgramKind::Mutual && role != ParticipantRole::Either {
        return vec![Refusal::MutualTakesEither];
    }
    let rules: Vec<_> = design
        .eligibility
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
    use crate::programs::Eligibility;

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
    fn answers_follow_the_questions() {
        let questions = vec![
            CustomQuestion {
                key: "why".into(),
                label: "Why?".into(),
                kind: QuestionKind::Text,
                options: vec![],
                required: true,
            },
            CustomQuestion {
                key: "slot".into(),
                label: "When?".into(),
                kind: QuestionKind::SingleChoice,
                options: vec!["am".into(), "pm".into()],
                required: false,
            },
            CustomQuestion {
                key: "topics".into(),
                label: "Topics".into(),
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
    }

    #[test]
    fn decisions_follow_the_status() {
        assert_eq!(decide(ApplicationStatus::Submitted, Decision::Accept), Ok(ApplicationStatus::Accepted));
        assert_eq!(decide(ApplicationStatus::Waitlisted, Decision::Accept), Ok(ApplicationStatus::Accepted));
        assert_eq!(decide(ApplicationStatus::Unconfirmed, Decision::Accept), Err(Reason::NotConfirmedYet));
        assert!(decide(ApplicationStatus::Withdrawn, Decision::Decline).is_err());
    }
}
