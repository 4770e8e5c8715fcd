//! Pages of a program's rows for CSV exports: each page after the last id of the one before, so
//! an export streams in pages of bounded size however large the program.

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tandem_domain::ProgramId;
use uuid::Uuid;

use super::TenantTx;
use super::feedback::check_in_record;
use super::matching::pair_record;
use super::tracking::{learning_record, session_record};
use crate::entities::{check_in, learning_entry, pair, pair_session};
use crate::error::StoreError;
use crate::records::{CheckInRecord, LearningEntryRecord, PairRecord, PairSessionRecord};

impl TenantTx {
    fn program_pairs(&self, program: ProgramId) -> sea_orm::sea_query::SelectStatement {
        Query::select()
            .column(pair::Column::Id)
            .from(pair::Entity)
            .and_where(pair::Column::TenantId.eq(self.tid()))
            .and_where(pair::Column::ProgramId.eq(program.as_uuid()))
            .to_owned()
    }

    /// A program's pairs, in any state, by id after `after`.
    pub async fn pairs_page(
        &self,
        program: ProgramId,
        after: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<PairRecord>, StoreError> {
        let mut query = pair::Entity::find()
            .filter(pair::Column::TenantId.eq(self.tid()))
            .filter(pair::Column::ProgramId.eq(program.as_uuid()));
        if let Some(after) = after {
            query = query.filter(pair::Column::Id.gt(after));
        }
        query.order_by_asc(pair::Column::Id).limit(limit).all(&self.tx).await?.into_iter().map(pair_record).collect()
    }

    /// The sessions of a program's pairs, by id after `after`.
    pub async fn sessions_page(
        &self,
        program: ProgramId,
        after: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<PairSessionRecord>, StoreError> {
        let mut query = pair_session::Entity::find()
            .filter(pair_session::Column::TenantId.eq(self.tid()))
            .filter(pair_session::Column::PairId.in_subquery(self.program_pairs(program)));
        if let Some(after) = after {
            query = query.filter(pair_session::Column::Id.gt(after));
        }
        query
            .order_by_asc(pair_session::Column::Id)
            .limit(limit)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(session_record)
            .collect()
    }

    /// The learning entries of a program's pairs, by id after `after`.
    pub async fn learning_page(
        &self,
        program: ProgramId,
        after: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<LearningEntryRecord>, StoreError> {
        let mut query = learning_entry::Entity::find()
            .filter(learning_entry::Column::TenantId.eq(self.tid()))
            .filter(learning_entry::Column::PairId.in_subquery(self.program_pairs(program)));
        if let Some(after) = after {
            query = query.filter(learning_entry::Column::Id.gt(after));
        }
        query
            .order_by_asc(learning_entry::Column::Id)
            .limit(limit)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(learning_record)
            .collect()
    }

    /// A program's check-ins, by id after `after`.
    pub async fn check_ins_page(
        &self,
        program: ProgramId,
        after: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<CheckInRecord>, StoreError> {
        let mut query = check_in::Entity::find()
            .filter(check_in::Column::TenantId.eq(self.tid()))
            .filter(check_in::Column::ProgramId.eq(program.as_uuid()));
        if let Some(after) = after {
            query = query.filter(check_in::Column::Id.gt(after));
        }
        query
            .order_by_asc(check_in::Column::Id)
            .limit(limit)
            .all(&self.tx)
            .await?
            .into_iter()
            .map(check_in_record)
            .collect()
    }
}
