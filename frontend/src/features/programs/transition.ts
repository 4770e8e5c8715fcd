import type { CampaignView, ProgramState, Transition } from "../../api/types";

/** The campaigns a move from `from` to `to` closes: the open ones, when the program leaves recruiting. */
export function campaignsClosedBy(from: ProgramState, to: ProgramState, campaigns: readonly Pick<CampaignView, "state">[]): number {
  if (from !== "recruiting" || to === "recruiting") return 0;
  return campaigns.filter((c) => c.state === "open").length;
}

/** What the API takes: leaving recruiting with open campaigns says to close them in the same step. */
export function transitionRequest(to: ProgramState, closing: number): Transition {
  return closing > 0 ? { to, close_campaigns: true } : { to };
}
