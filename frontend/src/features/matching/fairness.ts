import type { TFunction } from "i18next";
import type { AttributeReport, AuditAttribute, FairnessFlag, GroupName } from "../../api/types";
import { intlLocale, type Language } from "../../i18n/language";

/** A group's name: a catalogue key (merged, unknown, the executive values, a level band) or the directory's own value. */
export type GroupLabel =
  | { key: "matching.fairness.other" | "matching.fairness.unknown" | "matching.fairness.executiveYes" | "matching.fairness.executiveNo" }
  | { key: "matching.fairness.levelBand"; band: string }
  | { text: string };

export function groupLabel(attribute: AuditAttribute, group: GroupName): GroupLabel {
  if (group.kind === "other") return { key: "matching.fairness.other" };
  if (group.kind === "unknown") return { key: "matching.fairness.unknown" };
  // The report names executives "yes" and everyone else "no".
  if (attribute === "executive") return { key: group.value === "yes" ? "matching.fairness.executiveYes" : "matching.fairness.executiveNo" };
  if (attribute === "level_band") return { key: "matching.fairness.levelBand", band: group.value };
  return { text: group.value };
}

/** A group's name in words, in the console's language. */
export function nameGroup(attribute: AuditAttribute, group: GroupName, t: TFunction): string {
  const label = groupLabel(attribute, group);
  if ("text" in label) return label.text;
  return label.key === "matching.fairness.levelBand" ? t(label.key, { band: label.band }) : t(label.key);
}

function sameGroup(a: GroupName, b: GroupName): boolean {
  return a.kind === b.kind && (a.kind !== "value" || (b.kind === "value" && a.value === b.value));
}

/** The four-fifths flag of a group, if it has one. */
export function flagOf(report: AttributeReport, group: GroupName): FairnessFlag | null {
  return report.flags.find((f) => sameGroup(f.group, group)) ?? null;
}

/** A rate or share as a whole percentage ("67%", 「67%」). */
export function formatPercent(rate: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { style: "percent", maximumFractionDigits: 0 }).format(rate);
}

/** How far a group is from the best, as the four-fifths rule compares them ("0.67"). */
export function formatRatio(ratio: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ratio);
}

/** The values of the flag's sentence, with groups already named by `name`. */
export function flagParams(flag: FairnessFlag, name: (group: GroupName) => string, language: Language) {
  return {
    group: name(flag.group),
    rate: formatPercent(flag.match_rate, language),
    best: name(flag.best_group),
    bestRate: formatPercent(flag.best_rate, language),
    ratio: formatRatio(flag.ratio, language),
  };
}

/** One group's bar in the chart of an attribute: its match rate in percent, and whether it is flagged. */
export interface RateBar {
  group: string;
  /** 0–100. */
  rate: number;
  flagged: boolean;
}

/** What the chart of an attribute draws: a bar per group and a line at four-fifths of the best rate. */
export interface RateChart {
  bars: RateBar[];
  /** The best group (the first of those with the highest rate) and its rate in percent, if any group matched. */
  best: { group: string; rate: number } | null;
  /** Four-fifths of the best rate, in percent: a bar that ends left of this line is flagged. */
  line: number | null;
  /** The flagged groups' names, in the report's order. */
  flagged: string[];
}

/** The chart of an attribute's report, with groups named by `name`; the flags are the report's own. */
export function rateChart(report: AttributeReport, name: (group: GroupName) => string): RateChart {
  const bars = report.groups.map((g) => ({
    group: name(g.group),
    rate: g.match_rate * 100,
    flagged: flagOf(report, g.group) !== null,
  }));
  const best = bars.reduce<RateBar | null>((top, bar) => (top === null || bar.rate > top.rate ? bar : top), null);
  const matched = best !== null && best.rate > 0;
  return {
    bars,
    best: matched ? { group: best.group, rate: best.rate } : null,
    line: matched ? best.rate * 0.8 : null,
    flagged: bars.filter((b) => b.flagged).map((b) => b.group),
  };
}

/**
 * Room for the group names left of horizontal bars, in pixels at a 12px font, with the ticks'
 * margin: wide characters (Japanese) count twice; never under 48 nor over 160, past which a name
 * wraps.
 */
export function groupAxisWidth(groups: readonly string[]): number {
  const widest = Math.max(0, ...groups.map((g) => [...g].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e7f ? 2 : 1), 0)));
  return Math.min(160, Math.max(48, 24 + widest * 7));
}
