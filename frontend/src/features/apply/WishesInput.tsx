import type { ReactNode } from "react";
import { TagsInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import { MAX_WISHES, wishes } from "./applyForm";

interface Props {
  label: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: ReactNode;
}

/** Colleagues one would (or would rather not) be paired with, by work email: optional, up to five. */
export function WishesInput({ label, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <TagsInput
      label={label}
      description={t("apply.wishesHint", { max: formatNumber(MAX_WISHES, language) })}
      value={value}
      onChange={(list) => onChange(wishes(list))}
      error={error}
      maxTags={MAX_WISHES}
      splitChars={[",", " ", ";", "、"]}
      inputMode="email"
      clearable
    />
  );
}
