import { Badge, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { BlindProfile } from "../../api/types";
import type { Revealed } from "./reveal";

/** A person as blind review shows them: their pseudonym and job attributes, and their name once revealed. */
export function BlindPerson({ person, side, revealed }: { person: BlindProfile; side?: string; revealed: Revealed | null }) {
  const { t } = useTranslation();
  const who = revealed?.byPseudonym.get(person.pseudonym);
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
        {who && (
          <Text fw={600} data-testid="revealed-name">
            {who.name}
          </Text>
        )}
        {person.executive && (
          <Badge size="sm" variant="light" color="grape">
            {t("matching.profile.executive")}
          </Badge>
        )}
      </Group>
      {who && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {who.email}
        </Text>
      )}
      <Text size="sm" c="dimmed" data-testid="facts">
        {facts.length > 0 ? facts.join(" · ") : t("matching.profile.noFacts")}
      </Text>
    </Stack>
  );
}
