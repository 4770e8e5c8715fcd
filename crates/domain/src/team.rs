//! The rules for changing a tenant's team. Only owners and admins manage the team (that is
//! [`Permission::ManageTeam`](crate::Permission::ManageTeam)); these rules say which changes
//! even they may make.

use thiserror::Error;

use crate::access::Role;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TeamRuleViolation {
    #[error("only an owner may grant or take away the owner role")]
    OnlyOwnersManageOwners,
    #[error("a tenant must keep at least one owner")]
    LastOwner,
}

/// May `actor` give `target` (currently `current`) the role `new`?
/// `owners` is how many owners the tenant has now.
pub fn check_role_change(actor: Role, current: Role, new: Role, owners: usize) -> Result<(), TeamRuleViolation> {
    let touches_owner = current == Role::Owner || new == Role::Owner;
    if touches_owner && actor != Role::Owner {
        return Err(TeamRuleViolation::OnlyOwnersManageOwners);
    }
    if current == Role::Owner && new != Role::Owner && owners <= 1 {
        return Err(TeamRuleViolation::LastOwner);
    }
    Ok(())
}

/// May `actor` remove a member whose role is `target`?
pub fn check_removal(actor: Role, target: Role, owners: usize) -> Result<(), TeamRuleViolation> {
    if target == Role::Owner && actor != Role::Owner {
        return Err(TeamRuleViolation::OnlyOwnersManageOwners);
    }
    if target == Role::Owner && owners <= 1 {
        return Err(TeamRuleViolation::LastOwner);
    }
    Ok(())
}

/// May `actor` invite someone as `role`?
pub fn check_invitation(actor: Role, role: Role) -> Result<(), TeamRuleViolation> {
    if role == Role::Owner && actor != Role::Owner {
        return Err(TeamRuleViolation::OnlyOwnersManageOwners);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admins_cannot_touch_owners() {
        assert_eq!(
            check_role_change(Role::Admin, Role::Owner, Role::Viewer, 2),
            Err(TeamRuleViolation::OnlyOwnersManageOwners)
        );
        assert_eq!(
            check_role_change(Role::Admin, Role::Viewer, Role::Owner, 1),
            Err(TeamRuleViolation::OnlyOwnersManageOwners)
        );
        assert_eq!(check_removal(Role::Admin, Role::Owner, 3), Err(TeamRuleViolation::OnlyOwnersManageOwners));
        assert_eq!(check_invitation(Role::Admin, Role::Owner), Err(TeamRuleViolation::OnlyOwnersManageOwners));
    }

    #[test]
    fn the_last_owner_stays() {
        assert_eq!(check_role_change(Role::Owner, Role::Owner, Role::Admin, 1), Err(TeamRuleViolation::LastOwner));
        assert_eq!(check_removal(Role::Owner, Role::Owner, 1), Err(TeamRuleViolation::LastOwner));
        assert_eq!(check_role_change(Role::Owner, Role::Owner, Role::Admin, 2), Ok(()));
    }

    #[test]
    fn admins_manage_everyone_else() {
        assert_eq!(check_role_change(Role::Admin, Role::Viewer, Role::ProgramManager, 1), Ok(()));
        assert_eq!(check_removal(Role::Admin, Role::Admin, 1), Ok(()));
        assert_eq!(check_invitation(Role::Admin, Role::Admin), Ok(()));
    }
}
