import { describe, expect, it } from "vitest";
import en from "../../i18n/en.json";
import ja from "../../i18n/ja.json";
import { daysProblem, formPath, NUDGE_RULES, NUDGE_STATES, peopleInLog, toFormValues, toRequest } from "./nudges";

describe("nudge settings", () => {
  it("puts the rules in the order a person meets them, and sends every rule back with its timing", () => {
    const values = toFormValues({
      paused: false,
      weekly_cap: 3,
      rules: [
        { rule: "program_ending", enabled: true, days: 14 },
        { rule: "no_session", enabled: true, days: 21 },
        { rule: "kickoff_tomorrow", enabled: false, days: 1 },
      ],
    });
    expect(values.rules.map((r) => r.rule)).toEqual(["kickoff_tomorrow", "no_session", "program_ending"]);
    values.rules[1]!.days = "7";
    values.paused = true;
    expect(toRequest(values)).toEqual({
      paused: true,
      rules: [
        { rule: "kickoff_tomorrow", enabled: false, days: 1 },
        { rule: "no_session", enabled: true, days: 7 },
        { rule: "program_ending", enabled: true, days: 14 },
      ],
    });
  });

  it("takes whole days from 1 to 90", () => {
    expect(daysProblem(1)).toBe(false);
    expect(daysProblem("90")).toBe(false);
    expect(daysProblem(0)).toBe(true);
    expect(daysProblem(91)).toBe(true);
    expect(daysProblem("")).toBe(true);
    expect(daysProblem(2.5)).toBe(true);
  });

  it("finds the form's field of the server's `rules[i].days`", () => {
    expect(formPath("rules[2].days")).toBe("rules.2.days");
    expect(formPath("paused")).toBe("paused");
  });

  it("offers each person of the log once, by name", () => {
    expect(
      peopleInLog([
        { person_id: "b", name: "Ren Ito" },
        { person_id: "a", name: "Aoi Mori" },
        { person_id: "b", name: "Ren Ito" },
      ]),
    ).toEqual([
      { value: "a", label: "Aoi Mori" },
      { value: "b", label: "Ren Ito" },
    ]);
  });

  it("describes every rule and state in both languages", () => {
    for (const rule of NUDGE_RULES) {
      for (const c of [en, ja]) {
        expect(c.nudges.rules[rule], rule).toBeTruthy();
        expect(c.nudges.ruleHints[rule], rule).toBeTruthy();
      }
    }
    for (const state of NUDGE_STATES) {
      expect(en.nudges.states[state], state).toBeTruthy();
      expect(ja.nudges.states[state], state).toBeTruthy();
    }
  });
});
