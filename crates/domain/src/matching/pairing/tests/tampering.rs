//! `verify` refuses a pairing or certificate that was changed after solving, and says why.

use super::*;

/// A triangle of 1s (one pair and a blossom), the pair 3–4 worth 2, and 2–3 worth 0.5.
fn triangle_and_pair() -> (Pool, Pairing) {
    let pool = sparse(5, &[(0, 1, 1.0), (0, 2, 1.0), (1, 2, 1.0), (3, 4, 2.0), (2, 3, 0.5)]);
    let pairing = solved(&pool, Goal::BestTotal);
    assert_eq!(pairing.certificate.blossoms, vec![(vec![0, 1, 2], 1.0)]);
    assert!(pairing.pairs.contains(&(3, 4)));
    (pool, pairing)
}

fn refusal(pool: &Pool, pairing: &Pairing) -> CertificateError {
    verify(pool, pairing).expect_err("a tampered pairing must fail")
}

/// The person of the triangle left single.
fn single_of_triangle(pairing: &Pairing) -> usize {
    (0..3).find(|p| pairing.pairs.iter().all(|&(i, j)| i != *p && j != *p)).expect("one is single")
}

#[test]
fn a_lowered_person_price_leaves_a_pair_underpriced() {
    let (pool, mut pairing) = triangle_and_pair();
    pairing.certificate.person_prices[3] -= 0.5;
    assert!(matches!(refusal(&pool, &pairing), CertificateError::Underpriced { i: 3, j: 4, .. }));
    pairing.certificate.person_prices[3] = -1.0;
    assert!(matches!(refusal(&pool, &pairing), CertificateError::BadPersonPrice { person: 3, .. }));
}

#[test]
fn a_single_person_with_a_price_is_refused() {
    let (pool, mut pairing) = triangle_and_pair();
    let single = single_of_triangle(&pairing);
    pairing.certificate.person_prices[single] = 0.25;
    assert_eq!(refusal(&pool, &pairing), CertificateError::PricedPersonAlone { person: single, price: 0.25 });
}

#[test]
fn a_tampered_blossom_price_is_refused() {
    let (pool, mut pairing) = triangle_and_pair();
    pairing.certificate.blossoms[0].1 = 0.5;
    assert!(matches!(refusal(&pool, &pairing), CertificateError::Underpriced { .. }));
    pairing.certificate.blossoms[0].1 = -1.0;
    assert!(matches!(refusal(&pool, &pairing), CertificateError::BadBlossomPrice { index: 0, .. }));
    pairing.certificate.blossoms[0] = (vec![0, 1], 1.0);
    assert_eq!(refusal(&pool, &pairing), CertificateError::MalformedBlossom { index: 0 });
}

#[test]
fn a_chosen_pair_priced_above_its_score_is_not_tight() {
    let (pool, mut pairing) = triangle_and_pair();
    pairing.certificate.person_prices[3] += 0.5;
    pairing.certificate.person_prices[4] += 0.5;
    assert!(matches!(refusal(&pool, &pairing), CertificateError::NotTight { i: 3, j: 4, .. }));
}

#[test]
fn a_priced_blossom_without_its_pair_is_not_full() {
    let (pool, mut pairing) = triangle_and_pair();
    pairing.pairs = vec![(3, 4)];
    pairing.total = 2.0;
    assert!(matches!(refusal(&pool, &pairing), CertificateError::BlossomNotFull { index: 0, pairs: 0, full: 1, .. }));
}

#[test]
fn a_forbidden_pair_is_refused() {
    let (pool, mut pairing) = triangle_and_pair();
    pairing.pairs = vec![(0, 3)];
    assert_eq!(refusal(&pool, &pairing), CertificateError::ForbiddenPair { i: 0, j: 3 });
}

#[test]
fn a_person_in_two_pairs_is_refused() {
    let (pool, mut pairing) = triangle_and_pair();
    pairing.pairs = vec![(0, 1), (1, 2), (3, 4)];
    assert_eq!(refusal(&pool, &pairing), CertificateError::PersonTwice { person: 1 });
}

#[test]
fn malformed_unsorted_or_mistotalled_pairs_are_refused() {
    let (pool, mut pairing) = triangle_and_pair();
    let original = pairing.clone();
    pairing.pairs = vec![(4, 3)];
    assert_eq!(refusal(&pool, &pairing), CertificateError::MalformedPair { i: 4, j: 3 });
    pairing.pairs = original.pairs.iter().rev().copied().collect();
    assert!(matches!(refusal(&pool, &pairing), CertificateError::UnsortedPairs { .. }));
    pairing = original;
    pairing.total += 1.0;
    assert!(matches!(refusal(&pool, &pairing), CertificateError::WrongTotal { .. }));
}

#[test]
fn a_broken_lock_is_refused() {
    let mut pool = sparse(4, &[(0, 1, 10.0), (2, 3, 10.0), (0, 2, 1.0), (1, 3, 1.0)]);
    pool.locked = vec![(0, 2)];
    let mut pairing = solved(&pool, Goal::BestTotal);
    pairing.pairs.retain(|&pair| pair != (0, 2));
    pairing.total = 1.0;
    assert_eq!(refusal(&pool, &pairing), CertificateError::LockBroken { i: 0, j: 2 });
}

#[test]
fn a_locked_person_carries_no_price() {
    let mut pool = sparse(4, &[(0, 1, 10.0), (2, 3, 10.0), (0, 2, 1.0), (1, 3, 1.0)]);
    pool.locked = vec![(0, 2)];
    let mut pairing = solved(&pool, Goal::BestTotal);
    pairing.certificate.person_prices[0] = 1.0;
    assert_eq!(refusal(&pool, &pairing), CertificateError::LockedPersonPriced { person: 0, price: 1.0 });
}

#[test]
fn most_pairs_needs_a_price_per_pair_that_puts_pairs_first() {
    let pool = sparse(4, &[(0, 1, 10.0), (0, 2, 1.0), (1, 3, 1.0)]);
    let mut pairing = solved(&pool, Goal::MostPairs);
    pairing.certificate.pairs_price = 5.0;
    assert!(matches!(refusal(&pool, &pairing), CertificateError::PairsPriceTooLow { price: 5.0, .. }));
}

#[test]
fn a_certificate_worked_by_hand_passes() {
    // Path 0–1 (3), 1–2 (5): choose 1–2; prices 0, 3, 2 cover 0–1 exactly and 1–2 tightly.
    let pool = sparse(3, &[(0, 1, 3.0), (1, 2, 5.0)]);
    let certificate = Certificate { person_prices: vec![0.0, 3.0, 2.0], blossoms: vec![], pairs_price: 0.0 };
    let pairing = Pairing { pairs: vec![(1, 2)], total: 5.0, certificate };
    assert_eq!(verify(&pool, &pairing), Ok(()));
}
