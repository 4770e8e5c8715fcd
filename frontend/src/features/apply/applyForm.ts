import type { ApplyRequest, CustomQuestion, ParticipantRole, Problem, PublicCampaign } from "../../api/types";

export interface ApplyValues {
  email: string;
  role_wanted: ParticipantRole | null;
  can_teach: string;
  wants_to_learn: string;
  goals: string;
  availability: string;
  languages: string[];
  consent: boolean;
  /** Text and single-choice answers are strings, multiple-choice answers lists. */
  answers: Record<string, string | string[]>;
  [field: string]: unknown;
}

const blankAnswer = (q: CustomQuestion): string | string[] => (q.kind === "multiple_choice" ? [] : "");

export function initialApply(campaign: PublicCampaign, language: string): ApplyValues {
  return {
    email: campaign.email ?? "",
    role_wanted: campaign.roles.length === 1 ? (campaign.roles[0] ?? null) : null,
    can_teach: "",
    wants_to_learn: "",
    goals: "",
    availability: "",
    languages: [language],
    consent: false,
    answers: Object.fromEntries(campaign.questions.map((q) => [q.key, blankAnswer(q)])),
  };
}

/** A personal link knows the address; only the public link asks for one. */
export const asksForEmail = (campaign: PublicCampaign): boolean => !campaign.email;

export function toApplyRequest(values: ApplyValues, campaign: PublicCampaign): ApplyRequest | null {
  if (!values.role_wanted) return null;
  return {
    ...(asksForEmail(campaign) ? { email: values.email.trim() } : {}),
    role_wanted: values.role_wanted,
    can_teach: values.can_teach.trim(),
    wants_to_learn: values.wants_to_learn.trim(),
    goals: values.goals.trim(),
    availability: values.availability.trim(),
    languages: values.languages,
    consent: values.consent,
    answers: values.answers,
  };
}

const FIELDS = ["email", "role_wanted", "can_teach", "wants_to_learn", "goals", "availability", "languages", "consent"];

/**
 * A refusal's field errors by form path: `answers.<key>` stays as is (each question shows its own),
 * other paths go to their top-level field; the rest is returned as lines for an alert.
 */
export function applyErrors(problem: Problem, questionKeys: readonly string[]): { fields: Record<string, string>; rest: string[] } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const e of problem.errors ?? []) {
    const answer = /^answers\.(.+)$/.exec(e.field);
    const top = e.field.split(/[.[]/)[0] ?? e.field;
    const path = answer && questionKeys.includes(answer[1] ?? "") ? e.field : FIELDS.includes(top) ? top : null;
    if (path === null) rest.push(`${e.field}: ${e.message}`);
    else fields[path] ??= e.message;
  }
  return { fields, rest };
}
