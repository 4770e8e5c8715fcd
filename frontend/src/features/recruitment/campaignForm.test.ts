import { describe, expect, it } from "vitest";
import type { CampaignView } from "../../api/types";
import { closingSoon, emptyCampaign, funnelBars, localToIso, toCampaignInput } from "./campaignForm";

const campaign = (over: Partial<CampaignView>): CampaignView => ({
  id: "c1",
  program_id: "p1",
  name: "Spring",
  kind: "open",
  state: "open",
  messages: {},
  questions: [],
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  ...over,
});

describe("toCampaignInput", () => {
  it("leaves out empty languages and blank dates, and splits choice options by line", () => {
    const values = emptyCampaign();
    values.name = "  Spring intake ";
    values.messages.en = { subject: "Join", body: "Hi {{ name }}" };
    values.questions = [
      { key: "why", label: "Why?", kind: "text", options: "ignored", required: true },
      { key: "tools", label: "Tools", kind: "multiple_choice", options: "Excel\n\n TikTok \n", required: false },
    ];
    const input = toCampaignInput(values);
    expect(input.name).toBe("Spring intake");
    expect(input.messages).toEqual({ en: { subject: "Join", body: "Hi {{ name }}" } });
    expect(input.deadline).toBeNull();
    expect(input.reminder_hours_before).toBeNull();
    expect(input.questions?.[0]?.options).toEqual([]);
    expect(input.questions?.[1]?.options).toEqual(["Excel", "TikTok"]);
  });

  it("keeps reminder hours of zero", () => {
    expect(toCampaignInput({ ...emptyCampaign(), reminderHours: 0 }).reminder_hours_before).toBe(0);
  });
});

describe("localToIso", () => {
  it("reads datetime-local values and refuses garbage", () => {
    expect(localToIso("")).toBeNull();
    expect(localToIso("soon")).toBeNull();
    expect(localToIso("2027-01-11T09:30")).toBe(new Date("2027-01-11T09:30").toISOString());
  });
});

describe("closingSoon", () => {
  const now = Date.parse("2026-11-25T00:00:00Z");
  it("keeps open campaigns closing within seven days, soonest first", () => {
    const list = [
      campaign({ id: "later", deadline: "2026-11-30T00:00:00Z" }),
      campaign({ id: "soon", deadline: "2026-11-26T00:00:00Z" }),
      campaign({ id: "far", deadline: "2026-12-10T00:00:00Z" }),
      campaign({ id: "past", deadline: "2026-11-20T00:00:00Z" }),
      campaign({ id: "closed", state: "closed", deadline: "2026-11-26T00:00:00Z" }),
      campaign({ id: "none", deadline: null }),
    ];
    expect(closingSoon(list, now).map((c) => c.id)).toEqual(["soon", "later"]);
  });
});

describe("funnelBars", () => {
  it("lists the steps from invited to accepted", () => {
    const bars = funnelBars({ invited: 5, emailed: 4, opened: 3, applied: 2, accepted: 1, matched: 0 });
    expect(bars.map((b) => b.count)).toEqual([5, 4, 3, 2, 1]);
  });
});

describe("readForm", () => {
  it("reads what is there and ignores what is not a string", async () => {
    const { readForm } = await import("./applicationForm");
    const form = readForm({ can_teach: "TikTok", languages: ["ja", 3], consent: true, answers: { why: "fun", tools: ["A", "B"], n: 4 } });
    expect(form.can_teach).toBe("TikTok");
    expect(form.goals).toBe("");
    expect(form.languages).toEqual(["ja"]);
    expect(form.answers).toEqual([["why", "fun"], ["tools", "A, B"], ["n", ""]]);
  });
});
