//! What the solvers' tests share: a seeded generator, random problems, and brute force.

use proptest::collection::vec;
use proptest::prelude::*;

use super::Problem;

/// SplitMix64: a tiny, seeded, good enough generator for test data.
pub(crate) struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// The scores small problems draw from: integers and halves so that ties are common, a
/// negative one, and −inf for one draw in five.
const SMALL_SCORES: [f64; 10] = [f64::NEG_INFINITY, f64::NEG_INFINITY, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 10.0, -1.0];

/// Problems of up to 7 people: 0..=4 mentors with 1..=3 seats, 0..=5 mentees, and up to two
/// valid locks.
pub(crate) fn small_problem() -> impl Strategy<Value = Problem> {
    (0usize..=4).prop_flat_map(|mentors| (Just(mentors), 0..=5.min(7 - mentors))).prop_flat_map(|(mentors, mentees)| {
        let seats = vec(1u32..=3, mentors);
        let scores = vec(0..SMALL_SCORES.len(), mentors * mentees);
        let locks = vec((0usize..8, 0usize..8), 0..=2);
        (seats, scores, locks).prop_map(move |(seats, scores, locks)| {
            let scores = scores.into_iter().map(|i| SMALL_SCORES[i]).collect();
            with_locks(Problem { seats, mentees, scores, locked: Vec::new() }, &locks)
        })
    })
}

/// Adds the locks among `picks` (taken modulo the sizes) that keep the problem valid.
pub(crate) fn with_locks(mut problem: Problem, picks: &[(usize, usize)]) -> Problem {
    let (mentors, mentees) = (problem.mentors(), problem.mentees);
    if mentors == 0 || mentees == 0 {
        return problem;
    }
    for &(a, b) in picks {
        let (r, c) = (a % mentors, b % mentees);
        let mentor_locks = problem.locked.iter().filter(|l| l.0 == r).count();
        let taken = problem.locked.iter().any(|l| l.1 == c);
        if problem.score(r, c) > f64::NEG_INFINITY && !taken && mentor_locks < problem.seats[r] as usize {
            problem.locked.push((r, c));
        }
    }
    problem
}

/// A random problem: `forbidden` is the share of forbidden pairs, scores are integers and
/// halves in 0..=10 when `halves`, else uniform in 0..10; up to `locks` attempted locks.
pub(crate) fn random_problem(
    rng: &mut SplitMix,
    mentors: usize,
    mentees: usize,
    forbidden: f64,
    halves: bool,
    locks: usize,
) -> Problem {
    let seats = (0..mentors).map(|_| 1 + rng.below(3) as u32).collect();
    let scores = (0..mentors * mentees)
        .map(|_| match rng.unit() < forbidden {
            true => f64::NEG_INFINITY,
            false if halves => rng.below(21) as f64 / 2.0,
            false => rng.unit() * 10.0,
        })
        .collect();
    let picks: Vec<(usize, usize)> = (0..locks).map(|_| (rng.below(1000), rng.below(1000))).collect();
    with_locks(Problem { seats, mentees, scores, locked: Vec::new() }, &picks)
}

/// Every feasible assignment (locks kept), as a mentor (or none) per mentee.
pub(crate) fn every_assignment(problem: &Problem) -> Vec<Vec<Option<usize>>> {
    let mut start = vec![None; problem.mentees];
    let mut left = problem.seats.clone();
    for &(r, c) in &problem.locked {
        start[c] = Some(r);
        left[r] -= 1;
    }
    let mut all = Vec::new();
    extend(problem, 0, &mut start, &mut left, &mut all);
    all
}

fn extend(
    problem: &Problem,
    mentee: usize,
    current: &mut Vec<Option<usize>>,
    left: &mut [u32],
    all: &mut Vec<Vec<Option<usize>>>,
) {
    if mentee == problem.mentees {
        all.push(current.clone());
        return;
    }
    if problem.locked.iter().any(|l| l.1 == mentee) {
        return extend(problem, mentee + 1, current, left, all);
    }
    extend(problem, mentee + 1, current, left, all);
    for mentor in 0..problem.mentors() {
        if left[mentor] > 0 && problem.score(mentor, mentee) > f64::NEG_INFINITY {
            left[mentor] -= 1;
            current[mentee] = Some(mentor);
            extend(problem, mentee + 1, current, left, all);
            current[mentee] = None;
            left[mentor] += 1;
        }
    }
}

/// The number of pairs and the total of an assignment given as a mentor per mentee.
pub(crate) fn count_and_total(problem: &Problem, assignment: &[Option<usize>]) -> (usize, f64) {
    let pairs = assignment.iter().enumerate().filter_map(|(c, r)| r.map(|r| problem.score(r, c)));
    pairs.fold((0, 0.0), |(n, t), s| (n + 1, t + s))
}

/// The most pairs the problem allows, by simple augmenting paths on seats (Kuhn), locks
/// included.
pub(crate) fn most_pairs(problem: &Problem) -> usize {
    let mut left = problem.seats.clone();
    let mut locked = vec![false; problem.mentees];
    for &(r, c) in &problem.locked {
        left[r] -= 1;
        locked[c] = true;
    }
    let mut mentor_of: Vec<Option<usize>> = vec![None; problem.mentees];
    let mut count = problem.locked.len();
    for (mentor, &seats) in left.iter().enumerate() {
        for _ in 0..seats {
            let mut seen = vec![false; problem.mentees];
            if augment(problem, &locked, mentor, &mut mentor_of, &mut seen) {
                count += 1;
            }
        }
    }
    count
}

fn augment(
    problem: &Problem,
    locked: &[bool],
    mentor: usize,
    mentor_of: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for c in 0..problem.mentees {
        if locked[c] || seen[c] || problem.score(mentor, c) == f64::NEG_INFINITY {
            continue;
        }
        seen[c] = true;
        let free = match mentor_of[c] {
            None => true,
            Some(other) => augment(problem, locked, other, mentor_of, seen),
        };
        if free {
            mentor_of[c] = Some(mentor);
            return true;
        }
    }
    false
}

/// Panics unless `pairs` is feasible for `problem`: in range, allowed, seats kept, one mentor
/// per mentee, every lock kept, sorted.
pub(crate) fn assert_feasible(problem: &Problem, pairs: &[(usize, usize)]) {
    assert!(pairs.windows(2).all(|w| w[0] < w[1]), "pairs not sorted: {pairs:?}");
    let mut held = vec![0u32; problem.mentors()];
    let mut mentor_of = vec![None; problem.mentees];
    for &(r, c) in pairs {
        assert!(problem.score(r, c) > f64::NEG_INFINITY, "forbidden pair ({r}, {c})");
        assert!(mentor_of[c].replace(r).is_none(), "mentee {c} twice");
        held[r] += 1;
        assert!(held[r] <= problem.seats[r], "mentor {r} over full");
    }
    for &(r, c) in &problem.locked {
        assert_eq!(mentor_of[c], Some(r), "lock ({r}, {c}) broken");
    }
}
