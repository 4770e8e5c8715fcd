//! Blocking pairs: how far a pairing is from stable, for explaining a result to people.

use super::Pool;

/// The pairs not chosen whose two people would both rather be with each other than with their
/// current partner (a single person prefers any allowed partner to none); preferences are the
/// scores, and only a strictly higher score counts.
///
/// A lock holds: people in a locked pair belong to no blocking pair. `pairs` is read as a
/// matching of `pool` (as [`solve`](super::solve) returns); pairs naming someone outside the
/// pool are ignored, and an unchecked pool is read leniently (a score that is not a number, or
/// missing, counts as forbidden).
pub fn blocking_pairs(pool: &Pool, pairs: &[(usize, usize)]) -> usize {
    let n = pool.people;
    let score = |i: usize, j: usize| match pool.scores.get(i * n + j) {
        Some(&s) if i != j && !s.is_nan() => s,
        _ => f64::NEG_INFINITY,
    };
    let mut held = vec![false; n];
    for &(i, j) in pool.locked.iter().filter(|&&(i, j)| i < n && j < n) {
        held[i] = true;
        held[j] = true;
    }
    let mut partner = vec![None; n];
    for &(i, j) in pairs.iter().filter(|&&(i, j)| i < n && j < n && i != j) {
        partner[i] = Some(j);
        partner[j] = Some(i);
    }
    let current = |p: usize| partner[p].map_or(f64::NEG_INFINITY, |q| score(p, q));
    let mut blocking = 0;
    for i in (0..n).filter(|&i| !held[i]) {
        for j in (i + 1..n).filter(|&j| !held[j] && partner[i] != Some(j)) {
            let s = score(i, j);
            if s > f64::NEG_INFINITY && s > current(i) && s > current(j) {
                blocking += 1;
            }
        }
    }
    blocking
}
