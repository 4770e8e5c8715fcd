//! Sign-ups and password resets. These rows belong to an address or an account, not to a
//! tenant; they are written inside a tenant's transaction (the product's own,
//! [`tandem_domain::TenantId::PLATFORM`], or the new company's) so that they commit together
//! with the job or the tenant that follows from them.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use tandem_domain::{PasswordResetId, SignupId, UserId};

use super::TenantTx;
use crate::entities::{password_reset, refresh_token, signup, user};
use crate::error::{StoreError, corrupt};
use crate::global::user_record;
use crate::records::{NewSignup, PasswordReset, Signup, User};

impl TenantTx {
    pub async fn create_signup(&self, new: NewSignup) -> Result<(), StoreError> {
        signup::ActiveModel {
            id: Set(new.id.as_uuid()),
            email: Set(new.email),
            company_name: Set(new.company_name),
            owner_name: Set(new.owner_name),
            password_hash: Set(new.password_hash),
            locale: Set(new.locale.as_str().to_owned()),
            token_hash: Set(new.token_hash),
            created_at: Set(Utc::now()),
            expires_at: Set(new.expires_at),
        }
        .insert(&self.tx)
        .await?;
        Ok(())
    }

    pub async fn signup(&self, id: SignupId) -> Result<Option<Signup>, StoreError> {
        signup::Entity::find_by_id(id.as_uuid()).one(&self.tx).await?.map(signup_record).transpose()
    }

    pub async fn signup_by_token(&self, token_hash: &str) -> Result<Option<Signup>, StoreError> {
        let model = signup::Entity::find().filter(signup::Column::TokenHash.eq(token_hash)).one(&self.tx).await?;
        model.map(signup_record).transpose()
    }

    /// Deletes the sign-up `id`; `false` when it was gone already (its link used twice at once).
    pub async fn take_signup(&self, id: SignupId) -> Result<bool, StoreError> {
        let result = signup::Entity::delete_by_id(id.as_uuid()).exec(&self.tx).await?;
        Ok(result.rows_affected == 1)
    }

    pub async fn user(&self, id: UserId) -> Result<User, StoreError> {
        let model = user::Entity::find_by_id(id.as_uuid()).one(&self.tx).await?.ok_or(StoreError::NotFound)?;
        user_record(model)
    }

    /// Forgets every sign-up waiting for `email` (its link is used, or it has an account).
    pub async fn delete_signups_of(&self, email: &str) -> Result<(), StoreError> {
        signup::Entity::delete_many().filter(signup::Column::Email.eq(email)).exec(&self.tx).await?;
        Ok(())
    }

    pub async fn create_password_reset(
        &self,
        id: PasswordResetId,
        user: UserId,
        token_hash: String,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        password_reset::ActiveModel {
            id: Set(id.as_uuid()),
            user_id: Set(user.as_uuid()),
            token_hash: Set(token_hash),
            created_at: Set(Utc::now()),
            expires_at: Set(expires_at),
            used_at: Set(None),
        }
        .insert(&self.tx)
        .await?;
        Ok(())
    }

    pub async fn password_reset_by_token(&self, token_hash: &str) -> Result<Option<PasswordReset>, StoreError> {
        let model = password_reset::Entity::find()
            .filter(password_reset::Column::TokenHash.eq(token_hash))
            .one(&self.tx)
            .await?;
        Ok(model.map(|m| PasswordReset {
            id: PasswordResetId::from_uuid(m.id),
            user_id: UserId::from_uuid(m.user_id),
            expires_at: m.expires_at,
            used_at: m.used_at,
        }))
    }

    /// Uses every open reset link of `reset`'s account; `false` when `reset` was used already
    /// (by a concurrent request).
    pub async fn use_password_reset(&self, reset: &PasswordReset) -> Result<bool, StoreError> {
        let now = Utc::now();
        let mine = password_reset::Entity::update_many()
            .col_expr(password_reset::Column::UsedAt, now.into())
            .filter(password_reset::Column::Id.eq(reset.id.as_uuid()))
            .filter(password_reset::Column::UsedAt.is_null())
            .exec(&self.tx)
            .await?;
        password_reset::Entity::update_many()
            .col_expr(password_reset::Column::UsedAt, now.into())
            .filter(password_reset::Column::UserId.eq(reset.user_id.as_uuid()))
            .filter(password_reset::Column::UsedAt.is_null())
            .exec(&self.tx)
            .await?;
        Ok(mine.rows_affected == 1)
    }

    pub async fn set_password(&self, user: UserId, password_hash: String) -> Result<(), StoreError> {
        user::Entity::update_many()
            .col_expr(user::Column::PasswordHash, password_hash.into())
            .filter(user::Column::Id.eq(user.as_uuid()))
            .exec(&self.tx)
            .await?;
        Ok(())
    }

    /// Ends every login of `user` in this tenant.
    pub async fn revoke_sessions_of(&self, user: UserId) -> Result<(), StoreError> {
        refresh_token::Entity::update_many()
            .col_expr(refresh_token::Column::RevokedAt, Utc::now().into())
            .filter(refresh_token::Column::TenantId.eq(self.tid()))
            .filter(refresh_token::Column::UserId.eq(user.as_uuid()))
            .filter(refresh_token::Column::RevokedAt.is_null())
            .exec(&self.tx)
            .await?;
        Ok(())
    }
}

fn signup_record(m: signup::Model) -> Result<Signup, StoreError> {
    Ok(Signup {
        id: SignupId::from_uuid(m.id),
        email: m.email,
        company_name: m.company_name,
        owner_name: m.owner_name,
        password_hash: m.password_hash,
        locale: m.locale.parse().map_err(corrupt)?,
        expires_at: m.expires_at,
    })
}
