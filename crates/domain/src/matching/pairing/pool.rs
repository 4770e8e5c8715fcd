//! Reading a pool: the checks `solve` and `verify` share, and the fixed-point units the solver
//! counts in.

use super::Pool;

/// The largest |score| a pool may hold. Scores are small numbers (typically 0..=10); the bound
/// keeps every price, and the bonus per pair of [`Goal::MostPairs`](super::Goal), far from
/// overflow.
pub const MAX_SCORE: f64 = 1e12;

/// Why a pool cannot be paired.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PoolError {
    #[error("{people} people need {expected} scores (a square matrix), found {found}")]
    WrongLength { people: usize, expected: usize, found: usize },
    #[error("the score of {i} with {j} is {forward} but of {j} with {i} is {backward}")]
    Asymmetric { i: usize, j: usize, forward: f64, backward: f64 },
    #[error("the score of {i} with {j} is {score}: neither a number nor forbidden (-inf)")]
    NotAScore { i: usize, j: usize, score: f64 },
    #[error("the score of {i} with {j} is {score}, beyond ±{MAX_SCORE}")]
    ScoreTooLarge { i: usize, j: usize, score: f64 },
    #[error("the lock ({i}, {j}) names someone outside a pool of {people}")]
    LockOutOfRange { i: usize, j: usize, people: usize },
    #[error("the lock ({person}, {person}) pairs someone with themself")]
    LockOnDiagonal { person: usize },
    #[error("the lock ({i}, {j}) is on a forbidden pair")]
    LockOnForbidden { i: usize, j: usize },
    #[error("person {person} is in two locks")]
    LockedTwice { person: usize },
}

/// A pool whose scores and locks passed every check, with each person's lock partner.
pub(super) struct CheckedPool<'a> {
    pool: &'a Pool,
    locked_with: Vec<Option<usize>>,
}

impl<'a> CheckedPool<'a> {
    pub(super) fn parse(pool: &'a Pool) -> Result<Self, PoolError> {
        check_scores(pool)?;
        let locked_with = check_locks(pool)?;
        Ok(Self { pool, locked_with })
    }

    pub(super) fn people(&self) -> usize {
        self.pool.people
    }

    /// The score of pairing `i` with `j`, or `None` when the pair is forbidden (or `i == j`).
    pub(super) fn score(&self, i: usize, j: usize) -> Option<f64> {
        let score = self.pool.scores[i * self.pool.people + j];
        (i != j && score != f64::NEG_INFINITY).then_some(score)
    }

    pub(super) fn locked_with(&self, person: usize) -> Option<usize> {
        self.locked_with[person]
    }

    /// The locked pairs as `(i, j)` with `i < j`, by `i`.
    pub(super) fn locks(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.people()).filter_map(|i| self.locked_with[i].filter(|&j| i < j).map(|j| (i, j)))
    }

    /// The people in no lock, in order: the pool the solver works on.
    pub(super) fn free_people(&self) -> Vec<usize> {
        (0..self.people()).filter(|&p| self.locked_with[p].is_none()).collect()
    }

    /// The largest |score| of an allowed pair among `people` (0 when there is none).
    pub(super) fn largest_score_among(&self, people: &[usize]) -> f64 {
        let mut largest = 0.0_f64;
        for (a, &i) in people.iter().enumerate() {
            for &j in &people[a + 1..] {
                if let Some(score) = self.score(i, j) {
                    largest = largest.max(score.abs());
                }
            }
        }
        largest
    }
}

fn check_scores(pool: &Pool) -> Result<(), PoolError> {
    let n = pool.people;
    let expected = n.saturating_mul(n);
    if pool.scores.len() != expected {
        return Err(PoolError::WrongLength { people: n, expected, found: pool.scores.len() });
    }
    for i in 0..n {
        for j in i + 1..n {
            let (forward, backward) = (pool.scores[i * n + j], pool.scores[j * n + i]);
            for (i, j, score) in [(i, j, forward), (j, i, backward)] {
                if score.is_nan() || score == f64::INFINITY {
                    return Err(PoolError::NotAScore { i, j, score });
                }
                if score.is_finite() && score.abs() > MAX_SCORE {
                    return Err(PoolError::ScoreTooLarge { i, j, score });
                }
            }
            if forward != backward {
                return Err(PoolError::Asymmetric { i, j, forward, backward });
            }
        }
    }
    Ok(())
}

/// Each person's lock partner, once the scores are known to be sound.
fn check_locks(pool: &Pool) -> Result<Vec<Option<usize>>, PoolError> {
    let n = pool.people;
    let mut locked_with = vec![None; n];
    for &(i, j) in &pool.locked {
        if i >= n || j >= n {
            return Err(PoolError::LockOutOfRange { i, j, people: n });
        }
        if i == j {
            return Err(PoolError::LockOnDiagonal { person: i });
        }
        if pool.scores[i * n + j] == f64::NEG_INFINITY {
            return Err(PoolError::LockOnForbidden { i, j });
        }
        for person in [i, j] {
            if locked_with[person].is_some() {
                return Err(PoolError::LockedTwice { person });
            }
        }
        locked_with[i] = Some(j);
        locked_with[j] = Some(i);
    }
    Ok(locked_with)
}

/// Fixed-point units: the solver counts in integers of 2^-exponent, with the exponent chosen so
/// that the largest |score| is about 2^32 units (and a unit is never finer than 2^-40: the
/// tolerance of `verify` never asks for more).
///
/// Scores with few binary digits (integers, halves, quarters) are exact. Any other score moves
/// by at most half a unit, under 2^-32 of the largest score: far inside the 1e-9 relative
/// tolerance `verify` allows, so rounding can change the chosen pairs only among matchings whose
/// totals are that close. Because the unit is a power of two, converting integer prices back to
/// `f64` (halved, for the person prices) is exact.
pub(super) struct Units {
    per_score: f64,
}

impl Units {
    /// Bits of the largest |score|: small enough that the `MostPairs` bonus (people × largest)
    /// and twice it still fit exactly in the 53 bits of an `f64` for any pool held in memory.
    const BITS: i32 = 32;
    const FINEST: i32 = 40;

    pub(super) fn for_largest(largest: f64) -> Self {
        let exponent = if largest > 0.0 { Self::BITS - largest.log2().ceil() as i32 } else { 0 };
        Self { per_score: 2f64.powi(exponent.min(Self::FINEST)) }
    }

    pub(super) fn to_units(&self, score: f64) -> i64 {
        (score * self.per_score).round() as i64
    }

    pub(super) fn to_score(&self, units: i64) -> f64 {
        units as f64 / self.per_score
    }

    /// One score point in units, at least one unit.
    pub(super) fn one(&self) -> i64 {
        (self.per_score as i64).max(1)
    }
}
