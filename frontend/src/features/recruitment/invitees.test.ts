import { describe, expect, it } from "vitest";
import { mapProblemToFields } from "../../api/problem";
import { validationProblem } from "../../api/validationProblem";
import { emptyInvitees, INVITEE_FIELD_ALIASES, toInviteesRequest } from "./invitees";

describe("toInviteesRequest", () => {
  it("sends the picked people, with the eligibility choice", () => {
    const values = { ...emptyInvitees(), person_ids: ["p1", "p2"], department: "Sales", eligible_only: false };
    expect(toInviteesRequest("people", values)).toEqual({ person_ids: ["p1", "p2"], eligible_only: false });
  });

  it("sends only the filters that are set, trimmed, with levels from 1 to 20", () => {
    const values = { ...emptyInvitees(), department: " Sales ", function: "  ", region: "APAC", level_min: 2, level_max: 25, executives_only: true };
    expect(toInviteesRequest("filter", values)).toEqual({
      filter: { department: "Sales", region: "APAC", level_min: 2, is_executive: true },
      eligible_only: true,
    });
    expect(toInviteesRequest("filter", { ...emptyInvitees(), function: " Engineering " })).toEqual({
      filter: { function: "Engineering" },
      eligible_only: true,
    });
  });

  it("sends an empty filter (everyone) when nothing is set", () => {
    expect(toInviteesRequest("filter", emptyInvitees())).toEqual({ filter: {}, eligible_only: true });
  });
});

describe("the API's field errors on the invitees form", () => {
  it("land beside the picked people or the filter's fields", () => {
    const problem = validationProblem([
      ["person_ids", "name people or give a filter"],
      ["filter.level_max", "must be at most 255"],
      ["filter.is_executive", "not a boolean"],
      ["filter.team", "unknown field"],
    ]);
    expect(mapProblemToFields(problem, Object.keys(emptyInvitees()), INVITEE_FIELD_ALIASES)).toEqual({
      fieldErrors: { person_ids: "name people or give a filter", level_max: "must be at most 255", executives_only: "not a boolean" },
      unmatched: ["filter.team: unknown field"],
    });
  });
});
