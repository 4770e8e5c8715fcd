import { formatNumber } from "../../i18n/format";
import { intlLocale, type Language } from "../../i18n/language";

/** The index to two decimals ("0.62"); `null` (nobody recorded learning yet) stays null. */
export function formatIndex(index: number | null | undefined, language: Language): string | null {
  if (index === null || index === undefined || Number.isNaN(index)) return null;
  return new Intl.NumberFormat(intlLocale(language), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(index);
}

export type IndexLevel = "none" | "oneWay" | "partly" | "bothWays";

/** The index in a word: learning mostly one way (under 0.3), partly both ways, or both ways (0.7 and over). */
export function indexLevel(index: number | null | undefined): IndexLevel {
  if (index === null || index === undefined || Number.isNaN(index)) return "none";
  if (index < 0.3) return "oneWay";
  if (index < 0.7) return "partly";
  return "bothWays";
}

export interface Bucket {
  from: number;
  to: number;
  pairs: number;
}

/** "0.2–0.4": a bucket of the distribution by its bounds. */
export function bucketLabel(bucket: Pick<Bucket, "from" | "to">, language: Language): string {
  const n = (v: number) => new Intl.NumberFormat(intlLocale(language), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
  return `${n(bucket.from)}–${n(bucket.to)}`;
}

/** The chart's rows, lowest bucket first, each named by its bounds. */
export function distributionRows(buckets: readonly Bucket[], language: Language) {
  return [...buckets].sort((a, b) => a.from - b.from).map((b) => ({ bucket: bucketLabel(b, language), pairs: b.pairs }));
}

export interface TopicCount {
  topic: string;
  count: number;
}

/** The most frequent topics first (ties by name), at most `limit`. */
export function topTopics(topics: readonly TopicCount[], limit = 8): TopicCount[] {
  return [...topics].sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic)).slice(0, limit);
}

/** "3 of 5": part of a whole, in the page's language. */
export function partOf(part: number, whole: number, language: Language): { part: string; whole: string } {
  return { part: formatNumber(part, language), whole: formatNumber(whole, language) };
}
