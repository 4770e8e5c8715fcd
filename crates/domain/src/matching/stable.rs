//! Stable assignments: mentee-proposing deferred acceptance (Gale–Shapley with seats), and the
//! pairs that would rather leave an assignment for each other.
//!
//! Both sides rank by the pair's score, higher first: a mentee ranks its allowed mentors, ties
//! going to the lower mentor index; a mentor ranks its allowed mentees, ties going to the lower
//! mentee index. Every allowed pair is acceptable, score 0 or below included, and anyone
//! acceptable is better than nobody. A locked pair is held and fixed: it fills a seat of its
//! mentor, and neither its mentee nor that seat is free to move.

use super::assignment::{Problem, ProblemError, Residual};

/// Mentee-proposing deferred acceptance with seats: each free mentee proposes to its best
/// mentor not yet tried, and each mentor keeps its best proposers up to its seats (those left
/// after its locks). The result is stable and, among stable assignments, the best for every
/// mentee. Returns the pairs, locks included, sorted.
pub fn deferred_acceptance(problem: &Problem) -> Result<Vec<(usize, usize)>, ProblemError> {
    problem.validate()?;
    let residual = Residual::new(problem);
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); problem.mentors()];
    let mut last_tried: Vec<Option<usize>> = vec![None; problem.mentees];
    let mut free: Vec<usize> = (0..problem.mentees).rev().filter(|&c| !residual.locked_mentee[c]).collect();
    while let Some(mentee) = free.pop() {
        let Some(mentor) = next_choice(problem, mentee, last_tried[mentee]) else {
            continue;
        };
        last_tried[mentee] = Some(mentor);
        if let Some(rejected) = propose(problem, residual.free_seats[mentor], &mut held[mentor], mentor, mentee) {
            free.push(rejected);
        }
    }
    let mut pairs = problem.locked.clone();
    pairs.extend(held.iter().enumerate().flat_map(|(r, mentees)| mentees.iter().map(move |&c| (r, c))));
    pairs.sort_unstable();
    Ok(pairs)
}

/// The mentee's best allowed mentor ranked below `after` (or its best of all).
fn next_choice(problem: &Problem, mentee: usize, after: Option<usize>) -> Option<usize> {
    let score = |r: usize| problem.score(r, mentee);
    let below_last = |r: usize| after.is_none_or(|last| ranks_above(score(last), last, score(r), r));
    let candidates = (0..problem.mentors()).filter(|&r| score(r) > f64::NEG_INFINITY && below_last(r));
    candidates.reduce(|best, r| if ranks_above(score(r), r, score(best), best) { r } else { best })
}

/// `mentor` (with `seats` seats besides its locks, holding `held`) considers `mentee`; returns
/// whoever is turned away: the proposer, or the held mentee it replaces.
fn propose(problem: &Problem, seats: u32, held: &mut Vec<usize>, mentor: usize, mentee: usize) -> Option<usize> {
    if held.len() < seats as usize {
        held.push(mentee);
        return None;
    }
    let score = |c: usize| problem.score(mentor, c);
    let worst = (0..held.len())
        .reduce(|w, k| if ranks_above(score(held[w]), held[w], score(held[k]), held[k]) { k } else { w });
    match worst {
        Some(k) if ranks_above(score(mentee), mentee, score(held[k]), held[k]) => {
            Some(std::mem::replace(&mut held[k], mentee))
        }
        _ => Some(mentee),
    }
}

/// Whether (score `a`, index `i`) ranks above (score `b`, index `j`): the higher score, then
/// the lower index.
fn ranks_above(a: f64, i: usize, b: f64, j: usize) -> bool {
    a > b || (a == b && i < j)
}

/// The number of blocking pairs of `pairs`: a mentor and a mentee, allowed and not together,
/// who would both rather be with each other than with what they have. A mentee prefers any
/// allowed mentor to none and otherwise compares with its mentor; a mentor with a free seat
/// prefers any allowed mentee to it, and otherwise compares with its worst mentee that is not
/// locked. The problem's locks count as held, whether or not `pairs` lists them, and never
/// block: a locked mentee does not move and its seat is not given up.
///
/// Nothing is assumed of `pairs`: pairs outside the problem are ignored, and a mentee listed
/// twice keeps its first mentor (the locks come first).
pub fn blocking_pairs(problem: &Problem, pairs: &[(usize, usize)]) -> usize {
    let (mentors, mentees) = (problem.mentors(), problem.mentees);
    let score = |r: usize, c: usize| problem.scores.get(r * mentees + c).copied().unwrap_or(f64::NEG_INFINITY);
    let mut locked = vec![false; mentees];
    let mut mentor_of: Vec<Option<usize>> = vec![None; mentees];
    let mut held = vec![0usize; mentors];
    let inside = |&&(r, c): &&(usize, usize)| r < mentors && c < mentees;
    for (k, &(r, c)) in problem.locked.iter().chain(pairs).filter(inside).enumerate() {
        if k < problem.locked.len() {
            locked[c] = true;
        }
        if mentor_of[c].is_none() {
            mentor_of[c] = Some(r);
            held[r] += 1;
        }
    }
    let mut worst: Vec<Option<usize>> = vec![None; mentors];
    for (c, &r) in mentor_of.iter().enumerate() {
        if let Some(r) = r.filter(|_| !locked[c]) {
            worst[r] = match worst[r] {
                Some(w) if !ranks_above(score(r, w), w, score(r, c), c) => Some(w),
                _ => Some(c),
            };
        }
    }
    let mentee_wants = |r: usize, c: usize| match mentor_of[c] {
        None => true,
        Some(now) => ranks_above(score(r, c), r, score(now, c), now),
    };
    let mentor_wants = |r: usize, c: usize| {
        held[r] < problem.seats[r] as usize || worst[r].is_some_and(|w| ranks_above(score(r, c), c, score(r, w), w))
    };
    let blocking = |r: usize, c: usize| {
        score(r, c) > f64::NEG_INFINITY
            && !locked[c]
            && mentor_of[c] != Some(r)
            && mentee_wants(r, c)
            && mentor_wants(r, c)
    };
    (0..mentors).map(|r| (0..mentees).filter(|&c| blocking(r, c)).count()).sum()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::matching::assignment::testing::{
        SplitMix, assert_feasible, every_assignment, random_problem, small_problem, with_locks,
    };

    const X: f64 = f64::NEG_INFINITY;

    fn problem(seats: &[u32], rows: &[&[f64]]) -> Problem {
        let mentees = rows.first().map_or(0, |r| r.len());
        Problem { seats: seats.to_vec(), mentees, scores: rows.concat(), locked: Vec::new() }
    }

    #[test]
    fn an_empty_problem_has_an_empty_stable_assignment() {
        let p = problem(&[], &[]);
        assert_eq!(deferred_acceptance(&p), Ok(vec![]));
        assert_eq!(blocking_pairs(&p, &[]), 0);
    }

    #[test]
    fn deferred_acceptance_is_stable_where_the_best_total_is_not() {
        // The best total pairs (0,1) and (1,0) for 18; but mentor 0 and mentee 0 both rank each
        // other first (10), so they block it.
        let p = problem(&[1, 1], &[&[10.0, 9.0], &[9.0, 1.0]]);
        let stable = deferred_acceptance(&p).expect("valid");
        assert_eq!(stable, vec![(0, 0), (1, 1)]);
        assert_eq!(blocking_pairs(&p, &stable), 0);
        assert_eq!(blocking_pairs(&p, &[(0, 1), (1, 0)]), 1);
    }

    #[test]
    fn a_mentor_with_seats_keeps_its_best_proposers() {
        let p = problem(&[2, 1], &[&[3.0, 5.0, 4.0], &[1.0, 1.0, 2.0]]);
        let stable = deferred_acceptance(&p).expect("valid");
        assert_eq!(stable, vec![(0, 1), (0, 2), (1, 0)]);
        assert_eq!(blocking_pairs(&p, &stable), 0);
    }

    #[test]
    fn zero_scores_are_acceptable_and_forbidden_pairs_are_not() {
        let p = problem(&[1, 1], &[&[0.0, X], &[X, X]]);
        assert_eq!(deferred_acceptance(&p), Ok(vec![(0, 0)]));
        assert_eq!(blocking_pairs(&p, &[]), 1, "mentor 0 and mentee 0 would rather pair at 0 than not");
    }

    #[test]
    fn ties_go_to_the_lower_index_on_both_sides() {
        let p = problem(&[1, 1], &[&[1.0, 1.0], &[1.0, 1.0]]);
        assert_eq!(deferred_acceptance(&p), Ok(vec![(0, 0), (1, 1)]));
        // With a free seat and a free mentee of equal scores, the pair blocks.
        assert_eq!(blocking_pairs(&p, &[(0, 0)]), 1);
        // Mentee 1 ranks mentor 0 above mentor 1 (the lower index); mentor 0 ranks mentee 0
        // above mentee 1: no blocking pair.
        assert_eq!(blocking_pairs(&p, &[(0, 0), (1, 1)]), 0);
        assert_eq!(blocking_pairs(&p, &[(0, 1), (1, 0)]), 1, "mentor 0 and mentee 0 block");
    }

    #[test]
    fn locks_fill_seats_first_and_never_block() {
        let mut p = problem(&[1, 1], &[&[10.0, 1.0], &[1.0, 10.0]]);
        p.locked = vec![(0, 1)];
        let stable = deferred_acceptance(&p).expect("valid");
        assert_eq!(stable, vec![(0, 1), (1, 0)]);
        assert_eq!(blocking_pairs(&p, &stable), 0);
        assert_eq!(blocking_pairs(&p, &[(1, 0)]), 0, "the lock counts as held even when not listed");
    }

    #[test]
    fn blocking_pairs_ignores_pairs_outside_the_problem() {
        let p = problem(&[1], &[&[1.0]]);
        assert_eq!(blocking_pairs(&p, &[(3, 0), (0, 7)]), 1);
        let broken = Problem { seats: vec![1], mentees: 2, scores: vec![1.0], locked: vec![] };
        assert_eq!(blocking_pairs(&broken, &[]), 1, "the missing score counts as forbidden");
    }

    #[test]
    fn an_invalid_problem_is_refused() {
        let mut p = problem(&[1], &[&[1.0, 2.0]]);
        p.locked = vec![(0, 0), (0, 1)];
        assert!(matches!(deferred_acceptance(&p), Err(ProblemError::TooManyLocks { .. })));
    }

    /// Blocking pairs by the definition, pair by pair, over a mentor per mentee.
    fn brute_blocking(p: &Problem, assignment: &[Option<usize>]) -> usize {
        let locked = |c: usize| p.locked.iter().any(|l| l.1 == c);
        let mut count = 0;
        for r in 0..p.mentors() {
            let mine: Vec<usize> = (0..p.mentees).filter(|&c| assignment[c] == Some(r)).collect();
            for (c, &now) in assignment.iter().enumerate() {
                if p.score(r, c) == f64::NEG_INFINITY || locked(c) || now == Some(r) {
                    continue;
                }
                let mentee_wants = now
                    .is_none_or(|now| p.score(r, c) > p.score(now, c) || (p.score(r, c) == p.score(now, c) && r < now));
                let beats = |other: usize| {
                    p.score(r, c) > p.score(r, other) || (p.score(r, c) == p.score(r, other) && c < other)
                };
                let mentor_wants = mine.len() < p.seats[r] as usize || mine.iter().any(|&o| !locked(o) && beats(o));
                count += usize::from(mentee_wants && mentor_wants);
            }
        }
        count
    }

    fn pairs_of(assignment: &[Option<usize>]) -> Vec<(usize, usize)> {
        let mut pairs: Vec<(usize, usize)> =
            assignment.iter().enumerate().filter_map(|(c, r)| r.map(|r| (r, c))).collect();
        pairs.sort_unstable();
        pairs
    }

    /// Whether mentee `c` likes mentor `a` at least as much as mentor `b` (`None`: nobody).
    fn at_least_as_good(p: &Problem, c: usize, a: Option<usize>, b: Option<usize>) -> bool {
        match (a, b) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => a == b || ranks_above(p.score(a, c), a, p.score(b, c), b),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn deferred_acceptance_is_stable_and_best_for_every_mentee(p in small_problem()) {
            let found = deferred_acceptance(&p).expect("valid");
            assert_feasible(&p, &found);
            prop_assert_eq!(blocking_pairs(&p, &found), 0);
            let mut mentor_of = vec![None; p.mentees];
            for &(r, c) in &found {
                mentor_of[c] = Some(r);
            }
            let mut seen = false;
            for a in every_assignment(&p) {
                let blocking = blocking_pairs(&p, &pairs_of(&a));
                prop_assert_eq!(blocking, brute_blocking(&p, &a), "{:?}", a);
                if blocking == 0 {
                    seen |= a == mentor_of;
                    for c in 0..p.mentees {
                        prop_assert!(at_least_as_good(&p, c, mentor_of[c], a[c]), "mentee {} better off in {:?}", c, a);
                    }
                }
            }
            prop_assert!(seen, "the result is among the stable assignments");
        }
    }

    #[test]
    fn with_distinct_scores_deferred_acceptance_pairs_greedily_by_score() {
        let mut rng = SplitMix::new(5);
        for _ in 0..100 {
            let (mentors, mentees) = (1 + rng.below(20), 1 + rng.below(40));
            let mut p = random_problem(&mut rng, mentors, mentees, 0.2, false, 0);
            let picks: Vec<(usize, usize)> = (0..rng.below(3)).map(|_| (rng.below(100), rng.below(100))).collect();
            p = with_locks(p, &picks);
            let mut greedy = p.locked.clone();
            let mut left: Vec<usize> = p.seats.iter().map(|&s| s as usize).collect();
            let mut taken = vec![false; p.mentees];
            for &(r, c) in &p.locked {
                left[r] -= 1;
                taken[c] = true;
            }
            let mut allowed: Vec<(usize, usize)> = (0..mentors)
                .flat_map(|r| (0..mentees).map(move |c| (r, c)))
                .filter(|&(r, c)| p.score(r, c) > X)
                .collect();
            allowed.sort_by(|a, b| p.score(b.0, b.1).total_cmp(&p.score(a.0, a.1)));
            for (r, c) in allowed {
                if left[r] > 0 && !taken[c] {
                    left[r] -= 1;
                    taken[c] = true;
                    greedy.push((r, c));
                }
            }
            greedy.sort_unstable();
            let found = deferred_acceptance(&p).expect("valid");
            assert_eq!(found, greedy);
            assert_eq!(blocking_pairs(&p, &found), 0);
        }
    }
}
