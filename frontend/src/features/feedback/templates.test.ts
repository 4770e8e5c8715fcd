import { describe, expect, it } from "vitest";
import { draftsFrom, moved, newDraft, questionsFrom } from "./templates";

const MEETINGS = {
  key: "meetings",
  kind: "single_choice" as const,
  label: "How often do you meet?",
  labels: { ja: "どのくらいの頻度で会っていますか？" },
  options: ["More than planned", "As planned"],
  option_labels: { ja: ["予定より多い", "予定どおり"] },
  required: true,
};

describe("survey templates", () => {
  it("round-trips the product's questions through the editor", () => {
    const going = { key: "going", kind: "scale" as const, label: "Our pairing is going well.", labels: { ja: "ペアの活動は順調に進んでいる。" }, required: true };
    expect(questionsFrom(draftsFrom([going, MEETINGS]))).toEqual([going, MEETINGS]);
  });

  it("trims what is typed, drops blank lines and leaves out untranslated parts", () => {
    const [draft] = draftsFrom([MEETINGS]);
    if (!draft) throw new Error("one draft");
    const saved = questionsFrom([{ ...draft, label: "  Meetings? ", labelJa: " ", options: " Often \n\n Rarely ", optionsJa: "" }]);
    expect(saved).toEqual([{ key: "meetings", kind: "single_choice", label: "Meetings?", required: true, options: ["Often", "Rarely"] }]);
  });

  it("gives words and scales no options", () => {
    const [draft] = draftsFrom([MEETINGS]);
    if (!draft) throw new Error("one draft");
    expect(questionsFrom([{ ...draft, kind: "text" }])[0]).not.toHaveProperty("options");
  });

  it("names a new question with a key not used yet", () => {
    expect(newDraft([]).key).toBe("question_1");
    const drafts = draftsFrom([MEETINGS, { ...MEETINGS, key: "question_3" }]);
    expect(newDraft(drafts).key).toBe("question_4");
  });

  it("moves a question up or down, never out of the list", () => {
    expect(moved(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
    expect(moved(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moved(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });
});
