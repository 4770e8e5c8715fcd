//! Matching: runs, the pairs they propose, and the locks and forbids of a program.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::Value;
use tandem_domain::matching::run::{EditKind, Mode, PairState, RunState};
use tandem_domain::recruitment::ApplicationStatus;
use tandem_domain::{MatchingEditId, MatchingRunId, PairId, PersonId, ProgramId, ProposalId};
use uuid::Uuid;

use super::TenantTx;
use super::team::found;
use crate::entities::{application, matching_edit, matching_proposal, matching_run, pair, person};
use crate::error::{StoreError, corrupt};
use crate::page::{Page, PageRequest};
use crate::records::{MatchingEditRecord, MatchingRunRecord, NewProposal, PairRecord, ProposalRecord, RunResult};

/// Proposals are written this many to a statement.
const PROPOSALS_PER_INSERT: usize = 500;

impl TenantTx {
    pub async fn create_matching_run(
        &self,
        program: ProgramId,
        mode: Mode,
        settings: &Value,
    ) -> Result<MatchingRunRecord, StoreError> {
        let model = matching_run::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(MatchingRunId::new().as_uuid()),
            program_id: Set(program.as_uuid()),
            mode: Set(mode.as_str().to_owned()),
            settings: Set(settings.clone()),
            state: Set(RunState::Queued.as_str().to_owned()),
            progress: Set(0),
            error: Set(None),
            total: Set(None),
            pairs: Set(None),
            unmatched: Set(None),
            proven_optimal: Set(false),
            blocking_pairs: Set(None),
            result: Set(None),
            created_at: Set(Utc::now()),
            finished_at: Set(None),
            published_at: Set(None),
        }
        .insert(&self.tx)
        .await?;
        run_record(model)
    }

    pub async fn matching_run(&self, id: MatchingRunId) -> Result<MatchingRunRecord, StoreError> {
        let model = matching_run::Entity::find_by_id((self.tid(), id.as_uuid()))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        run_record(model)
    }

    /// A program's runs, newest first.
    pub async fn matching_runs(
        &self,
        program: ProgramId,
        page: PageRequest,
    ) -> Result<Page<MatchingRunRecord>, StoreError> {
        let mut query = matching_run::Entity::find()
            .filter(matching_run::Column::TenantId.eq(self.tid()))
            .filter(matching_run::Column::ProgramId.eq(program.as_uuid()))
            .order_by_desc(matching_run::Column::Id)
            .limit(page.limit + 1);
        if let Some(after) = page.after {
            query = query.filter(matching_run::Column::Id.lt(after));
        }
        let rows = query.all(&self.tx).await?.into_iter().map(run_record).collect::<Result<Vec<_>, _>>()?;
        Ok(Page::from_overfetch(rows, page.limit, |r| r.id.as_uuid()))
    }

    /// Moves a run along (scoring, solving) with its progress.
    pub async fn set_run_progress(&self, id: MatchingRunId, state: RunState, progress: u8) -> Result<(), StoreError> {
        let result = matching_run::Entity::update_many()
            .col_expr(matching_run::Column::State, state.as_str().into())
            .col_expr(matching_run::Column::Progress, i16::from(progress).into())
            .filter(matching_run::Column::TenantId.eq(self.tid()))
            .filter(matching_run::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    pub async fn fail_run(&self, id: MatchingRunId, error: &str) -> Result<(), StoreError> {
        let result = matching_run::Entity::update_many()
            .col_expr(matching_run::Column::State, RunState::Failed.as_str().into())
            .col_expr(matching_run::Column::Error, Some(error.to_owned()).into())
            .col_expr(matching_run::Column::FinishedAt, Some(Utc::now()).into())
            .filter(matching_run::Column::TenantId.eq(self.tid()))
            .filter(matching_run::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    /// Writes what a run found and marks it done. A run done already is left as it is (a job
    /// that ran twice), and `Ok(false)` says so.
    pub async fn finish_run(&self, id: MatchingRunId, outcome: RunResult) -> Result<bool, StoreError> {
        let result = matching_run::Entity::update_many()
            .col_expr(matching_run::Column::State, RunState::Done.as_str().into())
            .col_expr(matching_run::Column::Progress, 100i16.into())
            .col_expr(matching_run::Column::Total, Some(outcome.total).into())
            .col_expr(matching_run::Column::Pairs, Some(outcome.proposals.len() as i32).into())
            .col_expr(matching_run::Column::Unmatched, Some(outcome.unmatched as i32).into())
            .col_expr(matching_run::Column::ProvenOptimal, outcome.proven_optimal.into())
            .col_expr(matching_run::Column::BlockingPairs, Some(outcome.blocking_pairs as i32).into())
            .col_expr(matching_run::Column::Result, Some(outcome.result).into())
            .col_expr(matching_run::Column::FinishedAt, Some(Utc::now()).into())
            .filter(matching_run::Column::TenantId.eq(self.tid()))
            .filter(matching_run::Column::Id.eq(id.as_uuid()))
            .filter(matching_run::Column::State.ne(RunState::Done.as_str()))
            .exec(&self.tx)
            .await?;
        if result.rows_affected == 0 {
            return Ok(false);
        }
        for chunk in outcome.proposals.chunks(PROPOSALS_PER_INSERT) {
            let rows = chunk.iter().map(|p| self.proposal_model(id, p));
            matching_proposal::Entity::insert_many(rows).exec(&self.tx).await?;
        }
        Ok(true)
    }

    fn proposal_model(&self, run: MatchingRunId, p: &NewProposal) -> matching_proposal::ActiveModel {
        matching_proposal::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(ProposalId::new().as_uuid()),
            run_id: Set(run.as_uuid()),
            mentor_id: Set(p.mentor.as_uuid()),
            mentee_id: Set(p.mentee.as_uuid()),
            score: Set(p.score),
            parts: Set(p.parts.clone()),
            locked: Set(p.locked),
        }
    }

    /// A run's proposed pairs, in the order the run wrote them.
    pub async fn proposals(&self, run: MatchingRunId, page: PageRequest) -> Result<Page<ProposalRecord>, StoreError> {
        let mut query = matching_proposal::Entity::find()
            .filter(matching_proposal::Column::TenantId.eq(self.tid()))
            .filter(matching_proposal::Column::RunId.eq(run.as_uuid()))
            .order_by_asc(matching_proposal::Column::Id)
            .limit(page.limit + 1);
        if let Some(after) = page.after {
            query = query.filter(matching_proposal::Column::Id.gt(after));
        }
        let rows = query.all(&self.tx).await?.into_iter().map(proposal_record).collect::<Vec<_>>();
        Ok(Page::from_overfetch(rows, page.limit, |p| p.id.as_uuid()))
    }

    /// Every pair a run proposed, in the order it wrote them.
    pub async fn all_proposals(&self, run: MatchingRunId) -> Result<Vec<ProposalRecord>, StoreError> {
        let rows = matching_proposal::Entity::find()
            .filter(matching_proposal::Column::TenantId.eq(self.tid()))
            .filter(matching_proposal::Column::RunId.eq(run.as_uuid()))
            .order_by_asc(matching_proposal::Column::Id)
            .all(&self.tx)
            .await?;
        Ok(rows.into_iter().map(proposal_record).collect())
    }

    /// Makes pairs of a program from a run's proposals, active from now.
    pub async fn create_pairs(
        &self,
        program: ProgramId,
        run: MatchingRunId,
        proposals: &[ProposalRecord],
    ) -> Result<Vec<PairRecord>, StoreError> {
        let now = Utc::now();
        let models: Vec<pair::Model> = proposals
            .iter()
            .map(|p| pair::Model {
                tenant_id: self.tid(),
                id: PairId::new().as_uuid(),
                program_id: program.as_uuid(),
                run_id: run.as_uuid(),
                mentor_id: p.mentor.as_uuid(),
                mentee_id: p.mentee.as_uuid(),
                score: p.score,
                parts: p.parts.clone(),
                state: PairState::Active.as_str().to_owned(),
                created_at: now,
                ended_at: None,
                paused_reason: None,
            })
            .collect();
        for chunk in models.chunks(PROPOSALS_PER_INSERT) {
            let rows = chunk.iter().cloned().map(sea_orm::IntoActiveModel::into_active_model);
            pair::Entity::insert_many(rows).exec(&self.tx).await?;
        }
        models.into_iter().map(pair_record).collect()
    }

    /// Marks a run published, once: `Ok(false)` when it was published already (two publishes
    /// at once: one wins).
    pub async fn mark_run_published(&self, run: MatchingRunId) -> Result<bool, StoreError> {
        let result = matching_run::Entity::update_many()
            .col_expr(matching_run::Column::PublishedAt, Some(Utc::now()).into())
            .filter(matching_run::Column::TenantId.eq(self.tid()))
            .filter(matching_run::Column::Id.eq(run.as_uuid()))
            .filter(matching_run::Column::PublishedAt.is_null())
            .exec(&self.tx)
            .await?;
        Ok(result.rows_affected == 1)
    }

    /// A program's pairs in `state`, oldest first: the active ones, or the withdrawn ones (whose
    /// members later runs keep apart).
    pub async fn pairs_in(&self, program: ProgramId, state: PairState) -> Result<Vec<PairRecord>, StoreError> {
        pair::Entity::find()
            .filter(pair::Column::TenantId.eq(self.tid()))
            .filter(pair::Column::ProgramId.eq(program.as_uuid()))
            .filter(pair::Column::State.eq(state.as_str()))
            .order_by_asc(pair::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(pair_record)
            .collect()
    }

    /// A program's pairs in any of `states`, oldest first.
    pub async fn pairs_in_states(
        &self,
        program: ProgramId,
        states: &[PairState],
    ) -> Result<Vec<PairRecord>, StoreError> {
        pair::Entity::find()
            .filter(pair::Column::TenantId.eq(self.tid()))
            .filter(pair::Column::ProgramId.eq(program.as_uuid()))
            .filter(pair::Column::State.is_in(states.iter().map(|s| s.as_str())))
            .order_by_asc(pair::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(pair_record)
            .collect()
    }

    pub async fn pair(&self, id: PairId) -> Result<PairRecord, StoreError> {
        let model = pair::Entity::find()
            .filter(pair::Column::TenantId.eq(self.tid()))
            .filter(pair::Column::Id.eq(id.as_uuid()))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        pair_record(model)
    }

    /// Withdraws an active pair, once: `Ok(false)` when it had ended already (two withdrawals
    /// at once: one wins).
    pub async fn withdraw_pair(&self, id: PairId) -> Result<bool, StoreError> {
        let result = pair::Entity::update_many()
            .col_expr(pair::Column::State, PairState::Withdrawn.as_str().into())
            .col_expr(pair::Column::EndedAt, Some(Utc::now()).into())
            .filter(pair::Column::TenantId.eq(self.tid()))
            .filter(pair::Column::Id.eq(id.as_uuid()))
            .filter(pair::Column::State.is_in([PairState::Active.as_str(), PairState::Paused.as_str()]))
            .exec(&self.tx)
            .await?;
        Ok(result.rows_affected == 1)
    }

    /// Withdraws a person's accepted applications to a program (they left it); how many.
    pub async fn withdraw_from_program(&self, program: ProgramId, person: PersonId) -> Result<u64, StoreError> {
        let result = application::Entity::update_many()
            .col_expr(application::Column::Status, ApplicationStatus::Withdrawn.as_str().into())
            .col_expr(application::Column::UpdatedAt, Utc::now().into())
            .filter(application::Column::TenantId.eq(self.tid()))
            .filter(application::Column::ProgramId.eq(program.as_uuid()))
            .filter(application::Column::PersonId.eq(person.as_uuid()))
            .filter(application::Column::Status.eq(ApplicationStatus::Accepted.as_str()))
            .exec(&self.tx)
            .await?;
        Ok(result.rows_affected)
    }

    /// A program's pairs, oldest first.
    pub async fn pairs(&self, program: ProgramId, page: PageRequest) -> Result<Page<PairRecord>, StoreError> {
        let mut query = pair::Entity::find()
            .filter(pair::Column::TenantId.eq(self.tid()))
            .filter(pair::Column::ProgramId.eq(program.as_uuid()))
            .order_by_asc(pair::Column::Id)
            .limit(page.limit + 1);
        if let Some(after) = page.after {
            query = query.filter(pair::Column::Id.gt(after));
        }
        let rows = query.all(&self.tx).await?.into_iter().map(pair_record).collect::<Result<Vec<_>, _>>()?;
        Ok(Page::from_overfetch(rows, page.limit, |p| p.id.as_uuid()))
    }

    /// A program's locks and forbids, oldest first.
    pub async fn matching_edits(&self, program: ProgramId) -> Result<Vec<MatchingEditRecord>, StoreError> {
        matching_edit::Entity::find()
            .filter(matching_edit::Column::TenantId.eq(self.tid()))
            .filter(matching_edit::Column::ProgramId.eq(program.as_uuid()))
            .order_by_asc(matching_edit::Column::Id)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(edit_record)
            .collect()
    }

    /// Locks or forbids a pair of a program, replacing any earlier decision on that pair.
    pub async fn set_matching_edit(
        &self,
        program: ProgramId,
        kind: EditKind,
        mentor: PersonId,
        mentee: PersonId,
    ) -> Result<MatchingEditRecord, StoreError> {
        // One decision per pair, in either order (mutual programs name a pair either way).
        let pair = |a: PersonId, b: PersonId| {
            Condition::all()
                .add(matching_edit::Column::MentorId.eq(a.as_uuid()))
                .add(matching_edit::Column::MenteeId.eq(b.as_uuid()))
        };
        matching_edit::Entity::delete_many()
            .filter(matching_edit::Column::TenantId.eq(self.tid()))
            .filter(matching_edit::Column::ProgramId.eq(program.as_uuid()))
            .filter(Condition::any().add(pair(mentor, mentee)).add(pair(mentee, mentor)))
            .exec(&self.tx)
            .await?;
        let model = matching_edit::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(MatchingEditId::new().as_uuid()),
            program_id: Set(program.as_uuid()),
            kind: Set(kind.as_str().to_owned()),
            mentor_id: Set(mentor.as_uuid()),
            mentee_id: Set(mentee.as_uuid()),
            created_at: Set(Utc::now()),
        }
        .insert(&self.tx)
        .await?;
        edit_record(model)
    }

    pub async fn delete_matching_edit(&self, program: ProgramId, id: MatchingEditId) -> Result<(), StoreError> {
        let result = matching_edit::Entity::delete_many()
            .filter(matching_edit::Column::TenantId.eq(self.tid()))
            .filter(matching_edit::Column::ProgramId.eq(program.as_uuid()))
            .filter(matching_edit::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    /// The people accepted into a program (through any of its campaigns), with the role they
    /// applied for and their form, oldest application first; one application per person.
    pub async fn accepted_applications(
        &self,
        program: ProgramId,
    ) -> Result<Vec<(PersonId, String, Value)>, StoreError> {
        let rows: Vec<(Uuid, String, Value)> = application::Entity::find()
            .select_only()
            .column(application::Column::PersonId)
            .column(application::Column::RoleWanted)
            .column(application::Column::Form)
            .filter(application::Column::TenantId.eq(self.tid()))
            .filter(application::Column::ProgramId.eq(program.as_uuid()))
            .filter(application::Column::Status.eq(ApplicationStatus::Accepted.as_str()))
            .order_by_asc(application::Column::Id)
            .into_tuple()
            .all(&self.tx)
            .await?;
        let mut seen = std::collections::HashSet::new();
        Ok(rows
            .into_iter()
            .filter(|(person, _, _)| seen.insert(*person))
            .map(|(person, role, form)| (PersonId::from_uuid(person), role, form))
            .collect())
    }

    /// Everyone's manager, for reporting lines: (person, manager).
    pub async fn reporting_lines(&self) -> Result<Vec<(PersonId, PersonId)>, StoreError> {
        let rows: Vec<(Uuid, Option<Uuid>)> = person::Entity::find()
            .select_only()
            .column(person::Column::Id)
            .column(person::Column::ManagerId)
            .filter(person::Column::TenantId.eq(self.tid()))
            .filter(person::Column::ManagerId.is_not_null())
            .into_tuple()
            .all(&self.tx)
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(person, manager)| Some((PersonId::from_uuid(person), PersonId::from_uuid(manager?))))
            .collect())
    }
}

fn run_record(m: matching_run::Model) -> Result<MatchingRunRecord, StoreError> {
    let count = |n: Option<i32>| n.map(|n| u32::try_from(n).unwrap_or(0));
    Ok(MatchingRunRecord {
        id: MatchingRunId::from_uuid(m.id),
        program_id: ProgramId::from_uuid(m.program_id),
        mode: m.mode.parse().map_err(corrupt)?,
        settings: m.settings,
        state: m.state.parse().map_err(corrupt)?,
        progress: u8::try_from(m.progress).unwrap_or(0),
        error: m.error,
        total: m.total,
        pairs: count(m.pairs),
        unmatched: count(m.unmatched),
        proven_optimal: m.proven_optimal,
        blocking_pairs: count(m.blocking_pairs),
        result: m.result,
        created_at: m.created_at,
        finished_at: m.finished_at,
        published_at: m.published_at,
    })
}

fn proposal_record(m: matching_proposal::Model) -> ProposalRecord {
    ProposalRecord {
        id: ProposalId::from_uuid(m.id),
        run_id: MatchingRunId::from_uuid(m.run_id),
        mentor: PersonId::from_uuid(m.mentor_id),
        mentee: PersonId::from_uuid(m.mentee_id),
        score: m.score,
        parts: m.parts,
        locked: m.locked,
    }
}

fn edit_record(m: matching_edit::Model) -> Result<MatchingEditRecord, StoreError> {
    Ok(MatchingEditRecord {
        id: MatchingEditId::from_uuid(m.id),
        program_id: ProgramId::from_uuid(m.program_id),
        kind: m.kind.parse().map_err(corrupt)?,
        mentor: PersonId::from_uuid(m.mentor_id),
        mentee: PersonId::from_uuid(m.mentee_id),
        created_at: m.created_at,
    })
}

pub(crate) fn pair_record(m: pair::Model) -> Result<PairRecord, StoreError> {
    Ok(PairRecord {
        id: PairId::from_uuid(m.id),
        program_id: ProgramId::from_uuid(m.program_id),
        run_id: MatchingRunId::from_uuid(m.run_id),
        mentor: PersonId::from_uuid(m.mentor_id),
        mentee: PersonId::from_uuid(m.mentee_id),
        score: m.score,
        parts: m.parts,
        state: m.state.parse().map_err(corrupt)?,
        created_at: m.created_at,
        ended_at: m.ended_at,
        paused_reason: m.paused_reason,
    })
}
