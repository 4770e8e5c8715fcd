import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { GoalStatus } from "./types";

const COLORS: Record<GoalStatus, string> = { open: "blue", done: "teal", dropped: "gray" };

export function GoalStatusBadge({ status }: { status: GoalStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" style={{ flexShrink: 0 }} data-testid="goal-status" data-status={status}>
      {t(`tracking.goals.${status}`)}
    </Badge>
  );
}
