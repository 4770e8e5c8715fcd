//! [`TenantTx`]: one transaction, one tenant. Every query here filters by `self.tenant` and
//! every insert writes it; there is no method that takes a tenant id from its caller.

mod audit;
mod keys;
mod mail;
mod people;
mod programs;
mod recruitment;
mod team;
mod tokens;

pub(crate) use team::found;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait, Set};
use tandem_domain::{Locale, TenantId};
use uuid::Uuid;

use crate::entities::tenant;
use crate::error::{StoreError, corrupt};
use crate::records::Tenant;

pub struct TenantTx {
    pub(crate) tx: DatabaseTransaction,
    tenant: TenantId,
}

impl TenantTx {
    pub(crate) fn new(tx: DatabaseTransaction, tenant: TenantId) -> Self {
        Self { tx, tenant }
    }

    pub fn tenant_id(&self) -> TenantId {
        self.tenant
    }

    pub(crate) fn tid(&self) -> Uuid {
        self.tenant.as_uuid()
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        Ok(self.tx.commit().await?)
    }

    /// Creates this transaction's tenant (sign-up). The id is the one the handle was opened for.
    pub async fn create_tenant(&self, name: &str, locale: Locale) -> Result<Tenant, StoreError> {
        let model = tenant::ActiveModel {
            id: Set(self.tid()),
            name: Set(name.to_owned()),
            locale: Set(locale.as_str().to_owned()),
            created_at: Set(Utc::now()),
            sensitive_attributes_enabled: Set(false),
        }
        .insert(&self.tx)
        .await?;
        tenant_record(model)
    }

    pub async fn tenant(&self) -> Result<Tenant, StoreError> {
        let model = tenant::Entity::find_by_id(self.tid()).one(&self.tx).await?.ok_or(StoreError::NotFound)?;
        tenant_record(model)
    }
}

fn tenant_record(model: tenant::Model) -> Result<Tenant, StoreError> {
    Ok(Tenant {
        id: TenantId::from_uuid(model.id),
        name: model.name,
        locale: model.locale.parse().map_err(corrupt)?,
        created_at: model.created_at,
        sensitive_attributes_enabled: model.sensitive_attributes_enabled,
    })
}
