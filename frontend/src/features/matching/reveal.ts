import type { EditKind, MatchingEditView, ProposalView, RevealedPerson } from "../../api/types";

/** Who is behind the pseudonyms of one run, once revealed: by pseudonym and by person id. */
export interface Revealed {
  byPseudonym: ReadonlyMap<string, RevealedPerson>;
  byPerson: ReadonlyMap<string, RevealedPerson>;
}

export function revealMap(people: readonly RevealedPerson[]): Revealed {
  return {
    byPseudonym: new Map(people.map((p) => [p.pseudonym, p])),
    byPerson: new Map(people.map((p) => [p.person_id, p])),
  };
}

/**
 * A lock or forbid made on this page, from a proposal of a run: the API names its pair by
 * person ids only, so the pseudonyms they were chosen by are remembered here.
 */
export interface MadeHere {
  runId: string;
  runCreatedAt: string;
  proposalId: string;
  mentor: string;
  mentee: string;
}

/** Edits made on this page, by the edit's id. */
export type MadeHereById = Readonly<Record<string, MadeHere>>;

/** The same two people, in either order (mutual programs do not order a pair). */
function samePair(edit: MatchingEditView, a: string, b: string): boolean {
  return (edit.mentor_id === a && edit.mentee_id === b) || (edit.mentor_id === b && edit.mentee_id === a);
}

/** The lock or forbid that now holds for a proposal's pair, if this page can tell. */
export function editOf(
  proposal: ProposalView,
  runId: string,
  edits: readonly MatchingEditView[],
  revealed: Revealed | null,
  made: MadeHereById,
): MatchingEditView | null {
  if (revealed) {
    const mentor = revealed.byPseudonym.get(proposal.mentor.pseudonym);
    const mentee = revealed.byPseudonym.get(proposal.mentee.pseudonym);
    if (mentor && mentee) return edits.find((e) => samePair(e, mentor.person_id, mentee.person_id)) ?? null;
  }
  return edits.find((e) => made[e.id]?.runId === runId && made[e.id]?.proposalId === proposal.id) ?? null;
}

/**
 * What holds for a proposal's pair from the next run on: the known lock or forbid; without
 * one, a pair this run kept by a lock is taken as still locked unless the names are revealed
 * (then the edits tell for certain).
 */
export function decisionOf(proposal: ProposalView, edit: MatchingEditView | null, revealed: boolean): EditKind | null {
  if (edit) return edit.kind;
  return proposal.locked && !revealed ? "lock" : null;
}

/** How a lock or forbid's pair can be named on this page. */
export type EditPair =
  | { kind: "names"; mentor: RevealedPerson; mentee: RevealedPerson }
  | ({ kind: "pseudonyms" } & MadeHere)
  | { kind: "hidden" };

export function editPair(edit: MatchingEditView, revealed: Revealed | null, made: MadeHereById): EditPair {
  const mentor = revealed?.byPerson.get(edit.mentor_id);
  const mentee = revealed?.byPerson.get(edit.mentee_id);
  if (mentor && mentee) return { kind: "names", mentor, mentee };
  const here = made[edit.id];
  if (here) return { kind: "pseudonyms", ...here };
  return { kind: "hidden" };
}
