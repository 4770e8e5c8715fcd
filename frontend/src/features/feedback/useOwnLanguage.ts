import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { asLanguage } from "../../i18n/language";

// A link opens its page in the person's own language once per visit; a switch made since then stays.
const setFor = new Set<string>();

/** Switches the page to `locale` the first time the link `token` is read; the language switch still works after. */
export function useOwnLanguage(token: string | null, locale: string | undefined) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!token || !locale || setFor.has(token)) return;
    setFor.add(token);
    const own = asLanguage(locale);
    if (own && own !== i18n.language) void i18n.changeLanguage(own);
  }, [token, locale, i18n]);
}
