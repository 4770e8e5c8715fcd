//! Hand-worked pools, and the helpers the other test modules share: pool builders, brute
//! force over every matching, and a seeded generator.

mod classic;
mod properties;
mod tampering;

use super::*;

const NO: f64 = f64::NEG_INFINITY;

/// A pool of `n` people where only the listed pairs are allowed.
fn sparse(n: usize, edges: &[(usize, usize, f64)]) -> Pool {
    let mut scores = vec![NO; n * n];
    for &(i, j, w) in edges {
        scores[i * n + j] = w;
        scores[j * n + i] = w;
    }
    Pool { people: n, scores, locked: Vec::new() }
}

/// Solves and checks the certificate, which every result must pass.
fn solved(pool: &Pool, goal: Goal) -> Pairing {
    let pairing = solve(pool, goal).expect("the pool is valid");
    if let Err(error) = verify(pool, &pairing) {
        panic!("{goal:?} on {pool:?} gave {pairing:?}, which fails: {error}");
    }
    pairing
}

type Visit<'a> = &'a mut dyn FnMut(&[(usize, usize)]);

/// Calls `visit` with every matching of `pool` that keeps its locks.
fn each_matching(pool: &Pool, visit: Visit) {
    let n = pool.people;
    let mut used = vec![false; n];
    let mut pairs = Vec::new();
    for &(i, j) in &pool.locked {
        used[i] = true;
        used[j] = true;
        pairs.push((i.min(j), i.max(j)));
    }
    extend(pool, &mut used, &mut pairs, 0, visit);
}

fn extend(pool: &Pool, used: &mut [bool], pairs: &mut Vec<(usize, usize)>, from: usize, visit: Visit) {
    let n = pool.people;
    let Some(p) = (from..n).find(|&p| !used[p]) else {
        visit(pairs);
        return;
    };
    used[p] = true;
    extend(pool, used, pairs, p + 1, visit);
    for q in p + 1..n {
        if !used[q] && pool.scores[p * n + q] != NO {
            used[q] = true;
            pairs.push((p, q));
            extend(pool, used, pairs, p + 1, visit);
            pairs.pop();
            used[q] = false;
        }
    }
    used[p] = false;
}

fn total_of(pool: &Pool, pairs: &[(usize, usize)]) -> f64 {
    pairs.iter().map(|&(i, j)| pool.scores[i * pool.people + j]).sum()
}

/// The best total, and the lexicographically best (pairs, total), over every matching.
fn brute_force(pool: &Pool) -> (f64, (usize, f64)) {
    let mut best_total = f64::NEG_INFINITY;
    let mut most = (0, f64::NEG_INFINITY);
    each_matching(pool, &mut |pairs| {
        let total = total_of(pool, pairs);
        best_total = best_total.max(total);
        if pairs.len() > most.0 || (pairs.len() == most.0 && total > most.1) {
            most = (pairs.len(), total);
        }
    });
    (best_total, most)
}

/// SplitMix64: a tiny seeded generator, so random pools are the same on every run.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound`.
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A dense pool whose score for each pair `i < j` is `score(i, j)`.
fn dense(n: usize, mut score: impl FnMut(usize, usize) -> f64) -> Pool {
    let mut scores = vec![0.0; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let w = score(i, j);
            scores[i * n + j] = w;
            scores[j * n + i] = w;
        }
    }
    Pool { people: n, scores, locked: Vec::new() }
}

#[test]
fn an_empty_pool_has_no_pairs() {
    let pool = sparse(0, &[]);
    for goal in [Goal::BestTotal, Goal::MostPairs] {
        let pairing = solved(&pool, goal);
        assert_eq!((pairing.pairs.len(), pairing.total), (0, 0.0));
        assert!(pairing.certificate.person_prices.is_empty());
    }
}

#[test]
fn one_person_stays_single_at_price_zero() {
    let pairing = solved(&sparse(1, &[]), Goal::BestTotal);
    assert!(pairing.pairs.is_empty());
    assert_eq!(pairing.certificate.person_prices, vec![0.0]);
}

#[test]
fn two_people_pair_when_their_score_is_positive() {
    let pairing = solved(&sparse(2, &[(0, 1, 3.0)]), Goal::BestTotal);
    assert_eq!(pairing.pairs, vec![(0, 1)]);
    assert_eq!(pairing.total, 3.0);
    let prices = &pairing.certificate.person_prices;
    assert_eq!(prices[0] + prices[1], 3.0);
}

#[test]
fn a_pair_worth_nothing_is_chosen_only_for_most_pairs() {
    let pool = sparse(2, &[(0, 1, 0.0)]);
    assert!(solved(&pool, Goal::BestTotal).pairs.is_empty());
    let most = solved(&pool, Goal::MostPairs);
    assert_eq!((most.pairs, most.total), (vec![(0, 1)], 0.0));
    assert!(most.certificate.pairs_price > 0.0);
}

#[test]
fn a_triangle_of_equal_scores_is_priced_as_one_blossom() {
    let pool = sparse(3, &[(0, 1, 1.0), (0, 2, 1.0), (1, 2, 1.0)]);
    let pairing = solved(&pool, Goal::BestTotal);
    assert_eq!((pairing.pairs.len(), pairing.total), (1, 1.0));
    // The single person must be priced 0, so each pair is covered by the blossom alone.
    assert_eq!(pairing.certificate.person_prices, vec![0.0; 3]);
    assert_eq!(pairing.certificate.blossoms, vec![(vec![0, 1, 2], 1.0)]);
}

#[test]
fn a_five_cycle_is_covered_by_a_blossom_of_five() {
    let edges: Vec<_> = (0..5).map(|i| (i, (i + 1) % 5, 2.0)).collect();
    let pairing = solved(&sparse(5, &edges), Goal::BestTotal);
    assert_eq!((pairing.pairs.len(), pairing.total), (2, 4.0));
    assert!(pairing.certificate.blossoms.iter().any(|(people, price)| people.len() == 5 && *price > 0.0));
}

#[test]
fn nested_blossoms_are_priced_inside_one_another() {
    // A triangle {0, 1, 2} of 10s inside a 5-cycle 0–3–4–0 of 4s, plus a pendant 5–4:
    // the inner triangle and the outer set both carry a price in the certificate.
    let pool =
        sparse(6, &[(0, 1, 10.0), (1, 2, 10.0), (0, 2, 10.0), (2, 3, 7.0), (3, 4, 7.0), (4, 0, 7.0), (4, 5, 1.0)]);
    let pairing = solved(&pool, Goal::BestTotal);
    assert_eq!(pairing.total, brute_force(&pool).0);
    let blossoms = &pairing.certificate.blossoms;
    let nested = blossoms.iter().any(|(inner, _)| {
        blossoms.iter().any(|(outer, _)| outer.len() > inner.len() && inner.iter().all(|p| outer.contains(p)))
    });
    assert!(nested, "expected nested blossoms in {blossoms:?}");
}

#[test]
fn best_total_and_most_pairs_differ_on_a_path() {
    // a–b 10, a–c 1, b–d 1 with a, b, c, d = 0, 1, 2, 3.
    let pool = sparse(4, &[(0, 1, 10.0), (0, 2, 1.0), (1, 3, 1.0)]);
    let best = solved(&pool, Goal::BestTotal);
    assert_eq!((best.pairs, best.total), (vec![(0, 1)], 10.0));
    let most = solved(&pool, Goal::MostPairs);
    assert_eq!((most.pairs, most.total), (vec![(0, 2), (1, 3)], 2.0));
}

#[test]
fn nobody_pairs_when_every_pair_is_forbidden() {
    let pool = sparse(4, &[]);
    for goal in [Goal::BestTotal, Goal::MostPairs] {
        assert!(solved(&pool, goal).pairs.is_empty());
    }
}

#[test]
fn locks_are_kept_and_the_rest_is_solved_around_them() {
    let mut pool = sparse(4, &[(0, 1, 10.0), (2, 3, 10.0), (0, 2, 1.0), (1, 3, 1.0)]);
    pool.locked = vec![(2, 0)];
    let pairing = solved(&pool, Goal::BestTotal);
    assert_eq!((pairing.pairs, pairing.total), (vec![(0, 2), (1, 3)], 2.0));
    assert_eq!(pairing.certificate.person_prices[0], 0.0);
    assert_eq!(pairing.certificate.person_prices[2], 0.0);
}

#[test]
fn a_lock_holds_even_on_a_negative_score() {
    let mut pool = sparse(3, &[(0, 1, -2.0), (1, 2, 5.0)]);
    pool.locked = vec![(0, 1)];
    let pairing = solved(&pool, Goal::MostPairs);
    assert_eq!((pairing.pairs, pairing.total), (vec![(0, 1)], -2.0));
}

#[test]
fn equal_scores_give_the_same_pairing_every_time() {
    let pool = dense(6, |_, _| 1.0);
    let first = solved(&pool, Goal::BestTotal);
    assert_eq!((first.pairs.len(), first.total), (3, 3.0));
    for _ in 0..3 {
        assert_eq!(solve(&pool, Goal::BestTotal).unwrap(), first);
    }
}

#[test]
fn invalid_pools_are_refused_with_the_reason() {
    let refuse = |pool: &Pool| solve(pool, Goal::BestTotal).unwrap_err();
    let mut pool = sparse(3, &[(0, 1, 1.0), (1, 2, 2.0)]);
    assert!(matches!(refuse(&Pool { scores: vec![0.0; 8], ..pool.clone() }), PoolError::WrongLength { .. }));
    pool.scores[1] = 4.0;
    assert_eq!(refuse(&pool), PoolError::Asymmetric { i: 0, j: 1, forward: 4.0, backward: 1.0 });
    pool.scores[1] = 1.0;
    pool.scores[5] = f64::NAN;
    assert!(matches!(refuse(&pool), PoolError::NotAScore { i: 1, j: 2, .. }));
    pool.scores[5] = f64::INFINITY;
    assert!(matches!(refuse(&pool), PoolError::NotAScore { i: 1, j: 2, .. }));
    pool.scores[5] = 2.0;
    pool.scores[4] = f64::NAN; // the diagonal is ignored
    assert!(solve(&pool, Goal::BestTotal).is_ok());
    let locked = |locked: Vec<(usize, usize)>| refuse(&Pool { locked, ..pool.clone() });
    assert_eq!(locked(vec![(0, 3)]), PoolError::LockOutOfRange { i: 0, j: 3, people: 3 });
    assert_eq!(locked(vec![(1, 1)]), PoolError::LockOnDiagonal { person: 1 });
    assert_eq!(locked(vec![(0, 2)]), PoolError::LockOnForbidden { i: 0, j: 2 });
    assert_eq!(locked(vec![(0, 1), (2, 1)]), PoolError::LockedTwice { person: 1 });
    let huge = sparse(2, &[(0, 1, 1e13)]);
    assert!(matches!(refuse(&huge), PoolError::ScoreTooLarge { .. }));
}

#[test]
fn blocking_pairs_count_mutual_wishes_to_swap() {
    // 0–1 and 2–3 are paired, but 1 and 2 both like each other more than their partners.
    let pool = dense(4, |i, j| match (i, j) {
        (1, 2) => 5.0,
        (0, 1) | (2, 3) => 3.0,
        _ => 1.0,
    });
    assert_eq!(blocking_pairs(&pool, &[(0, 1), (2, 3)]), 1);
    assert_eq!(blocking_pairs(&pool, &[(1, 2)]), 1, "0 and 3 are single and allowed");
    let locked = Pool { locked: vec![(0, 1)], ..pool.clone() };
    assert_eq!(blocking_pairs(&locked, &[(0, 1), (2, 3)]), 0, "the lock holds 1");
    assert_eq!(blocking_pairs(&pool, &[]), 6, "singles block on every allowed pair");
}
