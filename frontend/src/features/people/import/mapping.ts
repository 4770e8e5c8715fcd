import { PERSON_FIELDS, type PersonField } from "../../../api/types";

/** A column's target: a person field, or nothing. */
export type ColumnTarget = PersonField | "";
export type ColumnMapping = Record<string, ColumnTarget>;

/** Lower case, no spaces, dashes, underscores or dots: "Employee-ID" and "employee_id" compare equal. */
export function normalizeHeader(header: string): string {
  return header.normalize("NFKC").toLowerCase().replace(/[\s\-_.・/]+/g, "");
}

// Headers HR exports commonly use, in English and Japanese, besides the field names themselves.
const SYNONYMS: Record<PersonField, readonly string[]> = {
  external_id: ["externalid", "employeeid", "employeenumber", "employeeno", "empid", "empno", "staffid", "id", "社員番号", "従業員番号", "社員id"],
  name: ["fullname", "employeename", "displayname", "氏名", "名前", "社員名"],
  email: ["mail", "emailaddress", "workemail", "e-mail", "メール", "メールアドレス"],
  department: ["dept", "division", "team", "部署", "部門", "所属"],
  function: ["jobfunction", "職種", "職能"],
  region: ["country", "area", "地域", "リージョン"],
  location: ["office", "city", "site", "勤務地", "拠点"],
  job_level: ["level", "grade", "joblevel", "band", "等級", "グレード", "職位"],
  title: ["jobtitle", "position", "役職", "肩書"],
  manager_external_id: ["manager", "managerid", "manageremployeeid", "reportsto", "上司", "上長", "上司社員番号"],
  time_zone: ["timezone", "tz", "タイムゾーン"],
  languages: ["language", "spokenlanguages", "言語"],
  skills: ["skill", "expertise", "スキル"],
  is_executive: ["executive", "isexec", "exec", "役員"],
  hire_date: ["hired", "hiredate", "startdate", "joindate", "入社日"],
  preferred_locale: ["locale", "preferredlanguage", "uilanguage", "ロケール"],
  gender: ["sex", "性別"],
  age_band: ["agerange", "agegroup", "年代"],
};

const LOOKUP = new Map<string, PersonField>(
  PERSON_FIELDS.flatMap((field) => [field, ...SYNONYMS[field]].map((name) => [normalizeHeader(name), field] as const)),
);

/** The field a header most likely means, if any. */
export function guessField(header: string): PersonField | null {
  return LOOKUP.get(normalizeHeader(header)) ?? null;
}

/**
 * A first mapping for a file's headers: each header to the field it names (or an obvious
 * synonym), each field taken by one column at most (the first), the rest ignored. Choices made
 * for headers the previous file had too are kept.
 */
export function autoMap(headers: readonly string[], previous: ColumnMapping = {}): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<PersonField>();
  for (const header of headers) {
    const kept = previous[header];
    if (kept !== undefined && header in previous) {
      mapping[header] = kept;
      if (kept) taken.add(kept);
    }
  }
  for (const header of headers) {
    if (header in mapping) continue;
    const field = guessField(header);
    mapping[header] = field && !taken.has(field) ? field : "";
    if (field) taken.add(field);
  }
  return mapping;
}

/** The request's mapping: only the columns that go somewhere. */
export function requestMapping(mapping: ColumnMapping): Record<string, PersonField> {
  const out: Record<string, PersonField> = {};
  for (const [header, field] of Object.entries(mapping)) if (field) out[header] = field;
  return out;
}

export const REQUIRED_FIELDS: readonly PersonField[] = ["external_id", "name", "email"];

/** Required fields no column is mapped to yet. */
export function missingFields(mapping: ColumnMapping): PersonField[] {
  const mapped = new Set(Object.values(mapping));
  return REQUIRED_FIELDS.filter((f) => !mapped.has(f));
}

/** Fields chosen for more than one column. */
export function duplicateFields(mapping: ColumnMapping): PersonField[] {
  const seen = new Set<PersonField>();
  const twice = new Set<PersonField>();
  for (const field of Object.values(mapping)) {
    if (!field) continue;
    if (seen.has(field)) twice.add(field);
    seen.add(field);
  }
  return [...twice];
}
