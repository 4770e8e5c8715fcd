import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RunState } from "../../api/types";

const COLORS: Record<RunState, string> = { queued: "gray", scoring: "blue", solving: "indigo", done: "teal", failed: "red" };

export function RunStateBadge({ state }: { state: RunState }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[state]} variant="light" data-testid="run-state">
      {t(`matching.states.${state}`)}
    </Badge>
  );
}
