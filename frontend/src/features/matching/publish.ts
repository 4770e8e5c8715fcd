import type { MatchingRunView, ProgramState } from "../../api/types";

/** A run may be published while the program matches or is active (the API refuses otherwise). */
export function publishable(state: ProgramState): boolean {
  return state === "matching" || state === "active";
}

/** The runs that were published (a run is published once). */
export function publishedRuns(runs: readonly Pick<MatchingRunView, "id" | "published_at">[]): ReadonlySet<string> {
  return new Set(runs.filter((r) => r.published_at != null).map((r) => r.id));
}
