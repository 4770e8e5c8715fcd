import type { Role } from "../../api/types";

// Mirrors crates/domain/src/team.rs so the console offers only what the server will allow;
// the server stays the authority.

/** Team, invitations, API keys, the audit log, email templates and suppressions, and the job queue. */
export function canAdminister(role: Role): boolean {
  return role === "owner" || role === "admin";
}

/** Roles `actor` may give to someone (by invitation or role change). */
export function assignableRoles(actor: Role): Role[] {
  if (actor === "owner") return ["owner", "admin", "program_manager", "viewer"];
  if (actor === "admin") return ["admin", "program_manager", "viewer"];
  return [];
}

export interface MemberRef {
  role: Role;
  isSelf: boolean;
}

/** Whether `actor` may change `target`'s role at all (one's own role is left alone). */
export function canChangeRole(actor: Role, target: MemberRef, owners: number): boolean {
  if (!canAdminister(actor) || target.isSelf) return false;
  if (target.role === "owner") return actor === "owner" && owners > 1;
  return true;
}

export function canRemove(actor: Role, target: MemberRef, owners: number): boolean {
  return canChangeRole(actor, target, owners);
}

/** People and programs: program managers, admins and owners write; viewers only read. */
export function canWriteDirectory(role: Role): boolean {
  return role !== "viewer";
}
