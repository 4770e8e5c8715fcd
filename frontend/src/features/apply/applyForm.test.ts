import { describe, expect, it } from "vitest";
import type { PublicCampaign } from "../../api/types";
import { validationProblem } from "../../api/validationProblem";
import en from "../../i18n/en.json";
import ja from "../../i18n/ja.json";
import { ANSWER_LIMIT, applyErrors, applyProblems, initialApply, toApplyRequest, topics, wishes, type ApplyProblem } from "./applyForm";

const campaign = (over: Partial<PublicCampaign> = {}): PublicCampaign => ({
  company: "Hoshi Foods",
  program: "Digital",
  purposes: ["knowledge_sharing"],
  meetings_per_month: 2,
  minutes_per_meeting: 45,
  training: [],
  program_kind: "reverse",
  campaign: "Spring",
  state: "open",
  roles: ["mentor", "mentee"],
  skills: ["Excel", "TikTok"],
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

  it("keeps topics as tags, split at commas, trimmed and without repeats, and sends them as comma-separated text", () => {
    expect(topics(["Python", " excel, TikTok ", "python", "", "Notion、Slack"])).toEqual(["Python", "excel", "TikTok", "Notion", "Slack"]);
    const values = { ...initialApply(campaign(), "en"), role_wanted: "mentor" as const, can_teach: ["TikTok", "Python"], wants_to_learn: ["Budgeting"] };
    const body = toApplyRequest(values, campaign({ email: "k@b.example" }));
    expect(body?.can_teach).toBe("TikTok, Python");
    expect(body?.wants_to_learn).toBe("Budgeting");
    expect(toApplyRequest({ ...values, can_teach: [] }, campaign())?.can_teach).toBe("");
  });

  it("sends the colleagues wished for, or not, as trimmed addresses without repeats", () => {
    expect(wishes([" Aoi@Kumo.example", "aoi@kumo.example", "", "ren@kumo.example "])).toEqual(["Aoi@Kumo.example", "ren@kumo.example"]);
    const values = { ...initialApply(campaign(), "en"), role_wanted: "mentee" as const, would_like: ["aoi@kumo.example"], rather_not: [] };
    const body = toApplyRequest(values, campaign({ email: "k@b.example" }));
    expect(body?.would_like).toEqual(["aoi@kumo.example"]);
    expect(body?.rather_not).toEqual([]);
  });

  it("puts each refusal beside its field, answers by key", () => {
    const { fields, rest } = applyErrors(
      validationProblem([
        ["role_wanted", "not eligible: needs job level 8 or above"],
        ["answers.why", "required"],
        ["answers.nope", "unknown"],
        ["languages[0]", "bad"],
        ["would_like[1]", "nobody in the directory has this address"],
      ]),
      ["why", "tools"],
    );
    expect(fields).toEqual({
      role_wanted: "not eligible: needs job level 8 or above",
      "answers.why": "required",
      languages: "bad",
      would_like: "nobody in the directory has this address",
    });
    expect(rest).toEqual(["answers.nope: unknown"]);
  });
});

/** A message of catalogue `L` as the form shows it. */
function say(L: unknown, problem: ApplyProblem | undefined): string | undefined {
  if (!problem) return undefined;
  const text = problem.key.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], L);
  return String(text).replace("{{max}}", "max" in problem ? problem.max.toLocaleString("en") : "");
}

describe("apply form problems", () => {
  const questions: PublicCampaign["questions"] = [
    { key: "why", label: "Why?", kind: "text", required: true },
    { key: "team", label: "Team", kind: "single_choice", options: ["A", "B"], required: true },
    { key: "tools", label: "Tools", kind: "multiple_choice", options: ["A", "B"], required: true },
    { key: "note", label: "Note", kind: "text" },
  ];
  const c = campaign({ questions });

  it("asks to enter an empty text, to choose an empty choice, and names the limit only for a long text, in both languages", () => {
    const empty = applyProblems(initialApply(c, "ja"), c);
    expect(say(en, empty["answers.why"])).toBe("Please enter your answer.");
    expect(say(ja, empty["answers.why"])).toBe("回答を入力してください。");
    expect(say(ja, empty["answers.why"])).not.toMatch(/2,000|文字以内/);
    expect(say(en, empty.role_wanted)).toBe("Please choose a role.");
    expect(say(ja, empty.role_wanted)).toBe("役割を選んでください。");
    expect(say(ja, empty.role_wanted)).not.toBe(ja.validation.required);
    expect(say(en, empty["answers.team"])).toBe("Please choose one option.");
    expect(say(ja, empty["answers.tools"])).toBe("1つ以上選んでください。");
    expect(say(en, empty.email)).toBe("Please enter your work email.");
    expect(empty["answers.note"]).toBeUndefined();

    const long = "あ".repeat(ANSWER_LIMIT + 1);
    const values = {
      ...initialApply(c, "ja"),
      answers: { why: long, team: "A", tools: ["B"], note: long },
      goals: "x".repeat(2001),
      can_teach: ["a".repeat(1000), "b".repeat(1000)],
    };
    const tooLong = applyProblems(values, c);
    expect(say(en, tooLong["answers.why"])).toBe("Please keep this to 2,000 characters or fewer.");
    expect(say(ja, tooLong["answers.note"])).toBe("2,000文字以内で入力してください。");
    expect(say(ja, tooLong.goals)).toBe("2,000文字以内で入力してください。");
    expect(say(en, tooLong.can_teach)).toBe("Please keep this to 2,000 characters or fewer.");
    expect(tooLong["answers.team"]).toBeUndefined();
    expect(tooLong["answers.tools"]).toBeUndefined();
  });

  it("asks for email addresses, at most five, in the wishes", () => {
    const values = { ...initialApply(c, "en"), would_like: ["aoi@kumo.example", "Ren Ito"], rather_not: ["a@x.example", "b@x.example", "c@x.example", "d@x.example", "e@x.example", "f@x.example"] };
    const problems = applyProblems(values, c);
    expect(problems.would_like).toEqual({ key: "apply.errors.notAnEmail", value: "Ren Ito" });
    expect(problems.rather_not).toEqual({ key: "apply.errors.tooManyWishes", max: 5 });
    expect(en.apply.errors.notAnEmail.replace("{{value}}", "Ren Ito")).toBe("“Ren Ito” is not an email address.");
  });

  it("has nothing to say about a complete form", () => {
    const values = { ...initialApply(c, "en"), email: "a@b.example", role_wanted: "mentor" as const, consent: true, answers: { why: "To learn", team: "B", tools: ["A"], note: "" } };
    expect(applyProblems(values, c)).toEqual({});
  });
});
