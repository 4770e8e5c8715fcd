import { describe, expect, it } from "vitest";
import { NO_FILTERS, toQuery } from "./filters";

describe("toQuery", () => {
  it("sends nothing when no filter is set", () => {
    expect(toQuery(NO_FILTERS)).toEqual({});
  });

  it("sends the text filters that are set, trimmed, and leaves out blank ones", () => {
    expect(toQuery({ ...NO_FILTERS, q: "  sato ", department: "Sales", region: "   ", skill: "python" })).toEqual({
      q: "sato",
      department: "Sales",
      skill: "python",
    });
  });

  it("sends job levels from 1 to 20, whether typed or picked, and drops others", () => {
    expect(toQuery({ ...NO_FILTERS, levelMin: 3, levelMax: "12" })).toEqual({ level_min: 3, level_max: 12 });
    expect(toQuery({ ...NO_FILTERS, levelMin: 0, levelMax: 21 })).toEqual({});
    expect(toQuery({ ...NO_FILTERS, levelMin: "", levelMax: "abc" })).toEqual({});
    expect(toQuery({ ...NO_FILTERS, levelMin: 2.5 })).toEqual({});
  });

  it("asks for executives only when ticked, never for non-executives", () => {
    expect(toQuery({ ...NO_FILTERS, executivesOnly: true })).toEqual({ is_executive: true });
    expect(toQuery({ ...NO_FILTERS, executivesOnly: false })).not.toHaveProperty("is_executive");
  });
});
