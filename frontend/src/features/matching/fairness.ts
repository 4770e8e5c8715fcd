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
