import type { CampaignState } from "../../api/types";

export const SETUP_STEPS = ["people", "team", "program", "campaign"] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/** What the console can read about a tenant, enough to tell which first steps are done. */
export interface SetupFacts {
  people: number;
  members: number;
  invitations: number;
  programs: number;
  campaignStates: readonly CampaignState[];
}

/** Where each step is taken. */
export const SETUP_LINKS: Readonly<Record<SetupStep, string>> = {
  people: "/people/import",
  team: "/settings/team",
  program: "/programs/new",
  campaign: "/programs",
};

/**
 * The getting-started steps in order, each done or not: people imported, a colleague invited
 * (or already a member), a program designed, a campaign opened (open now or since closed).
 */
export function setupSteps(facts: SetupFacts): { step: SetupStep; done: boolean }[] {
  const done: Record<SetupStep, boolean> = {
    people: facts.people > 0,
    team: facts.members > 1 || facts.invitations > 0,
    program: facts.programs > 0,
    campaign: facts.campaignStates.some((s) => s !== "draft"),
  };
  return SETUP_STEPS.map((step) => ({ step, done: done[step] }));
}
