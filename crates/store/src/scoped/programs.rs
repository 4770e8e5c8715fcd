//! Programs and their lifecycle state.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use tandem_domain::ProgramId;
use tandem_domain::programs::{ProgramDesign, ProgramState};

use super::TenantTx;
use super::team::found;
use crate::entities::program;
use crate::error::{StoreError, corrupt};
use crate::page::{Page, PageRequest};
use crate::records::ProgramRecord;

impl TenantTx {
    pub async fn create_program(&self, design: &ProgramDesign) -> Result<ProgramRecord, StoreError> {
        let now = Utc::now();
        let model = program::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(ProgramId::new().as_uuid()),
            name: Set(design.name.trim().to_owned()),
            kind: Set(design.kind.as_str().to_owned()),
            state: Set(ProgramState::Draft.as_str().to_owned()),
            design: Set(serde_json::to_value(design).map_err(corrupt)?),
            nudges_paused: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.tx)
        .await?;
        program_record(model)
    }

    pub async fn program(&self, id: ProgramId) -> Result<ProgramRecord, StoreError> {
        let model =
            program::Entity::find_by_id((self.tid(), id.as_uuid())).one(&self.tx).await?.ok_or(StoreError::NotFound)?;
        program_record(model)
    }

    /// Programs newest first, optionally in one state.
    pub async fn programs(
        &self,
        state: Option<ProgramState>,
        page: PageRequest,
    ) -> Result<Page<ProgramRecord>, StoreError> {
        let mut query = program::Entity::find()
            .filter(program::Column::TenantId.eq(self.tid()))
            .order_by_desc(program::Column::Id)
            .limit(page.limit + 1);
        if let Some(state) = state {
            query = query.filter(program::Column::State.eq(state.as_str()));
        }
        if let Some(after) = page.after {
            query = query.filter(program::Column::Id.lt(after));
        }
        let rows = query.all(&self.tx).await?.into_iter().map(program_record).collect::<Result<Vec<_>, _>>()?;
        Ok(Page::from_overfetch(rows, page.limit, |p| p.id.as_uuid()))
    }

    pub async fn replace_program_design(&self, id: ProgramId, design: &ProgramDesign) -> Result<(), StoreError> {
        let result = program::Entity::update_many()
            .col_expr(program::Column::Name, design.name.trim().into())
            .col_expr(program::Column::Kind, design.kind.as_str().into())
            .col_expr(program::Column::Design, serde_json::to_value(design).map_err(corrupt)?.into())
            .col_expr(program::Column::UpdatedAt, Utc::now().into())
            .filter(program::Column::TenantId.eq(self.tid()))
            .filter(program::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    /// Moves a program from `from` to `to`; `NotFound` when it is no longer in `from`.
    pub async fn set_program_state(
        &self,
        id: ProgramId,
        from: ProgramState,
        to: ProgramState,
    ) -> Result<(), StoreError> {
        let result = program::Entity::update_many()
            .col_expr(program::Column::State, to.as_str().into())
            .col_expr(program::Column::UpdatedAt, Utc::now().into())
            .filter(program::Column::TenantId.eq(self.tid()))
            .filter(program::Column::Id.eq(id.as_uuid()))
            .filter(program::Column::State.eq(from.as_str()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    pub async fn delete_program(&self, id: ProgramId) -> Result<(), StoreError> {
        let result = program::Entity::delete_many()
            .filter(program::Column::TenantId.eq(self.tid()))
            .filter(program::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }
}

fn program_record(m: program::Model) -> Result<ProgramRecord, StoreError> {
    Ok(ProgramRecord {
        id: ProgramId::from_uuid(m.id),
        state: m.state.parse().map_err(corrupt)?,
        design: serde_json::from_value(m.design).map_err(corrupt)?,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}
