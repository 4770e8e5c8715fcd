import { describe, expect, it } from "vitest";
import i18next from "i18next";
import en from "../../i18n/en.json";
import ja from "../../i18n/ja.json";
import { publishable, publishedRuns } from "./publish";

describe("publishing a run", () => {
  it("is possible while the program matches or is active, and not before or after", () => {
    expect(publishable("matching")).toBe(true);
    expect(publishable("active")).toBe(true);
    for (const state of ["draft", "recruiting", "completed", "archived"] as const) expect(publishable(state), state).toBe(false);
  });

  it("knows a run is published by when it was", () => {
    const published = publishedRuns([
      { id: "a", published_at: "2026-12-06T09:00:00Z" },
      { id: "b", published_at: null },
      { id: "c", published_at: "2026-12-06T10:00:00Z" },
    ]);
    expect([...published].sort()).toEqual(["a", "c"]);
    expect(published.has("b")).toBe(false);
  });

  it("says the plan in a sentence in English and Japanese", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { en: { translation: en }, ja: { translation: ja } }, lng: "en", interpolation: { escapeValue: false } });
    const sentence = (lng: "en" | "ja") => {
      const t = i18n.getFixedT(lng);
      return t("matching.publish.plan", {
        pairs: t("matching.publish.pairs", { count: 20, shown: "20" }),
        introductions: t("matching.publish.introductions", { count: 40, shown: "40" }),
        waiting: t("matching.publish.people", { count: 1, shown: "1" }),
      });
    };
    expect(sentence("en")).toBe(
      "This makes 20 pairs, emails 40 introductions (each person in their own language) and tells 1 person they wait for a partner. A run is published once.",
    );
    expect(sentence("ja")).toContain("ペアを20組作り、紹介メールを40通");
  });
});
