import { describe, expect, it } from "vitest";
import { DELIVERY_STATES } from "../../api/types";
import en from "../../i18n/en.json";
import type { TFunction } from "i18next";
import { categoryKey, suppressionReason } from "./categories";
import { deliveryStateColor, templateId, templateNameKey, variableList } from "./templates";

describe("email settings", () => {
  it("names the reasons the server records for a suppression, and keeps the words of others", () => {
    const t = ((key: string) => `t:${key}`) as unknown as TFunction;
    expect(suppressionReason(t, "unsubscribed")).toBe("t:email.suppressions.reasons.unsubscribed");
    expect(suppressionReason(t, "added by an admin")).toBe("t:email.suppressions.reasons.byAdmin");
    expect(suppressionReason(t, "hard bounce")).toBe("hard bounce");
    expect(suppressionReason(t, "toString")).toBe("toString");
  });

  it("names known templates and leaves new ones as the server calls them", () => {
    expect(templateNameKey("invitation")).toBe("email.templateNames.invitation");
    expect(templateNameKey("application_refused")).toBe("email.templateNames.application_refused");
    expect(templateNameKey("nudge_meeting")).toBeNull();
    expect(templateId({ template: "invitation", locale: "ja" })).toBe("invitation/ja");
  });

  it("lists variables by name with their sample values as text", () => {
    expect(variableList({ link: "https://x.example", company: "Sakura", count: 3, nested: { a: 1 } })).toEqual([
      { name: "company", sample: "Sakura" },
      { name: "count", sample: "3" },
      { name: "link", sample: "https://x.example" },
      { name: "nested", sample: '{"a":1}' },
    ]);
  });

  it("colours delivery states so that trouble stands out, and names each one", () => {
    expect(deliveryStateColor("sent")).toBe("teal");
    expect(deliveryStateColor("failed")).toBe("red");
    expect(deliveryStateColor("retrying")).toBe("orange");
    expect(new Set(DELIVERY_STATES.map(deliveryStateColor)).size).toBe(DELIVERY_STATES.length);
    for (const state of DELIVERY_STATES) expect(Object.keys(en.email.states)).toContain(state);
  });

  it("names every category, and shows unknown ones as they are", () => {
    for (const c of ["all", "campaign", "match", "nudge", "survey", "transactional"]) {
      expect(categoryKey(c)).toBe(`email.categories.${c}`);
    }
    expect(categoryKey("newsletter")).toBeNull();
  });
});
