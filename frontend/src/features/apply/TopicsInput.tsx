import type { ReactNode } from "react";
import { TagsInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { topics } from "./applyForm";

interface Props {
  label: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: ReactNode;
  /** Topics to pick from (the company's skills, most common first); others may be typed. */
  suggestions: readonly string[];
}

/** What someone can teach or wants to learn, as tags: picked from suggestions or typed, commas splitting them. */
export function TopicsInput({ label, value, onChange, error, suggestions }: Props) {
  const { t } = useTranslation();
  return (
    <TagsInput
      label={label}
      description={t("apply.topicsHint")}
      data={[...suggestions]}
      value={value}
      onChange={(tags) => onChange(topics(tags))}
      error={error}
      splitChars={[",", "、"]}
      limit={8}
      clearable
    />
  );
}
