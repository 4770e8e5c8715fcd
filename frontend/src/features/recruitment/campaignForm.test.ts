import { describe, expect, it } from "vitest";
import type { CampaignView } from "../../api/types";
import { mapProblemToFields } from "../../api/problem";
import { validationProblem } from "../../api/validationProblem";
import {
  CAMPAIGN_FIELD_ALIASES,
  closingSoon,
  emptyCampaign,
  fromCampaignView,
  funnelBars,
  isoToLocal,
  localToIso,
  messageHasError,
  previewRequest,
  toCampaignInput,
} from "./campaignForm";

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

describe("isoToLocal", () => {
  it("gives the datetime-local value of an instant, and nothing for none", () => {
    expect(isoToLocal(null)).toBe("");
    expect(isoToLocal(undefined)).toBe("");
    expect(isoToLocal("not a date")).toBe("");
    const local = "2027-01-11T09:30";
    expect(isoToLocal(new Date(local).toISOString())).toBe(local);
  });
});

describe("fromCampaignView", () => {
  const saved = campaign({
    name: "Spring intake",
    kind: "closed",
    state: "open",
    deadline: new Date("2027-02-01T18:00").toISOString(),
    send_at: new Date("2027-01-20T09:00").toISOString(),
    reminder_hours_before: 0,
    messages: { ja: { subject: "参加しませんか", body: "{{ name }} さん" } },
    questions: [
      { key: "why", label: "Why?", kind: "text" },
      { key: "tools", label: "Tools", kind: "multiple_choice", options: ["Excel", "TikTok"], required: true },
    ],
  });

  it("fills the form with what was saved, languages without a message left blank", () => {
    const values = fromCampaignView(saved);
    expect(values.deadline).toBe("2027-02-01T18:00");
    expect(values.sendAt).toBe("2027-01-20T09:00");
    expect(values.reminderHours).toBe(0);
    expect(values.messages.en).toEqual({ subject: "", body: "" });
    expect(values.messages.ja.subject).toBe("参加しませんか");
    expect(values.questions[0]).toEqual({ key: "why", label: "Why?", kind: "text", options: "", required: false });
    expect(values.questions[1]?.options).toBe("Excel\nTikTok");
  });

  it("sends back exactly what was saved when nothing is changed", () => {
    const input = toCampaignInput(fromCampaignView(saved));
    expect(input).toEqual({
      name: saved.name,
      kind: saved.kind,
      deadline: saved.deadline,
      send_at: saved.send_at,
      reminder_hours_before: 0,
      messages: saved.messages,
      questions: [
        { key: "why", label: "Why?", kind: "text", options: [], required: false },
        { key: "tools", label: "Tools", kind: "multiple_choice", options: ["Excel", "TikTok"], required: true },
      ],
    });
  });

  it("leaves dates and the reminder empty when the campaign has none", () => {
    const values = fromCampaignView(campaign({ deadline: null, send_at: null, reminder_hours_before: null }));
    expect([values.deadline, values.sendAt, values.reminderHours]).toEqual(["", "", ""]);
  });
});

describe("the API's field errors on the campaign form", () => {
  const problem = validationProblem([
    ["reminder_hours_before", "needs a deadline"],
    ["send_at", "must be before the deadline"],
    ["messages.ja.body", "unknown variable"],
    ["messages.en", "needs a subject and a body"],
    ["questions", "duplicate key"],
  ]);

  it("land beside the matching input, a language's message errors beside that language's inputs", () => {
    const mapped = mapProblemToFields(problem, Object.keys(emptyCampaign()), CAMPAIGN_FIELD_ALIASES);
    expect(mapped).toEqual({
      fieldErrors: {
        reminderHours: "needs a deadline",
        sendAt: "must be before the deadline",
        "messages.ja.body": "unknown variable",
        "messages.en.subject": "needs a subject and a body",
        questions: "duplicate key",
      },
      unmatched: [],
    });
    expect(messageHasError(mapped.fieldErrors, "ja")).toBe(true);
    expect(messageHasError(mapped.fieldErrors, "en")).toBe(true);
    expect(messageHasError({ sendAt: "x" }, "en")).toBe(false);
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

describe("message preview", () => {
  it("asks for each language's own message, and for a new preview whenever its text changes", () => {
    const values = emptyCampaign();
    expect(previewRequest(values, "en")).toBeNull();
    values.messages.en = { subject: "Teach a manager", body: "Hello {{ name }}" };
    values.messages.ja = { subject: "管理職に教えよう", body: "{{ name }} さん、こんにちは" };
    const en = JSON.parse(previewRequest(values, "en", null) ?? "null");
    const ja = JSON.parse(previewRequest(values, "ja", null) ?? "null");
    expect(en).toEqual({ locale: "en", message: values.messages.en, deadline: null });
    expect(ja).toEqual({ locale: "ja", message: values.messages.ja, deadline: null });
    const before = previewRequest(values, "ja");
    values.messages.ja = { ...values.messages.ja, subject: "管理職に教えよう、この春" };
    expect(previewRequest(values, "ja")).not.toBe(before);
    expect(JSON.parse(previewRequest(values, "ja") ?? "null").message.subject).toBe("管理職に教えよう、この春");
  });
});

describe("a message's deadline", () => {
  it("is previewed in the browser's time zone", () => {
    const values = { ...emptyCampaign(), deadline: "2027-02-01T18:00" };
    values.messages.en = { subject: "Join", body: "Apply by {{ deadline }}" };
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(JSON.parse(previewRequest(values, "en") ?? "null").time_zone).toBe(zone);
    expect(JSON.parse(previewRequest(values, "en", "Asia/Tokyo") ?? "null").time_zone).toBe("Asia/Tokyo");
  });

  it("refused for want of a deadline, shows beside that language's body", () => {
    const problem = validationProblem([["messages.en.body", "names {{ deadline }}, but the campaign has no deadline"]]);
    const mapped = mapProblemToFields(problem, Object.keys(emptyCampaign()), CAMPAIGN_FIELD_ALIASES);
    expect(mapped.fieldErrors).toEqual({ "messages.en.body": "names {{ deadline }}, but the campaign has no deadline" });
    expect(messageHasError(mapped.fieldErrors, "en")).toBe(true);
  });
});
