//! Participants' way in: single-use sign-in links and the portal sessions they start. Both
//! keep only the SHA-256 of their secret.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use tandem_domain::{ParticipantLinkId, ParticipantSessionId, PersonId};

use super::TenantTx;
use crate::entities::{participant_link, participant_session};
use crate::error::StoreError;

/// What following a sign-in link found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkUse {
    /// The link was good and is now used: this person signs in.
    SignedIn(PersonId),
    /// The link was used before, or expired.
    Spent,
    /// No such link.
    Unknown,
}

impl TenantTx {
    pub async fn create_participant_link(
        &self,
        id: ParticipantLinkId,
        person: PersonId,
        token_hash: String,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        participant_link::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(id.as_uuid()),
            person_id: Set(person.as_uuid()),
            token_hash: Set(token_hash),
            expires_at: Set(expires_at),
            used_at: Set(None),
            created_at: Set(Utc::now()),
        }
        .insert(&self.tx)
        .await?;
        Ok(())
    }

    /// Uses a sign-in link, once: of two requests with the same link, one signs in.
    pub async fn use_participant_link(&self, token_hash: &str) -> Result<LinkUse, StoreError> {
        let Some(link) = participant_link::Entity::find()
            .filter(participant_link::Column::TenantId.eq(self.tid()))
            .filter(participant_link::Column::TokenHash.eq(token_hash))
            .one(&self.tx)
            .await?
        else {
            return Ok(LinkUse::Unknown);
        };
        let now = Utc::now();
        if link.used_at.is_some() || link.expires_at <= now {
            return Ok(LinkUse::Spent);
        }
        let result = participant_link::Entity::update_many()
            .col_expr(participant_link::Column::UsedAt, Some(now).into())
            .filter(participant_link::Column::TenantId.eq(self.tid()))
            .filter(participant_link::Column::Id.eq(link.id))
            .filter(participant_link::Column::UsedAt.is_null())
            .exec(&self.tx)
            .await?;
        Ok(if result.rows_affected == 1 { LinkUse::SignedIn(PersonId::from_uuid(link.person_id)) } else { LinkUse::Spent })
    }

    pub async fn start_participant_session(
        &self,
        person: PersonId,
        token_hash: String,
        expires_at: DateTime<Utc>,
    ) -> Result<ParticipantSessionId, StoreError> {
        let id = ParticipantSessionId::new();
        participant_session::ActiveModel {
            tenant_id: Set(self.tid()),
            id: Set(id.as_uuid()),
            person_id: Set(person.as_uuid()),
            token_hash: Set(token_hash),
            expires_at: Set(expires_at),
            revoked_at: Set(None),
            created_at: Set(Utc::now()),
        }
        .insert(&self.tx)
        .await?;
        Ok(id)
    }

    /// The person a portal session belongs to, while it is neither signed out nor expired.
    pub async fn participant_session(&self, token_hash: &str) -> Result<Option<PersonId>, StoreError> {
        let row = participant_session::Entity::find()
            .filter(participant_session::Column::TenantId.eq(self.tid()))
            .filter(participant_session::Column::TokenHash.eq(token_hash))
            .filter(participant_session::Column::RevokedAt.is_null())
            .filter(participant_session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.tx)
            .await?;
        Ok(row.map(|r| PersonId::from_uuid(r.person_id)))
    }

    /// Signs a portal session out.
    pub async fn end_participant_session(&self, token_hash: &str) -> Result<(), StoreError> {
        participant_session::Entity::update_many()
            .col_expr(participant_session::Column::RevokedAt, Some(Utc::now()).into())
            .filter(participant_session::Column::TenantId.eq(self.tid()))
            .filter(participant_session::Column::TokenHash.eq(token_hash))
            .filter(participant_session::Column::RevokedAt.is_null())
            .exec(&self.tx)
            .await?;
        Ok(())
    }

    /// Ends every portal session of a person (they left the company, or an admin revoked them).
    pub async fn end_participant_sessions_of(&self, person: PersonId) -> Result<u64, StoreError> {
        let result = participant_session::Entity::update_many()
            .col_expr(participant_session::Column::RevokedAt, Some(Utc::now()).into())
            .filter(participant_session::Column::TenantId.eq(self.tid()))
            .filter(participant_session::Column::PersonId.eq(person.as_uuid()))
            .filter(participant_session::Column::RevokedAt.is_null())
            .exec(&self.tx)
            .await?;
        Ok(result.rows_affected)
    }
}
