import { describe, expect, it } from "vitest";
import { needingAttentionFirst, reasonsLine } from "./health";
import { bucketLabel, distributionRows, formatIndex, indexLevel, topTopics } from "./reciprocity";
import type { Health } from "./types";

const pair = (id: string, status: Health["status"], last: string | null) => ({
  id,
  health: { status, reasons: [] },
  last_session_at: last,
});

describe("pair health", () => {
  it("puts the pairs needing attention first, the longest silent first within each", () => {
    const sorted = needingAttentionFirst([
      pair("fine", "on_track", "2027-02-01T09:00:00Z"),
      pair("risky-recent", "at_risk", "2027-01-30T09:00:00Z"),
      pair("silent", "inactive", null),
      pair("risky-old", "at_risk", "2027-01-02T09:00:00Z"),
      pair("risky-never", "at_risk", null),
    ]);
    expect(sorted.map((p) => p.id)).toEqual(["silent", "risky-never", "risky-old", "risky-recent", "fine"]);
  });

  it("joins the reasons into a line, and has none when there are none", () => {
    expect(reasonsLine({ status: "at_risk", reasons: ["No session in 5 weeks", " Nothing learned yet "] }, "; ")).toBe(
      "No session in 5 weeks; Nothing learned yet",
    );
    expect(reasonsLine({ status: "on_track", reasons: [" "] }, "; ")).toBeNull();
  });
});

describe("reciprocity", () => {
  it("shows the index to two decimals, and nothing before anyone recorded learning", () => {
    expect(formatIndex(0.625, "en")).toBe("0.63");
    expect(formatIndex(1, "ja")).toBe("1.00");
    expect(formatIndex(null, "en")).toBeNull();
  });

  it("puts the index in a word", () => {
    expect(indexLevel(null)).toBe("none");
    expect(indexLevel(0)).toBe("oneWay");
    expect(indexLevel(0.29)).toBe("oneWay");
    expect(indexLevel(0.3)).toBe("partly");
    expect(indexLevel(0.7)).toBe("bothWays");
  });

  it("names the distribution's buckets by their bounds, lowest first", () => {
    expect(bucketLabel({ from: 0, to: 0.2 }, "en")).toBe("0.0–0.2");
    expect(
      distributionRows(
        [
          { from: 0.2, to: 0.4, pairs: 2 },
          { from: 0, to: 0.2, pairs: 1 },
        ],
        "en",
      ),
    ).toEqual([
      { bucket: "0.0–0.2", pairs: 1 },
      { bucket: "0.2–0.4", pairs: 2 },
    ]);
  });

  it("lists the most learned topics first", () => {
    const top = topTopics(
      [
        { topic: "slack", count: 1 },
        { topic: "excel", count: 4 },
        { topic: "canva", count: 1 },
      ],
      2,
    );
    expect(top).toEqual([
      { topic: "excel", count: 4 },
      { topic: "canva", count: 1 },
    ]);
  });
});
