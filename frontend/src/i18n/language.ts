import type { Locale } from "../api/types";

export type Language = Locale;

const DEVICE_KEY = "tandem.lang";

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function asLanguage(value: string | null | undefined): Language | null {
  if (!value) return null;
  const base = value.toLowerCase().split("-")[0];
  return base === "ja" || base === "en" ? base : null;
}

/** Before sign-in: the last language chosen on this device, else the browser's, else English. */
export function deviceLanguage(storage: KeyValueStorage, browserLanguages: readonly string[]): Language {
  const chosen = asLanguage(storage.getItem(DEVICE_KEY));
  if (chosen) return chosen;
  for (const candidate of browserLanguages) {
    const language = asLanguage(candidate);
    if (language) return language;
  }
  return "en";
}

/** Signed in: the person's own language, saved on the server (so any device opens in it), else the tenant's. */
export function userLanguage(userLocale: Language | null, tenantLocale: Language): Language {
  return userLocale ?? tenantLocale;
}

/** Remembers a choice for this device's sign-in pages; a signed-in person's is saved on the server too. */
export function rememberLanguage(storage: KeyValueStorage, language: Language): void {
  storage.setItem(DEVICE_KEY, language);
}

/** The BCP 47 tag for Intl: Japanese as used in Japan. */
export function intlLocale(language: Language): string {
  return language === "ja" ? "ja-JP" : "en";
}
