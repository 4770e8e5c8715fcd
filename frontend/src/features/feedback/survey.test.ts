import { describe, expect, it } from "vitest";
import { validationProblem } from "../../api/validationProblem";
import { answersBody, audiencesFor, initialSurveyForm, isAnswered, missingRequired, optionLabel, questionErrors, questionLabel, surveyRequest } from "./survey";
import type { PublicQuestion } from "./types";

const q = (key: string, kind: PublicQuestion["kind"], required = true, options: string[] = []): PublicQuestion => ({
  key,
  kind,
  label: key,
  required,
  options: options.map((value) => ({ value, label: value.toUpperCase() })),
});

const QUESTIONS = [
  q("going", "scale"),
  q("recommend", "nps"),
  q("meetings", "single_choice", true, ["More than planned", "As planned", "Less than planned"]),
  q("help", "multiple_choice", false, ["Time", "Ideas", "Training"]),
  q("comment", "text", false),
];

describe("survey answers", () => {
  it("counts blank words and no option ticked as no answer; 0 is an NPS answer", () => {
    expect(isAnswered(q("c", "text"), "  ")).toBe(false);
    expect(isAnswered(q("c", "text"), "ok")).toBe(true);
    expect(isAnswered(q("h", "multiple_choice"), [])).toBe(false);
    expect(isAnswered(q("r", "nps"), 0)).toBe(true);
    expect(isAnswered(q("g", "scale"), undefined)).toBe(false);
  });

  it("names the required questions still unanswered, in the survey's order", () => {
    expect(missingRequired(QUESTIONS, {})).toEqual(["going", "recommend", "meetings"]);
    expect(missingRequired(QUESTIONS, { going: 4, recommend: 0, meetings: "As planned" })).toEqual([]);
  });

  it("sends answered questions only, by key, with words trimmed and options in the survey's order", () => {
    const body = answersBody(QUESTIONS, {
      going: 4,
      recommend: 9,
      meetings: "As planned",
      help: ["Training", "Time"],
      comment: "  More topics please ",
    });
    expect(body).toEqual({ going: 4, recommend: 9, meetings: "As planned", help: ["Time", "Training"], comment: "More topics please" });
    expect(answersBody(QUESTIONS, { going: 2, help: [], comment: " " })).toEqual({ going: 2 });
  });

  it("puts the server's field errors on their questions and keeps the rest for the alert", () => {
    const problem = validationProblem([
      ["answers.going", "Must be between 1 and 5"],
      ["answers.help[1]", "Not an option"],
      ["answers.other", "Not a question of this survey"],
      ["token", "Missing"],
    ]);
    const { byQuestion, rest } = questionErrors(problem, QUESTIONS.map((x) => x.key));
    expect(byQuestion).toEqual({ going: "Must be between 1 and 5", help: "Not an option" });
    expect(rest).toEqual(["answers.other: Not a question of this survey", "token: Missing"]);
  });
});

describe("survey questions in the console", () => {
  const meetings = {
    key: "meetings",
    kind: "single_choice" as const,
    label: "How often do you meet?",
    labels: { ja: "どのくらいの頻度で会っていますか？" },
    options: ["As planned", "Less than planned"],
    option_labels: { ja: ["予定どおり", "予定より少ない"] },
  };

  it("reads labels and options in the console's language, else as written", () => {
    expect(questionLabel(meetings, "ja")).toBe("どのくらいの頻度で会っていますか？");
    expect(questionLabel(meetings, "en")).toBe("How often do you meet?");
    expect(questionLabel({ label: "Only English" }, "ja")).toBe("Only English");
    expect(optionLabel(meetings, "Less than planned", "ja")).toBe("予定より少ない");
    expect(optionLabel(meetings, "Less than planned", "en")).toBe("Less than planned");
    expect(optionLabel(meetings, "Unknown", "ja")).toBe("Unknown");
  });

  it("asks everyone in mutual programs, and either side in others", () => {
    expect(audiencesFor("mutual")).toEqual(["either"]);
    expect(audiencesFor("reverse")).toEqual(["either", "mentor", "mentee"]);
    expect(initialSurveyForm("mutual").audience).toBe("either");
  });

  it("leaves the title and closing day to the server when not given", () => {
    expect(surveyRequest({ kind: "mid_program", audience: "either", title: "  ", closesOn: "", anonymous: true })).toEqual({
      kind: "mid_program",
      audience: "either",
      anonymous: true,
    });
    expect(surveyRequest({ kind: "custom", audience: "mentee", title: " Pulse ", closesOn: "2027-03-15", anonymous: false })).toEqual({
      kind: "custom",
      audience: "mentee",
      anonymous: false,
      title: "Pulse",
      closes_on: "2027-03-15",
    });
  });
});
