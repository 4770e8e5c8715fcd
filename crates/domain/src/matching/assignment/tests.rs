use proptest::prelude::*;

use super::testing::{
    SplitMix, assert_feasible, count_and_total, every_assignment, most_pairs, random_problem, small_problem,
};
use super::*;

const X: f64 = f64::NEG_INFINITY;

fn problem(seats: &[u32], rows: &[&[f64]]) -> Problem {
    let mentees = rows.first().map_or(0, |r| r.len());
    Problem { seats: seats.to_vec(), mentees, scores: rows.concat(), locked: Vec::new() }
}

/// Solves, checks the certificate, and returns the result.
fn solved(problem: &Problem, goal: Goal) -> Assignment {
    let assignment = solve(problem, goal).expect("a valid problem");
    assert_eq!(verify(problem, &assignment), Ok(()), "{assignment:?}");
    assignment
}

#[test]
fn an_empty_problem_has_no_pairs() {
    for goal in [Goal::BestTotal, Goal::MostPairs] {
        let a = solved(&problem(&[], &[]), goal);
        assert_eq!((a.pairs.len(), a.total), (0, 0.0));
        assert!(a.certificate.mentor_prices.is_empty() && a.certificate.mentee_prices.is_empty());
    }
}

#[test]
fn mentors_without_mentees_and_mentees_without_mentors_stay_free() {
    let no_mentees = Problem { seats: vec![1, 2], mentees: 0, scores: vec![], locked: vec![] };
    let no_mentors = Problem { seats: vec![], mentees: 3, scores: vec![], locked: vec![] };
    for p in [no_mentees, no_mentors] {
        for goal in [Goal::BestTotal, Goal::MostPairs] {
            let a = solved(&p, goal);
            assert!(a.pairs.is_empty());
            assert!(a.certificate.mentor_prices.iter().chain(&a.certificate.mentee_prices).all(|&p| p == 0.0));
        }
    }
}

#[test]
fn forbidden_pairs_are_never_chosen() {
    let p = problem(&[1, 2], &[&[X, X, X], &[X, X, X]]);
    for goal in [Goal::BestTotal, Goal::MostPairs] {
        assert!(solved(&p, goal).pairs.is_empty());
    }
}

#[test]
fn a_mentor_with_three_seats_takes_its_three_best() {
    let p = problem(&[3], &[&[5.0, 1.0, 3.0, 4.0]]);
    for goal in [Goal::BestTotal, Goal::MostPairs] {
        let a = solved(&p, goal);
        assert_eq!(a.pairs, vec![(0, 0), (0, 2), (0, 3)]);
        assert_eq!(a.total, 12.0);
    }
}

#[test]
fn with_more_mentees_than_seats_the_best_mentees_are_taken() {
    // (0,2) + (1,0) = 8 beats every other choice of two.
    let p = problem(&[1, 1], &[&[4.0, 1.0, 3.0], &[5.0, 2.0, 1.0]]);
    for goal in [Goal::BestTotal, Goal::MostPairs] {
        let a = solved(&p, goal);
        assert_eq!((a.pairs, a.total), (vec![(0, 2), (1, 0)], 8.0));
    }
}

#[test]
fn with_more_seats_than_mentees_a_mentor_stays_free_at_price_zero() {
    let p = problem(&[2, 1, 1], &[&[1.0, 2.0], &[3.0, X], &[2.0, 5.0]]);
    for goal in [Goal::BestTotal, Goal::MostPairs] {
        let a = solved(&p, goal);
        assert_eq!((a.pairs, a.total), (vec![(1, 0), (2, 1)], 8.0));
        assert_eq!(a.certificate.mentor_prices[0], 0.0);
    }
}

#[test]
fn locks_are_kept_and_the_rest_is_solved_around_them() {
    let mut p = problem(&[1, 1], &[&[10.0, 1.0], &[1.0, 10.0]]);
    p.locked = vec![(0, 1)];
    for goal in [Goal::BestTotal, Goal::MostPairs] {
        let a = solved(&p, goal);
        assert_eq!((a.pairs, a.total), (vec![(0, 1), (1, 0)], 2.0));
        assert_eq!(a.certificate.mentee_prices[1], 0.0, "a locked mentee is priced 0");
    }
}

#[test]
fn a_lock_may_fill_a_mentor_and_another_mentor_takes_the_rest() {
    let mut p = problem(&[2, 1], &[&[5.0, 4.0, 3.0], &[1.0, 1.0, 1.0]]);
    p.locked = vec![(0, 2)];
    let a = solved(&p, Goal::BestTotal);
    assert_eq!((a.pairs, a.total), (vec![(0, 0), (0, 2), (1, 1)], 9.0));
}

#[test]
fn ties_go_to_the_lower_index_and_the_same_problem_gives_the_same_result() {
    let p = problem(&[1, 1, 1], &[&[1.0; 3], &[1.0; 3], &[1.0; 3]]);
    let first = solved(&p, Goal::BestTotal);
    assert_eq!(first.pairs, vec![(0, 0), (1, 1), (2, 2)]);
    assert_eq!(solved(&p.clone(), Goal::BestTotal), first);
    let one_mentor = problem(&[1], &[&[2.0, 2.0, 2.0]]);
    assert_eq!(solved(&one_mentor, Goal::MostPairs).pairs, vec![(0, 0)]);
}

#[test]
fn the_best_total_and_the_most_pairs_can_differ() {
    let p = problem(&[1, 1], &[&[10.0, 1.0], &[1.0, X]]);
    let best = solved(&p, Goal::BestTotal);
    assert_eq!((best.pairs, best.total), (vec![(0, 0)], 10.0));
    let most = solved(&p, Goal::MostPairs);
    assert_eq!((most.pairs, most.total), (vec![(0, 1), (1, 0)], 2.0));
    assert!(most.certificate.pairs_price <= -8.0, "the count is worth at least 8 here");
}

#[test]
fn pairs_of_score_zero_or_below_are_left_out_of_the_best_total_only() {
    let p = problem(&[2, 1], &[&[5.0, 0.0, -1.0], &[0.0, 0.0, -2.0]]);
    let best = solved(&p, Goal::BestTotal);
    assert_eq!((best.pairs, best.total), (vec![(0, 0)], 5.0));
    let most = solved(&p, Goal::MostPairs);
    assert_eq!(most.pairs.len(), 3);
    assert_eq!(most.total, 4.0);
}

#[test]
fn invalid_problems_are_refused_with_the_reason() {
    let good = problem(&[1, 1], &[&[1.0, 2.0], &[3.0, X]]);
    let with = |f: fn(&mut Problem)| {
        let mut p = good.clone();
        f(&mut p);
        solve(&p, Goal::BestTotal).err()
    };
    assert!(matches!(with(|p| p.scores.pop().map_or((), drop)), Some(ProblemError::MatrixLength { found: 3, .. })));
    assert!(matches!(with(|p| p.scores[1] = f64::NAN), Some(ProblemError::InvalidScore { mentor: 0, mentee: 1, .. })));
    assert!(matches!(
        with(|p| p.scores[2] = f64::INFINITY),
        Some(ProblemError::InvalidScore { mentor: 1, mentee: 0, .. })
    ));
    assert_eq!(with(|p| p.locked = vec![(2, 0)]), Some(ProblemError::LockOutOfRange { mentor: 2, mentee: 0 }));
    assert_eq!(with(|p| p.locked = vec![(1, 1)]), Some(ProblemError::LockOnForbiddenPair { mentor: 1, mentee: 1 }));
    assert_eq!(with(|p| p.locked = vec![(0, 0), (1, 0)]), Some(ProblemError::MenteeLockedTwice { mentee: 0 }));
    assert_eq!(
        with(|p| p.locked = vec![(0, 0), (0, 1)]),
        Some(ProblemError::TooManyLocks { mentor: 0, locks: 2, seats: 1 })
    );
}

/// A full 2 × 2 problem whose best is the diagonal, with its solution.
fn diagonal() -> (Problem, Assignment) {
    let p = problem(&[1, 1], &[&[4.0, 1.0], &[2.0, 3.0]]);
    let a = solved(&p, Goal::BestTotal);
    assert_eq!(a.pairs, vec![(0, 0), (1, 1)]);
    (p, a)
}

#[test]
fn verify_rejects_a_tampered_price() {
    let (p, mut a) = diagonal();
    a.certificate.mentor_prices[0] -= 0.5;
    assert!(matches!(verify(&p, &a), Err(CertificateError::PricesBelowScore { mentor: 0, .. })));
    let (p, mut a) = diagonal();
    a.certificate.mentee_prices[1] += 0.5;
    assert!(matches!(verify(&p, &a), Err(CertificateError::ChosenPairNotTight { mentor: 1, mentee: 1, .. })));
    let (p, mut a) = diagonal();
    a.certificate.mentee_prices[0] = -1.0;
    assert!(matches!(verify(&p, &a), Err(CertificateError::InvalidPrice { side: Side::Mentee, index: 0, .. })));
    let (p, mut a) = diagonal();
    a.certificate.pairs_price = 1.0;
    assert!(matches!(verify(&p, &a), Err(CertificateError::InvalidPairsPrice { .. })));
    let (p, mut a) = diagonal();
    a.certificate.mentor_prices.pop();
    assert!(matches!(verify(&p, &a), Err(CertificateError::PriceCount { side: Side::Mentor, expected: 2, found: 1 })));
}

#[test]
fn verify_rejects_a_swap_that_lowers_the_total() {
    let (p, mut a) = diagonal();
    a.pairs = vec![(0, 1), (1, 0)];
    a.total = 3.0;
    assert!(verify(&p, &a).is_err());
    let (p, mut a) = diagonal();
    a.total = 6.0;
    assert!(matches!(verify(&p, &a), Err(CertificateError::WrongTotal { .. })));
}

#[test]
fn verify_rejects_infeasible_pairs() {
    let p = problem(&[1, 2], &[&[4.0, X, 1.0], &[2.0, 3.0, 1.0]]);
    let good = solved(&p, Goal::BestTotal);
    let tampered = |pairs: Vec<(usize, usize)>| {
        let mut a = good.clone();
        a.pairs = pairs;
        verify(&p, &a)
    };
    assert!(matches!(
        tampered(vec![(0, 0), (0, 1), (1, 2)]),
        Err(CertificateError::ForbiddenPair { mentor: 0, mentee: 1 })
    ));
    assert!(matches!(tampered(vec![(0, 0), (0, 2), (1, 1)]), Err(CertificateError::MentorOverFull { mentor: 0, .. })));
    assert!(matches!(tampered(vec![(0, 0), (1, 0)]), Err(CertificateError::MenteeTwice { mentee: 0 })));
    assert!(matches!(tampered(vec![(1, 1), (0, 0)]), Err(CertificateError::PairsNotSorted { index: 1 })));
    assert!(matches!(tampered(vec![(0, 0), (2, 1)]), Err(CertificateError::PairOutOfRange { mentor: 2, mentee: 1 })));
}

#[test]
fn verify_rejects_a_broken_lock_and_a_priced_locked_mentee() {
    let mut p = problem(&[1, 1], &[&[10.0, 1.0], &[1.0, 10.0]]);
    p.locked = vec![(0, 1)];
    let good = solved(&p, Goal::BestTotal);
    let mut a = good.clone();
    a.pairs = vec![(0, 0), (1, 1)];
    a.total = 20.0;
    assert_eq!(verify(&p, &a), Err(CertificateError::LockBroken { mentor: 0, mentee: 1 }));
    let mut a = good;
    a.certificate.mentee_prices[1] = 1.0;
    assert!(matches!(verify(&p, &a), Err(CertificateError::LockedMenteePriced { mentee: 1, .. })));
}

#[test]
fn verify_rejects_prices_on_free_seats_and_unmatched_mentees() {
    let p = problem(&[1, 1], &[&[4.0, 1.0, 0.5], &[X, X, X]]);
    let good = solved(&p, Goal::BestTotal);
    let mut a = good.clone();
    a.certificate.mentor_prices[1] = 1.0;
    assert!(matches!(verify(&p, &a), Err(CertificateError::FreeSeatPriced { mentor: 1, .. })));
    let mut a = good;
    a.certificate.mentee_prices[2] = 1.0;
    assert!(matches!(verify(&p, &a), Err(CertificateError::UnmatchedMenteePriced { mentee: 2, .. })));
}

#[test]
fn verify_rejects_fewer_pairs_than_possible_for_the_most_pairs() {
    let p = problem(&[1, 1], &[&[10.0, 1.0], &[1.0, X]]);
    let mut a = solved(&p, Goal::BestTotal);
    a.goal = Goal::MostPairs;
    assert_eq!(verify(&p, &a), Err(CertificateError::MorePairsPossible { mentor: 1, mentee: 1 }));
}

#[test]
fn verify_refuses_an_invalid_problem() {
    let (mut p, a) = diagonal();
    p.scores[0] = f64::NAN;
    assert!(matches!(verify(&p, &a), Err(CertificateError::Problem(ProblemError::InvalidScore { .. }))));
}

/// The brute-force best: the highest total, and the highest (count, total).
fn brute_force(problem: &Problem) -> (f64, (usize, f64)) {
    let all = every_assignment(problem);
    let scored = all.iter().map(|a| count_and_total(problem, a));
    let best_total = scored.clone().map(|(_, t)| t).fold(f64::NEG_INFINITY, f64::max);
    let most = scored.fold((0, f64::NEG_INFINITY), |best, (n, t)| if (n, t) > best { (n, t) } else { best });
    (best_total, most)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn both_goals_match_brute_force_and_verify(problem in small_problem()) {
        let (best_total, (most_count, most_total)) = brute_force(&problem);
        let best = solved(&problem, Goal::BestTotal);
        assert_feasible(&problem, &best.pairs);
        prop_assert!((best.total - best_total).abs() < 1e-9, "best total {} vs {}", best.total, best_total);
        let locked_gain = |a: &Assignment| a.pairs.iter().all(|&(r, c)| problem.score(r, c) > 0.0 || problem.locked.contains(&(r, c)));
        prop_assert!(locked_gain(&best), "a pair without gain in {:?}", best.pairs);
        let most = solved(&problem, Goal::MostPairs);
        assert_feasible(&problem, &most.pairs);
        prop_assert_eq!(most.pairs.len(), most_count);
        prop_assert!((most.total - most_total).abs() < 1e-9, "most pairs total {} vs {}", most.total, most_total);
    }
}

#[test]
fn larger_random_problems_are_feasible_verified_and_have_the_most_pairs() {
    let mut rng = SplitMix::new(7);
    for round in 0..150 {
        let (mentors, mentees) = (1 + rng.below(30), 1 + rng.below(60));
        let forbidden = [0.0, 0.05, 0.3, 0.7, 0.9][round % 5];
        let locks = rng.below(4);
        let p = random_problem(&mut rng, mentors, mentees, forbidden, round % 2 == 0, locks);
        let best = solved(&p, Goal::BestTotal);
        let most = solved(&p, Goal::MostPairs);
        assert_feasible(&p, &best.pairs);
        assert_feasible(&p, &most.pairs);
        assert_eq!(most.pairs.len(), most_pairs(&p), "round {round}");
        assert!(best.total >= most.total - 1e-9);
        assert_eq!(solve(&p, Goal::BestTotal), Ok(best));
        assert_eq!(solve(&p.clone(), Goal::MostPairs), Ok(most));
    }
}

#[test]
fn reordering_people_keeps_the_totals() {
    let mut rng = SplitMix::new(11);
    for _ in 0..60 {
        let (mentors, mentees) = (1 + rng.below(15), 1 + rng.below(25));
        let p = random_problem(&mut rng, mentors, mentees, 0.2, true, 2);
        let (mentors, mentees) = (p.mentors(), p.mentees);
        let row_order: Vec<usize> = (0..mentors).rev().collect();
        let col_order: Vec<usize> = (0..mentees).map(|c| (c * 7 + 3) % mentees).collect();
        let col_order = if is_permutation(&col_order) { col_order } else { (0..mentees).rev().collect() };
        let mut q = Problem {
            seats: row_order.iter().map(|&r| p.seats[r]).collect(),
            mentees,
            scores: Vec::new(),
            locked: Vec::new(),
        };
        q.scores = row_order
            .iter()
            .flat_map(|&r| col_order.iter().map(move |&c| (r, c)))
            .map(|(r, c)| p.score(r, c))
            .collect();
        let new_row = |r: usize| row_order.iter().position(|&x| x == r).expect("a permutation");
        let new_col = |c: usize| col_order.iter().position(|&x| x == c).expect("a permutation");
        q.locked = p.locked.iter().map(|&(r, c)| (new_row(r), new_col(c))).collect();
        for goal in [Goal::BestTotal, Goal::MostPairs] {
            let (a, b) = (solved(&p, goal), solved(&q, goal));
            assert!((a.total - b.total).abs() < 1e-9, "{goal:?}: {} vs {}", a.total, b.total);
            if goal == Goal::MostPairs {
                assert_eq!(a.pairs.len(), b.pairs.len());
            }
        }
    }
}

fn is_permutation(order: &[usize]) -> bool {
    let mut seen = vec![false; order.len()];
    order.iter().all(|&c| !std::mem::replace(&mut seen[c], true))
}
