import type { NudgeRule, NudgeSetting, NudgeSettings, NudgeSettingsRequest, NudgeState } from "./types";

/** The rules in the order a person meets them in a program. */
export const NUDGE_RULES: readonly NudgeRule[] = [
  "training_not_done",
  "kickoff_tomorrow",
  "no_session",
  "confirmation_waiting",
  "check_in_due",
  "survey_due",
  "pair_inactive",
  "program_ending",
];

export const NUDGE_STATES: readonly NudgeState[] = ["queued", "held", "sent", "capped", "suppressed", "failed"];

/** A rule's timing the company cannot change (the kickoff's reminder is the day before). */
export const hasFixedTiming = (rule: NudgeRule): boolean => rule === "kickoff_tomorrow";

export const DAYS_MIN = 1;
export const DAYS_MAX = 90;

/** One rule as the form holds it: the number box gives "" when empty. */
export interface RuleValues {
  rule: NudgeRule;
  enabled: boolean;
  days: number | string;
}

export interface NudgeFormValues {
  [key: string]: unknown;
  paused: boolean;
  rules: RuleValues[];
}

const order = (rule: NudgeRule) => {
  const i = NUDGE_RULES.indexOf(rule);
  return i < 0 ? NUDGE_RULES.length : i;
};

/** The settings into the form, rules in their order (unknown rules from a newer server last). */
export function toFormValues(settings: NudgeSettings): NudgeFormValues {
  return {
    paused: settings.paused,
    rules: [...settings.rules].sort((a, b) => order(a.rule) - order(b.rule)).map((r) => ({ rule: r.rule, enabled: r.enabled, days: r.days })),
  };
}

/** A whole number of days, or NaN for what the box cannot read (the server then names the field). */
function toDays(value: number | string): number {
  if (typeof value === "number") return value;
  const trimmed = value.trim();
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

/** The timing is a whole number from 1 to 90 days. */
export function daysProblem(value: number | string): boolean {
  const n = toDays(value);
  return !(Number.isInteger(n) && n >= DAYS_MIN && n <= DAYS_MAX);
}

/** The PUT body: every rule with its switch and timing; a fixed timing is sent as it came. */
export function toRequest(values: NudgeFormValues): NudgeSettingsRequest {
  const rules: NudgeSetting[] = values.rules.map((r) => {
    const days = toDays(r.days);
    return { rule: r.rule, enabled: r.enabled, days: Number.isFinite(days) ? days : 0 };
  });
  return { paused: values.paused, rules };
}

/** The form's path of a field error the server names `rules[2].days`: `rules.2.days`. */
export function formPath(apiField: string): string {
  return apiField.replace(/\[(\d+)\]/g, ".$1");
}

const STATE_COLORS: Record<NudgeState, string> = {
  queued: "gray",
  held: "yellow",
  sent: "teal",
  capped: "orange",
  suppressed: "grape",
  failed: "red",
};

export function stateColor(state: NudgeState): string {
  return STATE_COLORS[state] ?? "gray";
}

/** The people named in a log, once each, sorted by name: the choices of its filter. */
export function peopleInLog(entries: readonly { person_id: string; name: string }[]): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const e of entries) if (!seen.has(e.person_id)) seen.set(e.person_id, e.name);
  return [...seen.entries()].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}
