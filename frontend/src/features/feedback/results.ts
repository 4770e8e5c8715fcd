import { intlLocale, type Language } from "../../i18n/language";
import { optionLabel } from "./survey";
import type { CheckInPeriod, QuestionResults, SurveyQuestion } from "./types";

/** A mean score or answer with one decimal ("4.2", 「4.2」). */
export function formatMean(value: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** A share the API gives in percent (0–100) as a whole percentage ("79%"). */
export function formatShare(percent: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { style: "percent", maximumFractionDigits: 0 }).format(percent / 100);
}

/** An NPS (−100 to 100) with its sign ("+25", "−10", "0"). */
export function formatNps(nps: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { signDisplay: "exceptZero", maximumFractionDigits: 0 }).format(nps);
}

/** A period's first day as a short date ("Jan 11", 「1月11日」); the day itself for anything unreadable. */
export function periodLabel(period: string, language: Language): string {
  const date = new Date(`${period}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return period;
  return new Intl.DateTimeFormat(intlLocale(language), { month: "short", day: "numeric", timeZone: "UTC" }).format(date);
}

export interface TrendPoint {
  period: string;
  label: string;
  /** The mean score, or null for a period nobody answered (a gap in the line). */
  average: number | null;
  asked: number;
  answered: number;
}

/** The check-ins' trend, oldest period first. */
export function trendPoints(periods: readonly CheckInPeriod[], language: Language): TrendPoint[] {
  return [...periods]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map((p) => ({
      period: p.period,
      label: periodLabel(p.period, language),
      average: p.average_score ?? null,
      asked: p.asked,
      answered: p.answered,
    }));
}

/** One bar of a question's answers: the value as people read it and how many gave it. */
export interface CountBar {
  value: string;
  label: string;
  count: number;
}

/** A question's counts as bars; options in the reader's language, scale and NPS points as numbers. */
export function countBars(result: Pick<QuestionResults, "kind" | "counts">, question: SurveyQuestion | undefined, language: Language): CountBar[] {
  return result.counts.map((c) => ({
    value: c.value,
    label: question && (result.kind === "single_choice" || result.kind === "multiple_choice") ? optionLabel(question, c.value, language) : c.value,
    count: c.count,
  }));
}

/** A calendar day the API sends as `YYYY-MM-DD` ("Mar 7, 2027", 「2027/03/07」), the same in every time zone. */
export function formatDay(day: string, language: Language): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: "medium", timeZone: "UTC" }).format(date);
}
