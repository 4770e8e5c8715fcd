//! Partners' API keys. Only a hash of each secret is stored; the prefix is what lists show.

use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use tandem_domain::{ApiKeyId, ApiScope, UserId};

use super::TenantTx;
use super::team::found;
use crate::entities::api_key;
use crate::error::{StoreError, corrupt};
use crate::page::{Page, PageRequest};
use crate::records::{ApiKey, NewApiKey};

/// How stale `last_used_at` may get before a request writes it again.
const LAST_USED_RESOLUTION: Duration = Duration::minutes(1);

impl TenantTx {
    pub async fn create_api_key(&self, new: NewApiKey) -> Result<ApiKey, StoreError> {
        let scopes = new.scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",");
        let model = api_key::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(new.id.as_uuid()),
            name: Set(new.name),
            prefix: Set(new.prefix),
            secret_hash: Set(new.secret_hash),
            scopes: Set(scopes),
            created_by: Set(new.created_by.map(|u| u.as_uuid())),
            created_at: Set(Utc::now()),
            last_used_at: Set(None),
            revoked_at: Set(None),
        }
        .insert(&self.tx)
        .await?;
        api_key_record(model)
    }

    /// Keys newest first, revoked ones included (they show when they were revoked).
    pub async fn api_keys(&self, page: PageRequest) -> Result<Page<ApiKey>, StoreError> {
        let mut query = api_key::Entity::find()
            .filter(api_key::Column::TenantId.eq(self.tid()))
            .order_by_desc(api_key::Column::Id)
            .limit(page.limit + 1);
        if let Some(after) = page.after {
            query = query.filter(api_key::Column::Id.lt(after));
        }
        let rows = query.all(&self.tx).await?.into_iter().map(api_key_record).collect::<Result<Vec<_>, _>>()?;
        Ok(Page::from_overfetch(rows, page.limit, |k| k.id.as_uuid()))
    }

    /// The unrevoked key with this secret hash. It only reads: a request that finds the key
    /// [`ApiKey::needs_marking`] marks it with [`TenantTx::mark_api_key_used`].
    pub async fn authenticate_api_key(&self, secret_hash: &str) -> Result<Option<ApiKey>, StoreError> {
        let model = api_key::Entity::find()
            .filter(api_key::Column::TenantId.eq(self.tid()))
            .filter(api_key::Column::SecretHash.eq(secret_hash))
            .filter(api_key::Column::RevokedAt.is_null())
            .one(&self.tx)
            .await?;
        model.map(api_key_record).transpose()
    }

    /// Records that a key was used now, unless another request just did.
    pub async fn mark_api_key_used(&self, id: ApiKeyId) -> Result<(), StoreError> {
        let now = Utc::now();
        api_key::Entity::update_many()
            .col_expr(api_key::Column::LastUsedAt, now.into())
            .filter(api_key::Column::TenantId.eq(self.tid()))
            .filter(api_key::Column::Id.eq(id.as_uuid()))
            .filter(
                Condition::any()
                    .add(api_key::Column::LastUsedAt.is_null())
                    .add(api_key::Column::LastUsedAt.lt(now - LAST_USED_RESOLUTION)),
            )
            .exec(&self.tx)
            .await?;
        Ok(())
    }

    /// Revokes a key; revoking a revoked key is a no-op that still finds it.
    pub async fn revoke_api_key(&self, id: ApiKeyId) -> Result<ApiKey, StoreError> {
        let model =
            api_key::Entity::find_by_id((self.tid(), id.as_uuid())).one(&self.tx).await?.ok_or(StoreError::NotFound)?;
        if model.revoked_at.is_some() {
            return api_key_record(model);
        }
        let result = api_key::Entity::update_many()
            .col_expr(api_key::Column::RevokedAt, Utc::now().into())
            .filter(api_key::Column::TenantId.eq(self.tid()))
            .filter(api_key::Column::Id.eq(id.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)?;
        let model =
            api_key::Entity::find_by_id((self.tid(), id.as_uuid())).one(&self.tx).await?.ok_or(StoreError::NotFound)?;
        api_key_record(model)
    }
}

fn api_key_record(model: api_key::Model) -> Result<ApiKey, StoreError> {
    let scopes = model
        .scopes
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::parse::<ApiScope>)
        .collect::<Result<Vec<_>, _>>()
        .map_err(corrupt)?;
    Ok(ApiKey {
        id: ApiKeyId::from_uuid(model.id),
        name: model.name,
        prefix: model.prefix,
        scopes,
        created_by: model.created_by.map(UserId::from_uuid),
        created_at: model.created_at,
        last_used_at: model.last_used_at,
        revoked_at: model.revoked_at,
    })
}

impl ApiKey {
    /// Whether `last_used_at` is older than its resolution: a read through a key should not
    /// cost a write every time.
    pub fn needs_marking(&self) -> bool {
        self.last_used_at.is_none_or(|at| at < Utc::now() - LAST_USED_RESOLUTION)
    }
}
