//! A survey's results, and the rule that keeps anonymous answers anonymous: nothing is shown
//! of a group of fewer than [`MIN_GROUP`] respondents.
//!
//! Results are shown for everyone together and, when every role has at least [`MIN_GROUP`]
//! respondents, for each role too. A question is shown for a group only when at least
//! [`MIN_GROUP`] of it answered; and for the roles only when every role reaches that, so that
//! nobody can subtract one role's figures from everyone's and read a smaller group's answers.
//! Free-text answers come sorted, never in the order they were given.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::NpsBand;
use super::survey::{SurveyQuestion, SurveyQuestionKind};
use crate::programs::ParticipantRole;

/// The smallest group whose anonymous answers are shown.
pub const MIN_GROUP: usize = 5;

text_enum!(
    /// Whose answers a set of results is made of.
    ResponseGroup { Everyone = "everyone", Mentors = "mentors", Mentees = "mentees" }
);

impl ResponseGroup {
    fn of(role: ParticipantRole) -> Option<Self> {
        match role {
            ParticipantRole::Mentor => Some(ResponseGroup::Mentors),
            ParticipantRole::Mentee => Some(ResponseGroup::Mentees),
            ParticipantRole::Either => None,
        }
    }
}

/// One response as results need it: the role it was given in (a mutual program's members
/// answer as `either`) and the answers, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyResponse {
    pub role: ParticipantRole,
    pub answers: BTreeMap<String, Value>,
}

/// How often one value was given.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"value": "4", "count": 7})))]
pub struct AnswerCount {
    /// The scale point, NPS score or option.
    pub value: String,
    pub count: u32,
}

/// One question's results in one group.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "key": "going", "kind": "scale", "answered": 7, "hidden": false, "mean": 4.1, "nps": null, "agree": 71.4,
    "counts": [{"value": "1", "count": 0}, {"value": "2", "count": 1}, {"value": "3", "count": 1}, {"value": "4", "count": 3}, {"value": "5", "count": 2}],
    "texts": []
})))]
pub struct QuestionResults {
    pub key: String,
    pub kind: SurveyQuestionKind,
    /// How many answered it; `null` when that is below the group size shown.
    pub answered: Option<u32>,
    /// Too few answers to show anything.
    pub hidden: bool,
    /// Scale and NPS questions: the mean answer.
    pub mean: Option<f64>,
    /// NPS questions: promoters' share minus detractors', in percent (−100 to 100).
    pub nps: Option<f64>,
    /// Scale: the share answering 4 or 5, in percent.
    pub agree: Option<f64>,
    /// Every possible value with how often it was given (scale 1–5, NPS 0–10, each option).
    pub counts: Vec<AnswerCount>,
    /// Text questions: the answers, sorted.
    pub texts: Vec<String>,
}

/// A group's results.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"group": "everyone", "respondents": 7, "questions": []})))]
pub struct GroupResults {
    pub group: ResponseGroup,
    pub respondents: u32,
    pub questions: Vec<QuestionResults>,
}

/// A survey's results, as the console, the API and exports show them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"respondents": 7, "anonymous": true, "min_group": 5, "groups": [{"group": "everyone", "respondents": 7, "questions": []}]})))]
pub struct SurveyResults {
    /// How many responded; `null` when fewer than `min_group` responded to an anonymous survey.
    pub respondents: Option<u32>,
    /// Whether the answers are anonymous (then groups below `min_group` are not shown).
    pub anonymous: bool,
    pub min_group: u32,
    /// Everyone first, then each role when every role is large enough; empty while too few
    /// responded.
    pub groups: Vec<GroupResults>,
}

/// The Net Promoter Score of answers 0–10: promoters' share minus detractors', in percent.
pub fn nps(answers: &[u8]) -> Option<f64> {
    if answers.is_empty() {
        return None;
    }
    let (mut promoters, mut detractors) = (0i64, 0i64);
    for answer in answers {
        match NpsBand::of(*answer) {
            NpsBand::Promoter => promoters += 1,
            NpsBand::Detractor => detractors += 1,
            NpsBand::Passive => {}
        }
    }
    Some(round1((promoters - detractors) as f64 * 100.0 / answers.len() as f64))
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn answered<'a>(question: &SurveyQuestion, responses: &[&'a SurveyResponse]) -> Vec<&'a Value> {
    responses.iter().filter_map(|r| r.answers.get(&question.key)).collect()
}

fn question_results(question: &SurveyQuestion, responses: &[&SurveyResponse], show: bool) -> QuestionResults {
    let answers = answered(question, responses);
    let mut results = QuestionResults {
        key: question.key.clone(),
        kind: question.kind,
        answered: show.then_some(answers.len() as u32),
        hidden: !show,
        mean: None,
        nps: None,
        agree: None,
        counts: Vec::new(),
        texts: Vec::new(),
    };
    if !show {
        return results;
    }
    let count = |value: &str, matches: &dyn Fn(&Value) -> bool| AnswerCount {
        value: value.to_owned(),
        count: answers.iter().filter(|a| matches(a)).count() as u32,
    };
    let numbers: Vec<u8> = answers.iter().filter_map(|a| a.as_u64()).filter_map(|n| u8::try_from(n).ok()).collect();
    let mean = (!numbers.is_empty())
        .then(|| round1(numbers.iter().map(|n| f64::from(*n)).sum::<f64>() / numbers.len() as f64));
    match question.kind {
        SurveyQuestionKind::Scale => {
            results.mean = mean;
            results.agree = (!numbers.is_empty())
                .then(|| round1(numbers.iter().filter(|n| **n >= 4).count() as f64 * 100.0 / numbers.len() as f64));
            results.counts = (1..=5u64).map(|v| count(&v.to_string(), &|a| a.as_u64() == Some(v))).collect();
        }
        SurveyQuestionKind::Nps => {
            results.mean = mean;
            results.nps = nps(&numbers);
            results.counts = (0..=10u64).map(|v| count(&v.to_string(), &|a| a.as_u64() == Some(v))).collect();
        }
        SurveyQuestionKind::SingleChoice => {
            results.counts = question.options.iter().map(|o| count(o, &|a| a.as_str() == Some(o))).collect();
        }
        SurveyQuestionKind::MultipleChoice => {
            results.counts = question
                .options
                .iter()
                .map(|o| count(o, &|a| a.as_array().is_some_and(|items| items.iter().any(|i| i.as_str() == Some(o)))))
                .collect();
        }
        SurveyQuestionKind::Text => {
            let mut texts: Vec<String> = answers.iter().filter_map(|a| a.as_str()).map(str::to_owned).collect();
            texts.sort();
            results.texts = texts;
        }
    }
    results
}

/// The results of `responses` to `questions`. With `anonymous`, only groups (and questions
/// within them) of at least [`MIN_GROUP`] are shown, by the rules in this module's header;
/// otherwise every group is shown whatever its size.
pub fn summarise(questions: &[SurveyQuestion], responses: &[SurveyResponse], anonymous: bool) -> SurveyResults {
    let enough = |n: usize| !anonymous || n >= MIN_GROUP;
    let everyone: Vec<&SurveyResponse> = responses.iter().collect();
    let mut results = SurveyResults {
        respondents: enough(everyone.len()).then_some(everyone.len() as u32),
        anonymous,
        min_group: MIN_GROUP as u32,
        groups: Vec::new(),
    };
    if everyone.is_empty() || !enough(everyone.len()) {
        return results;
    }
    results.groups.push(GroupResults {
        group: ResponseGroup::Everyone,
        respondents: everyone.len() as u32,
        questions: questions
            .iter()
            .map(|q| question_results(q, &everyone, enough(answered(q, &everyone).len())))
            .collect(),
    });
    // Roles are shown only when every response has a role and there are two of them.
    let mut by_role: BTreeMap<ResponseGroup, Vec<&SurveyResponse>> = BTreeMap::new();
    for response in responses {
        match ResponseGroup::of(response.role) {
            Some(group) => by_role.entry(group).or_default().push(response),
            None => return results,
        }
    }
    if by_role.len() < 2 || by_role.values().any(|group| !enough(group.len())) {
        return results;
    }
    for (group, members) in &by_role {
        results.groups.push(GroupResults {
            group: *group,
            respondents: members.len() as u32,
            questions: questions
                .iter()
                .map(|q| {
                    let show = by_role.values().all(|members| enough(answered(q, members).len()));
                    question_results(q, members, show)
                })
                .collect(),
        });
    }
    results
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::feedback::SurveyKind;
    use crate::feedback::survey::template;

    fn response(role: ParticipantRole, answers: Value) -> SurveyResponse {
        SurveyResponse { role, answers: serde_json::from_value(answers).unwrap() }
    }

    #[test]
    fn nps_is_promoters_minus_detractors() {
        assert_eq!(nps(&[]), None);
        assert_eq!(nps(&[10, 9, 8, 7, 0]), Some(20.0));
        assert_eq!(nps(&[10; 4]), Some(100.0));
        assert_eq!(nps(&[3, 6]), Some(-100.0));
        assert_eq!(nps(&[9, 6, 8]), Some(0.0));
    }

    #[test]
    fn four_anonymous_answers_show_nothing_and_five_show_everyone() {
        let questions = template(SurveyKind::EndOfProgram, ParticipantRole::Mentee);
        let answer = |n: u64| {
            response(
                ParticipantRole::Mentee,
                json!({"recommend": n, "learned": 4, "changed": 5, "continue": "Yes", "takeaway": format!("t{n}")}),
            )
        };
        let four: Vec<_> = (0..4).map(answer).collect();
        let results = summarise(&questions, &four, true);
        assert_eq!(results.respondents, None);
        assert!(results.groups.is_empty());
        // Not anonymous: shown whatever the size.
        assert_eq!(summarise(&questions, &four, false).groups.len(), 1);

        let five: Vec<_> = (6..11).map(answer).collect();
        let results = summarise(&questions, &five, true);
        assert_eq!(results.respondents, Some(5));
        let everyone = &results.groups[0];
        assert_eq!(everyone.group, ResponseGroup::Everyone);
        let recommend = &everyone.questions[0];
        // 6 detractor, 7 and 8 passive, 9 and 10 promoters: (2 - 1) / 5.
        assert_eq!(recommend.nps, Some(20.0));
        assert_eq!(recommend.mean, Some(8.0));
        assert_eq!(recommend.counts.len(), 11);
        let takeaway = everyone.questions.iter().find(|q| q.key == "takeaway").unwrap();
        assert_eq!(takeaway.texts, vec!["t10", "t6", "t7", "t8", "t9"]);
    }

    #[test]
    fn roles_are_shown_only_when_each_is_large_enough() {
        let questions = template(SurveyKind::Custom, ParticipantRole::Mentee);
        let of = |role, n| (0..n).map(|_| response(role, json!({"going": 4}))).collect::<Vec<_>>();
        let mut responses = of(ParticipantRole::Mentor, 5);
        responses.extend(of(ParticipantRole::Mentee, 4));
        let results = summarise(&questions, &responses, true);
        assert_eq!(results.groups.iter().map(|g| g.group).collect::<Vec<_>>(), vec![ResponseGroup::Everyone]);
        responses.extend(of(ParticipantRole::Mentee, 1));
        let results = summarise(&questions, &responses, true);
        assert_eq!(
            results.groups.iter().map(|g| g.group).collect::<Vec<_>>(),
            vec![ResponseGroup::Everyone, ResponseGroup::Mentors, ResponseGroup::Mentees]
        );
    }

    #[test]
    fn an_optional_question_few_answered_is_hidden() {
        let questions = template(SurveyKind::Custom, ParticipantRole::Mentee);
        let mut responses: Vec<_> = (0..6).map(|_| response(ParticipantRole::Mentee, json!({"going": 3}))).collect();
        responses[0].answers.insert("comment".into(), json!("only me"));
        let results = summarise(&questions, &responses, true);
        let comment = results.groups[0].questions.iter().find(|q| q.key == "comment").unwrap();
        assert!(comment.hidden && comment.texts.is_empty() && comment.answered.is_none());
    }

    fn role() -> impl Strategy<Value = ParticipantRole> {
        prop_oneof![Just(ParticipantRole::Mentor), Just(ParticipantRole::Mentee)]
    }

    proptest! {
        /// Whatever was answered, an anonymous survey never shows a group or a question fewer
        /// than five answered, and nothing shown per role can be subtracted from everyone's
        /// figures to reveal a smaller group: a question shown per role is shown for every
        /// role, and the roles' counts add up to everyone's.
        #[test]
        fn anonymous_results_never_show_a_small_group(
            answers in prop::collection::vec((role(), prop::option::of(1u64..=5), prop::option::of("[a-c]{1,3}")), 0..30)
        ) {
            let questions = template(SurveyKind::Custom, ParticipantRole::Mentee);
            let responses: Vec<_> = answers.iter().map(|(role, going, comment)| {
                let mut map = BTreeMap::new();
                if let Some(going) = going { map.insert("going".to_owned(), json!(going)); }
                if let Some(comment) = comment { map.insert("comment".to_owned(), json!(comment)); }
                SurveyResponse { role: *role, answers: map }
            }).collect();
            let results = summarise(&questions, &responses, true);
            prop_assert_eq!(results.respondents.is_some(), responses.len() >= MIN_GROUP);
            for group in &results.groups {
                prop_assert!(group.respondents as usize >= MIN_GROUP);
                for q in &group.questions {
                    if q.hidden {
                        prop_assert!(q.answered.is_none() && q.counts.is_empty() && q.texts.is_empty() && q.mean.is_none());
                    } else {
                        prop_assert!(q.answered.unwrap() as usize >= MIN_GROUP);
                        let counted: u32 = q.counts.iter().map(|c| c.count).sum();
                        prop_assert!(q.kind == SurveyQuestionKind::Text || counted == q.answered.unwrap());
                    }
                }
            }
            let roles: Vec<_> = results.groups.iter().filter(|g| g.group != ResponseGroup::Everyone).collect();
            if !roles.is_empty() {
                prop_assert_eq!(roles.iter().map(|g| g.respondents).sum::<u32>(), results.respondents.unwrap());
                for (i, question) in questions.iter().enumerate() {
                    let shown: Vec<bool> = roles.iter().map(|g| !g.questions[i].hidden).collect();
                    prop_assert!(shown.iter().all(|s| *s) || shown.iter().all(|s| !*s), "{}", question.key);
                    if shown[0] {
                        let sum: u32 = roles.iter().map(|g| g.questions[i].answered.unwrap()).sum();
                        prop_assert_eq!(Some(sum), results.groups[0].questions[i].answered);
                    }
                }
            }
        }
    }
}
