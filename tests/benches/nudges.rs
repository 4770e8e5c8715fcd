//! Finding the nudges that are due across many tenants: one set query per rule through the
//! nudge scan's narrow path, on PostgreSQL, timed per rule.
//!
//!     cargo bench -p tandem-tests --bench nudges                        (100 tenants × 1,000 people)
//!     NUDGE_BENCH_TENANTS=1000 NUDGE_BENCH_PEOPLE=10000 cargo bench -p tandem-tests --bench nudges
//!
//! Each tenant has one active program whose people are all in pairs (half of them mentors);
//! a fifth of the pairs have had no session for a month (due: `no_session`), and each person
//! has this period's check-in, a third unanswered for five days (due: `check_in_due`). The data
//! is written with `generate_series`; what is timed is `Db::due_nudges` for each rule, which
//! is what the scheduler runs every 15 minutes before deciding per tenant.

use std::time::Instant;

use sea_orm::{ConnectionTrait, Statement};
use tandem_domain::nudges::NudgeRule;
use tandem_jobs::nudges::Nudger;
use tandem_mail::unsubscribe::LinkSigner;
use tandem_tests::{Backend, TestApp};

fn size(var: &str, default: usize) -> usize {
    std::env::var(var).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let tenants = size("NUDGE_BENCH_TENANTS", 100);
    let people = size("NUDGE_BENCH_PEOPLE", 1_000) / 2 * 2;
    let app = TestApp::spawn_with(Backend::Postgres, |c, _| c.worker_concurrency = 0)
        .await
        .expect("PostgreSQL at 127.0.0.1:5432 (this benchmark measures the PostgreSQL path)");
    let db = app.database().await;
    let design = serde_json::to_string(
        &tandem_domain::program_templates::design(
            "reverse_digital_skills",
            tandem_domain::Locale::En,
            chrono::Utc::now().date_naive(),
        )
        .unwrap(),
    )
    .unwrap()
    .replace('\'', "''");
    let started = Instant::now();
    let statements = [
        format!(
            "INSERT INTO tenants (id, name, locale, created_at) \
             SELECT md5('t' || t)::uuid, 'Bench ' || t, 'en', now() FROM generate_series(1, {tenants}) t"
        ),
        format!(
            "INSERT INTO people (tenant_id, id, external_id, name, email, languages, skills, skills_index, \
                 is_executive, preferred_locale, job_level, time_zone, created_at, updated_at) \
             SELECT md5('t' || t)::uuid, md5('p' || t || '-' || p)::uuid, 'E' || p, 'Person ' || p, \
                 'p' || p || '@t' || t || '.example', '[]', '[]', '', false, 'en', \
                 CASE WHEN p % 2 = 1 THEN 2 ELSE 9 END, 'Asia/Tokyo', now(), now() \
             FROM generate_series(1, {tenants}) t, generate_series(1, {people}) p"
        ),
        format!(
            "INSERT INTO programs (tenant_id, id, name, kind, state, design, created_at, updated_at) \
             SELECT md5('t' || t)::uuid, md5('g' || t)::uuid, 'Bench program', 'reverse', 'active', '{design}'::json, \
                 now(), now() FROM generate_series(1, {tenants}) t"
        ),
        format!(
            "INSERT INTO matching_runs (tenant_id, id, program_id, mode, settings, state, progress, proven_optimal, created_at) \
             SELECT md5('t' || t)::uuid, md5('r' || t)::uuid, md5('g' || t)::uuid, 'most_pairs', '{{}}', 'done', 100, true, now() \
             FROM generate_series(1, {tenants}) t"
        ),
        format!(
            "INSERT INTO pairs (tenant_id, id, program_id, run_id, mentor_id, mentee_id, score, parts, state, created_at) \
             SELECT md5('t' || t)::uuid, md5('q' || t || '-' || k)::uuid, md5('g' || t)::uuid, md5('r' || t)::uuid, \
                 md5('p' || t || '-' || (2 * k - 1))::uuid, md5('p' || t || '-' || (2 * k))::uuid, 1.0, '[]', 'active', \
                 now() - interval '60 days' \
             FROM generate_series(1, {tenants}) t, generate_series(1, {people} / 2) k"
        ),
        // Four pairs in five met three days ago.
        format!(
            "INSERT INTO pair_sessions (tenant_id, id, pair_id, held_at, minutes, format, topics, planned, logged_by, \
                 corrected, created_at, confirmed_at) \
             SELECT md5('t' || t)::uuid, md5('s' || t || '-' || k)::uuid, md5('q' || t || '-' || k)::uuid, \
                 now() - interval '3 days', 45, 'video', '[]', false, md5('p' || t || '-' || (2 * k - 1))::uuid, \
                 false, now() - interval '3 days', now() - interval '2 days' \
             FROM generate_series(1, {tenants}) t, generate_series(1, {people} / 2) k WHERE k % 5 <> 0"
        ),
        // Everyone's check-in for this period; a third unanswered for five days.
        format!(
            "INSERT INTO check_ins (tenant_id, id, program_id, pair_id, person_id, period, period_end, token_hash, \
                 score, answered_at, created_at) \
             SELECT md5('t' || t)::uuid, md5('c' || t || '-' || p)::uuid, md5('g' || t)::uuid, \
                 md5('q' || t || '-' || ((p + 1) / 2))::uuid, md5('p' || t || '-' || p)::uuid, \
                 current_date - 5, current_date + 20, md5('c' || t || '-' || p), \
                 CASE WHEN p % 3 = 0 THEN NULL ELSE 4 END, CASE WHEN p % 3 = 0 THEN NULL ELSE now() END, \
                 now() - interval '5 days' \
             FROM generate_series(1, {tenants}) t, generate_series(1, {people}) p"
        ),
        "ANALYZE".to_owned(),
    ];
    for sql in &statements {
        db.execute_raw(Statement::from_string(db.get_database_backend(), sql.clone())).await.expect("seeding");
    }
    let seed_secs = started.elapsed().as_secs_f64();
    println!("tenants {tenants}, people per tenant {people}, pairs {}", tenants * people / 2);
    println!("seeded in {seed_secs:.1} s");

    let store = app.store().await;
    let now = chrono::Utc::now();
    let mut total = 0.0;
    for rule in [
        NudgeRule::NoSession,
        NudgeRule::PairInactive,
        NudgeRule::ConfirmationWaiting,
        NudgeRule::CheckInDue,
        NudgeRule::SurveyDue,
        NudgeRule::TrainingNotDone,
    ] {
        let started = Instant::now();
        let due = store.due_nudges(rule, now).await.expect("the scan");
        let secs = started.elapsed().as_secs_f64();
        total += secs;
        let people: usize = due.iter().map(|d| d.people.len()).sum();
        println!("{:<22} {:>9} due rows {:>9} people {:>8.3} s", rule.as_str(), due.len(), people, secs);
    }
    println!("all rules {total:.3} s");

    // The scheduler's whole pass: the scans, then per tenant the decisions, the nudges and
    // their emails written. The first finds everything above due at once (the worst case: a
    // backlog); the second finds it decided already (a pass in the steady state).
    let nudger = Nudger::new(store.clone(), LinkSigner::new(b"bench signing secret"), "http://bench.test".into());
    for which in ["first", "second"] {
        let started = Instant::now();
        let pass = nudger.pass(now).await.expect("the pass");
        println!(
            "{which} whole pass: {} due, {} queued, {} capped, {:.3} s",
            pass.due,
            pass.queued,
            pass.capped,
            started.elapsed().as_secs_f64()
        );
    }
    print_sizes(&db).await;
}

/// What the database holds after the run, per table (with indexes and TOAST), for the
/// capacity model in docs/operations.md.
async fn print_sizes(db: &sea_orm::DatabaseConnection) {
    let sql = "SELECT c.relname::text, c.reltuples::bigint, pg_total_relation_size(c.oid) \
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
               WHERE n.nspname = 'public' AND c.relkind = 'r' AND pg_total_relation_size(c.oid) > 1048576 \
               ORDER BY 3 DESC";
    db.execute_unprepared("ANALYZE").await.expect("analyse");
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("sizes");
    println!("{:<22} {:>10} {:>10} {:>10}", "table", "rows", "MiB", "bytes/row");
    for row in rows {
        let (name, count, bytes): (String, i64, i64) =
            (row.try_get_by_index(0).unwrap(), row.try_get_by_index(1).unwrap(), row.try_get_by_index(2).unwrap());
        let per_row = if count > 0 { bytes / count } else { 0 };
        println!("{name:<22} {count:>10} {:>10.1} {per_row:>10}", bytes as f64 / 1048576.0);
    }
    let total = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), "SELECT pg_database_size(current_database())"))
        .await
        .expect("size")
        .expect("a row");
    let total: i64 = total.try_get_by_index(0).unwrap();
    println!("database {:.1} MiB", total as f64 / 1048576.0);
}
