//! Users, memberships and invitations.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use tandem_domain::{InvitationId, Locale, Role, UserId};

use super::TenantTx;
use crate::entities::{invitation, membership, user};
use crate::error::{StoreError, corrupt};
use crate::global::user_record;
use crate::page::{Page, PageRequest};
use crate::records::{Invitation, Member, NewInvitation, NewUser, User};

impl TenantTx {
    /// Console users are global (one person, many tenants); creating one is part of joining.
    pub async fn create_user(&self, new: NewUser) -> Result<User, StoreError> {
        let model = user::ActiveModel {
            id: Set(UserId::new().as_uuid()),
            email: Set(new.email),
            name: Set(new.name),
            password_hash: Set(new.password_hash),
            locale: Set(new.locale.as_str().to_owned()),
            created_at: Set(Utc::now()),
        }
        .insert(&self.tx)
        .await
        .map_err(|e| StoreError::conflict_on_unique(e, "email"))?;
        user_record(model)
    }

    /// A member's own language (users are global: it holds in every tenant they belong to).
    pub async fn set_user_locale(&self, user: UserId, locale: Locale) -> Result<(), StoreError> {
        self.member(user).await?;
        user::Entity::update_many()
            .col_expr(user::Column::Locale, sea_orm::sea_query::Expr::value(locale.as_str()))
            .filter(user::Column::Id.eq(user.as_uuid()))
            .exec(&self.tx)
            .await?;
        Ok(())
    }

    pub async fn find_user_by_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        let model = user::Entity::find().filter(user::Column::Email.eq(email)).one(&self.tx).await?;
        model.map(user_record).transpose()
    }

    pub async fn add_member(&self, user: UserId, role: Role) -> Result<(), StoreError> {
        membership::ActiveModel {
            tenant_id: Set(self.tid()),
            user_id: Set(user.as_uuid()),
            role: Set(role.as_str().to_owned()),
            created_at: Set(Utc::now()),
        }
        .insert(&self.tx)
        .await
        .map_err(|e| StoreError::conflict_on_unique(e, "member"))?;
        Ok(())
    }

    pub async fn member(&self, user: UserId) -> Result<Member, StoreError> {
        let membership = membership::Entity::find_by_id((self.tid(), user.as_uuid()))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let user = user::Entity::find_by_id(membership.user_id).one(&self.tx).await?.ok_or(StoreError::NotFound)?;
        member_record(membership, user)
    }

    /// Members ordered by user id (time of account creation).
    pub async fn members(&self, page: PageRequest) -> Result<Page<Member>, StoreError> {
        let mut query = membership::Entity::find()
            .filter(membership::Column::TenantId.eq(self.tid()))
            .order_by_asc(membership::Column::UserId)
            .limit(page.limit + 1);
        if let Some(after) = page.after {
            query = query.filter(membership::Column::UserId.gt(after));
        }
        let memberships = query.all(&self.tx).await?;
        let ids: Vec<_> = memberships.iter().map(|m| m.user_id).collect();
        let mut users = user::Entity::find().filter(user::Column::Id.is_in(ids)).all(&self.tx).await?;
        let mut members = Vec::with_capacity(memberships.len());
        for membership in memberships {
            let position = users
                .iter()
                .position(|u| u.id == membership.user_id)
                .ok_or_else(|| corrupt("membership without its user"))?;
            members.push(member_record(membership, users.swap_remove(position))?);
        }
        Ok(Page::from_overfetch(members, page.limit, |m| m.user_id.as_uuid()))
    }

    pub async fn count_owners(&self) -> Result<usize, StoreError> {
        let count = membership::Entity::find()
            .filter(membership::Column::TenantId.eq(self.tid()))
            .filter(membership::Column::Role.eq(Role::Owner.as_str()))
            .count(&self.tx)
            .await?;
        usize::try_from(count).map_err(corrupt)
    }

    pub async fn set_role(&self, user: UserId, role: Role) -> Result<(), StoreError> {
        let result = membership::Entity::update_many()
            .col_expr(membership::Column::Role, role.as_str().into())
            .filter(membership::Column::TenantId.eq(self.tid()))
            .filter(membership::Column::UserId.eq(user.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    /// Removes a member; their refresh tokens go with the membership (foreign key cascade).
    pub async fn remove_member(&self, user: UserId) -> Result<(), StoreError> {
        let result = membership::Entity::delete_many()
            .filter(membership::Column::TenantId.eq(self.tid()))
            .filter(membership::Column::UserId.eq(user.as_uuid()))
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    pub async fn create_invitation(&self, new: NewInvitation) -> Result<Invitation, StoreError> {
        let model = invitation::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(InvitationId::new().as_uuid()),
            email: Set(new.email),
            role: Set(new.role.as_str().to_owned()),
            token_hash: Set(new.token_hash),
            invited_by: Set(new.invited_by.as_uuid()),
            expires_at: Set(new.expires_at),
            accepted_at: Set(None),
            created_at: Set(Utc::now()),
        }
        .insert(&self.tx)
        .await?;
        invitation_record(model)
    }

    /// Invitations not yet accepted, oldest first (expired ones included, so they can be seen
    /// and re-sent).
    pub async fn pending_invitations(&self, page: PageRequest) -> Result<Page<Invitation>, StoreError> {
        let mut query = invitation::Entity::find()
            .filter(invitation::Column::TenantId.eq(self.tid()))
            .filter(invitation::Column::AcceptedAt.is_null())
            .order_by_asc(invitation::Column::Id)
            .limit(page.limit + 1);
        if let Some(after) = page.after {
            query = query.filter(invitation::Column::Id.gt(after));
        }
        let rows = query.all(&self.tx).await?.into_iter().map(invitation_record).collect::<Result<Vec<_>, _>>()?;
        Ok(Page::from_overfetch(rows, page.limit, |i| i.id.as_uuid()))
    }

    /// The invitation a token belongs to, whether or not it is still usable.
    pub async fn invitation_by_token(&self, token_hash: &str) -> Result<Invitation, StoreError> {
        let model = invitation::Entity::find()
            .filter(invitation::Column::TenantId.eq(self.tid()))
            .filter(invitation::Column::TokenHash.eq(token_hash))
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        invitation_record(model)
    }

    /// A pending invitation by id.
    pub async fn pending_invitation(&self, id: InvitationId) -> Result<Invitation, StoreError> {
        let model = invitation::Entity::find()
            .filter(invitation::Column::TenantId.eq(self.tid()))
            .filter(invitation::Column::Id.eq(id.as_uuid()))
            .filter(invitation::Column::AcceptedAt.is_null())
            .one(&self.tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        invitation_record(model)
    }

    /// Gives a pending invitation a new link and expiry: the old link stops working.
    pub async fn reissue_invitation(
        &self,
        id: InvitationId,
        token_hash: String,
        expires_at: chrono::DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let result = invitation::Entity::update_many()
            .col_expr(invitation::Column::TokenHash, token_hash.into())
            .col_expr(invitation::Column::ExpiresAt, expires_at.into())
            .filter(invitation::Column::TenantId.eq(self.tid()))
            .filter(invitation::Column::Id.eq(id.as_uuid()))
            .filter(invitation::Column::AcceptedAt.is_null())
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    /// Marks an invitation accepted, once: a second call finds nothing to accept.
    pub async fn accept_invitation(&self, id: InvitationId) -> Result<(), StoreError> {
        let result = invitation::Entity::update_many()
            .col_expr(invitation::Column::AcceptedAt, Utc::now().into())
            .filter(invitation::Column::TenantId.eq(self.tid()))
            .filter(invitation::Column::Id.eq(id.as_uuid()))
            .filter(invitation::Column::AcceptedAt.is_null())
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }

    pub async fn delete_invitation(&self, id: InvitationId) -> Result<(), StoreError> {
        let result = invitation::Entity::delete_many()
            .filter(invitation::Column::TenantId.eq(self.tid()))
            .filter(invitation::Column::Id.eq(id.as_uuid()))
            .filter(invitation::Column::AcceptedAt.is_null())
            .exec(&self.tx)
            .await?;
        found(result.rows_affected)
    }
}

pub(crate) fn found(rows_affected: u64) -> Result<(), StoreError> {
    if rows_affected == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

fn member_record(membership: membership::Model, user: user::Model) -> Result<Member, StoreError> {
    Ok(Member {
        user_id: UserId::from_uuid(user.id),
        email: user.email,
        name: user.name,
        role: membership.role.parse().map_err(corrupt)?,
        locale: user.locale.parse().map_err(corrupt)?,
        joined_at: membership.created_at,
    })
}

fn invitation_record(model: invitation::Model) -> Result<Invitation, StoreError> {
    Ok(Invitation {
        id: InvitationId::from_uuid(model.id),
        email: model.email,
        role: model.role.parse().map_err(corrupt)?,
        invited_by: UserId::from_uuid(model.invited_by),
        expires_at: model.expires_at,
        accepted_at: model.accepted_at,
        created_at: model.created_at,
    })
}
