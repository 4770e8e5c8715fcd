//! Running a matching run: gather the program's accepted applicants with their directory facts,
//! score and solve in the domain (off the async threads), check the certificate, and write the
//! proposals, the reasons of the unmatched, the blind review's profiles and the fairness report.

use std::collections::{BTreeMap, HashMap};

use chrono::Utc;
use serde_json::Value;
use tandem_domain::matching::criteria::{Applicant, Rules, Settings, parse_zone, topics};
use tandem_domain::matching::fairness::{self, AuditAttribute, PairFacts};
use tandem_domain::matching::review::{BlindProfile, Findings, LeftOutPerson, pseudonyms};
use tandem_domain::matching::run::{EditKind, Edits, Outcome as RunOutcome, PairState, RunError, RunState, run};
use tandem_domain::people::Person;
use tandem_domain::programs::{ParticipantRole, ProgramDesign};
use tandem_domain::{MatchingRunId, PersonId, TenantId};
use tandem_store::{Db, NewProposal, PersonRecord, RunResult, StoreError};

use crate::queue::{Job, JobError, Outcome};

pub struct MatchingHandler {
    db: Db,
}

fn retry(err: StoreError) -> JobError {
    JobError::Retry(err.to_string())
}

impl MatchingHandler {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    pub async fn run(&self, job: &Job, id: MatchingRunId) -> Result<Outcome, JobError> {
        self.execute(job.tenant, id).await
    }

    /// Runs the run `id` of `tenant` to its end (done or failed); a run that ended already is
    /// left as it is.
    pub async fn execute(&self, tenant: TenantId, id: MatchingRunId) -> Result<Outcome, JobError> {
        let tx = self.db.tenant(tenant).await.map_err(retry)?;
        let record = match tx.matching_run(id).await {
            Ok(record) => record,
            Err(StoreError::NotFound) => return Ok(Outcome::Done),
            Err(err) => return Err(retry(err)),
        };
        if matches!(record.state, RunState::Done | RunState::Failed) {
            return Ok(Outcome::Done);
        }
        let program = tx.program(record.program_id).await.map_err(retry)?;
        let include_sensitive = tx.tenant().await.map_err(retry)?.sensitive_attributes_enabled;
        tx.set_run_progress(id, RunState::Scoring, 10).await.map_err(retry)?;
        // A later run pairs only the people not in a pair that goes on (a withdrawal frees a
        // partner; a pause does not).
        let paired = tx.paired_people(record.program_id).await.map_err(retry)?;
        let mut applications = tx.accepted_applications(record.program_id).await.map_err(retry)?;
        applications.retain(|(person, _, _)| !paired.contains(person));
        let ids: Vec<PersonId> = applications.iter().map(|(person, _, _)| *person).collect();
        let people = tx.people_by_ids(&ids).await.map_err(retry)?;
        let lines = tx.reporting_lines().await.map_err(retry)?;
        let edits = tx.matching_edits(record.program_id).await.map_err(retry)?;
        let withdrawn = tx.pairs_in(record.program_id, PairState::Withdrawn).await.map_err(retry)?;
        tx.commit().await.map_err(retry)?;

        let settings: Settings = match serde_json::from_value(record.settings.clone()) {
            Ok(settings) => settings,
            Err(err) => return self.fail(tenant, id, &format!("the run's settings do not read: {err}")).await,
        };
        let by_id: HashMap<PersonId, &PersonRecord> = people.iter().map(|p| (p.id, p)).collect();
        let managers = managers_of(&lines);
        // Wishes name people by work email (the form) or by id (a partner's records).
        let by_email: HashMap<String, PersonId> =
            people.iter().map(|p| (p.person.email.to_string().to_lowercase(), p.id)).collect();
        let applicants: Vec<Applicant> = applications
            .iter()
            .filter_map(|(person, role, form)| {
                let record = by_id.get(person)?;
                let managers = managers.get(person).cloned().unwrap_or_default();
                Some(applicant(record, role.parse().ok(), form, managers, &by_email))
            })
            .collect();
        // Locks of people already in an active pair were kept by the run that paired them.
        let free = |e: &&tandem_store::MatchingEditRecord| !paired.contains(&e.mentor) && !paired.contains(&e.mentee);
        let mut edits = Edits {
            locked: edits
                .iter()
                .filter(|e| e.kind == EditKind::Lock)
                .filter(free)
                .map(|e| (e.mentor, e.mentee))
                .collect(),
            forbidden: edits.iter().filter(|e| e.kind == EditKind::Forbid).map(|e| (e.mentor, e.mentee)).collect(),
        };
        // A withdrawn pair is not made again.
        edits.forbidden.extend(withdrawn.iter().map(|p| (p.mentor, p.mentee)));
        let design: ProgramDesign = program.design;
        let rules = Rules {
            kind: design.kind,
            mentors_more_junior: design.mentors_more_junior,
            weights: settings.weights,
            constraints: settings.constraints,
            at: Utc::now(),
        };
        self.progress(tenant, id, RunState::Solving, 40).await?;
        let (mode, capacity) = (record.mode, design.mentor_capacity);
        let solving = applicants.clone();
        let solved = tokio::task::spawn_blocking(move || run(&rules, mode, capacity, &solving, &edits))
            .await
            .map_err(|err| JobError::Retry(format!("the solver stopped: {err}")))?;
        let outcome = match solved {
            Ok(outcome) => outcome,
            Err(err @ RunError::CertificateFailed(_)) => {
                // Never the data's fault: a bug in the solver, to be seen at once.
                tracing::error!(run = %id, error = %err, "a matching result failed its optimality check");
                return self.fail(tenant, id, &err.to_string()).await;
            }
            Err(err) => return self.fail(tenant, id, &err.to_string()).await,
        };
        let persons: HashMap<PersonId, &Person> = people.iter().map(|p| (p.id, &p.person)).collect();
        let result = findings(id, &applicants, &persons, &outcome, include_sensitive);
        let mut proposals: Vec<NewProposal> = outcome
            .proposals
            .iter()
            .map(|p| NewProposal {
                mentor: p.mentor,
                mentee: p.mentee,
                score: p.scored.score,
                parts: serde_json::to_value(&p.scored.parts).unwrap_or(Value::Null),
                locked: p.locked,
            })
            .collect();
        proposals
            .sort_by(|a, b| b.score.total_cmp(&a.score).then(a.mentor.cmp(&b.mentor)).then(a.mentee.cmp(&b.mentee)));
        let written = RunResult {
            total: outcome.total,
            unmatched: outcome.unmatched.len() as u32,
            proven_optimal: outcome.proven_optimal,
            blocking_pairs: outcome.blocking_pairs as u32,
            result: serde_json::to_value(&result).map_err(|err| JobError::Permanent(err.to_string()))?,
            proposals,
        };
        let tx = self.db.tenant(tenant).await.map_err(retry)?;
        tx.finish_run(id, written).await.map_err(retry)?;
        tx.commit().await.map_err(retry)?;
        Ok(Outcome::Done)
    }

    async fn progress(
        &self,
        tenant: TenantId,
        id: MatchingRunId,
        state: RunState,
        progress: u8,
    ) -> Result<(), JobError> {
        let tx = self.db.tenant(tenant).await.map_err(retry)?;
        tx.set_run_progress(id, state, progress).await.map_err(retry)?;
        tx.commit().await.map_err(retry)
    }

    async fn fail(&self, tenant: TenantId, id: MatchingRunId, error: &str) -> Result<Outcome, JobError> {
        let tx = self.db.tenant(tenant).await.map_err(retry)?;
        tx.fail_run(id, error).await.map_err(retry)?;
        tx.commit().await.map_err(retry)?;
        Ok(Outcome::Done)
    }
}

/// Everyone above each person, nearest first, up to the top (a loop in the data stops the walk).
fn managers_of(lines: &[(PersonId, PersonId)]) -> HashMap<PersonId, Vec<PersonId>> {
    let manager: HashMap<PersonId, PersonId> = lines.iter().copied().collect();
    manager
        .keys()
        .map(|&person| {
            let mut chain = Vec::new();
            let mut at = person;
            while let Some(&up) = manager.get(&at) {
                if up == person || chain.contains(&up) {
                    break;
                }
                chain.push(up);
                at = up;
            }
            (person, chain)
        })
        .collect()
}

/// An accepted applicant with their directory facts and what their form said.
fn applicant(
    record: &PersonRecord,
    role: Option<ParticipantRole>,
    form: &Value,
    managers: Vec<PersonId>,
    by_email: &HashMap<String, PersonId>,
) -> Applicant {
    let person = &record.person;
    let text = |key: &str| form.get(key).and_then(Value::as_str).map(topics).unwrap_or_default();
    let ids = |key: &str| -> Vec<PersonId> {
        let named = form.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
        named.filter_map(|v| v.parse().ok().or_else(|| by_email.get(&v.trim().to_lowercase()).copied())).collect()
    };
    let mut languages = person.languages.clone();
    for language in form.get("languages").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        if !languages.iter().any(|l| l.eq_ignore_ascii_case(language)) {
            languages.push(language.to_owned());
        }
    }
    let mut teaches = text("can_teach");
    teaches.extend(person.skills.iter().cloned());
    Applicant {
        person: record.id,
        role,
        department: person.department.clone(),
        function: person.function.clone(),
        region: person.region.clone(),
        job_level: person.job_level,
        is_executive: person.is_executive,
        time_zone: person.time_zone.as_deref().and_then(parse_zone),
        languages,
        teaches,
        learns: text("wants_to_learn"),
        managers,
        would_like: ids("would_like"),
        rather_not: ids("rather_not"),
    }
}

fn findings(
    run: MatchingRunId,
    applicants: &[Applicant],
    people: &HashMap<PersonId, &Person>,
    outcome: &RunOutcome,
    include_sensitive: bool,
) -> Findings {
    let ids: Vec<PersonId> = applicants.iter().map(|a| a.person).collect();
    let names = pseudonyms(run, &ids);
    let chosen: HashMap<PersonId, ParticipantRole> = outcome.roles_chosen.iter().copied().collect();
    let profiles: BTreeMap<PersonId, BlindProfile> = applicants
        .iter()
        .filter_map(|a| {
            let role = chosen.get(&a.person).copied().or(a.role).unwrap_or(ParticipantRole::Either);
            Some((a.person, BlindProfile::of(names.get(&a.person)?.clone(), role, people.get(&a.person)?)))
        })
        .collect();
    let score_of: HashMap<PersonId, f64> =
        outcome.proposals.iter().flat_map(|p| [(p.mentor, p.scored.score), (p.mentee, p.scored.score)]).collect();
    let audited: Vec<fairness::Applicant> = applicants
        .iter()
        .filter_map(|a| {
            let person = people.get(&a.person)?;
            let values = AuditAttribute::ALL
                .iter()
                .map(|&attribute| {
                    let value = match attribute {
                        AuditAttribute::Department => person.department.clone(),
                        AuditAttribute::Function => person.function.clone(),
                        AuditAttribute::Region => person.region.clone(),
                        AuditAttribute::LevelBand => person.job_level.map(|l| fairness::level_band(l.get())),
                        AuditAttribute::Executive => Some(fairness::executive_value(person.is_executive)),
                        AuditAttribute::Gender => person.gender.clone(),
                        AuditAttribute::AgeBand => person.age_band.clone(),
                    };
                    (attribute, value)
                })
                .collect();
            Some(fairness::Applicant { values, pair_score: score_of.get(&a.person).copied() })
        })
        .collect();
    let differ = |a: &Option<String>, b: &Option<String>| Some(a.as_ref()? != b.as_ref()?);
    let pairs: Vec<PairFacts> = outcome
        .proposals
        .iter()
        .filter_map(|p| {
            let (mentor, mentee) = (people.get(&p.mentor)?, people.get(&p.mentee)?);
            Some(PairFacts {
                cross_department: differ(&mentor.department, &mentee.department),
                cross_function: differ(&mentor.function, &mentee.function),
                cross_region: differ(&mentor.region, &mentee.region),
                executive_mentor: mentor.is_executive,
                executive_mentee: mentee.is_executive,
            })
        })
        .collect();
    Findings {
        people: profiles,
        unmatched: outcome
            .unmatched
            .iter()
            .map(|u| LeftOutPerson { person: u.person, role: u.role, reason: u.reason.clone() })
            .collect(),
        fairness: fairness::report(&audited, &pairs, include_sensitive),
        certificate: outcome.certificate.clone(),
        roles_chosen: outcome.roles_chosen.clone(),
        candidate_pairs: outcome.candidate_pairs,
        barred_pairs: outcome.barred_pairs,
    }
}
