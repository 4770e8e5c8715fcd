import type { BlindProfile, Problem, ProgramKind, ProposalChange, ProposalView, UnmatchedView } from "../../api/types";

/** Two pseudonyms of one run, as a proposal or a change names them (a type, so that it fills a sentence). */
export type PseudonymPair = {
  mentor: string;
  mentee: string;
};

/** The pairs a swap makes: the two proposals exchange their second members. */
export function swapped(a: PseudonymPair, b: PseudonymPair): [PseudonymPair, PseudonymPair] {
  return [
    { mentor: a.mentor, mentee: b.mentee },
    { mentor: b.mentor, mentee: a.mentee },
  ];
}

/** Someone a pair can be made with by hand: their pseudonym and job attributes, for a picker. */
export interface PairChoice {
  pseudonym: string;
  profile: BlindProfile;
  /** In a proposal of the run, rather than left without a pair. */
  proposed: boolean;
}

/**
 * Who can be paired by hand, from a run's proposals and the people it left without a pair: in a
 * mentoring program mentors on one side and mentees on the other ("either" applicants on both),
 * in a mutual program everyone on both. Each side is in pseudonym order.
 */
export function pairChoices(
  proposals: readonly Pick<ProposalView, "mentor" | "mentee">[],
  unmatched: readonly Pick<UnmatchedView, "person">[],
  kind: ProgramKind,
): { first: PairChoice[]; second: PairChoice[] } {
  const first = new Map<string, PairChoice>();
  const second = new Map<string, PairChoice>();
  const add = (side: Map<string, PairChoice>, profile: BlindProfile, proposed: boolean) => {
    if (!side.has(profile.pseudonym)) side.set(profile.pseudonym, { pseudonym: profile.pseudonym, profile, proposed });
  };
  for (const p of proposals) {
    add(first, p.mentor, true);
    add(second, p.mentee, true);
    if (kind === "mutual") {
      add(first, p.mentee, true);
      add(second, p.mentor, true);
    }
  }
  for (const { person } of unmatched) {
    if (kind === "mutual" || person.role !== "mentee") add(first, person, false);
    if (kind === "mutual" || person.role !== "mentor") add(second, person, false);
  }
  const ordered = (side: Map<string, PairChoice>) => [...side.values()].sort((a, b) => a.pseudonym.localeCompare(b.pseudonym, "en", { numeric: true }));
  return { first: ordered(first), second: ordered(second) };
}

/** The fields of a change that the API may refuse, each shown beside its own control. */
export const CHANGE_FIELDS = ["mentor", "mentee", "other_mentor", "other_mentee"] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

/**
 * A refused change's field errors, each said with the pseudonym it was about ("P-017: unknown
 * in this run"), so that they read on their own beside the change; other errors as they came.
 */
export function changeErrors(problem: Pick<Problem, "errors">, change: ProposalChange): { byField: Partial<Record<ChangeField, string>>; lines: string[] } {
  const byField: Partial<Record<ChangeField, string>> = {};
  const lines: string[] = [];
  for (const e of problem.errors ?? []) {
    const field = CHANGE_FIELDS.find((f) => f === e.field);
    const pseudonym = field ? change[field] : null;
    if (field) byField[field] ??= e.message;
    lines.push(pseudonym ? `${pseudonym}: ${e.message}` : e.message);
  }
  return { byField, lines };
}
