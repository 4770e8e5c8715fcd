import { describe, expect, it } from "vitest";
import { mapProblemToFields, toProblem, topLevelField } from "./problem";

const validation = {
  type: "/problems/validation",
  title: "The request has invalid fields",
  status: 422,
  detail: "3 fields are invalid",
  code: "fields_invalid",
  errors: [
    { field: "email", code: "no_at_sign", message: "must contain an @" },
    { field: "scopes[1]", message: "unknown variant `admin`" },
    { field: "tenant_id", message: "not a uuid" },
  ],
};

describe("problem documents", () => {
  it("maps field errors to the form fields they name", () => {
    const mapped = mapProblemToFields(toProblem(validation, 422), ["email", "scopes"]);
    expect(mapped.fieldErrors).toEqual({ email: "must contain an @", scopes: "unknown variant `admin`" });
    expect(mapped.unmatched).toEqual(["tenant_id: not a uuid"]);
  });

  it("keeps the first message when a field is refused twice", () => {
    const problem = toProblem(
      { ...validation, errors: [{ field: "password", message: "too short" }, { field: "password", message: "too common" }] },
      422,
    );
    expect(mapProblemToFields(problem, ["password"]).fieldErrors).toEqual({ password: "too short" });
  });

  it("follows aliases from API names to form names", () => {
    const problem = toProblem({ ...validation, errors: [{ field: "owner_name", message: "empty" }] }, 422);
    expect(mapProblemToFields(problem, ["name"], { owner_name: "name" }).fieldErrors).toEqual({ name: "empty" });
  });

  it("follows an alias to a nested input of a form field", () => {
    const problem = toProblem(
      {
        ...validation,
        errors: [
          { field: "messages.ja.subject", message: "unknown variable" },
          { field: "messages.en", message: "needs a subject and a body" },
          { field: "messages.fr", message: "no such language" },
        ],
      },
      422,
    );
    const aliases = { "messages.ja.subject": "messages.ja.subject", "messages.en": "messages.en.subject", "messages.fr": "other.fr" };
    expect(mapProblemToFields(problem, ["messages"], aliases)).toEqual({
      fieldErrors: { "messages.ja.subject": "unknown variable", "messages.en.subject": "needs a subject and a body" },
      unmatched: ["messages.fr: no such language"],
    });
  });

  it("reduces nested paths to their top-level field", () => {
    expect(topLevelField("scopes[0]")).toBe("scopes");
    expect(topLevelField("locale.value")).toBe("locale");
    expect(topLevelField("email")).toBe("email");
  });

  it("turns a body that is not a problem into a generic one with the HTTP status", () => {
    expect(toProblem("Bad Gateway", 502)).toEqual({ type: "about:blank", title: "HTTP 502", status: 502, detail: "", code: "" });
  });

  it("drops malformed field errors and keeps each one's code", () => {
    const problem = toProblem(
      { ...validation, errors: [{ field: 1 }, { field: "email", code: "no_at_sign", message: "bad" }, { field: "name", message: "x" }] },
      422,
    );
    expect(problem.code).toBe("fields_invalid");
    expect(problem.errors).toEqual([
      { field: "email", code: "no_at_sign", message: "bad" },
      { field: "name", code: "", message: "x" },
    ]);
  });
});
