//! Who may do what inside a tenant.
//!
//! Console users act through their role in the tenant; partners act through API keys with
//! scopes. Both are reduced to [`Permission`]s, which is what routes ask for.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ids::{ApiKeyId, UserId};

/// A console user's role in one tenant, from most to least powerful.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    Owner,
    Admin,
    ProgramManager,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Owner, Role::Admin, Role::ProgramManager, Role::Viewer];

    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::ProgramManager => "program_manager",
            Role::Viewer => "viewer",
        }
    }

    pub fn permits(self, permission: Permission) -> bool {
        match self {
            Role::Owner => true,
            Role::Admin => permission != Permission::ReadMailbox,
            Role::ProgramManager => matches!(permission, Permission::Read | Permission::Write),
            Role::Viewer => permission == Permission::Read,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|role| role.as_str() == s).ok_or_else(|| format!("unknown role {s:?}"))
    }
}

/// What an API key may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ApiScope {
    Read,
    Write,
}

impl ApiScope {
    pub const fn as_str(self) -> &'static str {
        match self {
            ApiScope::Read => "read",
            ApiScope::Write => "write",
        }
    }
}

impl FromStr for ApiScope {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "read" => Ok(ApiScope::Read),
            "write" => Ok(ApiScope::Write),
            other => Err(format!("unknown scope {other:?}")),
        }
    }
}

/// The kinds of action a route may require.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Read the tenant's data.
    Read,
    /// Create and change the tenant's data.
    Write,
    /// Invite, re-role and remove team members; read the audit log.
    ManageTeam,
    /// Create and revoke API keys.
    ManageApiKeys,
    /// Reading the developer mailbox: every email of the tenant, with the links in them
    /// (invitations to any role, participants' personal links). Owners only.
    ReadMailbox,
}

/// Whoever is making a request inside a tenant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    User { id: UserId, role: Role },
    ApiKey { id: ApiKeyId, scopes: Vec<ApiScope> },
}

impl Actor {
    /// Partners' keys read and write data; managing people and keys stays with the console.
    pub fn permits(&self, permission: Permission) -> bool {
        match self {
            Actor::User { role, .. } => role.permits(permission),
            Actor::ApiKey { scopes, .. } => match permission {
                Permission::Read => scopes.contains(&ApiScope::Read) || scopes.contains(&ApiScope::Write),
                Permission::Write => scopes.contains(&ApiScope::Write),
                Permission::ManageTeam | Permission::ManageApiKeys | Permission::ReadMailbox => false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_text() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("superuser".parse::<Role>().is_err());
    }

    #[test]
    fn viewers_only_read_and_managers_do_not_manage_the_team() {
        assert!(Role::Viewer.permits(Permission::Read));
        assert!(!Role::Viewer.permits(Permission::Write));
        assert!(Role::ProgramManager.permits(Permission::Write));
        assert!(!Role::ProgramManager.permits(Permission::ManageTeam));
        assert!(Role::Admin.permits(Permission::ManageApiKeys));
    }

    #[test]
    fn only_owners_read_the_mailbox_and_no_api_key_does() {
        assert!(Role::Owner.permits(Permission::ReadMailbox));
        for role in [Role::Admin, Role::ProgramManager, Role::Viewer] {
            assert!(!role.permits(Permission::ReadMailbox), "{role}");
        }
        let key = Actor::ApiKey { id: ApiKeyId::new(), scopes: vec![ApiScope::Read, ApiScope::Write] };
        assert!(!key.permits(Permission::ReadMailbox));
    }

    #[test]
    fn api_keys_act_within_their_scopes() {
        let reader = Actor::ApiKey { id: ApiKeyId::new(), scopes: vec![ApiScope::Read] };
        let writer = Actor::ApiKey { id: ApiKeyId::new(), scopes: vec![ApiScope::Write] };
        assert!(reader.permits(Permission::Read));
        assert!(!reader.permits(Permission::Write));
        assert!(writer.permits(Permission::Read));
        assert!(writer.permits(Permission::Write));
        assert!(!writer.permits(Permission::ManageTeam));
    }
}
