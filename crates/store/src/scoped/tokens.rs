//! Refresh tokens: each login starts a family; each refresh uses one token and issues the
//! next. A used token presented again means it leaked, and the whole family is revoked.

use chrono::Utc;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use tandem_domain::{RefreshTokenId, Role, TokenFamilyId, UserId};

use super::TenantTx;
use super::team::found;
use crate::entities::{membership, refresh_token};
use crate::error::{StoreError, corrupt};
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

    /// A console user's role in this tenant and whether their login `family` is still signed in
    /// (not signed out, not revoked for reuse, not expired: access tokens carry their family, so
    /// signing out ends them too), in one query, as every request asks; `None` when they are no
    /// longer a member.
    pub async fn signed_in_role(
        &self,
        user: UserId,
        family: TokenFamilyId,
    ) -> Result<Option<(Role, bool)>, StoreError> {
        let alive = Query::select()
            .expr(Expr::val(1))
            .from(refresh_token::Entity)
            .and_where(refresh_token::Column::TenantId.eq(self.tid()))
            .and_where(refresh_token::Column::FamilyId.eq(family.as_uuid()))
            .and_where(refresh_token::Column::UserId.eq(user.as_uuid()))
            .and_where(refresh_token::Column::RevokedAt.is_null())
            .and_where(refresh_token::Column::ExpiresAt.gt(Utc::now()))
            .to_owned();
        let row: Option<(String, bool)> = membership::Entity::find_by_id((self.tid(), user.as_uuid()))
            .select_only()
            .column(membership::Column::Role)
            .expr(Expr::exists(alive))
            .into_tuple()
            .one(&self.tx)
            .await?;
        row.map(|(role, alive)| Ok((role.parse().map_err(corrupt)?, alive))).transpose()
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
