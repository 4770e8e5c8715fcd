import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import ja from "./ja.json";
import { asLanguage, deviceLanguage, type Language } from "./language";

export const resources = { en: { translation: en }, ja: { translation: ja } } as const;

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}

void i18n.use(initReactI18next).init({
  resources,
  lng: deviceLanguage(localStorage, navigator.languages),
  fallbackLng: "en",
  supportedLngs: ["en", "ja"],
  interpolation: { escapeValue: false },
  initAsync: false,
});

function syncDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
}
syncDocumentLanguage(i18n.language);
i18n.on("languageChanged", syncDocumentLanguage);

/** The console's current language, as one of ours. */
export function currentLanguage(): Language {
  return asLanguage(i18n.language) ?? "en";
}

export default i18n;
