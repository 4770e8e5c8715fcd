import { describe, expect, it } from "vitest";
import type { BlindProfile, MatchingEditView, ProposalView, RevealedPerson, ScorePart } from "../../api/types";
import { detailWords, partBars } from "./parts";
import { decisionOf, editOf, editPair, revealMap, type MadeHereById } from "./reveal";

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

const edit = (id: string, kind: MatchingEditView["kind"], mentor: string, mentee: string): MatchingEditView => ({
  id,
  kind,
  mentor_id: mentor,
  mentee_id: mentee,
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

  it("name the pair of a lock or forbid once revealed, else its pseudonyms if it was made here", () => {
    const made: MadeHereById = {
      e1: { runId: "r1", runCreatedAt: "2026-12-06T04:47:48Z", proposalId: "p1", mentor: "P-017", mentee: "P-003" },
    };
    const lock = edit("e1", "lock", "riku", "emi");
    expect(editPair(lock, revealed, made)).toMatchObject({ kind: "names", mentor: { name: "Riku Ono" }, mentee: { name: "Emi Hayashi" } });
    expect(editPair(lock, null, made)).toMatchObject({ kind: "pseudonyms", mentor: "P-017", mentee: "P-003", runId: "r1" });
    // Someone outside the revealed run, and an edit made elsewhere: nothing to name them by.
    expect(editPair(edit("e2", "forbid", "riku", "tom"), revealed, made)).toEqual({ kind: "hidden" });
  });
});

describe("what holds for a proposed pair from the next run on", () => {
  const revealed = revealMap([person("P-004", "riku", "Riku Ono"), person("P-001", "emi", "Emi Hayashi")]);
  const pair = proposal("p1", "P-004", "P-001");

  it("is the lock or forbid made on it here, while the names are hidden", () => {
    const forbid = edit("e1", "forbid", "riku", "emi");
    const made: MadeHereById = { e1: { runId: "r1", runCreatedAt: "", proposalId: "p1", mentor: "P-004", mentee: "P-001" } };
    expect(editOf(pair, "r1", [forbid], null, made)).toBe(forbid);
    expect(editOf(pair, "r2", [forbid], null, made)).toBeNull();
    expect(editOf(pair, "r1", [], null, made)).toBeNull();
    expect(decisionOf(pair, forbid, false)).toBe("forbid");
  });

  it("is found by the people once revealed, in either order", () => {
    const lock = edit("e9", "lock", "emi", "riku");
    expect(editOf(pair, "r1", [lock], revealed, {})).toBe(lock);
    expect(decisionOf(pair, lock, true)).toBe("lock");
  });

  it("is a lock for a pair the run kept by one, unless the revealed names show it was taken back", () => {
    const kept = proposal("p2", "P-004", "P-001", true);
    expect(decisionOf(kept, null, false)).toBe("lock");
    expect(decisionOf(kept, null, true)).toBeNull();
    expect(decisionOf(pair, null, false)).toBeNull();
  });
});
