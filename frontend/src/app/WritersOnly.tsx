import { Alert } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { canWriteDirectory } from "../features/auth/permissions";
import { useConsoleUser } from "./AppLayout";

/** Pages that change people or programs; viewers get an explanation instead. */
export function WritersOnly() {
  const { t } = useTranslation();
  const user = useConsoleUser();
  if (canWriteDirectory(user.role)) return <Outlet />;
  return (
    <Alert color="yellow" icon={<IconLock size={18} />} title={t("access.deniedTitle")}>
      {t("access.readOnlyBody")}
    </Alert>
  );
}
