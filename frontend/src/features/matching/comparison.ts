import type { AuditAttribute, GroupName, MatchingRunView, RunComparison } from "../../api/types";
import { intlLocale, type Language } from "../../i18n/language";

/** A group whose match rate moved between two runs, in whole percentage points as the rates are shown. */
export interface RateMove {
  attribute: AuditAttribute;
  group: GroupName;
  before: number;
  after: number;
  points: number;
}

export interface ComparisonSummary {
  kept: number;
  added: number;
  removed: number;
  totalChange: number;
  pairsChange: number;
  /** The groups whose rate moved, in the report's order. */
  moved: RateMove[];
  /** How many groups kept their rate. */
  unmoved: number;
}

function points(rate: number): number {
  return Math.round(rate * 100);
}

export function summarise(comparison: RunComparison): ComparisonSummary {
  const moved: RateMove[] = [];
  for (const change of comparison.match_rate_changes) {
    const moves = points(change.after) - points(change.before);
    if (moves !== 0) moved.push({ ...change, points: moves });
  }
  return {
    kept: comparison.kept.length,
    added: comparison.added.length,
    removed: comparison.removed.length,
    totalChange: comparison.total_change,
    pairsChange: comparison.pairs_change,
    moved,
    unmoved: comparison.match_rate_changes.length - moved.length,
  };
}

/** Which of two runs is the later: pairs are "added" in it and "removed" from the earlier. */
export function laterFirst<R extends Pick<MatchingRunView, "id" | "created_at">>(a: R, b: R): { after: R; before: R } {
  return Date.parse(a.created_at) >= Date.parse(b.created_at) ? { after: a, before: b } : { after: b, before: a };
}

/** A change with its sign, at most one decimal: "+1.5", "-2", "±0". */
export function formatChange(change: number, language: Language): string {
  const rounded = Math.round(change * 10) / 10;
  if (rounded === 0) return "±0";
  return new Intl.NumberFormat(intlLocale(language), { signDisplay: "always", maximumFractionDigits: 1 }).format(rounded);
}
