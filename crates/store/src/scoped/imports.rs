//! The column and grade mapping a tenant's admin chose for their HR export, kept for the next
//! import of the same kind of file.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{EntityTrait, Set};

use super::TenantTx;
use crate::entities::import_mapping;
use crate::error::{StoreError, corrupt};
use crate::records::ImportMapping;

impl TenantTx {
    /// The saved mapping; empty when none was saved.
    pub async fn import_mapping(&self) -> Result<ImportMapping, StoreError> {
        let Some(model) = import_mapping::Entity::find_by_id(self.tid()).one(&self.tx).await? else {
            return Ok(ImportMapping::default());
        };
        Ok(ImportMapping {
            columns: serde_json::from_value(model.columns).map_err(corrupt)?,
            grades: serde_json::from_value(model.grades).map_err(corrupt)?,
        })
    }

    /// Saves the mapping, replacing the one saved before.
    pub async fn save_import_mapping(&self, mapping: &ImportMapping) -> Result<(), StoreError> {
        let model = import_mapping::ActiveModel {
            tenant_id: Set(self.tid()),
            columns: Set(serde_json::to_value(&mapping.columns).map_err(corrupt)?),
            grades: Set(serde_json::to_value(&mapping.grades).map_err(corrupt)?),
            updated_at: Set(Utc::now()),
        };
        import_mapping::Entity::insert(model)
            .on_conflict(
                OnConflict::column(import_mapping::Column::TenantId)
                    .update_columns([
                        import_mapping::Column::Columns,
                        import_mapping::Column::Grades,
                        import_mapping::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&self.tx)
            .await?;
        Ok(())
    }
}
