//! A survey's questions, the built-in templates (English and Japanese side by side, per survey
//! kind and role) and the checks on questions and answers.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ANSWER_MAX_CHARS, SurveyKind};
use crate::programs::ParticipantRole;
use crate::{Locale, Reason, display_name};

/// The longest question label or option, in characters.
pub const LABEL_MAX_CHARS: usize = 300;
/// The most questions one survey may ask.
pub const QUESTIONS_MAX: usize = 40;
/// The most options of a choice question.
pub const OPTIONS_MAX: usize = 20;

text_enum!(
    /// What a question asks for: a scale of 1 (disagree) to 5 (agree), the Net Promoter
    /// question (0–10), one or several of the options, or words.
    SurveyQuestionKind {
        Scale = "scale",
        Nps = "nps",
        SingleChoice = "single_choice",
        MultipleChoice = "multiple_choice",
        Text = "text",
    }
);

/// One question of a survey.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "key": "meetings", "label": "How often do you meet?", "labels": {"ja": "どのくらいの頻度で会っていますか？"},
    "kind": "single_choice", "options": ["More than planned", "As planned", "Less than planned"],
    "option_labels": {"ja": ["予定より多い", "予定どおり", "予定より少ない"]}, "required": true
})))]
#[serde(deny_unknown_fields)]
pub struct SurveyQuestion {
    /// What the answers are filed under, unique in the survey: 1 to 40 letters, digits or `_`.
    pub key: String,
    /// The label, shown to readers of a language `labels` does not have.
    pub label: String,
    /// The label in other languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<Locale, String>,
    pub kind: SurveyQuestionKind,
    /// Choice questions only: the options, as answers are filed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// The options in other languages, in the same order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub option_labels: BTreeMap<Locale, Vec<String>>,
    #[serde(default)]
    pub required: bool,
}

impl SurveyQuestion {
    pub fn label_in(&self, locale: Locale) -> &str {
        self.labels.get(&locale).map_or(&self.label, String::as_str)
    }

    /// The options as a reader of `locale` sees them.
    pub fn options_in(&self, locale: Locale) -> &[String] {
        self.option_labels.get(&locale).filter(|o| o.len() == self.options.len()).unwrap_or(&self.options)
    }

    pub fn has_options(&self) -> bool {
        matches!(self.kind, SurveyQuestionKind::SingleChoice | SurveyQuestionKind::MultipleChoice)
    }
}

/// Problems with a survey's questions, in words.
pub fn survey_question_problems(questions: &[SurveyQuestion]) -> Vec<Reason> {
    let mut problems = Vec::new();
    if questions.is_empty() {
        problems.push(Reason::SurveyNeedsQuestions);
    }
    if questions.len() > QUESTIONS_MAX {
        problems.push(Reason::ListTooLong);
    }
    let mut keys = HashSet::new();
    for q in questions {
        if q.key.is_empty() || q.key.len() > 40 || !q.key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            problems.push(Reason::QuestionKey { key: q.key.clone() });
        }
        if !keys.insert(q.key.as_str()) {
            problems.push(Reason::QuestionKeyTwice { key: q.key.clone() });
        }
        for label in std::iter::once(&q.label).chain(q.labels.values()) {
            match display_name(label, LABEL_MAX_CHARS) {
                Ok(_) => {}
                Err(Reason::Empty) => problems.push(Reason::QuestionNeedsLabel { key: q.key.clone() }),
                Err(why) => problems.push(Reason::QuestionLabel { key: q.key.clone(), why: Box::new(why) }),
            }
        }
        if q.has_options() {
            if q.options.len() < 2 || q.options.len() > OPTIONS_MAX {
                problems.push(Reason::QuestionNeedsOptions { key: q.key.clone() });
            }
            let distinct: HashSet<&String> = q.options.iter().collect();
            let translated = q.option_labels.values().all(|labels| labels.len() == q.options.len());
            let readable = q
                .options
                .iter()
                .chain(q.option_labels.values().flatten())
                .all(|o| display_name(o, LABEL_MAX_CHARS).is_ok());
            if distinct.len() != q.options.len() || !translated || !readable {
                problems.push(Reason::SurveyOptions { key: q.key.clone() });
            }
        } else if !q.options.is_empty() || !q.option_labels.is_empty() {
            problems.push(Reason::QuestionTakesNoOptions { key: q.key.clone() });
        }
    }
    problems
}

/// Checks answers against the questions and returns them as they are kept (text trimmed,
/// blank answers left out), or the problems as (question key, reason). Scale answers are
/// 1–5, NPS answers 0–10, a single choice one of the options, a multiple choice a list of
/// them, text at most [`ANSWER_MAX_CHARS`].
pub fn answer_problems(
    questions: &[SurveyQuestion],
    answers: &BTreeMap<String, Value>,
) -> Result<BTreeMap<String, Value>, Vec<(String, Reason)>> {
    let mut problems = Vec::new();
    let mut kept = BTreeMap::new();
    for key in answers.keys() {
        if !questions.iter().any(|q| &q.key == key) {
            problems.push((key.clone(), Reason::NotASurveyQuestion));
        }
    }
    for q in questions {
        let answer = answers.get(&q.key).filter(|v| !v.is_null());
        let answer = match (q.kind, answer) {
            (_, None) => None,
            (SurveyQuestionKind::Text, Some(Value::String(s))) if s.trim().is_empty() => None,
            (SurveyQuestionKind::MultipleChoice, Some(Value::Array(items))) if items.is_empty() => None,
            (_, Some(answer)) => Some(answer),
        };
        let Some(answer) = answer else {
            if q.required {
                problems.push((q.key.clone(), Reason::Required));
            }
            continue;
        };
        let checked = match q.kind {
            SurveyQuestionKind::Scale => answer
                .as_u64()
                .filter(|v| (1..=5).contains(v))
                .map(Value::from)
                .ok_or(Reason::Between { min: 1, max: 5 }),
            SurveyQuestionKind::Nps => {
                answer.as_u64().filter(|v| *v <= 10).map(Value::from).ok_or(Reason::Between { min: 0, max: 10 })
            }
            SurveyQuestionKind::SingleChoice => answer
                .as_str()
                .filter(|s| q.options.iter().any(|o| o == s))
                .map(Value::from)
                .ok_or(Reason::AnswerOneOption),
            SurveyQuestionKind::MultipleChoice => answer
                .as_array()
                .filter(|items| {
                    let chosen: Vec<_> = items.iter().filter_map(Value::as_str).collect();
                    let distinct: HashSet<_> = chosen.iter().collect();
                    chosen.len() == items.len()
                        && distinct.len() == chosen.len()
                        && chosen.iter().all(|s| q.options.iter().any(|o| o == s))
                })
                .map(|items| {
                    // Kept in the order of the options, so the same choice is stored the same way.
                    Value::from(
                        q.options
                            .iter()
                            .filter(|o| items.iter().any(|i| i.as_str() == Some(o)))
                            .cloned()
                            .collect::<Vec<_>>(),
                    )
                })
                .ok_or(Reason::AnswerOptions),
            SurveyQuestionKind::Text => match answer.as_str().map(super::read_answer_text) {
                Some(Ok(Some(text))) => Ok(Value::from(text)),
                Some(Ok(None)) => continue,
                Some(Err(why)) => Err(why),
                None => Err(Reason::AnswerText { max: ANSWER_MAX_CHARS }),
            },
        };
        match checked {
            Ok(value) => {
                kept.insert(q.key.clone(), value);
            }
            Err(why) => problems.push((q.key.clone(), why)),
        }
    }
    if problems.is_empty() { Ok(kept) } else { Err(problems) }
}

fn question(key: &str, kind: SurveyQuestionKind, en: &str, ja: &str, required: bool) -> SurveyQuestion {
    SurveyQuestion {
        key: key.to_owned(),
        label: en.to_owned(),
        labels: BTreeMap::from([(Locale::Ja, ja.to_owned())]),
        kind,
        options: Vec::new(),
        option_labels: BTreeMap::new(),
        required,
    }
}

fn choice(
    key: &str,
    kind: SurveyQuestionKind,
    en: &str,
    ja: &str,
    options: &[(&str, &str)],
    required: bool,
) -> SurveyQuestion {
    SurveyQuestion {
        options: options.iter().map(|(en, _)| (*en).to_owned()).collect(),
        option_labels: BTreeMap::from([(Locale::Ja, options.iter().map(|(_, ja)| (*ja).to_owned()).collect())]),
        ..question(key, kind, en, ja, required)
    }
}

/// The product's questions for a survey of `kind` to people in `role` (`either`: everyone in a
/// mutual program, where both members learn), in English and Japanese. A company starts from
/// these and may change them, or keep its own version (see the survey templates routes).
pub fn template(kind: SurveyKind, role: ParticipantRole) -> Vec<SurveyQuestion> {
    use SurveyQuestionKind::{MultipleChoice, Nps, Scale, SingleChoice, Text};
    let learned = question(
        "learned",
        Scale,
        "I have learned something useful from my partner.",
        "ペアの相手から役に立つことを学んだ。",
        true,
    );
    let shared = question(
        "shared",
        Scale,
        "I have been able to share what I know with my partner.",
        "自分の知識や経験を相手に伝えることができた。",
        true,
    );
    let trust =
        question("trust", Scale, "I can speak openly with my partner.", "ペアの相手と率直に話すことができる。", true);
    let by_role = |questions: &mut Vec<SurveyQuestion>| match role {
        ParticipantRole::Mentor => questions.push(shared.clone()),
        ParticipantRole::Mentee => questions.push(learned.clone()),
        ParticipantRole::Either => questions.extend([learned.clone(), shared.clone()]),
    };
    let mut questions = Vec::new();
    match kind {
        SurveyKind::MidProgram => {
            questions.push(question(
                "going",
                Scale,
                "Our pairing is going well.",
                "ペアの活動は順調に進んでいる。",
                true,
            ));
            by_role(&mut questions);
            questions.push(trust);
            questions.push(choice(
                "meetings",
                SingleChoice,
                "How often do you meet?",
                "どのくらいの頻度で会っていますか？",
                &[
                    ("More than planned", "予定より多い"),
                    ("As planned", "予定どおり"),
                    ("Less than planned", "予定より少ない"),
                ],
                true,
            ));
            questions.push(choice(
                "help",
                MultipleChoice,
                "What would help your pair now?",
                "今、ペアの活動に役立つものは何ですか？",
                &[
                    ("More time for sessions", "セッションの時間"),
                    ("Ideas for topics", "話題のアイデア"),
                    ("More training", "追加の研修"),
                    ("Support from my manager", "上司の支援"),
                ],
                false,
            ));
            questions.push(question(
                "comment",
                Text,
                "Anything else to tell us?",
                "その他、ご意見があればお書きください。",
                false,
            ));
        }
        SurveyKind::EndOfProgram => {
            questions.push(question(
                "recommend",
                Nps,
                "How likely are you to recommend this program to a colleague?",
                "このプログラムを同僚に勧める可能性はどのくらいありますか？",
                true,
            ));
            by_role(&mut questions);
            questions.push(question(
                "changed",
                Scale,
                "The program changed how I work.",
                "このプログラムで仕事の進め方が変わった。",
                true,
            ));
            questions.push(choice(
                "continue",
                SingleChoice,
                "Will you keep meeting your partner?",
                "今後もペアの相手と会い続けますか？",
                &[("Yes", "はい"), ("Maybe", "たぶん"), ("No", "いいえ")],
                true,
            ));
            questions.push(question(
                "takeaway",
                Text,
                "What is one thing you will take away?",
                "このプログラムで得た一番のことは何ですか？",
                false,
            ));
        }
        SurveyKind::Custom => {
            questions.push(question(
                "going",
                Scale,
                "Our pairing is going well.",
                "ペアの活動は順調に進んでいる。",
                true,
            ));
            questions.push(question(
                "comment",
                Text,
                "Anything else to tell us?",
                "その他、ご意見があればお書きください。",
                false,
            ));
        }
    }
    questions
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn answers(value: Value) -> BTreeMap<String, Value> {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn every_template_is_valid_and_speaks_both_languages() {
        for kind in SurveyKind::ALL {
            for role in ParticipantRole::ALL {
                let questions = template(*kind, *role);
                assert_eq!(survey_question_problems(&questions), vec![], "{kind} {role}");
                for q in &questions {
                    assert!(q.labels.contains_key(&Locale::Ja), "{kind} {role} {}", q.key);
                    if q.has_options() {
                        assert_eq!(q.options_in(Locale::Ja).len(), q.options.len());
                        assert_ne!(q.options_in(Locale::Ja), q.options.as_slice());
                    }
                }
            }
        }
    }

    #[test]
    fn mentors_are_asked_what_they_shared_and_mentees_what_they_learned() {
        let keys = |role| template(SurveyKind::MidProgram, role).into_iter().map(|q| q.key).collect::<Vec<_>>();
        assert!(keys(ParticipantRole::Mentor).contains(&"shared".to_owned()));
        assert!(!keys(ParticipantRole::Mentor).contains(&"learned".to_owned()));
        assert!(keys(ParticipantRole::Mentee).contains(&"learned".to_owned()));
        let mutual = keys(ParticipantRole::Either);
        assert!(mutual.contains(&"learned".to_owned()) && mutual.contains(&"shared".to_owned()));
        assert!(
            template(SurveyKind::EndOfProgram, ParticipantRole::Mentee)
                .iter()
                .any(|q| q.kind == SurveyQuestionKind::Nps)
        );
    }

    #[test]
    fn question_problems_name_the_question() {
        let mut bad = template(SurveyKind::MidProgram, ParticipantRole::Mentee);
        bad[0].key = "bad key".into();
        bad[1].label = " ".into();
        bad[3].options.truncate(1);
        bad[3].option_labels.clear();
        let text = bad.iter_mut().find(|q| q.kind == SurveyQuestionKind::Text).unwrap();
        text.options = vec!["x".into()];
        let problems = survey_question_problems(&bad);
        assert!(problems.contains(&Reason::QuestionKey { key: "bad key".into() }));
        assert!(problems.contains(&Reason::QuestionNeedsLabel { key: bad[1].key.clone() }));
        assert!(problems.contains(&Reason::QuestionNeedsOptions { key: "meetings".into() }));
        assert!(problems.contains(&Reason::QuestionTakesNoOptions { key: "comment".into() }));
        assert_eq!(survey_question_problems(&[]), vec![Reason::SurveyNeedsQuestions]);
        let mut untranslated = template(SurveyKind::MidProgram, ParticipantRole::Mentee);
        untranslated[3].option_labels.insert(Locale::Ja, vec!["一つだけ".into()]);
        assert!(survey_question_problems(&untranslated).contains(&Reason::SurveyOptions { key: "meetings".into() }));
    }

    #[test]
    fn answers_are_checked_and_kept_tidy() {
        let questions = template(SurveyKind::MidProgram, ParticipantRole::Mentee);
        let kept = answer_problems(
            &questions,
            &answers(json!({
                "going": 4, "learned": 5, "trust": 3, "meetings": "As planned",
                "help": ["More training", "Ideas for topics"], "comment": "  とても良い  "
            })),
        )
        .unwrap();
        assert_eq!(kept["help"], json!(["Ideas for topics", "More training"]));
        assert_eq!(kept["comment"], json!("とても良い"));
        let kept = answer_problems(
            &questions,
            &answers(
                json!({"going": 4, "learned": 5, "trust": 3, "meetings": "As planned", "help": [], "comment": " "}),
            ),
        )
        .unwrap();
        assert!(!kept.contains_key("help") && !kept.contains_key("comment"));

        let problems = answer_problems(
            &questions,
            &answers(json!({"going": 6, "learned": "5", "meetings": "Never", "help": ["More training", "More training"], "other": 1})),
        )
        .unwrap_err();
        for (key, reason) in [
            ("other", Reason::NotASurveyQuestion),
            ("going", Reason::Between { min: 1, max: 5 }),
            ("learned", Reason::Between { min: 1, max: 5 }),
            ("trust", Reason::Required),
            ("meetings", Reason::AnswerOneOption),
            ("help", Reason::AnswerOptions),
        ] {
            assert!(problems.contains(&(key.to_owned(), reason.clone())), "{key}: {problems:?}");
        }
        let end = template(SurveyKind::EndOfProgram, ParticipantRole::Mentor);
        let problems = answer_problems(&end, &answers(json!({"recommend": 11}))).unwrap_err();
        assert!(problems.contains(&("recommend".to_owned(), Reason::Between { min: 0, max: 10 })));
    }
}
