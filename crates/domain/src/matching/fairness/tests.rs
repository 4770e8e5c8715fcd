use proptest::collection::vec;
use proptest::prelude::*;

use super::*;

fn applicant(attribute: AuditAttribute, value: Option<&str>, pair_score: Option<f64>) -> Applicant {
    Applicant { values: BTreeMap::from([(attribute, value.map(str::to_owned))]), pair_score }
}

/// `count` applicants of `region`, the first `matched` of them matched with pairs scoring 1, 2, 3, …
fn region_group(region: Option<&str>, count: usize, matched: usize) -> Vec<Applicant> {
    let score = |k: usize| (k < matched).then_some(k as f64 + 1.0);
    (0..count).map(|k| applicant(AuditAttribute::Region, region, score(k))).collect()
}

/// A directory of applicants by region: (region, applicants, matched).
fn directory(groups: &[(Option<&str>, usize, usize)]) -> Vec<Applicant> {
    groups.iter().flat_map(|&(region, count, matched)| region_group(region, count, matched)).collect()
}

fn attribute(report: &FairnessReport, attribute: AuditAttribute) -> &AttributeReport {
    report.attributes.iter().find(|a| a.attribute == attribute).expect("the attribute is reported")
}

/// The region's groups as (name, applicants, matched).
fn regions(applicants: &[Applicant]) -> (Vec<(GroupName, usize, usize)>, Vec<Flag>) {
    let report = report(applicants, &[], false);
    let region = attribute(&report, AuditAttribute::Region);
    (region.groups.iter().map(|g| (g.group.clone(), g.applicants, g.matched)).collect(), region.flags.clone())
}

fn value(name: &str) -> GroupName {
    GroupName::Value(name.to_owned())
}

#[test]
fn a_region_matched_at_less_than_four_fifths_of_the_best_is_flagged() {
    let applicants = directory(&[(Some("Kanto"), 10, 9), (Some("Kansai"), 5, 2), (Some("Hokkaido"), 6, 5)]);
    let report = report(&applicants, &[], false);
    let region = attribute(&report, AuditAttribute::Region);
    let shown: Vec<_> = region.groups.iter().map(|g| (g.group.clone(), g.applicants, g.matched)).collect();
    assert_eq!(shown, vec![(value("Kanto"), 10, 9), (value("Hokkaido"), 6, 5), (value("Kansai"), 5, 2)]);
    assert_eq!(region.groups[0].match_rate, 0.9);
    assert_eq!(region.groups[0].mean_score, Some(5.0), "the mean of 1..=9");
    assert_eq!(region.groups[2].mean_score, Some(1.5));
    assert_eq!(region.flags.len(), 1, "Hokkaido, at 83%, is above four-fifths of 90%");
    let flag = &region.flags[0];
    assert_eq!(
        (&flag.group, flag.match_rate, &flag.best_group, flag.best_rate),
        (&value("Kansai"), 0.4, &value("Kanto"), 0.9)
    );
    assert_eq!(
        flag.sentence(AuditAttribute::Region),
        "Region 'Kansai' is matched at 40% against 90% for 'Kanto' (0.44 of the best; below four-fifths)."
    );
}

#[test]
fn a_group_exactly_at_four_fifths_is_not_flagged() {
    // 18/25 is exactly four-fifths of 9/10, though in floating point 0.72 is below 0.8 * 0.9.
    let report = report(&directory(&[(Some("Kanto"), 10, 9), (Some("Kansai"), 25, 18)]), &[], false);
    let region = attribute(&report, AuditAttribute::Region);
    assert!(region.groups[0].match_rate < 0.8 * region.groups[1].match_rate, "Kansai (25) first, then Kanto");
    assert_eq!(region.flags, vec![]);
    let (_, flags) = regions(&directory(&[(Some("Kanto"), 10, 9), (Some("Kansai"), 25, 17)]));
    assert_eq!(flags.iter().map(|f| &f.group).collect::<Vec<_>>(), vec![&value("Kansai")]);
}

#[test]
fn nobody_is_flagged_when_nobody_was_matched() {
    let (groups, flags) = regions(&directory(&[(Some("Kanto"), 5, 0), (Some("Kansai"), 5, 0)]));
    assert_eq!(groups.len(), 2);
    assert_eq!(flags, vec![]);
}

#[test]
fn small_groups_and_few_unknowns_are_merged_into_other() {
    let applicants = directory(&[(Some("Kanto"), 10, 5), (Some("Kansai"), 3, 3), (Some("Tohoku"), 2, 0), (None, 1, 1)]);
    let (groups, _) = regions(&applicants);
    assert_eq!(groups, vec![(value("Kanto"), 10, 5), (GroupName::Other, 6, 4)]);
}

#[test]
fn a_missing_or_blank_value_is_unknown() {
    let mut applicants = directory(&[(Some("Kanto"), 5, 0), (None, 2, 0), (Some("  "), 2, 0)]);
    applicants.push(Applicant { values: BTreeMap::new(), pair_score: Some(2.0) });
    let (groups, _) = regions(&applicants);
    assert_eq!(groups, vec![(value("Kanto"), 5, 0), (GroupName::Unknown, 5, 1)]);
}

#[test]
fn groups_are_ordered_by_size_then_name_with_other_and_unknown_last() {
    let applicants = directory(&[
        (None, 20, 0),
        (Some("b"), 3, 0),
        (Some("c"), 2, 0),
        (Some("Tohoku"), 6, 0),
        (Some("Kyushu"), 6, 0),
        (Some("Kanto"), 9, 0),
    ]);
    let (groups, _) = regions(&applicants);
    let names: Vec<GroupName> = groups.into_iter().map(|g| g.0).collect();
    let expected = [value("Kanto"), value("Kyushu"), value("Tohoku"), GroupName::Other, GroupName::Unknown];
    assert_eq!(names, expected);
}

#[test]
fn a_small_other_is_dropped_with_the_smallest_shown_group() {
    // Shown alone, Kanto, Kansai and Tohoku would give Okinawa's 2 by subtraction from the
    // run's 26; without Tohoku, subtraction gives 8 people of two regions.
    let applicants =
        directory(&[(Some("Kanto"), 10, 9), (Some("Kansai"), 8, 2), (Some("Tohoku"), 6, 6), (Some("Okinawa"), 2, 0)]);
    let (groups, flags) = regions(&applicants);
    assert_eq!(groups, vec![(value("Kanto"), 10, 9), (value("Kansai"), 8, 2)]);
    assert_eq!(flags.iter().map(|f| &f.group).collect::<Vec<_>>(), vec![&value("Kansai")]);
}

#[test]
fn of_equally_small_groups_the_last_in_order_is_dropped() {
    let applicants =
        directory(&[(Some("Kanto"), 10, 0), (Some("Kansai"), 6, 0), (Some("Tohoku"), 6, 0), (Some("Okinawa"), 1, 0)]);
    let (groups, _) = regions(&applicants);
    assert_eq!(groups, vec![(value("Kanto"), 10, 0), (value("Kansai"), 6, 0)]);
}

#[test]
fn an_attribute_shows_no_group_when_one_would_remain_beside_a_dropped_other() {
    for applicants in [
        directory(&[(Some("Kanto"), 10, 9), (Some("Okinawa"), 2, 0)]),
        directory(&[(Some("Kanto"), 10, 9), (Some("Kansai"), 6, 1), (Some("Okinawa"), 2, 0)]),
        directory(&[(Some("Okinawa"), 4, 0)]),
    ] {
        let (groups, flags) = regions(&applicants);
        assert_eq!((groups, flags), (vec![], vec![]), "{} applicants", applicants.len());
    }
}

#[test]
fn a_lone_group_without_a_dropped_other_is_shown() {
    let (groups, flags) = regions(&directory(&[(Some("Kanto"), 7, 3)]));
    assert_eq!((groups, flags), (vec![(value("Kanto"), 7, 3)], vec![]));
}

#[test]
fn sensitive_attributes_are_absent_unless_asked_for() {
    let attributes = |include_sensitive| -> Vec<AuditAttribute> {
        report(&[], &[], include_sensitive).attributes.iter().map(|a| a.attribute).collect()
    };
    use AuditAttribute::*;
    assert_eq!(attributes(false), vec![Department, Function, Region, LevelBand, Executive]);
    assert_eq!(attributes(true), AuditAttribute::ALL.to_vec());
    assert!(AuditAttribute::ALL.iter().filter(|a| a.is_sensitive()).eq([&Gender, &AgeBand]));
}

#[test]
fn cross_shares_count_only_pairs_where_both_sides_are_known() {
    let pair =
        |department, region| PairFacts { cross_department: department, cross_region: region, ..Default::default() };
    let pairs = [pair(Some(true), None), pair(Some(false), None), pair(None, None), pair(Some(true), Some(false))];
    let report = report(&[], &pairs, false);
    assert_eq!(report.cross_department_share, Some(2.0 / 3.0));
    assert_eq!(report.cross_function_share, None);
    assert_eq!(report.cross_region_share, Some(0.0));
    assert_eq!(super::report(&[], &[], false).cross_department_share, None);
}

#[test]
fn executives_are_counted_as_applicants_and_in_pairs() {
    let executive = |is, score| applicant(AuditAttribute::Executive, Some(&executive_value(is)), score);
    let applicants = [executive(true, Some(3.0)), executive(true, None), executive(false, Some(3.0))];
    let pair =
        |executive_mentor, executive_mentee| PairFacts { executive_mentor, executive_mentee, ..Default::default() };
    let pairs = [pair(true, false), pair(true, true), pair(false, false), pair(false, true)];
    let report = report(&applicants, &pairs, false);
    let expected = ExecutiveParticipation { applicants: 2, pairs_as_mentor: 2, pairs_as_mentee: 2, pairs: 3 };
    assert_eq!(report.executives, expected);
}

#[test]
fn job_levels_are_grouped_in_bands() {
    let bands: Vec<String> = [1, 3, 4, 6, 7, 9, 10, 12, 13, 20].into_iter().map(level_band).collect();
    assert_eq!(bands, ["1–3", "1–3", "4–6", "4–6", "7–9", "7–9", "10–12", "10–12", "13+", "13+"]);
}

#[test]
fn the_report_reads_as_json_with_kinds_of_group() {
    let applicants = directory(&[(Some("Kanto"), 5, 5), (None, 5, 0)]);
    let json = serde_json::to_value(report(&applicants, &[], false)).expect("serialisable");
    let region = &json["attributes"][2];
    assert_eq!(region["attribute"], "region");
    assert_eq!(region["groups"][0]["group"], serde_json::json!({"kind": "value", "value": "Kanto"}));
    assert_eq!(region["groups"][1]["group"], serde_json::json!({"kind": "unknown"}));
    assert_eq!(region["flags"][0]["best_group"]["kind"], "value");
    assert_eq!(serde_json::to_value(GroupName::Other).expect("serialisable"), serde_json::json!({"kind": "other"}));
    assert_eq!(json["attributes"][3]["attribute"], "level_band");
}

#[test]
fn the_order_of_the_applicants_does_not_change_the_groups() {
    let mut applicants =
        directory(&[(Some("Kanto"), 10, 9), (Some("Kansai"), 8, 2), (Some("Tohoku"), 7, 6), (None, 3, 0)]);
    let before = report(&applicants, &[], false);
    applicants.reverse();
    assert_eq!(report(&applicants, &[], false), before, "pair scores are whole numbers, so sums are exact");
}

const REGIONS: [&str; 8] = ["Kanto", "Kansai", "Tohoku", "Kyushu", "Chubu", "Shikoku", "Okinawa", "Hokkaido"];

/// Up to 60 applicants of up to eight regions and three departments, some unknown, so that
/// groups near [`MIN_GROUP`] are common.
fn applicants() -> impl Strategy<Value = Vec<Applicant>> {
    let one = (
        proptest::option::weighted(0.85, 0..REGIONS.len()),
        proptest::option::weighted(0.9, 0..3usize),
        proptest::option::weighted(0.6, 0..=10u8),
    );
    vec(one, 0..60).prop_map(|people| {
        let to_applicant = |(region, department, score): (Option<usize>, Option<usize>, Option<u8>)| Applicant {
            values: BTreeMap::from([
                (AuditAttribute::Region, region.map(|r| REGIONS[r].to_owned())),
                (AuditAttribute::Department, department.map(|d| format!("D{d}"))),
                (AuditAttribute::Gender, region.map(|r| ["f", "m", "x"][r % 3].to_owned())),
            ]),
            pair_score: score.map(f64::from),
        };
        people.into_iter().map(to_applicant).collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_small_group_is_shown_or_recoverable(applicants in applicants(), include_sensitive in any::<bool>()) {
        let report = report(&applicants, &[], include_sensitive);
        prop_assert_eq!(&report, &super::report(&applicants, &[], include_sensitive));
        prop_assert_eq!(report.attributes.len(), if include_sensitive { 7 } else { 5 });
        for attribute in &report.attributes {
            let shown: usize = attribute.groups.iter().map(|g| g.applicants).sum();
            prop_assert!(shown <= applicants.len());
            let hidden = applicants.len() - shown;
            prop_assert!(hidden == 0 || hidden > MIN_GROUP || shown == 0, "{} hidden in {:?}", hidden, attribute);
            prop_assert!(attribute.groups.len() != 1 || hidden == 0, "a lone group beside a hidden one");
            for (k, group) in attribute.groups.iter().enumerate() {
                prop_assert!(group.applicants >= MIN_GROUP, "{:?}", group);
                prop_assert!(group.matched <= group.applicants);
                prop_assert!((0.0..=1.0).contains(&group.match_rate));
                prop_assert!(group.mean_score.is_none_or(|m| (0.0..=10.0).contains(&m)));
                prop_assert!(attribute.groups[..k].iter().all(|g| g.group != group.group), "{:?} twice", group.group);
            }
            let best = attribute.groups.iter().map(|g| g.match_rate).fold(0.0, f64::max);
            for group in &attribute.groups {
                let flagged = attribute.flags.iter().any(|f| f.group == group.group);
                prop_assert_eq!(flagged, group.match_rate < 0.8 * best - 1e-12, "{:?}", group);
            }
            for flag in &attribute.flags {
                prop_assert!(flag.best_rate == best && (0.0..0.8).contains(&flag.ratio), "{:?}", flag);
            }
        }
    }
}
