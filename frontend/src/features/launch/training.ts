import type { ParticipantRole } from "../../api/types";
import type { TrainingReport } from "./types";

/** Completed people out of everyone of a role, as a whole percentage (0 for nobody). */
export function completionPercent(row: { people: number; completed: number }): number {
  return row.people > 0 ? Math.round((row.completed / row.people) * 100) : 0;
}

/** Who has not opened any module yet, by role (mentors first) and name. */
export function notStarted(report: Pick<TrainingReport, "people">): { name: string; role: ParticipantRole; person_id: string }[] {
  const order: Record<ParticipantRole, number> = { mentor: 0, mentee: 1, either: 2 };
  return report.people
    .filter((p) => !p.started && p.required.length > 0)
    .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name))
    .map(({ person_id, name, role }) => ({ person_id, name, role }));
}

/** Started but not finished: someone with some, not all, of their required modules done. */
export function inProgress(report: Pick<TrainingReport, "people">): number {
  return report.people.filter((p) => p.started && p.required.some((m) => !p.done.includes(m))).length;
}
