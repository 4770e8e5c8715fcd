//! Ready-made program designs to start from, in English and Japanese.

use chrono::{Datelike, Duration, NaiveDate};

use crate::locale::Locale;
use crate::programs::{
    Cadence, Eligibility, MetricSource, ParticipantRole, ProgramDesign, ProgramKind, PurposeKind, Resource,
    SuccessMetric, TrainingModule,
};

pub const KEYS: [&str; 3] = ["reverse_digital_skills", "mutual_cross_department", "executive_reverse"];

fn texts(key: &str, locale: Locale) -> Option<(&'static str, &'static str)> {
    let ja = locale == Locale::Ja;
    Some(match key {
        "reverse_digital_skills" if ja => {
            ("デジタルスキルのリバースメンタリング", "若手社員が管理職にデジタルツールとトレンドを教えます。")
        }
        "reverse_digital_skills" => {
            ("Reverse mentoring on digital skills", "Junior employees teach managers digital tools and trends.")
        }
        "mutual_cross_department" if ja => {
            ("部門を越えたミューチュアルメンタリング", "異なる部門の2人が互いに学び合います。")
        }
        "mutual_cross_department" => {
            ("Mutual cross-department mentoring", "Two people from different departments learn from each other.")
        }
        "executive_reverse" if ja => ("役員向けリバースメンタリング", "役員が若手社員から現場と新しい視点を学びます。"),
        "executive_reverse" => (
            "Executive reverse mentoring",
            "Executives learn from junior employees about the front line and new perspectives.",
        ),
        _ => return None,
    })
}

/// The template's name and one-line description in `locale`.
pub fn describe(key: &str, locale: Locale) -> Option<(&'static str, &'static str)> {
    texts(key, locale)
}

/// A complete design to start from, dated from `today` (starting in a month, for six months).
pub fn design(key: &str, locale: Locale, today: NaiveDate) -> Option<ProgramDesign> {
    let (name, _) = texts(key, locale)?;
    let ja = locale == Locale::Ja;
    let start = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)? + Duration::days(45);
    let start = NaiveDate::from_ymd_opt(start.year(), start.month(), 1)?;
    let end = start + Duration::days(182);
    let training = |mentor: &str, mentee: &str| {
        vec![
            TrainingModule { title: mentor.to_owned(), role: ParticipantRole::Mentor, url: None },
            TrainingModule { title: mentee.to_owned(), role: ParticipantRole::Mentee, url: None },
        ]
    };
    let metric = |name_en: &str, name_ja: &str, target: f64, unit: &str, by_en: &str, by_ja: &str| SuccessMetric {
        name: if ja { name_ja } else { name_en }.to_owned(),
        target,
        unit: unit.to_owned(),
        measured_by: if ja { by_ja } else { by_en }.to_owned(),
        source: MetricSource::Manual,
        question: None,
    };
    let mut design = ProgramDesign {
        name: name.to_owned(),
        kind: ProgramKind::Reverse,
        purposes: vec![PurposeKind::KnowledgeSharing, PurposeKind::AdaptingToChange],
        custom_purpose: None,
        success_metrics: vec![
            SuccessMetric {
                source: MetricSource::SurveyQuestion,
                question: Some("changed".to_owned()),
                ..metric(
                    "Participants who say the program changed how they work",
                    "仕事の進め方が変わったと答えた参加者",
                    80.0,
                    "%",
                    "end-of-program survey",
                    "プログラム終了時のアンケート",
                )
            },
            SuccessMetric {
                source: MetricSource::SeniorLearned,
                ..metric(
                    "Pairs where the senior member learned",
                    "上位者が学んだペア",
                    75.0,
                    "%",
                    "learning log",
                    "学びの記録",
                )
            },
        ],
        eligibility: vec![
            Eligibility { role: Some(ParticipantRole::Mentor), level_max: Some(4), ..Default::default() },
            Eligibility { role: Some(ParticipantRole::Mentee), level_min: Some(8), ..Default::default() },
        ],
        mentors_more_junior: true,
        slots: 20,
        mentor_capacity: 1,
        start_date: Some(start),
        end_date: Some(end),
        meetings_per_month: 2,
        minutes_per_meeting: 45,
        check_in_cadence: Cadence::Monthly,
        training: if ja {
            training("リバースメンターとしての心構え", "若手から学ぶための準備")
        } else {
            training("Being a reverse mentor", "Getting ready to learn from a junior colleague")
        },
        resources: vec![Resource {
            title: if ja { "リバースメンタリングのガイド" } else { "Reverse mentoring guide" }.to_owned(),
            link: "https://tandem.example/guides/reverse-mentoring".to_owned(),
            description: None,
        }],
    };
    match key {
        "reverse_digital_skills" => {}
        "mutual_cross_department" => {
            design.kind = ProgramKind::Mutual;
            design.purposes = vec![PurposeKind::NetworkBuilding, PurposeKind::DiverseConnections];
            design.eligibility = vec![Eligibility { role: Some(ParticipantRole::Either), ..Default::default() }];
            design.mentors_more_junior = false;
            design.success_metrics = vec![
                SuccessMetric {
                    source: MetricSource::CrossDepartment,
                    ..metric(
                        "Pairs across departments",
                        "部門を越えたペア",
                        100.0,
                        "%",
                        "published pairs",
                        "公開したペア",
                    )
                },
                SuccessMetric {
                    source: MetricSource::Reciprocity,
                    ..metric("Learning both ways", "双方向の学び", 0.7, "", "learning log", "学びの記録")
                },
            ];
            design.training = vec![TrainingModule {
                title: if ja { "互いに学び合うために" } else { "Learning from each other" }.to_owned(),
                role: ParticipantRole::Either,
                url: None,
            }];
        }
        "executive_reverse" => {
            design.purposes = vec![PurposeKind::DiverseConnections, PurposeKind::KnowledgeSharing];
            design.eligibility[1] =
                Eligibility { role: Some(ParticipantRole::Mentee), executives_only: true, ..Default::default() };
            design.slots = 8;
            design.meetings_per_month = 1;
            design.minutes_per_meeting = 60;
        }
        _ => return None,
    }
    Some(design)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programs::{ProgramFacts, ProgramState, check_transition};

    #[test]
    fn every_template_is_a_valid_design_ready_to_recruit_in_both_languages() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        for key in KEYS {
            for locale in [Locale::En, Locale::Ja] {
                let design = design(key, locale, today).expect("a template");
                assert!(design.problems().is_empty(), "{key}: {:?}", design.problems());
                assert_eq!(
                    check_transition(&design, ProgramState::Draft, ProgramState::Recruiting, ProgramFacts::default()),
                    Ok(())
                );
                assert!(design.start_date.unwrap() > today);
            }
        }
        assert!(design("nope", Locale::En, today).is_none());
        assert_eq!(describe("executive_reverse", Locale::Ja).unwrap().0, "役員向けリバースメンタリング");
    }
}
