import type { ParticipantRole, ProgramKind } from "../../api/types";

export type Side = "mentor" | "mentee" | "either" | "partner";

/** How a pair's two people are named: mentor and mentee, or two partners in a mutual program. */
export function sideNames(kind: ProgramKind): { first: Side; second: Side } {
  return kind === "mutual" ? { first: "partner", second: "partner" } : { first: "mentor", second: "mentee" };
}

/** How someone is named by the role they applied for; in a mutual program everyone is a partner. */
export function sideOf(role: ParticipantRole, kind: ProgramKind): Side {
  return kind === "mutual" ? "partner" : role;
}

/**
 * How the two people of a pair are named where a run's proposals are changed: mentor and
 * mentee, or two members in a mutual program.
 */
export function changeSides(kind: ProgramKind): { first: "mentor" | "member"; second: "mentee" | "member" } {
  return kind === "mutual" ? { first: "member", second: "member" } : { first: "mentor", second: "mentee" };
}
