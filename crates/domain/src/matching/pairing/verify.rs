//! Checking a pairing against its certificate: a valid matching that keeps the locks, prices
//! that cover every allowed pair of the reduced pool, and complementary slackness. See the
//! [module documentation](super) for the LP behind it.

use super::pool::CheckedPool;
use super::{Certificate, Pairing, Pool, PoolError};

/// Which condition a pairing or its certificate fails, and where.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CertificateError {
    #[error("the pool is not valid: {0}")]
    Pool(#[from] PoolError),
    #[error("({i}, {j}) is not two people of the pool in increasing order")]
    MalformedPair { i: usize, j: usize },
    #[error("person {person} is in two pairs")]
    PersonTwice { person: usize },
    #[error("the pair ({i}, {j}) is forbidden")]
    ForbiddenPair { i: usize, j: usize },
    #[error("the pairs are not sorted: {after:?} comes after {before:?}")]
    UnsortedPairs { before: (usize, usize), after: (usize, usize) },
    #[error("the locked pair ({i}, {j}) is not among the pairs")]
    LockBroken { i: usize, j: usize },
    #[error("the total is {claimed} but the pairs add up to {actual}")]
    WrongTotal { claimed: f64, actual: f64 },
    #[error("there are {found} person prices for {people} people")]
    PriceCount { people: usize, found: usize },
    #[error("person {person} has price {price}: negative or not a number")]
    BadPersonPrice { person: usize, price: f64 },
    #[error("person {person} is locked, so outside the priced pool, but has price {price}")]
    LockedPersonPriced { person: usize, price: f64 },
    #[error("blossom {index} is not an odd set of three or more distinct unlocked people")]
    MalformedBlossom { index: usize },
    #[error("blossom {index} has price {price}: negative or not a number")]
    BadBlossomPrice { index: usize, price: f64 },
    #[error("the price per pair is {price}: it must be 0 (best total) or above {needed} (most pairs)")]
    PairsPriceTooLow { price: f64, needed: f64 },
    #[error("the pair ({i}, {j}) is priced {shortfall} below its score")]
    Underpriced { i: usize, j: usize, shortfall: f64 },
    #[error("the chosen pair ({i}, {j}) is priced {excess} above its score: not tight")]
    NotTight { i: usize, j: usize, excess: f64 },
    #[error("person {person} has price {price} but is not paired")]
    PricedPersonAlone { person: usize, price: f64 },
    #[error("blossom {index} has price {price} but holds {pairs} chosen pairs, not {full}")]
    BlossomNotFull { index: usize, price: f64, pairs: usize, full: usize },
}

/// Checks `pairing` against its certificate: a valid matching of `pool` (each person once, no
/// forbidden pair, locks kept, the total right), dual feasibility (person and blossom prices
/// ≥ 0, blossoms odd sets of size ≥ 3, every allowed pair of the reduced pool covered) and
/// complementary slackness (chosen pairs tight, priced people paired, priced blossoms full),
/// each within `1e-9 × (1 + max |score|)`.
pub fn verify(pool: &Pool, pairing: &Pairing) -> Result<(), CertificateError> {
    let checked = CheckedPool::parse(pool)?;
    let partner = check_matching(&checked, &pairing.pairs)?;
    check_total(&checked, pairing)?;
    let free = checked.free_people();
    let largest = checked.largest_score_among(&free);
    let tolerance = 1e-9 * (1.0 + largest);
    let certificate = &pairing.certificate;
    check_person_prices(&checked, certificate, tolerance)?;
    let memberships = check_blossoms(&checked, certificate, tolerance)?;
    check_pairs_price(certificate, free.len(), largest, tolerance)?;
    let prices = Prices { certificate, memberships, tolerance };
    prices.check_cover(&checked, &free, &partner)?;
    prices.check_slackness(&partner)
}

/// Each person's partner, once the pairs are known to form a matching that keeps the locks.
fn check_matching(checked: &CheckedPool, pairs: &[(usize, usize)]) -> Result<Vec<Option<usize>>, CertificateError> {
    let mut partner = vec![None; checked.people()];
    for (k, &(i, j)) in pairs.iter().enumerate() {
        if i >= j || j >= checked.people() {
            return Err(CertificateError::MalformedPair { i, j });
        }
        for person in [i, j] {
            if partner[person].is_some() {
                return Err(CertificateError::PersonTwice { person });
            }
        }
        if checked.score(i, j).is_none() {
            return Err(CertificateError::ForbiddenPair { i, j });
        }
        if k > 0 && pairs[k - 1] > (i, j) {
            return Err(CertificateError::UnsortedPairs { before: pairs[k - 1], after: (i, j) });
        }
        partner[i] = Some(j);
        partner[j] = Some(i);
    }
    match checked.locks().find(|&(i, j)| partner[i] != Some(j)) {
        Some((i, j)) => Err(CertificateError::LockBroken { i, j }),
        None => Ok(partner),
    }
}

fn check_total(checked: &CheckedPool, pairing: &Pairing) -> Result<(), CertificateError> {
    let scores = pairing.pairs.iter().map(|&(i, j)| checked.score(i, j).expect("pairs are checked as allowed"));
    let (actual, magnitude) = scores.fold((0.0, 0.0), |(sum, size), score: f64| (sum + score, size + score.abs()));
    if (pairing.total - actual).abs() <= 1e-9 * (1.0 + magnitude) {
        Ok(())
    } else {
        Err(CertificateError::WrongTotal { claimed: pairing.total, actual })
    }
}

fn check_person_prices(
    checked: &CheckedPool,
    certificate: &Certificate,
    tolerance: f64,
) -> Result<(), CertificateError> {
    let prices = &certificate.person_prices;
    if prices.len() != checked.people() {
        return Err(CertificateError::PriceCount { people: checked.people(), found: prices.len() });
    }
    for (person, &price) in prices.iter().enumerate() {
        if !price.is_finite() || price < -tolerance {
            return Err(CertificateError::BadPersonPrice { person, price });
        }
        if checked.locked_with(person).is_some() && price != 0.0 {
            return Err(CertificateError::LockedPersonPriced { person, price });
        }
    }
    Ok(())
}

/// For each person, the indices of the blossoms holding them (increasing), once every blossom
/// is known to be a well-formed odd set with a sound price.
fn check_blossoms(
    checked: &CheckedPool,
    certificate: &Certificate,
    tolerance: f64,
) -> Result<Vec<Vec<usize>>, CertificateError> {
    let mut memberships = vec![Vec::new(); checked.people()];
    for (index, (members, price)) in certificate.blossoms.iter().enumerate() {
        if !price.is_finite() || *price < -tolerance {
            return Err(CertificateError::BadBlossomPrice { index, price: *price });
        }
        let odd = members.len() >= 3 && members.len() % 2 == 1;
        let unlocked = members.iter().all(|&p| p < checked.people() && checked.locked_with(p).is_none());
        if !odd || !unlocked {
            return Err(CertificateError::MalformedBlossom { index });
        }
        for &p in members {
            if memberships[p].last() == Some(&index) {
                return Err(CertificateError::MalformedBlossom { index });
            }
            memberships[p].push(index);
        }
    }
    Ok(memberships)
}

/// A positive price per pair must be large enough that, even loosened by the tolerance of
/// every condition, the LP bound rules out a matching with one pair more: then the pairing
/// has the most pairs, and the best total among those.
fn check_pairs_price(
    certificate: &Certificate,
    free: usize,
    largest: f64,
    tolerance: f64,
) -> Result<(), CertificateError> {
    let price = certificate.pairs_price;
    let blossom_sizes: usize = certificate.blossoms.iter().map(|(members, _)| members.len() - 1).sum();
    let slop = tolerance * (3 * free + blossom_sizes) as f64;
    let needed = free.saturating_sub(1) as f64 * largest + slop;
    if price == 0.0 || price > needed { Ok(()) } else { Err(CertificateError::PairsPriceTooLow { price, needed }) }
}

/// The certificate's prices, with each person's blossoms, for checking pair by pair.
struct Prices<'a> {
    certificate: &'a Certificate,
    memberships: Vec<Vec<usize>>,
    tolerance: f64,
}

impl Prices<'_> {
    /// What the prices pay for the pair `i, j`: both people's prices and those of the
    /// blossoms holding both.
    fn cover(&self, i: usize, j: usize) -> f64 {
        let (mut a, mut b) = (self.memberships[i].iter().peekable(), self.memberships[j].iter().peekable());
        let mut shared = 0.0;
        while let (Some(&&x), Some(&&y)) = (a.peek(), b.peek()) {
            if x == y {
                shared += self.certificate.blossoms[x].1;
            }
            if x <= y {
                a.next();
            }
            if y <= x {
                b.next();
            }
        }
        self.certificate.person_prices[i] + self.certificate.person_prices[j] + shared
    }

    /// Every allowed pair of unlocked people is covered; the chosen ones exactly.
    fn check_cover(
        &self,
        checked: &CheckedPool,
        free: &[usize],
        partner: &[Option<usize>],
    ) -> Result<(), CertificateError> {
        for (a, &i) in free.iter().enumerate() {
            for &j in &free[a + 1..] {
                let Some(score) = checked.score(i, j) else { continue };
                let slack = self.cover(i, j) - (score + self.certificate.pairs_price);
                if slack < -self.tolerance {
                    return Err(CertificateError::Underpriced { i, j, shortfall: -slack });
                }
                if partner[i] == Some(j) && slack > self.tolerance {
                    return Err(CertificateError::NotTight { i, j, excess: slack });
                }
            }
        }
        Ok(())
    }

    /// A priced person is paired; a priced blossom holds as many chosen pairs as it can.
    fn check_slackness(&self, partner: &[Option<usize>]) -> Result<(), CertificateError> {
        for (person, &price) in self.certificate.person_prices.iter().enumerate() {
            if price > self.tolerance && partner[person].is_none() {
                return Err(CertificateError::PricedPersonAlone { person, price });
            }
        }
        for (index, (members, price)) in self.certificate.blossoms.iter().enumerate() {
            if *price <= self.tolerance {
                continue;
            }
            let inside = |p: usize| self.memberships[p].binary_search(&index).is_ok();
            let pairs = members.iter().filter(|&&p| partner[p].is_some_and(inside)).count() / 2;
            let full = (members.len() - 1) / 2;
            if pairs != full {
                return Err(CertificateError::BlossomNotFull { index, price: *price, pairs, full });
            }
        }
        Ok(())
    }
}
