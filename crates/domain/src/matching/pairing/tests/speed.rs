//! How long large dense pools take (run with `--release -- --ignored --nocapture`).

use std::time::Instant;

use super::*;

fn timed(n: usize, goal: Goal, score: &str, pool: &Pool) {
    let start = Instant::now();
    let pairing = solve(pool, goal).expect("the pool is valid");
    let solving = start.elapsed().as_secs_f64();
    let start = Instant::now();
    verify(pool, &pairing).expect("the certificate holds");
    let verifying = start.elapsed().as_secs_f64();
    println!(
        "n = {n}, {goal:?}, {score} scores: solve {solving:.2} s, verify {verifying:.2} s ({} pairs, total {:.1})",
        pairing.pairs.len(),
        pairing.total
    );
}

#[test]
#[ignore = "speed check"]
fn dense_pools_of_a_thousand_and_two_thousand() {
    for n in [1000, 2000] {
        let mut random = SplitMix(n as u64);
        let real = dense(n, |_, _| random.unit() * 10.0);
        let halves = dense(n, |_, _| random.below(21) as f64 / 2.0);
        for goal in [Goal::BestTotal, Goal::MostPairs] {
            timed(n, goal, "real", &real);
            timed(n, goal, "half-point", &halves);
        }
    }
}
