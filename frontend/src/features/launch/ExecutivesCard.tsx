import { Card, List, Paper, SimpleGrid, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import type { Executives } from "./types";

/** Executives taking part: as mentors, as mentees, and the sessions they held. */
export function ExecutivesCard({ executives }: { executives: Executives }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  const stats = [
    { key: "asMentor", value: executives.as_mentor },
    { key: "asMentee", value: executives.as_mentee },
    { key: "sessions", value: executives.sessions },
  ] as const;
  return (
    <Card withBorder padding="lg" data-testid="executives-card">
      <Title order={2} size="h4" mb="sm">
        {t("launch.executives.title")}
      </Title>
      <SimpleGrid cols={3} spacing="xs" mb="sm">
        {stats.map((s) => (
          <Paper key={s.key} withBorder p="xs" radius="md" data-testid={`executives-${s.key}`}>
            <Text size="xs" c="dimmed">
              {t(`launch.executives.${s.key}`)}
            </Text>
            <Text size="lg" fw={700}>
              {n(s.value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {executives.people.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("launch.executives.none")}
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {executives.people.map((p) => (
            <List.Item key={`${p.id}-${p.role}`}>
              {t("launch.executives.person", { name: p.name, role: t(`tracking.roles.${p.role}`), count: p.sessions, shown: n(p.sessions) })}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
