import type { MatchingRunView, ProgramState, RunState } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import type { Language } from "../../i18n/language";

/** How often a run is read again while it works: often enough for the progress bar to move. */
export const POLL_MS = 500;

/**
 * Runs start while a program recruits or matches, and while it is active, where a run pairs only
 * the people without an active pair (those a withdrawal left free).
 */
export function runnable(state: ProgramState): boolean {
  return state === "recruiting" || state === "matching" || state === "active";
}

/** Queued, scoring or solving: the run has not finished yet. */
export function inProgress(state: RunState): boolean {
  return state !== "done" && state !== "failed";
}

/** While a run (or any of a list of runs) works, read it again every `POLL_MS`; then stop. */
export function pollWhileWorking(runs: readonly Pick<MatchingRunView, "state">[]): number | false {
  return runs.some((r) => inProgress(r.state)) ? POLL_MS : false;
}

/** The run to show: the one picked, else the newest. */
export function shownRunId(picked: string | null, newest: readonly Pick<MatchingRunView, "id">[]): string | null {
  return picked ?? newest[0]?.id ?? null;
}

/** A list of runs read page by page, with `run` put in place of its older self. */
export function withRun<L extends { pages: { items: MatchingRunView[] }[] }>(list: L, run: MatchingRunView): L {
  return { ...list, pages: list.pages.map((page) => ({ ...page, items: page.items.map((r) => (r.id === run.id ? run : r)) })) };
}

/** A score or a part of one, as people read it: at most one decimal ("11.5", "13"). */
export function formatScore(score: number, language: Language): string {
  return formatNumber(Math.round(score * 10) / 10, language);
}
