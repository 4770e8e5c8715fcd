import { formatNumber } from "../../i18n/format";
import { intlLocale, type Language } from "../../i18n/language";
import type { HealthCounts, MetricResult, MetricSource, MonthSessions, ProgramFunnel } from "./types";

/** Every place a success metric's number may come from, in the order the editor offers them. */
export const METRIC_SOURCES: readonly MetricSource[] = [
  "manual",
  "sessions_per_pair",
  "reciprocity",
  "senior_learned",
  "check_in_score",
  "survey_nps",
  "survey_question",
  "training_completion",
  "executive_participation",
  "pairs_retained",
  "cross_department",
];

/** The tables a program exports as CSV, as the API names them. */
export const EXPORT_TABLES = ["pairs", "sessions", "learning", "check-ins", "nudges", "surveys", "metrics"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** The file a table is saved as: `<program>-<table>.csv`, the program's name made safe for a file name. */
export function exportFileName(programName: string, table: ExportTable): string {
  const safe = programName
    .normalize("NFKC")
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
    .trim()
    .replace(/\s+/g, "-")
    .slice(0, 80);
  return `${safe || "program"}-${table}.csv`;
}

/** A month the API sends as `YYYY-MM` ("Jan 2027", 「2027年1月」); the text itself when unreadable. */
export function monthLabel(month: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(intlLocale(language), { year: "numeric", month: "short", timeZone: "UTC" }).format(date);
}

/** A share the API gives in percent (0–100) as a whole percentage ("79%"); "—" when there is none. */
export function formatPercentShare(percent: number | null | undefined, language: Language): string {
  if (percent === null || percent === undefined || Number.isNaN(percent)) return "—";
  return new Intl.NumberFormat(intlLocale(language), { style: "percent", maximumFractionDigits: 0 }).format(percent / 100);
}

/** A measured figure: whole numbers as they are, others with at most two decimals ("1.8", "0.72"). */
export function formatFigure(value: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 2 }).format(value);
}

/** A metric's figure with its unit: "84%" for a percent unit, "1.8 sessions" otherwise ("—" when not measured yet). */
export function formatWithUnit(value: number | null | undefined, unit: string, language: Language): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  const figure = formatFigure(value, language);
  const u = unit.trim();
  if (u === "") return figure;
  if (u === "%" || u === "％") return `${figure}%`;
  return `${figure} ${u}`;
}

export type MetricStatus = "met" | "notYet" | "notMeasured";

/** Where a metric stands against its target. */
export function metricStatus(metric: Pick<MetricResult, "measured" | "met">): MetricStatus {
  if (metric.measured === null || metric.measured === undefined) return "notMeasured";
  return metric.met ? "met" : "notYet";
}

/** How far the measured value has come towards its target, 0–100, for a progress bar. */
export function progressTowards(measured: number | null | undefined, target: number): number {
  if (measured === null || measured === undefined || !Number.isFinite(measured)) return 0;
  if (target <= 0) return measured >= target ? 100 : 0;
  return Math.max(0, Math.min(100, (measured / target) * 100));
}

export interface MetricPoint {
  on: string;
  label: string;
  value: number;
}

/** A metric's trend, oldest first, each point named by its short date. */
export function metricTrend(trend: readonly { on: string; value: number }[], language: Language): MetricPoint[] {
  return [...trend]
    .sort((a, b) => a.on.localeCompare(b.on))
    .map((p) => {
      const date = new Date(`${p.on}T00:00:00Z`);
      const label = Number.isNaN(date.getTime())
        ? p.on
        : new Intl.DateTimeFormat(intlLocale(language), { month: "short", day: "numeric", timeZone: "UTC" }).format(date);
      return { on: p.on, label, value: p.value };
    });
}

/** Whether the metric's values are entered by hand (the others are measured by Tandem). */
export const isManual = (metric: Pick<MetricResult, "source">): boolean => metric.source === "manual";

export const FUNNEL_STEPS = ["invited", "applied", "accepted", "matched", "active", "completed"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface FunnelRow {
  step: FunnelStep;
  people: number;
  /** The share of the first step (invited), in percent; null when nobody was invited. */
  ofInvited: number | null;
}

/** The funnel in its order, each step with its share of those invited. */
export function funnelRows(funnel: ProgramFunnel): FunnelRow[] {
  const invited = funnel.invited;
  return FUNNEL_STEPS.map((step) => ({
    step,
    people: funnel[step],
    ofInvited: invited > 0 ? (funnel[step] / invited) * 100 : null,
  }));
}

export interface MonthRow {
  month: string;
  label: string;
  sessions: number;
  minutes: number;
  hours: number;
  pairsMeeting: number;
  perPair: number | null;
}

/** Sessions by month, oldest first, with the month's label and the hours (one decimal). */
export function monthRows(months: readonly MonthSessions[], language: Language): MonthRow[] {
  return [...months]
    .sort((a, b) => a.month.localeCompare(b.month))
    .map((m) => ({
      month: m.month,
      label: monthLabel(m.month, language),
      sessions: m.sessions,
      minutes: m.minutes,
      hours: Math.round((m.minutes / 60) * 10) / 10,
      pairsMeeting: m.pairs_meeting,
      perPair: m.per_pair ?? null,
    }));
}

export const HEALTH_ORDER = ["on_track", "at_risk", "inactive"] as const;

/** The health counts as rows with their share of all pairs (percent, or null with no pairs). */
export function healthRows(health: HealthCounts): { status: (typeof HEALTH_ORDER)[number]; pairs: number; share: number | null }[] {
  const total = health.on_track + health.at_risk + health.inactive;
  return HEALTH_ORDER.map((status) => ({ status, pairs: health[status], share: total > 0 ? (health[status] / total) * 100 : null }));
}

/** "3 of 12": a part of a whole in the page's language. */
export function partOfWhole(part: number, whole: number, language: Language): { part: string; whole: string } {
  return { part: formatNumber(part, language), whole: formatNumber(whole, language) };
}
