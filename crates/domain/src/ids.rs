//! Typed identifiers. Every entity has its own id type so that a `UserId` can never be
//! passed where an `ApiKeyId` is expected. Ids are UUIDv7: unique without coordination and
//! ordered by creation time, which gives lists a stable order for cursor pagination.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, format = Uuid, example = "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f"))]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }
    };
}

typed_id!(
    /// A company subscribing to Tandem.
    TenantId
);
typed_id!(
    /// A console account (global: one person may belong to several tenants).
    UserId
);
typed_id!(
    /// A partner's API key.
    ApiKeyId
);
typed_id!(
    /// One refresh token of a login session.
    RefreshTokenId
);
typed_id!(
    /// The chain of refresh tokens that one login produced; reuse revokes the whole family.
    TokenFamilyId
);
typed_id!(
    /// An invitation to join a tenant's team.
    InvitationId
);
typed_id!(
    /// An entry of a tenant's audit log.
    AuditEventId
);
typed_id!(
    /// A background job.
    JobId
);
typed_id!(
    /// An employee in a tenant's directory.
    PersonId
);
typed_id!(
    /// A mentoring program.
    ProgramId
);
typed_id!(
    /// A recruitment campaign of a program.
    CampaignId
);
typed_id!(
    /// Someone's application to a program through a campaign.
    ApplicationId
);
typed_id!(
    /// One email to one person, from queued to sent (or not).
    EmailDeliveryId
);
typed_id!(
    /// A sign-up waiting for its owner to follow the link emailed to them.
    SignupId
);
typed_id!(
    /// A request to choose a new password, by a link emailed to the account's address.
    PasswordResetId
);

typed_id!(
    /// One run of the matching solver over a program's accepted applicants.
    MatchingRunId
);
typed_id!(
    /// A pair a matching run proposes.
    ProposalId
);
typed_id!(
    /// An admin's lock or forbid on a pair of a program.
    MatchingEditId
);
typed_id!(
    /// A published pair of a program.
    PairId
);

typed_id!(
    /// A sign-in link emailed to a participant.
    ParticipantLinkId
);
typed_id!(
    /// A participant's signed-in session in the portal.
    ParticipantSessionId
);
typed_id!(
    /// A program's kickoff event.
    KickoffId
);
typed_id!(
    /// A meeting of a pair.
    PairSessionId
);
typed_id!(
    /// What one member of a pair learned or taught.
    LearningEntryId
);
typed_id!(
    /// A pair's shared goal.
    GoalId
);
typed_id!(
    /// A member's private note on their pair.
    NoteId
);
typed_id!(
    /// A pair's story.
    StoryId
);
typed_id!(
    /// One member's check-in for one period.
    CheckInId
);
typed_id!(
    /// A program's survey.
    SurveyId
);
typed_id!(
    /// A person asked to answer a survey (kept apart from what they answered).
    SurveyInviteeId
);
typed_id!(
    /// A value a program's managers entered for a manual success metric.
    MetricReadingId
);

impl TenantId {
    /// The product's own tenant: it has no members and sends the emails that belong to an
    /// account rather than to a company (sign-up verification, password reset). Its row is
    /// written by a migration.
    pub const PLATFORM: TenantId = TenantId::from_uuid(Uuid::from_u128(0x0000_0000_0000_7000_8000_0000_0000_0001));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_ordered_by_creation() {
        let first = UserId::new();
        let second = UserId::new();
        assert!(first < second);
    }

    #[test]
    fn ids_round_trip_through_text() {
        let id = TenantId::new();
        let parsed: TenantId = id.to_string().parse().expect("a printed id parses");
        assert_eq!(parsed, id);
        assert!("not-a-uuid".parse::<TenantId>().is_err());
    }
}
