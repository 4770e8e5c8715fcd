import type { Locale, PersonInput, PersonView, Problem } from "../../api/types";

/** A person as the edit form holds it: text boxes give strings, empty means "not set". */
export interface PersonFormValues {
  [key: string]: unknown;
  external_id: string;
  name: string;
  name_reading: string;
  email: string;
  department: string;
  function: string;
  region: string;
  location: string;
  job_level: number | string;
  title: string;
  manager_external_id: string;
  time_zone: string;
  languages: string[];
  skills: string[];
  is_executive: boolean;
  hire_date: string;
  preferred_locale: Locale;
  gender: string;
  age_band: string;
}

export function toFormValues(p: PersonView): PersonFormValues {
  return {
    external_id: p.external_id,
    name: p.name,
    name_reading: p.name_reading ?? "",
    email: p.email,
    department: p.department ?? "",
    function: p.function ?? "",
    region: p.region ?? "",
    location: p.location ?? "",
    job_level: p.job_level ?? "",
    title: p.title ?? "",
    manager_external_id: p.manager_external_id ?? "",
    time_zone: p.time_zone ?? "",
    languages: [...p.languages],
    skills: [...p.skills],
    is_executive: p.is_executive,
    hire_date: p.hire_date ?? "",
    preferred_locale: p.preferred_locale,
    gender: p.gender ?? "",
    age_band: p.age_band ?? "",
  };
}

/** A blank form for a person added by hand; their emails are in the company's language until changed. */
export function emptyFormValues(locale: Locale): PersonFormValues {
  return {
    external_id: "",
    name: "",
    name_reading: "",
    email: "",
    department: "",
    function: "",
    region: "",
    location: "",
    job_level: "",
    title: "",
    manager_external_id: "",
    time_zone: "",
    languages: [],
    skills: [],
    is_executive: false,
    hire_date: "",
    preferred_locale: locale,
    gender: "",
    age_band: "",
  };
}

/**
 * The field a conflict (409) is about, so that its words appear beside it: an employee ID that
 * another person has, or an email that belongs to another person. Other conflicts name no field.
 */
export function conflictField(problem: Pick<Problem, "status" | "code">): "external_id" | "email" | null {
  if (problem.status !== 409) return null;
  if (problem.code === "external_id_exists") return "external_id";
  if (problem.code === "email_belongs_to") return "email";
  return null;
}

const optional = (text: string): string | null => (text.trim() === "" ? null : text.trim());

/**
 * The body of `POST /people` and `PUT /people/{id}`. Sensitive attributes are sent only when the editor may see
 * them: otherwise the form never held their values, and sending null would erase them.
 */
export function toPersonInput(v: PersonFormValues, withSensitive: boolean): PersonInput {
  const level = typeof v.job_level === "number" ? v.job_level : Number.parseInt(v.job_level, 10);
  const input: PersonInput = {
    external_id: v.external_id.trim(),
    name: v.name.trim(),
    name_reading: optional(v.name_reading),
    email: v.email.trim(),
    department: optional(v.department),
    function: optional(v.function),
    region: optional(v.region),
    location: optional(v.location),
    job_level: Number.isFinite(level) ? level : null,
    title: optional(v.title),
    manager_external_id: optional(v.manager_external_id),
    time_zone: optional(v.time_zone),
    languages: v.languages.map((l) => l.trim()).filter(Boolean),
    skills: v.skills.map((s) => s.trim()).filter(Boolean),
    is_executive: v.is_executive,
    hire_date: optional(v.hire_date),
    preferred_locale: v.preferred_locale,
  };
  if (withSensitive) {
    input.gender = optional(v.gender);
    input.age_band = optional(v.age_band);
  }
  return input;
}
