import { Badge, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { HEALTH_COLOR, reasonsLine } from "./health";
import type { Health } from "./types";

/** On track / at risk / inactive, with the server's reasons under it in small print when asked. */
export function HealthBadge({ health, withReasons = false }: { health: Health; withReasons?: boolean }) {
  const { t } = useTranslation();
  const reasons = reasonsLine(health, t("tracking.health.reasonSeparator"));
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={HEALTH_COLOR[health.status]} variant="light" data-testid="health" data-status={health.status}>
        {t(`tracking.health.${health.status}`)}
      </Badge>
      {withReasons && reasons && (
        <Text size="xs" c="dimmed" data-testid="health-reasons">
          {reasons}
        </Text>
      )}
    </Stack>
  );
}
