//! The rules for changing a tenant's team. Only owners and admins manage the team (that is
//! [`Permission::ManageTeam`](crate::Permission::ManageTeam)); these rules say which changes
//! even they may make.

use crate::Reason;
use crate::access::Role;

/// May `actor` give `target` (currently `current`) the role `new`?
/// `owners` is how many owners the tenant has now.
pub fn check_role_change(actor: Role, current: Role, new: Role, owners: usize) -> Result<(), Reason> {
    let touches_owner = current == Role::Owner || new == Role::Owner;
    if touches_owner && actor != Role::Owner {
        return Err(Reason::OnlyOwnersManageOwners);
    }
    if current == Role::Owner && new != Role::Owner && owners <= 1 {
        return Err(Reason::LastOwner);
    }
    Ok(())
}

/// May `actor` remove a member whose role is `target`?
pub fn check_removal(actor: Role, target: Role, owners: usize) -> Result<(), Reason> {
    if target == Role::Owner && actor != Role::Owner {
        return Err(Reason::OnlyOwnersManageOwners);
    }
    if target == Role::Owner && owners <= 1 {
        return Err(Reason::LastOwner);
    }
    Ok(())
}

/// May `actor` invite someone as `role`?
pub fn check_invitation(actor: Role, role: Role) -> Result<(), Reason> {
    if role == Role::Owner && actor != Role::Owner {
        return Err(Reason::OnlyOwnersManageOwners);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admins_cannot_touch_owners() {
        assert_eq!(check_role_change(Role::Admin, Role::Owner, Role::Viewer, 2), Err(Reason::OnlyOwnersManageOwners));
        assert_eq!(check_role_change(Role::Admin, Role::Viewer, Role::Owner, 1), Err(Reason::OnlyOwnersManageOwners));
        assert_eq!(check_removal(Role::Admin, Role::Owner, 3), Err(Reason::OnlyOwnersManageOwners));
        assert_eq!(check_invitation(Role::Admin, Role::Owner), Err(Reason::OnlyOwnersManageOwners));
    }

    #[test]
    fn the_last_owner_stays() {
        assert_eq!(check_role_change(Role::Owner, Role::Owner, Role::Admin, 1), Err(Reason::LastOwner));
        assert_eq!(check_removal(Role::Owner, Role::Owner, 1), Err(Reason::LastOwner));
        assert_eq!(check_role_change(Role::Owner, Role::Owner, Role::Admin, 2), Ok(()));
    }

    #[test]
    fn admins_manage_everyone_else() {
        assert_eq!(check_role_change(Role::Admin, Role::Viewer, Role::ProgramManager, 1), Ok(()));
        assert_eq!(check_removal(Role::Admin, Role::Admin, 1), Ok(()));
        assert_eq!(check_invitation(Role::Admin, Role::Admin), Ok(()));
    }
}
