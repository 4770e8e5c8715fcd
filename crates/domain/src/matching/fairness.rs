//! The fairness report of one matching run: whether some group of applicants was matched less
//! often than the others, told without singling out a small group.
//!
//! For each attribute ([`AuditAttribute`]) the applicants are grouped by their value, and each
//! group shows how many applied, how many were matched and how well. A group matched at less
//! than four-fifths of the rate of the best group is flagged: the US EEOC's rule of thumb for
//! adverse impact. It is a prompt to look, not a verdict.
//!
//! # Small groups
//!
//! A rate over two people tells the reader about those two people. So no group of fewer than
//! [`MIN_GROUP`] applicants is ever shown:
//!
//! - Every group smaller than that, the people whose value is unknown included, is merged
//!   into one group, [`GroupName::Other`].
//! - If `Other` is still too small, it is not shown. Its numbers must not be recoverable
//!   either: the reader knows the run's totals (an attribute where every group is shown adds
//!   up to them), so subtracting the shown groups from the totals would give them back. The
//!   smallest shown group is therefore left out with it, and what subtraction gives is the sum
//!   of more than [`MIN_GROUP`] people.
//! - If then exactly one group would remain, the attribute shows no group at all: one group
//!   compared with nothing says nothing, and its complement is what was left out.
//!
//! Job levels are grouped in bands ([`level_band`]) before they get here, for the same reason.
//!
//! # Sensitive attributes
//!
//! Gender and age band are only reported when asked for ([`AuditAttribute::is_sensitive`]).
//!
//! The same input gives the same report: groups are kept in ordered maps and sorted stably.

#[cfg(test)]
mod tests;

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The fewest applicants a group may have to be shown.
pub const MIN_GROUP: usize = 5;

/// An attribute the report groups people by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditAttribute {
    Department,
    Function,
    Region,
    /// The band of the job level ([`level_band`]).
    LevelBand,
    /// Whether the applicant is an executive ([`executive_value`]).
    Executive,
    Gender,
    AgeBand,
}

impl AuditAttribute {
    /// Every attribute, in the order the report lists them.
    pub const ALL: [AuditAttribute; 7] = [
        AuditAttribute::Department,
        AuditAttribute::Function,
        AuditAttribute::Region,
        AuditAttribute::LevelBand,
        AuditAttribute::Executive,
        AuditAttribute::Gender,
        AuditAttribute::AgeBand,
    ];

    /// Whether the attribute is personal data that is only reported when asked for.
    pub fn is_sensitive(self) -> bool {
        matches!(self, AuditAttribute::Gender | AuditAttribute::AgeBand)
    }

    /// The attribute's name in an English sentence.
    fn label(self) -> &'static str {
        match self {
            AuditAttribute::Department => "Department",
            AuditAttribute::Function => "Function",
            AuditAttribute::Region => "Region",
            AuditAttribute::LevelBand => "Level band",
            AuditAttribute::Executive => "Executive",
            AuditAttribute::Gender => "Gender",
            AuditAttribute::AgeBand => "Age band",
        }
    }
}

/// The band of a job level (1..=20): "1–3", "4–6", "7–9", "10–12" or "13+". The report groups
/// by band rather than by level because few people share a senior level: the group of level 17
/// may be one person, and its match rate would be theirs. (0 is not a level; it counts with
/// the lowest band.)
pub fn level_band(level: u8) -> String {
    let band = match level {
        0..=3 => "1–3",
        4..=6 => "4–6",
        7..=9 => "7–9",
        10..=12 => "10–12",
        _ => "13+",
    };
    band.to_owned()
}

/// The value of [`AuditAttribute::Executive`] for an applicant who is an executive or not:
/// "yes" or "no". [`ExecutiveParticipation::applicants`] counts the "yes".
pub fn executive_value(is_executive: bool) -> String {
    if is_executive { EXECUTIVE } else { "no" }.to_owned()
}

const EXECUTIVE: &str = "yes";

/// One applicant as the report sees them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applicant {
    /// The applicant's value for each attribute (None: not known, grouped as "unknown"). A
    /// missing attribute or a blank value is not known either. Values are compared as given.
    pub values: BTreeMap<AuditAttribute, Option<String>>,
    /// The score of the applicant's pair in the run, when matched.
    pub pair_score: Option<f64>,
}

/// One pair as the report sees it: whether it crosses departments, functions, regions
/// (None when either side's value is unknown), and the executives in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PairFacts {
    pub cross_department: Option<bool>,
    pub cross_function: Option<bool>,
    pub cross_region: Option<bool>,
    pub executive_mentor: bool,
    pub executive_mentee: bool,
}

/// The fairness report of one matching run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"attributes": [{"attribute": "region", "groups": [{"group": {"kind": "value", "value": "Kanto"}, "applicants": 20, "matched": 18, "match_rate": 0.9, "mean_score": 11.2}, {"group": {"kind": "value", "value": "Kansai"}, "applicants": 10, "matched": 4, "match_rate": 0.4, "mean_score": 9.8}], "flags": [{"group": {"kind": "value", "value": "Kansai"}, "match_rate": 0.4, "best_group": {"kind": "value", "value": "Kanto"}, "best_rate": 0.9, "ratio": 0.44}]}], "cross_department_share": 0.8, "cross_function_share": 0.6, "cross_region_share": 0.3, "executives": {"applicants": 4, "pairs_as_mentor": 0, "pairs_as_mentee": 3, "pairs": 3}})))]
pub struct FairnessReport {
    /// One per attribute, in the order of [`AuditAttribute::ALL`]; the sensitive ones only
    /// when asked for.
    pub attributes: Vec<AttributeReport>,
    /// The share of pairs whose two sides are in different departments, among the pairs
    /// where both are known; None when there is no such pair.
    pub cross_department_share: Option<f64>,
    /// The same for functions.
    pub cross_function_share: Option<f64>,
    /// The same for regions.
    pub cross_region_share: Option<f64>,
    pub executives: ExecutiveParticipation,
}

/// How the groups of one attribute fared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"attribute": "region", "groups": [{"group": {"kind": "value", "value": "Kanto"}, "applicants": 20, "matched": 18, "match_rate": 0.9, "mean_score": 11.2}], "flags": []})))]
pub struct AttributeReport {
    pub attribute: AuditAttribute,
    /// The groups shown, largest first, then by name; `Other` and `Unknown` last. Empty when
    /// showing any would single out a small group (see the module's documentation).
    pub groups: Vec<GroupReport>,
    /// The groups matched at less than four-fifths of the best group's rate, in group order.
    pub flags: Vec<Flag>,
}

/// One group of applicants that share a value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"group": {"kind": "value", "value": "Kanto"}, "applicants": 20, "matched": 18, "match_rate": 0.9, "mean_score": 11.2})))]
pub struct GroupReport {
    pub group: GroupName,
    /// Never fewer than [`MIN_GROUP`].
    pub applicants: usize,
    pub matched: usize,
    /// matched / applicants.
    pub match_rate: f64,
    /// The mean score of the matched applicants' pairs; None when nobody was matched.
    pub mean_score: Option<f64>,
}

/// The name of a group: a value, the people whose value is unknown, or the small groups merged.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", schema(example = json!({"kind": "value", "value": "Kanto"})))]
pub enum GroupName {
    Value(String),
    Unknown,
    Other,
}

/// A group matched at less than four-fifths of the best group's rate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"group": {"kind": "value", "value": "Kansai"}, "match_rate": 0.4, "best_group": {"kind": "value", "value": "Kanto"}, "best_rate": 0.9, "ratio": 0.44})))]
pub struct Flag {
    pub group: GroupName,
    pub match_rate: f64,
    /// The shown group with the highest match rate (the first in group order on a tie).
    pub best_group: GroupName,
    pub best_rate: f64,
    /// match_rate / best_rate.
    pub ratio: f64,
}

/// How executives took part in the run. Pairs do not say who their mentor is, so an executive
/// mentor of two mentees counts in two pairs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"applicants": 4, "pairs_as_mentor": 0, "pairs_as_mentee": 3, "pairs": 3})))]
pub struct ExecutiveParticipation {
    /// Applicants whose [`AuditAttribute::Executive`] value is "yes" ([`executive_value`]).
    pub applicants: usize,
    /// Pairs whose mentor is an executive.
    pub pairs_as_mentor: usize,
    /// Pairs whose mentee is an executive.
    pub pairs_as_mentee: usize,
    /// Pairs with an executive on either side.
    pub pairs: usize,
}

impl Flag {
    /// The flag in one English sentence, e.g. "Region 'Kansai' is matched at 40% against 90%
    /// for 'Kanto' (0.44 of the best; below four-fifths)."
    pub fn sentence(&self, attribute: AuditAttribute) -> String {
        format!(
            "{} {} is matched at {:.0}% against {:.0}% for {} ({:.2} of the best; below four-fifths).",
            attribute.label(),
            quoted(&self.group),
            self.match_rate * 100.0,
            self.best_rate * 100.0,
            quoted(&self.best_group),
            self.ratio,
        )
    }
}

fn quoted(group: &GroupName) -> String {
    match group {
        GroupName::Value(value) => format!("'{value}'"),
        GroupName::Unknown => "(unknown)".to_owned(),
        GroupName::Other => "(other values)".to_owned(),
    }
}

/// The fairness report of a run: its `applicants` (matched or not) and its `pairs`. Gender and
/// age band are reported only when `include_sensitive`.
pub fn report(applicants: &[Applicant], pairs: &[PairFacts], include_sensitive: bool) -> FairnessReport {
    let attributes = AuditAttribute::ALL
        .into_iter()
        .filter(|attribute| include_sensitive || !attribute.is_sensitive())
        .map(|attribute| attribute_report(attribute, applicants))
        .collect();
    FairnessReport {
        attributes,
        cross_department_share: share(pairs.iter().map(|p| p.cross_department)),
        cross_function_share: share(pairs.iter().map(|p| p.cross_function)),
        cross_region_share: share(pairs.iter().map(|p| p.cross_region)),
        executives: executives(applicants, pairs),
    }
}

/// The counts of a group as it is built.
#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    applicants: usize,
    matched: usize,
    score_sum: f64,
}

impl Tally {
    fn count(&mut self, pair_score: Option<f64>) {
        self.applicants += 1;
        if let Some(score) = pair_score {
            self.matched += 1;
            self.score_sum += score;
        }
    }

    fn merge(&mut self, other: Tally) {
        self.applicants += other.applicants;
        self.matched += other.matched;
        self.score_sum += other.score_sum;
    }
}

fn attribute_report(attribute: AuditAttribute, applicants: &[Applicant]) -> AttributeReport {
    let mut values: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut unknown = Tally::default();
    for applicant in applicants {
        let value = applicant.values.get(&attribute).and_then(Option::as_deref).filter(|v| !v.trim().is_empty());
        match value {
            Some(value) => values.entry(value).or_default().count(applicant.pair_score),
            None => unknown.count(applicant.pair_score),
        }
    }
    let named = values.into_iter().map(|(value, tally)| (GroupName::Value(value.to_owned()), tally));
    let groups: Vec<GroupReport> = shown_groups(named.chain([(GroupName::Unknown, unknown)]))
        .into_iter()
        .map(|(group, tally)| GroupReport {
            group,
            applicants: tally.applicants,
            matched: tally.matched,
            match_rate: tally.matched as f64 / tally.applicants as f64,
            mean_score: (tally.matched > 0).then(|| tally.score_sum / tally.matched as f64),
        })
        .collect();
    let flags = four_fifths(&groups);
    AttributeReport { attribute, groups, flags }
}

/// The groups that may be shown, in order: small ones merged into `Other`, and a small `Other`
/// left out with the smallest shown group (see the module's documentation).
fn shown_groups(groups: impl Iterator<Item = (GroupName, Tally)>) -> Vec<(GroupName, Tally)> {
    let mut other = Tally::default();
    let mut shown = Vec::new();
    for (group, tally) in groups {
        if tally.applicants >= MIN_GROUP {
            shown.push((group, tally));
        } else {
            other.merge(tally);
        }
    }
    if other.applicants >= MIN_GROUP {
        shown.push((GroupName::Other, other));
    }
    let kind = |group: &GroupName| match group {
        GroupName::Value(_) => 0,
        GroupName::Other => 1,
        GroupName::Unknown => 2,
    };
    let name = |group: &GroupName| match group {
        GroupName::Value(value) => value.clone(),
        _ => String::new(),
    };
    shown.sort_by_cached_key(|(group, tally)| (kind(group), Reverse(tally.applicants), name(group)));
    if other.applicants > 0 && other.applicants < MIN_GROUP {
        // The smallest shown group, the last in order on a tie.
        let smallest = shown.iter().enumerate().min_by_key(|(k, (_, tally))| (tally.applicants, Reverse(*k)));
        if let Some((k, _)) = smallest {
            shown.remove(k);
        }
        if shown.len() == 1 {
            shown.clear();
        }
    }
    shown
}

/// The groups matched at less than four-fifths of the best group's rate. Rates are compared as
/// fractions in whole numbers, so a group exactly at four-fifths is not flagged by rounding.
fn four_fifths(groups: &[GroupReport]) -> Vec<Flag> {
    // a.matched / a.applicants against b.matched / b.applicants, scaled by `a_by` and `b_by`.
    let compare = |a: &GroupReport, a_by: u128, b: &GroupReport, b_by: u128| {
        (a_by * a.matched as u128 * b.applicants as u128).cmp(&(b_by * b.matched as u128 * a.applicants as u128))
    };
    let best = groups.iter().reduce(|best, g| if compare(g, 1, best, 1).is_gt() { g } else { best });
    let Some(best) = best.filter(|best| best.matched > 0) else {
        return Vec::new();
    };
    groups
        .iter()
        .filter(|g| compare(g, 5, best, 4).is_lt())
        .map(|g| Flag {
            group: g.group.clone(),
            match_rate: g.match_rate,
            best_group: best.group.clone(),
            best_rate: best.match_rate,
            ratio: g.match_rate / best.match_rate,
        })
        .collect()
}

/// The share of `true` among the known values; None when none is known.
fn share(values: impl Iterator<Item = Option<bool>>) -> Option<f64> {
    let (known, crossing) = values.flatten().fold((0usize, 0usize), |(n, t), v| (n + 1, t + usize::from(v)));
    (known > 0).then(|| crossing as f64 / known as f64)
}

fn executives(applicants: &[Applicant], pairs: &[PairFacts]) -> ExecutiveParticipation {
    let is_executive =
        |a: &&Applicant| a.values.get(&AuditAttribute::Executive).and_then(Option::as_deref) == Some(EXECUTIVE);
    ExecutiveParticipation {
        applicants: applicants.iter().filter(is_executive).count(),
        pairs_as_mentor: pairs.iter().filter(|p| p.executive_mentor).count(),
        pairs_as_mentee: pairs.iter().filter(|p| p.executive_mentee).count(),
        pairs: pairs.iter().filter(|p| p.executive_mentor || p.executive_mentee).count(),
    }
}
