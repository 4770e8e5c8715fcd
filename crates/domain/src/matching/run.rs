//! One matching run, from accepted applicants to proposed pairs: score every allowed pair
//! ([`criteria`](super::criteria)), solve exactly in the run's [`Mode`], check the optimality
//! certificate, and say why each person left out was left out.
//!
//! Two-sided programs (reverse, traditional, group) put mentors (each with the design's
//! capacity of seats) against mentees and use [`assignment`](super::assignment). Mutual
//! programs, where both people learn, put everybody in one pool and use
//! [`pairing`](super::pairing). Applicants who said "either" in a two-sided program with one
//! seat per mentor join a pool too, where a pair's score is that of its better direction, so
//! the choice of who mentors is part of the optimum. With more seats per mentor, or in the
//! stable mode, each "either" applicant is given a role first: the side that is shorter of
//! people (seats against mentees), in the order of their ids; the run says so
//! ([`Outcome::roles_chosen`]).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::criteria::{Applicant, Barrier, Rules, Scored, evaluate, score};
use super::{assignment, pairing, stable};
use crate::Locale;
use crate::ids::PersonId;
use crate::programs::{ParticipantRole, ProgramKind};

text_enum!(
    /// What a run optimises.
    Mode { BestTotal = "best_total", MostPairs = "most_pairs", Stable = "stable" }
);

text_enum!(
    /// Where a run is: queued → scoring → solving → done, or failed.
    RunState { Queued = "queued", Scoring = "scoring", Solving = "solving", Done = "done", Failed = "failed" }
);

text_enum!(
    /// An admin's decision on a pair, kept by every run of the program.
    EditKind { Lock = "lock", Forbid = "forbid" }
);

text_enum!(
    /// A published pair: active; paused for a while (with a reason); ended when its program
    /// completed; or withdrawn early (its members are free for a later run).
    PairState { Active = "active", Paused = "paused", Ended = "ended", Withdrawn = "withdrawn" }
);

/// An admin's decisions a run keeps: pairs that must be in it and pairs that must not.
/// Pairs are (mentor, mentee); in mutual programs the order does not matter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edits {
    pub locked: Vec<(PersonId, PersonId)>,
    pub forbidden: Vec<(PersonId, PersonId)>,
}

text_enum!(
    /// A one-step change to a run's proposals (see [`Change`]).
    ChangeKind { Swap = "swap", Remove = "remove", Pair = "pair" }
);

/// A change an admin makes to a run's proposals in one step, kept as the locks and forbids
/// that the next run of the program honours. Pairs are (mentor, mentee); in mutual programs
/// (first member, second member).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Two proposed pairs exchange their mentees: (a, x) and (b, y) become (a, y) and (b, x).
    Swap { first: (PersonId, PersonId), second: (PersonId, PersonId) },
    /// The pair is not to be made.
    Remove(PersonId, PersonId),
    /// The pair is made by hand.
    Pair(PersonId, PersonId),
}

impl Change {
    /// The locks and forbids that make the change, in the order to record them: a later
    /// decision on a pair replaces an earlier one, so a swap's forbids undo any lock on the
    /// pairs it breaks.
    pub fn edits(self) -> Vec<(EditKind, PersonId, PersonId)> {
        match self {
            Change::Swap { first: (a, x), second: (b, y) } => {
                vec![(EditKind::Forbid, a, x), (EditKind::Forbid, b, y), (EditKind::Lock, a, y), (EditKind::Lock, b, x)]
            }
            Change::Remove(a, x) => vec![(EditKind::Forbid, a, x)],
            Change::Pair(a, x) => vec![(EditKind::Lock, a, x)],
        }
    }
}

impl Edits {
    /// Records one decision on a pair, replacing an earlier one on the same pair.
    pub fn set(&mut self, kind: EditKind, a: PersonId, b: PersonId) {
        let same = |&(x, y): &(PersonId, PersonId)| (x, y) == (a, b) || (x, y) == (b, a);
        self.locked.retain(|p| !same(p));
        self.forbidden.retain(|p| !same(p));
        match kind {
            EditKind::Lock => self.locked.push((a, b)),
            EditKind::Forbid => self.forbidden.push((a, b)),
        }
    }
}

/// A proposed pair with its score, criterion by criterion.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// In mutual programs both are learners; `mentor` is the one with the lower id.
    pub mentor: PersonId,
    pub mentee: PersonId,
    pub scored: Scored,
    pub locked: bool,
}

/// Someone the run left out, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Unmatched {
    pub person: PersonId,
    /// The side they were on (`either` in a pool).
    pub role: ParticipantRole,
    pub reason: LeftOut,
}

/// Why a person has no pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", schema(example = json!({"code": "no_allowed_partner", "barriers": {"reporting_line": 3}, "partners": 3})))]
pub enum LeftOut {
    /// Nobody on the other side is there at all.
    NobodyOnTheOtherSide,
    /// Every possible partner is kept out by a hard constraint; how many by which.
    NoAllowedPartner { barriers: BTreeMap<String, usize>, partners: usize },
    /// Pairs were possible, but every possible partner went to a pair that gives a higher
    /// total (or, in the stable mode, preferred someone else); `best_score` is their best.
    OthersScoredHigher { best_score: f64 },
    /// The best total takes no pair whose score is 0 or below, and they had no other.
    NoPairAddsToTheTotal,
}

/// What a run found.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub mode: Mode,
    pub proposals: Vec<Proposal>,
    pub unmatched: Vec<Unmatched>,
    pub total: f64,
    /// The optimality certificate was checked and holds (the best total or the most pairs);
    /// the stable mode has no such certificate and says false.
    pub proven_optimal: bool,
    /// Pairs who would both rather be together than with whom they have.
    pub blocking_pairs: usize,
    /// The solver's dual prices, for the record.
    pub certificate: Option<CertificateRecord>,
    /// "Either" applicants given a role before solving (see the module documentation).
    pub roles_chosen: Vec<(PersonId, ParticipantRole)>,
    /// How many pairs were scored and how many were kept out by a hard constraint.
    pub candidate_pairs: usize,
    pub barred_pairs: usize,
}

/// The dual prices that prove a result optimal, keyed by person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CertificateRecord {
    /// One price per person (a mentor's price covers all of their seats).
    pub prices: BTreeMap<PersonId, f64>,
    /// Pools only: odd sets of people with a positive price.
    pub blossoms: Vec<(Vec<PersonId>, f64)>,
    /// The bonus per pair for the most pairs (0 for the best total).
    pub pairs_price: f64,
}

/// Why a run cannot be made.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum RunError {
    #[error("the stable mode needs two sides; a mutual program has one pool")]
    StableNeedsTwoSides,
    #[error("the locked pair {mentor} and {mentee} is not among the applicants as mentor and mentee")]
    LockedStranger { mentor: PersonId, mentee: PersonId },
    #[error("the locked pair {mentor} and {mentee} may not be paired: {barrier}")]
    LockNotAllowed { mentor: PersonId, mentee: PersonId, barrier: Barrier },
    #[error("{person} is locked in two pairs")]
    LockedTwice { person: PersonId },
    #[error("{mentor} has more locked pairs than seats")]
    TooManyLocks { mentor: PersonId },
    /// The solver's result failed its own certificate: a bug, never a user's mistake.
    #[error("the result failed its optimality check: {0}")]
    CertificateFailed(String),
}

/// Runs `mode` over `applicants` under `rules`, keeping `edits`. `mentor_capacity` is the
/// design's number of mentees per mentor.
pub fn run(
    rules: &Rules,
    mode: Mode,
    mentor_capacity: u32,
    applicants: &[Applicant],
    edits: &Edits,
) -> Result<Outcome, RunError> {
    let prepared: Vec<Applicant> = applicants.iter().cloned().map(Applicant::with_topic_keys).collect();
    let mut people: Vec<&Applicant> = prepared.iter().collect();
    people.sort_by_key(|a| a.person);
    people.dedup_by_key(|a| a.person);
    // Every candidate pair is judged: a set keeps that one look-up however many forbids there are.
    let forbidden: std::collections::HashSet<(PersonId, PersonId)> =
        edits.forbidden.iter().flat_map(|&(x, y)| [(x, y), (y, x)]).collect();
    let is_forbidden = |a: PersonId, b: PersonId| forbidden.contains(&(a, b));
    let judge = |mentor: &Applicant, mentee: &Applicant| -> Result<f64, Barrier> {
        if is_forbidden(mentor.person, mentee.person) {
            return Err(Barrier::Forbidden);
        }
        score(rules, mentor, mentee)
    };

    let role = |a: &Applicant| a.role.unwrap_or(ParticipantRole::Either);
    let eithers = people.iter().filter(|a| role(a) == ParticipantRole::Either).count();
    if rules.kind == ProgramKind::Mutual {
        if mode == Mode::Stable {
            return Err(RunError::StableNeedsTwoSides);
        }
        // Scores are symmetric in mutual programs: one direction says it all.
        return run_pool(rules, mode, &people, edits, |_, _| (true, false), &judge);
    }
    if eithers > 0 && mentor_capacity <= 1 && mode != Mode::Stable {
        // Who mentors is chosen with the pairs: a pair may go either way its roles allow.
        let directions = |a: &Applicant, b: &Applicant| {
            let leads =
                |x: &Applicant, y: &Applicant| role(x) != ParticipantRole::Mentee && role(y) != ParticipantRole::Mentor;
            (leads(a, b), leads(b, a))
        };
        return run_pool(rules, mode, &people, edits, directions, &judge);
    }
    let (sides, roles_chosen) = choose_sides(&people, mentor_capacity);
    let mut outcome = run_sides(rules, mode, mentor_capacity, &sides, edits, &judge)?;
    outcome.roles_chosen = roles_chosen;
    Ok(outcome)
}

struct Sides<'a> {
    mentors: Vec<&'a Applicant>,
    mentees: Vec<&'a Applicant>,
}

/// Puts each applicant on a side; "either" applicants go, in id order, to the side shorter of
/// people at that moment (seats against mentees; mentees on a tie).
fn choose_sides<'a>(people: &[&'a Applicant], capacity: u32) -> (Sides<'a>, Vec<(PersonId, ParticipantRole)>) {
    let mut sides = Sides { mentors: Vec::new(), mentees: Vec::new() };
    let mut eithers = Vec::new();
    for &a in people {
        match a.role.unwrap_or(ParticipantRole::Either) {
            ParticipantRole::Mentor => sides.mentors.push(a),
            ParticipantRole::Mentee => sides.mentees.push(a),
            ParticipantRole::Either => eithers.push(a),
        }
    }
    let mut chosen = Vec::new();
    for a in eithers {
        let seats = sides.mentors.len() as u64 * u64::from(capacity.max(1));
        let role = if seats < sides.mentees.len() as u64 {
            sides.mentors.push(a);
            ParticipantRole::Mentor
        } else {
            sides.mentees.push(a);
            ParticipantRole::Mentee
        };
        chosen.push((a.person, role));
    }
    sides.mentors.sort_by_key(|a| a.person);
    sides.mentees.sort_by_key(|a| a.person);
    (sides, chosen)
}

/// A pair's score, or what keeps it out (the admin's forbids included).
type Judge<'j> = dyn Fn(&Applicant, &Applicant) -> Result<f64, Barrier> + 'j;

fn run_sides(
    rules: &Rules,
    mode: Mode,
    capacity: u32,
    sides: &Sides<'_>,
    edits: &Edits,
    judge: &Judge<'_>,
) -> Result<Outcome, RunError> {
    let (rows, cols) = (sides.mentors.len(), sides.mentees.len());
    let mut verdicts: Vec<Result<f64, Barrier>> = Vec::with_capacity(rows * cols);
    for mentor in &sides.mentors {
        for mentee in &sides.mentees {
            verdicts.push(judge(mentor, mentee));
        }
    }
    let row_of: HashMap<PersonId, usize> = sides.mentors.iter().enumerate().map(|(i, a)| (a.person, i)).collect();
    let col_of: HashMap<PersonId, usize> = sides.mentees.iter().enumerate().map(|(i, a)| (a.person, i)).collect();
    let mut locked = Vec::new();
    for &(mentor, mentee) in &edits.locked {
        let (Some(&r), Some(&c)) = (row_of.get(&mentor), col_of.get(&mentee)) else {
            return Err(RunError::LockedStranger { mentor, mentee });
        };
        if let Err(barrier) = &verdicts[r * cols + c] {
            return Err(RunError::LockNotAllowed { mentor, mentee, barrier: barrier.clone() });
        }
        if locked.iter().any(|&(_, lc)| lc == c) {
            return Err(RunError::LockedTwice { person: mentee });
        }
        locked.push((r, c));
    }
    locked.sort_unstable();
    let problem = assignment::Problem {
        seats: vec![capacity; rows],
        mentees: cols,
        scores: verdicts.iter().map(|v| *v.as_ref().unwrap_or(&f64::NEG_INFINITY)).collect(),
        locked: locked.clone(),
    };
    let lock_error = |err: assignment::ProblemError| match err {
        assignment::ProblemError::TooManyLocks { mentor, .. } => {
            RunError::TooManyLocks { mentor: sides.mentors[mentor].person }
        }
        other => RunError::CertificateFailed(other.to_string()),
    };
    let (pairs, certificate, proven) = match mode {
        Mode::Stable => (stable::deferred_acceptance(&problem).map_err(lock_error)?, None, false),
        Mode::BestTotal | Mode::MostPairs => {
            let goal = if mode == Mode::BestTotal { assignment::Goal::BestTotal } else { assignment::Goal::MostPairs };
            let solved = assignment::solve(&problem, goal).map_err(lock_error)?;
            assignment::verify(&problem, &solved).map_err(|e| RunError::CertificateFailed(e.to_string()))?;
            let c = &solved.certificate;
            let mut prices: BTreeMap<PersonId, f64> = BTreeMap::new();
            prices.extend(sides.mentors.iter().zip(&c.mentor_prices).map(|(a, p)| (a.person, *p)));
            prices.extend(sides.mentees.iter().zip(&c.mentee_prices).map(|(a, p)| (a.person, *p)));
            let record = CertificateRecord { prices, blossoms: Vec::new(), pairs_price: c.pairs_price };
            (solved.pairs, Some(record), true)
        }
    };
    let blocking_pairs = stable::blocking_pairs(&problem, &pairs);

    let proposals: Vec<Proposal> = pairs
        .iter()
        .map(|&(r, c)| Proposal {
            mentor: sides.mentors[r].person,
            mentee: sides.mentees[c].person,
            scored: evaluate(rules, sides.mentors[r], sides.mentees[c]).expect("a chosen pair is allowed"),
            locked: locked.binary_search(&(r, c)).is_ok(),
        })
        .collect();
    let mut seats_taken = vec![0u32; rows];
    let mut mentee_taken = vec![false; cols];
    for &(r, c) in &pairs {
        seats_taken[r] += 1;
        mentee_taken[c] = true;
    }
    let mut unmatched = Vec::new();
    for (c, mentee) in sides.mentees.iter().enumerate() {
        if mentee_taken[c] {
            continue;
        }
        let options = (0..rows).map(|r| &verdicts[r * cols + c]);
        unmatched.push(Unmatched { person: mentee.person, role: ParticipantRole::Mentee, reason: left_out(options) });
    }
    for (r, mentor) in sides.mentors.iter().enumerate() {
        if seats_taken[r] > 0 || capacity == 0 {
            continue;
        }
        let options = (0..cols).map(|c| &verdicts[r * cols + c]);
        unmatched.push(Unmatched { person: mentor.person, role: ParticipantRole::Mentor, reason: left_out(options) });
    }
    Ok(finish(mode, proposals, unmatched, proven, blocking_pairs, certificate, &verdicts))
}

fn run_pool(
    rules: &Rules,
    mode: Mode,
    people: &[&Applicant],
    edits: &Edits,
    directions: impl Fn(&Applicant, &Applicant) -> (bool, bool),
    judge: &Judge<'_>,
) -> Result<Outcome, RunError> {
    let n = people.len();
    let role = |a: &Applicant| a.role.unwrap_or(ParticipantRole::Either);
    // The verdict of i with j (i < j): the better of the directions the roles allow, and
    // whether i is the mentor in it.
    let mut verdicts: Vec<Option<(Result<f64, Barrier>, bool)>> = vec![None; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (people[i], people[j]);
            let (a_leads, b_leads) = directions(a, b);
            let forward = a_leads.then(|| judge(a, b));
            let backward = b_leads.then(|| judge(b, a));
            let verdict = match (forward, backward) {
                (Some(Ok(f)), Some(Ok(b))) => Some(if b > f { (Ok(b), false) } else { (Ok(f), true) }),
                (Some(Ok(f)), _) => Some((Ok(f), true)),
                (_, Some(Ok(b))) => Some((Ok(b), false)),
                (Some(Err(e)), _) => Some((Err(e), true)),
                (_, Some(Err(e))) => Some((Err(e), false)),
                (None, None) => None,
            };
            verdicts[i * n + j] = verdict;
        }
    }
    let verdict = |i: usize, j: usize| {
        let (i, j) = if i < j { (i, j) } else { (j, i) };
        verdicts[i * n + j].as_ref()
    };
    let index: HashMap<PersonId, usize> = people.iter().enumerate().map(|(i, a)| (a.person, i)).collect();
    let mut locked = Vec::new();
    let mut is_locked = vec![false; n];
    for &(a, b) in &edits.locked {
        let (Some(&i), Some(&j)) = (index.get(&a), index.get(&b)) else {
            return Err(RunError::LockedStranger { mentor: a, mentee: b });
        };
        match verdict(i, j) {
            Some((Ok(_), _)) => {}
            Some((Err(barrier), _)) => {
                return Err(RunError::LockNotAllowed { mentor: a, mentee: b, barrier: barrier.clone() });
            }
            None => return Err(RunError::LockedStranger { mentor: a, mentee: b }),
        }
        for person in [i, j] {
            if std::mem::replace(&mut is_locked[person], true) {
                return Err(RunError::LockedTwice { person: people[person].person });
            }
        }
        locked.push((i.min(j), i.max(j)));
    }
    locked.sort_unstable();
    let mut scores = vec![f64::NEG_INFINITY; n * n];
    for i in 0..n {
        for j in i + 1..n {
            if let Some((Ok(s), _)) = verdict(i, j) {
                scores[i * n + j] = *s;
                scores[j * n + i] = *s;
            }
        }
    }
    let pool = pairing::Pool { people: n, scores, locked: locked.clone() };
    let goal = if mode == Mode::BestTotal { pairing::Goal::BestTotal } else { pairing::Goal::MostPairs };
    let solved = pairing::solve(&pool, goal).map_err(|e| RunError::CertificateFailed(e.to_string()))?;
    pairing::verify(&pool, &solved).map_err(|e| RunError::CertificateFailed(e.to_string()))?;
    let blocking_pairs = pairing::blocking_pairs(&pool, &solved.pairs);
    let c = &solved.certificate;
    let record = CertificateRecord {
        prices: people.iter().zip(&c.person_prices).map(|(a, p)| (a.person, *p)).collect(),
        blossoms: c
            .blossoms
            .iter()
            .map(|(set, price)| (set.iter().map(|&i| people[i].person).collect(), *price))
            .collect(),
        pairs_price: c.pairs_price,
    };

    let mut paired = vec![false; n];
    let proposals: Vec<Proposal> = solved
        .pairs
        .iter()
        .map(|&(i, j)| {
            paired[i] = true;
            paired[j] = true;
            let i_mentors = verdict(i, j).is_some_and(|(_, forward)| *forward);
            let (mentor, mentee) = if i_mentors { (people[i], people[j]) } else { (people[j], people[i]) };
            let scored = evaluate(rules, mentor, mentee).expect("a chosen pair is allowed");
            Proposal {
                mentor: mentor.person,
                mentee: mentee.person,
                scored,
                locked: locked.binary_search(&(i, j)).is_ok(),
            }
        })
        .collect();
    let unmatched = (0..n)
        .filter(|&i| !paired[i])
        .map(|i| {
            let options = (0..n).filter(|&j| j != i).filter_map(|j| verdict(i, j).map(|(v, _)| v));
            Unmatched { person: people[i].person, role: role(people[i]), reason: left_out(options) }
        })
        .collect();
    let all: Vec<Result<f64, Barrier>> = verdicts.into_iter().flatten().map(|(v, _)| v).collect();
    Ok(finish(mode, proposals, unmatched, true, blocking_pairs, Some(record), &all))
}

/// Why someone with these possible partners has none.
fn left_out<'v>(options: impl Iterator<Item = &'v Result<f64, Barrier>>) -> LeftOut {
    let mut barriers: BTreeMap<String, usize> = BTreeMap::new();
    let mut partners = 0;
    let mut best: Option<f64> = None;
    for option in options {
        partners += 1;
        match option {
            Ok(score) => best = Some(best.map_or(*score, |b: f64| b.max(*score))),
            Err(barrier) => *barriers.entry(barrier.code().to_owned()).or_default() += 1,
        }
    }
    match best {
        None if partners == 0 => LeftOut::NobodyOnTheOtherSide,
        None => LeftOut::NoAllowedPartner { barriers, partners },
        Some(score) if score <= 0.0 => LeftOut::NoPairAddsToTheTotal,
        Some(best_score) => LeftOut::OthersScoredHigher { best_score },
    }
}

fn finish(
    mode: Mode,
    mut proposals: Vec<Proposal>,
    mut unmatched: Vec<Unmatched>,
    proven_optimal: bool,
    blocking_pairs: usize,
    certificate: Option<CertificateRecord>,
    verdicts: &[Result<f64, Barrier>],
) -> Outcome {
    proposals.sort_by_key(|p| (p.mentor, p.mentee));
    unmatched.sort_by_key(|u| u.person);
    let total = proposals.iter().map(|p| p.scored.score).sum();
    Outcome {
        mode,
        proposals,
        unmatched,
        total,
        proven_optimal,
        blocking_pairs,
        certificate,
        roles_chosen: Vec::new(),
        candidate_pairs: verdicts.len(),
        barred_pairs: verdicts.iter().filter(|v| v.is_err()).count(),
    }
}

/// A constraint as a short label, for counts ("in their reporting line: 2").
fn barrier_label(code: &str) -> &'static str {
    match code {
        "reporting_line" => "in their reporting line",
        "no_common_language" => "no shared language",
        "too_little_overlap" => "too few shared working hours",
        "seniority_direction" => "wrong side of their job level",
        "asked_not_to" => "asked not to be paired",
        "forbidden" => "forbidden by an admin",
        _ => "the same person",
    }
}

impl LeftOut {
    /// In words, naming the other side as `partners` does ("mentor", "partner").
    pub fn describe(&self, locale: Locale, other_side: ParticipantRole) -> String {
        let (one, many) = match (other_side, locale) {
            (ParticipantRole::Mentor, Locale::En) => ("mentor", "mentors"),
            (ParticipantRole::Mentee, Locale::En) => ("mentee", "mentees"),
            (ParticipantRole::Either, Locale::En) => ("partner", "possible partners"),
            (ParticipantRole::Mentor, Locale::Ja) => ("メンター", "メンター"),
            (ParticipantRole::Mentee, Locale::Ja) => ("メンティー", "メンティー"),
            (ParticipantRole::Either, Locale::Ja) => ("相手", "相手"),
        };
        // What the partners kept out "are", as a predicate.
        let barrier_words = |code: &str, locale: Locale| match (code, locale) {
            ("reporting_line", Locale::En) => "are in their reporting line",
            ("reporting_line", Locale::Ja) => "上長の系列にいる",
            ("no_common_language", Locale::En) => "share no language with them",
            ("no_common_language", Locale::Ja) => "共通の言語がない",
            ("too_little_overlap", Locale::En) => "work at hours too far from theirs",
            ("too_little_overlap", Locale::Ja) => "勤務時間の重なりが足りない",
            ("seniority_direction", Locale::En) => "are on the wrong side of their job level",
            ("seniority_direction", Locale::Ja) => "等級の上下が合わない",
            ("asked_not_to", Locale::En) => "asked not to be paired with them, or were asked",
            ("asked_not_to", Locale::Ja) => "組み合わせを希望していない",
            ("forbidden", Locale::En) => "are forbidden by an admin",
            ("forbidden", Locale::Ja) => "管理者が禁止した",
            (_, Locale::En) => "are the same person",
            (_, Locale::Ja) => "同じ人",
        };
        match (self, locale) {
            (LeftOut::NobodyOnTheOtherSide, Locale::En) => format!("there is no {one} to pair with"),
            (LeftOut::NobodyOnTheOtherSide, Locale::Ja) => format!("組める{one}がいません"),
            (LeftOut::NoAllowedPartner { barriers, partners }, Locale::En) => {
                if let [(code, _)] = barriers.iter().collect::<Vec<_>>()[..]
                    && *partners > 1
                {
                    return format!("all {partners} {many} {}", barrier_words(code, locale));
                }
                let counts: Vec<String> =
                    barriers.iter().map(|(code, n)| format!("{}: {n}", barrier_label(code))).collect();
                format!("no {one} is allowed ({})", counts.join("; "))
            }
            (LeftOut::NoAllowedPartner { barriers, partners }, Locale::Ja) => {
                let counts: Vec<String> =
                    barriers.iter().map(|(code, n)| format!("{}（{n}人）", barrier_words(code, locale))).collect();
                format!("{partners}人の{many}全員と組めません: {}", counts.join("、"))
            }
            (LeftOut::OthersScoredHigher { best_score }, Locale::En) => {
                format!(
                    "every possible {one} went to a pair with a higher total (their best pair scored {best_score:.1})"
                )
            }
            (LeftOut::OthersScoredHigher { best_score }, Locale::Ja) => {
                format!("組めた{one}は、合計点がより高くなる別のペアに入りました（最高点 {best_score:.1}）")
            }
            (LeftOut::NoPairAddsToTheTotal, Locale::En) => {
                "no pair with them scores above 0, and the best total takes none such".into()
            }
            (LeftOut::NoPairAddsToTheTotal, Locale::Ja) => "点数が0を超えるペアがありません".into(),
        }
    }
}

#[cfg(test)]
mod tests;
