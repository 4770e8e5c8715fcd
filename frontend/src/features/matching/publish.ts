import type { MatchingRunView, PairView, ProgramState } from "../../api/types";

/** A run may be published while the program matches or is active (the API refuses otherwise). */
export function publishable(state: ProgramState): boolean {
  return state === "matching" || state === "active";
}

/** What publishing a run will do, in its own numbers, as the confirmation says it. */
export interface PublishPlan {
  pairs: number;
  /** One to each of the two people of every pair. */
  introductions: number;
  /** Everyone the run left without a partner. */
  waitlisted: number;
  /**
   * The program already has active pairs: proposals naming someone in one are left out, and
   * those people are not told they wait, so the numbers are at most these.
   */
  atMost: boolean;
}

export function publishPlan(
  run: Pick<MatchingRunView, "pairs" | "unmatched">,
  programPairs: readonly Pick<PairView, "state">[],
): PublishPlan {
  const pairs = run.pairs ?? 0;
  return {
    pairs,
    introductions: pairs * 2,
    waitlisted: run.unmatched ?? 0,
    atMost: programPairs.some((p) => p.state === "active"),
  };
}

/** The runs that were published (a run is published once). */
export function publishedRuns(runs: readonly Pick<MatchingRunView, "id" | "published_at">[]): ReadonlySet<string> {
  return new Set(runs.filter((r) => r.published_at != null).map((r) => r.id));
}
