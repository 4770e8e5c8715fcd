//! Outcome analytics: the figures a program's results are made of, and each success metric
//! measured against its target. The store counts; these functions decide what a figure means.

use std::collections::BTreeMap;

use crate::people::Person;
use crate::programs::{MetricSource, SuccessMetric};

/// `part` of `whole` in percent, to one decimal; `None` of nothing.
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round1(part as f64 * 100.0 / whole as f64))
}

pub fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

pub fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The mean of some values, to two decimals; `None` of none.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.into_iter().fold((0.0, 0u64), |(sum, n), v| (sum + v, n + 1));
    (n > 0).then(|| round2(sum / n as f64))
}

/// How diverse a program's pairs are: how many join two departments, functions, regions.
/// An attribute one member lacks does not count as different.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Diversity {
    pub pairs: u64,
    pub cross_department: u64,
    pub cross_function: u64,
    pub cross_region: u64,
}

fn differ(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.trim().to_lowercase() != b.trim().to_lowercase(),
        _ => false,
    }
}

pub fn diversity<'a>(pairs: impl IntoIterator<Item = (&'a Person, &'a Person)>) -> Diversity {
    let mut d = Diversity::default();
    for (a, b) in pairs {
        d.pairs += 1;
        d.cross_department += u64::from(differ(&a.department, &b.department));
        d.cross_function += u64::from(differ(&a.function, &b.function));
        d.cross_region += u64::from(differ(&a.region, &b.region));
    }
    d
}

/// The program's figures a metric may be measured by, each `None` while there is nothing to
/// measure.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub sessions_per_pair: Option<f64>,
    pub reciprocity: Option<f64>,
    pub senior_learned: Option<f64>,
    pub check_in_score: Option<f64>,
    /// The NPS of the latest survey with an NPS question shown (anonymity allowing).
    pub survey_nps: Option<f64>,
    /// Each survey question's figure (scale: % answering 4–5; NPS: the score), from the
    /// latest survey that shows it.
    pub survey_questions: BTreeMap<String, f64>,
    pub training_completion: Option<f64>,
    pub executive_participation: Option<f64>,
    pub pairs_retained: Option<f64>,
    pub cross_department: Option<f64>,
    /// The latest value entered for each manual metric, by name.
    pub manual: BTreeMap<String, f64>,
}

/// A metric's measured value, if there is one yet.
pub fn measure(metric: &SuccessMetric, figures: &Figures) -> Option<f64> {
    match metric.source {
        MetricSource::Manual => figures.manual.get(&metric.name).copied(),
        MetricSource::SessionsPerPair => figures.sessions_per_pair,
        MetricSource::Reciprocity => figures.reciprocity,
        MetricSource::SeniorLearned => figures.senior_learned,
        MetricSource::CheckInScore => figures.check_in_score,
        MetricSource::SurveyNps => figures.survey_nps,
        MetricSource::SurveyQuestion => {
            metric.question.as_deref().and_then(|key| figures.survey_questions.get(key).copied())
        }
        MetricSource::TrainingCompletion => figures.training_completion,
        MetricSource::ExecutiveParticipation => figures.executive_participation,
        MetricSource::PairsRetained => figures.pairs_retained,
        MetricSource::CrossDepartment => figures.cross_department,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EmailAddress;

    fn person(department: &str, function: Option<&str>, region: Option<&str>) -> Person {
        Person {
            external_id: "x".into(),
            name: "X".into(),
            name_reading: None,
            email: EmailAddress::parse("x@example.com").unwrap(),
            department: Some(department.into()),
            function: function.map(Into::into),
            region: region.map(Into::into),
            location: None,
            job_level: None,
            title: None,
            manager_external_id: None,
            time_zone: None,
            languages: vec![],
            skills: vec![],
            is_executive: false,
            hire_date: None,
            preferred_locale: crate::Locale::En,
            gender: None,
            age_band: None,
        }
    }

    #[test]
    fn shares_and_means_round_and_say_nothing_of_nothing() {
        assert_eq!(percent(1, 3), Some(33.3));
        assert_eq!(percent(0, 0), None);
        assert_eq!(mean([1.0, 2.0, 2.0]), Some(1.67));
        assert_eq!(mean([]), None);
    }

    #[test]
    fn diversity_counts_differences_only_where_both_are_known() {
        let sales = person("Sales", Some("Ops"), Some("APAC"));
        let it = person("IT", Some("ops "), None);
        let sales_emea = person(" sales", Some("Eng"), Some("EMEA"));
        let d = diversity([(&sales, &it), (&sales, &sales_emea)]);
        assert_eq!(d, Diversity { pairs: 2, cross_department: 1, cross_function: 1, cross_region: 1 });
    }

    #[test]
    fn each_source_reads_its_figure() {
        let figures = Figures {
            reciprocity: Some(0.8),
            survey_questions: BTreeMap::from([("changed".to_owned(), 75.0)]),
            manual: BTreeMap::from([("Promotions".to_owned(), 4.0)]),
            ..Figures::default()
        };
        let metric = |source, question: Option<&str>, name: &str| SuccessMetric {
            name: name.into(),
            target: 1.0,
            unit: String::new(),
            measured_by: String::new(),
            source,
            question: question.map(Into::into),
        };
        assert_eq!(measure(&metric(MetricSource::Reciprocity, None, "r"), &figures), Some(0.8));
        assert_eq!(measure(&metric(MetricSource::SurveyQuestion, Some("changed"), "q"), &figures), Some(75.0));
        assert_eq!(measure(&metric(MetricSource::SurveyQuestion, Some("other"), "q"), &figures), None);
        assert_eq!(measure(&metric(MetricSource::Manual, None, "Promotions"), &figures), Some(4.0));
        assert_eq!(measure(&metric(MetricSource::Manual, None, "Other"), &figures), None);
        assert_eq!(measure(&metric(MetricSource::CheckInScore, None, "c"), &figures), None);
    }
}
