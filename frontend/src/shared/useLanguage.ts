import { useTranslation } from "react-i18next";
import { asLanguage, type Language } from "../i18n/language";

/** The console's current language; components re-render when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return asLanguage(i18n.language) ?? "en";
}
