import type { MatchingEditView, ProposalView, RevealedPerson } from "../../api/types";

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

/** The same two pseudonyms, in either order (mutual programs do not order a pair). */
function samePair(edit: MatchingEditView, a: string, b: string): boolean {
  const { mentor_pseudonym: mentor, mentee_pseudonym: mentee } = edit;
  return (mentor === a && mentee === b) || (mentor === b && mentee === a);
}

/**
 * The lock or forbid that holds for a proposal's pair from the next run on: the edits, read for
 * the run shown, name their people by its pseudonyms. A proposal that a run kept by a lock has
 * none once that lock is taken back.
 */
export function editOf(proposal: ProposalView, edits: readonly MatchingEditView[]): MatchingEditView | null {
  return edits.find((e) => samePair(e, proposal.mentor.pseudonym, proposal.mentee.pseudonym)) ?? null;
}

/** How a lock or forbid's pair is named: by name once the run shown is revealed, else by its pseudonyms there (null: not in that run). */
export type EditPair =
  | { kind: "names"; mentor: RevealedPerson; mentee: RevealedPerson }
  | { kind: "pseudonyms"; mentor: string | null; mentee: string | null };

export function editPair(edit: MatchingEditView, revealed: Revealed | null): EditPair {
  const mentor = revealed?.byPerson.get(edit.mentor_id);
  const mentee = revealed?.byPerson.get(edit.mentee_id);
  if (mentor && mentee) return { kind: "names", mentor, mentee };
  return { kind: "pseudonyms", mentor: edit.mentor_pseudonym ?? null, mentee: edit.mentee_pseudonym ?? null };
}
