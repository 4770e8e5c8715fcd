import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { asLanguage, rememberLanguage } from "../i18n/language";
import { useLanguage } from "../shared/useLanguage";

/** EN / 日本語, remembered for the signed-in person (and this device's sign-in pages). */
export function LanguageSwitch({ userId }: { userId: string | null }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("language.label")}
      value={language}
      onChange={(value) => {
        const next = asLanguage(value);
        if (!next) return;
        rememberLanguage(localStorage, userId, next);
        void i18n.changeLanguage(next);
      }}
      data={[
        { value: "en", label: "EN" },
        { value: "ja", label: "日本語" },
      ]}
    />
  );
}
