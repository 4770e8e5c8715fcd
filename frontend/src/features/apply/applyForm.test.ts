import { describe, expect, it } from "vitest";
import type { PublicCampaign } from "../../api/types";
import { validationProblem } from "../../api/validationProblem";
import { applyErrors, initialApply, toApplyRequest } from "./applyForm";

const campaign = (over: Partial<PublicCampaign> = {}): PublicCampaign => ({
  program: "Digital",
  program_kind: "reverse",
  campaign: "Spring",
  state: "open",
  roles: ["mentor", "mentee"],
  questions: [
    { key: "why", label: "Why?", kind: "text" },
    { key: "tools", label: "Tools", kind: "multiple_choice", options: ["A", "B"] },
  ],
  ...over,
});

describe("apply form", () => {
  it("starts with one blank answer per question and no role when there is a choice", () => {
    const values = initialApply(campaign(), "ja");
    expect(values.answers).toEqual({ why: "", tools: [] });
    expect(values.role_wanted).toBeNull();
    expect(values.languages).toEqual(["ja"]);
    expect(initialApply(campaign({ roles: ["either"] }), "en").role_wanted).toBe("either");
  });

  it("sends the email only for the public link", () => {
    const values = { ...initialApply(campaign(), "en"), role_wanted: "mentor" as const, email: " a@b.example " };
    expect(toApplyRequest(values, campaign())?.email).toBe("a@b.example");
    expect(toApplyRequest(values, campaign({ email: "k@b.example" }))).not.toHaveProperty("email");
    expect(toApplyRequest({ ...values, role_wanted: null }, campaign())).toBeNull();
  });

  it("puts each refusal beside its field, answers by key", () => {
    const { fields, rest } = applyErrors(
      validationProblem([
        ["role_wanted", "not eligible: needs job level 8 or above"],
        ["answers.why", "required"],
        ["answers.nope", "unknown"],
        ["languages[0]", "bad"],
      ]),
      ["why", "tools"],
    );
    expect(fields).toEqual({ role_wanted: "not eligible: needs job level 8 or above", "answers.why": "required", languages: "bad" });
    expect(rest).toEqual(["answers.nope: unknown"]);
  });
});
