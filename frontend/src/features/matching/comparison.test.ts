import { describe, expect, it } from "vitest";
import type { RunComparison } from "../../api/types";
import { formatChange, laterFirst, summarise } from "./comparison";

const person = (pseudonym: string) => ({ pseudonym, role: "mentor" as const, executive: false });
const pair = (a: string, b: string, before: number | null, after: number | null) => ({ mentor: person(a), mentee: person(b), before, after });

const comparison: RunComparison = {
  before: "r1",
  after: "r2",
  kept: [pair("P-001", "P-002", 10, 10), pair("P-003", "P-004", 9, 9)],
  added: [pair("P-005", "P-006", null, 8)],
  removed: [pair("P-007", "P-008", 11.5, null)],
  total_change: -3.5,
  pairs_change: 0,
  match_rate_changes: [
    { attribute: "region", group: { kind: "value", value: "Kansai" }, before: 4 / 6, after: 5 / 6 },
    { attribute: "region", group: { kind: "value", value: "Kanto" }, before: 1, after: 1 },
    { attribute: "department", group: { kind: "other" }, before: 0.8, after: 0.6 },
    // 66.7% and 66.9% are both shown as 67%: not a move.
    { attribute: "level_band", group: { kind: "value", value: "1–3" }, before: 0.667, after: 0.669 },
  ],
};

describe("comparing two runs", () => {
  it("counts the pairs kept, added and removed and carries the changes of the total and the count", () => {
    const s = summarise(comparison);
    expect([s.kept, s.added, s.removed, s.totalChange, s.pairsChange]).toEqual([2, 1, 1, -3.5, 0]);
  });

  it("lists the groups whose rate moved, in whole points as the rates are shown, and counts the rest", () => {
    const s = summarise(comparison);
    expect(s.moved.map((m) => [m.attribute, m.group, m.points])).toEqual([
      ["region", { kind: "value", value: "Kansai" }, 16],
      ["department", { kind: "other" }, -20],
    ]);
    expect(s.unmoved).toBe(2);
  });

  it("puts the later run first, whichever was shown", () => {
    const early = { id: "a", created_at: "2026-12-01T09:00:00Z" };
    const late = { id: "b", created_at: "2026-12-01T09:05:00Z" };
    expect(laterFirst(early, late)).toEqual({ after: late, before: early });
    expect(laterFirst(late, early)).toEqual({ after: late, before: early });
  });

  it("writes a change with its sign and at most one decimal", () => {
    expect(formatChange(1.5, "en")).toBe("+1.5");
    expect(formatChange(-3.54, "en")).toBe("-3.5");
    expect(formatChange(2, "ja")).toBe("+2");
    expect(formatChange(0.01, "en")).toBe("±0");
    expect(formatChange(0, "en")).toBe("±0");
  });
});
