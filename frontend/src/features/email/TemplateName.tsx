import { useTranslation } from "react-i18next";
import { templateNameKey } from "./templates";

/** A template's name in the console's language; names this console does not know yet as they are. */
export function TemplateName({ name }: { name: string }) {
  const { t } = useTranslation();
  const key = templateNameKey(name);
  return <>{key ? t(key) : name}</>;
}
