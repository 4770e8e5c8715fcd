import { describe, expect, it } from "vitest";
import type { ScorePart } from "../../api/types";
import { detailWords, partBars } from "./parts";

describe("a pair's breakdown", () => {
  it("is one bar per criterion of value × weight, out of the heaviest weight", () => {
    const parts: ScorePart[] = [
      { criterion: "skills", value: 0.5, weight: 5, detail: { kind: "skills", topics: ["tiktok"], wanted: 2 } },
      { criterion: "cross_region", value: 1, weight: 1, detail: { kind: "differ", differ: true, values: ["Kanto", "Kansai"] } },
      { criterion: "wishes", value: 0, weight: 2, detail: { kind: "wish", asked: false } },
      { criterion: "seniority", value: 1, weight: 10, detail: { kind: "seniority", gap: 8 } },
    ];
    expect(partBars(parts).map(({ detail: _, ...bar }) => bar)).toEqual([
      { criterion: "skills", value: 0.5, weight: 5, points: 2.5, percent: 25 },
      { criterion: "cross_region", value: 1, weight: 1, points: 1, percent: 10 },
      { criterion: "wishes", value: 0, weight: 2, points: 0, percent: 0 },
      { criterion: "seniority", value: 1, weight: 10, points: 10, percent: 100 },
    ]);
    expect(partBars(parts).map((bar) => bar.detail)).toEqual(parts.map((p) => p.detail));
  });

  it("says the facts behind each value in words", () => {
    expect(detailWords({ kind: "skills", topics: ["tiktok", "python"], wanted: 3 }, "reverse", "en")).toEqual({
      key: "matching.detail.skills",
      params: { topics: "tiktok, python", matched: 2, count: 3, wanted: 3 },
    });
    expect(detailWords({ kind: "skills", topics: ["tiktok", "python"], wanted: 3 }, "reverse", "ja").params.topics).toBe("tiktok、python");
    expect(detailWords({ kind: "skills", topics: [], wanted: 2 }, "reverse", "en").key).toBe("matching.detail.skillsNone");
    expect(detailWords({ kind: "skills", topics: [], wanted: 0 }, "reverse", "en").key).toBe("matching.detail.nothingWanted");
    expect(detailWords({ kind: "differ", differ: true, values: ["Finance", "IT"] }, "reverse", "en")).toEqual({
      key: "matching.detail.differ",
      params: { first: "Finance", second: "IT" },
    });
    expect(detailWords({ kind: "differ", differ: false, values: ["Kanto"] }, "reverse", "en")).toEqual({
      key: "matching.detail.same",
      params: { value: "Kanto" },
    });
    expect(detailWords({ kind: "differ", differ: null, values: [] }, "reverse", "en").key).toBe("matching.detail.unknown");
    expect(detailWords({ kind: "languages", shared: ["ja", "en"] }, "reverse", "en").params.languages).toBe("Japanese, English");
    expect(detailWords({ kind: "languages", shared: [] }, "reverse", "en").key).toBe("matching.detail.noLanguage");
    expect(detailWords({ kind: "overlap", hours: 4.5 }, "reverse", "en")).toEqual({ key: "matching.detail.hours", params: { count: 4.5, shown: "4.5" } });
    expect(detailWords({ kind: "overlap", hours: null }, "reverse", "en").key).toBe("matching.detail.timeZoneUnknown");
    expect(detailWords({ kind: "wish", asked: true }, "reverse", "en").key).toBe("matching.detail.wish");
  });

  it("says who is more senior in two-sided programs, and only how far apart in mutual ones", () => {
    expect(detailWords({ kind: "seniority", gap: 7 }, "reverse", "en")).toEqual({
      key: "matching.detail.menteeSenior",
      params: { count: 7, shown: "7" },
    });
    expect(detailWords({ kind: "seniority", gap: -2 }, "traditional", "en").key).toBe("matching.detail.mentorSenior");
    expect(detailWords({ kind: "seniority", gap: -2 }, "mutual", "en")).toEqual({ key: "matching.detail.levelsApart", params: { count: 2, shown: "2" } });
    expect(detailWords({ kind: "seniority", gap: 0 }, "reverse", "en").key).toBe("matching.detail.sameLevel");
    expect(detailWords({ kind: "seniority", gap: null }, "reverse", "en").key).toBe("matching.detail.levelUnknown");
  });
});
