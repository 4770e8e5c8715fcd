import { LOCALES, type CampaignInput, type CampaignKind, type CampaignView, type CustomQuestion, type Funnel, type Locale, type QuestionKind } from "../../api/types";

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

/** An instant as a `datetime-local` value in the browser's zone (to the minute), or "" when absent. */
export function isoToLocal(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A saved campaign as the form holds it, so that saving it unchanged sends what was saved. */
export function fromCampaignView(view: CampaignView): CampaignValues {
  const messages = emptyCampaign().messages;
  for (const locale of LOCALES) {
    const m = view.messages[locale];
    if (m) messages[locale] = { subject: m.subject, body: m.body };
  }
  return {
    name: view.name,
    kind: view.kind,
    deadline: isoToLocal(view.deadline),
    sendAt: isoToLocal(view.send_at),
    reminderHours: view.reminder_hours_before ?? "",
    messages,
    questions: view.questions.map((q) => ({
      // Saved questions always have a key; "" is a new question, which the API gives one.
      key: q.key ?? "",
      label: q.label,
      kind: q.kind,
      options: (q.options ?? []).join("\n"),
      required: q.required ?? false,
    })),
  };
}

/**
 * The API's names for the form's fields; a language's message errors (`messages.ja.body`, or
 * `messages.ja` when half of it is missing) go beside that language's inputs.
 */
export const CAMPAIGN_FIELD_ALIASES: Readonly<Record<string, string>> = {
  send_at: "sendAt",
  reminder_hours_before: "reminderHours",
  ...Object.fromEntries(
    LOCALES.flatMap((l) => [
      [`messages.${l}`, `messages.${l}.subject`],
      [`messages.${l}.subject`, `messages.${l}.subject`],
      [`messages.${l}.body`, `messages.${l}.body`],
    ]),
  ),
};

/** Whether a language's message has an error to show, so its tab can say so. */
export function messageHasError(errors: Readonly<Record<string, unknown>>, locale: Locale): boolean {
  return Object.keys(errors).some((k) => k === `messages.${locale}` || k.startsWith(`messages.${locale}.`));
}

function toQuestion(q: QuestionValues): CustomQuestion {
  const options = q.kind === "text" ? [] : q.options.split("\n").map((o) => o.trim()).filter(Boolean);
  return { key: q.key.trim(), label: q.label.trim(), kind: q.kind, options, required: q.required };
}

/**
 * What the preview of one language's message asks the server for, as JSON (the key of that
 * language's preview: a changed text is a new preview), with the zone its deadline is shown
 * in; null while the message is empty.
 */
export function previewRequest(values: CampaignValues, locale: Locale, timeZone: string | null = browserTimeZone()): string | null {
  const m = values.messages[locale];
  if (!m.subject.trim() && !m.body.trim()) return null;
  return JSON.stringify({
    locale,
    message: { subject: m.subject, body: m.body },
    deadline: localToIso(values.deadline),
    ...(timeZone ? { time_zone: timeZone } : {}),
  });
}

/** The browser's time zone (`Asia/Tokyo`), so a preview's deadline reads in the admin's own time. */
export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
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
