//! Timings on large instances, run by hand:
//! `cargo test --release -p tandem-domain matching -- --ignored --nocapture`.

use std::time::Instant;

use super::testing::SplitMix;
use super::*;

/// n × n, one seat each, scores uniform in 0..1.
fn uniform(n: usize, seed: u64) -> Problem {
    let mut rng = SplitMix::new(seed);
    let scores = (0..n * n).map(|_| rng.unit()).collect();
    Problem { seats: vec![1; n], mentees: n, scores, locked: Vec::new() }
}

/// n × n, one seat each, scores like a program's: one point each for the same department (of
/// 15), region (of 12) and language (of 10), plus noise below 0.01; 1% of pairs forbidden.
fn realistic(n: usize, seed: u64) -> Problem {
    let mut rng = SplitMix::new(seed);
    let mut person = || [rng.below(15), rng.below(12), rng.below(10)];
    let mentors: Vec<[usize; 3]> = (0..n).map(|_| person()).collect();
    let mentees: Vec<[usize; 3]> = (0..n).map(|_| person()).collect();
    let mut scores = Vec::with_capacity(n * n);
    for mentor in &mentors {
        for mentee in &mentees {
            let same = mentor.iter().zip(mentee).filter(|(a, b)| a == b).count() as f64;
            let score = if rng.unit() < 0.01 { f64::NEG_INFINITY } else { same + 0.01 * rng.unit() };
            scores.push(score);
        }
    }
    Problem { seats: vec![1; n], mentees: n, scores, locked: Vec::new() }
}

fn time(name: &str, problem: &Problem) {
    let start = Instant::now();
    let assignment = solve(problem, Goal::MostPairs).expect("a valid problem");
    let seconds = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let verified = verify(problem, &assignment);
    println!(
        "{name}: {seconds:.3} s, {} pairs, total {:.6} (verify {:.3} s)",
        assignment.pairs.len(),
        assignment.total,
        start.elapsed().as_secs_f64()
    );
    assert_eq!(verified, Ok(()));
}

#[test]
#[ignore = "a timing, run by hand in release"]
fn speed_1000() {
    time("uniform 1000", &uniform(1000, 1));
    time("realistic 1000", &realistic(1000, 2));
}

#[test]
#[ignore = "a timing, run by hand in release"]
fn speed_5000() {
    time("uniform 5000", &uniform(5000, 1));
    time("realistic 5000", &realistic(5000, 2));
}

/// `mentors` × `mentees` with `seats` each, uniform scores, a share forbidden.
fn unbalanced(mentors: usize, seats: u32, mentees: usize, forbidden: f64, seed: u64) -> Problem {
    let mut rng = SplitMix::new(seed);
    let scores =
        (0..mentors * mentees).map(|_| if rng.unit() < forbidden { f64::NEG_INFINITY } else { rng.unit() }).collect();
    Problem { seats: vec![seats; mentors], mentees, scores, locked: Vec::new() }
}

fn time_both(name: &str, problem: &Problem) {
    for goal in [Goal::BestTotal, Goal::MostPairs] {
        let start = Instant::now();
        let assignment = solve(problem, goal).expect("a valid problem");
        let seconds = start.elapsed().as_secs_f64();
        let c = &assignment.certificate;
        let widest = c.mentor_prices.iter().chain(&c.mentee_prices).fold(0.0_f64, |m, p| m.max(p.abs()));
        println!(
            "{name} {goal:?}: {seconds:.3} s, {} pairs, total {:.6}, λ {:.3}, widest price {widest:.3}",
            assignment.pairs.len(),
            assignment.total,
            c.pairs_price
        );
        assert_eq!(verify(problem, &assignment), Ok(()));
    }
}

#[test]
#[ignore = "a timing, run by hand in release"]
fn speed_unbalanced() {
    time_both("2500 mentors × 2 seats, 4000 mentees", &unbalanced(2500, 2, 4000, 0.0, 3));
    time_both("5000 mentors, 2500 mentees", &unbalanced(5000, 1, 2500, 0.0, 4));
    time_both("2500 mentors, 5000 mentees", &unbalanced(2500, 1, 5000, 0.0, 5));
    time_both("3000 × 3000, 99.9% forbidden", &unbalanced(3000, 1, 3000, 0.999, 6));
    time_both("3000 × 3000, 99% forbidden", &unbalanced(3000, 1, 3000, 0.99, 7));
}
