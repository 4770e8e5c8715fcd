import { describe, expect, it } from "vitest";
import { countBars, formatDay, formatMean, formatNps, formatShare, periodLabel, trendPoints } from "./results";

describe("feedback figures", () => {
  it("writes means with one decimal, shares as whole percentages and NPS with its sign", () => {
    expect(formatMean(4, "en")).toBe("4.0");
    expect(formatMean(3.456, "ja")).toBe("3.5");
    expect(formatShare(78.9, "en")).toBe("79%");
    expect(formatShare(0, "ja")).toBe("0%");
    expect(formatNps(25, "en")).toBe("+25");
    expect(formatNps(-10, "en")).toBe("-10");
    expect(formatNps(0, "en")).toBe("0");
  });

  it("shows a period by its first day, the same in every time zone", () => {
    expect(periodLabel("2027-01-11", "en")).toBe("Jan 11");
    expect(periodLabel("2027-01-11", "ja")).toBe("1月11日");
    expect(formatDay("2027-03-07", "en")).toBe("Mar 7, 2027");
    expect(formatDay("2027-03-07", "ja")).toBe("2027/03/07");
    expect(formatDay("not a day", "en")).toBe("not a day");
  });

  it("orders the trend oldest first and leaves unanswered periods as gaps", () => {
    const points = trendPoints(
      [
        { period: "2027-02-01", asked: 4, answered: 3, average_score: 4.2, learned_share: 50 },
        { period: "2027-01-01", asked: 4, answered: 0, average_score: null, learned_share: null },
      ],
      "en",
    );
    expect(points.map((p) => [p.period, p.average])).toEqual([
      ["2027-01-01", null],
      ["2027-02-01", 4.2],
    ]);
  });

  it("labels choice counts in the reader's language and scale points as numbers", () => {
    const question = { key: "continue", kind: "single_choice" as const, label: "Keep meeting?", options: ["Yes", "No"], option_labels: { ja: ["はい", "いいえ"] } };
    const counts = [
      { value: "Yes", count: 4 },
      { value: "No", count: 1 },
    ];
    expect(countBars({ kind: "single_choice", counts }, question, "ja").map((b) => [b.label, b.count])).toEqual([
      ["はい", 4],
      ["いいえ", 1],
    ]);
    expect(countBars({ kind: "scale", counts: [{ value: "5", count: 2 }] }, undefined, "ja")[0]?.label).toBe("5");
  });
});
