import type { ApplyRequest, CustomQuestion, ParticipantRole, Problem, PublicCampaign } from "../../api/types";

export interface ApplyValues {
  email: string;
  role_wanted: ParticipantRole | null;
  /** Topics picked from the company's skills or typed; sent as comma-separated text. */
  can_teach: string[];
  wants_to_learn: string[];
  goals: string;
  availability: string;
  languages: string[];
  /** Work email addresses of people one would like to be paired with, or would rather not be (up to five each). */
  would_like: string[];
  rather_not: string[];
  consent: boolean;
  /** Text and single-choice answers are strings, multiple-choice answers lists. */
  answers: Record<string, string | string[]>;
  [field: string]: unknown;
}

const blankAnswer = (q: CustomQuestion): string | string[] => (q.kind === "multiple_choice" ? [] : "");

/** A served question's key: the API gives every saved question one, so it is never empty here. */
export const keyOf = (question: CustomQuestion): string => question.key ?? "";

export function initialApply(campaign: PublicCampaign, language: string): ApplyValues {
  return {
    email: campaign.email ?? "",
    role_wanted: campaign.roles.length === 1 ? (campaign.roles[0] ?? null) : null,
    can_teach: [],
    wants_to_learn: [],
    goals: "",
    availability: "",
    languages: [language],
    would_like: [],
    rather_not: [],
    consent: false,
    answers: Object.fromEntries(campaign.questions.map((q) => [keyOf(q), blankAnswer(q)])),
  };
}

/**
 * Topics as the tag input keeps them: text typed with commas (also 「、」) is several topics, each
 * trimmed; empty ones and repeats (in any case) are dropped, the first spelling kept.
 */
export function topics(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const topic of tags.flatMap((t) => t.split(/[,、，]/)).map((t) => t.trim())) {
    const key = topic.toLowerCase();
    if (topic === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(topic);
  }
  return out;
}

/** Topics as the API takes them: comma-separated text. */
export const topicsText = (tags: readonly string[]): string => topics(tags).join(", ");

/** The most addresses each wish takes. */
export const MAX_WISHES = 5;

/** Wished-for (or not) colleagues' addresses as sent: trimmed, without repeats in any case. */
export function wishes(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  return addresses
    .map((a) => a.trim())
    .filter((a) => {
      const key = a.toLowerCase();
      if (a === "" || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Looks like an email address (the server checks that it is someone in the directory). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A personal link knows the address; only the public link asks for one. */
export const asksForEmail = (campaign: PublicCampaign): boolean => !campaign.email;

export function toApplyRequest(values: ApplyValues, campaign: PublicCampaign): ApplyRequest | null {
  if (!values.role_wanted) return null;
  return {
    ...(asksForEmail(campaign) ? { email: values.email.trim() } : {}),
    role_wanted: values.role_wanted,
    can_teach: topicsText(values.can_teach),
    wants_to_learn: topicsText(values.wants_to_learn),
    goals: values.goals.trim(),
    availability: values.availability.trim(),
    languages: values.languages,
    would_like: wishes(values.would_like),
    rather_not: wishes(values.rather_not),
    consent: values.consent,
    answers: values.answers,
  };
}

/** The longest text the server takes in each free-text field of the form, and in a text answer. */
export const TEXT_LIMITS = { can_teach: 2000, wants_to_learn: 2000, goals: 2000, availability: 500 } as const;
export const ANSWER_LIMIT = 2000;

/** Why a field cannot be sent yet, in words that fit both the cause and the control. */
export type ApplyProblem =
  | { key: "apply.errors.enterEmail" | "apply.errors.enterAnswer" | "apply.errors.chooseRole" | "apply.errors.chooseOne" | "apply.errors.chooseSome" | "apply.consentRequired" }
  | { key: "apply.errors.tooLong" | "apply.errors.tooManyWishes"; max: number }
  | { key: "apply.errors.notAnEmail"; value: string };

const tooLong = (text: string, max: number): ApplyProblem | null =>
  [...text].length > max ? { key: "apply.errors.tooLong", max } : null;

/** An answer's problem: an empty text asks to enter one, an empty choice to choose, a long text names the limit. */
export function answerProblem(question: CustomQuestion, value: string | string[] | undefined): ApplyProblem | null {
  const required = question.required ?? false;
  if (question.kind === "multiple_choice") {
    return required && (!Array.isArray(value) || value.length === 0) ? { key: "apply.errors.chooseSome" } : null;
  }
  const text = typeof value === "string" ? value : "";
  if (question.kind === "single_choice") return required && text === "" ? { key: "apply.errors.chooseOne" } : null;
  if (required && text.trim() === "") return { key: "apply.errors.enterAnswer" };
  return tooLong(text, ANSWER_LIMIT);
}

/** What must change before the form is sent, by form path. */
export function applyProblems(values: ApplyValues, campaign: PublicCampaign): Record<string, ApplyProblem> {
  const problems: Record<string, ApplyProblem> = {};
  if (asksForEmail(campaign) && !values.email.trim()) problems.email = { key: "apply.errors.enterEmail" };
  if (!values.role_wanted) problems.role_wanted = { key: "apply.errors.chooseRole" };
  for (const [field, max] of Object.entries(TEXT_LIMITS)) {
    const value = values[field];
    const problem = tooLong(Array.isArray(value) ? topicsText(value) : String(value ?? ""), max);
    if (problem) problems[field] = problem;
  }
  for (const q of campaign.questions) {
    const problem = answerProblem(q, values.answers[keyOf(q)]);
    if (problem) problems[`answers.${keyOf(q)}`] = problem;
  }
  for (const field of ["would_like", "rather_not"] as const) {
    const list = wishes(values[field]);
    const wrong = list.find((a) => !EMAIL.test(a));
    if (wrong !== undefined) problems[field] = { key: "apply.errors.notAnEmail", value: wrong };
    else if (list.length > MAX_WISHES) problems[field] = { key: "apply.errors.tooManyWishes", max: MAX_WISHES };
  }
  if (!values.consent) problems.consent = { key: "apply.consentRequired" };
  return problems;
}

const FIELDS = ["email", "role_wanted", "can_teach", "wants_to_learn", "goals", "availability", "languages", "would_like", "rather_not", "consent"];

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
