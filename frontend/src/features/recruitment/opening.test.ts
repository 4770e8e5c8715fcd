import { describe, expect, it } from "vitest";
import type { Audience, InviteeView } from "../../api/types";
import en from "../../i18n/en.json";
import ja from "../../i18n/ja.json";
import { languageSplit, openingSays } from "./audience";
import { decisionRequest, DECISION_MESSAGE_LIMIT } from "./decision";
import { applicationKey, emailInFlight, emailStateKey } from "./inviteeList";

const audience = (over: Partial<Audience> = {}): Audience => ({
  emails: 36,
  by_language: { en: 24, ja: 12 },
  sample: [{ person_id: "p1", name: "Ren Ito", language: "ja" }],
  sends_at: null,
  ...over,
});
const message = { en: { subject: "Join", body: "Hello" } };
const now = Date.parse("2026-11-25T00:00:00Z");

describe("the confirmation before a campaign opens", () => {
  it("says how many it emails now, or when its message is scheduled", () => {
    expect(openingSays({ kind: "closed", messages: message }, audience(), now)).toEqual({ kind: "now", count: 36 });
    expect(openingSays({ kind: "open", messages: message }, audience({ sends_at: "2026-11-30T09:00:00Z" }), now)).toEqual({
      kind: "scheduled",
      count: 36,
      at: "2026-11-30T09:00:00Z",
    });
    // A send time already past sends at once.
    expect(openingSays({ kind: "open", messages: message }, audience({ sends_at: "2026-11-20T09:00:00Z" }), now).kind).toBe("now");
  });

  it("says an open campaign without a message emails nobody and only its link works", () => {
    expect(openingSays({ kind: "open", messages: {} }, audience({ emails: 0, by_language: {} }), now)).toEqual({
      kind: "noMessage",
      publicLink: true,
    });
    expect(openingSays({ kind: "closed", messages: {} }, audience({ emails: 0 }), now)).toEqual({ kind: "noMessage", publicLink: false });
    expect(openingSays({ kind: "closed", messages: message }, audience({ emails: 0, by_language: {}, sample: [] }), now)).toEqual({ kind: "nobody" });
    expect(en.recruitment.opening.noMessageLink).toMatch(/emails nobody, and only its public link works/);
  });

  it("splits the count by language, leaving out languages nobody reads", () => {
    expect(languageSplit(audience())).toEqual([
      { locale: "en", count: 24 },
      { locale: "ja", count: 12 },
    ]);
    expect(languageSplit(audience({ by_language: { ja: 3 } }))).toEqual([{ locale: "ja", count: 3 }]);
    const said = [
      en.recruitment.opening.emailsNow_other.replace("{{shown}}", "36"),
      en.recruitment.opening.inLanguage.replace("{{shown}}", "12").replace("{{language}}", en.recruitment.opening.languages.ja),
    ].join(" ");
    expect(said).toBe("This emails 36 people now. 12 in Japanese");
  });
});

describe("the invite list", () => {
  it("says each email state and application status in words, in both languages", () => {
    const states = ["queued", "sending", "sent", "retrying", "failed", "suppressed", null] as const;
    for (const email_state of states) {
      for (const catalogue of [en, ja]) {
        const key = emailStateKey({ email_state });
        const words = key.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], catalogue);
        expect(typeof words, key).toBe("string");
        expect(words).not.toBe(email_state);
      }
    }
    expect(emailStateKey({ email_state: null })).toBe("recruitment.inviteeList.notEmailed");
    expect(applicationKey(null)).toBe("recruitment.inviteeList.notApplied");
    expect(applicationKey("waitlisted")).toBe("recruitment.statuses.waitlisted");
  });

  it("is read again while an email is on its way", () => {
    const inFlight = (s: InviteeView["email_state"]) => emailInFlight(s);
    expect(["queued", "sending", "retrying"].every((s) => inFlight(s as InviteeView["email_state"]))).toBe(true);
    expect([null, "sent", "failed", "suppressed"].some((s) => inFlight(s as InviteeView["email_state"]))).toBe(false);
  });
});

describe("a decision", () => {
  it("emails the applicant by default, with the admin's words when there are some", () => {
    expect(decisionRequest("accept", "  See you at the kickoff.  ", true)).toEqual({
      decision: "accept",
      notify: true,
      message: "See you at the kickoff.",
    });
    expect(decisionRequest("decline", "   ", true)).toEqual({ decision: "decline", notify: true });
    expect(decisionRequest("waitlist", "Not sent", false)).toEqual({ decision: "waitlist", notify: false });
    expect(DECISION_MESSAGE_LIMIT).toBe(2000);
  });
});
