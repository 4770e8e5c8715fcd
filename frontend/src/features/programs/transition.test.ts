import { describe, expect, it } from "vitest";
import { campaignsClosedBy, transitionRequest } from "./transition";

const campaigns = [{ state: "open" as const }, { state: "open" as const }, { state: "closed" as const }, { state: "draft" as const }];

describe("a program's lifecycle move", () => {
  it("closes the open campaigns when it leaves recruiting, and says so to the API", () => {
    expect(campaignsClosedBy("recruiting", "matching", campaigns)).toBe(2);
    expect(campaignsClosedBy("recruiting", "draft", campaigns)).toBe(2);
    expect(transitionRequest("matching", 2)).toEqual({ to: "matching", close_campaigns: true });
  });

  it("closes nothing otherwise", () => {
    expect(campaignsClosedBy("draft", "recruiting", campaigns)).toBe(0);
    expect(campaignsClosedBy("matching", "active", campaigns)).toBe(0);
    expect(campaignsClosedBy("recruiting", "matching", [{ state: "closed" }])).toBe(0);
    expect(transitionRequest("active", 0)).toEqual({ to: "active" });
  });
});
