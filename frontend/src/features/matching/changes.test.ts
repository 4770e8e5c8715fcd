import { describe, expect, it } from "vitest";
import type { BlindProfile, ParticipantRole } from "../../api/types";
import en from "../../i18n/en.json";
import ja from "../../i18n/ja.json";
import { validationProblem } from "../../api/validationProblem";
import { changeErrors, pairChoices, swapped } from "./changes";
import { changeSides } from "./sides";
import { withdrawalBody } from "./withdrawal";

const profile = (pseudonym: string, role: ParticipantRole = "mentor"): BlindProfile => ({
  pseudonym,
  role,
  level_band: "1–3",
  department: "IT",
  function: null,
  region: "Kanto",
  executive: false,
});

describe("changing a run's proposals", () => {
  it("swaps the mentees of two proposals", () => {
    expect(swapped({ mentor: "P-017", mentee: "P-003" }, { mentor: "P-020", mentee: "P-008" })).toEqual([
      { mentor: "P-017", mentee: "P-008" },
      { mentor: "P-020", mentee: "P-003" },
    ]);
  });

  it("offers mentors on one side and mentees on the other, proposed or left out, either-role applicants on both", () => {
    const proposals = [
      { mentor: profile("P-010"), mentee: profile("P-002", "mentee") },
      { mentor: profile("P-001"), mentee: profile("P-009", "mentee") },
    ];
    const unmatched = [{ person: profile("P-004", "mentee") }, { person: profile("P-003") }, { person: profile("P-012", "either") }];
    const { first, second } = pairChoices(proposals, unmatched, "reverse");
    expect(first.map((c) => [c.pseudonym, c.proposed])).toEqual([
      ["P-001", true],
      ["P-003", false],
      ["P-010", true],
      ["P-012", false],
    ]);
    expect(second.map((c) => c.pseudonym)).toEqual(["P-002", "P-004", "P-009", "P-012"]);
  });

  it("offers everyone on both sides in a mutual program", () => {
    const { first, second } = pairChoices(
      [{ mentor: profile("P-002", "either"), mentee: profile("P-001", "either") }],
      [{ person: profile("P-003", "either") }],
      "mutual",
    );
    expect(first.map((c) => c.pseudonym)).toEqual(["P-001", "P-002", "P-003"]);
    expect(second.map((c) => c.pseudonym)).toEqual(["P-001", "P-002", "P-003"]);
  });
});

describe("a refused change", () => {
  it("says each field error with the pseudonym it is about, and keeps it for the field's control", () => {
    const change = { kind: "swap" as const, mentor: "P-017", mentee: "P-003", other_mentor: "P-020", other_mentee: "P-099" };
    const { byField, lines } = changeErrors(
      validationProblem([
        ["other_mentee", "nobody has this pseudonym in the run"],
        ["kind", "the swapped pairs are not proposals of the run"],
      ]),
      change,
    );
    expect(byField).toEqual({ other_mentee: "nobody has this pseudonym in the run" });
    expect(lines).toEqual(["P-099: nobody has this pseudonym in the run", "the swapped pairs are not proposals of the run"]);
    expect(changeErrors({}, change)).toEqual({ byField: {}, lines: [] });
  });
});

describe("the sides a change names", () => {
  it("are mentor and mentee, or two members in a mutual program, with words for each in both languages", () => {
    expect(changeSides("reverse")).toEqual({ first: "mentor", second: "mentee" });
    expect(changeSides("mutual")).toEqual({ first: "member", second: "member" });
    for (const L of [en, ja]) {
      expect(L.matching.changes.swap.member).toBeTruthy();
      expect(L.matching.changes.swap.mentee).toBeTruthy();
    }
  });
});

describe("withdrawing from a pair", () => {
  it("names the member who leaves, or nobody when the pair ends for both, and the reason only when given", () => {
    expect(withdrawalBody({ person_id: "p1" }, "  Moved to another office ")).toEqual({ person_id: "p1", reason: "Moved to another office" });
    expect(withdrawalBody("nobody", "")).toEqual({});
    expect(withdrawalBody("nobody", "   ")).toEqual({});
  });
});
