import { describe, expect, it } from "vitest";
import en from "../../../i18n/en.json";
import ja from "../../../i18n/ja.json";
import { emptyWizard, fromProgramInput, isWebLink, stepOfFields, stepProblems, toProgramInput, type WizardProblem, type WizardValues } from "./wizardState";

function filled(): WizardValues {
  const v = emptyWizard();
  v.purposes = ["knowledge_sharing", "custom"];
  v.custom_purpose = "  Bring AI into daily work ";
  v.success_metrics = [{ name: "Confidence", target: "4.5", unit: "score", measured_by: "survey", source: "manual", question: "" }];
  v.name = " Digital reverse ";
  v.eligibility.mentor = { ...v.eligibility.mentor, level_max: 4, departments: ["Engineering", " "] };
  v.eligibility.mentee = { ...v.eligibility.mentee, level_min: "10", executives_only: true };
  v.slots = "30";
  v.start_date = "2027-01-10";
  v.training = [{ title: "Kick-off", role: "mentor", url: "" }];
  v.resources = [{ title: "Guide", link: "https://x.example/guide", description: "" }];
  return v;
}

describe("wizard → program design", () => {
  it("sends a mentor and a mentee rule, numbers as numbers and empty texts as null", () => {
    const input = toProgramInput(filled());
    expect(input).toMatchObject({
      name: "Digital reverse",
      kind: "reverse",
      purposes: ["knowledge_sharing", "custom"],
      custom_purpose: "Bring AI into daily work",
      success_metrics: [{ name: "Confidence", target: 4.5, unit: "score", measured_by: "survey", source: "manual", question: null }],
      mentors_more_junior: true,
      slots: 30,
      start_date: "2027-01-10",
      end_date: null,
      training: [{ title: "Kick-off", role: "mentor", url: null }],
      resources: [{ title: "Guide", link: "https://x.example/guide", description: null }],
    });
    expect(input.eligibility).toEqual([
      { role: "mentor", level_min: null, level_max: 4, departments: ["Engineering"], functions: [], regions: [], executives_only: false },
      { role: "mentee", level_min: 10, level_max: null, departments: [], functions: [], regions: [], executives_only: true },
    ]);
  });

  it("gives mutual programs one either rule, either-role training and no junior-mentor switch", () => {
    const v = filled();
    v.kind = "mutual";
    v.eligibility.either = { ...v.eligibility.either, regions: ["APAC"] };
    const input = toProgramInput(v);
    expect(input.eligibility).toHaveLength(1);
    expect(input.eligibility?.[0]).toMatchObject({ role: "either", regions: ["APAC"] });
    expect(input.training?.[0]?.role).toBe("either");
    expect(input).not.toHaveProperty("mentors_more_junior");
  });

  it("drops the custom text without the custom purpose, and sends unreadable numbers as 0 for the server to name", () => {
    const v = filled();
    v.purposes = ["network_building"];
    v.slots = "";
    const input = toProgramInput(v);
    expect(input.custom_purpose).toBeNull();
    expect(input.slots).toBe(0);
  });

  it("reads a saved design back unchanged", () => {
    const input = toProgramInput(filled());
    expect(toProgramInput(fromProgramInput(input))).toEqual(input);
  });
});

describe("wizard steps", () => {
  it("sends a refused field to the step that shows it", () => {
    expect(stepOfFields(["custom_purpose"])).toBe(0);
    expect(stepOfFields(["end_date", "purposes"])).toBe(0);
    expect(stepOfFields(["eligibility"])).toBe(1);
    expect(stepOfFields(["something_else"])).toBe(2);
  });

  it("asks for a purpose and a name before going on", () => {
    expect(stepProblems(0, emptyWizard())).toEqual({ purposes: { key: "purposes" } });
    expect(stepProblems(1, emptyWizard())).toEqual({ name: { key: "name" } });
    expect(stepProblems(0, filled())).toEqual({});
    expect(stepProblems(1, filled())).toEqual({});
  });

  it("checks links, numbers, dates and rows of each step when it is left, by the field to show the message beside", () => {
    const v = filled();
    v.custom_purpose = " ";
    v.success_metrics = [{ name: "", target: "", unit: "", measured_by: "", source: "manual", question: "" }];
    expect(stepProblems(0, v)).toEqual({
      custom_purpose: { key: "customPurpose" },
      "success_metrics.0.name": { key: "metricName" },
      "success_metrics.0.target": { key: "metricTarget" },
    });
    v.name = "x".repeat(201);
    v.eligibility.mentor = { ...v.eligibility.mentor, level_min: 6, level_max: 4 };
    v.eligibility.mentee = { ...v.eligibility.mentee, level_min: 25 };
    v.slots = 0;
    v.end_date = "2027-01-01";
    v.minutes_per_meeting = "";
    v.training = [{ title: " ", role: "mentor", url: "intranet/kickoff" }];
    v.resources = [{ title: "Guide", link: "ftp://x.example", description: "" }];
    expect(stepProblems(1, v)).toEqual({
      name: { key: "tooLong", max: 200 },
      "eligibility.mentor.level_max": { key: "levelOrder" },
      "eligibility.mentee.level_min": { key: "between", min: 1, max: 20 },
      slots: { key: "between", min: 1, max: 10_000 },
      end_date: { key: "endAfterStart" },
      minutes_per_meeting: { key: "between", min: 5, max: 480 },
      "training.0.title": { key: "moduleTitle" },
      "training.0.url": { key: "webLink" },
      "resources.0.link": { key: "webLink" },
    });
    // Step 1's problems are not step 0's.
    expect(Object.keys(stepProblems(0, v))).not.toContain("name");
  });

  it("sends where a metric's number comes from, and a question key only for one survey question", () => {
    const v = filled();
    v.success_metrics = [
      { name: "Changed how they work", target: "80", unit: "%", measured_by: "", source: "survey_question", question: " changed " },
      { name: "Check-ins", target: 4, unit: "", measured_by: "", source: "check_in_score", question: "left over" },
    ];
    expect(toProgramInput(v).success_metrics).toEqual([
      { name: "Changed how they work", target: 80, unit: "%", measured_by: "", source: "survey_question", question: "changed" },
      { name: "Check-ins", target: 4, unit: "", measured_by: "", source: "check_in_score", question: null },
    ]);
    const back = fromProgramInput(toProgramInput(v));
    expect(back.success_metrics.map((m) => [m.source, m.question])).toEqual([["survey_question", "changed"], ["check_in_score", ""]]);
    // A design saved before sources existed reads as entered by hand.
    const old = toProgramInput(filled());
    old.success_metrics = [{ name: "Old", target: 1, unit: "", measured_by: "" }];
    expect(fromProgramInput(old).success_metrics[0]).toMatchObject({ source: "manual", question: "" });
    v.success_metrics[0]!.question = " ";
    expect(stepProblems(0, v)).toEqual({ "success_metrics.0.question": { key: "metricQuestion" } });
  });

  it("takes the same links as the server", () => {
    expect(isWebLink("https://tandem.example/guide")).toBe(true);
    expect(isWebLink("http://intranet/guide")).toBe(true);
    expect(isWebLink("https://")).toBe(false);
    expect(isWebLink("www.example.com")).toBe(false);
    expect(isWebLink("https://a b.example")).toBe(false);
  });

  it("has a sentence-case message for every problem, in both languages", () => {
    const keys: WizardProblem["key"][] = ["purposes", "customPurpose", "name", "endAfterStart", "levelOrder", "metricName", "metricTarget", "metricQuestion", "moduleTitle", "resourceTitle", "webLink", "between", "tooLong"];
    for (const key of keys) {
      expect(en.programs.wizard.errors[key], key).toMatch(/^[A-Z].*\.$/);
      expect(ja.programs.wizard.errors[key], key).toMatch(/。$/);
    }
  });
});
