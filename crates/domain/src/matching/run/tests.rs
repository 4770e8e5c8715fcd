use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use uuid::Uuid;

use super::*;
use crate::matching::criteria::parse_zone;
use crate::people::JobLevel;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap()
}

fn rules(kind: ProgramKind) -> Rules {
    Rules::preset(kind, at())
}

/// Person `n` (ids ordered by `n`, so tests can name them).
fn id(n: u128) -> PersonId {
    PersonId::from_uuid(Uuid::from_u128(n + 1))
}

fn applicant(n: u128, role: ParticipantRole, level: u8, department: &str) -> Applicant {
    Applicant {
        person: id(n),
        role: Some(role),
        department: Some(department.into()),
        job_level: Some(JobLevel::new(i64::from(level)).unwrap()),
        time_zone: parse_zone("Asia/Tokyo"),
        languages: vec!["ja".into()],
        ..Applicant::default()
    }
}

use ParticipantRole::{Either, Mentee, Mentor};

#[test]
fn a_reverse_program_pairs_juniors_with_seniors_and_proves_it() {
    let mut people = vec![
        applicant(0, Mentor, 2, "Marketing"),
        applicant(1, Mentor, 3, "IT"),
        applicant(2, Mentee, 9, "Finance"),
        applicant(3, Mentee, 10, "IT"),
        applicant(4, Mentee, 11, "Sales"),
    ];
    people[0].teaches = vec!["TikTok".into()];
    people[3].learns = vec!["tiktok".into()];
    let outcome = run(&rules(ProgramKind::Reverse), Mode::BestTotal, 1, &people, &Edits::default()).unwrap();
    assert!(outcome.proven_optimal);
    assert_eq!(outcome.proposals.len(), 2, "two mentors with a seat each");
    assert!(outcome.proposals.iter().any(|p| (p.mentor, p.mentee) == (id(0), id(3))), "the skill decides");
    let [left] = &outcome.unmatched[..] else { panic!("{:?}", outcome.unmatched) };
    assert_eq!(left.role, Mentee);
    assert!(matches!(left.reason, LeftOut::OthersScoredHigher { .. }), "{:?}", left.reason);
    assert!(left.reason.describe(Locale::En, Mentor).starts_with("every possible mentor went to a pair"));
    let total: f64 = outcome.proposals.iter().map(|p| p.scored.score).sum();
    assert_eq!(outcome.total, total);
    let prices = &outcome.certificate.as_ref().unwrap().prices;
    assert_eq!(prices.len(), 5, "a price per person");
}

#[test]
fn someone_whose_every_partner_is_barred_is_told_which_constraint() {
    let mut people = vec![applicant(0, Mentor, 2, "IT"), applicant(1, Mentor, 3, "IT"), applicant(2, Mentee, 9, "IT")];
    people[0].managers = vec![id(7), id(2)];
    people[1].managers = vec![id(2)];
    let outcome = run(&rules(ProgramKind::Reverse), Mode::MostPairs, 1, &people, &Edits::default()).unwrap();
    assert!(outcome.proposals.is_empty());
    let mentee = outcome.unmatched.iter().find(|u| u.person == id(2)).unwrap();
    assert_eq!(
        mentee.reason,
        LeftOut::NoAllowedPartner { barriers: [("reporting_line".to_owned(), 2)].into(), partners: 2 }
    );
    assert_eq!(mentee.reason.describe(Locale::En, Mentor), "all 2 mentors are in their reporting line");
    assert!(mentee.reason.describe(Locale::Ja, Mentor).contains("上長の系列にいる（2人）"));
    assert_eq!(outcome.barred_pairs, 2);
}

#[test]
fn locks_are_kept_forbids_are_honoured_and_a_barred_lock_is_refused() {
    let people = vec![
        applicant(0, Mentor, 2, "A"),
        applicant(1, Mentor, 2, "B"),
        applicant(2, Mentee, 9, "C"),
        applicant(3, Mentee, 9, "D"),
    ];
    let reverse = rules(ProgramKind::Reverse);
    let edits = Edits { locked: vec![(id(0), id(2))], forbidden: vec![(id(1), id(3))] };
    let outcome = run(&reverse, Mode::MostPairs, 1, &people, &edits).unwrap();
    let pairs: Vec<_> = outcome.proposals.iter().map(|p| (p.mentor, p.mentee, p.locked)).collect();
    assert_eq!(pairs, [(id(0), id(2), true)], "the forbid leaves mentor 1 nobody");
    let backwards = Edits { locked: vec![(id(2), id(0))], ..Edits::default() };
    assert!(matches!(run(&reverse, Mode::BestTotal, 1, &people, &backwards), Err(RunError::LockedStranger { .. })));
    let mut boss = people.clone();
    boss[0].managers = vec![id(2)];
    let locked = Edits { locked: vec![(id(0), id(2))], ..Edits::default() };
    assert!(matches!(
        run(&reverse, Mode::BestTotal, 1, &boss, &locked),
        Err(RunError::LockNotAllowed { barrier: Barrier::ReportingLine, .. })
    ));
}

#[test]
fn a_swap_a_removal_and_a_pair_by_hand_are_kept_by_the_next_run() {
    let people = vec![
        applicant(0, Mentor, 2, "A"),
        applicant(1, Mentor, 2, "B"),
        applicant(2, Mentor, 2, "E"),
        applicant(3, Mentee, 9, "C"),
        applicant(4, Mentee, 9, "D"),
        applicant(5, Mentee, 9, "F"),
    ];
    let reverse = rules(ProgramKind::Reverse);
    let pairs = |edits: &Edits| -> Vec<(PersonId, PersonId)> {
        let outcome = run(&reverse, Mode::MostPairs, 1, &people, edits).unwrap();
        assert!(outcome.proven_optimal);
        let mut pairs: Vec<_> = outcome.proposals.iter().map(|p| (p.mentor, p.mentee)).collect();
        pairs.sort();
        pairs
    };
    let first = pairs(&Edits::default());
    assert_eq!(first.len(), 3);
    let (a, x) = first[0];
    let (b, y) = first[1];

    let mut edits = Edits::default();
    for (kind, m, e) in (Change::Swap { first: (a, x), second: (b, y) }).edits() {
        edits.set(kind, m, e);
    }
    let swapped = pairs(&edits);
    assert!(swapped.contains(&(a, y)) && swapped.contains(&(b, x)), "{swapped:?}");
    assert_eq!(swapped.len(), 3, "the third pair stays");

    // Removing a pair a swap locked takes the lock back: the decision on a pair is one.
    for (kind, m, e) in Change::Remove(a, y).edits() {
        edits.set(kind, m, e);
    }
    assert_eq!(edits.locked, [(b, x)]);
    assert!(!pairs(&edits).contains(&(a, y)));

    // A pair by hand, named in either order, replaces the forbid the swap put on it.
    for (kind, m, e) in Change::Pair(x, a).edits() {
        edits.set(kind, m, e);
    }
    assert!(edits.forbidden.iter().all(|&p| p != (a, x)), "{edits:?}");
    assert!(edits.locked.contains(&(x, a)));
}

#[test]
fn either_applicants_take_the_role_the_optimum_gives_them() {
    // Person 1 (level 5) can mentor person 2 (level 9) or be mentored by person 0 (level 2);
    // only one direction pairs everybody.
    let people = vec![
        applicant(0, Mentor, 2, "A"),
        applicant(1, Either, 5, "B"),
        applicant(2, Mentee, 9, "C"),
        applicant(3, Mentee, 9, "D"),
    ];
    let outcome = run(&rules(ProgramKind::Reverse), Mode::MostPairs, 1, &people, &Edits::default()).unwrap();
    assert!(outcome.proven_optimal);
    assert_eq!(outcome.proposals.len(), 2);
    assert!(outcome.proposals.iter().any(|p| p.mentor == id(1)), "the either applicant mentors");
    assert!(outcome.roles_chosen.is_empty(), "chosen by the solver, not before it");
}

#[test]
fn mutual_programs_pair_one_pool_and_refuse_the_stable_mode() {
    let people: Vec<Applicant> =
        (0..5).map(|n| applicant(n, Either, 3 + n as u8, ["A", "B", "C"][n as usize % 3])).collect();
    let mutual = rules(ProgramKind::Mutual);
    let outcome = run(&mutual, Mode::MostPairs, 1, &people, &Edits::default()).unwrap();
    assert_eq!(outcome.proposals.len(), 2);
    assert_eq!(outcome.unmatched.len(), 1, "five people make two pairs");
    assert!(outcome.proven_optimal);
    assert_eq!(run(&mutual, Mode::Stable, 1, &people, &Edits::default()), Err(RunError::StableNeedsTwoSides));
}

#[test]
fn the_stable_mode_has_no_blocking_pair_and_claims_no_optimum() {
    let people: Vec<Applicant> = (0..6)
        .map(|n| if n < 3 { applicant(n, Mentor, 2 + n as u8, "A") } else { applicant(n, Mentee, 9 + n as u8, "B") })
        .collect();
    let outcome = run(&rules(ProgramKind::Reverse), Mode::Stable, 1, &people, &Edits::default()).unwrap();
    assert_eq!(outcome.blocking_pairs, 0);
    assert!(!outcome.proven_optimal && outcome.certificate.is_none());
}

// Random small programs, checked against every possible set of pairs.

fn arbitrary_people(max: usize) -> impl Strategy<Value = Vec<Applicant>> {
    let one = (0u8..3, 1u8..=12, 0usize..3, 0usize..3, 0usize..4, proptest::collection::vec(0usize..3, 0..2)).prop_map(
        |(role, level, department, zone, languages, teaches)| {
            let role = [Mentor, Mentee, Either][role as usize];
            let mut a = applicant(0, role, level, ["Sales", "IT", "HR"][department]);
            a.time_zone = parse_zone(["Asia/Tokyo", "Asia/Singapore", "Europe/London"][zone]);
            a.languages = [vec!["ja"], vec!["en"], vec!["ja", "en"], vec!["ja"]][languages]
                .iter()
                .map(|l| l.to_string())
                .collect();
            a.teaches = teaches.iter().map(|t| ["python", "excel", "video"][*t].to_owned()).collect();
            a.learns = teaches.iter().map(|t| ["excel", "video", "python"][*t].to_owned()).collect();
            a
        },
    );
    proptest::collection::vec(one, 0..=max).prop_map(|mut people| {
        for (n, a) in people.iter_mut().enumerate() {
            a.person = id(n as u128);
        }
        // Someone reports to the first person, to exercise the reporting line.
        if people.len() > 2 {
            let boss = people[0].person;
            people[2].managers = vec![boss];
        }
        people
    })
}

/// The best (count, total) over every set of allowed pairs a brute force can list: each person
/// in at most one pair, mentors in at most `capacity`, roles respected.
fn brute_force(rules: &Rules, capacity: u32, people: &[Applicant], mode: Mode) -> (usize, f64) {
    let role = |a: &Applicant| a.role.unwrap_or(Either);
    let mut edges = Vec::new();
    for (i, a) in people.iter().enumerate() {
        for (j, b) in people.iter().enumerate() {
            let directed = rules.kind != ProgramKind::Mutual;
            if i == j || (!directed && j < i) {
                continue;
            }
            let leads = !directed || (role(a) != Mentee && role(b) != Mentor);
            if let (true, Ok(scored)) = (leads, evaluate(rules, a, b)) {
                edges.push((i, j, scored.score));
            }
        }
    }
    let mut best = (0usize, 0.0f64);
    let mut mentoring = vec![0u32; people.len()];
    let mut mentored = vec![false; people.len()];
    let mut in_pool_pair = vec![false; people.len()];
    #[allow(clippy::too_many_arguments)]
    fn go(
        k: usize,
        edges: &[(usize, usize, f64)],
        mutual: bool,
        capacity: u32,
        count: usize,
        total: f64,
        mentoring: &mut [u32],
        mentored: &mut [bool],
        in_pool_pair: &mut [bool],
        best: &mut (usize, f64),
        mode: Mode,
    ) {
        let better = match mode {
            Mode::MostPairs => count > best.0 || (count == best.0 && total > best.1 + 1e-9),
            _ => total > best.1 + 1e-9,
        };
        if better {
            *best = (count, total);
        }
        for e in k..edges.len() {
            let (i, j, s) = edges[e];
            let free = if mutual {
                !in_pool_pair[i] && !in_pool_pair[j]
            } else {
                // A person is either a mentor or a mentee, never both.
                !mentored[j] && mentoring[i] < capacity && !mentored[i] && mentoring[j] == 0
            };
            if !free {
                continue;
            }
            if mutual {
                in_pool_pair[i] = true;
                in_pool_pair[j] = true;
            } else {
                mentoring[i] += 1;
                mentored[j] = true;
            }
            go(e + 1, edges, mutual, capacity, count + 1, total + s, mentoring, mentored, in_pool_pair, best, mode);
            if mutual {
                in_pool_pair[i] = false;
                in_pool_pair[j] = false;
            } else {
                mentoring[i] -= 1;
                mentored[j] = false;
            }
        }
    }
    let mutual = rules.kind == ProgramKind::Mutual;
    go(0, &edges, mutual, capacity, 0, 0.0, &mut mentoring, &mut mentored, &mut in_pool_pair, &mut best, mode);
    best
}

fn check_feasible(rules: &Rules, capacity: u32, people: &[Applicant], outcome: &Outcome) {
    let find = |p: PersonId| people.iter().find(|a| a.person == p).unwrap();
    let mut seen: HashMap<PersonId, u32> = HashMap::new();
    for p in &outcome.proposals {
        let scored = evaluate(rules, find(p.mentor), find(p.mentee)).expect("every proposal is allowed");
        assert!((scored.score - p.scored.score).abs() < 1e-9);
        *seen.entry(p.mentor).or_default() += 1;
        *seen.entry(p.mentee).or_default() += 1;
    }
    let limit = if rules.kind == ProgramKind::Mutual { 1 } else { capacity.max(1) };
    assert!(seen.values().all(|&n| n <= limit), "{seen:?}");
    for p in &outcome.proposals {
        if rules.kind != ProgramKind::Mutual {
            assert_eq!(seen[&p.mentee], 1, "a mentee has one mentor and mentors nobody");
        }
    }
    let paired: usize = seen.len();
    assert_eq!(paired + outcome.unmatched.len(), people.len(), "everyone is paired or told why not");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn two_sided_runs_are_optimal_against_brute_force(
        people in arbitrary_people(7),
        kind in prop_oneof![Just(ProgramKind::Reverse), Just(ProgramKind::Traditional)],
        mode in prop_oneof![Just(Mode::BestTotal), Just(Mode::MostPairs)],
    ) {
        let rules = rules(kind);
        let outcome = run(&rules, mode, 1, &people, &Edits::default()).unwrap();
        check_feasible(&rules, 1, &people, &outcome);
        prop_assert!(outcome.proven_optimal);
        let (count, total) = brute_force(&rules, 1, &people, mode);
        if mode == Mode::MostPairs {
            prop_assert_eq!(outcome.proposals.len(), count);
        }
        prop_assert!((outcome.total - total).abs() < 1e-6, "{} vs brute force {}", outcome.total, total);
    }

    #[test]
    fn mutual_runs_are_optimal_against_brute_force(
        people in arbitrary_people(7),
        mode in prop_oneof![Just(Mode::BestTotal), Just(Mode::MostPairs)],
    ) {
        let rules = rules(ProgramKind::Mutual);
        let outcome = run(&rules, mode, 1, &people, &Edits::default()).unwrap();
        check_feasible(&rules, 1, &people, &outcome);
        let (count, total) = brute_force(&rules, 1, &people, mode);
        if mode == Mode::MostPairs {
            prop_assert_eq!(outcome.proposals.len(), count);
        }
        prop_assert!((outcome.total - total).abs() < 1e-6, "{} vs brute force {}", outcome.total, total);
    }

    #[test]
    fn runs_with_seats_keep_capacity_and_give_the_same_answer_in_any_order(
        people in arbitrary_people(8),
        capacity in 1u32..=3,
        mode in prop_oneof![Just(Mode::BestTotal), Just(Mode::MostPairs), Just(Mode::Stable)],
    ) {
        let rules = rules(ProgramKind::Traditional);
        let outcome = run(&rules, mode, capacity, &people, &Edits::default()).unwrap();
        check_feasible(&rules, capacity, &people, &outcome);
        let mut reversed = people.clone();
        reversed.reverse();
        prop_assert_eq!(run(&rules, mode, capacity, &reversed, &Edits::default()).unwrap(), outcome);
    }
}

proptest! {
    #[test]
    fn the_fast_score_is_the_explained_score(
        people in arbitrary_people(6),
        kind in prop_oneof![Just(ProgramKind::Reverse), Just(ProgramKind::Mutual), Just(ProgramKind::Traditional)],
    ) {
        let rules = rules(kind);
        for a in &people {
            for b in &people {
                let fast = crate::matching::criteria::score(&rules, a, b);
                let explained = evaluate(&rules, a, b).map(|s| s.score);
                prop_assert_eq!(fast, explained);
            }
        }
    }
}
