import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Role } from "../api/types";

const COLORS: Record<Role, string> = { owner: "grape", admin: "indigo", program_manager: "teal", viewer: "gray" };

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[role]} variant="light">
      {t(`roles.${role}`)}
    </Badge>
  );
}
