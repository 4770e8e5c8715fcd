//! Finding the nudges that are due in every tenant: one set query per rule (and per timing in
//! use), through the one narrow path that may read across tenants for it. On PostgreSQL the
//! transaction runs as the application's role with `tandem.nudge_scan = 'on'`, which the
//! `nudge_scan` policies (migration 16) honour for reading the tables below and nothing else;
//! it writes nothing. What is found is then decided and written in each tenant's own
//! transaction (`tandem_jobs::nudges`).

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseTransaction, Statement, Value};
use tandem_domain::nudges::NudgeRule;
use tandem_domain::{PersonId, ProgramId, TenantId};
use uuid::Uuid;

use crate::db::{Backend, Db};
use crate::error::StoreError;

/// Something due in one program: the pair, session, check-in, invitee or kickoff it is about,
/// and the people to nudge (for a session waiting for confirmation, the partner who did not
/// log it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueRow {
    pub tenant: TenantId,
    pub program: ProgramId,
    pub subject: Uuid,
    /// A pair's rows name its mentor, then its mentee.
    pub people: Vec<PersonId>,
    /// The pair it is about, when it is about one.
    pub pair: Option<Uuid>,
    /// For a survey's invitee, the survey.
    pub survey: Option<Uuid>,
    /// The rule's timing this row was found with.
    pub days: u32,
}

/// A program's own setting of a rule, or its default: on, with the timing `days`.
const SETTINGS: &str = "\
    AND COALESCE((SELECT r.enabled FROM nudge_settings r \
        WHERE r.tenant_id = g.tenant_id AND r.program_id = g.id AND r.rule = $1), $2) = $2 \
    AND COALESCE((SELECT r.days FROM nudge_settings r \
        WHERE r.tenant_id = g.tenant_id AND r.program_id = g.id AND r.rule = $1), $3) = $4";

/// The query of a rule, and the values of its parameters from `$5` on (`$1`–`$4` are the
/// rule, `true`, its default timing and the timing looked for).
fn rule_query(rule: NudgeRule, days: u32, now: DateTime<Utc>) -> Option<(String, Vec<Value>)> {
    let today = now.date_naive();
    let before = now - Duration::days(i64::from(days));
    let active = "g.state = 'active' AND g.nudges_paused = $5";
    let (sql, values): (String, Vec<Value>) = match rule {
        NudgeRule::NoSession | NudgeRule::PairInactive => (
            format!(
                "SELECT p.tenant_id, p.program_id, p.id, p.mentor_id, p.mentee_id, p.id, NULL FROM pairs p \
                 JOIN programs g ON g.tenant_id = p.tenant_id AND g.id = p.program_id \
                 WHERE {active} AND p.state = 'active' AND p.created_at < $6 \
                 AND NOT EXISTS (SELECT 1 FROM pair_sessions s \
                     WHERE s.tenant_id = p.tenant_id AND s.pair_id = p.id AND s.held_at >= $6) {SETTINGS}"
            ),
            vec![false.into(), before.into()],
        ),
        NudgeRule::ConfirmationWaiting => (
            format!(
                "SELECT s.tenant_id, p.program_id, s.id, \
                     CASE WHEN s.logged_by = p.mentor_id THEN p.mentee_id ELSE p.mentor_id END, NULL, p.id, NULL \
                 FROM pair_sessions s \
                 JOIN pairs p ON p.tenant_id = s.tenant_id AND p.id = s.pair_id \
                 JOIN programs g ON g.tenant_id = p.tenant_id AND g.id = p.program_id \
                 WHERE {active} AND p.state = 'active' AND s.confirmed_at IS NULL AND s.planned = $5 \
                 AND s.created_at < $6 AND s.held_at <= $7 {SETTINGS}"
            ),
            vec![false.into(), before.into(), now.into()],
        ),
        NudgeRule::CheckInDue => (
            format!(
                "SELECT c.tenant_id, c.program_id, c.id, c.person_id, NULL, c.pair_id, NULL FROM check_ins c \
                 JOIN programs g ON g.tenant_id = c.tenant_id AND g.id = c.program_id \
                 JOIN pairs p ON p.tenant_id = c.tenant_id AND p.id = c.pair_id \
                 WHERE {active} AND p.state = 'active' AND c.answered_at IS NULL \
                 AND c.created_at < $6 AND c.period_end >= $7 {SETTINGS}"
            ),
            vec![false.into(), before.into(), (today - Duration::days(7)).into()],
        ),
        NudgeRule::SurveyDue => (
            format!(
                "SELECT i.tenant_id, v.program_id, i.id, i.person_id, NULL, NULL, v.id FROM survey_invitees i \
                 JOIN surveys v ON v.tenant_id = i.tenant_id AND v.id = i.survey_id \
                 JOIN programs g ON g.tenant_id = v.tenant_id AND g.id = v.program_id \
                 WHERE g.state IN ('active', 'completed') AND g.nudges_paused = $5 AND v.state = 'open' \
                 AND i.answered = $5 AND v.closes_on >= $6 AND v.closes_on <= $7 {SETTINGS}"
            ),
            vec![false.into(), today.into(), (today + Duration::days(i64::from(days))).into()],
        ),
        NudgeRule::TrainingNotDone => (
            format!(
                "SELECT k.tenant_id, k.program_id, k.id, p.mentor_id, p.mentee_id, p.id, NULL FROM kickoffs k \
                 JOIN programs g ON g.tenant_id = k.tenant_id AND g.id = k.program_id \
                 JOIN pairs p ON p.tenant_id = k.tenant_id AND p.program_id = k.program_id \
                 WHERE {active} AND p.state = 'active' AND k.cancelled_at IS NULL \
                 AND k.starts_at > $6 AND k.starts_at <= $7 {SETTINGS}"
            ),
            vec![false.into(), now.into(), (now + Duration::days(i64::from(days))).into()],
        ),
        // The kickoff's reminder is a job of its own; a program's end date is in its design
        // (the scheduler reads active programs through the worker's path for it).
        NudgeRule::KickoffTomorrow | NudgeRule::ProgramEnding => return None,
    };
    let mut all: Vec<Value> = vec![
        rule.as_str().into(),
        true.into(),
        i32::try_from(rule.default_days()).ok()?.into(),
        i32::try_from(days).ok()?.into(),
    ];
    all.extend(values);
    Some((sql, all))
}

impl Db {
    /// A transaction on the nudge scan's narrow path.
    async fn nudge_scan_tx(&self) -> Result<DatabaseTransaction, StoreError> {
        let tx = self.begin().await?;
        if self.backend() == Backend::Postgres {
            tx.execute_unprepared(&format!(
                "SET LOCAL ROLE {}; SELECT set_config('tandem.nudge_scan', 'on', true);",
                tandem_migrations::rls::APP_ROLE
            ))
            .await?;
        }
        Ok(tx)
    }

    /// What `rule` finds due at `now` in every tenant, for each timing programs use (the
    /// default and any program's own).
    pub async fn due_nudges(&self, rule: NudgeRule, now: DateTime<Utc>) -> Result<Vec<DueRow>, StoreError> {
        let tx = self.nudge_scan_tx().await?;
        let backend = tx.get_database_backend();
        let placeholders = |sql: String| match self.backend() {
            Backend::Postgres => sql,
            Backend::Sqlite => sql.replace('$', "?"),
        };
        let timings = tx
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                placeholders("SELECT DISTINCT days FROM nudge_settings WHERE rule = $1".to_owned()),
                [rule.as_str().into()],
            ))
            .await?;
        let mut days: Vec<u32> = vec![rule.default_days()];
        for row in timings {
            let value: i32 = row.try_get_by_index(0)?;
            if let Ok(value) = u32::try_from(value)
                && !days.contains(&value)
            {
                days.push(value);
            }
        }
        let mut due = Vec::new();
        for timing in days {
            let Some((sql, values)) = rule_query(rule, timing, now) else { continue };
            let rows = tx.query_all_raw(Statement::from_sql_and_values(backend, placeholders(sql), values)).await?;
            for row in rows {
                let mut people = vec![PersonId::from_uuid(row.try_get_by_index::<Uuid>(3)?)];
                if let Some(other) = row.try_get_by_index::<Option<Uuid>>(4)? {
                    people.push(PersonId::from_uuid(other));
                }
                due.push(DueRow {
                    tenant: TenantId::from_uuid(row.try_get_by_index(0)?),
                    program: ProgramId::from_uuid(row.try_get_by_index(1)?),
                    subject: row.try_get_by_index(2)?,
                    people,
                    pair: row.try_get_by_index::<Option<Uuid>>(5)?,
                    survey: row.try_get_by_index::<Option<Uuid>>(6)?,
                    days: timing,
                });
            }
        }
        tx.commit().await?;
        Ok(due)
    }
}
