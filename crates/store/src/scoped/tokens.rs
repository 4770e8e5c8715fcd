//! Refresh tokens: each login starts a family; each refresh uses one token and issues the
//! next. A used token presented again means it leaked, and the whole family is revoked.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use tandem_domain::{RefreshTokenId, TokenFamilyId, UserId};

use super::TenantTx;
use super::team::found;
use crate::entities::refresh_token;
use crate::error::StoreError;
use crate::records::{NewRefreshToken, RefreshToken};

impl TenantTx {
    pub async fn insert_refresh_token(&self, new: NewRefreshToken) -> Result<RefreshTokenId, StoreError> {
        let id = RefreshTokenId::new();
        refresh_token::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(id.as_uuid()),
            user_id: Set(new.user_id.as_uuid()),
            family_id: Set(new.family_id.as_uuid()),
            token_hash: Set(new.token_hash),
            expires_at: Set(new.expires_at),
            used_at: Set(None),
            revoked_at: Set(None),
            created_at: Set(Utc::now()),
        }
        .insert(&self.tx)
        .await?;
        Ok(id)
    }

    pub async fn refresh_token_by_hash(&self, token_hash: &str) -> Result<Option<RefreshToken>, StoreError> {
        let model = refresh_token::Entity::find()
            .filter(refresh_token::Column::TenantId.eq(self.tid()))
            .filter(refresh_token::Column::TokenHash.eq(token_hash))
            .one(&self.tx)
            .await?;
        Ok(model.map(|m| RefreshToken {
            id: RefreshTokenId::from_uuid(m.id),
            user_id: UserId::from_uuid(m.user_id),
            family_id: TokenFamilyId::from_uuid(m.family_id),
            expires_at: m.expires_at,
            used_at: m.used_at,
            revoked_at: m.revoked_at,
        }))
    }

    /// Marks a token used. Only one of two concurrent refreshes with the same token wins;
    /// the other gets `NotFound` and is treated as reuse.
    pub async fn use_refresh_token(&self, id: RefreshTokenId) -> Result<(), StoreError> {
        let result = refresh_token::Entity::update_many()
            .col_expr(refresh_token::Column::UsedAt, Utc::now().into())
            .filter(refresh_token::Column::TenantId.eq(self.tid()))
            .filter(refresh_token::Column::Id.eq(id.as_uuid()))
            .filter(refresh_token::Column::UsedAt.is_null())
            .filter(refresh_token::Column::RevokedAt.is_null())
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    pub async fn revoke_token_family(&self, family: TokenFamilyId) -> Result<(), StoreError> {
        refresh_token::Entity::update_many()
            .col_expr(refresh_token::Column::RevokedAt, Utc::now().into())
            .filter(refresh_token::Column::TenantId.eq(self.tid()))
            .filter(refresh_token::Column::FamilyId.eq(family.as_uuid()))
            .filter(refresh_token::Column::RevokedAt.is_null())
            .exec(&self.tx)
            .await?;
        Ok(())
    }

    /// Whether the login `family` of `user` is still signed in: not signed out, not revoked
    /// for reuse, not expired. Access tokens carry their family, so signing out ends them too.
    pub async fn session_alive(&self, user: UserId, family: TokenFamilyId) -> Result<bool, StoreError> {
        let alive = refresh_token::Entity::find()
            .filter(refresh_token::Column::TenantId.eq(self.tid()))
            .filter(refresh_token::Column::FamilyId.eq(family.as_uuid()))
            .filter(refresh_token::Column::UserId.eq(user.as_uuid()))
            .filter(refresh_token::Column::RevokedAt.is_null())
            .filter(refresh_token::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.tx)
            .await?;
        Ok(alive.is_some())
    }

    /// Deletes this tenant's expired refresh tokens (they can no longer be used or reused).
    pub async fn purge_expired_refresh_tokens(&self) -> Result<u64, StoreError> {
        let result = refresh_token::Entity::delete_many()
            .filter(refresh_token::Column::TenantId.eq(self.tid()))
            .filter(refresh_token::Column::ExpiresAt.lt(Utc::now()))
            .exec(&self.tx)
            .await?;
        Ok(result.rows_affected)
    }
}
