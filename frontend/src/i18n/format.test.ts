import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatLanguages, formatList, formatNumber } from "./format";
import { deviceLanguage, rememberLanguage, userLanguage, type KeyValueStorage } from "./language";

const utc = { timeZone: "UTC" };
const instant = "2026-11-25T09:05:00Z";

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe("formatting", () => {
  it("writes dates the Japanese way in Japanese", () => {
    expect(formatDate(instant, "ja", utc)).toBe("2026/11/25");
    expect(formatDateTime(instant, "ja", utc)).toBe("2026/11/25 9:05");
  });

  it("writes dates the English way in English", () => {
    expect(formatDate(instant, "en", utc)).toBe("Nov 25, 2026");
    expect(formatDateTime(instant, "en", utc).replace(/\s/g, " ")).toBe("Nov 25, 2026, 9:05 AM");
  });

  it("groups digits", () => {
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
    expect(formatNumber(1234567, "ja")).toBe("1,234,567");
  });

  it("leaves an unreadable date as it came", () => {
    expect(formatDateTime("not a date", "en")).toBe("not a date");
  });
});

describe("language names", () => {
  it("names language codes in the console's language, never as codes", () => {
    expect(formatLanguages(["ja", "en"], "en")).toBe("Japanese, English");
    expect(formatLanguages(["ja", "en"], "ja")).toBe("日本語、英語");
    expect(formatLanguages([], "en")).toBe("");
  });

  it("joins names as a phrase of the console's language", () => {
    expect(formatList(["Kansai"], "en")).toBe("Kansai");
    expect(formatList(["Kansai", "Tohoku", "Kyushu"], "en")).toBe("Kansai, Tohoku, and Kyushu");
    expect(formatList(["関西", "東北"], "ja")).toBe("関西、東北");
  });
});

describe("language choice", () => {
  it("uses the browser's language before sign-in, then the device's last choice", () => {
    const storage = memoryStorage();
    expect(deviceLanguage(storage, ["ja-JP", "en-US"])).toBe("ja");
    expect(deviceLanguage(storage, ["fr-FR"])).toBe("en");
    rememberLanguage(storage, "en");
    expect(deviceLanguage(storage, ["ja-JP"])).toBe("en");
  });

  it("signed in, follows the person's saved language, else the tenant's", () => {
    expect(userLanguage(null, "ja")).toBe("ja");
    expect(userLanguage("en", "ja")).toBe("en");
  });
});
