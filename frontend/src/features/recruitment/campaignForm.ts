import type { CampaignInput, CampaignKind, CampaignView, CustomQuestion, Funnel, Locale, QuestionKind } from "../../api/types";

export interface QuestionValues {
  key: string;
  label: string;
  kind: QuestionKind;
  /** One option per line. */
  options: string;
  required: boolean;
}

export interface CampaignValues {
  name: string;
  kind: CampaignKind;
  /** `datetime-local` values, in the browser's zone; empty when not set. */
  deadline: string;
  sendAt: string;
  reminderHours: number | string;
  messages: Record<Locale, { subject: string; body: string }>;
  questions: QuestionValues[];
  [field: string]: unknown;
}

export const emptyCampaign = (): CampaignValues => ({
  name: "",
  kind: "open",
  deadline: "",
  sendAt: "",
  reminderHours: "",
  messages: { en: { subject: "", body: "" }, ja: { subject: "", body: "" } },
  questions: [],
});

export const emptyQuestion = (): QuestionValues => ({ key: "", label: "", kind: "text", options: "", required: false });

/** A `datetime-local` value as an instant, or null when empty or unreadable. */
export function localToIso(value: string): string | null {
  if (!value.trim()) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function toQuestion(q: QuestionValues): CustomQuestion {
  const options = q.kind === "text" ? [] : q.options.split("\n").map((o) => o.trim()).filter(Boolean);
  return { key: q.key.trim(), label: q.label.trim(), kind: q.kind, options, required: q.required };
}

/** What the API takes; a language whose subject and body are both empty is left out. */
export function toCampaignInput(values: CampaignValues): CampaignInput {
  const messages: CampaignInput["messages"] = {};
  for (const locale of ["en", "ja"] as const) {
    const m = values.messages[locale];
    if (m.subject.trim() || m.body.trim()) messages[locale] = { subject: m.subject, body: m.body };
  }
  const hours = typeof values.reminderHours === "number" ? values.reminderHours : null;
  return {
    name: values.name.trim(),
    kind: values.kind,
    deadline: localToIso(values.deadline),
    send_at: localToIso(values.sendAt),
    reminder_hours_before: hours,
    messages,
    questions: values.questions.map(toQuestion),
  };
}

export const FUNNEL_STEPS = ["invited", "emailed", "opened", "applied", "accepted"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** The bars of the funnel chart, in order. */
export function funnelBars(funnel: Funnel): { step: FunnelStep; count: number }[] {
  return FUNNEL_STEPS.map((step) => ({ step, count: funnel[step] }));
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Open campaigns whose deadline is still ahead and at most seven days away, soonest first. */
export function closingSoon(campaigns: readonly CampaignView[], now: number): CampaignView[] {
  return campaigns
    .filter((c) => {
      if (c.state !== "open" || !c.deadline) return false;
      const left = new Date(c.deadline).getTime() - now;
      return left >= 0 && left <= WEEK_MS;
    })
    .sort((a, b) => (a.deadline ?? "").localeCompare(b.deadline ?? ""));
}
