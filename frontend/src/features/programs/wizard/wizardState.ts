import type {
  Cadence,
  MetricSource,
  Eligibility,
  ParticipantRole,
  ProgramDesign,
  ProgramKind,
  PurposeKind,
  TrainingModule,
} from "../../../api/types";

/** Who may take one role, as the form holds it (number inputs give "" when empty). */
export interface RuleValues {
  level_min: number | string;
  level_max: number | string;
  departments: string[];
  functions: string[];
  regions: string[];
  executives_only: boolean;
}

export interface MetricValues {
  name: string;
  target: number | string;
  unit: string;
  measured_by: string;
  /** Where the number comes from: values the managers enter, or a figure Tandem measures. */
  source: MetricSource;
  /** `survey_question` only: the question's key. */
  question: string;
}

/** A new metric's values: entered by hand until another source is chosen. */
export function emptyMetric(): MetricValues {
  return { name: "", target: "", unit: "", measured_by: "", source: "manual", question: "" };
}

export interface TrainingValues {
  title: string;
  role: ParticipantRole;
  url: string;
}

export interface ResourceValues {
  title: string;
  link: string;
  description: string;
}

/**
 * The wizard's values. Top-level names are the API's field names, so that a refused design's
 * field errors ("slots", "end_date", "eligibility") land beside the matching input.
 */
export interface WizardValues {
  [key: string]: unknown;
  purposes: PurposeKind[];
  custom_purpose: string;
  success_metrics: MetricValues[];
  name: string;
  kind: ProgramKind;
  eligibility: { mentor: RuleValues; mentee: RuleValues; either: RuleValues };
  mentors_more_junior: boolean;
  slots: number | string;
  mentor_capacity: number | string;
  start_date: string;
  end_date: string;
  meetings_per_month: number | string;
  minutes_per_meeting: number | string;
  check_in_cadence: Cadence;
  training: TrainingValues[];
  resources: ResourceValues[];
}

/** The roles whose rules the wizard holds. */
export type RuleRole = keyof WizardValues["eligibility"];

/** The roles a program of `kind` has rules for: mutual programs one `either` rule, the others a mentor and a mentee rule. */
export function ruleRoles(kind: ProgramKind): readonly RuleRole[] {
  return kind === "mutual" ? ["either"] : ["mentor", "mentee"];
}

export const EMPTY_RULE: RuleValues = {
  level_min: "",
  level_max: "",
  departments: [],
  functions: [],
  regions: [],
  executives_only: false,
};

export function emptyWizard(): WizardValues {
  return {
    purposes: [],
    custom_purpose: "",
    success_metrics: [],
    name: "",
    kind: "reverse",
    eligibility: { mentor: { ...EMPTY_RULE }, mentee: { ...EMPTY_RULE }, either: { ...EMPTY_RULE } },
    mentors_more_junior: true,
    slots: 20,
    mentor_capacity: 1,
    start_date: "",
    end_date: "",
    meetings_per_month: 2,
    minutes_per_meeting: 45,
    check_in_cadence: "monthly",
    training: [],
    resources: [],
  };
}

/** A whole number, or null for an empty or unreadable box. */
export function toInt(value: number | string): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? Math.trunc(value) : null;
  const n = Number.parseInt(value.trim(), 10);
  return Number.isFinite(n) ? n : null;
}

function toFloat(value: number | string): number {
  return typeof value === "number" ? value : Number.parseFloat(value);
}

const clean = (list: string[]) => list.map((s) => s.trim()).filter(Boolean);
const optional = (text: string): string | null => (text.trim() === "" ? null : text.trim());

export function toRule(role: ParticipantRole, r: RuleValues): Eligibility {
  return {
    role,
    level_min: toInt(r.level_min),
    level_max: toInt(r.level_max),
    departments: clean(r.departments),
    functions: clean(r.functions),
    regions: clean(r.regions),
    executives_only: r.executives_only,
  };
}

/**
 * The body of `POST /programs` (and `PUT`): the rules of the kind's roles; "junior mentors" only
 * means something for reverse programs; a custom purpose text only when the custom purpose is
 * chosen. Numbers the form cannot read are sent as 0 so that the server names the field.
 */
export function toProgramInput(v: WizardValues): ProgramDesign {
  const eligibility = ruleRoles(v.kind).map((role) => toRule(role, v.eligibility[role]));
  const input: ProgramDesign = {
    name: v.name.trim(),
    kind: v.kind,
    purposes: v.purposes,
    custom_purpose: v.purposes.includes("custom") ? optional(v.custom_purpose) : null,
    success_metrics: v.success_metrics.map((m) => ({
      name: m.name.trim(),
      target: toFloat(m.target),
      unit: m.unit.trim(),
      measured_by: m.measured_by.trim(),
      source: m.source,
      question: m.source === "survey_question" ? optional(m.question) : null,
    })),
    eligibility,
    slots: toInt(v.slots) ?? 0,
    mentor_capacity: toInt(v.mentor_capacity) ?? 0,
    start_date: optional(v.start_date),
    end_date: optional(v.end_date),
    meetings_per_month: toInt(v.meetings_per_month) ?? 0,
    minutes_per_meeting: toInt(v.minutes_per_meeting) ?? 0,
    check_in_cadence: v.check_in_cadence,
    training: v.training.map(
      (t): TrainingModule => ({ title: t.title.trim(), role: v.kind === "mutual" ? "either" : t.role, url: optional(t.url) }),
    ),
    resources: v.resources.map((r) => ({ title: r.title.trim(), link: r.link.trim(), description: optional(r.description) })),
  };
  if (v.kind === "reverse") input.mentors_more_junior = v.mentors_more_junior;
  return input;
}

function fromRule(rule: Eligibility | undefined): RuleValues {
  if (!rule) return { ...EMPTY_RULE };
  return {
    level_min: rule.level_min ?? "",
    level_max: rule.level_max ?? "",
    departments: [...rule.departments],
    functions: [...rule.functions],
    regions: [...rule.regions],
    executives_only: rule.executives_only,
  };
}

/** A saved design back into the wizard, to edit it. */
export function fromProgramInput(d: ProgramDesign): WizardValues {
  const rules = d.eligibility ?? [];
  const find = (role: ParticipantRole) => rules.find((r) => r.role === role);
  return {
    purposes: [...d.purposes],
    custom_purpose: d.custom_purpose ?? "",
    success_metrics: (d.success_metrics ?? []).map((m) => ({
      name: m.name,
      target: m.target,
      unit: m.unit,
      measured_by: m.measured_by,
      source: m.source ?? "manual",
      question: m.question ?? "",
    })),
    name: d.name,
    kind: d.kind,
    eligibility: { mentor: fromRule(find("mentor")), mentee: fromRule(find("mentee")), either: fromRule(find("either")) },
    mentors_more_junior: d.mentors_more_junior ?? true,
    slots: d.slots,
    mentor_capacity: d.mentor_capacity ?? 1,
    start_date: d.start_date ?? "",
    end_date: d.end_date ?? "",
    meetings_per_month: d.meetings_per_month,
    minutes_per_meeting: d.minutes_per_meeting,
    check_in_cadence: d.check_in_cadence,
    training: (d.training ?? []).map((t) => ({ title: t.title, role: t.role, url: t.url ?? "" })),
    resources: (d.resources ?? []).map((r) => ({ title: r.title, link: r.link, description: r.description ?? "" })),
  };
}

export const STEP_FIELDS: readonly (readonly string[])[] = [
  ["purposes", "custom_purpose", "success_metrics"],
  ["name", "kind", "eligibility", "mentors_more_junior", "slots", "mentor_capacity", "start_date", "end_date",
    "meetings_per_month", "minutes_per_meeting", "check_in_cadence", "training", "resources"],
];

/** The first wizard step showing one of these (top-level) fields; the review step if none. */
export function stepOfFields(fields: readonly string[]): number {
  const steps = STEP_FIELDS.map((names, i) => (fields.some((f) => names.includes(f)) ? i : Infinity));
  const first = Math.min(...steps);
  return Number.isFinite(first) ? first : STEP_FIELDS.length;
}

/** Why a field of the wizard cannot stay as it is; the key names the message (`programs.wizard.errors.*`). */
export type WizardProblem =
  | {
      key:
        | "purposes"
        | "customPurpose"
        | "name"
        | "endAfterStart"
        | "levelOrder"
        | "metricName"
        | "metricTarget"
        | "metricQuestion"
        | "moduleTitle"
        | "resourceTitle"
        | "webLink";
    }
  | { key: "between"; min: number; max: number }
  | { key: "tooLong"; max: number };

export const NAME_MAX = 200;
export const LEVEL_MAX = 20;

/** Like the server's rule: http:// or https://, something after it, and no spaces. */
export function isWebLink(link: string): boolean {
  const rest = link.startsWith("https://") ? link.slice(8) : link.startsWith("http://") ? link.slice(7) : null;
  return rest !== null && rest !== "" && !/[\s\u0000-\u001f\u007f]/.test(link);
}

const blank = (value: number | string) => typeof value === "string" && value.trim() === "";

/** A whole number from min to max, or why not; an empty box is allowed only where `optional`. */
function between(value: number | string, min: number, max: number, optional = false): WizardProblem | null {
  if (optional && blank(value)) return null;
  const n = typeof value === "number" ? value : Number(value.trim());
  return value !== "" && Number.isInteger(n) && n >= min && n <= max ? null : { key: "between", min, max };
}

/** What the wizard sees wrong in one role's rules, by field (`level_min`, `level_max`). */
export function ruleProblems(rule: RuleValues): Record<string, WizardProblem> {
  const problems: Record<string, WizardProblem> = {};
  const min = between(rule.level_min, 1, LEVEL_MAX, true);
  const max = between(rule.level_max, 1, LEVEL_MAX, true);
  if (min) problems.level_min = min;
  if (max) problems.level_max = max;
  const low = toInt(rule.level_min);
  const high = toInt(rule.level_max);
  if (!max && low !== null && high !== null && low > high) problems.level_max = { key: "levelOrder" };
  return problems;
}

/** Every problem the wizard can see by itself, by form path (the server checks the rest). */
export function wizardProblems(v: WizardValues): Record<string, WizardProblem> {
  const problems: Record<string, WizardProblem> = {};
  const put = (path: string, problem: WizardProblem | null) => {
    if (problem) problems[path] = problem;
  };
  if (v.purposes.length === 0) put("purposes", { key: "purposes" });
  if (v.purposes.includes("custom") && v.custom_purpose.trim() === "") put("custom_purpose", { key: "customPurpose" });
  v.success_metrics.forEach((m, i) => {
    if (m.name.trim() === "") put(`success_metrics.${i}.name`, { key: "metricName" });
    if (blank(m.target) || !Number.isFinite(Number(m.target))) put(`success_metrics.${i}.target`, { key: "metricTarget" });
    if (m.source === "survey_question" && m.question.trim() === "") put(`success_metrics.${i}.question`, { key: "metricQuestion" });
  });
  const name = v.name.trim();
  if (name === "") put("name", { key: "name" });
  else if ([...name].length > NAME_MAX) put("name", { key: "tooLong", max: NAME_MAX });
  for (const role of ruleRoles(v.kind)) {
    for (const [field, problem] of Object.entries(ruleProblems(v.eligibility[role]))) put(`eligibility.${role}.${field}`, problem);
  }
  put("slots", between(v.slots, 1, 10_000));
  put("mentor_capacity", between(v.mentor_capacity, 1, 20));
  if (v.start_date && v.end_date && v.start_date >= v.end_date) put("end_date", { key: "endAfterStart" });
  put("meetings_per_month", between(v.meetings_per_month, 1, 31));
  put("minutes_per_meeting", between(v.minutes_per_meeting, 5, 480));
  v.training.forEach((m, i) => {
    if (m.title.trim() === "") put(`training.${i}.title`, { key: "moduleTitle" });
    if (m.url.trim() !== "" && !isWebLink(m.url.trim())) put(`training.${i}.url`, { key: "webLink" });
  });
  v.resources.forEach((r, i) => {
    if (r.title.trim() === "") put(`resources.${i}.title`, { key: "resourceTitle" });
    if (!isWebLink(r.link.trim())) put(`resources.${i}.link`, { key: "webLink" });
  });
  return problems;
}

/** What a step must fix before the next one opens: the problems of the fields it shows. */
export function stepProblems(step: number, v: WizardValues): Record<string, WizardProblem> {
  const names = STEP_FIELDS[step] ?? [];
  return Object.fromEntries(Object.entries(wizardProblems(v)).filter(([path]) => names.includes(path.split(".")[0] ?? path)));
}
