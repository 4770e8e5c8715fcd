import { describe, expect, it } from "vitest";
import { attentionCount, pageCount } from "./attention";

describe("counts on the home page", () => {
  it("counts a page and marks a full one with more behind it", () => {
    expect(pageCount({ items: [1, 2, 3] }, "en")).toEqual({ count: 3, shown: "3" });
    expect(pageCount({ items: new Array(100).fill(0), next_cursor: "x" }, "en")).toEqual({ count: 100, shown: "100+" });
    expect(pageCount({ items: new Array(100).fill(0), next_cursor: null }, "ja")).toEqual({ count: 100, shown: "100" });
    expect(pageCount({ items: [] }, "en")).toEqual({ count: 0, shown: "0" });
  });
});

describe("what needs attention", () => {
  it("counts pairs, programs with check-ins overdue, surveys closing, and failed emails as one item", () => {
    const none = { pairs: [], check_ins_overdue: [], surveys_closing: [], failed_emails: 0 };
    expect(attentionCount(none)).toBe(0);
    expect(attentionCount({ ...none, pairs: [{}, {}], failed_emails: 5 })).toBe(3);
  });
});
