import { topLevelField } from "../../api/problem";
import type { ParticipantRole, Problem, ProgramKind } from "../../api/types";
import type { Language } from "../../i18n/language";
import type { PublicQuestion, SurveyKind, SurveyQuestion, SurveyRequest } from "./types";

/** One answer as the survey page keeps it: a scale or NPS point, an option's value, several, or words. */
export type Answer = number | string | string[];
export type Answers = Readonly<Record<string, Answer | undefined>>;

/** Whether a question has an answer worth sending (blank words and no option ticked are none). */
export function isAnswered(question: Pick<PublicQuestion, "kind">, answer: Answer | undefined): boolean {
  if (answer === undefined) return false;
  switch (question.kind) {
    case "scale":
    case "nps":
      return typeof answer === "number";
    case "multiple_choice":
      return Array.isArray(answer) && answer.length > 0;
    default:
      return typeof answer === "string" && answer.trim() !== "";
  }
}

/** The keys of required questions still without an answer, in the survey's order. */
export function missingRequired(questions: readonly PublicQuestion[], answers: Answers): string[] {
  return questions.filter((q) => q.required && !isAnswered(q, answers[q.key])).map((q) => q.key);
}

/** The answers to send, by question key: only answered questions, words trimmed, options in the survey's order. */
export function answersBody(questions: readonly PublicQuestion[], answers: Answers): Record<string, number | string | string[]> {
  const body: Record<string, number | string | string[]> = {};
  for (const q of questions) {
    const answer = answers[q.key];
    if (!isAnswered(q, answer) || answer === undefined) continue;
    if (q.kind === "multiple_choice" && Array.isArray(answer)) {
      body[q.key] = q.options.map((o) => o.value).filter((v) => answer.includes(v));
    } else if (q.kind === "text" && typeof answer === "string") {
      body[q.key] = answer.trim();
    } else {
      body[q.key] = answer;
    }
  }
  return body;
}

/**
 * A refusal's field errors beside their questions (`answers.<key>` → key); whatever names no
 * question of the survey is left for the page's alert, as "field: message".
 */
export function questionErrors(problem: Problem, keys: readonly string[]): { byQuestion: Record<string, string>; rest: string[] } {
  const byQuestion: Record<string, string> = {};
  const rest: string[] = [];
  for (const error of problem.errors ?? []) {
    const match = /^answers\.(.+)$/.exec(error.field.trim());
    const key = match ? topLevelField(match[1] ?? "") : null;
    if (key !== null && keys.includes(key)) {
      if (!(key in byQuestion)) byQuestion[key] = error.message;
    } else {
      rest.push(`${error.field}: ${error.message}`);
    }
  }
  return { byQuestion, rest };
}

/** A question's label in the console's language, else the one it was written in. */
export function questionLabel(question: Pick<SurveyQuestion, "label" | "labels">, language: Language): string {
  return question.labels?.[language]?.trim() || question.label;
}

/** An option (as answers are filed) in the console's language, else as written. */
export function optionLabel(question: Pick<SurveyQuestion, "options" | "option_labels">, value: string, language: Language): string {
  const index = (question.options ?? []).indexOf(value);
  const translated = index >= 0 ? question.option_labels?.[language]?.[index] : undefined;
  return translated?.trim() || value;
}

/** Who a survey may be for: everyone, or one side; mutual programs have no sides, so only everyone. */
export function audiencesFor(kind: ProgramKind): ParticipantRole[] {
  return kind === "mutual" ? ["either"] : ["either", "mentor", "mentee"];
}

export interface SurveyFormValues {
  kind: SurveyKind;
  audience: ParticipantRole;
  title: string;
  /** `YYYY-MM-DD`, or empty for no closing day. */
  closesOn: string;
  anonymous: boolean;
  [field: string]: unknown;
}

export function initialSurveyForm(programKind: ProgramKind): SurveyFormValues {
  return { kind: "mid_program", audience: audiencesFor(programKind)[0] ?? "either", title: "", closesOn: "", anonymous: true };
}

/** The request for a new survey: the template's questions, the kind's name unless a title is typed. */
export function surveyRequest(values: SurveyFormValues): SurveyRequest {
  const title = values.title.trim();
  return {
    kind: values.kind,
    audience: values.audience,
    anonymous: values.anonymous,
    ...(title ? { title } : {}),
    ...(values.closesOn ? { closes_on: values.closesOn } : {}),
  };
}
