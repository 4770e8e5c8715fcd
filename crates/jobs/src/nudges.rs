//! The nudge scheduler's pass: find what is due in every tenant (one set query per rule, through
//! the store's narrow path), then in each tenant decide and write. A nudge is a row unique per
//! rule, person and period, written with its email in one transaction, so a pass that runs twice
//! (or again after a restart) sends nothing twice. A person gets at most
//! [`tandem_domain::nudges::WEEKLY_CAP`] nudges in seven days, the most important first; the
//! others are logged as capped. Quiet hours, unsubscriptions and the daily cap apply when the
//! email is sent, and the log shows them through the email's state.

use std::collections::{BTreeMap, HashMap};

use crate::feedback::{check_in_token, survey_token};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use tandem_domain::emails::{Email, NudgeEmail, PairInactiveTeamEmail, date_text};
use tandem_domain::matching::run::PairState;
use tandem_domain::nudges::{Due, NudgeRule, NudgeState, WEEKLY_CAP, settings_with, window, within_cap};
use tandem_domain::programs::ParticipantRole;
use tandem_domain::{CheckInId, PersonId, ProgramId, SurveyInviteeId, TenantId};
use tandem_mail::unsubscribe::LinkSigner;
use tandem_store::{Db, DueRow, NewEmailDelivery, NewNudge, PageRequest, PersonRecord, StoreError, TenantTx};

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NudgePass {
    /// Nudges due and not decided before.
    pub due: usize,
    pub queued: usize,
    pub capped: usize,
}

/// The rules found by a set query (the kickoff's reminder is a job of its own; a program's end
/// is read from its design).
const QUERIED: [NudgeRule; 6] = [
    NudgeRule::TrainingNotDone,
    NudgeRule::NoSession,
    NudgeRule::ConfirmationWaiting,
    NudgeRule::CheckInDue,
    NudgeRule::SurveyDue,
    NudgeRule::PairInactive,
];

/// One due nudge before it is decided.
#[derive(Clone, Debug)]
struct What {
    program: ProgramId,
    period: String,
    row: DueRow,
}

pub struct Nudger {
    db: Db,
    signer: LinkSigner,
    public_url: String,
}

impl Nudger {
    pub fn new(db: Db, signer: LinkSigner, public_url: String) -> Self {
        Self { db, signer, public_url }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }

    /// Finds and sends what is due at `now`.
    pub async fn pass(&self, now: DateTime<Utc>) -> Result<NudgePass, StoreError> {
        let mut found: BTreeMap<TenantId, Vec<(NudgeRule, DueRow)>> = BTreeMap::new();
        for rule in QUERIED {
            for row in self.db.due_nudges(rule, now).await? {
                found.entry(row.tenant).or_default().push((rule, row));
            }
        }
        for row in self.programs_ending(now.date_naive()).await? {
            found.entry(row.tenant).or_default().push((NudgeRule::ProgramEnding, row));
        }
        let mut pass = NudgePass::default();
        for (tenant, rows) in found {
            let tx = match self.db.tenant(tenant).await {
                Ok(tx) => tx,
                Err(StoreError::NotFound) => continue,
                Err(err) => return Err(err),
            };
            // One tenant's trouble (a row gone since the scan) must not hold back the others':
            // its nudges are found again at the next pass.
            let done = match self.decide(&tx, tenant, rows, now).await {
                Ok(done) => done,
                Err(err) => {
                    tracing::warn!(%tenant, error = %err, "deciding a tenant's nudges failed; they wait for the next pass");
                    continue;
                }
            };
            tx.commit().await?;
            pass.due += done.due;
            pass.queued += done.queued;
            pass.capped += done.capped;
        }
        Ok(pass)
    }

    /// Active programs whose end date is within their `program_ending` timing, with their
    /// active pairs (a program's end date is in its design, read through the worker's path).
    async fn programs_ending(&self, today: NaiveDate) -> Result<Vec<DueRow>, StoreError> {
        let mut rows = Vec::new();
        for (tenant, program, end) in self.db.active_programs_everywhere().await? {
            let Some(end) = end.filter(|end| *end >= today) else { continue };
            if (end - today).num_days() > i64::from(tandem_domain::nudges::DAYS_MAX) {
                continue;
            }
            let tx = self.db.tenant(tenant).await?;
            let (paused, stored) = tx.nudge_settings(program).await?;
            let setting = settings_with(&stored).into_iter().find(|s| s.rule == NudgeRule::ProgramEnding);
            let Some(setting) = setting.filter(|s| s.enabled && !paused) else { continue };
            if (end - today).num_days() > i64::from(setting.days) {
                continue;
            }
            for pair in tx.pairs_in(program, PairState::Active).await? {
                rows.push(DueRow {
                    tenant,
                    program,
                    subject: program.as_uuid(),
                    people: vec![pair.mentor, pair.mentee],
                    pair: Some(pair.id.as_uuid()),
                    survey: None,
                    days: setting.days,
                });
            }
            tx.commit().await?;
        }
        Ok(rows)
    }

    async fn decide(
        &self,
        tx: &TenantTx,
        tenant: TenantId,
        rows: Vec<(NudgeRule, DueRow)>,
        now: DateTime<Utc>,
    ) -> Result<NudgePass, StoreError> {
        let today = now.date_naive();
        let mut programs = HashMap::new();
        // Training completions per program, read once however many of its pairs are due.
        let mut completions: HashMap<ProgramId, Vec<(PersonId, u32)>> = HashMap::new();
        let mut due = Vec::new();
        for (rule, row) in rows {
            if let std::collections::hash_map::Entry::Vacant(entry) = programs.entry(row.program) {
                entry.insert(tx.program(row.program).await?);
            }
            let program = &programs[&row.program];
            let period = match rule {
                NudgeRule::NoSession | NudgeRule::PairInactive => {
                    format!("{}:{}", row.pair.unwrap_or(row.subject), window(today, row.days))
                }
                NudgeRule::ProgramEnding => {
                    format!("{}:{}", row.subject, program.design.end_date.map(|d| d.to_string()).unwrap_or_default())
                }
                _ => row.subject.to_string(),
            };
            if rule == NudgeRule::TrainingNotDone
                && let std::collections::hash_map::Entry::Vacant(entry) = completions.entry(row.program)
            {
                entry.insert(tx.training_completions(row.program).await?);
            }
            let completed = (rule == NudgeRule::TrainingNotDone).then(|| &completions[&row.program]);
            for (side, person) in row.people.iter().enumerate() {
                if let Some(completed) = completed {
                    // A kickoff's rows name the pair's mentor, then its mentee.
                    let role = if side == 0 { ParticipantRole::Mentor } else { ParticipantRole::Mentee };
                    let required = program
                        .design
                        .training
                        .iter()
                        .enumerate()
                        .filter(|(_, m)| m.role == role || m.role == ParticipantRole::Either);
                    let done = |module: usize| completed.iter().any(|(p, m)| p == person && *m as usize == module);
                    if required.clone().count() == 0 || required.into_iter().all(|(i, _)| done(i)) {
                        continue;
                    }
                }
                due.push(Due {
                    rule,
                    person: *person,
                    what: What { program: row.program, period: period.clone(), row: row.clone() },
                });
            }
        }
        let people: Vec<PersonId> = due.iter().map(|d| d.person).collect();
        let decided = tx.nudge_keys_since(&people, now - Duration::days(120)).await?;
        due.retain(|d| !decided.contains(&(d.rule, d.person, d.what.period.clone())));
        let sent = tx.nudges_emailed_since(&people, now - Duration::days(7)).await?;
        let mut pass = NudgePass { due: due.len(), ..NudgePass::default() };
        let (go, capped) = within_cap(due, &sent, WEEKLY_CAP);
        let records: BTreeMap<PersonId, PersonRecord> =
            tx.people_by_ids(&people).await?.into_iter().map(|p| (p.id, p)).collect();
        for nudge in go {
            let new = NewNudge {
                program: nudge.what.program,
                person: nudge.person,
                rule: nudge.rule,
                period: nudge.what.period.clone(),
                state: NudgeState::Queued,
                reason: None,
            };
            let Some(id) = tx.insert_nudge(new).await? else { continue };
            let Some(person) = records.get(&nudge.person) else { continue };
            let program = &programs[&nudge.what.program];
            let email = self.email(tx, tenant, &nudge, person, &program.design.name).await?;
            let (delivery, _) = tx
                .create_delivery(NewEmailDelivery {
                    idempotency_key: format!("nudge:{}:{}:{}", nudge.rule, nudge.person, nudge.what.period),
                    email,
                    locale: person.person.preferred_locale,
                    to_email: person.person.email.to_string(),
                    to_name: Some(person.person.name.clone()),
                    time_zone: person.person.time_zone.clone(),
                })
                .await?;
            tx.set_nudge_delivery(id, delivery.id).await?;
            if nudge.rule == NudgeRule::PairInactive {
                self.tell_the_team(tx, &nudge, &program.design.name).await?;
            }
            pass.queued += 1;
        }
        for nudge in capped {
            let reason = format!("{WEEKLY_CAP} nudges in seven days reached: more important ones went first");
            let new = NewNudge {
                program: nudge.what.program,
                person: nudge.person,
                rule: nudge.rule,
                period: nudge.what.period.clone(),
                state: NudgeState::Capped,
                reason: Some(reason),
            };
            if tx.insert_nudge(new).await?.is_some() {
                pass.capped += 1;
            }
        }
        Ok(pass)
    }

    async fn email(
        &self,
        tx: &TenantTx,
        tenant: TenantId,
        nudge: &Due<What>,
        person: &PersonRecord,
        program: &str,
    ) -> Result<Email, StoreError> {
        let locale = person.person.preferred_locale;
        let row = &nudge.what.row;
        let pair = match row.pair {
            Some(pair) => Some(tx.pair(tandem_domain::PairId::from_uuid(pair)).await?),
            None => None,
        };
        let partner_name = match &pair {
            Some(pair) => {
                let partner = if pair.mentor == nudge.person { pair.mentee } else { pair.mentor };
                tx.person(partner).await.map(|p| p.person.name).unwrap_or_default()
            }
            None => String::new(),
        };
        let pair_link = pair.as_ref().map(|p| self.url(&format!("/portal/pairs/{}", p.id)));
        let (link, date, title) = match nudge.rule {
            NudgeRule::TrainingNotDone => {
                let kickoff = tx.kickoff(nudge.what.program).await?;
                let date = kickoff.map(|k| date_text(k.starts_at.date_naive(), locale)).unwrap_or_default();
                (pair_link.unwrap_or_else(|| self.url("/portal")), date, String::new())
            }
            NudgeRule::CheckInDue => {
                let token = check_in_token(&self.signer, tenant, CheckInId::from_uuid(row.subject));
                (self.url(&format!("/check-in?token={token}")), String::new(), String::new())
            }
            NudgeRule::SurveyDue => {
                let token = survey_token(&self.signer, tenant, SurveyInviteeId::from_uuid(row.subject));
                let survey =
                    tx.survey_by_id(tandem_domain::SurveyId::from_uuid(row.survey.unwrap_or_default())).await?;
                let date = survey.closes_on.map(|d| date_text(d, locale)).unwrap_or_default();
                (self.url(&format!("/survey?token={token}")), date, survey.title)
            }
            NudgeRule::ProgramEnding => {
                let program = tx.program(nudge.what.program).await?;
                let date = program.design.end_date.map(|d| date_text(d, locale)).unwrap_or_default();
                (pair_link.unwrap_or_else(|| self.url("/portal")), date, String::new())
            }
            _ => (pair_link.unwrap_or_else(|| self.url("/portal")), String::new(), String::new()),
        };
        Ok(Email::Nudge(NudgeEmail {
            name: person.person.name.clone(),
            program: program.to_owned(),
            rule: nudge.rule.as_str().to_owned(),
            partner_name,
            days: row.days,
            date,
            title,
            link,
        }))
    }

    /// An inactive pair is also the program team's business: owners, admins and program
    /// managers are told once per pair and window.
    async fn tell_the_team(&self, tx: &TenantTx, nudge: &Due<What>, program: &str) -> Result<(), StoreError> {
        let Some(pair) = nudge.what.row.pair else { return Ok(()) };
        let pair = tx.pair(tandem_domain::PairId::from_uuid(pair)).await?;
        let mentor = tx.person(pair.mentor).await?.person.name;
        let mentee = tx.person(pair.mentee).await?.person.name;
        let team = tx.members(PageRequest { limit: 100, after: None }).await?.items;
        for member in team.iter().filter(|m| m.role != tandem_domain::Role::Viewer) {
            let email = Email::PairInactiveTeam(PairInactiveTeamEmail {
                name: member.name.clone(),
                program: program.to_owned(),
                mentor: mentor.clone(),
                mentee: mentee.clone(),
                days: nudge.what.row.days,
                link: self.url(&format!("/pairs/{}", pair.id)),
            });
            tx.create_delivery(NewEmailDelivery {
                idempotency_key: format!("pair-inactive:{}:{}", nudge.what.period, member.user_id),
                email,
                locale: member.locale,
                to_email: member.email.clone(),
                to_name: Some(member.name.clone()),
                time_zone: None,
            })
            .await?;
        }
        Ok(())
    }
}
