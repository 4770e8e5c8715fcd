//! The best assignment of mentees to mentors who each have some seats, with prices that prove
//! no better one exists.
//!
//! [`solve`] answers one of two questions ([`Goal`]) and returns, with the pairs, a
//! [`Certificate`]: dual prices of the linear programme below, which [`verify`] checks without
//! trusting the solver. The solver is a dense shortest-augmenting-path method with potentials in
//! the manner of Jonker and Volgenant; `shortest_paths` describes it, and `scores` how it reads
//! the matrix.
//!
//! # The programme
//!
//! Maximise Σ w·x over the allowed pairs subject to Σ_c x_rc ≤ seats_r for every mentor r,
//! Σ_r x_rc ≤ 1 for every mentee c and x ≥ 0; for [`Goal::MostPairs`] also Σ x = k, where k is the
//! largest number of pairs the constraints allow. Its dual has a price u_r ≥ 0 per mentor,
//! v_c ≥ 0 per mentee and λ (any sign) for the count, with u_r + v_c + λ ≥ w_rc on allowed pairs,
//! equality on chosen pairs, u_r > 0 only for a full mentor and v_c > 0 only for a matched
//! mentee; λ is 0 for [`Goal::BestTotal`]. Such prices prove that no assignment with as many
//! pairs has a higher total. That k is the largest count is proved apart: [`verify`] searches
//! for an augmenting path and finds none (Berge's theorem; the search's unreached side is a
//! König vertex cover of size k).
//!
//! # Locks
//!
//! Locked pairs are in every result. The programme and its prices are about what is left once
//! they are placed: the locked mentees are out, and each mentor keeps its seats less its locks
//! ("full" counts the locks). A locked mentee's price is 0, and its pairs are not checked.
//!
//! # Pairs of score 0
//!
//! [`Goal::BestTotal`] never chooses a pair whose score is 0 or below (a lock aside): such a pair
//! cannot raise the total, and leaving it out leaves the seat and the mentee free for a person
//! to arrange. [`Goal::MostPairs`] takes them whenever the count needs them.
//!
//! # Ties
//!
//! Nothing is random: the same problem gives the same result. Where choices are equally good
//! the solver takes, at each step, a mentee nobody holds before a held one, then the lower
//! index (the lower mentee first, a pair before a free seat).

mod scores;
mod shortest_paths;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;
mod verify;

use thiserror::Error;

pub use verify::{CertificateError, Side, verify};

/// Who may be paired with whom, and how well.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Mentors are rows, each with a number of seats (a mentor with 0 seats takes nobody).
    pub seats: Vec<u32>,
    /// Mentees are columns.
    pub mentees: usize,
    /// `scores[r * mentees + c]` is the score of mentor r with mentee c: finite (typically
    /// 0..=10, may be 0 or below), or `f64::NEG_INFINITY` for a forbidden pair.
    pub scores: Vec<f64>,
    /// Pairs (mentor, mentee) that every result contains.
    pub locked: Vec<(usize, usize)>,
}

/// What [`solve`] maximises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Goal {
    /// The highest total score, with any number of pairs.
    BestTotal,
    /// The most pairs, and among assignments with that many the highest total.
    MostPairs,
}

/// Pairs with their total and the proof that no better assignment exists.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    /// (mentor row, mentee column), sorted, the locks included.
    pub pairs: Vec<(usize, usize)>,
    /// The sum of the pairs' scores, locks included.
    pub total: f64,
    pub certificate: Certificate,
    /// The question answered, so that [`verify`] knows whether to check the count.
    pub goal: Goal,
}

/// Dual prices proving optimality (see the module's documentation for the conditions).
///
/// For [`Goal::MostPairs`] with seats or mentees left free, λ is negative and the prices can be
/// as large as the score range times the number of pairs: the count is then worth that much.
#[derive(Clone, Debug, PartialEq)]
pub struct Certificate {
    /// One price per mentor row, shared by all of its seats.
    pub mentor_prices: Vec<f64>,
    /// One price per mentee column (0 for a locked mentee).
    pub mentee_prices: Vec<f64>,
    /// λ, the price of the count Σ x = k; 0 for [`Goal::BestTotal`].
    pub pairs_price: f64,
}

/// Why a problem cannot be solved as given.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum ProblemError {
    #[error("the score matrix has {found} entries; {mentors} mentors and {mentees} mentees need one per pair")]
    MatrixLength { mentors: usize, mentees: usize, found: usize },
    #[error("mentor {mentor} and mentee {mentee} have score {score}; a score is finite, or -inf for a forbidden pair")]
    InvalidScore { mentor: usize, mentee: usize, score: f64 },
    #[error("the lock of mentor {mentor} and mentee {mentee} is outside the problem")]
    LockOutOfRange { mentor: usize, mentee: usize },
    #[error("the lock of mentor {mentor} and mentee {mentee} is on a forbidden pair")]
    LockOnForbiddenPair { mentor: usize, mentee: usize },
    #[error("mentee {mentee} is locked more than once")]
    MenteeLockedTwice { mentee: usize },
    #[error("mentor {mentor} has {locks} locks but {seats} seats")]
    TooManyLocks { mentor: usize, locks: usize, seats: u32 },
}

impl Problem {
    pub fn mentors(&self) -> usize {
        self.seats.len()
    }

    /// The score of a pair; both indices must be in range.
    pub(crate) fn score(&self, mentor: usize, mentee: usize) -> f64 {
        self.scores[mentor * self.mentees + mentee]
    }

    /// One mentor's scores, one per mentee.
    pub(crate) fn row(&self, mentor: usize) -> &[f64] {
        &self.scores[mentor * self.mentees..(mentor + 1) * self.mentees]
    }

    /// Checks the matrix, the scores and the locks; [`solve`] and [`verify`] start with this.
    pub fn validate(&self) -> Result<(), ProblemError> {
        let (mentors, mentees) = (self.mentors(), self.mentees);
        if mentors.checked_mul(mentees) != Some(self.scores.len()) {
            return Err(ProblemError::MatrixLength { mentors, mentees, found: self.scores.len() });
        }
        if let Some(at) = self.scores.iter().position(|s| s.is_nan() || *s == f64::INFINITY) {
            let (mentor, mentee) = (at / mentees, at % mentees);
            return Err(ProblemError::InvalidScore { mentor, mentee, score: self.scores[at] });
        }
        let mut locked_mentee = vec![false; mentees];
        let mut locks = vec![0usize; mentors];
        for &(mentor, mentee) in &self.locked {
            if mentor >= mentors || mentee >= mentees {
                return Err(ProblemError::LockOutOfRange { mentor, mentee });
            }
            if self.score(mentor, mentee) == f64::NEG_INFINITY {
                return Err(ProblemError::LockOnForbiddenPair { mentor, mentee });
            }
            if std::mem::replace(&mut locked_mentee[mentee], true) {
                return Err(ProblemError::MenteeLockedTwice { mentee });
            }
            locks[mentor] += 1;
        }
        match locks.iter().zip(&self.seats).position(|(&l, &s)| l as u64 > u64::from(s)) {
            Some(mentor) => Err(ProblemError::TooManyLocks { mentor, locks: locks[mentor], seats: self.seats[mentor] }),
            None => Ok(()),
        }
    }
}

/// What is left of a valid problem once its locks are placed.
pub(crate) struct Residual {
    /// Whether each mentee is locked (and so out of the rest of the problem).
    pub locked_mentee: Vec<bool>,
    /// Each mentor's seats less its locks.
    pub free_seats: Vec<u32>,
}

impl Residual {
    /// The rest of `problem`, which must be valid.
    pub fn new(problem: &Problem) -> Self {
        let mut locked_mentee = vec![false; problem.mentees];
        let mut free_seats = problem.seats.clone();
        for &(mentor, mentee) in &problem.locked {
            locked_mentee[mentee] = true;
            free_seats[mentor] -= 1;
        }
        Self { locked_mentee, free_seats }
    }
}

/// The best assignment for `goal`, with its certificate. Fails only on an invalid problem.
pub fn solve(problem: &Problem, goal: Goal) -> Result<Assignment, ProblemError> {
    problem.validate()?;
    let residual = Residual::new(problem);
    let mut solution = shortest_paths::solve(problem, &residual, goal);
    if goal == Goal::BestTotal {
        solution.release_pairs_without_gain(problem);
    }
    let mut pairs = problem.locked.clone();
    pairs.extend(solution.pairs());
    pairs.sort_unstable();
    let total = pairs.iter().map(|&(r, c)| problem.score(r, c)).sum();
    let certificate = certificate(problem, &residual, goal, &solution);
    Ok(Assignment { pairs, total, certificate, goal })
}

/// Per-mentor prices from the solver's per-seat prices, and λ.
///
/// At an optimum all seats of one mentor have the same price (they are identical rows), and a
/// mentor with a free seat has the price of a free seat: λ for the count, raw, which is 0 once
/// λ is taken out. The solver's prices are "raw" (u + v ≥ w); the certificate's are u − λ.
fn certificate(problem: &Problem, residual: &Residual, goal: Goal, solution: &shortest_paths::Solution) -> Certificate {
    let mentors = problem.mentors();
    let mut held = vec![0u32; mentors];
    let mut raw = vec![f64::NEG_INFINITY; mentors];
    let mut mentee_prices = vec![0.0; problem.mentees];
    for (seat, mentor, mentee) in solution.held() {
        held[mentor] += 1;
        raw[mentor] = raw[mentor].max(solution.seat_price[seat]);
        mentee_prices[mentee] = solution.mentee_price[mentee];
    }
    let has_free_seat: Vec<bool> = (0..mentors).map(|r| held[r] < residual.free_seats[r]).collect();
    let pairs_price = match goal {
        Goal::BestTotal => 0.0,
        Goal::MostPairs => pairs_price(problem, residual, &mentee_prices, &has_free_seat, &raw),
    };
    let mentor_prices = (0..mentors)
        .map(|r| {
            if has_free_seat[r] {
                0.0
            } else if held[r] > 0 {
                (raw[r] - pairs_price).max(0.0)
            } else {
                lowest_feasible_price(problem, residual, &mentee_prices, r, pairs_price)
            }
        })
        .collect();
    Certificate { mentor_prices, mentee_prices, pairs_price }
}

/// λ for the most pairs. A mentor with a free seat is priced at λ raw, so if such a mentor
/// holds pairs λ is their raw price. Otherwise λ may be anything from what the free mentors need
/// (λ + v ≥ w on their pairs) up to the lowest raw price of a full mentor: the value nearest 0
/// is taken.
fn pairs_price(
    problem: &Problem,
    residual: &Residual,
    mentee_prices: &[f64],
    has_free_seat: &[bool],
    raw: &[f64],
) -> f64 {
    let max = |a: f64, b: f64| a.max(b);
    let free = (0..problem.mentors()).filter(|&r| has_free_seat[r]);
    let needed = free.clone().map(|r| best_margin(problem, residual, mentee_prices, r)).fold(f64::NEG_INFINITY, max);
    let pinned = free.map(|r| raw[r]).fold(f64::NEG_INFINITY, max);
    if pinned > f64::NEG_INFINITY {
        return pinned.max(needed);
    }
    let full = (0..problem.mentors()).filter(|&r| !has_free_seat[r] && raw[r] > f64::NEG_INFINITY);
    let ceiling = full.map(|r| raw[r]).fold(f64::INFINITY, f64::min);
    0.0_f64.max(needed).min(ceiling)
}

/// The lowest price of a full mentor that holds no pair of the rest of the problem: enough for
/// every allowed pair with an unlocked mentee.
fn lowest_feasible_price(
    problem: &Problem,
    residual: &Residual,
    mentee_prices: &[f64],
    mentor: usize,
    pairs_price: f64,
) -> f64 {
    (best_margin(problem, residual, mentee_prices, mentor) - pairs_price).max(0.0)
}

/// The largest score less the mentee's price over `mentor`'s allowed pairs with unlocked
/// mentees; −inf if there is none.
fn best_margin(problem: &Problem, residual: &Residual, mentee_prices: &[f64], mentor: usize) -> f64 {
    let row = problem.row(mentor);
    (0..problem.mentees)
        .filter(|&c| !residual.locked_mentee[c] && row[c] > f64::NEG_INFINITY)
        .map(|c| row[c] - mentee_prices[c])
        .fold(f64::NEG_INFINITY, f64::max)
}
