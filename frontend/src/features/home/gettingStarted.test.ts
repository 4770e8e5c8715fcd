import { describe, expect, it } from "vitest";
import { setupSteps, type SetupFacts } from "./gettingStarted";

const fresh: SetupFacts = { people: 0, members: 1, invitations: 0, programs: 0, campaignStates: [] };

describe("getting started", () => {
  it("has nothing ticked for a new company", () => {
    expect(setupSteps(fresh)).toEqual([
      { step: "people", done: false },
      { step: "team", done: false },
      { step: "program", done: false },
      { step: "campaign", done: false },
    ]);
  });

  it("ticks each step from what the company already has", () => {
    const done = (facts: Partial<SetupFacts>) => setupSteps({ ...fresh, ...facts }).filter((s) => s.done).map((s) => s.step);
    expect(done({ people: 50 })).toEqual(["people"]);
    expect(done({ invitations: 1 })).toEqual(["team"]);
    expect(done({ members: 2 })).toEqual(["team"]);
    expect(done({ programs: 1, campaignStates: ["draft"] })).toEqual(["program"]);
    expect(done({ programs: 1, campaignStates: ["draft", "closed"] })).toEqual(["program", "campaign"]);
    expect(setupSteps({ people: 3, members: 2, invitations: 0, programs: 1, campaignStates: ["open"] }).every((s) => s.done)).toBe(true);
  });
});
