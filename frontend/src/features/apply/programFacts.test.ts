import { describe, expect, it } from "vitest";
import type { PublicCampaign } from "../../api/types";
import en from "../../i18n/en.json";
import ja from "../../i18n/ja.json";
import { datesKey, hasCommitment, purposeWords, trainingFor } from "./programFacts";

const training: PublicCampaign["training"] = [
  { title: "Being a reverse mentor", role: "mentor" },
  { title: "Learning from a junior", role: "mentee" },
  { title: "Kickoff", role: "either" },
];

describe("the program's facts on the public page", () => {
  it("names each purpose in words, a custom aim in the program's own words", () => {
    expect(purposeWords({ purposes: ["knowledge_sharing", "custom"], custom_purpose: " Prepare managers for hybrid work " })).toEqual([
      { key: "programs.purposes.knowledge_sharing" },
      { text: "Prepare managers for hybrid work" },
    ]);
    expect(purposeWords({ purposes: ["custom"], custom_purpose: null })).toEqual([{ key: "programs.purposes.custom" }]);
    expect(en.programs.purposes.adapting_to_change).toBe("Adapting to change");
    expect(ja.programs.purposes.adapting_to_change).toBeTruthy();
  });

  it("says from and to, from, or until, by the dates the program has", () => {
    expect(datesKey({ start_date: "2027-01-11", end_date: "2027-06-30" })).toBe("apply.facts.fromTo");
    expect(datesKey({ start_date: "2027-01-11", end_date: null })).toBe("apply.facts.from");
    expect(datesKey({ start_date: null, end_date: "2027-06-30" })).toBe("apply.facts.until");
    expect(datesKey({ start_date: null, end_date: null })).toBeNull();
  });

  it("shows the commitment only when the design asks for one", () => {
    expect(hasCommitment({ meetings_per_month: 2, minutes_per_meeting: 45 })).toBe(true);
    expect(hasCommitment({ meetings_per_month: 0, minutes_per_meeting: 45 })).toBe(false);
    expect(en.programs.commitmentText.replace("{{meetings}}", "2").replace("{{minutes}}", "45")).toBe("2 meetings a month, 45 minutes each");
  });

  it("lists the training of the roles one may apply for", () => {
    expect(trainingFor({ training, roles: ["mentor"] }).map((m) => m.title)).toEqual(["Being a reverse mentor", "Kickoff"]);
    expect(trainingFor({ training, roles: ["either"] })).toHaveLength(3);
    expect(trainingFor({ training, roles: ["mentor", "mentee"] })).toHaveLength(3);
  });
});
