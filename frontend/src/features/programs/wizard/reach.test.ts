import i18next, { type TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import type { Reach } from "../../../api/types";
import en from "../../../i18n/en.json";
import ja from "../../../i18n/ja.json";
import type { Language } from "../../../i18n/language";
import { reachLine, reachRequest, reachWords } from "./reach";
import { emptyWizard, type WizardValues } from "./wizardState";

function reverse(): WizardValues {
  const v = emptyWizard();
  v.eligibility.mentor = { ...v.eligibility.mentor, level_max: 4, departments: ["Engineering", " "] };
  v.eligibility.mentee = { ...v.eligibility.mentee, level_min: "10", regions: [" APAC "] };
  return v;
}

function answer(people: number, roles: Reach["roles"]): Reach {
  return { people, roles, departments: [], functions: [], regions: [] };
}

async function translator(language: Language): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, ja: { translation: ja } }, lng: language, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe("the question about who the rules reach", () => {
  it("asks about the mentor and the mentee rule as the design would save them", () => {
    expect(JSON.parse(reachRequest(reverse()) ?? "null")).toEqual({
      kind: "reverse",
      eligibility: [
        { role: "mentor", level_min: null, level_max: 4, departments: ["Engineering"], functions: [], regions: [], executives_only: false },
        { role: "mentee", level_min: 10, level_max: null, departments: [], functions: [], regions: ["APAC"], executives_only: false },
      ],
    });
  });

  it("asks about the one either rule of a mutual program, whatever the other roles' boxes hold", () => {
    const v = reverse();
    v.kind = "mutual";
    v.eligibility.mentee.level_min = 25;
    v.eligibility.either = { ...v.eligibility.either, functions: ["Design"], executives_only: true };
    expect(JSON.parse(reachRequest(v) ?? "null")).toEqual({
      kind: "mutual",
      eligibility: [{ role: "either", level_min: null, level_max: null, departments: [], functions: ["Design"], regions: [], executives_only: true }],
    });
  });

  it("is the same question for the same rules, so an unchanged design is not asked again", () => {
    expect(reachRequest(reverse())).toBe(reachRequest(reverse()));
    const narrower = reverse();
    narrower.eligibility.mentee.departments = ["Marketing"];
    expect(reachRequest(narrower)).not.toBe(reachRequest(reverse()));
  });

  it("waits while a level is out of range or the levels are the wrong way round", () => {
    const outOfRange = reverse();
    outOfRange.eligibility.mentee.level_min = 300;
    expect(reachRequest(outOfRange)).toBeNull();
    const backwards = reverse();
    backwards.eligibility.mentor = { ...backwards.eligibility.mentor, level_min: 6, level_max: 4 };
    expect(reachRequest(backwards)).toBeNull();
  });
});

describe("the line beside a role's rules", () => {
  const reach = answer(240, [
    { role: "mentor", people: 31 },
    { role: "mentee", people: 0 },
  ]);

  it("says how many of the directory each role's rules admit, and warns when they admit no one", () => {
    expect(reachLine(reach, "mentor")).toEqual({ key: "admits", admitted: 31, total: 240 });
    expect(reachLine(reach, "mentee")).toEqual({ key: "none" });
  });

  it("says nothing for a role the answer does not count, nor for each role of an empty directory", () => {
    expect(reachLine(reach, "either")).toBeNull();
    expect(reachLine(answer(0, [{ role: "either", people: 0 }]), "either")).toBeNull();
  });

  it("reads naturally in both languages, with numbers written the language's way", async () => {
    const inEnglish = await translator("en");
    const inJapanese = await translator("ja");
    expect(reachWords({ key: "admits", admitted: 31, total: 240 }, inEnglish, "en")).toBe("These rules admit 31 of 240 people");
    expect(reachWords({ key: "admits", admitted: 1, total: 1 }, inEnglish, "en")).toBe("These rules admit 1 of the 1 person in the directory");
    expect(reachWords({ key: "admits", admitted: 1200, total: 4500 }, inEnglish, "en")).toBe("These rules admit 1,200 of 4,500 people");
    expect(reachWords({ key: "none" }, inEnglish, "en")).toBe("No one in the directory fits these rules yet");
    expect(reachWords({ key: "admits", admitted: 31, total: 240 }, inJapanese, "ja")).toBe("ディレクトリの240人中、この条件に当てはまるのは31人です");
    expect(reachWords({ key: "none" }, inJapanese, "ja")).toBe("ディレクトリには、まだこの条件に当てはまる人がいません");
  });
});
