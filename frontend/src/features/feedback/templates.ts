import type { SurveyQuestion, SurveyQuestionKind } from "./types";

export const QUESTION_KINDS: readonly SurveyQuestionKind[] = ["scale", "nps", "single_choice", "multiple_choice", "text"];

/** One question as the template editor keeps it: labels in English and Japanese, options one a line. */
export interface QuestionDraft {
  key: string;
  kind: SurveyQuestionKind;
  label: string;
  labelJa: string;
  required: boolean;
  options: string;
  optionsJa: string;
}

export const takesOptions = (kind: SurveyQuestionKind): boolean => kind === "single_choice" || kind === "multiple_choice";

const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");

export function draftsFrom(questions: readonly SurveyQuestion[]): QuestionDraft[] {
  return questions.map((q) => ({
    key: q.key,
    kind: q.kind,
    label: q.label,
    labelJa: q.labels?.ja ?? "",
    required: q.required ?? false,
    options: (q.options ?? []).join("\n"),
    optionsJa: (q.option_labels?.ja ?? []).join("\n"),
  }));
}

/** A new question's draft, with a key not used yet (`question_2`, `question_3`, …). */
export function newDraft(existing: readonly QuestionDraft[]): QuestionDraft {
  const keys = new Set(existing.map((d) => d.key));
  let n = existing.length + 1;
  while (keys.has(`question_${n}`)) n += 1;
  return { key: `question_${n}`, kind: "scale", label: "", labelJa: "", required: true, options: "", optionsJa: "" };
}

/** The questions to save: labels trimmed, Japanese only where written, options only for choice questions. */
export function questionsFrom(drafts: readonly QuestionDraft[]): SurveyQuestion[] {
  return drafts.map((d) => {
    const labelJa = d.labelJa.trim();
    const question: SurveyQuestion = { key: d.key.trim(), kind: d.kind, label: d.label.trim(), required: d.required };
    if (labelJa) question.labels = { ja: labelJa };
    if (takesOptions(d.kind)) {
      question.options = lines(d.options);
      const ja = lines(d.optionsJa);
      if (ja.length > 0) question.option_labels = { ja };
    }
    return question;
  });
}

/** Moves the question at `from` one place up (-1) or down (+1); out of range leaves the list as it is. */
export function moved<T>(items: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}
