import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Role } from "../api/types";

/** What a role may do, in one line. */
export function RoleDescription({ role, withName = false, testId }: { role: Role; withName?: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed" mt={4} data-testid={testId}>
      {withName && (
        <Text span fw={600} size="xs">
          {t(`roles.${role}`)}:{" "}
        </Text>
      )}
      {t(`team.roleDescriptions.${role}`)}
    </Text>
  );
}
