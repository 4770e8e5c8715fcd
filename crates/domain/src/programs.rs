//! Programs: why they exist (purpose and success metrics), how they are designed (kind,
//! eligibility per role, slots, dates, commitment, check-ins, training, resources), and the
//! lifecycle they go through.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Reason;
use crate::eligibility::Refusal;
use crate::people::{JobLevel, Person};
use crate::values::display_name;

text_enum!(
    /// Who teaches whom. Mutual programs are two-way by design: neither side is "the mentor".
    ProgramKind { Reverse = "reverse", Traditional = "traditional", Mutual = "mutual", Group = "group" }
);

text_enum!(
    /// Why a program exists.
    PurposeKind {
        KnowledgeSharing = "knowledge_sharing",
        NetworkBuilding = "network_building",
        AdaptingToChange = "adapting_to_change",
        DiverseConnections = "diverse_connections",
        Custom = "custom",
    }
);

text_enum!(
    /// The role someone takes in a pair; in mutual programs everyone is `either`.
    ParticipantRole { Mentor = "mentor", Mentee = "mentee", Either = "either" }
);

text_enum!(
    /// How often pairs are asked how it is going.
    Cadence { Weekly = "weekly", Biweekly = "biweekly", Monthly = "monthly" }
);

text_enum!(
    /// Draft → recruiting → matching → active → completed → archived.
    ProgramState {
        Draft = "draft",
        Recruiting = "recruiting",
        Matching = "matching",
        Active = "active",
        Completed = "completed",
        Archived = "archived",
    }
);

text_enum!(
    /// Where a success metric's number comes from: a value the program's managers enter
    /// (`manual`), or a figure measured from the program's own data: `sessions_per_pair`
    /// (sessions logged per pair, on average), `reciprocity` (the mean reciprocity index, 0–1,
    /// of pairs that recorded learning), `senior_learned` (% of pairs whose more senior member
    /// learned from the more junior one), `check_in_score` (the mean check-in score, 1–5),
    /// `survey_nps` (the Net Promoter Score of the latest survey asking it),
    /// `survey_question` (one question, by `question` key: a scale's % answering 4–5, an NPS
    /// question's score), `training_completion` (% of participants who finished their
    /// training), `executive_participation` (% of pairs with an executive in them),
    /// `pairs_retained` (% of published pairs that stayed together: not withdrawn), `cross_department` (% of published
    /// pairs across departments).
    MetricSource {
        Manual = "manual",
        SessionsPerPair = "sessions_per_pair",
        Reciprocity = "reciprocity",
        SeniorLearned = "senior_learned",
        CheckInScore = "check_in_score",
        SurveyNps = "survey_nps",
        SurveyQuestion = "survey_question",
        TrainingCompletion = "training_completion",
        ExecutiveParticipation = "executive_participation",
        PairsRetained = "pairs_retained",
        CrossDepartment = "cross_department",
    }
);

// `text_enum!` takes no attributes on variants, so `#[default]` cannot be derived.
#[allow(clippy::derivable_impls)]
impl Default for MetricSource {
    fn default() -> Self {
        Self::Manual
    }
}

/// What success looks like, and how it is measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "name": "Mentees confident with the new tools", "target": 80.0, "unit": "%", "measured_by": "end-of-program survey",
    "source": "survey_question", "question": "changed"
})))]
#[serde(deny_unknown_fields)]
pub struct SuccessMetric {
    pub name: String,
    pub target: f64,
    pub unit: String,
    /// Where the figure comes from, in words, e.g. "end-of-program survey".
    pub measured_by: String,
    /// Where the number comes from; `manual` (the default) takes values the managers enter.
    #[serde(default)]
    pub source: MetricSource,
    /// `survey_question` only: the question's key in the program's surveys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

/// Who may take a role, over directory attributes. Empty lists mean "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "role": "mentee", "level_min": 8, "level_max": 14, "departments": ["Marketing", "Sales"],
    "functions": [], "regions": ["APAC"], "executives_only": false
})))]
#[serde(default)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    pub role: Option<ParticipantRole>,
    pub level_min: Option<u8>,
    pub level_max: Option<u8>,
    pub departments: Vec<String>,
    pub functions: Vec<String>,
    pub regions: Vec<String>,
    pub executives_only: bool,
}

impl Eligibility {
    /// Why `person` may not take this role; empty when they may.
    pub fn refusals(&self, person: &Person) -> Vec<Refusal> {
        let mut reasons = Vec::new();
        let level = person.job_level.map(JobLevel::get);
        if let Some(min) = self.level_min
            && level.is_none_or(|l| l < min)
        {
            reasons.push(Refusal::LevelAtLeast(min));
        }
        if let Some(max) = self.level_max
            && level.is_none_or(|l| l > max)
        {
            reasons.push(Refusal::LevelAtMost(max));
        }
        let within = |allowed: &[String], value: &Option<String>| {
            allowed.is_empty() || value.as_ref().is_some_and(|v| allowed.iter().any(|a| a.eq_ignore_ascii_case(v)))
        };
        if !within(&self.departments, &person.department) {
            reasons.push(Refusal::Departments(self.departments.clone()));
        }
        if !within(&self.functions, &person.function) {
            reasons.push(Refusal::Functions(self.functions.clone()));
        }
        if !within(&self.regions, &person.region) {
            reasons.push(Refusal::Regions(self.regions.clone()));
        }
        if self.executives_only && !person.is_executive {
            reasons.push(Refusal::ExecutivesOnly);
        }
        reasons
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "title": "Being a reverse mentor", "role": "mentor", "url": "https://tandem.example/training/reverse-mentor"
})))]
#[serde(deny_unknown_fields)]
pub struct TrainingModule {
    pub title: String,
    /// Who must complete it (either: both roles).
    pub role: ParticipantRole,
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "title": "Reverse mentoring guide", "link": "https://tandem.example/guides/reverse-mentoring",
    "description": "How to run the first meeting, and what to talk about next."
})))]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub title: String,
    pub link: String,
    pub description: Option<String>,
}

/// A program's purpose and design, as the console's wizard or a partner sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "name": "Reverse mentoring on digital skills", "kind": "reverse",
    "purposes": ["knowledge_sharing", "adapting_to_change"],
    "success_metrics": [{"name": "Mentees confident with the new tools", "target": 80.0, "unit": "%", "measured_by": "end-of-program survey"}],
    "eligibility": [{"role": "mentor", "level_max": 4}, {"role": "mentee", "level_min": 8}],
    "mentors_more_junior": true, "slots": 20, "mentor_capacity": 1,
    "start_date": "2027-01-11", "end_date": "2027-06-30", "meetings_per_month": 2, "minutes_per_meeting": 45,
    "check_in_cadence": "monthly",
    "training": [{"title": "Being a reverse mentor", "role": "mentor", "url": "https://tandem.example/training/reverse-mentor"}],
    "resources": [{"title": "Reverse mentoring guide", "link": "https://tandem.example/guides/reverse-mentoring"}]
})))]
#[serde(deny_unknown_fields)]
pub struct ProgramDesign {
    #[cfg_attr(feature = "openapi", schema(example = "Reverse mentoring on digital skills"))]
    pub name: String,
    pub kind: ProgramKind,
    #[cfg_attr(feature = "openapi", schema(example = json!(["knowledge_sharing", "adapting_to_change"])))]
    pub purposes: Vec<PurposeKind>,
    /// Required when `purposes` has `custom`.
    #[cfg_attr(feature = "openapi", schema(example = "Prepare managers for hybrid work"))]
    pub custom_purpose: Option<String>,
    #[serde(default)]
    pub success_metrics: Vec<SuccessMetric>,
    /// One rule per role (mentor, mentee), or one `either` rule (mutual programs).
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(example = json!([{"role": "mentor", "level_max": 4}, {"role": "mentee", "level_min": 8}]))
    )]
    pub eligibility: Vec<Eligibility>,
    /// Reverse programs: mentors must be more junior than their mentees (default true).
    #[serde(default = "yes")]
    pub mentors_more_junior: bool,
    #[cfg_attr(feature = "openapi", schema(example = 20))]
    pub slots: u32,
    #[serde(default = "one")]
    #[cfg_attr(feature = "openapi", schema(example = 1))]
    pub mentor_capacity: u32,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    #[cfg_attr(feature = "openapi", schema(example = 2))]
    pub meetings_per_month: u32,
    #[cfg_attr(feature = "openapi", schema(example = 45))]
    pub minutes_per_meeting: u32,
    pub check_in_cadence: Cadence,
    #[serde(default)]
    pub training: Vec<TrainingModule>,
    #[serde(default)]
    pub resources: Vec<Resource>,
}

fn yes() -> bool {
    true
}

fn one() -> u32 {
    1
}

/// A design problem, by field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DesignProblem {
    pub field: &'static str,
    pub reason: Reason,
}

impl ProgramDesign {
    /// The design as it is kept: mentors are "more junior" only in reverse programs, so the
    /// flag is off in every other kind whatever was sent.
    pub fn settled(mut self) -> Self {
        self.mentors_more_junior &= self.kind == ProgramKind::Reverse;
        self
    }

    /// Problems that make the design invalid at any stage.
    pub fn problems(&self) -> Vec<DesignProblem> {
        let mut problems = Vec::new();
        let mut refuse = |field: &'static str, reason: Reason| problems.push(DesignProblem { field, reason });
        if let Err(reason) = display_name(&self.name, 200) {
            refuse("name", reason);
        }
        if self.purposes.is_empty() {
            refuse("purposes", Reason::NamePurpose);
        }
        if self.purposes.contains(&PurposeKind::Custom)
            && self.custom_purpose.as_deref().is_none_or(|p| p.trim().is_empty())
        {
            refuse("custom_purpose", Reason::DescribeCustomPurpose);
        }
        if self.success_metrics.iter().any(|m| m.name.trim().is_empty() || !m.target.is_finite()) {
            refuse("success_metrics", Reason::MetricNeedsNameAndTarget);
        }
        if self.success_metrics.iter().any(|m| {
            (m.source == MetricSource::SurveyQuestion) != m.question.as_deref().is_some_and(|q| !q.trim().is_empty())
        }) {
            refuse("success_metrics", Reason::MetricQuestion);
        }
        for rule in &self.eligibility {
            if let (Some(min), Some(max)) = (rule.level_min, rule.level_max)
                && min > max
            {
                refuse("eligibility", Reason::LevelMinAboveMax);
            }
            if rule.level_min.is_some_and(|l| !(1..=JobLevel::MAX).contains(&l))
                || rule.level_max.is_some_and(|l| !(1..=JobLevel::MAX).contains(&l))
            {
                refuse("eligibility", Reason::LevelsRange { max: JobLevel::MAX });
            }
        }
        if self.eligibility.iter().any(|r| r.role.is_none()) {
            refuse("eligibility", Reason::RuleNeedsRole);
        }
        if self.no_mentor_can_be_more_junior() {
            refuse("eligibility", Reason::NoJuniorMentorPossible);
        }
        if self.kind == ProgramKind::Mutual
            && self.eligibility.iter().any(|r| r.role.is_some_and(|role| role != ParticipantRole::Either))
        {
            refuse("eligibility", Reason::MutualUsesEither);
        }
        if self.slots == 0 || self.slots > 10_000 {
            refuse("slots", Reason::Between { min: 1, max: 10_000 });
        }
        if self.mentor_capacity == 0 || self.mentor_capacity > 20 {
            refuse("mentor_capacity", Reason::Between { min: 1, max: 20 });
        }
        if let (Some(start), Some(end)) = (self.start_date, self.end_date)
            && start >= end
        {
            refuse("end_date", Reason::EndAfterStart);
        }
        if self.meetings_per_month == 0 || self.meetings_per_month > 31 {
            refuse("meetings_per_month", Reason::Between { min: 1, max: 31 });
        }
        if !(5..=480).contains(&self.minutes_per_meeting) {
            refuse("minutes_per_meeting", Reason::Between { min: 5, max: 480 });
        }
        if self.resources.iter().any(|r| r.title.trim().is_empty() || !web_link(&r.link)) {
            refuse("resources", Reason::ResourceNeedsTitleAndLink);
        }
        if self.training.iter().any(|t| t.title.trim().is_empty()) {
            refuse("training", Reason::ModuleNeedsTitle);
        }
        if self.training.iter().any(|t| t.url.as_deref().is_some_and(|url| !web_link(url))) {
            refuse("training", Reason::ModuleLinkNotWeb);
        }
        problems
    }

    /// Whether `mentor` may mentor `mentee` under this design's direction of seniority: in
    /// reverse programs (unless turned off) the mentor must be more junior, by job level.
    pub fn seniority_allows(&self, mentor: &Person, mentee: &Person) -> bool {
        if self.kind != ProgramKind::Reverse || !self.mentors_more_junior {
            return true;
        }
        matches!((mentor.job_level, mentee.job_level), (Some(mentor), Some(mentee)) if mentee.is_more_senior_than(mentor))
    }

    /// In a reverse program that keeps mentors junior, whether the level ranges of the mentor
    /// and mentee rules leave no pair possible (the most junior mentor is not below the most
    /// senior mentee).
    fn no_mentor_can_be_more_junior(&self) -> bool {
        if self.kind != ProgramKind::Reverse || !self.mentors_more_junior {
            return false;
        }
        let rule = |role| self.eligibility.iter().find(|r| r.role == Some(role));
        let (Some(mentors), Some(mentees)) = (rule(ParticipantRole::Mentor), rule(ParticipantRole::Mentee)) else {
            return false;
        };
        mentors.level_min.unwrap_or(1) >= mentees.level_max.unwrap_or(JobLevel::MAX)
    }

    /// Whether the rule set covers both sides: a mentor and a mentee rule, or an `either` rule.
    fn has_eligibility_for_both_roles(&self) -> bool {
        let has = |role: ParticipantRole| {
            self.eligibility.iter().any(|r| r.role == Some(role) || r.role == Some(ParticipantRole::Either))
        };
        has(ParticipantRole::Mentor) && has(ParticipantRole::Mentee)
    }
}

/// What the lifecycle needs to know beyond the design.
#[derive(Clone, Copy, Debug, Default)]
pub struct ProgramFacts {
    pub published_pairs: u32,
    /// Its campaigns still open for applications.
    pub open_campaigns: u32,
    /// The move closes those campaigns in the same step (the admin said so).
    pub closes_campaigns: bool,
}

/// The moves of the lifecycle, from → to, in the order the next states are offered. A draft
/// may be archived unused; recruiting and matching may step back once.
const PROGRAM_MOVES: [(ProgramState, ProgramState); 8] = {
    use ProgramState::*;
    [
        (Draft, Recruiting),
        (Draft, Archived),
        (Recruiting, Matching),
        (Recruiting, Draft),
        (Matching, Active),
        (Matching, Recruiting),
        (Active, Completed),
        (Completed, Archived),
    ]
};

impl ProgramState {
    /// The states a program in this one may move to, as the lifecycle allows (a move may
    /// still be refused for what the program lacks: see [`check_transition`]).
    pub fn next_states(self) -> Vec<ProgramState> {
        PROGRAM_MOVES.iter().filter(|(from, _)| *from == self).map(|(_, to)| *to).collect()
    }
}

/// May a program in `from` move to `to`?
pub fn check_transition(
    design: &ProgramDesign,
    from: ProgramState,
    to: ProgramState,
    facts: ProgramFacts,
) -> Result<(), Reason> {
    use ProgramState::*;
    if !PROGRAM_MOVES.contains(&(from, to)) {
        return Err(Reason::ProgramCannotBecome { from, to });
    }
    if from == Recruiting && to != Recruiting && facts.open_campaigns > 0 && !facts.closes_campaigns {
        return Err(Reason::CloseCampaignsFirst { open: facts.open_campaigns });
    }
    match to {
        Recruiting if from == Draft => ready_to_recruit(design),
        Active if facts.published_pairs == 0 => Err(Reason::PublishPairsFirst),
        _ => Ok(()),
    }
}

/// What recruiting needs of a design: who may take each role, and the dates.
fn ready_to_recruit(design: &ProgramDesign) -> Result<(), Reason> {
    if !design.has_eligibility_for_both_roles() {
        return Err(Reason::SetRolesBeforeRecruiting);
    }
    if design.start_date.is_none() || design.end_date.is_none() {
        return Err(Reason::SetDatesBeforeRecruiting);
    }
    Ok(())
}

/// May a program in `state` take `design` as its new design? Once recruiting has started the
/// design must stay ready to recruit (the guard of that transition cannot be undone by an
/// edit), and completed or archived programs no longer change.
pub fn check_design_change(state: ProgramState, design: &ProgramDesign) -> Result<(), Reason> {
    match state {
        ProgramState::Draft => Ok(()),
        ProgramState::Recruiting | ProgramState::Matching | ProgramState::Active => {
            ready_to_recruit(design).map_err(|why| Reason::ProgramKeepsRulesAndDates { state, why: Box::new(why) })
        }
        ProgramState::Completed | ProgramState::Archived => Err(Reason::ProgramNoLongerChanges { state }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recruiting_ends_only_with_its_campaigns_closed_in_the_same_step() {
        let open = ProgramFacts { open_campaigns: 2, ..ProgramFacts::default() };
        assert_eq!(
            check_transition(&design(), ProgramState::Recruiting, ProgramState::Matching, open),
            Err(Reason::CloseCampaignsFirst { open: 2 })
        );
        let closing = ProgramFacts { closes_campaigns: true, ..open };
        assert_eq!(check_transition(&design(), ProgramState::Recruiting, ProgramState::Matching, closing), Ok(()));
    }
    use crate::people::{PersonDraft, PersonField, read_person};

    pub(crate) fn design() -> ProgramDesign {
        ProgramDesign {
            name: "Digital reverse mentoring".into(),
            kind: ProgramKind::Reverse,
            purposes: vec![PurposeKind::AdaptingToChange],
            custom_purpose: None,
            success_metrics: vec![],
            eligibility: vec![
                Eligibility { role: Some(ParticipantRole::Mentor), level_max: Some(4), ..Default::default() },
                Eligibility { role: Some(ParticipantRole::Mentee), level_min: Some(10), ..Default::default() },
            ],
            mentors_more_junior: true,
            slots: 10,
            mentor_capacity: 1,
            start_date: NaiveDate::from_ymd_opt(2027, 1, 10),
            end_date: NaiveDate::from_ymd_opt(2027, 6, 30),
            meetings_per_month: 2,
            minutes_per_meeting: 45,
            check_in_cadence: Cadence::Monthly,
            training: vec![],
            resources: vec![],
        }
    }

    #[test]
    fn a_complete_design_may_start_recruiting() {
        assert_eq!(
            check_transition(&design(), ProgramState::Draft, ProgramState::Recruiting, ProgramFacts::default()),
            Ok(())
        );
    }

    #[test]
    fn recruiting_needs_eligibility_and_dates() {
        let mut no_mentee = design();
        no_mentee.eligibility.pop();
        let refused =
            check_transition(&no_mentee, ProgramState::Draft, ProgramState::Recruiting, ProgramFacts::default());
        assert_eq!(refused.unwrap_err(), Reason::SetRolesBeforeRecruiting);
        let mut no_dates = design();
        no_dates.end_date = None;
        assert!(
            check_transition(&no_dates, ProgramState::Draft, ProgramState::Recruiting, ProgramFacts::default())
                .is_err()
        );
    }

    #[test]
    fn going_active_needs_published_pairs_and_states_follow_the_method() {
        let refused =
            check_transition(&design(), ProgramState::Matching, ProgramState::Active, ProgramFacts::default());
        assert_eq!(refused.unwrap_err(), Reason::PublishPairsFirst);
        assert_eq!(
            check_transition(
                &design(),
                ProgramState::Matching,
                ProgramState::Active,
                ProgramFacts { published_pairs: 1, ..ProgramFacts::default() }
            ),
            Ok(())
        );
        assert!(
            check_transition(
                &design(),
                ProgramState::Draft,
                ProgramState::Active,
                ProgramFacts { published_pairs: 5, ..ProgramFacts::default() }
            )
            .is_err()
        );
        assert!(
            check_transition(&design(), ProgramState::Active, ProgramState::Archived, ProgramFacts::default()).is_err()
        );
    }

    #[test]
    fn next_states_are_the_moves_the_check_allows() {
        use ProgramState::*;
        assert_eq!(Draft.next_states(), [Recruiting, Archived]);
        assert_eq!(Recruiting.next_states(), [Matching, Draft]);
        assert_eq!(Matching.next_states(), [Active, Recruiting]);
        assert_eq!(Active.next_states(), [Completed]);
        assert_eq!(Completed.next_states(), [Archived]);
        assert!(Archived.next_states().is_empty());
        let facts = ProgramFacts { published_pairs: 1, ..ProgramFacts::default() };
        for &from in ProgramState::ALL {
            for &to in ProgramState::ALL {
                let listed = from.next_states().contains(&to);
                let refused_as_a_move =
                    check_transition(&design(), from, to, facts) == Err(Reason::ProgramCannotBecome { from, to });
                assert_eq!(listed, !refused_as_a_move, "{from} → {to}");
            }
        }
    }

    #[test]
    fn a_design_is_kept_with_junior_mentors_only_in_reverse_programs() {
        assert!(design().settled().mentors_more_junior);
        let mut mutual = design();
        mutual.kind = ProgramKind::Mutual;
        assert!(!mutual.settled().mentors_more_junior);
    }

    #[test]
    fn a_design_reads_with_defaults_and_refuses_unknown_fields() {
        let sent = serde_json::json!({"name": "Pairs", "kind": "mutual", "purposes": ["network_building"], "slots": 5,
            "meetings_per_month": 2, "minutes_per_meeting": 45, "check_in_cadence": "monthly"});
        let read: ProgramDesign = serde_json::from_value(sent.clone()).unwrap();
        assert!(read.mentors_more_junior && read.eligibility.is_empty() && read.training.is_empty());
        assert_eq!(read.mentor_capacity, 1);
        let mut extra = sent;
        extra["owner"] = "x".into();
        assert!(serde_json::from_value::<ProgramDesign>(extra).is_err());
    }

    #[test]
    fn once_recruiting_a_design_keeps_its_rules_and_dates() {
        let mut no_dates = design();
        no_dates.start_date = None;
        assert_eq!(check_design_change(ProgramState::Draft, &no_dates), Ok(()));
        for state in [ProgramState::Recruiting, ProgramState::Matching, ProgramState::Active] {
            assert_eq!(
                check_design_change(state, &no_dates),
                Err(Reason::ProgramKeepsRulesAndDates { state, why: Box::new(Reason::SetDatesBeforeRecruiting) })
            );
            assert_eq!(check_design_change(state, &design()), Ok(()), "{state}");
        }
        let mut no_rules = design();
        no_rules.eligibility.clear();
        assert_eq!(
            check_design_change(ProgramState::Recruiting, &no_rules),
            Err(Reason::ProgramKeepsRulesAndDates {
                state: ProgramState::Recruiting,
                why: Box::new(Reason::SetRolesBeforeRecruiting)
            })
        );
        assert!(check_design_change(ProgramState::Completed, &design()).is_err());
        assert!(check_design_change(ProgramState::Archived, &design()).is_err());
    }

    fn at_level(level: &str) -> Person {
        let mut draft = PersonDraft::default();
        for (field, value) in
            [(PersonField::ExternalId, "E1"), (PersonField::Name, "Ann"), (PersonField::Email, "a@b.example")]
        {
            draft.set(field, value);
        }
        draft.set(PersonField::JobLevel, level);
        read_person(&draft, false).unwrap()
    }

    #[test]
    fn reverse_mentors_are_more_junior_unless_turned_off() {
        let (junior, senior) = (at_level("3"), at_level("9"));
        let reverse = design();
        assert!(reverse.seniority_allows(&junior, &senior));
        assert!(!reverse.seniority_allows(&senior, &junior));
        assert!(!reverse.seniority_allows(&junior, &at_level("3")), "the same level is not more junior");
        let mut off = design();
        off.mentors_more_junior = false;
        assert!(off.seniority_allows(&senior, &junior));
        let mut mutual = design();
        mutual.kind = ProgramKind::Mutual;
        assert!(mutual.seniority_allows(&senior, &junior), "mutual pairs have no direction");
    }

    #[test]
    fn a_reverse_design_where_no_mentor_is_junior_is_refused() {
        let mut impossible = design();
        impossible.eligibility = vec![
            Eligibility { role: Some(ParticipantRole::Mentor), level_min: Some(8), ..Default::default() },
            Eligibility { role: Some(ParticipantRole::Mentee), level_max: Some(8), ..Default::default() },
        ];
        let fields: Vec<&str> = impossible.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["eligibility"]);
        impossible.mentors_more_junior = false;
        assert!(impossible.problems().is_empty(), "allowed once the admin turns the rule off");
        let mut roleless = design();
        roleless.eligibility[0].role = None;
        assert_eq!(roleless.problems()[0].field, "eligibility");
    }

    #[test]
    fn design_problems_are_named() {
        let mut bad = design();
        bad.kind = ProgramKind::Mutual;
        bad.slots = 0;
        bad.end_date = NaiveDate::from_ymd_opt(2026, 1, 1);
        bad.purposes = vec![PurposeKind::Custom];
        let fields: Vec<&str> = bad.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["custom_purpose", "eligibility", "slots", "end_date"]);
        assert!(design().problems().is_empty());
    }

    #[test]
    fn eligibility_says_why_in_words() {
        let mut draft = PersonDraft::default();
        for (field, value) in [
            (PersonField::ExternalId, "E1"),
            (PersonField::Name, "Ann"),
            (PersonField::Email, "a@b.example"),
            (PersonField::JobLevel, "6"),
            (PersonField::Department, "Sales"),
        ] {
            draft.set(field, value);
        }
        let person = read_person(&draft, false).unwrap();
        let rule = Eligibility {
            level_max: Some(4),
            departments: vec!["Marketing".into()],
            executives_only: true,
            ..Default::default()
        };
        let words: Vec<String> = rule.refusals(&person).iter().map(ToString::to_string).collect();
        assert_eq!(
            words,
            ["needs job level 4 or below", "open to the departments Marketing only", "open to executives only"]
        );
        assert!(Eligibility::default().refusals(&person).is_empty());
    }
}

/// A link people may follow from the console and the emails: a web page, nothing a browser
/// would run (`javascript:`, `data:`) or open elsewhere.
fn web_link(link: &str) -> bool {
    let rest = link.strip_prefix("https://").or_else(|| link.strip_prefix("http://"));
    rest.is_some_and(|rest| !rest.is_empty() && !link.chars().any(|c| c.is_whitespace() || c.is_control()))
}

#[cfg(test)]
mod web_link_tests {
    use super::web_link;

    #[test]
    fn only_web_pages_are_links() {
        assert!(web_link("https://tandem.example/guide"));
        assert!(web_link("http://intranet/guide"));
        for refused in ["javascript:alert(1)", "data:text/html,x", "https://", "ftp://x", "https://a b", "//x", ""] {
            assert!(!web_link(refused), "{refused}");
        }
    }
}
