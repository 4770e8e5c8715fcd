import type { FieldError, Problem } from "./types";

/** A failed API call, carrying the RFC 9457 problem document the server sent (or one made up). */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** A field error as the console keeps it; one without a `code` gets an empty one. */
function asFieldError(value: unknown): FieldError | null {
  if (!isRecord(value) || typeof value.field !== "string" || typeof value.message !== "string") return null;
  return { field: value.field, code: typeof value.code === "string" ? value.code : "", message: value.message };
}

/** Reads a problem document from any error body; bodies that are not one become a generic problem. */
export function toProblem(body: unknown, status: number): Problem {
  if (isRecord(body) && typeof body.type === "string" && typeof body.title === "string") {
    const errors = Array.isArray(body.errors)
      ? body.errors.map(asFieldError).filter((e): e is FieldError => e !== null)
      : undefined;
    return {
      type: body.type,
      title: body.title,
      status: typeof body.status === "number" ? body.status : status,
      detail: typeof body.detail === "string" ? body.detail : "",
      code: typeof body.code === "string" ? body.code : "",
      ...(errors && errors.length > 0 ? { errors } : {}),
    };
  }
  return { type: "about:blank", title: `HTTP ${status}`, status, detail: "", code: "" };
}

/**
 * The form field a problem's field path points at: `scopes[1]` → `scopes`, `locale.value` → `locale`.
 * Nested paths are reported against their top-level field because our forms are flat.
 */
export function topLevelField(path: string): string {
  const match = /^[^.[\]]+/.exec(path.trim());
  return match ? match[0] : path;
}

export interface MappedProblem {
  /** Messages keyed by form field name; the first message per field wins. */
  fieldErrors: Record<string, string>;
  /** Field errors that match no field of the form, as "field: message". */
  unmatched: string[];
}

/**
 * Splits a problem's field errors into those the form can show beside a field and the rest.
 * An alias may name a nested input (`messages.en.subject`) of one of the form's fields.
 */
export function mapProblemToFields(
  problem: Problem,
  formFields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): MappedProblem {
  const fieldErrors: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const error of problem.errors ?? []) {
    const top = topLevelField(error.field);
    const field = aliases[error.field] ?? aliases[top] ?? top;
    if (formFields.includes(topLevelField(field))) {
      if (!(field in fieldErrors)) fieldErrors[field] = error.message;
    } else {
      unmatched.push(`${error.field}: ${error.message}`);
    }
  }
  return { fieldErrors, unmatched };
}
