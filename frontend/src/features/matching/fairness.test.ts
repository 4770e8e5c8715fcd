import { describe, expect, it } from "vitest";
import type { AttributeReport, GroupName } from "../../api/types";
import en from "../../i18n/en.json";
import { flagOf, flagParams, formatPercent, groupAxisWidth, groupLabel, rateChart } from "./fairness";

const region: AttributeReport = {
  attribute: "region",
  groups: [
    { group: { kind: "value", value: "Kansai" }, applicants: 6, matched: 4, match_rate: 4 / 6, mean_score: 11.96 },
    { group: { kind: "value", value: "Kanto" }, applicants: 6, matched: 6, match_rate: 1, mean_score: 10.75 },
    { group: { kind: "other" }, applicants: 5, matched: 5, match_rate: 1, mean_score: null },
  ],
  flags: [
    {
      group: { kind: "value", value: "Kansai" },
      match_rate: 4 / 6,
      best_group: { kind: "value", value: "Kanto" },
      best_rate: 1,
      ratio: 4 / 6,
    },
  ],
};

describe("the fairness report", () => {
  it("names groups by their value, or in words for merged, unknown, executive and level-band groups", () => {
    expect(groupLabel("region", { kind: "value", value: "Kansai" })).toEqual({ text: "Kansai" });
    expect(groupLabel("region", { kind: "other" })).toEqual({ key: "matching.fairness.other" });
    expect(groupLabel("department", { kind: "unknown" })).toEqual({ key: "matching.fairness.unknown" });
    expect(groupLabel("executive", { kind: "value", value: "yes" })).toEqual({ key: "matching.fairness.executiveYes" });
    expect(groupLabel("executive", { kind: "value", value: "no" })).toEqual({ key: "matching.fairness.executiveNo" });
    expect(groupLabel("level_band", { kind: "value", value: "7–9" })).toEqual({ key: "matching.fairness.levelBand", band: "7–9" });
  });

  it("finds the flagged groups", () => {
    expect(flagOf(region, { kind: "value", value: "Kansai" })).toBe(region.flags[0]);
    expect(flagOf(region, { kind: "value", value: "Kanto" })).toBeNull();
    expect(flagOf(region, { kind: "other" })).toBeNull();
  });

  it("says a flag in words, as the four-fifths rule compares the groups", () => {
    const flag = region.flags[0];
    if (!flag) throw new Error("the report has a flag");
    const params = flagParams(flag, (g) => (g.kind === "value" ? g.value : "?"), "en");
    expect(params).toEqual({ group: "Kansai", rate: "67%", best: "Kanto", bestRate: "100%", ratio: "0.67" });
    const sentence = Object.entries({ attribute: en.matching.fairness.attributes.region, ...params }).reduce(
      (text, [k, v]) => text.replace(`{{${k}}}`, v),
      en.matching.fairness.flag,
    );
    expect(sentence).toBe("Region “Kansai” is matched at 67% against 100% for “Kanto” (0.67 of the best; below four-fifths).");
    expect(formatPercent(0.4, "ja")).toBe("40%");
  });
});

describe("the fairness chart", () => {
  const name = (g: GroupName) => (g.kind === "value" ? g.value : "Other values");

  it("draws each group's match rate in percent, the flagged ones marked, and a line at four-fifths of the best", () => {
    const chart = rateChart(region, name);
    expect(chart.bars.map((b) => [b.group, Math.round(b.rate), b.flagged])).toEqual([
      ["Kansai", 67, true],
      ["Kanto", 100, false],
      ["Other values", 100, false],
    ]);
    expect(chart.best).toEqual({ group: "Kanto", rate: 100 });
    expect(chart.line).toBe(80);
    expect(chart.flagged).toEqual(["Kansai"]);
  });

  it("flags only what the report flags, even when a bar is near the line", () => {
    const close: AttributeReport = {
      attribute: "department",
      groups: [
        { group: { kind: "value", value: "IT" }, applicants: 5, matched: 5, match_rate: 1, mean_score: 9 },
        { group: { kind: "value", value: "HR" }, applicants: 5, matched: 4, match_rate: 0.8, mean_score: 9 },
      ],
      flags: [],
    };
    const chart = rateChart(close, name);
    expect(chart.flagged).toEqual([]);
    expect(chart.bars.every((b) => !b.flagged)).toBe(true);
    expect(chart.line).toBe(80);
  });

  it("draws no line when nobody was matched", () => {
    const none: AttributeReport = {
      attribute: "region",
      groups: [{ group: { kind: "value", value: "Kanto" }, applicants: 6, matched: 0, match_rate: 0, mean_score: null }],
      flags: [],
    };
    expect(rateChart(none, name)).toEqual({ bars: [{ group: "Kanto", rate: 0, flagged: false }], best: null, line: null, flagged: [] });
  });

  it("leaves room for the longest group name, wide characters counting twice", () => {
    expect(groupAxisWidth(["IT"])).toBe(48);
    expect(groupAxisWidth(["Marketing", "IT"])).toBe(87);
    expect(groupAxisWidth(["等級 10–12"])).toBe(94);
    expect(groupAxisWidth(["マーケティング"])).toBe(122);
    expect(groupAxisWidth(["A department with a very long name indeed"])).toBe(160);
  });
});
