import { describe, expect, it } from "vitest";
import en from "../../i18n/en.json";
import ja from "../../i18n/ja.json";
import {
  EXPORT_TABLES,
  METRIC_SOURCES,
  exportFileName,
  formatPercentShare,
  formatWithUnit,
  funnelRows,
  healthRows,
  metricStatus,
  metricTrend,
  monthLabel,
  monthRows,
  progressTowards,
} from "./results";

describe("results' figures", () => {
  it("names months in each language, and leaves what it cannot read", () => {
    expect(monthLabel("2027-01", "en")).toBe("Jan 2027");
    expect(monthLabel("2027-01", "ja")).toBe("2027年1月");
    expect(monthLabel("soon", "en")).toBe("soon");
  });

  it("shows shares the API gives in percent as whole percentages, and a dash for none", () => {
    expect(formatPercentShare(78.9, "en")).toBe("79%");
    expect(formatPercentShare(25, "ja")).toBe("25%");
    expect(formatPercentShare(null, "en")).toBe("—");
  });

  it("writes a metric's figure with its unit", () => {
    expect(formatWithUnit(84.25, "%", "en")).toBe("84.25%");
    expect(formatWithUnit(1.8, "sessions", "en")).toBe("1.8 sessions");
    expect(formatWithUnit(1234, "", "ja")).toBe("1,234");
    expect(formatWithUnit(null, "%", "en")).toBe("—");
  });

  it("tells met, not yet and not measured apart, and how far towards the target", () => {
    expect(metricStatus({ measured: 90, met: true })).toBe("met");
    expect(metricStatus({ measured: 60, met: false })).toBe("notYet");
    expect(metricStatus({ measured: null, met: null })).toBe("notMeasured");
    expect(progressTowards(40, 80)).toBe(50);
    expect(progressTowards(120, 80)).toBe(100);
    expect(progressTowards(null, 80)).toBe(0);
    expect(progressTowards(0, 0)).toBe(100);
  });

  it("orders a metric's trend by day with short dates", () => {
    const points = metricTrend(
      [
        { on: "2027-03-15", value: 61 },
        { on: "2027-01-11", value: 40 },
      ],
      "en",
    );
    expect(points.map((p) => [p.label, p.value])).toEqual([
      ["Jan 11", 40],
      ["Mar 15", 61],
    ]);
    expect(metricTrend([{ on: "2027-01-11", value: 1 }], "ja")[0]?.label).toBe("1月11日");
  });

  it("keeps the funnel's order, each step against those invited", () => {
    const rows = funnelRows({ invited: 120, applied: 30, accepted: 24, matched: 22, active: 20, completed: 0 });
    expect(rows.map((r) => r.step)).toEqual(["invited", "applied", "accepted", "matched", "active", "completed"]);
    expect(rows[1]).toEqual({ step: "applied", people: 30, ofInvited: 25 });
    expect(funnelRows({ invited: 0, applied: 0, accepted: 0, matched: 0, active: 0, completed: 0 })[0]?.ofInvited).toBeNull();
  });

  it("puts sessions by month oldest first, with hours to one decimal", () => {
    const rows = monthRows(
      [
        { month: "2027-02", sessions: 18, minutes: 810, pairs_meeting: 9, per_pair: 1.8 },
        { month: "2027-01", sessions: 3, minutes: 100, pairs_meeting: 2 },
      ],
      "en",
    );
    expect(rows.map((r) => [r.label, r.hours, r.perPair])).toEqual([
      ["Jan 2027", 1.7, null],
      ["Feb 2027", 13.5, 1.8],
    ]);
  });

  it("gives each health status its share of the pairs", () => {
    expect(healthRows({ on_track: 3, at_risk: 1, inactive: 0 }).map((r) => [r.status, r.pairs, r.share])).toEqual([
      ["on_track", 3, 75],
      ["at_risk", 1, 25],
      ["inactive", 0, 0],
    ]);
    expect(healthRows({ on_track: 0, at_risk: 0, inactive: 0 })[0]?.share).toBeNull();
  });

  it("names exported files after the program, safe for any disk", () => {
    expect(exportFileName("Reverse mentoring: AI / data", "check-ins")).toBe("Reverse-mentoring-AI-data-check-ins.csv");
    expect(exportFileName("デジタル逆メンタリング", "pairs")).toBe("デジタル逆メンタリング-pairs.csv");
    expect(exportFileName("  ", "metrics")).toBe("program-metrics.csv");
  });

  it("has words for every source and table, in both languages", () => {
    for (const source of METRIC_SOURCES) {
      expect(en.results.sources[source], source).toBeTruthy();
      expect(ja.results.sources[source], source).toBeTruthy();
      expect(en.programs.metric.sources[source], source).toBeTruthy();
      expect(ja.programs.metric.sources[source], source).toBeTruthy();
    }
    for (const table of EXPORT_TABLES) {
      expect(en.results.exports.tables[table], table).toBeTruthy();
      expect(ja.results.exports.tables[table], table).toBeTruthy();
    }
  });
});
