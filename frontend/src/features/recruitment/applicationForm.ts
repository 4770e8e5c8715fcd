/** The parts of an application's free-form `form` object, read defensively (the schema leaves it open). */
export interface ReadForm {
  can_teach: string;
  wants_to_learn: string;
  goals: string;
  availability: string;
  languages: string[];
  consent: boolean;
  answers: [string, string][];
}

const text = (v: unknown): string => (typeof v === "string" ? v : "");

export function readForm(form: Record<string, unknown>): ReadForm {
  const languages = Array.isArray(form.languages) ? form.languages.filter((l): l is string => typeof l === "string") : [];
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
    consent: form.consent === true,
    answers,
  };
}
