//! `tandem bench matching`: builds a matching problem of a given size, solves it the way a run
//! does (the most pairs, then the best total) and prints how long the solver took, so that it
//! can be compared with another solver on the very same score matrix (`--scores-out`, read by
//! `benches/matching_vs_scipy.py`).

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, bail};
use chrono::{TimeZone, Utc};
use clap::ValueEnum;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tandem_domain::PersonId;
use tandem_domain::matching::assignment::{self, Goal, Problem};
use tandem_domain::matching::criteria::{self, Applicant, Constraints, Rules, Weights, parse_zone};
use tandem_domain::matching::pairing;
use tandem_domain::people::JobLevel;
use tandem_domain::programs::{ParticipantRole, ProgramKind};

/// How the problem's scores are made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Family {
    /// Every score drawn uniformly from 0..10.
    Uniform,
    /// N mentors and N mentees of a company (departments, functions, regions and their time
    /// zones, levels, languages, skills, a few reporting lines), scored by the real criteria
    /// of a reverse program.
    Realistic,
}

/// What the command prints, one `name value` a line.
pub struct Report {
    pub total: f64,
    pub pairs: usize,
    pub forbidden: usize,
    pub build_secs: f64,
    pub solve_secs: f64,
    pub verify_secs: f64,
    pub peak_mib: Option<f64>,
}

/// The score written for a forbidden pair in `--scores-out`, so that a solver of complete
/// matrices avoids it whenever it can.
const FORBIDDEN_IN_FILE: f64 = -1e9;

pub fn matching(size: usize, seed: u64, family: Family, scores_out: Option<&Path>) -> anyhow::Result<Report> {
    if size == 0 {
        bail!("--size must be at least 1");
    }
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(seed);
    let scores = match family {
        Family::Uniform => (0..size * size).map(|_| rng.random_range(0.0..10.0)).collect(),
        Family::Realistic => realistic_scores(size, &mut rng),
    };
    let build_secs = started.elapsed().as_secs_f64();
    if let Some(path) = scores_out {
        write_scores(path, &scores).with_context(|| format!("writing {}", path.display()))?;
    }
    let forbidden = scores.iter().filter(|s| **s == f64::NEG_INFINITY).count();
    let problem = Problem { seats: vec![1; size], mentees: size, scores, locked: Vec::new() };

    let started = Instant::now();
    let solved = assignment::solve(&problem, Goal::MostPairs).context("solving")?;
    let solve_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    assignment::verify(&problem, &solved).context("the optimality certificate failed")?;
    let verify_secs = started.elapsed().as_secs_f64();
    Ok(Report {
        total: solved.total,
        pairs: solved.pairs.len(),
        forbidden,
        build_secs,
        solve_secs,
        verify_secs,
        peak_mib: peak_resident_mib(),
    })
}

impl Report {
    pub fn print(&self, out: &mut impl Write) -> std::io::Result<()> {
        writeln!(out, "total {:.9}", self.total)?;
        writeln!(out, "pairs {}", self.pairs)?;
        writeln!(out, "forbidden {}", self.forbidden)?;
        writeln!(out, "build {:.3} s", self.build_secs)?;
        writeln!(out, "solve {:.3} s", self.solve_secs)?;
        writeln!(out, "verify {:.3} s", self.verify_secs)?;
        if let Some(mib) = self.peak_mib {
            writeln!(out, "peak {mib:.0} MiB")?;
        }
        Ok(())
    }
}

const DEPARTMENTS: &[&str] = &[
    "Sales",
    "Marketing",
    "Finance",
    "HR",
    "IT",
    "Legal",
    "R&D",
    "Manufacturing",
    "Logistics",
    "Design",
    "Support",
    "Strategy",
];
const FUNCTIONS: &[&str] = &["Engineering", "Operations", "Management", "Analysis", "Creative", "Administration"];
/// Regions with their time zone and whether Japanese is spoken there.
const REGIONS: &[(&str, &str, bool)] = &[
    ("Kanto", "Asia/Tokyo", true),
    ("Kansai", "Asia/Tokyo", true),
    ("ASEAN", "Asia/Singapore", false),
    ("EMEA", "Europe/London", false),
    ("Americas", "America/New_York", false),
];
const TOPICS: &[&str] = &[
    "python",
    "excel",
    "sql",
    "tiktok",
    "instagram",
    "video editing",
    "figma",
    "generative ai",
    "prompt writing",
    "data visualisation",
    "public speaking",
    "negotiation",
    "budgeting",
    "hiring",
    "coaching",
    "agile",
    "scrum",
    "product management",
    "ux research",
    "seo",
    "copywriting",
    "english",
    "japanese",
    "cloud",
    "security",
    "accessibility",
    "sustainability",
    "esg reporting",
    "supply chain",
    "lean",
    "six sigma",
    "statistics",
    "machine learning",
    "no-code tools",
    "slack",
    "notion",
    "remote work",
    "gen z culture",
    "podcasting",
    "design thinking",
];

fn pick<'a>(rng: &mut StdRng, from: &[&'a str]) -> &'a str {
    from[rng.random_range(0..from.len())]
}

/// The company: mentors at levels 1–6 and mentees at 7–14, so a reverse program may pair any
/// of them; now and then a mentee is in a mentor's reporting line, and a few people in Japan
/// speak only Japanese (so a few pairs share no language).
fn realistic_scores(size: usize, rng: &mut StdRng) -> Vec<f64> {
    let mentees: Vec<Applicant> = (0..size).map(|_| person(rng, ParticipantRole::Mentee, 7..=14)).collect();
    let mut mentors: Vec<Applicant> = (0..size).map(|_| person(rng, ParticipantRole::Mentor, 1..=6)).collect();
    for mentor in &mut mentors {
        if rng.random_bool(0.02) {
            mentor.managers.push(mentees[rng.random_range(0..size)].person);
        }
    }
    let rules = Rules {
        kind: ProgramKind::Reverse,
        mentors_more_junior: true,
        weights: Weights::preset(ProgramKind::Reverse),
        // Working hours are scored, not required: a global company pairs across oceans too.
        constraints: Constraints { common_language: true, min_overlap_hours: 0.0 },
        at: Utc.with_ymd_and_hms(2026, 4, 1, 0, 0, 0).unwrap(),
    };
    let mut scores = Vec::with_capacity(size * size);
    for mentor in &mentors {
        for mentee in &mentees {
            scores.push(criteria::score(&rules, mentor, mentee).unwrap_or(f64::NEG_INFINITY));
        }
    }
    scores
}

fn person(rng: &mut StdRng, role: ParticipantRole, levels: std::ops::RangeInclusive<u8>) -> Applicant {
    let (region, zone, japanese) = REGIONS[rng.random_range(0..REGIONS.len())];
    let mut languages = Vec::new();
    if japanese {
        languages.push("ja".to_owned());
    }
    if !japanese || rng.random_bool(0.95) {
        languages.push("en".to_owned());
    }
    let mut topics = |n| (0..n).map(|_| pick(rng, TOPICS).to_owned()).collect::<Vec<_>>();
    let (teaches, learns) = (topics(3), topics(3));
    Applicant {
        person: PersonId::new(),
        role: Some(role),
        department: Some(pick(rng, DEPARTMENTS).to_owned()),
        function: Some(pick(rng, FUNCTIONS).to_owned()),
        region: Some(region.to_owned()),
        job_level: JobLevel::new(i64::from(rng.random_range(levels))).ok(),
        is_executive: false,
        time_zone: parse_zone(zone),
        languages,
        teaches,
        learns,
        ..Applicant::default()
    }
}

/// One solve of a shape other than the square: the goal, the pairs, the seconds to solve and
/// to check the certificate.
pub struct ShapeReport {
    pub goal: &'static str,
    pub pairs: usize,
    pub total: f64,
    pub solve_secs: f64,
    pub verify_secs: f64,
}

impl ShapeReport {
    pub fn print(reports: &[ShapeReport], out: &mut impl Write) -> std::io::Result<()> {
        for r in reports {
            writeln!(
                out,
                "{} pairs {} total {:.6} solve {:.3} s verify {:.3} s",
                r.goal, r.pairs, r.total, r.solve_secs, r.verify_secs
            )?;
        }
        Ok(())
    }
}

/// `mentors` with `seats` each against `mentees`, uniform scores in 0..10 with a share
/// `forbidden` of the pairs forbidden, solved for both goals.
pub fn matching_unbalanced(
    mentors: usize,
    seats: u32,
    mentees: usize,
    forbidden: f64,
    seed: u64,
) -> anyhow::Result<Vec<ShapeReport>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let scores =
        (0..mentors * mentees)
            .map(|_| {
                if rng.random_bool(forbidden.clamp(0.0, 1.0)) { f64::NEG_INFINITY } else { rng.random_range(0.0..10.0) }
            })
            .collect();
    let problem = Problem { seats: vec![seats; mentors], mentees, scores, locked: Vec::new() };
    let mut reports = Vec::new();
    for (goal, name) in [(Goal::BestTotal, "best_total"), (Goal::MostPairs, "most_pairs")] {
        let started = Instant::now();
        let solved = assignment::solve(&problem, goal).context("solving")?;
        let solve_secs = started.elapsed().as_secs_f64();
        let started = Instant::now();
        assignment::verify(&problem, &solved).context("the optimality certificate failed")?;
        let verify_secs = started.elapsed().as_secs_f64();
        reports.push(ShapeReport {
            goal: name,
            pairs: solved.pairs.len(),
            total: solved.total,
            solve_secs,
            verify_secs,
        });
    }
    Ok(reports)
}

/// A mutual program's pool of `size` people where anyone may pair with anyone, scores in 0..10
/// (`half_points`: in steps of 0.5, so that many tie), solved by the blossom method for both goals.
pub fn matching_pool(size: usize, half_points: bool, seed: u64) -> anyhow::Result<Vec<ShapeReport>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut scores = vec![0.0; size * size];
    for i in 0..size {
        for j in i + 1..size {
            let score =
                if half_points { f64::from(rng.random_range(0..21u8)) / 2.0 } else { rng.random_range(0.0..10.0) };
            scores[i * size + j] = score;
            scores[j * size + i] = score;
        }
    }
    let pool = pairing::Pool { people: size, scores, locked: Vec::new() };
    let mut reports = Vec::new();
    for (goal, name) in [(pairing::Goal::BestTotal, "best_total"), (pairing::Goal::MostPairs, "most_pairs")] {
        let started = Instant::now();
        let solved = pairing::solve(&pool, goal).context("solving")?;
        let solve_secs = started.elapsed().as_secs_f64();
        let started = Instant::now();
        pairing::verify(&pool, &solved).context("the optimality certificate failed")?;
        let verify_secs = started.elapsed().as_secs_f64();
        reports.push(ShapeReport {
            goal: name,
            pairs: solved.pairs.len(),
            total: solved.total,
            solve_secs,
            verify_secs,
        });
    }
    Ok(reports)
}

/// What `tandem bench matching-run` measured.
pub struct RunReport {
    pub applicants: usize,
    pub pairs: u32,
    pub proven_optimal: bool,
    pub seconds: f64,
}

/// A whole matching run as the worker does it (reading the applicants and the directory,
/// scoring, solving, checking, writing the proposals and findings) for a company of `people`
/// employees on the database at `database_url` (a fresh SQLite file when absent).
pub async fn matching_run(people: usize, database_url: Option<String>) -> anyhow::Result<RunReport> {
    let scratch = tempfile::tempdir()?;
    let url =
        database_url.unwrap_or_else(|| format!("sqlite://{}?mode=rwc", scratch.path().join("bench.db").display()));
    let db = tandem_store::Db::connect(&url, 8).await?;
    db.migrate().await?;
    let tenant = tandem_domain::TenantId::new();
    let tx = db.tenant(tenant).await?;
    tx.create_tenant("Bench Co.", tandem_domain::Locale::En).await?;
    tx.upsert_people(&crate::demo::directory(people)).await?;
    let mut everyone = Vec::with_capacity(people);
    let mut after = None;
    loop {
        let page = tx.people(&Default::default(), tandem_store::PageRequest { limit: 100, after }).await?;
        everyone.extend(page.items);
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let run = crate::demo::matched_program(&tx, "Bench", &everyone).await?;
    let applicants = tx.accepted_applications(tx.matching_run(run).await?.program_id).await?.len();
    tx.commit().await?;
    let started = Instant::now();
    tandem_jobs::matching::MatchingHandler::new(db.clone())
        .execute(tenant, run)
        .await
        .map_err(|err| anyhow::anyhow!("the run: {err:?}"))?;
    let seconds = started.elapsed().as_secs_f64();
    let tx = db.tenant(tenant).await?;
    let record = tx.matching_run(run).await?;
    tx.commit().await?;
    if let Some(error) = record.error {
        bail!("the run failed: {error}");
    }
    Ok(RunReport { applicants, pairs: record.pairs.unwrap_or(0), proven_optimal: record.proven_optimal, seconds })
}

impl RunReport {
    pub fn print(&self, out: &mut impl Write) -> std::io::Result<()> {
        writeln!(out, "applicants {}", self.applicants)?;
        writeln!(out, "pairs {}", self.pairs)?;
        writeln!(out, "proven_optimal {}", self.proven_optimal)?;
        writeln!(out, "run {:.3} s", self.seconds)
    }
}

/// Little-endian f64, row-major (mentor rows), forbidden pairs as -1e9.
fn write_scores(path: &Path, scores: &[f64]) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for score in scores {
        let value = if score.is_finite() { *score } else { FORBIDDEN_IN_FILE };
        out.write_all(&value.to_le_bytes())?;
    }
    out.flush()
}

/// The process's peak resident memory (Linux's VmHWM), when known.
fn peak_resident_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_realistic_problem_is_solved_with_everyone_paired_and_written_for_another_solver() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("scores.f64");
        let report = matching(40, 7, Family::Realistic, Some(&path)).unwrap();
        assert_eq!(report.pairs, 40, "a few forbidden pairs leave a full assignment possible");
        assert!(report.total > 0.0);
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes.len(), 40 * 40 * 8);
        let again = matching(40, 7, Family::Realistic, None).unwrap();
        assert_eq!(again.total, report.total, "the same seed gives the same problem");
    }

    #[test]
    fn unbalanced_sides_and_pools_are_solved_for_both_goals_with_their_certificates() {
        let sides = matching_unbalanced(6, 2, 20, 0.1, 3).unwrap();
        assert_eq!(sides.iter().map(|r| r.goal).collect::<Vec<_>>(), ["best_total", "most_pairs"]);
        assert!(sides.iter().all(|r| r.pairs <= 12), "six mentors with two seats each");
        let pool = matching_pool(21, true, 4).unwrap();
        assert_eq!(pool[1].pairs, 10, "the most pairs of 21 people");
    }
}
