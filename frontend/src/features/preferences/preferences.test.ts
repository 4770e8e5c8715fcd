import { describe, expect, it } from "vitest";
import { allOff, changesFrom, choicesFrom, sameChoices, tokenFrom } from "./preferences";

describe("email preferences", () => {
  it("reads the optional categories and ignores transactional email", () => {
    const choices = choicesFrom({
      categories: [
        { category: "campaign", subscribed: true },
        { category: "nudge", subscribed: false },
        { category: "transactional", subscribed: false },
      ],
    });
    expect(choices).toEqual({ campaign: true, match: true, nudge: false, survey: true });
  });

  it("saves every optional category and never transactional email", () => {
    const changes = changesFrom({ campaign: true, match: false, nudge: true, survey: false });
    expect(changes).toEqual([
      { category: "campaign", subscribed: true },
      { category: "match", subscribed: false },
      { category: "nudge", subscribed: true },
      { category: "survey", subscribed: false },
    ]);
  });

  it("unsubscribes from all optional email at once", () => {
    expect(changesFrom(allOff()).every((c) => !c.subscribed)).toBe(true);
    expect(sameChoices(allOff(), { campaign: false, match: false, nudge: false, survey: false })).toBe(true);
    expect(sameChoices(allOff(), { campaign: false, match: true, nudge: false, survey: false })).toBe(false);
  });

  it("takes the token from the link, and nothing from a cut link", () => {
    expect(tokenFrom("?token=abc.def")).toBe("abc.def");
    expect(tokenFrom("?token=a%2Bb")).toBe("a+b");
    expect(tokenFrom("?token=")).toBeNull();
    expect(tokenFrom("?token=%20")).toBeNull();
    expect(tokenFrom("")).toBeNull();
  });
});
