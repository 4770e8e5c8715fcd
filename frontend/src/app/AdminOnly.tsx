import { Alert } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { canAdminister } from "../features/auth/permissions";
import { useConsoleUser } from "./AppLayout";

/** Settings pages are for owners and admins; others get an explanation, not an error. */
export function AdminOnly() {
  const { t } = useTranslation();
  const user = useConsoleUser();
  if (canAdminister(user.role)) return <Outlet />;
  return (
    <Alert color="yellow" icon={<IconLock size={18} />} title={t("access.deniedTitle")}>
      {t("access.deniedBody")}
    </Alert>
  );
}
