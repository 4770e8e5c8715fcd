import { Badge, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { BlindProfile } from "../../api/types";

/** A person as blind review shows them: their pseudonym and job attributes. */
export function BlindPerson({ person, side }: { person: BlindProfile; side?: string }) {
  const { t } = useTranslation();
  const facts = [
    person.level_band ? t("matching.profile.levelBand", { band: person.level_band }) : null,
    person.department,
    person.function,
    person.region,
  ].filter((f): f is string => Boolean(f));
  return (
    <Stack gap={2} data-testid={`person-${person.pseudonym}`}>
      {side && (
        <Text size="xs" c="dimmed" fw={500}>
          {side}
        </Text>
      )}
      <Group gap="xs" wrap="wrap">
        <Text fw={700} ff="monospace" data-testid="pseudonym">
          {person.pseudonym}
        </Text>
        {person.executive && (
          <Badge size="sm" variant="light" color="grape">
            {t("matching.profile.executive")}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" data-testid="facts">
        {facts.length > 0 ? facts.join(" · ") : t("matching.profile.noFacts")}
      </Text>
    </Stack>
  );
}
