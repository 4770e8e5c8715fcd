import { Anchor, Card, Paper, SimpleGrid, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate, formatNumber } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";
import { HealthBadge } from "../tracking/HealthBadge";
import { HEALTH_COLOR, needingAttentionFirst } from "../tracking/health";
import { formatIndex } from "../tracking/reciprocity";
import { HEALTH_STATUSES } from "../tracking/types";
import type { Monitoring } from "./types";

/** How many pairs are on track, at risk or inactive, and every pair with why (those needing attention first). */
export function PairsHealthCard({ monitoring }: { monitoring: Monitoring }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pairs = needingAttentionFirst(monitoring.pairs);
  return (
    <Card withBorder padding="lg" data-testid="pairs-health">
      <Title order={2} size="h4" mb="sm">
        {t("launch.pairs.title")}
      </Title>
      <SimpleGrid cols={{ base: 3 }} spacing="xs" mb="md">
        {HEALTH_STATUSES.map((status) => (
          <Paper key={status} withBorder p="xs" radius="md" data-testid={`health-count-${status}`}>
            <Text size="xs" c="dimmed">
              {t(`tracking.health.${status}`)}
            </Text>
            <Text size="xl" fw={700} c={HEALTH_COLOR[status]} data-testid="health-count">
              {formatNumber(monitoring.health[status], language)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {pairs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("launch.pairs.empty")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("launch.pairs.pair")}</Table.Th>
                <Table.Th>{t("launch.pairs.health")}</Table.Th>
                <Table.Th>{t("launch.pairs.lastSession")}</Table.Th>
                <Table.Th ta="right">{t("launch.pairs.sessions")}</Table.Th>
                <Table.Th ta="right">{t("launch.pairs.reciprocity")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pairs.map((p) => (
                <Table.Tr key={p.id} data-testid="monitored-pair" data-pair={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/pairs/${p.id}`} size="sm" data-testid="monitored-pair-link">
                      {t("launch.pairs.names", { mentor: p.mentor.name, mentee: p.mentee.name })}
                    </Anchor>
                    {p.state !== "active" && (
                      <Text size="xs" c="dimmed">
                        {t(`tracking.states.${p.state}`)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td maw={260}>
                    <HealthBadge health={p.health} withReasons />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.last_session_at ? formatDate(p.last_session_at, language) : t("launch.pairs.never")}</Text>
                  </Table.Td>
                  <Table.Td ta="right" data-testid="monitored-sessions">
                    {formatNumber(p.sessions, language)}
                  </Table.Td>
                  <Table.Td ta="right" data-testid="monitored-reciprocity">
                    {formatIndex(p.reciprocity, language) ?? "—"}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
