/** Who leaves the program as a pair ends: one member (by person id), or nobody (both stay, free for a new partner). */
export type Leaver = { person_id: string } | "nobody";

/** The body of a withdrawal: who leaves, if one member, and why, if said. */
export function withdrawalBody(leaver: Leaver, reason: string): { person_id?: string; reason?: string } {
  const why = reason.trim();
  return {
    ...(leaver === "nobody" ? {} : { person_id: leaver.person_id }),
    ...(why ? { reason: why } : {}),
  };
}
