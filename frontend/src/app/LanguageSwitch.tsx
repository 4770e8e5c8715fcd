import { SegmentedControl } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import { meQueryKey } from "../features/auth/useMe";
import { asLanguage, rememberLanguage } from "../i18n/language";
import { useLanguage } from "../shared/useLanguage";

/**
 * EN / 日本語. Signed in, the choice is saved for the person on the server, so every device
 * opens in it; it is also remembered for this device's sign-in pages.
 */
export function LanguageSwitch({ userId }: { userId: string | null }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const language = useLanguage();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("language.label")}
      value={language}
      onChange={(value) => {
        const next = asLanguage(value);
        if (!next) return;
        rememberLanguage(localStorage, next);
        void i18n.changeLanguage(next);
        if (userId) {
          unwrap(api.PATCH("/api/v1/me", { body: { locale: next } }))
            .then((me) => queryClient.setQueryData(meQueryKey, me))
            // The console already speaks the new language; the next sign-in falls back to the saved one.
            .catch(() => undefined);
        }
      }}
      data={[
        { value: "en", label: "EN" },
        { value: "ja", label: "日本語" },
      ]}
    />
  );
}
