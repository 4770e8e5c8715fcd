import { Select, type SelectProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LOCALES } from "../../api/types";

/** A language for emails or an account: English or Japanese, each named in its own language. */
export function LocaleSelect(props: Omit<SelectProps, "data">) {
  const { t } = useTranslation();
  return (
    <Select
      allowDeselect={false}
      data={LOCALES.map((value) => ({ value, label: t(`language.names.${value}`) }))}
      {...props}
    />
  );
}
