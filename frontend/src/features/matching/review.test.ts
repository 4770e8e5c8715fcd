import { describe, expect, it } from "vitest";
import type { BlindProfile, MatchingEditView, ProposalView, RevealedPerson, ScorePart } from "../../api/types";
import { detailWords, partBars } from "./parts";
import { editOf, editPair, revealMap } from "./reveal";

const profile = (pseudonym: string, role: BlindProfile["role"]): BlindProfile => ({
  pseudonym,
  role,
  level_band: role === "mentor" ? "1–3" : "10–12",
  department: "IT",
  region: "Kanto",
  executive: false,
});

const proposal = (id: string, mentor: string, mentee: string, locked = false): ProposalView => ({
  id,
  mentor: profile(mentor, "mentor"),
  mentee: profile(mentee, "mentee"),
  score: 13,
  parts: [],
  explanation: "",
  locked,
});

const person = (pseudonym: string, id: string, name: string): RevealedPerson => ({
  pseudonym,
  person_id: id,
  name,
  email: `${name.split(" ")[0]?.toLowerCase()}@kumo.example`,
});

/** A lock or forbid as read for a run: its people by id, and by pseudonym when they are in that run. */
const edit = (
  id: string,
  kind: MatchingEditView["kind"],
  mentor: string,
  mentee: string,
  pseudonyms: [string | null, string | null] = [null, null],
): MatchingEditView => ({
  id,
  kind,
  mentor_id: mentor,
  mentee_id: mentee,
  mentor_pseudonym: pseudonyms[0],
  mentee_pseudonym: pseudonyms[1],
  created_at: "2026-12-06T04:47:48Z",
});

describe("a pair's breakdown", () => {
  it("is one bar per criterion of value × weight, out of the heaviest weight", () => {
    const parts: ScorePart[] = [
      { criterion: "skills", value: 0.5, weight: 5, detail: { kind: "skills", topics: ["tiktok"], wanted: 2 } },
      { criterion: "cross_region", value: 1, weight: 1, detail: { kind: "differ", differ: true, values: ["Kanto", "Kansai"] } },
      { criterion: "wishes", value: 0, weight: 2, detail: { kind: "wish", asked: false } },
      { criterion: "seniority", value: 1, weight: 10, detail: { kind: "seniority", gap: 8 } },
    ];
    expect(partBars(parts).map(({ detail: _, ...bar }) => bar)).toEqual([
      { criterion: "skills", value: 0.5, weight: 5, points: 2.5, percent: 25 },
      { criterion: "cross_region", value: 1, weight: 1, points: 1, percent: 10 },
      { criterion: "wishes", value: 0, weight: 2, points: 0, percent: 0 },
      { criterion: "seniority", value: 1, weight: 10, points: 10, percent: 100 },
    ]);
    expect(partBars(parts).map((bar) => bar.detail)).toEqual(parts.map((p) => p.detail));
  });

  it("says the facts behind each value in words", () => {
    expect(detailWords({ kind: "skills", topics: ["tiktok", "python"], wanted: 3 }, "reverse", "en")).toEqual({
      key: "matching.detail.skills",
      params: { topics: "tiktok, python", matched: 2, count: 3, wanted: 3 },
    });
    expect(detailWords({ kind: "skills", topics: ["tiktok", "python"], wanted: 3 }, "reverse", "ja").params.topics).toBe("tiktok、python");
    expect(detailWords({ kind: "skills", topics: [], wanted: 2 }, "reverse", "en").key).toBe("matching.detail.skillsNone");
    expect(detailWords({ kind: "skills", topics: [], wanted: 0 }, "reverse", "en").key).toBe("matching.detail.nothingWanted");
    expect(detailWords({ kind: "differ", differ: true, values: ["Finance", "IT"] }, "reverse", "en")).toEqual({
      key: "matching.detail.differ",
      params: { first: "Finance", second: "IT" },
    });
    expect(detailWords({ kind: "differ", differ: false, values: ["Kanto"] }, "reverse", "en")).toEqual({
      key: "matching.detail.same",
      params: { value: "Kanto" },
    });
    expect(detailWords({ kind: "differ", differ: null, values: [] }, "reverse", "en").key).toBe("matching.detail.unknown");
    expect(detailWords({ kind: "languages", shared: ["ja", "en"] }, "reverse", "en").params.languages).toBe("Japanese, English");
    expect(detailWords({ kind: "languages", shared: [] }, "reverse", "en").key).toBe("matching.detail.noLanguage");
    expect(detailWords({ kind: "overlap", hours: 4.5 }, "reverse", "en")).toEqual({ key: "matching.detail.hours", params: { count: 4.5, shown: "4.5" } });
    expect(detailWords({ kind: "overlap", hours: null }, "reverse", "en").key).toBe("matching.detail.timeZoneUnknown");
    expect(detailWords({ kind: "wish", asked: true }, "reverse", "en").key).toBe("matching.detail.wish");
  });

  it("says who is more senior in two-sided programs, and only how far apart in mutual ones", () => {
    expect(detailWords({ kind: "seniority", gap: 7 }, "reverse", "en")).toEqual({
      key: "matching.detail.menteeSenior",
      params: { count: 7, shown: "7" },
    });
    expect(detailWords({ kind: "seniority", gap: -2 }, "traditional", "en").key).toBe("matching.detail.mentorSenior");
    expect(detailWords({ kind: "seniority", gap: -2 }, "mutual", "en")).toEqual({ key: "matching.detail.levelsApart", params: { count: 2, shown: "2" } });
    expect(detailWords({ kind: "seniority", gap: 0 }, "reverse", "en").key).toBe("matching.detail.sameLevel");
    expect(detailWords({ kind: "seniority", gap: null }, "reverse", "en").key).toBe("matching.detail.levelUnknown");
  });
});

describe("names behind the pseudonyms", () => {
  const revealed = revealMap([person("P-004", "riku", "Riku Ono"), person("P-001", "emi", "Emi Hayashi"), person("P-009", "hiro", "Hiro Tanaka")]);

  it("are found by pseudonym and by person", () => {
    expect(revealed.byPseudonym.get("P-004")?.name).toBe("Riku Ono");
    expect(revealed.byPerson.get("emi")?.pseudonym).toBe("P-001");
    expect(revealed.byPseudonym.get("P-002")).toBeUndefined();
  });

  it("name the pair of a lock or forbid once revealed, else by its pseudonyms in the run shown, or say who is not in it", () => {
    const lock = edit("e1", "lock", "riku", "emi", ["P-004", "P-001"]);
    expect(editPair(lock, revealed)).toMatchObject({ kind: "names", mentor: { name: "Riku Ono" }, mentee: { name: "Emi Hayashi" } });
    expect(editPair(lock, null)).toEqual({ kind: "pseudonyms", mentor: "P-004", mentee: "P-001" });
    // Tom is not in the run shown.
    expect(editPair(edit("e2", "forbid", "riku", "tom", ["P-004", null]), revealed)).toEqual({ kind: "pseudonyms", mentor: "P-004", mentee: null });
  });
});

describe("the lock or forbid on a proposed pair", () => {
  const pair = proposal("p1", "P-004", "P-001");

  it("is found by the pseudonyms of the run shown, in either order", () => {
    const forbid = edit("e1", "forbid", "riku", "emi", ["P-004", "P-001"]);
    expect(editOf(pair, [forbid])).toBe(forbid);
    const lock = edit("e9", "lock", "emi", "riku", ["P-001", "P-004"]);
    expect(editOf(pair, [lock])).toBe(lock);
  });

  it("is none for pairs of other people, or of people not in the run shown", () => {
    expect(editOf(pair, [edit("e3", "lock", "riku", "hiro", ["P-004", "P-009"])])).toBeNull();
    expect(editOf(pair, [edit("e4", "lock", "riku", "tom", ["P-004", null])])).toBeNull();
    expect(editOf(pair, [])).toBeNull();
  });
});
