//! Checking a result against its certificate, trusting nothing the solver computed.

use std::fmt;

use thiserror::Error;

use super::{Assignment, Goal, Problem, ProblemError, Residual};

/// Which side of the problem a price belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Mentor,
    Mentee,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Mentor => "mentor",
            Side::Mentee => "mentee",
        })
    }
}

/// The first condition a result or its certificate fails, and where.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum CertificateError {
    #[error(transparent)]
    Problem(#[from] ProblemError),
    #[error("the pairs are not sorted and distinct at position {index}")]
    PairsNotSorted { index: usize },
    #[error("the pair of mentor {mentor} and mentee {mentee} is outside the problem")]
    PairOutOfRange { mentor: usize, mentee: usize },
    #[error("the pair of mentor {mentor} and mentee {mentee} is forbidden")]
    ForbiddenPair { mentor: usize, mentee: usize },
    #[error("mentee {mentee} has more than one mentor")]
    MenteeTwice { mentee: usize },
    #[error("mentor {mentor} has {pairs} pairs but {seats} seats")]
    MentorOverFull { mentor: usize, pairs: usize, seats: u32 },
    #[error("the lock of mentor {mentor} and mentee {mentee} is not among the pairs")]
    LockBroken { mentor: usize, mentee: usize },
    #[error("the total is {claimed} but the pairs add up to {actual}")]
    WrongTotal { claimed: f64, actual: f64 },
    #[error("the certificate has {found} {side} prices for {expected} {side}s")]
    PriceCount { side: Side, expected: usize, found: usize },
    #[error("{side} {index} has price {price}; a price is finite and not negative")]
    InvalidPrice { side: Side, index: usize, price: f64 },
    #[error("the pairs price is {price}; it is finite, and 0 for the best total")]
    InvalidPairsPrice { price: f64 },
    #[error("the locked mentee {mentee} has price {price}; it takes no part and is priced 0")]
    LockedMenteePriced { mentee: usize, price: f64 },
    #[error("mentor {mentor} and mentee {mentee}: the prices add up to {prices}, below the score {score}")]
    PricesBelowScore { mentor: usize, mentee: usize, prices: f64, score: f64 },
    #[error(
        "the chosen pair of mentor {mentor} and mentee {mentee}: the prices add up to {prices}, above the score {score}"
    )]
    ChosenPairNotTight { mentor: usize, mentee: usize, prices: f64, score: f64 },
    #[error("mentor {mentor} has a free seat but price {price}")]
    FreeSeatPriced { mentor: usize, price: f64 },
    #[error("mentee {mentee} has no mentor but price {price}")]
    UnmatchedMenteePriced { mentee: usize, price: f64 },
    #[error(
        "an augmenting path joins mentor {mentor} (with a free seat) and mentee {mentee} (without a mentor): more pairs are possible"
    )]
    MorePairsPossible { mentor: usize, mentee: usize },
}

/// Checks a result against its certificate: the pairs are feasible (seats, one mentor per
/// mentee, nothing forbidden, every lock kept) and add up to the total; the prices are dual
/// feasible and complementary slack for the rest of the problem once the locks are placed (see
/// the module's documentation), within 1e-9 × (1 + the largest |score|); and for
/// [`Goal::MostPairs`] no augmenting path exists, so no assignment has more pairs.
pub fn verify(problem: &Problem, assignment: &Assignment) -> Result<(), CertificateError> {
    problem.validate()?;
    let tolerance = tolerance(problem);
    let mentor_of = check_pairs(problem, assignment, tolerance)?;
    let residual = Residual::new(problem);
    check_prices(problem, assignment, &residual, tolerance)?;
    check_dual(problem, assignment, &residual, tolerance)?;
    check_slackness(problem, assignment, &residual, &mentor_of, tolerance)?;
    if assignment.goal == Goal::MostPairs {
        check_no_augmenting_path(problem, &residual, &mentor_of)?;
    }
    Ok(())
}

/// 1e-9 × (1 + the largest |score|).
fn tolerance(problem: &Problem) -> f64 {
    let widest = problem.scores.iter().filter(|s| s.is_finite()).fold(0.0_f64, |m, s| m.max(s.abs()));
    1e-9 * (1.0 + widest)
}

/// Feasibility and the total; returns each mentee's mentor (`usize::MAX` for none).
fn check_pairs(problem: &Problem, assignment: &Assignment, tolerance: f64) -> Result<Vec<usize>, CertificateError> {
    let pairs = &assignment.pairs;
    if let Some(index) = pairs.windows(2).position(|w| w[0] >= w[1]) {
        return Err(CertificateError::PairsNotSorted { index: index + 1 });
    }
    let mut mentor_of = vec![usize::MAX; problem.mentees];
    let mut held = vec![0usize; problem.mentors()];
    for &(mentor, mentee) in pairs {
        if mentor >= problem.mentors() || mentee >= problem.mentees {
            return Err(CertificateError::PairOutOfRange { mentor, mentee });
        }
        if problem.score(mentor, mentee) == f64::NEG_INFINITY {
            return Err(CertificateError::ForbiddenPair { mentor, mentee });
        }
        if mentor_of[mentee] != usize::MAX {
            return Err(CertificateError::MenteeTwice { mentee });
        }
        mentor_of[mentee] = mentor;
        held[mentor] += 1;
    }
    if let Some(mentor) = (0..problem.mentors()).find(|&r| held[r] > problem.seats[r] as usize) {
        return Err(CertificateError::MentorOverFull { mentor, pairs: held[mentor], seats: problem.seats[mentor] });
    }
    if let Some(&(mentor, mentee)) = problem.locked.iter().find(|&&(r, c)| mentor_of[c] != r) {
        return Err(CertificateError::LockBroken { mentor, mentee });
    }
    let actual: f64 = pairs.iter().map(|&(r, c)| problem.score(r, c)).sum();
    let claimed = assignment.total;
    let adds_up = (claimed - actual).abs() <= tolerance * (1.0 + pairs.len() as f64);
    if !adds_up {
        return Err(CertificateError::WrongTotal { claimed, actual });
    }
    Ok(mentor_of)
}

/// The prices' count, signs, λ, and the locked mentees' prices.
fn check_prices(
    problem: &Problem,
    assignment: &Assignment,
    residual: &Residual,
    tolerance: f64,
) -> Result<(), CertificateError> {
    let certificate = &assignment.certificate;
    let sides = [
        (Side::Mentor, problem.mentors(), &certificate.mentor_prices),
        (Side::Mentee, problem.mentees, &certificate.mentee_prices),
    ];
    for (side, expected, prices) in sides {
        if prices.len() != expected {
            return Err(CertificateError::PriceCount { side, expected, found: prices.len() });
        }
        if let Some(index) = prices.iter().position(|p| !p.is_finite() || *p < -tolerance) {
            return Err(CertificateError::InvalidPrice { side, index, price: prices[index] });
        }
    }
    let price = certificate.pairs_price;
    if !price.is_finite() || (assignment.goal == Goal::BestTotal && price.abs() > tolerance) {
        return Err(CertificateError::InvalidPairsPrice { price });
    }
    let mut locked = (0..problem.mentees).filter(|&c| residual.locked_mentee[c]);
    match locked.find(|&c| certificate.mentee_prices[c].abs() > tolerance) {
        Some(mentee) => Err(CertificateError::LockedMenteePriced { mentee, price: certificate.mentee_prices[mentee] }),
        None => Ok(()),
    }
}

/// u_r + v_c + λ ≥ w_rc on every allowed pair with an unlocked mentee.
fn check_dual(
    problem: &Problem,
    assignment: &Assignment,
    residual: &Residual,
    tolerance: f64,
) -> Result<(), CertificateError> {
    let certificate = &assignment.certificate;
    for mentor in 0..problem.mentors() {
        let base = certificate.mentor_prices[mentor] + certificate.pairs_price;
        let pairs = problem.row(mentor).iter().zip(&certificate.mentee_prices).zip(&residual.locked_mentee);
        for (mentee, ((&score, &price), &locked)) in pairs.enumerate() {
            let prices = base + price;
            if !locked && prices < score - tolerance {
                return Err(CertificateError::PricesBelowScore { mentor, mentee, prices, score });
            }
        }
    }
    Ok(())
}

/// Equality on the chosen pairs (the locks aside), and prices only where the seats are full
/// or the mentee is matched.
fn check_slackness(
    problem: &Problem,
    assignment: &Assignment,
    residual: &Residual,
    mentor_of: &[usize],
    tolerance: f64,
) -> Result<(), CertificateError> {
    let certificate = &assignment.certificate;
    for &(mentor, mentee) in &assignment.pairs {
        if residual.locked_mentee[mentee] {
            continue;
        }
        let score = problem.score(mentor, mentee);
        let prices = certificate.mentor_prices[mentor] + certificate.mentee_prices[mentee] + certificate.pairs_price;
        if prices > score + tolerance {
            return Err(CertificateError::ChosenPairNotTight { mentor, mentee, prices, score });
        }
    }
    let mut held = vec![0usize; problem.mentors()];
    for &(mentor, _) in &assignment.pairs {
        held[mentor] += 1;
    }
    let priced_free = (0..problem.mentors())
        .find(|&r| held[r] < problem.seats[r] as usize && certificate.mentor_prices[r] > tolerance);
    if let Some(mentor) = priced_free {
        return Err(CertificateError::FreeSeatPriced { mentor, price: certificate.mentor_prices[mentor] });
    }
    let priced_unmatched = (0..problem.mentees).find(|&c| {
        !residual.locked_mentee[c] && mentor_of[c] == usize::MAX && certificate.mentee_prices[c] > tolerance
    });
    match priced_unmatched {
        Some(mentee) => {
            Err(CertificateError::UnmatchedMenteePriced { mentee, price: certificate.mentee_prices[mentee] })
        }
        None => Ok(()),
    }
}

/// Searches, from every mentor with a free seat, the alternating paths (an allowed pair not
/// chosen to a mentee, the chosen pair from that mentee to its mentor, …) of the rest of the
/// problem. Reaching a mentee without a mentor means more pairs are possible; reaching none
/// means the count is the largest (Berge), and the mentors not reached with the mentees reached
/// are a vertex cover as large as the count (König).
fn check_no_augmenting_path(
    problem: &Problem,
    residual: &Residual,
    mentor_of: &[usize],
) -> Result<(), CertificateError> {
    let mut held = vec![0u32; problem.mentors()];
    for (mentee, &mentor) in mentor_of.iter().enumerate() {
        if mentor != usize::MAX && !residual.locked_mentee[mentee] {
            held[mentor] += 1;
        }
    }
    let mut origin = vec![usize::MAX; problem.mentors()];
    let mut queue: Vec<usize> = (0..problem.mentors()).filter(|&r| held[r] < residual.free_seats[r]).collect();
    for &r in &queue {
        origin[r] = r;
    }
    let mut next = 0;
    while let Some(&mentor) = queue.get(next) {
        next += 1;
        let row = problem.row(mentor);
        for mentee in 0..problem.mentees {
            if residual.locked_mentee[mentee] || row[mentee] == f64::NEG_INFINITY || mentor_of[mentee] == mentor {
                continue;
            }
            match mentor_of[mentee] {
                usize::MAX => return Err(CertificateError::MorePairsPossible { mentor: origin[mentor], mentee }),
                other if origin[other] == usize::MAX => {
                    origin[other] = origin[mentor];
                    queue.push(other);
                }
                _ => {}
            }
        }
    }
    Ok(())
}
