//! The solver behind [`super::solve`]: a dense shortest-augmenting-path method with potentials,
//! in the manner of Jonker and Volgenant (LAPJV), on seats.
//!
//! Every seat is a row of its own (all seats of one mentor read the mentor's row of scores), and
//! every seat may stay free instead: an "exit" worth `exit_value`, 0 for the best total and, for
//! the most pairs, a penalty larger than any difference of totals, so that a seat stays free
//! only when no assignment fills it. With exits every row can always be placed, so the method
//! works as it does on a square matrix while the sides stay as they are: rows are placed one at
//! a time, each by a shortest path to a free mentee or to an exit, and the potentials stay dual
//! feasible throughout:
//!
//! - u[seat] + v[mentee] ≥ score on allowed pairs, with equality on held pairs;
//! - v ≥ 0, and v = 0 on every mentee no seat holds (a held mentee stays held);
//! - u ≥ exit_value, with equality on a seat that has taken its exit.
//!
//! Once every seat is placed these prove the seats' assignment optimal for the score plus
//! `exit_value` per free seat. Before the shortest paths, two rounds of LAPJV's augmenting row
//! reduction (auction-like bids) place most seats cheaply; a bid raises the price of the mentee
//! it takes, never of a free one, so the invariant holds from the start.
//!
//! Forbidden pairs score −inf and locked mentees are priced +inf, so their reduced cost is +inf
//! and never wins a comparison; no sum can become NaN because a price is never infinite and a
//! score never +inf on a mentee that takes part.

use super::scores::{Coded, Plain, Scores};
use super::{Goal, Problem, Residual};

/// No seat or no mentee.
const NONE: u32 = u32::MAX;
/// A seat that has taken its exit: it stays free.
const EXIT: u32 = u32::MAX - 1;

/// Each seat's mentee and price, and each mentee's price, once every seat is placed.
pub(super) struct Solution {
    pub seat_mentor: Vec<u32>,
    /// The mentee each seat holds, or a value past the last mentee for a free seat.
    pub seat_mentee: Vec<u32>,
    pub seat_price: Vec<f64>,
    /// Meaningful for held mentees only.
    pub mentee_price: Vec<f64>,
}

impl Solution {
    /// (seat, mentor, mentee) for every held seat, in seat order.
    pub fn held(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        let held = self.seat_mentee.iter().enumerate().filter(|&(_, &mentee)| mentee < EXIT);
        held.map(|(seat, &mentee)| (seat, self.seat_mentor[seat] as usize, mentee as usize))
    }

    /// (mentor, mentee) for every held seat.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.held().map(|(_, mentor, mentee)| (mentor, mentee))
    }

    /// Frees every seat that holds a pair of score 0 or below. Such a pair is tight with prices
    /// u, v ≥ 0, so both are 0 already and the prices stay a proof for the best total.
    pub fn release_pairs_without_gain(&mut self, problem: &Problem) {
        for seat in 0..self.seat_mentee.len() {
            let mentee = self.seat_mentee[seat];
            if mentee < EXIT && problem.score(self.seat_mentor[seat] as usize, mentee as usize) <= 0.0 {
                self.seat_mentee[seat] = EXIT;
            }
        }
    }
}

/// Places every seat of `residual` for `goal`, reading the scores one byte a pair when they allow
/// it ([`Coded`]).
pub(super) fn solve(problem: &Problem, residual: &Residual, goal: Goal) -> Solution {
    match Coded::of(&problem.scores, problem.mentees) {
        Some(coded) => solve_with(&coded, problem, residual, goal),
        None => solve_with(&Plain { scores: &problem.scores, mentees: problem.mentees }, problem, residual, goal),
    }
}

fn solve_with<S: Scores>(scores: &S, problem: &Problem, residual: &Residual, goal: Goal) -> Solution {
    let mut solver = Solver::new(scores, problem, residual, goal);
    let pending = solver.reduce_rows();
    let mut search = Search::new(problem.mentees);
    for seat in pending {
        solver.place(seat as usize, &mut search);
    }
    let mut mentee_price = solver.v;
    for (price, &locked) in mentee_price.iter_mut().zip(&residual.locked_mentee) {
        if locked {
            *price = 0.0;
        }
    }
    Solution { seat_mentor: solver.seat_mentor, seat_mentee: solver.seat_mentee, seat_price: solver.u, mentee_price }
}

/// The state of the method: potentials and the current assignment.
struct Solver<'a, S: Scores> {
    scores: &'a S,
    /// What a free seat is worth.
    exit_value: f64,
    /// Whether a bid may weigh the exit (for the best total; for the most pairs the exit is
    /// a last resort that only the shortest paths take).
    bids_weigh_exit: bool,
    seat_mentor: Vec<u32>,
    /// The mentees that take part (not locked), in increasing order.
    active: Vec<u32>,
    u: Vec<f64>,
    v: Vec<f64>,
    seat_mentee: Vec<u32>,
    mentee_seat: Vec<u32>,
}

/// What a bid of augmenting row reduction did.
enum Bid {
    Placed,
    /// The seat took a mentee from `seat`; `raised` if it raised the mentee's price, in which
    /// case the loser bids next.
    Displaced {
        seat: u32,
        raised: bool,
    },
    /// The bid cannot decide: the shortest paths will place the seat.
    Deferred,
}

impl<'a, S: Scores> Solver<'a, S> {
    fn new(scores: &'a S, problem: &Problem, residual: &Residual, goal: Goal) -> Self {
        let active: Vec<u32> = (0..problem.mentees).filter(|&c| !residual.locked_mentee[c]).map(|c| c as u32).collect();
        // A mentor with more seats than mentees keeps one seat past them, which will stay free
        // and so carry the free seat's price to the mentor.
        let seats_per_mentor = residual.free_seats.iter().map(|&s| (s as usize).min(active.len() + 1));
        let seat_mentor: Vec<u32> =
            seats_per_mentor.enumerate().flat_map(|(r, seats)| std::iter::repeat_n(r as u32, seats)).collect();
        let exit_value = match goal {
            Goal::BestTotal => 0.0,
            Goal::MostPairs => count_penalty(problem, seat_mentor.len().min(active.len())),
        };
        let v = residual.locked_mentee.iter().map(|&locked| if locked { f64::INFINITY } else { 0.0 }).collect();
        Self {
            scores,
            exit_value,
            bids_weigh_exit: goal == Goal::BestTotal,
            u: vec![0.0; seat_mentor.len()],
            seat_mentee: vec![NONE; seat_mentor.len()],
            mentee_seat: vec![NONE; problem.mentees],
            seat_mentor,
            active,
            v,
        }
    }

    /// The scores of the mentor a seat belongs to.
    #[inline]
    fn row(&self, seat: usize) -> &'a [S::Code] {
        self.scores.row(self.seat_mentor[seat] as usize)
    }

    /// Two rounds of LAPJV's augmenting row reduction over all seats; returns the seats still
    /// free, in increasing order. A seat that outbids another by raising a price makes the loser
    /// bid at once; a loser to a tie waits for the next round. The bids are capped (an auction
    /// without a minimum raise can trade tiny raises for long), and what is left goes to the
    /// shortest paths, which are exact whatever the start.
    fn reduce_rows(&mut self) -> Vec<u32> {
        let mut round: Vec<u32> = (0..self.seat_mentor.len() as u32).collect();
        let mut deferred = Vec::new();
        let mut budget = 4 * round.len();
        for _ in 0..2 {
            let mut next = Vec::new();
            for &first in &round {
                let mut seat = first;
                loop {
                    if budget == 0 {
                        deferred.push(seat);
                        break;
                    }
                    budget -= 1;
                    match self.bid(seat as usize) {
                        Bid::Placed => break,
                        Bid::Displaced { seat: loser, raised: true } => seat = loser,
                        Bid::Displaced { seat: loser, raised: false } => {
                            next.push(loser);
                            break;
                        }
                        Bid::Deferred => {
                            deferred.push(seat);
                            break;
                        }
                    }
                }
            }
            round = next;
        }
        deferred.extend(round);
        deferred.sort_unstable();
        deferred
    }

    /// One bid: the seat takes the mentee with the best profit (score less price) and raises its
    /// price until the second best (or, for the best total, the exit) is as good.
    fn bid(&mut self, seat: usize) -> Bid {
        let (p1, j1, p2, j2) = self.best_two(seat);
        let exit = if self.bids_weigh_exit { self.exit_value } else { f64::NEG_INFINITY };
        if j1 == NONE || p1 <= exit {
            return Bid::Deferred;
        }
        let floor = match p2.max(exit) {
            f64::NEG_INFINITY => p1,
            floor => floor,
        };
        if floor < self.exit_value {
            return Bid::Deferred;
        }
        let owner = self.mentee_seat[j1 as usize];
        if p1 > floor {
            self.v[j1 as usize] += p1 - floor;
            self.take(seat, j1, floor);
            return if owner == NONE { Bid::Placed } else { Bid::Displaced { seat: owner, raised: true } };
        }
        if owner == NONE {
            self.take(seat, j1, p1);
            return Bid::Placed;
        }
        if j2 != NONE && p2 == p1 {
            let owner = self.mentee_seat[j2 as usize];
            self.take(seat, j2, p1);
            return if owner == NONE { Bid::Placed } else { Bid::Displaced { seat: owner, raised: false } };
        }
        Bid::Deferred
    }

    /// The best and second best profit of a seat with their mentees (the lower index on ties).
    fn best_two(&self, seat: usize) -> (f64, u32, f64, u32) {
        let row = self.row(seat);
        let (mut p1, mut j1, mut p2, mut j2) = (f64::NEG_INFINITY, NONE, f64::NEG_INFINITY, NONE);
        for (j, (&w, &v)) in row.iter().zip(&self.v).enumerate() {
            let p = self.scores.value(w) - v;
            if p > p2 {
                if p > p1 {
                    (p2, j2, p1, j1) = (p1, j1, p, j as u32);
                } else {
                    (p2, j2) = (p, j as u32);
                }
            }
        }
        (p1, j1, p2, j2)
    }

    /// Gives `mentee` to `seat` at seat price `price`, freeing its former seat.
    fn take(&mut self, seat: usize, mentee: u32, price: f64) {
        let former = std::mem::replace(&mut self.mentee_seat[mentee as usize], seat as u32);
        if former != NONE {
            self.seat_mentee[former as usize] = NONE;
        }
        self.seat_mentee[seat] = mentee;
        self.u[seat] = price;
    }

    /// Places a free seat by the shortest augmenting path (Dijkstra on reduced costs), then
    /// updates the prices so that the path's pairs are tight and flips it.
    ///
    /// Distances are measured with the seat's own price taken as 0: its old price means nothing
    /// as it holds no pair, and its new one is set from the path.
    ///
    /// The free mentees are kept in a list of their own, in increasing order; the held ones are
    /// scanned densely, every mentee in order, where those not to reach (free, locked, settled)
    /// are priced +inf so that no distance through them ever wins. The nearest of each is found
    /// in its own scan, and a free one wins a tie (it ends the search at once, where a held one
    /// costs a scan of its seat's row; many scores tie in practice), then the lower index. The
    /// dense scan ([`scan_held`]) reads every array in order and tests nobody's state.
    fn place(&mut self, source: usize, search: &mut Search) {
        let mut next = self.relax_source(source, search);
        let (mut exit_cost, mut exit_seat) = (-self.exit_value, source);
        let end = loop {
            let (best, mentee) = match next {
                Nearest::None => break End::Exit { seat: exit_seat, cost: exit_cost },
                Nearest::Free(best, _) | Nearest::Held(best, _) if exit_cost < best => {
                    break End::Exit { seat: exit_seat, cost: exit_cost };
                }
                Nearest::Free(best, at) => break End::Mentee { mentee: search.free[at] as usize, cost: best },
                Nearest::Held(best, mentee) => (best, mentee),
            };
            search.settle(mentee);
            let seat = self.mentee_seat[mentee] as usize;
            let exit = best + self.u[seat] - self.exit_value;
            if exit < exit_cost {
                (exit_cost, exit_seat) = (exit, seat);
            }
            next = self.relax(seat, best, search);
        };
        self.update_prices(source, end.cost(), search);
        self.flip(source, end, search);
    }

    /// The first step of a search: distances from the source to every mentee, and the nearest.
    fn relax_source(&self, source: usize, search: &mut Search) -> Nearest {
        search.clear(source);
        for (j, (open, &price)) in search.open.iter_mut().zip(&self.v).enumerate() {
            *open = if self.mentee_seat[j] == NONE { f64::INFINITY } else { price };
        }
        let row = self.row(source);
        for &j in &self.active {
            if self.mentee_seat[j as usize] == NONE {
                search.free.push(j);
                search.free_d.push(self.v[j as usize] - self.scores.value(row[j as usize]));
            }
        }
        let (mut free_best, mut free_at) = (f64::INFINITY, usize::MAX);
        for (k, &d) in search.free_d.iter().enumerate() {
            if d < free_best {
                (free_best, free_at) = (d, k);
            }
        }
        let held = scan_held(self.scores, row, 0.0, source as u32, &search.open, &mut search.d, &mut search.pred);
        Nearest::of((free_best, free_at), held)
    }

    /// Relaxes the mentees still to reach through `seat`, reached at distance `dist`, and
    /// answers the nearest.
    ///
    /// The free come first: one reached at `dist` itself ends the scan (as in LAPJV), since
    /// nothing is nearer, no free mentee was at `dist` before (it would have been taken before
    /// this seat) and the tie rule would take it over any held one.
    #[inline]
    fn relax(&self, seat: usize, dist: f64, search: &mut Search) -> Nearest {
        let row = self.row(seat);
        let base = dist + self.u[seat];
        let Search { open, d, pred, free, free_d, .. } = search;
        let (mut free_best, mut free_at) = (f64::INFINITY, usize::MAX);
        for (k, (&j, free_d)) in free.iter().zip(free_d.iter_mut()).enumerate() {
            let j = j as usize;
            let reached = base + self.v[j] - self.scores.value(row[j]);
            if reached < *free_d {
                *free_d = reached;
                pred[j] = seat as u32;
                if reached <= dist {
                    return Nearest::Free(reached, k);
                }
            }
            if *free_d < free_best {
                (free_best, free_at) = (*free_d, k);
            }
        }
        Nearest::of((free_best, free_at), scan_held(self.scores, row, base, seat as u32, open, d, pred))
    }

    /// Makes the shortest path tight and keeps every reduced cost at 0 or above: a mentee
    /// settled at distance d gains `cost − d`, the seat holding it loses as much, and the source
    /// gets the price that makes its first pair (or its exit) tight.
    fn update_prices(&mut self, source: usize, cost: f64, search: &Search) {
        for &(j, d) in &search.done {
            let j = j as usize;
            let gain = cost - d;
            self.v[j] += gain;
            self.u[self.mentee_seat[j] as usize] -= gain;
        }
        self.u[source] = -cost;
    }

    /// Flips the path: every seat on it takes the mentee it reached next.
    fn flip(&mut self, source: usize, end: End, search: &Search) {
        let mut mentee = match end {
            End::Mentee { mentee, .. } => mentee as u32,
            End::Exit { seat, .. } => std::mem::replace(&mut self.seat_mentee[seat], EXIT),
        };
        while mentee != NONE {
            let seat = search.pred[mentee as usize];
            self.mentee_seat[mentee as usize] = seat;
            mentee = std::mem::replace(&mut self.seat_mentee[seat as usize], mentee);
            if seat as usize == source {
                break;
            }
        }
    }
}

/// Where a shortest path ends, and its length.
enum End {
    Mentee { mentee: usize, cost: f64 },
    Exit { seat: usize, cost: f64 },
}

impl End {
    fn cost(&self) -> f64 {
        match *self {
            End::Mentee { cost, .. } | End::Exit { cost, .. } => cost,
        }
    }
}

/// Work space of one search, reused: mentee-sized vectors only.
struct Search {
    /// Each mentee's price while it is held and not yet settled in this search; +inf for the
    /// others (free, locked, settled), which the dense scan then never reaches.
    open: Vec<f64>,
    /// Distance of each held mentee not yet settled (+inf for the others).
    d: Vec<f64>,
    /// The seat each mentee was reached from.
    pred: Vec<u32>,
    /// Free mentees, in increasing order; reaching the nearest ends the search.
    free: Vec<u32>,
    /// The distance of each mentee of `free`, beside it.
    free_d: Vec<f64>,
    /// Held mentees settled in this search, with their distance.
    done: Vec<(u32, f64)>,
}

impl Search {
    fn new(mentees: usize) -> Self {
        Self {
            open: vec![f64::INFINITY; mentees],
            d: vec![f64::INFINITY; mentees],
            pred: vec![NONE; mentees],
            free: Vec::with_capacity(mentees),
            free_d: Vec::with_capacity(mentees),
            done: Vec::new(),
        }
    }

    /// Starts a search from `source`: nothing reached yet.
    fn clear(&mut self, source: usize) {
        self.d.fill(f64::INFINITY);
        self.pred.fill(source as u32);
        self.free.clear();
        self.free_d.clear();
        self.done.clear();
    }

    /// Settles the held `mentee`: its distance and predecessor become final, and the scans
    /// pass it by from now on.
    fn settle(&mut self, mentee: usize) {
        self.done.push((mentee as u32, self.d[mentee]));
        (self.open[mentee], self.d[mentee]) = (f64::INFINITY, f64::INFINITY);
    }
}

/// Relaxes every held mentee not yet settled through a seat whose scores are `row`, at
/// `base + open[j] − score[j]`, and answers the nearest as (distance, mentee), the lower mentee on
/// a tie, or (+inf, `usize::MAX`) when none can be reached.
///
/// Mentees priced +inf in `open` give +inf, never below a distance, so they are passed by
/// without a test of who they are. No sum is NaN: `base` is finite, `open` is never −inf and a
/// score never +inf.
#[inline]
fn scan_held<S: Scores>(
    scores: &S,
    row: &[S::Code],
    base: f64,
    seat: u32,
    open: &[f64],
    d: &mut [f64],
    pred: &mut [u32],
) -> (f64, usize) {
    let (mut best, mut at) = (f64::INFINITY, usize::MAX);
    for (j, (&code, (&open, (d, pred)))) in row.iter().zip(open.iter().zip(d.iter_mut().zip(pred))).enumerate() {
        let reached = base + open - scores.value(code);
        if reached < *d {
            (*d, *pred) = (reached, seat);
        }
        if *d < best {
            (best, at) = (*d, j);
        }
    }
    (best, at)
}

/// The nearest mentee still to reach: a free one by its position in [`Search::free`], a held one
/// by its index.
#[derive(Clone, Copy)]
enum Nearest {
    Free(f64, usize),
    Held(f64, usize),
    /// No mentee can be reached.
    None,
}

impl Nearest {
    /// The nearer of the nearest free and the nearest held (each `(distance, position)`, the
    /// position `usize::MAX` for none); a free one wins a tie.
    fn of(free: (f64, usize), held: (f64, usize)) -> Self {
        match (free, held) {
            ((f, k), (h, at)) if k != usize::MAX && (at == usize::MAX || f <= h) => Nearest::Free(f, k),
            (_, (h, at)) if at != usize::MAX => Nearest::Held(h, at),
            _ => Nearest::None,
        }
    }
}

/// The worth of a free seat for the most pairs: below minus any difference between the totals
/// of two assignments of at most `pairs` pairs, so that one more pair always beats any total.
fn count_penalty(problem: &Problem, pairs: usize) -> f64 {
    let widest = problem.scores.iter().filter(|s| s.is_finite()).fold(0.0_f64, |m, s| m.max(s.abs()));
    let penalty = -((2 * pairs + 1) as f64 * widest + 1.0);
    if penalty.is_finite() { penalty } else { f64::MIN / 4.0 }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{SplitMix, random_problem};
    use super::*;

    /// The solver reads the scores coded when they allow it: both readings give the very same
    /// pairs and prices, bit for bit (the brute-force tests, on small problems, see the coded one).
    #[test]
    fn the_coded_and_the_plain_matrix_give_the_same_solution() {
        let mut rng = SplitMix::new(5);
        for round in 0..200 {
            let (mentors, mentees) = (1 + rng.below(30), 1 + rng.below(60));
            let locks = rng.below(4);
            let problem = random_problem(&mut rng, mentors, mentees, [0.0, 0.1, 0.5][round % 3], true, locks);
            let residual = Residual::new(&problem);
            let coded = Coded::of(&problem.scores, problem.mentees).expect("half points: at most 22 scores");
            let plain = Plain { scores: &problem.scores, mentees: problem.mentees };
            for goal in [Goal::BestTotal, Goal::MostPairs] {
                let (a, b) =
                    (solve_with(&coded, &problem, &residual, goal), solve_with(&plain, &problem, &residual, goal));
                let bits = |prices: &[f64]| prices.iter().map(|p| p.to_bits()).collect::<Vec<_>>();
                assert_eq!(a.seat_mentee, b.seat_mentee, "round {round}, {goal:?}");
                assert_eq!(bits(&a.seat_price), bits(&b.seat_price), "round {round}, {goal:?}");
                assert_eq!(bits(&a.mentee_price), bits(&b.mentee_price), "round {round}, {goal:?}");
            }
        }
    }
}
