//! Feedback by email: each period's check-ins, a survey's invitations and its reminder.
//!
//! Every email carries a personal link whose token is an HMAC of what it stands for
//! (`check-in:<id>`, `survey:<invitee id>`); the store keeps only the token's hash, and a
//! reminder recomputes the same link. Each row is written once (a unique key per member and
//! period, per survey and person) and each email has its idempotency key, so a job that runs
//! twice asks nobody twice.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, Utc};
use tandem_domain::emails::{CheckInEmail, Email, ScoreLink, SurveyEmail, date_text};
use tandem_domain::feedback::{SCORE_MAX, SCORE_MIN, SurveyState, next_period, period_start};
use tandem_domain::jobs::{CheckInsTask, SurveyTask, Task};
use tandem_domain::matching::run::PairState;
use tandem_domain::programs::{ParticipantRole, ProgramKind, ProgramState};
use tandem_domain::{CheckInId, PersonId, SurveyInviteeId, TenantId};
use tandem_mail::unsubscribe::{LinkSigner, token_hash};
use tandem_store::{Db, NewCheckIn, NewJob, PairRecord, PersonRecord, StoreError, SurveyRecord, TenantTx};

use crate::queue::{Job, JobError, Outcome};

/// The pairs whose members a survey asks: those that went on, not those withdrawn.
pub const SURVEYED: [PairState; 3] = [PairState::Active, PairState::Paused, PairState::Ended];

/// How many days after its period a check-in may still be answered.
pub const CHECK_IN_GRACE_DAYS: u64 = 7;

pub fn check_in_token(signer: &LinkSigner, tenant: TenantId, id: CheckInId) -> String {
    signer.token(tenant, &format!("check-in:{id}"))
}

pub fn survey_token(signer: &LinkSigner, tenant: TenantId, invitee: SurveyInviteeId) -> String {
    signer.token(tenant, &format!("survey:{invitee}"))
}

/// The last day of the period starting `period`.
pub fn period_end(cadence: tandem_domain::programs::Cadence, period: NaiveDate) -> NaiveDate {
    next_period(cadence, period) - Days::new(1)
}

/// The last day a check-in of the period ending `end` may be answered.
pub fn answer_until(end: NaiveDate) -> NaiveDate {
    end + Days::new(CHECK_IN_GRACE_DAYS)
}

/// Who a survey of `audience` in a program of `kind` asks, each once with the role they
/// answer in: the members of the program's pairs that went on (active, paused or ended; not
/// withdrawn), on the side the audience names. In mutual programs everyone answers as `either`.
pub fn survey_audience(
    pairs: &[PairRecord],
    kind: ProgramKind,
    audience: ParticipantRole,
) -> BTreeMap<PersonId, ParticipantRole> {
    let mut people = BTreeMap::new();
    for pair in pairs.iter().filter(|p| p.state != PairState::Withdrawn) {
        for (person, side) in [(pair.mentor, ParticipantRole::Mentor), (pair.mentee, ParticipantRole::Mentee)] {
            let role = if kind == ProgramKind::Mutual { ParticipantRole::Either } else { side };
            if audience == ParticipantRole::Either || audience == role {
                people.entry(person).or_insert(role);
            }
        }
    }
    people
}

pub struct FeedbackHandler {
    db: Db,
    signer: LinkSigner,
    public_url: String,
}

fn retry(err: StoreError) -> JobError {
    JobError::Retry(err.to_string())
}

impl FeedbackHandler {
    pub fn new(db: Db, signer: LinkSigner, public_url: String) -> Self {
        Self { db, signer, public_url }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }

    /// Asks each member of the program's active pairs for this period's check-in.
    pub async fn check_ins(&self, job: &Job, task: CheckInsTask) -> Result<Outcome, JobError> {
        let tx = self.db.tenant(job.tenant).await.map_err(retry)?;
        let program = match tx.program(task.program).await {
            Ok(program) => program,
            Err(StoreError::NotFound) => return Ok(Outcome::Done),
            Err(err) => return Err(retry(err)),
        };
        if program.state != ProgramState::Active {
            return Ok(Outcome::Done);
        }
        let cadence = program.design.check_in_cadence;
        let end = period_end(cadence, task.period);
        let pairs: Vec<PairRecord> = tx
            .pairs_in(program.id, PairState::Active)
            .await
            .map_err(retry)?
            .into_iter()
            .filter(|p| task.every_pair || p.created_at.date_naive() < task.period)
            .collect();
        let ids: Vec<PersonId> = pairs.iter().flat_map(|p| [p.mentor, p.mentee]).collect();
        let people: BTreeMap<PersonId, PersonRecord> =
            tx.people_by_ids(&ids).await.map_err(retry)?.into_iter().map(|p| (p.id, p)).collect();
        let mut asked = 0;
        for pair in &pairs {
            for (member, partner) in [(pair.mentor, pair.mentee), (pair.mentee, pair.mentor)] {
                let (Some(member), Some(partner)) = (people.get(&member), people.get(&partner)) else { continue };
                let id = CheckInId::new();
                let token = check_in_token(&self.signer, job.tenant, id);
                let new = NewCheckIn {
                    id,
                    program: program.id,
                    pair: pair.id,
                    person: member.id,
                    period: task.period,
                    period_end: end,
                    token_hash: token_hash(&token),
                };
                if !tx.insert_check_in(new).await.map_err(retry)? {
                    continue;
                }
                let locale = member.person.preferred_locale;
                let link = self.url(&format!("/check-in?token={token}"));
                let email = Email::CheckIn(CheckInEmail {
                    name: member.person.name.clone(),
                    program: program.design.name.clone(),
                    partner_name: partner.person.name.clone(),
                    until: date_text(answer_until(end), locale),
                    scores: (SCORE_MIN..=SCORE_MAX)
                        .map(|score| ScoreLink { score, url: format!("{link}&score={score}") })
                        .collect(),
                    link,
                });
                tx.email_person(format!("check-in:{id}"), email, member).await.map_err(retry)?;
                asked += 1;
            }
        }
        tx.commit().await.map_err(retry)?;
        tracing::info!(job = %job.id, program = %program.id, period = %task.period, asked, "asked for check-ins");
        Ok(Outcome::Done)
    }

    /// An open survey, or nothing to do (closed since, or gone with its tenant).
    async fn open_survey(&self, tx: &TenantTx, id: tandem_domain::SurveyId) -> Result<Option<SurveyRecord>, JobError> {
        match tx.survey_by_id(id).await {
            Ok(survey) if survey.state == SurveyState::Open => Ok(Some(survey)),
            Ok(_) | Err(StoreError::NotFound) => Ok(None),
            Err(err) => Err(retry(err)),
        }
    }

    /// Asks everyone the survey is for (people asked already are not asked again).
    pub async fn survey_invitations(&self, job: &Job, task: SurveyTask) -> Result<Outcome, JobError> {
        let tx = self.db.tenant(job.tenant).await.map_err(retry)?;
        let Some(survey) = self.open_survey(&tx, task.survey).await? else { return Ok(Outcome::Done) };
        let program = tx.program(survey.program).await.map_err(retry)?;
        let pairs = tx.pairs_in_states(program.id, &SURVEYED).await.map_err(retry)?;
        let audience = survey_audience(&pairs, program.design.kind, survey.audience);
        let ids: Vec<PersonId> = audience.keys().copied().collect();
        let people = tx.people_by_ids(&ids).await.map_err(retry)?;
        for person in &people {
            let id = SurveyInviteeId::new();
            let token = survey_token(&self.signer, job.tenant, id);
            if !tx
                .insert_survey_invitee(id, survey.id, person.id, audience[&person.id], token_hash(&token))
                .await
                .map_err(retry)?
            {
                continue;
            }
            let email = Email::SurveyInvitation(self.survey_email(&survey, &program.design.name, person, &token));
            tx.email_person(format!("survey:{id}"), email, person).await.map_err(retry)?;
        }
        tx.commit().await.map_err(retry)?;
        Ok(Outcome::Done)
    }

    /// Reminds those who have not answered (once per person per job: the job's key names the day).
    pub async fn survey_reminder(&self, job: &Job, task: SurveyTask) -> Result<Outcome, JobError> {
        let tx = self.db.tenant(job.tenant).await.map_err(retry)?;
        let Some(survey) = self.open_survey(&tx, task.survey).await? else { return Ok(Outcome::Done) };
        let program = tx.program(survey.program).await.map_err(retry)?;
        let waiting: Vec<_> =
            tx.survey_invitees(survey.id).await.map_err(retry)?.into_iter().filter(|i| !i.answered).collect();
        let ids: Vec<PersonId> = waiting.iter().map(|i| i.person).collect();
        let people: BTreeMap<PersonId, PersonRecord> =
            tx.people_by_ids(&ids).await.map_err(retry)?.into_iter().map(|p| (p.id, p)).collect();
        let today = Utc::now().date_naive();
        for invitee in &waiting {
            let Some(person) = people.get(&invitee.person) else { continue };
            let token = survey_token(&self.signer, job.tenant, invitee.id);
            let email = Email::SurveyReminder(self.survey_email(&survey, &program.design.name, person, &token));
            tx.email_person(format!("survey-reminder:{}:{today}", invitee.id), email, person).await.map_err(retry)?;
        }
        let reminded: Vec<_> = waiting.iter().map(|i| i.id).collect();
        tx.mark_survey_reminded(&reminded, Utc::now()).await.map_err(retry)?;
        tx.commit().await.map_err(retry)?;
        Ok(Outcome::Done)
    }

    fn survey_email(
        &self,
        survey: &tandem_store::SurveyRecord,
        program: &str,
        person: &PersonRecord,
        token: &str,
    ) -> SurveyEmail {
        let locale = person.person.preferred_locale;
        SurveyEmail {
            name: person.person.name.clone(),
            program: program.to_owned(),
            title: survey.title.clone(),
            closes: survey.closes_on.map(|d| date_text(d, locale)).unwrap_or_default(),
            anonymous: survey.anonymous,
            link: self.url(&format!("/survey?token={token}")),
        }
    }
}

/// Queues this period's check-ins for every active program (the scheduler's hourly pass). A
/// program's job for a period has one key, so however often this runs, each period is asked
/// once. Returns how many programs were looked at.
pub async fn schedule_check_ins(db: &Db, today: NaiveDate) -> Result<usize, StoreError> {
    let programs = db.active_programs_everywhere().await?;
    for (tenant, program, _) in &programs {
        let tx = db.tenant(*tenant).await?;
        let record = match tx.program(*program).await {
            Ok(record) => record,
            Err(StoreError::NotFound) => continue,
            Err(err) => return Err(err),
        };
        let period = period_start(record.design.check_in_cadence, today);
        let task = Task::CheckIns(CheckInsTask { program: *program, period, every_pair: false });
        tx.enqueue(NewJob::new(*tenant, &task, format!("check-ins:{program}:{period}"), Utc::now())).await?;
        tx.commit().await?;
    }
    Ok(programs.len())
}
