//! One pool where anybody may pair with anybody, as in mutual programs: the best pairing is a
//! maximum-weight matching in a general graph, found by Edmonds' blossom algorithm with dual
//! prices (O(n³)), and returned with those prices as a certificate that [`verify`] checks.
//!
//! # What the certificate proves
//!
//! The prices are a solution of the dual of Edmonds' matching LP: `u_v ≥ 0` per person and
//! `z_B ≥ 0` per odd set `B` of at least three people (a blossom), with
//! `u_i + u_j + Σ_{B ∋ i, j} z_B ≥ w_ij + λ` for every allowed pair. For any matching `M`,
//! `Σ_{ij ∈ M} (w_ij + λ) ≤ Σ u_v + Σ z_B (|B| − 1)/2`, with equality exactly when the chosen
//! pairs are tight, every priced person is paired and every priced blossom holds
//! `(|B| − 1)/2` chosen pairs. So a result that meets those conditions is optimal.
//!
//! - **Locks.** Locked pairs are fixed before solving, and the LP speaks of the others only:
//!   the *reduced pool* of people in no lock and the allowed pairs among them. Locked people
//!   are priced 0 and belong to no blossom. Since every matching that keeps the locks is the
//!   locks plus a matching of the reduced pool, optimality there is optimality overall.
//! - **`BestTotal`**: `λ = pairs_price = 0`. Only pairs with a positive score are chosen (besides
//!   locks): a pair worth nothing does not raise the total, so it is left out. The prices still
//!   cover every allowed pair, those of score ≤ 0 trivially.
//! - **`MostPairs`**: the solver maximises `Σ (w_ij + C)` with a bonus `C` per pair larger than
//!   any difference in total one pair fewer could make up (`C > (m − 1)·max|w|` for `m` people
//!   in the reduced pool): so it finds the most pairs and, among those, the best total. The
//!   certificate is the blossom dual of that shifted problem with `pairs_price = C`, and
//!   [`verify`] checks it against `w + pairs_price`, after checking that `C` is that large.
//!
//! # Numbers
//!
//! The solver works in integers (fixed-point units of a power of two, see [`pool::Units`]) so
//! the algorithm is exact; the prices it reports convert back to `f64` exactly. Scores that are
//! multiples of 0.5 (or have few binary digits) lose nothing; others are rounded by less than
//! 2^-32 of the largest score. [`verify`] allows `1e-9 × (1 + max |score|)` per condition, the
//! maximum taken over the reduced pool.
//!
//! # Ties
//!
//! The algorithm is deterministic: it scans people and pairs in index order and takes the
//! first of equal candidates, so the same pool always gives the same pairing.

mod blocking;
mod blossom;
mod pool;
mod verify;

#[cfg(test)]
mod tests;

pub use blocking::blocking_pairs;
pub use pool::{MAX_SCORE, PoolError};
pub use verify::{CertificateError, verify};

use pool::{CheckedPool, Units};

/// `people` applicants; `scores[i * people + j] == scores[j * people + i]` is the score of
/// pairing `i` with `j` (finite, typically 0..=10, may be 0 or negative); `f64::NEG_INFINITY`
/// marks a forbidden pair; the diagonal is ignored. `locked`: pairs that must be in the result.
#[derive(Clone, Debug, PartialEq)]
pub struct Pool {
    pub people: usize,
    pub scores: Vec<f64>,
    pub locked: Vec<(usize, usize)>,
}

/// What the best pairing is best at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// The highest total score.
    BestTotal,
    /// As many pairs as possible, and among those the highest total.
    MostPairs,
}

/// The chosen pairs with their total and the certificate that they are optimal.
#[derive(Clone, Debug, PartialEq)]
pub struct Pairing {
    /// `(i, j)` with `i < j`, sorted; locked pairs included.
    pub pairs: Vec<(usize, usize)>,
    /// The sum of the chosen pairs' scores.
    pub total: f64,
    pub certificate: Certificate,
}

/// The blossom duals: a price per person and per odd set (blossom) of people.
///
/// Every allowed pair `i, j` of unlocked people is covered:
/// `person_prices[i] + person_prices[j] + Σ (blossoms holding both) ≥ score + pairs_price`.
/// See the [module documentation](self) for what this proves.
#[derive(Clone, Debug, PartialEq)]
pub struct Certificate {
    /// One per person; 0 for locked people.
    pub person_prices: Vec<f64>,
    /// Each blossom with a positive price: its people (sorted) and its price.
    pub blossoms: Vec<(Vec<usize>, f64)>,
    /// The bonus per pair for [`Goal::MostPairs`], 0 for [`Goal::BestTotal`].
    pub pairs_price: f64,
}

/// The best pairing of `pool` for `goal`, with all locks kept.
pub fn solve(pool: &Pool, goal: Goal) -> Result<Pairing, PoolError> {
    let checked = CheckedPool::parse(pool)?;
    let free = checked.free_people();
    let units = Units::for_largest(checked.largest_score_among(&free));
    let (weights, bonus) = integer_weights(&checked, &free, &units, goal);
    let optimum = blossom::max_weight_matching(free.len(), &weights);
    Ok(assemble(&checked, &free, &units, bonus, optimum))
}

/// The reduced pool's weights in units (`NO_EDGE` for pairs the solver must not choose) and
/// the bonus per pair in units.
fn integer_weights(checked: &CheckedPool, free: &[usize], units: &Units, goal: Goal) -> (Vec<i64>, i64) {
    let m = free.len();
    let weight = |a: usize, b: usize| checked.score(free[a], free[b]).map(|score| units.to_units(score));
    let largest = (0..m).flat_map(|a| (a + 1..m).filter_map(move |b| weight(a, b))).map(i64::abs).max();
    let bonus = match goal {
        Goal::BestTotal => 0,
        Goal::MostPairs => m as i64 * largest.unwrap_or(0) + units.one(),
    };
    let weights = (0..m * m)
        .map(|k| match (goal, weight(k / m, k % m)) {
            (_, None) => blossom::NO_EDGE,
            (Goal::BestTotal, Some(w)) if w <= 0 => blossom::NO_EDGE,
            (_, Some(w)) => w + bonus,
        })
        .collect();
    (weights, bonus)
}

/// The pairing in the pool's own numbering: locks, the solver's pairs and their prices.
fn assemble(checked: &CheckedPool, free: &[usize], units: &Units, bonus: i64, optimum: blossom::Optimum) -> Pairing {
    let mut pairs: Vec<(usize, usize)> = checked.locks().collect();
    for (v, mate) in optimum.mate.iter().enumerate() {
        if let Some(w) = *mate
            && v < w
        {
            pairs.push((free[v], free[w]));
        }
    }
    pairs.sort_unstable();
    let total = pairs.iter().map(|&(i, j)| checked.score(i, j).expect("chosen pairs are allowed")).sum();
    let mut person_prices = vec![0.0; checked.people()];
    for (v, &twice) in optimum.twice_vertex_prices.iter().enumerate() {
        person_prices[free[v]] = units.to_score(twice) / 2.0;
    }
    let mut blossoms: Vec<(Vec<usize>, f64)> = optimum
        .blossoms
        .into_iter()
        .map(|(members, price)| {
            let mut people: Vec<usize> = members.into_iter().map(|v| free[v]).collect();
            people.sort_unstable();
            (people, units.to_score(price))
        })
        .collect();
    blossoms.sort_by(|a, b| (a.0.len(), &a.0).cmp(&(b.0.len(), &b.0)));
    let certificate = Certificate { person_prices, blossoms, pairs_price: units.to_score(bonus) };
    Pairing { pairs, total, certificate }
}
