import { describe, expect, it } from "vitest";
import { checkInAnswer, learnedChoice, learnedFrom, recordsScore, scoreFrom, withoutScore } from "./checkIn";

describe("check-in links", () => {
  it("reads a score of 1 to 5 from the link, and nothing else", () => {
    expect(scoreFrom("?token=abc&score=4")).toBe(4);
    expect(scoreFrom("?score=1&token=abc")).toBe(1);
    expect(scoreFrom("?token=abc&score=5")).toBe(5);
    for (const bad of ["?token=abc", "?token=abc&score=", "?score=0", "?score=6", "?score=3.5", "?score=two", "?score=-1", "?score=44"]) {
      expect(scoreFrom(bad), bad).toBeNull();
    }
  });

  it("drops the score from the link once recorded, keeping the token", () => {
    expect(withoutScore("?token=a.b&score=3")).toBe("?token=a.b");
    expect(withoutScore("?score=3")).toBe("");
    expect(withoutScore("?token=a%2Bb")).toBe("?token=a%2Bb");
  });

  it("records the link's score only while open, and not again when it is the one recorded", () => {
    expect(recordsScore({ open: true, score: null }, 4)).toBe(true);
    expect(recordsScore({ open: true, score: 2 }, 4)).toBe(true);
    expect(recordsScore({ open: true, score: 4 }, 4)).toBe(false);
    expect(recordsScore({ open: false, score: null }, 4)).toBe(false);
    expect(recordsScore({ open: true, score: null }, null)).toBe(false);
  });

  it("sends the score with what was said, words trimmed and blank words left out", () => {
    expect(checkInAnswer(4, true, "  We met twice \n")).toEqual({ score: 4, learned: true, comment: "We met twice" });
    expect(checkInAnswer(2, null, "   ")).toEqual({ score: 2, learned: null, comment: null });
    expect(checkInAnswer(5, undefined, undefined)).toEqual({ score: 5, learned: null, comment: null });
  });

  it("keeps whether they learned something as a choice of yes, no or not said", () => {
    expect(learnedChoice(true)).toBe("yes");
    expect(learnedChoice(false)).toBe("no");
    expect(learnedChoice(null)).toBe("");
    expect(learnedFrom("yes")).toBe(true);
    expect(learnedFrom("no")).toBe(false);
    expect(learnedFrom("")).toBeNull();
  });
});
