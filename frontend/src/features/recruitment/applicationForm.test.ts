import { describe, expect, it } from "vitest";
import type { ApplyRequest } from "../../api/types";
import { readForm } from "./applicationForm";

describe("readForm", () => {
  it("reads back what was sent with an application", () => {
    const sent: ApplyRequest = {
      role_wanted: "mentor",
      can_teach: "TikTok",
      wants_to_learn: "Budgets",
      goals: "Work across generations",
      availability: "Tuesdays",
      languages: ["ja", "en"],
      consent: true,
      answers: { why: "fun", tools: ["Excel", "Slack"] },
      would_like: ["aoi@kumo.example"],
      rather_not: [],
    };
    expect(readForm({ ...sent })).toEqual({
      can_teach: "TikTok",
      wants_to_learn: "Budgets",
      goals: "Work across generations",
      availability: "Tuesdays",
      languages: ["ja", "en"],
      would_like: ["aoi@kumo.example"],
      rather_not: [],
      consent: true,
      answers: [
        ["why", "fun"],
        ["tools", "Excel, Slack"],
      ],
    });
  });

  it("reads what is there and ignores what is not a string", () => {
    const form = readForm({ can_teach: "TikTok", languages: ["ja", 3], consent: true, answers: { why: "fun", tools: ["A", "B"], n: 4 } });
    expect(form.can_teach).toBe("TikTok");
    expect(form.goals).toBe("");
    expect(form.languages).toEqual(["ja"]);
    expect(form.answers).toEqual([["why", "fun"], ["tools", "A, B"], ["n", ""]]);
  });

  it("gives empty parts and no consent for an empty or odd form", () => {
    expect(readForm({})).toEqual({
      can_teach: "",
      wants_to_learn: "",
      goals: "",
      availability: "",
      languages: [],
      would_like: [],
      rather_not: [],
      consent: false,
      answers: [],
    });
    expect(readForm({ consent: "yes", languages: "ja", answers: null }).consent).toBe(false);
    expect(readForm({ languages: "ja", answers: "x" })).toMatchObject({ languages: [], answers: [] });
  });
});
