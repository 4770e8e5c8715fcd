import type { ApplyRequest } from "../../api/types";

/**
 * What a person sent with `ApplyRequest`, read back from an application's free-form `form`
 * object (the schema leaves it open): every part present, answers as (key, text) pairs.
 */
export type ReadForm = Required<Omit<ApplyRequest, "email" | "role_wanted" | "answers">> & { answers: [string, string][] };

const text = (v: unknown): string => (typeof v === "string" ? v : "");

export function readForm(form: Record<string, unknown>): ReadForm {
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((l): l is string => typeof l === "string") : []);
  const languages = strings(form.languages);
  const rawAnswers = typeof form.answers === "object" && form.answers !== null ? Object.entries(form.answers) : [];
  const answers = rawAnswers.map(([key, value]): [string, string] => [
    key,
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").join(", ") : text(value),
  ]);
  return {
    can_teach: text(form.can_teach),
    wants_to_learn: text(form.wants_to_learn),
    goals: text(form.goals),
    availability: text(form.availability),
    languages,
    would_like: strings(form.would_like),
    rather_not: strings(form.rather_not),
    consent: form.consent === true,
    answers,
  };
}
