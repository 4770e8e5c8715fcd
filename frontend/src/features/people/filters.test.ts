import { describe, expect, it } from "vitest";
import { asSort, NO_FILTERS, PEOPLE_SORTS, toExportQuery, toQuery } from "./filters";

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

describe("sorting", () => {
  it("asks for an order only when it is not the default (by date added)", () => {
    expect(toQuery(NO_FILTERS, "added")).toEqual({});
    expect(toQuery(NO_FILTERS, "name")).toEqual({ sort: "name" });
    expect(toQuery({ ...NO_FILTERS, department: "sales" }, "job_level")).toEqual({ department: "sales", sort: "job_level" });
  });

  it("takes from the select only the orders the API knows", () => {
    for (const sort of PEOPLE_SORTS) expect(asSort(sort)).toBe(sort);
    expect(asSort("email")).toBeNull();
    expect(asSort(null)).toBeNull();
  });
});

describe("toExportQuery", () => {
  it("sends the list's filters and order, without paging", () => {
    const filters = { ...NO_FILTERS, q: " kato ", department: "eng", levelMin: 3, executivesOnly: true };
    const query = toExportQuery(filters, "name");
    expect(query).toEqual({ q: "kato", department: "eng", level_min: 3, is_executive: true, sort: "name" });
    expect(query).toEqual(toQuery(filters, "name"));
    expect(query).not.toHaveProperty("limit");
    expect(query).not.toHaveProperty("cursor");
  });

  it("exports everyone in the default order when nothing is set", () => {
    expect(toExportQuery(NO_FILTERS)).toEqual({});
  });
});
