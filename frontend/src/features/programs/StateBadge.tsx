import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ProgramState } from "../../api/types";

const COLORS: Record<ProgramState, string> = {
  draft: "gray",
  recruiting: "blue",
  matching: "violet",
  active: "teal",
  completed: "green",
  archived: "dark",
};

export function StateBadge({ state }: { state: ProgramState }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[state]} variant="light" data-testid="program-state">
      {t(`programs.states.${state}`)}
    </Badge>
  );
}
