//! How well two applicants would do together, and whether they may be paired at all.
//!
//! A pair is first checked against the hard constraints ([`Barrier`]): nobody is paired with
//! anyone in their reporting line, people must share a language (unless the run says
//! otherwise), their working days must overlap enough, a reverse program's mentor must be more
//! junior, and a pair a person asked not to be in or an admin forbade is out. A pair that
//! passes gets a score: each [`Criterion`] gives a value between 0 and 1, and the score is the
//! weighted sum (weights 0..=10 per run, [`Weights::preset`] per kind of program). Every value
//! comes with the facts behind it ([`Detail`]), which read as words in either language.
//!
//! In mutual programs both people learn, so every criterion is symmetric: swapping the two
//! gives the same score.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::Locale;
use crate::ids::PersonId;
use crate::people::JobLevel;
use crate::programs::{ParticipantRole, ProgramKind};

text_enum!(
    /// What a pair is scored on.
    Criterion {
        Skills = "skills",
        CrossDepartment = "cross_department",
        CrossFunction = "cross_function",
        CrossRegion = "cross_region",
        Seniority = "seniority",
        Language = "language",
        HoursOverlap = "hours_overlap",
        Wishes = "wishes",
    }
);

/// The largest weight a criterion can have.
pub const MAX_WEIGHT: f64 = 10.0;

/// The hours of a working day, local time, used to compare time zones.
const WORKING_DAY: (f64, f64) = (9.0, 18.0);

/// How much each criterion counts, 0..=10. A criterion left out counts 0.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = BTreeMap<String, f64>, example = json!({"skills": 5, "cross_department": 3})))]
#[serde(transparent)]
pub struct Weights(pub BTreeMap<Criterion, f64>);

impl Weights {
    /// Where a manager starts: what matters most for the kind of program.
    pub fn preset(kind: ProgramKind) -> Weights {
        use Criterion::*;
        let pairs: &[(Criterion, f64)] = match kind {
            // Reverse mentoring is about a junior person's knowledge reaching a senior one
            // across the organisation: skills first, then distance in the organisation.
            ProgramKind::Reverse => &[
                (Skills, 5.0),
                (CrossDepartment, 3.0),
                (CrossFunction, 2.0),
                (CrossRegion, 1.0),
                (Seniority, 2.0),
                (Language, 1.0),
                (HoursOverlap, 2.0),
                (Wishes, 2.0),
            ],
            // Mutual programs build networks: distance counts as much as skills.
            ProgramKind::Mutual => &[
                (Skills, 4.0),
                (CrossDepartment, 4.0),
                (CrossFunction, 3.0),
                (CrossRegion, 2.0),
                (Seniority, 1.0),
                (Language, 1.0),
                (HoursOverlap, 2.0),
                (Wishes, 2.0),
            ],
            ProgramKind::Traditional | ProgramKind::Group => &[
                (Skills, 5.0),
                (CrossDepartment, 2.0),
                (CrossFunction, 1.0),
                (CrossRegion, 1.0),
                (Seniority, 3.0),
                (Language, 1.0),
                (HoursOverlap, 2.0),
                (Wishes, 2.0),
            ],
        };
        Weights(pairs.iter().copied().collect())
    }

    pub fn get(&self, criterion: Criterion) -> f64 {
        self.0.get(&criterion).copied().unwrap_or(0.0)
    }

    /// The criteria whose weight is not a number between 0 and [`MAX_WEIGHT`].
    pub fn out_of_range(&self) -> Vec<Criterion> {
        self.0.iter().filter(|(_, w)| !(0.0..=MAX_WEIGHT).contains(*w)).map(|(c, _)| *c).collect()
    }

    /// The highest score a pair can reach.
    pub fn max_score(&self) -> f64 {
        self.0.values().sum()
    }
}

/// The hard constraints a run may set; the reporting line and the design's direction of
/// seniority always hold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"common_language": true, "min_overlap_hours": 2.0})))]
pub struct Constraints {
    /// People must share a language (default true).
    #[serde(default = "yes")]
    pub common_language: bool,
    /// The fewest working hours (of a 9:00–18:00 day) two people's days must share; 0 turns the
    /// constraint off. Default 2.
    #[serde(default = "two_hours")]
    #[cfg_attr(feature = "openapi", schema(example = 2.0))]
    pub min_overlap_hours: f64,
}

fn yes() -> bool {
    true
}

fn two_hours() -> f64 {
    2.0
}

impl Default for Constraints {
    fn default() -> Self {
        Constraints { common_language: true, min_overlap_hours: two_hours() }
    }
}

/// What a run is asked to weigh and to hold, as it is stored with the run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = RunSettings, example = json!({"weights": {"skills": 5.0, "cross_department": 3.0}, "constraints": {"common_language": true, "min_overlap_hours": 2.0}})))]
pub struct Settings {
    pub weights: Weights,
    pub constraints: Constraints,
}

impl Settings {
    /// What a program of `kind` starts from.
    pub fn preset(kind: ProgramKind) -> Settings {
        Settings { weights: Weights::preset(kind), constraints: Constraints::default() }
    }
}

/// An accepted applicant as matching sees them: directory facts and what their application said.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applicant {
    pub person: PersonId,
    pub role: Option<ParticipantRole>,
    pub department: Option<String>,
    pub function: Option<String>,
    pub region: Option<String>,
    pub job_level: Option<JobLevel>,
    pub is_executive: bool,
    pub time_zone: Option<Tz>,
    /// Language codes ("ja", "en").
    pub languages: Vec<String>,
    /// Topics they can teach and want to learn, as typed or picked; compared by [`topic_key`].
    pub teaches: Vec<String>,
    pub learns: Vec<String>,
    /// Everyone above them, nearest manager first, up to the top.
    pub managers: Vec<PersonId>,
    /// People they would like to be paired with, and would rather not be.
    pub would_like: Vec<PersonId>,
    pub rather_not: Vec<PersonId>,
}

/// How a program pairs people, as far as scoring is concerned.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    pub kind: ProgramKind,
    /// Reverse programs: mentors must be more junior than their mentees.
    pub mentors_more_junior: bool,
    pub weights: Weights,
    pub constraints: Constraints,
    /// When working hours are compared (time zones' offsets change with daylight saving).
    pub at: DateTime<Utc>,
}

impl Rules {
    /// The rules a program of `kind` starts from: its preset weights, the default constraints,
    /// and mentors more junior in reverse programs.
    pub fn preset(kind: ProgramKind, at: DateTime<Utc>) -> Rules {
        Rules {
            kind,
            mentors_more_junior: true,
            weights: Weights::preset(kind),
            constraints: Constraints::default(),
            at,
        }
    }
}

/// Why two people may not be paired.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Barrier {
    SamePerson,
    /// One is in the other's reporting line.
    ReportingLine,
    NoCommonLanguage,
    /// Their working days share fewer hours than the run's minimum.
    TooLittleOverlap {
        hours: u32,
        min: u32,
    },
    /// A reverse program's mentor must be more junior (or both levels must be known).
    SeniorityDirection,
    /// One of them asked not to be paired with the other.
    AskedNotTo,
    /// An admin forbade the pair.
    Forbidden,
}

impl Barrier {
    /// Which constraint it is, for counting.
    pub fn code(&self) -> &'static str {
        match self {
            Barrier::SamePerson => "same_person",
            Barrier::ReportingLine => "reporting_line",
            Barrier::NoCommonLanguage => "no_common_language",
            Barrier::TooLittleOverlap { .. } => "too_little_overlap",
            Barrier::SeniorityDirection => "seniority_direction",
            Barrier::AskedNotTo => "asked_not_to",
            Barrier::Forbidden => "forbidden",
        }
    }

    pub fn describe(&self, locale: Locale) -> String {
        match (self, locale) {
            (Barrier::SamePerson, Locale::En) => "the same person".into(),
            (Barrier::SamePerson, Locale::Ja) => "同じ人です".into(),
            (Barrier::ReportingLine, Locale::En) => "one is in the other's reporting line".into(),
            (Barrier::ReportingLine, Locale::Ja) => "一方がもう一方の上長の系列にいます".into(),
            (Barrier::NoCommonLanguage, Locale::En) => "they share no language".into(),
            (Barrier::NoCommonLanguage, Locale::Ja) => "共通の言語がありません".into(),
            (Barrier::TooLittleOverlap { hours, min }, Locale::En) => {
                format!("their working days share {hours} hours, fewer than {min}")
            }
            (Barrier::TooLittleOverlap { hours, min }, Locale::Ja) => {
                format!("勤務時間の重なりが{hours}時間で、{min}時間に足りません")
            }
            (Barrier::SeniorityDirection, Locale::En) => "the mentor would not be more junior".into(),
            (Barrier::SeniorityDirection, Locale::Ja) => "メンターの等級が下になりません".into(),
            (Barrier::AskedNotTo, Locale::En) => "one asked not to be paired with the other".into(),
            (Barrier::AskedNotTo, Locale::Ja) => "一方がこの組み合わせを希望していません".into(),
            (Barrier::Forbidden, Locale::En) => "an admin forbade this pair".into(),
            (Barrier::Forbidden, Locale::Ja) => "管理者がこの組み合わせを禁止しました".into(),
        }
    }
}

/// The facts behind one criterion's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", schema(example = json!({"kind": "skills", "topics": ["python", "tiktok"], "wanted": 3})))]
pub enum Detail {
    /// Topics the mentor can teach that the mentee wants to learn (mutual: both ways).
    Skills { topics: Vec<String>, wanted: usize },
    /// Whether the two differ in department, function or region (`None`: one is not known).
    Differ { differ: Option<bool>, values: Vec<String> },
    /// How many job levels apart, the mentee above the mentor when positive.
    Seniority { gap: Option<i32> },
    /// Languages both speak.
    Languages { shared: Vec<String> },
    /// Hours their working days share (`None`: a time zone is not known).
    Overlap { hours: Option<f64> },
    /// Whether one asked for the other.
    Wish { asked: bool },
}

/// One criterion's part of a pair's score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"criterion": "skills", "value": 0.5, "weight": 5.0, "detail": {"kind": "skills", "topics": ["tiktok"], "wanted": 2}})))]
pub struct Part {
    pub criterion: Criterion,
    /// 0..=1.
    pub value: f64,
    pub weight: f64,
    pub detail: Detail,
}

impl Part {
    /// What the part adds to the score.
    pub fn points(&self) -> f64 {
        self.value * self.weight
    }
}

/// Two applicants scored together: the score and its parts, criterion by criterion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scored {
    pub score: f64,
    pub parts: Vec<Part>,
}

/// What the hard constraints leave to score with: the working hours shared and the gap in
/// job levels.
struct Allowed {
    overlap: Option<f64>,
    gap: Option<i32>,
}

/// The hard constraints, in the order they are reported.
fn check(rules: &Rules, mentor: &Applicant, mentee: &Applicant) -> Result<Allowed, Barrier> {
    if mentor.person == mentee.person {
        return Err(Barrier::SamePerson);
    }
    if mentor.managers.contains(&mentee.person) || mentee.managers.contains(&mentor.person) {
        return Err(Barrier::ReportingLine);
    }
    if mentor.rather_not.contains(&mentee.person) || mentee.rather_not.contains(&mentor.person) {
        return Err(Barrier::AskedNotTo);
    }
    if rules.constraints.common_language
        && !share_a_language(mentor, mentee)
        && !mentor.languages.is_empty()
        && !mentee.languages.is_empty()
    {
        return Err(Barrier::NoCommonLanguage);
    }
    let overlap = overlap_hours(mentor.time_zone, mentee.time_zone, rules.at);
    if let Some(hours) = overlap {
        let min = rules.constraints.min_overlap_hours;
        if min > 0.0 && hours + 1e-9 < min {
            return Err(Barrier::TooLittleOverlap { hours: hours.floor() as u32, min: min.ceil() as u32 });
        }
    }
    let gap = level_gap(mentor, mentee);
    if rules.kind == ProgramKind::Reverse && rules.mentors_more_junior && gap.is_none_or(|g| g <= 0) {
        return Err(Barrier::SeniorityDirection);
    }
    Ok(Allowed { overlap, gap })
}

/// One criterion's value, 0..=1.
fn value(rules: &Rules, criterion: Criterion, mentor: &Applicant, mentee: &Applicant, allowed: &Allowed) -> f64 {
    match criterion {
        Criterion::Skills => skills_value(mentor, mentee, rules.kind == ProgramKind::Mutual),
        Criterion::CrossDepartment => differ_value(&mentor.department, &mentee.department),
        Criterion::CrossFunction => differ_value(&mentor.function, &mentee.function),
        Criterion::CrossRegion => differ_value(&mentor.region, &mentee.region),
        Criterion::Seniority => seniority_value(rules.kind, allowed.gap),
        Criterion::Language => f64::from(u8::from(share_a_language(mentor, mentee))),
        Criterion::HoursOverlap => allowed.overlap.map_or(0.5, |h| h / (WORKING_DAY.1 - WORKING_DAY.0)),
        Criterion::Wishes => f64::from(u8::from(asked_for(mentor, mentee))),
    }
}

/// The pair's score alone, as [`evaluate`] gives it, without the parts: what a large run
/// computes for every pair (no allocation).
pub fn score(rules: &Rules, mentor: &Applicant, mentee: &Applicant) -> Result<f64, Barrier> {
    let allowed = check(rules, mentor, mentee)?;
    Ok(Criterion::ALL.iter().map(|&c| value(rules, c, mentor, mentee, &allowed) * rules.weights.get(c)).sum())
}

/// Whether `mentor` and `mentee` may be paired under `rules` and, if so, how well, criterion
/// by criterion. In mutual programs the order does not matter. Topics are compared as given:
/// pass them through [`topic_key`] first ([`Applicant::with_topic_keys`]).
pub fn evaluate(rules: &Rules, mentor: &Applicant, mentee: &Applicant) -> Result<Scored, Barrier> {
    let allowed = check(rules, mentor, mentee)?;
    let parts: Vec<Part> = Criterion::ALL
        .iter()
        .map(|&criterion| Part {
            criterion,
            value: value(rules, criterion, mentor, mentee, &allowed),
            weight: rules.weights.get(criterion),
            detail: detail(rules, criterion, mentor, mentee, &allowed),
        })
        .collect();
    // Summed in the same order as `score`, so the two agree to the last bit.
    let score = parts.iter().map(Part::points).sum();
    Ok(Scored { score, parts })
}

/// The facts behind one criterion's value.
fn detail(rules: &Rules, criterion: Criterion, mentor: &Applicant, mentee: &Applicant, allowed: &Allowed) -> Detail {
    let values = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) if same_value(a, b) => Detail::Differ { differ: Some(false), values: vec![a.clone()] },
        (Some(a), Some(b)) => Detail::Differ { differ: Some(true), values: vec![a.clone(), b.clone()] },
        _ => Detail::Differ { differ: None, values: Vec::new() },
    };
    match criterion {
        Criterion::Skills => {
            let mut topics = taught_to(mentor, mentee);
            let mut wanted = mentee.learns.len();
            if rules.kind == ProgramKind::Mutual {
                topics.extend(taught_to(mentee, mentor));
                wanted += mentor.learns.len();
            }
            Detail::Skills { topics, wanted }
        }
        Criterion::CrossDepartment => values(&mentor.department, &mentee.department),
        Criterion::CrossFunction => values(&mentor.function, &mentee.function),
        Criterion::CrossRegion => values(&mentor.region, &mentee.region),
        Criterion::Seniority => Detail::Seniority { gap: allowed.gap },
        Criterion::Language => Detail::Languages { shared: shared_languages(mentor, mentee) },
        Criterion::HoursOverlap => Detail::Overlap { hours: allowed.overlap },
        Criterion::Wishes => Detail::Wish { asked: asked_for(mentor, mentee) },
    }
}

impl Applicant {
    /// The applicant with their topics in the form they are compared in ([`topic_key`]).
    pub fn with_topic_keys(mut self) -> Self {
        self.teaches = self.teaches.iter().map(|t| topic_key(t)).collect();
        self.learns = self.learns.iter().map(|t| topic_key(t)).collect();
        self
    }
}

fn asked_for(mentor: &Applicant, mentee: &Applicant) -> bool {
    mentor.would_like.contains(&mentee.person) || mentee.would_like.contains(&mentor.person)
}

/// How a topic is compared: Unicode-normalised (full-width letters become ASCII), lower case,
/// spaces trimmed and collapsed.
pub fn topic_key(topic: &str) -> String {
    let folded: String = topic.nfkc().collect::<String>().to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a free-text answer ("Python, TikTok、Excel") into topics.
pub fn topics(text: &str) -> Vec<String> {
    text.split([',', '、', '，', ';', '\n', '・'])
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Whether a topic taught covers a topic wanted: the same, or one contains the other (at
/// least three letters), so "python" covers "python for data".
fn covers(taught: &str, wanted: &str) -> bool {
    let (short, long) = if taught.len() <= wanted.len() { (taught, wanted) } else { (wanted, taught) };
    short == long || (short.chars().count() >= 3 && long.contains(short))
}

/// The wanted topics of `learner` that `teacher` can teach.
fn taught_to(teacher: &Applicant, learner: &Applicant) -> Vec<String> {
    learner.learns.iter().filter(|w| teacher.teaches.iter().any(|t| covers(t, w))).cloned().collect()
}

fn skills_value(mentor: &Applicant, mentee: &Applicant, mutual: bool) -> f64 {
    let share = |teacher: &Applicant, learner: &Applicant| {
        let met = learner.learns.iter().filter(|w| teacher.teaches.iter().any(|t| covers(t, w))).count();
        if learner.learns.is_empty() { 0.0 } else { met as f64 / learner.learns.len() as f64 }
    };
    if mutual { (share(mentor, mentee) + share(mentee, mentor)) / 2.0 } else { share(mentor, mentee) }
}

/// Directory values are compared without regard to case or surrounding spaces.
fn same_value(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// 1 when both are known and differ, 0 when the same; unknown is neither rewarded nor
/// punished (0.5).
fn differ_value(a: &Option<String>, b: &Option<String>) -> f64 {
    match (a, b) {
        (Some(a), Some(b)) => f64::from(u8::from(!same_value(a, b))),
        _ => 0.5,
    }
}

/// The mentee's level less the mentor's (positive: the mentee is more senior).
fn level_gap(mentor: &Applicant, mentee: &Applicant) -> Option<i32> {
    Some(i32::from(mentee.job_level?.get()) - i32::from(mentor.job_level?.get()))
}

/// Reverse programs reward a wide gap with the mentee above; traditional ones the mentor
/// above; mutual ones any distance, since both learn from a different place. Six levels or
/// more count fully; unknown counts half.
fn seniority_value(kind: ProgramKind, gap: Option<i32>) -> f64 {
    let Some(gap) = gap else { return 0.5 };
    let wanted = match kind {
        ProgramKind::Reverse => gap,
        ProgramKind::Traditional | ProgramKind::Group => -gap,
        ProgramKind::Mutual => gap.abs(),
    };
    f64::from(wanted.clamp(0, 6)) / 6.0
}

fn share_a_language(a: &Applicant, b: &Applicant) -> bool {
    a.languages.iter().any(|l| b.languages.iter().any(|m| m.eq_ignore_ascii_case(l)))
}

fn shared_languages(a: &Applicant, b: &Applicant) -> Vec<String> {
    let mut shared: Vec<String> =
        a.languages.iter().filter(|l| b.languages.iter().any(|m| m.eq_ignore_ascii_case(l))).cloned().collect();
    shared.sort();
    shared.dedup();
    shared
}

/// Hours two 9:00–18:00 working days in these zones share at `at` (`None` when a zone is
/// unknown). Days that wrap past midnight in UTC are compared a day before and after.
pub fn overlap_hours(a: Option<Tz>, b: Option<Tz>, at: DateTime<Utc>) -> Option<f64> {
    let offset = |tz: Tz| f64::from(tz.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc()) / 3600.0;
    let (a, b) = (offset(a?), offset(b?));
    let (start, end) = WORKING_DAY;
    let day = |offset: f64, shift: f64| (start - offset + shift, end - offset + shift);
    let (a_start, a_end) = day(a, 0.0);
    let best = [-24.0, 0.0, 24.0]
        .iter()
        .map(|&shift| {
            let (b_start, b_end) = day(b, shift);
            (a_end.min(b_end) - a_start.max(b_start)).max(0.0)
        })
        .fold(0.0, f64::max);
    Some(best)
}

impl Scored {
    /// The pair's strongest reasons, in words: the parts that add the most, strongest first.
    pub fn explain(&self, locale: Locale) -> String {
        let mut parts: Vec<&Part> = self.parts.iter().filter(|p| p.points() > 0.0 && p.value >= 0.5).collect();
        parts.sort_by(|a, b| b.points().total_cmp(&a.points()).then(a.criterion.as_str().cmp(b.criterion.as_str())));
        let phrases: Vec<String> = parts.iter().filter_map(|p| p.phrase(locale)).take(3).collect();
        match (phrases.is_empty(), locale) {
            (true, Locale::En) => "A possible pair; no criterion stands out.".into(),
            (true, Locale::Ja) => "組み合わせは可能ですが、特に目立つ基準はありません。".into(),
            (false, Locale::En) => {
                let mut sentence = phrases.join("; ");
                if let Some(first) = sentence.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                format!("{sentence}.")
            }
            (false, Locale::Ja) => format!("{}。", phrases.join("。")),
        }
    }
}

impl Part {
    /// The part as a phrase, or `None` when there is nothing to say.
    pub fn phrase(&self, locale: Locale) -> Option<String> {
        let en = locale == Locale::En;
        let phrase = match (&self.detail, self.criterion) {
            (Detail::Skills { topics, .. }, _) if !topics.is_empty() => {
                let list = topics.join(if en { ", " } else { "、" });
                if en {
                    format!("can teach what the other wants to learn ({list})")
                } else {
                    format!("相手が学びたいことを教えられます（{list}）")
                }
            }
            (Detail::Differ { differ: Some(true), values }, criterion) => {
                let list = values.join(if en { " and " } else { "と" });
                match (criterion, en) {
                    (Criterion::CrossDepartment, true) => format!("from different departments ({list})"),
                    (Criterion::CrossDepartment, false) => format!("部署が異なります（{list}）"),
                    (Criterion::CrossFunction, true) => format!("in different functions ({list})"),
                    (Criterion::CrossFunction, false) => format!("職種が異なります（{list}）"),
                    (_, true) => format!("in different regions ({list})"),
                    (_, false) => format!("地域が異なります（{list}）"),
                }
            }
            (Detail::Seniority { gap: Some(gap) }, _) if *gap != 0 => {
                let levels = gap.abs();
                match (*gap > 0, en) {
                    (true, true) => format!("the mentee is {levels} levels more senior"),
                    (true, false) => format!("メンティーの等級が{levels}つ上です"),
                    (false, true) => format!("the mentor is {levels} levels more senior"),
                    (false, false) => format!("メンターの等級が{levels}つ上です"),
                }
            }
            (Detail::Languages { shared }, _) if !shared.is_empty() => {
                let list = shared.join(", ");
                if en { format!("both speak {list}") } else { format!("共通の言語: {list}") }
            }
            (Detail::Overlap { hours: Some(hours) }, _) => {
                let hours = hours.round();
                if en {
                    format!("their working days share {hours} hours")
                } else {
                    format!("勤務時間が{hours}時間重なります")
                }
            }
            (Detail::Wish { asked: true }, _) => {
                if en {
                    "one asked to be paired with the other".into()
                } else {
                    "一方がこの組み合わせを希望しました".into()
                }
            }
            _ => return None,
        };
        Some(phrase)
    }
}

impl fmt::Display for Barrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Locale::En))
    }
}

/// Reads a time zone name as the directory stores it ("Asia/Tokyo").
pub fn parse_zone(name: &str) -> Option<Tz> {
    Tz::from_str(name).ok()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 15, 0, 0, 0).unwrap()
    }

    fn rules(kind: ProgramKind) -> Rules {
        Rules::preset(kind, at())
    }

    fn person(level: u8, department: &str) -> Applicant {
        Applicant {
            person: PersonId::new(),
            department: Some(department.into()),
            function: Some("Engineering".into()),
            region: Some("Kanto".into()),
            job_level: Some(JobLevel::new(i64::from(level)).unwrap()),
            time_zone: parse_zone("Asia/Tokyo"),
            languages: vec!["ja".into()],
            ..Applicant::default()
        }
    }

    #[test]
    fn a_junior_who_can_teach_what_a_senior_wants_scores_on_skills_and_distance() {
        let mut mentor = person(3, "Marketing");
        mentor.teaches = vec!["TikTok".into(), "Python".into()];
        let mut mentee = person(9, "Finance");
        mentee.learns = vec!["python for data".into(), "Figma".into()];
        let (mentor, mentee) = (mentor.with_topic_keys(), mentee.with_topic_keys());
        let scored = evaluate(&rules(ProgramKind::Reverse), &mentor, &mentee).unwrap();
        assert_eq!(score(&rules(ProgramKind::Reverse), &mentor, &mentee), Ok(scored.score));
        let part = |c| scored.parts.iter().find(|p| p.criterion == c).unwrap().value;
        assert_eq!(part(Criterion::Skills), 0.5, "one of two wanted topics");
        assert_eq!(part(Criterion::CrossDepartment), 1.0);
        assert_eq!(part(Criterion::CrossFunction), 0.0);
        assert_eq!(part(Criterion::Seniority), 1.0, "six levels apart");
        assert_eq!(part(Criterion::HoursOverlap), 1.0, "the same zone");
        let expected: f64 = scored.parts.iter().map(|p| p.value * p.weight).sum();
        assert_eq!(scored.score, expected);
        let words = scored.explain(Locale::En);
        assert!(words.starts_with("From different departments (Marketing and Finance); can teach"), "{words}");
        assert!(words.contains("python for data"), "{words}");
        assert!(scored.explain(Locale::Ja).contains("部署が異なります（MarketingとFinance）"));
    }

    #[test]
    fn hard_constraints_keep_a_pair_out_with_the_reason() {
        let reverse = rules(ProgramKind::Reverse);
        let (mentor, mut mentee) = (person(3, "Sales"), person(9, "IT"));
        let mut boss_below = mentor.clone();
        boss_below.managers = vec![PersonId::new(), mentee.person];
        assert_eq!(evaluate(&reverse, &boss_below, &mentee), Err(Barrier::ReportingLine), "anyone up the line");
        assert_eq!(evaluate(&reverse, &mentee, &mentor), Err(Barrier::SeniorityDirection));
        let mut no_level = mentee.clone();
        no_level.job_level = None;
        assert_eq!(evaluate(&reverse, &mentor, &no_level), Err(Barrier::SeniorityDirection), "unknown is not junior");
        mentee.languages = vec!["en".into()];
        assert_eq!(evaluate(&reverse, &mentor, &mentee), Err(Barrier::NoCommonLanguage));
        let mut relaxed = reverse.clone();
        relaxed.constraints.common_language = false;
        assert!(evaluate(&relaxed, &mentor, &mentee).is_ok());
        mentee.languages = vec!["ja".into()];
        mentee.time_zone = parse_zone("America/New_York");
        assert_eq!(
            evaluate(&reverse, &mentor, &mentee),
            Err(Barrier::TooLittleOverlap { hours: 0, min: 2 }),
            "Tokyo and New York share no working hour"
        );
        mentee.time_zone = parse_zone("Asia/Tokyo");
        mentee.rather_not = vec![mentor.person];
        assert_eq!(evaluate(&reverse, &mentor, &mentee), Err(Barrier::AskedNotTo));
    }

    #[test]
    fn mutual_scores_are_symmetric() {
        let mutual = rules(ProgramKind::Mutual);
        let mut a = person(3, "Sales");
        a.teaches = vec!["Excel".into()];
        a.learns = vec!["SQL".into(), "negotiation".into()];
        a.time_zone = parse_zone("Asia/Singapore");
        let mut b = person(8, "IT");
        b.teaches = vec!["sql".into()];
        b.learns = vec!["excel".into()];
        b.would_like = vec![a.person];
        let (a, b) = (a.with_topic_keys(), b.with_topic_keys());
        let ab = evaluate(&mutual, &a, &b).unwrap().score;
        let ba = evaluate(&mutual, &b, &a).unwrap().score;
        assert!((ab - ba).abs() < 1e-12, "{ab} vs {ba}");
    }

    #[test]
    fn working_hours_overlap_follows_the_offsets_of_the_day() {
        let zone = |name| parse_zone(name);
        assert_eq!(overlap_hours(zone("Asia/Tokyo"), zone("Asia/Tokyo"), at()), Some(9.0));
        assert_eq!(overlap_hours(zone("Asia/Tokyo"), zone("Asia/Singapore"), at()), Some(8.0));
        assert_eq!(overlap_hours(zone("Asia/Tokyo"), zone("Europe/London"), at()), Some(0.0));
        assert_eq!(overlap_hours(zone("Asia/Tokyo"), zone("Asia/Kolkata"), at()), Some(5.5));
        // Across midnight in UTC: Auckland (UTC+13 in January) and Tokyo (UTC+9).
        assert_eq!(overlap_hours(zone("Pacific/Auckland"), zone("Asia/Tokyo"), at()), Some(5.0));
        assert_eq!(overlap_hours(None, zone("Asia/Tokyo"), at()), None);
    }

    #[test]
    fn topics_are_split_and_compared_as_people_write_them() {
        assert_eq!(topics("Python, TikTok、Excel\n 動画編集 "), ["Python", "TikTok", "Excel", "動画編集"]);
        assert_eq!(topic_key(" ＰＹＴＨＯＮ  Basics "), "python basics");
        assert!(covers("python", "python basics"));
        assert!(!covers("go", "google ads"), "two letters are too few to count as contained");
    }

    #[test]
    fn presets_are_in_range_and_weights_out_of_range_are_named() {
        for kind in ProgramKind::ALL {
            assert!(Weights::preset(*kind).out_of_range().is_empty());
            assert!(Weights::preset(*kind).max_score() > 0.0);
        }
        let weights = Weights([(Criterion::Skills, 11.0), (Criterion::Wishes, -1.0)].into_iter().collect());
        assert_eq!(weights.out_of_range(), [Criterion::Skills, Criterion::Wishes]);
    }
}
