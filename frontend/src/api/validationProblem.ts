import { toProblem } from "./problem";
import type { Problem } from "./types";

/** A validation problem as the server sends it, for tests of forms: each error is `[field, message]`. */
export function validationProblem(errors: ReadonlyArray<readonly [string, string]>): Problem {
  return toProblem(
    {
      type: "/problems/validation",
      title: "The request has invalid fields",
      status: 422,
      detail: `${errors.length} fields are invalid`,
      code: "fields_invalid",
      errors: errors.map(([field, message]) => ({ field, code: "invalid", message })),
    },
    422,
  );
}
